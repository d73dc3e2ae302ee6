//! Compile errors: messages formatted like lua's (`chunkid:line: message`), never panics.
use lunar_bytecode::compile_source;

fn error_of(source: &str) -> String {
    match compile_source(source.as_bytes(), "@test.lua") {
        Ok(_) => panic!("expected an error for {source:?}"),
        Err(error) => error.message,
    }
}

#[test]
fn too_many_registers() {
    let arguments: Vec<String> = (0..300).map(|i| i.to_string()).collect();
    let message = error_of(&format!("print({})\n", arguments.join(", ")));
    assert!(
        message.starts_with("test.lua:1: function or expression needs too many registers"),
        "{message}"
    );
}

#[test]
fn goto_and_break_errors() {
    assert_eq!(
        error_of("local x = 1\nbreak\n"),
        "test.lua:3: break outside loop at line 2"
    );
    assert_eq!(
        error_of("do goto nowhere end\n"),
        "test.lua:2: no visible label 'nowhere' for <goto> at line 1"
    );
    assert_eq!(
        error_of("goto l1\nlocal x = 1\n::l1::\nprint(x)\n"),
        "test.lua:4: <goto l1> at line 1 jumps into the scope of local 'x'"
    );
}

#[test]
fn semantic_errors() {
    assert_eq!(
        error_of("local x <const> = 1\nx = 2\n"),
        "test.lua:2: attempt to assign to const variable 'x'"
    );
    assert_eq!(
        error_of("local a <close>, b <close> = 1, 2\n"),
        "test.lua:1: multiple to-be-closed variables in local list"
    );
    assert_eq!(
        error_of("function f() return ... end\n"),
        "test.lua:1: cannot use '...' outside a vararg function near '...'"
    );
}
