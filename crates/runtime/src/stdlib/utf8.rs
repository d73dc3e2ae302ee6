//! `utf8` library (lutf8lib.c of Lua 5.4.4): `char charpattern codepoint codes len offset`.
use crate::gc::GcRef;
use crate::state::{LResult, State};
use crate::table::Table;
use crate::value::Value;

/// Largest valid Unicode code point (strict mode).
const MAXUNICODE: u32 = 0x10_FFFF;
/// Largest value the (lax) UTF-8 encoding can hold.
const MAXUTF: u32 = 0x7FFF_FFFF;
/// Message of every decoding error.
const MSG_INVALID: &str = "invalid UTF-8 code";
/// `utf8.charpattern`.
const CHARPATTERN: &[u8] = b"[\x00-\x7F\xC2-\xFD][\x80-\xBF]*";

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    let t = st.new_lib(&[
        ("offset", byteoffset),
        ("codepoint", codepoint),
        ("char", utfchar),
        ("len", utflen),
    ]);
    // `codes` returns the same two iterator functions every time (light C functions in Lua)
    let strict = st.native("codes", iter_auxstrict);
    let lax = st.native("codes", iter_auxlax);
    let codes = st.native_closure("codes", iter_codes, vec![strict, lax]);
    let k = st.intern(b"codes");
    t.set_str(k, codes);
    let k = st.intern(b"charpattern");
    let v = st.str_value(CHARPATTERN);
    t.set_str(k, v);
    t
}

/// Byte `i` of `s`, with the terminating NUL of C strings past the end.
#[inline]
fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

/// `iscont`: is byte `i` of `s` a continuation byte?
#[inline]
fn iscont(s: &[u8], i: usize) -> bool {
    at(s, i) & 0xC0 == 0x80
}

/// `u_posrelat`: negative positions count back from the end (0 when before the start).
fn u_posrelat(pos: i64, len: usize) -> i64 {
    if pos >= 0 {
        pos
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len as i64 + pos + 1
    }
}

/// Decodes one UTF-8 sequence at byte `i` of `s` (`utf8_decode`): the code point and the
/// index just past it, or `None` for an invalid sequence.
pub(crate) fn utf8_decode(s: &[u8], i: usize, strict: bool) -> Option<(u32, usize)> {
    const LIMITS: [u32; 6] = [!0, 0x80, 0x800, 0x1_0000, 0x20_0000, 0x400_0000];
    let mut c = at(s, i) as u32;
    let mut res: u32 = 0;
    let mut next = i + 1;
    if c >= 0x80 {
        let mut count = 0usize;
        while c & 0x40 != 0 {
            count += 1;
            let cc = at(s, i + count) as u32;
            if cc & 0xC0 != 0x80 {
                return None;
            }
            res = (res << 6) | (cc & 0x3F);
            c <<= 1;
        }
        if count > 5 {
            return None;
        }
        res |= (c & 0x7F) << (count * 5);
        if res > MAXUTF || res < LIMITS[count] {
            return None;
        }
        next += count;
    } else {
        res = c;
    }
    if strict && (res > MAXUNICODE || (0xD800..=0xDFFF).contains(&res)) {
        return None;
    }
    Some((res, next))
}

/// Encodes `x` (at most `MAXUTF`) like `luaO_utf8esc`, appending to `out`.
pub(crate) fn utf8_encode(out: &mut Vec<u8>, mut x: u32) {
    if x < 0x80 {
        out.push(x as u8);
        return;
    }
    let mut buf = [0u8; 8];
    let mut n = 1;
    let mut mfb: u32 = 0x3f;
    loop {
        buf[8 - n] = 0x80 | (x & 0x3f) as u8;
        n += 1;
        x >>= 6;
        mfb >>= 1;
        if x <= mfb {
            break;
        }
    }
    buf[8 - n] = ((!mfb << 1) | x) as u8;
    out.extend_from_slice(&buf[8 - n..]);
}

/// `utf8.len(s [, i [, j [, lax]]])`.
fn utflen(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let len = s.len();
    let mut posi = u_posrelat(st.opt_int(2, 1)?, len);
    let mut posj = u_posrelat(st.opt_int(3, -1)?, len);
    let lax = st.arg(4).truthy();
    if !(1 <= posi && {
        posi -= 1;
        posi <= len as i64
    }) {
        return Err(st.arg_error(2, "initial position out of bounds"));
    }
    posj -= 1;
    if posj >= len as i64 {
        return Err(st.arg_error(3, "final position out of bounds"));
    }
    let bytes = s.as_bytes();
    let mut n: i64 = 0;
    while posi <= posj {
        match utf8_decode(bytes, posi as usize, !lax) {
            None => {
                st.push(Value::Nil);
                st.push(Value::Int(posi + 1));
                return Ok(2);
            }
            Some((_, next)) => posi = next as i64,
        }
        n += 1;
    }
    Ok(st.ret1(Value::Int(n)))
}

