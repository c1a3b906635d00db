//! The text of Word `.docx` files, one line per Word paragraph.
//!
//! Drafts circulate as Word files, and asking people to save them as text first loses the
//! tables and the page headers where placeholders hide. One line per paragraph keeps a
//! finding's line equal to the paragraph's number and its column the character offset in it,
//! so that every rule and output works unchanged.
//!
//! A `.docx` is a zip archive of XML parts, and both layers can be hostile: a zip bomb inflates a
//! few KiB into gigabytes, an XML entity bomb ("billion laughs") expands a few nested entity
//! declarations without bound. So every part is parsed as a stream straight out of the archive
//! (nothing is extracted to disk or inflated whole into memory) through a counter that stops at
//! a size and at a compression ratio, and XML with a DTD is refused rather than expanded.
//!
//! Left out on purpose: footnotes, endnotes and comments (separate parts that a line number in
//! the body could not point to), deleted text of tracked changes (no longer in the draft), field
//! codes (`PAGE`, `MERGEFIELD`: markup, not prose; their results are kept), text boxes' VML
//! fallback copies (the same text twice) and equations.

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::io::{self, BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::rc::Rc;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;
use zip::result::ZipError;
use zip::ZipArchive;

/// Where Word keeps the body; other names are found through the package relationships.
const DOCUMENT: &str = "word/document.xml";

/// The package relationships, which name the main part when it is not `word/document.xml`.
const PACKAGE_RELS: &str = "_rels/.rels";

/// The first bytes of an OLE compound file: a Word 97–2003 `.doc`, or a `.docx` that Word
/// encrypted with a password (it wraps the zip in one).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const MIB: u64 = 1 << 20;

/// WordprocessingML in its usual (transitional) and ISO strict namespaces.
const W_NAMESPACES: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NAMESPACE: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// How much a `.docx` may make wenlint read. Real drafts stay far below every limit; a file
/// over one is refused, since reading on would let a crafted file exhaust memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Zip entries; Word writes a few dozen, a few thousand with many images.
    pub max_entries: usize,
    /// Uncompressed bytes of one part, counted as they are inflated (the size the zip header
    /// declares is not trusted).
    pub max_part_bytes: u64,
    /// Uncompressed bytes of all the parts read together.
    pub max_total_bytes: u64,
    /// Uncompressed bytes per compressed byte above which a part is taken for a zip bomb.
    /// XML compresses about 5–20:1; zeros, as bombs use, about 1000:1.
    pub max_ratio: u64,
    /// A part is judged by its ratio only past this many bytes, where a real part's ratio has
    /// settled.
    pub ratio_grace_bytes: u64,
}

impl Limits {
    /// 10,000 entries, 256 MiB per part and in all, 100:1 past 1 MiB (the ratio Apache POI
    /// also takes for a zip bomb).
    pub const DEFAULT: Limits = Limits {
        max_entries: 10_000,
        max_part_bytes: 256 * MIB,
        max_total_bytes: 256 * MIB,
        max_ratio: 100,
        ratio_grace_bytes: MIB,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Why a `.docx` could not be read; it reads well after the file's name, like
/// [`super::ReadError`].
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Not a zip archive, or one too damaged to list.
    #[error("is not a .docx file: not a readable zip archive ({0})")]
    NotAZip(#[source] ZipError),
    /// An OLE compound file: a Word 97–2003 `.doc` or a password-protected `.docx`.
    #[error(
        "is a Word 97-2003 .doc or a password-protected .docx; save it as an unprotected .docx to lint it"
    )]
    LegacyOrEncrypted,
    /// A zip archive without a main document part.
    #[error("is a zip archive without word/document.xml, not a Word .docx document")]
    MissingDocument,
    /// The archive holds more entries (counted by their directory headers) than
    /// [`Limits::max_entries`].
    #[error("has {entries} zip entries, more than the {limit} a .docx file may have")]
    TooManyEntries { entries: u64, limit: usize },
    /// More end-of-directory records than a `.docx` has, each of which a zip reader would try.
    #[error("has {found} zip directory records, more than the {limit} a .docx file may have")]
    TooManyDirectories { found: usize, limit: usize },
    /// One part inflates past [`Limits::max_part_bytes`].
    #[error("has a part, {part}, larger than {} uncompressed, so it is not read", size(*.limit))]
    TooLarge { part: String, limit: u64 },
    /// The parts read together inflate past [`Limits::max_total_bytes`].
    #[error("has text parts larger than {} in all uncompressed, so they are not read", size(*.limit))]
    TooLargeInAll { limit: u64 },
    /// A part inflates more than [`Limits::max_ratio`] times its compressed size.
    #[error(
        "has a part, {part}, that inflates more than {ratio}:1 as zip bombs do, so it is not read"
    )]
    Suspicious { part: String, ratio: u64 },
    /// A part declares a DTD, which could define entities that expand without bound.
    #[error(
        "has XML with a DTD in {part}, which is not accepted (its entities could expand without bound)"
    )]
    Dtd { part: String },
    /// A part is not well-formed XML.
    #[error("has malformed XML in {part} at byte {position}: {message}")]
    Xml {
        part: String,
        position: u64,
        message: String,
    },
    /// A part cannot be inflated (damaged data, an unsupported compression method, a password).
    #[error("has a part, {part}, that cannot be inflated: {message}")]
    Unreadable { part: String, message: String },
}

