//! Lua pattern matching (pattern bytes -> match positions and captures).
//!
//! A port of the pattern-matching section of PUC Lua 5.4.4 `lstrlib.c`
//! (`match`, `max_expand`, `min_expand`, `matchbalance`, `classend`,
//! `matchbracketclass`, `str_find_aux`, `gmatch_aux`, `str_gsub`, `add_s`).
//!
//! The engine works on bytes and reports byte offsets into the subject; the
//! runtime turns them into Lua values. It is a direct backtracking matcher
//! like PUC's, not a compiled automaton, because Lua's semantics (which
//! errors are raised and when, lazily during matching) depend on walking
//! the pattern exactly the way `lstrlib.c` does.
//!
//! Behaviour that matters for compatibility:
//! * Errors are reported with PUC's exact messages (without position
//!   prefix, which `luaL_error` never adds for C functions).
//! * Malformed patterns are only detected when the matcher reaches the bad
//!   item, exactly as in PUC (`string.find("abc", "x[")` is `nil`, not an
//!   error).
//! * Recursion is bounded by [`MAX_MATCH_DEPTH`] (PUC's `MAXCCALLS`), so a
//!   hostile pattern fails with `"pattern too complex"` instead of
//!   overflowing the native stack; the `*`, `+` and `-` repetitions are
//!   loops, as in PUC.
//! * The end of the pattern and of the subject read as a `'\0'` byte, as
//!   PUC reads the terminating NUL of Lua strings (this is observable, e.g.
//!   `%f[%z]` matches at the end of the subject).
//!
//! Entry points: [`find`] / [`str_find`] (`string.find`, `string.match`),
//! [`Gmatch`] (`string.gmatch`), [`gsub`] with [`expand_replacement`]
//! (`string.gsub`), and the low-level [`Matcher`].
#![forbid(unsafe_code)]

use std::fmt;

// -- Limits ------------------------------------------------------------------

/// Maximum number of captures in one pattern (PUC `LUA_MAXCAPTURES`). The
/// limit is arbitrary in PUC (it must fit an `unsigned char`); we keep it for
/// identical `"too many captures"` behaviour and a fixed-size capture array.
pub const MAX_CAPTURES: usize = 32;

/// Maximum recursion depth of the matcher (PUC `MAXCCALLS`). Bounds native
/// stack use on hostile patterns; exceeding it raises `"pattern too
/// complex"`.
pub const MAX_MATCH_DEPTH: usize = 200;

/// The escape character of the pattern language.
const L_ESC: u8 = b'%';

/// Characters that make a pattern "special" (PUC `SPECIALS`).
const SPECIALS: &[u8] = b"^$*+?.([%-";

/// Capture length marking a capture that is still open.
const CAP_UNFINISHED: isize = -1;
/// Capture length marking a position capture `()`.
const CAP_POSITION: isize = -2;

// -- Public types ------------------------------------------------------------

/// An error raised by the pattern engine. The message is exactly PUC Lua's
/// (e.g. `"malformed pattern (missing ']')"`); the runtime raises it as a Lua
/// error string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError(pub String);

impl PatternError {
    fn new(msg: &str) -> Self {
        PatternError(msg.to_string())
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PatternError {}

/// One capture value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// A substring capture: byte range `start..end` of the subject.
    Str {
        /// Byte offset of the first captured byte.
        start: usize,
        /// Byte offset one past the last captured byte.
        end: usize,
    },
    /// A position capture `()`: the 1-based position, as Lua returns it.
    Position(usize),
}

impl Capture {
    /// The captured bytes, or `None` for a position capture.
    pub fn as_bytes<'s>(&self, subject: &'s [u8]) -> Option<&'s [u8]> {
        match *self {
            Capture::Str { start, end } => Some(&subject[start..end]),
            Capture::Position(_) => None,
        }
    }
}

/// A successful match: byte offsets `start..end` into the subject and the
/// pattern's explicit captures (empty when the pattern has none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Byte offset where the match starts (Lua position is `start + 1`).
    pub start: usize,
    /// Byte offset one past the match (Lua end position is `end`).
    pub end: usize,
    /// The explicit captures, in order. All are finished.
    pub captures: Vec<Capture>,
}

impl Match {
    /// The values `string.match` / `string.gmatch` return: the captures, or
    /// the whole match when the pattern has no captures.
    /// (`string.find` returns `start + 1`, `end`, then `captures`.)
    pub fn values(&self) -> impl Iterator<Item = Capture> + '_ {
        let whole = if self.captures.is_empty() {
            Some(Capture::Str {
                start: self.start,
                end: self.end,
            })
        } else {
            None
        };
        whole.into_iter().chain(self.captures.iter().copied())
    }
}

// -- Matcher -----------------------------------------------------------------

/// One capture slot (PUC `MatchState.capture[i]`): `len` is a length, or
/// [`CAP_UNFINISHED`] / [`CAP_POSITION`].
#[derive(Clone, Copy, Debug)]
struct RawCapture {
    init: usize,
    len: isize,
}

/// Internal result of the matching functions: an end offset, or one of
/// these two sentinels (PUC returns `NULL` or longjmps). A plain `usize`
/// keeps results in registers on the hot path; the error itself waits in
/// [`Matcher::error`].
const NO_MATCH: usize = usize::MAX;
/// Internal result: an error was raised and stored in [`Matcher::error`].
const ERROR: usize = usize::MAX - 1;

/// The matcher state for one subject and one pattern (PUC `MatchState`).
///
/// `pattern` must already have a leading `^` anchor removed if the caller
/// treats it as an anchor (see [`split_anchor`]); the matcher itself treats
/// `^` as a literal byte, as PUC's `match` does. A `Matcher` never allocates
/// while matching, so it can be reused for every start position of a search.
pub struct Matcher<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    /// Remaining recursion budget (PUC `matchdepth`).
    depth: usize,
    /// Number of captures, finished or not (PUC `level`).
    level: usize,
    capture: [RawCapture; MAX_CAPTURES],
    /// The error raised by the current attempt, if any.
    error: Option<PatternError>,
}

impl<'a> Matcher<'a> {
    /// Prepares a matcher for `subject` and `pattern` (PUC `prepstate`).
    pub fn new(subject: &'a [u8], pattern: &'a [u8]) -> Self {
        Matcher {
            src: subject,
            pat: pattern,
            depth: MAX_MATCH_DEPTH,
            level: 0,
            capture: [RawCapture { init: 0, len: 0 }; MAX_CAPTURES],
            error: None,
        }
    }

