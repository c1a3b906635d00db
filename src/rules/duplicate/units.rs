//! Sentences and their clauses, normalised for comparison (the duplicate rules compare them;
//! built once per document by their pass, see
//! [`Context::duplicates`](crate::rules::Context::duplicates)).
//!
//! Normalising drops everything but letters, digits and ideographs (punctuation, spaces,
//! quotation marks) and a leading numbering marker, so `（二）加强领导。` and `加强领导；`
//! compare equal. Clauses are the parts of a sentence between `，；：`.

use std::ops::Range;

use super::rolling::{self, Prefixes};
use crate::document::chars::char_at;
use crate::document::Document;
use crate::structure::markers::{self, marker_at};

/// A sentence or clause: where it is and how many normalised characters it has. The
/// characters themselves are not kept: the few units that are compared character by
/// character (candidates of a near repeat) are decoded again from the text
/// ([`Unit::chars_into`]). Nor is their key: the pass that cuts the units looks them up
/// by it while their characters are at hand ([`Words::key`]). Nor are the sentence and
/// paragraph it is in, which its place tells ([`sentence_of`], [`Unit::paragraph_in`]): a
/// long document has hundreds of thousands of units, and each takes 12 bytes.
#[derive(Debug, Clone)]
pub struct Unit {
    start: u32,
    end: u32,
    /// How many normalised characters it has (the low [`LEN_BITS`]), the length in bytes of
    /// a leading numbering marker (the next [`SKIP_BITS`]), whose characters are not counted,
    /// and whether it is [`LATIN`].
    counted: u32,
}

const LEN_BITS: u32 = 25;
/// The most characters a unit is said to have: a longer one (a sentence of 33 MB without a
/// stop) is as long as that for every comparison.
const MAX_LEN: u32 = (1 << LEN_BITS) - 1;
const SKIP_BITS: u32 = 6;
/// The marker's length where it is too long to keep (a marker is a few characters, and
/// this is 21 of them): found again in the text.
const FIND_SKIP: u32 = (1 << SKIP_BITS) - 1;
/// Fewer than half its characters are Chinese (a licence line in Latin letters).
const LATIN: u32 = 1 << 31;

// A field more would make it 16 bytes: a long text's units are a fifth of its check's peak
// memory.
const _: () = assert!(std::mem::size_of::<Unit>() == 12);

impl Unit {
    /// The unit at `span`, of `len` characters after a marker of `skip` bytes.
    fn new(span: Range<usize>, len: usize, skip: usize, latin: bool) -> Unit {
        let len = to_u32(len).min(MAX_LEN);
        let skip = to_u32(skip).min(FIND_SKIP);
        Unit {
            start: to_u32(span.start),
            end: to_u32(span.end),
            counted: len | skip << LEN_BITS | if latin { LATIN } else { 0 },
        }
    }

    /// Where it is in [`Document::text`](crate::document::Document::text).
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// How many normalised characters it has.
    pub fn len(&self) -> usize {
        (self.counted & MAX_LEN) as usize
    }

    /// Index of its paragraph in `doc` (the document its units were cut from): the first
    /// that ends past its start.
    pub fn paragraph_in(&self, doc: &Document) -> usize {
        doc.paragraphs
            .partition_point(|p| p.end <= self.span().start)
    }

    /// Whether fewer than half its characters are Chinese.
    pub fn is_latin(&self) -> bool {
        self.counted & LATIN != 0
    }

    /// Its normalised characters, decoded from `text` (the document's) into `into`.
    pub fn chars_into(&self, text: &str, into: &mut Vec<char>) {
        into.clear();
        into.reserve(self.len());
        push_word_characters(&text[self.words(text)], into);
    }

    /// The length in bytes of its leading marker, `own` being its text.
    fn skip(&self, own: &str) -> usize {
        match self.counted >> LEN_BITS & FIND_SKIP {
            FIND_SKIP => marker_len(own, self.span().start),
            skip => skip as usize,
        }
    }

    /// Where its characters are counted in `text` (the document's): past a leading marker.
    fn words(&self, text: &str) -> Range<usize> {
        self.start as usize + self.skip(&text[self.span()])..self.end as usize
    }

