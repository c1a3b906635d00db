//! `punct/pair`: paired marks (`“”` `‘’` `《》` `（）` `【】`…) that are not paired, that
//! cross (`（《）》`), or that are nested in the wrong form (`《关于印发《方案》的通知》`, whose
//! inner title takes `〈〉`; a quotation inside a quotation takes `‘’`).
//!
//! Marks are matched with a stack, paragraph by paragraph, so that one stray mark is reported
//! once and does not make the rest of the document look unbalanced. Two layouts that span
//! paragraphs are legitimate and stay quiet: a quotation of several paragraphs, where each
//! paragraph opens with `“` and only the last one closes it (GB/T 15834-2011 4.8), and a
//! title or parenthesis that a hard line break has split over two lines. Half-width marks are
//! `punct/halfwidth`'s; an apostrophe between letters (`China’s`) is not a quotation mark.

use std::ops::Range;

use super::{paragraphs, Context};
use crate::diagnostic::Severity;
use crate::diagnostic::{Finding, Fix};
use crate::document::chars::find_bytes;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "punct/pair",
    Severity::Warning,
    "引号、书名号、括号不成对或交叉嵌套",
    DOC,
    check,
);

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

/// The first bytes of the marks in UTF-8: each is three bytes long and opens with one of
/// these (U+2018–U+201D, the U+3000 block, the full-width forms), so the characters between
/// them, ideographs for the most part, are stepped over by a byte search, not decoded.
const MARK_LEAD_BYTES: [u8; 3] = [0xE2, 0xE3, 0xEF];

#[cfg(test)]
#[test]
fn every_mark_opens_with_a_byte_the_search_looks_for() {
    for c in PAIRS.iter().flat_map(|&(open, close)| [open, close]) {
        let mut buffer = [0; 4];
        let bytes = c.encode_utf8(&mut buffer).as_bytes();
        assert_eq!(bytes.len(), 3, "{c}");
        assert!(MARK_LEAD_BYTES.contains(&bytes[0]), "{c}");
    }
}

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
        let Balance {
            mut open,
            mut stray,
            nested,
        } = balance(text, span.clone(), &mut waiting);
        out.extend(wrong_direction(text, &mut open, &mut stray));
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
        out.extend(nested.into_iter().map(|inner| nested_finding(text, inner)));
        if continues_quotation(text, span, &open, &spans[k + 1..]) {
            open.clear();
        }
        carried = kept;
        carried.extend(open.into_iter().map(|mark| (mark, 0)));
    }
    report_unclosed(carried.into_iter().map(|(mark, _)| mark), out);
}

/// What matching one paragraph's marks found.
struct Balance {
    /// Marks still open at the paragraph's end.
    open: Vec<Open>,
    /// Closing marks that close nothing, and opening marks crossed by a pair closing first.
    stray: Vec<usize>,
    /// `《…》` inside `《…》`, `“…”` inside `“…”`: the inner pair, marks included.
    nested: Vec<Range<usize>>,
}

/// Matches the marks of one paragraph. Closing marks that find no opening one in the
/// paragraph may close what the previous paragraph left open (a line broken inside a title).
fn balance(text: &str, span: Range<usize>, carried: &mut Vec<Open>) -> Balance {
    let mut open: Vec<Open> = Vec::new();
    let mut stray = Vec::new();
    // Opening marks of this paragraph found crossed by a pair that closed first.
    let mut crossed: Vec<char> = Vec::new();
    // Inner pairs with the offset of the mark enclosing them.
    let mut nested: Vec<(Range<usize>, usize)> = Vec::new();
    for i in find_bytes(text[span.clone()].as_bytes(), &MARK_LEAD_BYTES) {
        let at = span.start + i;
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
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
                    crossed.extend(open[depth + 1..].iter().map(|&(mark, _)| mark));
                    let inner = open[depth].1..at + c.len_utf8();
                    open.truncate(depth);
                    match open.last() {
                        Some(&(outer, outer_at))
                            if outer == wanted
                                && NESTED.contains(&outer)
                                && inner.len() <= NESTED_BYTES =>
                        {
                            nested.push((inner, outer_at));
                        }
                        _ => {}
                    }
                }
                // A mark of this paragraph crossed by another pair is the partner of a closing
                // mark of its kind that follows (`（详见《实施方案）》`), not an earlier line's.
                None if open.is_empty()
                    && !crossed.contains(&wanted)
                    && carried.last().is_some_and(|&(o, _)| o == wanted) =>
                {
                    carried.pop();
                }
                None => stray.push(at),
            }
        }
    }
    // An inner pair counts when the pair around it closes too; otherwise the text is broken
    // in a way the unpaired mark already reports.
    nested.retain(|(_, outer_at)| !open.iter().any(|&(_, at)| at == *outer_at));
    Balance {
        open,
        stray,
        nested: nested.into_iter().map(|(inner, _)| inner).collect(),
    }
}

