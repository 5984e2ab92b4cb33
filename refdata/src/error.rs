//! Errors of an import: the file, the position in it where one applies, and
//! what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: PathBuf,
    /// 1-based line and column, when the error is at a place in the file.
    pub at: Option<(u64, u64)>,
    pub message: String,
}

impl ImportError {
    pub fn at(file: &Path, at: (u64, u64), message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_path_buf(),
            at: Some(at),
            message: message.into(),
        }
    }

    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_path_buf(),
            at: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.file.display(), self.message)
            }
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// Line and column (1-based, in characters) of byte `pos` of `text`.
pub fn line_col(text: &[u8], pos: usize) -> (u64, u64) {
    let pos = pos.min(text.len());
    let before = &text[..pos];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // Count characters, not bytes: continuation bytes of UTF-8 do not start one.
    let col = before[start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count() as u64
        + 1;
    (line, col)
}

/// Text as UTF-8, or the error at its first bad byte.
pub fn utf8<'a>(file: &Path, bytes: &'a [u8]) -> Result<&'a str, ImportError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        ImportError::at(
            file,
            line_col(bytes, at),
            format!(
                "invalid UTF-8 (byte 0x{:02X}); exports are read as UTF-8",
                bytes[at]
            ),
        )
    })
}
