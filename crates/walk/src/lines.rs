//! Estimates of the line PUC Lua attributes to code emitted at a given point of parsing (its
//! `lastline`, the line of the last token read), from the AST, which records first lines and
//! the lines of `end`/`until`/`else` but not those of closing `)`, `}` and `]`. The same
//! estimates as the bytecode compiler's (`lunar-bytecode`, `compile/lines.rs`), so both engines
//! report the same lines.
use lunar_syntax::ast::{Block, Expr, ExprKind, Stat, StatKind, TableField};

/// Line of a closing bracket: on its own line (after the last element) when the first element
/// does not start on the line of the opening bracket, else on the line of the last element.
/// This is how multi-line tables and calls are usually laid out.
fn closing_line(opening: u32, first_start: u32, last_end: u32) -> u32 {
    if first_start > opening {
        last_end + 1
    } else {
        last_end
    }
}

/// How deep the estimates below look into nested expressions. Valid Lua nests less than this
/// (the parser's limit is 200 levels); past it the estimates use the node's own line rather
/// than exhausting the stack.
const DEPTH_BUDGET: u32 = 250;

/// The expression of a table field.
fn field_value(field: &TableField) -> &Expr {
    match field {
        TableField::Positional(value)
        | TableField::Named(_, value)
        | TableField::Keyed(_, value) => value,
    }
}

/// The first line of a table field.
fn field_start_line(field: &TableField) -> u32 {
    match field {
        TableField::Keyed(key, _) => expression_start_line(key),
        TableField::Positional(value) | TableField::Named(_, value) => expression_start_line(value),
    }
}

/// Line of the `}` of a table constructor opened on line `line`.
pub(crate) fn table_end_line(line: u32, fields: &[TableField]) -> u32 {
    table_end_line_within(line, fields, DEPTH_BUDGET)
}

fn table_end_line_within(line: u32, fields: &[TableField], budget: u32) -> u32 {
    match (fields.first(), fields.last()) {
        (Some(first), Some(last)) => closing_line(
            line,
            field_start_line(first),
            end_line_within(field_value(last), budget),
        ),
        _ => line,
    }
}

fn suffix_end_line_within(node: &Expr, prefix_end: u32, budget: u32) -> u32 {
    match &node.kind {
        ExprKind::Index(_, key) => end_line_within(key, budget),
        ExprKind::Call(_, arguments) | ExprKind::MethodCall(_, _, arguments) => {
            if let [argument] = arguments.as_slice() {
                if matches!(argument.kind, ExprKind::Str(_) | ExprKind::Table(_)) {
                    // most likely `f"..."` / `f{...}`, without parentheses
                    return end_line_within(argument, budget);
                }
            }
            match (arguments.first(), arguments.last()) {
                (Some(first), Some(last)) => closing_line(
                    prefix_end,
                    expression_start_line(first),
                    end_line_within(last, budget),
                ),
                _ => prefix_end,
            }
        }
        _ => prefix_end,
    }
}

/// Line of the last token of an expression.
pub(crate) fn expression_end_line(e: &Expr) -> u32 {
    end_line_within(e, DEPTH_BUDGET)
}

fn end_line_within(mut e: &Expr, budget: u32) -> u32 {
    if budget == 0 {
        return e.line;
    }
    let budget = budget - 1;
    loop {
        match &e.kind {
            ExprKind::Binary(_, _, right) => e = right,
            ExprKind::Unary(_, operand) => e = operand,
            ExprKind::Paren(inner) => {
                return closing_line(
                    e.line,
                    expression_start_line(inner),
                    end_line_within(inner, budget),
                )
            }
            ExprKind::Function(body) => return body.end_line,
            ExprKind::Table(fields) => return table_end_line_within(e.line, fields, budget),
            ExprKind::Index(..) | ExprKind::Call(..) | ExprKind::MethodCall(..) => {
                // walk the suffix chain iteratively: it can be arbitrarily long
                let mut chain = Vec::new();
                let mut current = e;
                while let ExprKind::Index(prefix, _)
                | ExprKind::Call(prefix, _)
                | ExprKind::MethodCall(prefix, _, _) = &current.kind
                {
                    chain.push(current);
                    current = prefix;
                }
                let mut end = end_line_within(current, budget);
                for node in chain.into_iter().rev() {
                    end = suffix_end_line_within(node, end, budget);
                }
                return end;
            }
            _ => return e.line,
        }
    }
}

/// Line of the first token of an expression (binary expressions carry their operator's line).
pub(crate) fn expression_start_line(mut e: &Expr) -> u32 {
    loop {
        match &e.kind {
            ExprKind::Str(s) => {
                // a string token has the line where it ends; estimate where a multi-line one
                // (usually a long string whose first newline is skipped) starts
                let newlines = s.iter().filter(|&&c| c == b'\n').count() as u32;
                return e.line.saturating_sub(newlines + u32::from(newlines > 0));
            }
            ExprKind::Binary(_, left, _) => e = left,
            ExprKind::Index(prefix, _)
            | ExprKind::Call(prefix, _)
            | ExprKind::MethodCall(prefix, _, _) => e = prefix,
            _ => return e.line,
        }
    }
}

/// Line of the last token of a statement.
pub(crate) fn statement_end_line(statement: &Stat) -> u32 {
    match &statement.kind {
        StatKind::Call(e) => expression_end_line(e),
        StatKind::Local { exprs, .. } => exprs.last().map_or(statement.line, expression_end_line),
        StatKind::Assign { exprs, .. } => exprs.last().map_or(statement.line, expression_end_line),
        StatKind::Do(block) | StatKind::While { body: block, .. } => block.end_line,
        StatKind::NumericFor { body, .. } | StatKind::GenericFor { body, .. } => body.end_line,
        StatKind::Repeat { cond, .. } => expression_end_line(cond),
        StatKind::If { conds, else_block } => match (else_block, conds.last()) {
            (Some(block), _) | (None, Some((_, block))) => block.end_line,
            (None, None) => statement.line,
        },
        StatKind::Function { func, .. } | StatKind::LocalFunction { func, .. } => func.end_line,
        StatKind::Break | StatKind::Goto(_) | StatKind::Label(_) => statement.line,
    }
}

/// Line of the last token inside a block, or `opener` (the line of the token before the
/// block) when the block is empty.
pub(crate) fn block_end_line(block: &Block, opener: u32) -> u32 {
    if let Some(ret) = &block.ret {
        return ret.exprs.last().map_or(ret.line, expression_end_line);
    }
    block.stats.last().map_or(opener, statement_end_line)
}
