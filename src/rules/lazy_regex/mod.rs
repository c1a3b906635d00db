//! A regex of a rule pack that is compiled when a text first needs it.
//!
//! Compiling is most of what a run over a short draft costs (a pre-commit hook pays it on
//! every commit), and most pack patterns cannot match most drafts. So a built-in pattern is
//! kept as text until it is needed, and before it is run, the literals every match starts
//! with (`即要…` starts with `即要`) are looked for: a text without any of them is not searched
//! and the pattern is not compiled. User packs compile their patterns when they are loaded,
//! so that a pattern the regex crate refuses is reported with its config line.

use std::ops::{Deref, Range};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use regex::Regex;

use crate::document::chars::{WordSearch, WORTH_A_WORD_SEARCH};
use literals::Literals;

mod literals;

// `fn builtin_literals(pattern: &str) -> Option<Literals>`: the literals of each pattern of
// the built-in packs, worked out by the build script with `literals`.
include!(concat!(env!("OUT_DIR"), "/literals.rs"));

/// The literals of `pattern`: as the build script worked them out for a built-in pattern,
/// else worked out now.
fn literals(pattern: &str) -> Literals {
    builtin_literals(pattern).unwrap_or_else(|| Literals::of(pattern))
}

pub struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
    /// What its literals tell of its matches, worked out (or looked up) once for both
    /// searchers below.
    literals: OnceLock<Literals>,
    /// The literals every match starts with; `None` when a match may start anywhere.
    starts: OnceLock<Option<AhoCorasick>>,
    /// Literals one of which every match contains, rarer than its opening ones (see
    /// [`Literals::inner`]); `None` when none are known.
    inner: OnceLock<Option<AhoCorasick>>,
    /// The same, searched for in every line of a long text ([`LazyRegex::lines_to_search`]),
    /// by a search quick in Chinese text (boxed: few patterns build one, and every pattern
    /// holds the room).
    inner_words: OnceLock<Option<Box<WordSearch>>>,
}

impl LazyRegex {
    /// A pattern known to compile (the built-in packs' patterns are compiled by the tests),
    /// compiled on first use.
    pub fn deferred(pattern: String) -> LazyRegex {
        LazyRegex {
            pattern,
            compiled: OnceLock::new(),
            literals: OnceLock::new(),
            starts: OnceLock::new(),
            inner: OnceLock::new(),
            inner_words: OnceLock::new(),
        }
    }

    /// A pattern compiled now, so that an error is the caller's to report.
    pub fn compiled(pattern: String) -> Result<LazyRegex, regex::Error> {
        let regex = Regex::new(&pattern)?;
        let lazy = LazyRegex::deferred(pattern);
        lazy.compiled.get_or_init(|| regex);
        Ok(lazy)
    }

    /// Whether the pattern may match somewhere in `text`: false only when no literal that a
    /// match must start with occurs in it.
    pub fn may_match(&self, text: &str) -> bool {
        let starts = self
            .starts
            .get_or_init(|| searcher(self.literals().starts.as_deref()?));
        let starts_occur = match starts {
            Some(starts) => starts.is_match(text),
            None => true,
        };
        starts_occur && self.inner_literals_occur(text)
    }

    /// Whether `text` may hold a match for its inner literals: false only when the pattern
    /// is not compiled yet and `text` holds none of the literals every match contains besides
    /// its opening ones. The opening `（` of `（此处填写…）` is in most texts, `此处` and its
    /// alternatives in few: compiling such a pattern is most of a short draft's run. Once it
    /// is compiled, the regex's own search is as quick as a look for the literals would be.
    pub fn inner_literals_occur(&self, text: &str) -> bool {
        if self.compiled.get().is_some() {
            return true;
        }
        let inner = self
            .inner
            .get_or_init(|| searcher(self.literals().inner.as_deref()?));
        inner.as_ref().is_none_or(|inner| inner.is_match(text))
    }

    fn literals(&self) -> &Literals {
        self.literals.get_or_init(|| literals(&self.pattern))
    }

