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
    // Each line is put together in a buffer and written whole: formatted with `writeln!`, its
    // six parts each went through the formatting machinery and a call of the writer, a
    // thousand instructions a line (a long text said twice over has a hundred thousand).
    let mut line = String::new();
    let mut numbers = itoa::Buffer::new();
    for d in diagnostics {
        let at = match last {
            Some(known) => doc.position_after(known, d.span.start),
            None => doc.position(d.span.start),
        };
        last = Some((d.span.start, at));
        line.clear();
        line.push_str(path);
        line.push(':');
        line.push_str(numbers.format(at.line));
        line.push(':');
        line.push_str(numbers.format(at.column));
        line.push_str(": ");
        line.push_str(d.severity.as_str());
        line.push('[');
        line.push_str(&d.rule);
        line.push_str("] ");
        line.push_str(&d.message);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
