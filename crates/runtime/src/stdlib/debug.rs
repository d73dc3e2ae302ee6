//! `debug` library (ldblib.c) and the debug interface it needs (ldebug.c's `lua_getstack`,
//! `lua_getinfo`, `lua_getlocal`, ... over the frames of any thread), plus the hook storage and
//! the entry point engines call to run hooks ([`State::hook_event`]).
//!
//! ## Levels
//! Level 0 is the running function (the debug function itself when called from Lua), level 1
//! its caller, and so on. A coroutine's levels end at its body function. The main thread's
//! bottom pseudo-frame counts as one C level, like the C function (`pmain`) through which the
//! standalone `lua` runs every chunk, so tracebacks end with `[C]: in ?` as lua5.4's do.
//!
//! ## Hooks
//! `debug.sethook` stores, per thread, the hook function in `registry._HOOKKEY` (a weak-keyed
//! table, as ldblib.c does) and the mask / count in `registry._HOOKMASK`. Engines ask
//! [`State::hook_mask`] / [`State::hook_count`] whether hooks are on and call
//! [`State::hook_event`] for each event.
use std::io::{BufRead, Write};

use crate::func::FnProto;
use crate::gc::GcRef;
use crate::state::{CallInfo, LResult, State, CI_FIN, CI_TAIL, MULTRET};
use crate::table::Table;
use crate::thread::Thread;
use crate::value::Value;

/// Frame flag: the frame was running when a hook was called (the hook's caller, so the hook
/// function's name is reported as `hook '?'`). Set by [`State::hook_event`] while the hook runs.
pub const CI_HOOKED: u8 = crate::state::CI_HOOKED;

/// Hook mask bit: call events (`"c"`).
pub const MASK_CALL: u8 = 1;
/// Hook mask bit: return events (`"r"`).
pub const MASK_RET: u8 = 2;
/// Hook mask bit: line events (`"l"`).
pub const MASK_LINE: u8 = 4;
/// Hook mask bit: count events (a count > 0 was given).
pub const MASK_COUNT: u8 = 8;
/// Internal bit of the stored mask: a hook is running on this thread (no nested hooks).
const IN_HOOK: i64 = 16;

/// Hook events (`LUA_HOOKCALL` ...), in `lua.h` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookEvent {
    /// A function was called (after its frame was pushed).
    Call,
    /// A function is about to return (its frame is still on top).
    Return,
    /// The interpreter starts a new line (or jumps back).
    Line,
    /// The instruction count reached the hook count.
    Count,
    /// A tail call replaced the running function (after the new frame was set up).
    TailCall,
}

impl HookEvent {
    /// The event name passed to the hook function.
    pub fn name(self) -> &'static str {
        match self {
            HookEvent::Call => "call",
            HookEvent::Return => "return",
            HookEvent::Line => "line",
            HookEvent::Count => "count",
            HookEvent::TailCall => "tail call",
        }
    }

    /// The mask bit that enables this event.
    pub fn mask(self) -> u8 {
        match self {
            HookEvent::Call | HookEvent::TailCall => MASK_CALL,
            HookEvent::Return => MASK_RET,
            HookEvent::Line => MASK_LINE,
            HookEvent::Count => MASK_COUNT,
        }
    }
}

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    st.new_lib(&[
        ("debug", db_debug),
        ("gethook", db_gethook),
        ("getinfo", db_getinfo),
        ("getlocal", db_getlocal),
        ("getmetatable", db_getmetatable),
        ("getregistry", db_getregistry),
        ("getupvalue", db_getupvalue),
        ("getuservalue", db_getuservalue),
        ("sethook", db_sethook),
        ("setcstacklimit", db_setcstacklimit),
        ("setlocal", db_setlocal),
        ("setmetatable", db_setmetatable),
        ("setupvalue", db_setupvalue),
        ("setuservalue", db_setuservalue),
        ("traceback", db_traceback),
        ("upvalueid", db_upvalueid),
        ("upvaluejoin", db_upvaluejoin),
    ])
}

// -- frames of any thread -----------------------------------------------------------------

/// A read-only view of one thread's stack and frames (the running thread's live in `State`,
/// the others' in their `Thread` objects).
#[derive(Clone, Copy)]
pub struct FrameView<'a> {
    /// The thread's value stack.
    pub stack: &'a [Value],
    /// Its call frames (index 0 is the bottom pseudo-frame).
    pub frames: &'a [CallInfo],
    /// Its stack top.
    pub top: usize,
    /// Lowest frame index that counts as a level (0 for the main thread, 1 for coroutines).
    pub min: usize,
}

