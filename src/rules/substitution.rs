//! The `substitution` rule kind: a wrong form and the right one (`两个确定` → `两个确立`).
//!
//! Literal wrong forms are searched together in one pass (aho-corasick, longest first);
//! forms that need context (`即要……又要`) are regexes whose `hit` group is the part to
//! replace. Each entry may carry the guards of an existence pattern. An occurrence that is
//! part of the right form itself (a wrong form inside the right one) is never reported.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::MatchKind;
use regex::Regex;

use super::lazy_regex::LazyRegex;

use super::existence::Guards;
use super::{Context, Rule, RuleMeta};
use crate::diagnostic::{Finding, Fix, Related};
use crate::document::chars::WordSearch;
use crate::document::phrase_covers;

/// One wrong form and its replacement.
pub struct Swap {
    /// What to find: a literal (searched with the others) or a regex.
    pub find: Find,
    pub right: String,
    pub guards: Guards,
    /// Whether `--fix` may apply the replacement without a human reading the sentence; if
    /// not, it is only suggested.
    pub safe: bool,
    /// The year the right form became the official one: a document of an earlier year (a
    /// 2014 report says `以习近平同志为总书记的党中央`, rightly) is not reported.
    pub since: Option<u16>,
}

pub enum Find {
    Literal(String),
    /// A regex; its group named `hit` (or the whole match) is replaced.
    Regex(LazyRegex),
}

pub struct Substitution {
    meta: RuleMeta,
    message: String,
    swaps: Vec<Swap>,
    /// The literal wrong forms, pattern `i` being `literals[i]`'s swap.
    automaton: OnceLock<Option<WordSearch>>,
    literals: Vec<usize>,
}

impl Substitution {
    /// A rule whose automaton of wrong forms is built now: building it can fail (a user's
    /// pack too large to search), and that is an error of the config.
    pub fn new(meta: RuleMeta, message: String, swaps: Vec<Swap>) -> Result<Self, String> {
        let rule = Substitution::deferred(meta, message, swaps);
        let automaton = rule.build_automaton()?;
        rule.automaton.get_or_init(|| automaton);
        Ok(rule)
    }

    /// A rule whose automaton is built when a text is first checked (the built-in packs':
    /// start-up then builds none, and the rules build theirs in parallel).
    pub fn deferred(meta: RuleMeta, message: String, swaps: Vec<Swap>) -> Self {
        let literals: Vec<usize> = swaps
            .iter()
            .enumerate()
            .filter(|(_, s)| matches!(s.find, Find::Literal(_)))
            .map(|(i, _)| i)
            .collect();
        Substitution {
            meta,
            message,
            swaps,
            automaton: OnceLock::new(),
            literals,
        }
    }

    fn build_automaton(&self) -> Result<Option<WordSearch>, String> {
        if self.literals.is_empty() {
            return Ok(None);
        }
        let patterns: Vec<&str> = self
            .literals
            .iter()
            .map(|&i| match &self.swaps[i].find {
                Find::Literal(text) => text.as_str(),
                Find::Regex(_) => "",
            })
            .collect();
        WordSearch::new(&patterns, MatchKind::LeftmostLongest)
            .map(Some)
            .map_err(|e| format!("wrong forms cannot be searched: {e}"))
    }

    /// The automaton of the literal wrong forms (built-in ones are known to build).
    fn automaton(&self) -> Option<&WordSearch> {
        self.automaton
            .get_or_init(|| {
                self.build_automaton()
                    .unwrap_or_else(|e| panic!("built-in rule {}: {e}", self.meta.id))
            })
            .as_ref()
    }

    /// `(span, swap index)` of every wrong form, in text order, overlaps dropped.
    fn hits(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut year: Option<Option<u16>> = None;
        let mut current = |swap: &Swap| match swap.since {
            None => true,
            // A form that was once official is not reported where the date is unknown.
            Some(since) => year
                .get_or_insert_with(|| document_year(text))
                .is_some_and(|written| written >= since),
        };
        let mut hits = Vec::new();
        if let Some(automaton) = self.automaton() {
            automaton.for_each(text, |m| {
                hits.push((m.range(), self.literals[m.pattern().as_usize()]));
            });
        }
        for (i, swap) in self.swaps.iter().enumerate() {
            if let Find::Regex(regex) = &swap.find {
                if !regex.may_match(text) {
                    continue;
                }
                hits.extend(regex_hits(regex, text).map(|span| (span, i)));
            }
        }
        hits.retain(|(span, i)| {
            let swap = &self.swaps[*i];
            !swap.guards.excuse(text, span.clone())
                && !phrase_covers(text, span, &swap.right)
                && current(swap)
        });
        hits.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
        hits.dedup_by(|later, kept| later.0.start < kept.0.end);
        hits
    }
}

