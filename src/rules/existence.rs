//! The `existence` rule kind: report every occurrence of something that should not be there.
//!
//! A rule has literal `tokens` and/or regex patterns. The regex crate has no look-around (that
//! is what keeps it linear-time), so "not after a Latin letter" is written as a guard that is
//! checked on the few characters beside each hit. Hits of one rule that overlap are one
//! problem: the earliest, then the longest, is kept, so `XX年XX月` is reported once, not also
//! as `XX`.

use std::ops::Range;
use std::sync::Arc;

use super::lazy_regex::{LazyRegex, SharedStarts};
use aho_corasick::{AhoCorasick, MatchKind};

use super::{Context, Rule, RuleMeta};
use crate::diagnostic::Finding;
use crate::document::{ceil_boundary, floor_boundary};

/// How far the guards look beside a hit, in bytes (16 CJK characters). Guards see no further
/// than the hit's own line.
const GUARD_WINDOW: usize = 48;

pub struct Pattern {
    /// Its capture group named `hit`, if it has one, is the reported span.
    pub regex: LazyRegex,
    pub guards: Guards,
}

/// Context that excuses a hit: what comes just before it, just after it, or the hit itself.
/// Each regex is anchored to its side when the pack is compiled.
#[derive(Default)]
pub struct Guards {
    pub not_preceded_by: Option<LazyRegex>,
    pub not_followed_by: Option<LazyRegex>,
    pub unless: Option<LazyRegex>,
}

pub struct Existence {
    meta: RuleMeta,
    message: String,
    patterns: Vec<Pattern>,
    /// The patterns' opening literals, searched for once per text with those of the other
    /// existence rules of the pack ([`Existence::share_starts`]): the shared set, and where
    /// this rule's patterns are in it.
    starts: (Arc<SharedStarts>, usize),
    tokens: Option<AhoCorasick>,
}

impl Existence {
    pub fn new(
        meta: RuleMeta,
        message: String,
        patterns: Vec<Pattern>,
        tokens: &[String],
    ) -> Result<Self, String> {
        let tokens = if tokens.is_empty() {
            None
        } else {
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(tokens)
                .map_err(|e| format!("tokens cannot be searched: {e}"))?;
            Some(automaton)
        };
        let starts = Arc::new(SharedStarts::new(patterns.iter().map(|p| &p.regex)));
        Ok(Existence {
            meta,
            message,
            patterns,
            starts: (starts, 0),
            tokens,
        })
    }

    /// Lets `rules` (a pack's existence rules) search a text for the opening literals of all
    /// their patterns in one pass, where each took a pass of its own.
    pub fn share_starts(rules: &mut [&mut Existence]) {
        let patterns = rules.iter().flat_map(|rule| &rule.patterns);
        let shared = Arc::new(SharedStarts::new(patterns.map(|p| &p.regex)));
        let mut first = 0;
        for rule in rules {
            rule.starts = (Arc::clone(&shared), first);
            first += rule.patterns.len();
        }
    }

    /// Its hits in `text`, for whose patterns `may_match` (per pattern of its shared starts)
    /// tells whether their opening literals occur in it.
    fn hits(&self, text: &str, may_match: &[bool]) -> Vec<Range<usize>> {
        let mut hits: Vec<Range<usize>> = Vec::new();
        if let Some(tokens) = &self.tokens {
            hits.extend(tokens.find_iter(text).map(|m| m.range()));
        }
        let (_, first) = self.starts;
        let own = &may_match[first..first + self.patterns.len()];
        for (pattern, &may_match) in self.patterns.iter().zip(own) {
            if !may_match {
                continue;
            }
            match pattern.regex.lines_to_search(text) {
                Some(lines) => {
                    for line in lines {
                        hits.extend(pattern.hits_in(text, line));
                    }
                }
                None if pattern.regex.inner_literals_occur(text) => {
                    hits.extend(pattern.hits_in(text, 0..text.len()));
                }
                None => {}
            }
        }
        keep_first_of_overlapping(hits)
    }
}

