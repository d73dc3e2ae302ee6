//! Operator protocols with metamethods (lvm.c / ltm.c): arithmetic, comparison, concatenation,
//! length, indexing, `tostring`. Every engine calls these for anything beyond its fast paths,
//! so the semantics live once.
use crate::gc::GcRef;
use crate::number::{self, Number};
use crate::state::{LResult, LuaError, State, Tm};
use crate::string::LuaStr;
use crate::table::Table;
use crate::value::Value;

/// Where an operand came from, for error messages ("(local 'x')", "(global 'y')").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Src {
    /// No information.
    None,
    /// Register of the running Lua frame.
    Reg(u32),
    /// Upvalue of the running Lua closure.
    Upval(u32),
}

/// Arithmetic and bitwise operators, in `Tm::Add..` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum ArithOp {
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
}

impl ArithOp {
    /// The metamethod event.
    pub fn tm(self) -> Tm {
        // SAFETY-free mapping: Tm::Add.. follow the same order.
        const TMS: [Tm; 14] = [
            Tm::Add,
            Tm::Sub,
            Tm::Mul,
            Tm::Mod,
            Tm::Pow,
            Tm::Div,
            Tm::IDiv,
            Tm::BAnd,
            Tm::BOr,
            Tm::BXor,
            Tm::Shl,
            Tm::Shr,
            Tm::Unm,
            Tm::BNot,
        ];
        TMS[self as usize]
    }
    /// From a metamethod event (Add..BNot).
    pub fn from_tm(tm: u32) -> Option<ArithOp> {
        const OPS: [ArithOp; 14] = [
            ArithOp::Add,
            ArithOp::Sub,
            ArithOp::Mul,
            ArithOp::Mod,
            ArithOp::Pow,
            ArithOp::Div,
            ArithOp::IDiv,
            ArithOp::BAnd,
            ArithOp::BOr,
            ArithOp::BXor,
            ArithOp::Shl,
            ArithOp::Shr,
            ArithOp::Unm,
            ArithOp::BNot,
        ];
        let base = Tm::Add as u32;
        if tm >= base && tm < base + 14 {
            Some(OPS[(tm - base) as usize])
        } else {
            None
        }
    }
    /// True for bitwise operators.
    pub fn is_bitwise(self) -> bool {
        matches!(
            self,
            ArithOp::BAnd
                | ArithOp::BOr
                | ArithOp::BXor
                | ArithOp::Shl
                | ArithOp::Shr
                | ArithOp::BNot
        )
    }
}

// -- primitive arithmetic --------------------------------------------------------------------

/// `luaV_shiftl`.
#[inline]
pub fn shift_left(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> (-y) as u32) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << y as u32) as i64
    }
}

/// Integer floor division (`luaV_idiv`); `None` on division by zero.
#[inline]
pub fn int_idiv(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    if b == -1 {
        return Some(a.wrapping_neg());
    }
    let q = a / b;
    if (a % b != 0) && ((a ^ b) < 0) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// Integer modulo (`luaV_mod`); `None` on division by zero.
#[inline]
pub fn int_mod(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    if b == -1 {
        return Some(0);
    }
    let m = a % b;
    if m != 0 && (m ^ b) < 0 {
        Some(m + b)
    } else {
        Some(m)
    }
}

/// Float floor division.
#[inline]
pub fn float_idiv(a: f64, b: f64) -> f64 {
    (a / b).floor()
}

/// Converts a value to a number, coercing strings (`tonumber` semantics without bases).
#[inline]
pub fn to_number(v: &Value) -> Option<Number> {
    match v {
        Value::Int(i) => Some(Number::Int(*i)),
        Value::Float(f) => Some(Number::Float(*f)),
        Value::Str(s) => number::str2number(s.as_bytes()),
        _ => None,
    }
}

/// Converts a value to a float (numbers and numeric strings).
#[inline]
pub fn to_float(v: &Value) -> Option<f64> {
    match to_number(v)? {
        Number::Int(i) => Some(i as f64),
        Number::Float(f) => Some(f),
    }
}

/// Converts a value to an integer without rounding (numbers with exact integer value and
/// numeric strings), as `luaV_tointegerns` with `F2Ieq`.
#[inline]
pub fn to_integer(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Float(f) => number::float_to_int_exact(*f),
        Value::Str(_) => match to_number(v)? {
            Number::Int(i) => Some(i),
            Number::Float(f) => number::float_to_int_exact(f),
        },
        _ => None,
    }
}

