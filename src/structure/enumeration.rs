//! Enumerations that run on inside the prose: `一是……二是……三是`, `第一，……第二，……`,
//! `首先，……其次，……再次，……`. Speeches number their points this way far more often than with
//! headings, and a point cut out in editing leaves `二是` followed by `四是`.
//!
//! An item word counts only at the start of a clause (after `，；。：！？`, a quote mark, or at
//! the start of a paragraph): `统一是`, `之一是`, `第一书记`, `十九大` are not items, and
//! `一是一，二是二` is an idiom. An enumeration lives under one heading: a numbering marker ends
//! every enumeration open before it, and an item numbered one starts a new enumeration.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::MatchKind;
use regex::Regex;

use super::markers::{is_chinese_digit, parse_chinese};
use crate::document::chars::WordSearch;
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

/// An item word at the start of the text it is matched against: it is tried where an item
/// may start ([`item_starts`]).
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          ^(?:
            (?P<shi>[一二三四五六七八九十]{1,3})是
          | (?P<yao>[一二三四五六七八九十]{1,3})要
          | 第(?P<ord>[一二三四五六七八九十]{1,3})(?:[，,：:]|是|、(?P<ord_list>第)?)
          | (?P<seq>首先|其次)
          | (?P<seq3>再次)[，,]
          | (?P<last>最后)[，,]
          )
        ",
    )
    .expect("enumeration pattern is valid")
});

/// Two characters that every item holds: a numeral and `是` or `要` (its last numeral), `第`
/// and a numeral (its first), or `首先`, `其次`, `再次`, `最后`. Each is two characters of three
/// bytes.
static ITEM_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    const NUMERALS: &str = "一二三四五六七八九十";
    let numbered = NUMERALS
        .chars()
        .flat_map(|n| [format!("{n}是"), format!("{n}要"), format!("第{n}")]);
    numbered
        .chain(["首先", "其次", "再次", "最后"].map(String::from))
        .collect()
});

/// Where the words of [`ITEM_WORDS`] start.
static ITEM_WORD_SEARCH: LazyLock<WordSearch> = LazyLock::new(|| {
    WordSearch::new(&ITEM_WORDS, MatchKind::Standard).expect("the item words are a few literals")
});

/// Where an item may start in `text`, in order: where a word of [`ITEM_WORDS`] starts, and
/// before a numeral and `是` or `要`, where one or two numerals before it start. The pattern
/// matches at these alone: a search of the whole text for it stopped at every numeral and
/// `第`, most of them inside a clause (`统一要求`, `第一次`).
fn item_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut add = |at: usize| {
        starts.push(at);
        if !text[at..].starts_with('第') {
            let numerals_before = text[..at]
                .chars()
                .rev()
                .take(2)
                .take_while(|&c| is_chinese_digit(c));
            let mut start = at;
            for numeral in numerals_before {
                start -= numeral.len_utf8();
                starts.push(start);
            }
        }
    };
    ITEM_WORD_SEARCH.for_each_start(text, &mut add);
    // Numerals stepped back over come after the word they are before.
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// Whether `c` can stand in an [`ITEM`] (every form has one of these): a text without any
/// has no items, and a short draft then never compiles the pattern.
fn may_be_in_item(c: char) -> bool {
    matches!(c, '是' | '要' | '第' | '首' | '其' | '再' | '最')
}

