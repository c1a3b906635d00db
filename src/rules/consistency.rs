//! The `consistency` rule kind: variants that are each acceptable but must not be mixed in
//! one document (`唯一`/`惟一`, `作出`/`做出`).
//!
//! The variant a document uses most is its usual one (the earliest on a tie); every occurrence
//! of another variant of the same set is reported, pointing at the first usual one. All the
//! variants of all sets are found in one pass.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{Context, Rule, RuleMeta};
use crate::diagnostic::{Finding, Fix, Related};

/// Variants of one word or phrase.
pub struct VariantSet {
    pub variants: Vec<String>,
    /// Whether the usual variant is offered as a fix for the others.
    pub fix: bool,
}

pub struct Consistency {
    meta: RuleMeta,
    message: String,
    sets: Vec<VariantSet>,
    automaton: AhoCorasick,
    /// For automaton pattern `i`: `(set, variant)`.
    owners: Vec<(usize, usize)>,
}

/// One occurrence of a variant.
#[derive(Clone)]
struct Occurrence {
    span: Range<usize>,
    set: usize,
    variant: usize,
}

impl Consistency {
    pub fn new(meta: RuleMeta, message: String, sets: Vec<VariantSet>) -> Result<Self, String> {
        let owners: Vec<(usize, usize)> = sets
            .iter()
            .enumerate()
            .flat_map(|(s, set)| (0..set.variants.len()).map(move |v| (s, v)))
            .collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(owners.iter().map(|&(s, v)| &sets[s].variants[v]))
            .map_err(|e| format!("variants cannot be searched: {e}"))?;
        Ok(Consistency {
            meta,
            message,
            sets,
            automaton,
            owners,
        })
    }

    fn occurrences(&self, text: &str) -> Vec<Occurrence> {
        self.automaton
            .find_iter(text)
            .map(|m| {
                let (set, variant) = self.owners[m.pattern().as_usize()];
                Occurrence {
                    span: m.range(),
                    set,
                    variant,
                }
            })
            .collect()
    }
}

/// The usual variant of one set in a document and its count: most occurrences, the set's
/// first variant on a tie.
fn usual_variant(occurrences: &[&Occurrence]) -> Option<(usize, usize)> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for o in occurrences {
        match counts.iter_mut().find(|(v, _)| *v == o.variant) {
            Some((_, n)) => *n += 1,
            None => counts.push((o.variant, 1)),
        }
    }
    // On a tie, the variant the set lists first: the form its source recommends (`其他`
    // before `其它`), not whichever the text happens to use first.
    counts
        .into_iter()
        .max_by_key(|&(variant, n)| (n, std::cmp::Reverse(variant)))
}

impl Rule for Consistency {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let occurrences = self.occurrences(&doc.text);
        for (s, set) in self.sets.iter().enumerate() {
            let in_set: Vec<&Occurrence> = occurrences.iter().filter(|o| o.set == s).collect();
            let Some((usual, usual_count)) = usual_variant(&in_set) else {
                continue;
            };
            let first_usual = in_set.iter().find(|o| o.variant == usual);
            for o in in_set.iter().filter(|o| o.variant != usual) {
                let count = in_set.iter().filter(|x| x.variant == o.variant).count();
                let message = self
                    .message
                    .replace("{match}", &doc.source[o.span.clone()])
                    .replace("{usual}", &set.variants[usual])
                    .replace("{usual_count}", &usual_count.to_string())
                    .replace("{count}", &count.to_string());
                let mut finding = Finding::new(o.span.clone(), message);
                if let Some(first) = first_usual {
                    finding.related.push(Related::new(
                        first.span.clone(),
                        format!("本文多用“{}”", set.variants[usual]),
                    ));
                }
                if set.fix {
                    // On a tie the first variant met is taken as usual: a guess, so the fix
                    // is only suggested.
                    let replacement = set.variants[usual].clone();
                    finding.fix = Some(if count == usual_count {
                        Box::new(Fix::suggested(replacement))
                    } else {
                        Box::new(Fix::safe(replacement))
                    });
                }
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn run(text: &str) -> Vec<(String, String)> {
        let meta = RuleMeta::new(
            "term/test".into(),
            Severity::Info,
            String::new(),
            String::new(),
        );
        let sets = vec![VariantSet {
            variants: vec!["唯一".into(), "惟一".into()],
            fix: true,
        }];
        let rule =
            Consistency::new(meta, "{match}/{usual}/{usual_count}/{count}".into(), sets).unwrap();
        let (doc, out) = crate::rules::run_rule(&rule, text);
        out.into_iter()
            .map(|f| (doc.source[f.span].to_string(), f.message.into_owned()))
            .collect()
    }

    #[test]
    fn the_minority_variant_is_reported() {
        assert_eq!(
            run("惟一的办法，唯一的出路，唯一的选择。"),
            [("惟一".to_string(), "惟一/唯一/2/1".to_string())]
        );
    }

    /// On a tie the set's first variant (the recommended form) is taken as usual, whatever
    /// the text uses first, and the fix is only suggested.
    #[test]
    fn one_variant_alone_is_fine_and_a_tie_prefers_the_recommended_form() {
        assert_eq!(run("唯一的办法，唯一的出路。"), []);
        assert_eq!(
            run("惟一的办法，唯一的出路。"),
            [("惟一".to_string(), "惟一/唯一/1/1".to_string())]
        );
        assert_eq!(
            run("唯一的办法，惟一的出路。"),
            [("惟一".to_string(), "惟一/唯一/1/1".to_string())]
        );
    }
}
