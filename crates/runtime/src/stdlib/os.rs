//! `os` library (loslib.c of Lua 5.4.4).
//!
//! Dates and times go through the C library (`localtime_r`, `gmtime_r`, `mktime`,
//! `strftime`, `setlocale`) so time zones, normalisation and every conversion behave exactly
//! as in PUC Lua; commands run as `sh -c CMD` like `system`.
use std::ffi::{CStr, CString};
use std::io;
use std::os::unix::ffi::OsStrExt;

use super::io::{check_option, cstr, exec_result, file_result, flush_all, shell, temp_file};
use crate::gc::GcRef;
use crate::meta::{to_integer, Src};
use crate::state::{LResult, State};
use crate::table::Table;
use crate::value::Value;

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    st.new_lib(&[
        ("clock", clock),
        ("date", date),
        ("difftime", difftime),
        ("execute", execute),
        ("exit", exit),
        ("getenv", getenv),
        ("remove", remove),
        ("rename", rename),
        ("setlocale", setlocale),
        ("time", time),
        ("tmpname", tmpname),
    ])
}

/// Raised by `os.exit` to unwind to the embedder with an exit code (kept for embedders;
/// `os.exit` currently ends the process directly, as in PUC Lua).
pub const EXIT_MARKER: &str = "\u{0}lunar-exit";

// -- time helpers -------------------------------------------------------------------------------

fn now() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

/// `l_checktime`: argument `i` as a `time_t`.
fn check_time(st: &mut State, i: usize) -> LResult<libc::time_t> {
    let t = st.check_int(i)?;
    match libc::time_t::try_from(t) {
        Ok(t) => Ok(t),
        Err(_) => Err(st.arg_error(i, "time out-of-bounds")),
    }
}

fn zero_tm() -> libc::tm {
    // SAFETY: `tm` is a plain C struct of integers and one nullable pointer (`tm_zone`);
    // all zero bits are a valid value of it.
    unsafe { std::mem::zeroed() }
}

/// `gmtime_r` / `localtime_r`; `None` when the date cannot be represented.
fn to_tm(t: libc::time_t, utc: bool) -> Option<libc::tm> {
    let mut tm = zero_tm();
    // SAFETY: both pointers point to live, properly aligned values for the whole call; the
    // functions are the reentrant variants and keep no reference to them.
    let r = unsafe {
        if utc {
            libc::gmtime_r(&t, &mut tm)
        } else {
            libc::localtime_r(&t, &mut tm)
        }
    };
    if r.is_null() {
        None
    } else {
        Some(tm)
    }
}

/// `strftime` of one conversion (`spec` is what follows the `%`).
fn strftime(spec: &[u8], tm: &libc::tm) -> Vec<u8> {
    let mut fmt = Vec::with_capacity(spec.len() + 2);
    fmt.push(b'%');
    fmt.extend_from_slice(spec);
    fmt.push(0);
    let mut buf = [0u8; 250]; // SIZETIMEFMT
                              // SAFETY: `fmt` is NUL-terminated, `buf` has the size passed, `tm` is a valid struct
                              // filled by the C library; strftime writes at most `buf.len()` bytes.
    let n = unsafe {
        libc::strftime(
            buf.as_mut_ptr().cast::<libc::c_char>(),
            buf.len(),
            fmt.as_ptr().cast::<libc::c_char>(),
            tm,
        )
    };
    buf[..n.min(buf.len())].to_vec()
}

/// Valid one-character conversions (`LUA_STRFTIMEOPTIONS`, C99).
const OPTS1: &[u8] = b"aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";
/// Valid two-character conversions.
const OPTS2: [&[u8]; 19] = [
    b"Ec", b"EC", b"Ex", b"EX", b"Ey", b"EY", b"Od", b"Oe", b"OH", b"OI", b"Om", b"OM", b"OS",
    b"Ou", b"OU", b"OV", b"Ow", b"OW", b"Oy",
];

/// `checkoption`: the length of the conversion specifier at the start of `conv`.
fn conv_len(conv: &[u8]) -> Option<usize> {
    if let Some(c) = conv.first() {
        if OPTS1.contains(c) {
            return Some(1);
        }
    }
    if conv.len() >= 2 && OPTS2.contains(&&conv[..2]) {
        return Some(2);
    }
    None
}

