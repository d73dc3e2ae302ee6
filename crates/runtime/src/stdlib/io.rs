//! `io` library (liolib.c of Lua 5.4.4).
//!
//! A Lua file is a full userdata whose payload is an [`LStream`] and whose metatable is the
//! registry's `"FILE*"` table (`__index` = the methods, `__gc`, `__close`, `__tostring`,
//! `__name`). Regular files and pipes are buffered here ([`FileBuf`], C stdio semantics:
//! one buffer for reading and writing, `setvbuf` modes); `io.stdout` writes through the
//! buffer that `print` uses, and `io.stdin` reads through Rust's shared standard-input buffer
//! (the one `loadfile()` and the interactive prompt use), so mixed use stays in order.
//!
//! Error results follow `luaL_fileresult`: `nil, "name: strerror(errno)", errno`.
use std::cell::{Cell, RefCell};
use std::fs::File;
use std::io::{self, BufRead, IsTerminal, Read, Seek, SeekFrom, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::rc::{Rc, Weak};

use crate::gc::GcRef;
use crate::number::{self, Number};
use crate::state::{LResult, State};
use crate::table::Table;
use crate::value::{UserData, Value};

/// Registry key of the file metatable (`LUA_FILEHANDLE`).
const FILEHANDLE: &[u8] = b"FILE*";
/// Registry key of the default input file.
const IO_INPUT: &[u8] = b"_IO_input";
/// Registry key of the default output file.
const IO_OUTPUT: &[u8] = b"_IO_output";
/// Buffer size of files and pipes (glibc uses the file system block size).
const BUFSIZE: usize = 4096;
/// Maximum length of a numeral read by `read("n")` (`L_MAXLENNUM`).
const MAXLENNUM: usize = 200;
/// Maximum number of formats given to `lines` (`MAXARGLINE`).
const MAXARGLINE: usize = 250;
/// `EBADF`.
const EBADF: i32 = 9;

// -- buffered files -------------------------------------------------------------------------

/// Buffering mode (`setvbuf`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BufMode {
    /// `_IONBF`
    No,
    /// `_IOFBF`
    Full,
    /// `_IOLBF`
    Line,
}

/// A file or pipe with one C-stdio-like buffer: at any time it holds either read-ahead data
/// (`rbuf[rpos..]`) or pending output (`wbuf`), never both.
pub struct FileBuf {
    file: File,
    rbuf: Vec<u8>,
    rpos: usize,
    wbuf: Vec<u8>,
    mode: BufMode,
    can_read: bool,
    can_write: bool,
}

fn ebadf() -> io::Error {
    io::Error::from_raw_os_error(EBADF)
}

impl FileBuf {
    fn new(file: File, can_read: bool, can_write: bool) -> FileBuf {
        FileBuf {
            file,
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
            mode: BufMode::Full,
            can_read,
            can_write,
        }
    }

    /// Writes out pending output.
    fn flush_out(&mut self) -> io::Result<()> {
        if self.wbuf.is_empty() {
            return Ok(());
        }
        let r = self.file.write_all(&self.wbuf);
        self.wbuf.clear();
        r
    }

    /// Gives back read-ahead data to the file (before writing).
    fn drop_readahead(&mut self) {
        let n = self.rbuf.len() - self.rpos;
        if n > 0 {
            let _ = self.file.seek(SeekFrom::Current(-(n as i64)));
        }
        self.rbuf.clear();
        self.rpos = 0;
    }

    fn write_bytes(&mut self, data: &[u8]) -> io::Result<()> {
        if !self.can_write {
            return Err(ebadf());
        }
        self.drop_readahead();
        match self.mode {
            BufMode::No => {
                self.flush_out()?;
                self.file.write_all(data)
            }
            BufMode::Full => {
                if self.wbuf.len() + data.len() > BUFSIZE {
                    self.flush_out()?;
                    if data.len() >= BUFSIZE {
                        return self.file.write_all(data);
                    }
                }
                self.wbuf.extend_from_slice(data);
                Ok(())
            }
            BufMode::Line => {
                self.wbuf.extend_from_slice(data);
                if data.contains(&b'\n') || self.wbuf.len() >= BUFSIZE {
                    self.flush_out()
                } else {
                    Ok(())
                }
            }
        }
    }

    fn seek_to(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.flush_out()?;
        let unread = (self.rbuf.len() - self.rpos) as i64;
        let pos = match pos {
            SeekFrom::Current(off) => SeekFrom::Current(off.saturating_sub(unread)),
            p => p,
        };
        let r = self.file.seek(pos)?;
        self.rbuf.clear();
        self.rpos = 0;
        Ok(r)
    }
}

impl Read for FileBuf {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for FileBuf {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.rpos >= self.rbuf.len() {
            if !self.can_read {
                return Err(ebadf());
            }
            self.flush_out()?;
            // unbuffered streams read one byte at a time (so children see the rest)
            let cap = if self.mode == BufMode::No { 1 } else { BUFSIZE };
            self.rbuf.resize(cap, 0);
            self.rpos = 0;
            match self.file.read(&mut self.rbuf) {
                Ok(n) => self.rbuf.truncate(n),
                Err(e) => {
                    self.rbuf.clear();
                    return Err(e);
                }
            }
        }
        Ok(&self.rbuf[self.rpos..])
    }

    fn consume(&mut self, n: usize) {
        self.rpos = (self.rpos + n).min(self.rbuf.len());
    }
}

impl Drop for FileBuf {
    fn drop(&mut self) {
        let _ = self.flush_out();
    }
}

