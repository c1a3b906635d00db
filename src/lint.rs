//! Linting one document: run every enabled rule, attach ids and severities, sort.

use std::path::Path;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Format};
use crate::error::Error;
use crate::read;
use crate::rules::duplicate::cross_file::{self, CrossFileIndex};
use crate::rules::Context;

/// Runs the rules `config` enables over `doc`; diagnostics come in document order.
pub fn lint(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut findings = Vec::new();
    let cx = Context::new(doc, &config.profile);
    for rule in config.registry.iter() {
        let meta = rule.meta();
        let Some(severity) = config.severity_of(meta) else {
            continue;
        };
        rule.check(&cx, &mut findings);
        diagnostics.extend(
            findings
                .drain(..)
                .map(|finding| Diagnostic::from_finding(&meta.id, severity, finding)),
        );
    }
    sort(&mut diagnostics);
    diagnostics
}

/// The run's index of paragraphs and sentences, for `duplicate/cross-file`.
#[derive(Default)]
pub struct CrossFile(CrossFileIndex);

impl CrossFile {
    /// Adds `doc` to the index and its paragraphs and sentences shared with earlier files to
    /// `diagnostics`, unless the config turns the rule off.
    pub fn add(
        &mut self,
        path: &str,
        doc: &Document,
        config: &Config,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let Some(rule) = config.registry.get(cross_file::RULE) else {
            return;
        };
        let Some(severity) = config.severity_of(rule.meta()) else {
            return;
        };
        for shared in self.0.add(path, doc) {
            diagnostics.push(Diagnostic {
                rule: cross_file::RULE.to_string(),
                severity,
                message: shared.message,
                span: shared.span,
                related: Vec::new(),
                elsewhere: vec![shared.elsewhere],
                fix: None,
            });
        }
        sort(diagnostics);
    }
}

pub use crate::diagnostic::sort;

/// Reads and decodes `path` into a document; `shown` is how the path appears in messages.
pub fn load(path: &Path, shown: &str) -> Result<Document, Error> {
    load_stored(path, shown).map(|(doc, _)| doc)
}

/// How a file was stored, to write it back the same way.
#[derive(Debug, Clone, Copy)]
pub struct Storage {
    pub encoding: &'static encoding_rs::Encoding,
    pub bom: bool,
}

/// [`load`], also telling how the file was stored.
pub fn load_stored(path: &Path, shown: &str) -> Result<(Document, Storage), Error> {
    let decoded = read::read_file(path).map_err(|e| Error::file(shown, e))?;
    let storage = Storage {
        encoding: decoded.encoding,
        bom: decoded.bom,
    };
    Ok((
        Document::new(decoded.text, Format::from_path(path)),
        storage,
    ))
}

/// Decodes text that arrived on standard input.
pub fn load_bytes(bytes: &[u8], format: Format, shown: &str) -> Result<Document, Error> {
    let decoded = read::decode(bytes).map_err(|e| Error::file(shown, e))?;
    Ok(Document::new(decoded.text, format))
}
