//! Character classes of Chinese text, shared by the rules and the counts: what is a Han
//! character, what is Chinese punctuation, and so what makes a position part of Chinese text.

use wide::u8x16;

/// A Han character (CJK ideographs and their extensions, and `〇`).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '〇'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// The first byte at or after `from` that is ASCII and `wanted`. Chinese text is mostly
/// bytes of multi-byte characters, all with the high bit set: eight of them are stepped over
/// at once, where a byte-by-byte test would look at each.
pub fn find_ascii(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if word & HIGH != HIGH {
            if let Some(i) = chunk.iter().position(|&b| b.is_ascii() && wanted(b)) {
                return Some(at + i);
            }
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    rest.iter()
        .position(|&b| b.is_ascii() && wanted(b))
        .map(|i| at + i)
}

/// The byte search for a word (memchr's memmem), built where it stands the first time it
/// runs and shared from then on: `word_search!("百分之").find_iter(text.as_bytes())` gives
/// where the word occurs, in order, not overlapping. It is vectorised, where
/// `str::match_indices` and `str::contains` with a string step through a whole text with the
/// Two-Way algorithm at several instructions a byte; and it is set up once per process,
/// which costs more than running it over a short text (a paragraph, a sentence).
macro_rules! word_search {
    ($word:expr) => {{
        static SEARCH: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new($word.as_bytes()));
        &*SEARCH
    }};
}
pub(crate) use word_search;

/// The length in bytes from which a text is searched with a [`WordSearch`] that is built
/// the first time one is needed (a long paragraph): a one-line draft's run would spend more
/// on building it, once per run, than it saves. The lines a pattern is searched in
/// (`rules::lazy_regex`) wait for such a text.
pub const WORTH_A_WORD_SEARCH: usize = 1024;

/// Where any of up to six bytes occurs in `bytes`, in order. Then each position is decoded
/// to see which character is there.
///
/// The callers look for the first bytes of Chinese punctuation (`0xE2`, `0xE3`, `0xEF`),
/// which Chinese text has every few characters: a byte search (memchr) stopped at each and
/// was called again from there, a setup each time. The bytes are compared sixteen at a time
/// in a SIMD register (`wide`), and the places of a block are all taken from one mask.
pub fn find_bytes<'t>(bytes: &'t [u8], wanted: &[u8]) -> FindBytes<'t> {
    assert!(
        (1..=6).contains(&wanted.len()),
        "one to six bytes are searched for"
    );
    let mut splats = [u8x16::splat(wanted[0]); 6];
    for (splat, &byte) in splats.iter_mut().zip(wanted) {
        *splat = u8x16::splat(byte);
    }
    let mut search = FindBytes {
        bytes,
        wanted: splats,
        count: wanted.len(),
        block: 0,
        mask: 0,
    };
    search.mask = search.mask_at(0);
    search
}

/// The positions [`find_bytes`] finds, in order.
pub struct FindBytes<'t> {
    bytes: &'t [u8],
    /// Each wanted byte in every lane; the first `count` are searched for.
    wanted: [u8x16; 6],
    count: usize,
    /// Where the current block starts.
    block: usize,
    /// The places in the current block not yet returned, a bit each.
    mask: u32,
}

/// How many bytes a block has: two SIMD registers, each giving half of its mask. Chinese text
/// has a wanted byte every few characters, so a block of sixteen bytes had one or none about
/// as often, and the branch of the loop over blocks was hard to foresee; in blocks of
/// thirty-two, most have one.
const BLOCK: usize = 32;
const HALF: usize = BLOCK / 2;

