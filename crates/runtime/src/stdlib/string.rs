//! String library (lstrlib.c of Lua 5.4.4): the string metatable (`("x"):rep(3)` and string
//! arithmetic coercion) and `byte char dump find format gmatch gsub len lower match pack packsize
//! rep reverse sub unpack upper`. Pattern matching binds [`crate::pattern`], binary packing
//! [`crate::pack`].
use crate::gc::GcRef;
use crate::meta::{arith_numbers, to_number, ArithError, ArithOp};
use crate::pack::{self, PackArgs, PackError, PackValue};
use crate::pattern::{self, Capture, Captures, Gmatch, PatternError};
use crate::state::{LResult, LuaError, State, Tm};
use crate::table::Table;
use crate::value::{UserData, Value};

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    let t = st.new_lib(&[
        ("byte", byte),
        ("char", char),
        ("dump", dump),
        ("find", find),
        ("format", format),
        ("gmatch", gmatch),
        ("gsub", gsub),
        ("len", len),
        ("lower", lower),
        ("match", str_match),
        ("rep", rep),
        ("reverse", reverse),
        ("sub", sub),
        ("upper", upper),
        ("pack", str_pack),
        ("packsize", packsize),
        ("unpack", str_unpack),
    ]);
    // metatable for strings: __index = string, arithmetic metamethods
    let mt = st.new_table();
    let k = st.tm_names[Tm::Index as usize];
    mt.set_str(k, Value::Table(t));
    for (ev, f) in [
        (Tm::Add, arith_add as crate::func::NativeFn),
        (Tm::Sub, arith_sub),
        (Tm::Mul, arith_mul),
        (Tm::Mod, arith_mod),
        (Tm::Pow, arith_pow),
        (Tm::Div, arith_div),
        (Tm::IDiv, arith_idiv),
        (Tm::Unm, arith_unm),
    ] {
        let name = crate::state::TM_NAMES[ev as usize];
        let fv = st.native(name, f);
        let k = st.tm_names[ev as usize];
        mt.set_str(k, fv);
    }
    st.type_meta[4] = Some(mt);
    t
}

fn string_arith(st: &mut State, op: ArithOp) -> LResult<usize> {
    let a = st.arg(1);
    let b = st.arg(2);
    if let (Some(x), Some(y)) = (to_number(&a), to_number(&b)) {
        match arith_numbers(op, x, y) {
            Ok(v) => return Ok(st.ret1(v)),
            // raised inside lua_arith from a C function: no position
            Err(ArithError::DivZero) => return Err(st.rt_error("attempt to divide by zero")),
            Err(ArithError::ModZero) => return Err(st.rt_error("attempt to perform 'n%0'")),
            Err(_) => {}
        }
    }
    // trymt
    let ev = op.tm();
    let evname = &crate::state::TM_NAMES[ev as usize][2..];
    if matches!(b, Value::Str(_)) || st.metamethod(&b, ev).is_nil() {
        let t1 = a.type_name();
        let t2 = b.type_name();
        return Err(st.error_msg(format!("attempt to {evname} a '{t1}' with a '{t2}'")));
    }
    let tm = st.metamethod(&b, ev);
    let r = st.call1(tm, &[a, b])?;
    Ok(st.ret1(r))
}

macro_rules! arith_fns {
    ($($name:ident => $op:ident),*) => {
        $(fn $name(st: &mut State) -> LResult<usize> { string_arith(st, ArithOp::$op) })*
    };
}
arith_fns!(arith_add => Add, arith_sub => Sub, arith_mul => Mul, arith_mod => Mod,
    arith_pow => Pow, arith_div => Div, arith_idiv => IDiv, arith_unm => Unm);

/// Translates a relative initial position (`posrelatI`): negative means from the end; the
/// result is at least 1 (and may exceed `len`).
fn posrelat_start(pos: i64, len: usize) -> usize {
    if pos > 0 {
        pos as usize
    } else if pos == 0 || pos < -(len as i64) {
        1
    } else {
        (len as i64 + pos + 1) as usize
    }
}

/// Translates a relative end position (`getendpos`): clipped to `[0, len]`.
fn getendpos(pos: i64, len: usize) -> usize {
    if pos > len as i64 {
        len
    } else if pos >= 0 {
        pos as usize
    } else if pos < -(len as i64) {
        0
    } else {
        (len as i64 + pos + 1) as usize
    }
}

fn len(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    Ok(st.ret1(Value::Int(s.len() as i64)))
}

fn sub(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let l = s.len();
    let i = posrelat_start(st.check_int(2)?, l);
    let j = getendpos(st.opt_int(3, -1)?, l);
    let r = if i > j {
        st.str_value(b"")
    } else {
        st.str_value(&s.as_bytes()[i - 1..j])
    };
    Ok(st.ret1(r))
}

