//! The `numbering` family on real drafts from public pages (`tests/data/numbering/`, see its
//! README): school, community, company and safety plans, notices and summaries with rich
//! numbering, each slip a careful editor would correct marked by hand (a marker that lost its
//! point, a gap, a repeat, a wrong start, mixed enumerators, an inverted level, mixed
//! punctuation in one series).
//!
//! A finding is right when it overlaps a marked span, and a span is found when a finding
//! overlaps it. Run with `cargo test --test it numbering_drafts:: -- --nocapture` to see recall,
//! precision, every miss and every false alarm.

use crate::common;

use crate::common::MarkScore;

fn score(set: &str) -> (usize, MarkScore) {
    let texts = common::read_marked_set(&format!("tests/data/numbering/{set}"));
    let mut score = MarkScore::default();
    for text in &texts {
        score.add_where(text, "numbering/", |d| !only_bracket_width(d));
    }
    println!(
        "numbering on {set}: {} documents; {} marked, {} found (recall {:.3}); \
         {} findings, {} right (precision {:.3})",
        texts.len(),
        score.marked,
        score.found,
        score.recall(),
        score.findings,
        score.right,
        score.precision()
    );
    for note in &score.notes {
        println!("  {note}");
    }
    (texts.len(), score)
}

/// A finding about half-width brackets and nothing else: the stored pages made every
/// bracket half-width, so the sets cannot judge it (see the data's README).
fn only_bracket_width(finding: &wenlint::Diagnostic) -> bool {
    finding.message.contains("半角括号") && !finding.message.contains("后加标点")
}

/// The floor the family holds on each set, so that a change that loses slips or adds false
/// alarms fails here. Raise it as the family learns the slips it misses.
fn assert_at_least(set: &str, recall: f64, precision: f64) {
    let (documents, score) = score(set);
    assert!(documents >= 25, "{set}: {documents} documents");
    assert!(
        score.recall() >= recall,
        "{set}: recall {:.3}",
        score.recall()
    );
    assert!(
        score.precision() >= precision,
        "{set}: precision {:.3}",
        score.precision()
    );
}

#[test]
fn development_set() {
    assert_at_least("dev", 0.95, 0.95);
}

#[test]
fn holdout_set() {
    assert_at_least("holdout", 0.85, 0.95);
}

/// Government and party-organ texts (`fresh/`), searched and marked after the family was
/// built on `dev/` and `holdout/`: a check on drafts of another kind than the ones it was
/// tuned on. Its first run found 2 of 16 slips with 2 of 12 findings right; five of its marks
/// (`首先……第二`, `首先……其次……第三`) are a form the family accepts because edited national
/// reports use it.
#[test]
fn fresh_set() {
    assert_at_least("fresh", 0.35, 0.8);
}

/// Department texts (`fresh2/`: 述职报告, 整改方案, 工作要点, 实施细则, 调研报告), marked by a reader
/// who did not see the checks: few slips, many traps, so mostly a measure of false alarms.
/// Its first run found 0 of 4 slips with 0 of 9 findings right (excerpts that open or go on
/// after a cut, headings numbered on through chapters, `壹` for `一`).
#[test]
fn fresh2_set() {
    assert_at_least("fresh2", 0.25, 0.6);
}

/// Speeches and reports (`fresh3/`: 政府工作报告, 人大 and 政协 reports, meeting speeches, 党课),
/// marked by a reader who did not see the checks, after the family learned from `fresh/` and
/// `fresh2/`: 2 slips and 23 texts with none, so mostly a measure of false alarms. Its first
/// run found 1 of 2 slips with 1 of 2 findings right (the other: a list resuming at `二、`
/// after a site's `此处内容需要权限查看`).
#[test]
fn fresh3_set() {
    assert_at_least("fresh3", 0.5, 0.9);
}
