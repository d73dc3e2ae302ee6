//! Parses each file named on the command line like `luac -p` and prints one line per file:
//! `OK` or the error message (used to compare lunar's parser with `luac5.4 -p`).
use std::io::Write;

fn main() {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in std::env::args().skip(1) {
        let src = match std::fs::read(&path) {
            Ok(s) => s,
            Err(e) => {
                writeln!(out, "cannot read {path}: {e}").ok();
                continue;
            }
        };
        match lunar_syntax::parse(&src, &format!("@{path}")) {
            Ok(_) => writeln!(out, "OK").ok(),
            Err(e) => writeln!(out, "{}", e.message.replace('\n', "\\n")).ok(),
        };
    }
}
