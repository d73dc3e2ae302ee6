//! Statements: the statement rules of lparser.c over the AST.
use lunar_syntax::ast::{
    Attrib, Block, Expr, FuncName, FunctionBody, LocalName, Return, Stat, StatKind,
};

use super::expdesc::{ExpressionDescription as Expression, ExpressionKind as Kind, NO_JUMP};
use super::lines::{
    block_end_line, expression_end_line, expression_start_line, statement_end_line,
};
use super::scope::BREAK_LABEL;
use super::{CompileResult, Compiler, MULTIPLE_RETURNS};
use crate::opcode::{OpCode, MAXARG_BX};
use crate::proto::VarKind;

impl<'a> Compiler<'a> {
    // -- Blocks ---------------------------------------------------------------------------------

    /// The statements of a block (`statlist`). `closed_by_until` tells whether the block ends
    /// with `until` (labels at its end are then not at the end of the block).
    pub(super) fn statement_list(
        &mut self,
        block: &'a Block,
        closed_by_until: bool,
    ) -> CompileResult<()> {
        self.statement_list_from(block, 0, closed_by_until)
    }

    /// The statements of a block starting at statement `start`, then its `return`.
    fn statement_list_from(
        &mut self,
        block: &'a Block,
        start: usize,
        closed_by_until: bool,
    ) -> CompileResult<()> {
        let statements = &block.stats;
        let mut index = start;
        while index < statements.len() {
            if matches!(statements[index].kind, StatKind::Label(_)) {
                let mut end = index;
                while end < statements.len() && matches!(statements[end].kind, StatKind::Label(_)) {
                    end += 1;
                }
                let last = end == statements.len() && block.ret.is_none() && !closed_by_until;
                let next_line = match (statements.get(end), &block.ret) {
                    (Some(next), _) => next.line,
                    (None, Some(ret)) => ret.line,
                    (None, None) => block.end_line,
                };
                self.label_statements(&statements[index..end], last, next_line)?;
                index = end;
            } else {
                self.statement(&statements[index])?;
                index += 1;
            }
        }
        if let Some(ret) = &block.ret {
            self.enter_level()?;
            self.return_statement(ret)?;
            self.end_statement();
        }
        Ok(())
    }

    /// `block`: a block in its own scope; `opener` is the line of the token before it.
    fn block(&mut self, block: &'a Block, opener: u32) -> CompileResult<()> {
        self.enter_block(false);
        self.statement_list(block, false)?;
        self.last_line = block_end_line(block, opener);
        self.leave_block()?;
        Ok(())
    }

    /// Frees the temporary registers after a statement and leaves its level.
    fn end_statement(&mut self) {
        let level = self.variable_stack_level();
        self.function_mut().free_register = level;
        self.leave_level();
    }

    /// One statement (`statement`).
    fn statement(&mut self, statement: &'a Stat) -> CompileResult<()> {
        self.enter_level()?;
        let line = statement.line;
        self.last_line = line;
        match &statement.kind {
            StatKind::Call(call) => self.call_statement(call)?,
            StatKind::Local { names, exprs } => self.local_statement(statement, names, exprs)?,
            StatKind::Assign { targets, exprs } => self.assignment(targets, exprs)?,
            StatKind::Do(block) => self.block(block, line)?,
            StatKind::While { cond, body } => self.while_statement(cond, body)?,
            StatKind::Repeat { body, cond } => self.repeat_statement(body, cond)?,
            StatKind::If { conds, else_block } => self.if_statement(conds, else_block.as_ref())?,
            StatKind::NumericFor {
                var,
                start,
                limit,
                step,
                body,
            } => self.numeric_for(line, var, start, limit, step.as_ref(), body)?,
            StatKind::GenericFor { names, exprs, body } => self.generic_for(names, exprs, body)?,
            StatKind::Function { name, func } => self.function_statement(line, name, func)?,
            StatKind::LocalFunction { name, func } => self.local_function(name, func)?,
            StatKind::Break => {
                let jump = self.jump();
                self.new_goto_entry(BREAK_LABEL, line, jump as i32);
            }
            StatKind::Goto(name) => self.goto_statement(line, name)?,
            StatKind::Label(_) => {
                self.label_statements(std::slice::from_ref(statement), false, line)?
            }
        }
        self.end_statement();
        Ok(())
    }

    // -- Simple statements ----------------------------------------------------------------------

