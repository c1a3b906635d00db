//! Finding the numbering markers of a document, as a drafter meant them: at paragraph starts,
//! run on after a full stop inside a numbered paragraph, after a programme's times, on one line
//! of circled items, and all through a page pasted without its line breaks. Markers that a
//! slip left uncertain are kept where their neighbours confirm them. Also where text was left
//! out, and which paragraphs are running text, which the outline needs to judge where a list
//! may begin.

use std::sync::LazyLock;

use regex::Regex;

use super::markers::{marker_at, may_open_marker, Level, Marker, Slip};
use crate::document::chars::{at_most_chars, word_search};
use crate::document::Document;
use crate::span::Span;

/// Markers in document order: those that open a paragraph, and those that run on inside a
/// paragraph that opens with a marker, after a full stop (`（一）……。1.……。2.……`). A marker
/// after `；` or `：` is part of a list inside a sentence (`报告分三个部分：一、……；二、……`).
/// Table cells hold data, not headings: Markdown tables, and lines of plain text with two or
/// more tabs (cells pasted from a spreadsheet or a Word table). Markdown ordered lists are
/// markers of the `1.` level.
pub(super) fn find_markers(doc: &Document) -> Vec<Marker> {
    let mut markers = Vec::new();
    let mut sentences = doc.sentences.iter().peekable();
    for paragraph in doc.paragraphs.iter().filter(|p| !in_table(doc, p)) {
        let mut opens_with_marker = false;
        while sentences.next_if(|s| s.start < paragraph.start).is_some() {}
        if let Some(flattened) = flattened_markers(doc, paragraph) {
            markers.extend(flattened);
            continue;
        }
        while let Some(sentence) = sentences.next_if(|s| s.start < paragraph.end) {
            let opens_paragraph = sentence.start == paragraph.start;
            let runs_on = opens_with_marker && follows_full_stop(doc, sentence.start);
            if !(opens_paragraph || runs_on) {
                continue;
            }
            let text = &doc.text[sentence.clone()];
            let marker =
                marker_at(text, sentence.start, sentence.end, opens_paragraph).or_else(|| {
                    opens_paragraph
                        .then(|| marker_after_time(text, &sentence))
                        .flatten()
                });
            if let Some(marker) = marker {
                opens_with_marker |= opens_paragraph;
                let circled = opens_paragraph && marker.level == Level::Circled;
                markers.push(marker);
                if circled {
                    markers.extend(circled_run_on(doc, paragraph));
                }
            }
        }
    }
    markers.sort_by_key(|m| m.span.start);
    markers.dedup_by_key(|m| m.span.start);
    if !doc.ordered_items.is_empty() {
        markers.extend(list_markers(doc));
        markers.sort_by_key(|m| m.span.start);
    }
    resolve_lost_numbers(&mut markers);
    confirm_opening_candidates(&mut markers);
    end_titles_at_next_marker(doc, &mut markers);
    markers
}

/// `①领导讲话、②进行颁奖`: an item's title stops where the next item starts, without the
/// `、` between them.
fn end_titles_at_next_marker(doc: &Document, markers: &mut [Marker]) {
    for i in 1..markers.len() {
        let next = markers[i].span.start;
        let title = &mut markers[i - 1].title;
        if title.contains(&next) {
            let kept =
                doc.text[title.start..next].trim_end_matches(['、', '，', ',', '；', ';', ' ']);
            title.end = title.start + kept.len();
        }
    }
}

/// `①领导讲话、②进行颁奖、③总结发言`: a paragraph that opens with a circled number often lists
/// its items on one line, after `、`, `，` or `；`. Circled numbers are markers wherever they
/// stand there; the one that opens the paragraph is already read.
fn circled_run_on(doc: &Document, paragraph: &Span) -> Vec<Marker> {
    let text = &doc.text[paragraph.clone()];
    let mut markers = Vec::new();
    let mut previous = None;
    for (i, c) in text.char_indices() {
        let after_break = previous.is_some_and(|p: char| "、，,；;。 \u{3000}".contains(p));
        previous = Some(c);
        if i == 0 || !after_break || !('①'..='⑳').contains(&c) {
            continue;
        }
        let at = paragraph.start + i;
        let end = sentence_end(doc, paragraph, at);
        markers.extend(marker_at(&doc.text[at..end], at, end, false));
    }
    markers
}

