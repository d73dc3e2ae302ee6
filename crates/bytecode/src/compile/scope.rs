//! Variables, upvalues, blocks, labels and gotos, and opening/closing functions: the scope
//! management of lparser.c.
use super::expdesc::{ExpressionDescription as Expression, ExpressionKind as Kind, Value};
use super::{
    BlockScope, CompileResult, Compiler, FunctionState, LabelDescription, VariableDescription,
    MAXIMUM_UPVALUES, MAXIMUM_VARIABLES,
};
use crate::opcode::OpCode;
use crate::proto::{LocVar, Proto, UpvalDesc, VarKind};
use lunar_syntax::SyntaxError;

/// Name of the pseudo-label that `break` jumps to.
pub(super) const BREAK_LABEL: &str = "break";
/// Name of the environment upvalue.
const ENVIRONMENT: &str = "_ENV";

impl<'a> Compiler<'a> {
    // -- Local variables ------------------------------------------------------------------------

    /// Declares a new local variable, not yet active (`new_localvar`); returns its index in the
    /// function.
    pub(super) fn new_local_variable(&mut self, name: &'a str) -> CompileResult<usize> {
        let first_local = self.function().first_local;
        if self.variables.len() + 1 - first_local > MAXIMUM_VARIABLES {
            return Err(self.limit_error(
                self.functions.len() - 1,
                MAXIMUM_VARIABLES,
                "local variables",
            ));
        }
        self.variables.push(VariableDescription {
            name,
            kind: VarKind::Regular,
            register: 0,
            debug_index: 0,
            value: Value::Nil,
        });
        Ok(self.variables.len() - 1 - first_local)
    }

