//! Benchmark support for Lunar.
//!
//! The benchmark programs live in `bench/programs/` at the root of the repository and are run
//! side by side with `lua5.4` and LuaJIT by `bench/run`. This crate holds what is written in
//! Rust around them:
//!
//! - `tests/smoke.rs`: runs every program at its smoke size in-process under each Lunar engine
//!   (and under `lua5.4` / `luajit` when installed) and checks that it validates its result.
//! - `benches/runtime.rs`: criterion micro-benchmarks of the runtime's hot paths
//!   (`cargo bench -p lunar-bench --features criterion`).
//!
//! The helpers below are shared by both.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::path::PathBuf;

use lunar::{Engine, Lunar};

/// The `bench/programs` directory of the repository.
pub fn programs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/programs")
}

/// Names of the benchmark programs (file stems of `bench/programs/*.lua`), sorted.
pub fn program_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(programs_dir())
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.strip_suffix(".lua").map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Every engine this build of Lunar offers (parsed from [`Engine::NAMES`]).
pub fn engines() -> Vec<(String, Engine)> {
    Engine::NAMES
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .filter(|s| !s.is_empty())
        .filter_map(|s| Engine::from_name(s).map(|e| (s.to_string(), e)))
        .collect()
}

/// A fresh interpreter with the standard library, for the micro-benchmarks.
pub fn new_interpreter(engine: Engine) -> Lunar {
    Lunar::new(engine)
}

/// Runs benchmark program `name` in-process with `arg[1] = size_arg` (e.g. `"--smoke"`).
///
/// `print` is redirected into a buffer; returns the printed text, or the error message (with
/// the text printed so far) when the program raised an error, e.g. because its self-check
/// failed.
pub fn run_program(engine: Engine, name: &str, size_arg: &str) -> Result<String, String> {
    let file = format!("{name}.lua");
    let path = programs_dir().join(&file);
    let source = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lua = Lunar::new(engine);
    let setup = format!(
        "arg = {{ [0] = {file:?}, {size_arg:?} }}\n\
         BENCH_OUTPUT = {{}}\n\
         print = function(...)\n\
           local t = {{ ... }}\n\
           for i = 1, select('#', ...) do t[i] = tostring(t[i]) end\n\
           BENCH_OUTPUT[#BENCH_OUTPUT + 1] = table.concat(t, '\\t')\n\
         end"
    );
    lua.exec(&setup, "=setup")?;
    let result = lua.exec(&source, &format!("@{file}"));
    let output = lua
        .exec("return table.concat(BENCH_OUTPUT, '\\n')", "=output")
        .ok()
        .and_then(|v| v.into_iter().next())
        .map(|v| {
            let mut buf = Vec::new();
            lua.state.tostring_basic(&v, &mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
        .unwrap_or_default();
    match result {
        Ok(_) => Ok(output),
        Err(e) if output.is_empty() => Err(e),
        Err(e) => Err(format!("{e}\n(output so far: {output})")),
    }
}
