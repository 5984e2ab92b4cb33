//! A command's answer on stdout. `print!` panics when stdout cannot be
//! written (a reader that went away, `eucdm coverage | head -1`; a full
//! disk): here that is exit status 2, with a line on stderr unless the
//! reader is gone, as `validate` does.

use std::io::{ErrorKind, Write as _};

/// Writes `text` to stdout; `Err` holds the exit status, 2.
pub fn write(text: &str) -> Result<(), u8> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Err(2),
        Err(e) => {
            eprintln!("eucdm: cannot write the output: {e}");
            Err(2)
        }
    }
}

/// [`write`] as an exit status: 0 when written.
pub fn status(text: &str) -> u8 {
    match write(text) {
        Ok(()) => 0,
        Err(status) => status,
    }
}
