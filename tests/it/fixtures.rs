//! Every built-in rule against its own fixtures: `fixtures/<family>/<name>.fire.txt` must make
//! it fire (the findings are pinned by a snapshot) and `<name>.quiet.txt`, full of the traps
//! the rule must not fall into, must not make its family report anything.

use crate::common;

use crate::common::{lint_fixture, listing};

/// Rules found by the run, not in one document: `tests/it/cross_file.rs`, `tests/it/suppress.rs`.
const RUN_LEVEL: &[&str] = &[
    "duplicate/cross-file",
    "suppression/unknown",
    "suppression/unused",
];

fn rule_ids() -> Vec<String> {
    wenlint::builtin_rules()
        .map(|r| r.id.to_string())
        .filter(|id| !RUN_LEVEL.contains(&id.as_str()))
        .collect()
}

#[test]
fn every_rule_has_fire_and_quiet_fixtures() {
    for id in rule_ids() {
        for kind in ["fire", "quiet"] {
            let path = common::fixture(&format!("{id}.{kind}.txt"));
            assert!(path.is_file(), "{id}: missing fixture {}", path.display());
        }
    }
}

#[test]
fn every_rule_fires_on_its_fire_fixture() {
    for id in rule_ids() {
        let (doc, mut diagnostics) = lint_fixture(&format!("{id}.fire.txt"));
        diagnostics.retain(|d| d.rule == id);
        assert!(!diagnostics.is_empty(), "{id} did not fire");
        insta::assert_snapshot!(
            format!("fire_{}", id.replace('/', "_")),
            listing(&doc, &diagnostics)
        );
    }
}

#[test]
fn no_family_reports_anything_on_a_quiet_fixture() {
    for id in rule_ids() {
        let (doc, mut diagnostics) = lint_fixture(&format!("{id}.quiet.txt"));
        diagnostics.retain(|d| family_of(&d.rule) == family_of(&id));
        assert_eq!(listing(&doc, &diagnostics), "", "{id}.quiet.txt");
    }
}

/// The family part of a rule id (`placeholder` of `placeholder/marker`).
fn family_of(id: &str) -> &str {
    id.split_once('/').map_or(id, |(family, _)| family)
}
