//! What the numbering checks find, before it becomes a rule's finding: shared by the outline
//! and by the checks of style, inline enumerations and counts, which the outline runs.

use crate::span::Span;

/// A numbering problem, as the rules will report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The rule that reports it, e.g. `numbering/sequence`.
    pub rule: &'static str,
    pub span: Span,
    pub message: String,
    /// The marker this one is judged against (the previous sibling, the parent…).
    pub related: Option<(Span, String)>,
    /// The marker as it should be written, when that is certain.
    pub fix: Option<String>,
}