    /// The lines of `text` its matches can be in, when that tells more than the whole text:
    /// those that hold one of its inner literals, for a pattern whose every match lies
    /// within a line and holds one of them ([`Literals::within_a_line`]). Each line is
    /// searched alone, with what the text's search finds there. `None`: search the whole
    /// text.
    ///
    /// A pattern that opens with a common mark and needs a rare word a few characters on
    /// (`（……待补充……）`) is otherwise tried at every `（` of the text.
    pub fn lines_to_search(&self, text: &str) -> Option<Vec<Range<usize>>> {
        if text.len() < WORTH_A_WORD_SEARCH {
            return None;
        }
        let literals = self.literals();
        let rare = |inner: &Vec<Vec<u8>>| inner.iter().all(|l| l.len() >= RARE_INNER);
        if !literals.within_a_line || !literals.inner.as_ref().is_some_and(rare) {
            return None;
        }
        let words = self
            .inner_words
            .get_or_init(|| {
                let inner = literals.inner.as_deref()?;
                WordSearch::new(inner, MatchKind::Standard)
                    .ok()
                    .map(Box::new)
            })
            .as_ref()?;
        let mut lines: Vec<Range<usize>> = Vec::new();
        words.for_each(text, |found| {
            if lines.last().is_some_and(|line| found.start() < line.end) {
                return;
            }
            let start = text[..found.start()].rfind('\n').map_or(0, |nl| nl + 1);
            let end = text[found.end()..]
                .find('\n')
                .map_or(text.len(), |nl| found.end() + nl);
            lines.push(start..end);
        });
        Some(lines)
    }
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            Regex::new(&self.pattern)
                .unwrap_or_else(|e| panic!("built-in pattern `{}` compiles: {e}", self.pattern))
        })
    }
}

/// The length in bytes from which inner literals are rare enough to choose the lines a
/// pattern is searched in: two Chinese characters (`待定`, `此处`). One (`年` of `_年`) is on
/// most lines of a report, and its search would only add to the pattern's.
const RARE_INNER: usize = 6;

/// A searcher for `literals` that is cheap to build: it is built for one text (a short
/// draft's run builds several and searches each once), so the NFA as first built, which
/// builds in a fraction of a DFA's time and without the copy a contiguous one makes; the
/// search is mostly its prefilter's anyway.
fn searcher(literals: &[Vec<u8>]) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(literals)
        .ok()
}

/// The opening literals of several patterns in one pass: one scan of a text tells which of
/// the patterns may match it, where [`LazyRegex::may_match`] would take a scan each.
struct StartSet {
    /// The literals in searchers by length (see [`LONG`]).
    searchers: Vec<Searcher>,
    /// Per pattern: whether its matches may start anywhere (it is always searched).
    anywhere: Vec<bool>,
}

/// Some of the opening literals, leftmost-longest: of the literals that start at one place,
/// the longest is found (and a vectorised search can be used, which overlapping search
/// cannot).
struct Searcher {
    automaton: AhoCorasick,
    /// For each literal of `automaton`, the patterns it shows may match: the owners of every
    /// literal of `automaton` that is a prefix of it (found at the same place) and its own.
    shows: Vec<Vec<usize>>,
    /// Every pattern some literal of `automaton` shows: once these are all known to match,
    /// the rest of the text tells nothing more.
    owners: Vec<usize>,
}

/// The length, in bytes, from which a literal is searched with the long ones. A vectorised
/// search tells candidates by as many leading bytes as its shortest literal has: with `(`
/// among them, `（` is told by its first byte, `0xEF`, which `，` shares, and the search
/// stops at every comma of a Chinese text. Literals of a Chinese character or more are
/// searched apart from the shorter (ASCII) ones, each set by its own fingerprint.
const LONG: usize = 3;

impl StartSet {
    /// The set of the patterns written `patterns`.
    fn of<'a>(patterns: impl IntoIterator<Item = &'a str>) -> StartSet {
        let mut literals: Vec<(Vec<u8>, usize)> = Vec::new();
        let mut anywhere = Vec::new();
        for (i, pattern) in patterns.into_iter().enumerate() {
            let starts = self::literals(pattern).starts;
            anywhere.push(starts.is_none());
            literals.extend(starts.into_iter().flatten().map(|literal| (literal, i)));
        }
        let (long, short): (Vec<_>, Vec<_>) = literals
            .iter()
            .partition(|(literal, _)| literal.len() >= LONG);
        let searchers: Option<Vec<Searcher>> = [long, short]
            .into_iter()
            .filter(|part| !part.is_empty())
            .map(|part| Searcher::of(&part))
            .collect();
        let searchers = searchers.unwrap_or_else(|| {
            anywhere.iter_mut().for_each(|a| *a = true);
            Vec::new()
        });
        StartSet {
            searchers,
            anywhere,
        }
    }

    /// Per pattern: whether it may match somewhere in `text`.
    pub fn may_match(&self, text: &str) -> Vec<bool> {
        let mut may = self.anywhere.clone();
        for searcher in &self.searchers {
            searcher.show(text, &mut may);
        }
        may
    }
}

