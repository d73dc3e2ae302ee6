//! `math` library (lmathlib.c): the core subset for now.
use crate::gc::GcRef;
use crate::meta::to_number;
use crate::number::{self, Number};
use crate::state::{LResult, State};
use crate::table::Table;
use crate::value::Value;

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    let t = st.new_lib(&[
        ("abs", abs),
        ("ceil", ceil),
        ("floor", floor),
        ("fmod", fmod),
        ("max", max),
        ("min", min),
        ("sqrt", sqrt),
        ("tointeger", tointeger),
        ("type", math_type),
    ]);
    for (name, v) in [
        ("maxinteger", Value::Int(i64::MAX)),
        ("mininteger", Value::Int(i64::MIN)),
        ("huge", Value::Float(f64::INFINITY)),
        ("pi", Value::Float(std::f64::consts::PI)),
    ] {
        let k = st.intern(name.as_bytes());
        t.set_str(k, v);
    }
    t
}

fn math_type(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let r = match v {
        Value::Int(_) => st.str_value(b"integer"),
        Value::Float(_) => st.str_value(b"float"),
        _ => Value::Nil,
    };
    Ok(st.ret1(r))
}

fn floor(st: &mut State) -> LResult<usize> {
    let r = match st.check_number(1)? {
        Number::Int(i) => Value::Int(i),
        Number::Float(f) => match number::float_to_int_floor(f) {
            Some(i) => Value::Int(i),
            None => Value::Float(f.floor()),
        },
    };
    Ok(st.ret1(r))
}

fn ceil(st: &mut State) -> LResult<usize> {
    let r = match st.check_number(1)? {
        Number::Int(i) => Value::Int(i),
        Number::Float(f) => match number::float_to_int_ceil(f) {
            Some(i) => Value::Int(i),
            None => Value::Float(f.ceil()),
        },
    };
    Ok(st.ret1(r))
}

fn abs(st: &mut State) -> LResult<usize> {
    let r = match st.check_number(1)? {
        Number::Int(i) => Value::Int(i.wrapping_abs()),
        Number::Float(f) => Value::Float(f.abs()),
    };
    Ok(st.ret1(r))
}

fn sqrt(st: &mut State) -> LResult<usize> {
    let f = st.check_float(1)?;
    Ok(st.ret1(Value::Float(f.sqrt())))
}

fn fmod(st: &mut State) -> LResult<usize> {
    let a = st.check_number(1)?;
    let b = st.check_number(2)?;
    let r = match (a, b) {
        (Number::Int(x), Number::Int(y)) => {
            if y == 0 {
                return Err(st.arg_error(2, "zero"));
            }
            if y == -1 {
                Value::Int(0)
            } else {
                Value::Int(x % y)
            }
        }
        _ => Value::Float(a.as_f64() % b.as_f64()),
    };
    Ok(st.ret1(r))
}

fn minmax(st: &mut State, want_max: bool) -> LResult<usize> {
    let n = st.nargs();
    let mut best = st.check_number(1)?;
    let mut bi = 1;
    for i in 2..=n {
        let x = st.check_number(i)?;
        let better = if want_max {
            crate::meta::num_lt(best, x)
        } else {
            crate::meta::num_lt(x, best)
        };
        if better {
            best = x;
            bi = i;
        }
    }
    let v = st.arg(bi);
    let v = match v {
        Value::Int(_) | Value::Float(_) => v,
        _ => match best {
            Number::Int(i) => Value::Int(i),
            Number::Float(f) => Value::Float(f),
        },
    };
    Ok(st.ret1(v))
}

fn max(st: &mut State) -> LResult<usize> {
    minmax(st, true)
}

fn min(st: &mut State) -> LResult<usize> {
    minmax(st, false)
}

fn tointeger(st: &mut State) -> LResult<usize> {
    let v = st.arg(1);
    let r = match v {
        Value::Int(_) => v,
        Value::Float(f) => number::float_to_int_exact(f)
            .map(Value::Int)
            .unwrap_or(Value::Nil),
        Value::Str(_) => match to_number(&v) {
            Some(Number::Int(i)) => Value::Int(i),
            Some(Number::Float(f)) => number::float_to_int_exact(f)
                .map(Value::Int)
                .unwrap_or(Value::Nil),
            None => Value::Nil,
        },
        _ => {
            st.check_any(1)?;
            Value::Nil
        }
    };
    Ok(st.ret1(r))
}
