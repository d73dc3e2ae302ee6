//! The interpreter state: the running thread's stack and call frames, the heap, globals, and the
//! call / error / GC protocols every engine uses.
//!
//! ## Stack and frames
//! ```text
//!  stack: [ ... | f | a1 a2 .. | r0 r1 r2 ... r(max-1) | f' | ... ]
//!                 ^func   ^base (= func+1 + varargs)    ^top (Lua frame: base + max_stack)
//! ```
//! Each frame's registers are a contiguous slice of one `Vec<Value>` (`stack`). A call frame
//! ([`CallInfo`]) records its function slot, register base, top, saved pc and expected result
//! count. Lua-to-Lua calls never recurse on the native stack (the VM loops); native functions,
//! metamethods and `pcall` re-enter the executor through [`State::call`], which counts native
//! nesting (`n_ccalls`, limit [`MAX_CCALLS`]) so deep re-entry is a Lua error, never a native
//! stack overflow. The stack grows up to [`MAX_STACK`] slots ("stack overflow" after that).
//!
//! ## Errors
//! Errors are `Err(LuaError)` values propagated with `?`. While an error propagates, frames are
//! *not* popped: whoever catches it (`pcall`, `xpcall`, `coroutine.resume`, the CLI) still sees
//! the stack as it was at the error point, runs the message handler there (so tracebacks are
//! right), then closes upvalues and to-be-closed variables and truncates the frames.
use std::cell::Cell;

use crate::func::{FnProto, LuaClosure, NativeClosure, NativeFn, UpVal};
use crate::gc::{GcRef, Heap};
use crate::string::{Interner, LuaStr};
use crate::table::Table;
use crate::thread::Thread;
use crate::value::Value;

/// Result of a runtime operation.
pub type LResult<T> = Result<T, LuaError>;

/// A Lua error: any value (usually a message string).
#[derive(Debug, Clone)]
pub struct LuaError {
    /// The error object.
    pub value: Value,
    /// Traceback captured by a message handler that asked for it (CLI use).
    pub traceback: Option<String>,
}

impl LuaError {
    /// An error carrying `value`.
    pub fn new(value: Value) -> LuaError {
        LuaError {
            value,
            traceback: None,
        }
    }
}

/// Maximum number of stack slots of one thread (`LUAI_MAXSTACK`).
pub const MAX_STACK: usize = 1_000_000;
/// Maximum nesting of native re-entries (`LUAI_MAXCCALLS`).
pub const MAX_CCALLS: u32 = 200;
/// Free slots guaranteed to a native function (`LUA_MINSTACK`).
pub const MIN_STACK: usize = 20;
/// Extra slots kept above every frame top (`EXTRA_STACK`).
pub const EXTRA_STACK: usize = 5;
/// `nresults` value meaning "all results".
pub const MULTRET: i32 = -1;

/// Frame flag: Lua function.
pub const CI_LUA: u8 = 1;
/// Frame flag: entry frame of an executor invocation (returning from it leaves the executor).
pub const CI_FRESH: u8 = 2;
/// Frame flag: the frame was reused by a tail call.
pub const CI_TAIL: u8 = 4;
/// Frame flag: running a finalizer.
pub const CI_FIN: u8 = 8;
/// Frame flag: the frame's function is running a debug hook (`stdlib::debug::CI_HOOKED`).
pub const CI_HOOKED: u8 = 16;

/// One call frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallInfo {
    /// Stack index of the function slot.
    pub func: usize,
    /// First register (Lua) / first argument (native).
    pub base: usize,
    /// Frame top: Lua: `base + max_stack`; native: limit of its pushes.
    pub top: usize,
    /// Lua: index of the next instruction (current instruction = `pc - 1`).
    pub pc: usize,
    /// Expected results (`MULTRET` = all).
    pub nresults: i32,
    /// Number of extra (vararg) arguments stored below `func` (Lua vararg functions).
    pub n_extra: u32,
    /// `CI_*` flags.
    pub flags: u8,
}

impl CallInfo {
    /// True for Lua frames.
    #[inline]
    pub fn is_lua(&self) -> bool {
        self.flags & CI_LUA != 0
    }
}

/// Executor for Lua closures: runs the frame on top of `st.frames` (a fresh Lua frame) until it
/// returns, leaving its results at its function slot and `st.top` after them.
pub type ExecFn = fn(&mut State) -> LResult<()>;

/// Compiler hook: turns source text into a function value (`load`, `loadfile`, the CLI). The
/// bytecode engines use [`compile_bytecode`]; the tree-walker installs its own.
pub type CompileFn = fn(
    &mut State,
    source: &[u8],
    chunkname: &str,
    opts: lunar_syntax::ParseOptions,
) -> Result<Value, String>;

/// The default [`CompileFn`]: parse, compile to bytecode, and load as a closure.
pub fn compile_bytecode(
    st: &mut State,
    source: &[u8],
    chunkname: &str,
    opts: lunar_syntax::ParseOptions,
) -> Result<Value, String> {
    let chunk = lunar_syntax::parse_with(source, chunkname, opts).map_err(|e| e.message)?;
    let p = lunar_bytecode::compile(&chunk).map_err(|e| e.message)?;
    Ok(st.load_proto(&p))
}

