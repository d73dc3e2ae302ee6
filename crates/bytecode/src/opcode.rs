//! The one opcode table (compiler, VM, disassembler and JIT all read it).
//!
//! Lunar's instruction set is Lua 5.4's (`lopcodes.h`), opcode for opcode and bit for bit, so the
//! semantics of every instruction are those of PUC Lua 5.4.4's `lvm.c`, and the compiler follows
//! `lcode.c`. Instructions are 32-bit words in one of five formats:
//!
//! ```text
//!         3 3 2 2 2 2 2 2 2 2 2 2 1 1 1 1 1 1 1 1 1 1 0 0 0 0 0 0 0 0 0 0
//!         1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
//! iABC          C(8)     |      B(8)     |k|     A(8)      |   Op(7)     |
//! iABx                Bx(17)               |     A(8)      |   Op(7)     |
//! iAsBx              sBx (signed)(17)      |     A(8)      |   Op(7)     |
//! iAx                           Ax(25)                     |   Op(7)     |
//! isJ                           sJ (signed)(25)            |   Op(7)     |
//! ```
//!
//! Signed fields use excess-K encoding (`sBx = Bx - 65535`, `sJ = J - 16777215`,
//! `sC = C - 127`). `R[x]` is register x of the current frame, `K[x]` constant x, `UpValue[x]`
//! upvalue x, `RK(C)` is `K[C]` if the k bit is set, else `R[C]`.

/// Instruction formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpMode {
    /// A B C k
    IABC,
    /// A Bx
    IABx,
    /// A sBx
    IAsBx,
    /// Ax
    IAx,
    /// sJ
    IsJ,
}

/// Property flag: instruction sets register A.
pub const SETS_A: u8 = 1 << 3;
/// Property flag: instruction is a test (next instruction is a jump).
pub const IS_TEST: u8 = 1 << 4;
/// Property flag: instruction uses the stack top set by the previous instruction (B == 0).
pub const USES_TOP: u8 = 1 << 5;
/// Property flag: instruction sets the stack top for the next instruction (C == 0).
pub const SETS_TOP: u8 = 1 << 6;
/// Property flag: instruction is a metamethod call (MMBIN*).
pub const IS_MM: u8 = 1 << 7;

