//! Parser tests: ASTs of representative programs, error messages checked byte for byte against
//! `luac5.4 -p` (PUC Lua 5.4.4), limits, deep inputs and truncated inputs.

use lunar_syntax::ast::*;
use lunar_syntax::{parse, parse_with, ParseOptions};

fn ok(src: &str) -> Chunk {
    match parse(src.as_bytes(), "@t.lua") {
        Ok(c) => c,
        Err(e) => panic!("unexpected error for {src:?}: {e}"),
    }
}

fn err(src: &[u8]) -> String {
    match parse(src, "@t.lua") {
        Ok(_) => "OK".to_string(),
        Err(e) => e.message,
    }
}

/// Compact S-expression of an expression (shape only, no lines).
fn sx(e: &Expr) -> String {
    let list = |v: &[Expr]| v.iter().map(sx).collect::<Vec<_>>().join(" ");
    match &e.kind {
        ExprKind::Nil => "nil".into(),
        ExprKind::True => "true".into(),
        ExprKind::False => "false".into(),
        ExprKind::Vararg => "...".into(),
        ExprKind::Int(i) => format!("{i}"),
        ExprKind::Float(f) => format!("{f:?}"),
        ExprKind::Str(s) => format!("{:?}", String::from_utf8_lossy(s)),
        ExprKind::Function(f) => format!(
            "(function ({}{}) {})",
            f.params.join(" "),
            if f.is_vararg { " ..." } else { "" },
            f.body.stats.len()
        ),
        ExprKind::Table(fields) => {
            let fs: Vec<String> = fields
                .iter()
                .map(|f| match f {
                    TableField::Positional(e) => sx(e),
                    TableField::Named(n, e) => format!("{n}={}", sx(e)),
                    TableField::Keyed(k, e) => format!("[{}]={}", sx(k), sx(e)),
                })
                .collect();
            format!("{{{}}}", fs.join(" "))
        }
        ExprKind::Binary(op, a, b) => format!("({} {} {})", binop(*op), sx(a), sx(b)),
        ExprKind::Unary(op, a) => {
            let o = match op {
                UnOp::Neg => "neg",
                UnOp::Not => "not",
                UnOp::Len => "#",
                UnOp::BNot => "bnot",
            };
            format!("({o} {})", sx(a))
        }
        ExprKind::Name(n) => n.clone(),
        ExprKind::Index(a, k) => format!("{}[{}]", sx(a), sx(k)),
        ExprKind::Call(f, args) => format!("(call {} {})", sx(f), list(args)).replace(" )", ")"),
        ExprKind::MethodCall(o, m, args) => {
            format!("(mcall {} {m} {})", sx(o), list(args)).replace(" )", ")")
        }
        ExprKind::Paren(e) => format!("(paren {})", sx(e)),
    }
}

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Mod => "%",
        BinOp::Pow => "^",
        BinOp::Div => "/",
        BinOp::IDiv => "//",
        BinOp::BAnd => "&",
        BinOp::BOr => "|",
        BinOp::BXor => "~",
        BinOp::Shl => "<<",
        BinOp::Shr => ">>",
        BinOp::Concat => "..",
        BinOp::Eq => "==",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Ne => "~=",
        BinOp::Gt => ">",
        BinOp::Ge => ">=",
        BinOp::And => "and",
        BinOp::Or => "or",
    }
}

/// The expression of `return <src>`.
fn ret_expr(src: &str) -> Expr {
    let c = ok(&format!("return {src}"));
    c.block
        .ret
        .expect("return")
        .exprs
        .into_iter()
        .next()
        .expect("expr")
}

fn shape(src: &str) -> String {
    sx(&ret_expr(src))
}

fn e(kind: ExprKind, line: u32) -> Expr {
    Expr { kind, line }
}

fn name(n: &str, line: u32) -> Expr {
    e(ExprKind::Name(n.to_string()), line)
}

fn int(i: i64, line: u32) -> Expr {
    e(ExprKind::Int(i), line)
}

fn st(kind: StatKind, line: u32) -> Stat {
    Stat { kind, line }
}

// ---------------------------------------------------------------------------------------------
// ASTs
// ---------------------------------------------------------------------------------------------

