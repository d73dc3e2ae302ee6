//! A full collection (roots -> mark -> weak tables -> finalizers -> sweep) and its pacing.
use std::ptr::NonNull;

use crate::func::{FnProto, LuaClosure, NativeClosure, UpVal};
use crate::gc::{GcHeader, GcRef, ObjKind, FINALIZABLE, FINALIZED, MARKED};
use crate::state::{LResult, State, Tm, CI_FIN};
use crate::string::LuaStr;
use crate::table::Table;
use crate::thread::Thread;
use crate::value::{UserData, Value};

#[inline]
fn value_header(v: &Value) -> Option<NonNull<GcHeader>> {
    Some(match v {
        Value::Str(r) => r.as_header_ptr(),
        Value::Table(r) => r.as_header_ptr(),
        Value::LuaFn(r) => r.as_header_ptr(),
        Value::NativeFn(r) => r.as_header_ptr(),
        Value::UserData(r) => r.as_header_ptr(),
        Value::Thread(r) => r.as_header_ptr(),
        _ => return None,
    })
}

#[inline]
fn is_marked(h: NonNull<GcHeader>) -> bool {
    // SAFETY: only called on live objects during a collection.
    unsafe { h.as_ref() }.flags.get() & MARKED != 0
}

/// Is `v` a collectable value that is not marked? Strings count as never cleared (they are
/// marked instead, as Lua's `iscleared` does).
fn cleared(heap: &mut crate::gc::Heap, v: &Value) -> bool {
    match v {
        Value::Str(s) => {
            heap.mark_header(s.as_header_ptr());
            false
        }
        _ => match value_header(v) {
            Some(h) => !is_marked(h),
            None => false,
        },
    }
}

struct Weak {
    table: GcRef<Table>,
    keys: bool,
    values: bool,
}

impl State {
    #[inline]
    fn mark_value(&mut self, v: &Value) {
        if let Some(h) = value_header(v) {
            self.heap.mark_header(h);
        }
    }

    fn weak_mode(&self, t: GcRef<Table>) -> (bool, bool) {
        if let Some(mt) = t.meta.get() {
            if let Value::Str(s) = self.tm_of(mt, Tm::Mode) {
                let b = s.as_bytes();
                return (b.contains(&b'k'), b.contains(&b'v'));
            }
        }
        (false, false)
    }

