//! Configs that extend others (`extend = "../wenlint.toml"`), as `wenlint check` applies them
//! and `wenlint config` shows them.

use predicates::prelude::*;
use serde_json::Value;

use crate::common::{check_json, rules_and_lines, wenlint, write};

/// A project whose top config turns `placeholder/marker` and `numbering/style` off, and a
/// folder whose config extends it, turns `numbering` up and `placeholder/todo` down.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "wenlint.toml",
        "exclude = [\"old/**\"]\ncross_file = true\n\n[rules]\n\"placeholder/marker\" = \"off\"\n\
         \"numbering/style\" = \"off\"\n\n[document]\nlevel = \"市\"\n\n\
         [[ignore]]\nrule = \"placeholder\"\ntext = \"张某某\"\n",
    );
    write(
        dir.path(),
        "sub/wenlint.toml",
        "extend = \"../wenlint.toml\"\n\n[rules]\n\"placeholder/todo\" = \"info\"\n\
         numbering = \"error\"\n\n[document]\nallow = [\"在北京召开\"]\n",
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

/// `wenlint config` run in `dir` with `args`: exit code, stdout, stderr.
fn config(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = wenlint()
        .current_dir(dir)
        .arg("config")
        .args(args)
        .output()
        .unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (
        output.status.code(),
        text(output.stdout),
        text(output.stderr),
    )
}

/// The lines of the rules listed whose ids are in `ids`: the whole list grows with every
/// new rule, which is not what these snapshots are about.
fn only_rules(human: &str, ids: &[&str]) -> String {
    let (settings, rules) = human
        .split_once("# 生效的规则")
        .expect("the listing ends with the rules in effect");
    let (heading, rules) = rules.split_once('\n').unwrap();
    let kept: String = rules
        .lines()
        .filter(|line| ids.iter().any(|id| line.starts_with(&format!("{id} "))))
        .map(|line| format!("{line}\n"))
        .collect();
    format!("{settings}# 生效的规则{heading}\n{kept}")
}

const SHOWN: [&str; 5] = [
    "numbering/start",
    "numbering/style",
    "placeholder/marker",
    "placeholder/todo",
    "term/typo",
];

#[test]
fn config_lists_each_setting_with_the_file_and_line_that_set_it() {
    let dir = project();
    let (code, human, stderr) = config(&dir.path().join("sub"), &["a.txt"]);
    assert_eq!(code, Some(0), "{stderr}");
    insta::assert_snapshot!("config_human", only_rules(&human, &SHOWN));
    let listed = human.lines().skip_while(|l| !l.starts_with("# 生效的规则"));
    assert_eq!(listed.count() - 1, wenlint::builtin_rules().count());
}

#[test]
fn config_json_has_the_same_settings_and_every_rule() {
    let dir = project();
    let (code, json, stderr) = config(&dir.path().join("sub"), &["--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    let mut listing: Value = serde_json::from_str(&json).unwrap();
    let rules = listing["rules"].as_array_mut().unwrap();
    assert_eq!(rules.len(), wenlint::builtin_rules().count());
    rules.retain(|rule| SHOWN.contains(&rule["id"].as_str().unwrap()));
    insta::assert_json_snapshot!("config_json", listing);
}

#[test]
fn config_honours_the_config_option() {
    let dir = project();
    let (code, json, _) = config(
        &dir.path().join("sub"),
        &["--config", "../wenlint.toml", "--format", "json"],
    );
    assert_eq!(code, Some(0));
    let listing: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(listing["chain"], serde_json::json!(["../wenlint.toml"]));
    let nowhere = tempfile::tempdir().unwrap();
    let (code, human, _) = config(nowhere.path(), &[]);
    assert_eq!(code, Some(0));
    assert!(
        human.starts_with("# . 没有配置文件，用的是默认设置\n"),
        "{human}"
    );
}

#[test]
fn config_with_a_broken_parent_reports_it_and_exits_two() {
    let dir = project();
    write(
        dir.path(),
        "wenlint.toml",
        "[rules]\n\"placeholder/markr\" = \"off\"\n",
    );
    wenlint()
        .current_dir(dir.path().join("sub"))
        .args(["config", "a.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "没有名为 `placeholder/markr` 的规则或规则族",
        ))
        .stderr(predicate::str::contains("wenlint.toml:2:1"));
    wenlint()
        .current_dir(dir.path())
        .args(["config", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("错误：missing.txt："));
}
