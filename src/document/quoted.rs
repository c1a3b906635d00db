//! Where the text quotes: inside `“…”`, `「…」`, `『…』` and `《…》`, and the editors' notes in
//! `【…】` and `[…]`. Quoted words are someone else's (a slogan, a title, a leader's words, a
//! template's instruction), so rules about the document's own wording leave them alone.

use crate::span::Span;

/// The quoted stretches of a text, sorted and disjoint (a title inside a quotation is one
/// stretch).
#[derive(Debug)]
pub struct Quoted(Vec<Span>);

impl Quoted {
    /// The quotations of `text` ([`read`] finds its titles with them).
    pub fn new(text: &str) -> Quoted {
        read(text).0
    }

    /// Whether the byte at `at` is inside quotation marks.
    pub fn contains(&self, at: usize) -> bool {
        let i = self.0.partition_point(|r| r.end <= at);
        self.0.get(i).is_some_and(|r| r.contains(&at))
    }

    /// Whether all of `span` is inside one quotation, its marks included: a sentence that is
    /// a whole quotation (`“要光明正大。”`) is covered.
    pub fn covers(&self, span: &Span) -> bool {
        let i = self.0.partition_point(|r| r.end <= span.start);
        self.covered_by(i, span)
    }

    /// [`Quoted::covers`] asked of spans one after another, in the order of their starts
    /// (the duplicate rules' units): the quotation that may cover one is found by stepping on
    /// from the last one's, where a search of every unit was hard for the processor to
    /// foresee.
    pub fn in_order(&self) -> InOrder<'_> {
        InOrder {
            quoted: self,
            next: 0,
        }
    }

    /// Whether the `i`th quotation, the first that ends past the start of `span`, covers it.
    fn covered_by(&self, i: usize, span: &Span) -> bool {
        self.0
            .get(i)
            .is_some_and(|r| r.start <= span.start && span.end <= r.end + '”'.len_utf8())
    }
}

/// See [`Quoted::in_order`].
pub struct InOrder<'q> {
    quoted: &'q Quoted,
    /// The first quotation that ends past the start of the span asked about last.
    next: usize,
}

impl InOrder<'_> {
    /// [`Quoted::covers`]. A span that starts before the last one asked about is searched
    /// for, not stepped to.
    pub fn covers(&mut self, span: &Span) -> bool {
        let quotations = &self.quoted.0;
        let went_past = self
            .next
            .checked_sub(1)
            .is_some_and(|before| quotations[before].end > span.start);
        if went_past {
            self.next = quotations.partition_point(|r| r.end <= span.start);
        }
        while quotations
            .get(self.next)
            .is_some_and(|r| r.end <= span.start)
        {
            self.next += 1;
        }
        self.quoted.covered_by(self.next, span)
    }
}

/// The book titles `《…》` of a text, marks included, sorted and disjoint (a title inside a
/// title is part of the outer one). Titles are cited as they are, so rules about the
/// document's own numbers and punctuation leave them alone (`《1921》`, `《2021-2025年规划》`).
/// Marks pair within a line, so an unbalanced `《` hides nothing beyond it.
#[derive(Debug)]
pub struct Titles(Vec<Span>);

impl Titles {
    /// The titles of `text` ([`read`] finds its quotations with them).
    pub fn new(text: &str) -> Titles {
        read(text).1
    }

    /// Whether `span` overlaps a title.
    pub fn overlaps(&self, span: &Span) -> bool {
        let i = self.0.partition_point(|s| s.end <= span.start);
        self.0.get(i).is_some_and(|s| s.start < span.end)
    }
}

/// The quotations and the book titles of `text`, found in one walk over its marks: the rules
/// that leave quoted words alone and those that leave titles alone mostly run together, and
/// the walk is what costs. Marks pair within a line: an unbalanced mark in a draft must not
/// hide the rest of the text.
pub fn read(text: &str) -> (Quoted, Titles) {
    let mut quotations = Vec::new();
    let mut titles: Vec<Span> = Vec::new();
    // The open marks of quotations (titles among them), and of titles alone.
    let (mut open, mut open_titles): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for (i, c) in marks(text) {
        match c {
            '“' | '《' | '「' | '『' | '【' | '[' => open.push(i),
            '”' | '》' | '」' | '』' | '】' | ']' => {
                if let Some(start) = open.pop() {
                    quotations.push(start..i);
                }
            }
            '\n' => {
                open.clear();
                open_titles.clear();
            }
            _ => {}
        }
        match c {
            '《' => open_titles.push(i),
            // A title inside a title is part of the outer one.
            '》' => {
                if let Some(start) = open_titles.pop() {
                    if open_titles.is_empty() {
                        titles.push(start..i + c.len_utf8());
                    }
                }
            }
            _ => {}
        }
    }
    (Quoted(merge_nested(quotations)), Titles(titles))
}

