//! Table library (ltablib.c): concat, insert, remove, pack, unpack, move, sort.
use crate::gc::GcRef;
use crate::meta::Src;
use crate::state::{LResult, State};
use crate::table::Table;
use crate::value::Value;

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    st.new_lib(&[
        ("concat", concat),
        ("insert", insert),
        ("move", move_),
        ("pack", pack),
        ("remove", remove),
        ("sort", sort),
        ("unpack", unpack),
    ])
}

/// Checks that argument `i` is a table or has the needed metamethods (`checktab`).
fn check_tab(st: &mut State, i: usize) -> LResult<Value> {
    let v = st.arg(i);
    if let Value::Table(_) = v {
        return Ok(v);
    }
    if let Some(mt) = st.metatable(&v) {
        let idx = !st.tm_of(mt, crate::state::Tm::Index).is_nil();
        let nidx = !st.tm_of(mt, crate::state::Tm::NewIndex).is_nil();
        let len = !st.tm_of(mt, crate::state::Tm::Len).is_nil();
        if idx && nidx && len {
            return Ok(v);
        }
    }
    Err(st.type_arg_error(i, "table"))
}

fn geti(st: &mut State, t: Value, i: i64) -> LResult<Value> {
    match t {
        Value::Table(tab) if tab.meta.get().is_none() => Ok(tab.get_int(i)),
        _ => st.index(t, Value::Int(i), Src::None),
    }
}

fn seti(st: &mut State, t: Value, i: i64, v: Value) -> LResult<()> {
    match t {
        Value::Table(tab) if tab.meta.get().is_none() => {
            tab.set_int(i, v);
            Ok(())
        }
        _ => st.set_index(t, Value::Int(i), v, Src::None),
    }
}

fn len_of(st: &mut State, t: Value) -> LResult<i64> {
    match t {
        Value::Table(tab) if tab.meta.get().is_none() => Ok(tab.len()),
        _ => match st.len_of(t, Src::None)? {
            Value::Int(n) => Ok(n),
            Value::Float(f) => match crate::number::float_to_int_exact(f) {
                Some(n) => Ok(n),
                None => Err(st.error_msg("object length is not an integer")),
            },
            _ => Err(st.error_msg("object length is not an integer")),
        },
    }
}

fn concat(st: &mut State) -> LResult<usize> {
    let t = check_tab(st, 1)?;
    let sep = st.opt_str(2)?;
    let i = st.opt_int(3, 1)?;
    let j = if st.arg(4).is_nil() {
        len_of(st, t)?
    } else {
        st.check_int(4)?
    };
    let mut out = Vec::new();
    let mut k = i;
    while k <= j {
        let v = geti(st, t, k)?;
        match v {
            Value::Str(s) => out.extend_from_slice(s.as_bytes()),
            Value::Int(_) | Value::Float(_) => st.tostring_basic(&v, &mut out),
            _ => {
                let tn = v.type_name();
                return Err(st.error_msg(format!(
                    "invalid value ({tn}) at index {k} in table for 'concat'"
                )));
            }
        }
        if k < j {
            if let Some(s) = sep {
                out.extend_from_slice(s.as_bytes());
            }
        }
        if k == i64::MAX {
            break;
        }
        k += 1;
    }
    let r = st.str_value_owned(out);
    Ok(st.ret1(r))
}

fn insert(st: &mut State) -> LResult<usize> {
    let t = check_tab(st, 1)?;
    let e = len_of(st, t)?.wrapping_add(1);
    match st.nargs() {
        2 => {
            let v = st.arg(2);
            seti(st, t, e, v)?;
        }
        3 => {
            let pos = st.check_int(2)?;
            if (pos as u64).wrapping_sub(1) >= e as u64 {
                return Err(st.arg_error(2, "position out of bounds"));
            }
            let mut i = e;
            while i > pos {
                let v = geti(st, t, i - 1)?;
                seti(st, t, i, v)?;
                i -= 1;
            }
            let v = st.arg(3);
            seti(st, t, pos, v)?;
        }
        _ => return Err(st.error_msg("wrong number of arguments to 'insert'")),
    }
    Ok(0)
}

fn remove(st: &mut State) -> LResult<usize> {
    let t = check_tab(st, 1)?;
    let size = len_of(st, t)?;
    let mut pos = st.opt_int(2, size)?;
    if pos != size && (pos as u64).wrapping_sub(1) > size as u64 {
        // 5.4.4 reports this check as argument #1
        return Err(st.arg_error(1, "position out of bounds"));
    }
    let v = geti(st, t, pos)?;
    while pos < size {
        let nx = geti(st, t, pos + 1)?;
        seti(st, t, pos, nx)?;
        pos += 1;
    }
    seti(st, t, pos, Value::Nil)?;
    Ok(st.ret1(v))
}

