//! `--statistics`: how many findings each rule has, instead of the findings, for a first look
//! at a large tree or a draft full of one mistake. Rules with the most findings come first.
//!
//! As a table (the human and concise formats):
//!
//! ```text
//!     66  placeholder/marker   错误  未填写的占位符：XX、××、X月X日……
//!      4  punct/halfwidth      警告  中文里用了半角标点…… [可修正 4]
//! ```
//!
//! or, with `--format json`, an array of `{"rule", "severity", "count", "fixable"}`.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use super::{human, Emitter, Failure, Totals, View};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::lang::Lang;
use crate::rules::Registry;

/// The statistics emitter: counts as files are linted, the table at the end.
pub(crate) struct Statistics {
    view: View,
    json: bool,
    counts: BTreeMap<String, Count>,
    summaries: HashMap<String, String>,
}

#[derive(Serialize)]
struct Count {
    rule: String,
    severity: Severity,
    count: usize,
    /// Findings with a safe fix, which `--fix` applies.
    fixable: usize,
}

impl Statistics {
    pub(crate) fn new(view: View, json: bool) -> Statistics {
        Statistics {
            view,
            json,
            counts: BTreeMap::new(),
            summaries: HashMap::new(),
        }
    }

    /// The counts, most findings first, then by rule id.
    fn sorted(self) -> (Vec<Count>, HashMap<String, String>) {
        let mut counts: Vec<Count> = self.counts.into_values().collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
        (counts, self.summaries)
    }
}

impl Emitter for Statistics {
    fn rules(&mut self, registry: &Registry) {
        for rule in registry.iter() {
            let meta = rule.meta();
            if !self.summaries.contains_key(meta.id.as_ref()) {
                self.summaries
                    .insert(meta.id.to_string(), meta.summary.to_string());
            }
        }
    }

    fn file(
        &mut self,
        _: &mut dyn Write,
        _: &str,
        _: &Document,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        for d in diagnostics {
            let count = self.counts.entry(d.rule.to_string()).or_insert(Count {
                rule: d.rule.to_string(),
                severity: d.severity,
                count: 0,
                fixable: 0,
            });
            count.count += 1;
            count.fixable += usize::from(d.has_safe_fix());
        }
        Ok(())
    }

    fn finish(
        self: Box<Self>,
        out: &mut dyn Write,
        totals: &Totals,
        failures: &[Failure],
    ) -> io::Result<()> {
        let (view, json) = (self.view, self.json);
        let (counts, summaries) = self.sorted();
        if json {
            serde_json::to_writer_pretty(&mut *out, &counts)?;
            return writeln!(out);
        }
        let width = counts.iter().map(|c| c.rule.len()).max().unwrap_or(0);
        for c in &counts {
            let summary = summaries.get(&c.rule).map_or("", String::as_str);
            let fixable = match (c.fixable, view.lang) {
                (0, _) => String::new(),
                (n, Lang::Zh) => format!(" [可修正 {n}]"),
                (n, Lang::En) => format!(" [{n} fixable]"),
            };
            writeln!(
                out,
                "{:>6}  {:<width$}  {}  {summary}{fixable}",
                c.count,
                c.rule,
                severity_name(c.severity, view.lang),
            )?;
        }
        if !view.quiet {
            writeln!(out, "{}", human::summary(totals, failures.len(), view.lang))?;
        }
        Ok(())
    }
}

/// The severity as the table names it, padded to one width in each language.
fn severity_name(severity: Severity, lang: Lang) -> String {
    let name = lang.severity(severity);
    match lang {
        Lang::Zh => name.to_string(),
        Lang::En => format!("{name:<7}"),
    }
}
