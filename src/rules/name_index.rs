//! Finding a fixed set of words in a text, leftmost-longest: at each position the longest
//! word that starts there, then on from its end; or only the longest at one position. For
//! the gazetteer's few thousand place names and the placeholder rules' word lists this does
//! what an Aho-Corasick automaton does, but costs almost nothing to build (the automata over
//! them took half the start-up of a one-line draft): words are bucketed by their first two
//! characters, and a table of first characters lets a scan step over the characters no word
//! starts with.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::document::chars::{bmp_value_at, char_at};

/// The names, ready to be found.
///
/// Built at every start for the gazetteer's few thousand names, so it is made of a few flat
/// lists rather than a string and a list per name and per bucket: the allocations were most
/// of its cost.
pub(crate) struct NameIndex {
    /// What a character of the Basic Multilingual Plane can start: [`OPENS_LONGER`] and
    /// [`IS_SINGLE`] bits. Other first characters are looked up in the buckets.
    starts: Box<[u8; 0x1_0000]>,
    /// A bit per hashed pair of first two characters of the longer names, so that most
    /// pairs that start none are passed over without a lookup in `by_pair`.
    pairs: Vec<u64>,
    /// Names of two characters or more, by their first two: their range of `longer`.
    by_pair: FxHashMap<(char, char), Range<usize>>,
    /// The ids of the longer names, one pair's after another, longest first.
    longer: Vec<usize>,
    /// Names of one character.
    single: FxHashMap<char, usize>,
    /// Every name, one after another; `spans[id]` is where name `id` is.
    text: String,
    spans: Vec<Range<usize>>,
    /// What a scan tells from the bytes of a run of three-byte characters (most of a Chinese
    /// text), without decoding them ([`NameIndex::skip_in_three_byte_run`]).
    by_bytes: ByBytes,
}

/// A bit by a hash of the UTF-8 bytes of each one-character name of three bytes, and one of
/// the first two characters of each longer name whose first two are of three bytes.
struct ByBytes {
    singles: Box<[u64; 1 << (SINGLE_HASH_BITS - 6)]>,
    pairs: Box<[u64; 1 << (PAIR_HASH_BITS - 6)]>,
    /// Whether any one-character name of three bytes is held: the gazetteer has none, and
    /// its scan, over every character of a text, then looks up the pairs alone.
    any_single: bool,
}

/// The bits of the hashes in [`ByBytes`]: a few thousand names set a fraction of a percent
/// of them.
const SINGLE_HASH_BITS: u32 = 16;
const PAIR_HASH_BITS: u32 = 18;

impl ByBytes {
    fn new(text: &str, spans: &[Range<usize>]) -> ByBytes {
        let mut by_bytes = ByBytes {
            singles: Box::new([0; 1 << (SINGLE_HASH_BITS - 6)]),
            pairs: Box::new([0; 1 << (PAIR_HASH_BITS - 6)]),
            any_single: false,
        };
        for span in spans {
            let name = &text.as_bytes()[span.clone()];
            let three = |at: usize| name.get(at).is_some_and(|&lead| lead & 0xF0 == 0xE0);
            let little_endian = |bytes: &[u8]| {
                bytes
                    .iter()
                    .rev()
                    .fold(0u64, |word, &b| word << 8 | u64::from(b))
            };
            if name.len() == 3 && three(0) {
                set_bit(&mut by_bytes.singles[..], single_hash(little_endian(name)));
                by_bytes.any_single = true;
            } else if name.len() >= 6 && three(0) && three(3) {
                set_bit(
                    &mut by_bytes.pairs[..],
                    pair_hash(little_endian(&name[..6])),
                );
            }
        }
        by_bytes
    }

    /// Whether a name may start at the first of the two three-byte characters in the low six
    /// bytes of `word` (read little-endian from the text).
    #[inline]
    fn may_start(&self, word: u64) -> bool {
        let pair = bit_is_set(&self.pairs[..], pair_hash(word & 0xFFFF_FFFF_FFFF));
        pair || self.any_single && bit_is_set(&self.singles[..], single_hash(word & 0xFF_FFFF))
    }
}

fn single_hash(bytes: u64) -> usize {
    (bytes.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SINGLE_HASH_BITS)) as usize
}

