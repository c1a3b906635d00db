//! The rustc-style format, rendered with codespan-reporting.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::document::Document;

/// Writes each diagnostic of one document as a rustc-style report.
pub fn render(
    out: &mut dyn Write,
    path: &str,
    doc: &Document,
    diagnostics: &[Diagnostic],
    color: bool,
) -> io::Result<()> {
    let _ = color;
    for d in diagnostics {
        let p = doc.position(d.span.start);
        writeln!(
            out,
            "{}[{}]: {}\n  --> {}:{}:{}",
            d.severity, d.rule, d.message, path, p.line, p.column
        )?;
    }
    Ok(())
}
