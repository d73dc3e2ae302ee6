//! `lunarc`: Lunar's compiler, a drop-in replacement for `luac5.4` (luac.c of Lua 5.4).
//!
//! ```text
//! usage: lunarc [options] [filenames]
//!   -l       list (use -l -l for full listing)
//!   -o name  output to file 'name' (default is "luac.out"; "-" is standard output)
//!   -p       parse only
//!   -s       strip debug information
//!   -v       show version information
//!   --       stop handling options
//!   -        stop handling options and process stdin
//!   --native compile to a native executable (`-o NAME`; default: the script's name
//!            without `.lua`), linked with the runtime library by the C toolchain (`cc`)
//! ```
//!
//! Output files are PUC Lua 5.4 binary chunks (see `lunar_bytecode::dump`), byte-identical to
//! what `luac5.4` writes for the same source; `lunar file.luac` and `lua5.4 file.luac` run
//! them. Input files may be source or binary chunks, as with `luac` (`luaL_loadfile`). Several
//! files are combined as `luac` does: a main chunk named `=(luac)` (kept for byte identity),
//! without line information, that calls each file's main function in order. Messages and exit codes are `luac`'s, with
//! the program name `lunarc`.
use std::io::Write;
use std::process::exit;

use lunar_bytecode::{disasm, Proto};
use lunar_syntax::ParseOptions;

const PROGNAME: &str = "lunarc";
/// Default output file (luac's `Output`).
const OUTPUT: &str = "luac.out";
const VERSION: &str = concat!(
    "Lunar ",
    env!("CARGO_PKG_VERSION"),
    " (Lua 5.4)  Copyright (C) 2026 the Lunar authors"
);
/// Native stack of the compiling thread (deeply nested sources recurse in the parser).
const STACK_SIZE: usize = 1 << 30;

/// What to do, from the command line (luac.c's globals).
struct Options {
    listing: u32,
    dumping: bool,
    stripping: bool,
    native: bool,
    /// Whether `-o` was given.
    output_given: bool,
    /// `None`: standard output (`-o -`).
    output: Option<String>,
    files: Vec<String>,
}

fn usage(message: &str) -> ! {
    if message.starts_with('-') {
        eprintln!("{PROGNAME}: unrecognized option '{message}'");
    } else {
        eprintln!("{PROGNAME}: {message}");
    }
    eprint!(
        "usage: {PROGNAME} [options] [filenames]\n\
         Available options are:\n  \
         -l       list (use -l -l for full listing)\n  \
         -o name  output to file 'name' (default is \"{OUTPUT}\")\n  \
         -p       parse only\n  \
         -s       strip debug information\n  \
         -v       show version information\n  \
         --       stop handling options\n  \
         -        stop handling options and process stdin\n  \
         --native compile to a native executable (-o name; default: script name)\n"
    );
    exit(1)
}

fn fatal(message: &str) -> ! {
    eprintln!("{PROGNAME}: {message}");
    exit(1)
}

/// luac.c's `doargs`, option for option.
fn doargs(args: &[String]) -> Options {
    let mut o = Options {
        listing: 0,
        dumping: true,
        stripping: false,
        native: false,
        output_given: false,
        output: Some(OUTPUT.to_string()),
        files: Vec::new(),
    };
    let argc = args.len();
    let mut version = 0;
    let mut i = 1;
    while i < argc {
        let a = args[i].as_str();
        if !a.starts_with('-') {
            break; // end of options; keep it
        } else if a == "--" {
            i += 1; // end of options; skip it
            if version > 0 {
                version += 1;
            }
            break;
        } else if a == "-" {
            break; // end of options; use stdin
        } else if a == "-l" {
            o.listing += 1;
        } else if a == "-o" {
            i += 1;
            o.output_given = true;
            match args.get(i).map(String::as_str) {
                None | Some("") => usage("'-o' needs argument"),
                Some(x) if x.starts_with('-') && x != "-" => usage("'-o' needs argument"),
                Some("-") => o.output = None,
                Some(x) => o.output = Some(x.to_string()),
            }
        } else if a == "-p" {
            o.dumping = false;
        } else if a == "-s" {
            o.stripping = true;
        } else if a == "-v" {
            version += 1;
        } else if a == "--native" {
            // the ahead-of-time back end (native executables) plugs in here
            o.native = true;
        } else {
            usage(a);
        }
        i += 1;
    }
    let mut files: Vec<String> = args[i.min(argc)..].to_vec();
    if i >= argc && (o.listing > 0 || !o.dumping) {
        o.dumping = false;
        files = vec![OUTPUT.to_string()];
    }
    if version > 0 {
        println!("{VERSION}");
        if version == argc - 1 {
            exit(0);
        }
    }
    o.files = files;
    o
}

