//! `wenlint check`: files and standard input linted, fixed if asked, and reported, with the
//! exit code that CI reads.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use super::args::{CheckArgs, OutputFormat};
use super::{load_fixed_config, plural};
use crate::baseline::{self, Baseline};
use crate::config::{ConfigProblem, Configs};
use crate::diagnostic::Severity;
use crate::document::{Document, Format};
use crate::engine::Run;
use crate::error::Error;
use crate::fix;
use crate::lint;
use crate::output::{self, json};
use crate::rules::Registry;
use crate::suppress;
use crate::walk;

/// What the run found, for the exit code.
struct Outcome {
    worst: Option<Severity>,
    had_errors: bool,
}

pub(super) fn check(args: CheckArgs) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let color = args.color.enabled(io::stdout().is_terminal());
    let err_color = args.color.enabled(io::stderr().is_terminal());
    let mut errors = Vec::new();
    let cwd = std::env::current_dir()?;

    let fixed = match load_fixed_config(&args.config) {
        Ok(fixed) => fixed,
        Err(e) => {
            e.render(&mut io::stderr(), err_color)?;
            return Ok(ExitCode::from(2));
        }
    };
    let mut configs = Configs::new(fixed, &cwd);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (stdin_requested, paths): (Vec<_>, Vec<_>) =
        paths.into_iter().partition(|p| p.as_os_str() == "-");

    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(baseline) => baseline,
        Err(reason) => {
            let shown = args.baseline.as_deref().unwrap_or(Path::new("")).display();
            Error::file(shown.to_string(), format!("baseline {reason}"))
                .render(&mut io::stderr(), err_color)?;
            return Ok(ExitCode::from(2));
        }
    };
    let mut run = Run {
        cross_file_everywhere: args.cross_file,
        report_unused: args.report_unused_suppressions,
        recorder: args
            .write_baseline
            .as_ref()
            .map(|_| baseline::Recorder::default()),
        baseline,
        ..Run::default()
    };
    let mut sink = Sink::new(args.format, color);
    if (args.fix || args.diff) && !stdin_requested.is_empty() {
        errors.push(Error::file(
            &args.stdin_filename,
            "--fix and --diff work on files, not standard input; name the file instead",
        ));
    } else if !stdin_requested.is_empty() {
        lint_stdin(
            &args.stdin_filename,
            &cwd,
            &mut configs,
            &mut run,
            &mut sink,
            &mut out,
            &mut errors,
        )?;
    }
    let mut fixed = FixCount::default();
    let targets = walk::targets(&paths, &mut configs, &mut errors);
    let progress = Progress::new(targets.len(), err_color);
    // Files are read and linted in parallel, a batch at a time, and reported in order: the
    // output does not depend on the number of cores, and only a batch of documents is held.
    for batch in targets.chunks(BATCH) {
        let linted: Vec<Linted> = batch
            .par_iter()
            .map(|target| lint_target(target, FixMode::of(&args, color), args.unsafe_fixes))
            .collect();
        for (target, linted) in batch.iter().zip(linted) {
            progress.advance();
            errors.extend(linted.refused);
            let (doc, mut diagnostics) = match linted.result {
                Ok(done) => done,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            fixed.add(linted.fixes);
            let shown = &linted.shown;
            if args.diff {
                out.write_all(linted.diff.as_bytes())?;
                continue;
            }
            run.settle(shown, &target.path, &doc, &target.config, &mut diagnostics);
            sink.rules(&target.config.registry);
            sink.file(&mut out, shown, &doc, &diagnostics)?;
        }
    }
    progress.finish();
    let outcome = if args.diff {
        Outcome {
            worst: (fixed.fixes > 0).then_some(Severity::Error),
            had_errors: !errors.is_empty(),
        }
    } else {
        sink.finish(&mut out, !errors.is_empty())?
    };
    out.flush()?;
    drop(out);
    let mut stderr = io::stderr().lock();
    if args.fix || args.diff {
        writeln!(
            stderr,
            "{} {} in {}.",
            if args.diff { "Would fix" } else { "Fixed" },
            plural(fixed.fixes, "problem"),
            plural(fixed.files, "file")
        )?;
    }
    if args.report_unused_suppressions {
        run.ignores.report_unused(&mut stderr)?;
    }
    if let (Some(recorder), Some(path)) = (run.recorder, &args.write_baseline) {
        match recorder.write(path) {
            Ok(count) => writeln!(
                stderr,
                "Wrote {} to {}.",
                plural(count, "finding"),
                path.display()
            )?,
            Err(e) => errors.push(Error::file(
                path.display().to_string(),
                format!("cannot write the baseline: {e}"),
            )),
        }
    }
    for error in &errors {
        error.render(&mut stderr, err_color)?;
    }
    Ok(exit_code(&outcome, args.fail_on.threshold()))
}

