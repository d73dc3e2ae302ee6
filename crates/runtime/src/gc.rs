//! Garbage-collected heap (allocation -> mark -> sweep).
//!
//! A stop-the-world tracing mark-and-sweep collector, like PUC Lua's in "non-incremental" use:
//! every object lives in a [`GcBox`] whose [`GcHeader`] links it into one intrusive list of all
//! objects (Lua's `allgc`). A collection marks from the roots (the running thread's stack, every
//! thread object, the registry, globals, the type metatables and the pre-interned metamethod
//! names), propagates with an explicit gray stack (no native recursion, so a ten-million-long
//! linked list of tables cannot overflow the native stack), handles weak tables (`__mode`) and
//! ephemerons, resurrects objects with `__gc` finalizers for one more cycle, and sweeps.
//!
//! ## Safe points
//! Collections only run at *safe points*: `State::gc_check` called by the VM after an instruction
//! that allocated (NEWTABLE, CONCAT, CLOSURE, a native call, ...) with the live stack top set, and
//! `collectgarbage`. Allocation itself never collects. So native code may hold [`GcRef`]s in Rust
//! locals freely as long as it does not call back into Lua; across such calls, values it still
//! needs must sit in its stack slots (its arguments are there already).
//!
//! ## Layout
//! ```text
//! GcRef<T> ──► GcBox<T> (repr C)
//!              ┌──────────────────────────────┐
//!              │ header.next   (list link)    │ 8 bytes
//!              │ header.kind, header.marked   │ 2 bytes (+pad)
//!              ├──────────────────────────────┤
//!              │ value: T                     │
//!              └──────────────────────────────┘
//! ```
use std::cell::Cell;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// Kind of a heap object (used to free and traverse it without vtables).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ObjKind {
    /// [`crate::string::LuaStr`]
    Str,
    /// [`crate::table::Table`]
    Table,
    /// [`crate::func::LuaClosure`]
    LuaFn,
    /// [`crate::func::NativeClosure`]
    NativeFn,
    /// [`crate::func::UpVal`]
    UpVal,
    /// [`crate::func::FnProto`]
    Proto,
    /// [`crate::value::UserData`]
    UserData,
    /// [`crate::thread::Thread`]
    Thread,
}

/// Mark bit: reached in the current collection.
pub(crate) const MARKED: u8 = 1;
/// The object has a `__gc` metamethod registered and has not been finalized yet.
pub(crate) const FINALIZABLE: u8 = 2;
/// The object's finalizer already ran (or is queued): never finalize again.
pub(crate) const FINALIZED: u8 = 4;

/// Header shared by every heap object.
#[repr(C)]
pub struct GcHeader {
    next: Cell<Option<NonNull<GcHeader>>>,
    pub(crate) kind: ObjKind,
    pub(crate) flags: Cell<u8>,
}

/// A heap object: header followed by the value.
#[repr(C)]
pub struct GcBox<T> {
    pub(crate) header: GcHeader,
    pub(crate) value: T,
}

/// A pointer to a heap object. `Copy`, compared by identity. Dereferencing is safe because
/// objects are only freed by the sweep phase, and only when unreachable from the roots (see the
/// module docs for the safe-point rule that makes this hold).
#[repr(transparent)]
pub struct GcRef<T> {
    ptr: NonNull<GcBox<T>>,
    marker: PhantomData<*const T>,
}

impl<T> Clone for GcRef<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for GcRef<T> {}
impl<T> PartialEq for GcRef<T> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}
impl<T> Eq for GcRef<T> {}
impl<T> std::hash::Hash for GcRef<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.ptr.hash(state)
    }
}
impl<T> std::fmt::Debug for GcRef<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:p}", self.ptr)
    }
}

impl<T> std::ops::Deref for GcRef<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: a GcRef is only created by `Heap::alloc` and objects are only freed by `sweep`
        // when unreachable; any GcRef the program can still use is reachable (safe-point rule).
        unsafe { &(*self.ptr.as_ptr()).value }
    }
}

