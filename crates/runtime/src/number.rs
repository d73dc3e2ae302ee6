//! Lua number <-> string conversions and exact integer/float helpers.
//!
//! This module reproduces, bit for bit, the number rules of PUC Lua 5.4.4
//! on a Linux/glibc host:
//!
//! * [`str2number`] is `luaO_str2num` (`lobject.c`): the numeral syntax
//!   accepted by `tonumber(s)`, by string-to-number coercions and by the
//!   lexer (decimal and hexadecimal integers, decimal and hexadecimal
//!   floats, surrounding whitespace).
//! * [`tonumber_base`] is `tonumber(s, base)` (`luaB_tonumber` /
//!   `b_str2int` in `lbaselib.c`).
//! * [`fmt_float`] / [`write_float`] is `tostring` of a float
//!   (`tostringbuff` in `lobject.c`: `"%.14g"` plus a `".0"` suffix when the
//!   result looks like an integer); [`fmt_int`] / [`write_int`] is `"%d"`.
//! * [`float_to_int`] and friends are `luaV_flttointns` (`lvm.c`) with the
//!   `F2Ieq`, `F2Ifloor` and `F2Iceil` modes.
//! * [`int_float_lt`], [`int_float_le`], [`float_int_lt`], [`float_int_le`]
//!   and [`int_float_eq`] are `LTintfloat`, `LEintfloat`, `LTfloatint`,
//!   `LEfloatint` (`lvm.c`) and the mixed case of `luaV_equalobj`: exact
//!   comparisons between an integer and a float, correct for values that
//!   are not representable in the other type and for NaN.
//!
//! Everything here depends only on `std`; there is no `unsafe`.

use std::fmt::Write as _;

/// A Lua number: either a 64-bit integer or a double.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// An integer subtype value (`lua_Integer`).
    Int(i64),
    /// A float subtype value (`lua_Number`).
    Float(f64),
}

/// C `isspace` in the "C" locale (also Lua's `lisspace`).
#[inline]
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[inline]
fn hex_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'a'..=b'f' => Some(u32::from(c - b'a') + 10),
        b'A'..=b'F' => Some(u32::from(c - b'A') + 10),
        _ => None,
    }
}

/// Converts a string to a Lua number exactly like `luaO_str2num`.
///
/// Accepted: optional leading/trailing whitespace (C `isspace`), an
/// optional `-` or `+` sign, then a decimal integer (converted as a float
/// if it overflows an `i64`), a hexadecimal integer `0x...` (wrapping
/// modulo 2^64), a decimal float (`1.5`, `.5`, `5.`, `1e10`) or a
/// hexadecimal float (`0x1.8p3`, `0x.1`, `0xAp-2`).  The words `inf` and
/// `nan` are rejected, as is any string containing a NUL byte (Lua checks
/// that the whole string was consumed).  Decimal floats are correctly
/// rounded; hexadecimal floats are correctly rounded (round half to even),
/// like glibc's `strtod`.  Out-of-range floats become `±inf` or `±0.0`.
pub fn str2number(s: &[u8]) -> Option<Number> {
    let n = s.len();
    let mut p = skip_spaces(s, 0);
    let start = p;
    let mut neg = false;
    if p < n && (s[p] == b'-' || s[p] == b'+') {
        neg = s[p] == b'-';
        p += 1;
    }
    if p + 1 < n && s[p] == b'0' && (s[p + 1] == b'x' || s[p + 1] == b'X') {
        let h = p + 2;
        // l_str2int: hexadecimal integers wrap around.
        let mut q = h;
        let mut a: u64 = 0;
        while q < n {
            match hex_value(s[q]) {
                Some(d) => a = a.wrapping_mul(16).wrapping_add(u64::from(d)),
                None => break,
            }
            q += 1;
        }
        if q > h && skip_spaces(s, q) == n {
            return Some(Number::Int(if neg { a.wrapping_neg() } else { a } as i64));
        }
        // l_str2d / strtod: hexadecimal float.
        let (v, end) = parse_hex_float(s, h)?;
        if skip_spaces(s, end) != n {
            return None;
        }
        return Some(Number::Float(if neg { -v } else { v }));
    }
    parse_decimal(s, start, p, neg)
}

#[inline]
fn skip_spaces(s: &[u8], mut p: usize) -> usize {
    while p < s.len() && is_space(s[p]) {
        p += 1;
    }
    p
}

/// Decimal numerals: `l_str2int` (integers that fit, with its exact
/// overflow rule) and otherwise `l_str2d`/`strtod`.  `start` is the index
/// of the sign (if any), `p` the index after it.
fn parse_decimal(s: &[u8], start: usize, mut p: usize, neg: bool) -> Option<Number> {
    const MAXBY10: u64 = (i64::MAX / 10) as u64;
    const MAXLASTD: u64 = (i64::MAX % 10) as u64;
    let n = s.len();
    let mut int_val: u64 = 0;
    let mut int_ok = true; // no overflow as an integer (so far)
    let mut mant: u64 = 0; // up to 19 significant digits
    let mut dropped = false; // nonzero digits not in `mant`
    let mut e10: i64 = 0;
    let mut ndigits = 0usize;
    while p < n && s[p].is_ascii_digit() {
        let d = u64::from(s[p] - b'0');
        if int_ok {
            if int_val >= MAXBY10 && (int_val > MAXBY10 || d > MAXLASTD + u64::from(neg)) {
                int_ok = false;
            } else {
                int_val = int_val * 10 + d;
            }
        }
        if mant < 1_000_000_000_000_000_000 {
            mant = mant * 10 + d;
        } else {
            dropped |= d != 0;
            e10 += 1;
        }
        ndigits += 1;
        p += 1;
    }
    let mut is_float = false;
    if p < n && s[p] == b'.' {
        is_float = true;
        p += 1;
        while p < n && s[p].is_ascii_digit() {
            let d = u64::from(s[p] - b'0');
            if mant < 1_000_000_000_000_000_000 {
                mant = mant * 10 + d;
                e10 -= 1;
            } else {
                dropped |= d != 0;
            }
            ndigits += 1;
            p += 1;
        }
    }
    if ndigits == 0 {
        return None;
    }
    if p < n && (s[p] == b'e' || s[p] == b'E') {
        let mut q = p + 1;
        let mut eneg = false;
        if q < n && (s[q] == b'-' || s[q] == b'+') {
            eneg = s[q] == b'-';
            q += 1;
        }
        if q < n && s[q].is_ascii_digit() {
            let mut e: i64 = 0;
            while q < n && s[q].is_ascii_digit() {
                e = (e * 10 + i64::from(s[q] - b'0')).min(1 << 40);
                q += 1;
            }
            e10 += if eneg { -e } else { e };
            is_float = true;
            p = q;
        }
    }
    let end = p;
    if skip_spaces(s, end) != n {
        return None;
    }
    if !is_float && int_ok {
        return Some(Number::Int(
            if neg { int_val.wrapping_neg() } else { int_val } as i64,
        ));
    }
    // Exact fast path (Clinger): both operands exact, one rounding.
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let v = if !dropped && mant <= (1u64 << 53) && (-22..=22).contains(&e10) {
        let m = mant as f64;
        let v = if e10 < 0 {
            m / POW10[(-e10) as usize]
        } else {
            m * POW10[e10 as usize]
        };
        if neg {
            -v
        } else {
            v
        }
    } else {
        // The numeral is plain ASCII in a syntax Rust's parser accepts
        // (and correctly rounds).
        std::str::from_utf8(&s[start..end])
            .ok()?
            .parse::<f64>()
            .ok()?
    };
    Some(Number::Float(v))
}

/// Parses the part of a hexadecimal float after `0x` (like `strtod`).
/// Returns the (non-negative) value and the end position, or `None` if
/// there is no hexadecimal digit.
fn parse_hex_float(s: &[u8], mut p: usize) -> Option<(f64, usize)> {
    let n = s.len();
    let mut m: u64 = 0; // significant bits gathered so far
    let mut exp: i64 = 0; // binary exponent adjustment
    let mut sticky = false; // nonzero digits dropped
    let mut any = false;
    let mut after_point = false;
    while p < n {
        let c = s[p];
        if c == b'.' {
            if after_point {
                break;
            }
            after_point = true;
            p += 1;
            continue;
        }
        let Some(d) = hex_value(c) else { break };
        any = true;
        if m < (1u64 << 60) {
            m = m * 16 + u64::from(d);
            if after_point {
                exp -= 4;
            }
        } else {
            sticky |= d != 0;
            if !after_point {
                exp += 4;
            }
        }
        p += 1;
    }
    if !any {
        return None;
    }
    if p < n && (s[p] == b'p' || s[p] == b'P') {
        let mut q = p + 1;
        let mut eneg = false;
        if q < n && (s[q] == b'-' || s[q] == b'+') {
            eneg = s[q] == b'-';
            q += 1;
        }
        if q < n && s[q].is_ascii_digit() {
            let mut e: i64 = 0;
            while q < n && s[q].is_ascii_digit() {
                e = (e * 10 + i64::from(s[q] - b'0')).min(1 << 40);
                q += 1;
            }
            exp += if eneg { -e } else { e };
            p = q;
        }
    }
    if m == 0 {
        return Some((0.0, p));
    }
    Some((make_f64(m, exp, sticky), p))
}

/// Correctly rounds `m * 2^e2` (plus a sticky bit of dropped nonzero
/// bits below `m`) to the nearest double, ties to even.
fn make_f64(m: u64, e2: i64, sticky: bool) -> f64 {
    let lz = m.leading_zeros();
    let m = m << lz;
    let e2 = e2 - i64::from(lz);
    // value = m * 2^e2 with m in [2^63, 2^64): biased exponent of the top bit
    let biased = e2 + 63 + 1023;
    if biased >= 2047 {
        return f64::INFINITY;
    }
    let (shift, base) = if biased >= 1 {
        (11i64, ((biased - 1) as u64) << 52)
    } else {
        (12 - biased, 0u64)
    };
    if shift > 64 {
        return 0.0; // below half of the smallest subnormal
    }
    let wide = u128::from(m);
    let mut mant = (wide >> shift) as u64;
    let rem = wide & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    if rem > half || (rem == half && (sticky || mant & 1 == 1)) {
        mant += 1;
    }
    f64::from_bits(base + mant)
}

/// `tonumber(s, base)`: converts `s` as an integer numeral in `base`.
///
/// Follows `b_str2int` (`lbaselib.c`): optional surrounding whitespace,
/// an optional `-` (or `+`), then at least one alphanumeric digit, each
/// of which must be smaller than `base` (letters count from 10, either
/// case); the result wraps around modulo 2^64.  Returns `None` for an
/// invalid numeral, for a string with an embedded NUL, or if `base` is not
/// in `2..=36` (Lua raises "base out of range" for that case; the caller
/// should check it first to produce the error).
pub fn tonumber_base(s: &[u8], base: u32) -> Option<i64> {
    if !(2..=36).contains(&base) {
        return None;
    }
    let n = s.len();
    let mut p = 0;
    while p < n && is_space(s[p]) {
        p += 1;
    }
    let mut neg = false;
    if p < n && s[p] == b'-' {
        neg = true;
        p += 1;
    } else if p < n && s[p] == b'+' {
        p += 1;
    }
    if p >= n || !s[p].is_ascii_alphanumeric() {
        return None;
    }
    let mut acc: u64 = 0;
    while p < n && s[p].is_ascii_alphanumeric() {
        let c = s[p];
        let digit = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c.to_ascii_uppercase() - b'A') + 10
        };
        if digit >= base {
            return None;
        }
        acc = acc
            .wrapping_mul(u64::from(base))
            .wrapping_add(u64::from(digit));
        p += 1;
    }
    while p < n && is_space(s[p]) {
        p += 1;
    }
    if p != n {
        return None;
    }
    Some(if neg { 0u64.wrapping_sub(acc) } else { acc } as i64)
}

const DEC_DIGITS_LUT: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Writes the decimal digits of `n` at the end of `buf`, returning the
/// index of the first digit.
#[inline]
fn u64_digits(mut n: u64, buf: &mut [u8; 20]) -> usize {
    let mut cur = 20;
    while n >= 10_000 {
        let rem = (n % 10_000) as usize;
        n /= 10_000;
        let d1 = (rem / 100) * 2;
        let d2 = (rem % 100) * 2;
        buf[cur - 4..cur - 2].copy_from_slice(&DEC_DIGITS_LUT[d1..d1 + 2]);
        buf[cur - 2..cur].copy_from_slice(&DEC_DIGITS_LUT[d2..d2 + 2]);
        cur -= 4;
    }
    let mut n = n as usize;
    if n >= 100 {
        let d = (n % 100) * 2;
        n /= 100;
        buf[cur - 2..cur].copy_from_slice(&DEC_DIGITS_LUT[d..d + 2]);
        cur -= 2;
    }
    if n < 10 {
        cur -= 1;
        buf[cur] = b'0' + n as u8;
    } else {
        let d = n * 2;
        buf[cur - 2..cur].copy_from_slice(&DEC_DIGITS_LUT[d..d + 2]);
        cur -= 2;
    }
    cur
}