impl FindBytes<'_> {
    /// A bit for each wanted byte of the block at `start` (the last one may be short).
    fn mask_at(&self, start: usize) -> u32 {
        let Some(rest) = self.bytes.get(start..).filter(|rest| !rest.is_empty()) else {
            return 0;
        };
        let (lanes, valid) = match rest.first_chunk::<BLOCK>() {
            Some(block) => (*block, u32::MAX),
            None => {
                let mut lanes = [0; BLOCK];
                lanes[..rest.len()].copy_from_slice(rest);
                (lanes, (1 << rest.len()) - 1)
            }
        };
        let (low, high) = lanes.split_at(HALF);
        let half_mask = |half: &[u8]| {
            let half: [u8; HALF] = half.try_into().expect("half a block");
            let found =
                lanes_equal_to_any(u8x16::new(half), self.wanted[..self.count].iter().copied());
            found.move_mask() as u32
        };
        (half_mask(low) | half_mask(high) << HALF) & valid
    }
}

/// The lanes of `block` equal to any of `wanted` (each a byte in every lane): all ones there,
/// zero elsewhere. What the SIMD scans of Chinese text compare each block with.
pub(crate) fn lanes_equal_to_any(block: u8x16, wanted: impl IntoIterator<Item = u8x16>) -> u8x16 {
    wanted
        .into_iter()
        .fold(u8x16::ZERO, |found, wanted| found | block.cmp_eq(wanted))
}

impl Iterator for FindBytes<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.block += BLOCK;
            if self.block >= self.bytes.len() {
                return None;
            }
            self.mask = self.mask_at(self.block);
        }
        let at = self.block + self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

/// The character at byte `at` of `text` (a character boundary) and its length in bytes, or
/// `None` at the end. Scans that look at every character of a long text decode them with
/// this: ASCII and the three bytes of a character of the Basic Multilingual Plane (all
/// Chinese text) are put together directly ([`bmp_value_at`]), in fewer steps than
/// `str::chars`, whose general decoding was a good part of those scans.
#[inline]
pub fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    if let Some((value, width)) = bmp_value_at(text.as_bytes(), at) {
        if let Some(c) = char::from_u32(value) {
            return Some((c, width));
        }
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The value of the character at byte `at` of `bytes` and its length, where it is ASCII or of
/// three bytes (the Basic Multilingual Plane); `None` for others and at the end. The value is
/// what a `char` of it would be when `bytes` are those of a `str` and `at` a boundary; a scan
/// that only looks the value up in a table need not make the `char`.
#[inline]
pub fn bmp_value_at(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let lead = *bytes.get(at)?;
    if lead.is_ascii() {
        return Some((u32::from(lead), 1));
    }
    three_byte_value_at(bytes, at).map(|value| (value, 3))
}

/// The value of the character of three bytes at byte `at` of `bytes` (as [`bmp_value_at`]);
/// `None` where the character there is of another length, and at the end. For a scan of a
/// run of Chinese characters, which need not test for ASCII first.
#[inline]
pub fn three_byte_value_at(bytes: &[u8], at: usize) -> Option<u32> {
    match *bytes.get(at..at.checked_add(3)?)? {
        [lead @ 0xE0..0xF0, b1, b2] => {
            Some(u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F))
        }
        _ => None,
    }
}

/// Full-width punctuation of Chinese text (GB/T 15834-2011 forms) and the ideographic space.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '「'
            | '」'
            | '『'
            | '』'
            | '…'
            | '—'
            | '～'
            | '·'
            | '\u{3000}'
    )
}

/// A space inside a line: ASCII, full-width (U+3000) or no-break (U+00A0). Tabs are not
/// counted: they set out columns.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{00A0}')
}

/// Whether `text` has `n` characters or fewer. A character is one to four bytes: a text of
/// `n` bytes or fewer has, one of more than `4n` bytes has not, and only a text between
/// them is counted (paragraphs are asked this one by one, and a count reads every byte).
pub fn at_most_chars(text: &str, n: usize) -> bool {
    text.len() <= n || (text.len() <= n * 4 && text.chars().count() <= n)
}

/// `text.trim_start()`, told from the first byte where `text` opens with an ASCII character
/// above the space or with one of `U+4000` and on (most characters of Chinese text): no
/// space is either. The start of every sentence and clause is trimmed, and the standard
/// library decodes the first character and looks it up in Unicode's table of spaces.
pub fn trim_start(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(&lead) if (0x21..0x80).contains(&lead) || lead >= 0xE4 => text,
        _ => text.trim_start(),
    }
}