impl Pattern {
    /// The pattern's hits in the part `within` of `text` (which its opening literals are
    /// known to occur in), searched alone; the guards see the whole text.
    fn hits_in<'t>(
        &'t self,
        text: &'t str,
        within: Range<usize>,
    ) -> impl Iterator<Item = Range<usize>> + 't {
        let hit_group = self.regex.capture_names().position(|n| n == Some("hit"));
        let offset = within.start;
        self.regex
            .captures_iter(&text[within])
            .filter_map(move |caps| match hit_group {
                Some(group) => caps.get(group).map(|m| m.range()),
                None => caps.get(0).map(|m| m.range()),
            })
            .map(move |hit| hit.start + offset..hit.end + offset)
            .filter(|hit| !hit.is_empty() && !self.guards.excuse(text, hit.clone()))
    }
}

impl Guards {
    /// Whether the context of `hit` in `text` excuses it.
    pub fn excuse(&self, text: &str, hit: Range<usize>) -> bool {
        let before = &text[window_before(text, hit.start)..hit.start];
        let after = &text[hit.end..window_after(text, hit.end)];
        self.not_preceded_by
            .as_ref()
            .is_some_and(|g| g.is_match(before))
            || self
                .not_followed_by
                .as_ref()
                .is_some_and(|g| g.is_match(after))
            || self.unless.as_ref().is_some_and(|g| g.is_match(&text[hit]))
    }
}

/// Start of the guard window before `at`: on a character boundary, not before the line start.
fn window_before(text: &str, at: usize) -> usize {
    let start = ceil_boundary(text, at.saturating_sub(GUARD_WINDOW));
    text[start..at]
        .rfind('\n')
        .map_or(start, |nl| start + nl + 1)
}

/// End of the guard window after `at`: on a character boundary, not past the line end.
fn window_after(text: &str, at: usize) -> usize {
    let end = floor_boundary(text, at + GUARD_WINDOW);
    text[at..end].find('\n').map_or(end, |nl| at + nl)
}

/// Sorts hits and drops each one that overlaps a hit kept before it (earliest, then longest).
fn keep_first_of_overlapping(mut hits: Vec<Range<usize>>) -> Vec<Range<usize>> {
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut kept: Vec<Range<usize>> = Vec::with_capacity(hits.len());
    for hit in hits {
        if kept.last().is_none_or(|last| hit.start >= last.end) {
            kept.push(hit);
        }
    }
    kept
}

