//! What a run adds to each document's findings, once, whatever the document came from: the
//! cross-file index, suppression comments and `[[ignore]]` entries, the baseline that is
//! being written and the one that filters.

use std::path::Path;
use std::sync::Arc;

use crate::baseline::{Baseline, Recorder};
use crate::config::Config;
use crate::diagnostic::{extend_in_order, Diagnostic};
use crate::document::Document;
use crate::rules::duplicate::cross_file::{self, CrossFileIndex};
use crate::rules::RuleFilter;
use crate::suppress;

/// What a run keeps between documents.
#[derive(Default)]
pub(crate) struct Run {
    /// Which documents the cross-file index takes.
    pub cross_file_mode: super::CrossFile,
    /// `--report-unused-suppressions`.
    pub report_unused: bool,
    pub cross_file: SharedText,
    pub ignores: UsedIgnores,
    /// The baseline being written (`--write-baseline`).
    pub recorder: Option<Recorder>,
    /// The baseline whose findings are not reported again (`--baseline`).
    pub baseline: Option<Baseline>,
    /// `--select` and `--ignore`.
    pub filter: RuleFilter,
}

impl Run {
    /// Turns the findings of `doc`'s rules into what the run reports for it: shared text found
    /// in earlier documents is added, what suppressions silence is removed, the rest is
    /// recorded for a new baseline and filtered by the old one. `shown` is the name reports
    /// use, `project_path` the one baselines key findings by, `path` the one `[[ignore]]`
    /// entries match.
    pub fn settle(
        &mut self,
        shown: &str,
        project_path: &str,
        path: &Path,
        doc: &Document,
        config: &Arc<Config>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let compared = match self.cross_file_mode {
            super::CrossFile::AsConfigured => config.cross_file,
            super::CrossFile::Everywhere => true,
            super::CrossFile::Never => false,
        };
        if compared {
            self.cross_file.add(shown, doc, config, diagnostics);
        }
        suppress::apply(
            doc,
            config,
            path,
            diagnostics,
            self.ignores.of(config),
            self.report_unused,
        );
        diagnostics.retain(|d| self.filter.admits(&d.rule));
        if let Some(recorder) = &mut self.recorder {
            recorder.record(project_path, doc, diagnostics);
        }
        if let Some(baseline) = &mut self.baseline {
            baseline.filter(project_path, doc, diagnostics);
        }
    }
}

/// Which `[[ignore]]` entries of each config silenced something, for
/// `--report-unused-suppressions`.
#[derive(Default)]
pub(crate) struct UsedIgnores(Vec<(Arc<Config>, Vec<bool>)>);

impl UsedIgnores {
    fn of(&mut self, config: &Arc<Config>) -> &mut [bool] {
        let at = match self.0.iter().position(|(c, _)| Arc::ptr_eq(c, config)) {
            Some(at) => at,
            None => {
                self.0
                    .push((config.clone(), vec![false; config.ignores.len()]));
                self.0.len() - 1
            }
        };
        &mut self.0[at].1
    }

    /// A warning for each `[[ignore]]` entry that silenced nothing, unless the config turns
    /// `suppression/unused` off.
    pub fn unused(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        for (config, used) in &self.0 {
            if config.severity_of_id(suppress::UNUSED).is_none() {
                continue;
            }
            for (ignore, _) in config.ignores.iter().zip(used).filter(|(_, used)| !**used) {
                warnings.push(format!(
                    "{}:{}: this [[ignore]] entry ignored nothing; it can be removed",
                    ignore.file.display(),
                    ignore.line
                ));
            }
        }
        warnings
    }
}

/// The run's index of paragraphs and sentences, for `duplicate/cross-file`.
#[derive(Default)]
pub(crate) struct SharedText(CrossFileIndex);

impl SharedText {
    /// Adds `doc` to the index and its paragraphs and sentences shared with earlier files to
    /// `diagnostics`, unless the config turns the rule off.
    pub fn add(
        &mut self,
        path: &str,
        doc: &Document,
        config: &Config,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let Some(severity) = config.severity_of_id(cross_file::ID) else {
            return;
        };
        let shared = self.0.add(path, doc).into_iter().map(|shared| Diagnostic {
            rule: cross_file::ID.into(),
            severity,
            message: shared.message.into(),
            span: shared.span,
            related: Default::default(),
            elsewhere: vec![shared.elsewhere],
            fix: None,
        });
        extend_in_order(diagnostics, shared);
    }
}