/// Metamethod events, in `ltm.h` order (the first six are cached as absent in `tm_absent`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum Tm {
    Index,
    NewIndex,
    Gc,
    Mode,
    Len,
    Eq,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Lt,
    Le,
    Concat,
    Call,
    Close,
}

/// Metamethod names, indexed by [`Tm`].
pub const TM_NAMES: [&str; 25] = lunar_bytecode::opcode::EVENT_NAMES;

/// The interpreter.
pub struct State {
    // -- running thread --------------------------------------------------------------------
    /// Value stack of the running thread.
    pub stack: Vec<Value>,
    /// `stack.as_mut_ptr()`, kept current whenever the stack is reallocated or the running
    /// thread switches: JIT code reloads its register window from here (at
    /// [`State::STACK_PTR_OFFSET`]) after every runtime call that may move the stack.
    pub stack_ptr: *mut Value,
    /// First free slot (meaningful in native frames and at safe points).
    pub top: usize,
    /// Call frames of the running thread.
    pub frames: Vec<CallInfo>,
    /// Open upvalues of the running thread, sorted by stack index.
    pub open_upvals: Vec<GcRef<UpVal>>,
    /// Stack indices of live to-be-closed variables of the running thread.
    pub tbc: Vec<usize>,
    /// Native nesting depth of the running thread.
    pub n_ccalls: u32,
    /// Non-yieldable nesting depth of the running thread (natives that call Lua without a
    /// continuation in PUC Lua, e.g. `__tostring` from `tostring`).
    pub nny: u32,
    /// The running thread object.
    pub current: GcRef<Thread>,
    /// The main thread object.
    pub main_thread: GcRef<Thread>,

    // -- global state ------------------------------------------------------------------------
    /// All objects.
    pub heap: Heap,
    /// String interning set.
    pub strings: Interner,
    /// The global table (`_G`, the default `_ENV`).
    pub globals: GcRef<Table>,
    /// The registry.
    pub registry: GcRef<Table>,
    /// Metatables for non-table types, by `type_index`.
    pub type_meta: [Option<GcRef<Table>>; 9],
    /// Interned metamethod names, indexed by [`Tm`].
    pub tm_names: Vec<GcRef<LuaStr>>,
    /// Other pre-interned names.
    pub names: Names,
    /// Executor for Lua closures (set by the engine).
    pub exec: ExecFn,
    /// Compiler for source chunks (set by the engine).
    pub compile: CompileFn,
    /// Message handlers of running protected calls (GC roots).
    pub(crate) handlers: Vec<Value>,
    /// Objects waiting for their `__gc` call.
    pub(crate) to_finalize: Vec<Value>,
    /// Running finalizers now (no nested collection-triggered finalization).
    pub(crate) in_finalizer: bool,
    /// `warn` state (`@on` / `@off`).
    pub warn_on: bool,
    /// Partial warning message being built (`warn` with continuation pieces).
    pub warn_buf: Vec<u8>,
    /// Nested coroutine resumes (bounded like native calls).
    pub resume_depth: u32,
    /// Counters for `--stats`.
    pub stats: Stats,
    /// Some `debug.sethook` was set at some point: engines run their instrumented paths.
    pub hooks_active: bool,
    /// JIT tier: compile a prototype once its calls or loop back-edges reach this count
    /// (`None`: no JIT; `Some(0)`: compile before first execution).
    pub jit_threshold: Option<u32>,
    /// JIT compiler hook: compiles a prototype, stores the result in `FnProto::jit_code`.
    pub jit_compile: Option<fn(&mut State, GcRef<FnProto>)>,
    /// The JIT's own state (code memory, statistics), owned by the JIT crate.
    pub jit_state: Option<Box<dyn std::any::Any>>,
    /// Error raised inside JIT code, travelling up through compiled frames (which return an
    /// error status) to the interpreter that entered them (a GC root).
    pub jit_error: Option<LuaError>,
    /// Native stack bounds `(limit, high)` of the running thread, cached for compiled code's
    /// Lua-to-Lua calls (which recurse on the native stack); `(0, 0)` = not known yet.
    pub jit_limit: (usize, usize),
    /// Set when compiled code of the frame on top left for the interpreter: the interpreter
    /// runs that frame's next instruction itself instead of entering the code again at once.
    pub jit_skip: bool,
    /// Scratch buffer for values passed between coroutines (reused: no allocation per
    /// resume/yield).
    pub(crate) xfer: Vec<Value>,
    /// Set (for good) once `debug.setlocal` has changed a local variable: speculative compiled
    /// code, which keeps what it knows of register types across runtime calls, leaves for the
    /// interpreter after a runtime call from then on (and is recompiled without speculation
    /// once that happens often).
    pub jit_locals_changed: bool,
    /// Compiled code of prototypes freed by the collector, for the JIT to release.
    pub jit_freed: Vec<usize>,
    /// Maximum bytes the heap may use before allocation fails with "not enough memory".
    pub memory_limit: usize,
    /// Name of the script (for `arg`/messages), set by the embedder.
    pub progname: String,
}

