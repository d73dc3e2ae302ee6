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

mod translate;

use cranelift_codegen::ir::{types, AbiParam, InstBuilder, MemFlagsData, UserFuncName};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use lunar_runtime::value::layout;
use lunar_runtime::Value;

/// Status returned by compiled code: finished normally.
pub const STATUS_OK: u64 = 0;
/// Status returned by compiled code: a guard failed; the low 32 bits hold the pc at which the
/// interpreter resumes (`STATUS_DEOPT | pc`).
pub const STATUS_DEOPT: u64 = 1 << 32;
/// Status of prototype code leaving to the interpreter (`STATUS_EXIT | pc`).
pub const STATUS_EXIT: u64 = 1 << 33;

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
    {
        let fb = FunctionBuilder::new(&mut ctx.func, &mut cm.fctx);
        let t = translate::Translator::new(fb, p);
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

/// Signature of compiled frame code: `fn(registers) -> status`.
pub type FrameCode = unsafe extern "C" fn(*mut Value) -> u64;

/// A code module: owns Cranelift's JIT memory.
pub struct CodeModule {
    module: JITModule,
    fctx: FunctionBuilderContext,
    counter: u32,
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
        let module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
        Ok(CodeModule {
            module,
            fctx: FunctionBuilderContext::new(),
            counter: 0,
        })
    }
}

/// Compiles `R[a] := R[b] + R[c]` for integer registers; any other operand types exit with
/// `STATUS_DEOPT | pc` so the VM executes the instruction (and its metamethod fallback).
pub fn compile_int_add(
    cm: &mut CodeModule,
    a: u32,
    b: u32,
    c: u32,
    pc: u32,
) -> Result<FrameCode, JitError> {
    let m = &mut cm.module;
    let cfg = m.target_config();
    let ptr = cfg.pointer_type();
    let mut sig = m.make_signature();
    sig.params.push(AbiParam::new(ptr));
    sig.returns.push(AbiParam::new(types::I64));
    cm.counter += 1;
    let name = format!("lunar_add_{}", cm.counter);
    let id = m
        .declare_function(&name, Linkage::Local, &sig)
        .map_err(|e| JitError(e.to_string()))?;
    let mut ctx = m.make_context();
    ctx.func.signature = sig;
    ctx.func.name = UserFuncName::user(0, id.as_u32());
    {
        let mut fb = FunctionBuilder::new(&mut ctx.func, &mut cm.fctx);
        let entry = fb.create_block();
        let fast = fb.create_block();
        let exit = fb.create_block();
        fb.append_block_params_for_function_params(entry);
        fb.switch_to_block(entry);
        let regs = fb.block_params(entry)[0];
        let flags = MemFlagsData::trusted();
        let slot = |r: u32| (r as usize * layout::VALUE_SIZE) as i32;
        let tb = fb
            .ins()
            .load(types::I8, flags, regs, slot(b) + layout::TAG_OFFSET as i32);
        let tc = fb
            .ins()
            .load(types::I8, flags, regs, slot(c) + layout::TAG_OFFSET as i32);
        let both = fb.ins().band(tb, tc);
        let any = fb.ins().bor(tb, tc);
        // both tags equal TAG_INT  <=>  (tb & tc) == INT and (tb | tc) == INT
        let k = layout::TAG_INT as i64;
        let ok1 = fb
            .ins()
            .icmp_imm_u(cranelift_codegen::ir::condcodes::IntCC::Equal, both, k);
        let ok2 = fb
            .ins()
            .icmp_imm_u(cranelift_codegen::ir::condcodes::IntCC::Equal, any, k);
        let ok = fb.ins().band(ok1, ok2);
        fb.ins().brif(ok, fast, &[], exit, &[]);

        fb.switch_to_block(fast);
        let pb = fb.ins().load(
            types::I64,
            flags,
            regs,
            slot(b) + layout::PAYLOAD_OFFSET as i32,
        );
        let pcv = fb.ins().load(
            types::I64,
            flags,
            regs,
            slot(c) + layout::PAYLOAD_OFFSET as i32,
        );
        let sum = fb.ins().iadd(pb, pcv); // wrapping, like Lua integers
        let tag = fb.ins().iconst(types::I8, layout::TAG_INT as i64);
        fb.ins()
            .store(flags, tag, regs, slot(a) + layout::TAG_OFFSET as i32);
        fb.ins()
            .store(flags, sum, regs, slot(a) + layout::PAYLOAD_OFFSET as i32);
        let okv = fb.ins().iconst(types::I64, STATUS_OK as i64);
        fb.ins().return_(&[okv]);

        fb.switch_to_block(exit);
        let st = fb
            .ins()
            .iconst(types::I64, (STATUS_DEOPT | pc as u64) as i64);
        fb.ins().return_(&[st]);
        fb.seal_all_blocks();
        fb.finalize(cfg);
    }
    m.define_function(id, &mut ctx)
        .map_err(|e| JitError(format!("{e:?}")))?;
    m.clear_context(&mut ctx);
    m.finalize_definitions()
        .map_err(|e| JitError(e.to_string()))?;
    let code = m.get_finalized_function(id);
    // SAFETY: the function was compiled with exactly the `FrameCode` signature above (one
    // pointer parameter, one i64 result, the platform's default C calling convention).
    Ok(unsafe { std::mem::transmute::<*const u8, FrameCode>(code) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_add_and_deopt() {
        let mut cm = CodeModule::new().expect("host supported");
        let f = compile_int_add(&mut cm, 0, 1, 2, 7).expect("compiles");
        let mut regs = [Value::Nil, Value::Int(40), Value::Int(2)];
        // SAFETY: `regs` has the 3 registers the code touches.
        let st = unsafe { f(regs.as_mut_ptr()) };
        assert_eq!(st, STATUS_OK);
        assert!(matches!(regs[0], Value::Int(42)));
        // wrapping
        let mut regs = [Value::Nil, Value::Int(i64::MAX), Value::Int(1)];
        // SAFETY: as above.
        unsafe { f(regs.as_mut_ptr()) };
        assert!(matches!(regs[0], Value::Int(i64::MIN)));
        // a float operand deoptimises at the given pc and leaves the registers alone
        let mut regs = [Value::Nil, Value::Float(1.5), Value::Int(2)];
        // SAFETY: as above.
        let st = unsafe { f(regs.as_mut_ptr()) };
        assert_eq!(st, STATUS_DEOPT | 7);
        assert!(regs[0].is_nil());
    }
}
