//! Finding, for each unit in turn, an earlier unit that is the same or nearly the same, in
//! time linear in the text: no unit is compared with every other.
//!
//! Equal units share a hash. A unit is cut into three pieces of [`piece`] characters: its
//! head, the piece after the head, and its tail. Units one or two characters apart share one
//! of them: two edits break two pieces at most, so one is intact. The head and the tail are
//! anchored at the ends; the second piece is shifted by an edit in the head, and is looked
//! up at every shift one edit allows (it is needed only when the head and the tail are both
//! broken, so one edit at most is before it). A unit is checked only against the few earlier
//! units that share a piece with it, with an edit distance that gives up as soon as the
//! bound is passed.

use std::hash::{Hash, Hasher};

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap as HashMap, FxHasher};

use super::rolling::Prefixes;
use super::units::Unit;

/// How many earlier units with the same piece are kept as candidates: a common opening
/// (`坚持以人民为中心`) must not make the check quadratic.
const BUCKET: usize = 8;

/// An earlier unit a later one repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    pub earlier: usize,
    /// Character edits between the two; 0 for an exact repeat.
    pub edits: usize,
}

#[derive(Default)]
pub struct Index {
    /// The first unit of each key (its index among the units).
    exact: HashMap<Key, u32>,
    /// For each value of a piece key's low bits (its [`slot`] masked to the table's length,
    /// a power of two), the latest entry of `chain` with those bits. Indexed by the bits,
    /// where a map from keys took a hashed insert per piece and a hashed lookup for most of
    /// the dozen keys a unit is looked up by; an empty head tells a key no unit has.
    heads: Vec<u32>,
    /// A bit per value of a piece key's [`slot`] masked to [`FILTER_BITS`] times the length
    /// of `heads`, set for the keys of the units indexed. Most keys a unit is looked up by
    /// are held by no unit, but their head is often taken by another key with the same low
    /// bits: the bit tells most of them apart before the chain is walked, from a table a
    /// quarter of `heads`' size (a byte per head, where a head is four), where the walk read
    /// an entry of the chain (in a long document, a cache miss each).
    filter: Vec<u64>,
    /// Every unit indexed under each of its piece keys (by its place in `indexed`), linked from
    /// the latest to the earliest with the same bits in `heads`: one head per key or fewer
    /// and twelve bytes per unit and piece, where a bucket per key would be most of the
    /// index's memory.
    chain: Vec<Link>,
    /// The units indexed (those that repeat none exactly), in order: each one's index among
    /// the units. A long text said twice over has most of its units repeated, and what is
    /// kept of the others is kept by their place in this list, not by unit.
    indexed: Vec<u32>,
    /// The two rows of the edit distance, reused from one comparison to the next.
    rows: (Vec<usize>, Vec<usize>),
    /// The earlier units a unit's keys find, reused from one unit to the next.
    candidates: Vec<usize>,
    /// The characters of an earlier unit a later one is compared with, decoded from the text
    /// into a buffer reused from unit to unit.
    other: Vec<char>,
    /// The signature ([`signature_bit`]) of each unit indexed, as `indexed` lists them: most
    /// candidates are ruled out by it, before they are decoded and compared. Worked out the
    /// first time the unit is a candidate ([`UNSIGNED`] until then): most units never are,
    /// and the signature of each took a tenth of the index's instructions.
    signatures: Vec<u64>,
}

impl Index {
    /// An index sized for about `units` units up front: a long document's index is then
    /// built with few or no growths (each copies the tables and, while it does, holds both).
    pub fn for_units(units: usize) -> Index {
        let heads = (units * KEYS_PER_UNIT).next_power_of_two();
        Index {
            exact: HashMap::with_capacity_and_hasher(units, Default::default()),
            heads: vec![NONE; heads],
            filter: vec![0; filter_words(heads)],
            chain: Vec::with_capacity(units * KEYS_PER_UNIT),
            indexed: Vec::with_capacity(units),
            signatures: Vec::with_capacity(units),
            ..Index::default()
        }
    }