/// Longest inner title or quotation reported as nested: real ones are short, and the
/// finding's message and fix repeat it, which must not grow with the paragraph.
const NESTED_BYTES: usize = 512;

/// Marks that take another form inside themselves (GB/T 15834-2011 4.8, 4.15): `“”` → `‘’`,
/// `《》` → `〈〉`.
const NESTED: [char; 2] = ['“', '《'];

/// The inner pair in its single form, offered as a fix when the pair holds no marks of the
/// single form itself (which would then have to become double ones).
fn nested_finding(text: &str, inner: Range<usize>) -> Finding {
    let quoted = &text[inner.clone()];
    let (single, name, clause) = if quoted.starts_with('《') {
        (('〈', '〉'), "书名号里的书名号应改用单书名号", "4.15")
    } else {
        (('‘', '’'), "引号里的引号应改用单引号", "4.8")
    };
    let open_len = quoted.chars().next().map_or(0, char::len_utf8);
    let close_len = quoted.chars().next_back().map_or(0, char::len_utf8);
    let content = &quoted[open_len..quoted.len() - close_len];
    let replacement = format!("{}{content}{}", single.0, single.1);
    let finding = Finding::new(
        inner,
        format!("{name}：{replacement}（GB/T 15834-2011 {clause}）"),
    );
    if content.contains([single.0, single.1]) {
        finding
    } else {
        finding.with_fix(replacement)
    }
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

/// Quotation marks typed the wrong way round, which keyboards and input methods make easy.
const QUOTES: [(char, char); 2] = [('“', '”'), ('‘', '’')];

/// One finding per quotation mark typed the wrong way round, instead of one for each mark
/// left unpaired by it: `一个”五讲四美三热爱”` (the first should open), `一个“五讲四美三热爱“`
/// (the second should close), `”稳中求进“` (both reversed). Two unpaired marks of one kind
/// with no mark of that kind between them are one such mistake; they leave `open` and
/// `stray`. The fix is suggested: the context says which mark was meant.
fn wrong_direction(text: &str, open: &mut Vec<Open>, stray: &mut Vec<usize>) -> Vec<Finding> {
    let mut found = Vec::new();
    for (opening, closing) in QUOTES {
        let mut marks: Vec<(usize, char)> = stray
            .iter()
            .filter(|&&at| text[at..].starts_with(closing))
            .map(|&at| (at, closing))
            .chain(
                open.iter()
                    .filter(|&&(c, _)| c == opening)
                    .map(|&(c, at)| (at, c)),
            )
            .collect();
        marks.sort_unstable();
        let mut paired = std::collections::HashSet::new();
        let mut i = 0;
        while i + 1 < marks.len() {
            let ((a, first), (b, second)) = (marks[i], marks[i + 1]);
            let between = &text[a + first.len_utf8()..b];
            // A quotation holds something: `””` with nothing between is a mark typed twice.
            let quotes_nothing = between.trim().is_empty();
            if quotes_nothing
                || between.contains([opening, closing])
                || first == opening && second == closing
            {
                i += 1;
                continue;
            }
            let finding = match (first == closing, second == closing) {
                (true, true) => {
                    turned(a, closing, opening, &format!("后面的“{closing}”才是后引号"))
                }
                (false, false) => {
                    turned(b, opening, closing, &format!("前面的“{opening}”是前引号"))
                }
                _ => reversed(text, a..b + second.len_utf8(), opening, closing),
            };
            found.push(finding);
            paired.insert(a);
            paired.insert(b);
            i += 2;
        }
        if !paired.is_empty() {
            stray.retain(|at| !paired.contains(at));
            open.retain(|(_, at)| !paired.contains(at));
        }
    }
    found
}

/// One mark typed the wrong way round, at `at`.
fn turned(at: usize, written: char, meant: char, why: &str) -> Finding {
    let message = format!("“{written}”应为“{meant}”：引号方向打反了，{why}");
    let mut finding = Finding::new(at..at + written.len_utf8(), message);
    finding.fix = Some(Box::new(Fix::suggested(meant.to_string())));
    finding
}

/// A pair written the wrong way round: `”稳中求进“`.
fn reversed(text: &str, span: Range<usize>, opening: char, closing: char) -> Finding {
    let inner = &text[span.start + closing.len_utf8()..span.end - opening.len_utf8()];
    let replacement = format!("{opening}{inner}{closing}");
    let message = format!("这对引号方向打反了，应为{replacement}");
    let mut finding = Finding::new(span, message);
    if inner.len() <= NESTED_BYTES {
        finding.fix = Some(Box::new(Fix::suggested(replacement)));
    }
    finding
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
  逐段配对：一个多余的标点只报告一次，不会让后面的全文都不配对；打反方向的引号也只在
  打错的那一个上报告一次。

为什么
  引号、括号、书名号都是成对使用的标点（GB/T 15834-2011 4.8、4.9、4.15）。复制粘贴和
  反复修改最容易丢掉其中一半，或者把“”的方向打反（”稳中求进“）。引号里面还要用引号时，
  里面一层用单引号；书名号里边还要用书名号时，里边一层用单书名号（4.8、4.15）：引用
  “关于印发《……》的通知”这样的标题时最常写错。

会报告
  印发《关于加强管理的通知 的要求     （《 没有配对的 》）
  坚持”稳中求进“工作总基调           （整对方向打反，报告一次，建议改为“稳中求进”）
  争做一个”五讲四美三热爱”的人       （第一个引号方向打反，只报告它，建议改为“）
  （详见《实施方案）》                  （书名号和括号交叉）
  《关于印发《实施方案》的通知》        （里层应为单书名号：〈实施方案〉，可自动修改）
  他说：“要做到“两个维护”。”          （里层应为单引号：‘两个维护’，可自动修改）

不会报告
  多段引文：每段开头用前引号，只在最后一段末尾用后引号（GB/T 15834-2011 4.8）
  被硬回车断成两行的标题或括号（断行本身不是标点问题）
  英文里的撇号：China’s、’99
  第三层又用双书名号：《关于修改〈实施《档案法》办法〉的决定》（4.15 的正确写法）
  半角的 ( ) "：由 punct/halfwidth 检查

如何修改
  补上缺的一半，或删去多余的一半；方向打反的引号改正方向。嵌套写错的，wenlint check
  --fix 会把里层改为单书名号或单引号（里层之内还有单书名号、单引号的除外）。
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
        assert_eq!(flagged("坚持”稳中求进“的总基调。"), ["1:3 ”稳中求进“"]);
        assert_eq!(flagged("要做一个”五讲四美三热爱”的好青年。"), ["1:5 ”"]);
        assert_eq!(flagged("要做一个“五讲四美三热爱“的好青年。"), ["1:13 “"]);
        assert_eq!(flagged("他说‘好’，又说’行’。"), ["1:9 ’"]);
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
    fn a_title_or_quotation_nested_in_its_own_kind_takes_the_single_form() {
        let (doc, found) = super::super::run("punct/pair", "印发《关于印发《实施方案》的通知》。");
        assert_eq!(found.len(), 1);
        assert_eq!(&doc.source[found[0].span.clone()], "《实施方案》");
        assert_eq!(found[0].fix.as_ref().unwrap().replacement, "〈实施方案〉");
        let (doc, found) = super::super::run("punct/pair", "他说：“要做到“两个维护”。”");
        assert_eq!(&doc.source[found[0].span.clone()], "“两个维护”");
        assert_eq!(found[0].fix.as_ref().unwrap().replacement, "‘两个维护’");
        let (_, found) = super::super::run("punct/pair", "“甲“乙‘丙’”丁”");
        assert!(found[0].fix.is_none(), "‘丙’ would have to become “丙”");
        assert_eq!(
            flagged("《关于修改〈浙江省实施《中华人民共和国档案法》办法〉的决定》"),
            Vec::<String>::new()
        );
        assert_eq!(flagged("印发《关于《实施方案》的通知。"), ["1:3 《"]);
    }

    #[test]
    fn an_unfinished_multi_paragraph_quotation_is_reported() {
        assert_eq!(
            flagged("“第一段引文，\n正文继续。\n正文。\n正文。"),
            ["1:1 “"]
        );
    }
}
