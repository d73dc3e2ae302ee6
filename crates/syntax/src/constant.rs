//! Compile-time constant evaluation exactly as PUC Lua 5.4's code generator does it.
//!
//! Lua decides while parsing whether `local x <const> = exp` is a *compile-time constant*
//! (then `x` takes no register and is never an upvalue; uses of `x` are replaced by the value).
//! That is the case when the expression is a literal (`nil`, booleans, numbers, strings), a
//! reference to another compile-time constant, or an expression `lcode.c` folds: arithmetic
//! and bitwise operators on numbers (`constfolding`: no division by zero, no integer
//! conversion errors, a float result is neither NaN nor zero), unary minus / `~` on numbers,
//! `not` of a constant, `K and e` for a truthy constant `K`, `K or e` for a falsy `K`, and a
//! parenthesised constant. [`const_value`] implements these rules on the AST.

use crate::ast::{BinOp, Expr, ExprKind, UnOp};

/// A compile-time constant value.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstValue {
    /// `nil`
    Nil,
    /// `true` / `false`
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(Vec<u8>),
}

impl ConstValue {
    /// Lua truthiness: everything except `nil` and `false` is true.
    pub fn is_truthy(&self) -> bool {
        !matches!(self, ConstValue::Nil | ConstValue::Bool(false))
    }

    fn to_float(&self) -> Option<f64> {
        match *self {
            ConstValue::Int(i) => Some(i as f64),
            ConstValue::Float(f) => Some(f),
            _ => None,
        }
    }

    /// `luaV_tointegerns` with mode `F2Ieq` (floats must have an exact integer value).
    fn to_int(&self) -> Option<i64> {
        match *self {
            ConstValue::Int(i) => Some(i),
            ConstValue::Float(f) => float_to_int(f),
            _ => None,
        }
    }

    fn is_number(&self) -> bool {
        matches!(self, ConstValue::Int(_) | ConstValue::Float(_))
    }
}

/// Converts a float with an exact integer value in range to an integer (`F2Ieq`).
pub fn float_to_int(f: f64) -> Option<i64> {
    if f.floor() != f {
        return None;
    }
    // -2^63 <= f < 2^63
    if (-9223372036854775808.0..9223372036854775808.0).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

/// Which of Lua's arithmetic operations (`LUA_OPADD`...`LUA_OPBNOT`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ArithOp {
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
}

fn is_bitwise(op: ArithOp) -> bool {
    matches!(
        op,
        ArithOp::BAnd | ArithOp::BOr | ArithOp::BXor | ArithOp::Shl | ArithOp::Shr | ArithOp::BNot
    )
}

/// `luaV_shiftl`
pub fn shift_left(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> (-y) as u32) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << y as u32) as i64
    }
}

/// `luaV_mod` for integers (`n != 0`).
fn int_mod(m: i64, n: i64) -> i64 {
    if n == -1 || n == 0 {
        return 0;
    }
    let r = m % n;
    if r != 0 && (r ^ n) < 0 {
        r + n
    } else {
        r
    }
}

/// `luaV_idiv` for integers (`n != 0`).
fn int_idiv(m: i64, n: i64) -> i64 {
    if n == -1 || n == 0 {
        return m.wrapping_neg();
    }
    let q = m / n;
    if (m ^ n) < 0 && m % n != 0 {
        q - 1
    } else {
        q
    }
}

/// `luai_nummod`
pub fn float_mod(a: f64, b: f64) -> f64 {
    // luai_nummod: fmod, then move the result to the divisor's sign
    let m = a % b;
    if (m > 0.0 && b < 0.0) || (m < 0.0 && b > 0.0) {
        m + b
    } else {
        m
    }
}

fn int_arith(op: ArithOp, a: i64, b: i64) -> i64 {
    match op {
        ArithOp::Add => a.wrapping_add(b),
        ArithOp::Sub => a.wrapping_sub(b),
        ArithOp::Mul => a.wrapping_mul(b),
        ArithOp::Mod => int_mod(a, b),
        ArithOp::IDiv => int_idiv(a, b),
        ArithOp::BAnd => a & b,
        ArithOp::BOr => a | b,
        ArithOp::BXor => a ^ b,
        ArithOp::Shl => shift_left(a, b),
        ArithOp::Shr => shift_left(a, b.wrapping_neg()),
        ArithOp::Unm => 0i64.wrapping_sub(a),
        ArithOp::BNot => !a,
        ArithOp::Pow | ArithOp::Div => 0, // never integer operations
    }
}

fn float_arith(op: ArithOp, a: f64, b: f64) -> f64 {
    match op {
        ArithOp::Add => a + b,
        ArithOp::Sub => a - b,
        ArithOp::Mul => a * b,
        ArithOp::Div => a / b,
        ArithOp::Pow => {
            if b == 2.0 {
                a * a
            } else {
                a.powf(b)
            }
        }
        ArithOp::IDiv => (a / b).floor(),
        ArithOp::Unm => -a,
        ArithOp::Mod => float_mod(a, b),
        _ => 0.0, // bitwise operations are integer-only
    }
}

