//! Declared counts: `重点抓好以下三个方面：`, `我讲四点意见。` announce how many items follow.
//! When a point is added or cut in editing, the announcement is the line nobody rereads.
//!
//! Only an announcement that ends its clause (`：` or `。` right after `三个方面`, `四点意见`,
//! `五项工作`…) and is followed at once by a list that starts at one is checked: `这两个方面是
//! 统一的`, `增长百分之十四点七` and an announcement followed by unnumbered paragraphs are not.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::census::CharSet;
use crate::document::Document;
use crate::span::Span;
use crate::structure::enumeration::Item;
use crate::structure::markers::{parse_chinese, Marker};
use crate::structure::Problem;

use super::report;
use crate::diagnostic::{Finding, Severity};
use crate::rules::{Context, RuleDef};

pub(super) static RULE: RuleDef = RuleDef::document(
    "numbering/count",
    Severity::Warning,
    "前文预告的项数（“以下三个方面”“四点意见”）与后面列出的项数不符",
    COUNT,
    check,
);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    report(cx, RULE.meta.id.as_ref(), out)
}

/// What a count announces: `三个方面`, `两点意见`, `五项任务`.
const NOUNS: &str =
    "个方面|个问题|个部分|点意见|点要求|点体会|点建议|点希望|点|项工作|项任务|项措施|项|件事|条意见|条";

/// A declaration at the start of the text it is matched against (the text from where its
/// count may start, [`count_starts`]): it is looked for only where a noun follows a numeral,
/// a few places in a long text, where a search for the numerals stopped at most of its dates
/// and numbers.
static DECLARATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        \A
        (?P<count>{NUMERAL}{{1,2}})
        (?P<noun>{NOUNS})
        (?:的?工作|的?意见|的?问题|的?内容)?
        [：:。]"
    ))
    .expect("declaration pattern is valid")
});

/// The numerals of a count.
const NUMERAL: &str = "[两二三四五六七八九十]";

