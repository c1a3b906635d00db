//! Linting one document: run every enabled rule, attach ids and severities, sort.

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{sort, Diagnostic};
use crate::document::Document;
use crate::rules::Context;

/// Runs the rules `config` enables over `doc`; diagnostics come in document order.
///
/// The rules run in parallel: one long document (what an editor or the page re-lints after
/// each edit) then uses every core, as many files do in `check`. What several rules read is
/// built once in the shared context, by the first that asks.
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
        .registry
        .iter()
        .filter(|rule| wanted(&rule.meta().id))
        .filter_map(|rule| Some((rule, config.severity_of(rule.meta())?)))
        .collect();
    let ids = enabled.iter().map(|(rule, _)| rule.meta().id.as_ref());
    let cx = Context::for_rules(doc, &config.profile, ids);
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
        diagnostics.extend(
            findings
                .into_iter()
                .map(|finding| Diagnostic::from_finding(id.clone(), severity, finding)),
        );
    }
    sort(&mut diagnostics);
    diagnostics
}
