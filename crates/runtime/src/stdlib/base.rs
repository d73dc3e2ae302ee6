//! Basic functions (lbaselib.c): print, type, pairs, pcall, load, collectgarbage, ...
use std::io::Write;

use crate::gc::GcRef;
use crate::meta::to_number;
use crate::number::{self, Number};
use crate::state::{LResult, LuaError, State, MULTRET};
use crate::table::Table;
use crate::value::Value;

pub(crate) fn open(st: &mut State) {
    let g = st.globals;
    st.register(
        g,
        &[
            ("assert", assert),
            ("collectgarbage", collectgarbage),
            ("dofile", dofile),
            ("error", error),
            ("getmetatable", getmetatable),
            ("ipairs", ipairs),
            ("load", load),
            ("loadfile", loadfile),
            ("next", next),
            ("pairs", pairs),
            ("pcall", pcall),
            ("print", print),
            ("rawequal", rawequal),
            ("rawget", rawget),
            ("rawlen", rawlen),
            ("rawset", rawset),
            ("select", select),
            ("setmetatable", setmetatable),
            ("tonumber", tonumber),
            ("tostring", tostring),
            ("type", type_),
            ("warn", warn),
            ("xpcall", xpcall),
        ],
    );
    st.set_global("_G", Value::Table(g));
    // `pairs` returns this very function (PUC Lua returns the same light C function)
    let next_fn = st.get_global("next");
    let k = st.intern(b"__lunar_next");
    st.registry.set_str(k, next_fn);
    let v = st.str_value(b"Lua 5.4");
    st.set_global("_VERSION", v);
}

thread_local! {
    static STDOUT: std::cell::RefCell<std::io::BufWriter<std::io::Stdout>> =
        std::cell::RefCell::new(std::io::BufWriter::with_capacity(1 << 14, std::io::stdout()));
}

/// Writes bytes to the (buffered) standard output shared by `print` and `io.write`.
pub fn write_stdout(b: &[u8]) -> std::io::Result<()> {
    STDOUT.with(|o| o.borrow_mut().write_all(b))
}

/// Flushes the standard output buffer.
pub fn flush_stdout() {
    STDOUT.with(|o| {
        let _ = o.borrow_mut().flush();
    });
}

fn print(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    let mut buf = Vec::with_capacity(64);
    for i in 1..=n {
        if i > 1 {
            buf.push(b'\t');
        }
        let v = st.arg(i);
        match v {
            Value::Str(s) => buf.extend_from_slice(s.as_bytes()),
            Value::Int(_) | Value::Float(_) | Value::Nil | Value::Bool(_)
                if st.metatable(&v).is_none() =>
            {
                st.tostring_basic(&v, &mut buf)
            }
            _ => {
                let s = st.tostring(v)?;
                buf.extend_from_slice(s.as_bytes());
            }
        }
    }
    buf.push(b'\n');
    let _ = write_stdout(&buf);
    // lua_writeline flushes after every print
    flush_stdout();
    Ok(0)
}

fn type_(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let s = st.str_value(v.type_name().as_bytes());
    Ok(st.ret1(s))
}

fn tostring(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let s = st.tostring(v)?;
    Ok(st.ret1(Value::Str(s)))
}

fn tonumber(st: &mut State) -> LResult<usize> {
    if st.arg(2).is_nil() {
        let v = st.check_any(1)?;
        let r = match v {
            Value::Int(_) | Value::Float(_) => v,
            Value::Str(s) => match number::str2number(s.as_bytes()) {
                Some(Number::Int(i)) => Value::Int(i),
                Some(Number::Float(f)) => Value::Float(f),
                None => Value::Nil,
            },
            _ => Value::Nil,
        };
        return Ok(st.ret1(r));
    }
    let base = st.check_int(2)?;
    let s = match st.arg(1) {
        Value::Str(s) => s,
        _ => return Err(st.type_arg_error(1, "string")),
    };
    if !(2..=36).contains(&base) {
        return Err(st.arg_error(2, "base out of range"));
    }
    let r = match number::tonumber_base(s.as_bytes(), base as u32) {
        Some(i) => Value::Int(i),
        None => Value::Nil,
    };
    Ok(st.ret1(r))
}

