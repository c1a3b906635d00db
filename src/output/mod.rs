//! Output formats. Each takes documents and their diagnostics and writes them; none decides
//! what is reported.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod outline;
pub mod sarif;
