//! `punct/halfwidth`: half-width `, ; : ? ! ( ) "` in Chinese text.
//!
//! A mark is in Chinese text when the character before it (spaces skipped) is Chinese, or the
//! character after it is a Han character. Digits on both sides (`1,000`, `15:30`, `1:500`),
//! Latin on both sides (an English phrase) and masked text (URLs, e-mail, code) never qualify,
//! which is what keeps the numbers, times and English passages quiet.

use super::{after, before, is_chinese, is_han, paragraphs, Context};
use crate::diagnostic::Severity;
use crate::diagnostic::{Finding, Span};
use crate::document::floor_boundary;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "punct/halfwidth",
    Severity::Warning,
    "中文里用了半角标点（各单位要高度重视,认真落实）",
    DOC,
    check,
);

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    let mut markers = None;
    for (span, paragraph) in paragraphs(cx) {
        let ascii_mark = |b: u8| b",;:?!()\"".contains(&b);
        if crate::document::chars::find_ascii(paragraph.as_bytes(), 0, ascii_mark).is_none() {
            continue;
        }
        for (i, c) in paragraph.char_indices() {
            let at = span.start + i;
            if let Some(full) = point_mark(c) {
                if in_chinese_text(text, at)
                    && !is_lost_character(text, at, c)
                    && !in_marker(markers.get_or_insert_with(|| marker_spans(cx)), at)
                {
                    out.push(point_finding(text, at, c, full));
                }
            }
        }
        if paragraph.contains('(') {
            let markers = markers.get_or_insert_with(|| marker_spans(cx));
            parens(text, span.start, paragraph, markers, out);
        }
        straight_quotes(span.start, paragraph, out);
    }
}

fn point_mark(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        _ => return None,
    })
}

fn in_chinese_text(text: &str, at: usize) -> bool {
    before(text, at).is_some_and(is_chinese) || after(text, at + 1).is_some_and(is_han)
}

/// A `?` right after a comma or 顿号 (`二期、?水灌区`) is not a question mark: it stands for a
/// character the text's encoding could not hold.
fn is_lost_character(text: &str, at: usize, c: char) -> bool {
    c == '?' && text[..at].ends_with(['，', '、', '；', '：', '。', '（', '“'])
}

/// The mark, with the spaces after it when Chinese follows (`重视, 认真` → `重视，认真`): a
/// full-width mark carries its own space.
fn point_finding(text: &str, at: usize, c: char, full: char) -> Finding {
    let spaces = text[at + 1..].bytes().take_while(|&b| b == b' ').count();
    let end = if spaces > 0 && after(text, at + 1).is_some_and(is_chinese) {
        at + 1 + spaces
    } else {
        at + 1
    };
    Finding::new(
        at..end,
        format!("中文里用了半角“{c}”，应为全角“{full}”（GB/T 15834-2011 5.1）"),
    )
    .with_fix(full.to_string())
}

/// How much of a parenthesis is read for Chinese: notes are short, and nested parentheses
/// must not make the scan quadratic.
const NOTE_BYTES: usize = 256;

/// The numbering markers of the outline, in order: a marker written `(一)` or `1,` is
/// `numbering/style`'s to report and fix, whether it opens a paragraph or runs in.
fn marker_spans(cx: &Context) -> Vec<Span> {
    let mut spans: Vec<Span> = cx
        .outline()
        .markers()
        .iter()
        .map(|m| m.span.clone())
        .collect();
    spans.sort_unstable_by_key(|span| span.start);
    spans
}

fn in_marker(markers: &[Span], at: usize) -> bool {
    let i = markers.partition_point(|span| span.start <= at);
    i > 0 && markers[i - 1].contains(&at)
}

fn starts_marker(markers: &[Span], at: usize) -> bool {
    markers.binary_search_by_key(&at, |span| span.start).is_ok()
}

/// Half-width parentheses around Chinese, or right after it (`世界贸易组织(WTO)`). Only pairs
/// are reported, and not those of a numbering marker.
fn parens(text: &str, base: usize, paragraph: &str, markers: &[Span], out: &mut Vec<Finding>) {
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in paragraph.char_indices() {
        match c {
            '(' => open.push(i),
            ')' => {
                let Some(start) = open.pop() else { continue };
                let inner = &paragraph[start + 1..i];
                let chinese = inner[..floor_boundary(inner, NOTE_BYTES)]
                    .chars()
                    .any(is_han)
                    || before(text, base + start).is_some_and(is_chinese);
                if chinese && !starts_marker(markers, base + start) {
                    out.push(paren_finding(base + start, '(', '（'));
                    out.push(paren_finding(base + i, ')', '）'));
                }
            }
            _ => {}
        }
    }
}