/// `luaL_loadfile` for the compiler: reads `file` (`-`: standard input), skips a byte-order
/// mark and a first `#` line, and compiles the source or reads the binary chunk.
fn load(file: &str) -> Result<Proto, String> {
    let (bytes, chunkname) = if file == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        (b, "=stdin".to_string())
    } else {
        let b = std::fs::read(file).map_err(|e| {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
                _ => {
                    let s = e.to_string();
                    s.split(" (os error").next().unwrap_or(&s).to_string()
                }
            };
            format!("cannot open {file}: {reason}")
        })?;
        (b, format!("@{file}"))
    };
    if let Some(binary) = binary_part(&bytes) {
        return lunar_bytecode::undump(binary, &chunkname);
    }
    let opts = ParseOptions {
        skip_first_line: true,
        c_calls: 1,
    };
    let chunk = lunar_syntax::parse_with(&bytes, &chunkname, opts).map_err(|e| e.message)?;
    lunar_bytecode::compile(&chunk).map_err(|e| e.message)
}

/// The binary chunk in a file's contents (after an optional BOM and `#` line), if it is one.
fn binary_part(bytes: &[u8]) -> Option<&[u8]> {
    let mut s = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if s.first() == Some(&b'#') {
        s = s
            .iter()
            .position(|&c| c == b'\n')
            .map_or(&[][..], |nl| &s[nl + 1..]);
    }
    lunar_bytecode::is_binary(s).then_some(s)
}

/// luac.c's `combine`: one file is itself; several become the nested functions of a main
/// chunk `(function()end)();` × n, each taking `_ENV` from the main chunk's upvalue.
fn combine(mut protos: Vec<Proto>) -> Proto {
    if protos.len() == 1 {
        return protos.pop().expect("one");
    }
    let text = "(function()end)();\n".repeat(protos.len());
    let mut main = lunar_bytecode::compile_source(text.as_bytes(), "=(luac)")
        .unwrap_or_else(|e| fatal(&e.message));
    for (slot, mut p) in main.protos.iter_mut().zip(protos) {
        if let Some(u) = p.upvalues.first_mut() {
            u.in_stack = false;
        }
        *slot = p;
    }
    // luac 5.4 drops the main function's line information here
    main.line_info.clear();
    main
}

fn run(args: Vec<String>) {
    let o = doargs(&args);
    if o.files.is_empty() {
        usage("no input files given");
    }
    let mut protos = Vec::with_capacity(o.files.len());
    for f in &o.files {
        match load(f) {
            Ok(p) => protos.push(p),
            Err(m) => fatal(&m),
        }
    }
    let f = combine(protos);
    if o.native {
        native(&o, &f);
        return;
    }
    let stdout = std::io::stdout();
    if o.listing > 0 {
        let mut out = stdout.lock();
        let _ = out.write_all(disasm::listing(&f, o.listing > 1).as_bytes());
        let _ = out.flush();
    }
    if o.dumping {
        let bytes = lunar_bytecode::dump(&f, o.stripping);
        let name = o.output.as_deref().unwrap_or("stdout");
        let cannot = |what: &str, e: std::io::Error| -> ! {
            let reason = e.to_string();
            let reason = reason.split(" (os error").next().unwrap_or(&reason);
            fatal(&format!("cannot {what} {name}: {reason}"))
        };
        match &o.output {
            None => {
                let mut out = stdout.lock();
                if let Err(e) = out.write_all(&bytes).and_then(|_| out.flush()) {
                    cannot("write", e);
                }
            }
            Some(path) => {
                let mut file = std::fs::File::create(path).unwrap_or_else(|e| cannot("open", e));
                if let Err(e) = file.write_all(&bytes) {
                    cannot("write", e);
                }
            }
        }
    }
}

/// `--native`: every function to machine code (`lunar_aot`), linked with the runtime library
/// into an executable: `-o NAME`, by default the first file's name without `.lua`.
fn native(o: &Options, f: &Proto) {
    let output = match (&o.output, o.output_given) {
        (Some(out), true) => out.clone(),
        (None, _) => fatal("'--native' cannot write an executable to standard output"),
        _ => {
            let first = o.files.first().map(String::as_str).unwrap_or("-");
            let stem = std::path::Path::new(first)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned());
            match stem {
                Some(s) if first != "-" && !s.is_empty() => s,
                _ => "a.out".to_string(),
            }
        }
    };
    if o.listing > 0 {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(disasm::listing(f, o.listing > 1).as_bytes());
        let _ = out.flush();
    }
    if !o.dumping {
        return;
    }
    let bytes = lunar_bytecode::dump(f, o.stripping);
    let chunkname = if f.source.is_empty() {
        "=?".to_string()
    } else {
        f.source.clone()
    };
    let (object, _) = lunar_aot::compile_object(&bytes, &chunkname).unwrap_or_else(|e| fatal(&e));
    let lib = lunar_aot::find_runtime_lib().unwrap_or_else(|e| fatal(&e));
    if let Err(e) = lunar_aot::link(&object, &lib, std::path::Path::new(&output)) {
        fatal(&e);
    }
}

fn main() {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let child = std::thread::Builder::new()
        .name(PROGNAME.into())
        .stack_size(STACK_SIZE)
        .spawn(move || run(args));
    match child {
        Ok(h) => {
            if h.join().is_err() {
                exit(1);
            }
        }
        Err(e) => fatal(&format!("cannot start compiler thread: {e}")),
    }
}