/// Whether `text` holds a character [`is_space`] accepts; found with byte searches.
pub fn has_space(text: &str) -> bool {
    let bytes = text.as_bytes();
    find_ascii(bytes, 0, |b| b == b' ').is_some()
        || word_search!("\u{3000}").find(bytes).is_some()
        || word_search!("\u{00A0}").find(bytes).is_some()
}

/// What makes a position part of Chinese text.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Traditional characters and their simplified forms, for the characters rules read
/// (`rules/traditional.tsv`, generated by `scripts/traditional.py`).
static SIMPLIFIED: std::sync::LazyLock<rustc_hash::FxHashMap<char, char>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../rules/traditional.tsv")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .filter_map(|line| {
                let mut chars = line.chars();
                let (traditional, tab, simplified) = (chars.next()?, chars.next()?, chars.next()?);
                (tab == '\t').then_some((traditional, simplified))
            })
            .collect()
    });

/// `c` in simplified script, when it is a traditional character that the rules read
/// (`縣` → `县`); any other character as it is. Both forms have the same UTF-8 length, so
/// text read through this keeps its byte offsets.
pub fn simplified(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    SIMPLIFIED.get(&c).copied().unwrap_or(c)
}

/// Where any of a few words may start in a text, found by a packed (Teddy) search for the
/// words without their first byte.
///
/// A packed search tells where a word may start by a fingerprint of its first bytes. The first
/// byte of a Chinese character is one of a handful (`E4` to `E9` for most), so in a Chinese
/// text a fingerprint that opens with it matches at a good part of the characters, and each
/// match is checked. Without it, the fingerprint is made of bytes that tell characters apart:
/// where a word's tail is found, one byte on, is where the word may start. (Over the 2,000
/// files of the benchmark the wrong forms of the term packs were found in less than half the
/// time.)
struct WordStarts {
    tails: aho_corasick::packed::Searcher,
}

impl WordStarts {
    /// `None` where a word is one byte long (its tail would be empty), where the words are too
    /// many for a packed search, or where the processor has none: the caller searches for the
    /// words otherwise.
    fn new<'w>(words: impl IntoIterator<Item = &'w [u8]>) -> Option<WordStarts> {
        let tails = words.into_iter().map(|w| w.get(1..).unwrap_or_default());
        let tails = aho_corasick::packed::Config::new()
            .builder()
            .extend(tails)
            .build()?;
        Some(WordStarts { tails })
    }

    /// The first place at or after `from` in `haystack` where a word may start: a tail is
    /// there one byte on. The first byte is not checked. No word starts between `from` and
    /// the place found.
    fn next(&self, haystack: &[u8], from: usize) -> Option<usize> {
        let tails_from = from.checked_add(1).filter(|&at| at <= haystack.len())?;
        let tail = self.tails.find_in(
            haystack,
            aho_corasick::Span::from(tails_from..haystack.len()),
        )?;
        Some(tail.start() - 1)
    }
}

/// A search for a set of words (literals) that finds what an Aho-Corasick automaton of them
/// finds, and faster in Chinese text: the places where a word may start are found by
/// [`WordStarts`], and the automaton is run there, anchored.
pub struct WordSearch {
    automaton: aho_corasick::AhoCorasick,
    /// `None` where the words cannot be searched for by their tails.
    starts: Option<WordStarts>,
}

impl WordSearch {
    pub fn new<W: AsRef<[u8]>>(
        words: &[W],
        kind: aho_corasick::MatchKind,
    ) -> Result<WordSearch, aho_corasick::BuildError> {
        // The NFA as first built, neither made contiguous nor a DFA: building the DFA over a
        // few hundred words was a sixth of a one-line draft's start-up, making it contiguous
        // a twentieth, and the search mostly runs in the prefilter (over `clean/`, the
        // instructions are the same to a ten-thousandth). Anchored too, for the places where
        // a word may start.
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(kind)
            .start_kind(aho_corasick::StartKind::Both)
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .build(words)?;
        let starts = WordStarts::new(words.iter().map(AsRef::as_ref));
        Ok(WordSearch { automaton, starts })
    }

