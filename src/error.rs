//! Errors the user has to act on: a file that cannot be linted, a config or rule file that is
//! wrong. None of them stops the run; each is reported and makes the exit code 2.

use std::fmt;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

/// A mistake at a known place in a TOML file (`wenlint.toml` or a rule pack).
#[derive(Debug, Clone)]
pub struct TomlError {
    pub path: PathBuf,
    /// The file's text, kept so the error can show the offending line.
    pub source: String,
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl TomlError {
    pub fn new(
        path: &Path,
        source: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        TomlError {
            path: path.to_path_buf(),
            source: source.to_string(),
            span,
            message: message.into(),
        }
    }

    /// Converts a parse error of the `toml` crate, which already knows where it happened.
    pub fn from_toml(path: &Path, source: &str, error: &toml::de::Error) -> Self {
        TomlError::new(path, source, error.span(), error.message().trim_end())
    }

    /// Renders the error like a compiler does: the line of the file with a caret under the
    /// offending key or value.
    pub fn render(&self, out: &mut dyn Write, color: bool) -> io::Result<()> {
        let name = self.path.display().to_string();
        let file = SimpleFile::new(name, self.source.as_str());
        let mut diagnostic = Diagnostic::error().with_message(&self.message);
        if let Some(span) = self.span.clone().filter(|s| s.end <= self.source.len()) {
            diagnostic = diagnostic.with_labels(vec![Label::primary((), span)]);
        } else {
            diagnostic = diagnostic.with_notes(vec![format!("in {}", self.path.display())]);
        }
        let config = Config::default();
        let result = if color {
            let styles = Styles::default();
            let mut writer = StylesWriter::new(term::termcolor::Ansi::new(&mut *out), &styles);
            term::emit_to_write_style(&mut writer, &config, &file, &diagnostic)
        } else {
            term::emit_to_io_write(out, &config, &file, &diagnostic)
        };
        result.map_err(io::Error::other)
    }
}

impl std::error::Error for TomlError {}

impl fmt::Display for TomlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.span {
            Some(span) => {
                let line = self.source[..span.start.min(self.source.len())]
                    .matches('\n')
                    .count()
                    + 1;
                write!(f, "{}:{}: {}", self.path.display(), line, self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Anything that keeps a path (or the whole run) from being linted.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory that could not be read or decoded; the reason reads after the name.
    #[error("{path}: {reason}")]
    File { path: String, reason: String },
    /// A config or rule file with a mistake at a known place.
    #[error(transparent)]
    Toml(Box<TomlError>),
}

impl Error {
    pub fn file(path: impl Into<String>, reason: impl fmt::Display) -> Self {
        Error::File {
            path: path.into(),
            reason: reason.to_string(),
        }
    }

    pub fn render(&self, out: &mut dyn Write, color: bool) -> io::Result<()> {
        match self {
            Error::File { path, reason } => writeln!(out, "error: {path}: {reason}"),
            Error::Toml(e) => e.render(out, color),
        }
    }
}

impl From<TomlError> for Error {
    fn from(e: TomlError) -> Self {
        Error::Toml(Box::new(e))
    }
}