/// Error of a primitive arithmetic operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithError {
    /// Operands are not numbers (or not convertible): try metamethods.
    NotNumbers,
    /// Bitwise operation on a float without integer value.
    NoInteger,
    /// `n // 0` on integers.
    DivZero,
    /// `n % 0` on integers.
    ModZero,
}

/// Arithmetic on two numbers (no strings, no metamethods).
#[inline]
pub fn arith_numbers(op: ArithOp, a: Number, b: Number) -> Result<Value, ArithError> {
    use ArithOp::*;
    if op.is_bitwise() {
        let x = match a {
            Number::Int(i) => i,
            Number::Float(f) => number::float_to_int_exact(f).ok_or(ArithError::NoInteger)?,
        };
        let y = match b {
            Number::Int(i) => i,
            Number::Float(f) => number::float_to_int_exact(f).ok_or(ArithError::NoInteger)?,
        };
        return Ok(Value::Int(match op {
            BAnd => x & y,
            BOr => x | y,
            BXor => x ^ y,
            Shl => shift_left(x, y),
            Shr => shift_left(x, y.wrapping_neg()),
            BNot => !x,
            _ => unreachable!(),
        }));
    }
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => match op {
            Add => Ok(Value::Int(x.wrapping_add(y))),
            Sub => Ok(Value::Int(x.wrapping_sub(y))),
            Mul => Ok(Value::Int(x.wrapping_mul(y))),
            Mod => int_mod(x, y).map(Value::Int).ok_or(ArithError::ModZero),
            IDiv => int_idiv(x, y).map(Value::Int).ok_or(ArithError::DivZero),
            Unm => Ok(Value::Int(x.wrapping_neg())),
            Div => Ok(Value::Float(x as f64 / y as f64)),
            Pow => Ok(Value::Float(pow(x as f64, y as f64))),
            _ => unreachable!(),
        },
        _ => {
            let x = a.as_f64();
            let y = b.as_f64();
            Ok(Value::Float(match op {
                Add => x + y,
                Sub => x - y,
                Mul => x * y,
                Div => x / y,
                Mod => float_mod_lua(x, y),
                IDiv => float_idiv(x, y),
                Pow => pow(x, y),
                Unm => -x,
                _ => unreachable!(),
            }))
        }
    }
}

/// Arithmetic on two numbers without metamethods or errors (`None`: take the slow path).
#[inline(always)]
pub fn arith_fast(op: ArithOp, a: Value, b: Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(match op {
            ArithOp::Add => Value::Int(x.wrapping_add(y)),
            ArithOp::Sub => Value::Int(x.wrapping_sub(y)),
            ArithOp::Mul => Value::Int(x.wrapping_mul(y)),
            ArithOp::Mod => Value::Int(int_mod(x, y)?),
            ArithOp::IDiv => Value::Int(int_idiv(x, y)?),
            ArithOp::Div => Value::Float(x as f64 / y as f64),
            ArithOp::Pow => Value::Float(pow(x as f64, y as f64)),
            ArithOp::BAnd => Value::Int(x & y),
            ArithOp::BOr => Value::Int(x | y),
            ArithOp::BXor => Value::Int(x ^ y),
            ArithOp::Shl => Value::Int(shift_left(x, y)),
            ArithOp::Shr => Value::Int(shift_left(x, y.wrapping_neg())),
            _ => return None,
        }),
        (Value::Float(_) | Value::Int(_), Value::Float(_) | Value::Int(_)) => {
            if op.is_bitwise() {
                return None;
            }
            let x = match a {
                Value::Float(f) => f,
                Value::Int(i) => i as f64,
                _ => return None,
            };
            let y = match b {
                Value::Float(f) => f,
                Value::Int(i) => i as f64,
                _ => return None,
            };
            Some(Value::Float(match op {
                ArithOp::Add => x + y,
                ArithOp::Sub => x - y,
                ArithOp::Mul => x * y,
                ArithOp::Div => x / y,
                ArithOp::Mod => float_mod_lua(x, y),
                ArithOp::IDiv => float_idiv(x, y),
                ArithOp::Pow => pow(x, y),
                _ => return None,
            }))
        }
        _ => None,
    }
}

