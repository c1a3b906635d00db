//! Enumerations that run on inside the prose: `一是……二是……三是`, `第一，……第二，……`,
//! `首先，……其次，……再次，……`. Speeches number their points this way far more often than with
//! headings, and a point cut out in editing leaves `二是` followed by `四是`.
//!
//! An item word counts only at the start of a clause (after `，；。：！？`, a quote mark, or at
//! the start of a paragraph): `统一是`, `之一是`, `第一书记`, `十九大` are not items, and
//! `一是一，二是二` is an idiom. An enumeration lives under one heading: a numbering marker ends
//! every enumeration open before it, and an item numbered one starts a new enumeration.

use std::sync::LazyLock;

use regex::Regex;

use super::markers::{parse_chinese, Marker};
use super::problem::Problem;
use crate::document::Document;
use crate::span::Span;

/// The ways an enumeration's items are worded; each is numbered on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// `一是` `二是`
    Shi,
    /// `一要` `二要`
    Yao,
    /// `第一，` `第二，`
    Ordinal,
    /// `首先，` `其次，` `再次，`
    Sequence,
}

/// One item word of an inline enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The item word without its punctuation: `二是`, `第二`, `其次`.
    pub span: Span,
    pub series: Series,
    /// The item's number; 0 for `最后` until it is seen to close a `首先，其次` list.
    pub value: u32,
    /// The index of the item it was judged against: the one before it in its enumeration
    /// (set by [`check`]).
    pub previous: Option<usize>,
}

static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
            (?P<shi>[一二三四五六七八九十]{1,3})是
          | (?P<yao>[一二三四五六七八九十]{1,3})要
          | 第(?P<ord>[一二三四五六七八九十]{1,3})(?:[，,：:]|是|、(?P<ord_list>第)?)
          | (?P<seq>首先|其次)
          | (?P<seq3>再次)[，,]
          | (?P<last>最后)[，,]
        ",
    )
    .expect("enumeration pattern is valid")
});

/// `第一、二名`, `第一、二,第二、三,第三、一工会小组`: an ordinal, `、` and a number name a pair
/// (of places, of groups), not an item. Returns where the pair ends. `第二、一定要` is an item:
/// after `一` a word may go on.
fn listed_pair_end(at: usize, rest: &str) -> Option<usize> {
    const NUMBERS: [char; 10] = ['二', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
    const AFTER_ONE: &str = "，,、；;名等届次批个位级类组号";
    let mut chars = rest.chars();
    let first = chars.next()?;
    let pair = match first {
        c if NUMBERS.contains(&c) => true,
        '一' => chars.next().is_some_and(|c| AFTER_ONE.contains(c)),
        _ => false,
    };
    pair.then(|| at + first.len_utf8())
}

/// The inline enumeration items of the document, in order.
///
/// `第一、第二` cannot both be items: the pattern consumes `第` after `、` to reject the first,
/// so a listed pair of ordinals yields none.
pub fn items(doc: &Document) -> Vec<Item> {
    let mut items = Vec::new();
    for paragraph in &doc.paragraphs {
        let text = &doc.text[paragraph.clone()];
        let mut found = Vec::new();
        let mut pair_end = None;
        for caps in ITEM.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            if !at_clause_start(&text[..whole.start()]) {
                continue;
            }
            if caps.name("ord").is_some() {
                let after_pair = pair_end.is_some_and(|end| whole.start() <= end + '，'.len_utf8());
                let pair = whole.as_str().ends_with('、');
                if let Some(end) = pair
                    .then(|| listed_pair_end(whole.end(), &text[whole.end()..]))
                    .flatten()
                {
                    pair_end = Some(end);
                    continue;
                }
                if after_pair {
                    continue;
                }
            }
            if let Some(item) = item(&caps, paragraph.start, &text[whole.end()..]) {
                found.push(item);
            }
        }
        add_first_items_run_in(doc, paragraph, &mut found);
        items.append(&mut found);
    }
    items
}

