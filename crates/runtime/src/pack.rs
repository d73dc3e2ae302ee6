//! Binary packing (`string.pack`, `string.unpack`, `string.packsize`):
//! format string + values -> bytes, and back.
//!
//! A port of the PACK/UNPACK section of PUC Lua 5.4.4 `lstrlib.c`
//! (`getnum`, `getnumlimit`, `getoption`, `getdetails`, `packint`,
//! `unpackint`, `str_pack`, `str_unpack`, `str_packsize`), with the sizes
//! and alignment of an LP64 C ABI (x86-64/aarch64 Linux): `int` 4, `short`
//! 2, `long` 8, `size_t` 8, `lua_Integer` 8, `float` 4, `double` and
//! `lua_Number` 8, native maximum alignment 8, native endianness of the
//! target.
//!
//! # Interface with the runtime
//!
//! The engine never sees Lua values. [`pack`] asks for its arguments through
//! the [`PackArgs`] trait (in the style of `format.rs`'s `FormatArgs`),
//! identified by their **Lua argument index** (the format string is
//! argument 1, so the first value is argument 2). Errors the engine itself
//! raises are [`PackError`]s: for [`pack`] they go through
//! [`PackArgs::error`] so the runtime can build its error value; [`unpack`]
//! and [`packsize`] return them directly.
//!
//! [`PackError::Arg`] is a `luaL_argerror`: the runtime builds
//! "bad argument #N to 'pack' (msg)". [`PackError::Msg`] is a `luaL_error`
//! message, complete except for the position prefix `luaL_error` adds
//! (`file:line: ` when called from Lua code).
//!
//! The steps run in the same order as in the C code, so when several errors
//! are possible the same one is reported. As in C (which reads the format
//! with `luaL_checkstring`), the format stops at its first `'\0'` byte.
#![forbid(unsafe_code)]

use std::fmt;

// -- Limits and native sizes -------------------------------------------------

/// Maximum size in bytes of an integer option (PUC `MAXINTSIZE`); `i17` is
/// `"integral size (17) out of limits [1,16]"`.
pub const MAX_INT_SIZE: usize = 16;

/// PUC `MAXSIZE` on a 64-bit target (`INT_MAX`): bounds the numerals read
/// by `getnum` and the result of `string.packsize`.
const MAXSIZE: usize = i32::MAX as usize;

/// `sizeof(lua_Integer)` (PUC `SZINT`).
const SZINT: usize = 8;
/// `sizeof(int)`: default size of `i`/`I`.
const SIZE_INT: usize = 4;
/// `sizeof(short)`.
const SIZE_SHORT: usize = 2;
/// `sizeof(long)` (LP64).
const SIZE_LONG: usize = 8;
/// `sizeof(size_t)`: size of `T` and default size of `s`.
const SIZE_T: usize = 8;
/// Native maximum alignment, the default of `!` (PUC
/// `offsetof(struct cD, u)` with `LUAI_MAXALIGN` holding doubles,
/// pointers and 64-bit integers).
const NATIVE_ALIGN: usize = 8;
/// Native endianness (PUC `nativeendian.little`), the initial and `=`
/// setting.
const NATIVE_LITTLE: bool = cfg!(target_endian = "little");

// -- Public types ------------------------------------------------------------

/// An error raised by the pack engine itself (argument coercion errors come
/// from the runtime's [`PackArgs`] methods).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackError {
    /// `luaL_argerror(arg, msg)`: "bad argument #`arg` to 'pack' (`msg`)".
    Arg {
        /// The Lua argument index (1 = format, 2 = first value / data
        /// string, 3 = `unpack`'s `init`).
        arg: usize,
        /// The parenthesised message, e.g. `"integer overflow"`.
        msg: &'static str,
    },
    /// `luaL_error(msg)`, e.g. `"invalid format option 'y'"`. Bytes, since
    /// it may quote an arbitrary byte of the format.
    Msg(Vec<u8>),
}

impl PackError {
    fn msg(s: String) -> Self {
        PackError::Msg(s.into_bytes())
    }
}

impl fmt::Display for PackError {
    /// The message part only (what goes inside or without "bad argument").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackError::Arg { msg, .. } => f.write_str(msg),
            PackError::Msg(m) => f.write_str(&String::from_utf8_lossy(m)),
        }
    }
}

impl std::error::Error for PackError {}

/// A value produced by [`unpack`]. Strings borrow from the data string.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PackValue<'a> {
    /// From the integer options (`b B h H i I l L j J T`).
    Int(i64),
    /// From the float options (`f d n`).
    Float(f64),
    /// From the string options (`c s z`).
    Str(&'a [u8]),
}

/// How [`pack`] obtains its arguments and builds errors; implemented by the
/// runtime over the call's argument list. `arg` is the Lua argument index
/// (2 for the first value after the format string). Each method is called
/// at most once per option, in the order of the format.
pub trait PackArgs {
    /// The runtime's error type (e.g. a Lua error value).
    type Error;

    /// `luaL_checkinteger(arg)`, for `b B h H i I l L j J T`: integers,
    /// floats with an exact integer value and numeric strings are accepted;
    /// otherwise the runtime's error ("number expected, got nil", "number
    /// has no integer representation", ...).
    fn int(&mut self, arg: usize) -> Result<i64, Self::Error>;

    /// `luaL_checknumber(arg)`, for `f d n`.
    fn float(&mut self, arg: usize) -> Result<f64, Self::Error>;

    /// `luaL_checklstring(arg)`, for `c s z`: append the string (or the
    /// string form of a number) to `out`; other types are the runtime's
    /// error ("string expected, got nil").
    fn string(&mut self, arg: usize, out: &mut Vec<u8>) -> Result<(), Self::Error>;

    /// Converts an error raised by the engine (see [`PackError`]).
    fn error(&mut self, err: PackError) -> Self::Error;
}

// -- Format reading ----------------------------------------------------------

/// The kind of one format option (PUC `KOption`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KOption {
    /// Signed integers.
    Int,
    /// Unsigned integers.
    Uint,
    /// C `float`.
    Float,
    /// Lua float (`lua_Number`).
    Number,
    /// C `double`.
    Double,
    /// Fixed-length string `cN`.
    Char,
    /// String with a length prefix `sN`.
    String,
    /// Zero-terminated string `z`.
    Zstr,
    /// One byte of padding `x`.
    Padding,
    /// Alignment padding `Xop`.
    PaddAlign,
    /// Configuration (`< > = !`) or space.
    Nop,
}