    /// Its first two and last two normalised characters (of a unit of two or more), read
    /// from `text` without decoding the rest.
    pub fn ends(&self, text: &str) -> [char; 4] {
        let words = &text[self.words(text)];
        let mut ends = [char::default(); 4];
        let forward = words.chars().filter(|&c| is_word_character(c));
        let backward = words.chars().rev().filter(|&c| is_word_character(c));
        let (first, last) = (forward.take(2), backward.take(2));
        for (end, c) in ends[..2].iter_mut().zip(first) {
            *end = c.to_ascii_lowercase();
        }
        for (end, c) in ends[2..].iter_mut().rev().zip(last) {
            *end = c.to_ascii_lowercase();
        }
        ends
    }

    /// The key ([`Words::key`]) of `own[..end]` normalised alone (`None` if it has no
    /// characters), `own` being the unit's text (`&doc.text[unit.span()]`) and `words` its
    /// characters. When the same marker opens both, its characters are the unit's before
    /// `end`, and the key is taken from their prefix hashes without decoding the text again.
    pub fn key_of_opening(&self, own: &str, end: usize, words: &Words) -> Option<u64> {
        let part = &own[..end];
        if marker_len(part, 0) != self.skip(own) {
            return normalised_key(part);
        }
        let end = self.span().start + end;
        let before = words.offsets.partition_point(|&at| words.start + at < end);
        (before > 0).then(|| words.prefixes.key_of_first(before))
    }

    /// Its normalised characters, decoded from `text` (the document's).
    pub fn chars(&self, text: &str) -> Vec<char> {
        let mut chars = Vec::with_capacity(self.len());
        self.chars_into(text, &mut chars);
        chars
    }
}

/// A document's sentences and clauses, normalised; built once per document, by the duplicate
/// rules' pass ([`super::pass`]) or alone for the cross-file fingerprints.
#[derive(Debug)]
pub struct Units {
    pub sentences: Vec<Unit>,
    pub clauses: Vec<Unit>,
}

/// The normalised characters of the sentence just cut, as a pass over the units sees them
/// ([`Units::build`]): the sentence's and each of its clauses', as ranges of `chars`, so that
/// what compares them reads them without decoding the text again.
pub struct Cut<'s> {
    /// The sentence, the last of [`Units::sentences`].
    pub sentence: CutUnit,
    /// The index of its paragraph.
    pub paragraph: usize,
    pub chars: &'s [char],
    /// Its clauses, the last of [`Units::clauses`].
    pub clauses: &'s [CutUnit],
    /// Where each of `chars` is, in bytes from the sentence's start.
    offsets: &'s [usize],
    /// The hashes of the prefixes of `chars` ([`rolling`]), one more than there are.
    prefixes: &'s [u64],
    /// Where the sentence starts in the document.
    start: usize,
}

/// A unit of the sentence just cut: its index (in [`Units::sentences`] or
/// [`Units::clauses`]) and its characters in [`Cut::chars`] (past its marker), whose key
/// ([`Words::key`]) is read from the sentence's prefix hashes while the unit is cut (exempt
/// set phrases, the index of units seen, clauses reordered) and not kept.
#[derive(Debug, Clone)]
pub struct CutUnit {
    pub index: usize,
    pub chars: Range<usize>,
}

impl<'s> Cut<'s> {
    /// The characters of `unit` (the sentence or one of its clauses), with where they are.
    pub fn words(&self, unit: &CutUnit) -> Words<'s> {
        Words {
            chars: &self.chars[unit.chars.clone()],
            offsets: &self.offsets[unit.chars.clone()],
            prefixes: Prefixes::new(&self.prefixes[unit.chars.start..=unit.chars.end]),
            start: self.start,
        }
    }
}

/// A unit's normalised characters as the pass cut them, and where each is.
#[derive(Clone, Copy)]
pub struct Words<'s> {
    chars: &'s [char],
    /// In bytes from `start`.
    offsets: &'s [usize],
    prefixes: Prefixes<'s>,
    start: usize,
}

