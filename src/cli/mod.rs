//! The command line: `wenlint check`, `wenlint rules`, `wenlint explain`.
//!
//! Exit codes are a contract: 0 when nothing at or above `--fail-on` was found, 1 when
//! something was, 2 when a path, a config or the command line itself was wrong (even if other
//! files were linted fine).

//!
//! `args` holds what clap parses, `check` the checking command, `commands` the others.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Parser;

use crate::config::{Config, ConfigProblem, Configs};
use crate::error::Error;
use crate::lang::Lang;
use crate::rules::Registry;

mod annotate;
mod args;
mod check;
mod commands;
mod config;
mod exit;
mod serve;

use args::{Cli, Command, ConfigArg};

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    // One command a process: its language is set once, here, for every message it prints.
    let _ = LANG.set(cli.lang);
    let result = match cli.command {
        Command::Check(args) => check::check(args),
        Command::Rules(args) => commands::list_rules(args),
        Command::Outline(args) => commands::outline(args),
        Command::Stats(args) => commands::show_stats(args),
        Command::Init(args) => commands::init(args),
        Command::Config(args) => config::show(args),
        Command::Annotate(args) => annotate::annotate_command(args),
        Command::Serve(args) => serve::serve(args),
        Command::Lsp => crate::lsp::run(lang()),
        Command::Explain { id, config } => commands::explain(&id, config),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}{e}", lang().pick("错误：", "error: "));
            ExitCode::from(2)
        }
    }
}

static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The language of this command's messages (`--lang`).
fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

fn load_fixed_config(arg: &ConfigArg) -> Result<Option<Config>, Error> {
    arg.config
        .as_deref()
        .map(|path| Config::load(path).map_err(Error::from))
        .transpose()
}

/// The rules that apply where the command runs: built-in ones plus the packs of the config
/// found from the current directory (or given with `--config`).
/// The config that applies in the current directory: `--config`, or the one found by walking
/// up, or the defaults.
fn config_here(arg: &ConfigArg) -> Result<std::sync::Arc<Config>, Error> {
    if let Some(config) = load_fixed_config(arg)? {
        return Ok(std::sync::Arc::new(config));
    }
    let cwd = std::env::current_dir().map_err(|e| Error::file(".", crate::lang::Text::io(&e)))?;
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

fn report_and_fail(e: &Error) -> io::Result<ExitCode> {
    e.render(&mut io::stderr(), io::stderr().is_terminal(), lang())?;
    Ok(ExitCode::from(2))
}
