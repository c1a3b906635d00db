//! The command line as users and CI meet it: exit codes, formats, config discovery and the
//! files that must not stop a run.

use crate::common;

use crate::common::{check_json, wenlint, write};

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("stdout is one JSON document")
}

#[test]
fn clean_file_exits_zero() {
    wenlint()
        .args(["check", "--color", "never"])
        .arg(common::fixture("clean-speech.txt"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("检查了 1 个文件，未发现问题。"));
}

#[test]
fn findings_exit_one_and_fail_on_sets_the_bar() {
    let draft = common::fixture("placeholder/name.fire.txt");
    wenlint().arg("check").arg(&draft).assert().code(1);
    // placeholder/name is a warning: below `error`, so this passes.
    wenlint()
        .args(["check", "--fail-on", "error"])
        .arg(&draft)
        .assert()
        .code(0);
    wenlint()
        .args(["check", "--fail-on", "info"])
        .arg(&draft)
        .assert()
        .code(1);
}

#[test]
fn human_output_is_rustc_style_with_summary() {
    let output = wenlint()
        .args(["check", "--color", "never"])
        .arg(common::fixture("speech-draft.txt"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("错误[placeholder/marker]: 占位符“XX”尚未填写"),
        "{stdout}"
    );
    assert!(stdout.contains("speech-draft.txt:1:4"), "{stdout}");
    assert!(stdout.contains('^'), "{stdout}");
    assert!(!stdout.contains("\u{1b}["), "no colour when not a terminal");
    assert!(
        stdout
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("检查了 "),
        "{stdout}"
    );
}

#[test]
fn color_always_colours() {
    let output = wenlint()
        .args(["check", "--color", "always"])
        .arg(common::fixture("placeholder/todo.fire.txt"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("\u{1b}["));
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let fixture = common::fixture("placeholder/todo.fire.txt");
    let output = wenlint()
        .args(["check", "--format", "concise"])
        .arg(&fixture)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let shown = fixture.display().to_string();
    assert_eq!(
        stdout,
        format!(
            "{shown}:1:5: error[placeholder/todo] 待办标记“TODO”尚未处理\n\
             {shown}:2:5: error[placeholder/todo] 待办标记“TBD”尚未处理\n\
             {shown}:3:1: error[placeholder/todo] 待办标记“FIXME”尚未处理\n"
        )
    );
}

#[test]
fn json_output_follows_the_contract() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a.txt",
        "第一行。\n会议定于X月X日召开，某某同志参加。\n",
    );
    let (code, report) = check_json(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(1));
    insta::assert_json_snapshot!("json_report", report);
    let first = &report["diagnostics"][0];
    // Columns count characters: 会议定于 is four characters, so X月X日 starts at column 5.
    assert_eq!(first["span"]["start"]["column"], 5);
    assert_eq!(first["span"]["end"]["column"], 9);
    // Bytes count UTF-8: 第一行。\n is 13 bytes, 会议定于 12 more.
    assert_eq!(first["span"]["byte_start"], 25);
}

#[test]
fn directory_walk_lints_txt_and_md_and_skips_hidden() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", "XX工作。\n");
    write(dir.path(), "sub/b.md", "# XX报告\n");
    write(dir.path(), "sub/c.docx.bak", "XX\n");
    write(dir.path(), ".git/d.txt", "XX\n");
    let (_, report) = check_json(dir.path(), &[]);
    assert_eq!(report["summary"]["files"], 2);
    let paths = common::paths_of(&report);
    assert_eq!(paths, ["./a.txt", "./sub/b.md"]);
}

/// Drafts saved on Windows often have upper-case extensions: they are documents all the same.
#[test]
fn upper_case_extensions_are_linted() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "通知.TXT", "请XX同志参加。\n");
    write(dir.path(), "说明.Md", "# XX报告\n");
    let body = "<w:p><w:r><w:t>请XX同志参加。</w:t></w:r></w:p>";
    let word = crate::word_files::zip_of(&[(
        "word/document.xml",
        crate::word_files::document(body).as_bytes(),
    )]);
    write(dir.path(), "讲话.DOCX", word);
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, Some(1));
    assert_eq!(report["summary"]["files"], 3);
    let rules = common::rules_and_lines(&report);
    assert_eq!(
        rules
            .iter()
            .filter(|(rule, _)| rule == "placeholder/marker")
            .count(),
        3
    );
}

#[test]
fn gitignored_files_are_not_linted_and_many_files_keep_their_order() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), ".gitignore", "archive/\n*.tmp.txt\n");
    write(dir.path(), "archive/old.txt", "XX工作。\n");
    write(dir.path(), "scratch.tmp.txt", "XX工作。\n");
    // More files than one parallel batch, in name order.
    for i in 0..150 {
        write(
            dir.path(),
            &format!("drafts/{i:03}.txt"),
            "请XX同志参加。\n",
        );
    }
    let (_, report) = check_json(dir.path(), &[]);
    assert_eq!(report["summary"]["files"], 150);
    let paths = common::paths_of(&report);
    let expected: Vec<String> = (0..150).map(|i| format!("./drafts/{i:03}.txt")).collect();
    assert_eq!(paths, expected);
}