/// `luai_nummod` exactly (fmod, then adjust toward the divisor's sign).
#[inline]
pub fn float_mod_lua(a: f64, b: f64) -> f64 {
    let m = fmod(a, b);
    if (m > 0.0 && b < 0.0) || (m < 0.0 && b > 0.0) {
        m + b
    } else {
        m
    }
}

/// C's `fmod`. Integral operands below 2^53 (the common case: `x % 2` on a float that holds an
/// integer) take the exact integer remainder; the rest Rust's `%` (the software `fmod` that
/// also answers the C symbol in our executables, so calling libm is no faster).
#[inline]
fn fmod(a: f64, b: f64) -> f64 {
    const EXACT: f64 = 9007199254740992.0; // 2^53
    let (x, y) = (a as i64, b as i64);
    if x as f64 == a && y as f64 == b && y != 0 && a.abs() < EXACT && b.abs() < EXACT {
        // the remainder has the dividend's sign, zero included
        return ((x % y) as f64).copysign(a);
    }
    a % b
}

/// `luai_numpow`.
#[inline]
pub fn pow(a: f64, b: f64) -> f64 {
    if b == 2.0 {
        a * a
    } else {
        a.powf(b)
    }
}

impl Number {
    /// As a float.
    #[inline]
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

/// `a < b` on numbers with exact mixed int/float semantics (`LTnum`).
#[inline]
pub fn num_lt(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x < y,
        (Number::Int(x), Number::Float(y)) => number::int_float_lt(x, y),
        (Number::Float(x), Number::Int(y)) => number::float_int_lt(x, y),
        (Number::Float(x), Number::Float(y)) => x < y,
    }
}

/// `a <= b` on numbers (`LEnum`).
#[inline]
pub fn num_le(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x <= y,
        (Number::Int(x), Number::Float(y)) => number::int_float_le(x, y),
        (Number::Float(x), Number::Int(y)) => number::float_int_le(x, y),
        (Number::Float(x), Number::Float(y)) => x <= y,
    }
}

#[inline]
fn value_number(v: &Value) -> Option<Number> {
    match v {
        Value::Int(i) => Some(Number::Int(*i)),
        Value::Float(f) => Some(Number::Float(*f)),
        _ => None,
    }
}

impl State {
    /// "bad 'for' WHAT (number expected, got TYPE)" (`luaG_forerror`).
    pub fn for_error(&mut self, v: &Value, what: &str) -> LuaError {
        let t = self.obj_type_name(v);
        self.rt_error(format!("bad 'for' {what} (number expected, got {t})"))
    }

    // -- arithmetic ------------------------------------------------------------------------

