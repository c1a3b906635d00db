//! Runs over the real documents in `../shared/corpus` when it is there: the seed draft's
//! placeholders must all be found at their exact places, and professionally edited texts
//! must not be reported. Each test says so and passes when the corpus is absent.

mod common;

use std::path::{Path, PathBuf};

use regex::Regex;
use walkdir::WalkDir;
use wenlint::document::Format;

const SEED: &str = "seed/000_b33b4ccf6b47c0c8.txt";

fn skip(what: &str) {
    eprintln!("skipped: ../shared/corpus not found, cannot check {what}");
}

/// `(line, column, text)` of each placeholder in a text, by a deliberately simple oracle that
/// knows the seed's five shapes (XX…, XXA, xxxxxxx, X月X日) and nothing else.
fn oracle(text: &str) -> Vec<(usize, usize, String)> {
    let shapes = Regex::new(r"X月X日|[Xx]{2,}A?").unwrap();
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        for m in shapes.find_iter(line) {
            let column = line[..m.start()].chars().count() + 1;
            found.push((index + 1, column, m.as_str().to_string()));
        }
    }
    found
}

fn placeholder_findings(text: &str, format: Format) -> Vec<(usize, usize, String)> {
    let (doc, diagnostics) = common::lint_text(text, format);
    diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("placeholder/"))
        .map(|d| {
            let at = doc.position(d.span.start);
            (at.line, at.column, doc.source[d.span.clone()].to_string())
        })
        .collect()
}

#[test]
fn seed_draft_reports_its_66_placeholders_exactly() {
    let Some(corpus) = common::corpus() else {
        return skip("the seed draft");
    };
    let text = std::fs::read_to_string(corpus.join(SEED)).unwrap();
    let expected = oracle(&text);
    assert_eq!(
        expected.len(),
        66,
        "the oracle itself must see the 66 markers"
    );
    assert_eq!(placeholder_findings(&text, Format::Text), expected);
}

/// Every file of `clean/` (national reports, local regulations and reports): no placeholder.
#[test]
fn clean_texts_report_no_placeholder() {
    let Some(corpus) = common::corpus() else {
        return skip("the clean texts");
    };
    let mut checked = 0;
    let mut reported = Vec::new();
    for (path, text) in documents_in(&corpus.join("clean")) {
        for finding in placeholder_findings(&text, Format::from_path(&path)) {
            reported.push(format!(
                "{}:{}:{} {}",
                path.display(),
                finding.0,
                finding.1,
                finding.2
            ));
        }
        checked += 1;
    }
    assert!(
        checked > 100,
        "expected the whole clean corpus, read {checked} files"
    );
    assert!(
        reported.is_empty(),
        "false alarms:\n{}",
        reported.join("\n")
    );
}

/// Every template has blanks to fill, and each of them is found.
#[test]
fn every_template_reports_its_blanks() {
    let Some(corpus) = common::corpus() else {
        return skip("the templates");
    };
    for (path, text) in documents_in(&corpus.join("templates")) {
        let findings = placeholder_findings(&text, Format::from_path(&path));
        assert!(!findings.is_empty(), "no blank found in {}", path.display());
    }
}

/// Every `.txt` and `.md` file below `folder`, in name order, with its text.
fn documents_in(folder: &Path) -> impl Iterator<Item = (PathBuf, String)> {
    WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "txt" || ext == "md")
        })
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
}

/// The seed's numbering is right: four sections, their `（一）` subsections and the `1.` `2.`
/// `3.` items that run on inside those paragraphs, and no numbering problem.
#[test]
fn seed_outline_has_four_sections_and_no_numbering_problem() {
    let Some(corpus) = common::corpus() else {
        return skip("the seed outline");
    };
    let text = std::fs::read_to_string(corpus.join(SEED)).unwrap();
    let doc = wenlint::document::Document::new(text, Format::Text);
    let outline = doc.outline();
    let shape: Vec<(String, Vec<usize>)> = outline
        .roots
        .iter()
        .map(|section| {
            let marker = doc.source[section.marker.span.clone()].to_string();
            (
                marker,
                section
                    .children
                    .iter()
                    .map(|sub| sub.children.len())
                    .collect(),
            )
        })
        .collect();
    let expected: Vec<(String, Vec<usize>)> = vec![
        ("一、".into(), vec![3, 3, 3]),
        ("二、".into(), vec![0, 0, 0, 0]),
        ("三、".into(), vec![]),
        ("四、".into(), vec![3, 3, 3, 3, 3]),
    ];
    assert_eq!(shape, expected);
    assert!(outline.problems.is_empty(), "{:?}", outline.problems);
}

