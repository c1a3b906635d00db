//! The reader as a whole, on `.doc` files built here in memory (a compound file with a
//! `WordDocument` stream that holds a FIB, the text and a page of paragraph properties, and a
//! `1Table` stream that holds the piece table and the other tables the reader uses), and on
//! the fixtures of `fixtures/doc/`, which LibreOffice wrote.

use std::io::{Cursor, Write};
use std::path::Path;

use proptest::prelude::*;

use super::*;

/// Where the builder puts the text in the `WordDocument` stream, past the FIB.
const TEXT_AT: usize = 1024;

/// A piece of text: its UTF-16 code units, and whether it is stored one byte a character.
#[derive(Clone)]
struct Chunk {
    units: Vec<u16>,
    compressed: bool,
}

fn wide(text: &str) -> Chunk {
    Chunk {
        units: text.encode_utf16().collect(),
        compressed: false,
    }
}

fn narrow(bytes: &[u8]) -> Chunk {
    Chunk {
        units: bytes.iter().map(|&b| u16::from(b)).collect(),
        compressed: true,
    }
}

/// A `.doc` to build.
#[derive(Clone)]
struct Doc {
    /// The text in CP order: the main document, then the header document.
    pieces: Vec<Chunk>,
    /// Characters of the main document; the rest is the header document. All when `None`.
    ccp_text: Option<u32>,
    /// PlcfHdd: the CPs of the header document's stories.
    hdd: Vec<u32>,
    /// PlcfSed: the CPs where sections start and the last one ends.
    sed: Vec<u32>,
    /// The CPs of the paragraph marks that end table rows.
    row_ends: Vec<u32>,
    /// The CPs of the paragraph marks that end rows of a nested table.
    inner_row_ends: Vec<u32>,
    /// The FibBase flags; `fWhichTblStm` (the `1Table` stream) by default.
    flags: u16,
    nfib: u16,
    /// Property modifiers (Prc) before the piece table, which the reader skips.
    prc: bool,
}

impl Doc {
    fn new(pieces: Vec<Chunk>) -> Doc {
        Doc {
            pieces,
            ccp_text: None,
            hdd: Vec::new(),
            sed: Vec::new(),
            row_ends: Vec::new(),
            inner_row_ends: Vec::new(),
            flags: 1 << 9,
            nfib: 0x00C1,
            prc: false,
        }
    }

    fn body(text: &str) -> Doc {
        Doc::new(vec![wide(text)])
    }

    fn total(&self) -> u32 {
        self.pieces.iter().map(|c| c.units.len() as u32).sum()
    }

