//! `punct/pair`: paired marks (`“”` `‘’` `《》` `（）` `【】`…) that are not paired, or that
//! cross (`（《）》`).
//!
//! Marks are matched with a stack, paragraph by paragraph, so that one stray mark is reported
//! once and does not make the rest of the document look unbalanced. Two layouts that span
//! paragraphs are legitimate and stay quiet: a quotation of several paragraphs, where each
//! paragraph opens with `“` and only the last one closes it (GB/T 15834-2011 4.8), and a
//! title or parenthesis that a hard line break has split over two lines. Half-width marks are
//! `punct/halfwidth`'s; an apostrophe between letters (`China’s`) is not a quotation mark.

use std::ops::Range;

use super::{paragraphs, Context};
use crate::diagnostic::Finding;

const PAIRS: [(char, char); 10] = [
    ('“', '”'),
    ('‘', '’'),
    ('《', '》'),
    ('〈', '〉'),
    ('（', '）'),
    ('【', '】'),
    ('〔', '〕'),
    ('［', '］'),
    ('「', '」'),
    ('『', '』'),
];

fn closer_of(open: char) -> Option<char> {
    PAIRS.iter().find(|p| p.0 == open).map(|p| p.1)
}

fn opener_of(close: char) -> Option<char> {
    PAIRS.iter().find(|p| p.1 == close).map(|p| p.0)
}

/// The longest quotation of several paragraphs looked for; it bounds the look-ahead.
const QUOTED_PARAGRAPHS: usize = 64;

/// How far down the open marks a closing mark looks for its partner. Real nesting is a few
/// levels deep; the bound keeps a paragraph of a million unmatched marks linear.
const SEARCH_DEPTH: usize = 16;

/// An opening mark still waiting for its closing one: the mark and its byte offset.
type Open = (char, usize);

/// How many further paragraphs a mark left open may be closed in: published texts break a
/// title or a quotation over a few lines (`发表了《` / title / `》`).
const CARRY_PARAGRAPHS: usize = 3;

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    let spans: Vec<Range<usize>> = paragraphs(cx).map(|(span, _)| span).collect();
    // Marks left open by earlier paragraphs, oldest first, with the paragraphs they have
    // waited through.
    let mut carried: Vec<(Open, usize)> = Vec::new();
    for (k, span) in spans.iter().enumerate() {
        let mut waiting: Vec<Open> = carried.iter().map(|&(open, _)| open).collect();
        let (mut open, stray) = balance(text, span.clone(), &mut waiting);
        // A later paragraph only ever closes the most recent marks waiting.
        carried.truncate(waiting.len());
        for entry in &mut carried {
            entry.1 += 1;
        }
        let (expired, kept): (Vec<_>, Vec<_>) = carried
            .into_iter()
            .partition(|&(_, age)| age > CARRY_PARAGRAPHS);
        report_unclosed(expired.into_iter().map(|(mark, _)| mark), out);
        for at in stray {
            out.push(stray_finding(text, at));
        }
        if continues_quotation(text, span, &open, &spans[k + 1..]) {
            open.clear();
        }
        carried = kept;
        carried.extend(open.into_iter().map(|mark| (mark, 0)));
    }
    report_unclosed(carried.into_iter().map(|(mark, _)| mark), out);
}

/// Matches the marks of one paragraph. Closing marks that find no opening one in the
/// paragraph may close what the previous paragraph left open (a line broken inside a title).
/// Returns what is left open here and the offsets of closing marks that close nothing.
fn balance(text: &str, span: Range<usize>, carried: &mut Vec<Open>) -> (Vec<Open>, Vec<usize>) {
    let mut open: Vec<Open> = Vec::new();
    let mut stray = Vec::new();
    for (i, c) in text[span.clone()].char_indices() {
        let at = span.start + i;
        if c == '’' && is_apostrophe(text, at) {
            continue;
        }
        if closer_of(c).is_some() {
            open.push((c, at));
        } else if let Some(wanted) = opener_of(c) {
            let depth = open
                .iter()
                .rev()
                .take(SEARCH_DEPTH)
                .position(|&(o, _)| o == wanted);
            match depth.map(|up| open.len() - 1 - up) {
                Some(depth) => {
                    // Marks opened inside a pair that has just closed: they cross it.
                    stray.extend(open[depth + 1..].iter().map(|&(_, at)| at));
                    open.truncate(depth);
                }
                None if open.is_empty() && carried.last().is_some_and(|&(o, _)| o == wanted) => {
                    carried.pop();
                }
                None => stray.push(at),
            }
        }
    }
    (open, stray)
}

