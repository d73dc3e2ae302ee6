//! The `lunar` command line (a port of `lua.c`, a drop-in for `lua5.4`), shared by the `lunar`
//! binary and by native executables built with `lunarc --native` (which run their embedded,
//! ahead-of-time compiled script as `lunar script.lua args` would).
//!
//! Options are parsed exactly as `lua.c`'s `collectargs` does (options end at the first
//! non-option; `-e`/`-l` take their value attached or as the next argument; combined flags
//! are rejected), which no general-purpose option crate reproduces; Lunar's own long options
//! (`--engine NAME`) are accepted in the same pass.
use std::io::{IsTerminal, Read};

use crate::{Engine, Lunar};
use lunar_runtime::func::{FnProto, JitCode};
use lunar_runtime::state::{LResult, State, MULTRET};
use lunar_runtime::stdlib::base::{flush_stdout, load_chunk, read_source_file};
use lunar_runtime::{GcRef, Value};

const PROGNAME: &str = "lunar";
const VERSION: &str = concat!(
    "Lunar ",
    env!("CARGO_PKG_VERSION"),
    " (Lua 5.4)  Copyright (C) 2026 the Lunar authors"
);

/// Native stack of the interpreter thread: deep enough for the parser/compiler on pathological
/// input and for `MAX_CCALLS` nested native re-entries (pages are only committed when touched).
const MAIN_STACK_SIZE: usize = 1 << 30;

/// A script compiled ahead of time (`lunarc --native`): its binary chunk (with debug
/// information, for messages and tracebacks) and the machine code of each of its functions,
/// in pre-order (the main function, then each nested function before its siblings).
pub struct Native {
    /// The binary chunk (`lunar_bytecode::dump` format).
    pub chunk: &'static [u8],
    /// Machine code per prototype, in pre-order.
    pub code: Vec<JitCode>,
}

/// Runs the command line `args` (`args[0]` is the program) on a thread with a large native
/// stack; returns the process exit code. With `native`, runs the embedded script with all of
/// `args[1..]` as its arguments instead of parsing options.
pub fn main(args: Vec<String>, native: Option<Native>) -> i32 {
    let child = std::thread::Builder::new()
        .name("lunar".into())
        .stack_size(MAIN_STACK_SIZE)
        .spawn(move || match native {
            Some(n) => run_native(args, n),
            None => run(args),
        });
    let code = match child {
        Ok(h) => h.join().unwrap_or(1),
        Err(e) => {
            eprintln!("{PROGNAME}: cannot start interpreter thread: {e}");
            1
        }
    };
    flush_stdout();
    code
}

fn print_usage(badoption: &str) {
    if badoption.starts_with("-e") || badoption.starts_with("-l") {
        eprintln!("{PROGNAME}: '{badoption}' needs argument");
    } else {
        eprintln!("{PROGNAME}: unrecognized option '{badoption}'");
    }
    eprintln!(
        "usage: {PROGNAME} [options] [script [args]]\n\
         Available options are:\n  \
         -e stat   execute string 'stat'\n  \
         -i        enter interactive mode after executing 'script'\n  \
         -l mod    require library 'mod' into global 'mod'\n  \
         -v        show version information\n  \
         -E        ignore environment variables\n  \
         -W        turn warnings on\n  \
         --        stop handling options\n  \
         -         stop handling options and execute stdin\n  \
         --engine NAME  execution engine ({})\n  \
         --stats[=FILE] report what the runtime did (stderr, or JSON to FILE)\n  \
         --jit-threshold N  calls/loop iterations before the JIT compiles (0: eager)\n  \
         --dump=clif|asm FUNC  print the Cranelift IR / machine code of compiled\n                 \
         functions FUNC ('chunk:line', a line number, 'main' or '*')",
        Engine::NAMES
    );
}

/// Parsed command line.
struct Options {
    interactive: bool,
    version: bool,
    ignore_env: bool,
    warnings: bool,
    /// `-e` / `-l` in order: (option letter, value).
    runs: Vec<(char, String)>,
    /// Index of the script in argv (== argv.len() when none).
    script: usize,
    engine: Engine,
    /// `--stats` (stderr) or `--stats=FILE.json`.
    stats: Option<Option<String>>,
    /// `--jit-threshold N`.
    jit_threshold: Option<u32>,
    /// `--dump=KIND FUNC`.
    dump: Option<lunar_jit::Dump>,
}