    /// The `WordDocument` and `1Table` streams.
    fn streams(&self) -> (Vec<u8>, Vec<u8>) {
        let mut word = vec![0u8; TEXT_AT];
        let mut fcs = Vec::new();
        let mut fc_of_cp = Vec::new();
        for chunk in &self.pieces {
            fcs.push(word.len() as u32);
            for &unit in &chunk.units {
                fc_of_cp.push(word.len() as u32);
                if chunk.compressed {
                    word.push(unit as u8);
                } else {
                    word.extend(unit.to_le_bytes());
                }
            }
        }
        let mut table = Vec::new();
        if self.prc {
            table.extend([0x01, 0x03, 0x00, 0x16, 0x24, 0x01]);
        }
        let clx_at = 0;
        let mut plc = Vec::new();
        let mut cp = 0u32;
        plc.extend(cp.to_le_bytes());
        for chunk in &self.pieces {
            cp += chunk.units.len() as u32;
            plc.extend(cp.to_le_bytes());
        }
        for (chunk, fc) in self.pieces.iter().zip(&fcs) {
            let fc = if chunk.compressed {
                (fc * 2) | (1 << 30)
            } else {
                *fc
            };
            plc.extend([0, 0]);
            plc.extend(fc.to_le_bytes());
            plc.extend([0, 0]);
        }
        table.push(0x02);
        table.extend((plc.len() as u32).to_le_bytes());
        table.extend(&plc);
        let clx = (clx_at, table.len() - clx_at);

        let plc_of = |table: &mut Vec<u8>, cps: &[u32], data: usize| -> (usize, usize) {
            let at = table.len();
            for cp in cps {
                table.extend(cp.to_le_bytes());
            }
            table.extend(vec![0u8; data * cps.len().saturating_sub(1)]);
            (at, table.len() - at)
        };
        let hdd = plc_of(&mut table, &self.hdd, 0);
        let sed = plc_of(&mut table, &self.sed, 12);

        // One page of paragraph properties: a run for each row's end, none between them.
        let mut marks: Vec<(u32, &[u8])> = Vec::new();
        let width = |cp: u32| {
            let mut at = 0;
            for chunk in &self.pieces {
                at += chunk.units.len() as u32;
                if cp < at {
                    return if chunk.compressed { 1 } else { 2 };
                }
            }
            2
        };
        // sprmPFInTable, sprmTDefTable (its operand sized by two bytes), sprmPFTtp; and
        // sprmPFInnerTtp alone.
        const TTP: &[u8] = &[
            0, 0, 0x16, 0x24, 1, 0x08, 0xD6, 3, 0, 0xAA, 0xBB, 0x17, 0x24, 1,
        ];
        const INNER_TTP: &[u8] = &[0, 0, 0x4C, 0x24, 1];
        marks.extend(self.row_ends.iter().map(|&cp| (cp, TTP)));
        marks.extend(self.inner_row_ends.iter().map(|&cp| (cp, INNER_TTP)));
        marks.sort();
        let mut bins = (0, 0);
        if !marks.is_empty() {
            while word.len() % 512 != 0 {
                word.push(0);
            }
            let pn = word.len() / 512;
            let mut page = vec![0u8; 512];
            let mut rgfc = Vec::new();
            let mut bx = Vec::new();
            for (cp, papx) in &marks {
                let fc = fc_of_cp[*cp as usize];
                if rgfc.last() != Some(&fc) {
                    if !rgfc.is_empty() {
                        bx.push(0u8);
                    }
                    rgfc.push(fc);
                }
                rgfc.push(fc + width(*cp));
                bx.push(if papx.len() == TTP.len() { 0xC0 } else { 0xE0 });
            }
            let runs = bx.len();
            for (i, fc) in rgfc.iter().enumerate() {
                page[i * 4..i * 4 + 4].copy_from_slice(&fc.to_le_bytes());
            }
            for (i, b) in bx.iter().enumerate() {
                page[(runs + 1) * 4 + i * 13] = *b;
            }
            // The long list in the form with a zero and its size in words, the short one
            // with its size as 2 × cb − 1 bytes.
            page[0x180] = 0;
            page[0x181] = (TTP.len() / 2) as u8;
            page[0x182..0x182 + TTP.len()].copy_from_slice(TTP);
            page[0x1C0] = INNER_TTP.len().div_ceil(2) as u8;
            page[0x1C1..0x1C1 + INNER_TTP.len()].copy_from_slice(INNER_TTP);
            page[511] = runs as u8;
            word.extend(&page);
            let at = table.len();
            table.extend(rgfc[0].to_le_bytes());
            table.extend(rgfc.last().unwrap().to_le_bytes());
            table.extend((pn as u32).to_le_bytes());
            bins = (at, table.len() - at);
        }

        let total = self.total();
        let ccp_text = self.ccp_text.unwrap_or(total);
        word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        word[2..4].copy_from_slice(&self.nfib.to_le_bytes());
        word[0x0A..0x0C].copy_from_slice(&self.flags.to_le_bytes());
        word[0x20..0x22].copy_from_slice(&14u16.to_le_bytes());
        word[0x3E..0x40].copy_from_slice(&22u16.to_le_bytes());
        word[0x4C..0x50].copy_from_slice(&ccp_text.to_le_bytes());
        word[0x54..0x58].copy_from_slice(&(total - ccp_text).to_le_bytes());
        word[0x98..0x9A].copy_from_slice(&93u16.to_le_bytes());
        for (index, (fc, lcb)) in [(6, sed), (11, hdd), (13, bins), (33, clx)] {
            let at = 0x9A + index * 8;
            word[at..at + 4].copy_from_slice(&(fc as u32).to_le_bytes());
            word[at + 4..at + 8].copy_from_slice(&(lcb as u32).to_le_bytes());
        }
        (word, table)
    }

