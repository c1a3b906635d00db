//! GitHub Actions workflow commands, one per diagnostic, so that findings show up as
//! annotations on the pull request:
//!
//! ```text
//! ::error file=a.txt,line=2,endLine=2,col=5,endColumn=9,title=placeholder/marker::占位符“X月X日”尚未填写
//! ```
//!
//! `error`, `warning` and `notice` stand for the error, warning and info severities. Lines and
//! columns are 1-based and columns count characters, as in the JSON format; `endColumn` keeps
//! the JSON contract's *exclusive* end (the column just after the flagged text), although
//! GitHub reads `endColumn` as the last column of the annotation. `col` and `endColumn` are
//! left out when a finding spans several lines: GitHub's toolkit documents that they cannot be
//! sent when `line` and `endLine` differ.
//!
//! Values are escaped exactly as GitHub's toolkit does (`escapeData` and `escapeProperty` in
//! `@actions/core`'s `command.ts`), so that a `%`, a newline, a `:` or a `,` in a message or a
//! path cannot end the command early or forge another one. There is no summary line.

use std::io::{self, Write};

use super::{Emitter, Failure, Totals};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

/// The GitHub emitter: each file's commands as soon as it is linted, no summary.
pub(crate) struct Github;

impl Emitter for Github {
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
    for d in diagnostics {
        writeln!(out, "{}", command(path, doc, d))?;
    }
    Ok(())
}

/// The workflow command for one diagnostic, without the line break.
pub fn command(path: &str, doc: &Document, d: &Diagnostic) -> String {
    let start = doc.position(d.span.start);
    let end = doc.position(d.span.end);
    let name = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = vec![
        ("file", path.to_string()),
        ("line", start.line.to_string()),
        ("endLine", end.line.to_string()),
    ];
    if start.line == end.line {
        properties.push(("col", start.column.to_string()));
        properties.push(("endColumn", end.column.to_string()));
    }
    properties.push(("title", d.rule.to_string()));
    let properties = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect::<Vec<_>>()
        .join(",");
    let mut message = d.message.to_string();
    if let Some(fix) = &d.fix {
        if !fix.is_safe() {
            message.push_str(&format!(" (suggestion: “{}”)", fix.replacement));
        } else if fix.replacement.is_empty() {
            message.push_str(" (fix: remove this text)");
        } else {
            message.push_str(&format!(" (fix: replace with “{}”)", fix.replacement));
        }
    }
    format!("::{name} {properties}::{}", escape_data(&message))
}

/// The toolkit's `escapeData`, for the message after `::`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The toolkit's `escapeProperty`, for property values: `escapeData` plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;
    use crate::document::Format;

    fn diagnostic(span: std::ops::Range<usize>, message: &str) -> Diagnostic {
        Diagnostic {
            rule: "house/rule".into(),
            severity: Severity::Info,
            message: message.to_string().into(),
            span,
            related: Default::default(),
            elsewhere: Vec::new(),
            fix: None,
        }
    }

    #[test]
    fn escapes_like_the_toolkit() {
        assert_eq!(escape_data("100%\r\n:,"), "100%25%0D%0A:,");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
        // `%` first, so that the escapes it introduces are not escaped again.
        assert_eq!(escape_property("%3A"), "%253A");
    }

    #[test]
    fn columns_are_characters_with_an_exclusive_end() {
        let doc = Document::new("会议定于XX召开。\n".to_string(), Format::Text);
        let start = "会议定于".len();
        let d = diagnostic(start..start + 2, "m");
        assert_eq!(
            command("a.txt", &doc, &d),
            "::notice file=a.txt,line=1,endLine=1,col=5,endColumn=7,title=house/rule::m"
        );
    }

    #[test]
    fn multi_line_spans_have_no_columns_and_fixes_are_in_the_message() {
        let doc = Document::new("第一行\n第二行\n".to_string(), Format::Text);
        let mut d = diagnostic(3..13, "m");
        d.severity = Severity::Warning;
        d.fix = Some(Box::new(Fix::safe(String::new())));
        assert_eq!(
            command("a.txt", &doc, &d),
            "::warning file=a.txt,line=1,endLine=2,title=house/rule::m (fix: remove this text)"
        );
    }
}
