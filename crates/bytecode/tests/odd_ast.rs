//! The compiler never panics, whatever AST it is given: malformed trees (which the parser does
//! not produce) give compile errors, deep trees give errors instead of exhausting the stack.
use lunar_bytecode::{compile, disasm::listing};
use lunar_syntax::ast::{
    Attrib, BinOp, Block, Chunk, Expr, ExprKind, FuncName, FunctionBody, LocalName, Return, Stat,
    StatKind, TableField, UnOp,
};

fn expr(kind: ExprKind) -> Expr {
    Expr { kind, line: 1 }
}

fn name(n: &str) -> Expr {
    expr(ExprKind::Name(n.to_string()))
}

fn stat(kind: StatKind) -> Stat {
    Stat { kind, line: 1 }
}

fn block(stats: Vec<Stat>) -> Block {
    Block {
        stats,
        ret: None,
        end_line: 1,
    }
}

fn chunk(stats: Vec<Stat>) -> Chunk {
    Chunk {
        block: block(stats),
        source: "@odd.lua".to_string(),
        end_line: 1,
    }
}

fn function(params: &[&str], is_vararg: bool, body: Block) -> FunctionBody {
    FunctionBody {
        params: params.iter().map(|p| p.to_string()).collect(),
        is_vararg,
        is_method: false,
        body,
        line: 1,
        end_line: 1,
    }
}

/// Compiles without panicking; returns the error message, if any.
fn compile_message(chunk: &Chunk) -> Option<String> {
    match compile(chunk) {
        Ok(proto) => {
            let _ = listing(&proto, true);
            None
        }
        Err(error) => Some(error.message),
    }
}

#[test]
fn malformed_statements_are_errors() {
    // a call statement that is not a call
    assert!(compile_message(&chunk(vec![stat(StatKind::Call(name("x")))])).is_some());
    assert!(
        compile_message(&chunk(vec![stat(StatKind::Call(expr(ExprKind::Paren(
            Box::new(expr(ExprKind::Call(Box::new(name("f")), vec![])))
        ))))]))
        .is_some()
    );
    // assignment targets that are not variables
    for target in [
        expr(ExprKind::Int(1)),
        expr(ExprKind::Call(Box::new(name("f")), vec![])),
        expr(ExprKind::Paren(Box::new(name("x")))),
        expr(ExprKind::Vararg),
    ] {
        let assign = StatKind::Assign {
            targets: vec![target],
            exprs: vec![expr(ExprKind::Int(1))],
        };
        assert!(compile_message(&chunk(vec![stat(assign)])).is_some());
    }
    // assignment without values
    let assign = StatKind::Assign {
        targets: vec![name("x")],
        exprs: vec![],
    };
    assert!(compile_message(&chunk(vec![stat(assign)])).is_some());
    // local statements without names
    for exprs in [vec![], vec![expr(ExprKind::Vararg)]] {
        let locals = StatKind::Local {
            names: vec![],
            exprs,
        };
        assert!(compile_message(&chunk(vec![stat(locals)])).is_some());
    }
    // function statement without a name
    let statement = StatKind::Function {
        name: FuncName {
            path: vec![],
            method: None,
        },
        func: Box::new(function(&[], false, block(vec![]))),
    };
    assert!(compile_message(&chunk(vec![stat(statement)])).is_some());
}