    /// The subject this matcher works on.
    pub fn subject(&self) -> &'a [u8] {
        self.src
    }

    /// Tries to match the whole pattern starting exactly at byte offset
    /// `pos` (`pos <= subject.len()`). Returns the end offset of the match.
    /// On success the captures are available through [`Matcher::captures`]
    /// until the next call.
    pub fn match_at(&mut self, pos: usize) -> Result<Option<usize>, PatternError> {
        debug_assert!(pos <= self.src.len());
        self.level = 0;
        self.depth = MAX_MATCH_DEPTH;
        match self.do_match(pos, 0) {
            NO_MATCH => Ok(None),
            ERROR => Err(self.error.take().expect("pattern error recorded")),
            e => Ok(Some(e)),
        }
    }

    /// The captures of the last successful [`Matcher::match_at`], which
    /// matched `start..end`.
    pub fn captures(&self, start: usize, end: usize) -> Captures<'_> {
        Captures {
            subject: self.src,
            start,
            end,
            raw: &self.capture[..self.level],
        }
    }

    /// Records an error and returns the [`ERROR`] sentinel.
    #[cold]
    #[inline(never)]
    fn raise(&mut self, msg: String) -> usize {
        self.error = Some(PatternError(msg));
        ERROR
    }

    /// Pattern byte at `i`, or `'\0'` past the end (PUC reads the NUL).
    #[inline(always)]
    fn pat_at(&self, i: usize) -> u8 {
        match self.pat.get(i) {
            Some(&c) => c,
            None => 0,
        }
    }

    /// Subject byte at `i`, or `'\0'` past the end (PUC reads the NUL).
    #[inline(always)]
    fn src_at(&self, i: usize) -> u8 {
        match self.src.get(i) {
            Some(&c) => c,
            None => 0,
        }
    }

    /// PUC `classend`: the index just past the single-character class at
    /// `p`, or [`ERROR`].
    #[inline]
    fn classend(&mut self, p: usize) -> usize {
        match self.pat[p] {
            L_ESC => {
                if p + 1 >= self.pat.len() {
                    return self.raise("malformed pattern (ends with '%')".into());
                }
                p + 2
            }
            b'[' => self.classend_set(p + 1),
            _ => p + 1,
        }
    }

    /// [`Matcher::classend`] for a set; `p` is just after the `[`.
    fn classend_set(&mut self, mut p: usize) -> usize {
        let plen = self.pat.len();
        if self.pat_at(p) == b'^' {
            p += 1;
        }
        // look for a ']'
        loop {
            if p >= plen {
                return self.raise("malformed pattern (missing ']')".into());
            }
            let c = self.pat[p];
            p += 1;
            if c == L_ESC && p < plen {
                p += 1; // skip escapes (e.g. '%]')
            }
            if self.pat_at(p) == b']' {
                return p + 1;
            }
        }
    }

    /// PUC `matchbracketclass`: does `c` match the set `[...]` spanning
    /// `p` (the `[`) to `ec` (the closing `]`)?
    fn matchbracketclass(&self, c: u8, mut p: usize, ec: usize) -> bool {
        let mut sig = true;
        if self.pat_at(p + 1) == b'^' {
            sig = false;
            p += 1; // skip the '^'
        }
        loop {
            p += 1;
            if p >= ec {
                break;
            }
            let pc = self.pat[p];
            if pc == L_ESC {
                p += 1;
                if match_class(c, self.pat_at(p)) {
                    return sig;
                }
            } else if self.pat_at(p + 1) == b'-' && p + 2 < ec {
                p += 2;
                if pc <= c && c <= self.pat[p] {
                    return sig;
                }
            } else if pc == c {
                return sig;
            }
        }
        !sig
    }

    /// PUC `singlematch`: does the subject byte at `s` match the class at
    /// `p` (which ends at `ep`)?
    #[inline(always)]
    fn singlematch(&self, s: usize, p: usize, ep: usize) -> bool {
        match self.src.get(s) {
            None => false,
            Some(&c) => match self.pat[p] {
                b'.' => true,
                L_ESC => match_class(c, self.pat_at(p + 1)),
                b'[' => self.matchbracketclass(c, p, ep - 1),
                pc => pc == c,
            },
        }
    }

    /// PUC `matchbalance`: `%bxy` at pattern index `p` (pointing at `x`).
    fn matchbalance(&mut self, s: usize, p: usize) -> usize {
        if p + 1 >= self.pat.len() {
            return self.raise("malformed pattern (missing arguments to '%b')".into());
        }
        let b = self.pat[p];
        if self.src_at(s) != b {
            return NO_MATCH;
        }
        let e = self.pat[p + 1];
        let mut cont = 1usize;
        for (i, &c) in self.src.iter().enumerate().skip(s + 1) {
            if c == e {
                cont -= 1;
                if cont == 0 {
                    return i + 1;
                }
            } else if c == b {
                cont += 1;
            }
        }
        NO_MATCH // string ends out of balance
    }

    /// PUC `max_expand`: greedy repetition of the class at `p..ep`, then
    /// the rest of the pattern at `ep + 1`.
    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> usize {
        let mut i = 0usize; // counts maximum expand for item
        while self.singlematch(s + i, p, ep) {
            i += 1;
        }
        // keeps trying to match with the maximum repetitions
        loop {
            let res = self.do_match(s + i, ep + 1);
            if res != NO_MATCH || i == 0 {
                return res;
            }
            i -= 1; // else didn't match; reduce 1 repetition to try again
        }
    }

    /// PUC `min_expand`: lazy repetition of the class at `p..ep`.
    fn min_expand(&mut self, mut s: usize, p: usize, ep: usize) -> usize {
        loop {
            let res = self.do_match(s, ep + 1);
            if res != NO_MATCH {
                return res;
            } else if self.singlematch(s, p, ep) {
                s += 1; // try with one more repetition
            } else {
                return NO_MATCH;
            }
        }
    }

    /// PUC `start_capture`.
    fn start_capture(&mut self, s: usize, p: usize, what: isize) -> usize {
        let level = self.level;
        if level >= MAX_CAPTURES {
            return self.raise("too many captures".into());
        }
        self.capture[level] = RawCapture { init: s, len: what };
        self.level = level + 1;
        let res = self.do_match(s, p);
        if res == NO_MATCH {
            self.level -= 1; // undo capture
        }
        res
    }

    /// PUC `end_capture` (with `capture_to_close`).
    fn end_capture(&mut self, s: usize, p: usize) -> usize {
        let Some(l) = self.capture[..self.level]
            .iter()
            .rposition(|c| c.len == CAP_UNFINISHED)
        else {
            return self.raise("invalid pattern capture".into());
        };
        self.capture[l].len = (s - self.capture[l].init) as isize; // close capture
        let res = self.do_match(s, p);
        if res == NO_MATCH {
            self.capture[l].len = CAP_UNFINISHED; // undo capture
        }
        res
    }

    /// PUC `match_capture` (with `check_capture`): back-reference `%0`-`%9`.
    fn match_capture(&mut self, s: usize, l: u8) -> usize {
        let idx = l as isize - b'1' as isize;
        if idx < 0 || idx as usize >= self.level || self.capture[idx as usize].len == CAP_UNFINISHED
        {
            return self.raise(format!("invalid capture index %{}", idx + 1));
        }
        let cap = self.capture[idx as usize];
        // A position capture has a negative length, which PUC compares as a
        // huge `size_t`: it never matches.
        if cap.len < 0 {
            return NO_MATCH;
        }
        let len = cap.len as usize;
        if self.src.len() - s >= len && self.src[cap.init..cap.init + len] == self.src[s..s + len] {
            s + len
        } else {
            NO_MATCH
        }
    }

    /// PUC `match`: matches the pattern from index `p` against the subject
    /// from index `s`; returns the end of the match, [`NO_MATCH`] or
    /// [`ERROR`].
    fn do_match(&mut self, mut s: usize, mut p: usize) -> usize {
        if self.depth == 0 {
            return self.raise("pattern too complex".into());
        }
        self.depth -= 1;
        let plen = self.pat.len();
        // `continue` plays the role of PUC's `goto init` (tail calls).
        let res = loop {
            if p == plen {
                break s; // end of pattern
            }
            match self.pat[p] {
                b'(' => {
                    // start capture
                    break if self.pat_at(p + 1) == b')' {
                        self.start_capture(s, p + 2, CAP_POSITION)
                    } else {
                        self.start_capture(s, p + 1, CAP_UNFINISHED)
                    };
                }
                b')' => break self.end_capture(s, p + 1), // end capture
                b'$' if p + 1 == plen => {
                    // '$' is the last char in pattern: check end of string
                    break if s == self.src.len() { s } else { NO_MATCH };
                }
                L_ESC => match self.pat_at(p + 1) {
                    b'b' => {
                        // balanced string?
                        s = self.matchbalance(s, p + 2);
                        if s >= ERROR {
                            break s;
                        }
                        p += 4;
                        continue;
                    }
                    b'f' => {
                        // frontier?
                        p += 2;
                        if self.pat_at(p) != b'[' {
                            break self.raise("missing '[' after '%f' in pattern".into());
                        }
                        let ep = self.classend(p); // points to what is next
                        if ep == ERROR {
                            break ERROR;
                        }
                        let previous = if s == 0 { 0 } else { self.src[s - 1] };
                        if !self.matchbracketclass(previous, p, ep - 1)
                            && self.matchbracketclass(self.src_at(s), p, ep - 1)
                        {
                            p = ep;
                            continue;
                        }
                        break NO_MATCH; // match failed
                    }
                    d @ b'0'..=b'9' => {
                        // capture results (%0-%9)?
                        s = self.match_capture(s, d);
                        if s >= ERROR {
                            break s;
                        }
                        p += 2;
                        continue;
                    }
                    _ => {}
                },
                _ => {}
            }
            // default: pattern class plus optional suffix
            let ep = self.classend(p); // points to optional suffix
            if ep == ERROR {
                break ERROR;
            }
            let suffix = self.pat_at(ep);
            if !self.singlematch(s, p, ep) {
                // does not match at least once?
                if suffix == b'*' || suffix == b'?' || suffix == b'-' {
                    // accept empty
                    p = ep + 1;
                    continue;
                }
                break NO_MATCH; // '+' or no suffix: fail
            }
            // matched once: handle optional suffix
            match suffix {
                b'?' => {
                    let res = self.do_match(s + 1, ep + 1);
                    if res != NO_MATCH {
                        break res;
                    }
                    p = ep + 1;
                    continue;
                }
                b'+' => break self.max_expand(s + 1, p, ep), // 1 match already done
                b'*' => break self.max_expand(s, p, ep),
                b'-' => break self.min_expand(s, p, ep),
                _ => {
                    // no suffix
                    s += 1;
                    p = ep;
                    continue;
                }
            }
        };
        self.depth += 1;
        res
    }

    /// If the pattern starts with a plain literal byte that must match
    /// exactly once, returns it: positions where the subject does not hold
    /// that byte cannot match (and cannot raise an error), so a search may
    /// skip them. Purely an optimisation; semantics are unchanged.
    fn first_literal(&self) -> Option<u8> {
        let c = *self.pat.first()?;
        if b"^$*+?.([%-)]".contains(&c) {
            return None;
        }
        if b"*+?-".contains(&self.pat_at(1)) {
            return None;
        }
        Some(c)
    }
}

