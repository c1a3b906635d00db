//! `number/mixed`: one date or number written half in Chinese numerals, half in Arabic
//! (`二〇二一年12月`, `4千人`).

use std::ops::Range;

use super::after_lunar_word;
use crate::diagnostic::Severity;
use crate::diagnostic::{Finding, Fix};
use crate::rules::Context;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "number/mixed",
    Severity::Warning,
    "一个日期或数字中汉字数字与阿拉伯数字混用（二〇二一年12月、4千人）",
    DOC,
    check,
);

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    let quoted = cx.doc.quoted();
    let mut found = Vec::new();
    for date in cx.dates() {
        if !date.is_mixed()
            || quoted.contains(date.span.start)
            || after_lunar_word(text, date.span.start)
        {
            continue;
        }
        let written = &text[date.span.clone()];
        let arabic = date.arabic(text);
        let mut finding = Finding::new(
            date.span.clone(),
            format!(
                "日期中汉字数字与阿拉伯数字混用（“{written}”），应统一为“{arabic}”（GB/T 15835-2011 4.3）"
            ),
        );
        finding.fix = Some(Box::new(Fix::safe(arabic)));
        found.push(finding);
    }
    for hit in digits_with_small_units(text) {
        if quoted.contains(hit.span.start) {
            continue;
        }
        let written = &text[hit.span.clone()];
        let unit = hit.unit;
        let mut finding = match &hit.value {
            Some(value) => Finding::new(
                hit.span.clone(),
                format!(
                    "阿拉伯数字与“{unit}”连用（“{written}”），应写作“{value}”（GB/T 15835-2011：阿拉伯数字只可与“万”“亿”连用）"
                ),
            ),
            None => Finding::new(
                hit.span.clone(),
                format!(
                    "阿拉伯数字与“{unit}”连用（“{written}”），应改用阿拉伯数字加“万”“亿”的写法（GB/T 15835-2011：阿拉伯数字只可与“万”“亿”连用）"
                ),
            ),
        };
        finding.fix = hit.value.map(Fix::safe).map(Box::new);
        found.push(finding);
    }
    found.sort_by_key(|f| f.span.start);
    out.extend(found);
}

/// Arabic digits followed by `千`, `百` or `十` used as a place value (`4千`, `3百万`).
struct Hit {
    span: Range<usize>,
    unit: char,
    /// The number in Arabic digits, when the hit stands alone (`4千` → `4000`); none inside a
    /// compound such as `1万6千`, which wants rewriting as a whole (`1.6万`).
    value: Option<String>,
}

/// What may follow `千`/`百`/`十` after digits without making it a place value: units of
/// measurement whose prefix it is (`3千米`, `5千克`, `10千瓦`, `1000百帕`), `百分`/`十分`, and
/// the computing unit `百亿亿次`.
const NOT_PLACE_VALUE: [&str; 14] = [
    "米", "克", "瓦", "伏", "帕", "卡", "赫", "兆", "焦", "升", "牛", "字节", "分", "亿亿",
];

fn digits_with_small_units(text: &str) -> Vec<Hit> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    let mut at = 0;
    while let Some(start) = crate::document::chars::find_ascii(bytes, at, |b| b.is_ascii_digit()) {
        at = start;
        while at < bytes.len() && bytes[at].is_ascii_digit() {
            at += 1;
        }
        let integer_end = at;
        if at + 1 < bytes.len() && bytes[at] == b'.' && bytes[at + 1].is_ascii_digit() {
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                at += 1;
            }
        }
        let glued = start > 0
            && (bytes[start - 1].is_ascii_alphabetic()
                || matches!(bytes[start - 1], b'.' | b'_' | b'/' | b'\\'));
        let Some(unit) = text[at..].chars().next() else {
            break;
        };
        if glued || integer_end - start > 3 || !matches!(unit, '千' | '百' | '十') {
            continue;
        }
        let after = &text[at + unit.len_utf8()..];
        if NOT_PLACE_VALUE.iter().any(|w| after.starts_with(w)) {
            continue;
        }
        let compound_start = compound_start(text, start);
        let value = (compound_start == start)
            .then(|| scaled(&text[start..at], unit))
            .flatten();
        hits.push(Hit {
            span: compound_start..at + unit.len_utf8(),
            unit,
            value,
        });
    }
    hits
}

/// Where a compound like `1万6千` or `1亿3千` starts: before `start`, a `万` or `亿` that
/// follows Arabic digits belongs to the same number.
fn compound_start(text: &str, start: usize) -> usize {
    let mut start = start;
    loop {
        let before = &text[..start];
        let Some(rest) = before
            .strip_suffix('万')
            .or_else(|| before.strip_suffix('亿'))
        else {
            return start;
        };
        let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return start;
        }
        start = rest.len() - digits;
    }
}

/// `number` times the place value of `unit`, in digits, if it is a whole number
/// (`4` `千` → `4000`, `1.5` `千` → `1500`; `1.2345` `千` → none).
fn scaled(number: &str, unit: char) -> Option<String> {
    let zeros = match unit {
        '千' => 3,
        '百' => 2,
        _ => 1,
    };
    let (integer, fraction) = number.split_once('.').unwrap_or((number, ""));
    if fraction.len() > zeros {
        return None;
    }
    let digits = format!("{integer}{fraction}{}", "0".repeat(zeros - fraction.len()));
    let trimmed = digits.trim_start_matches('0');
    Some(if trimmed.is_empty() { "0" } else { trimmed }.to_string())
}