#[test]
fn precedence() {
    assert_eq!(shape("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(shape("1 - 2 - 3"), "(- (- 1 2) 3)");
    assert_eq!(shape("a .. b .. c"), "(.. a (.. b c))");
    assert_eq!(shape("2 ^ 3 ^ 2"), "(^ 2 (^ 3 2))");
    assert_eq!(shape("-x ^ 2"), "(neg (^ x 2))");
    assert_eq!(shape("-x * 2"), "(* (neg x) 2)");
    assert_eq!(shape("not a == b"), "(== (not a) b)");
    assert_eq!(shape("#t + 1"), "(+ (# t) 1)");
    assert_eq!(shape("~a & b"), "(& (bnot a) b)");
    assert_eq!(shape("a or b and c"), "(or a (and b c))");
    assert_eq!(shape("a and b or c and d"), "(or (and a b) (and c d))");
    assert_eq!(shape("a < b == c"), "(== (< a b) c)");
    assert_eq!(
        shape("a | b ~ c & d << e .. f + g * h"),
        "(| a (~ b (& c (<< d (.. e (+ f (* g h)))))))"
    );
    assert_eq!(shape("a >> 1 << 2"), "(<< (>> a 1) 2)");
    assert_eq!(shape("a // b % c / d"), "(/ (% (// a b) c) d)");
    assert_eq!(shape("1 .. 2 == '12'"), "(== (.. 1 2) \"12\")");
    assert_eq!(
        shape("a <= b ~= (c >= d)"),
        "(~= (<= a b) (paren (>= c d)))"
    );
    assert_eq!(shape("- - -x"), "(neg (neg (neg x)))");
    assert_eq!(shape("2 ^ -3"), "(^ 2 (neg 3))");
    assert_eq!(shape("not not x"), "(not (not x))");
    assert_eq!(shape("a ~ ~b"), "(~ a (bnot b))");
}

#[test]
fn suffixes_and_calls() {
    assert_eq!(shape("a.b.c"), "a[\"b\"][\"c\"]");
    assert_eq!(shape("a[1][b]"), "a[1][b]");
    assert_eq!(shape("f(1, 2)(3)"), "(call (call f 1 2) 3)");
    assert_eq!(shape("f()"), "(call f)");
    assert_eq!(shape("o:m(1)"), "(mcall o m 1)");
    assert_eq!(shape("o:m'x'"), "(mcall o m \"x\")");
    assert_eq!(shape("o:m{1}"), "(mcall o m {1})");
    assert_eq!(
        shape("f'x' 'y' {z = 1}"),
        "(call (call (call f \"x\") \"y\") {z=1})"
    );
    assert_eq!(shape("(f)(1)"), "(call (paren f) 1)");
    assert_eq!(shape("a.b:c(d).e"), "(mcall a[\"b\"] c d)[\"e\"]");
    assert_eq!(shape("(...)"), "(paren ...)");
    assert_eq!(shape("..."), "...");
}

#[test]
fn tables() {
    assert_eq!(
        shape("{1, x = 2, [3] = 4; 5, f(), ...}"),
        "{1 x=2 [3]=4 5 (call f) ...}"
    );
    assert_eq!(shape("{}"), "{}");
    assert_eq!(shape("{x}"), "{x}");
    assert_eq!(shape("{x == 1}"), "{(== x 1)}");
    assert_eq!(shape("{x = y, z}"), "{x=y z}");
    assert_eq!(shape("{1,}"), "{1}");
    assert_eq!(shape("{f 'a'}"), "{(call f \"a\")}");
}

#[test]
fn literals() {
    let lits = |src: &str| -> Vec<ExprKind> {
        ok(&format!("return {src}"))
            .block
            .ret
            .unwrap()
            .exprs
            .iter()
            .map(|e| e.kind.clone())
            .collect()
    };
    assert_eq!(
        lits("1, 0x10, 0xffffffffffffffff, 9223372036854775807, 9223372036854775808"),
        vec![
            ExprKind::Int(1),
            ExprKind::Int(16),
            ExprKind::Int(-1),
            ExprKind::Int(i64::MAX),
            ExprKind::Float(9223372036854775808.0)
        ]
    );
    assert_eq!(
        lits("1.5, .5, 5., 1e3, 0x1p4, 0x.8, 0xA.8p1, 1e400, 0x10000000000000000"),
        vec![
            ExprKind::Float(1.5),
            ExprKind::Float(0.5),
            ExprKind::Float(5.0),
            ExprKind::Float(1000.0),
            ExprKind::Float(16.0),
            ExprKind::Float(0.5),
            ExprKind::Float(21.0),
            ExprKind::Float(f64::INFINITY),
            ExprKind::Int(0)
        ]
    );
    assert_eq!(
        lits("nil, true, false"),
        vec![ExprKind::Nil, ExprKind::True, ExprKind::False]
    );
    let strs = |src: &str| -> Vec<u8> {
        match &ret_expr(src).kind {
            ExprKind::Str(s) => s.clone(),
            k => panic!("not a string: {k:?}"),
        }
    };
    assert_eq!(
        strs(r#""\a\b\f\n\r\t\v\\\"\'""#),
        b"\x07\x08\x0c\n\r\t\x0b\\\"'"
    );
    assert_eq!(strs(r#"'\65\066\0677\x41\x7a'"#), b"ABC7Az");
    assert_eq!(
        strs(r#""\u{48}\u{e9}\u{20AC}\u{10FFFF}""#),
        "H\u{e9}\u{20ac}\u{10ffff}".as_bytes()
    );
    assert_eq!(strs(r#""\u{7FFFFFFF}""#), b"\xfd\xbf\xbf\xbf\xbf\xbf");
    assert_eq!(strs(r#""\u{D800}""#), b"\xed\xa0\x80");
    assert_eq!(strs("'a\\z  \n\t  b'"), b"ab");
    assert_eq!(strs("'a\\\nb'"), b"a\nb");
    assert_eq!(strs("'a\\\r\nb'"), b"a\nb");
    assert_eq!(strs("'\\0\\00\\000'"), b"\0\0\0");
    assert_eq!(strs("[[\nfirst]]"), b"first");
    assert_eq!(strs("[[\r\nfirst]]"), b"first");
    assert_eq!(strs("[==[a]]b]=]c]==]"), b"a]]b]=]c");
    assert_eq!(strs("[[a\r\nb\n\rc\rd]]"), b"a\nb\nc\nd");
    assert_eq!(strs("[[\n\nx]]"), b"\nx");
    let raw = parse(b"return '\xff\x00'", "=t").unwrap();
    assert_eq!(
        raw.block.ret.unwrap().exprs[0].kind,
        ExprKind::Str(b"\xff\x00".to_vec())
    );
}

#[test]
fn statements() {
    let c = ok("local a <const>, b <close> = 1\nx, y.z = 1, 2\n::l:: goto l\nwhile x do break end");
    let s = &c.block.stats;
    assert_eq!(s.len(), 5);
    assert_eq!(
        s[0],
        st(
            StatKind::Local {
                names: vec![
                    LocalName {
                        name: "a".into(),
                        attrib: Some(Attrib::Const)
                    },
                    LocalName {
                        name: "b".into(),
                        attrib: Some(Attrib::Close)
                    },
                ],
                exprs: vec![int(1, 1)],
            },
            1
        )
    );
    assert_eq!(
        s[1],
        st(
            StatKind::Assign {
                targets: vec![
                    name("x", 2),
                    e(
                        ExprKind::Index(
                            Box::new(name("y", 2)),
                            Box::new(e(ExprKind::Str(b"z".to_vec()), 2))
                        ),
                        2
                    )
                ],
                exprs: vec![int(1, 2), int(2, 2)],
            },
            2
        )
    );
    assert_eq!(s[2], st(StatKind::Label("l".into()), 3));
    assert_eq!(s[3], st(StatKind::Goto("l".into()), 3));
    match &s[4].kind {
        StatKind::While { body, .. } => assert_eq!(body.stats, vec![st(StatKind::Break, 4)]),
        k => panic!("{k:?}"),
    }
    assert_eq!(c.block.ret, None);
    assert_eq!(c.end_line, 4);
}

#[test]
fn control_structures() {
    let c = ok("if a then x() elseif b then y() else z() end\n\
                while c do break end\n\
                repeat local d = 1 until d\n\
                for i = 1, 10, 2 do end\n\
                for i = 1, 10 do end\n\
                for k, v in pairs(t) do end\n\
                return 1, 2;");
    let s = &c.block.stats;
    match &s[0].kind {
        StatKind::If { conds, else_block } => {
            assert_eq!(conds.len(), 2);
            assert_eq!(sx(&conds[0].0), "a");
            assert_eq!(sx(&conds[1].0), "b");
            assert_eq!(conds[0].1.stats.len(), 1);
            assert_eq!(else_block.as_ref().map(|b| b.stats.len()), Some(1));
        }
        k => panic!("{k:?}"),
    }
    match &s[1].kind {
        StatKind::While { cond, body } => {
            assert_eq!(sx(cond), "c");
            assert_eq!(body.stats, vec![st(StatKind::Break, 2)]);
        }
        k => panic!("{k:?}"),
    }
    match &s[2].kind {
        StatKind::Repeat { body, cond } => {
            assert_eq!(body.stats.len(), 1);
            assert_eq!(sx(cond), "d");
        }
        k => panic!("{k:?}"),
    }
    match &s[3].kind {
        StatKind::NumericFor {
            var,
            start,
            limit,
            step,
            ..
        } => {
            assert_eq!(var, "i");
            assert_eq!((sx(start), sx(limit)), ("1".into(), "10".into()));
            assert_eq!(step.as_ref().map(sx), Some("2".into()));
        }
        k => panic!("{k:?}"),
    }
    match &s[4].kind {
        StatKind::NumericFor { step, .. } => assert!(step.is_none()),
        k => panic!("{k:?}"),
    }
    match &s[5].kind {
        StatKind::GenericFor { names, exprs, .. } => {
            assert_eq!(names, &["k", "v"]);
            assert_eq!(exprs.len(), 1);
            assert_eq!(sx(&exprs[0]), "(call pairs t)");
        }
        k => panic!("{k:?}"),
    }
    let r = c.block.ret.as_ref().unwrap();
    assert_eq!((r.exprs.len(), r.line), (2, 7));
}

#[test]
fn functions() {
    let c = ok("function a.b.c:m(x, ...)\n  return self\nend\n\
                local function f() end\n\
                function g(a, b) end\n\
                local h = function\n(...) end");
    let s = &c.block.stats;
    match &s[0].kind {
        StatKind::Function { name, func } => {
            assert_eq!(name.path, vec!["a", "b", "c"]);
            assert_eq!(name.method.as_deref(), Some("m"));
            assert_eq!(func.params, vec!["x"]);
            assert!(func.is_vararg && func.is_method);
            assert_eq!((func.line, func.end_line), (1, 3));
            assert_eq!(func.body.ret.as_ref().unwrap().line, 2);
            assert_eq!(func.body.end_line, 3);
        }
        k => panic!("{k:?}"),
    }
    match &s[1].kind {
        StatKind::LocalFunction { name, func } => {
            assert_eq!(name, "f");
            assert!(!func.is_vararg && !func.is_method && func.params.is_empty());
            assert_eq!((func.line, func.end_line), (4, 4));
        }
        k => panic!("{k:?}"),
    }
    match &s[2].kind {
        StatKind::Function { name, func } => {
            assert_eq!(name.path, vec!["g"]);
            assert_eq!(name.method, None);
            assert_eq!(func.params, vec!["a", "b"]);
        }
        k => panic!("{k:?}"),
    }
    match &s[3].kind {
        StatKind::Local { exprs, .. } => match &exprs[0].kind {
            // Lua's linedefined for a function expression is the line of its '('
            ExprKind::Function(f) => {
                assert_eq!(exprs[0].line, 6);
                assert_eq!((f.line, f.end_line), (7, 7));
                assert!(f.is_vararg);
            }
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
}

#[test]
fn lines() {
    // Binary/Unary: line of the operator; Call: line where the suffixed expression starts;
    // Index: line of '.', ':' or '['; others: first token.
    let c = ok("x = a\n+\nb\ny = f\n(\n1\n)\nz = t\n.k\n[\n2\n]\nw = -\nv\nf\n:m()\n");
    let s = &c.block.stats;
    let rhs = |i: usize| match &s[i].kind {
        StatKind::Assign { exprs, .. } => exprs[0].clone(),
        k => panic!("{k:?}"),
    };
    let x = rhs(0);
    assert_eq!(x.line, 2);
    match &x.kind {
        ExprKind::Binary(_, a, b) => assert_eq!((a.line, b.line), (1, 3)),
        k => panic!("{k:?}"),
    }
    let y = rhs(1);
    assert_eq!(y.line, 4);
    match &y.kind {
        ExprKind::Call(f, args) => assert_eq!((f.line, args[0].line), (4, 6)),
        k => panic!("{k:?}"),
    }
    let z = rhs(2);
    assert_eq!(z.line, 10);
    match &z.kind {
        ExprKind::Index(inner, key) => {
            assert_eq!((inner.line, key.line), (9, 11));
            match &inner.kind {
                ExprKind::Index(t, k) => assert_eq!((t.line, k.line), (8, 9)),
                k => panic!("{k:?}"),
            }
        }
        k => panic!("{k:?}"),
    }
    let w = rhs(3);
    assert_eq!(w.line, 13);
    assert_eq!(s[4].line, 15);
    match &s[4].kind {
        StatKind::Call(call) => assert_eq!(call.line, 15),
        k => panic!("{k:?}"),
    }
    assert_eq!(c.end_line, 17);
    assert_eq!(c.block.end_line, 17);
}

#[test]
fn line_endings_and_shebang() {
    let c = ok("a()\r\nb()\n\rc()\r\rd()\n\ne()");
    let lines: Vec<u32> = c.block.stats.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![1, 2, 3, 5, 7]);
    let c = ok("#!/usr/bin/lua\nx = 1");
    assert_eq!(c.block.stats[0].line, 2);
    let c = ok("\u{feff}#!/usr/bin/lua\n\nx = 1");
    assert_eq!(c.block.stats[0].line, 3);
    let c = ok("-- comment\n--[[ long\n\ncomment ]] x = [[\n\nabc]] y = 1");
    assert_eq!(c.block.stats[0].line, 4);
    assert_eq!(c.block.stats[1].line, 6);
    // `load` semantics: no shebang skipping, nesting level 2
    let opts = ParseOptions {
        skip_first_line: false,
        c_calls: 2,
    };
    let e = parse_with(b"#!x\nx = 1", "=(load)", opts).unwrap_err();
    assert_eq!(e.message, "(load):1: unexpected symbol near '#'");
    let e = parse_with(b"x = ", "x = ", opts).unwrap_err();
    assert_eq!(
        e.message,
        "[string \"x = \"]:1: unexpected symbol near <eof>"
    );
}

#[test]
fn label_void_statements_and_ast_order() {
    let c = ok("goto a; ::a:: ;; ::b:: ; ::c::");
    let kinds: Vec<String> = c
        .block
        .stats
        .iter()
        .map(|s| format!("{:?}", s.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            "Goto(\"a\")",
            "Label(\"a\")",
            "Label(\"b\")",
            "Label(\"c\")"
        ]
    );
    // 'if x then break' shortcut produces an ordinary Break statement
    let c = ok("while x do if y then break; ; z() end end");
    match &c.block.stats[0].kind {
        StatKind::While { body, .. } => match &body.stats[0].kind {
            StatKind::If { conds, .. } => {
                let kinds: Vec<&StatKind> = conds[0].1.stats.iter().map(|s| &s.kind).collect();
                assert!(matches!(kinds[0], StatKind::Break));
                assert!(matches!(kinds[1], StatKind::Call(_)));
            }
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
}

#[test]
fn sample_program_parses() {
    let src = include_bytes!("data/sample.lua");
    let c = parse(src, "@sample.lua").unwrap();
    assert!(c.block.stats.len() > 20);
    assert!(c.block.ret.is_some());
}

// ---------------------------------------------------------------------------------------------
// Error messages (expected values produced by `luac5.4 -p t.lua`, PUC Lua 5.4.4)
// ---------------------------------------------------------------------------------------------

const ERRORS: &[(&[u8], &str)] = &[
    (b"x = \"abc", "t.lua:1: unfinished string near <eof>"),
    (b"x = \"abc\ny\"", "t.lua:1: unfinished string near '\"abc'"),
    (b"x = 'abc\\", "t.lua:1: unfinished string near <eof>"),
    (
        b"x = [[abc",
        "t.lua:1: unfinished long string (starting at line 1) near <eof>",
    ),
    (
        b"x = [==[abc]=]\n",
        "t.lua:2: unfinished long string (starting at line 1) near <eof>",
    ),
    (
        b"--[[ abc",
        "t.lua:1: unfinished long comment (starting at line 1) near <eof>",
    ),
    (
        b"--[==[\n\n abc ]]",
        "t.lua:3: unfinished long comment (starting at line 1) near <eof>",
    ),
    (
        b"x = [=x",
        "t.lua:1: invalid long string delimiter near '[='",
    ),
    (
        b"x = [==",
        "t.lua:1: invalid long string delimiter near '[=='",
    ),
    (b"x = 3x", "t.lua:1: malformed number near '3x'"),
    (b"x = 3.4.5", "t.lua:1: malformed number near '3.4.5'"),
    (b"x = 0x", "t.lua:1: malformed number near '0x'"),
    (b"x = 1e", "t.lua:1: malformed number near '1e'"),
    (b"x = 1e+", "t.lua:1: malformed number near '1e+'"),
    (b"x = 0x1p", "t.lua:1: malformed number near '0x1p'"),
    (b"x = 0xg", "t.lua:1: malformed number near '0xg'"),
    (b"x = 3..2", "t.lua:1: malformed number near '3..2'"),
    (
        b"x = 'a\\qb'",
        "t.lua:1: invalid escape sequence near ''a\\q'",
    ),
    (
        b"x = \"\\256\"",
        "t.lua:1: decimal escape too large near '\"\\256\"'",
    ),
    (
        b"x = \"\\xZZ\"",
        "t.lua:1: hexadecimal digit expected near '\"\\xZ'",
    ),
    (
        b"x = \"\\x5\"",
        "t.lua:1: hexadecimal digit expected near '\"\\x5\"'",
    ),
    (
        b"x = \"\\u{80000000}\"",
        "t.lua:1: UTF-8 value too large near '\"\\u{80000000'",
    ),
    (b"x = \"\\u123\"", "t.lua:1: missing '{' near '\"\\u1'"),
    (b"x = \"\\u{12\"", "t.lua:1: missing '}' near '\"\\u{12\"'"),
    (
        b"x = \"\\u{}\"",
        "t.lua:1: hexadecimal digit expected near '\"\\u{}'",
    ),
    (
        b"x = \"a\\0b\" + {",
        "t.lua:1: unexpected symbol near <eof>",
    ),
    (b"x = \"a\\tb\" +", "t.lua:1: unexpected symbol near <eof>"),
    (
        b"x = \"line1\\\nline2\" +",
        "t.lua:2: unexpected symbol near <eof>",
    ),
    (
        b"x = 'a\\z  \n\n  b' +",
        "t.lua:3: unexpected symbol near <eof>",
    ),
    (
        b"x = [[\nfirst\nsecond]] +",
        "t.lua:3: unexpected symbol near <eof>",
    ),
    (
        b"x = [==[\r\nab]]c]==] +",
        "t.lua:2: unexpected symbol near <eof>",
    ),
    (b"x = 1\x00", "t.lua:1: unexpected symbol"),
    (b"x = @", "t.lua:1: unexpected symbol near '@'"),
    (b"x = \x01", "t.lua:1: unexpected symbol near '<\\1>'"),
    (
        b"x = 1 .. \x80",
        "t.lua:1: unexpected symbol near '<\\128>'",
    ),
    (
        b"x = 12345678901234567890 x",
        "t.lua:1: syntax error near <eof>",
    ),
    (b"end", "t.lua:1: <eof> expected near 'end'"),
    (b"x = ", "t.lua:1: unexpected symbol near <eof>"),
    (b"x = (((1)", "t.lua:1: ')' expected near <eof>"),
    (
        b"x = (1\n\n",
        "t.lua:3: ')' expected (to close '(' at line 1) near <eof>",
    ),
    (
        b"f(1\n\n",
        "t.lua:3: ')' expected (to close '(' at line 1) near <eof>",
    ),
    (b"x = {1,2", "t.lua:1: '}' expected near <eof>"),
    (
        b"x = {\n1,\n2",
        "t.lua:3: '}' expected (to close '{' at line 1) near <eof>",
    ),
    (b"x", "t.lua:1: syntax error near <eof>"),
    (b"x.y", "t.lua:1: syntax error near <eof>"),
    (b"(x) = 1", "t.lua:1: syntax error near '='"),
    (b"f() = 1", "t.lua:1: syntax error near '='"),
    (b"x, f() = 1, 2", "t.lua:1: syntax error near '='"),
    (b"a:b", "t.lua:1: function arguments expected near <eof>"),
    (
        b"a.b:c = 1",
        "t.lua:1: function arguments expected near '='",
    ),
    (b"if x then", "t.lua:1: 'end' expected near <eof>"),
    (
        b"if x\nthen\nelse",
        "t.lua:3: 'end' expected (to close 'if' at line 1) near <eof>",
    ),
    (b"if x else end", "t.lua:1: 'then' expected near 'else'"),
    (b"while x", "t.lua:1: 'do' expected near <eof>"),
    (b"while x do", "t.lua:1: 'end' expected near <eof>"),
    (b"for i do end", "t.lua:1: '=' or 'in' expected near 'do'"),
    (b"for i = 1 do end", "t.lua:1: ',' expected near 'do'"),
    (b"for 1 = 1,2 do end", "t.lua:1: <name> expected near '1'"),
    (b"for a, in t do end", "t.lua:1: <name> expected near 'in'"),
    (b"repeat x = 1", "t.lua:1: 'until' expected near <eof>"),
    (
        b"function f(",
        "t.lua:1: <name> or '...' expected near <eof>",
    ),
    (
        b"function f(a, 1) end",
        "t.lua:1: <name> or '...' expected near '1'",
    ),
    (
        b"function f() return ... end",
        "t.lua:1: cannot use '...' outside a vararg function near '...'",
    ),
    (b"x = ...", "OK"),
    (b"function f:g.h() end", "t.lua:1: '(' expected near '.'"),
    (
        b"local function f()\n  x = 1\n\n",
        "t.lua:4: 'end' expected (to close 'function' at line 1) near <eof>",
    ),
    (
        b"do\n  x = 1\n",
        "t.lua:3: 'end' expected (to close 'do' at line 1) near <eof>",
    ),
    (
        b"while true do\n\n",
        "t.lua:3: 'end' expected (to close 'while' at line 1) near <eof>",
    ),
    (
        b"x = function(a)\n  return a\n",
        "t.lua:3: 'end' expected (to close 'function' at line 1) near <eof>",
    ),
    (
        b"local t = {\n  1,\n  2\n",
        "t.lua:4: '}' expected (to close '{' at line 1) near <eof>",
    ),
    (b"local", "t.lua:1: <name> expected near <eof>"),
    (b"local x <foo> = 1", "t.lua:1: unknown attribute 'foo'"),
    (
        b"local x <const> = 1; x = 2",
        "t.lua:1: attempt to assign to const variable 'x'",
    ),
    (
        b"local x <close>, y <close> = 1, 2",
        "t.lua:1: multiple to-be-closed variables in local list",
    ),
    (b"local x <const", "t.lua:1: '>' expected near <eof>"),
    (
        b"local a <const> = 1; function a() end",
        "t.lua:1: attempt to assign to const variable 'a'",
    ),
    (
        b"local a <close> = nil\n\na = 1",
        "t.lua:3: attempt to assign to const variable 'a'",
    ),
    (
        b"local a <const> = 1; local function f() a = 2 end",
        "t.lua:1: attempt to assign to const variable 'a'",
    ),
    (
        b"local a <const> = {}\nlocal b\nb, a = 1, 2",
        "t.lua:3: attempt to assign to const variable 'a'",
    ),
    (b"return 1 x", "t.lua:1: <eof> expected near 'x'"),
    (b"return return", "t.lua:1: unexpected symbol near 'return'"),
    (b"x = 1 + ", "t.lua:1: unexpected symbol near <eof>"),
    (b"x = {[1] 2}", "t.lua:1: '=' expected near '2'"),
    (b"x = {a = 1 b = 2}", "t.lua:1: '}' expected near 'b'"),
    (
        b"x = a:b.c",
        "t.lua:1: function arguments expected near '.'",
    ),
    (b"x = a.1", "t.lua:1: unexpected symbol near '.1'"),
    (b"x = not", "t.lua:1: unexpected symbol near <eof>"),
    (b"goto", "t.lua:1: <name> expected near <eof>"),
    (
        b"goto x",
        "t.lua:1: no visible label 'x' for <goto> at line 1",
    ),
    (b"do goto x end ::x::", "OK"),
    (
        b"goto x; local a; ::x:: print(a)",
        "t.lua:1: <goto x> at line 1 jumps into the scope of local 'a'",
    ),
    (
        b"goto x; local a\n::x::\nprint(a)",
        "t.lua:3: <goto x> at line 1 jumps into the scope of local 'a'",
    ),
    (b"goto x; local a; ::x::", "OK"),
    (
        b"repeat goto x; local a; ::x:: until a",
        "t.lua:1: <goto x> at line 1 jumps into the scope of local 'a'",
    ),
    (
        b"::x:: ::x::",
        "t.lua:1: label 'x' already defined on line 1",
    ),
    (
        b"::x::\n\n::y::\n::x::",
        "t.lua:4: label 'x' already defined on line 4",
    ),
    (
        b"::x:: do ::x:: end",
        "t.lua:1: label 'x' already defined on line 1",
    ),
    (b"break", "t.lua:1: break outside loop at line 1"),
    (b"do\n  break\nend", "t.lua:3: break outside loop at line 2"),
    (
        b"if x then break end",
        "t.lua:1: break outside loop at line 1",
    ),
    (
        b"function f() break end",
        "t.lua:1: break outside loop at line 1",
    ),
    (
        b"function f()\n  goto done\nend\n\n\nprint(1)",
        "t.lua:6: no visible label 'done' for <goto> at line 2",
    ),
    (b"while x do goto c; local y; ::c:: end", "OK"),
    (
        b"while x do goto c; local y; ::c:: y() end",
        "t.lua:1: <goto c> at line 1 jumps into the scope of local 'y'",
    ),
];

#[test]
fn error_messages() {
    let mut bad = Vec::new();
    for (src, want) in ERRORS {
        let got = err(src);
        if got != *want {
            bad.push(format!(
                "{:?}\n  want: {want}\n  got:  {got}",
                String::from_utf8_lossy(src)
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
    assert!(ERRORS.len() >= 40);
}

// ---------------------------------------------------------------------------------------------
// Limits (thresholds checked against luac5.4 / lua5.4)
// ---------------------------------------------------------------------------------------------

fn names(n: usize, prefix: &str) -> String {
    (0..n)
        .map(|i| format!("{prefix}{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn local_variable_limit() {
    assert_eq!(err(format!("local {}", names(200, "a")).as_bytes()), "OK");
    assert_eq!(
        err(format!("local {}", names(201, "a")).as_bytes()),
        "t.lua:1: too many local variables (limit is 200) in main function near <eof>"
    );
    assert_eq!(
        err(format!("local {} = 1", names(201, "a")).as_bytes()),
        "t.lua:1: too many local variables (limit is 200) in main function near '='"
    );
    assert_eq!(
        err(format!("local function f()\nlocal {}\nend", names(201, "a")).as_bytes()),
        "t.lua:3: too many local variables (limit is 200) in function at line 1 near 'end'"
    );
    // a numeric for uses 3 hidden variables plus its control variable
    assert_eq!(
        err(format!("local {}\nfor i = 1, 2 do end", names(197, "a")).as_bytes()),
        "t.lua:2: too many local variables (limit is 200) in main function near '='"
    );
    assert_eq!(
        err(format!("local {}\nfor i = 1, 2 do end", names(196, "a")).as_bytes()),
        "OK"
    );
    // scopes end
    let many = "do local a end ".repeat(1000);
    assert_eq!(err(many.as_bytes()), "OK");
}

#[test]
fn upvalue_limit() {
    // g needs 150 + 105 = 255 upvalues: fine; one more (_ENV for a global) is too many
    let body = |nb: usize, extra: &str| {
        let mut s = format!(
            "local {}\nlocal function f()\nlocal {}\nlocal function g()\n{extra}",
            names(150, "a"),
            names(nb, "b")
        );
        for i in 0..150 {
            s.push_str(&format!("a{i} = 1\n"));
        }
        for i in 0..nb {
            s.push_str(&format!("b{i} = 1\n"));
        }
        s.push_str("end\nend\n");
        s
    };
    assert_eq!(err(body(105, "").as_bytes()), "OK");
    assert_eq!(
        err(body(106, "").as_bytes()),
        "t.lua:260: too many upvalues (limit is 255) in function at line 4 near '='"
    );
    assert_eq!(
        err(body(105, "x = 1\n").as_bytes()),
        "t.lua:260: too many upvalues (limit is 255) in function at line 4 near '='"
    );
    // compile-time constants are not upvalues
    let mut s = String::new();
    for i in 0..150 {
        s.push_str(&format!("local a{i} <const> = {i} * 2 + 1\n"));
    }
    s.push_str(&format!(
        "local function f()\nlocal {}\nlocal function g()\n",
        names(150, "b")
    ));
    for i in 0..150 {
        s.push_str(&format!("x = a{i}\nx = b{i}\n"));
    }
    s.push_str("end\nend\n");
    assert_eq!(err(s.as_bytes()), "OK");
    // ... but constants that Lua does not fold are
    let s = s.replace("* 2 + 1", "// 0");
    assert_eq!(
        err(s.as_bytes()),
        "t.lua:409: too many upvalues (limit is 255) in function at line 153 near 'x'"
    );
}

/// Runs `f` on a thread with a small stack, as a guard against deep native recursion.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 21)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn nesting_limit() {
    on_small_stack(|| {
        let cases: Vec<(String, usize)> = vec![
            // (format with N, last N that parses): thresholds from lua5.4
            ("x = {o}1{c}".into(), 196),
            ("x = {u}1".into(), 196),
            ("x = {cat}1".into(), 196),
            ("x = {pow}1".into(), 196),
            ("{do}{end}".into(), 198),
            ("x = {tbl}".into(), 197),
            ("x = {fn}1{fnend}".into(), 98),
            ("{labels}".into(), 198),
            ("{targets} = 1".into(), 197),
        ];
        for (tpl, max_ok) in cases {
            for n in [max_ok, max_ok + 1, 300, 10000] {
                let src = tpl
                    .replace("{o}", &"(".repeat(n))
                    .replace("{c}", &")".repeat(n))
                    .replace("{u}", &"- ".repeat(n))
                    .replace("{cat}", &"a .. ".repeat(n))
                    .replace("{pow}", &"2 ^ ".repeat(n))
                    .replace("{do}", &"do ".repeat(n))
                    .replace("{end}", &"end ".repeat(n))
                    .replace("{tbl}", &format!("{}{}", "{".repeat(n), "}".repeat(n)))
                    .replace("{fn}", &"function() return ".repeat(n))
                    .replace("{fnend}", &" end".repeat(n))
                    .replace(
                        "{labels}",
                        &(0..n).map(|i| format!("::l{i}:: ")).collect::<String>(),
                    )
                    .replace("{targets}", &vec!["a"; n].join(", "));
                let want = if n == max_ok {
                    "OK"
                } else {
                    "C stack overflow"
                };
                assert_eq!(err(src.as_bytes()), want, "{tpl} with n = {n}");
            }
        }
        for body in ["if x then break end", "if x then y() end"] {
            let src = |n| format!("{}{body}{}", "while x do ".repeat(n), " end".repeat(n));
            assert_eq!(err(src(196).as_bytes()), "OK");
            assert_eq!(err(src(197).as_bytes()), "C stack overflow");
        }
    });
}

#[test]
fn list_limits() {
    // labels/gotos and debug local records are limited to SHRT_MAX entries
    let src = format!("while x do {}end", "break ".repeat(32768));
    assert_eq!(
        err(src.as_bytes()),
        "too many labels/gotos (limit is 32767)"
    );
    let src = format!("while x do {}end", "break ".repeat(32767));
    assert_eq!(err(src.as_bytes()), "OK");
    let src = "do local a end ".repeat(32767);
    assert_eq!(err(src.as_bytes()), "OK");
    let src = "do local a end ".repeat(32768);
    assert_eq!(
        err(src.as_bytes()),
        "too many local variables (limit is 32767)"
    );
}

// ---------------------------------------------------------------------------------------------
// Deep and long inputs, truncations
// ---------------------------------------------------------------------------------------------

#[test]
fn long_chains_do_not_recurse() {
    on_small_stack(|| {
        let n = 100_000;
        let srcs = [
            format!("x = {}", vec!["1"; n].join(" + ")),
            format!("x = a{}", ".b".repeat(n)),
            format!("x = a{}", "[1]".repeat(n)),
            format!("x = a{}", ":m()".repeat(n)),
            format!("x = f{}", "()".repeat(n)),
            format!("x = {}", vec!["a"; n].join(" or ")),
            format!("x = {}", vec!["a"; n].join(" == ")),
            format!("local x <const> = {}", vec!["1"; n].join(" + ")),
            format!("return {}", vec!["(1)"; n].join(" * ")),
            format!("x = {{{}}}", "1, ".repeat(n)),
            "x = 1\n".repeat(n),
        ];
        for src in &srcs {
            let c = parse(src.as_bytes(), "@t.lua").expect("parses");
            drop(c); // must not recurse either
        }
        // right-associative chains recurse in Lua too and hit its limit
        let src = format!("x = {}", vec!["a"; n].join(" .. "));
        assert_eq!(err(src.as_bytes()), "C stack overflow");
    });
}

#[test]
fn deep_chain_line_numbers() {
    let src = format!("x = 1{}", "\n+ 1".repeat(1000));
    let c = ok(&src);
    match &c.block.stats[0].kind {
        StatKind::Assign { exprs, .. } => assert_eq!(exprs[0].line, 1001),
        k => panic!("{k:?}"),
    }
}

#[test]
fn every_prefix_is_handled() {
    on_small_stack(|| {
        let programs: [&[u8]; 2] = [
            include_bytes!("data/sample.lua"),
            b"local a <const> = 'x\\u{41}\\x41\\65\\z \n' .. [==[\n]]\n]==] --[[ c ]] -- d\n\
              goto l; do ::l:: end ::l:: local t = {1, [2] = 2; x = 3} \
              function t.a.b:c(...) return ... end x = 0x1p4 + 1e-3 // 2 ~ ~1 >> 2",
        ];
        for src in programs {
            for n in 0..=src.len() {
                let _ = parse(&src[..n], "@t.lua");
                let _ = parse_with(
                    &src[..n],
                    "=t",
                    ParseOptions {
                        skip_first_line: false,
                        c_calls: 0,
                    },
                );
            }
        }
    });
}

#[test]
fn garbage_never_panics() {
    on_small_stack(|| {
        // a simple deterministic byte generator over a token-ish alphabet
        let alphabet: &[&[u8]] = &[
            b"(",
            b")",
            b"{",
            b"}",
            b"[",
            b"]",
            b"[[",
            b"]]",
            b"[=",
            b"=",
            b"==",
            b"..",
            b"...",
            b"\"",
            b"'",
            b"\\",
            b"\\x",
            b"\\u{",
            b"\\z",
            b"1",
            b"0x",
            b"1e",
            b".",
            b":",
            b"::",
            b"local",
            b"function",
            b"end",
            b"if",
            b"then",
            b"goto",
            b"break",
            b"return",
            b"x",
            b"<const>",
            b"<close>",
            b"\n",
            b"\r",
            b" ",
            b"--",
            b"--[[",
            b"\0",
            b"\xff",
            b"-",
            b"~",
            b"#",
            b"not",
            b",",
            b";",
            b"for",
            b"in",
            b"do",
            b"while",
            b"repeat",
            b"until",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut src = Vec::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                src.extend_from_slice(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let _ = parse(&src, "@t.lua");
        }
    });
}
