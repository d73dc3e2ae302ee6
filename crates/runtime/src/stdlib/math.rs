//! `math` library (lmathlib.c of Lua 5.4.4); `math.random` binds [`crate::random`].
use crate::gc::GcRef;
use crate::meta::to_integer;
use crate::number;
use crate::random::{entropy_seed, LuaRng, RandomArgs, RandomError, RandomValue};
use crate::state::{LResult, LuaError, State};
use crate::table::Table;
use crate::value::{UserData, Value};

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
        ("ult", ult),
        ("exp", exp),
        ("log", log),
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("deg", deg),
        ("rad", rad),
        ("modf", modf),
        // LUA_COMPAT_MATHLIB, compiled into Debian's lua5.4 (LUA_COMPAT_5_3)
        ("cosh", cosh),
        ("sinh", sinh),
        ("tanh", tanh),
        ("pow", pow),
        ("frexp", frexp),
        ("ldexp", ldexp),
        ("log10", log10),
    ]);
    // `math.atan2` is the very same function as `math.atan`
    let k = st.intern(b"atan");
    let atan_fn = t.get_str(k);
    let k = st.intern(b"atan2");
    t.set_str(k, atan_fn);
    for (name, v) in [
        ("maxinteger", Value::Int(i64::MAX)),
        ("mininteger", Value::Int(i64::MIN)),
        ("huge", Value::Float(f64::INFINITY)),
        ("pi", Value::Float(std::f64::consts::PI)),
    ] {
        let k = st.intern(name.as_bytes());
        t.set_str(k, v);
    }
    // `random` and `randomseed` share the generator state, a userdata upvalue (`setrandfunc`)
    let gen = LuaRng::default();
    let ud = Value::UserData(st.heap.alloc(UserData {
        meta: std::cell::Cell::new(None),
        user_value: std::cell::Cell::new(Value::Nil),
        data: std::cell::RefCell::new(Box::new(gen)),
    }));
    for (name, f) in [
        ("random", random as crate::func::NativeFn),
        ("randomseed", randomseed),
    ] {
        let fv = st.native_closure(name, f, vec![ud]);
        let k = st.intern(name.as_bytes());
        t.set_str(k, fv);
    }
    t
}

/// Whether argument `i` is an actual integer (`lua_isinteger`: no string coercion).
fn is_int_arg(st: &State, i: usize) -> Option<i64> {
    match st.arg(i) {
        Value::Int(n) => Some(n),
        _ => None,
    }
}

/// `pushnumint`: `d` as an integer when it fits, else as a float.
fn numint(d: f64) -> Value {
    match number::float_to_int_exact(d) {
        Some(i) => Value::Int(i),
        None => Value::Float(d),
    }
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
    if let Some(i) = is_int_arg(st, 1) {
        return Ok(st.ret1(Value::Int(i)));
    }
    let f = st.check_float(1)?;
    Ok(st.ret1(numint(f.floor())))
}

fn ceil(st: &mut State) -> LResult<usize> {
    if let Some(i) = is_int_arg(st, 1) {
        return Ok(st.ret1(Value::Int(i)));
    }
    let f = st.check_float(1)?;
    Ok(st.ret1(numint(f.ceil())))
}

fn abs(st: &mut State) -> LResult<usize> {
    if let Some(i) = is_int_arg(st, 1) {
        return Ok(st.ret1(Value::Int(i.wrapping_abs())));
    }
    let f = st.check_float(1)?;
    Ok(st.ret1(Value::Float(f.abs())))
}

fn fmod(st: &mut State) -> LResult<usize> {
    if let (Some(a), Some(d)) = (is_int_arg(st, 1), is_int_arg(st, 2)) {
        let r = if (d as u64).wrapping_add(1) <= 1 {
            // special cases: -1 or 0
            if d == 0 {
                return Err(st.arg_error(2, "zero"));
            }
            0 // avoids overflow with mininteger % -1
        } else {
            a % d
        };
        return Ok(st.ret1(Value::Int(r)));
    }
    // lua5.4 (built with gcc) evaluates the two checks right to left
    let b = st.check_float(2)?;
    let a = st.check_float(1)?;
    Ok(st.ret1(Value::Float(c_fmod(a, b))))
}

