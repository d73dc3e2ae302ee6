//! Lexer (source bytes -> tokens): a port of PUC Lua 5.4's `llex.c`.
//!
//! The lexer works on raw bytes and reproduces Lua's observable behaviour exactly: which byte
//! sequences form which tokens, how lines are counted (`\n`, `\r`, `\r\n` and `\n\r` are one line
//! break each), and the text of every lexical error message. Like `llex.c` it keeps a *token
//! buffer* holding the text of the last token read (for strings: the decoded contents with the
//! delimiters); that text is what error messages show after `near`.

use crate::{chunkid, SyntaxError};

/// Value of [`Lexer`]'s current character at the end of the input (Lua's `EOZ`).
const EOZ: i32 = -1;

/// A token. Single-byte symbols (`+`, `(`, `{`, ...) and stray bytes are [`Token::Char`];
/// everything else has its own variant.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// A single-byte token: an operator or punctuation character, or any other byte that does
    /// not start a longer token (Lua reports it as `'<\N>'` if it is not printable).
    Char(u8),
    /// `and`
    And,
    /// `break`
    Break,
    /// `do`
    Do,
    /// `else`
    Else,
    /// `elseif`
    Elseif,
    /// `end`
    End,
    /// `false`
    False,
    /// `for`
    For,
    /// `function`
    Function,
    /// `goto`
    Goto,
    /// `if`
    If,
    /// `in`
    In,
    /// `local`
    Local,
    /// `nil`
    Nil,
    /// `not`
    Not,
    /// `or`
    Or,
    /// `repeat`
    Repeat,
    /// `return`
    Return,
    /// `then`
    Then,
    /// `true`
    True,
    /// `until`
    Until,
    /// `while`
    While,
    /// `//`
    IDiv,
    /// `..`
    Concat,
    /// `...`
    Dots,
    /// `==`
    Eq,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `::`
    DbColon,
    /// End of input.
    Eos,
    /// A float numeral.
    Flt(f64),
    /// An integer numeral.
    Int(i64),
    /// A name (identifier).
    Name(String),
    /// A string literal (short or long), escapes decoded.
    Str(Vec<u8>),
}

impl Token {
    /// The token as Lua's `luaX_token2str` shows it in messages: `'+'`, `'<\1>'`, `'end'`,
    /// `<eof>`, and for names, strings and numerals the class (`<name>`, `<string>`, ...).
    pub fn to_display(&self) -> String {
        let fixed = |s: &str| format!("'{s}'");
        match self {
            Token::Char(c) => {
                if (0x20..0x7f).contains(c) {
                    format!("'{}'", *c as char)
                } else {
                    format!("'<\\{c}>'")
                }
            }
            Token::Eos => "<eof>".to_string(),
            Token::Flt(_) => "<number>".to_string(),
            Token::Int(_) => "<integer>".to_string(),
            Token::Name(_) => "<name>".to_string(),
            Token::Str(_) => "<string>".to_string(),
            other => fixed(other.fixed_text()),
        }
    }

    /// Source text of reserved words and multi-character symbols (empty for other tokens).
    fn fixed_text(&self) -> &'static str {
        match self {
            Token::And => "and",
            Token::Break => "break",
            Token::Do => "do",
            Token::Else => "else",
            Token::Elseif => "elseif",
            Token::End => "end",
            Token::False => "false",
            Token::For => "for",
            Token::Function => "function",
            Token::Goto => "goto",
            Token::If => "if",
            Token::In => "in",
            Token::Local => "local",
            Token::Nil => "nil",
            Token::Not => "not",
            Token::Or => "or",
            Token::Repeat => "repeat",
            Token::Return => "return",
            Token::Then => "then",
            Token::True => "true",
            Token::Until => "until",
            Token::While => "while",
            Token::IDiv => "//",
            Token::Concat => "..",
            Token::Dots => "...",
            Token::Eq => "==",
            Token::Ge => ">=",
            Token::Le => "<=",
            Token::Ne => "~=",
            Token::Shl => "<<",
            Token::Shr => ">>",
            Token::DbColon => "::",
            _ => "",
        }
    }

    /// True for tokens whose message text comes from the token buffer (names, strings, numerals).
    fn uses_buffer(&self) -> bool {
        matches!(
            self,
            Token::Name(_) | Token::Str(_) | Token::Int(_) | Token::Flt(_)
        )
    }
}

