//! Differential tests: the `lunar` binary against the reference interpreter `lua5.4`.
//!
//! Every `tests/lua/**/*.lua` script is run with every engine in [`ENGINES`]; stdout
//! (byte for byte), the first line of stderr (with the program-name prefix normalised to
//! `lunar:`) and the exit code must match the reference. The reference is `lua5.4` run live
//! when it is on PATH, otherwise the recorded files in `tests/expected/` (written by
//! `tests/regen.sh`). When `lua5.4` is live, the recorded files are also checked to be up to
//! date. The command line itself (`-e`, `-v`, `-`, `--`, `arg`, `-l`, `-E`, `LUA_INIT`, exit
//! codes) is tested by [`cli`].
//!
//! Environment variables (all optional):
//! - `LUNAR_TEST_FILTER=a,b`    only scripts / CLI cases whose path contains one of the substrings
//! - `LUNAR_TEST_ENGINES=vm,ast` engines to run instead of [`ENGINES`] (unknown names get `--engine NAME`)
//! - `LUNAR_TEST_JOBS=N`        worker threads (default: CPUs clamped to 2..=4)
//! - `LUNAR_TEST_TIMEOUT=SECS`  per-process timeout (default 60); the child is killed on timeout
//! - `LUNAR_TEST_MAX_REPORT=N`  failures reported in detail (default 40; all are listed by name)
//! - `LUNAR_LUA=PATH|none`      reference interpreter (default `lua5.4` from PATH; `none` = recorded only)
//! - `LUNAR_BIN=PATH`           debugging aid: test another binary instead of the built `lunar`.
//!   If its file name starts with `lua` (e.g. `LUNAR_BIN=/usr/bin/lua5.4`) it is treated as a plain
//!   Lua interpreter: no engine flags are passed and a single pseudo-engine `ref` runs. All tests
//!   pass that way, which checks the harness itself.
//!
//! `tests/known-failures.txt` (optional) lists `ENGINE PATTERN` pairs that are expected to fail
//! (`*` matches any engine; a pattern is a script path relative to `tests/lua`, `cli/NAME` for a
//! CLI case, `*`, or a prefix ending in `*`). They are counted but do not fail the run.

use std::collections::VecDeque;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
#[cfg(unix)]
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Engines under test: name and the command-line arguments that select it (placed before the
/// script). Adding an engine is a one-line change here.
const ENGINES: &[(&str, &[&str])] = &[
    ("vm", &["--engine", "vm"]),
    ("ast", &["--engine", "ast"]),
    ("jit", &["--engine", "jit"]),
    ("jit0", &["--engine", "jit", "--jit-threshold", "0"]),
    ("jit1", &["--engine", "jit", "--jit-threshold", "1"]),
];

/// The command that rewrites `tests/expected/`.
const REGEN: &str = "bash tests/regen.sh";
/// Program name the reference is run under (and that recorded stderr lines start with).
const REF_NAME: &str = "lua5.4";
/// Program name the binary under test is run under (`argv[0]`).
const LUNAR_NAME: &str = "lunar";
/// Environment variables that would change the behaviour of either interpreter.
const SCRUB_ENV: &[&str] = &[
    "LUA_INIT",
    "LUA_INIT_5_4",
    "LUA_PATH",
    "LUA_PATH_5_4",
    "LUA_CPATH",
    "LUA_CPATH_5_4",
    "LUNAR_ENGINE",
];

// ---------------------------------------------------------------------------------------------
// configuration

struct Config {
    root: PathBuf,
    lunar: PathBuf,
    engines: Vec<(String, Vec<String>)>,
    reference: Option<PathBuf>,
    filter: Vec<String>,
    timeout: Duration,
    jobs: usize,
    max_report: usize,
    known: Vec<(String, String)>,
}

impl Config {
    fn from_env() -> Config {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .canonicalize()
            .expect("workspace root");
        let lunar = match env::var("LUNAR_BIN") {
            Ok(p) if !p.is_empty() => find_program(&p).unwrap_or_else(|| PathBuf::from(p)),
            _ => PathBuf::from(env!("CARGO_BIN_EXE_lunar")),
        };
        let lunar_is_plain_lua = lunar
            .file_name()
            .map(|n| n.to_string_lossy().starts_with("lua"))
            .unwrap_or(false);
        let engines: Vec<(String, Vec<String>)> = if lunar_is_plain_lua {
            vec![("ref".to_string(), vec![])]
        } else if let Some(list) = env_nonempty("LUNAR_TEST_ENGINES") {
            list.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|name| {
                    let args = ENGINES
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, a)| a.iter().map(|s| s.to_string()).collect())
                        .unwrap_or_else(|| vec!["--engine".to_string(), name.to_string()]);
                    (name.to_string(), args)
                })
                .collect()
        } else {
            ENGINES
                .iter()
                .map(|(n, a)| (n.to_string(), a.iter().map(|s| s.to_string()).collect()))
                .collect()
        };
        let reference = match env::var("LUNAR_LUA") {
            Ok(v) if v.is_empty() || v == "none" => None,
            Ok(v) => Some(find_program(&v).unwrap_or_else(|| panic!("LUNAR_LUA={v}: not found"))),
            Err(_) => find_program(REF_NAME),
        };
        let filter = env_nonempty("LUNAR_TEST_FILTER")
            .map(|f| {
                f.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let timeout = Duration::from_secs(env_number("LUNAR_TEST_TIMEOUT").unwrap_or(60));
        let cpus = thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        let jobs = env_number("LUNAR_TEST_JOBS")
            .map(|n| n.max(1) as usize)
            .unwrap_or_else(|| cpus.clamp(2, 4));
        let max_report = env_number("LUNAR_TEST_MAX_REPORT").unwrap_or(40) as usize;
        let known = read_known_failures(&root.join("tests/known-failures.txt"));
        Config {
            root,
            lunar,
            engines,
            reference,
            filter,
            timeout,
            jobs,
            max_report,
            known,
        }
    }

    fn selected(&self, name: &str) -> bool {
        self.filter.is_empty() || self.filter.iter().any(|f| name.contains(f.as_str()))
    }

    fn is_known_failure(&self, engine: &str, name: &str) -> bool {
        self.known.iter().any(|(e, p)| {
            (e == "*" || e == engine)
                && (p == "*"
                    || p == name
                    || (p.ends_with('*') && name.starts_with(&p[..p.len() - 1])))
        })
    }

    fn describe(&self) -> String {
        let engines: Vec<&str> = self.engines.iter().map(|(n, _)| n.as_str()).collect();
        format!(
            "binary {} | engines [{}] | reference {} | {} jobs, timeout {}s",
            self.lunar.display(),
            engines.join(", "),
            match &self.reference {
                Some(p) => format!("{} (live)", p.display()),
                None => "tests/expected (recorded; lua5.4 not on PATH)".to_string(),
            },
            self.jobs,
            self.timeout.as_secs()
        )
    }
}