/// Static information about a function (`lua_getinfo` option `S`).
struct FuncInfo {
    source: Vec<u8>,
    short_src: String,
    line_defined: i64,
    last_line_defined: i64,
    what: &'static str,
}

fn func_info(f: &Value) -> FuncInfo {
    match f {
        Value::LuaFn(cl) => {
            let p = &cl.proto;
            let source = p.source.as_bytes().to_vec();
            let short_src = lunar_syntax::chunkid(&p.source.to_str_lossy());
            FuncInfo {
                source,
                short_src,
                line_defined: p.line_defined as i64,
                last_line_defined: p.last_line_defined as i64,
                what: if p.line_defined == 0 { "main" } else { "Lua" },
            }
        }
        _ => FuncInfo {
            source: b"=[C]".to_vec(),
            short_src: "[C]".into(),
            line_defined: -1,
            last_line_defined: -1,
            what: "C",
        },
    }
}

impl<'a> FrameView<'a> {
    /// Frame index of `level` (`lua_getstack`), or None when there is no such level.
    pub fn level_index(&self, level: i64) -> Option<usize> {
        let n = self.frames.len();
        if level < 0 || level as u64 >= n as u64 {
            return None;
        }
        let idx = n - 1 - level as usize;
        if idx < self.min {
            None
        } else {
            Some(idx)
        }
    }

    /// Number of levels.
    pub fn levels(&self) -> usize {
        self.frames.len().saturating_sub(self.min)
    }

    /// The function running in frame `idx` (nil for the main thread's pseudo-frame).
    pub fn func(&self, idx: usize) -> Value {
        self.frames
            .get(idx)
            .and_then(|ci| self.stack.get(ci.func))
            .copied()
            .unwrap_or(Value::Nil)
    }

    /// Prototype of a Lua frame.
    pub fn proto(&self, idx: usize) -> Option<&'a FnProto> {
        let ci = self.frames.get(idx)?;
        if !ci.is_lua() {
            return None;
        }
        match self.stack.get(ci.func) {
            Some(Value::LuaFn(cl)) => Some(cl.proto.as_static()),
            _ => None,
        }
    }

    /// Index of the instruction being executed by Lua frame `idx`.
    fn current_pc(&self, idx: usize) -> usize {
        self.frames[idx].pc.saturating_sub(1)
    }

    /// Current line of frame `idx` (-1 for non-Lua frames).
    pub fn current_line(&self, idx: usize) -> i64 {
        match self.proto(idx) {
            Some(p) => {
                if self.frames[idx].pc == 0 {
                    p.line_defined as i64
                } else {
                    p.line_at(self.current_pc(idx))
                }
            }
            None => -1,
        }
    }

    /// `(namewhat, name)` of the function in frame `idx` as seen from its caller
    /// (`getfuncname` / `funcnamefromcall`).
    pub fn func_name(&self, idx: usize) -> Option<(&'static str, String)> {
        let ci = self.frames.get(idx)?;
        if ci.flags & CI_TAIL != 0 || idx == 0 {
            return None;
        }
        let caller = &self.frames[idx - 1];
        if caller.flags & CI_HOOKED != 0 {
            return Some(("hook", "?".into()));
        }
        if ci.flags & CI_FIN != 0 {
            return Some(("metamethod", "__gc".into()));
        }
        let p = self.proto(idx - 1)?;
        crate::debug::func_name_from_code(p, self.current_pc(idx - 1))
    }

    /// Finds local `n` of frame `idx` (`luaG_findlocal`): its name and stack slot.
    pub fn find_local(&self, idx: usize, n: i64) -> Option<(String, usize)> {
        let ci = self.frames.get(idx)?;
        let base = ci.func + 1;
        let mut name: Option<String> = None;
        if let Some(p) = self.proto(idx) {
            if n < 0 {
                if !p.is_vararg {
                    return None;
                }
                let nextra = ci.n_extra as i64;
                if n >= -nextra {
                    let pos = ci.func as i64 - nextra - (n + 1);
                    return usize::try_from(pos)
                        .ok()
                        .map(|p| ("(vararg)".to_string(), p));
                }
                return None;
            }
            if n > 0 {
                name = p
                    .local_name(n as usize, self.current_pc(idx))
                    .map(|s| s.to_string());
            }
        }
        if name.is_none() {
            let limit = if idx + 1 == self.frames.len() {
                self.top
            } else {
                self.frames[idx + 1].func
            };
            if n > 0 && (limit.saturating_sub(base) as u64) >= n as u64 {
                name = Some(if ci.is_lua() {
                    "(temporary)".into()
                } else {
                    "(C temporary)".into()
                });
            } else {
                return None;
            }
        }
        Some((name?, base + n as usize - 1))
    }
}

