//! What a rule reports, independent of how it is shown.
//!
//! Spans are byte ranges into [`Document::source`](crate::document::Document::source); turning
//! them into 1-based lines and character columns is the document's job, drawing them is the
//! output stage's. Keeping the three apart is what lets one finding be rendered as rustc-style
//! text, one line, JSON or (later) SARIF without any rule knowing.

use std::borrow::Cow;
use std::fmt;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered so that `Info < Warning < Error`, which is what
/// `--fail-on` compares against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or info)"
            )),
        }
    }
}

pub use crate::span::Span;

/// A second place that explains the first, e.g. the earlier occurrence of a repeated sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    /// Borrowed from the binary when it is a constant label.
    pub message: Cow<'static, str>,
}

/// A place in another file that explains a finding (the file a shared paragraph was seen
/// in first). Positions are kept, not the file: documents are not held once reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    pub path: String,
    pub span: Span,
    pub start: crate::span::Position,
    pub end: crate::span::Position,
    pub message: String,
}

/// A replacement for the primary span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub replacement: String,
    pub applicability: Applicability,
}

/// How sure a fix is, which decides whether `--fix` applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Certain to be right: applied by `--fix`.
    Safe,
    /// Right in most texts, but the context decides (`交待` → `交代`, or a tie between two
    /// variants): shown in every format, applied only with `--unsafe-fixes`.
    Suggested,
}

impl Fix {
    pub fn safe(replacement: impl Into<String>) -> Fix {
        Fix {
            replacement: replacement.into(),
            applicability: Applicability::Safe,
        }
    }

    pub fn suggested(replacement: impl Into<String>) -> Fix {
        Fix {
            replacement: replacement.into(),
            applicability: Applicability::Suggested,
        }
    }

    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }
}

/// What a rule found, before the engine attaches the rule id and the configured severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    /// Most rules say the same thing each time: their message is then borrowed from the
    /// binary, not allocated per finding (a long text can have a hundred thousand).
    pub message: Cow<'static, str>,
    pub related: Vec<Related>,
    /// Boxed: most findings have none, and a long text has a hundred thousand findings.
    pub fix: Option<Box<Fix>>,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<Cow<'static, str>>) -> Self {
        Finding {
            span,
            message: message.into(),
            related: Vec::new(),
            fix: None,
        }
    }

    /// The finding with a place that explains it. The list is allocated for exactly one: a
    /// long document can have a hundred thousand findings with one related place each.
    pub fn with_related(mut self, span: Span, message: impl Into<Cow<'static, str>>) -> Self {
        self.related.reserve_exact(1);
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    /// The finding with a replacement for its span that is certain to be right.
    pub fn with_fix(mut self, replacement: impl Into<String>) -> Self {
        self.fix = Some(Box::new(Fix::safe(replacement)));
        self
    }
}

/// A finding as reported: rule id and effective severity attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's id: borrowed from the built-in rules, so that the many findings of one
    /// rule share it.
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    pub message: Cow<'static, str>,
    pub span: Span,
    pub related: Vec<Related>,
    /// Related places in other files.
    pub elsewhere: Vec<Elsewhere>,
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    /// Whether `--fix` applies this finding's fix without `--unsafe-fixes`.
    pub fn has_safe_fix(&self) -> bool {
        self.fix.as_ref().is_some_and(|fix| fix.is_safe())
    }

    pub fn from_finding(rule: Cow<'static, str>, severity: Severity, finding: Finding) -> Self {
        Diagnostic {
            rule,
            severity,
            message: finding.message,
            span: finding.span,
            related: finding.related,
            elsewhere: Vec::new(),
            fix: finding.fix,
        }
    }
}

/// Diagnostics in document order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
}