/// C `fmod`, including the sign of the NaN glibc returns for `fmod(x, 0)` and `fmod(inf, y)`
/// (the x86 "default NaN", which prints as `-nan`).
fn c_fmod(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return a + b;
    }
    if a.is_infinite() || b == 0.0 {
        return -f64::NAN;
    }
    a % b
}

fn modf(st: &mut State) -> LResult<usize> {
    if let Some(i) = is_int_arg(st, 1) {
        st.push(Value::Int(i));
        st.push(Value::Float(0.0));
        return Ok(2);
    }
    let n = st.check_float(1)?;
    // integer part (rounds toward zero)
    let ip = if n < 0.0 { n.ceil() } else { n.floor() };
    st.push(numint(ip));
    // fractional part (test needed for inf/-inf)
    st.push(Value::Float(if n == ip { 0.0 } else { n - ip }));
    Ok(2)
}

fn sqrt(st: &mut State) -> LResult<usize> {
    let f = st.check_float(1)?;
    Ok(st.ret1(Value::Float(f.sqrt())))
}

macro_rules! float_fns {
    ($($name:ident => $op:expr),* $(,)?) => {
        $(fn $name(st: &mut State) -> LResult<usize> {
            let x = st.check_float(1)?;
            let op: fn(f64) -> f64 = $op;
            Ok(st.ret1(Value::Float(op(x))))
        })*
    };
}
float_fns!(
    exp => f64::exp,
    sin => f64::sin,
    cos => f64::cos,
    tan => f64::tan,
    asin => f64::asin,
    acos => f64::acos,
    cosh => f64::cosh,
    sinh => f64::sinh,
    tanh => f64::tanh,
    log10 => f64::log10,
    deg => |x| x * (180.0 / std::f64::consts::PI),
    rad => |x| x * (std::f64::consts::PI / 180.0),
);

fn atan(st: &mut State) -> LResult<usize> {
    let y = st.check_float(1)?;
    let x = if st.arg(2).is_nil() {
        1.0
    } else {
        st.check_float(2)?
    };
    Ok(st.ret1(Value::Float(y.atan2(x))))
}

fn log(st: &mut State) -> LResult<usize> {
    let x = st.check_float(1)?;
    let res = if st.arg(2).is_nil() {
        x.ln()
    } else {
        let base = st.check_float(2)?;
        if base == 2.0 {
            x.log2()
        } else if base == 10.0 {
            x.log10()
        } else {
            x.ln() / base.ln()
        }
    };
    Ok(st.ret1(Value::Float(res)))
}

fn pow(st: &mut State) -> LResult<usize> {
    let x = st.check_float(1)?;
    let y = st.check_float(2)?;
    Ok(st.ret1(Value::Float(x.powf(y))))
}

/// C `frexp`: `x = m * 2^e` with `0.5 <= |m| < 1` (`x` itself and 0 for zero, inf and NaN).
fn c_frexp(x: f64) -> (f64, i64) {
    let bits = x.to_bits();
    let ee = ((bits >> 52) & 0x7ff) as i64;
    if ee == 0 {
        if x == 0.0 {
            return (x, 0);
        }
        // subnormal: scale into the normal range first
        let (m, e) = c_frexp(x * f64::from_bits(0x43f0_0000_0000_0000)); // 0x1p64
        return (m, e - 64);
    }
    if ee == 0x7ff {
        return (x, 0);
    }
    let m = f64::from_bits((bits & 0x800f_ffff_ffff_ffff) | 0x3fe0_0000_0000_0000);
    (m, ee - 0x3fe)
}

