//! Structural verification of loaded bytecode: the invariants the VM (and the JIT) rely on
//! when they access registers, constants, upvalues and code without bounds checks, which Lua's
//! compiler guarantees by construction and a binary chunk might not.
//!
//! For every prototype: `num_params <= max_stack_size`; every opcode is known; every register
//! an instruction touches (statically: A, B, C, their ranges like `A..A+B` of LOADNIL or the
//! `A..A+6` a TFORCALL uses) is below `max_stack_size`; constant, upvalue and nested-prototype
//! indices are in range; jump targets are inside the code; the code ends in a return or jump
//! (execution can never run off its end); instructions followed by a fixed companion have it
//! (tests and a JMP, arithmetic and MMBIN*, LOADKX/NEWTABLE/SETLIST and EXTRAARG, which
//! appears nowhere else); an instruction taking "up to the stack top" (B = 0 of CALL,
//! TAILCALL, RETURN, SETLIST) directly follows one that sets the top (multiple results of
//! CALL or VARARG, or TAILCALL) and is no jump target; VARARGPREP appears only as the first
//! instruction of a vararg function, with A = `num_params`; upvalue descriptors of nested
//! prototypes refer to existing registers or upvalues of their parent.
//!
//! Everything `lunar_bytecode::compile` and `luac5.4` produce passes (the tests check this on
//! the whole test suite).
use crate::opcode::{OpCode, IS_MM, IS_TEST, SETS_TOP};
use crate::proto::Proto;

/// Verifies `p` and its nested prototypes; the error names the function and instruction.
pub fn verify(p: &Proto) -> Result<(), String> {
    verify_function(p)?;
    for q in &p.protos {
        for u in &q.upvalues {
            let ok = if u.in_stack {
                u.index < p.max_stack_size
            } else {
                (u.index as usize) < p.upvalues.len()
            };
            if !ok {
                return Err(format!(
                    "upvalue of function at line {} out of range",
                    q.line_defined
                ));
            }
        }
        verify(q)?;
    }
    Ok(())
}