/// Straight double quotes around Chinese (`坚持"稳中求进"`), taken in pairs through the
/// paragraph: the first of a pair opens (`“`), the second closes (`”`). A paragraph with an odd
/// number of them cannot be paired with certainty and is left alone. Quotes around Latin text
/// count only when Chinese touches them on both sides (`加入"WTO"组织`), not in an English
/// phrase set off by spaces (`英文 "Keep going" 然后`).
fn straight_quotes(base: usize, paragraph: &str, out: &mut Vec<Finding>) {
    let quotes: Vec<usize> = paragraph.match_indices('"').map(|(i, _)| i).collect();
    if quotes.len() % 2 != 0 {
        return;
    }
    for pair in quotes.chunks(2) {
        let (open, close) = (pair[0], pair[1]);
        let inner = &paragraph[open + 1..close];
        let chinese = inner[..floor_boundary(inner, NOTE_BYTES)]
            .chars()
            .any(is_han)
            || (paragraph[..open]
                .chars()
                .next_back()
                .is_some_and(is_chinese)
                && paragraph[close + 1..].chars().next().is_none_or(is_chinese));
        if chinese {
            out.push(quote_finding(base + open, '“'));
            out.push(quote_finding(base + close, '”'));
        }
    }
}

fn quote_finding(at: usize, full: char) -> Finding {
    Finding::new(
        at..at + 1,
        format!("中文里用了半角引号“\"”，应为“{full}”（GB/T 15834-2011 4.8）"),
    )
    .with_fix(full.to_string())
}

fn paren_finding(at: usize, c: char, full: char) -> Finding {
    Finding::new(
        at..at + 1,
        format!("中文里用了半角括号“{c}”，应为全角“{full}”（GB/T 15834-2011 4.9）"),
    )
    .with_fix(full.to_string())
}

pub(super) const DOC: &str = r#"
检查什么
  中文里的半角标点 , ; : ? ! ( ) "。前一个字符（跳过空格）是汉字或中文标点，或后一个字符
  是汉字，这个标点就在中文里。半角括号成对检查：括号里有汉字，或左括号紧跟在中文后面。
  半角双引号按段内先后两两配对，前一个改为“，后一个改为”；段内个数为单数时无法确定
  配对，不报告。

为什么
  GB/T 15834-2011 规定中文标点用全角形式，占一个字的位置（5.1）；公文的标点应符合该标准
  （GB/T 9704-2012 第 9 章）。半角逗号多是在英文输入状态下打的，在排版中比全角窄，
  一眼就能看出。

会报告
  各单位要高度重视,认真落实         （半角逗号，可自动改为全角）
  请于5月15日前报送;逾期不候        （半角分号）
  现将有关事项通知如下:              （半角冒号）
  是否同意?                          （半角问号）
  世界贸易组织(WTO)                  （半角括号，两处各报一次）
  坚持"稳中求进"工作总基调            （半角引号，改为“稳中求进”）

不会报告
  数字之间：1,000人、15:30开会、比例1:500
  英文中的标点：He said, "OK."
  一段里有单数个半角双引号（无法确定哪个是前引号）
  网址、电子邮箱、Markdown 代码（检查前已排除）
  序号 (一) (1)：由 numbering/style 报告
  公式和函数：f(x)

如何修改
  改为全角标点。wenlint check --fix 会自动修改，标点后多余的半角空格一并去掉。
"#;

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<(String, Option<String>)> {
        let (doc, found) = super::super::run("punct/halfwidth", text);
        let fix = |f: Option<Box<crate::diagnostic::Fix>>| f.map(|fix| fix.replacement);
        found
            .into_iter()
            .map(|f| (doc.source[f.span].to_string(), fix(f.fix)))
            .collect()
    }

    #[test]
    fn marks_in_chinese_text_are_reported_with_a_fix() {
        let found = flagged("各单位要高度重视, 认真落实;是否同意?GDP,增长");
        let marks: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(marks, [", ", ";", "?", ","]);
        assert_eq!(found[0].1.as_deref(), Some("，"));
        assert_eq!(found[2].1.as_deref(), Some("？"));
    }

    #[test]
    fn numbers_times_and_english_are_quiet() {
        for text in [
            "共1,000人",
            "15:30开会",
            "比例尺1:500",
            "他说He said, \"OK.\"",
            "增长3.5%",
            "f(x)的值",
            "(一)加强领导",
            "(1)人员分工",
            "“OK!”他说",
            "PM2.5浓度",
            "加固二期、?水灌区",
        ] {
            assert_eq!(flagged(text), [], "{text}");
        }
    }

    #[test]
    fn straight_quotes_in_chinese_are_paired() {
        let found = flagged("坚持\"稳中求进\"工作总基调，加强\"三河三湖\" 等流域治理");
        let fixes: Vec<&str> = found.iter().map(|(_, f)| f.as_deref().unwrap()).collect();
        assert_eq!(fixes, ["“", "”", "“", "”"]);
        assert_eq!(flagged("他引用了He said \"OK\" 这句话"), []);
        assert_eq!(flagged("只有一个\"引号"), []);
        assert_eq!(flagged("加入\"WTO\"组织").len(), 2);
    }

    #[test]
    fn parentheses_come_in_pairs() {
        let found = flagged("世界贸易组织(WTO)和(试行)办法");
        let marks: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(marks, ["(", ")", "(", ")"]);
        assert_eq!(found[1].1.as_deref(), Some("）"));
        assert_eq!(flagged("多出一个(括号"), []);
    }
}