fn env_nonempty(name: &str) -> Option<String> {
    env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn env_number(name: &str) -> Option<u64> {
    env_nonempty(name).map(|v| {
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v}: not a number"))
    })
}

/// Resolves a program name through PATH (names containing a `/` are taken as paths).
fn find_program(name: &str) -> Option<PathBuf> {
    if name.contains('/') {
        let p = PathBuf::from(name);
        return p.is_file().then_some(p);
    }
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(p)
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

fn read_known_failures(path: &Path) -> Vec<(String, String)> {
    let Ok(text) = fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut it = l.split_whitespace();
            let engine = it.next().unwrap_or("*").to_string();
            let pattern = it.next().unwrap_or("*").to_string();
            (engine, pattern)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// running processes

/// What is compared: stdout, the first line of stderr and the exit code (None = killed by a signal).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Outcome {
    stdout: Vec<u8>,
    stderr1: String,
    code: Option<i32>,
}

/// One process run: its outcome plus a note when something abnormal happened
/// (timeout, signal, could not start).
struct Run {
    out: Outcome,
    note: Option<String>,
}

struct Invocation<'a> {
    program: &'a Path,
    argv0: &'a str,
    args: Vec<String>,
    cwd: &'a Path,
    stdin: Option<Vec<u8>>,
    env: Vec<(String, String)>,
    timeout: Duration,
}

fn run(inv: Invocation<'_>) -> Run {
    let mut cmd = Command::new(inv.program);
    #[cfg(unix)]
    cmd.arg0(inv.argv0);
    cmd.args(&inv.args)
        .current_dir(inv.cwd)
        .stdin(if inv.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in SCRUB_ENV {
        cmd.env_remove(var);
    }
    for (k, v) in &inv.env {
        cmd.env(k, v);
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Run {
                out: Outcome {
                    stdout: Vec::new(),
                    stderr1: String::new(),
                    code: None,
                },
                note: Some(format!("could not start {}: {e}", inv.program.display())),
            }
        }
    };
    let writer = inv.stdin.map(|data| {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        // A child that exits early closes the pipe; ignore the write error.
        thread::spawn(move || drop(pipe.write_all(&data)))
    });
    let mut out_pipe = child.stdout.take().expect("stdout pipe");
    let mut err_pipe = child.stderr.take().expect("stderr pipe");
    let out_reader = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_reader = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    let mut note = None;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(e) => {
                note = Some(format!("waiting for the child failed: {e}"));
                break None;
            }
        }
        if start.elapsed() >= inv.timeout {
            let _ = child.kill();
            let _ = child.wait();
            note = Some(format!(
                "timed out after {}s (killed)",
                inv.timeout.as_secs()
            ));
            break None;
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    };
    // A killed child's own children could keep the pipes open; the readers finish when the
    // last writer is gone, which for these interpreters is the child itself.
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    if let Some(w) = writer {
        let _ = w.join();
    }
    let code = status.and_then(|s| s.code());
    #[cfg(unix)]
    if let Some(status) = status {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            note = Some(format!("terminated by signal {sig}"));
        }
    }
    Run {
        out: Outcome {
            stdout,
            stderr1: first_line(&stderr),
            code,
        },
        note,
    }
}