fn pack(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    let t = st.new_table_sized(n, 1);
    for i in 1..=n {
        t.set_int(i as i64, st.arg(i));
    }
    let k = st.names.n;
    t.set_str(k, Value::Int(n as i64));
    Ok(st.ret1(Value::Table(t)))
}

fn unpack(st: &mut State) -> LResult<usize> {
    let t = st.arg(1);
    let i = st.opt_int(2, 1)?;
    let e = if st.arg(3).is_nil() {
        len_of(st, t)?
    } else {
        st.check_int(3)?
    };
    if i > e {
        return Ok(0);
    }
    let n = (e as i128 - i as i128) as u128;
    if n >= 1_000_000 {
        return Err(st.error_msg("too many results to unpack"));
    }
    let n = n as usize + 1;
    st.ensure_stack(st.top + n + 5)
        .map_err(|_| st.error_msg("too many results to unpack"))?;
    for k in 0..n {
        let v = geti(st, t, i + k as i64)?;
        st.push(v);
    }
    Ok(n)
}

fn move_(st: &mut State) -> LResult<usize> {
    let a1 = check_tab(st, 1)?;
    let f = st.check_int(2)?;
    let e = st.check_int(3)?;
    let t = st.check_int(4)?;
    let tt = if st.arg(5).is_nil() {
        a1
    } else {
        check_tab(st, 5)?
    };
    if e >= f {
        if !(f > 0 || e < i64::MAX + f) {
            return Err(st.arg_error(3, "too many elements to move"));
        }
        if t > i64::MAX - (e - f) {
            return Err(st.arg_error(4, "destination wrap around"));
        }
        let same = tt.raw_eq(&a1);
        if t > e || t <= f || !same {
            for i in 0..=(e - f) {
                let v = geti(st, a1, f + i)?;
                seti(st, tt, t + i, v)?;
            }
        } else {
            let mut i = e - f;
            loop {
                let v = geti(st, a1, f + i)?;
                seti(st, tt, t + i, v)?;
                if i == 0 {
                    break;
                }
                i -= 1;
            }
        }
    }
    Ok(st.ret1(tt))
}

fn sort_lt(st: &mut State, cmp: Value, a: Value, b: Value) -> LResult<bool> {
    if cmp.is_nil() {
        st.less_than(a, b)
    } else {
        Ok(st.call1(cmp, &[a, b])?.truthy())
    }
}

fn sort(st: &mut State) -> LResult<usize> {
    let t = check_tab(st, 1)?;
    let n = len_of(st, t)?;
    if n > 1 {
        if n >= i32::MAX as i64 {
            return Err(st.arg_error(1, "array too big"));
        }
        let cmp = st.arg(2);
        if !cmp.is_nil() && !cmp.is_function() {
            return Err(st.type_arg_error(2, "function"));
        }
        // read into a Vec that lives in a rooted table copy, sort with a merge-free quicksort
        let mut v = Vec::with_capacity(n as usize);
        for i in 1..=n {
            v.push(geti(st, t, i)?);
        }
        // keep elements rooted: store them in a scratch table in the frame
        let scratch = st.new_table_sized(v.len(), 0);
        for (i, x) in v.iter().enumerate() {
            scratch.set_int(i as i64 + 1, *x);
        }
        st.push(Value::Table(scratch));
        quicksort(st, cmp, &mut v, 0)?;
        for (i, x) in v.into_iter().enumerate() {
            seti(st, t, i as i64 + 1, x)?;
        }
    }
    Ok(0)
}

fn quicksort(st: &mut State, cmp: Value, v: &mut [Value], depth: u32) -> LResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    if n < 8 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && sort_lt(st, cmp, v[j], v[j - 1])? {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return Ok(());
    }
    if depth > 200 {
        return Err(st.error_msg("invalid order function for sorting"));
    }
    let mid = n / 2;
    // median of three
    if sort_lt(st, cmp, v[mid], v[0])? {
        v.swap(mid, 0);
    }
    if sort_lt(st, cmp, v[n - 1], v[mid])? {
        v.swap(n - 1, mid);
        if sort_lt(st, cmp, v[mid], v[0])? {
            v.swap(mid, 0);
        }
    }
    let pivot = v[mid];
    v.swap(mid, n - 2);
    let (mut i, mut j) = (0usize, n - 2);
    loop {
        i += 1;
        while sort_lt(st, cmp, v[i], pivot)? {
            if i >= n - 1 {
                return Err(st.error_msg("invalid order function for sorting"));
            }
            i += 1;
        }
        j -= 1;
        while sort_lt(st, cmp, pivot, v[j])? {
            if j == 0 {
                return Err(st.error_msg("invalid order function for sorting"));
            }
            j -= 1;
        }
        if j < i {
            break;
        }
        v.swap(i, j);
    }
    v.swap(n - 2, i);
    let (lo, hi) = v.split_at_mut(i);
    quicksort(st, cmp, lo, depth + 1)?;
    quicksort(st, cmp, &mut hi[1..], depth + 1)
}