/// How many files are linted in parallel before they are reported.
const BATCH: usize = 64;

/// What `check` does with the fixes rules offer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FixMode {
    /// Report them.
    Off,
    /// Write them to the file (`--fix`).
    Write,
    /// Show them as a diff (`--diff`), in colour or not.
    Diff { color: bool },
}

impl FixMode {
    fn of(args: &CheckArgs, color: bool) -> FixMode {
        match (args.fix, args.diff) {
            (true, _) => FixMode::Write,
            (_, true) => FixMode::Diff { color },
            _ => FixMode::Off,
        }
    }
}

/// One file read, fixed if asked, and linted.
struct Linted {
    shown: String,
    result: Result<(Document, Vec<crate::diagnostic::Diagnostic>), Error>,
    /// Fixes written to the file, or that would be with `--diff`.
    fixes: usize,
    /// The unified diff of the fixes, with `--diff`.
    diff: String,
    /// Why `--fix` left the file alone.
    refused: Option<Error>,
}

fn lint_target(target: &walk::Target, mode: FixMode, unsafe_fixes: bool) -> Linted {
    let shown = target.path.display().to_string();
    let mut fixes = 0;
    let mut diff = String::new();
    let mut refused = None;
    if mode == FixMode::Write && crate::read::is_docx(&target.path) {
        // Writing the text back would destroy the Word file: it is linted, not fixed.
        refused = Some(Error::file(
            &shown,
            "not fixed: --fix does not write Word files; apply the fixes in Word",
        ));
    }
    let result = match mode {
        FixMode::Write if refused.is_none() => {
            lint::load_stored(&target.path, &shown).and_then(|(doc, storage)| {
                fix_file(target, &shown, doc, storage, unsafe_fixes, &mut fixes)
            })
        }
        // A Word file is never written, so it has no diff either.
        FixMode::Diff { color } if !crate::read::is_docx(&target.path) => {
            lint::load(&target.path, &shown).map(|doc| {
                let source = doc.source.clone();
                let fixed = fix_until_stable(target, doc, unsafe_fixes);
                if fixed.fixes > 0 {
                    diff = fix::unified_diff(&shown, &source, &fixed.doc.source, color);
                    fixes = fixed.fixes;
                }
                (fixed.doc, fixed.diagnostics)
            })
        }
        _ => lint::load(&target.path, &shown).map(|doc| {
            let diagnostics = lint::lint(&doc, &target.config);
            (doc, diagnostics)
        }),
    };
    Linted {
        shown,
        result,
        fixes,
        diff,
        refused,
    }
}

#[derive(Default)]
struct FixCount {
    fixes: usize,
    files: usize,
}

impl FixCount {
    fn add(&mut self, fixes: usize) {
        if fixes > 0 {
            self.fixes += fixes;
            self.files += 1;
        }
    }
}