fn first_line(bytes: &[u8]) -> String {
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    String::from_utf8_lossy(line).into_owned()
}

/// Replaces a leading `NAME:` program prefix (any of `names`) with `lunar:`.
fn normalize_prefix(line: &str, names: &[&str]) -> String {
    for name in names {
        if !name.is_empty() {
            if let Some(rest) = line.strip_prefix(name).and_then(|r| r.strip_prefix(':')) {
                return format!("{LUNAR_NAME}:{rest}");
            }
        }
    }
    line.to_string()
}

// ---------------------------------------------------------------------------------------------
// comparison and reporting

/// Describes how `got` differs from `want`; None when equal.
fn compare(want: &Outcome, got: &Outcome, compare_stdout: bool) -> Option<String> {
    let mut msg = String::new();
    if want.code != got.code {
        let _ = writeln!(
            msg,
            "    exit code: expected {}, got {}",
            show_code(want.code),
            show_code(got.code)
        );
    }
    if want.stderr1 != got.stderr1 {
        let _ = writeln!(
            msg,
            "    stderr, first line:\n      expected {:?}\n      got      {:?}",
            want.stderr1, got.stderr1
        );
    }
    if compare_stdout && want.stdout != got.stdout {
        msg.push_str(&stdout_diff(&want.stdout, &got.stdout));
    }
    (!msg.is_empty()).then_some(msg)
}

fn show_code(code: Option<i32>) -> String {
    code.map_or_else(|| "none (no normal exit)".to_string(), |c| c.to_string())
}

/// A short diff: the first differing line with two lines of context and up to four lines from
/// each side.
fn stdout_diff(want: &[u8], got: &[u8]) -> String {
    let split = |b: &[u8]| -> Vec<String> {
        if b.is_empty() {
            return Vec::new();
        }
        let mut lines: Vec<String> = b
            .split_inclusive(|&c| c == b'\n')
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect();
        // Show a missing final newline explicitly.
        if let Some(last) = lines.last_mut() {
            if !last.ends_with('\n') {
                last.push_str("⏎missing");
            }
        }
        lines
    };
    let (w, g) = (split(want), split(got));
    let first = w.iter().zip(g.iter()).take_while(|(a, b)| a == b).count();
    let show = |l: &str| -> String {
        let l = l.strip_suffix('\n').unwrap_or(l);
        let mut s = format!("{l:?}");
        if s.chars().count() > 110 {
            s = s.chars().take(107).collect::<String>() + "...";
        }
        s
    };
    let mut out = format!(
        "    stdout differs at line {} (expected {} lines / {} bytes, got {} lines / {} bytes):\n",
        first + 1,
        w.len(),
        want.len(),
        g.len(),
        got.len()
    );
    let context = first.saturating_sub(2);
    for (i, line) in w.iter().enumerate().take(first).skip(context) {
        let _ = writeln!(out, "        {:>5}   {}", i + 1, show(line));
    }
    for (sign, side) in [('-', &w), ('+', &g)] {
        if first >= side.len() {
            let _ = writeln!(out, "      {sign} {:>5}   <end of output>", first + 1);
        }
        for (i, line) in side.iter().enumerate().skip(first).take(4) {
            let _ = writeln!(out, "      {sign} {:>5}   {}", i + 1, show(line));
        }
    }
    out.push_str("      (- expected, + got)\n");
    out
}

struct Failure {
    name: String,
    engine: String,
    detail: String,
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failures: Vec<Failure>,
    known_failed: Vec<String>,
    known_passed: Vec<String>,
}

impl Tally {
    fn record(&mut self, cfg: &Config, name: &str, engine: &str, detail: Option<String>) {
        let known = cfg.is_known_failure(engine, name);
        match (detail, known) {
            (None, false) => self.passed += 1,
            (None, true) => {
                self.passed += 1;
                self.known_passed.push(format!("{engine} {name}"));
            }
            (Some(_), true) => self.known_failed.push(format!("{engine} {name}")),
            (Some(detail), false) => self.failures.push(Failure {
                name: name.to_string(),
                engine: engine.to_string(),
                detail,
            }),
        }
    }

    fn merge(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failures.extend(other.failures);
        self.known_failed.extend(other.known_failed);
        self.known_passed.extend(other.known_passed);
    }

