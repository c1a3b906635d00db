//! The duplicate rules' one pass over a document: its sentences and clauses are cut, what of
//! them the rules leave alone is decided, and each is looked up in the index of the earlier
//! ones, while its normalised characters are at hand. The rules then read what the pass found
//! (`duplicate/clause` the repeated clauses, `duplicate/near` the sentences that repeat an
//! earlier one), and no unit is decoded from the text again unless it is compared with
//! another character by character.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use super::index::{Index, Key, Repeat};
use super::scope::{self, Exempt, Scope};
use super::units::{to_u32, Cut, Unit, Units};
use super::{MIN_CLAUSE_CHARS, MIN_SENTENCE_CHARS};
use crate::document::Document;
use crate::rules::Context;
use crate::structure::Outline;

/// What a duplicate rule works from: the document, its units and what the pass found.
pub(super) struct Pass<'a> {
    pub(super) doc: &'a Document,
    pub(super) scope: Scope<'a>,
    pub(super) sentences: &'a [Unit],
    pub(super) clauses: &'a [Unit],
    pub(super) found: &'a Duplicates,
}

impl<'a> Pass<'a> {
    /// What a rule works from, `found` being [`Context::duplicates`].
    pub(super) fn new(cx: &'a Context, found: &'a Duplicates) -> Pass<'a> {
        Pass {
            doc: cx.doc,
            scope: Scope {
                doc: cx.doc,
                exempt: &found.exempt,
                sections: found.sections(cx.doc, cx.outline()),
            },
            sentences: &found.units.sentences,
            clauses: &found.units.clauses,
            found,
        }
    }
}

/// The longest document, in bytes, whose indexes are sized up front.
const SIZED_UP_FRONT: usize = 1 << 20;

/// Whether `doc`'s tables are sized up front for all its units, or grow with the units that
/// are new ([`index_for`]).
fn sized_up_front(doc: &Document) -> bool {
    doc.text.len() <= SIZED_UP_FRONT
}

/// A document's units, what of them the rules leave alone, and what repeats what.
#[derive(Debug)]
pub struct Duplicates {
    pub units: Units,
    pub exempt: Exempt,
    /// Each clause of [`MIN_CLAUSE_CHARS`] or more that is not exempt and repeats an earlier
    /// one (at most two characters edited), in document order.
    clause_repeats: Vec<Found>,
    /// Each sentence of [`MIN_SENTENCE_CHARS`] or more that is not exempt and repeats an
    /// earlier one, exactly or within [`super::near_edits`], in document order.
    sentence_repeats: Vec<Found>,
    /// Each such sentence that repeats none, but has the clauses of an earlier one in
    /// another order, with that one, in document order.
    reordered: Vec<(u32, u32)>,
    sections: OnceLock<Vec<usize>>,
}

impl Duplicates {
    /// The units, their exemptions, and the repeats the rules report.
    pub fn new(doc: &Document) -> Duplicates {
        Duplicates::build(doc, true)
    }

    /// The units and the sentences' exemptions, without looking for repeats: what the cross-file
    /// fingerprints need.
    pub fn exemptions(doc: &Document) -> Duplicates {
        Duplicates::build(doc, false)
    }

    fn build(doc: &Document, find_repeats: bool) -> Duplicates {
        let mut exempt = Exempt {
            sentences: Vec::with_capacity(doc.sentences.len()),
        };
        let mut clause_repeats = Vec::new();
        let mut sentence_repeats = Vec::new();
        let mut reordered = Reordered::for_sentences(doc);
        // In a document of ordinary length the indexes are sized up front (for every sentence,
        // and about one and a half clauses a sentence long enough to be compared), and never
        // grow; in a long one they grow with the units that are new: in a long text said
        // twice over, half of them or fewer are, and indexes sized for all would be most of
        // the memory.
        let mut clause_index = index_for(doc, doc.sentences.len() * 3 / 2);
        let mut sentence_index = index_for(doc, doc.sentences.len());
        // A sentence is asked about before its clauses, and its clauses before the next one.
        let mut quoted = doc.quoted().in_order();
        let units = Units::build(doc, |units, cut| {
            let sentence = &units.sentences[cut.sentence.index];
            // Shorter sentences are neither compared nor said to restate the one before.
            let words = cut.words(&cut.sentence);
            let sentence_exempt = sentence.len() >= MIN_CLAUSE_CHARS
                && scope::exempt(
                    doc,
                    (sentence, &words),
                    (sentence, cut.paragraph),
                    &mut quoted,
                );
            exempt.sentences.push(sentence_exempt);
            if !find_repeats {
                return;
            }
            // A clause's exemption is decided here, where it is looked up, and kept by no one.
            let clauses_before = clause_repeats.len();
            for cut_clause in cut.clauses {
                let (i, clause) = (cut_clause.index, &units.clauses[cut_clause.index]);
                let words = cut.words(cut_clause);
                if clause.len() >= MIN_CLAUSE_CHARS
                    && !scope::exempt(
                        doc,
                        (clause, &words),
                        (sentence, cut.paragraph),
                        &mut quoted,
                    )
                {
                    let units = (units.clauses.as_slice(), doc.text.as_str());
                    if let Some(repeat) =
                        clause_index.repeat_of(units, i, (words.chars(), words.prefixes()), |_| 2)
                    {
                        clause_repeats.push(Found::new(i, repeat));
                    }
                }
            }
            if sentence.len() >= MIN_SENTENCE_CHARS && !sentence_exempt {
                match repeat_of_sentence(&mut sentence_index, doc, units, cut) {
                    Some(repeat) => {
                        let of_earlier = &mut clause_repeats[clauses_before..];
                        let kept = keep_clauses_not_of(of_earlier, repeat.earlier, units);
                        clause_repeats.truncate(clauses_before + kept);
                        sentence_repeats.push(Found::new(cut.sentence.index, repeat));
                    }
                    None => reordered.look_up(cut),
                }
            }
        });
        // Grown one repeat at a time, the lists have up to twice the room they need, and they
        // are held while the rules make their findings: in a long text said twice over, these
        // are the peak of the check.
        exempt.sentences.shrink_to_fit();
        clause_repeats.shrink_to_fit();
        sentence_repeats.shrink_to_fit();
        reordered.found.shrink_to_fit();
        Duplicates {
            units,
            exempt,
            clause_repeats,
            sentence_repeats,
            reordered: reordered.found,
            sections: OnceLock::new(),
        }
    }