    /// Calls `found` with each word in `text`, left to right, not overlapping: what the
    /// automaton's own search finds.
    pub fn for_each(&self, text: &str, mut found: impl FnMut(aho_corasick::Match)) {
        let Some(starts) = &self.starts else {
            self.automaton.find_iter(text).for_each(found);
            return;
        };
        let mut from = 0;
        while let Some(start) = starts.next(text.as_bytes(), from) {
            match self.word_at(text, start) {
                Some(word) => {
                    from = word.end();
                    found(word);
                }
                None => from = start + 1,
            }
        }
    }

    /// Calls `found` with every place in `text` where a word starts, in order, once each,
    /// overlapping words too. The search must be built with [`aho_corasick::MatchKind::Standard`]
    /// (an automaton reports overlapping words only then).
    pub fn for_each_start(&self, text: &str, mut found: impl FnMut(usize)) {
        let Some(starts) = &self.starts else {
            // Overlapping words are reported in the order they end.
            let mut all: Vec<usize> = self
                .automaton
                .try_find_overlapping_iter(text)
                .expect("a search for every start is built with the standard match kind")
                .map(|word| word.start())
                .collect();
            all.sort_unstable();
            all.dedup();
            all.into_iter().for_each(found);
            return;
        };
        let mut from = 0;
        while let Some(start) = starts.next(text.as_bytes(), from) {
            if self.word_at(text, start).is_some() {
                found(start);
            }
            from = start + 1;
        }
    }

    /// The word the automaton finds starting at byte `start` of `text`.
    fn word_at(&self, text: &str, start: usize) -> Option<aho_corasick::Match> {
        let anchored = aho_corasick::Input::new(text)
            .span(start..text.len())
            .anchored(aho_corasick::Anchored::Yes);
        self.automaton.find(anchored)
    }

    /// The automaton alone, which finds what [`WordSearch::for_each`] finds.
    #[cfg(test)]
    pub fn automaton(&self) -> &aho_corasick::AhoCorasick {
        &self.automaton
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Told by the length or counted, the answer is the count's.
        #[test]
        fn at_most_chars_is_the_count_compared(text in "[a甲é𠀋]{0,30}", n in 0usize..12) {
            proptest::prop_assert_eq!(at_most_chars(&text, n), text.chars().count() <= n);
        }

        /// Told from the first byte or trimmed, the start is the standard library's: over
        /// the spaces of Unicode and the characters next to them.
        #[test]
        fn trim_start_is_the_standard_one(
            text in "[ \t\n\u{0B}\u{0C}\r\u{1F}!~\u{7F}\u{85}\u{A0}é\u{1680}\u{2000}-\u{200B}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{3001}\u{3FFF}\u{4000}甲𠀋]{0,6}",
        ) {
            proptest::prop_assert_eq!(trim_start(&text), text.trim_start());
        }
    }
    use proptest::prelude::*;

    #[test]
    fn word_starts_are_found_up_to_the_end_and_never_past_it() {
        let words = ["两个确定", "布署"].map(str::as_bytes);
        let Some(starts) = WordStarts::new(words) else {
            return; // no packed search on this processor: callers search otherwise
        };
        let text = "要布署，两个确定";
        let bytes = text.as_bytes();
        assert_eq!(starts.next(bytes, 0), Some("要".len()));
        let second = "要布署，".len();
        assert_eq!(starts.next(bytes, "要".len() + 1), Some(second));
        assert_eq!(starts.next(bytes, second + 1), None);
        assert_eq!(starts.next(bytes, bytes.len()), None);
        assert_eq!(starts.next(bytes, bytes.len() + 5), None);
        assert!(
            WordStarts::new([b"x".as_slice(), b"ab"]).is_none(),
            "a one-byte word"
        );
    }

