//! Places in a text: byte spans and line/column positions. At the bottom of the crate, so that
//! the document model, the diagnostics and the rules can all speak of places without
//! depending on one another.

use std::ops::Range;

/// A byte range into the document's source text. Always on character boundaries.
pub type Span = Range<usize>;

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}
