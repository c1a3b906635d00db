//! The `placeholder` family beyond the fixtures every rule has (`tests/it/fixtures.rs`): every
//! line of a `.fire` fixture is reported, Markdown code is not linted, the samples.

use crate::common::{lint_fixture, listing};

fn placeholder_rule_names() -> Vec<String> {
    wenlint::builtin_rules()
        .map(|r| r.id.to_string())
        .filter(|id| id.starts_with("placeholder/"))
        .map(|id| id["placeholder/".len()..].to_string())
        .collect()
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
