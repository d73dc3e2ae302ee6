//! Helpers shared by the integration tests: running luac5.4 and our compiler on files.
#![allow(dead_code)]
use std::path::Path;
use std::process::Command;

use lunar_bytecode::{compile, disasm::listing};

/// Replaces the addresses luac prints (`%p`) by the fixed text our disassembler prints.
pub fn normalise_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let newline = &line[body.len()..];
        let normalised = if (body.starts_with("main <") || body.starts_with("function <"))
            && body.ends_with(')')
        {
            match body.rfind(" at 0x") {
                Some(at) => format!("{} at {})", &body[..at], lunar_bytecode::disasm::ADDRESS),
                None => body.to_string(),
            }
        } else if (body.starts_with("constants (")
            || body.starts_with("locals (")
            || body.starts_with("upvalues ("))
            && body.ends_with(':')
        {
            match body.rfind(" for 0x") {
                Some(at) => format!("{} for {}:", &body[..at], lunar_bytecode::disasm::ADDRESS),
                None => body.to_string(),
            }
        } else if body.contains("\tCLOSURE  \t") {
            match body.rfind("\t; 0x") {
                Some(at) => format!("{}\t; {}", &body[..at], lunar_bytecode::disasm::ADDRESS),
                None => body.to_string(),
            }
        } else {
            body.to_string()
        };
        out.push_str(&normalised);
        out.push_str(newline);
    }
    out
}

/// Runs `luac5.4 -l -l -p FILE` in `directory`; `None` if luac5.4 cannot be run.
pub fn luac_listing(directory: &Path, file: &str) -> Option<Result<String, String>> {
    luac_listing_with(directory, file, true)
}

/// Runs `luac5.4 -l [-l] -p FILE` in `directory`; `None` if luac5.4 cannot be run.
pub fn luac_listing_with(
    directory: &Path,
    file: &str,
    full: bool,
) -> Option<Result<String, String>> {
    let arguments: &[&str] = if full {
        &["-l", "-l", "-p", file]
    } else {
        &["-l", "-p", file]
    };
    let output = Command::new("luac5.4")
        .args(arguments)
        .current_dir(directory)
        .output()
        .ok()?;
    if output.status.success() {
        Some(Ok(normalise_addresses(&String::from_utf8_lossy(
            &output.stdout,
        ))))
    } else {
        Some(Err(String::from_utf8_lossy(&output.stderr).into_owned()))
    }
}

/// Our listing of a source file compiled with chunk name `@name`.
pub fn our_listing(source: &[u8], name: &str) -> Result<String, String> {
    let chunk =
        lunar_syntax::parse(source, &format!("@{name}")).map_err(|e| format!("parse: {e}"))?;
    let proto = compile(&chunk).map_err(|e| format!("compile: {e}"))?;
    Ok(listing(&proto, true))
}

/// First differing line of two listings, for messages.
pub fn first_difference(expected: &str, actual: &str) -> String {
    for (number, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {}:\n  expected: {e}\n  actual:   {a}", number + 1);
        }
    }
    format!(
        "lengths differ: expected {} lines, actual {} lines",
        expected.lines().count(),
        actual.lines().count()
    )
}

// -- Binary chunks ------------------------------------------------------------------------------

/// Reader of the binary chunks luac5.4 writes (lundump.c's format), for comparisons of every
/// field of every instruction, including those the listing does not show.
struct Undump<'b> {
    bytes: &'b [u8],
    position: usize,
}

impl Undump<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes[self.position];
        self.position += 1;
        b
    }

    fn block(&mut self, n: usize) -> &[u8] {
        let block = &self.bytes[self.position..self.position + n];
        self.position += n;
        block
    }

    fn size(&mut self) -> usize {
        let mut x = 0usize;
        loop {
            let b = self.byte();
            x = (x << 7) | (b & 0x7f) as usize;
            if b & 0x80 != 0 {
                return x;
            }
        }
    }

    fn string(&mut self) -> Option<Vec<u8>> {
        match self.size() {
            0 => None,
            n => Some(self.block(n - 1).to_vec()),
        }
    }

    fn function(&mut self, parent_source: Option<&str>) -> lunar_bytecode::Proto {
        use lunar_bytecode::{Constant, Instruction, LocVar, Proto, UpvalDesc, VarKind};
        let source = self
            .string()
            .map(|s| String::from_utf8_lossy(&s).into_owned())
            .or_else(|| parent_source.map(str::to_string))
            .unwrap_or_default();
        let mut proto = Proto {
            source,
            line_defined: self.size() as u32,
            last_line_defined: self.size() as u32,
            num_params: self.byte(),
            is_vararg: self.byte() != 0,
            max_stack_size: self.byte(),
            ..Proto::default()
        };
        for _ in 0..self.size() {
            let word = self.block(4);
            proto.code.push(Instruction(u32::from_le_bytes([
                word[0], word[1], word[2], word[3],
            ])));
        }
        for _ in 0..self.size() {
            let constant = match self.byte() {
                0x00 => Constant::Nil,
                0x01 => Constant::Bool(false),
                0x11 => Constant::Bool(true),
                0x03 => Constant::Int(i64::from_le_bytes(self.block(8).try_into().unwrap())),
                0x13 => Constant::Float(f64::from_le_bytes(self.block(8).try_into().unwrap())),
                0x04 | 0x14 => Constant::Str(self.string().unwrap_or_default()),
                tag => panic!("unknown constant tag {tag:#x}"),
            };
            proto.constants.push(constant);
        }
        for _ in 0..self.size() {
            let in_stack = self.byte() != 0;
            let index = self.byte();
            let kind = match self.byte() {
                0 => VarKind::Regular,
                1 => VarKind::Const,
                2 => VarKind::ToClose,
                _ => VarKind::CompileTimeConst,
            };
            proto.upvalues.push(UpvalDesc {
                name: None,
                in_stack,
                index,
                kind,
            });
        }
        for _ in 0..self.size() {
            let nested = self.function(Some(&proto.source));
            proto.protos.push(nested);
        }
        let deltas: Vec<i8> = (0..self.size()).map(|_| self.byte() as i8).collect();
        let absolute: Vec<(usize, u32)> = (0..self.size())
            .map(|_| (self.size(), self.size() as u32))
            .collect();
        let mut line = proto.line_defined;
        let mut next_absolute = absolute.iter();
        for delta in deltas {
            if delta == -0x80 {
                line = next_absolute.next().map_or(0, |&(_, l)| l);
            } else {
                line = (line as i64 + delta as i64) as u32;
            }
            proto.line_info.push(line);
        }
        for _ in 0..self.size() {
            let name = String::from_utf8_lossy(&self.string().unwrap_or_default()).into_owned();
            let start_pc = self.size() as u32;
            let end_pc = self.size() as u32;
            proto.loc_vars.push(LocVar {
                name,
                start_pc,
                end_pc,
            });
        }
        for index in 0..self.size() {
            let name = self
                .string()
                .map(|s| String::from_utf8_lossy(&s).into_owned());
            if let Some(upvalue) = proto.upvalues.get_mut(index) {
                upvalue.name = name;
            }
        }
        proto
    }
}

