//! The engine: lint a source under the settings of a run, and get its report.
//!
//! Every front end goes through [`Linter`]: `wenlint check` for files and standard input, and
//! any program that embeds wenlint. A linter owns what a run shares between documents: the
//! configs found so far (each with its rule registry), the cross-file index, suppression
//! bookkeeping and baselines. One document's rules are run by [`lint::lint`](crate::lint::lint).
//!
//! ```
//! use wenlint::{Linter, Settings, Severity, Source};
//!
//! let mut linter = Linter::new(Settings::default()).unwrap();
//! let report = linter.lint(Source::text("讲话.txt", "XX同志在全市大会上的讲话\n")).unwrap();
//! let first = &report.diagnostics[0];
//! assert_eq!(first.rule, "placeholder/marker");
//! assert_eq!(first.severity, Severity::Error);
//! assert_eq!(report.position(first.span.start).column, 1);
//! ```

pub mod fingerprints;
mod project;
mod run;
mod source;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::baseline::{Baseline, Recorder};
use crate::config::{Config, ConfigProblem, Configs};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::error::Error;
use crate::fix;
use crate::lang::Text;
use crate::lint;
use crate::rules::RuleFilter;
use crate::span::Position;
use crate::suppress;
use crate::walk::{self, Target};
use project::ProjectPaths;
use run::Run;
pub use source::Source;

/// Reads and decodes `source` into a document, for commands that show its structure rather
/// than lint it (`wenlint outline`, `wenlint stats`).
pub(crate) fn load_document(source: &Source) -> Result<Document, Error> {
    source::load(source, &source.shown()).map(|loaded| loaded.doc)
}

/// What a run does with the fixes rules offer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FixMode {
    /// Report them.
    #[default]
    Report,
    /// Apply them to the report's text (what `--diff` shows), leaving files alone.
    Apply,
    /// Apply them and write each fixed file back, atomically, in its encoding (`--fix`).
    /// Bytes that are not a file are fixed as with `Apply`.
    Write,
}

/// Which documents of a run are compared with each other for shared paragraphs and
/// sentences (`duplicate/cross-file`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CrossFile {
    /// Those whose config says `cross_file = true`.
    #[default]
    AsConfigured,
    /// Every document (`--cross-file`).
    Everywhere,
    /// None, whatever the configs say: each document's report is its own, whichever were
    /// linted before it (a program that compares documents itself, from
    /// [`Linter::fingerprints`]).
    Never,
}

/// How a run is set up; the default finds each file's config and reports.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// One config for every source (`--config`); by default each file's `wenlint.toml` or
    /// `.wenlint.toml` is found by walking up from it.
    pub config: Option<PathBuf>,
    /// A config given as text, read as if it were `wenlint.toml` in `root`; it wins over
    /// `config`.
    pub config_text: Option<String>,
    /// Where the config of named bytes is looked for, and what the defaults' relative paths
    /// start from; the current directory by default.
    pub root: Option<PathBuf>,
    /// Which documents are compared with each other for shared text
    /// (`duplicate/cross-file`).
    pub cross_file: CrossFile,
    /// Report suppressions that silenced nothing (`--report-unused-suppressions`).
    pub report_unused_suppressions: bool,
    /// Do not report again the findings this baseline file holds (`--baseline`).
    pub baseline: Option<PathBuf>,
    /// Record every finding into this baseline file when the run finishes
    /// (`--write-baseline`).
    pub write_baseline: Option<PathBuf>,
    pub fixes: FixMode,
    /// Apply suggested fixes too, not only safe ones (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// Report only these rules or families (`--select`); all that the configs turn on when
    /// empty.
    pub select: Vec<String>,
    /// Never report these rules or families (`--ignore`).
    pub ignore: Vec<String>,
}

