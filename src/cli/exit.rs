//! The exit code, a contract CI reads: 2 when something could not be checked (a path, a
//! config, the command line), else 1 when something at or above `--fail-on` was found, else 0.
//! `check` and `annotate` share it.

use std::process::ExitCode;

use clap::ValueEnum;

use crate::diagnostic::Severity;

/// `--fail-on`: the lowest severity that makes the exit code 1.
#[derive(Clone, Copy, ValueEnum)]
pub(super) enum FailOn {
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

    /// The exit code of a run that found `worst`, and that could not check something when
    /// `had_errors`.
    pub(super) fn code(self, worst: Option<Severity>, had_errors: bool) -> ExitCode {
        if had_errors {
            ExitCode::from(2)
        } else if worst.is_some_and(|worst| worst >= self.threshold()) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}
