//! Times parsing of the files named on the command line (release build recommended).
fn main() {
    for path in std::env::args().skip(1) {
        let src = std::fs::read(&path).expect("read");
        let mut best = f64::MAX;
        for _ in 0..10 {
            let t = std::time::Instant::now();
            let r = lunar_syntax::parse(&src, "@bench");
            let el = t.elapsed().as_secs_f64();
            drop(r);
            best = best.min(el);
        }
        println!("{path}: {} bytes, best {:.2} ms", src.len(), best * 1e3);
    }
}
