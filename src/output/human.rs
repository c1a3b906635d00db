//! The rustc-style format, rendered with codespan-reporting.
//!
//! Drafts put whole paragraphs of 1,000–3,000 characters on one line, so showing "the line"
//! would bury the finding. Each label is shown in a *window* of its line that fits the
//! terminal ([`View::width`]), cut with `...`. codespan-reporting renders whatever a [`Files`]
//! implementation gives it, so each window is presented as a one-line file whose line number
//! and columns are the real ones: the header `file:line:column`, the gutter and the carets
//! (drawn by display width, two cells per CJK character) all stay true to the document.
//!
//! Characters of East Asian *ambiguous* width (`“` `”` `…` `—` `·`) are drawn one cell wide by
//! some terminals and two by others, so no caret may depend on them: the cut mark is ASCII,
//! the context left of a label stops at such a character, and two labels share a window only
//! when none lies between them.
//!
//! A draft typed with half-width commas throughout gets hundreds of identical findings; past
//! [`SHOWN_PER_RULE`] of one rule in one file, one line says how many more there are.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::Ansi, Config, Styles, StylesWriter};
use unicode_width::UnicodeWidthChar;

use super::{Emitter, Failure, Totals, View};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::Document;
use crate::lang::{plural, Lang};

/// The cut mark of an excerpt: ASCII, so that it is one cell wide on every terminal.
const CUT: &str = "...";
/// Findings of one rule shown per file before the rest are counted in one line.
pub(crate) const SHOWN_PER_RULE: usize = 5;
/// The least context, in columns, kept on each side of a label when the window is tight.
const MIN_CONTEXT: usize = 10;

/// The human emitter: each file's reports as soon as it is linted, then a summary line.
pub(crate) struct Human {
    view: View,
}

impl Human {
    pub(crate) fn new(view: View) -> Human {
        Human { view }
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
        if self.view.show_all {
            return render(out, path, doc, diagnostics, &self.view);
        }
        let (shown, floods) = cap_floods(diagnostics);
        render(out, path, doc, shown, &self.view)?;
        for flood in floods.values() {
            writeln!(out, "{}\n", flood.line(self.view.lang))?;
        }
        Ok(())
    }

    fn finish(
        self: Box<Self>,
        out: &mut dyn Write,
        totals: &Totals,
        failures: &[Failure],
    ) -> io::Result<()> {
        if self.view.quiet {
            return Ok(());
        }
        writeln!(out, "{}", summary(totals, failures.len(), self.view.lang))
    }
}

/// The findings of one rule in one file left out of the human report.
struct Flood<'d> {
    rule: &'d str,
    hidden: usize,
    /// How many of those carry a safe fix, which `--fix` applies.
    fixable: usize,
}

impl Flood<'_> {
    fn line(&self, lang: Lang) -> String {
        let (rule, hidden, fixable) = (self.rule, self.hidden, self.fixable);
        match lang {
            Lang::Zh => {
                let fix = match fixable {
                    0 => String::new(),
                    n if n == hidden => "，wenlint check --fix 可一并修正".to_string(),
                    n => format!("，其中 {n} 处 wenlint check --fix 可一并修正"),
                };
                format!("……还有 {hidden} 处同类问题（{rule}）{fix}；加 --show-all 显示全部")
            }
            Lang::En => {
                let fix = match fixable {
                    0 => String::new(),
                    n if n == hidden => "; wenlint check --fix fixes them all".to_string(),
                    n => format!("; wenlint check --fix fixes {n} of them"),
                };
                format!(
                    "... and {hidden} more of the same ({rule}){fix}; --show-all shows every one"
                )
            }
        }
    }
}

/// The findings shown (the first [`SHOWN_PER_RULE`] of each rule, in document order) and,
/// by rule, those left out.
fn cap_floods(diagnostics: &[Diagnostic]) -> (Vec<&Diagnostic>, BTreeMap<&str, Flood<'_>>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut shown = Vec::new();
    let mut floods: BTreeMap<&str, Flood> = BTreeMap::new();
    for d in diagnostics {
        let count = seen.entry(&d.rule).or_default();
        *count += 1;
        if *count <= SHOWN_PER_RULE {
            shown.push(d);
            continue;
        }
        let flood = floods.entry(&d.rule).or_insert(Flood {
            rule: &d.rule,
            hidden: 0,
            fixable: 0,
        });
        flood.hidden += 1;
        flood.fixable += usize::from(d.has_safe_fix());
    }
    (shown, floods)
}

