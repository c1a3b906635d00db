//! The command line's arguments, as clap parses them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use super::exit::FailOn;
use crate::lang::Lang;
use crate::output::OutputFormat;
use crate::stats;

#[derive(Parser)]
#[command(
    name = "wenlint",
    version,
    about = "Lints Chinese official documents and speeches: placeholders left in, and more.",
    propagate_version = true
)]
pub(super) struct Cli {
    /// The language of the report around the findings (summary, help, notes, errors); the
    /// rules' messages are Chinese in both.
    #[arg(long, global = true, value_enum, default_value_t = Lang::Zh)]
    pub(super) lang: Lang,

    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Subcommand)]
pub(super) enum Command {
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
    /// Print the settings in effect for a file or directory, and where each was set.
    Config(super::config::ConfigArgs),
    /// Write a copy of a Word file with a comment (批注) at each finding.
    Annotate(super::annotate::AnnotateArgs),
    /// Serve a page on this machine where a document can be dropped and checked.
    Serve(super::serve::ServeArgs),
    /// Speak the Language Server Protocol on standard input and output, for editors.
    Lsp,
    /// Print the documentation of a rule, or of every rule of a family.
    Explain {
        /// A rule id such as `placeholder/marker`, or a family such as `placeholder`.
        id: String,
        #[command(flatten)]
        config: ConfigArg,
    },
}

#[derive(clap::Args)]
pub(super) struct ConfigArg {
    /// Use this config file for every file instead of looking for `wenlint.toml`.
    #[arg(long, value_name = "FILE", global = true)]
    pub(super) config: Option<PathBuf>,
}

#[derive(clap::Args)]
pub(super) struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub(super) paths: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub(super) format: OutputFormat,

    /// Exit with 1 when anything at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub(super) fail_on: FailOn,

    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(super) color: ColorChoice,

    /// Report only these rules or families (comma-separated or repeated), among those the
    /// config turns on.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub(super) select: Vec<String>,

    /// Do not report these rules or families (comma-separated or repeated).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub(super) ignore: Vec<String>,

    /// Print how many findings each rule has, instead of the findings.
    #[arg(long)]
    pub(super) statistics: bool,

    /// In the human format, show every finding: by default a file shows the first few of
    /// each rule and counts the rest in one line.
    #[arg(long)]
    pub(super) show_all: bool,

    /// Exit with 0 even when findings are reported (2 still means an error).
    #[arg(long)]
    pub(super) exit_zero: bool,

    /// Print the findings only: no summary line and no notes.
    #[arg(long, short)]
    pub(super) quiet: bool,

    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(super) output_file: Option<PathBuf>,

    /// Name (and so format) of the text read from standard input.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub(super) stdin_filename: String,

    /// Apply the fixes rules offer, writing each file back in its encoding, then report
    /// what is left.
    #[arg(long)]
    pub(super) fix: bool,

    /// Print the changes `--fix` would make, as a unified diff, instead of the findings;
    /// nothing is written. Exits with 1 when there is something to fix.
    #[arg(long, conflicts_with = "fix")]
    pub(super) diff: bool,

    /// With `--fix` or `--diff`, also apply the suggested fixes: those the context decides
    /// (`交待` → `交代`, a tie between two variants). Review them.
    #[arg(long)]
    pub(super) unsafe_fixes: bool,

    /// Also report paragraphs and sentences shared between the files of this run
    /// (`duplicate/cross-file`).
    #[arg(long)]
    pub(super) cross_file: bool,

    /// Report only findings this baseline file does not hold.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,

    /// Record every finding of this run in a baseline file.
    #[arg(long, value_name = "FILE")]
    pub(super) write_baseline: Option<PathBuf>,

    /// Report suppression comments and `[[ignore]]` entries that silenced nothing.
    #[arg(long)]
    pub(super) report_unused_suppressions: bool,

    #[command(flatten)]
    pub(super) config: ConfigArg,
}

#[derive(clap::Args)]
pub(super) struct StatsArgs {
    /// Files to count; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    pub(super) files: Vec<PathBuf>,
    /// Speaking pace, in Chinese characters a minute.
    #[arg(long, default_value_t = stats::DEFAULT_PACE, value_parser = clap::value_parser!(u32).range(1..))]
    pub(super) pace: u32,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub(super) format: ListFormat,
}

#[derive(clap::Args)]
pub(super) struct InitArgs {
    /// The level the documents speak for: 省, 市, 州, 盟, 区, 县 or 旗.
    #[arg(long)]
    pub(super) level: Option<String>,
    /// The region the documents speak for, by its full name (`天津市`).
    #[arg(long)]
    pub(super) region: Option<String>,
    /// Replace an existing config.
    #[arg(long)]
    pub(super) force: bool,
}

#[derive(clap::Args)]
pub(super) struct OutlineArgs {
    /// Files to outline; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    pub(super) files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub(super) format: ListFormat,
    /// Name (and so format) of the text read from standard input.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub(super) stdin_filename: String,
}

#[derive(clap::Args)]
pub(super) struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub(super) format: RulesFormat,
    #[command(flatten)]
    pub(super) config: ConfigArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ListFormat {
    Human,
    Json,
}

/// How `wenlint rules` lists the rules.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum RulesFormat {
    /// One line a rule: id, severity, summary.
    Human,
    Json,
    /// The table of the README's `## Rules` section, which is made this way.
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto` means colour only on a terminal, and never when `NO_COLOR` is set.
    pub(super) fn enabled(self, stream_is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}