fn ipairs_aux(st: &mut State) -> LResult<usize> {
    let t = st.arg(1);
    let i = st.check_int(2)?.wrapping_add(1);
    let v = match t {
        Value::Table(tab) if tab.meta.get().is_none() => tab.get_int(i),
        _ => st.index(t, Value::Int(i), crate::meta::Src::None)?,
    };
    if v.is_nil() {
        return Ok(st.ret1(Value::Nil));
    }
    st.push(Value::Int(i));
    st.push(v);
    Ok(2)
}

fn ipairs(st: &mut State) -> LResult<usize> {
    let t = st.check_any(1)?;
    let f = st.native("ipairs_aux", ipairs_aux);
    st.push(f);
    st.push(t);
    st.push(Value::Int(0));
    Ok(3)
}

/// `next` as a native function value (used by `pairs`).
pub fn next(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let k = st.arg(2);
    match t.next(k) {
        Ok(Some((k, v))) => {
            st.push(k);
            st.push(v);
            Ok(2)
        }
        Ok(None) => Ok(st.ret1(Value::Nil)),
        Err(_) => Err(st.rt_error("invalid key to 'next'")),
    }
}

fn pairs(st: &mut State) -> LResult<usize> {
    let t = st.check_any(1)?;
    if let Some(mt) = st.metatable(&t) {
        let tm = mt.get_str(st.names.pairs);
        if !tm.is_nil() {
            let r = st.call_value(tm, &[t], 3)?;
            for v in r {
                st.push(v);
            }
            return Ok(3);
        }
    }
    let f = st.get_global_next();
    st.push(f);
    st.push(t);
    st.push(Value::Nil);
    Ok(3)
}

impl State {
    fn get_global_next(&mut self) -> Value {
        let k = self.intern(b"__lunar_next");
        let v = self.registry.get_str(k);
        if !v.is_nil() {
            return v;
        }
        let f = self.native("next", next);
        self.registry.set_str(k, f);
        f
    }
}

fn select(st: &mut State) -> LResult<usize> {
    let n = st.nargs() as i64;
    if let Value::Str(s) = st.arg(1) {
        if s.as_bytes() == b"#" {
            return Ok(st.ret1(Value::Int(n - 1)));
        }
    }
    let i = st.check_int(1)?;
    let i = if i < 0 {
        n + i
    } else if i > n {
        n
    } else {
        i
    };
    if i < 1 {
        return Err(st.arg_error(1, "index out of range"));
    }
    Ok((n - i) as usize)
}

fn rawget(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let k = st.check_any(2)?;
    Ok(st.ret1(t.get(k)))
}

fn rawset(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let k = st.check_any(2)?;
    let v = st.check_any(3)?;
    if let Err(e) = t.set(k, v) {
        return Err(st.rt_error(e.message()));
    }
    Ok(st.ret1(Value::Table(t)))
}

fn rawequal(st: &mut State) -> LResult<usize> {
    let a = st.check_any(1)?;
    let b = st.check_any(2)?;
    Ok(st.ret1(Value::Bool(a.raw_eq(&b))))
}

fn rawlen(st: &mut State) -> LResult<usize> {
    let n = match st.arg(1) {
        Value::Table(t) => t.len(),
        Value::Str(s) => s.len() as i64,
        _ => return Err(st.type_arg_error(1, "table or string")),
    };
    Ok(st.ret1(Value::Int(n)))
}

fn setmetatable(st: &mut State) -> LResult<usize> {
    let t = st.check_table(1)?;
    let mt = match st.arg(2) {
        Value::Nil if st.nargs() >= 2 => None,
        Value::Table(m) => Some(m),
        _ => return Err(st.type_arg_error(2, "nil or table")),
    };
    if let Some(old) = t.meta.get() {
        if !old.get_str(st.names.metatable).is_nil() {
            return Err(st.error_msg("cannot change a protected metatable"));
        }
    }
    t.meta.set(mt);
    if let Some(m) = mt {
        st.check_finalizer(Value::Table(t), m);
    }
    Ok(st.ret1(Value::Table(t)))
}