fn size(bytes: u64) -> String {
    if bytes >= MIB {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// The text of a `.docx`: every paragraph of the body (`w:p`, in document order, including the
/// paragraphs in table cells, each on its own line, and those of text boxes, after the
/// paragraph that anchors them), then the paragraphs of the page headers and footers
/// (`word/header*.xml`, then `word/footer*.xml`, in the order of their numbers; only those that
/// hold text, each distinct one once, since Word repeats a header for first, odd and even
/// pages and for each section), one paragraph per line, joined with `"\n"`.
///
/// Within a paragraph a tab stays `\t`, a non-breaking hyphen becomes `-`, and a line break
/// (`w:br`, `w:cr`) becomes a space so that the paragraph stays one line, or nothing between
/// two Chinese characters, as in a title broken by hand. Inserted text of
/// tracked changes is kept, deleted text is not; field results are kept, field codes are not.
/// Footnotes, endnotes and comments are left out.
pub fn text_of(bytes: &[u8]) -> Result<String, DocxError> {
    text_with_limits(bytes, &Limits::DEFAULT)
}

/// [`text_of`] with other limits, for callers (and tests) that need them tighter or looser.
pub fn text_with_limits(bytes: &[u8], limits: &Limits) -> Result<String, DocxError> {
    let mut package = Package::open(bytes, limits)?;
    let main = package.main_part()?;
    let mut lines = package.paragraphs(&main)?;
    let mut seen = HashSet::new();
    for name in package.header_and_footer_parts() {
        let part = package.paragraphs(&name)?;
        if !part.text.trim().is_empty() && seen.insert(part.text.clone()) {
            lines.append(&part);
        }
    }
    Ok(lines.text)
}

/// Paragraphs as lines of one text: a paragraph costs its text and a `\n`, however many
/// empty ones a part holds.
#[derive(Debug, Default)]
struct Lines {
    text: String,
    count: usize,
}

impl Lines {
    fn push(&mut self, line: &str) {
        if self.count > 0 {
            self.text.push('\n');
        }
        self.text.push_str(line);
        self.count += 1;
    }

    fn append(&mut self, other: &Lines) {
        if other.count > 0 {
            self.push(&other.text);
            self.count += other.count - 1;
        }
    }
}

/// An open archive and what has been read of it, so that the limits hold across parts.
struct Package<'a> {
    archive: ZipArchive<Counted<'a>>,
    /// Compressed bytes the archive has read so far.
    consumed: Rc<Cell<u64>>,
    limits: &'a Limits,
    total: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, DocxError> {
        if bytes.starts_with(OLE_MAGIC) {
            return Err(DocxError::LegacyOrEncrypted);
        }
        check_directory_records(bytes, limits)?;
        let consumed = Rc::new(Cell::new(0));
        let input = Counted {
            inner: Cursor::new(bytes),
            consumed: Rc::clone(&consumed),
        };
        let archive = ZipArchive::new(input).map_err(DocxError::NotAZip)?;
        if archive.len() > limits.max_entries {
            return Err(DocxError::TooManyEntries {
                entries: archive.len() as u64,
                limit: limits.max_entries,
            });
        }
        Ok(Package {
            archive,
            consumed,
            limits,
            total: 0,
        })
    }

    /// The name of the main document part: `word/document.xml` in all but a few producers'
    /// files, which the package relationships then name.
    fn main_part(&mut self) -> Result<String, DocxError> {
        if let Some(name) = self.entry_name(DOCUMENT) {
            return Ok(name);
        }
        if self.entry_name(PACKAGE_RELS).is_none() {
            return Err(DocxError::MissingDocument);
        }
        let target = self.read_part(PACKAGE_RELS, main_document_target)?;
        target
            .and_then(|target| self.entry_name(target.trim_start_matches('/')))
            .ok_or(DocxError::MissingDocument)
    }

    /// The archive's name for a part: part names are case-insensitive in a package.
    fn entry_name(&self, name: &str) -> Option<String> {
        self.archive
            .file_names()
            .find(|entry| entry.eq_ignore_ascii_case(name))
            .map(str::to_string)
    }

    fn header_and_footer_parts(&self) -> Vec<String> {
        let mut parts: Vec<(u8, u64, String)> = self
            .archive
            .file_names()
            .filter_map(|name| header_or_footer_key(name).map(|(kind, n)| (kind, n, name.into())))
            .collect();
        parts.sort();
        parts.into_iter().map(|(_, _, name)| name).collect()
    }

    fn paragraphs(&mut self, part: &str) -> Result<Lines, DocxError> {
        self.read_part(part, paragraphs)
    }

    /// Parses one part as it is inflated, through a [`Guard`]; when the guard stops the
    /// stream, its reason is the error, not the parser's complaint about the cut.
    fn read_part<T>(
        &mut self,
        part: &str,
        parse: impl FnOnce(&mut dyn BufRead, &str) -> Result<T, DocxError>,
    ) -> Result<T, DocxError> {
        let entry = self
            .archive
            .by_name(part)
            .map_err(|e| unreadable(part, e))?;
        let mut guard = Guard {
            inner: entry.take(self.limits.max_part_bytes.saturating_add(1)),
            read: 0,
            consumed: Rc::clone(&self.consumed),
            consumed_before: self.consumed.get(),
            total: &mut self.total,
            limits: self.limits,
            tripped: None,
        };
        let parsed = parse(&mut BufReader::new(&mut guard), part);
        match guard.tripped {
            Some(trip) => Err(trip.error(part, self.limits)),
            None => parsed,
        }
    }
}

/// A `.docx` has one end-of-directory record; a few more can come from zip files embedded
/// uncompressed.
const MAX_DIRECTORY_RECORDS: usize = 16;

/// Bounds what listing the archive can cost, before the zip reader lists it. The reader keeps
/// several hundred bytes for each entry it lists, and when a directory fails it tries the next
/// end-of-directory record it finds anywhere in the file, so a file of millions of tiny
/// entries, or of many records, would cost gigabytes or minutes before the entries could be
/// counted. Each entry it lists starts with a directory header of its own, so counting their
/// signatures bounds the entries whatever the records declare.
fn check_directory_records(bytes: &[u8], limits: &Limits) -> Result<(), DocxError> {
    let (mut entries, mut records) = (0u64, 0usize);
    for window in bytes.windows(4) {
        match window {
            b"PK\x01\x02" => entries += 1,
            b"PK\x05\x06" | b"PK\x06\x06" => records += 1,
            _ => {}
        }
    }
    if records > MAX_DIRECTORY_RECORDS {
        return Err(DocxError::TooManyDirectories {
            found: records,
            limit: MAX_DIRECTORY_RECORDS,
        });
    }
    if entries > limits.max_entries as u64 {
        return Err(DocxError::TooManyEntries {
            entries,
            limit: limits.max_entries,
        });
    }
    Ok(())
}

/// `(0, n)` for `word/headerN.xml`, `(1, n)` for `word/footerN.xml`.
fn header_or_footer_key(name: &str) -> Option<(u8, u64)> {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_prefix("word/")?.strip_suffix(".xml")?;
    let (kind, number) = if let Some(n) = stem.strip_prefix("header") {
        (0, n)
    } else {
        (1, stem.strip_prefix("footer")?)
    };
    if !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((kind, number.parse().unwrap_or(0)))
}

fn unreadable(part: &str, error: impl fmt::Display) -> DocxError {
    DocxError::Unreadable {
        part: part.to_string(),
        message: error.to_string(),
    }
}

/// Which limit stopped a part.
#[derive(Debug, Clone, Copy)]
enum Trip {
    Part,
    Total,
    Ratio,
}

impl Trip {
    fn error(self, part: &str, limits: &Limits) -> DocxError {
        match self {
            Trip::Part => DocxError::TooLarge {
                part: part.to_string(),
                limit: limits.max_part_bytes,
            },
            Trip::Total => DocxError::TooLargeInAll {
                limit: limits.max_total_bytes,
            },
            Trip::Ratio => DocxError::Suspicious {
                part: part.to_string(),
                ratio: limits.max_ratio,
            },
        }
    }
}

/// The archive's bytes, counting how many the zip reader has taken: the compressed bytes a
/// part has used so far, which its header could misstate.
struct Counted<'a> {
    inner: Cursor<&'a [u8]>,
    consumed: Rc<Cell<u64>>,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed.set(self.consumed.get() + n as u64);
        Ok(n)
    }
}

