//! The `placeholder` family against its fixtures: every line of a `.fire` fixture is reported,
//! nothing of a `.quiet` fixture is, and the exact findings are pinned by snapshots.

mod common;

use common::{lint_fixture, listing};
use wenlint::rules::Registry;

fn placeholder_rule_names() -> Vec<String> {
    Registry::builtin()
        .iter()
        .map(|r| r.meta().id.clone())
        .filter(|id| id.starts_with("placeholder/"))
        .map(|id| id["placeholder/".len()..].to_string())
        .collect()
}

#[test]
fn every_placeholder_rule_has_fire_and_quiet_fixtures() {
    let names = placeholder_rule_names();
    assert_eq!(names, ["blank", "marker", "name", "note", "todo"]);
    for name in names {
        for kind in ["fire", "quiet"] {
            let path = common::fixture(&format!("placeholder/{name}.{kind}.txt"));
            assert!(path.is_file(), "missing fixture {}", path.display());
        }
    }
}

#[test]
fn each_rule_fires_on_every_line_of_its_fire_fixture() {
    for name in placeholder_rule_names() {
        let id = format!("placeholder/{name}");
        let (doc, diagnostics) = lint_fixture(&format!("placeholder/{name}.fire.txt"));
        for (index, line) in doc.source.lines().enumerate() {
            let reported = diagnostics
                .iter()
                .any(|d| d.rule == id && doc.position(d.span.start).line == index + 1);
            assert!(reported, "{id} missed line {}: {line}", index + 1);
        }
        insta::assert_snapshot!(
            format!("placeholder_{name}_fire"),
            listing(&doc, &diagnostics)
        );
    }
}

#[test]
fn quiet_fixtures_report_no_placeholder() {
    for name in placeholder_rule_names() {
        let (doc, mut diagnostics) = lint_fixture(&format!("placeholder/{name}.quiet.txt"));
        diagnostics.retain(|d| d.rule.starts_with("placeholder/"));
        assert_eq!(
            listing(&doc, &diagnostics),
            "",
            "placeholder/{name}.quiet.txt"
        );
    }
}

#[test]
fn markdown_is_linted_as_prose_only() {
    let (doc, diagnostics) = lint_fixture("placeholder/markdown.fire.md");
    insta::assert_snapshot!("placeholder_markdown_fire", listing(&doc, &diagnostics));
    let (doc, diagnostics) = lint_fixture("placeholder/markdown.quiet.md");
    assert_eq!(listing(&doc, &diagnostics), "");
}

#[test]
fn clean_sample_speech_has_no_findings() {
    let (doc, diagnostics) = lint_fixture("clean-speech.txt");
    assert_eq!(listing(&doc, &diagnostics), "");
}

#[test]
fn sample_draft_reports_each_placeholder_once() {
    let (doc, diagnostics) = lint_fixture("speech-draft.txt");
    insta::assert_snapshot!("speech_draft", listing(&doc, &diagnostics));
    for pair in diagnostics.windows(2) {
        assert!(
            pair[0].span.end <= pair[1].span.start,
            "overlapping findings: {pair:?}"
        );
    }
}
