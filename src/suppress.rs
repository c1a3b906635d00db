//! Silencing findings a team has accepted.
//!
//! In Markdown, comments in the text itself, as in markdownlint and Vale:
//!
//! ```markdown
//! <!-- wenlint-disable placeholder/name -- 人名按要求隐去 -->
//! …
//! <!-- wenlint-enable placeholder/name -->
//! <!-- wenlint-disable-next-line term -->
//! ```
//!
//! A directive names rules or families (none: every rule), separated by spaces or commas; text
//! after `--` is the reason, for the reader. Plain text and Word files cannot carry comments,
//! so the config lists what to ignore instead (`[[ignore]]`, see [`crate::config::Ignore`]).
//! With `--report-unused-suppressions`, a directive or an ignore entry that silenced nothing
//! is reported: stale suppressions hide new problems.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::config::Config;
use crate::diagnostic::{extend_in_order, Diagnostic, Severity};
use crate::document::Document;
use crate::rules::selector::{any_selects, RuleSelector};

use crate::rules::suppression::unknown;
/// The rule id an unused directive is reported under.
pub use crate::rules::suppression::unused::UNUSED_ID as UNUSED;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*wenlint-(disable-next-line|disable|enable)\b([^>]*?)-->")
        .expect("directive pattern is valid")
});

/// One `<!-- wenlint-… -->` comment that silences something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Where the comment is.
    pub at: Range<usize>,
    /// Rules and families it names; empty for every rule.
    pub rules: Vec<RuleSelector>,
    /// The text it silences.
    pub covers: Range<usize>,
}

impl Directive {
    fn silences(&self, d: &Diagnostic) -> bool {
        self.covers.contains(&d.span.start) && any_selects(&self.rules, &d.rule)
    }
}

/// The directives of a Markdown document, in order.
pub fn directives(doc: &Document) -> Vec<Directive> {
    let mut directives: Vec<Directive> = Vec::new();
    for html in &doc.html {
        for caps in DIRECTIVE.captures_iter(&doc.source[html.clone()]) {
            let Some(whole) = caps.get(0) else { continue };
            let at = html.start + whole.start()..html.start + whole.end();
            let rules = rule_names(caps.get(2).map_or("", |m| m.as_str()));
            match &caps[1] {
                "disable" => directives.push(Directive {
                    covers: at.end..doc.source.len(),
                    at,
                    rules,
                }),
                "enable" => end_disables(&mut directives, &rules, at.start),
                _ => directives.push(Directive {
                    covers: next_line(doc, at.end),
                    at,
                    rules,
                }),
            }
        }
    }
    directives
}

/// `placeholder/name, term -- reason` → the rule `placeholder/name` and the family `term`.
fn rule_names(arguments: &str) -> Vec<RuleSelector> {
    let names = arguments.split("--").next().unwrap_or("");
    names
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|n| !n.is_empty())
        .map(RuleSelector::new)
        .collect()
}

/// An enable ends the open disables it names (all of them when it names none).
fn end_disables(directives: &mut [Directive], rules: &[RuleSelector], at: usize) {
    for d in directives
        .iter_mut()
        .filter(|d| d.covers.end > at && d.covers.start <= at)
    {
        if rules.is_empty() || d.rules.iter().any(|r| rules.contains(r)) {
            d.covers.end = at;
        }
    }
}

/// The first line after `at` that has text on it.
fn next_line(doc: &Document, at: usize) -> Range<usize> {
    let mut line = doc.line_index(at) + 1;
    while line < doc.line_count() {
        let span = doc.line_span(line);
        if !doc.source[span.clone()].trim().is_empty() {
            return span;
        }
        line += 1;
    }
    at..at
}

/// What silences a diagnostic: a directive of the document, or an `[[ignore]]` entry of the
/// config (by index).
enum Silencer {
    Directive(usize),
    Ignore(usize),
}

/// The directive or ignore entry that silences `d`, if any (a directive first).
fn silencer(
    doc: &Document,
    config: &Config,
    path: &std::path::Path,
    directives: &[Directive],
    d: &Diagnostic,
) -> Option<Silencer> {
    if let Some(i) = directives.iter().position(|x| x.silences(d)) {
        return Some(Silencer::Directive(i));
    }
    let sentence = doc.sentence_at(d.span.start).unwrap_or(d.span.clone());
    let flagged = &doc.source[d.span.clone()];
    config
        .ignored_by(path, &d.rule, flagged, &doc.source[sentence])
        .map(Silencer::Ignore)
}