    fn propagate(&mut self, weak: &mut Vec<Weak>) {
        while let Some(h) = self.heap.gray.pop() {
            // SAFETY: gray objects are live; the kind tag tells the concrete type.
            let kind = unsafe { h.as_ref() }.kind;
            match kind {
                ObjKind::Str => {}
                ObjKind::Table => {
                    // SAFETY: kind is Table.
                    let t: GcRef<Table> = unsafe { GcRef::from_header(h) };
                    if let Some(mt) = t.meta.get() {
                        self.heap.mark_header(mt.as_header_ptr());
                    }
                    let (wk, wv) = self.weak_mode(t);
                    if wk || wv {
                        weak.push(Weak {
                            table: t,
                            keys: wk,
                            values: wv,
                        });
                        if !wk {
                            // weak values: keys are strong
                            t.for_each(|k, _| {
                                if let Some(h) = value_header(k) {
                                    self.heap.mark_header(h);
                                }
                            });
                        } else if !wv {
                            // ephemeron: values marked later if their keys are
                        }
                    } else {
                        t.for_each(|k, v| {
                            if let Some(h) = value_header(k) {
                                self.heap.mark_header(h);
                            }
                            if let Some(h) = value_header(v) {
                                self.heap.mark_header(h);
                            }
                        });
                    }
                }
                ObjKind::LuaFn => {
                    // SAFETY: kind is LuaFn.
                    let c: GcRef<LuaClosure> = unsafe { GcRef::from_header(h) };
                    self.heap.mark_header(c.proto.as_header_ptr());
                    for u in c.upvals.iter() {
                        self.heap.mark_header(u.as_header_ptr());
                    }
                }
                ObjKind::NativeFn => {
                    // SAFETY: kind is NativeFn.
                    let c: GcRef<NativeClosure> = unsafe { GcRef::from_header(h) };
                    for u in c.upvals.iter() {
                        self.mark_value(&u.get());
                    }
                }
                ObjKind::UpVal => {
                    // SAFETY: kind is UpVal.
                    let u: GcRef<UpVal> = unsafe { GcRef::from_header(h) };
                    self.mark_value(&u.get());
                }
                ObjKind::Proto => {
                    // SAFETY: kind is Proto.
                    let p: GcRef<FnProto> = unsafe { GcRef::from_header(h) };
                    self.heap.mark_header(p.source.as_header_ptr());
                    for k in p.k.iter() {
                        self.mark_value(k);
                    }
                    for q in p.protos.iter() {
                        self.heap.mark_header(q.as_header_ptr());
                    }
                    for q in p.call_targets.get().into_iter().flatten() {
                        if let Some(q) = q.get() {
                            self.heap.mark_header(q.as_header_ptr());
                        }
                    }
                }
                ObjKind::UserData => {
                    // SAFETY: kind is UserData.
                    let u: GcRef<UserData> = unsafe { GcRef::from_header(h) };
                    if let Some(mt) = u.meta.get() {
                        self.heap.mark_header(mt.as_header_ptr());
                    }
                    self.mark_value(&u.user_value.get());
                }
                ObjKind::Thread => {
                    // SAFETY: kind is Thread.
                    let t: GcRef<Thread> = unsafe { GcRef::from_header(h) };
                    let err = t.inner().error;
                    self.mark_value(&err);
                    if t != self.current {
                        let inner = t.inner();
                        let top = inner.top.min(inner.stack.len());
                        for i in 0..top {
                            let v = inner.stack[i];
                            self.mark_value(&v);
                        }
                        for v in inner.stack[top..].iter_mut() {
                            *v = Value::Nil;
                        }
                        for u in inner.open_upvals.clone() {
                            self.heap.mark_header(u.as_header_ptr());
                        }
                    }
                }
            }
        }
    }

    /// Marks values of ephemeron tables whose keys are marked, until nothing changes.
    fn converge(&mut self, weak: &mut Vec<Weak>) {
        loop {
            self.propagate(weak);
            let mut changed = false;
            for w in weak.iter() {
                if w.keys && !w.values {
                    let mut to_mark = Vec::new();
                    w.table.for_each(|k, v| {
                        let key_alive = match value_header(k) {
                            Some(h) => is_marked(h) || matches!(k, Value::Str(_)),
                            None => true,
                        };
                        if key_alive {
                            if let Some(h) = value_header(v) {
                                if !is_marked(h) {
                                    to_mark.push(h);
                                }
                            }
                        }
                    });
                    for h in to_mark {
                        self.heap.mark_header(h);
                        changed = true;
                    }
                }
            }
            if !changed && self.heap.gray.is_empty() {
                break;
            }
        }
    }

    fn clear_weak(&mut self, weak: &[Weak], keys: bool, values: bool) {
        for w in weak {
            let heap = &mut self.heap;
            w.table.clear_where(|k, v| {
                (keys && w.keys && cleared(heap, k)) || (values && w.values && cleared(heap, v))
            });
        }
    }

    fn mark_roots(&mut self) {
        let top = self.top.min(self.stack.len());
        for i in 0..top {
            let v = self.stack[i];
            self.mark_value(&v);
        }
        for v in self.stack[top..].iter_mut() {
            *v = Value::Nil;
        }
        for u in self.open_upvals.clone() {
            self.heap.mark_header(u.as_header_ptr());
        }
        self.heap.mark_header(self.current.as_header_ptr());
        self.heap.mark_header(self.main_thread.as_header_ptr());
        self.heap.mark_header(self.globals.as_header_ptr());
        self.heap.mark_header(self.registry.as_header_ptr());
        for mt in self.type_meta.into_iter().flatten() {
            self.heap.mark_header(mt.as_header_ptr());
        }
        for s in self.tm_names.clone() {
            self.heap.mark_header(s.as_header_ptr());
        }
        let n = self.names;
        for s in [n.name, n.tostring, n.metatable, n.pairs, n.n, n.env] {
            self.heap.mark_header(s.as_header_ptr());
        }
        for v in self.to_finalize.clone() {
            self.mark_value(&v);
        }
        for v in self.handlers.clone() {
            self.mark_value(&v);
        }
        if let Some(e) = &self.jit_error {
            let v = e.value;
            self.mark_value(&v);
        }
    }