/// The state carried along a format (PUC `Header` plus the format cursor).
struct Format<'f> {
    fmt: &'f [u8],
    pos: usize,
    little: bool,
    maxalign: usize,
}

/// One decoded option: its kind, size and the padding that aligns it.
struct Details {
    opt: KOption,
    size: usize,
    ntoalign: usize,
}

impl<'f> Format<'f> {
    fn new(fmt: &'f [u8]) -> Self {
        // the C code sees the format as a C string
        let end = fmt.iter().position(|&c| c == 0).unwrap_or(fmt.len());
        Format {
            fmt: &fmt[..end],
            pos: 0,
            little: NATIVE_LITTLE,
            maxalign: 1,
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.fmt.len()
    }

    fn peek_digit(&self) -> Option<usize> {
        match self.fmt.get(self.pos) {
            Some(&c) if c.is_ascii_digit() => Some((c - b'0') as usize),
            _ => None,
        }
    }

    /// PUC `getnum`: reads a numeral, or returns `None` if there is none.
    /// Stops before the value could exceed [`MAXSIZE`]; leftover digits are
    /// then read as (invalid) options, as in C.
    fn getnum(&mut self) -> Option<usize> {
        let mut a = self.peek_digit()?;
        self.pos += 1;
        while let Some(d) = self.peek_digit() {
            if a > (MAXSIZE - 9) / 10 {
                break;
            }
            a = a * 10 + d;
            self.pos += 1;
        }
        Some(a)
    }

    /// PUC `getnumlimit`: a numeral (default `df`) within `[1, 16]`.
    fn getnumlimit(&mut self, df: usize) -> Result<usize, PackError> {
        let sz = self.getnum().unwrap_or(df);
        if sz > MAX_INT_SIZE || sz == 0 {
            return Err(PackError::msg(format!(
                "integral size ({sz}) out of limits [1,{MAX_INT_SIZE}]"
            )));
        }
        Ok(sz)
    }

    /// PUC `getoption`: reads and classifies the next option and its size.
    fn getoption(&mut self) -> Result<(KOption, usize), PackError> {
        let opt = self.fmt[self.pos];
        self.pos += 1;
        Ok(match opt {
            b'b' => (KOption::Int, 1),
            b'B' => (KOption::Uint, 1),
            b'h' => (KOption::Int, SIZE_SHORT),
            b'H' => (KOption::Uint, SIZE_SHORT),
            b'l' => (KOption::Int, SIZE_LONG),
            b'L' => (KOption::Uint, SIZE_LONG),
            b'j' => (KOption::Int, SZINT),
            b'J' => (KOption::Uint, SZINT),
            b'T' => (KOption::Uint, SIZE_T),
            b'f' => (KOption::Float, 4),
            b'n' => (KOption::Number, 8),
            b'd' => (KOption::Double, 8),
            b'i' => (KOption::Int, self.getnumlimit(SIZE_INT)?),
            b'I' => (KOption::Uint, self.getnumlimit(SIZE_INT)?),
            b's' => (KOption::String, self.getnumlimit(SIZE_T)?),
            b'c' => match self.getnum() {
                Some(size) => (KOption::Char, size),
                None => {
                    return Err(PackError::msg(
                        "missing size for format option 'c'".to_string(),
                    ))
                }
            },
            b'z' => (KOption::Zstr, 0),
            b'x' => (KOption::Padding, 1),
            b'X' => (KOption::PaddAlign, 0),
            b' ' => (KOption::Nop, 0),
            b'<' => {
                self.little = true;
                (KOption::Nop, 0)
            }
            b'>' => {
                self.little = false;
                (KOption::Nop, 0)
            }
            b'=' => {
                self.little = NATIVE_LITTLE;
                (KOption::Nop, 0)
            }
            b'!' => {
                self.maxalign = self.getnumlimit(NATIVE_ALIGN)?;
                (KOption::Nop, 0)
            }
            _ => {
                let mut m = b"invalid format option '".to_vec();
                m.push(opt);
                m.push(b'\'');
                return Err(PackError::Msg(m));
            }
        })
    }

    /// PUC `getdetails`: the next option, its size, and the padding needed
    /// to align it at offset `totalsize`. (`X` takes its alignment from the
    /// following option, which it consumes; `cN` is never aligned; other
    /// alignments are capped by `!`'s maximum and must be powers of 2.)
    fn getdetails(&mut self, totalsize: usize) -> Result<Details, PackError> {
        let (opt, size) = self.getoption()?;
        let mut align = size; // usually, alignment follows size
        if opt == KOption::PaddAlign {
            // 'X' gets alignment from following option
            let invalid = PackError::Arg {
                arg: 1,
                msg: "invalid next option for option 'X'",
            };
            if self.at_end() {
                return Err(invalid);
            }
            let (next, next_align) = self.getoption()?;
            align = next_align;
            if next == KOption::Char || align == 0 {
                return Err(invalid);
            }
        }
        let ntoalign = if align <= 1 || opt == KOption::Char {
            0 // need no alignment
        } else {
            align = align.min(self.maxalign); // enforce maximum alignment
            if !align.is_power_of_two() {
                return Err(PackError::Arg {
                    arg: 1,
                    msg: "format asks for alignment not power of 2",
                });
            }
            (align - (totalsize & (align - 1))) & (align - 1)
        };
        Ok(Details {
            opt,
            size,
            ntoalign,
        })
    }
}

// -- Integers ------------------------------------------------------------------

/// PUC `packint`: writes `n` as `size` bytes into `buf` (which has exactly
/// `size` bytes). Bytes beyond the 8 of a Lua integer are the sign
/// extension when `neg`.
fn packint(buf: &mut [u8], n: u64, little: bool, neg: bool) {
    let size = buf.len();
    for i in 0..size {
        let byte = if i < SZINT {
            (n >> (8 * i)) as u8
        } else if neg {
            0xff
        } else {
            0
        };
        buf[if little { i } else { size - 1 - i }] = byte;
    }
}

/// PUC `unpackint`: reads a `size`-byte integer (`str.len() == size`),
/// sign-extending it when `signed`; a value wider than a Lua integer must
/// fit (its extra bytes must be a sign/zero extension).
fn unpackint(str: &[u8], little: bool, signed: bool) -> Result<i64, PackError> {
    let size = str.len();
    let byte = |i: usize| str[if little { i } else { size - 1 - i }];
    let limit = size.min(SZINT);
    let mut res: u64 = 0;
    for i in (0..limit).rev() {
        res = (res << 8) | byte(i) as u64;
    }
    if size < SZINT {
        if signed {
            // sign extension
            let mask = 1u64 << (size * 8 - 1);
            res = (res ^ mask).wrapping_sub(mask);
        }
    } else if size > SZINT {
        // must check unread bytes
        let mask = if !signed || (res as i64) >= 0 {
            0
        } else {
            0xff
        };
        if (limit..size).any(|i| byte(i) != mask) {
            return Err(PackError::msg(format!(
                "{size}-byte integer does not fit into Lua Integer"
            )));
        }
    }
    Ok(res as i64)
}

// -- pack ----------------------------------------------------------------------

/// `string.pack(fmt, ...)` (PUC `str_pack`): packs the arguments (Lua
/// indices 2, 3, ...) according to `fmt`.
pub fn pack<A: PackArgs>(fmt: &[u8], args: &mut A) -> Result<Vec<u8>, A::Error> {
    let mut f = Format::new(fmt);
    let mut out = Vec::new();
    let mut arg = 1usize; // current argument to pack
    let mut totalsize = 0usize; // accumulate total size of result
    while !f.at_end() {
        let Details {
            opt,
            size,
            ntoalign,
        } = f.getdetails(totalsize).map_err(|e| args.error(e))?;
        totalsize += ntoalign + size;
        out.resize(out.len() + ntoalign, 0); // fill alignment
        arg += 1;
        match opt {
            KOption::Int => {
                // signed integers
                let n = args.int(arg)?;
                if size < SZINT {
                    // need overflow check?
                    let lim = 1i64 << (size * 8 - 1);
                    if !(-lim <= n && n < lim) {
                        return Err(arg_error(args, arg, "integer overflow"));
                    }
                }
                let start = out.len();
                out.resize(start + size, 0);
                packint(&mut out[start..], n as u64, f.little, n < 0);
            }
            KOption::Uint => {
                // unsigned integers
                let n = args.int(arg)?;
                if size < SZINT && (n as u64) >= (1u64 << (size * 8)) {
                    return Err(arg_error(args, arg, "unsigned overflow"));
                }
                let start = out.len();
                out.resize(start + size, 0);
                packint(&mut out[start..], n as u64, f.little, false);
            }
            KOption::Float => {
                // C float
                let v = args.float(arg)? as f32;
                out.extend_from_slice(&if f.little {
                    v.to_le_bytes()
                } else {
                    v.to_be_bytes()
                });
            }
            KOption::Number | KOption::Double => {
                // Lua float / C double
                let v = args.float(arg)?;
                out.extend_from_slice(&if f.little {
                    v.to_le_bytes()
                } else {
                    v.to_be_bytes()
                });
            }
            KOption::Char => {
                // fixed-size string
                let start = out.len();
                args.string(arg, &mut out)?;
                if out.len() - start > size {
                    return Err(arg_error(args, arg, "string longer than given size"));
                }
                out.resize(start + size, 0); // pad extra space
            }
            KOption::String => {
                // strings with length count: reserve the count, then fill it
                let start = out.len();
                out.resize(start + size, 0);
                args.string(arg, &mut out)?;
                let len = out.len() - start - size;
                if size < SIZE_T && (len as u64) >= (1u64 << (size * 8)) {
                    return Err(arg_error(
                        args,
                        arg,
                        "string length does not fit in given size",
                    ));
                }
                packint(&mut out[start..start + size], len as u64, f.little, false);
                totalsize += len;
            }
            KOption::Zstr => {
                // zero-terminated string
                let start = out.len();
                args.string(arg, &mut out)?;
                if out[start..].contains(&0) {
                    return Err(arg_error(args, arg, "string contains zeros"));
                }
                out.push(0); // add zero at the end
                totalsize += out.len() - start;
            }
            KOption::Padding => {
                out.push(0);
                arg -= 1; // undo increment
            }
            KOption::PaddAlign | KOption::Nop => arg -= 1, // undo increment
        }
    }
    Ok(out)
}

fn arg_error<A: PackArgs>(args: &mut A, arg: usize, msg: &'static str) -> A::Error {
    args.error(PackError::Arg { arg, msg })
}

// -- packsize ------------------------------------------------------------------

/// `string.packsize(fmt)` (PUC `str_packsize`): the size of a string
/// produced by `string.pack(fmt, ...)`. Variable-length options (`s`, `z`)
/// are an error, and so is a size above `INT_MAX`.
pub fn packsize(fmt: &[u8]) -> Result<i64, PackError> {
    let mut f = Format::new(fmt);
    let mut totalsize = 0usize;
    while !f.at_end() {
        let d = f.getdetails(totalsize)?;
        if d.opt == KOption::String || d.opt == KOption::Zstr {
            return Err(PackError::Arg {
                arg: 1,
                msg: "variable-length format",
            });
        }
        let size = d.size + d.ntoalign; // total space used by option
        if size > MAXSIZE || totalsize > MAXSIZE - size {
            return Err(PackError::Arg {
                arg: 1,
                msg: "format result too large",
            });
        }
        totalsize += size;
    }
    Ok(totalsize as i64)
}

// -- unpack --------------------------------------------------------------------

/// `string.unpack(fmt, data, init)` (PUC `str_unpack`): the unpacked
/// values and the position after the last byte read (1-based, Lua's last
/// result). `init` is Lua's third argument (default 1; negative counts from
/// the end).
///
/// PUC also fails with "too many results" when the values do not fit the
/// Lua stack; the runtime applies its own stack limit to the result.
pub fn unpack<'a>(
    fmt: &[u8],
    data: &'a [u8],
    init: i64,
) -> Result<(Vec<PackValue<'a>>, i64), PackError> {
    let ld = data.len();
    let mut pos = start_offset(init, ld);
    if pos > ld {
        return Err(PackError::Arg {
            arg: 3,
            msg: "initial position out of string",
        });
    }
    let too_short = PackError::Arg {
        arg: 2,
        msg: "data string too short",
    };
    let mut f = Format::new(fmt);
    let mut values = Vec::new();
    while !f.at_end() {
        let Details {
            opt,
            size,
            ntoalign,
        } = f.getdetails(pos)?;
        if ntoalign > ld - pos || size > ld - pos - ntoalign {
            return Err(too_short);
        }
        pos += ntoalign; // skip alignment
        let item = &data[pos..pos + size];
        match opt {
            KOption::Int | KOption::Uint => {
                let v = unpackint(item, f.little, opt == KOption::Int)?;
                values.push(PackValue::Int(v));
            }
            KOption::Float => {
                let b: [u8; 4] = item.try_into().expect("4-byte float");
                let v = if f.little {
                    f32::from_le_bytes(b)
                } else {
                    f32::from_be_bytes(b)
                };
                values.push(PackValue::Float(v as f64));
            }
            KOption::Number | KOption::Double => {
                let b: [u8; 8] = item.try_into().expect("8-byte float");
                let v = if f.little {
                    f64::from_le_bytes(b)
                } else {
                    f64::from_be_bytes(b)
                };
                values.push(PackValue::Float(v));
            }
            KOption::Char => values.push(PackValue::Str(item)),
            KOption::String => {
                let len = unpackint(item, f.little, false)? as u64;
                let avail = (ld - pos - size) as u64;
                if len > avail {
                    return Err(too_short);
                }
                let len = len as usize;
                values.push(PackValue::Str(&data[pos + size..pos + size + len]));
                pos += len; // skip string
            }
            KOption::Zstr => {
                let rest = &data[pos..];
                let Some(len) = rest.iter().position(|&c| c == 0) else {
                    return Err(PackError::Arg {
                        arg: 2,
                        msg: "unfinished string for format 'z'",
                    });
                };
                values.push(PackValue::Str(&rest[..len]));
                pos += len + 1; // skip string plus final '\0'
            }
            KOption::PaddAlign | KOption::Padding | KOption::Nop => {}
        }
        pos += size;
    }
    Ok((values, pos as i64 + 1))
}

