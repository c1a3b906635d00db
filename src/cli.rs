//! The command line: `wenlint check`, `wenlint rules`, `wenlint explain`.
//!
//! Exit codes are a contract: 0 when nothing at or above `--fail-on` was found, 1 when
//! something was, 2 when a path, a config or the command line itself was wrong (even if other
//! files were linted fine).

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::baseline::{self, Baseline};
use crate::config::{Config, ConfigProblem, Configs};
use crate::diagnostic::Severity;
use crate::document::{Document, Format};
use crate::engine::Run;
use crate::error::Error;
use crate::fix;
use crate::lint;
use crate::output::{self, json};
use crate::rules::{family_of, Registry, Rule};
use crate::stats;
use crate::suppress;
use crate::walk;

#[derive(Parser)]
#[command(
    name = "wenlint",
    version,
    about = "Lints Chinese official documents and speeches: placeholders left in, and more.",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories (default: the current directory).
    Check(CheckArgs),
    /// List every rule with its default severity.
    Rules(RulesArgs),
    /// Print the heading tree of documents, with numbering problems marked.
    Outline(OutlineArgs),
    /// Count a draft's characters, sentences and paragraphs and estimate its speaking time.
    Stats(StatsArgs),
    /// Write a commented `wenlint.toml` into the current directory.
    Init(InitArgs),
    /// Print the documentation of a rule, or of every rule of a family.
    Explain {
        /// A rule id such as `placeholder/marker`, or a family such as `placeholder`.
        id: String,
        #[command(flatten)]
        config: ConfigArg,
    },
}

#[derive(clap::Args)]
struct ConfigArg {
    /// Use this config file for every file instead of looking for `wenlint.toml`.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,

    /// Exit with 1 when anything at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,

    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Name (and so format) of the text read from standard input.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    stdin_filename: String,

    /// Apply the fixes rules offer, writing each file back in its encoding, then report
    /// what is left.
    #[arg(long)]
    fix: bool,

    /// Print the changes `--fix` would make, as a unified diff, instead of the findings;
    /// nothing is written. Exits with 1 when there is something to fix.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,

    /// With `--fix` or `--diff`, also apply the suggested fixes: those the context decides
    /// (`交待` → `交代`, a tie between two variants). Review them.
    #[arg(long)]
    unsafe_fixes: bool,

    /// Also report paragraphs and sentences shared between the files of this run
    /// (`duplicate/cross-file`).
    #[arg(long)]
    cross_file: bool,

    /// Report only findings this baseline file does not hold.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record every finding of this run in a baseline file.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,

    /// Report suppression comments and `[[ignore]]` entries that silenced nothing.
    #[arg(long)]
    report_unused_suppressions: bool,

    #[command(flatten)]
    config: ConfigArg,
}

#[derive(clap::Args)]
struct StatsArgs {
    /// Files to count; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Speaking pace, in Chinese characters a minute.
    #[arg(long, default_value_t = stats::DEFAULT_PACE, value_parser = clap::value_parser!(u32).range(1..))]
    pace: u32,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
}

#[derive(clap::Args)]
struct InitArgs {
    /// The level the documents speak for: 省, 市, 州, 盟, 区, 县 or 旗.
    #[arg(long)]
    level: Option<String>,
    /// The region the documents speak for, by its full name (`天津市`).
    #[arg(long)]
    region: Option<String>,
    /// Replace an existing config.
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args)]
struct OutlineArgs {
    /// Files to outline; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
    /// Name (and so format) of the text read from standard input.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    stdin_filename: String,
}

