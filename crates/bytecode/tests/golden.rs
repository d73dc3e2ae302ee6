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
mod common;

use std::path::{Path, PathBuf};

use common::{
    first_difference, luac_listing, luac_proto, our_listing, our_proto, proto_difference,
};

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

/// Every opcode but LOADKX (see `generated.rs`) appears in some recorded listing.
#[test]
fn goldens_cover_every_opcode() {
    let mut listings = String::new();
    for name in golden_programs() {
        let path = golden_directory().join(format!("{name}.expected"));
        listings.push_str(&std::fs::read_to_string(path).unwrap_or_default());
    }
    let missing: Vec<&str> = lunar_bytecode::opcode::ALL_OPCODES
        .iter()
        .map(|op| op.name())
        .filter(|&name| name != "LOADKX" && !listings.contains(&format!("]\t{name:<9}\t")))
        .collect();
    assert!(
        missing.is_empty(),
        "opcodes never used by the goldens: {missing:?}"
    );
}

/// With luac5.4 installed, the short listings (`luac5.4 -l`) match ours too.
#[test]
fn short_listings_match_luac() {
    let directory = golden_directory();
    for name in golden_programs() {
        let file = format!("{name}.lua");
        let expected = match common::luac_listing_with(&directory, &file, false) {
            Some(Ok(text)) => text,
            Some(Err(error)) => panic!("luac5.4 rejected {file}: {error}"),
            None => {
                eprintln!("luac5.4 not installed: short listings not compared");
                return;
            }
        };
        let source = std::fs::read(directory.join(&file)).expect("read program");
        let proto = our_proto(&source, &file).expect("compiles");
        let actual = lunar_bytecode::disasm::listing(&proto, false);
        assert!(
            actual == expected,
            "{file}: {}",
            first_difference(&expected, &actual)
        );
    }
}

/// With luac5.4 installed, the binary chunks of the golden programs match ours field by field
/// (instruction words included: operands the listing does not show, like the C of EQI).
#[test]
fn prototypes_match_luac_binary_chunks() {
    let directory = golden_directory();
    let mut failures = Vec::new();
    for name in golden_programs() {
        let file = format!("{name}.lua");
        let expected = match luac_proto(&directory, &file) {
            Some(Ok(proto)) => proto,
            Some(Err(error)) => panic!("luac5.4 rejected {file}: {error}"),
            None => {
                eprintln!("luac5.4 not installed: binary comparison skipped");
                return;
            }
        };
        let source = std::fs::read(directory.join(&file)).expect("read program");
        match our_proto(&source, &file) {
            Ok(actual) => failures.extend(proto_difference(&expected, &actual, &file)),
            Err(error) => failures.push(format!("{file}: {error}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
        let binary = match (luac_proto(directory, &file), our_proto(&source, &file)) {
            (Some(Ok(expected)), Ok(actual)) => {
                proto_difference(&expected, &actual, &path.display().to_string())
            }
            _ => None,
        };
        match result {
            Ok(actual) if actual == expected && binary.is_none() => same += 1,
            Ok(actual) if actual == expected => {
                different += 1;
                eprintln!("BINARY {}", binary.unwrap_or_default());
            }
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
