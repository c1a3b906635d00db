//! Polynomial hashes of the prefixes of a sentence's normalised characters, from which the
//! hash of any stretch of it is had in constant time: the key of each of its units (the
//! sentence and its clauses, which are stretches of it), the openings a set phrase is looked
//! up by, and the pieces of the index ([`super::index`]). The sentence is hashed once, in one
//! walk over its characters, where each unit was hashed on its own, once for its key and
//! again for its pieces.
//!
//! A stretch's hash is `Σ (cᵢ + 1)·BASEⁿ⁻¹⁻ⁱ` modulo 2⁶⁴. `BASE` is odd, so two stretches
//! of one length that differ in one character never share it. These keys stay within one
//! run: what is saved across runs (the cross-file fingerprints) is keyed by
//! [`super::units::fingerprint_key`].

/// The base of the polynomial hash (odd, so that multiplying by it loses nothing).
const BASE: u64 = 0x0000_0100_0000_01B3;

/// `BASE` to the powers up to 256: the lengths of most units, and of every piece.
const POWERS: [u64; 257] = {
    let mut powers = [1u64; 257];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1].wrapping_mul(BASE);
        i += 1;
    }
    powers
};

/// `BASE` to the power `n`.
fn power(n: usize) -> u64 {
    match POWERS.get(n) {
        Some(&power) => power,
        None => {
            // A unit longer than the table: squared up from the table's last entry.
            let (mut result, mut base, mut n) = (1u64, BASE, n);
            while n > 0 {
                if n & 1 == 1 {
                    result = result.wrapping_mul(base);
                }
                base = base.wrapping_mul(base);
                n >>= 1;
            }
            result
        }
    }
}

/// Appends to `prefixes` (which holds the hash of the characters before `chars`, 0 for none)
/// the hash of each longer prefix, one per character of `chars`.
pub fn extend(prefixes: &mut Vec<u64>, chars: &[char]) {
    let mut hash = prefixes.last().copied().unwrap_or(0);
    prefixes.reserve(chars.len());
    // One `extend` of an iterator of known length: no capacity check per character.
    prefixes.extend(chars.iter().map(|&c| {
        hash = hash.wrapping_mul(BASE).wrapping_add(u64::from(c) + 1);
        hash
    }));
}

/// The prefix hashes of a unit: one more than it has characters, the first being that of
/// what comes before it in its sentence.
#[derive(Clone, Copy)]
pub struct Prefixes<'s>(&'s [u64]);

impl<'s> Prefixes<'s> {
    /// The hashes of a unit's prefixes, as [`extend`] made them; `hashes` is not empty.
    pub fn new(hashes: &'s [u64]) -> Prefixes<'s> {
        debug_assert!(!hashes.is_empty());
        Prefixes(hashes)
    }

    /// How many characters the unit has.
    pub fn len(&self) -> usize {
        self.0.len() - 1
    }

    /// The hash of the unit's characters `start..start + k`, or `None` past its end.
    pub fn stretch(&self, start: usize, k: usize) -> Option<u64> {
        start.checked_add(k).filter(|&end| end <= self.len())?;
        Some(self.stretch_within(start, k))
    }

    /// [`Prefixes::stretch`] of characters known to be within the unit (the index's pieces,
    /// [`super::index`]), with no `Option` to unwrap.
    pub fn stretch_within(&self, start: usize, k: usize) -> u64 {
        self.0[start + k].wrapping_sub(self.0[start].wrapping_mul(power(k)))
    }

    /// The key of its first `n` characters: what units equal to them share.
    pub fn key_of_first(&self, n: usize) -> u64 {
        let stretch = self.stretch(0, n).expect("an opening of the unit");
        mix(stretch, n)
    }

    /// The key of the unit: what equal units share.
    pub fn key(&self) -> u64 {
        self.key_of_first(self.len())
    }
}

/// [`Prefixes::key`] of a unit made of `chars`.
pub fn key_of(chars: &[char]) -> u64 {
    // The hash of the whole, as the last of its prefixes: none of the others is kept.
    let whole = chars.iter().fold(0u64, |hash, &c| {
        hash.wrapping_mul(BASE).wrapping_add(u64::from(c) + 1)
    });
    mix(whole, chars.len())
}

/// A stretch's hash made a key, its length mixed in and its bits spread.
fn mix(stretch: u64, len: usize) -> u64 {
    (stretch ^ (len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixes_of(text: &str) -> Vec<u64> {
        let chars: Vec<char> = text.chars().collect();
        let mut prefixes = vec![0];
        extend(&mut prefixes, &chars);
        prefixes
    }

    #[test]
    fn powers_past_the_table_are_those_of_repeated_multiplication() {
        let mut expected = 1u64;
        for n in 0..1000 {
            assert_eq!(power(n), expected, "{n}");
            expected = expected.wrapping_mul(BASE);
        }
    }

    proptest::proptest! {
        /// A stretch of a sentence hashes as the same characters alone, wherever it stands,
        /// and a unit's key is that of its characters.
        #[test]
        fn a_stretch_hashes_as_its_characters_alone(
            text in "[甲乙丙丁ab1]{0,300}",
            start in 0usize..300,
            k in 0usize..300,
        ) {
            let chars: Vec<char> = text.chars().collect();
            let prefixes = prefixes_of(&text);
            let whole = Prefixes::new(&prefixes);
            let start = start.min(chars.len());
            let end = (start + k).min(chars.len());
            let alone = prefixes_of(&chars[start..end].iter().collect::<String>());
            let alone = Prefixes::new(&alone);
            proptest::prop_assert_eq!(whole.stretch(start, end - start), alone.stretch(0, end - start));
            let unit = Prefixes::new(&prefixes[start..=end]);
            proptest::prop_assert_eq!(unit.key(), key_of(&chars[start..end]));
            proptest::prop_assert_eq!(unit.stretch(0, end - start + 1), None);
        }
    }

    #[test]
    fn units_one_character_apart_or_of_other_lengths_have_other_keys() {
        let key = |s: &str| key_of(&s.chars().collect::<Vec<char>>());
        assert_ne!(key("加强组织领导"), key("加强组织领寻"));
        assert_ne!(key("加强组织领导"), key("加强组织领导导"));
        assert_ne!(key(""), key("加"));
        assert_eq!(key("加强组织领导"), key("加强组织领导"));
    }
}
