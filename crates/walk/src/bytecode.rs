//! Bytecode for `string.dump` of tree-walker functions.
//!
//! A resolved function cannot be serialised, and its prototype's `code` is synthetic debug
//! code, so `string.dump` of a walker function dumps what the bytecode compiler makes of the
//! same source: the binary chunk is then exactly what `--engine vm` (and `luac5.4`) produce,
//! and it loads and runs on every engine (binary chunks always run on the VM).
//!
//! Design (the least invasive one found): each chunk's functions share one [`Origin`] — a copy
//! of the chunk's source text, its name and parse options — and each function records its
//! *path*, the indices that lead from the main function to it through the nested prototype
//! lists. Nothing is compiled up front, so the walker's load times do not change; the first
//! `string.dump` of a function of the chunk parses and compiles the chunk once (caching the
//! result) and takes the prototype at that path. Both the resolver and the compiler number
//! nested functions in source order, so paths agree; the dump also checks that the prototype
//! found has the function's lines, parameters and vararg flag (a mismatch would report
//! "unable to dump given function" rather than dump the wrong code).
use std::cell::OnceCell;

use lunar_bytecode::Proto;
use lunar_runtime::func::{EngineBody, FnProto};
use lunar_syntax::ParseOptions;

use crate::ir::Func;

/// The source a chunk's functions were resolved from.
pub(crate) struct Origin {
    source: Box<[u8]>,
    chunkname: String,
    opts: ParseOptions,
    /// The chunk's main prototype, compiled on first use (`None`: compilation failed, which
    /// cannot happen for a chunk that resolved, but is handled).
    compiled: OnceCell<Option<Proto>>,
}

impl Origin {
    pub(crate) fn new(source: &[u8], chunkname: &str, opts: ParseOptions) -> Origin {
        Origin {
            source: source.into(),
            chunkname: chunkname.into(),
            opts,
            compiled: OnceCell::new(),
        }
    }

    fn main(&self) -> Option<&Proto> {
        self.compiled
            .get_or_init(|| {
                let chunk = lunar_syntax::parse_with(&self.source, &self.chunkname, self.opts);
                lunar_bytecode::compile(&chunk.ok()?).ok()
            })
            .as_ref()
    }
}

impl EngineBody for Func {
    fn bytecode(&self, p: &FnProto) -> Option<Proto> {
        let mut q = self.origin.main()?;
        for &i in self.path.iter() {
            q = q.protos.get(i as usize)?;
        }
        let same = q.line_defined == p.line_defined
            && q.last_line_defined == p.last_line_defined
            && q.num_params == p.num_params
            && q.is_vararg == p.is_vararg;
        same.then(|| q.clone())
    }
}
