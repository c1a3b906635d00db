//! Markdown: which bytes are prose, and where its blocks are.

use crate::diagnostic::Span;

/// Byte ranges of `source` that are not prose and must be hidden from rules.
pub(super) fn non_prose_ranges(_source: &str) -> Vec<Span> {
    Vec::new()
}

/// Byte ranges of the prose blocks (paragraphs, headings, table cells, tight list items).
pub(super) fn block_ranges(source: &str) -> Vec<Span> {
    vec![0..source.len()]
}