    /// Full arithmetic: numbers, string coercion for bitwise ops (arith coercion of strings is
    /// done by the string metatable's metamethods, as in Lua 5.4), then metamethods.
    pub fn arith(&mut self, op: ArithOp, a: Value, b: Value, sa: Src, sb: Src) -> LResult<Value> {
        let na = value_number(&a);
        let nb = value_number(&b);
        if let (Some(x), Some(y)) = (na, nb) {
            match arith_numbers(op, x, y) {
                Ok(v) => return Ok(v),
                Err(ArithError::DivZero) => return Err(self.rt_error("attempt to divide by zero")),
                Err(ArithError::ModZero) => return Err(self.rt_error("attempt to perform 'n%0'")),
                Err(ArithError::NoInteger) => {
                    // a metamethod may still handle it
                    let r = self.try_bin_tm(a, b, op.tm())?;
                    if let Some(v) = r {
                        return Ok(v);
                    }
                    return Err(self.arith_error(op, a, b, sa, sb));
                }
                Err(ArithError::NotNumbers) => {}
            }
        }
        if let Some(v) = self.try_bin_tm(a, b, op.tm())? {
            return Ok(v);
        }
        Err(self.arith_error(op, a, b, sa, sb))
    }

    /// The error for a failed arithmetic/bitwise operation (`luaT_trybinTM`'s tail).
    pub fn arith_error(&mut self, op: ArithOp, a: Value, b: Value, sa: Src, sb: Src) -> LuaError {
        let is_num = |v: &Value| matches!(v, Value::Int(_) | Value::Float(_));
        if op.is_bitwise() && is_num(&a) && is_num(&b) {
            // luaG_tointerror: blame the first operand unless it has an integer value
            let s = if to_integer(&a).is_none() { sa } else { sb };
            let info = self.varinfo(s);
            return self.rt_error(format!("number{info} has no integer representation"));
        }
        // luaG_opinterror: blame the first operand if it is not a number, else the second
        let (v, s) = if !is_num(&a) { (a, sa) } else { (b, sb) };
        if op.is_bitwise() {
            return self.type_error(&v, "perform bitwise operation on", s);
        }
        self.type_error(&v, "perform arithmetic on", s)
    }

    /// Tries `__event` of `a`, then of `b`; `Ok(None)` if neither has it.
    pub fn try_bin_tm(&mut self, a: Value, b: Value, ev: Tm) -> LResult<Option<Value>> {
        let mut tm = self.metamethod(&a, ev);
        if tm.is_nil() {
            tm = self.metamethod(&b, ev);
        }
        if tm.is_nil() {
            return Ok(None);
        }
        Ok(Some(self.call1(tm, &[a, b])?))
    }

    /// Unary minus / bitwise not with metamethods.
    pub fn unary(&mut self, op: ArithOp, a: Value, sa: Src) -> LResult<Value> {
        self.arith(op, a, a, sa, sa)
    }

    // -- comparison ------------------------------------------------------------------------

    /// `a == b` with `__eq`.
    pub fn equals(&mut self, a: Value, b: Value) -> LResult<bool> {
        match (a, b) {
            (Value::Table(x), Value::Table(y)) if x != y => {}
            (Value::UserData(x), Value::UserData(y)) if x != y => {}
            _ => return Ok(a.raw_eq(&b)),
        }
        let mut tm = self.metamethod(&a, Tm::Eq);
        if tm.is_nil() {
            tm = self.metamethod(&b, Tm::Eq);
        }
        if tm.is_nil() {
            return Ok(false);
        }
        Ok(self.call1(tm, &[a, b])?.truthy())
    }

