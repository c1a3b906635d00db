//! Naming rules: `[rules]` keys, an `[[ignore]]` entry's `rule` and the names in a
//! suppression comment all select a rule by its id (`placeholder/marker`) or a whole family
//! by its name (`placeholder`), and mean the same by it.

use std::fmt;

use super::{family_of, Registry};
use crate::lang::Text;

/// A rule or a family, as a user names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RuleSelector {
    /// One rule, by its id `family/name`.
    Rule(String),
    /// Every rule of a family.
    Family(String),
}

impl RuleSelector {
    /// The selector a name spells: an id has a `/`, a family has none. Names in a document
    /// (suppression comments) are taken as they are: one that names no rule silences nothing.
    pub fn new(name: &str) -> RuleSelector {
        if name.contains('/') {
            RuleSelector::Rule(name.to_string())
        } else {
            RuleSelector::Family(name.to_string())
        }
    }

    /// The selector a config names, which must name a rule or a family of `registry`.
    pub fn known(name: &str, registry: &Registry) -> Result<RuleSelector, Text> {
        let selector = RuleSelector::new(name);
        let known = match &selector {
            RuleSelector::Rule(id) => registry.get(id).is_some(),
            RuleSelector::Family(family) => registry.has_family(family),
        };
        if known {
            Ok(selector)
        } else {
            Err(Text::new(
                format!("没有名为 `{name}` 的规则或规则族"),
                format!("unknown rule or family `{name}`"),
            ))
        }
    }

    /// Whether the rule `id` is selected.
    pub fn selects(&self, id: &str) -> bool {
        match self {
            RuleSelector::Rule(rule) => rule == id,
            RuleSelector::Family(family) => id.contains('/') && family_of(id) == family,
        }
    }
}

impl fmt::Display for RuleSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleSelector::Rule(name) | RuleSelector::Family(name) => f.write_str(name),
        }
    }
}

/// The rules a run reports, as `--select` and `--ignore` narrow what the configs turn on.
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    /// Only these, when any are given.
    select: Vec<RuleSelector>,
    /// Never these.
    ignore: Vec<RuleSelector>,
}

impl RuleFilter {
    /// The filter of the names given; each must name a rule or a family of `registry`, and
    /// an unknown one is the error, naming it.
    pub fn new(select: &[String], ignore: &[String], registry: &Registry) -> Result<Self, String> {
        let known = |names: &[String]| {
            names
                .iter()
                .filter(|name| !name.is_empty())
                .map(|name| RuleSelector::known(name, registry).map_err(|_| name.clone()))
                .collect::<Result<Vec<_>, String>>()
        };
        Ok(RuleFilter {
            select: known(select)?,
            ignore: known(ignore)?,
        })
    }

    /// Whether findings of the rule `id` are reported.
    pub fn admits(&self, id: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| s.selects(id)))
            && !self.ignore.iter().any(|s| s.selects(id))
    }
}

/// Whether `selectors` select the rule `id`; none means every rule (a suppression comment
/// that names no rule silences them all).
pub fn any_selects(selectors: &[RuleSelector], id: &str) -> bool {
    selectors.is_empty() || selectors.iter().any(|s| s.selects(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_selects_then_ignores_and_names_unknown_rules() {
        let registry = Registry::builtin();
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let filter = RuleFilter::new(
            &names(&["placeholder", "term/typo"]),
            &names(&["placeholder/name"]),
            registry,
        )
        .unwrap();
        assert!(filter.admits("placeholder/marker"));
        assert!(filter.admits("term/typo"));
        assert!(!filter.admits("placeholder/name"));
        assert!(!filter.admits("term/usage"));
        assert!(RuleFilter::default().admits("term/usage"));
        let unknown = RuleFilter::new(&names(&["placeholder/markr"]), &[], registry);
        assert_eq!(unknown.unwrap_err(), "placeholder/markr");
    }

    #[test]
    fn a_family_selects_its_rules_only() {
        let family = RuleSelector::new("placeholder");
        assert!(family.selects("placeholder/name"));
        assert!(!family.selects("placeholders/name"));
        assert!(!family.selects("placeholder"));
        let rule = RuleSelector::new("term/typo");
        assert!(rule.selects("term/typo"));
        assert!(!rule.selects("term/typos"));
        assert!(any_selects(&[], "term/typo"));
        assert!(!any_selects(&[RuleSelector::new("punct")], "term/typo"));
    }

    #[test]
    fn a_config_may_name_only_known_rules_and_families() {
        let registry = Registry::builtin();
        assert_eq!(
            RuleSelector::known("numbering", registry),
            Ok(RuleSelector::Family("numbering".to_string()))
        );
        assert!(RuleSelector::known("numbering/sequence", registry).is_ok());
        assert_eq!(
            RuleSelector::known("placeholder/markr", registry),
            Err(Text::new(
                "没有名为 `placeholder/markr` 的规则或规则族",
                "unknown rule or family `placeholder/markr`"
            ))
        );
        assert!(RuleSelector::known("numberin", registry).is_err());
    }
}
