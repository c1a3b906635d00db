//! What a user sets about the report itself, through the binary: its language, the cap on
//! floods of one rule, the width of excerpts, which rules are reported, counts instead of
//! findings, and where the report goes.

use crate::common::{wenlint, write};

use unicode_width::UnicodeWidthStr;

/// A web draft typed with half-width commas throughout, and one blank left in.
fn flooded_draft() -> String {
    let mut text = String::from("关于做好XX工作的通知\n");
    for i in 0..40 {
        text.push_str(&format!("第{i}项工作要抓紧,各单位要高度重视,认真落实。\n"));
    }
    text
}

fn run(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = wenlint().current_dir(dir).args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_flood_of_one_rule_is_capped_in_the_human_format_only() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "通知.txt", flooded_draft());
    let (code, stdout, _) = run(dir.path(), &["check", "通知.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout.matches("[punct/halfwidth]").count(), 5, "{stdout}");
    assert!(
        stdout.contains("……还有 75 处同类问题（punct/halfwidth），wenlint check --fix 可一并修正"),
        "{stdout}"
    );
    assert!(
        stdout.contains("80 个警告"),
        "the summary counts them all: {stdout}"
    );

    let (_, every, _) = run(dir.path(), &["check", "--show-all", "通知.txt"]);
    assert_eq!(every.matches("[punct/halfwidth]").count(), 80);
    assert!(!every.contains("还有"));

    for format in ["json", "concise", "sarif", "github"] {
        let (_, out, _) = run(dir.path(), &["check", "--format", format, "通知.txt"]);
        assert!(out.matches("punct/halfwidth").count() >= 80, "{format}");
    }
}

#[test]
fn the_report_is_chinese_by_default_and_english_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "请XX同志参加,会议定于3月5日召开。\n");
    let (_, zh, zh_err) = run(dir.path(), &["check", "a.txt", "missing.txt"]);
    assert!(zh.contains("错误[placeholder/marker]"), "{zh}");
    assert!(zh.contains("= 建议：改为“，”"), "{zh}");
    assert!(
        zh.trim_end()
            .ends_with("另有 1 个路径无法检查（见下方错误）。"),
        "{zh}"
    );
    assert!(
        zh_err.contains("错误：missing.txt：找不到该文件或目录"),
        "{zh_err}"
    );
    for english in ["error", "warning", "help", "Found", "file"] {
        assert!(
            !zh.contains(english),
            "`{english}` in the Chinese report: {zh}"
        );
    }

    let (_, en, en_err) = run(
        dir.path(),
        &["check", "--lang", "en", "a.txt", "missing.txt"],
    );
    assert!(en.contains("error[placeholder/marker]"), "{en}");
    assert!(en.contains("= help: replace with “，”"), "{en}");
    assert!(en.contains("1 path could not be checked"), "{en}");
    assert!(
        en_err.contains("error: missing.txt: no such file or directory"),
        "{en_err}"
    );

    let (_, json, _) = run(
        dir.path(),
        &["check", "--format", "json", "--lang", "en", "missing.txt"],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["failures"][0]["reason"], "no such file or directory");
}

/// On an 80-column terminal, each excerpt line fits, and the carets stand under the flagged
/// text whether `“”` are drawn one cell wide or two.
#[test]
fn excerpts_fit_columns_80_with_carets_that_do_not_depend_on_quote_widths() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!(
        "{}“全面从严治党”永远在路上，{}请XX同志牵头，{}\n",
        "坚持以人民为中心的发展思想，".repeat(4),
        "推动各项工作落地见效，".repeat(2),
        "确保“两个维护”落到实处。".repeat(4)
    );
    write(dir.path(), "a.txt", &line);
    let output = wenlint()
        .current_dir(dir.path())
        .env("COLUMNS", "80")
        .args(["check", "--select", "placeholder", "a.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let is_excerpt = |l: &&str| l.contains(" │ ") && l.contains("XX");
    let at = lines.iter().position(is_excerpt).unwrap();
    let (source, carets) = (lines[at], lines[at + 1]);
    assert!(source.width() <= 80, "{source}");
    assert!(source.width_cjk() <= 80, "{source}");
    let excerpt = &source[source.find(" │ ").unwrap() + " │ ".len()..];
    let before = &excerpt[..excerpt.find("XX").unwrap()];
    assert_eq!(before.width(), before.width_cjk(), "{source}");
    let under = &carets[carets.find(" │ ").unwrap() + " │ ".len()..];
    assert_eq!(
        under[..under.find('^').unwrap()].width(),
        before.width(),
        "{stdout}"
    );
    assert!(!source.contains('…'), "the cut mark is ASCII: {source}");

    let wide = wenlint()
        .current_dir(dir.path())
        .env("COLUMNS", "160")
        .args(["check", "--select", "placeholder", "a.txt"])
        .output()
        .unwrap();
    let wide = String::from_utf8(wide.stdout).unwrap();
    let wide_source = wide.lines().find(is_excerpt).unwrap();
    assert!(
        wide_source.width() > 100 && wide_source.width() <= 160,
        "{wide_source}"
    );
}

#[test]
fn select_and_ignore_narrow_the_rules_and_a_misspelt_name_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "通知.txt", flooded_draft());
    let json = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push("通知.txt");
        let (code, out, _) = run(dir.path(), &all);
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rules: std::collections::BTreeSet<String> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect();
        (code, rules)
    };
    let (_, all) = json(&[]);
    assert!(all.contains("placeholder/marker") && all.contains("punct/halfwidth"));
    let (_, placeholders) = json(&["--select", "placeholder"]);
    assert_eq!(
        placeholders.into_iter().collect::<Vec<_>>(),
        ["placeholder/marker"]
    );
    let (_, punct) = json(&["--ignore", "placeholder,term"]);
    assert!(punct.contains("punct/halfwidth") && !punct.contains("placeholder/marker"));
    let (code, none) = json(&["--select", "placeholder", "--ignore", "placeholder/marker"]);
    assert!(none.is_empty());
    assert_eq!(code, Some(0));

    let (code, _, stderr) = run(
        dir.path(),
        &["check", "--select", "placeholder/markr", "通知.txt"],
    );
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("--select") && stderr.contains("placeholder/markr"),
        "{stderr}"
    );
}

