//! `wenlint annotate`: the commented copy of a Word file, read back as Word would read it: one
//! comment per finding on exactly the flagged characters, findings in headers and text boxes
//! listed at the start of the body, the text and the formatting unchanged, the original
//! untouched, and LibreOffice able to open the copy.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;
use wenlint::{Linter, Report, Settings, Source};

use crate::common::wenlint;
use crate::word_files::{paragraphs_of, zip_of};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A part of a `.docx`, or `None`.
fn part(docx: &[u8], name: &str) -> Option<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut entry = archive.by_name(name).ok()?;
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    Some(text)
}

/// The text inside each comment range of the document, by comment id: what Word highlights.
fn ranges(docx: &[u8]) -> BTreeMap<u64, String> {
    let xml = part(docx, "word/document.xml").unwrap();
    let mut reader = Reader::from_str(&xml);
    let (mut open, mut closed) = (BTreeMap::new(), BTreeMap::new());
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_t = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_t = false,
            Event::Empty(e) if e.local_name().as_ref() == b"commentRangeStart" => {
                open.insert(id_of(&e), String::new());
            }
            Event::Empty(e) if e.local_name().as_ref() == b"commentRangeEnd" => {
                let id = id_of(&e);
                closed.insert(id, open.remove(&id).unwrap());
            }
            Event::Text(t) if in_t => {
                let text = t.xml10_content().unwrap();
                open.values_mut()
                    .for_each(|covered| covered.push_str(&text));
            }
            Event::GeneralRef(r) if in_t => {
                let name = r.decode().unwrap();
                let text = quick_xml::escape::resolve_predefined_entity(&name).unwrap();
                open.values_mut().for_each(|covered| covered.push_str(text));
            }
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed comment ranges: {open:?}");
    closed
}

fn id_of(e: &quick_xml::events::BytesStart<'_>) -> u64 {
    let id = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"id")
        .unwrap();
    String::from_utf8_lossy(&id.value).parse().unwrap()
}

/// Each comment's paragraphs, by id.
fn comments(docx: &[u8]) -> BTreeMap<u64, Vec<String>> {
    let Some(xml) = part(docx, "word/comments.xml") else {
        return BTreeMap::new();
    };
    let mut reader = Reader::from_str(&xml);
    let mut all = BTreeMap::new();
    let (mut id, mut in_t) = (None, false);
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) if e.local_name().as_ref() == b"comment" => {
                id = Some(id_of(&e));
                all.insert(id_of(&e), Vec::new());
            }
            Event::Start(e) if e.local_name().as_ref() == b"p" => {
                if let Some(paragraphs) = id.and_then(|id| all.get_mut(&id)) {
                    paragraphs.push(String::new());
                }
            }
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_t = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_t = false,
            Event::Text(t) if in_t => {
                let text = t.xml10_content().unwrap().into_owned();
                if let Some(last) = id
                    .and_then(|id| all.get_mut(&id))
                    .and_then(|p| p.last_mut())
                {
                    last.push_str(&text);
                }
            }
            _ => {}
        }
    }
    all
}

/// The report `check` gives for these bytes under the default config.
fn report_of(name: &str, bytes: &[u8]) -> Report {
    let mut linter = Linter::new(Settings::default()).unwrap();
    linter.lint(Source::bytes(name, bytes.to_vec())).unwrap()
}

