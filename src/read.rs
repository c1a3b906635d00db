//! Reading files and decoding them to UTF-8 text.
//!
//! Drafts arrive as UTF-8 (with or without a BOM), as UTF-16 from some Windows tools, and as
//! GB18030/GBK, which is what Windows saves as "ANSI" on a Chinese system. Anything that is
//! not valid UTF-8 is handed to chardetng; a NUL byte or a run of control characters means a
//! binary file, which is reported rather than linted as garbage. Word files are read for the
//! text of their paragraphs, one a line: a `.docx` ([`docx`]) and a Word 97–2003 `.doc` or
//! WPS `.wps` ([`doc`]). A Word file's first bytes, not its extension, decide which of the two
//! reads it, since Word files are often renamed (a `.docx` saved as `.doc`): a zip is a
//! `.docx`, an OLE compound file a `.doc`, and the latter is read as Word whatever its name.

pub mod doc;
pub mod docx;
mod word;

use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

/// Files above this size are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// How much of a file the binary check looks at.
const SNIFF_BYTES: usize = 8 * 1024;

/// A decoded text and how it was stored, so that a later `--fix` can write it back the same way.
#[derive(Debug)]
pub struct Decoded {
    /// The text without any byte-order mark.
    pub text: String,
    pub encoding: &'static Encoding,
    pub bom: bool,
    /// Read from a Word file, whose text is linted but never written back.
    pub word: bool,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("looks like a binary file, not text")]
    Binary,
    #[error("cannot be decoded as UTF-8 or {encoding}")]
    Undecodable { encoding: &'static str },
}

impl DecodeError {
    /// The reason in Chinese.
    pub fn chinese(&self) -> String {
        match self {
            DecodeError::Binary => "看来是二进制文件，不是文本".to_string(),
            DecodeError::Undecodable { encoding } => {
                format!("无法按 UTF-8 或 {encoding} 解码")
            }
        }
    }
}

/// Why a file could not be read; it reads well after the file's name.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot be read: {0}")]
    Io(#[source] std::io::Error),
    #[error("is {} MiB, larger than the {} MiB limit", .size >> 20, MAX_FILE_BYTES >> 20)]
    TooLarge { size: u64 },
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
    #[error(transparent)]
    Doc(#[from] doc::DocError),
}

impl ReadError {
    /// The reason in both languages.
    pub fn text(&self) -> crate::lang::Text {
        use crate::lang::Text;
        match self {
            ReadError::Io(e) => Text::io(e),
            ReadError::TooLarge { size } => Text::new(
                format!(
                    "有 {} MiB，超过 {} MiB 的上限",
                    size >> 20,
                    MAX_FILE_BYTES >> 20
                ),
                self.to_string(),
            ),
            ReadError::Decode(e) => Text::new(e.chinese(), e.to_string()),
            ReadError::Docx(e) => Text::new(e.chinese(), e.to_string()),
            ReadError::Doc(e) => Text::new(e.chinese(), e.to_string()),
        }
    }
}

pub fn read_file(path: &Path) -> Result<Decoded, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { size });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while it is read (`read_bytes` refuses what
    // then passes the limit).
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    read_bytes(&bytes, path)
}

/// Decodes the bytes of a file named `name`: a Word file's text, or text in any encoding
/// [`decode`] reads. An OLE compound file is read as a `.doc` (or refused as an encrypted
/// `.docx`) whatever its name; a file named as a Word file (`.docx`, `.doc`, `.wps`) that is a
/// zip is read as a `.docx`, whatever its extension; one that is neither is refused. (A zip
/// named as text stays a binary file that is not text.)
pub fn read_bytes(bytes: &[u8], name: &Path) -> Result<Decoded, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    let word = match WordKind::of(bytes, name) {
        Some(WordKind::Doc) => doc::text_of(bytes).map_err(ReadError::Doc)?,
        Some(WordKind::Docx) => docx::text_of(bytes).map_err(ReadError::Docx)?,
        Some(WordKind::NotWord) => return Err(ReadError::Doc(doc::DocError::NoSignature)),
        None => return decode(bytes).map_err(ReadError::Decode),
    };
    Ok(Decoded {
        text: word,
        encoding: UTF_8,
        bom: false,
        word: true,
    })
}

/// The first bytes of an OLE compound file: a Word 97–2003 `.doc`, a WPS `.wps`, or a `.docx`
/// that Word encrypted with a password (it wraps the zip in one).
pub(crate) const OLE_SIGNATURE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// The first bytes of a zip archive's first entry.
pub(crate) const ZIP_SIGNATURE: &[u8] = b"PK\x03\x04";

/// Which Word reader reads a file.
enum WordKind {
    Doc,
    Docx,
    /// Named as a Word 97–2003 file, but neither kind of Word file.
    NotWord,
}

impl WordKind {
    /// By the bytes first, then by the name: `None` for a text file.
    fn of(bytes: &[u8], name: &Path) -> Option<WordKind> {
        let word_name = has_extension(name, &["docx", "doc", "wps"]);
        if bytes.starts_with(OLE_SIGNATURE) {
            Some(WordKind::Doc)
        } else if is_docx(name) || (word_name && bytes.starts_with(ZIP_SIGNATURE)) {
            Some(WordKind::Docx)
        } else if word_name {
            Some(WordKind::NotWord)
        } else {
            None
        }
    }
}