impl Searcher {
    /// The searcher of `literals`, each with the pattern it opens; `None` if the automaton
    /// cannot be built.
    fn of(literals: &[&(Vec<u8>, usize)]) -> Option<Searcher> {
        let shows: Vec<Vec<usize>> = literals
            .iter()
            .map(|(literal, _)| {
                let mut owners: Vec<usize> = literals
                    .iter()
                    .filter(|(prefix, _)| literal.starts_with(prefix))
                    .map(|(_, owner)| *owner)
                    .collect();
                owners.sort_unstable();
                owners.dedup();
                owners
            })
            .collect();
        let mut owners: Vec<usize> = shows.iter().flatten().copied().collect();
        owners.sort_unstable();
        owners.dedup();
        // The NFA as first built, quick to build: a short draft's run builds the searchers
        // of each pack, and their search runs mostly in the prefilter.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(literals.iter().map(|(literal, _)| literal))
            .ok()?;
        Some(Searcher {
            automaton,
            shows,
            owners,
        })
    }

    /// Marks in `may` the patterns its literals show may match in `text`.
    fn show(&self, text: &str, may: &mut [bool]) {
        let mut left = self.owners.iter().filter(|&&p| !may[p]).count();
        let mut at = 0;
        while left > 0 {
            let Some(found) = self.automaton.find(Input::new(text).span(at..text.len())) else {
                break;
            };
            for &pattern in &self.shows[found.pattern().as_usize()] {
                if !may[pattern] {
                    may[pattern] = true;
                    left -= 1;
                }
            }
            // The next place a literal may start: literals start on a character's first
            // byte, so stepping one byte into a character skips nothing.
            at = found.start() + 1;
        }
    }
}

/// The opening literals of the patterns of several rules (a pack's existence rules), searched
/// for in one pass over a text where each rule would take one: see
/// [`Context::may_match`](super::Context::may_match), which keeps what a document's pass
/// found for all of them.
pub struct SharedStarts {
    patterns: Vec<String>,
    /// Built when a text is first searched (start-up builds none).
    set: OnceLock<StartSet>,
}

