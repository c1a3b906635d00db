//! A commented copy of a Word file: one comment (批注) at each finding, anchored on exactly
//! the flagged characters, as a reviewer's marks come back in the margin. Word shows no line
//! and column, so a report in the terminal cannot be followed in Word; comments can.
//!
//! Nothing else changes: the copy keeps every part of the original as it is stored, and in
//! the main document part only runs holding a comment's start or end are split (see
//! [`rewrite`]), so the text, the formatting, tables, text boxes, existing comments and
//! tracked changes are as they were. Findings in headers, footers and text boxes, where
//! Word takes no comment, are listed in one comment at the start of the body.
//!
//! The stages: [`anchor`] turns each finding's span into boundaries of `w:t` elements,
//! [`rewrite`] writes the comment ranges into the document's XML, [`package`] writes the
//! comments part and the copy.

mod anchor;
mod package;
mod rewrite;

use crate::diagnostic::Diagnostic;
use crate::engine::Report;
use crate::error::Error;
use crate::lang::{Lang, Text};
use crate::read::docx::{self, Limits, TextMap};
use crate::read::{OLE_SIGNATURE, ZIP_SIGNATURE};
use anchor::{Boundary, Place, Range, Where};
use package::Comment;
use rewrite::{Marker, MarkerKind};

/// The commented copy and how its comments were placed.
#[derive(Debug)]
pub(crate) struct Annotated {
    pub bytes: Vec<u8>,
    /// Findings with a comment on their characters.
    pub in_body: usize,
    /// Findings listed in the comment at the start of the body (headers, footers, text boxes).
    pub gathered: usize,
}

/// The copy of `original` (a `.docx`) with a comment for each finding of `report`, which
/// must be the report of that file; comments are written in `lang`.
pub(crate) fn annotate(original: &[u8], report: &Report, lang: Lang) -> Result<Annotated, Text> {
    let limits = Limits::DEFAULT;
    let read_error = |e: docx::DocxError| Text::new(e.chinese(), e.to_string());
    let (text, map) = docx::text_and_map(original, &limits).map_err(read_error)?;
    if text != report.source() {
        return Err(Text::new(
            "文件在检查之后变了，请重新运行",
            "the file changed after it was checked; run again",
        ));
    }
    let part = |name: &str| docx::part_bytes(original, &limits, name).map_err(read_error);
    let document =
        part(&map.main_part)?.ok_or_else(|| read_error(docx::DocxError::MissingDocument))?;
    let rels_name = package::relationships_of(&map.main_part);
    let relationships = part(&rels_name)?;
    let comments_name = package::comments_part(&map.main_part, relationships.as_deref());
    let existing = match &comments_name {
        Some(name) => part(name)?.map(|bytes| (name.clone(), bytes)),
        None => None,
    };
    let first_id = package::highest_comment_id(existing.as_ref().map(|(_, b)| &b[..]), &document)
        .map_or(0, |id| id + 1);
    let plan = plan(report, &map, first_id, lang);
    let (document, unplaced) = rewrite::with_markers(&document, plan.markers)
        .map_err(|e| read_error(xml_error(&map.main_part, e)))?;
    if unplaced > 0 {
        return Err(Text::new(
            format!("有 {unplaced} 处批注找不到位置，未写出副本"),
            format!("{unplaced} comment marks found no place; no copy was written"),
        ));
    }
    let parts = package::Parts {
        main_part: map.main_part.clone(),
        document,
        relationships,
        content_types: part("[Content_Types].xml")?,
        comments: existing,
    };
    let bytes = write(original, parts, &plan.comments)?;
    Ok(Annotated {
        bytes,
        in_body: plan.in_body,
        gathered: plan.gathered,
    })
}

fn xml_error(part: &str, message: String) -> docx::DocxError {
    docx::DocxError::Xml {
        part: part.to_string(),
        position: 0,
        message,
    }
}

/// The comments to write and the marks of their ranges.
struct Plan {
    comments: Vec<Comment>,
    markers: Vec<Marker>,
    in_body: usize,
    gathered: usize,
}

fn plan(report: &Report, map: &TextMap, first_id: u64, lang: Lang) -> Plan {
    let mut plan = Plan {
        comments: Vec::new(),
        markers: Vec::new(),
        in_body: 0,
        gathered: 0,
    };
    let mut elsewhere = Vec::new();
    let mut id = first_id;
    for (d, place) in report.diagnostics.iter().zip(anchor::places(report, map)) {
        match place {
            Place::Body(range) => {
                plan.add(id, range, words(d, lang));
                plan.in_body += 1;
                id += 1;
            }
            Place::Elsewhere(at) => elsewhere.push(
                format!("{}{}", where_words(&at, lang), lang.pick("：", ": ")) + &one_line(d, lang),
            ),
        }
    }
    if let (false, Some(range)) = (elsewhere.is_empty(), start_of_body(map)) {
        plan.gathered = elsewhere.len();
        let mut paragraphs = vec![lang
            .pick(
                "以下问题在页眉、页脚或文本框中，Word 不能在那里批注：",
                "These findings are in headers, footers or text boxes, where Word takes no comment:",
            )
            .to_string()];
        paragraphs.extend(elsewhere);
        plan.add(id, range, paragraphs);
    }
    plan
}

