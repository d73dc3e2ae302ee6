//! Tables (keys -> values, with an array part and a hash part).
//!
//! Like PUC Lua's `ltable.c`, a table keeps positive integer keys `1..=n` in a contiguous
//! *array part* and every other key in a *hash part*. The hash part is an insertion-ordered
//! entry vector plus a `hashbrown` index of entry positions, which gives `next` an O(1) step:
//! assigning `nil` to a field leaves a tombstone entry in place, so clearing fields during a
//! traversal is allowed exactly as in Lua. Tombstones are compacted only when a new key is
//! inserted (which Lua forbids during traversal anyway). Float keys with an integral value are
//! normalised to integers, so `t[1.0]` and `t[1]` are the same slot.
use std::cell::{Cell, UnsafeCell};

use hashbrown::HashTable;

use crate::gc::{GcObject, GcRef, ObjKind};
use crate::string::LuaStr;
use crate::value::Value;

#[derive(Clone, Copy, Default)]
pub(crate) struct Entry {
    pub(crate) key: Value,
    pub(crate) value: Value,
    hash: u64,
}

#[derive(Default)]
pub(crate) struct TableInner {
    pub(crate) array: Vec<Value>,
    pub(crate) entries: Vec<Entry>,
    index: HashTable<u32>,
    /// Entries whose value is nil.
    dead: usize,
}

/// A Lua table.
pub struct Table {
    inner: UnsafeCell<TableInner>,
    /// Metatable.
    pub meta: Cell<Option<GcRef<Table>>>,
    /// Cache of absent metamethods: bit `e` set means "this table (used as a metatable) has no
    /// field for metamethod event `e`". Cleared on any store of a string key.
    pub tm_absent: Cell<u32>,
    /// Where this table (used as a metatable) last had its `__index` key in the hash part's
    /// entries (checked by key identity before use: [`Table::str_at`]).
    pub index_pos: Cell<u32>,
    /// A filter of the string keys ever stored in the hash part: bit `hash % 64` of each
    /// ([`str_key_bit`]). A clear bit proves a key absent (compiled method calls look up
    /// methods in the class when the object cannot have them); set bits are never cleared.
    pub str_keys: Cell<u64>,
}

/// The bit of [`Table::str_keys`] for a string with hash `hash`.
#[inline]
pub fn str_key_bit(hash: u64) -> u64 {
    1 << (hash % 64)
}

impl GcObject for Table {
    const KIND: ObjKind = ObjKind::Table;
}

/// Error from a raw store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    /// `t[nil] = v`
    Nil,
    /// `t[0/0] = v`
    NaN,
}

/// `next` was given a key that is not in the table ("invalid key to 'next'").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidKey;

impl KeyError {
    /// Lua's message.
    pub fn message(self) -> &'static str {
        match self {
            KeyError::Nil => "table index is nil",
            KeyError::NaN => "table index is NaN",
        }
    }
}

#[inline]
fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^ (x >> 29)
}

/// Hash of a (normalised) key.
#[inline]
fn key_hash(k: &Value) -> u64 {
    match k {
        Value::Str(s) => s.hash(),
        Value::Int(i) => mix(*i as u64),
        Value::Float(f) => mix(f.to_bits() ^ 0x5555),
        Value::Bool(b) => *b as u64 + 0x9e37,
        other => mix(other.addr() as u64),
    }
}

/// Equality of normalised keys: identity for objects, value for numbers (no derefs, so a dead
/// key left in a tombstone never gets dereferenced).
#[inline]
fn key_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Table(x), Value::Table(y)) => x == y,
        (Value::LuaFn(x), Value::LuaFn(y)) => x == y,
        (Value::NativeFn(x), Value::NativeFn(y)) => x == y,
        (Value::UserData(x), Value::UserData(y)) => x == y,
        (Value::Thread(x), Value::Thread(y)) => x == y,
        (Value::LightUserData(x), Value::LightUserData(y)) => x == y,
        _ => false,
    }
}

/// Normalises a float key with an integral value to an integer.
#[inline]
fn normalise(k: Value) -> Value {
    if let Value::Float(f) = k {
        if let Some(i) = crate::number::float_to_int_exact(f) {
            return Value::Int(i);
        }
    }
    k
}

impl Table {
    /// A new table with room for `narr` array items and `nhash` other keys.
    pub fn new(narr: usize, nhash: usize) -> Table {
        Table {
            // the array part is sized like Lua's (constructors with nils keep their border)
            inner: UnsafeCell::new(TableInner {
                array: vec![Value::Nil; narr],
                entries: Vec::with_capacity(nhash),
                index: HashTable::with_capacity(nhash),
                dead: 0,
            }),
            meta: Cell::new(None),
            tm_absent: Cell::new(0),
            index_pos: Cell::new(u32::MAX),
            str_keys: Cell::new(0),
        }
    }