impl State {
    /// Frame view of `thread` (None = the running thread).
    pub fn frame_view(&self, thread: Option<GcRef<Thread>>) -> FrameView<'_> {
        match thread {
            Some(t) if t != self.current => {
                let inner = t.as_static().inner();
                FrameView {
                    stack: &inner.stack,
                    frames: &inner.frames,
                    top: inner.top,
                    min: if inner.is_main { 0 } else { 1 },
                }
            }
            _ => FrameView {
                stack: &self.stack,
                frames: &self.frames,
                top: self.top,
                min: if self.current.is_main() { 0 } else { 1 },
            },
        }
    }

    /// `luaL_traceback` over any thread (None = the running thread), starting at `level`.
    pub fn traceback_thread(
        &self,
        thread: Option<GcRef<Thread>>,
        msg: Option<&[u8]>,
        level: i64,
    ) -> Vec<u8> {
        const LEVELS1: i64 = 10;
        const LEVELS2: i64 = 11;
        let v = self.frame_view(thread);
        let mut out = Vec::new();
        if let Some(m) = msg {
            out.extend_from_slice(m);
            out.push(b'\n');
        }
        out.extend_from_slice(b"stack traceback:");
        let last = v.levels() as i64 - 1;
        let mut limit2show = if last.saturating_sub(level) > LEVELS1 + LEVELS2 {
            LEVELS1
        } else {
            -1
        };
        let mut level = level;
        while let Some(idx) = v.level_index(level) {
            level += 1;
            let show = limit2show != 0;
            limit2show -= 1;
            if !show {
                let n = last - level - LEVELS2 + 1;
                out.extend_from_slice(format!("\n\t...\t(skipping {n} levels)").as_bytes());
                level += n;
                continue;
            }
            let f = v.func(idx);
            let info = func_info(&f);
            let line = v.current_line(idx);
            if line <= 0 {
                out.extend_from_slice(format!("\n\t{}: in ", info.short_src).as_bytes());
            } else {
                out.extend_from_slice(format!("\n\t{}:{}: in ", info.short_src, line).as_bytes());
            }
            if let Some(g) = self.global_func_name(&f) {
                out.extend_from_slice(format!("function '{g}'").as_bytes());
            } else if let Some((kind, name)) = v.func_name(idx) {
                out.extend_from_slice(format!("{kind} '{name}'").as_bytes());
            } else if info.what == "main" {
                out.extend_from_slice(b"main chunk");
            } else if info.what != "C" {
                out.extend_from_slice(
                    format!("function <{}:{}>", info.short_src, info.line_defined).as_bytes(),
                );
            } else {
                out.push(b'?');
            }
            if v.frames[idx].flags & CI_TAIL != 0 {
                out.extend_from_slice(b"\n\t(...tail calls...)");
            }
        }
        out
    }

    // -- hooks --------------------------------------------------------------------------------

    fn hook_table(&mut self, key: &[u8], create: bool) -> Option<GcRef<Table>> {
        let k = self.intern(key);
        match self.registry.get_str(k) {
            Value::Table(t) => Some(t),
            _ if create => {
                let t = self.new_table();
                let mode = self.intern(b"__mode");
                let kv = self.str_value(b"k");
                t.set_str(mode, kv);
                t.meta.set(Some(t));
                self.registry.set_str(k, Value::Table(t));
                Some(t)
            }
            _ => None,
        }
    }

    fn hook_packed(&mut self, th: GcRef<Thread>) -> i64 {
        match self.hook_table(b"_HOOKMASK", false) {
            Some(t) => match t.get(Value::Thread(th)) {
                Value::Int(i) => i,
                _ => 0,
            },
            None => 0,
        }
    }

    fn set_hook(&mut self, th: GcRef<Thread>, f: Value, mask: u8, count: i64) {
        if mask != 0 || count != 0 {
            // engines switch to their instrumented loop once any hook has been set
            self.hooks_active = true;
        }
        let funcs = self.hook_table(b"_HOOKKEY", true).expect("hook table");
        let _ = funcs.set(Value::Thread(th), f);
        let masks = self.hook_table(b"_HOOKMASK", true).expect("hook table");
        let (mask, count) = if f.is_nil() || mask == 0 {
            (0, 0)
        } else {
            (mask, count.max(0))
        };
        let running = self.hook_packed(th) & IN_HOOK;
        let packed = if mask == 0 {
            running
        } else {
            mask as i64 | running | (count << 5)
        };
        let v = if packed == 0 {
            Value::Nil
        } else {
            Value::Int(packed)
        };
        let _ = masks.set(Value::Thread(th), v);
    }

    /// Hook mask of the running thread (`MASK_*` bits; 0 = no hooks). Engines check it at
    /// function entry (and after calls return) to decide whether to report events.
    pub fn hook_mask(&mut self) -> u8 {
        let cur = self.current;
        (self.hook_packed(cur) & 0xf) as u8
    }

    /// Instruction count between count events of the running thread's hook (0 = none).
    pub fn hook_count(&mut self) -> i64 {
        let cur = self.current;
        self.hook_packed(cur) >> 5
    }

    /// Reports a hook event of the running thread (`luaD_hook`): calls the Lua hook function
    /// set by `debug.sethook` with the event name and, for line events, the line (`line` < 0
    /// passes nil), unless the event is masked off or a hook is already running. The frame on
    /// top of `frames` must be the function the event is about, with its `pc` saved.
    pub fn hook_event(&mut self, event: HookEvent, line: i64) -> LResult<()> {
        let cur = self.current;
        let packed = self.hook_packed(cur);
        if packed & (event.mask() as i64) == 0 || packed & IN_HOOK != 0 {
            return Ok(());
        }
        let Some(funcs) = self.hook_table(b"_HOOKKEY", false) else {
            return Ok(());
        };
        let f = funcs.get(Value::Thread(cur));
        if !f.is_function() {
            return Ok(());
        }
        let masks = self.hook_table(b"_HOOKMASK", true).expect("hook table");
        let _ = masks.set(Value::Thread(cur), Value::Int(packed | IN_HOOK));
        let fi = self.frames.len() - 1;
        let old_flags = self.frames[fi].flags;
        self.frames[fi].flags |= CI_HOOKED;
        // the hook may run at any point of a Lua frame: keep the frame's registers intact
        let saved_top = self.top;
        let ci_top = self.frames[fi].top;
        if self.top < ci_top {
            self.top = ci_top;
        }
        let name = self.str_value(event.name().as_bytes());
        let l = if line >= 0 {
            Value::Int(line)
        } else {
            Value::Nil
        };
        let r = self.call_value(f, &[name, l], 0);
        self.top = saved_top;
        if let Some(ci) = self.frames.get_mut(fi) {
            ci.flags = (ci.flags & !CI_HOOKED) | (old_flags & CI_HOOKED);
        }
        let now = self.hook_packed(cur);
        if now & IN_HOOK != 0 {
            let v = now & !IN_HOOK;
            let masks = self.hook_table(b"_HOOKMASK", true).expect("hook table");
            let _ = masks.set(
                Value::Thread(cur),
                if v == 0 { Value::Nil } else { Value::Int(v) },
            );
        }
        r.map(|_| ())
    }
}

