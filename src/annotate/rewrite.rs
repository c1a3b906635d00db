//! The main document part with comment ranges: its XML streamed event by event and written
//! back unchanged, except where a comment starts or ends inside a `w:t`. There the run is
//! split: the text before the boundary stays in the run, the marker follows, and a copy of
//! the run (its start tag and properties) takes the rest of the text, so the formatting and
//! the text are exactly as they were.
//!
//! Which `w:t` is which is decided by the reader's own [`Extractor`], fed the same events, so
//! the ordinals of the anchors and of the rewrite cannot disagree.

use std::collections::{BTreeMap, VecDeque};
use std::io::Write;

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{NsReader, Writer};

use super::anchor::Boundary;
use crate::read::docx::{character_data, Extractor, Space};

/// A comment's start or end, at a boundary of a `w:t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Marker {
    pub at: Boundary,
    /// Ends sort before starts at one boundary, so that a range never holds an empty one.
    pub kind: MarkerKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum MarkerKind {
    End(u64),
    Start(u64),
}

/// The run being written: its start tag and its properties, copied into the run that takes
/// the text after a split.
#[derive(Default)]
struct Run {
    start: Option<BytesStart<'static>>,
    props: Vec<u8>,
    /// Depth inside the run's `w:rPr`, while it is being copied.
    in_props: usize,
    prefix: String,
}

/// Writes `xml` (the main document part) with `markers` placed; returns the new XML and the
/// markers that found no place (none, unless the part changed under the map).
pub(crate) fn with_markers(xml: &[u8], markers: Vec<Marker>) -> Result<(Vec<u8>, usize), String> {
    let mut by_t: BTreeMap<usize, VecDeque<Marker>> = BTreeMap::new();
    let mut sorted = markers;
    sorted.sort();
    for marker in sorted {
        by_t.entry(marker.at.t).or_default().push_back(marker);
    }
    let mut rewrite = Rewrite {
        writer: Writer::new(Vec::with_capacity(xml.len() + 4096)),
        walker: Extractor::mapping(),
        by_t,
        run: Run::default(),
    };
    let mut reader = NsReader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let (resolved, event) = reader
            .read_resolved_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        if let Event::Eof = event {
            break;
        }
        let space = Space::of(&resolved);
        rewrite.event(space, event)?;
    }
    let unplaced = rewrite.by_t.values().map(VecDeque::len).sum();
    Ok((rewrite.writer.into_inner(), unplaced))
}

struct Rewrite {
    writer: Writer<Vec<u8>>,
    walker: Extractor,
    by_t: BTreeMap<usize, VecDeque<Marker>>,
    run: Run,
}

impl Rewrite {
    fn event(&mut self, space: Space, event: Event<'_>) -> Result<(), String> {
        let word = space == Space::Word;
        match &event {
            Event::Start(e) if word && e.local_name().as_ref() == b"r" => {
                self.run = Run {
                    start: Some(e.clone().into_owned()),
                    prefix: prefix_of(e),
                    ..Run::default()
                };
            }
            Event::Start(e)
                if word
                    && e.local_name().as_ref() == b"rPr"
                    && self.in_run()
                    && self.run.in_props == 0 =>
            {
                self.run.in_props = 1;
                self.run.props.clear();
                self.copy_props(&event)?;
            }
            Event::Start(_) | Event::Empty(_) | Event::End(_) if self.run.in_props > 0 => {
                self.copy_props(&event)?;
                match &event {
                    Event::Start(_) => self.run.in_props += 1,
                    Event::End(_) => self.run.in_props -= 1,
                    _ => {}
                }
            }
            _ => {}
        }
        let position = self.walker.text_position();
        match (&event, position) {
            (Event::Start(e), _) if word && e.local_name().as_ref() == b"t" => {
                return self.open_t(space, e);
            }
            (Event::Text(_) | Event::CData(_) | Event::GeneralRef(_), Some((t, base)))
                if self.by_t.contains_key(&t) =>
            {
                return self.split_text(space, &event, t, base);
            }
            (Event::End(e), Some((t, _))) if word && e.local_name().as_ref() == b"t" => {
                self.flush(t, usize::MAX)?;
            }
            _ => {}
        }
        self.walker.feed(space, &event)?;
        self.write(event)
    }

    fn in_run(&self) -> bool {
        self.run.start.is_some()
    }

    fn copy_props(&mut self, event: &Event<'_>) -> Result<(), String> {
        let mut copy = Writer::new(&mut self.run.props);
        copy.write_event(event.borrow()).map_err(|e| e.to_string())
    }

    /// A `w:t` that will be split keeps its spaces at the split: `xml:space="preserve"`.
    fn open_t(&mut self, space: Space, start: &BytesStart<'_>) -> Result<(), String> {
        let event = Event::Start(start.clone());
        self.walker.feed(space, &event)?;
        let marked = self
            .walker
            .text_position()
            .is_some_and(|(t, _)| self.by_t.contains_key(&t));
        if marked && !preserves_space(start) {
            let mut preserved = start.clone().into_owned();
            preserved.push_attribute(("xml:space", "preserve"));
            return self.write(Event::Start(preserved));
        }
        self.write(event)
    }

