//! The commented copy as a package: every part of the original copied as it is stored (not
//! even inflated), except the main document part, the comments part and the two lists that
//! must name it (the document's relationships and `[Content_Types].xml`).

use std::io::{Cursor, Write};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// The comments part's relationship type and content type (Transitional, as Word writes).
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One comment: its id and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Comment {
    pub id: u64,
    pub paragraphs: Vec<String>,
}

/// The parts of the original the copy changes, read before it is written.
pub(crate) struct Parts {
    pub main_part: String,
    pub document: Vec<u8>,
    pub relationships: Option<Vec<u8>>,
    pub content_types: Option<Vec<u8>>,
    /// The existing comments part, by name, if the document has one.
    pub comments: Option<(String, Vec<u8>)>,
}

/// The name of a part's relationships part: `word/_rels/document.xml.rels`.
pub(crate) fn relationships_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The comments part the document's relationships name, as a part name.
pub(crate) fn comments_part(main_part: &str, relationships: Option<&[u8]>) -> Option<String> {
    let mut target = None;
    each_tag(relationships?, |tag| {
        let is_comments = attribute(tag, b"Type").is_some_and(|t| t == COMMENTS_REL);
        if target.is_none() && local_name(tag) == b"Relationship" && is_comments {
            target = attribute(tag, b"Target");
        }
    });
    let target = target?;
    let dir = main_part.rsplit_once('/').map_or("", |(dir, _)| dir);
    Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if dir.is_empty() => target,
        None => format!("{dir}/{target}"),
    })
}

/// The highest comment id the document already uses, so that new ones do not clash.
pub(crate) fn highest_comment_id(comments: Option<&[u8]>, document: &[u8]) -> Option<u64> {
    let mut highest = None;
    let mut note = |tag: &BytesStart<'_>| {
        let commenting = matches!(
            local_name(tag),
            b"comment" | b"commentRangeStart" | b"commentRangeEnd" | b"commentReference"
        );
        let id = attribute(tag, b"id").and_then(|id| id.parse::<u64>().ok());
        if let (true, Some(id)) = (commenting, id) {
            highest = highest.max(Some(id));
        }
    };
    if let Some(comments) = comments {
        each_tag(comments, &mut note);
    }
    each_tag(document, &mut note);
    highest
}