// -- library functions ---------------------------------------------------------------------

/// `getthread`: an optional thread first argument; returns it and the argument offset.
fn get_thread(st: &State) -> (Option<GcRef<Thread>>, usize) {
    match st.arg(1) {
        Value::Thread(t) => (Some(t), 1),
        _ => (None, 0),
    }
}

fn is_running(st: &State, th: Option<GcRef<Thread>>) -> bool {
    th.is_none_or(|t| t == st.current)
}

fn set_field(st: &mut State, t: GcRef<Table>, k: &str, v: Value) {
    let k = st.intern(k.as_bytes());
    t.set_str(k, v);
}

fn db_getregistry(st: &mut State) -> LResult<usize> {
    let r = st.registry;
    Ok(st.ret1(Value::Table(r)))
}

fn db_getmetatable(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let r = match st.metatable(&v) {
        Some(mt) => Value::Table(mt),
        None => Value::Nil,
    };
    Ok(st.ret1(r))
}

fn db_setmetatable(st: &mut State) -> LResult<usize> {
    let mt = match st.arg(2) {
        Value::Nil if st.nargs() >= 2 => None,
        Value::Table(t) => Some(t),
        _ => return Err(st.type_arg_error(2, "nil or table")),
    };
    let v = st.arg(1);
    match v {
        Value::Table(t) => t.meta.set(mt),
        Value::UserData(u) => u.meta.set(mt),
        other => st.type_meta[other.type_index()] = mt,
    }
    if let (Some(m), Value::Table(_) | Value::UserData(_)) = (mt, v) {
        st.check_finalizer(v, m);
    }
    Ok(st.ret1(v))
}