/// Where the sentence holding `at` ends, within its paragraph.
fn sentence_end(doc: &Document, paragraph: &Span, at: usize) -> usize {
    let sentence = doc.sentences.partition_point(|s| s.end <= at);
    doc.sentences
        .get(sentence)
        .map_or(paragraph.end, |s| s.end.min(paragraph.end))
        .max(at)
}

/// `9:30-9:50 （二）志愿者服务经验分享`: a programme gives each item's time before its marker.
fn marker_after_time(text: &str, sentence: &Span) -> Option<Marker> {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[0-9]{1,2}[:：][0-9]{2}(?:\s*[-—~～至到]+\s*[0-9]{1,2}[:：][0-9]{2})?\s+")
            .expect("time pattern is valid")
    });
    // Every sentence that opens a paragraph without a marker comes here: most open with no
    // digit, and are passed over before the pattern is compiled or run.
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let time = TIME.find(text)?;
    let at = sentence.start + time.end();
    let marker = marker_at(&text[time.end()..], at, sentence.end, false)?;
    (!marker.uncertain).then_some(marker)
}

/// A whole text pasted as one paragraph (a web page copied without its line breaks) keeps
/// its headings and items after spaces and full stops: `……乐趣。 2、激发…… 3、让孩子……`.
/// A long paragraph with three or more markers after spaces is read that way, each of those
/// places as a paragraph's start. Prose does not put spaces between Chinese sentences, and
/// a list inside a sentence (`分三部分：一、……；二、……`) has none either.
fn flattened_markers(doc: &Document, paragraph: &Span) -> Option<Vec<Marker>> {
    const MIN_CHARS: usize = 200;
    const MIN_SPACED_MARKERS: usize = 3;
    let text = &doc.text[paragraph.clone()];
    // Short paragraphs, and those without three spaces before something like a marker, are
    // read as they are. (Both are told without decoding the text: this runs on every
    // paragraph.)
    if at_most_chars(text, MIN_CHARS) {
        return None;
    }
    let spaced_candidates = after_spaces(text)
        .filter(|&at| may_open_marker(&text[at..]))
        .take(MIN_SPACED_MARKERS)
        .count();
    if spaced_candidates < MIN_SPACED_MARKERS {
        return None;
    }
    let mut markers = Vec::new();
    let mut spaced = 0;
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        let after_space = previous.is_some_and(|p| p.is_whitespace());
        let after_stop = previous.is_some_and(|p| "。！？；;!?".contains(p));
        previous = Some(c);
        if c.is_whitespace() || !(i == 0 || after_space || after_stop) {
            continue;
        }
        let at = paragraph.start + i;
        let end = sentence_end(doc, paragraph, at);
        if let Some(marker) = marker_at(&doc.text[at..end], at, end, true) {
            spaced += usize::from(after_space && !marker.uncertain);
            markers.push(marker);
        }
    }
    (spaced >= MIN_SPACED_MARKERS).then_some(markers)
}

/// An uncertain marker can only continue a list, except the list's first item: `l.总则`
/// before `2.` is the `1.` it stands for, `1、6月26日前参观` before `2、` is the first item
/// (not `1、2号楼`), and `1志愿服务` before `2义务植树` is one slip made twice.
fn confirm_opening_candidates(markers: &mut [Marker]) {
    for i in 0..markers.len() {
        let (head, tail) = markers.split_at_mut(i + 1);
        let marker = &mut head[i];
        if !marker.uncertain || marker.value != 1 {
            continue;
        }
        let next = tail
            .iter()
            .find(|m| m.level == marker.level && (!m.uncertain || m.slip.is_some()));
        if next.is_some_and(|next| next.value == 2) {
            marker.uncertain = false;
        }
    }
}

