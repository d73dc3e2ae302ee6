//! Static type inference over a prototype's bytecode, for speculative compilation.
//!
//! A forward data-flow analysis computes, for every instruction, what is known about each
//! register's type when the instruction starts *in compiled code*: integer, float, some number,
//! or nothing. Knowledge comes from constants (`LOADI`, `LOADF`, `LOADK`), numeric `for` loops,
//! and arithmetic. In speculative mode arithmetic on operands of unknown type is compiled with
//! a guard that leaves compiled code when an operand is not a number (the interpreter then runs
//! the instruction with its metamethod), so the path that stays in compiled code knows the
//! result is a number — and no metamethod path merges back into it. The translator then omits
//! tag checks (and tag stores) that the analysis proves redundant, and checks the assumed
//! types once where the interpreter enters compiled code in the middle of a function.
//!
//! Instructions that may run Lua code (calls, table accesses, metamethods, allocation points,
//! which may run finalizers) can change this frame's registers in two ways: through open
//! upvalues (closures created here that capture a register) and with `debug.setlocal`. Without
//! speculation, knowledge is dropped entirely at such instructions. In speculative code the
//! common ones (table accesses, calls, `#`, `..`, table and closure creation: see
//! [`keeps_knowledge`]) only forget the registers they write and the registers captured by
//! closures; the translator makes the path after their runtime call leave for the interpreter
//! once `debug.setlocal` has ever changed a local (`State::jit_locals_changed`). Comparisons
//! and arithmetic that fall back to metamethods still drop everything.
use lunar_bytecode::opcode::{op, Instruction};
use lunar_runtime::func::{FnProto, FB_EXIT, FB_FLOAT, FB_INT, PARAM_FLOAT, PARAM_INT};
use lunar_runtime::Value;

/// What is known of a register's type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Ty {
    /// Nothing.
    Any,
    /// An integer or a float.
    Num,
    /// An integer.
    Int,
    /// A float.
    Flt,
}

impl Ty {
    fn meet(self, o: Ty) -> Ty {
        if self == o {
            self
        } else if self.is_num() && o.is_num() {
            Ty::Num
        } else {
            Ty::Any
        }
    }

    /// Known to be a number.
    pub(crate) fn is_num(self) -> bool {
        self != Ty::Any
    }

    /// Type of the result of `+ - *` on numbers of types `x` and `y`.
    fn add(x: Ty, y: Ty) -> Ty {
        match (x, y) {
            (Ty::Int, Ty::Int) => Ty::Int,
            (Ty::Flt, _) | (_, Ty::Flt) => Ty::Flt,
            _ => Ty::Num,
        }
    }
}

/// Type of a numeric constant operand.
fn const_ty(v: Option<&Value>) -> Option<Ty> {
    match v {
        Some(Value::Int(_)) => Some(Ty::Int),
        Some(Value::Float(_)) => Some(Ty::Flt),
        _ => None,
    }
}

/// Whether instruction `i` at `pc` is compiled speculatively in speculative mode (arithmetic
/// whose operands are guarded to be numbers, leaving compiled code otherwise) — unless the
/// interpreter saw it need its metamethod or coercion fallback (type feedback).
pub(crate) fn speculated(p: &FnProto, pc: usize, i: Instruction) -> bool {
    if p.saw_fallback(pc) {
        return false;
    }
    match i.opcode_raw() {
        op::Add | op::Sub | op::Mul | op::Div | op::AddI | op::Unm => true,
        op::AddK | op::SubK | op::MulK | op::DivK => const_ty(p.k.get(i.c() as usize)).is_some(),
        _ => false,
    }
}

/// Instructions after which speculative code keeps what it knows of the registers they do not
/// write (and that no closure captured); they continue at one successor.
pub(crate) fn keeps_knowledge(i: Instruction) -> bool {
    matches!(
        i.opcode_raw(),
        op::GetTabUp
            | op::GetTable
            | op::GetI
            | op::GetField
            | op::SetTabUp
            | op::SetTable
            | op::SetI
            | op::SetField
            | op::OpSelf
            | op::Call
            | op::TForCall
            | op::Concat
            | op::Len
            | op::NewTable
            | op::Closure
    )
}

/// The registers written by a [`keeps_knowledge`] instruction: `(first, last)` inclusive
/// (`last` = `usize::MAX`: every register from `first` up).
fn written(i: Instruction) -> Option<(usize, usize)> {
    let a = i.a() as usize;
    match i.opcode_raw() {
        op::SetTabUp | op::SetTable | op::SetI | op::SetField => None,
        op::OpSelf => Some((a, a + 1)),
        op::Call => Some((a, usize::MAX)),
        op::TForCall => Some((a + 4, usize::MAX)),
        op::Concat => Some((a, a + (i.b() as usize).max(1) - 1)),
        _ => Some((a, a)),
    }
}

