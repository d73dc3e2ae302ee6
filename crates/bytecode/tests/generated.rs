//! Programs too large to record: generated here, compared live with luac5.4 when it is
//! installed, else checked structurally.
mod common;

use std::path::Path;

use common::{first_difference, luac_listing, our_listing};

/// Compares our listing of `source` with luac5.4's, writing the source to a temporary file;
/// returns our listing. Skips the comparison (with a message) without luac5.4.
fn compare_with_luac(name: &str, source: &str) -> String {
    let ours = our_listing(source.as_bytes(), name).expect("compiles");
    let directory = std::env::temp_dir().join(format!("lunar-bytecode-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    std::fs::write(directory.join(name), source).expect("write source");
    match luac_listing(Path::new(&directory), name) {
        Some(Ok(expected)) => {
            assert!(
                ours == expected,
                "{name}: {}",
                first_difference(&expected, &ours)
            )
        }
        Some(Err(error)) => panic!("luac5.4 rejected {name}: {error}"),
        None => eprintln!("luac5.4 not installed: {name} checked structurally only"),
    }
    let _ = std::fs::remove_dir_all(&directory);
    ours
}

#[test]
fn constants_beyond_loadk_range_use_loadkx() {
    let mut source = String::from("local x\n");
    for i in 0..131_080 {
        source.push_str(&format!("x = {i}.5\n"));
    }
    source.push_str("x = 'last'\nx = {y = 1.25}\n");
    let listing = compare_with_luac("loadkx.lua", &source);
    assert!(listing.contains("LOADK    \t0 131071\t; 131071.5\n"));
    assert!(listing.contains("LOADKX   \t0\t; 131072.5\n"));
    assert!(listing.contains("EXTRAARG \t131072\n"));
    assert!(listing.contains("LOADKX   \t0\t; \"last\"\n"));
}

#[test]
fn large_constructors_use_extra_arguments() {
    let items: Vec<String> = (0..70_000).map(|i| format!("{i}.25")).collect();
    let source = format!("local t = {{{}}}\n", items.join(", "));
    let listing = compare_with_luac("bigconstructor.lua", &source);
    // array size 70000 = 273 * 256 + 112
    assert!(listing.contains("NEWTABLE \t0 0 112\t; 70000\n"));
    assert!(listing.contains("EXTRAARG \t273\n"));
    // the last flush stores 50 items after 69950 = 273 * 256 + 62
    assert!(listing.contains("SETLIST  \t0 50 62\t; 69950\n"));
}

#[test]
fn binary_comparison_sees_operands_the_listing_hides() {
    let source = "local a = ...\nlocal b = a == 1.0\nlocal c = a < 2.0\n";
    let directory = std::env::temp_dir().join(format!("lunar-hidden-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    std::fs::write(directory.join("hidden.lua"), source).expect("write source");
    let expected = common::luac_proto(&directory, "hidden.lua");
    let _ = std::fs::remove_dir_all(&directory);
    let Some(Ok(expected)) = expected else {
        eprintln!("luac5.4 not installed: skipped");
        return;
    };
    let mut ours = common::our_proto(source.as_bytes(), "hidden.lua").expect("compiles");
    assert_eq!(common::proto_difference(&expected, &ours, "hidden"), None);
    // EQI's C operand (the immediate was a float) does not show in listings
    let eqi = ours
        .code
        .iter()
        .position(|i| i.opcode() == lunar_bytecode::OpCode::EqI)
        .expect("EQI");
    assert_eq!(ours.code[eqi].c(), 1);
    ours.code[eqi].set_c(0);
    assert!(common::proto_difference(&expected, &ours, "hidden").is_some());
}
