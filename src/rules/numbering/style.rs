//! How markers are written, as opposed to how they are numbered.
//!
//! GB/T 9704-2012 7.3.3 writes the levels `一、` `（一）` `1.` `（1）`: brackets are full-width,
//! and GB/T 15834-2011 B.3.4 puts no punctuation after a bracketed marker (`（一）、` is wrong).

use crate::document::Document;
use crate::structure::markers::{Level, Marker, Slip};
use crate::structure::Problem;

use super::report;
use crate::diagnostic::{Finding, Severity};
use crate::rules::{Context, RuleDef};

pub(super) static RULE: RuleDef = RuleDef::document(
    "numbering/style",
    Severity::Warning,
    "序号写法：半角括号、括号后加标点、同级写法不一致",
    STYLE,
    check,
);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    report(cx, RULE.meta.id.as_ref(), out)
}

/// Problems of form: bracket width, stray punctuation, mixed separators.
pub(super) fn check_markers(
    doc: &Document,
    markers: &[Marker],
    series: &[Vec<usize>],
    problems: &mut Vec<Problem>,
) {
    let bracketed: Vec<&Marker> = markers
        .iter()
        .filter(|m| matches!(m.level, Level::ParenChinese | Level::ParenArabic) && m.slip.is_none())
        .collect();
    let half_width = |m: &&Marker| doc.source[m.span.clone()].contains(['(', ')']);
    let all_half_width = bracketed.len() > 1 && bracketed.iter().all(half_width);
    if all_half_width {
        problems.push(house_style(doc, &bracketed));
    }
    for marker in bracketed {
        check_brackets(doc, marker, !all_half_width, problems);
    }
    check_arabic_separators(doc, markers, series, problems);
    check_slips(doc, markers, problems);
}

/// Markers read as the drafter meant them (`10企业` for `10.`, `l.总则` for `1.`, `一.` for
/// `一、`), each reported with the marker it stands for, written like its siblings.
fn check_slips(doc: &Document, markers: &[Marker], problems: &mut Vec<Problem>) {
    for (i, marker) in markers.iter().enumerate() {
        let Some(slip) = marker.slip else {
            continue;
        };
        let written = doc.source[marker.span.clone()].trim_end();
        let meant = meant_form(doc, markers, i);
        let message = match slip {
            Slip::LostPoint => format!("序号“{written}”后缺少标点，应为“{meant}”"),
            Slip::LostBracket => format!("序号“{written}”缺少右括号，应为“{meant}”"),
            Slip::LostNumber => format!("序号缺少数字：这里的“{written}”应为“{meant}”"),
            Slip::LetterForDigit => {
                format!("序号“{written}”中把字母当成了数字，应为“{meant}”")
            }
            Slip::WrongSeparator => format!("序号“{written}”的标点有误，应为“{meant}”"),
            Slip::CapitalNumeral => format!("序号“{written}”用了大写数字，应为“{meant}”"),
        };
        problems.push(Problem {
            rule: "numbering/style",
            span: marker.span.clone(),
            message,
            related: None,
            fix: Some(meant),
        });
    }
}

/// The marker a slip stands for, in the form of its nearest well-formed sibling: `10.` or
/// `10、` as the list writes them, `(1)` or `（1）` as its brackets are; `一、` always.
fn meant_form(doc: &Document, markers: &[Marker], at: usize) -> String {
    let marker = &markers[at];
    let level = marker.level;
    let before = markers[..at].iter().rev();
    let after = markers[at + 1..].iter();
    let sibling = before
        .chain(after)
        .find(|m| m.level == level && m.slip.is_none() && !m.markup)
        .map(|m| &doc.source[m.span.clone()]);
    let value = marker.value;
    match level {
        Level::Arabic if sibling.is_some_and(|s| s.ends_with('、')) => format!("{value}、"),
        Level::Arabic => format!("{value}."),
        Level::ParenArabic if sibling.is_some_and(|s| s.starts_with('(')) => format!("({value})"),
        _ => level.canonical(value),
    }
}

/// A document that writes every bracketed marker with half-width brackets follows a house
/// style: one report for the document, not one per marker.
fn house_style(doc: &Document, bracketed: &[&Marker]) -> Problem {
    let first = bracketed[0];
    Problem {
        rule: "numbering/style",
        span: first.span.clone(),
        message: format!(
            "本文加括号的序号都用了半角括号（{} 处），如“{}”，公文应为全角“{}”",
            bracketed.len(),
            &doc.source[first.span.clone()],
            first.level.canonical(first.value)
        ),
        related: None,
        fix: None,
    }
}

