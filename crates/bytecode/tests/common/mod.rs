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
    let output = Command::new("luac5.4")
        .args(["-l", "-l", "-p", file])
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
