//! `punct/range`: a range of numbers joined by a hyphen (`2-3篇`, `1-6月`). GB/T 15834-2011
//! 4.13.3.2 joins 起止 and ranges with the 一字线 `—` or the 浪纹线 `～`; the hyphen is for
//! codes and compounds (4.13.3.1: `GB/T 9704-2012`, `3-2-11室`, `0311-87654321`).
//!
//! Only a range followed by a unit or measure word is read as a range: that is what tells
//! `2-3篇` from a code. Chains (`2021-12-24`), numbers glued to letters (`GB/T 9704-2012`,
//! `A3-5`) and titles (`《…》` are cited as they are) are left alone.

use std::sync::LazyLock;

use regex::Regex;

use super::{before, paragraphs, Context};
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::document::chars::word_search;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "punct/range",
    Severity::Warning,
    "数值范围用了短横线（2-3篇），应为浪纹线或一字线",
    DOC,
    check,
);

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:\.\d+)?(?:万亿|亿|万|%|％|‰)?) ?([-~－–〜]) ?(\d+(?:\.\d+)?)")
        .expect("range pattern is valid")
});

/// What follows a range of quantities; 起止 of time (`年 月 日 号 时`) is told apart below.
const UNITS: &[&str] = &[
    "个", "人", "名", "位", "次", "场", "天", "日", "号", "年", "月", "周", "小时", "时", "分钟",
    "秒", "岁", "篇", "件", "项", "家", "所", "批", "部", "册", "本", "套", "台", "辆", "元", "万",
    "亿", "千", "百", "倍", "%", "％", "‰", "公里", "千米", "米", "厘米", "毫米", "吨", "千克",
    "公斤", "克", "斤", "亩", "公顷", "平方", "立方", "度", "℃", "层", "栋", "户", "条", "款",
    "章", "节", "页", "份", "张", "座", "处", "起", "例", "只", "头", "株", "棵", "级", "期", "届",
    "轮", "组", "支", "间", "字", "分", "成", "课", "周岁", "学时", "课时",
];

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    for (span, paragraph) in paragraphs(cx) {
        if !may_hold_range(paragraph) {
            continue;
        }
        for m in RANGE.captures_iter(paragraph) {
            let (whole, first, mark, last) = (
                m.get(0).expect("group 0"),
                &m[1],
                m.get(2).expect("group 2"),
                &m[3],
            );
            let rest = &paragraph[whole.end()..];
            if !is_range(paragraph, whole.start(), rest) {
                continue;
            }
            let at = span.start + mark.start()..span.start + mark.end();
            if cx.doc.titles().overlaps(&at) {
                continue;
            }
            let connector = connector(first, last, rest);
            let missing = if first.ends_with(|c: char| c.is_ascii_digit()) {
                magnitude(rest)
            } else {
                ""
            };
            out.push(finding(&text[at.clone()], at, connector, missing));
        }
    }
}

/// Whether `paragraph` has what every [`RANGE`] needs, a mark between two numbers (`-`,
/// `~`, or one of more bytes: `－`, `–`, `〜`) and a digit: vectorised byte searches rule
/// out most paragraphs before the regex reads them. The marks are looked for first: most
/// paragraphs have a digit (a year, a figure), few a mark.
fn may_hold_range(paragraph: &str) -> bool {
    let bytes = paragraph.as_bytes();
    (memchr::memchr2(b'-', b'~', bytes).is_some()
        || word_search!("－").find(bytes).is_some()
        || word_search!("–").find(bytes).is_some()
        || word_search!("〜").find(bytes).is_some())
        && bytes.iter().any(u8::is_ascii_digit)
}

/// Words before a figure, table or formula number (`表2-8`), which is a code, not a range.
const NUMBERED: [char; 4] = ['表', '图', '式', '例'];

/// A range stands alone (no code or chain around it) and is followed by a unit.
fn is_range(paragraph: &str, start: usize, rest: &str) -> bool {
    let glued = |c: char| c.is_ascii_alphanumeric() || "-./_:#－".contains(c);
    !before(paragraph, start).is_some_and(glued)
        && !paragraph[..start].ends_with(NUMBERED)
        && !rest.starts_with(['-', '－', '.', '/'])
        && UNITS.iter().any(|unit| rest.starts_with(unit))
}

/// 起止 of dates and years take the 一字线 (`2011年2月3日—10日`, `2021—2025年`); ranges of
/// quantities the 浪纹线 (`2～3篇`, `5～10万元`), as in the standard's examples.
fn connector(first: &str, last: &str, rest: &str) -> char {
    let is_year = |n: &str| n.len() == 4 && !n.contains('.');
    let small = |n: &str, max: u32| n.parse::<u32>().is_ok_and(|v| (1..=max).contains(&v));
    let time = (rest.starts_with('年') && is_year(first) && is_year(last))
        || (rest.starts_with('月') && small(first, 12) && small(last, 12))
        || (rest.starts_with(['日', '号']) && small(first, 31) && small(last, 31));
    if time {
        '—'
    } else {
        '～'
    }
}