    /// Text of a marked `w:t`, cut at each marker that falls in it.
    fn split_text(
        &mut self,
        space: Space,
        event: &Event<'_>,
        t: usize,
        base: usize,
    ) -> Result<(), String> {
        let text = character_data(event)?;
        let mut from = 0;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        while let Some(marker) = self.next_marker(t, base + chars.len()) {
            let cut = marker.at.offset.saturating_sub(base).min(chars.len());
            let byte = chars.get(cut).map_or(text.len(), |&(i, _)| i);
            if byte > from {
                self.write(Event::Text(BytesText::new(&text[from..byte])))?;
            }
            from = byte;
            self.place(marker)?;
        }
        if from == 0 {
            self.write(event.clone())?;
        } else if from < text.len() {
            self.write(Event::Text(BytesText::new(&text[from..])))?;
        }
        self.walker.feed(space, event)
    }

    /// The next marker of `t` before character `until` of its text.
    fn next_marker(&mut self, t: usize, until: usize) -> Option<Marker> {
        let queue = self.by_t.get_mut(&t)?;
        let marker = queue.front().filter(|m| m.at.offset < until).copied()?;
        queue.pop_front();
        if queue.is_empty() {
            self.by_t.remove(&t);
        }
        Some(marker)
    }

    /// The markers of `t` left when its `w:t` closes: at the end of its text.
    fn flush(&mut self, t: usize, until: usize) -> Result<(), String> {
        while let Some(marker) = self.next_marker(t, until) {
            self.place(marker)?;
        }
        Ok(())
    }

    /// Closes the text and the run, writes the marker, and opens a copy of the run.
    fn place(&mut self, marker: Marker) -> Result<(), String> {
        let Some(start) = self.run.start.clone() else {
            return Err("a w:t outside a run".into());
        };
        let p = self.run.prefix.clone();
        let mut xml = format!("</{p}t></{p}r>");
        xml.push_str(&match marker.kind {
            MarkerKind::Start(id) => format!("<{p}commentRangeStart {p}id=\"{id}\"/>"),
            MarkerKind::End(id) => format!(
                "<{p}commentRangeEnd {p}id=\"{id}\"/><{p}r><{p}commentReference {p}id=\"{id}\"/></{p}r>"
            ),
        });
        self.raw(xml.as_bytes())?;
        self.write(Event::Start(start))?;
        let props = self.run.props.clone();
        self.raw(&props)?;
        let open = format!("<{p}t xml:space=\"preserve\">");
        self.raw(open.as_bytes())
    }

    fn raw(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.writer
            .get_mut()
            .write_all(bytes)
            .map_err(|e| e.to_string())
    }

    fn write(&mut self, event: Event<'_>) -> Result<(), String> {
        if let Event::End(e) = &event {
            if e.local_name().as_ref() == b"r" {
                self.run.start = None;
            }
        }
        self.writer.write_event(event).map_err(|e| e.to_string())
    }
}

/// `w:` (or whatever prefix the document gives the WordprocessingML namespace), to name the
/// elements written beside this one.
fn prefix_of(element: &BytesStart<'_>) -> String {
    match element.name().prefix() {
        Some(prefix) => format!("{}:", String::from_utf8_lossy(prefix.as_ref())),
        None => String::new(),
    }
}

fn preserves_space(start: &BytesStart<'_>) -> bool {
    start
        .attributes()
        .flatten()
        .any(|a| a.key.as_ref() == b"xml:space" && a.value.as_ref() == b"preserve")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t>甲&amp;乙XX丙</w:t></w:r></w:p></w:body></w:document>"#;

    fn marker(offset: usize, kind: MarkerKind) -> Marker {
        Marker {
            at: Boundary { t: 0, offset },
            kind,
        }
    }

    #[test]
    fn a_run_is_split_at_the_markers_and_keeps_its_properties() {
        let markers = vec![
            marker(3, MarkerKind::Start(4)),
            marker(5, MarkerKind::End(4)),
        ];
        let (xml, unplaced) = with_markers(DOC.as_bytes(), markers).unwrap();
        assert_eq!(unplaced, 0);
        let xml = String::from_utf8(xml).unwrap();
        assert!(
            xml.contains(concat!(
                r#"<w:t xml:space="preserve">甲&amp;乙</w:t></w:r><w:commentRangeStart w:id="4"/>"#,
                r#"<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">XX</w:t></w:r>"#,
                r#"<w:commentRangeEnd w:id="4"/><w:r><w:commentReference w:id="4"/></w:r>"#,
                r#"<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">丙</w:t></w:r>"#
            )),
            "{xml}"
        );
    }

    #[test]
    fn a_marker_at_the_end_of_a_text_is_placed_when_it_closes() {
        let markers = vec![
            marker(0, MarkerKind::Start(1)),
            marker(6, MarkerKind::End(1)),
        ];
        let (xml, unplaced) = with_markers(DOC.as_bytes(), markers).unwrap();
        assert_eq!(unplaced, 0);
        let xml = String::from_utf8(xml).unwrap();
        assert!(xml.contains(r#"<w:commentRangeStart w:id="1"/><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">甲&amp;乙XX丙</w:t></w:r><w:commentRangeEnd w:id="1"/>"#), "{xml}");
        let (_, unplaced) = with_markers(
            DOC.as_bytes(),
            vec![marker(0, MarkerKind::Start(1)).with_t(9)],
        )
        .unwrap();
        assert_eq!(
            unplaced, 1,
            "a mark for a w:t the part lacks is counted, not lost"
        );
    }

    impl Marker {
        fn with_t(mut self, t: usize) -> Marker {
            self.at.t = t;
            self
        }
    }
}
