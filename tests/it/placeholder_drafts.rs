//! Recall and precision of the `placeholder` family on real drafts from public pages, with
//! every unfilled blank marked by hand (`tests/data/placeholder/`, see its README).
//!
//! `dev/` is the set the rules were developed on; `holdout/` was collected separately, by
//! other searches, and is read only to measure. A finding counts as right when it overlaps
//! a marked blank, and a blank as found when a finding overlaps it. Run with
//! `cargo test --test it placeholder_drafts:: -- --nocapture` to see the scores and every miss
//! and false alarm.

use crate::common;

use std::ops::Range;

use crate::common::{read_marked, Marked};

fn read_set(name: &str) -> Vec<Marked> {
    common::read_marked_set(&format!("tests/data/placeholder/{name}"))
}

#[derive(Default)]
struct Score {
    drafts: usize,
    marked: usize,
    found: usize,
    findings: usize,
    right: usize,
    misses: Vec<String>,
    false_alarms: Vec<String>,
}

impl Score {
    fn recall(&self) -> f64 {
        self.found as f64 / self.marked.max(1) as f64
    }

    fn precision(&self) -> f64 {
        self.right as f64 / self.findings.max(1) as f64
    }

    fn add(&mut self, draft: &Marked) {
        let (doc, diagnostics) = common::lint_text(&draft.text, "a.txt");
        let findings: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("placeholder/"))
            .collect();
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        let at = |span: &Range<usize>| {
            let p = doc.position(span.start);
            format!("{}:{}:{}", draft.name, p.line, p.column)
        };
        let context = |span: &Range<usize>| {
            let from = draft.text[..span.start]
                .char_indices()
                .rev()
                .nth(5)
                .map_or(0, |(i, _)| i);
            let to = draft.text[span.end..]
                .char_indices()
                .nth(6)
                .map_or(draft.text.len(), |(i, _)| span.end + i);
            format!(
                "{}⟦{}⟧{}",
                &draft.text[from..span.start],
                &draft.text[span.clone()],
                &draft.text[span.end..to]
            )
            .replace('\n', "⏎")
        };
        self.drafts += 1;
        self.marked += draft.marked.len();
        for blank in &draft.marked {
            if findings.iter().any(|d| overlaps(&d.span, blank)) {
                self.found += 1;
            } else {
                self.misses
                    .push(format!("{} {}", at(blank), context(blank)));
            }
        }
        self.findings += findings.len();
        for finding in findings {
            if draft.marked.iter().any(|b| overlaps(&finding.span, b)) {
                self.right += 1;
            } else {
                self.false_alarms.push(format!(
                    "{} {} {}",
                    at(&finding.span),
                    finding.rule,
                    context(&finding.span)
                ));
            }
        }
    }

    fn report(&self, set: &str) {
        println!(
            "placeholder on {set}: {} drafts, {} marked blanks, {} findings; \
             recall {:.3} ({}/{}), precision {:.3} ({}/{})",
            self.drafts,
            self.marked,
            self.findings,
            self.recall(),
            self.found,
            self.marked,
            self.precision(),
            self.right,
            self.findings
        );
        for miss in &self.misses {
            println!("  missed {miss}");
        }
        for alarm in &self.false_alarms {
            println!("  false alarm {alarm}");
        }
    }
}

fn score(set: &str) -> Score {
    let mut score = Score::default();
    for draft in read_set(set) {
        score.add(&draft);
    }
    score.report(set);
    score
}

/// What the rules must reach on drafts they were not written against: recall 0.9,
/// precision 0.95.
fn assert_meets_the_bar(set: &str) {
    let score = score(set);
    assert!(score.drafts >= 15, "{set} has {} drafts", score.drafts);
    assert!(score.recall() >= 0.9, "{set}: recall {:.3}", score.recall());
    assert!(
        score.precision() >= 0.95,
        "{set}: precision {:.3}",
        score.precision()
    );
}

#[test]
fn development_set_recall_and_precision() {
    assert_meets_the_bar("dev");
}

#[test]
fn holdout_set_recall_and_precision() {
    assert_meets_the_bar("holdout");
}

#[test]
fn marked_excerpts_read_back() {
    let draft = read_marked_str("# source: x\n到⟦X⟧乡走访，投资⟦ ⟧万元。");
    assert_eq!(draft.text, "到X乡走访，投资 万元。");
    let blanks: Vec<&str> = draft
        .marked
        .iter()
        .map(|b| &draft.text[b.clone()])
        .collect();
    assert_eq!(blanks, ["X", " "]);
}

fn read_marked_str(source: &str) -> Marked {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("excerpt.txt");
    std::fs::write(&path, source).unwrap();
    read_marked(&path)
}
