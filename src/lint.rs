//! Linting one document: run every enabled rule, attach ids and severities, sort.

use rayon::prelude::*;

use crate::config::Config;
use std::borrow::Cow;

use crate::diagnostic::{sort, Diagnostic, Finding, Severity};
use crate::document::Document;
use crate::rules::Context;

/// Runs the rules `config` enables over `doc`; diagnostics come in document order.
///
/// The rules run in parallel: one long document (what an editor or the page re-lints after
/// each edit) then uses every core, as many files do in `check`. What several rules read is
/// built once in the shared context, by the first that asks. (A document of many megabytes
/// has its duplicate pass built first, alone: see [`Context::build_long_pass_first`].)
pub fn lint(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    lint_selected(doc, config, |_| true)
}

/// [`lint`] with only the enabled rules whose id `wanted` accepts: a run that reports a few
/// rules (`--select`) does not pay for the others.
pub fn lint_selected(
    doc: &Document,
    config: &Config,
    wanted: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let enabled: Vec<_> = config
        .enabled_rules()
        .iter()
        .filter(|(rule, _)| wanted(&rule.meta().id))
        .collect();
    let ids = enabled.iter().map(|(rule, _)| rule.meta().id.as_ref());
    let cx = Context::for_rules(doc, &config.profile, ids);
    cx.build_long_pass_first();
    let by_rule: Vec<_> = enabled
        .par_iter()
        .map(|(rule, severity)| {
            let mut findings = Vec::new();
            rule.check(&cx, &mut findings);
            cx.finished(&rule.meta().id);
            (&rule.meta().id, *severity, findings)
        })
        .collect();
    // What the rules shared (a long document's sentences and clauses, their index, the
    // outline) is let go before the findings become diagnostics, which are then made in one
    // list of their total number, each rule's findings freed as they are moved: a long
    // document's hundred thousand findings are held once, plus one rule's.
    drop(cx);
    let mut diagnostics = Vec::with_capacity(by_rule.iter().map(|(_, _, found)| found.len()).sum());
    for (id, severity, findings) in by_rule {
        move_findings(findings, (id, severity), &mut diagnostics);
    }
    sort(&mut diagnostics);
    diagnostics
}

/// How many findings are moved at a time.
const CHUNK: usize = 4096;

/// Moves one rule's `findings` onto the end of `diagnostics` as the rule's diagnostics, in their
/// order, letting go of the findings' room a chunk at a time as they go. Moved all at once, the
/// hundred thousand findings of a long text said twice over were held whole beside their
/// diagnostics: the peak of the check.
fn move_findings(
    mut findings: Vec<Finding>,
    (id, severity): (&Cow<'static, str>, Severity),
    diagnostics: &mut Vec<Diagnostic>,
) {
    let start = diagnostics.len();
    // The chunks are taken from the end (where a list can give its room back), each in order,
    // and cut at multiples of `CHUNK` from the start.
    while !findings.is_empty() {
        let kept = (findings.len() - 1) / CHUNK * CHUNK;
        let chunk = findings.drain(kept..);
        diagnostics.extend(chunk.map(|f| Diagnostic::from_finding(id.clone(), severity, f)));
        findings.shrink_to(kept);
    }
    // Last chunk first: reversed whole, then each chunk back, they are in order.
    let moved = &mut diagnostics[start..];
    moved.reverse();
    moved.chunks_mut(CHUNK).for_each(<[Diagnostic]>::reverse);
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// However many findings (several chunks, a part of one, none), they come out as
        /// diagnostics in their order, after those already there.
        #[test]
        fn findings_are_moved_in_their_order(before in 0usize..3, count in 0usize..3 * CHUNK) {
            let finding = |i: usize| Finding::new(i..i + 1, i.to_string());
            let id: Cow<'static, str> = "punct/pair".into();
            let mut diagnostics: Vec<Diagnostic> = (0..before)
                .map(|i| Diagnostic::from_finding(id.clone(), Severity::Info, finding(i)))
                .collect();
            move_findings((0..count).map(finding).collect(), (&id, Severity::Warning), &mut diagnostics);
            proptest::prop_assert_eq!(diagnostics.len(), before + count);
            let moved: Vec<String> = diagnostics[before..].iter().map(|d| d.message.to_string()).collect();
            let expected: Vec<String> = (0..count).map(|i| i.to_string()).collect();
            proptest::prop_assert_eq!(moved, expected);
            proptest::prop_assert!(diagnostics[before..].iter().all(|d| d.severity == Severity::Warning));
        }
    }
}
