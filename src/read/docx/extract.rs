//! The paragraphs of a WordprocessingML part (the document, a header or a footer), built from
//! its XML events as they stream by, one line per `w:p`. Here is what counts as text: runs and
//! tabs in, deletions, field codes and fallback copies out, line breaks resolved once a
//! paragraph is complete. References are resolved without a DTD, which is refused.

use std::borrow::Cow;
use std::io::BufRead;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

use super::{unreadable, DocxError};
use crate::read::word::{resolve_breaks_mapped, Lines, BREAK};

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
pub(crate) enum Space {
    Word,
    Compatibility,
    Other,
}

impl Space {
    pub(crate) fn of(resolved: &ResolveResult<'_>) -> Space {
        match resolved {
            ResolveResult::Bound(Namespace(ns)) if W_NAMESPACES.contains(ns) => Space::Word,
            ResolveResult::Bound(Namespace(ns)) if *ns == MC_NAMESPACE => Space::Compatibility,
            _ => Space::Other,
        }
    }
}

/// Where a stretch of a line's text stands in its part: `len` characters, from character
/// `at` of the line, are characters `offset..offset + len` of the text of the part's `t`-th
/// `w:t` element (counted in document order, among those the extractor enters). What a
/// commented copy anchors its comments to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    pub at: usize,
    pub len: usize,
    pub t: usize,
    pub offset: usize,
}

/// The pieces of one line of a part, and whether the line is a text box's paragraph (Word
/// takes no comment there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LinePieces {
    pub pieces: Vec<Piece>,
    pub boxed: bool,
}

/// A paragraph being read: its text, its length in characters, and (when pieces are asked
/// for) where its text came from.
#[derive(Default)]
struct OpenLine {
    text: String,
    chars: usize,
    pieces: Vec<Piece>,
}

/// The paragraphs of one part, built as its events stream by.
#[derive(Default)]
pub(crate) struct Extractor {
    lines: Lines,
    /// Whether to record where each line's text comes from ([`Piece`]).
    mapping: bool,
    /// For each line pushed, when `mapping`.
    line_pieces: Vec<LinePieces>,
    /// The open paragraphs, outermost first: a text box's paragraphs open inside another.
    open: Vec<OpenLine>,
    /// Finished paragraphs of text boxes, which follow the paragraph that anchors them.
    anchored: Vec<(String, Vec<Piece>)>,
    /// `w:t` elements entered so far, and characters of the current one's text so far.
    t_count: usize,
    t_chars: usize,
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
                self.open.push(OpenLine::default());
                self.stack.push(Tag::Paragraph);
            }
            Action::Enter(Tag::Text) => {
                self.t_count += 1;
                self.t_chars = 0;
                self.stack.push(Tag::Text);
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
        let Some(OpenLine {
            mut text,
            mut pieces,
            ..
        }) = self.open.pop()
        else {
            return;
        };
        if text.contains(BREAK) {
            let (resolved, moved) = resolve_breaks_mapped(&text);
            for piece in &mut pieces {
                piece.at = moved[piece.at];
            }
            text = resolved;
        }
        if self.open.is_empty() {
            self.push_line(&text, pieces, false);
            for (anchored, pieces) in std::mem::take(&mut self.anchored) {
                self.push_line(&anchored, pieces, true);
            }
        } else {
            self.anchored.push((text, pieces));
        }
    }

    fn push_line(&mut self, text: &str, pieces: Vec<Piece>, boxed: bool) {
        self.lines.push(text);
        if self.mapping {
            self.line_pieces.push(LinePieces { pieces, boxed });
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
    /// Character data of a `w:t`. Characters are counted (for [`Piece`]s) only when
    /// mapping, so that plain reading passes over the text once.
    fn text(&mut self, text: &str) {
        let offset = self.t_chars;
        if self.mapping && self.stack.last() == Some(&Tag::Text) {
            self.t_chars += text.chars().count();
        }
        if !self.in_visible_text() {
            return;
        }
        let (mapping, t) = (self.mapping, self.t_count.saturating_sub(1));
        if let Some(line) = self.open.last_mut() {
            line.text.extend(
                text.chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
            );
            let len = self.t_chars - offset;
            if mapping && len > 0 {
                line.pieces.push(Piece {
                    at: line.chars,
                    len,
                    t,
                    offset,
                });
                line.chars += len;
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if self.in_code == 0 {
            if let Some(line) = self.open.last_mut() {
                line.text.push(c);
                line.chars += usize::from(self.mapping);
            }
        }
    }
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
    read_part(Extractor::default(), input, part).map(|extractor| extractor.lines)
}

/// [`paragraphs`], with the [`Piece`]s of each line.
pub(super) fn paragraphs_mapped(
    input: &mut dyn BufRead,
    part: &str,
) -> Result<(Lines, Vec<LinePieces>), DocxError> {
    let extractor = Extractor::mapping();
    read_part(extractor, input, part).map(|extractor| (extractor.lines, extractor.line_pieces))
}

fn read_part(
    mut extractor: Extractor,
    input: &mut dyn BufRead,
    part: &str,
) -> Result<Extractor, DocxError> {
    let mut reader = NsReader::from_reader(input);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let (resolved, event) = match reader.read_resolved_event_into(&mut buf) {
            Ok(pair) => pair,
            Err(e) => return Err(xml_error(part, reader.error_position(), e)),
        };
        let space = Space::of(&resolved);
        if let Event::Eof = event {
            return finish(extractor, part, reader.buffer_position());
        }
        extractor
            .feed(space, &event)
            .map_err(|message| malformed(part, reader.buffer_position(), message))
            .map_err(|e| match (&event, e) {
                (Event::DocType(_), _) => DocxError::Dtd { part: part.into() },
                (_, e) => e,
            })?;
    }
}

impl Extractor {
    /// An extractor that records where each line's text comes from.
    pub(crate) fn mapping() -> Extractor {
        Extractor {
            mapping: true,
            ..Extractor::default()
        }
    }

    /// Takes one event of the part's XML; an error says what is wrong with it.
    pub(crate) fn feed(&mut self, space: Space, event: &Event<'_>) -> Result<(), String> {
        match event {
            Event::Start(e) => self.start(space, e),
            Event::Empty(e) => {
                self.start(space, e);
                self.end();
            }
            Event::End(_) => self.end(),
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                self.text(&character_data(event)?);
            }
            Event::DocType(_) => return Err("a DTD".into()),
            Event::Eof | Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
        Ok(())
    }

    /// Where the next character of text would come from: the ordinal of the open `w:t` and
    /// the characters of its text so far, when one is open.
    pub(crate) fn text_position(&self) -> Option<(usize, usize)> {
        (self.stack.last() == Some(&Tag::Text))
            .then(|| (self.t_count.saturating_sub(1), self.t_chars))
    }
}

/// An `&…;` reference: a character, or one of XML's five predefined entities. Any other name
/// would need a DTD to define it.
/// The characters a text, CDATA or reference event stands for (nothing for other events):
/// what the extractor reads, and what a rewrite of the part splits.
pub(crate) fn character_data(event: &Event<'_>) -> Result<String, String> {
    match event {
        Event::Text(t) => t
            .xml10_content()
            .map(Cow::into_owned)
            .map_err(|e| e.to_string()),
        Event::CData(t) => t.decode().map(Cow::into_owned).map_err(|e| e.to_string()),
        Event::GeneralRef(r) => resolve_reference(r),
        _ => Ok(String::new()),
    }
}

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
fn finish(extractor: Extractor, part: &str, position: u64) -> Result<Extractor, DocxError> {
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
    Ok(extractor)
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
