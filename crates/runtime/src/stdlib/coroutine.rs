//! Coroutine library (lcorolib.c) over the stackful threads of `thread.rs`.
use crate::gc::GcRef;
use crate::state::{LResult, LuaError, State};
use crate::table::Table;
use crate::thread::{CoStatus, Thread};
use crate::value::Value;

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    st.new_lib(&[
        ("close", close),
        ("create", create),
        ("isyieldable", isyieldable),
        ("resume", resume),
        ("running", running),
        ("status", status),
        ("wrap", wrap),
        ("yield", yield_),
    ])
}

fn check_co(st: &mut State, i: usize) -> LResult<GcRef<Thread>> {
    match st.arg(i) {
        Value::Thread(t) => Ok(t),
        _ => Err(st.type_arg_error(i, "thread")),
    }
}

fn create(st: &mut State) -> LResult<usize> {
    let f = st.arg(1);
    if !f.is_function() {
        return Err(st.type_arg_error(1, "function"));
    }
    let t = st.new_thread(f);
    Ok(st.ret1(Value::Thread(t)))
}

fn resume(st: &mut State) -> LResult<usize> {
    let co = check_co(st, 1)?;
    let nargs = st.nargs() - 1;
    let base = st.ci().base;
    match st.resume(co, nargs) {
        Ok(n) => {
            // results are on top; put `true` below them
            let first = st.top - n;
            st.push(Value::Nil);
            for i in (first..first + n).rev() {
                st.stack[i + 1] = st.stack[i];
            }
            st.stack[first] = Value::Bool(true);
            let _ = base;
            Ok(n + 1)
        }
        Err(e) => {
            st.push(Value::Bool(false));
            st.push(e.value);
            Ok(2)
        }
    }
}

fn wrap_aux(st: &mut State) -> LResult<usize> {
    let f = st.stack[st.ci().func];
    let co = match f {
        Value::NativeFn(nc) => match nc.upvals[0].get() {
            Value::Thread(t) => t,
            _ => unreachable!(),
        },
        _ => unreachable!(),
    };
    let nargs = st.nargs();
    match st.resume(co, nargs) {
        Ok(n) => Ok(n),
        Err(e) => {
            let mut v = e.value;
            if co.status() == CoStatus::Dead {
                // close pending tbc variables of the dead coroutine
                if let Ok(Some(ev)) = st.close_thread(co) {
                    v = ev;
                }
            }
            if let Value::Str(s) = v {
                let pos = st.where_(1);
                if !pos.is_empty() {
                    let mut b = pos.into_bytes();
                    b.extend_from_slice(s.as_bytes());
                    v = st.str_value_owned(b);
                }
            }
            Err(LuaError::new(v))
        }
    }
}

fn wrap(st: &mut State) -> LResult<usize> {
    create(st)?;
    let t = st.stack[st.top - 1];
    let f = st.native_closure("wrap", wrap_aux, vec![t]);
    Ok(st.ret1(f))
}

fn yield_(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    st.yield_(n)
}

fn status_name(st: &State, co: GcRef<Thread>) -> &'static str {
    if co == st.current {
        return "running";
    }
    match co.status() {
        CoStatus::Suspended => "suspended",
        CoStatus::Running => "running",
        CoStatus::Normal => "normal",
        CoStatus::Dead => "dead",
    }
}

fn status(st: &mut State) -> LResult<usize> {
    let co = check_co(st, 1)?;
    let s = status_name(st, co);
    let v = st.str_value(s.as_bytes());
    Ok(st.ret1(v))
}

fn running(st: &mut State) -> LResult<usize> {
    let c = st.current;
    st.push(Value::Thread(c));
    st.push(Value::Bool(c.is_main()));
    Ok(2)
}

fn isyieldable(st: &mut State) -> LResult<usize> {
    let r = match st.arg(1) {
        Value::Thread(t) => !t.is_main(),
        _ => st.is_yieldable(),
    };
    Ok(st.ret1(Value::Bool(r)))
}

fn close(st: &mut State) -> LResult<usize> {
    let co = check_co(st, 1)?;
    match status_name(st, co) {
        "suspended" | "dead" => match st.close_thread(co)? {
            None => Ok(st.ret1(Value::Bool(true))),
            Some(e) => {
                st.push(Value::Bool(false));
                st.push(e);
                Ok(2)
            }
        },
        other => Err(st.error_msg(format!("cannot close a {other} coroutine"))),
    }
}