/// When a text was written, near enough: of the two years it names most often (`2021年`,
/// `二〇二一年`), the earlier. A report names the year it reports on and the years it plans
/// for (`到2020年`), and the plan years must not make an old text look new.
///
/// Each year is read before a `年`, found by a byte search. A regex over the whole text
/// looked for a year at every `一` and `二` too, common in any Chinese text: in a 20 MB
/// text, that was a fortieth of the check.
fn document_year(text: &str) -> Option<u16> {
    let mut counts: std::collections::HashMap<u16, usize> = std::collections::HashMap::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), "年") {
        if let Some(year) = year_ending(&text[..at]) {
            *counts.entry(year).or_default() += 1;
        }
    }
    let mut by_count: Vec<(u16, usize)> = counts.into_iter().collect();
    by_count.sort_by_key(|&(year, n)| std::cmp::Reverse((n, year)));
    by_count.iter().take(2).map(|&(year, _)| year).min()
}

/// The year `text` ends with: four digits from `1900` to `2099`, or four Chinese numerals
/// from `一九〇〇` to `二零九九` (`一` or `二`, then `九` or a zero, then any two).
fn year_ending(text: &str) -> Option<u16> {
    let digits = text.len().checked_sub(4).and_then(|at| text.get(at..));
    if let Some(digits) = digits.filter(|d| {
        d.bytes().all(|b| b.is_ascii_digit()) && (d.starts_with("19") || d.starts_with("20"))
    }) {
        return digits.parse().ok();
    }
    let (start, _) = text.char_indices().rev().nth(3)?;
    let numerals = &text[start..];
    let mut chars = numerals.chars();
    let century = matches!(chars.next(), Some('一' | '二'))
        && matches!(chars.next(), Some('九' | '〇' | '○' | '零'));
    // The other two are any numerals: `chinese_year` refuses anything else.
    century.then(|| chinese_year(numerals)).flatten()
}

fn chinese_year(digits: &str) -> Option<u16> {
    digits.chars().try_fold(0u16, |year, c| {
        let digit = crate::rules::number::year_digit(c)?;
        Some(year * 10 + u16::try_from(digit).ok()?)
    })
}

fn regex_hits<'t>(regex: &'t Regex, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
    regex.captures_iter(text).filter_map(|caps| {
        caps.name("hit")
            .or_else(|| caps.get(0))
            .map(|m| m.range())
            .filter(|r| !r.is_empty())
    })
}

/// The first occurrence of the right form outside `hit`: a drafter who wrote it right once
/// sees the two side by side.
fn right_form_elsewhere(text: &str, right: &str, hit: &Range<usize>) -> Option<Range<usize>> {
    text.match_indices(right)
        .map(|(at, m)| at..at + m.len())
        .find(|at| at.end <= hit.start || at.start >= hit.end)
}

impl Rule for Substitution {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for (span, i) in self.hits(&doc.text) {
            let swap = &self.swaps[i];
            let message = self
                .message
                .replace("{match}", &doc.source[span.clone()])
                .replace("{replacement}", &swap.right);
            let mut finding = Finding::new(span.clone(), message);
            if let Some(at) = right_form_elsewhere(&doc.text, &swap.right, &span) {
                finding
                    .related
                    .push(Related::new(at, format!("本文此处写作“{}”", swap.right)));
            }
            // A swap the context decides (`fix = false` in its pack) is still offered, as a
            // suggestion that `--fix` leaves alone.
            finding.fix = Some(if swap.safe {
                Box::new(Fix::safe(swap.right.clone()))
            } else {
                Box::new(Fix::suggested(swap.right.clone()))
            });
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn rule(swaps: Vec<Swap>) -> Substitution {
        let meta = RuleMeta::new(
            "term/test".into(),
            Severity::Warning,
            String::new(),
            String::new(),
        );
        Substitution::new(meta, "“{match}”应为“{replacement}”".into(), swaps).unwrap()
    }

    fn literal(wrong: &str, right: &str) -> Swap {
        Swap {
            find: Find::Literal(wrong.into()),
            right: right.into(),
            guards: Guards::default(),
            safe: true,
            since: None,
        }
    }

