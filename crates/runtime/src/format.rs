//! The `string.format` engine.
//!
//! This module reimplements `str_format` from PUC Lua 5.4.4 (`lstrlib.c`)
//! together with the parts of glibc's `printf` it relies on, so that the
//! output is byte-for-byte what `lua5.4` prints on Linux:
//!
//! * `%d %i` (flags `-+ 0`), `%u` (flags `-0`), `%o %x %X` (flags `-#0`),
//!   all with width and precision, on 64-bit integers;
//! * `%a %A %e %E %f %g %G` (flags `-+ #0`, width, precision) on doubles,
//!   correctly rounded (round half to even on exact ties, as glibc does);
//!   `inf`/`nan` print as glibc prints them (`-nan` when the sign bit is set);
//! * `%c` (flag `-`, width), `%s` (flag `-`, width, precision), `%p`
//!   (flag `-`, width), `%q` (no modifiers) and `%%`.
//!
//! The validity checks are those of Lua 5.4.4 (`getformat`/`checkformat`):
//! at most two digits of width and of precision, only the flags accepted
//! by each conversion, a width may not start with `0` unless `0` is an
//! accepted flag, a spec longer than 21 characters is "too long".  `%F`,
//! `%n`, length modifiers (`%ld`) etc. are "invalid conversion".
//!
//! glibc quirks reproduced: NaN prints its sign (`-nan`); `%a` prints
//! subnormals as `0x0.xxxp-1022` and may print a leading `2` after
//! rounding (`%.0a` of 1.5 is `0x2p+0`); `%#g` prints `1.e+05` (not
//! `1.0000e+05`) when rounding carries the value up to exactly
//! 10^precision (e.g. `%#.5g` of 99999.5).
//!
//! # Interface with the runtime
//!
//! The engine never sees Lua values: it asks for them through the
//! [`FormatArgs`] trait, which the runtime implements over its argument
//! list.  Arguments are identified by their **Lua argument index**: the
//! format string is argument 1, so the first value is argument 2 (that is
//! the number shown in "bad argument #2 to 'format'").  The engine
//! performs the steps of `str_format` in the same order as the C code, so
//! that when several errors are possible the same one is reported; the
//! runtime only has to implement the individual coercions
//! (`luaL_checkinteger`, `luaL_checknumber`, `luaL_tolstring`, ...).
//!
//! Messages passed to [`FormatArgs::error`] are complete (e.g.
//! `invalid conversion '%y' to 'format'`); PUC Lua raises them with
//! `luaL_error`, which prefixes the position of the *calling* function
//! (`file:line: ` when called from Lua code, nothing when called from a C
//! function such as `pcall`).  Messages passed to
//! [`FormatArgs::arg_error`] are the parenthesised part of
//! `luaL_argerror` ("no value", "string contains zeros", "value has no
//! literal form"); the runtime builds "bad argument #2 to 'format' (...)"
//! (adjusting the number for method calls, as `luaL_argerror` does).
//!
//! Everything here depends only on `std`; there is no `unsafe`.

use std::fmt::Write as _;
use std::io::Write as _;

/// The value of an argument to `%q`, as classified by `addliteral`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Literal<'a> {
    /// `nil`: written as `nil`.
    Nil,
    /// A boolean: written as `true` / `false`.
    Bool(bool),
    /// An integer: written in decimal (`0x8000000000000000` for
    /// `math.mininteger`).
    Int(i64),
    /// A float: written as a hexadecimal float (`%a`), or `1e9999`,
    /// `-1e9999`, `(0/0)` for infinities and NaN.
    Float(f64),
    /// A string (only actual strings, no `__tostring`): written quoted.
    Str(&'a [u8]),
    /// Any other type: error "value has no literal form".
    Other,
}

/// Access to the arguments of `string.format`, implemented by the runtime.
///
/// `arg` is always the Lua argument index (2 for the first value after
/// the format string).  Every method is called at most once per
/// conversion, and only for arguments `<= top()`.
pub trait FormatArgs {
    /// The error type produced by the runtime (e.g. a Lua error value).
    type Error;

    /// The number of arguments of the call, including the format string
    /// (`lua_gettop`).  A conversion that needs argument `top() + 1` fails
    /// with `arg_error(top() + 1, "no value")`.
    fn top(&self) -> usize;

    /// `luaL_checkinteger(arg)`: for `%c %d %i %u %o %x %X`.  Floats with
    /// an exact integer value and numeric strings are accepted; otherwise
    /// the runtime returns its error ("number expected, got string",
    /// "number has no integer representation", ...).
    fn int(&mut self, arg: usize) -> Result<i64, Self::Error>;

    /// `luaL_checknumber(arg)`: for `%a %A %e %E %f %g %G`.
    fn float(&mut self, arg: usize) -> Result<f64, Self::Error>;

    /// `luaL_tolstring(arg)` for `%s`: append the string form of the value
    /// (applying `__tostring` / `__name`) to `out`, unchanged.
    fn string(&mut self, arg: usize, out: &mut Vec<u8>) -> Result<(), Self::Error>;

    /// Classify the value for `%q` (no conversions: a numeric string is a
    /// [`Literal::Str`], a table with `__tostring` is [`Literal::Other`]).
    fn literal(&mut self, arg: usize) -> Result<Literal<'_>, Self::Error>;

    /// `lua_topointer(arg)` for `%p`: the address of a table, function,
    /// thread, userdata or string; `None` for nil, booleans and numbers
    /// (which print as `(null)`).
    fn pointer(&mut self, arg: usize) -> Option<usize>;

    /// Build the error of `luaL_argerror(arg, msg)`, i.e. "bad argument
    /// #arg to 'format' (msg)".
    fn arg_error(&mut self, arg: usize, msg: &str) -> Self::Error;

    /// Build the error of `luaL_error(msg)`.  The message is a byte string
    /// because it may quote arbitrary bytes of the format string.
    fn error(&mut self, msg: &[u8]) -> Self::Error;
}

/// Runs `string.format(fmt, ...)` and returns the result.
pub fn format<A: FormatArgs>(fmt: &[u8], args: &mut A) -> Result<Vec<u8>, A::Error> {
    let mut out = Vec::with_capacity(fmt.len() + 16);
    format_into(&mut out, fmt, args)?;
    Ok(out)
}

/// `L_FMTFLAGSF "123456789."`: the characters spanned by `getformat`.
#[inline]
fn in_spec_span(c: u8) -> bool {
    matches!(c, b'-' | b'+' | b'#' | b'0' | b' ' | b'1'..=b'9' | b'.')
}

/// Maximum size of a spec (`MAX_FORMAT - 10`, counting flags, width,
/// precision and the conversion character, but not the `%`).
const MAX_SPEC: usize = 32 - 10;

const FLAGS_F: &[u8] = b"-+#0 ";
const FLAGS_X: &[u8] = b"-#0";
const FLAGS_I: &[u8] = b"-+0 ";
const FLAGS_U: &[u8] = b"-0";
const FLAGS_C: &[u8] = b"-";

/// Runs `string.format(fmt, ...)`, appending the result to `out`.
///
/// On error, `out` may contain a partial result.
pub fn format_into<A: FormatArgs>(
    out: &mut Vec<u8>,
    fmt: &[u8],
    args: &mut A,
) -> Result<(), A::Error> {
    let n = fmt.len();
    let top = args.top();
    let mut arg = 1usize;
    let mut i = 0usize;
    while i < n {
        // Copy a run of ordinary characters.
        let run = fmt[i..].iter().position(|&c| c == b'%').unwrap_or(n - i);
        if run > 0 {
            out.extend_from_slice(&fmt[i..i + run]);
            i += run;
            continue;
        }
        i += 1; // skip '%'
        if i < n && fmt[i] == b'%' {
            out.push(b'%');
            i += 1;
            continue;
        }
        arg += 1;
        if arg > top {
            return Err(args.arg_error(arg, "no value"));
        }
        // getformat: flags, width and precision, then the conversion
        // (a NUL byte if the format string ends here, as in C).
        let span = fmt[i..].iter().take_while(|&&c| in_spec_span(c)).count();
        if span + 1 >= MAX_SPEC {
            return Err(args.error(b"invalid format (too long)"));
        }
        let conv = fmt.get(i + span).copied().unwrap_or(0);
        let spec = &fmt[i..(i + span + 1).min(n)];
        i += span + 1;
        match conv {
            b'c' => {
                let sp = check(args, spec, FLAGS_C, false)?;
                let v = args.int(arg)?;
                let start = out.len();
                out.push(v as u8);
                pad(out, start, start, &sp, false);
            }
            b'd' | b'i' => {
                let v = args.int(arg)?;
                let sp = check(args, spec, FLAGS_I, true)?;
                let sign = if v < 0 {
                    Some(b'-')
                } else if sp.plus {
                    Some(b'+')
                } else if sp.space {
                    Some(b' ')
                } else {
                    None
                };
                write_integer(out, &sp, sign, b"", v.unsigned_abs(), 10, false);
            }
            b'u' => {
                let v = args.int(arg)?;
                let sp = check(args, spec, FLAGS_U, true)?;
                write_integer(out, &sp, None, b"", v as u64, 10, false);
            }
            b'o' => {
                let v = args.int(arg)?;
                let sp = check(args, spec, FLAGS_X, true)?;
                write_integer(out, &sp, None, b"", v as u64, 8, false);
            }
            b'x' | b'X' => {
                let v = args.int(arg)?;
                let sp = check(args, spec, FLAGS_X, true)?;
                let upper = conv == b'X';
                let prefix: &[u8] = match (sp.hash && v != 0, upper) {
                    (false, _) => b"",
                    (true, false) => b"0x",
                    (true, true) => b"0X",
                };
                write_integer(out, &sp, None, prefix, v as u64, 16, upper);
            }
            b'a' | b'A' => {
                let sp = check(args, spec, FLAGS_F, true)?;
                let v = args.float(arg)?;
                write_float_conv(out, &sp, conv, v);
            }
            b'e' | b'E' | b'f' | b'g' | b'G' => {
                let v = args.float(arg)?;
                let sp = check(args, spec, FLAGS_F, true)?;
                write_float_conv(out, &sp, conv, v);
            }
            b'p' => {
                let p = args.pointer(arg);
                let sp = check(args, spec, FLAGS_C, false)?;
                let start = out.len();
                match p {
                    Some(p) => {
                        let _ = write!(out, "{:#x}", p);
                    }
                    None => out.extend_from_slice(b"(null)"),
                }
                pad(out, start, start, &sp, false);
            }
            b'q' => {
                if spec.len() > 1 {
                    return Err(args.error(b"specifier '%q' cannot have modifiers"));
                }
                match args.literal(arg)? {
                    Literal::Nil => out.extend_from_slice(b"nil"),
                    Literal::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
                    Literal::Int(v) => write_quoted_int(out, v),
                    Literal::Float(v) => write_quoted_float(out, v),
                    Literal::Str(s) => write_quoted_string(out, s),
                    Literal::Other => {
                        return Err(args.arg_error(arg, "value has no literal form"));
                    }
                }
            }
            b's' => {
                let start = out.len();
                args.string(arg, out)?;
                if spec.len() > 1 {
                    if out[start..].contains(&0) {
                        return Err(args.arg_error(arg, "string contains zeros"));
                    }
                    let sp = check(args, spec, FLAGS_C, true)?;
                    if let Some(p) = sp.precision {
                        if out.len() - start > p {
                            out.truncate(start + p);
                        }
                    }
                    pad(out, start, start, &sp, false);
                }
            }
            _ => {
                let mut msg = Vec::with_capacity(48);
                msg.extend_from_slice(b"invalid conversion '%");
                let shown = spec.iter().position(|&c| c == 0).unwrap_or(spec.len());
                msg.extend_from_slice(&spec[..shown]);
                msg.extend_from_slice(b"' to 'format'");
                return Err(args.error(&msg));
            }
        }
    }
    Ok(())
}

/// A validated conversion specification.
#[derive(Clone, Copy, Debug, Default)]
struct Spec {
    minus: bool,
    plus: bool,
    space: bool,
    hash: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
}

/// `checkformat`: validates `spec` (flags, width, precision, conversion
/// character; without the `%`) and parses it.
fn check<A: FormatArgs>(
    args: &mut A,
    spec: &[u8],
    flags: &[u8],
    allow_precision: bool,
) -> Result<Spec, A::Error> {
    match parse_spec(spec, flags, allow_precision) {
        Some(sp) => Ok(sp),
        None => {
            let mut msg = Vec::with_capacity(64);
            msg.extend_from_slice(b"invalid conversion specification: '%");
            msg.extend_from_slice(spec);
            msg.push(b'\'');
            Err(args.error(&msg))
        }
    }
}

fn parse_spec(spec: &[u8], flags: &[u8], allow_precision: bool) -> Option<Spec> {
    if let [conv] = spec {
        // No modifiers (the common case).
        return conv.is_ascii_alphabetic().then(Spec::default);
    }
    let mut sp = Spec::default();
    let at = |p: usize| spec.get(p).copied().unwrap_or(0);
    let mut p = 0;
    while flags.contains(&at(p)) && at(p) != 0 {
        match at(p) {
            b'-' => sp.minus = true,
            b'+' => sp.plus = true,
            b' ' => sp.space = true,
            b'#' => sp.hash = true,
            _ => sp.zero = true,
        }
        p += 1;
    }
    if at(p) != b'0' {
        let mut digits = 0;
        while digits < 2 && at(p).is_ascii_digit() {
            sp.width = sp.width * 10 + usize::from(at(p) - b'0');
            p += 1;
            digits += 1;
        }
        if at(p) == b'.' && allow_precision {
            p += 1;
            let mut prec = 0;
            let mut digits = 0;
            while digits < 2 && at(p).is_ascii_digit() {
                prec = prec * 10 + usize::from(at(p) - b'0');
                p += 1;
                digits += 1;
            }
            sp.precision = Some(prec);
        }
    }
    if at(p).is_ascii_alphabetic() {
        Some(sp)
    } else {
        None
    }
}

/// Pads the item written at `out[start..]` to the spec's width: with
/// spaces on the right (`-`), with zeros at `zero_at` (after the sign and
/// `0x` prefix) when `zero_pad`, or with spaces on the left.
fn pad(out: &mut Vec<u8>, start: usize, zero_at: usize, sp: &Spec, zero_pad: bool) {
    let len = out.len() - start;
    if len >= sp.width {
        return;
    }
    let fill = sp.width - len;
    if sp.minus {
        out.resize(out.len() + fill, b' ');
    } else if zero_pad {
        out.splice(zero_at..zero_at, std::iter::repeat_n(b'0', fill));
    } else {
        out.splice(start..start, std::iter::repeat_n(b' ', fill));
    }
}