/// PUC `posrelatI(init, len) - 1`: Lua's 1-based (or negative) position as
/// a 0-based offset, clipped below at 0.
fn start_offset(init: i64, len: usize) -> usize {
    if init > 0 {
        usize::try_from(init).unwrap_or(usize::MAX) - 1
    } else if init == 0 || init.unsigned_abs() > len as u64 {
        0
    } else {
        len - init.unsigned_abs() as usize
    }
}

// -- Tests ---------------------------------------------------------------------

#[cfg(test)]
mod tests {
    //! Expected results were produced by PUC Lua 5.4.4 (`lua5.4`) on
    //! x86-64 Linux: packed strings as hex, floats as `F` + the hex of their
    //! bits, strings quoted with non-printables (and `#`) as `\xHH`, errors
    //! as `E:<message>` (via `pcall`, hence `'string.pack'` in messages).
    use super::*;

    /// A Lua argument value for the test [`PackArgs`] implementation.
    #[derive(Clone, Copy, Debug)]
    enum V {
        I(i64),
        /// A float, given by its bits.
        F(u64),
        S(&'static [u8]),
    }

    struct Args<'a>(&'a [V]);

    /// (format, arguments, expected hex result or error)
    type PackCase = (&'static [u8], &'static [V], &'static str);
    /// (format, data, init, expected values and next position, or error)
    type UnpackCase = (&'static [u8], &'static [u8], i64, &'static str);

    fn str_num(s: &[u8]) -> Option<V> {
        let s = std::str::from_utf8(s).ok()?.trim();
        match s.parse::<i64>() {
            Ok(i) => Some(V::I(i)),
            Err(_) => s.parse::<f64>().ok().map(|f| V::F(f.to_bits())),
        }
    }

    fn bad(arg: usize, fname: &str, msg: &str) -> String {
        format!("bad argument #{arg} to '{fname}' ({msg})")
    }

    impl PackArgs for Args<'_> {
        type Error = String;
        fn int(&mut self, arg: usize) -> Result<i64, String> {
            let v = match self.0.get(arg - 2) {
                None => return Err(bad(arg, "string.pack", "number expected, got nil")),
                Some(&V::S(s)) => match str_num(s) {
                    Some(v) => v,
                    None => return Err(bad(arg, "string.pack", "number expected, got string")),
                },
                Some(&v) => v,
            };
            match v {
                V::I(i) => Ok(i),
                V::F(b) => {
                    let f = f64::from_bits(b);
                    if f.fract() == 0.0
                        && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f)
                    {
                        Ok(f as i64)
                    } else {
                        Err(bad(
                            arg,
                            "string.pack",
                            "number has no integer representation",
                        ))
                    }
                }
                V::S(_) => unreachable!(),
            }
        }
        fn float(&mut self, arg: usize) -> Result<f64, String> {
            let v = match self.0.get(arg - 2) {
                None => return Err(bad(arg, "string.pack", "number expected, got nil")),
                Some(&V::S(s)) => match str_num(s) {
                    Some(v) => v,
                    None => return Err(bad(arg, "string.pack", "number expected, got string")),
                },
                Some(&v) => v,
            };
            match v {
                V::I(i) => Ok(i as f64),
                V::F(b) => Ok(f64::from_bits(b)),
                V::S(_) => unreachable!(),
            }
        }
        fn string(&mut self, arg: usize, out: &mut Vec<u8>) -> Result<(), String> {
            match self.0.get(arg - 2) {
                None => return Err(bad(arg, "string.pack", "string expected, got nil")),
                Some(V::S(s)) => out.extend_from_slice(s),
                Some(V::I(i)) => out.extend_from_slice(i.to_string().as_bytes()),
                Some(V::F(b)) => out.extend_from_slice(f64::from_bits(*b).to_string().as_bytes()),
            }
            Ok(())
        }
        fn error(&mut self, err: PackError) -> String {
            render_error(err, "string.pack")
        }
    }