/// Annotates `name` in `dir` with `args`; returns the exit code, stdout and stderr.
fn annotate(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = wenlint()
        .current_dir(dir)
        .arg("annotate")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// What makes a commented copy right: the original's text unchanged, one comment per body
/// finding over exactly its characters, in order, with its message and rule. Returns the
/// ids of the comments the copy added.
fn assert_commented(original: &[u8], copy: &[u8]) -> Vec<u64> {
    let before = report_of("a.docx", original);
    let after = report_of("a.docx", copy);
    assert_eq!(after.source(), before.source(), "the text changed");
    assert_eq!(
        after.diagnostics, before.diagnostics,
        "the findings changed"
    );
    let old: Vec<u64> = comments(original).into_keys().collect();
    let ranges = ranges(copy);
    let comments = comments(copy);
    let new: Vec<u64> = ranges
        .keys()
        .copied()
        .filter(|id| !old.contains(id))
        .collect();
    // Comments come in the order of the findings; those Word cannot take are listed in one
    // more comment, the last.
    let mut ids = new.iter().peekable();
    let mut gathered = Vec::new();
    for d in &before.diagnostics {
        let flagged = &before.source()[d.span.clone()];
        match ids.peek() {
            Some(&&id) if comments[&id][0] == d.message => {
                ids.next();
                assert_eq!(ranges[&id], flagged, "comment {id}: {:?}", comments[&id]);
                let rule_line = comments[&id].last().unwrap();
                assert!(rule_line.starts_with(&*d.rule), "{:?}", comments[&id]);
            }
            _ => gathered.push(d),
        }
    }
    let rest: Vec<&u64> = ids.collect();
    if gathered.is_empty() {
        assert!(rest.is_empty(), "comments without findings: {rest:?}");
    } else {
        assert_eq!(
            rest.len(),
            1,
            "one comment lists the findings Word cannot take"
        );
        let listed = comments[rest[0]].join("\n");
        for d in gathered {
            assert!(
                listed.contains(d.message.as_ref()),
                "{} not in {listed}",
                d.message
            );
        }
    }
    new
}

fn body(paragraphs: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{paragraphs}<w:sectPr/></w:body></w:document>"#
    )
}

/// A draft with what real Word files have: a placeholder split across two runs of different
/// formatting, a tab, a field, a tracked insertion, an existing comment, a header and a text
/// box with findings.
fn rich_draft() -> Vec<u8> {
    let paragraphs = concat!(
        r#"<w:p><w:r><w:t>关于召开</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>全市X</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>X系统</w:t></w:r><w:r><w:t>工作会议的通知</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>会议时间：</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">X月X日 上午</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>页码</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>，请某某同志参加。</w:t></w:r></w:p>"#,
        r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>请各单位认真布署</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:ins w:id="5" w:author="科员"><w:r><w:t>，XX局牵头</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>附件如下</w:t></w:r><w:r><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>联系人：某某</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></w:r></w:p>"#,
    );
    let document = body(paragraphs);
    let header = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="{W}"><w:p><w:r><w:t>XX市人民政府办公室</w:t></w:r></w:p></w:hdr>"#
    );
    let comments = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="处长"><w:p><w:r><w:t>请核实</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#;
    zip_of(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/comments.xml", comments.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
    ])
}

#[test]
fn each_finding_gets_a_comment_on_its_characters_and_nothing_else_changes() {
    let dir = tempfile::tempdir().unwrap();
    let original = rich_draft();
    std::fs::write(dir.path().join("通知.docx"), &original).unwrap();
    let (code, stdout, stderr) = annotate(dir.path(), &["通知.docx"]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("个错误"), "the summary of check: {stdout}");
    assert_eq!(
        std::fs::read(dir.path().join("通知.docx")).unwrap(),
        original
    );
    let copy = std::fs::read(dir.path().join("通知.wenlint.docx")).unwrap();

    let new = assert_commented(&original, &copy);
    let report = report_of("a.docx", &original);
    let ranges = ranges(&copy);
    let comments = comments(&copy);
    assert_eq!(comments[&0], ["请核实"], "the existing comment is kept");
    assert_eq!(ranges[&0], "请各单位认真布署");
    assert!(!new.contains(&0), "new comments do not reuse id 0");
    // The placeholder split across a bold and an italic run is one comment over both.
    let split: Vec<&String> = ranges
        .values()
        .filter(|text| text.as_str() == "XX")
        .collect();
    assert!(!split.is_empty(), "{ranges:?}");
    let flagged: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| &report.source()[d.span.clone()])
        .collect();
    for text in ["X月X日", "某某", "布署", "XX"] {
        assert!(flagged.contains(&text), "{text} is a finding: {flagged:?}");
        assert!(
            ranges.values().any(|covered| covered == text),
            "{text}: {ranges:?}"
        );
    }
    // The header and the text box cannot take comments: one comment lists them.
    let gathered: Vec<&Vec<String>> = comments
        .values()
        .filter(|p| p[0].contains("页眉、页脚或文本框"))
        .collect();
    assert_eq!(gathered.len(), 1, "{comments:?}");
    let listed = gathered[0].join("\n");
    assert!(
        listed.contains("页眉（word/header1.xml）第 1 段"),
        "{listed}"
    );
    assert!(listed.contains("文本框"), "{listed}");
    // Every finding is accounted for: a comment of its own, or a line of the gathered one.
    assert_eq!(
        new.len() - 1 + gathered[0].len() - 1,
        report.diagnostics.len()
    );
    // The runs keep their formatting: bold and italic still hold the same text.
    let formatted = |docx: &[u8], mark: &str| -> String {
        let xml = part(docx, "word/document.xml").unwrap();
        xml.split("<w:r>")
            .filter(|run| run.contains(mark))
            .filter_map(|run| {
                Some(
                    run.split("<w:t")
                        .nth(1)?
                        .split_once('>')?
                        .1
                        .split("</w:t>")
                        .next()?
                        .to_string(),
                )
            })
            .collect()
    };
    assert_eq!(formatted(&copy, "<w:b/>"), "全市X");
    assert_eq!(formatted(&copy, "<w:i/>"), "X系统");
}

