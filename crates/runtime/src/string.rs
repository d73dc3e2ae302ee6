//! Strings (bytes -> interned `LuaStr` objects).
//!
//! Every Lua string is an immutable byte string, interned in one weak set: equal strings are the
//! same object, so string equality and table lookups by string key are pointer comparisons, and
//! each string's hash is computed once. (PUC Lua interns only strings of up to 40 bytes; interning
//! all of them costs one hash pass over a new string, which is no more than the copy that made it.)
use hashbrown::HashTable;

use crate::gc::{GcObject, GcRef, Heap, ObjKind};

/// An immutable byte string on the heap.
pub struct LuaStr {
    hash: u64,
    bytes: Box<[u8]>,
}

impl LuaStr {
    /// The bytes.
    #[inline(always)]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// Length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.bytes.len()
    }
    /// True if empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
    /// Precomputed hash.
    #[inline(always)]
    pub fn hash(&self) -> u64 {
        self.hash
    }
    /// Lossy UTF-8 view (for messages).
    pub fn to_str_lossy(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }
}

impl GcObject for LuaStr {
    const KIND: ObjKind = ObjKind::Str;
    fn size_hint(&self) -> usize {
        std::mem::size_of::<crate::gc::GcBox<Self>>() + self.bytes.len()
    }
}

/// Hashes a byte string (FNV-1a style mixing over 8-byte words; fast and good enough for
/// hash tables keyed by interned pointers).
#[inline]
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (b.len() as u64);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(23);
    }
    for &x in chunks.remainder() {
        h = (h ^ x as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    // final avalanche (splitmix64 finaliser)
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The weak set of all strings.
#[derive(Default)]
pub struct Interner {
    set: HashTable<GcRef<LuaStr>>,
}

impl Interner {
    /// Returns the unique string object with these bytes, creating it if needed.
    pub fn intern(&mut self, heap: &mut Heap, bytes: &[u8]) -> GcRef<LuaStr> {
        let hash = hash_bytes(bytes);
        if let Some(s) = self.set.find(hash, |s| s.as_bytes() == bytes) {
            return *s;
        }
        let s = heap.alloc(LuaStr {
            hash,
            bytes: bytes.into(),
        });
        self.set.insert_unique(hash, s, |s| s.hash);
        s
    }

    /// Like [`Interner::intern`] but takes ownership of a buffer (no copy when new).
    pub fn intern_owned(&mut self, heap: &mut Heap, bytes: Vec<u8>) -> GcRef<LuaStr> {
        let hash = hash_bytes(&bytes);
        if let Some(s) = self.set.find(hash, |s| s.as_bytes() == bytes.as_slice()) {
            return *s;
        }
        let s = heap.alloc(LuaStr {
            hash,
            bytes: bytes.into_boxed_slice(),
        });
        self.set.insert_unique(hash, s, |s| s.hash);
        s
    }

    /// Removes a string that is about to be freed.
    pub(crate) fn remove(&mut self, s: GcRef<LuaStr>) {
        if let Ok(entry) = self.set.find_entry(s.hash, |x| *x == s) {
            entry.remove();
        }
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// True if no strings are interned.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}
