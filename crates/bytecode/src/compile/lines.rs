//! Estimates of Lua's `lastline` (the line of the last token read) at the points where the
//! parser emits code.
//!
//! The AST gives the first line of every node and the line of `end`/`until`/`else` tokens, but
//! not the line of closing `)`, `}` and `]`. Those are estimated as the last line of what they
//! enclose, which is exact whenever a construct does not end on a line of its own.
use lunar_syntax::ast::{Block, Expr, ExprKind, Stat, StatKind, TableField};

/// Line of the last token of an expression.
pub(super) fn expression_end_line(mut e: &Expr) -> u32 {
    loop {
        match &e.kind {
            ExprKind::Binary(_, _, right) => e = right,
            ExprKind::Unary(_, operand) => e = operand,
            ExprKind::Paren(inner) => e = inner,
            ExprKind::Index(_, key) => e = key,
            ExprKind::Call(function, arguments) => match arguments.last() {
                Some(last) => e = last,
                None => e = function,
            },
            ExprKind::MethodCall(object, _, arguments) => match arguments.last() {
                Some(last) => e = last,
                None => e = object,
            },
            ExprKind::Function(body) => return body.end_line,
            ExprKind::Table(fields) => match fields.last() {
                Some(TableField::Positional(value))
                | Some(TableField::Named(_, value))
                | Some(TableField::Keyed(_, value)) => e = value,
                None => return e.line,
            },
            _ => return e.line,
        }
    }
}

/// Line of the first token of an expression (binary expressions carry their operator's line).
pub(super) fn expression_start_line(mut e: &Expr) -> u32 {
    loop {
        match &e.kind {
            ExprKind::Binary(_, left, _) => e = left,
            ExprKind::Index(prefix, _) => e = prefix,
            _ => return e.line,
        }
    }
}

/// Line of the last token of a statement.
pub(super) fn statement_end_line(statement: &Stat) -> u32 {
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
pub(super) fn block_end_line(block: &Block, opener: u32) -> u32 {
    if let Some(ret) = &block.ret {
        return ret.exprs.last().map_or(ret.line, expression_end_line);
    }
    block.stats.last().map_or(opener, statement_end_line)
}
