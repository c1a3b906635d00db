//! The phrases in which a text speaks of a place as its own: `联系`…`发展所需`, `我们`…,
//! …`全市上下`, …`市委的坚强领导下`.
//!
//! Read by hand rather than by a regex: the phrases hold a stretch of two to twelve Han
//! characters, and a lazy DFA over `\p{Han}{2,12}?` builds thousands of states on Chinese text
//! (it took a third of the time of `place/region`). The search here finds what the regex in
//! the tests finds, leftmost-first, and its tests check that on random texts.

use std::ops::Range;
use std::sync::LazyLock;

/// Verbs that open a stretch ended by one of [`OWN_GOALS`]: `联系`天津`发展所需`.
const OWN_VERBS: [&str; 12] = [
    "联系", "结合", "立足", "扎根", "服务", "推动", "推进", "助力", "建设", "谱写", "奋力", "全力",
];

/// What follows the place in `联系天津发展所需`, `结合河北实际`, in the order they are tried.
const OWN_GOALS: [&str; 6] = [
    "发展所需",
    "实际",
    "高质量发展",
    "经济社会发展",
    "发展大局",
    "新篇章",
];

/// Words after which the place follows: `我们天津`.
const WE: [&str; 2] = ["我们", "咱们"];

/// The fewest and the most characters a place stretch holds.
const SHORTEST: usize = 2;
const LONGEST: usize = 12;

/// Where the place is in a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stretch {
    /// Between a verb and a goal: the whole stretch is the name.
    Between(Range<usize>),
    /// After `我们`: a name opens it.
    After(Range<usize>),
    /// Before `全市上下` or `市委的领导下`: a name closes it.
    Before(Range<usize>),
}

/// One phrase: all of it, and the stretch that holds the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub whole: Range<usize>,
    pub stretch: Stretch,
}

/// A stretch of text read for phrases: for each character, what can start there, and how far
/// the run of Han characters from it goes. Each search is then a step per character.
pub struct Phrases<'t> {
    text: &'t str,
    /// Byte offset of each character, and the text's length after the last.
    offsets: Vec<usize>,
    /// The characters.
    chars: Vec<char>,
    /// Per character: the index of the first character after the Han run from it.
    han_run_end: Vec<usize>,
    /// Per character: the index of the first character at or after it that opens a goal, and
    /// where that goal ends in bytes (`usize::MAX` index when there is none).
    next_goal: Vec<(usize, usize)>,
    /// The same for the closings of the phrases before which a place is named.
    next_closing: Vec<(usize, usize)>,
}