/// The findings of one document.
#[derive(Debug)]
pub struct Report {
    /// The source as reports name it: the path as it was given.
    pub name: String,
    /// The path relative to the project's root (the git repository, or the folder of the
    /// governing `wenlint.toml`), with `/` between folders and no `./`: the same however the
    /// file was named. Baselines key findings by it; GitHub annotations and SARIF use it.
    pub project_path: String,
    /// The findings, in document order.
    pub diagnostics: Vec<Diagnostic>,
    /// Fixes applied ([`FixMode::Apply`] and [`FixMode::Write`]); the findings are those of
    /// the fixed text.
    pub fixes: usize,
    /// Whether fixes were asked for but not applied because the source is a Word file, which
    /// is read for its text and never written back.
    pub word_not_rewritten: bool,
    pub(crate) document: Document,
    /// The text before fixes, when fixes were applied.
    original: Option<std::sync::Arc<String>>,
}

impl Report {
    /// The text the findings' byte spans point into: the source decoded (a Word file's
    /// paragraphs, one a line), fixed if fixes were applied.
    pub fn source(&self) -> &str {
        &self.document.source
    }

    /// The text before fixes were applied, when any were.
    pub fn original(&self) -> Option<&str> {
        self.original.as_deref().map(String::as_str)
    }

    /// The line and column (1-based, in characters) of a byte offset of [`Report::source`].
    pub fn position(&self, byte: usize) -> Position {
        self.document.position(byte)
    }
}

/// One source checked by its rules (and fixed), not yet settled within the run.
pub(crate) struct Checked {
    pub shown: String,
    pub matched: PathBuf,
    pub config: Arc<Config>,
    pub report: Result<Report, Error>,
}

/// What the run leaves to say when it finishes.
#[derive(Debug, Default)]
pub struct Finished {
    /// One warning for each `[[ignore]]` entry that silenced nothing, with
    /// `report_unused_suppressions`.
    pub unused_ignores: Vec<String>,
    /// The baseline file written and how many findings it holds, or why it was not written.
    pub baseline_written: Option<(PathBuf, Result<usize, Error>)>,
}

/// A run of checks: lints sources one after another, keeping what the run shares.
pub struct Linter {
    configs: Configs,
    root: PathBuf,
    paths: ProjectPaths,
    run: Run,
    fixes: FixMode,
    unsafe_fixes: bool,
    write_baseline: Option<PathBuf>,
}

impl Linter {
    /// Sets up a run; fails when the given config or baseline cannot be read.
    pub fn new(settings: Settings) -> Result<Linter, Error> {
        let root = match settings.root.clone() {
            Some(root) => root,
            None => std::env::current_dir().map_err(|e| Error::file(".", Text::io(&e)))?,
        };
        let fixed = match (&settings.config_text, &settings.config) {
            (Some(text), _) => Some(Config::parse(&root.join("wenlint.toml"), text)?),
            (None, Some(path)) => Some(Config::load(path)?),
            (None, None) => None,
        };
        let baseline = settings
            .baseline
            .as_deref()
            .map(|path| {
                Baseline::load(path).map_err(|reason| {
                    let reason = reason.framed("（基线文件）{}", "baseline {}");
                    Error::file(path.display().to_string(), reason)
                })
            })
            .transpose()?;
        let mut configs = Configs::new(fixed, &root);
        let filter = rule_filter(&settings, &mut configs, &root)?;
        Ok(Linter {
            configs,
            paths: ProjectPaths::new(root.clone()),
            root,
            run: Run {
                cross_file_mode: settings.cross_file,
                report_unused: settings.report_unused_suppressions,
                recorder: settings
                    .write_baseline
                    .as_ref()
                    .map(|_| Recorder::default()),
                baseline,
                filter,
                ..Run::default()
            },
            fixes: settings.fixes,
            unsafe_fixes: settings.unsafe_fixes,
            write_baseline: settings.write_baseline,
        })
    }

    /// Lints one source: its rules, fixes as the settings say, then what the run adds
    /// (text shared with earlier sources, suppressions, baselines).
    pub fn lint(&mut self, source: Source) -> Result<Report, Error> {
        let shown = source.shown();
        let config = self.config_of(&source, &shown)?;
        let checked = self.check(&source, shown, config);
        self.settle(checked)
    }