    /// The earlier unit `units[i]` repeats (equal, or at most `max_edits(length)` character
    /// edits apart), and adds `units[i]` to the index. `chars` are its normalised characters
    /// and `prefixes` their hashes, from which its key and those of its pieces are had;
    /// the characters of earlier units are decoded from `text` when they are compared.
    pub fn repeat_of(
        &mut self,
        (units, text): (&[Unit], &str),
        i: usize,
        (chars, prefixes): (&[char], Prefixes),
        max_edits: fn(usize) -> usize,
    ) -> Option<Repeat> {
        debug_assert_eq!(chars.len(), prefixes.len());
        match self.exact.entry(Key::new(prefixes.key())) {
            Entry::Occupied(first) => {
                return Some(Repeat {
                    earlier: *first.get() as usize,
                    edits: 0,
                })
            }
            Entry::Vacant(slot) => {
                slot.insert(super::units::to_u32(i));
            }
        }
        let (near, own) = self.near(units, text, (chars, prefixes), max_edits);
        let place = u32::try_from(self.indexed.len()).unwrap_or(NONE);
        self.indexed.push(u32::try_from(i).unwrap_or(NONE));
        self.signatures.push(own);
        let k = piece(chars.len());
        indexed_keys(k, &prefixes, |key| self.add_piece(slot(key), place));
        near
    }

    /// The nearest earlier unit within its bound of edits of `chars` (the current unit's,
    /// with their prefix hashes), and the unit's signature if it was worked out
    /// ([`UNSIGNED`] if no earlier unit was a candidate).
    fn near(
        &mut self,
        units: &[Unit],
        text: &str,
        (chars, prefixes): (&[char], Prefixes),
        max_edits: fn(usize) -> usize,
    ) -> (Option<Repeat>, u64) {
        let mut best: Option<Repeat> = None;
        // An earlier unit a few characters longer or shorter was cut into pieces of its own
        // length's [`piece`]: the unit is looked up by pieces of each length those lengths
        // have (one, or two near where the length changes; `piece` grows with the length, a
        // step at a time). An earlier unit that shares several pieces is compared once.
        // (Their places in `indexed` are in the order of the units.) The list is taken out
        // while the tables are read; the other buffers are borrowed field by field.
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        for k in piece(chars.len().saturating_sub(2))..=piece(chars.len() + 2) {
            looked_up_keys(k, &prefixes, |key| self.push_sharing(key, &mut candidates));
        }
        // Most units have no candidate or one: the sort is not called for them.
        if candidates.len() > 1 {
            candidates.sort_unstable();
            candidates.dedup();
        }
        let lengths = comparable_lengths(chars.len());
        let mut own = UNSIGNED;
        for &place in &candidates {
            let earlier = self.indexed[place] as usize;
            let length = units[earlier].len();
            let bound = max_edits(chars.len().max(length));
            if !lengths.contains(&length) || chars.len().abs_diff(length) > bound {
                continue;
            }
            if own == UNSIGNED {
                own = signature(chars);
            }
            // A candidate not yet signed is decoded for its signature, and compared with no
            // more ado: the signature only tells which candidates need not be.
            let decoded = self.signatures[place] == UNSIGNED;
            if decoded {
                units[earlier].chars_into(text, &mut self.other);
                self.signatures[place] = signature(&self.other);
            }
            let apart = (own ^ self.signatures[place]).count_ones() as usize;
            if apart > 2 * bound {
                continue;
            }
            if !decoded {
                units[earlier].chars_into(text, &mut self.other);
            }
            if let Some(edits) = edit_distance_in(chars, &self.other, bound, &mut self.rows) {
                if best.is_none_or(|b| (edits, earlier) < (b.edits, b.earlier)) {
                    best = Some(Repeat { earlier, edits });
                }
            }
        }
        self.candidates = candidates;
        (best.filter(|b| b.edits > 0), own)
    }
}