/// Whether each of `diagnostics` would be silenced in `doc` (by a directive or an ignore
/// entry), as [`apply`] would remove it, without removing anything.
pub fn silenced(
    doc: &Document,
    config: &Config,
    path: &std::path::Path,
    diagnostics: &[Diagnostic],
) -> Vec<bool> {
    let directives = directives(doc);
    diagnostics
        .iter()
        .map(|d| silencer(doc, config, path, &directives, d).is_some())
        .collect()
}

/// Removes the diagnostics that directives or the config's ignores silence. With
/// `report_unused`, adds a diagnostic for each directive that silenced nothing, and marks the
/// ignores that were used in `used_ignores`.
pub fn apply(
    doc: &Document,
    config: &Config,
    path: &std::path::Path,
    diagnostics: &mut Vec<Diagnostic>,
    used_ignores: &mut [bool],
    report_unused: bool,
) {
    let directives = directives(doc);
    let mut used = vec![false; directives.len()];
    diagnostics.retain(|d| match silencer(doc, config, path, &directives, d) {
        Some(Silencer::Directive(i)) => {
            used[i] = true;
            false
        }
        Some(Silencer::Ignore(i)) => {
            if let Some(u) = used_ignores.get_mut(i) {
                *u = true;
            }
            false
        }
        None => true,
    });
    if let Some(severity) = config.severity_of_id(unknown::ID) {
        extend_in_order(diagnostics, unknown_names(&directives, config, severity));
    }
    // Asked for on the command line, and at the severity the config gives the rule (which
    // may turn it off).
    let severity = config.severity_of_id(UNUSED);
    if let (true, Some(severity)) = (report_unused, severity) {
        let unused = directives
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|(d, _)| unused(d, severity));
        extend_in_order(diagnostics, unused);
    }
}

/// A finding at each comment for each name in it that is no rule or family of the config's
/// registry (built-in rules and its packs).
fn unknown_names(directives: &[Directive], config: &Config, severity: Severity) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for directive in directives {
        for name in &directive.rules {
            let name = name.to_string();
            if RuleSelector::known(&name, &config.registry).is_ok() {
                continue;
            }
            let family = crate::rules::family_of(&name);
            let hint = if name.contains('/') && config.registry.has_family(family) {
                format!("；wenlint explain {family} 列出该族的规则")
            } else {
                "；wenlint rules 列出全部规则".to_string()
            };
            found.push(Diagnostic {
                rule: unknown::ID.into(),
                severity,
                message: format!(
                    "抑制注释中的“{name}”不是已有的规则或规则族，什么也不会抑制{hint}"
                )
                .into(),
                span: directive.at.clone(),
                related: Default::default(),
                elsewhere: Vec::new(),
                fix: None,
            });
        }
    }
    found
}

fn unused(directive: &Directive, severity: Severity) -> Diagnostic {
    Diagnostic {
        rule: UNUSED.into(),
        severity,
        message: "这条抑制注释没有抑制任何问题，可以删去".into(),
        span: directive.at.clone(),
        related: Default::default(),
        elsewhere: Vec::new(),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn covered(text: &str) -> Vec<(Vec<String>, String)> {
        let doc = Document::new(text.to_string(), Format::Markdown);
        directives(&doc)
            .into_iter()
            .map(|d| {
                let names = d.rules.iter().map(ToString::to_string).collect();
                (names, doc.source[d.covers].trim().to_string())
            })
            .collect()
    }

    #[test]
    fn directives_name_rules_and_cover_their_stretch() {
        let text = "甲\n\n<!-- wenlint-disable placeholder/name, term -- 按要求隐去 -->\n\n乙\n\n<!-- wenlint-enable -->\n\n丙\n\n<!-- wenlint-disable-next-line -->\n丁\n戊\n";
        assert_eq!(
            covered(text),
            [
                (
                    vec!["placeholder/name".to_string(), "term".to_string()],
                    "乙".to_string()
                ),
                (vec![], "丁".to_string())
            ]
        );
    }

    #[test]
    fn a_comment_in_code_is_not_a_directive() {
        assert_eq!(covered("```\n<!-- wenlint-disable -->\n```\n\n乙\n"), []);
    }
}
