//! Sentences and their clauses, normalised for comparison (the duplicate rules compare them;
//! built once per document, see [`Context::units`](crate::rules::Context::units)).
//!
//! Normalising drops everything but letters, digits and ideographs (punctuation, spaces,
//! quotation marks) and a leading numbering marker, so `（二）加强领导。` and `加强领导；`
//! compare equal. Clauses are the parts of a sentence between `，；：`.

use std::ops::Range;

use crate::document::Document;
use crate::structure::markers::{self, marker_at};

/// A sentence or clause: where it is, and where its normalised characters are in
/// [`Units::chars`].
#[derive(Debug, Clone)]
pub struct Unit {
    pub span: Range<usize>,
    /// Its normalised characters, as a range of the characters of all units.
    chars: Range<u32>,
    /// [`key`] of its characters, computed once: equal units are found by it.
    pub key: u64,
    /// Index of the sentence it belongs to (itself, for a sentence).
    pub sentence: usize,
    /// Index of its paragraph.
    pub paragraph: usize,
}

impl Unit {
    /// Its normalised characters, in the characters of all units (`Units::chars`).
    pub fn chars<'a>(&self, all: &'a [char]) -> &'a [char] {
        &all[self.chars.start as usize..self.chars.end as usize]
    }

    /// How many normalised characters it has.
    pub fn len(&self) -> usize {
        (self.chars.end - self.chars.start) as usize
    }
}

/// A document's sentences and clauses, normalised; built once per document
/// ([`Context::units`](crate::rules::Context::units)).
///
/// The normalised characters of a sentence are stored once, in one buffer for the whole
/// document: a clause is a stretch of its sentence's, so it needs no copy of its own, and no
/// unit has an allocation of its own.
#[derive(Debug)]
pub struct Units {
    pub sentences: Vec<Unit>,
    pub clauses: Vec<Unit>,
    /// The letters, digits and ideographs of every sentence, one sentence after the other
    /// (numbering markers included: a unit's range starts past its own).
    pub chars: Vec<char>,
    /// Which sentences and clauses the rules comparing them leave alone (set phrases,
    /// quotations, headings), worked out by the first rule that needs it and shared.
    pub exempt: std::sync::OnceLock<Exempt>,
}

/// One flag per sentence and per clause of [`Units`], and the offsets where the sections of
/// a regulation start (repeats across sections are by design); empty for other texts.
/// Clauses too short to be compared are not examined, and are not flagged.
#[derive(Debug)]
pub struct Exempt {
    pub sentences: Vec<bool>,
    pub clauses: Vec<bool>,
    pub sections: Vec<usize>,
}

impl Units {
    /// One pass over each sentence gathers its characters and cuts its clauses.
    pub fn new(doc: &Document) -> Units {
        let mut units = Units {
            sentences: Vec::with_capacity(doc.sentences.len()),
            clauses: Vec::with_capacity(doc.sentences.len() * 3),
            chars: Vec::with_capacity(doc.text.len() / 3),
            exempt: std::sync::OnceLock::new(),
        };
        let mut paragraph = 0;
        for (i, span) in doc.sentences.iter().enumerate() {
            while doc
                .paragraphs
                .get(paragraph)
                .is_some_and(|p| p.end <= span.start)
            {
                paragraph += 1;
            }
            units.push_sentence(doc, span.clone(), i, paragraph);
        }
        units.sentences.shrink_to_fit();
        units.clauses.shrink_to_fit();
        units.chars.shrink_to_fit();
        units
    }

    /// The sentence at `span` and its clauses (the parts between `，；：`).
    fn push_sentence(&mut self, doc: &Document, span: Range<usize>, i: usize, paragraph: usize) {
        let text = &doc.text[span.clone()];
        let first = self.chars.len();
        let mut clause_start = (0, first);
        for (at, c) in text.char_indices() {
            if matches!(c, '，' | '；' | '：' | ',' | ';' | ':') {
                self.push_clause(doc, span.start, clause_start, at, i, paragraph);
                clause_start = (at + c.len_utf8(), self.chars.len());
            } else if is_word_character(c) {
                self.chars.push(c.to_ascii_lowercase());
            }
        }
        let chars = self.view(text, span.start, first, self.chars.len());
        self.sentences.push(Unit {
            key: key(self.slice(&chars)),
            span,
            chars,
            sentence: i,
            paragraph,
        });
        let end = text.len();
        self.push_clause(
            doc,
            self.sentences[i].span.start,
            clause_start,
            end,
            i,
            paragraph,
        );
    }

    fn slice(&self, chars: &Range<u32>) -> &[char] {
        &self.chars[chars.start as usize..chars.end as usize]
    }

    /// The clause of the sentence at `base` from `start` (its byte offset in the sentence and
    /// the index of its first character in `chars`) to the byte offset `end`.
    fn push_clause(
        &mut self,
        doc: &Document,
        base: usize,
        (start, first): (usize, usize),
        end: usize,
        sentence: usize,
        paragraph: usize,
    ) {
        let span = base + start..base + end;
        let text = &doc.text[span.clone()];
        let chars = self.view(text, span.start, first, self.chars.len());
        if chars.is_empty() {
            return;
        }
        let leading = text.len() - text.trim_start().len();
        let trailing = text.trim_end_matches(|c: char| !is_word_character(c)).len();
        let key = key(self.slice(&chars));
        self.clauses.push(Unit {
            span: span.start + leading..span.start + trailing.max(leading),
            chars,
            key,
            sentence,
            paragraph,
        });
    }