impl<T> GcRef<T> {
    /// Address of the object (for `tostring` / `%p` and hashing).
    #[inline]
    pub fn addr(self) -> usize {
        self.ptr.as_ptr() as usize
    }
    #[inline]
    pub(crate) fn as_header_ptr(self) -> NonNull<GcHeader> {
        self.ptr.cast()
    }
    /// Rebuilds a typed reference from a header pointer of the right kind.
    ///
    /// # Safety
    /// `h` must point to the header of a live `GcBox<T>`.
    #[inline]
    pub(crate) unsafe fn from_header(h: NonNull<GcHeader>) -> GcRef<T> {
        GcRef {
            ptr: h.cast(),
            marker: PhantomData,
        }
    }
    /// A reference not tied to this `GcRef`'s lifetime. Valid while the object is reachable
    /// (e.g. an argument of the running native call), like every GcRef deref.
    #[inline]
    pub fn as_static(self) -> &'static T {
        // SAFETY: see Deref; the caller keeps the object reachable while using the reference.
        unsafe { &(*self.ptr.as_ptr()).value }
    }
    /// Raw pointer to the value (for the JIT and for value-layout users).
    #[inline]
    pub fn as_ptr(self) -> *const T {
        // SAFETY: projecting a field of a live allocation.
        unsafe { &raw const (*self.ptr.as_ptr()).value }
    }
}

/// Types that can live on the heap.
pub trait GcObject: Sized {
    /// The kind tag for this type.
    const KIND: ObjKind;
    /// Approximate size in bytes (for GC pacing when no counting allocator is installed).
    fn size_hint(&self) -> usize {
        std::mem::size_of::<GcBox<Self>>()
    }
}

/// The heap: owns every object.
pub struct Heap {
    all: Option<NonNull<GcHeader>>,
    /// Number of live objects.
    pub(crate) object_count: usize,
    /// Estimated bytes allocated since the last collection (fallback pacing).
    pub(crate) estimate: usize,
    /// Estimated bytes in use after the last collection.
    pub(crate) estimate_live: usize,
    /// Whether automatic collection is enabled (`collectgarbage("stop"/"restart")`).
    pub running: bool,
    /// Collection threshold (bytes, see `State::gc_check`).
    pub(crate) threshold: usize,
    /// Gray stack used while marking.
    pub(crate) gray: Vec<NonNull<GcHeader>>,
    /// Objects with finalizers, in order of registration.
    pub(crate) finalizable: Vec<NonNull<GcHeader>>,
    /// Completed collections.
    pub collections: u64,
    /// GC pause in percent (`collectgarbage("incremental", pause)`), Lua's default 200.
    pub pause: u32,
    /// Step multiplier (kept for `collectgarbage` results only).
    pub stepmul: u32,
    /// Generational mode selected (behaves as the same full collector).
    pub generational: bool,
}

impl Heap {
    /// An empty heap.
    pub fn new() -> Heap {
        Heap {
            all: None,
            object_count: 0,
            estimate: 0,
            estimate_live: 0,
            running: true,
            threshold: 4 << 20,
            gray: Vec::new(),
            finalizable: Vec::new(),
            collections: 0,
            pause: 200,
            stepmul: 100,
            generational: false,
        }
    }

    /// Number of live objects.
    pub fn object_count(&self) -> usize {
        self.object_count
    }

    /// Moves `value` to the heap. Never collects.
    pub fn alloc<T: GcObject>(&mut self, value: T) -> GcRef<T> {
        self.estimate += value.size_hint();
        let boxed = Box::new(GcBox {
            header: GcHeader {
                next: Cell::new(self.all),
                kind: T::KIND,
                flags: Cell::new(0),
            },
            value,
        });
        let ptr = NonNull::from(Box::leak(boxed));
        self.all = Some(ptr.cast());
        self.object_count += 1;
        GcRef {
            ptr,
            marker: PhantomData,
        }
    }