#[test]
fn scope_errors() {
    assert_eq!(
        compile_message(&chunk(vec![stat(StatKind::Break)])).as_deref(),
        Some("odd.lua:1: break outside loop at line 1")
    );
    assert_eq!(
        compile_message(&chunk(vec![stat(StatKind::Goto("l".to_string()))])).as_deref(),
        Some("odd.lua:1: no visible label 'l' for <goto> at line 1")
    );
    let label = || stat(StatKind::Label("l".to_string()));
    assert_eq!(
        compile_message(&chunk(vec![label(), label()])).as_deref(),
        Some("odd.lua:1: label 'l' already defined on line 1")
    );
    // `...` outside a vararg function
    let body = block(vec![stat(StatKind::Local {
        names: vec![LocalName {
            name: "a".to_string(),
            attrib: None,
        }],
        exprs: vec![expr(ExprKind::Vararg)],
    })]);
    let statement = StatKind::LocalFunction {
        name: "f".to_string(),
        func: Box::new(function(&[], false, body)),
    };
    assert!(compile_message(&chunk(vec![stat(statement)])).is_some());
    // assignment to a constant, two to-be-closed variables
    let constant = stat(StatKind::Local {
        names: vec![LocalName {
            name: "k".to_string(),
            attrib: Some(Attrib::Const),
        }],
        exprs: vec![expr(ExprKind::Int(1))],
    });
    let assign = stat(StatKind::Assign {
        targets: vec![name("k")],
        exprs: vec![expr(ExprKind::Int(2))],
    });
    assert!(compile_message(&chunk(vec![constant, assign])).is_some());
    let close = |n: &str| LocalName {
        name: n.to_string(),
        attrib: Some(Attrib::Close),
    };
    let locals = stat(StatKind::Local {
        names: vec![close("a"), close("b")],
        exprs: vec![],
    });
    assert!(compile_message(&chunk(vec![locals])).is_some());
}

#[test]
fn limits_are_errors() {
    // too many local variables
    let names = (0..300)
        .map(|i| LocalName {
            name: format!("v{i}"),
            attrib: None,
        })
        .collect();
    let locals = stat(StatKind::Local {
        names,
        exprs: vec![],
    });
    let message = compile_message(&chunk(vec![locals])).unwrap_or_default();
    assert!(message.contains("too many local variables"), "{message}");
    // too many parameters
    let parameters: Vec<String> = (0..300).map(|i| format!("p{i}")).collect();
    let parameters: Vec<&str> = parameters.iter().map(String::as_str).collect();
    let statement = StatKind::LocalFunction {
        name: "f".to_string(),
        func: Box::new(function(&parameters, false, block(vec![]))),
    };
    assert!(compile_message(&chunk(vec![stat(statement)])).is_some());
    // too many registers
    let arguments = (0..300).map(|i| expr(ExprKind::Int(i))).collect();
    let call = expr(ExprKind::Call(Box::new(name("f")), arguments));
    let message = compile_message(&chunk(vec![stat(StatKind::Call(call))])).unwrap_or_default();
    assert!(message.contains("needs too many registers"), "{message}");
    // too many upvalues: an inner function using 400 locals of two enclosing functions
    let declare = |prefix: &str| {
        stat(StatKind::Local {
            names: (0..190)
                .map(|i| LocalName {
                    name: format!("{prefix}{i}"),
                    attrib: None,
                })
                .collect(),
            exprs: vec![],
        })
    };
    let uses: Vec<Expr> = (0..190)
        .flat_map(|i| [name(&format!("a{i}")), name(&format!("b{i}"))])
        .collect();
    let inner = function(
        &[],
        false,
        Block {
            stats: vec![],
            ret: Some(Return {
                exprs: vec![expr(ExprKind::Table(
                    uses.into_iter().map(TableField::Positional).collect(),
                ))],
                line: 1,
            }),
            end_line: 1,
        },
    );
    let middle = function(
        &[],
        false,
        block(vec![
            declare("b"),
            stat(StatKind::Call(expr(ExprKind::Call(
                Box::new(expr(ExprKind::Function(Box::new(inner)))),
                vec![],
            )))),
        ]),
    );
    let outer = vec![
        declare("a"),
        stat(StatKind::LocalFunction {
            name: "m".to_string(),
            func: Box::new(middle),
        }),
    ];
    let message = compile_message(&chunk(outer)).unwrap_or_default();
    assert!(message.contains("too many upvalues"), "{message}");
}

