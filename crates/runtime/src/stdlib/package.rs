//! `package` library and `require` (loadlib.c).
//!
//! `require` walks `package.searchers` like Lua 5.4: the preload searcher
//! (`package.preload`), the Lua searcher over `package.path`, the C searcher over
//! `package.cpath` and the all-in-one C searcher. Native (C) modules cannot be loaded: when a
//! C searcher finds a file, loading it fails with [`DLMSG`], as a Lua built without dynamic
//! library support reports. Module files are compiled with [`crate::stdlib::base::load_file`],
//! so they run on whatever engine is installed.
use crate::gc::GcRef;
use crate::meta::Src;
use crate::state::{LResult, LuaError, State};
use crate::table::Table;
use crate::value::Value;

/// Directory separator (`LUA_DIRSEP`).
pub const DIRSEP: &str = "/";
/// Separator of templates in a path (`LUA_PATH_SEP`).
pub const PATH_SEP: &str = ";";
/// Substitution mark in templates (`LUA_PATH_MARK`).
pub const PATH_MARK: &str = "?";
/// `package.config`.
pub const CONFIG: &str = "/\n;\n?\n!\n-\n";
/// Message for native libraries, which this runtime cannot load (`DLMSG`).
pub const DLMSG: &str = "dynamic libraries not enabled; check your Lua installation";

/// The default `package.path` (Debian's lua5.4 build: `LUA_PATH_DEFAULT`).
pub fn default_path() -> String {
    let ver = "5.4";
    [
        format!("/usr/local/share/lua/{ver}/?.lua"),
        format!("/usr/local/share/lua/{ver}/?/init.lua"),
        format!("/usr/local/lib/lua/{ver}/?.lua"),
        format!("/usr/local/lib/lua/{ver}/?/init.lua"),
        format!("/usr/share/lua/{ver}/?.lua"),
        format!("/usr/share/lua/{ver}/?/init.lua"),
        "./?.lua".into(),
        "./?/init.lua".into(),
    ]
    .join(PATH_SEP)
}

/// The default `package.cpath` (Debian's lua5.4 build: `LUA_CPATH_DEFAULT`).
pub fn default_cpath() -> String {
    let ver = "5.4";
    let multiarch = format!("{}-linux-gnu", std::env::consts::ARCH);
    [
        format!("/usr/local/lib/lua/{ver}/?.so"),
        format!("/usr/lib/{multiarch}/lua/{ver}/?.so"),
        format!("/usr/lib/lua/{ver}/?.so"),
        format!("/usr/local/lib/lua/{ver}/loadall.so"),
        "./?.so".into(),
    ]
    .join(PATH_SEP)
}

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    let pkg = st.new_lib(&[("loadlib", loadlib), ("searchpath", searchpath)]);
    // searchers, each with `package` as upvalue
    let searchers = st.new_table_sized(4, 0);
    let list: [(&'static str, crate::func::NativeFn); 4] = [
        ("searcher_preload", searcher_preload),
        ("searcher_Lua", searcher_lua),
        ("searcher_C", searcher_c),
        ("searcher_Croot", searcher_croot),
    ];
    for (i, (name, f)) in list.into_iter().enumerate() {
        let c = st.native_closure(name, f, vec![Value::Table(pkg)]);
        searchers.set_int(i as i64 + 1, c);
    }
    set_field(st, pkg, "searchers", Value::Table(searchers));
    set_paths(st, pkg);
    let cfg = st.str_value(CONFIG.as_bytes());
    set_field(st, pkg, "config", cfg);
    let loaded = registry_subtable(st, "_LOADED");
    set_field(st, pkg, "loaded", Value::Table(loaded));
    let preload = registry_subtable(st, "_PRELOAD");
    set_field(st, pkg, "preload", Value::Table(preload));
    let req = st.native_closure("require", require, vec![Value::Table(pkg)]);
    st.set_global("require", req);
    pkg
}

