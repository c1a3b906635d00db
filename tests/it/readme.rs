//! The README is what a new user reads first: its table of rules must list every built-in rule
//! with its default severity, and nothing else.

use std::collections::BTreeMap;

/// `| \`family/name\` | severity | … |` rows of the README's `## Rules` table.
fn readme_rules() -> BTreeMap<String, String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("the README is readable");
    let table = readme
        .split("\n## Rules\n")
        .nth(1)
        .expect("the README has a ## Rules section");
    table
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .filter_map(|line| {
            let mut cells = line.split('|').map(str::trim).skip(1);
            let id = cells.next()?.strip_prefix('`')?.strip_suffix('`')?;
            let severity = cells.next()?;
            Some((id.to_string(), severity.to_string()))
        })
        .collect()
}

#[test]
fn the_readme_lists_every_rule_with_its_default_severity() {
    let builtin: BTreeMap<String, String> = wenlint::builtin_rules()
        .map(|meta| (meta.id.to_string(), meta.severity.to_string()))
        .collect();
    assert_eq!(readme_rules(), builtin);
}
