//! Rules: what they are, where they come from, and the registry that holds them.
//!
//! A rule has a stable id `family/name`, a default severity and a documentation text that
//! `wenlint explain` prints. Rules that patterns can express are data: rule packs in the TOML
//! format of [`pack`], one file per family (`rules/term.toml` holds `term/*`), built into the
//! binary from the repository's `rules/` folder; users add their own packs in the same format
//! with `rule_dirs`. Checks that data cannot express are written in Rust, one file per rule
//! (`numbering/sequence.rs` holds `numbering/sequence`), each declaring a static [`RuleDef`];
//! the family's `mod.rs` lists them in `RULES`, and the registry lists the families. A family
//! may have both: `placeholder/blank`, `note` and `todo` are patterns in
//! `rules/placeholder.toml`, the placeholders that only context tells are in
//! `src/rules/placeholder/`.

pub mod consistency;
pub mod duplicate;
pub mod existence;
pub mod grammar;
pub mod lazy_regex;
pub(crate) mod name_index;
pub mod number;
pub mod numbering;
pub mod pack;
pub mod pinyin;
pub mod place;
pub mod placeholder;
pub mod profile;
pub mod punct;
pub mod selector;
pub mod substitution;
pub mod suppression;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, OnceLock, PoisonError};

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::error::TomlError;
pub use profile::Profile;
pub use selector::{RuleFilter, RuleSelector};

/// What every rule declares about itself.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// `family/name`.
    pub id: Cow<'static, str>,
    pub severity: Severity,
    /// One line for `wenlint rules`.
    pub summary: Cow<'static, str>,
    /// The text `wenlint explain` prints, as written (see [`RuleMeta::doc`]).
    doc: Cow<'static, str>,
}

impl RuleMeta {
    /// The metadata of a rule read from a pack.
    pub fn new(id: String, severity: Severity, summary: String, doc: String) -> RuleMeta {
        RuleMeta {
            id: Cow::Owned(id),
            severity,
            summary: Cow::Owned(summary),
            doc: Cow::Owned(doc),
        }
    }

    /// The metadata of a rule built into the binary.
    const fn builtin(
        id: &'static str,
        severity: Severity,
        summary: &'static str,
        doc: &'static str,
    ) -> RuleMeta {
        RuleMeta {
            id: Cow::Borrowed(id),
            severity,
            summary: Cow::Borrowed(summary),
            doc: Cow::Borrowed(doc),
        }
    }

    pub fn family(&self) -> &str {
        family_of(&self.id)
    }

    /// What `wenlint explain` prints: what the rule finds, why, examples, how to fix. A
    /// built-in rule's doc is a raw string that may open with a line break.
    pub fn doc(&self) -> &str {
        self.doc.trim_start_matches('\n')
    }
}

/// A rule written in Rust, declared once, as a static in its own file:
///
/// ```text
/// pub static RULE: RuleDef = RuleDef::document("placeholder/marker", Severity::Error, SUMMARY, DOC, check);
/// ```
///
/// Its family lists it in `RULES`, the registry lists the families; what the config does to
/// its severity is decided in one place, [`Config::severity_of`](crate::config::Config::severity_of).
pub struct RuleDef {
    pub meta: RuleMeta,
    pub check: Check,
}

/// How a rule finds its problems.
#[derive(Clone, Copy)]
pub enum Check {
    /// In one document at a time.
    Document(fn(&Context, &mut Vec<Finding>)),
    /// By the run, across documents or about the run's own suppressions: the rule is declared
    /// for its documentation and its severity, which the config sets like any other.
    Run,
}

impl RuleDef {
    /// A rule that checks one document.
    pub const fn document(
        id: &'static str,
        severity: Severity,
        summary: &'static str,
        doc: &'static str,
        check: fn(&Context, &mut Vec<Finding>),
    ) -> RuleDef {
        RuleDef {
            meta: RuleMeta::builtin(id, severity, summary, doc),
            check: Check::Document(check),
        }
    }

    /// A rule whose findings the run makes ([`Check::Run`]).
    pub const fn run_level(
        id: &'static str,
        severity: Severity,
        summary: &'static str,
        doc: &'static str,
    ) -> RuleDef {
        RuleDef {
            meta: RuleMeta::builtin(id, severity, summary, doc),
            check: Check::Run,
        }
    }
}

impl Rule for &'static RuleDef {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Check::Document(check) = self.check {
            check(cx, out)
        }
    }
}