/// `3.` `.做好采购工作` `5.`: a point whose number was deleted stands for the number between
/// its neighbours of the same level. Where the neighbours do not leave exactly one number
/// out, it is not a marker.
fn resolve_lost_numbers(markers: &mut Vec<Marker>) {
    for i in 0..markers.len() {
        if markers[i].slip != Some(Slip::LostNumber) {
            continue;
        }
        let before = sibling_value(markers, (0..i).rev());
        let after = sibling_value(markers, i + 1..markers.len());
        if let (Some(before), Some(after)) = (before, after) {
            if after == before + 2 {
                markers[i].value = before + 1;
            }
        }
    }
    markers.retain(|m| m.value > 0);
}

/// The value of the first of `indices` that is a well-formed `1.` marker, unless a higher
/// level comes first.
fn sibling_value(markers: &[Marker], mut indices: impl Iterator<Item = usize>) -> Option<u32> {
    indices
        .find(|&j| markers[j].level.rank() <= Level::Arabic.rank() && markers[j].slip.is_none())
        .filter(|&j| markers[j].level == Level::Arabic)
        .map(|j| markers[j].value)
}

/// Where the text after each space of `text` starts: after each ` `, then after each `　`
/// (found by byte searches, not in order).
fn after_spaces(text: &str) -> impl Iterator<Item = usize> + '_ {
    const IDEOGRAPHIC_SPACE: &str = "\u{3000}";
    let ascii = memchr::memchr_iter(b' ', text.as_bytes()).map(|at| at + 1);
    let ideographic = word_search!(IDEOGRAPHIC_SPACE)
        .find_iter(text.as_bytes())
        .map(|at| at + IDEOGRAPHIC_SPACE.len());
    ascii.chain(ideographic)
}

/// Whether `paragraph` is a row of a table: of a Markdown table, or a line with two tabs or
/// more. (Every paragraph is searched for tabs, with the vectorised byte search: `matches`
/// with a character took a tenth of the outline's instructions.)
fn in_table(doc: &Document, paragraph: &Span) -> bool {
    let i = doc.tables.partition_point(|t| t.end <= paragraph.start);
    let in_markdown_table = doc
        .tables
        .get(i)
        .is_some_and(|t| t.start <= paragraph.start);
    let line = doc.text[paragraph.clone()].as_bytes();
    in_markdown_table || memchr::memchr_iter(b'\t', line).nth(1).is_some()
}

/// Markdown ordered-list items as markers. A list that numbers every item alike (`1.` `1.`
/// `1.`, which Markdown displays as 1, 2, 3) is read as displayed; otherwise as written, so
/// that `1.` `2.` `4.` in the source is reported like any other gap.
fn list_markers(doc: &Document) -> Vec<Marker> {
    let items = &doc.ordered_items;
    let lazy = |list: usize| {
        let mut numbers = items.iter().filter(|i| i.list == list).map(|i| i.written);
        let first = numbers.next();
        let rest: Vec<u64> = numbers.collect();
        !rest.is_empty() && rest.iter().all(|&n| Some(n) == first)
    };
    items
        .iter()
        .filter_map(|item| {
            let value = if lazy(item.list) {
                item.displayed
            } else {
                item.written
            };
            let title_at = doc.sentences.partition_point(|s| s.start < item.marker.end);
            let title = doc
                .sentences
                .get(title_at)
                .map_or(item.marker.end..item.marker.end, |s| s.clone());
            Some(Marker {
                span: item.marker.clone(),
                level: Level::Arabic,
                value: u32::try_from(value).ok().filter(|&v| v > 0)?,
                title,
                opens_paragraph: true,
                uncertain: false,
                markup: true,
                slip: None,
            })
        })
        .collect()
}

/// Whether the sentence starting at `at` follows one that ended with `。！？` (and any
/// closing quotes), rather than `；`.
fn follows_full_stop(doc: &Document, at: usize) -> bool {
    doc.text[..at]
        .trim_end()
        .trim_end_matches(['”', '’', '」', '』', '）', ')'])
        .ends_with(['。', '！', '？', '!', '?'])
}

