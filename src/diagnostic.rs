//! What a rule reports, independent of how it is shown.
//!
//! Spans are byte ranges into [`Document::source`](crate::document::Document::source); turning
//! them into 1-based lines and character columns is the document's job, drawing them is the
//! output stage's. Keeping the three apart is what lets one finding be rendered as rustc-style
//! text, one line, JSON or (later) SARIF without any rule knowing.

use std::borrow::Cow;
use std::fmt;
use std::num::NonZeroU32;

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
    /// The line the message cites after it (`首次出现（第 12 行）`), kept as a number: a long
    /// text said twice over has a hundred thousand such places, and each written out was
    /// an allocation of its own.
    pub cited_line: Option<NonZeroU32>,
}

impl Related {
    /// A place with its message.
    pub fn new(span: Span, message: impl Into<Cow<'static, str>>) -> Related {
        Related {
            span,
            message: message.into(),
            cited_line: None,
        }
    }

    /// A place with a label and the line it is on (`line`, 1-based), read as
    /// `label（第 line 行）`.
    pub fn at_line(span: Span, label: &'static str, line: usize) -> Related {
        let cited_line = u32::try_from(line).ok().and_then(NonZeroU32::new);
        Related {
            span,
            message: Cow::Borrowed(label),
            cited_line,
        }
    }

    /// The message as shown: with the line it cites, if it cites one.
    pub fn text(&self) -> Cow<'_, str> {
        match self.cited_line {
            None => Cow::Borrowed(&self.message),
            Some(line) => Cow::Owned(format!("{}（第 {line} 行）", self.message)),
        }
    }

    /// Adds `more` to the message as shown (after the line it cites).
    pub fn append(&mut self, more: &str) {
        let mut text = self.text().into_owned();
        text.push_str(more);
        self.message = Cow::Owned(text);
        self.cited_line = None;
    }
}

/// A finding's related places: most findings have none or one, and one is held inline, with
/// no allocation of its own.
pub type RelatedPlaces = smallvec::SmallVec<[Related; 1]>;

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
    pub related: RelatedPlaces,
    /// Boxed: most findings have none, and a long text has a hundred thousand findings.
    pub fix: Option<Box<Fix>>,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<Cow<'static, str>>) -> Self {
        Finding {
            span,
            message: message.into(),
            related: RelatedPlaces::new(),
            fix: None,
        }
    }

    /// The finding with a place that explains it.
    pub fn with_related(self, span: Span, message: impl Into<Cow<'static, str>>) -> Self {
        self.with_related_place(Related::new(span, message))
    }

    /// The finding with a place that explains it (one is held inline).
    pub fn with_related_place(mut self, related: Related) -> Self {
        self.related.push(related);
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
    pub related: RelatedPlaces,
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

/// Diagnostics in document order: by start, end and rule id, and in the order they came where
/// those are the same.
///
/// A stable sort of the diagnostics themselves takes room for half of them (a long text's
/// hundred thousand take 160 bytes each); their keys are sorted instead, 24 bytes each with
/// their places, and the diagnostics moved once into the order found. The keys are sorted
/// with the standard library's stable sort, which finds the runs already in order and merges
/// them: each rule reports in document order, so a document's findings are a few such runs.
/// (An unstable sort, which looks for none, took 3.5% of the check of a 20 MB text with
/// 108,000 findings.)
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let mut rules: Vec<String> = Vec::new();
    for diagnostic in diagnostics.iter() {
        if let Err(at) = rules.binary_search_by(|rule| rule.as_str().cmp(&diagnostic.rule)) {
            rules.insert(at, diagnostic.rule.to_string());
        }
    }
    let rank = |rule: &str| {
        let rank = rules.binary_search_by(|known| known.as_str().cmp(rule));
        rank.map_or(0, |rank| rank as u64)
    };
    // The end and the rule's rank share a word: neither comes near its bound (a document of
    // 2^48 bytes, 2^16 rules).
    let mut keys: Vec<(u64, u64, u32)> = diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (start, end) = (d.span.start as u64, d.span.end as u64);
            let place = u32::try_from(i).expect("fewer than 2^32 diagnostics");
            (start, end << 16 | rank(&d.rule), place)
        })
        .collect();
    if keys.is_sorted() {
        return;
    }
    keys.sort();
    let order = keys
        .into_iter()
        .map(|(_, _, place)| place as usize)
        .collect();
    move_into_order(diagnostics, order);
}

