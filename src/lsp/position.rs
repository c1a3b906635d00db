//! Places in a text as the protocol counts them. A position is a line and a character
//! offset in that line, counted in UTF-16 code units unless the client and the server agree
//! on UTF-8 (bytes) or UTF-32 (characters). wenlint's spans are byte offsets, so every
//! finding is converted here, and every edit the client sends is converted back.

use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit of a position's `character`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use: UTF-8 when the client offers it (no conversion at all), else
    /// UTF-32 when offered, else UTF-16, which every client must understand.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// The length of `c` in this encoding's units.
    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts, to convert between byte offsets and positions.
pub(crate) struct LineIndex {
    /// The byte offset of each line's first character; the first is 0.
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineIndex {
    pub fn new(text: &str, encoding: Encoding) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1));
        LineIndex { starts, encoding }
    }

    /// The position of byte offset `byte` of `text` (clamped to the text, and to a
    /// character boundary below it).
    pub fn position(&self, text: &str, byte: usize) -> Position {
        let byte = floor_boundary(text, byte.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= byte) - 1;
        let start = self.starts[line];
        let character = match self.encoding {
            Encoding::Utf8 => (byte - start) as u32,
            encoding => text[start..byte].chars().map(|c| encoding.units(c)).sum(),
        };
        Position::new(line as u32, character)
    }

    pub fn range(&self, text: &str, span: std::ops::Range<usize>) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of `position` in `text`. A line past the end is the end of the text;
    /// a character past the end of its line is the end of the line (before its line break),
    /// as the protocol asks; one inside a character is the start of that character.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next - 1);
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut units = 0;
        for (at, c) in line.char_indices() {
            let width = self.encoding.units(c);
            if units + width > position.character {
                return start + at;
            }
            units += width;
        }
        start + line.len()
    }
}

fn floor_boundary(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "第一行\r\n定于X月X日召开😀会议。\n";

    #[test]
    fn cjk_and_astral_characters_count_as_the_encoding_says() {
        let flagged = TEXT.find('X').unwrap();
        let after_emoji = TEXT.find("会议").unwrap();
        for (encoding, x, after) in [
            (Encoding::Utf16, 2, 10),
            (Encoding::Utf32, 2, 9),
            (Encoding::Utf8, 6, 24),
        ] {
            let index = LineIndex::new(TEXT, encoding);
            assert_eq!(
                index.position(TEXT, flagged),
                Position::new(1, x),
                "{encoding:?}"
            );
            assert_eq!(index.position(TEXT, after_emoji), Position::new(1, after));
            assert_eq!(index.offset(TEXT, Position::new(1, x)), flagged);
            assert_eq!(index.offset(TEXT, Position::new(1, after)), after_emoji);
        }
    }

    #[test]
    fn positions_past_a_line_or_the_text_are_clamped() {
        let index = LineIndex::new(TEXT, Encoding::Utf16);
        assert_eq!(index.offset(TEXT, Position::new(0, 99)), "第一行".len());
        assert_eq!(index.offset(TEXT, Position::new(9, 0)), TEXT.len());
        assert_eq!(index.position(TEXT, TEXT.len()), Position::new(2, 0));
        // Inside the emoji's surrogate pair: the start of the emoji.
        let emoji = TEXT.find('😀').unwrap();
        let index_of_emoji = index.position(TEXT, emoji).character;
        assert_eq!(
            index.offset(TEXT, Position::new(1, index_of_emoji + 1)),
            emoji
        );
    }

    #[test]
    fn every_offset_survives_the_round_trip() {
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let index = LineIndex::new(TEXT, encoding);
            for (at, _) in TEXT.char_indices() {
                let position = index.position(TEXT, at);
                let back = index.offset(TEXT, position);
                // Inside a CRLF is not addressable: the pair is the line's end.
                let in_crlf = TEXT[at..].starts_with('\r') || TEXT[..at].ends_with('\r');
                if !in_crlf {
                    assert_eq!(back, at, "{encoding:?} {at}");
                }
            }
        }
    }
}
