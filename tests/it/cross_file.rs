//! `--cross-file`: paragraphs shared between the files of one run are reported in the later
//! file, pointing at the earlier one; without the flag or the config key nothing is.

use assert_cmd::Command;

const SHARED: &str =
    "各地要坚持问题导向，聚焦群众反映强烈的突出问题，逐项研究解决办法，确保取得实效。";

fn two_drafts() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        format!("去年的报告。\n{SHARED}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        format!("今年的讲话稿。\n{SHARED}\n"),
    )
    .unwrap();
    dir
}

fn json(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let output = Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .arg(".")
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap();
    (output.status.code(), report)
}

#[test]
fn a_shared_paragraph_is_reported_in_the_later_file() {
    let dir = two_drafts();
    let (code, report) = json(dir.path(), &["--cross-file"]);
    assert_eq!(code, Some(1));
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{report:#}");
    let d = &diagnostics[0];
    assert_eq!(d["rule"], "duplicate/cross-file");
    assert_eq!(d["path"], "./b.txt");
    assert_eq!(d["span"]["start"]["line"], 2);
    assert_eq!(d["related"][0]["path"], "./a.txt");
    assert_eq!(d["related"][0]["span"]["start"]["line"], 2);
}

#[test]
fn cross_file_is_opt_in_by_flag_or_config() {
    let dir = two_drafts();
    let (code, report) = json(dir.path(), &[]);
    assert_eq!(code, Some(0), "{report:#}");
    std::fs::write(dir.path().join("wenlint.toml"), "cross_file = true\n").unwrap();
    let (code, report) = json(dir.path(), &[]);
    assert_eq!(code, Some(1), "{report:#}");
    assert_eq!(report["summary"]["warnings"], 1);
}
