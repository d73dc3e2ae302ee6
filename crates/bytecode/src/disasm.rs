//! Disassembler (prototype -> `luac -l` style listing).
//!
//! [`listing`] prints exactly what `luac5.4 -l` (or `luac5.4 -l -l`) prints for a prototype
//! (luac.c's `PrintFunction`), except that addresses (`%p` in luac: function headers, CLOSURE
//! comments, the constants/locals/upvalues sections) are printed as the fixed text `0x0`.
use std::fmt::Write;

use crate::opcode::{Instruction, OpCode, MAXARG_C};
use crate::proto::{Constant, Proto};

/// The fixed text printed where luac prints an address.
pub const ADDRESS: &str = "0x0";

/// Listing of a prototype and, recursively, its nested prototypes, in the layout of
/// `luac5.4 -l` (`full == false`) or `luac5.4 -l -l` (`full == true`, adding the constants,
/// locals and upvalues of each function).
pub fn listing(proto: &Proto, full: bool) -> String {
    let mut out = String::new();
    print_function(&mut out, proto, full);
    out
}

fn print_function(out: &mut String, proto: &Proto, full: bool) {
    print_header(out, proto);
    print_code(out, proto);
    if full {
        print_debug(out, proto);
    }
    for nested in &proto.protos {
        print_function(out, nested, full);
    }
}

/// `"s"` unless `n == 1`.
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn print_header(out: &mut String, proto: &Proto) {
    let source = &proto.source;
    let name = if let Some(rest) = source.strip_prefix(['@', '=']) {
        rest
    } else if source.starts_with('\x1b') {
        "(bstring)"
    } else {
        "(string)"
    };
    let kind = if proto.line_defined == 0 {
        "main"
    } else {
        "function"
    };
    let count = proto.code.len();
    let _ = writeln!(
        out,
        "\n{kind} <{name}:{},{}> ({count} instruction{} at {ADDRESS})",
        proto.line_defined,
        proto.last_line_defined,
        plural(count)
    );
    let parameters = proto.num_params as usize;
    let _ = write!(
        out,
        "{parameters}{} param{}, {} slot{}, {} upvalue{}, ",
        if proto.is_vararg { "+" } else { "" },
        plural(parameters),
        proto.max_stack_size,
        plural(proto.max_stack_size as usize),
        proto.upvalues.len(),
        plural(proto.upvalues.len()),
    );
    let _ = writeln!(
        out,
        "{} local{}, {} constant{}, {} function{}",
        proto.loc_vars.len(),
        plural(proto.loc_vars.len()),
        proto.constants.len(),
        plural(proto.constants.len()),
        proto.protos.len(),
        plural(proto.protos.len()),
    );
}

/// A string constant as luac prints it (`PrintString`).
fn format_string(out: &mut String, s: &[u8]) {
    out.push('"');
    for &c in s {
        match c {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x0b => out.push_str("\\v"),
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\{c:03}");
            }
        }
    }
    out.push('"');
}

/// Formats a float like C's `printf("%.14g")` (Lua's `LUA_NUMBER_FMT`).
pub fn format_float_g14(f: f64) -> String {
    const PRECISION: i32 = 14;
    if f.is_nan() {
        return if f.is_sign_negative() { "-nan" } else { "nan" }.to_string();
    }
    if f.is_infinite() {
        return if f < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let scientific = format!("{:.*e}", (PRECISION - 1) as usize, f);
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if !(-4..PRECISION).contains(&exponent) {
        let mantissa = strip_fraction_zeros(mantissa);
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.abs())
    } else {
        let decimals = (PRECISION - 1 - exponent) as usize;
        strip_fraction_zeros(&format!("{f:.decimals$}")).to_string()
    }
}