#[test]
fn stdin_is_linted_with_its_given_name() {
    wenlint()
        .args([
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "draft.md",
            "-",
        ])
        .write_stdin("请XX同志发言。`XX`\n")
        .assert()
        .code(1)
        .stdout("draft.md:1:2: error[placeholder/marker] 占位符“XX”尚未填写：“同志”前应是姓名\n");
}

#[test]
fn config_found_by_walking_up_turns_rules_off() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "wenlint.toml",
        "[rules]\nplaceholder = \"off\"\n",
    );
    write(dir.path(), "deep/er/a.txt", "XX工作。\n");
    wenlint()
        .current_dir(dir.path())
        .args(["check", "deep/er/a.txt"])
        .assert()
        .code(0);
    // A nearer `.wenlint.toml` wins over the one above.
    write(
        dir.path(),
        "deep/.wenlint.toml",
        "[rules]\n\"placeholder/marker\" = \"info\"\n",
    );
    let output = wenlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "deep/er/a.txt"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "info is below the default fail-on"
    );
    assert_eq!(json_of(&output.stdout)["summary"]["infos"], 1);
}

#[test]
fn exclude_applies_even_to_named_files() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "wenlint.toml", "exclude = [\"archive/**\"]\n");
    write(dir.path(), "archive/old.txt", "XX\n");
    wenlint()
        .current_dir(dir.path())
        .args(["check", "archive/old.txt", "."])
        .assert()
        .code(0);
}

#[test]
fn malformed_config_points_at_its_line_and_exits_two() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "wenlint.toml",
        "[rules]\n\"placeholder/markr\" = \"off\"\n",
    );
    write(dir.path(), "a.txt", "XX\n");
    wenlint()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "没有名为 `placeholder/markr` 的规则或规则族",
        ))
        .stderr(predicate::str::contains("wenlint.toml:2:1"));
}

#[test]
fn user_rule_pack_with_a_bad_regex_is_located() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "wenlint.toml", "rule_dirs = [\"house\"]\n");
    write(
        dir.path(),
        "house/house.toml",
        "[[rule]]\nid = \"house/old\"\nkind = \"existence\"\nseverity = \"warning\"\n\
         summary = \"s\"\nmessage = \"m\"\ndoc = \"d\"\n[[rule.pattern]]\nregex = '旧称('\n",
    );
    write(dir.path(), "a.txt", "旧称\n");
    wenlint()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("无效的正则表达式"))
        .stderr(predicate::str::contains("house.toml:9:9"));
}

#[test]
fn user_rule_pack_reports_and_can_be_configured() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "wenlint.toml",
        "rule_dirs = [\"house\"]\n[rules]\n\"house/old-name\" = \"error\"\n",
    );
    write(
        dir.path(),
        "house/house.toml",
        "[[rule]]\nid = \"house/old-name\"\nkind = \"existence\"\nseverity = \"info\"\n\
         summary = \"旧机构名称\"\nmessage = \"“{match}”已更名\"\ndoc = \"机构改革后已更名。\"\n\
         tokens = [\"安监局\"]\n",
    );
    write(dir.path(), "a.txt", "市安监局召开会议。\n");
    wenlint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "a.txt"])
        .assert()
        .code(1)
        .stdout("a.txt:1:2: error[house/old-name] “安监局”已更名\n");
    wenlint()
        .current_dir(dir.path())
        .args(["explain", "house/old-name"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("机构改革后已更名。"));
}

#[test]
fn unreadable_files_are_reported_and_the_run_goes_on() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "binary.txt",
        b"PK\x03\x04\x00\x00\x14\x00binary\x00data",
    );
    write(dir.path(), "empty.txt", "");
    write(dir.path(), "good.txt", "XX工作。\n");
    let output = wenlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", ".", "missing.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("binary.txt：看来是二进制文件，不是文本"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.txt：找不到该文件或目录"),
        "{stderr}"
    );
    let report = json_of(&output.stdout);
    assert_eq!(
        report["summary"]["files"], 2,
        "empty.txt and good.txt were linted"
    );
    assert_eq!(report["summary"]["errors"], 1);
    let failures: Vec<(&str, &str)> = report["failures"]
        .as_array()
        .expect("the report lists its failures")
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        failures,
        [
            ("missing.txt", "找不到该文件或目录"),
            ("./binary.txt", "看来是二进制文件，不是文本")
        ]
    );
}

