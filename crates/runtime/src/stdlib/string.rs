//! String library (lstrlib.c), the part the core needs now: the string metatable (`("x"):rep(3)`
//! and string arithmetic coercion), `len sub upper lower rep reverse byte char format`.
use crate::gc::GcRef;
use crate::meta::{arith_numbers, to_number, ArithError, ArithOp};
use crate::state::{LResult, State, Tm};
use crate::table::Table;
use crate::value::Value;

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    let t = st.new_lib(&[
        ("byte", byte),
        ("char", char),
        ("format", format),
        ("len", len),
        ("lower", lower),
        ("rep", rep),
        ("reverse", reverse),
        ("sub", sub),
        ("upper", upper),
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
            Err(ArithError::DivZero) => return Err(st.error_msg("attempt to divide by zero")),
            Err(ArithError::ModZero) => return Err(st.error_msg("attempt to perform 'n%0'")),
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

/// Translates a relative string position (`posrelat`): negative means from the end.
fn posrelat_start(pos: i64, len: usize) -> usize {
    if pos > 0 {
        pos as usize
    } else if pos == 0 || pos < -(len as i64) {
        1
    } else {
        (len as i64 + pos + 1) as usize
    }
}

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
    let i = posrelat_start(st.opt_int(2, 1)?, l);
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

fn rep(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let n = st.check_int(2)?;
    let sep = st.opt_str(3)?;
    if n <= 0 {
        let r = st.str_value(b"");
        return Ok(st.ret1(r));
    }
    let seplen = sep.map(|x| x.len()).unwrap_or(0);
    let total = (s.len() as u128 + seplen as u128) * n as u128;
    if total >= (i32::MAX as u128) * 4 || total as usize > st.memory_limit {
        return Err(st.error_msg("resulting string too large"));
    }
    let mut out = Vec::with_capacity(total as usize);
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
    let n = j - i + 1;
    st.ensure_stack(st.top + n + 5)?;
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