#[test]
fn statistics_count_each_rule_instead_of_listing_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "通知.txt", flooded_draft());
    let (code, stdout, _) = run(dir.path(), &["check", "--statistics", "通知.txt"]);
    assert_eq!(code, Some(1));
    let first = stdout.lines().next().unwrap();
    assert!(
        first.contains("80") && first.contains("punct/halfwidth"),
        "{stdout}"
    );
    assert!(first.contains("[可修正 80]"), "{first}");
    assert!(!stdout.contains("┌─"), "no excerpts: {stdout}");

    let (_, json, _) = run(
        dir.path(),
        &["check", "--statistics", "--format", "json", "通知.txt"],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json[0]["rule"], "punct/halfwidth");
    assert_eq!(json[0]["count"], 80);
    assert_eq!(json[0]["fixable"], 80);
    assert_eq!(json[1]["rule"], "placeholder/marker");
    assert_eq!(json[1]["severity"], "error");
}

#[test]
fn exit_zero_quiet_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "请XX同志参加。\n");
    let (code, stdout, _) = run(dir.path(), &["check", "--exit-zero", "a.txt"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("placeholder/marker"));
    let (code, _, _) = run(dir.path(), &["check", "--exit-zero", "missing.txt"]);
    assert_eq!(code, Some(2), "--exit-zero does not hide an error");

    let (_, quiet, _) = run(dir.path(), &["check", "--quiet", "a.txt"]);
    assert!(quiet.contains("placeholder/marker"));
    assert!(!quiet.contains("检查了"), "no summary: {quiet}");

    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--output-file",
            "report.json",
            "a.txt",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty(), "{stdout}");
    let written = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    let report: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(report["summary"]["errors"], 1);

    let (code, _, stderr) = run(
        dir.path(),
        &["check", "--output-file", "no/such/folder/r.txt", "a.txt"],
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("no/such/folder/r.txt"), "{stderr}");
}

/// A run narrowed by `--select`/`--ignore` runs only those rules, so its findings must be
/// exactly the full run's findings of those rules, family by family, on the repository's
/// fixtures put together (a text with findings of every family).
#[test]
fn a_narrowed_run_reports_what_the_full_run_reports_of_those_rules() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut text = String::new();
    for entry in walkdir::WalkDir::new(&fixtures).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "txt") {
            text.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &text);
    let diagnostics = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push("a.txt");
        let (_, out, _) = run(dir.path(), &all);
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        report["diagnostics"].as_array().unwrap().clone()
    };
    let full = diagnostics(&[]);
    let families = [
        "placeholder",
        "duplicate",
        "numbering",
        "place",
        "punct",
        "term",
    ];
    for family in families {
        let of_family: Vec<_> = full
            .iter()
            .filter(|d| {
                d["rule"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("{family}/"))
            })
            .cloned()
            .collect();
        assert!(!of_family.is_empty(), "the sample has {family} findings");
        assert_eq!(diagnostics(&["--select", family]), of_family, "{family}");
    }
    let without_duplicates: Vec<_> = full
        .iter()
        .filter(|d| !d["rule"].as_str().unwrap().starts_with("duplicate/"))
        .cloned()
        .collect();
    assert_eq!(diagnostics(&["--ignore", "duplicate"]), without_duplicates);
}

/// Whether a suppression silenced anything depends on every rule, so selecting the unused
/// check runs them all: a directive that silences a term finding is not reported unused.
#[test]
fn selecting_the_unused_suppression_check_still_runs_the_rules_it_judges() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "<!-- wenlint-disable-next-line term/typo -->\n各部门要认真布署今年的工作任务。\n\n\
         <!-- wenlint-disable-next-line placeholder -->\n全年完成投资一百亿元。\n",
    );
    let (_, out, _) = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--report-unused-suppressions",
            "--select",
            "suppression/unused",
            "a.md",
        ],
    );
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("suppression/unused"))
        .collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("a.md:4:"), "{out}");
}