fn collect_args(argv: &[String]) -> Result<Options, String> {
    let mut o = Options {
        interactive: false,
        version: false,
        ignore_env: false,
        warnings: false,
        runs: Vec::new(),
        script: argv.len(),
        engine: std::env::var("LUNAR_ENGINE")
            .ok()
            .and_then(|e| Engine::from_name(&e))
            .unwrap_or(Engine::Jit),
        stats: None,
        jit_threshold: None,
        dump: None,
    };
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if !a.starts_with('-') {
            o.script = i;
            return Ok(o);
        }
        match a.as_str() {
            "-" => {
                o.script = i;
                return Ok(o);
            }
            "--" => {
                if i + 1 < argv.len() {
                    o.script = i + 1;
                }
                return Ok(o);
            }
            "-E" => o.ignore_env = true,
            "-W" => o.warnings = true,
            "-i" => {
                o.interactive = true;
                o.version = true;
            }
            "-v" => o.version = true,
            "--engine" => {
                i += 1;
                let name = argv.get(i).ok_or_else(|| "--engine".to_string())?;
                o.engine = Engine::from_name(name).ok_or_else(|| format!("--engine={name}"))?;
            }
            "--stats" => o.stats = Some(None),
            "--jit-threshold" => {
                i += 1;
                let n = argv.get(i).and_then(|v| v.parse().ok());
                o.jit_threshold = Some(n.ok_or_else(|| "--jit-threshold".to_string())?);
            }
            s if s.starts_with("--jit-threshold=") => {
                let n = s["--jit-threshold=".len()..]
                    .parse()
                    .map_err(|_| s.to_string())?;
                o.jit_threshold = Some(n);
            }
            s if s.starts_with("--dump=") => {
                i += 1;
                let func = argv.get(i).ok_or_else(|| s.to_string())?;
                let spec = format!("{}:{}", &s["--dump=".len()..], func);
                o.dump = Some(lunar_jit::parse_dump(&spec).ok_or_else(|| s.to_string())?);
            }
            s if s.starts_with("--stats=") => {
                o.stats = Some(Some(s["--stats=".len()..].to_string()))
            }
            s if s.starts_with("--engine=") => {
                let name = &s["--engine=".len()..];
                o.engine = Engine::from_name(name).ok_or_else(|| s.to_string())?;
            }
            s if s.starts_with("-e") || s.starts_with("-l") => {
                let letter = s.as_bytes()[1] as char;
                let value = if s.len() > 2 {
                    s[2..].to_string()
                } else {
                    i += 1;
                    match argv.get(i) {
                        Some(v) if !v.starts_with('-') || letter == 'e' => v.clone(),
                        _ => return Err(s.to_string()),
                    }
                };
                o.runs.push((letter, value));
            }
            _ => return Err(a.clone()),
        }
        i += 1;
    }
    Ok(o)
}

/// Message handler: turns the error into a string and appends a traceback (`msghandler`).
fn msghandler(st: &mut State) -> LResult<usize> {
    let v = st.arg(1);
    let msg = match v {
        Value::Str(s) => s.to_str_lossy().into_owned(),
        Value::Int(_) | Value::Float(_) => {
            let mut b = Vec::new();
            st.tostring_basic(&v, &mut b);
            String::from_utf8_lossy(&b).into_owned()
        }
        _ => {
            let has_tostring = st
                .metatable(&v)
                .map(|mt| !mt.get_str(st.names.tostring).is_nil())
                .unwrap_or(false);
            if has_tostring {
                let s = st.tostring(v)?;
                return Ok(st.ret1(Value::Str(s)));
            }
            format!("(error object is a {} value)", v.type_name())
        }
    };
    let tb = st.traceback_thread(None, Some(msg.as_bytes()), 1);
    let r = st.str_value(&tb);
    Ok(st.ret1(r))
}

fn report(msg: &str) {
    flush_stdout();
    eprintln!("{PROGNAME}: {msg}");
}

/// Calls the function at `base` with the values above it, with traceback on error.
fn docall(st: &mut State, base: usize) -> Result<(), String> {
    let h = st.native("msghandler", msghandler);
    match st.pcall(base, MULTRET, Some(h)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let mut buf = Vec::new();
            st.tostring_basic(&e.value, &mut buf);
            Err(String::from_utf8_lossy(&buf).into_owned())
        }
    }
}

fn dochunk(st: &mut State, source: &[u8], chunkname: &str) -> bool {
    match load_chunk(st, source, chunkname) {
        Ok(f) => call_script(st, f, &[]),
        Err(m) => {
            report(&m);
            false
        }
    }
}