#[test]
fn a_word_file_without_comments_gets_a_comments_part_its_relationship_and_content_type() {
    let dir = tempfile::tempdir().unwrap();
    let document = body(r#"<w:p><w:r><w:t>请XX同志于X月X日前报送。</w:t></w:r></w:p>"#);
    let original = zip_of(&[("word/document.xml", document.as_bytes())]);
    std::fs::write(dir.path().join("a.docx"), &original).unwrap();
    let (code, stdout, _) = annotate(
        dir.path(),
        &["a.docx", "-o", "out/批注.docx", "--lang", "en"],
    );
    assert_eq!(code, Some(2), "no folder out/: {stdout}");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let (code, stdout, _) = annotate(
        dir.path(),
        &["a.docx", "-o", "out/批注.docx", "--lang", "en"],
    );
    assert_eq!(code, Some(1));
    assert!(stdout.contains("Found 2 errors"), "{stdout}");
    assert!(stdout.contains("2 comments"), "{stdout}");
    let copy = std::fs::read(dir.path().join("out/批注.docx")).unwrap();
    assert_commented(&original, &copy);
    assert_eq!(
        ranges(&copy).into_values().collect::<Vec<_>>(),
        ["XX", "X月X日"]
    );
    let rels = part(&copy, "word/_rels/document.xml.rels").unwrap();
    assert!(rels.contains("relationships/comments") && rels.contains("Target=\"comments.xml\""));
    let types = part(&copy, "[Content_Types].xml").unwrap();
    assert!(types.contains("PartName=\"/word/comments.xml\""), "{types}");
    let comments = comments(&copy);
    assert_eq!(comments[&0][0], "占位符“XX”尚未填写：“同志”前应是姓名");
    assert_eq!(comments[&0].last().unwrap(), "placeholder/marker · error");
}

#[test]
fn select_narrows_the_comments_and_a_clean_file_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let document = body(r#"<w:p><w:r><w:t>请XX同志认真布署。</w:t></w:r></w:p>"#);
    std::fs::write(
        dir.path().join("a.docx"),
        zip_of(&[("word/document.xml", document.as_bytes())]),
    )
    .unwrap();
    let (code, _, _) = annotate(dir.path(), &["a.docx", "--select", "term"]);
    assert_eq!(code, Some(1));
    let copy = std::fs::read(dir.path().join("a.wenlint.docx")).unwrap();
    assert_eq!(ranges(&copy).into_values().collect::<Vec<_>>(), ["布署"]);
    let (code, stdout, _) = annotate(dir.path(), &["a.docx", "--select", "number"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("0 条批注"), "{stdout}");
}

#[test]
fn the_original_is_never_the_output_and_a_doc_file_is_told_how_to_convert() {
    let dir = tempfile::tempdir().unwrap();
    let document = body(r#"<w:p><w:r><w:t>请XX同志参加。</w:t></w:r></w:p>"#);
    let original = zip_of(&[("word/document.xml", document.as_bytes())]);
    std::fs::write(dir.path().join("a.docx"), &original).unwrap();
    let (code, _, stderr) = annotate(dir.path(), &["a.docx", "-o", "./a.docx"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("从不改写原文件"), "{stderr}");
    assert_eq!(std::fs::read(dir.path().join("a.docx")).unwrap(), original);

    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    std::fs::write(dir.path().join("旧稿.doc"), &ole).unwrap();
    let (code, _, stderr) = annotate(dir.path(), &["旧稿.doc"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("只能写进 .docx")
            && stderr.contains("soffice --headless --convert-to docx"),
        "{stderr}"
    );
    std::fs::write(dir.path().join("a.txt"), "请XX同志参加。").unwrap();
    let (code, _, stderr) = annotate(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("不是 Word 的 .docx 文件"), "{stderr}");
}

/// The seed draft as a Word file: a comment on each of its findings.
#[test]
fn the_seed_as_a_word_file_gets_a_comment_per_finding() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/seed/000_b33b4ccf6b47c0c8.txt");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: ../shared/corpus not found, cannot annotate the seed");
        return;
    };
    let paragraphs = paragraphs_of(&text);
    let original = zip_of(&[("word/document.xml", body(&paragraphs).as_bytes())]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("seed.docx"), &original).unwrap();
    let (code, stdout, stderr) = annotate(dir.path(), &["seed.docx"]);
    assert_eq!(code, Some(1), "{stderr}");
    let copy = std::fs::read(dir.path().join("seed.wenlint.docx")).unwrap();
    let new = assert_commented(&original, &copy);
    let findings = report_of("seed.docx", &original).diagnostics.len();
    assert!(findings > 100);
    assert_eq!(new.len(), findings, "{stdout}");
}

/// Each real Word file of the corpus, annotated: a comment per finding on its characters, the
/// same text, and a copy LibreOffice opens and converts.
#[test]
fn the_corpus_word_files_annotated_open_in_libreoffice() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/docx");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        eprintln!("skipped: ../shared/corpus not found, cannot annotate its Word files");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut copies = Vec::new();
    let mut names: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let original = std::fs::read(&path).unwrap();
        std::fs::write(dir.path().join(&name), &original).unwrap();
        let out = name.replace(".docx", ".annotated.docx");
        let (code, stdout, stderr) = annotate(dir.path(), &[&name, "-o", &out]);
        assert!(matches!(code, Some(0 | 1)), "{name}: {stdout}{stderr}");
        let copy = std::fs::read(dir.path().join(&out)).unwrap();
        let new = assert_commented(&original, &copy);
        let report = report_of(&name, &original);
        assert!(new.len() <= report.diagnostics.len() + 1, "{name}");
        copies.push(out);
    }
    assert!(!copies.is_empty());
    soffice_converts(dir.path(), &copies);
}