/// The family part of a rule id (`placeholder` of `placeholder/marker`).
pub fn family_of(id: &str) -> &str {
    id.split_once('/').map_or(id, |(family, _)| family)
}

/// What a rule sees of one document: the document, what the config says about it, and the
/// analyses that several rules read.
pub struct Context<'a> {
    pub doc: &'a Document,
    /// The config's `[document]` section (level, region…), empty by default.
    pub profile: &'a Profile,
    shared: Shared,
}

/// Analyses of one document that more than one rule reads, built by the first that needs
/// one: `placeholder/marker` and `placeholder/likely` report the two certainties of one
/// scan for blanks, `placeholder/space` and `punct/space` the two kinds of one sorting of
/// gaps, the `place` rules one reading of whose document it is.
#[derive(Default)]
struct Shared {
    blanks: OnceLock<Vec<placeholder::symbols::Blank>>,
    gaps: OnceLock<Vec<placeholder::space::Gap>>,
    identity: OnceLock<place::identity::Reading>,
    place_names: OnceLock<Vec<place::gazetteer::NameMatch>>,
    outline: OnceLock<crate::structure::Outline>,
    numbering: OnceLock<Vec<crate::structure::Problem>>,
    /// Let go once the rules that read it are done ([`Context::finished`]): a long text's
    /// units and repeats are a fifth of its check's memory, and the other rules' findings
    /// are yet to come.
    duplicates: Mutex<Option<Arc<duplicate::pass::Duplicates>>>,
    /// How many of the rules to run read the duplicate pass and have not finished.
    duplicate_readers: AtomicUsize,
    dates: OnceLock<Vec<number::DateExpr>>,
    /// What each set of opening literals a pack's existence rules share found in the
    /// document (by the set's address): the first of the rules to run searches the text,
    /// the others read it.
    start_scans: Mutex<Vec<(usize, StartScan)>>,
}

/// What one search for a set of opening literals found (per pattern, whether they occur),
/// once a rule has searched.
type StartScan = Arc<OnceLock<Vec<bool>>>;

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, profile: &'a Profile) -> Context<'a> {
        Context {
            doc,
            profile,
            shared: Shared::default(),
        }
    }

    /// The context for running the rules `ids`: what only some of them read is let go when
    /// the last of those has [`finished`](Context::finished).
    pub fn for_rules<'i>(
        doc: &'a Document,
        profile: &'a Profile,
        ids: impl IntoIterator<Item = &'i str>,
    ) -> Context<'a> {
        let cx = Context::new(doc, profile);
        let readers = ids.into_iter().filter(|id| duplicate::reads_pass(id));
        cx.shared
            .duplicate_readers
            .store(readers.count(), Ordering::Relaxed);
        cx
    }

    /// Tells that rule `id` is done: the last of the rules that read the duplicate pass lets
    /// it go. (A rule that asks for it later builds it again.)
    pub fn finished(&self, id: &str) {
        if !duplicate::reads_pass(id) {
            return;
        }
        let readers = &self.shared.duplicate_readers;
        let last = readers.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
            == Ok(1);
        if last {
            // Taken under the lock, freed outside it.
            let released = self.lock_duplicates().take();
            drop(released);
        }
    }

    /// Per pattern of `starts`: whether its opening literals occur in the document. The
    /// rules that share `starts` search for them in one pass between them.
    pub fn may_match(&self, starts: &lazy_regex::SharedStarts) -> Vec<bool> {
        let address = std::ptr::from_ref(starts) as usize;
        let scan = {
            let mut scans = self
                .shared
                .start_scans
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            match scans.iter().find(|(at, _)| *at == address) {
                Some((_, scan)) => Arc::clone(scan),
                None => {
                    let scan = Arc::new(OnceLock::new());
                    scans.push((address, Arc::clone(&scan)));
                    scan
                }
            }
        };
        // Searched outside the lock: a rule that needs another set does not wait for it.
        scan.get_or_init(|| starts.may_match(&self.doc.text))
            .clone()
    }

    /// The letters and symbols of the document that stand for a missing name, number or
    /// date.
    pub fn blanks(&self) -> &[placeholder::symbols::Blank] {
        self.shared
            .blanks
            .get_or_init(|| placeholder::symbols::find(self.doc))
    }

    /// The gaps of spaces in the document's paragraphs that are blanks or stray spaces.
    pub fn gaps(&self) -> &[placeholder::space::Gap] {
        self.shared
            .gaps
            .get_or_init(|| placeholder::space::gaps(self.doc))
    }

    /// Whose document it is, with its self-references: `place/self-level` and
    /// `place/region` both judge by it.
    pub fn identity(&self) -> &place::identity::Reading {
        self.shared
            .identity
            .get_or_init(|| place::identity_of(self.doc, self.profile))
    }

    /// The numbering outline: the `numbering` rules report its problems, the duplicate rules
    /// read a regulation's sections from it, `punct/halfwidth` leaves its markers alone.
    pub fn outline(&self) -> &crate::structure::Outline {
        self.shared
            .outline
            .get_or_init(|| crate::structure::Outline::build(self.doc))
    }

    /// Every numbering problem, for the `numbering` rules to report each its own.
    pub fn numbering_problems(&self) -> &[crate::structure::Problem] {
        self.shared
            .numbering
            .get_or_init(|| numbering::problems(self.doc, self.outline()))
    }

    /// The dates written with `月`, read once for the number rules that judge them.
    pub(crate) fn dates(&self) -> &[number::DateExpr] {
        self.shared
            .dates
            .get_or_init(|| number::dates(&self.doc.text, self.doc.census()))
    }

    /// The sentences and clauses normalised for comparison, and what repeats what: the
    /// duplicate rules' one pass. Built under the lock: a rule that asks while another
    /// builds it waits for it.
    pub fn duplicates(&self) -> Arc<duplicate::pass::Duplicates> {
        let mut shared = self.lock_duplicates();
        let pass =
            shared.get_or_insert_with(|| Arc::new(duplicate::pass::Duplicates::new(self.doc)));
        Arc::clone(pass)
    }

    /// The duplicate pass's slot, empty before the first reader asks and after the last is
    /// done.
    fn lock_duplicates(
        &self,
    ) -> std::sync::MutexGuard<'_, Option<Arc<duplicate::pass::Duplicates>>> {
        self.shared
            .duplicates
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Every place name of the text, from one pass of the gazetteer shared by the rules that
    /// need them (`place/hierarchy`, `place/region`).
    pub fn place_names(&self) -> &[place::gazetteer::NameMatch] {
        self.shared.place_names.get_or_init(|| {
            place::gazetteer::Gazetteer::builtin()
                .find_iter(&self.doc.text)
                .collect()
        })
    }
}

