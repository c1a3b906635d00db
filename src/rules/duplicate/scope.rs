//! What the duplicate rules leave alone, worked out once per document for all of them: set
//! phrases, quotations, headings, and the sections of a regulation, which repeat clauses on
//! purpose.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::units::{self, Exempt, Unit};
use super::{index, HEADING_CHARS, MIN_CLAUSE_CHARS};
use crate::document::Document;
use crate::rules::Context;
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
        .map(|clause| units::key(&clause))
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
    assert!(contains_separator("加强领导、压实责任"));
    assert!(!contains_separator("加强“组织”领导（试行）"));
}

/// A document's sentences and clauses, and what of them the rules leave alone.
pub(super) struct Units<'a> {
    pub(super) doc: &'a Document,
    pub(super) scope: Scope<'a>,
    pub(super) sentences: &'a [Unit],
    pub(super) clauses: &'a [Unit],
    /// The normalised characters of all of them.
    pub(super) chars: &'a [char],
}

impl<'a> Units<'a> {
    pub(super) fn new(cx: &'a Context) -> Units<'a> {
        let units = cx.units();
        Units {
            doc: cx.doc,
            scope: Scope::new(cx.doc, units, cx.outline()),
            sentences: &units.sentences,
            clauses: &units.clauses,
            chars: &units.chars,
        }
    }
}

/// What the duplicate rules leave alone in one document.
pub(super) struct Scope<'a> {
    pub(super) doc: &'a Document,
    /// The sentences and clauses that repeat by nature, and a regulation's sections, worked
    /// out once per document for all the rules here.
    pub(super) exempt: &'a Exempt,
}

impl<'a> Scope<'a> {
    pub(super) fn new(doc: &'a Document, units: &'a units::Units, outline: &Outline) -> Scope<'a> {
        let exempt = units.exempt.get_or_init(|| {
            let flags = |all: &[Unit], min_chars: usize| {
                all.iter()
                    .map(|u| u.len() >= min_chars && exempt(doc, u, units))
                    .collect()
            };
            Exempt {
                // Every sentence: `duplicate/near` also asks of short ones whether they
                // restate the sentence before.
                sentences: flags(&units.sentences, 0),
                // Shorter clauses are never compared, so not examined: most clauses are.
                clauses: flags(&units.clauses, MIN_CLAUSE_CHARS),
                sections: regulation_sections(doc, outline),
            }
        });
        Scope { doc, exempt }
    }
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
/// (a licence line in Latin letters).
pub(super) fn exempt(doc: &Document, unit: &Unit, units: &units::Units) -> bool {
    let chinese = unit
        .chars(&units.chars)
        .iter()
        .filter(|c| !c.is_ascii())
        .count();
    chinese * 2 < unit.len()
        || doc.quoted().covers(&unit.span)
        || is_heading(doc, &units.sentences[unit.sentence])
        || is_set_phrase(doc, unit)
}

pub(super) fn is_heading(doc: &Document, sentence: &Unit) -> bool {
    let paragraph = &doc.paragraphs[sentence.paragraph];
    sentence.len() < HEADING_CHARS
        && paragraph.start == sentence.span.start
        && doc.text[sentence.span.end..paragraph.end].trim().is_empty()
}

impl Scope<'_> {
    /// Whether two units are in different sections of a regulation (articles, items,
    /// paragraphs).
    pub(super) fn in_other_sections(&self, a: &Unit, b: &Unit) -> bool {
        let sections = &self.exempt.sections;
        let section = |unit: &Unit| sections.partition_point(|&at| at <= unit.span.start);
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
        chars: &[char],
        earlier: usize,
        later: usize,
    ) -> bool {
        let (a, b) = (&sentences[earlier], &sentences[later]);
        if !self.in_other_sections(a, b) {
            return false;
        }
        let text = &self.doc.text[b.span.clone()];
        let last_item = later > 0 && {
            let previous = &sentences[later - 1];
            previous.paragraph == b.paragraph
                && self.doc.text[previous.span.clone()]
                    .trim_end()
                    .ends_with(['；', ';'])
        };
        last_item || recurs_by_design(text) || parallel_neighbours(sentences, chars, earlier, later)
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
    sentences: &[Unit],
    chars: &[char],
    earlier: usize,
    later: usize,
) -> bool {
    // Sentences of provisions are short; a longer neighbour is compared no further, so
    // that a text of long sentences repeated costs no more than their count.
    const LONGEST: usize = 200;
    let alike_but_other = |i: usize, j: usize| {
        let (a, b) = (sentences[i].chars(chars), sentences[j].chars(chars));
        let bound = (a.len().max(b.len()) * 3 / 10).max(4);
        a.len().max(b.len()) <= LONGEST
            && a != b
            && index::bounded_edit_distance(a, b, bound).is_some()
    };
    let before = earlier > 0 && alike_but_other(earlier - 1, later - 1);
    let after = later + 1 < sentences.len() && alike_but_other(earlier + 1, later + 1);
    before || after
}

/// Whether `text` holds one of [`SEPARATORS`]. Each is three bytes in UTF-8 opening with
/// `0xEF` or `0xE3`, rare lead bytes in Chinese text, so a byte search finds the few
/// candidates instead of every character being compared with each separator.
fn contains_separator(text: &str) -> bool {
    crate::document::chars::find_bytes(text.as_bytes(), &[0xEF, 0xE3]).any(|at| {
        text.get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| SEPARATORS.contains(&c))
    })
}

/// Whether a unit is a set phrase, or made only of set phrases.
pub(super) fn is_set_phrase(doc: &Document, unit: &Unit) -> bool {
    if SET_PHRASES.contains(&unit.key) {
        return true;
    }
    let text = &doc.text[unit.span.clone()];
    if !contains_separator(text) {
        return false;
    }
    let mut parts = text
        .split(SEPARATORS)
        .filter_map(units::normalised_key)
        .peekable();
    parts.peek().is_some() && parts.all(|key| SET_PHRASES.contains(&key))
}
