//! `punct/list-break`: a list of parallel items broken by a full stop, as drafts get when a
//! list is edited (`不断增强政治判断力。政治领悟力、政治执行力。`).
//!
//! The heuristic is narrow on purpose: the sentence after the stop must consist of nothing but
//! two or more short items joined by 顿号, and those items must be parallel to the last words
//! before the stop: the same length, sharing a head or a tail of at least two characters
//! (`政治…力`, `…意识`). Sentences that merely list things never look like that.

use super::{is_han, Context};
use crate::diagnostic::Severity;
use crate::diagnostic::{Finding, Related};
use crate::document::chars::word_search;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "punct/list-break",
    Severity::Warning,
    "并列成分被句号断开（政治判断力。政治领悟力、政治执行力。）",
    DOC,
    check,
);

/// Items longer than this are phrases, not the terms a broken list is made of.
const MAX_ITEM_CHARS: usize = 10;
/// The longest an item and the `、` after it are, in bytes (a character has four at most).
const FIRST_ITEM_BYTES: usize = MAX_ITEM_CHARS * 4 + '、'.len_utf8();
/// Shared head or tail that makes items parallel.
const MIN_SHARED_CHARS: usize = 2;

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let (text, sentences) = (&cx.doc.text, &cx.doc.sentences);
    for pair in sentences.iter().zip(sentences.iter().skip(1)) {
        let (first, second) = (&text[pair.0.clone()], &text[pair.1.clone()]);
        if text[pair.0.end..pair.1.start].contains('\n') {
            continue;
        }
        let Some(items) = list_sentence(second) else {
            continue;
        };
        let Some(head) = first.strip_suffix('。') else {
            continue;
        };
        let width = items[0].chars().count();
        let Some(tail) = last_chars(head, width) else {
            continue;
        };
        if tail.chars().all(is_han) && parallel(tail, &items) {
            let stop = pair.0.end - '。'.len_utf8();
            out.push(finding(stop..pair.0.end, tail, pair.1.clone(), second));
        }
    }
}

/// The items of a sentence that is only `甲、乙（、丙…）。`, all short runs of Han characters.
fn list_sentence(sentence: &str) -> Option<Vec<&str>> {
    let body = sentence.strip_suffix('。')?;
    // Most sentences are no list: no `、` ends a first item short enough, within its first
    // few bytes. They are passed over before they are split.
    let first_item = &body.as_bytes()[..body.len().min(FIRST_ITEM_BYTES)];
    word_search!("、").find(first_item)?;
    let items: Vec<&str> = body.split('、').collect();
    let short = |item: &&str| {
        let n = item.chars().count();
        (MIN_SHARED_CHARS + 1..=MAX_ITEM_CHARS).contains(&n) && item.chars().all(is_han)
    };
    (items.len() >= 2 && items.iter().all(short)).then_some(items)
}

fn last_chars(text: &str, n: usize) -> Option<&str> {
    let start = text.char_indices().rev().nth(n.checked_sub(1)?)?.0;
    Some(&text[start..])
}

/// All of `tail` and `items` have the same length and share a head or a tail.
fn parallel(tail: &str, items: &[&str]) -> bool {
    let width = tail.chars().count();
    let all: Vec<Vec<char>> = std::iter::once(tail)
        .chain(items.iter().copied())
        .map(|s| s.chars().collect())
        .collect();
    if all.iter().any(|s| s.len() != width) {
        return false;
    }
    let shared = |reversed: bool| {
        (0..width)
            .take_while(|&k| {
                let at = |s: &Vec<char>| if reversed { s[width - 1 - k] } else { s[k] };
                all.iter().all(|s| at(s) == at(&all[0]))
            })
            .count()
    };
    // Items that share everything are a repeated word, not a list.
    let (head, end) = (shared(false), shared(true));
    head < width && (head >= MIN_SHARED_CHARS || end >= MIN_SHARED_CHARS)
}

fn finding(
    stop: std::ops::Range<usize>,
    tail: &str,
    list: std::ops::Range<usize>,
    second: &str,
) -> Finding {
    let list_text = second.trim_end_matches('。');
    let mut finding = Finding::new(
        stop,
        format!("并列成分被句号断开：“{tail}。{list_text}”，这里应为顿号"),
    );
    finding.related.push(Related::new(list, "与前面的成分并列"));
    finding
}

pub(super) const DOC: &str = r#"
检查什么
  被句号断开的并列成分：句号后面的一句只由两个以上用顿号连接的短语组成，而这些短语与
  句号前的最后几个字字数相同、开头或结尾有两个以上相同的字（政治…力、…意识）。

为什么
  修改并列成分时多删、多加或错打了标点，一组并列的词就被句号分成两句，后一句没有
  主语和谓语，读不通。条件定得很窄，只报告几乎肯定是断开的情形。

会报告
  不断增强政治判断力。政治领悟力、政治执行力。     （句号应为顿号）
  牢固树立政治意识。大局意识、核心意识。           （句号应为顿号）

不会报告
  不断增强政治判断力、政治领悟力、政治执行力。      （正确）
  加强领导。产业、科技、人才。                     （前后不是并列的同类短语）
  完成任务。任务、任务。                          （完全相同的词不算并列）

如何修改
  把句号改为顿号。不自动修改。
"#;

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        let (doc, found) = super::super::run("punct/list-break", text);
        let column = |f: &crate::diagnostic::Finding| doc.position(f.span.start).column;
        found.iter().map(|f| column(f).to_string()).collect()
    }

    #[test]
    fn items_of_the_longest_length_are_read_and_longer_ones_are_not() {
        let longest = "一二三四五六七八九十";
        let (plain, wide) = ("丙丁戊", "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉");
        assert!(super::list_sentence(&format!("{longest}、{plain}。")).is_some());
        // Characters outside the Basic Plane take four bytes each.
        assert!(super::list_sentence(&format!("{wide}、{plain}。")).is_some());
        assert!(super::list_sentence(&format!("{longest}甲、{plain}。")).is_none());
    }

    #[test]
    fn a_broken_list_is_reported_at_the_stop() {
        assert_eq!(
            flagged("不断增强政治判断力。政治领悟力、政治执行力。"),
            ["10"]
        );
        assert_eq!(flagged("牢固树立政治意识。大局意识、核心意识。"), ["9"]);
    }

    #[test]
    fn lists_that_are_not_broken_are_quiet() {
        for text in [
            "不断增强政治判断力、政治领悟力、政治执行力。",
            "加强领导。产业、科技、人才。",
            "完成任务。任务、任务。",
            "增强政治判断力。\n政治领悟力、政治执行力。",
            "提高能力。政治领悟力、政治执行力。",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }
}