    /// What `duplicate/cross-file` compares of one source, for a program that compares
    /// documents itself (an archive too large for one run: see
    /// [`fingerprints`](crate::cross_file)). The source is read and decoded as
    /// [`Linter::lint`] reads it, under the same config; the run's own index is left alone.
    pub fn fingerprints(&mut self, source: Source) -> Result<fingerprints::Fingerprints, Error> {
        let shown = source.shown();
        let config = self.config_of(&source, &shown)?;
        let doc = source::load(&source, &shown)?.doc;
        Ok(fingerprints::of(
            &doc,
            &config,
            shown,
            source.path_for_matching(),
        ))
    }

    /// [`Linter::lint`] and [`Linter::fingerprints`] of one source, read and decoded once: what
    /// a program that compares an archive's documents itself needs of each (the fingerprints
    /// are of the text as read, before any fix).
    pub fn lint_with_fingerprints(
        &mut self,
        source: Source,
    ) -> Result<(Report, fingerprints::Fingerprints), Error> {
        let shown = source.shown();
        let config = self.config_of(&source, &shown)?;
        let matched = source.path_for_matching().to_path_buf();
        let loaded = source::load(&source, &shown)?;
        let prints = fingerprints::of(&loaded.doc, &config, shown.clone(), &matched);
        let report = self.check_loaded(&source, &shown, &config, &matched, loaded);
        let checked = Checked {
            shown,
            matched,
            config,
            report,
        };
        Ok((self.settle(checked)?, prints))
    }

    /// The config that governs `source`: a file's is found from its folder, named bytes'
    /// from the root.
    fn config_of(&mut self, source: &Source, shown: &str) -> Result<Arc<Config>, Error> {
        let dir = match source {
            Source::Path(path) => path.parent().unwrap_or(Path::new(".")).to_path_buf(),
            Source::Bytes { .. } => self.root.clone(),
        };
        match self.configs.for_dir(&dir) {
            Ok(config) => Ok(config),
            Err(ConfigProblem::Invalid(e)) => Err(e.into()),
            Err(ConfigProblem::AlreadyReported) => Err(Error::file(shown, config_has_an_error())),
        }
    }

    /// The files `wenlint check PATHS` would lint, in its order (each directory walked in
    /// name order, hidden and `.gitignore`d entries skipped, each config's `include` and
    /// `exclude` applied), and what kept others from being listed (a missing path, a broken
    /// config). A program that distributes the linting lists its documents with it, so that
    /// it lints the same files and calls the same one first.
    pub fn files(&mut self, paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
        let mut errors = Vec::new();
        let targets = self.targets(paths, &mut errors);
        (targets.into_iter().map(|t| t.path).collect(), errors)
    }

    /// The files `paths` name or hold, each with its config (what `wenlint check PATHS`
    /// lints); problems are pushed to `errors`.
    pub(crate) fn targets(&mut self, paths: &[PathBuf], errors: &mut Vec<Error>) -> Vec<Target> {
        walk::targets(paths, &mut self.configs, errors)
    }

    /// The config that governs named bytes.
    pub(crate) fn root_config(&mut self) -> Result<Option<Arc<Config>>, Error> {
        match self.configs.for_dir(&self.root.clone()) {
            Ok(config) => Ok(Some(config)),
            Err(ConfigProblem::Invalid(e)) => Err(e.into()),
            Err(ConfigProblem::AlreadyReported) => Ok(None),
        }
    }

    /// Runs the rules of one file (and fixes it): the part of [`Linter::lint`] that needs
    /// nothing from other documents, so that files can be checked in parallel.
    pub(crate) fn check_target(&self, target: &Target) -> Checked {
        let source = Source::Path(target.path.clone());
        let shown = source.shown();
        self.check(&source, shown, target.config.clone())
    }

    pub(crate) fn check(&self, source: &Source, shown: String, config: Arc<Config>) -> Checked {
        let matched = source.path_for_matching().to_path_buf();
        let report = self.check_source(source, &shown, &config, &matched);
        Checked {
            shown,
            matched,
            config,
            report,
        }
    }

