//! Functions: runtime prototypes, Lua closures, native closures and upvalues.
use std::cell::{Cell, UnsafeCell};

use lunar_bytecode::{Constant, Instruction, LocVar, Proto, UpvalDesc};

use crate::gc::{GcObject, GcRef, Heap, ObjKind};
use crate::state::{LResult, State};
use crate::string::{Interner, LuaStr};
use crate::value::Value;

/// A native function: reads its arguments from the current frame (`st.arg(i)`), pushes its
/// results and returns how many it pushed (like a `lua_CFunction`).
pub type NativeFn = fn(&mut State) -> LResult<usize>;

/// A prototype ready to run: the compiler's [`Proto`] with constants turned into values.
pub struct FnProto {
    /// Instructions.
    pub code: Box<[Instruction]>,
    /// Constants as values (strings interned).
    pub k: Box<[Value]>,
    /// Nested prototypes.
    pub protos: Box<[GcRef<FnProto>]>,
    /// Upvalue descriptors.
    pub upvalues: Box<[UpvalDesc]>,
    /// Number of fixed parameters.
    pub num_params: u8,
    /// Vararg function?
    pub is_vararg: bool,
    /// Registers needed.
    pub max_stack: u8,
    /// Chunk name.
    pub source: GcRef<LuaStr>,
    /// Line of `function`.
    pub line_defined: u32,
    /// Line of `end`.
    pub last_line_defined: u32,
    /// Line of each instruction.
    pub line_info: Box<[u32]>,
    /// Local variable debug info.
    pub loc_vars: Box<[LocVar]>,
    /// Instructions with absolute entries in Lua's line encoding (see
    /// [`Proto::abs_line_pcs`]; kept so that `string.dump` reproduces `luac`'s bytes).
    pub abs_line_pcs: Option<Box<[u32]>>,
    /// Engine-specific body for functions not compiled to bytecode (the tree-walker stores its
    /// resolved function here; `code` is then synthetic debug code, not executable).
    pub ast: Option<std::rc::Rc<dyn EngineBody>>,
    /// Profile: number of calls (the JIT's tiering counter).
    pub call_count: Cell<u32>,
    /// Profile: number of loop back-edges taken.
    pub backedge_count: Cell<u32>,
    /// Compiled code of the JIT tier: 0 = not compiled (yet), 1 = not compilable, otherwise a
    /// [`JitCode`] function pointer.
    pub jit_code: Cell<usize>,
    /// Times compiled code of this prototype left for the interpreter (failed speculation);
    /// at [`crate::jit_abi::DEOPT_LIMIT`] it is recompiled without speculating where it failed,
    /// at twice that without speculation.
    pub deopts: Cell<u32>,
    /// Inline caches of compiled code, one per instruction, allocated by the JIT: for field
    /// accesses, two positions of the key in tables' hash parts (16 bits each, low half) and
    /// its position in the class (the metatable's `__index` table, high half); for method
    /// calls, the method's position in the class (low half).
    pub jit_ic: std::cell::OnceCell<Box<[Cell<u64>]>>,
    /// Type feedback, a byte of `FB_*` bits per instruction (allocated at the first note):
    /// what the interpreter saw there, and where compiled code's speculation failed.
    pub feedback: std::cell::OnceCell<Box<[Cell<u8>]>>,
    /// Call feedback, one cell per instruction (allocated at the first note): the prototype of
    /// the first Lua function that a CALL there called while this function warmed up
    /// (`FB_POLY` feedback once another one was called there). The collector keeps these
    /// prototypes alive: compiled code compares called closures' prototypes with them.
    pub call_targets: std::cell::OnceCell<Box<[CallTarget]>>,
    /// Parameter feedback: for each of the first 8 parameters, 4 bits of what the interpreter
    /// saw on entry while the function warmed up (`PARAM_INT`, `PARAM_FLOAT`, `PARAM_OTHER`).
    pub param_types: Cell<u32>,
}

/// Parameter feedback ([`FnProto::param_types`]): an integer argument was seen.
pub const PARAM_INT: u32 = 1;
/// Parameter feedback: a float argument was seen.
pub const PARAM_FLOAT: u32 = 2;
/// Parameter feedback: an argument of another type was seen.
pub const PARAM_OTHER: u32 = 4;

/// Feedback: the arithmetic instruction needed its fallback (a metamethod or a string
/// coercion) in the interpreter; the JIT does not speculate there.
pub const FB_FALLBACK: u8 = 1;
/// Feedback: the interpreter did float arithmetic at the instruction (the JIT speculates that
/// operands of unknown type are floats).
pub const FB_FLOAT: u8 = 2;
/// Feedback: compiled code left for the interpreter at the instruction (a guard failed); a
/// recompilation does not speculate there.
pub const FB_EXIT: u8 = 4;
/// A CALL site's recorded callee (see [`FnProto::call_targets`]).
pub type CallTarget = Cell<Option<GcRef<FnProto>>>;