fn check_brackets(
    doc: &Document,
    marker: &Marker,
    report_width: bool,
    problems: &mut Vec<Problem>,
) {
    let written = &doc.source[marker.span.clone()];
    let canonical = marker.level.canonical(marker.value);
    if written == canonical {
        return;
    }
    let half_width = written.contains(['(', ')']);
    let close = written.rfind(['）', ')']).unwrap_or(written.len());
    let trailing = &written[close..].chars().skip(1).collect::<String>();
    let message = match (half_width && report_width, trailing.is_empty()) {
        (true, true) => format!("序号“{written}”用了半角括号，应为“{canonical}”"),
        (false, false) => format!("加括号的序号后不加标点：“{written}”应为“{canonical}”"),
        (true, false) => format!("序号“{written}”用了半角括号且后加标点，应为“{canonical}”"),
        // The numeral itself is written differently (e.g. Arabic digits in full width), or
        // the width is reported once for the document.
        (false, true) => return,
    };
    // Under a half-width house style, only the stray punctuation is removed.
    let fix = if report_width {
        canonical
    } else {
        written[..close + 1].to_string()
    };
    problems.push(Problem {
        rule: "numbering/style",
        span: marker.span.clone(),
        message,
        related: None,
        fix: Some(fix),
    });
}

/// `1.`, `1．` and `1、` in one series (the items of one list): the less used forms are
/// reported. Two lists that each keep to one form are each consistent (`1、` in one section
/// and `1.` in another is a choice, often of different authors), so forms are compared
/// within a series; the document's usage only breaks a tie.
fn check_arabic_separators(
    doc: &Document,
    markers: &[Marker],
    series: &[Vec<usize>],
    problems: &mut Vec<Problem>,
) {
    let plain = |m: &&Marker| m.level == Level::Arabic && !m.markup && m.slip.is_none();
    let in_document = separator_counts(doc, markers.iter().filter(plain));
    for members in series {
        let list: Vec<&Marker> = members.iter().map(|&i| &markers[i]).filter(plain).collect();
        let counts = separator_counts(doc, list.iter().copied());
        if counts.iter().filter(|(_, n)| *n > 0).count() < 2 {
            continue;
        }
        let usual = most_used(&counts, &in_document);
        let first_usual = list.iter().find(|m| arabic_separator(doc, m) == usual);
        for m in list.iter().filter(|m| arabic_separator(doc, m) != usual) {
            let written = &doc.source[m.span.clone()];
            let expected = format!("{}{usual}", m.value);
            problems.push(Problem {
                rule: "numbering/style",
                span: m.span.clone(),
                message: format!(
                    "同一组序号的写法不一致：这一组多用“1{usual}”式，这里写作“{written}”，应为“{expected}”"
                ),
                related: first_usual.map(|f| (f.span.clone(), "这一组的多数写法".to_string())),
                // `1、` is common but not GB/T 9704's form: never rewrite towards it.
                fix: (usual != "、").then_some(expected),
            });
        }
    }
}

/// The separators `1.` `1．` `1、`, in order of preference on a tie: GB/T 9704's `1.` first.
const ARABIC_SEPARATORS: [&str; 3] = [".", "．", "、"];

fn arabic_separator(doc: &Document, m: &Marker) -> &'static str {
    match doc.source[m.span.clone()].chars().last() {
        Some('、') => "、",
        Some('．') => "．",
        _ => ".",
    }
}

