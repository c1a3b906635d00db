//! A story's characters into paragraphs, one line each, as the `.docx` reader makes them:
//! Word's control characters ([MS-DOC] 2.4.3, 2.8.25) are read for the structure they mark
//! and do not reach the text.
//!
//! - paragraph mark (0x0D), cell mark (0x07), section mark (0x0C at a section's end): the end
//!   of a paragraph, unless the mark ends a table row, which is no paragraph in a `.docx`;
//! - line break (0x0B), column break (0x0E), page break (0x0C elsewhere): a break within the
//!   paragraph, resolved as the `.docx` reader resolves `w:br`;
//! - field begin (0x13), separator (0x14) and end (0x15): the code, from the begin to the
//!   separator, is left out, with any field nested in it; the result is kept;
//! - tab (0x09) stays; non-breaking hyphen (0x1E) is `-`; optional hyphen (0x1F), pictures
//!   (0x01), drawn objects (0x08), note and comment references and any other control
//!   character are dropped.

use super::rows::RowEnds;
use crate::read::word::{resolve_breaks, Lines, BREAK};

const CELL_MARK: u16 = 0x07;
const LINE_BREAK: u16 = 0x0B;
const PAGE_BREAK: u16 = 0x0C;
const PARAGRAPH_MARK: u16 = 0x0D;
const COLUMN_BREAK: u16 = 0x0E;
const FIELD_BEGIN: u16 = 0x13;
const FIELD_SEPARATOR: u16 = 0x14;
const FIELD_END: u16 = 0x15;
const NON_BREAKING_HYPHEN: u16 = 0x1E;

/// The paragraphs of one story, built as its characters arrive.
pub(super) struct Paragraphs<'a> {
    lines: Lines,
    line: String,
    /// The open fields, innermost last: `true` while in the field's code.
    fields: Vec<bool>,
    /// How many of `fields` are in their code.
    in_code: usize,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
    rows: &'a RowEnds,
    /// The CPs of the section marks, sorted.
    section_marks: &'a [u32],
}

impl<'a> Paragraphs<'a> {
    pub(super) fn new(rows: &'a RowEnds, section_marks: &'a [u32]) -> Self {
        Paragraphs {
            lines: Lines::default(),
            line: String::new(),
            fields: Vec::new(),
            in_code: 0,
            high: None,
            rows,
            section_marks,
        }
    }

    /// One character, as a UTF-16 code unit, with its CP and the FC it is stored at.
    pub(super) fn push(&mut self, unit: u16, cp: u32, fc: u32) {
        if let Some(high) = self.high.take() {
            if (0xDC00..0xE000).contains(&unit) {
                let pair = char::decode_utf16([high, unit]).next().and_then(Result::ok);
                self.visible(pair.unwrap_or(char::REPLACEMENT_CHARACTER));
                return;
            }
            self.visible(char::REPLACEMENT_CHARACTER);
        }
        match unit {
            PARAGRAPH_MARK | CELL_MARK => self.end_paragraph(self.rows.contains(fc)),
            PAGE_BREAK if self.section_marks.binary_search(&cp).is_ok() => {
                self.end_paragraph(false);
            }
            LINE_BREAK | PAGE_BREAK | COLUMN_BREAK => self.visible(BREAK),
            FIELD_BEGIN => {
                self.fields.push(true);
                self.in_code += 1;
            }
            FIELD_SEPARATOR => {
                if let Some(in_code @ true) = self.fields.last_mut() {
                    *in_code = false;
                    self.in_code -= 1;
                }
            }
            FIELD_END => {
                if self.fields.pop() == Some(true) {
                    self.in_code -= 1;
                }
            }
            NON_BREAKING_HYPHEN => self.visible('-'),
            0x09 => self.visible('\t'),
            0x00..0x20 => {}
            0xD800..0xDC00 => self.high = Some(unit),
            _ => {
                self.visible(char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER))
            }
        }
    }

    /// A character of the text, unless it is in a field's code.
    fn visible(&mut self, c: char) {
        if self.in_code == 0 {
            self.line.push(c);
        }
    }

    /// Ends the paragraph; a table row's end is no paragraph, and whatever it holds is not
    /// text.
    fn end_paragraph(&mut self, row_end: bool) {
        let line = std::mem::take(&mut self.line);
        if row_end {
            return;
        }
        if line.contains(BREAK) {
            self.lines.push(&resolve_breaks(&line));
        } else {
            self.lines.push(&line);
        }
    }

    /// The paragraphs, with a last one that no mark ended.
    pub(super) fn finish(mut self) -> Lines {
        if self.high.take().is_some() {
            self.visible(char::REPLACEMENT_CHARACTER);
        }
        if !self.line.is_empty() {
            self.end_paragraph(false);
        }
        self.lines
    }
}
