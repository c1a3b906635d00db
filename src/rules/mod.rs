//! Rules: what they are, where they come from, and the registry that holds them.
//!
//! A rule has a stable id `family/name`, a default severity and a documentation text that
//! `wenlint explain` prints. Rules that patterns can express are data: rule packs in the TOML
//! format of [`pack`], one file per family (`rules/term.toml` holds `term/*`), built into the
//! binary from the repository's `rules/` folder; users add their own packs in the same format
//! with `rule_dirs`. Checks that data cannot express are Rust types implementing [`Rule`], one
//! file or folder per family under `src/rules/` (`numbering.rs` holds `numbering/*`). A family
//! may have both: `placeholder/blank`, `note` and `todo` are patterns in
//! `rules/placeholder.toml`, the placeholders that only context tells are in
//! `src/rules/placeholder/`.

pub mod consistency;
pub mod duplicate;
pub mod existence;
pub mod grammar;
pub mod number;
pub mod numbering;
pub mod pack;
pub mod pinyin;
pub mod place;
pub mod placeholder;
pub mod profile;
pub mod punct;
pub mod substitution;
pub mod suppression;

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, OnceLock};

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::error::TomlError;
pub use profile::Profile;

/// What every rule declares about itself.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// `family/name`.
    pub id: String,
    pub severity: Severity,
    /// One line for `wenlint rules`.
    pub summary: String,
    /// The text `wenlint explain` prints: what it finds, why, examples, how to fix.
    pub doc: String,
}

impl RuleMeta {
    /// The metadata of a built-in rule; `doc` may open with the line break of a raw string.
    pub fn new(id: &str, severity: Severity, summary: &str, doc: &str) -> RuleMeta {
        RuleMeta {
            id: id.to_string(),
            severity,
            summary: summary.to_string(),
            doc: doc.trim_start_matches('\n').to_string(),
        }
    }

    pub fn family(&self) -> &str {
        family_of(&self.id)
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
    units: OnceLock<duplicate::units::Units>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, profile: &'a Profile) -> Context<'a> {
        Context {
            doc,
            profile,
            shared: Shared::default(),
        }
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

    /// The sentences and clauses normalised for comparison, for the duplicate rules.
    pub fn units(&self) -> &duplicate::units::Units {
        self.shared
            .units
            .get_or_init(|| duplicate::units::Units::new(self.doc))
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

/// A rule that is a function of the document: most checks written in Rust need no state of
/// their own, only their metadata.
pub struct FnRule {
    meta: RuleMeta,
    check: fn(&Context, &mut Vec<Finding>),
}

impl FnRule {
    pub fn boxed(meta: RuleMeta, check: fn(&Context, &mut Vec<Finding>)) -> Box<dyn Rule> {
        Box::new(FnRule { meta, check })
    }
}

impl Rule for FnRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        (self.check)(cx, out)
    }
}

/// A rule found by the run rather than in one document (across files, or about the run's
/// own suppressions). It is registered for its documentation and its severity, which the
/// config sets like any other; its check finds nothing.
pub struct RunLevel(pub RuleMeta);

impl Rule for RunLevel {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, _: &Context, _: &mut Vec<Finding>) {}
}

/// The built-in packs, as `(path in the repository, contents)`.
const BUILTIN_PACKS: &[(&str, &str)] = &[
    (
        "rules/placeholder.toml",
        include_str!("../../rules/placeholder.toml"),
    ),
    ("rules/term.toml", include_str!("../../rules/term.toml")),
];

static BUILTIN: LazyLock<Registry> = LazyLock::new(|| {
    let mut registry = Registry::default();
    for (path, source) in BUILTIN_PACKS {
        // The built-in packs are checked by the test suite; failing here is a build defect.
        let rules = pack::parse(std::path::Path::new(path), source)
            .unwrap_or_else(|e| panic!("built-in rule pack is invalid: {e}"));
        for parsed in rules {
            registry
                .add(parsed.rule)
                .unwrap_or_else(|id| panic!("built-in rule `{id}` is defined twice"));
        }
    }
    let rust_rules = numbering::rules()
        .into_iter()
        .map(|rule| Arc::new(rule) as Arc<dyn Rule>)
        .chain(place::rules().into_iter().map(Arc::from))
        .chain(placeholder::rules().into_iter().map(Arc::from))
        .chain(number::rules().into_iter().map(Arc::from))
        .chain(duplicate::rules().into_iter().map(Arc::from))
        .chain(punct::rules().into_iter().map(Arc::from))
        .chain(suppression::rules().into_iter().map(Arc::from))
        .chain(grammar::rules().into_iter().map(Arc::from))
        .chain(pinyin::rules().into_iter().map(Arc::from));
    for rule in rust_rules {
        registry
            .add(rule)
            .unwrap_or_else(|id| panic!("built-in rule `{id}` is defined twice"));
    }
    registry
});

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
                    let message = format!("rule `{id}` is already defined");
                    TomlError::new(path, source, Some(parsed.id_span), message)
                })?;
            }
        }
        Ok(registry)
    }

    fn add(&mut self, rule: Arc<dyn Rule>) -> Result<(), String> {
        let id = rule.meta().id.clone();
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

/// Whether `names` (rule ids and families; empty for all) includes `rule`.
pub fn names_rule(names: &[String], rule: &str) -> bool {
    names.is_empty()
        || names.iter().any(|n| {
            n == rule
                || rule
                    .strip_prefix(n.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        })
}
