//! The byte stream to the client, with one correction: opensrv-mysql can only send MySQL's
//! own error codes (its `ErrorKind`), and its failed-login packet has its own code and text.
//! OceanBase errors (4179, 9040, ...) and OceanBase's 1045 message are therefore written by
//! patching the ERR packet on its way out: the connection leaves the wanted code, SQLSTATE
//! and (for logins) message in an [`ErrorPatch`] slot just before opensrv writes the packet.
//!
//! opensrv flushes after every response, so the writer buffers until flush, rewrites the
//! first ERR packet of the buffer if a patch is waiting, then sends everything.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{ready, Context, Poll};

use tokio::io::AsyncWrite;

/// What the next ERR packet should say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorOverride {
    pub code: u16,
    pub sqlstate: [u8; 5],
    /// `None` keeps the message opensrv wrote.
    pub message: Option<String>,
}

/// Shared between a connection and its writer.
#[derive(Debug, Clone, Default)]
pub struct ErrorPatch(Arc<Mutex<Option<ErrorOverride>>>);

impl ErrorPatch {
    pub fn set(&self, code: u16, sqlstate: &str, message: Option<String>) {
        let mut state = [b'H', b'Y', b'0', b'0', b'0'];
        if sqlstate.len() == 5 {
            state.copy_from_slice(sqlstate.as_bytes());
        }
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(ErrorOverride {
                code,
                sqlstate: state,
                message,
            });
        }
    }

    fn take(&self) -> Option<ErrorOverride> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

pub struct PatchingWriter<W> {
    inner: W,
    patch: ErrorPatch,
    buffer: Vec<u8>,
    written: usize,
    patched: bool,
}

impl<W> PatchingWriter<W> {
    pub fn new(inner: W, patch: ErrorPatch) -> Self {
        Self {
            inner,
            patch,
            buffer: Vec::new(),
            written: 0,
            patched: false,
        }
    }
}

/// Rewrites the first ERR packet (payload starting 0xFF) in `buffer`.
fn patch_error_packet(buffer: &mut Vec<u8>, fix: &ErrorOverride) -> bool {
    let mut at = 0;
    while at + 4 <= buffer.len() {
        let len = usize::from(buffer[at]) | usize::from(buffer[at + 1]) << 8 | usize::from(buffer[at + 2]) << 16;
        let seq = buffer[at + 3];
        let payload = at + 4;
        if payload + len > buffer.len() {
            return false;
        }
        // ERR: 0xFF, code (2), '#', SQLSTATE (5), message.
        if len >= 9 && buffer[payload] == 0xFF && buffer[payload + 3] == b'#' {
            let message = match &fix.message {
                Some(m) => m.as_bytes().to_vec(),
                None => buffer[payload + 9..payload + len].to_vec(),
            };
            let mut packet = Vec::with_capacity(13 + message.len());
            let new_len = 9 + message.len();
            packet.extend_from_slice(&[
                (new_len & 0xFF) as u8,
                (new_len >> 8 & 0xFF) as u8,
                (new_len >> 16 & 0xFF) as u8,
                seq,
                0xFF,
            ]);
            packet.extend_from_slice(&fix.code.to_le_bytes());
            packet.push(b'#');
            packet.extend_from_slice(&fix.sqlstate);
            packet.extend_from_slice(&message);
            buffer.splice(at..payload + len, packet);
            return true;
        }
        at = payload + len;
    }
    false
}

impl<W: AsyncWrite + Unpin> AsyncWrite for PatchingWriter<W> {
    fn poll_write(self: Pin<&mut Self>, _cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.get_mut().buffer.extend_from_slice(buf);
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let mut total = 0;
        for buf in bufs {
            this.buffer.extend_from_slice(buf);
            total += buf.len();
        }
        Poll::Ready(Ok(total))
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if !this.patched {
            this.patched = true;
            if let Some(fix) = this.patch.take() {
                if !patch_error_packet(&mut this.buffer, &fix) {
                    // Not in this batch: keep it for the next one.
                    this.patch.set(
                        fix.code,
                        std::str::from_utf8(&fix.sqlstate).unwrap_or("HY000"),
                        fix.message,
                    );
                }
            }
        }
        while this.written < this.buffer.len() {
            let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &this.buffer[this.written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            this.written += n;
        }
        this.buffer.clear();
        this.written = 0;
        this.patched = false;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(self.as_mut().poll_flush(cx))?;
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_packet(seq: u8, code: u16, state: &[u8; 5], msg: &str) -> Vec<u8> {
        let mut payload = vec![0xFF];
        payload.extend_from_slice(&code.to_le_bytes());
        payload.push(b'#');
        payload.extend_from_slice(state);
        payload.extend_from_slice(msg.as_bytes());
        let len = payload.len();
        let mut packet = vec![len as u8, (len >> 8) as u8, (len >> 16) as u8, seq];
        packet.extend(payload);
        packet
    }

    #[test]
    fn rewrites_code_state_and_message_of_the_err_packet() {
        let ok = vec![7, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0];
        let mut buffer = ok.clone();
        buffer.extend(err_packet(2, 1105, b"HY000", "whatever"));
        let fix = ErrorOverride {
            code: 9040,
            sqlstate: *b"HY000",
            message: Some("backup can not start".into()),
        };
        assert!(patch_error_packet(&mut buffer, &fix));
        let mut expected = ok;
        expected.extend(err_packet(2, 9040, b"HY000", "backup can not start"));
        assert_eq!(buffer, expected);
    }

    #[test]
    fn leaves_buffers_without_err_packets_alone() {
        let mut buffer = vec![1, 0, 0, 0, 0xFE];
        let fix = ErrorOverride {
            code: 1,
            sqlstate: *b"HY000",
            message: None,
        };
        assert!(!patch_error_packet(&mut buffer, &fix));
        assert_eq!(buffer, vec![1, 0, 0, 0, 0xFE]);
    }
}