/// Calls `f` on each start and empty tag of `xml`, in order, up to the end or the first
/// mistake in it.
fn each_tag(xml: &[u8], mut f: impl FnMut(&BytesStart<'_>)) {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(tag) | Event::Empty(tag)) => f(&tag),
            Ok(Event::Eof) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

fn local_name<'a>(tag: &'a BytesStart<'_>) -> &'a [u8] {
    let name = tag.name().into_inner();
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// The value of the attribute of local name `name`.
fn attribute(tag: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    let attribute = tag
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)?;
    let value = attribute
        .normalized_value(quick_xml::XmlVersion::default())
        .ok()?;
    Some(value.into_owned())
}

/// Where the last closing tag of local name `root` starts in `xml`, and its prefix (`w:`).
fn closing_tag(xml: &[u8], root: &[u8]) -> Option<(usize, String)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut found = None;
    loop {
        buf.clear();
        let before = reader.buffer_position() as usize;
        match reader.read_event_into(&mut buf) {
            Ok(Event::End(end)) if end.local_name().as_ref() == root => {
                let prefix = end.name().prefix().map_or(String::new(), |p| {
                    format!("{}:", String::from_utf8_lossy(p.as_ref()))
                });
                found = Some((before, prefix));
            }
            Ok(Event::Eof) | Err(_) => return found,
            Ok(_) => {}
        }
    }
}

/// The new comments as `w:comment` elements.
fn comment_elements(comments: &[Comment], prefix: &str) -> String {
    let p = prefix;
    let mut xml = String::new();
    for comment in comments {
        xml.push_str(&format!(
            "<{p}comment {p}id=\"{}\" {p}author=\"wenlint\" {p}initials=\"WL\">",
            comment.id
        ));
        for (i, paragraph) in comment.paragraphs.iter().enumerate() {
            xml.push_str(&format!("<{p}p>"));
            if i == 0 {
                xml.push_str(&format!("<{p}r><{p}annotationRef/></{p}r>"));
            }
            xml.push_str(&format!(
                "<{p}r><{p}t xml:space=\"preserve\">{}</{p}t></{p}r></{p}p>",
                escape(paragraph)
            ));
        }
        xml.push_str(&format!("</{p}comment>"));
    }
    xml
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// The comments part with `comments` added: appended to the existing part, or a new one.
pub(crate) fn comments_xml(existing: Option<&[u8]>, comments: &[Comment]) -> Vec<u8> {
    if let Some(xml) = existing {
        if let Some((at, prefix)) = closing_tag(xml, b"comments") {
            return spliced(xml, at, &comment_elements(comments, &prefix));
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:comments xmlns:w=\"{W_NS}\">{}</w:comments>",
        comment_elements(comments, "w:")
    )
    .into_bytes()
}

/// The document's relationships with one to a new comments part at `target` (relative to
/// the main part's folder).
pub(crate) fn relationships_xml(existing: Option<&[u8]>, target: &str) -> Vec<u8> {
    let mut ids = Vec::new();
    if let Some(xml) = existing {
        each_tag(xml, |tag| ids.extend(attribute(tag, b"Id")));
    }
    let taken = |id: &str| ids.iter().any(|known| known == id);
    let id = (1..)
        .map(|n| format!("rIdWenlint{n}"))
        .find(|id| !taken(id))
        .expect("an unused id");
    let rel = format!("<Relationship Id=\"{id}\" Type=\"{COMMENTS_REL}\" Target=\"{target}\"/>");
    insert_before_closing(
        existing,
        "Relationships",
        &rel,
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    )
}

/// `[Content_Types].xml` with an override for the comments part, unless it has one.
pub(crate) fn content_types_xml(existing: Option<&[u8]>, part: &str) -> Vec<u8> {
    let name = format!("/{part}");
    let mut overridden = false;
    if let Some(xml) = existing {
        each_tag(xml, |tag| {
            overridden |=
                attribute(tag, b"PartName").is_some_and(|p| p.eq_ignore_ascii_case(&name));
        });
    }
    if let (true, Some(xml)) = (overridden, existing) {
        return xml.to_vec();
    }
    let entry = format!("<Override PartName=\"{name}\" ContentType=\"{COMMENTS_TYPE}\"/>");
    insert_before_closing(
        existing,
        "Types",
        &entry,
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    )
}

/// `entry` put before the closing tag of `root` in `existing`, or a new document of it.
fn insert_before_closing(existing: Option<&[u8]>, root: &str, entry: &str, open: &str) -> Vec<u8> {
    if let Some(xml) = existing {
        if let Some((at, _)) = closing_tag(xml, root.as_bytes()) {
            return spliced(xml, at, entry);
        }
    }
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n{open}{entry}</{root}>")
        .into_bytes()
}

/// `xml` with `insert` at byte `at`.
fn spliced(xml: &[u8], at: usize, insert: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len() + insert.len());
    out.extend_from_slice(&xml[..at]);
    out.extend_from_slice(insert.as_bytes());
    out.extend_from_slice(&xml[at..]);
    out
}

/// The copy: each entry of `original` as it is stored, except those `replaced` names (case
/// as the archive has it), written with their new bytes; then the `added` ones.
pub(crate) fn write_copy(
    original: &[u8],
    replaced: &[(String, Vec<u8>)],
    added: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, String> {
    let mut archive = ZipArchive::new(Cursor::new(original)).map_err(|e| e.to_string())?;
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| e.to_string())?;
        let name = entry.name().to_string();
        match replaced
            .iter()
            .find(|(part, _)| part.eq_ignore_ascii_case(&name))
        {
            Some((_, bytes)) => {
                drop(entry);
                out.start_file(name, options).map_err(|e| e.to_string())?;
                out.write_all(bytes).map_err(|e| e.to_string())?;
            }
            None => out.raw_copy_file(entry).map_err(|e| e.to_string())?,
        }
    }
    for (name, bytes) in added {
        out.start_file(name.as_str(), options)
            .map_err(|e| e.to_string())?;
        out.write_all(bytes).map_err(|e| e.to_string())?;
    }
    out.finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationships_name_the_comments_part_relative_to_the_document() {
        let rels = br#"<Relationships><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;
        assert_eq!(
            comments_part("word/document.xml", Some(rels)).as_deref(),
            Some("word/comments.xml")
        );
        assert_eq!(comments_part("word/document.xml", None), None);
    }

    #[test]
    fn new_ids_follow_the_highest_in_use() {
        let comments = br#"<w:comments><w:comment w:id="7" w:author="x"/></w:comments>"#;
        let document = br#"<w:p><w:commentRangeStart w:id="9"/><w:bookmarkStart w:id="40"/></w:p>"#;
        assert_eq!(highest_comment_id(Some(comments), document), Some(9));
        assert_eq!(highest_comment_id(None, b"<w:p/>"), None);
    }

    #[test]
    fn comments_are_appended_to_an_existing_part_and_escaped() {
        let existing = b"<w:comments xmlns:w=\"x\"><w:comment w:id=\"0\"/></w:comments>";
        let new = [Comment {
            id: 1,
            paragraphs: vec!["占位符“XX”尚未填写".into(), "a < b & c".into()],
        }];
        let xml = String::from_utf8(comments_xml(Some(existing), &new)).unwrap();
        assert!(xml
            .starts_with("<w:comments xmlns:w=\"x\"><w:comment w:id=\"0\"/><w:comment w:id=\"1\""));
        assert!(xml.contains("a &lt; b &amp; c"), "{xml}");
        assert!(xml.ends_with("</w:comments>"));
        assert_eq!(xml.matches("<w:annotationRef/>").count(), 1);
    }

    #[test]
    fn content_types_get_one_override() {
        let types = b"<Types><Default Extension=\"xml\"/></Types>";
        let once = content_types_xml(Some(types), "word/comments.xml");
        let twice = content_types_xml(Some(&once), "word/comments.xml");
        assert_eq!(once, twice);
        assert!(String::from_utf8(once)
            .unwrap()
            .contains("PartName=\"/word/comments.xml\""));
    }
}
