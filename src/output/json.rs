//! The JSON format, a contract other tools rely on: `version` changes only when a field
//! changes meaning or disappears. Lines and columns are 1-based, columns count characters,
//! `end` is exclusive; `byte_start`/`byte_end` index the file's text as UTF-8, after any
//! byte-order mark.

use std::io::{self, Write};

use serde::Serialize;

use super::spool::{self, Spool};
use super::{Emitter, Failure, Totals};
use crate::contract::JsonDiagnostic;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

pub const VERSION: u32 = 1;

/// How far the report indents a diagnostic: it is an element of a list in an object.
const ELEMENT_INDENT: &[u8] = b"    ";

/// The JSON emitter. The report opens with the summary, known only at the end, so each
/// file's diagnostics are written as it is linted, formatted as they appear in the report,
/// to a spool copied into the report at the end ([`spool`]).
pub(crate) struct Json {
    spool: Spool,
    /// How many diagnostics are in the spool.
    spooled: usize,
    /// One diagnostic's JSON, reused from one to the next.
    element: Vec<u8>,
}

impl Json {
    pub(crate) fn new() -> Json {
        Json::spooling(spool::IN_MEMORY)
    }

    /// The emitter that keeps up to `in_memory` bytes of diagnostics in memory.
    pub(crate) fn spooling(in_memory: usize) -> Json {
        Json {
            spool: spool::spool(in_memory),
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
            spool::write_indented(&mut self.spool, separator, &self.element, ELEMENT_INDENT)?;
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
        let report = Report {
            version: VERSION,
            summary: totals.summary,
            diagnostics: Vec::new(),
            failures: failures.to_vec(),
        };
        let mut around = serde_json::to_vec_pretty(&report)?;
        around.push(b'\n');
        let (before, after) = spool::around_empty_list(&around, "\n  \"diagnostics\": []")?;
        out.write_all(before)?;
        io::copy(&mut spool::rewound(self.spool)?, out)?;
        spool::close_list(out, self.spooled > 0, b"  ")?;
        out.write_all(after)
    }
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