/// `utf8.codepoint(s [, i [, j [, lax]]])`.
fn codepoint(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let len = s.len();
    let posi = u_posrelat(st.opt_int(2, 1)?, len);
    let pose = u_posrelat(st.opt_int(3, posi)?, len);
    let lax = st.arg(4).truthy();
    if posi < 1 {
        return Err(st.arg_error(2, "out of bounds"));
    }
    if pose > len as i64 {
        return Err(st.arg_error(3, "out of bounds"));
    }
    if posi > pose {
        return Ok(0);
    }
    if pose - posi >= i32::MAX as i64 {
        return Err(st.error_msg("string slice too long"));
    }
    let n = (pose - posi) as usize + 1;
    if st.ensure_stack(st.top + n + 5).is_err() {
        return Err(st.error_msg("stack overflow (string slice too long)"));
    }
    let bytes = s.as_bytes();
    let se = pose as usize;
    let mut i = posi as usize - 1;
    let mut count = 0;
    while i < se {
        match utf8_decode(bytes, i, !lax) {
            None => return Err(st.error_msg(MSG_INVALID)),
            Some((code, next)) => {
                st.push(Value::Int(code as i64));
                count += 1;
                i = next;
            }
        }
    }
    Ok(count)
}

/// Checks argument `arg` of `utf8.char` and appends its encoding.
fn pushutfchar(st: &mut State, arg: usize, out: &mut Vec<u8>) -> LResult<()> {
    let code = st.check_int(arg)? as u64;
    if code > MAXUTF as u64 {
        return Err(st.arg_error(arg, "value out of range"));
    }
    utf8_encode(out, code as u32);
    Ok(())
}

/// `utf8.char(...)`.
fn utfchar(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    let mut out = Vec::with_capacity(n * 2);
    for i in 1..=n {
        pushutfchar(st, i, &mut out)?;
    }
    let r = st.str_value_owned(out);
    Ok(st.ret1(r))
}

/// `utf8.offset(s, n [, i])`.
fn byteoffset(st: &mut State) -> LResult<usize> {
    let s = st.check_str(1)?;
    let len = s.len();
    let mut n = st.check_int(2)?;
    let def = if n >= 0 { 1 } else { len as i64 + 1 };
    let mut posi = u_posrelat(st.opt_int(3, def)?, len);
    if !(1 <= posi && {
        posi -= 1;
        posi <= len as i64
    }) {
        return Err(st.arg_error(3, "position out of bounds"));
    }
    let b = s.as_bytes();
    let mut p = posi as usize;
    if n == 0 {
        while p > 0 && iscont(b, p) {
            p -= 1;
        }
    } else {
        if iscont(b, p) {
            return Err(st.error_msg("initial position is a continuation byte"));
        }
        if n < 0 {
            while n < 0 && p > 0 {
                loop {
                    p -= 1;
                    if !(p > 0 && iscont(b, p)) {
                        break;
                    }
                }
                n += 1;
            }
        } else {
            n -= 1;
            while n > 0 && p < len {
                loop {
                    p += 1;
                    if !iscont(b, p) {
                        break;
                    }
                }
                n -= 1;
            }
        }
    }
    let r = if n == 0 {
        Value::Int(p as i64 + 1)
    } else {
        Value::Nil
    };
    Ok(st.ret1(r))
}

/// The `utf8.codes` iterator (5.4.4 `iter_aux`): skips continuation bytes, so stray ones
/// after a character are not errors.
fn iter_aux(st: &mut State, strict: bool) -> LResult<usize> {
    let s = st.check_str(1)?;
    let len = s.len() as u64;
    let b = s.as_bytes();
    // a negative control value becomes huge, which ends the loop
    let mut n = crate::meta::to_integer(&st.arg(2)).unwrap_or(0) as u64;
    while n < len && iscont(b, n as usize) {
        n += 1;
    }
    if n >= len {
        return Ok(0);
    }
    match utf8_decode(b, n as usize, strict) {
        None => Err(st.error_msg(MSG_INVALID)),
        Some((code, _)) => {
            st.push(Value::Int(n as i64 + 1));
            st.push(Value::Int(code as i64));
            Ok(2)
        }
    }
}

fn iter_auxstrict(st: &mut State) -> LResult<usize> {
    iter_aux(st, true)
}

fn iter_auxlax(st: &mut State) -> LResult<usize> {
    iter_aux(st, false)
}

/// `utf8.codes(s [, lax])`.
fn iter_codes(st: &mut State) -> LResult<usize> {
    let lax = st.arg(2).truthy();
    let s = st.check_str(1)?;
    let f = match st.stack[st.ci().func] {
        Value::NativeFn(nc) => nc.upvals.get(lax as usize).map_or(Value::Nil, |c| c.get()),
        _ => Value::Nil,
    };
    st.push(f);
    st.push(Value::Str(s));
    st.push(Value::Int(0));
    Ok(3)
}
