//! Debug information from bytecode (ldebug.c): variable names for error messages by symbolic
//! execution (`getobjname`), names of called functions, and tracebacks.
use lunar_bytecode::opcode::{OpCode, IS_MM, SETS_A};

use crate::func::FnProto;
use crate::meta::Src;
use crate::state::{CallInfo, State, CI_FIN, CI_TAIL, TM_NAMES};
use crate::value::Value;

fn filter_pc(pc: usize, jmptarget: usize) -> Option<usize> {
    if pc < jmptarget {
        None
    } else {
        Some(pc)
    }
}

/// Last instruction before `lastpc` that set register `reg` (`findsetreg`).
fn find_set_reg(p: &FnProto, mut lastpc: usize, reg: u32) -> Option<usize> {
    if lastpc < p.code.len() && p.code[lastpc].opcode().flags() & IS_MM != 0 {
        lastpc = lastpc.saturating_sub(1);
    }
    let mut setreg = None;
    let mut jmptarget = 0usize;
    for pc in 0..lastpc.min(p.code.len()) {
        let i = p.code[pc];
        let op = i.opcode();
        let a = i.a();
        let change = match op {
            OpCode::LoadNil => a <= reg && reg <= a + i.b(),
            OpCode::TForCall => reg >= a + 2,
            OpCode::Call | OpCode::TailCall => reg >= a,
            OpCode::Jmp => {
                let dest = pc as i64 + 1 + i.sj() as i64;
                if dest <= lastpc as i64 && dest > jmptarget as i64 {
                    jmptarget = dest as usize;
                }
                false
            }
            _ => op.flags() & SETS_A != 0 && reg == a,
        };
        if change {
            setreg = filter_pc(pc, jmptarget);
        }
    }
    setreg
}

fn upval_name(p: &FnProto, i: u32) -> String {
    p.upvalues
        .get(i as usize)
        .and_then(|u| u.name.clone())
        .unwrap_or_else(|| "?".into())
}

fn kname(p: &FnProto, k: u32) -> String {
    match p.k.get(k as usize) {
        Some(Value::Str(s)) => s.to_str_lossy().into_owned(),
        _ => "?".into(),
    }
}

fn rname(p: &FnProto, pc: usize, c: u32) -> String {
    match get_obj_name(p, pc, c) {
        Some(("constant", name)) => name,
        _ => "?".into(),
    }
}

fn gxf(p: &FnProto, pc: usize, t: u32, isup: bool) -> &'static str {
    let name = if isup {
        Some(upval_name(p, t))
    } else {
        get_obj_name(p, pc, t).map(|(_, n)| n)
    };
    if name.as_deref() == Some("_ENV") {
        "global"
    } else {
        "field"
    }
}

/// Kind and name of the value in register `reg` at `lastpc` (`getobjname`).
pub fn get_obj_name(p: &FnProto, lastpc: usize, reg: u32) -> Option<(&'static str, String)> {
    if let Some(n) = p.local_name(reg as usize + 1, lastpc) {
        return Some(("local", n.to_string()));
    }
    let pc = find_set_reg(p, lastpc, reg)?;
    let i = p.code[pc];
    match i.opcode() {
        OpCode::Move => {
            let b = i.b();
            if b < i.a() {
                return get_obj_name(p, pc, b);
            }
            None
        }
        OpCode::GetTabUp => Some((gxf(p, pc, i.b(), true), kname(p, i.c()))),
        OpCode::GetTable => Some((gxf(p, pc, i.b(), false), rname(p, pc, i.c()))),
        OpCode::GetI => Some(("field", "integer index".into())),
        OpCode::GetField => Some((gxf(p, pc, i.b(), false), kname(p, i.c()))),
        OpCode::GetUpval => Some(("upvalue", upval_name(p, i.b()))),
        OpCode::LoadK | OpCode::LoadKX => {
            let b = if i.opcode() == OpCode::LoadK {
                i.bx()
            } else {
                p.code.get(pc + 1).map(|x| x.ax()).unwrap_or(0)
            };
            match p.k.get(b as usize) {
                Some(Value::Str(s)) => Some(("constant", s.to_str_lossy().into_owned())),
                _ => None,
            }
        }
        OpCode::OpSelf => {
            let name = if i.k() {
                kname(p, i.c())
            } else {
                rname(p, pc, i.c())
            };
            Some(("method", name))
        }
        _ => None,
    }
}

