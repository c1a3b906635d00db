//! `punct/quoted-list`: a 顿号 between list items that are each in quotation marks or book
//! title marks (`“张园”、“革命文物展”`). GB/T 15834-2011 4.5.3.5: such items are usually not
//! separated by 顿号, unless something stands between them (a bracketed note after a title,
//! a word such as `纪录片`), in which case the 顿号 is right, for the whole list.
//!
//! The clause says "usually", and edited texts do both: many put a 顿号 between quoted items
//! throughout, which is their house style, not a slip. So only a document that does it both
//! ways, with the same marks, is reported: at each 顿号, pointing at the other form.

use std::ops::Range;

use super::{paragraphs, Context};
use crate::diagnostic::Severity;
use crate::diagnostic::{Finding, Related};
use crate::document::census::CharSet;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "punct/quoted-list",
    Severity::Info,
    "同一文稿中并列的引号（书名号）之间有的用顿号，有的不用（“张园”、“革命文物展”……“雪山”“草地”）",
    DOC,
    check,
);

/// Longest item, in bytes, read as a list item rather than a quoted sentence.
const ITEM_BYTES: usize = 60;

/// The pairs whose items 4.5.3.5 speaks of.
const MARKS: [(char, char); 2] = [('“', '”'), ('《', '》')];

/// Every mark of [`MARKS`], for one search of the text.
const MARK_CHARACTERS: [char; 4] = [MARKS[0].0, MARKS[0].1, MARKS[1].0, MARKS[1].1];
const _: () = assert!(MARK_CHARACTERS.len() == 2 * MARKS.len());
const MARK_SET: CharSet = CharSet::new(&MARK_CHARACTERS);

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    // Per pair of marks: the 顿号 between its items, and its first list written without.
    let mut separated: [Vec<Range<usize>>; MARKS.len()] = Default::default();
    let mut adjacent: [Option<Range<usize>>; MARKS.len()] = Default::default();
    // The marks of the whole text are found at once: searched paragraph by paragraph, the
    // searches cost more to start than to run, and most paragraphs have none.
    let marks = cx.doc.census().find(MARK_SET);
    let mut next = 0;
    for (span, paragraph) in paragraphs(cx) {
        let first = next + marks[next..].partition_point(|&(at, _)| at < span.start);
        next = first + marks[first..].partition_point(|&(at, _)| at < span.end);
        if next - first < 4 {
            // Two items of a list take four marks.
            continue;
        }
        let in_paragraph: Vec<(usize, char)> = marks[first..next]
            .iter()
            .map(|&(at, c)| (at - span.start, c))
            .collect();
        for (kind, (open, close)) in MARKS.into_iter().enumerate() {
            for list in lists(paragraph, &in_paragraph, (open, close)) {
                let shift = |r: &Range<usize>| span.start + r.start..span.start + r.end;
                match list {
                    List::Separated(marks) => separated[kind].extend(marks.iter().map(shift)),
                    List::Adjacent(first) => {
                        adjacent[kind].get_or_insert_with(|| shift(&first));
                    }
                    List::Mixed => {}
                }
            }
        }
    }
    let mut found: Vec<Finding> = separated
        .into_iter()
        .zip(adjacent)
        .filter_map(|(marks, other)| Some((marks, other?)))
        .flat_map(|(marks, other)| marks.into_iter().map(move |span| (span, other.clone())))
        .map(|(span, other)| finding(text, span, other))
        .collect();
    found.sort_by_key(|f| f.span.start);
    out.extend(found);
}

fn finding(text: &str, span: Range<usize>, adjacent: Range<usize>) -> Finding {
    let message = format!(
        "并列的引号或书名号之间通常不用顿号（GB/T 15834-2011 4.5.3.5），本文别处也不用：{}",
        &text[adjacent.clone()]
    );
    let mut finding = Finding::new(span, message);
    finding
        .related
        .push(Related::new(adjacent, "这里并列的成分之间没有顿号"));
    finding
}

/// A run of quoted items in a paragraph.
enum List {
    /// Only 顿号 between the items: the 顿号 offsets.
    Separated(Vec<Range<usize>>),
    /// Items directly next to each other (`“雪山”“草地”`): the span of the first two.
    Adjacent(Range<usize>),
    /// Something stands between some items: 顿号 are right.
    Mixed,
}

/// The lists of two or more items marked with `open`/`close` in `paragraph`, whose marks are
/// `marks` (their offsets in it, in order).
fn lists(paragraph: &str, marks: &[(usize, char)], (open, close): (char, char)) -> Vec<List> {
    let items = items(paragraph, marks, (open, close));
    let mut lists = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let mut j = i;
        let mut gaps = Vec::new();
        while j + 1 < items.len() {
            let gap = items[j].end..items[j + 1].start;
            if !is_list_gap(&paragraph[gap.clone()]) {
                break;
            }
            gaps.push(gap);
            j += 1;
        }
        if !gaps.is_empty() {
            lists.push(classify(paragraph, &items[i..=j], gaps));
        }
        i = j + 1;
    }
    lists
}

/// What may stand between two items of one list: a 顿号, nothing, or a short word or note
/// followed by a 顿号 (`《榜样5》纪录片、《古田军号》`).
fn is_list_gap(gap: &str) -> bool {
    gap.is_empty()
        || (gap.ends_with('、')
            && gap.chars().count() <= 8
            && !gap.contains(['，', '。', '；', '：', '“', '《']))
}

