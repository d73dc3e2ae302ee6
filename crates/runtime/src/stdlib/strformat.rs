//! `string.format`: binds the `format` engine to Lua arguments.
use crate::state::{LResult, State};

pub(crate) fn format(st: &mut State) -> LResult<usize> {
    Err(st.error_msg("string.format not wired yet"))
}