    fn check_source(
        &self,
        source: &Source,
        shown: &str,
        config: &Config,
        matched: &Path,
    ) -> Result<Report, Error> {
        let loaded = source::load(source, shown)?;
        self.check_loaded(source, shown, config, matched, loaded)
    }

    /// [`Linter::check_source`] of a source already read and decoded.
    fn check_loaded(
        &self,
        source: &Source,
        shown: &str,
        config: &Config,
        matched: &Path,
        loaded: source::Loaded,
    ) -> Result<Report, Error> {
        let mut fixes = self.fixes;
        let word_not_rewritten = loaded.word && fixes != FixMode::Report;
        if word_not_rewritten {
            // Writing the text back would destroy the Word file: it is linted, not fixed.
            fixes = FixMode::Report;
        }
        let mut report = Report {
            name: shown.to_string(),
            project_path: shown.to_string(),
            diagnostics: Vec::new(),
            fixes: 0,
            word_not_rewritten,
            document: loaded.doc,
            original: None,
        };
        if fixes == FixMode::Report {
            report.diagnostics = self.run_rules(&report.document, config);
            return Ok(report);
        }
        let original = report.document.source.clone();
        let fixed = self.fix_until_stable(report.document, config, matched);
        report.document = fixed.doc;
        report.diagnostics = fixed.diagnostics;
        if fixed.fixes == 0 {
            return Ok(report);
        }
        report.fixes = fixed.fixes;
        if let (FixMode::Write, Source::Path(path)) = (fixes, source) {
            let stored = stored_as_read(path, &original, loaded.storage)
                .map_err(|reason| Error::file(shown, not_fixed(&reason)))?;
            let storage = loaded.storage;
            let bytes = fix::encode_over(
                &stored,
                &original,
                &report.document.source,
                storage.encoding,
                storage.bom,
            )
            .map_err(|reason| Error::file(shown, not_fixed(&reason)))?;
            fix::write_atomically(path, &bytes).map_err(|e| {
                let reason = Text::new(format!("无法写入：{e}"), format!("cannot write: {e}"));
                Error::file(shown, not_fixed(&reason))
            })?;
        }
        report.original = Some(original);
        Ok(report)
    }

    /// The findings of the rules the run reports. Rules that `--select` or `--ignore` leave
    /// out are not run, unless the run judges suppressions (whether one silenced anything
    /// depends on every rule's findings).
    fn run_rules(&self, doc: &Document, config: &Config) -> Vec<Diagnostic> {
        let filter = &self.run.filter;
        let judges_suppressions = self.run.report_unused || filter.admits(suppress::UNUSED);
        if judges_suppressions {
            lint::lint(doc, config)
        } else {
            lint::lint_selected(doc, config, |id| filter.admits(id))
        }
    }

    /// The document with the fixes of the findings that would be reported applied: a finding
    /// a suppression comment or an `[[ignore]]` silences is not fixed either, and a suggested
    /// fix only with `unsafe_fixes`.
    fn fix_until_stable(&self, doc: Document, config: &Config, path: &Path) -> fix::Fixed {
        let unsafe_fixes = self.unsafe_fixes;
        let filter = &self.run.filter;
        fix::apply_until_stable(
            doc,
            |doc| self.run_rules(doc, config),
            |doc, mut diagnostics| {
                suppress::apply(doc, config, path, &mut diagnostics, &mut [], false);
                diagnostics.retain(|d| filter.admits(&d.rule));
                if !unsafe_fixes {
                    for d in &mut diagnostics {
                        d.fix = d.fix.take().filter(|f| f.is_safe());
                    }
                }
                diagnostics
            },
        )
    }

    /// Settles a checked source within the run: shared text found in earlier documents is
    /// added, what suppressions silence is removed, the rest is recorded for a new baseline
    /// and filtered by the old one.
    pub(crate) fn settle(&mut self, checked: Checked) -> Result<Report, Error> {
        let mut report = checked.report?;
        report.project_path = self.paths.name(&checked.matched, &checked.config);
        self.run.settle(
            &checked.shown,
            &report.project_path,
            &checked.matched,
            &report.document,
            &checked.config,
            &mut report.diagnostics,
        );
        Ok(report)
    }

