//! Where the characters the rules look for are in a document, found in one pass over its
//! text ([`Document::census`](super::Document::census)).
//!
//! A dozen rules start from a character (`的`, `月`, `某`, the level characters `省市县…`,
//! the quotation marks, the blank symbols `X×○`): each searched the whole text for its own,
//! and together they passed over it a dozen times. The census passes over it once, and each
//! rule reads its characters' places from the census ([`Census::find`]).
//!
//! The characters are listed in [`ALL`]; a rule names its own with a [`CharSet`], made
//! at compile time, which does not compile when one of them is not counted.

use super::chars::char_at;

/// The characters whose places the census keeps, the more common first (a place found is
/// told which character it holds by a search of this list), in the order of their indices in
/// a [`CharSet`]. At most 64: a [`CharSet`] is a bit per character.
const ALL: [char; 35] = [
    '的', '“', '”', '个', '区', '市', '多', '点', '项', '%', '省', '件', '条', '近', '县', '约',
    '％', '月', '州', '余', '旗', '盟', '某', '○', '《', '》', '×', 'X', 'x', 'Ｘ', 'ｘ', '*',
    '＊', '□', '△',
];

const _: () = assert!(ALL.len() <= 64, "a char set is a bit per character");

/// Some of the counted characters, a bit each (by their place in [`ALL`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharSet(u64);

impl CharSet {
    /// The set of `chars`, each of which must be counted: in a `const`, a character that is not
    /// fails the build.
    pub const fn new(chars: &[char]) -> CharSet {
        let mut bits = 0;
        let mut i = 0;
        while i < chars.len() {
            bits |= 1 << index_of(chars[i]);
            i += 1;
        }
        CharSet(bits)
    }

    fn contains(self, index: u8) -> bool {
        self.0 >> index & 1 != 0
    }
}

/// The index of `c` in [`ALL`]; a panic (at compile time, in a `const`) if it is not counted.
const fn index_of(c: char) -> u8 {
    let mut i = 0;
    while i < ALL.len() {
        if ALL[i] as u32 == c as u32 {
            return i as u8;
        }
        i += 1;
    }
    panic!("the character is not counted by the census")
}

/// A bit for every counted character of two or three bytes (the Basic Multilingual Plane
/// beyond ASCII), by its value: the word `value / 64`, the bit `value % 64`. 8 KB.
const WIDE: [u64; 1024] = {
    let mut words = [0u64; 1024];
    let mut i = 0;
    while i < ALL.len() {
        let value = ALL[i] as u32;
        if value >= 0x80 {
            words[(value >> 6) as usize] |= 1 << (value & 63);
        }
        i += 1;
    }
    words
};

/// A bit for every counted ASCII character.
const ASCII: u128 = {
    let mut bits = 0u128;
    let mut i = 0;
    while i < ALL.len() {
        if ALL[i].is_ascii() {
            bits |= 1 << ALL[i] as u32;
        }
        i += 1;
    }
    bits
};

/// The length in bytes from which a text's census is cut to its size.
const LONG_TEXT: usize = 1 << 20;

/// The places of the counted characters in a text.
#[derive(Debug, Default)]
pub struct Census {
    /// The byte offsets of each counted character (by its index in [`ALL`]), in order.
    places: Vec<Vec<u32>>,
}

impl Census {
    /// The census of `text`: one walk over its characters, each told by its value. Chinese
    /// text is mostly characters of three bytes, which a loop of their own reads
    /// ([`Census::count_wide`]); the others are decoded one at a time.
    pub fn of(text: &str) -> Census {
        let bytes = text.as_bytes();
        let mut census = Census::default();
        let mut at = 0;
        loop {
            at = census.count_wide(bytes, at);
            // Characters of three bytes were read above; the others are read one at a time.
            let Some((c, width)) = char_at(text, at) else {
                break;
            };
            if is_counted(c as u32) {
                census.push(at, c as u32);
            }
            at += width;
        }
        // Grown by doubling, the lists have up to twice the room they need, and they are held
        // for the whole check: a long text's are cut to their length.
        if text.len() > LONG_TEXT {
            census.places.iter_mut().for_each(Vec::shrink_to_fit);
        }
        census
    }