fn getmetatable(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let r = match st.metatable(&v) {
        None => Value::Nil,
        Some(mt) => {
            let p = mt.get_str(st.names.metatable);
            if p.is_nil() {
                Value::Table(mt)
            } else {
                p
            }
        }
    };
    Ok(st.ret1(r))
}

fn assert(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    let v = st.check_any(1)?;
    if v.truthy() {
        return Ok(n);
    }
    if n >= 2 {
        let msg = st.arg(2);
        return Err(LuaError::new(msg));
    }
    let m = st.str_value(b"assertion failed!");
    Err(LuaError::new(m))
}

fn error(st: &mut State) -> LResult<usize> {
    let v = st.arg(1);
    let level = st.opt_int(2, 1)?;
    if let Value::Str(s) = v {
        if level > 0 {
            let pos = st.where_(level as usize);
            if !pos.is_empty() {
                let mut b = pos.into_bytes();
                b.extend_from_slice(s.as_bytes());
                let m = st.str_value_owned(b);
                return Err(LuaError::new(m));
            }
        }
    }
    Err(LuaError::new(v))
}

fn pcall(st: &mut State) -> LResult<usize> {
    st.check_any(1)?;
    let base = st.ci().base;
    // insert `true` below the function: results are `true, ...`
    let top = st.top;
    st.push(Value::Nil);
    for i in (base..top).rev() {
        st.stack[i + 1] = st.stack[i];
    }
    st.stack[base] = Value::Bool(true);
    match st.pcall(base + 1, MULTRET, None) {
        Ok(()) => Ok(st.top - base),
        Err(e) => {
            st.top = base;
            st.push(Value::Bool(false));
            st.push(e.value);
            Ok(2)
        }
    }
}

fn xpcall(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    let handler = st.arg(2);
    if !handler.is_function() {
        return Err(st.type_arg_error(2, "function"));
    }
    let base = st.ci().base;
    // layout: [f, h, args...] -> [true, f, args...] with the handler kept in the frame below
    // the call (so it stays rooted): [h, true, f, args...]
    let f = st.arg(1);
    let args: Vec<Value> = (3..=n).map(|i| st.arg(i)).collect();
    st.top = base;
    st.push(handler);
    st.push(Value::Bool(true));
    st.push(f);
    for a in args {
        st.push(a);
    }
    match st.pcall(base + 2, MULTRET, Some(handler)) {
        Ok(()) => Ok(st.top - base - 1),
        Err(e) => {
            st.top = base + 1;
            st.push(Value::Bool(false));
            st.push(e.value);
            Ok(2)
        }
    }
}

fn collectgarbage(st: &mut State) -> LResult<usize> {
    let opt = match st.opt_str(1)? {
        Some(s) => s.to_str_lossy().into_owned(),
        None => "collect".into(),
    };
    let r = match opt.as_str() {
        "collect" => {
            st.full_gc();
            st.run_finalizers()?;
            Value::Int(0)
        }
        "step" => {
            st.full_gc();
            st.run_finalizers()?;
            Value::Bool(true)
        }
        "count" => {
            let b = st.gc_bytes() as f64;
            Value::Float(b / 1024.0)
        }
        "stop" => {
            st.heap.running = false;
            Value::Int(0)
        }
        "restart" => {
            st.heap.running = true;
            Value::Int(0)
        }
        "isrunning" => Value::Bool(st.heap.running),
        "incremental" | "generational" => {
            let prev = if st.heap.generational {
                "generational"
            } else {
                "incremental"
            };
            st.heap.generational = opt == "generational";
            if opt == "incremental" {
                let pause = st.opt_int(2, 0)?;
                if pause != 0 {
                    st.heap.pause = pause as u32;
                }
                let stepmul = st.opt_int(3, 0)?;
                if stepmul != 0 {
                    st.heap.stepmul = stepmul as u32;
                }
            }
            st.str_value(prev.as_bytes())
        }
        "setpause" => {
            let prev = st.heap.pause;
            st.heap.pause = st.opt_int(2, 0)? as u32;
            Value::Int(prev as i64)
        }
        "setstepmul" => {
            let prev = st.heap.stepmul;
            st.heap.stepmul = st.opt_int(2, 0)? as u32;
            Value::Int(prev as i64)
        }
        other => {
            let m = format!("invalid option '{other}'");
            return Err(st.arg_error(1, &m));
        }
    };
    Ok(st.ret1(r))
}