/// A paragraph that says text was left out here, and says nothing else.
static OMISSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s…．.。—-]*(?:此处(?:隐藏|省略)[0-9０-９]*个?字|[（(]略[）)]|略|…{2}|\.{3})[\s…．.。—-]*$",
    )
    .expect("omission pattern is valid")
});

/// The ends of the paragraphs that say text was left out here (`…… 此处隐藏3604字 ……`,
/// `（略）`, a line of `…………`, a site's `此处内容需要权限查看`): the numbering after one cannot be judged against the numbering before it.
pub(super) fn omissions(doc: &Document) -> Vec<usize> {
    // A page pasted from a site that shows only part of a text says so on a short line.
    const HIDDEN: [&str; 7] = [
        "隐藏内容",
        "此处内容",
        "需要权限",
        "查看全文",
        "阅读全文",
        "免费查看",
        "下载全文",
    ];
    const SHORT_LINE: usize = 30;
    doc.paragraphs
        .iter()
        .filter(|p| {
            let text = &doc.text[(*p).clone()];
            (may_open_omission(text) && OMISSION.is_match(text))
                || (text.chars().nth(SHORT_LINE).is_none()
                    && HIDDEN.iter().any(|words| text.contains(words)))
        })
        .map(|p| p.end)
        .collect()
}

/// Whether `paragraph` opens as [`omissions`]' pattern requires: with its dots, dashes or
/// spaces, or with `此处`, `略`, `（略` or `(略`. A paragraph of text opens otherwise and is
/// passed over without the pattern (which a short draft then never compiles).
fn may_open_omission(paragraph: &str) -> bool {
    let mut chars = paragraph.chars();
    match chars.next() {
        Some('（' | '(') => chars.next() == Some('略'),
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '…' | '．' | '.' | '。' | '—' | '-' | '略')
                || paragraph.starts_with("此处")
        }
        None => false,
    }
}

/// A paragraph of running text, not a title or a date line: it ends a sentence, or it is long.
pub(crate) fn is_body(doc: &Document, paragraph: &Span) -> bool {
    const LONG_TITLE: usize = 60;
    let text = doc.text[paragraph.clone()].trim();
    // Told long before it is searched for a full stop: a long one is not searched.
    !at_most_chars(text, LONG_TITLE) || text.contains(['。', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The places after spaces are those `split` starts its parts at.
        #[test]
        fn the_places_after_spaces_are_where_split_parts_start(text in "[甲 　a（一]{0,16}") {
            let mut found: Vec<usize> = after_spaces(&text).collect();
            found.sort_unstable();
            let parts: Vec<usize> = text
                .split([' ', '\u{3000}'])
                .skip(1)
                .map(|part| part.as_ptr() as usize - text.as_ptr() as usize)
                .collect();
            proptest::prop_assert_eq!(found, parts);
        }
    }

    /// A line of plain text with two tabs or more is a row of a table, its cells data: a
    /// number opening it is no marker. One tab is a line's indent or a gap in it.
    #[test]
    fn a_line_with_two_tabs_is_a_table_row_and_holds_no_marker() {
        let starts = |text: &str| -> Vec<usize> {
            let doc = Document::new(text.to_string(), crate::document::Format::Text);
            find_markers(&doc).iter().map(|m| m.span.start).collect()
        };
        let row = "1.\t产品名称\t数量\n2.\t设备名称\t台数\n";
        assert_eq!(starts(row), Vec::<usize>::new());
        let indented = "1.\t加强组织领导。\n2.\t压实工作责任。\n";
        assert_eq!(starts(indented), [0, indented.find("2.").unwrap()]);
    }

    /// What [`may_open_omission`] turns away, the pattern does not match: every opening of
    /// up to three characters drawn from those the pattern can open with and their
    /// neighbours, before each of a few endings.
    #[test]
    fn what_cannot_open_an_omission_is_none() {
        for opening in &crate::tests::openings("（(略此处隐省… .。—-）字2a", 3) {
            for ending in ["", "）", "隐藏3字", "省略字", "……", "...", "略"] {
                let text = format!("{opening}{ending}");
                if !may_open_omission(&text) {
                    assert!(!OMISSION.is_match(&text), "{text}");
                }
            }
        }
    }
}
