//! The JSON format, a contract other tools rely on: `version` changes only when a field
//! changes meaning or disappears. Lines and columns are 1-based, columns count characters,
//! `end` is exclusive; `byte_start`/`byte_end` index the file's text as UTF-8, after any
//! byte-order mark.

use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, Failure, Totals};
use crate::contract::JsonDiagnostic;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

pub const VERSION: u32 = 1;

/// The JSON emitter: each file's diagnostics converted as it is linted, the report written
/// whole at the end.
pub(crate) struct Json {
    diagnostics: Vec<JsonDiagnostic>,
}

impl Json {
    pub(crate) fn new() -> Json {
        Json {
            diagnostics: Vec::new(),
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
        let converted = diagnostics
            .iter()
            .map(|d| JsonDiagnostic::new(path, doc, d));
        self.diagnostics.extend(converted);
        Ok(())
    }

    fn finish(
        self: Box<Self>,
        out: &mut dyn Write,
        totals: &Totals,
        failures: &[Failure],
    ) -> io::Result<()> {
        write(
            out,
            &Report {
                version: VERSION,
                summary: totals.summary,
                diagnostics: self.diagnostics,
                failures: failures.to_vec(),
            },
        )
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

pub fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