// -- Character classes -------------------------------------------------------

/// Bits of [`CTYPE`], one per class letter (C locale `<ctype.h>`).
const C_ALPHA: u16 = 1;
const C_CNTRL: u16 = 2;
const C_DIGIT: u16 = 4;
const C_GRAPH: u16 = 8;
const C_LOWER: u16 = 16;
const C_PUNCT: u16 = 32;
const C_SPACE: u16 = 64;
const C_UPPER: u16 = 128;
const C_ALNUM: u16 = 256;
const C_XDIGIT: u16 = 512;
const C_ZERO: u16 = 1024;

/// Class bits of every byte in the C locale: `isalpha`, `iscntrl`, ... as
/// glibc defines them for `LC_CTYPE=C` (bytes >= 0x80 belong to no class).
static CTYPE: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let mut bits = 0;
        if c.is_ascii_alphabetic() {
            bits |= C_ALPHA;
        }
        if c.is_ascii_control() {
            bits |= C_CNTRL;
        }
        if c.is_ascii_digit() {
            bits |= C_DIGIT;
        }
        if c.is_ascii_graphic() {
            bits |= C_GRAPH;
        }
        if c.is_ascii_lowercase() {
            bits |= C_LOWER;
        }
        if c.is_ascii_punctuation() {
            bits |= C_PUNCT;
        }
        // C isspace: ' ', \t, \n, \v, \f, \r (Rust's is_ascii_whitespace lacks \v)
        if c == b' ' || (c >= b'\t' && c <= b'\r') {
            bits |= C_SPACE;
        }
        if c.is_ascii_uppercase() {
            bits |= C_UPPER;
        }
        if c.is_ascii_alphanumeric() {
            bits |= C_ALNUM;
        }
        if c.is_ascii_hexdigit() {
            bits |= C_XDIGIT;
        }
        if c == 0 {
            bits |= C_ZERO;
        }
        t[i] = bits;
        i += 1;
    }
    t
};

/// The [`CTYPE`] bit selected by a class letter after `%`, or 0 when the
/// byte is not a class letter (then it matches itself).
static CLASS_BIT: [u16; 256] = {
    let mut t = [0u16; 256];
    let letters: [(u8, u16); 11] = [
        (b'a', C_ALPHA),
        (b'c', C_CNTRL),
        (b'd', C_DIGIT),
        (b'g', C_GRAPH),
        (b'l', C_LOWER),
        (b'p', C_PUNCT),
        (b's', C_SPACE),
        (b'u', C_UPPER),
        (b'w', C_ALNUM),
        (b'x', C_XDIGIT),
        (b'z', C_ZERO), // deprecated option
    ];
    let mut i = 0;
    while i < letters.len() {
        let (l, bit) = letters[i];
        t[l as usize] = bit;
        t[l.to_ascii_uppercase() as usize] = bit;
        i += 1;
    }
    t
};

/// PUC `match_class`: does byte `c` belong to class letter `cl` (C locale)?
/// An upper-case letter is the complement; a non-letter `cl` matches itself.
#[inline]
fn match_class(c: u8, cl: u8) -> bool {
    let bit = CLASS_BIT[cl as usize];
    if bit == 0 {
        return cl == c;
    }
    let res = CTYPE[c as usize] & bit != 0;
    if cl.is_ascii_lowercase() {
        res
    } else {
        !res
    }
}

// -- Captures view -----------------------------------------------------------

/// The captures of one match, borrowed from a [`Matcher`]; what PUC's
/// `get_onecapture` / `push_captures` see. Handed to the [`gsub`] callback.
pub struct Captures<'m> {
    subject: &'m [u8],
    start: usize,
    end: usize,
    raw: &'m [RawCapture],
}

impl<'m> Captures<'m> {
    /// The subject string.
    pub fn subject(&self) -> &'m [u8] {
        self.subject
    }

    /// Byte offset where the match starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset one past the match.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The whole matched text.
    pub fn matched(&self) -> &'m [u8] {
        &self.subject[self.start..self.end]
    }

    /// Number of explicit captures in the pattern (PUC `level`).
    pub fn level(&self) -> usize {
        self.raw.len()
    }

    /// Number of values `push_captures` produces: the explicit captures, or
    /// 1 (the whole match) when there are none. A gsub function receives
    /// this many arguments.
    pub fn count(&self) -> usize {
        self.raw.len().max(1)
    }

    /// PUC `get_onecapture`: capture `i` (0-based). With no explicit
    /// captures, index 0 is the whole match. Errors: `"invalid capture index
    /// %N"` (N = i + 1) and `"unfinished capture"`.
    pub fn get(&self, i: usize) -> Result<Capture, PatternError> {
        match self.raw.get(i) {
            None => {
                if i != 0 {
                    return Err(PatternError(format!("invalid capture index %{}", i + 1)));
                }
                Ok(Capture::Str {
                    start: self.start,
                    end: self.end,
                })
            }
            Some(c) => match c.len {
                CAP_UNFINISHED => Err(PatternError::new("unfinished capture")),
                CAP_POSITION => Ok(Capture::Position(c.init + 1)),
                len => Ok(Capture::Str {
                    start: c.init,
                    end: c.init + len as usize,
                }),
            },
        }
    }

    /// PUC `push_captures` with a whole-match fallback: all [`count`]
    /// values (what `string.match`, `gmatch` and a gsub function get).
    ///
    /// [`count`]: Captures::count
    pub fn to_vec(&self) -> Result<Vec<Capture>, PatternError> {
        (0..self.count()).map(|i| self.get(i)).collect()
    }

    /// The explicit captures only (what `string.find` returns after the
    /// positions). Errors with `"unfinished capture"` like PUC.
    pub fn explicit(&self) -> Result<Vec<Capture>, PatternError> {
        (0..self.level()).map(|i| self.get(i)).collect()
    }

    fn to_match(&self) -> Result<Match, PatternError> {
        Ok(Match {
            start: self.start,
            end: self.end,
            captures: self.explicit()?,
        })
    }
}

// -- Helpers -----------------------------------------------------------------

/// Converts Lua's `init` argument (1-based, negative counts from the end,
/// default 1) into a 0-based byte offset: PUC `posrelatI(init, len)` minus
/// one. The result may exceed `len`; `find`/`match` then fail and `gmatch`
/// yields nothing.
pub fn start_offset(init: i64, len: usize) -> usize {
    if init > 0 {
        usize::try_from(init).unwrap_or(usize::MAX) - 1
    } else if init == 0 || init.unsigned_abs() > len as u64 {
        0
    } else {
        len - init.unsigned_abs() as usize
    }
}

/// Splits a leading `^` anchor off a pattern, as `string.find`,
/// `string.match` and `string.gsub` do (`string.gmatch` does not: there
/// `^` is a literal byte).
pub fn split_anchor(pattern: &[u8]) -> (bool, &[u8]) {
    match pattern.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pattern),
    }
}

/// PUC `nospecials`: true if `pattern` contains none of `^$*+?.([%-`, in
/// which case `string.find` does a plain substring search.
pub fn nospecials(pattern: &[u8]) -> bool {
    !pattern.iter().any(|c| SPECIALS.contains(c))
}