/// Writes an integer conversion: `sign`, `prefix`, at least `precision`
/// digits of `v` in `radix` (uppercase digits if `upper`), padded; the
/// `#` flag of `%o` forces a leading zero.
fn write_integer(
    out: &mut Vec<u8>,
    sp: &Spec,
    sign: Option<u8>,
    prefix: &[u8],
    v: u64,
    radix: u64,
    upper: bool,
) {
    let alt_octal = radix == 8 && sp.hash;
    let start = out.len();
    if let Some(s) = sign {
        out.push(s);
    }
    out.extend_from_slice(prefix);
    let zero_at = out.len();
    let mut tmp = [0u8; 24];
    let mut pos = tmp.len();
    let mut x = v;
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    match radix {
        10 => {
            while x != 0 {
                pos -= 1;
                tmp[pos] = b'0' + (x % 10) as u8;
                x /= 10;
            }
        }
        16 => {
            while x != 0 {
                pos -= 1;
                tmp[pos] = digits[(x & 15) as usize];
                x >>= 4;
            }
        }
        _ => {
            while x != 0 {
                pos -= 1;
                tmp[pos] = b'0' + (x & 7) as u8;
                x >>= 3;
            }
        }
    }
    let ndigits = tmp.len() - pos;
    let mut min_digits = sp.precision.unwrap_or(1);
    if alt_octal && min_digits <= ndigits {
        // '#' for %o: the first digit must be a zero.
        if ndigits == 0 || tmp[pos] != b'0' {
            min_digits = ndigits + 1;
        }
    }
    for _ in ndigits..min_digits {
        out.push(b'0');
    }
    out.extend_from_slice(&tmp[pos..]);
    let zero_pad = sp.zero && sp.precision.is_none();
    pad(out, start, zero_at, sp, zero_pad);
}

/// `%q` of an integer (`LUA_INTEGER_FMT`, or hex for `math.mininteger`).
pub fn write_quoted_int(out: &mut Vec<u8>, v: i64) {
    if v == i64::MIN {
        out.extend_from_slice(b"0x8000000000000000");
    } else {
        let _ = write!(out, "{}", v);
    }
}

/// `%q` of a float (`quotefloat`): `1e9999`, `-1e9999`, `(0/0)`, or the
/// value as `%a` (e.g. `0x1p+0` for `1.0`).
pub fn write_quoted_float(out: &mut Vec<u8>, v: f64) {
    if v == f64::INFINITY {
        out.extend_from_slice(b"1e9999");
    } else if v == f64::NEG_INFINITY {
        out.extend_from_slice(b"-1e9999");
    } else if v.is_nan() {
        out.extend_from_slice(b"(0/0)");
    } else {
        write_float_conv(out, &Spec::default(), b'a', v);
    }
}

/// `%q` of a string (`addquoted`): double quotes; `"`, `\` and newline
/// escaped with a backslash; other control characters (C `iscntrl`:
/// 0-31 and 127) as `\ddd` in decimal, using three digits only when the
/// next character is a digit.  Other bytes (including >= 128) are copied.
pub fn write_quoted_string(out: &mut Vec<u8>, s: &[u8]) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    for (k, &c) in s.iter().enumerate() {
        match c {
            b'"' | b'\\' | b'\n' => {
                out.push(b'\\');
                out.push(c);
            }
            0..=31 | 127 => {
                out.push(b'\\');
                let next_is_digit = s.get(k + 1).is_some_and(|d| d.is_ascii_digit());
                if next_is_digit {
                    out.push(b'0' + c / 100);
                    out.push(b'0' + c / 10 % 10);
                    out.push(b'0' + c % 10);
                } else {
                    let _ = write!(out, "{}", c);
                }
            }
            _ => out.push(c),
        }
    }
    out.push(b'"');
}

/// Writes a float conversion (`conv` is one of `a A e E f g G`).
fn write_float_conv(out: &mut Vec<u8>, sp: &Spec, conv: u8, v: f64) {
    let upper = conv.is_ascii_uppercase();
    let start = out.len();
    if v.is_sign_negative() {
        out.push(b'-');
    } else if sp.plus {
        out.push(b'+');
    } else if sp.space {
        out.push(b' ');
    }
    if !v.is_finite() {
        let word: &[u8] = match (v.is_nan(), upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        out.extend_from_slice(word);
        // glibc pads infinities and NaNs with spaces even with '0'.
        pad(out, start, start, sp, false);
        return;
    }
    let a = v.abs();
    let mut zero_at = out.len();
    match conv {
        b'f' => {
            let prec = sp.precision.unwrap_or(6);
            write_fixed(out, a, prec);
            if prec == 0 && sp.hash {
                out.push(b'.');
            }
        }
        b'e' | b'E' => {
            let prec = sp.precision.unwrap_or(6);
            let mut digits = [0u8; 100];
            let exp = sig_digits(a, prec + 1, &mut digits);
            out.push(digits[0]);
            if prec > 0 || sp.hash {
                out.push(b'.');
            }
            out.extend_from_slice(&digits[1..=prec]);
            push_exponent(out, if upper { b'E' } else { b'e' }, exp, 2);
        }
        b'g' | b'G' => {
            let p = match sp.precision {
                None => 6,
                Some(0) => 1,
                Some(p) => p,
            };
            let mut digits = [0u8; 100];
            let exp = sig_digits(a, p, &mut digits);
            let digits = &digits[..p];
            let mstart = out.len();
            if exp < -4 || exp >= p as i32 {
                if sp.hash && exp == p as i32 && exp <= 22 && a < POW10[exp as usize] {
                    // glibc quirk: when rounding to `p` digits carries the
                    // value up to exactly 10^p (e.g. `%#.5g` of 99999.5),
                    // glibc switches from fixed to exponential style after
                    // rounding and prints "1.e+05", not "1.0000e+05".
                    out.extend_from_slice(b"1.");
                } else {
                    out.push(digits[0]);
                    if p > 1 || sp.hash {
                        out.push(b'.');
                    }
                    out.extend_from_slice(&digits[1..]);
                    if !sp.hash {
                        trim_zeros(out, mstart);
                    }
                }
                push_exponent(out, if upper { b'E' } else { b'e' }, exp, 2);
            } else {
                // Fixed style with precision p - 1 - exp: the same digits.
                if exp < 0 {
                    out.extend_from_slice(b"0.");
                    for _ in 0..(-exp - 1) {
                        out.push(b'0');
                    }
                    out.extend_from_slice(digits);
                } else {
                    let int_len = exp as usize + 1;
                    out.extend_from_slice(&digits[..int_len]);
                    if p > int_len || sp.hash {
                        out.push(b'.');
                        out.extend_from_slice(&digits[int_len..]);
                    }
                }
                if !sp.hash {
                    trim_zeros(out, mstart);
                }
            }
        }
        _ => {
            // 'a' / 'A'
            out.push(b'0');
            out.push(if upper { b'X' } else { b'x' });
            zero_at = out.len();
            write_hex_float(out, a, sp.precision, sp.hash, upper);
        }
    }
    pad(out, start, zero_at, sp, sp.zero);
}

/// Exact powers of ten representable as doubles.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

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

/// Rounds `m * 2^e * 10^k` (`m < 2^53`, `0 <= k <= 22`) to the nearest
/// integer, ties to even, if the result fits in a `u64`.
fn round_scaled(m: u64, e: i32, k: usize) -> Option<u64> {
    let n = u128::from(m) * POW10_U128[k]; // < 2^127
    let q = if e >= 0 {
        if e > 63 || (n >> (127 - e as u32)) != 0 {
            return None;
        }
        n << e as u32
    } else {
        let s = e.unsigned_abs();
        if s >= 128 {
            0 // n < 2^127 <= half: rounds to zero
        } else {
            let q = n >> s;
            let rem = n & ((1u128 << s) - 1);
            let half = 1u128 << (s - 1);
            q + u128::from(rem > half || (rem == half && q & 1 == 1))
        }
    };
    u64::try_from(q).ok()
}

/// Splits a finite non-negative double into `(m, e)` with `a = m * 2^e`.
fn decompose(a: f64) -> (u64, i32) {
    let bits = a.to_bits();
    let be = (bits >> 52) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    if be == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), be - 1075)
    }
}

/// `%.{prec}f` of a finite `a >= 0`: exact, correctly rounded (ties to
/// even), like glibc.
fn write_fixed(out: &mut Vec<u8>, a: f64, prec: usize) {
    if prec <= 22 {
        let (m, e) = decompose(a);
        if let Some(q) = round_scaled(m, e, prec) {
            let mut tmp = [0u8; 24];
            let mut pos = tmp.len();
            let mut x = q;
            while x != 0 || tmp.len() - pos <= prec {
                pos -= 1;
                tmp[pos] = b'0' + (x % 10) as u8;
                x /= 10;
            }
            let digits = &tmp[pos..];
            let int_len = digits.len() - prec;
            out.extend_from_slice(&digits[..int_len]);
            if prec > 0 {
                out.push(b'.');
                out.extend_from_slice(&digits[int_len..]);
            }
            return;
        }
    }
    let _ = write!(out, "{:.*}", prec, a);
}

