//! The reader as a whole: `.docx` files built in memory, the draft fixture and the real Word
//! files of `../shared/corpus/docx`, read through [`text_of`] and [`text_with_limits`]. The
//! helpers that build a `.docx` serve the other files' tests too.

use super::*;
use std::io::{Cursor, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::extract::MC_NAMESPACE;
use super::rels::{DOCUMENT, PACKAGE_RELS};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub(super) fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub(super) fn body(xml: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="{}"><w:body>{xml}</w:body></w:document>"#,
        std::str::from_utf8(MC_NAMESPACE).unwrap()
    )
}

fn text(xml: &str) -> String {
    text_of(&docx(&[(DOCUMENT, &body(xml))])).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub(super) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub(super) fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    )
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
    let hdr =
        |t: &str| format!("<w:hdr xmlns:w=\"{W}\"><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:hdr>");
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
fn the_draft_reads_as_its_expected_text() {
    let text = text_of(&fixture("docx/draft.docx")).unwrap();
    let expected = String::from_utf8(fixture("docx/draft.expected.txt")).unwrap();
    assert_eq!(format!("{text}\n"), expected);
}

#[test]
fn each_line_of_the_source_is_the_same_line_of_the_docx_text() {
    let text = text_of(&fixture("docx/draft.docx")).unwrap();
    let source = String::from_utf8(fixture("speech-draft.txt")).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in source.lines().enumerate() {
        assert_eq!(lines[i], line, "line {}", i + 1);
    }
    let rest = &lines[source.lines().count()..];
    assert_eq!(rest[..2], ["联系人：XX", "联系电话：XXXXXXXX"]);
    assert_eq!(rest.last(), Some(&"XX市应急管理局文件"));
}

#[test]
fn a_file_that_is_not_a_zip_is_refused() {
    let error = text_of("在全市XX系统安全生产工作会议上的讲话".as_bytes()).unwrap_err();
    assert!(matches!(error, DocxError::NotAZip(_)), "{error:?}");
    assert!(
        error.to_string().starts_with("is not a .docx file"),
        "{error}"
    );
}

#[test]
fn a_zip_without_a_document_is_refused() {
    let error = text_of(&zip_of(&[("readme.txt", b"hello")])).unwrap_err();
    assert!(matches!(error, DocxError::MissingDocument), "{error:?}");
    assert!(error.to_string().contains("word/document.xml"), "{error}");
}

#[test]
fn malformed_xml_is_refused_with_its_place() {
    let broken = [
        document("<w:p><w:r><w:t>XX</w:r></w:p>"),
        document("<w:p><w:r><w:t>XX</w:t></w:r>").replace("</w:document>", ""),
        document("<w:p><w:r><w:t>A &undefined; B</w:t></w:r></w:p>"),
        "<w:document xmlns:w=\"".to_string(),
        String::new(),
    ];
    for xml in broken {
        let error = text_of(&zip_of(&[("word/document.xml", xml.as_bytes())])).unwrap_err();
        assert!(matches!(error, DocxError::Xml { .. }), "{xml}: {error:?}");
        let message = error.to_string();
        assert!(
            message.starts_with("has malformed XML in word/document.xml at byte"),
            "{message}"
        );
    }
}

/// The CJK characters of a text, in order.
fn cjk(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| matches!(*c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x2FFFF))
        .collect()
}

/// The length of the longest common subsequence of `a` and `b` (texts of a few thousand
/// characters, so the quadratic table is small).
fn common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[test]
fn corpus_word_files_read_like_their_markdown_twins() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/docx");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "skipped: {} is absent, so the real Word files were not read",
            dir.display()
        );
        return;
    };
    let mut paths: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no .docx in {}", dir.display());
    for path in paths {
        let text = text_of(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let twin = std::fs::read_to_string(path.with_extension("md")).unwrap();
        let (ours, theirs) = (cjk(&text), cjk(&twin));
        let shared = common_subsequence(&theirs, &ours);
        assert!(
            shared * 10 >= theirs.len() * 9,
            "{}: {shared} of the twin's {} CJK characters, in order",
            path.display(),
            theirs.len()
        );
    }
}
