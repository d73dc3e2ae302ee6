//! Operators: constant folding, arithmetic with immediate and constant operands, comparisons,
//! concatenation (`luaK_prefix`, `luaK_infix`, `luaK_posfix` and their helpers in lcode.c).
use lunar_syntax::ast::{BinOp, UnOp};

use super::code::{constant_index, register, value_expression};
use super::constants::{float_to_integer, fold, ArithmeticOperation};
use super::expdesc::{ExpressionDescription as Expression, ExpressionKind as Kind, Value};
use super::{CompileResult, Compiler};
use crate::opcode::{OpCode, MAXARG_C, OFFSET_SC};

/// Metamethod events (ltm.h `TMS`), as used by the MMBIN* instructions.
mod event {
    pub(super) const ADD: u32 = 6;
    pub(super) const SUBTRACT: u32 = 7;
    pub(super) const SHIFT_LEFT: u32 = 16;
    pub(super) const SHIFT_RIGHT: u32 = 17;
}

/// `OpCode` at a fixed distance from another one in the opcode table.
fn opcode_at(base: OpCode, offset: u32) -> OpCode {
    OpCode::from_u8(base as u8 + offset as u8).unwrap_or(OpCode::ExtraArg)
}

/// Position of an arithmetic/bitwise operator in Lua's `BinOpr` order (`OPR_ADD` = 0 ..
/// `OPR_SHR` = 11), `None` for the other operators.
fn arithmetic_index(operator: BinOp) -> Option<u32> {
    Some(match operator {
        BinOp::Add => 0,
        BinOp::Sub => 1,
        BinOp::Mul => 2,
        BinOp::Mod => 3,
        BinOp::Pow => 4,
        BinOp::Div => 5,
        BinOp::IDiv => 6,
        BinOp::BAnd => 7,
        BinOp::BOr => 8,
        BinOp::BXor => 9,
        BinOp::Shl => 10,
        BinOp::Shr => 11,
        _ => return None,
    })
}

/// The folding operation of an arithmetic/bitwise operator.
fn arithmetic_operation(operator: BinOp) -> Option<ArithmeticOperation> {
    use ArithmeticOperation::*;
    Some(match operator {
        BinOp::Add => Add,
        BinOp::Sub => Subtract,
        BinOp::Mul => Multiply,
        BinOp::Mod => Modulo,
        BinOp::Pow => Power,
        BinOp::Div => Divide,
        BinOp::IDiv => IntegerDivide,
        BinOp::BAnd => BitwiseAnd,
        BinOp::BOr => BitwiseOr,
        BinOp::BXor => BitwiseXor,
        BinOp::Shl => ShiftLeft,
        BinOp::Shr => ShiftRight,
        _ => return None,
    })
}

/// Does `i` fit in an sC operand (`fitsC`)?
fn fits_signed_c(i: i64) -> bool {
    (i as u64).wrapping_add(OFFSET_SC as u64) <= MAXARG_C as u64
}

/// Encodes a small signed integer as an sC/sB operand (`int2sC`).
fn signed_c(i: i64) -> u32 {
    (i + OFFSET_SC as i64) as u32
}

/// Is an integer literal fitting in an sC operand (`isSCint`)?
fn is_signed_c_integer(e: &Expression) -> bool {
    match e.kind {
        Kind::Integer(i) => !e.has_jumps() && fits_signed_c(i),
        _ => false,
    }
}

/// Is a numeral (integer, or float with an integral value) fitting in an sB/sC operand
/// (`isSCnumber`)? Returns the encoded operand; sets `is_float` for floats, even when they do
/// not fit (as Lua does).
fn signed_c_number(e: &Expression, is_float: &mut bool) -> Option<u32> {
    let i = match e.kind {
        Kind::Integer(i) => i,
        Kind::Float(f) => match float_to_integer(f) {
            Some(i) => {
                *is_float = true;
                i
            }
            None => return None,
        },
        _ => return None,
    };
    if !e.has_jumps() && fits_signed_c(i) {
        Some(signed_c(i))
    } else {
        None
    }
}

impl<'a> Compiler<'a> {
    // -- Operators ------------------------------------------------------------------------------

    /// Codes a unary operator producing a value (`codeunexpval`).
    fn code_unary_value(
        &mut self,
        op: OpCode,
        e: &mut Expression<'a>,
        line: u32,
    ) -> CompileResult<()> {
        let r = self.expression_to_any_register(e)?;
        self.free_expression(e);
        e.kind = Kind::Relocatable(self.emit_abc(op, 0, r, 0));
        self.fix_line(line);
        Ok(())
    }

