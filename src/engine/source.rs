//! What the engine lints: a file on disk, or bytes with a name (standard input, an upload, an
//! editor's buffer). Either way the bytes are read and decoded here, and the kind of document
//! is decided here, once: a Word file by its bytes (whatever its name), Markdown or plain
//! text by the name.

use std::path::{Path, PathBuf};

use crate::document::{Document, Format};
use crate::error::Error;
use crate::read;

/// A document to lint.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file, read from disk. Its config is the `wenlint.toml` found by walking up from it.
    Path(PathBuf),
    /// Bytes that have a name but are not (or not yet) a file: standard input, an upload, an
    /// editor's unsaved buffer. The name decides between Markdown (`.md`) and plain text, the
    /// bytes whether it is a Word file; the name is what reports and `[[ignore]]` entries see; the config is the one that governs
    /// the engine's root folder.
    Bytes { name: String, bytes: Vec<u8> },
}

impl Source {
    /// A file on disk.
    pub fn path(path: impl Into<PathBuf>) -> Source {
        Source::Path(path.into())
    }

    /// Bytes in any encoding wenlint reads (UTF-8, UTF-16 with a byte-order mark, GB18030),
    /// or a Word file's, under `name`.
    pub fn bytes(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Source {
        Source::Bytes {
            name: name.into(),
            bytes: bytes.into(),
        }
    }

    /// Text under `name`.
    pub fn text(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source::bytes(name, text.into().into_bytes())
    }

    /// How reports name the source: the path as given, or the name.
    pub fn shown(&self) -> String {
        match self {
            Source::Path(path) => path.display().to_string(),
            Source::Bytes { name, .. } => name.clone(),
        }
    }

    /// The path `[[ignore]]` entries and the format are matched against.
    pub fn path_for_matching(&self) -> &Path {
        match self {
            Source::Path(path) => path,
            Source::Bytes { name, .. } => Path::new(name),
        }
    }
}

/// How a file was stored, to write it back the same way.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Storage {
    pub encoding: &'static encoding_rs::Encoding,
    pub bom: bool,
}

/// A source read and decoded into a document.
pub(crate) struct Loaded {
    pub doc: Document,
    pub storage: Storage,
    /// A Word file (`.docx`, `.doc`, `.wps`, told by its bytes), which is read for its text
    /// but never written back.
    pub word: bool,
}

/// Reads and decodes `source`; errors name it as `shown`.
pub(crate) fn load(source: &Source, shown: &str) -> Result<Loaded, Error> {
    let decoded = match source {
        Source::Path(path) => read::read_file(path),
        Source::Bytes { name, bytes } => read::read_bytes(bytes, Path::new(name)),
    }
    .map_err(|e| Error::file(shown, e.text()))?;
    // A Word file's text is its paragraphs, one a line, whatever its name says.
    let format = if decoded.word {
        Format::Text
    } else {
        Format::from_path(source.path_for_matching())
    };
    Ok(Loaded {
        doc: Document::new(decoded.text, format),
        storage: Storage {
            encoding: decoded.encoding,
            bom: decoded.bom,
        },
        word: decoded.word,
    })
}
