//! Word 97–2003 files (`.doc`, and WPS's `.wps`) through the `wenlint` binary: the findings on
//! a `.doc` are those on the `.docx` it was saved from, whatever its name, and a damaged one is
//! reported while the run goes on. What the reader makes of a file is tested inside the crate,
//! in `src/read/doc/`. The real Word files of `../shared/corpus/docx` are saved as `.doc` with
//! LibreOffice when it is installed (CI installs it) and checked the same way.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{
    check_json, corpus, fix_leaves_word_files_alone, fixture, soffice_convert, wenlint, write,
};

/// What a finding says and where, without the file's name: rule, message, start line and
/// column, end line and column.
type Finding = (String, String, u64, u64, u64, u64);

fn findings(report: &Value) -> Vec<Finding> {
    report["diagnostics"]
        .as_array()
        .expect("a JSON report has diagnostics")
        .iter()
        .map(|d| {
            let at = |end: &str, key: &str| d["span"][end][key].as_u64().unwrap();
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                at("start", "line"),
                at("start", "column"),
                at("end", "line"),
                at("end", "column"),
            )
        })
        .collect()
}

/// The findings on each file named, in a run of its own, in `dir`; with the exit code.
fn findings_of(dir: &Path, name: &str) -> (Option<i32>, Vec<Finding>) {
    let (code, report) = check_json(dir, &[name]);
    (code, findings(&report))
}

/// Each fixture `.doc` gives the findings of the `.docx` it was saved from: the same rules,
/// messages, lines and columns.
#[test]
fn a_doc_reports_what_its_docx_reports() {
    let dir = fixture("doc");
    for name in ["notice", "plan", "minutes"] {
        let (code, from_docx) = findings_of(&dir, &format!("{name}.docx"));
        assert!(from_docx.len() >= 2, "{name}: {from_docx:?}");
        assert_eq!(code, Some(1), "{name}");
        assert_eq!(
            findings_of(&dir, &format!("{name}.doc")),
            (code, from_docx),
            "{name}"
        );
    }
}

/// The bytes decide the format: a `.doc` named `.wps`, `.docx` or `.txt` is read as the
/// `.doc` it is.
#[test]
fn a_doc_under_another_name_reports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(fixture("doc/notice.doc")).unwrap();
    for name in ["notice.doc", "notice.wps", "notice.docx", "notice.txt"] {
        write(dir.path(), name, &bytes);
    }
    let expected = findings_of(dir.path(), "notice.doc");
    assert!(
        expected.1.iter().any(|f| f.0 == "term/typo"),
        "{expected:?}"
    );
    for name in ["notice.wps", "notice.docx", "notice.txt"] {
        assert_eq!(findings_of(dir.path(), name), expected, "{name}");
    }
}

/// A damaged `.doc`, a cut-off one and a text file named `.doc` are each reported with the
/// reason, and the run goes on to the files it can read; the exit code is 2.
#[test]
fn unreadable_doc_files_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(fixture("doc/plan.doc")).unwrap();
    write(dir.path(), "cut.doc", &bytes[..bytes.len() / 3]);
    let mut garbage = bytes[..8].to_vec();
    garbage.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    write(dir.path(), "garbage.wps", &garbage);
    write(dir.path(), "rtf.doc", "{\\rtf1\\ansi 关于XX的通知}");
    write(dir.path(), "good.txt", "认真布署下一阶段工作。\n");
    let output = wenlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    for (name, reason) in [
        ("cut.doc", "是无法读取的 Word 97-2003 文件："),
        (
            "garbage.wps",
            "是无法读取的 Word 97-2003 文件：复合文件结构已损坏",
        ),
        ("rtf.doc", "不是 Word 97-2003 文件：缺少复合文件签名"),
    ] {
        assert!(stderr.contains(&format!("{name}：{reason}")), "{stderr}");
    }
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["term/typo"], "the readable file is checked");

    let english = wenlint()
        .current_dir(dir.path())
        .args(["check", "--lang", "en", "cut.doc"])
        .output()
        .unwrap();
    assert_eq!(english.status.code(), Some(2));
    let stderr = String::from_utf8(english.stderr).unwrap();
    assert!(
        stderr.contains("cut.doc: is a Word 97-2003 file this reader cannot read: "),
        "{stderr}"
    );
}

/// `--fix` lints Word 97–2003 files and leaves them alone, told by their bytes: a `.doc`
/// named `.txt` is not overwritten with its text.
#[test]
fn fix_lints_doc_files_and_leaves_them_alone() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(fixture("doc/notice.doc")).unwrap();
    for name in ["a.doc", "b.wps", "c.txt"] {
        write(dir.path(), name, &bytes);
    }
    let stdout = fix_leaves_word_files_alone(dir.path(), &["a.doc", "b.wps", "c.txt"]);
    assert!(stdout.contains("term/typo"));
}