/// Whether `c` is one of [`NUMERAL`].
fn is_count_numeral(c: char) -> bool {
    matches!(
        c,
        '两' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The characters a [`DECLARATION`]'s noun opens with (every noun opens with one of these).
const NOUN_STARTS: [char; 5] = ['个', '点', '项', '件', '条'];
const NOUN_SET: CharSet = CharSet::new(&NOUN_STARTS);

/// An announced count and where it is.
struct Declaration {
    /// `三个方面`
    span: Span,
    count: u32,
    /// Just past the `：` or `。` that ends it.
    end: usize,
}

/// The list that follows a declaration: its last item, and how many items it has.
struct List {
    last: Span,
    len: u32,
}

/// Compares each declared count with the list that follows it.
pub(super) fn check_counts(
    doc: &Document,
    markers: &[Marker],
    items: &[Item],
    problems: &mut Vec<Problem>,
) {
    for declaration in declarations(doc) {
        let Some(list) = list_after(doc, &declaration, markers, items) else {
            continue;
        };
        // A page that breaks off mid-sentence may have lost the rest of the list.
        if list.len != declaration.count && !(list.len < declaration.count && breaks_off(doc)) {
            problems.push(Problem {
                rule: "numbering/count",
                span: declaration.span.clone(),
                message: format!(
                    "前文说“{}”，后面列了 {} 项",
                    &doc.source[declaration.span.clone()],
                    list.len
                ),
                related: Some((list.last, format!("列举的最后一项（第 {} 项）", list.len))),
                fix: None,
            });
        }
    }
}

/// Whether the text stops inside a sentence (an excerpt cut short), not at its end.
fn breaks_off(doc: &Document) -> bool {
    let end = doc.text.trim_end();
    !end.is_empty()
        && !end.ends_with([
            '。', '！', '？', '!', '?', '”', '」', '』', '）', ')', '…', '.',
        ])
}

fn declarations(doc: &Document) -> Vec<Declaration> {
    let text = doc.text.as_str();
    let mut found = Vec::new();
    // Declarations do not overlap: one is looked for only past the end of the one before,
    // as a search from left to right finds them.
    let mut end_of_last = 0;
    for (noun, _) in doc.census().find(NOUN_SET) {
        for start in count_starts(text, noun) {
            if start < end_of_last {
                continue;
            }
            let Some(caps) = DECLARATION.captures(&text[start..]) else {
                continue;
            };
            end_of_last = start + caps.get(0).map_or(0, |m| m.end());
            found.extend(declaration(text, start, &caps));
            break;
        }
    }
    found
}

/// Where the count before the noun at byte `noun` of `text` may start: two numerals before it,
/// then one (the earlier first, as a search from left to right tries them). A count is one or
/// two numerals right before its noun.
fn count_starts(text: &str, noun: usize) -> impl Iterator<Item = usize> + '_ {
    let numeral_before = |at: usize| {
        text[..at]
            .chars()
            .next_back()
            .filter(|&c| is_count_numeral(c))
            .map(|c| at - c.len_utf8())
    };
    let one = numeral_before(noun);
    let two = one.and_then(numeral_before);
    two.into_iter().chain(one)
}

/// The declaration matched at byte `start` of `text` (`caps` being the match of
/// [`DECLARATION`] in `text[start..]`), unless the count is the end of a longer number.
fn declaration(text: &str, start: usize, caps: &regex::Captures) -> Option<Declaration> {
    let count = caps.name("count")?;
    // `百分之十四点。` cannot occur, but `二十三点` after a numeral run is a number.
    let before = text[..start + count.start()].chars().next_back();
    if before.is_some_and(|c| "零〇一二三四五六七八九十百千万之第".contains(c)) {
        return None;
    }
    let noun = caps.name("noun")?;
    Some(Declaration {
        span: start + count.start()..start + noun.end(),
        count: parse_chinese(count.as_str().replace('两', "二").as_str())?,
        end: start + caps.get(0)?.end(),
    })
}

/// The list that starts right after the declaration (after nothing but white space), if it
/// starts at one: a run of inline items, or siblings among the numbering markers.
fn list_after(
    doc: &Document,
    declaration: &Declaration,
    markers: &[Marker],
    items: &[Item],
) -> Option<List> {
    let starts_here = |at: usize| doc.text[declaration.end..at].trim().is_empty();
    let first_marker = markers.partition_point(|m| m.span.start < declaration.end);
    if let Some(marker) = markers
        .get(first_marker)
        .filter(|m| starts_here(m.span.start))
    {
        if marker.value != 1 || marker.level.is_legal() {
            return None;
        }
        return siblings(&markers[first_marker..]);
    }
    let first_item = items.partition_point(|i| i.span.start < declaration.end);
    let item = items
        .get(first_item)
        .filter(|i| starts_here(i.span.start))?;
    if item.value != 1 {
        return None;
    }
    run(items, first_item)
}

/// `markers[0]` and the siblings that follow it in order, up to a marker of a higher level
/// or a new list; none when a sibling is out of sequence (`numbering/sequence` reports that).
fn siblings(markers: &[Marker]) -> Option<List> {
    let first = &markers[0];
    let mut last = first;
    for marker in &markers[1..] {
        if marker.level.is_legal() || marker.level.rank() < first.level.rank() {
            break;
        }
        if marker.level != first.level {
            continue;
        }
        if marker.value == 1 {
            break;
        }
        if marker.value != last.value + 1 {
            return None;
        }
        last = marker;
    }
    Some(List {
        last: last.span.clone(),
        len: last.value,
    })
}

/// `items[first]` and the items that carry on its enumeration, one after another; none when
/// the enumeration goes on out of sequence (`numbering/inline` reports that, and the count
/// would be a guess).
fn run(items: &[Item], first: usize) -> Option<List> {
    let mut last = first;
    for (i, item) in items.iter().enumerate().skip(first + 1) {
        if item.previous != Some(last) || item.value == 1 {
            continue;
        }
        if item.value != items[last].value + 1 {
            return None;
        }
        last = i;
    }
    Some(List {
        last: items[last].span.clone(),
        len: items[last].value,
    })
}

const COUNT: &str = r#"
检查什么
  预告项数的句子（“重点抓好以下三个方面：”“我讲四点意见。”“五项工作”“两件事”）与紧随其后的
  列举项数是否一致。列举可以是标题序号（“一、”“（一）”“1.”……），也可以是段内列举
  （“一是”“第一，”“首先”）。只检查两种情况同时成立时：
  - 预告的数词后紧跟“个方面、点意见、项工作、件事”等量词，并以“：”或“。”结束；
  - 紧接着（中间只有空白）就是从“一”开始的列举。
  项数按同一层级连续编号的项计算，遇到更高层级的标题或重新从“一”编号即止。

为什么
  增删要点后，前面的“三个方面”常常忘了改，讲话时“三个方面”讲了四点，很容易被听出来。

会报告
  今年重点抓好三个方面工作：一是稳增长；二是促改革；三是调结构；四是惠民生。
  （预告三个方面，列了四项）

不会报告
  这两个方面是统一的。（不是预告）
  粮食增长百分之十四点七。（数字中的“点”）
  突出了以下四个方面。（后面是没有序号的段落，无从计数）

如何修改
  改正预告的数目，或补上、删去相应的项。
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// Each noun of [`DECLARATION`] after a count and before `：` is found, where the search
    /// only looks after the characters nouns open with.
    #[test]
    fn every_declared_noun_is_found() {
        for noun in NOUNS.split('|') {
            let text = format!("讲三{noun}：");
            assert!(noun.starts_with(NOUN_STARTS), "{noun}");
            let doc = Document::new(text.clone(), crate::document::Format::Text);
            let found: Vec<&str> = declarations(&doc)
                .iter()
                .map(|d| &text[d.span.clone()])
                .collect();
            assert_eq!(found, [format!("三{noun}")], "{text}");
        }
    }

    /// The declarations a search of the whole text from left to right finds, as the pattern
    /// unanchored finds them.
    fn searched_from_left(text: &str) -> Vec<(Span, u32, usize)> {
        let unanchored = Regex::new(&DECLARATION.as_str().replacen(r"\A", "", 1)).unwrap();
        unanchored
            .captures_iter(text)
            .filter_map(|caps| {
                let start = caps.get(0)?.start();
                let within = unanchored.captures(&text[start..])?;
                declaration(text, start, &within)
            })
            .map(|d| (d.span, d.count, d.end))
            .collect()
    }

    proptest::proptest! {
        /// Looked for only where a noun follows a numeral, the declarations are those a search
        /// of the whole text finds: runs of numerals, nouns, ends and other characters mixed.
        #[test]
        fn declarations_are_those_a_search_from_the_left_finds(
            text in "(三|十|两|二十|第|百分之|个|个方面|点|点意见|项|项工作|的|工作|：|。|，|方面|条)*",
        ) {
            let doc = Document::new(text.clone(), crate::document::Format::Text);
            let found: Vec<(Span, u32, usize)> =
                declarations(&doc).into_iter().map(|d| (d.span, d.count, d.end)).collect();
            proptest::prop_assert_eq!(found, searched_from_left(&text));
        }
    }
}