fn dolibrary(st: &mut State, spec: &str) -> bool {
    // `-l g=mod` stores require("mod") in global g (lua.c 5.4)
    let (global, name) = match spec.split_once('=') {
        Some((g, m)) => (g, m),
        None => (spec, spec),
    };
    let req = st.get_global("require");
    let base = st.top;
    st.push(req);
    let n = st.str_value(name.as_bytes());
    st.push(n);
    match docall(st, base) {
        Ok(()) => {
            let v = st.stack[base];
            st.top = base;
            st.set_global(global, v);
            true
        }
        Err(m) => {
            st.top = base;
            report(&m);
            false
        }
    }
}

fn handle_script(st: &mut State, argv: &[String], script: usize) -> bool {
    let fname = &argv[script];
    let (src, chunkname) = if fname == "-" && argv.get(script - 1).map(|s| s.as_str()) != Some("--")
    {
        let mut b = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut b);
        (b, "=stdin".to_string())
    } else {
        match read_source_file(fname) {
            Ok(b) => (b, format!("@{fname}")),
            Err(m) => {
                report(&m);
                return false;
            }
        }
    };
    let f = match load_chunk(st, &src, &chunkname) {
        Ok(f) => f,
        Err(m) => {
            report(&m);
            return false;
        }
    };
    call_script(st, f, &argv[script + 1..])
}

/// Calls a chunk's main function with `args`, reporting errors.
fn call_script(st: &mut State, f: Value, args: &[String]) -> bool {
    let base = st.top;
    st.push(f);
    for a in args {
        let v = st.str_value(a.as_bytes());
        st.push(v);
    }
    let r = docall(st, base);
    st.top = base;
    match r {
        Ok(()) => true,
        Err(m) => {
            report(&m);
            false
        }
    }
}

fn create_arg_table(st: &mut State, argv: &[String], script: usize) {
    let script = if script == argv.len() { 0 } else { script };
    let t = st.new_table();
    for (i, a) in argv.iter().enumerate() {
        let v = if i == 0 {
            st.str_value(PROGNAME.as_bytes())
        } else {
            st.str_value(a.as_bytes())
        };
        t.set_int(i as i64 - script as i64, v);
    }
    st.set_global("arg", Value::Table(t));
}

fn handle_luainit(st: &mut State) -> bool {
    let (name, init) = match std::env::var("LUA_INIT_5_4") {
        Ok(v) => ("=LUA_INIT_5_4", v),
        Err(_) => match std::env::var("LUA_INIT") {
            Ok(v) => ("=LUA_INIT", v),
            Err(_) => return true,
        },
    };
    if let Some(file) = init.strip_prefix('@') {
        match read_source_file(file) {
            Ok(src) => dochunk(st, &src, &format!("@{file}")),
            Err(m) => {
                report(&m);
                false
            }
        }
    } else {
        dochunk(st, init.as_bytes(), name)
    }
}

fn repl(st: &mut State) {
    let mut rl = rustyline::DefaultEditor::new().ok();
    let mut read_line = |prompt: &str| -> Option<String> {
        match rl.as_mut() {
            Some(r) => match r.readline(prompt) {
                Ok(l) => {
                    let _ = r.add_history_entry(l.as_str());
                    Some(l)
                }
                Err(_) => None,
            },
            None => {
                eprint!("{prompt}");
                let mut l = String::new();
                match std::io::stdin().read_line(&mut l) {
                    Ok(0) | Err(_) => None,
                    Ok(_) => Some(l.trim_end_matches('\n').to_string()),
                }
            }
        }
    };
    loop {
        flush_stdout();
        let Some(first) = read_line("> ") else { break };
        let mut code = first;
        // an expression? print its values
        let ret = format!("return {code}");
        let f = match load_chunk(st, ret.as_bytes(), "=stdin") {
            Ok(f) => Ok(f),
            Err(_) => loop {
                match load_chunk(st, code.as_bytes(), "=stdin") {
                    Ok(f) => break Ok(f),
                    Err(m) if m.ends_with("<eof>") => match read_line(">> ") {
                        Some(more) => {
                            code.push('\n');
                            code.push_str(&more);
                        }
                        None => break Err(m),
                    },
                    Err(m) => break Err(m),
                }
            },
        };
        let f = match f {
            Ok(f) => f,
            Err(m) => {
                report(&m);
                continue;
            }
        };
        let base = st.top;
        st.push(f);
        match docall(st, base) {
            Ok(()) => {
                let n = st.top - base;
                if n > 0 {
                    let print = st.get_global("print");
                    let vals: Vec<Value> = st.stack[base..st.top].to_vec();
                    st.top = base;
                    st.push(print);
                    for v in vals {
                        st.push(v);
                    }
                    if let Err(m) = docall(st, base) {
                        report(&format!("error calling 'print' ({m})"));
                    }
                }
            }
            Err(m) => report(&m),
        }
        st.top = base;
    }
    println!();
}

