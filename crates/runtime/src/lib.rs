//! Lunar's runtime (values, strings, tables, closures, GC, metatables, errors, the standard
//! library): everything the engines (`vm`, later `walk` and `jit`) share.
//!
//! `unsafe` is confined to the GC heap (`gc`, `collect`), interior mutability of heap objects
//! (`table`, `func`, `thread`), the coroutine switch (`thread`) and the counting allocator
//! (`alloc`); every block carries a `// SAFETY:` comment.
#![deny(missing_docs)]

pub mod alloc;
pub mod collect;
pub mod debug;
pub mod format;
pub mod func;
pub mod gc;
pub mod jit_abi;
pub mod meta;
pub mod native_stack;
pub mod number;
pub mod pack;
pub mod pattern;
pub mod random;
pub mod state;
pub mod stdlib;
pub mod string;
pub mod table;
pub mod thread;
pub mod value;
pub mod vmops;

pub use gc::GcRef;
pub use state::{CallInfo, LResult, LuaError, State};
pub use value::Value;
