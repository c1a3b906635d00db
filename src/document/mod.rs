//! The document model every rule works on.
//!
//! A [`Document`] keeps the decoded [`source`](Document::source) for display and a *lint view*,
//! [`text`](Document::text): the same string with everything that is not prose (Markdown code,
//! front matter, HTML comments, link targets; URLs and e-mail addresses in any format) blanked
//! out with ASCII spaces, byte for byte. Because the lint view has exactly the source's length
//! and line breaks, every byte offset a rule finds in it is already an offset into the source:
//! no offset mapping, no drift.
//!
//! Outside the crate positions are 1-based lines and columns counted in characters (one CJK
//! character is one column); [`Document::position`] is the one conversion.

pub mod census;
pub mod chars;
mod markdown;
mod mask;
mod quoted;
mod sentences;

pub use markdown::ListItem;
pub use quoted::{InOrder, Quoted, Titles};

use crate::span::{Span, Spans};

/// How the source is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: every line is a paragraph (drafts put a whole paragraph on one line).
    Text,
    /// Markdown: only the prose is linted; paragraphs are Markdown blocks.
    Markdown,
}

impl Format {
    /// The format implied by a file name's extension; anything but Markdown is plain text.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
                Format::Markdown
            }
            _ => Format::Text,
        }
    }
}

pub use crate::span::Position;

/// About how many bytes of text a sentence takes (thirty Chinese characters): what the list
/// of sentences is given room for before they are split.
const BYTES_A_SENTENCE: usize = 90;

#[derive(Debug)]
pub struct Document {
    /// The decoded text as the user wrote it (without a byte-order mark).
    pub source: std::sync::Arc<String>,
    /// The lint view: `source` with non-prose bytes replaced by spaces (see module docs).
    /// Most texts hide nothing; then it is `source` itself, not a copy.
    pub text: std::sync::Arc<String>,
    pub format: Format,
    line_starts: Vec<usize>,
    /// `(byte, column)` marks every [`CHECKPOINT_BYTES`] along long lines, so that turning an
    /// offset into a column never counts more than that many bytes, however long the line.
    column_marks: Vec<(usize, usize)>,
    /// Paragraph spans, trimmed of surrounding whitespace, in order.
    pub paragraphs: Vec<Span>,
    /// Sentence spans inside the paragraphs, in order.
    pub sentences: Spans,
    /// Markdown ordered-list items (their numbers are markup, hidden from the lint view).
    pub ordered_items: Vec<ListItem>,
    /// Markdown tables: numbers in their cells are data, not headings.
    pub tables: Vec<Span>,
    /// Markdown's raw HTML, where suppression comments are.
    pub html: Vec<Span>,
    /// Quotations and titles, found together ([`quoted::read`]).
    quoting: std::sync::OnceLock<(Quoted, Titles)>,
    census: std::sync::OnceLock<census::Census>,
}

impl Document {
    pub fn new(source: String, format: Format) -> Document {
        let markdown = match format {
            Format::Markdown => markdown::parse(&source),
            Format::Text => markdown::Parsed::default(),
        };
        let mut hidden = match format {
            Format::Markdown => markdown::non_prose_ranges(&source, &markdown),
            Format::Text => Vec::new(),
        };
        hidden.extend(mask::url_and_email_ranges(&source));
        let source = std::sync::Arc::new(source);
        // The lint view has the source's line breaks, byte for byte: one search finds them
        // for the positions and for a plain text's paragraphs.
        let line_starts = mask::line_starts(&source);
        let text = if hidden.is_empty() {
            source.clone()
        } else {
            std::sync::Arc::new(mask::blank_out(&source, &hidden))
        };
        let raw_paragraphs = match format {
            Format::Markdown => markdown.blocks,
            Format::Text => mask::line_ranges(&text, &line_starts),
        };
        // Made in the room of the lines (the list is reused), which has up to twice the room
        // the lines need, and the blank lines have none: a long text's is let go.
        let mut paragraphs: Vec<Span> = raw_paragraphs
            .into_iter()
            .filter_map(|span| mask::trim(&text, span))
            .collect();
        paragraphs.shrink_to_fit();
        // Room for a sentence every few dozen characters (and no more than a long text needs
        // for a start): grown from nothing, the list was copied a dozen times over in each
        // document before it was trimmed to its length.
        let mut sentences = Spans::with_capacity((text.len() / BYTES_A_SENTENCE).min(1 << 16));
        for paragraph in &paragraphs {
            sentences::split_into(&mut sentences, &text, paragraph.clone());
        }
        // Collected without knowing their number, the list has up to twice the room it needs,
        // held for the whole check: a long document has a few hundred thousand sentences.
        sentences.shrink_to_fit();
        let column_marks = column_marks(&source, &line_starts);
        Document {
            source,
            text,
            format,
            line_starts,
            column_marks,
            paragraphs,
            sentences,
            ordered_items: markdown.ordered_items,
            tables: markdown.tables,
            html: markdown.html,
            quoting: std::sync::OnceLock::new(),
            census: std::sync::OnceLock::new(),
        }
    }