    /// Emits a binary operator producing a value plus its MMBIN* companion (`finishbinexpval`).
    fn finish_binary_value(
        &mut self,
        e1: &mut Expression<'a>,
        e2: &Expression<'a>,
        op: OpCode,
        v2: u32,
        flip: bool,
        line: u32,
        metamethod_op: OpCode,
        event: u32,
    ) -> CompileResult<()> {
        let v1 = self.expression_to_any_register(e1)?;
        let pc = self.emit_abck(op, 0, v1, v2, false);
        self.free_expressions(e1, e2);
        e1.kind = Kind::Relocatable(pc);
        self.fix_line(line);
        self.emit_abck(metamethod_op, v1, v2, event, flip);
        self.fix_line(line);
        Ok(())
    }

    /// Binary operator over two registers (`codebinexpval`).
    fn code_binary_value(
        &mut self,
        op: OpCode,
        e1: &mut Expression<'a>,
        e2: &mut Expression<'a>,
        line: u32,
    ) -> CompileResult<()> {
        let v2 = self.expression_to_any_register(e2)?;
        let event = (op as u32 - OpCode::Add as u32) + event::ADD;
        self.finish_binary_value(e1, e2, op, v2, false, line, OpCode::MmBin, event)
    }

    /// Binary operator with an immediate operand (`codebini`).
    fn code_binary_immediate(
        &mut self,
        op: OpCode,
        e1: &mut Expression<'a>,
        e2: &Expression<'a>,
        flip: bool,
        line: u32,
        event: u32,
    ) -> CompileResult<()> {
        let v2 = match e2.kind {
            Kind::Integer(i) => signed_c(i),
            _ => 0,
        };
        self.finish_binary_value(e1, e2, op, v2, flip, line, OpCode::MmBinI, event)
    }

    /// Codes `e1 op e2` as `e1 op' -e2` with an immediate (`finishbinexpneg`).
    fn finish_binary_negated(
        &mut self,
        e1: &mut Expression<'a>,
        e2: &Expression<'a>,
        op: OpCode,
        line: u32,
        event: u32,
    ) -> CompileResult<bool> {
        if !e2.is_integer_constant() {
            return Ok(false);
        }
        let i2 = match e2.kind {
            Kind::Integer(i) => i,
            _ => return Ok(false),
        };
        if !(fits_signed_c(i2) && fits_signed_c(i2.wrapping_neg())) {
            return Ok(false);
        }
        self.finish_binary_value(
            e1,
            e2,
            op,
            signed_c(-i2),
            false,
            line,
            OpCode::MmBinI,
            event,
        )?;
        let last = self.pc() - 1;
        self.instruction_mut(last).set_b(signed_c(i2));
        Ok(true)
    }

    /// Arithmetic operator, with a K operand when possible (`codearith`).
    fn code_arithmetic(
        &mut self,
        index: u32,
        e1: &mut Expression<'a>,
        e2: &mut Expression<'a>,
        flip: bool,
        line: u32,
    ) -> CompileResult<()> {
        let event = index + event::ADD;
        if e2.numeral().is_some() && self.expression_to_constant(e2) {
            let v2 = constant_index(e2);
            let op = opcode_at(OpCode::AddK, index);
            self.finish_binary_value(e1, e2, op, v2, flip, line, OpCode::MmBinK, event)
        } else {
            let op = opcode_at(OpCode::Add, index);
            if flip {
                std::mem::swap(e1, e2);
            }
            self.code_binary_value(op, e1, e2, line)
        }
    }

    /// Commutative operators, moving a numeral to the second operand (`codecommutative`).
    fn code_commutative(
        &mut self,
        index: u32,
        e1: &mut Expression<'a>,
        e2: &mut Expression<'a>,
        line: u32,
    ) -> CompileResult<()> {
        let mut flip = false;
        if e1.numeral().is_some() {
            std::mem::swap(e1, e2);
            flip = true;
        }
        if index == 0 && is_signed_c_integer(e2) {
            self.code_binary_immediate(OpCode::AddI, e1, e2, flip, line, event::ADD)
        } else {
            self.code_arithmetic(index, e1, e2, flip, line)
        }
    }

