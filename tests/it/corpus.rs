//! Runs over the real documents in `../shared/corpus` when it is there: the seed draft's
//! placeholders must all be found at their exact places, and professionally edited texts
//! must not be reported. Each test says so and passes when the corpus is absent.

use crate::common;

use std::path::{Path, PathBuf};

use regex::Regex;

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

fn placeholder_findings(
    text: &str,
    name: impl AsRef<std::path::Path>,
) -> Vec<(usize, usize, String)> {
    let (doc, diagnostics) = common::lint_text(text, name);
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
    assert_eq!(placeholder_findings(&text, "a.txt"), expected);
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
        for finding in placeholder_findings(&text, &path) {
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
        let findings = placeholder_findings(&text, &path);
        assert!(!findings.is_empty(), "no blank found in {}", path.display());
    }
}

/// Every `.txt` and `.md` file below `folder`, in name order, with its text.
fn documents_in(folder: &Path) -> impl Iterator<Item = (PathBuf, String)> {
    common::text_files(folder).into_iter().map(|path| {
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
    let output = common::wenlint()
        .args(["outline", "--format", "json"])
        .arg(corpus.join(SEED))
        .output()
        .unwrap();
    let outline: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let children = |node: &serde_json::Value| node["children"].as_array().unwrap().clone();
    let shape: Vec<(String, Vec<usize>)> = outline[0]["outline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|section| {
            let marker = section["marker"].as_str().unwrap().to_string();
            (
                marker,
                children(section)
                    .iter()
                    .map(|sub| children(sub).len())
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
    let text = std::fs::read_to_string(corpus.join(SEED)).unwrap();
    let (_, diagnostics) = common::lint_text(&text, "a.txt");
    let numbering: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("numbering/"))
        .collect();
    assert!(numbering.is_empty(), "{numbering:?}");
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
        let (doc, diagnostics) = common::lint_text(&text, &path);
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
            "local-regulations/shandong-province-05.md:83 第十七条",
            "local-regulations/zhejiang-city-09.md:111 (十一)",
        ]
    );
}

/// The seed is a provincial department's speech (its title says `省直单位`, it says `我省` and
/// `我厅`) with paragraphs pasted from a city's text: every city-level self-reference is
/// reported, each at its place, and nothing at the title or at `我省`.
#[test]
fn seed_reports_its_pasted_city_self_references() {
    let Some(corpus) = common::corpus() else {
        return skip("place/self-level on the seed");
    };
    let text = std::fs::read_to_string(corpus.join(SEED)).unwrap();
    let (doc, diagnostics) = common::lint_text(&text, "a.txt");
    let reported: Vec<(usize, &str)> = diagnostics
        .iter()
        .filter(|d| d.rule == "place/self-level")
        .map(|d| (doc.position(d.span.start).line, &doc.source[d.span.clone()]))
        .collect();
    assert_eq!(
        reported,
        [
            (10, "全市"),
            (10, "全市"),
            (10, "我市"),
            (24, "市委"),
            (24, "市政府"),
            (24, "我市"),
            (24, "全市"),
            (25, "市委"),
        ]
    );
    let first = diagnostics
        .iter()
        .find(|d| d.rule == "place/self-level")
        .unwrap();
    assert!(first.message.contains("“省”级文稿"), "{}", first.message);
    let evidence = &first.related[0];
    assert_eq!(&doc.source[evidence.span.clone()], "省直单位");
}

/// Professionally edited texts speak for one level (or for the nation): nothing to report.
#[test]
fn clean_texts_report_no_self_level_conflict() {
    let Some(corpus) = common::corpus() else {
        return skip("place/self-level on the clean texts");
    };
    let mut reported = Vec::new();
    for (path, text) in documents_in(&corpus.join("clean")) {
        let (doc, diagnostics) = common::lint_text(&text, &path);
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
    let (doc, diagnostics) = common::lint_text(&text, "a.txt");
    let terms: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("term/"))
        .collect();
    let shown: Vec<(&str, &str)> = terms
        .iter()
        .map(|d| (d.rule.as_ref(), &doc.source[d.span.clone()]))
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
        let (doc, diagnostics) = common::lint_text(&text, &path);
        for d in &diagnostics {
            let shown = &doc.source[d.span.clone()];
            match d.rule.as_ref() {
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
    let (doc, diagnostics) = common::lint_text(&text, "a.txt");
    let reported: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.rule == "place/region")
        .map(|d| &doc.source[d.span.clone()])
        .collect();
    assert_eq!(reported, ["天津"]);
}

/// The seed's adjacent restatement (`营造学dangshi的浓厚氛围。营造了浓厚的dangshi学习教育氛围。`)
/// is a warning; the clauses pasted into two sections (`忠诚履责、奋发有为，积极投身新时代…伟大
/// 实践`) are reported as info; nothing else in the family is a warning.
#[test]
fn seed_reports_its_repetitions() {
    let Some(corpus) = common::corpus() else {
        return skip("duplicates on the seed");
    };
    let text = std::fs::read_to_string(corpus.join(SEED)).unwrap();
    let (doc, diagnostics) = common::lint_text(&text, "a.txt");
    let found: Vec<(&str, &str)> = diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("duplicate/"))
        .map(|d| (d.rule.as_ref(), &doc.source[d.span.clone()]))
        .collect();
    assert!(found.contains(&("duplicate/near", "营造了浓厚的dangshi学习教育氛围。")));
    assert!(found.contains(&("duplicate/clause", "忠诚履责、奋发有为")));
    assert!(found.contains(&("duplicate/clause", "积极投身新时代XXXX伟大实践")));
    let warnings = diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("duplicate/") && d.severity != wenlint::Severity::Info)
        .count();
    assert_eq!(warnings, 1, "{found:?}");
}

