//! Pseudo-random numbers for `math.random` / `math.randomseed`
//! (seed -> xoshiro256** stream -> floats and integers in a range).
//!
//! A port of the PRNG section of PUC Lua 5.4.4 `lmathlib.c` (`nextrand`,
//! `I2d`, `project`, `math_random`, `setseed`, `randseed`) for 64-bit
//! `lua_Integer` and `double` floats, so that a program seeded with
//! `math.randomseed(n)` sees exactly the numbers `lua5.4` produces.
//!
//! # Interface with the runtime
//!
//! The runtime keeps one [`LuaRng`] per Lua state. `math.random` is
//! [`LuaRng::random`], which takes the number of arguments and reads them
//! through the [`RandomArgs`] trait, in PUC's order: a value is drawn
//! *before* the arguments are checked, so even a failing call advances the
//! generator, as in C. `math.randomseed(n1, n2)` is [`LuaRng::seed`] (the
//! runtime checks the integers and returns `n1, n2`, as 5.4.4 does);
//! `math.randomseed()` without arguments seeds from [`entropy_seed`], the
//! std-only stand-in for PUC's `time(NULL)` and address of the state.
#![forbid(unsafe_code)]

use std::fmt;

/// An error raised by `math.random` itself (argument coercion errors come
/// from [`RandomArgs::int`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RandomError {
    /// `luaL_argerror(1, "interval is empty")`: `low > up`.
    IntervalEmpty,
    /// `luaL_error("wrong number of arguments")`: more than 2 arguments.
    WrongNumberOfArguments,
}

impl RandomError {
    /// The argument index for a `luaL_argerror` ("bad argument #1 to
    /// 'random' (interval is empty)"), or `None` for a plain `luaL_error`.
    pub fn arg(self) -> Option<usize> {
        match self {
            RandomError::IntervalEmpty => Some(1),
            RandomError::WrongNumberOfArguments => None,
        }
    }

    /// The message (the parenthesised part for an argument error).
    pub fn message(self) -> &'static str {
        match self {
            RandomError::IntervalEmpty => "interval is empty",
            RandomError::WrongNumberOfArguments => "wrong number of arguments",
        }
    }
}

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for RandomError {}

/// The result of `math.random`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RandomValue {
    /// `math.random(m)`, `math.random(m, n)`, `math.random(0)`.
    Int(i64),
    /// `math.random()`: a float in `[0, 1)`.
    Float(f64),
}

/// How [`LuaRng::random`] reads its arguments and builds errors;
/// implemented by the runtime over the call's argument list (1-based Lua
/// argument indices).
pub trait RandomArgs {
    /// The runtime's error type (e.g. a Lua error value).
    type Error;

    /// `luaL_checkinteger(arg)` ("number has no integer representation",
    /// "number expected, got nil", ...).
    fn int(&mut self, arg: usize) -> Result<i64, Self::Error>;

    /// Converts an error raised by `math.random` itself.
    fn error(&mut self, err: RandomError) -> Self::Error;
}

/// The generator state: xoshiro256** (PUC `RanState`), 256 bits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LuaRng {
    s: [u64; 4],
}

impl Default for LuaRng {
    /// A generator seeded from [`entropy_seed`], as PUC seeds the state
    /// when the math library is opened.
    fn default() -> Self {
        let (n1, n2) = entropy_seed();
        LuaRng::from_seed(n1, n2)
    }
}

impl LuaRng {
    /// A generator seeded like `math.randomseed(n1, n2)`.
    pub fn from_seed(n1: i64, n2: i64) -> Self {
        let mut rng = LuaRng { s: [0; 4] };
        rng.seed(n1, n2);
        rng
    }

    /// `math.randomseed(n1, n2)` (PUC `setseed`; `n2` defaults to 0): the
    /// state becomes `{n1, 0xff, n2, 0}` (0xff avoids an all-zero state) and
    /// the first 16 values are discarded to spread the seed.
    pub fn seed(&mut self, n1: i64, n2: i64) {
        self.s = [n1 as u64, 0xff, n2 as u64, 0];
        for _ in 0..16 {
            self.next_u64(); // discard initial values to "spread" seed
        }
    }