    /// Counts the characters of three bytes from byte `at` of `bytes` (a character boundary
    /// of a `str`) up to the first other character; returns where that is. Each is looked
    /// up in [`WIDE`] by its bytes: the first two choose the word, the last the bit.
    #[inline(never)]
    fn count_wide(&mut self, bytes: &[u8], mut at: usize) -> usize {
        for chunk in bytes[at..].chunks_exact(3) {
            let &[lead, second, third] = chunk else {
                break;
            };
            if lead & 0xF0 != 0xE0 {
                break;
            }
            let word = usize::from(lead & 0x0F) << 6 | usize::from(second & 0x3F);
            if WIDE[word] >> (third & 0x3F) & 1 != 0 {
                self.push(at, (word as u32) << 6 | u32::from(third & 0x3F));
            }
            at += 3;
        }
        at
    }

    /// Records the counted character of value `value` at byte `at`.
    #[cold]
    fn push(&mut self, at: usize, value: u32) {
        let index = ALL
            .iter()
            .position(|&c| c as u32 == value)
            .expect("a counted character is in the list");
        if self.places.len() <= index {
            self.places.resize_with(index + 1, Vec::new);
        }
        let at = u32::try_from(at).expect("a text of less than 4 GB");
        self.places[index].push(at);
    }

    /// The places of the characters of `set`, in order: `(byte offset, character)`.
    pub fn find(&self, set: CharSet) -> Vec<(usize, char)> {
        let mut found = Vec::new();
        for (index, places) in self.places.iter().enumerate() {
            if set.contains(index as u8) {
                let c = ALL[index];
                found.extend(places.iter().map(|&at| (at as usize, c)));
            }
        }
        // Each character's places are in order; several characters' are merged.
        if set.0.count_ones() > 1 {
            found.sort_unstable_by_key(|&(at, _)| at);
        }
        found
    }
}

/// Whether the character of value `value` is counted: none is beyond the Basic Multilingual
/// Plane.
fn is_counted(value: u32) -> bool {
    match value {
        0..0x80 => ASCII >> value & 1 != 0,
        0x1_0000.. => false,
        _ => WIDE[(value >> 6) as usize] >> (value & 63) & 1 != 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The places of `set`'s characters, found by walking the text with `char_indices`.
    fn by_hand(text: &str, set: &[char]) -> Vec<(usize, char)> {
        text.char_indices()
            .filter(|(_, c)| set.contains(c))
            .collect()
    }

    #[test]
    fn every_counted_character_is_found_as_itself() {
        for c in ALL {
            let text = format!("a{c}的\u{1F600}é{c}");
            let set = CharSet::new(&[c]);
            assert_eq!(Census::of(&text).find(set), by_hand(&text, &[c]), "{c}");
        }
        assert_eq!(
            ALL.len(),
            ALL.iter().collect::<std::collections::HashSet<_>>().len()
        );
    }

    #[test]
    fn a_set_finds_its_characters_only_in_order() {
        let text = "全省各市、县（市、区）约有X个点，多于%。";
        let set = CharSet::new(&['省', '市', '县', '区']);
        assert_eq!(
            Census::of(text).find(set),
            by_hand(text, &['省', '市', '县', '区'])
        );
        assert!(Census::of("").find(set).is_empty());
    }

    proptest::proptest! {
        /// Over counted characters, their neighbours in Unicode (the same first two bytes,
        /// the same last byte), ASCII, two-byte and four-byte characters, the census finds
        /// what a walk over the characters finds, for sets of one and of several.
        #[test]
        fn the_census_finds_what_a_walk_finds(
            text in "[的皃盄市帀弃“”„‟%$Xx×÷ӗ○◌□△《》＊Ｘｘé\u{1F600}\u{20000}一二 ]{0,40}",
            picks in proptest::collection::vec(0..ALL.len(), 1..5),
        ) {
            let chars: Vec<char> = picks.iter().map(|&i| ALL[i]).collect();
            let mut bits = 0;
            for &i in &picks {
                bits |= 1u64 << i;
            }
            let census = Census::of(&text);
            proptest::prop_assert_eq!(census.find(CharSet(bits)), by_hand(&text, &chars));
            proptest::prop_assert_eq!(
                census.find(CharSet::new(&chars)),
                by_hand(&text, &chars)
            );
        }
    }
}