/// A directory walk takes `.doc` and `.wps` files by default.
#[test]
fn a_walk_includes_doc_and_wps_files() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(fixture("doc/notice.doc")).unwrap();
    write(dir.path(), "sub/a.doc", &bytes);
    write(dir.path(), "sub/b.WPS", &bytes);
    write(dir.path(), "sub/c.pdf", &bytes);
    let (code, report) = check_json(dir.path(), &["."]);
    assert_eq!(code, Some(1));
    let mut paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    paths.dedup();
    assert_eq!(paths, ["./sub/a.doc", "./sub/b.WPS"]);
}

/// Each real Word file of the corpus, saved as `.doc` by LibreOffice, gives the findings of
/// the `.docx`. The one difference allowed is inherent to the conversion: a page number field
/// in a footer keeps the result each program cached when it laid the pages out (`— 1 —` in
/// the `.docx`, `—2—` after LibreOffice, which also drops the spaces Word's XML did not mark
/// as preserved). Lines that differ must be such page numbers, at the end of the text; the
/// findings on every other line must be the same.
#[test]
fn corpus_word_files_saved_as_doc_report_what_the_docx_reports() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: ../shared/corpus not found, so no Word file was saved as .doc");
        return;
    };
    let mut docx: Vec<PathBuf> = std::fs::read_dir(corpus.join("docx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    docx.sort();
    assert!(!docx.is_empty());
    let out = tempfile::tempdir().unwrap();
    let what = "no Word file of the corpus was saved as .doc";
    if !soffice_convert(out.path(), "doc", out.path(), &docx, what) {
        return;
    }

    for path in &docx {
        let name = path.file_name().unwrap().to_str().unwrap();
        let doc_name = name.replace(".docx", ".doc");
        let doc = out.path().join(&doc_name);
        assert!(doc.is_file(), "soffice did not write {doc_name}");
        let (theirs, ours) = (text_of(path), text_of(&doc));
        let (theirs_lines, ours_lines): (Vec<&str>, Vec<&str>) =
            (theirs.split('\n').collect(), ours.split('\n').collect());
        assert_eq!(theirs_lines.len(), ours_lines.len(), "{name}: line counts");
        let differing: Vec<usize> = (0..theirs_lines.len())
            .filter(|&i| theirs_lines[i] != ours_lines[i])
            .collect();
        for &i in &differing {
            let (a, b) = (theirs_lines[i], ours_lines[i]);
            assert!(
                i + 2 >= theirs_lines.len() && is_page_number(a) && is_page_number(b),
                "{name}: line {} differs: {a:?} in the .docx, {b:?} in the .doc",
                i + 1
            );
        }
        let on_same_lines = |findings: Vec<Finding>| -> Vec<Finding> {
            findings
                .into_iter()
                .filter(|f| !differing.contains(&(f.2 as usize - 1)))
                .collect()
        };
        let (_, from_docx) = findings_of(path.parent().unwrap(), name);
        let (_, from_doc) = findings_of(out.path(), &doc_name);
        let (all_docx, all_doc) = (from_docx.len(), from_doc.len());
        assert_eq!(
            on_same_lines(from_doc),
            on_same_lines(from_docx),
            "{name}: the findings differ"
        );
        let lines: Vec<String> = differing
            .iter()
            .map(|&i| {
                format!(
                    "line {}: {:?} → {:?}",
                    i + 1,
                    theirs_lines[i],
                    ours_lines[i]
                )
            })
            .collect();
        eprintln!(
            "{name}: {all_docx} findings from the .docx, {all_doc} from the .doc; {}",
            if lines.is_empty() {
                "the same text".to_string()
            } else {
                format!("page numbers differ ({})", lines.join("; "))
            }
        );
    }
}

/// A page number as a footer shows it: digits between dashes, spaces or 第…页.
fn is_page_number(line: &str) -> bool {
    line.chars().any(|c| c.is_ascii_digit())
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '—' | '-' | ' ' | '第' | '页'))
}

/// The text wenlint reads from a file.
fn text_of(path: &Path) -> String {
    let settings = wenlint::Settings {
        config_text: Some(String::new()),
        ..wenlint::Settings::default()
    };
    let mut linter = wenlint::Linter::new(settings).unwrap();
    let report = linter
        .lint(wenlint::Source::path(path))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    report.source().to_string()
}
