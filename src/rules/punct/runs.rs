//! Runs of punctuation marks (`，，`, `--`, `。。。`), found without a regex: compiling one
//! costs a large share of start-up, for one line of draft as for a book.
//!
//! Chinese text has a point mark every ten characters or so, so a byte search that stops at
//! each mark (memchr) stops too often to be fast. A run worth reporting is rarer: two
//! three-byte marks side by side (their first bytes three apart), or a mark of one or two
//! bytes, or a mark that is a run by itself. The scan looks for those places sixteen bytes at
//! a time in a SIMD register (`wide`), or eight in a `u64`, and decodes the text only there.

use std::ops::Range;

use wide::u8x16;

use crate::document::chars::lanes_equal_to_any;

/// A 1 in each byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// A set of marks and how they make runs, with the bytes the scan compares worked out when
/// the program is compiled.
pub(crate) struct Marks<const N: usize> {
    chars: [char; N],
    /// The fewest characters of a run of each mark.
    shortest: [usize; N],
    /// Whether different marks join one run (`[…]{n,}`) or each makes runs of its own.
    mixed: bool,
    /// The first bytes of three-byte marks a run needs two of.
    wide: Bytes,
    /// The first bytes of the other marks: shorter ones, and those that are a run alone.
    single: Bytes,
}

/// Up to six byte values, each filling the eight bytes of a word.
#[derive(Clone, Copy)]
struct Bytes {
    words: [u64; 6],
    len: usize,
}

impl Bytes {
    const NONE: Bytes = Bytes {
        words: [0; 6],
        len: 0,
    };

    const fn add(&mut self, byte: u8) {
        let word = ONES * byte as u64;
        let mut i = 0;
        while i < self.len {
            if self.words[i] == word {
                return;
            }
            i += 1;
        }
        assert!(self.len < 6, "marks open with at most six distinct bytes");
        self.words[self.len] = word;
        self.len += 1;
    }

    /// The byte values.
    fn values(&self) -> impl Iterator<Item = u8> + '_ {
        self.words[..self.len].iter().map(|&w| w as u8)
    }

    /// The high bit of each byte of `word` that is one of these. A zero byte of `word ^ b`
    /// borrows in the subtraction, and the borrow can also flag a byte `b ^ 1` just above a
    /// match. After a first byte of a longer character comes a continuation byte, never
    /// `b ^ 1`; after an ASCII `b`, `b ^ 1` is ASCII too, where a character starts, and
    /// decoding there rules it out.
    #[inline]
    fn flags(&self, word: u64) -> u64 {
        let mut found = 0;
        for &b in &self.words[..self.len] {
            let t = word ^ b;
            found |= t.wrapping_sub(ONES) & !t;
        }
        found & HIGH
    }
}

impl<const N: usize> Marks<N> {
    /// Runs of `shortest` or more of `chars`, mixed: what the regex `[…]{shortest,}` finds.
    pub(crate) const fn mixed(chars: [char; N], shortest: usize) -> Marks<N> {
        Marks::build(chars, [shortest; N], true)
    }

    /// Runs of one mark repeated, each at least its own count long: what `a{n,}|b{m,}|…`
    /// finds. The alternatives open with different characters, so where one matches it is
    /// the longest run of its character.
    pub(crate) const fn each(marks: [(char, usize); N]) -> Marks<N> {
        let (mut chars, mut shortest) = (['\0'; N], [0; N]);
        let mut i = 0;
        while i < N {
            (chars[i], shortest[i]) = marks[i];
            i += 1;
        }
        Marks::build(chars, shortest, false)
    }

    /// Sorts the first bytes of the marks. A compile error if a run may be empty or the
    /// marks open with more than six distinct bytes of one kind.
    const fn build(chars: [char; N], shortest: [usize; N], mixed: bool) -> Marks<N> {
        let (mut wide, mut single) = (Bytes::NONE, Bytes::NONE);
        let mut i = 0;
        while i < N {
            assert!(shortest[i] > 0, "a run has at least one mark");
            let mut buffer = [0; 4];
            let width = chars[i].encode_utf8(&mut buffer).len();
            if width == 3 && shortest[i] > 1 {
                wide.add(buffer[0]);
            } else {
                single.add(buffer[0]);
            }
            i += 1;
        }
        Marks {
            chars,
            shortest,
            mixed,
            wide,
            single,
        }
    }