fn db_getuservalue(st: &mut State) -> LResult<usize> {
    let n = st.opt_int(2, 1)?;
    match st.arg(1) {
        Value::UserData(u) if n == 1 => {
            st.push(u.user_value.get());
            st.push(Value::Bool(true));
            Ok(2)
        }
        _ => Ok(st.ret1(Value::Nil)),
    }
}

fn db_setuservalue(st: &mut State) -> LResult<usize> {
    let n = st.opt_int(3, 1)?;
    let u = match st.arg(1) {
        Value::UserData(u) => u,
        _ => return Err(st.type_arg_error(1, "userdata")),
    };
    let v = st.check_any(2)?;
    if n == 1 {
        u.user_value.set(v);
        Ok(st.ret1(Value::UserData(u)))
    } else {
        Ok(st.ret1(Value::Nil))
    }
}

fn db_getinfo(st: &mut State) -> LResult<usize> {
    let (th, a) = get_thread(st);
    let options: Vec<u8> = match st.opt_str(a + 2)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"flnSrtu".to_vec(),
    };
    if options.first() == Some(&b'>') {
        return Err(st.arg_error(a + 2, "invalid option '>'"));
    }
    let target = st.arg(a + 1);
    // (function, frame index) of the described activation
    let (func, frame): (Value, Option<usize>) = if target.is_function() {
        (target, None)
    } else {
        let level = st.check_int(a + 1)?;
        let v = st.frame_view(th);
        match v.level_index(level) {
            Some(idx) => (v.func(idx), Some(idx)),
            None => return Ok(st.ret1(Value::Nil)),
        }
    };
    if options.iter().any(|c| !b"SlutnrLf".contains(c)) {
        return Err(st.arg_error(a + 2, "invalid option"));
    }
    let t = st.new_table();
    st.push(Value::Table(t));
    let has = |c: u8| options.contains(&c);
    if has(b'S') {
        let info = func_info(&func);
        let src = st.str_value(&info.source);
        set_field(st, t, "source", src);
        let ss = st.str_value(info.short_src.as_bytes());
        set_field(st, t, "short_src", ss);
        set_field(st, t, "linedefined", Value::Int(info.line_defined));
        set_field(st, t, "lastlinedefined", Value::Int(info.last_line_defined));
        let w = st.str_value(info.what.as_bytes());
        set_field(st, t, "what", w);
    }
    if has(b'l') {
        let line = match frame {
            Some(idx) => st.frame_view(th).current_line(idx),
            None => -1,
        };
        set_field(st, t, "currentline", Value::Int(line));
    }
    if has(b'u') {
        let (nups, nparams, vararg) = match func {
            Value::LuaFn(cl) => (
                cl.upvals.len(),
                cl.proto.num_params as i64,
                cl.proto.is_vararg,
            ),
            Value::NativeFn(nc) => (nc.upvals.len(), 0, true),
            _ => (0, 0, true),
        };
        set_field(st, t, "nups", Value::Int(nups as i64));
        set_field(st, t, "nparams", Value::Int(nparams));
        set_field(st, t, "isvararg", Value::Bool(vararg));
    }
    if has(b'n') {
        let name = frame.and_then(|idx| st.frame_view(th).func_name(idx));
        let (namewhat, name) = match name {
            Some((w, n)) => (w, Some(n)),
            None => ("", None),
        };
        if let Some(n) = name {
            let nv = st.str_value(n.as_bytes());
            set_field(st, t, "name", nv);
        }
        let w = st.str_value(namewhat.as_bytes());
        set_field(st, t, "namewhat", w);
    }
    if has(b'r') {
        set_field(st, t, "ftransfer", Value::Int(0));
        set_field(st, t, "ntransfer", Value::Int(0));
    }
    if has(b't') {
        let tail = frame.is_some_and(|idx| st.frame_view(th).frames[idx].flags & CI_TAIL != 0);
        set_field(st, t, "istailcall", Value::Bool(tail));
    }
    if has(b'L') {
        if let Value::LuaFn(cl) = func {
            let lines = st.new_table();
            let p = &cl.proto;
            let start = if p.is_vararg { 1 } else { 0 };
            for pc in start..p.line_info.len() {
                lines.set_int(p.line_at(pc), Value::Bool(true));
            }
            set_field(st, t, "activelines", Value::Table(lines));
        }
    }
    if has(b'f') {
        set_field(st, t, "func", func);
    }
    Ok(1)
}

