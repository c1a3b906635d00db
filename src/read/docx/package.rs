//! An open `.docx` archive: it refuses what is not one (a `.doc`, an encrypted file, too many
//! entries) before listing it, finds the parts that hold text, and reads each part through a
//! [`Guard`] that shares one count of inflated bytes across all of them.

use std::cell::Cell;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::rc::Rc;

use zip::ZipArchive;

use super::extract::{paragraphs, paragraphs_mapped, LinePieces};
use super::limits::{check_directory_records, Counted, Guard};
use super::rels::{header_or_footer_key, main_document_target, DOCUMENT, PACKAGE_RELS};
use super::{unreadable, DocxError, Limits, Lines};

/// An open archive and what has been read of it, so that the limits hold across parts.
pub(super) struct Package<'a> {
    archive: ZipArchive<Counted<'a>>,
    /// Compressed bytes the archive has read so far.
    consumed: Rc<Cell<u64>>,
    limits: &'a Limits,
    total: u64,
}

impl<'a> Package<'a> {
    pub(super) fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, DocxError> {
        if bytes.starts_with(crate::read::OLE_SIGNATURE) {
            return Err(DocxError::LegacyOrEncrypted);
        }
        check_directory_records(bytes, limits)?;
        let consumed = Rc::new(Cell::new(0));
        let input = Counted {
            inner: Cursor::new(bytes),
            consumed: Rc::clone(&consumed),
        };
        let archive = ZipArchive::new(input).map_err(DocxError::NotAZip)?;
        if archive.len() > limits.max_entries {
            return Err(DocxError::TooManyEntries {
                entries: archive.len() as u64,
                limit: limits.max_entries,
            });
        }
        Ok(Package {
            archive,
            consumed,
            limits,
            total: 0,
        })
    }

    /// The name of the main document part: `word/document.xml` in all but a few producers'
    /// files, which the package relationships then name.
    pub(super) fn main_part(&mut self) -> Result<String, DocxError> {
        if let Some(name) = self.entry_name(DOCUMENT) {
            return Ok(name);
        }
        if self.entry_name(PACKAGE_RELS).is_none() {
            return Err(DocxError::MissingDocument);
        }
        let target = self.read_part(PACKAGE_RELS, main_document_target)?;
        target
            .and_then(|target| self.entry_name(target.trim_start_matches('/')))
            .ok_or(DocxError::MissingDocument)
    }

    /// The archive's name for a part: part names are case-insensitive in a package.
    fn entry_name(&self, name: &str) -> Option<String> {
        self.archive
            .file_names()
            .find(|entry| entry.eq_ignore_ascii_case(name))
            .map(str::to_string)
    }

    pub(super) fn header_and_footer_parts(&self) -> Vec<String> {
        let mut parts: Vec<(u8, u64, String)> = self
            .archive
            .file_names()
            .filter_map(|name| header_or_footer_key(name).map(|(kind, n)| (kind, n, name.into())))
            .collect();
        parts.sort();
        parts.into_iter().map(|(_, _, name)| name).collect()
    }

    pub(super) fn paragraphs(&mut self, part: &str) -> Result<Lines, DocxError> {
        self.read_part(part, paragraphs)
    }

    pub(super) fn paragraphs_mapped(
        &mut self,
        part: &str,
    ) -> Result<(Lines, Vec<LinePieces>), DocxError> {
        self.read_part(part, paragraphs_mapped)
    }

    /// A part's bytes, or `None` when the package has no part of that name (in any case).
    pub(super) fn raw_part(&mut self, part: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(name) = self.entry_name(part) else {
            return Ok(None);
        };
        self.read_part(&name, |input, part| {
            let mut bytes = Vec::new();
            input
                .read_to_end(&mut bytes)
                .map_err(|e| unreadable(part, e))?;
            Ok(Some(bytes))
        })
    }

    /// Parses one part as it is inflated, through a [`Guard`]; when the guard stops the
    /// stream, its reason is the error, not the parser's complaint about the cut.
    fn read_part<T>(
        &mut self,
        part: &str,
        parse: impl FnOnce(&mut dyn BufRead, &str) -> Result<T, DocxError>,
    ) -> Result<T, DocxError> {
        let entry = self
            .archive
            .by_name(part)
            .map_err(|e| unreadable(part, e))?;
        let mut guard = Guard {
            inner: entry.take(self.limits.max_part_bytes.saturating_add(1)),
            read: 0,
            consumed: Rc::clone(&self.consumed),
            consumed_before: self.consumed.get(),
            total: &mut self.total,
            limits: self.limits,
            tripped: None,
        };
        let parsed = parse(&mut BufReader::new(&mut guard), part);
        match guard.tripped {
            Some(trip) => Err(trip.error(part, self.limits)),
            None => parsed,
        }
    }
}
