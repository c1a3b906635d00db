//! Suppressions: comments in Markdown, `[[ignore]]` in the config for plain text, and the
//! opt-in report of suppressions that silenced nothing.

use crate::common;

use crate::common::rules_and_lines;
use assert_cmd::Command;

fn check(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let output = Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    (output.status.code(), report, stderr)
}

const MARKDOWN: &str = "\
# 会议纪要

<!-- wenlint-disable placeholder/name -- 人名按要求隐去 -->

请某某同志参加。

<!-- wenlint-enable placeholder/name -->

请某某同志主持。

<!-- wenlint-disable-next-line placeholder -->
会议于X月X日召开。

<!-- wenlint-disable-next-line term -->
联系人：某某。
";

#[test]
fn markdown_comments_silence_what_they_name_where_they_say() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("minutes.md"), MARKDOWN).unwrap();
    let (_, report, _) = check(dir.path(), &["minutes.md"]);
    assert_eq!(
        rules_and_lines(&report),
        [
            ("placeholder/name".to_string(), 9),
            ("placeholder/name".to_string(), 15)
        ]
    );
}

#[test]
fn unused_comments_are_reported_on_request() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("minutes.md"), MARKDOWN).unwrap();
    let (code, report, _) = check(dir.path(), &["--report-unused-suppressions", "minutes.md"]);
    assert_eq!(code, Some(1));
    assert!(
        rules_and_lines(&report).contains(&("suppression/unused".to_string(), 14)),
        "{report:#}"
    );
}

/// `suppression/unused` is a rule like the others: the config sets its severity or turns it
/// off, for comments and `[[ignore]]` entries alike.
#[test]
fn the_config_sets_the_severity_of_unused_suppressions() {
    let unused_severities = |setting: &str| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("minutes.md"), MARKDOWN).unwrap();
        std::fs::write(
            dir.path().join("wenlint.toml"),
            format!("[rules]\n\"suppression/unused\" = \"{setting}\"\n\n[[ignore]]\nregex = \"从未出现\"\n"),
        )
        .unwrap();
        let (_, report, stderr) =
            check(dir.path(), &["--report-unused-suppressions", "minutes.md"]);
        let severities: Vec<String> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "suppression/unused")
            .map(|d| d["severity"].as_str().unwrap().to_string())
            .collect();
        (severities, stderr.contains("ignored nothing"))
    };
    assert_eq!(unused_severities("off"), (vec![], false));
    assert_eq!(
        unused_severities("error"),
        (vec!["error".to_string()], true)
    );
    assert_eq!(unused_severities("on"), (vec!["warning".to_string()], true));
}

#[test]
fn config_ignores_silence_plain_text_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "请张某某同志参加。\n请某某同志主持。\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), "请某某同志主持。\n").unwrap();
    std::fs::write(
        dir.path().join("wenlint.toml"),
        "[[ignore]]\npath = \"a.txt\"\nrule = \"placeholder\"\ntext = \"主持\"\nreason = \"化名\"\n\n[[ignore]]\nregex = \"从未出现\"\n",
    )
    .unwrap();
    let (_, report, stderr) = check(dir.path(), &["--report-unused-suppressions", "."]);
    let paths = common::paths_of(&report);
    assert_eq!(paths, ["./b.txt"], "{report:#}");
    assert!(
        stderr.contains("wenlint.toml:8") && stderr.contains("ignored nothing"),
        "{stderr}"
    );
}

#[test]
fn a_bad_ignore_regex_is_a_config_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "正文。\n").unwrap();
    std::fs::write(
        dir.path().join("wenlint.toml"),
        "[[ignore]]\nregex = \"(\"\n",
    )
    .unwrap();
    let (code, _, stderr) = check(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("无效的正则表达式") && stderr.contains("wenlint.toml:2"),
        "{stderr}"
    );
}

/// A comment that misspells the rule it means silences nothing, and says so.
#[test]
fn a_comment_naming_an_unknown_rule_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\
<!-- wenlint-disable-next-line placeholder/markr -->
请XX同志参加。

<!-- wenlint-disable-next-line placeholdr, term -->
认真布署工作。
";
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let (code, report, _) = check(dir.path(), &["a.md"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        rules_and_lines(&report),
        [
            ("suppression/unknown".to_string(), 1),
            ("placeholder/marker".to_string(), 2),
            ("suppression/unknown".to_string(), 4),
        ]
    );
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "suppression/unknown")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(messages[0].contains("“placeholder/markr”"), "{messages:?}");
    assert!(
        messages[0].contains("wenlint explain placeholder"),
        "{messages:?}"
    );
    assert!(messages[1].contains("“placeholdr”"), "{messages:?}");
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
}