/// Feedback: the interpreter did integer arithmetic at the instruction (with `FB_FLOAT`: both
/// kinds were seen, and the JIT does not speculate that operands are floats).
pub const FB_INT: u8 = 16;
/// Feedback: the CALL instruction called closures of more than one prototype (see
/// [`FnProto::call_targets`]).
pub const FB_POLY: u8 = 8;

/// The body of a prototype that another engine runs instead of its bytecode (see
/// [`FnProto::ast`]); engines downcast it to their own type (through `&dyn Any`).
pub trait EngineBody: std::any::Any {
    /// The bytecode prototype (with its nested prototypes) compiled from the same source as
    /// `p`, which is the prototype holding this body; `None` if there is none. `string.dump`
    /// serialises this, since the body itself cannot be.
    fn bytecode(&self, p: &FnProto) -> Option<Proto>;
}

/// Signature of JIT-compiled prototype code: `(state, registers of the frame, entry pc) ->
/// status`. The status's low 32 bits are the pc where the interpreter resumes.
pub type JitCode = unsafe extern "C" fn(*mut State, *mut Value, u32) -> u64;

impl GcObject for FnProto {
    const KIND: ObjKind = ObjKind::Proto;
}

impl FnProto {
    /// Converts a compiled prototype (recursively) into heap objects.
    pub fn load(heap: &mut Heap, strings: &mut Interner, p: &Proto) -> GcRef<FnProto> {
        let k = p
            .constants
            .iter()
            .map(|c| match c {
                Constant::Nil => Value::Nil,
                Constant::Bool(b) => Value::Bool(*b),
                Constant::Int(i) => Value::Int(*i),
                Constant::Float(f) => Value::Float(*f),
                Constant::Str(s) => Value::Str(strings.intern(heap, s)),
            })
            .collect();
        let protos = p
            .protos
            .iter()
            .map(|q| FnProto::load(heap, strings, q))
            .collect();
        let source = strings.intern(heap, p.source.as_bytes());
        heap.alloc(FnProto {
            code: p.code.clone().into_boxed_slice(),
            k,
            protos,
            upvalues: p.upvalues.clone().into_boxed_slice(),
            num_params: p.num_params,
            is_vararg: p.is_vararg,
            max_stack: p.max_stack_size,
            source,
            line_defined: p.line_defined,
            last_line_defined: p.last_line_defined,
            line_info: p.line_info.clone().into_boxed_slice(),
            loc_vars: p.loc_vars.clone().into_boxed_slice(),
            abs_line_pcs: p
                .abs_line_pcs
                .as_ref()
                .map(|v| v.clone().into_boxed_slice()),
            ast: None,
            call_count: Cell::new(0),
            backedge_count: Cell::new(0),
            jit_code: Cell::new(0),
            deopts: Cell::new(0),
            jit_ic: Default::default(),
            feedback: Default::default(),
            call_targets: Default::default(),
            param_types: Cell::new(0),
        })
    }

