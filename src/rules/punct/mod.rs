//! `punct/*`: punctuation by GB/T 15834-2011《标点符号用法》, which GB/T 9704-2012 §9 makes
//! the rule for 公文.
//!
//! One file per rule, each declaring its `RULE`; `RULES` lists them. Fixes are offered only where the right mark is certain
//! (a half-width comma between Chinese characters is a full-width comma); where an editor has
//! to choose (which of `，。` to keep), the finding says so and offers none.

mod dash;
mod ellipsis;
mod halfwidth;
mod list_break;
mod pair;
mod quoted_list;
mod range;
mod repeated;
mod runs;
mod space;

pub(crate) use crate::document::chars::{is_chinese, is_han};

use super::{Context, RuleDef};

pub static RULES: &[&RuleDef] = &[
    &halfwidth::RULE,
    &pair::RULE,
    &quoted_list::RULE,
    &range::RULE,
    &ellipsis::RULE,
    &dash::RULE,
    &repeated::RULE,
    &list_break::RULE,
    &space::RULE,
];

/// The nearest character before `at` on the same line, skipping ASCII spaces and tabs.
pub(crate) fn before(text: &str, at: usize) -> Option<char> {
    text[..at]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .find(|&c| c != ' ' && c != '\t')
}

/// The nearest character from `at` on the same line, skipping ASCII spaces and tabs.
pub(crate) fn after(text: &str, at: usize) -> Option<char> {
    text[at..]
        .chars()
        .take_while(|&c| c != '\n' && c != '\r')
        .find(|&c| c != ' ' && c != '\t')
}

/// The paragraphs of the document as `(span, text)`.
pub(crate) fn paragraphs<'a>(
    cx: &'a Context,
) -> impl Iterator<Item = (std::ops::Range<usize>, &'a str)> + 'a {
    cx.doc
        .paragraphs
        .iter()
        .map(|p| (p.clone(), &cx.doc.text[p.clone()]))
}

/// Runs the rule `id` of this family over a plain-text document (for unit tests).
#[cfg(test)]
pub(super) fn run(
    id: &str,
    text: &str,
) -> (crate::document::Document, Vec<crate::diagnostic::Finding>) {
    super::run_builtin(id, text)
}

/// The text each finding of rule `id` points at (for unit tests).
#[cfg(test)]
pub(super) fn flagged(id: &str, text: &str) -> Vec<String> {
    let (doc, found) = run(id, text);
    found
        .into_iter()
        .map(|f| doc.source[f.span].to_string())
        .collect()
}
