//! Linting one document: run every enabled rule, attach ids and severities, sort.

use rayon::prelude::*;

use crate::config::Config;
use std::borrow::Cow;
use std::sync::Arc;

use crate::diagnostic::{sort, Diagnostic, Finding, Severity};
use crate::document::Document;
use crate::rules::{duplicate, Context, Rule};

/// Runs the rules `config` enables over `doc`; diagnostics come in document order.
///
/// The rules run in parallel: one long document (what an editor or the page re-lints after
/// each edit) then uses every core, as many files do in `check`. What several rules read is
/// built once in the shared context, by the first that asks. (A document of more than 8 MiB
/// runs the duplicate rules first and the others after them, for its peak memory.)
pub fn lint(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    lint_selected(doc, config, |_| true)
}

/// The length in bytes from which a document's duplicate rules run before the others
/// ([`in_waves`]): well past any real document's, so that only an archive's worth of text
/// gives up running them side by side.
const DUPLICATES_FIRST_FROM: usize = 8 << 20;

/// [`lint`] with only the enabled rules whose id `wanted` accepts: a run that reports a few
/// rules (`--select`) does not pay for the others.
pub fn lint_selected(
    doc: &Document,
    config: &Config,
    wanted: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    lint_in_waves_from(doc, config, wanted, DUPLICATES_FIRST_FROM)
}

/// [`lint_selected`], the duplicate rules run first in a document longer than `long` bytes.
fn lint_in_waves_from(
    doc: &Document,
    config: &Config,
    wanted: impl Fn(&str) -> bool,
    long: usize,
) -> Vec<Diagnostic> {
    let enabled: Vec<_> = config
        .enabled_rules()
        .iter()
        .filter(|(rule, _)| wanted(&rule.meta().id))
        .collect();
    let ids = enabled.iter().map(|(rule, _)| rule.meta().id.as_ref());
    let cx = Context::for_rules(doc, &config.profile, ids);
    let mut by_rule = Vec::with_capacity(enabled.len());
    for wave in in_waves(enabled, doc.text.len() > long) {
        run(&wave, &cx, &mut by_rule);
    }
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

/// An enabled rule and its severity.
type Enabled<'c> = &'c (Arc<dyn Rule>, Severity);

/// The rules to run one wave after the other: all of them at once, or, in a `long`
/// document, those that read the duplicate pass and then the rest. A long document's pass
/// holds an index of its units about as large as its text, the check's peak memory, and
/// the other rules, run beside it on other threads, would add what they hold (their shared
/// analyses, their pattern caches, each thread's heap) to that peak, more with each thread.
/// Run after it, they start once the pass and its index are let go, and the peak is the
/// same on any number of threads, for the time the pass takes on one thread alone.
fn in_waves(enabled: Vec<Enabled<'_>>, long: bool) -> Vec<Vec<Enabled<'_>>> {
    if !long {
        return vec![enabled];
    }
    let (first, rest) = enabled
        .into_iter()
        .partition(|(rule, _)| duplicate::reads_pass(&rule.meta().id));
    vec![first, rest]
}

/// Runs `rules` in parallel, and adds each one's findings to `by_rule`, in their order.
fn run<'c>(
    rules: &[Enabled<'c>],
    cx: &Context,
    by_rule: &mut Vec<(&'c Cow<'static, str>, Severity, Vec<Finding>)>,
) {
    let check = |(rule, severity): &Enabled<'c>| {
        let mut findings = Vec::new();
        rule.check(cx, &mut findings);
        cx.finished(&rule.meta().id);
        (&rule.meta().id, *severity, findings)
    };
    // On one thread (`RAYON_NUM_THREADS=1`, or a pool of one) the rules run in a plain loop:
    // splitting the list into jobs for no other thread to take cost three thousand
    // instructions a file.
    if rayon::current_num_threads() == 1 {
        by_rule.extend(rules.iter().map(check));
    } else {
        by_rule.par_extend(rules.par_iter().map(check));
    }
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
    if findings.is_empty() {
        return;
    }
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

    fn ids(wave: &[Enabled<'_>]) -> Vec<String> {
        wave.iter()
            .map(|(rule, _)| rule.meta().id.to_string())
            .collect()
    }

    #[test]
    fn a_long_documents_duplicate_rules_run_in_a_wave_of_their_own() {
        let config = Config::defaults(std::path::Path::new("."));
        let enabled: Vec<_> = config.enabled_rules().iter().collect();
        assert_eq!(
            ids(&in_waves(enabled.clone(), false).concat()),
            ids(&enabled)
        );
        let waves = in_waves(enabled.clone(), true);
        assert_eq!(waves.len(), 2);
        let first = ids(&waves[0]);
        assert_eq!(first.len(), 3, "{first:?}");
        assert!(first.iter().all(|id| duplicate::reads_pass(id)));
        assert!(ids(&waves[1]).iter().all(|id| !duplicate::reads_pass(id)));
        assert_eq!(waves[0].len() + waves[1].len(), enabled.len());
    }

    #[test]
    fn rules_run_in_waves_report_what_they_report_at_once() {
        let text = "坚持问题导向，聚焦群众反映强烈的突出问题，推动各项工作落地见效。\n\
                    全市上下要加强组织领导,压实工作责任。\n\
                    坚持问题导向，聚焦群众反映强烈的突出问题，推动各项工作落地见效。\n\
                    请XX同志于X月X日前报送材料。";
        let doc = Document::new(text.to_string(), crate::document::Format::Text);
        let config = Config::defaults(std::path::Path::new("."));
        let at_once = lint_in_waves_from(&doc, &config, |_| true, usize::MAX);
        let in_waves = lint_in_waves_from(&doc, &config, |_| true, 0);
        let rules: std::collections::BTreeSet<_> =
            at_once.iter().map(|d| d.rule.as_ref()).collect();
        assert!(rules.contains("duplicate/sentence"), "{rules:?}");
        assert!(rules.len() >= 3, "{rules:?}");
        assert_eq!(in_waves, at_once);
    }

    #[test]
    fn one_thread_reports_what_two_report() {
        let text = "坚持问题导向，聚焦群众反映强烈的突出问题，推动各项工作落地见效。\n\
                    全市上下要加强组织领导,压实工作责任。我省要“两个确定”。\n\
                    坚持问题导向，聚焦群众反映强烈的突出问题，推动各项工作落地见效。\n\
                    请XX同志于X月X日前报送材料。";
        let doc = Document::new(text.to_string(), crate::document::Format::Text);
        let config = Config::defaults(std::path::Path::new("."));
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool");
            pool.install(|| (rayon::current_num_threads(), lint(&doc, &config)))
        };
        let ((one, alone), (two, together)) = (on(1), on(2));
        assert_eq!((one, two), (1, 2));
        assert!(alone.len() >= 4, "{alone:?}");
        assert_eq!(alone, together);
    }

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