/// Name of the function called by instruction `pc` (`funcnamefromcode`).
pub fn func_name_from_code(p: &FnProto, pc: usize) -> Option<(&'static str, String)> {
    let i = *p.code.get(pc)?;
    let tm = match i.opcode() {
        OpCode::Call | OpCode::TailCall => return get_obj_name(p, pc, i.a()),
        OpCode::TForCall => return Some(("for iterator", "for iterator".into())),
        OpCode::OpSelf | OpCode::GetTabUp | OpCode::GetTable | OpCode::GetI | OpCode::GetField => 0,
        OpCode::SetTabUp | OpCode::SetTable | OpCode::SetI | OpCode::SetField => 1,
        OpCode::MmBin | OpCode::MmBinI | OpCode::MmBinK => i.c() as usize,
        OpCode::Unm => 18,
        OpCode::BNot => 19,
        OpCode::Len => 4,
        OpCode::Concat => 22,
        OpCode::Eq => 5,
        OpCode::Lt | OpCode::LtI | OpCode::GtI => 20,
        OpCode::Le | OpCode::LeI | OpCode::GeI => 21,
        OpCode::Close | OpCode::Return => 24,
        _ => return None,
    };
    Some(("metamethod", TM_NAMES.get(tm)?[2..].to_string()))
}

impl State {
    /// Lua closure prototype of a frame.
    pub fn frame_proto(&self, ci: &CallInfo) -> Option<&FnProto> {
        if !ci.is_lua() {
            return None;
        }
        match self.stack.get(ci.func) {
            Some(Value::LuaFn(cl)) => Some(&cl.proto),
            _ => None,
        }
    }

    /// " (kind 'name')" for an operand, or "" (`varinfo`).
    pub fn varinfo(&self, src: Src) -> String {
        let ci = *self.ci();
        let Some(p) = self.frame_proto(&ci) else {
            return String::new();
        };
        let r = match src {
            Src::None => None,
            Src::Upval(u) => Some(("upvalue", upval_name(p, u))),
            Src::Reg(r) => get_obj_name(p, ci.pc.saturating_sub(1), r),
        };
        match r {
            Some((kind, name)) => format!(" ({kind} '{name}')"),
            None => String::new(),
        }
    }

    /// Name of the function running in frame `idx` as seen from its caller (`getfuncname`).
    pub fn func_name_of_frame(&self, idx: usize) -> Option<(&'static str, String)> {
        let ci = self.frames.get(idx)?;
        if ci.flags & CI_TAIL != 0 || idx == 0 {
            return None;
        }
        if ci.flags & CI_FIN != 0 {
            return Some(("metamethod", "__gc".into()));
        }
        let caller = self.frames.get(idx - 1)?;
        let p = self.frame_proto(caller)?;
        func_name_from_code(p, caller.pc.saturating_sub(1))
    }

    /// Name of the function being called by the running Lua frame's current instruction.
    pub fn funcname_from_call(&self) -> Option<(&'static str, String)> {
        let ci = self.ci();
        let p = self.frame_proto(ci)?;
        func_name_from_code(p, ci.pc.saturating_sub(1))
    }

    /// Finds a global name for a function value by searching the loaded library tables
    /// (`pushglobalfuncname`): "print", "string.rep", ...
    pub fn global_func_name(&self, f: &Value) -> Option<String> {
        let loaded = self.registry_loaded()?;
        let mut found = None;
        let mut key = Value::Nil;
        while let Ok(Some((k, v))) = loaded.next(key) {
            key = k;
            if let (Value::Str(modname), Value::Table(t)) = (k, v) {
                let mut k2 = Value::Nil;
                while let Ok(Some((fk, fv))) = t.next(k2) {
                    k2 = fk;
                    if fv.raw_eq(f) {
                        if let Value::Str(fname) = fk {
                            let m = modname.to_str_lossy();
                            let n = fname.to_str_lossy();
                            let full = if m == "_G" {
                                n.into_owned()
                            } else {
                                format!("{m}.{n}")
                            };
                            // prefer the shortest (global) name
                            if found.as_ref().is_none_or(|x: &String| full.len() < x.len()) {
                                found = Some(full);
                            }
                        }
                    }
                }
            }
        }
        found
    }

