//! `os`, `io` and `math`: the parts the core needs now (the full libraries come with the
//! standard-library work).
use std::io::Write;

use crate::gc::GcRef;
use crate::meta::to_number;
use crate::number::{self, Number};
use crate::state::{LResult, State};
use crate::table::Table;
use crate::value::Value;

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    st.new_lib(&[
        ("clock", clock),
        ("exit", exit),
        ("getenv", getenv),
        ("time", time),
    ])
}

fn clock(st: &mut State) -> LResult<usize> {
    // processor time used by the program, like C clock()
    let t = cpu_time();
    Ok(st.ret1(Value::Float(t)))
}

fn cpu_time() -> f64 {
    // /proc/self/stat fields 14 and 15: utime and stime in clock ticks
    if let Ok(s) = std::fs::read_to_string("/proc/self/stat") {
        if let Some(rest) = s.rsplit(')').next() {
            let f: Vec<&str> = rest.split_whitespace().collect();
            if f.len() > 13 {
                let ut: f64 = f[11].parse().unwrap_or(0.0);
                let stt: f64 = f[12].parse().unwrap_or(0.0);
                return (ut + stt) / 100.0;
            }
        }
    }
    0.0
}

fn time(st: &mut State) -> LResult<usize> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Ok(st.ret1(Value::Int(now)))
}

fn getenv(st: &mut State) -> LResult<usize> {
    let k = st.check_str(1)?;
    let r = match std::env::var_os(&*k.to_str_lossy()) {
        Some(v) => {
            use std::os::unix::ffi::OsStrExt;
            st.str_value(v.as_bytes())
        }
        None => Value::Nil,
    };
    Ok(st.ret1(r))
}

/// Raised by `os.exit` to unwind to the embedder with an exit code.
pub const EXIT_MARKER: &str = "\u{0}lunar-exit";

fn exit(st: &mut State) -> LResult<usize> {
    let code = match st.arg(1) {
        Value::Nil | Value::Bool(true) => 0,
        Value::Bool(false) => 1,
        _ => st.check_int(1)? as i32,
    };
    if st.arg(2).truthy() {
        st.close_state();
    }
    super::base::flush_stdout();
    std::process::exit(code);
}

pub(crate) fn open_io(st: &mut State) -> GcRef<Table> {
    st.new_lib(&[("write", io_write)])
}

fn io_write(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    for i in 1..=n {
        let v = st.arg(i);
        let mut buf = Vec::new();
        match v {
            Value::Str(s) => {
                let _ = super::base::write_stdout(s.as_bytes());
                continue;
            }
            Value::Int(_) => st.tostring_basic(&v, &mut buf),
            Value::Float(f) => {
                // LUAI_NUMFFORMAT "%.14g", without tostring's ".0" suffix
                number::write_float(&mut buf, f);
                if buf.ends_with(b".0") {
                    buf.truncate(buf.len() - 2);
                }
            }
            _ => return Err(st.type_arg_error(i, "string")),
        }
        let _ = super::base::write_stdout(&buf);
    }
    let _ = std::io::stdout().flush();
    Ok(0)
}

pub(crate) fn open_math(st: &mut State) -> GcRef<Table> {
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