/// Reads a binary chunk written by luac5.4 into a prototype.
pub fn undump(bytes: &[u8]) -> lunar_bytecode::Proto {
    // header: signature, version, format, LUAC_DATA, 3 sizes, LUAC_INT, LUAC_NUM
    assert!(
        bytes.starts_with(b"\x1bLua\x54\x00"),
        "not a Lua 5.4 binary chunk"
    );
    let mut reader = Undump {
        bytes,
        position: 4 + 2 + 6 + 3 + 8 + 8,
    };
    let _upvalues = reader.byte();
    reader.function(None)
}

/// Runs `luac5.4 -o OUT FILE` in `directory` and reads the binary chunk; `None` if luac5.4
/// cannot be run.
pub fn luac_proto(directory: &Path, file: &str) -> Option<Result<lunar_bytecode::Proto, String>> {
    let out = std::env::temp_dir().join(format!(
        "lunar-bytecode-{}-{}.luac",
        std::process::id(),
        file.replace('/', "_")
    ));
    let output = Command::new("luac5.4")
        .arg("-o")
        .arg(&out)
        .arg(file)
        .current_dir(directory)
        .output()
        .ok()?;
    if !output.status.success() {
        return Some(Err(String::from_utf8_lossy(&output.stderr).into_owned()));
    }
    let bytes = std::fs::read(&out).ok()?;
    let _ = std::fs::remove_file(&out);
    Some(Ok(undump(&bytes)))
}

/// First difference between two prototypes (all fields, every instruction word), if any.
pub fn proto_difference(
    expected: &lunar_bytecode::Proto,
    actual: &lunar_bytecode::Proto,
    path: &str,
) -> Option<String> {
    let fields = [
        ("source", expected.source == actual.source),
        ("line_defined", expected.line_defined == actual.line_defined),
        (
            "last_line_defined",
            expected.last_line_defined == actual.last_line_defined,
        ),
        ("num_params", expected.num_params == actual.num_params),
        ("is_vararg", expected.is_vararg == actual.is_vararg),
        (
            "max_stack_size",
            expected.max_stack_size == actual.max_stack_size,
        ),
        ("upvalues", expected.upvalues == actual.upvalues),
        ("loc_vars", expected.loc_vars == actual.loc_vars),
        ("line_info", expected.line_info == actual.line_info),
        ("protos count", expected.protos.len() == actual.protos.len()),
    ];
    for (name, same) in fields {
        if !same {
            return Some(format!("{path}: {name} differs"));
        }
    }
    if expected.constants.len() != actual.constants.len()
        || expected
            .constants
            .iter()
            .zip(&actual.constants)
            .any(|(e, a)| match (e, a) {
                (lunar_bytecode::Constant::Float(x), lunar_bytecode::Constant::Float(y)) => {
                    x.to_bits() != y.to_bits()
                }
                _ => e != a,
            })
    {
        return Some(format!("{path}: constants differ"));
    }
    for (pc, (e, a)) in expected.code.iter().zip(&actual.code).enumerate() {
        if e != a {
            return Some(format!(
                "{path}: instruction {} differs: expected {e:?} ({:#010x}), actual {a:?} ({:#010x})",
                pc + 1,
                e.0,
                a.0
            ));
        }
    }
    if expected.code.len() != actual.code.len() {
        return Some(format!("{path}: code length differs"));
    }
    for (index, (e, a)) in expected.protos.iter().zip(&actual.protos).enumerate() {
        if let Some(difference) = proto_difference(e, a, &format!("{path}.{index}")) {
            return Some(difference);
        }
    }
    None
}

/// Our prototype of a source file compiled with chunk name `@name`.
pub fn our_proto(source: &[u8], name: &str) -> Result<lunar_bytecode::Proto, String> {
    let chunk =
        lunar_syntax::parse(source, &format!("@{name}")).map_err(|e| format!("parse: {e}"))?;
    compile(&chunk).map_err(|e| format!("compile: {e}"))
}