/// A 64-bit key held as two halves, so that it is aligned as a `u32`: an entry of a table from
/// keys to `u32`s then takes 12 bytes, where a `u64` made it 16 (in the tables of a long
/// document's pass, each with a hundred thousand entries or more).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Key([u32; 2]);

impl Key {
    pub(super) fn new(key: u64) -> Key {
        Key([key as u32, (key >> 32) as u32])
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(u64::from(self.0[0]) | u64::from(self.0[1]) << 32);
    }
}

/// How many keys a unit is indexed under: its head, the piece after it and its tail.
const KEYS_PER_UNIT: usize = 3;

/// An entry of [`Index::chain`].
#[derive(Clone, Copy)]
struct Link {
    /// The unit's place in [`Index::indexed`].
    indexed: u32,
    /// The entry before it with the same head.
    previous: u32,
    /// The [`slot`] of its key: a head is shared by the keys with the same low bits.
    slot: u32,
}

/// No entry.
const NONE: u32 = u32::MAX;

/// The half of a piece key the index stores in each link of its chain (twelve bytes, where the
/// whole key made it sixteen, in the largest table of a long document's pass); its low bits
/// choose the key's head. Keys that share a half only add candidates, and every candidate is
/// compared character by character.
fn slot(key: u64) -> u32 {
    (key >> 32) as u32
}

impl Index {
    /// Pushes onto `into` the latest [`BUCKET`] units indexed under `key` (their places in
    /// `indexed`), latest first. A unit is looked up by a dozen keys: a plain loop here, and
    /// keys handed to a closure by [`looked_up_keys`], take a sixth fewer instructions per
    /// lookup than chained iterators of optional keys did.
    fn push_sharing(&self, key: u64, into: &mut Vec<usize>) {
        let slot = slot(key);
        let Some(head) = self.head(slot) else {
            return;
        };
        if !self.may_hold(slot) {
            return;
        }
        let (mut at, mut found) = (self.heads[head], 0);
        while let Some(link) = self.chain.get(at as usize) {
            at = link.previous;
            if link.slot == slot {
                into.push(link.indexed as usize);
                found += 1;
                if found == BUCKET {
                    return;
                }
            }
        }
    }

    /// Indexes the unit at `place` of `indexed` under the key of slot `slot`.
    fn add_piece(&mut self, slot: u32, place: u32) {
        if self.chain.len() >= self.heads.len() {
            self.grow_heads();
        }
        let entry = u32::try_from(self.chain.len()).unwrap_or(NONE);
        let head = self.head(slot).expect("the heads were grown");
        let previous = std::mem::replace(&mut self.heads[head], entry);
        set_filter_bit(&mut self.filter, slot);
        self.chain.push(Link {
            indexed: place,
            previous,
            slot,
        });
    }

    /// Where the head of the keys of slot `slot` is in `heads`; `None` before any unit is
    /// indexed.
    fn head(&self, slot: u32) -> Option<usize> {
        let mask = self.heads.len().checked_sub(1)?;
        Some(slot as usize & mask)
    }

    /// Doubles `heads` (the index of a long document grows with its units) and links the
    /// chain again, in order: each key's entries are then linked as they were. Kept out of
    /// the line: inlined, it made every piece added save and restore the registers it uses.
    #[cold]
    #[inline(never)]
    fn grow_heads(&mut self) {
        let length = (self.heads.len() * 2).max(64);
        // The old heads are let go before the new are made: the chain holds all they said.
        self.heads = Vec::new();
        self.heads = vec![NONE; length];
        self.filter = Vec::new();
        self.filter = vec![0; filter_words(length)];
        for (entry, link) in self.chain.iter_mut().enumerate() {
            let head = &mut self.heads[link.slot as usize & (length - 1)];
            link.previous = std::mem::replace(head, u32::try_from(entry).unwrap_or(NONE));
            set_filter_bit(&mut self.filter, link.slot);
        }
    }