fn run(argv: Vec<String>) -> i32 {
    let opts = match collect_args(&argv) {
        Ok(o) => o,
        Err(bad) => {
            print_usage(&bad);
            return 1;
        }
    };
    if opts.version {
        println!("{VERSION}");
    }
    let threshold = opts
        .jit_threshold
        .unwrap_or_else(crate::default_jit_threshold);
    let mut lua = Lunar::with_jit_threshold(opts.engine, threshold);
    if opts.dump.is_some() {
        lunar_jit::set_dump(&mut lua.state, opts.dump.clone());
    }
    let st = &mut lua.state;
    if opts.ignore_env {
        // lua -E: package.path/cpath ignore LUA_PATH* / LUA_CPATH*
        let k = st.intern(b"LUA_NOENV");
        st.registry.set_str(k, Value::Bool(true));
        if let Value::Table(pkg) = st.get_global("package") {
            lunar_runtime::stdlib::package::set_paths(st, pkg);
        }
    }
    st.stats.enabled = opts.stats.is_some();
    let started = std::time::Instant::now();
    // lua.c runs the collector in generational mode
    st.heap.generational = true;
    if opts.warnings {
        st.warn_on = true;
    }
    create_arg_table(st, &argv, opts.script);
    let ok = run_all(st, &argv, &opts);
    st.close_state();
    flush_stdout();
    if let Some(dest) = &opts.stats {
        let report = crate::stats_report(st, opts.engine, started.elapsed());
        match dest {
            None => eprint!("{}", crate::stats_text(&report)),
            Some(file) => {
                if let Err(e) = std::fs::write(file, crate::stats_json(&report)) {
                    eprintln!("{PROGNAME}: cannot write {file}: {e}");
                }
            }
        }
    }
    if ok {
        0
    } else {
        1
    }
}

fn run_all(st: &mut State, argv: &[String], opts: &Options) -> bool {
    if !opts.ignore_env && !handle_luainit(st) {
        return false;
    }
    for (letter, value) in &opts.runs {
        let ok = if *letter == 'e' {
            dochunk(st, value.as_bytes(), "=(command line)")
        } else {
            dolibrary(st, value)
        };
        if !ok {
            return false;
        }
    }
    if opts.script < argv.len() && !handle_script(st, argv, opts.script) {
        return false;
    }
    if opts.interactive {
        repl(st);
    } else if opts.script == argv.len() && opts.runs.is_empty() && !opts.version {
        if std::io::stdin().is_terminal() {
            println!("{VERSION}");
            repl(st);
        } else {
            let mut b = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut b);
            return dochunk(st, &b, "=stdin");
        }
    }
    true
}

/// `lunar script.lua args` for a script compiled ahead of time: the VM is the executor (for
/// code loaded at run time), every function of the script starts in its machine code.
fn run_native(args: Vec<String>, native: Native) -> i32 {
    let mut lua = Lunar::new(Engine::Vm);
    let st = &mut lua.state;
    // compiled code is entered wherever a prototype has code; nothing is compiled at run time
    st.jit_threshold = Some(u32::MAX);
    lunar_runtime::thread::discard_without_unwinding();
    st.heap.generational = true;
    let f = match load_chunk(st, native.chunk, "=?") {
        Ok(f) => f,
        Err(m) => {
            report(&m);
            return 1;
        }
    };
    let script = match f {
        Value::LuaFn(c) => {
            let mut n = 0;
            if !attach_code(c.proto, &native.code, &mut n) || n != native.code.len() {
                report("native program does not match its embedded chunk");
                return 1;
            }
            let src = c.proto.source.to_str_lossy();
            src.strip_prefix('@').unwrap_or("?").to_string()
        }
        _ => "?".to_string(),
    };
    let mut argv = vec![args.first().cloned().unwrap_or_default(), script];
    argv.extend(args.iter().skip(1).cloned());
    create_arg_table(st, &argv, 1);
    let ok = handle_luainit(st) && call_script(st, f, &argv[2..]);
    st.close_state();
    flush_stdout();
    if ok {
        0
    } else {
        1
    }
}

/// Gives each prototype of the tree under `p` its machine code (pre-order).
fn attach_code(p: GcRef<FnProto>, code: &[JitCode], n: &mut usize) -> bool {
    let Some(&c) = code.get(*n) else {
        return false;
    };
    if c as usize <= 1 {
        return false;
    }
    p.jit_code.set(c as usize);
    *n += 1;
    p.protos.iter().all(|q| attach_code(*q, code, n))
}
