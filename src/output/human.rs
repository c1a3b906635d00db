//! The rustc-style format, rendered with codespan-reporting.
//!
//! Drafts put whole paragraphs of 1,000–3,000 characters on one line, so showing "the line"
//! would bury the finding. Each label is shown in a *window* of about [`CONTEXT`] characters on
//! either side, cut with `…`. codespan-reporting renders whatever a [`Files`] implementation
//! gives it, so each window is presented as a one-line file whose line number and columns
//! are the real ones: the header `file:line:column`, the gutter and the carets (drawn by
//! display width, two cells per CJK character) all stay true to the document.

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::Ansi, Config, Styles, StylesWriter};

use super::{plural, Emitter, Failure, Totals};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::Document;

/// Characters of context shown on each side of a span.
const CONTEXT: usize = 30;
/// Longest stretch, in characters, shown for one window's labels; longer spans are cut.
const MAX_LABELLED: usize = 100;
const ELLIPSIS: &str = "…";

/// The human emitter: each file's reports as soon as it is linted, then a summary line.
pub(crate) struct Human {
    color: bool,
}

impl Human {
    pub(crate) fn new(color: bool) -> Human {
        Human { color }
    }
}

impl Emitter for Human {
    fn file(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        doc: &Document,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        render(out, path, doc, diagnostics, self.color)
    }

    fn finish(
        self: Box<Self>,
        out: &mut dyn Write,
        totals: &Totals,
        failures: &[Failure],
    ) -> io::Result<()> {
        summary(out, totals, failures.len())
    }
}

/// The last line: `No problems found in 3 files.` or
/// `Found 1 error, 2 warnings and 0 info in 2 of 3 files.`, and how many paths could not be
/// checked; a run where something failed never reads as clean.
fn summary(out: &mut dyn Write, totals: &Totals, failed: usize) -> io::Result<()> {
    let summary = &totals.summary;
    let total = summary.errors + summary.warnings + summary.infos;
    let files = plural(summary.files, "file");
    let failed = match failed {
        0 => String::new(),
        1 => " 1 path could not be checked (see the error below).".to_string(),
        n => format!(" {n} paths could not be checked (see the errors below)."),
    };
    if total == 0 && failed.is_empty() {
        return writeln!(out, "No problems found in {files}.");
    }
    if total == 0 {
        return writeln!(out, "Checked {files}, nothing found in them.{failed}");
    }
    writeln!(
        out,
        "Found {}, {} and {} in {} of {files}.{failed}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        totals.files_with_findings,
    )
}

/// Writes each diagnostic of one document as a rustc-style report.
pub fn render(
    out: &mut dyn Write,
    path: &str,
    doc: &Document,
    diagnostics: &[Diagnostic],
    color: bool,
) -> io::Result<()> {
    let config = Config::default();
    let styles = Styles::default();
    for diagnostic in diagnostics {
        let (windows, report) = build(path, doc, diagnostic);
        let result = if color {
            let mut writer = StylesWriter::new(Ansi::new(&mut *out), &styles);
            term::emit_to_write_style(&mut writer, &config, &windows, &report)
        } else {
            term::emit_to_io_write(&mut *out, &config, &windows, &report)
        };
        result.map_err(|e| match e {
            FilesError::Io(io) => io,
            other => io::Error::other(other.to_string()),
        })?;
    }
    Ok(())
}

/// One excerpt of one line, presented to codespan as a one-line file.
struct Window {
    text: String,
    /// 0-based line of the document.
    line: usize,
    /// 0-based character column of the excerpt's first character.
    first_column: usize,
    /// The document bytes the excerpt shows.
    shown: Range<usize>,
    /// Bytes of the leading `…`, if any.
    lead: usize,
}

impl Window {
    fn around(doc: &Document, line: usize, focus: Range<usize>) -> Window {
        let line_span = doc.line_span(line);
        let start = step_back(&doc.source, focus.start, line_span.start, CONTEXT);
        let end = step_forward(&doc.source, focus.end, line_span.end, CONTEXT);
        let lead = if start > line_span.start {
            ELLIPSIS.len()
        } else {
            0
        };
        let mut text = String::with_capacity(end - start + 2 * ELLIPSIS.len());
        if lead > 0 {
            text.push_str(ELLIPSIS);
        }
        text.push_str(&doc.source[start..end]);
        if end < line_span.end {
            text.push_str(ELLIPSIS);
        }
        Window {
            text,
            line,
            first_column: doc.position(start).column - 1,
            shown: start..end,
            lead,
        }
    }

    /// A document span as a range in this window, clipped to what the window shows.
    fn local(&self, span: &Span) -> Range<usize> {
        let to_local = |byte: usize| {
            self.lead + byte.clamp(self.shown.start, self.shown.end) - self.shown.start
        };
        to_local(span.start)..to_local(span.end)
    }
}

