//! The standard library (lauxlib-style argument helpers + one module per library).
pub mod base;
pub mod coroutine;
pub mod debug;
pub mod io;
pub mod math;
pub mod os;
pub mod package;
pub mod strformat;
pub mod string;
pub mod table;
pub mod utf8;

use crate::gc::GcRef;
use crate::meta::to_number;
use crate::number::{self, Number};
use crate::state::{LResult, State};
use crate::string::LuaStr;
use crate::table::Table;
use crate::value::Value;

impl State {
    /// Opens every library into the globals (and `package.loaded`).
    pub fn open_libs(&mut self) {
        let loaded = self.new_table();
        let k = self.intern(b"_LOADED");
        self.registry.set_str(k, Value::Table(loaded));
        base::open(self);
        let g = self.globals;
        let k = self.intern(b"_G");
        loaded.set_str(k, Value::Table(g));
        for (name, t) in [
            ("string", string::open(self)),
            ("table", table::open(self)),
            ("os", os::open(self)),
            ("coroutine", coroutine::open(self)),
            ("math", math::open(self)),
            ("io", io::open(self)),
            ("utf8", utf8::open(self)),
            ("debug", debug::open(self)),
        ] {
            let k = self.intern(name.as_bytes());
            loaded.set_str(k, Value::Table(t));
            self.globals.set_str(k, Value::Table(t));
        }
        let pkg = package::open(self);
        let k = self.intern(b"package");
        loaded.set_str(k, Value::Table(pkg));
        self.globals.set_str(k, Value::Table(pkg));
    }

    /// Creates a library table with `funcs`.
    pub fn new_lib(&mut self, funcs: &[(&'static str, crate::func::NativeFn)]) -> GcRef<Table> {
        let t = self.new_table_sized(0, funcs.len());
        self.register(t, funcs);
        t
    }

    // -- argument checks (lauxlib) ------------------------------------------------------

    /// `luaL_checkany`.
    pub fn check_any(&mut self, i: usize) -> LResult<Value> {
        if i > self.nargs() {
            return Err(self.arg_error(i, "value expected"));
        }
        Ok(self.arg(i))
    }

    /// `luaL_checkinteger`.
    pub fn check_int(&mut self, i: usize) -> LResult<i64> {
        let v = self.arg(i);
        match v {
            Value::Int(n) => Ok(n),
            _ => match to_number(&v) {
                Some(Number::Int(n)) => Ok(n),
                Some(Number::Float(f)) => match number::float_to_int_exact(f) {
                    Some(n) => Ok(n),
                    None => Err(self.arg_error(i, "number has no integer representation")),
                },
                None => Err(self.type_arg_error(i, "number")),
            },
        }
    }

    /// `luaL_optinteger`.
    pub fn opt_int(&mut self, i: usize, default: i64) -> LResult<i64> {
        if self.arg(i).is_nil() {
            Ok(default)
        } else {
            self.check_int(i)
        }
    }

    /// `luaL_checknumber`.
    pub fn check_number(&mut self, i: usize) -> LResult<Number> {
        let v = self.arg(i);
        match to_number(&v) {
            Some(n) => Ok(n),
            None => Err(self.type_arg_error(i, "number")),
        }
    }

    /// `luaL_checknumber` as a float.
    pub fn check_float(&mut self, i: usize) -> LResult<f64> {
        Ok(self.check_number(i)?.as_f64())
    }

    /// `luaL_checklstring`: strings, and numbers converted to strings.
    pub fn check_str(&mut self, i: usize) -> LResult<GcRef<LuaStr>> {
        match self.arg(i) {
            Value::Str(s) => Ok(s),
            Value::Int(_) | Value::Float(_) => {
                let mut buf = Vec::new();
                let v = self.arg(i);
                self.tostring_basic(&v, &mut buf);
                let s = self.intern(&buf);
                if i <= self.nargs() {
                    self.set_arg(i, Value::Str(s));
                }
                Ok(s)
            }
            _ => Err(self.type_arg_error(i, "string")),
        }
    }

    /// `luaL_optlstring`.
    pub fn opt_str(&mut self, i: usize) -> LResult<Option<GcRef<LuaStr>>> {
        if self.arg(i).is_nil() {
            Ok(None)
        } else {
            self.check_str(i).map(Some)
        }
    }

    /// `luaL_checktype(L, i, LUA_TTABLE)`.
    pub fn check_table(&mut self, i: usize) -> LResult<GcRef<Table>> {
        match self.arg(i) {
            Value::Table(t) => Ok(t),
            _ => Err(self.type_arg_error(i, "table")),
        }
    }

    /// Pushes `v` and returns 1 (for `return Ok(st.ret1(v))`).
    #[inline]
    pub fn ret1(&mut self, v: Value) -> usize {
        self.push(v);
        1
    }
}
