//! The runtime library of native executables (`liblunar_native.a`): everything `lunar` has
//! (runtime, standard library, VM for code loaded at run time, the helpers compiled code
//! calls) plus the entry point that `main` of a `lunarc --native` object calls.
#![deny(missing_docs)]

use std::ffi::{c_char, c_int, CStr};

use lunar_runtime::alloc::CountingAlloc;
use lunar_runtime::func::JitCode;

// the same allocator as `lunar` (it paces the collector and feeds `collectgarbage("count")`)
#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

/// Entry point of a native executable: runs the embedded script (binary chunk `chunk` of
/// `chunk_len` bytes; machine code of its `n` functions in pre-order at `code`) with the
/// command line `argc`/`argv`, as `lunar script.lua args` would. Returns the exit code.
///
/// # Safety
/// `argv` holds `argc` C strings; `chunk` points to `chunk_len` readable bytes and `code` to
/// `n` functions with the [`JitCode`] signature, all valid for the life of the process (they
/// are static data of the executable, emitted by `lunar-aot`).
#[no_mangle]
pub unsafe extern "C" fn lunar_native_main(
    argc: c_int,
    argv: *const *const c_char,
    chunk: *const u8,
    chunk_len: usize,
    code: *const JitCode,
    n: usize,
) -> c_int {
    let mut args = Vec::with_capacity(argc.max(0) as usize);
    for i in 0..argc.max(0) as usize {
        // SAFETY: the C runtime passes `argc` valid NUL-terminated strings in `argv`.
        let a = unsafe { CStr::from_ptr(*argv.add(i)) };
        args.push(a.to_string_lossy().into_owned());
    }
    // SAFETY: static data of the executable (see the function's contract).
    let chunk: &'static [u8] = unsafe { std::slice::from_raw_parts(chunk, chunk_len) };
    // SAFETY: as above; `n` function pointers emitted by the ahead-of-time compiler.
    let code = unsafe { std::slice::from_raw_parts(code, n) }.to_vec();
    let native = lunar::cli::Native { chunk, code };
    lunar::cli::main(args, Some(native))
}
