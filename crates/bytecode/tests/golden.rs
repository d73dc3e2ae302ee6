//! Golden tests: the listing of our bytecode must equal what `luac5.4 -l -l` prints.
//!
//! Each `tests/golden/NAME.lua` has its expected listing in `tests/golden/NAME.expected`,
//! recorded with luac5.4 (5.4.4) and with addresses normalised to `0x0`. To regenerate the
//! expected listings after adding or changing programs (needs `luac5.4` on the PATH):
//!
//! ```text
//! LUNAR_REGENERATE_GOLDEN=1 cargo test -p lunar-bytecode --test golden
//! ```
//!
//! To compare arbitrary Lua files live against luac5.4 (a developer tool, not run by default):
//!
//! ```text
//! LUNAR_COMPARE="a.lua dir/b.lua" cargo test -p lunar-bytecode --test golden -- --ignored
//! ```
//!
//! (`LUNAR_COMPARE_OUT=dir` also writes both listings of each differing file to `dir`.)
use std::path::{Path, PathBuf};
use std::process::Command;

use lunar_bytecode::{compile, disasm::listing};

/// Replaces the addresses luac prints (`%p`) by the fixed text our disassembler prints.
fn normalise_addresses(text: &str) -> String {
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
fn luac_listing(directory: &Path, file: &str) -> Option<Result<String, String>> {
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
fn our_listing(source: &[u8], name: &str) -> Result<String, String> {
    let chunk =
        lunar_syntax::parse(source, &format!("@{name}")).map_err(|e| format!("parse: {e}"))?;
    let proto = compile(&chunk).map_err(|e| format!("compile: {e}"))?;
    Ok(listing(&proto, true))
}

/// First differing line of two listings, for messages.
fn first_difference(expected: &str, actual: &str) -> String {
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

fn golden_directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn golden_programs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(golden_directory())
        .expect("tests/golden exists")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".lua").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

#[test]
fn listings_match_recorded_luac_listings() {
    let directory = golden_directory();
    let regenerate = std::env::var_os("LUNAR_REGENERATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let programs = golden_programs();
    assert!(programs.len() >= 30, "expected at least 30 golden programs");
    for name in &programs {
        let file = format!("{name}.lua");
        let expected_path = directory.join(format!("{name}.expected"));
        if regenerate {
            match luac_listing(&directory, &file) {
                Some(Ok(text)) => std::fs::write(&expected_path, text).expect("write golden"),
                Some(Err(error)) => panic!("luac5.4 rejected {file}: {error}"),
                None => panic!("LUNAR_REGENERATE_GOLDEN needs luac5.4 on the PATH"),
            }
        }
        let expected = match std::fs::read_to_string(&expected_path) {
            Ok(text) => text,
            Err(_) => {
                failures.push(format!(
                    "{file}: no recorded listing (regenerate the goldens)"
                ));
                continue;
            }
        };
        let source = std::fs::read(directory.join(&file)).expect("read program");
        match our_listing(&source, &file) {
            Ok(actual) if actual == expected => {}
            Ok(actual) => {
                failures.push(format!("{file}: {}", first_difference(&expected, &actual)))
            }
            Err(error) => failures.push(format!("{file}: {error}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs differ from luac5.4:\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n")
    );
}

/// Compares the files listed in `LUNAR_COMPARE` (files or directories) live with luac5.4.
#[test]
#[ignore]
fn compare_with_luac() {
    let Some(list) = std::env::var_os("LUNAR_COMPARE") else {
        eprintln!("set LUNAR_COMPARE to a list of Lua files or directories");
        return;
    };
    let mut files = Vec::new();
    for item in list.to_string_lossy().split_whitespace() {
        let path = PathBuf::from(item);
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&path)
                .expect("readable directory")
                .filter_map(|entry| Some(entry.ok()?.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "lua"))
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(path);
        }
    }
    let (mut same, mut different, mut skipped) = (0, 0, 0);
    for path in &files {
        let directory = path.parent().unwrap_or(Path::new("."));
        let directory = if directory.as_os_str().is_empty() {
            Path::new(".")
        } else {
            directory
        };
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected = match luac_listing(directory, &file) {
            Some(Ok(text)) => text,
            Some(Err(_)) => {
                skipped += 1;
                continue;
            }
            None => {
                eprintln!("luac5.4 not found; skipping");
                return;
            }
        };
        let source = std::fs::read(path).expect("readable file");
        let result = std::panic::catch_unwind(|| our_listing(&source, &file))
            .unwrap_or_else(|_| Err("panicked".to_string()));
        match result {
            Ok(actual) if actual == expected => same += 1,
            Ok(actual) => {
                different += 1;
                eprintln!(
                    "DIFF {}: {}",
                    path.display(),
                    first_difference(&expected, &actual)
                );
                if let Some(out) = std::env::var_os("LUNAR_COMPARE_OUT") {
                    let out = PathBuf::from(out);
                    let _ = std::fs::write(out.join(format!("{file}.expected")), &expected);
                    let _ = std::fs::write(out.join(format!("{file}.actual")), &actual);
                }
            }
            Err(error) => {
                different += 1;
                eprintln!("FAIL {}: {error}", path.display());
            }
        }
    }
    eprintln!("{same} same, {different} different, {skipped} rejected by luac5.4");
}
