//! The constant table (lcode.c `addk` and friends) and constant folding (`constfolding`,
//! `luaO_rawarith`).
use super::expdesc::Value;
use super::Compiler;

// -- Constant cache -----------------------------------------------------------------------------

/// Key of the constant cache. Lua caches constant indices in a table shared by all the functions
/// of a chunk, keyed by the value itself (with table-key normalisation: floats with an integral
/// value are integer keys), so this reproduces both its hits and its misses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum CacheKey<'a> {
    /// `nil` (Lua uses the cache table itself as the key).
    Nil,
    /// A boolean.
    Boolean(bool),
    /// An integer, or a float with an integral value.
    Integer(i64),
    /// A non-integral float, by bits.
    Float(u64),
    /// A string.
    String(&'a [u8]),
}

/// Converts a float to an integer if it has an exact integral value in range
/// (`luaV_flttointeger` with `F2Ieq`).
pub(super) fn float_to_integer(f: f64) -> Option<i64> {
    if f.floor() != f {
        return None;
    }
    // `lua_numbertointeger`: MININTEGER <= f < -MININTEGER
    if (-9223372036854775808.0..9223372036854775808.0).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

/// The table key Lua would use for a float key.
fn float_key<'a>(f: f64) -> CacheKey<'a> {
    match float_to_integer(f) {
        Some(i) => CacheKey::Integer(i),
        None => CacheKey::Float(f.to_bits()),
    }
}

impl<'a> Compiler<'a> {
    /// Adds a constant (`addk`): reuses the cached index when it still designates an equal
    /// constant of the current function, else appends a new entry and caches it.
    fn add_constant(&mut self, key: CacheKey<'a>, value: Value<'a>) -> u32 {
        let cached = self.constant_cache.get(&key).copied();
        let constants = &mut self
            .functions
            .last_mut()
            .expect("no function")
            .proto
            .constants;
        if let Some(index) = cached {
            if index < constants.len() && value.same_as(&constants[index]) {
                return index as u32;
            }
        }
        let index = constants.len();
        constants.push(value.to_constant());
        self.constant_cache.insert(key, index);
        index as u32
    }

    /// Adds a string constant (`stringK`).
    pub(super) fn string_constant(&mut self, s: &'a [u8]) -> u32 {
        self.add_constant(CacheKey::String(s), Value::String(s))
    }

    /// Adds an integer constant (`luaK_intK`).
    pub(super) fn integer_constant(&mut self, i: i64) -> u32 {
        self.add_constant(CacheKey::Integer(i), Value::Integer(i))
    }

    /// Adds a float constant (`luaK_numberK`). Floats with integral values use a perturbed key so
    /// that they do not collide with integers.
    pub(super) fn float_constant(&mut self, r: f64) -> u32 {
        match float_to_integer(r) {
            None => self.add_constant(float_key(r), Value::Float(r)),
            Some(integer) => {
                // q = 2^-52: the smallest power-of-two fraction still significant at scale 1
                let q = f64::powi(2.0, -52);
                let key = if integer == 0 { q } else { r + r * q };
                self.add_constant(float_key(key), Value::Float(r))
            }
        }
    }

    /// Adds `false` (`boolF`) or `true` (`boolT`).
    pub(super) fn boolean_constant(&mut self, b: bool) -> u32 {
        self.add_constant(CacheKey::Boolean(b), Value::Boolean(b))
    }

    /// Adds `nil` (`nilK`).
    pub(super) fn nil_constant(&mut self) -> u32 {
        self.add_constant(CacheKey::Nil, Value::Nil)
    }
}

// -- Constant folding ---------------------------------------------------------------------------

/// Arithmetic and bitwise operations, in Lua's `LUA_OP*` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ArithmeticOperation {
    Add,
    Subtract,
    Multiply,
    Modulo,
    Power,
    Divide,
    IntegerDivide,
    BitwiseAnd,
    BitwiseOr,
    BitwiseXor,
    ShiftLeft,
    ShiftRight,
    Negate,
    BitwiseNot,
}

impl ArithmeticOperation {
    fn is_bitwise(self) -> bool {
        use ArithmeticOperation::*;
        matches!(
            self,
            BitwiseAnd | BitwiseOr | BitwiseXor | ShiftLeft | ShiftRight | BitwiseNot
        )
    }
}

/// Integer value of a numeral (`luaV_tointegerns` in `F2Ieq` mode).
fn to_integer(v: Value) -> Option<i64> {
    match v {
        Value::Integer(i) => Some(i),
        Value::Float(f) => float_to_integer(f),
        _ => None,
    }
}

/// Float value of a numeral (`nvalue`).
fn to_float(v: Value) -> f64 {
    match v {
        Value::Integer(i) => i as f64,
        Value::Float(f) => f,
        _ => 0.0,
    }
}