/// Named as a Word 2007 file; its bytes decide how it is read ([`read_bytes`]).
pub fn is_docx(path: &Path) -> bool {
    has_extension(path, &["docx"])
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..], true);
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    // Checked by encoding_rs and copied. The standard library's check, which could take the
    // bytes as they are, costs about ten instructions a byte of Chinese text (three-byte
    // characters), where the copy costs a fraction of one: 4% of a 20 MB text's check. The
    // copy doubles the text's memory while it is read, before any rule runs, and the peak of
    // a long text's check comes later, in the duplicate rules' pass.
    if let Some(text) = UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(plain_utf8(text.into_owned()));
    }
    decode_with(guess_legacy_encoding(bytes), bytes, false)
}

/// A text that was UTF-8 without a byte-order mark.
fn plain_utf8(text: String) -> Decoded {
    Decoded {
        text,
        encoding: UTF_8,
        bom: false,
        word: false,
    }
}

fn decode_with(
    encoding: &'static Encoding,
    bytes: &[u8],
    bom: bool,
) -> Result<Decoded, DecodeError> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Decoded {
            text: text.into_owned(),
            encoding,
            bom,
            word: false,
        }),
        None => Err(DecodeError::Undecodable {
            encoding: encoding.name(),
        }),
    }
}

/// chardetng's guess for bytes that are not UTF-8. GBK is widened to GB18030, its superset,
/// so that characters outside GBK that a GB18030 editor saved still decode.
fn guess_legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // The `.cn` hint leans a short text, whose few bytes fit several encodings, toward GBK:
    // `布署` alone reads as Big5 without it. Drafts are written in mainland China.
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    if guess == GBK {
        GB18030
    } else {
        guess
    }
}

/// A NUL byte, or many control characters, in the first few KiB: not a text file.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    let too_many = |count: usize| count * 20 > head.len().max(1);
    // Bytes below 0x20 are counted first, in a loop the compiler vectorises (a byte counter
    // per lane, so at most 255 bytes a chunk): in a text they are its line breaks and tabs,
    // too few to matter, and then the exact count is not needed.
    let low = head
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(b < 0x20))))
        .sum();
    too_many(low) && too_many(head.iter().filter(|&&b| is_binary_control(b)).count())
}

/// A control byte no text has: below 0x20, and not a tab, line break, form feed or escape.
fn is_binary_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTICE: &str = "关于进一步加强安全生产工作的通知\r\n各区县人民政府，市政府各部门：\r\n为切实做好安全生产工作，现就有关事项通知如下。";

    #[test]
    fn utf8_is_kept_verbatim_with_crlf() {
        let decoded = decode(NOTICE.as_bytes()).unwrap();
        assert_eq!(decoded.text, NOTICE);
        assert_eq!(decoded.encoding, UTF_8);
        assert!(!decoded.bom);
    }

    #[test]
    fn utf8_bom_is_stripped_and_remembered() {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), NOTICE.as_bytes()].concat();
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, NOTICE);
        assert!(decoded.bom);
    }

    #[test]
    fn gbk_is_detected_and_decoded_as_gb18030() {
        let (bytes, _, unmappable) = GBK.encode(NOTICE);
        assert!(!unmappable);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, NOTICE);
        assert_eq!(decoded.encoding, GB18030);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(NOTICE.encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, NOTICE);
        assert_eq!(decoded.encoding, encoding_rs::UTF_16LE);
    }

    #[test]
    fn nul_bytes_and_control_runs_are_binary() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00").unwrap_err(),
            DecodeError::Binary
        );
        assert_eq!(decode(&[0x01; 64]).unwrap_err(), DecodeError::Binary);
    }

    proptest::proptest! {
        /// The counts taken a chunk at a time decide as a plain count of the control bytes
        /// of the head would, texts of many line breaks and runs of controls alike.
        #[test]
        fn the_binary_check_is_the_plain_count(
            bytes in proptest::strategy::Strategy::prop_flat_map(1u32..40, |controls| proptest::collection::vec(
                proptest::prop_oneof![
                    controls => 0x01u8..0x20,
                    2 => proptest::strategy::Just(b'\n'),
                    400 => 0x20u8..=0xFF,
                ],
                0..10_000,
            )),
        ) {
            let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
            let controls = head.iter().filter(|&&b| is_binary_control(b)).count();
            proptest::prop_assert_eq!(looks_binary(&bytes), controls * 20 > head.len().max(1));
        }
    }

    #[test]
    fn a_two_character_gbk_text_is_gbk() {
        let (bytes, _, _) = GBK.encode("布署");
        let decoded = decode(&bytes).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding), ("布署", GB18030));
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
            .collect();
        let _ = decode(&noise);
        let _ = decode(&[0xFF, 0xFE, 0x00]);
        let _ = decode(&[0x81, 0x30]);
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let error = read_file(Path::new("/no/such/file.txt")).unwrap_err();
        assert!(matches!(error, ReadError::Io(_)));
        assert!(error.to_string().starts_with("cannot be read: "));
    }
}