impl<'s> Words<'s> {
    /// The characters.
    pub fn chars(&self) -> &'s [char] {
        self.chars
    }

    /// The key of the characters ([`Prefixes::key`]): what equal units share.
    pub fn key(&self) -> u64 {
        self.prefixes.key()
    }

    /// The hashes of the prefixes of the characters, from which those of their stretches are
    /// had.
    pub fn prefixes(&self) -> Prefixes<'s> {
        self.prefixes
    }
}

/// The normalised characters of the sentence being cut, with the byte offset of each in the
/// sentence, and its clauses: reused from sentence to sentence.
#[derive(Default)]
struct Scratch {
    /// The characters are the first `count` of `chars`, their offsets the first `count` of
    /// `offsets`. The lists are at least that long and written in place: a push checked the
    /// room and stored the length back, for every character of the text.
    chars: Vec<char>,
    offsets: Vec<usize>,
    count: usize,
    /// The hashes of the prefixes of `chars` ([`rolling`]), as far as a unit has been cut.
    prefixes: Vec<u64>,
    /// Where the ASCII letters and digits are among `chars`, in order: few in Chinese text,
    /// so that a unit's are counted without walking its characters.
    ascii: Vec<usize>,
    clauses: Vec<CutUnit>,
}

/// The most characters a scratch is made room for before its first sentence: a document's
/// longer sentences (rare, and a line without a full stop can be a whole file) grow it.
const SCRATCH_ROOM: usize = 1024;

/// The clauses a scratch is made room for: more than most sentences have.
const CLAUSES_ROOM: usize = 16;

impl Scratch {
    /// A scratch with room for the characters of `doc`'s longest sentence (a character takes
    /// one byte at least, three in Chinese), up to [`SCRATCH_ROOM`]: grown from nothing, its
    /// lists were copied a dozen times over in each document.
    fn for_sentences(doc: &Document) -> Scratch {
        let longest = doc
            .sentences
            .iter()
            .map(|span| span.len())
            .max()
            .unwrap_or(0);
        let room = longest.div_ceil(3).min(SCRATCH_ROOM);
        Scratch {
            chars: Vec::with_capacity(room),
            offsets: Vec::with_capacity(room),
            prefixes: Vec::with_capacity(room + 1),
            clauses: Vec::with_capacity(CLAUSES_ROOM),
            ..Scratch::default()
        }
    }

    /// The characters gathered.
    fn chars(&self) -> &[char] {
        &self.chars[..self.count]
    }

    /// Where each of the characters gathered is, in bytes from the sentence's start.
    fn offsets(&self) -> &[usize] {
        &self.offsets[..self.count]
    }

    /// Adds the character `c`, at byte `at` of the sentence.
    fn push(&mut self, c: char, at: usize) {
        if self.count == self.chars.len() {
            self.chars.push(c);
            self.offsets.push(at);
        } else {
            self.chars[self.count] = c;
            self.offsets[self.count] = at;
        }
        self.count += 1;
    }

    /// Adds the run of ideographs at byte `at` of `bytes` (the sentence's), as
    /// [`push_ideographs`] reads it; returns where it ends. The lists are first made long
    /// enough for the rest of the sentence to be ideographs.
    fn push_ideographs(&mut self, bytes: &[u8], at: usize) -> usize {
        let room = self.count + (bytes.len() - at) / 3;
        if self.chars.len() < room {
            self.chars.resize(room, char::default());
            self.offsets.resize(room, 0);
        }
        let (chars, offsets) = (
            &mut self.chars[self.count..room],
            &mut self.offsets[self.count..room],
        );
        let (end, pushed) = push_ideographs(bytes, at, (chars, offsets));
        self.count += pushed;
        end
    }
}

