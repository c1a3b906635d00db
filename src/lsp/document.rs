//! An open document: the editor's text (not the file on disk), kept current by the changes
//! the client sends, and linted through the same engine as `wenlint check`, under the config
//! that governs its file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{Range, TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, LineIndex};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::engine::{FixMode, Linter, Settings, Source};
use crate::error::Error;

/// A finding of the last lint, with its range in the protocol's units.
pub(crate) struct Finding {
    pub diagnostic: Diagnostic,
    pub range: Range,
}

pub(crate) struct OpenDocument {
    pub uri: Uri,
    /// The file, for a `file:` URI; its folder decides the config.
    pub path: Option<PathBuf>,
    /// The name the engine sees: the path, or `untitled.md` / `untitled.txt`.
    pub name: String,
    pub text: String,
    pub version: i32,
    pub index: LineIndex,
    /// The findings of the last lint of `version`'s text.
    pub findings: Vec<Finding>,
    encoding: Encoding,
    /// The text with its safe fixes applied, once asked for: editors ask for code actions at
    /// every move of the cursor, and fixing a long document is a whole lint or more.
    fixed: std::cell::OnceCell<Option<(String, usize)>>,
}

/// What a lint of an open document gives: its findings, or why it could not be linted.
pub(crate) type Linted = Result<Vec<Diagnostic>, Error>;

impl OpenDocument {
    pub fn new(uri: Uri, language: &str, text: String, version: i32, encoding: Encoding) -> Self {
        let path = file_path(&uri);
        let name = match &path {
            Some(path) => path.display().to_string(),
            None if language == "markdown" => "untitled.md".to_string(),
            None => "untitled.txt".to_string(),
        };
        OpenDocument {
            index: LineIndex::new(&text, encoding),
            uri,
            path,
            name,
            text,
            version,
            findings: Vec::new(),
            encoding,
            fixed: std::cell::OnceCell::new(),
        }
    }

    /// Applies the client's changes in order: a range replaced, or the whole text.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = self.index.offset(&self.text, range.start);
                    let end = self.index.offset(&self.text, range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
                None => self.text = change.text,
            }
            self.index = LineIndex::new(&self.text, self.encoding);
        }
        self.version = version;
        self.fixed.take();
    }

    /// The folder whose config governs the document.
    pub fn folder(&self) -> Option<PathBuf> {
        let folder = self.path.as_deref()?.parent()?;
        Some(folder.to_path_buf())
    }

    fn linter(&self, fixes: FixMode) -> Result<Linter, Error> {
        Linter::new(Settings {
            root: self.folder(),
            fixes,
            ..Settings::default()
        })
    }

    /// The config that governs the document (the defaults when there is none).
    pub fn config(&self) -> Result<Arc<Config>, Error> {
        let mut linter = self.linter(FixMode::Report)?;
        let root = self.folder().unwrap_or_else(|| PathBuf::from("."));
        Ok(linter
            .root_config()?
            .unwrap_or_else(|| Arc::new(Config::defaults(&root))))
    }

    /// Lints the current text. A file its config excludes has no findings.
    pub fn lint(&self) -> Linted {
        let mut linter = self.linter(FixMode::Report)?;
        if let (Some(path), Some(config)) = (&self.path, linter.root_config()?) {
            if config.excludes(path) {
                return Ok(Vec::new());
            }
        }
        let report = linter.lint(Source::text(self.name.clone(), self.text.clone()))?;
        Ok(report.diagnostics)
    }

    /// The text with every safe fix applied, as `check --fix` leaves it, and how many were;
    /// `None` when it cannot be linted. Worked out once per text and config.
    pub fn fixed(&self) -> Option<&(String, usize)> {
        self.fixed
            .get_or_init(|| {
                let mut linter = self.linter(FixMode::Apply).ok()?;
                let source = Source::text(self.name.clone(), self.text.clone());
                let report = linter.lint(source).ok()?;
                Some((report.source().to_string(), report.fixes))
            })
            .as_ref()
    }

    /// Keeps the findings of a lint, with their ranges in the protocol's units.
    /// (A config may have changed since: the fixed text is worked out again when asked.)
    pub fn keep(&mut self, diagnostics: Vec<Diagnostic>) {
        self.fixed.take();
        self.findings = diagnostics
            .into_iter()
            .map(|diagnostic| Finding {
                range: self.index.range(&self.text, diagnostic.span.clone()),
                diagnostic,
            })
            .collect();
    }

    pub fn is_markdown(&self) -> bool {
        crate::document::Format::from_path(Path::new(&self.name))
            == crate::document::Format::Markdown
    }
}

/// The path of a `file:` URI.
pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

/// The `file:` URI of a path.
pub(crate) fn file_uri(path: &Path) -> Option<Uri> {
    let url = url::Url::from_file_path(path).ok()?;
    url.as_str().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Position;

    fn document(text: &str) -> OpenDocument {
        let uri: Uri = "file:///tmp/%E8%AE%B2%E8%AF%9D.md".parse().unwrap();
        OpenDocument::new(uri, "markdown", text.to_string(), 1, Encoding::Utf16)
    }

    #[test]
    fn a_file_uri_names_its_path_in_any_script() {
        let doc = document("");
        assert_eq!(doc.path.as_deref(), Some(Path::new("/tmp/讲话.md")));
        assert!(doc.is_markdown());
        assert_eq!(file_uri(Path::new("/tmp/讲话.md")).unwrap(), doc.uri);
    }

    #[test]
    fn incremental_changes_are_applied_in_order() {
        let mut doc = document("要认真布署落实。\n第二段。\n");
        let change = |line, from, to, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line, from),
                Position::new(line, to),
            )),
            range_length: None,
            text: text.to_string(),
        };
        doc.apply(
            vec![
                change(0, 3, 5, "部署"),
                change(1, 0, 0, "😀"),
                change(1, 2, 3, ""),
            ],
            2,
        );
        assert_eq!(doc.text, "要认真部署落实。\n😀二段。\n");
        assert_eq!(doc.version, 2);
        doc.apply(
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "全文".to_string(),
            }],
            3,
        );
        assert_eq!(doc.text, "全文");
    }
}
