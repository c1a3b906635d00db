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
    assert!(String::from_utf8_lossy(&output.stderr).contains("已修正 1 个文件中的 4 处问题。"));
    assert_eq!(std::fs::read(&path).unwrap(), gbk(FIXED));
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "no temporary file is left behind");
}

/// A GB18030 file whose second line starts with `A3 A0`, which GB18030 reads as an
/// ideographic space but writes as `A1 A1`; `rest` follows it.
fn with_a_space_spelt_oddly(rest: &str) -> Vec<u8> {
    [&gbk("一、总体要求\r\n")[..], b"\xA3\xA0", &gbk(rest)].concat()
}

/// Runs `--fix` on a file of `stored` bytes and gives its exit code and bytes afterwards.
fn fixed_file(stored: &[u8]) -> (Option<i32>, String, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, stored).unwrap();
    let output = wenlint()
        .args(["check", "--fix"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr, std::fs::read(&path).unwrap())
}

#[test]
fn bytes_gb18030_writes_differently_stay_on_lines_no_fix_touched() {
    let (code, _, after) = fixed_file(&with_a_space_spelt_oddly(
        "坚持稳中求进。\r\n认真布署。\r\n",
    ));
    assert_eq!(code, Some(0));
    assert_eq!(
        after,
        with_a_space_spelt_oddly("坚持稳中求进。\r\n认真部署。\r\n")
    );
}

#[test]
fn a_fix_beside_bytes_gb18030_writes_differently_is_refused_and_the_file_kept() {
    let stored = with_a_space_spelt_oddly("认真布署。\r\n");
    let (code, stderr, after) = fixed_file(&stored);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("未修正：第 2 行"), "{stderr}");
    assert_eq!(after, stored);
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
    assert!(String::from_utf8_lossy(&output.stderr).contains("已修正 0 个文件中的 0 处问题。"));
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
            "--fix 和 --diff 只处理文件，不处理标准输入",
        ));
}

/// A fix the context decides (`交待` → `交代`; `其他`/`其它` used as often as each other) is
/// offered as `suggested`: shown in the JSON report, left alone by `--fix`, applied with
/// `--fix --unsafe-fixes`.
#[test]
fn suggested_fixes_are_applied_only_when_asked() {
    const TEXT: &str = "把问题交待清楚。其他单位和其它部门，认真布署。\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, TEXT).unwrap();
    let output = wenlint()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let applicability: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["fix"]["applicability"]
                    .as_str()
                    .unwrap_or("none")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        applicability,
        [
            ("term/usage".to_string(), "suggested".to_string()),
            ("term/variant".to_string(), "suggested".to_string()),
            ("term/typo".to_string(), "safe".to_string()),
        ]
    );
    wenlint()
        .args(["check", "--fix"])
        .arg(&path)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "把问题交待清楚。其他单位和其它部门，认真部署。\n"
    );
    wenlint()
        .args(["check", "--fix", "--unsafe-fixes"])
        .arg(&path)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "把问题交代清楚。其他单位和其他部门，认真部署。\n"
    );
}
