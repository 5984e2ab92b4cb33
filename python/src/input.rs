//! Messages as Python gives them: `bytes`, `bytearray` or `str` (XML, or
//! JSON when it starts with `{`), copied out so that they can be validated
//! without the GIL.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

/// The bytes of one message.
pub fn message(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        Ok(b.as_bytes().to_vec())
    } else if let Ok(s) = obj.cast::<PyString>() {
        Ok(s.to_cow()?.as_bytes().to_vec())
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        Ok(b.to_vec())
    } else {
        Err(PyTypeError::new_err(format!(
            "a message is bytes or str, not {}",
            obj.get_type().name()?
        )))
    }
}

/// The bytes of each message of `items`; `None` where an item is `None`
/// (a null cell of a column) and `nulls` allows it.
pub fn messages(items: &Bound<'_, PyAny>, nulls: bool) -> PyResult<Vec<Option<Vec<u8>>>> {
    let mut out = Vec::new();
    for item in items.try_iter()? {
        let item = item?;
        if nulls && item.is_none() {
            out.push(None);
        } else {
            out.push(Some(message(&item)?));
        }
    }
    Ok(out)
}

/// The bytes of each message of `items` (none may be `None`).
pub fn all(items: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<u8>>> {
    let messages = messages(items, false)?;
    Ok(messages.into_iter().flatten().collect())
}
