//! wenlint: a linter for Chinese official documents and speeches.
//!
//! The library is the engine every front end calls: set up a [`Linter`] with [`Settings`],
//! give it a [`Source`] (a file, or bytes with a name), get a [`Report`] of [`Diagnostic`]s,
//! and write reports in any [`OutputFormat`] with [`write_reports`]. [`builtin_rules`] lists
//! the rules and their documentation.
//!
//! ```
//! use wenlint::{Linter, OutputFormat, Settings, Source};
//!
//! let settings = Settings {
//!     config_text: Some("[rules]\nduplicate = \"off\"\n".to_string()),
//!     ..Settings::default()
//! };
//! let mut linter = Linter::new(settings).unwrap();
//! let report = linter.lint(Source::text("通知.txt", "定于X月X日召开会议。\n")).unwrap();
//! let mut json = Vec::new();
//! wenlint::write_reports(&[report], OutputFormat::Json, &mut json).unwrap();
//! let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
//! assert_eq!(json["summary"]["errors"], 1);
//! assert_eq!(json["diagnostics"][0]["rule"], "placeholder/marker");
//! ```
//!
//! Inside, the crate is laid out as the stages a file goes through: `read` (bytes to text:
//! encodings, binary detection, Word files), `document` (the model: lint view, lines,
//! paragraphs, sentences), `structure` (the numbering outline), `rules` (the registry, the
//! rule packs and the rule families), `lint` (one document through its rules), `engine` (a
//! run over many sources: cross-file index, suppressions, baselines, fixes), `output` (the
//! formats) and `cli` (the command line).

#![forbid(unsafe_code)]

pub use diagnostic::{Applicability, Diagnostic, Elsewhere, Fix, Related, Severity};
pub use engine::{CrossFile, Finished, FixMode, Linter, Report, Settings, Source};
pub use error::Error;
pub use lang::{Lang, Text};
pub use output::{write_reports, OutputFormat};
pub use rules::{builtin_rules, RuleMeta};
pub use span::Position;

pub(crate) mod annotate;
pub(crate) mod baseline;
#[doc(hidden)]
pub mod cli;
pub(crate) mod config;
pub(crate) mod contract;
pub(crate) mod diagnostic;
pub(crate) mod document;
pub(crate) mod engine;
pub(crate) mod error;
pub(crate) mod fix;
pub(crate) mod init;
pub(crate) mod lang;
pub(crate) mod lint;
pub(crate) mod lsp;
pub(crate) mod output;
pub(crate) mod read;
pub(crate) mod rules;
pub(crate) mod serve;
pub(crate) mod span;
pub(crate) mod stats;
pub(crate) mod structure;
pub(crate) mod suppress;
pub(crate) mod walk;

/// Cross-file duplicates at archive scale: each document's fingerprints (the map), and the
/// findings of a group of equal ones (the reduce), for a distributed engine to connect.
pub mod cross_file {
    pub use crate::engine::fingerprints::{
        shared, Fingerprint, Fingerprints, JsonDiagnostic, JsonPosition, JsonRelated, JsonSpan,
        Kind, Occurrence,
    };
}

#[cfg(test)]
mod tests;

/// The stages below the engine, one call each, for the benchmarks and the fuzz target: not
/// part of the library's interface.
#[doc(hidden)]
pub mod __stages {
    use crate::document::{Document, Format};

    /// Builds the document model of `text` (lines, paragraphs, sentences); returns how many
    /// sentences it found.
    pub fn document_model(text: String, markdown: bool) -> usize {
        let format = if markdown {
            Format::Markdown
        } else {
            Format::Text
        };
        Document::new(text, format).sentences.len()
    }

    /// Reads `bytes` as a file called `name` would be read (encoding detection and decoding,
    /// or a Word file's text); returns how many bytes of text that gives.
    pub fn read(bytes: &[u8], name: &str) -> usize {
        crate::read::read_bytes(bytes, std::path::Path::new(name))
            .map_or(0, |decoded| decoded.text.len())
    }

    /// Builds the numbering outline of `text` and the statistics `wenlint stats` shows;
    /// returns how many headings and characters they count.
    pub fn outline_and_stats(text: String) -> (usize, usize) {
        let doc = Document::new(text, Format::Text);
        let outline = crate::structure::Outline::build(&doc);
        let stats = crate::stats::of(&doc, 220);
        (outline.kept.len(), stats.hanzi)
    }
}
