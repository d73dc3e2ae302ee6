//! Ahead-of-time compilation (`lunarc --native`): a script's bytecode -> one object file of
//! machine code (Cranelift via `cranelift-object`, the JIT's translator with no run-time
//! addresses) -> a standalone executable linked with the Lunar runtime by the system C
//! toolchain (`cc`).
//!
//! The object file holds, for a binary chunk with N functions:
//! * `lunar_aot_fn_0 .. lunar_aot_fn_{N-1}`: each function's machine code, in pre-order
//!   (main function first, each nested function before its siblings);
//! * `lunar_aot_chunk`: the binary chunk itself (constants, nested prototypes, debug
//!   information for messages and tracebacks, and the bytecode that `debug` and `string.dump`
//!   see);
//! * `lunar_aot_code`: the table of the N function addresses;
//! * `main(argc, argv)`, which calls `lunar_native_main` of the runtime library
//!   (`liblunar_native.a`, crate `lunar-native`): it loads the chunk, gives every prototype
//!   its machine code and runs the script as `lunar script.lua args` would.
//!
//! The code is generic — the JIT's baseline translation without type feedback — and calls the
//! same exported runtime helpers (`lunar_gettable`, ...) as JIT code, resolved by the linker.
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use cranelift_codegen::ir::{types, AbiParam, InstBuilder, UserFuncName};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{DataDescription, Linkage, Module};
use cranelift_object::{ObjectBuilder, ObjectModule};
use lunar_jit::{declare_code, FunctionCompiler};
use lunar_runtime::func::FnProto;
use lunar_runtime::{GcRef, State, Value};

/// File name of the runtime library native executables link with.
pub const RUNTIME_LIB: &str = "liblunar_native.a";

/// Compiles binary chunk `chunk` (as `lunar_bytecode::dump` writes it) to an object file;
/// returns the object's bytes and the number of functions compiled.
pub fn compile_object(chunk: &[u8], chunkname: &str) -> Result<(Vec<u8>, usize), String> {
    let proto = lunar_bytecode::undump(chunk, chunkname)?;
    let mut st = State::new_bare();
    let Value::LuaFn(main) = st.load_proto(&proto) else {
        return Err("not a Lua function".into());
    };
    let mut protos = Vec::new();
    preorder(main.proto, &mut protos);

    let isa = lunar_jit::isa(true).map_err(|e| e.to_string())?;
    let builder = ObjectBuilder::new(isa, "lunar_aot", cranelift_module::default_libcall_names())
        .map_err(|e| e.to_string())?;
    let mut m = ObjectModule::new(builder);
    let mut fc = FunctionCompiler::new();
    let mut ids = Vec::with_capacity(protos.len());
    for (n, p) in protos.iter().enumerate() {
        let id = declare_code(&mut m, &format!("lunar_aot_fn_{n}"), Linkage::Local)
            .map_err(|e| e.to_string())?;
        // generic code: no interpreter to fall back to runs ahead of time, and no profile
        fc.define(&mut m, p, id, true, false, None)
            .map_err(|e| format!("function {n} (line {}): {e}", p.line_defined))?;
        ids.push(id);
    }
    let err = |e: cranelift_module::ModuleError| e.to_string();

    // the chunk, and the code table (writable: it holds absolute addresses, relocated at load)
    let chunk_id = m
        .declare_data("lunar_aot_chunk", Linkage::Local, false, false)
        .map_err(err)?;
    let mut d = DataDescription::new();
    d.define(chunk.to_vec().into_boxed_slice());
    m.define_data(chunk_id, &d).map_err(err)?;
    let ptr_bytes = m.target_config().pointer_bytes() as usize;
    let table_id = m
        .declare_data("lunar_aot_code", Linkage::Local, true, false)
        .map_err(err)?;
    let mut d = DataDescription::new();
    // initialised data (not zero-init: .bss cannot carry the relocations)
    d.define(vec![0u8; ptr_bytes * ids.len().max(1)].into_boxed_slice());
    d.set_align(ptr_bytes as u64);
    for (n, id) in ids.iter().enumerate() {
        let f = m.declare_func_in_data(*id, &mut d);
        d.write_function_addr((n * ptr_bytes) as u32, f);
    }
    m.define_data(table_id, &d).map_err(err)?;

    define_main(&mut m, chunk_id, chunk.len(), table_id, ids.len())?;
    let object = m.finish().emit().map_err(|e| e.to_string())?;
    Ok((object, protos.len()))
}

fn preorder(p: GcRef<FnProto>, out: &mut Vec<GcRef<FnProto>>) {
    out.push(p);
    for q in p.protos.iter() {
        preorder(*q, out);
    }
}

