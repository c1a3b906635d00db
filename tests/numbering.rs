//! The `numbering` family against its fixtures: each `.fire` fixture is reported where its
//! defect is (pinned by a snapshot), each `.quiet` fixture, full of traps, is not reported.

mod common;

use common::{lint_fixture, listing};
use wenlint::rules::Registry;

fn numbering_rule_names() -> Vec<String> {
    Registry::builtin()
        .iter()
        .map(|r| r.meta().id.clone())
        .filter_map(|id| id.strip_prefix("numbering/").map(str::to_string))
        .collect()
}

#[test]
fn every_numbering_rule_has_fire_and_quiet_fixtures() {
    let names = numbering_rule_names();
    assert_eq!(names, ["level-order", "restart", "sequence", "start"]);
    for name in names {
        for kind in ["fire", "quiet"] {
            let path = common::fixture(&format!("numbering/{name}.{kind}.txt"));
            assert!(path.is_file(), "missing fixture {}", path.display());
        }
    }
}

#[test]
fn each_rule_fires_on_its_fixture() {
    for name in numbering_rule_names() {
        let id = format!("numbering/{name}");
        let (doc, diagnostics) = lint_fixture(&format!("numbering/{name}.fire.txt"));
        assert!(
            diagnostics.iter().any(|d| d.rule == id),
            "{id} did not fire"
        );
        insta::assert_snapshot!(
            format!("numbering_{name}_fire"),
            listing(&doc, &diagnostics)
        );
    }
}

#[test]
fn quiet_fixtures_report_nothing() {
    for name in numbering_rule_names() {
        let (doc, diagnostics) = lint_fixture(&format!("numbering/{name}.quiet.txt"));
        assert_eq!(
            listing(&doc, &diagnostics),
            "",
            "numbering/{name}.quiet.txt"
        );
    }
}