/// Whether folding is safe (`validop`): bitwise operations need operands convertible to
/// integers, divisions need a non-zero divisor.
fn valid_operation(operation: ArithmeticOperation, v1: Value, v2: Value) -> bool {
    use ArithmeticOperation::*;
    if operation.is_bitwise() {
        return to_integer(v1).is_some() && to_integer(v2).is_some();
    }
    match operation {
        Divide | IntegerDivide | Modulo => to_float(v2) != 0.0,
        _ => true,
    }
}

/// Integer modulo (`luaV_mod`, divisor known non-zero).
fn integer_modulo(m: i64, n: i64) -> i64 {
    if n == -1 {
        return 0;
    }
    let r = m % n;
    if r != 0 && (r ^ n) < 0 {
        r + n
    } else {
        r
    }
}

/// Integer floor division (`luaV_idiv`, divisor known non-zero).
fn integer_divide(m: i64, n: i64) -> i64 {
    if n == -1 {
        return 0i64.wrapping_sub(m);
    }
    let q = m / n;
    if (m ^ n) < 0 && m % n != 0 {
        q - 1
    } else {
        q
    }
}

/// Shift left, negative counts shift right, logically (`luaV_shiftl`).
fn shift_left(x: i64, y: i64) -> i64 {
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

/// Float modulo (`luai_nummod`).
fn float_modulo(a: f64, b: f64) -> f64 {
    let mut m = a % b;
    if if m > 0.0 { b < 0.0 } else { m < 0.0 && b > 0.0 } {
        m += b;
    }
    m
}

/// Performs a raw arithmetic operation (`luaO_rawarith`); `None` when the operands do not allow
/// it.
fn raw_arithmetic<'a>(
    operation: ArithmeticOperation,
    v1: Value<'a>,
    v2: Value<'a>,
) -> Option<Value<'a>> {
    use ArithmeticOperation::*;
    if operation.is_bitwise() {
        let (i1, i2) = (to_integer(v1)?, to_integer(v2)?);
        let result = match operation {
            BitwiseAnd => i1 & i2,
            BitwiseOr => i1 | i2,
            BitwiseXor => i1 ^ i2,
            ShiftLeft => shift_left(i1, i2),
            ShiftRight => shift_left(i1, 0i64.wrapping_sub(i2)),
            _ => !i1,
        };
        return Some(Value::Integer(result));
    }
    match (operation, v1, v2) {
        (Divide | Power, _, _) => {}
        (_, Value::Integer(i1), Value::Integer(i2)) => {
            let result = match operation {
                Add => i1.wrapping_add(i2),
                Subtract => i1.wrapping_sub(i2),
                Multiply => i1.wrapping_mul(i2),
                Modulo => integer_modulo(i1, i2),
                IntegerDivide => integer_divide(i1, i2),
                _ => i1.wrapping_neg(),
            };
            return Some(Value::Integer(result));
        }
        _ => {}
    }
    let (n1, n2) = (to_float(v1), to_float(v2));
    let result = match operation {
        Add => n1 + n2,
        Subtract => n1 - n2,
        Multiply => n1 * n2,
        Modulo => float_modulo(n1, n2),
        Power => {
            if n2 == 2.0 {
                n1 * n1
            } else {
                n1.powf(n2)
            }
        }
        Divide => n1 / n2,
        IntegerDivide => (n1 / n2).floor(),
        _ => -n1,
    };
    Some(Value::Float(result))
}

/// Tries to fold an operation over two numerals (`constfolding`). Results that are NaN or a
/// float zero are not folded (to avoid problems with -0.0 and NaN constants).
pub(super) fn fold<'a>(
    operation: ArithmeticOperation,
    v1: Value<'a>,
    v2: Value<'a>,
) -> Option<Value<'a>> {
    if !valid_operation(operation, v1, v2) {
        return None;
    }
    match raw_arithmetic(operation, v1, v2)? {
        Value::Float(n) if n.is_nan() || n == 0.0 => None,
        result => Some(result),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_follows_lua() {
        use ArithmeticOperation::*;
        let i = Value::Integer;
        let f = Value::Float;
        assert_eq!(fold(Add, i(1), i(2)), Some(i(3)));
        assert_eq!(fold(Divide, i(1), i(2)), Some(f(0.5)));
        assert_eq!(fold(Divide, i(1), i(0)), None);
        assert_eq!(fold(Modulo, i(-7), i(3)), Some(i(2)));
        assert_eq!(fold(IntegerDivide, i(-7), i(2)), Some(i(-4)));
        assert_eq!(fold(Subtract, f(0.5), f(0.5)), None);
        assert_eq!(fold(BitwiseAnd, f(1.5), i(1)), None);
        assert_eq!(fold(ShiftLeft, i(1), i(64)), Some(i(0)));
        assert_eq!(fold(ShiftRight, i(-1), i(63)), Some(i(1)));
        assert_eq!(fold(Power, i(2), i(53)), Some(f(9007199254740992.0)));
        assert_eq!(fold(Negate, i(i64::MIN), i(0)), Some(i(i64::MIN)));
        assert_eq!(fold(Modulo, f(5.5), f(-2.0)), Some(f(-0.5)));
    }
}
