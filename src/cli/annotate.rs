//! `wenlint annotate IN.docx [-o OUT.docx]`: a copy of a Word file with a comment at each
//! finding, checked as `check` would check it (the config found for it, `--select`,
//! `--ignore`), with `check`'s summary and exit codes. The original is never written.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::exit::FailOn;
use super::{lang, ConfigArg};
use crate::annotate::{annotate, refuse_unless_docx};
use crate::diagnostic::Severity;
use crate::engine::{Linter, Settings, Source};
use crate::error::Error;
use crate::fix::write_atomically;
use crate::lang::{Lang, Text};
use crate::output::{human, Totals};

#[derive(clap::Args)]
pub(super) struct AnnotateArgs {
    /// The Word file (.docx) to annotate.
    #[arg(value_name = "IN")]
    input: PathBuf,

    /// Where to write the commented copy (default: `IN.wenlint.docx` beside it).
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,

    /// Exit with 1 when anything at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,

    /// Comment only on these rules or families (comma-separated or repeated).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    select: Vec<String>,

    /// Do not comment on these rules or families (comma-separated or repeated).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    ignore: Vec<String>,

    #[command(flatten)]
    config: ConfigArg,
}

pub(super) fn annotate_command(args: AnnotateArgs) -> io::Result<ExitCode> {
    let lang = lang();
    match run(&args, lang) {
        Ok(worst) => Ok(args.fail_on.code(worst, false)),
        Err(e) => {
            e.render(&mut io::stderr(), io::stderr().is_terminal(), lang)?;
            Ok(ExitCode::from(2))
        }
    }
}

/// Checks the file, writes the copy, prints the summary; returns the worst severity found.
fn run(args: &AnnotateArgs, lang: Lang) -> Result<Option<Severity>, Error> {
    let input = &args.input;
    let shown = input.display().to_string();
    let original = std::fs::read(input).map_err(|e| Error::file(&shown, Text::io(&e)))?;
    refuse_unless_docx(&shown, &original)?;
    let output = output_path(args)?;
    let settings = Settings {
        config: args.config.config.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        ..Settings::default()
    };
    let mut linter = Linter::new(settings)?;
    let report = linter.lint(Source::path(input))?;
    let annotated =
        annotate(&original, &report, lang).map_err(|reason| Error::file(&shown, reason))?;
    write_atomically(&output, &annotated.bytes).map_err(|e| {
        let reason = Text::new(format!("无法写入：{e}"), format!("cannot be written: {e}"));
        Error::file(output.display().to_string(), reason)
    })?;
    let mut totals = Totals::default();
    totals.add(&report.diagnostics);
    println!("{}", human::summary(&totals, 0, lang));
    println!(
        "{}",
        written(&output, annotated.in_body, annotated.gathered, lang)
    );
    Ok(report.diagnostics.iter().map(|d| d.severity).max())
}

/// `-o`, or `IN.wenlint.docx`; never the input itself.
fn output_path(args: &AnnotateArgs) -> Result<PathBuf, Error> {
    let input = &args.input;
    let output = args.output.clone().unwrap_or_else(|| {
        let stem = input
            .file_stem()
            .map_or_else(Default::default, |s| s.to_os_string());
        let mut name = stem;
        name.push(".wenlint.docx");
        input.with_file_name(name)
    });
    if same_file(input, &output) {
        return Err(Error::file(
            output.display().to_string(),
            Text::new(
                "是原文件本身：annotate 从不改写原文件，请另给输出文件名",
                "is the input itself: annotate never writes the original; name another output",
            ),
        ));
    }
    Ok(output)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn written(output: &Path, in_body: usize, gathered: usize, lang: Lang) -> String {
    let output = output.display();
    match (lang, gathered) {
        (Lang::Zh, 0) => format!("已写出 {output}：{in_body} 条批注。"),
        (Lang::Zh, n) => format!(
            "已写出 {output}：{in_body} 条批注，另有 {n} 个页眉、页脚或文本框中的问题列在正文开头的一条批注里。"
        ),
        (Lang::En, 0) => format!("Wrote {output}: {in_body} comments."),
        (Lang::En, n) => format!(
            "Wrote {output}: {in_body} comments, and {n} findings in headers, footers or text boxes listed in one comment at the start of the body."
        ),
    }
}
