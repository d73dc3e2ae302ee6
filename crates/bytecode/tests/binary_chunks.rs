//! Binary chunks: `dump` output equals `luac5.4 -o` (when installed), `undump(dump(p)) == p`,
//! every compiled prototype passes `verify`, and the reader never panics on corrupt input.
use std::path::{Path, PathBuf};
use std::process::Command;

use lunar_bytecode::{compile_source, dump, undump, Proto};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `tests/lua/*.lua` script that compiles, with its chunk name (`@NAME.lua`).
fn scripts() -> Vec<(String, Vec<u8>, Proto)> {
    let dir = repo().join("tests/lua");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/lua")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".lua"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let src = std::fs::read(dir.join(&name)).expect("read");
        // luaL_loadfile skips a first line starting with '#'
        let text = if src.starts_with(b"#") {
            let nl = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
            let mut t = b"\n".to_vec();
            t.extend_from_slice(&src[(nl + 1).min(src.len())..]);
            t
        } else {
            src
        };
        if let Ok(p) = compile_source(&text, &format!("@{name}")) {
            out.push((name, text, p));
        }
    }
    out
}

fn luac() -> Option<&'static str> {
    if std::env::var("LUNAR_LUA").as_deref() == Ok("none") {
        return None;
    }
    Command::new("luac5.4")
        .arg("-v")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "luac5.4")
}

#[test]
fn round_trip_and_verify() {
    let all = scripts();
    assert!(all.len() > 50);
    for (name, _, p) in &all {
        lunar_bytecode::verify::verify(p).unwrap_or_else(|e| panic!("{name}: verify: {e}"));
        for strip in [false, true] {
            let bytes = dump(p, strip);
            let q = undump(&bytes, &format!("@{name}"))
                .unwrap_or_else(|e| panic!("{name}: undump: {e}"));
            assert_eq!(dump(&q, strip), bytes, "{name}: dump(undump(dump)) differs");
            if !strip {
                assert_eq!(&q, p, "{name}: undump(dump(p)) != p");
            }
        }
    }
}

#[test]
fn byte_identical_to_luac() {
    let Some(luac) = luac() else {
        eprintln!("luac5.4 not available: skipped");
        return;
    };
    let dir = repo().join("tests/lua");
    let tmp = std::env::temp_dir().join(format!("lunar-bc-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut differ = Vec::new();
    let all = scripts();
    for (name, _, p) in &all {
        for strip in [false, true] {
            let out = tmp.join("luac.out");
            let mut cmd = Command::new(luac);
            if strip {
                cmd.arg("-s");
            }
            let st = cmd
                .arg("-o")
                .arg(&out)
                .arg(name)
                .current_dir(&dir)
                .status()
                .unwrap();
            assert!(st.success(), "luac5.4 failed on {name}");
            let theirs = std::fs::read(&out).unwrap();
            // luac's output loads here
            undump(&theirs, &format!("@{name}"))
                .unwrap_or_else(|e| panic!("{name}: luac5.4 output rejected: {e}"));
            if dump(p, strip) != theirs {
                differ.push(format!("{name}{}", if strip { " (-s)" } else { "" }));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    // known differences: line estimates for closing brackets (see compile/lines.rs)
    let allowed: &[&str] = &[];
    let unexpected: Vec<_> = differ
        .iter()
        .filter(|d| !allowed.contains(&d.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "dump differs from luac5.4 for {} of {} scripts: {unexpected:?}",
        differ.len(),
        all.len() * 2
    );
}

#[test]
fn header_errors() {
    let p = compile_source(b"local x = 1 return x", "=t").unwrap();
    let good = dump(&p, false);
    let check = |bytes: &[u8], name: &str, msg: &str| {
        let e = undump(bytes, name).unwrap_err();
        assert_eq!(e, msg);
    };
    check(
        &good[..10],
        "@x.luac",
        "x.luac: bad binary format (truncated chunk)",
    );
    check(&good[..2], "=x", "x: bad binary format (truncated chunk)");
    let mut b = good.clone();
    b[1] = b'X';
    check(
        &b,
        "\x1bLua",
        "binary string: bad binary format (not a binary chunk)",
    );
    let mut b = good.clone();
    b[4] = 0x53;
    check(&b, "@f", "f: bad binary format (version mismatch)");
    let mut b = good.clone();
    b[5] = 1;
    check(&b, "@f", "f: bad binary format (format mismatch)");
    let mut b = good.clone();
    b[8] = b'\n';
    check(&b, "@f", "f: bad binary format (corrupted chunk)");
    for (at, what) in [(12, "Instruction"), (13, "lua_Integer"), (14, "lua_Number")] {
        let mut b = good.clone();
        b[at] = 4 + 8 - b[at];
        check(
            &b,
            "@f",
            &format!("f: bad binary format ({what} size mismatch)"),
        );
    }
    let mut b = good.clone();
    b[15..23].copy_from_slice(&0x5678i64.to_be_bytes());
    check(&b, "@f", "f: bad binary format (integer format mismatch)");
    let mut b = good.clone();
    b[23..31].copy_from_slice(&370.5f64.to_be_bytes());
    check(&b, "@f", "f: bad binary format (float format mismatch)");
    assert!(undump(&good, "=x").is_ok());
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn corrupt_input_never_panics() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let sources: Vec<Vec<u8>> = scripts()
        .into_iter()
        .filter(|(n, _, _)| {
            [
                "closures",
                "calls",
                "for_generic",
                "strings",
                "goto",
                "metatables",
            ]
            .iter()
            .any(|k| n.starts_with(k))
        })
        .map(|(_, _, p)| dump(&p, false))
        .chain([dump(
            &compile_source(
                b"local a <const> = 2^70 local t = {1,2,3,'x'..a} \
                  for i, v in ipairs(t) do print(i, v, ...) end \
                  return function(x) return x and t[x] or a end",
                "=f",
            )
            .unwrap(),
            true,
        )])
        .collect();
    assert!(sources.len() >= 3);
    let mut accepted = 0usize;
    for good in &sources {
        // every truncation
        for n in 0..good.len() {
            assert!(
                undump(&good[..n], "=t").is_err(),
                "truncated at {n} accepted"
            );
        }
        // random byte flips, overwrites, insertions and deletions
        for _ in 0..3000 {
            let mut b = good.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(b.len());
                match rng.below(4) {
                    0 => b[at] ^= 1 << rng.below(8),
                    1 => b[at] = rng.next() as u8,
                    2 => b.insert(at, rng.next() as u8),
                    _ => {
                        b.remove(at);
                    }
                }
            }
            if let Ok(p) = undump(&b, "=t") {
                accepted += 1;
                // whatever loads must dump and list without panicking
                let _ = dump(&p, false);
                let _ = lunar_bytecode::disasm::listing(&p, true);
            }
        }
    }
    eprintln!("{accepted} mutated chunks accepted (and verified)");
}