    proptest! {
        /// Leftmost-first or leftmost-longest, the words found where they may start are those
        /// the automaton finds alone: words inside and around others, sharing their tails or
        /// their first bytes, and words of one byte (no tails to search for).
        #[test]
        fn a_word_search_finds_what_its_automaton_finds(
            words in proptest::collection::vec(proptest::sample::select(WORDS), 1..6),
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..24),
            longest in any::<bool>(),
        ) {
            let text = pieces.concat();
            let kind = if longest {
                aho_corasick::MatchKind::LeftmostLongest
            } else {
                aho_corasick::MatchKind::LeftmostFirst
            };
            let search = WordSearch::new(&words, kind).unwrap();
            let mut found = Vec::new();
            search.for_each(&text, |m| found.push((m.range(), m.pattern())));
            let alone: Vec<_> = search.automaton().find_iter(&text).map(|m| (m.range(), m.pattern())).collect();
            prop_assert_eq!(found, alone, "{:?} in {:?}", words, text);
        }
    }

    proptest! {
        /// Every place where a word starts, overlapping words too, in order, once: with the
        /// tails' search and without it (a word of one byte).
        #[test]
        fn every_start_of_a_word_is_found_once_in_order(
            words in proptest::collection::vec(proptest::sample::select(WORDS), 1..6),
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..24),
        ) {
            let text = pieces.concat();
            let search = WordSearch::new(&words, aho_corasick::MatchKind::Standard).unwrap();
            let mut found = Vec::new();
            search.for_each_start(&text, |at| found.push(at));
            let every: Vec<usize> = (0..text.len())
                .filter(|&at| text.is_char_boundary(at))
                .filter(|&at| words.iter().any(|w| text[at..].starts_with(w)))
                .collect();
            prop_assert_eq!(found, every, "{:?} in {:?}", words, text);
        }
    }

    const WORDS: &[&str] = &[
        "我们",
        "我",
        "们要",
        "高质量发展",
        "发展",
        "质量",
        "经济社会发展",
        "社会",
        "ab",
        "b",
        "x",
        "上下",
        "下",
    ];

    const PIECES: &[&str] = &[
        "我",
        "们",
        "要",
        "高",
        "质",
        "量",
        "发",
        "展",
        "经",
        "济",
        "社",
        "会",
        "上",
        "下",
        "a",
        "b",
        "x",
        "，",
        " ",
        "我们",
        "高质量发展",
    ];

    proptest! {
        /// At every boundary, the character `str::chars` decodes there, and past the end none.
        #[test]
        fn char_at_decodes_what_chars_decodes(text in "(\\PC|[甲，a\n€𠀋é])*") {
            for (at, c) in text.char_indices() {
                prop_assert_eq!(char_at(&text, at), Some((c, c.len_utf8())));
            }
            prop_assert_eq!(char_at(&text, text.len()), None);
        }

        #[test]
        fn find_bytes_finds_each_wanted_byte_in_order(
            bytes in prop::collection::vec(prop::sample::select(vec![0u8, 1, 2, 3, 4, 5, 6, 7, 0xE3]), 0..200),
            wanted in prop::collection::btree_set(0u8..8, 1..=6),
        ) {
            let wanted: Vec<u8> = wanted.into_iter().collect();
            let expected: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| wanted.contains(b))
                .map(|(i, _)| i)
                .collect();
            prop_assert_eq!(find_bytes(&bytes, &wanted).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn has_space_agrees_with_is_space() {
        for text in [
            "推动 高质量发展",
            "全年　完成",
            "a\u{00A0}b",
            "没有空格的一句话。",
            "",
            "x\ty",
        ] {
            assert_eq!(has_space(text), text.contains(is_space), "{text:?}");
        }
    }

    #[test]
    fn traditional_characters_keep_their_length() {
        for (&traditional, &simple) in SIMPLIFIED.iter() {
            assert_eq!(
                traditional.len_utf8(),
                simple.len_utf8(),
                "{traditional} → {simple}"
            );
        }
        assert!(SIMPLIFIED.len() > 100, "the table is loaded");
    }

    #[test]
    fn simplified_reads_traditional_titles() {
        let read: String = "縣長書記億元X".chars().map(simplified).collect();
        assert_eq!(read, "县长书记亿元X");
    }
}
