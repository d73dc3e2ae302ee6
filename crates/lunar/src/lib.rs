//! Lunar: a Lua 5.4 runtime with several execution strategies, as a library.
//!
//! ```no_run
//! let mut lua = lunar::Lunar::new(lunar::Engine::Vm);
//! lua.exec("print('hello from Lua')", "=example").unwrap();
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub use lunar_runtime::{LuaError, State, Value};

pub mod cli;

/// Execution strategy for Lua functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Register bytecode interpreter.
    Vm,
    /// Tree-walking interpreter over the syntax tree (`lunar-walk`).
    Ast,
    /// The VM with the Cranelift JIT tier for hot functions and loops.
    Jit,
}

impl Engine {
    /// Parses an engine name (`vm`).
    pub fn from_name(name: &str) -> Option<Engine> {
        match name {
            "vm" => Some(Engine::Vm),
            "ast" => Some(Engine::Ast),
            "jit" => Some(Engine::Jit),
            _ => None,
        }
    }

    /// All engine names, for messages.
    pub const NAMES: &'static str = "vm, ast, jit";
}

/// The JIT threshold from `LUNAR_JIT_THRESHOLD`, else the JIT's default.
pub fn default_jit_threshold() -> u32 {
    std::env::var("LUNAR_JIT_THRESHOLD")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(lunar_jit::DEFAULT_THRESHOLD)
}

/// An interpreter instance: a [`State`] with the standard library and an engine installed.
pub struct Lunar {
    /// The state (public for embedders that need the low-level API).
    pub state: State,
}

impl Lunar {
    /// A new interpreter with the standard library opened.
    pub fn new(engine: Engine) -> Lunar {
        Lunar::with_jit_threshold(engine, default_jit_threshold())
    }

    /// A new interpreter; `jit_threshold` is the JIT's tier-up count (`Engine::Jit` only; 0
    /// compiles every function before its first execution).
    pub fn with_jit_threshold(engine: Engine, jit_threshold: u32) -> Lunar {
        let mut state = State::new_bare();
        match engine {
            Engine::Vm => lunar_vm::install(&mut state),
            Engine::Ast => lunar_walk::install(&mut state),
            Engine::Jit => {
                lunar_vm::install(&mut state);
                if let Err(e) = lunar_jit::install(&mut state, jit_threshold) {
                    // no JIT on this host: the VM runs everything
                    eprintln!("lunar: JIT unavailable ({e}); using the VM");
                }
            }
        }
        state.open_libs();
        Lunar { state }
    }

    /// Compiles and runs a chunk; returns its results.
    pub fn exec(&mut self, source: &str, chunkname: &str) -> Result<Vec<Value>, String> {
        let st = &mut self.state;
        let f = lunar_runtime::stdlib::base::load_chunk(st, source.as_bytes(), chunkname)?;
        let base = st.top;
        st.push(f);
        match st.pcall(base, lunar_runtime::state::MULTRET, None) {
            Ok(()) => {
                let out = st.stack[base..st.top].to_vec();
                st.top = base;
                Ok(out)
            }
            Err(e) => {
                let mut buf = Vec::new();
                st.tostring_basic(&e.value, &mut buf);
                Err(String::from_utf8_lossy(&buf).into_owned())
            }
        }
    }
}

/// One `--stats` entry: a name and a number.
pub type StatsReport = Vec<(&'static str, String)>;

/// What the runtime did (`lunar --stats`): engine, time, instructions, calls, GC work.
pub fn stats_report(st: &State, engine: Engine, elapsed: std::time::Duration) -> StatsReport {
    let s = &st.stats;
    let name = match engine {
        Engine::Vm => "vm",
        Engine::Ast => "ast",
        Engine::Jit => "jit",
    };
    let jit = lunar_jit::stats(st).cloned().unwrap_or_default();
    vec![
        ("engine", format!("\"{name}\"")),
        ("wall_seconds", format!("{:.6}", elapsed.as_secs_f64())),
        ("instructions", s.instructions.get().to_string()),
        ("lua_calls", s.lua_calls.get().to_string()),
        ("native_calls", s.native_calls.get().to_string()),
        ("gc_cycles", st.heap.collections.to_string()),
        ("gc_objects_live", st.heap.object_count().to_string()),
        (
            "bytes_allocated_total",
            lunar_runtime::alloc::total_allocated_bytes().to_string(),
        ),
        ("bytes_peak", lunar_runtime::alloc::peak_bytes().to_string()),
        ("jit_functions_compiled", jit.compiled.to_string()),
        ("jit_compile_failures", jit.failed.to_string()),
        (
            "jit_compile_seconds",
            format!("{:.6}", jit.compile_time.as_secs_f64()),
        ),
        ("jit_code_freed", jit.freed.to_string()),
        ("jit_entries", s.jit_entries.get().to_string()),
        ("jit_osr_entries", s.osr_entries.get().to_string()),
        ("jit_exits", s.jit_exits.get().to_string()),
        (
            "jit_functions",
            format!(
                "[{}]",
                jit.functions
                    .iter()
                    .map(|(f, n, t)| format!(
                        "{{\"function\": \"{}\", \"instructions\": {}, \"compile_ms\": {:.3}}}",
                        f.replace('\\', "\\\\").replace('"', "\\\""),
                        n,
                        t.as_secs_f64() * 1e3
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    ]
}

/// The report as aligned text lines.
pub fn stats_text(r: &StatsReport) -> String {
    let mut out = String::from("lunar stats:\n");
    for (k, v) in r {
        out.push_str(&format!("  {:<24} {}\n", k, v.trim_matches('"')));
    }
    out
}

/// The report as a JSON object.
pub fn stats_json(r: &StatsReport) -> String {
    let fields: Vec<String> = r.iter().map(|(k, v)| format!("  \"{k}\": {v}")).collect();
    format!("{{\n{}\n}}\n", fields.join(",\n"))
}