/// Plain substring search (PUC `lmemfind`) from byte offset `init`
/// (`init <= subject.len()`); returns the offset of the first occurrence.
/// The empty needle is found at `init`.
pub fn find_plain(subject: &[u8], needle: &[u8], init: usize) -> Option<usize> {
    let hay = subject.get(init..)?;
    let Some((&first, rest)) = needle.split_first() else {
        return Some(init);
    };
    if needle.len() > hay.len() {
        return None;
    }
    let last_start = hay.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        match hay[i..=last_start].iter().position(|&c| c == first) {
            None => return None,
            Some(off) => {
                let at = i + off;
                if &hay[at + 1..at + needle.len()] == rest {
                    return Some(init + at);
                }
                i = at + 1;
            }
        }
    }
    None
}

/// Pattern search as `string.match` and `string.find` (non-plain) do it
/// (PUC `str_find_aux`): honours a leading `^`, tries every start offset
/// from `init` (0-based, see [`start_offset`]) up to and including
/// `subject.len()`. Returns `Ok(None)` when `init > subject.len()` or
/// nothing matches.
pub fn find(subject: &[u8], pattern: &[u8], init: usize) -> Result<Option<Match>, PatternError> {
    if init > subject.len() {
        return Ok(None); // start after string's end: cannot find anything
    }
    let (anchor, pat) = split_anchor(pattern);
    let mut m = Matcher::new(subject, pat);
    let literal = if anchor { None } else { m.first_literal() };
    let mut s1 = init;
    loop {
        if let Some(c) = literal {
            // skip positions that cannot match (see `first_literal`)
            match subject[s1..].iter().position(|&b| b == c) {
                Some(off) => s1 += off,
                None => return Ok(None),
            }
        }
        if let Some(e) = m.match_at(s1)? {
            return m.captures(s1, e).to_match().map(Some);
        }
        if s1 >= subject.len() || anchor {
            return Ok(None);
        }
        s1 += 1;
    }
}

/// The whole of `string.find`'s search: a plain substring search when
/// `plain` is true or the pattern has no specials ([`nospecials`]),
/// otherwise [`find`]. `init` is 0-based (see [`start_offset`]). The runtime
/// returns `start + 1`, `end`, then the captures.
pub fn str_find(
    subject: &[u8],
    pattern: &[u8],
    init: usize,
    plain: bool,
) -> Result<Option<Match>, PatternError> {
    if init > subject.len() {
        return Ok(None);
    }
    if plain || nospecials(pattern) {
        Ok(find_plain(subject, pattern, init).map(|start| Match {
            start,
            end: start + pattern.len(),
            captures: Vec::new(),
        }))
    } else {
        find(subject, pattern, init)
    }
}

// -- gmatch --------------------------------------------------------------------

/// The state of a `string.gmatch` iterator (PUC `GMatchState` minus the
/// strings, which the runtime keeps alive in the closure and passes to
/// every [`Gmatch::next`] call).
///
/// Lua 5.4 records the end of the last match (`lastmatch`) so an empty
/// match is never produced at the position where the previous match ended
/// (`("abc"):gmatch("%a*")` yields `"abc"` only, not `"abc"` then `""`).
#[derive(Clone, Debug)]
pub struct Gmatch {
    src: usize,
    lastmatch: Option<usize>,
}

impl Gmatch {
    /// A new iterator over a subject of `subject_len` bytes starting at
    /// 0-based offset `init` (from [`start_offset`]; clamped like PUC).
    pub fn new(subject_len: usize, init: usize) -> Self {
        Gmatch {
            src: init.min(subject_len + 1),
            lastmatch: None,
        }
    }

    /// The next match, or `None` when the iteration is over. The pattern
    /// is used as is (a leading `^` is literal in gmatch). The iterator
    /// yields [`Match::values`].
    pub fn next(&mut self, subject: &[u8], pattern: &[u8]) -> Result<Option<Match>, PatternError> {
        let mut m = Matcher::new(subject, pattern);
        let mut src = self.src;
        while src <= subject.len() {
            if let Some(e) = m.match_at(src)? {
                if Some(e) != self.lastmatch {
                    self.src = e;
                    self.lastmatch = Some(e);
                    return m.captures(src, e).to_match().map(Some);
                }
            }
            src += 1;
        }
        Ok(None)
    }
}

// -- gsub ----------------------------------------------------------------------

/// The result of [`gsub`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GsubResult {
    /// The new string, or `None` when nothing changed: the runtime then
    /// returns the original subject string object (as PUC does).
    pub output: Option<Vec<u8>>,
    /// Number of matches (substitutions), gsub's second result.
    pub count: i64,
}