    fn registry_loaded(&self) -> Option<crate::gc::GcRef<crate::table::Table>> {
        let mut key = Value::Nil;
        while let Ok(Some((k, v))) = self.registry.next(key) {
            key = k;
            if let (Value::Str(s), Value::Table(t)) = (k, v) {
                if s.as_bytes() == b"_LOADED" {
                    return Some(t);
                }
            }
        }
        None
    }

    /// Error for a bad argument of the running native function (`luaL_argerror`).
    pub fn arg_error(&mut self, mut arg: usize, extramsg: &str) -> crate::state::LuaError {
        let idx = self.frames.len() - 1;
        let mut name = self.func_name_of_frame(idx);
        if let Some((kind, fname)) = &name {
            if *kind == "method" {
                arg -= 1;
                if arg == 0 {
                    let m = format!("calling '{fname}' on bad self ({extramsg})");
                    return self.error_msg(m);
                }
            }
        }
        if name.is_none() {
            let f = self.stack[self.ci().func];
            name = self.global_func_name(&f).map(|n| ("global", n));
        }
        let fname = name.map(|(_, n)| n).unwrap_or_else(|| "?".into());
        self.error_msg(format!("bad argument #{arg} to '{fname}' ({extramsg})"))
    }

    /// "bad argument #n to 'f' (T expected, got U)" (`luaL_typeerror`).
    pub fn type_arg_error(&mut self, arg: usize, expected: &str) -> crate::state::LuaError {
        let v = self.arg(arg);
        let got = if arg > self.nargs() {
            "no value".to_string()
        } else if let Some(mt) = self.metatable(&v) {
            match mt.get_str(self.names.name) {
                Value::Str(s) => s.to_str_lossy().into_owned(),
                _ => v.type_name().to_string(),
            }
        } else if matches!(v, Value::LightUserData(_)) {
            "light userdata".into()
        } else {
            v.type_name().to_string()
        };
        self.arg_error(arg, &format!("{expected} expected, got {got}"))
    }

    /// `luaL_traceback` text for the running thread, starting at frame `level` from the top.
    pub fn traceback(&self, msg: Option<&str>, level: usize) -> String {
        let mut out = String::new();
        if let Some(m) = msg {
            out.push_str(m);
            out.push('\n');
        }
        out.push_str("stack traceback:");
        let n = self.frames.len();
        let frames: Vec<usize> = (1..n).rev().skip(level).collect();
        let total = frames.len();
        for (count, &idx) in frames.iter().enumerate() {
            if total > 22 && count == 10 {
                out.push_str(&format!("\n\t...\t(skipping {} levels)", total - 21));
            }
            if total > 22 && count >= 10 && count < total - 11 {
                continue;
            }
            let ci = &self.frames[idx];
            out.push_str("\n\t");
            let f = self.stack[ci.func];
            let proto = self.frame_proto(ci);
            match proto {
                Some(p) => {
                    let src = lunar_syntax::chunkid(&p.source.to_str_lossy());
                    out.push_str(&format!(
                        "{}:{}: in ",
                        src,
                        self.current_line(ci).unwrap_or(-1)
                    ));
                }
                None => out.push_str("[C]: in "),
            }
            // pushfuncname: global name, then the name from the calling code, then main
            // chunk / <file:line> / ?
            if let Some(g) = self.global_func_name(&f) {
                out.push_str(&format!("function '{g}'"));
            } else if let Some((kind, name)) = self.func_name_of_frame(idx) {
                out.push_str(&format!("{kind} '{name}'"));
            } else if let Some(p) = proto {
                if p.line_defined == 0 {
                    out.push_str("main chunk");
                } else {
                    let src = lunar_syntax::chunkid(&p.source.to_str_lossy());
                    out.push_str(&format!("function <{}:{}>", src, p.line_defined));
                }
            } else {
                out.push('?');
            }
            if ci.flags & CI_TAIL != 0 {
                out.push_str("\n\t(...tail calls...)");
            }
        }
        out
    }
}
