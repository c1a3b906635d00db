//! The paragraphs of a WordprocessingML part (the document, a header or a footer), built from
//! its XML events as they stream by, one line per `w:p`. Here is what counts as text: runs and
//! tabs in, deletions, field codes and fallback copies out, line breaks resolved once a
//! paragraph is complete. References are resolved without a DTD, which is refused.

use std::io::BufRead;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

use super::{unreadable, DocxError, Lines};

/// WordprocessingML in its usual (transitional) and ISO strict namespaces.
const W_NAMESPACES: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
pub(super) const MC_NAMESPACE: &[u8] =
    b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// What an element means for the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Paragraph,
    Run,
    /// `w:t`, whose character data is the text.
    Text,
    /// `mc:AlternateContent`, and whether one of its choices was taken.
    Alternatives {
        chosen: bool,
    },
    Other,
}

/// What to do with an element that opens.
enum Action {
    Enter(Tag),
    /// Leave out the element and everything in it.
    Skip,
    /// A mark inside a run that stands for a character (`w:tab`, `w:br`), or for none.
    Mark(Option<char>),
    Field(FieldChar),
}

#[derive(Debug, Clone, Copy)]
enum FieldChar {
    Begin,
    Separate,
    End,
}

/// Which vocabulary an element belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    Word,
    Compatibility,
    Other,
}

impl Space {
    fn of(resolved: &ResolveResult<'_>) -> Space {
        match resolved {
            ResolveResult::Bound(Namespace(ns)) if W_NAMESPACES.contains(ns) => Space::Word,
            ResolveResult::Bound(Namespace(ns)) if *ns == MC_NAMESPACE => Space::Compatibility,
            _ => Space::Other,
        }
    }
}

/// The paragraphs of one part, built as its events stream by.
#[derive(Default)]
struct Extractor {
    lines: Lines,
    /// The open paragraphs, outermost first: a text box's paragraphs open inside another.
    open: Vec<String>,
    /// Finished paragraphs of text boxes, which follow the paragraph that anchors them.
    anchored: Vec<String>,
    /// The open elements, outside skipped ones.
    stack: Vec<Tag>,
    /// Depth inside a skipped element; 0 when not skipping.
    skipping: usize,
    /// The open complex fields, innermost last: `true` while in the field's code (between
    /// `begin` and `separate`), whose text is left out, even that of fields nested in it.
    fields: Vec<bool>,
    /// How many of `fields` are in their code, so that each piece of text is judged at once.
    in_code: usize,
    saw_root: bool,
}

impl Extractor {
    fn start(&mut self, space: Space, element: &BytesStart<'_>) {
        self.saw_root = true;
        if self.skipping > 0 {
            self.skipping += 1;
            return;
        }
        match self.action(space, element) {
            Action::Enter(Tag::Paragraph) => {
                self.open.push(String::new());
                self.stack.push(Tag::Paragraph);
            }
            Action::Enter(tag) => self.stack.push(tag),
            Action::Skip => self.skipping = 1,
            Action::Mark(mark) => {
                if let Some(c) = mark {
                    self.push_char(c);
                }
                self.stack.push(Tag::Other);
            }
            Action::Field(field) => {
                self.field(field);
                self.stack.push(Tag::Other);
            }
        }
    }

    fn end(&mut self) {
        if self.skipping > 0 {
            self.skipping -= 1;
        } else if self.stack.pop() == Some(Tag::Paragraph) {
            self.close_paragraph();
        }
    }

    fn close_paragraph(&mut self) {
        let Some(mut line) = self.open.pop() else {
            return;
        };
        if line.contains(BREAK) {
            line = resolve_breaks(&line);
        }
        if self.open.is_empty() {
            self.lines.push(&line);
            for anchored in self.anchored.drain(..) {
                self.lines.push(&anchored);
            }
        } else {
            self.anchored.push(line);
        }
    }