/// `setallfields`: stores the broken-down time into table `t` (with metamethods).
fn set_all_fields(st: &mut State, t: GcRef<Table>, tm: &libc::tm) -> LResult<()> {
    let fields: [(&str, i64); 8] = [
        ("year", tm.tm_year as i64 + 1900),
        ("month", tm.tm_mon as i64 + 1),
        ("day", tm.tm_mday as i64),
        ("hour", tm.tm_hour as i64),
        ("min", tm.tm_min as i64),
        ("sec", tm.tm_sec as i64),
        ("yday", tm.tm_yday as i64 + 1),
        ("wday", tm.tm_wday as i64 + 1),
    ];
    for (k, v) in fields {
        let key = st.str_value(k.as_bytes());
        st.set_index(Value::Table(t), key, Value::Int(v), Src::None)?;
    }
    if tm.tm_isdst >= 0 {
        let key = st.str_value(b"isdst");
        st.set_index(
            Value::Table(t),
            key,
            Value::Bool(tm.tm_isdst != 0),
            Src::None,
        )?;
    }
    Ok(())
}

/// `getfield`: integer field `key` of table `t` minus `delta`, `d` when absent (`d < 0`:
/// required).
fn get_field(st: &mut State, t: GcRef<Table>, key: &str, d: i64, delta: i64) -> LResult<i32> {
    let k = st.str_value(key.as_bytes());
    let v = st.index(Value::Table(t), k, Src::None)?;
    match to_integer(&v) {
        None => {
            if !v.is_nil() {
                Err(st.error_msg(format!("field '{key}' is not an integer")))
            } else if d < 0 {
                Err(st.error_msg(format!("field '{key}' missing in date table")))
            } else {
                Ok(d as i32)
            }
        }
        Some(res) => {
            let ok = if res >= 0 {
                res - delta <= i32::MAX as i64
            } else {
                i32::MIN as i64 + delta <= res
            };
            if !ok {
                return Err(st.error_msg(format!("field '{key}' is out-of-bound")));
            }
            Ok((res - delta) as i32)
        }
    }
}

// -- functions ----------------------------------------------------------------------------------

fn clock(st: &mut State) -> LResult<usize> {
    // C clock(): processor time of the process, in microseconds (CLOCKS_PER_SEC = 1e6)
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    let micros = if r == 0 {
        ts.tv_sec
            .wrapping_mul(1_000_000)
            .wrapping_add(ts.tv_nsec / 1000)
    } else {
        -1
    };
    Ok(st.ret1(Value::Float(micros as f64 / 1_000_000.0)))
}

fn date(st: &mut State) -> LResult<usize> {
    let s = match st.opt_str(1)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"%c".to_vec(),
    };
    let t = if st.arg(2).is_nil() {
        now() as libc::time_t
    } else {
        check_time(st, 2)?
    };
    let (utc, fmt) = match s.split_first() {
        Some((b'!', rest)) => (true, rest),
        _ => (false, &s[..]),
    };
    let tm = match to_tm(t, utc) {
        Some(tm) => tm,
        None => return Err(st.error_msg("date result cannot be represented in this installation")),
    };
    if cstr(fmt) == b"*t" {
        let tab = st.new_table_sized(0, 9);
        st.push(Value::Table(tab));
        set_all_fields(st, tab, &tm)?;
        return Ok(1);
    }
    let mut out = Vec::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            out.push(fmt[i]);
            i += 1;
            continue;
        }
        i += 1;
        let conv = &fmt[i..];
        match conv_len(conv) {
            Some(n) => {
                out.extend_from_slice(&strftime(&conv[..n], &tm));
                i += n;
            }
            None => {
                let msg = format!(
                    "invalid conversion specifier '%{}'",
                    String::from_utf8_lossy(cstr(conv))
                );
                return Err(st.arg_error(1, &msg));
            }
        }
    }
    let v = st.str_value_owned(out);
    Ok(st.ret1(v))
}

fn time(st: &mut State) -> LResult<usize> {
    if st.arg(1).is_nil() {
        return Ok(st.ret1(Value::Int(now())));
    }
    let t = st.check_table(1)?;
    let mut tm = zero_tm();
    tm.tm_year = get_field(st, t, "year", -1, 1900)?;
    tm.tm_mon = get_field(st, t, "month", -1, 1)?;
    tm.tm_mday = get_field(st, t, "day", -1, 0)?;
    tm.tm_hour = get_field(st, t, "hour", 12, 0)?;
    tm.tm_min = get_field(st, t, "min", 0, 0)?;
    tm.tm_sec = get_field(st, t, "sec", 0, 0)?;
    let k = st.str_value(b"isdst");
    let dst = st.index(Value::Table(t), k, Src::None)?;
    tm.tm_isdst = if dst.is_nil() {
        -1
    } else {
        dst.truthy() as i32
    };
    // SAFETY: `tm` is a valid, writable struct for the duration of the call.
    let r = unsafe { libc::mktime(&mut tm) };
    set_all_fields(st, t, &tm)?;
    if r == -1 {
        return Err(st.error_msg("time result cannot be represented in this installation"));
    }
    Ok(st.ret1(Value::Int(r as i64)))
}

