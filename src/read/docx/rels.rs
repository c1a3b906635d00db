//! Which parts of a package hold the text: the main document part, at `word/document.xml` or
//! wherever the package relationships (`_rels/.rels`) point, and the page headers and footers,
//! known by their names. Only names are found here; the parts are read elsewhere.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::NsReader;

use super::extract::xml_error;
use super::DocxError;

/// Where Word keeps the body; other names are found through the package relationships.
pub(super) const DOCUMENT: &str = "word/document.xml";

/// The package relationships, which name the main part when it is not `word/document.xml`.
pub(super) const PACKAGE_RELS: &str = "_rels/.rels";

/// `(0, n)` for `word/headerN.xml`, `(1, n)` for `word/footerN.xml`.
pub(super) fn header_or_footer_key(name: &str) -> Option<(u8, u64)> {
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

/// The target of the package's `officeDocument` relationship, the main document part.
pub(super) fn main_document_target(
    input: &mut dyn BufRead,
    part: &str,
) -> Result<Option<String>, DocxError> {
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