/// `万`, `亿` or `%` right after the second number, which the first one needs too:
/// GB/T 15835-2011 writes `9亿～16亿` and `15%～30%`, not `9～16亿` and `15～30%`, whose first
/// number reads as 9 and 15.
fn magnitude(rest: &str) -> &'static str {
    ["万亿", "亿", "万", "%", "％", "‰"]
        .into_iter()
        .find(|m| rest.starts_with(m))
        .unwrap_or("")
}

/// The connector, after the first number's `万`/`亿`/`%` when it lacks one: the fix changes
/// only the mark's span (`5-10万元` → `5万～10万元`).
fn finding(mark: &str, at: std::ops::Range<usize>, connector: char, magnitude: &str) -> Finding {
    let name = if connector == '—' {
        "一字线"
    } else {
        "浪纹线"
    };
    let mut message =
        format!("数值范围应用{name}“{connector}”，不用“{mark}”（GB/T 15834-2011 4.13.3.2）");
    if !magnitude.is_empty() {
        message.push_str(&format!(
            "；前一个数也要带“{magnitude}”（GB/T 15835-2011 数值范围）"
        ));
    }
    Finding::new(at, message).with_fix(format!("{magnitude}{connector}"))
}

pub(super) const DOC: &str = r#"
检查什么
  用短横线或半角波浪线连接的数值范围：2-3篇、5-10万元、1-6月、2021-2025年、3~5天。
  只有后面跟着单位或量词的才算数值范围。

为什么
  GB/T 15834-2011 4.13.3.2：标示时间、地域等的起止和数值范围用一字线“—”，有时也可用
  浪纹线“～”；短横线“-”用于产品型号、编号、复合名词（4.13.3.1）。GB/T 15835-2011
  的数值范围也用“～”或“—”。

会报告
  每天转发学习内容2-3篇       （改为 2～3篇）
  投资5-10万元                （改为 5万～10万元：前一个数不带“万”会读成 5 元）
  1-6月完成投资               （改为 1—6月，时间起止用一字线）
  2021-2025年规划期内         （改为 2021—2025年）

不会报告
  日期和编号：2021-12-24、0311-87654321、GB/T 9704-2012、3-2-11室、表2-8
  书名号里的标题：《2021-2025年规划》按原名引用

如何修改
  年、月、日的起止改为一字线“—”，其他数量范围改为浪纹线“～”。wenlint check --fix
  会自动修改；后一个数带“万”“亿”“%”而前一个数没有的，一并补上，因为省略会产生歧义：
  15%～30%不写为15～30%，9亿～16亿不写为9～16亿（GB/T 15835-2011）。
"#;

#[cfg(test)]
mod tests {

    #[test]
    fn each_mark_between_numbers_lets_the_paragraph_be_read() {
        for paragraph in ["第1〜2篇", "3－4个", "5–6人", "7-8次", "9~10天"] {
            assert!(super::RANGE.is_match(paragraph), "{paragraph}");
            assert!(super::may_hold_range(paragraph), "{paragraph}");
        }
        for paragraph in ["１-２篇", "第1至2篇", "2024年"] {
            assert!(!super::may_hold_range(paragraph), "{paragraph}");
        }
    }

    fn fixed(text: &str) -> Vec<String> {
        let (doc, found) = super::super::run("punct/range", text);
        let fix = |f: &crate::diagnostic::Finding| f.fix.clone().map(|f| f.replacement);
        found
            .iter()
            .map(|f| {
                format!(
                    "{}→{}",
                    &doc.source[f.span.clone()],
                    fix(f).unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn ranges_with_units_are_reported_with_the_right_connector() {
        assert_eq!(fixed("每天转发2-3篇"), ["-→～"]);
        assert_eq!(fixed("5-10万元"), ["-→万～"]);
        assert_eq!(fixed("增长4.5-5%"), ["-→%～"]);
        assert_eq!(fixed("9-16亿元"), ["-→亿～"]);
        assert_eq!(fixed("5万-10万元"), ["-→～"]);
        assert_eq!(fixed("15%-30%之间"), ["-→～"]);
        assert_eq!(fixed("1-6月完成"), ["-→—"]);
        assert_eq!(fixed("2021-2025年期间"), ["-→—"]);
        assert_eq!(fixed("2-3年内"), ["-→～"]);
        assert_eq!(fixed("3~5天"), ["~→～"]);
    }

    #[test]
    fn codes_dates_and_titles_are_quiet() {
        for text in [
            "2021-12-24日",
            "电话0311-87654321。",
            "执行GB/T 9704-2012标准",
            "3-2-11室",
            "见表2-8所示",
            "《2021-2025年规划》",
            "A3-5号",
            "2～3篇",
        ] {
            assert_eq!(fixed(text), Vec::<String>::new(), "{text}");
        }
    }
}
