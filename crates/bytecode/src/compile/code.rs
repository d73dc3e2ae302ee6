//! Code generator primitives: a port of PUC Lua 5.4.4's `lcode.c`.
//!
//! Function names follow lcode.c in full words (`luaK_exp2anyreg` is
//! [`Compiler::expression_to_any_register`], and so on); the operators are in
//! [`super::operators`].
use super::constants::float_to_integer;
use super::expdesc::{ExpressionDescription as Expression, ExpressionKind as Kind, Value, NO_JUMP};
use super::{CompileResult, Compiler, MAXIMUM_REGISTERS, MULTIPLE_RETURNS};
use crate::opcode::{
    Instruction, OpCode, IS_TEST, LFIELDS_PER_FLUSH, MAXARG_AX, MAXARG_B, MAXARG_BX, MAXARG_C,
    MAXARG_SJ, NO_REG, OFFSET_SBX, OFFSET_SJ,
};

/// Longest string Lua keeps as a "short" string (`LUAI_MAXSHORTLEN`).
const MAXIMUM_SHORT_STRING_LENGTH: usize = 40;
/// Largest constant index usable as an R/K operand (`MAXINDEXRK`).
const MAXIMUM_INDEX_RK: u32 = MAXARG_B;

/// Does `i` fit in an sBx operand (`fitsBx`)?
fn fits_signed_bx(i: i64) -> bool {
    -(OFFSET_SBX as i64) <= i && i <= MAXARG_BX as i64 - OFFSET_SBX as i64
}

/// Register of an expression already in a register.
pub(super) fn register(e: &Expression) -> u32 {
    match e.kind {
        Kind::NonRelocatable(r) => r,
        Kind::Local { register, .. } => register,
        _ => 0,
    }
}

/// Constant index of a `VK` expression.
pub(super) fn constant_index(e: &Expression) -> u32 {
    match e.kind {
        Kind::Constant(k) => k,
        _ => 0,
    }
}

/// Is an integer literal fitting in a C operand (`isCint`)?
pub(super) fn is_c_integer(e: &Expression) -> bool {
    match e.kind {
        Kind::Integer(i) => !e.has_jumps() && (i as u64) <= MAXARG_C as u64,
        _ => false,
    }
}