impl Rule for Existence {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let may_match = cx.may_match(&self.starts.0);
        for hit in self.hits(&doc.text, &may_match) {
            let message = self.message.replace("{match}", &doc.source[hit.clone()]);
            out.push(Finding::new(hit, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn meta() -> RuleMeta {
        RuleMeta::new(
            "test/rule".into(),
            Severity::Error,
            String::new(),
            String::new(),
        )
    }

    fn pattern(regex: &str, before: Option<&str>, after: Option<&str>) -> Pattern {
        let lazy = |pattern: String| LazyRegex::compiled(pattern).unwrap();
        Pattern {
            regex: lazy(regex.to_string()),
            guards: Guards {
                not_preceded_by: before.map(|b| lazy(format!(r"(?:{b})\z"))),
                not_followed_by: after.map(|a| lazy(format!(r"\A(?:{a})"))),
                unless: None,
            },
        }
    }

    fn hit_texts(rule: &Existence, text: &str) -> Vec<String> {
        rule.hits(text, &rule.starts.0.may_match(text))
            .into_iter()
            .map(|h| text[h].to_string())
            .collect()
    }

    #[test]
    fn guards_look_at_the_neighbours() {
        let rule = Existence::new(
            meta(),
            String::new(),
            vec![pattern("X{2,}", Some("[A-Za-z]"), Some("[A-Za-z]"))],
            &[],
        )
        .unwrap();
        assert_eq!(hit_texts(&rule, "立足XX工作，XXL码，AXX"), ["XX"]);
    }

    #[test]
    fn guards_do_not_see_past_the_line() {
        let rule = Existence::new(
            meta(),
            String::new(),
            vec![pattern("X{2}", Some("A"), None)],
            &[],
        )
        .unwrap();
        assert_eq!(hit_texts(&rule, "A\nXX"), ["XX"]);
    }

    #[test]
    fn hit_group_narrows_the_span() {
        let rule = Existence::new(
            meta(),
            String::new(),
            vec![pattern("(?P<hit>X)名", None, None)],
            &[],
        )
        .unwrap();
        assert_eq!(hit_texts(&rule, "组织X名同志"), ["X"]);
    }

    #[test]
    fn overlapping_hits_are_reported_once() {
        let rule = Existence::new(
            meta(),
            String::new(),
            vec![
                pattern("X{2}", None, None),
                pattern("X{2}年X{2}月", None, None),
            ],
            &["年X".to_string()],
        )
        .unwrap();
        assert_eq!(hit_texts(&rule, "XX年XX月，XX"), ["XX年XX月", "XX"]);
    }

    #[test]
    fn rules_sharing_one_search_for_opening_literals_find_what_each_finds_alone() {
        let rules = || {
            [
                vec![pattern("X{2}", None, None), pattern("TODO", None, None)],
                vec![pattern("某某", None, None)],
                vec![pattern("[（(]待定[）)]", None, None)],
            ]
            .map(|patterns| Existence::new(meta(), "“{match}”".into(), patterns, &[]).unwrap())
        };
        let mut shared = rules();
        Existence::share_starts(&mut shared.iter_mut().collect::<Vec<_>>());
        let alone = rules();
        let profile = crate::config::Profile::default();
        for text in ["", "某某XX", "请某某（待定）", "TODO：(待定)", "无"] {
            let doc = crate::document::Document::new(text.into(), crate::document::Format::Text);
            let cx = crate::rules::Context::new(&doc, &profile);
            for (shared, alone) in shared.iter().zip(&alone) {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                shared.check(&cx, &mut a);
                alone.check(&cx, &mut b);
                assert_eq!(a, b, "{text}");
            }
        }
        assert!(Arc::ptr_eq(&shared[0].starts.0, &shared[2].starts.0));
        assert_eq!(shared[2].starts.1, 3);
    }

    /// Hits of the whole text searched at once, as [`Existence::hits`] found them before it
    /// searched only the lines with a pattern's inner literals.
    fn searched_whole(rule: &Existence, text: &str) -> Vec<Range<usize>> {
        let hits = rule
            .patterns
            .iter()
            .flat_map(|pattern| pattern.hits_in(text, 0..text.len()))
            .collect();
        keep_first_of_overlapping(hits)
    }

    proptest::proptest! {
        /// Searched line by line where their inner literals are, patterns find what a search
        /// of the whole text finds: brackets, words and line breaks mixed, after a line long
        /// enough that the lines are chosen.
        #[test]
        fn hits_of_the_lines_searched_are_those_of_the_whole_text(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "（", "）", "(", ")", "此处", "这里", "待定", "填写", "\n", "请", "工作", "，", " ",
                ]),
                0..200,
            ),
        ) {
            let text = format!("{}\n{}", "甲".repeat(400), parts.concat());
            let rule = Existence::new(
                meta(),
                String::new(),
                vec![
                    pattern(
                        r"[（(](?:此处|这里)[^（）()\n]{0,8}[）)]|[（(][^（）()\n]{0,6}(?:待定|填写)[^（）()\n]{0,6}[）)]",
                        Some("工作"),
                        None,
                    ),
                    pattern(r"此处[^\n]{0,3}填写", None, Some("请")),
                ],
                &[],
            )
            .unwrap();
            let may_match = vec![true; 2];
            proptest::prop_assert!(rule.patterns[0].regex.lines_to_search(&text).is_some());
            proptest::prop_assert_eq!(rule.hits(&text, &may_match), searched_whole(&rule, &text));
        }
    }

    #[test]
    fn message_names_the_source_text() {
        let rule =
            Existence::new(meta(), "“{match}”".into(), vec![], &["某某".to_string()]).unwrap();
        let doc =
            crate::document::Document::new("请某某同志".into(), crate::document::Format::Text);
        let mut out = Vec::new();
        let profile = crate::config::Profile::default();
        let cx = crate::rules::Context::new(&doc, &profile);
        rule.check(&cx, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message, "“某某”");
        assert_eq!(&doc.source[out[0].span.clone()], "某某");
    }
}
