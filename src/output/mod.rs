//! Output formats. Each takes documents and their diagnostics and writes them; none decides
//! what is reported.
//!
//! `wenlint check` reports through an `Emitter`, one per format (`emitter` makes it): it is
//! told about each file as soon as the file is linted, then finished once with the run's
//! `Totals`. The human, concise and GitHub formats write each file's findings at once; JSON
//! and SARIF collect them and write the whole report at the end.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::engine::Report;
use crate::lang::Lang;
use crate::rules::Registry;

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod outline;
pub mod sarif;
mod spool;
pub mod statistics;

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// rustc-style reports with an excerpt and carets.
    Human,
    /// One line per finding: `path:line:column: severity[rule] message`.
    Concise,
    /// The versioned JSON report.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), one per finding.
    Github,
    /// A SARIF 2.1.0 log, for code scanning.
    Sarif,
}

/// A report format: told about each file as soon as it is linted, then finished once.
pub(crate) trait Emitter {
    /// Makes the rules of a file's registry (its config's user packs) known, before the
    /// file's findings; formats that describe the rules of the run (SARIF) keep them.
    fn rules(&mut self, _registry: &Registry) {}

    /// One linted file and its findings, while its document is at hand.
    fn file(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        doc: &Document,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()>;

    /// The end of the run, with the paths that could not be checked.
    fn finish(
        self: Box<Self>,
        out: &mut dyn Write,
        totals: &Totals,
        failures: &[Failure],
    ) -> io::Result<()>;
}

/// How a report is shown beyond its format: what the command line and the terminal say.
#[derive(Debug, Clone, Copy)]
pub(crate) struct View {
    pub(crate) color: bool,
    /// The language of everything around the rules' messages.
    pub(crate) lang: Lang,
    /// Every finding in the human format, past its cap per rule and file.
    pub(crate) show_all: bool,
    /// No summary line, only the findings.
    pub(crate) quiet: bool,
    /// Columns the human format's excerpts fit in.
    pub(crate) width: usize,
}

impl View {
    /// The narrowest window an excerpt is fitted to, however narrow the terminal.
    pub(crate) const MIN_WIDTH: usize = 80;
    /// The width when there is no terminal to measure and `COLUMNS` is not set.
    pub(crate) const DEFAULT_WIDTH: usize = 100;
}

impl Default for View {
    fn default() -> View {
        View {
            color: false,
            lang: Lang::default(),
            show_all: false,
            quiet: false,
            width: View::DEFAULT_WIDTH,
        }
    }
}

/// The emitter of a format.
pub(crate) fn emitter(format: OutputFormat, view: View) -> Box<dyn Emitter> {
    match format {
        OutputFormat::Human => Box::new(human::Human::new(view)),
        OutputFormat::Concise => Box::new(concise::Concise),
        OutputFormat::Json => Box::new(json::Json::new()),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Sarif => Box::new(sarif::Sarif::new()),
    }
}

/// A path that could not be checked (unreadable, undecodable, under a broken config) and why:
/// part of the report, not only of standard error, so that CI reading JSON or SARIF sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Failure {
    pub(crate) path: String,
    pub(crate) reason: String,
}

impl Failure {
    /// The failure an error reports, its reason in `lang`.
    pub(crate) fn of(error: &crate::error::Error, lang: Lang) -> Failure {
        Failure {
            path: error.path(),
            reason: error.reason(lang),
        }
    }
}

/// What a run reported, over every file: what the summaries say.
#[derive(Default, Clone, Copy)]
pub(crate) struct Totals {
    /// Files, and findings by severity.
    pub(crate) summary: json::Summary,
    /// Files with at least one finding.
    pub(crate) files_with_findings: usize,
}

impl Totals {
    /// Counts one file and its findings.
    pub(crate) fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.summary.files += 1;
        self.files_with_findings += usize::from(!diagnostics.is_empty());
        for d in diagnostics {
            self.summary.count(d.severity);
        }
    }
}

/// Where each file's diagnostics go as soon as it is linted, so that no document has to be
/// kept once it is reported (memory stays bounded by the largest file): the format's emitter,
/// and the counts every format shares.
pub(crate) struct Sink {
    emitter: Box<dyn Emitter>,
    /// Whether files are named from the project's root (GitHub, SARIF) rather than as given.
    project_paths: bool,
    totals: Totals,
    worst: Option<Severity>,
}

impl Sink {
    pub(crate) fn new(format: OutputFormat, view: View) -> Sink {
        Sink {
            emitter: emitter(format, view),
            project_paths: matches!(format, OutputFormat::Github | OutputFormat::Sarif),
            totals: Totals::default(),
            worst: None,
        }
    }

    /// Counts per rule instead of the findings (`--statistics`); a table, or JSON in the
    /// JSON format.
    pub(crate) fn statistics(format: OutputFormat, view: View) -> Sink {
        let json = format == OutputFormat::Json;
        Sink {
            emitter: Box::new(statistics::Statistics::new(view, json)),
            project_paths: false,
            totals: Totals::default(),
            worst: None,
        }
    }

    /// Makes the rules of a file's registry (its config's user packs) known to formats that
    /// describe the rules of the run (SARIF).
    pub(crate) fn rules(&mut self, registry: &Registry) {
        self.emitter.rules(registry);
    }

    /// Reports one file. GitHub attaches annotations to a pull request only by the path from
    /// the repository's root, and code scanning reads SARIF the same way; the other formats
    /// name the file as the user did.
    pub(crate) fn file(&mut self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        let path = if self.project_paths {
            &report.project_path
        } else {
            &report.name
        };
        let (doc, diagnostics) = (&report.document, &report.diagnostics[..]);
        self.totals.add(diagnostics);
        self.worst = self.worst.max(diagnostics.iter().map(|d| d.severity).max());
        self.emitter.file(out, path, doc, diagnostics)
    }

    /// Ends the report; returns the worst severity reported.
    pub(crate) fn finish(
        self,
        out: &mut dyn Write,
        failures: &[Failure],
    ) -> io::Result<Option<Severity>> {
        self.emitter.finish(out, &self.totals, failures)?;
        Ok(self.worst)
    }
}

/// Writes reports as `wenlint check --format FORMAT` would (without colour): the JSON report,
/// for one, is the versioned contract other tools read.
pub fn write_reports(
    reports: &[Report],
    format: OutputFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut sink = Sink::new(format, View::default());
    for report in reports {
        sink.file(out, report)?;
    }
    sink.finish(out, &[]).map(|_| ())
}

/// Every rule with the severity `config` gives it (`off` when it turns the rule off), its
/// default and its summary: `wenlint rules --format json`, and the page's rule list.
pub(crate) fn rule_list(config: &crate::config::Config) -> Vec<serde_json::Value> {
    config
        .registry
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            let severity = config
                .severity_of(meta)
                .map_or_else(|| "off".to_string(), |s| s.to_string());
            serde_json::json!({
                "id": meta.id,
                "severity": severity,
                "default_severity": meta.severity,
                "summary": meta.summary,
            })
        })
        .collect()
}