fn difftime(st: &mut State) -> LResult<usize> {
    let t1 = check_time(st, 1)?;
    let t2 = check_time(st, 2)?;
    let d = (t1 as i128 - t2 as i128) as f64;
    Ok(st.ret1(Value::Float(d)))
}

fn execute(st: &mut State) -> LResult<usize> {
    match st.opt_str(1)? {
        None => {
            let has_shell = std::path::Path::new("/bin/sh").exists();
            Ok(st.ret1(Value::Bool(has_shell)))
        }
        Some(cmd) => {
            let r = shell(cmd.as_bytes()).status();
            Ok(exec_result(st, r))
        }
    }
}

fn getenv(st: &mut State) -> LResult<usize> {
    let k = st.check_str(1)?;
    let key = cstr(k.as_bytes());
    let r = if key.is_empty() {
        Value::Nil
    } else {
        match std::env::var_os(std::ffi::OsStr::from_bytes(key)) {
            Some(v) => st.str_value(v.as_bytes()),
            None => Value::Nil,
        }
    };
    Ok(st.ret1(r))
}

fn remove(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    let fname = cstr(name.as_bytes());
    let path = std::ffi::OsStr::from_bytes(fname);
    // C remove(): unlink, or rmdir for a directory
    let r = match std::fs::remove_file(path) {
        Err(e) if e.raw_os_error() == Some(libc::EISDIR) => std::fs::remove_dir(path),
        r => r,
    };
    Ok(file_result(st, r, Some(fname)))
}

fn rename(st: &mut State) -> LResult<usize> {
    let from = st.check_str(1)?;
    let to = st.check_str(2)?;
    let r = std::fs::rename(
        std::ffi::OsStr::from_bytes(cstr(from.as_bytes())),
        std::ffi::OsStr::from_bytes(cstr(to.as_bytes())),
    );
    Ok(file_result(st, r, None))
}

fn setlocale(st: &mut State) -> LResult<usize> {
    let l = st.opt_str(1)?;
    let op = check_option(
        st,
        2,
        Some("all"),
        &["all", "collate", "ctype", "monetary", "numeric", "time"],
    )?;
    let cat = [
        libc::LC_ALL,
        libc::LC_COLLATE,
        libc::LC_CTYPE,
        libc::LC_MONETARY,
        libc::LC_NUMERIC,
        libc::LC_TIME,
    ][op];
    let name = match l {
        Some(s) => match CString::new(cstr(s.as_bytes())) {
            Ok(c) => Some(c),
            Err(_) => return Ok(st.ret1(Value::Nil)),
        },
        None => None,
    };
    let p = name.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: `p` is null or a NUL-terminated string alive for the call; the result, when
    // not null, is a NUL-terminated string owned by the C library, copied out at once
    // (the interpreter is single-threaded, so no other setlocale call races with it).
    let r = unsafe {
        let res = libc::setlocale(cat, p);
        if res.is_null() {
            None
        } else {
            Some(CStr::from_ptr(res).to_bytes().to_vec())
        }
    };
    let v = match r {
        Some(b) => st.str_value_owned(b),
        None => Value::Nil,
    };
    Ok(st.ret1(v))
}

fn tmpname(st: &mut State) -> LResult<usize> {
    match temp_file(false) {
        Ok((_, name)) => {
            let v = st.str_value_owned(name);
            Ok(st.ret1(v))
        }
        Err(_) => Err(st.error_msg("unable to generate a unique filename")),
    }
}

fn exit(st: &mut State) -> LResult<usize> {
    let code = match st.arg(1) {
        Value::Bool(true) => 0,
        Value::Bool(false) => 1,
        _ => st.opt_int(1, 0)? as i32,
    };
    if st.arg(2).truthy() {
        st.close_state();
    }
    // C's exit() flushes every stream
    flush_all();
    let _ = io::Write::flush(&mut io::stderr());
    std::process::exit(code);
}
