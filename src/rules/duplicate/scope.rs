//! What the duplicate rules leave alone, worked out once per document for all of them: set
//! phrases, quotations, headings, and the sections of a regulation, which repeat clauses on
//! purpose.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::units::{self, Unit, Words};
use super::{index, HEADING_CHARS};
use crate::document::{Document, InOrder};
use crate::structure::markers::{LegalUnit, Level};
use crate::structure::Outline;

/// The keys of the set phrases' clauses, normalised like units, so that a unit is looked up
/// by the key it already has: the formulas of `rules/set-phrases.txt`, and the clauses that
/// three or more documents of the clean corpus use (`rules/set-phrases-corpus.txt`, made by
/// `scripts/set_phrases.py`).
pub(super) static SET_PHRASES: LazyLock<FxHashSet<u64>> = LazyLock::new(|| {
    let written = include_str!("../../../rules/set-phrases.txt");
    let found = include_str!("../../../rules/set-phrases-corpus.txt");
    written
        .lines()
        .chain(found.lines())
        .filter(|line| !line.starts_with('#'))
        .flat_map(|line| line.split(SEPARATORS))
        .map(|clause| units::normalise(clause, 0..clause.len()))
        .filter(|clause| !clause.is_empty())
        .map(|clause| super::rolling::key_of(&clause))
        .collect()
});

/// What separates the clauses of a set phrase, and the set phrases in a sentence.
pub(super) const SEPARATORS: [char; 7] = ['，', '；', '：', '、', '。', '！', '？'];

#[cfg(test)]
#[test]
fn every_separator_opens_with_a_byte_the_search_looks_for() {
    for c in SEPARATORS {
        let mut buffer = [0; 4];
        let first = c.encode_utf8(&mut buffer).as_bytes()[0];
        assert!(first == 0xEF || first == 0xE3, "{c}");
    }
    assert_eq!(
        first_separator("加强领导、压实责任"),
        Some("加强领导".len())
    );
    assert_eq!(first_separator("加强“组织”领导（试行）"), None);
}

/// One flag per sentence of a document's [`units::Units`]: the sentences the duplicate rules
/// leave alone (set phrases, quotations, headings). Sentences too short to be compared or
/// to restate the one before are not examined, and are not flagged. (Clauses are decided as
/// the pass looks them up, and kept by no one.)
#[derive(Debug, Default)]
pub struct Exempt {
    pub sentences: Vec<bool>,
}

/// What the duplicate rules leave alone in one document.
pub(super) struct Scope<'a> {
    pub(super) doc: &'a Document,
    /// The sentences that repeat by nature, worked out once per document for all the rules
    /// here.
    pub(super) exempt: &'a Exempt,
    /// Where the sections of a regulation start; empty for other texts.
    pub(super) sections: &'a [usize],
}

/// Where the articles, items and paragraphs (款) of a regulation start (`第十二条`, `（三）`):
/// in a regulation each is a section of its own. Empty for other texts.
pub(super) fn regulation_sections(doc: &Document, outline: &Outline) -> Vec<usize> {
    let markers = outline.markers();
    let articles = markers
        .iter()
        .filter(|m| m.level == Level::Legal(LegalUnit::Article))
        .count();
    if articles < 3 {
        return Vec::new();
    }
    let mut starts: Vec<usize> = markers.iter().map(|m| m.span.start).collect();
    starts.extend(doc.paragraphs.iter().map(|p| p.start));
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// Units that repeat by nature: set phrases, quotations, headings, text that is not Chinese
/// (a licence line in Latin letters). `words` are the unit's characters, `sentence` is its
/// sentence (itself, for one), `paragraph` the index of their paragraph; `quoted` walks the
/// document's quotations, asked of the units in order.
pub(super) fn exempt(
    doc: &Document,
    (unit, words): (&Unit, &Words),
    (sentence, paragraph): (&Unit, usize),
    quoted: &mut InOrder,
) -> bool {
    unit.is_latin()
        || quoted.covers(&unit.span())
        || is_heading(doc, sentence, paragraph)
        || is_set_phrase(doc, unit, words)
}

/// Whether `sentence`, of paragraph `paragraph`, is a heading: a short paragraph of its own,
/// or a short sentence that opens its paragraph with a heading's number, run in before the
/// paragraph's text as the second and third levels often are (`（三）着力稳定粮食生产。抓好春耕
/// 备耕……`). A report's body takes up its headings' words (`切实稳定粮食生产`), and a
/// heading is not a sentence pasted twice.
pub(super) fn is_heading(doc: &Document, sentence: &Unit, paragraph: usize) -> bool {
    let paragraph = &doc.paragraphs[paragraph];
    let span = sentence.span();
    sentence.len() < HEADING_CHARS
        && paragraph.start == span.start
        && (doc.text[span.end..paragraph.end].trim().is_empty()
            || units::opens_with_heading_number(&doc.text[span.clone()], span.start))
}

impl Scope<'_> {
    /// Whether two units are in different sections of a regulation (articles, items,
    /// paragraphs).
    pub(super) fn in_other_sections(&self, a: &Unit, b: &Unit) -> bool {
        let sections = self.sections;
        let section = |unit: &Unit| sections.partition_point(|&at| at <= unit.span().start);
        !sections.is_empty() && section(a) != section(b)
    }

    /// Regulations repeat clauses from article to article, item to item and paragraph to
    /// paragraph on purpose (`构成犯罪的，依法追究刑事责任`): a clause repeated in another
    /// section is not reported.
    pub(super) fn may_repeat(&self, a: &Unit, b: &Unit) -> bool {
        self.in_other_sections(a, b)
    }

    /// Whether sentence `later` of a regulation may repeat sentence `earlier` of another of
    /// its sections: a clause regulations repeat by design (`rules/regulation-clauses.txt`),
    /// an item or the opening of a list (the last item too, after items that end in `；`),
    /// or a sentence of two parallel articles, whose
    /// neighbours say the same with other words (`预算草案` / `决算草案`). A sentence or an
    /// article pasted twice is reported.
    pub(super) fn may_repeat_sentence(
        &self,
        sentences: &[Unit],
        earlier: usize,
        later: usize,
    ) -> bool {
        let (a, b) = (&sentences[earlier], &sentences[later]);
        if !self.in_other_sections(a, b) {
            return false;
        }
        let text = &self.doc.text[b.span()];
        let last_item = later > 0 && {
            let previous = &sentences[later - 1];
            previous.paragraph_in(self.doc) == b.paragraph_in(self.doc)
                && self.doc.text[previous.span()]
                    .trim_end()
                    .ends_with(['；', ';'])
        };
        last_item
            || recurs_by_design(text)
            || parallel_neighbours(self.doc, sentences, earlier, later)
    }
}