    /// The next raw 64-bit value (PUC `nextrand`, xoshiro256**).
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let state0 = s[0];
        let state1 = s[1];
        let state2 = s[2] ^ state0;
        let state3 = s[3] ^ state1;
        let res = state1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        s[0] = state0 ^ state3;
        s[1] = state1 ^ state2;
        s[2] = state2 ^ (state1 << 17);
        s[3] = state3.rotate_left(45);
        res
    }

    /// `math.random()`: a float in `[0, 1)` from the top 53 bits.
    pub fn float(&mut self) -> f64 {
        to_float(self.next_u64())
    }

    /// `math.random(0)`: all 64 bits as an integer.
    pub fn integer(&mut self) -> i64 {
        self.next_u64() as i64
    }

    /// `math.random(low, up)` (and `math.random(up)` with `low = 1`): a
    /// uniform integer in `[low, up]`. The first value is drawn before the
    /// interval is checked, as in PUC.
    pub fn range(&mut self, low: i64, up: i64) -> Result<i64, RandomError> {
        let rv = self.next_u64();
        self.project_range(rv, low, up)
    }

    /// The whole of `math.random` (PUC `math_random`) for a call with
    /// `nargs` arguments (`lua_gettop`, so explicit `nil`s count).
    pub fn random<A: RandomArgs>(
        &mut self,
        nargs: usize,
        args: &mut A,
    ) -> Result<RandomValue, A::Error> {
        let rv = self.next_u64(); // next pseudo-random value
        let (low, up) = match nargs {
            0 => return Ok(RandomValue::Float(to_float(rv))), // float between 0 and 1
            1 => {
                // only upper limit
                let up = args.int(1)?;
                if up == 0 {
                    // single 0 as argument: full random integer
                    return Ok(RandomValue::Int(rv as i64));
                }
                (1, up)
            }
            2 => (args.int(1)?, args.int(2)?), // lower and upper limits
            _ => return Err(args.error(RandomError::WrongNumberOfArguments)),
        };
        self.project_range(rv, low, up)
            .map(RandomValue::Int)
            .map_err(|e| args.error(e))
    }

    /// The tail of `math_random`: check the interval, then project `rv`.
    fn project_range(&mut self, rv: u64, low: i64, up: i64) -> Result<i64, RandomError> {
        if low > up {
            return Err(RandomError::IntervalEmpty);
        }
        // project random integer into the interval [0, up - low]
        let p = self.project(rv, (up as u64).wrapping_sub(low as u64));
        Ok(p.wrapping_add(low as u64) as i64)
    }

    /// PUC `project`: a uniform value in `[0, n]` from `ran`. When `n + 1`
    /// is a power of 2 this is a mask; otherwise `ran` is masked with the
    /// smallest `2^b - 1 >= n` and redrawn while the result exceeds `n`.
    pub fn project(&mut self, mut ran: u64, n: u64) -> u64 {
        if n & n.wrapping_add(1) == 0 {
            return ran & n; // no bias
        }
        // compute the smallest (2^b - 1) not smaller than n
        let mut lim = n;
        lim |= lim >> 1;
        lim |= lim >> 2;
        lim |= lim >> 4;
        lim |= lim >> 8;
        lim |= lim >> 16;
        lim |= lim >> 32;
        loop {
            ran &= lim; // project 'ran' into [0, lim]
            if ran <= n {
                return ran;
            }
            ran = self.next_u64(); // not inside [0, n]? Try again
        }
    }
}

/// PUC `I2d`: the top 53 bits of `rv` as a float in `[0, 1)`.
#[inline]
pub fn to_float(rv: u64) -> f64 {
    (rv >> 11) as f64 * (0.5 / (1u64 << 52) as f64)
}

/// A "random" seed for `math.randomseed()` without arguments and for the
/// initial state (PUC `randseed` uses `time(NULL)` and the address of the
/// Lua state): the current time in seconds, and 64 bits from std's
/// per-process random hasher keys mixed with the time in nanoseconds.
pub fn entropy_seed() -> (i64, i64) {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    use std::time::{SystemTime, UNIX_EPOCH};
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let mut h = RandomState::new().build_hasher();
    h.write_u128(now.as_nanos());
    (now.as_secs() as i64, h.finish() as i64)
}

// -- Tests ---------------------------------------------------------------------

#[cfg(test)]
mod tests {
    //! Expected values come from PUC Lua 5.4.4 (`lua5.4`).
    use super::*;