thread_local! {
    /// Every file and pipe opened by the `io` library, for [`flush_all`] (C's `exit`
    /// flushes all streams).
    static OPEN_FILES: RefCell<Vec<Weak<RefCell<FileBuf>>>> = const { RefCell::new(Vec::new()) };
    /// Buffering mode requested for `io.stdout` (`setvbuf`).
    static STDOUT_MODE: Cell<BufMode> = const { Cell::new(BufMode::Full) };
    /// Whether standard output is a terminal (then reading stdin flushes it, as glibc does).
    static STDOUT_TTY: Cell<Option<bool>> = const { Cell::new(None) };
}

fn track(f: &Rc<RefCell<FileBuf>>) {
    OPEN_FILES.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|w| w.strong_count() > 0);
        l.push(Rc::downgrade(f));
    });
}

/// Flushes standard output and every open file and pipe (what C's `exit` does). Used by
/// `os.exit`.
pub fn flush_all() {
    super::base::flush_stdout();
    let files: Vec<_> = OPEN_FILES.with(|l| l.borrow().iter().filter_map(Weak::upgrade).collect());
    for f in files {
        if let Ok(mut b) = f.try_borrow_mut() {
            let _ = b.flush_out();
        }
    }
}

fn stdout_is_tty() -> bool {
    STDOUT_TTY.with(|c| match c.get() {
        Some(b) => b,
        None => {
            let b = io::stdout().is_terminal();
            c.set(Some(b));
            b
        }
    })
}

// -- streams ----------------------------------------------------------------------------------

enum Stream {
    Stdin,
    Stdout,
    Stderr,
    File(Rc<RefCell<FileBuf>>),
    Pipe(Rc<RefCell<FileBuf>>, Child),
}

/// Payload of a Lua file handle (`luaL_Stream`): the stream, or `None` once closed.
pub struct LStream {
    stream: Option<Stream>,
}

fn is_file(u: GcRef<UserData>) -> bool {
    u.data
        .try_borrow()
        .map(|d| d.is::<LStream>())
        .unwrap_or(false)
}

fn is_closed(u: GcRef<UserData>) -> bool {
    u.data
        .try_borrow()
        .ok()
        .and_then(|d| d.downcast_ref::<LStream>().map(|s| s.stream.is_none()))
        .unwrap_or(true)
}

/// Runs `f` on the stream of `u` (EBADF if it is closed or busy).
fn with_stream<T>(
    u: GcRef<UserData>,
    f: impl FnOnce(&mut Stream) -> io::Result<T>,
) -> io::Result<T> {
    let mut d = u.data.try_borrow_mut().map_err(|_| ebadf())?;
    let ls = d.downcast_mut::<LStream>().ok_or_else(ebadf)?;
    match ls.stream.as_mut() {
        Some(s) => f(s),
        None => Err(ebadf()),
    }
}

/// Runs `f` on a reader for the stream of `u`.
fn with_reader<T>(
    u: GcRef<UserData>,
    f: impl FnOnce(&mut dyn BufRead) -> io::Result<T>,
) -> io::Result<T> {
    with_stream(u, |s| match s {
        Stream::Stdin => {
            if stdout_is_tty() {
                super::base::flush_stdout();
            }
            let stdin = io::stdin();
            let mut lock = stdin.lock();
            f(&mut lock)
        }
        Stream::File(b) | Stream::Pipe(b, _) => {
            let mut b = b.try_borrow_mut().map_err(|_| ebadf())?;
            f(&mut *b)
        }
        Stream::Stdout | Stream::Stderr => Err(ebadf()),
    })
}

fn write_to(u: GcRef<UserData>, data: &[u8]) -> io::Result<()> {
    with_stream(u, |s| match s {
        Stream::Stdout => {
            super::base::write_stdout(data)?;
            match STDOUT_MODE.with(Cell::get) {
                BufMode::No => super::base::flush_stdout(),
                BufMode::Line if data.contains(&b'\n') => super::base::flush_stdout(),
                _ => {}
            }
            Ok(())
        }
        Stream::Stderr => io::stderr().write_all(data),
        Stream::Stdin => Err(ebadf()),
        Stream::File(b) | Stream::Pipe(b, _) => {
            b.try_borrow_mut().map_err(|_| ebadf())?.write_bytes(data)
        }
    })
}

fn flush_stream(u: GcRef<UserData>) -> io::Result<()> {
    with_stream(u, |s| match s {
        Stream::Stdout => {
            super::base::flush_stdout();
            Ok(())
        }
        Stream::Stderr | Stream::Stdin => Ok(()),
        Stream::File(b) | Stream::Pipe(b, _) => {
            b.try_borrow_mut().map_err(|_| ebadf())?.flush_out()
        }
    })
}

fn fd_seek(fd: BorrowedFd<'_>, pos: SeekFrom) -> io::Result<u64> {
    let mut f = File::from(fd.try_clone_to_owned()?);
    f.seek(pos)
}

fn seek_stream(u: GcRef<UserData>, pos: SeekFrom) -> io::Result<u64> {
    with_stream(u, |s| match s {
        Stream::Stdin => fd_seek(io::stdin().as_fd(), pos),
        Stream::Stdout => {
            super::base::flush_stdout();
            fd_seek(io::stdout().as_fd(), pos)
        }
        Stream::Stderr => fd_seek(io::stderr().as_fd(), pos),
        Stream::File(b) | Stream::Pipe(b, _) => {
            b.try_borrow_mut().map_err(|_| ebadf())?.seek_to(pos)
        }
    })
}