/// The sentences regulations repeat on purpose, as `rules/regulation-clauses.txt` lists them.
pub(super) static REGULATION_CLAUSES: LazyLock<regex::Regex> = LazyLock::new(|| {
    let patterns: Vec<&str> = include_str!("../../../rules/regulation-clauses.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .collect();
    regex::Regex::new(&patterns.join("|")).expect("rules/regulation-clauses.txt is valid")
});

/// An item of a list (`（三）……；`), the opening of one (`有下列行为之一的，……：`), or a
/// clause regulations repeat on purpose.
pub(super) fn recurs_by_design(sentence: &str) -> bool {
    let sentence = sentence.trim();
    let item = sentence.starts_with(['（', '(']) || sentence.ends_with(['；', '：', ';', ':']);
    item || REGULATION_CLAUSES.is_match(sentence)
}

/// Whether the sentences next to two repeated ones are alike without being equal: two
/// articles written in parallel, not one pasted twice.
pub(super) fn parallel_neighbours(
    doc: &Document,
    sentences: &[Unit],
    earlier: usize,
    later: usize,
) -> bool {
    // Sentences of provisions are short; a longer neighbour is compared no further, so
    // that a text of long sentences repeated costs no more than their count.
    const LONGEST: usize = 200;
    let alike_but_other = |i: usize, j: usize| {
        let (a, b) = (&sentences[i], &sentences[j]);
        let longer = a.len().max(b.len());
        longer <= LONGEST && {
            let (a, b) = (a.chars(&doc.text), b.chars(&doc.text));
            let bound = (longer * 3 / 10).max(4);
            a != b && index::bounded_edit_distance(&a, &b, bound).is_some()
        }
    };
    let before = earlier > 0 && alike_but_other(earlier - 1, later - 1);
    let after = later + 1 < sentences.len() && alike_but_other(earlier + 1, later + 1);
    before || after
}

/// Where the first of [`SEPARATORS`] in `text` is. Each is three bytes in UTF-8 opening with
/// `0xEF` or `0xE3`, rare lead bytes in Chinese text, so a byte search finds the few
/// candidates instead of every character being compared with each separator.
fn first_separator(text: &str) -> Option<usize> {
    crate::document::chars::find_bytes(text.as_bytes(), &[0xEF, 0xE3]).find(|&at| {
        text.get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| SEPARATORS.contains(&c))
    })
}

/// Whether a unit is a set phrase, or made only of set phrases; `words` are its characters.
pub(super) fn is_set_phrase(doc: &Document, unit: &Unit, words: &Words) -> bool {
    if SET_PHRASES.contains(&words.key()) {
        return true;
    }
    let text = &doc.text[unit.span()];
    let Some(first_end) = first_separator(text) else {
        return false;
    };
    // Most sentences fail on their first part: it is looked up before the rest is split.
    // (A first part with no characters to compare is skipped by the split below, which then
    // decides.)
    if let Some(first) = unit.key_of_opening(text, first_end, words) {
        if !SET_PHRASES.contains(&first) {
            return false;
        }
    }
    let mut parts = text
        .split(SEPARATORS)
        .filter_map(units::normalised_key)
        .peekable();
    parts.peek().is_some() && parts.all(|key| SET_PHRASES.contains(&key))
}
