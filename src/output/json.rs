//! The JSON format, a contract other tools rely on: `version` changes only when a field
//! changes meaning or disappears. Lines and columns are 1-based, columns count characters,
//! `end` is exclusive; `byte_start`/`byte_end` index the file's text as UTF-8, after any
//! byte-order mark.

use std::io::{self, BufWriter, Seek, SeekFrom, Write};

use serde::Serialize;
use tempfile::SpooledTempFile;

use super::{Emitter, Failure, Totals};
use crate::contract::JsonDiagnostic;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

pub const VERSION: u32 = 1;

/// How many bytes of written diagnostics are kept in memory before they go to a temporary
/// file.
const SPOOLED_IN_MEMORY: usize = 4 << 20;

/// How far the report indents a diagnostic: it is an element of a list in an object.
const ELEMENT_INDENT: &[u8] = b"    ";

/// The JSON emitter. The report opens with the summary, known only at the end, so each
/// file's diagnostics are written as it is linted, formatted as they appear in the report,
/// to a spool copied into the report at the end: held as values until then, a long text's
/// hundred thousand diagnostics took more memory than its check.
pub(crate) struct Json {
    spool: BufWriter<SpooledTempFile>,
    /// How many diagnostics are in the spool.
    spooled: usize,
    /// One diagnostic's JSON, reused from one to the next.
    element: Vec<u8>,
}

impl Json {
    pub(crate) fn new() -> Json {
        Json::spooling(SPOOLED_IN_MEMORY)
    }

    /// The emitter that keeps up to `in_memory` bytes of diagnostics in memory.
    pub(crate) fn spooling(in_memory: usize) -> Json {
        Json {
            spool: BufWriter::new(SpooledTempFile::new(in_memory)),
            spooled: 0,
            element: Vec::new(),
        }
    }
}

impl Emitter for Json {
    fn file(
        &mut self,
        _: &mut dyn Write,
        path: &str,
        doc: &Document,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            self.element.clear();
            serde_json::to_writer_pretty(&mut self.element, &JsonDiagnostic::new(path, doc, d))?;
            let separator: &[u8] = if self.spooled == 0 { b"\n" } else { b",\n" };
            self.spool.write_all(separator)?;
            write_indented(&mut self.spool, &self.element, ELEMENT_INDENT)?;
            self.spooled += 1;
        }
        Ok(())
    }

    fn finish(
        self: Box<Self>,
        out: &mut dyn Write,
        totals: &Totals,
        failures: &[Failure],
    ) -> io::Result<()> {
        let mut spool = self.spool.into_inner().map_err(|e| e.into_error())?;
        spool.seek(SeekFrom::Start(0))?;
        let report = Report {
            version: VERSION,
            summary: totals.summary,
            diagnostics: Vec::new(),
            failures: failures.to_vec(),
        };
        write_with_spooled(out, &report, &mut spool)
    }
}

/// Writes `report`, whose list of diagnostics is empty, with the diagnostics of `spool`
/// (each as [`Json::file`] wrote it) in the list: the same bytes as the report with them in
/// its list. What the report is made of around the list is serde's.
fn write_with_spooled(
    out: &mut dyn Write,
    report: &Report,
    spool: &mut impl io::Read,
) -> io::Result<()> {
    let mut around = serde_json::to_vec_pretty(report)?;
    around.push(b'\n');
    // Keys and numbers only come before the list; a line break in a string is escaped, so
    // the list's line is found where it is, and only there.
    const EMPTY_LIST: &[u8] = b"\n  \"diagnostics\": []";
    let at = memchr::memmem::find(&around, EMPTY_LIST)
        .ok_or_else(|| io::Error::other("the JSON report has no list of diagnostics"))?;
    let (before, after) = around.split_at(at + EMPTY_LIST.len() - 1);
    out.write_all(before)?;
    let copied = io::copy(spool, out)?;
    if copied > 0 {
        out.write_all(b"\n  ")?;
    }
    out.write_all(after)
}

/// Writes `json` (a pretty-printed value) with each line after the first indented by
/// `indent`, and the first too: as the value appears nested. A string's line breaks are
/// escaped, so every line break of `json` is between two of its lines.
fn write_indented(out: &mut impl Write, json: &[u8], indent: &[u8]) -> io::Result<()> {
    for line in json.split_inclusive(|&b| b == b'\n') {
        out.write_all(indent)?;
        out.write_all(line)?;
    }
    Ok(())
}

#[derive(Serialize)]
pub struct Report {
    pub version: u32,
    pub summary: Summary,
    pub diagnostics: Vec<JsonDiagnostic>,
    /// The paths that could not be checked, with why (added within version 1).
    pub(crate) failures: Vec<Failure>,
}

#[derive(Serialize, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

/// The report serialised whole, as the emitter's output must be.
#[cfg(test)]
pub(crate) fn write_whole(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