    /// Calls `run` with each run in `text`, as byte ranges in order: what `find_iter` of the
    /// regex finds. A place inside a run already seen starts no other: what follows it is
    /// part of the same run.
    #[inline]
    pub(crate) fn for_each_run(&self, text: &str, mut run: impl FnMut(Range<usize>)) {
        let mut seen = 0;
        self.for_each_candidate(text.as_bytes(), |at| {
            if at < seen {
                return;
            }
            if let Some((found, count, class)) = self.run_around(text, at, seen) {
                seen = found.end;
                if count >= self.shortest[class] {
                    run(found);
                }
            }
        });
    }

    /// Calls `found` with each place a run may be, in order.
    #[inline]
    fn for_each_candidate(&self, bytes: &[u8], mut found: impl FnMut(usize)) {
        let mut at = 0;
        while let Some(Block {
            start,
            mut places,
            end,
        }) = self.next_flagged(bytes, at)
        {
            while places != 0 {
                found(start + places.trailing_zeros() as usize);
                places &= places - 1;
            }
            at = end;
        }
    }

    /// The first block of bytes from `at` with a place a run may be: a first byte of a
    /// shorter mark or of a mark that is a run alone, or two first bytes of three-byte marks
    /// three apart. Sixteen bytes at a time in a SIMD register, the last few eight at a time
    /// in a `u64`.
    #[inline]
    fn next_flagged(&self, bytes: &[u8], mut at: usize) -> Option<Block> {
        while at + WIDE_BLOCK + 3 <= bytes.len() {
            let places = self.places_in_sixteen(bytes, at);
            if places != 0 {
                let end = at + WIDE_BLOCK;
                return Some(Block {
                    start: at,
                    places,
                    end,
                });
            }
            at += WIDE_BLOCK;
        }
        self.next_flagged_word(bytes, at)
    }

    /// A bit per byte of `bytes[at..at + 16]` where a run may be; `bytes` has three more
    /// after them, which complete the pairs of the last three.
    #[inline]
    fn places_in_sixteen(&self, bytes: &[u8], at: usize) -> u32 {
        let load = |from: usize| {
            let block: [u8; WIDE_BLOCK] = bytes[from..from + WIDE_BLOCK]
                .try_into()
                .expect("sixteen bytes");
            u8x16::new(block)
        };
        let members =
            |block: u8x16, set: &Bytes| lanes_equal_to_any(block, set.values().map(u8x16::splat));
        let (here, ahead) = (load(at), load(at + 3));
        let pairs = members(here, &self.wide) & members(ahead, &self.wide);
        (pairs | members(here, &self.single)).move_mask() as u32
    }

    /// [`Marks::next_flagged`] eight bytes at a time. The pairs of a word's last three bytes
    /// are completed by the next word. A loop of its own, so that it keeps its few values in
    /// registers.
    #[inline]
    fn next_flagged_word(&self, bytes: &[u8], mut at: usize) -> Option<Block> {
        let mut here = word(bytes, at);
        let mut here_wide = self.wide.flags(here);
        while at < bytes.len() {
            let next = word(bytes, at + 8);
            let next_wide = self.wide.flags(next);
            let pairs = here_wide & ((here_wide >> 24) | (next_wide << 40));
            let flags = pairs | self.single.flags(here);
            if flags != 0 {
                let places = high_bits_to_places(flags);
                return Some(Block {
                    start: at,
                    places,
                    end: at + 8,
                });
            }
            (here, here_wide, at) = (next, next_wide, at + 8);
        }
        None
    }

    /// The run around `at` if a mark is there: its byte range, how many characters it has,
    /// and its class (which mark, or 0 when marks mix). A run found at a shorter mark may
    /// start before it (`—-`), so it is followed back too, though not before `seen`.
    fn run_around(
        &self,
        text: &str,
        at: usize,
        seen: usize,
    ) -> Option<(Range<usize>, usize, usize)> {
        let class = self.class(text.get(at..)?.chars().next()?)?;
        let same = |c: &char| self.class(*c) == Some(class);
        let (mut start, mut end, mut count) = (at, at, 0);
        for c in text[seen..at].chars().rev().take_while(same) {
            start -= c.len_utf8();
            count += 1;
        }
        for c in text[at..].chars().take_while(same) {
            end += c.len_utf8();
            count += 1;
        }
        Some((start..end, count, class))
    }

