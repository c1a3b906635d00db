//! The README is what a new user reads first: its table of rules is the one
//! `wenlint rules --format markdown` makes (where no config applies), so that it lists every
//! built-in rule with its default severity and summary, and nothing else.

use crate::common;

const START: &str = "<!-- rules table: scripts/readme-rules.sh writes it -->\n";
const END: &str = "<!-- end of rules table -->";

#[test]
fn the_readme_rules_table_is_the_one_the_rules_make() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("the README is readable");
    let table = readme
        .split_once(START)
        .and_then(|(_, rest)| rest.split_once(END))
        .map(|(table, _)| table)
        .expect("the README has the rules table between its two comments");
    let nowhere = tempfile::tempdir().unwrap();
    let output = common::wenlint()
        .current_dir(nowhere.path())
        .args(["rules", "--format", "markdown"])
        .output()
        .unwrap();
    let made = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        table, made,
        "the README's rules table is stale: run scripts/readme-rules.sh"
    );
    let rows = made.lines().filter(|line| line.starts_with("| `")).count();
    assert_eq!(rows, wenlint::builtin_rules().count());
}

/// The pages the language server links each finding to: one per rule, what `wenlint explain`
/// prints for it.
#[test]
fn the_rule_pages_are_what_explain_prints() {
    let nowhere = tempfile::tempdir().unwrap();
    let pages = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    for meta in wenlint::builtin_rules() {
        let output = common::wenlint()
            .current_dir(nowhere.path())
            .args(["explain", &meta.id])
            .output()
            .unwrap();
        let explained = String::from_utf8(output.stdout).unwrap();
        let expected = format!("# {}\n\n```text\n{explained}```\n", meta.id);
        let page = pages.join(format!("{}.md", meta.id));
        let written = std::fs::read_to_string(&page).unwrap_or_default();
        assert_eq!(
            written,
            expected,
            "{} is stale or missing: run scripts/rule-docs.sh",
            page.display()
        );
    }
    let count = walkdir::WalkDir::new(&pages)
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "md"))
        })
        .count();
    assert_eq!(
        count,
        wenlint::builtin_rules().count(),
        "a page of no rule in docs/rules"
    );
}