    /// `a < b`.
    pub fn less_than(&mut self, a: Value, b: Value) -> LResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                Ok(num_lt(value_number(&a).unwrap(), value_number(&b).unwrap()))
            }
            (Value::Str(x), Value::Str(y)) => Ok(x.as_bytes() < y.as_bytes()),
            _ => self.compare_tm(a, b, Tm::Lt),
        }
    }

    /// `a <= b`.
    pub fn less_equal(&mut self, a: Value, b: Value) -> LResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x <= y),
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                Ok(num_le(value_number(&a).unwrap(), value_number(&b).unwrap()))
            }
            (Value::Str(x), Value::Str(y)) => Ok(x.as_bytes() <= y.as_bytes()),
            _ => self.compare_tm(a, b, Tm::Le),
        }
    }

    fn compare_tm(&mut self, a: Value, b: Value, ev: Tm) -> LResult<bool> {
        match self.try_bin_tm(a, b, ev)? {
            Some(v) => Ok(v.truthy()),
            None => {
                if ev == Tm::Le {
                    // LUA_COMPAT_LT_LE (on in Debian's lua5.4): a <= b as not (b < a)
                    if let Some(v) = self.try_bin_tm(b, a, Tm::Lt)? {
                        return Ok(!v.truthy());
                    }
                }
                Err(self.compare_error(&a, &b))
            }
        }
    }

    /// "attempt to compare ..." (`luaG_ordererror`).
    pub fn compare_error(&mut self, a: &Value, b: &Value) -> LuaError {
        let t1 = self.obj_type_name(a);
        let t2 = self.obj_type_name(b);
        if t1 == t2 {
            self.rt_error(format!("attempt to compare two {t1} values"))
        } else {
            self.rt_error(format!("attempt to compare {t1} with {t2}"))
        }
    }

    // -- errors with variable info ---------------------------------------------------------

    /// "attempt to OP a TYPE value (VARINFO)" (`luaG_typeerror`).
    pub fn type_error(&mut self, v: &Value, op: &str, src: Src) -> LuaError {
        let t = self.obj_type_name(v);
        let info = self.varinfo(src);
        self.rt_error(format!("attempt to {op} a {t} value{info}"))
    }

    /// The error for calling a non-callable value in slot `func`.
    pub fn call_error(&mut self, func: usize) -> LuaError {
        let v = self.stack[func];
        let t = self.obj_type_name(&v);
        let info = match self.funcname_from_call() {
            Some((kind, name)) => format!(" ({kind} '{name}')"),
            None => {
                let ci = *self.ci();
                if ci.is_lua() && func >= ci.base {
                    self.varinfo(Src::Reg((func - ci.base) as u32))
                } else {
                    String::new()
                }
            }
        };
        self.rt_error(format!("attempt to call a {t} value{info}"))
    }

    // -- concatenation -----------------------------------------------------------------------

    /// Concatenates `stack[first..first+n]` (n >= 2) into `stack[first]`, honouring
    /// `__concat` (`luaV_concat`). Uses slots above as scratch; `top` must be `first + n`.
    pub fn concat(&mut self, first: usize, n: usize) -> LResult<()> {
        let mut total = n;
        let mut buf: Vec<u8> = Vec::new();
        while total > 1 {
            let top = first + total;
            let a = self.stack[top - 2];
            let b = self.stack[top - 1];
            let a_ok = matches!(a, Value::Str(_) | Value::Int(_) | Value::Float(_));
            let b_ok = matches!(b, Value::Str(_) | Value::Int(_) | Value::Float(_));
            if !(a_ok && b_ok) {
                // metamethod on the top two
                let mut tm = self.metamethod(&a, Tm::Concat);
                if tm.is_nil() {
                    tm = self.metamethod(&b, Tm::Concat);
                }
                if tm.is_nil() {
                    let bad = if a_ok { b } else { a };
                    let ci = *self.ci();
                    let src = if ci.is_lua() && top - 2 >= ci.base {
                        let reg = if a_ok { top - 1 } else { top - 2 } - ci.base;
                        Src::Reg(reg as u32)
                    } else {
                        Src::None
                    };
                    return Err(self.type_error(&bad, "concatenate", src));
                }
                self.top = top;
                let r = self.call1(tm, &[a, b])?;
                self.stack[top - 2] = r;
                total -= 1;
                continue;
            }
            // collect as many string/number values as possible
            let mut k = 2;
            while k < total
                && matches!(
                    self.stack[top - k - 1],
                    Value::Str(_) | Value::Int(_) | Value::Float(_)
                )
            {
                k += 1;
            }
            buf.clear();
            let mut total_len = 0usize;
            for i in (top - k)..top {
                if let Value::Str(s) = self.stack[i] {
                    total_len += s.len();
                }
            }
            if total_len >= self.memory_limit.saturating_sub(self.gc_bytes()) {
                let v = self.str_value(b"not enough memory");
                return Err(LuaError::new(v));
            }
            for i in (top - k)..top {
                match self.stack[i] {
                    Value::Str(s) => buf.extend_from_slice(s.as_bytes()),
                    Value::Int(x) => number::write_int(&mut buf, x),
                    Value::Float(f) => number::write_float(&mut buf, f),
                    _ => unreachable!(),
                }
            }
            let s = self.intern(&buf);
            self.stack[top - k] = Value::Str(s);
            total -= k - 1;
        }
        Ok(())
    }

    // -- length ----------------------------------------------------------------------------

    /// `#v` with `__len`.
    pub fn len_of(&mut self, v: Value, src: Src) -> LResult<Value> {
        match v {
            Value::Str(s) => Ok(Value::Int(s.len() as i64)),
            Value::Table(t) => {
                if let Some(mt) = t.meta.get() {
                    let tm = self.tm_of(mt, Tm::Len);
                    if !tm.is_nil() {
                        return self.call1(tm, &[v, v]);
                    }
                }
                Ok(Value::Int(t.len()))
            }
            _ => {
                let tm = self.metamethod(&v, Tm::Len);
                if tm.is_nil() {
                    return Err(self.type_error(&v, "get length of", src));
                }
                self.call1(tm, &[v, v])
            }
        }
    }

    // -- indexing --------------------------------------------------------------------------

    /// Longest `__index` / `__newindex` chain (`MAXTAGLOOP`).
    const MAXTAGLOOP: u32 = 2000;

    /// `obj[key]` with `__index` (`luaV_finishget`).
    pub fn index(&mut self, obj: Value, key: Value, src: Src) -> LResult<Value> {
        self.index_from(obj, key, src, None)
    }

    /// [`State::index`] of a table whose raw get of `key` just gave nil; `lap` tables of the
    /// `__index` chain came before it (0: it is the indexed object; the chain's length limit
    /// counts them).
    pub fn index_after_miss(
        &mut self,
        t: GcRef<Table>,
        key: Value,
        src: Src,
        lap: u32,
    ) -> LResult<Value> {
        self.index_from(Value::Table(t), key, src, Some(lap))
    }

    /// `missed`: the raw get of `obj`, the `lap`-th table of the chain, gave nil already.
    fn index_from(
        &mut self,
        obj: Value,
        key: Value,
        src: Src,
        missed: Option<u32>,
    ) -> LResult<Value> {
        let mut t = obj;
        let first = missed.unwrap_or(0);
        // as `luaV_finishget`: MAXTAGLOOP steps from a table to its `__index`, each followed by
        // a raw get of the table reached
        for lap in first..=Self::MAXTAGLOOP {
            let tm = match t {
                Value::Table(tab) => {
                    if !(missed.is_some() && lap == first) {
                        let v = tab.get(key);
                        if !v.is_nil() {
                            return Ok(v);
                        }
                    }
                    if lap == Self::MAXTAGLOOP {
                        break;
                    }
                    match tab.meta.get() {
                        None => return Ok(Value::Nil),
                        Some(mt) => {
                            let tm = self.tm_of(mt, Tm::Index);
                            if tm.is_nil() {
                                return Ok(Value::Nil);
                            }
                            tm
                        }
                    }
                }
                _ if lap == Self::MAXTAGLOOP => break,
                _ => {
                    let tm = self.metamethod(&t, Tm::Index);
                    if tm.is_nil() {
                        let s = if lap == 0 { src } else { Src::None };
                        return Err(self.index_error(&t, &key, s));
                    }
                    tm
                }
            };
            if tm.is_function() {
                return self.call1(tm, &[t, key]);
            }
            t = tm;
        }
        Err(self.rt_error("'__index' chain too long; possible loop"))
    }

    fn index_error(&mut self, t: &Value, _key: &Value, src: Src) -> LuaError {
        self.type_error(t, "index", src)
    }

    /// `obj[key] = val` with `__newindex` (`luaV_finishset`).
    pub fn set_index(&mut self, obj: Value, key: Value, val: Value, src: Src) -> LResult<()> {
        let mut t = obj;
        // as `luaV_finishset`: after MAXTAGLOOP steps, only an existing field of the table
        // reached is assigned
        for lap in 0..=Self::MAXTAGLOOP {
            if lap == Self::MAXTAGLOOP {
                if let Value::Table(tab) = t {
                    if !tab.get(key).is_nil() {
                        return tab.set(key, val).map_err(|e| self.rt_error(e.message()));
                    }
                }
                break;
            }
            let tm = match t {
                Value::Table(tab) => {
                    let tm = match tab.meta.get() {
                        None => Value::Nil,
                        Some(mt) => {
                            if !tab.get(key).is_nil() {
                                Value::Nil
                            } else {
                                self.tm_of(mt, Tm::NewIndex)
                            }
                        }
                    };
                    if tm.is_nil() {
                        return match tab.set(key, val) {
                            Ok(()) => Ok(()),
                            Err(e) => Err(self.rt_error(e.message())),
                        };
                    }
                    tm
                }
                _ => {
                    let tm = self.metamethod(&t, Tm::NewIndex);
                    if tm.is_nil() {
                        let s = if lap == 0 { src } else { Src::None };
                        return Err(self.index_error(&t, &key, s));
                    }
                    tm
                }
            };
            if tm.is_function() {
                self.call_value(tm, &[t, key, val], 0)?;
                return Ok(());
            }
            t = tm;
        }
        Err(self.rt_error("'__newindex' chain too long; possible loop"))
    }

    // -- tostring --------------------------------------------------------------------------

    /// `tostring(v)` with `__tostring` and `__name` (`luaL_tolstring`).
    pub fn tostring(&mut self, v: Value) -> LResult<GcRef<LuaStr>> {
        if let Some(mt) = self.metatable(&v) {
            let tm = mt.get_str(self.names.tostring);
            if !tm.is_nil() {
                // luaL_tolstring calls __tostring with lua_call: not yieldable
                self.nny += 1;
                let r = self.call1(tm, &[v]);
                self.nny -= 1;
                let r = r?;
                return match r {
                    Value::Str(s) => Ok(s),
                    Value::Int(_) | Value::Float(_) => {
                        let mut buf = Vec::new();
                        self.tostring_basic(&r, &mut buf);
                        Ok(self.intern(&buf))
                    }
                    _ => Err(self.error_msg("'__tostring' must return a string")),
                };
            }
        }
        Ok(match v {
            Value::Str(s) => s,
            other => {
                let mut buf = Vec::new();
                self.tostring_basic(&other, &mut buf);
                self.intern(&buf)
            }
        })
    }

    /// Appends the metamethod-free text of `v` (numbers, booleans, `type: 0xADDR`).
    pub fn tostring_basic(&self, v: &Value, buf: &mut Vec<u8>) {
        match v {
            Value::Nil => buf.extend_from_slice(b"nil"),
            Value::Bool(b) => buf.extend_from_slice(if *b { b"true" } else { b"false" }),
            Value::Int(i) => number::write_int(buf, *i),
            Value::Float(f) => number::write_float(buf, *f),
            Value::Str(s) => buf.extend_from_slice(s.as_bytes()),
            other => {
                let name = self.obj_type_name(other);
                buf.extend_from_slice(name.as_bytes());
                buf.extend_from_slice(format!(": 0x{:x}", other.addr()).as_bytes());
            }
        }
    }
}
