//! Standard output that a closed pipe cannot turn into a failure.
//!
//! `ropa check … | head -1` or `| true` closes the pipe early. What ropa has to say then goes
//! nowhere, but the command's result must not change: the exit code still reflects the
//! findings (issue 21), and nothing is printed about the pipe. So the first write into a closed
//! pipe makes this writer discard everything after it, successfully.

use std::io::{self, StdoutLock, Write};

pub struct Stdout {
    inner: StdoutLock<'static>,
    closed: bool,
}

/// Standard output, locked, tolerant of a closed pipe.
pub fn stdout() -> Stdout {
    Stdout {
        inner: io::stdout().lock(),
        closed: false,
    }
}

impl Stdout {
    fn guard<T>(&mut self, result: io::Result<T>, otherwise: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(otherwise)
            }
            other => other,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.guard(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.guard(result, ())
    }
}