/// Runtime counters reported by `lunar --stats`.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    /// Counting is on (`--stats`): engines may skip counters when off.
    pub enabled: bool,
    /// Calls of Lua functions.
    pub lua_calls: Cell<u64>,
    /// Calls of native functions.
    pub native_calls: Cell<u64>,
    /// Instructions executed by the VM (only counted when enabled).
    pub instructions: Cell<u64>,
    /// Entries from the interpreter into compiled code at function entry or re-entry.
    pub jit_entries: Cell<u64>,
    /// Entries into compiled code at a loop back-edge (on-stack replacement).
    pub osr_entries: Cell<u64>,
    /// Exits from compiled code back to the interpreter in the middle of a function.
    pub jit_exits: Cell<u64>,
}

/// Default heap limit: `LUNAR_MEMORY_LIMIT` (bytes, or with a K/M/G suffix), else 80% of the
/// machine's physical memory. Past it, allocation points raise "not enough memory".
pub fn default_memory_limit() -> usize {
    if let Ok(s) = std::env::var("LUNAR_MEMORY_LIMIT") {
        let s = s.trim();
        let (num, mul) = match s.chars().last() {
            Some('K' | 'k') => (&s[..s.len() - 1], 1usize << 10),
            Some('M' | 'm') => (&s[..s.len() - 1], 1 << 20),
            Some('G' | 'g') => (&s[..s.len() - 1], 1 << 30),
            _ => (s, 1),
        };
        if let Ok(n) = num.parse::<usize>() {
            return n.saturating_mul(mul);
        }
    }
    let total = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| {
                    l.split_whitespace()
                        .nth(1)
                        .and_then(|k| k.parse::<usize>().ok())
                })
        })
        .map(|kb| kb * 1024)
        .unwrap_or(8 << 30);
    total / 10 * 8
}

fn no_exec(st: &mut State) -> LResult<()> {
    Err(st.rt_error("no executor installed for Lua functions"))
}

impl State {
    /// A fresh state with no libraries opened.
    pub fn new_bare() -> State {
        crate::alloc::tune();
        let mut heap = Heap::new();
        let mut strings = Interner::default();
        let globals = heap.alloc(Table::new(0, 64));
        let registry = heap.alloc(Table::new(4, 8));
        let main_thread = heap.alloc(Thread::new_main());
        let tm_names = TM_NAMES
            .iter()
            .map(|n| strings.intern(&mut heap, n.as_bytes()))
            .collect();
        let mut nm = |s: &str| strings.intern(&mut heap, s.as_bytes());
        let names = Names {
            name: nm("__name"),
            tostring: nm("__tostring"),
            metatable: nm("__metatable"),
            pairs: nm("__pairs"),
            n: nm("n"),
            env: nm("_ENV"),
        };
        let mut st = State {
            stack: vec![Value::Nil; 64],
            stack_ptr: std::ptr::null_mut(),
            top: 1,
            frames: Vec::with_capacity(32),
            open_upvals: Vec::new(),
            tbc: Vec::new(),
            n_ccalls: 0,
            nny: 0,
            current: main_thread,
            main_thread,
            heap,
            strings,
            globals,
            registry,
            type_meta: [None; 9],
            tm_names,
            names,
            exec: no_exec,
            compile: compile_bytecode,
            handlers: Vec::new(),
            to_finalize: Vec::new(),
            in_finalizer: false,
            warn_on: false,
            warn_buf: Vec::new(),
            resume_depth: 0,
            stats: Stats::default(),
            hooks_active: false,
            jit_threshold: None,
            jit_compile: None,
            jit_state: None,
            jit_error: None,
            jit_limit: (0, 0),
            jit_skip: false,
            xfer: Vec::new(),
            jit_locals_changed: false,
            jit_freed: Vec::new(),
            memory_limit: default_memory_limit(),
            progname: "lunar".into(),
        };
        // base frame: a native pseudo-frame at slot 0 so natives called from the embedder work
        st.frames.push(CallInfo {
            func: 0,
            base: 1,
            top: 1 + MIN_STACK,
            ..Default::default()
        });
        st.registry.set_int(1, Value::Thread(main_thread));
        st.registry.set_int(2, Value::Table(globals));
        st.stack_ptr = st.stack.as_mut_ptr();
        st
    }

    /// Byte offset of [`State::stack_ptr`] inside `State` (read by JIT code).
    pub const STACK_PTR_OFFSET: usize = std::mem::offset_of!(State, stack_ptr);

    // -- strings and objects -------------------------------------------------------------

    /// Interns a string.
    #[inline]
    pub fn intern(&mut self, bytes: &[u8]) -> GcRef<LuaStr> {
        self.strings.intern(&mut self.heap, bytes)
    }