/// The last line: how many files were checked and what was found in them, and how many
/// paths could not be checked; a run where something failed never reads as clean.
pub(crate) fn summary(totals: &Totals, failed: usize, lang: Lang) -> String {
    let summary = &totals.summary;
    let total = summary.errors + summary.warnings + summary.infos;
    let files = lang.count(summary.files, "个文件", "file");
    let failed = match (failed, lang) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!("另有 {n} 个路径无法检查（见下方错误）。"),
        (1, Lang::En) => " 1 path could not be checked (see the error below).".to_string(),
        (n, Lang::En) => format!(" {n} paths could not be checked (see the errors below)."),
    };
    if summary.files == 0 && !failed.is_empty() {
        return lang.pick(
            format!("没有检查任何文件。{failed}"),
            format!("No file was checked.{failed}"),
        );
    }
    match (total, failed.is_empty(), lang) {
        (0, true, Lang::Zh) => format!("检查了 {files}，未发现问题。"),
        (0, true, Lang::En) => format!("No problems found in {files}."),
        (0, false, Lang::Zh) => format!("检查了 {files}，其中没有问题。{failed}"),
        (0, false, Lang::En) => format!("Checked {files}, nothing found in them.{failed}"),
        (_, _, Lang::Zh) => format!(
            "检查了 {files}，{} 个有问题：{} 个错误、{} 个警告、{} 条提示。{failed}",
            totals.files_with_findings, summary.errors, summary.warnings, summary.infos,
        ),
        (_, _, Lang::En) => format!(
            "Found {}, {} and {} in {} of {files}.{failed}",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.infos, "info"),
            totals.files_with_findings,
        ),
    }
}

/// Writes each diagnostic of one document as a rustc-style report.
pub fn render<'d>(
    out: &mut dyn Write,
    path: &str,
    doc: &Document,
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
    view: &View,
) -> io::Result<()> {
    let config = Config::default();
    let styles = Styles::default();
    let mut buffer = Vec::new();
    for diagnostic in diagnostics {
        let (windows, report) = build(path, doc, diagnostic, view);
        buffer.clear();
        let result = if view.color {
            let mut writer = StylesWriter::new(Ansi::new(&mut buffer), &styles);
            term::emit_to_write_style(&mut writer, &config, &windows, &report)
        } else {
            term::emit_to_io_write(&mut buffer, &config, &windows, &report)
        };
        result.map_err(|e| match e {
            FilesError::Io(io) => io,
            other => io::Error::other(other.to_string()),
        })?;
        out.write_all(&name_level(&buffer, diagnostic.severity, view.lang))?;
    }
    Ok(())
}

/// The rendered report with its level named in `lang`: codespan-reporting writes `error`,
/// `warning` or `note` first, before anything of the document, so the first occurrence is
/// the header's.
fn name_level(rendered: &[u8], severity: Severity, lang: Lang) -> Vec<u8> {
    let english: &[u8] = match severity {
        Severity::Error => b"error",
        Severity::Warning => b"warning",
        Severity::Info => b"note",
    };
    let chinese = Lang::Zh.severity(severity);
    let at = rendered.windows(english.len()).position(|w| w == english);
    match (lang, at) {
        (Lang::Zh, Some(at)) => {
            let mut named = rendered[..at].to_vec();
            named.extend_from_slice(chinese.as_bytes());
            named.extend_from_slice(&rendered[at + english.len()..]);
            named
        }
        _ => rendered.to_vec(),
    }
}

/// Columns `c` may take: ambiguous characters counted wide, so that an excerpt fits on
/// terminals that draw them so.
fn columns(c: char) -> usize {
    c.width_cjk().unwrap_or(0)
}

/// Whether terminals disagree on how wide `c` is (`“`, `…`, `—`).
fn ambiguous(c: char) -> bool {
    c.width() != c.width_cjk()
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
    /// Bytes of the leading cut mark, if any.
    lead: usize,
}