/// The `string.gsub` loop (PUC `str_gsub`).
///
/// `max_replacements` is gsub's 4th argument (`None` = unlimited). For each
/// match, `repl` receives the match's [`Captures`] and the output buffer;
/// it must append the replacement text, or the original match
/// ([`Captures::matched`]) when the replacement value is `false`/`nil`,
/// and return whether the subject changed (PUC `add_value`):
/// * string/number replacement: call [`expand_replacement`], return `true`;
/// * table: look up `caps.get(0)`; function: call it with
///   [`Captures::to_vec`]; on `false`/`nil` append `caps.matched()` and
///   return `false`, otherwise append the string and return `true` (or fail
///   with `"invalid replacement value (a <type>)"`).
///
/// Pattern errors convert into the runtime's error type `E`.
pub fn gsub<E, F>(
    subject: &[u8],
    pattern: &[u8],
    max_replacements: Option<i64>,
    mut repl: F,
) -> Result<GsubResult, E>
where
    E: From<PatternError>,
    F: FnMut(&Captures<'_>, &mut Vec<u8>) -> Result<bool, E>,
{
    let (anchor, pat) = split_anchor(pattern);
    let max_s = max_replacements.unwrap_or(subject.len() as i64 + 1);
    let mut m = Matcher::new(subject, pat);
    let mut out = Vec::new();
    let mut src = 0usize;
    let mut lastmatch = None;
    let mut n = 0i64;
    let mut changed = false;
    while n < max_s {
        let e = m.match_at(src)?;
        match e {
            Some(e) if Some(e) != lastmatch => {
                n += 1;
                changed |= repl(&m.captures(src, e), &mut out)?;
                src = e;
                lastmatch = Some(e);
            }
            _ => {
                if src < subject.len() {
                    // otherwise, skip one character
                    out.push(subject[src]);
                    src += 1;
                } else {
                    break; // end of subject
                }
            }
        }
        if anchor {
            break;
        }
    }
    let output = if changed {
        out.extend_from_slice(&subject[src..]);
        Some(out)
    } else {
        None
    };
    Ok(GsubResult { output, count: n })
}

/// Expands a gsub replacement string (PUC `add_s`) into `out`: `%0` is the
/// whole match, `%1`-`%9` the captures (`%1` is the whole match when there
/// are no captures; a position capture appends its decimal value), `%%` a
/// literal `%`. Any other use of `%` fails with `"invalid use of '%' in
/// replacement string"`.
pub fn expand_replacement(
    repl: &[u8],
    caps: &Captures<'_>,
    out: &mut Vec<u8>,
) -> Result<(), PatternError> {
    let mut rest = repl;
    while let Some(i) = rest.iter().position(|&c| c == L_ESC) {
        out.extend_from_slice(&rest[..i]);
        let c = rest.get(i + 1).copied().unwrap_or(0); // skip ESC
        match c {
            L_ESC => out.push(L_ESC), // '%%'
            b'0' => out.extend_from_slice(caps.matched()),
            b'1'..=b'9' => match caps.get((c - b'1') as usize)? {
                Capture::Str { start, end } => out.extend_from_slice(&caps.subject[start..end]),
                Capture::Position(pos) => out.extend_from_slice(pos.to_string().as_bytes()),
            },
            _ => {
                return Err(PatternError::new(
                    "invalid use of '%' in replacement string",
                ));
            }
        }
        rest = rest.get(i + 2..).unwrap_or(&[]);
    }
    out.extend_from_slice(rest);
    Ok(())
}

// -- Tests ---------------------------------------------------------------------

#[cfg(test)]
mod tests {
    //! Expected results were produced by PUC Lua 5.4.4 (`lua5.4`), rendered
    //! as: values joined by `,`, strings quoted with non-printables as
    //! `\xHH`, errors as `E:<message>`.
    use super::*;

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

    fn render_cap(subject: &[u8], c: Capture) -> String {
        match c {
            Capture::Str { start, end } => format!("\"{}\"", esc(&subject[start..end])),
            Capture::Position(p) => p.to_string(),
        }
    }

    fn render_find(subject: &[u8], r: Result<Option<Match>, PatternError>) -> String {
        match r {
            Err(e) => format!("E:{}", esc(e.0.as_bytes())),
            Ok(None) => "nil".to_string(),
            Ok(Some(m)) => {
                let mut parts = vec![(m.start + 1).to_string(), m.end.to_string()];
                parts.extend(m.captures.iter().map(|&c| render_cap(subject, c)));
                parts.join(",")
            }
        }
    }

    fn render_match(subject: &[u8], r: Result<Option<Match>, PatternError>) -> String {
        match r {
            Err(e) => format!("E:{}", esc(e.0.as_bytes())),
            Ok(None) => "nil".to_string(),
            Ok(Some(m)) => m
                .values()
                .map(|c| render_cap(subject, c))
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    #[test]
    fn find_and_match_agree_with_lua() {
        for &(subject, pattern, init, want_find, want_match) in FIND_CASES {
            let off = start_offset(init, subject.len());
            let got = render_find(subject, str_find(subject, pattern, off, false));
            assert_eq!(
                got,
                want_find,
                "find({:?}, {:?}, {init})",
                esc(subject),
                esc(pattern)
            );
            let got = render_match(subject, find(subject, pattern, off));
            assert_eq!(
                got,
                want_match,
                "match({:?}, {:?}, {init})",
                esc(subject),
                esc(pattern)
            );
        }
    }

    #[test]
    fn gmatch_agrees_with_lua() {
        for &(subject, pattern, init, want) in GMATCH_CASES {
            let mut it = Gmatch::new(subject.len(), start_offset(init, subject.len()));
            let mut out = Vec::new();
            loop {
                match it.next(subject, pattern) {
                    Err(e) => {
                        out.push(format!("E:{}", esc(e.0.as_bytes())));
                        break;
                    }
                    Ok(None) => break,
                    Ok(Some(m)) => out.push(format!(
                        "({})",
                        m.values()
                            .map(|c| render_cap(subject, c))
                            .collect::<Vec<_>>()
                            .join(",")
                    )),
                }
            }
            assert_eq!(
                out.join(";"),
                want,
                "gmatch({:?}, {:?}, {init})",
                esc(subject),
                esc(pattern)
            );
        }
    }

    /// Mirrors the Lua replacement function of the generator script.
    fn repl_function(caps: &Captures<'_>, out: &mut Vec<u8>) -> Result<bool, PatternError> {
        let args = caps.to_vec()?;
        repl_value(caps, args[0], Some(args.len()), out)
    }

    /// Mirrors the Lua replacement table (with `__index`) of the generator.
    fn repl_table(caps: &Captures<'_>, out: &mut Vec<u8>) -> Result<bool, PatternError> {
        let key = caps.get(0)?;
        repl_value(caps, key, None, out)
    }

    fn repl_value(
        caps: &Captures<'_>,
        c: Capture,
        nargs: Option<usize>,
        out: &mut Vec<u8>,
    ) -> Result<bool, PatternError> {
        match c {
            Capture::Position(p) => {
                out.extend_from_slice((p * 10).to_string().as_bytes());
                Ok(true)
            }
            Capture::Str { start, end } => {
                let s = &caps.subject()[start..end];
                if s.is_empty() || s.contains(&b'b') {
                    out.extend_from_slice(caps.matched());
                    return Ok(false);
                }
                out.extend(s.iter().map(|c| c.to_ascii_uppercase()));
                if let Some(n) = nargs {
                    out.extend_from_slice(n.to_string().as_bytes());
                }
                Ok(true)
            }
        }
    }

    #[test]
    fn gsub_agrees_with_lua() {
        for &(subject, pattern, repl, mode, max, want) in GSUB_CASES {
            let r = gsub::<PatternError, _>(subject, pattern, max, |caps, out| match mode {
                's' => expand_replacement(repl, caps, out).map(|()| true),
                'f' => repl_function(caps, out),
                _ => repl_table(caps, out),
            });
            let got = match r {
                Err(e) => format!("E:{}", esc(e.0.as_bytes())),
                Ok(r) => {
                    let s = r.output.as_deref().unwrap_or(subject);
                    format!("\"{}\",{}", esc(s), r.count)
                }
            };
            assert_eq!(
                got,
                want,
                "gsub({:?}, {:?}, {:?}, {mode})",
                esc(subject),
                esc(pattern),
                esc(repl)
            );
        }
    }

    #[test]
    fn unchanged_gsub_returns_none() {
        let r = gsub::<PatternError, _>(b"abc", b"x", None, |_, _| Ok(true)).unwrap();
        assert_eq!(
            r,
            GsubResult {
                output: None,
                count: 0
            }
        );
    }

    #[test]
    fn hostile_patterns_do_not_overflow() {
        // lua5.4: string.find(string.rep("a", 10000), string.rep("a?", 10000) .. string.rep("a", 10000))
        // -> error "pattern too complex"
        let subject = vec![b'a'; 10000];
        let mut pattern = b"a?".repeat(10000);
        pattern.extend(std::iter::repeat_n(b'a', 10000));
        assert_eq!(
            find(&subject, &pattern, 0),
            Err(PatternError::new("pattern too complex"))
        );
        // deep capture nesting is bounded too
        let pattern = [b"(".repeat(300), b"a".to_vec(), b")".repeat(300)].concat();
        assert_eq!(
            find(b"a", &pattern, 0),
            Err(PatternError::new("too many captures"))
        );
        // long greedy/lazy repetitions are loops, not recursion
        let subject = vec![b'a'; 1_000_000];
        assert_eq!(find(&subject, b"a*$", 0).unwrap().unwrap().end, 1_000_000);
        assert_eq!(find(&subject, b"a-$", 0).unwrap().unwrap().end, 1_000_000);
        assert_eq!(find(&subject, b"^.-b", 0).unwrap(), None);
    }

    #[test]
    fn depth_limit_fits_a_small_stack() {
        // MAX_MATCH_DEPTH levels fit a coroutine-sized stack: about 1 KiB
        // per level unoptimised, under 160 bytes at opt-level 1.
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                let subject = vec![b'a'; 300];
                let pattern = [b"a?".repeat(300), b"(a)-".repeat(300)].concat();
                let r = find(&subject, &pattern, 0);
                assert_eq!(r, Err(PatternError::new("pattern too complex")));
                let pattern = [b"(".repeat(32), b"a?".repeat(300), b")".repeat(32)].concat();
                find(&subject, &pattern, 0)
            })
            .unwrap();
        assert_eq!(
            handle.join().unwrap(),
            Err(PatternError::new("pattern too complex"))
        );
    }

    #[test]
    fn helpers() {
        assert!(nospecials(b"abc)"));
        assert!(!nospecials(b"a\0."));
        assert_eq!(find_plain(b"hello", b"", 5), Some(5));
        assert_eq!(find_plain(b"hello", b"lo", 0), Some(3));
        assert_eq!(find_plain(b"hello", b"ol", 0), None);
        assert_eq!(find_plain(b"aab", b"ab", 0), Some(1));
        assert_eq!(find_plain(b"abc", b"abcd", 0), None);
        assert_eq!(start_offset(1, 3), 0);
        assert_eq!(start_offset(0, 3), 0);
        assert_eq!(start_offset(-1, 3), 2);
        assert_eq!(start_offset(-3, 3), 0);
        assert_eq!(start_offset(-4, 3), 0);
        assert_eq!(start_offset(i64::MIN, 3), 0);
        assert_eq!(start_offset(i64::MAX, 3), i64::MAX as usize - 1);
        assert_eq!(split_anchor(b"^a"), (true, &b"a"[..]));
    }

    /// (subject, pattern, init, `string.find` result, `string.match` result)
    type FindCase = (
        &'static [u8],
        &'static [u8],
        i64,
        &'static str,
        &'static str,
    );
    /// (subject, pattern, replacement, mode, max, `string.gsub` result);
    /// mode `s` = string, `f` = function, `t` = table replacement.
    type GsubCase = (
        &'static [u8],
        &'static [u8],
        &'static [u8],
        char,
        Option<i64>,
        &'static str,
    );

    const FIND_CASES: &[FindCase] = &[
        (b"hello world", b"o w", 1, r#"5,7"#, r#""o w""#),
        (b"hello world", b"o", 6, r#"8,8"#, r#""o""#),
        (b"hello", b"l+", 1, r#"3,4"#, r#""ll""#),
        (b"hello", b"^h", 1, r#"1,1"#, r#""h""#),
        (b"hello", b"^e", 1, r#"nil"#, r#"nil"#),
        (b"hello", b"o$", 1, r#"5,5"#, r#""o""#),
        (b"hello", b"l$", 1, r#"nil"#, r#"nil"#),
        (b"hello", b"", 1, r#"1,0"#, r#""""#),
        (b"", b"", 1, r#"1,0"#, r#""""#),
        (b"", b"^$", 1, r#"1,0"#, r#""""#),
        (b"abc", b"", 4, r#"4,3"#, r#""""#),
        (b"abc", b"", 5, r#"nil"#, r#"nil"#),
        (b"abc", b"", -1, r#"3,2"#, r#""""#),
        (b"abc", b"b", -10, r#"2,2"#, r#""b""#),
        (b"abc", b"c", -1, r#"3,3"#, r#""c""#),
        (b"aaab", b"a-b", 1, r#"1,4"#, r#""aaab""#),
        (b"aaab", b"a*b", 1, r#"1,4"#, r#""aaab""#),
        (b"aaab", b"a+b", 1, r#"1,4"#, r#""aaab""#),
        (b"aaab", b"a?b", 1, r#"3,4"#, r#""ab""#),
        (b"aaab", b"^a?b", 1, r#"nil"#, r#"nil"#),
        (b"aaa", b"^.-$", 1, r#"1,3"#, r#""aaa""#),
        (b"aaa", b"b*", 1, r#"1,0"#, r#""""#),
        (b"aaa", b"a-", 1, r#"1,0"#, r#""""#),
        (b"  x", b"%s*", 1, r#"1,2"#, r#""  ""#),
        (b"alo xyzK", b"(%w+)K", 1, r#"5,8,"xyz""#, r#""xyz""#),
        (b"254 K", b"(%d*)K", 1, r#"5,5,"""#, r#""""#),
        (b"alo ", b"(%w*)$", 1, r#"5,4,"""#, r#""""#),
        (b"alo ", b"(%w+)$", 1, r#"nil"#, r#"nil"#),
        (b"abc", b"()b()", 1, r#"2,2,2,3"#, r#"2,3"#),
        (b"abc", b"(a)(b)(c)", 1, r#"1,3,"a","b","c""#, r#""a","b","c""#),
        (b"abc", b"((a)(b))", 1, r#"1,2,"ab","a","b""#, r#""ab","a","b""#),
        (b"hello world from Lua", b"(%a+) (%a+)", 1, r#"1,11,"hello","world""#, r#""hello","world""#),
        (b"x = 10", b"(%w+)%s*=%s*(%w+)", 1, r#"1,6,"x","10""#, r#""x","10""#),
        (b"[[x]]", b"%[(.-)%]", 1, r#"1,4,"[x""#, r#""[x""#),
        (b"THE (quick) fox", b"%((%a+)%)", 1, r#"5,11,"quick""#, r#""quick""#),
        (b"f(a(b)c)d", b"%b()", 1, r#"2,8"#, r#""(a(b)c)""#),
        (b"f(a(b)c", b"%b()", 1, r#"4,6"#, r#""(b)""#),
        (b"((x)", b"%b()", 1, r#"2,4"#, r#""(x)""#),
        (b"abc", b"%bac", 1, r#"1,3"#, r#""abc""#),
        (b"THE (quick) fox", b"%f[%a]%a+", 1, r#"1,3"#, r#""THE""#),
        (b"THE (quick) fox", b"%f[%a]%a+", 5, r#"6,10"#, r#""quick""#),
        (b"hello", b"%f[%z]", 1, r#"6,5"#, r#""""#),
        (b"hello", b"%f[%Z]", 1, r#"1,0"#, r#""""#),
        (b"a b", b"%f[%W]", 1, r#"2,1"#, r#""""#),
        (b"hello hello", b"(l+)o %a*%1", 1, r#"3,10,"ll""#, r#""ll""#),
        (b"abcabc", b"(abc)%1", 1, r#"1,6,"abc""#, r#""abc""#),
        (b"abab", b"(a)(b)%2", 1, r#"nil"#, r#"nil"#),
        (b"xx", b"(x)%1", 1, r#"1,2,"x""#, r#""x""#),
        (b"x", b"()%1", 1, r#"nil"#, r#"nil"#),
        (b"a.b", b"%.", 1, r#"2,2"#, r#"".""#),
        (b"a.b", b".", 1, r#"1,1"#, r#""a""#),
        (b"a+b", b"+", 1, r#"2,2"#, r#""+""#),
        (b"a+b", b"a+b", 1, r#"nil"#, r#"nil"#),
        (b"a+b", b"a%+b", 1, r#"1,3"#, r#""a+b""#),
        (b"a-b", b"-", 1, r#"2,2"#, r#""-""#),
        (b"x]", b"]", 1, r#"2,2"#, r#""]""#),
        (b"x]", b"[]]", 1, r#"2,2"#, r#""]""#),
        (b"x-y", b"[a-]", 1, r#"2,2"#, r#""-""#),
        (b"x-y", b"[-a]", 1, r#"2,2"#, r#""-""#),
        (b"x-y", b"[%-]", 1, r#"2,2"#, r#""-""#),
        (b"abc", b"[^a]", 1, r#"2,2"#, r#""b""#),
        (b"abc", b"[^%a]", 1, r#"nil"#, r#"nil"#),
        (b"abc1", b"[^%a]", 1, r#"4,4"#, r#""1""#),
        (b"ABc", b"[A-Z]+", 1, r#"1,2"#, r#""AB""#),
        (b"09az", b"[0-9a-f]+", 1, r#"1,3"#, r#""09a""#),
        (b"^x", b"[%^]", 1, r#"1,1"#, r#""^""#),
        (b"^x", b"[x^]", 1, r#"1,1"#, r#""^""#),
        (b"a^b", b"a^b", 1, r#"1,3"#, r#""a^b""#),
        (b"a$b", b"a$b", 1, r#"1,3"#, r#""a$b""#),
        (b"a$", b"$$", 1, r#"2,2"#, r#""$""#),
        (b"a$", b"%$", 1, r#"2,2"#, r#""$""#),
        (b"\x00a\x00", b"%z", 1, r#"1,1"#, r#""\x00""#),
        (b"a\x00b", b"[%z]", 1, r#"2,2"#, r#""\x00""#),
        (b"a\x00b", b"\x00", 1, r#"2,2"#, r#""\x00""#),
        (b"a\x00b", b"[\x00]", 1, r#"2,2"#, r#""\x00""#),
        (b"a\x00b", b"%Z+", 1, r#"1,1"#, r#""a""#),
        (b"a\x00b", b".-b", 1, r#"1,3"#, r#""a\x00b""#),
        (b"\x09\x0a\x0b\x0c\x0d x", b"%s+", 1, r#"1,6"#, r#""\x09\x0a\x0b\x0c\x0d ""#),
        (b"\x09\x0a\x0b\x0c\x0d x", b"%S", 1, r#"7,7"#, r#""x""#),
        (b"\x01\x7f ~", b"%c+", 1, r#"1,2"#, r#""\x01\x7f""#),
        (b"\x01\x7f ~", b"%g", 1, r#"4,4"#, r#""~""#),
        (b"a!b@c", b"%p", 1, r#"2,2"#, r#""!""#),
        (b"a!b@c", b"%P+", 1, r#"1,1"#, r#""a""#),
        (b"hello", b"%u", 1, r#"nil"#, r#"nil"#),
        (b"Hello", b"%u%l*", 1, r#"1,5"#, r#""Hello""#),
        (b"x1F", b"%x+", 1, r#"2,3"#, r#""1F""#),
        (b"\xc8\xff", b"[\xc8-\xff]+", 1, r#"1,2"#, r#""\xc8\xff""#),
        (b"\xc8\xffa", b"%a", 1, r#"3,3"#, r#""a""#),
        (b"\xc3\xa9", b"%a", 1, r#"nil"#, r#"nil"#),
        (b"abc", b"x[", 1, r#"nil"#, r#"nil"#),
        (b"abc", b"[", 1, r#"E:malformed pattern (missing ']')"#, r#"E:malformed pattern (missing ']')"#),
        (b"abc", b"[a", 1, r#"E:malformed pattern (missing ']')"#, r#"E:malformed pattern (missing ']')"#),
        (b"abc", b"[]", 1, r#"E:malformed pattern (missing ']')"#, r#"E:malformed pattern (missing ']')"#),
        (b"abc", b"[^]", 1, r#"E:malformed pattern (missing ']')"#, r#"E:malformed pattern (missing ']')"#),
        (b"abc", b"%", 1, r#"E:malformed pattern (ends with '%')"#, r#"E:malformed pattern (ends with '%')"#),
        (b"abc", b"a%", 1, r#"E:malformed pattern (ends with '%')"#, r#"E:malformed pattern (ends with '%')"#),
        (b"abc", b"%f", 1, r#"E:missing '[' after '%f' in pattern"#, r#"E:missing '[' after '%f' in pattern"#),
        (b"abc", b"%fx", 1, r#"E:missing '[' after '%f' in pattern"#, r#"E:missing '[' after '%f' in pattern"#),
        (b"abc", b"%b", 1, r#"E:malformed pattern (missing arguments to '%b')"#, r#"E:malformed pattern (missing arguments to '%b')"#),
        (b"abc", b"%ba", 1, r#"E:malformed pattern (missing arguments to '%b')"#, r#"E:malformed pattern (missing arguments to '%b')"#),
        (b"abc", b"(%1)", 1, r#"E:invalid capture index %1"#, r#"E:invalid capture index %1"#),
        (b"abc", b"%0", 1, r#"E:invalid capture index %0"#, r#"E:invalid capture index %0"#),
        (b"abc", b"a%1", 1, r#"E:invalid capture index %1"#, r#"E:invalid capture index %1"#),
        (b"abc", b"(a)%2", 1, r#"E:invalid capture index %2"#, r#"E:invalid capture index %2"#),
        (b"abc", b"(a%1)", 1, r#"E:invalid capture index %1"#, r#"E:invalid capture index %1"#),
        (b"abc", b"(a", 1, r#"E:unfinished capture"#, r#"E:unfinished capture"#),
        (b"abc", b"a)", 1, r#"nil"#, r#"E:invalid pattern capture"#),
        (b"abc", b"()(a", 1, r#"E:unfinished capture"#, r#"E:unfinished capture"#),
        (b"abc", b"(()", 1, r#"E:unfinished capture"#, r#"E:unfinished capture"#),
        (b"abc", b"[%", 1, r#"E:malformed pattern (missing ']')"#, r#"E:malformed pattern (missing ']')"#),
        (b"abc", b"[a%]", 1, r#"E:malformed pattern (missing ']')"#, r#"E:malformed pattern (missing ']')"#),
        (b"abc", b"[a%]]", 1, r#"1,1"#, r#""a""#),
        (b"a]", b"[a%]]+", 1, r#"1,2"#, r#""a]""#),
        (b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", b"(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)", 1, r#"E:too many captures"#, r#"E:too many captures"#),
        (b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", b"(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)", 1, r#"1,32,"a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a""#, r#""a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a""#),
        (b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", b"a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1, r#"E:pattern too complex"#, r#"E:pattern too complex"#),
        (b"aaaaaaaaaaaaaaaaaaaa", b"a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?aaaaaaaaaaaaaaaaaaaa", 1, r#"1,20"#, r#""aaaaaaaaaaaaaaaaaaaa""#),
        (b"aaaaa", b"(((((((((((((((((((((((((((((((a*)))))))))))))))))))))))))))))))", 1, r#"1,5,"aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa""#, r#""aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa","aaaaa""#),
        (b"aaa", b"a-a-a-$", 1, r#"1,3"#, r#""aaa""#),
        (b"abcd", b"a.-d", 1, r#"1,4"#, r#""abcd""#),
        (b"abcd", b"a.*", 1, r#"1,4"#, r#""abcd""#),
        (b"aXb", b"a%wb", 1, r#"1,3"#, r#""aXb""#),
        (b"aXXb", b"^a%w-b$", 1, r#"1,4"#, r#""aXXb""#),
        (b"0123456789", b"%d%d?%d?", 1, r#"1,3"#, r#""012""#),
        (b"one two", b"^(%S+)%s+(%S+)$", 1, r#"1,7,"one","two""#, r#""one","two""#),
        (b"key=val", b"([^=]+)=(.*)", 1, r#"1,7,"key","val""#, r#""key","val""#),
        (b"  trim  ", b"^%s*(.-)%s*$", 1, r#"1,8,"trim""#, r#""trim""#),
        (b"abc", b"()", 1, r#"1,0,1"#, r#"1"#),
        (b"abc", b"()", 4, r#"4,3,4"#, r#"4"#),
        (b"abc", b"()$", 1, r#"4,3,4"#, r#"4"#),
        (b"abc", b"^()", 1, r#"1,0,1"#, r#"1"#),
        (b"abc", b"b()", 2, r#"2,2,3"#, r#"3"#),
        (b"abc", b"(b)()", 1, r#"2,2,"b",3"#, r#""b",3"#),
        (b"a(b)c", b"%(.-%)", 1, r#"2,4"#, r#""(b)""#),
        (b"a%b", b"%%", 1, r#"2,2"#, r#""%""#),
        (b"a%%b", b"%%+", 1, r#"2,3"#, r#""%%""#),
        (b"ab", b"[%a%d]+", 1, r#"1,2"#, r#""ab""#),
        (b"a-z", b"[a%-z]+", 1, r#"1,3"#, r#""a-z""#),
        (b"b", b"[a-c]", 1, r#"1,1"#, r#""b""#),
        (b"-", b"[a-]", 1, r#"1,1"#, r#""-""#),
        (b"]", b"[]]", 1, r#"1,1"#, r#""]""#),
        (b"a]b", b"[]a]+", 1, r#"1,2"#, r#""a]""#),
        (b"a", b"[^]a]", 1, r#"nil"#, r#"nil"#),
        (b"x", b"[^]a]", 1, r#"1,1"#, r#""x""#),
        (b"]", b"[^]]", 1, r#"nil"#, r#"nil"#),
        (b"abc", b"[b-]", 1, r#"2,2"#, r#""b""#),
        (b"x-", b"[%w-]+", 1, r#"1,2"#, r#""x-""#),
        (b"hello", b"l*", 1, r#"1,0"#, r#""""#),
        (b"hello", b"l*", 3, r#"3,4"#, r#""ll""#),
        (b"hello", b"l-", 3, r#"3,2"#, r#""""#),
        (b"hello", b"l-o", 3, r#"3,5"#, r#""llo""#),
        (b"hello", b"h?e", 1, r#"1,2"#, r#""he""#),
        (b"hello", b"x?h", 1, r#"1,1"#, r#""h""#),
        (b"abc", b"[a-c]-$", 1, r#"1,3"#, r#""abc""#),
        (b"abc", b"^[a-c]-$", 1, r#"1,3"#, r#""abc""#),
        (b"f(x)=y", b"%f[%w]%w+", 1, r#"1,1"#, r#""f""#),
        (b"THE", b"%f[%l]", 1, r#"nil"#, r#"nil"#),
        (b"aAa", b"%f[%u]", 1, r#"2,1"#, r#""""#),
        (b"abc", b"%f[^%z]", 1, r#"1,0"#, r#""""#),
        (b"", b"%f[%z]", 1, r#"nil"#, r#"nil"#),
        (b"", b"%f[^%z]", 1, r#"nil"#, r#"nil"#),
        (b"x\x00y", b"%f[%z]", 1, r#"2,1"#, r#""""#),
        (b"a", b"%w%", 1, r#"E:malformed pattern (ends with '%')"#, r#"E:malformed pattern (ends with '%')"#),
        (b"ab", b"a[b", 1, r#"E:malformed pattern (missing ']')"#, r#"E:malformed pattern (missing ']')"#),
        (b"ab", b"b[b", 1, r#"E:malformed pattern (missing ']')"#, r#"E:malformed pattern (missing ']')"#),
        (b"aaa", b"%1", 1, r#"E:invalid capture index %1"#, r#"E:invalid capture index %1"#),
        (b"hello", b"(h)(e)(l)(l)(o)%5%4", 1, r#"nil"#, r#"nil"#),
        (b"[[]]", b"%[%[(.-)%]%]", 1, r#"1,4,"""#, r#""""#),
        (b"a.b.c", b"(.-)%.(.*)", 1, r#"1,5,"a","b.c""#, r#""a","b.c""#),
        (b"x", b".-", 1, r#"1,0"#, r#""""#),
        (b"x", b".-$", 1, r#"1,1"#, r#""x""#),
        (b"xy", b"^(.-)y", 1, r#"1,2,"x""#, r#""x""#),
    ];

    const GMATCH_CASES: &[(&[u8], &[u8], i64, &str)] = &[
        (
            b"hello world from Lua",
            b"%a+",
            1,
            r#"("hello");("world");("from");("Lua")"#,
        ),
        (b"abc", b"%a*", 1, r#"("abc")"#),
        (b"abc", b"", 1, r#"("");("");("");("")"#),
        (b"abc", b"()", 1, r#"(1);(2);(3);(4)"#),
        (b"a,b,,c", b"([^,]*)", 1, r#"("a");("b");("");("c")"#),
        (
            b"key=val, k2=v2",
            b"(%w+)=(%w+)",
            1,
            r#"("key","val");("k2","v2")"#,
        ),
        (b"abc", b"b*", 1, r#"("");("b");("")"#),
        (b"^a^b", b"^.", 1, r#"("^a");("^b")"#),
        (b"hello", b"l", 4, r#"("l")"#),
        (b"hello", b".", -2, r#"("l");("o")"#),
        (b"hello", b".", 10, r#""#),
        (b"", b".*", 1, r#"("")"#),
        (b"", b"", 1, r#"("")"#),
        (b"aaa", b"a-", 1, r#"("");("");("");("")"#),
        (b"abc", b"(a", 1, r#"E:unfinished capture"#),
        (b"abc", b"[a", 1, r#"E:malformed pattern (missing ']')"#),
        (b"x(1)(2)", b"%b()", 1, r#"("(1)");("(2)")"#),
        (
            b"THE (quick) fox",
            b"%f[%a]%a+",
            1,
            r#"("THE");("quick");("fox")"#,
        ),
        (b"one two  three", b"%S+", 1, r#"("one");("two");("three")"#),
        (b"a1b2c3", b"%a(%d)", 1, r#"("1");("2");("3")"#),
        (b"aaa", b"()a()", 1, r#"(1,2);(2,3);(3,4)"#),
        (b"  x  y ", b"%s*", 1, r#"("  ");("  ");(" ")"#),
        (b"abc", b".-", 1, r#"("");("");("");("")"#),
        (b"abc", b"c$", 1, r#"("c")"#),
        (b"ab$", b"$", 1, r#"("")"#),
    ];

    const GSUB_CASES: &[GsubCase] = &[
        (b"hello world", b"o", b"0", 's', None, r#""hell0 w0rld",2"#),
        (
            b"hello world",
            b"(o)",
            b"[%1]",
            's',
            None,
            r#""hell[o] w[o]rld",2"#,
        ),
        (
            b"hello world",
            b"o",
            b"%0%0",
            's',
            None,
            r#""helloo woorld",2"#,
        ),
        (b"hello", b"", b"-", 's', None, r#""-h-e-l-l-o-",6"#),
        (b"abc", b"%w", b"%1%1", 's', None, r#""aabbcc",3"#),
        (
            b"abc",
            b"%w",
            b"%2",
            's',
            None,
            r#"E:invalid capture index %2"#,
        ),
        (
            b"abc",
            b"(%w)",
            b"%2",
            's',
            None,
            r#"E:invalid capture index %2"#,
        ),
        (
            b"abc",
            b"%w",
            b"%",
            's',
            None,
            r#"E:invalid use of '%' in replacement string"#,
        ),
        (
            b"abc",
            b"%w",
            b"%x",
            's',
            None,
            r#"E:invalid use of '%' in replacement string"#,
        ),
        (b"abc", b"%w", b"%%", 's', None, r#""%%%",3"#),
        (b"abc", b"()", b"%1", 's', None, r#""1a2b3c4",4"#),
        (b"abc", b"b()", b"[%1]", 's', None, r#""a[3]c",1"#),
        (b"abc", b"(b)()", b"[%2|%1]", 's', None, r#""a[3|b]c",1"#),
        (
            b"hello world",
            b"o",
            b"0",
            's',
            Some(1),
            r#""hell0 world",1"#,
        ),
        (
            b"hello world",
            b"o",
            b"0",
            's',
            Some(0),
            r#""hello world",0"#,
        ),
        (
            b"hello world",
            b"o",
            b"0",
            's',
            Some(-1),
            r#""hello world",0"#,
        ),
        (
            b"hello world",
            b"l",
            b"L",
            's',
            Some(2),
            r#""heLLo world",2"#,
        ),
        (b"hello world", b"^h", b"H", 's', None, r#""Hello world",1"#),
        (b"hello world", b"^o", b"O", 's', None, r#""hello world",0"#),
        (b"hello", b"^", b">", 's', None, r#"">hello",1"#),
        (b"hello", b"$", b"<", 's', None, r#""hello<",1"#),
        (b"abc", b"%a*", b"-", 's', None, r#""-",1"#),
        (b"abc", b"b*", b"-", 's', None, r#""-a-c-",3"#),
        (b"abc", b"", b"-", 's', None, r#""-a-b-c-",4"#),
        (b"", b"", b"-", 's', None, r#""-",1"#),
        (b"", b"x*", b"-", 's', None, r#""-",1"#),
        (
            b"a,b,,c",
            b"[^,]*",
            b"<%0>",
            's',
            None,
            r#""<a>,<b>,<>,<c>",4"#,
        ),
        (
            b"hello world",
            b"(%w+) (%w+)",
            b"%2 %1",
            's',
            None,
            r#""world hello",1"#,
        ),
        (b"abc", b"(a", b"x", 's', None, r#""xbc",1"#),
        (b"abc", b"(a", b"%1", 's', None, r#"E:unfinished capture"#),
        (b"abc", b"x(", b"y", 's', None, r#""abc",0"#),
        (
            b"abc",
            b"[",
            b"y",
            's',
            None,
            r#"E:malformed pattern (missing ']')"#,
        ),
        (b"$1.50", b"%$", b"USD ", 's', None, r#""USD 1.50",1"#),
        (b"a.b", b"%.", b"%%", 's', None, r#""a%b",1"#),
        (b"x", b"x", b"a%0b%0c", 's', None, r#""axbxc",1"#),
        (
            b"hello world",
            b"%w+",
            b"",
            'f',
            None,
            r#""HELLO1 WORLD1",2"#,
        ),
        (
            b"abc bcd cde",
            b"%w+",
            b"",
            'f',
            None,
            r#""abc bcd CDE1",3"#,
        ),
        (b"abc", b"()", b"", 'f', None, r#""10a20b30c40",4"#),
        (b"a1b2", b"(%a)(%d)", b"", 'f', None, r#""A2b2",2"#),
        (b"abc", b"x*", b"", 'f', None, r#""abc",4"#),
        (b"hello world", b"%w+", b"", 't', None, r#""HELLO WORLD",2"#),
        (b"abc bcd cde", b"%w+", b"", 't', None, r#""abc bcd CDE",3"#),
        (b"abc", b"()", b"", 't', None, r#""10a20b30c40",4"#),
        (b"a1b2", b"(%a)(%d)", b"", 't', None, r#""Ab2",2"#),
        (b"abc", b"x*", b"", 't', None, r#""abc",4"#),
        (b"abc", b"(a", b"", 'f', None, r#"E:unfinished capture"#),
        (b"abc", b"(a", b"", 't', None, r#"E:unfinished capture"#),
        (b"hello", b"l+", b"", 'f', Some(0), r#""hello",0"#),
        (b"abc", b"%w%w", b"%0", 's', None, r#""abc",1"#),
    ];
}