fn db_getlocal(st: &mut State) -> LResult<usize> {
    let (th, a) = get_thread(st);
    let nvar = st.check_int(a + 2)?;
    let target = st.arg(a + 1);
    if target.is_function() {
        let name = match target {
            Value::LuaFn(cl) if nvar > 0 => cl
                .proto
                .local_name(nvar as usize, 0)
                .map(|s| s.as_bytes().to_vec()),
            _ => None,
        };
        let v = match name {
            Some(n) => st.str_value(&n),
            None => Value::Nil,
        };
        return Ok(st.ret1(v));
    }
    let level = st.check_int(a + 1)?;
    let v = st.frame_view(th);
    let Some(idx) = v.level_index(level) else {
        return Err(st.arg_error(a + 1, "level out of range"));
    };
    match v.find_local(idx, nvar) {
        Some((name, pos)) => {
            let val = v.stack.get(pos).copied().unwrap_or(Value::Nil);
            let n = st.str_value(name.as_bytes());
            st.push(n);
            st.push(val);
            Ok(2)
        }
        None => Ok(st.ret1(Value::Nil)),
    }
}

fn db_setlocal(st: &mut State) -> LResult<usize> {
    let (th, a) = get_thread(st);
    let level = st.check_int(a + 1)?;
    let nvar = st.check_int(a + 2)?;
    let idx = st.frame_view(th).level_index(level);
    let Some(idx) = idx else {
        return Err(st.arg_error(a + 1, "level out of range"));
    };
    let val = st.check_any(a + 3)?;
    let found = st.frame_view(th).find_local(idx, nvar);
    match found {
        Some((name, pos)) => {
            st.jit_locals_changed = true;
            match th {
                Some(t) if t != st.current => {
                    if let Some(slot) = t.inner().stack.get_mut(pos) {
                        *slot = val;
                    }
                }
                _ => {
                    if let Some(slot) = st.stack.get_mut(pos) {
                        *slot = val;
                    }
                }
            }
            let n = st.str_value(name.as_bytes());
            Ok(st.ret1(n))
        }
        None => Ok(st.ret1(Value::Nil)),
    }
}

fn check_function(st: &mut State, i: usize) -> LResult<Value> {
    let f = st.arg(i);
    if f.is_function() {
        Ok(f)
    } else {
        Err(st.type_arg_error(i, "function"))
    }
}

/// Name and value of upvalue `n` of `f` (`lua_getupvalue`).
fn upvalue_of(f: &Value, n: i64) -> Option<(String, Value)> {
    if n < 1 {
        return None;
    }
    let i = (n - 1) as usize;
    match f {
        Value::LuaFn(cl) => {
            let u = cl.upvals.get(i)?;
            let name = cl
                .proto
                .upvalues
                .get(i)
                .and_then(|d| d.name.clone())
                .unwrap_or_else(|| "(no name)".into());
            Some((name, u.get()))
        }
        Value::NativeFn(nc) => nc.upvals.get(i).map(|c| (String::new(), c.get())),
        _ => None,
    }
}

fn db_getupvalue(st: &mut State) -> LResult<usize> {
    let n = st.check_int(2)?;
    let f = check_function(st, 1)?;
    match upvalue_of(&f, n) {
        Some((name, v)) => {
            let nv = st.str_value(name.as_bytes());
            st.push(nv);
            st.push(v);
            Ok(2)
        }
        None => Ok(0),
    }
}

fn db_setupvalue(st: &mut State) -> LResult<usize> {
    let v = st.check_any(3)?;
    let n = st.check_int(2)?;
    let f = check_function(st, 1)?;
    let Some((name, _)) = upvalue_of(&f, n) else {
        return Ok(0);
    };
    let i = (n - 1) as usize;
    match f {
        Value::LuaFn(cl) => cl.upvals[i].set(v),
        Value::NativeFn(nc) => nc.upvals[i].set(v),
        _ => {}
    }
    let nv = st.str_value(name.as_bytes());
    Ok(st.ret1(nv))
}

/// `checkupval`: the identity of upvalue `n` of the function at argument `argf`.
fn upvalue_id(st: &mut State, argf: usize, argnup: usize) -> LResult<Option<usize>> {
    let n = st.check_int(argnup)?;
    let f = check_function(st, argf)?;
    if n < 1 {
        return Ok(None);
    }
    let i = (n - 1) as usize;
    Ok(match f {
        Value::LuaFn(cl) => cl.upvals.get(i).map(|u| u.addr()),
        Value::NativeFn(nc) => nc.upvals.get(i).map(|c| c as *const _ as usize),
        _ => None,
    })
}