    /// Variable `variable` of the function at `level` (`getlocalvardesc`).
    fn variable_in(&self, level: usize, variable: usize) -> &VariableDescription<'a> {
        &self.variables[self.functions[level].first_local + variable]
    }

    /// Variable `variable` of the current function, mutably.
    pub(super) fn variable_mut(&mut self, variable: usize) -> &mut VariableDescription<'a> {
        let index = self.function().first_local + variable;
        &mut self.variables[index]
    }

    /// Register level of the first `count` variables of the function at `level`: one past the
    /// register of the last of them that lives in a register (`reglevel`).
    fn register_level_in(&self, level: usize, count: usize) -> u32 {
        let first_local = self.functions[level].first_local;
        for index in (0..count).rev() {
            match self.variables.get(first_local + index) {
                Some(variable) if variable.kind != VarKind::CompileTimeConst => {
                    return variable.register + 1
                }
                _ => {}
            }
        }
        0
    }

    /// `reglevel` for the current function.
    pub(super) fn register_level(&self, count: usize) -> u32 {
        self.register_level_in(self.functions.len() - 1, count)
    }

    /// Number of registers holding active variables (`luaY_nvarstack`).
    pub(super) fn variable_stack_level(&self) -> u32 {
        self.register_level(self.function().active_variables)
    }

    /// Debug information of variable `variable` (`localdebuginfo`); none for compile-time
    /// constants.
    pub(super) fn local_debug_info_mut(&mut self, variable: usize) -> Option<&mut LocVar> {
        let index = self.function().first_local + variable;
        let description = self.variables.get(index)?;
        if description.kind == VarKind::CompileTimeConst {
            return None;
        }
        let debug_index = description.debug_index;
        self.function_mut().proto.loc_vars.get_mut(debug_index)
    }

    /// Activates the last `count` declared variables (`adjustlocalvars`).
    pub(super) fn adjust_local_variables(&mut self, count: usize) {
        let mut register = self.variable_stack_level();
        for _ in 0..count {
            let function = self.function_mut();
            let variable = function.active_variables;
            function.active_variables += 1;
            let pc = function.proto.code.len() as u32;
            let debug_index = function.proto.loc_vars.len();
            let index = function.first_local + variable;
            let Some(description) = self.variables.get_mut(index) else {
                continue;
            };
            description.register = register;
            description.debug_index = debug_index;
            let name = description.name.to_string();
            register += 1;
            self.function_mut().proto.loc_vars.push(LocVar {
                name,
                start_pc: pc,
                end_pc: 0,
            });
        }
    }

    /// Ends the scope of the variables above `to_level` (`removevars`). The descriptions stay
    /// in [`Compiler::variables`] until the caller truncates it (Lua reads them once more).
    fn remove_variables(&mut self, to_level: usize) {
        while self.function().active_variables > to_level {
            let function = self.function_mut();
            function.active_variables -= 1;
            let variable = function.active_variables;
            let pc = function.proto.code.len() as u32;
            if let Some(debug) = self.local_debug_info_mut(variable) {
                debug.end_pc = pc;
            }
        }
    }

    // -- Upvalues and name resolution -----------------------------------------------------------

    /// Index of the upvalue named `name` of the function at `level` (`searchupvalue`).
    fn search_upvalue(&self, level: usize, name: &str) -> Option<u32> {
        self.functions[level]
            .proto
            .upvalues
            .iter()
            .position(|upvalue| upvalue.name.as_deref() == Some(name))
            .map(|index| index as u32)
    }

    /// Adds an upvalue to the function at `level` capturing `v` of the enclosing function
    /// (`newupvalue`).
    fn new_upvalue(&mut self, level: usize, name: &str, v: &Expression<'a>) -> CompileResult<u32> {
        if self.functions[level].proto.upvalues.len() + 1 > MAXIMUM_UPVALUES {
            return Err(self.limit_error(level, MAXIMUM_UPVALUES, "upvalues"));
        }
        let (in_stack, index, kind) = match v.kind {
            Kind::Local { register, variable } => {
                (true, register, self.variable_in(level - 1, variable).kind)
            }
            Kind::Upvalue(index) => {
                let kind = self.functions[level - 1].proto.upvalues[index as usize].kind;
                (false, index, kind)
            }
            _ => return Err(self.error("syntax error")),
        };
        let upvalues = &mut self.functions[level].proto.upvalues;
        upvalues.push(UpvalDesc {
            name: Some(name.to_string()),
            in_stack,
            index: index as u8,
            kind,
        });
        Ok(upvalues.len() as u32 - 1)
    }

    /// Looks for an active local named `name` in the function at `level` (`searchvar`).
    fn search_variable(&self, level: usize, name: &str) -> Option<Expression<'a>> {
        let function = &self.functions[level];
        (0..function.active_variables).rev().find_map(|variable| {
            let description = self.variable_in(level, variable);
            if description.name != name {
                return None;
            }
            Some(Expression::new(
                if description.kind == VarKind::CompileTimeConst {
                    Kind::CompileTimeConstant(function.first_local + variable)
                } else {
                    Kind::Local {
                        register: description.register,
                        variable,
                    }
                },
            ))
        })
    }

    /// Marks the block declaring variable `variable` of the function at `level` as having an
    /// upvalue (`markupval`).
    fn mark_upvalue(&mut self, level: usize, variable: usize) {
        let function = &mut self.functions[level];
        if let Some(block) = function
            .blocks
            .iter_mut()
            .rev()
            .find(|block| block.active_variables <= variable)
        {
            block.has_upvalue = true;
        }
        function.need_close = true;
    }

    /// Marks the current block as having a to-be-closed variable (`marktobeclosed`).
    pub(super) fn mark_to_be_closed(&mut self) {
        let function = self.function_mut();
        if let Some(block) = function.blocks.last_mut() {
            block.has_upvalue = true;
            block.inside_to_be_closed = true;
        }
        function.need_close = true;
    }

    /// Resolves `name` as a local, upvalue (creating upvalues in intermediate functions) or
    /// global (`Void`) at function `level` (`singlevaraux`).
    fn single_variable_auxiliary(
        &mut self,
        level: usize,
        name: &str,
        base: bool,
    ) -> CompileResult<Expression<'a>> {
        if let Some(v) = self.search_variable(level, name) {
            if let Kind::Local { variable, .. } = v.kind {
                if !base {
                    self.mark_upvalue(level, variable);
                }
            }
            return Ok(v);
        }
        if let Some(index) = self.search_upvalue(level, name) {
            return Ok(Expression::new(Kind::Upvalue(index)));
        }
        if level == 0 {
            return Ok(Expression::new(Kind::Void));
        }
        let v = self.single_variable_auxiliary(level - 1, name, false)?;
        match v.kind {
            Kind::Local { .. } | Kind::Upvalue(_) => {
                let index = self.new_upvalue(level, name, &v)?;
                Ok(Expression::new(Kind::Upvalue(index)))
            }
            _ => Ok(v),
        }
    }

    /// Resolves a variable name, globals becoming `_ENV.name` (`singlevar`).
    pub(super) fn single_variable(&mut self, name: &'a str) -> CompileResult<Expression<'a>> {
        let level = self.functions.len() - 1;
        let v = self.single_variable_auxiliary(level, name, true)?;
        if !matches!(v.kind, Kind::Void) {
            return Ok(v);
        }
        let mut environment = self.single_variable_auxiliary(level, ENVIRONMENT, true)?;
        if matches!(environment.kind, Kind::Void) {
            return Err(self.error("syntax error"));
        }
        // `_ENV` could be a compile-time constant
        self.expression_to_any_register_or_upvalue(&mut environment)?;
        let mut key = Expression::new(Kind::String(name.as_bytes()));
        self.indexed(&mut environment, &mut key)?;
        Ok(environment)
    }

    /// Rejects assignments to `<const>`/`<close>` variables (`check_readonly`).
    pub(super) fn check_read_only(&self, e: &Expression<'a>) -> CompileResult<()> {
        let name = match e.kind {
            Kind::CompileTimeConstant(index) => Some(self.variables[index].name.to_string()),
            Kind::Local { variable, .. } => {
                let description = self.variable_in(self.functions.len() - 1, variable);
                (description.kind != VarKind::Regular).then(|| description.name.to_string())
            }
            Kind::Upvalue(index) => {
                let upvalue = &self.function().proto.upvalues[index as usize];
                if upvalue.kind != VarKind::Regular {
                    upvalue.name.clone()
                } else {
                    None
                }
            }
            _ => None,
        };
        match name {
            Some(name) => Err(self.error(&format!("attempt to assign to const variable '{name}'"))),
            None => Ok(()),
        }
    }

    /// Value of a compile-time constant expression (`luaK_exp2const`).
    pub(super) fn expression_constant_value(&self, e: &Expression<'a>) -> Option<Value<'a>> {
        if e.has_jumps() {
            return None;
        }
        match e.kind {
            Kind::False => Some(Value::Boolean(false)),
            Kind::True => Some(Value::Boolean(true)),
            Kind::Nil => Some(Value::Nil),
            Kind::String(s) => Some(Value::String(s)),
            Kind::CompileTimeConstant(index) => Some(self.variables[index].value),
            _ => e.numeral(),
        }
    }

    // -- Blocks ---------------------------------------------------------------------------------

    /// Opens a block (`enterblock`).
    pub(super) fn enter_block(&mut self, is_loop: bool) {
        let first_label = self.labels.len();
        let first_goto = self.gotos.len();
        let function = self.function_mut();
        let inside_to_be_closed = function
            .blocks
            .last()
            .is_some_and(|block| block.inside_to_be_closed);
        function.blocks.push(BlockScope {
            first_label,
            first_goto,
            active_variables: function.active_variables,
            has_upvalue: false,
            is_loop,
            inside_to_be_closed,
        });
    }

    /// The innermost block.
    pub(super) fn current_block(&self) -> BlockScope {
        *self.function().blocks.last().expect("no block")
    }

    /// Closes the innermost block (`leaveblock`): solves breaks, closes upvalues, ends the
    /// scope of its variables and moves its pending gotos out. Returns the closed block.
    pub(super) fn leave_block(&mut self) -> CompileResult<BlockScope> {
        let block = self.current_block();
        let stack_level = self.register_level(block.active_variables);
        let mut has_close = false;
        if block.is_loop {
            has_close = self.create_label(BREAK_LABEL, 0, false)?;
        }
        let has_previous = self.function().blocks.len() > 1;
        if !has_close && has_previous && block.has_upvalue {
            self.emit_abc(OpCode::Close, stack_level, 0, 0);
        }
        self.function_mut().blocks.pop();
        let removed = self.function().active_variables - block.active_variables;
        self.remove_variables(block.active_variables);
        self.function_mut().free_register = stack_level;
        self.labels.truncate(block.first_label);
        let result = if has_previous {
            self.move_gotos_out(&block);
            Ok(block)
        } else if let Some(goto) = self.gotos.get(block.first_goto) {
            Err(self.undefined_goto(goto))
        } else {
            Ok(block)
        };
        let length = self.variables.len().saturating_sub(removed);
        self.variables.truncate(length);
        result
    }

    // -- Labels and gotos -----------------------------------------------------------------------

    /// Looks for a visible label of the current function (`findlabel`).
    pub(super) fn find_label(&self, name: &str) -> Option<&LabelDescription<'a>> {
        self.labels[self.function().first_label.min(self.labels.len())..]
            .iter()
            .find(|label| label.name == name)
    }

    /// Registers a pending goto (`newgotoentry`).
    pub(super) fn new_goto_entry(&mut self, name: &'a str, line: u32, pc: i32) {
        let active_variables = self.function().active_variables;
        self.gotos.push(LabelDescription {
            name,
            pc,
            line,
            active_variables,
            close: false,
        });
    }

    /// Resolves pending goto `index` to `label` and removes it (`solvegoto`).
    fn solve_goto(&mut self, index: usize, label: &LabelDescription<'a>) -> CompileResult<()> {
        let goto = self.gotos[index].clone();
        if goto.active_variables < label.active_variables {
            let name = self
                .variables
                .get(self.function().first_local + goto.active_variables)
                .map_or("?", |variable| variable.name);
            return Err(self.error(&format!(
                "<goto {}> at line {} jumps into the scope of local '{}'",
                goto.name, goto.line, name
            )));
        }
        self.patch_list(goto.pc, label.pc as usize)?;
        self.gotos.remove(index);
        Ok(())
    }

    /// Solves the pending gotos of the current block to a new label; true if one of them needs
    /// to close upvalues (`solvegotos`).
    fn solve_gotos(&mut self, label: &LabelDescription<'a>) -> CompileResult<bool> {
        let mut index = self.current_block().first_goto;
        let mut needs_close = false;
        while index < self.gotos.len() {
            if self.gotos[index].name == label.name {
                needs_close |= self.gotos[index].close;
                self.solve_goto(index, label)?;
            } else {
                index += 1;
            }
        }
        Ok(needs_close)
    }

    /// Creates a label at the current position, solving pending gotos to it and closing
    /// upvalues if one of them needs it; `last` tells whether the label ends its block
    /// (`createlabel`). Returns true if it emitted a CLOSE.
    pub(super) fn create_label(
        &mut self,
        name: &'a str,
        line: u32,
        last: bool,
    ) -> CompileResult<bool> {
        let pc = self.get_label() as i32;
        let active_variables = if last {
            self.current_block().active_variables
        } else {
            self.function().active_variables
        };
        let label = LabelDescription {
            name,
            pc,
            line,
            active_variables,
            close: false,
        };
        self.labels.push(label.clone());
        if self.solve_gotos(&label)? {
            let level = self.variable_stack_level();
            self.emit_abc(OpCode::Close, level, 0, 0);
            return Ok(true);
        }
        Ok(false)
    }

    /// Moves the pending gotos of a closed block to the enclosing block (`movegotosout`).
    fn move_gotos_out(&mut self, block: &BlockScope) {
        let outside_level = self.register_level(block.active_variables);
        for index in block.first_goto..self.gotos.len() {
            let goto_level = self.register_level(self.gotos[index].active_variables);
            let goto = &mut self.gotos[index];
            if goto_level > outside_level {
                goto.close |= block.has_upvalue;
            }
            goto.active_variables = block.active_variables;
        }
    }

    /// Error for a goto without a visible label (`undefgoto`).
    fn undefined_goto(&self, goto: &LabelDescription<'a>) -> SyntaxError {
        if goto.name == BREAK_LABEL {
            self.error(&format!("break outside loop at line {}", goto.line))
        } else {
            self.error(&format!(
                "no visible label '{}' for <goto> at line {}",
                goto.name, goto.line
            ))
        }
    }

    // -- Functions ------------------------------------------------------------------------------

    /// Starts compiling a new function (`open_func`).
    pub(super) fn open_function(&mut self, line_defined: u32) {
        let proto = Proto {
            source: self.source.to_string(),
            line_defined,
            max_stack_size: 2,
            ..Proto::default()
        };
        self.functions.push(FunctionState {
            proto,
            blocks: Vec::new(),
            last_target: 0,
            free_register: 0,
            active_variables: 0,
            first_local: self.variables.len(),
            first_label: self.labels.len(),
            need_close: false,
            line_state: super::LineState {
                previous_line: line_defined as i64,
                ..Default::default()
            },
        });
        self.enter_block(false);
    }

    /// Finishes the current function (`close_func`): final return, outer block, final pass.
    pub(super) fn close_function(&mut self) -> CompileResult<Proto> {
        let level = self.variable_stack_level();
        self.emit_return(level, 0);
        self.leave_block()?;
        self.finish()?;
        let function = self.functions.pop().expect("no function being compiled");
        let mut proto = function.proto;
        let entries = &function.line_state.entries;
        proto.abs_line_pcs = Some(
            (0..entries.len() as u32)
                .filter(|&pc| entries[pc as usize].is_none())
                .collect(),
        );
        Ok(proto)
    }

    /// Marks a function as vararg (`setvararg`).
    pub(super) fn set_vararg(&mut self, parameters: u32) {
        self.function_mut().proto.is_vararg = true;
        self.emit_abc(OpCode::VarArgPrep, parameters, 0, 0);
    }

    /// Compiles the main function of a chunk (`mainfunc`).
    pub(super) fn main_function(
        &mut self,
        chunk: &'a lunar_syntax::ast::Chunk,
    ) -> CompileResult<Proto> {
        self.open_function(0);
        self.last_line = 1;
        self.set_vararg(0);
        self.function_mut().proto.upvalues.push(UpvalDesc {
            name: Some(ENVIRONMENT.to_string()),
            in_stack: true,
            index: 0,
            kind: VarKind::Regular,
        });
        self.statement_list(&chunk.block, false)?;
        self.last_line = super::lines::block_end_line(&chunk.block, 1);
        // errors about pending gotos are reported at the end of the input
        self.error_line = Some(chunk.end_line.max(self.last_line));
        let proto = self.close_function();
        self.error_line = None;
        proto
    }
}

impl<'a> Compiler<'a> {
    /// `errorlimit` for the function at `level`.
    pub(super) fn limit_error(&self, level: usize, limit: usize, what: &str) -> SyntaxError {
        let line = self.functions[level].proto.line_defined;
        let location = if line == 0 {
            "main function".to_string()
        } else {
            format!("function at line {line}")
        };
        self.error(&format!("too many {what} (limit is {limit}) in {location}"))
    }
}