/// Registers captured by closures created in `p` (open upvalues: a called function may write
/// them).
fn captured(p: &FnProto) -> Vec<bool> {
    let mut c = vec![false; p.max_stack as usize];
    for i in p.code.iter() {
        if i.opcode_raw() == op::Closure {
            if let Some(child) = p.protos.get(i.bx() as usize) {
                for u in child.upvalues.iter().filter(|u| u.in_stack) {
                    if let Some(x) = c.get_mut(u.index as usize) {
                        *x = true;
                    }
                }
            }
        }
    }
    c
}

/// Whether speculated arithmetic at `pc` also assumes that operands of unknown type are floats
/// (the interpreter did float arithmetic there: `FB_FLOAT`, and no integer arithmetic:
/// `FB_INT`), so the result is a float — unless compiled code left there before (`FB_EXIT`: a
/// recompilation only assumes numbers).
pub(crate) fn float_speculated(p: &FnProto, pc: usize, i: Instruction) -> bool {
    speculated(p, pc, i)
        && p.feedback_at(pc) & (FB_FLOAT | FB_INT | FB_EXIT) == FB_FLOAT
        && matches!(
            i.opcode_raw(),
            op::Add | op::Sub | op::Mul | op::Div | op::AddK | op::SubK | op::MulK | op::DivK
        )
}

/// The parameter types speculative code assumes on entry (checked there: failing, the
/// interpreter runs the call): those of the arguments the interpreter saw while the function
/// warmed up, unless compiled code left at function entry before (`FB_EXIT` at pc 0).
pub(crate) fn entry_assumed(p: &FnProto, spec: bool) -> Vec<(u32, Ty)> {
    if !spec || p.is_vararg || p.feedback_at(0) & FB_EXIT != 0 {
        return Vec::new();
    }
    (0..(p.num_params as usize).min(p.max_stack as usize))
        .filter_map(|k| {
            let t = match p.param_seen(k) {
                PARAM_INT => Ty::Int,
                PARAM_FLOAT => Ty::Flt,
                b if b == PARAM_INT | PARAM_FLOAT => Ty::Num,
                _ => return None,
            };
            Some((k as u32, t))
        })
        .collect()
}

/// Register types at the start of each instruction (`None`: not reached in compiled code by
/// the analysis, e.g. the MMBIN after a speculated operation).
pub(crate) type States = Vec<Option<Vec<Ty>>>;

/// Analyses `p`; `spec`: arithmetic is speculated (see the module documentation).
pub(crate) fn analyse(p: &FnProto, spec: bool) -> States {
    let n = p.code.len();
    let nreg = p.max_stack as usize;
    let mut states: States = vec![None; n];
    if n == 0 {
        return states;
    }
    let mut entry = vec![Ty::Any; nreg];
    for (r, t) in entry_assumed(p, spec) {
        entry[r as usize] = t;
    }
    states[0] = Some(entry);
    let mut work = vec![0usize];
    let mut queued = vec![false; n];
    queued[0] = true;
    let mut succ = Vec::with_capacity(2);
    let mut special = Vec::new();
    let captured = captured(p);
    while let Some(pc) = work.pop() {
        queued[pc] = false;
        let Some(s) = states[pc].clone() else {
            continue;
        };
        succ.clear();
        special.clear();
        let out = transfer(p, pc, s, spec, &captured, &mut succ, &mut special);
        let edges = succ
            .iter()
            .map(|&t| (t, &out))
            .chain(special.iter().map(|(t, s)| (*t, s)));
        for (t, out) in edges {
            if t >= n {
                continue;
            }
            let changed = match &mut states[t] {
                None => {
                    states[t] = Some(out.clone());
                    true
                }
                Some(old) => {
                    let mut ch = false;
                    for (o, x) in old.iter_mut().zip(out) {
                        let m = o.meet(*x);
                        if m != *o {
                            *o = m;
                            ch = true;
                        }
                    }
                    ch
                }
            };
            if changed && !queued[t] {
                queued[t] = true;
                work.push(t);
            }
        }
    }
    states
}