/// `行动工作一要体现属地负责制；二要……；三要……`: the first item may run on inside a clause,
/// where it is not read as one. When a paragraph's `二是` or `二要` has no first item before it,
/// its `一是` or `一要` is looked for in the text before it.
fn add_first_items_run_in(doc: &Document, paragraph: &Span, found: &mut Vec<Item>) {
    let mut i = 0;
    while i < found.len() {
        let item = &found[i];
        let word = match item.series {
            Series::Shi => "一是",
            Series::Yao => "一要",
            _ => "",
        };
        let has_first = found[..i]
            .iter()
            .any(|f| f.series == item.series && f.value == 1);
        if item.value != 2 || word.is_empty() || has_first {
            i += 1;
            continue;
        }
        let from = i
            .checked_sub(1)
            .map_or(paragraph.start, |p| found[p].span.end);
        let series = item.series;
        if let Some(at) = doc.text[from..item.span.start].rfind(word) {
            let start = from + at;
            found.insert(
                i,
                Item {
                    span: start..start + word.len(),
                    series,
                    value: 1,
                    previous: None,
                },
            );
            i += 1;
        }
        i += 1;
    }
}

fn item(caps: &regex::Captures, base: usize, rest: &str) -> Option<Item> {
    let whole = caps.get(0)?;
    let (series, value, end) = if let Some(m) = caps.name("shi") {
        let value = parse_chinese(m.as_str())?;
        // `一是一，二是二`: an idiom for plain speaking, not a list.
        if rest.starts_with(m.as_str()) {
            return None;
        }
        (Series::Shi, value, whole.end())
    } else if let Some(m) = caps.name("yao") {
        // `三要三不要`: a set phrase.
        if rest.starts_with(m.as_str()) {
            return None;
        }
        (Series::Yao, parse_chinese(m.as_str())?, whole.end())
    } else if let Some(m) = caps.name("ord") {
        // `第一、第二产业`: ordinals listed, not an item.
        if caps.name("ord_list").is_some() {
            return None;
        }
        let word_end = m.end();
        (Series::Ordinal, parse_chinese(m.as_str())?, word_end)
    } else if let Some(m) = caps.name("seq") {
        let value = if m.as_str() == "首先" { 1 } else { 2 };
        (Series::Sequence, value, m.end())
    } else if let Some(m) = caps.name("seq3") {
        (Series::Sequence, 3, m.end())
    } else {
        (Series::Sequence, 0, caps.name("last")?.end())
    };
    (value > 0 || caps.name("last").is_some()).then(|| Item {
        span: base + whole.start()..base + end,
        series,
        value,
        previous: None,
    })
}

/// Whether an item word after `before` (the paragraph up to it) starts a clause.
fn at_clause_start(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t', '\u{3000}']);
    match before.chars().next_back() {
        None => true,
        Some(c) => "，,；;。：:！？!?“”‘’「」『』".contains(c),
    }
}

/// Numbering problems of the inline enumerations: items that skip, repeat or go backwards,
/// and an enumeration that starts after one.
///
/// Items of different wordings may continue one another (`首先，……第二，……第三，`). An item
/// continues the enumeration of the last item under the same heading; an item that opens a
/// paragraph after a heading may also continue the last paragraph-opening item before it: old
/// reports use `第一，` paragraphs as headings of their own, with numbered lists between them.
/// Where the last item under the heading is of another wording, the last paragraph-opening
/// item of this wording may be carried on instead (`第一、` paragraphs around a `首先，` inside
/// one). Returns the items, each with the one it was judged against.
pub fn check(doc: &Document, markers: &[Marker], problems: &mut Vec<Problem>) -> Vec<Item> {
    let mut read: Vec<Read> = Vec::new();
    let mut headings = markers.iter().map(|m| m.span.start).peekable();
    let mut heading_count = 0;
    let mut last_opening: Option<usize> = None;
    let text_start = running_text_start(doc);
    for mut item in items(doc) {
        while headings.next_if(|&at| at < item.span.start).is_some() {
            heading_count += 1;
        }
        let opens_paragraph = opens_paragraph(doc, &item);
        let same_heading = read
            .len()
            .checked_sub(1)
            .filter(|&i| read[i].heading_count == heading_count);
        // The last paragraph-opening item is a candidate when the last item under this
        // heading is missing or of another wording.
        // It is also one when the last item under the heading does not lead to this one: a
        // run nested in the last paragraph's item (`二是……：一是……二是……三是……`) has ended, and
        // this paragraph carries on the outer run.
        let opening = last_opening.filter(|&o| {
            opens_paragraph
                && same_heading
                    .is_none_or(|i| read[i].item.series != item.series || nested_in(&read, i, o))
        });
        let candidates: Vec<usize> = same_heading.into_iter().chain(opening).collect();
        let previous = choose_previous(&read, &candidates, &item);
        if let Some(p) = previous {
            close_sequence(&read[p].item, &mut item);
        }
        item.previous = previous;
        let resumes = previous.is_some_and(|p| resumes_after_repeat(&read, p, &item));
        if let Some(problem) = judge(doc, previous.map(|p| &read[p].item), &item, text_start) {
            if !resumes {
                problems.push(problem);
            }
        }
        if opens_paragraph {
            last_opening = Some(read.len());
        }
        read.push(Read {
            item,
            heading_count,
        });
    }
    let items: Vec<Item> = read.into_iter().map(|r| r.item).collect();
    check_wordings(doc, &items, problems);
    items
}

