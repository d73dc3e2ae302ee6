//! Criterion micro-benchmarks of the runtime's hot paths: raw table get/set with integer and
//! string keys, string interning, and calls into Lua through `State::call_value`.
//!
//! `cargo bench -p lunar-bench --features criterion` (add `-- table/` to filter by name).
//!
//! Every GC object a benchmark keeps is rooted in a global first: collections only run at
//! safe points, and the interning benchmark reaches one (`gc_check`) on purpose so that the
//! fresh strings it creates are swept.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lunar::{Engine, Lunar};
use lunar_runtime::alloc::CountingAlloc;
use lunar_runtime::Value;

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

const N: i64 = 1000;

fn interpreter() -> Lunar {
    lunar_bench::new_interpreter(Engine::Vm)
}

fn table_int(c: &mut Criterion) {
    let mut lua = interpreter();
    let st = &mut lua.state;
    let t = st.new_table();
    st.set_global("T", Value::Table(t));
    let mut g = c.benchmark_group("table");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("int_set_get_1000", |b| {
        b.iter(|| {
            for i in 1..=N {
                t.set_int(i, Value::Int(i));
            }
            let mut sum = 0;
            for i in 1..=N {
                if let Value::Int(v) = t.get_int(black_box(i)) {
                    sum += v;
                }
            }
            black_box(sum)
        })
    });
    // Hash-part integer keys (sparse, beyond the array part).
    let h = st.new_table();
    st.set_global("H", Value::Table(h));
    g.bench_function("int_sparse_set_get_1000", |b| {
        b.iter(|| {
            for i in 1..=N {
                h.set_int(i * 7919, Value::Int(i));
            }
            let mut sum = 0;
            for i in 1..=N {
                if let Value::Int(v) = h.get_int(black_box(i * 7919)) {
                    sum += v;
                }
            }
            black_box(sum)
        })
    });
    g.finish();
}

fn table_str(c: &mut Criterion) {
    let mut lua = interpreter();
    let st = &mut lua.state;
    let t = st.new_table();
    st.set_global("T", Value::Table(t));
    // Keep the keys alive in an array rooted in a global.
    let keys_table = st.new_table();
    st.set_global("KEYS", Value::Table(keys_table));
    let keys: Vec<_> = (1..=N)
        .map(|i| {
            let k = st.intern(format!("key_{i}").as_bytes());
            keys_table.set_int(i, Value::Str(k));
            k
        })
        .collect();
    let mut g = c.benchmark_group("table");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("str_set_get_1000", |b| {
        b.iter(|| {
            for (i, k) in keys.iter().enumerate() {
                t.set_str(*k, Value::Int(i as i64));
            }
            let mut sum = 0;
            for k in &keys {
                if let Value::Int(v) = t.get_str(black_box(*k)) {
                    sum += v;
                }
            }
            black_box(sum)
        })
    });
    // Generic `get` with a string value, as the VM's GETTABLE does.
    g.bench_function("get_value_str_1000", |b| {
        b.iter(|| {
            let mut hits = 0;
            for k in &keys {
                if !matches!(t.get(Value::Str(black_box(*k))), Value::Nil) {
                    hits += 1;
                }
            }
            black_box(hits)
        })
    });
    g.finish();
}

fn interning(c: &mut Criterion) {
    let mut lua = interpreter();
    let st = &mut lua.state;
    let keep = st.new_table();
    st.set_global("KEEP", Value::Table(keep));
    let words: Vec<Vec<u8>> = (0..N).map(|i| format!("word_{i}").into_bytes()).collect();
    for (i, w) in words.iter().enumerate() {
        let s = st.intern(w);
        keep.set_int(i as i64 + 1, Value::Str(s));
    }
    let mut g = c.benchmark_group("string");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("intern_existing_1000", |b| {
        b.iter(|| {
            for w in &words {
                black_box(st.intern(black_box(w)));
            }
        })
    });
    let mut counter = 0u64;
    g.bench_function("intern_new_1000", |b| {
        b.iter(|| {
            for _ in 0..N {
                counter += 1;
                black_box(st.intern(format!("fresh_{counter}").as_bytes()));
            }
            // A safe point: lets the collector sweep the strings made so far.
            let _ = st.gc_check();
        })
    });
    g.finish();
}

fn calls(c: &mut Criterion) {
    let mut lua = interpreter();
    let fs = lua
        .exec(
            "local function add(a, b) return a + b end\n\
             local function loop(n) local s = 0 for i = 1, n do s = s + i end return s end\n\
             local abs = math.abs\n\
             local function natives(n) local s = 0 for i = 1, n do s = s + abs(-i) end return s end\n\
             ADD, LOOP, NATIVES = add, loop, natives\n\
             return add, loop, natives",
            "=bench",
        )
        .expect("compile the benchmark functions");
    let (add, lp, natives) = (fs[0], fs[1], fs[2]);
    let st = &mut lua.state;
    let mut g = c.benchmark_group("call");
    g.bench_function("call_value_add", |b| {
        b.iter(|| {
            let r = st.call_value(add, &[Value::Int(1), black_box(Value::Int(2))], 1);
            black_box(r.map(|v| v.len()).unwrap_or(0))
        })
    });
    g.bench_function("call1_add", |b| {
        b.iter(|| {
            black_box(
                st.call1(add, &[Value::Int(1), black_box(Value::Int(2))])
                    .is_ok(),
            )
        })
    });
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("lua_for_loop_1000", |b| {
        b.iter(|| black_box(st.call1(lp, &[black_box(Value::Int(N))]).is_ok()))
    });
    g.bench_function("lua_calls_native_1000", |b| {
        b.iter(|| black_box(st.call1(natives, &[black_box(Value::Int(N))]).is_ok()))
    });
    g.finish();
}

criterion_group!(benches, table_int, table_str, interning, calls);
criterion_main!(benches);