/// The expression of a compile-time value (`const2exp`).
pub(super) fn value_expression(value: Value<'_>) -> Kind<'_> {
    match value {
        Value::Nil => Kind::Nil,
        Value::Boolean(true) => Kind::True,
        Value::Boolean(false) => Kind::False,
        Value::Integer(i) => Kind::Integer(i),
        Value::Float(f) => Kind::Float(f),
        Value::String(s) => Kind::String(s),
    }
}

/// `ceil(log2(x))` for `x >= 1` (`luaO_ceillog2`).
pub(super) fn ceiling_log2(x: u32) -> u32 {
    32 - (x - 1).leading_zeros()
}

impl<'a> Compiler<'a> {
    // -- Instructions ---------------------------------------------------------------------------

    /// Current code position (`fs->pc`).
    pub(super) fn pc(&self) -> usize {
        self.function().proto.code.len()
    }

    /// The instruction at `pc`.
    pub(super) fn instruction(&self, pc: usize) -> Instruction {
        self.function().proto.code[pc]
    }

    /// The instruction at `pc`, mutably.
    pub(super) fn instruction_mut(&mut self, pc: usize) -> &mut Instruction {
        &mut self.function_mut().proto.code[pc]
    }

    /// Appends an instruction with the current line (`luaK_code`); returns its position.
    pub(super) fn emit(&mut self, instruction: Instruction) -> usize {
        let line = self.last_line;
        let function = self.function_mut();
        function.proto.code.push(instruction);
        function.proto.line_info.push(line);
        save_line_info(&mut function.line_state, line);
        function.proto.code.len() - 1
    }

    /// Emits an iABC instruction with a k bit (`luaK_codeABCk`).
    pub(super) fn emit_abck(&mut self, op: OpCode, a: u32, b: u32, c: u32, k: bool) -> usize {
        debug_assert!(a <= 255 && b <= 255 && c <= 255, "{op:?} {a} {b} {c}");
        self.emit(Instruction::abck(op, a, b, c, k))
    }

    /// Emits an iABC instruction (`luaK_codeABC`).
    pub(super) fn emit_abc(&mut self, op: OpCode, a: u32, b: u32, c: u32) -> usize {
        self.emit_abck(op, a, b, c, false)
    }

    /// Emits an iABx instruction (`luaK_codeABx`).
    pub(super) fn emit_abx(&mut self, op: OpCode, a: u32, bx: u32) -> usize {
        self.emit(Instruction::abx(op, a, bx))
    }

    /// Emits an iAsBx instruction (`luaK_codeAsBx`).
    pub(super) fn emit_asbx(&mut self, op: OpCode, a: u32, sbx: i32) -> usize {
        self.emit(Instruction::asbx(op, a, sbx))
    }

    /// Emits an EXTRAARG instruction (`codeextraarg`).
    pub(super) fn emit_extra_argument(&mut self, ax: u32) -> usize {
        self.emit(Instruction::iax(OpCode::ExtraArg, ax))
    }

    /// Loads constant `k` with LOADK, or LOADKX + EXTRAARG for large indices (`luaK_codek`).
    pub(super) fn emit_load_constant(&mut self, register: u32, k: u32) -> usize {
        if k <= MAXARG_BX {
            self.emit_abx(OpCode::LoadK, register, k)
        } else {
            let pc = self.emit_abx(OpCode::LoadKX, register, 0);
            self.emit_extra_argument(k.min(MAXARG_AX));
            pc
        }
    }

    /// Changes the line of the last instruction (`luaK_fixline`).
    pub(super) fn fix_line(&mut self, line: u32) {
        let function = self.function_mut();
        if let Some(last) = function.proto.line_info.last_mut() {
            *last = line;
            remove_last_line_info(&mut function.line_state);
            save_line_info(&mut function.line_state, line);
        }
    }

    /// Removes the last instruction (`removelastinstruction`).
    pub(super) fn remove_last_instruction(&mut self) {
        let function = self.function_mut();
        function.proto.code.pop();
        function.proto.line_info.pop();
        remove_last_line_info(&mut function.line_state);
    }

    /// Position of the previous instruction, unless a jump target may lie in between
    /// (`previousinstruction`).
    pub(super) fn previous_instruction(&self) -> Option<usize> {
        let function = self.function();
        let pc = function.proto.code.len();
        if pc > function.last_target {
            Some(pc - 1)
        } else {
            None
        }
    }

    /// Emits LOADNIL, merging with a previous LOADNIL over an adjacent range (`luaK_nil`).
    pub(super) fn load_nil(&mut self, from: u32, n: u32) {
        let mut from = from;
        let mut last = from + n - 1;
        if let Some(previous) = self.previous_instruction() {
            let instruction = self.instruction(previous);
            if instruction.opcode() == OpCode::LoadNil {
                let previous_from = instruction.a();
                let previous_last = previous_from + instruction.b();
                if (previous_from <= from && from <= previous_last + 1)
                    || (from <= previous_from && previous_from <= last + 1)
                {
                    from = from.min(previous_from);
                    last = last.max(previous_last);
                    let instruction = self.instruction_mut(previous);
                    instruction.set_a(from);
                    instruction.set_b(last - from);
                    return;
                }
            }
        }
        self.emit_abc(OpCode::LoadNil, from, n - 1, 0);
    }

    /// Loads an integer (`luaK_int`).
    pub(super) fn load_integer(&mut self, register: u32, i: i64) {
        if fits_signed_bx(i) {
            self.emit_asbx(OpCode::LoadI, register, i as i32);
        } else {
            let k = self.integer_constant(i);
            self.emit_load_constant(register, k);
        }
    }

    /// Loads a float (`luaK_float`).
    pub(super) fn load_float(&mut self, register: u32, f: f64) {
        match float_to_integer(f) {
            Some(i) if fits_signed_bx(i) => {
                self.emit_asbx(OpCode::LoadF, register, i as i32);
            }
            _ => {
                let k = self.float_constant(f);
                self.emit_load_constant(register, k);
            }
        }
    }

    // -- Registers ------------------------------------------------------------------------------

    /// Ensures `n` more registers fit in the frame (`luaK_checkstack`).
    pub(super) fn check_stack(&mut self, n: u32) -> CompileResult<()> {
        let function = self.function();
        let new_stack = function.free_register + n;
        if new_stack > function.proto.max_stack_size as u32 {
            if new_stack >= MAXIMUM_REGISTERS {
                return Err(self.error("function or expression needs too many registers"));
            }
            self.function_mut().proto.max_stack_size = new_stack as u8;
        }
        Ok(())
    }

    /// Reserves `n` registers (`luaK_reserveregs`).
    pub(super) fn reserve_registers(&mut self, n: u32) -> CompileResult<()> {
        self.check_stack(n)?;
        self.function_mut().free_register += n;
        Ok(())
    }

    /// Frees a register unless it holds a local variable (`freereg`).
    pub(super) fn free_register(&mut self, register: u32) {
        if register >= self.variable_stack_level() {
            let function = self.function_mut();
            function.free_register = function.free_register.saturating_sub(1);
            debug_assert_eq!(
                register, function.free_register,
                "register freed out of order"
            );
        }
    }

    /// Frees two registers in the proper order (`freeregs`).
    pub(super) fn free_registers(&mut self, r1: u32, r2: u32) {
        if r1 > r2 {
            self.free_register(r1);
            self.free_register(r2);
        } else {
            self.free_register(r2);
            self.free_register(r1);
        }
    }

    /// Frees the register of an expression, if any (`freeexp`).
    pub(super) fn free_expression(&mut self, e: &Expression) {
        if let Kind::NonRelocatable(r) = e.kind {
            self.free_register(r);
        }
    }

    /// Frees the registers of two expressions in the proper order (`freeexps`).
    pub(super) fn free_expressions(&mut self, e1: &Expression, e2: &Expression) {
        let r1 = match e1.kind {
            Kind::NonRelocatable(r) => r as i64,
            _ => -1,
        };
        let r2 = match e2.kind {
            Kind::NonRelocatable(r) => r as i64,
            _ => -1,
        };
        if r1 > r2 {
            if r1 >= 0 {
                self.free_register(r1 as u32);
            }
            if r2 >= 0 {
                self.free_register(r2 as u32);
            }
        } else {
            if r2 >= 0 {
                self.free_register(r2 as u32);
            }
            if r1 >= 0 {
                self.free_register(r1 as u32);
            }
        }
    }

    // -- Jumps ----------------------------------------------------------------------------------

    /// Destination of the jump at `pc`, or `NO_JUMP` at the end of a list (`getjump`).
    pub(super) fn jump_destination(&self, pc: usize) -> i32 {
        let offset = self.instruction(pc).sj();
        if offset == NO_JUMP {
            NO_JUMP
        } else {
            pc as i32 + 1 + offset
        }
    }

    /// Makes the jump at `pc` go to `destination` (`fixjump`).
    pub(super) fn fix_jump(&mut self, pc: usize, destination: usize) -> CompileResult<()> {
        let offset = destination as i64 - (pc as i64 + 1);
        if !(-(OFFSET_SJ as i64) <= offset && offset <= MAXARG_SJ as i64 - OFFSET_SJ as i64) {
            return Err(self.error("control structure too long"));
        }
        self.instruction_mut(pc).set_sj(offset as i32);
        Ok(())
    }

    /// Appends jump list `l2` to jump list `l1` (`luaK_concat`).
    pub(super) fn concatenate_jumps(&mut self, l1: &mut i32, l2: i32) -> CompileResult<()> {
        if l2 == NO_JUMP {
            return Ok(());
        }
        if *l1 == NO_JUMP {
            *l1 = l2;
            return Ok(());
        }
        let mut list = *l1 as usize;
        loop {
            let next = self.jump_destination(list);
            if next == NO_JUMP {
                break;
            }
            list = next as usize;
        }
        self.fix_jump(list, l2 as usize)
    }

    /// Emits a jump to be patched later (`luaK_jump`).
    pub(super) fn jump(&mut self) -> usize {
        self.emit(Instruction::isj(OpCode::Jmp, NO_JUMP))
    }

    /// Emits a return instruction (`luaK_ret`).
    pub(super) fn emit_return(&mut self, first: u32, count: i32) {
        let op = match count {
            0 => OpCode::Return0,
            1 => OpCode::Return1,
            _ => OpCode::Return,
        };
        self.emit_abc(op, first, (count + 1) as u32, 0);
    }

    /// Emits a test or comparison followed by a jump; returns the jump (`condjump`).
    pub(super) fn conditional_jump(
        &mut self,
        op: OpCode,
        a: u32,
        b: u32,
        c: u32,
        k: bool,
    ) -> usize {
        self.emit_abck(op, a, b, c, k);
        self.jump()
    }

    /// Marks the current position as a jump target and returns it (`luaK_getlabel`).
    pub(super) fn get_label(&mut self) -> usize {
        let function = self.function_mut();
        function.last_target = function.proto.code.len();
        function.last_target
    }

    /// Position of the instruction controlling the jump at `pc` (`getjumpcontrol`).
    pub(super) fn jump_control(&self, pc: usize) -> usize {
        if pc >= 1 && self.instruction(pc - 1).opcode().flags() & IS_TEST != 0 {
            pc - 1
        } else {
            pc
        }
    }

    /// Patches the destination register of a TESTSET, or turns it into a TEST when no register
    /// is wanted; false if the controlling instruction is not a TESTSET (`patchtestreg`).
    pub(super) fn patch_test_register(&mut self, node: usize, register: u32) -> bool {
        let control = self.jump_control(node);
        let instruction = self.instruction(control);
        if instruction.opcode() != OpCode::TestSet {
            return false;
        }
        if register != NO_REG && register != instruction.b() {
            self.instruction_mut(control).set_a(register);
        } else {
            *self.instruction_mut(control) =
                Instruction::abck(OpCode::Test, instruction.b(), 0, 0, instruction.k());
        }
        true
    }

    /// Makes every test of a list produce no value (`removevalues`).
    pub(super) fn remove_values(&mut self, mut list: i32) {
        while list != NO_JUMP {
            self.patch_test_register(list as usize, NO_REG);
            list = self.jump_destination(list as usize);
        }
    }

    /// Patches a jump list: value-producing tests go to `value_target` with their value in
    /// `register`, other jumps go to `default_target` (`patchlistaux`).
    pub(super) fn patch_list_auxiliary(
        &mut self,
        mut list: i32,
        value_target: usize,
        register: u32,
        default_target: usize,
    ) -> CompileResult<()> {
        while list != NO_JUMP {
            let next = self.jump_destination(list as usize);
            if self.patch_test_register(list as usize, register) {
                self.fix_jump(list as usize, value_target)?;
            } else {
                self.fix_jump(list as usize, default_target)?;
            }
            list = next;
        }
        Ok(())
    }

    /// Patches all jumps of a list to `target` (`luaK_patchlist`).
    pub(super) fn patch_list(&mut self, list: i32, target: usize) -> CompileResult<()> {
        self.patch_list_auxiliary(list, target, NO_REG, target)
    }

    /// Patches all jumps of a list to the current position (`luaK_patchtohere`).
    pub(super) fn patch_to_here(&mut self, list: i32) -> CompileResult<()> {
        let here = self.get_label();
        self.patch_list(list, here)
    }

    /// Jumps to `target` (`luaK_jumpto`).
    pub(super) fn jump_to(&mut self, target: usize) -> CompileResult<()> {
        let jump = self.jump();
        self.patch_list(jump as i32, target)
    }

    // -- Discharging ----------------------------------------------------------------------------

    /// Fixes a multi-result expression to return `results` values (`luaK_setreturns`).
    pub(super) fn set_returns(&mut self, e: &mut Expression, results: i32) -> CompileResult<()> {
        match e.kind {
            Kind::Call(pc) => self.instruction_mut(pc).set_c((results + 1) as u32),
            Kind::Vararg(pc) => {
                let free = self.function().free_register;
                let instruction = self.instruction_mut(pc);
                instruction.set_c((results + 1) as u32);
                instruction.set_a(free);
                self.reserve_registers(1)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// `luaK_setmultret`.
    pub(super) fn set_multiple_returns(&mut self, e: &mut Expression) -> CompileResult<()> {
        self.set_returns(e, MULTIPLE_RETURNS)
    }

    /// Fixes a multi-result expression to return one value (`luaK_setoneret`).
    pub(super) fn set_one_return(&mut self, e: &mut Expression) {
        match e.kind {
            Kind::Call(pc) => e.kind = Kind::NonRelocatable(self.instruction(pc).a()),
            Kind::Vararg(pc) => {
                self.instruction_mut(pc).set_c(2);
                e.kind = Kind::Relocatable(pc);
            }
            _ => {}
        }
    }

    /// Converts a VKSTR into a VK (`str2K`).
    pub(super) fn string_to_constant(&mut self, e: &mut Expression<'a>) {
        if let Kind::String(s) = e.kind {
            e.kind = Kind::Constant(self.string_constant(s));
        }
    }

    /// Ensures an expression is not a variable (`luaK_dischargevars`).
    pub(super) fn discharge_variables(&mut self, e: &mut Expression<'a>) {
        match e.kind {
            Kind::CompileTimeConstant(index) => {
                e.kind = value_expression(self.variables[index].value);
            }
            Kind::Local { register, .. } => e.kind = Kind::NonRelocatable(register),
            Kind::Upvalue(index) => {
                e.kind = Kind::Relocatable(self.emit_abc(OpCode::GetUpval, 0, index, 0));
            }
            Kind::IndexedUpvalue { table, key } => {
                e.kind = Kind::Relocatable(self.emit_abc(OpCode::GetTabUp, 0, table, key));
            }
            Kind::IndexedInteger { table, key } => {
                self.free_register(table);
                e.kind = Kind::Relocatable(self.emit_abc(OpCode::GetI, 0, table, key));
            }
            Kind::IndexedString { table, key } => {
                self.free_register(table);
                e.kind = Kind::Relocatable(self.emit_abc(OpCode::GetField, 0, table, key));
            }
            Kind::Indexed { table, key } => {
                self.free_registers(table, key);
                e.kind = Kind::Relocatable(self.emit_abc(OpCode::GetTable, 0, table, key));
            }
            Kind::Vararg(_) | Kind::Call(_) => self.set_one_return(e),
            _ => {}
        }
    }

    /// Puts the value of an expression in `register` (`discharge2reg`).
    pub(super) fn discharge_to_register(&mut self, e: &mut Expression<'a>, register: u32) {
        self.discharge_variables(e);
        match e.kind {
            Kind::Nil => self.load_nil(register, 1),
            Kind::False => {
                self.emit_abc(OpCode::LoadFalse, register, 0, 0);
            }
            Kind::True => {
                self.emit_abc(OpCode::LoadTrue, register, 0, 0);
            }
            Kind::String(s) => {
                let k = self.string_constant(s);
                self.emit_load_constant(register, k);
            }
            Kind::Constant(k) => {
                self.emit_load_constant(register, k);
            }
            Kind::Float(f) => self.load_float(register, f),
            Kind::Integer(i) => self.load_integer(register, i),
            Kind::Relocatable(pc) => self.instruction_mut(pc).set_a(register),
            Kind::NonRelocatable(r) => {
                if r != register {
                    self.emit_abc(OpCode::Move, register, r, 0);
                }
            }
            _ => return, // VJMP (or an empty expression): nothing to do
        }
        e.kind = Kind::NonRelocatable(register);
    }

    /// Puts the value of an expression in some register (`discharge2anyreg`).
    pub(super) fn discharge_to_any_register(
        &mut self,
        e: &mut Expression<'a>,
    ) -> CompileResult<()> {
        if !matches!(e.kind, Kind::NonRelocatable(_)) {
            self.reserve_registers(1)?;
            let register = self.function().free_register - 1;
            self.discharge_to_register(e, register);
        }
        Ok(())
    }

    /// Emits LFALSESKIP / LOADTRUE as jump targets (`code_loadbool`).
    pub(super) fn emit_load_boolean(&mut self, register: u32, op: OpCode) -> usize {
        self.get_label();
        self.emit_abc(op, register, 0, 0)
    }

    /// Does a jump list have a jump that does not produce a value (`need_value`)?
    pub(super) fn needs_value(&self, mut list: i32) -> bool {
        while list != NO_JUMP {
            let control = self.jump_control(list as usize);
            if self.instruction(control).opcode() != OpCode::TestSet {
                return true;
            }
            list = self.jump_destination(list as usize);
        }
        false
    }

    /// Puts the final value of an expression, jump lists included, in `register` (`exp2reg`).
    pub(super) fn expression_to_register(
        &mut self,
        e: &mut Expression<'a>,
        register: u32,
    ) -> CompileResult<()> {
        self.discharge_to_register(e, register);
        if let Kind::Jump(pc) = e.kind {
            let mut true_list = e.true_list;
            self.concatenate_jumps(&mut true_list, pc as i32)?;
            e.true_list = true_list;
        }
        if e.has_jumps() {
            let mut load_false = NO_JUMP as usize;
            let mut load_true = NO_JUMP as usize;
            if self.needs_value(e.true_list) || self.needs_value(e.false_list) {
                let skip = if matches!(e.kind, Kind::Jump(_)) {
                    NO_JUMP
                } else {
                    self.jump() as i32
                };
                load_false = self.emit_load_boolean(register, OpCode::LFalseSkip);
                load_true = self.emit_load_boolean(register, OpCode::LoadTrue);
                self.patch_to_here(skip)?;
            }
            let end = self.get_label();
            self.patch_list_auxiliary(e.false_list, end, register, load_false)?;
            self.patch_list_auxiliary(e.true_list, end, register, load_true)?;
        }
        e.true_list = NO_JUMP;
        e.false_list = NO_JUMP;
        e.kind = Kind::NonRelocatable(register);
        Ok(())
    }

    /// Puts the final value of an expression in the next free register (`luaK_exp2nextreg`).
    pub(super) fn expression_to_next_register(
        &mut self,
        e: &mut Expression<'a>,
    ) -> CompileResult<()> {
        self.discharge_variables(e);
        self.free_expression(e);
        self.reserve_registers(1)?;
        let register = self.function().free_register - 1;
        self.expression_to_register(e, register)
    }

    /// Puts the final value of an expression in some register and returns it
    /// (`luaK_exp2anyreg`).
    pub(super) fn expression_to_any_register(
        &mut self,
        e: &mut Expression<'a>,
    ) -> CompileResult<u32> {
        self.discharge_variables(e);
        if let Kind::NonRelocatable(r) = e.kind {
            if !e.has_jumps() {
                return Ok(r);
            }
            if r >= self.variable_stack_level() {
                self.expression_to_register(e, r)?;
                return Ok(r);
            }
        }
        self.expression_to_next_register(e)?;
        Ok(register(e))
    }

    /// Puts the final value in a register or leaves it in an upvalue (`luaK_exp2anyregup`).
    pub(super) fn expression_to_any_register_or_upvalue(
        &mut self,
        e: &mut Expression<'a>,
    ) -> CompileResult<()> {
        if !matches!(e.kind, Kind::Upvalue(_)) || e.has_jumps() {
            self.expression_to_any_register(e)?;
        }
        Ok(())
    }

    /// Puts the final value in a register or leaves it a constant (`luaK_exp2val`).
    pub(super) fn expression_to_value(&mut self, e: &mut Expression<'a>) -> CompileResult<()> {
        if e.has_jumps() {
            self.expression_to_any_register(e)?;
        } else {
            self.discharge_variables(e);
        }
        Ok(())
    }

    /// Tries to make an expression a constant with an index usable as an R/K operand
    /// (`luaK_exp2K`). The constant is added to the table even when its index is too large.
    pub(super) fn expression_to_constant(&mut self, e: &mut Expression<'a>) -> bool {
        if e.has_jumps() {
            return false;
        }
        let index = match e.kind {
            Kind::True => self.boolean_constant(true),
            Kind::False => self.boolean_constant(false),
            Kind::Nil => self.nil_constant(),
            Kind::Integer(i) => self.integer_constant(i),
            Kind::Float(f) => self.float_constant(f),
            Kind::String(s) => self.string_constant(s),
            Kind::Constant(k) => k,
            _ => return false,
        };
        if index <= MAXIMUM_INDEX_RK {
            e.kind = Kind::Constant(index);
            true
        } else {
            false
        }
    }

    /// Makes an expression an R/K operand; true if it is a constant (`luaK_exp2RK`).
    pub(super) fn expression_to_register_or_constant(
        &mut self,
        e: &mut Expression<'a>,
    ) -> CompileResult<bool> {
        if self.expression_to_constant(e) {
            Ok(true)
        } else {
            self.expression_to_any_register(e)?;
            Ok(false)
        }
    }

    /// Emits an instruction whose C operand is an R/K expression (`codeABRK`).
    pub(super) fn emit_abrk(
        &mut self,
        op: OpCode,
        a: u32,
        b: u32,
        e: &mut Expression<'a>,
    ) -> CompileResult<()> {
        let k = self.expression_to_register_or_constant(e)?;
        let c = if k { constant_index(e) } else { register(e) };
        self.emit_abck(op, a, b, c, k);
        Ok(())
    }

    /// Stores the value of `value` into variable `variable` (`luaK_storevar`).
    pub(super) fn store_variable(
        &mut self,
        variable: &Expression<'a>,
        value: &mut Expression<'a>,
    ) -> CompileResult<()> {
        match variable.kind {
            Kind::Local { register, .. } => {
                self.free_expression(value);
                return self.expression_to_register(value, register);
            }
            Kind::Upvalue(index) => {
                let r = self.expression_to_any_register(value)?;
                self.emit_abc(OpCode::SetUpval, r, index, 0);
            }
            Kind::IndexedUpvalue { table, key } => {
                self.emit_abrk(OpCode::SetTabUp, table, key, value)?
            }
            Kind::IndexedInteger { table, key } => {
                self.emit_abrk(OpCode::SetI, table, key, value)?
            }
            Kind::IndexedString { table, key } => {
                self.emit_abrk(OpCode::SetField, table, key, value)?
            }
            Kind::Indexed { table, key } => self.emit_abrk(OpCode::SetTable, table, key, value)?,
            _ => return Err(self.error("syntax error")),
        }
        self.free_expression(value);
        Ok(())
    }

    /// Emits SELF: `e:key(` (`luaK_self`).
    pub(super) fn method_self(
        &mut self,
        e: &mut Expression<'a>,
        key: &mut Expression<'a>,
    ) -> CompileResult<()> {
        self.expression_to_any_register(e)?;
        let object = register(e);
        self.free_expression(e);
        let base = self.function().free_register;
        e.kind = Kind::NonRelocatable(base);
        self.reserve_registers(2)?;
        self.emit_abrk(OpCode::OpSelf, base, object, key)?;
        self.free_expression(key);
        Ok(())
    }

    // -- Conditions -----------------------------------------------------------------------------

    /// Negates the comparison controlling the jump of `e` (`negatecondition`).
    pub(super) fn negate_condition(&mut self, e: &Expression) {
        if let Kind::Jump(pc) = e.kind {
            let control = self.jump_control(pc);
            let instruction = self.instruction_mut(control);
            let k = instruction.k();
            instruction.set_k(!k);
        }
    }

    /// Emits a jump taken when `e` equals `condition`, dropping a preceding NOT by inverting
    /// the test (`jumponcond`).
    pub(super) fn jump_on_condition(
        &mut self,
        e: &mut Expression<'a>,
        condition: bool,
    ) -> CompileResult<usize> {
        if let Kind::Relocatable(pc) = e.kind {
            let instruction = self.instruction(pc);
            if instruction.opcode() == OpCode::Not {
                self.remove_last_instruction();
                return Ok(self.conditional_jump(OpCode::Test, instruction.b(), 0, 0, !condition));
            }
        }
        self.discharge_to_any_register(e)?;
        self.free_expression(e);
        Ok(self.conditional_jump(OpCode::TestSet, NO_REG, register(e), 0, condition))
    }

    /// Goes through if `e` is true, jumps otherwise (`luaK_goiftrue`).
    pub(super) fn go_if_true(&mut self, e: &mut Expression<'a>) -> CompileResult<()> {
        self.discharge_variables(e);
        let pc = match e.kind {
            Kind::Jump(pc) => {
                self.negate_condition(e);
                pc as i32
            }
            Kind::Constant(_)
            | Kind::Float(_)
            | Kind::Integer(_)
            | Kind::String(_)
            | Kind::True => NO_JUMP,
            _ => self.jump_on_condition(e, false)? as i32,
        };
        let mut false_list = e.false_list;
        self.concatenate_jumps(&mut false_list, pc)?;
        e.false_list = false_list;
        self.patch_to_here(e.true_list)?;
        e.true_list = NO_JUMP;
        Ok(())
    }

    /// Goes through if `e` is false, jumps otherwise (`luaK_goiffalse`).
    pub(super) fn go_if_false(&mut self, e: &mut Expression<'a>) -> CompileResult<()> {
        self.discharge_variables(e);
        let pc = match e.kind {
            Kind::Jump(pc) => pc as i32,
            Kind::Nil | Kind::False => NO_JUMP,
            _ => self.jump_on_condition(e, true)? as i32,
        };
        let mut true_list = e.true_list;
        self.concatenate_jumps(&mut true_list, pc)?;
        e.true_list = true_list;
        self.patch_to_here(e.false_list)?;
        e.false_list = NO_JUMP;
        Ok(())
    }

    /// Codes `not e` with constant folding (`codenot`).
    pub(super) fn code_not(&mut self, e: &mut Expression<'a>) -> CompileResult<()> {
        match e.kind {
            Kind::Nil | Kind::False => e.kind = Kind::True,
            Kind::Constant(_)
            | Kind::Float(_)
            | Kind::Integer(_)
            | Kind::String(_)
            | Kind::True => e.kind = Kind::False,
            Kind::Jump(_) => self.negate_condition(e),
            Kind::Relocatable(_) | Kind::NonRelocatable(_) => {
                self.discharge_to_any_register(e)?;
                self.free_expression(e);
                let r = register(e);
                e.kind = Kind::Relocatable(self.emit_abc(OpCode::Not, 0, r, 0));
            }
            _ => return Err(self.error("syntax error")),
        }
        std::mem::swap(&mut e.true_list, &mut e.false_list);
        self.remove_values(e.false_list);
        self.remove_values(e.true_list);
        Ok(())
    }

    // -- Indexing -------------------------------------------------------------------------------

    /// Is `e` a constant short string with an index fitting in B (`isKstr`)?
    pub(super) fn is_constant_string(&self, e: &Expression) -> bool {
        match e.kind {
            Kind::Constant(k) if !e.has_jumps() && k <= MAXARG_B => matches!(
                &self.function().proto.constants[k as usize],
                crate::proto::Constant::Str(s) if s.len() <= MAXIMUM_SHORT_STRING_LENGTH
            ),
            _ => false,
        }
    }

    /// Turns `t` into the indexed expression `t[k]` (`luaK_indexed`).
    pub(super) fn indexed(
        &mut self,
        t: &mut Expression<'a>,
        k: &mut Expression<'a>,
    ) -> CompileResult<()> {
        self.string_to_constant(k);
        if matches!(t.kind, Kind::Upvalue(_)) && !self.is_constant_string(k) {
            self.expression_to_any_register(t)?;
        }
        if let Kind::Upvalue(index) = t.kind {
            t.kind = Kind::IndexedUpvalue {
                table: index,
                key: constant_index(k),
            };
            return Ok(());
        }
        let table = register(t);
        if self.is_constant_string(k) {
            t.kind = Kind::IndexedString {
                table,
                key: constant_index(k),
            };
        } else if is_c_integer(k) {
            let key = match k.kind {
                Kind::Integer(i) => i as u32,
                _ => 0,
            };
            t.kind = Kind::IndexedInteger { table, key };
        } else {
            let key = self.expression_to_any_register(k)?;
            t.kind = Kind::Indexed { table, key };
        }
        Ok(())
    }

    // -- Tables ---------------------------------------------------------------------------------

    /// Sets the size hints of the NEWTABLE at `pc` and its EXTRAARG (`luaK_settablesize`).
    pub(super) fn set_table_size(
        &mut self,
        pc: usize,
        register: u32,
        array_size: u32,
        hash_size: u32,
    ) {
        let b = if hash_size != 0 {
            ceiling_log2(hash_size) + 1
        } else {
            0
        };
        let extra = array_size / (MAXARG_C + 1);
        let c = array_size % (MAXARG_C + 1);
        *self.instruction_mut(pc) = Instruction::abck(OpCode::NewTable, register, b, c, extra > 0);
        *self.instruction_mut(pc + 1) = Instruction::iax(OpCode::ExtraArg, extra.min(MAXARG_AX));
    }

    /// Emits SETLIST for `to_store` values after `elements` already stored (`luaK_setlist`).
    pub(super) fn set_list(&mut self, base: u32, elements: u32, to_store: i32) {
        debug_assert!(to_store != 0 && to_store <= LFIELDS_PER_FLUSH as i32);
        let to_store = if to_store == MULTIPLE_RETURNS {
            0
        } else {
            to_store as u32
        };
        if elements <= MAXARG_C {
            self.emit_abc(OpCode::SetList, base, to_store, elements);
        } else {
            let extra = elements / (MAXARG_C + 1);
            let elements = elements % (MAXARG_C + 1);
            self.emit_abck(OpCode::SetList, base, to_store, elements, true);
            self.emit_extra_argument(extra.min(MAXARG_AX));
        }
        self.function_mut().free_register = base + 1;
    }

    // -- Final pass -----------------------------------------------------------------------------

    /// Final target of a jump, following jumps to jumps (`finaltarget`).
    pub(super) fn final_target(&self, mut i: usize) -> usize {
        for _ in 0..100 {
            let instruction = self.instruction(i);
            if instruction.opcode() != OpCode::Jmp {
                break;
            }
            i = (i as i64 + instruction.sj() as i64 + 1) as usize;
        }
        i
    }

    /// Final peephole pass over a function (`luaK_finish`): returns get their close/vararg
    /// flags (RETURN0/RETURN1 become RETURN when needed) and jumps to jumps are shortcut.
    pub(super) fn finish(&mut self) -> CompileResult<()> {
        let need_close = self.function().need_close;
        let is_vararg = self.function().proto.is_vararg;
        let parameters = self.function().proto.num_params as u32;
        for i in 0..self.pc() {
            let op = self.instruction(i).opcode();
            match op {
                OpCode::Return0 | OpCode::Return1 | OpCode::Return | OpCode::TailCall => {
                    let instruction = self.instruction_mut(i);
                    if matches!(op, OpCode::Return0 | OpCode::Return1) {
                        if !(need_close || is_vararg) {
                            continue;
                        }
                        instruction.set_opcode(OpCode::Return);
                    }
                    if need_close {
                        instruction.set_k(true);
                    }
                    if is_vararg {
                        instruction.set_c(parameters + 1);
                    }
                }
                OpCode::Jmp => {
                    let target = self.final_target(i);
                    self.fix_jump(i, target)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Largest relative line step (`LIMLINEDIFF`, exclusive) and longest run of relative entries
/// (`MAXIWTHABS`) of Lua's line encoding.
const LIMLINEDIFF: i64 = 0x80;
const MAXIWTHABS: u32 = 128;

/// `savelineinfo`: the entry of the instruction just emitted, on `line`.
fn save_line_info(state: &mut super::LineState, line: u32) {
    let line = line as i64;
    let diff = line - state.previous_line;
    let absolute = diff.abs() >= LIMLINEDIFF || {
        let count = state.iwthabs;
        state.iwthabs += 1;
        count >= MAXIWTHABS
    };
    if absolute {
        state.entries.push(None);
        state.iwthabs = 1;
    } else {
        state.entries.push(Some(diff));
    }
    state.previous_line = line;
}

/// `removelastlineinfo`: forgets the last entry; removing an absolute one forces the next
/// entry to be absolute.
fn remove_last_line_info(state: &mut super::LineState) {
    match state.entries.pop() {
        Some(Some(diff)) => {
            state.previous_line -= diff;
            state.iwthabs = state.iwthabs.saturating_sub(1);
        }
        Some(None) => state.iwthabs = MAXIWTHABS + 1,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn operand_ranges() {
        assert!(fits_signed_bx(-65535) && fits_signed_bx(65536) && !fits_signed_bx(65537));
        assert_eq!(ceiling_log2(1), 0);
        assert_eq!(ceiling_log2(2), 1);
        assert_eq!(ceiling_log2(3), 2);
        assert_eq!(ceiling_log2(8), 3);
        assert_eq!(ceiling_log2(9), 4);
    }
}