    #[inline(always)]
    #[allow(clippy::mut_from_ref, reason = "interior mutability of GC objects")]
    pub(crate) fn inner(&self) -> &mut TableInner {
        // SAFETY: the runtime is single-threaded and no method of Table calls out to Lua or
        // returns a reference into `inner` that outlives the call, so no two `&mut` exist at once.
        unsafe { &mut *self.inner.get() }
    }

    /// Length of the array part.
    #[inline]
    pub fn array_len(&self) -> usize {
        self.inner().array.len()
    }

    /// Raw get.
    #[inline]
    pub fn get(&self, key: Value) -> Value {
        match key {
            Value::Int(i) => self.get_int(i),
            Value::Str(s) => self.get_str(s),
            Value::Nil => Value::Nil,
            Value::Float(f) => match crate::number::float_to_int_exact(f) {
                Some(i) => self.get_int(i),
                None => self.get_hashed(&key),
            },
            _ => self.get_hashed(&key),
        }
    }

    /// Raw get of an integer key.
    #[inline]
    pub fn get_int(&self, i: i64) -> Value {
        let t = self.inner();
        let idx = (i as u64).wrapping_sub(1);
        if idx < t.array.len() as u64 {
            return t.array[idx as usize];
        }
        if t.entries.is_empty() {
            return Value::Nil;
        }
        self.get_hashed(&Value::Int(i))
    }

    /// Position of string key `s` in the hash part's entry vector, if present (what JIT
    /// inline caches remember; see [`jit_entry_layout`]).
    pub fn str_entry_index(&self, s: GcRef<LuaStr>) -> Option<u32> {
        let t = self.inner();
        if t.entries.is_empty() {
            return None;
        }
        let entries = &t.entries;
        t.index
            .find(
                s.hash(),
                |&i| matches!(entries[i as usize].key, Value::Str(k) if k == s),
            )
            .copied()
    }

    /// The value of string key `s` if it is the key of entry `pos` of the hash part (a
    /// position remembered from [`Table::str_entry_index`]; the value may be nil).
    #[inline]
    pub fn str_at(&self, pos: u32, s: GcRef<LuaStr>) -> Option<Value> {
        match self.inner().entries.get(pos as usize) {
            Some(e) if matches!(e.key, Value::Str(k) if k == s) => Some(e.value),
            _ => None,
        }
    }

    /// Raw get of string key `s` that also gives its position in the hash part's entries
    /// (`None`: absent).
    #[inline]
    pub fn get_str_pos(&self, s: GcRef<LuaStr>) -> Option<(Value, u32)> {
        let i = self.str_entry_index(s)?;
        Some((self.inner().entries[i as usize].value, i))
    }

    /// Raw get of a string key.
    #[inline]
    pub fn get_str(&self, s: GcRef<LuaStr>) -> Value {
        let t = self.inner();
        if t.entries.is_empty() {
            return Value::Nil;
        }
        let entries = &t.entries;
        match t.index.find(
            s.hash(),
            |&i| matches!(entries[i as usize].key, Value::Str(k) if k == s),
        ) {
            Some(&i) => entries[i as usize].value,
            None => Value::Nil,
        }
    }

    fn get_hashed(&self, key: &Value) -> Value {
        let t = self.inner();
        let entries = &t.entries;
        match t
            .index
            .find(key_hash(key), |&i| key_eq(&entries[i as usize].key, key))
        {
            Some(&i) => entries[i as usize].value,
            None => Value::Nil,
        }
    }

    fn find_entry(&self, key: &Value) -> Option<usize> {
        let t = self.inner();
        let entries = &t.entries;
        t.index
            .find(key_hash(key), |&i| key_eq(&entries[i as usize].key, key))
            .map(|&i| i as usize)
    }

    /// Raw set. Errors for nil and NaN keys.
    #[inline]
    pub fn set(&self, key: Value, value: Value) -> Result<(), KeyError> {
        match key {
            Value::Int(i) => {
                self.set_int(i, value);
                Ok(())
            }
            Value::Str(s) => {
                self.set_str(s, value);
                Ok(())
            }
            Value::Nil => Err(KeyError::Nil),
            Value::Float(f) if f.is_nan() => Err(KeyError::NaN),
            _ => {
                let key = normalise(key);
                if let Value::Int(i) = key {
                    self.set_int(i, value);
                } else {
                    self.set_hashed(key, value);
                }
                Ok(())
            }
        }
    }

