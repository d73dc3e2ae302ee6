//! The JIT tier (register bytecode -> **Cranelift IR** -> machine code). Work in progress.
//!
//! This crate pins Cranelift 0.135.8 (its API changes between releases; learn it from that
//! version's sources in cargo's registry) and holds the code generator the JIT engine and the
//! AOT compiler will share. What exists now is the foundation every later piece stands on:
//!
//! * [`CodeModule`]: one `JITModule` configured for the host, whose code memory is mapped
//!   writable during emission and executable-only after `finalize_definitions` (never both).
//! * The *frame calling convention* compiled code uses: a compiled function receives a pointer to
//!   its frame's first register (`*mut Value`, the VM's register window inside the one Lua stack)
//!   and returns a status word ([`STATUS_OK`], or [`STATUS_DEOPT`] + the bytecode pc to resume the
//!   VM at). Registers are read and written in place using the offsets of
//!   [`lunar_runtime::value::layout`], so no values are copied at entry or exit and a
//!   deoptimisation only needs the pc: the interpreter frame is already up to date.
//! * [`compile_int_add`]: a first compiled operation (`R[A] := R[B] + R[C]` with an inline
//!   integer fast path and a tag guard that exits to the VM), exercised by the tests.
//!
//! Not yet a member of the workspace (Cranelift adds minutes to every cold build of
//! `cargo test --workspace`; it joins when the engine does). Build it with a workspace that lists
//! it, e.g. by adding `"crates/jit"` to the root `members` locally.
//!
//! Next steps (the JIT issue): translate every opcode of a prototype (fast paths inline, the
//! rest as calls to `extern "C"` runtime helpers registered with `JITBuilder::symbol`), tier up
//! from the VM's call/back-edge counters, enter compiled loops by OSR at FORLOOP headers, and free
//! code when prototypes are collected.
#![deny(missing_docs)]

mod helpers;
mod translate;

use cranelift_codegen::ir::{types, AbiParam, UserFuncName};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};
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
    let Some(js) = st
        .jit_state
        .as_mut()
        .and_then(|b| b.downcast_mut::<JitState>())
    else {
        p.jit_code.set(1);
        return;
    };
    if p.ast.is_some() || p.code.is_empty() {
        p.jit_code.set(1);
        return;
    }
    let t0 = std::time::Instant::now();
    match compile_proto(&mut js.module, &p) {
        Ok(code) => {
            let dt = t0.elapsed();
            p.jit_code.set(code as usize);
            js.stats.compiled += 1;
            js.stats.compile_time += dt;
            let name = format!(
                "{}:{}",
                lunar_syntax_chunkid(&p.source.to_str_lossy()),
                p.line_defined
            );
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
    let m = &mut cm.module;
    let cfg = m.target_config();
    let ptr = cfg.pointer_type();
    let mut sig = m.make_signature();
    sig.params.push(AbiParam::new(ptr));
    sig.params.push(AbiParam::new(ptr));
    sig.params.push(AbiParam::new(types::I32));
    sig.returns.push(AbiParam::new(types::I64));
    cm.counter += 1;
    let name = format!("lunar_fn_{}", cm.counter);
    let id = m
        .declare_function(&name, Linkage::Local, &sig)
        .map_err(|e| JitError(e.to_string()))?;
    let mut ctx = m.make_context();
    ctx.func.signature = sig;
    ctx.func.name = UserFuncName::user(0, id.as_u32());
    let refs: std::collections::HashMap<&'static str, _> = cm
        .helpers
        .iter()
        .map(|(n, hid)| (*n, m.declare_func_in_func(*hid, &mut ctx.func)))
        .collect();
    {
        let fb = FunctionBuilder::new(&mut ctx.func, &mut cm.fctx);
        let t = translate::Translator::new(fb, p, &refs);
        let fb = t.translate();
        fb.finalize(cfg);
    }
    m.define_function(id, &mut ctx)
        .map_err(|e| JitError(format!("{e:?}")))?;
    m.clear_context(&mut ctx);
    m.finalize_definitions()
        .map_err(|e| JitError(e.to_string()))?;
    let code = m.get_finalized_function(id);
    // SAFETY: compiled with exactly the `JitCode` signature above (two pointers and an i32 in,
    // one i64 out, the platform's default C calling convention).
    Ok(unsafe { std::mem::transmute::<*const u8, lunar_runtime::func::JitCode>(code) })
}

/// A code module: owns Cranelift's JIT memory.
pub struct CodeModule {
    module: JITModule,
    fctx: FunctionBuilderContext,
    counter: u32,
    helpers: Vec<(&'static str, FuncId)>,
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
    /// A module for the host machine.
    pub fn new() -> Result<CodeModule, JitError> {
        let mut flags = settings::builder();
        flags
            .set("opt_level", "speed")
            .map_err(|e| JitError(e.to_string()))?;
        flags
            .set("use_colocated_libcalls", "false")
            .map_err(|e| JitError(e.to_string()))?;
        flags
            .set("is_pic", "false")
            .map_err(|e| JitError(e.to_string()))?;
        let isa = cranelift_native::builder()
            .map_err(|e| JitError(e.to_string()))?
            .finish(settings::Flags::new(flags))
            .map_err(|e| JitError(e.to_string()))?;
        let mut jb = JITBuilder::with_isa(isa, default_libcall_names());
        for (name, f) in helpers::HELPERS {
            jb.symbol(*name, *f as *const u8);
        }
        let mut module = JITModule::new(jb);
        let ptr = module.target_config().pointer_type();
        let mut sig = module.make_signature();
        sig.params.push(AbiParam::new(ptr));
        sig.params.push(AbiParam::new(types::I32));
        sig.params.push(AbiParam::new(types::I32));
        sig.returns.push(AbiParam::new(types::I64));
        let mut ids = Vec::new();
        for (name, _) in helpers::HELPERS {
            let id = module
                .declare_function(name, Linkage::Import, &sig)
                .map_err(|e| JitError(e.to_string()))?;
            ids.push((*name, id));
        }
        Ok(CodeModule {
            module,
            fctx: FunctionBuilderContext::new(),
            counter: 0,
            helpers: ids,
        })
    }
}
