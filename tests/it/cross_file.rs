//! `--cross-file`: paragraphs shared between the files of one run are reported in the later
//! file, pointing at the earlier one; without the flag or the config key nothing is.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use wenlint::cross_file::{shared, Fingerprints, JsonDiagnostic, Kind, Occurrence};
use wenlint::{CrossFile, Linter, Settings, Source};

use crate::common;

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

/// The reduce of a distributed run, done in one process: paragraphs grouped by key first;
/// sentences inside a paragraph found in an earlier document are dropped; then sentences
/// grouped by key. Documents are in the run's order.
fn reduce(docs: &[Fingerprints]) -> Vec<JsonDiagnostic> {
    let occurrences = |kind: Kind| {
        docs.iter().enumerate().flat_map(move |(order, doc)| {
            let severity = doc.severity;
            doc.units
                .iter()
                .enumerate()
                .filter(move |(_, unit)| unit.kind == kind)
                .map(move |(at, unit)| {
                    let occurrence = Occurrence {
                        path: doc.path.clone(),
                        order: order as u64,
                        severity: severity.expect("a file that takes part has a severity"),
                        unit: unit.clone(),
                    };
                    (at, occurrence)
                })
        })
    };
    let mut first_order: HashMap<u64, u64> = HashMap::new();
    for (_, o) in occurrences(Kind::Paragraph) {
        let first = first_order.entry(o.unit.key).or_insert(o.order);
        *first = (*first).min(o.order);
    }
    let shared_paragraph = |order: u64, at: usize| {
        let unit = &docs[order as usize].units[at];
        first_order[&unit.key] != order
    };
    let mut findings = shared(occurrences(Kind::Paragraph).map(|(_, o)| o).collect());
    let sentences = occurrences(Kind::Sentence)
        .filter(|(_, o)| {
            !o.unit
                .paragraph
                .is_some_and(|p| shared_paragraph(o.order, p))
        })
        .map(|(_, o)| o)
        .collect();
    findings.extend(shared(sentences));
    findings
}

/// The `duplicate/cross-file` findings of `wenlint check --cross-file` over `paths`.
fn cross_file_findings_of_check(dir: &Path, paths: &[&str]) -> Vec<JsonDiagnostic> {
    let output = Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "json", "--cross-file"])
        .args(paths)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap().iter();
    diagnostics
        .filter(|d| d["rule"] == "duplicate/cross-file")
        .map(|d| serde_json::from_value(d.clone()).unwrap())
        .collect()
}

#[test]
fn one_read_gives_the_report_and_the_fingerprints_two_reads_give() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    let text = format!("（一）XX同志：\n{SHARED}\n{SHARED}\n<!-- 批注 -->");
    std::fs::write(&draft, text).unwrap();
    let linter = || {
        Linter::new(Settings {
            root: Some(dir.path().to_path_buf()),
            ..Settings::default()
        })
        .unwrap()
    };
    let (report, prints) = linter()
        .lint_with_fingerprints(Source::path(&draft))
        .unwrap();
    let mut apart = linter();
    let alone = apart.lint(Source::path(&draft)).unwrap();
    assert!(!alone.diagnostics.is_empty());
    assert_eq!(report.diagnostics, alone.diagnostics);
    assert_eq!(report.name, alone.name);
    let prints_alone = apart.fingerprints(Source::path(&draft)).unwrap();
    assert!(!prints_alone.units.is_empty());
    assert_eq!(prints, prints_alone);
    let missing = linter().lint_with_fingerprints(Source::path(dir.path().join("nothing.txt")));
    assert!(missing.is_err());
}

/// The same findings from fingerprints: each file's, in the order `check` walks them (by
/// name within each folder), reduced.
fn cross_file_findings_of_fingerprints(dir: &Path, files: &[PathBuf]) -> Vec<JsonDiagnostic> {
    let mut linter = Linter::new(Settings {
        root: Some(dir.to_path_buf()),
        cross_file: CrossFile::Never,
        ..Settings::default()
    })
    .unwrap();
    let prints: Vec<Fingerprints> = files
        .iter()
        .map(|file| linter.fingerprints(Source::path(file)).unwrap())
        .filter(|prints| prints.severity.is_some())
        .collect();
    reduce(&prints)
}

fn sorted(mut findings: Vec<JsonDiagnostic>) -> Vec<JsonDiagnostic> {
    findings.sort_by_key(|d| (d.path.clone(), d.span.byte_start, d.span.byte_end));
    findings
}

#[test]
fn fingerprints_reduced_by_key_give_what_a_cross_file_run_reports() {
    let dir = tempfile::tempdir().unwrap();
    let other = "坚持问题导向，聚焦群众反映强烈的突出问题，逐项研究解决办法。";
    let files = [
        ("a.txt", format!("去年的报告。\n{SHARED}\n{other}\n")),
        // The paragraph is reported whole; its sentence is not reported again.
        ("b.txt", format!("今年的讲话稿。\n{SHARED}\n")),
        // A sentence of a's last paragraph, inside another paragraph.
        (
            "c.txt",
            format!("第三份材料的开头一句话比较长。{other}最后补充一句。\n"),
        ),
        // Silenced: the shared paragraph is compared but not reported here.
        (
            "d.md",
            format!("# 第四份\n\n<!-- wenlint-disable-next-line duplicate -->\n{SHARED}\n"),
        ),
        // Its config turns the rule off: it takes no part.
        ("off/e.txt", format!("{SHARED}\n")),
        (
            "off/wenlint.toml",
            "[rules]\n\"duplicate/cross-file\" = \"off\"\n".to_string(),
        ),
        ("z.txt", format!("{other}\n{SHARED}\n")),
    ];
    std::fs::create_dir(dir.path().join("off")).unwrap();
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let walked: Vec<PathBuf> = ["a.txt", "b.txt", "c.txt", "d.md", "off/e.txt", "z.txt"]
        .iter()
        .map(|name| dir.path().join(name))
        .collect();
    let expected = sorted(cross_file_findings_of_check(
        dir.path(),
        &[&dir.path().to_string_lossy()],
    ));
    let paths: Vec<_> = expected
        .iter()
        .map(|d| d.path.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["b.txt", "c.txt", "z.txt", "z.txt"], "{expected:#?}");
    let found = sorted(cross_file_findings_of_fingerprints(dir.path(), &walked));
    assert_eq!(found, expected);
}

#[test]
fn fingerprints_reduced_by_key_give_what_a_cross_file_run_reports_on_the_corpus() {
    let Some(corpus) = common::corpus() else {
        eprintln!("skipped: ../shared/corpus is absent, so the corpus's cross-file findings are not compared");
        return;
    };
    let mut files = Vec::new();
    for folder in ["clean", "templates"] {
        let walk = walkdir::WalkDir::new(corpus.join(folder)).sort_by_file_name();
        files.extend(
            walk.into_iter()
                .map(|entry| entry.unwrap().into_path())
                .filter(|path| path.extension().is_some_and(|e| e == "txt" || e == "md")),
        );
    }
    let folders = [corpus.join("clean"), corpus.join("templates")];
    let folders: Vec<_> = folders.iter().map(|f| f.to_str().unwrap()).collect();
    let expected = sorted(cross_file_findings_of_check(&corpus, &folders));
    assert!(
        expected.len() > 10,
        "the corpus shares text between files: {}",
        expected.len()
    );
    let found = sorted(cross_file_findings_of_fingerprints(&corpus, &files));
    assert_eq!(found.len(), expected.len());
    assert_eq!(found, expected);
}