/// The state after instruction `pc` (the same on every successor), successors in `succ`.
/// `special`: successors with a state of their own.
fn transfer(
    p: &FnProto,
    pc: usize,
    mut s: Vec<Ty>,
    spec: bool,
    captured: &[bool],
    succ: &mut Vec<usize>,
    special: &mut Vec<(usize, Vec<Ty>)>,
) -> Vec<Ty> {
    let i = p.code[pc];
    let a = i.a() as usize;
    let at = |s: &Vec<Ty>, r: u32| s.get(r as usize).copied().unwrap_or(Ty::Any);
    let set = |s: &mut Vec<Ty>, r: usize, t: Ty| {
        if r < s.len() {
            s[r] = t;
        }
    };
    let forget = |s: &mut Vec<Ty>| s.iter_mut().for_each(|t| *t = Ty::Any);
    let next = pc + 1;
    let skip = pc + 2;
    match i.opcode_raw() {
        op::Move => {
            let t = at(&s, i.b());
            set(&mut s, a, t);
            succ.push(next);
        }
        op::LoadI => {
            set(&mut s, a, Ty::Int);
            succ.push(next);
        }
        op::LoadF => {
            set(&mut s, a, Ty::Flt);
            succ.push(next);
        }
        op::LoadK => {
            let t = const_ty(p.k.get(i.bx() as usize)).unwrap_or(Ty::Any);
            set(&mut s, a, t);
            succ.push(next);
        }
        op::LoadKX => {
            let k = p
                .code
                .get(next)
                .map(|x| x.ax() as usize)
                .unwrap_or(usize::MAX);
            let t = const_ty(p.k.get(k)).unwrap_or(Ty::Any);
            set(&mut s, a, t);
            succ.push(skip);
        }
        op::LoadFalse | op::LoadTrue | op::GetUpval | op::Not => {
            set(&mut s, a, Ty::Any);
            succ.push(next);
        }
        op::LFalseSkip => {
            set(&mut s, a, Ty::Any);
            succ.push(skip);
        }
        op::LoadNil => {
            for r in a..=a + i.b() as usize {
                set(&mut s, r, Ty::Any);
            }
            succ.push(next);
        }
        op::SetUpval => succ.push(next),
        op::Jmp => succ.push((pc as i64 + 1 + i.sj() as i64) as usize),
        op::Test | op::EqK | op::EqI => succ.extend([next, skip]),
        op::TestSet => {
            set(&mut s, a, Ty::Any);
            succ.extend([next, skip]);
        }
        op::Lt | op::Le | op::Eq => {
            if !(at(&s, i.a()).is_num() && at(&s, i.b()).is_num()) {
                forget(&mut s); // metamethods
            }
            succ.extend([next, skip]);
        }
        op::LtI | op::LeI | op::GtI | op::GeI => {
            if !at(&s, i.a()).is_num() {
                forget(&mut s);
            }
            succ.extend([next, skip]);
        }
        op::ForPrep => {
            // the loop kind is fixed by the initial value and the step (lvm.c forprep)
            let (init, step) = (at(&s, i.a()), at(&s, i.a() + 2));
            let t = match (init, step) {
                (Ty::Int, Ty::Int) => Ty::Int,
                (x, y) if x.is_num() && y.is_num() => Ty::Flt,
                _ => Ty::Any,
            };
            // skipping the loop leaves the loop registers as they were (no type known)
            let mut skipped = s.clone();
            for r in a..a + 4 {
                set(&mut s, r, t);
                set(&mut skipped, r, Ty::Any);
            }
            special.push((pc + i.bx() as usize + 2, skipped));
            succ.push(next);
        }
        op::ForLoop => succ.extend([next, pc + 1 - i.bx() as usize]),
        o if spec && speculated(p, pc, i) => {
            let x = at(&s, i.b());
            let y = match o {
                op::Add | op::Sub | op::Mul | op::Div => at(&s, i.c()),
                op::AddI => Ty::Int,
                op::Unm => x,
                _ => const_ty(p.k.get(i.c() as usize)).unwrap_or(Ty::Any),
            };
            // past the guard the operands are numbers (floats, with float feedback)
            let guessed = if float_speculated(p, pc, i) {
                Ty::Flt
            } else {
                Ty::Num
            };
            let refine = |t: Ty| match t {
                Ty::Int | Ty::Flt => t,
                Ty::Num if guessed == Ty::Num => t,
                _ => guessed,
            };
            let (x, y) = (refine(x), refine(y));
            set(&mut s, i.b() as usize, x);
            if matches!(o, op::Add | op::Sub | op::Mul | op::Div) {
                set(&mut s, i.c() as usize, y);
            }
            let r = match o {
                op::Div | op::DivK => Ty::Flt,
                op::Unm => x,
                _ => Ty::add(x, y),
            };
            set(&mut s, a, r);
            // the MMBIN that follows binary operations is skipped
            succ.push(if o == op::Unm { next } else { skip });
        }
        op::Return | op::Return0 | op::Return1 | op::TailCall => {}
        op::Call if spec && crate::inline::plan(p, pc, i, &s).is_some() => {
            // compiled inline, the result's type following from the arguments' (another
            // callee is called for real: as for other calls, its result is checked to have that
            // type, and it may change captured registers)
            let plan = crate::inline::plan(p, pc, i, &s).expect("plan");
            for (r, t) in s.iter_mut().enumerate() {
                if r >= a || captured.get(r) == Some(&true) {
                    *t = Ty::Any;
                }
            }
            set(&mut s, a, plan.result);
            succ.push(next);
        }
        o if spec && keeps_knowledge(i) => {
            for (r, t) in s.iter_mut().enumerate() {
                let w = written(i).is_some_and(|(lo, hi)| (lo..=hi).contains(&r));
                if w || captured.get(r) == Some(&true) {
                    *t = Ty::Any;
                }
            }
            succ.push(if o == op::NewTable { skip } else { next });
        }
        o => {
            forget(&mut s);
            match o {
                op::AddI..=op::Shr => succ.extend([next, skip]),
                op::NewTable => succ.push(skip),
                op::SetList if i.k() => succ.push(skip),
                op::TForPrep => succ.push(pc + 1 + i.bx() as usize),
                op::TForLoop => succ.extend([next, pc + 1 - i.bx() as usize]),
                _ => succ.push(next),
            }
        }
    }
    s
}
