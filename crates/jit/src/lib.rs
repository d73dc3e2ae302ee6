//! The JIT tier (register bytecode -> **Cranelift IR** -> machine code).
//!
//! Pins Cranelift 0.135.8 (its API changes between releases; learn it from that version's
//! sources in cargo's registry).
//!
//! * **Tiering** ([`install`]): the VM counts calls and loop back-edges per prototype; once a
//!   count reaches the threshold (`--jit-threshold`, default [`DEFAULT_THRESHOLD`]; 0 = eager:
//!   compile before the first call) the prototype is compiled whole. The VM enters compiled
//!   code at function entry, at a back-edge of a running loop (on-stack replacement: compiled
//!   code can start at any pc), and when it returns to a frame that has code.
//! * **Translation** (`translate`): every opcode compiles — inline fast paths with tag checks
//!   for numbers, comparisons, loops and upvalues, and `extern "C"` runtime helpers (`helpers`)
//!   for the rest. Compiled code performs calls and returns itself: a call to a compiled Lua
//!   function goes straight to its code on the native stack (bounded: when the native stack
//!   runs low the interpreter, which does not recurse natively, takes over).
//! * **Leaving compiled code**: a frame hands itself back to the interpreter at the current
//!   instruction (`STATUS_EXIT | pc`; the register window is always up to date, so this needs
//!   no reconstruction) when compiled code cannot continue — a debug hook was set.
//! * **Memory** ([`CodeModule`]): each function's code lives in its own `JITModule`, writable
//!   only while it is emitted and executable afterwards (never both), and is released when the
//!   collector frees its prototype.
//! * **Introspection**: `LUNAR_JIT_LOG=1` prints each compilation; `--dump=clif|asm FUNC`
//!   (or `LUNAR_JIT_DUMP=clif:FUNC`) prints the IR or machine code; `lunar --stats` reports
//!   compiled functions with their compile times, entries, OSR entries and exits.
#![deny(missing_docs)]

pub mod helpers;
mod infer;
mod inline;
mod translate;

use cranelift_codegen::ir::{types, AbiParam, Signature, UserFuncName};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::default_libcall_names;
pub use cranelift_module::{FuncId, Linkage, Module};
pub use lunar_runtime::jit_abi::{STATUS_ERROR, STATUS_EXIT, STATUS_RETURN, STATUS_TAILCALL};

/// Default tier-up threshold: calls or loop back-edges before a prototype is compiled.
pub const DEFAULT_THRESHOLD: u32 = 64;

/// JIT statistics (`lunar --stats`).
#[derive(Debug, Default, Clone)]
pub struct JitStats {
    /// Prototypes compiled.
    pub compiled: u64,
    /// Prototypes that failed to compile (they stay interpreted).
    pub failed: u64,
    /// Total compile time.
    pub compile_time: std::time::Duration,
    /// Compiled functions whose code was released (their prototypes were collected).
    pub freed: u64,
    /// Per compiled function: (chunk:line, instructions, compile time).
    pub functions: Vec<(String, usize, std::time::Duration)>,
}

/// The JIT's state stored in `State::jit_state`.
pub struct JitState {
    /// Code memory.
    pub module: CodeModule,
    /// Statistics.
    pub stats: JitStats,
    /// Print each compilation to stderr (`LUNAR_JIT_LOG=1`).
    pub log: bool,
    /// Print the Cranelift IR or machine code of matching functions as they are compiled.
    pub dump: Option<Dump>,
}

/// What `--dump` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpKind {
    /// Cranelift IR (after translation, before optimisation).
    Clif,
    /// Machine code disassembly (Cranelift's VCode listing).
    Asm,
}

/// `--dump=KIND FUNC`: print each compiled function whose name matches `filter` (`name` as
/// shown by `LUNAR_JIT_LOG`, i.e. `chunk:line`; a bare line number; or `*` for all).
#[derive(Debug, Clone)]
pub struct Dump {
    /// IR or machine code.
    pub kind: DumpKind,
    /// Which functions.
    pub filter: String,
}

impl Dump {
    fn matches(&self, name: &str, line: u32) -> bool {
        self.filter == "*"
            || self.filter == name
            || self.filter == line.to_string()
            || (self.filter == "main" && line == 0)
    }
}