    /// A string value.
    #[inline]
    pub fn str_value(&mut self, bytes: &[u8]) -> Value {
        Value::Str(self.intern(bytes))
    }

    /// A string value from an owned buffer.
    #[inline]
    pub fn str_value_owned(&mut self, bytes: Vec<u8>) -> Value {
        Value::Str(self.strings.intern_owned(&mut self.heap, bytes))
    }

    /// A new empty table.
    #[inline]
    pub fn new_table(&mut self) -> GcRef<Table> {
        self.heap.alloc(Table::new(0, 0))
    }

    /// A new table with size hints.
    #[inline]
    pub fn new_table_sized(&mut self, narr: usize, nhash: usize) -> GcRef<Table> {
        self.heap.alloc(Table::new(narr, nhash))
    }

    /// A native function value.
    pub fn native(&mut self, name: &'static str, f: NativeFn) -> Value {
        Value::NativeFn(self.heap.alloc(NativeClosure {
            f,
            name,
            upvals: Box::new([]),
        }))
    }

    /// A native closure with upvalues.
    pub fn native_closure(&mut self, name: &'static str, f: NativeFn, upvals: Vec<Value>) -> Value {
        let upvals = upvals.into_iter().map(Cell::new).collect();
        Value::NativeFn(self.heap.alloc(NativeClosure { f, name, upvals }))
    }

    /// Sets a global variable.
    pub fn set_global(&mut self, name: &str, v: Value) {
        let k = self.intern(name.as_bytes());
        self.globals.set_str(k, v);
    }

    /// Reads a global variable (raw).
    pub fn get_global(&mut self, name: &str) -> Value {
        let k = self.intern(name.as_bytes());
        self.globals.get_str(k)
    }

