//! wenlint: a linter for Chinese official documents and speeches.
//!
//! The crate is laid out as the stages a file goes through:
//!
//! 1. [`read`]: bytes to text (UTF-8 with or without BOM, GB18030/GBK, binary detection);
//! 2. [`document`]: text to a model with a lint view, lines, paragraphs and sentences;
//! 3. [`rules`]: the rule registry, built-in rule packs and the rule kinds that run them;
//! 4. [`diagnostic`]: what a rule reports;
//! 5. [`output`]: human, concise and JSON renderings;
//! 6. [`fix`]: with `--fix`, the fixed text written back as it was stored.
//!
//! [`config`] finds and parses `wenlint.toml`; [`lint`] ties the stages together for one file;
//! [`engine`] settles each document's findings within a run (cross-file index, suppressions,
//! baselines); [`cli`] is the command line.

#![forbid(unsafe_code)]

pub use diagnostic::{Applicability, Diagnostic, Elsewhere, Fix, Related, Severity};
pub use engine::{Finished, FixMode, Linter, Report, Settings, Source};
pub use error::Error;
pub use span::Position;

pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod error;
pub mod fix;
pub mod init;
pub mod lint;
pub mod output;
pub mod read;
pub mod rules;
pub mod span;
pub mod stats;
pub mod structure;
pub mod suppress;
pub mod walk;