/// Parses `KIND[:FUNC]` (`clif` or `asm`; FUNC defaults to `*`), as in `LUNAR_JIT_DUMP`.
pub fn parse_dump(spec: &str) -> Option<Dump> {
    let (kind, filter) = spec.split_once(':').unwrap_or((spec, "*"));
    let kind = match kind {
        "clif" => DumpKind::Clif,
        "asm" => DumpKind::Asm,
        _ => return None,
    };
    Some(Dump {
        kind,
        filter: filter.to_string(),
    })
}

/// Sets what the JIT of `st` dumps (see [`Dump`]).
pub fn set_dump(st: &mut lunar_runtime::State, dump: Option<Dump>) {
    if let Some(js) = st
        .jit_state
        .as_mut()
        .and_then(|b| b.downcast_mut::<JitState>())
    {
        js.dump = dump;
    }
}

/// Installs the JIT tier into a state (the VM must be its executor): prototypes are compiled
/// once their calls or back-edges reach `threshold` (0 = before their first execution).
pub fn install(st: &mut lunar_runtime::State, threshold: u32) -> Result<(), JitError> {
    let module = CodeModule::new()?;
    let log = std::env::var("LUNAR_JIT_LOG")
        .map(|v| v != "0")
        .unwrap_or(false);
    st.jit_state = Some(Box::new(JitState {
        module,
        stats: JitStats::default(),
        log,
        dump: std::env::var("LUNAR_JIT_DUMP")
            .ok()
            .and_then(|v| parse_dump(&v)),
    }));
    st.jit_threshold = Some(threshold);
    st.jit_compile = Some(compile_hook);
    lunar_runtime::thread::discard_without_unwinding();
    Ok(())
}

/// The JIT statistics of a state, if the JIT is installed.
pub fn stats(st: &lunar_runtime::State) -> Option<&JitStats> {
    st.jit_state
        .as_ref()?
        .downcast_ref::<JitState>()
        .map(|j| &j.stats)
}

fn compile_hook(
    st: &mut lunar_runtime::State,
    p: lunar_runtime::GcRef<lunar_runtime::func::FnProto>,
) {
    let freed = std::mem::take(&mut st.jit_freed);
    let Some(js) = st
        .jit_state
        .as_mut()
        .and_then(|b| b.downcast_mut::<JitState>())
    else {
        p.jit_code.set(1);
        return;
    };
    for code in freed {
        js.module.free(code);
        js.stats.freed += 1;
    }
    if p.ast.is_some() || p.code.is_empty() {
        p.jit_code.set(1);
        return;
    }
    let name = format!(
        "{}:{}",
        lunar_syntax_chunkid(&p.source.to_str_lossy()),
        p.line_defined
    );
    let dump = js
        .dump
        .as_ref()
        .filter(|d| d.matches(&name, p.line_defined))
        .map(|d| d.kind);
    let t0 = std::time::Instant::now();
    match compile_proto_dump(&mut js.module, &p, dump) {
        Ok((code, text)) => {
            let dt = t0.elapsed();
            p.jit_code.set(code as usize);
            js.stats.compiled += 1;
            js.stats.compile_time += dt;
            if let Some(text) = text {
                eprintln!("[jit] {name}:\n{text}");
            }
            if js.log {
                eprintln!(
                    "[jit] compiled {} ({} instructions) in {:.3} ms",
                    name,
                    p.code.len(),
                    dt.as_secs_f64() * 1e3
                );
            }
            js.stats.functions.push((name, p.code.len(), dt));
        }
        Err(e) => {
            p.jit_code.set(1);
            js.stats.failed += 1;
            if js.log {
                eprintln!("[jit] failed to compile: {e}");
            }
        }
    }
}

fn lunar_syntax_chunkid(source: &str) -> String {
    // same formatting as error messages use
    if let Some(f) = source.strip_prefix('@') {
        f.to_string()
    } else if let Some(f) = source.strip_prefix('=') {
        f.to_string()
    } else {
        "[string]".to_string()
    }
}

/// Compiles a prototype's bytecode to machine code ([`lunar_runtime::func::JitCode`]).
pub fn compile_proto(
    cm: &mut CodeModule,
    p: &lunar_runtime::func::FnProto,
) -> Result<lunar_runtime::func::JitCode, JitError> {
    compile_proto_dump(cm, p, None).map(|(c, _)| c)
}