fn upper(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let v = s.as_bytes().to_ascii_uppercase();
    let r = st.str_value_owned(v);
    Ok(st.ret1(r))
}

fn lower(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let v = s.as_bytes().to_ascii_lowercase();
    let r = st.str_value_owned(v);
    Ok(st.ret1(r))
}

fn reverse(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let mut v = s.as_bytes().to_vec();
    v.reverse();
    let r = st.str_value_owned(v);
    Ok(st.ret1(r))
}

/// `MAXSIZE` of lstrlib.c: the largest string the library builds (`INT_MAX` on LP64).
const MAXSIZE: u64 = i32::MAX as u64;

fn rep(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let n = st.check_int(2)?;
    let sep = st.opt_str(3)?;
    let l = s.len() as u64;
    let lsep = sep.map_or(0, |x| x.len() as u64);
    if n <= 0 || l + lsep == 0 {
        let r = st.str_value(b"");
        return Ok(st.ret1(r));
    }
    if l + lsep > MAXSIZE / n as u64 {
        return Err(st.error_msg("resulting string too large"));
    }
    let total = (l * n as u64 + lsep * (n as u64 - 1)) as usize;
    if total >= st.memory_limit.saturating_sub(st.gc_bytes()) {
        let v = st.str_value(b"not enough memory");
        return Err(LuaError::new(v));
    }
    let mut out = Vec::with_capacity(total);
    for i in 0..n {
        out.extend_from_slice(s.as_bytes());
        if let Some(sep) = sep {
            if i + 1 < n {
                out.extend_from_slice(sep.as_bytes());
            }
        }
    }
    let r = st.str_value_owned(out);
    Ok(st.ret1(r))
}

fn byte(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let l = s.len();
    let pi = st.opt_int(2, 1)?;
    let i = posrelat_start(pi, l);
    let j = getendpos(st.opt_int(3, pi)?, l);
    if i > j {
        return Ok(0);
    }
    if j - i >= i32::MAX as usize {
        return Err(st.error_msg("string slice too long"));
    }
    let n = j - i + 1;
    if st.ensure_stack(st.top + n + 5).is_err() {
        return Err(st.error_msg("stack overflow (string slice too long)"));
    }
    for k in i..=j {
        st.push(Value::Int(s.as_bytes()[k - 1] as i64));
    }
    Ok(n)
}

fn char(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    let mut out = Vec::with_capacity(n);
    for i in 1..=n {
        let c = st.check_int(i)?;
        if !(0..=255).contains(&c) {
            return Err(st.arg_error(i, "value out of range"));
        }
        out.push(c as u8);
    }
    let r = st.str_value_owned(out);
    Ok(st.ret1(r))
}

fn format(st: &mut State) -> LResult<usize> {
    super::strformat::format(st)
}

/// `string.dump(f [, strip])`: the binary chunk of a Lua function (PUC Lua 5.4's format, see
/// `lunar_bytecode::dump`); native functions cannot be dumped. Functions of the tree-walker
/// dump the bytecode compiled from their source (`FnProto::to_proto`).
fn dump(st: &mut State) -> LResult<usize> {
    let strip = st.arg(2).truthy();
    let proto = match st.arg(1) {
        Value::LuaFn(cl) => cl.proto.to_proto(),
        v if v.is_function() => None,
        _ => return Err(st.type_arg_error(1, "function")),
    };
    let Some(proto) = proto else {
        return Err(st.error_msg("unable to dump given function"));
    };
    let bytes = lunar_bytecode::dump(&proto, strip);
    let v = st.str_value_owned(bytes);
    Ok(st.ret1(v))
}

// -- errors -------------------------------------------------------------------------------

/// A `luaL_error` whose message is a byte string.
fn error_bytes(st: &mut State, msg: &[u8]) -> LuaError {
    let mut v = st.where_(1).into_bytes();
    v.extend_from_slice(msg);
    let s = st.str_value_owned(v);
    LuaError::new(s)
}

/// Raises a pattern-engine error as `luaL_error` does.
fn pattern_error(st: &mut State, e: PatternError) -> LuaError {
    st.error_msg(e.0)
}

// -- find / match / gmatch / gsub ---------------------------------------------------------

/// Pushes one capture of `subject` (a string or a position).
fn push_capture(st: &mut State, subject: &[u8], c: Capture) {
    let v = match c {
        Capture::Str { start, end } => st.str_value(&subject[start..end]),
        Capture::Position(p) => Value::Int(p as i64),
    };
    st.push(v);
}

