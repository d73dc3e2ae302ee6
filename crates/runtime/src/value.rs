//! Lua values (the one representation every engine, the JIT and the stdlib share).
//!
//! `Value` is a `#[repr(C, u8)]` enum, so its layout is fixed and documented for the JIT:
//!
//! ```text
//! offset 0          1 ........ 7   8 ....................... 15
//!        ┌──────────┬─────────────┬──────────────────────────┐
//!        │ tag (u8) │ padding     │ payload (8 bytes)        │
//!        └──────────┴─────────────┴──────────────────────────┘
//!  tag  0 nil          payload unused
//!       1 boolean      payload byte 8 = 0/1 (bytes 9..15 undefined)
//!       2 integer      i64
//!       3 float        f64
//!       4 string       *GcBox<LuaStr>
//!       5 table        *GcBox<Table>
//!       6 Lua function *GcBox<LuaClosure>
//!       7 native fn    *GcBox<NativeClosure>
//!       8 userdata     *GcBox<UserData>
//!       9 thread       *GcBox<Thread>
//!      10 light udata  usize
//! ```
//! `size_of::<Value>() == 16`, pinned by a test. Tags are the `TAG_*` constants in [`layout`].
use std::any::Any;
use std::cell::{Cell, RefCell};

use crate::func::{LuaClosure, NativeClosure};
use crate::gc::{GcObject, GcRef, ObjKind};
use crate::string::LuaStr;
use crate::table::Table;
use crate::thread::Thread;

/// A Lua value.
///
/// The tag is a whole word (`repr(C, u64)`; compiled code reads its low byte and writes the
/// word), so that Rust copies a value as two 8-byte words: with a byte tag, rustc copies the 15
/// bytes after it as two overlapping 8-byte moves, and a later 8-byte load of the payload
/// cannot take its data from the store buffer (a stall on every value a native function
/// returned: json 8%, nbody 12%, meta 6% faster with the word tag).
#[derive(Clone, Copy, Default)]
#[repr(C, u64)]
pub enum Value {
    /// `nil`
    #[default]
    Nil = 0,
    /// `true` / `false`
    Bool(bool) = 1,
    /// 64-bit integer (wrapping arithmetic).
    Int(i64) = 2,
    /// 64-bit float.
    Float(f64) = 3,
    /// Interned byte string.
    Str(GcRef<LuaStr>) = 4,
    /// Table.
    Table(GcRef<Table>) = 5,
    /// Lua function (closure over a prototype).
    LuaFn(GcRef<LuaClosure>) = 6,
    /// Native (Rust) function with optional upvalues.
    NativeFn(GcRef<NativeClosure>) = 7,
    /// Full userdata.
    UserData(GcRef<UserData>) = 8,
    /// Coroutine.
    Thread(GcRef<Thread>) = 9,
    /// Light userdata (a bare pointer-sized value).
    LightUserData(usize) = 10,
}

/// Offsets and tags of [`Value`] for code generators.
pub mod layout {
    /// Size of a value in bytes.
    pub const VALUE_SIZE: usize = 16;
    /// Offset of the tag (a little-endian word: its low byte is the tag, the rest zero).
    pub const TAG_OFFSET: usize = 0;
    /// Offset of the payload.
    pub const PAYLOAD_OFFSET: usize = 8;
    /// Tag of nil.
    pub const TAG_NIL: u8 = 0;
    /// Tag of booleans.
    pub const TAG_BOOL: u8 = 1;
    /// Tag of integers.
    pub const TAG_INT: u8 = 2;
    /// Tag of floats.
    pub const TAG_FLOAT: u8 = 3;
    /// Tag of strings.
    pub const TAG_STR: u8 = 4;
    /// Tag of tables.
    pub const TAG_TABLE: u8 = 5;
    /// Tag of Lua functions.
    pub const TAG_LUAFN: u8 = 6;
    /// Tag of native functions.
    pub const TAG_NATIVEFN: u8 = 7;
}

const _: () = assert!(std::mem::size_of::<Value>() == layout::VALUE_SIZE);

/// Lua type names, indexed like `lua_type` results (`LUA_TNIL` = 0 ...).
pub const TYPE_NAMES: [&str; 9] = [
    "nil", "boolean", "userdata", "number", "string", "table", "function", "userdata", "thread",
];

impl Value {
    /// `lua_type`-style type number.
    pub fn type_index(&self) -> usize {
        match self {
            Value::Nil => 0,
            Value::Bool(_) => 1,
            Value::LightUserData(_) => 2,
            Value::Int(_) | Value::Float(_) => 3,
            Value::Str(_) => 4,
            Value::Table(_) => 5,
            Value::LuaFn(_) | Value::NativeFn(_) => 6,
            Value::UserData(_) => 7,
            Value::Thread(_) => 8,
        }
    }

    /// Basic type name (`type(v)`).
    pub fn type_name(&self) -> &'static str {
        TYPE_NAMES[self.type_index()]
    }

    /// Lua truthiness: everything but `nil` and `false`.
    #[inline(always)]
    pub fn truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Bool(false))
    }

    /// True for `nil`.
    #[inline(always)]
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// True for functions of any kind.
    pub fn is_function(&self) -> bool {
        matches!(self, Value::LuaFn(_) | Value::NativeFn(_))
    }

    /// Raw equality (`rawequal`): no metamethods; integers and floats compare mathematically.
    #[inline]
    pub fn raw_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b,
            (Value::Int(i), Value::Float(f)) | (Value::Float(f), Value::Int(i)) => {
                crate::number::float_to_int_exact(*f) == Some(*i)
            }
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Table(a), Value::Table(b)) => a == b,
            (Value::LuaFn(a), Value::LuaFn(b)) => a == b,
            (Value::NativeFn(a), Value::NativeFn(b)) => a == b,
            (Value::UserData(a), Value::UserData(b)) => a == b,
            (Value::Thread(a), Value::Thread(b)) => a == b,
            (Value::LightUserData(a), Value::LightUserData(b)) => a == b,
            _ => false,
        }
    }

    /// Address of a heap object (for `%p`, `tostring`), or 0 for non-objects.
    pub fn addr(&self) -> usize {
        match self {
            Value::Str(r) => r.addr(),
            Value::Table(r) => r.addr(),
            Value::LuaFn(r) => r.addr(),
            Value::NativeFn(r) => r.addr(),
            Value::UserData(r) => r.addr(),
            Value::Thread(r) => r.addr(),
            Value::LightUserData(p) => *p,
            _ => 0,
        }
    }

    /// The string, if this is one.
    #[inline]
    pub fn as_str(&self) -> Option<GcRef<LuaStr>> {
        match self {
            Value::Str(s) => Some(*s),
            _ => None,
        }
    }

    /// The table, if this is one.
    #[inline]
    pub fn as_table(&self) -> Option<GcRef<Table>> {
        match self {
            Value::Table(t) => Some(*t),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Nil => write!(f, "nil"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{}", crate::number::fmt_float(*x)),
            Value::Str(s) => write!(f, "{:?}", String::from_utf8_lossy(s.as_bytes())),
            other => write!(f, "{}: 0x{:x}", other.type_name(), other.addr()),
        }
    }
}

/// Full userdata: an arbitrary Rust value with a metatable and a user value.
pub struct UserData {
    /// Metatable.
    pub meta: Cell<Option<GcRef<Table>>>,
    /// The user value (`debug.getuservalue`).
    pub user_value: Cell<Value>,
    /// The payload.
    pub data: RefCell<Box<dyn Any>>,
}

impl GcObject for UserData {
    const KIND: ObjKind = ObjKind::UserData;
}