/// `三是……三是……五是`: after a repeated number the next item is judged against what the
/// author meant (the repeat stood for `四是`), so one mistake gives one report.
fn resumes_after_repeat(read: &[Read], previous: usize, item: &Item) -> bool {
    let repeated = &read[previous].item;
    let before = repeated.previous.map(|i| read[i].item.value);
    before == Some(repeated.value) && item.value == repeated.value + 2
}

/// One enumeration worded two ways (`一是……二要……三要`, `第一……其次……第三`): the items worded
/// unlike the rest of their enumeration are reported; on a tie, those unlike its first item.
///
/// `首先` and `其次` may open an enumeration that goes on in another wording (`首先……第二……
/// 第三`, `首先要……二是……三是`, `首先……其次……第三`): edited reports do this, as `再次` reads
/// stiffly. Only a sequence word after another wording (`第一……其次`) is out of place.
fn check_wordings(doc: &Document, items: &[Item], problems: &mut Vec<Problem>) {
    for chain in enumerations(doc, items) {
        let opening = chain
            .iter()
            .take_while(|&&i| items[i].series == Series::Sequence)
            .count();
        let numbered = &chain[opening..];
        let Some(&first) = numbered.first() else {
            continue;
        };
        let count = |series: Series| {
            numbered
                .iter()
                .filter(|&&i| items[i].series == series)
                .count()
        };
        let usual = numbered
            .iter()
            .map(|&i| items[i].series)
            .max_by_key(|&s| (count(s), s == items[first].series))
            .unwrap_or(items[first].series);
        let Some(&example) = numbered.iter().find(|&&i| items[i].series == usual) else {
            continue;
        };
        for &i in numbered.iter().filter(|&&i| items[i].series != usual) {
            let item = &items[i];
            problems.push(Problem {
                rule: "numbering/style",
                span: item.span.clone(),
                message: format!(
                    "同一组列举的用词不一致：这一组用“{}”，这里是“{}”，应为“{}”",
                    word(doc, &items[example]),
                    word(doc, item),
                    canonical(usual, item.value)
                ),
                related: Some((items[example].span.clone(), "这一组的写法".to_string())),
                fix: None,
            });
        }
    }
}

/// The enumerations of two or more items, each as the indices of its items: an item that
/// carries on the one it was judged against (`previous`, numbered one less) joins its
/// enumeration, when both are in one paragraph or both open theirs (an enumeration of
/// paragraphs). Items further apart may continue a count, but not a wording.
fn enumerations(doc: &Document, items: &[Item]) -> Vec<Vec<usize>> {
    let paragraph = |item: &Item| doc.paragraphs.partition_point(|p| p.end <= item.span.start);
    let together = |a: &Item, b: &Item| {
        paragraph(a) == paragraph(b) || (opens_paragraph(doc, a) && opens_paragraph(doc, b))
    };
    let mut chain_of: Vec<Option<usize>> = vec![None; items.len()];
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let carried = item.previous.filter(|&p| {
            items[p].value > 0 && item.value == items[p].value + 1 && together(&items[p], item)
        });
        let chain = match carried.and_then(|p| chain_of[p]) {
            Some(chain) => chain,
            None => {
                chains.push(Vec::new());
                chains.len() - 1
            }
        };
        chains[chain].push(i);
        chain_of[i] = Some(chain);
    }
    chains.retain(|chain| chain.len() > 1);
    chains
}