impl SharedStarts {
    /// The starts of `patterns`, in this order: a rule's patterns are a stretch of them.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a LazyRegex>) -> SharedStarts {
        SharedStarts {
            patterns: patterns.into_iter().map(|p| p.pattern.clone()).collect(),
            set: OnceLock::new(),
        }
    }

    /// Per pattern: whether it may match somewhere in `text`.
    pub fn may_match(&self, text: &str) -> Vec<bool> {
        self.set
            .get_or_init(|| StartSet::of(self.patterns.iter().map(String::as_str)))
            .may_match(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The build script works out the literals of the built-in packs' patterns: for each, they
    /// must be what working them out at run time gives, and no pattern may be missing.
    #[test]
    fn the_built_in_patterns_have_the_literals_they_are_worked_out_to() {
        let patterns = crate::rules::pack::builtin_patterns();
        for pattern in &patterns {
            assert_eq!(
                builtin_literals(pattern),
                Some(Literals::of(pattern)),
                "{pattern}"
            );
        }
        assert!(patterns.len() >= 8, "{} patterns", patterns.len());
        assert_eq!(builtin_literals("not a pattern of the packs"), None);
    }

    /// A pattern's matches lie within a line when it matches no line break and asserts
    /// nothing about its neighbours.
    #[test]
    fn matches_within_a_line_are_told_from_the_pattern() {
        let within = |pattern: &str| Literals::of(pattern).within_a_line;
        assert!(within(r"[（(][^（）()\n]{0,20}待定[）)]"));
        assert!(
            within(r"此处.{0,5}填写"),
            "`.` is any character but a line break"
        );
        assert!(
            !within(r"（[^）]{0,20}待定"),
            "`[^）]` holds the line break"
        );
        assert!(!within(r"此处\s*填写"));
        assert!(!within(r"(?s)此处.填写"));
        assert!(!within(r"^此处填写"));
        assert!(!within(r"\b此处填写"));
        assert!(!within(r"此处\n填写"));
        assert!(!within(r"此处(填写"), "a pattern that does not parse");
    }

    /// The lines a pattern is searched in are those that hold its inner literals, once each,
    /// in a text long enough to choose them; `None` where the pattern may match across lines,
    /// its inner literals are common (one character) or the text is short.
    #[test]
    fn the_lines_searched_are_those_with_an_inner_literal() {
        let filler = format!("{}\n", "甲".repeat(WORTH_A_WORD_SEARCH / 3));
        let text = format!("{filler}（此处待定）\n无\n填写（待定）再填写\n末行待定");
        let lazy = LazyRegex::deferred(r"[（(][^（）()\n]{0,20}(?:待定|填写)[）)]".to_string());
        let lines: Vec<&str> = lazy
            .lines_to_search(&text)
            .expect("lines are chosen")
            .into_iter()
            .map(|line| &text[line])
            .collect();
        assert_eq!(lines, ["（此处待定）", "填写（待定）再填写", "末行待定"]);
        assert_eq!(lazy.lines_to_search("（待定）"), None, "a short text");
        let across = LazyRegex::deferred(r"（[^）]{0,20}待定".to_string());
        assert_eq!(across.lines_to_search(&text), None);
        let common = LazyRegex::deferred(r"(?P<hit>_{1,2})年".to_string());
        assert_eq!(common.lines_to_search(&text), None);
    }

    /// `pattern`, not yet compiled: `may_match` says no for `without` and compiles nothing,
    /// says yes for `with`, which the compiled pattern matches.
    fn skipped_then_matched(pattern: &str, without: &str, with: &str) -> LazyRegex {
        let lazy = LazyRegex::deferred(pattern.to_string());
        assert!(!lazy.may_match(without), "{pattern} in {without}");
        assert!(lazy.compiled.get().is_none(), "nothing was compiled");
        assert!(lazy.may_match(with), "{pattern} in {with}");
        assert!(lazy.is_match(with), "{pattern} in {with}");
        lazy
    }

    #[test]
    fn a_text_without_the_opening_literals_is_not_searched() {
        skipped_then_matched(
            "(?P<hit>即要)[^。]{1,30}又要",
            "既要抓发展，又要保安全。",
            "即要抓发展，又要保安全。",
        );
    }

    #[test]
    fn a_text_a_pattern_matches_is_always_searched() {
        let text = "一二三 ab 2024年 某某 todo";
        for pattern in [
            r"\p{Han}+",
            "a*",
            "(?i)B",
            "[0-9]{2}年|某.",
            r"\bTODO\b|do",
            "x?某",
        ] {
            let lazy = LazyRegex::deferred(pattern.to_string());
            assert!(lazy.is_match(text), "{pattern}");
            assert!(lazy.may_match(text), "{pattern}");
        }
        assert!(LazyRegex::deferred("a*".into()).may_match("xyz"));
        assert!(!LazyRegex::deferred("x?某".into()).may_match("xyz"));
    }

    #[test]
    fn one_pass_tells_each_pattern_what_its_own_prefilter_would() {
        let patterns: Vec<LazyRegex> = [
            "即要.又要",
            "(?i)todo",
            r"\p{Han}+",
            "某某|XX",
            "要",
            "（）",
            "（",
            "X",
        ]
        .into_iter()
        .map(|p| LazyRegex::deferred(p.to_string()))
        .collect();
        let set = SharedStarts::new(&patterns);
        for text in [
            "",
            "abc",
            "即要好又要快",
            "ToDo：某某",
            "XX要",
            "即要",
            "（）",
            "X（",
        ] {
            let each: Vec<bool> = patterns.iter().map(|p| p.may_match(text)).collect();
            assert_eq!(set.may_match(text), each, "{text}");
        }
    }

    proptest::proptest! {
        /// Literals of both lengths (searched apart, see `LONG`), and a short one that opens a
        /// long one (`(` and `(某`).
        #[test]
        fn one_pass_agrees_with_a_pass_per_pattern(text in "[即要又XＸ某（）(\\[【】_＿todTOD a]{0,30}") {
            let patterns: Vec<LazyRegex> = [
                "即要.又要", "(?i)todo", "某某|XX", "（）|（[ ]+）", "（", "X{2,}|某", "_{1,2}|＿",
                "__", r"\[[^\]]*\]", "【|\\(", r"\(某",
            ]
            .into_iter()
            .map(|p| LazyRegex::deferred(p.to_string()))
            .collect();
            let each: Vec<bool> = patterns.iter().map(|p| p.may_match(&text)).collect();
            proptest::prop_assert_eq!(SharedStarts::new(&patterns).may_match(&text), each);
        }
    }

    fn inner_of(pattern: &str) -> Option<Vec<String>> {
        let literals = Literals::of(pattern).inner?;
        Some(
            literals
                .into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect(),
        )
    }

    #[test]
    fn a_bracketed_note_needs_one_of_its_words() {
        let words = inner_of("[（(](?:此处|写明)[^（）]{0,40}[）)]|[（(][^（）]{0,20}(?:待定|填写)[^（）]{0,20}[）)]");
        assert_eq!(words.unwrap(), ["写明", "填写", "待定", "此处"]);
        // Consecutive fixed parts are joined; a part that may be absent needs nothing.
        assert_eq!(inner_of("【[^】]*待[定填]").unwrap(), ["待填", "待定"]);
        assert_eq!(inner_of("（(?:此处)?[^）]*）"), None);
        // Literals no rarer than the opening ones are not looked for again.
        assert_eq!(inner_of("即要[^。]{1,30}又要"), None);
        assert_eq!(inner_of("X{2,}"), None);
        assert_eq!(inner_of(r"\p{Han}+"), None);
    }

    #[test]
    fn a_text_without_the_inner_literals_compiles_nothing() {
        let lazy = skipped_then_matched(
            "（[^）]{0,9}待定[^）]{0,9}）",
            "（一）工作安排",
            "（时间待定）",
        );
        // Compiled, the regex's own search does the looking.
        assert!(lazy.inner_literals_occur("（一）工作安排"));
    }

    proptest::proptest! {
        /// Whatever a pattern matches holds one of its inner literals, for patterns built
        /// of the parts the analysis reads (and of parts it must give up on).
        #[test]
        fn every_match_holds_an_inner_literal(
            text in "[（）()此处待定填写补充XＸ某a-c\n ]{0,24}",
            pattern in proptest::sample::select(vec![
                "[（(](?:此处|这里)[^（）()\\n]{0,6}[）)]|[（(][^（）()\\n]{0,4}(?:待定|填写)[^（）()\\n]{0,4}[）)]",
                "（[^）]*待[定填补][^）]*）",
                "（(?:此处)?[^）]*）",
                "[（(](?P<hit>[填补]充)+",
                "(?i)A[bc]{1,2}X",
                "某{2,}|[XＸ]{2}",
                "(?:a|b)(?:待|充)(?:定|填)?",
                "^处|定$",
            ]),
        ) {
            let matches = Regex::new(pattern).unwrap().is_match(&text);
            let inner = inner_of(pattern).unwrap_or_default();
            if matches && !inner.is_empty() {
                proptest::prop_assert!(
                    inner.iter().any(|literal| text.contains(literal.as_str())),
                    "{} in {:?}", pattern, text
                );
            }
            // Not compiled yet: the look for the literals decides.
            let lazy = LazyRegex::deferred(pattern.to_string());
            proptest::prop_assert!(!matches || lazy.may_match(&text), "{} in {:?}", pattern, text);
        }
    }

    #[test]
    fn case_insensitive_literals_match_every_case() {
        let lazy = LazyRegex::deferred(r"(?i)\bTODO\b".to_string());
        assert!(lazy.may_match("还有 todo 未做"));
        assert!(lazy.is_match("还有 todo 未做"));
    }

    #[test]
    fn a_pattern_compiled_now_reports_its_error() {
        assert!(LazyRegex::compiled("(".to_string()).is_err());
        let ok = LazyRegex::compiled("XX".to_string()).unwrap();
        assert!(ok.compiled.get().is_some());
    }
}