    /// A call used as a statement: it keeps no results (`exprstat`).
    fn call_statement(&mut self, call: &'a Expr) -> CompileResult<()> {
        let v = self.expression(call)?;
        match v.kind {
            Kind::Call(pc) => {
                self.instruction_mut(pc).set_c(1);
                Ok(())
            }
            _ => Err(self.error("syntax error")),
        }
    }

    /// Adjusts `expressions` values to `variables` targets (`adjust_assign`).
    fn adjust_assign(
        &mut self,
        variables: usize,
        expressions: usize,
        e: &mut Expression<'a>,
    ) -> CompileResult<()> {
        let needed = variables as i32 - expressions as i32;
        if e.has_multiple_returns() {
            let extra = (needed + 1).max(0);
            self.set_returns(e, extra)?;
        } else {
            if !matches!(e.kind, Kind::Void) {
                self.expression_to_next_register(e)?;
            }
            if needed > 0 {
                let free = self.function().free_register;
                self.load_nil(free, needed as u32);
            }
        }
        if needed > 0 {
            self.reserve_registers(needed as u32)?;
        } else {
            let function = self.function_mut();
            function.free_register = (function.free_register as i32 + needed) as u32;
        }
        Ok(())
    }

    /// `local attnamelist ['=' explist]` (`localstat`).
    fn local_statement(
        &mut self,
        statement: &'a Stat,
        names: &'a [LocalName],
        expressions: &'a [Expr],
    ) -> CompileResult<()> {
        if names.is_empty() {
            return Err(self.error("<name> expected"));
        }
        let mut to_close = None;
        let mut last_variable = 0;
        for (count, name) in names.iter().enumerate() {
            last_variable = self.new_local_variable(&name.name)?;
            let kind = match name.attrib {
                None => VarKind::Regular,
                Some(Attrib::Const) => VarKind::Const,
                Some(Attrib::Close) => VarKind::ToClose,
            };
            self.variable_mut(last_variable).kind = kind;
            if kind == VarKind::ToClose {
                if to_close.is_some() {
                    return Err(self.error("multiple to-be-closed variables in local list"));
                }
                to_close = Some(self.function().active_variables + count);
            }
        }
        let (count, mut e) = if expressions.is_empty() {
            (0, Expression::new(Kind::Void))
        } else {
            self.expression_list(expressions)?
        };
        self.last_line = statement_end_line(statement);
        let constant =
            if names.len() == count && self.variable_mut(last_variable).kind == VarKind::Const {
                self.expression_constant_value(&e)
            } else {
                None
            };
        if let Some(value) = constant {
            let variable = self.variable_mut(last_variable);
            variable.kind = VarKind::CompileTimeConst;
            variable.value = value;
            self.adjust_local_variables(names.len() - 1);
            self.function_mut().active_variables += 1;
        } else {
            self.adjust_assign(names.len(), count, &mut e)?;
            self.adjust_local_variables(names.len());
        }
        if let Some(level) = to_close {
            self.mark_to_be_closed();
            let register = self.register_level(level);
            self.emit_abc(OpCode::Tbc, register, 0, 0);
        }
        Ok(())
    }

