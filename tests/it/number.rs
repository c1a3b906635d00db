//! The `number` family on the real documents of `../shared/corpus`, when it is there: the
//! seed draft's numbers are all correct (`10余次`, `140余篇`, `7月和12月份`, `《1921》`), and
//! in the professionally edited texts every finding is pinned here after being read. Each
//! test passes with a clear message when the corpus is absent.

use crate::common;

use std::path::Path;

use walkdir::WalkDir;
use wenlint::Severity;

const SEED: &str = "seed/000_b33b4ccf6b47c0c8.txt";

/// Findings at warning level in `clean/`, each read and judged a real slip under
/// GB/T 15835-2011: Arabic digits with `千` (only `万` and `亿` may follow Arabic digits;
/// the 2018 report even writes `由8300万增加到1亿3千多万` in one sentence), and approximations
/// marked at both ends in two reports of the 1950s.
const CLEAN_WARNINGS: &[&str] = &[
    "gwr-1955.txt:693 number/approx “约七千八百余”",
    "gwr-1957.txt:158 number/approx “将近一万多”",
    "gwr-2018.txt:13 number/mixed “5千”",
    "gwr-2018.txt:13 number/mixed “1万6千”",
    "gwr-2018.txt:17 number/mixed “1亿3千”",
    "gwr-2018.txt:35 number/mixed “2万5千”",
    "local-reports/prov-guangxi-gwr-2026.txt:30 number/mixed “9千”",
    "local-reports/prov-guangxi-gwr-2026.txt:30 number/mixed “8千”",
    "local-reports/prov-guangxi-gwr-2026.txt:30 number/mixed “4千”",
    "local-reports/prov-guangxi-gwr-2026.txt:30 number/mixed “3千”",
    "local-reports/prov-guangxi-gwr-2026.txt:30 number/mixed “2千”",
];

/// The `number/style` hints in `clean/`: the 1957 report writes seven percentages as
/// `百分之…` beside 31 in `%` (a real inconsistency); the three congress reports of 1969–1977
/// date events in Chinese numerals and their Wikisource licence footer says `1949年10月1日`
/// (the footer is not part of the report, but the rule cannot know that; a hint is tolerable).
const CLEAN_HINTS: &[&str] = &[
    "cpc-congress-09.txt:417 number/style “1949年10月1日”",
    "cpc-congress-10.txt:115 number/style “1949年10月1日”",
    "cpc-congress-11.txt:440 number/style “1949年10月1日”",
    "gwr-1957.txt:58 number/style “百分之八十六”",
    "gwr-1957.txt:74 number/style “百分之二”",
    "gwr-1957.txt:74 number/style “百分之四”",
    "gwr-1957.txt:74 number/style “百分之四点五”",
    "gwr-1957.txt:74 number/style “百分之四点九”",
    "gwr-1957.txt:74 number/style “百分之二十”",
    "gwr-1957.txt:148 number/style “百分之二十”",
];

/// `file:line rule “text”` of each `number/*` finding in `path`, and its severity.
fn number_findings(path: &Path, shown: &str) -> Vec<(Severity, String)> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let (doc, diagnostics) = common::lint_text(&text, path);
    diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("number/"))
        .map(|d| {
            let line = doc.position(d.span.start).line;
            let written = &doc.source[d.span.clone()];
            (d.severity, format!("{shown}:{line} {} “{written}”", d.rule))
        })
        .collect()
}

#[test]
fn the_seed_gets_no_number_finding() {
    let Some(corpus) = common::corpus() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let path = corpus.join(SEED);
    let text = std::fs::read_to_string(&path).unwrap();
    // What the rules must read correctly there, so that silence means something.
    for trap in ["10余次", "140余篇", "《1921》", "7月和12月份", "12月24日"] {
        assert!(text.contains(trap), "the seed no longer contains {trap}");
    }
    assert_eq!(number_findings(&path, SEED), []);
}

#[test]
fn the_clean_corpus_gets_only_the_findings_read_and_pinned() {
    let Some(corpus) = common::corpus() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let clean = corpus.join("clean");
    let mut files: Vec<_> = WalkDir::new(&clean)
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| {
            path.is_file()
                && matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("txt" | "md")
                )
        })
        .collect();
    files.sort();
    assert!(files.len() > 100, "clean/ has {} texts", files.len());
    let (mut warnings, mut hints) = (Vec::new(), Vec::new());
    for path in &files {
        let shown = path.strip_prefix(&clean).unwrap().to_string_lossy();
        for (severity, finding) in number_findings(path, &shown) {
            match severity {
                Severity::Info => hints.push(finding),
                _ => warnings.push(finding),
            }
        }
    }
    assert_eq!(warnings, CLEAN_WARNINGS);
    assert_eq!(hints, CLEAN_HINTS);
}
