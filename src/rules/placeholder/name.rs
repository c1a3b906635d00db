//! `placeholder/name`: `某某` standing for a name, and `某` alone where a title or a sentence
//! names a unit by it (`某县委书记在座谈会上的讲话`, `某项目今天正式投产`).
//!
//! A single `某` is an everyday word (`某些`, `某种`, `在某次会议上`), so it is reported only
//! where a drafter writes a name: opening a title, a heading or a sentence, and before the
//! suffix of a place, an organ, a unit or a title. A document that hides names on purpose
//! (`张某`, `李某某`) uses `某` that way throughout and is left alone.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::words::{self, Class};
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::document::census::{Census, CharSet};
use crate::document::{floor_boundary, Document};
use crate::rules::Context;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "placeholder/name",
    Severity::Warning,
    "代替名称的“某某”，以及标题、句首代替单位名称的“某”（某县、某项目）",
    DOC,
    check,
);

pub(super) const DOC: &str = r#"
检查什么
  起草时用来代替尚未确定的人名、单位名、地名的“某”：
  - 连写的“某某”“某某某”，在任何位置；
  - 单独一个“某”，后面是地名、机构、单位、项目的通名或职务（某县、某局、某项目、
    某公司、某同志），并且位于标题、小标题的开头或者句首。
  上下文用简体字判断，繁体稿（某縣長）同样适用。

为什么
  讲话稿、通知里的“某某同志”“某县委书记在……的讲话”如果没有替换，会被原样念出或印发。

会报告
  请某某同志作交流发言；某某市要在某某方面走在前列。
  某县委书记在全县经济工作座谈会上的讲话
  某项目今天正式投产。

不会报告
  某些、某种、某个、某一、某方面、某次会议（单个“某”是正常用语）；
  句中叙述里的“某”：在某县调研时发现……；
  讲述案例的句子开头的“某”（句中有年份，或“发生”“违规”“被”“通报”等）：
  某县在2022年虚报统计数据，被严肃处理；
  张某某、王某某、李某这类以姓氏开头的匿名写法，以及用这种写法隐名的整篇材料中的
  所有“某”（通报、案例、司法文书中的隐名处理是有意为之，“某某公司申请执行李某某”）。

如何修改
  填入实际名称。若确需隐名，使用“姓氏＋某某”的规范写法；若整个文档都是隐名材料，
  可在配置中关闭本规则：[rules] "placeholder/name" = "off"。
"#;

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let text = &doc.text;
    let runs = runs_of_mou(doc.census());
    let hides_names = runs.iter().any(|run| after_surname(text, run));
    for run in runs {
        // A document that hides names hides others the same way (`某某公司申请执行李某某`).
        if hides_names {
            break;
        }
        if run.len() > '某'.len_utf8() {
            let message = format!("“{}”可能是尚未填写的名称", &doc.source[run.clone()]);
            out.push(Finding::new(run, message));
        } else {
            out.extend(lone_mou(doc, run));
        }
    }
}

/// Every run of consecutive `某` in the text of `census`.
fn runs_of_mou(census: &Census) -> Vec<Range<usize>> {
    const MOU: CharSet = CharSet::new(&['某']);
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (at, _) in census.find(MOU) {
        match runs.last_mut() {
            Some(last) if last.end == at => last.end = at + '某'.len_utf8(),
            _ => runs.push(at..at + '某'.len_utf8()),
        }
    }
    runs
}

fn after_surname(text: &str, run: &Range<usize>) -> bool {
    text[..run.start]
        .chars()
        .next_back()
        .is_some_and(words::is_surname)
}

/// A single `某` before a name's suffix, opening a title, a heading or a sentence.
fn lone_mou(doc: &Document, run: Range<usize>) -> Option<Finding> {
    let text = &doc.text;
    let word = words::word_after(text, run.end)?;
    if matches!(word.class, Class::Number | Class::Compound) {
        return None;
    }
    let speaks_for_itself = opens_sentence(doc, run.start) && !tells_a_case(doc, run.start);
    if !(in_heading(doc, run.start) || speaks_for_itself) {
        return None;
    }
    let cue = &doc.source[run.end..run.end + word.len];
    let message = format!("“某{cue}”可能是尚未填写的名称");
    Some(Finding::new(run, message))
}

/// Whether `at` opens its paragraph (after a numbering marker, if any) or a sentence.
fn opens_sentence(doc: &Document, at: usize) -> bool {
    let Some(paragraph) = doc.paragraph_at(at) else {
        return false;
    };
    let before = doc.text[paragraph.start..at].trim_end_matches([' ', '\u{3000}']);
    let Some(last) = before.chars().next_back() else {
        return true;
    };
    let is_marker = "、.．）)".contains(last) && before.chars().nth(4).is_none();
    is_marker || "。！？；：!?;:".contains(last)
}

/// What a sentence that tells a case holds: a year, or words of what happened and was
/// done about it (`某县在2022年虚报统计数据，被通报`). There a `某` hides a name on purpose.
static CASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9０-９]{4} ?年|[〇○零一二三四五六七八九]{4}年|曾|此前|发生|违规|违纪|违法|查处|通报|案例|被")
        .expect("valid case pattern")
});

/// How far a sentence is read for the words of a case, in bytes.
const CASE_BYTES: usize = 300;

/// Whether the sentence at `at` tells a case rather than speaks for the text's own unit.
fn tells_a_case(doc: &Document, at: usize) -> bool {
    let text = &doc.text;
    doc.sentence_at(at).is_some_and(|sentence| {
        let end = floor_boundary(text, sentence.end.min(at + CASE_BYTES));
        CASE.is_match(&text[sentence.start.max(at)..end])
    })
}

/// Whether `at` is in a title or a heading.
fn in_heading(doc: &Document, at: usize) -> bool {
    doc.paragraph_at(at)
        .is_some_and(|p| super::is_heading(&doc.text[p]))
}

#[cfg(test)]
mod tests {
    fn flagged(text: &str) -> Vec<String> {
        let (doc, found) = crate::rules::run_builtin("placeholder/name", text);
        found
            .into_iter()
            .map(|f| doc.source[f.span].to_string())
            .collect()
    }

    #[test]
    fn runs_of_mou_are_names() {
        assert_eq!(
            flagged("请某某同志发言，某某某市要走在前列。"),
            ["某某", "某某某"]
        );
    }

    #[test]
    fn a_lone_mou_in_a_title_or_opening_a_sentence() {
        assert_eq!(flagged("某县委书记在座谈会上的讲话"), ["某"]);
        assert_eq!(flagged("同志们：某项目今天正式投产。"), ["某"]);
        assert_eq!(flagged("1.某局要牵头落实。"), ["某"]);
        assert_eq!(flagged("某縣長在會議上的講話"), ["某"]);
    }

    #[test]
    fn everyday_mou_is_quiet() {
        for quiet in [
            "某些单位、某种做法、某一时期、某个环节仍存在薄弱点。",
            "在某县调研时发现，某次会议没有记录。",
            "某项工作推进缓慢。",
            "这是政治问题。某县在 2022 年虚报数据，被严肃处理。",
            "张某某、王某某等人被依法处理。",
            "李某任局长期间，某局违规发放补贴。",
            "某某公司申请执行常某某合同案",
        ] {
            assert_eq!(flagged(quiet), Vec::<String>::new(), "{quiet}");
        }
    }
}