    /// Prints the summary and panics when there are failures.
    fn finish(mut self, cfg: &Config, title: &str) {
        self.failures
            .sort_by(|a, b| (&a.name, &a.engine).cmp(&(&b.name, &b.engine)));
        let mut report = String::new();
        let _ = writeln!(report, "{title}: {}", cfg.describe());
        if !self.known_failed.is_empty() {
            let _ = writeln!(
                report,
                "{} known failures (tests/known-failures.txt), not counted",
                self.known_failed.len()
            );
        }
        if !self.known_passed.is_empty() {
            let _ = writeln!(
                report,
                "now passing, remove from tests/known-failures.txt: {}",
                self.known_passed.join(", ")
            );
        }
        for f in self.failures.iter().take(cfg.max_report) {
            let _ = write!(report, "--- FAIL [{}] {}\n{}", f.engine, f.name, f.detail);
        }
        if self.failures.len() > cfg.max_report {
            let _ = writeln!(
                report,
                "... {} more failures not shown in detail (LUNAR_TEST_MAX_REPORT)",
                self.failures.len() - cfg.max_report
            );
        }
        if !self.failures.is_empty() {
            let _ = writeln!(report, "all failures:");
            for f in &self.failures {
                let _ = writeln!(report, "    [{}] {}", f.engine, f.name);
            }
        }
        let _ = writeln!(
            report,
            "{title}: {} passed, {} failed, {} known failures",
            self.passed,
            self.failures.len(),
            self.known_failed.len()
        );
        eprintln!("{report}");
        if !self.failures.is_empty() {
            panic!(
                "{title}: {} failures; see the summary above",
                self.failures.len()
            );
        }
    }
}

/// Runs `work` over `items` on `jobs` threads; each call returns its own tally.
fn parallel<T: Send + 'static>(
    jobs: usize,
    items: Vec<T>,
    work: Arc<dyn Fn(T) -> Tally + Send + Sync>,
) -> Tally {
    let queue = Arc::new(Mutex::new(VecDeque::from(items)));
    let total = Arc::new(Mutex::new(Tally::default()));
    let workers: Vec<_> = (0..jobs)
        .map(|_| {
            let queue = Arc::clone(&queue);
            let total = Arc::clone(&total);
            let work = Arc::clone(&work);
            thread::spawn(move || loop {
                let item = queue.lock().unwrap().pop_front();
                let Some(item) = item else { break };
                let tally = work(item);
                total.lock().unwrap().merge(tally);
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker thread panicked");
    }
    Arc::try_unwrap(total)
        .ok()
        .expect("workers finished")
        .into_inner()
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// the script corpus

struct Script {
    /// Path relative to tests/lua with `/` separators, e.g. `errors/missing_then.lua`.
    rel: String,
    dir: PathBuf,
    file: String,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
}

fn discover(root: &Path) -> Vec<Script> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "lua") {
                out.push(p);
            }
        }
    }
    let base = root.join("tests/lua");
    let mut paths = Vec::new();
    walk(&base, &mut paths);
    paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&base)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let args = fs::read_to_string(p.with_extension("args"))
                .map(|t| {
                    let t = t.strip_suffix('\n').unwrap_or(&t);
                    t.split('\n').map(String::from).collect()
                })
                .unwrap_or_default();
            let stdin = fs::read(p.with_extension("stdin")).ok();
            Script {
                rel,
                dir: p.parent().unwrap().to_path_buf(),
                file: p.file_name().unwrap().to_string_lossy().into_owned(),
                args,
                stdin,
            }
        })
        .collect()
}

fn expected_base(root: &Path, rel: &str) -> PathBuf {
    root.join("tests/expected")
        .join(rel.strip_suffix(".lua").unwrap_or(rel))
}

/// Reads the recorded expectation of a script (stderr normalised to `lunar:`).
fn read_recorded(root: &Path, rel: &str) -> Result<Outcome, String> {
    let base = expected_base(root, rel);
    let path = |ext: &str| PathBuf::from(format!("{}.{ext}", base.display()));
    let read = |ext: &str| fs::read(path(ext)).map_err(|e| format!("{}: {e}", path(ext).display()));
    let stdout = read("stdout")?;
    let stderr1 = normalize_prefix(&first_line(&read("stderr")?), &[REF_NAME]);
    let code_text = String::from_utf8_lossy(&read("code")?).trim().to_string();
    let code = code_text.parse().map_err(|_| {
        format!(
            "{}: not an exit code: {code_text:?}",
            path("code").display()
        )
    })?;
    Ok(Outcome {
        stdout,
        stderr1,
        code: Some(code),
    })
}