/// Where the marks [`Quoted`] and [`Titles`] pair are in `text`, and the line breaks, in
/// order: the bytes they start with are searched for (the full-width marks all start with
/// 0xE2 or 0xE3), and the marks there told by their bytes.
fn marks(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    const FIRST_BYTES: [u8; 5] = [0xE2, 0xE3, b'\n', b'[', b']'];
    let bytes = text.as_bytes();
    crate::document::chars::find_bytes(bytes, &FIRST_BYTES)
        .filter_map(|at| mark_at(bytes, at).map(|c| (at, c)))
}

/// The mark [`marks`] finds at byte `at` of `bytes` (a character boundary of a `str`), if one
/// is there. The full-width ones are `E2 80 9C`/`9D` (`“”`) and `E3 80 8A` to `E3 80 91`
/// (`《》「」『』【】`): the lead bytes are those of `、。…—` too, the commonest marks of
/// Chinese text, which are passed over by their last byte, not decoded and compared with
/// each mark.
fn mark_at(bytes: &[u8], at: usize) -> Option<char> {
    let lead = *bytes.get(at)?;
    if matches!(lead, b'\n' | b'[' | b']') {
        return Some(char::from(lead));
    }
    let &[second, third] = bytes.get(at + 1..at + 3)? else {
        return None;
    };
    let is_mark = second == 0x80
        && match lead {
            0xE2 => matches!(third, 0x9C | 0x9D),
            0xE3 => (0x8A..=0x91).contains(&third),
            _ => false,
        };
    let value = is_mark.then(|| crate::document::chars::three_byte_value_at(bytes, at));
    value.flatten().and_then(char::from_u32)
}

fn merge_nested(mut ranges: Vec<Span>) -> Vec<Span> {
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Span> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marks [`read`] pairs, and line breaks.
    const MARKS: [char; 13] = [
        '“', '《', '「', '『', '【', '[', '”', '》', '」', '』', '】', ']', '\n',
    ];

    proptest::proptest! {
        /// Asked in order or not, a walk answers what [`Quoted::covers`] does.
        #[test]
        fn a_walk_covers_what_a_search_covers(
            text in "[“”《》甲乙。\n]{0,40}",
            spans in proptest::collection::vec((0usize..50, 0usize..12), 0..30),
            sorted in proptest::bool::ANY,
        ) {
            let quoted = Quoted::new(&text);
            let mut spans: Vec<Span> = spans.into_iter().map(|(start, len)| start..start + len).collect();
            if sorted {
                spans.sort_by_key(|span| span.start);
            }
            let mut walk = quoted.in_order();
            for span in &spans {
                proptest::prop_assert_eq!(walk.covers(span), quoted.covers(span), "{:?}", span);
            }
        }

        /// The marks told by their bytes are the characters of [`MARKS`], decoded: among
        /// them the marks that share their first two bytes (`‘’〈〉〔〕、。`) or their lead
        /// byte (`…—`).
        #[test]
        fn marks_are_what_decoding_finds(
            text in "[“”‘’《》「」『』【】〈〉〔〕\\[\\]\n、。…—，的甲a ]{0,60}",
        ) {
            let decoded: Vec<(usize, char)> = text
                .char_indices()
                .filter(|(_, c)| MARKS.contains(c))
                .collect();
            proptest::prop_assert_eq!(marks(&text).collect::<Vec<_>>(), decoded);
        }
    }

    #[test]
    fn the_searcher_finds_every_mark_decoding_would() {
        let text = "他说：“学习《条例》[附件]「一」『二』【注】”，\n又说“ ” ] 》\r\n末";
        let decoded: Vec<(usize, char)> = text
            .char_indices()
            .filter(|(_, c)| MARKS.contains(c))
            .collect();
        assert_eq!(marks(text).collect::<Vec<_>>(), decoded);
    }

    #[test]
    fn titles_pair_within_a_line() {
        let text = "观看《1921》和《〈党史〉读本》，《未闭合\n后文";
        let titles = Titles::new(text);
        assert_eq!(titles.0.len(), 2);
        assert_eq!(&text[titles.0[0].clone()], "《1921》");
        let year = text.find("1921").unwrap();
        assert!(titles.overlaps(&(year..year + 4)));
        assert!(!titles.overlaps(&(text.find("后文").unwrap()..text.len())));
        assert!(!titles.overlaps(&(0..text.find('《').unwrap())));
    }

    #[test]
    fn quotations_pair_within_a_paragraph() {
        let text = "他说“我市《条例》”\n“我省";
        let quoted = Quoted::new(text);
        assert!(quoted.contains(text.find("我市").unwrap()));
        assert!(quoted.contains(text.find("条例").unwrap()));
        assert!(!quoted.contains(text.find("我省").unwrap()));
        let inner = text.find("我市").unwrap();
        assert!(quoted.covers(&(inner..inner + 6)));
        let whole = "“要光明正大。”";
        assert!(Quoted::new(whole).covers(&(0..whole.len())));
        let note = "[填写工作内容。]";
        assert!(Quoted::new(note).covers(&(0..note.len())));
    }
}