impl Units {
    /// One pass over each sentence gathers its characters and cuts its clauses; `visit` sees
    /// each sentence once it and its clauses are cut, with their characters.
    pub fn build(doc: &Document, mut visit: impl FnMut(&Units, &Cut)) -> Units {
        let mut units = Units {
            sentences: Vec::with_capacity(doc.sentences.len()),
            clauses: Vec::with_capacity(doc.sentences.len() * 3),
        };
        let mut scratch = Scratch::for_sentences(doc);
        let mut paragraph = 0;
        for (i, span) in doc.sentences.iter().enumerate() {
            paragraph = paragraph_from(doc, paragraph, span.start);
            let sentence = units.push_sentence(doc, span.clone(), &mut scratch);
            debug_assert_eq!(sentence.index, i);
            let cut = Cut {
                sentence,
                paragraph,
                chars: scratch.chars(),
                clauses: &scratch.clauses,
                offsets: scratch.offsets(),
                prefixes: &scratch.prefixes,
                start: span.start,
            };
            visit(&units, &cut);
        }
        units.sentences.shrink_to_fit();
        units.clauses.shrink_to_fit();
        units
    }

    /// The sentence at `span` and its clauses (the parts between `，；：`); the sentence, as
    /// cut.
    fn push_sentence(
        &mut self,
        doc: &Document,
        span: Range<usize>,
        scratch: &mut Scratch,
    ) -> CutUnit {
        let text = &doc.text[span.clone()];
        scratch.count = 0;
        scratch.prefixes.clear();
        scratch.prefixes.push(0);
        scratch.ascii.clear();
        scratch.clauses.clear();
        let mut clause_start = (0, 0);
        let mut at = 0;
        // Every character of the text passes here. The ideographs, most of them, come in
        // runs, each taken by a loop of its own; the other characters are decoded with
        // `char_at`.
        loop {
            at = scratch.push_ideographs(text.as_bytes(), at);
            let Some((c, width)) = char_at(text, at) else {
                break;
            };
            if matches!(c, '，' | '；' | '：' | ',' | ';' | ':') {
                self.push_clause(doc, span.start, clause_start, at, scratch);
                clause_start = (at + width, scratch.count);
            } else if is_word_character(c) {
                if c.is_ascii() {
                    scratch.ascii.push(scratch.count);
                }
                scratch.push(c.to_ascii_lowercase(), at);
            }
            at += width;
        }
        let (sentence, chars) = unit(text, span.clone(), (0, 0), scratch);
        let cut = cut_unit(self.sentences.len(), chars, scratch);
        self.sentences.push(sentence);
        self.push_clause(doc, span.start, clause_start, text.len(), scratch);
        cut
    }

    /// The clause of the sentence at `base` from `start` (its byte offset in the sentence and
    /// the index of its first character in the scratch) to the byte offset `end`.
    fn push_clause(
        &mut self,
        doc: &Document,
        base: usize,
        (start, first): (usize, usize),
        end: usize,
        scratch: &mut Scratch,
    ) {
        let span = base + start..base + end;
        let text = &doc.text[span.clone()];
        if first == scratch.count {
            return;
        }
        let (clause, chars) = unit(text, span.clone(), (start, first), scratch);
        if clause.len() == 0 {
            return;
        }
        // Spaces before it and marks after it are not shown as part of it. (A marker opens
        // the clause's text, before any space, and has characters after it: where it is too
        // long to keep, the one found again in the shown text is the same.)
        let leading = text.len() - crate::document::chars::trim_start(text).len();
        let trailing = text.trim_end_matches(|c: char| !is_word_character(c)).len();
        let shown = span.start + leading..span.start + trailing.max(leading);
        let skip = clause.skip(text).saturating_sub(leading);
        let clause = Unit::new(shown, clause.len(), skip, clause.is_latin());
        debug_assert_eq!(clause.skip(&doc.text[clause.span()]), skip);
        let cut = cut_unit(self.clauses.len(), chars, scratch);
        scratch.clauses.push(cut);
        self.clauses.push(clause);
    }
}

/// The unit at `index`, as cut, whose characters are the scratch's at `chars`, the last it
/// has: their prefixes are hashed up to them.
fn cut_unit(index: usize, chars: Range<usize>, scratch: &mut Scratch) -> CutUnit {
    let hashed = scratch.prefixes.len() - 1;
    rolling::extend(&mut scratch.prefixes, &scratch.chars[hashed..chars.end]);
    CutUnit { index, chars }
}