/// Professionally edited texts: the numbering family reports only the gaps, the half-width
/// bracket and the paragraph printed twice (`四是` twice) that are really in these copies
/// (checked by reading each one).
#[test]
fn clean_texts_report_only_real_numbering_gaps() {
    let Some(corpus) = common::corpus() else {
        return skip("numbering on the clean texts");
    };
    let mut reported = Vec::new();
    for (path, text) in documents_in(&corpus.join("clean")) {
        let (doc, diagnostics) = common::lint_text(&text, Format::from_path(&path));
        for d in diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("numbering/"))
        {
            let name = path
                .strip_prefix(corpus.join("clean"))
                .unwrap()
                .display()
                .to_string();
            reported.push(format!(
                "{name}:{} {}",
                doc.position(d.span.start).line,
                &doc.source[d.span.clone()]
            ));
        }
    }
    assert_eq!(
        reported,
        [
            "gwr-2007.txt:121 （四）",
            "gwr-2010.txt:171 四是",
            "local-regulations/guangdong-city-10.md:135 （二）",
            "local-regulations/guangdong-province-05.md:242 （四）",
            "local-regulations/guangdong-province-05.md:248 （八）",
            "local-regulations/shandong-province-05.md:83 第十七条",
            "local-regulations/zhejiang-city-09.md:111 (十一)",
        ]
    );
}

/// The seed speaks for a city in most places and for a province in some: the conflict is
/// reported, at the provincial words that are not a superior's organ or whole.
#[test]
fn seed_reports_its_two_self_levels() {
    let Some(corpus) = common::corpus() else {
        return skip("place/self-level on the seed");
    };
    let text = std::fs::read_to_string(corpus.join(SEED)).unwrap();
    let (doc, diagnostics) = common::lint_text(&text, Format::Text);
    let reported: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule == "place/self-level")
        .map(|d| &doc.source[d.span.clone()])
        .collect();
    assert_eq!(reported, ["省直单位", "我省"]);
    let message = &diagnostics
        .iter()
        .find(|d| d.rule == "place/self-level")
        .unwrap()
        .message;
    assert!(message.contains("“市”级自称（8 处）"), "{message}");
    assert!(message.contains("“省”级（7 处）"), "{message}");
}

/// Professionally edited texts speak for one level (or for the nation): nothing to report.
#[test]
fn clean_texts_report_no_self_level_conflict() {
    let Some(corpus) = common::corpus() else {
        return skip("place/self-level on the clean texts");
    };
    let mut reported = Vec::new();
    for (path, text) in documents_in(&corpus.join("clean")) {
        let (doc, diagnostics) = common::lint_text(&text, Format::from_path(&path));
        for d in diagnostics.iter().filter(|d| d.rule.starts_with("place/")) {
            let line = doc.position(d.span.start).line;
            reported.push(format!(
                "{}:{line} {}",
                path.display(),
                &doc.source[d.span.clone()]
            ));
        }
    }
    assert_eq!(reported, Vec::<String>::new());
}

/// The seed's misspelt formula is reported with the right form it uses elsewhere, so is its
/// `刀口向内` beside `刀刃向内`, and every `dangshi` left by the input method.
#[test]
fn seed_reports_its_wrong_formula_and_pinyin() {
    let Some(corpus) = common::corpus() else {
        return skip("term and pinyin on the seed");
    };
    let text = std::fs::read_to_string(corpus.join(SEED)).unwrap();
    let (doc, diagnostics) = common::lint_text(&text, Format::Text);
    let terms: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("term/"))
        .collect();
    let shown: Vec<(&str, &str)> = terms
        .iter()
        .map(|d| (d.rule.as_str(), &doc.source[d.span.clone()]))
        .collect();
    assert_eq!(
        shown,
        [("term/canonical", "两个确定"), ("term/variant", "刀口向内")]
    );
    for (d, right) in terms.iter().zip(["两个确立", "刀刃向内"]) {
        assert_eq!(&doc.source[d.related[0].span.clone()], right);
    }
    let pinyin: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule == "pinyin/leftover")
        .map(|d| &doc.source[d.span.clone()])
        .collect();
    assert_eq!(pinyin.len(), text.matches("dangshi").count());
    assert!(pinyin.iter().all(|p| *p == "dangshi"));
}

/// Professionally edited texts: no wrong term, no pinyin; the only variants reported are
/// `其它` and `其他` mixed in one text (old reports, some regulations).
#[test]
fn clean_texts_report_no_wrong_term_and_no_pinyin() {
    let Some(corpus) = common::corpus() else {
        return skip("term and pinyin on the clean texts");
    };
    for (path, text) in documents_in(&corpus.join("clean")) {
        let (doc, diagnostics) = common::lint_text(&text, Format::from_path(&path));
        for d in &diagnostics {
            let shown = &doc.source[d.span.clone()];
            match d.rule.as_str() {
                "term/variant" => assert!(
                    ["其它", "其他"].contains(&shown)
                        && text.contains("其它")
                        && text.contains("其他"),
                    "{}: {shown}",
                    path.display()
                ),
                rule if rule.starts_with("term/") || rule.starts_with("pinyin/") => {
                    panic!("{}: {rule} {shown}", path.display())
                }
                _ => {}
            }
        }
    }
}

/// `联系天津发展所需` in a text that calls itself `我省`: 天津 has no province above it. The
/// seed's `北京` (`在北京召开`, `北京冬奥会`) is not reported.
#[test]
fn seed_reports_tianjin_as_its_own_but_not_beijing() {
    let Some(corpus) = common::corpus() else {
        return skip("place/region on the seed");
    };
    let text = std::fs::read_to_string(corpus.join(SEED)).unwrap();
    let (doc, diagnostics) = common::lint_text(&text, Format::Text);
    let reported: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule == "place/region")
        .map(|d| &doc.source[d.span.clone()])
        .collect();
    assert_eq!(reported, ["天津"]);
}