/// A progress bar on standard error, for long runs watched on a terminal only: never in a
/// pipe, a log or CI.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Runs of fewer files finish before a bar would help.
    const MIN_FILES: usize = 500;

    fn new(files: usize, terminal: bool) -> Progress {
        let shown = terminal && io::stderr().is_terminal() && files >= Self::MIN_FILES;
        Progress(shown.then(|| {
            let bar = indicatif::ProgressBar::new(files as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        }))
    }

    fn advance(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Applies the fixes the rules offer for `doc` and writes the file back; returns the document
/// to report on (the fixed one, or `doc` when there was nothing to fix) with its findings.
fn fix_file(
    target: &walk::Target,
    shown: &str,
    doc: Document,
    storage: lint::Storage,
    unsafe_fixes: bool,
    count: &mut usize,
) -> Result<(Document, Vec<crate::diagnostic::Diagnostic>), Error> {
    let fixed = fix_until_stable(target, doc, unsafe_fixes);
    if fixed.fixes > 0 {
        let bytes = fix::encode(&fixed.doc.source, storage.encoding, storage.bom)
            .map_err(|reason| Error::file(shown, format!("not fixed: {reason}")))?;
        fix::write_atomically(&target.path, &bytes)
            .map_err(|e| Error::file(shown, format!("not fixed: cannot write: {e}")))?;
        *count = fixed.fixes;
    }
    Ok((fixed.doc, fixed.diagnostics))
}

/// The document with the fixes of the findings that would be reported applied: a finding a
/// suppression comment or an `[[ignore]]` silences is not fixed either, and a suggested fix
/// only with `--unsafe-fixes`.
fn fix_until_stable(target: &walk::Target, doc: Document, unsafe_fixes: bool) -> fix::Fixed {
    let (config, path) = (&target.config, &target.path);
    fix::apply_until_stable(
        doc,
        |doc| lint::lint(doc, config),
        |doc, mut diagnostics| {
            suppress::apply(doc, config, path, &mut diagnostics, &mut [], false);
            if !unsafe_fixes {
                for d in &mut diagnostics {
                    d.fix = d.fix.take().filter(|f| f.is_safe());
                }
            }
            diagnostics
        },
    )
}

fn exit_code(outcome: &Outcome, threshold: Severity) -> ExitCode {
    if outcome.had_errors {
        ExitCode::from(2)
    } else if outcome.worst.is_some_and(|worst| worst >= threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn lint_stdin(
    name: &str,
    cwd: &Path,
    configs: &mut Configs,
    run: &mut Run,
    sink: &mut Sink,
    out: &mut dyn Write,
    errors: &mut Vec<Error>,
) -> io::Result<()> {
    let mut bytes = Vec::new();
    if let Err(e) = io::stdin().read_to_end(&mut bytes) {
        errors.push(Error::file(name, format!("cannot be read: {e}")));
        return Ok(());
    }
    let config = match configs.for_dir(cwd) {
        Ok(config) => config,
        Err(ConfigProblem::Invalid(e)) => {
            errors.push(e.into());
            return Ok(());
        }
        Err(ConfigProblem::AlreadyReported) => return Ok(()),
    };
    match lint::load_bytes(&bytes, Format::from_path(Path::new(name)), name) {
        Ok(doc) => {
            let mut diagnostics = lint::lint(&doc, &config);
            run.settle(name, Path::new(name), &doc, &config, &mut diagnostics);
            sink.rules(&config.registry);
            sink.file(out, name, &doc, &diagnostics)
        }
        Err(e) => {
            errors.push(e);
            Ok(())
        }
    }
}

/// Where each file's diagnostics go as soon as it is linted, so that no document has to be
/// kept once it is reported (memory stays bounded by the largest file).
struct Sink {
    format: OutputFormat,
    color: bool,
    summary: json::Summary,
    worst: Option<Severity>,
    json: Vec<json::JsonDiagnostic>,
    /// The SARIF log: the rules met so far and the results.
    sarif: output::sarif::Log,
    files_with_findings: usize,
}

impl Sink {
    fn new(format: OutputFormat, color: bool) -> Sink {
        let mut sarif = output::sarif::Log::new();
        if format == OutputFormat::Sarif {
            sarif.add_rules(Registry::builtin());
        }
        Sink {
            format,
            color,
            summary: json::Summary::default(),
            worst: None,
            json: Vec::new(),
            sarif,
            files_with_findings: 0,
        }
    }

    /// Makes the rules of a file's registry (its config's user packs) known to formats that
    /// describe the rules of the run (SARIF).
    fn rules(&mut self, registry: &Registry) {
        if self.format == OutputFormat::Sarif {
            self.sarif.add_rules(registry);
        }
    }

    fn file(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        doc: &Document,
        diagnostics: &[crate::diagnostic::Diagnostic],
    ) -> io::Result<()> {
        self.summary.files += 1;
        if !diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        for d in diagnostics {
            self.summary.count(d.severity);
            self.worst = self.worst.max(Some(d.severity));
        }
        match self.format {
            OutputFormat::Human => output::human::render(out, path, doc, diagnostics, self.color),
            OutputFormat::Concise => output::concise::render(out, path, doc, diagnostics),
            OutputFormat::Github => output::github::render(out, path, doc, diagnostics),
            OutputFormat::Sarif => {
                self.sarif.add_file(path, doc, diagnostics);
                Ok(())
            }
            OutputFormat::Json => {
                let converted = diagnostics
                    .iter()
                    .map(|d| json::JsonDiagnostic::new(path, doc, d));
                self.json.extend(converted);
                Ok(())
            }
        }
    }

    fn finish(self, out: &mut dyn Write, had_errors: bool) -> io::Result<Outcome> {
        match self.format {
            OutputFormat::Json => json::write(
                out,
                &json::Report {
                    version: json::VERSION,
                    summary: self.summary,
                    diagnostics: self.json,
                },
            )?,
            OutputFormat::Human => {
                write_human_summary(out, &self.summary, self.files_with_findings)?
            }
            OutputFormat::Sarif => self.sarif.write(out, !had_errors)?,
            OutputFormat::Concise | OutputFormat::Github => {}
        }
        Ok(Outcome {
            worst: self.worst,
            had_errors,
        })
    }
}

fn write_human_summary(
    out: &mut dyn Write,
    summary: &json::Summary,
    files_with_findings: usize,
) -> io::Result<()> {
    let total = summary.errors + summary.warnings + summary.infos;
    let files = plural(summary.files, "file");
    if total == 0 {
        return writeln!(out, "No problems found in {files}.");
    }
    writeln!(
        out,
        "Found {}, {} and {} in {} of {files}.",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        files_with_findings,
    )
}