/// The unit of `text` (at `span` in the document), whose characters are the scratch's from
/// `first` on, `start` being its byte offset in the sentence: past a leading numbering marker.
/// Also the range of its characters in the scratch.
fn unit(
    text: &str,
    span: Range<usize>,
    (start, first): (usize, usize),
    scratch: &Scratch,
) -> (Unit, Range<usize>) {
    let skip = marker_len(text, span.start);
    // The characters of the marker are the first of the unit's, up to its end. (Most units
    // have no marker, and most sentences no ASCII character: neither list is searched then.)
    let counted = match skip {
        0 => 0,
        _ => scratch.offsets()[first..].partition_point(|&at| at < start + skip),
    };
    let range = first + counted..scratch.count;
    let ascii_before = |at: usize| scratch.ascii.partition_point(|&i| i < at);
    let ascii = if scratch.ascii.is_empty() {
        0
    } else {
        ascii_before(range.end) - ascii_before(range.start)
    };
    let chinese = range.len() - ascii;
    let unit = Unit::new(span, range.len(), skip, chinese * 2 < range.len());
    (unit, range)
}

/// What [`Unit::paragraph_in`] finds for a unit starting at `at`, walked to from `from`, the
/// paragraph of an earlier unit: a walk over the units in document order steps from paragraph
/// to paragraph where looking each up would search.
pub fn paragraph_from(doc: &Document, from: usize, at: usize) -> usize {
    let rest = doc.paragraphs.get(from..).unwrap_or_default();
    from + rest.iter().take_while(|p| p.end <= at).count()
}

/// Index of the sentence of `sentences` (a document's, in order) that `clause` is in: the
/// first that ends past its start.
pub fn sentence_of(sentences: &[Unit], clause: &Unit) -> usize {
    sentences.partition_point(|s| s.end as usize <= clause.span().start)
}

/// Offsets and counts in a document; one of more than four gigabytes is far past what is
/// read.
pub(super) fn to_u32(at: usize) -> u32 {
    u32::try_from(at).expect("a document of less than 4 GB")
}

/// The length in bytes of the numbering marker `text` (at `at` in the document) opens with,
/// 0 without one.
fn marker_len(text: &str, at: usize) -> usize {
    regular_marker(text, at).map_or(0, |m| m.span.end - at)
}

/// The numbering marker `text` (at byte `at` of the document) opens with, in a regular form:
/// a slip's remains are always uncertain, and only the regular forms count. Inlined: the
/// marker is large, and [`marker_len`], asked of every unit, wants only its end.
#[inline]
fn regular_marker(text: &str, at: usize) -> Option<markers::Marker> {
    // `opens_with_marker` looks at the first characters before its pattern: most units
    // are passed over there.
    if !markers::opens_with_marker(text) {
        return None;
    }
    marker_at(text, at, at + text.len(), true).filter(|m| !m.uncertain)
}

/// Whether `own` (a unit's text, at byte `at` of the document) opens with the number of a
/// heading of the GB/T 9704 levels (`一、`, `（一）`, `1.`), not with an article's (`第五条`),
/// whose sentences are provisions, nor with an item's (`（1）`, `①`).
pub fn opens_with_heading_number(own: &str, at: usize) -> bool {
    use markers::Level;
    regular_marker(own, at).is_some_and(|m| {
        matches!(
            m.level,
            Level::Chinese | Level::ParenChinese | Level::Arabic
        )
    })
}