impl Window {
    /// The window of `line` around `focus`, fitting in `budget` columns with its cut marks.
    fn around(doc: &Document, line: usize, focus: Range<usize>, budget: usize) -> Window {
        let line_span = doc.line_span(line);
        let focus_width: usize = doc.source[focus.clone()].chars().map(columns).sum();
        let context = budget.saturating_sub(focus_width + 2 * CUT.len());
        let left = (context / 2).max(MIN_CONTEXT.min(context));
        let start = step_back(&doc.source, focus.start, line_span.start, left);
        let used: usize = doc.source[start..focus.start].chars().map(columns).sum();
        let right = context.saturating_sub(used).max(MIN_CONTEXT);
        let end = step_forward(&doc.source, focus.end, line_span.end, right);
        let lead = if start > line_span.start {
            CUT.len()
        } else {
            0
        };
        let mut text = String::with_capacity(end - start + 2 * CUT.len());
        if lead > 0 {
            text.push_str(CUT);
        }
        text.push_str(&doc.source[start..end]);
        if end < line_span.end {
            text.push_str(CUT);
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

/// Moves back from `from` by up to `width` columns, not before `floor` and not over a
/// character of ambiguous width, whose drawing would shift the carets after it.
fn step_back(text: &str, from: usize, floor: usize, width: usize) -> usize {
    let mut start = from;
    let mut used = 0;
    for (i, c) in text[floor..from].char_indices().rev() {
        used += columns(c);
        if used > width || ambiguous(c) {
            break;
        }
        start = floor + i;
    }
    start
}

/// Moves forward from `from` by up to `width` columns, not past `ceiling`.
fn step_forward(text: &str, from: usize, ceiling: usize, width: usize) -> usize {
    let from = from.min(ceiling);
    let mut used = 0;
    for (i, c) in text[from..ceiling].char_indices() {
        used += columns(c);
        if used > width {
            return from + i;
        }
    }
    ceiling
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
    message: std::borrow::Cow<'d, str>,
}

/// Columns an excerpt's text may take: the view's width less codespan's gutter
/// (`123 │ `) for this line number, its `│` counted wide.
fn excerpt_budget(view: &View, line: usize) -> usize {
    let gutter = (line + 1).to_string().len() + 4;
    view.width.saturating_sub(gutter)
}

fn build<'a>(
    path: &'a str,
    doc: &Document,
    d: &Diagnostic,
    view: &View,
) -> (Windows<'a>, Report<usize>) {
    let mut pending = vec![Pending {
        span: d.span.clone(),
        primary: true,
        message: "".into(),
    }];
    pending.extend(d.related.iter().map(|r| Pending {
        span: r.span.clone(),
        primary: false,
        message: r.text(),
    }));
    let mut windows = Windows {
        name: path,
        windows: Vec::new(),
    };
    let mut labels = Vec::new();
    for group in group_by_window(doc, pending, view) {
        let line = doc.line_index(group[0].span.start);
        let budget = excerpt_budget(view, line);
        let focus = focus_of(doc, line, &group, focus_budget(budget));
        let window = Window::around(doc, line, focus, budget);
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
    let report = Report::new(level(d.severity))
        .with_code(&d.rule)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes(d, view.lang));
    (windows, report)
}

/// The lines under an excerpt: where the same text is elsewhere, and the fix.
pub(crate) fn notes(d: &Diagnostic, lang: Lang) -> Vec<String> {
    let mut notes: Vec<String> = d
        .elsewhere
        .iter()
        .map(|e| {
            let at = format!("{}:{}:{}", e.path, e.start.line, e.start.column);
            match lang {
                Lang::Zh => format!("另见：{}{at}", e.message),
                Lang::En => format!("note: {} {at}", e.message),
            }
        })
        .collect();
    if let Some(fix) = &d.fix {
        let help = match (fix.replacement.is_empty(), lang) {
            (true, Lang::Zh) => "建议：删去这段文字".to_string(),
            (true, Lang::En) => "help: remove this text".to_string(),
            (false, Lang::Zh) => format!("建议：改为“{}”", fix.replacement),
            (false, Lang::En) => format!("help: replace with “{}”", fix.replacement),
        };
        notes.push(match (fix.is_safe(), lang) {
            (true, _) => help,
            (false, Lang::Zh) => {
                format!("{help}（须看上下文确认；--fix --unsafe-fixes 才会应用）")
            }
            (false, Lang::En) => {
                format!("{help} (suggested: check the context; --fix --unsafe-fixes applies it)")
            }
        });
    }
    notes
}

/// Columns the labels of one window may take, leaving context around them.
fn focus_budget(budget: usize) -> usize {
    budget.saturating_sub(2 * (CUT.len() + MIN_CONTEXT)).max(1)
}

/// Labels on the same line close enough to share one window go together, when no character
/// of ambiguous width lies before the later one; the primary label's group comes first so
/// that its window gives the header.
fn group_by_window<'d>(
    doc: &Document,
    labels: Vec<Pending<'d>>,
    view: &View,
) -> Vec<Vec<Pending<'d>>> {
    let mut groups: Vec<Vec<Pending<'d>>> = Vec::new();
    for label in labels {
        let line = doc.line_index(label.span.start);
        let room = focus_budget(excerpt_budget(view, line));
        let home = groups.iter_mut().find(|group| {
            let first = &group[0].span;
            doc.line_index(first.start) == line && {
                let line_end = doc.line_span(line).end;
                let lo = first.start.min(label.span.start);
                let hi = first.end.max(label.span.end).min(line_end).max(lo);
                let later = first.start.max(label.span.start).min(hi);
                let stretch = &doc.source[lo..hi];
                stretch.chars().map(columns).sum::<usize>() <= room
                    && !doc.source[lo..later].chars().any(ambiguous)
            }
        });
        match home {
            Some(group) => group.push(label),
            None => groups.push(vec![label]),
        }
    }
    groups
}