/// Appends the decimal representation of `i` (`"%d"`, i.e. `tostring`
/// of an integer) to `buf`.
#[inline]
pub fn write_int(buf: &mut Vec<u8>, i: i64) {
    let mut tmp = [0u8; 20];
    let start = u64_digits(i.unsigned_abs(), &mut tmp);
    if i < 0 {
        buf.push(b'-');
    }
    buf.extend_from_slice(&tmp[start..]);
}

/// Returns the decimal representation of `i` (`tostring` of an integer).
pub fn fmt_int(i: i64) -> String {
    let mut tmp = [0u8; 20];
    let start = u64_digits(i.unsigned_abs(), &mut tmp);
    let mut s = String::with_capacity(21);
    if i < 0 {
        s.push('-');
    }
    // The digits are ASCII.
    for &c in &tmp[start..] {
        s.push(char::from(c));
    }
    s
}

/// A fixed-capacity ASCII buffer usable as a `fmt::Write` target.
struct StackBuf {
    buf: [u8; 40],
    len: usize,
}

impl std::fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let b = s.as_bytes();
        let end = self.len + b.len();
        if end > self.buf.len() {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(b);
        self.len = end;
        Ok(())
    }
}

/// Appends `tostring(f)` for a float `f` to `buf`.
///
/// This is C's `"%.14g"` (as printed by glibc) followed by `".0"` when the
/// result contains only digits and a minus sign: `1.0` -> `"1.0"`,
/// `0.1` -> `"0.1"`, `1e15` -> `"1e+15"`, `-0.0` -> `"-0.0"`,
/// `inf` -> `"inf"`, `-inf` -> `"-inf"`.  NaN prints as `"nan"`, or as
/// `"-nan"` when its sign bit is set (glibc prints the sign of a NaN; on
/// x86-64 the NaN produced by `0/0` has the sign bit set, so Lua prints
/// `-nan` for `0/0` and `nan` for `-(0/0)`).
pub fn write_float(buf: &mut Vec<u8>, f: f64) {
    if f.is_nan() {
        buf.extend_from_slice(if f.is_sign_negative() {
            b"-nan"
        } else {
            b"nan"
        });
        return;
    }
    if f.is_infinite() {
        buf.extend_from_slice(if f < 0.0 { b"-inf" } else { b"inf" });
        return;
    }
    let a = f.abs();
    // Fast path: integral values with at most 14 digits print exactly.
    if a < 1e14 && a.trunc() == a {
        let mut tmp = [0u8; 20];
        let start = u64_digits(a as u64, &mut tmp);
        if f.is_sign_negative() {
            buf.push(b'-');
        }
        buf.extend_from_slice(&tmp[start..]);
        buf.extend_from_slice(b".0");
        return;
    }
    // General case: 14 significant digits, correctly rounded.
    let (q, exp) = digits14_fast(a).unwrap_or_else(|| digits14_slow(a));
    let mut digits = [0u8; 20];
    let first = u64_digits(q, &mut digits);
    debug_assert_eq!(first, 6);
    let digits = &digits[6..];
    // Number of significant digits after removing trailing zeros.
    let mut nd = 14;
    while nd > 1 && digits[nd - 1] == b'0' {
        nd -= 1;
    }
    if f.is_sign_negative() {
        buf.push(b'-');
    }
    if !(-4..14).contains(&exp) {
        // Exponential style.
        buf.push(digits[0]);
        if nd > 1 {
            buf.push(b'.');
            buf.extend_from_slice(&digits[1..nd]);
        }
        buf.push(b'e');
        buf.push(if exp < 0 { b'-' } else { b'+' });
        let ea = exp.unsigned_abs();
        if ea < 10 {
            buf.push(b'0');
        }
        let mut tmp = [0u8; 20];
        let start = u64_digits(u64::from(ea), &mut tmp);
        buf.extend_from_slice(&tmp[start..]);
    } else if exp < 0 {
        buf.extend_from_slice(b"0.");
        for _ in 0..(-exp - 1) {
            buf.push(b'0');
        }
        buf.extend_from_slice(&digits[..nd]);
    } else {
        let int_len = exp as usize + 1;
        if nd <= int_len {
            buf.extend_from_slice(&digits[..nd]);
            for _ in nd..int_len {
                buf.push(b'0');
            }
            buf.extend_from_slice(b".0"); // looks like an integer
        } else {
            buf.extend_from_slice(&digits[..int_len]);
            buf.push(b'.');
            buf.extend_from_slice(&digits[int_len..nd]);
        }
    }
}

/// Powers of ten up to 10^38 (all fit in a `u128`).
const POW10_U128: [u128; 39] = {
    let mut t = [1u128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// The 14 significant digits of `a` (finite, > 0), correctly rounded
/// (ties to even on the exact binary value, like glibc), as an integer
/// `q` in `[10^13, 10^14)` and the decimal exponent `x` (`a ~ q * 10^(x-13)`).
///
/// Exact integer arithmetic on `u128`; returns `None` outside the range
/// it handles (about `1e-9 ..= 1.7e38` and subnormals excluded).
fn digits14_fast(a: f64) -> Option<(u64, i32)> {
    const P13: u64 = 10_000_000_000_000;
    const P14: u64 = 100_000_000_000_000;
    let bits = a.to_bits();
    let be = (bits >> 52) as i32;
    if be == 0 {
        return None; // subnormal
    }
    let m = u128::from((bits & ((1u64 << 52) - 1)) | (1u64 << 52));
    let e = be - 1075; // a = m * 2^e
    let e2 = be - 1023; // floor(log2(a))
                        // floor(e2 * log10(2)) <= log10(a) < that + 1.31: x is X or X - 1.
    let mut x = (e2 * 78_913) >> 18;
    for _ in 0..2 {
        let k = 13 - x;
        // q = floor(a * 10^k); `up` says whether to round q up.
        let (q, up) = if k >= 0 {
            if k > 22 || e >= 0 {
                return None;
            }
            let s = (-e) as u32;
            if s >= 127 {
                return None;
            }
            let n = m * POW10_U128[k as usize];
            let q = n >> s;
            let rem = n & ((1u128 << s) - 1);
            let half = 1u128 << (s - 1);
            (q, rem > half || (rem == half && q & 1 == 1))
        } else {
            let j = (-k) as usize;
            if j > 38 {
                return None;
            }
            let (n, d) = if e >= 0 {
                if e > 74 {
                    return None;
                }
                (m << e, POW10_U128[j])
            } else {
                // a >= 1e14 here, so -e is small.
                (m, POW10_U128[j] << (-e) as u32)
            };
            if d >= (1u128 << 126) {
                return None;
            }
            let q = n / d;
            let rem2 = (n % d) * 2;
            (q, rem2 > d || (rem2 == d && q & 1 == 1))
        };
        if q >= u128::from(P14) {
            x += 1; // the estimate was one too low
            continue;
        }
        debug_assert!(q >= u128::from(P13));
        let q = q as u64 + u64::from(up);
        return Some(if q == P14 { (P13, x + 1) } else { (q, x) });
    }
    None
}

/// Same as [`digits14_fast`] for any finite `a > 0`, using Rust's exact
/// (correctly rounded, ties to even) `{:.13e}` formatting.
fn digits14_slow(a: f64) -> (u64, i32) {
    let mut sb = StackBuf {
        buf: [0; 40],
        len: 0,
    };
    // "d.ddddddddddddde[-]x": cannot exceed the buffer.
    let _ = write!(sb, "{:.13e}", a);
    let text = &sb.buf[..sb.len];
    let mut q: u64 = 0;
    let mut exp: i32 = 0;
    let mut eneg = false;
    let mut in_exp = false;
    for &c in text {
        match c {
            b'e' => in_exp = true,
            b'-' => eneg = true,
            b'0'..=b'9' if in_exp => exp = exp * 10 + i32::from(c - b'0'),
            b'0'..=b'9' => q = q * 10 + u64::from(c - b'0'),
            _ => {}
        }
    }
    (q, if eneg { -exp } else { exp })
}

/// Returns `tostring(f)` for a float `f`; see [`write_float`].
pub fn fmt_float(f: f64) -> String {
    let mut v = Vec::with_capacity(24);
    write_float(&mut v, f);
    // write_float only emits ASCII.
    String::from_utf8(v).unwrap_or_default()
}

/// Appends `tostring(n)` to `buf` (integer or float rules).
pub fn write_number(buf: &mut Vec<u8>, n: Number) {
    match n {
        Number::Int(i) => write_int(buf, i),
        Number::Float(f) => write_float(buf, f),
    }
}

/// Rounding mode for float -> integer conversions (`F2Imod` in `lvm.h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum F2I {
    /// `F2Ieq`: only accept floats with an exact integral value.
    Eq,
    /// `F2Ifloor`: take the floor of the float.
    Floor,
    /// `F2Iceil`: take the ceiling of the float.
    Ceil,
}

/// `luaV_flttointns`: converts `f` to an integer with rounding `mode`.
///
/// Returns `None` if the (rounded) value is outside the `i64` range, if
/// `f` is NaN, or (mode [`F2I::Eq`]) if `f` is not integral.
#[inline]
pub fn float_to_int(f: f64, mode: F2I) -> Option<i64> {
    let mut fl = f.floor();
    if f != fl {
        match mode {
            F2I::Eq => return None,
            F2I::Ceil => fl += 1.0,
            F2I::Floor => {}
        }
    }
    // lua_numbertointeger: -2^63 <= fl < 2^63 (false for NaN).
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&fl) {
        Some(fl as i64)
    } else {
        None
    }
}

/// `luaV_flttointns(f, F2Ieq)`: the integer equal to `f`, if `f` has an
/// exact integral value representable as an `i64` (`3.0` -> `Some(3)`,
/// `3.5`, `2^63`, NaN and infinities -> `None`).
#[inline]
pub fn float_to_int_exact(f: f64) -> Option<i64> {
    float_to_int(f, F2I::Eq)
}

/// `luaV_flttointns(f, F2Ifloor)`: `floor(f)` as an `i64`, if in range.
#[inline]
pub fn float_to_int_floor(f: f64) -> Option<i64> {
    float_to_int(f, F2I::Floor)
}

/// `luaV_flttointns(f, F2Iceil)`: `ceil(f)` as an `i64`, if in range.
#[inline]
pub fn float_to_int_ceil(f: f64) -> Option<i64> {
    float_to_int(f, F2I::Ceil)
}

/// `l_intfitsf`: whether `i` is in `[-2^53, 2^53]` (exactly convertible).
#[inline]
fn int_fits_float(i: i64) -> bool {
    const MAXINTFITSF: u64 = 1 << 53;
    MAXINTFITSF.wrapping_add(i as u64) <= 2 * MAXINTFITSF
}

/// `LTintfloat`: exact `i < f` (false if `f` is NaN).
#[inline]
pub fn int_float_lt(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) < f
    } else {
        match float_to_int(f, F2I::Ceil) {
            Some(fi) => i < fi,
            None => f > 0.0,
        }
    }
}

/// `LEintfloat`: exact `i <= f` (false if `f` is NaN).
#[inline]
pub fn int_float_le(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) <= f
    } else {
        match float_to_int(f, F2I::Floor) {
            Some(fi) => i <= fi,
            None => f > 0.0,
        }
    }
}

/// `LTfloatint`: exact `f < i` (false if `f` is NaN).
#[inline]
pub fn float_int_lt(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f < (i as f64)
    } else {
        match float_to_int(f, F2I::Floor) {
            Some(fi) => fi < i,
            None => f < 0.0,
        }
    }
}

/// `LEfloatint`: exact `f <= i` (false if `f` is NaN).
#[inline]
pub fn float_int_le(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f <= (i as f64)
    } else {
        match float_to_int(f, F2I::Ceil) {
            Some(fi) => fi <= i,
            None => f < 0.0,
        }
    }
}