/// Moves back from `from` by up to `count` characters, not before `floor`.
fn step_back(text: &str, from: usize, floor: usize, count: usize) -> usize {
    text[floor..from]
        .char_indices()
        .rev()
        .take(count)
        .last()
        .map_or(from, |(i, _)| floor + i)
}

/// Moves forward from `from` by up to `count` characters, not past `ceiling`.
fn step_forward(text: &str, from: usize, ceiling: usize, count: usize) -> usize {
    let from = from.min(ceiling);
    text[from..ceiling]
        .char_indices()
        .nth(count)
        .map_or(ceiling, |(i, _)| from + i)
}

struct Windows<'a> {
    name: &'a str,
    windows: Vec<Window>,
}

impl<'a> Files<'a> for Windows<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: usize) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(&self.window(id)?.text)
    }

    fn line_index(&'a self, _: usize, _: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, id: usize, _: usize) -> Result<usize, FilesError> {
        Ok(self.window(id)?.line + 1)
    }

    fn column_number(&'a self, id: usize, _: usize, byte: usize) -> Result<usize, FilesError> {
        let window = self.window(id)?;
        let byte = byte.clamp(window.lead, window.text.len());
        let within = window.text[window.lead..byte].chars().count();
        Ok(window.first_column + within + 1)
    }

    fn line_range(&'a self, id: usize, _: usize) -> Result<Range<usize>, FilesError> {
        Ok(0..self.window(id)?.text.len())
    }
}

impl Windows<'_> {
    fn window(&self, id: usize) -> Result<&Window, FilesError> {
        self.windows.get(id).ok_or(FilesError::FileMissing)
    }
}

/// A label before it is placed in a window.
struct Pending<'d> {
    span: Span,
    primary: bool,
    message: &'d str,
}

fn build<'a>(path: &'a str, doc: &Document, d: &Diagnostic) -> (Windows<'a>, Report<usize>) {
    let mut pending = vec![Pending {
        span: d.span.clone(),
        primary: true,
        message: "",
    }];
    pending.extend(d.related.iter().map(|r| Pending {
        span: r.span.clone(),
        primary: false,
        message: &r.message,
    }));
    let mut windows = Windows {
        name: path,
        windows: Vec::new(),
    };
    let mut labels = Vec::new();
    for group in group_by_window(doc, pending) {
        let line = doc.line_index(group[0].span.start);
        let focus = focus_of(doc, line, &group);
        let window = Window::around(doc, line, focus);
        let id = windows.windows.len();
        for label in group {
            let range = window.local(&label.span);
            labels.push(if label.primary {
                Label::primary(id, range)
            } else {
                Label::secondary(id, range).with_message(label.message)
            });
        }
        windows.windows.push(window);
    }
    let mut report = Report::new(level(d.severity))
        .with_code(&d.rule)
        .with_message(&d.message)
        .with_labels(labels);
    let mut notes: Vec<String> = d
        .elsewhere
        .iter()
        .map(|e| {
            format!(
                "note: {} {}:{}:{}",
                e.message, e.path, e.start.line, e.start.column
            )
        })
        .collect();
    if let Some(fix) = &d.fix {
        let help = if fix.replacement.is_empty() {
            "help: remove this text".to_string()
        } else {
            format!("help: replace with “{}”", fix.replacement)
        };
        notes.push(if fix.is_safe() {
            help
        } else {
            format!("{help} (suggested: check the context; --fix --unsafe-fixes applies it)")
        });
    }
    if !notes.is_empty() {
        report = report.with_notes(notes);
    }
    (windows, report)
}

/// Labels on the same line close enough to share one window go together; the primary
/// label's group comes first so that its window gives the header.
fn group_by_window<'d>(doc: &Document, labels: Vec<Pending<'d>>) -> Vec<Vec<Pending<'d>>> {
    let mut groups: Vec<Vec<Pending<'d>>> = Vec::new();
    for label in labels {
        let line = doc.line_index(label.span.start);
        let home = groups.iter_mut().find(|group| {
            let first = &group[0].span;
            doc.line_index(first.start) == line && {
                let lo = first.start.min(label.span.start);
                let hi = first.end.max(label.span.end).min(doc.line_span(line).end);
                doc.source[lo..hi.max(lo)].chars().count() <= MAX_LABELLED
            }
        });
        match home {
            Some(group) => group.push(label),
            None => groups.push(vec![label]),
        }
    }
    groups
}

