//! Expression descriptors (lparser.h `expdesc`) and compile-time values.
use crate::proto::Constant;

/// End of a jump list (`NO_JUMP`).
pub(super) const NO_JUMP: i32 = -1;

/// A compile-time value: a constant operand, the value of a `<const>` local, or a constant-table
/// entry before it is stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Value<'a> {
    /// `nil`
    Nil,
    /// `true` / `false`
    Boolean(bool),
    /// Integer.
    Integer(i64),
    /// Float.
    Float(f64),
    /// String.
    String(&'a [u8]),
}

impl Value<'_> {
    /// The constant-table entry for this value.
    pub(super) fn to_constant(self) -> Constant {
        match self {
            Value::Nil => Constant::Nil,
            Value::Boolean(b) => Constant::Bool(b),
            Value::Integer(i) => Constant::Int(i),
            Value::Float(f) => Constant::Float(f),
            Value::String(s) => Constant::Str(s.to_vec()),
        }
    }

    /// Lua's `ttypetag(a) == ttypetag(b) && luaV_rawequalobj(a, b)` against a stored constant.
    pub(super) fn same_as(self, constant: &Constant) -> bool {
        match (self, constant) {
            (Value::Nil, Constant::Nil) => true,
            (Value::Boolean(a), Constant::Bool(b)) => a == *b,
            (Value::Integer(a), Constant::Int(b)) => a == *b,
            (Value::Float(a), Constant::Float(b)) => a == *b,
            (Value::String(a), Constant::Str(b)) => a == b.as_slice(),
            _ => false,
        }
    }
}

/// Kinds of expression descriptors (lparser.h `expkind`), with their payload.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ExpressionKind<'a> {
    /// Empty expression list, or no value (`VVOID`).
    Void,
    /// `nil` (`VNIL`).
    Nil,
    /// `true` (`VTRUE`).
    True,
    /// `false` (`VFALSE`).
    False,
    /// Constant in the constant table (`VK`): its index.
    Constant(u32),
    /// Float constant (`VKFLT`).
    Float(f64),
    /// Integer constant (`VKINT`).
    Integer(i64),
    /// String constant not yet in the constant table (`VKSTR`).
    String(&'a [u8]),
    /// Value in a fixed register (`VNONRELOC`).
    NonRelocatable(u32),
    /// Local variable (`VLOCAL`): its register and its index among the function's variables.
    Local {
        /// Register of the variable.
        register: u32,
        /// Index of the variable in the function (`vidx`).
        variable: usize,
    },
    /// Upvalue (`VUPVAL`): its index.
    Upvalue(u32),
    /// Compile-time constant local (`VCONST`): absolute index in the variable list.
    CompileTimeConstant(usize),
    /// Indexed by a register (`VINDEXED`): table register, key register.
    Indexed {
        /// Register of the table.
        table: u32,
        /// Register of the key.
        key: u32,
    },
    /// Upvalue indexed by a constant string (`VINDEXUP`).
    IndexedUpvalue {
        /// Upvalue holding the table.
        table: u32,
        /// Constant index of the key.
        key: u32,
    },
    /// Indexed by a small integer (`VINDEXI`).
    IndexedInteger {
        /// Register of the table.
        table: u32,
        /// The integer key.
        key: u32,
    },
    /// Indexed by a constant short string (`VINDEXSTR`).
    IndexedString {
        /// Register of the table.
        table: u32,
        /// Constant index of the key.
        key: u32,
    },
    /// A test/comparison (`VJMP`): pc of its jump.
    Jump(usize),
    /// Result can go to any register (`VRELOC`): pc of the instruction whose A is to be set.
    Relocatable(usize),
    /// Function call (`VCALL`): pc of the CALL.
    Call(usize),
    /// Vararg expression (`VVARARG`): pc of the VARARG.
    Vararg(usize),
}

/// An expression descriptor: kind plus the "exit when true" and "exit when false" jump lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct ExpressionDescription<'a> {
    /// Kind and payload.
    pub(super) kind: ExpressionKind<'a>,
    /// Patch list of "exit when true".
    pub(super) true_list: i32,
    /// Patch list of "exit when false".
    pub(super) false_list: i32,
}

impl<'a> ExpressionDescription<'a> {
    /// A descriptor without jumps (`init_exp`).
    pub(super) fn new(kind: ExpressionKind<'a>) -> Self {
        ExpressionDescription {
            kind,
            true_list: NO_JUMP,
            false_list: NO_JUMP,
        }
    }

    /// The expression has pending jumps (`hasjumps`).
    pub(super) fn has_jumps(&self) -> bool {
        self.true_list != self.false_list
    }

    /// Can produce multiple values (`hasmultret`).
    pub(super) fn has_multiple_returns(&self) -> bool {
        matches!(
            self.kind,
            ExpressionKind::Call(_) | ExpressionKind::Vararg(_)
        )
    }

    /// Is an indexed variable (`vkisindexed`).
    pub(super) fn is_indexed(&self) -> bool {
        matches!(
            self.kind,
            ExpressionKind::Indexed { .. }
                | ExpressionKind::IndexedUpvalue { .. }
                | ExpressionKind::IndexedInteger { .. }
                | ExpressionKind::IndexedString { .. }
        )
    }

    /// Is a variable (`vkisvar`).
    pub(super) fn is_variable(&self) -> bool {
        self.is_indexed()
            || matches!(
                self.kind,
                ExpressionKind::Local { .. }
                    | ExpressionKind::Upvalue(_)
                    | ExpressionKind::CompileTimeConstant(_)
            )
    }

    /// The numeric value of a numeral without jumps (`tonumeral`).
    pub(super) fn numeral(&self) -> Option<Value<'a>> {
        if self.has_jumps() {
            return None;
        }
        match self.kind {
            ExpressionKind::Integer(i) => Some(Value::Integer(i)),
            ExpressionKind::Float(f) => Some(Value::Float(f)),
            _ => None,
        }
    }

    /// Is an integer literal without jumps (`luaK_isKint`).
    pub(super) fn is_integer_constant(&self) -> bool {
        matches!(self.kind, ExpressionKind::Integer(_)) && !self.has_jumps()
    }
}