    /// Protects table/key registers of earlier targets that are assigned by a later target of
    /// the same multiple assignment (`check_conflict`).
    fn check_conflict(
        &mut self,
        previous: &mut [Expression<'a>],
        v: &Expression<'a>,
    ) -> CompileResult<()> {
        let extra = self.function().free_register;
        let mut conflict = false;
        for target in previous.iter_mut() {
            match (&mut target.kind, v.kind) {
                (Kind::IndexedUpvalue { table, key }, Kind::Upvalue(upvalue))
                    if *table == upvalue =>
                {
                    // the table is the upvalue being assigned now
                    let key = *key;
                    conflict = true;
                    target.kind = Kind::IndexedString { table: extra, key };
                }
                (Kind::Indexed { table, key }, Kind::Local { register, .. }) => {
                    if *table == register {
                        conflict = true;
                        *table = extra;
                    }
                    if *key == register {
                        conflict = true;
                        *key = extra;
                    }
                }
                (
                    Kind::IndexedInteger { table, .. } | Kind::IndexedString { table, .. },
                    Kind::Local { register, .. },
                ) if *table == register => {
                    conflict = true;
                    *table = extra;
                }
                _ => {}
            }
        }
        if conflict {
            match v.kind {
                Kind::Local { register, .. } => self.emit_abc(OpCode::Move, extra, register, 0),
                Kind::Upvalue(index) => self.emit_abc(OpCode::GetUpval, extra, index, 0),
                _ => 0,
            };
            self.reserve_registers(1)?;
        }
        Ok(())
    }

    /// `varlist '=' explist` (`restassign`).
    fn assignment(&mut self, targets: &'a [Expr], expressions: &'a [Expr]) -> CompileResult<()> {
        let mut variables: Vec<Expression<'a>> = Vec::with_capacity(targets.len());
        for target in targets {
            let v = self.expression(target)?;
            self.last_line = expression_end_line(target);
            if !v.is_variable() {
                return Err(self.error("syntax error"));
            }
            if !variables.is_empty() && !v.is_indexed() {
                self.check_conflict(&mut variables, &v)?;
            }
            self.check_read_only(&v)?;
            variables.push(v);
        }
        let (count, mut e) = self.expression_list(expressions)?;
        if let Some(last) = expressions.last() {
            self.last_line = expression_end_line(last);
        }
        if count != variables.len() {
            self.adjust_assign(variables.len(), count, &mut e)?;
        } else if let Some(last) = variables.pop() {
            self.set_one_return(&mut e);
            self.store_variable(&last, &mut e)?;
        }
        while let Some(variable) = variables.pop() {
            let register = self.function().free_register - 1;
            let mut e = Expression::new(Kind::NonRelocatable(register));
            self.store_variable(&variable, &mut e)?;
        }
        Ok(())
    }

    /// `return [explist]` (`retstat`).
    fn return_statement(&mut self, ret: &'a Return) -> CompileResult<()> {
        self.last_line = ret.line;
        let mut first = self.variable_stack_level();
        let count = if ret.exprs.is_empty() {
            0
        } else {
            let (count, mut e) = self.expression_list(&ret.exprs)?;
            if let Some(last) = ret.exprs.last() {
                self.last_line = expression_end_line(last);
            }
            if e.has_multiple_returns() {
                self.set_multiple_returns(&mut e)?;
                if let Kind::Call(pc) = e.kind {
                    if count == 1 && !self.current_block().inside_to_be_closed {
                        self.instruction_mut(pc).set_opcode(OpCode::TailCall);
                    }
                }
                MULTIPLE_RETURNS
            } else if count == 1 {
                first = self.expression_to_any_register(&mut e)?;
                1
            } else {
                self.expression_to_next_register(&mut e)?;
                count as i32
            }
        };
        self.emit_return(first, count);
        Ok(())
    }

    // -- Control structures ---------------------------------------------------------------------

    /// A condition: goes through when true; returns the exit list (`cond`).
    fn condition(&mut self, condition: &'a Expr) -> CompileResult<i32> {
        let mut v = self.expression(condition)?;
        self.last_line = expression_end_line(condition);
        if v.kind == Kind::Nil {
            v.kind = Kind::False;
        }
        self.go_if_true(&mut v)?;
        Ok(v.false_list)
    }

    /// `while exp do block end` (`whilestat`).
    fn while_statement(&mut self, condition: &'a Expr, body: &'a Block) -> CompileResult<()> {
        let start = self.get_label();
        let exit = self.condition(condition)?;
        let condition_end = expression_end_line(condition);
        self.enter_block(true);
        self.block(body, condition_end)?;
        self.jump_to(start)?;
        self.last_line = body.end_line;
        self.leave_block()?;
        self.patch_to_here(exit)
    }

    /// `repeat block until exp` (`repeatstat`): the condition is inside the body's scope.
    fn repeat_statement(&mut self, body: &'a Block, condition: &'a Expr) -> CompileResult<()> {
        let start = self.get_label();
        self.enter_block(true);
        self.enter_block(false);
        self.statement_list(body, true)?;
        self.last_line = body.end_line;
        let mut exit = self.condition(condition)?;
        let scope = self.leave_block()?;
        if scope.has_upvalue {
            let normal_exit = self.jump();
            self.patch_to_here(exit)?;
            let level = self.register_level(scope.active_variables);
            self.emit_abc(OpCode::Close, level, 0, 0);
            exit = self.jump() as i32;
            self.patch_to_here(normal_exit as i32)?;
        }
        self.patch_list(exit, start)?;
        self.leave_block()?;
        Ok(())
    }

    /// `if exp then block {elseif exp then block} [else block] end` (`ifstat`).
    fn if_statement(
        &mut self,
        conditions: &'a [(Expr, Block)],
        else_block: Option<&'a Block>,
    ) -> CompileResult<()> {
        let mut escape_list = NO_JUMP;
        for (index, (condition, block)) in conditions.iter().enumerate() {
            if index > 0 {
                // the `elseif` token closes the previous block
                self.last_line = conditions[index - 1].1.end_line;
            }
            let followed = index + 1 < conditions.len() || else_block.is_some();
            self.test_then_block(condition, block, followed, &mut escape_list)?;
        }
        if let Some(block) = else_block {
            let opener = conditions
                .last()
                .map_or(self.last_line, |(_, b)| b.end_line);
            self.block(block, opener)?;
        }
        self.patch_to_here(escape_list)
    }

    /// `[if | elseif] exp then block` (`test_then_block`), with the `if x then break`
    /// optimisation.
    fn test_then_block(
        &mut self,
        condition: &'a Expr,
        block: &'a Block,
        followed: bool,
        escape_list: &mut i32,
    ) -> CompileResult<()> {
        let mut v = self.expression(condition)?;
        let then_line = expression_end_line(condition);
        self.last_line = then_line;
        let skip_then = match block.stats.first() {
            Some(first) if matches!(first.kind, StatKind::Break) => {
                self.go_if_false(&mut v)?;
                self.last_line = first.line;
                self.enter_block(false);
                self.new_goto_entry(BREAK_LABEL, first.line, v.true_list);
                if block.stats.len() == 1 && block.ret.is_none() {
                    self.leave_block()?;
                    return Ok(());
                }
                let jump = self.jump() as i32;
                self.statement_list_from(block, 1, false)?;
                jump
            }
            _ => {
                self.go_if_true(&mut v)?;
                self.enter_block(false);
                self.statement_list(block, false)?;
                v.false_list
            }
        };
        self.last_line = block_end_line(block, then_line);
        self.leave_block()?;
        if followed {
            let jump = self.jump() as i32;
            self.concatenate_jumps(escape_list, jump)?;
        }
        self.patch_to_here(skip_then)
    }

    /// Compiles an expression into the next register (`exp1`).
    fn expression_to_next(&mut self, e: &'a Expr) -> CompileResult<()> {
        let mut v = self.expression(e)?;
        self.last_line = expression_end_line(e);
        self.expression_to_next_register(&mut v)
    }

    /// Sets the Bx jump of a for-loop instruction (`fixforjump`).
    fn fix_for_jump(&mut self, pc: usize, destination: usize, back: bool) -> CompileResult<()> {
        let mut offset = destination as i64 - (pc as i64 + 1);
        if back {
            offset = -offset;
        }
        if offset > MAXARG_BX as i64 || offset < 0 {
            return Err(self.error("control structure too long"));
        }
        self.instruction_mut(pc).set_bx(offset as u32);
        Ok(())
    }

    /// The body of a for loop with its prepare/loop instructions (`forbody`).
    fn for_body(
        &mut self,
        base: u32,
        line: u32,
        variables: usize,
        generic: bool,
        body: &'a Block,
        do_line: u32,
    ) -> CompileResult<()> {
        self.last_line = do_line;
        let (prepare, finish) = if generic {
            (OpCode::TForPrep, OpCode::TForLoop)
        } else {
            (OpCode::ForPrep, OpCode::ForLoop)
        };
        let prepare_pc = self.emit_abx(prepare, base, 0);
        self.enter_block(false);
        self.adjust_local_variables(variables);
        self.reserve_registers(variables as u32)?;
        self.block(body, do_line)?;
        self.leave_block()?;
        let here = self.get_label();
        self.fix_for_jump(prepare_pc, here, false)?;
        if generic {
            self.emit_abc(OpCode::TForCall, base, 0, variables as u32);
            self.fix_line(line);
        }
        let end = self.emit_abx(finish, base, 0);
        self.fix_for_jump(end, prepare_pc + 1, true)?;
        self.fix_line(line);
        Ok(())
    }

    /// `for Name '=' exp ',' exp [',' exp] do block end` (`forstat` + `fornum`).
    fn numeric_for(
        &mut self,
        line: u32,
        variable: &'a str,
        start: &'a Expr,
        limit: &'a Expr,
        step: Option<&'a Expr>,
        body: &'a Block,
    ) -> CompileResult<()> {
        self.enter_block(true);
        let base = self.function().free_register;
        for _ in 0..3 {
            self.new_local_variable("(for state)")?;
        }
        self.new_local_variable(variable)?;
        self.expression_to_next(start)?;
        self.expression_to_next(limit)?;
        match step {
            Some(step) => self.expression_to_next(step)?,
            None => {
                let free = self.function().free_register;
                self.load_integer(free, 1);
                self.reserve_registers(1)?;
            }
        }
        self.adjust_local_variables(3);
        let do_line = expression_end_line(step.unwrap_or(limit));
        self.for_body(base, line, 1, false, body, do_line)?;
        self.last_line = body.end_line;
        self.leave_block()?;
        Ok(())
    }

    /// `for namelist in explist do block end` (`forstat` + `forlist`).
    fn generic_for(
        &mut self,
        names: &'a [String],
        expressions: &'a [Expr],
        body: &'a Block,
    ) -> CompileResult<()> {
        self.enter_block(true);
        let base = self.function().free_register;
        for _ in 0..4 {
            self.new_local_variable("(for state)")?;
        }
        for name in names {
            self.new_local_variable(name)?;
        }
        let line = expressions
            .first()
            .map_or(self.last_line, expression_start_line);
        let (count, mut e) = self.expression_list(expressions)?;
        let do_line = expressions.last().map_or(line, expression_end_line);
        self.last_line = do_line;
        self.adjust_assign(4, count, &mut e)?;
        self.adjust_local_variables(4);
        self.mark_to_be_closed();
        self.check_stack(3)?;
        self.for_body(base, line, names.len(), true, body, do_line)?;
        self.last_line = body.end_line;
        self.leave_block()?;
        Ok(())
    }

    // -- Functions ------------------------------------------------------------------------------

    /// `function funcname body` (`funcstat`).
    fn function_statement(
        &mut self,
        line: u32,
        name: &'a FuncName,
        function: &'a FunctionBody,
    ) -> CompileResult<()> {
        let Some((first, fields)) = name.path.split_first() else {
            return Err(self.error("<name> expected"));
        };
        let mut v = self.single_variable(first)?;
        for field in fields.iter().chain(name.method.iter()) {
            self.expression_to_any_register_or_upvalue(&mut v)?;
            let mut key = Expression::new(Kind::String(field.as_bytes()));
            self.indexed(&mut v, &mut key)?;
        }
        let mut closure = self.function_body(function)?;
        self.check_read_only(&v)?;
        self.store_variable(&v, &mut closure)?;
        self.fix_line(line);
        Ok(())
    }

    /// `local function Name body` (`localfunc`): the name is in scope inside the body.
    fn local_function(&mut self, name: &'a str, function: &'a FunctionBody) -> CompileResult<()> {
        let variable = self.function().active_variables;
        self.new_local_variable(name)?;
        self.adjust_local_variables(1);
        self.function_body(function)?;
        let pc = self.pc() as u32;
        if let Some(debug) = self.local_debug_info_mut(variable) {
            debug.start_pc = pc;
        }
        Ok(())
    }

    // -- Gotos and labels -----------------------------------------------------------------------

    /// `goto Name` (`gotostat`).
    fn goto_statement(&mut self, line: u32, name: &'a str) -> CompileResult<()> {
        match self.find_label(name).cloned() {
            Some(label) => {
                // backward jump: close upvalues of the variables left
                let label_level = self.register_level(label.active_variables);
                if self.variable_stack_level() > label_level {
                    self.emit_abc(OpCode::Close, label_level, 0, 0);
                }
                let jump = self.jump();
                self.patch_list(jump as i32, label.pc as usize)?;
            }
            None => {
                // forward jump, solved when the label is declared
                let jump = self.jump();
                self.new_goto_entry(name, line, jump as i32);
            }
        }
        Ok(())
    }

    /// A run of consecutive labels (`labelstat`). Lua skips the following labels before
    /// creating a label, so a run is created last to first; `last` tells whether the run ends
    /// its block; `next_line` is the line of the token after the run (where Lua reports errors).
    fn label_statements(
        &mut self,
        run: &'a [Stat],
        last: bool,
        next_line: u32,
    ) -> CompileResult<()> {
        if let Some(final_label) = run.last() {
            self.last_line = final_label.line;
        }
        self.error_line = Some(next_line);
        for statement in run.iter().rev() {
            if let StatKind::Label(name) = &statement.kind {
                if let Some(existing) = self.find_label(name) {
                    let message =
                        format!("label '{}' already defined on line {}", name, existing.line);
                    return Err(self.error(&message));
                }
                self.create_label(name, statement.line, last)?;
            }
        }
        self.error_line = None;
        Ok(())
    }
}