fn classify(paragraph: &str, items: &[Range<usize>], gaps: Vec<Range<usize>>) -> List {
    let (first, last) = (items[0].start, items[items.len() - 1].end);
    let with_plain_items =
        paragraph[..first].ends_with('、') || paragraph[last..].starts_with('、');
    if with_plain_items || trailed_by_note(paragraph, last) {
        List::Mixed
    } else if gaps.iter().all(|g| &paragraph[g.clone()] == "、") {
        List::Separated(gaps)
    } else if gaps.iter().all(|g| g.is_empty()) {
        List::Adjacent(items[0].start..items[1].end)
    } else {
        List::Mixed
    }
}

/// Items without marks in the same list (`“一国两制”、“港人治港”、高度自治`) need the 顿号
/// as much as a note between items does; so does a bracketed note right after the last item (`《条例》、《办法》（试行）`) stands between the
/// items as much as one in the middle would.
fn trailed_by_note(paragraph: &str, end: usize) -> bool {
    paragraph[end..].starts_with(['（', '('])
}

/// The short items `open…close` of a paragraph, marks included, in order. A quotation that
/// holds a sentence (`。`, `，` inside) is not a list item.
fn items(
    paragraph: &str,
    marks: &[(usize, char)],
    (open, close): (char, char),
) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut start = None;
    let pair = marks.iter().filter(|&&(_, c)| c == open || c == close);
    for &(i, c) in pair {
        if c == open {
            start = Some(i);
        } else {
            if let Some(s) = start.take() {
                let inner = &paragraph[s + open.len_utf8()..i];
                if inner.len() <= ITEM_BYTES
                    && !inner.is_empty()
                    && !inner.contains(['，', '。', '；', '？', '！'])
                {
                    items.push(s..i + close.len_utf8());
                }
            }
        }
    }
    items
}

pub(super) const DOC: &str = r#"
检查什么
  同一文稿中，并列的、各自带引号（或各自带书名号）的成分之间，有的用了顿号（“张园”、
  “革命文物展”），有的没有用（“雪山”“草地”）：报告用了顿号的地方，并指向不用的写法。

为什么
  GB/T 15834-2011 4.5.3.5：标有引号的并列成分之间、标有书名号的并列成分之间通常不用
  顿号；若有其他成分插在并列的引号或书名号之间（如书名号之后还有括注），宜用顿号。
  标准说的是“通常”，各地公文两种写法都有，通篇一律用顿号的文稿是本单位的习惯，不报告；
  一份文稿前后写法不一，才需要统一。这条规则只作提示（info）。

会报告
  跨过“雪山”“草地”……化解“小问题”、“小矛盾”   （同一文稿两种写法，报告顿号）

不会报告
  组织参观“红色纪念馆”、“党史展览”     （全文都用顿号）
  “雪山”“草地”                         （本来就不用顿号）
  《条例》、《准则》……“雪山”“草地”       （书名号与引号各自统一）
  《榜样》纪录片、《古田军号》、《建党伟业》   （中间插有其他成分，整组用顿号是对的）
  《条例》、《办法》（试行）             （书名号后有括注）
  “一国两制”、“港人治港”、高度自治      （同一组里还有不带引号的成分）
  “这是第一句话。”“这是第二句话。”       （引的是句子，不是并列的词语）

如何修改
  删去顿号，或全文统一用一种写法。不自动修改。
"#;

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<(String, usize)> {
        let (doc, found) = super::super::run("punct/quoted-list", text);
        let related = |f: &crate::diagnostic::Finding| f.related.len();
        found
            .iter()
            .map(|f| (doc.source[f.span.clone()].to_string(), related(f)))
            .collect()
    }

    #[test]
    fn a_document_that_always_uses_dunhao_is_quiet() {
        let text =
            "参观“张园”、“革命文物展”、“旧址”和《条例》、《准则》。\n学习《纲要》、《决定》。";
        assert_eq!(flagged(text), []);
    }

    #[test]
    fn each_pair_of_marks_is_judged_on_its_own() {
        let text = "学习《条例》、《准则》。\n跨过“雪山”“草地”。";
        assert_eq!(flagged(text), []);
    }

    #[test]
    fn a_list_does_not_run_on_into_the_next_paragraph() {
        let text = "化解“小问题”、\n“小矛盾”。\n跨过“雪山”“草地”。";
        assert_eq!(flagged(text), []);
        // The marks of each paragraph are its own, wherever the paragraph is.
        let text = "序言。\n跨过“雪山”“草地”。\n前言。\n化解“小问题”、“小矛盾”。";
        let (_, found) = super::super::run("punct/quoted-list", text);
        let at: Vec<usize> = found.iter().map(|f| f.span.start).collect();
        assert_eq!(at, [text.find('、').expect("a 顿号")]);
    }

    #[test]
    fn a_document_doing_both_says_so() {
        let found = flagged("跨过“雪山”“草地”。\n化解“小问题”、“小矛盾”、“小纠纷”。");
        assert_eq!(found, [("、".to_string(), 1), ("、".to_string(), 1)]);
    }

    #[test]
    fn lists_with_other_words_or_notes_and_quoted_sentences_are_quiet() {
        for text in [
            "跨过“雪山”“草地”。",
            "观看《榜样5》纪录片、《古田军号》、《建党伟业》等影片。",
            "依据《条例》、《办法》（试行）执行。",
            "他说：“第一句。”、“第二句。”",
            "“张园”和“革命文物展”",
            "贯彻“一国两制”、“港人治港”、高度自治的方针",
            "用好“两重”、“两新”、新型工具",
        ] {
            assert_eq!(flagged(text), [], "{text}");
        }
    }
}