/// Reserved word for a name, if it is one.
fn reserved(name: &[u8]) -> Option<Token> {
    Some(match name {
        b"and" => Token::And,
        b"break" => Token::Break,
        b"do" => Token::Do,
        b"else" => Token::Else,
        b"elseif" => Token::Elseif,
        b"end" => Token::End,
        b"false" => Token::False,
        b"for" => Token::For,
        b"function" => Token::Function,
        b"goto" => Token::Goto,
        b"if" => Token::If,
        b"in" => Token::In,
        b"local" => Token::Local,
        b"nil" => Token::Nil,
        b"not" => Token::Not,
        b"or" => Token::Or,
        b"repeat" => Token::Repeat,
        b"return" => Token::Return,
        b"then" => Token::Then,
        b"true" => Token::True,
        b"until" => Token::Until,
        b"while" => Token::While,
        _ => return None,
    })
}

/// What a lexical error shows after `near` (the `token` argument of `llex.c`'s `lexerror`).
#[derive(Clone, Copy)]
enum Near {
    /// No `near` part.
    Nothing,
    /// `near <eof>`
    Eof,
    /// `near '<token buffer>'`
    Buffer,
}

fn lislalpha(c: i32) -> bool {
    c == b'_' as i32 || (c >= 0 && (c as u8).is_ascii_alphabetic())
}

fn lislalnum(c: i32) -> bool {
    c == b'_' as i32 || (c >= 0 && (c as u8).is_ascii_alphanumeric())
}

fn lisdigit(c: i32) -> bool {
    (b'0' as i32..=b'9' as i32).contains(&c)
}

fn lisxdigit(c: i32) -> bool {
    c >= 0 && (c as u8).is_ascii_hexdigit()
}

/// Lua's `lisspace`: C `isspace` in the "C" locale.
fn lisspace(c: i32) -> bool {
    matches!(c, 0x20 | 0x09..=0x0d)
}

fn is_newline(c: i32) -> bool {
    c == b'\n' as i32 || c == b'\r' as i32
}

fn hexavalue(c: i32) -> u32 {
    let c = c as u8;
    if c.is_ascii_digit() {
        (c - b'0') as u32
    } else {
        ((c | 0x20) - b'a') as u32 + 10
    }
}

/// The lexer state (Lua's `LexState` minus the parser parts).
pub struct Lexer<'a> {
    src: &'a [u8],
    /// Index of the current character (`ls->current` is `src[pos]`, or EOZ past the end).
    pos: usize,
    /// Current line (Lua's `ls->linenumber`): the line the lexer has reached, i.e. the line of
    /// the end of the last token read.
    pub linenumber: u32,
    /// The token buffer (`ls->buff`).
    buff: Vec<u8>,
    /// Formatted chunk name for messages.
    chunkid: String,
}