    fn action(&mut self, space: Space, element: &BytesStart<'_>) -> Action {
        let name = element.local_name();
        let parent = self.stack.last().copied();
        match space {
            Space::Word => word_action(name.as_ref(), parent, element),
            Space::Compatibility => self.compatibility_action(name.as_ref()),
            Space::Other => Action::Enter(Tag::Other),
        }
    }

    /// Takes the first choice of an `mc:AlternateContent` and skips the rest: Word writes a
    /// text box twice, as DrawingML and as a VML fallback.
    fn compatibility_action(&mut self, name: &[u8]) -> Action {
        match (name, self.stack.last_mut()) {
            (b"AlternateContent", _) => Action::Enter(Tag::Alternatives { chosen: false }),
            (b"Choice", Some(Tag::Alternatives { chosen })) if !*chosen => {
                *chosen = true;
                Action::Enter(Tag::Other)
            }
            (b"Choice" | b"Fallback", _) => Action::Skip,
            _ => Action::Enter(Tag::Other),
        }
    }

    fn field(&mut self, field: FieldChar) {
        match field {
            FieldChar::Begin => {
                self.fields.push(true);
                self.in_code += 1;
            }
            FieldChar::Separate => {
                if let Some(in_code @ true) = self.fields.last_mut() {
                    *in_code = false;
                    self.in_code -= 1;
                }
            }
            FieldChar::End => {
                if self.fields.pop() == Some(true) {
                    self.in_code -= 1;
                }
            }
        }
    }

    fn in_visible_text(&self) -> bool {
        self.skipping == 0 && self.stack.last() == Some(&Tag::Text) && self.in_code == 0
    }

    /// Character data of a `w:t`; a line end in it would split the paragraph's line.
    fn text(&mut self, text: &str) {
        if !self.in_visible_text() {
            return;
        }
        if let Some(line) = self.open.last_mut() {
            line.extend(
                text.chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
            );
        }
    }

    fn push_char(&mut self, c: char) {
        if self.in_code == 0 {
            if let Some(line) = self.open.last_mut() {
                line.push(c);
            }
        }
    }
}

/// Stands for a line break (`w:br`, `w:cr`) until the paragraph is complete and the characters
/// on both sides are known. XML text cannot hold it.
const BREAK: char = '\0';

/// Joins the lines of a paragraph that manual line breaks split: with a space, so that words
/// do not run together, except between two Chinese characters, where a space would not be
/// there in print. Titles of official documents are broken into lines by hand, often
/// mid-word (`素材整⏎理工作`), and a space there would split the word `整理`. Breaks at either
/// end of the paragraph or beside a space add nothing. (The same rule as CSS's for line
/// breaks in source text.)
fn resolve_breaks(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != BREAK {
            out.push(c);
            continue;
        }
        while chars.next_if_eq(&BREAK).is_some() {}
        let (Some(before), Some(&after)) = (out.chars().next_back(), chars.peek()) else {
            continue;
        };
        let spaced = before.is_whitespace() || after.is_whitespace();
        let chinese = is_wide(before) && is_wide(after);
        if !spaced && !chinese {
            out.push(' ');
        }
    }
    out
}

/// Chinese and Japanese characters and full-width punctuation and forms (East Asian Width
/// W or F), which print without spaces between them. Curly quotes are not among them: their
/// width is ambiguous, so a break beside them stays a space.
fn is_wide(c: char) -> bool {
    matches!(
        c as u32,
        0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF01..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD
    )
}

/// What a WordprocessingML element means; marks count only in a run, since `w:tab` also
/// defines tab stops in paragraph properties.
fn word_action(name: &[u8], parent: Option<Tag>, element: &BytesStart<'_>) -> Action {
    let in_run = parent == Some(Tag::Run);
    match name {
        b"p" => Action::Enter(Tag::Paragraph),
        b"r" => Action::Enter(Tag::Run),
        b"t" if in_run => Action::Enter(Tag::Text),
        // Deleted and moved-away text, properties, field codes.
        b"del" | b"moveFrom" | b"delText" | b"instrText" | b"delInstrText" | b"pPr" | b"rPr" => {
            Action::Skip
        }
        b"tab" | b"ptab" if in_run => Action::Mark(Some('\t')),
        b"br" | b"cr" if in_run => Action::Mark(Some(BREAK)),
        b"noBreakHyphen" if in_run => Action::Mark(Some('-')),
        b"fldChar" if in_run => match field_char(element) {
            Some(field) => Action::Field(field),
            None => Action::Mark(None),
        },
        _ => Action::Enter(Tag::Other),
    }
}

