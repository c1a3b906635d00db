//! The compound file that holds a `.doc`'s streams, opened in memory with the `cfb` crate, and
//! its streams read under the limits: a stream's length is checked against them before any of
//! it is read, and a buffer is never made larger than the file itself.

use std::io::{Cursor, Read};

use cfb::CompoundFile;

use super::{DocError, Flaw, Limits};

/// The stream of the text and the FIB.
pub(super) const WORD_DOCUMENT: &str = "WordDocument";
/// The stream in which Word wraps a password-protected `.docx`.
pub(super) const ENCRYPTED_PACKAGE: &str = "EncryptedPackage";

pub(super) struct Container<'a> {
    file: CompoundFile<Cursor<&'a [u8]>>,
    /// The size of the whole file, which no stream can exceed.
    file_len: u64,
    limits: &'a Limits,
    /// Bytes read from all streams so far.
    total: u64,
}

impl<'a> Container<'a> {
    pub(super) fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, DocError> {
        let file =
            CompoundFile::open(Cursor::new(bytes)).map_err(|e| Flaw::Container(e.to_string()))?;
        Ok(Container {
            file,
            file_len: bytes.len() as u64,
            limits,
            total: 0,
        })
    }

    /// Whether the root storage holds a stream of that name.
    pub(super) fn has_stream(&self, name: &str) -> bool {
        self.file.is_stream(format!("/{name}"))
    }

    /// The whole of a stream, if it is within the limits.
    pub(super) fn read(&mut self, name: &str) -> Result<Vec<u8>, DocError> {
        let unreadable = |e: std::io::Error| Flaw::Stream {
            stream: name.to_string(),
            message: e.to_string(),
        };
        let stream = self
            .file
            .open_stream(format!("/{name}"))
            .map_err(unreadable)?;
        let len = stream.len();
        if len > self.limits.max_stream_bytes {
            return Err(DocError::TooLarge {
                stream: name.to_string(),
                limit: self.limits.max_stream_bytes,
            });
        }
        self.total = self.total.saturating_add(len);
        if self.total > self.limits.max_total_bytes {
            return Err(DocError::TooLargeInAll {
                limit: self.limits.max_total_bytes,
            });
        }
        // The length comes from the file's directory: it is trusted only as far as the
        // file is long.
        let mut bytes = Vec::with_capacity(len.min(self.file_len) as usize);
        stream
            .take(len)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if (bytes.len() as u64) < len {
            return Err(Flaw::StreamCut {
                stream: name.to_string(),
                read: bytes.len() as u64,
                len,
            }
            .into());
        }
        Ok(bytes)
    }
}
