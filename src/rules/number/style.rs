//! `number/style`: the same kind of quantity written in both numeral styles in one document
//! (GB/T 15835-2011 4.3 “同类别同形式”).
//!
//! Two kinds are compared, the ones where the choice is free and a mixture is plainly
//! inconsistent: complete dates (year, month and day) and percentages. Years alone are not:
//! a text with Arabic dates rightly keeps fixed expressions such as `二〇三五年远景目标`, and
//! older texts cite historic years in Chinese numerals beside their own statistics.

use std::ops::Range;

use crate::diagnostic::Severity;
use crate::diagnostic::{Finding, Related};
use crate::document::census::{Census, CharSet};
use crate::rules::Context;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "number/style",
    Severity::Info,
    "同一文稿中同类数字写法不一致（完整日期、百分数的汉字与阿拉伯数字形式）",
    DOC,
    check,
);

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    let quoted = cx.doc.quoted();
    let unquoted = |spans: Vec<(Range<usize>, bool)>| -> Vec<(Range<usize>, bool)> {
        spans
            .into_iter()
            .filter(|(span, _)| !quoted.contains(span.start))
            .collect()
    };
    let full_dates = cx
        .dates()
        .iter()
        .filter(|d| d.is_full() && !d.is_mixed())
        .map(|d| (d.span.clone(), d.month.chinese))
        .collect();
    let mut found = Vec::new();
    report(text, "完整日期", &unquoted(full_dates), &mut found);
    report(
        text,
        "百分数",
        &unquoted(percentages(text, cx.doc.census())),
        &mut found,
    );
    found.sort_by_key(|f| f.span.start);
    out.extend(found);
}

/// Reports the occurrences in the less used style, if one style is used more.
fn report(text: &str, kind: &str, spans: &[(Range<usize>, bool)], out: &mut Vec<Finding>) {
    let chinese = spans.iter().filter(|(_, c)| *c).count();
    let arabic = spans.len() - chinese;
    if chinese == 0 || arabic == 0 || chinese == arabic {
        return;
    }
    let majority_is_chinese = chinese > arabic;
    let (style, other_style, majority) = if majority_is_chinese {
        ("阿拉伯数字", "汉字数字", chinese)
    } else {
        ("汉字数字", "阿拉伯数字", arabic)
    };
    let first = spans
        .iter()
        .find(|(_, c)| *c == majority_is_chinese)
        .map(|(span, _)| span.clone())
        .expect("the majority style occurs");
    for (span, _) in spans.iter().filter(|(_, c)| *c != majority_is_chinese) {
        let written = &text[span.clone()];
        let mut finding = Finding::new(
            span.clone(),
            format!(
                "{kind}写法不一致：“{written}”用{style}，全文另有{majority}处用{other_style}（GB/T 15835-2011 4.3“同类别同形式”）"
            ),
        );
        finding.related.push(Related::new(
            first.clone(),
            format!("{kind}多用{other_style}，如“{}”", &text[first.clone()]),
        ));
        out.push(finding);
    }
}

/// Percentages, each with whether it is in Chinese numerals: `30%`, `3.5％` and `百分之三十`,
/// `百分之四点五`. Not `百分之百` (a set phrase), nor approximations that must stay in Chinese
/// numerals (`百分之几`, `百分之二三十`).
fn percentages(text: &str, census: &Census) -> Vec<(Range<usize>, bool)> {
    const SIGNS: CharSet = CharSet::new(&['%', '％']);
    let mut found = Vec::new();
    for (at, sign) in census.find(SIGNS) {
        let before = &text[..at];
        let number = before.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
        if number.len() < at && before[number.len()..].starts_with(|c: char| c.is_ascii_digit()) {
            found.push((number.len()..at + sign.len_utf8(), false));
        }
    }
    const PERCENT: &str = "百分之";
    for at in crate::document::chars::word_search!(PERCENT).find_iter(text.as_bytes()) {
        let rest = &text[at + PERCENT.len()..];
        let len = rest.len()
            - rest
                .trim_start_matches(|c: char| "〇零一二三四五六七八九十百点".contains(c))
                .len();
        let digits = &rest[..len];
        let one_to_nine = |c: char| "一二三四五六七八九".contains(c);
        let approximate = rest[len..].starts_with('几')
            || digits
                .chars()
                .zip(digits.chars().skip(1))
                .any(|(a, b)| one_to_nine(a) && one_to_nine(b));
        if len == 0 || approximate || digits == "百" {
            continue;
        }
        found.push((at..at + PERCENT.len() + len, true));
    }
    found.sort_by_key(|(span, _)| span.start);
    found
}