    struct Args<'a>(&'a [i64]);

    impl RandomArgs for Args<'_> {
        type Error = String;
        fn int(&mut self, arg: usize) -> Result<i64, String> {
            Ok(self.0[arg - 1])
        }
        fn error(&mut self, err: RandomError) -> String {
            match err.arg() {
                Some(arg) => format!("bad argument #{arg} to 'random' ({err})"),
                None => err.to_string(),
            }
        }
    }

    fn call(rng: &mut LuaRng, args: &[i64]) -> Result<RandomValue, String> {
        rng.random(args.len(), &mut Args(args))
    }

    #[test]
    fn seed_42_matches_lua() {
        // math.randomseed(42); for i = 1, 10 do print(math.random(1, 100)) end
        let mut rng = LuaRng::from_seed(42, 0);
        let got: Vec<i64> = (0..10).map(|_| rng.range(1, 100).unwrap()).collect();
        assert_eq!(got, [50, 76, 86, 54, 64, 7, 25, 3, 24, 24]);

        // math.random() printed with %.17g
        let mut rng = LuaRng::from_seed(42, 0);
        let want = [
            "0.93081217803956817",
            "0.45178389935924312",
            "0.54688311243421495",
            "0.79358935263827257",
            "0.61731763595847267",
            "0.0096006865506838013",
            "0.96389739813422104",
            "0.71097689661550945",
            "0.27455699358752317",
            "0.19354861304396087",
        ];
        for w in want {
            let w: f64 = w.parse().unwrap(); // 17 digits round-trip exactly
            assert_eq!(call(&mut rng, &[]), Ok(RandomValue::Float(w)));
        }

        // math.random(0) printed with %016x
        let mut rng = LuaRng::from_seed(42, 0);
        let want: [u64; 10] = [
            0xee49b4f7660276e5,
            0x73a81c109b785431,
            0x8c00881aa3bfbd4b,
            0xcb28abfc09025d55,
            0x9e088751af8853b5,
            0x027530cac11c0a3f,
            0xf6c1fad9af9bcd06,
            0xb60294f72cd90671,
            0x46495dfc58b3d498,
            0x318c66e335c0a902,
        ];
        for w in want {
            assert_eq!(call(&mut rng, &[0]), Ok(RandomValue::Int(w as i64)));
        }
    }

    #[test]
    fn ranges_match_lua() {
        // math.randomseed(-7, 123), then three calls with each argument list
        let mut rng = LuaRng::from_seed(-7, 123);
        let specs: [&[i64]; 12] = [
            &[10],
            &[1],
            &[3, 3],
            &[-10, 10],
            &[i64::MIN, i64::MAX],
            &[0, 1 << 40],
            &[5, 1000],
            &[i64::MAX],
            &[i64::MIN, -1],
            &[0, 6],
            &[100],
            &[7, 1 << 53],
        ];
        let want: [u64; 36] = [
            0x0000000000000001,
            0x0000000000000003,
            0x0000000000000006,
            0x0000000000000001,
            0x0000000000000001,
            0x0000000000000001,
            0x0000000000000003,
            0x0000000000000003,
            0x0000000000000003,
            0x0000000000000007,
            0x0000000000000009,
            0x0000000000000002,
            0x3ab7e30ff020dfd2,
            0xcc4d5197834c3295,
            0x6a3ebc95f4c51aa9,
            0x0000001637f6daed,
            0x000000dfcc724288,
            0x0000006ccb260b6f,
            0x0000000000000341,
            0x000000000000029a,
            0x000000000000022f,
            0x5d009e5020d268ca,
            0x127fede20657d610,
            0x222d3721ff4e2d81,
            0xac7167bd5dc384dc,
            0x9d15012266a52a07,
            0xbf7d0b3a2659ca58,
            0x0000000000000005,
            0x0000000000000002,
            0x0000000000000000,
            0x0000000000000008,
            0x000000000000003a,
            0x0000000000000016,
            0x0003ce1f6f5e8e12,
            0x001e4d93290f8192,
            0x000380d0b4109728,
        ];
        let mut got = Vec::new();
        for spec in specs {
            for _ in 0..3 {
                match call(&mut rng, spec).unwrap() {
                    RandomValue::Int(i) => got.push(i as u64),
                    RandomValue::Float(f) => panic!("unexpected float {f}"),
                }
            }
        }
        assert_eq!(got, want);
    }

    #[test]
    fn floats_are_exact() {
        // math.randomseed(0); print(string.format("%a", math.random())) x5
        let mut rng = LuaRng::from_seed(0, 0);
        let want = [
            "0x1.f9acea71bda18p-3",
            "0x1.e0ee2c379aefp-3",
            "0x1.1bc1166ad55fp-4",
            "0x1.2c45024234f65p-1",
            "0x1.e58e3c11ba09ap-2",
        ];
        for w in want {
            let f = rng.float();
            assert!(f > 0.0 && f < 1.0);
            // decode the %a rendering: 0x1.<hex>p<exp>
            let (mant, exp) = w[4..].split_once('p').unwrap();
            let m = u64::from_str_radix(&format!("{:0<13}", mant), 16).unwrap();
            let e: i32 = exp.parse().unwrap();
            let expected = (1.0 + m as f64 / (1u64 << 52) as f64) * 2f64.powi(e);
            assert_eq!(f, expected, "{w}");
        }
    }

    #[test]
    fn errors_and_state() {
        let mut rng = LuaRng::from_seed(1, 0);
        assert_eq!(
            call(&mut rng, &[2, 1]),
            Err("bad argument #1 to 'random' (interval is empty)".to_string())
        );
        // the failed call still consumed a value, as in lua5.4:
        // math.randomseed(1); pcall(math.random, 2, 1); print(math.random(0))
        assert_eq!(
            call(&mut rng, &[0]),
            Ok(RandomValue::Int(-247601303632394777))
        );
        assert_eq!(
            call(&mut rng, &[1, 2, 3]),
            Err("wrong number of arguments".to_string())
        );
        assert_eq!(rng.range(5, 4), Err(RandomError::IntervalEmpty));
        assert_eq!(LuaRng::from_seed(3, 4), LuaRng::from_seed(3, 4));
        let a = LuaRng::default();
        let b = LuaRng::default();
        assert_ne!(a, b);
    }

    #[test]
    fn ranges_stay_in_bounds() {
        let mut rng = LuaRng::from_seed(99, 1);
        for (low, up) in [(1, 1), (1, 3), (-5, 5), (0, 1000), (i64::MIN, i64::MIN + 2)] {
            for _ in 0..1000 {
                let v = rng.range(low, up).unwrap();
                assert!(low <= v && v <= up);
            }
        }
    }
}