macro_rules! opcodes {
    ($( $(#[doc = $doc:literal])* $name:ident $text:literal $mode:ident $flags:expr; )*) => {
        /// Lua 5.4 opcodes, in `lopcodes.h` order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum OpCode {
            $( $(#[doc = $doc])* $name, )*
        }

        /// Opcode numbers as constants, usable as `match` patterns on [`Instruction::opcode_raw`]
        /// (the VM dispatches on the raw number to skip the decode table).
        #[allow(non_upper_case_globals, missing_docs)]
        pub mod op {
            $( pub const $name: u8 = super::OpCode::$name as u8; )*
        }

        /// Every opcode, indexed by its numeric value.
        pub const ALL_OPCODES: &[OpCode] = &[ $( OpCode::$name, )* ];

        impl OpCode {
            /// Upper-case name as `luac -l` prints it.
            pub const fn name(self) -> &'static str {
                match self { $( OpCode::$name => $text, )* }
            }
            /// Instruction format.
            pub const fn mode(self) -> OpMode {
                match self { $( OpCode::$name => OpMode::$mode, )* }
            }
            /// Property flags (`SETS_A | IS_TEST | ...`).
            pub const fn flags(self) -> u8 {
                match self { $( OpCode::$name => $flags, )* }
            }
        }
    };
}

const A: u8 = SETS_A;
const T: u8 = IS_TEST;
const IT: u8 = USES_TOP;
const OT: u8 = SETS_TOP;
const MM: u8 = IS_MM;

opcodes! {
    /// `R[A] := R[B]`
    Move "MOVE" IABC A;
    /// `R[A] := sBx`
    LoadI "LOADI" IAsBx A;
    /// `R[A] := (lua_Number)sBx`
    LoadF "LOADF" IAsBx A;
    /// `R[A] := K[Bx]`
    LoadK "LOADK" IABx A;
    /// `R[A] := K[extra arg]`
    LoadKX "LOADKX" IABx A;
    /// `R[A] := false`
    LoadFalse "LOADFALSE" IABC A;
    /// `R[A] := false; pc++` (used to convert a condition into a value)
    LFalseSkip "LFALSESKIP" IABC A;
    /// `R[A] := true`
    LoadTrue "LOADTRUE" IABC A;
    /// `R[A], R[A+1], ..., R[A+B] := nil`
    LoadNil "LOADNIL" IABC A;
    /// `R[A] := UpValue[B]`
    GetUpval "GETUPVAL" IABC A;
    /// `UpValue[B] := R[A]`
    SetUpval "SETUPVAL" IABC 0;
    /// `R[A] := UpValue[B][K[C]:string]`
    GetTabUp "GETTABUP" IABC A;
    /// `R[A] := R[B][R[C]]`
    GetTable "GETTABLE" IABC A;
    /// `R[A] := R[B][C]`
    GetI "GETI" IABC A;
    /// `R[A] := R[B][K[C]:string]`
    GetField "GETFIELD" IABC A;
    /// `UpValue[A][K[B]:string] := RK(C)`
    SetTabUp "SETTABUP" IABC 0;
    /// `R[A][R[B]] := RK(C)`
    SetTable "SETTABLE" IABC 0;
    /// `R[A][B] := RK(C)`
    SetI "SETI" IABC 0;
    /// `R[A][K[B]:string] := RK(C)`
    SetField "SETFIELD" IABC 0;
    /// `R[A] := {}` (B: log2(hash size)+1, C: array size; k: C has an EXTRAARG high part)
    NewTable "NEWTABLE" IABC A;
    /// `R[A+1] := R[B]; R[A] := R[B][RK(C):string]`
    OpSelf "SELF" IABC A;
    /// `R[A] := R[B] + sC`
    AddI "ADDI" IABC A;
    /// `R[A] := R[B] + K[C]:number`
    AddK "ADDK" IABC A;
    /// `R[A] := R[B] - K[C]:number`
    SubK "SUBK" IABC A;
    /// `R[A] := R[B] * K[C]:number`
    MulK "MULK" IABC A;
    /// `R[A] := R[B] % K[C]:number`
    ModK "MODK" IABC A;
    /// `R[A] := R[B] ^ K[C]:number`
    PowK "POWK" IABC A;
    /// `R[A] := R[B] / K[C]:number`
    DivK "DIVK" IABC A;
    /// `R[A] := R[B] // K[C]:number`
    IDivK "IDIVK" IABC A;
    /// `R[A] := R[B] & K[C]:integer`
    BAndK "BANDK" IABC A;
    /// `R[A] := R[B] | K[C]:integer`
    BOrK "BORK" IABC A;
    /// `R[A] := R[B] ~ K[C]:integer`
    BXorK "BXORK" IABC A;
    /// `R[A] := R[B] >> sC`
    ShrI "SHRI" IABC A;
    /// `R[A] := sC << R[B]`
    ShlI "SHLI" IABC A;
    /// `R[A] := R[B] + R[C]`
    Add "ADD" IABC A;
    /// `R[A] := R[B] - R[C]`
    Sub "SUB" IABC A;
    /// `R[A] := R[B] * R[C]`
    Mul "MUL" IABC A;
    /// `R[A] := R[B] % R[C]`
    Mod "MOD" IABC A;
    /// `R[A] := R[B] ^ R[C]`
    Pow "POW" IABC A;
    /// `R[A] := R[B] / R[C]`
    Div "DIV" IABC A;
    /// `R[A] := R[B] // R[C]`
    IDiv "IDIV" IABC A;
    /// `R[A] := R[B] & R[C]`
    BAnd "BAND" IABC A;
    /// `R[A] := R[B] | R[C]`
    BOr "BOR" IABC A;
    /// `R[A] := R[B] ~ R[C]`
    BXor "BXOR" IABC A;
    /// `R[A] := R[B] << R[C]`
    Shl "SHL" IABC A;
    /// `R[A] := R[B] >> R[C]`
    Shr "SHR" IABC A;
    /// call C metamethod over R[A] and R[B] (follows a failed arithmetic op; result goes to the
    /// previous instruction's A)
    MmBin "MMBIN" IABC MM;
    /// call C metamethod over R[A] and sB (k: operands flipped)
    MmBinI "MMBINI" IABC MM;
    /// call C metamethod over R[A] and K[B] (k: operands flipped)
    MmBinK "MMBINK" IABC MM;
    /// `R[A] := -R[B]`
    Unm "UNM" IABC A;
    /// `R[A] := ~R[B]`
    BNot "BNOT" IABC A;
    /// `R[A] := not R[B]`
    Not "NOT" IABC A;
    /// `R[A] := #R[B]` (length operator)
    Len "LEN" IABC A;
    /// `R[A] := R[A].. ... ..R[A + B - 1]`
    Concat "CONCAT" IABC A;
    /// close all upvalues >= R[A]
    Close "CLOSE" IABC 0;
    /// mark variable A "to be closed"
    Tbc "TBC" IABC 0;
    /// `pc += sJ`
    Jmp "JMP" IsJ 0;
    /// `if ((R[A] == R[B]) ~= k) then pc++`
    Eq "EQ" IABC T;
    /// `if ((R[A] <  R[B]) ~= k) then pc++`
    Lt "LT" IABC T;
    /// `if ((R[A] <= R[B]) ~= k) then pc++`
    Le "LE" IABC T;
    /// `if ((R[A] == K[B]) ~= k) then pc++`
    EqK "EQK" IABC T;
    /// `if ((R[A] == sB) ~= k) then pc++` (C: 1 if the immediate was a float)
    EqI "EQI" IABC T;
    /// `if ((R[A] < sB) ~= k) then pc++`
    LtI "LTI" IABC T;
    /// `if ((R[A] <= sB) ~= k) then pc++`
    LeI "LEI" IABC T;
    /// `if ((R[A] > sB) ~= k) then pc++`
    GtI "GTI" IABC T;
    /// `if ((R[A] >= sB) ~= k) then pc++`
    GeI "GEI" IABC T;
    /// `if (not R[A] == k) then pc++`
    Test "TEST" IABC T;
    /// `if (not R[B] == k) then pc++ else R[A] := R[B]`
    TestSet "TESTSET" IABC T | A;
    /// `R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])` (B=0: args up to top; C=0: multret)
    Call "CALL" IABC OT | IT | A;
    /// `return R[A](R[A+1], ... ,R[A+B-1])` (k: close upvalues; C>0: vararg function, C-1 params)
    TailCall "TAILCALL" IABC OT | IT | A;
    /// `return R[A], ... ,R[A+B-2]` (B=0: up to top; k: close upvalues/tbc; C>0: vararg, C-1 params)
    Return "RETURN" IABC IT;
    /// `return`
    Return0 "RETURN0" IABC 0;
    /// `return R[A]`
    Return1 "RETURN1" IABC 0;
    /// update counters; `if loop continues then pc -= Bx;`
    ForLoop "FORLOOP" IABx A;
    /// `<check values and prepare counters>; if not to run then pc += Bx + 1;`
    ForPrep "FORPREP" IABx A;
    /// create upvalue for R[A + 3]; `pc += Bx`
    TForPrep "TFORPREP" IABx 0;
    /// `R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2]);`
    TForCall "TFORCALL" IABC 0;
    /// `if R[A+4] ~= nil then { R[A+2] = R[A+4]; pc -= Bx }`
    TForLoop "TFORLOOP" IABx A;
    /// `R[A][C+i] := R[A+i], 1 <= i <= B` (B=0: up to top; k: C has an EXTRAARG high part)
    SetList "SETLIST" IABC IT;
    /// `R[A] := closure(KPROTO[Bx])`
    Closure "CLOSURE" IABx A;
    /// `R[A], R[A+1], ..., R[A+C-2] = vararg` (C=0: all)
    VarArg "VARARG" IABC OT | A;
    /// adjust vararg parameters (A: number of fixed parameters)
    VarArgPrep "VARARGPREP" IABC IT | A;
    /// extra (larger) argument for the previous opcode
    ExtraArg "EXTRAARG" IAx 0;
}

impl OpCode {
    /// Decodes an opcode number; `None` for numbers outside the table.
    #[inline]
    pub fn from_u8(n: u8) -> Option<OpCode> {
        ALL_OPCODES.get(n as usize).copied()
    }
}

const fn build_decode() -> [OpCode; 128] {
    let mut t = [OpCode::ExtraArg; 128];
    let mut i = 0;
    while i < ALL_OPCODES.len() {
        t[i] = ALL_OPCODES[i];
        i += 1;
    }
    t
}

/// Opcode decoding table: one load per instruction, no branch (numbers outside the table,
/// which only corrupt bytecode could hold, decode as EXTRAARG).
static DECODE: [OpCode; 128] = build_decode();

/// Metamethod event names (ltm.c `luaT_eventname`), indexed by event number.
pub const EVENT_NAMES: [&str; 25] = [
    "__index",
    "__newindex",
    "__gc",
    "__mode",
    "__len",
    "__eq",
    "__add",
    "__sub",
    "__mul",
    "__mod",
    "__pow",
    "__div",
    "__idiv",
    "__band",
    "__bor",
    "__bxor",
    "__shl",
    "__shr",
    "__unm",
    "__bnot",
    "__lt",
    "__le",
    "__concat",
    "__call",
    "__close",
];

// -- Field sizes and positions (lopcodes.h) -----------------------------------------------------

/// Bits of the opcode field.
pub const SIZE_OP: u32 = 7;
/// Bits of A.
pub const SIZE_A: u32 = 8;
/// Bits of B.
pub const SIZE_B: u32 = 8;
/// Bits of C.
pub const SIZE_C: u32 = 8;
/// Bits of Bx.
pub const SIZE_BX: u32 = SIZE_C + SIZE_B + 1;
/// Bits of Ax.
pub const SIZE_AX: u32 = SIZE_BX + SIZE_A;
/// Bits of sJ.
pub const SIZE_SJ: u32 = SIZE_BX + SIZE_A;

/// Position of A.
pub const POS_A: u32 = SIZE_OP;
/// Position of k.
pub const POS_K: u32 = POS_A + SIZE_A;
/// Position of B.
pub const POS_B: u32 = POS_K + 1;
/// Position of C.
pub const POS_C: u32 = POS_B + SIZE_B;
/// Position of Bx.
pub const POS_BX: u32 = POS_K;
/// Position of Ax.
pub const POS_AX: u32 = POS_A;
/// Position of sJ.
pub const POS_SJ: u32 = POS_A;

/// Largest A.
pub const MAXARG_A: u32 = (1 << SIZE_A) - 1;
/// Largest B.
pub const MAXARG_B: u32 = (1 << SIZE_B) - 1;
/// Largest C.
pub const MAXARG_C: u32 = (1 << SIZE_C) - 1;
/// Largest Bx.
pub const MAXARG_BX: u32 = (1 << SIZE_BX) - 1;
/// Largest Ax.
pub const MAXARG_AX: u32 = (1 << SIZE_AX) - 1;
/// Largest sJ field value.
pub const MAXARG_SJ: u32 = (1 << SIZE_SJ) - 1;
/// Excess-K offset of sBx.
pub const OFFSET_SBX: i32 = (MAXARG_BX >> 1) as i32;
/// Excess-K offset of sJ.
pub const OFFSET_SJ: i32 = (MAXARG_SJ >> 1) as i32;
/// Excess-K offset of sC (and sB).
pub const OFFSET_SC: i32 = (MAXARG_C >> 1) as i32;
/// "No register" marker (Lua's `NO_REG`).
pub const NO_REG: u32 = MAXARG_A;
/// Number of list items to accumulate before a SETLIST instruction.
pub const LFIELDS_PER_FLUSH: u32 = 50;

const _: () = assert!(ALL_OPCODES.len() <= (1 << SIZE_OP));
const _: () = assert!(POS_C + SIZE_C == 32);

/// One 32-bit instruction.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct Instruction(pub u32);

#[inline(always)]
const fn mask1(n: u32, p: u32) -> u32 {
    (!((!0u32) << n)) << p
}

impl Instruction {
    /// Opcode (panics never: unknown numbers only come from corrupt bytecode, which the loader
    /// rejects before execution).
    #[inline(always)]
    pub fn opcode(self) -> OpCode {
        DECODE[(self.0 & 0x7f) as usize]
    }
    /// Raw opcode number.
    #[inline(always)]
    pub const fn opcode_raw(self) -> u8 {
        (self.0 & mask1(SIZE_OP, 0)) as u8
    }
    /// Field A.
    #[inline(always)]
    pub const fn a(self) -> u32 {
        (self.0 >> POS_A) & MAXARG_A
    }
    /// Field B.
    #[inline(always)]
    pub const fn b(self) -> u32 {
        (self.0 >> POS_B) & MAXARG_B
    }
    /// Field C.
    #[inline(always)]
    pub const fn c(self) -> u32 {
        (self.0 >> POS_C) & MAXARG_C
    }
    /// Field B as signed (`sB`).
    #[inline(always)]
    pub const fn sb(self) -> i32 {
        self.b() as i32 - OFFSET_SC
    }
    /// Field C as signed (`sC`).
    #[inline(always)]
    pub const fn sc(self) -> i32 {
        self.c() as i32 - OFFSET_SC
    }
    /// The k bit.
    #[inline(always)]
    pub const fn k(self) -> bool {
        (self.0 >> POS_K) & 1 != 0
    }
    /// Field Bx.
    #[inline(always)]
    pub const fn bx(self) -> u32 {
        (self.0 >> POS_BX) & MAXARG_BX
    }
    /// Field sBx.
    #[inline(always)]
    pub const fn sbx(self) -> i32 {
        self.bx() as i32 - OFFSET_SBX
    }
    /// Field Ax.
    #[inline(always)]
    pub const fn ax(self) -> u32 {
        (self.0 >> POS_AX) & MAXARG_AX
    }
    /// Field sJ.
    #[inline(always)]
    pub const fn sj(self) -> i32 {
        ((self.0 >> POS_SJ) & MAXARG_SJ) as i32 - OFFSET_SJ
    }

    /// Builds an iABC instruction.
    pub const fn abck(op: OpCode, a: u32, b: u32, c: u32, k: bool) -> Instruction {
        Instruction(
            (op as u32) | (a << POS_A) | (b << POS_B) | (c << POS_C) | ((k as u32) << POS_K),
        )
    }
    /// Builds an iABx instruction.
    pub const fn abx(op: OpCode, a: u32, bx: u32) -> Instruction {
        Instruction((op as u32) | (a << POS_A) | (bx << POS_BX))
    }
    /// Builds an iAsBx instruction.
    pub const fn asbx(op: OpCode, a: u32, sbx: i32) -> Instruction {
        Self::abx(op, a, (sbx + OFFSET_SBX) as u32)
    }
    /// Builds an iAx instruction.
    pub const fn iax(op: OpCode, ax: u32) -> Instruction {
        Instruction((op as u32) | (ax << POS_AX))
    }
    /// Builds an isJ instruction.
    pub const fn isj(op: OpCode, sj: i32) -> Instruction {
        Instruction((op as u32) | (((sj + OFFSET_SJ) as u32) << POS_SJ))
    }

    #[inline]
    fn set_field(&mut self, v: u32, pos: u32, size: u32) {
        self.0 = (self.0 & !mask1(size, pos)) | ((v << pos) & mask1(size, pos));
    }
    /// Replaces the opcode.
    pub fn set_opcode(&mut self, op: OpCode) {
        self.set_field(op as u32, 0, SIZE_OP)
    }
    /// Replaces A.
    pub fn set_a(&mut self, v: u32) {
        self.set_field(v, POS_A, SIZE_A)
    }
    /// Replaces B.
    pub fn set_b(&mut self, v: u32) {
        self.set_field(v, POS_B, SIZE_B)
    }
    /// Replaces C.
    pub fn set_c(&mut self, v: u32) {
        self.set_field(v, POS_C, SIZE_C)
    }
    /// Replaces k.
    pub fn set_k(&mut self, v: bool) {
        self.set_field(v as u32, POS_K, 1)
    }
    /// Replaces Bx.
    pub fn set_bx(&mut self, v: u32) {
        self.set_field(v, POS_BX, SIZE_BX)
    }
    /// Replaces sBx.
    pub fn set_sbx(&mut self, v: i32) {
        self.set_bx((v + OFFSET_SBX) as u32)
    }
    /// Replaces sJ.
    pub fn set_sj(&mut self, v: i32) {
        self.set_field((v + OFFSET_SJ) as u32, POS_SJ, SIZE_SJ)
    }
}

impl std::fmt::Debug for Instruction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let op = self.opcode();
        match op.mode() {
            OpMode::IABC => write!(
                f,
                "{} {} {} {}{}",
                op.name(),
                self.a(),
                self.b(),
                self.c(),
                if self.k() { "k" } else { "" }
            ),
            OpMode::IABx => write!(f, "{} {} {}", op.name(), self.a(), self.bx()),
            OpMode::IAsBx => write!(f, "{} {} {}", op.name(), self.a(), self.sbx()),
            OpMode::IAx => write!(f, "{} {}", op.name(), self.ax()),
            OpMode::IsJ => write!(f, "{} {}", op.name(), self.sj()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_lua54_numbering() {
        assert_eq!(OpCode::Move as u8, 0);
        assert_eq!(OpCode::Add as u8, 34);
        assert_eq!(OpCode::MmBin as u8, 46);
        assert_eq!(OpCode::Jmp as u8, 56);
        assert_eq!(OpCode::Call as u8, 68);
        assert_eq!(OpCode::ExtraArg as u8, 82);
        assert_eq!(ALL_OPCODES.len(), 83);
    }

    #[test]
    fn encode_decode() {
        let i = Instruction::abck(OpCode::Add, 3, 200, 7, true);
        assert_eq!(
            (i.opcode(), i.a(), i.b(), i.c(), i.k()),
            (OpCode::Add, 3, 200, 7, true)
        );
        let j = Instruction::isj(OpCode::Jmp, -5);
        assert_eq!(j.sj(), -5);
        let l = Instruction::asbx(OpCode::LoadI, 1, -65535);
        assert_eq!(l.sbx(), -65535);
        assert_eq!(std::mem::size_of::<Instruction>(), 4);
    }
}