impl Seek for Counted<'_> {
    fn seek(&mut self, position: SeekFrom) -> io::Result<u64> {
        self.inner.seek(position)
    }
}

/// Counts the bytes a part inflates to and fails the read as soon as a limit is passed, so a
/// bomb costs at most one buffer beyond the limit, whatever its headers declare. The ratio is
/// that of the bytes inflated so far to the compressed bytes read so far, so a bomb is stopped
/// a few MiB in, not once it has inflated to a hundred times its whole compressed size.
struct Guard<'g, R> {
    inner: R,
    read: u64,
    consumed: Rc<Cell<u64>>,
    consumed_before: u64,
    total: &'g mut u64,
    limits: &'g Limits,
    tripped: Option<Trip>,
}

impl<R> Guard<'_, R> {
    fn check(&self) -> Option<Trip> {
        let limits = self.limits;
        let compressed = (self.consumed.get() - self.consumed_before).max(1);
        if self.read > limits.max_part_bytes {
            Some(Trip::Part)
        } else if *self.total > limits.max_total_bytes {
            Some(Trip::Total)
        } else if self.read > limits.ratio_grace_bytes && self.read / compressed > limits.max_ratio
        {
            Some(Trip::Ratio)
        } else {
            None
        }
    }
}

impl<R: Read> Read for Guard<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.tripped.is_some() {
            return Err(io::Error::other("limit reached"));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        *self.total += n as u64;
        self.tripped = self.check();
        match self.tripped {
            Some(_) => Err(io::Error::other("limit reached")),
            None => Ok(n),
        }
    }
}

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
fn paragraphs(input: &mut dyn BufRead, part: &str) -> Result<Lines, DocxError> {
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
fn xml_error(part: &str, position: u64, error: quick_xml::Error) -> DocxError {
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

/// The target of the package's `officeDocument` relationship, the main document part.
fn main_document_target(input: &mut dyn BufRead, part: &str) -> Result<Option<String>, DocxError> {
    let mut reader = NsReader::from_reader(input);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => return Err(xml_error(part, reader.error_position(), e)),
        };
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                if let Some(target) = office_document_target(&e) {
                    return Ok(Some(target));
                }
            }
            Event::DocType(_) => return Err(DocxError::Dtd { part: part.into() }),
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

fn office_document_target(relationship: &BytesStart<'_>) -> Option<String> {
    let mut is_main = false;
    let mut target = None;
    for attribute in relationship.attributes().flatten() {
        let value = String::from_utf8_lossy(&attribute.value).into_owned();
        match attribute.key.as_ref() {
            b"Type" => is_main = value.ends_with("/officeDocument"),
            b"Target" => target = Some(value),
            _ => {}
        }
    }
    target.filter(|_| is_main)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, content) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn body(xml: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="{}"><w:body>{xml}</w:body></w:document>"#,
            std::str::from_utf8(MC_NAMESPACE).unwrap()
        )
    }

    fn text(xml: &str) -> String {
        text_of(&docx(&[(DOCUMENT, &body(xml))])).unwrap()
    }

    #[test]
    fn paragraphs_are_lines_and_runs_join() {
        let xml = "<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space=\"preserve\">总体 要求</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>XX</w:t></w:r></w:p>";
        assert_eq!(text(xml), "一、总体 要求\n\nXX");
    }

    #[test]
    fn tabs_breaks_and_hyphens_stay_on_the_line() {
        let xml = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br w:type=\"page\"/><w:t>丙</w:t><w:cr/><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t><w:softHyphen/><w:br/><w:t>C</w:t></w:r></w:p>";
        assert_eq!(text(xml), "甲\t乙丙 A-B C");
    }

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

    #[test]
    fn deletions_are_left_out_and_insertions_kept() {
        let xml = "<w:p><w:r><w:t>于</w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>X月X日</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>6月30日</w:t></w:r></w:ins><w:moveFrom><w:r><w:t>旧</w:t></w:r></w:moveFrom><w:r><w:t>前</w:t></w:r></w:p>";
        assert_eq!(text(xml), "于6月30日前");
    }

    #[test]
    fn field_codes_are_left_out_and_results_kept() {
        let xml = "<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>页</w:t></w:r><w:fldSimple w:instr=\"NUMPAGES\"><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>";
        assert_eq!(text(xml), "第3页9");
    }

    #[test]
    fn nested_field_inside_a_code_is_left_out() {
        let xml = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>IF </w:instrText><w:fldChar w:fldCharType=\"begin\"/><w:instrText>MERGEFIELD a</w:instrText><w:fldChar w:fldCharType=\"separate\"/><w:t>inner</w:t><w:fldChar w:fldCharType=\"end\"/><w:fldChar w:fldCharType=\"separate\"/><w:t>结果</w:t><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
        assert_eq!(text(xml), "结果");
    }

    #[test]
    fn table_cells_are_lines_of_their_own() {
        let xml = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>丁</w:t></w:r></w:p>";
        assert_eq!(text(xml), "甲\n乙\n丙\n丁");
    }

    #[test]
    fn a_text_box_is_read_once_after_its_anchor() {
        let xml = "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>续</w:t></w:r></w:p>";
        assert_eq!(text(xml), "正文续\n框内");
    }

    #[test]
    fn references_and_line_ends_in_text_are_resolved() {
        let xml = "<w:p><w:r><w:t>A&amp;B&#x4E00;&#20108;&lt;</w:t><w:t>x\r\ny</w:t></w:r></w:p>";
        assert_eq!(text(xml), "A&B一二<x y");
    }

    #[test]
    fn other_prefixes_for_the_word_namespace_are_understood() {
        let xml = format!("<x:document xmlns:x=\"{W}\"><x:body><x:p><x:r><x:t>甲</x:t></x:r></x:p></x:body></x:document>");
        assert_eq!(text_of(&docx(&[(DOCUMENT, &xml)])).unwrap(), "甲");
    }

    #[test]
    fn headers_and_footers_follow_once_when_they_hold_text() {
        let hdr = |t: &str| {
            format!("<w:hdr xmlns:w=\"{W}\"><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:hdr>")
        };
        let empty = format!("<w:ftr xmlns:w=\"{W}\"><w:p/></w:ftr>");
        let bytes = docx(&[
            (DOCUMENT, &body("<w:p><w:r><w:t>正文</w:t></w:r></w:p>")),
            ("word/footer1.xml", &hdr("第X页")),
            ("word/header10.xml", &hdr("十")),
            ("word/header2.xml", &hdr("XX文件")),
            ("word/header3.xml", &hdr("XX文件")),
            ("word/footer2.xml", &empty),
        ]);
        assert_eq!(text_of(&bytes).unwrap(), "正文\nXX文件\n十\n第X页");
    }

    #[test]
    fn the_main_part_is_found_through_the_relationships() {
        let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        let bytes = docx(&[
            (PACKAGE_RELS, rels),
            (
                "word/document2.xml",
                &body("<w:p><w:r><w:t>甲</w:t></w:r></w:p>"),
            ),
        ]);
        assert_eq!(text_of(&bytes).unwrap(), "甲");
    }

    #[test]
    fn errors_read_as_one_sentence_after_a_file_name() {
        let unclosed = docx(&[(DOCUMENT, "<w:document><w:body><w:p>")]);
        let message = text_of(&unclosed).unwrap_err().to_string();
        assert!(
            message.starts_with("has malformed XML in word/document.xml"),
            "{message}"
        );
        assert!(matches!(
            text_of(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"),
            Err(DocxError::LegacyOrEncrypted)
        ));
        let undefined = docx(&[(DOCUMENT, &body("<w:p><w:r><w:t>&bomb;</w:t></w:r></w:p>"))]);
        let message = text_of(&undefined).unwrap_err().to_string();
        assert!(message.contains("undefined entity `&bomb;`"), "{message}");
    }

    #[test]
    fn too_many_entries_are_refused() {
        let mut parts = vec![(DOCUMENT.to_string(), body(""))];
        parts.extend((0..20).map(|i| (format!("media/{i}.bin"), String::new())));
        let parts: Vec<(&str, &str)> = parts
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_str()))
            .collect();
        let limits = Limits {
            max_entries: 10,
            ..Limits::DEFAULT
        };
        let error = text_with_limits(&docx(&parts), &limits).unwrap_err();
        assert!(
            matches!(
                error,
                DocxError::TooManyEntries {
                    entries: 21,
                    limit: 10
                }
            ),
            "{error}"
        );
    }

    #[test]
    fn directory_records_are_checked_before_the_archive_is_listed() {
        let mut bytes = docx(&[(DOCUMENT, &body(""))]);
        bytes.extend(b"PK\x01\x02".repeat(20));
        let limits = Limits {
            max_entries: 10,
            ..Limits::DEFAULT
        };
        let error = text_with_limits(&bytes, &limits).unwrap_err();
        assert!(
            matches!(
                error,
                DocxError::TooManyEntries {
                    entries: 21,
                    limit: 10
                }
            ),
            "{error}"
        );

        let mut bytes = docx(&[(DOCUMENT, &body(""))]);
        let empty_record = [b"PK\x05\x06".as_slice(), &[0; 18]].concat();
        bytes.extend(empty_record.repeat(MAX_DIRECTORY_RECORDS));
        let error = text_of(&bytes).unwrap_err();
        assert!(
            matches!(error, DocxError::TooManyDirectories { .. }),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .starts_with("has 17 zip directory records"),
            "{error}"
        );
    }

    #[test]
    fn the_total_of_parts_is_limited() {
        let big = "<w:p><w:r><w:t>一二三四五六七八九十</w:t></w:r></w:p>".repeat(400);
        let bytes = docx(&[
            (DOCUMENT, &body(&big)),
            ("word/header1.xml", &body(&big).replace("document", "hdr")),
        ]);
        let one_part = body(&big).len() as u64;
        let limits = Limits {
            max_total_bytes: one_part + one_part / 2,
            ..Limits::DEFAULT
        };
        let error = text_with_limits(&bytes, &limits).unwrap_err();
        assert!(matches!(error, DocxError::TooLargeInAll { .. }), "{error}");
    }
}
