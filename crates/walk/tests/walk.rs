//! The tree-walker on its own: results, recursion limits (native stack on small threads and in
//! coroutines), proper tail calls, syntax errors before execution, and error messages. The
//! differential suite (`crates/lunar/tests/differential.rs`) covers the language against
//! `lua5.4`; these tests pin the engine-specific guarantees.
use lunar_runtime::state::MULTRET;
use lunar_runtime::State;

/// Runs `src` as a chunk with the standard library; returns its results as strings, or the
/// error message.
fn run(src: &str) -> Result<Vec<String>, String> {
    let mut st = State::new_bare();
    lunar_walk::install(&mut st);
    st.open_libs();
    let f = lunar_runtime::stdlib::base::load_chunk(&mut st, src.as_bytes(), "=test")?;
    let base = st.top;
    st.push(f);
    let text = |st: &State, v: &lunar_runtime::Value| {
        let mut buf = Vec::new();
        st.tostring_basic(v, &mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    };
    match st.pcall(base, MULTRET, None) {
        Ok(()) => {
            let out = st.stack[base..st.top]
                .iter()
                .map(|v| text(&st, v))
                .collect();
            st.top = base;
            Ok(out)
        }
        Err(e) => Err(text(&st, &e.value)),
    }
}

/// Runs `f` on a thread with a native stack of `size` bytes.
fn on_stack<T: Send + 'static>(size: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(size)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no panic")
}

#[test]
fn results_and_closures() {
    let r = run(
        "local function counter() local n = 0 return function() n = n + 1 return n end end
                 local c = counter(); c(); c()
                 local t = {}
                 for i = 1, 3 do t[i] = function() return i end end
                 return c(), t[1]() + t[2]() + t[3](), select('#', ...), 7 // 2, 2^10",
    )
    .unwrap();
    assert_eq!(r, ["3", "6", "0", "3", "1024.0"]);
}

#[test]
fn proper_tail_calls_do_not_grow_the_native_stack() {
    let src =
        "local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
               local co = coroutine.wrap(function() return loop(1000000, 0) end)
               return loop(1000000, 0), co()";
    // a small thread: a million native frames would never fit
    let r = on_stack(1 << 20, move || run(src));
    assert_eq!(r.unwrap(), ["1000000", "1000000"]);
}

#[test]
fn deep_recursion_is_a_catchable_stack_overflow() {
    let src = "local function rec(n) return 1 + rec(n + 1) end
               local ok, e = pcall(rec, 1)
               local co = coroutine.create(function() return rec(1) end)
               local cok, ce = coroutine.resume(co)
               local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
               return ok, e, cok, ce, depth(300)";
    for size in [4 << 20, 32 << 20] {
        let r = on_stack(size, move || run(src)).unwrap();
        assert_eq!(r[0], "false");
        assert_eq!(r[1], "test:1: stack overflow");
        assert_eq!(r[2], "false");
        assert_eq!(r[3], "test:1: stack overflow");
        assert_eq!(r[4], "300");
    }
}

#[test]
fn syntax_errors_are_reported_before_anything_runs() {
    let r = run("ran = true\nprint('never')\nlocal x = = 1");
    assert_eq!(r.unwrap_err(), "test:3: unexpected symbol near '='");
    let r = run("goto nowhere");
    assert_eq!(
        r.unwrap_err(),
        "test:1: no visible label 'nowhere' for <goto> at line 1"
    );
}

#[test]
fn error_messages_name_variables_like_the_vm() {
    let cases = [
        (
            "undefined()",
            "test:1: attempt to call a nil value (global 'undefined')",
        ),
        (
            "local x; x.y = 1",
            "test:1: attempt to index a nil value (local 'x')",
        ),
        (
            "local t = {} t.a.b = 1",
            "test:1: attempt to index a nil value (field 'a')",
        ),
        (
            "local t = {} t:m()",
            "test:1: attempt to call a nil value (method 'm')",
        ),
        (
            "local u; local function f() return u + 1 end f()",
            "test:1: attempt to perform arithmetic on a nil value (upvalue 'u')",
        ),
        (
            "return ('x')()",
            "test:1: attempt to call a string value (constant 'x')",
        ),
        (
            "for k in 42 do end",
            "test:1: attempt to call a number value (for iterator 'for iterator')",
        ),
        (
            "string.rep()",
            "test:1: bad argument #1 to 'rep' (string expected, got no value)",
        ),
    ];
    for (src, msg) in cases {
        assert_eq!(run(src).unwrap_err(), msg, "{src}");
    }
}

#[test]
fn goto_and_close() {
    let r = run("local log = {}
                 do
                   local i = 1
                   ::top::
                   local c <close> = setmetatable({}, {__close = function() log[#log + 1] = i end})
                   i = i + 1
                   if i <= 3 then goto top end
                 end
                 return table.concat(log, ',')")
    .unwrap();
    assert_eq!(r, ["2,3,4"]);
}

#[test]
fn close_methods_run_by_coroutine_close_recurse_on_the_callers_stack() {
    let src = "local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
               local got
               local co = coroutine.create(function()
                 local x <close> = setmetatable({}, {__close = function() got = depth(500) end})
                 coroutine.yield()
               end)
               coroutine.resume(co)
               local ok = coroutine.close(co)
               return ok, got";
    let r = on_stack(32 << 20, move || run(src)).unwrap();
    assert_eq!(r, ["true", "500"]);
}
