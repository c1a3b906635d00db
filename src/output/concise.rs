//! One line per diagnostic, `path:line:column: severity[rule] message`, for editors, grep and
//! terminals too narrow for snippets.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::document::Document;

pub fn render(
    out: &mut dyn Write,
    path: &str,
    doc: &Document,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    for d in diagnostics {
        let at = doc.position(d.span.start);
        writeln!(
            out,
            "{path}:{}:{}: {}[{}] {}",
            at.line, at.column, d.severity, d.rule, d.message
        )?;
    }
    Ok(())
}
