//! `numbering/*`: the numbering of headings and items, checked on the document's outline
//! (see [`crate::structure`]). The outline is built once per document, and the problems of its
//! numbering are found once ([`problems`]); each rule reports those of its own kind.
//!
//! The outline finds the problems of order as it groups the markers (`sequence`, `start`,
//! `restart`, `level-order`); the checks of form (`style`), of enumerations in the prose
//! (`inline`) and of announced counts (`count`) run on the finished outline, here.

mod count;
mod inline;
mod level_order;
mod restart;
mod sequence;
mod start;
mod style;

use super::{Context, RuleDef};
use crate::diagnostic::{Finding, Fix, Related};
use crate::document::Document;
use crate::structure::{Outline, Problem};

pub static RULES: &[&RuleDef] = &[
    &sequence::RULE,
    &start::RULE,
    &restart::RULE,
    &level_order::RULE,
    &style::RULE,
    &inline::RULE,
    &count::RULE,
];

/// Every numbering problem of a document, in document order: those the outline found while
/// grouping its markers, then those of form, of inline enumerations and of counts.
pub fn problems(doc: &Document, outline: &Outline) -> Vec<Problem> {
    let mut problems = outline.problems.clone();
    style::check_markers(doc, &outline.kept, &outline.series, &mut problems);
    let items = inline::check_items(doc, &outline.kept, &mut problems);
    count::check_counts(doc, &outline.kept, &items, &mut problems);
    problems.sort_by_key(|p| p.span.start);
    problems
}

/// Reports the document's numbering problems of rule `id`.
fn report(cx: &Context, id: &str, out: &mut Vec<Finding>) {
    for problem in cx.numbering_problems().iter().filter(|p| p.rule == id) {
        let mut finding = Finding::new(problem.span.clone(), problem.message.clone());
        finding.fix = problem.fix.clone().map(Fix::safe).map(Box::new);
        if let Some((span, message)) = &problem.related {
            finding
                .related
                .push(Related::new(span.clone(), message.clone()));
        }
        out.push(finding);
    }
}
