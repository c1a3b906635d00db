//! The `punct` family on real texts: what it reports in the seed draft and in the edited
//! texts of `../shared/corpus`, and `--fix`/`--diff` on a copy of the seed, in UTF-8 and GBK.

use std::path::Path;

use crate::common::{corpus, lint_text, wenlint};
use wenlint::Severity;

const SEED: &str = "seed/000_b33b4ccf6b47c0c8.txt";

fn seed() -> Option<String> {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: ../shared/corpus not found");
        return None;
    };
    Some(std::fs::read_to_string(corpus.join(SEED)).expect("the seed is readable"))
}

/// `line:column rule “text”` of the `punct` findings.
fn punct_listing(text: &str, name: impl AsRef<std::path::Path>) -> Vec<String> {
    let (doc, diagnostics) = lint_text(text, name);
    diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("punct/"))
        .map(|d| {
            let at = doc.position(d.span.start);
            let flagged = &doc.source[d.span.clone()];
            format!("{}:{} {} “{flagged}”", at.line, at.column, d.rule)
        })
        .collect()
}

#[test]
fn the_seed_gets_its_commas_quoted_lists_range_and_broken_list() {
    let Some(text) = seed() else { return };
    assert_eq!(
        punct_listing(&text, "a.txt"),
        [
            "8:285 punct/halfwidth “,”",
            "8:337 punct/halfwidth “,”",
            "8:627 punct/quoted-list “、”",
            "9:619 punct/range “-”",
            "9:687 punct/halfwidth “,”",
            "9:794 punct/halfwidth “,”",
            "16:190 punct/quoted-list “、”",
            "16:196 punct/quoted-list “、”",
            "21:389 punct/list-break “。”",
            "24:272 punct/quoted-list “、”",
        ]
    );
}

#[test]
fn nothing_is_reported_at_the_seeds_traps() {
    let Some(text) = seed() else { return };
    let (doc, diagnostics) = lint_text(&text, "a.txt");
    for trap in ["1.", "100%", "《1921》", "《榜样5》", "“雪山”“草地”"] {
        let hits: Vec<_> = doc.source.match_indices(trap).collect();
        assert!(!hits.is_empty(), "the seed has {trap}");
        for (at, _) in hits {
            let trap_span = at..at + trap.len();
            let touching: Vec<_> = diagnostics
                .iter()
                .filter(|d| {
                    ["punct/", "number/", "grammar/"]
                        .iter()
                        .any(|f| d.rule.starts_with(f))
                })
                .filter(|d| d.span.start < trap_span.end && trap_span.start < d.span.end)
                .map(|d| d.rule.as_ref())
                .collect();
            assert_eq!(touching, Vec::<&str>::new(), "at {trap}");
        }
    }
}

/// Every warning the family gives on the edited texts, pinned: each was read and is a real
/// slip of the published text (half-width marks, `县(市、区)`, a reversed quotation mark, a
/// lost `（` in the header of a regulation, `2-3家`, `，，`, `--` as a dash).
#[test]
fn warnings_on_the_clean_corpus_are_the_ones_read() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let mut listing = String::new();
    let mut files: Vec<_> = walkdir::WalkDir::new(corpus.join("clean"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("clean texts are UTF-8");
        let (doc, diagnostics) = lint_text(&text, &path);
        let name = path.strip_prefix(&corpus).unwrap_or(&path).display();
        for d in diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("punct/") && d.severity >= Severity::Warning)
        {
            let at = doc.position(d.span.start);
            let flagged = &doc.source[d.span.clone()];
            listing.push_str(&format!(
                "{name}:{}:{} {} “{flagged}”\n",
                at.line, at.column, d.rule
            ));
        }
    }
    insta::assert_snapshot!("clean_corpus_punct_warnings", listing);
}