/// A 64-bit hash of normalised characters: what equal units share across documents. The
/// cross-file fingerprints are saved with it, so its value does not change from one version
/// to the next (within a document, units are keyed by [`rolling`] hashes).
pub fn fingerprint_key(chars: &[char]) -> u64 {
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

/// [`fingerprint_key`] and length of the [`normalise`]d characters of `span`, with no
/// allocation.
pub fn normalised_key_and_len(text: &str, span: Range<usize>) -> (u64, usize) {
    with_normalised(text, span, |chars| (fingerprint_key(chars), chars.len()))
}

/// The key ([`Words::key`]) of [`normalise`]d text.
pub fn normalised_key(text: &str) -> Option<u64> {
    with_normalised(text, 0..text.len(), |chars| {
        (!chars.is_empty()).then(|| rolling::key_of(chars))
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
        push_word_characters(&slice[skip..], scratch);
        f(scratch)
    })
}

/// Pushes the letters, digits and ideographs of `text` onto `into`, Latin letters in lower
/// case. The units of a long document are decoded again and again when they are compared,
/// so they are decoded with [`char_at`], which puts the common characters together directly.
fn push_word_characters(text: &str, into: &mut Vec<char>) {
    let mut at = 0;
    while let Some((c, width)) = char_at(text, at) {
        if is_word_character(c) {
            into.push(c.to_ascii_lowercase());
        }
        at += width;
    }
}

/// Letters, digits and ideographs. The common ideographs and the punctuation of Chinese text
/// (`，。“”…—`, General Punctuation and CJK Symbols, none of them letters) are decided first,
/// because the general Unicode lookup is slow and they are most of the text.
fn is_word_character(c: char) -> bool {
    match c {
        c if is_common_ideograph(c) => true,
        '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' => false,
        // Full-width forms: the marks of Chinese text (`，；：（）！？`), then digits and letters.
        '\u{FF00}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}' => false,
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => true,
        _ => c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()),
    }
}