    /// Registers `funcs` as fields of table `t`.
    pub fn register(&mut self, t: GcRef<Table>, funcs: &[(&'static str, NativeFn)]) {
        for &(name, f) in funcs {
            let v = self.native(name, f);
            let k = self.intern(name.as_bytes());
            t.set_str(k, v);
        }
    }

    /// Loads a compiled main chunk as a closure whose first upvalue is the globals table.
    pub fn load_proto(&mut self, p: &lunar_bytecode::Proto) -> Value {
        let proto = FnProto::load(&mut self.heap, &mut self.strings, p);
        let nup = proto.upvalues.len();
        let mut upvals = Vec::with_capacity(nup);
        for i in 0..nup {
            let v = if i == 0 {
                Value::Table(self.globals)
            } else {
                Value::Nil
            };
            upvals.push(UpVal::new_closed(&mut self.heap, v));
        }
        Value::LuaFn(self.heap.alloc(LuaClosure {
            proto,
            upvals: upvals.into_boxed_slice(),
        }))
    }

    // -- stack ------------------------------------------------------------------------------

    /// Makes sure `n` slots above `top` exist (growing the stack, relocating open upvalues).
    #[inline]
    pub fn ensure_stack(&mut self, needed_top: usize) -> LResult<()> {
        if needed_top + EXTRA_STACK <= self.stack.len() {
            return Ok(());
        }
        self.grow_stack(needed_top)
    }

    #[cold]
    #[inline(never)]
    fn grow_stack(&mut self, needed_top: usize) -> LResult<()> {
        if needed_top > MAX_STACK {
            // allow some room to handle the error itself
            if self.stack.len() < MAX_STACK + 200 {
                self.stack.resize(MAX_STACK + 200 + EXTRA_STACK, Value::Nil);
                self.fix_upvals();
            }
            return Err(self.rt_error("stack overflow"));
        }
        let new_len = (needed_top + EXTRA_STACK)
            .max(self.stack.len() * 2)
            .min(MAX_STACK + 200);
        self.stack.resize(new_len, Value::Nil);
        self.fix_upvals();
        Ok(())
    }

    fn fix_upvals(&mut self) {
        let base = self.stack.as_mut_ptr();
        self.stack_ptr = base;
        for u in &self.open_upvals {
            u.relocate(base);
        }
    }

    /// Pushes a value (natives use this to return results).
    #[inline]
    pub fn push(&mut self, v: Value) {
        if self.top + EXTRA_STACK >= self.stack.len() {
            let t = self.top + 1;
            // growing can only fail past MAX_STACK; natives are bounded by MIN_STACK checks
            let _ = self.ensure_stack(t);
        }
        self.stack[self.top] = v;
        self.top += 1;
    }

    /// Current frame.
    #[inline]
    pub fn ci(&self) -> &CallInfo {
        self.frames.last().expect("base frame")
    }

    /// Number of arguments of the running native function.
    #[inline]
    pub fn nargs(&self) -> usize {
        self.top - self.ci().base
    }

    /// Argument `i` (1-based) of the running native function, or nil.
    #[inline]
    pub fn arg(&self, i: usize) -> Value {
        let p = self.ci().base + i - 1;
        if p < self.top {
            self.stack[p]
        } else {
            Value::Nil
        }
    }

    /// Sets argument slot `i` (1-based) of the running native function (must exist).
    #[inline]
    pub fn set_arg(&mut self, i: usize, v: Value) {
        let p = self.ci().base + i - 1;
        self.stack[p] = v;
    }

    // -- upvalues and to-be-closed variables ----------------------------------------------

    /// Finds or creates the open upvalue for stack slot `idx`.
    pub fn find_upval(&mut self, idx: usize) -> GcRef<UpVal> {
        // open_upvals is sorted by index; search from the top (most recent)
        let mut pos = self.open_upvals.len();
        while pos > 0 {
            let u = self.open_upvals[pos - 1];
            let ui = u.index.get();
            if ui == idx {
                return u;
            }
            if ui < idx {
                break;
            }
            pos -= 1;
        }
        let slot = &mut self.stack[idx] as *mut Value;
        let u = UpVal::new_open(&mut self.heap, idx, slot);
        self.open_upvals.insert(pos, u);
        u
    }

    /// Closes all open upvalues at stack index `level` or above.
    #[inline]
    pub fn close_upvals(&mut self, level: usize) {
        while let Some(&u) = self.open_upvals.last() {
            if u.index.get() < level {
                break;
            }
            u.close();
            self.open_upvals.pop();
        }
    }

    /// Marks stack slot `idx` as a to-be-closed variable (checks it has `__close`).
    pub fn new_tbc(&mut self, idx: usize) -> LResult<()> {
        let v = self.stack[idx];
        if matches!(v, Value::Nil | Value::Bool(false)) {
            return Ok(());
        }
        if self.metamethod(&v, Tm::Close).is_nil() {
            let name = self.frame_local_name(idx);
            return Err(self.rt_error(format!(
                "variable '{}' got a non-closable value",
                name.unwrap_or_else(|| "?".into())
            )));
        }
        self.tbc.push(idx);
        Ok(())
    }

    fn frame_local_name(&self, idx: usize) -> Option<String> {
        let ci = self.ci();
        if !ci.is_lua() {
            return None;
        }
        let cl = match self.stack[ci.func] {
            Value::LuaFn(c) => c,
            _ => return None,
        };
        let reg = idx.checked_sub(ci.base)?;
        cl.proto
            .local_name(reg + 1, ci.pc.saturating_sub(1))
            .map(|s| s.to_string())
    }

    /// Closes upvalues and calls `__close` of tbc variables at `level` or above (normal exit:
    /// `err` is None; on error the error object is passed and replaced by errors in handlers).
    pub fn close_all(&mut self, level: usize, mut err: Option<Value>) -> LResult<Option<Value>> {
        self.close_upvals(level);
        while let Some(&idx) = self.tbc.last() {
            if idx < level {
                break;
            }
            self.tbc.pop();
            let obj = self.stack[idx];
            let tm = self.metamethod(&obj, Tm::Close);
            // call tm(obj, err)
            let base = self.top.max(idx + 1);
            self.ensure_stack(base + 4)?;
            self.stack[base] = tm;
            self.stack[base + 1] = obj;
            self.stack[base + 2] = err.unwrap_or(Value::Nil);
            self.top = base + 3;
            if err.is_none() {
                self.call(base, 0)?;
            } else {
                // the error value must survive collections inside __close: its argument slot
                // may be reused as a register by the method
                self.handlers.push(err.unwrap_or(Value::Nil));
                let saved = self.save();
                let r = self.call(base, 0);
                self.handlers.pop();
                if let Err(e) = r {
                    self.restore(saved, base);
                    err = Some(e.value);
                }
            }
            self.top = base;
        }
        Ok(err)
    }

    // -- calls ---------------------------------------------------------------------------

    /// Calls the value at `stack[func]` with arguments `stack[func+1..top]`. Afterwards the
    /// results are at `stack[func..]` and `top` is just after them (exactly `nresults` values
    /// unless `nresults == MULTRET`).
    pub fn call(&mut self, func: usize, nresults: i32) -> LResult<()> {
        self.n_ccalls += 1;
        if self.n_ccalls >= MAX_CCALLS {
            self.check_cstack()?;
        }
        let r = if self.precall(func, nresults)? {
            self.frames.last_mut().expect("frame").flags |= CI_FRESH;
            (self.exec)(self)
        } else {
            Ok(())
        };
        self.n_ccalls -= 1;
        r
    }

    #[cold]
    fn check_cstack(&mut self) -> LResult<()> {
        if self.n_ccalls == MAX_CCALLS {
            Err(self.rt_error("C stack overflow"))
        } else if self.n_ccalls >= MAX_CCALLS / 10 * 11 {
            // error while handling stack error
            let v = self.str_value(b"error in error handling");
            Err(LuaError::new(v))
        } else {
            Ok(())
        }
    }

    /// Prepares a call of `stack[func]`. Lua function: pushes its frame and returns `true` (the
    /// caller must run the executor). Native function: runs it, stores its results, returns
    /// `false`. Other values: uses `__call`.
    pub fn precall(&mut self, func: usize, nresults: i32) -> LResult<bool> {
        loop {
            match self.stack[func] {
                Value::LuaFn(cl) => {
                    let p = cl.proto;
                    let nargs = self.top - func - 1;
                    let nparams = p.num_params as usize;
                    let fsize = p.max_stack as usize;
                    self.ensure_stack(func + 1 + fsize.max(nargs) + 1)?;
                    for i in nargs..nparams {
                        self.stack[func + 1 + i] = Value::Nil;
                    }
                    self.frames.push(CallInfo {
                        func,
                        base: func + 1,
                        top: func + 1 + fsize,
                        pc: 0,
                        nresults,
                        n_extra: 0,
                        flags: CI_LUA,
                    });
                    if !p.is_vararg {
                        self.top = func + 1 + fsize;
                    }
                    p.call_count.set(p.call_count.get().wrapping_add(1));
                    if self.stats.enabled {
                        let c = &self.stats.lua_calls;
                        c.set(c.get() + 1);
                    }
                    return Ok(true);
                }
                Value::NativeFn(nc) => {
                    self.call_native(func, nc.f, nresults)?;
                    return Ok(false);
                }
                _ => self.try_call_tm(func)?,
            }
        }
    }

    /// Runs a native function whose slot is `func` (args up to `top`).
    #[inline]
    pub fn call_native(&mut self, func: usize, f: NativeFn, nresults: i32) -> LResult<()> {
        if self.stats.enabled {
            let c = &self.stats.native_calls;
            c.set(c.get() + 1);
        }
        self.ensure_stack(self.top + MIN_STACK)?;
        self.frames.push(CallInfo {
            func,
            base: func + 1,
            top: self.top + MIN_STACK,
            pc: 0,
            nresults,
            n_extra: 0,
            flags: 0,
        });
        if self.hooks_active {
            return self.call_native_hooked(func, f, nresults);
        }
        let n = f(self)?;
        if self.hooks_active {
            // the function itself set a hook (debug.sethook): report its return
            return self.finish_native_hooked(func, n, nresults);
        }
        self.frames.pop();
        let first = self.top - n;
        self.move_results(func, first, n, nresults);
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn call_native_hooked(&mut self, func: usize, f: NativeFn, nresults: i32) -> LResult<()> {
        use crate::stdlib::debug::{HookEvent, MASK_CALL};
        let mask = self.hook_mask();
        if mask & MASK_CALL != 0 {
            self.hook_event(HookEvent::Call, -1)?;
        }
        let n = f(self)?;
        self.finish_native_hooked(func, n, nresults)
    }

    #[cold]
    #[inline(never)]
    fn finish_native_hooked(&mut self, func: usize, n: usize, nresults: i32) -> LResult<()> {
        use crate::stdlib::debug::{HookEvent, MASK_RET};
        if self.hook_mask() & MASK_RET != 0 {
            // keep the results above the hook's frame
            let top = self.top;
            self.hook_event(HookEvent::Return, -1)?;
            self.top = top;
        }
        self.frames.pop();
        let first = self.top - n;
        self.move_results(func, first, n, nresults);
        Ok(())
    }

    /// `luaT_adjustvarargs` (VARARGPREP): moves the function and its `nfix` fixed parameters
    /// above the actual arguments, so the extra arguments stay below the frame
    /// (`ci.func - n_extra .. ci.func`); `frame_size` is the function's register count.
    pub fn adjust_varargs(&mut self, ci_idx: usize, nfix: usize, frame_size: usize) -> LResult<()> {
        let func = self.frames[ci_idx].func;
        let actual = (self.top - func - 1).max(nfix);
        let nextra = actual - nfix;
        self.ensure_stack(self.top + frame_size + nfix + 2)?;
        let mut top = func + 1 + actual;
        self.stack[top] = self.stack[func];
        top += 1;
        for j in 1..=nfix {
            self.stack[top] = self.stack[func + j];
            self.stack[func + j] = Value::Nil;
            top += 1;
        }
        let ci = &mut self.frames[ci_idx];
        ci.n_extra = nextra as u32;
        ci.func += actual + 1;
        ci.base = ci.func + 1;
        ci.top += actual + 1;
        self.top = top;
        Ok(())
    }

    /// Moves `n` results from `first` to `res`, adjusting to `wanted` (`MULTRET` = keep all),
    /// and sets `top` after them.
    #[inline]
    pub fn move_results(&mut self, res: usize, first: usize, n: usize, wanted: i32) {
        match wanted {
            0 => self.top = res,
            1 => {
                self.stack[res] = if n == 0 {
                    Value::Nil
                } else {
                    self.stack[first]
                };
                self.top = res + 1;
            }
            _ => {
                let wanted = if wanted < 0 { n } else { wanted as usize };
                for i in 0..n.min(wanted) {
                    self.stack[res + i] = self.stack[first + i];
                }
                for i in n..wanted {
                    self.stack[res + i] = Value::Nil;
                }
                self.top = res + wanted;
            }
        }
    }

    /// `__call`: inserts the metamethod below the called object and shifts the arguments.
    pub fn try_call_tm(&mut self, func: usize) -> LResult<()> {
        let obj = self.stack[func];
        let tm = self.metamethod(&obj, Tm::Call);
        if tm.is_nil() {
            return Err(self.call_error(func));
        }
        self.ensure_stack(self.top + 1)?;
        for i in (func..self.top).rev() {
            self.stack[i + 1] = self.stack[i];
        }
        self.top += 1;
        self.stack[func] = tm;
        Ok(())
    }

    /// Calls `f` with `args` and returns its first `nresults` results (convenience API for
    /// natives and embedders; values travel through the stack so they stay rooted).
    pub fn call_value(&mut self, f: Value, args: &[Value], nresults: usize) -> LResult<Vec<Value>> {
        let base = self.top;
        self.ensure_stack(base + args.len() + 1 + MIN_STACK)?;
        self.stack[base] = f;
        for (i, a) in args.iter().enumerate() {
            self.stack[base + 1 + i] = *a;
        }
        self.top = base + 1 + args.len();
        self.call(base, nresults as i32)?;
        let out = self.stack[base..base + nresults].to_vec();
        self.top = base;
        Ok(out)
    }

    /// Calls `f(args)` returning exactly one result.
    pub fn call1(&mut self, f: Value, args: &[Value]) -> LResult<Value> {
        let base = self.top;
        self.ensure_stack(base + args.len() + 1 + MIN_STACK)?;
        self.stack[base] = f;
        for (i, a) in args.iter().enumerate() {
            self.stack[base + 1 + i] = *a;
        }
        self.top = base + 1 + args.len();
        self.call(base, 1)?;
        let out = self.stack[base];
        self.top = base;
        Ok(out)
    }

    // -- protected calls -----------------------------------------------------------------

    /// Snapshot of the running thread's frame state, for restoring after an error.
    pub fn save(&self) -> SavePoint {
        SavePoint {
            frames: self.frames.len(),
            n_ccalls: self.n_ccalls,
            nny: self.nny,
            tbc: self.tbc.len(),
            resume_depth: self.resume_depth,
        }
    }

    /// Restores a snapshot after an error caught at stack level `level` (closing upvalues above
    /// it without calling `__close`: use [`State::close_all`] first for that).
    pub fn restore(&mut self, sp: SavePoint, level: usize) {
        self.close_upvals(level);
        self.frames.truncate(sp.frames);
        self.n_ccalls = sp.n_ccalls;
        self.nny = sp.nny;
        self.tbc.truncate(sp.tbc);
        self.resume_depth = sp.resume_depth;
        self.top = level;
    }

    /// Calls `stack[func]` in protected mode. On error: runs `handler` (if any) at the error
    /// point, calls pending `__close` methods, restores the frames and returns the error
    /// (stack top at `func`).
    pub fn pcall(&mut self, func: usize, nresults: i32, handler: Option<Value>) -> LResult<()> {
        // the handler must survive collections while the protected call runs
        if let Some(h) = handler {
            self.handlers.push(h);
        }
        let r = self.pcall_inner(func, nresults, handler);
        if handler.is_some() {
            self.handlers.pop();
        }
        r
    }

    fn pcall_inner(&mut self, func: usize, nresults: i32, handler: Option<Value>) -> LResult<()> {
        let sp = self.save();
        match self.call(func, nresults) {
            Ok(()) => Ok(()),
            Err(mut e) => {
                if let Some(h) = handler {
                    e = self.run_handler(h, e);
                }
                // close tbc variables (their errors replace the error object)
                self.n_ccalls = sp.n_ccalls;
                self.frames.truncate(sp.frames.max(1));
                self.top = self.top.max(func + 1);
                let v = match self.close_all(func, Some(e.value)) {
                    Ok(v) => v.unwrap_or(Value::Nil),
                    Err(e2) => e2.value,
                };
                self.restore(sp, func);
                Err(LuaError {
                    value: v,
                    traceback: e.traceback,
                })
            }
        }
    }

    /// Calls a message handler on an error at the error point.
    pub fn run_handler(&mut self, h: Value, e: LuaError) -> LuaError {
        let top = self.top.max(self.frames.last().map(|c| c.top).unwrap_or(0));
        if self.ensure_stack(top + 3).is_err() {
            return e;
        }
        self.top = top;
        self.stack[top] = h;
        self.stack[top + 1] = e.value;
        self.top = top + 2;
        let depth = self.n_ccalls;
        match self.call(top, 1) {
            Ok(()) => {
                let v = self.stack[top];
                self.top = top;
                LuaError {
                    value: v,
                    traceback: e.traceback,
                }
            }
            Err(_) => {
                self.n_ccalls = depth;
                // an error in the handler re-enters the handler until the C stack overflows
                // in PUC Lua, which then reports LUA_ERRERR
                let v = self.str_value(b"error in error handling");
                LuaError::new(v)
            }
        }
    }

    // -- errors --------------------------------------------------------------------------

    /// `"chunk:line:"` of the function at `level` (0 = running function), or "" if it is not a
    /// Lua function (`luaL_where`).
    pub fn where_(&self, level: usize) -> String {
        let n = self.frames.len();
        if level >= n {
            return String::new();
        }
        let ci = &self.frames[n - 1 - level];
        if let Some(line) = self.current_line(ci) {
            if let Value::LuaFn(cl) = self.stack[ci.func] {
                return format!(
                    "{}:{}: ",
                    lunar_syntax::chunkid(&cl.proto.source.to_str_lossy()),
                    line
                );
            }
        }
        String::new()
    }

    /// Current line of a frame (Lua frames only).
    pub fn current_line(&self, ci: &CallInfo) -> Option<i64> {
        if !ci.is_lua() {
            return None;
        }
        match self.stack.get(ci.func) {
            Some(Value::LuaFn(cl)) => {
                let l = cl.proto.line_at(ci.pc.saturating_sub(1));
                if l < 0 {
                    None
                } else {
                    Some(l)
                }
            }
            _ => None,
        }
    }

    /// A runtime error with the position of the running Lua function (`luaG_runerror`).
    pub fn rt_error(&mut self, msg: impl AsRef<str>) -> LuaError {
        let mut pos = self.where_(0);
        if pos.is_empty() {
            // a Lua function without line information (a stripped binary chunk): Lua's
            // `luaG_runerror` still names it, with line -1
            if let Some(Value::LuaFn(cl)) = self
                .frames
                .last()
                .filter(|ci| ci.is_lua())
                .map(|ci| self.stack[ci.func])
            {
                let src = lunar_syntax::chunkid(&cl.proto.source.to_str_lossy());
                pos = format!("{src}:-1: ");
            }
        }
        let s = format!("{}{}", pos, msg.as_ref());
        LuaError::new(self.str_value(s.as_bytes()))
    }

    /// An error raised by a native function, positioned at its caller (`luaL_error`).
    pub fn error_msg(&mut self, msg: impl AsRef<str>) -> LuaError {
        let pos = self.where_(1);
        let s = format!("{}{}", pos, msg.as_ref());
        LuaError::new(self.str_value(s.as_bytes()))
    }

    /// An error with an arbitrary value.
    pub fn error_value(&self, v: Value) -> LuaError {
        LuaError::new(v)
    }

    // -- metatables ----------------------------------------------------------------------

    /// The metatable of a value.
    #[inline]
    pub fn metatable(&self, v: &Value) -> Option<GcRef<Table>> {
        match v {
            Value::Table(t) => t.meta.get(),
            Value::UserData(u) => u.meta.get(),
            other => self.type_meta[other.type_index()],
        }
    }

    /// Metamethod `ev` of `v`, or nil.
    #[inline]
    pub fn metamethod(&self, v: &Value, ev: Tm) -> Value {
        match self.metatable(v) {
            None => Value::Nil,
            Some(mt) => self.tm_of(mt, ev),
        }
    }

    /// Field `ev` of metatable `mt` (with the absent-cache for the first six events).
    #[inline]
    pub fn tm_of(&self, mt: GcRef<Table>, ev: Tm) -> Value {
        let bit = 1u32 << (ev as u32);
        if mt.tm_absent.get() & bit != 0 {
            return Value::Nil;
        }
        let name = self.tm_names[ev as usize];
        if matches!(ev, Tm::Index) {
            // `__index` is looked up on every miss of an object with a class: remember where
            if let Some(v) = mt.str_at(mt.index_pos.get(), name) {
                return v;
            }
            return match mt.get_str_pos(name) {
                Some((v, pos)) => {
                    mt.index_pos.set(pos);
                    v
                }
                None => Value::Nil,
            };
        }
        let v = mt.get_str(name);
        if v.is_nil() && (ev as u8) <= Tm::Eq as u8 {
            mt.tm_absent.set(mt.tm_absent.get() | bit);
        }
        v
    }

    /// Type name for messages: `__name` from the metatable if it is a string (`luaT_objtypename`).
    pub fn obj_type_name(&self, v: &Value) -> String {
        if let Some(mt) = self.metatable(v) {
            if matches!(v, Value::Table(_) | Value::UserData(_)) {
                if let Value::Str(s) = mt.get_str(self.names.name) {
                    return s.to_str_lossy().into_owned();
                }
            }
        }
        v.type_name().to_string()
    }
}

/// Frequently used interned strings (kept alive as roots).
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)]
pub struct Names {
    pub name: GcRef<LuaStr>,
    pub tostring: GcRef<LuaStr>,
    pub metatable: GcRef<LuaStr>,
    pub pairs: GcRef<LuaStr>,
    pub n: GcRef<LuaStr>,
    pub env: GcRef<LuaStr>,
}

/// Saved frame state (see [`State::save`]).
#[derive(Debug, Clone, Copy)]
pub struct SavePoint {
    /// Number of frames.
    pub frames: usize,
    /// Native depth.
    pub n_ccalls: u32,
    /// Non-yieldable depth.
    pub nny: u32,
    /// Number of tbc variables.
    pub tbc: usize,
    /// Resume depth.
    pub resume_depth: u32,
}
