//! The data of the JSON contract (`--format json`, the Python package, the cross-file
//! fingerprints): a finding, its span and its related places, as other tools read them.
//! Lines and columns are 1-based, columns count characters, `end` is exclusive;
//! `byte_start`/`byte_end` index the text as UTF-8. The report around them, and its version,
//! are `output::json`'s.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::Document;
use crate::span::Position;

/// One finding, as the JSON format writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonDiagnostic {
    pub path: String,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: JsonSpan,
    pub related: Vec<JsonRelated>,
    pub fix: Option<JsonFix>,
}

/// Where a finding is: lines and columns (1-based, in characters; `end` exclusive) and byte
/// offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSpan {
    pub start: JsonPosition,
    pub end: JsonPosition,
    pub byte_start: usize,
    pub byte_end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonPosition {
    pub line: usize,
    pub column: usize,
}

/// Another place a finding points to, in its file or in another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonRelated {
    pub path: String,
    pub span: JsonSpan,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonFix {
    pub replacement: String,
    /// `safe` (applied by `--fix`) or `suggested` (applied only with `--unsafe-fixes`).
    pub applicability: crate::diagnostic::Applicability,
}

impl From<Position> for JsonPosition {
    fn from(p: Position) -> JsonPosition {
        JsonPosition {
            line: p.line,
            column: p.column,
        }
    }
}

impl JsonSpan {
    pub(crate) fn new(doc: &Document, span: &Span) -> JsonSpan {
        let start = doc.position(span.start);
        JsonSpan::at(
            span,
            start,
            doc.position_after((span.start, start), span.end),
        )
    }

    /// The span whose ends are at the positions given (of a file no longer at hand).
    fn at(span: &Span, start: Position, end: Position) -> JsonSpan {
        JsonSpan {
            start: start.into(),
            end: end.into(),
            byte_start: span.start,
            byte_end: span.end,
        }
    }
}

impl JsonDiagnostic {
    /// Converts while the document is at hand, so that documents need not outlive linting.
    pub fn new(path: &str, doc: &Document, d: &Diagnostic) -> JsonDiagnostic {
        JsonDiagnostic {
            path: path.to_string(),
            rule: d.rule.to_string(),
            severity: d.severity,
            message: d.message.to_string(),
            span: JsonSpan::new(doc, &d.span),
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    path: path.to_string(),
                    span: JsonSpan::new(doc, &r.span),
                    message: r.text().into_owned(),
                })
                .chain(d.elsewhere.iter().map(|e| JsonRelated {
                    path: e.path.clone(),
                    span: JsonSpan::at(&e.span, e.start, e.end),
                    message: e.message.clone(),
                }))
                .collect(),
            fix: d.fix.as_ref().map(|f| JsonFix {
                replacement: f.replacement.clone(),
                applicability: f.applicability,
            }),
        }
    }
}