/// Whether the run that item `last` ends began at one inside the item `opening` opened: a
/// run nested in that item (`二是……：一是……二是……三是……`).
fn nested_in(read: &[Read], last: usize, opening: usize) -> bool {
    let mut first = last;
    while let Some(p) = read[first].item.previous {
        if read[p].item.value + 1 != read[first].item.value || p <= opening {
            break;
        }
        first = p;
    }
    first > opening && read[first].item.value == 1
}

/// Of the items `item` may carry on, the one it does carry on (the same wording first), or
/// the nearest.
fn choose_previous(read: &[Read], candidates: &[usize], item: &Item) -> Option<usize> {
    let carries_on = |&&i: &&usize| item.value == read[i].item.value + 1;
    let same_series = |&&i: &&usize| read[i].item.series == item.series;
    candidates
        .iter()
        .find(|i| carries_on(i) && same_series(i))
        .or_else(|| candidates.iter().find(carries_on))
        .or_else(|| candidates.iter().find(same_series))
        .or(candidates.first())
        .copied()
}

/// An item as the check read it.
struct Read {
    item: Item,
    /// How many headings came before it.
    heading_count: usize,
}

fn opens_paragraph(doc: &Document, item: &Item) -> bool {
    let i = doc.paragraphs.partition_point(|p| p.end <= item.span.start);
    doc.paragraphs
        .get(i)
        .is_some_and(|p| p.start == item.span.start)
}

/// `最后，` closes a `首先，其次，` list as its next item; after other wordings it is a closing
/// remark (`一是……二是……。最后，我再强调一点`), not an item.
fn close_sequence(previous: &Item, item: &mut Item) {
    if item.series == Series::Sequence && item.value == 0 && previous.series == Series::Sequence {
        item.value = previous.value + 1;
    }
}

/// What is wrong with `item` coming after the item it may continue, if any.
fn judge(
    doc: &Document,
    previous: Option<&Item>,
    item: &Item,
    text_start: usize,
) -> Option<Problem> {
    match previous {
        _ if item.value <= 1 => None,
        Some(p) if item.value == p.value + 1 => None,
        Some(p) if item.value > p.value + 1 && skipped_ones_run_in(doc, p, item) => None,
        Some(p) if p.series == item.series => Some(out_of_sequence(doc, p, item)),
        // Another wording that does not continue is a different list, not judged.
        Some(_) => None,
        // `其次` may follow any opening (`一方面`, `首要的是`).
        None if item.series == Series::Sequence => None,
        // The second page of an article may open at `四是`.
        None if opens_text(doc, item, text_start) => None,
        None if follows_running_text(doc, item) => None,
        None => Some(missing_start(doc, item)),
    }
}

/// `……优良率*二是水污染防治……三是土壤`: the items between two are there, run on where no
/// clause starts, so none was skipped.
fn skipped_ones_run_in(doc: &Document, previous: &Item, item: &Item) -> bool {
    let mut rest = &doc.text[previous.span.end..item.span.start];
    for value in previous.value + 1..item.value {
        let word = canonical(item.series, value);
        match rest.find(&word) {
            Some(at) => rest = &rest[at + word.len()..],
            None => return false,
        }
    }
    true
}

/// `……形成了工作格局。二是突出问题整改`: an enumeration that seems to start at two after
/// running text of its paragraph may have its first item in that text, worded without `一是`
/// or cut from an excerpt. A missing first item is certain only where the item opens its
/// paragraph, follows the paragraph's heading (`（三）完善制度。二是……`) or an introduction
/// (`抓好三项工作：二是……`).
fn follows_running_text(doc: &Document, item: &Item) -> bool {
    let i = doc.paragraphs.partition_point(|p| p.end <= item.span.start);
    let Some(paragraph) = doc.paragraphs.get(i) else {
        return false;
    };
    let before = doc.text[paragraph.start..item.span.start].trim_end();
    if before.is_empty() || before.ends_with([':', '：']) {
        return false;
    }
    let heading = super::markers::marker_at(before, paragraph.start, item.span.start, true)
        .is_some_and(|m| !m.uncertain);
    const ENDS: [char; 5] = ['。', '！', '？', '；', ';'];
    let sentences = before.trim_end_matches(ENDS).matches(ENDS).count();
    !(heading && sentences == 0)
}