/// A check over one document. Rules never read files or print: they get the document and
/// push findings.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, cx: &Context, out: &mut Vec<Finding>);
}

static BUILTIN: LazyLock<Registry> = LazyLock::new(|| {
    let mut registry = Registry::default();
    // The built-in packs are checked by the test suite; failing here is a build defect.
    let rules = pack::builtin().unwrap_or_else(|e| panic!("built-in rule pack is invalid: {e}"));
    for parsed in rules {
        registry
            .add(parsed.rule)
            .unwrap_or_else(|id| panic!("built-in rule `{id}` is defined twice"));
    }
    let families: [&[&'static RuleDef]; 9] = [
        duplicate::RULES,
        grammar::RULES,
        number::RULES,
        numbering::RULES,
        pinyin::RULES,
        place::RULES,
        placeholder::RULES,
        punct::RULES,
        suppression::RULES,
    ];
    for rule in families.into_iter().flatten() {
        registry
            .add(Arc::new(*rule))
            .unwrap_or_else(|id| panic!("built-in rule `{id}` is defined twice"));
    }
    registry
});

/// The rules built into the binary, in id order: what `wenlint rules` lists without a config.
pub fn builtin_rules() -> impl Iterator<Item = &'static RuleMeta> {
    Registry::builtin().iter().map(|rule| rule.meta())
}

/// A set of rules with unique ids, in id order.
#[derive(Clone, Default)]
pub struct Registry {
    rules: BTreeMap<String, Arc<dyn Rule>>,
}