fn db_upvalueid(st: &mut State) -> LResult<usize> {
    let id = upvalue_id(st, 1, 2)?;
    let v = match id {
        Some(p) => Value::LightUserData(p),
        None => Value::Nil,
    };
    Ok(st.ret1(v))
}

fn db_upvaluejoin(st: &mut State) -> LResult<usize> {
    if upvalue_id(st, 1, 2)?.is_none() {
        return Err(st.arg_error(2, "invalid upvalue index"));
    }
    if upvalue_id(st, 3, 4)?.is_none() {
        return Err(st.arg_error(4, "invalid upvalue index"));
    }
    let f1 = match st.arg(1) {
        Value::LuaFn(cl) => cl,
        _ => return Err(st.arg_error(1, "Lua function expected")),
    };
    let f2 = match st.arg(3) {
        Value::LuaFn(cl) => cl,
        _ => return Err(st.arg_error(3, "Lua function expected")),
    };
    let n1 = (st.check_int(2)? - 1) as usize;
    let n2 = (st.check_int(4)? - 1) as usize;
    let up = f2.upvals[n2];
    // SAFETY: the closure is a live heap object (argument 1); nothing else holds a reference
    // into its upvalue array while this native runs, and the collector only runs at safe
    // points, so replacing one element in place is a plain write to owned memory.
    unsafe {
        let cl = f1.as_ptr() as *mut crate::func::LuaClosure;
        (*cl).upvals[n1] = up;
    }
    Ok(0)
}

fn make_mask(smask: &[u8], count: i64) -> u8 {
    let mut m = 0;
    if smask.contains(&b'c') {
        m |= MASK_CALL;
    }
    if smask.contains(&b'r') {
        m |= MASK_RET;
    }
    if smask.contains(&b'l') {
        m |= MASK_LINE;
    }
    if count > 0 {
        m |= MASK_COUNT;
    }
    m
}

fn db_sethook(st: &mut State) -> LResult<usize> {
    let (th, a) = get_thread(st);
    let th = th.unwrap_or(st.current);
    let (f, mask, count) = if st.arg(a + 1).is_nil() {
        (Value::Nil, 0, 0)
    } else {
        let smask = st.check_str(a + 2)?;
        let f = st.arg(a + 1);
        if !f.is_function() {
            return Err(st.type_arg_error(a + 1, "function"));
        }
        let count = st.opt_int(a + 3, 0)?;
        // lua_sethook keeps the count as a C int
        let count = count as i32 as i64;
        (f, make_mask(smask.as_bytes(), count), count)
    };
    st.set_hook(th, f, mask, count);
    Ok(0)
}

fn db_gethook(st: &mut State) -> LResult<usize> {
    let (th, _) = get_thread(st);
    let th = th.unwrap_or(st.current);
    let packed = st.hook_packed(th);
    let mask = (packed & 0xf) as u8;
    if mask == 0 {
        return Ok(st.ret1(Value::Nil));
    }
    let f = match st.hook_table(b"_HOOKKEY", false) {
        Some(t) => t.get(Value::Thread(th)),
        None => Value::Nil,
    };
    let mut s = Vec::new();
    if mask & MASK_CALL != 0 {
        s.push(b'c');
    }
    if mask & MASK_RET != 0 {
        s.push(b'r');
    }
    if mask & MASK_LINE != 0 {
        s.push(b'l');
    }
    st.push(f);
    let sv = st.str_value(&s);
    st.push(sv);
    st.push(Value::Int(packed >> 5));
    Ok(3)
}

fn db_traceback(st: &mut State) -> LResult<usize> {
    let (th, a) = get_thread(st);
    let m = st.arg(a + 1);
    let msg: Option<Vec<u8>> = match m {
        Value::Str(s) => Some(s.as_bytes().to_vec()),
        Value::Int(_) | Value::Float(_) => {
            let mut b = Vec::new();
            st.tostring_basic(&m, &mut b);
            Some(b)
        }
        Value::Nil => None,
        other => return Ok(st.ret1(other)),
    };
    let running = is_running(st, th);
    let level = st.opt_int(a + 2, if running { 1 } else { 0 })?;
    let text = st.traceback_thread(th, msg.as_deref(), level);
    let v = st.str_value_owned(text);
    Ok(st.ret1(v))
}

fn db_setcstacklimit(st: &mut State) -> LResult<usize> {
    st.check_int(1)?;
    Ok(st.ret1(Value::Int(crate::state::MAX_CCALLS as i64)))
}