    /// Where the text quotes, found once and shared by the rules that leave quotations alone.
    pub fn quoted(&self) -> &Quoted {
        &self.quoting().0
    }

    /// The book titles `《…》`, found once and shared by the rules that leave them alone.
    pub fn titles(&self) -> &Titles {
        &self.quoting().1
    }

    /// Where the characters the rules start from are in the text, found in one pass and
    /// shared by those rules.
    pub fn census(&self) -> &census::Census {
        self.census.get_or_init(|| census::Census::of(&self.text))
    }

    fn quoting(&self) -> &(Quoted, Titles) {
        self.quoting.get_or_init(|| quoted::read(&self.text))
    }

    /// Number of lines (a final line without a newline counts; an empty text has one line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based index of the line holding `byte`.
    pub fn line_index(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of a 0-based line, without its line terminator (`\n` or `\r\n`).
    pub fn line_span(&self, line_index: usize) -> Span {
        let start = self.line_starts[line_index];
        let end = self
            .line_starts
            .get(line_index + 1)
            .map_or(self.source.len(), |next| next - 1);
        let end = if self.source[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// The one place where a byte offset becomes a 1-based line and character column.
    pub fn position(&self, byte: usize) -> Position {
        let line = self.line_index(byte);
        let line_start = self.line_starts[line];
        let (from, column) = match self.column_marks.partition_point(|&(b, _)| b <= byte) {
            0 => (line_start, 0),
            i => match self.column_marks[i - 1] {
                (mark, column) if mark > line_start => (mark, column),
                _ => (line_start, 0),
            },
        };
        Position {
            line: line + 1,
            column: column + self.source[from..byte].chars().count() + 1,
        }
    }

    /// [`Document::position`] of `byte`, counted on from `from`, an earlier byte whose
    /// position is known, when both are on one line: a report's places in order, or the end
    /// of a span after its start, are counted from the one before, not each from its line's
    /// start (a long document's paragraph is a line, and its findings are many).
    pub fn position_after(&self, (from, known): (usize, Position), byte: usize) -> Position {
        let line = self.line_index(byte);
        if from > byte || line + 1 != known.line {
            return self.position(byte);
        }
        Position {
            line: known.line,
            column: known.column + self.source[from..byte].chars().count(),
        }
    }

    /// Whether `span` lies inside a Markdown table.
    pub fn in_table(&self, span: &Span) -> bool {
        let i = self.tables.partition_point(|t| t.end < span.end);
        self.tables.get(i).is_some_and(|t| t.start <= span.start)
    }

    /// The paragraph that contains `byte`, if any.
    pub fn paragraph_at(&self, byte: usize) -> Option<Span> {
        let i = self.paragraphs.partition_point(|p| p.end <= byte);
        self.paragraphs.get(i).filter(|p| p.start <= byte).cloned()
    }

    /// The sentence that contains `byte`, if any.
    pub fn sentence_at(&self, byte: usize) -> Option<Span> {
        let i = self.sentences.partition_point(|s| s.end <= byte);
        self.sentences.get(i).filter(|s| s.start <= byte)
    }
}

/// Whether an occurrence of `phrase` in `text` covers `span`: `全会精神` inside a longer right
/// form, a name inside an allowed phrase (`北京冬奥会`). Looks only at the bytes around `span`.
pub fn phrase_covers(text: &str, span: &Span, phrase: &str) -> bool {
    let from = floor_boundary(text, span.end.saturating_sub(phrase.len()));
    let to = ceil_boundary(text, span.start + phrase.len());
    from <= span.start
        && text[from..to.max(span.end)]
            .match_indices(phrase)
            .any(|(i, p)| from + i <= span.start && span.end <= from + i + p.len())
}

/// The character boundary at or before `at` (clamped to the text).
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The character boundary at or after `at` (clamped to the text).
pub fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Distance between column marks on a long line.
const CHECKPOINT_BYTES: usize = 4096;

fn column_marks(source: &str, line_starts: &[usize]) -> Vec<(usize, usize)> {
    let mut marks = Vec::new();
    for (i, &start) in line_starts.iter().enumerate() {
        let end = line_starts.get(i + 1).copied().unwrap_or(source.len());
        let (mut at, mut column) = (start, 0);
        while end - at > CHECKPOINT_BYTES {
            let mut next = at + CHECKPOINT_BYTES;
            while !source.is_char_boundary(next) {
                next += 1;
            }
            column += source[at..next].chars().count();
            marks.push((next, column));
            at = next;
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A position counted on from an earlier one is the position counted from the line's
        /// start, on the same line or another, before or after.
        #[test]
        fn positions_counted_on_are_those_counted_from_the_line_start(
            source in "[a一😀\n]{0,40}",
            first in 0usize..60,
            second in 0usize..60,
        ) {
            let doc = Document::new(source.clone(), Format::Text);
            let boundary = |at: usize| floor_boundary(&source, at.min(source.len()));
            let (from, byte) = (boundary(first), boundary(second));
            let known = doc.position(from);
            proptest::prop_assert_eq!(doc.position_after((from, known), byte), doc.position(byte));
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let doc = Document::new("ab\n一二XX三\n😀X".to_string(), Format::Text);
        let xx = doc.source.find("XX").unwrap();
        assert_eq!(doc.position(xx), Position { line: 2, column: 3 });
        let x = doc.source.rfind('X').unwrap();
        assert_eq!(doc.position(x), Position { line: 3, column: 2 });
        assert_eq!(doc.position(0), Position { line: 1, column: 1 });
    }

    #[test]
    fn columns_on_very_long_lines_match_a_plain_count() {
        let source = format!("短行\n{}\n尾", "推进高质量发展，a".repeat(3000));
        let doc = Document::new(source.clone(), Format::Text);
        for (byte, _) in source.char_indices().step_by(997) {
            let line_start = source[..byte].rfind('\n').map_or(0, |i| i + 1);
            let expected = source[line_start..byte].chars().count() + 1;
            assert_eq!(doc.position(byte).column, expected, "at byte {byte}");
        }
        assert_eq!(doc.position(source.len()).line, 3);
    }

    #[test]
    fn crlf_lines_exclude_the_carriage_return() {
        let doc = Document::new("一二\r\n三\r\n".to_string(), Format::Text);
        assert_eq!(doc.line_count(), 3);
        assert_eq!(&doc.source[doc.line_span(0)], "一二");
        assert_eq!(&doc.source[doc.line_span(1)], "三");
        assert_eq!(doc.position(doc.source.find('三').unwrap()).line, 2);
    }

    #[test]
    fn each_nonblank_line_of_text_is_a_paragraph() {
        let doc = Document::new(
            "\u{3000}\u{3000}第一段。\n\n  第二段。\n".to_string(),
            Format::Text,
        );
        let paragraphs: Vec<&str> = doc
            .paragraphs
            .iter()
            .map(|p| &doc.source[p.clone()])
            .collect();
        assert_eq!(paragraphs, ["第一段。", "第二段。"]);
    }

    #[test]
    fn lint_view_keeps_length_and_hides_urls() {
        let source = "详见https://www.gov.cn/a?b=1，或来信xx@example.com。".to_string();
        let doc = Document::new(source.clone(), Format::Text);
        assert_eq!(doc.text.len(), source.len());
        assert!(!doc.text.contains("gov.cn"));
        assert!(!doc.text.contains("xx@"));
        assert!(doc.text.starts_with("详见"));
        assert!(doc.text.contains("，或来信"));
    }

    #[test]
    fn sentence_at_finds_the_enclosing_sentence() {
        let doc = Document::new("甲乙。丙丁！".to_string(), Format::Text);
        let bing = doc.source.find('丙').unwrap();
        assert_eq!(&doc.source[doc.sentence_at(bing).unwrap()], "丙丁！");
    }
}