pub(super) const DOC: &str = r#"
检查什么
  同一文稿中同类数字的写法是否一致。只比较两类：
  完整的日期（年、月、日俱全）：“2021年12月24日”与“二〇二一年十二月二十四日”；
  百分数：“30%”与“百分之三十”。
  哪种写法用得少，就报告哪种，并指出用得多的写法第一次出现的位置；两种一样多时不报告。

为什么
  GB/T 15835-2011 4.3：“在同一场合出现的数字，应遵循‘同类别同形式’原则”。
  同一份材料里日期、百分数忽而汉字忽而阿拉伯数字，多是拼接不同来源的稿子留下的。

会报告
  全文用“2021年12月24日”，某处写“二〇二一年十一月五日”（报告汉字的这处）
  全文用“30%”“12.5%”，某处写“百分之四十”（报告汉字的这处）

不会报告
  单独的年份、年月（二〇三五年远景目标、一九七八年）：定型说法和历史年份常用汉字；
  百分之百、百分之几、百分之二三十（定型词语和概数用汉字）；
  引号和书名号里的文字；一个日期内部的混用（由 number/mixed 报告）。

如何修改
  把少数写法改成多数写法。公文正文和成文日期一般用阿拉伯数字。
"#;

#[cfg(test)]
mod tests {
    use crate::rules::run_builtin;

    fn flagged(text: &str) -> Vec<(String, String)> {
        let (_, found) = run_builtin("number/style", text);
        found
            .into_iter()
            .map(|f| {
                assert_eq!(f.related.len(), 1);
                (
                    text[f.span].to_string(),
                    text[f.related[0].span.clone()].to_string(),
                )
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn the_minority_date_style_is_reported() {
        let text = "2021年12月24日召开会议。\n2022年1月5日印发通知。\n二〇二二年三月一日起施行。";
        assert_eq!(
            flagged(text),
            [pair("二〇二二年三月一日", "2021年12月24日")]
        );
        let text = "一九七六年一月八日逝世。\n一九七六年九月九日逝世。\n1976年10月6日粉碎。";
        assert_eq!(flagged(text), [pair("1976年10月6日", "一九七六年一月八日")]);
    }

    #[test]
    fn the_minority_percentage_style_is_reported() {
        let text = "增长30%，占比12.5%，下降百分之四十，其中百分之百完成，约百分之几。";
        assert_eq!(flagged(text), [pair("百分之四十", "30%")]);
        let text = "增长30%，占比12.5%，达到百分之一百二十。";
        assert_eq!(flagged(text), [pair("百分之一百二十", "30%")]);
        let text = "增长百分之三十，占比百分之四点五，另有5%未完成。";
        assert_eq!(flagged(text), [pair("5%", "百分之三十")]);
    }

    #[test]
    fn one_style_a_tie_or_quotations_are_quiet() {
        for text in [
            "2021年12月24日、2022年1月5日",
            "二〇二一年十二月二十四日、二〇二二年一月五日",
            "2021年12月24日召开。到二〇三五年基本实现。1978年12月起步。",
            "2021年12月24日、二〇二二年一月五日",
            "增长30%，百分之百完成，百分之二三十的企业，百分之几",
            "增长30%、40%，他说“增长百分之五十”，见《百分之五十》",
            "二〇二一年12月24日、2021年12月24日、2022年1月5日",
        ] {
            assert_eq!(flagged(text), [], "{text}");
        }
    }
}
