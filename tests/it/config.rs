//! Configs that extend others (`extend = "../wenlint.toml"`), as `wenlint check` applies them.

use crate::common::{check_json, rules_and_lines, write};

/// A project whose top config turns `placeholder/marker` off, and a folder whose config
/// extends it and changes one more rule.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "wenlint.toml",
        "exclude = [\"old/**\"]\n[rules]\n\"placeholder/marker\" = \"off\"\n",
    );
    write(
        dir.path(),
        "sub/wenlint.toml",
        "extend = \"../wenlint.toml\"\n[rules]\n\"placeholder/todo\" = \"info\"\n",
    );
    write(dir.path(), "sub/a.txt", "请XX同志发言。TODO 补充数据。\n");
    write(dir.path(), "old/b.txt", "请XX同志发言。\n");
    dir
}

#[test]
fn a_child_config_keeps_what_its_parent_turned_off() {
    let dir = project();
    let (code, report) = check_json(dir.path(), &["sub/a.txt"]);
    assert_eq!(code, Some(0), "only an info is left: {report:#}");
    assert_eq!(
        rules_and_lines(&report),
        [("placeholder/todo".to_string(), 1)]
    );
    assert_eq!(report["diagnostics"][0]["severity"], "info");
    // The parent's exclude, relative to the parent's folder, holds for the whole run.
    let (_, report) = check_json(dir.path(), &["."]);
    assert_eq!(report["summary"]["files"], 1, "{report:#}");
}
