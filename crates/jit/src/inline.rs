//! Inlining of small Lua functions at monomorphic call sites.
//!
//! While a function warms up, the interpreter records at each CALL the prototype of the first
//! Lua function called there, and marks the site polymorphic when another one is called later
//! (`FnProto::call_target`, `FB_POLY`). A monomorphic site whose callee is a *leaf*: a short
//! straight-line body of moves, numeric constants and `+ - * /` or unary minus, ending in
//! `return x` (or `return`), called with arguments whose types the analysis proves (each an
//! integer or a float), is compiled without a call. A guard checks that the called value is a
//! closure of that prototype; then the callee's body runs on the argument values in machine
//! registers. Nothing in such a body can fail, yield, allocate or run other code, so no callee
//! frame ever needs to exist: there is nothing to deoptimise inside it. Since the result types
//! follow from the argument types, the caller's type analysis knows the result's type too
//! ([`plan`] is its transfer function). When the guard fails, the value is called through the
//! runtime as usual and compiled code goes on if the result has the planned type; otherwise it
//! leaves for the interpreter after the call (counted as failed speculation, so a site whose
//! results keep differing is recompiled without inlining).
use crate::infer::Ty;
use lunar_bytecode::opcode::{op, Instruction};
use lunar_runtime::func::{FnProto, FB_EXIT, FB_POLY};
use lunar_runtime::gc::GcRef;
use lunar_runtime::Value;

/// Longest callee body inlined, in instructions.
const MAX_INLINE: usize = 40;

/// A call compiled inline.
#[derive(Clone, Copy)]
pub(crate) struct Plan {
    /// The prototype the called closure must have.
    pub callee: GcRef<FnProto>,
    /// Type of the first result (`Any`: the callee returns nothing, the result is nil).
    pub result: Ty,
}

/// Type of a numeric constant.
pub(crate) fn num_ty(v: Option<&Value>) -> Option<Ty> {
    match v {
        Some(Value::Int(_)) => Some(Ty::Int),
        Some(Value::Float(_)) => Some(Ty::Flt),
        _ => None,
    }
}

/// Type of `+ - *` on an integer or float `x` and `y`.
fn arith(x: Ty, y: Ty) -> Ty {
    if x == Ty::Int && y == Ty::Int {
        Ty::Int
    } else {
        Ty::Flt
    }
}

/// Whether CALL `i` at `pc` of `p` is compiled inline when the registers have types `s` (the
/// analysis's state at `pc`), and how.
pub(crate) fn plan(p: &FnProto, pc: usize, i: Instruction, s: &[Ty]) -> Option<Plan> {
    if i.opcode_raw() != op::Call || i.b() == 0 || i.c() == 0 {
        return None;
    }
    // not where compiled code left before: at the call, or after it (another callee's result
    // did not have the planned type)
    if p.feedback_at(pc) & (FB_EXIT | FB_POLY) != 0 || p.feedback_at(pc + 1) & FB_EXIT != 0 {
        return None;
    }
    let callee = p.call_target(pc)?;
    let nargs = i.b() as usize - 1;
    if callee.ast.is_some() || callee.is_vararg || callee.num_params as usize != nargs {
        return None;
    }
    let args = (0..nargs)
        .map(|k| s.get(i.a() as usize + 1 + k).copied())
        .collect::<Option<Vec<Ty>>>()?;
    if args.iter().any(|t| !matches!(t, Ty::Int | Ty::Flt)) {
        return None;
    }
    let result = leaf_result(&callee, &args)?;
    Some(Plan { callee, result })
}

/// The type of what leaf function `f` returns for arguments of types `args` (`Any`: nothing);
/// `None` if `f` is not a leaf (see the module documentation).
pub(crate) fn leaf_result(f: &FnProto, args: &[Ty]) -> Option<Ty> {
    let mut r: Vec<Option<Ty>> = vec![None; f.max_stack as usize];
    for (k, t) in args.iter().enumerate() {
        *r.get_mut(k)? = Some(*t);
    }
    for &i in f.code.iter().take(MAX_INLINE) {
        let (a, b, c) = (i.a() as usize, i.b() as usize, i.c() as usize);
        let reg = |x: usize| r.get(x).copied().flatten();
        let k = |x: usize| num_ty(f.k.get(x));
        let t = match i.opcode_raw() {
            op::Move => reg(b)?,
            op::LoadI => Ty::Int,
            op::LoadF => Ty::Flt,
            op::LoadK => k(i.bx() as usize)?,
            op::Add | op::Sub | op::Mul => arith(reg(b)?, reg(c)?),
            op::AddK | op::SubK | op::MulK => arith(reg(b)?, k(c)?),
            op::AddI => arith(reg(b)?, Ty::Int),
            op::Div => {
                reg(b)?;
                reg(c)?;
                Ty::Flt
            }
            op::DivK => {
                reg(b)?;
                k(c)?;
                Ty::Flt
            }
            op::Unm => reg(b)?,
            // never reached: the operation before it had numbers
            op::MmBin | op::MmBinI | op::MmBinK => continue,
            op::Return1 => return reg(a),
            op::Return0 => return Some(Ty::Any),
            _ => return None,
        };
        *r.get_mut(a)? = Some(t);
    }
    None
}
