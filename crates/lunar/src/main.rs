//! `lunar`: the command-line interpreter, a drop-in for `lua5.4` (see [`lunar::cli`]).
use lunar_runtime::alloc::CountingAlloc;

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

fn main() {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    std::process::exit(lunar::cli::main(args, None));
}