#[test]
fn unusual_but_valid_trees_compile() {
    // literals in prefix positions, indexing and calling them
    let cases = vec![
        expr(ExprKind::Index(
            Box::new(expr(ExprKind::Str(b"s".to_vec()))),
            Box::new(expr(ExprKind::Str(b"len".to_vec()))),
        )),
        expr(ExprKind::Call(Box::new(expr(ExprKind::Nil)), vec![])),
        expr(ExprKind::MethodCall(
            Box::new(expr(ExprKind::Int(1))),
            "m".to_string(),
            vec![expr(ExprKind::Vararg)],
        )),
        expr(ExprKind::Unary(
            UnOp::Not,
            Box::new(expr(ExprKind::Binary(
                BinOp::Lt,
                Box::new(expr(ExprKind::Float(f64::NAN))),
                Box::new(expr(ExprKind::Float(f64::INFINITY))),
            ))),
        )),
        expr(ExprKind::Binary(
            BinOp::Shl,
            Box::new(expr(ExprKind::Int(i64::MIN))),
            Box::new(expr(ExprKind::Int(-1))),
        )),
        expr(ExprKind::Binary(
            BinOp::IDiv,
            Box::new(expr(ExprKind::Int(i64::MIN))),
            Box::new(expr(ExprKind::Int(-1))),
        )),
        expr(ExprKind::Binary(
            BinOp::Mod,
            Box::new(expr(ExprKind::Int(i64::MIN))),
            Box::new(expr(ExprKind::Int(-1))),
        )),
    ];
    for case in cases {
        let statement = stat(StatKind::Local {
            names: vec![LocalName {
                name: "x".to_string(),
                attrib: None,
            }],
            exprs: vec![case],
        });
        assert_eq!(compile_message(&chunk(vec![statement])), None);
    }
    // an empty chunk, a label and a goto at the very end, an empty if
    assert_eq!(compile_message(&chunk(vec![])), None);
    let statements = vec![
        stat(StatKind::If {
            conds: vec![],
            else_block: None,
        }),
        stat(StatKind::Goto("e".to_string())),
        stat(StatKind::Label("e".to_string())),
    ];
    assert_eq!(compile_message(&chunk(statements)), None);
}

/// Runs `f` on a thread with a small stack, like the test harness's, to catch recursion that
/// depends on the input size.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no stack overflow or panic");
}

#[test]
fn deep_trees_do_not_exhaust_the_stack() {
    on_small_stack(|| {
        // long left-associative chains and suffix chains are compiled iteratively
        let mut sum = expr(ExprKind::Int(1));
        let mut path = name("a");
        for _ in 0..100_000 {
            sum = expr(ExprKind::Binary(
                BinOp::Add,
                Box::new(sum),
                Box::new(name("x")),
            ));
            path = expr(ExprKind::Index(
                Box::new(path),
                Box::new(expr(ExprKind::Str(b"f".to_vec()))),
            ));
        }
        let statement = stat(StatKind::Assign {
            targets: vec![path],
            exprs: vec![sum],
        });
        assert_eq!(compile_message(&chunk(vec![statement])), None);
    });
    on_small_stack(|| {
        // nesting that the parser would reject gives an error
        let mut nested = name("x");
        for _ in 0..100_000 {
            nested = expr(ExprKind::Paren(Box::new(nested)));
        }
        let statement = stat(StatKind::Local {
            names: vec![LocalName {
                name: "y".to_string(),
                attrib: None,
            }],
            exprs: vec![nested],
        });
        assert!(compile_message(&chunk(vec![statement])).is_some());
        let mut body = block(vec![]);
        for _ in 0..10_000 {
            body = block(vec![stat(StatKind::Do(body))]);
        }
        let deep = chunk(body.stats);
        assert!(compile_message(&deep).is_some());
        std::mem::forget(deep); // dropping blocks is recursive
    });
    on_small_stack(|| {
        // nesting within the parser's limits (180 levels) compiles
        let mut nested = name("x");
        for _ in 0..60 {
            nested = expr(ExprKind::Unary(
                UnOp::Neg,
                Box::new(expr(ExprKind::Paren(Box::new(nested)))),
            ));
        }
        let mut body = block(vec![stat(StatKind::Local {
            names: vec![LocalName {
                name: "y".to_string(),
                attrib: None,
            }],
            exprs: vec![nested],
        })]);
        for _ in 0..60 {
            let func = function(&[], true, body);
            body = block(vec![stat(StatKind::LocalFunction {
                name: "f".to_string(),
                func: Box::new(func),
            })]);
        }
        assert_eq!(compile_message(&chunk(body.stats)), None);
    });
}