/// A run where a path could not be checked never reads as clean.
#[test]
fn the_human_summary_counts_what_could_not_be_checked() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.txt", "清洁的文本。\n");
    let output = wenlint()
        .current_dir(dir.path())
        .args(["check", "good.txt", "missing.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains("未发现问题"), "{stdout}");
    assert!(stdout.contains("另有 1 个路径无法检查"), "{stdout}");
}

#[test]
fn gbk_file_is_decoded_with_right_positions() {
    let dir = TempDir::new().unwrap();
    let text = "关于加强安全生产工作的通知\r\n各单位：请于X月X日前报送材料，联系人某某。\r\n";
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    write(dir.path(), "gbk.txt", &*bytes);
    wenlint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "gbk.txt"])
        .assert()
        .code(1)
        .stdout(
            "gbk.txt:2:7: error[placeholder/marker] 占位符“X月X日”尚未填写\n\
             gbk.txt:2:20: warning[placeholder/name] “某某”可能是尚未填写的名称\n",
        );
}

/// A draft of two characters saved as GBK is too short to tell GBK from Big5 by its bytes;
/// mainland drafts are GBK.
#[test]
fn a_two_character_gbk_file_is_read_as_gbk() {
    let dir = TempDir::new().unwrap();
    let (bytes, _, _) = encoding_rs::GBK.encode("布署");
    write(dir.path(), "a.txt", bytes);
    let (code, report) = check_json(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        common::rules_and_lines(&report),
        [("term/typo".to_string(), 1)]
    );
}

/// Notepad on a Chinese Windows saves "ANSI", which is GBK: such a config is read.
#[test]
fn a_config_saved_as_gbk_is_read() {
    let dir = TempDir::new().unwrap();
    let (config, _, _) =
        encoding_rs::GBK.encode("# 本单位的配置\n[rules]\n\"placeholder\" = \"off\" # 模板目录\n");
    write(dir.path(), "wenlint.toml", config);
    write(dir.path(), "a.txt", "请XX同志参加。\n");
    let (code, report) = check_json(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["summary"]["errors"], 0);
}

#[test]
fn utf8_bom_does_not_shift_columns() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "bom.txt", "\u{feff}XX工作。\n");
    wenlint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "bom.txt"])
        .assert()
        .stdout("bom.txt:1:1: error[placeholder/marker] 占位符“XX”尚未填写\n");
}

#[test]
fn usage_errors_exit_two() {
    wenlint()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    wenlint().arg("frobnicate").assert().code(2);
    wenlint()
        .args(["explain", "placeholder/nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the `placeholder` family has: placeholder/blank",
        ));
}

#[test]
fn rules_lists_and_explain_documents_every_rule() {
    let output = wenlint().arg("rules").output().unwrap();
    let listing = String::from_utf8(output.stdout).unwrap();
    for id in [
        "placeholder/marker",
        "placeholder/name",
        "placeholder/blank",
        "placeholder/note",
        "placeholder/todo",
    ] {
        assert!(listing.contains(id), "{listing}");
        let doc = wenlint().args(["explain", id]).output().unwrap();
        let doc = String::from_utf8(doc.stdout).unwrap();
        for section in ["检查什么", "为什么", "会报告", "不会报告", "如何修改"] {
            assert!(doc.contains(section), "{id} doc lacks {section}");
        }
    }
}

/// `wenlint rules` shows each rule at the severity the config that applies gives it.
#[test]
fn rules_shows_the_configured_severities() {
    let dir = tempfile::tempdir().unwrap();
    common::write(
        dir.path(),
        "wenlint.toml",
        "[rules]\nnumbering = \"error\"\n\"numbering/style\" = \"off\"\n",
    );
    let output = wenlint()
        .current_dir(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let severity_of = |id: &str| {
        let rule = rules
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} not listed"));
        (
            rule["severity"].as_str().unwrap().to_string(),
            rule["default_severity"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(
        severity_of("numbering/style"),
        ("off".into(), "warning".into())
    );
    assert_eq!(
        severity_of("numbering/start"),
        ("error".into(), "warning".into())
    );
    assert_eq!(
        severity_of("placeholder/marker").0,
        severity_of("placeholder/marker").1
    );
    let human = wenlint()
        .current_dir(dir.path())
        .arg("rules")
        .output()
        .unwrap();
    let human = String::from_utf8(human.stdout).unwrap();
    let style = human
        .lines()
        .find(|l| l.starts_with("numbering/style"))
        .unwrap();
    assert!(style.contains(" off "), "{style}");
}

#[test]
fn human_output_snapshot() {
    let output = wenlint()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--color",
            "never",
            "fixtures/placeholder/note.fire.txt",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("human_note_fire", String::from_utf8(output.stdout).unwrap());
    let english = wenlint()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--color", "never", "--lang", "en", "--show-all"])
        .arg("fixtures/placeholder/note.fire.txt")
        .output()
        .unwrap();
    insta::assert_snapshot!(
        "human_note_fire_en_all",
        String::from_utf8(english.stdout).unwrap()
    );
}