fn setvbuf_stream(u: GcRef<UserData>, mode: BufMode) -> io::Result<()> {
    with_stream(u, |s| match s {
        Stream::Stdout => {
            super::base::flush_stdout();
            STDOUT_MODE.with(|m| m.set(mode));
            Ok(())
        }
        Stream::Stdin | Stream::Stderr => Ok(()),
        Stream::File(b) | Stream::Pipe(b, _) => {
            let mut b = b.try_borrow_mut().map_err(|_| ebadf())?;
            b.flush_out()?;
            b.mode = mode;
            Ok(())
        }
    })
}

// -- results ----------------------------------------------------------------------------------

/// `strerror(code)`.
pub(crate) fn strerror(code: i32) -> String {
    let s = io::Error::from_raw_os_error(code).to_string();
    match s.rfind(" (os error ") {
        Some(p) => s[..p].to_string(),
        None => s,
    }
}

/// `(message, errno)` of an I/O error.
pub(crate) fn error_parts(e: &io::Error) -> (String, i64) {
    match e.raw_os_error() {
        Some(code) => (strerror(code), code as i64),
        None => {
            // errors made by the Rust library (e.g. "nul byte found"): EINVAL
            (strerror(22), 22)
        }
    }
}

/// `luaL_fileresult(L, 0, fname)`: pushes `nil, "[fname: ]message", errno`.
pub(crate) fn push_file_error(st: &mut State, e: &io::Error, fname: Option<&[u8]>) -> usize {
    let (msg, code) = error_parts(e);
    let mut text = Vec::new();
    if let Some(f) = fname {
        text.extend_from_slice(f);
        text.extend_from_slice(b": ");
    }
    text.extend_from_slice(msg.as_bytes());
    st.push(Value::Nil);
    let v = st.str_value_owned(text);
    st.push(v);
    st.push(Value::Int(code));
    3
}

/// `luaL_fileresult` for a result.
pub(crate) fn file_result(st: &mut State, r: io::Result<()>, fname: Option<&[u8]>) -> usize {
    match r {
        Ok(()) => st.ret1(Value::Bool(true)),
        Err(e) => push_file_error(st, &e, fname),
    }
}

/// `luaL_execresult` for a finished process: `true|nil, "exit"|"signal", code`.
pub(crate) fn exec_result(st: &mut State, r: io::Result<ExitStatus>) -> usize {
    match r {
        Err(e) => push_file_error(st, &e, None),
        Ok(status) => {
            let (what, code) = match (status.code(), status.signal()) {
                (Some(c), _) => ("exit", c as i64),
                (None, Some(s)) => ("signal", s as i64),
                (None, None) => ("exit", 0),
            };
            st.push(if what == "exit" && code == 0 {
                Value::Bool(true)
            } else {
                Value::Nil
            });
            let w = st.str_value(what.as_bytes());
            st.push(w);
            st.push(Value::Int(code));
            3
        }
    }
}

/// The part of `b` before its first NUL (what a C function sees of a Lua string).
pub(crate) fn cstr(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(p) => &b[..p],
        None => b,
    }
}

/// A shell command like `system`/`popen` run it: `sh -c cmd`.
///
/// Standard output is flushed first: PUC Lua's `print` flushes after every call, while
/// Lunar's keeps a buffer, so without this a child's output would come before earlier
/// `print` output.
pub(crate) fn shell(cmd: &[u8]) -> Command {
    super::base::flush_stdout();
    let mut c = Command::new("/bin/sh");
    c.arg0("sh")
        .arg("-c")
        .arg(std::ffi::OsStr::from_bytes(cstr(cmd)));
    c
}

// -- file objects -----------------------------------------------------------------------------

fn file_meta(st: &mut State) -> Option<GcRef<Table>> {
    let k = st.intern(FILEHANDLE);
    st.registry.get_str(k).as_table()
}

/// A new file handle (full userdata) for `stream`.
fn new_file(st: &mut State, stream: Stream) -> Value {
    let mt = file_meta(st);
    let ud = st.heap.alloc(UserData {
        meta: Cell::new(mt),
        user_value: Cell::new(Value::Nil),
        data: RefCell::new(Box::new(LStream {
            stream: Some(stream),
        })),
    });
    let v = Value::UserData(ud);
    if let Some(mt) = mt {
        st.check_finalizer(v, mt);
    }
    v
}

fn new_filebuf(st: &mut State, file: File, can_read: bool, can_write: bool) -> Value {
    let b = Rc::new(RefCell::new(FileBuf::new(file, can_read, can_write)));
    track(&b);
    new_file(st, Stream::File(b))
}

/// Checks a valid mode for `io.open` (`l_checkmode`): `[rwa]%+?b*`.
fn check_mode(mode: &[u8]) -> bool {
    let mut m = mode;
    match m.first() {
        Some(b'r' | b'w' | b'a') => m = &m[1..],
        _ => return false,
    }
    if m.first() == Some(&b'+') {
        m = &m[1..];
    }
    m.iter().all(|&c| c == b'b')
}

/// `fopen(name, mode)` for a valid mode.
fn fopen(name: &[u8], mode: &[u8]) -> io::Result<(File, bool, bool)> {
    let plus = mode.get(1) == Some(&b'+');
    let mut o = std::fs::OpenOptions::new();
    let (r, w) = match mode.first() {
        Some(b'r') => {
            o.read(true).write(plus);
            (true, plus)
        }
        Some(b'w') => {
            o.write(true).create(true).truncate(true).read(plus);
            (plus, true)
        }
        _ => {
            o.append(true).create(true).read(plus);
            (plus, true)
        }
    };
    let f = o.open(std::ffi::OsStr::from_bytes(name))?;
    Ok((f, r, w))
}

