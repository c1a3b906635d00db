//! Baselines: findings recorded once are not reported again, even after the lines around them
//! move; a new finding is.

use crate::common::{check_json, rules_and_lines};
use assert_cmd::Command;

fn run(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let output = Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .arg("draft.txt")
        .output()
        .unwrap();
    (
        output.status.code(),
        serde_json::from_slice(&output.stdout).unwrap(),
    )
}

const DRAFT: &str = "一、总体要求\n会议于X月X日召开，请XX同志参加。\n认真布署下一阶段工作。\n";

#[test]
fn only_new_findings_are_reported_after_lines_move() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.txt"), DRAFT).unwrap();
    let (code, report) = run(dir.path(), &["--write-baseline", "baseline.json"]);
    assert_eq!(code, Some(0), "writing a baseline accepts the findings");
    assert_eq!(rules_and_lines(&report).len(), 3);

    let (code, report) = run(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!((code, rules_and_lines(&report)), (Some(0), vec![]));

    // Lines inserted above move every finding down; one new placeholder is added.
    let moved = format!("关于做好年度工作的通知\n\n{DRAFT}请XX部门于月底前报送。\n");
    std::fs::write(dir.path().join("draft.txt"), moved).unwrap();
    let (code, report) = run(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        rules_and_lines(&report),
        [("placeholder/marker".to_string(), 6)]
    );
}

#[test]
fn a_finding_repeated_in_its_sentence_counts_each_time() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.txt"), "请XX同志参加。\n").unwrap();
    run(dir.path(), &["--write-baseline", "baseline.json"]);
    std::fs::write(
        dir.path().join("draft.txt"),
        "请XX同志参加。\n请XX同志参加。\n",
    )
    .unwrap();
    let (_, report) = run(dir.path(), &["--baseline", "baseline.json"]);
    let placeholders: Vec<_> = rules_and_lines(&report)
        .into_iter()
        .filter(|(rule, _)| rule == "placeholder/marker")
        .collect();
    assert_eq!(placeholders, [("placeholder/marker".to_string(), 2)]);
}

/// Standard input named with `--stdin-filename` (an editor or a hook piping a buffer) is
/// filtered by the baseline like the file of that name.
#[test]
fn standard_input_is_filtered_by_the_baseline_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.txt"), DRAFT).unwrap();
    let (code, _) = run(dir.path(), &["--write-baseline", "baseline.json"]);
    assert_eq!(code, Some(0));
    let piped = |extra: &str| {
        let output = Command::cargo_bin("wenlint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--baseline", "baseline.json"])
            .args(["--stdin-filename", "draft.txt", "-"])
            .write_stdin(format!("{DRAFT}{extra}"))
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        (output.status.code(), rules_and_lines(&report))
    };
    assert_eq!(piped(""), (Some(0), vec![]));
    let (code, found) = piped("请XX部门于月底前报送。\n");
    assert_eq!(code, Some(1));
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn a_broken_baseline_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.txt"), DRAFT).unwrap();
    std::fs::write(dir.path().join("baseline.json"), "not json").unwrap();
    let output = Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--baseline", "baseline.json", "draft.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("baseline.json"));
}

/// A baseline written by a directory walk (`./docs/d.txt`) matches the file however it is
/// named later: plainly (as pre-commit passes it), absolutely, with `./`, or from the folder
/// itself, because findings are keyed by the path from the project's root.
#[test]
fn every_spelling_of_a_path_matches_the_baseline() {
    let project = tempfile::tempdir().unwrap();
    let root = project.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::write(root.join("docs/d.txt"), DRAFT).unwrap();
    let (code, report) = check_json(root, &["--write-baseline", "baseline.json", "."]);
    assert_eq!(code, Some(0));
    assert_eq!(rules_and_lines(&report).len(), 3);
    let written = std::fs::read_to_string(root.join("baseline.json")).unwrap();
    assert!(written.contains("\"path\": \"docs/d.txt\""), "{written}");

    let absolute = root.join("docs/d.txt").display().to_string();
    for (folder, name) in [
        (root.to_path_buf(), "docs/d.txt"),
        (root.to_path_buf(), "./docs/d.txt"),
        (root.to_path_buf(), absolute.as_str()),
        (root.join("docs"), "d.txt"),
        (root.join("docs"), "./d.txt"),
    ] {
        let baseline = root.join("baseline.json").display().to_string();
        let (code, report) = check_json(&folder, &["--baseline", &baseline, name]);
        assert_eq!(
            (code, rules_and_lines(&report)),
            (Some(0), vec![]),
            "{name} from {}",
            folder.display()
        );
    }
}

/// A baseline written before findings were keyed from the project's root holds `./d.txt`.
#[test]
fn an_older_baseline_with_dot_slash_paths_still_matches() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.txt"), DRAFT).unwrap();
    run(dir.path(), &["--write-baseline", "baseline.json"]);
    let written = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    let older = written.replace("\"path\": \"draft.txt\"", "\"path\": \"./draft.txt\"");
    assert_ne!(older, written);
    std::fs::write(dir.path().join("baseline.json"), older).unwrap();
    let (code, report) = run(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!((code, rules_and_lines(&report)), (Some(0), vec![]));
}
