//! The fields of a rule pack as written (`rules/*.toml`, or a user's pack), before its rules
//! are compiled.
//!
//! The build script reads the built-in packs into these same types and writes them out as
//! Rust (`$OUT_DIR/packs.rs`), so that a run starts with them read instead of parsing their
//! TOML; a user's pack is parsed into them at run time. So this file names nothing of the
//! crate but `super::Severity`.

use serde::Deserialize;
use toml::Spanned;

use super::Severity;

/// A pack file: its rules.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackFile {
    #[serde(default)]
    pub(crate) rule: Vec<RuleDef>,
}

impl PackFile {
    /// Each `regex` of the pack's `[[rule.pattern]]`s and `[[rule.swap]]`s, as written (their
    /// guards are wrapped when compiled, and only run where a match is).
    #[allow(dead_code)] // The crate reads it in its tests only; the build script always.
    pub(crate) fn patterns(&self) -> impl Iterator<Item = &str> {
        self.rule.iter().flat_map(|rule| {
            let patterns = rule.pattern.iter().map(|p| p.regex.get_ref().as_str());
            let swaps = rule.swap.iter().filter_map(|s| s.regex.as_ref());
            patterns.chain(swaps.map(|regex| regex.get_ref().as_str()))
        })
    }
}

/// What a rule does with what it finds: reports it, offers the right form, or has the
/// document keep to one of a set of forms.
#[derive(Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Existence,
    Substitution,
    Consistency,
}

/// `[[rule]]`: one rule, its fields for every kind (each kind reads its own).
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleDef {
    pub(crate) id: Spanned<String>,
    pub(crate) kind: Kind,
    pub(crate) severity: Severity,
    pub(crate) summary: String,
    pub(crate) message: String,
    pub(crate) doc: String,
    #[serde(default)]
    pub(crate) tokens: Vec<String>,
    #[serde(default)]
    pub(crate) pattern: Vec<PatternDef>,
    #[serde(default)]
    pub(crate) swap: Vec<SwapDef>,
    #[serde(default)]
    pub(crate) set: Vec<SetDef>,
}

/// `[[rule.swap]]`: a wrong form (`wrong`, literal, or `regex`) and its `right` form.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SwapDef {
    pub(crate) wrong: Option<String>,
    pub(crate) regex: Option<Spanned<String>>,
    pub(crate) right: Spanned<String>,
    /// Whether the replacement is offered as a fix (it is, unless the entry says otherwise).
    #[serde(default = "offered")]
    pub(crate) fix: bool,
    /// Where the entry comes from: a standard, a dictionary, an official text.
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) source: Option<String>,
    /// The year the right form became official; older documents are not reported.
    pub(crate) since: Option<u16>,
    pub(crate) not_preceded_by: Option<Spanned<String>>,
    pub(crate) not_followed_by: Option<Spanned<String>>,
    pub(crate) unless: Option<Spanned<String>>,
}

fn offered() -> bool {
    true
}

/// `[[rule.set]]`: variants that should not be mixed in one document.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SetDef {
    pub(crate) variants: Spanned<Vec<String>>,
    /// Offer the document's usual variant as a fix for the others.
    #[serde(default)]
    pub(crate) fix: bool,
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) source: Option<String>,
}

/// `[[rule.pattern]]`: a regex to find, and what around a hit leaves it alone.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PatternDef {
    pub(crate) regex: Spanned<String>,
    pub(crate) not_preceded_by: Option<Spanned<String>>,
    pub(crate) not_followed_by: Option<Spanned<String>>,
    pub(crate) unless: Option<Spanned<String>>,
}