fn db_debug(st: &mut State) -> LResult<usize> {
    loop {
        {
            let mut e = std::io::stderr();
            let _ = e.write_all(b"lua_debug> ");
            let _ = e.flush();
        }
        let mut line = Vec::new();
        let n = std::io::stdin()
            .lock()
            .read_until(b'\n', &mut line)
            .unwrap_or(0);
        if n == 0 || line == b"cont\n" {
            return Ok(0);
        }
        let base = st.top;
        let r = match crate::stdlib::base::compile_chunk(st, &line, "=(debug command)", false) {
            Ok(f) => {
                st.push(f);
                st.pcall(base, MULTRET, None).map_err(|e| e.value)
            }
            Err(m) => Err(st.str_value(m.as_bytes())),
        };
        if let Err(v) = r {
            st.top = base;
            st.push(v);
            let s = st.tostring(v)?;
            let mut e = std::io::stderr();
            let _ = e.write_all(s.as_bytes());
            let _ = e.write_all(b"\n");
            let _ = e.flush();
        }
        st.top = base;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A native hook: appends "event:line" to the global `log`, and re-reports an event to
    /// check that hooks do not nest.
    fn record(st: &mut State) -> LResult<usize> {
        let ev = st.arg(1);
        let line = st.arg(2);
        let mut s = match st.get_global("log") {
            Value::Str(s) => s.as_bytes().to_vec(),
            _ => Vec::new(),
        };
        if let Value::Str(e) = ev {
            s.extend_from_slice(e.as_bytes());
        }
        s.push(b':');
        match line {
            Value::Int(i) => s.extend_from_slice(i.to_string().as_bytes()),
            _ => s.extend_from_slice(b"nil"),
        }
        s.push(b' ');
        let v = st.str_value_owned(s);
        st.set_global("log", v);
        // nested events are ignored while the hook runs
        st.hook_event(HookEvent::Line, 999)?;
        // the frame that triggered the hook is marked
        let n = st.frames.len();
        let hooked = st.frames[n - 2].flags & CI_HOOKED != 0;
        st.set_global("hooked", Value::Bool(hooked));
        Ok(0)
    }

    fn log(st: &mut State) -> String {
        match st.get_global("log") {
            Value::Str(s) => s.to_str_lossy().into_owned(),
            _ => String::new(),
        }
    }

    #[test]
    fn hook_storage_and_events() {
        let mut st = State::new_bare();
        st.open_libs();
        assert_eq!(st.hook_mask(), 0);
        st.hook_event(HookEvent::Call, -1).unwrap();
        assert_eq!(log(&mut st), "");
        let f = st.native("record", record);
        let main = st.current;
        st.set_hook(main, f, make_mask(b"cl", 7), 7);
        assert_eq!(st.hook_mask(), MASK_CALL | MASK_LINE | MASK_COUNT);
        assert_eq!(st.hook_count(), 7);
        st.hook_event(HookEvent::Line, 3).unwrap();
        st.hook_event(HookEvent::Call, -1).unwrap();
        st.hook_event(HookEvent::TailCall, -1).unwrap();
        st.hook_event(HookEvent::Return, -1).unwrap(); // masked off
        st.hook_event(HookEvent::Count, -1).unwrap();
        assert_eq!(log(&mut st), "line:3 call:nil tail call:nil count:nil ");
        assert!(st.get_global("hooked").truthy());
        assert_eq!(st.frames[0].flags & CI_HOOKED, 0);
        // still enabled after the hook ran (the in-hook mark is cleared)
        assert_eq!(st.hook_mask(), MASK_CALL | MASK_LINE | MASK_COUNT);
        st.set_hook(main, Value::Nil, 0, 0);
        assert_eq!(st.hook_mask(), 0);
        assert_eq!(st.hook_count(), 0);
        st.hook_event(HookEvent::Line, 4).unwrap();
        assert_eq!(log(&mut st), "line:3 call:nil tail call:nil count:nil ");
    }

    #[test]
    fn levels_of_the_main_thread() {
        let mut st = State::new_bare();
        st.open_libs();
        let v = st.frame_view(None);
        // only the bottom pseudo-frame: one C level
        assert_eq!(v.levels(), 1);
        assert_eq!(v.level_index(0), Some(0));
        assert_eq!(v.level_index(1), None);
        assert_eq!(v.level_index(-1), None);
        assert_eq!(v.level_index(i64::MAX), None);
        let tb = st.traceback_thread(None, Some(b"m"), 0);
        assert_eq!(tb, b"m\nstack traceback:\n\t[C]: in ?");
        let tb = st.traceback_thread(None, None, i64::MIN);
        assert_eq!(tb, b"stack traceback:");
    }
}
