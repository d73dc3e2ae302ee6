//! Smoke test of the benchmark programs in `bench/programs/`: each one runs at its `--smoke`
//! size in-process under every Lunar engine and must validate its own result (the programs
//! raise an error on a wrong answer). Nothing is timed. When `lua5.4` or `luajit` is on PATH,
//! the programs are also run under them, which keeps them in the Lua subset both accept.

use std::process::Command;

use lunar_runtime::alloc::CountingAlloc;

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

/// Programs that are expected to fail under Lunar for now, with the reason. A listed program
/// that passes is reported so that it can be taken off the list.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

/// Native stack for the interpreter thread (the VM recurses on the Rust stack for Lua calls).
const STACK_SIZE: usize = 256 << 20;

#[test]
fn programs_validate_under_lunar() {
    let names = lunar_bench::program_names();
    assert!(
        names.len() >= 14,
        "expected the benchmark programs in bench/programs, found {names:?}"
    );
    let engines = lunar_bench::engines();
    assert!(
        !engines.is_empty(),
        "no Lunar engine found in Engine::NAMES"
    );
    let mut failures = Vec::new();
    let mut now_passing = Vec::new();
    let mut passed = 0;
    for (ename, engine) in &engines {
        for name in &names {
            let (engine, n) = (*engine, name.clone());
            let result = std::thread::Builder::new()
                .stack_size(STACK_SIZE)
                .spawn(move || lunar_bench::run_program(engine, &n, "--smoke"))
                .expect("spawn interpreter thread")
                .join()
                .unwrap_or_else(|_| Err("panicked".to_string()));
            let known = KNOWN_FAILURES.iter().find(|(k, _)| k == name);
            match (result, known) {
                (Ok(out), None) if out.starts_with(&format!("{name}: ")) => passed += 1,
                (Ok(out), None) => {
                    failures.push(format!("{name} ({ename}): unexpected output {out:?}"))
                }
                (Ok(_), Some(_)) => now_passing.push(format!("{name} ({ename})")),
                (Err(e), None) => failures.push(format!("{name} ({ename}): {e}")),
                (Err(e), Some((_, why))) => {
                    eprintln!("known failure {name} ({ename}), {why}: {e}");
                }
            }
        }
    }
    if !now_passing.is_empty() {
        eprintln!(
            "now passing, remove from KNOWN_FAILURES in crates/bench/tests/smoke.rs: {}",
            now_passing.join(", ")
        );
    }
    assert!(
        failures.is_empty(),
        "benchmark programs failed:\n{}",
        failures.join("\n")
    );
    eprintln!("{passed} program runs validated");
}

#[test]
fn programs_validate_under_reference_interpreters() {
    let dir = lunar_bench::programs_dir();
    let mut failures = Vec::new();
    for interp in [&["lua5.4"][..], &["luajit"], &["luajit", "-joff"]] {
        if Command::new(interp[0]).arg("-v").output().is_err() {
            eprintln!("{} not installed: skipped", interp[0]);
            continue;
        }
        for name in lunar_bench::program_names() {
            let out = Command::new(interp[0])
                .args(&interp[1..])
                .arg(format!("{name}.lua"))
                .arg("--smoke")
                .current_dir(&dir)
                .output()
                .expect("run interpreter");
            let stdout = String::from_utf8_lossy(&out.stdout);
            if !out.status.success() || !stdout.starts_with(&format!("{name}: ")) {
                failures.push(format!(
                    "{name} under {}: {}{}",
                    interp.join(" "),
                    stdout,
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "benchmark programs failed:\n{}",
        failures.join("\n")
    );
}