pub(super) const DOC: &str = r#"
检查什么
  同一个日期或数字里，汉字数字和阿拉伯数字混在一起：
  日期的年、月、日一部分用汉字数字，一部分用阿拉伯数字；
  阿拉伯数字后面接“千”“百”“十”作数位（4千人、3百万元）。

为什么
  GB/T 15835-2011 4.3 要求“同类别同形式”，并举例“2008年8月8日”“二〇〇八年八月八日”都可以，
  “二〇〇八年8月8日”不可以；阿拉伯数字与汉字数字同时使用时，只有“万”“亿”可以用汉字，
  “4000”可写作“四千”，不能写作“4千”。

会报告
  二〇二一年12月24日              （应为“2021年12月24日”，可自动修改）
  2021年十二月24日                （应为“2021年12月24日”）
  12月二十四日                    （应为“12月24日”）
  组织4千人参加                   （应为“4000人”，可自动修改）
  投入3百万元                     （应为“300万元”）
  由5千多户增加到1万6千多户       （“1万6千”整体改写，如“1.6万”，不自动修改）

不会报告
  2021年12月24日、二〇二一年十二月二十四日（全用一种数字）；
  农历日期：腊月二十三、农历八月十五；
  十四五、第十四个五年规划、1至2月、第3季度（不是混用的日期）；
  计量单位的词头：3千米、5千克、10千瓦、500千伏、1000百帕；百分之、十分；
  3.5万、2亿、10亿零817万（“万”“亿”可以与阿拉伯数字连用）；
  引号和书名号里的文字（引文和标题照录原文）。

如何修改
  日期统一用阿拉伯数字（公文成文日期按 GB/T 9704-2012 也用阿拉伯数字），或全部用汉字数字；
  “千”“百”“十”改为阿拉伯数字（4千 → 4000，3百万 → 300万，1万6千 → 1.6万）。
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_builtin;

    fn flagged(text: &str) -> Vec<(String, Option<String>)> {
        let (_, found) = run_builtin("number/mixed", text);
        found
            .into_iter()
            .map(|f| (text[f.span].to_string(), f.fix.map(|x| x.replacement)))
            .collect()
    }

    fn one(text: &str, span: &str, fix: Option<&str>) {
        assert_eq!(
            flagged(text),
            [(span.to_string(), fix.map(str::to_string))],
            "{text}"
        );
    }

    #[test]
    fn dates_mixing_numerals_fire() {
        one(
            "会议于二〇二一年12月召开。",
            "二〇二一年12月",
            Some("2021年12月"),
        );
        one(
            "2021年十二月24日召开。",
            "2021年十二月24日",
            Some("2021年12月24日"),
        );
        one(
            "二〇二一年12月24日",
            "二〇二一年12月24日",
            Some("2021年12月24日"),
        );
        one("定于12月二十四日报送。", "12月二十四日", Some("12月24日"));
        one(
            "自一九九八年3月起施行。",
            "一九九八年3月",
            Some("1998年3月"),
        );
    }

    #[test]
    fn the_message_names_the_date_and_the_standard() {
        let (_, found) = run_builtin("number/mixed", "二〇二一年12月");
        assert_eq!(
            found[0].message,
            "日期中汉字数字与阿拉伯数字混用（“二〇二一年12月”），应统一为“2021年12月”（GB/T 15835-2011 4.3）"
        );
    }

    #[test]
    fn digits_with_thousand_hundred_or_ten_fire() {
        one("组织4千人参加培训。", "4千", Some("4000"));
        one("投入3百万元。", "3百", Some("300"));
        one("新增1.5千户。", "1.5千", Some("1500"));
        one("由5千多户增加", "5千", Some("5000"));
        one("增加到1万6千多户", "1万6千", None);
        one("达到1亿3千多万", "1亿3千", None);
        one("工业增加值超8千亿元", "8千", Some("8000"));
    }

    #[test]
    fn consistent_forms_and_units_are_quiet() {
        for text in [
            "2021年12月24日",
            "二〇二一年十二月二十四日",
            "一九四九年十月一日",
            "腊月二十三",
            "农历2024年八月十五",
            "“十四五”时期",
            "第十四个五年规划",
            "1至2月、1-6月、12月份",
            "第3季度",
            "全长3千米，重5千克，功率10千瓦，建设500千伏线路，气压1000百帕",
            "增长3.5万人，投资2亿元，人口10亿零817万",
            "占比达到30%，提高5个百分点",
            "观看《二〇二一年12月》专题片",
            "他说“4千人”",
            "版本V2十分稳定",
            "算力达10.36百亿亿次",
            "2023十大新闻",
            "三个月、两个月",
        ] {
            assert_eq!(flagged(text), [], "{text}");
        }
    }

    #[test]
    fn scaling_is_exact() {
        assert_eq!(scaled("4", '千').as_deref(), Some("4000"));
        assert_eq!(scaled("2.25", '千').as_deref(), Some("2250"));
        assert_eq!(scaled("0.5", '百').as_deref(), Some("50"));
        assert_eq!(scaled("1.2345", '千'), None);
        assert_eq!(scaled("3", '十').as_deref(), Some("30"));
    }
}