    /// Raw set of an integer key.
    #[inline]
    pub fn set_int(&self, i: i64, value: Value) {
        let t = self.inner();
        let idx = (i as u64).wrapping_sub(1);
        let len = t.array.len() as u64;
        if idx < len {
            t.array[idx as usize] = value;
            return;
        }
        if idx == len && !value.is_nil() {
            // append, then migrate following keys out of the hash part
            if t.entries.is_empty() {
                t.array.push(value);
                return;
            }
            if let Some(e) = self.find_entry(&Value::Int(i)) {
                // key was in the hash part: clear it there
                let ent = &mut t.entries[e];
                if !ent.value.is_nil() {
                    t.dead += 1;
                }
                ent.value = Value::Nil;
            }
            t.array.push(value);
            self.migrate_from_hash();
            return;
        }
        self.set_hashed(Value::Int(i), value);
    }

    fn migrate_from_hash(&self) {
        let t = self.inner();
        loop {
            if t.entries.len() == t.dead {
                return;
            }
            let next = Value::Int(t.array.len() as i64 + 1);
            match self.find_entry(&next) {
                Some(e) if !t.entries[e].value.is_nil() => {
                    let v = t.entries[e].value;
                    t.entries[e].value = Value::Nil;
                    t.dead += 1;
                    t.array.push(v);
                }
                _ => return,
            }
        }
    }

    /// Raw set of a string key.
    #[inline]
    pub fn set_str(&self, s: GcRef<LuaStr>, value: Value) {
        self.tm_absent.set(0);
        self.set_hashed(Value::Str(s), value);
    }

    fn set_hashed(&self, key: Value, value: Value) {
        let t = self.inner();
        if let Some(e) = self.find_entry(&key) {
            let ent = &mut t.entries[e];
            match (ent.value.is_nil(), value.is_nil()) {
                (false, true) => t.dead += 1,
                (true, false) => t.dead -= 1,
                _ => {}
            }
            ent.value = value;
            return;
        }
        if value.is_nil() {
            return;
        }
        if t.dead > 8 && t.dead * 2 > t.entries.len() {
            self.compact();
        }
        let hash = key_hash(&key);
        if let Value::Str(_) = key {
            self.str_keys.set(self.str_keys.get() | str_key_bit(hash));
        }
        let t = self.inner();
        let pos = t.entries.len() as u32;
        t.entries.push(Entry { key, value, hash });
        let entries = &t.entries;
        t.index
            .insert_unique(hash, pos, |&i| entries[i as usize].hash);
    }

    /// Drops tombstones and rebuilds the index.
    fn compact(&self) {
        let t = self.inner();
        t.entries.retain(|e| !e.value.is_nil());
        t.dead = 0;
        t.index.clear();
        for (i, e) in t.entries.iter().enumerate() {
            let entries = &t.entries;
            t.index
                .insert_unique(e.hash, i as u32, |&j| entries[j as usize].hash);
        }
    }

    /// The length operator without metamethods (a border, as `luaH_getn`).
    pub fn len(&self) -> i64 {
        let t = self.inner();
        let n = t.array.len();
        if n > 0 && t.array[n - 1].is_nil() {
            // binary search for a border in the array part
            let (mut lo, mut hi) = (0usize, n); // t[lo] non-nil (or lo == 0), t[hi] nil
            while hi - lo > 1 {
                let m = (lo + hi) / 2;
                if t.array[m - 1].is_nil() {
                    hi = m;
                } else {
                    lo = m;
                }
            }
            return lo as i64;
        }
        if t.entries.len() == t.dead {
            return n as i64;
        }
        // unbound search in the hash part
        let mut i = n as u64;
        let mut j = i + 1;
        while !self.get_int(j as i64).is_nil() {
            i = j;
            if j > (i64::MAX as u64) / 2 {
                // overflow: linear search
                let mut k = 1i64;
                while !self.get_int(k).is_nil() {
                    k += 1;
                }
                return k - 1;
            }
            j *= 2;
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if self.get_int(m as i64).is_nil() {
                j = m;
            } else {
                i = m;
            }
        }
        i as i64
    }

    /// True if the table has no array items and no live hash entries.
    pub fn is_empty(&self) -> bool {
        let t = self.inner();
        t.array.iter().all(|v| v.is_nil()) && t.entries.len() == t.dead
    }

    /// Traversal step (`next`): the entry after `key` (`nil` starts), `Ok(None)` at the end,
    /// `Err(InvalidKey)` if `key` is not in the table.
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, InvalidKey> {
        let t = self.inner();
        let key = normalise(key);
        // position to start scanning from: array index, then entries index
        let mut start_array = 0usize;
        let mut start_entry = 0usize;
        match key {
            Value::Nil => {}
            Value::Int(i) if i >= 1 && (i as u64) <= t.array.len() as u64 => {
                start_array = i as usize;
            }
            _ => {
                start_array = usize::MAX;
                match self.find_entry(&key) {
                    Some(e) => start_entry = e + 1,
                    None => {
                        if let Value::Int(i) = key {
                            // an array slot that disappeared: continue with the hash part
                            if i >= 1 {
                                start_entry = 0;
                            } else {
                                return Err(InvalidKey);
                            }
                        } else {
                            return Err(InvalidKey);
                        }
                    }
                }
            }
        }
        if start_array != usize::MAX {
            for i in start_array..t.array.len() {
                let v = t.array[i];
                if !v.is_nil() {
                    return Ok(Some((Value::Int(i as i64 + 1), v)));
                }
            }
        }
        for e in &t.entries[start_entry.min(t.entries.len())..] {
            if !e.value.is_nil() {
                return Ok(Some((e.key, e.value)));
            }
        }
        Ok(None)
    }