impl Plan {
    fn add(&mut self, id: u64, range: Range, paragraphs: Vec<String>) {
        self.markers.push(Marker {
            at: range.start,
            kind: MarkerKind::Start(id),
        });
        self.markers.push(Marker {
            at: range.end,
            kind: MarkerKind::End(id),
        });
        self.comments.push(Comment { id, paragraphs });
    }
}

/// The first character of the body's text, where the gathered comment goes.
fn start_of_body(map: &TextMap) -> Option<Range> {
    let piece = map
        .body
        .iter()
        .filter(|line| !line.boxed)
        .find_map(|line| line.pieces.first())?;
    let start = Boundary {
        t: piece.t,
        offset: piece.offset,
    };
    let end = Boundary {
        offset: piece.offset + 1,
        ..start
    };
    Some(Range { start, end })
}

/// A comment's paragraphs: the message, the fix (as the human report words it), the rule.
fn words(d: &Diagnostic, lang: Lang) -> Vec<String> {
    let mut paragraphs = vec![d.message.to_string()];
    paragraphs.extend(crate::output::human::notes(d, lang));
    paragraphs.push(format!("{} · {}", d.rule, level_word(d, lang)));
    paragraphs
}

fn one_line(d: &Diagnostic, lang: Lang) -> String {
    format!("{}（{}，{}）", d.message, d.rule, level_word(d, lang))
}

fn level_word(d: &Diagnostic, lang: Lang) -> &'static str {
    lang.severity(d.severity)
}

fn where_words(at: &Where, lang: Lang) -> String {
    match (at, lang) {
        (Where::Part { part, paragraph }, Lang::Zh) => {
            let kind = if part.to_ascii_lowercase().contains("header") {
                "页眉"
            } else {
                "页脚"
            };
            format!("{kind}（{part}）第 {paragraph} 段")
        }
        (Where::Part { part, paragraph }, Lang::En) => format!("{part}, paragraph {paragraph}"),
        (Where::TextBox { line }, Lang::Zh) => format!("文本框（第 {line} 行）"),
        (Where::TextBox { line }, Lang::En) => format!("text box (line {line})"),
        (Where::Unanchored { line }, Lang::Zh) => format!("第 {line} 行"),
        (Where::Unanchored { line }, Lang::En) => format!("line {line}"),
    }
}

/// The package of the copy: the new document part, and the comments part with what names it.
fn write(original: &[u8], parts: package::Parts, comments: &[Comment]) -> Result<Vec<u8>, Text> {
    let mut replaced = vec![(parts.main_part.clone(), parts.document)];
    let mut added = Vec::new();
    if comments.is_empty() {
        return finish(original, &replaced, &added);
    }
    match parts.comments {
        Some((name, existing)) => {
            replaced.push((name, package::comments_xml(Some(&existing), comments)));
        }
        None => {
            let dir = parts.main_part.rsplit_once('/').map_or("", |(dir, _)| dir);
            let name = if dir.is_empty() {
                "comments.xml".to_string()
            } else {
                format!("{dir}/comments.xml")
            };
            added.push((name.clone(), package::comments_xml(None, comments)));
            let rels_name = package::relationships_of(&parts.main_part);
            let rels = package::relationships_xml(parts.relationships.as_deref(), "comments.xml");
            match parts.relationships {
                Some(_) => replaced.push((rels_name, rels)),
                None => added.push((rels_name, rels)),
            }
            let types = package::content_types_xml(parts.content_types.as_deref(), &name);
            let types = ("[Content_Types].xml".to_string(), types);
            match parts.content_types {
                Some(_) => replaced.push(types),
                None => added.push(types),
            }
        }
    }
    finish(original, &replaced, &added)
}

fn finish(
    original: &[u8],
    replaced: &[(String, Vec<u8>)],
    added: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, Text> {
    package::write_copy(original, replaced, added).map_err(|e| {
        Text::new(
            format!("无法写出带批注的副本：{e}"),
            format!("the commented copy cannot be written: {e}"),
        )
    })
}

/// A `.doc` or `.wps` (or anything else) cannot take comments here: say what to do instead.
pub(crate) fn refuse_unless_docx(shown: &str, bytes: &[u8]) -> Result<(), Error> {
    if bytes.starts_with(OLE_SIGNATURE) {
        return Err(Error::file(
            shown,
            Text::new(
                format!("是 Word 97-2003 或 WPS 的二进制文件：批注只能写进 .docx。请先转换，如 soffice --headless --convert-to docx {shown}，或在 Word、WPS 中另存为 .docx"),
                format!("is a Word 97-2003 or WPS binary file: comments are written into .docx only. Convert it first, e.g. soffice --headless --convert-to docx {shown}, or save it as .docx in Word or WPS"),
            ),
        ));
    }
    if !bytes.starts_with(ZIP_SIGNATURE) {
        return Err(Error::file(
            shown,
            Text::new(
                "不是 Word 的 .docx 文件，无法写入批注",
                "is not a Word .docx file, so it cannot take comments",
            ),
        ));
    }
    Ok(())
}
