//! `wenlint check --fix`: fixes are written back in the file's own encoding and line endings,
//! only the fixed spans change, a second run changes nothing, and standard input is refused.

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;

fn wenlint() -> Command {
    Command::cargo_bin("wenlint").unwrap()
}

const DRAFT: &str =
    "坚决拥护两个确定，认真布署。\r\n其他地区，其它单位，其他部门。\r\n(一)加强领导\r\n";
const FIXED: &str =
    "坚决拥护两个确立，认真部署。\r\n其他地区，其他单位，其他部门。\r\n（一）加强领导\r\n";

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

#[test]
fn a_gbk_file_with_crlf_is_fixed_in_place_and_stays_gbk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, gbk(DRAFT)).unwrap();
    let output = wenlint()
        .args(["check", "--fix", "--format", "concise"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("Fixed 4 problems in 1 file."));
    assert_eq!(std::fs::read(&path).unwrap(), gbk(FIXED));
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "no temporary file is left behind");
}

#[test]
fn a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, DRAFT).unwrap();
    wenlint()
        .args(["check", "--fix"])
        .arg(&path)
        .assert()
        .code(0);
    let once = std::fs::read(&path).unwrap();
    let output = wenlint()
        .args(["check", "--fix"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("Fixed 0 problems in 0 files."));
    assert_eq!(std::fs::read(&path).unwrap(), once);
    assert_eq!(once, FIXED.as_bytes());
}

#[test]
fn a_byte_order_mark_is_kept_and_what_cannot_be_fixed_is_still_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, "\u{FEFF}于X月X日前布署到位。\n").unwrap();
    wenlint()
        .args(["check", "--fix", "--format", "concise"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("placeholder/marker"))
        .stdout(predicates::str::contains("term/typo").not());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        "\u{FEFF}于X月X日前部署到位。\n".as_bytes()
    );
}

#[test]
fn standard_input_is_not_fixed() {
    wenlint()
        .args(["check", "--fix", "-"])
        .write_stdin("认真布署。")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--fix and --diff work on files, not standard input",
        ));
}
