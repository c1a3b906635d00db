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
    let cx = Context::new(doc, &config.profile);
    let enabled: Vec<_> = config
        .registry
        .iter()
        .filter(|rule| wanted(&rule.meta().id))
        .filter_map(|rule| Some((rule, config.severity_of(rule.meta())?)))
        .collect();
    // Each rule's findings become diagnostics in a list of their own, of exactly their
    // number, and the lists are joined once their total is known: a long document's hundred
    // thousand findings are not copied into ever larger lists.
    let by_rule: Vec<Vec<Diagnostic>> = enabled
        .par_iter()
        .map(|(rule, severity)| {
            let mut findings = Vec::new();
            rule.check(&cx, &mut findings);
            let id = &rule.meta().id;
            findings
                .into_iter()
                .map(|finding| Diagnostic::from_finding(id.clone(), *severity, finding))
                .collect()
        })
        .collect();
    let mut diagnostics = Vec::with_capacity(by_rule.iter().map(Vec::len).sum());
    for found in by_rule {
        diagnostics.extend(found);
    }
    sort(&mut diagnostics);
    diagnostics
}