/// Sets `package.path` and `package.cpath` from `LUA_PATH_5_4` / `LUA_PATH` and
/// `LUA_CPATH_5_4` / `LUA_CPATH` (a `;;` in them stands for the default path), or to the
/// defaults when the variables are unset or `registry.LUA_NOENV` is true (`lua -E`). The
/// command line calls this again after setting `LUA_NOENV`.
pub fn set_paths(st: &mut State, pkg: GcRef<Table>) {
    let noenv = {
        let k = st.intern(b"LUA_NOENV");
        st.registry.get_str(k).truthy()
    };
    let path = path_value("LUA_PATH", &default_path(), noenv);
    let v = st.str_value_owned(path);
    set_field(st, pkg, "path", v);
    let cpath = path_value("LUA_CPATH", &default_cpath(), noenv);
    let v = st.str_value_owned(cpath);
    set_field(st, pkg, "cpath", v);
}

/// `setpath`: the value of a path from the environment variable `envname` (versioned name
/// first), with `;;` replaced by the default.
fn path_value(envname: &str, dft: &str, noenv: bool) -> Vec<u8> {
    use std::os::unix::ffi::OsStringExt;
    let var = std::env::var_os(format!("{envname}_5_4")).or_else(|| std::env::var_os(envname));
    match var {
        Some(v) if !noenv => expand_default(v.into_vec(), dft),
        _ => dft.as_bytes().to_vec(),
    }
}