impl<'a> Lexer<'a> {
    /// A lexer over `src` for a chunk named `chunkname` (`"@file.lua"`, `"=stdin"`, ...),
    /// starting at line 1.
    pub fn new(src: &'a [u8], chunkname: &str) -> Lexer<'a> {
        Lexer {
            src,
            pos: 0,
            linenumber: 1,
            buff: Vec::new(),
            chunkid: chunkid(chunkname),
        }
    }

    /// Starts lexing at byte offset `pos` instead of 0 (used to skip a first-line comment).
    pub(crate) fn skip_to(&mut self, pos: usize) {
        self.pos = pos.min(self.src.len());
    }

    /// The chunk id used as the message prefix.
    pub fn chunkid(&self) -> &str {
        &self.chunkid
    }

    #[inline]
    fn cur(&self) -> i32 {
        match self.src.get(self.pos) {
            Some(&b) => b as i32,
            None => EOZ,
        }
    }

    #[inline]
    fn next(&mut self) {
        if self.pos < self.src.len() {
            self.pos += 1;
        }
    }

    #[inline]
    fn save(&mut self, c: i32) {
        self.buff.push(c as u8);
    }

    #[inline]
    fn save_and_next(&mut self) {
        let c = self.cur();
        self.save(c);
        self.next();
    }

    /// `luaZ_buffremove`
    fn buffremove(&mut self, n: usize) {
        let len = self.buff.len().saturating_sub(n);
        self.buff.truncate(len);
    }

    fn check_next1(&mut self, c: u8) -> bool {
        if self.cur() == c as i32 {
            self.next();
            true
        } else {
            false
        }
    }

    fn check_next2(&mut self, a: u8, b: u8) -> bool {
        let c = self.cur();
        if c == a as i32 || c == b as i32 {
            self.save_and_next();
            true
        } else {
            false
        }
    }

    /// Text of the token buffer as `txtToken` shows it: quoted, cut at the first NUL byte.
    pub(crate) fn buffer_text(&self) -> String {
        let end = self
            .buff
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(self.buff.len());
        format!("'{}'", String::from_utf8_lossy(&self.buff[..end]))
    }

    /// `txtToken`: how a token is shown after `near`.
    pub(crate) fn txt_token(&self, tok: &Token) -> String {
        if tok.uses_buffer() {
            self.buffer_text()
        } else {
            tok.to_display()
        }
    }

    /// An error at the current line: `chunkid:line: msg`.
    pub(crate) fn error_at_line(&self, msg: &str) -> SyntaxError {
        SyntaxError {
            message: format!("{}:{}: {}", self.chunkid, self.linenumber, msg),
        }
    }

    fn lexerror(&self, msg: &str, near: Near) -> SyntaxError {
        let mut err = self.error_at_line(msg);
        match near {
            Near::Nothing => {}
            Near::Eof => err.message.push_str(" near <eof>"),
            Near::Buffer => {
                err.message.push_str(" near ");
                err.message.push_str(&self.buffer_text());
            }
        }
        err
    }

    /// Skips a line break (`\n`, `\r`, `\n\r` or `\r\n`) and counts the line.
    fn inclinenumber(&mut self) -> Result<(), SyntaxError> {
        let old = self.cur();
        self.next();
        let c = self.cur();
        if is_newline(c) && c != old {
            self.next();
        }
        self.linenumber = self.linenumber.saturating_add(1);
        if self.linenumber >= i32::MAX as u32 {
            return Err(self.lexerror("chunk has too many lines", Near::Nothing));
        }
        Ok(())
    }

    /// Reads the next token (Lua's `llex`). After it, [`Lexer::linenumber`] is the line where
    /// the token ends.
    pub fn next_token(&mut self) -> Result<Token, SyntaxError> {
        self.buff.clear();
        loop {
            let c = self.cur();
            match c {
                EOZ => return Ok(Token::Eos),
                0x0a | 0x0d => self.inclinenumber()?,
                0x20 | 0x0c | 0x09 | 0x0b => self.next(),
                0x2d => {
                    // '-' or '--' (comment)
                    self.next();
                    if self.cur() != b'-' as i32 {
                        return Ok(Token::Char(b'-'));
                    }
                    self.next();
                    if self.cur() == b'[' as i32 {
                        let sep = self.skip_sep();
                        self.buff.clear();
                        if sep >= 2 {
                            self.read_long_string(false, sep)?;
                            self.buff.clear();
                            continue;
                        }
                    }
                    // short comment: skip until end of line (or end of file)
                    let rest = &self.src[self.pos..];
                    let n = rest
                        .iter()
                        .position(|&b| b == b'\n' || b == b'\r')
                        .unwrap_or(rest.len());
                    self.pos += n;
                }
                0x5b => {
                    // '[': long string or simply '['
                    let sep = self.skip_sep();
                    if sep >= 2 {
                        return self.read_long_string(true, sep);
                    } else if sep == 0 {
                        return Err(self.lexerror("invalid long string delimiter", Near::Buffer));
                    }
                    return Ok(Token::Char(b'['));
                }
                0x3d => {
                    self.next();
                    return Ok(if self.check_next1(b'=') {
                        Token::Eq
                    } else {
                        Token::Char(b'=')
                    });
                }
                0x3c => {
                    self.next();
                    return Ok(if self.check_next1(b'=') {
                        Token::Le
                    } else if self.check_next1(b'<') {
                        Token::Shl
                    } else {
                        Token::Char(b'<')
                    });
                }
                0x3e => {
                    self.next();
                    return Ok(if self.check_next1(b'=') {
                        Token::Ge
                    } else if self.check_next1(b'>') {
                        Token::Shr
                    } else {
                        Token::Char(b'>')
                    });
                }
                0x2f => {
                    self.next();
                    return Ok(if self.check_next1(b'/') {
                        Token::IDiv
                    } else {
                        Token::Char(b'/')
                    });
                }
                0x7e => {
                    self.next();
                    return Ok(if self.check_next1(b'=') {
                        Token::Ne
                    } else {
                        Token::Char(b'~')
                    });
                }
                0x3a => {
                    self.next();
                    return Ok(if self.check_next1(b':') {
                        Token::DbColon
                    } else {
                        Token::Char(b':')
                    });
                }
                0x22 | 0x27 => return self.read_string(c),
                0x2e => {
                    // '.', '..', '...', or number
                    self.save_and_next();
                    if self.check_next1(b'.') {
                        if self.check_next1(b'.') {
                            return Ok(Token::Dots);
                        }
                        return Ok(Token::Concat);
                    } else if !lisdigit(self.cur()) {
                        return Ok(Token::Char(b'.'));
                    }
                    return self.read_numeral();
                }
                0x30..=0x39 => return self.read_numeral(),
                _ => {
                    if lislalpha(c) {
                        // identifier or reserved word
                        let start = self.pos;
                        let rest = &self.src[start..];
                        let n = rest
                            .iter()
                            .position(|&b| !lislalnum(b as i32))
                            .unwrap_or(rest.len());
                        self.pos += n;
                        let word = &self.src[start..start + n];
                        self.buff.extend_from_slice(word);
                        if let Some(tok) = reserved(word) {
                            return Ok(tok);
                        }
                        return Ok(Token::Name(String::from_utf8_lossy(word).into_owned()));
                    }
                    // single-char tokens ('+', '*', '%', '{', '}', ...)
                    self.next();
                    return Ok(Token::Char(c as u8));
                }
            }
        }
    }

    /// Reads a sequence `[=*[` or `]=*]`, leaving the last bracket unread. Returns the number of
    /// `=` plus 2 if well formed, 1 for a single bracket, 0 for a malformed `[==` sequence.
    fn skip_sep(&mut self) -> usize {
        let mut count = 0usize;
        let s = self.cur();
        self.save_and_next();
        while self.cur() == b'=' as i32 {
            self.save_and_next();
            count += 1;
        }
        if self.cur() == s {
            count + 2
        } else if count == 0 {
            1
        } else {
            0
        }
    }

    /// Reads a long string (`string` true) or long comment whose opening bracket has level
    /// `sep` (the current character is its second `[`).
    fn read_long_string(&mut self, string: bool, sep: usize) -> Result<Token, SyntaxError> {
        let line = self.linenumber;
        self.save_and_next(); // skip 2nd '['
        if is_newline(self.cur()) {
            self.inclinenumber()?; // string starts with a newline: skip it
        }
        loop {
            let c = self.cur();
            match c {
                EOZ => {
                    let what = if string { "string" } else { "comment" };
                    let msg = format!("unfinished long {what} (starting at line {line})");
                    return Err(self.lexerror(&msg, Near::Eof));
                }
                0x5d => {
                    if self.skip_sep() == sep {
                        self.save_and_next(); // skip 2nd ']'
                        break;
                    }
                }
                0x0a | 0x0d => {
                    self.save(b'\n' as i32);
                    self.inclinenumber()?;
                    if !string {
                        self.buff.clear();
                    }
                }
                _ => {
                    if string {
                        // copy a run of ordinary bytes at once
                        let rest = &self.src[self.pos..];
                        let n = rest
                            .iter()
                            .position(|&b| b == b']' || b == b'\n' || b == b'\r')
                            .unwrap_or(rest.len());
                        self.buff.extend_from_slice(&rest[..n]);
                        self.pos += n;
                    } else {
                        self.next();
                    }
                }
            }
        }
        if string {
            let len = self.buff.len();
            let contents = self.buff.get(sep..len.saturating_sub(sep)).unwrap_or(&[]);
            Ok(Token::Str(contents.to_vec()))
        } else {
            Ok(Token::Eos)
        }
    }

    /// `esccheck`: on failure, adds the current character to the buffer and raises `msg`.
    fn esccheck(&mut self, ok: bool, msg: &str) -> Result<(), SyntaxError> {
        if !ok {
            if self.cur() != EOZ {
                self.save_and_next(); // add current to buffer for error message
            }
            return Err(self.lexerror(msg, Near::Buffer));
        }
        Ok(())
    }

    fn gethexa(&mut self) -> Result<u32, SyntaxError> {
        self.save_and_next();
        let c = self.cur();
        self.esccheck(lisxdigit(c), "hexadecimal digit expected")?;
        Ok(hexavalue(c))
    }

    fn readhexaesc(&mut self) -> Result<i32, SyntaxError> {
        let mut r = self.gethexa()?;
        r = (r << 4) + self.gethexa()?;
        self.buffremove(2); // remove saved chars from buffer
        Ok(r as i32)
    }

    fn readutf8esc(&mut self) -> Result<u32, SyntaxError> {
        let mut i = 4; // chars to be removed: '\', 'u', '{', and first digit
        self.save_and_next(); // skip 'u'
        self.esccheck(self.cur() == b'{' as i32, "missing '{'")?;
        let mut r = self.gethexa()?; // must have at least one digit
        loop {
            self.save_and_next();
            let c = self.cur();
            if !lisxdigit(c) {
                break;
            }
            i += 1;
            self.esccheck(r <= (0x7FFF_FFFFu32 >> 4), "UTF-8 value too large")?;
            r = (r << 4) + hexavalue(c);
        }
        self.esccheck(self.cur() == b'}' as i32, "missing '}'")?;
        self.next(); // skip '}'
        self.buffremove(i);
        Ok(r)
    }

    fn utf8esc(&mut self) -> Result<(), SyntaxError> {
        let x = self.readutf8esc()?;
        let mut buf = [0u8; 8];
        let n = utf8esc(&mut buf, x);
        self.buff.extend_from_slice(&buf[8 - n..]);
        Ok(())
    }

    fn readdecesc(&mut self) -> Result<i32, SyntaxError> {
        let mut r: i32 = 0;
        let mut i = 0;
        while i < 3 && lisdigit(self.cur()) {
            r = 10 * r + self.cur() - b'0' as i32;
            self.save_and_next();
            i += 1;
        }
        self.esccheck(r <= 255, "decimal escape too large")?;
        self.buffremove(i);
        Ok(r)
    }

    /// Reads a short string delimited by `del` (the current character).
    fn read_string(&mut self, del: i32) -> Result<Token, SyntaxError> {
        self.save_and_next(); // keep delimiters (for error messages)
        loop {
            let c = self.cur();
            if c == del {
                break;
            }
            match c {
                EOZ => return Err(self.lexerror("unfinished string", Near::Eof)),
                0x0a | 0x0d => return Err(self.lexerror("unfinished string", Near::Buffer)),
                0x5c => {
                    // escape sequences
                    self.save_and_next(); // keep '\\' for error messages
                    let e = self.cur();
                    let (c, read) = match e {
                        EOZ => continue, // will raise an error next loop
                        0x61 => (0x07, true),
                        0x62 => (0x08, true),
                        0x66 => (0x0c, true),
                        0x6e => (0x0a, true),
                        0x72 => (0x0d, true),
                        0x74 => (0x09, true),
                        0x76 => (0x0b, true),
                        0x78 => (self.readhexaesc()?, true),
                        0x75 => {
                            self.utf8esc()?;
                            continue;
                        }
                        0x0a | 0x0d => {
                            self.inclinenumber()?;
                            (b'\n' as i32, false)
                        }
                        0x5c | 0x22 | 0x27 => (e, true),
                        0x7a => {
                            // 'z': zap following span of spaces
                            self.buffremove(1); // remove '\\'
                            self.next(); // skip the 'z'
                            while lisspace(self.cur()) {
                                if is_newline(self.cur()) {
                                    self.inclinenumber()?;
                                } else {
                                    self.next();
                                }
                            }
                            continue;
                        }
                        _ => {
                            self.esccheck(lisdigit(e), "invalid escape sequence")?;
                            (self.readdecesc()?, false) // digital escape '\ddd'
                        }
                    };
                    if read {
                        self.next();
                    }
                    self.buffremove(1); // remove '\\'
                    self.save(c);
                }
                _ => {
                    // copy a run of ordinary bytes at once
                    let rest = &self.src[self.pos..];
                    let n = rest
                        .iter()
                        .position(|&b| b as i32 == del || b == b'\\' || b == b'\n' || b == b'\r')
                        .unwrap_or(rest.len());
                    self.buff.extend_from_slice(&rest[..n]);
                    self.pos += n;
                }
            }
        }
        self.save_and_next(); // skip delimiter
        let len = self.buff.len();
        let contents = self.buff.get(1..len.saturating_sub(1)).unwrap_or(&[]);
        Ok(Token::Str(contents.to_vec()))
    }

    /// Reads a numeral (the current character is a digit; the buffer may already hold a '.').
    fn read_numeral(&mut self) -> Result<Token, SyntaxError> {
        let first = self.cur();
        let mut expo = (b'E', b'e');
        self.save_and_next();
        if first == b'0' as i32 && self.check_next2(b'x', b'X') {
            expo = (b'P', b'p'); // hexadecimal
        }
        loop {
            if self.check_next2(expo.0, expo.1) {
                self.check_next2(b'-', b'+'); // optional exponent sign
            } else if lisxdigit(self.cur()) || self.cur() == b'.' as i32 {
                self.save_and_next();
            } else {
                break;
            }
        }
        if lislalpha(self.cur()) {
            self.save_and_next(); // numeral touching a letter: force an error
        }
        match str2number(&self.buff) {
            Some(tok) => Ok(tok),
            None => Err(self.lexerror("malformed number", Near::Buffer)),
        }
    }
}

/// `luaO_utf8esc`: writes `x` (at most 0x7FFFFFFF) backwards into the end of `buff` using Lua's
/// extended UTF-8 (up to 6 bytes); returns the number of bytes written.
fn utf8esc(buff: &mut [u8; 8], mut x: u32) -> usize {
    let mut n = 1;
    if x < 0x80 {
        buff[7] = x as u8;
    } else {
        let mut mfb: u32 = 0x3f; // maximum that fits in first byte
        loop {
            buff[8 - n] = (0x80 | (x & 0x3f)) as u8;
            n += 1;
            x >>= 6;
            mfb >>= 1;
            if x <= mfb {
                break;
            }
        }
        buff[8 - n] = ((!mfb << 1) | x) as u8;
    }
    n
}

/// Converts a numeral as `luaO_str2num` does (no sign or surrounding spaces can occur here):
/// an integer if it is a decimal integer that fits or a hexadecimal integer (which wraps
/// around), else a float, else `None`.
pub fn str2number(s: &[u8]) -> Option<Token> {
    if let Some(i) = str2int(s) {
        return Some(Token::Int(i));
    }
    str2float(s).map(Token::Flt)
}

/// `l_str2int` without sign and spaces.
fn str2int(s: &[u8]) -> Option<i64> {
    if s.len() >= 2 && s[0] == b'0' && (s[1] == b'x' || s[1] == b'X') {
        let digits = &s[2..];
        if digits.is_empty() || !digits.iter().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut a: u64 = 0;
        for &b in digits {
            a = a.wrapping_mul(16).wrapping_add(hexavalue(b as i32) as u64);
        }
        Some(a as i64)
    } else {
        if s.is_empty() || !s.iter().all(|b| b.is_ascii_digit()) {
            return None;
        }
        const MAXBY10: u64 = (i64::MAX / 10) as u64;
        const MAXLASTD: u64 = (i64::MAX % 10) as u64;
        let mut a: u64 = 0;
        for &b in s {
            let d = (b - b'0') as u64;
            if a >= MAXBY10 && (a > MAXBY10 || d > MAXLASTD) {
                return None; // overflow: not accepted as an integer
            }
            a = a * 10 + d;
        }
        Some(a as i64)
    }
}

/// `l_str2d`: the whole string must be a C `strtod` numeral (decimal or hexadecimal).
fn str2float(s: &[u8]) -> Option<f64> {
    match s.iter().find(|&&b| b".xXnN".contains(&b)) {
        Some(b'n') | Some(b'N') => None, // reject 'inf' and 'nan'
        Some(b'x') | Some(b'X') => hex_float(s),
        _ => dec_float(s),
    }
}

/// A decimal `strtod` numeral: `digits [. digits] [(e|E) [+-] digits]` with at least one
/// mantissa digit, converted with correct rounding.
fn dec_float(s: &[u8]) -> Option<f64> {
    let mut i = 0;
    let mut digits = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        i += 1;
        if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i != s.len() {
        return None;
    }
    std::str::from_utf8(s).ok()?.parse::<f64>().ok()
}

/// A hexadecimal `strtod` numeral: `0x hexdigits [. hexdigits] [(p|P) [+-] digits]` with at
/// least one hex digit, correctly rounded (round to nearest, ties to even).
fn hex_float(s: &[u8]) -> Option<f64> {
    if s.len() < 2 || s[0] != b'0' || (s[1] != b'x' && s[1] != b'X') {
        return None;
    }
    let mut i = 2;
    let mut mant: u64 = 0;
    let mut exp: i64 = 0; // value = mant * 2^exp (+ sticky bits)
    let mut sticky = false;
    let mut any = false;
    let mut dot = false;
    while i < s.len() {
        let b = s[i];
        if b == b'.' {
            if dot {
                break;
            }
            dot = true;
        } else if b.is_ascii_hexdigit() {
            any = true;
            let d = hexavalue(b as i32) as u64;
            if mant >> 60 == 0 {
                mant = mant * 16 + d;
                if dot {
                    exp -= 4;
                }
            } else {
                if d != 0 {
                    sticky = true;
                }
                if !dot {
                    exp += 4;
                }
            }
        } else {
            break;
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if i < s.len() && (s[i] == b'p' || s[i] == b'P') {
        i += 1;
        let mut neg = false;
        if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
            neg = s[i] == b'-';
            i += 1;
        }
        let start = i;
        let mut e: i64 = 0;
        while i < s.len() && s[i].is_ascii_digit() {
            e = (e * 10 + (s[i] - b'0') as i64).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp += if neg { -e } else { e };
    }
    if i != s.len() {
        return None;
    }
    Some(make_float(mant, exp, sticky))
}

/// Rounds `mant * 2^exp` (plus a nonzero amount below the last bit of `mant` if `sticky`) to
/// the nearest double, ties to even.
fn make_float(mant: u64, exp: i64, sticky: bool) -> f64 {
    if mant == 0 {
        return 0.0;
    }
    let lz = mant.leading_zeros() as i64;
    let mant = mant << lz;
    let exp = exp - lz;
    // value = 1.xxx * 2^e
    let e = exp + 63;
    if e > 1023 {
        return f64::INFINITY;
    }
    let keep: i64 = if e >= -1022 { 53 } else { 53 - (-1022 - e) };
    if keep < 0 {
        return 0.0;
    }
    let (kept, rem, half) = if keep == 0 {
        (0u64, mant, 1u64 << 63)
    } else {
        let drop = 64 - keep as u32;
        (
            mant >> drop,
            mant & ((1u64 << drop) - 1),
            1u64 << (drop - 1),
        )
    };
    let mut kept = kept;
    if rem > half || (rem == half && (sticky || kept & 1 == 1)) {
        kept += 1;
    }
    if e >= -1022 {
        // normal: kept in [2^52, 2^53]; value = kept * 2^(e - 52)
        let k = e - 52;
        kept as f64 * pow2(k)
    } else {
        // subnormal: value = kept * 2^-1074 (kept may round up into the normal range)
        f64::from_bits(kept)
    }
}

/// `2^k` exactly, for `k` in `[-1074, 1023]`.
fn pow2(k: i64) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Token> {
        let mut lx = Lexer::new(src.as_bytes(), "=t");
        let mut v = Vec::new();
        loop {
            let t = lx.next_token().unwrap();
            if t == Token::Eos {
                return v;
            }
            v.push(t);
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(toks("3"), vec![Token::Int(3)]);
        assert_eq!(toks("0x10"), vec![Token::Int(16)]);
        assert_eq!(toks("0xffffffffffffffff"), vec![Token::Int(-1)]);
        assert_eq!(toks("0x1p4"), vec![Token::Flt(16.0)]);
        assert_eq!(toks("0x.8"), vec![Token::Flt(0.5)]);
        assert_eq!(toks("0xA.8p1"), vec![Token::Flt(21.0)]);
        assert_eq!(toks("9223372036854775807"), vec![Token::Int(i64::MAX)]);
        assert_eq!(
            toks("9223372036854775808"),
            vec![Token::Flt(9223372036854775808.0)]
        );
        assert_eq!(
            toks("1e2 .5 3."),
            vec![Token::Flt(100.0), Token::Flt(0.5), Token::Flt(3.0)]
        );
        assert_eq!(toks("0x1p-1074"), vec![Token::Flt(f64::from_bits(1))]);
        assert_eq!(toks("0x1p-1075"), vec![Token::Flt(0.0)]);
        assert_eq!(toks("0x1.8p-1075"), vec![Token::Flt(f64::from_bits(1))]);
        assert_eq!(toks("0x1p1024"), vec![Token::Flt(f64::INFINITY)]);
        assert_eq!(
            toks("0x1.fffffffffffff8p0"),
            vec![Token::Flt(2.0)] // tie rounds to even
        );
        assert_eq!(
            toks("0x1.fffffffffffff7ffp0"),
            vec![Token::Flt(f64::from_bits(0x3FFF_FFFF_FFFF_FFFF))]
        );
    }

    #[test]
    fn strings() {
        assert_eq!(
            toks(r#""a\tb\65\x41\u{48}\z   c""#),
            vec![Token::Str(b"a\tbAAHc".to_vec())]
        );
        assert_eq!(toks("[==[\nx]]y]==]"), vec![Token::Str(b"x]]y".to_vec())]);
        assert_eq!(
            toks(r#""\u{7FFFFFFF}""#),
            vec![Token::Str(vec![0xFD, 0xBF, 0xBF, 0xBF, 0xBF, 0xBF])]
        );
    }
}