fn warn(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    st.check_str(1)?;
    for i in 2..=n {
        st.check_str(i)?;
    }
    for i in 1..=n {
        let s = st.check_str(i)?;
        let text = s.to_str_lossy().into_owned();
        st.warn(&text, i < n);
    }
    Ok(0)
}

/// Compiles `source` as a chunk named `chunkname` into a closure (no environment change), as
/// `luaL_loadfile` does for files: a first line starting with `#` is skipped.
pub fn load_chunk(st: &mut State, source: &[u8], chunkname: &str) -> Result<Value, String> {
    compile_chunk(st, source, chunkname, true)
}

/// Compiles a chunk; `is_file` selects `luaL_loadfile` behaviour (skip a `#` first line) over
/// `load`'s (no skipping, one more C level in use).
pub fn compile_chunk(
    st: &mut State,
    source: &[u8],
    chunkname: &str,
    is_file: bool,
) -> Result<Value, String> {
    let opts = lunar_syntax::parse::ParseOptions {
        skip_first_line: is_file,
        c_calls: if is_file {
            1
        } else {
            1 + st.n_ccalls.min(100) + 1
        },
    };
    if let Some(binary) = binary_chunk(source, is_file) {
        let p = lunar_bytecode::undump(binary, chunkname)?;
        return Ok(st.load_proto(&p));
    }
    let compile = st.compile;
    compile(st, source, chunkname, opts)
}

/// The binary chunk in `source`, if it is one (first byte `\x1b`, as `lua_load` tests). A
/// file (`luaL_loadfile`) may start with a UTF-8 byte-order mark and a `#` line before it.
/// Binary chunks are loaded by the bytecode loader whatever the engine (the tree-walker hands
/// such prototypes to the VM).
pub fn binary_chunk(source: &[u8], is_file: bool) -> Option<&[u8]> {
    let mut s = source;
    if is_file {
        s = s.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(s);
        if s.first() == Some(&b'#') {
            s = match s.iter().position(|&c| c == b'\n') {
                Some(nl) => &s[nl + 1..],
                None => &[],
            };
        }
    }
    lunar_bytecode::is_binary(s).then_some(s)
}

fn set_env(st: &mut State, f: Value, env: Value) {
    if let Value::LuaFn(cl) = f {
        if let Some(u) = cl.upvals.first() {
            let _ = st;
            // a fresh upvalue so the new environment is not shared with other closures
            u.set(env);
        }
    }
}

fn load_result(st: &mut State, r: Result<Value, String>, env: Option<Value>) -> LResult<usize> {
    match r {
        Ok(f) => {
            if let Some(e) = env {
                set_env(st, f, e);
            }
            Ok(st.ret1(f))
        }
        Err(msg) => {
            st.push(Value::Nil);
            let m = st.str_value(msg.as_bytes());
            st.push(m);
            Ok(2)
        }
    }
}

fn check_mode(mode: &str, binary: bool) -> Result<(), String> {
    let (needed, what) = if binary {
        ('b', "binary")
    } else {
        ('t', "text")
    };
    if !mode.contains(needed) {
        return Err(format!("attempt to load a {what} chunk (mode is '{mode}')"));
    }
    Ok(())
}