fn check_script(cfg: &Config, script: &Script) -> Tally {
    let mut tally = Tally::default();
    let recorded = read_recorded(&cfg.root, &script.rel);
    let script_args = |extra: &[String]| -> Vec<String> {
        let mut v: Vec<String> = extra.to_vec();
        v.push(script.file.clone());
        v.extend(script.args.iter().cloned());
        v
    };
    let expected = match &cfg.reference {
        Some(lua) => {
            let live = run(Invocation {
                program: lua,
                argv0: REF_NAME,
                args: script_args(&[]),
                cwd: &script.dir,
                stdin: script.stdin.clone(),
                env: Vec::new(),
                timeout: cfg.timeout,
            });
            if let Some(note) = &live.note {
                tally.record(
                    cfg,
                    &script.rel,
                    "lua5.4",
                    Some(format!("    reference lua5.4 run failed: {note}\n")),
                );
                return tally;
            }
            let mut live = live.out;
            live.stderr1 = normalize_prefix(&live.stderr1, &[REF_NAME, &lua.to_string_lossy()]);
            let stale = match &recorded {
                Err(e) => Some(format!("    recorded expectation missing ({e})\n")),
                Ok(rec) => compare(rec, &live, true),
            };
            tally.record(
                cfg,
                &script.rel,
                "recorded",
                stale.map(|d| {
                    format!("    tests/expected is out of date with lua5.4; run `{REGEN}`\n    (- recorded, + live lua5.4)\n{d}")
                }),
            );
            live
        }
        None => match recorded {
            Ok(rec) => rec,
            Err(e) => {
                tally.record(
                    cfg,
                    &script.rel,
                    "recorded",
                    Some(format!(
                        "    no recorded expectation ({e}); run `{REGEN}` (needs lua5.4)\n"
                    )),
                );
                return tally;
            }
        },
    };
    for (engine, engine_args) in &cfg.engines {
        let got = run(Invocation {
            program: &cfg.lunar,
            argv0: LUNAR_NAME,
            args: script_args(engine_args),
            cwd: &script.dir,
            stdin: script.stdin.clone(),
            env: Vec::new(),
            timeout: cfg.timeout,
        });
        let mut out = got.out;
        out.stderr1 = normalize_prefix(&out.stderr1, &[LUNAR_NAME, &cfg.lunar.to_string_lossy()]);
        let mut detail = compare(&expected, &out, true);
        if let Some(note) = got.note {
            let d = detail.get_or_insert_with(String::new);
            d.insert_str(0, &format!("    {note}\n"));
        }
        tally.record(cfg, &script.rel, engine, detail);
    }
    tally
}

#[test]
fn differential() {
    let cfg = Arc::new(Config::from_env());
    let all = discover(&cfg.root);
    assert!(!all.is_empty(), "no scripts found under tests/lua");
    let scripts: Vec<Script> = all.into_iter().filter(|s| cfg.selected(&s.rel)).collect();
    if scripts.is_empty() {
        eprintln!("differential: LUNAR_TEST_FILTER matched no script");
        return;
    }
    let mut extra = Tally::default();
    // With a live reference and no filter, recorded files of deleted scripts are stale too.
    if cfg.reference.is_some() && cfg.filter.is_empty() {
        let names: std::collections::HashSet<String> = scripts
            .iter()
            .map(|s| s.rel.trim_end_matches(".lua").to_string())
            .collect();
        for orphan in recorded_names(&cfg.root.join("tests/expected")) {
            if !names.contains(&orphan) {
                extra.record(
                    &cfg,
                    &format!("{orphan}.lua"),
                    "recorded",
                    Some(format!(
                        "    expectation without a script in tests/lua; run `{REGEN}`\n"
                    )),
                );
            }
        }
    }
    let worker_cfg = Arc::clone(&cfg);
    let mut tally = parallel(
        cfg.jobs,
        scripts,
        Arc::new(move |s: Script| check_script(&worker_cfg, &s)),
    );
    tally.merge(extra);
    tally.finish(&cfg, "differential");
}