fn pair_hash(bytes: u64) -> usize {
    (bytes.wrapping_mul(0xBF58_476D_1CE4_E5B9) >> (64 - PAIR_HASH_BITS)) as usize
}

/// Sets bit `bit` of a table of bits (the pair and byte filters).
fn set_bit(bits: &mut [u64], bit: usize) {
    bits[bit / 64] |= 1 << (bit % 64);
}

/// Whether bit `bit` of a table of bits is set.
#[inline]
fn bit_is_set(bits: &[u64], bit: usize) -> bool {
    bits[bit / 64] & (1 << (bit % 64)) != 0
}

/// [`NameIndex::starts`]: a name of two characters or more starts with the character.
const OPENS_LONGER: u8 = 1;
/// [`NameIndex::starts`]: the character is a name.
const IS_SINGLE: u8 = 2;
/// Bits in [`NameIndex::pairs`].
const PAIR_BITS: u32 = 1 << 16;

/// The bit of a pair of characters in [`NameIndex::pairs`].
fn pair_bit(first: u32, second: u32) -> usize {
    let mixed = first.wrapping_mul(0x9E37_79B9) ^ second;
    (mixed.wrapping_mul(0x85EB_CA6B) >> 16) as usize % PAIR_BITS as usize
}

/// The ids of the names of two characters or more, one pair's after another, each pair's
/// longest first and equal lengths in id order; `by_pair` holds each pair's count of names
/// and is made to hold its range of the list. `pair_of[id]` is the first pair of name `id`.
fn place_by_pair(
    by_pair: &mut FxHashMap<(char, char), Range<usize>>,
    pair_of: &[Option<(char, char)>],
    spans: &[Range<usize>],
) -> Vec<usize> {
    let mut start = 0;
    for range in by_pair.values_mut() {
        let count = range.end;
        *range = start..start;
        start += count;
    }
    let mut longer = vec![0; start];
    for (id, pair) in pair_of.iter().enumerate() {
        if let Some(range) = pair.and_then(|pair| by_pair.get_mut(&pair)) {
            longer[range.end] = id;
            range.end += 1;
        }
    }
    // Ids went in in increasing order: a stable sort by length keeps equal lengths in it.
    for range in by_pair.values() {
        longer[range.clone()].sort_by_key(|&id| std::cmp::Reverse(spans[id].len()));
    }
    longer
}

