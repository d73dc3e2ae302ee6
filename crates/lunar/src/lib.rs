//! Lunar: a Lua 5.4 runtime with several execution strategies, as a library.
//!
//! ```no_run
//! let mut lua = lunar::Lunar::new(lunar::Engine::Vm);
//! lua.exec("print('hello from Lua')", "=example").unwrap();
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub use lunar_runtime::{LuaError, State, Value};

/// Execution strategy for Lua functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Register bytecode interpreter.
    Vm,
}

impl Engine {
    /// Parses an engine name (`vm`).
    pub fn from_name(name: &str) -> Option<Engine> {
        match name {
            "vm" => Some(Engine::Vm),
            _ => None,
        }
    }

    /// All engine names, for messages.
    pub const NAMES: &'static str = "vm";
}

/// An interpreter instance: a [`State`] with the standard library and an engine installed.
pub struct Lunar {
    /// The state (public for embedders that need the low-level API).
    pub state: State,
}

impl Lunar {
    /// A new interpreter with the standard library opened.
    pub fn new(engine: Engine) -> Lunar {
        let mut state = State::new_bare();
        match engine {
            Engine::Vm => lunar_vm::install(&mut state),
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
    };
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
        ("jit_functions_compiled", "0".to_string()),
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