/// The CJK Unified Ideographs, which are most characters of Chinese text: word characters
/// and no clause separator.
fn is_common_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Writes the common ideographs ([`is_common_ideograph`]) at byte `at` of `bytes` (a
/// character boundary of a `str`) and after it into `chars`, with their offsets, up to the
/// first other character or the end of the lists; returns where that is and how many were
/// written. Each is told and read from its bytes ([`ideograph_of`]). A loop of its own, not
/// inlined: within the cut of a sentence, with its clauses and units around it, each
/// character was decoded as any other and took half again as many instructions.
#[inline(never)]
fn push_ideographs(
    bytes: &[u8],
    at: usize,
    (chars, offsets): (&mut [char], &mut [usize]),
) -> (usize, usize) {
    let mut written = 0;
    let slots = chars.iter_mut().zip(offsets);
    for ((char_slot, offset_slot), bytes) in slots.zip(bytes[at..].chunks_exact(3)) {
        let Some(c) = ideograph_of(bytes) else {
            break;
        };
        *char_slot = c;
        *offset_slot = at + 3 * written;
        written += 1;
    }
    (at + 3 * written, written)
}

/// The common ideograph ([`is_common_ideograph`]) `bytes` (three bytes from a character
/// boundary of a `str`) open with, if they open with one. `U+4E00..=U+9FFF` are the
/// characters of three bytes from `E4 B8 80` to `E9 BF BF`: at a boundary of valid UTF-8
/// they are told by their first two bytes, with no other test of the bytes or of the value.
/// (Read by [`three_byte_value_at`], with its tests of the slice and the lead byte, the
/// check of a text's units took 0.9% more instructions: every character passes here.)
#[inline]
fn ideograph_of(bytes: &[u8]) -> Option<char> {
    let &[lead, second, third] = bytes else {
        return None;
    };
    if !(0xE4B8..=0xE9BF).contains(&u16::from_be_bytes([lead, second])) {
        return None;
    }
    let value =
        u32::from(lead & 0x0F) << 12 | u32::from(second & 0x3F) << 6 | u32::from(third & 0x3F);
    char::from_u32(value)
}

#[cfg(test)]
impl Units {
    /// The units alone.
    pub fn new(doc: &Document) -> Units {
        Units::build(doc, |_, _| {})
    }

    /// One sentence of each text, and the text they were cut from, for tests of the index.
    pub fn of_texts(texts: &[&str]) -> (Vec<Unit>, String) {
        let doc = Document::new(texts.join("\n"), crate::document::Format::Text);
        let units = Units::new(&doc);
        assert_eq!(units.sentences.len(), texts.len());
        (units.sentences, doc.text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    proptest::proptest! {
        /// The run of ideographs read from their bytes is the text's characters up to the
        /// first that is not one: around both ends of the range (`U+4DFF`/`U+4E00`,
        /// `U+9FFF`/`U+A000`), and with other characters of three bytes and of one.
        #[test]
        fn a_run_of_ideographs_is_its_characters(
            text in "[\u{3000}-\u{3010}\u{4DF0}-\u{4E10}\u{9FF0}-\u{A010}a，]{0,12}",
            from in 0usize..12,
        ) {
            let at = text.char_indices().map(|(i, _)| i).nth(from).unwrap_or(text.len());
            let room = (text.len() - at) / 3;
            let (mut chars, mut offsets) = (vec![char::default(); room], vec![0; room]);
            let (end, written) = push_ideographs(text.as_bytes(), at, (&mut chars, &mut offsets));
            chars.truncate(written);
            offsets.truncate(written);
            let expected: Vec<(usize, char)> = text[at..]
                .char_indices()
                .take_while(|&(_, c)| is_common_ideograph(c))
                .map(|(i, c)| (at + i, c))
                .collect();
            proptest::prop_assert_eq!(&chars, &expected.iter().map(|e| e.1).collect::<Vec<_>>());
            proptest::prop_assert_eq!(&offsets, &expected.iter().map(|e| e.0).collect::<Vec<_>>());
            proptest::prop_assert_eq!(end, expected.last().map_or(at, |&(i, c)| i + c.len_utf8()));
        }
    }

    #[test]
    fn headings_open_with_the_numbers_of_the_first_three_levels_only() {
        for heading in [
            "一、总体要求。",
            "（二）全力稳定粮食生产。",
            "3.加快产业升级。",
            "3．加快产业升级。",
        ] {
            assert!(opens_with_heading_number(heading, 0), "{heading}");
        }
        for other in [
            "第五条 本条例自公布之日起施行。",
            "（1）严格落实责任制度。",
            "①严格落实责任制度。",
            "全力稳定粮食生产。",
            "2.5亿元用于农田建设。",
        ] {
            assert!(!opens_with_heading_number(other, 0), "{other}");
        }
    }

    #[test]
    fn markers_and_punctuation_do_not_count() {
        let doc = Document::new(
            "（二）加强“组织”领导，压实责任。\n3.加强组织领导。".into(),
            Format::Text,
        );
        let units = Units::new(&doc);
        let text = |unit: &Unit| unit.chars(&doc.text).iter().collect::<String>();
        assert_eq!(text(&units.sentences[0]), "加强组织领导压实责任");
        assert_eq!(text(&units.sentences[1]), "加强组织领导");
        let shown: Vec<&str> = units
            .clauses
            .iter()
            .map(|c| &doc.source[c.span()])
            .collect();
        assert_eq!(
            shown,
            ["（二）加强“组织”领导", "压实责任", "3.加强组织领导"]
        );
        let clauses: Vec<String> = units.clauses.iter().map(text).collect();
        assert_eq!(clauses, ["加强组织领导", "压实责任", "加强组织领导"]);
        assert_eq!(units.clauses[1].paragraph_in(&doc), 0);
        assert_eq!(units.clauses[2].paragraph_in(&doc), 1);
        assert_eq!(sentence_of(&units.sentences, &units.clauses[1]), 0);
        assert_eq!(sentence_of(&units.sentences, &units.clauses[2]), 1);
    }

    /// What a unit decodes to is what its text normalised alone gives (a clause's text
    /// running from the mark before it to the mark after it), and its key and length are
    /// those of these characters.
    fn assert_units_are_their_spans_normalised(text: &str) {
        let doc = Document::new(text.to_string(), Format::Text);
        let units = Units::new(&doc);
        let mut clause_texts = Vec::new();
        for span in doc.sentences.iter() {
            let mut start = span.start;
            for (at, c) in doc.text[span.clone()].char_indices() {
                if matches!(c, '，' | '；' | '：' | ',' | ';' | ':') {
                    clause_texts.push(start..span.start + at);
                    start = span.start + at + c.len_utf8();
                }
            }
            clause_texts.push(start..span.end);
        }
        let clauses = clause_texts
            .into_iter()
            .map(|span| normalise(&doc.text, span))
            .filter(|chars| !chars.is_empty());
        let sentences = doc
            .sentences
            .iter()
            .map(|s| normalise(&doc.text, s.clone()));
        let expected: Vec<Vec<char>> = sentences.chain(clauses).collect();
        let found: Vec<&Unit> = units.sentences.iter().chain(&units.clauses).collect();
        // What a pass sees of each unit is its characters too.
        let mut seen = 0;
        Units::build(&doc, |units, cut| {
            let sentence = &units.sentences[cut.sentence.index];
            let words = cut.words(&cut.sentence);
            assert_eq!(words.chars(), sentence.chars(&doc.text));
            assert_eq!(words.key(), rolling::key_of(words.chars()));
            assert_openings_are_keyed_as_alone(&doc, sentence, &words);
            for cut_clause in cut.clauses {
                let clause = &units.clauses[cut_clause.index];
                let words = cut.words(cut_clause);
                assert_eq!(words.chars(), clause.chars(&doc.text));
                assert_eq!(words.key(), rolling::key_of(words.chars()));
                assert_openings_are_keyed_as_alone(&doc, clause, &words);
                assert_eq!(sentence_of(&units.sentences, clause), cut.sentence.index);
                assert_eq!(clause.paragraph_in(&doc), cut.paragraph);
                assert_eq!(sentence.paragraph_in(&doc), cut.paragraph);
                seen += 1;
            }
        });
        assert_eq!(seen, units.clauses.len());
        assert_eq!(found.len(), expected.len(), "{text:?}");
        for (unit, alone) in found.into_iter().zip(expected) {
            assert_eq!(
                unit.chars(&doc.text),
                alone,
                "{:?} in {text:?}",
                unit.span()
            );
            assert_eq!(unit.len(), alone.len());
            let chinese = alone.iter().filter(|c| !c.is_ascii()).count();
            assert_eq!(unit.is_latin(), chinese * 2 < alone.len());
        }
    }

    /// Every opening of a unit's text (up to each character) has, taken from the unit's
    /// characters, the key it has normalised alone.
    fn assert_openings_are_keyed_as_alone(doc: &Document, unit: &Unit, words: &Words) {
        let own = &doc.text[unit.span()];
        for (end, _) in own.char_indices().chain([(own.len(), ' ')]) {
            assert_eq!(
                unit.key_of_opening(own, end, words),
                normalised_key(&own[..end]),
                "{:?} up to {end}",
                own
            );
        }
    }

    #[test]
    fn each_unit_has_the_key_of_its_text_normalised_alone() {
        assert_units_are_their_spans_normalised(
            "一、总体要求。第一，坚持问题导向，1.聚焦“突出问题”；（三）狠抓落实：见实效。\n",
        );
        assert_units_are_their_spans_normalised(
            " （一）加强领导， 2.压实 责任；GPL v3 or later.\n",
        );
    }

    /// No marker the grammar knows is as long as [`FIND_SKIP`] bytes (the longest, `第…部分`,
    /// takes 27): the way back for one is checked with a unit made so.
    #[test]
    fn a_marker_too_long_to_keep_is_found_again() {
        let text = "（三）加强组织领导";
        let unit = Unit::new(0..text.len(), 6, 200, false);
        assert_eq!(unit.counted >> LEN_BITS & FIND_SKIP, FIND_SKIP);
        assert_eq!(unit.skip(text), "（三）".len());
        assert_eq!(
            unit.chars(text),
            "加强组织领导".chars().collect::<Vec<char>>()
        );
        assert_eq!(unit.len(), 6);
    }

    proptest::proptest! {
        /// Decoded by hand, the characters are those `str::chars` gives.
        #[test]
        fn word_characters_decoded_by_hand_are_those_of_the_text(
            text in "(\\PC|[甲乙，。Ａ１aZ9 ]){0,40}",
        ) {
            let mut by_hand = Vec::new();
            push_word_characters(&text, &mut by_hand);
            let plain: Vec<char> = text
                .chars()
                .filter(|c| c.is_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            proptest::prop_assert_eq!(by_hand, plain);
        }
    }

    #[test]
    fn word_characters_are_the_letters_and_digits_of_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_word_character(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn units_of_random_texts_are_their_spans_normalised(
            text in "[（一二）1.第条，；：、。 “”a-c甲乙丙\n]{0,60}",
        ) {
            assert_units_are_their_spans_normalised(&text);
        }
    }
}
