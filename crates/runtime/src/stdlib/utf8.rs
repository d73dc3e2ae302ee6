//! `utf8` library (lutf8lib.c). To be completed.
use crate::gc::GcRef;
use crate::state::State;
use crate::table::Table;

pub(crate) fn open(st: &mut State) -> GcRef<Table> {
    st.new_lib(&[])
}