    /// Whether a unit may be indexed under a key of slot `slot`; `false` tells it is not.
    fn may_hold(&self, slot: u32) -> bool {
        let bit = filter_bit(slot, self.filter.len());
        self.filter[bit / 64] & 1 << (bit % 64) != 0
    }
}

/// How many bits [`Index::filter`] has per head.
const FILTER_BITS: usize = 8;

/// How many words [`Index::filter`] has for `heads` heads (a power of two).
fn filter_words(heads: usize) -> usize {
    (heads * FILTER_BITS).div_ceil(64)
}

/// The bit of slot `slot` in a filter of `words` words (a power of two).
fn filter_bit(slot: u32, words: usize) -> usize {
    slot as usize & (words * 64 - 1)
}

/// Sets the bit of slot `slot` in `filter` ([`Index::filter`]).
fn set_filter_bit(filter: &mut [u64], slot: u32) {
    let bit = filter_bit(slot, filter.len());
    filter[bit / 64] |= 1 << (bit % 64);
}

/// The lengths of the earlier units a unit of `length` characters is compared with: those
/// whose third (rounded down) is that of a length two or fewer characters away. Longer
/// sentences may be further apart in edits ([`super::near_edits`]), but a sentence that grew
/// or shrank by more is more often a parallel one than a copy.
fn comparable_lengths(length: usize) -> std::ops::Range<usize> {
    let third = |length: usize| length / 3;
    let (first, last) = (third(length.saturating_sub(2)), third(length + 2));
    3 * first..3 * (last + 1)
}

/// How many characters each piece of a unit of `length` characters has: a third of it, from
/// 3 (shorter pieces are common words) to 16 (a long sentence is told apart by that much).
fn piece(length: usize) -> usize {
    (length / 3).clamp(3, 16)
}

/// Calls `each` with the keys a unit is indexed under, its pieces being of `k` characters:
/// its head, its tail and the piece after its head, those it is long enough for, in that
/// order.
fn indexed_keys(k: usize, unit: &Prefixes, mut each: impl FnMut(u64)) {
    if end_keys(k, unit, &mut each) && 2 * k <= unit.len() {
        each(piece_key(Piece::Second, k, unit.stretch_within(k, k)));
    }
}

/// How far an edit in the head may shift the piece after it, in characters.
const SECOND_SHIFT: usize = 1;

/// Calls `each` with the keys an earlier unit cut into pieces of `k` characters may share with
/// a unit: its head and its tail, and its second piece as it may stand in the unit, after a
/// head of `k` or shifted by an edit in the head (those the unit is long enough for).
fn looked_up_keys(k: usize, unit: &Prefixes, mut each: impl FnMut(u64)) {
    if !end_keys(k, unit, &mut each) {
        return;
    }
    for at in k - SECOND_SHIFT..=k + SECOND_SHIFT {
        if at + k > unit.len() {
            break;
        }
        each(piece_key(Piece::Second, k, unit.stretch_within(at, k)));
    }
}

/// Calls `each` with the keys of the head and the tail of `k` characters of a unit, if it has
/// as many; returns whether it has.
fn end_keys(k: usize, unit: &Prefixes, each: &mut impl FnMut(u64)) -> bool {
    let Some(tail) = unit.len().checked_sub(k) else {
        return false;
    };
    each(piece_key(Piece::Head, k, unit.stretch_within(0, k)));
    each(piece_key(Piece::Tail, k, unit.stretch_within(tail, k)));
    true
}

/// Which piece of a unit a key is for.
#[derive(Clone, Copy)]
enum Piece {
    Head,
    Second,
    Tail,
}

