//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use wenlint::config::Config;
use wenlint::diagnostic::Diagnostic;
use wenlint::document::{Document, Format};

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

/// Lints a fixture under the default config.
pub fn lint_fixture(relative: &str) -> (Document, Vec<Diagnostic>) {
    let path = fixture(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()));
    lint_text(&text, Format::from_path(&path))
}

pub fn lint_text(text: &str, format: Format) -> (Document, Vec<Diagnostic>) {
    let doc = Document::new(text.to_string(), format);
    let config = Config::defaults(Path::new(env!("CARGO_MANIFEST_DIR")));
    let diagnostics = wenlint::lint::lint(&doc, &config);
    (doc, diagnostics)
}

/// One line per diagnostic, `line:column rule “flagged text”`: what snapshots record.
pub fn listing(doc: &Document, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let at = doc.position(d.span.start);
            format!(
                "{}:{} {} “{}”\n",
                at.line,
                at.column,
                d.rule,
                &doc.source[d.span.clone()]
            )
        })
        .collect()
}

/// `../shared/corpus`, when it is there.
pub fn corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    path.is_dir().then_some(path)
}