    /// Bitwise operators, moving an integer constant to the second operand (`codebitwise`).
    fn code_bitwise(
        &mut self,
        index: u32,
        e1: &mut Expression<'a>,
        e2: &mut Expression<'a>,
        line: u32,
    ) -> CompileResult<()> {
        let mut flip = false;
        if matches!(e1.kind, Kind::Integer(_)) && self.expression_to_register_or_constant(e1)? {
            std::mem::swap(e1, e2);
            flip = true;
        } else if !(matches!(e2.kind, Kind::Integer(_))
            && self.expression_to_register_or_constant(e2)?)
        {
            let op = opcode_at(OpCode::Add, index);
            return self.code_binary_value(op, e1, e2, line);
        }
        let v2 = constant_index(e2);
        let op = opcode_at(OpCode::AddK, index);
        self.finish_binary_value(
            e1,
            e2,
            op,
            v2,
            flip,
            line,
            OpCode::MmBinK,
            index + event::ADD,
        )
    }

    /// Order comparisons, with immediate operands when possible (`codeorder`).
    fn code_order(
        &mut self,
        op: OpCode,
        e1: &mut Expression<'a>,
        e2: &mut Expression<'a>,
    ) -> CompileResult<()> {
        let mut is_float = false;
        let (op, r1, r2) = if let Some(immediate) = signed_c_number(e2, &mut is_float) {
            let r1 = self.expression_to_any_register(e1)?;
            let op = if op == OpCode::Lt {
                OpCode::LtI
            } else {
                OpCode::LeI
            };
            (op, r1, immediate)
        } else if let Some(immediate) = signed_c_number(e1, &mut is_float) {
            let r1 = self.expression_to_any_register(e2)?;
            let op = if op == OpCode::Lt {
                OpCode::GtI
            } else {
                OpCode::GeI
            };
            (op, r1, immediate)
        } else {
            let r1 = self.expression_to_any_register(e1)?;
            let r2 = self.expression_to_any_register(e2)?;
            (op, r1, r2)
        };
        self.free_expressions(e1, e2);
        e1.kind = Kind::Jump(self.conditional_jump(op, r1, r2, is_float as u32, true));
        Ok(())
    }

    /// Equality comparisons (`codeeq`); `e1` was already made R/K by [`Self::infix`].
    fn code_equality(
        &mut self,
        equal: bool,
        e1: &mut Expression<'a>,
        e2: &mut Expression<'a>,
    ) -> CompileResult<()> {
        let mut is_float = false;
        if !matches!(e1.kind, Kind::NonRelocatable(_)) {
            std::mem::swap(e1, e2);
        }
        let r1 = self.expression_to_any_register(e1)?;
        let (op, r2) = if let Some(immediate) = signed_c_number(e2, &mut is_float) {
            (OpCode::EqI, immediate)
        } else if self.expression_to_register_or_constant(e2)? {
            (OpCode::EqK, constant_index(e2))
        } else {
            (OpCode::Eq, self.expression_to_any_register(e2)?)
        };
        self.free_expressions(e1, e2);
        e1.kind = Kind::Jump(self.conditional_jump(op, r1, r2, is_float as u32, equal));
        Ok(())
    }

    /// Applies a prefix operator (`luaK_prefix`).
    pub(super) fn prefix(
        &mut self,
        operator: UnOp,
        e: &mut Expression<'a>,
        line: u32,
    ) -> CompileResult<()> {
        self.discharge_variables(e);
        let (operation, op) = match operator {
            UnOp::Neg => (ArithmeticOperation::Negate, OpCode::Unm),
            UnOp::BNot => (ArithmeticOperation::BitwiseNot, OpCode::BNot),
            UnOp::Len => return self.code_unary_value(OpCode::Len, e, line),
            UnOp::Not => return self.code_not(e),
        };
        if let Some(value) = e.numeral() {
            if let Some(result) = fold(operation, value, Value::Integer(0)) {
                e.kind = value_expression(result);
                return Ok(());
            }
        }
        self.code_unary_value(op, e, line)
    }

    /// Processes the first operand of a binary operator before the second is read
    /// (`luaK_infix`).
    pub(super) fn infix(&mut self, operator: BinOp, v: &mut Expression<'a>) -> CompileResult<()> {
        self.discharge_variables(v);
        match operator {
            BinOp::And => self.go_if_true(v),
            BinOp::Or => self.go_if_false(v),
            BinOp::Concat => self.expression_to_next_register(v),
            BinOp::Eq | BinOp::Ne => {
                if v.numeral().is_none() {
                    self.expression_to_register_or_constant(v)?;
                }
                Ok(())
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                if signed_c_number(v, &mut false).is_none() {
                    self.expression_to_any_register(v)?;
                }
                Ok(())
            }
            _ => {
                if v.numeral().is_none() {
                    self.expression_to_any_register(v)?;
                }
                Ok(())
            }
        }
    }

