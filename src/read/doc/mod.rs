//! The text of Word 97–2003 `.doc` files (and of WPS Office `.wps` files, which are the same
//! format), one line per Word paragraph, as the `.docx` reader ([`super::docx`]) makes it.
//!
//! A `.doc` is an OLE compound file: a small file system of streams in one file. The
//! `WordDocument` stream starts with the FIB (file information block), which tells how long
//! the body, the footnotes and the headers are (in characters, "CPs") and where the other
//! structures lie in the table stream (`1Table` or `0Table`). The text itself is found
//! through the piece table (the CLX): a list of pieces, each a run of characters stored in
//! the `WordDocument` stream as UTF-16 or as 8-bit cp1252. Word marks the structure of the
//! text with control characters in it: paragraph ends, cell ends, fields, breaks.
//!
//! Every length and offset in the file is checked before it is used: a stream is read only
//! up to [`Limits::max_stream_bytes`], the pieces are counted, every piece must lie inside
//! the stream, and the text may not be longer than the stream that holds it. A file that
//! breaks any of these is refused with an error, never read past its end.
//!
//! Kept: the body (with table cells, each paragraph of a cell on its own line, and field
//! results), then the headers and footers, each distinct one once. Left out, as in the
//! `.docx` reader: footnotes, endnotes, comments, field codes and pictures; and, unlike
//! there, text boxes, which a `.doc` keeps in a story of their own, away from their anchors.
//!
//! The reader is cut by concern: `streams.rs` opens the compound file and reads its streams
//! under the limits, `fib.rs` reads the FIB, `pieces.rs` the piece table, `stories.rs` where
//! the headers, footers and sections lie, `rows.rs` which paragraph marks end table rows, and
//! `text.rs` turns the characters into paragraphs. This file holds the entry points, the
//! errors and the little-endian reading they all share.

mod fib;
mod pieces;
mod rows;
mod stories;
mod streams;
#[cfg(test)]
mod tests;
mod text;

use std::collections::HashSet;
use std::fmt;

use crate::read::word::size;
use fib::Fib;
use pieces::PieceTable;
use rows::RowEnds;
use streams::Container;
use text::Paragraphs;

const MIB: u64 = 1 << 20;

/// How much a `.doc` may make wenlint read. Real documents stay far below every limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one stream (`WordDocument`, the table stream).
    pub max_stream_bytes: u64,
    /// Bytes of the streams read, together.
    pub max_total_bytes: u64,
    /// Pieces of the piece table; Word writes one for a file saved in full, a few hundred
    /// for one fast-saved many times.
    pub max_pieces: usize,
}

impl Limits {
    /// 256 MiB per stream and in all, 100,000 pieces.
    pub const DEFAULT: Limits = Limits {
        max_stream_bytes: 256 * MIB,
        max_total_bytes: 256 * MIB,
        max_pieces: 100_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Why a `.doc` could not be read; it reads well after the file's name, like
/// [`super::ReadError`].
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// Named `.doc` or `.wps` but not a compound file: often RTF or HTML under a Word name.
    #[error(
        "is not a Word 97-2003 file: it lacks the compound-file signature (it may be RTF or HTML saved under a Word name); save it as .docx to lint it"
    )]
    NoSignature,
    /// A compound file without a `WordDocument` stream: an Excel or PowerPoint file, say.
    #[error(
        "is a compound file without a WordDocument stream (an Excel or PowerPoint file?), not a Word document"
    )]
    NotWord,
    /// A password-protected `.doc`, or a `.docx` that Word encrypted (a compound file holding
    /// an `EncryptedPackage` stream).
    #[error("is encrypted (password-protected); save an unprotected copy to lint it")]
    Encrypted,
    /// A Word 6.0 or Word 95 file (or older), whose FIB is laid out otherwise.
    #[error(
        "is in the Word 6.0/95 format or older (nFib {nfib:#06x}), which is not read; save it as .docx to lint it"
    )]
    OldFormat { nfib: u16 },
    /// A stream is longer than [`Limits::max_stream_bytes`].
    #[error("has a {stream} stream larger than {}, so it is not read", size(*.limit))]
    TooLarge { stream: String, limit: u64 },
    /// The streams read are longer than [`Limits::max_total_bytes`] together.
    #[error("has streams larger than {} in all, so they are not read", size(*.limit))]
    TooLargeInAll { limit: u64 },
    /// The piece table has more pieces than [`Limits::max_pieces`].
    #[error("has {pieces} pieces of text, more than the {limit} a Word file may have")]
    TooManyPieces { pieces: usize, limit: usize },
    /// Damaged, or written in a way the reader does not follow.
    #[error("is a Word 97-2003 file this reader cannot read: {0}")]
    Unreadable(Flaw),
}

