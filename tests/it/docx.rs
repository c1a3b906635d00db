//! Word files through the `wenlint` binary. What the reader makes of a file is tested inside
//! the crate, in `src/read/docx/`; the bombs are measured in `tests/memory.rs`.

use std::path::Path;

use crate::common::fix_leaves_word_files_alone;
use crate::word_files::{document, paragraphs_of, zip_of};

/// A Word file made from the seed draft, one Word paragraph per line, reports what the text
/// file reports, at the same paragraphs and characters.
#[test]
fn the_seed_as_a_word_file_reports_what_its_text_reports() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/seed/000_b33b4ccf6b47c0c8.txt");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: ../shared/corpus not found, cannot check the seed as .docx");
        return;
    };
    let body = paragraphs_of(&text);
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("seed.docx");
    std::fs::write(
        &docx,
        zip_of(&[("word/document.xml", document(&body).as_bytes())]),
    )
    .unwrap();
    std::fs::write(dir.path().join("seed.txt"), &text).unwrap();
    let findings = |name: &str| -> Vec<(String, u64, u64)> {
        let output = assert_cmd::Command::cargo_bin("wenlint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--format", "json", name])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["span"]["start"]["line"].as_u64().unwrap(),
                    d["span"]["start"]["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let from_text = findings("seed.txt");
    assert!(from_text.len() > 100);
    assert_eq!(findings("seed.docx"), from_text);
}

#[test]
fn fix_lints_word_files_and_leaves_them_alone() {
    let dir = tempfile::tempdir().unwrap();
    let body = r#"<w:p><w:r><w:t>认真布署下一阶段工作。</w:t></w:r></w:p>"#;
    let bytes = zip_of(&[("word/document.xml", document(body).as_bytes())]);
    std::fs::write(dir.path().join("draft.docx"), bytes).unwrap();
    let stdout = fix_leaves_word_files_alone(dir.path(), &["draft.docx"]);
    assert!(stdout.contains("term/typo"));
}

/// `wenlint check --fix .` in a folder of drafts with Word files among them: the text files
/// are fixed, the Word files linted, the note said once, and a clean run exits 0.
#[test]
fn fix_on_a_folder_with_word_files_says_so_once_and_exits_by_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    let clean = r#"<w:p><w:r><w:t>会议于3月5日召开。</w:t></w:r></w:p>"#;
    let bytes = zip_of(&[("word/document.xml", document(clean).as_bytes())]);
    std::fs::write(dir.path().join("a.docx"), &bytes).unwrap();
    std::fs::write(dir.path().join("b.docx"), &bytes).unwrap();
    std::fs::write(dir.path().join("c.txt"), "认真布署下一阶段工作。\n").unwrap();
    let output = assert_cmd::Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--fix", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr.matches("不改写").count(), 1, "{stderr}");
    assert!(stderr.contains("2 个 Word 文件只检查、不改写"), "{stderr}");
    let fixed = std::fs::read_to_string(dir.path().join("c.txt")).unwrap();
    assert_eq!(fixed, "认真部署下一阶段工作。\n");
    assert_eq!(std::fs::read(dir.path().join("a.docx")).unwrap(), bytes);
}