/// [`compile_proto`], also returning the IR or disassembly when `dump` asks for it.
pub fn compile_proto_dump(
    cm: &mut CodeModule,
    p: &lunar_runtime::func::FnProto,
    dump: Option<DumpKind>,
) -> Result<(lunar_runtime::func::JitCode, Option<String>), JitError> {
    // one JIT module per function, so its memory can be released when the prototype dies
    let mut module = cm.new_module();
    cm.counter += 1;
    let name = format!("lunar_fn_{}", cm.counter);
    let id = declare_code(&mut module, &name, Linkage::Local)?;
    // speculative code unless its guards failed too often before
    let spec = p.deopts.get() < 2 * lunar_runtime::jit_abi::DEOPT_LIMIT;
    let text = cm.fc.define(&mut module, p, id, false, spec, dump)?;
    module
        .finalize_definitions()
        .map_err(|e| JitError(e.to_string()))?;
    let code = module.get_finalized_function(id);
    cm.live.insert(code as usize, module);
    // SAFETY: compiled with exactly the `JitCode` signature (two pointers and an i32 in, one
    // i64 out, the platform's default C calling convention; see `code_signature`).
    let code = unsafe { std::mem::transmute::<*const u8, lunar_runtime::func::JitCode>(code) };
    Ok((code, text))
}

/// The signature of compiled functions ([`lunar_runtime::func::JitCode`]): state, register
/// window, entry pc -> status or 0.
pub fn code_signature<M: Module>(m: &M) -> Signature {
    let ptr = m.target_config().pointer_type();
    let mut sig = m.make_signature();
    sig.params.push(AbiParam::new(ptr));
    sig.params.push(AbiParam::new(ptr));
    sig.params.push(AbiParam::new(types::I32));
    sig.returns.push(AbiParam::new(types::I64));
    sig
}

/// Declares a compiled function named `name` in `m` (see [`code_signature`]).
pub fn declare_code<M: Module>(
    m: &mut M,
    name: &str,
    linkage: Linkage,
) -> Result<FuncId, JitError> {
    let sig = code_signature(m);
    m.declare_function(name, linkage, &sig)
        .map_err(|e| JitError(e.to_string()))
}

/// Translates prototypes into functions of any Cranelift module: a `JITModule` (the JIT) or an
/// `ObjectModule` (ahead-of-time compilation, crate `lunar-aot`).
pub struct FunctionCompiler {
    fctx: FunctionBuilderContext,
    layout: translate::ObjectLayout,
}

impl FunctionCompiler {
    /// A translator for this build of the runtime (object layouts are probed here).
    pub fn new() -> FunctionCompiler {
        FunctionCompiler {
            fctx: FunctionBuilderContext::new(),
            layout: translate::ObjectLayout::probe(),
        }
    }