    fn class(&self, c: char) -> Option<usize> {
        let i = self.chars.iter().position(|&mark| mark == c)?;
        Some(if self.mixed { 0 } else { i })
    }
}

/// Bytes the scan looked at, and the places among them where a run may be.
struct Block {
    start: usize,
    /// Bit `j` set when a run may be at byte `start + j`.
    places: u32,
    /// Where the next block starts.
    end: usize,
}

/// The bytes of one SIMD comparison.
const WIDE_BLOCK: usize = 16;

/// A bit per byte of a word's flags (its bytes' high bits): bit `j` for byte `j`.
fn high_bits_to_places(mut flags: u64) -> u32 {
    let mut places = 0;
    while flags != 0 {
        places |= 1 << (flags.trailing_zeros() / 8);
        flags &= flags - 1;
    }
    places
}

/// The eight bytes from `at` as a little-endian word, zeros past the end (no mark has a
/// zero byte).
#[inline]
fn word(bytes: &[u8], at: usize) -> u64 {
    if let Some(eight) = bytes.get(at..at + 8) {
        return u64::from_le_bytes(eight.try_into().expect("eight bytes"));
    }
    let mut buffer = [0; 8];
    let tail = bytes.get(at..).unwrap_or_default();
    buffer[..tail.len()].copy_from_slice(tail);
    u64::from_le_bytes(buffer)
}

/// The runs `marks` finds in `text` (for unit tests).
#[cfg(test)]
pub(super) fn runs<const N: usize>(marks: &Marks<N>, text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    marks.for_each_run(text, |run| found.push(run));
    found
}

/// For the rules' property tests: `marks` finds in `text` the runs `find_iter` of
/// `pattern`, the regex the scan stands for, finds.
#[cfg(test)]
pub(super) fn finds_as_regex<const N: usize>(
    marks: &Marks<N>,
    pattern: &str,
    text: &str,
) -> proptest::test_runner::TestCaseResult {
    let regex = regex::Regex::new(pattern).expect("valid");
    let expected: Vec<_> = regex.find_iter(text).map(|m| m.range()).collect();
    proptest::prop_assert_eq!(runs(marks, text), expected);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_are_sorted_by_what_a_run_needs() {
        let marks = Marks::each([('。', 3), ('．', 3), ('…', 1), ('·', 3), ('.', 3)]);
        let bytes = |b: Bytes| {
            b.words[..b.len]
                .iter()
                .map(|w| *w as u8)
                .collect::<Vec<_>>()
        };
        assert_eq!(bytes(marks.wide), [0xE3, 0xEF]);
        assert_eq!(bytes(marks.single), [0xE2, 0xC2, b'.']);
    }

    /// The text of each run `marks` finds in `text`.
    fn found<'t, const N: usize>(marks: &Marks<N>, text: &'t str) -> Vec<&'t str> {
        runs(marks, text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn mixed_marks_join_and_each_mark_runs_alone() {
        let text = "甲。。…乙。丙……丁--—";
        assert_eq!(
            found(&Marks::mixed(['。', '…', '-'], 2), text),
            ["。。…", "……", "--"]
        );
        assert_eq!(
            found(&Marks::each([('。', 2), ('…', 1), ('—', 1)]), text),
            ["。。", "…", "……", "—"]
        );
    }

    #[test]
    fn a_run_found_at_a_short_mark_reaches_back() {
        assert_eq!(found(&Marks::mixed(['—', '-'], 2), "甲——-—乙"), ["——-—"]);
    }

    #[test]
    fn runs_across_words_and_at_the_end_are_found() {
        for lead in 0..12 {
            let text = format!("{}，，", "a".repeat(lead));
            assert_eq!(found(&Marks::mixed(['，'], 2), &text), ["，，"], "{text}");
        }
    }
}
