//! The integration tests, in one binary: the library's interface and the `wenlint` binary,
//! on fixtures, the hand-marked data sets of `tests/data/` and `../shared/corpus` when it is
//! there. `common` is what every test shares: linting a text or a fixture, listing findings,
//! scoring findings against hand-marked spans, running the binary.

mod annotate;
mod baseline;
mod cli;
mod common;
mod config;
mod corpus;
mod cross_file;
mod doc;
mod docx;
mod duplicate_planted;
mod fix;
mod fixtures;
mod formats;
mod grammar;
mod hostile;
mod lsp;
mod number;
mod numbering;
mod numbering_drafts;
mod place;
mod place_drafts;
mod place_planted;
mod placeholder;
mod placeholder_drafts;
mod punct;
mod readme;
mod report_options;
mod serve;
mod stats;
mod suppress;
mod word_files;
mod workflow;