/// `int main(int argc, char **argv) { return lunar_native_main(argc, argv, chunk, len, code, n); }`
fn define_main(
    m: &mut ObjectModule,
    chunk: cranelift_module::DataId,
    chunk_len: usize,
    table: cranelift_module::DataId,
    n: usize,
) -> Result<(), String> {
    let err = |e: cranelift_module::ModuleError| e.to_string();
    let ptr = m.target_config().pointer_type();
    let mut sig = m.make_signature();
    sig.params.push(AbiParam::new(types::I32));
    sig.params.push(AbiParam::new(ptr));
    sig.returns.push(AbiParam::new(types::I32));
    let main_id = m
        .declare_function("main", Linkage::Export, &sig)
        .map_err(err)?;
    let mut nsig = m.make_signature();
    nsig.params.push(AbiParam::new(types::I32));
    for _ in 0..5 {
        nsig.params.push(AbiParam::new(ptr));
    }
    nsig.returns.push(AbiParam::new(types::I32));
    let entry_id = m
        .declare_function("lunar_native_main", Linkage::Import, &nsig)
        .map_err(err)?;

    let mut ctx = m.make_context();
    ctx.func.signature = sig;
    ctx.func.name = UserFuncName::user(0, main_id.as_u32());
    let entry = m.declare_func_in_func(entry_id, &mut ctx.func);
    let gchunk = m.declare_data_in_func(chunk, &mut ctx.func);
    let gtable = m.declare_data_in_func(table, &mut ctx.func);
    let cfg = m.target_config();
    let mut fctx = FunctionBuilderContext::new();
    {
        let mut fb = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let b = fb.create_block();
        fb.append_block_params_for_function_params(b);
        fb.switch_to_block(b);
        fb.seal_block(b);
        let params = fb.block_params(b).to_vec();
        let c = fb.ins().symbol_value(ptr, gchunk);
        let len = fb.ins().iconst(ptr, chunk_len as i64);
        let t = fb.ins().symbol_value(ptr, gtable);
        let cnt = fb.ins().iconst(ptr, n as i64);
        let call = fb
            .ins()
            .call(entry, &[params[0], params[1], c, len, t, cnt]);
        let r = fb.inst_results(call)[0];
        fb.ins().return_(&[r]);
        fb.finalize(cfg);
    }
    m.define_function(main_id, &mut ctx).map_err(err)?;
    Ok(())
}

/// Where the runtime library is: `$LUNAR_RUNTIME_LIB`, else `../lib/lunar/` beside the running
/// executable (an installed layout), else the newest of the one next to it (`target/<profile>/`
/// after `cargo build`) and those in its `deps/` directory (where `cargo test` builds it).
pub fn find_runtime_lib() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("LUNAR_RUNTIME_LIB") {
        return Ok(PathBuf::from(p));
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = exe.parent().unwrap_or(Path::new("."));
    let installed = dir.join("../lib/lunar").join(RUNTIME_LIB);
    if installed.is_file() {
        return Ok(installed);
    }
    let mut cands = vec![dir.join(RUNTIME_LIB)];
    if let Ok(rd) = std::fs::read_dir(dir.join("deps")) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("liblunar_native-") && name.ends_with(".a") {
                cands.push(e.path());
            }
        }
    }
    cands
        .into_iter()
        .filter_map(|p| Some((p.metadata().ok()?.modified().ok()?, p)))
        .max()
        .map(|(_, p)| p)
        .ok_or_else(|| {
            format!(
                "cannot find the Lunar runtime library ({RUNTIME_LIB}) next to {}; build it \
                 with 'cargo build --release -p lunar-native' or set LUNAR_RUNTIME_LIB",
                exe.display()
            )
        })
}

/// Links `object` (bytes of [`compile_object`]'s object file) with the runtime library into
/// executable `output`, with the system C compiler driver (`$CC`, default `cc`).
pub fn link(object: &[u8], runtime_lib: &Path, output: &Path) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("lunarc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let obj = dir.join("program.o");
    let result = (|| {
        std::fs::write(&obj, object).map_err(|e| format!("cannot write {}: {e}", obj.display()))?;
        let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
        let out = std::process::Command::new(&cc)
            .arg("-o")
            .arg(output)
            .arg(&obj)
            .arg(runtime_lib)
            // what the Rust standard library needs (`rustc --print native-static-libs`)
            .args([
                "-lgcc_s",
                "-lutil",
                "-lrt",
                "-lpthread",
                "-lm",
                "-ldl",
                "-lc",
            ])
            .args(["-Wl,--gc-sections", "-Wl,--strip-debug"])
            .output()
            .map_err(|e| format!("cannot run the C compiler '{cc}' to link: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "linking with '{cc}' failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
