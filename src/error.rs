//! Errors the user has to act on: a file that cannot be linted, a config or rule file that is
//! wrong. None of them stops the run; each is reported and makes the exit code 2.

use std::fmt;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use crate::lang::{Lang, Text};

/// A mistake at a known place in a TOML file (`wenlint.toml` or a rule pack).
#[derive(Debug, Clone)]
pub struct TomlError {
    pub path: PathBuf,
    /// The file's text, kept so the error can show the offending line.
    pub source: String,
    pub span: Option<Range<usize>>,
    pub message: Text,
}

impl TomlError {
    pub fn new(path: &Path, source: &str, span: Option<Range<usize>>, message: Text) -> Self {
        TomlError {
            path: path.to_path_buf(),
            source: source.to_string(),
            span,
            message,
        }
    }

    /// Converts a parse error of the `toml` crate, which already knows where it happened.
    pub fn from_toml(path: &Path, source: &str, error: &toml::de::Error) -> Self {
        let message = error.message().trim_end();
        let message = Text::new(format!("TOML 有误：{message}"), message);
        TomlError::new(path, source, error.span(), message)
    }

    /// The message with its line, as a report's failure entry gives it: `line 3: …`.
    pub fn located_message(&self, lang: Lang) -> String {
        match self.line() {
            Some(line) => match lang {
                Lang::Zh => format!("第 {line} 行：{}", self.message.get(lang)),
                Lang::En => format!("line {line}: {}", self.message.get(lang)),
            },
            None => self.message.get(lang).to_string(),
        }
    }

    /// The 1-based line of the mistake, when its place is known.
    fn line(&self) -> Option<usize> {
        let span = self.span.as_ref()?;
        let before = &self.source[..span.start.min(self.source.len())];
        Some(before.matches('\n').count() + 1)
    }

    /// Renders the error like a compiler does: the line of the file with a caret under the
    /// offending key or value.
    pub fn render(&self, out: &mut dyn Write, color: bool, lang: Lang) -> io::Result<()> {
        let name = self.path.display().to_string();
        let file = SimpleFile::new(name, self.source.as_str());
        let head = lang.pick("配置错误", "error");
        let mut diagnostic = Diagnostic::error().with_message(self.message.get(lang));
        if let Some(span) = self.span.clone().filter(|s| s.end <= self.source.len()) {
            diagnostic = diagnostic.with_labels(vec![Label::primary((), span)]);
        } else {
            let note = lang.pick("文件：", "in ");
            diagnostic = diagnostic.with_notes(vec![format!("{note}{}", self.path.display())]);
        }
        let config = Config::default();
        let mut rendered = Vec::new();
        let result = if color {
            let styles = Styles::default();
            let mut writer = StylesWriter::new(term::termcolor::Ansi::new(&mut rendered), &styles);
            term::emit_to_write_style(&mut writer, &config, &file, &diagnostic)
        } else {
            term::emit_to_io_write(&mut rendered, &config, &file, &diagnostic)
        };
        result.map_err(io::Error::other)?;
        // codespan-reporting names the level first, before any of the file's text.
        let rendered = String::from_utf8_lossy(&rendered).replacen("error", head, 1);
        out.write_all(rendered.as_bytes())
    }
}

impl std::error::Error for TomlError {}

impl fmt::Display for TomlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line() {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Anything that keeps a path (or the whole run) from being linted.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory that could not be read or decoded; the reason reads after the name.
    #[error("{path}: {reason}")]
    File { path: String, reason: Text },
    /// A config or rule file with a mistake at a known place.
    #[error(transparent)]
    Toml(Box<TomlError>),
}

impl Error {
    pub fn file(path: impl Into<String>, reason: Text) -> Self {
        Error::File {
            path: path.into(),
            reason,
        }
    }

    /// The path the error is about: the file, or the config or rule pack.
    pub fn path(&self) -> String {
        match self {
            Error::File { path, .. } => path.clone(),
            Error::Toml(e) => e.path.display().to_string(),
        }
    }

    /// The reason without the path, in `lang`.
    pub fn reason(&self, lang: Lang) -> String {
        match self {
            Error::File { reason, .. } => reason.get(lang).to_string(),
            Error::Toml(e) => e.located_message(lang),
        }
    }

    pub fn render(&self, out: &mut dyn Write, color: bool, lang: Lang) -> io::Result<()> {
        match self {
            Error::File { path, reason } => match lang {
                Lang::Zh => writeln!(out, "错误：{path}：{}", reason.get(lang)),
                Lang::En => writeln!(out, "error: {path}: {}", reason.get(lang)),
            },
            Error::Toml(e) => e.render(out, color, lang),
        }
    }
}

impl From<TomlError> for Error {
    fn from(e: TomlError) -> Self {
        Error::Toml(Box::new(e))
    }
}
