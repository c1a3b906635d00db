//! `wenlint check`: files and standard input linted, fixed if asked, and reported, with the
//! exit code that CI reads.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;

use super::args::CheckArgs;
use crate::diagnostic::Severity;
use crate::engine::{Checked, CrossFile, FixMode, Linter, Report, Settings, Source};
use crate::error::Error;
use crate::fix;
use crate::lang::{plural, Lang, Text};
use crate::output::{Failure, Sink, View};

/// What the run found, for the exit code.
struct Outcome {
    worst: Option<Severity>,
    had_errors: bool,
}

pub(super) fn check(args: CheckArgs) -> io::Result<ExitCode> {
    let lang = super::lang();
    let err_color = args.color.enabled(io::stderr().is_terminal());
    let mut out: Box<dyn Write> = match &args.output_file {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(io::BufWriter::new(file)),
            Err(e) => {
                let error = Error::file(path.display().to_string(), Text::io(&e));
                error.render(&mut io::stderr(), err_color, lang)?;
                return Ok(ExitCode::from(2));
            }
        },
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let to_terminal = args.output_file.is_none() && io::stdout().is_terminal();
    let color = args.color.enabled(to_terminal);
    let mut errors = Vec::new();

    let mut linter = match Linter::new(settings(&args)) {
        Ok(linter) => linter,
        Err(e) => {
            e.render(&mut io::stderr(), err_color, lang)?;
            return Ok(ExitCode::from(2));
        }
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (stdin_requested, paths): (Vec<_>, Vec<_>) =
        paths.into_iter().partition(|p| p.as_os_str() == "-");

    let view = View {
        color,
        lang,
        show_all: args.show_all,
        quiet: args.quiet,
        width: terminal_width(to_terminal),
    };
    let mut sink = if args.statistics {
        Sink::statistics(args.format, view)
    } else {
        Sink::new(args.format, view)
    };
    if (args.fix || args.diff) && !stdin_requested.is_empty() {
        errors.push(Error::file(
            &args.stdin_filename,
            Text::new(
                "--fix 和 --diff 只处理文件，不处理标准输入；请写出文件名",
                "--fix and --diff work on files, not standard input; name the file instead",
            ),
        ));
    } else if !stdin_requested.is_empty() {
        lint_stdin(
            &args.stdin_filename,
            &mut linter,
            &mut sink,
            &mut out,
            &mut errors,
        )?;
    }
    let mut fixed = FixCount::default();
    let mut word_files_not_rewritten = 0;
    let targets = linter.targets(&paths, &mut errors);
    let progress = Progress::new(targets.len(), err_color);
    // Files are read and linted in parallel, a batch at a time, and reported in order: the
    // output does not depend on the number of cores, and only a batch of documents is held.
    for batch in targets.chunks(BATCH) {
        let checked: Vec<Checked> = batch
            .par_iter()
            .map(|target| linter.check_target(target))
            .collect();
        for checked in checked {
            progress.advance();
            let config = checked.config.clone();
            let report = if args.diff {
                // A diff shows what `--fix` would write; nothing is reported or recorded.
                checked.report
            } else {
                linter.settle(checked)
            };
            let report = match report {
                Ok(report) => report,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            if args.fix && report.word_not_rewritten {
                word_files_not_rewritten += 1;
            }
            fixed.add(report.fixes);
            if args.diff {
                write_diff(&mut out, &report, color)?;
                continue;
            }
            sink.rules(&config.registry);
            sink.file(&mut out, &report)?;
        }
    }
    progress.finish();
    let outcome = if args.diff {
        Outcome {
            worst: (fixed.fixes > 0).then_some(Severity::Error),
            had_errors: !errors.is_empty(),
        }
    } else {
        let failures: Vec<Failure> = errors.iter().map(|e| Failure::of(e, lang)).collect();
        let worst = sink.finish(&mut out, &failures)?;
        Outcome {
            // Writing a baseline records the findings to accept them: that run succeeds.
            worst: worst.filter(|_| args.write_baseline.is_none()),
            had_errors: !errors.is_empty(),
        }
    };
    out.flush()?;
    drop(out);
    let mut stderr = io::stderr().lock();
    if !args.quiet {
        notes(&mut stderr, &args, lang, word_files_not_rewritten, &fixed)?;
    }
    let finished = linter.finish();
    for warning in &finished.unused_ignores {
        writeln!(stderr, "{}: {warning}", lang.pick("警告", "warning"))?;
    }
    match finished.baseline_written {
        Some((path, Ok(count))) if !args.quiet => {
            let path = path.display();
            match lang {
                Lang::Zh => writeln!(stderr, "已将 {count} 个问题记入 {path}。")?,
                Lang::En => writeln!(stderr, "Wrote {} to {path}.", plural(count, "finding"))?,
            }
        }
        Some((_, Err(e))) => errors.push(e),
        _ => {}
    }
    for error in &errors {
        error.render(&mut stderr, err_color, lang)?;
    }
    let worst = outcome.worst.filter(|_| !args.exit_zero);
    Ok(args.fail_on.code(worst, outcome.had_errors))
}

/// What `--fix` and `--diff` did, on standard error after the report.
fn notes(
    stderr: &mut dyn Write,
    args: &CheckArgs,
    lang: Lang,
    word_files_not_rewritten: usize,
    fixed: &FixCount,
) -> io::Result<()> {
    let word = word_files_not_rewritten;
    if word > 0 {
        match lang {
            Lang::Zh => writeln!(
                stderr,
                "说明：{word} 个 Word 文件只检查、不改写：--fix 不写 Word 文件，请在 Word 中修改。"
            )?,
            Lang::En => writeln!(
                stderr,
                "note: {} linted, not rewritten: --fix does not write Word files; apply their fixes in Word.",
                plural(word, "Word file")
            )?,
        }
    }
    if !(args.fix || args.diff) {
        return Ok(());
    }
    let (fixes, files) = (fixed.fixes, fixed.files);
    match (lang, args.diff) {
        (Lang::Zh, true) => writeln!(stderr, "可修正 {files} 个文件中的 {fixes} 处问题。"),
        (Lang::Zh, false) => writeln!(stderr, "已修正 {files} 个文件中的 {fixes} 处问题。"),
        (Lang::En, diff) => writeln!(
            stderr,
            "{} {} in {}.",
            if diff { "Would fix" } else { "Fixed" },
            plural(fixes, "problem"),
            plural(files, "file")
        ),
    }
}

/// The columns excerpts fit in: `COLUMNS`, or the terminal's width, or a default when the
/// report goes to a file or a pipe; never under [`View::MIN_WIDTH`], where the window of a
/// CJK line would hold too little to read.
fn terminal_width(to_terminal: bool) -> usize {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    let measured = || {
        to_terminal
            .then(terminal_size::terminal_size)
            .flatten()
            .map(|(width, _)| usize::from(width.0))
    };
    from_env
        .or_else(measured)
        .unwrap_or(View::DEFAULT_WIDTH)
        .max(View::MIN_WIDTH)
}

/// The engine's settings that the command line sets.
fn settings(args: &CheckArgs) -> Settings {
    Settings {
        config: args.config.config.clone(),
        config_text: None,
        root: None,
        cross_file: if args.cross_file {
            CrossFile::Everywhere
        } else {
            CrossFile::AsConfigured
        },
        report_unused_suppressions: args.report_unused_suppressions,
        baseline: args.baseline.clone(),
        write_baseline: args.write_baseline.clone(),
        fixes: match (args.fix, args.diff) {
            (true, _) => FixMode::Write,
            (_, true) => FixMode::Apply,
            _ => FixMode::Report,
        },
        unsafe_fixes: args.unsafe_fixes,
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    }
}

/// How many files are linted in parallel before they are reported.
const BATCH: usize = 64;

/// What `--diff` prints for a file that fixes would change.
fn write_diff(out: &mut dyn Write, report: &Report, color: bool) -> io::Result<()> {
    match report.original() {
        Some(original) if report.fixes > 0 => {
            let diff = fix::unified_diff(&report.name, original, report.source(), color);
            out.write_all(diff.as_bytes())
        }
        _ => Ok(()),
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

/// Lints standard input under the config of the current directory, named `name`.
fn lint_stdin(
    name: &str,
    linter: &mut Linter,
    sink: &mut Sink,
    out: &mut dyn Write,
    errors: &mut Vec<Error>,
) -> io::Result<()> {
    let mut bytes = Vec::new();
    if let Err(e) = io::stdin().read_to_end(&mut bytes) {
        errors.push(Error::file(name, Text::io(&e)));
        return Ok(());
    }
    let config = match linter.root_config() {
        Ok(Some(config)) => config,
        Ok(None) => return Ok(()),
        Err(e) => {
            errors.push(e);
            return Ok(());
        }
    };
    let source = Source::bytes(name, bytes);
    let checked = linter.check(&source, name.to_string(), config.clone());
    match linter.settle(checked) {
        Ok(report) => {
            sink.rules(&config.registry);
            sink.file(out, &report)
        }
        Err(e) => {
            errors.push(e);
            Ok(())
        }
    }
}
