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
