//! Lunar's tree-walking interpreter (source -> AST -> resolved tree -> **walk**): the `ast`
//! engine.
//!
//! It executes a program from its syntax tree, with no bytecode step, over the same runtime as
//! the VM (values, tables, strings, garbage collector, metamethods, coroutines, standard
//! library): being a second, independent implementation of the language's evaluation rules,
//! it makes the differential tests against `lua5.4` and the VM much stronger.
//!
//! Pipeline: [`compile`] (installed as the state's compile hook, so `load`, `loadfile`,
//! `dofile`, `require` and the command line all go through it) parses the whole chunk first —
//! **a syntax error anywhere is reported before any of the chunk runs**, as with `lua5.4` —
//! then resolves each function once (`resolve`): names become frame registers, upvalues,
//! constants or `_ENV` fields, gotos get their labels, temporaries their registers. Each
//! function becomes an ordinary runtime prototype (`FnProto`) whose `ast` slot holds the
//! resolved tree and whose `code`, `line_info` and `loc_vars` are synthetic debug code (see
//! `debuginfo`), so error messages, tracebacks and the `debug` library name variables and
//! report lines as for the VM. [`execute`] (the state's executor) then walks the tree.
//!
//! Calls between Lua functions recurse on the native stack, checked against the native stack
//! bounds (`stack`), so unbounded recursion is Lua's catchable "stack overflow", also inside
//! coroutines; proper tail calls reuse the frame and do not grow the native stack. Bytecode
//! prototypes (precompiled chunks) met by this executor are handed to the VM.
//!
//! Debug hooks: call, tail call and return events as the VM reports them; line events at the
//! points where the VM's instructions change lines (statements, loop tests and back-edges,
//! and within multi-line statements their arguments, fields and operators); count events
//! count those points, not bytecode instructions.
//!
//! Limits that differ from the VM: a Lua call costs about a kilobyte of native stack, so a
//! coroutine (16 MiB native stack) recurses about 15 000 levels deep before "stack
//! overflow" (the main thread reaches Lua's own limit of a million stack slots first).
#![deny(missing_docs)]
#![deny(unsafe_code)]

mod bytecode;
mod debuginfo;
mod exec;
mod ir;
mod lines;
mod resolve;
use lunar_runtime::native_stack as stack;

use lunar_runtime::func::{LuaClosure, UpVal};
use lunar_runtime::state::{compile_bytecode, LResult};
use lunar_runtime::{State, Value};

/// Installs the tree-walker as the executor and compiler of `st`.
pub fn install(st: &mut State) {
    st.exec = execute;
    st.compile = compile;
}

/// The executor hook: runs the Lua frame on top of `st.frames` until it returns (see
/// [`lunar_runtime::state::ExecFn`]).
pub fn execute(st: &mut State) -> LResult<()> {
    let limit = stack::entry_limit(st);
    let outer = stack::current();
    stack::set_current(limit);
    let r = exec::run_lua(st, limit);
    stack::set_current(outer);
    r
}

/// The compile hook: parses and resolves a source chunk into a closure over the globals (see
/// [`lunar_runtime::state::CompileFn`]). Binary chunks go to the bytecode loader.
pub fn compile(
    st: &mut State,
    source: &[u8],
    chunkname: &str,
    opts: lunar_syntax::ParseOptions,
) -> Result<Value, String> {
    if source.first() == Some(&0x1b) {
        return compile_bytecode(st, source, chunkname, opts);
    }
    let chunk = lunar_syntax::parse_with(source, chunkname, opts).map_err(|e| e.message)?;
    let origin = bytecode::Origin::new(source, chunkname, opts);
    let proto = resolve::main_function(st, &chunk, origin).map_err(|e| e.message)?;
    let env = UpVal::new_closed(&mut st.heap, Value::Table(st.globals));
    Ok(Value::LuaFn(st.heap.alloc(LuaClosure {
        proto,
        upvals: vec![env].into_boxed_slice(),
    })))
}