/// What a window must show: its labels, cut to one line and at most [`MAX_LABELLED`] chars.
fn focus_of(doc: &Document, line: usize, group: &[Pending]) -> Range<usize> {
    let line_span = doc.line_span(line);
    let lo = group
        .iter()
        .map(|l| l.span.start)
        .min()
        .unwrap_or(line_span.start);
    let hi = group.iter().map(|l| l.span.end).max().unwrap_or(lo);
    let lo = lo.clamp(line_span.start, line_span.end);
    let hi = hi.clamp(lo, line_span.end);
    lo..step_forward(&doc.source, lo, hi, MAX_LABELLED)
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Related};
    use crate::document::Format;
    use unicode_width::UnicodeWidthStr;

    fn diagnostic(span: Span) -> Diagnostic {
        Diagnostic {
            rule: "placeholder/marker".into(),
            severity: Severity::Error,
            message: "m".into(),
            span,
            related: Vec::new(),
            elsewhere: Vec::new(),
            fix: None,
        }
    }

    fn rendered(text: &str, d: &Diagnostic) -> String {
        let doc = Document::new(text.to_string(), Format::Text);
        let mut out = Vec::new();
        render(&mut out, "a.txt", &doc, std::slice::from_ref(d), false).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The source line of the snippet and the caret line under it.
    fn snippet(output: &str) -> (&str, &str) {
        let lines: Vec<&str> = output.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains(" │ ") && !l.trim_start().starts_with('│'))
            .unwrap();
        (lines[at], lines[at + 1])
    }

    #[test]
    fn small_case_is_pinned() {
        let text = "请XX同志发言。";
        let output = rendered(text, &diagnostic(3..5));
        assert_eq!(
            output,
            "error[placeholder/marker]: m\n  ┌─ a.txt:1:2\n  │\n1 │ 请XX同志发言。\n  │   ^^\n\n"
        );
    }

    #[test]
    fn long_line_shows_a_window_with_carets_under_the_span() {
        let mut text = "推进高质量发展，".repeat(125);
        let at = text.len() / 2;
        text.insert_str(at, "XX");
        let output = rendered(&text, &diagnostic(at..at + 2));
        let column = text[..at].chars().count() + 1;
        assert!(output.contains(&format!("a.txt:1:{column}")), "{output}");
        let (source, carets) = snippet(&output);
        assert!(source.contains('…') && source.ends_with('…'), "{source}");
        assert!(source.chars().count() < 80, "{source}");
        let before_xx = &source[..source.find("XX").unwrap()];
        let caret_at = carets.find('^').unwrap();
        assert_eq!(carets[..caret_at].width(), before_xx.width());
        assert_eq!(carets.matches('^').count(), 2);
    }

    #[test]
    fn no_ellipsis_at_line_edges_and_wide_carets() {
        let text = "某某同志";
        let output = rendered(text, &diagnostic(0..6));
        let (source, carets) = snippet(&output);
        assert!(!source.contains('…'));
        assert_eq!(carets.matches('^').count(), 4);
        assert!(carets.ends_with("│ ^^^^"), "{carets}");
        let output = rendered("一二三四五六七八九十同志某某", &diagnostic(36..42));
        assert!(!snippet(&output).0.contains('…'));
    }

    #[test]
    fn far_related_location_gets_its_own_snippet_with_real_line() {
        let text = format!("第一句XX。\n{}\n第三句XX。", "中".repeat(10));
        let mut d = diagnostic(text.rfind("XX").unwrap()..text.rfind("XX").unwrap() + 2);
        d.related.push(Related {
            span: 9..11,
            message: "first here".into(),
        });
        let output = rendered(&text, &d);
        assert!(output.contains("a.txt:3:4"), "{output}");
        assert!(output.contains("a.txt:1:4"), "{output}");
        assert!(output.contains("first here"), "{output}");
    }

    #[test]
    fn near_related_location_shares_the_window() {
        let text = "甲XX乙XX丙";
        let mut d = diagnostic(8..10);
        d.related.push(Related {
            span: 3..5,
            message: "same line".into(),
        });
        let output = rendered(text, &d);
        assert_eq!(output.matches("┌─").count(), 1, "{output}");
        assert!(output.contains("same line"));
    }

    #[test]
    fn fix_is_shown_as_help() {
        let mut d = diagnostic(0..1);
        d.fix = Some(Fix::safe("，"));
        assert!(rendered(",后", &d).contains("= help: replace with “，”"));
    }

    #[test]
    fn empty_multiline_and_crlf_spans_render() {
        let text = "第一行XX\r\n第二行\r\n";
        assert!(rendered(text, &diagnostic(9..9)).contains("a.txt:1:4"));
        let output = rendered(text, &diagnostic(9..text.len()));
        assert!(!output.contains('\r'));
        assert!(rendered("", &diagnostic(0..0)).contains("a.txt:1:1"));
    }
}