/// Makes room for `n` results (`luaL_checkstack(L, n, "too many captures")`).
fn check_results(st: &mut State, n: usize) -> LResult<()> {
    if st.ensure_stack(st.top + n + 5).is_err() {
        return Err(st.error_msg("stack overflow (too many captures)"));
    }
    Ok(())
}

/// `str_find_aux`: `string.find` (`find` true) and `string.match`.
fn find_aux(st: &mut State, find: bool) -> LResult<usize> {
    let s = st.check_str(1)?;
    let p = st.check_str(2)?;
    let ls = s.len();
    let init = pattern::start_offset(st.opt_int(3, 1)?, ls);
    if init > ls {
        return Ok(st.ret1(Value::Nil));
    }
    let (subject, pat) = (s.as_bytes(), p.as_bytes());
    let res = if find {
        let plain = st.arg(4).truthy();
        pattern::str_find(subject, pat, init, plain)
    } else {
        pattern::find(subject, pat, init)
    };
    let m = match res {
        Ok(Some(m)) => m,
        Ok(None) => return Ok(st.ret1(Value::Nil)),
        Err(e) => return Err(pattern_error(st, e)),
    };
    if find {
        check_results(st, m.captures.len() + 2)?;
        st.push(Value::Int(m.start as i64 + 1));
        st.push(Value::Int(m.end as i64));
        for &c in &m.captures {
            push_capture(st, subject, c);
        }
        Ok(m.captures.len() + 2)
    } else {
        let mut n = 0;
        check_results(st, m.captures.len().max(1))?;
        for c in m.values() {
            push_capture(st, subject, c);
            n += 1;
        }
        Ok(n)
    }
}

fn find(st: &mut State) -> LResult<usize> {
    find_aux(st, true)
}

fn str_match(st: &mut State) -> LResult<usize> {
    find_aux(st, false)
}

/// `string.gmatch(s, pattern [, init])`: the iterator keeps the subject, the pattern and its
/// [`Gmatch`] state as upvalues.
fn gmatch(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let p = st.check_str(2)?;
    let ls = s.len();
    let init = pattern::start_offset(st.opt_int(3, 1)?, ls);
    let state = Gmatch::new(ls, init);
    let ud = Value::UserData(st.heap.alloc(UserData {
        meta: std::cell::Cell::new(None),
        user_value: std::cell::Cell::new(Value::Nil),
        data: std::cell::RefCell::new(Box::new(state)),
    }));
    let f = st.native_closure("gmatch", gmatch_aux, vec![Value::Str(s), Value::Str(p), ud]);
    Ok(st.ret1(f))
}

fn gmatch_aux(st: &mut State) -> LResult<usize> {
    let (s, p, ud) = match st.stack[st.ci().func] {
        Value::NativeFn(nc) => match (
            nc.upvals.first().map(|c| c.get()),
            nc.upvals.get(1).map(|c| c.get()),
            nc.upvals.get(2).map(|c| c.get()),
        ) {
            (Some(Value::Str(s)), Some(Value::Str(p)), Some(Value::UserData(u))) => (s, p, u),
            _ => return Ok(0),
        },
        _ => return Ok(0),
    };
    let subject = s.as_bytes();
    let res = {
        let mut data = ud.data.borrow_mut();
        match data.downcast_mut::<Gmatch>() {
            Some(g) => g.next(subject, p.as_bytes()),
            None => Ok(None),
        }
    };
    match res {
        Ok(Some(m)) => {
            check_results(st, m.captures.len().max(1))?;
            let mut n = 0;
            for c in m.values() {
                push_capture(st, subject, c);
                n += 1;
            }
            Ok(n)
        }
        Ok(None) => Ok(0),
        Err(e) => Err(pattern_error(st, e)),
    }
}

/// Errors of the gsub loop: pattern errors, or Lua errors raised by the replacement.
enum GsubError {
    Pattern(PatternError),
    Lua(LuaError),
}

impl From<PatternError> for GsubError {
    fn from(e: PatternError) -> Self {
        GsubError::Pattern(e)
    }
}

/// `string.gsub(s, pattern, repl [, n])`.
fn gsub(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let p = st.check_str(2)?;
    let repl = st.arg(3);
    let max_s = if st.arg(4).is_nil() {
        None
    } else {
        Some(st.check_int(4)?)
    };
    let repl_str = match repl {
        Value::Str(_) | Value::Int(_) | Value::Float(_) => Some(st.check_str(3)?),
        Value::Table(_) | Value::LuaFn(_) | Value::NativeFn(_) => None,
        _ => return Err(st.type_arg_error(3, "string/function/table")),
    };
    let subject = s.as_bytes();
    let res = pattern::gsub(subject, p.as_bytes(), max_s, |caps, out| {
        if let Some(r) = repl_str {
            pattern::expand_replacement(r.as_bytes(), caps, out)?;
            return Ok(true);
        }
        add_value(st, repl, caps, out).map_err(GsubError::Lua)
    });
    match res {
        Ok(r) => {
            let v = match r.output {
                Some(out) => st.str_value_owned(out),
                None => st.arg(1),
            };
            st.push(v);
            st.push(Value::Int(r.count));
            Ok(2)
        }
        Err(GsubError::Pattern(e)) => Err(pattern_error(st, e)),
        Err(GsubError::Lua(e)) => Err(e),
    }
}