/// `constfolding` (with `validop` and `luaO_rawarith`): `None` when Lua would not fold.
fn constfolding(op: ArithOp, v1: &ConstValue, v2: &ConstValue) -> Option<ConstValue> {
    if !v1.is_number() || !v2.is_number() {
        return None;
    }
    // validop
    if is_bitwise(op) {
        v1.to_int()?;
        v2.to_int()?;
    } else if matches!(op, ArithOp::Div | ArithOp::IDiv | ArithOp::Mod) && v2.to_float()? == 0.0 {
        return None; // division by 0
    }
    // luaO_rawarith
    let res = if is_bitwise(op) {
        ConstValue::Int(int_arith(op, v1.to_int()?, v2.to_int()?))
    } else if matches!(op, ArithOp::Div | ArithOp::Pow) {
        ConstValue::Float(float_arith(op, v1.to_float()?, v2.to_float()?))
    } else if let (ConstValue::Int(a), ConstValue::Int(b)) = (v1, v2) {
        ConstValue::Int(int_arith(op, *a, *b))
    } else {
        ConstValue::Float(float_arith(op, v1.to_float()?, v2.to_float()?))
    };
    if let ConstValue::Float(n) = res {
        // folds neither NaN nor 0.0 (to avoid problems with -0.0)
        if n.is_nan() || n == 0.0 {
            return None;
        }
    }
    Some(res)
}

/// Folds a unary operator applied to a constant as `luaK_prefix` does (`#` never folds).
pub fn fold_unary(op: UnOp, v: &ConstValue) -> Option<ConstValue> {
    match op {
        UnOp::Neg => constfolding(ArithOp::Unm, v, &ConstValue::Int(0)),
        UnOp::BNot => constfolding(ArithOp::BNot, v, &ConstValue::Int(0)),
        UnOp::Not => Some(ConstValue::Bool(!v.is_truthy())),
        UnOp::Len => None,
    }
}

/// Folds an arithmetic or bitwise binary operator on two constants as `luaK_posfix` does.
/// Returns `None` for operators Lua never folds (comparisons, `..`, `and`, `or`: see
/// [`const_value`] for the last two) and when folding is not allowed.
pub fn fold_binary(op: BinOp, a: &ConstValue, b: &ConstValue) -> Option<ConstValue> {
    let aop = match op {
        BinOp::Add => ArithOp::Add,
        BinOp::Sub => ArithOp::Sub,
        BinOp::Mul => ArithOp::Mul,
        BinOp::Mod => ArithOp::Mod,
        BinOp::Pow => ArithOp::Pow,
        BinOp::Div => ArithOp::Div,
        BinOp::IDiv => ArithOp::IDiv,
        BinOp::BAnd => ArithOp::BAnd,
        BinOp::BOr => ArithOp::BOr,
        BinOp::BXor => ArithOp::BXor,
        BinOp::Shl => ArithOp::Shl,
        BinOp::Shr => ArithOp::Shr,
        _ => return None,
    };
    constfolding(aop, a, b)
}

/// The compile-time value of `e` as Lua's `luaK_exp2const` would see it after parsing `e`,
/// or `None` if `e` is not a compile-time constant. `lookup` resolves a name to the value of
/// the compile-time constant variable it refers to (or `None` for any other variable).
pub fn const_value(
    e: &Expr,
    lookup: &mut dyn FnMut(&str) -> Option<ConstValue>,
) -> Option<ConstValue> {
    match &e.kind {
        ExprKind::Nil => Some(ConstValue::Nil),
        ExprKind::True => Some(ConstValue::Bool(true)),
        ExprKind::False => Some(ConstValue::Bool(false)),
        ExprKind::Int(i) => Some(ConstValue::Int(*i)),
        ExprKind::Float(f) => Some(ConstValue::Float(*f)),
        ExprKind::Str(s) => Some(ConstValue::Str(s.clone())),
        ExprKind::Name(n) => lookup(n),
        ExprKind::Paren(inner) => const_value(inner, lookup),
        ExprKind::Unary(op, x) => {
            if *op == UnOp::Len {
                return None;
            }
            fold_unary(*op, &const_value(x, lookup)?)
        }
        ExprKind::Binary(..) => {
            // Walk down the left spine iteratively (`a + b + c + ...` nests to the left without
            // bound); right operands are bounded by the parser's nesting limit.
            let mut spine = Vec::new();
            let mut leaf = e;
            while let ExprKind::Binary(op, a, b) = &leaf.kind {
                spine.push((*op, &**b));
                leaf = a;
            }
            let mut acc = const_value(leaf, lookup)?;
            for (op, rhs) in spine.into_iter().rev() {
                acc = match op {
                    BinOp::And if acc.is_truthy() => const_value(rhs, lookup)?,
                    BinOp::Or if !acc.is_truthy() => const_value(rhs, lookup)?,
                    BinOp::And | BinOp::Or => return None,
                    _ => fold_binary(op, &acc, &const_value(rhs, lookup)?)?,
                };
            }
            Some(acc)
        }
        _ => None,
    }
}