    fn run(rule: &Substitution, text: &str) -> Vec<(String, String, Option<String>)> {
        let (doc, out) = crate::rules::run_rule(rule, text);
        out.into_iter()
            .map(|f| {
                (
                    doc.source[f.span].to_string(),
                    f.message.into_owned(),
                    f.fix.map(|x| x.replacement),
                )
            })
            .collect()
    }

    #[test]
    fn literal_wrong_forms_are_replaced() {
        let rule = rule(vec![
            literal("两个确定", "两个确立"),
            literal("布署", "部署"),
        ]);
        assert_eq!(
            run(&rule, "坚决拥护两个确定，认真布署。"),
            [
                (
                    "两个确定".into(),
                    "“两个确定”应为“两个确立”".into(),
                    Some("两个确立".into())
                ),
                (
                    "布署".into(),
                    "“布署”应为“部署”".into(),
                    Some("部署".into())
                ),
            ]
        );
    }

    #[test]
    fn a_wrong_form_inside_the_right_one_is_not_reported() {
        let rule = rule(vec![literal("四个自信", "中国特色社会主义四个自信")]);
        assert_eq!(run(&rule, "坚定中国特色社会主义四个自信").len(), 0);
        assert_eq!(run(&rule, "坚定四个自信").len(), 1);
    }

    #[test]
    fn regex_swaps_replace_their_hit_group_and_unsafe_ones_only_suggest() {
        let swap = Swap {
            find: Find::Regex(
                LazyRegex::compiled("(?P<hit>即要)[^。！？；]{1,30}又要".into()).unwrap(),
            ),
            right: "既要".into(),
            guards: Guards::default(),
            safe: false,
            since: None,
        };
        let rule = rule(vec![swap]);
        assert_eq!(
            run(&rule, "即要抓发展，又要保安全。即要求如此。"),
            [(
                "即要".into(),
                "“即要”应为“既要”".into(),
                Some("既要".into())
            )]
        );
        let (_, out) = crate::rules::run_rule(&rule, "即要抓发展，又要保安全。");
        assert!(out[0].fix.as_ref().is_some_and(|f| !f.is_safe()));
    }

    #[test]
    fn a_form_that_became_official_later_is_not_reported_in_older_texts() {
        let mut swap = literal("以习近平同志为总书记的党中央", "以习近平同志为核心的党中央");
        swap.since = Some(2017);
        let rule = rule(vec![swap]);
        let text = "团结在以习近平同志为总书记的党中央周围，";
        assert_eq!(run(&rule, &format!("2014年，{text}")).len(), 0);
        assert_eq!(run(&rule, &format!("二〇二一年，{text}")).len(), 1);
        assert_eq!(run(&rule, text).len(), 0, "no year: the date is unknown");
    }

    #[test]
    fn document_year_reads_both_numeral_systems_and_discounts_target_years() {
        assert_eq!(document_year("二〇二一年，二〇二一年，1998年"), Some(1998));
        assert_eq!(
            document_year("2020年、2020年、2020年、2015年、2015年、2016年"),
            Some(2015)
        );
        assert_eq!(document_year("一九五五年"), Some(1955));
        assert_eq!(document_year("没有年份"), None);
    }

    /// The years as the regex over the whole text read them, which [`year_ending`] replaces.
    fn years_by_regex(text: &str) -> Vec<u16> {
        let year =
            Regex::new(r"((?:19|20)[0-9]{2})年|([一二][九〇○零][〇○零一二三四五六七八九]{2})年")
                .unwrap();
        year.captures_iter(text)
            .filter_map(|caps| match (caps.get(1), caps.get(2)) {
                (Some(digits), _) => digits.as_str().parse().ok(),
                (_, Some(chinese)) => chinese_year(chinese.as_str()),
                _ => None,
            })
            .collect()
    }

    proptest::proptest! {
        /// The years read before each `年` are those the regex found, in a text of digits,
        /// numerals, `年` and other characters (pieces that make years often).
        #[test]
        fn the_years_before_each_nian_are_the_regexs(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "19", "20", "0", "1", "2", "9", "年", "一", "二", "九", "〇", "○", "零", "三",
                "x", "，",
            ][..]), 0..24),
        ) {
            let text = pieces.concat();
            let read: Vec<u16> = memchr::memmem::find_iter(text.as_bytes(), "年")
                .filter_map(|at| year_ending(&text[..at]))
                .collect();
            proptest::prop_assert_eq!(read, years_by_regex(&text));
        }
    }
}