    /// Runs a full collection now (does not call finalizers; see [`State::run_finalizers`]).
    pub fn full_gc(&mut self) {
        let mut weak = Vec::new();
        self.mark_roots();
        self.converge(&mut weak);
        // clear weak values before resurrecting finalizable objects
        self.clear_weak(&weak, false, true);
        // separate unreachable objects with finalizers
        let mut newly = Vec::new();
        self.heap.finalizable.retain(|&h| {
            // SAFETY: finalizable objects are live until swept.
            let hdr = unsafe { h.as_ref() };
            if hdr.flags.get() & MARKED == 0 {
                hdr.flags.set((hdr.flags.get() & !FINALIZABLE) | FINALIZED);
                newly.push(h);
                false
            } else {
                true
            }
        });
        for &h in &newly {
            // SAFETY: h is live (not swept yet) and of the kind its header says.
            let v = unsafe {
                match h.as_ref().kind {
                    ObjKind::Table => Value::Table(GcRef::from_header(h)),
                    ObjKind::UserData => Value::UserData(GcRef::from_header(h)),
                    _ => continue,
                }
            };
            self.to_finalize.push(v);
            self.heap.mark_header(h);
        }
        self.converge(&mut weak);
        self.clear_weak(&weak, true, true);
        // sweep
        let strings = &mut self.strings;
        let current = self.current;
        let jit_freed = &mut self.jit_freed;
        self.heap.sweep(|h| {
            // SAFETY: h is an object about to be freed; its kind tells its type.
            match unsafe { h.as_ref() }.kind {
                ObjKind::Str => {
                    let s: GcRef<LuaStr> = unsafe { GcRef::from_header(h) };
                    strings.remove(s);
                }
                ObjKind::Proto => {
                    // compiled code of a dead prototype: no frame can be running it (frames
                    // keep their closures, and so their prototypes, alive)
                    let p: GcRef<FnProto> = unsafe { GcRef::from_header(h) };
                    if p.jit_code.get() > 1 {
                        jit_freed.push(p.jit_code.get());
                    }
                }
                ObjKind::Thread => {
                    let t: GcRef<Thread> = unsafe { GcRef::from_header(h) };
                    if t != current {
                        for u in t.inner().open_upvals.drain(..) {
                            u.close();
                        }
                    }
                }
                _ => {}
            }
        });
        self.heap.collections += 1;
        let live = crate::alloc::allocated_bytes();
        let live = if live == 0 {
            self.heap.object_count * 64
        } else {
            live
        };
        self.heap.estimate = 0;
        self.heap.estimate_live = live;
        self.heap.threshold = (live / 100)
            .saturating_mul(self.heap.pause as usize)
            .max(1 << 20);
    }

    /// Bytes currently in use (allocator counter, or an estimate without it).
    pub fn gc_bytes(&self) -> usize {
        let a = crate::alloc::allocated_bytes();
        if a > 0 {
            a
        } else {
            self.heap.estimate_live + self.heap.estimate
        }
    }

    /// True if a collection is due (cheap: one counter load and compare).
    #[inline(always)]
    pub fn gc_due(&self) -> bool {
        self.heap.running && self.gc_bytes() >= self.heap.threshold
    }