    fn render_error(err: PackError, fname: &str) -> String {
        match err {
            PackError::Arg { arg, msg } => bad(arg, fname, msg),
            PackError::Msg(m) => String::from_utf8(m).unwrap(),
        }
    }

    fn esc(s: &[u8]) -> String {
        let mut out = String::new();
        for &b in s {
            if (32..=126).contains(&b) && b != b'"' && b != b'\\' && b != b'#' {
                out.push(b as char);
            } else {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }

    fn hex(s: &[u8]) -> String {
        s.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn pack_agrees_with_lua() {
        for &(fmt, args, want) in PACK_CASES {
            let got = match pack(fmt, &mut Args(args)) {
                Ok(bytes) => hex(&bytes),
                Err(e) => format!("E:{}", esc(e.as_bytes())),
            };
            assert_eq!(got, want, "pack({:?}, {args:?})", esc(fmt));
        }
    }

    #[test]
    fn unpack_agrees_with_lua() {
        for &(fmt, data, init, want) in UNPACK_CASES {
            let got = match unpack(fmt, data, init) {
                Ok((values, next)) => {
                    let mut parts: Vec<String> = values
                        .iter()
                        .map(|v| match *v {
                            PackValue::Int(i) => i.to_string(),
                            PackValue::Float(f) => format!("F{:016x}", f.to_bits()),
                            PackValue::Str(s) => format!("\"{}\"", esc(s)),
                        })
                        .collect();
                    parts.push(next.to_string());
                    parts.join(",")
                }
                Err(e) => format!("E:{}", esc(render_error(e, "string.unpack").as_bytes())),
            };
            assert_eq!(got, want, "unpack({:?}, {:?}, {init})", esc(fmt), esc(data));
        }
    }

    #[test]
    fn packsize_agrees_with_lua() {
        for &(fmt, want) in PACKSIZE_CASES {
            let got = match packsize(fmt) {
                Ok(n) => n.to_string(),
                Err(e) => format!("E:{}", esc(render_error(e, "string.packsize").as_bytes())),
            };
            assert_eq!(got, want, "packsize({:?})", esc(fmt));
        }
    }

    #[test]
    fn round_trip() {
        let fmt = b"<!8 b B h H i4 I8 j J T f d n s1 z c4 x Xj i16";
        let args: &[V] = &[
            V::I(-5),
            V::I(200),
            V::I(-300),
            V::I(60000),
            V::I(-70000),
            V::I(1 << 39),
            V::I(i64::MIN),
            V::I(-1),
            V::I(77),
            V::F(0.5f64.to_bits()),
            V::F((-1e300f64).to_bits()),
            V::F(f64::INFINITY.to_bits()),
            V::S(b"str"),
            V::S(b"zero"),
            V::S(b"ab"),
            V::I(-123456789),
        ];
        let bytes = pack(fmt, &mut Args(args)).unwrap();
        assert_eq!(packsize(&b"<!8 b B h H i4 I8 j J T f d n"[..]).unwrap(), 72);
        let (values, next) = unpack(fmt, &bytes, 1).unwrap();
        assert_eq!(next, bytes.len() as i64 + 1);
        assert_eq!(
            values,
            vec![
                PackValue::Int(-5),
                PackValue::Int(200),
                PackValue::Int(-300),
                PackValue::Int(60000),
                PackValue::Int(-70000),
                PackValue::Int(1 << 39),
                PackValue::Int(i64::MIN),
                PackValue::Int(-1),
                PackValue::Int(77),
                PackValue::Float(0.5),
                PackValue::Float(-1e300),
                PackValue::Float(f64::INFINITY),
                PackValue::Str(b"str"),
                PackValue::Str(b"zero"),
                PackValue::Str(b"ab\0\0"),
                PackValue::Int(-123456789),
            ]
        );
    }

    const PACK_CASES: &[PackCase] = &[
        (b"i4", &[V::I(100)], r#"64000000"#),
        (b"<i4", &[V::I(-2)], r#"feffffff"#),
        (b">i4", &[V::I(-2)], r#"fffffffe"#),
        (b"=i4", &[V::I(7)], r#"07000000"#),
        (b"b", &[V::I(127)], r#"7f"#),
        (b"b", &[V::I(-128)], r#"80"#),
        (b"b", &[V::I(128)], r#"E:bad argument \x232 to 'string.pack' (integer overflow)"#),
        (b"b", &[V::I(-129)], r#"E:bad argument \x232 to 'string.pack' (integer overflow)"#),
        (b"B", &[V::I(255)], r#"ff"#),
        (b"B", &[V::I(256)], r#"E:bad argument \x232 to 'string.pack' (unsigned overflow)"#),
        (b"B", &[V::I(-1)], r#"E:bad argument \x232 to 'string.pack' (unsigned overflow)"#),
        (b"h", &[V::I(32767)], r#"ff7f"#),
        (b"h", &[V::I(-32768)], r#"0080"#),
        (b"h", &[V::I(32768)], r#"E:bad argument \x232 to 'string.pack' (integer overflow)"#),
        (b"H", &[V::I(65535)], r#"ffff"#),
        (b">H", &[V::I(4660)], r#"1234"#),
        (b"l", &[V::I(-1)], r#"ffffffffffffffff"#),
        (b"L", &[V::I(-1)], r#"ffffffffffffffff"#),
        (b"j", &[V::I(i64::MIN)], r#"0000000000000080"#),
        (b"J", &[V::I(9223372036854775807)], r#"ffffffffffffff7f"#),
        (b"T", &[V::I(12345)], r#"3930000000000000"#),
        (b"i1", &[V::I(127)], r#"7f"#),
        (b"i3", &[V::I(8388607)], r#"ffff7f"#),
        (b"i3", &[V::I(8388608)], r#"E:bad argument \x232 to 'string.pack' (integer overflow)"#),
        (b"I3", &[V::I(16777215)], r#"ffffff"#),
        (b"I3", &[V::I(16777216)], r#"E:bad argument \x232 to 'string.pack' (unsigned overflow)"#),
        (b"i7", &[V::I(-1)], r#"ffffffffffffff"#),
        (b"I7", &[V::I(-1)], r#"E:bad argument \x232 to 'string.pack' (unsigned overflow)"#),
        (b"i8", &[V::I(i64::MIN)], r#"0000000000000080"#),
        (b"i9", &[V::I(-1)], r#"ffffffffffffffffff"#),
        (b"i9", &[V::I(1)], r#"010000000000000000"#),
        (b">i9", &[V::I(-2)], r#"fffffffffffffffffe"#),
        (b"I16", &[V::I(-1)], r#"ffffffffffffffff0000000000000000"#),
        (b"<i16", &[V::I(-3)], r#"fdffffffffffffffffffffffffffffff"#),
        (b">I12", &[V::I(72623859790382856)], r#"000000000102030405060708"#),
        (b"i0", &[V::I(1)], r#"E:integral size (0) out of limits [1,16]"#),
        (b"i17", &[V::I(1)], r#"E:integral size (17) out of limits [1,16]"#),
        (b"I33", &[V::I(1)], r#"E:integral size (33) out of limits [1,16]"#),
        (b"i", &[V::I(3)], r#"03000000"#),
        (b"I", &[V::I(3)], r#"03000000"#),
        (b"f", &[V::F(0x3ff8000000000000)], r#"0000c03f"#),
        (b"<f", &[V::F(0xbfb999999999999a)], r#"cdccccbd"#),
        (b">f", &[V::F(0x483d6329f1c35ca5)], r#"7f800000"#),
        (b"d", &[V::F(0x3fb999999999999a)], r#"9a9999999999b93f"#),
        (b">d", &[V::F(0xc004000000000000)], r#"c004000000000000"#),
        (b"n", &[V::F(0x40091eb851eb851f)], r#"1f85eb51b81e0940"#),
        (b"<n", &[V::I(42)], r#"0000000000004540"#),
        (b"f", &[V::I(3)], r#"00004040"#),
        (b"d", &[V::S(b"2.5")], r#"0000000000000440"#),
        (b"i4", &[V::F(0x4008000000000000)], r#"03000000"#),
        (b"i4", &[V::F(0x400c000000000000)], r#"E:bad argument \x232 to 'string.pack' (number has no integer representation)"#),
        (b"i4", &[V::S(b"10")], r#"0a000000"#),
        (b"i4", &[V::S(b"x")], r#"E:bad argument \x232 to 'string.pack' (number expected, got string)"#),
        (b"i4", &[], r#"E:bad argument \x232 to 'string.pack' (number expected, got nil)"#),
        (b"f", &[], r#"E:bad argument \x232 to 'string.pack' (number expected, got nil)"#),
        (b"z", &[], r#"E:bad argument \x232 to 'string.pack' (string expected, got nil)"#),
        (b"s", &[], r#"E:bad argument \x232 to 'string.pack' (string expected, got nil)"#),
        (b"c3", &[], r#"E:bad argument \x232 to 'string.pack' (string expected, got nil)"#),
        (b"s", &[V::S(b"hello")], r#"050000000000000068656c6c6f"#),
        (b">s2", &[V::S(b"hi")], r#"00026869"#),
        (b"s1", &[V::S(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")], r#"ff616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161"#),
        (b"s1", &[V::S(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")], r#"E:bad argument \x232 to 'string.pack' (string length does not fit in given size)"#),
        (b"s16", &[V::S(b"x")], r#"0100000000000000000000000000000078"#),
        (b"z", &[V::S(b"abc")], r#"61626300"#),
        (b"z", &[V::S(b"a\x00b")], r#"E:bad argument \x232 to 'string.pack' (string contains zeros)"#),
        (b"z", &[V::S(b"")], r#"00"#),
        (b"c5", &[V::S(b"abc")], r#"6162630000"#),
        (b"c3", &[V::S(b"abc")], r#"616263"#),
        (b"c2", &[V::S(b"abc")], r#"E:bad argument \x232 to 'string.pack' (string longer than given size)"#),
        (b"c0", &[V::S(b"")], r#""#),
        (b"c", &[V::S(b"a")], r#"E:missing size for format option 'c'"#),
        (b"c0", &[V::S(b"a")], r#"E:bad argument \x232 to 'string.pack' (string longer than given size)"#),
        (b"c1x", &[V::I(12)], r#"E:bad argument \x232 to 'string.pack' (string longer than given size)"#),
        (b"s", &[V::I(12)], r#"02000000000000003132"#),
        (b"z", &[V::F(0x3ff8000000000000)], r#"312e3500"#),
        (b"!4 i1 i4", &[V::I(1), V::I(2)], r#"0100000002000000"#),
        (b"! i1 i8", &[V::I(1), V::I(2)], r#"01000000000000000200000000000000"#),
        (b"!8 b h i j", &[V::I(1), V::I(2), V::I(3), V::I(4)], r#"01000200030000000400000000000000"#),
        (b"!2 b i4", &[V::I(1), V::I(2)], r#"010002000000"#),
        (b"!3 b i4", &[V::I(1), V::I(2)], r#"E:bad argument \x231 to 'string.pack' (format asks for alignment not power of 2)"#),
        (b"!16 b d", &[V::I(1), V::F(0x4000000000000000)], r#"01000000000000000000000000000040"#),
        (b"!17 b", &[V::I(1)], r#"E:integral size (17) out of limits [1,16]"#),
        (b"b Xi4", &[V::I(1)], r#"01"#),
        (b"!4 b Xi4", &[V::I(1)], r#"01000000"#),
        (b"!4 b Xi4 b", &[V::I(1), V::I(2)], r#"0100000002"#),
        (b"!4 b X", &[V::I(1)], r#"E:bad argument \x231 to 'string.pack' (invalid next option for option 'X')"#),
        (b"!4 b Xc4", &[V::I(1)], r#"E:bad argument \x231 to 'string.pack' (invalid next option for option 'X')"#),
        (b"!4 b X<", &[V::I(1)], r#"E:bad argument \x231 to 'string.pack' (invalid next option for option 'X')"#),
        (b"!4 b Xz", &[V::I(1)], r#"E:bad argument \x231 to 'string.pack' (invalid next option for option 'X')"#),
        (b"!4 bXb", &[V::I(1)], r#"01"#),
        (b"!8 b Xd h", &[V::I(1), V::I(2)], r#"01000000000000000200"#),
        (b"!4 b Xi3", &[V::I(1)], r#"E:bad argument \x231 to 'string.pack' (format asks for alignment not power of 2)"#),
        (b"!4 b i3", &[V::I(1), V::I(2)], r#"E:bad argument \x231 to 'string.pack' (format asks for alignment not power of 2)"#),
        (b"!8 b i6 i16", &[V::I(1), V::I(2), V::I(3)], r#"E:bad argument \x231 to 'string.pack' (format asks for alignment not power of 2)"#),
        (b"!16 b i16", &[V::I(1), V::I(2)], r#"0100000000000000000000000000000002000000000000000000000000000000"#),
        (b"!4 b Xy", &[V::I(1)], r#"E:invalid format option 'y'"#),
        (b"xxb", &[V::I(5)], r#"000005"#),
        (b"x", &[V::I(5)], r#"00"#),
        (b"  b  ", &[V::I(1)], r#"01"#),
        (b"y", &[V::I(1)], r#"E:invalid format option 'y'"#),
        (b"b y", &[V::I(1)], r#"E:invalid format option 'y'"#),
        (b"<h>h=h", &[V::I(1), V::I(2), V::I(3)], r#"010000020300"#),
        (b"i4 i4", &[V::I(1)], r#"E:bad argument \x233 to 'string.pack' (number expected, got nil)"#),
        (b"b\x00b", &[V::I(1), V::I(2)], r#"01"#),
        (b"", &[V::I(1)], r#""#),
        (b"c20", &[V::S(b"ab")], r#"6162000000000000000000000000000000000000"#),
        (b"i12345678901", &[V::I(1)], r#"E:integral size (1234567890) out of limits [1,16]"#),
        (b"!4 z i4", &[V::S(b"ab"), V::I(7)], r#"6162000007000000"#),
        (b"!4 s1 i4", &[V::S(b"abc"), V::I(7)], r#"0361626307000000"#),
        (b"b c2 !2 h", &[V::I(1), V::S(b"xy"), V::I(3)], r#"017879000300"#),
        (b"j", &[V::F(0x4340000000000000)], r#"0000000000002000"#),
        (b"j", &[V::F(0x43e0000000000000)], r#"E:bad argument \x232 to 'string.pack' (number has no integer representation)"#),
        (b"j", &[V::F(0xc3e0000000000000)], r#"0000000000000080"#),
        (b"J", &[V::F(0x3fe0000000000000)], r#"E:bad argument \x232 to 'string.pack' (number has no integer representation)"#),
    ];
    const UNPACK_CASES: &[UnpackCase] = &[
        (b"i4", b"d\x00\x00\x00", 1, r#"100,5"#),
        (b">i4", b"\xff\xff\xff\xfe", 1, r#"-2,5"#),
        (b"<i2 >i2", b"\x01\x02\x01\x02", 1, r#"513,258,5"#),
        (b"b B", b"\xff\xff", 1, r#"-1,255,3"#),
        (b"h H", b"\x00\x80\x00\x80", 1, r#"-32768,32768,5"#),
        (b"i3", b"\xff\xff\x7f", 1, r#"8388607,4"#),
        (b"i3", b"\x00\x00\x80", 1, r#"-8388608,4"#),
        (b"I3", b"\x00\x00\x80", 1, r#"8388608,4"#),
        (b"j", b"\xff\xff\xff\xff\xff\xff\xff\xff", 1, r#"-1,9"#),
        (b"J", b"\xff\xff\xff\xff\xff\xff\xff\xff", 1, r#"-1,9"#),
        (
            b"i9",
            b"\xff\xff\xff\xff\xff\xff\xff\xff\xff",
            1,
            r#"-1,10"#,
        ),
        (
            b"i9",
            b"\xff\xff\xff\xff\xff\xff\xff\xff\x00",
            1,
            r#"E:9-byte integer does not fit into Lua Integer"#,
        ),
        (
            b"I9",
            b"\xff\xff\xff\xff\xff\xff\xff\xff\x00",
            1,
            r#"-1,10"#,
        ),
        (
            b"I9",
            b"\xff\xff\xff\xff\xff\xff\xff\xff\xff",
            1,
            r#"E:9-byte integer does not fit into Lua Integer"#,
        ),
        (
            b"i16",
            b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
            1,
            r#"0,17"#,
        ),
        (
            b"<i16",
            b"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01",
            1,
            r#"E:16-byte integer does not fit into Lua Integer"#,
        ),
        (
            b">i16",
            b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xfe",
            1,
            r#"-2,17"#,
        ),
        (
            b"i12",
            b"\x00\x00\x00\x00\x00\x00\x00\x80\xff\xff\xff\xff",
            1,
            r#"-9223372036854775808,13"#,
        ),
        (
            b"i9",
            b"\x00\x00\x00\x00\x00\x00\x00\x80\xff",
            1,
            r#"-9223372036854775808,10"#,
        ),
        (
            b"i9",
            b"\x00\x00\x00\x00\x00\x00\x00\x80\x00",
            1,
            r#"E:9-byte integer does not fit into Lua Integer"#,
        ),
        (
            b"<i10",
            b"\xff\xff\xff\xff\xff\xff\xff\x7f\x00\x00",
            1,
            r#"9223372036854775807,11"#,
        ),
        (b"f", b"\x00\x00\xc0?", 1, r#"F3ff8000000000000,5"#),
        (b">f", b"\xbd\xcc\xcc\xcd", 1, r#"Fbfb99999a0000000,5"#),
        (
            b"d",
            b"\x9a\x99\x99\x99\x99\x99\xb9?",
            1,
            r#"F3fb999999999999a,9"#,
        ),
        (
            b">n",
            b"\x7f\xf0\x00\x00\x00\x00\x00\x00",
            1,
            r#"F7ff0000000000000,9"#,
        ),
        (
            b"<d",
            b"\x00\x00\x00\x00\x00\x00\x00\x80",
            1,
            r#"F8000000000000000,9"#,
        ),
        (b"c3", b"abcdef", 1, r#""abc",4"#),
        (b"c3 c3", b"abcdef", 1, r#""abc","def",7"#),
        (b"c0", b"abc", 1, r#""",1"#),
        (
            b"c7",
            b"abc",
            1,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
        (b"z", b"abc\x00def", 1, r#""abc",5"#),
        (b"z z", b"abc\x00def\x00", 1, r#""abc","def",9"#),
        (
            b"z",
            b"abc",
            1,
            r#"E:bad argument \x232 to 'string.unpack' (unfinished string for format 'z')"#,
        ),
        (
            b"z",
            b"",
            1,
            r#"E:bad argument \x232 to 'string.unpack' (unfinished string for format 'z')"#,
        ),
        (b"zz", b"\x00\x00", 1, r#""","",3"#),
        (b"s1", b"\x03abcd", 1, r#""abc",5"#),
        (
            b"s1",
            b"\x05abc",
            1,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
        (b">s2", b"\x00\x02hi", 1, r#""hi",5"#),
        (
            b"s",
            b"\x05\x00\x00\x00\x00\x00\x00\x00hello",
            1,
            r#""hello",14"#,
        ),
        (
            b"s16",
            b"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00x",
            1,
            r#""x",18"#,
        ),
        (
            b"s9",
            b"\xff\xff\xff\xff\xff\xff\xff\xff\xff",
            1,
            r#"E:9-byte integer does not fit into Lua Integer"#,
        ),
        (
            b"i4",
            b"abc",
            1,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
        (
            b"i4",
            b"abcd",
            2,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
        (
            b"i4",
            b"abcd",
            5,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
        (
            b"i4",
            b"abcd",
            6,
            r#"E:bad argument \x233 to 'string.unpack' (initial position out of string)"#,
        ),
        (b"b", b"abcd", -1, r#"100,5"#),
        (b"b", b"abcd", -4, r#"97,2"#),
        (b"b", b"abcd", -5, r#"97,2"#),
        (b"b", b"abcd", 0, r#"97,2"#),
        (b"", b"abc", 1, r#"1"#),
        (b"", b"abc", 4, r#"4"#),
        (b"x", b"abc", 3, r#"4"#),
        (
            b"xx",
            b"a",
            1,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
        (b"b x b", b"abc", 1, r#"97,99,4"#),
        (
            b"!4 b i4",
            b"\x01\x00\x00\x00\x02\x00\x00\x00",
            1,
            r#"1,2,9"#,
        ),
        (
            b"!4 b i4",
            b"\x01\x00\x00\x00\x02\x00\x00",
            1,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
        (b"!4 b Xi4 b", b"\x01\x00\x00\x00\x02", 1, r#"1,2,6"#),
        (b"!2 b Xi8 b", b"\x01\x00\x02", 1, r#"1,2,4"#),
        (b"!4 z Xi4 b", b"ab\x00\x00\x09", 1, r#""ab",9,6"#),
        (
            b"b X",
            b"a",
            1,
            r#"E:bad argument \x231 to 'string.unpack' (invalid next option for option 'X')"#,
        ),
        (b"y", b"a", 1, r#"E:invalid format option 'y'"#),
        (
            b"i0",
            b"a",
            1,
            r#"E:integral size (0) out of limits [1,16]"#,
        ),
        (b"c", b"a", 1, r#"E:missing size for format option 'c'"#),
        (
            b"!4 i3 Xi4",
            b"abcd",
            1,
            r#"E:bad argument \x231 to 'string.unpack' (format asks for alignment not power of 2)"#,
        ),
        (
            b"!3 b i4",
            b"abcdefgh",
            1,
            r#"E:bad argument \x231 to 'string.unpack' (format asks for alignment not power of 2)"#,
        ),
        (b"<h>h", b"\x01\x00\x00\x01", 1, r#"1,1,5"#),
        (b"b\x00b", b"ab", 1, r#"97,2"#),
        (
            b"j",
            b"\x00\x00\x00\x00\x00\x00\x00",
            1,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
        (
            b"s1",
            b"",
            1,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
        (
            b"z",
            b"ab",
            3,
            r#"E:bad argument \x232 to 'string.unpack' (unfinished string for format 'z')"#,
        ),
        (
            b"c2",
            b"ab",
            3,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
        (
            b"c1",
            b"ab",
            3,
            r#"E:bad argument \x232 to 'string.unpack' (data string too short)"#,
        ),
    ];
    const PACKSIZE_CASES: &[(&[u8], &str)] = &[
        (b"i4", r#"4"#),
        (b"b", r#"1"#),
        (b"!8 b d", r#"16"#),
        (b"!4 b d", r#"12"#),
        (b"bhij", r#"15"#),
        (b"!bhij", r#"16"#),
        (b"c10", r#"10"#),
        (b"c0", r#"0"#),
        (
            b"s",
            r#"E:bad argument \x231 to 'string.packsize' (variable-length format)"#,
        ),
        (
            b"z",
            r#"E:bad argument \x231 to 'string.packsize' (variable-length format)"#,
        ),
        (b"x", r#"1"#),
        (b"Xi4", r#"0"#),
        (b"b Xi4", r#"1"#),
        (b"!4 b Xi4", r#"4"#),
        (b"i17", r#"E:integral size (17) out of limits [1,16]"#),
        (b"y", r#"E:invalid format option 'y'"#),
        (b"", r#"0"#),
        (b"c2147483639", r#"2147483639"#),
        (b"c2147483639 b", r#"2147483640"#),
        (b"c1073741824 c1073741823", r#"2147483647"#),
        (
            b"c1073741824 c1073741824",
            r#"E:bad argument \x231 to 'string.packsize' (format result too large)"#,
        ),
        (
            b"!8 c2147483639 d",
            r#"E:bad argument \x231 to 'string.packsize' (format result too large)"#,
        ),
        (
            b"!3 b i4",
            r#"E:bad argument \x231 to 'string.packsize' (format asks for alignment not power of 2)"#,
        ),
        (b"<>=!", r#"0"#),
        (b"f d n", r#"20"#),
        (b"I16 i16", r#"32"#),
        (
            b"b X",
            r#"E:bad argument \x231 to 'string.packsize' (invalid next option for option 'X')"#,
        ),
        (b"c2147483647", r#"E:invalid format option '7'"#),
        (b"c214748364", r#"214748364"#),
    ];
}