/// Removes trailing zeros of a fraction, and the point if nothing is left after it.
fn strip_fraction_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// A constant as luac prints it (`PrintConstant`).
fn format_constant(out: &mut String, proto: &Proto, index: usize) {
    match proto.constants.get(index) {
        Some(Constant::Nil) => out.push_str("nil"),
        Some(Constant::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
        Some(Constant::Float(f)) => {
            let text = format_float_g14(*f);
            let integral_looking = text.chars().all(|c| c == '-' || c.is_ascii_digit());
            out.push_str(&text);
            if integral_looking {
                out.push_str(".0");
            }
        }
        Some(Constant::Int(i)) => {
            let _ = write!(out, "{i}");
        }
        Some(Constant::Str(s)) => format_string(out, s),
        None => out.push('?'),
    }
}

/// Name of upvalue `index`, or `-`.
fn upvalue_name(proto: &Proto, index: u32) -> &str {
    proto
        .upvalues
        .get(index as usize)
        .and_then(|upvalue| upvalue.name.as_deref())
        .unwrap_or("-")
}

fn event_name(event: u32) -> &'static str {
    crate::opcode::EVENT_NAMES
        .get(event as usize)
        .copied()
        .unwrap_or("?")
}

fn print_code(out: &mut String, proto: &Proto) {
    let code = &proto.code;
    for (pc, &instruction) in code.iter().enumerate() {
        let op = instruction.opcode();
        let a = instruction.a();
        let b = instruction.b();
        let c = instruction.c();
        let ax = instruction.ax();
        let bx = instruction.bx();
        let sb = instruction.sb();
        let sc = instruction.sc();
        let sbx = instruction.sbx();
        let k = instruction.k();
        let isk = if k { "k" } else { "" };
        let extra_argument = code.get(pc + 1).map_or(0, |next: &Instruction| next.ax());
        let extra_c = extra_argument.wrapping_mul(MAXARG_C + 1);
        let _ = write!(out, "\t{}\t", pc + 1);
        match proto.line_info.get(pc) {
            Some(line) if *line > 0 => {
                let _ = write!(out, "[{line}]\t");
            }
            _ => out.push_str("[-]\t"),
        }
        let _ = write!(out, "{:<9}\t", op.name());
        let comment = "\t; ";
        match op {
            OpCode::Move => {
                let _ = write!(out, "{a} {b}");
            }
            OpCode::LoadI | OpCode::LoadF => {
                let _ = write!(out, "{a} {sbx}");
            }
            OpCode::LoadK => {
                let _ = write!(out, "{a} {bx}{comment}");
                format_constant(out, proto, bx as usize);
            }
            OpCode::LoadKX => {
                let _ = write!(out, "{a}{comment}");
                format_constant(out, proto, extra_argument as usize);
            }
            OpCode::LoadFalse | OpCode::LFalseSkip | OpCode::LoadTrue => {
                let _ = write!(out, "{a}");
            }
            OpCode::LoadNil => {
                let _ = write!(out, "{a} {b}{comment}{} out", b + 1);
            }
            OpCode::GetUpval | OpCode::SetUpval => {
                let _ = write!(out, "{a} {b}{comment}{}", upvalue_name(proto, b));
            }
            OpCode::GetTabUp => {
                let _ = write!(out, "{a} {b} {c}{comment}{} ", upvalue_name(proto, b));
                format_constant(out, proto, c as usize);
            }
            OpCode::GetTable | OpCode::GetI => {
                let _ = write!(out, "{a} {b} {c}");
            }
            OpCode::GetField => {
                let _ = write!(out, "{a} {b} {c}{comment}");
                format_constant(out, proto, c as usize);
            }
            OpCode::SetTabUp => {
                let _ = write!(out, "{a} {b} {c}{isk}{comment}{} ", upvalue_name(proto, a));
                format_constant(out, proto, b as usize);
                if k {
                    out.push(' ');
                    format_constant(out, proto, c as usize);
                }
            }
            OpCode::SetTable | OpCode::SetI | OpCode::OpSelf => {
                let _ = write!(out, "{a} {b} {c}{isk}");
                if k {
                    out.push_str(comment);
                    format_constant(out, proto, c as usize);
                }
            }
            OpCode::SetField => {
                let _ = write!(out, "{a} {b} {c}{isk}{comment}");
                format_constant(out, proto, b as usize);
                if k {
                    out.push(' ');
                    format_constant(out, proto, c as usize);
                }
            }
            OpCode::NewTable => {
                let _ = write!(out, "{a} {b} {c}{comment}{}", c.wrapping_add(extra_c));
            }
            OpCode::AddI | OpCode::ShrI | OpCode::ShlI => {
                let _ = write!(out, "{a} {b} {sc}");
            }
            OpCode::AddK
            | OpCode::SubK
            | OpCode::MulK
            | OpCode::ModK
            | OpCode::PowK
            | OpCode::DivK
            | OpCode::IDivK
            | OpCode::BAndK
            | OpCode::BOrK
            | OpCode::BXorK => {
                let _ = write!(out, "{a} {b} {c}{comment}");
                format_constant(out, proto, c as usize);
            }
            OpCode::Add
            | OpCode::Sub
            | OpCode::Mul
            | OpCode::Mod
            | OpCode::Pow
            | OpCode::Div
            | OpCode::IDiv
            | OpCode::BAnd
            | OpCode::BOr
            | OpCode::BXor
            | OpCode::Shl
            | OpCode::Shr => {
                let _ = write!(out, "{a} {b} {c}");
            }
            OpCode::MmBin => {
                let _ = write!(out, "{a} {b} {c}{comment}{}", event_name(c));
            }
            OpCode::MmBinI => {
                let _ = write!(out, "{a} {sb} {c} {}{comment}{}", k as u8, event_name(c));
                if k {
                    out.push_str(" flip");
                }
            }
            OpCode::MmBinK => {
                let _ = write!(out, "{a} {b} {c} {}{comment}{} ", k as u8, event_name(c));
                format_constant(out, proto, b as usize);
                if k {
                    out.push_str(" flip");
                }
            }
            OpCode::Unm | OpCode::BNot | OpCode::Not | OpCode::Len | OpCode::Concat => {
                let _ = write!(out, "{a} {b}");
            }
            OpCode::Close | OpCode::Tbc | OpCode::Return1 | OpCode::VarArgPrep => {
                let _ = write!(out, "{a}");
            }
            OpCode::Jmp => {
                let sj = instruction.sj();
                let _ = write!(out, "{sj}{comment}to {}", sj + pc as i32 + 2);
            }
            OpCode::Eq | OpCode::Lt | OpCode::Le => {
                let _ = write!(out, "{a} {b} {}", k as u8);
            }
            OpCode::EqK => {
                let _ = write!(out, "{a} {b} {}{comment}", k as u8);
                format_constant(out, proto, b as usize);
            }
            OpCode::EqI | OpCode::LtI | OpCode::LeI | OpCode::GtI | OpCode::GeI => {
                let _ = write!(out, "{a} {sb} {}", k as u8);
            }
            OpCode::Test => {
                let _ = write!(out, "{a} {}", k as u8);
            }
            OpCode::TestSet => {
                let _ = write!(out, "{a} {b} {}", k as u8);
            }
            OpCode::Call => {
                let _ = write!(out, "{a} {b} {c}{comment}");
                if b == 0 {
                    out.push_str("all in ");
                } else {
                    let _ = write!(out, "{} in ", b as i64 - 1);
                }
                if c == 0 {
                    out.push_str("all out");
                } else {
                    let _ = write!(out, "{} out", c as i64 - 1);
                }
            }
            OpCode::TailCall => {
                let _ = write!(out, "{a} {b} {c}{isk}{comment}{} in", b as i64 - 1);
            }
            OpCode::Return => {
                let _ = write!(out, "{a} {b} {c}{isk}{comment}");
                if b == 0 {
                    out.push_str("all out");
                } else {
                    let _ = write!(out, "{} out", b as i64 - 1);
                }
            }
            OpCode::Return0 => {}
            OpCode::ForLoop | OpCode::TForLoop => {
                let _ = write!(out, "{a} {bx}{comment}to {}", pc as i64 - bx as i64 + 2);
            }
            OpCode::ForPrep => {
                let _ = write!(out, "{a} {bx}{comment}exit to {}", pc as u32 + bx + 3);
            }
            OpCode::TForPrep => {
                let _ = write!(out, "{a} {bx}{comment}to {}", pc as u32 + bx + 2);
            }
            OpCode::TForCall => {
                let _ = write!(out, "{a} {c}");
            }
            OpCode::SetList => {
                let _ = write!(out, "{a} {b} {c}");
                if k {
                    let _ = write!(out, "{comment}{}", c.wrapping_add(extra_c));
                }
            }
            OpCode::Closure => {
                let _ = write!(out, "{a} {bx}{comment}{ADDRESS}");
            }
            OpCode::VarArg => {
                let _ = write!(out, "{a} {c}{comment}");
                if c == 0 {
                    out.push_str("all out");
                } else {
                    let _ = write!(out, "{} out", c as i64 - 1);
                }
            }
            OpCode::ExtraArg => {
                let _ = write!(out, "{ax}");
            }
        }
        out.push('\n');
    }
}