/// Whether an [`ITEM`] can open with `c`: a numeral, or the first character of `第`,
/// `首先`, `其次`, `再次`, `最后`.
fn may_open_item(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '第'
            | '首'
            | '其'
            | '再'
            | '最'
    )
}

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
    if !doc.text.contains(may_be_in_item) {
        return items;
    }
    let starts = item_starts(&doc.text);
    let mut starts = starts.iter().copied().peekable();
    for paragraph in &doc.paragraphs {
        let text = &doc.text[paragraph.clone()];
        let mut found = Vec::new();
        let mut pair_end = None;
        while starts.next_if(|&at| at < paragraph.start).is_some() {}
        let in_paragraph = std::iter::from_fn(|| starts.next_if(|&at| at < paragraph.end));
        let local = in_paragraph.map(|at| at - paragraph.start);
        for whole in clause_start_items(text, local) {
            let matched = &text[whole.clone()];
            let form = Form::of(matched);
            if let Form::Ordinal { .. } = form {
                let after_pair = pair_end.is_some_and(|end| whole.start <= end + '，'.len_utf8());
                let pair = matched.ends_with('、');
                if let Some(end) = pair
                    .then(|| listed_pair_end(whole.end, &text[whole.end..]))
                    .flatten()
                {
                    pair_end = Some(end);
                    continue;
                }
                if after_pair {
                    continue;
                }
            }
            let rest = &text[whole.end..];
            if let Some(item) = item(paragraph.start + whole.start, matched, form, rest) {
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

/// Which of [`ITEM`]'s forms a match is, and where its word ends, read from the match's text:
/// each form opens with its own characters and ends in its own, so the text tells what the
/// pattern's groups would, without a second search of each item for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `二是`: the numerals before `是`, of `numerals` bytes.
    Shi { numerals: usize },
    /// `二要`.
    Yao { numerals: usize },
    /// `第二，`, `第二是`, `第二、`: the numerals after `第`; `listed` when `、第` follows them
    /// (`第一、第二产业`).
    Ordinal { numerals: usize, listed: bool },
    /// `首先`, `其次` (2) and `再次，` (3).
    Sequence { value: u32 },
    /// `最后，`.
    Last,
}

impl Form {
    /// The form of `matched`, a match of [`ITEM`].
    fn of(matched: &str) -> Form {
        let numerals = |text: &str| text.len() - text.trim_start_matches(is_chinese_digit).len();
        if let Some(rest) = matched.strip_prefix('第') {
            return Form::Ordinal {
                numerals: numerals(rest),
                listed: matched.ends_with("、第"),
            };
        }
        match matched {
            _ if matched.starts_with("首先") => Form::Sequence { value: 1 },
            _ if matched.starts_with("其次") => Form::Sequence { value: 2 },
            _ if matched.starts_with("再次") => Form::Sequence { value: 3 },
            _ if matched.starts_with("最后") => Form::Last,
            _ if matched.ends_with('要') => Form::Yao {
                numerals: numerals(matched),
            },
            _ => Form::Shi {
                numerals: numerals(matched),
            },
        }
    }
}

/// The item of the match `matched` (of [`ITEM`], of form `form`) at `start` in the document;
/// `rest` is the text after it.
fn item(start: usize, matched: &str, form: Form, rest: &str) -> Option<Item> {
    let (series, value, word_len) = match form {
        Form::Shi { numerals } => {
            let number = &matched[..numerals];
            // `一是一，二是二`: an idiom for plain speaking, not a list.
            if rest.starts_with(number) {
                return None;
            }
            (Series::Shi, parse_chinese(number)?, matched.len())
        }
        Form::Yao { numerals } => {
            let number = &matched[..numerals];
            // `三要三不要`: a set phrase.
            if rest.starts_with(number) {
                return None;
            }
            (Series::Yao, parse_chinese(number)?, matched.len())
        }
        // `第一、第二产业`: ordinals listed, not an item.
        Form::Ordinal { listed: true, .. } => return None,
        Form::Ordinal { numerals, .. } => {
            let word_len = '第'.len_utf8() + numerals;
            let number = &matched['第'.len_utf8()..word_len];
            (Series::Ordinal, parse_chinese(number)?, word_len)
        }
        // The word without the comma after `再次` and `最后`.
        Form::Sequence { value } => (Series::Sequence, value, "首先".len()),
        Form::Last => (Series::Sequence, 0, "最后".len()),
    };
    (value > 0 || form == Form::Last).then(|| Item {
        span: start..start + word_len,
        series,
        value,
        previous: None,
    })
}

/// The matches of [`ITEM`] in `text` (a paragraph) that start a clause, tried at `starts`
/// (where an item may start, in order): the matches at clause starts a search of the whole
/// paragraph finds. A match holds no clause boundary but as its last character, so none
/// covers a clause start and hides a match there.
fn clause_start_items<'t>(
    text: &'t str,
    starts: impl Iterator<Item = usize> + 't,
) -> impl Iterator<Item = Range<usize>> + 't {
    starts
        .filter(|&at| at_clause_start(&text[..at]))
        .filter_map(|at| ITEM.find(&text[at..]).map(|whole| at..at + whole.end()))
}

/// Whether an item word after `before` (the paragraph up to it) starts a clause.
fn at_clause_start(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t', '\u{3000}']);
    match before.chars().next_back() {
        None => true,
        Some(c) => "，,；;。：:！？!?“”‘’「」『』".contains(c),
    }
}