/// `add_value` for a table or function replacement: appends the replacement (or the match
/// itself when the value is false/nil) and says whether something changed.
fn add_value(st: &mut State, repl: Value, caps: &Captures<'_>, out: &mut Vec<u8>) -> LResult<bool> {
    let subject = caps.subject();
    let cap_value = |st: &mut State, c: Capture| match c {
        Capture::Str { start, end } => st.str_value(&subject[start..end]),
        Capture::Position(p) => Value::Int(p as i64),
    };
    let v = if let Value::Table(_) = repl {
        let c = caps.get(0).map_err(|e| pattern_error(st, e))?;
        let key = cap_value(st, c);
        st.index(repl, key, crate::meta::Src::None)?
    } else {
        let list = caps.to_vec().map_err(|e| pattern_error(st, e))?;
        let mut args = Vec::with_capacity(list.len());
        for c in list {
            args.push(cap_value(st, c));
        }
        st.call1(repl, &args)?
    };
    match v {
        Value::Nil | Value::Bool(false) => {
            out.extend_from_slice(caps.matched());
            Ok(false)
        }
        Value::Str(r) => {
            out.extend_from_slice(r.as_bytes());
            Ok(true)
        }
        Value::Int(_) | Value::Float(_) => {
            st.tostring_basic(&v, out);
            Ok(true)
        }
        _ => Err(st.error_msg(format!("invalid replacement value (a {})", v.type_name()))),
    }
}

// -- pack / packsize / unpack -------------------------------------------------------------

/// Raises a pack-engine error (`luaL_argerror` or `luaL_error`).
fn pack_error(st: &mut State, e: PackError) -> LuaError {
    match e {
        PackError::Arg { arg, msg } => st.arg_error(arg, msg),
        PackError::Msg(m) => error_bytes(st, &m),
    }
}

/// [`PackArgs`] over the arguments of the running native function.
struct PackIn<'a>(&'a mut State);

impl PackArgs for PackIn<'_> {
    type Error = LuaError;

    fn int(&mut self, arg: usize) -> LResult<i64> {
        self.0.check_int(arg)
    }

    fn float(&mut self, arg: usize) -> LResult<f64> {
        self.0.check_float(arg)
    }

    fn string(&mut self, arg: usize, out: &mut Vec<u8>) -> LResult<()> {
        let s = self.0.check_str(arg)?;
        out.extend_from_slice(s.as_bytes());
        Ok(())
    }

    fn error(&mut self, err: PackError) -> LuaError {
        pack_error(self.0, err)
    }
}

fn str_pack(st: &mut State) -> LResult<usize> {
    let fmt = st.check_str(1)?;
    // like lstrlib.c, a nil after the arguments: a missing value is reported as "got nil"
    st.push(Value::Nil);
    let out = pack::pack(fmt.as_bytes(), &mut PackIn(st))?;
    let r = st.str_value_owned(out);
    Ok(st.ret1(r))
}

fn packsize(st: &mut State) -> LResult<usize> {
    let fmt = st.check_str(1)?;
    match pack::packsize(fmt.as_bytes()) {
        Ok(n) => Ok(st.ret1(Value::Int(n))),
        Err(e) => Err(pack_error(st, e)),
    }
}

fn str_unpack(st: &mut State) -> LResult<usize> {
    let fmt = st.check_str(1)?;
    let data = st.check_str(2)?;
    let init = st.opt_int(3, 1)?;
    let (values, pos) = match pack::unpack(fmt.as_bytes(), data.as_bytes(), init) {
        Ok(r) => r,
        Err(e) => return Err(pack_error(st, e)),
    };
    if st.ensure_stack(st.top + values.len() + 6).is_err() {
        return Err(st.error_msg("stack overflow (too many results)"));
    }
    let n = values.len() + 1;
    for v in values {
        let v = match v {
            PackValue::Int(i) => Value::Int(i),
            PackValue::Float(f) => Value::Float(f),
            PackValue::Str(b) => st.str_value(b),
        };
        st.push(v);
    }
    st.push(Value::Int(pos));
    Ok(n)
}