/// `(line, before, after)` of each changed stretch between two texts, found by a plain
/// character walk: fixes never add or remove lines, so the lines pair up one to one.
fn changes(before: &str, after: &str) -> Vec<(usize, String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(a.len(), b.len(), "fixes keep the lines");
    let mut found = Vec::new();
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        if x == y {
            continue;
        }
        let head = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
        let tail = x
            .chars()
            .rev()
            .zip(y.chars().rev())
            .take_while(|(p, q)| p == q)
            .count();
        let mid = |s: &str| {
            let n = s.chars().count();
            s.chars()
                .skip(head)
                .take(n.saturating_sub(head + tail))
                .collect::<String>()
        };
        // Several fixes on one line show as one stretch from the first to the last.
        found.push((i + 1, mid(x), mid(y)));
    }
    found
}

fn fix_in_place(path: &Path) -> String {
    let output = wenlint()
        .args(["check", "--fix"])
        .arg(path)
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(2), "{output:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn fixing_a_copy_of_the_seed_changes_exactly_the_fixable_spans_and_only_once() {
    let Some(text) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.txt");
    std::fs::write(&path, &text).unwrap();
    let said = fix_in_place(&path);
    assert!(said.contains("已修正 1 个文件中的 6 处问题。"), "{said}");
    let fixed = std::fs::read_to_string(&path).unwrap();
    let expected = text
        .replacen("10余次,", "10余次，", 1)
        .replacen("跟进指导,", "跟进指导，", 1)
        .replacen("内容2-3篇", "内容2～3篇", 1)
        .replacen("视频展播,", "视频展播，", 1)
        .replacen("经验做法,", "经验做法，", 1)
        .replacen("两个确定", "两个确立", 1);
    assert_eq!(fixed, expected);
    let lines: Vec<usize> = changes(&text, &fixed).iter().map(|c| c.0).collect();
    assert_eq!(lines, [8, 9, 21]);
    assert!(fix_in_place(&path).contains("已修正 0 个文件中的 0 处问题。"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
}

#[test]
fn a_gbk_crlf_copy_of_the_seed_stays_gbk_and_crlf() {
    let Some(text) = seed() else { return };
    let crlf = text.replace('\n', "\r\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&crlf);
    assert!(!unmappable, "the seed is GBK-encodable");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.txt");
    std::fs::write(&path, &gbk).unwrap();
    assert!(fix_in_place(&path).contains("已修正 1 个文件中的 6 处问题。"));
    let bytes = std::fs::read(&path).unwrap();
    let (decoded, _, malformed) = encoding_rs::GBK.decode(&bytes);
    assert!(!malformed, "the fixed file is GBK");
    assert_eq!(
        decoded.matches("\r\n").count(),
        crlf.matches("\r\n").count()
    );
    assert!(decoded.contains("10余次，") && decoded.contains("内容2～3篇"));
    assert_eq!(changes(&crlf, &decoded).len(), 3);
    assert!(fix_in_place(&path).contains("已修正 0 个文件中的 0 处问题。"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn diff_shows_the_fixes_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    let draft = "一、总体要求\n各单位要高度重视,认真落实。\n每天学习2-3篇。\n";
    std::fs::write(&path, draft).unwrap();
    let output = wenlint()
        .args(["check", "--diff"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let shown = path.display().to_string();
    let expected = format!(
        "--- {shown}\n+++ {shown}\n@@ -1,3 +1,3 @@\n 一、总体要求\n-各单位要高度重视,认真落实。\n-每天学习2-3篇。\n+各单位要高度重视，认真落实。\n+每天学习2～3篇。\n"
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
    assert!(String::from_utf8_lossy(&output.stderr).contains("可修正 1 个文件中的 2 处问题。"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        draft,
        "--diff writes nothing"
    );
    fix_in_place(&path);
    wenlint()
        .args(["check", "--diff"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn a_suppressed_finding_is_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.md");
    let draft = "<!-- wenlint-disable-next-line punct/halfwidth -- 引用原文 -->\n原文如此,不改。\n\n这里要改,改为全角。\n";
    std::fs::write(&path, draft).unwrap();
    fix_in_place(&path);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        draft.replace("这里要改,", "这里要改，")
    );
}