impl Registry {
    /// The rules built into the binary, compiled once per process.
    pub fn builtin() -> &'static Registry {
        &BUILTIN
    }

    /// The built-in rules plus the rules of user packs; a user rule may not reuse an id.
    pub fn with_packs(packs: &[(std::path::PathBuf, String)]) -> Result<Registry, TomlError> {
        let mut registry = Registry::builtin().clone();
        for (path, source) in packs {
            for parsed in pack::parse(path, source)? {
                registry.add(parsed.rule).map_err(|id| {
                    let message = crate::lang::Text::new(
                        format!("规则 `{id}` 已经定义过了"),
                        format!("rule `{id}` is already defined"),
                    );
                    TomlError::new(path, source, Some(parsed.id_span), message)
                })?;
            }
        }
        Ok(registry)
    }

    fn add(&mut self, rule: Arc<dyn Rule>) -> Result<(), String> {
        let id = rule.meta().id.to_string();
        if self.rules.contains_key(&id) {
            return Err(id);
        }
        self.rules.insert(id, rule);
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Arc<dyn Rule>> {
        self.rules.get(id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<dyn Rule>> {
        self.rules.values()
    }

    /// Whether `family` names at least one rule's family.
    pub fn has_family(&self, family: &str) -> bool {
        self.iter().any(|r| r.meta().family() == family)
    }
}

/// Runs the built-in rule `id` over a plain-text document (for unit tests).
#[cfg(test)]
pub(crate) fn run_builtin(id: &str, text: &str) -> (Document, Vec<Finding>) {
    let rule = Registry::builtin()
        .get(id)
        .unwrap_or_else(|| panic!("no built-in rule {id}"));
    run_rule(rule.as_ref(), text)
}

/// Runs one rule over a plain-text document under the default profile (for unit tests).
#[cfg(test)]
pub(crate) fn run_rule(rule: &dyn Rule, text: &str) -> (Document, Vec<Finding>) {
    let doc = Document::new(text.to_string(), crate::document::Format::Text);
    let profile = Profile::default();
    let mut out = Vec::new();
    rule.check(&Context::new(&doc, &profile), &mut out);
    (doc, out)
}

#[cfg(test)]
mod builtin_pack_tests {
    use super::*;
    use lazy_regex::LazyRegex;

    /// Built-in patterns are compiled when first needed, so a broken one would only show on
    /// a text that needs it: compile them all here.
    #[test]
    fn every_builtin_pattern_compiles() {
        for (path, source) in pack::BUILTIN {
            if let Err(e) = pack::parse(std::path::Path::new(path), source) {
                panic!("{path}: {e}");
            }
        }
        assert!(pack::builtin_patterns().len() >= 8);
    }

    /// A pattern is not run on a text without the literals its matches start with: every
    /// line of the fixtures that a built-in pattern matches has one of them.
    #[test]
    fn the_literal_prefilter_lets_every_match_through() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut lines = Vec::new();
        for entry in walkdir::WalkDir::new(fixtures) {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                lines.extend(text.lines().map(str::to_string));
            }
        }
        let mut matched = 0;
        for pattern in pack::builtin_patterns() {
            let lazy = LazyRegex::deferred(pattern.clone());
            for line in lines.iter().filter(|line| lazy.is_match(line)) {
                matched += 1;
                assert!(lazy.may_match(line), "`{pattern}` matches {line:?}");
            }
        }
        assert!(
            matched > 20,
            "the fixtures exercise the patterns ({matched} matches)"
        );
    }
}

#[cfg(test)]
mod shared_tests {
    use super::*;

    #[test]
    fn the_duplicate_pass_is_let_go_when_its_last_reader_is_done() {
        let text =
            "坚持问题导向，聚焦群众反映强烈的突出问题。坚持问题导向，聚焦群众反映强烈的突出问题。";
        let doc = Document::new(text.to_string(), crate::document::Format::Text);
        let profile = Profile::default();
        let ids = ["duplicate/sentence", "punct/dash", "duplicate/near"];
        let cx = Context::for_rules(&doc, &profile, ids);
        let pass = cx.duplicates();
        assert!(Arc::ptr_eq(&pass, &cx.duplicates()), "built once");
        // A rule that does not read it, and the first reader, leave it.
        cx.finished("punct/dash");
        cx.finished("duplicate/sentence");
        assert_eq!(Arc::strong_count(&pass), 2, "held by the context");
        // The last lets it go; asked again, it is built again, the same.
        cx.finished("duplicate/near");
        assert_eq!(Arc::strong_count(&pass), 1, "held only here");
        let again = cx.duplicates();
        assert!(!Arc::ptr_eq(&pass, &again));
        let repeats = |d: &duplicate::pass::Duplicates| d.sentence_repeats().collect::<Vec<_>>();
        assert_eq!(repeats(&pass), repeats(&again));
        assert_eq!(repeats(&pass).len(), 1);
    }

    #[test]
    fn a_context_not_told_its_rules_keeps_the_duplicate_pass() {
        let doc = Document::new("同志们：".to_string(), crate::document::Format::Text);
        let profile = Profile::default();
        let cx = Context::new(&doc, &profile);
        let pass = cx.duplicates();
        cx.finished("duplicate/sentence");
        assert!(Arc::ptr_eq(&pass, &cx.duplicates()));
    }
}