/// Whether `item` opens the first paragraph of running text (which starts at `text_start`):
/// only titles come before it.
fn opens_text(doc: &Document, item: &Item, text_start: usize) -> bool {
    opens_paragraph(doc, item) && item.span.start <= text_start
}

/// Where the running text begins: the first paragraph that is not a title, or the end.
fn running_text_start(doc: &Document) -> usize {
    doc.paragraphs
        .iter()
        .find(|p| super::find::is_body(doc, p))
        .map_or(doc.text.len(), |p| p.start)
}

/// Whether a paragraph opens with an item past the first (`四是……`): a text that starts with
/// one opens inside an enumeration.
pub fn continues_enumeration(paragraph: &str) -> bool {
    let paragraph = paragraph.trim_start();
    ITEM.captures(paragraph)
        .filter(|caps| caps.get(0).is_some_and(|m| m.start() == 0))
        .and_then(|caps| {
            let whole = caps.get(0)?;
            item(&caps, 0, &paragraph[whole.end()..])
        })
        .is_some_and(|item| item.value > 1)
}

fn word(doc: &Document, item: &Item) -> String {
    doc.source[item.span.clone()].to_string()
}

/// How item `value` of `series` is written (`三是`, `第三`, `再次`).
fn canonical(series: Series, value: u32) -> String {
    let numeral = super::markers::chinese_numeral(value);
    match series {
        Series::Shi => format!("{numeral}是"),
        Series::Yao => format!("{numeral}要"),
        Series::Ordinal => format!("第{numeral}"),
        Series::Sequence => match value {
            1 => "首先".to_string(),
            2 => "其次".to_string(),
            _ => "再次".to_string(),
        },
    }
}

fn out_of_sequence(doc: &Document, previous: &Item, item: &Item) -> Problem {
    let expected = previous.value + 1;
    let what = if item.value == previous.value {
        "重复"
    } else if item.value > expected {
        "跳号"
    } else {
        "倒序"
    };
    Problem {
        rule: "numbering/inline",
        span: item.span.clone(),
        message: format!(
            "列举{what}：“{}”之后应为“{}”，这里是“{}”",
            word(doc, previous),
            canonical(item.series, expected),
            word(doc, item)
        ),
        related: Some((previous.span.clone(), "上一项".to_string())),
        fix: None,
    }
}

fn missing_start(doc: &Document, item: &Item) -> Problem {
    Problem {
        rule: "numbering/inline",
        span: item.span.clone(),
        message: format!(
            "列举从“{}”开始，前面没有“{}”",
            word(doc, item),
            canonical(item.series, 1)
        ),
        related: None,
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn words(text: &str) -> Vec<(String, u32)> {
        let doc = Document::new(text.to_string(), Format::Text);
        items(&doc)
            .iter()
            .map(|i| (doc.source[i.span.clone()].to_string(), i.value))
            .collect()
    }

    #[test]
    fn finds_items_at_clause_starts() {
        assert_eq!(
            words("重点抓好三项工作：一是强化领导；二是完善制度。十一是加强保障。"),
            [
                ("一是".into(), 1),
                ("二是".into(), 2),
                ("十一是".into(), 11)
            ]
        );
        assert_eq!(
            words("第一，坚持党的领导。第二是深化改革。首先，要统一思想；其次，要狠抓落实。"),
            [
                ("第一".into(), 1),
                ("第二".into(), 2),
                ("首先".into(), 1),
                ("其次".into(), 2)
            ]
        );
    }

    #[test]
    fn ignores_words_that_only_contain_an_item_word() {
        for text in [
            "祖国统一是大势所趋。",
            "原因之一是投入不足。",
            "说话要一是一，二是二。",
            "坚持“三要三不要”的原则。",
            "第一书记到村任职。",
            "他是第一次参加。",
            "再次强调，要守住底线。",
        ] {
            assert_eq!(words(text), [], "{text}");
        }
    }
}