    /// Each clause that repeats an earlier one, with the repeat, in document order.
    pub fn clause_repeats(&self) -> impl Iterator<Item = (usize, Repeat)> + '_ {
        self.clause_repeats.iter().map(Found::get)
    }

    /// Each sentence that repeats an earlier one, with the repeat, in document order.
    pub fn sentence_repeats(&self) -> impl Iterator<Item = (usize, Repeat)> + '_ {
        self.sentence_repeats.iter().map(Found::get)
    }

    /// Each sentence with the clauses of an earlier one in another order (and no repeat), with
    /// the earlier one, in document order.
    pub fn reordered_repeats(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.reordered
            .iter()
            .map(|&(unit, earlier)| (unit as usize, earlier as usize))
    }

    /// Where the sections of a regulation start (repeats across sections are by design);
    /// empty for other texts.
    pub fn sections(&self, doc: &Document, outline: &Outline) -> &[usize] {
        self.sections
            .get_or_init(|| scope::regulation_sections(doc, outline))
    }
}

/// Keeps, at the start of `found` (the clause repeats of a sentence that repeats the sentence
/// `earlier`), those whose earlier clause is not in `earlier`; returns how many. The others are
/// the sentence said again, which `duplicate/clause` leaves to the sentence rules (a clause is
/// not reported when its sentence is alike the earlier clause's, and a sentence within its
/// bound of edits is): a long text said twice over has a repeat for most of its clauses, and
/// these were held until that rule dropped them.
fn keep_clauses_not_of(found: &mut [Found], earlier: usize, units: &Units) -> usize {
    let sentence = units.sentences[earlier].span();
    let mut kept = 0;
    for i in 0..found.len() {
        let first = units.clauses[found[i].earlier as usize].span();
        if !sentence.contains(&first.start) {
            found[kept] = found[i];
            kept += 1;
        }
    }
    kept
}

/// An index sized for `expected` units when `doc` is of ordinary length, and one that grows
/// as it is filled when it is long.
fn index_for(doc: &Document, expected: usize) -> Index {
    if sized_up_front(doc) {
        Index::for_units(expected)
    } else {
        Index::default()
    }
}

/// A unit and the earlier one it repeats, held in 12 bytes: a long text said twice over has
/// a repeat for most of its clauses.
#[derive(Debug, Clone, Copy)]
struct Found {
    unit: u32,
    earlier: u32,
    edits: u32,
}

impl Found {
    fn new(unit: usize, repeat: Repeat) -> Found {
        Found {
            unit: to_u32(unit),
            earlier: to_u32(repeat.earlier),
            edits: to_u32(repeat.edits),
        }
    }

    fn get(&self) -> (usize, Repeat) {
        let repeat = Repeat {
            earlier: self.earlier as usize,
            edits: self.edits as usize,
        };
        (self.unit as usize, repeat)
    }
}

/// The sentences seen, by the clauses they are made of, to find one with the clauses of an
/// earlier one in another order.
#[derive(Default)]
struct Reordered {
    /// By the keys of its clauses, sorted, hashed into one: a sentence of the same clauses in
    /// another order has the same, and no list of them is kept per sentence.
    seen: HashMap<Key, u32>,
    /// The keys of the current sentence's clauses, reused from one to the next.
    keys: Vec<u64>,
    found: Vec<(u32, u32)>,
}

impl Reordered {
    /// Sized up front for every sentence, as the indexes are ([`sized_up_front`]): grown
    /// from nothing, its table was rehashed half a dozen times
    /// in each document.
    fn for_sentences(doc: &Document) -> Reordered {
        let seen = if sized_up_front(doc) {
            HashMap::with_capacity_and_hasher(doc.sentences.len(), Default::default())
        } else {
            HashMap::default()
        };
        Reordered {
            seen,
            ..Reordered::default()
        }
    }

    /// Records the sentence just cut, or the earlier one with its clauses.
    fn look_up(&mut self, cut: &Cut) {
        if cut.clauses.len() < 2 {
            return;
        }
        self.keys.clear();
        self.keys
            .extend(cut.clauses.iter().map(|clause| cut.words(clause).key()));
        self.keys.sort_unstable();
        let sentence = to_u32(cut.sentence.index);
        let earlier = *self
            .seen
            .entry(Key::new(super::index::hash(self.keys.as_slice())))
            .or_insert(sentence);
        if earlier != sentence {
            self.found.push((sentence, earlier));
        }
    }
}

/// The earlier sentence the sentence just cut repeats, exactly or nearly.
fn repeat_of_sentence(
    index: &mut Index,
    doc: &Document,
    units: &Units,
    cut: &Cut,
) -> Option<Repeat> {
    let sentences: &[Unit] = &units.sentences;
    let words = cut.words(&cut.sentence);
    index.repeat_of(
        (sentences, doc.text.as_str()),
        cut.sentence.index,
        (words.chars(), words.prefixes()),
        super::near_edits,
    )
}