/// Whether a paragraph opens with an item past the first (`四是……`): a text that starts with
/// one opens inside an enumeration.
pub fn continues_enumeration(paragraph: &str) -> bool {
    let paragraph = paragraph.trim_start();
    if !paragraph.starts_with(may_open_item) {
        return false;
    }
    ITEM.find(paragraph)
        .and_then(|whole| {
            let matched = whole.as_str();
            item(0, matched, Form::of(matched), &paragraph[whole.end()..])
        })
        .is_some_and(|item| item.value > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`ITEM`] anywhere, not only at the start.
    static SEARCH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&ITEM.as_str().replacen("^(?:", "(?:", 1)).unwrap());

    /// The form of the match at `start` as the pattern's groups tell it.
    fn form_by_groups(text: &str, start: usize) -> Form {
        let caps = SEARCH.captures_at(text, start).unwrap();
        let numerals = |group: &str| caps.name(group).map(|m| m.len());
        if let Some(numerals) = numerals("shi") {
            Form::Shi { numerals }
        } else if let Some(numerals) = numerals("yao") {
            Form::Yao { numerals }
        } else if let Some(numerals) = numerals("ord") {
            let listed = caps.name("ord_list").is_some();
            Form::Ordinal { numerals, listed }
        } else if let Some(m) = caps.name("seq") {
            let value = if m.as_str() == "首先" { 1 } else { 2 };
            Form::Sequence { value }
        } else if caps.name("seq3").is_some() {
            Form::Sequence { value: 3 }
        } else {
            assert!(caps.name("last").is_some());
            Form::Last
        }
    }

    /// What the texts of [`each_form_is_what_the_groups_say`] are made of: the characters and
    /// words of every form, and others.
    const PIECES: &[&str] = &[
        "一", "二", "三", "十", "是", "要", "第", "首先", "其次", "再次", "最后", "首", "次", "，",
        ",", "：", "、", "、第", "第二", "。", "a",
    ];

    proptest::proptest! {
        /// Read from its text, each match's form is what the pattern's groups say.
        #[test]
        fn each_form_is_what_the_groups_say(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..12),
        ) {
            let text = pieces.concat();
            for whole in SEARCH.find_iter(&text) {
                proptest::prop_assert_eq!(
                    Form::of(whole.as_str()),
                    form_by_groups(&text, whole.start()),
                    "{:?} in {:?}", whole.as_str(), text
                );
            }
        }
    }

    proptest::proptest! {
        /// Tried only where an item may start, the pattern finds at clause starts what a
        /// search of the whole paragraph found there.
        #[test]
        fn items_tried_where_they_may_start_are_those_a_whole_search_finds(
            pieces in proptest::collection::vec(proptest::sample::select(CLAUSE_PIECES), 0..20),
        ) {
            let text = pieces.concat();
            let searched: Vec<Range<usize>> = SEARCH
                .find_iter(&text)
                .filter(|whole| at_clause_start(&text[..whole.start()]))
                .map(|whole| whole.range())
                .collect();
            let starts = item_starts(&text);
            let tried: Vec<Range<usize>> = clause_start_items(&text, starts.into_iter()).collect();
            proptest::prop_assert_eq!(tried, searched, "{:?}", text);
        }
    }

    /// The characters and words of every form, runs of numerals, clause boundaries, spaces
    /// and others.
    const CLAUSE_PIECES: &[&str] = &[
        "一",
        "二",
        "十",
        "五十",
        "是",
        "要",
        "第",
        "首先",
        "其次",
        "再次",
        "最后",
        "首",
        "其",
        "，",
        ",",
        "；",
        "。",
        "：",
        "！",
        "？",
        "“",
        "」",
        "、",
        "、第",
        " ",
        "\u{3000}",
        "统",
        "a",
        "第一，",
        "二是",
        "三要",
        "十二是",
    ];

    /// Every text of up to three characters drawn from those [`ITEM`]'s forms are made of
    /// and a few others, before a few endings: what the cheap looks turn away, the pattern
    /// does not match (anywhere, or at the start).
    #[test]
    fn what_the_looks_turn_away_holds_no_item() {
        for opening in crate::tests::openings("一十是要第首先其次再最后，,：:、a", 3)
        {
            for ending in ["", "，", "是"] {
                let text = format!("{opening}{ending}");
                if !text.contains(may_be_in_item) {
                    assert!(!SEARCH.is_match(&text), "{text}");
                }
                if !text.starts_with(may_open_item) {
                    assert!(!ITEM.is_match(&text), "{text}");
                }
            }
        }
    }
}