fn separator_counts<'a>(
    doc: &Document,
    markers: impl Iterator<Item = &'a Marker>,
) -> [(&'static str, usize); 3] {
    let mut counts = ARABIC_SEPARATORS.map(|s| (s, 0));
    for m in markers {
        let separator = arabic_separator(doc, m);
        if let Some(entry) = counts.iter_mut().find(|(s, _)| *s == separator) {
            entry.1 += 1;
        }
    }
    counts
}

/// The form a series uses most; on a tie, the one the document uses most, then `1.`.
fn most_used(
    counts: &[(&'static str, usize); 3],
    in_document: &[(&str, usize); 3],
) -> &'static str {
    let key = |i: usize| (counts[i].1, in_document[i].1, usize::MAX - i);
    let best = (0..counts.len()).max_by_key(|&i| key(i)).unwrap_or(0);
    counts[best].0
}

const STYLE: &str = r#"
检查什么
  序号本身的写法：
  - 加括号的序号用了半角括号或半全角混用：(一)、（一)、(1)，应为（一）、（1）；
  - 加括号的序号后又加了标点：（一）、（1）、，GB/T 15834-2011 附录 B.3.4 规定
    加括号的序次语后面不用任何点号；
  - 全文的加括号序号都用半角括号（一种“本单位写法”）：只在第一处报告一次，注明处数；
  - 同一组序号（同一上级标题下的一列）混用“1.”“1．”“1、”：报告少数的写法，并指出多数
    写法的位置；数量相同时看全文多用哪种，再相同时保留 GB/T 9704-2012 第 7.3.3 条的“1.”；
    不会自动改成“1、”。不同的两组各自统一（一组用“1.”，另一组用“1、”）不报告；
  - 序号丢了或写错了标点、括号、数字，按作者本意读出后报告并给出修正（与同组其他序号一致）：
    段首的“10企业……”“3 做好……”（丢了点号）、“l.总则”“1O.”（字母当数字）、
    “1,总则”（逗号）、“一.背景”“八．”（汉字序号后应为顿号）、“(1参加人员”（缺右括号）、
    “3.”与“5.”之间的“.做好……”（丢了数字）、“九强化宣传引导”（汉字序号丢了顿号，只在接续
    “八、”的短标题中）、“壹、”“（壹）”（大写数字）。这样的序号只在它接续前一项时才算序号
    （或作为第一项、后面紧跟“2”），不再报告跳号；
  - 同一组段内列举用词不一：“一是……二要……三要”“第一……其次……第三”，报告与多数不同的
    那一项（数量相同时报告与第一项不同的）。“首先”“其次”开头、后面改用“第三”“二是”
    的写法常见于正式文件，不报告。

为什么
  序号写法不统一是从不同来源拼合文稿的痕迹，印发前应统一。

会报告
  (一)加强组织领导          （半角括号，可自动修正为“（一）”）
  （二）、完善制度体系        （括号后多了顿号，可自动修正为“（二）”）
  1.健全机制……2、强化督查……3.严格考核   （同一组写法不一致）
  五.监督检查                               （可自动修正为“五、”）
  一是要提高认识，二要加强领导，三要狠抓落实   （“一是”与这一组的“二要”“三要”不一致）
  9.强化保障。／10企业要落实主体责任。／11.严格考核。   （可自动修正为“10.”）
  l.总则明确。／2.分工负责。                              （可自动修正为“1.”）

不会报告
  （一）加强组织领导；全文统一使用“1、”的文档；各自统一的两组序号；英文句子中的 (a)；
  段首的“10月份以来”“5个专项小组”“(1号楼”（数量，不是序号）；I.Introduction（英文）；
  一、二级医院；1,2号楼；首先……其次……第三。

如何修改
  按提示改为全角括号、删去括号后的标点，或统一同级序号的写法。
"#;

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};

    fn style_problems(text: &str) -> Vec<(String, Option<String>)> {
        let doc = Document::new(text.to_string(), Format::Text);
        let outline = crate::structure::Outline::build(&doc);
        super::super::problems(&doc, &outline)
            .iter()
            .filter(|p| p.rule == "numbering/style")
            .map(|p| (doc.source[p.span.clone()].to_string(), p.fix.clone()))
            .collect()
    }

    #[test]
    fn a_half_width_house_style_is_reported_once() {
        let text = "一、总体要求\n(一)指导思想。\n(二)基本原则。\n二、主要任务\n(一)加强领导。\n(二)、完善制度。\n";
        assert_eq!(
            style_problems(text),
            [
                ("(一)".to_string(), None),
                ("(二)、".to_string(), Some("(二)".to_string()))
            ]
        );
    }

    #[test]
    fn mixed_points_keep_the_majority_form() {
        let text = "一、任务\n1．健全机制。\n2．强化督查。\n3.严格考核。\n";
        assert_eq!(
            style_problems(text),
            [("3.".to_string(), Some("3．".to_string()))]
        );
    }

    #[test]
    fn dunhao_majority_is_reported_without_a_fix() {
        let text = "一、任务\n1、健全机制。\n2、强化督查。\n3.严格考核。\n";
        assert_eq!(style_problems(text), [("3.".to_string(), None)]);
    }
}