/// C `ldexp`/`scalbn`: `x * 2^n`, correctly rounded (musl's algorithm).
fn c_ldexp(mut x: f64, mut n: i32) -> f64 {
    let p1023 = f64::from_bits(0x7fe0_0000_0000_0000); // 0x1p1023
    let pm969 = f64::from_bits(0x0010_0000_0000_0000) * f64::from_bits(0x4340_0000_0000_0000); // 0x1p-1022 * 0x1p53
    if n > 1023 {
        x *= p1023;
        n -= 1023;
        if n > 1023 {
            x *= p1023;
            n -= 1023;
            n = n.min(1023);
        }
    } else if n < -1022 {
        x *= pm969;
        n += 1022 - 53;
        if n < -1022 {
            x *= pm969;
            n += 1022 - 53;
            n = n.max(-1022);
        }
    }
    x * f64::from_bits(((0x3ff + n) as u64) << 52)
}

fn frexp(st: &mut State) -> LResult<usize> {
    let x = st.check_float(1)?;
    let (m, e) = c_frexp(x);
    st.push(Value::Float(m));
    st.push(Value::Int(e));
    Ok(2)
}

fn ldexp(st: &mut State) -> LResult<usize> {
    let x = st.check_float(1)?;
    let ep = st.check_int(2)? as i32; // (int) cast, as in C
    Ok(st.ret1(Value::Float(c_ldexp(x, ep))))
}

fn ult(st: &mut State) -> LResult<usize> {
    let a = st.check_int(1)?;
    let b = st.check_int(2)?;
    Ok(st.ret1(Value::Bool((a as u64) < (b as u64))))
}

/// `math.min`/`math.max`: compares with `<` (metamethods included) and returns the chosen
/// argument itself.
fn minmax(st: &mut State, want_max: bool) -> LResult<usize> {
    let n = st.nargs();
    if n < 1 {
        return Err(st.arg_error(1, "value expected"));
    }
    let mut best = 1;
    for i in 2..=n {
        let (a, b) = if want_max {
            (st.arg(best), st.arg(i))
        } else {
            (st.arg(i), st.arg(best))
        };
        let lt = match (a, b) {
            (Value::Int(x), Value::Int(y)) => x < y,
            (Value::Float(x), Value::Float(y)) => x < y,
            _ => st.less_than(a, b)?,
        };
        if lt {
            best = i;
        }
    }
    let v = st.arg(best);
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
    let r = match to_integer(&v) {
        Some(i) => Value::Int(i),
        None => {
            st.check_any(1)?;
            Value::Nil
        }
    };
    Ok(st.ret1(r))
}

// -- pseudo-random numbers ----------------------------------------------------------------

/// Runs `f` on the generator in the running function's first upvalue.
fn with_gen<R>(st: &mut State, f: impl FnOnce(&mut LuaRng, &mut State) -> R) -> Option<R> {
    let ud = match st.stack[st.ci().func] {
        Value::NativeFn(nc) => match nc.upvals.first().map(|c| c.get()) {
            Some(Value::UserData(u)) => u,
            _ => return None,
        },
        _ => return None,
    };
    let mut data = ud.data.borrow_mut();
    data.downcast_mut::<LuaRng>().map(|g| f(g, st))
}

/// [`RandomArgs`] over the arguments of the running native function.
struct Args<'a>(&'a mut State);

impl RandomArgs for Args<'_> {
    type Error = LuaError;

    fn int(&mut self, arg: usize) -> LResult<i64> {
        self.0.check_int(arg)
    }

    fn error(&mut self, err: RandomError) -> LuaError {
        match err.arg() {
            Some(i) => self.0.arg_error(i, err.message()),
            None => self.0.error_msg(err.message()),
        }
    }
}

fn random(st: &mut State) -> LResult<usize> {
    let nargs = st.nargs();
    let r =
        with_gen(st, |g, st| g.random(nargs, &mut Args(st))).unwrap_or(Ok(RandomValue::Int(0)))?;
    let v = match r {
        RandomValue::Int(i) => Value::Int(i),
        RandomValue::Float(f) => Value::Float(f),
    };
    Ok(st.ret1(v))
}

fn randomseed(st: &mut State) -> LResult<usize> {
    let (n1, n2) = if st.nargs() == 0 {
        entropy_seed()
    } else {
        (st.check_int(1)?, st.opt_int(2, 0)?)
    };
    with_gen(st, |g, _| g.seed(n1, n2));
    st.push(Value::Int(n1));
    st.push(Value::Int(n2));
    Ok(2)
}
