//! `os`, `io` and `math`: the parts the core needs now (the full libraries come with the
//! standard-library work).

use crate::gc::GcRef;
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