/// `tofile`: argument `i` must be an open file.
fn to_file(st: &mut State, i: usize) -> LResult<GcRef<UserData>> {
    if let Value::UserData(u) = st.arg(i) {
        if is_file(u) {
            if is_closed(u) {
                return Err(st.error_msg("attempt to use a closed file"));
            }
            return Ok(u);
        }
    }
    Err(st.type_arg_error(i, "FILE*"))
}

/// `tolstream`: argument `i` must be a file (open or closed).
fn to_lstream(st: &mut State, i: usize) -> LResult<GcRef<UserData>> {
    if let Value::UserData(u) = st.arg(i) {
        if is_file(u) {
            return Ok(u);
        }
    }
    Err(st.type_arg_error(i, "FILE*"))
}

/// `aux_close`: closes the file and pushes the close function's results.
fn aux_close(st: &mut State, u: GcRef<UserData>) -> LResult<usize> {
    let stream = match u.data.try_borrow_mut() {
        Ok(mut d) => match d.downcast_mut::<LStream>() {
            Some(ls) => ls.stream.take(),
            None => None,
        },
        Err(_) => None,
    };
    match stream {
        None => Err(st.error_msg("attempt to use a closed file")),
        Some(s @ (Stream::Stdin | Stream::Stdout | Stream::Stderr)) => {
            // io_noclose: keep standard files open
            if let Ok(mut d) = u.data.try_borrow_mut() {
                if let Some(ls) = d.downcast_mut::<LStream>() {
                    ls.stream = Some(s);
                }
            }
            st.push(Value::Nil);
            let m = st.str_value(b"cannot close standard file");
            st.push(m);
            Ok(2)
        }
        Some(Stream::File(b)) => {
            let r = match b.try_borrow_mut() {
                Ok(mut b) => {
                    let r = b.flush_out();
                    b.can_read = false;
                    b.can_write = false;
                    r
                }
                Err(_) => Err(ebadf()),
            };
            drop(b);
            Ok(file_result(st, r, None))
        }
        Some(Stream::Pipe(b, mut child)) => {
            if let Ok(mut b) = b.try_borrow_mut() {
                let _ = b.flush_out();
            }
            drop(b); // closes our end of the pipe
            let r = child.wait();
            Ok(exec_result(st, r))
        }
    }
}

/// The default input or output file (`getiofile`).
fn get_iofile(st: &mut State, key: &[u8]) -> LResult<GcRef<UserData>> {
    let k = st.intern(key);
    match st.registry.get_str(k) {
        Value::UserData(u) if is_file(u) && !is_closed(u) => Ok(u),
        _ => {
            let which = if key == IO_INPUT { "input" } else { "output" };
            Err(st.error_msg(format!("default {which} file is closed")))
        }
    }
}

// -- reading ------------------------------------------------------------------------------------

/// `fill_buf`, retrying on EINTR.
fn fill(r: &mut dyn BufRead) -> io::Result<&[u8]> {
    loop {
        match r.fill_buf() {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    r.fill_buf()
}

fn peek(r: &mut dyn BufRead) -> io::Result<Option<u8>> {
    Ok(fill(r)?.first().copied())
}

/// `read_line`: the line (without or with its newline) as a string, and whether anything
/// was read.
fn read_line(st: &mut State, r: &mut dyn BufRead, chop: bool) -> io::Result<(Value, bool)> {
    // fast path: the whole line is in the buffer
    let buf = fill(r)?;
    if let Some(p) = buf.iter().position(|&c| c == b'\n') {
        let end = if chop { p } else { p + 1 };
        let v = st.str_value(&buf[..end]);
        r.consume(p + 1);
        return Ok((v, true));
    }
    let mut out = Vec::with_capacity(buf.len() + 64);
    loop {
        let buf = fill(r)?;
        if buf.is_empty() {
            let ok = !out.is_empty();
            return Ok((st.str_value_owned(out), ok));
        }
        match buf.iter().position(|&c| c == b'\n') {
            Some(p) => {
                out.extend_from_slice(&buf[..p]);
                if !chop {
                    out.push(b'\n');
                }
                r.consume(p + 1);
                return Ok((st.str_value_owned(out), true));
            }
            None => {
                let n = buf.len();
                out.extend_from_slice(buf);
                r.consume(n);
            }
        }
    }
}

fn read_all(r: &mut dyn BufRead) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let buf = fill(r)?;
        if buf.is_empty() {
            return Ok(out);
        }
        let n = buf.len();
        out.extend_from_slice(buf);
        r.consume(n);
    }
}

fn read_chars(r: &mut dyn BufRead, mut n: u64) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    while n > 0 {
        let buf = fill(r)?;
        if buf.is_empty() {
            break;
        }
        let k = (buf.len() as u64).min(n) as usize;
        out.extend_from_slice(&buf[..k]);
        r.consume(k);
        n -= k as u64;
    }
    Ok(out)
}

/// State of `read_number` (`RN`): `c` is the look-ahead character (not consumed).
struct Rn<'a> {
    r: &'a mut dyn BufRead,
    c: Option<u8>,
    buf: Vec<u8>,
    invalid: bool,
}