    /// The bytecode prototype this runtime prototype was loaded from (the inverse of
    /// [`FnProto::load`]; for `string.dump`). Prototypes of other engines (`ast`) provide it
    /// through [`EngineBody::bytecode`]; `None` when they cannot.
    pub fn to_proto(&self) -> Option<Proto> {
        if let Some(body) = &self.ast {
            return body.bytecode(self);
        }
        let constants = self
            .k
            .iter()
            .map(|v| match *v {
                Value::Bool(b) => Some(Constant::Bool(b)),
                Value::Int(i) => Some(Constant::Int(i)),
                Value::Float(f) => Some(Constant::Float(f)),
                Value::Str(s) => Some(Constant::Str(s.as_bytes().to_vec())),
                Value::Nil => Some(Constant::Nil),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        let protos = self
            .protos
            .iter()
            .map(|q| q.to_proto())
            .collect::<Option<Vec<_>>>()?;
        Some(Proto {
            source: String::from_utf8_lossy(self.source.as_bytes()).into_owned(),
            line_defined: self.line_defined,
            last_line_defined: self.last_line_defined,
            num_params: self.num_params,
            is_vararg: self.is_vararg,
            max_stack_size: self.max_stack,
            code: self.code.to_vec(),
            constants,
            upvalues: self.upvalues.to_vec(),
            protos,
            line_info: self.line_info.to_vec(),
            loc_vars: self.loc_vars.to_vec(),
            abs_line_pcs: self.abs_line_pcs.as_ref().map(|v| v.to_vec()),
        })
    }

    /// Records feedback `bit` (`FB_*`) for the instruction at `pc`.
    #[cold]
    pub fn note_feedback(&self, pc: usize, bit: u8) {
        let n = self.code.len();
        let bytes = self
            .feedback
            .get_or_init(|| (0..n).map(|_| Cell::new(0)).collect());
        if let Some(b) = bytes.get(pc) {
            b.set(b.get() | bit);
        }
    }

    /// Records that the arithmetic instruction at `pc` needed its fallback (type feedback).
    #[cold]
    pub fn note_fallback(&self, pc: usize) {
        self.note_feedback(pc, FB_FALLBACK);
    }

    /// Records that the interpreter did float arithmetic at `pc` (cheap once recorded).
    #[inline(always)]
    pub fn note_float(&self, pc: usize) {
        self.note_once(pc, FB_FLOAT);
    }

    /// Records that the interpreter did integer arithmetic at `pc` (cheap once recorded).
    #[inline(always)]
    pub fn note_int(&self, pc: usize) {
        self.note_once(pc, FB_INT);
    }

    /// Records feedback `bit` at `pc` unless it is there already (a load and a test then).
    #[inline(always)]
    fn note_once(&self, pc: usize, bit: u8) {
        let seen = self
            .feedback
            .get()
            .and_then(|b| b.get(pc))
            .is_some_and(|b| b.get() & bit != 0);
        if !seen {
            self.note_feedback(pc, bit);
        }
    }

    /// Records the types of the arguments a call passed (the parameters' values on entry).
    #[inline]
    pub fn note_params(&self, args: &[Value]) {
        let mut bits = self.param_types.get();
        for (k, v) in args.iter().take(8).enumerate() {
            let b = match v {
                Value::Int(_) => PARAM_INT,
                Value::Float(_) => PARAM_FLOAT,
                _ => PARAM_OTHER,
            };
            bits |= b << (4 * k);
        }
        self.param_types.set(bits);
    }

    /// The parameter feedback of parameter `k` (`PARAM_*` bits; 0: nothing recorded).
    pub fn param_seen(&self, k: usize) -> u32 {
        if k >= 8 {
            return 0;
        }
        (self.param_types.get() >> (4 * k)) & 0xf
    }

    /// Records that the CALL at `pc` called a closure of `callee` (cheap once recorded).
    #[inline(always)]
    pub fn note_call(&self, pc: usize, callee: GcRef<FnProto>) {
        let known = self
            .call_targets
            .get()
            .and_then(|t| t.get(pc))
            .is_some_and(|c| c.get() == Some(callee));
        if !known {
            self.note_new_call(pc, callee);
        }
    }

    #[cold]
    fn note_new_call(&self, pc: usize, callee: GcRef<FnProto>) {
        if self.feedback_at(pc) & FB_POLY != 0 {
            return;
        }
        let n = self.code.len();
        let targets = self
            .call_targets
            .get_or_init(|| (0..n).map(|_| Cell::new(None)).collect());
        match targets.get(pc).map(|c| (c, c.get())) {
            Some((c, None)) => c.set(Some(callee)),
            Some((_, Some(old))) if old != callee => self.note_feedback(pc, FB_POLY),
            _ => {}
        }
    }

    /// The one prototype whose closures the CALL at `pc` called while this function warmed up
    /// (`None`: none, or several).
    pub fn call_target(&self, pc: usize) -> Option<GcRef<FnProto>> {
        if self.feedback_at(pc) & FB_POLY != 0 {
            return None;
        }
        self.call_targets.get()?.get(pc)?.get()
    }

    /// The feedback bits of the instruction at `pc`.
    pub fn feedback_at(&self, pc: usize) -> u8 {
        self.feedback
            .get()
            .and_then(|b| b.get(pc))
            .map_or(0, |b| b.get())
    }

    /// Whether the instruction at `pc` ever needed its fallback ([`FnProto::note_fallback`]).
    pub fn saw_fallback(&self, pc: usize) -> bool {
        self.feedback_at(pc) & FB_FALLBACK != 0
    }

    /// Source line of instruction `pc` (or -1 without debug info).
    pub fn line_at(&self, pc: usize) -> i64 {
        self.line_info.get(pc).map(|&l| l as i64).unwrap_or(-1)
    }

    /// Name of the `n`-th (1-based) local variable active at `pc` (`luaF_getlocalname`).
    pub fn local_name(&self, mut n: usize, pc: usize) -> Option<&str> {
        for v in self.loc_vars.iter() {
            if v.start_pc as usize > pc {
                break;
            }
            if pc < v.end_pc as usize {
                n -= 1;
                if n == 0 {
                    return Some(&v.name);
                }
            }
        }
        None
    }
}

/// A captured variable: points into a stack while the variable's frame is live ("open"), and
/// holds the value itself once the frame exits ("closed").
#[repr(C)]
pub struct UpVal {
    v: Cell<*mut Value>,
    closed: UnsafeCell<Value>,
    /// Stack index while open.
    pub(crate) index: Cell<usize>,
}

impl GcObject for UpVal {
    const KIND: ObjKind = ObjKind::UpVal;
}

impl UpVal {
    /// Allocates an open upvalue for stack slot `index` whose current address is `slot`.
    pub(crate) fn new_open(heap: &mut Heap, index: usize, slot: *mut Value) -> GcRef<UpVal> {
        heap.alloc(UpVal {
            v: Cell::new(slot),
            closed: UnsafeCell::new(Value::Nil),
            index: Cell::new(index),
        })
    }

    /// A closed upvalue holding `v`.
    pub fn new_closed(heap: &mut Heap, v: Value) -> GcRef<UpVal> {
        let u = heap.alloc(UpVal {
            v: Cell::new(std::ptr::null_mut()),
            closed: UnsafeCell::new(v),
            index: Cell::new(0),
        });
        u.v.set(u.closed.get());
        u
    }

    /// Current value.
    #[inline(always)]
    pub fn get(&self) -> Value {
        // SAFETY: `v` points either to `closed` or to a live slot of the owning thread's stack;
        // stack reallocation updates it (`State::fix_upvals`).
        unsafe { *self.v.get() }
    }

    /// Assigns.
    #[inline(always)]
    pub fn set(&self, val: Value) {
        // SAFETY: as for `get`.
        unsafe { *self.v.get() = val }
    }

    /// True while the upvalue still points into a stack.
    #[inline]
    pub fn is_open(&self) -> bool {
        self.v.get() != self.closed.get()
    }

    /// Closes the upvalue (copies the value out of the stack).
    pub(crate) fn close(&self) {
        let val = self.get();
        // SAFETY: single-threaded; no other reference to `closed` is live.
        unsafe { *self.closed.get() = val };
        self.v.set(self.closed.get());
    }

    /// Re-points an open upvalue after its stack moved.
    pub(crate) fn relocate(&self, base: *mut Value) {
        // SAFETY: index is within the (new) stack allocation.
        self.v.set(unsafe { base.add(self.index.get()) });
    }
}

/// A Lua function value: a prototype plus its captured upvalues.
#[repr(C)]
pub struct LuaClosure {
    /// The prototype.
    pub proto: GcRef<FnProto>,
    /// Upvalues, in the order of `proto.upvalues`.
    pub upvals: Box<[GcRef<UpVal>]>,
}

impl GcObject for LuaClosure {
    const KIND: ObjKind = ObjKind::LuaFn;
}

/// A native function value, with optional upvalues (like a C closure).
pub struct NativeClosure {
    /// The function.
    pub f: NativeFn,
    /// Name for messages when no better one is known (e.g. "print").
    pub name: &'static str,
    /// Upvalues.
    pub upvals: Box<[Cell<Value>]>,
}

impl GcObject for NativeClosure {
    const KIND: ObjKind = ObjKind::NativeFn;
}

/// Byte offsets for JIT code that reads and writes upvalues inline: `(upvals, v)`, where
/// `upvals` is the offset from a closure's object address (`GcRef::addr`) to the pointer to its
/// array of `GcRef<UpVal>`, and `v` the offset from an upvalue's object address to its value
/// pointer (`UpVal::v`, pointing into the stack while open and at the upvalue itself once
/// closed). Both structs are `repr(C)`; the order of a boxed slice's (pointer, length) pair
/// is not fixed by Rust, so it is probed.
pub fn jit_upvalue_offsets() -> (usize, usize) {
    use crate::gc::GcBox;
    let probe: Box<[usize]> = vec![0usize; 2].into_boxed_slice();
    #[allow(unsafe_code)]
    // SAFETY: a `Box<[usize]>` is two machine words (data pointer and length, in some order);
    // reading them as two words does not move or drop the box.
    let words: [usize; 2] = unsafe { std::mem::transmute_copy(&probe) };
    let data = if words[0] == probe.as_ptr() as usize {
        0
    } else {
        std::mem::size_of::<usize>()
    };
    let upvals = std::mem::offset_of!(GcBox<LuaClosure>, value)
        + std::mem::offset_of!(LuaClosure, upvals)
        + data;
    let v = std::mem::offset_of!(GcBox<UpVal>, value) + std::mem::offset_of!(UpVal, v);
    (upvals, v)
}