/// Replaces the first `;;` of `path` by `;default;` (without separators at the ends).
fn expand_default(path: Vec<u8>, dft: &str) -> Vec<u8> {
    let Some(mark) = find(&path, b";;") else {
        return path;
    };
    let mut out = Vec::with_capacity(path.len() + dft.len() + 2);
    if mark > 0 {
        out.extend_from_slice(&path[..mark]);
        out.push(b';');
    }
    out.extend_from_slice(dft.as_bytes());
    if mark + 2 < path.len() {
        out.push(b';');
        out.extend_from_slice(&path[mark + 2..]);
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `luaL_gsub`: replaces every occurrence of `pat` in `s` by `rep`.
fn gsub(s: &[u8], pat: &[u8], rep: &[u8]) -> Vec<u8> {
    if pat.is_empty() {
        return s.to_vec();
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with(pat) {
            out.extend_from_slice(rep);
            i += pat.len();
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

fn set_field(st: &mut State, t: GcRef<Table>, k: &str, v: Value) {
    let k = st.intern(k.as_bytes());
    t.set_str(k, v);
}

/// `luaL_getsubtable(L, LUA_REGISTRYINDEX, name)`.
fn registry_subtable(st: &mut State, name: &str) -> GcRef<Table> {
    let k = st.intern(name.as_bytes());
    match st.registry.get_str(k) {
        Value::Table(t) => t,
        _ => {
            let t = st.new_table();
            st.registry.set_str(k, Value::Table(t));
            t
        }
    }
}

/// Upvalue 1 of the running native closure (the `package` table).
fn package_upvalue(st: &State) -> Value {
    match st.stack[st.ci().func] {
        Value::NativeFn(nc) => nc.upvals.first().map(|c| c.get()).unwrap_or(Value::Nil),
        _ => Value::Nil,
    }
}

fn str_error(st: &mut State, msg: &[u8]) -> LuaError {
    LuaError::new(st.str_value(msg))
}

/// `luaL_error` with a byte message (positioned at the caller of the running native).
fn error_bytes(st: &mut State, msg: &[u8]) -> LuaError {
    let mut m = st.where_(1).into_bytes();
    m.extend_from_slice(msg);
    str_error(st, &m)
}

fn readable(path: &[u8]) -> bool {
    use std::os::unix::ffi::OsStrExt;
    !path.is_empty() && std::fs::File::open(std::ffi::OsStr::from_bytes(path)).is_ok()
}

/// `searchpath`: the first readable file of `path` for `name`, or the "no file" list.
pub fn search_path(
    name: &[u8],
    path: &[u8],
    sep: &[u8],
    dirsep: &[u8],
) -> Result<Vec<u8>, Vec<u8>> {
    let name = if !sep.is_empty() && name.contains(&sep[0]) {
        gsub(name, sep, dirsep)
    } else {
        name.to_vec()
    };
    let filled = gsub(path, PATH_MARK.as_bytes(), &name);
    for cand in filled.split(|&c| c == b';') {
        if readable(cand) {
            return Ok(cand.to_vec());
        }
    }
    let mut msg = b"no file '".to_vec();
    msg.extend_from_slice(&gsub(&filled, PATH_SEP.as_bytes(), b"'\n\tno file '"));
    msg.push(b'\'');
    Err(msg)
}

fn searchpath(st: &mut State) -> LResult<usize> {
    // lua5.4 (gcc) evaluates the C call's arguments right to left: check 4, 3, 2, 1
    let rep = st.opt_str(4)?.map(|s| s.as_bytes().to_vec());
    let sep = st.opt_str(3)?.map(|s| s.as_bytes().to_vec());
    let path = st.check_str(2)?;
    let name = st.check_str(1)?;
    let r = search_path(
        name.as_bytes(),
        path.as_bytes(),
        sep.as_deref().unwrap_or(b"."),
        rep.as_deref().unwrap_or(DIRSEP.as_bytes()),
    );
    match r {
        Ok(f) => {
            let v = st.str_value_owned(f);
            Ok(st.ret1(v))
        }
        Err(m) => {
            st.push(Value::Nil);
            let v = st.str_value_owned(m);
            st.push(v);
            Ok(2)
        }
    }
}

fn loadlib(st: &mut State) -> LResult<usize> {
    st.check_str(1)?;
    st.check_str(2)?;
    st.push(Value::Nil);
    let m = st.str_value(DLMSG.as_bytes());
    st.push(m);
    let w = st.str_value(b"absent");
    st.push(w);
    Ok(3)
}

/// Converts a string or number to bytes (`lua_tostring`), None for other values.
fn to_bytes(st: &State, v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Str(s) => Some(s.as_bytes().to_vec()),
        Value::Int(_) | Value::Float(_) => {
            let mut b = Vec::new();
            st.tostring_basic(v, &mut b);
            Some(b)
        }
        _ => None,
    }
}

/// `findfile`: searches `package[pname]` for `name`.
fn find_file(
    st: &mut State,
    name: &[u8],
    pname: &str,
    dirsep: &[u8],
) -> LResult<Result<Vec<u8>, Vec<u8>>> {
    let pkg = package_upvalue(st);
    let k = st.str_value(pname.as_bytes());
    let path = st.index(pkg, k, Src::None)?;
    let Some(path) = to_bytes(st, &path) else {
        return Err(st.error_msg(format!("'package.{pname}' must be a string")));
    };
    Ok(search_path(name, &path, b".", dirsep))
}

/// `checkload` failure: "error loading module ..." (positioned like `luaL_error`).
fn load_error(st: &mut State, filename: &[u8], msg: &[u8]) -> LuaError {
    let name = st.arg(1);
    let name = to_bytes(st, &name).unwrap_or_default();
    let mut m = b"error loading module '".to_vec();
    m.extend_from_slice(&name);
    m.extend_from_slice(b"' from file '");
    m.extend_from_slice(filename);
    m.extend_from_slice(b"':\n\t");
    m.extend_from_slice(msg);
    error_bytes(st, &m)
}

fn searcher_preload(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    let preload = registry_subtable(st, "_PRELOAD");
    let v = st.index(Value::Table(preload), Value::Str(name), Src::None)?;
    if v.is_nil() {
        let mut m = b"no field package.preload['".to_vec();
        m.extend_from_slice(name.as_bytes());
        m.extend_from_slice(b"']");
        let s = st.str_value_owned(m);
        Ok(st.ret1(s))
    } else {
        st.push(v);
        let d = st.str_value(b":preload:");
        st.push(d);
        Ok(2)
    }
}

fn searcher_lua(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    let filename = match find_file(st, name.as_bytes(), "path", b"/")? {
        Ok(f) => f,
        Err(m) => {
            let s = st.str_value_owned(m);
            return Ok(st.ret1(s));
        }
    };
    let fname = String::from_utf8_lossy(&filename).into_owned();
    match crate::stdlib::base::load_file(st, Some(&fname)) {
        Ok(f) => {
            st.push(f);
            let v = st.str_value_owned(filename);
            st.push(v);
            Ok(2)
        }
        Err(msg) => Err(load_error(st, &filename, msg.as_bytes())),
    }
}

fn searcher_c(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    match find_file(st, name.as_bytes(), "cpath", b"/")? {
        Ok(filename) => Err(load_error(st, &filename, DLMSG.as_bytes())),
        Err(m) => {
            let s = st.str_value_owned(m);
            Ok(st.ret1(s))
        }
    }
}

fn searcher_croot(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    let Some(dot) = name.as_bytes().iter().position(|&c| c == b'.') else {
        return Ok(0);
    };
    let root = name.as_bytes()[..dot].to_vec();
    match find_file(st, &root, "cpath", b"/")? {
        Ok(filename) => Err(load_error(st, &filename, DLMSG.as_bytes())),
        Err(m) => {
            let s = st.str_value_owned(m);
            Ok(st.ret1(s))
        }
    }
}

/// `require(name)`: returns the module value and the loader data (e.g. the file name).
fn require(st: &mut State) -> LResult<usize> {
    let name = st.check_str(1)?;
    let base = st.ci().base;
    st.top = base + 1;
    let loaded = Value::Table(registry_subtable(st, "_LOADED"));
    st.push(loaded); // base + 1
    let v = st.index(loaded, Value::Str(name), Src::None)?;
    if v.truthy() {
        return Ok(st.ret1(v));
    }
    find_loader(st, name)?;
    // stack: name, LOADED, searchers, loader, data
    let loader = base + 3;
    let data = st.stack[loader + 1];
    let f = st.stack[loader];
    st.push(f);
    st.push(Value::Str(name));
    st.push(data);
    let call_at = st.top - 3;
    st.call(call_at, 1)?;
    let r = st.stack[call_at];
    st.top = call_at + 1;
    if !r.is_nil() {
        st.set_index(loaded, Value::Str(name), r, Src::None)?;
    }
    let mut v = st.index(loaded, Value::Str(name), Src::None)?;
    if v.is_nil() {
        v = Value::Bool(true);
        st.set_index(loaded, Value::Str(name), v, Src::None)?;
    }
    st.push(v);
    st.push(data);
    Ok(2)
}

/// `findloader`: leaves the loader and its data at `base + 3`, `base + 4`.
fn find_loader(st: &mut State, name: GcRef<crate::string::LuaStr>) -> LResult<()> {
    let base = st.ci().base;
    let pkg = package_upvalue(st);
    let k = st.str_value(b"searchers");
    let searchers = st.index(pkg, k, Src::None)?;
    let Value::Table(searchers) = searchers else {
        return Err(st.error_msg("'package.searchers' must be a table"));
    };
    st.top = base + 2;
    st.push(Value::Table(searchers)); // base + 2
    let mut msg: Vec<u8> = Vec::new();
    let mut i = 1;
    loop {
        msg.extend_from_slice(b"\n\t");
        let s = searchers.get_int(i);
        if s.is_nil() {
            msg.truncate(msg.len() - 2);
            let mut m = b"module '".to_vec();
            m.extend_from_slice(name.as_bytes());
            m.extend_from_slice(b"' not found:");
            m.extend_from_slice(&msg);
            return Err(error_bytes(st, &m));
        }
        let at = base + 3;
        st.top = at;
        st.push(s);
        st.push(Value::Str(name));
        st.call(at, 2)?;
        let r1 = st.stack[at];
        if r1.is_function() {
            st.top = at + 2;
            return Ok(());
        }
        match to_bytes(st, &r1) {
            Some(b) => msg.extend_from_slice(&b),
            None => msg.truncate(msg.len() - 2),
        }
        st.top = at;
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_path_expansion() {
        let e = |p: &str| String::from_utf8(expand_default(p.as_bytes().to_vec(), "D")).unwrap();
        assert_eq!(e("a;;b"), "a;D;b");
        assert_eq!(e(";;"), "D");
        assert_eq!(e(";;x"), "D;x");
        assert_eq!(e("x;;"), "x;D");
        assert_eq!(e(";;;"), "D;;");
        assert_eq!(e("a;b"), "a;b");
        assert_eq!(e(""), "");
    }

    #[test]
    fn searchpath_messages() {
        let r = search_path(b"a.b", b"./x/?.lua;;?/init", b".", b"/");
        assert_eq!(
            r.unwrap_err(),
            b"no file './x/a/b.lua'\n\tno file ''\n\tno file 'a/b/init'".to_vec()
        );
        assert_eq!(gsub(b"a.b.c", b".", b"::"), b"a::b::c".to_vec());
        assert_eq!(gsub(b"abc", b"", b"x"), b"abc".to_vec());
    }
}
