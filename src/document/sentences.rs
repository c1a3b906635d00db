//! Chinese sentence splitting.
//!
//! A sentence ends at `。！？；` (full- or half-width `!?` too) or at an ellipsis `……`, together
//! with any further end marks and the closing quotes or brackets that follow it (`。”`, `？！`,
//! `……）`). An ASCII full stop never ends a sentence: in Chinese text it is an item marker (`1.`),
//! a decimal point or part of an abbreviation, so `2.严密组织教育培训。` stays one sentence.

use crate::span::{Span, Spans};

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〕' | '］' | '"' | '\''
    )
}

/// The first bytes of the end marks: `。` 0xE3, `！？；` 0xEF, `…` 0xE2, and `!?`.
const TERMINATOR_FIRST_BYTES: [u8; 5] = [0xE3, 0xEF, 0xE2, b'!', b'?'];

/// Splits `span` of `text` into sentence spans, trimmed of surrounding whitespace.
#[cfg(test)]
pub(super) fn split(text: &str, span: Span) -> Vec<Span> {
    let mut sentences = Spans::default();
    split_into(&mut sentences, text, span);
    sentences.iter().collect()
}

/// Adds the sentences of `span` of `text` to `sentences` ([`split`]): a document's are gathered
/// in one list, with no list made for each paragraph. Only the places where an end mark can be
/// are decoded (found by byte search), not every character.
pub(super) fn split_into(sentences: &mut Spans, text: &str, span: Span) {
    let base = span.start;
    let paragraph = &text[span];
    let mut start = 0;
    for i in crate::document::chars::find_bytes(paragraph.as_bytes(), &TERMINATOR_FIRST_BYTES) {
        // Marks inside the run of marks that ended the last sentence are part of it.
        if i < start {
            continue;
        }
        let Some(c) = paragraph[i..].chars().next() else {
            continue;
        };
        if !is_terminator(c) || is_lone_ellipsis_dot(paragraph, i, c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        for next in paragraph[end..].chars() {
            if !(is_terminator(next) || is_closing(next)) {
                break;
            }
            end += next.len_utf8();
        }
        push_trimmed(sentences, paragraph, base, start..end);
        start = end;
    }
    push_trimmed(sentences, paragraph, base, start..paragraph.len());
}

/// A single `…` (as opposed to `……`) is usually a truncated quotation inside a sentence.
fn is_lone_ellipsis_dot(paragraph: &str, i: usize, c: char) -> bool {
    c == '…' && !paragraph[i + c.len_utf8()..].starts_with('…') && !paragraph[..i].ends_with('…')
}

/// Pushes the sentence at `range` of `paragraph` (at `base` in the document), trimmed as a
/// paragraph is ([`super::mask::trim`]), unless nothing is left.
fn push_trimmed(out: &mut Spans, paragraph: &str, base: usize, range: Span) {
    if let Some(content) = super::mask::trim(paragraph, range) {
        out.push(base + content.start..base + content.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The split as a walk over every character: what [`split`] must find.
    fn split_by_walking(text: &str, span: Span) -> Vec<Span> {
        let base = span.start;
        let paragraph = &text[span];
        let mut sentences = Spans::default();
        let mut start = 0;
        let mut chars = paragraph.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !is_terminator(c) || is_lone_ellipsis_dot(paragraph, i, c) {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, next)) = chars.peek() {
                if is_terminator(next) || is_closing(next) {
                    end = j + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push_trimmed(&mut sentences, paragraph, base, start..end);
            start = end;
        }
        push_trimmed(&mut sentences, paragraph, base, start..paragraph.len());
        sentences.iter().collect()
    }

    proptest! {
        #[test]
        fn the_byte_search_splits_as_a_walk_over_every_character(
            text in "[。！？；!?…”’」』）)》】〕］\"'，、 a字\n]{0,40}",
        ) {
            prop_assert_eq!(split(&text, 0..text.len()), split_by_walking(&text, 0..text.len()));
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        split(text, 0..text.len())
            .into_iter()
            .map(|s| &text[s])
            .collect()
    }

    #[test]
    fn splits_at_chinese_end_marks_with_closing_quotes() {
        assert_eq!(
            sentences("他说：“要落实。”我们照办！还有吗？有；没有……好。"),
            [
                "他说：“要落实。”",
                "我们照办！",
                "还有吗？",
                "有；",
                "没有……",
                "好。"
            ]
        );
    }

    #[test]
    fn item_marker_and_decimal_are_not_sentence_ends() {
        assert_eq!(
            sentences("1.加强组织领导。2.增长2.5%。"),
            ["1.加强组织领导。", "2.增长2.5%。"]
        );
    }

    #[test]
    fn repeated_marks_stay_with_their_sentence() {
        assert_eq!(sentences("真的吗？！是的。"), ["真的吗？！", "是的。"]);
    }

    #[test]
    fn text_without_end_mark_is_one_sentence() {
        assert_eq!(sentences("  一、总体要求  "), ["一、总体要求"]);
        assert!(sentences("   ").is_empty());
    }
}