    /// Ends the run: reports unused `[[ignore]]` entries and writes the baseline.
    pub fn finish(self) -> Finished {
        let unused_ignores = if self.run.report_unused {
            self.run.ignores.unused()
        } else {
            Vec::new()
        };
        let baseline_written = match (self.run.recorder, self.write_baseline) {
            (Some(recorder), Some(path)) => {
                let written = recorder.write(&path).map_err(|e| {
                    Error::file(
                        path.display().to_string(),
                        Text::new(
                            format!("无法写入基线文件：{e}"),
                            format!("cannot write the baseline: {e}"),
                        ),
                    )
                });
                Some((path, written))
            }
            _ => None,
        };
        Finished {
            unused_ignores,
            baseline_written,
        }
    }
}

/// Why a file under a broken config is not linted (the config's own error is reported once).
pub(crate) fn config_has_an_error() -> Text {
    Text::new(
        "未检查：所属的配置文件有错误",
        "not linted: its config has an error",
    )
}

/// Why a file's fixes were not written.
/// The bytes of the file at `path`, read again just before it is fixed: the fixed text is
/// written over them, and an edit saved since the file was read (they no longer read as
/// `original`) must not be lost under the fixes.
fn stored_as_read(path: &Path, original: &str, storage: source::Storage) -> Result<Vec<u8>, Text> {
    let mut stored = std::fs::read(path).map_err(|e| {
        Text::new(
            format!("无法再次读取：{e}"),
            format!("cannot read it again: {e}"),
        )
    })?;
    let bom_len = match (storage.bom, encoding_rs::Encoding::for_bom(&stored)) {
        (true, Some((_, len))) => len,
        _ => 0,
    };
    let text = storage
        .encoding
        .decode_without_bom_handling_and_without_replacement(&stored[bom_len..]);
    if text.as_deref() != Some(original) {
        return Err(Text::new(
            "文件在检查期间已被改动",
            "the file changed while it was checked",
        ));
    }
    stored.drain(..bom_len);
    Ok(stored)
}

fn not_fixed(reason: &Text) -> Text {
    reason.framed("未修正：{}", "not fixed: {}")
}

/// `--select` and `--ignore` as a filter; the names are checked against the rules of the
/// config at the root (built-in ones and its packs), so a misspelt name is an error rather
/// than a silent "no findings".
fn rule_filter(
    settings: &Settings,
    configs: &mut Configs,
    root: &Path,
) -> Result<RuleFilter, Error> {
    if settings.select.is_empty() && settings.ignore.is_empty() {
        return Ok(RuleFilter::default());
    }
    let registry = match configs.for_dir(root) {
        Ok(config) => config.registry.clone(),
        Err(ConfigProblem::Invalid(e)) => return Err(e.into()),
        Err(ConfigProblem::AlreadyReported) => crate::rules::Registry::builtin().clone(),
    };
    RuleFilter::new(&settings.select, &settings.ignore, &registry).map_err(|name| {
        let flag = if settings.select.contains(&name) {
            "--select"
        } else {
            "--ignore"
        };
        Error::file(
            flag,
            Text::new(
                format!("没有名为“{name}”的规则或规则族（wenlint rules 列出全部规则）"),
                format!("no rule or family is named `{name}` (`wenlint rules` lists them)"),
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_fixed_only_while_it_still_reads_as_it_was_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.txt");
        std::fs::write(&path, "\u{feff}认真布署。\n").unwrap();
        let storage = source::Storage {
            encoding: encoding_rs::UTF_8,
            bom: true,
        };
        let stored = stored_as_read(&path, "认真布署。\n", storage).unwrap();
        assert_eq!(
            stored,
            "认真布署。\n".as_bytes(),
            "the mark is not part of the text"
        );
        std::fs::write(&path, "\u{feff}认真部署。\n").unwrap();
        assert!(stored_as_read(&path, "认真布署。\n", storage).is_err());
    }
}