/// Exact `i == f` (the mixed-subtype case of `luaV_equalobj`): true only
/// if `f` has an exact integral value equal to `i`.
#[inline]
pub fn int_float_eq(i: i64, f: f64) -> bool {
    float_to_int_exact(f) == Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: Option<Number>, b: Option<Number>) -> bool {
        match (a, b) {
            (Some(Number::Float(x)), Some(Number::Float(y))) => x.to_bits() == y.to_bits(),
            _ => a == b,
        }
    }

    #[test]
    fn str2number_matches_lua() {
        for &(s, expected) in STR2NUMBER {
            let got = str2number(s);
            assert!(
                same(got, expected),
                "{:?}: got {:?}, expected {:?}",
                String::from_utf8_lossy(s),
                got,
                expected
            );
        }
    }

    #[test]
    fn tonumber_base_matches_lua() {
        for &(s, base, expected) in TONUMBER_BASE {
            assert_eq!(
                tonumber_base(s, base),
                expected,
                "{:?} base {}",
                String::from_utf8_lossy(s),
                base
            );
        }
        assert_eq!(tonumber_base(b"10", 1), None);
        assert_eq!(tonumber_base(b"10", 37), None);
    }

    #[test]
    fn tostring_float_matches_lua() {
        for &(b, expected) in TOSTRING_FLOAT {
            let f = f64::from_bits(b);
            assert_eq!(fmt_float(f), expected, "bits {:#x} ({:e})", b, f);
            let mut v = b"x".to_vec();
            write_float(&mut v, f);
            assert_eq!(&v[1..], expected.as_bytes());
        }
        // 0/0 on x86-64 has the sign bit set: lua prints "-nan" for it.
        assert_eq!(fmt_float(f64::from_bits(0xfff8_0000_0000_0000)), "-nan");
        assert_eq!(fmt_float(f64::from_bits(0x7ff8_0000_0000_0000)), "nan");
        assert_eq!(fmt_float(f64::INFINITY), "inf");
        assert_eq!(fmt_float(f64::NEG_INFINITY), "-inf");
        assert_eq!(fmt_float(-0.0), "-0.0");
    }

    /// Checks the integer fast path of `%.14g` against Rust's exact
    /// formatting on many doubles, including exact ties.
    #[test]
    fn fast_digits_agree_with_exact_formatting() {
        let mut st: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            st ^= st << 13;
            st ^= st >> 7;
            st ^= st << 17;
            st
        };
        let mut checked = 0;
        for i in 0..100_000u32 {
            let r = next();
            let a = match i % 4 {
                // random mantissa, exponent in the fast range
                0 => f64::from_bits((r & ((1 << 52) - 1)) | ((980 + (r >> 52) % 160) << 52)),
                // short decimals like 123.456
                1 => (r % 1_000_000_000) as f64 / 10f64.powi((r >> 40) as i32 % 12),
                // exact ties: 15 digits ending in 5, scaled by a power of two
                2 => {
                    ((r % 100_000_000_000_000) * 10 + 5) as f64 / (1u64 << ((r >> 50) % 12)) as f64
                }
                // integers around 10^14..10^20
                _ => (r >> ((r & 15) as u32)) as f64,
            };
            if !(a > 0.0 && a.is_finite()) {
                continue;
            }
            if let Some(fast) = digits14_fast(a) {
                assert_eq!(fast, digits14_slow(a), "{:e} ({:#x})", a, a.to_bits());
                checked += 1;
            }
        }
        assert!(checked > 80_000, "{}", checked);
    }

    #[test]
    fn ints() {
        let cases: &[(i64, &str)] = &[
            (0, "0"),
            (-1, "-1"),
            (9, "9"),
            (10, "10"),
            (99, "99"),
            (100, "100"),
            (12345, "12345"),
            (-98765, "-98765"),
            (1_000_000_007, "1000000007"),
            (i64::MAX, "9223372036854775807"),
            (i64::MIN, "-9223372036854775808"),
        ];
        for &(i, s) in cases {
            assert_eq!(fmt_int(i), s);
            let mut v = Vec::new();
            write_int(&mut v, i);
            assert_eq!(v, s.as_bytes());
            write_number(&mut v, Number::Int(1));
            write_number(&mut v, Number::Float(1.0));
            assert_eq!(v, format!("{}11.0", s).as_bytes());
        }
        let mut x: i64 = 1;
        for _ in 0..200 {
            assert_eq!(fmt_int(x), x.to_string());
            assert_eq!(fmt_int(-x), (-x).to_string());
            x = x.wrapping_mul(7).wrapping_add(3);
        }
    }

    #[test]
    fn comparisons_match_lua() {
        for &(i, b, [lt, le, flt, fle, eq]) in CMP {
            let f = f64::from_bits(b);
            assert_eq!(int_float_lt(i, f), lt, "{} < {:e}", i, f);
            assert_eq!(int_float_le(i, f), le, "{} <= {:e}", i, f);
            assert_eq!(float_int_lt(f, i), flt, "{:e} < {}", f, i);
            assert_eq!(float_int_le(f, i), fle, "{:e} <= {}", f, i);
            assert_eq!(int_float_eq(i, f), eq, "{} == {:e}", i, f);
        }
    }

    #[test]
    fn float_to_int_matches_lua() {
        for &(b, [eq, floor, ceil]) in F2I_CASES {
            let f = f64::from_bits(b);
            assert_eq!(float_to_int_exact(f), eq, "eq {:e}", f);
            assert_eq!(float_to_int_floor(f), floor, "floor {:e}", f);
            assert_eq!(float_to_int_ceil(f), ceil, "ceil {:e}", f);
        }
    }

    #[test]
    fn hex_float_rounding_exhaustive_small() {
        // Compare the hexadecimal parser with exact integer conversion for
        // integers that need rounding (more than 53 bits).
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let s = format!("0x{:x}.0", x);
            match str2number(s.as_bytes()) {
                Some(Number::Float(f)) => assert_eq!(f, x as f64, "{}", s),
                other => panic!("{}: {:?}", s, other),
            }
        }
    }

    const STR2NUMBER: &[(&[u8], Option<Number>)] = &[
        (b"0", Some(Number::Int(0))),
        (b"1", Some(Number::Int(1))),
        (b"-1", Some(Number::Int(-1))),
        (b"+1", Some(Number::Int(1))),
        (b" 10 ", Some(Number::Int(10))),
        (
            b"\x09\x0a\x0b\x0c\x0d 42 \x09\x0a\x0b\x0c\x0d",
            Some(Number::Int(42)),
        ),
        (b"1 2", None),
        (b"", None),
        (b" ", None),
        (b"-", None),
        (b"+", None),
        (b"--1", None),
        (b"- 1", None),
        (b"+-1", None),
        (
            b"9223372036854775807",
            Some(Number::Int(9223372036854775807)),
        ),
        (
            b"9223372036854775808",
            Some(Number::Float(f64::from_bits(0x43e0000000000000_u64))),
        ),
        (b"-9223372036854775808", Some(Number::Int(i64::MIN))),
        (
            b"-9223372036854775809",
            Some(Number::Float(f64::from_bits(0xc3e0000000000000_u64))),
        ),
        (
            b"18446744073709551616",
            Some(Number::Float(f64::from_bits(0x43f0000000000000_u64))),
        ),
        (
            b"123456789012345678901234567890",
            Some(Number::Float(f64::from_bits(0x45f8ee90ff6c373e_u64))),
        ),
        (
            b"00000000000000000000000000000000012",
            Some(Number::Int(12)),
        ),
        (b"0x", None),
        (b"0X", None),
        (b"0x0", Some(Number::Int(0))),
        (b"0xff", Some(Number::Int(255))),
        (b"0XFF", Some(Number::Int(255))),
        (b"-0xff", Some(Number::Int(-255))),
        (
            b"0x7fffffffffffffff",
            Some(Number::Int(9223372036854775807)),
        ),
        (b"0x8000000000000000", Some(Number::Int(i64::MIN))),
        (b"0xffffffffffffffff", Some(Number::Int(-1))),
        (b"0x10000000000000000", Some(Number::Int(0))),
        (
            b"0x123456789abcdef0123",
            Some(Number::Int(5001117282205630755)),
        ),
        (b"-0x1", Some(Number::Int(-1))),
        (b"0x 1", None),
        (b"0xg", None),
        (b"0x.", None),
        (b"0x.p1", None),
        (b"0x1p", None),
        (b"0x1p+", None),
        (b"0x1p-", None),
        (
            b"0x1P4",
            Some(Number::Float(f64::from_bits(0x4030000000000000_u64))),
        ),
        (
            b"0x1.8p3",
            Some(Number::Float(f64::from_bits(0x4028000000000000_u64))),
        ),
        (
            b"0x.8",
            Some(Number::Float(f64::from_bits(0x3fe0000000000000_u64))),
        ),
        (
            b"0x8.",
            Some(Number::Float(f64::from_bits(0x4020000000000000_u64))),
        ),
        (
            b"0xA.Bp-2",
            Some(Number::Float(f64::from_bits(0x4005600000000000_u64))),
        ),
        (
            b"0x1p-1074",
            Some(Number::Float(f64::from_bits(0x0000000000000001_u64))),
        ),
        (
            b"0x1p-1075",
            Some(Number::Float(f64::from_bits(0x0000000000000000_u64))),
        ),
        (
            b"0x1p-1076",
            Some(Number::Float(f64::from_bits(0x0000000000000000_u64))),
        ),
        (
            b"0x1.8p-1075",
            Some(Number::Float(f64::from_bits(0x0000000000000001_u64))),
        ),
        (
            b"0x1.0000000000001p-1075",
            Some(Number::Float(f64::from_bits(0x0000000000000001_u64))),
        ),
        (
            b"0x3p-1076",
            Some(Number::Float(f64::from_bits(0x0000000000000001_u64))),
        ),
        (
            b"0x1p1023",
            Some(Number::Float(f64::from_bits(0x7fe0000000000000_u64))),
        ),
        (
            b"0x1p1024",
            Some(Number::Float(f64::from_bits(0x7ff0000000000000_u64))),
        ),
        (
            b"0x1.fffffffffffffp1023",
            Some(Number::Float(f64::from_bits(0x7fefffffffffffff_u64))),
        ),
        (
            b"0x1.fffffffffffff8p1023",
            Some(Number::Float(f64::from_bits(0x7ff0000000000000_u64))),
        ),
        (
            b"0x1.fffffffffffff7ffp1023",
            Some(Number::Float(f64::from_bits(0x7fefffffffffffff_u64))),
        ),
        (
            b"0x1.00000000000008p0",
            Some(Number::Float(f64::from_bits(0x3ff0000000000000_u64))),
        ),
        (
            b"0x1.00000000000008000001p0",
            Some(Number::Float(f64::from_bits(0x3ff0000000000001_u64))),
        ),
        (
            b"0x1.00000000000018p0",
            Some(Number::Float(f64::from_bits(0x3ff0000000000002_u64))),
        ),
        (
            b"0x1.00000000000017ffp0",
            Some(Number::Float(f64::from_bits(0x3ff0000000000001_u64))),
        ),
        (
            b"0x123456789abcdef123456789p0",
            Some(Number::Float(f64::from_bits(0x45b23456789abcdf_u64))),
        ),
        (
            b"0x0.000000000000000000000000001p0",
            Some(Number::Float(f64::from_bits(0x3930000000000000_u64))),
        ),
        (
            b"0x1p99999999999999999999",
            Some(Number::Float(f64::from_bits(0x7ff0000000000000_u64))),
        ),
        (
            b"0x1p-99999999999999999",
            Some(Number::Float(f64::from_bits(0x0000000000000000_u64))),
        ),
        (
            b"0x000000000000000000000000000000000001p0",
            Some(Number::Float(f64::from_bits(0x3ff0000000000000_u64))),
        ),
        (
            b"0x1.p1",
            Some(Number::Float(f64::from_bits(0x4000000000000000_u64))),
        ),
        (
            b"-0x1.8p1",
            Some(Number::Float(f64::from_bits(0xc008000000000000_u64))),
        ),
        (b"0x1e", Some(Number::Int(30))),
        (b"0x1e+2", None),
        (b"0x1.e+2", None),
        (b"  0x10  ", Some(Number::Int(16))),
        (
            b"1.5",
            Some(Number::Float(f64::from_bits(0x3ff8000000000000_u64))),
        ),
        (
            b"-1.5",
            Some(Number::Float(f64::from_bits(0xbff8000000000000_u64))),
        ),
        (
            b".5",
            Some(Number::Float(f64::from_bits(0x3fe0000000000000_u64))),
        ),
        (
            b"5.",
            Some(Number::Float(f64::from_bits(0x4014000000000000_u64))),
        ),
        (b".", None),
        (
            b"-.5",
            Some(Number::Float(f64::from_bits(0xbfe0000000000000_u64))),
        ),
        (
            b"1e10",
            Some(Number::Float(f64::from_bits(0x4202a05f20000000_u64))),
        ),
        (
            b"1E10",
            Some(Number::Float(f64::from_bits(0x4202a05f20000000_u64))),
        ),
        (
            b"1e+10",
            Some(Number::Float(f64::from_bits(0x4202a05f20000000_u64))),
        ),
        (
            b"1e-10",
            Some(Number::Float(f64::from_bits(0x3ddb7cdfd9d7bdbb_u64))),
        ),
        (b"1e", None),
        (b"1e+", None),
        (
            b"1.e5",
            Some(Number::Float(f64::from_bits(0x40f86a0000000000_u64))),
        ),
        (b".e5", None),
        (b"e5", None),
        (
            b"1.5e308",
            Some(Number::Float(f64::from_bits(0x7feab36d48e1acf0_u64))),
        ),
        (
            b"1e309",
            Some(Number::Float(f64::from_bits(0x7ff0000000000000_u64))),
        ),
        (
            b"-1e309",
            Some(Number::Float(f64::from_bits(0xfff0000000000000_u64))),
        ),
        (
            b"1e-400",
            Some(Number::Float(f64::from_bits(0x0000000000000000_u64))),
        ),
        (
            b"4.9e-324",
            Some(Number::Float(f64::from_bits(0x0000000000000001_u64))),
        ),
        (
            b"2.4e-324",
            Some(Number::Float(f64::from_bits(0x0000000000000000_u64))),
        ),
        (
            b"2.5e-324",
            Some(Number::Float(f64::from_bits(0x0000000000000001_u64))),
        ),
        (
            b"0.1",
            Some(Number::Float(f64::from_bits(0x3fb999999999999a_u64))),
        ),
        (
            b"0.30000000000000004",
            Some(Number::Float(f64::from_bits(0x3fd3333333333334_u64))),
        ),
        (b"123456789012345678", Some(Number::Int(123456789012345678))),
        (
            b"1.7976931348623157e308",
            Some(Number::Float(f64::from_bits(0x7fefffffffffffff_u64))),
        ),
        (
            b"1.7976931348623158e308",
            Some(Number::Float(f64::from_bits(0x7fefffffffffffff_u64))),
        ),
        (
            b"1.7976931348623159e308",
            Some(Number::Float(f64::from_bits(0x7ff0000000000000_u64))),
        ),
        (b"inf", None),
        (b"-inf", None),
        (b"nan", None),
        (b"NaN", None),
        (b"INF", None),
        (b"infinity", None),
        (b"1e5 n", None),
        (b"0x1n", None),
        (b"1\x00", None),
        (b"1\x00 ", None),
        (b"\x00", None),
        (b"1 \x00", None),
        (b"0x1\x00", None),
        (b"1.5 x", None),
        (b"1..5", None),
        (b"1.5.", None),
        (b"1e5.5", None),
        (b"  -  1", None),
        (b"1_000", None),
        (b"\xef\xbc\x91", None),
        (
            b"1.0",
            Some(Number::Float(f64::from_bits(0x3ff0000000000000_u64))),
        ),
        (b"-0", Some(Number::Int(0))),
        (
            b"-0.0",
            Some(Number::Float(f64::from_bits(0x8000000000000000_u64))),
        ),
        (
            b"0.0",
            Some(Number::Float(f64::from_bits(0x0000000000000000_u64))),
        ),
        (
            b"3.14159265358979323846264338327950288",
            Some(Number::Float(f64::from_bits(0x400921fb54442d18_u64))),
        ),
        (
            b"2.2250738585072011e-308",
            Some(Number::Float(f64::from_bits(0x000fffffffffffff_u64))),
        ),
        (
            b"2.2250738585072012e-308",
            Some(Number::Float(f64::from_bits(0x0010000000000000_u64))),
        ),
        (b"9007199254740993", Some(Number::Int(9007199254740993))),
        (
            b"9007199254740993.0",
            Some(Number::Float(f64::from_bits(0x4340000000000000_u64))),
        ),
        (
            b"9223372036854775807.0",
            Some(Number::Float(f64::from_bits(0x43e0000000000000_u64))),
        ),
        (
            b"0x.0000000000001p-1022",
            Some(Number::Float(f64::from_bits(0x0000000000000001_u64))),
        ),
        (b"+0x10", Some(Number::Int(16))),
        (
            b"+.5",
            Some(Number::Float(f64::from_bits(0x3fe0000000000000_u64))),
        ),
        (
            b"1e00000000000000000000000000000000001",
            Some(Number::Float(f64::from_bits(0x4024000000000000_u64))),
        ),
        (
            b"1e-00000000000000000000000000000000001",
            Some(Number::Float(f64::from_bits(0x3fb999999999999a_u64))),
        ),
        (
            b"0.0000000000000000000000000000000000000000001e43",
            Some(Number::Float(f64::from_bits(0x3ff0000000000000_u64))),
        ),
    ];
    const TONUMBER_BASE: &[(&[u8], u32, Option<i64>)] = &[
        (b"10", 2, Some(2)),
        (b"11", 2, Some(3)),
        (b"12", 2, None),
        (b"zz", 36, Some(1295)),
        (b"ZZ", 36, Some(1295)),
        (b"-ff", 16, Some(-255)),
        (b"+ff", 16, Some(255)),
        (b" ff ", 16, Some(255)),
        (b"ff", 15, None),
        (b"", 10, None),
        (b" ", 10, None),
        (b"-", 10, None),
        (b"7fffffffffffffff", 16, Some(9223372036854775807)),
        (b"8000000000000000", 16, Some(i64::MIN)),
        (b"ffffffffffffffff", 16, Some(-1)),
        (b"10000000000000000", 16, Some(0)),
        (
            b"10000000000000000000000000000000000000000000000000000000000000000000000",
            2,
            Some(0),
        ),
        (b"1.5", 10, None),
        (b"0x10", 16, None),
        (b"10\x00", 10, None),
        (b"99999999999999999999999", 10, Some(200376420520689663)),
        (b"- 1", 10, None),
        (b"1 1", 10, None),
        (b"\x091\x0a", 8, Some(1)),
        (b"8", 8, None),
        (b"7", 8, Some(7)),
        (b"abc", 36, Some(13368)),
        (b"a_b", 36, None),
        (b"-0", 10, Some(0)),
        (b"Z", 35, None),
        (b"z", 36, Some(35)),
    ];
    const TOSTRING_FLOAT: &[(u64, &str)] = &[
        (0x3fb999999999999a, "0.1"),
        (0x3fd5555555555555, "0.33333333333333"),
        (0x430c6bf526340000, "1e+15"),
        (0x4341c37937e08000, "1e+16"),
        (0x437b69b4ba630f35, "1.2345678901235e+17"),
        (0x4340000000000000, "9.007199254741e+15"),
        (0x43e0000000000000, "9.2233720368548e+18"),
        (0x0000000000000001, "4.9406564584125e-324"),
        (0x7fefffffffffffff, "1.7976931348623e+308"),
        (0x0000000000000000, "0.0"),
        (0x0000000000000000, "0.0"),
        (0x4059000000000000, "100.0"),
        (0x54b249ad2594c37d, "1e+100"),
        (0x3fd3333333333334, "0.3"),
        (0x42d6bcc41e900000, "1e+14"),
        (0x42d6bcc41e8fffc0, "99999999999999.0"),
        (0x42d6bcc41e8ffffa, "1e+14"),
        (0x42d6bcc41e8ffffd, "1e+14"),
        (0x430c6bf52633fff8, "1e+15"),
        (0x3f1a36e2eb1c432d, "0.0001"),
        (0x3ee4f8b588e368f1, "1e-05"),
        (0x3f202e85be180b5b, "0.00012345678901234"),
        (0x3ff8000000000000, "1.5"),
        (0xbff8000000000000, "-1.5"),
        (0x3ee4f8b588e368f1, "1e-05"),
        (0x405edd2f1a9fbe77, "123.456"),
        (0x0000000000000001, "4.9406564584125e-324"),
        (0x0010000000000000, "2.2250738585072e-308"),
        (0x7ff0000000000000, "inf"),
        (0xfff0000000000000, "-inf"),
        (0x400921fb54442d11, "3.1415926535898"),
        (0x400921fb54442d18, "3.1415926535898"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x4480f0cf064dd592, "1e+22"),
        (0x42a674e79c5fe500, "12345678901234.0"),
        (0x4271f71fb04cb733, "1234567890123.4"),
        (0x3fe0000000000000, "0.5"),
        (0x43dfffffffffffff, "9.2233720368548e+18"),
        (0xc3e0000000000000, "-9.2233720368548e+18"),
        (0x000012688b70e62b, "1e-310"),
        (0x44dfe185ca57c517, "6.02214076e+23"),
        (0x44b52d02c7e14af6, "1e+23"),
        (0x3fefffffffffffff, "1.0"),
        (0x3fefffffffffffd3, "1.0"),
        (0x3fefffffffffffd4, "1.0"),
        (0x3fefffffffffffd2, "0.99999999999999"),
        (0x3f1a36e2eb1c42e3, "9.9999999999999e-05"),
        (0x42d6bcc41e8fffe0, "1e+14"),
        (0x42d6bcc41e8fffdf, "99999999999999.0"),
        (0x5fe6134c577c2469, "9.2494532413766e+153"),
        (0xe755060600d86d76, "-5.854406927848e+189"),
        (0x2a8e65dd8b68040e, "1.060315852461e-103"),
        (0xc174984ce5fdfc76, "-21595342.374508"),
        (0x3df05f7a872568fe, "2.3825797510803e-10"),
        (0x61304186b31a55da, "1.4284017558543e+160"),
        (0xc441f0fe013ca8de, "-6.6191993565258e+20"),
        (0xc4cfdb997c3e6492, "-3.0088851540898e+23"),
        (0xf4fb865f5827aea7, "-3.228806132018e+255"),
        (0xd576e736ada06239, "-5.1297272669407e+103"),
        (0xe9c4acf55d068c90, "-3.1652326438202e+201"),
        (0xbad8bef82167e6e9, "-3.1983421342594e-25"),
        (0xda6b56259491183d, "-3.7009333691359e+127"),
        (0x506ef4ba7686c33f, "2.8675651710137e+79"),
        (0xc468bbd8ed30fa62, "-3.6500614979496e+21"),
        (0x065bfbadb1820f50, "4.9331024628849e-278"),
        (0xb8bf00f12c7de90a, "-2.3324576459719e-35"),
        (0x2eaa717edc93986f, "6.8059312913875e-84"),
        (0xf7d5de3e2e6cf1d7, "-1.8051276280957e+269"),
        (0xe09e9f87e97ce37e, "-2.6277731163773e+157"),
        (0x36d3daa4f6cb3db7, "1.3910745663093e-44"),
        (0x63a7dbdc6b26e8eb, "1.1525418973904e+172"),
        (0x9bd0e4eee3dbf18a, "-1.0672888164373e-174"),
        (0xa246670e0e6c6ccc, "-1.435257060053e-143"),
        (0x74ccbe25b6b7bdd2, "4.2145854819092e+254"),
        (0x0298e396c6b9a770, "3.8056781936489e-296"),
        (0xc619736b91e7489f, "-5.0410622076458e+29"),
        (0xefaf5eba0ae1e09d, "-9.5122135470571e+229"),
        (0x5183e050690d74c7, "4.8266159774037e+84"),
        (0x94e4868b1ea47fb8, "-4.9946841057584e-208"),
        (0x5df7ab66177bf6f5, "4.6181443864021e+144"),
        (0xf8116572b481fe06, "-2.2975900960968e+270"),
        (0x6a85329b1d3b15a5, "1.3292154574707e+205"),
        (0xf45e691c84747cec, "-3.4837040198067e+252"),
        (0x15388ef6b36260a6, "1.9123349791282e-206"),
        (0x18f054f7830b69d5, "1.4662211544174e-188"),
        (0x601cea22706243ab, "9.6920310560732e+154"),
        (0x20e25030fe74fc4a, "2.7972902996234e-150"),
        (0x51805bc7761a55f9, "3.972396618246e+84"),
        (0x7529833a2978a5e8, "2.3942040078844e+256"),
        (0x8c283713675353f4, "-4.2276652581754e-250"),
        (0xbf097ed67890044c, "-4.8628730901619e-05"),
        (0xd47244142f502a4e, "-6.2425273725066e+98"),
        (0xf32646ece8adcad2, "-4.8674801979124e+246"),
        (0x4052bb50cb343699, "74.926806260099"),
        (0x3f3f5281e8d45fca, "0.00047794028871939"),
        (0x2ef92a1114609cb0, "2.0725568388688e-82"),
        (0x128e47619afe619f, "2.6804783486917e-219"),
        (0x885eb87e0cb7fb62, "-2.3260262262776e-268"),
        (0x98c389285dadbdcb, "-2.192316831525e-189"),
        (0x8fdc8dcac6839fa8, "-2.8737462363725e-232"),
        (0xc6fe76fd36df5541, "-9.886393237286e+33"),
        (0x5226b72dafe5f624, "5.6484831535861e+87"),
        (0x4035c90f33b9f305, "21.785388214968"),
        (0x7e7b5f6777921ba7, "1.8331283887494e+301"),
        (0xee1faa27cb458014, "-2.861487016168e+222"),
        (0x95e3872b8ad4197a, "-3.1142314282419e-203"),
        (0x54b79c5a26c2c043, "1.2910657841361e+100"),
        (0xe58abe159b920b90, "-1.3871061437842e+181"),
        (0xb6e73400fdf94423, "-3.251452464291e-44"),
        (0x422a4c54cf6df561, "56474888118.979"),
        (0xe8073921c41f7146, "-1.3244292603721e+193"),
        (0x9be9dcb511ff8888, "-3.2676606069705e-174"),
        (0x82ba5fc7f5867005, "-1.6131050627969e-295"),
        (0x05ed20ee50a2bef8, "4.0117531282342e-280"),
        (0x41b9b07baa8c5ee6, "430996394.54832"),
        (0xbc3053663f2e523a, "-8.8502224821505e-19"),
        (0x0b3bb9b7ddbc2e2a, "1.4772107719273e-254"),
        (0x01d54a46fbeb79d8, "7.9477273399542e-300"),
        (0x8937127cb984e3d7, "-2.8621547935269e-264"),
        (0x1c9a284bd1292fa9, "6.7685736573512e-171"),
        (0x38f424aa9f81ec61, "2.4246529342331e-34"),
        (0x5cec5e319ed8123b, "4.2227549591979e+139"),
        (0x5cb08710f4eb3434, "3.0753027862303e+138"),
        (0x3bf3f79db0d6a327, "6.7651674194133e-20"),
        (0x7e54c69c35069891, "3.4783548526253e+300"),
        (0x184aae812ac11c3b, "1.1696221679725e-191"),
        (0x132c6555f5c4cace, "2.5741146777859e-216"),
        (0xfad8a3fb34a90689, "-5.7251433167994e+283"),
        (0x452e634df0841a9f, "1.8368363300272e+25"),
        (0x99552cbcdd45fb7f, "-1.2166373050329e-186"),
        (0x0f4b4a9d071cfa91, "5.3646345423804e-235"),
        (0x0f2ae51122741e3c, "1.3216656564907e-235"),
        (0x653ab31768c6154c, "4.3277463310635e+179"),
        (0xb2c51ff484dd4a43, "-4.0118441027477e-64"),
        (0x774c76536d37eca8, "4.5887543168922e+266"),
        (0x37f7925bb4804aa4, "4.3294396984556e-39"),
        (0x61fbd482cdb2c8ee, "1.0016425186801e+164"),
        (0x8ec24e02289b22a3, "-1.4055183831012e-237"),
        (0x2a7cd8ee480080aa, "5.0311581933953e-104"),
        (0x315206963e62676b, "4.0808806593614e-71"),
        (0x6bb8932248ab2738, "8.0791551272118e+210"),
        (0x87d67b39fb06cadb, "-6.6491535906933e-271"),
        (0xbf824b67880934ed, "-0.00893288501643"),
        (0xdfdc7dd15f3c6165, "-5.968878719194e+153"),
        (0x395caa559322062f, "2.2082996444825e-32"),
        (0x5ff155019cb9e780, "1.4524054742073e+154"),
        (0xa50100b455bf10e8, "-1.9163335305686e-130"),
        (0x093abd64ca11b612, "3.3171283934467e-264"),
        (0x37420f188d867498, "1.6195842996034e-42"),
        (0x59df3d5f7b0fcb3b, "8.2604861522917e+124"),
        (0x23dd76173300392b, "6.3333537987977e-136"),
        (0x24aea2f426498301, "5.3952503127956e-132"),
        (0xbd391a9123ef6e04, "-8.9186532528356e-14"),
        (0xcf04dec077564771, "-4.6092897327464e+72"),
        (0x60bfccbb9ea80454, "1.0914938299344e+158"),
        (0xdec5cb7075274825, "-3.4835213015406e+148"),
        (0x54a5914cd5fd302b, "5.8967127604619e+99"),
        (0x9d69b25d52725bd9, "-5.4471631858508e-167"),
        (0xbf7d194c113a9548, "-0.0071042033556855"),
        (0x70ad75b5deeba8e7, "5.8543209468668e+234"),
        (0x4155a5791b56e0d0, "5674468.4271776"),
        (0x347005bc8baaaf64, "4.0840270309605e-56"),
        (0x59dd3b5a8b237bf5, "7.729555656915e+124"),
        (0xf0493d1a5f063204, "-7.8367025961358e+232"),
        (0x56767053675a52e1, "3.2936508156095e+108"),
        (0x36bc47dc16a3b759, "4.9537130411113e-45"),
        (0x9e321ada74a2baef, "-3.1439699765007e-163"),
        (0x45acd1b3881fde2f, "4.4595467929755e+27"),
        (0x829d4d430b162561, "-4.4804190802287e-296"),
        (0x280b467583d7f58a, "8.6528686194494e-116"),
        (0x2d0d3d38460041d2, "1.1213880522309e-91"),
        (0xd4b1265f3320c481, "-9.3777774055251e+99"),
        (0xde6fc9d75f1c608a, "-7.9388419579532e+146"),
        (0x8c77e5ad9d28a790, "-1.3350891056965e-248"),
        (0x39b070738c8b5e4a, "8.1051825000526e-31"),
        (0x9c2f2839dc956b27, "-6.2986864358799e-173"),
        (0xee9ba4a40c6bab42, "-6.3950503811128e+224"),
        (0xe8faf00a56eeb4b6, "-5.0340439634341e+197"),
        (0xe2b708f4b48f9f56, "-3.3958267078382e+167"),
        (0x2f94eb3e3bd7b752, "1.7642510250288e-79"),
        (0x6a0a42dd04694183, "6.4325240347822e+202"),
        (0x0bb3b28000ad75f6, "2.6866406697842e-252"),
        (0x430d637d70044e2d, "1.0340205907501e+15"),
        (0x1bde6f4ff78bfa80, "1.9227072981124e-174"),
        (0x08f6c62c5e26feef, "1.7657342162123e-265"),
        (0x505dc90aa3e025f6, "1.3795617079783e+79"),
        (0x406c2e309ed926d9, "225.44343511975"),
        (0x9633a4f6ec9b2013, "-1.0024934010057e-201"),
        (0x5a67512d0ed5f282, "3.1567675428802e+127"),
        (0xd7a95d5c932fac99, "-1.9519918428153e+114"),
        (0x8fa3a6e1111941e9, "-2.4722779203424e-233"),
        (0x2070b3c46ba5031d, "1.9931330730326e-152"),
        (0x5f68cce3c145b461, "4.0590616815063e+151"),
        (0x345a136fd48c03b7, "1.6616538169117e-56"),
        (0xf567c6f8f99a95ee, "-3.5701600719184e+257"),
        (0xa9ab418dbf71a987, "-5.8027623919038e-108"),
        (0x118610af5fb987df, "2.9805789829487e-224"),
        (0x309549ed840e9215, "1.1766623765439e-74"),
        (0xf7bacd5d010f5eff, "-5.5310374544748e+268"),
        (0x9dee798cb179d9e3, "-1.6537630648906e-164"),
        (0xac095d4c81d22182, "-1.4843517440262e-96"),
        (0x94b35ad19951193a, "-5.8872275812067e-209"),
        (0x472e87013ff8ae64, "7.9253565039447e+34"),
        (0x531b0e13a05c7855, "2.204479272315e+92"),
        (0xaca1f47090f398ff, "-1.0759521557216e-93"),
        (0x415b7009a052bfe0, "7192614.5050506"),
        (0xf5d8d6f7fe04f06a, "-4.7740064677567e+259"),
        (0xcd74d702c95afb67, "-1.3716851132072e+65"),
        (0xdc8c28d43f6dbad4, "-6.5495701768848e+137"),
        (0xc637976508d46753, "-1.869102117516e+30"),
        (0x177ef00106d7f0a5, "1.6554964861659e-195"),
        (0x6427778852f8b391, "2.902041853625e+174"),
        (0x3e82706785aa09dc, "1.373818488589e-07"),
        (0x6cdf8d71dd6ee878, "2.7192612676245e+216"),
        (0x30010e00724df4c9, "1.8410901842921e-77"),
        (0x2cd4d34bc477896c, "9.9837609066744e-93"),
        (0x86409122325ffce7, "-1.4602795578008e-278"),
        (0xdbac2d43ce106f22, "-4.0000001762836e+133"),
        (0x39f33bd3fbab4dad, "1.517271663949e-29"),
        (0xbe35b01b3dafc0d6, "-5.0496113635853e-09"),
        (0xc8c463703e251089, "-3.5521657383401e+42"),
        (0xc99a36673896b4e8, "-3.7411748025932e+46"),
        (0x72b6cb6a98aefba8, "3.8910640725492e+244"),
        (0x55706660c21823f9, "3.6731620958075e+103"),
        (0x5572bd3b6ec683fd, "4.1970998067331e+103"),
        (0x352fccd5861af129, "1.6600444056051e-52"),
        (0x7933252cab6c2c76, "6.6285150197216e+275"),
        (0xd07daf010cafad7d, "-5.4994035052616e+79"),
        (0xd8f6e20a50d10e3f, "-3.6930966404556e+120"),
        (0xb3c35d29d74ac258, "-2.410039361746e-59"),
        (0xc9bd3b7242b17621, "-1.6688642981572e+47"),
        (0x5291a83842110367, "5.6200257984471e+89"),
        (0x9aab0cc12c80948a, "-3.2593952414216e-180"),
        (0xdb02db21ee720f56, "-2.6140711164118e+130"),
        (0xe2a5ceee3940f426, "-1.6074958921863e+167"),
        (0xf0af9f2a2a727453, "-6.283944836363e+234"),
        (0xe9a30e27f7b22206, "-7.2929436093624e+200"),
        (0x4c804cb9f90b1aa6, "3.2740785600563e+60"),
        (0x3f854f246e50b25a, "0.010404858223489"),
        (0x6bd3034f0c5acb92, "2.5002642255396e+211"),
        (0xd09cd09fd56d8880, "-2.1353868626294e+80"),
        (0xcd620c0f50f7860b, "-5.9393199250439e+64"),
        (0x236301a90a2c6fb3, "3.1920803861399e-138"),
        (0x7d47a7bd03283e82, "3.0215716654653e+295"),
        (0x4fcc38f5f0c45b95, "2.553080122976e+76"),
        (0xa2053a8d7f6b3460, "-8.5003329231383e-145"),
        (0xe5ec3ae0814b357c, "-9.3712620354055e+182"),
        (0x912e45124dfb0e48, "-6.3888540637626e-226"),
        (0xe62c8e5c8ead75bb, "-1.5167229537267e+184"),
        (0x6e2d7e335f474223, "5.3304680226051e+222"),
        (0x584bdd1ddde9578c, "2.1957742744262e+117"),
        (0x328426eb3eb5a7ba, "2.3919367262271e-65"),
        (0x700beb83d151d54f, "5.418284285634e+231"),
        (0xf350850be67fc451, "-2.8876127237339e+247"),
        (0x3608c765b5d7208c, "2.1193010576674e-48"),
        (0x46105d3de7820874, "3.2412688597049e+29"),
        (0x869db9c665f90a72, "-8.3844744994079e-277"),
        (0xa4e5d84ad939951c, "-6.1551947524634e-131"),
        (0xee0c9d85a42cbcac, "-1.2929610303437e+222"),
        (0x89f16227b879d2f3, "-8.8328112834764e-261"),
        (0x6ef089d6d8fe83ff, "2.448675048834e+226"),
        (0xd2ce84aae031ec22, "-7.7708421557201e+90"),
        (0x81f6295758848051, "-3.309201832568e-299"),
        (0xfd5ee29605c10b00, "-7.890141550049e+295"),
        (0x0225f94dd0e86983, "2.6249457686125e-298"),
        (0xa731b3fa23a0e364, "-6.855663242011e-120"),
        (0xa13c1f61598cc729, "-1.3746030368532e-148"),
        (0xadceea041844f573, "-4.8563305258616e-88"),
        (0x22eef9478bf9ee5f, "2.0320097796002e-140"),
        (0x65799002a360d5fb, "6.6295099231936e+180"),
        (0x2df503991739142f, "2.6408949439786e-87"),
        (0xfd14b0616076f557, "-3.3033529541903e+294"),
        (0x3ec029ac3f8f20d7, "1.9267540633841e-06"),
        (0xa997aac7bb4a1b5e, "-2.519340115008e-108"),
        (0xc522c6aab52e5f75, "-1.1349421159321e+25"),
        (0x6de956a3f648d52f, "2.8622442580427e+221"),
        (0xcab7e7448efe3bca, "-8.9433199190529e+51"),
        (0xf960d101c6619e65, "-4.657790196466e+276"),
        (0x96ccdd1913807e67, "-7.5416145734183e-199"),
        (0xefbb98c46c0ca298, "-1.6736112991816e+230"),
        (0x34126b94bf4f2fe0, "7.3362832204323e-58"),
        (0xc0bbd37be53962e5, "-7123.4839664332"),
        (0xc61cd21ec84c81d7, "-5.7085440403027e+29"),
        (0xeaf94d6b48a366a1, "-2.0308556936351e+207"),
        (0xbee05323ab83075a, "-7.7842536118121e-06"),
        (0x2de20a96474f2814, "1.1336537693122e-87"),
        (0xcc953a769314e825, "-8.5281695673243e+60"),
        (0xe77a33705d2b5fc4, "-2.9184619690293e+190"),
        (0xecbc07315f851ec6, "-6.0387983333197e+215"),
        (0xe4ced14361006eaa, "-3.9025092686111e+177"),
        (0x95d54f7b5cbb244c, "-1.6992453589734e-203"),
        (0xe463700b7761a92a, "-3.8460223617175e+175"),
        (0x9d127312f57125b0, "-1.222157639696e-168"),
        (0xc19a7afa8bd4ac31, "-111066786.95769"),
        (0x2840fc051410dfa0, "8.6211105116374e-115"),
        (0x9c9a6ddd00460b4f, "-6.8388916658924e-171"),
        (0xe3f3b3dcce3b5b72, "-3.0456556213475e+173"),
        (0x4111a2adb34af679, "288939.42509065"),
        (0xc98c8ff3924d54be, "-2.0382745776994e+46"),
        (0x15dc92fdbe3d7768, "2.2784357249163e-203"),
        (0x0ff4fccd4982a22b, "8.4489786050619e-232"),
        (0xb13a43e09006401e, "-1.4865545426575e-71"),
        (0x927e5189ca7b3383, "-1.3419953484752e-219"),
        (0x995deac0b4b2709d, "-1.7189402516494e-186"),
        (0xb75f002f66f94593, "-5.5604820421589e-42"),
        (0x1a6ea49fb61bc3b2, "2.3077288701915e-181"),
        (0xb70059aaee72bfd3, "-9.1646401898268e-44"),
        (0x56099ede448af009, "2.9380381280695e+106"),
        (0x3b5004a5eaee7be9, "5.2999634694922e-23"),
        (0x7a4522fcf0e7d29a, "9.5918544808624e+280"),
        (0x4468f27a30ba5fb8, "3.6815535124032e+21"),
        (0x567e1b798c7052ca, "4.4192706961718e+108"),
        (0x648eb7ec11dc2f33, "2.4312337773753e+176"),
        (0xa109c0ff385fd27d, "-1.5735301671152e-149"),
        (0xa897c13e63e9ce22, "-3.8584607099349e-113"),
        (0x49368365a7126a7c, "5.0206269442049e+44"),
        (0x0f2c44a0f2030c72, "1.3891518712257e-235"),
        (0xc09c921e6f436dd8, "-1828.5297213112"),
        (0xbc53be1cc99dc93c, "-4.2809997654821e-18"),
        (0xb27b62948c7ead8f, "-1.6252304658032e-65"),
        (0xd4a6d8335eef07da, "-6.2458404044335e+99"),
        (0xb68e5c87846ba114, "-6.6477255017997e-46"),
        (0xb550f2e5ebaacd6b, "-7.0781578339773e-52"),
        (0x0c3934a43ab4f0f4, "8.8011856223115e-250"),
        (0xfa41f0b19f8ae49d, "-8.1412951905098e+280"),
        (0x6c12ebd39a526227, "3.9811228219086e+212"),
        (0xe56da85d500215e7, "-3.8457806037585e+180"),
        (0xf75c664c146e5e7d, "-9.157319649442e+266"),
        (0x5f6aa7f216a33ddf, "4.3627811768437e+151"),
        (0xe98ae8db090ef261, "-2.5747451601039e+200"),
        (0x42a0e9b6ed398220, "9297991212225.1"),
        (0x5f8862f74a3cf99a, "1.5965364213284e+152"),
        (0xd8ef950b4487528a, "-2.5485356348323e+120"),
        (0x74170b0e07144ce6, "1.6498287451051e+251"),
        (0x00766dccf143ecee, "1.9962391123196e-306"),
        (0xc101bcaeedde7bf1, "-145301.86614701"),
        (0x510f199dcaab7d97, "2.950055019591e+82"),
        (0xd7410e4ecded5cb5, "-2.0508919735097e+112"),
        (0x7b20ab4149f563da, "1.2393516385717e+285"),
        (0x4a5c7f50cdbb0722, "1.6659555861775e+50"),
        (0x6fd2680b1ade48f7, "4.4650467512088e+230"),
        (0x559b8f044ad5b8f0, "2.4689744858776e+104"),
        (0xa2bf7813d211ddb2, "-2.5806298279037e-141"),
        (0x0f6f43b4beb47f4f, "2.4582415236996e-234"),
        (0x997139ccc0b247c5, "-3.9589644134238e-186"),
        (0x36b1278a9f028982, "3.0048146212267e-45"),
        (0x996a89d0c1ef8431, "-3.0496252393394e-186"),
        (0x325abc9542f8b746, "3.9668702436957e-66"),
        (0x7e674ac66e6dabd2, "7.799273518651e+300"),
        (0x4410433480c0da6f, "7.4997635561117e+19"),
        (0x3e64f2ca08d3d0ff, "3.9019426892596e-08"),
        (0x40895bf5a85a2f36, "811.49495001275"),
        (0x3e643c8502f4b6b2, "3.7693240856997e-08"),
        (0x3ee362b6d1f904cb, "9.2437754225537e-06"),
        (0x4256947fd2778900, "387922741726.14"),
        (0x43a423fcef768299, "7.2564080517954e+17"),
        (0x3ea2ed7cc1e11496, "5.6408896732169e-07"),
        (0x3f04d92477efd6cc, "3.9764810018923e-05"),
        (0x3fb4be74831b60a0, "0.081031114586383"),
        (0x437f9e6156cea8d4, "1.4239784293489e+17"),
        (0x4014b674711186b7, "5.1781785647342"),
        (0x422c5057306bd261, "60803487797.911"),
        (0x4210c4b19969080a, "18004862554.258"),
        (0x3c646c0d1d7364c9, "8.8566632845589e-18"),
        (0x3bc9e89a5d131559, "1.097272119611e-20"),
        (0x4056e80ba2fcd6cd, "91.625710246003"),
        (0x3be5934db24372d6, "3.6550156588403e-20"),
        (0x437426c73edca386, "9.0754187667323e+16"),
        (0x3ea30e1ea59cdd7b, "5.6788787647966e-07"),
        (0x3cd1124f12991425, "9.4765967589066e-16"),
        (0x440edab51f552618, "7.1145232391614e+19"),
        (0x40189fc71dcba802, "6.1560330062439"),
        (0x41862e9ce60b3196, "46519196.755466"),
        (0x3fce9609fe57ac70, "0.2389538280398"),
        (0x4264b529cf41fe74, "711510096399.95"),
        (0x3ed1929ee1306d4f, "4.1896669414025e-06"),
        (0x3b9956b31c2e3f71, "1.3414180472257e-21"),
        (0x3d5c23d9bee8d900, "3.9989403839972e-13"),
        (0x3cf3d133c7f8c315, "4.4003015381402e-15"),
        (0x4089666ad40561f1, "812.80216221051"),
        (0x3d6575f186f9d4fc, "6.0995025317411e-13"),
        (0x432f43075990ed92, "4.3997115622663e+15"),
        (0x411aa499e1135424, "436518.4698003"),
        (0x3c95ec82b2e69278, "7.6063701538347e-17"),
        (0x3cffca0c64145501, "7.0586318058712e-15"),
        (0x3c5202a4e58a3fab, "3.9053674840596e-18"),
        (0x41628a605e214e8b, "9720578.9415658"),
        (0x3fe6da91d67c748d, "0.71418086902453"),
        (0x3eae3b3f9fa05456, "9.00967108255e-07"),
        (0x3d3ed5b0672e7e8d, "1.0954694199575e-13"),
        (0x3d6ea71100bf0294, "8.7119938126213e-13"),
        (0x40eb2db4494952c7, "55661.633946096"),
        (0x4264e571000c9e76, "717989871716.95"),
        (0x3d2787bfec357629, "4.179816005819e-14"),
        (0x3f1908b7660f881b, "9.5497316138033e-05"),
        (0x3f8107a6922277d2, "0.0083153737398866"),
        (0x437b87c9da0d21c8, "1.2398600620252e+17"),
        (0x3f462e1cba63bfc8, "0.00067688372362617"),
        (0x3d8c5c02e0f817c3, "3.2240926574084e-12"),
        (0x4262d90fcfd0e172, "647608827527.05"),
        (0x3fe85b910bbdff06, "0.76117756169694"),
        (0x41bcde063f74ff89, "484312639.45702"),
        (0x4260439b19a4581a, "558829718818.75"),
        (0x41c54463b6d6c7aa, "713607021.67797"),
        (0x407b279c0a889698, "434.47559598307"),
        (0x4057bb0d7d310093, "94.922698304991"),
        (0x3ed609d0ba057a6c, "5.2543499865209e-06"),
        (0x3c81006bb19b312b, "2.9493149722076e-17"),
        (0x4226a90a71f4d08d, "48662657274.407"),
        (0x3c62aba2b90e4386, "8.0970177195087e-18"),
        (0x4235e304d69c7411, "94003058332.453"),
        (0x3fb0526eae4d7eac, "0.063757817797063"),
        (0x40994b47d55964b6, "1618.8201498001"),
        (0x3f6a919dda9c5600, "0.00324326353883"),
        (0x4188e524eec86daf, "52208797.847865"),
        (0x3c20e8d984ce6d2a, "4.5833478812127e-19"),
        (0x3e708da7e8b74d4c, "6.1666009346878e-08"),
        (0x41ffb9f86b426b51, "8516503220.1512"),
        (0x3cb368f26a44af3e, "2.6936715304178e-16"),
        (0x4309561e0b2933ed, "8.9144518175296e+14"),
        (0x419306377f1cd39d, "79793631.778151"),
        (0x42ceaa506bfffccd, "67433685057530.0"),
        (0x4414fe2202961083, "9.6811770838145e+19"),
        (0x3fd8b1892a7d4c48, "0.38583592557297"),
        (0x421bdbaf6c39efc2, "29912455950.484"),
        (0x3e27eb7fd4f470ce, "2.7846451044675e-09"),
        (0x426a65e2293ef48b, "907027761655.64"),
        (0x42f87e76e91b6629, "4.3090303894896e+14"),
        (0x419568188c42727f, "89785891.06489"),
        (0x3c412eb5d805205e, "1.8629262863906e-18"),
        (0x40bb4029c7acb3d6, "6976.1632030429"),
        (0x3d8e9cabb1553372, "3.4801808877534e-12"),
        (0x400ed55094391dbc, "3.8541575984889"),
        (0x3f411cd28df5800a, "0.00052223473532465"),
        (0x3ea8e9b859afa4c8, "7.4246434011746e-07"),
        (0x3f1514538e0b91f4, "8.0411529335196e-05"),
        (0x413b6221eafafbbd, "1794593.9178922"),
        (0x3f49de238bfeeda4, "0.00078942046820123"),
        (0x4300a32c4699c83a, "5.853762732178e+14"),
        (0x40b3cc56ef85ed0d, "5068.3395923332"),
        (0x3cc13757f786eb95, "4.7784515284669e-16"),
        (0x43a67ab75dac3bf8, "8.0990431447128e+17"),
        (0x3b9fd1c075db3a88, "1.6845019905651e-21"),
        (0x4161b35aae48f681, "9280213.4464066"),
        (0x3d7152c0d4c7a0af, "9.8471303261727e-13"),
        (0x4370df1a1180f363, "7.5982442930845e+16"),
        (0x415006776412aaa5, "4200925.5636393"),
        (0x4158069ca66b329e, "6298226.6002928"),
        (0x3c1c104a62a810ee, "3.8033317585261e-19"),
        (0x42340a90a3740000, "86076597108.0"),
        (0x423683337e8d0000, "96690470541.0"),
        (0x41f4224a6e800000, "5404665576.0"),
        (0x41ef98d4dae00000, "4240877271.0"),
        (0x4374012fe1dbdb96, "9.0092875177376e+16"),
        (0x421e14b800d00000, "32299155508.0"),
        (0x420d159029280000, "15614477605.0"),
        (0x404e000000000000, "60.0"),
        (0x4104ec8000000000, "171408.0"),
        (0x4224fdcc076e0000, "45078676407.0"),
        (0x4194be9440000000, "87008528.0"),
        (0x41f2a6f945e00000, "5006922846.0"),
        (0x428f8ff21edc1800, "4337887861635.0"),
        (0x4260083be9e9c000, "550860967758.0"),
        (0x4325d5d9c13db302, "3.0730528687948e+15"),
        (0x41bcf5b48b000000, "485864587.0"),
        (0x423535d6e9d90000, "91097590233.0"),
        (0x409fac0000000000, "2027.0"),
        (0x43564a1bfdebe931, "2.5095734289213e+16"),
        (0x403e000000000000, "30.0"),
        (0x41459bc400000000, "2832264.0"),
        (0x4297caeba2a44400, "6540076034321.0"),
        (0x41252f0200000000, "694145.0"),
        (0x408c280000000000, "901.0"),
        (0x0000000000000000, "0.0"),
        (0x41463d7000000000, "2915040.0"),
        (0x4232972e37e80000, "79845799912.0"),
        (0x41e0c72af1600000, "2251904907.0"),
        (0x43207867533a475c, "2.3179924003317e+15"),
        (0x40ed44e000000000, "59943.0"),
        (0x40925c0000000000, "1175.0"),
        (0x4115580c00000000, "349699.0"),
        (0x4104687000000000, "167182.0"),
        (0x422d86a79aaa0000, "63406591317.0"),
        (0x0000000000000000, "0.0"),
        (0x4304a0c965491278, "7.2578579779643e+14"),
        (0x4192c46300000000, "78715072.0"),
        (0x411b3f5000000000, "446420.0"),
        (0x43344cff811a71b2, "5.7141598005785e+15"),
        (0x40be390000000000, "7737.0"),
        (0x42f09bcea5c77870, "2.9218196714074e+14"),
        (0x415cf5b040000000, "7591617.0"),
        (0x4115819c00000000, "352359.0"),
        (0x40f0ae5000000000, "68325.0"),
        (0x418a20b070000000, "54793742.0"),
        (0x0000000000000000, "0.0"),
        (0x430467f4cfb5eb60, "7.1797508608753e+14"),
        (0x415f463400000000, "8198352.0"),
        (0x0000000000000000, "0.0"),
        (0x40d0fa8000000000, "17386.0"),
        (0x434165fe8b5c2c08, "9.7944370765066e+15"),
        (0x40a0c40000000000, "2146.0"),
        (0x4057c00000000000, "95.0"),
        (0x4191e873ac000000, "75111659.0"),
        (0x4056800000000000, "90.0"),
        (0x0000000000000000, "0.0"),
        (0x4259233c0fd9c000, "431861284711.0"),
        (0x4057c00000000000, "95.0"),
        (0x40f07a8000000000, "67496.0"),
        (0x0000000000000000, "0.0"),
        (0x412db65600000000, "973611.0"),
        (0x426354b6353de000, "664204847599.0"),
        (0x40aa7e0000000000, "3391.0"),
        (0x408e680000000000, "973.0"),
        (0x40f9d63000000000, "105827.0"),
        (0x40e2b96000000000, "38347.0"),
        (0x4200eea73e900000, "9090426834.0"),
        (0x0000000000000000, "0.0"),
        (0x0000000000000000, "0.0"),
        (0x0000000000000000, "0.0"),
        (0x412338a600000000, "629843.0"),
        (0x4160cbb6c0000000, "8805814.0"),
        (0x4337bdda17e5353c, "6.6826688657626e+15"),
        (0x4049800000000000, "51.0"),
        (0x0000000000000000, "0.0"),
        (0x42e6273828b6f640, "1.9486161382392e+14"),
        (0x41aa666550000000, "221459112.0"),
        (0x0000000000000000, "0.0"),
        (0x4159a9d540000000, "6727509.0"),
        (0x42cca5dc611cb200, "62997385066852.0"),
        (0x422b3654aed00000, "58437818216.0"),
        (0x433c2fb926b4c155, "7.9337716127338e+15"),
        (0x4121ba9000000000, "580936.0"),
        (0x41c52c090e800000, "710414877.0"),
        (0x4089a80000000000, "821.0"),
        (0x4106968800000000, "185041.0"),
        (0x42209486a0fe0000, "35605663871.0"),
        (0x4299e396efe9d000, "7116320143988.0"),
        (0x4295d5eb0021c000, "6002128717936.0"),
        (0x412bb72c00000000, "908182.0"),
        (0x4237369644a50000, "99700065445.0"),
        (0x42f7b4f7afcdc9e0, "4.1705627273539e+14"),
        (0x4230c39ce4c40000, "72001316036.0"),
        (0x40adce0000000000, "3815.0"),
        (0x40aeda0000000000, "3949.0"),
        (0x40a25a0000000000, "2349.0"),
        (0x41ff330c1e500000, "8375026149.0"),
        (0x433763c740ba6b19, "6.5836318999458e+15"),
        (0x43230f55ca3ee0d2, "2.6824428486288e+15"),
        (0x40f0452000000000, "66642.0"),
        (0xc040500000000000, "-32.625"),
        (0xc05cb80000000000, "-114.875"),
        (0xc054600000000000, "-81.5"),
        (0xc024c00000000000, "-10.375"),
        (0xc05cb00000000000, "-114.75"),
        (0xc04d300000000000, "-58.375"),
        (0x3ff4000000000000, "1.25"),
        (0x4056a00000000000, "90.5"),
        (0x4042200000000000, "36.25"),
        (0x404ee00000000000, "61.75"),
        (0xc052b80000000000, "-74.875"),
        (0xc019800000000000, "-6.375"),
        (0x4033c00000000000, "19.75"),
        (0x4053b00000000000, "78.75"),
        (0xc05ba80000000000, "-110.625"),
        (0x4059500000000000, "101.25"),
        (0x4051280000000000, "68.625"),
        (0x404b900000000000, "55.125"),
        (0xc05e480000000000, "-121.125"),
        (0x405f200000000000, "124.5"),
        (0x405c700000000000, "113.75"),
        (0xc027800000000000, "-11.75"),
        (0x405e580000000000, "121.375"),
        (0xc054980000000000, "-82.375"),
        (0xc05a380000000000, "-104.875"),
        (0x401a000000000000, "6.5"),
        (0x4055400000000000, "85.0"),
        (0x4050100000000000, "64.25"),
        (0xc051180000000000, "-68.375"),
        (0xc010800000000000, "-4.125"),
        (0xc055200000000000, "-84.5"),
        (0xc030a00000000000, "-16.625"),
        (0x404e200000000000, "60.25"),
        (0x4044200000000000, "40.25"),
        (0xc055180000000000, "-84.375"),
        (0xc057080000000000, "-92.125"),
        (0xc043500000000000, "-38.625"),
        (0x4027000000000000, "11.5"),
        (0xc04c400000000000, "-56.5"),
        (0x4032800000000000, "18.5"),
        (0x4012000000000000, "4.5"),
        (0x403fe00000000000, "31.875"),
        (0xc057f80000000000, "-95.875"),
        (0x404a600000000000, "52.75"),
        (0xc045500000000000, "-42.625"),
        (0xc051880000000000, "-70.125"),
        (0x402cc00000000000, "14.375"),
        (0x403de00000000000, "29.875"),
        (0xc058900000000000, "-98.25"),
        (0x404df00000000000, "59.875"),
    ];
    const CMP: &[(i64, u64, [bool; 5])] = &[
        (0, 0x0000000000000000, [false, true, false, true, true]),
        (0, 0x8000000000000000, [false, true, false, true, true]),
        (0, 0x3fe0000000000000, [true, true, false, false, false]),
        (0, 0xbfe0000000000000, [false, false, true, true, false]),
        (0, 0x3ff0000000000000, [true, true, false, false, false]),
        (0, 0x4340000000000000, [true, true, false, false, false]),
        (0, 0x4340000000000001, [true, true, false, false, false]),
        (0, 0xc340000000000000, [false, false, true, true, false]),
        (0, 0x43e0000000000000, [true, true, false, false, false]),
        (0, 0xc3e0000000000000, [false, false, true, true, false]),
        (0, 0x43f0000000000000, [true, true, false, false, false]),
        (0, 0xc3f0000000000000, [false, false, true, true, false]),
        (0, 0x7ff0000000000000, [true, true, false, false, false]),
        (0, 0xfff0000000000000, [false, false, true, true, false]),
        (0, 0xfff8000000000000, [false, false, false, false, false]),
        (0, 0x43dfffffffffffff, [true, true, false, false, false]),
        (0, 0xc3dfffffffffffff, [false, false, true, true, false]),
        (0, 0x43d0000000000000, [true, true, false, false, false]),
        (0, 0x43d0000000000000, [true, true, false, false, false]),
        (0, 0x7e37e43c8800759c, [true, true, false, false, false]),
        (0, 0xfe37e43c8800759c, [false, false, true, true, false]),
        (0, 0x408f440000000000, [true, true, false, false, false]),
        (0, 0xc08f440000000000, [false, false, true, true, false]),
        (0, 0x408f380000000000, [true, true, false, false, false]),
        (0, 0x43b0000000000000, [true, true, false, false, false]),
        (0, 0x43b8000000000000, [true, true, false, false, false]),
        (0, 0x43d0000000000000, [true, true, false, false, false]),
        (1, 0x0000000000000000, [false, false, true, true, false]),
        (1, 0x8000000000000000, [false, false, true, true, false]),
        (1, 0x3fe0000000000000, [false, false, true, true, false]),
        (1, 0xbfe0000000000000, [false, false, true, true, false]),
        (1, 0x3ff0000000000000, [false, true, false, true, true]),
        (1, 0x4340000000000000, [true, true, false, false, false]),
        (1, 0x4340000000000001, [true, true, false, false, false]),
        (1, 0xc340000000000000, [false, false, true, true, false]),
        (1, 0x43e0000000000000, [true, true, false, false, false]),
        (1, 0xc3e0000000000000, [false, false, true, true, false]),
        (1, 0x43f0000000000000, [true, true, false, false, false]),
        (1, 0xc3f0000000000000, [false, false, true, true, false]),
        (1, 0x7ff0000000000000, [true, true, false, false, false]),
        (1, 0xfff0000000000000, [false, false, true, true, false]),
        (1, 0xfff8000000000000, [false, false, false, false, false]),
        (1, 0x43dfffffffffffff, [true, true, false, false, false]),
        (1, 0xc3dfffffffffffff, [false, false, true, true, false]),
        (1, 0x43d0000000000000, [true, true, false, false, false]),
        (1, 0x43d0000000000000, [true, true, false, false, false]),
        (1, 0x7e37e43c8800759c, [true, true, false, false, false]),
        (1, 0xfe37e43c8800759c, [false, false, true, true, false]),
        (1, 0x408f440000000000, [true, true, false, false, false]),
        (1, 0xc08f440000000000, [false, false, true, true, false]),
        (1, 0x408f380000000000, [true, true, false, false, false]),
        (1, 0x43b0000000000000, [true, true, false, false, false]),
        (1, 0x43b8000000000000, [true, true, false, false, false]),
        (1, 0x43d0000000000000, [true, true, false, false, false]),
        (-1, 0x0000000000000000, [true, true, false, false, false]),
        (-1, 0x8000000000000000, [true, true, false, false, false]),
        (-1, 0x3fe0000000000000, [true, true, false, false, false]),
        (-1, 0xbfe0000000000000, [true, true, false, false, false]),
        (-1, 0x3ff0000000000000, [true, true, false, false, false]),
        (-1, 0x4340000000000000, [true, true, false, false, false]),
        (-1, 0x4340000000000001, [true, true, false, false, false]),
        (-1, 0xc340000000000000, [false, false, true, true, false]),
        (-1, 0x43e0000000000000, [true, true, false, false, false]),
        (-1, 0xc3e0000000000000, [false, false, true, true, false]),
        (-1, 0x43f0000000000000, [true, true, false, false, false]),
        (-1, 0xc3f0000000000000, [false, false, true, true, false]),
        (-1, 0x7ff0000000000000, [true, true, false, false, false]),
        (-1, 0xfff0000000000000, [false, false, true, true, false]),
        (-1, 0xfff8000000000000, [false, false, false, false, false]),
        (-1, 0x43dfffffffffffff, [true, true, false, false, false]),
        (-1, 0xc3dfffffffffffff, [false, false, true, true, false]),
        (-1, 0x43d0000000000000, [true, true, false, false, false]),
        (-1, 0x43d0000000000000, [true, true, false, false, false]),
        (-1, 0x7e37e43c8800759c, [true, true, false, false, false]),
        (-1, 0xfe37e43c8800759c, [false, false, true, true, false]),
        (-1, 0x408f440000000000, [true, true, false, false, false]),
        (-1, 0xc08f440000000000, [false, false, true, true, false]),
        (-1, 0x408f380000000000, [true, true, false, false, false]),
        (-1, 0x43b0000000000000, [true, true, false, false, false]),
        (-1, 0x43b8000000000000, [true, true, false, false, false]),
        (-1, 0x43d0000000000000, [true, true, false, false, false]),
        (
            9007199254740992,
            0x0000000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x8000000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x3fe0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0xbfe0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x3ff0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x4340000000000000,
            [false, true, false, true, true],
        ),
        (
            9007199254740992,
            0x4340000000000001,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xc340000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            9007199254740992,
            0x43dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xc3dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x408f440000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0xc08f440000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x408f380000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x43b0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0x43b8000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0x0000000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x8000000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x3fe0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0xbfe0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x3ff0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x4340000000000000,
            [false, true, false, true, true],
        ),
        (
            9007199254740992,
            0x4340000000000001,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xc340000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            9007199254740992,
            0x43dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xc3dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x408f440000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0xc08f440000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x408f380000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740992,
            0x43b0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0x43b8000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x0000000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x8000000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x3fe0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xbfe0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x3ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x4340000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x4340000000000001,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xc340000000000000,
            [false, true, false, true, true],
        ),
        (
            -9007199254740992,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            -9007199254740992,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            -9007199254740992,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            -9007199254740992,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            -9007199254740992,
            0x43dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xc3dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            -9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            -9007199254740992,
            0x408f440000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xc08f440000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x408f380000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x43b0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x43b8000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x0000000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x8000000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x3fe0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xbfe0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x3ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x4340000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x4340000000000001,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xc340000000000000,
            [false, true, false, true, true],
        ),
        (
            -9007199254740992,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            -9007199254740992,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            -9007199254740992,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            -9007199254740992,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            -9007199254740992,
            0x43dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xc3dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            -9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            -9007199254740992,
            0x408f440000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0xc08f440000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x408f380000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x43b0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x43b8000000000000,
            [true, true, false, false, false],
        ),
        (
            -9007199254740992,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            9223372036854775807,
            0x0000000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x8000000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x3fe0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0xbfe0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x3ff0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x4340000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x4340000000000001,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0xc340000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            9223372036854775807,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            9223372036854775807,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            9223372036854775807,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            9223372036854775807,
            0x43dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0xc3dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x43d0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x43d0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            9223372036854775807,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x408f440000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0xc08f440000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x408f380000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x43b0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x43b8000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775807,
            0x43d0000000000000,
            [false, false, true, true, false],
        ),
        (
            i64::MIN,
            0x0000000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x8000000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x3fe0000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0xbfe0000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x3ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x4340000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x4340000000000001,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0xc340000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0xc3e0000000000000,
            [false, true, false, true, true],
        ),
        (
            i64::MIN,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            i64::MIN,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            i64::MIN,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            i64::MIN,
            0x43dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0xc3dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            i64::MIN,
            0x408f440000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0xc08f440000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x408f380000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x43b0000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x43b8000000000000,
            [true, true, false, false, false],
        ),
        (
            i64::MIN,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            9223372036854775806,
            0x0000000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x8000000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x3fe0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0xbfe0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x3ff0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x4340000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x4340000000000001,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0xc340000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            9223372036854775806,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            9223372036854775806,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            9223372036854775806,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            9223372036854775806,
            0x43dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0xc3dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x43d0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x43d0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            9223372036854775806,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x408f440000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0xc08f440000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x408f380000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x43b0000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x43b8000000000000,
            [false, false, true, true, false],
        ),
        (
            9223372036854775806,
            0x43d0000000000000,
            [false, false, true, true, false],
        ),
        (
            -9223372036854775807,
            0x0000000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x8000000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x3fe0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0xbfe0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x3ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x4340000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x4340000000000001,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0xc340000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            -9223372036854775807,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            -9223372036854775807,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            -9223372036854775807,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            -9223372036854775807,
            0x43dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0xc3dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            -9223372036854775807,
            0x408f440000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0xc08f440000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x408f380000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x43b0000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x43b8000000000000,
            [true, true, false, false, false],
        ),
        (
            -9223372036854775807,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            4611686018427387904,
            0x0000000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x8000000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x3fe0000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0xbfe0000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x3ff0000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x4340000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x4340000000000001,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0xc340000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            4611686018427387904,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            4611686018427387904,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            4611686018427387904,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            4611686018427387904,
            0x43dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            4611686018427387904,
            0xc3dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x43d0000000000000,
            [false, true, false, true, true],
        ),
        (
            4611686018427387904,
            0x43d0000000000000,
            [false, true, false, true, true],
        ),
        (
            4611686018427387904,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            4611686018427387904,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x408f440000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0xc08f440000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x408f380000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x43b0000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x43b8000000000000,
            [false, false, true, true, false],
        ),
        (
            4611686018427387904,
            0x43d0000000000000,
            [false, true, false, true, true],
        ),
        (1000, 0x0000000000000000, [false, false, true, true, false]),
        (1000, 0x8000000000000000, [false, false, true, true, false]),
        (1000, 0x3fe0000000000000, [false, false, true, true, false]),
        (1000, 0xbfe0000000000000, [false, false, true, true, false]),
        (1000, 0x3ff0000000000000, [false, false, true, true, false]),
        (1000, 0x4340000000000000, [true, true, false, false, false]),
        (1000, 0x4340000000000001, [true, true, false, false, false]),
        (1000, 0xc340000000000000, [false, false, true, true, false]),
        (1000, 0x43e0000000000000, [true, true, false, false, false]),
        (1000, 0xc3e0000000000000, [false, false, true, true, false]),
        (1000, 0x43f0000000000000, [true, true, false, false, false]),
        (1000, 0xc3f0000000000000, [false, false, true, true, false]),
        (1000, 0x7ff0000000000000, [true, true, false, false, false]),
        (1000, 0xfff0000000000000, [false, false, true, true, false]),
        (
            1000,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (1000, 0x43dfffffffffffff, [true, true, false, false, false]),
        (1000, 0xc3dfffffffffffff, [false, false, true, true, false]),
        (1000, 0x43d0000000000000, [true, true, false, false, false]),
        (1000, 0x43d0000000000000, [true, true, false, false, false]),
        (1000, 0x7e37e43c8800759c, [true, true, false, false, false]),
        (1000, 0xfe37e43c8800759c, [false, false, true, true, false]),
        (1000, 0x408f440000000000, [true, true, false, false, false]),
        (1000, 0xc08f440000000000, [false, false, true, true, false]),
        (1000, 0x408f380000000000, [false, false, true, true, false]),
        (1000, 0x43b0000000000000, [true, true, false, false, false]),
        (1000, 0x43b8000000000000, [true, true, false, false, false]),
        (1000, 0x43d0000000000000, [true, true, false, false, false]),
        (-1000, 0x0000000000000000, [true, true, false, false, false]),
        (-1000, 0x8000000000000000, [true, true, false, false, false]),
        (-1000, 0x3fe0000000000000, [true, true, false, false, false]),
        (-1000, 0xbfe0000000000000, [true, true, false, false, false]),
        (-1000, 0x3ff0000000000000, [true, true, false, false, false]),
        (-1000, 0x4340000000000000, [true, true, false, false, false]),
        (-1000, 0x4340000000000001, [true, true, false, false, false]),
        (-1000, 0xc340000000000000, [false, false, true, true, false]),
        (-1000, 0x43e0000000000000, [true, true, false, false, false]),
        (-1000, 0xc3e0000000000000, [false, false, true, true, false]),
        (-1000, 0x43f0000000000000, [true, true, false, false, false]),
        (-1000, 0xc3f0000000000000, [false, false, true, true, false]),
        (-1000, 0x7ff0000000000000, [true, true, false, false, false]),
        (-1000, 0xfff0000000000000, [false, false, true, true, false]),
        (
            -1000,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (-1000, 0x43dfffffffffffff, [true, true, false, false, false]),
        (-1000, 0xc3dfffffffffffff, [false, false, true, true, false]),
        (-1000, 0x43d0000000000000, [true, true, false, false, false]),
        (-1000, 0x43d0000000000000, [true, true, false, false, false]),
        (-1000, 0x7e37e43c8800759c, [true, true, false, false, false]),
        (-1000, 0xfe37e43c8800759c, [false, false, true, true, false]),
        (-1000, 0x408f440000000000, [true, true, false, false, false]),
        (-1000, 0xc08f440000000000, [false, false, true, true, false]),
        (-1000, 0x408f380000000000, [true, true, false, false, false]),
        (-1000, 0x43b0000000000000, [true, true, false, false, false]),
        (-1000, 0x43b8000000000000, [true, true, false, false, false]),
        (-1000, 0x43d0000000000000, [true, true, false, false, false]),
        (
            1152921504606846976,
            0x0000000000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x8000000000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x3fe0000000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0xbfe0000000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x3ff0000000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x4340000000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x4340000000000001,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0xc340000000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            1152921504606846976,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            1152921504606846976,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            1152921504606846976,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            1152921504606846976,
            0x43dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            1152921504606846976,
            0xc3dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            1152921504606846976,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            1152921504606846976,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            1152921504606846976,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x408f440000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0xc08f440000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x408f380000000000,
            [false, false, true, true, false],
        ),
        (
            1152921504606846976,
            0x43b0000000000000,
            [false, true, false, true, true],
        ),
        (
            1152921504606846976,
            0x43b8000000000000,
            [true, true, false, false, false],
        ),
        (
            1152921504606846976,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x0000000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x8000000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x3fe0000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0xbfe0000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x3ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x4340000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x4340000000000001,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0xc340000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            -1152921504606846976,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            -1152921504606846976,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            -1152921504606846976,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            -1152921504606846976,
            0x43dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0xc3dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            -1152921504606846976,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            -1152921504606846976,
            0x408f440000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0xc08f440000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x408f380000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x43b0000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x43b8000000000000,
            [true, true, false, false, false],
        ),
        (
            -1152921504606846976,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0x0000000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x8000000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x3fe0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0xbfe0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x3ff0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x4340000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x4340000000000001,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0xc340000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x43e0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0xc3e0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x43f0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0xc3f0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x7ff0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0xfff0000000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0xfff8000000000000,
            [false, false, false, false, false],
        ),
        (
            9007199254740993,
            0x43dfffffffffffff,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0xc3dfffffffffffff,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0x7e37e43c8800759c,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0xfe37e43c8800759c,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x408f440000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0xc08f440000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x408f380000000000,
            [false, false, true, true, false],
        ),
        (
            9007199254740993,
            0x43b0000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0x43b8000000000000,
            [true, true, false, false, false],
        ),
        (
            9007199254740993,
            0x43d0000000000000,
            [true, true, false, false, false],
        ),
    ];
    const F2I_CASES: &[(u64, [Option<i64>; 3])] = &[
        (0x0000000000000000, [Some(0), Some(0), Some(0)]),
        (0x8000000000000000, [Some(0), Some(0), Some(0)]),
        (0x3fe0000000000000, [None, Some(0), Some(1)]),
        (0xbfe0000000000000, [None, Some(-1), Some(0)]),
        (0x3ff8000000000000, [None, Some(1), Some(2)]),
        (0xbff8000000000000, [None, Some(-2), Some(-1)]),
        (0x43e0000000000000, [None, None, None]),
        (
            0xc3e0000000000000,
            [Some(i64::MIN), Some(i64::MIN), Some(i64::MIN)],
        ),
        (
            0x43dfffffffffffff,
            [
                Some(9223372036854774784),
                Some(9223372036854774784),
                Some(9223372036854774784),
            ],
        ),
        (0xc3e0000000000001, [None, None, None]),
        (0x7ff0000000000000, [None, None, None]),
        (0xfff0000000000000, [None, None, None]),
        (0xfff8000000000000, [None, None, None]),
        (0x7e37e43c8800759c, [None, None, None]),
        (0xfe37e43c8800759c, [None, None, None]),
        (0x4008000000000000, [Some(3), Some(3), Some(3)]),
        (0xc008000000000000, [Some(-3), Some(-3), Some(-3)]),
        (
            0x4340000000000001,
            [
                Some(9007199254740994),
                Some(9007199254740994),
                Some(9007199254740994),
            ],
        ),
        (0x3fefffffffffffff, [None, Some(0), Some(1)]),
        (0xbfefffffffffffff, [None, Some(-1), Some(0)]),
        (
            0x43dfffffffffffff,
            [
                Some(9223372036854774784),
                Some(9223372036854774784),
                Some(9223372036854774784),
            ],
        ),
    ];
}