    /// Defines function `id` (declared by [`declare_code`]) as the machine code of `p`. The
    /// runtime helpers it calls are imported by their exported names. `aot` code embeds no
    /// run-time addresses, so it can be linked into another process. `spec`: arithmetic on
    /// operands of unknown type leaves compiled code when they are not numbers (see
    /// `types.rs`), instead of calling the metamethod fallbacks. Returns the IR or
    /// disassembly when `dump` asks for it.
    pub fn define<M: Module>(
        &mut self,
        m: &mut M,
        p: &lunar_runtime::func::FnProto,
        id: FuncId,
        aot: bool,
        spec: bool,
        dump: Option<DumpKind>,
    ) -> Result<Option<String>, JitError> {
        let ptr = m.target_config().pointer_type();
        let mut hsig = m.make_signature();
        hsig.params.push(AbiParam::new(ptr));
        hsig.params.push(AbiParam::new(types::I32));
        hsig.params.push(AbiParam::new(types::I32));
        hsig.returns.push(AbiParam::new(types::I64));
        let mut ctx = m.make_context();
        ctx.func.signature = code_signature(m);
        ctx.func.name = UserFuncName::user(0, id.as_u32());
        let mut refs = std::collections::HashMap::new();
        for (name, _) in helpers::HELPERS {
            let hid = m
                .declare_function(name, Linkage::Import, &hsig)
                .map_err(|e| JitError(e.to_string()))?;
            refs.insert(*name, m.declare_func_in_func(hid, &mut ctx.func));
        }
        // lunar_call_status(state, status, pc) -> status
        let mut ssig = m.make_signature();
        ssig.params.push(AbiParam::new(ptr));
        ssig.params.push(AbiParam::new(types::I64));
        ssig.params.push(AbiParam::new(types::I32));
        ssig.returns.push(AbiParam::new(types::I64));
        let sid = m
            .declare_function("lunar_call_status", Linkage::Import, &ssig)
            .map_err(|e| JitError(e.to_string()))?;
        refs.insert(
            "lunar_call_status",
            m.declare_func_in_func(sid, &mut ctx.func),
        );
        let cfg = m.target_config();
        {
            let fb = FunctionBuilder::new(&mut ctx.func, &mut self.fctx);
            let t = translate::Translator::new(fb, p, &refs, &self.layout, aot, spec);
            let fb = t.translate();
            fb.finalize(cfg);
        }
        let mut text = None;
        match dump {
            Some(DumpKind::Clif) => text = Some(ctx.func.display().to_string()),
            Some(DumpKind::Asm) => ctx.set_disasm(true),
            None => {}
        }
        m.define_function(id, &mut ctx)
            .map_err(|e| JitError(format!("{e:?}")))?;
        if dump == Some(DumpKind::Asm) {
            text = ctx.compiled_code().and_then(|c| c.vcode.clone());
        }
        m.clear_context(&mut ctx);
        Ok(text)
    }
}

/// Cranelift settings shared by the JIT and ahead-of-time compilation: optimise for speed;
/// `pic` for code linked into executables.
pub fn isa(pic: bool) -> Result<cranelift_codegen::isa::OwnedTargetIsa, JitError> {
    let mut flags = settings::builder();
    let set = |f: &mut settings::Builder, k: &str, v: &str| {
        f.set(k, v).map_err(|e| JitError(e.to_string()))
    };
    set(&mut flags, "opt_level", "speed")?;
    set(&mut flags, "use_colocated_libcalls", "false")?;
    set(&mut flags, "is_pic", if pic { "true" } else { "false" })?;
    // the IR verifier costs compile time; debug builds keep it
    let verify = if cfg!(debug_assertions) {
        "true"
    } else {
        "false"
    };
    set(&mut flags, "enable_verifier", verify)?;
    cranelift_native::builder()
        .map_err(|e| JitError(e.to_string()))?
        .finish(settings::Flags::new(flags))
        .map_err(|e| JitError(e.to_string()))
}

/// Compiled code memory: the host ISA and one `JITModule` per compiled function (mapped
/// writable while it is emitted, then executable and never writable again), released when the
/// function's prototype is collected ([`CodeModule::free`]).
pub struct CodeModule {
    isa: cranelift_codegen::isa::OwnedTargetIsa,
    fc: FunctionCompiler,
    counter: u32,
    live: std::collections::HashMap<usize, JITModule>,
}

/// Errors from code generation.
#[derive(Debug)]
pub struct JitError(pub String);

impl std::fmt::Display for JitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl CodeModule {
    /// A code generator for the host machine.
    pub fn new() -> Result<CodeModule, JitError> {
        Ok(CodeModule {
            isa: isa(false)?,
            fc: FunctionCompiler::new(),
            counter: 0,
            live: Default::default(),
        })
    }

    /// A fresh module that resolves the runtime helpers by address.
    fn new_module(&self) -> JITModule {
        let mut jb = JITBuilder::with_isa(self.isa.clone(), default_libcall_names());
        for (name, f) in helpers::HELPERS {
            jb.symbol(*name, *f as *const u8);
        }
        for (name, f) in helpers::SPECIAL_HELPERS {
            jb.symbol(*name, *f);
        }
        JITModule::new(jb)
    }

    /// Number of compiled functions whose code is alive.
    pub fn live_functions(&self) -> usize {
        self.live.len()
    }

    /// Releases the code of a collected prototype.
    pub fn free(&mut self, code: usize) {
        if let Some(m) = self.live.remove(&code) {
            // SAFETY: the prototype owning this code was collected, so no closure refers to it
            // and no frame is running it (running frames keep their closures alive).
            unsafe { m.free_memory() };
        }
    }
}
