//! One line per diagnostic, `path:line:column: severity[rule] message`, for editors, grep and
//! terminals too narrow for snippets.

use std::io::{self, Write};

use super::{Emitter, Failure, Totals};
use crate::diagnostic::Diagnostic;
use crate::document::Document;

/// The concise emitter: each file's lines as soon as it is linted, no summary.
pub(crate) struct Concise;

impl Emitter for Concise {
    fn file(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        doc: &Document,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        render(out, path, doc, diagnostics)
    }

    fn finish(self: Box<Self>, _: &mut dyn Write, _: &Totals, _: &[Failure]) -> io::Result<()> {
        Ok(())
    }
}

pub fn render(
    out: &mut dyn Write,
    path: &str,
    doc: &Document,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    let mut last = None;
    for d in diagnostics {
        let at = match last {
            Some(known) => doc.position_after(known, d.span.start),
            None => doc.position(d.span.start),
        };
        last = Some((d.span.start, at));
        writeln!(
            out,
            "{path}:{}:{}: {}[{}] {}",
            at.line, at.column, d.severity, d.rule, d.message
        )?;
    }
    Ok(())
}
