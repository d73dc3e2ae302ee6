//! Expressions: the expression rules of lparser.c (`expr`, `suffixedexp`, `funcargs`,
//! `constructor`, `body`, ...) over the AST.
use lunar_syntax::ast::{Expr, ExprKind, FunctionBody, TableField};

use super::expdesc::{ExpressionDescription as Expression, ExpressionKind as Kind};
use super::lines::{expression_end_line, expression_start_line, suffix_end_line, table_end_line};
use super::{CompileResult, Compiler, MULTIPLE_RETURNS};
use crate::opcode::{Instruction, OpCode, LFIELDS_PER_FLUSH, MAXARG_BX};

/// State of a table constructor being compiled (lparser.c `ConsControl`).
struct ConstructorState<'a> {
    /// Last list item read, not yet stored.
    pending: Expression<'a>,
    /// The table (in a fixed register).
    table: Expression<'a>,
    /// Number of record (hash) elements.
    hash_size: u32,
    /// Number of list elements already stored.
    array_size: u32,
    /// Number of list elements pending to be stored.
    to_store: u32,
}

impl<'a> Compiler<'a> {
    /// Compiles an expression (`expr`).
    pub(super) fn expression(&mut self, e: &'a Expr) -> CompileResult<Expression<'a>> {
        self.enter_level()?;
        let result = self.simple_or_operator_expression(e);
        self.leave_level();
        result
    }

    /// `subexpr` / `simpleexp`.
    fn simple_or_operator_expression(&mut self, e: &'a Expr) -> CompileResult<Expression<'a>> {
        Ok(match &e.kind {
            ExprKind::Nil => Expression::new(Kind::Nil),
            ExprKind::True => Expression::new(Kind::True),
            ExprKind::False => Expression::new(Kind::False),
            ExprKind::Int(i) => Expression::new(Kind::Integer(*i)),
            ExprKind::Float(f) => Expression::new(Kind::Float(*f)),
            ExprKind::Str(s) => Expression::new(Kind::String(s)),
            ExprKind::Vararg => {
                if !self.function().proto.is_vararg {
                    return Err(self.error("cannot use '...' outside a vararg function near '...'"));
                }
                Expression::new(Kind::Vararg(self.emit_abc(OpCode::VarArg, 0, 0, 1)))
            }
            ExprKind::Function(body) => self.function_body(body)?,
            ExprKind::Table(fields) => self.constructor(fields, e.line)?,
            ExprKind::Binary(..) => self.binary_expression(e)?,
            ExprKind::Unary(operator, operand) => {
                self.last_line = e.line;
                let mut v = self.expression(operand)?;
                self.last_line = expression_end_line(operand);
                self.prefix(*operator, &mut v, e.line)?;
                v
            }
            ExprKind::Name(_)
            | ExprKind::Index(..)
            | ExprKind::Call(..)
            | ExprKind::MethodCall(..)
            | ExprKind::Paren(_) => self.suffixed_expression(e)?,
        })
    }

    /// A chain of binary operators. Left-associative chains nest to the left in the tree; they
    /// are walked iteratively, as Lua's `subexpr` loop does.
    fn binary_expression(&mut self, e: &'a Expr) -> CompileResult<Expression<'a>> {
        let mut spine = Vec::new();
        let mut current = e;
        while let ExprKind::Binary(operator, left, right) = &current.kind {
            spine.push((*operator, &**right, current.line));
            current = left;
        }
        let mut v = self.expression(current)?;
        for (operator, right, line) in spine.into_iter().rev() {
            self.last_line = line;
            self.infix(operator, &mut v)?;
            let mut v2 = self.expression(right)?;
            self.last_line = expression_end_line(right);
            self.posfix(operator, &mut v, &mut v2, line)?;
        }
        Ok(v)
    }

    /// `primaryexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }` (`suffixedexp`),
    /// walked iteratively from the primary expression outwards.
    pub(super) fn suffixed_expression(&mut self, e: &'a Expr) -> CompileResult<Expression<'a>> {
        let mut chain = Vec::new();
        let mut current = e;
        while let ExprKind::Index(prefix, _)
        | ExprKind::Call(prefix, _)
        | ExprKind::MethodCall(prefix, _, _) = &current.kind
        {
            chain.push(current);
            current = prefix;
        }
        let mut v = self.primary_expression(current)?;
        let mut prefix_end = expression_end_line(current);
        for node in chain.into_iter().rev() {
            self.last_line = prefix_end;
            match &node.kind {
                ExprKind::Index(_, key) => {
                    self.expression_to_any_register_or_upvalue(&mut v)?;
                    let mut k = self.expression(key)?;
                    prefix_end = expression_end_line(key);
                    self.last_line = prefix_end;
                    self.expression_to_value(&mut k)?;
                    self.indexed(&mut v, &mut k)?;
                }
                ExprKind::Call(_, arguments) => {
                    self.expression_to_next_register(&mut v)?;
                    let end = suffix_end_line(node, prefix_end);
                    self.function_arguments(&mut v, arguments, node.line, end)?;
                    prefix_end = end;
                }
                ExprKind::MethodCall(_, name, arguments) => {
                    let mut key = Expression::new(Kind::String(name.as_bytes()));
                    self.method_self(&mut v, &mut key)?;
                    let end = suffix_end_line(node, prefix_end);
                    self.function_arguments(&mut v, arguments, node.line, end)?;
                    prefix_end = end;
                }
                _ => {}
            }
        }
        Ok(v)
    }

    /// `NAME | '(' expr ')'` (`primaryexp`). Other expressions (not produced by the parser in
    /// prefix position) are compiled as they are.
    fn primary_expression(&mut self, e: &'a Expr) -> CompileResult<Expression<'a>> {
        match &e.kind {
            ExprKind::Name(name) => {
                self.last_line = e.line;
                self.single_variable(name)
            }
            ExprKind::Paren(inner) => {
                self.last_line = e.line;
                let mut v = self.expression(inner)?;
                self.last_line = expression_end_line(e);
                self.discharge_variables(&mut v);
                Ok(v)
            }
            _ => self.expression(e),
        }
    }

    /// Compiles a non-empty expression list, leaving all but the last value in consecutive
    /// registers (`explist`); returns the count and the last expression.
    pub(super) fn expression_list(
        &mut self,
        expressions: &'a [Expr],
    ) -> CompileResult<(usize, Expression<'a>)> {
        let Some((first, rest)) = expressions.split_first() else {
            return Err(self.error("unexpected symbol"));
        };
        let mut v = self.expression(first)?;
        let mut previous = first;
        for e in rest {
            self.last_line = expression_end_line(previous);
            self.expression_to_next_register(&mut v)?;
            v = self.expression(e)?;
            previous = e;
        }
        Ok((expressions.len(), v))
    }

    /// Arguments and CALL of a call whose function is in the next register (`funcargs`);
    /// `line` is the line of the start of the call, `closing` the line of its `)`.
    fn function_arguments(
        &mut self,
        f: &mut Expression<'a>,
        arguments: &'a [Expr],
        line: u32,
        closing: u32,
    ) -> CompileResult<()> {
        let mut argument = Expression::new(Kind::Void);
        if !arguments.is_empty() {
            argument = self.expression_list(arguments)?.1;
            if argument.has_multiple_returns() {
                self.set_multiple_returns(&mut argument)?;
            }
        }
        self.last_line = closing;
        let base = match f.kind {
            Kind::NonRelocatable(register) => register,
            _ => return Err(self.error("syntax error")),
        };
        let parameters = if argument.has_multiple_returns() {
            MULTIPLE_RETURNS
        } else {
            if !matches!(argument.kind, Kind::Void) {
                self.expression_to_next_register(&mut argument)?;
            }
            (self.function().free_register - (base + 1)) as i32
        };
        let pc = self.emit_abc(OpCode::Call, base, (parameters + 1) as u32, 2);
        f.kind = Kind::Call(pc);
        self.fix_line(line);
        self.function_mut().free_register = base + 1;
        Ok(())
    }

    // -- Table constructors ---------------------------------------------------------------------

    /// `'{' [ field { sep field } [sep] ] '}'` (`constructor`).
    fn constructor(
        &mut self,
        fields: &'a [TableField],
        line: u32,
    ) -> CompileResult<Expression<'a>> {
        let pc = self.emit_abc(OpCode::NewTable, 0, 0, 0);
        self.emit(Instruction(0)); // space for the extra argument
        let table_register = self.function().free_register;
        let mut state = ConstructorState {
            pending: Expression::new(Kind::Void),
            table: Expression::new(Kind::NonRelocatable(table_register)),
            hash_size: 0,
            array_size: 0,
            to_store: 0,
        };
        self.reserve_registers(1)?;
        let mut previous_end = line;
        for field in fields {
            self.last_line = previous_end;
            self.close_list_field(&mut state)?;
            match field {
                TableField::Positional(value) => {
                    state.pending = self.expression(value)?;
                    state.to_store += 1;
                    previous_end = expression_end_line(value);
                }
                TableField::Named(name, value) => {
                    self.record_field(&mut state, Err(name), value)?;
                    previous_end = expression_end_line(value);
                }
                TableField::Keyed(key, value) => {
                    self.record_field(&mut state, Ok(key), value)?;
                    previous_end = expression_end_line(value);
                }
            }
        }
        self.last_line = table_end_line(line, fields);
        self.last_list_field(&mut state)?;
        self.set_table_size(pc, table_register, state.array_size, state.hash_size);
        Ok(state.table)
    }

    /// `(NAME | '[' exp ']') '=' exp` (`recfield`); the key is `Err(name)` or `Ok(expression)`.
    fn record_field(
        &mut self,
        state: &mut ConstructorState<'a>,
        key: Result<&'a Expr, &'a String>,
        value: &'a Expr,
    ) -> CompileResult<()> {
        let register = self.function().free_register;
        let mut key = match key {
            Err(name) => {
                self.last_line = expression_start_line(value);
                Expression::new(Kind::String(name.as_bytes()))
            }
            Ok(key) => {
                self.last_line = expression_start_line(key);
                let mut k = self.expression(key)?;
                self.last_line = expression_end_line(key);
                self.expression_to_value(&mut k)?;
                k
            }
        };
        state.hash_size += 1;
        let mut table = state.table;
        self.indexed(&mut table, &mut key)?;
        let mut v = self.expression(value)?;
        self.last_line = expression_end_line(value);
        self.store_variable(&table, &mut v)?;
        self.function_mut().free_register = register;
        Ok(())
    }

    /// Stores the pending list item in its register, flushing a full batch (`closelistfield`).
    fn close_list_field(&mut self, state: &mut ConstructorState<'a>) -> CompileResult<()> {
        if matches!(state.pending.kind, Kind::Void) {
            return Ok(());
        }
        self.expression_to_next_register(&mut state.pending)?;
        state.pending = Expression::new(Kind::Void);
        if state.to_store == LFIELDS_PER_FLUSH {
            let base = table_register(&state.table);
            self.set_list(base, state.array_size, state.to_store as i32);
            state.array_size += state.to_store;
            state.to_store = 0;
        }
        Ok(())
    }

    /// Stores the remaining list items, the last one possibly multi-valued (`lastlistfield`).
    fn last_list_field(&mut self, state: &mut ConstructorState<'a>) -> CompileResult<()> {
        if state.to_store == 0 {
            return Ok(());
        }
        let base = table_register(&state.table);
        if state.pending.has_multiple_returns() {
            self.set_multiple_returns(&mut state.pending)?;
            self.set_list(base, state.array_size, MULTIPLE_RETURNS);
            state.array_size = state.array_size.wrapping_sub(1);
        } else {
            if !matches!(state.pending.kind, Kind::Void) {
                self.expression_to_next_register(&mut state.pending)?;
            }
            self.set_list(base, state.array_size, state.to_store as i32);
        }
        state.array_size = state.array_size.wrapping_add(state.to_store);
        Ok(())
    }

    // -- Functions ------------------------------------------------------------------------------

    /// Compiles a function body into a nested prototype and emits its CLOSURE in the next
    /// register of the enclosing function (`body` + `codeclosure`).
    pub(super) fn function_body(
        &mut self,
        body: &'a FunctionBody,
    ) -> CompileResult<Expression<'a>> {
        self.open_function(body.line);
        self.last_line = body.line;
        if body.is_method {
            self.new_local_variable("self")?;
            self.adjust_local_variables(1);
        }
        for parameter in &body.params {
            self.new_local_variable(parameter)?;
        }
        self.adjust_local_variables(body.params.len());
        let parameters = self.function().active_variables;
        self.function_mut().proto.num_params = parameters as u8;
        if body.is_vararg {
            self.set_vararg(parameters as u32);
        }
        self.reserve_registers(parameters as u32)?;
        self.statement_list(&body.body, false)?;
        self.function_mut().proto.last_line_defined = body.end_line;
        self.last_line = body.end_line;
        self.error_line = Some(body.end_line);
        let proto = self.close_function();
        self.error_line = None;
        let proto = proto?;
        let index = self.function().proto.protos.len() as u32;
        if index > MAXARG_BX {
            return Err(self.error(&format!("too many functions (limit is {MAXARG_BX})")));
        }
        self.function_mut().proto.protos.push(proto);
        let mut v = Expression::new(Kind::Relocatable(self.emit_abx(OpCode::Closure, 0, index)));
        self.expression_to_next_register(&mut v)?;
        Ok(v)
    }
}

/// Register of the table of a constructor.
fn table_register(table: &Expression) -> u32 {
    match table.kind {
        Kind::NonRelocatable(register) => register,
        _ => 0,
    }
}