    /// The normalised characters of `text` (at `at` in the document), whose characters are
    /// `chars[first..end]`: past a leading numbering marker.
    fn view(&self, text: &str, at: usize, first: usize, end: usize) -> Range<u32> {
        let skip = marker_len(text, at);
        let skipped = if skip == 0 {
            0
        } else {
            text[..skip]
                .chars()
                .filter(|&c| is_word_character(c))
                .count()
        };
        let start = (first + skipped).min(end);
        to_u32(start)..to_u32(end)
    }
}

/// Offsets in the buffer of characters; a document of more than four billion characters is
/// far past what is read.
fn to_u32(at: usize) -> u32 {
    u32::try_from(at).expect("fewer than 2^32 characters")
}

/// The length in bytes of the numbering marker `text` (at `at` in the document) opens with,
/// 0 without one.
fn marker_len(text: &str, at: usize) -> usize {
    // A `match`, not a search of a string of these: this runs for every unit.
    let may_open_with_marker = text.chars().next().is_some_and(|c| {
        matches!(c,
            '0'..='9' | '（' | '(' | '第' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八'
            | '九' | '十' | '①'..='⑩' | '⑴'..='⑸')
    });
    if !may_open_with_marker || !markers::opens_with_marker(text) {
        return 0;
    }
    // A slip's remains are always uncertain: only the regular forms can count.
    marker_at(text, at, at + text.len(), true)
        .filter(|m| !m.uncertain)
        .map_or(0, |m| m.span.end - at)
}

/// A 64-bit hash of normalised characters: what equal units share.
pub fn key(chars: &[char]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write_usize(chars.len());
    for &c in chars {
        hasher.write_u32(c as u32);
    }
    hasher.finish()
}

/// The letters, digits and ideographs of `span`, after any leading numbering marker;
/// Latin letters in lower case.
pub fn normalise(text: &str, span: Range<usize>) -> Vec<char> {
    with_normalised(text, span, <[char]>::to_vec)
}

/// [`key`] and length of the [`normalise`]d characters of `span`, with no allocation.
pub fn normalised_key_and_len(text: &str, span: Range<usize>) -> (u64, usize) {
    with_normalised(text, span, |chars| (key(chars), chars.len()))
}

/// [`key`] of [`normalise`]d text, with no allocation.
pub fn normalised_key(text: &str) -> Option<u64> {
    with_normalised(text, 0..text.len(), |chars| {
        (!chars.is_empty()).then(|| key(chars))
    })
}

/// Calls `f` with the normalised characters of `span`, gathered in a buffer reused from call
/// to call.
fn with_normalised<T>(text: &str, span: Range<usize>, f: impl FnOnce(&[char]) -> T) -> T {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<char>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let slice = &text[span.clone()];
    let skip = marker_len(slice, span.start);
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.clear();
        scratch.extend(
            slice[skip..]
                .chars()
                .filter(|&c| is_word_character(c))
                .map(|c| c.to_ascii_lowercase()),
        );
        f(scratch)
    })
}

/// Letters, digits and ideographs. The common ideographs and the punctuation of Chinese text
/// (`，。“”…—`, General Punctuation and CJK Symbols, none of them letters) are decided first,
/// because the general Unicode lookup is slow and they are most of the text.
fn is_word_character(c: char) -> bool {
    match c {
        '\u{4E00}'..='\u{9FFF}' => true,
        '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' => false,
        _ => c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()),
    }
}

#[cfg(test)]
impl Units {
    /// One sentence of each text, and the characters of them all, for tests of the index.
    pub fn of_texts(texts: &[&str]) -> (Vec<Unit>, Vec<char>) {
        let doc = Document::new(texts.join("\n"), crate::document::Format::Text);
        let units = Units::new(&doc);
        assert_eq!(units.sentences.len(), texts.len());
        (units.sentences, units.chars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn markers_and_punctuation_do_not_count() {
        let doc = Document::new(
            "（二）加强“组织”领导，压实责任。\n3.加强组织领导。".into(),
            Format::Text,
        );
        let units = Units::new(&doc);
        let text = |unit: &Unit| unit.chars(&units.chars).iter().collect::<String>();
        assert_eq!(text(&units.sentences[0]), "加强组织领导压实责任");
        assert_eq!(text(&units.sentences[1]), "加强组织领导");
        let shown: Vec<&str> = units
            .clauses
            .iter()
            .map(|c| &doc.source[c.span.clone()])
            .collect();
        assert_eq!(
            shown,
            ["（二）加强“组织”领导", "压实责任", "3.加强组织领导"]
        );
        let clauses: Vec<String> = units.clauses.iter().map(text).collect();
        assert_eq!(clauses, ["加强组织领导", "压实责任", "加强组织领导"]);
        assert_eq!(units.clauses[1].paragraph, 0);
        assert_eq!(units.clauses[2].paragraph, 1);
    }

    #[test]
    fn each_unit_has_the_key_of_its_text_normalised_alone() {
        let doc = Document::new(
            "一、总体要求。第一，坚持问题导向，1.聚焦“突出问题”；（三）狠抓落实：见实效。\n".into(),
            Format::Text,
        );
        let units = Units::new(&doc);
        for unit in units.sentences.iter().chain(&units.clauses) {
            let alone = normalise(&doc.text, unit.span.clone());
            assert_eq!(
                unit.chars(&units.chars),
                alone.as_slice(),
                "{:?}",
                unit.span
            );
            assert_eq!(unit.key, key(&alone));
        }
    }
}