/// `’` inside a word (`China’s`) or before a shortened year (`’99`) is an apostrophe.
fn is_apostrophe(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + '’'.len_utf8()..].chars().next();
    match after {
        Some(a) if a.is_ascii_digit() => true,
        Some(a) if a.is_ascii_alphabetic() => before.is_some_and(|b| b.is_ascii_alphabetic()),
        _ => false,
    }
}

/// A paragraph that opens with `“`, leaves only that mark open, and is followed by
/// paragraphs that open with `“` until one ends with `”`: one quotation of several paragraphs.
fn continues_quotation(
    text: &str,
    span: &Range<usize>,
    open: &[Open],
    rest: &[Range<usize>],
) -> bool {
    let opens_quote = |s: &Range<usize>| text[s.clone()].starts_with('“');
    if !(opens_quote(span) && open.len() == 1 && open[0] == ('“', span.start)) {
        return false;
    }
    rest.iter()
        .take(QUOTED_PARAGRAPHS)
        .take_while(|s| opens_quote(s))
        .any(|s| text[s.clone()].trim_end().ends_with('”'))
}

fn report_unclosed(open: impl Iterator<Item = Open>, out: &mut Vec<Finding>) {
    for (c, at) in open {
        let close = closer_of(c).unwrap_or(c);
        out.push(Finding::new(
            at..at + c.len_utf8(),
            format!("“{c}”没有配对的“{close}”（GB/T 15834-2011 4.8、4.9、4.15）"),
        ));
    }
}

/// A closing mark with no opening one, or an opening mark whose enclosing pair closed first.
fn stray_finding(text: &str, at: usize) -> Finding {
    let c = text[at..].chars().next().unwrap_or('?');
    let message = match (opener_of(c), closer_of(c)) {
        (Some(open), _) => format!("“{c}”前面没有配对的“{open}”"),
        (_, Some(close)) => format!("“{c}”没有配对的“{close}”：外层的标点先结束了（标点交叉）"),
        _ => format!("“{c}”不成对"),
    };
    Finding::new(at..at + c.len_utf8(), message)
}

pub(super) const DOC: &str = r#"
检查什么
  成对的标点是否成对、是否交叉：“” ‘’ 《》 〈〉 （） 【】 〔〕 ［］ 「」 『』。
  逐段配对：一个多余的标点只报告一次，不会让后面的全文都不配对。

为什么
  引号、括号、书名号都是成对使用的标点（GB/T 15834-2011 4.8、4.9、4.15）。复制粘贴和
  反复修改最容易丢掉其中一半，或者把“”的方向打反（”稳中求进“）。

会报告
  印发《关于加强管理的通知 的要求     （《 没有配对的 》）
  坚持”稳中求进“工作总基调           （方向打反：” 前面没有 “，“ 没有配对的 ”）
  （详见《实施方案）》                  （书名号和括号交叉）

不会报告
  多段引文：每段开头用前引号，只在最后一段末尾用后引号（GB/T 15834-2011 4.8）
  被硬回车断成两行的标题或括号（断行本身不是标点问题）
  英文里的撇号：China’s、’99
  半角的 ( ) "：由 punct/halfwidth 检查

如何修改
  补上缺的一半，或删去多余的一半；方向打反的引号改正方向。
"#;

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        let (doc, found) = super::super::run("punct/pair", text);
        let at = |f: &crate::diagnostic::Finding| doc.position(f.span.start);
        found
            .iter()
            .map(|f| {
                format!(
                    "{}:{} {}",
                    at(f).line,
                    at(f).column,
                    &doc.source[f.span.clone()]
                )
            })
            .collect()
    }

    #[test]
    fn unpaired_and_reversed_marks_are_reported_once_each() {
        assert_eq!(flagged("印发《关于加强管理的通知的要求。"), ["1:3 《"]);
        assert_eq!(flagged("坚持”稳中求进“的总基调。"), ["1:3 ”", "1:8 “"]);
        assert_eq!(flagged("多了一个”。\n下一段“正常”。"), ["1:5 ”"]);
    }

    #[test]
    fn crossed_marks_are_reported_at_the_inner_opening() {
        assert_eq!(flagged("（详见《实施方案）》"), ["1:4 《", "1:10 》"]);
    }

    #[test]
    fn balanced_text_and_legitimate_layouts_are_quiet() {
        for text in [
            "他说：“要做到‘两个维护’。”《关于〈实施方案〉的通知》（试行）",
            "“第一段引文，\n“第二段引文，\n“最后一段。”",
            "关于印发《某某市\n实施方案》的通知",
            "他说：“\n引文。\n”为此，",
            "China’s economy（英文）",
            "办好“中国’99昆明世界园艺博览会”",
            "【待补充】",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn an_unfinished_multi_paragraph_quotation_is_reported() {
        assert_eq!(
            flagged("“第一段引文，\n正文继续。\n正文。\n正文。"),
            ["1:1 “"]
        );
    }
}
