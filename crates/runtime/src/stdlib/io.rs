//! `io` library (liolib.c). For now only `io.write` to standard output.
use std::io::Write;

use crate::gc::GcRef;
use crate::number;
use crate::state::{LResult, State};
use crate::table::Table;
use crate::value::Value;

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    st.new_lib(&[("write", io_write)])
}

fn io_write(st: &mut State) -> LResult<usize> {
    let n = st.nargs();
    for i in 1..=n {
        let v = st.arg(i);
        let mut buf = Vec::new();
        match v {
            Value::Str(s) => {
                let _ = super::base::write_stdout(s.as_bytes());
                continue;
            }
            Value::Int(_) => st.tostring_basic(&v, &mut buf),
            Value::Float(f) => {
                // LUAI_NUMFFORMAT "%.14g", without tostring's ".0" suffix
                number::write_float(&mut buf, f);
                if buf.ends_with(b".0") {
                    buf.truncate(buf.len() - 2);
                }
            }
            _ => return Err(st.type_arg_error(i, "string")),
        }
        let _ = super::base::write_stdout(&buf);
    }
    let _ = std::io::stdout().flush();
    Ok(0)
}