fn load(st: &mut State) -> LResult<usize> {
    let chunk = st.arg(1);
    let mode = match st.opt_str(3)? {
        Some(s) => s.to_str_lossy().into_owned(),
        None => "bt".into(),
    };
    let env = if st.nargs() >= 4 {
        Some(st.arg(4))
    } else {
        None
    };
    let (source, default_name): (Vec<u8>, String) = match chunk {
        Value::Str(s) => (
            s.as_bytes().to_vec(),
            String::from_utf8_lossy(s.as_bytes()).into_owned(),
        ),
        Value::LuaFn(_) | Value::NativeFn(_) => {
            let mut buf = Vec::new();
            // PUC Lua parses while it reads: a reader that never ends still stops at the first
            // syntax error. Reading everything first, we re-check the text read so far at each
            // doubling past 1 MiB and stop at an error that is not an unexpected end of input.
            let mut next_check = 1usize << 20;
            loop {
                if buf.len() >= next_check && !lunar_bytecode::is_binary(&buf) {
                    next_check = buf.len() * 2;
                    let opts = lunar_syntax::ParseOptions {
                        skip_first_line: false,
                        c_calls: 2,
                    };
                    if let Err(e) = lunar_syntax::parse_with(&buf, "=(load)", opts) {
                        if !e.message.ends_with("<eof>") {
                            return load_result(st, Err(e.message), None);
                        }
                    }
                }
                let piece = st.call1(chunk, &[])?;
                match piece {
                    Value::Nil => break,
                    Value::Str(s) if s.is_empty() => break,
                    Value::Str(s) => buf.extend_from_slice(s.as_bytes()),
                    _ => {
                        return load_result(
                            st,
                            Err("reader function must return a string".into()),
                            None,
                        )
                    }
                }
            }
            (buf, "=(load)".into())
        }
        _ => return Err(st.type_arg_error(1, "string")),
    };
    let name = match st.opt_str(2)? {
        Some(s) => s.to_str_lossy().into_owned(),
        None => default_name,
    };
    let binary = source.first() == Some(&0x1b);
    if let Err(m) = check_mode(&mode, binary) {
        return load_result(st, Err(m), None);
    }
    let r = compile_chunk(st, &source, &name, false);
    load_result(st, r, env)
}

/// Reads a file for `loadfile`/`dofile`/the CLI: skips a first line starting with `#`.
pub fn read_source_file(path: &str) -> Result<Vec<u8>, String> {
    match std::fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) => {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
                _ => {
                    let s = e.to_string();
                    s.split(" (os error").next().unwrap_or(&s).to_string()
                }
            };
            Err(format!("cannot open {path}: {reason}"))
        }
    }
}

/// Loads a file as a chunk (`luaL_loadfilex`).
pub fn load_file(st: &mut State, path: Option<&str>) -> Result<Value, String> {
    load_file_mode(st, path, "bt")
}

/// [`load_file`] accepting only the chunk kinds in `mode` (`"b"`, `"t"`, `"bt"`; `loadfile`'s
/// second argument).
pub fn load_file_mode(st: &mut State, path: Option<&str>, mode: &str) -> Result<Value, String> {
    let (src, name) = match path {
        Some(p) => (read_source_file(p)?, format!("@{p}")),
        None => {
            let mut b = Vec::new();
            use std::io::Read;
            let _ = std::io::stdin().read_to_end(&mut b);
            (b, "=stdin".to_string())
        }
    };
    check_mode(mode, binary_chunk(&src, true).is_some())?;
    load_chunk(st, &src, &name)
}

fn loadfile(st: &mut State) -> LResult<usize> {
    let path = st.opt_str(1)?.map(|s| s.to_str_lossy().into_owned());
    let mode = match st.opt_str(2)? {
        Some(s) => s.to_str_lossy().into_owned(),
        None => "bt".into(),
    };
    let env = if st.nargs() >= 3 {
        Some(st.arg(3))
    } else {
        None
    };
    let r = load_file_mode(st, path.as_deref(), &mode);
    load_result(st, r, env)
}

fn dofile(st: &mut State) -> LResult<usize> {
    let path = st.opt_str(1)?.map(|s| s.to_str_lossy().into_owned());
    let f = match load_file(st, path.as_deref()) {
        Ok(f) => f,
        Err(m) => {
            let v = st.str_value(m.as_bytes());
            return Err(LuaError::new(v));
        }
    };
    let base = st.top;
    st.push(f);
    st.call(base, MULTRET)?;
    Ok(st.top - base)
}

/// Makes a table from a list of values (helper for libraries).
pub fn table_from(st: &mut State, vals: &[Value]) -> GcRef<Table> {
    let t = st.new_table_sized(vals.len(), 0);
    for (i, v) in vals.iter().enumerate() {
        t.set_int(i as i64 + 1, *v);
    }
    t
}

/// `tonumber` without base on a value (used by libraries).
pub fn value_to_number(v: &Value) -> Option<Value> {
    to_number(v).map(|n| match n {
        Number::Int(i) => Value::Int(i),
        Number::Float(f) => Value::Float(f),
    })
}
