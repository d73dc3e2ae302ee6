//! `string.format`: binds the `format` engine to Lua arguments.
use crate::format::{FormatArgs, Literal};
use crate::state::{LResult, LuaError, State};
use crate::value::Value;

struct Args<'a> {
    st: &'a mut State,
}

impl FormatArgs for Args<'_> {
    type Error = LuaError;
    fn top(&self) -> usize {
        self.st.nargs()
    }
    fn int(&mut self, arg: usize) -> Result<i64, LuaError> {
        self.st.check_int(arg)
    }
    fn float(&mut self, arg: usize) -> Result<f64, LuaError> {
        self.st.check_float(arg)
    }
    fn string(&mut self, arg: usize, out: &mut Vec<u8>) -> Result<(), LuaError> {
        let v = self.st.check_any(arg)?;
        match v {
            Value::Str(s) => out.extend_from_slice(s.as_bytes()),
            _ => {
                let s = self.st.tostring(v)?;
                out.extend_from_slice(s.as_bytes());
            }
        }
        Ok(())
    }
    fn literal(&mut self, arg: usize) -> Result<Literal<'_>, LuaError> {
        let v = self.st.check_any(arg)?;
        Ok(match v {
            Value::Nil => Literal::Nil,
            Value::Bool(b) => Literal::Bool(b),
            Value::Int(i) => Literal::Int(i),
            Value::Float(f) => Literal::Float(f),
            // the string is an argument of the running call: it stays alive during format
            Value::Str(s) => Literal::Str(s.as_static().as_bytes()),
            _ => Literal::Other,
        })
    }
    fn pointer(&mut self, arg: usize) -> Option<usize> {
        match self.st.arg(arg) {
            Value::Nil | Value::Bool(_) | Value::Int(_) | Value::Float(_) => None,
            v => Some(v.addr()),
        }
    }
    fn arg_error(&mut self, arg: usize, msg: &str) -> LuaError {
        self.st.arg_error(arg, msg)
    }
    fn error(&mut self, msg: &[u8]) -> LuaError {
        let m = String::from_utf8_lossy(msg).into_owned();
        self.st.error_msg(m)
    }
}

pub(crate) fn format(st: &mut State) -> LResult<usize> {
    let fmt = st.check_str(1)?;
    let out = crate::format::format(fmt.as_static().as_bytes(), &mut Args { st })?;
    let r = st.str_value_owned(out);
    Ok(st.ret1(r))
}