    /// Marks an object gray (to be traversed) if it is not marked yet.
    #[inline]
    pub(crate) fn mark_header(&mut self, h: NonNull<GcHeader>) {
        // SAFETY: h points to a live object's header (reachable from a root).
        let hdr = unsafe { h.as_ref() };
        let f = hdr.flags.get();
        if f & MARKED == 0 {
            hdr.flags.set(f | MARKED);
            if hdr.kind != ObjKind::Str {
                self.gray.push(h);
            }
        }
    }

    /// Frees every unmarked object (calling `before_free` on each first) and clears the marks
    /// of the survivors. When `before_free` runs on a dead upvalue, thread or userdata, every
    /// dead upvalue, thread and userdata of this cycle is still allocated.
    pub(crate) fn sweep(&mut self, mut before_free: impl FnMut(NonNull<GcHeader>)) {
        // Upvalues, threads and userdata are freed last: `before_free` of a dead thread
        // closes its open upvalues (which may be dead too), and a userdata's drop may look at
        // anything. Every other dead object is freed on the spot.
        let mut dead = Vec::new();
        let mut freed = 0;
        let mut prev: Option<NonNull<GcHeader>> = None;
        let mut cur = self.all;
        while let Some(h) = cur {
            // SAFETY: list pointers are live objects.
            let hdr = unsafe { h.as_ref() };
            let next = hdr.next.get();
            if hdr.flags.get() & MARKED == 0 {
                match prev {
                    // SAFETY: prev is a live (surviving) object.
                    Some(p) => unsafe { p.as_ref() }.next.set(next),
                    None => self.all = next,
                }
                if matches!(
                    hdr.kind,
                    ObjKind::UpVal | ObjKind::Thread | ObjKind::UserData
                ) {
                    dead.push(h);
                } else {
                    before_free(h);
                    freed += 1;
                    // SAFETY: h was unlinked above, is unreachable, nothing freed later looks
                    // at it, and it is freed exactly once here.
                    unsafe { free_object(h) };
                }
            } else {
                hdr.flags.set(hdr.flags.get() & !MARKED);
                prev = Some(h);
            }
            cur = next;
        }
        for &h in &dead {
            before_free(h);
        }
        self.object_count -= dead.len() + freed;
        for h in dead {
            // SAFETY: h was unlinked above, is unreachable, and is freed exactly once here.
            unsafe { free_object(h) };
        }
    }

    /// Frees everything (at state close).
    pub(crate) fn free_all(&mut self) {
        let mut cur = self.all.take();
        while let Some(h) = cur {
            // SAFETY: list pointers are live; each is freed exactly once.
            cur = unsafe { h.as_ref() }.next.get();
            unsafe { free_object(h) };
        }
        self.object_count = 0;
    }
}

/// Frees one object.
///
/// # Safety
/// `h` must be an unreachable object that is no longer in the heap list.
unsafe fn free_object(h: NonNull<GcHeader>) {
    use crate::func::{FnProto, LuaClosure, NativeClosure, UpVal};
    use crate::string::LuaStr;
    use crate::table::Table;
    use crate::thread::Thread;
    use crate::value::UserData;
    // SAFETY: the header says which GcBox<T> this is; it was created by Box::new in alloc.
    unsafe {
        match h.as_ref().kind {
            ObjKind::Str => drop(Box::from_raw(h.cast::<GcBox<LuaStr>>().as_ptr())),
            ObjKind::Table => drop(Box::from_raw(h.cast::<GcBox<Table>>().as_ptr())),
            ObjKind::LuaFn => drop(Box::from_raw(h.cast::<GcBox<LuaClosure>>().as_ptr())),
            ObjKind::NativeFn => drop(Box::from_raw(h.cast::<GcBox<NativeClosure>>().as_ptr())),
            ObjKind::UpVal => drop(Box::from_raw(h.cast::<GcBox<UpVal>>().as_ptr())),
            ObjKind::Proto => drop(Box::from_raw(h.cast::<GcBox<FnProto>>().as_ptr())),
            ObjKind::UserData => drop(Box::from_raw(h.cast::<GcBox<UserData>>().as_ptr())),
            ObjKind::Thread => drop(Box::from_raw(h.cast::<GcBox<Thread>>().as_ptr())),
        }
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        self.free_all();
    }
}