    fn bytes(&self) -> Vec<u8> {
        let (word, table) = self.streams();
        compound(&[("WordDocument", &word), ("1Table", &table)])
    }
}

/// A compound file of these streams.
fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    for (name, bytes) in streams {
        file.create_stream(format!("/{name}"))
            .unwrap()
            .write_all(bytes)
            .unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

fn read(doc: &Doc) -> String {
    text_of(&doc.bytes()).unwrap()
}

#[test]
fn paragraphs_are_lines() {
    assert_eq!(
        read(&Doc::body("一、总体要求\r\r（一）XX\r")),
        "一、总体要求\n\n（一）XX"
    );
    assert_eq!(read(&Doc::body("无段落标记")), "无段落标记");
    assert_eq!(read(&Doc::body("")), "");
}

#[test]
fn pieces_join_whether_wide_or_compressed() {
    let doc = Doc::new(vec![
        wide("关于"),
        narrow(b"2024 \x93Word\x94 \x96 caf\xE9\r"),
        wide("通知\r"),
    ]);
    assert_eq!(read(&doc), "关于2024 “Word” – café\n通知");
}

#[test]
fn the_piece_table_is_found_past_property_modifiers() {
    let mut doc = Doc::body("正文\r");
    doc.prc = true;
    assert_eq!(read(&doc), "正文");
}

#[test]
fn field_codes_are_left_out_and_results_kept() {
    let doc = Doc::body("第\x13 PAGE \x143\x15页\x13 NUMPAGES \x15，共\x13 =1+1 \x142\x15页\r");
    assert_eq!(read(&doc), "第3页，共2页");
}

#[test]
fn a_field_nested_in_a_code_is_left_out_and_in_a_result_kept() {
    let code = Doc::body("\x13IF \x13MERGEFIELD a\x14inner\x15 = 1\x14结果\x15\r");
    assert_eq!(read(&code), "结果");
    let result = Doc::body("\x13HYPERLINK \"x\"\x14见\x13 PAGE \x145\x15页\x15\r");
    assert_eq!(read(&result), "见5页");
}

#[test]
fn a_field_result_may_hold_paragraphs() {
    let toc = Doc::body("目录\r\x13 TOC \\o \x14一、总体要求\t1\r二、主要任务\t2\r\x15正文\r");
    assert_eq!(read(&toc), "目录\n一、总体要求\t1\n二、主要任务\t2\n正文");
}

#[test]
fn table_cells_are_lines_and_row_ends_are_not() {
    // Two rows of two cells; the second row's first cell is empty and its second holds two
    // paragraphs.
    let text = "表前\r甲\x07乙\x07\x07\x07丙\r丁\x07\x07表后\r";
    let mut doc = Doc::body(text);
    doc.row_ends = vec![7, 13];
    assert_eq!(read(&doc), "表前\n甲\n乙\n\n丙\n丁\n表后");
    // Without the paragraph properties, a row's mark reads as an empty paragraph.
    doc.row_ends.clear();
    assert_eq!(read(&doc), "表前\n甲\n乙\n\n\n丙\n丁\n\n表后");
}

#[test]
fn a_nested_table_ends_its_rows_with_paragraph_marks() {
    // An outer row of two cells; the second holds a table of one row of two cells, and after
    // it the empty paragraph that a cell ends with, as in a `.docx`.
    let text = "外\x07内甲\r内乙\r\r\x07\x07";
    let mut doc = Doc::body(text);
    doc.inner_row_ends = vec![8];
    doc.row_ends = vec![10];
    assert_eq!(read(&doc), "外\n内甲\n内乙\n");
}

#[test]
fn row_ends_are_found_in_compressed_pieces_too() {
    let mut doc = Doc::new(vec![wide("甲"), narrow(b"\x07A\x07\x07"), wide("后\r")]);
    doc.row_ends = vec![4];
    assert_eq!(read(&doc), "甲\nA\n后");
}

#[test]
fn breaks_hyphens_and_marks_within_a_paragraph() {
    let doc = Doc::body("素材整\x0B理工作\tA\x1EB\x1Fc\x01\x08D\x0BE\x0EF\x02\x05\r");
    assert_eq!(read(&doc), "素材整理工作\tA-BcD E F");
}

#[test]
fn a_section_mark_ends_a_paragraph_and_a_page_break_does_not() {
    let text = "第一节\x0c第二\x0c节\r";
    let mut doc = Doc::body(text);
    doc.sed = vec![0, 4, 9];
    assert_eq!(read(&doc), "第一节\n第二节");
}

#[test]
fn surrogate_pairs_join_and_lone_halves_are_replaced() {
    let mut units: Vec<u16> = "𠀀".encode_utf16().collect();
    units.extend([0xD800, 0x41, 0xDC00, 0x0D]);
    let doc = Doc::new(vec![Chunk {
        units,
        compressed: false,
    }]);
    assert_eq!(read(&doc), "𠀀\u{FFFD}A\u{FFFD}");
}

#[test]
fn headers_then_footers_follow_once_when_they_hold_text() {
    // Header document: six separators (empty), then two sections' stories: even header,
    // odd header, even footer, odd footer, first header, first footer. Each story ends with
    // a guard mark.
    let stories = [
        "",
        "",
        "",
        "",
        "",
        "", // separators
        "",
        "XX文件\r\r",
        "",
        "第\x13 PAGE \x141\x15页\r\r",
        "",
        "\r\r", // section 1
        "",
        "XX文件\r\r",
        "",
        "",
        "",
        "附件\r\r", // section 2
    ];
    let mut hdd = vec![0];
    let mut header = String::new();
    for story in stories {
        header.push_str(story);
        hdd.push(header.encode_utf16().count() as u32);
    }
    header.push('\r');
    hdd.push(hdd.last().unwrap() + 1);
    let mut doc = Doc::new(vec![wide("正文\r"), wide(&header)]);
    doc.ccp_text = Some(3);
    doc.hdd = hdd;
    assert_eq!(read(&doc), "正文\nXX文件\n第1页\n附件");
}

#[test]
fn stories_out_of_order_are_not_followed() {
    let mut doc = Doc::new(vec![wide("正文\r"), wide("页眉\r\r")]);
    doc.ccp_text = Some(3);
    doc.hdd = vec![0, 0, 0, 0, 0, 0, 0, 4, 2, 4, 4];
    assert_eq!(read(&doc), "正文\n页眉");
    doc.hdd = vec![0, 0, 0, 0, 0, 0, 0, 99, 99];
    assert_eq!(read(&doc), "正文");
}

#[test]
fn an_encrypted_file_is_refused_with_a_clear_error() {
    let mut doc = Doc::body("机密\r");
    doc.flags |= 1 << 8;
    let error = text_of(&doc.bytes()).unwrap_err();
    assert!(matches!(error, DocError::Encrypted), "{error:?}");
    assert_eq!(
        error.to_string(),
        "is encrypted (password-protected); save an unprotected copy to lint it"
    );
    assert!(error.chinese().starts_with("已加密"), "{}", error.chinese());

    let docx = compound(&[("EncryptionInfo", b"\x04\x00"), ("EncryptedPackage", b"x")]);
    assert!(matches!(text_of(&docx), Err(DocError::Encrypted)));
}

#[test]
fn other_compound_files_and_older_versions_are_refused() {
    let workbook = compound(&[("Workbook", b"\x09\x08")]);
    let error = text_of(&workbook).unwrap_err();
    assert!(matches!(error, DocError::NotWord), "{error:?}");
    assert!(error.to_string().contains("without a WordDocument stream"));

    let mut doc = Doc::body("旧\r");
    doc.nfib = 0x0065;
    let error = text_of(&doc.bytes()).unwrap_err();
    assert!(
        matches!(error, DocError::OldFormat { nfib: 0x65 }),
        "{error:?}"
    );
    assert!(error.to_string().contains("Word 6.0/95"), "{error}");
}

#[test]
fn damaged_files_are_refused_with_what_is_wrong() {
    let (word, table) = Doc::body("正文\r").streams();
    let unreadable = |streams: &[(&str, &[u8])]| match text_of(&compound(streams)) {
        Err(DocError::Unreadable(flaw)) => flaw,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        unreadable(&[("WordDocument", &word)]),
        Flaw::NoTableStream("1Table")
    );
    assert_eq!(
        unreadable(&[("WordDocument", &word[..100]), ("1Table", &table)]),
        Flaw::ShortFib
    );
    let mut other = word.clone();
    other[0] = 0;
    assert_eq!(
        unreadable(&[("WordDocument", &other), ("1Table", &table)]),
        Flaw::NotAFib(0xA500)
    );
    assert_eq!(
        unreadable(&[("WordDocument", &word), ("1Table", &table[..3])]),
        Flaw::Clx
    );
    let mut outside = word.clone();
    outside.truncate(TEXT_AT + 2);
    assert_eq!(
        unreadable(&[("WordDocument", &outside), ("1Table", &table)]),
        Flaw::PieceOutside
    );
    let mut longer = word.clone();
    longer[0x4C..0x50].copy_from_slice(&9u32.to_le_bytes());
    assert_eq!(
        unreadable(&[("WordDocument", &longer), ("1Table", &table)]),
        Flaw::PiecesTooShort
    );
    longer[0x4C..0x50].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_eq!(
        unreadable(&[("WordDocument", &longer), ("1Table", &table)]),
        Flaw::TextTooLong
    );

    let error = text_of(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and then nothing").unwrap_err();
    assert!(
        matches!(error, DocError::Unreadable(Flaw::Container(_))),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.starts_with(
            "is a Word 97-2003 file this reader cannot read: the compound file is damaged"
        ),
        "{message}"
    );
    assert!(
        error
            .chinese()
            .starts_with("是无法读取的 Word 97-2003 文件：复合文件结构已损坏"),
        "{}",
        error.chinese()
    );
}

#[test]
fn a_truncated_file_is_refused() {
    let bytes = Doc::body(&"一段正文。\r".repeat(400)).bytes();
    for len in [bytes.len() / 2, bytes.len() - 600, 600] {
        let error = text_of(&bytes[..len]).unwrap_err();
        assert!(matches!(error, DocError::Unreadable(_)), "{len}: {error:?}");
    }
}

#[test]
fn streams_and_pieces_are_limited() {
    let doc = Doc::body(&"一段正文。\r".repeat(200));
    let bytes = doc.bytes();
    let tight = |limits: Limits| text_with_limits(&bytes, &limits).unwrap_err();
    let error = tight(Limits {
        max_stream_bytes: 2048,
        ..Limits::DEFAULT
    });
    assert!(matches!(error, DocError::TooLarge { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "has a WordDocument stream larger than 2 KiB, so it is not read"
    );
    let error = tight(Limits {
        max_total_bytes: 3000,
        ..Limits::DEFAULT
    });
    assert!(matches!(error, DocError::TooLargeInAll { .. }), "{error:?}");

    let many = Doc::new((0..20).map(|_| wide("片段")).collect());
    let error = text_with_limits(
        &many.bytes(),
        &Limits {
            max_pieces: 10,
            ..Limits::DEFAULT
        },
    )
    .unwrap_err();
    assert!(
        matches!(
            error,
            DocError::TooManyPieces {
                pieces: 20,
                limit: 10
            }
        ),
        "{error:?}"
    );
    assert_eq!(read(&many), "片段".repeat(20));
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/doc")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What LibreOffice wrote as Word 97–2003 reads as the lines the `.docx` reader makes of the
/// `.docx` it was saved from: tables, headers and footers, fields, breaks and all.
#[test]
fn the_fixtures_read_as_their_docx_twins() {
    for name in ["notice", "plan", "minutes"] {
        let ours = text_of(&fixture(&format!("{name}.doc"))).unwrap();
        let twin = crate::read::docx::text_of(&fixture(&format!("{name}.docx"))).unwrap();
        assert_eq!(ours, twin, "{name}");
    }
    let plan = text_of(&fixture("plan.doc")).unwrap();
    let lines: Vec<&str> = plan.lines().collect();
    let table = lines.iter().position(|l| *l == "序号").unwrap();
    assert_eq!(
        lines[table..table + 15],
        [
            "序号", "工作任务", "责任单位", "1", "推进数据共享", "市大数据中心", "2",
            "完善网上办事平台", "按季度报送进展情况", "市政务服务中心、XX局", "3",
            "组织业务培训", "", "三、保障措施", "各单位要加强组织领导，明确责任分工，确保各项任务按期完成，有关情况及时报送市政务服务中心。"
        ]
    );
    assert_eq!(lines[table + 15..], ["XX市XX局文件", "第1页"]);
    let notice = text_of(&fixture("notice.doc")).unwrap();
    assert!(notice.starts_with("关于开展2024年度安全生产检查工作的通知\n"));
    assert!(notice.contains("\n联系人：张XX\t联系电话：XXXXXXXX\n"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever follows the signature, the reader answers without panicking.
    #[test]
    fn arbitrary_bytes_after_the_signature_never_panic(
        rest in proptest::collection::vec(any::<u8>(), 0..4096)
    ) {
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.extend(rest);
        let _ = text_of(&bytes);
    }

    /// A valid file with bytes changed or cut off is read or refused, never a panic.
    #[test]
    fn mutations_of_a_valid_file_never_panic(
        changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut doc = Doc::new(vec![wide("表前\r甲\x07乙\x07\x07"), narrow(b"\x13 PAGE \x142\x15\r"), wide("页眉\r\r\r")]);
        doc.ccp_text = Some(19);
        doc.row_ends = vec![7];
        doc.hdd = vec![0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 5];
        doc.sed = vec![0, 19];
        let (mut word, mut table) = doc.streams();
        for (at, byte) in &changes {
            // Most changes land where the structures are: the FIB, the text, the tables.
            let stream = if at.index(2) == 0 { &mut word } else { &mut table };
            let i = at.index(stream.len());
            stream[i] = *byte;
        }
        let mut bytes = compound(&[("WordDocument", &word), ("1Table", &table)]);
        for (at, byte) in changes.iter().take(2) {
            let i = at.index(bytes.len());
            bytes[i] ^= byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        let _ = text_of(&bytes);
    }
}

/// The bytes decide the reader, whatever the name says.
#[test]
fn the_format_is_told_by_the_content() {
    use crate::read::{read_bytes, ReadError};
    let doc = Doc::body("通知\r").bytes();
    for name in ["a.doc", "a.wps", "a.docx", "a.txt", "a.md", "a"] {
        let decoded = read_bytes(&doc, Path::new(name)).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.word),
            ("通知", true),
            "{name}"
        );
    }
    let encrypted = compound(&[("EncryptionInfo", b"\x04\x00"), ("EncryptedPackage", b"x")]);
    assert!(matches!(
        read_bytes(&encrypted, Path::new("a.docx")),
        Err(ReadError::Doc(DocError::Encrypted))
    ));
    let rtf = b"{\\rtf1\\ansi \\'cd\\'a8\\'d6\\'aa}";
    for name in ["a.doc", "a.WPS"] {
        let error = read_bytes(rtf, Path::new(name)).unwrap_err();
        assert!(
            matches!(error, ReadError::Doc(DocError::NoSignature)),
            "{error:?}"
        );
    }
    let text = read_bytes(rtf, Path::new("a.rtf")).unwrap();
    assert!(!text.word);
    let error = read_bytes(b"PK\x03\x04 not really", Path::new("a.doc")).unwrap_err();
    assert!(matches!(error, ReadError::Docx(_)), "{error:?}");
}
