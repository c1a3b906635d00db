//! The structure of a document: its numbering markers and the outline they form.
//!
//! Computed once per document (see [`Document::outline`](crate::document::Document::outline))
//! and shared by the `numbering/*` rules and `wenlint outline`.

pub mod count;
pub mod enumeration;
mod find;
pub mod markers;
pub mod outline;
pub mod problem;
pub mod style;

pub use markers::{Level, Marker};
pub use outline::{Node, Outline};
pub use problem::Problem;