/// Professionally edited texts: the duplicate warnings are the paragraphs these copies print
/// twice (gwr-2010, gwr-2015), sentences the speakers repeated, and targets restated; each
/// was read. A quoted principle (`要搞马克思主义，不要搞修正主义……`, a set phrase) and a body
/// sentence that takes up a run-in heading's words are not reported. Regulations, compared across their articles, report one sentence of two
/// parallel articles; their liability clauses, lists and time limits recur by design.
#[test]
fn clean_texts_report_only_real_repetitions() {
    let Some(corpus) = common::corpus() else {
        return skip("duplicates on the clean texts");
    };
    let mut reported = Vec::new();
    for (path, text) in documents_in(&corpus.join("clean")) {
        let (doc, diagnostics) = common::lint_text(&text, &path);
        for d in diagnostics
            .iter()
            .filter(|d| d.rule == "duplicate/sentence" || d.rule == "duplicate/near")
        {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            reported.push(format!("{name}:{}", doc.position(d.span.start).line));
        }
    }
    assert_eq!(
        reported,
        [
            "gwr-1955.txt:35",
            "gwr-1955.txt:37",
            "gwr-1964.txt:139",
            "gwr-1988.txt:360",
            "gwr-2010.txt:171",
            "gwr-2010.txt:171",
            "gwr-2010.txt:171",
            "gwr-2010.txt:311",
            "gwr-2012.txt:179",
            "gwr-2015.txt:99",
            "gwr-2015.txt:99",
            "gwr-2015.txt:99",
            "gwr-2015.txt:99",
            // Two parallel articles on budgets and final accounts, one word apart (预算 /
            // 决算): the one regulation sentence reported.
            "chongqing-municipality-03.md:223",
            "prov-gansu-gwr-2026.txt:40",
            "prov-guangdong-gwr-2026.txt:57",
        ]
    );
}

/// Duplicates injected into clean reports are found where they were put: a sentence copied
/// exactly, copied with two characters changed, and two of its clauses pasted into another
/// sentence.
#[test]
fn duplicates_injected_into_clean_texts_are_found() {
    let Some(corpus) = common::corpus() else {
        return skip("injected duplicates");
    };
    let mut checked = 0;
    for (path, text) in documents_in(&corpus.join("clean/local-reports")).take(15) {
        let lines: Vec<&str> = text.lines().collect();
        let Some(sentence) = long_sentence(&lines) else {
            continue;
        };
        let changed = change_two_characters(&sentence);
        let clauses: Vec<&str> = sentence.trim_end_matches('。').split('，').collect();
        let moved = format!("与此同时，各地{}，{}。", clauses[1], clauses[2]);
        for (injected, rule) in [
            (sentence.clone(), "duplicate/sentence"),
            (changed, "duplicate/near"),
            (moved, "duplicate/clause"),
        ] {
            // Appended to the last paragraph, as an edit would put it.
            let edited = format!("{}{injected}\n", text.trim_end());
            let (doc, diagnostics) = common::lint_text(&edited, "a.txt");
            let last_line = doc.line_count() - 1;
            assert!(
                diagnostics
                    .iter()
                    .any(|d| d.rule == rule && doc.position(d.span.start).line == last_line),
                "{}: {rule} missed the injected “{injected}”",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 10,
        "only {checked} reports had a sentence to copy"
    );
}

/// The clauses of `rules/set-phrases-corpus.txt`, letters and ideographs only: formulations
/// the genre repeats, which a test must not take for pasted text.
fn set_formulations() -> std::collections::HashSet<String> {
    let list = include_str!("../../rules/set-phrases-corpus.txt");
    list.lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.chars().filter(|c| c.is_alphanumeric()).collect())
        .collect()
}

/// A sentence of three or more clauses and 30 to 60 characters, from the latter part of a
/// text, whose clauses are no set formulations.
fn long_sentence(lines: &[&str]) -> Option<String> {
    let formulations = set_formulations();
    let formulation = |clause: &str| -> bool {
        let key: String = clause.chars().filter(|c| c.is_alphanumeric()).collect();
        formulations.contains(&key)
    };
    let middle = &lines[lines.len() / 3..];
    middle
        .iter()
        .flat_map(|line| line.split_inclusive('。'))
        .find_map(|s| {
            let s = s.trim();
            let length = s.chars().count();
            let clean = !s.contains(['“', '”', '《', '（', '；', '：']) && s.ends_with('。');
            let clauses: Vec<&str> = s.split('，').collect();
            // The two clauses to move must be clauses the rule considers: eight characters
            // or more, words rather than figures.
            let movable = clauses.len() >= 3
                && clauses[1..3].iter().all(|c| {
                    c.chars().count() >= 8
                        && !c.contains(|ch: char| ch.is_ascii_digit())
                        && !formulation(c.trim_end_matches('。'))
                });
            (clean && movable && (30..=60).contains(&length)).then(|| s.to_string())
        })
}

fn change_two_characters(sentence: &str) -> String {
    let mut chars: Vec<char> = sentence.chars().collect();
    let at = chars.len() / 2;
    chars[at] = '新';
    chars[at + 1] = '增';
    chars.into_iter().collect()
}