impl<'t> Phrases<'t> {
    pub fn new(text: &'t str) -> Phrases<'t> {
        // Counted first, the characters are gathered with no growth: a text is read in many
        // short windows, and growing the two lists from nothing took a realloc or more each.
        let count = text.chars().count();
        let mut offsets = Vec::with_capacity(count + 1);
        let mut chars = Vec::with_capacity(count);
        for (at, c) in text.char_indices() {
            offsets.push(at);
            chars.push(c);
        }
        offsets.push(text.len());
        let mut han_run_end = vec![count; count + 1];
        let mut next_goal = vec![(usize::MAX, 0); count + 1];
        let mut next_closing = vec![(usize::MAX, 0); count + 1];
        for (index, &c) in chars.iter().enumerate().rev() {
            let at = offsets[index];
            han_run_end[index] = if is_han_script(c) {
                han_run_end[index + 1]
            } else {
                index
            };
            next_goal[index] =
                goal_end(text, at, c).map_or(next_goal[index + 1], |end| (index, end));
            // A closing opens with `全` or `委`: other characters are passed over.
            let closing = match c {
                '全' => whole_area_end(text, at),
                '委' => leadership_end(text, at),
                _ => None,
            };
            next_closing[index] = closing.map_or(next_closing[index + 1], |end| (index, end));
        }
        Phrases {
            text,
            offsets,
            chars,
            han_run_end,
            next_goal,
            next_closing,
        }
    }

    /// The first phrase that starts at byte `at` or later: the leftmost, and of those that
    /// start there the first kind in the order verb…goal, `我们`…, …closing.
    pub fn find_at(&self, at: usize) -> Option<Phrase> {
        let first = self.offsets.partition_point(|&offset| offset < at);
        (first..self.offsets.len() - 1).find_map(|index| {
            self.between_at(index)
                .or_else(|| self.after_at(index))
                .or_else(|| self.before_at(index))
        })
    }

    /// `联系天津发展所需`: the shortest stretch a goal follows.
    fn between_at(&self, index: usize) -> Option<Phrase> {
        if !opens_a_verb(self.chars[index]) {
            return None;
        }
        let start = self.offsets[index];
        let verb = OWN_VERBS
            .iter()
            .find(|v| self.text[start..].starts_with(*v))?;
        let from = index + verb.chars().count();
        let (goal, end) = self.shortest_stretch(from, &self.next_goal)?;
        Some(Phrase {
            whole: start..end,
            stretch: Stretch::Between(self.offsets[from]..self.offsets[goal]),
        })
    }

    /// `我们天津`: the longest stretch of Han characters after `我们`, at most twelve.
    fn after_at(&self, index: usize) -> Option<Phrase> {
        if !opens_we(self.chars[index]) {
            return None;
        }
        let start = self.offsets[index];
        let we = WE.iter().find(|w| self.text[start..].starts_with(*w))?;
        let from = index + we.chars().count();
        let to = self.han_run_end[from].min(from + LONGEST);
        let end = self.offsets[to];
        (to - from >= SHORTEST).then(|| Phrase {
            whole: start..end,
            stretch: Stretch::After(self.offsets[from]..end),
        })
    }

    /// `天津全市上下`, `天津市委的坚强领导下`: the shortest stretch a closing follows.
    fn before_at(&self, index: usize) -> Option<Phrase> {
        let (closing, end) = self.shortest_stretch(index, &self.next_closing)?;
        let start = self.offsets[index];
        Some(Phrase {
            whole: start..end,
            stretch: Stretch::Before(start..self.offsets[closing]),
        })
    }

    /// The shortest stretch of two to twelve Han characters from character `from` that is
    /// followed by what `next` points to: where that starts (a character index) and ends.
    fn shortest_stretch(&self, from: usize, next: &[(usize, usize)]) -> Option<(usize, usize)> {
        let (found, end) = *next.get(from + SHORTEST)?;
        let last = self.han_run_end[from].min(from + LONGEST);
        (found <= last).then_some((found, end))
    }
}

/// The goal at byte `at` (`发展所需`, `实际`…), whose character is `c`: where it ends.
fn goal_end(text: &str, at: usize, c: char) -> Option<usize> {
    if !opens_a_goal(c) {
        return None;
    }
    OWN_GOALS
        .iter()
        .find(|goal| text[at..].starts_with(*goal))
        .map(|goal| at + goal.len())
}

/// Whether `c` is the first character of one of [`OWN_VERBS`]. Most characters are not, and
/// every character of a stretch is tried: they are passed over before any verb is compared.
fn opens_a_verb(c: char) -> bool {
    matches!(
        c,
        '联' | '结' | '立' | '扎' | '服' | '推' | '助' | '建' | '谱' | '奋' | '全'
    )
}

/// Whether `c` is the first character of one of [`OWN_GOALS`] (see [`opens_a_verb`]).
fn opens_a_goal(c: char) -> bool {
    matches!(c, '发' | '实' | '高' | '经' | '新')
}

/// Whether `c` is the first character of one of [`WE`] (see [`opens_a_verb`]).
fn opens_we(c: char) -> bool {
    matches!(c, '我' | '咱')
}

/// `全市上下` at `at`: where it ends.
fn whole_area_end(text: &str, at: usize) -> Option<usize> {
    let rest = text[at..].strip_prefix('全')?;
    let rest = rest.strip_prefix(['省', '市', '区', '县'])?;
    let rest = rest.strip_prefix("上下")?;
    Some(text.len() - rest.len())
}

/// `委的领导下`, `委、市政府的坚强领导下`, `委、政府的领导下` at `at`: where it ends. The
/// optional parts are tried present first, as a greedy regex tries them.
fn leadership_end(text: &str, at: usize) -> Option<usize> {
    let rest = text[at..].strip_prefix('委')?;
    let and_government = rest.strip_prefix('、');
    let governments = [
        and_government
            .and_then(|r| r.strip_prefix(['省', '市', '区', '县']))
            .and_then(|r| r.strip_prefix("政府")),
        and_government.and_then(|r| r.strip_prefix("政府")),
        Some(rest),
    ];
    let rest = governments.into_iter().flatten().find_map(|rest| {
        let rest = rest.strip_prefix('的')?;
        [rest.strip_prefix("坚强"), Some(rest)]
            .into_iter()
            .flatten()
            .find_map(|rest| rest.strip_prefix("领导下"))
    })?;
    Some(text.len() - rest.len())
}

/// Whether `c` is of the Han script, as the regex class `\p{Han}` says.
fn is_han_script(c: char) -> bool {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    if c.is_ascii() {
        return false;
    }
    let i = HAN_RANGES.partition_point(|&(_, high)| high < c);
    HAN_RANGES.get(i).is_some_and(|&(low, _)| low <= c)
}

/// The ranges of `\p{Han}`, from the regex crate's own Unicode tables.
static HAN_RANGES: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    use regex_syntax::hir::{Class, HirKind};
    let hir = regex_syntax::Parser::new()
        .parse(r"\p{Han}")
        .expect("the Han class parses");
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|range| (range.start(), range.end()))
            .collect(),
        other => unreachable!("\\p{{Han}} is a Unicode class, not {other:?}"),
    }
});

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    /// The phrases as one regex: what [`Phrases::find_at`] must find.
    static ORACLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)
            (?:联系|结合|立足|扎根|服务|推动|推进|助力|建设|谱写|奋力|全力)
            (?P<between>\p{Han}{2,12}?)
            (?:发展所需|实际|高质量发展|经济社会发展|发展大局|新篇章)
          | (?:我们|咱们)(?P<after>\p{Han}{2,12})
          | (?P<before>\p{Han}{2,12}?)
            (?:全[省市区县]上下|委(?:、[省市区县]?政府)?的(?:坚强)?领导下)
            ",
        )
        .expect("pattern is valid")
    });

    fn by_oracle(text: &str, at: usize) -> Option<Phrase> {
        let caps = ORACLE.captures_at(text, at)?;
        let whole = caps.get(0)?.range();
        let stretch = if let Some(m) = caps.name("between") {
            Stretch::Between(m.range())
        } else if let Some(m) = caps.name("after") {
            Stretch::After(m.range())
        } else {
            Stretch::Before(caps.name("before")?.range())
        };
        Some(Phrase { whole, stretch })
    }

    fn stretch_of(text: &str) -> Option<(Stretch, &str)> {
        let phrase = Phrases::new(text).find_at(0)?;
        let span = match &phrase.stretch {
            Stretch::Between(s) | Stretch::After(s) | Stretch::Before(s) => s.clone(),
        };
        Some((phrase.stretch.clone(), &text[span]))
    }

    #[test]
    fn each_kind_of_phrase_and_its_stretch() {
        let (kind, name) = stretch_of("要联系天津发展所需，").unwrap();
        assert!(matches!(kind, Stretch::Between(_)));
        assert_eq!(name, "天津");
        let (kind, name) = stretch_of("我们天津市，").unwrap();
        assert!(matches!(kind, Stretch::After(_)));
        assert_eq!(name, "天津市");
        let (kind, name) = stretch_of("在天津市委、市政府的坚强领导下").unwrap();
        assert!(matches!(kind, Stretch::Before(_)));
        assert_eq!(name, "在天津市");
        let (_, name) = stretch_of("河北全省上下").unwrap();
        assert_eq!(name, "河北");
    }

    #[test]
    fn stretches_are_two_to_twelve_han_characters() {
        assert_eq!(stretch_of("联系津发展所需"), None);
        assert_eq!(stretch_of("我们天"), None);
        assert_eq!(stretch_of("联系天津，发展所需"), None);
        let (_, name) = stretch_of("我们一二三四五六七八九十百千万亿").unwrap();
        assert_eq!(name.chars().count(), 12);
    }

    #[test]
    fn the_first_characters_checked_are_those_of_the_words() {
        let firsts = |words: &[&str]| -> Vec<char> {
            words.iter().filter_map(|w| w.chars().next()).collect()
        };
        assert!(firsts(&OWN_VERBS).into_iter().all(opens_a_verb));
        assert!(firsts(&OWN_GOALS).into_iter().all(opens_a_goal));
        assert_eq!(firsts(&WE), ['我', '咱']);
        assert!(firsts(&WE).into_iter().all(opens_we));
        for c in ['天', '津', '要', '的', '委'] {
            assert!(!opens_a_verb(c) && !opens_a_goal(c) && !opens_we(c), "{c}");
        }
    }

    #[test]
    fn the_class_is_the_regex_crate_han_script() {
        for c in ['〇', '々', '⺀', '㐀', '豈', '𠀀', '中'] {
            assert!(is_han_script(c), "{c}");
        }
        for c in ['a', '，', '、', 'あ', '１', '　'] {
            assert!(!is_han_script(c), "{c}");
        }
    }

    /// Pieces of the phrases, and what falls between and around them.
    const PIECES: [&str; 30] = [
        "联系",
        "推动",
        "全力",
        "发展所需",
        "实际",
        "高质量发展",
        "发展",
        "大局",
        "新篇章",
        "我们",
        "咱们",
        "全",
        "市",
        "省",
        "上下",
        "委",
        "、",
        "政府",
        "的",
        "坚强",
        "领导下",
        "天津",
        "河北",
        "〇",
        "々",
        "，",
        "a",
        "1",
        "𠀀",
        "区",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn finds_what_the_regex_finds(picks in prop::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let phrases = Phrases::new(&text);
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                prop_assert_eq!(phrases.find_at(at), by_oracle(&text, at), "{} from {}", text, at);
            }
        }
    }
}