fn verify_function(p: &Proto) -> Result<(), String> {
    let n = p.code.len();
    let ms = p.max_stack_size as usize;
    let nk = p.constants.len();
    let nup = p.upvalues.len();
    let np = p.protos.len();
    let here = |pc: usize, what: &str| {
        format!(
            "function at line {}, instruction {}: {what}",
            p.line_defined,
            pc + 1
        )
    };
    if p.num_params as usize > ms {
        return Err(here(0, "more parameters than registers"));
    }
    match p.code.last().map(|i| i.opcode_raw()) {
        Some(op)
            if op == OpCode::Return as u8
                || op == OpCode::Return0 as u8
                || op == OpCode::Return1 as u8
                || op == OpCode::Jmp as u8 => {}
        _ => return Err(here(n.saturating_sub(1), "code does not end in a return")),
    }
    // jump targets, for the "uses the top" rule
    let mut target = vec![false; n];
    let mut prev_sets_top = false;
    let mut pc = 0;
    while pc < n {
        let i = p.code[pc];
        let Some(op) = OpCode::from_u8(i.opcode_raw()) else {
            return Err(here(pc, "unknown opcode"));
        };
        let (a, b, c) = (i.a() as usize, i.b() as usize, i.c() as usize);
        let reg = |r: usize| -> Result<(), String> {
            if r < ms {
                Ok(())
            } else {
                Err(here(pc, "register out of range"))
            }
        };
        let kst = |k: usize| -> Result<(), String> {
            if k < nk {
                Ok(())
            } else {
                Err(here(pc, "constant out of range"))
            }
        };
        let upv = |u: usize| -> Result<(), String> {
            if u < nup {
                Ok(())
            } else {
                Err(here(pc, "upvalue out of range"))
            }
        };
        let rk = |x: usize| if i.k() { kst(x) } else { reg(x) };
        let next = p.code.get(pc + 1).map(|j| j.opcode());
        let extra = |needed: bool| -> Result<bool, String> {
            if !needed {
                return Ok(false);
            }
            if next == Some(OpCode::ExtraArg) {
                Ok(true)
            } else {
                Err(here(pc, "missing EXTRAARG"))
            }
        };
        let mut jump = |t: i64| -> Result<(), String> {
            if t < 0 || t as usize >= n {
                return Err(here(pc, "jump out of range"));
            }
            target[t as usize] = true;
            Ok(())
        };
        let uses_top = |b0: bool| -> Result<(), String> {
            if b0 && !prev_sets_top {
                Err(here(pc, "use of an undefined stack top"))
            } else {
                Ok(())
            }
        };
        // RETURN and TAILCALL of a vararg function carry its parameter count + 1 in C
        let vararg_c = |c: usize| -> Result<(), String> {
            let expected = if p.is_vararg {
                p.num_params as usize + 1
            } else {
                0
            };
            if c == expected {
                Ok(())
            } else {
                Err(here(pc, "bad parameter count of a return"))
            }
        };
        let mut skip = false;
        use OpCode::*;
        match op {
            Move => {
                reg(a)?;
                reg(b)?;
            }
            LoadI | LoadF | LoadFalse | LoadTrue | Close | Tbc | Test | Return1 => reg(a)?,
            LFalseSkip => reg(a)?,
            LoadK => {
                reg(a)?;
                kst(i.bx() as usize)?;
            }
            LoadKX => {
                reg(a)?;
                skip = extra(true)?;
                kst(p.code[pc + 1].ax() as usize)?;
            }
            LoadNil => reg(a + b)?,
            GetUpval | SetUpval => {
                reg(a)?;
                upv(b)?;
            }
            GetTabUp => {
                reg(a)?;
                upv(b)?;
                kst(c)?;
            }
            GetTable => {
                reg(a)?;
                reg(b)?;
                reg(c)?;
            }
            GetI | Unm | BNot | Not | Len | AddI | ShrI | ShlI => {
                reg(a)?;
                reg(b)?;
            }
            GetField | AddK | SubK | MulK | ModK | PowK | DivK | IDivK | BAndK | BOrK | BXorK => {
                reg(a)?;
                reg(b)?;
                kst(c)?;
            }
            SetTabUp => {
                upv(a)?;
                kst(b)?;
                rk(c)?;
            }
            SetTable | OpSelf => {
                reg(a + usize::from(op == OpSelf))?;
                reg(b)?;
                rk(c)?;
            }
            SetI => {
                reg(a)?;
                rk(c)?;
            }
            SetField => {
                reg(a)?;
                kst(b)?;
                rk(c)?;
            }
            NewTable => {
                reg(a)?;
                skip = extra(true)?;
            }
            Add | Sub | Mul | Mod | Pow | Div | IDiv | BAnd | BOr | BXor | Shl | Shr => {
                reg(a)?;
                reg(b)?;
                reg(c)?;
            }
            MmBin | MmBinI | MmBinK => {
                reg(a)?;
                match op {
                    MmBin => reg(b)?,
                    MmBinK => kst(b)?,
                    _ => {}
                }
                let prev = pc.checked_sub(1).map(|q| p.code[q].opcode());
                if !prev.is_some_and(|q| (AddI..=Shr).contains(&q)) {
                    return Err(here(pc, "MMBIN without an arithmetic instruction"));
                }
                if c >= crate::opcode::EVENT_NAMES.len() {
                    return Err(here(pc, "bad metamethod event"));
                }
            }
            Concat => {
                if b == 0 {
                    return Err(here(pc, "empty concatenation"));
                }
                reg(a + b - 1)?;
            }
            Jmp => jump(pc as i64 + 1 + i.sj() as i64)?,
            Eq | Lt | Le => {
                reg(a)?;
                reg(b)?;
            }
            EqK => {
                reg(a)?;
                kst(b)?;
            }
            EqI | LtI | LeI | GtI | GeI => reg(a)?,
            TestSet => {
                reg(a)?;
                reg(b)?;
            }
            Call | TailCall => {
                reg(a)?;
                uses_top(b == 0)?;
                if b > 0 {
                    reg(a + b - 1)?;
                }
                if op == Call && c > 1 {
                    reg(a + c - 2)?;
                }
                if op == TailCall {
                    vararg_c(c)?;
                }
            }
            Return => {
                vararg_c(c)?;
                uses_top(b == 0)?;
                if b > 1 {
                    reg(a + b - 2)?;
                }
            }
            Return0 => {}
            ForLoop | TForLoop => {
                reg(a + if op == ForLoop { 3 } else { 4 })?;
                jump(pc as i64 + 1 - i.bx() as i64)?;
            }
            ForPrep => {
                reg(a + 3)?;
                jump(pc as i64 + 2 + i.bx() as i64)?;
            }
            TForPrep => {
                reg(a + 3)?;
                jump(pc as i64 + 1 + i.bx() as i64)?;
            }
            TForCall => reg(a + 3 + c.max(3))?,
            SetList => {
                reg(a)?;
                uses_top(b == 0)?;
                reg(a + b)?;
                skip = extra(i.k())?;
            }
            Closure => {
                reg(a)?;
                if i.bx() as usize >= np {
                    return Err(here(pc, "function out of range"));
                }
            }
            VarArg => {
                reg(a)?;
                if c > 1 {
                    reg(a + c - 2)?;
                }
            }
            VarArgPrep => {
                if pc != 0 || !p.is_vararg || a != p.num_params as usize {
                    return Err(here(pc, "misplaced VARARGPREP"));
                }
            }
            ExtraArg => return Err(here(pc, "misplaced EXTRAARG")),
        }
        let flags = op.flags();
        if flags & IS_TEST != 0 || op == LFalseSkip {
            if next != Some(Jmp) && op != LFalseSkip {
                return Err(here(pc, "test without a jump"));
            }
            if pc + 2 >= n {
                return Err(here(pc, "skip past the end of the code"));
            }
        }
        if (AddI..=Shr).contains(&op) && next.is_none_or(|q| OpCode::flags(q) & IS_MM == 0) {
            return Err(here(pc, "arithmetic without MMBIN"));
        }
        prev_sets_top = flags & SETS_TOP != 0 && (op == TailCall || c == 0);
        pc += 1;
        if skip {
            prev_sets_top = false;
            pc += 1;
        }
    }
    // a jump into an instruction that takes the stack top would see a stale top
    for (pc, i) in p.code.iter().enumerate() {
        let op = i.opcode();
        if target[pc]
            && i.b() == 0
            && matches!(
                op,
                OpCode::Call | OpCode::TailCall | OpCode::Return | OpCode::SetList
            )
        {
            return Err(here(pc, "jump to an instruction that uses the stack top"));
        }
    }
    Ok(())
}