impl Rn<'_> {
    fn nextc(&mut self) -> io::Result<bool> {
        if self.buf.len() >= MAXLENNUM {
            self.invalid = true;
            return Ok(false);
        }
        if let Some(c) = self.c {
            self.buf.push(c);
            self.r.consume(1);
        }
        self.c = peek(self.r)?;
        Ok(true)
    }

    fn test2(&mut self, set: &[u8; 2]) -> io::Result<bool> {
        match self.c {
            Some(c) if c == set[0] || c == set[1] => self.nextc(),
            _ => Ok(false),
        }
    }

    fn read_digits(&mut self, hex: bool) -> io::Result<usize> {
        let mut count = 0;
        while let Some(c) = self.c {
            let ok = if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            };
            if !ok || !self.nextc()? {
                break;
            }
            count += 1;
        }
        Ok(count)
    }
}

/// C `isspace` in the "C" locale.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The numeral scan of [`read_number`] over a buffer: `Some((length, valid))` when it ends
/// inside `buf` (the character after it is in `buf`), `None` when more input is needed.
fn scan_numeral(buf: &[u8]) -> Option<(usize, bool)> {
    let mut i = 0;
    let at = |i: usize| buf.get(i).copied();
    // nextc: accept the current character (false once MAXLENNUM characters were taken)
    let test2 = |i: &mut usize, set: &[u8; 2]| -> Option<Result<bool, ()>> {
        let c = at(*i)?;
        if c == set[0] || c == set[1] {
            if *i >= MAXLENNUM {
                return Some(Err(()));
            }
            *i += 1;
            Some(Ok(true))
        } else {
            Some(Ok(false))
        }
    };
    let digits = |i: &mut usize, hex: bool| -> Option<Result<usize, ()>> {
        let mut count = 0;
        loop {
            let c = at(*i)?;
            let ok = if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            };
            if !ok {
                return Some(Ok(count));
            }
            if *i >= MAXLENNUM {
                return Some(Err(()));
            }
            *i += 1;
            count += 1;
        }
    };
    macro_rules! step {
        ($e:expr) => {
            match $e? {
                Ok(v) => v,
                Err(()) => return Some((i, false)),
            }
        };
    }
    let mut count = 0;
    let mut hex = false;
    step!(test2(&mut i, b"-+"));
    if step!(test2(&mut i, b"00")) {
        if step!(test2(&mut i, b"xX")) {
            hex = true;
        } else {
            count = 1;
        }
    }
    count += step!(digits(&mut i, hex));
    if step!(test2(&mut i, b"..")) {
        count += step!(digits(&mut i, hex));
    }
    if count > 0 && step!(test2(&mut i, if hex { b"pP" } else { b"eE" })) {
        step!(test2(&mut i, b"-+"));
        step!(digits(&mut i, false));
    }
    Some((i, true))
}

/// `read_number` (l_getn): reads the longest prefix that can start a numeral, then converts.
fn read_number(r: &mut dyn BufRead) -> io::Result<Option<Number>> {
    let mut rn = Rn {
        r,
        c: None,
        buf: Vec::new(),
        invalid: false,
    };
    loop {
        rn.c = peek(rn.r)?;
        match rn.c {
            Some(c) if is_space(c) => rn.r.consume(1),
            _ => break,
        }
    }
    if let Ok(buf) = fill(rn.r) {
        if let Some((len, ok)) = scan_numeral(buf) {
            let res = if ok {
                number::str2number(&buf[..len])
            } else {
                None
            };
            rn.r.consume(len);
            return Ok(res);
        }
    }
    let mut count = 0;
    let mut hex = false;
    rn.test2(b"-+")?;
    if rn.test2(b"00")? {
        if rn.test2(b"xX")? {
            hex = true;
        } else {
            count = 1;
        }
    }
    count += rn.read_digits(hex)?;
    if rn.test2(b"..")? {
        count += rn.read_digits(hex)?;
    }
    if count > 0 && rn.test2(if hex { b"pP" } else { b"eE" })? {
        rn.test2(b"-+")?;
        rn.read_digits(false)?;
    }
    if rn.invalid {
        return Ok(None);
    }
    Ok(number::str2number(&rn.buf))
}