impl DocError {
    /// The reason in Chinese, as the English one reads after the file's name.
    pub fn chinese(&self) -> String {
        match self {
            DocError::NoSignature => "不是 Word 97-2003 文件：缺少复合文件签名（可能是以 Word 扩展名保存的 RTF 或 HTML）；另存为 .docx 后再检查".to_string(),
            DocError::NotWord => {
                "是不含 WordDocument 流的复合文件（Excel 或 PowerPoint 文件？），不是 Word 文档"
                    .to_string()
            }
            DocError::Encrypted => "已加密（设有密码）；另存为不加密的副本后再检查".to_string(),
            DocError::OldFormat { nfib } => format!(
                "是 Word 6.0/95 或更早的格式（nFib {nfib:#06x}），无法读取；另存为 .docx 后再检查"
            ),
            DocError::TooLarge { stream, limit } => {
                format!("其中的 {stream} 流超过 {}，未读取", size(*limit))
            }
            DocError::TooLargeInAll { limit } => {
                format!("读取的各流合计超过 {}，未读取", size(*limit))
            }
            DocError::TooManyPieces { pieces, limit } => {
                format!("含 {pieces} 个文字片段，超过 Word 文件应有的上限 {limit}")
            }
            DocError::Unreadable(flaw) => {
                format!("是无法读取的 Word 97-2003 文件：{}", flaw.chinese())
            }
        }
    }
}

/// What is wrong with a `.doc` that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flaw {
    /// The compound file itself, as the `cfb` crate reports it.
    Container(String),
    /// A stream that cannot be read to its end.
    Stream { stream: String, message: String },
    /// A stream that ends before the length its directory entry gives.
    StreamCut { stream: String, read: u64, len: u64 },
    /// The FIB is shorter than the fields it must hold.
    ShortFib,
    /// The `WordDocument` stream does not start with the FIB's mark, 0xA5EC.
    NotAFib(u16),
    /// The table stream the FIB names is not there.
    NoTableStream(&'static str),
    /// The CLX (the piece table and what precedes it) is damaged.
    Clx,
    /// A piece's characters lie outside the `WordDocument` stream.
    PieceOutside,
    /// The piece table covers fewer characters than the FIB says the text has.
    PiecesTooShort,
    /// The FIB counts more characters than the `WordDocument` stream could hold.
    TextTooLong,
}

impl fmt::Display for Flaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flaw::Container(message) => write!(f, "the compound file is damaged ({message})"),
            Flaw::Stream { stream, message } => {
                write!(f, "its {stream} stream cannot be read ({message})")
            }
            Flaw::StreamCut { stream, read, len } => {
                write!(f, "its {stream} stream ends after {read} of its {len} bytes")
            }
            Flaw::ShortFib => f.write_str("the file information block (FIB) is cut short"),
            Flaw::NotAFib(ident) => write!(
                f,
                "the WordDocument stream does not start with a file information block (mark {ident:#06x}, not 0xa5ec)"
            ),
            Flaw::NoTableStream(name) => write!(f, "the {name} stream it refers to is missing"),
            Flaw::Clx => f.write_str("the piece table (CLX) is damaged"),
            Flaw::PieceOutside => {
                f.write_str("a piece of its text lies outside the WordDocument stream")
            }
            Flaw::PiecesTooShort => {
                f.write_str("the piece table holds less text than the file information block counts")
            }
            Flaw::TextTooLong => f.write_str(
                "the file information block counts more text than the WordDocument stream holds",
            ),
        }
    }
}

