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
//!
//! The reader is cut by layer: `package.rs` opens the archive and reads its parts under the
//! bounds of `limits.rs`, `rels.rs` names the parts that hold text, and `extract.rs` turns a
//! part's XML into paragraphs. This file holds what callers use and what all of them share:
//! the entry points, the error and the lines a part's paragraphs become.

mod extract;
#[cfg(test)]
pub(crate) use extract::Piece;
pub(crate) use extract::{character_data, Extractor, LinePieces, Space};
mod limits;
mod package;
mod rels;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::fmt;

use zip::result::ZipError;

use crate::read::word::{size, Lines};
pub use limits::Limits;
use package::Package;

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

impl DocxError {
    /// The reason in Chinese, as the English one reads after the file's name.
    pub fn chinese(&self) -> String {
        match self {
            DocxError::NotAZip(e) => format!("不是 .docx 文件：无法作为 zip 压缩包读取（{e}）"),
            DocxError::LegacyOrEncrypted => {
                "是 Word 97-2003 的 .doc 文件或加了密码的 .docx；另存为不加密的 .docx 后再检查"
                    .to_string()
            }
            DocxError::MissingDocument => {
                "是不含 word/document.xml 的 zip 压缩包，不是 Word 的 .docx 文档".to_string()
            }
            DocxError::TooManyEntries { entries, limit } => {
                format!("含 {entries} 个 zip 条目，超过 .docx 文件应有的上限 {limit}")
            }
            DocxError::TooManyDirectories { found, limit } => {
                format!("含 {found} 个 zip 目录记录，超过 .docx 文件应有的上限 {limit}")
            }
            DocxError::TooLarge { part, limit } => {
                format!("其中的 {part} 解压后超过 {}，未读取", size(*limit))
            }
            DocxError::TooLargeInAll { limit } => {
                format!("文字部分解压后合计超过 {}，未读取", size(*limit))
            }
            DocxError::Suspicious { part, ratio } => {
                format!("其中的 {part} 解压后膨胀超过 {ratio} 倍，像是 zip 炸弹，未读取")
            }
            DocxError::Dtd { part } => {
                format!("{part} 中的 XML 带有 DTD，不予接受（其实体可能无限展开）")
            }
            DocxError::Xml {
                part,
                position,
                message,
            } => format!("{part} 的 XML 格式有误，在第 {position} 字节：{message}"),
            DocxError::Unreadable { part, message } => {
                format!("其中的 {part} 无法解压：{message}")
            }
        }
    }
}

fn unreadable(part: &str, error: impl fmt::Display) -> DocxError {
    DocxError::Unreadable {
        part: part.to_string(),
        message: error.to_string(),
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
    let lines = package.paragraphs(&main)?;
    with_headers_and_footers(&mut package, lines, |_, _| {}).map(|lines| lines.text)
}

/// Appends to the body's lines the text of each header and footer that holds some, each
/// distinct one once; `added` hears of each part appended, with its first line.
fn with_headers_and_footers(
    package: &mut Package,
    mut lines: Lines,
    mut added: impl FnMut(&str, usize),
) -> Result<Lines, DocxError> {
    let mut seen = HashSet::new();
    for name in package.header_and_footer_parts() {
        let part = package.paragraphs(&name)?;
        if !part.text.trim().is_empty() && seen.insert(part.text.clone()) {
            added(&name, lines.count);
            lines.append(&part);
        }
    }
    Ok(lines)
}

/// Where the text [`text_of`] gives comes from: for each line of the body, its [`Piece`]s;
/// for the lines after the body, the header or footer part each begins.
#[derive(Debug, Default)]
pub(crate) struct TextMap {
    /// The main document part, as the archive names it.
    pub main_part: String,
    /// One entry a body line.
    pub body: Vec<LinePieces>,
    /// `(first line, part)` for each header or footer appended after the body.
    pub parts: Vec<(usize, String)>,
}

/// The text of a `.docx` as [`text_of`] gives it, with where its lines come from.
pub(crate) fn text_and_map(bytes: &[u8], limits: &Limits) -> Result<(String, TextMap), DocxError> {
    let mut package = Package::open(bytes, limits)?;
    let main_part = package.main_part()?;
    let (lines, body) = package.paragraphs_mapped(&main_part)?;
    let mut parts = Vec::new();
    let lines = with_headers_and_footers(&mut package, lines, |name, first| {
        parts.push((first, name.to_string()));
    })?;
    let map = TextMap {
        main_part,
        body,
        parts,
    };
    Ok((lines.text, map))
}

/// A part of a `.docx` as it is stored (inflated), under `limits`.
pub(crate) fn part_bytes(
    bytes: &[u8],
    limits: &Limits,
    part: &str,
) -> Result<Option<Vec<u8>>, DocxError> {
    let mut package = Package::open(bytes, limits)?;
    package.raw_part(part)
}
