//! The structure of a document: its numbering markers and the outline they form.
//!
//! The model only: the markers, the tree they form, the enumerations that run on in the prose,
//! and the problems of order found while the markers are grouped. Built once per document
//! (see [`Context::outline`](crate::rules::Context::outline)) and shared by the rules of
//! `numbering/*` (which hold the checks) and of `duplicate/*`, and by `wenlint outline`.

pub mod enumeration;
pub(crate) mod find;
pub mod markers;
pub mod outline;
pub mod problem;

pub use markers::Level;
pub use outline::{Node, Outline};
pub use problem::Problem;