/// Converts the copies to PDF with LibreOffice; skips (with a message) when it is not
/// installed, which CI does not allow.
fn soffice_converts(dir: &Path, copies: &[String]) {
    let converted = crate::common::soffice_convert(
        dir,
        "pdf",
        Path::new("pdf"),
        copies,
        "the copies were not opened in LibreOffice",
    );
    if !converted {
        return;
    }
    for copy in copies {
        let pdf = dir.join("pdf").join(copy.replace(".docx", ".pdf"));
        let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
        assert!(size > 1000, "LibreOffice did not convert {copy}");
    }
}

/// A damaged Word file is reported like `check` reports it, and no copy is written.
#[test]
fn a_damaged_word_file_is_an_error_and_no_copy_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("坏.docx"), b"PK\x03\x04 not really a zip").unwrap();
    let (code, stdout, stderr) = annotate(dir.path(), &["坏.docx"]);
    assert_eq!(code, Some(2), "{stdout}");
    assert!(
        stderr.contains("坏.docx") && stderr.contains("不是 .docx 文件"),
        "{stderr}"
    );
    assert!(!dir.path().join("坏.wenlint.docx").exists());
    let (code, _, stderr) = annotate(dir.path(), &["没有这个文件.docx"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("找不到该文件或目录"), "{stderr}");
}