    /// Calls `f` on every live key/value (GC traversal).
    pub(crate) fn for_each(&self, mut f: impl FnMut(&Value, &Value)) {
        let t = self.inner();
        for (i, v) in t.array.iter().enumerate() {
            if !v.is_nil() {
                f(&Value::Int(i as i64 + 1), v);
            }
        }
        for e in &t.entries {
            if !e.value.is_nil() {
                f(&e.key, &e.value);
            }
        }
    }

    /// Removes entries for which `dead(key, value)` holds (weak-table clearing).
    pub(crate) fn clear_where(&self, mut dead: impl FnMut(&Value, &Value) -> bool) {
        let t = self.inner();
        for (i, v) in t.array.iter_mut().enumerate() {
            if !v.is_nil() && dead(&Value::Int(i as i64 + 1), v) {
                *v = Value::Nil;
            }
        }
        for e in t.entries.iter_mut() {
            if !e.value.is_nil() && dead(&e.key, &e.value) {
                e.value = Value::Nil;
                t.dead += 1;
            }
        }
    }

    /// Approximate heap footprint.
    pub fn byte_size(&self) -> usize {
        let t = self.inner();
        std::mem::size_of::<Table>()
            + t.array.capacity() * 16
            + t.entries.capacity() * std::mem::size_of::<Entry>()
            + t.index.capacity() * 5
    }

    /// Preallocates room for `n` more array items.
    pub fn reserve_array(&self, n: usize) {
        self.inner().array.reserve(n);
    }
}

/// Byte offsets for JIT code that reads and writes a table's array part inline: `(data, len)`,
/// from a table's object address (`GcRef::addr`) to the array's data pointer and to its
/// length (a `Vec`'s word order is probed, as for [`jit_entry_layout`]).
pub fn jit_array_offsets() -> (usize, usize) {
    use std::mem::offset_of;
    let (ptr, len, _) = crate::jit_abi::vec_words::<Value>();
    let array = offset_of!(crate::gc::GcBox<Table>, value)
        + offset_of!(Table, inner)
        + offset_of!(TableInner, array);
    (array + ptr, array + len)
}

/// Byte offsets for JIT code that appends to a table's array part inline: `(capacity,
/// metatable)`, from a table's object address, to the array's capacity and to the metatable
/// (a pointer, null without one).
pub fn jit_append_offsets() -> (usize, usize) {
    use std::mem::offset_of;
    let (_, _, cap) = crate::jit_abi::vec_words::<Value>();
    let table = offset_of!(crate::gc::GcBox<Table>, value);
    let array = table + offset_of!(Table, inner) + offset_of!(TableInner, array);
    const {
        assert!(
            std::mem::size_of::<Option<GcRef<Table>>>() == 8,
            "a metatable is one pointer, null for none"
        )
    };
    (array + cap, table + offset_of!(Table, meta))
}

/// Byte offsets for compiled method calls: `(str_keys, index_pos)` from a table's object
/// address ([`Table::str_keys`], a `u64`; [`Table::index_pos`], a `u32`).
pub fn jit_method_offsets() -> (usize, usize) {
    use std::mem::offset_of;
    let table = offset_of!(crate::gc::GcBox<Table>, value);
    (
        table + offset_of!(Table, str_keys),
        table + offset_of!(Table, index_pos),
    )
}

/// Byte offsets for JIT inline caches on the hash part: `(data, len, size, key, value)` —
/// the entry vector's data pointer and length from a table's object address (`GcRef::addr`),
/// the size of an entry, and the offsets of its key and value. A `Vec`'s word order is probed.
pub fn jit_entry_layout() -> (usize, usize, usize, usize, usize) {
    use std::mem::offset_of;
    let (ptr, len, _) = crate::jit_abi::vec_words::<Entry>();
    let entries = offset_of!(crate::gc::GcBox<Table>, value)
        + offset_of!(Table, inner)
        + offset_of!(TableInner, entries);
    (
        entries + ptr,
        entries + len,
        std::mem::size_of::<Entry>(),
        offset_of!(Entry, key),
        offset_of!(Entry, value),
    )
}
