//! Lunar's front end (source bytes -> tokens -> **AST**).
//!
//! `lex` turns bytes into tokens, `parse` builds the [`ast`] for a whole chunk, and errors are
//! reported exactly as PUC Lua 5.4 reports them (`chunkname:LINE: message near 'token'`).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod ast;
pub mod constant;
pub mod lex;
pub mod parse;

pub use parse::{parse, parse_with, ParseOptions};

/// A compile-time error, already formatted as Lua formats it, e.g.
/// `test.lua:3: unexpected symbol near 'x'` (the `lunar: ` prefix is added by the CLI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The full message including the `chunkid:line:` prefix.
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SyntaxError {}

/// Maximum length of a chunk id in messages (Lua's `LUA_IDSIZE`, including the terminating NUL).
pub const LUA_IDSIZE: usize = 60;

/// Formats a chunk name for messages exactly as `luaO_chunkid` does:
/// `"@file.lua"` -> `file.lua` (long names keep their tail behind `...`),
/// `"=stdin"` -> `stdin`, anything else -> `[string "first line..."]`.
pub fn chunkid(source: &str) -> String {
    let bytes = source.as_bytes();
    let bufflen = LUA_IDSIZE; // includes room for '\0' in C
    if let Some(rest) = bytes.strip_prefix(b"=") {
        // 'literal' source
        let n = rest.len().min(bufflen - 1);
        return String::from_utf8_lossy(&rest[..n]).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"@") {
        // file name
        if rest.len() < bufflen {
            return String::from_utf8_lossy(rest).into_owned();
        }
        let keep = bufflen - 1 - 3;
        let tail = &rest[rest.len() - keep..];
        return format!("...{}", String::from_utf8_lossy(tail));
    }
    // string; format as [string "source"]
    const PRE: &str = "[string \"";
    const POS: &str = "\"]";
    const RETS: &str = "...";
    let nl = bytes.iter().position(|&b| b == b'\n');
    let mut avail = bufflen - PRE.len() - RETS.len() - POS.len() - 1;
    let mut out = String::from(PRE);
    if bytes.len() < avail && nl.is_none() {
        out.push_str(source);
    } else {
        let mut srclen = bytes.len();
        if let Some(nl) = nl {
            srclen = nl;
        }
        if srclen > avail {
            srclen = avail;
        }
        avail = srclen;
        out.push_str(&String::from_utf8_lossy(&bytes[..avail]));
        out.push_str(RETS);
    }
    out.push_str(POS);
    out
}

#[cfg(test)]
mod tests {
    use super::chunkid;

    #[test]
    fn chunkids() {
        assert_eq!(chunkid("@a.lua"), "a.lua");
        assert_eq!(chunkid("=stdin"), "stdin");
        assert_eq!(chunkid("print(1)"), "[string \"print(1)\"]");
        assert_eq!(chunkid("x=1\ny=2"), "[string \"x=1...\"]");
    }
}