    /// Safe point: collects if the heap grew past the threshold, then runs finalizers.
    /// `top` must cover every live value of the running thread.
    #[inline]
    pub fn gc_check(&mut self) -> LResult<()> {
        if self.heap.running && self.gc_bytes() >= self.heap.threshold {
            self.gc_step_slow()?;
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn gc_step_slow(&mut self) -> LResult<()> {
        self.full_gc();
        if self.gc_bytes() > self.memory_limit {
            // leave headroom so the error can be handled, then report it
            self.heap.threshold = self.heap.threshold.max(self.gc_bytes() + (1 << 20));
            let v = self.str_value(b"not enough memory");
            return Err(crate::state::LuaError::new(v));
        }
        self.run_finalizers()
    }

    /// Registers `obj` for finalization if its metatable has `__gc` (`luaC_checkfinalizer`).
    pub fn check_finalizer(&mut self, obj: Value, mt: GcRef<Table>) {
        if self.tm_of(mt, Tm::Gc).is_nil() {
            return;
        }
        if let Some(h) = value_header(&obj) {
            // SAFETY: obj is a live object.
            let hdr = unsafe { h.as_ref() };
            let f = hdr.flags.get();
            if f & (FINALIZABLE | FINALIZED) == 0 {
                hdr.flags.set(f | FINALIZABLE);
                self.heap.finalizable.push(h);
            }
        }
    }

    /// Calls pending `__gc` metamethods (errors become warnings, as in Lua 5.4).
    pub fn run_finalizers(&mut self) -> LResult<()> {
        if self.in_finalizer {
            return Ok(());
        }
        self.in_finalizer = true;
        // finalizers cannot yield (PUC Lua calls them without a continuation)
        self.nny += 1;
        while let Some(obj) = self.to_finalize.pop() {
            let tm = self.metamethod(&obj, Tm::Gc);
            if !tm.is_function() {
                continue;
            }
            let base = self.top;
            if self.ensure_stack(base + 4).is_err() {
                break;
            }
            self.stack[base] = tm;
            self.stack[base + 1] = obj;
            self.top = base + 2;
            let sp = self.save();
            let fin_flag = CI_FIN;
            let _ = fin_flag;
            let r = self.pcall(base, 0, None);
            if let Err(e) = r {
                let msg = match e.value {
                    Value::Str(s) => s.to_str_lossy().into_owned(),
                    ref v => format!("({} value)", v.type_name()),
                };
                self.warn(&format!("error in __gc metamethod ({msg})"), false);
            }
            self.restore(sp, base);
        }
        self.nny -= 1;
        self.in_finalizer = false;
        Ok(())
    }

    /// Calls the finalizers of every object that still has one (at state close).
    pub fn close_state(&mut self) {
        self.full_gc();
        let all: Vec<NonNull<GcHeader>> = self.heap.finalizable.drain(..).rev().collect();
        for h in all {
            // SAFETY: h is live (finalizable objects were kept by the collection above).
            let v = unsafe {
                let hdr = h.as_ref();
                hdr.flags.set((hdr.flags.get() & !FINALIZABLE) | FINALIZED);
                match hdr.kind {
                    ObjKind::Table => Value::Table(GcRef::from_header(h)),
                    ObjKind::UserData => Value::UserData(GcRef::from_header(h)),
                    _ => continue,
                }
            };
            self.to_finalize.insert(0, v);
        }
        let _ = self.run_finalizers();
    }

    /// Emits a warning (`warn`): shown on stderr as "Lua warning: ..." when warnings are on.
    pub fn warn(&mut self, msg: &str, tocont: bool) {
        self.warn_buf.extend_from_slice(msg.as_bytes());
        if tocont {
            return;
        }
        let text = std::mem::take(&mut self.warn_buf);
        if text.first() == Some(&b'@') {
            match &text[..] {
                b"@on" => self.warn_on = true,
                b"@off" => self.warn_on = false,
                _ => {}
            }
            return;
        }
        if self.warn_on {
            use std::io::Write;
            let mut e = std::io::stderr();
            let _ = e.write_all(b"Lua warning: ");
            let _ = e.write_all(&text);
            let _ = e.write_all(b"\n");
        }
    }
}
