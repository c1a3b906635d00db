//! Linting one document: run every enabled rule, attach ids and severities, sort.

use crate::config::Config;
use crate::diagnostic::{sort, Diagnostic};
use crate::document::Document;
use crate::rules::Context;

/// Runs the rules `config` enables over `doc`; diagnostics come in document order.
pub fn lint(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut findings = Vec::new();
    let cx = Context::new(doc, &config.profile);
    for rule in config.registry.iter() {
        let meta = rule.meta();
        let Some(severity) = config.severity_of(meta) else {
            continue;
        };
        rule.check(&cx, &mut findings);
        diagnostics.extend(
            findings
                .drain(..)
                .map(|finding| Diagnostic::from_finding(&meta.id, severity, finding)),
        );
    }
    sort(&mut diagnostics);
    diagnostics
}