/// What a window must show: its labels, cut to one line and to `room` columns.
fn focus_of(doc: &Document, line: usize, group: &[Pending], room: usize) -> Range<usize> {
    let line_span = doc.line_span(line);
    let lo = group
        .iter()
        .map(|l| l.span.start)
        .min()
        .unwrap_or(line_span.start);
    let hi = group.iter().map(|l| l.span.end).max().unwrap_or(lo);
    let lo = lo.clamp(line_span.start, line_span.end);
    let hi = hi.clamp(lo, line_span.end);
    lo..step_forward(&doc.source, lo, hi, room)
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
            related: Default::default(),
            elsewhere: Vec::new(),
            fix: None,
        }
    }

    fn rendered(text: &str, d: &Diagnostic) -> String {
        let doc = Document::new(text.to_string(), Format::Text);
        let mut out = Vec::new();
        let view = View {
            lang: Lang::En,
            ..View::default()
        };
        render(&mut out, "a.txt", &doc, std::slice::from_ref(d), &view).unwrap();
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
        assert!(
            source.contains(" │ ...") && source.ends_with("..."),
            "{source}"
        );
        assert!(source.width() <= View::DEFAULT_WIDTH, "{source}");
        assert!(source.width() >= View::DEFAULT_WIDTH - 4, "{source}");
        let before_xx = &source[..source.find("XX").unwrap()];
        let caret_at = carets.find('^').unwrap();
        assert_eq!(carets[..caret_at].width(), before_xx.width());
        assert_eq!(carets.matches('^').count(), 2);
    }

    fn rendered_in(text: &str, diagnostics: &[Diagnostic], view: View) -> String {
        let doc = Document::new(text.to_string(), Format::Text);
        let mut human = Human::new(view);
        let mut out = Vec::new();
        human.file(&mut out, "a.txt", &doc, diagnostics).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn excerpts_fit_the_width_asked_for() {
        let mut text = "推进高质量发展，".repeat(125);
        let at = "推进高质量发展，".len() * 40;
        text.insert_str(at, "XX");
        for width in [80, 120, 200] {
            let view = View {
                width,
                ..View::default()
            };
            let output = rendered_in(&text, &[diagnostic(at..at + 2)], view);
            let (source, _) = snippet(&output);
            assert!(source.width() <= width, "{width}: {source}");
            assert!(source.width() + 6 >= width, "{width}: {source}");
        }
    }

    /// Whatever width a terminal gives `“` `”` `…`, the carets stay under the label: no
    /// character of ambiguous width comes before it in the excerpt.
    #[test]
    fn carets_do_not_depend_on_ambiguous_widths() {
        let text = format!(
            "他说：“{}”……会议定于本月召开，请XX同志参加，“两个确立”。",
            "推进高质量发展".repeat(3)
        );
        let at = text.find("XX").unwrap();
        let output = rendered(&text, &diagnostic(at..at + 2));
        let (source, carets) = snippet(&output);
        // The gutter's `│` is drawn on both lines alike; what follows it must not vary.
        let excerpt = &source[source.find(" │ ").unwrap() + " │ ".len()..];
        let before = &excerpt[..excerpt.find("XX").unwrap()];
        assert_eq!(before.width(), before.width_cjk(), "{source}");
        let under = &carets[carets.find(" │ ").unwrap() + " │ ".len()..];
        let caret_at = under.find('^').unwrap();
        assert_eq!(under[..caret_at].width(), before.width(), "{output}");
        assert!(
            source.contains("两个确立"),
            "the context after the label stays: {source}"
        );
    }

    #[test]
    fn a_flood_shows_the_first_of_each_rule_and_counts_the_rest() {
        let text = "甲,乙,丙,丁,戊,己,庚,辛,壬";
        let commas: Vec<Diagnostic> = text
            .match_indices(',')
            .map(|(i, _)| {
                let mut d = diagnostic(i..i + 1);
                d.rule = "punct/halfwidth".into();
                d.fix = Some(Box::new(Fix::safe("，")));
                d
            })
            .collect();
        let mut one_more = diagnostic(0..3);
        one_more.fix = None;
        let mut all = commas.clone();
        all.push(one_more);
        crate::diagnostic::sort(&mut all);
        let output = rendered_in(text, &all, View::default());
        assert_eq!(output.matches("[punct/halfwidth]").count(), SHOWN_PER_RULE);
        assert_eq!(output.matches("[placeholder/marker]").count(), 1);
        assert!(
            output
                .contains("……还有 3 处同类问题（punct/halfwidth），wenlint check --fix 可一并修正"),
            "{output}"
        );
        let every = View {
            show_all: true,
            ..View::default()
        };
        let output = rendered_in(text, &all, every);
        assert_eq!(output.matches("[punct/halfwidth]").count(), 8);
        assert!(!output.contains("还有"));
    }

    #[test]
    fn the_report_speaks_chinese_by_default_and_english_when_asked() {
        let mut d = diagnostic(0..1);
        d.fix = Some(Box::new(Fix::safe("，")));
        let zh = rendered_in(",后", std::slice::from_ref(&d), View::default());
        assert!(zh.starts_with("错误[placeholder/marker]: m"), "{zh}");
        assert!(zh.contains("= 建议：改为“，”"), "{zh}");
        let en = View {
            lang: Lang::En,
            ..View::default()
        };
        let en = rendered_in(",后", &[d], en);
        assert!(en.starts_with("error[placeholder/marker]: m"), "{en}");
        assert!(en.contains("= help: replace with “，”"), "{en}");
        let totals = Totals {
            summary: crate::output::json::Summary {
                files: 2,
                errors: 1,
                warnings: 0,
                infos: 3,
            },
            files_with_findings: 1,
        };
        assert_eq!(
            summary(&totals, 1, Lang::Zh),
            "检查了 2 个文件，1 个有问题：1 个错误、0 个警告、3 条提示。另有 1 个路径无法检查（见下方错误）。"
        );
        assert_eq!(
            summary(&totals, 0, Lang::En),
            "Found 1 error, 0 warnings and 3 info in 1 of 2 files."
        );
    }

    #[test]
    fn no_ellipsis_at_line_edges_and_wide_carets() {
        let text = "某某同志";
        let output = rendered(text, &diagnostic(0..6));
        let (source, carets) = snippet(&output);
        assert!(!source.contains("..."));
        assert_eq!(carets.matches('^').count(), 4);
        assert!(carets.ends_with("│ ^^^^"), "{carets}");
        let output = rendered("一二三四五六七八九十同志某某", &diagnostic(36..42));
        assert!(!snippet(&output).0.contains("..."));
    }

    #[test]
    fn far_related_location_gets_its_own_snippet_with_real_line() {
        let text = format!("第一句XX。\n{}\n第三句XX。", "中".repeat(10));
        let mut d = diagnostic(text.rfind("XX").unwrap()..text.rfind("XX").unwrap() + 2);
        d.related.push(Related::new(9..11, "first here"));
        let output = rendered(&text, &d);
        assert!(output.contains("a.txt:3:4"), "{output}");
        assert!(output.contains("a.txt:1:4"), "{output}");
        assert!(output.contains("first here"), "{output}");
    }

    #[test]
    fn near_related_location_shares_the_window() {
        let text = "甲XX乙XX丙";
        let mut d = diagnostic(8..10);
        d.related.push(Related::new(3..5, "same line"));
        let output = rendered(text, &d);
        assert_eq!(output.matches("┌─").count(), 1, "{output}");
        assert!(output.contains("same line"));
    }

    #[test]
    fn fix_is_shown_as_help() {
        let mut d = diagnostic(0..1);
        d.fix = Some(Box::new(Fix::safe("，")));
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