/// A small deterministic pseudo-random generator (xorshift).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn name(&mut self) -> String {
        ["a", "b", "x", "_ENV", "self", "k"][self.below(6) as usize].to_string()
    }

    fn expression(&mut self, depth: u32) -> Expr {
        let leaf = depth == 0 || self.below(3) == 0;
        let kind = if leaf {
            match self.below(9) {
                0 => ExprKind::Nil,
                1 => ExprKind::True,
                2 => ExprKind::False,
                3 => ExprKind::Vararg,
                4 => ExprKind::Int(
                    [0, 1, -1, 127, 128, -129, 70000, i64::MIN, i64::MAX][self.below(9) as usize],
                ),
                5 => ExprKind::Float(
                    [0.0, -0.0, 0.5, 1e300, f64::NAN, f64::INFINITY, 3.0][self.below(7) as usize],
                ),
                6 => ExprKind::Str(b"str".repeat(self.below(20) as usize)),
                _ => ExprKind::Name(self.name()),
            }
        } else {
            let d = depth - 1;
            let operators = [
                BinOp::Add,
                BinOp::Sub,
                BinOp::Mul,
                BinOp::Mod,
                BinOp::Pow,
                BinOp::Div,
                BinOp::IDiv,
                BinOp::BAnd,
                BinOp::BOr,
                BinOp::BXor,
                BinOp::Shl,
                BinOp::Shr,
                BinOp::Concat,
                BinOp::Eq,
                BinOp::Lt,
                BinOp::Le,
                BinOp::Ne,
                BinOp::Gt,
                BinOp::Ge,
                BinOp::And,
                BinOp::Or,
            ];
            match self.below(9) {
                0 | 1 => ExprKind::Binary(
                    operators[self.below(operators.len() as u64) as usize],
                    Box::new(self.expression(d)),
                    Box::new(self.expression(d)),
                ),
                2 => ExprKind::Unary(
                    [UnOp::Neg, UnOp::Not, UnOp::Len, UnOp::BNot][self.below(4) as usize],
                    Box::new(self.expression(d)),
                ),
                3 => ExprKind::Index(Box::new(self.expression(d)), Box::new(self.expression(d))),
                4 => {
                    let arguments = (0..self.below(3)).map(|_| self.expression(d)).collect();
                    ExprKind::Call(Box::new(self.expression(d)), arguments)
                }
                5 => {
                    let arguments = (0..self.below(3)).map(|_| self.expression(d)).collect();
                    ExprKind::MethodCall(Box::new(self.expression(d)), self.name(), arguments)
                }
                6 => ExprKind::Paren(Box::new(self.expression(d))),
                7 => {
                    let fields = (0..self.below(4))
                        .map(|_| match self.below(3) {
                            0 => TableField::Positional(self.expression(d)),
                            1 => TableField::Named(self.name(), self.expression(d)),
                            _ => TableField::Keyed(self.expression(d), self.expression(d)),
                        })
                        .collect();
                    ExprKind::Table(fields)
                }
                _ => {
                    let body = self.block(d);
                    ExprKind::Function(Box::new(FunctionBody {
                        params: (0..self.below(3)).map(|_| self.name()).collect(),
                        is_vararg: self.below(2) == 0,
                        is_method: self.below(4) == 0,
                        body,
                        line: 1,
                        end_line: 1,
                    }))
                }
            }
        };
        Expr {
            kind,
            line: 1 + self.below(5) as u32,
        }
    }

    fn expressions(&mut self, depth: u32, at_least: u64) -> Vec<Expr> {
        (0..at_least + self.below(3))
            .map(|_| self.expression(depth))
            .collect()
    }

    fn statement(&mut self, depth: u32) -> Stat {
        let d = depth.saturating_sub(1);
        let kind = match self.below(if depth == 0 { 6 } else { 14 }) {
            0 => StatKind::Call(self.expression(2)),
            1 => StatKind::Local {
                names: (0..self.below(3))
                    .map(|_| LocalName {
                        name: self.name(),
                        attrib: [None, None, Some(Attrib::Const), Some(Attrib::Close)]
                            [self.below(4) as usize],
                    })
                    .collect(),
                exprs: self.expressions(2, 0),
            },
            2 => StatKind::Assign {
                targets: self.expressions(2, 0),
                exprs: self.expressions(2, 0),
            },
            3 => StatKind::Break,
            4 => StatKind::Goto(["l", "m"][self.below(2) as usize].to_string()),
            5 => StatKind::Label(["l", "m"][self.below(2) as usize].to_string()),
            6 => StatKind::Do(self.block(d)),
            7 => StatKind::While {
                cond: self.expression(2),
                body: self.block(d),
            },
            8 => StatKind::Repeat {
                body: self.block(d),
                cond: self.expression(2),
            },
            9 => StatKind::If {
                conds: (0..self.below(3))
                    .map(|_| (self.expression(2), self.block(d)))
                    .collect(),
                else_block: if self.below(2) == 0 {
                    Some(self.block(d))
                } else {
                    None
                },
            },
            10 => StatKind::NumericFor {
                var: self.name(),
                start: self.expression(1),
                limit: self.expression(1),
                step: if self.below(2) == 0 {
                    Some(self.expression(1))
                } else {
                    None
                },
                body: self.block(d),
            },
            11 => StatKind::GenericFor {
                names: (0..self.below(3)).map(|_| self.name()).collect(),
                exprs: self.expressions(1, 0),
                body: self.block(d),
            },
            12 => StatKind::Function {
                name: FuncName {
                    path: (0..self.below(3)).map(|_| self.name()).collect(),
                    method: if self.below(2) == 0 {
                        Some(self.name())
                    } else {
                        None
                    },
                },
                func: Box::new(function(&["p"], self.below(2) == 0, self.block(d))),
            },
            _ => StatKind::LocalFunction {
                name: self.name(),
                func: Box::new(function(&[], true, self.block(d))),
            },
        };
        Stat {
            kind,
            line: 1 + self.below(5) as u32,
        }
    }

    fn block(&mut self, depth: u32) -> Block {
        Block {
            stats: (0..self.below(4)).map(|_| self.statement(depth)).collect(),
            ret: if self.below(4) == 0 {
                Some(Return {
                    exprs: self.expressions(2, 0),
                    line: 1,
                })
            } else {
                None
            },
            end_line: 1 + self.below(5) as u32,
        }
    }
}

#[test]
fn random_trees_never_panic() {
    let seed = std::env::var("LUNAR_RANDOM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let count = std::env::var("LUNAR_RANDOM_TREES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let mut random = Random(seed);
    let (mut compiled, mut rejected) = (0, 0);
    for _ in 0..count {
        let block = random.block(3);
        let chunk = Chunk {
            block,
            source: "=random".to_string(),
            end_line: 9,
        };
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| compile_message(&chunk)));
        match outcome {
            Ok(None) => compiled += 1,
            Ok(Some(_)) => rejected += 1,
            Err(_) => panic!("compiler panicked on {chunk:#?}"),
        }
    }
    assert!(
        compiled > 100 && rejected > 100,
        "{compiled} compiled, {rejected} rejected"
    );
}