impl Flaw {
    fn chinese(&self) -> String {
        match self {
            Flaw::Container(message) => format!("复合文件结构已损坏（{message}）"),
            Flaw::Stream { stream, message } => format!("其中的 {stream} 流无法读取（{message}）"),
            Flaw::StreamCut { stream, read, len } => {
                format!("其中的 {stream} 流应有 {len} 字节，只读到 {read} 字节")
            }
            Flaw::ShortFib => "文件信息块（FIB）不完整".to_string(),
            Flaw::NotAFib(ident) => {
                format!("WordDocument 流不以文件信息块开头（标记为 {ident:#06x}，而非 0xa5ec）")
            }
            Flaw::NoTableStream(name) => format!("缺少它所指的 {name} 流"),
            Flaw::Clx => "文字片段表（CLX）已损坏".to_string(),
            Flaw::PieceOutside => "有一段文字超出了 WordDocument 流".to_string(),
            Flaw::PiecesTooShort => "文字片段表所含文字少于文件信息块所记".to_string(),
            Flaw::TextTooLong => "文件信息块所记文字多于 WordDocument 流所能容纳".to_string(),
        }
    }
}

impl From<Flaw> for DocError {
    fn from(flaw: Flaw) -> Self {
        DocError::Unreadable(flaw)
    }
}

/// The text of a `.doc`: every paragraph of the body (in table cells too, each on its own
/// line), then the paragraphs of the page headers and footers (headers first, in the order
/// of the sections; only those that hold text, each distinct one once), one paragraph per
/// line, joined with `"\n"`.
///
/// Within a paragraph a tab stays `\t`, a non-breaking hyphen becomes `-`, an optional hyphen
/// and pictures are dropped, and a manual line break, column break or page break becomes a
/// space, or nothing between two Chinese characters, as in the `.docx` reader. Field results
/// are kept, field codes are not.
pub fn text_of(bytes: &[u8]) -> Result<String, DocError> {
    text_with_limits(bytes, &Limits::DEFAULT)
}

/// [`text_of`] with other limits, for callers (and tests) that need them tighter or looser.
pub fn text_with_limits(bytes: &[u8], limits: &Limits) -> Result<String, DocError> {
    let mut container = Container::open(bytes, limits)?;
    if !container.has_stream(streams::WORD_DOCUMENT) {
        return Err(if container.has_stream(streams::ENCRYPTED_PACKAGE) {
            DocError::Encrypted
        } else {
            DocError::NotWord
        });
    }
    let word = container.read(streams::WORD_DOCUMENT)?;
    let fib = Fib::parse(&word)?;
    if !container.has_stream(fib.table_stream) {
        return Err(Flaw::NoTableStream(fib.table_stream).into());
    }
    let table = container.read(fib.table_stream)?;
    let clx = fib.clx.of(&table).ok_or(Flaw::Clx)?;
    let pieces = PieceTable::parse(clx, word.len(), limits)?;
    let header_start = u64::from(fib.ccp_text) + u64::from(fib.ccp_ftn);
    let text_end = header_start + u64::from(fib.ccp_hdd);
    if text_end > word.len() as u64 {
        return Err(Flaw::TextTooLong.into());
    }
    if text_end > u64::from(pieces.end()) {
        return Err(Flaw::PiecesTooShort.into());
    }
    // It fits in a u32 now: it is at most the pieces' end.
    let header_start = header_start as u32;
    let rows = RowEnds::parse(fib.bins_of_papx.of(&table).unwrap_or_default(), &word);
    let section_marks = stories::section_marks(fib.sections.of(&table).unwrap_or_default());

    let mut body = Paragraphs::new(&rows, &section_marks);
    pieces.each(&word, 0..fib.ccp_text, |unit, cp, fc| {
        body.push(unit, cp, fc)
    });
    let mut lines = body.finish();

    let stories = stories::headers_then_footers(
        fib.header_stories.of(&table).unwrap_or_default(),
        fib.ccp_hdd,
    );
    let mut seen = HashSet::new();
    for story in stories {
        // The stories lie within the header document, which ends at the pieces' end or before.
        let (start, end) = (header_start + story.start, header_start + story.end);
        let mut paragraphs = Paragraphs::new(&rows, &[]);
        pieces.each(&word, start..end, |unit, cp, fc| {
            paragraphs.push(unit, cp, fc)
        });
        let part = paragraphs.finish();
        if !part.text.trim().is_empty() && seen.insert(part.text.clone()) {
            lines.append(&part);
        }
    }
    Ok(lines.text)
}

/// The little-endian `u16` at `at`, if the bytes reach that far.
fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let end = at.checked_add(2)?;
    Some(u16::from_le_bytes(bytes.get(at..end)?.try_into().ok()?))
}

/// The little-endian `u32` at `at`, if the bytes reach that far.
fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let end = at.checked_add(4)?;
    Some(u32::from_le_bytes(bytes.get(at..end)?.try_into().ok()?))
}