impl NameIndex {
    /// `names[id]` is the name of id `id`; empty names are never found.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameIndex {
        let mut text = String::new();
        let spans: Vec<Range<usize>> = names
            .into_iter()
            .map(|name| {
                text.push_str(name);
                text.len() - name.len()..text.len()
            })
            .collect();
        let mut starts = Box::new([0u8; 0x1_0000]);
        let mut pairs = vec![0u64; PAIR_BITS as usize / 64];
        // Each pair's names are listed longest first, equal lengths in id order (equal names
        // are one id, so a tie is between different names of one length, and only one of
        // them can match at a position): counted per pair, placed, then each pair's few
        // names sorted, which is a fraction of the cost of sorting them all.
        let mut pair_of: Vec<Option<(char, char)>> = Vec::with_capacity(spans.len());
        let mut by_pair: FxHashMap<(char, char), Range<usize>> = FxHashMap::default();
        // At most one entry a name: reserved once, not grown through rehashes.
        by_pair.reserve(spans.len());
        let mut single = FxHashMap::default();
        for (id, span) in spans.iter().enumerate() {
            let mut chars = text[span.clone()].chars();
            let (first, second) = (chars.next(), chars.next());
            pair_of.push(first.zip(second));
            let Some(first) = first else { continue };
            if let Some(slot) = starts.get_mut(first as usize) {
                *slot |= if second.is_some() {
                    OPENS_LONGER
                } else {
                    IS_SINGLE
                };
            }
            match second {
                Some(second) => {
                    let bit = pair_bit(first as u32, second as u32);
                    set_bit(&mut pairs, bit);
                    // For now the range's end counts the pair's names.
                    by_pair.entry((first, second)).or_insert(0..0).end += 1;
                }
                None => {
                    // As an automaton does, the first of equal words wins.
                    single.entry(first).or_insert(id);
                }
            }
        }
        let longer = place_by_pair(&mut by_pair, &pair_of, &spans);
        let by_bytes = ByBytes::new(&text, &spans);
        NameIndex {
            by_bytes,
            starts,
            pairs,
            by_pair,
            longer,
            single,
            text,
            spans,
        }
    }

    /// The names in `text`, left to right, never overlapping: `(id, byte range)`.
    pub fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let (id, range) = self.next_from(text, from)?;
            from = range.end;
            Some((id, range))
        })
    }

    /// The first name in `text` at or after byte `at` (a character boundary): the scan steps
    /// to where one may start, and the longest there is looked up.
    fn next_from(&self, text: &str, mut at: usize) -> Option<(usize, std::ops::Range<usize>)> {
        loop {
            at = self.skip_to_start(text.as_bytes(), at);
            let (first, width) = char_at(text, at)?;
            if let Some((id, len)) = self.longest_starting(text, at, first) {
                return Some((id, at..at + len));
            }
            at += width;
        }
    }

    /// The first character boundary at or after `at` where a name may start, by the first
    /// two characters there, or whose characters are not of one or three bytes (decided by
    /// the caller); the end if none. A third of a Chinese text's characters open some name,
    /// but few the name of their pair: all of them are stepped over here, from their bytes,
    /// without being made `char`s (a scan of every character of the text, this was most of
    /// the cost of finding its place names). Runs of three-byte characters are read eight
    /// bytes at a time ([`NameIndex::skip_in_three_byte_run`]); the others are decoded.
    #[inline]
    fn skip_to_start(&self, bytes: &[u8], mut at: usize) -> usize {
        loop {
            match self.skip_in_three_byte_run(bytes, at) {
                Ok(start) => return start,
                Err(undecided) => at = undecided,
            }
            // One character the bytes do not decide, decoded.
            let Some((value, width)) = bmp_value_at(bytes, at) else {
                return at;
            };
            let what = self.starts[value as usize & 0xFFFF];
            let Some(next) = bmp_value_at(bytes, at + width) else {
                return if what == 0 { at + width } else { at };
            };
            // The pair is looked up for every character, whatever it may start: a third of
            // them start something, in no pattern a branch could foresee.
            let pair = u8::from(self.pair_bit_is_set(value, next.0));
            if what & (IS_SINGLE | (pair * OPENS_LONGER)) != 0 {
                return at;
            }
            at += width;
        }
    }

    /// In a run of three-byte characters from `at`, the first place where a name may start
    /// (`Ok`), or the first the bytes do not decide (`Err`): where this character or the next
    /// is not of three bytes, or fewer than eight bytes are left. Eight bytes are read at a
    /// time and two characters told from their hashes, where decoding each character and
    /// looking it up took twice the instructions.
    #[inline]
    fn skip_in_three_byte_run(&self, bytes: &[u8], mut at: usize) -> Result<usize, usize> {
        // The last place eight bytes can be read from, compared with once per character: a
        // window asked of the slice (`get(at..at + 8)`) checked the sum for overflow too.
        let Some(last) = bytes.len().checked_sub(8) else {
            return Err(at);
        };
        while at <= last {
            let word = u64::from_le_bytes(*bytes[at..].first_chunk().expect("eight bytes"));
            // The lead bytes of this character and the next are those of three-byte ones.
            if word & 0xF000_00F0 != 0xE000_00E0 {
                return Err(at);
            }
            if self.by_bytes.may_start(word) {
                return Ok(at);
            }
            at += 3;
        }
        Err(at)
    }

    /// The longest word that starts at byte `at` of `text`: its id and byte length.
    pub fn longest_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let first = text[at..].chars().next()?;
        self.longest_starting(text, at, first)
    }

    /// [`NameIndex::longest_at`] where the character at `at` is known to be `first`.
    fn longest_starting(&self, text: &str, at: usize, first: char) -> Option<(usize, usize)> {
        let what = self.what_starts(first);
        if what == 0 {
            return None;
        }
        let second = text[at + first.len_utf8()..].chars().next();
        self.longest_with(text, at, (first, second), what)
    }

    /// What `first` may start ([`OPENS_LONGER`], [`IS_SINGLE`]): most characters start no
    /// name, and the table says so before any lookup.
    #[inline]
    fn what_starts(&self, first: char) -> u8 {
        self.starts
            .get(first as usize)
            .copied()
            .unwrap_or(OPENS_LONGER | IS_SINGLE)
    }

    /// Whether a name of two characters or more may open with `first` and `second`: false
    /// for most pairs, which no name opens with.
    #[inline]
    fn pair_may_open(&self, first: char, second: char) -> bool {
        self.pair_bit_is_set(first as u32, second as u32)
    }

    /// [`NameIndex::pair_may_open`] for the characters' values.
    #[inline]
    fn pair_bit_is_set(&self, first: u32, second: u32) -> bool {
        let bit = pair_bit(first, second);
        bit_is_set(&self.pairs, bit)
    }

    /// The longest name at `at`, whose first two characters are `first` and `second` (none at
    /// the end of the text) and whose first can start what `what` says.
    #[inline]
    fn longest_with(
        &self,
        text: &str,
        at: usize,
        (first, second): (char, Option<char>),
        what: u8,
    ) -> Option<(usize, usize)> {
        let rest = &text[at..];
        let longer = second
            .filter(|&second| what & OPENS_LONGER != 0 && self.pair_may_open(first, second))
            .and_then(|second| self.by_pair.get(&(first, second)))
            .and_then(|bucket| {
                self.longer[bucket.clone()]
                    .iter()
                    .find(|&&id| rest.starts_with(&self.text[self.spans[id].clone()]))
            });
        longer.map(|&id| (id, self.spans[id].len())).or_else(|| {
            (what & IS_SINGLE != 0)
                .then(|| self.single.get(&first).map(|&id| (id, first.len_utf8())))
                .flatten()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(names: &[&str], text: &str) -> Vec<(usize, &'static str)> {
        let index = NameIndex::new(names.iter().copied());
        index
            .find_iter(text)
            .map(|(id, range)| (id, &*Box::leak(text[range].to_string().into_boxed_str())))
            .collect()
    }

    #[test]
    fn the_longest_name_at_the_leftmost_place_wins_then_the_scan_goes_on_after_it() {
        let names = [
            "天津",
            "天津市",
            "津市",
            "河北",
            "河北省",
            "北省",
            "石家庄市",
        ];
        assert_eq!(
            found(&names, "天津市和河北省石家庄市"),
            [(1, "天津市"), (4, "河北省"), (6, "石家庄市")]
        );
        assert_eq!(found(&names, "在天津召开"), [(0, "天津")]);
        assert_eq!(found(&names, ""), []);
    }

    #[test]
    fn one_character_names_and_characters_outside_the_basic_plane() {
        let names = ["市", "𠀋城", "市区"];
        assert_eq!(
            found(&names, "全市𠀋城市区"),
            [(0, "市"), (1, "𠀋城"), (2, "市区")]
        );
    }

    #[test]
    fn the_longest_word_at_one_place_and_the_first_of_equal_words() {
        let index = NameIndex::new(["万", "万元", "万元", "元", "万"]);
        assert_eq!(index.longest_at("共万元整", 3), Some((1, 6)));
        assert_eq!(index.longest_at("共万", 3), Some((0, 3)));
        assert_eq!(index.longest_at("共万", 6), None);
        assert_eq!(index.longest_at("共", 0), None);
    }

    /// The same matches as an Aho-Corasick automaton in leftmost-longest mode, over random
    /// texts made of the names' own characters.
    #[test]
    fn it_finds_what_a_leftmost_longest_automaton_finds() {
        use aho_corasick::{AhoCorasick, MatchKind};
        let names = [
            "朝阳区",
            "朝阳",
            "阳区",
            "区",
            "南京市",
            "南京",
            "京市",
            "市",
            "市南区",
            "南区",
            "鼓楼区",
            "楼区",
            "江苏省",
            "江苏",
            "苏州市",
            "苏州",
            "𠀋城",
            "é区",
            "a市",
            "市𠀋",
            "京é",
        ];
        // Characters of one, two and four bytes too, which the scan decodes otherwise.
        let alphabet: Vec<char> = names.concat().chars().chain("的和，aé𠀋".chars()).collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names)
            .unwrap();
        let index = NameIndex::new(names);
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..2000 {
            let text: String = (0..24)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let expected: Vec<(usize, std::ops::Range<usize>)> = automaton
                .find_iter(&text)
                .map(|m| (m.pattern().as_usize(), m.range()))
                .collect();
            let got: Vec<_> = index.find_iter(&text).collect();
            assert_eq!(got, expected, "{text}");
        }
    }
}