#[derive(clap::Args)]
struct RulesArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
    #[command(flatten)]
    config: ConfigArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto` means colour only on a terminal, and never when `NO_COLOR` is set.
    fn enabled(self, stream_is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(args) => list_rules(args),
        Command::Outline(args) => outline(args),
        Command::Stats(args) => show_stats(args),
        Command::Init(args) => init(args),
        Command::Explain { id, config } => explain(&id, config),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// What the run found, for the exit code.
struct Outcome {
    worst: Option<Severity>,
    had_errors: bool,
}

fn check(args: CheckArgs) -> io::Result<ExitCode> {
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

fn load_fixed_config(arg: &ConfigArg) -> Result<Option<Config>, Error> {
    arg.config
        .as_deref()
        .map(|path| Config::load(path).map_err(Error::from))
        .transpose()
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

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) | (_, "info") => format!("{n} {word}"),
        _ => format!("{n} {word}s"),
    }
}

fn show_stats(args: StatsArgs) -> io::Result<ExitCode> {
    let mut out = io::stdout().lock();
    let mut all = Vec::new();
    let mut failed = false;
    for file in &args.files {
        let shown = file.display().to_string();
        let loaded = if file.as_os_str() == "-" {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes)?;
            lint::load_bytes(&bytes, Format::Text, "<stdin>")
        } else {
            lint::load(file, &shown)
        };
        match loaded {
            Ok(doc) => {
                let stats = stats::of(&doc, args.pace);
                if args.format == ListFormat::Human {
                    write_stats(&mut out, &shown, &stats)?;
                }
                all.push(serde_json::json!({ "path": shown, "stats": stats }));
            }
            Err(e) => {
                e.render(&mut io::stderr(), io::stderr().is_terminal())?;
                failed = true;
            }
        }
    }
    if args.format == ListFormat::Json {
        let flattened: Vec<serde_json::Value> = all
            .into_iter()
            .map(|entry| {
                let mut object = entry["stats"].clone();
                object["path"] = entry["path"].clone();
                object
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &flattened)?;
        writeln!(out)?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_stats(out: &mut dyn Write, path: &str, stats: &stats::Stats) -> io::Result<()> {
    writeln!(out, "{path}")?;
    writeln!(out, "  汉字      {}", stats.hanzi)?;
    writeln!(
        out,
        "  字数      {}（按 Word 的算法：汉字、标点、外文单词）",
        stats.zishu
    )?;
    writeln!(out, "  段落      {}", stats.paragraphs)?;
    writeln!(out, "  句子      {}", stats.sentences)?;
    writeln!(
        out,
        "  讲话时长  约 {}（{} 字/分钟）",
        stats::minutes_and_seconds(stats.speaking_seconds),
        stats.pace
    )?;
    write_identity(out, &stats.identity)?;
    if !stats.longest_sentences.is_empty() {
        writeln!(out, "  最长的句子")?;
        for s in &stats.longest_sentences {
            writeln!(
                out,
                "    {}:{}  {} 字  {}…",
                s.line, s.column, s.hanzi, s.opening
            )?;
        }
    }
    Ok(())
}

/// The identity the `place` rules read, with the config lines that would fix it.
fn write_identity(out: &mut dyn Write, identity: &stats::Identity) -> io::Result<()> {
    match (identity.level, identity.balanced) {
        (Some(level), _) => {
            let region = identity
                .region
                .as_deref()
                .map(|r| format!("（{r}）"))
                .unwrap_or_default();
            writeln!(
                out,
                "  身份      “{level}”级{region}，依据：{}",
                identity.evidence
            )?;
            let config = match &identity.region {
                Some(region) => format!("[document] region = \"{region}\""),
                None => format!("[document] level = \"{level}\""),
            };
            writeln!(out, "            配置中写明：{config}")
        }
        (None, Some([a, b])) => writeln!(
            out,
            "  身份      难以判断：“{a}”级与“{b}”级的依据相当（{}）",
            identity.evidence
        ),
        (None, None) => writeln!(out, "  身份      文中没有地方层级的自称"),
    }
}

fn init(args: InitArgs) -> io::Result<ExitCode> {
    let answers = crate::init::Answers {
        level: args.level,
        region: args.region,
    };
    let dir = std::env::current_dir()?;
    match crate::init::write(&dir, &answers, args.force) {
        Ok(path) => {
            println!("Wrote {}.", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(reason) => {
            eprintln!("error: {reason}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The rules that apply where the command runs: built-in ones plus the packs of the config
/// found from the current directory (or given with `--config`).
/// The config that applies in the current directory: `--config`, or the one found by walking
/// up, or the defaults.
fn config_here(arg: &ConfigArg) -> Result<std::sync::Arc<Config>, Error> {
    if let Some(config) = load_fixed_config(arg)? {
        return Ok(std::sync::Arc::new(config));
    }
    let cwd = std::env::current_dir().map_err(|e| Error::file(".", e))?;
    let mut configs = Configs::new(None, &cwd);
    match configs.for_dir(&cwd) {
        Ok(config) => Ok(config),
        Err(ConfigProblem::Invalid(e)) => Err(e.into()),
        Err(ConfigProblem::AlreadyReported) => Ok(std::sync::Arc::new(Config::defaults(&cwd))),
    }
}

fn registry_here(arg: &ConfigArg) -> Result<Registry, Error> {
    config_here(arg).map(|config| config.registry.clone())
}

/// `wenlint rules`: each rule with the severity it reports at under the config that applies
/// here (`off` when the config turns it off), and its default.
fn list_rules(args: RulesArgs) -> io::Result<ExitCode> {
    let config = match config_here(&args.config) {
        Ok(config) => config,
        Err(e) => return report_and_fail(&e),
    };
    let severity = |meta: &crate::rules::RuleMeta| {
        config
            .severity_of(meta)
            .map_or_else(|| "off".to_string(), |s| s.to_string())
    };
    let mut out = io::stdout().lock();
    match args.format {
        ListFormat::Json => {
            let rules: Vec<_> = config
                .registry
                .iter()
                .map(|rule| {
                    let meta = rule.meta();
                    serde_json::json!({
                        "id": meta.id,
                        "severity": severity(meta),
                        "default_severity": meta.severity,
                        "summary": meta.summary,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rules)?;
            writeln!(out)?;
        }
        ListFormat::Human => {
            let width = config
                .registry
                .iter()
                .map(|r| r.meta().id.len())
                .max()
                .unwrap_or(0);
            for rule in config.registry.iter() {
                let meta = rule.meta();
                writeln!(
                    out,
                    "{:<width$}  {:<7}  {}",
                    meta.id,
                    severity(meta),
                    meta.summary
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `wenlint outline`: exit code 0, or 2 when a file cannot be read. Numbering problems are
/// shown, not judged: `wenlint check` is what fails a build.
fn outline(args: OutlineArgs) -> io::Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = false;
    let mut trees = Vec::new();
    for (i, file) in args.files.iter().enumerate() {
        let loaded = if file.as_os_str() == "-" {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes)?;
            let format = Format::from_path(Path::new(&args.stdin_filename));
            lint::load_bytes(&bytes, format, &args.stdin_filename)
                .map(|doc| (args.stdin_filename.clone(), doc))
        } else {
            let shown = file.display().to_string();
            lint::load(file, &shown).map(|doc| (shown, doc))
        };
        let (shown, doc) = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                e.render(&mut io::stderr(), false)?;
                failed = true;
                continue;
            }
        };
        match args.format {
            ListFormat::Human => {
                if i > 0 {
                    writeln!(out)?;
                }
                output::outline::render_human(&mut out, &shown, &doc)?;
            }
            ListFormat::Json => trees.push(output::outline::json(&shown, &doc)),
        }
    }
    if args.format == ListFormat::Json {
        serde_json::to_writer_pretty(&mut out, &trees)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::from(if failed { 2 } else { 0 }))
}

fn explain(id: &str, config: ConfigArg) -> io::Result<ExitCode> {
    let registry = match registry_here(&config) {
        Ok(registry) => registry,
        Err(e) => return report_and_fail(&e),
    };
    let rules: Vec<&std::sync::Arc<dyn Rule>> = registry
        .iter()
        .filter(|r| r.meta().id == id || (!id.contains('/') && r.meta().family() == id))
        .collect();
    if rules.is_empty() {
        let family = family_of(id);
        let hint = if registry.has_family(family) {
            format!(
                "; the `{family}` family has: {}",
                ids_of_family(&registry, family)
            )
        } else {
            "; `wenlint rules` lists every rule".to_string()
        };
        eprintln!("error: no rule or family `{id}`{hint}");
        return Ok(ExitCode::from(2));
    }
    let mut out = io::stdout().lock();
    for (i, rule) in rules.iter().enumerate() {
        let meta = rule.meta();
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{} ({})\n{}\n", meta.id, meta.severity, meta.summary)?;
        writeln!(out, "{}", meta.doc.trim_end())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn ids_of_family(registry: &Registry, family: &str) -> String {
    registry
        .iter()
        .filter(|r| r.meta().family() == family)
        .map(|r| r.meta().id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn report_and_fail(e: &Error) -> io::Result<ExitCode> {
    e.render(&mut io::stderr(), io::stderr().is_terminal())?;
    Ok(ExitCode::from(2))
}