    /// Codes `e1 .. e2`, merging with a CONCAT produced by `e2` (`codeconcat`).
    fn code_concat(
        &mut self,
        e1: &Expression<'a>,
        e2: &Expression<'a>,
        line: u32,
    ) -> CompileResult<()> {
        if let Some(previous) = self.previous_instruction() {
            let instruction = self.instruction(previous);
            if instruction.opcode() == OpCode::Concat {
                let n = instruction.b();
                self.free_expression(e2);
                let instruction = self.instruction_mut(previous);
                instruction.set_a(register(e1));
                instruction.set_b(n + 1);
                return Ok(());
            }
        }
        self.emit_abc(OpCode::Concat, register(e1), 2, 0);
        self.free_expression(e2);
        self.fix_line(line);
        Ok(())
    }

    /// Finishes a binary operator once the second operand is read (`luaK_posfix`).
    pub(super) fn posfix(
        &mut self,
        operator: BinOp,
        e1: &mut Expression<'a>,
        e2: &mut Expression<'a>,
        line: u32,
    ) -> CompileResult<()> {
        self.discharge_variables(e2);
        if let Some(operation) = arithmetic_operation(operator) {
            if let (Some(v1), Some(v2)) = (e1.numeral(), e2.numeral()) {
                if let Some(result) = fold(operation, v1, v2) {
                    e1.kind = value_expression(result);
                    return Ok(());
                }
            }
        }
        match operator {
            BinOp::And => {
                let mut false_list = e2.false_list;
                self.concatenate_jumps(&mut false_list, e1.false_list)?;
                e2.false_list = false_list;
                *e1 = *e2;
            }
            BinOp::Or => {
                let mut true_list = e2.true_list;
                self.concatenate_jumps(&mut true_list, e1.true_list)?;
                e2.true_list = true_list;
                *e1 = *e2;
            }
            BinOp::Concat => {
                self.expression_to_next_register(e2)?;
                self.code_concat(e1, e2, line)?;
            }
            BinOp::Add | BinOp::Mul => {
                let index = arithmetic_index(operator).unwrap_or(0);
                self.code_commutative(index, e1, e2, line)?;
            }
            BinOp::Sub => {
                if !self.finish_binary_negated(e1, e2, OpCode::AddI, line, event::SUBTRACT)? {
                    self.code_arithmetic(1, e1, e2, false, line)?;
                }
            }
            BinOp::Div | BinOp::IDiv | BinOp::Mod | BinOp::Pow => {
                let index = arithmetic_index(operator).unwrap_or(0);
                self.code_arithmetic(index, e1, e2, false, line)?;
            }
            BinOp::BAnd | BinOp::BOr | BinOp::BXor => {
                let index = arithmetic_index(operator).unwrap_or(0);
                self.code_bitwise(index, e1, e2, line)?;
            }
            BinOp::Shl => {
                if is_signed_c_integer(e1) {
                    std::mem::swap(e1, e2);
                    self.code_binary_immediate(
                        OpCode::ShlI,
                        e1,
                        e2,
                        true,
                        line,
                        event::SHIFT_LEFT,
                    )?;
                } else if !self.finish_binary_negated(
                    e1,
                    e2,
                    OpCode::ShrI,
                    line,
                    event::SHIFT_LEFT,
                )? {
                    self.code_binary_value(OpCode::Shl, e1, e2, line)?;
                }
            }
            BinOp::Shr => {
                if is_signed_c_integer(e2) {
                    self.code_binary_immediate(
                        OpCode::ShrI,
                        e1,
                        e2,
                        false,
                        line,
                        event::SHIFT_RIGHT,
                    )?;
                } else {
                    self.code_binary_value(OpCode::Shr, e1, e2, line)?;
                }
            }
            BinOp::Eq | BinOp::Ne => self.code_equality(operator == BinOp::Eq, e1, e2)?,
            BinOp::Lt => self.code_order(OpCode::Lt, e1, e2)?,
            BinOp::Le => self.code_order(OpCode::Le, e1, e2)?,
            BinOp::Gt | BinOp::Ge => {
                // (a > b) <=> (b < a); (a >= b) <=> (b <= a)
                std::mem::swap(e1, e2);
                let op = if operator == BinOp::Gt {
                    OpCode::Lt
                } else {
                    OpCode::Le
                };
                self.code_order(op, e1, e2)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::fits_signed_c;

    #[test]
    fn signed_c_range() {
        assert!(fits_signed_c(127) && fits_signed_c(128) && !fits_signed_c(129));
        assert!(fits_signed_c(-127) && !fits_signed_c(-128));
    }
}