/// A fixed-capacity ASCII buffer usable as a `fmt::Write` target.
struct StackBuf {
    buf: [u8; 128],
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

/// The first `p` significant digits (`1 <= p <= 100`) of a finite
/// `a >= 0`, correctly rounded (ties to even), written as ASCII to
/// `digits[..p]`; returns the decimal exponent of the first digit (as in
/// `%e`; 0 for zero).
fn sig_digits(a: f64, p: usize, digits: &mut [u8; 100]) -> i32 {
    if a == 0.0 {
        digits[..p].fill(b'0');
        return 0;
    }
    if p <= 17 {
        let (m, e) = decompose(a);
        if m >= 1 << 52 {
            // normal: floor(e2 * log10(2)) is the exponent or one less
            let e2 = e + 52;
            let mut x = (e2 * 78_913) >> 18;
            let lo = POW10_U128[p - 1] as u64;
            for _ in 0..2 {
                let k = p as i32 - 1 - x;
                let q = if (0..=22).contains(&k) {
                    round_scaled(m, e, k as usize)
                } else if k < 0 && -k <= 38 && (0..=74).contains(&e) {
                    let n = u128::from(m) << e as u32;
                    let d = POW10_U128[(-k) as usize];
                    let q = n / d;
                    let rem2 = (n % d) * 2;
                    let q = q + u128::from(rem2 > d || (rem2 == d && q & 1 == 1));
                    u64::try_from(q).ok()
                } else {
                    None
                };
                let Some(q) = q else { break };
                if q >= lo * 10 {
                    // Either the estimate was low, or rounding carried
                    // (q == 10^p exactly: digits 100..0, exponent x + 1).
                    if q == lo * 10 {
                        digits[0] = b'1';
                        digits[1..p].fill(b'0');
                        return x + 1;
                    }
                    x += 1;
                    continue;
                }
                let mut v = q;
                for d in digits[..p].iter_mut().rev() {
                    *d = b'0' + (v % 10) as u8;
                    v /= 10;
                }
                return x;
            }
        }
    }
    sig_digits_slow(a, p, digits)
}

/// [`sig_digits`] through Rust's exact `{:e}` formatting (any `a`, `p`).
fn sig_digits_slow(a: f64, p: usize, digits: &mut [u8; 100]) -> i32 {
    let mut sb = StackBuf {
        buf: [0; 128],
        len: 0,
    };
    // At most 100 digits, a point and "e-324": fits.
    let _ = write!(sb, "{:.*e}", p - 1, a);
    let text = &sb.buf[..sb.len];
    let mut nd = 0;
    let mut exp: i32 = 0;
    let mut neg = false;
    let mut in_exp = false;
    for &c in text {
        match c {
            b'e' => in_exp = true,
            b'-' => neg = true,
            b'0'..=b'9' if in_exp => exp = exp * 10 + i32::from(c - b'0'),
            b'0'..=b'9' => {
                digits[nd] = c;
                nd += 1;
            }
            _ => {}
        }
    }
    if neg {
        -exp
    } else {
        exp
    }
}

/// Removes trailing zeros of the fraction of `out[mstart..]`, and the
/// decimal point if nothing remains after it (`%g` without `#`).
fn trim_zeros(out: &mut Vec<u8>, mstart: usize) {
    if !out[mstart..].contains(&b'.') {
        return;
    }
    while out.last() == Some(&b'0') {
        out.pop();
    }
    if out.last() == Some(&b'.') {
        out.pop();
    }
}

/// Appends `e`, the exponent's sign, and at least `min_digits` digits.
fn push_exponent(out: &mut Vec<u8>, e: u8, exp: i32, min_digits: usize) {
    out.push(e);
    out.push(if exp < 0 { b'-' } else { b'+' });
    let ea = exp.unsigned_abs();
    let mut tmp = [0u8; 10];
    let mut pos = tmp.len();
    let mut x = ea;
    loop {
        pos -= 1;
        tmp[pos] = b'0' + (x % 10) as u8;
        x /= 10;
        if x == 0 {
            break;
        }
    }
    for _ in (tmp.len() - pos)..min_digits {
        out.push(b'0');
    }
    out.extend_from_slice(&tmp[pos..]);
}

/// Writes the part of glibc's `%a` after `0x` for a finite `a >= 0`:
/// leading digit (`1` for normal numbers, `0` for zero and subnormals,
/// possibly `2` after rounding), fraction, `p`, binary exponent.
fn write_hex_float(out: &mut Vec<u8>, a: f64, precision: Option<usize>, hash: bool, upper: bool) {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let bits = a.to_bits();
    let biased = (bits >> 52) as i32;
    let mut frac = bits & ((1u64 << 52) - 1);
    let (mut lead, exp) = if biased == 0 {
        (0u64, if frac == 0 { 0 } else { -1022 })
    } else {
        (1u64, biased - 1023)
    };
    // Number of fraction hex digits to print.
    let nfrac = match precision {
        Some(p) => {
            if p < 13 {
                // Round the 52-bit fraction to 4*p bits, half to even.
                let drop = 52 - 4 * p as u32;
                let keep = frac >> drop;
                let rem = frac & ((1u64 << drop) - 1);
                let half = 1u64 << (drop - 1);
                let mut kept = keep;
                let odd = if p == 0 { lead & 1 == 1 } else { keep & 1 == 1 };
                if rem > half || (rem == half && odd) {
                    kept += 1;
                }
                if p == 0 {
                    lead += kept;
                    frac = 0;
                } else if kept >> (4 * p as u32) != 0 {
                    lead += 1;
                    frac = 0;
                } else {
                    frac = kept << drop;
                }
            }
            p
        }
        None => {
            // Minimal number of digits representing the value exactly.
            if frac == 0 {
                0
            } else {
                13 - (frac.trailing_zeros() / 4) as usize
            }
        }
    };
    out.push(digits[lead as usize]);
    if nfrac > 0 || hash {
        out.push(b'.');
    }
    for k in 0..nfrac {
        if k < 13 {
            let shift = 48 - 4 * k as u32;
            out.push(digits[((frac >> shift) & 0xf) as usize]);
        } else {
            out.push(b'0');
        }
    }
    push_exponent(out, if upper { b'P' } else { b'p' }, exp, 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test value (mirrors the Lua values used by the generator).
    #[derive(Clone, Copy, Debug)]
    enum V {
        Nil,
        B(bool),
        I(i64),
        F(u64),
        S(&'static [u8]),
        T,
    }

    struct Args<'a>(&'a [V]);

    /// (format, arguments, expected result or error message)
    type Case = (
        &'static [u8],
        &'static [V],
        Result<&'static [u8], &'static [u8]>,
    );

    impl V {
        fn type_name(&self) -> &'static str {
            match self {
                V::Nil => "nil",
                V::B(_) => "boolean",
                V::I(_) | V::F(_) => "number",
                V::S(_) => "string",
                V::T => "table",
            }
        }
    }

    /// Minimal numeric-string coercion for the test values used here.
    fn str_num(s: &[u8]) -> Option<f64> {
        std::str::from_utf8(s).ok()?.trim().parse::<f64>().ok()
    }

    impl FormatArgs for Args<'_> {
        type Error = Vec<u8>;
        fn top(&self) -> usize {
            self.0.len() + 1
        }
        fn int(&mut self, arg: usize) -> Result<i64, Vec<u8>> {
            let v = self.0[arg - 2];
            let f = match v {
                V::I(i) => return Ok(i),
                V::F(b) => f64::from_bits(b),
                V::S(s) => match str_num(s) {
                    Some(f) => f,
                    None => return Err(self.arg_error(arg, "number expected, got string")),
                },
                _ => {
                    let msg = format!("number expected, got {}", v.type_name());
                    return Err(self.arg_error(arg, &msg));
                }
            };
            if f.fract() == 0.0
                && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f)
            {
                Ok(f as i64)
            } else {
                Err(self.arg_error(arg, "number has no integer representation"))
            }
        }
        fn float(&mut self, arg: usize) -> Result<f64, Vec<u8>> {
            let v = self.0[arg - 2];
            match v {
                V::I(i) => Ok(i as f64),
                V::F(b) => Ok(f64::from_bits(b)),
                V::S(s) => match str_num(s) {
                    Some(f) => Ok(f),
                    None => Err(self.arg_error(arg, "number expected, got string")),
                },
                _ => {
                    let msg = format!("number expected, got {}", v.type_name());
                    Err(self.arg_error(arg, &msg))
                }
            }
        }
        fn string(&mut self, arg: usize, out: &mut Vec<u8>) -> Result<(), Vec<u8>> {
            match self.0[arg - 2] {
                V::S(s) => out.extend_from_slice(s),
                V::I(i) => out.extend_from_slice(i.to_string().as_bytes()),
                V::Nil => out.extend_from_slice(b"nil"),
                V::B(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
                v => panic!("unsupported %s value {:?}", v),
            }
            Ok(())
        }
        fn literal(&mut self, arg: usize) -> Result<Literal<'_>, Vec<u8>> {
            Ok(match self.0[arg - 2] {
                V::Nil => Literal::Nil,
                V::B(b) => Literal::Bool(b),
                V::I(i) => Literal::Int(i),
                V::F(b) => Literal::Float(f64::from_bits(b)),
                V::S(s) => Literal::Str(s),
                V::T => Literal::Other,
            })
        }
        fn pointer(&mut self, arg: usize) -> Option<usize> {
            match self.0[arg - 2] {
                V::T | V::S(_) => Some(0x5555_1234_5678),
                _ => None,
            }
        }
        fn arg_error(&mut self, arg: usize, msg: &str) -> Vec<u8> {
            format!("bad argument #{} to 'format' ({})", arg, msg).into_bytes()
        }
        fn error(&mut self, msg: &[u8]) -> Vec<u8> {
            msg.to_vec()
        }
    }

    fn check_table(cases: &[Case]) {
        for &(fmt, vals, ref expected) in cases {
            let got = format(fmt, &mut Args(vals));
            let got = got.as_deref().map_err(|e| e.as_slice());
            assert!(
                got == *expected,
                "format({:?}, {:?})\n     got: {:?}\nexpected: {:?}",
                String::from_utf8_lossy(fmt),
                vals,
                got.map(String::from_utf8_lossy)
                    .map_err(String::from_utf8_lossy),
                expected
                    .map(String::from_utf8_lossy)
                    .map_err(String::from_utf8_lossy),
            );
        }
    }

    #[test]
    fn hand_picked_cases_match_lua() {
        check_table(HAND);
    }

    #[test]
    fn glibc_quirks_match_lua() {
        check_table(QUIRKS);
    }

    #[test]
    fn random_cases_match_lua() {
        check_table(RANDOM);
    }

    /// The integer fast paths of `%f`, `%e` and `%g` against Rust's exact
    /// formatting, on many doubles including exact ties.
    #[test]
    fn fast_paths_agree_with_exact_formatting() {
        let mut st: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            st ^= st << 13;
            st ^= st >> 7;
            st ^= st << 17;
            st
        };
        let mut out = Vec::new();
        for i in 0..50_000u32 {
            let r = next();
            let a = match i % 4 {
                0 => f64::from_bits((r & ((1 << 52) - 1)) | ((960 + (r >> 52) % 200) << 52)),
                1 => (r % 1_000_000_000) as f64 / 10f64.powi((r >> 40) as i32 % 12),
                2 => ((r % 1_000_000) * 10 + 5) as f64 / (1u64 << ((r >> 50) % 12)) as f64,
                _ => (r >> ((r & 31) as u32)) as f64,
            };
            let prec = (r >> 58) as usize % 23;
            out.clear();
            write_fixed(&mut out, a, prec);
            assert_eq!(
                out,
                format!("{:.*}", prec, a).into_bytes(),
                "{:e} .{}",
                a,
                prec
            );
            let p = prec % 17 + 1;
            let (mut d1, mut d2) = ([0u8; 100], [0u8; 100]);
            let e1 = sig_digits(a, p, &mut d1);
            let e2 = sig_digits_slow(a, p, &mut d2);
            assert_eq!((e1, &d1[..p]), (e2, &d2[..p]), "{:e} p={}", a, p);
        }
    }

    #[test]
    fn pointers() {
        let r = format(b"%p|%20p|%-20p|", &mut Args(&[V::T, V::T, V::T])).unwrap();
        assert_eq!(
            r,
            b"0x555512345678|      0x555512345678|0x555512345678      |".to_vec()
        );
    }

    #[test]
    fn format_into_appends() {
        let mut out = b"x=".to_vec();
        format_into(&mut out, b"%d", &mut Args(&[V::I(5)])).unwrap();
        assert_eq!(out, b"x=5");
    }

    const HAND: &[Case] = &[
        (b"plain text", &[], Ok(b"plain text")),
        (b"%%", &[], Ok(b"%")),
        (b"a%%b%%%%c", &[], Ok(b"a%b%%c")),
        (b"%d", &[V::I(42)], Ok(b"42")),
        (b"%5d|%-5d|%05d|%+d|% d|%+ d|% +d", &[V::I(42), V::I(42), V::I(42), V::I(42), V::I(42), V::I(42), V::I(42)], Ok(b"   42|42   |00042|+42| 42|+42|+42")),
        (b"%.3d|%.0d|%+.0d|% .0d|%5.0d|%-5.0d|%05.2d|%.5d", &[V::I(7), V::I(0), V::I(0), V::I(0), V::I(0), V::I(0), V::I(3), V::I(-3)], Ok(b"007||+| |     |     |   03|-00003")),
        (b"%d %i", &[V::I(i64::MIN), V::I(9223372036854775807)], Ok(b"-9223372036854775808 9223372036854775807")),
        (b"%x %X %o %u", &[V::I(-1), V::I(-1), V::I(-1), V::I(-1)], Ok(b"ffffffffffffffff FFFFFFFFFFFFFFFF 1777777777777777777777 18446744073709551615")),
        (b"%#x %#X %#o %#5o %#.3o %#.0o %#.0x %#x %#o", &[V::I(255), V::I(255), V::I(8), V::I(8), V::I(8), V::I(0), V::I(0), V::I(0), V::I(0)], Ok(b"0xff 0XFF 010   010 010 0  0 0")),
        (b"%08x|%-8X|%#010x|%#-10X|%.4x|%010.4x", &[V::I(3054), V::I(3054), V::I(3054), V::I(3054), V::I(10), V::I(10)], Ok(b"00000bee|BEE     |0x00000bee|0XBEE     |000a|      000a")),
        (b"%c%c%c", &[V::I(76), V::I(117), V::I(97)], Ok(b"Lua")),
        (b"%5c|%-5c|", &[V::I(65), V::I(66)], Ok(b"    A|B    |")),
        (b"%c", &[V::I(0)], Ok(b"\x00")),
        (b"%c", &[V::I(321)], Ok(b"A")),
        (b"%c", &[V::I(-1)], Ok(b"\xff")),
        (b"%s", &[V::S(b"hello")], Ok(b"hello")),
        (b"%10s|%-10s|%.2s|%10.2s|%-10.2s|%.0s|%.20s", &[V::S(b"hello"), V::S(b"hello"), V::S(b"hello"), V::S(b"hello"), V::S(b"hello"), V::S(b"hello"), V::S(b"hello")], Ok(b"     hello|hello     |he|        he|he        ||hello")),
        (b"%s %s", &[V::I(1), V::I(2)], Ok(b"1 2")),
        (b"%5s", &[V::I(12)], Ok(b"   12")),
        (b"%s", &[V::S(b"a\x00b")], Ok(b"a\x00b")),
        (b"%5s", &[V::S(b"a\x00b")], Err(b"bad argument #2 to 'format' (string contains zeros)")),
        (b"%.1s", &[V::S(b"a\x00b")], Err(b"bad argument #2 to 'format' (string contains zeros)")),
        (b"%-s", &[V::S(b"abc")], Ok(b"abc")),
        (b"%99s", &[V::S(b"x")], Ok(b"                                                                                                  x")),
        (b"%-99s|", &[V::S(b"x")], Ok(b"x                                                                                                  |")),
        (b"%.99s", &[V::S(b"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy")], Ok(b"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy")),
        (b"%5s", &[V::S(b"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")], Ok(b"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")),
        (b"%q", &[V::S(b"hello")], Ok(b"\"hello\"")),
        (b"%q", &[V::S(b"a\x00b\x001\x0d\x0a\x09\"\\\x7f\xc8x\x1f\x019")], Ok(b"\"a\\0b\\0001\\13\\\x0a\\9\\\"\\\\\\127\xc8x\\31\\0019\"")),
        (b"%q", &[V::S(b"\x0d9\x0d\x01\x010\xff")], Ok(b"\"\\0139\\13\\1\\0010\xff\"")),
        (b"%q", &[V::I(1)], Ok(b"1")),
        (b"%q", &[V::I(-1)], Ok(b"-1")),
        (b"%q", &[V::I(i64::MIN)], Ok(b"0x8000000000000000")),
        (b"%q", &[V::I(9223372036854775807)], Ok(b"9223372036854775807")),
        (b"%q", &[V::I(0)], Ok(b"0")),
        (b"%q", &[V::F(0x3ff0000000000000)], Ok(b"0x1p+0")),
        (b"%q", &[V::F(0x8000000000000000)], Ok(b"-0x0p+0")),
        (b"%q", &[V::F(0x3fb999999999999a)], Ok(b"0x1.999999999999ap-4")),
        (b"%q", &[V::F(0x7ff0000000000000)], Ok(b"1e9999")),
        (b"%q", &[V::F(0xfff0000000000000)], Ok(b"-1e9999")),
        (b"%q", &[V::F(0xfff8000000000000)], Ok(b"(0/0)")),
        (b"%q", &[V::F(0x0000000000000001)], Ok(b"0x0.0000000000001p-1022")),
        (b"%q", &[V::F(0x7e37e43c8800759c)], Ok(b"0x1.7e43c8800759cp+996")),
        (b"%q", &[V::Nil], Ok(b"nil")),
        (b"%q", &[V::B(true)], Ok(b"true")),
        (b"%q", &[V::B(false)], Ok(b"false")),
        (b"%q", &[V::T], Err(b"bad argument #2 to 'format' (value has no literal form)")),
        (b"%5q", &[V::S(b"x")], Err(b"specifier '%q' cannot have modifiers")),
        (b"%-q", &[V::S(b"x")], Err(b"specifier '%q' cannot have modifiers")),
        (b"%q %q", &[V::S(b"a"), V::I(2)], Ok(b"\"a\" 2")),
        (b"%p", &[V::I(1)], Ok(b"(null)")),
        (b"%p", &[V::Nil], Ok(b"(null)")),
        (b"%p", &[V::B(true)], Ok(b"(null)")),
        (b"%10p|%-10p|", &[V::F(0x3ff8000000000000), V::B(false)], Ok(b"    (null)|(null)    |")),
        (b"%.3p", &[V::I(1)], Err(b"invalid conversion specification: '%.3p'")),
        (b"%05p", &[V::I(1)], Err(b"invalid conversion specification: '%05p'")),
        (b"%#p", &[V::I(1)], Err(b"invalid conversion specification: '%#p'")),
        (b"%f", &[V::F(0x3ff8000000000000)], Ok(b"1.500000")),
        (b"%.3f|%10.3f|%-10.3f|%010.3f|%+.3f|% .3f|%#.0f|%.0f", &[V::F(0x400921f9f01b866e), V::F(0x400921f9f01b866e), V::F(0x400921f9f01b866e), V::F(0xc00921f9f01b866e), V::F(0x400921f9f01b866e), V::F(0x400921f9f01b866e), V::F(0x4008000000000000), V::F(0x4004000000000000)], Ok(b"3.142|     3.142|3.142     |-00003.142|+3.142| 3.142|3.|2")),
        (b"%e|%E|%.0e|%#.0e|%.10e|%15.3e|%-15.3e|%015.3e", &[V::F(0x40c81cd6c8b43958), V::F(0x40c81cd6c8b43958), V::F(0x40c81cd6c8b43958), V::F(0x40c81cd6c8b43958), V::F(0x40c81cd6c8b43958), V::F(0x40c81cd6c8b43958), V::F(0x40c81cd6c8b43958), V::F(0xc0c81cd6c8b43958)], Ok(b"1.234568e+04|1.234568E+04|1e+04|1.e+04|1.2345678000e+04|      1.235e+04|1.235e+04      |-000001.235e+04")),
        (b"%g|%G|%.0g|%#.0g|%#g|%.10g|%15.3g|%-15.3g|%015.3g", &[V::F(0x40c81cd6c8b43958), V::F(0x3ddb7cdfd9d7bdbb), V::F(0x40c81cd6c8b43958), V::F(0x40c81cd6c8b43958), V::F(0x3ff8000000000000), V::F(0x3fd5555555555555), V::F(0x4415af1d78b58c40), V::F(0x3bc79ca10c924223), V::F(0xc415af1d78b58c40)], Ok(b"12345.7|1E-10|1e+04|1.e+04|1.50000|0.3333333333|          1e+20|1e-20          |-0000000001e+20")),
        (b"%g %g %g %g %g %g %g", &[V::I(100000), V::I(1000000), V::F(0x3f1a36e2eb1c432d), V::F(0x3ee4f8b588e368f1), V::F(0x0000000000000000), V::F(0x8000000000000000), V::I(123456)], Ok(b"100000 1e+06 0.0001 1e-05 0 -0 123456")),
        (b"%g %g %g", &[V::F(0x40f869ff33333333), V::F(0x412e847f00000000), V::F(0x3f1a36e2d51ec34b)], Ok(b"99999.9 1e+06 0.0001")),
        (b"%.14g %.14g %.14g %.17g %.99g", &[V::F(0x3fb999999999999a), V::F(0x430c6bf526340000), V::F(0x43e0000000000000), V::F(0x3fb999999999999a), V::F(0x3fb999999999999a)], Ok(b"0.1 1e+15 9.2233720368548e+18 0.10000000000000001 0.1000000000000000055511151231257827021181583404541015625")),
        (b"%.99f", &[V::F(0x7fe1ccf385ebc8a0)], Ok(b"100000000000000001097906362944045541740492309677311846336810682903157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664502933027185697489699588559043338384466165001178426897626212945177628091195786707458122783970171784415105291802893207873272974885715430223118336.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")),
        (b"%.99f", &[V::F(0xffefffffffffffff)], Ok(b"-179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")),
        (b"%.99e", &[V::F(0x0000000000000001)], Ok(b"4.940656458412465441765687928682213723650598026143247644255856825006755072702087518652998363616359924e-324")),
        (b"%f", &[V::F(0x7fe1ccf385ebc8a0)], Ok(b"100000000000000001097906362944045541740492309677311846336810682903157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664502933027185697489699588559043338384466165001178426897626212945177628091195786707458122783970171784415105291802893207873272974885715430223118336.000000")),
        (b"%99.99f", &[V::F(0x3fd5555555555555)], Ok(b"0.333333333333333314829616256247390992939472198486328125000000000000000000000000000000000000000000000")),
        (b"%a|%A|%.0a|%.1a|%.3a|%#a|%#.0a|%20a|%-20a|%020a|%+a|% a", &[V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000)], Ok(b"0x1.8p+0|0X1.8P+0|0x2p+0|0x1.8p+0|0x1.800p+0|0x1.8p+0|0x2.p+0|            0x1.8p+0|0x1.8p+0            |0x0000000000001.8p+0|+0x1.8p+0| 0x1.8p+0")),
        (b"%a %a %a %a %a %a", &[V::F(0x0000000000000000), V::F(0x8000000000000000), V::F(0x0000000000000001), V::F(0x0010000000000000), V::F(0x7fefffffffffffff), V::F(0x3fb999999999999a)], Ok(b"0x0p+0 -0x0p+0 0x0.0000000000001p-1022 0x1p-1022 0x1.fffffffffffffp+1023 0x1.999999999999ap-4")),
        (b"%.0a %.0a %.0a %.0a %.1a %.1a %.1a %.12a %.13a %.20a", &[V::F(0x3ff8000000000000), V::F(0x4004000000000000), V::F(0x0008000000000000), V::F(0x000c000000000000), V::F(0x3ff0800000000000), V::F(0x3ff1800000000000), V::F(0x3ff0800000000001), V::F(0x3fd5555555555555), V::F(0x3fd5555555555555), V::F(0x3fd5555555555555)], Ok(b"0x2p+0 0x1p+1 0x0p-1022 0x1p-1022 0x1.0p+0 0x1.2p+0 0x1.1p+0 0x1.555555555555p-2 0x1.5555555555555p-2 0x1.55555555555550000000p-2")),
        (b"%.0a %.1a %.2a %.0A", &[V::F(0x3fffffffffffffff), V::F(0x3fffffffffffffff), V::F(0x3fffffffffffffff), V::F(0x3fffffffffffffff)], Ok(b"0x2p+0 0x2.0p+0 0x2.00p+0 0X2P+0")),
        (b"%a|%A|%e|%E|%f|%g|%G|%010f|%-10f|%+f|% f|%+.3a|%010a|%#g|%5.1f", &[V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000), V::F(0x7ff0000000000000)], Ok(b"inf|INF|inf|INF|inf|inf|INF|       inf|inf       |+inf| inf|+inf|       inf|inf|  inf")),
        (b"%a|%A|%e|%E|%f|%g|%G|%010f|%-10f|%+f|% f|%+.3a|%010a|%#g|%5.1f", &[V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000), V::F(0xfff0000000000000)], Ok(b"-inf|-INF|-inf|-INF|-inf|-inf|-INF|      -inf|-inf      |-inf|-inf|-inf|      -inf|-inf| -inf")),
        (b"%a|%A|%e|%E|%f|%g|%G|%010f|%-10f|%+f|% f|%+.3a|%010a|%#g|%5.1f", &[V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000), V::F(0xfff8000000000000)], Ok(b"-nan|-NAN|-nan|-NAN|-nan|-nan|-NAN|      -nan|-nan      |-nan|-nan|-nan|      -nan|-nan| -nan")),
        (b"%a|%A|%e|%E|%f|%g|%G|%010f|%-10f|%+f|% f|%+.3a|%010a|%#g|%5.1f", &[V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000), V::F(0x7ff8000000000000)], Ok(b"nan|NAN|nan|NAN|nan|nan|NAN|       nan|nan       |+nan| nan|+nan|       nan|nan|  nan")),
        (b"%d", &[V::F(0x4008000000000000)], Ok(b"3")),
        (b"%d", &[V::F(0x400c000000000000)], Err(b"bad argument #2 to 'format' (number has no integer representation)")),
        (b"%d", &[V::S(b"10")], Ok(b"10")),
        (b"%d", &[V::S(b"x")], Err(b"bad argument #2 to 'format' (number expected, got string)")),
        (b"%d", &[V::Nil], Err(b"bad argument #2 to 'format' (number expected, got nil)")),
        (b"%d", &[V::T], Err(b"bad argument #2 to 'format' (number expected, got table)")),
        (b"%x", &[V::F(0x43e0000000000000)], Err(b"bad argument #2 to 'format' (number has no integer representation)")),
        (b"%f", &[V::S(b"1.5")], Ok(b"1.500000")),
        (b"%f", &[V::S(b"z")], Err(b"bad argument #2 to 'format' (number expected, got string)")),
        (b"%f", &[V::I(3)], Ok(b"3.000000")),
        (b"%d", &[], Err(b"bad argument #2 to 'format' (no value)")),
        (b"%d %d", &[V::I(1)], Err(b"bad argument #3 to 'format' (no value)")),
        (b"%y", &[], Err(b"bad argument #2 to 'format' (no value)")),
        (b"%y", &[V::I(1)], Err(b"invalid conversion '%y' to 'format'")),
        (b"%", &[V::I(1)], Err(b"invalid conversion '%' to 'format'")),
        (b"%", &[], Err(b"bad argument #2 to 'format' (no value)")),
        (b"%10.3y", &[V::I(1)], Err(b"invalid conversion '%10.3y' to 'format'")),
        (b"%F", &[V::I(1)], Err(b"invalid conversion '%F' to 'format'")),
        (b"%ld", &[V::I(1)], Err(b"invalid conversion '%l' to 'format'")),
        (b"%n", &[V::I(1)], Err(b"invalid conversion '%n' to 'format'")),
        (b"%\x00", &[V::I(1)], Err(b"invalid conversion '%' to 'format'")),
        (b"%5\x00d", &[V::I(1)], Err(b"invalid conversion '%5' to 'format'")),
        (b"%--------------------d", &[V::I(1)], Ok(b"1")),
        (b"%---------------------d", &[V::I(1)], Err(b"invalid format (too long)")),
        (b"%00000000000000000005d", &[V::I(1)], Ok(b"00001")),
        (b"%100d", &[V::I(1)], Err(b"invalid conversion specification: '%100d'")),
        (b"%1.2.3d", &[V::I(1)], Err(b"invalid conversion specification: '%1.2.3d'")),
        (b"%.100d", &[V::I(1)], Err(b"invalid conversion specification: '%.100d'")),
        (b"%.123d", &[V::I(1)], Err(b"invalid conversion specification: '%.123d'")),
        (b"%#d", &[V::I(1)], Err(b"invalid conversion specification: '%#d'")),
        (b"%#i", &[V::I(1)], Err(b"invalid conversion specification: '%#i'")),
        (b"%+u", &[V::I(1)], Err(b"invalid conversion specification: '%+u'")),
        (b"% u", &[V::I(1)], Err(b"invalid conversion specification: '% u'")),
        (b"%#u", &[V::I(1)], Err(b"invalid conversion specification: '%#u'")),
        (b"%+x", &[V::I(1)], Err(b"invalid conversion specification: '%+x'")),
        (b"% x", &[V::I(1)], Err(b"invalid conversion specification: '% x'")),
        (b"%+o", &[V::I(1)], Err(b"invalid conversion specification: '%+o'")),
        (b"%#c", &[V::I(65)], Err(b"invalid conversion specification: '%#c'")),
        (b"%+c", &[V::I(65)], Err(b"invalid conversion specification: '%+c'")),
        (b"%05c", &[V::I(65)], Err(b"invalid conversion specification: '%05c'")),
        (b"%.1c", &[V::I(65)], Err(b"invalid conversion specification: '%.1c'")),
        (b"%-5c|", &[V::I(65)], Ok(b"A    |")),
        (b"%+s", &[V::S(b"a")], Err(b"invalid conversion specification: '%+s'")),
        (b"%05s", &[V::S(b"a")], Err(b"invalid conversion specification: '%05s'")),
        (b"%#s", &[V::S(b"a\x00")], Err(b"bad argument #2 to 'format' (string contains zeros)")),
        (b"%#f", &[V::I(1)], Ok(b"1.000000")),
        (b"%-#+ 0f", &[V::I(1)], Ok(b"+1.000000")),
        (b"%0-10d|", &[V::I(5)], Ok(b"5         |")),
        (b"%-010d|", &[V::I(5)], Ok(b"5         |")),
        (b"%0+5d", &[V::I(5)], Ok(b"+0005")),
        (b"%00d", &[V::I(1)], Ok(b"1")),
        (b"%-00d", &[V::I(1)], Ok(b"1")),
        (b"%010d", &[V::I(-5)], Ok(b"-000000005")),
        (b"%.d|%.f|%.e|%.g|%.s|%.x", &[V::I(5), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::F(0x3ff8000000000000), V::S(b"abc"), V::I(255)], Ok(b"5|2|2e+00|2||ff")),
        (b"%5.d|%5.f", &[V::I(0), V::F(0x0000000000000000)], Ok(b"     |    0")),
        (b"%1$d", &[V::I(1)], Err(b"invalid conversion '%1$' to 'format'")),
        (b"%*d", &[V::I(1), V::I(2)], Err(b"invalid conversion '%*' to 'format'")),
        (b"%hd", &[V::I(1)], Err(b"invalid conversion '%h' to 'format'")),
        (b"%Lf", &[V::I(1)], Err(b"invalid conversion '%L' to 'format'")),
        (b"%lld", &[V::I(1)], Err(b"invalid conversion '%l' to 'format'")),
        (b"%jd", &[V::I(1)], Err(b"invalid conversion '%j' to 'format'")),
        (b"%I", &[V::I(1)], Err(b"invalid conversion '%I' to 'format'")),
        (b"%b", &[V::I(1)], Err(b"invalid conversion '%b' to 'format'")),
        (b"%d%", &[V::I(1)], Err(b"bad argument #3 to 'format' (no value)")),
        (b"%d%", &[V::I(1), V::I(2)], Err(b"invalid conversion '%' to 'format'")),
        (b"%s%d", &[V::S(b"a"), V::F(0x3ff8000000000000)], Err(b"bad argument #3 to 'format' (number has no integer representation)")),
        (b"\x00%d\x00", &[V::I(7)], Ok(b"\x007\x00")),
    ];
    const QUIRKS: &[Case] = &[
        (
            b"%#.5g|%#.3g|%#.2g|%#g|%#.4g|%#010.5g|%#.5G",
            &[
                V::F(0x40f869f800000000),
                V::F(0x408f3c0000000000),
                V::F(0x4058fccccccccccd),
                V::F(0x412e847f00000000),
                V::F(0x40c387f99999999a),
                V::F(0x40f869f800000000),
                V::F(0xc0f869f800000000),
            ],
            Ok(b"1.e+05|1.e+03|1.e+02|1.e+06|1.e+04|00001.e+05|-1.E+05"),
        ),
        (
            b"%#.1g|%#.5g|%#.2g|%#.3g",
            &[
                V::F(0x4023000000000000),
                V::F(0x40c387f99999999a),
                V::F(0x3f506218230c7483),
                V::F(0x4058fccccccccccd),
            ],
            Ok(b"1.e+01|10000.|0.0010|100."),
        ),
    ];
    const RANDOM: &[Case] = &[
        (b"%#.14e", &[V::F(0xc08cd7999999999a)], Ok(b"-9.22950000000000e+02")),
        (b"% 0#8G", &[V::F(0x4376345785d88796)], Ok(b" 1.00000E+17")),
        (b"%+ 8E", &[V::F(0xf2b7c0e814a84b3e)], Ok(b"-4.054757E+244")),
        (b"%##+8a", &[V::F(0x000f088d6e4ef671)], Ok(b"+0x0.f088d6e4ef671p-1022")),
        (b"%0+u", &[V::I(51)], Err(b"invalid conversion specification: '%0+u'")),
        (b"%e", &[V::F(0x636c29bafe0003a8)], Ok(b"8.502891e+170")),
        (b"%.6u", &[V::I(14)], Ok(b"000014")),
        (b"%-00.17a", &[V::F(0x4056228f5c28f5c3)], Ok(b"0x1.6228f5c28f5c30000p+6")),
        (b"%# .c", &[V::I(-1)], Err(b"invalid conversion specification: '%# .c'")),
        (b"%+#035G", &[V::F(0x0000000000000001)], Ok(b"+00000000000000000000004.94066E-324")),
        (b"%20.8o", &[V::I(-664553495916)], Ok(b"1777777766250541461224")),
        (b"%#+d", &[V::I(-31179613737)], Err(b"invalid conversion specification: '%#+d'")),
        (b"%-0-G", &[V::F(0xc1bb2e031db72a3b)], Ok(b"-4.56E+08")),
        (b"%+0.8g", &[V::F(0xc4e20a5a89e3d609)], Ok(b"-6.8154871e+23")),
        (b"% #.5u", &[V::I(4603268126511004304)], Err(b"invalid conversion specification: '% #.5u'")),
        (b"%-.g", &[V::F(0xc0f8275000000000)], Ok(b"-1e+05")),
        (b"%  8s", &[V::S(b"x")], Err(b"invalid conversion specification: '%  8s'")),
        (b"%3.24f", &[V::F(0x3f4ed404e9a73f85)], Ok(b"0.000940802000792815272014")),
        (b"%6e", &[V::F(0x0004df02e64188e1)], Ok(b"6.774151e-309")),
        (b"%-07.a", &[V::F(0x3fe0000000000000)], Ok(b"0x1p-1 ")),
        (b"% G", &[V::F(0x0000fe96626b34b8)], Ok(b" 1.383E-309")),
        (b"%- #8G", &[V::F(0x000e7848dfe6ac4a)], Ok(b" 2.01228E-308")),
        (b"%26A", &[V::F(0x437634576097e1c0)], Ok(b"      0X1.634576097E1CP+56")),
        (b"%#17c", &[V::I(-9004390431554592594)], Err(b"invalid conversion specification: '%#17c'")),
        (b"%017o", &[V::I(-415247573301)], Ok(b"1777777771752124157313")),
        (b"%+.12f", &[V::F(0xc267da432d3f750a)], Ok(b"-819568667131.657470703125")),
        (b"%0+19c", &[V::I(-659747619579)], Err(b"invalid conversion specification: '%0+19c'")),
        (b"%26G", &[V::F(0xc017a0f0ff176d38)], Ok(b"                  -5.90717")),
        (b"%0+0A", &[V::F(0x3de5fd07758510ae)], Ok(b"+0X1.5FD07758510AEP-33")),
        (b"%0#.4d", &[V::I(-36)], Err(b"invalid conversion specification: '%0#.4d'")),
        (b"%.25f", &[V::F(0xc03de00000000000)], Ok(b"-29.8750000000000000000000000")),
        (b"% #0s", &[V::S(b"")], Err(b"invalid conversion specification: '% #0s'")),
        (b"%0a", &[V::F(0xc00b800000000000)], Ok(b"-0x1.b8p+1")),
        (b"% #.12e", &[V::F(0x3fb999999999999a)], Ok(b" 1.000000000000e-01")),
        (b"%.g", &[V::F(0x7ff0000000000000)], Ok(b"inf")),
        (b"%00.X", &[V::I(74)], Ok(b"4A")),
        (b"%6f", &[V::F(0x401075c28f5c28f6)], Ok(b"4.115000")),
        (b"%24.17o", &[V::I(-17)], Ok(b"  1777777777777777777757")),
        (b"%o", &[V::I(-5964835952562620835)], Ok(b"1264705124674001533135")),
        (b"%+18X", &[V::I(-2908097500484115769)], Err(b"invalid conversion specification: '%+18X'")),
        (b"%## .3d", &[V::I(-72)], Err(b"invalid conversion specification: '%## .3d'")),
        (b"% #24.4i", &[V::I(-9182314799792033213)], Err(b"invalid conversion specification: '% #24.4i'")),
        (b"%-+#22E", &[V::F(0xccbbb66a7a2dee95)], Ok(b"-4.453237E+61         ")),
        (b"%-18c", &[V::I(-165895558500)], Ok(b"\x9c                 ")),
        (b"%#-#x", &[V::I(255)], Ok(b"0xff")),
        (b"%u", &[V::I(9223372036854775807)], Ok(b"9223372036854775807")),
        (b"%.u", &[V::I(-17)], Ok(b"18446744073709551599")),
        (b"%36c", &[V::I(-713326813101)], Ok(b"                                   S")),
        (b"%-.8a", &[V::F(0x4341c37937e08000)], Ok(b"0x1.1c37937ep+53")),
        (b"%#A", &[V::F(0x0006147b4a25451d)], Ok(b"0X0.6147B4A25451DP-1022")),
        (b"%#+25.4d", &[V::I(576316896345)], Err(b"invalid conversion specification: '%#+25.4d'")),
        (b"%- .23g", &[V::F(0x0001d20606ba1d9f)], Ok(b" 2.5315839761427179512686e-309")),
        (b"%  0.14a", &[V::F(0x4088f7ce4013efb9)], Ok(b" 0x1.8f7ce4013efb90p+9")),
        (b"% .G", &[V::F(0xc3e00e0b33026b8f)], Ok(b"-9E+18")),
        (b"%X", &[V::I(255)], Ok(b"FF")),
        (b"%0#17.0E", &[V::F(0xbdc734d6c4631ecc)], Ok(b"-00000000004.E-11")),
        (b"%+.1A", &[V::F(0xc04a57ef9db22d0e)], Ok(b"-0X1.AP+5")),
        (b"%e", &[V::F(0x3f176094e73c48d9)], Ok(b"8.917722e-05")),
        (b"%035.20i", &[V::I(-1)], Ok(b"              -00000000000000000001")),
        (b"%#.6X", &[V::I(2466691989547726780)], Ok(b"0X223B734B9F4B37BC")),
        (b"%-+-g", &[V::F(0x42a2309ce53fffcd)], Ok(b"+1e+13")),
        (b"% +09.11X", &[V::I(-49)], Err(b"invalid conversion specification: '% +09.11X'")),
        (b"%#X", &[V::I(7355466281021902080)], Ok(b"0X6613DD9C95AC8D00")),
        (b"%+14A", &[V::F(0xc465d62098c12c84)], Ok(b"-0X1.5D62098C12C84P+71")),
        (b"%.A", &[V::F(0x4028e872b020c49c)], Ok(b"0X2P+3")),
        (b"%# .x", &[V::I(9223372036854775807)], Err(b"invalid conversion specification: '%# .x'")),
        (b"%-#g", &[V::F(0xc3a72da47f9d9b9c)], Ok(b"-8.35086e+17")),
        (b"%##.g", &[V::F(0x7ff0000000000000)], Ok(b"inf")),
        (b"%+-.A", &[V::F(0x40537e6666666666)], Ok(b"+0X1P+6")),
        (b"%+029o", &[V::I(65)], Err(b"invalid conversion specification: '%+029o'")),
        (b"%0+32.12X", &[V::I(83)], Err(b"invalid conversion specification: '%0+32.12X'")),
        (b"%10a", &[V::F(0x40315ef9db22d0e5)], Ok(b"0x1.15ef9db22d0e5p+4")),
        (b"% 0+37A", &[V::F(0x3f16628b0377e0f9)], Ok(b"+0X0000000000000001.6628B0377E0F9P-14")),
        (b"%27f", &[V::F(0x603894f8ac93a109)], Ok(b"329589654750235704828319713728218848668272639909639605689681691481407395066108354029739179134913316272581767320456222879457871444732426845901596062440751104.000000")),
        (b"%-+36.19G", &[V::F(0x40f869f800000000)], Ok(b"+99999.5                            ")),
        (b"%36x", &[V::I(i64::MIN)], Ok(b"                    8000000000000000")),
        (b"%+0-.o", &[V::I(1)], Err(b"invalid conversion specification: '%+0-.o'")),
        (b"%#31u", &[V::I(256)], Err(b"invalid conversion specification: '%#31u'")),
        (b"%-.9x", &[V::I(0)], Ok(b"000000000")),
        (b"%i", &[V::I(44432038261)], Ok(b"44432038261")),
        (b"%#-30.s", &[V::S(b"abc")], Err(b"invalid conversion specification: '%#-30.s'")),
        (b"%0+#i", &[V::I(-1209672301552626484)], Err(b"invalid conversion specification: '%0+#i'")),
        (b"%+0 .17G", &[V::F(0xbfdc000000000000)], Ok(b"-0.4375")),
        (b"%g", &[V::F(0x0004607873961079)], Ok(b"6.08674e-309")),
        (b"%22.o", &[V::I(-159026097209)], Ok(b"1777777775537123451707")),
        (b"%8.A", &[V::F(0x0001dbbeb373ab22)], Ok(b"0X0P-1022")),
        (b"%-038.10G", &[V::F(0xc0bb018000000000)], Ok(b"-6913.5                               ")),
        (b"%+3.8e", &[V::F(0x000117a0a79c4191)], Ok(b"+1.51902336e-309")),
        (b"%#.22g", &[V::F(0x3fb2ea209aaa3ad2)], Ok(b"0.07388500000000000622613")),
        (b"%- 29.20c", &[V::I(9223372036854775807)], Err(b"invalid conversion specification: '%- 29.20c'")),
        (b"%.x", &[V::I(8087782697132966973)], Ok(b"703d93831b29443d")),
        (b"%4i", &[V::I(979229207473)], Ok(b"979229207473")),
        (b"%.8a", &[V::F(0x4480f0cf064dd3b5)], Ok(b"0x1.0f0cf065p+73")),
        (b"%.22a", &[V::F(0xa87e5176473fc802)], Ok(b"-0x1.e5176473fc802000000000p-376")),
        (b"%+0x", &[V::I(-2720963402978953070)], Err(b"invalid conversion specification: '%+0x'")),
        (b"%++12g", &[V::F(0x3f4862667ab59a1d)], Ok(b"+0.000744152")),
        (b"%-4.d", &[V::I(-3660542937225392057)], Ok(b"-3660542937225392057")),
        (b"%-.c", &[V::I(18)], Err(b"invalid conversion specification: '%-.c'")),
        (b"%+32a", &[V::F(0x206c9398db803aca)], Ok(b"         +0x1.c9398db803acap-505")),
        (b"%#c", &[V::I(268155187418)], Err(b"invalid conversion specification: '%#c'")),
        (b"%0+6G", &[V::F(0x3dce60d8fe5142d8)], Ok(b"+5.52578E-11")),
        (b"%#.6E", &[V::F(0x7337734dc23283ac)], Ok(b"1.024771E+247")),
        (b"%x", &[V::I(14)], Ok(b"e")),
        (b"%+.f", &[V::F(0x7ff0000000000000)], Ok(b"+inf")),
        (b"%a", &[V::F(0x404ef00000000000)], Ok(b"0x1.efp+5")),
        (b"%+d", &[V::I(255)], Ok(b"+255")),
        (b"%+0036g", &[V::F(0x057435643e050f80)], Ok(b"+0000000000000000000000002.1744e-282")),
        (b"%0i", &[V::I(-4430858669789997356)], Ok(b"-4430858669789997356")),
        (b"%d", &[V::I(-1)], Ok(b"-1")),
        (b"%#+u", &[V::I(-50)], Err(b"invalid conversion specification: '%#+u'")),
        (b"% .G", &[V::F(0x1d395a95829b57a5)], Ok(b" 7E-168")),
        (b"%0  6f", &[V::F(0x3da1e464d9303113)], Ok(b" 0.000000")),
        (b"%-+#28.15a", &[V::F(0x408f380000000000)], Ok(b"+0x1.f38000000000000p+9     ")),
        (b"%.24A", &[V::F(0xc43cc77e7dfa5588)], Ok(b"-0X1.CC77E7DFA558800000000000P+68")),
        (b"%# 13u", &[V::I(-6023101857043924952)], Err(b"invalid conversion specification: '%# 13u'")),
        (b"%-+.5a", &[V::F(0xc1c4481fe220b8ea)], Ok(b"-0x1.44820p+29")),
        (b"%o", &[V::I(255)], Ok(b"377")),
        (b"%17u", &[V::I(76)], Ok(b"               76")),
        (b"%+ a", &[V::F(0x42374867a5c00000)], Ok(b"+0x1.74867a5cp+36")),
        (b"%0+a", &[V::F(0x0000000000000001)], Ok(b"+0x0.0000000000001p-1022")),
        (b"%14g", &[V::F(0x3f1a36e2eb1c432d)], Ok(b"        0.0001")),
        (b"%+0#13.16d", &[V::I(1051395301282)], Err(b"invalid conversion specification: '%+0#13.16d'")),
        (b"%+# 6.f", &[V::F(0x00041d32088a8b0c)], Ok(b"   +0.")),
        (b"%- .23f", &[V::F(0x7ff0000000000000)], Ok(b" inf")),
        (b"%+0a", &[V::F(0x9479a70ebc9b46ba)], Ok(b"-0x1.9a70ebc9b46bap-696")),
        (b"%-+.G", &[V::F(0x3fb999999999999a)], Ok(b"+0.1")),
        (b"% #f", &[V::F(0xc32733b51f885f6b)], Ok(b"-3265388737736629.500000")),
        (b"%25.20f", &[V::F(0x0004a8bbcd07c8f0)], Ok(b"   0.00000000000000000000")),
        (b"%##2.18i", &[V::I(-1)], Err(b"invalid conversion specification: '%##2.18i'")),
        (b"%#- .9X", &[V::I(969381675972)], Err(b"invalid conversion specification: '%#- .9X'")),
        (b"%++ .e", &[V::F(0x26ccd31c3446cf3a)], Ok(b"+9e-122")),
        (b"%-34i", &[V::I(5451542510780570529)], Ok(b"5451542510780570529               ")),
        (b"%  38.23d", &[V::I(256)], Ok(b"               00000000000000000000256")),
        (b"%.17u", &[V::I(916286440094)], Ok(b"00000916286440094")),
        (b"%#g", &[V::F(0x408c200000000000)], Ok(b"900.000")),
        (b"%35e", &[V::F(0x0002b743b306987a)], Ok(b"                      3.776891e-309")),
        (b"%.G", &[V::F(0x4202a05f1fffffff)], Ok(b"1E+10")),
        (b"%-24.21c", &[V::I(-85)], Err(b"invalid conversion specification: '%-24.21c'")),
        (b"%26i", &[V::I(1713195963170867684)], Ok(b"       1713195963170867684")),
        (b"%28.18G", &[V::F(0x430c6bf526340000)], Ok(b"            1000000000000000")),
        (b"%s", &[V::S(b"\x01\x02")], Ok(b"\x01\x02")),
        (b"%-# X", &[V::I(-1012426056539)], Err(b"invalid conversion specification: '%-# X'")),
        (b"%-##.16E", &[V::F(0x4084fe7ae147ae14)], Ok(b"6.7180999999999995E+02")),
        (b"%21.14c", &[V::I(9223372036854775807)], Err(b"invalid conversion specification: '%21.14c'")),
        (b"%9.22c", &[V::I(-375455362345)], Err(b"invalid conversion specification: '%9.22c'")),
        (b"%#21.0g", &[V::F(0x4415779a9de6eeb0)], Ok(b"               1.e+20")),
        (b"%0c", &[V::I(2472177094549983716)], Err(b"invalid conversion specification: '%0c'")),
        (b"%-#27e", &[V::F(0x210177bb657556c8)], Ok(b"1.067254e-149              ")),
        (b"%-.2f", &[V::F(0x430c64ae810b8000)], Ok(b"999000000000000.00")),
        (b"%x", &[V::I(2228636400606566712)], Ok(b"1eedb4ff9fa8d938")),
        (b"%.5f", &[V::F(0x000a7b92bb6f82b7)], Ok(b"0.00000")),
        (b"%  +22.19G", &[V::F(0xc037500000000000)], Ok(b"              -23.3125")),
        (b"%- #7.3s", &[V::S(b"")], Err(b"invalid conversion specification: '%- #7.3s'")),
        (b"%032.17o", &[V::I(2258953842850290529)], Ok(b"           175313250646706055541")),
        (b"%e", &[V::F(0x4415af1d78ac3c10)], Ok(b"1.000000e+20")),
        (b"%-+37.17i", &[V::I(-1)], Ok(b"-00000000000000001                   ")),
        (b"%o", &[V::I(3)], Ok(b"3")),
        (b"%34.x", &[V::I(71)], Ok(b"                                47")),
        (b"%-5o", &[V::I(483119488281)], Ok(b"7017412456431")),
        (b"%+d", &[V::I(2896055886863514689)], Ok(b"+2896055886863514689")),
        (b"%7.d", &[V::I(636151500797)], Ok(b"636151500797")),
        (b"%+19.24E", &[V::F(0x40f869fffff583a5)], Ok(b"+9.999999998999999661464244E+04")),
        (b"%0-+o", &[V::I(-431072718132)], Err(b"invalid conversion specification: '%0-+o'")),
        (b"%  32.11A", &[V::F(0xc1c9745b02881c0e)], Ok(b"            -0X1.9745B02881CP+29")),
        (b"%20.13a", &[V::F(0x3f1a36e2eb1c432d)], Ok(b"0x1.a36e2eb1c432dp-14")),
        (b"%+  a", &[V::F(0xbfe371b5c5135010)], Ok(b"-0x1.371b5c513501p-1")),
        (b"%#.0f", &[V::F(0xc4e4c7cef5225a19)], Ok(b"-785065156732580593139712.")),
        (b"%++#d", &[V::I(256)], Err(b"invalid conversion specification: '%++#d'")),
        (b"% 0 16i", &[V::I(5)], Ok(b" 000000000000005")),
        (b"%5A", &[V::F(0x4087b10a3d70a3d7)], Ok(b"0X1.7B10A3D70A3D7P+9")),
        (b"%25.18A", &[V::F(0x416312cffccccccd)], Ok(b"0X1.312CFFCCCCCCD00000P+23")),
        (b"%0-o", &[V::I(-88)], Ok(b"1777777777777777777650")),
        (b"%0++14.1E", &[V::F(0xc07554f5c28f5c29)], Ok(b"-0000003.4E+02")),
        (b"%35x", &[V::I(-848126900770)], Ok(b"                   ffffff3a87b285de")),
        (b"%22X", &[V::I(-6455565235750701858)], Ok(b"      A669399F02B7F4DE")),
        (b"%-d", &[V::I(0)], Ok(b"0")),
        (b"%0+ 18.A", &[V::F(0x3fee666666666666)], Ok(b"+0X000000000002P-1")),
        (b"%35a", &[V::F(0xc4d0214855947d51)], Ok(b"             -0x1.0214855947d51p+78")),
        (b"%+0 23A", &[V::F(0xc4d771a51d8887a2)], Ok(b"-0X01.771A51D8887A2P+78")),
        (b"%-0030c", &[V::I(0)], Err(b"invalid conversion specification: '%-0030c'")),
        (b"%+ +e", &[V::F(0xabf9e318c35ba69b)], Ok(b"-7.574688e-97")),
        (b"%+11.G", &[V::F(0xc0863fae147ae148)], Ok(b"     -7E+02")),
        (b"%+0 X", &[V::I(39563734305)], Err(b"invalid conversion specification: '%+0 X'")),
        (b"% .3s", &[V::S(b"")], Err(b"invalid conversion specification: '% .3s'")),
        (b"%A", &[V::F(0x000f9163726624ee)], Ok(b"0X0.F9163726624EEP-1022")),
        (b"%0#+23.25d", &[V::I(-89)], Err(b"invalid conversion specification: '%0#+23.25d'")),
        (b"% +02e", &[V::F(0xdf7395b0fe7cf21c)], Ok(b"-6.410848e+151")),
        (b"%28c", &[V::I(8529465327629389080)], Ok(b"                           \x18")),
        (b"%32X", &[V::I(1)], Ok(b"                               1")),
        (b"% 26E", &[V::F(0x63ff1d95d32e5c1f)], Ok(b"             4.809891E+173")),
        (b"%17u", &[V::I(255)], Ok(b"              255")),
        (b"%15e", &[V::F(0x184cbd6453738b92)], Ok(b"  1.259844e-191")),
        (b"%#21i", &[V::I(69)], Err(b"invalid conversion specification: '%#21i'")),
        (b"%-19d", &[V::I(65)], Ok(b"65                 ")),
        (b"%#35X", &[V::I(-70)], Ok(b"                 0XFFFFFFFFFFFFFFBA")),
        (b"%28g", &[V::F(0x3ea37dc3b0090a3e)], Ok(b"                 5.80885e-07")),
        (b"%+0#35e", &[V::F(0x4041200000000000)], Ok(b"+00000000000000000000003.425000e+01")),
        (b"%#36a", &[V::F(0x00047734bf591cea)], Ok(b"             0x0.47734bf591ceap-1022")),
        (b"%15s", &[V::S(b"hello world")], Ok(b"    hello world")),
        (b"%+10.20u", &[V::I(7130230901436753191)], Err(b"invalid conversion specification: '%+10.20u'")),
        (b"%+0s", &[V::S(b"x")], Err(b"invalid conversion specification: '%+0s'")),
        (b"%31.21o", &[V::I(-488683114815)], Ok(b"         1777777770707015667301")),
        (b"%.3u", &[V::I(-18)], Ok(b"18446744073709551598")),
        (b"%015d", &[V::I(901131136758)], Ok(b"000901131136758")),
        (b"%27x", &[V::I(7958751399318124710)], Ok(b"           6e732a3afbfff8a6")),
        (b"%#+.13g", &[V::F(0x46c64a8ccae2af40)], Ok(b"+9.042389369625e+32")),
        (b"%0 025.24o", &[V::I(-378079290823040943)], Err(b"invalid conversion specification: '%0 025.24o'")),
        (b"%#-21g", &[V::F(0x0307d85603a7b9d7)], Ok(b"4.66695e-294         ")),
        (b"%.14o", &[V::I(-84)], Ok(b"1777777777777777777654")),
        (b"%035.11G", &[V::F(0x4376345785d89ffa)], Ok(b"0000000000000000000000000000001E+17")),
        (b"%# 23.8E", &[V::F(0xc0b65a0000000000)], Ok(b"        -5.72200000E+03")),
        (b"%-0+4u", &[V::I(-8863836894914696984)], Err(b"invalid conversion specification: '%-0+4u'")),
        (b"% 0A", &[V::F(0x4030b00000000000)], Ok(b" 0X1.0BP+4")),
        (b"%  25d", &[V::I(255)], Ok(b"                      255")),
        (b"%###.4d", &[V::I(256)], Err(b"invalid conversion specification: '%###.4d'")),
        (b"%#-+u", &[V::I(-9006047058637987964)], Err(b"invalid conversion specification: '%#-+u'")),
        (b"% -s", &[V::S(b"hello world")], Err(b"invalid conversion specification: '% -s'")),
        (b"% 0c", &[V::I(-1390680281085627152)], Err(b"invalid conversion specification: '% 0c'")),
        (b"% .G", &[V::F(0x447e7e4171bf4d3a)], Ok(b" 9E+21")),
        (b"% --6.1G", &[V::F(0xc0f10d698a6a3273)], Ok(b"-7E+04")),
        (b"%28o", &[V::I(-16)], Ok(b"      1777777777777777777760")),
        (b"%+-+13.3X", &[V::I(-3223989630862699283)], Err(b"invalid conversion specification: '%+-+13.3X'")),
        (b"%13a", &[V::F(0x5477868996ef2f60)], Ok(b"0x1.7868996ef2f6p+328")),
        (b"%++e", &[V::F(0xbf7264a54b8b6bda)], Ok(b"-4.490514e-03")),
        (b"%035d", &[V::I(-627952312751)], Ok(b"-0000000000000000000000627952312751")),
        (b"%+  33.x", &[V::I(3170387497383925632)], Err(b"invalid conversion specification: '%+  33.x'")),
        (b"%++.18E", &[V::F(0x430c6bf526340000)], Ok(b"+1.000000000000000000E+15")),
        (b"%-#f", &[V::F(0x110dd5eb5b0dbd45)], Ok(b"0.000000")),
        (b"%25.2a", &[V::F(0x2579df20fb1a5715)], Ok(b"              0x1.9ep-424")),
        (b"%+-#28.0G", &[V::F(0xb2976e5f3580f2e8)], Ok(b"-6.E-65                     ")),
        (b"%# 22i", &[V::I(1)], Err(b"invalid conversion specification: '%# 22i'")),
        (b"%.23o", &[V::I(-8022217785003764062)], Ok(b"01102532666662601713242")),
        (b"%+e", &[V::F(0x409c340000000000)], Ok(b"+1.805000e+03")),
        (b"%28.e", &[V::F(0xc03745604189374c)], Ok(b"                      -2e+01")),
        (b"%+.5f", &[V::F(0x416312cffccccccd)], Ok(b"+9999999.90000")),
        (b"%+ .3s", &[V::S(b"x")], Err(b"invalid conversion specification: '%+ .3s'")),
        (b"% d", &[V::I(9126723528904661705)], Ok(b" 9126723528904661705")),
        (b"%0-0.19o", &[V::I(-867001444446)], Ok(b"1777777763304253753642")),
        (b"%.6c", &[V::I(11)], Err(b"invalid conversion specification: '%.6c'")),
        (b"% .16f", &[V::F(0xc017f1758e219653)], Ok(b"-5.9858000000000002")),
        (b"%+030.19g", &[V::F(0x6361bcef493b7f63)], Ok(b"+000005.35541155424722664e+170")),
        (b"%# E", &[V::F(0x7d411c0c3f38af78)], Ok(b" 2.185469E+295")),
        (b"%- .8E", &[V::F(0x4415af1d78586a65)], Ok(b" 9.99999999E+19")),
        (b"%030A", &[V::F(0x408f3feb851eb852)], Ok(b"0X00000000001.F3FEB851EB852P+9")),
        (b"%#x", &[V::I(-863392891218)], Ok(b"0xffffff36f9c5feae")),
        (b"%0#-d", &[V::I(3286166672697323416)], Err(b"invalid conversion specification: '%0#-d'")),
        (b"%0017g", &[V::F(0x405fd70a3d70a3d7)], Ok(b"00000000000127.36")),
        (b"%+0.5G", &[V::F(0x2779ecca9fd62e20)], Ok(b"+1.6063E-118")),
        (b"%#0.7s", &[V::S(b"")], Err(b"invalid conversion specification: '%#0.7s'")),
        (b"%.25i", &[V::I(806515289463)], Ok(b"0000000000000806515289463")),
        (b"%0#.24u", &[V::I(-1046416248782)], Err(b"invalid conversion specification: '%0#.24u'")),
        (b"%#33d", &[V::I(46)], Err(b"invalid conversion specification: '%#33d'")),
        (b"%0 033G", &[V::F(0x2b7093aa0945ff31)], Ok(b" 0000000000000000000001.89471E-99")),
        (b"%040.c", &[V::I(-2293898001687744509)], Err(b"invalid conversion specification: '%040.c'")),
        (b"% .11e", &[V::F(0x000d8814863ee084)], Ok(b" 1.88179546818e-308")),
        (b"%0.0e", &[V::F(0x72a7f79eea895d30)], Ok(b"2e+244")),
        (b"%0#a", &[V::F(0x412e83b800000000)], Ok(b"0x1.e83b8p+19")),
        (b"%#37e", &[V::F(0x0000000000000001)], Ok(b"                        4.940656e-324")),
        (b"%#-010f", &[V::F(0x065ee1051670c486)], Ok(b"0.000000  ")),
        (b"%0.o", &[V::I(65)], Ok(b"101")),
        (b"%+-012a", &[V::F(0x4415af1d78b57469)], Ok(b"+0x1.5af1d78b57469p+66")),
        (b"%21.s", &[V::S(b"x")], Ok(b"                     ")),
        (b"%+##.11G", &[V::F(0x430c6bf526340000)], Ok(b"+1.0000000000E+15")),
        (b"%.7g", &[V::F(0x40f869f800000000)], Ok(b"99999.5")),
        (b"%  -27g", &[V::F(0x401ac00000000000)], Ok(b" 6.6875                    ")),
        (b"%2G", &[V::F(0xbf88c436fc158fb4)], Ok(b"-0.012093")),
        (b"%0 +17.15u", &[V::I(3153927659748058469)], Err(b"invalid conversion specification: '%0 +17.15u'")),
        (b"% ++.3o", &[V::I(-307839376840)], Err(b"invalid conversion specification: '% ++.3o'")),
        (b"%-0-19.6X", &[V::I(-381152341585)], Ok(b"FFFFFFA7418CD1AF   ")),
        (b"%0# .23E", &[V::F(0xc051952f1a9fbe77)], Ok(b"-7.03310000000000030695446E+01")),
        (b"%++3x", &[V::I(762841674558650953)], Err(b"invalid conversion specification: '%++3x'")),
        (b"% 02f", &[V::F(0x3b07a692e7df6838)], Ok(b" 0.000000")),
        (b"%01u", &[V::I(7545414263948365852)], Ok(b"7545414263948365852")),
        (b"%  37.x", &[V::I(256)], Err(b"invalid conversion specification: '%  37.x'")),
        (b"%+ c", &[V::I(-69)], Err(b"invalid conversion specification: '%+ c'")),
        (b"% 019.11o", &[V::I(256)], Err(b"invalid conversion specification: '% 019.11o'")),
        (b"%E", &[V::F(0x4023cccccccccccd)], Ok(b"9.900000E+00")),
        (b"%0 38f", &[V::F(0x5a9b5f67b01380ad)], Ok(b" 296466362951420748945539759594893554537012624016475892073172671947213970782622736923902005862718435039357756960098030082613837824.000000")),
        (b"%0+i", &[V::I(23)], Ok(b"+23")),
        (b"%27.1E", &[V::F(0x04f770626765f125)], Ok(b"                   9.9E-285")),
        (b"%-0-31.25A", &[V::F(0x42a2309ce53fffcd)], Ok(b"0X1.2309CE53FFFCD000000000000P+43")),
        (b"%+9.7s", &[V::S(b"")], Err(b"invalid conversion specification: '%+9.7s'")),
        (b"% 39c", &[V::I(-16)], Err(b"invalid conversion specification: '% 39c'")),
        (b"% +0.24o", &[V::I(1)], Err(b"invalid conversion specification: '% +0.24o'")),
        (b"%-u", &[V::I(295784378000)], Ok(b"295784378000")),
        (b"%#29.20x", &[V::I(4271725516684826993)], Ok(b"       0x00003b4837b98ff89971")),
        (b"%0+25.25i", &[V::I(350347698877)], Ok(b"+0000000000000350347698877")),
        (b"%-0+.a", &[V::F(0x333e40afdf595914)], Ok(b"+0x2p-204")),
        (b"%E", &[V::F(0x74da09fa3695f9aa)], Ok(b"7.636251E+254")),
        (b"%- .13u", &[V::I(-162803645406)], Err(b"invalid conversion specification: '%- .13u'")),
        (b"%21o", &[V::I(-1)], Ok(b"1777777777777777777777")),
        (b"%-#.4s", &[V::S(b"hello world")], Err(b"invalid conversion specification: '%-#.4s'")),
        (b"%+37.23x", &[V::I(-511214768112)], Err(b"invalid conversion specification: '%+37.23x'")),
        (b"%14.15x", &[V::I(-211759085644)], Ok(b"ffffffceb22cc7b4")),
        (b"%0x", &[V::I(1303553223862708278)], Ok(b"121726c02626e836")),
        (b"%#++10x", &[V::I(54)], Err(b"invalid conversion specification: '%#++10x'")),
        (b"%.21G", &[V::F(0x6d40e898a8cc102c)], Ok(b"1.86523688434136109926E+218")),
        (b"%-+7g", &[V::F(0xc045900000000000)], Ok(b"-43.125")),
        (b"%.23f", &[V::F(0xc1835ff48bf3504d)], Ok(b"-40631953.49380550533533096313477")),
        (b"% -.2g", &[V::F(0x234d3cfc1c3fa161)], Ok(b" 1.2e-138")),
        (b"%#0+.15x", &[V::I(5861913508496485239)], Err(b"invalid conversion specification: '%#0+.15x'")),
        (b"%+s", &[V::S(b"")], Err(b"invalid conversion specification: '%+s'")),
        (b"%0#+.A", &[V::F(0x57bff89197fecd62)], Ok(b"+0X2.P+380")),
        (b"%  +d", &[V::I(-896750101882658526)], Ok(b"-896750101882658526")),
        (b"%#-24g", &[V::F(0xc038600000000000)], Ok(b"-24.3750                ")),
        (b"%-014.g", &[V::F(0x416312cec0000000)], Ok(b"1e+07         ")),
        (b"%#+15g", &[V::F(0xc085800000000000)], Ok(b"       -688.000")),
        (b"%A", &[V::F(0x408f3feb851eb852)], Ok(b"0X1.F3FEB851EB852P+9")),
        (b"%026e", &[V::F(0x7fe1ccf385ebc8a0)], Ok(b"00000000000001.000000e+308")),
        (b"%++18a", &[V::F(0x41921af45ee6a809)], Ok(b"+0x1.21af45ee6a809p+26")),
        (b"% 29X", &[V::I(-5676477351598505198)], Err(b"invalid conversion specification: '% 29X'")),
        (b"% g", &[V::F(0x40108a3d70a3d70a)], Ok(b" 4.135")),
        (b"%++g", &[V::F(0x426958e41737a7eb)], Ok(b"+8.70924e+11")),
        (b"%+ 39o", &[V::I(64)], Err(b"invalid conversion specification: '%+ 39o'")),
        (b"%0 0.8X", &[V::I(758115883717)], Err(b"invalid conversion specification: '%0 0.8X'")),
        (b"%-#29e", &[V::F(0x69195c5cc806b938)], Ok(b"1.895745e+198                ")),
        (b"%.2E", &[V::F(0x000e9a79bf6c439b)], Ok(b"2.03E-308")),
        (b"%.f", &[V::F(0x3fe4395810624dd3)], Ok(b"1")),
        (b"%##30x", &[V::I(i64::MIN)], Ok(b"            0x8000000000000000")),
        (b"%#-022.19x", &[V::I(i64::MIN)], Ok(b"0x0008000000000000000 ")),
        (b"%+#f", &[V::F(0x8000000000000000)], Ok(b"-0.000000")),
        (b"%+#9X", &[V::I(30828868913)], Err(b"invalid conversion specification: '%+#9X'")),
        (b"%+030.8X", &[V::I(-12)], Err(b"invalid conversion specification: '%+030.8X'")),
        (b"%g", &[V::F(0xc0bd02cccccccccd)], Ok(b"-7426.8")),
        (b"%+ s", &[V::S(b"hello world")], Err(b"invalid conversion specification: '%+ s'")),
        (b"%+s", &[V::S(b"\x01\x02")], Err(b"invalid conversion specification: '%+s'")),
        (b"%+-+37e", &[V::F(0x0000514905b1b5f2)], Ok(b"+4.415666e-310                       ")),
        (b"%0.18g", &[V::F(0x000739efab5a1950)], Ok(b"1.00494255301690186e-308")),
        (b"%0+12.15X", &[V::I(255)], Err(b"invalid conversion specification: '%0+12.15X'")),
        (b"%0006a", &[V::F(0xc03a700000000000)], Ok(b"-0x1.a7p+4")),
        (b"%+d", &[V::I(-720962683829)], Ok(b"-720962683829")),
        (b"%0.e", &[V::F(0x0000000000000000)], Ok(b"0e+00")),
        (b"%#33g", &[V::F(0x40f11ed000000000)], Ok(b"                          70125.0")),
        (b"%-.14c", &[V::I(i64::MIN)], Err(b"invalid conversion specification: '%-.14c'")),
        (b"%d", &[V::I(-1)], Ok(b"-1")),
        (b"%.7s", &[V::S(b"x")], Ok(b"x")),
        (b"%+ -15.20f", &[V::F(0xbfec32378ab0c88a)], Ok(b"-0.88112999999999996881")),
        (b"%011.15o", &[V::I(255)], Ok(b"000000000000377")),
        (b"%+25u", &[V::I(-1)], Err(b"invalid conversion specification: '%+25u'")),
        (b"%#-#7x", &[V::I(0)], Ok(b"0      ")),
        (b"%a", &[V::F(0x43abc16d674ec800)], Ok(b"0x1.bc16d674ec8p+59")),
        (b"%0+6o", &[V::I(99688607330)], Err(b"invalid conversion specification: '%0+6o'")),
        (b"%#3u", &[V::I(-1803856810740130099)], Err(b"invalid conversion specification: '%#3u'")),
        (b"%  24X", &[V::I(1)], Err(b"invalid conversion specification: '%  24X'")),
        (b"%4c", &[V::I(-1)], Ok(b"   \xff")),
        (b"%15i", &[V::I(-623115826189)], Ok(b"  -623115826189")),
        (b"% 010.12G", &[V::F(0xf812207909e8fd67)], Ok(b"-2.39407852155E+270")),
        (b"%#+9.8e", &[V::F(0x4030400000000000)], Ok(b"+1.62500000e+01")),
        (b"%+#.15a", &[V::F(0xde09025ef702fd61)], Ok(b"-0x1.9025ef702fd6100p+481")),
        (b"%+#.i", &[V::I(-7506567557289980563)], Err(b"invalid conversion specification: '%+#.i'")),
        (b"%#036g", &[V::F(0x8f4b01b9f2c182e8)], Ok(b"-000000000000000000000005.30867e-235")),
        (b"%+0.u", &[V::I(-62)], Err(b"invalid conversion specification: '%+0.u'")),
        (b"%##.23u", &[V::I(-2685862709601041193)], Err(b"invalid conversion specification: '%##.23u'")),
        (b"%#+a", &[V::F(0x56b9d32b9b6ba041)], Ok(b"+0x1.9d32b9b6ba041p+364")),
        (b"%018s", &[V::S(b"x")], Err(b"invalid conversion specification: '%018s'")),
        (b"%-.23G", &[V::F(0x41b471e83b8b0fdb)], Ok(b"343009339.54321068525314")),
        (b"%26.23o", &[V::I(87)], Ok(b"   00000000000000000000127")),
        (b"%#- .s", &[V::S(b"x")], Err(b"invalid conversion specification: '%#- .s'")),
        (b"%+0d", &[V::I(-908729724700)], Ok(b"-908729724700")),
        (b"%3a", &[V::F(0x4034000000000000)], Ok(b"0x1.4p+4")),
        (b"%-.8g", &[V::F(0x0004c48664801a15)], Ok(b"6.6302691e-309")),
        (b"%.18A", &[V::F(0x42d6bcc41e8ffffa)], Ok(b"0X1.6BCC41E8FFFFA00000P+46")),
        (b"%0+025.12G", &[V::F(0x000b8a9bf394c458)], Ok(b"+0000001.60503507343E-308")),
        (b"%.0u", &[V::I(256)], Ok(b"256")),
        (b"%++0.6a", &[V::F(0x430c6bf526340000)], Ok(b"+0x1.c6bf52p+49")),
        (b"%-2.19d", &[V::I(120627616927)], Ok(b"0000000120627616927")),
        (b"% 0.o", &[V::I(1)], Err(b"invalid conversion specification: '% 0.o'")),
        (b"%.A", &[V::F(0x7e51b80065722158)], Ok(b"0X1P+998")),
        (b"%0+0.9o", &[V::I(-768883207272)], Err(b"invalid conversion specification: '%0+0.9o'")),
        (b"%f", &[V::F(0x4023ffffffffffff)], Ok(b"10.000000")),
        (b"%#+#f", &[V::F(0xc3779dbae8f51a0c)], Ok(b"-106357608995201216.000000")),
        (b"%- 34.E", &[V::F(0x3fa999999999999a)], Ok(b" 5E-02                            ")),
        (b"% #0s", &[V::S(b"")], Err(b"invalid conversion specification: '% #0s'")),
        (b"%G", &[V::F(0x4480f0cdea164214)], Ok(b"9.99999E+21")),
        (b"%+15o", &[V::I(9223372036854775807)], Err(b"invalid conversion specification: '%+15o'")),
        (b"%-c", &[V::I(-614268478338)], Ok(b"~")),
        (b"% +.19i", &[V::I(256)], Ok(b"+0000000000000000256")),
        (b"%-#+21.2g", &[V::F(0xbfb42d9cf13cee9e)], Ok(b"-0.079               ")),
        (b"%0 .8a", &[V::F(0x6e687dd01e3489be)], Ok(b" 0x1.87dd01e3p+743")),
        (b"%2.11e", &[V::F(0xc000800000000000)], Ok(b"-2.06250000000e+00")),
        (b"%X", &[V::I(4216760557004390265)], Ok(b"3A84F1629F1FFF79")),
        (b"%39.o", &[V::I(0)], Ok(b"                                       ")),
        (b"%#+#32f", &[V::F(0x401698adab9f559b)], Ok(b"                       +5.649100")),
        (b"%#+6c", &[V::I(-2426852891816406542)], Err(b"invalid conversion specification: '%#+6c'")),
        (b"%+#a", &[V::F(0xc293edf75b95ed0c)], Ok(b"-0x1.3edf75b95ed0cp+42")),
        (b"%#.0E", &[V::F(0x44d8beb4d4573ee0)], Ok(b"5.E+23")),
        (b"%A", &[V::F(0x0000000000000000)], Ok(b"0X0P+0")),
        (b"%.7A", &[V::F(0xbfc77564302b40f6)], Ok(b"-0X1.7756430P-3")),
        (b"%37.f", &[V::F(0x4058ff5c28f5c28f)], Ok(b"                                  100")),
        (b"%--23o", &[V::I(-50)], Ok(b"1777777777777777777716 ")),
        (b"%+#26.16A", &[V::F(0xc000800000000000)], Ok(b"  -0X1.0800000000000000P+1")),
        (b"% #34.18X", &[V::I(-51)], Err(b"invalid conversion specification: '% #34.18X'")),
        (b"%-0035d", &[V::I(-1)], Ok(b"-1                                 ")),
        (b"%-029x", &[V::I(9223372036854775807)], Ok(b"7fffffffffffffff             ")),
        (b"%+0o", &[V::I(1548116593094331006)], Err(b"invalid conversion specification: '%+0o'")),
        (b"%++39.15i", &[V::I(724218695332)], Ok(b"                       +000724218695332")),
        (b"%e", &[V::F(0x4c84fd1b69a86f60)], Ok(b"4.215942e+60")),
        (b"%- -6A", &[V::F(0x4058ada1cac08312)], Ok(b" 0X1.8ADA1CAC08312P+6")),
        (b"%+#12A", &[V::F(0x3fb999999999999a)], Ok(b"+0X1.999999999999AP-4")),
        (b"%-0i", &[V::I(8119932199013843408)], Ok(b"8119932199013843408")),
        (b"%+ .11e", &[V::F(0x0002adb645285156)], Ok(b"+3.72499958387e-309")),
        (b"%#- 11.7a", &[V::F(0x4376345785d7abdc)], Ok(b" 0x1.6345786p+56")),
        (b"%i", &[V::I(-838404132930)], Ok(b"-838404132930")),
        (b"%.0d", &[V::I(65)], Ok(b"65")),
        (b"%- .13g", &[V::F(0x40f869f800000000)], Ok(b" 99999.5")),
        (b"%##0.X", &[V::I(0)], Ok(b"")),
        (b"%-+ 10.11E", &[V::F(0x418692ace686d82b)], Ok(b"+4.73389088158E+07")),
        (b"%#0-19i", &[V::I(i64::MIN)], Err(b"invalid conversion specification: '%#0-19i'")),
        (b"% #29G", &[V::F(0x3f45e27b3fabe4a6)], Ok(b"                  0.000667868")),
        (b"%++o", &[V::I(189593135231)], Err(b"invalid conversion specification: '%++o'")),
        (b"%37E", &[V::F(0xc02de00000000000)], Ok(b"                        -1.493750E+01")),
        (b"%24f", &[V::F(0x94478fdbfc9f08dc)], Ok(b"               -0.000000")),
        (b"%25i", &[V::I(-37)], Ok(b"                      -37")),
        (b"%  c", &[V::I(255)], Err(b"invalid conversion specification: '%  c'")),
        (b"%40E", &[V::F(0x446920aa7fa40d79)], Ok(b"                            3.708179E+21")),
        (b"%+#0.6s", &[V::S(b"")], Err(b"invalid conversion specification: '%+#0.6s'")),
        (b"%#.d", &[V::I(8900941527887733448)], Err(b"invalid conversion specification: '%#.d'")),
        (b"%0##.3s", &[V::S(b"\x01\x02")], Err(b"invalid conversion specification: '%0##.3s'")),
        (b"%0#+17.23i", &[V::I(-49)], Err(b"invalid conversion specification: '%0#+17.23i'")),
        (b"%#24.24g", &[V::F(0x404d280000000000)], Ok(b"58.3125000000000000000000")),
        (b"%0-6.15X", &[V::I(-598379435829)], Ok(b"FFFFFF74ADCE68CB")),
        (b"% +x", &[V::I(1)], Err(b"invalid conversion specification: '% +x'")),
        (b"%#0.0g", &[V::F(0x7b3da57370f571ec)], Ok(b"4.e+285")),
        (b"%000a", &[V::F(0xc03be00000000000)], Ok(b"-0x1.bep+4")),
        (b"% .a", &[V::F(0x4048380000000000)], Ok(b" 0x2p+5")),
        (b"%++.x", &[V::I(-2846612884599675359)], Err(b"invalid conversion specification: '%++.x'")),
        (b"%020i", &[V::I(7575776018100433540)], Ok(b"07575776018100433540")),
        (b"% 0.7o", &[V::I(i64::MIN)], Err(b"invalid conversion specification: '% 0.7o'")),
        (b"%.f", &[V::F(0x40b9a1edcb57ca81)], Ok(b"6562")),
        (b"%-16o", &[V::I(72516432684)], Ok(b"1034224171454   ")),
        (b"%+A", &[V::F(0x4341c37937e06c78)], Ok(b"+0X1.1C37937E06C78P+53")),
        (b"%17.X", &[V::I(-69)], Ok(b" FFFFFFFFFFFFFFBB")),
        (b"%036u", &[V::I(8548803412605806412)], Ok(b"000000000000000008548803412605806412")),
        (b"%+.21A", &[V::F(0x5c88081736caaeba)], Ok(b"+0X1.8081736CAAEBA00000000P+457")),
        (b"%  x", &[V::I(705472860417)], Err(b"invalid conversion specification: '%  x'")),
        (b"%-X", &[V::I(1252802868558870868)], Ok(b"1162D992420AB954")),
        (b"%0- .o", &[V::I(256)], Err(b"invalid conversion specification: '%0- .o'")),
        (b"%-0-o", &[V::I(256)], Ok(b"400")),
        (b"% +2.15A", &[V::F(0x430c6bf52627cb00)], Ok(b"+0X1.C6BF52627CB0000P+49")),
        (b"%+.25o", &[V::I(2605782464692526230)], Err(b"invalid conversion specification: '%+.25o'")),
        (b"%035.21o", &[V::I(-4)], Ok(b"             1777777777777777777774")),
        (b"%29A", &[V::F(0x00097d615023ef8b)], Ok(b"      0X0.97D615023EF8BP-1022")),
        (b"%#+39G", &[V::F(0xc2dc4dd3dcf7ace6)], Ok(b"                           -1.24482E+14")),
        (b"%.7s", &[V::S(b"x")], Ok(b"x")),
        (b"%0.11c", &[V::I(-53)], Err(b"invalid conversion specification: '%0.11c'")),
        (b"%#.i", &[V::I(403296034478)], Err(b"invalid conversion specification: '%#.i'")),
        (b"% #X", &[V::I(i64::MIN)], Err(b"invalid conversion specification: '% #X'")),
        (b"%  .13o", &[V::I(-1)], Err(b"invalid conversion specification: '%  .13o'")),
        (b"%22d", &[V::I(382960930805047156)], Ok(b"    382960930805047156")),
        (b"%0-G", &[V::F(0xc02bc00000000000)], Ok(b"-13.875")),
        (b"%+0 5E", &[V::F(0x5cb9b19279c3122f)], Ok(b"+4.780834E+138")),
        (b"%#36f", &[V::F(0xc227616cbf41996f)], Ok(b"                 -50209382304.799675")),
        (b"%++23E", &[V::F(0x40b842cccccccccd)], Ok(b"          +6.210800E+03")),
        (b"%-.12A", &[V::F(0x3fa999999999999a)], Ok(b"0X1.99999999999AP-5")),
        (b"%# #c", &[V::I(-955662122802179521)], Err(b"invalid conversion specification: '%# #c'")),
        (b"%38x", &[V::I(1054190821065)], Ok(b"                            f572ab5ec9")),
        (b"% +.6d", &[V::I(623614588199)], Ok(b"+623614588199")),
        (b"%-#+25x", &[V::I(-52)], Err(b"invalid conversion specification: '%-#+25x'")),
        (b"%  .3s", &[V::S(b"")], Err(b"invalid conversion specification: '%  .3s'")),
        (b"%#.25E", &[V::F(0x4032300000000000)], Ok(b"1.8187500000000000000000000E+01")),
        (b"%#0.10f", &[V::F(0x9b496d40df07c955)], Ok(b"-0.0000000000")),
        (b"%.13e", &[V::F(0xc0f1012000000000)], Ok(b"-6.9650000000000e+04")),
        (b"%08.23E", &[V::F(0x405556e978d4fdf4)], Ok(b"8.53580000000000040927262E+01")),
        (b"%00+11.G", &[V::F(0x42374876e8000000)], Ok(b"+000001E+11")),
        (b"%24.23G", &[V::F(0x404b980000000000)], Ok(b"                 55.1875")),
        (b"% --38f", &[V::F(0x70bb7d181bec2b50)], Ok(b" 10925216025563442925193942714263752474028629858760853951413323789960937311832106516594085843518747761354174447470212098474524932917751282473752140215229089579741828824094659649710970195161348298099096578329533811136640839193466389921792.000000")),
        (b"% 0.x", &[V::I(18)], Err(b"invalid conversion specification: '% 0.x'")),
        (b"%-24.2E", &[V::F(0xc0858d2bf941c928)], Ok(b"-6.90E+02               ")),
        (b"%+-#33f", &[V::F(0xc01b13f7ced91687)], Ok(b"-6.769500                        ")),
        (b"%#+21s", &[V::S(b"\x01\x02")], Err(b"invalid conversion specification: '%#+21s'")),
        (b"%0##12.E", &[V::F(0x3fee07c84b5dcc64)], Ok(b"0000009.E-01")),
        (b"%+f", &[V::F(0x3926c07e8d2191bd)], Ok(b"+0.000000")),
        (b"%s", &[V::S(b"hello world")], Ok(b"hello world")),
        (b"%0.u", &[V::I(60)], Ok(b"60")),
        (b"% A", &[V::F(0x0e1cb89312effe96)], Ok(b" 0X1.CB89312EFFE96P-798")),
        (b"%21.G", &[V::F(0x41979a7b00000000)], Ok(b"                1E+08")),
        (b"% #14.20f", &[V::F(0xc047600000000000)], Ok(b"-46.75000000000000000000")),
        (b"%0#A", &[V::F(0x40485b645a1cac08)], Ok(b"0X1.85B645A1CAC08P+5")),
        (b"% -+23e", &[V::F(0xc0033923a29c779a)], Ok(b"-2.402900e+00          ")),
        (b"%+0-8e", &[V::F(0x4038c00000000000)], Ok(b"+2.475000e+01")),
        (b"%.g", &[V::F(0x3ff8000000000000)], Ok(b"2")),
        (b"%00-.4a", &[V::F(0x1b821480e64fdc28)], Ok(b"0x1.2148p-583")),
        (b"%+##13.15d", &[V::I(1)], Err(b"invalid conversion specification: '%+##13.15d'")),
        (b"%.7o", &[V::I(256)], Ok(b"0000400")),
        (b"%12g", &[V::F(0xbdfbe88b4ddb9a91)], Ok(b" -4.0612e-10")),
        (b"%.s", &[V::S(b"\x01\x02")], Ok(b"")),
        (b"%-+-x", &[V::I(975106882868)], Err(b"invalid conversion specification: '%-+-x'")),
        (b"%.9s", &[V::S(b"hello world")], Ok(b"hello wor")),
        (b"%-00c", &[V::I(65)], Err(b"invalid conversion specification: '%-00c'")),
        (b"%0--.X", &[V::I(632955690857)], Ok(b"935F195F69")),
        (b"%0.7f", &[V::F(0x000fe599a54379df)], Ok(b"0.0000000")),
        (b"%15g", &[V::F(0xadc5fdbb087e3bc0)], Ok(b"   -3.45461e-88")),
        (b"%0+a", &[V::F(0x426d1a94a1ffe000)], Ok(b"+0x1.d1a94a1ffep+39")),
        (b"%+0.a", &[V::F(0x743297d7e7a1c8fb)], Ok(b"+0x1p+836")),
        (b"%14g", &[V::F(0x71352511a0443502)], Ok(b"   2.1514e+237")),
        (b"% -.22E", &[V::F(0x3f1a36e2eb1c432d)], Ok(b" 1.0000000000000000479217E-04")),
        (b"%0x", &[V::I(1)], Ok(b"1")),
        (b"% X", &[V::I(-1)], Err(b"invalid conversion specification: '% X'")),
        (b"%22.22A", &[V::F(0x000ec9b7c74cfac9)], Ok(b"0X0.EC9B7C74CFAC9000000000P-1022")),
        (b"%19d", &[V::I(-46)], Ok(b"                -46")),
        (b"%.17G", &[V::F(0xe9a1260b16e0b6eb)], Ok(b"-6.5632049386036287E+200")),
        (b"%#-029G", &[V::F(0x4042400000000000)], Ok(b"36.5000                      ")),
        (b"%#+ x", &[V::I(9223372036854775807)], Err(b"invalid conversion specification: '%#+ x'")),
        (b"%0#17.22d", &[V::I(-3718295025001898996)], Err(b"invalid conversion specification: '%0#17.22d'")),
        (b"%19.5c", &[V::I(1999641608960860898)], Err(b"invalid conversion specification: '%19.5c'")),
        (b"% #20.5e", &[V::F(0x40f70a84bb85dece)], Ok(b"         9.43763e+04")),
        (b"%-15.E", &[V::F(0x43763457821ef360)], Ok(b"1E+17          ")),
        (b"%0+016.2X", &[V::I(-52)], Err(b"invalid conversion specification: '%0+016.2X'")),
        (b"% 0-25a", &[V::F(0xc00abb2fec56d5d0)], Ok(b"-0x1.abb2fec56d5dp+1     ")),
        (b"%#-+.8x", &[V::I(9223372036854775807)], Err(b"invalid conversion specification: '%#-+.8x'")),
        (b"%#14X", &[V::I(-8983798619252412883)], Ok(b"0X835322C105D0AE2D")),
        (b"%#+G", &[V::F(0x4004800000000000)], Ok(b"+2.56250")),
        (b"%#-2X", &[V::I(i64::MIN)], Ok(b"0X8000000000000000")),
        (b"%##30a", &[V::F(0x24cb1df262021b69)], Ok(b"        0x1.b1df262021b69p-435")),
        (b"%0#e", &[V::F(0x000ec405432441ff)], Ok(b"2.053424e-308")),
        (b"%---7g", &[V::F(0x000de18c81ca6966)], Ok(b"1.9304e-308")),
        (b"%+#+5x", &[V::I(403659293120)], Err(b"invalid conversion specification: '%+#+5x'")),
        (b"%0- .e", &[V::F(0x0001d9e3cda2efdb)], Ok(b" 3e-309")),
        (b"%# d", &[V::I(-24)], Err(b"invalid conversion specification: '%# d'")),
        (b"%# #o", &[V::I(31)], Err(b"invalid conversion specification: '%# #o'")),
        (b"%--#.G", &[V::F(0x41f61ec8b7fd6773)], Ok(b"6.E+09")),
        (b"% 2f", &[V::F(0x40161a9fbe76c8b4)], Ok(b" 5.526000")),
        (b"%++e", &[V::F(0x3e75b0fd098dba24)], Ok(b"+8.080662e-08")),
        (b"%30o", &[V::I(256)], Ok(b"                           400")),
        (b"%##.16a", &[V::F(0x41fcbda677b305ce)], Ok(b"0x1.cbda677b305ce000p+32")),
        (b"%30X", &[V::I(18)], Ok(b"                            12")),
        (b"%036.22G", &[V::F(0x43955e9ee9f39a9e)], Ok(b"000000000000000000384960712564713344")),
        (b"%#21.x", &[V::I(i64::MIN)], Ok(b"   0x8000000000000000")),
        (b"%-30x", &[V::I(65)], Ok(b"41                            ")),
        (b"%-0033o", &[V::I(-100)], Ok(b"1777777777777777777634           ")),
        (b"% + .d", &[V::I(-67)], Ok(b"-67")),
        (b"%0+11e", &[V::F(0xc0a20d0000000000)], Ok(b"-2.310500e+03")),
        (b"%23.7d", &[V::I(314364121277)], Ok(b"           314364121277")),
        (b"% ##18.10u", &[V::I(256)], Err(b"invalid conversion specification: '% ##18.10u'")),
        (b"%E", &[V::F(0x4079a9c28f5c28f6)], Ok(b"4.106100E+02")),
        (b"%## 25.c", &[V::I(8401283380629639129)], Err(b"invalid conversion specification: '%## 25.c'")),
        (b"%+0.23u", &[V::I(73)], Err(b"invalid conversion specification: '%+0.23u'")),
        (b"%14A", &[V::F(0x4202a05f1ffffffb)], Ok(b"0X1.2A05F1FFFFFFBP+33")),
        (b"%-21e", &[V::F(0xc49a99019de3be4f)], Ok(b"-3.140100e+22        ")),
        (b"%22.4a", &[V::F(0xc04dd00000000000)], Ok(b"          -0x1.dd00p+5")),
        (b"%-s", &[V::S(b"hello world")], Ok(b"hello world")),
        (b"% 4.2d", &[V::I(-21)], Ok(b" -21")),
        (b"%-+-36x", &[V::I(-7)], Err(b"invalid conversion specification: '%-+-36x'")),
        (b"%# +.A", &[V::F(0x7ff0000000000000)], Ok(b"+INF")),
        (b"%.9i", &[V::I(3525357922469868168)], Ok(b"3525357922469868168")),
        (b"%0-#.10a", &[V::F(0x4014154c985f06f7)], Ok(b"0x1.4154c985f0p+2")),
        (b"%.1s", &[V::S(b"x")], Ok(b"x")),
        (b"%0#35.4f", &[V::F(0x403746c632d5a02c)], Ok(b"000000000000000000000000000023.2765")),
        (b"%40.21A", &[V::F(0xc046280000000000)], Ok(b"           -0X1.628000000000000000000P+5")),
        (b"%#.13G", &[V::F(0x66bbfa1e97024d4c)], Ok(b"7.608147542286E+186")),
        (b"%.9u", &[V::I(-397784824016)], Ok(b"18446743675924727600")),
        (b"%--d", &[V::I(3411153713520067976)], Ok(b"3411153713520067976")),
        (b"%#+#x", &[V::I(-3966502381307753863)], Err(b"invalid conversion specification: '%#+#x'")),
        (b"%#.2f", &[V::F(0x1773310fa387a4eb)], Ok(b"0.00")),
        (b"%s", &[V::S(b"abc")], Ok(b"abc")),
        (b"%-#25g", &[V::F(0xc05013a5e353f7cf)], Ok(b"-64.3070                 ")),
        (b"%+0.E", &[V::F(0x778d93e4bb055486)], Ok(b"+8E+267")),
        (b"% 0+.10e", &[V::F(0x0002827b3c82775e)], Ok(b"+3.4901575929e-309")),
        (b"%27e", &[V::F(0x000cd85241c8bffa)], Ok(b"              1.786318e-308")),
        (b"%+- u", &[V::I(-65)], Err(b"invalid conversion specification: '%+- u'")),
        (b"%39c", &[V::I(-783463094084)], Ok(b"                                      \xbc")),
        (b"%-i", &[V::I(-646997004696)], Ok(b"-646997004696")),
        (b"%#-+.15A", &[V::F(0x000eabbde99b4639)], Ok(b"+0X0.EABBDE99B463900P-1022")),
        (b"%E", &[V::F(0xc04b180000000000)], Ok(b"-5.418750E+01")),
        (b"%11s", &[V::S(b"")], Ok(b"           ")),
        (b"%.20A", &[V::F(0x0a89225d8bd0c789)], Ok(b"0X1.9225D8BD0C7890000000P-855")),
        (b"%-.6s", &[V::S(b"\x01\x02")], Ok(b"\x01\x02")),
        (b"% 0.15x", &[V::I(54)], Err(b"invalid conversion specification: '% 0.15x'")),
        (b"%.15i", &[V::I(9223372036854775807)], Ok(b"9223372036854775807")),
        (b"%.a", &[V::F(0x430c6b3ae27cc000)], Ok(b"0x2p+49")),
        (b"%+038.7G", &[V::F(0x3f3459c177e38248)], Ok(b"+00000000000000000000000000.0003105256")),
        (b"%0 0f", &[V::F(0x2f330af00c3b57f2)], Ok(b" 0.000000")),
        (b"%- 016.G", &[V::F(0x17765acda3a93125)], Ok(b" 1E-195         ")),
        (b"%00 7d", &[V::I(62)], Ok(b" 000062")),
        (b"% a", &[V::F(0x057ce3fc35375180)], Ok(b" 0x1.ce3fc3537518p-936")),
        (b"%#.24d", &[V::I(i64::MIN)], Err(b"invalid conversion specification: '%#.24d'")),
        (b"%0-36a", &[V::F(0x1384467f308ff46b)], Ok(b"0x1.4467f308ff46bp-711              ")),
        (b"%34d", &[V::I(390609210537)], Ok(b"                      390609210537")),
        (b"%0 6s", &[V::S(b"x")], Err(b"invalid conversion specification: '%0 6s'")),
        (b"%00+.2s", &[V::S(b"hello world")], Err(b"invalid conversion specification: '%00+.2s'")),
        (b"%0-#13.g", &[V::F(0x449f62c76bbe8a08)], Ok(b"4.e+22       ")),
        (b"%#X", &[V::I(88)], Ok(b"0X58")),
        (b"%0 31f", &[V::F(0x3fa999999999999a)], Ok(b" 00000000000000000000000.050000")),
        (b"%- -.3s", &[V::S(b"")], Err(b"invalid conversion specification: '%- -.3s'")),
        (b"%++.6e", &[V::F(0xc04e180000000000)], Ok(b"-6.018750e+01")),
        (b"%012e", &[V::F(0x4055cec8b4395810)], Ok(b"8.723100e+01")),
        (b"%++-c", &[V::I(123479435012)], Err(b"invalid conversion specification: '%++-c'")),
        (b"% -33.22d", &[V::I(8644141894988499810)], Ok(b" 0008644141894988499810          ")),
        (b"%0+ a", &[V::F(0x404ea00000000000)], Ok(b"+0x1.eap+5")),
        (b"%i", &[V::I(2434656515148250798)], Ok(b"2434656515148250798")),
        (b"%x", &[V::I(355856727257)], Ok(b"52dab6bcd9")),
        (b"%+0c", &[V::I(9223372036854775807)], Err(b"invalid conversion specification: '%+0c'")),
        (b"%+#.2i", &[V::I(-951165972035)], Err(b"invalid conversion specification: '%+#.2i'")),
        (b"% --.22d", &[V::I(5111326639603882424)], Ok(b" 0005111326639603882424")),
        (b"%#x", &[V::I(255)], Ok(b"0xff")),
        (b"%038.4G", &[V::F(0xc5207933d893f507)], Ok(b"-00000000000000000000000000009.958E+24")),
        (b"%++34.20o", &[V::I(-8934678859614987647)], Err(b"invalid conversion specification: '%++34.20o'")),
        (b"% 0 40E", &[V::F(0x778fe3bef8bc4de6)], Ok(b" 000000000000000000000000008.226132E+267")),
        (b"%-.19x", &[V::I(-3161562072166210102)], Ok(b"000d41fe00bc92f65ca")),
        (b"%- .0u", &[V::I(9223372036854775807)], Err(b"invalid conversion specification: '%- .0u'")),
    ];
}