/// Adds `more` to `diagnostics` (in document order) and keeps them in order: sorted again
/// only when something was added. The steps after the rules (suppression, text shared with
/// other files) rarely add anything, and a long text's hundred thousand findings would cost
/// a pass over their keys each time.
pub fn extend_in_order(
    diagnostics: &mut Vec<Diagnostic>,
    more: impl IntoIterator<Item = Diagnostic>,
) {
    let before = diagnostics.len();
    diagnostics.extend(more);
    if diagnostics.len() > before {
        sort(diagnostics);
    }
}

/// Moves each item to its place in `order` (the item found at each place of the result, a
/// permutation of the places), by swaps and with no copy of the items.
fn move_into_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for i in 0..items.len() {
        // Items before `i` are placed, and swapping moved the one `order[i]` names: it is
        // followed from swap to swap to where it is now.
        let mut from = order[i];
        while from < i {
            from = order[from];
        }
        order[i] = from;
        items.swap(i, from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_that_cites_its_line_reads_with_it_and_keeps_it_before_what_is_added() {
        let mut first = Related::at_line(3..9, "首次出现", 12);
        assert_eq!(first.text(), "首次出现（第 12 行）");
        first.append("，不同之处：“主体”改为“主要”");
        assert_eq!(
            first.text(),
            "首次出现（第 12 行），不同之处：“主体”改为“主要”"
        );
        assert_eq!(Related::new(0..3, "上一句").text(), "上一句");
    }

    /// What [`sort`] must give: `diagnostics` in a stable sort by start, end and rule.
    fn stable_sorted(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
        let mut sorted = diagnostics.to_vec();
        sorted.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        sorted
    }

    proptest::proptest! {
        /// The order is that of a stable sort by start, end and rule.
        #[test]
        fn sorted_as_a_stable_sort_by_start_end_and_rule(
            places in proptest::collection::vec((0usize..6, 0usize..4, 0usize..3), 0..40),
        ) {
            let rules = ["punct/pair", "duplicate/sentence", "term/variant"];
            let diagnostics: Vec<Diagnostic> = places
                .iter()
                .enumerate()
                .map(|(i, &(start, length, rule))| {
                    let finding = Finding::new(start..start + length, i.to_string());
                    Diagnostic::from_finding(rules[rule].into(), Severity::Warning, finding)
                })
                .collect();
            let expected = stable_sorted(&diagnostics);
            let mut sorted = diagnostics;
            sort(&mut sorted);
            proptest::prop_assert_eq!(sorted, expected);
        }

        /// Findings come as runs, each rule's in document order: runs long enough for the
        /// sort to merge them are ordered as a stable sort orders them.
        #[test]
        fn runs_in_order_are_merged_as_a_stable_sort_orders_them(
            runs in proptest::collection::vec(
                proptest::collection::vec((0usize..400, 0usize..4), 0..120),
                1..5,
            ),
        ) {
            let rules = ["punct/pair", "duplicate/sentence", "term/variant", "place/region"];
            let mut diagnostics = Vec::new();
            for (rule, mut places) in runs.into_iter().enumerate() {
                places.sort_unstable();
                for (start, length) in places {
                    let message = diagnostics.len().to_string();
                    let finding = Finding::new(start..start + length, message);
                    let rule = rules[rule].into();
                    diagnostics.push(Diagnostic::from_finding(rule, Severity::Warning, finding));
                }
            }
            let expected = stable_sorted(&diagnostics);
            let mut sorted = diagnostics;
            sort(&mut sorted);
            proptest::prop_assert_eq!(sorted, expected);
        }
    }

    #[test]
    fn a_finding_holds_one_related_place_inline() {
        let finding = Finding::new(0..3, "重复").with_related(3..6, "首次出现");
        assert!(!finding.related.spilled());
        // What a long text's hundred thousand findings take each, with no allocation.
        assert!(
            std::mem::size_of::<Finding>() <= 104,
            "{}",
            std::mem::size_of::<Finding>()
        );
    }
}