/// Recorded expectation names (paths without extension, relative to tests/expected).
fn recorded_names(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else if p.extension().is_some_and(|x| x == "code") {
                let rel = p.strip_prefix(base).unwrap().with_extension("");
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Invariants of the corpus itself, checked on the recorded files (no interpreter needed).
#[test]
fn corpus_layout() {
    let cfg = Config::from_env();
    let scripts = discover(&cfg.root);
    let errors = scripts
        .iter()
        .filter(|s| s.rel.starts_with("errors/"))
        .count();
    let others = scripts.len() - errors;
    assert!(
        others >= 60,
        "expected at least 60 scripts in tests/lua, found {others}"
    );
    assert!(
        errors >= 30,
        "expected at least 30 scripts in tests/lua/errors, found {errors}"
    );
    let mut problems = Vec::new();
    for s in &scripts {
        match read_recorded(&cfg.root, &s.rel) {
            Err(e) => problems.push(format!("{}: {e} (run `{REGEN}`)", s.rel)),
            Ok(rec) if s.rel.starts_with("errors/") => {
                let stem = s.file.trim_end_matches(".lua");
                if !rec.stdout.is_empty()
                    || rec.code != Some(1)
                    || !rec.stderr1.starts_with("lunar: ")
                {
                    problems.push(format!(
                        "{}: a syntax-error script must print nothing and exit 1 with a message (got code {:?}, stderr {:?})",
                        s.rel, rec.code, rec.stderr1
                    ));
                } else if !rec.stderr1.contains(&format!("{stem}.lua:"))
                    && rec.stderr1 != "lunar: C stack overflow"
                {
                    problems.push(format!(
                        "{}: message lacks the chunk name: {:?}",
                        s.rel, rec.stderr1
                    ));
                }
            }
            Ok(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "corpus problems:\n{}",
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// the command line

enum Check {
    /// stdout, first stderr line and exit code must match exactly.
    Exact,
    /// The first stdout line only has to mention "5.4" (a version banner); the rest is exact.
    VersionBanner,
    /// Interactive mode: prompts and echo differ between line editors, so stdout only has to
    /// contain this line; stderr and exit code are exact.
    HasLine(&'static str),
}

struct CliCase {
    name: &'static str,
    args: &'static [&'static str],
    stdin: Option<&'static str>,
    env: &'static [(&'static str, &'static str)],
    check: Check,
    /// What lua5.4 produces (program prefix already normalised to `lunar:`); used when lua5.4
    /// is not installed and cross-checked against it when it is.
    stdout: &'static str,
    stderr1: &'static str,
    code: i32,
}

#[rustfmt::skip]
const CLI_CASES: &[CliCase] = &[
    CliCase { name: "script", args: &["hello.lua"], stdin: None, env: &[], check: Check::Exact,
        stdout: "hello from a script\n", stderr1: "", code: 0 },
    CliCase { name: "e", args: &["-e", "print(1 + 1)"], stdin: None, env: &[], check: Check::Exact,
        stdout: "2\n", stderr1: "", code: 0 },
    CliCase { name: "e-twice", args: &["-e", "x = 10", "-e", "print(x * 2)"], stdin: None, env: &[], check: Check::Exact,
        stdout: "20\n", stderr1: "", code: 0 },
    CliCase { name: "e-then-script", args: &["-e", "greeting = 'hi'", "hello.lua"], stdin: None, env: &[], check: Check::Exact,
        stdout: "hello from a script\n", stderr1: "", code: 0 },
    CliCase { name: "e-arg-table", args: &["-e", "print(#arg, arg[1], arg[2], type(arg[0]))"], stdin: None, env: &[], check: Check::Exact,
        stdout: "2\t-e\tprint(#arg, arg[1], arg[2], type(arg[0]))\tstring\n", stderr1: "", code: 0 },
    CliCase { name: "e-syntax-error", args: &["-e", "x ="], stdin: None, env: &[], check: Check::Exact,
        stdout: "", stderr1: "lunar: (command line):1: unexpected symbol near <eof>", code: 1 },
    CliCase { name: "e-runtime-error", args: &["-e", "print('before'); local t; t.x = 1"], stdin: None, env: &[], check: Check::Exact,
        stdout: "before\n", stderr1: "lunar: (command line):1: attempt to index a nil value (local 't')", code: 1 },
    CliCase { name: "e-error-table", args: &["-e", "error({})"], stdin: None, env: &[], check: Check::Exact,
        stdout: "", stderr1: "lunar: (error object is a table value)", code: 1 },
    CliCase { name: "e-error-nil", args: &["-e", "error(nil)"], stdin: None, env: &[], check: Check::Exact,
        stdout: "", stderr1: "lunar: (error object is a nil value)", code: 1 },
    CliCase { name: "e-error-tostring", args: &["-e", "error(setmetatable({}, {__tostring = function() return 'custom' end}))"],
        stdin: None, env: &[], check: Check::Exact, stdout: "", stderr1: "lunar: custom", code: 1 },
    CliCase { name: "e-missing-argument", args: &["-e"], stdin: None, env: &[], check: Check::Exact,
        stdout: "", stderr1: "lunar: '-e' needs argument", code: 1 },
    CliCase { name: "unknown-option", args: &["-z"], stdin: None, env: &[], check: Check::Exact,
        stdout: "", stderr1: "lunar: unrecognized option '-z'", code: 1 },
    CliCase { name: "version", args: &["-v"], stdin: None, env: &[], check: Check::VersionBanner,
        stdout: "Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio\n", stderr1: "", code: 0 },
    CliCase { name: "version-then-e", args: &["-v", "-e", "print(3)"], stdin: None, env: &[], check: Check::VersionBanner,
        stdout: "Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio\n3\n", stderr1: "", code: 0 },
    CliCase { name: "stdin-dash", args: &["-", "a", "b"], stdin: Some("print('from stdin', ...)\nprint(arg[0], #arg)\n"), env: &[],
        check: Check::Exact, stdout: "from stdin\ta\tb\n-\t2\n", stderr1: "", code: 0 },
    CliCase { name: "stdin-implicit", args: &[], stdin: Some("print('piped script')\n"), env: &[], check: Check::Exact,
        stdout: "piped script\n", stderr1: "", code: 0 },
    CliCase { name: "stdin-syntax-error", args: &["-"], stdin: Some("print('x' ..)\n"), env: &[], check: Check::Exact,
        stdout: "", stderr1: "lunar: stdin:1: unexpected symbol near ')'", code: 1 },
    CliCase { name: "stdin-runtime-error", args: &["-"], stdin: Some("print('ok')\nerror('from stdin')\n"), env: &[], check: Check::Exact,
        stdout: "ok\n", stderr1: "lunar: stdin:2: from stdin", code: 1 },
    CliCase { name: "arg-table", args: &["args.lua", "one", "two words", ""], stdin: None, env: &[], check: Check::Exact,
        stdout: "interpreter\t-1\tstring\n0\targs.lua\n1\tone\n2\ttwo words\n3\t\nvarargs\t3\tone\ttwo words\t\n",
        stderr1: "", code: 0 },
    CliCase { name: "arg-negative-indices", args: &["-e", "y = 1", "args.lua", "a", "b"], stdin: None, env: &[], check: Check::Exact,
        stdout: "interpreter\t-3\tstring\n-2\t-e\n-1\ty = 1\n0\targs.lua\n1\ta\n2\tb\nvarargs\t2\ta\tb\n",
        stderr1: "", code: 0 },
    CliCase { name: "double-dash", args: &["--", "args.lua", "-e", "x"], stdin: None, env: &[], check: Check::Exact,
        stdout: "interpreter\t-2\tstring\n-1\t--\n0\targs.lua\n1\t-e\n2\tx\nvarargs\t2\t-e\tx\n", stderr1: "", code: 0 },
    CliCase { name: "options-after-script-are-args", args: &["args.lua", "-v", "--"], stdin: None, env: &[], check: Check::Exact,
        stdout: "interpreter\t-1\tstring\n0\targs.lua\n1\t-v\n2\t--\nvarargs\t2\t-v\t--\n", stderr1: "", code: 0 },
    CliCase { name: "require-l", args: &["-l", "mod", "-e", "print(mod.value, mod.name)"], stdin: None, env: &[], check: Check::Exact,
        stdout: "module value\tmod\n", stderr1: "", code: 0 },
    CliCase { name: "require-l-alias", args: &["-l", "m=mod", "-e", "print(m.value, mod)"], stdin: None, env: &[], check: Check::Exact,
        stdout: "module value\tnil\n", stderr1: "", code: 0 },
    CliCase { name: "missing-file", args: &["nosuch.lua"], stdin: None, env: &[], check: Check::Exact,
        stdout: "", stderr1: "lunar: cannot open nosuch.lua: No such file or directory", code: 1 },
    CliCase { name: "syntax-error-file", args: &["syntax_error.lua"], stdin: None, env: &[], check: Check::Exact,
        stdout: "", stderr1: "lunar: syntax_error.lua:2: unexpected symbol near '='", code: 1 },
    CliCase { name: "runtime-error-file", args: &["runtime_error.lua"], stdin: None, env: &[], check: Check::Exact,
        stdout: "runs until the error\n", stderr1: "lunar: runtime_error.lua:3: attempt to index a nil value (local 't')", code: 1 },
    CliCase { name: "error-table-file", args: &["error_table.lua"], stdin: None, env: &[], check: Check::Exact,
        stdout: "", stderr1: "lunar: (error object is a table value)", code: 1 },
    CliCase { name: "lua-init", args: &["-e", "print('main')"], stdin: None, env: &[("LUA_INIT", "print('init ran')")],
        check: Check::Exact, stdout: "init ran\nmain\n", stderr1: "", code: 0 },
    CliCase { name: "lua-init-file", args: &["hello.lua"], stdin: None, env: &[("LUA_INIT", "@init.lua")], check: Check::Exact,
        stdout: "init file ran\nhello from a script\n", stderr1: "", code: 0 },
    CliCase { name: "lua-init-5-4-wins", args: &["-e", "print('main')"], stdin: None,
        env: &[("LUA_INIT", "print('generic')"), ("LUA_INIT_5_4", "print('versioned')")], check: Check::Exact,
        stdout: "versioned\nmain\n", stderr1: "", code: 0 },
    CliCase { name: "lua-init-ignored-with-E", args: &["-E", "-e", "print('main')"], stdin: None,
        env: &[("LUA_INIT", "print('init ran')")], check: Check::Exact, stdout: "main\n", stderr1: "", code: 0 },
    CliCase { name: "lua-init-error", args: &["-e", "print('main')"], stdin: None, env: &[("LUA_INIT", "error('in init', 0)")],
        check: Check::Exact, stdout: "", stderr1: "lunar: in init", code: 1 },
    CliCase { name: "warnings-flag", args: &["-W", "-e", "print('W accepted')"], stdin: None, env: &[], check: Check::Exact,
        stdout: "W accepted\n", stderr1: "", code: 0 },
    CliCase { name: "interactive", args: &["-i"], stdin: Some("x = 5\nprint(x * 2)\n"), env: &[], check: Check::HasLine("10"),
        stdout: "Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio\n> x = 5\n> print(x * 2)\n10\n> \n", stderr1: "", code: 0 },
];

fn check_cli_case(
    cfg: &Config,
    case: &CliCase,
    program: &Path,
    argv0: &str,
    is_reference: bool,
) -> Run {
    let mut r = run(Invocation {
        program,
        argv0,
        args: case.args.iter().map(|s| s.to_string()).collect(),
        cwd: &cfg.root.join("tests/cli"),
        stdin: case.stdin.map(|s| s.as_bytes().to_vec()),
        env: case
            .env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        timeout: cfg.timeout,
    });
    let names: Vec<String> = if is_reference {
        vec![REF_NAME.to_string(), program.to_string_lossy().into_owned()]
    } else {
        vec![
            LUNAR_NAME.to_string(),
            program.to_string_lossy().into_owned(),
        ]
    };
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    r.out.stderr1 = normalize_prefix(&r.out.stderr1, &names);
    r
}

/// Compares a CLI outcome according to the case's check.
fn compare_cli(case: &CliCase, want: &Outcome, got: &Outcome) -> Option<String> {
    match case.check {
        Check::Exact => compare(want, got, true),
        Check::VersionBanner => {
            let split = |b: &[u8]| -> (String, Vec<u8>) {
                let pos = b
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |p| p + 1);
                (
                    String::from_utf8_lossy(&b[..pos]).into_owned(),
                    b[pos..].to_vec(),
                )
            };
            let (_, want_rest) = split(&want.stdout);
            let (got_banner, got_rest) = split(&got.stdout);
            let mut msg = compare(
                &Outcome {
                    stdout: want_rest,
                    ..want.clone()
                },
                &Outcome {
                    stdout: got_rest,
                    ..got.clone()
                },
                true,
            )
            .unwrap_or_default();
            if !got_banner.contains("5.4") {
                let _ = writeln!(
                    msg,
                    "    version banner (first stdout line) should mention 5.4, got {got_banner:?}"
                );
            }
            (!msg.is_empty()).then_some(msg)
        }
        Check::HasLine(line) => {
            let mut msg = compare(want, got, false).unwrap_or_default();
            let text = String::from_utf8_lossy(&got.stdout);
            if !text
                .lines()
                .any(|l| l.trim_start_matches("> ").trim_end() == line)
            {
                let _ = writeln!(
                    msg,
                    "    stdout should contain the line {line:?}; got {text:?}"
                );
            }
            (!msg.is_empty()).then_some(msg)
        }
    }
}

#[test]
fn cli() {
    let cfg = Config::from_env();
    let mut tally = Tally::default();
    for case in CLI_CASES {
        let name = format!("cli/{}", case.name);
        if !cfg.selected(&name) {
            continue;
        }
        let recorded = Outcome {
            stdout: case.stdout.as_bytes().to_vec(),
            stderr1: case.stderr1.to_string(),
            code: Some(case.code),
        };
        let expected = match &cfg.reference {
            Some(lua) => {
                let live = check_cli_case(&cfg, case, lua, REF_NAME, true);
                let mut detail = compare_cli(case, &recorded, &live.out);
                if let Some(note) = live.note {
                    detail
                        .get_or_insert_with(String::new)
                        .insert_str(0, &format!("    {note}\n"));
                }
                tally.record(
                    &cfg,
                    &name,
                    "recorded",
                    detail.map(|d| {
                        format!("    CLI_CASES in crates/lunar/tests/differential.rs disagrees with live lua5.4 (- table, + lua5.4)\n{d}")
                    }),
                );
                live.out
            }
            None => recorded,
        };
        let got = check_cli_case(&cfg, case, &cfg.lunar, LUNAR_NAME, false);
        let mut detail = compare_cli(case, &expected, &got.out);
        if let Some(note) = got.note {
            detail
                .get_or_insert_with(String::new)
                .insert_str(0, &format!("    {note}\n"));
        }
        let args: Vec<String> = case
            .args
            .iter()
            .map(|a| {
                if a.is_empty() || a.contains(|c: char| c.is_whitespace() || "'\"()".contains(c)) {
                    format!("{a:?}")
                } else {
                    a.to_string()
                }
            })
            .collect();
        let args = args.join(" ");
        tally.record(
            &cfg,
            &name,
            "cli",
            detail.map(|d| {
                format!(
                    "    command: lunar {args}{}\n{d}",
                    if case.stdin.is_some() {
                        " < (stdin)"
                    } else {
                        ""
                    }
                )
            }),
        );
    }
    tally.finish(&cfg, "cli");
}