/// `g_read`: reads with the formats at arguments `first..`, pushing the results.
fn g_read(st: &mut State, u: GcRef<UserData>, first: usize) -> LResult<usize> {
    let nargs = st.nargs();
    let top0 = st.top;
    let mut success = true;
    let mut error: Option<io::Error> = None;
    if nargs < first {
        match with_reader(u, |r| read_line(st, r, true)) {
            Ok((v, ok)) => {
                success = ok;
                st.push(v);
            }
            Err(e) => error = Some(e),
        }
    } else {
        // results are pushed above the arguments as they come (arguments stay readable)
        let mut n = first;
        while n <= nargs && success {
            let fmt = st.arg(n);
            let r: io::Result<Value> = match fmt {
                Value::Int(_) | Value::Float(_) => {
                    let l = st.check_int(n)? as u64;
                    if l == 0 {
                        match with_reader(u, |r| Ok(peek(r)?.is_some())) {
                            Ok(ok) => {
                                success = ok;
                                Ok(st.str_value(b""))
                            }
                            Err(e) => Err(e),
                        }
                    } else {
                        if l > st.memory_limit as u64 {
                            // PUC Lua allocates the whole block first
                            let m = st.str_value(b"not enough memory");
                            return Err(st.error_value(m));
                        }
                        match with_reader(u, |r| read_chars(r, l)) {
                            Ok(b) => {
                                success = !b.is_empty();
                                Ok(st.str_value_owned(b))
                            }
                            Err(e) => Err(e),
                        }
                    }
                }
                _ => {
                    let p = st.check_str(n)?;
                    let bytes = p.as_bytes();
                    let c = match bytes.first() {
                        Some(b'*') => bytes.get(1).copied(),
                        c => c.copied(),
                    };
                    match c {
                        Some(b'n') => with_reader(u, read_number).map(|num| match num {
                            Some(Number::Int(i)) => Value::Int(i),
                            Some(Number::Float(f)) => Value::Float(f),
                            None => {
                                success = false;
                                Value::Nil
                            }
                        }),
                        Some(c @ (b'l' | b'L')) => {
                            match with_reader(u, |r| read_line(st, r, c == b'l')) {
                                Ok((v, ok)) => {
                                    success = ok;
                                    Ok(v)
                                }
                                Err(e) => Err(e),
                            }
                        }
                        Some(b'a') => match with_reader(u, read_all) {
                            Ok(b) => Ok(st.str_value_owned(b)),
                            Err(e) => Err(e),
                        },
                        _ => return Err(st.arg_error(n, "invalid format")),
                    }
                }
            };
            match r {
                Ok(v) => st.push(v),
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
            n += 1;
        }
    }
    if let Some(e) = error {
        st.top = top0;
        return Ok(push_file_error(st, &e, None));
    }
    if !success && st.top > top0 {
        st.stack[st.top - 1] = Value::Nil;
    }
    Ok(st.top - top0)
}

// -- writing ------------------------------------------------------------------------------------

/// `g_write`: writes arguments `arg..=last` to `u`; pushes `u` on success (the file handle
/// for chaining) or the error triple.
fn g_write(st: &mut State, u: GcRef<UserData>, arg: usize, last: usize) -> LResult<usize> {
    let mut status: io::Result<()> = Ok(());
    for i in arg..=last {
        let v = st.arg(i);
        let mut buf = Vec::new();
        let bytes: &[u8] = match v {
            Value::Int(n) => {
                number::write_int(&mut buf, n);
                &buf
            }
            Value::Float(f) => {
                // LUAI_NUMFFORMAT "%.14g" (tostring's ".0" suffix removed)
                number::write_float(&mut buf, f);
                if buf.ends_with(b".0") {
                    buf.truncate(buf.len() - 2);
                }
                &buf
            }
            _ => {
                let s = st.check_str(i)?;
                buf.extend_from_slice(s.as_bytes());
                &buf
            }
        };
        if status.is_ok() {
            status = write_to(u, bytes);
        }
    }
    match status {
        Ok(()) => Ok(st.ret1(Value::UserData(u))),
        Err(e) => Ok(push_file_error(st, &e, None)),
    }
}

// -- io functions ---------------------------------------------------------------------------------

fn io_close(st: &mut State) -> LResult<usize> {
    if st.nargs() == 0 {
        let k = st.intern(IO_OUTPUT);
        let v = st.registry.get_str(k);
        st.push(v);
    }
    f_close(st)
}

fn io_flush(st: &mut State) -> LResult<usize> {
    let u = get_iofile(st, IO_OUTPUT)?;
    let r = flush_stream(u);
    Ok(file_result(st, r, None))
}

/// `opencheckfile`: opens `name` or raises "cannot open file".
fn open_check(st: &mut State, name: &[u8], mode: &[u8]) -> LResult<Value> {
    match fopen(cstr(name), mode) {
        Ok((f, r, w)) => Ok(new_filebuf(st, f, r, w)),
        Err(e) => {
            let (msg, _) = error_parts(&e);
            let mut text = st.where_(1).into_bytes();
            text.extend_from_slice(b"cannot open file '");
            text.extend_from_slice(cstr(name));
            text.extend_from_slice(format!("' ({msg})").as_bytes());
            let v = st.str_value_owned(text);
            Err(st.error_value(v))
        }
    }
}

/// `g_iofile`: `io.input` / `io.output`.
fn g_iofile(st: &mut State, key: &[u8], mode: &[u8]) -> LResult<usize> {
    let a = st.arg(1);
    if !a.is_nil() {
        let f = match a {
            Value::Str(_) | Value::Int(_) | Value::Float(_) => {
                let name = st.check_str(1)?;
                open_check(st, name.as_bytes(), mode)?
            }
            _ => {
                to_file(st, 1)?;
                a
            }
        };
        let k = st.intern(key);
        st.registry.set_str(k, f);
    }
    let k = st.intern(key);
    let v = st.registry.get_str(k);
    Ok(st.ret1(v))
}

fn io_input(st: &mut State) -> LResult<usize> {
    g_iofile(st, IO_INPUT, b"r")
}

fn io_output(st: &mut State) -> LResult<usize> {
    g_iofile(st, IO_OUTPUT, b"w")
}

/// `aux_lines`: the iterator closure over file `f` reading with arguments `2..`.
fn aux_lines(st: &mut State, f: Value, toclose: bool) -> LResult<Value> {
    let n = st.nargs().saturating_sub(1);
    if n > MAXARGLINE {
        return Err(st.arg_error(MAXARGLINE + 2, "too many arguments"));
    }
    let mut ups = vec![f, Value::Int(n as i64), Value::Bool(toclose)];
    for i in 0..n {
        ups.push(st.arg(2 + i));
    }
    Ok(st.native_closure("io_readline", io_readline, ups))
}

fn io_lines(st: &mut State) -> LResult<usize> {
    if st.nargs() == 0 {
        st.push(Value::Nil);
    }
    if st.arg(1).is_nil() {
        let k = st.intern(IO_INPUT);
        let v = st.registry.get_str(k);
        st.set_arg(1, v);
        to_file(st, 1)?;
        let it = aux_lines(st, v, false)?;
        Ok(st.ret1(it))
    } else {
        let name = st.check_str(1)?;
        let f = open_check(st, name.as_bytes(), b"r")?;
        st.set_arg(1, f);
        let it = aux_lines(st, f, true)?;
        st.push(it);
        st.push(Value::Nil);
        st.push(Value::Nil);
        st.push(f);
        Ok(4)
    }
}

fn io_readline(st: &mut State) -> LResult<usize> {
    let nc = match st.stack[st.ci().func] {
        Value::NativeFn(nc) => nc,
        _ => return Err(st.error_msg("file is already closed")),
    };
    let up = |i: usize| nc.upvals.get(i).map_or(Value::Nil, Cell::get);
    let u = match up(0) {
        Value::UserData(u) if !is_closed(u) => u,
        _ => return Err(st.error_msg("file is already closed")),
    };
    let n = match up(1) {
        Value::Int(n) => n as usize,
        _ => 0,
    };
    let toclose = up(2).truthy();
    // lua_settop(L, 1), then push the formats as arguments 2..
    let base = st.ci().base;
    if st.nargs() == 0 {
        st.push(Value::Nil);
    } else {
        st.top = base + 1;
    }
    for i in 0..n {
        st.push(up(3 + i));
    }
    let n = g_read(st, u, 2)?;
    let first = st.stack[st.top - n];
    if first.truthy() {
        return Ok(n);
    }
    if n > 1 {
        let msg = st.stack[st.top - n + 1];
        let text = match msg {
            Value::Str(s) => s.to_str_lossy().into_owned(),
            _ => String::new(),
        };
        return Err(st.error_msg(text));
    }
    if toclose {
        st.top = base;
        aux_close(st, u)?;
    }
    st.top = base;
    Ok(0)
}

fn io_open(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    let mode = match st.opt_str(2)? {
        Some(m) => cstr(m.as_bytes()).to_vec(),
        None => b"r".to_vec(),
    };
    if !check_mode(&mode) {
        return Err(st.arg_error(2, "invalid mode"));
    }
    let fname = cstr(name.as_bytes());
    match fopen(fname, &mode) {
        Ok((f, r, w)) => {
            let v = new_filebuf(st, f, r, w);
            Ok(st.ret1(v))
        }
        Err(e) => Ok(push_file_error(st, &e, Some(fname))),
    }
}

fn io_popen(st: &mut State) -> LResult<usize> {
    let cmd = st.check_str(1)?;
    let mode = match st.opt_str(2)? {
        Some(m) => cstr(m.as_bytes()).to_vec(),
        None => b"r".to_vec(),
    };
    if mode != b"r" && mode != b"w" {
        return Err(st.arg_error(2, "invalid mode"));
    }
    let reading = mode == b"r";
    let mut c = shell(cmd.as_bytes());
    if reading {
        c.stdout(Stdio::piped());
    } else {
        c.stdin(Stdio::piped());
    }
    let spawned = c.spawn().and_then(|mut child| {
        let fd: Option<OwnedFd> = if reading {
            child.stdout.take().map(OwnedFd::from)
        } else {
            child.stdin.take().map(OwnedFd::from)
        };
        match fd {
            Some(fd) => Ok((File::from(fd), child)),
            None => Err(io::Error::from_raw_os_error(EBADF)),
        }
    });
    match spawned {
        Ok((file, child)) => {
            let b = Rc::new(RefCell::new(FileBuf::new(file, reading, !reading)));
            track(&b);
            let v = new_file(st, Stream::Pipe(b, child));
            Ok(st.ret1(v))
        }
        Err(e) => Ok(push_file_error(st, &e, Some(cstr(cmd.as_bytes())))),
    }
}

fn io_read(st: &mut State) -> LResult<usize> {
    let u = get_iofile(st, IO_INPUT)?;
    g_read(st, u, 1)
}

fn io_tmpfile(st: &mut State) -> LResult<usize> {
    match temp_file(true) {
        Ok((f, _)) => {
            let v = new_filebuf(st, f, true, true);
            Ok(st.ret1(v))
        }
        Err(e) => Ok(push_file_error(st, &e, None)),
    }
}

fn io_type(st: &mut State) -> LResult<usize> {
    let v = st.check_any(1)?;
    let r = match v {
        Value::UserData(u) if is_file(u) => {
            if is_closed(u) {
                st.str_value(b"closed file")
            } else {
                st.str_value(b"file")
            }
        }
        _ => Value::Nil,
    };
    Ok(st.ret1(r))
}

fn io_write(st: &mut State) -> LResult<usize> {
    let u = get_iofile(st, IO_OUTPUT)?;
    let n = st.nargs();
    g_write(st, u, 1, n)
}

/// Creates a new file `/tmp/lua_XXXXXX` (mode 0600); with `unlink` it is removed at once
/// (`tmpfile`). Returns the open file and its name.
pub(crate) fn temp_file(unlink: bool) -> io::Result<(File, Vec<u8>)> {
    use std::os::unix::fs::OpenOptionsExt;
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local! {
        static SEED: Cell<u64> = const { Cell::new(0) };
    }
    let mut seed = SEED.with(Cell::get);
    if seed == 0 {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        seed = t ^ ((std::process::id() as u64) << 32) ^ 0x9e37_79b9_7f4a_7c15;
    }
    let mut last_err = io::Error::from_raw_os_error(17);
    for _ in 0..100 {
        // splitmix64
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let mut name = b"/tmp/lua_".to_vec();
        for k in 0..6 {
            name.push(CHARS[((z >> (k * 8)) % CHARS.len() as u64) as usize]);
        }
        let path = std::ffi::OsStr::from_bytes(&name);
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
        {
            Ok(f) => {
                SEED.with(|s| s.set(seed));
                if unlink {
                    let _ = std::fs::remove_file(path);
                }
                return Ok((f, name));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_err = e,
            Err(e) => {
                SEED.with(|s| s.set(seed));
                return Err(e);
            }
        }
    }
    SEED.with(|s| s.set(seed));
    Err(last_err)
}

// -- file methods -----------------------------------------------------------------------------

fn f_close(st: &mut State) -> LResult<usize> {
    let u = to_file(st, 1)?;
    aux_close(st, u)
}

fn f_flush(st: &mut State) -> LResult<usize> {
    let u = to_file(st, 1)?;
    let r = flush_stream(u);
    Ok(file_result(st, r, None))
}

fn f_lines(st: &mut State) -> LResult<usize> {
    let u = to_file(st, 1)?;
    let it = aux_lines(st, Value::UserData(u), false)?;
    Ok(st.ret1(it))
}

fn f_read(st: &mut State) -> LResult<usize> {
    let u = to_file(st, 1)?;
    g_read(st, u, 2)
}

/// `luaL_checkoption`: the index of argument `i` in `names` (`def` when it is nil).
pub(crate) fn check_option(
    st: &mut State,
    i: usize,
    def: Option<&str>,
    names: &[&str],
) -> LResult<usize> {
    let name = match (st.arg(i), def) {
        (Value::Nil, Some(d)) => d.as_bytes().to_vec(),
        _ => st.check_str(i)?.as_bytes().to_vec(),
    };
    match names.iter().position(|n| n.as_bytes() == cstr(&name)) {
        Some(p) => Ok(p),
        None => {
            let msg = format!("invalid option '{}'", String::from_utf8_lossy(cstr(&name)));
            Err(st.arg_error(i, &msg))
        }
    }
}

fn f_seek(st: &mut State) -> LResult<usize> {
    let u = to_file(st, 1)?;
    let op = check_option(st, 2, Some("cur"), &["set", "cur", "end"])?;
    let off = st.opt_int(3, 0)?;
    let pos = match op {
        0 => {
            if off < 0 {
                Err(io::Error::from_raw_os_error(22))
            } else {
                Ok(SeekFrom::Start(off as u64))
            }
        }
        1 => Ok(SeekFrom::Current(off)),
        _ => Ok(SeekFrom::End(off)),
    };
    match pos.and_then(|p| seek_stream(u, p)) {
        Ok(p) => Ok(st.ret1(Value::Int(p as i64))),
        Err(e) => Ok(push_file_error(st, &e, None)),
    }
}

fn f_setvbuf(st: &mut State) -> LResult<usize> {
    let u = to_file(st, 1)?;
    let op = check_option(st, 2, None, &["no", "full", "line"])?;
    let _size = st.opt_int(3, 16 * 1024)?;
    let mode = [BufMode::No, BufMode::Full, BufMode::Line][op];
    let r = setvbuf_stream(u, mode);
    Ok(file_result(st, r, None))
}

fn f_write(st: &mut State) -> LResult<usize> {
    let u = to_file(st, 1)?;
    let n = st.nargs();
    g_write(st, u, 2, n)
}

fn f_gc(st: &mut State) -> LResult<usize> {
    let u = to_lstream(st, 1)?;
    if !is_closed(u) {
        let top = st.top;
        aux_close(st, u)?;
        st.top = top;
    }
    Ok(0)
}

fn f_tostring(st: &mut State) -> LResult<usize> {
    let u = to_lstream(st, 1)?;
    let s = if is_closed(u) {
        "file (closed)".to_string()
    } else {
        format!("file (0x{:x})", u.addr())
    };
    let v = st.str_value(s.as_bytes());
    Ok(st.ret1(v))
}

// -- opening ----------------------------------------------------------------------------------

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    let lib = st.new_lib(&[
        ("close", io_close),
        ("flush", io_flush),
        ("input", io_input),
        ("lines", io_lines),
        ("open", io_open),
        ("output", io_output),
        ("popen", io_popen),
        ("read", io_read),
        ("tmpfile", io_tmpfile),
        ("type", io_type),
        ("write", io_write),
    ]);
    // the metatable of files (luaL_newmetatable + createmeta)
    let mt = st.new_table();
    let k = st.intern(b"__name");
    let name = st.str_value(FILEHANDLE);
    mt.set_str(k, name);
    let k = st.intern(FILEHANDLE);
    st.registry.set_str(k, Value::Table(mt));
    let methods = st.new_lib(&[
        ("read", f_read),
        ("write", f_write),
        ("lines", f_lines),
        ("flush", f_flush),
        ("seek", f_seek),
        ("close", f_close),
        ("setvbuf", f_setvbuf),
    ]);
    let k = st.intern(b"__index");
    mt.set_str(k, Value::Table(methods));
    st.register(
        mt,
        &[
            ("__gc", f_gc),
            ("__close", f_gc),
            ("__tostring", f_tostring),
        ],
    );
    // standard files
    for (stream, field, reg) in [
        (Stream::Stdin, "stdin", Some(IO_INPUT)),
        (Stream::Stdout, "stdout", Some(IO_OUTPUT)),
        (Stream::Stderr, "stderr", None),
    ] {
        let f = new_file(st, stream);
        let k = st.intern(field.as_bytes());
        lib.set_str(k, f);
        if let Some(r) = reg {
            let k = st.intern(r);
            st.registry.set_str(k, f);
        }
    }
    lib
}