fn print_debug(out: &mut String, proto: &Proto) {
    let _ = writeln!(out, "constants ({}) for {ADDRESS}:", proto.constants.len());
    for (index, constant) in proto.constants.iter().enumerate() {
        let tag = match constant {
            Constant::Nil => "N",
            Constant::Bool(_) => "B",
            Constant::Float(_) => "F",
            Constant::Int(_) => "I",
            Constant::Str(_) => "S",
        };
        let _ = write!(out, "\t{index}\t{tag}\t");
        format_constant(out, proto, index);
        out.push('\n');
    }
    let _ = writeln!(out, "locals ({}) for {ADDRESS}:", proto.loc_vars.len());
    for (index, local) in proto.loc_vars.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{index}\t{}\t{}\t{}",
            local.name,
            local.start_pc + 1,
            local.end_pc + 1
        );
    }
    let _ = writeln!(out, "upvalues ({}) for {ADDRESS}:", proto.upvalues.len());
    for (index, upvalue) in proto.upvalues.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{index}\t{}\t{}\t{}",
            upvalue.name.as_deref().unwrap_or("-"),
            upvalue.in_stack as u8,
            upvalue.index
        );
    }
}

#[cfg(test)]
mod tests {
    use super::format_float_g14;

    #[test]
    fn floats_like_printf_g14() {
        assert_eq!(format_float_g14(2.5), "2.5");
        assert_eq!(format_float_g14(1.0), "1");
        assert_eq!(format_float_g14(-2.25e-7), "-2.25e-07");
        assert_eq!(format_float_g14(9007199254740992.0), "9.007199254741e+15");
        assert_eq!(format_float_g14(1e14), "1e+14");
        assert_eq!(format_float_g14(123456789012345.0), "1.2345678901234e+14");
        assert_eq!(format_float_g14(0.0001), "0.0001");
        assert_eq!(format_float_g14(0.00001), "1e-05");
        assert_eq!(format_float_g14(0.1), "0.1");
        assert_eq!(format_float_g14(1.0 / 3.0), "0.33333333333333");
        assert_eq!(format_float_g14(f64::INFINITY), "inf");
        assert_eq!(format_float_g14(-0.0), "-0");
        assert_eq!(format_float_g14(99999999999999.5), "1e+14");
    }
}

#[cfg(test)]
mod header_tests {
    use super::listing;
    use crate::proto::Proto;

    fn header(source: &str) -> String {
        let proto = Proto {
            source: source.to_string(),
            max_stack_size: 2,
            ..Proto::default()
        };
        listing(&proto, false)
            .lines()
            .nth(1)
            .unwrap_or_default()
            .to_string()
    }

    #[test]
    fn chunk_names_like_luac() {
        assert_eq!(header("@a.lua"), "main <a.lua:0,0> (0 instructions at 0x0)");
        assert_eq!(header("=stdin"), "main <stdin:0,0> (0 instructions at 0x0)");
        assert_eq!(
            header("x = 1"),
            "main <(string):0,0> (0 instructions at 0x0)"
        );
        assert_eq!(
            header("\x1bLua"),
            "main <(bstring):0,0> (0 instructions at 0x0)"
        );
    }
}