fn field_char(element: &BytesStart<'_>) -> Option<FieldChar> {
    let kind = element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"fldCharType")?;
    match kind.value.as_ref() {
        b"begin" => Some(FieldChar::Begin),
        b"separate" => Some(FieldChar::Separate),
        b"end" => Some(FieldChar::End),
        _ => None,
    }
}

/// The paragraphs of a WordprocessingML part (document, header or footer).
pub(super) fn paragraphs(input: &mut dyn BufRead, part: &str) -> Result<Lines, DocxError> {
    let mut reader = NsReader::from_reader(input);
    let mut buf = Vec::new();
    let mut extractor = Extractor::default();
    loop {
        buf.clear();
        let (resolved, event) = match reader.read_resolved_event_into(&mut buf) {
            Ok(pair) => pair,
            Err(e) => return Err(xml_error(part, reader.error_position(), e)),
        };
        let space = Space::of(&resolved);
        match event {
            Event::Start(e) => extractor.start(space, &e),
            Event::Empty(e) => {
                extractor.start(space, &e);
                extractor.end();
            }
            Event::End(_) => extractor.end(),
            Event::Text(t) => match t.xml10_content() {
                Ok(text) => extractor.text(&text),
                Err(e) => return Err(xml_error(part, reader.buffer_position(), e.into())),
            },
            Event::CData(t) => match t.decode() {
                Ok(text) => extractor.text(&text),
                Err(e) => return Err(xml_error(part, reader.buffer_position(), e.into())),
            },
            Event::GeneralRef(r) => match resolve_reference(&r) {
                Ok(text) => extractor.text(&text),
                Err(message) => return Err(malformed(part, reader.buffer_position(), message)),
            },
            Event::DocType(_) => return Err(DocxError::Dtd { part: part.into() }),
            Event::Eof => return finish(extractor, part, reader.buffer_position()),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
}

/// An `&…;` reference: a character, or one of XML's five predefined entities. Any other name
/// would need a DTD to define it.
fn resolve_reference(reference: &BytesRef<'_>) -> Result<String, String> {
    if let Some(c) = reference.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let name = reference.decode().map_err(|e| e.to_string())?;
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| format!("undefined entity `&{name};`"))
}

/// The paragraphs once the part has ended, if it ended where its root element does.
fn finish(extractor: Extractor, part: &str, position: u64) -> Result<Lines, DocxError> {
    if !extractor.saw_root {
        return Err(malformed(part, position, "no root element".into()));
    }
    if !extractor.stack.is_empty() || extractor.skipping > 0 {
        return Err(malformed(
            part,
            position,
            "the part ends inside an element".into(),
        ));
    }
    Ok(extractor.lines)
}

/// A failure of the reader: the archive's own (damaged data) or the XML's.
pub(super) fn xml_error(part: &str, position: u64, error: quick_xml::Error) -> DocxError {
    match error {
        quick_xml::Error::Io(e) => unreadable(part, e),
        e => malformed(part, position, e.to_string()),
    }
}

fn malformed(part: &str, position: u64, message: String) -> DocxError {
    DocxError::Xml {
        part: part.to_string(),
        position,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_join_chinese_without_a_space_and_other_text_with_one() {
        for (line, joined) in [
            ("素材整\0理工作", "素材整理工作"),
            ("通知\0\0（草案）", "通知（草案）"),
            ("XX\0局", "XX 局"),
            ("“刀盾”\0传播", "“刀盾” 传播"),
            ("Word\0file", "Word file"),
            ("\0标题\0", "标题"),
            ("甲 \0乙", "甲 乙"),
        ] {
            assert_eq!(resolve_breaks(line), joined, "{line:?}");
        }
    }
}