/// The key of a piece of `k` characters whose characters hash to `stretch`. The stretch's
/// hash is already a hash: it is told apart from the other pieces' and lengths' and its bits
/// mixed, with two multiplications where hashing all three as a tuple took a dozen steps (a
/// unit is looked up by several keys, and this was a fifth of the pass).
fn piece_key(which: Piece, k: usize, stretch: u64) -> u64 {
    let kind = (k as u64) << 2 | which as u64;
    (stretch ^ kind.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

/// The signature of a unit not yet worked out. A unit has a character or more, and so a bit
/// or more in its signature.
const UNSIGNED: u64 = 0;

/// The signature of `chars`: a bit per character ([`signature_bit`]).
fn signature(chars: &[char]) -> u64 {
    chars.iter().fold(0, |bits, &c| bits | signature_bit(c))
}

/// The bit of `c` in a unit's signature, which has a bit per character (each character's
/// bit taken from a hash of it): units `d` edits apart differ in `2d` bits at most, since an
/// edit takes one character away or adds one, or both. Unrelated units of the same length
/// differ in many more.
fn signature_bit(c: char) -> u64 {
    1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
}

/// The FxHash of `value`: a key made of other keys (a sentence's, of its clauses' keys).
pub(super) fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The Levenshtein distance of `a` and `b` if it is at most `bound`: only the diagonal band
/// the bound allows is computed, and a row beyond the bound ends the search.
pub fn bounded_edit_distance(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    edit_distance_in(a, b, bound, &mut Default::default())
}

/// [`bounded_edit_distance`] in the caller's rows, so that comparing many pairs allocates
/// nothing.
fn edit_distance_in(
    a: &[char],
    b: &[char],
    bound: usize,
    (previous, current): &mut (Vec<usize>, Vec<usize>),
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    // A common beginning and end change no distance, and candidates share a piece or more:
    // the table is only drawn for what lies between.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let unreachable = bound + 1;
    previous.clear();
    previous.extend((0..=b.len()).map(|j| j.min(unreachable)));
    current.clear();
    current.resize(b.len() + 1, unreachable);
    for i in 1..=a.len() {
        let from = i.saturating_sub(bound).max(1);
        let to = (i + bound).min(b.len());
        // Only the band is computed, and only its edges need resetting: the next row reads
        // this one from `from - 1` to `to + 1` (a whole row reset made this quadratic).
        current[0] = i.min(unreachable);
        if from > 1 {
            current[from - 1] = unreachable;
        }
        let mut row_best = current[0];
        if from <= to {
            // Cell `j` reads the cells `j - 1` and `j` of the row above and `j - 1` of this
            // one: walked as zipped slices, with no index to check.
            let above = previous[from - 1..=to].windows(2);
            let mut left = current[from - 1];
            let here = current[from..=to].iter_mut();
            let c = a[i - 1];
            for ((above, cell), &d) in above.zip(here).zip(&b[from - 1..to]) {
                let value = (above[0] + usize::from(c != d))
                    .min(above[1] + 1)
                    .min(left + 1)
                    .min(unreachable);
                *cell = value;
                left = value;
                row_best = row_best.min(value);
            }
        }
        if row_best > bound {
            return None;
        }
        if let Some(beyond) = current.get_mut(to + 1) {
            *beyond = unreachable;
        }
        std::mem::swap(previous, current);
    }
    Some(previous[b.len()]).filter(|&d| d <= bound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::duplicate::units::Units;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Looks unit `i` up as the pass does, with its characters and their prefix hashes.
    fn look_up(
        index: &mut Index,
        (units, text): (&[Unit], &str),
        i: usize,
        max_edits: fn(usize) -> usize,
    ) -> Option<Repeat> {
        let chars = units[i].chars(text);
        let mut prefixes = vec![0];
        crate::rules::duplicate::rolling::extend(&mut prefixes, &chars);
        index.repeat_of(
            (units, text),
            i,
            (&chars, Prefixes::new(&prefixes)),
            max_edits,
        )
    }

    /// The whole table, for comparison.
    fn plain_edit_distance(a: &[char], b: &[char]) -> usize {
        let mut previous: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut current = vec![i; b.len() + 1];
            for j in 1..=b.len() {
                current[j] = (previous[j - 1] + usize::from(a[i - 1] != b[j - 1]))
                    .min(previous[j] + 1)
                    .min(current[j - 1] + 1);
            }
            previous = current;
        }
        previous[b.len()]
    }

    proptest::proptest! {
        /// Rows are reused from pair to pair and only their band is reset: the result must
        /// still be the plain distance whenever that is within the bound, and `None` past it.
        #[test]
        fn the_banded_distance_is_the_plain_one_within_the_bound(
            pairs in proptest::collection::vec(("[甲乙丙丁]{0,12}", "[甲乙丙丁]{0,12}", 0usize..6), 1..8),
        ) {
            let mut rows = Default::default();
            for (a, b, bound) in pairs {
                let (a, b) = (chars(&a), chars(&b));
                let plain = plain_edit_distance(&a, &b);
                let banded = edit_distance_in(&a, &b, bound, &mut rows);
                proptest::prop_assert_eq!(banded, (plain <= bound).then_some(plain));
            }
        }
    }

    proptest::proptest! {
        /// The signatures never rule out a pair within the bound.
        #[test]
        fn units_within_the_bound_have_signatures_within_twice_it(
            a in "[甲乙丙丁戊己庚辛壬癸子丑寅卯]{0,16}",
            b in "[甲乙丙丁戊己庚辛壬癸子丑寅卯]{0,16}",
        ) {
            let (a, b) = (chars(&a), chars(&b));
            let distance = plain_edit_distance(&a, &b);
            let apart = (signature(&a) ^ signature(&b)).count_ones() as usize;
            proptest::prop_assert!(apart <= 2 * distance, "{apart} bits, {distance} edits");
        }
    }

    #[test]
    fn edit_distance_is_exact_within_the_bound() {
        let d = |a: &str, b: &str, k| bounded_edit_distance(&chars(a), &chars(b), k);
        assert_eq!(
            d("积极投身新时代XXA伟大实践", "积极投身新时代XXXX伟大实践", 3),
            Some(2)
        );
        assert_eq!(d("加强组织领导", "加强组织领导", 0), Some(0));
        assert_eq!(d("加强组织领导", "完善制度体系", 2), None);
        assert_eq!(d("abc", "abcdef", 2), None);
    }

    #[test]
    fn two_edits_at_both_ends_are_found_by_the_second_piece() {
        let (units, text) = Units::of_texts(&[
            "千方百计地对抗破坏无产阶级经过艰苦战斗终于取得了重要的战果",
            "千方真计地对抗破坏无产阶级经过艰苦战斗终于实得了重要的战果",
        ]);
        let mut index = Index::default();
        assert_eq!(look_up(&mut index, (&units, &text), 0, |_| 2), None);
        assert_eq!(
            look_up(&mut index, (&units, &text), 1, |_| 2),
            Some(Repeat {
                earlier: 0,
                edits: 2
            })
        );
    }

    /// A text of `n` ideographs from a wide range, so that a text rarely repeats a stretch
    /// of itself, drawn from `seed`.
    fn ideographs(n: usize, seed: &mut u64) -> String {
        (0..n)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                char::from_u32(0x4E00 + (*seed % 2000) as u32).expect("an ideograph")
            })
            .collect()
    }

    proptest::proptest! {
        /// Whatever two edits do to a unit of nine characters or more (a character changed,
        /// added or taken away, anywhere), the edited unit is found to repeat it, with the
        /// edits counted (none when they undo each other: then it is an exact repeat).
        #[test]
        fn any_two_edits_are_found(
            length in 9usize..60,
            edits in proptest::collection::vec((0u8..3, 0usize..64), 1..=2),
            seed in 1u64..u64::MAX,
        ) {
            let mut seed = seed;
            let original: Vec<char> = ideographs(length, &mut seed).chars().collect();
            let mut edited = original.clone();
            for (kind, at) in edits {
                let new = ideographs(1, &mut seed).chars().next().expect("one");
                match kind {
                    0 if !edited.is_empty() => {
                        let at = at % edited.len();
                        edited[at] = new;
                    }
                    1 => edited.insert(at % (edited.len() + 1), new),
                    _ if !edited.is_empty() => {
                        edited.remove(at % edited.len());
                    }
                    _ => {}
                }
            }
            let distance = plain_edit_distance(&original, &edited);
            let (a, b): (String, String) = (original.iter().collect(), edited.iter().collect());
            let (units, text) = Units::of_texts(&[&a, &b]);
            // Sized up front (with a bit per key), or grown (without).
            for mut index in [Index::for_units(2), Index::default()] {
                look_up(&mut index, (&units, &text), 0, |_| 2);
                let found =
                    look_up(&mut index, (&units, &text), 1, |_| 2);
                proptest::prop_assert_eq!(found, Some(Repeat { earlier: 0, edits: distance }));
            }
        }
    }

    proptest::proptest! {
        /// An index that grows as it is filled (its heads doubled and the chain linked again,
        /// several times over) finds for every unit what one sized up front finds. The units
        /// share openings and are edited copies of each other, so that keys share heads and
        /// more than [`BUCKET`] units share a piece.
        #[test]
        fn a_grown_index_finds_what_one_sized_up_front_finds(
            seed in 1u64..u64::MAX,
            shape in proptest::collection::vec((0usize..6, 0usize..40, 0u8..3), 60..240),
        ) {
            let mut seed = seed;
            let openings: Vec<String> = (0..3).map(|_| ideographs(6, &mut seed)).collect();
            let mut texts: Vec<String> = Vec::new();
            for (kind, at, edit) in shape {
                let text = match (kind, texts.len()) {
                    (0..=2, n) if n > 0 => {
                        // An edited copy of an earlier unit.
                        let mut chars: Vec<char> = texts[at % n].chars().collect();
                        let new = ideographs(1, &mut seed).chars().next().expect("one");
                        let at = at % chars.len();
                        match edit {
                            0 => chars[at] = new,
                            1 => chars.insert(at, new),
                            _ => drop(chars.remove(at)),
                        }
                        chars.into_iter().collect()
                    }
                    _ => openings[at % 3].clone() + &ideographs(4 + at % 20, &mut seed),
                };
                texts.push(text);
            }
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let (units, text) = Units::of_texts(&texts);
            let (mut sized, mut grown) = (Index::for_units(units.len()), Index::default());
            for i in 0..units.len() {
                let in_grown = look_up(&mut grown, (&units, &text), i, |_| 2);
                let in_sized = look_up(&mut sized, (&units, &text), i, |_| 2);
                proptest::prop_assert_eq!(in_grown, in_sized, "unit {}", i);
            }
            proptest::prop_assert!(grown.heads.len() >= 256, "{} heads", grown.heads.len());
        }
    }

    #[test]
    fn finds_exact_and_near_repeats_but_not_different_units() {
        let (units, text) = Units::of_texts(&[
            "积极投身新时代伟大实践奋勇前进",
            "完善制度体系提高治理能力",
            "积极投身新时代伟大实践奋勇前进",
            "积极投身新时代的伟大实践奋勇前进",
            "完善制度体系提升治理水平和能力",
        ]);
        let mut index = Index::default();
        let found: Vec<Option<Repeat>> = (0..units.len())
            .map(|i| look_up(&mut index, (&units, &text), i, |n| n / 5))
            .collect();
        assert_eq!(found[0], None);
        assert_eq!(found[1], None);
        assert_eq!(
            found[2],
            Some(Repeat {
                earlier: 0,
                edits: 0
            })
        );
        assert_eq!(
            found[3],
            Some(Repeat {
                earlier: 0,
                edits: 1
            })
        );
        assert_eq!(found[4], None);
    }
}
