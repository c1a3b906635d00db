//! `numbering/inline`: the numbering of enumerations that run on inside the prose
//! (`一是……二是……四是`), whose items [`crate::structure::enumeration`] finds.

use crate::document::Document;
use crate::structure::enumeration::{items, Item, Series};
use crate::structure::markers::{chinese_numeral, Marker};
use crate::structure::Problem;

use super::report;
use crate::diagnostic::{Finding, Severity};
use crate::rules::{Context, RuleDef};

pub(super) static RULE: RuleDef = RuleDef::document(
    "numbering/inline",
    Severity::Warning,
    "段内列举（一是、二是，第一、第二，首先、其次）跳号、重复或倒序",
    INLINE,
    check,
);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    report(cx, RULE.meta.id.as_ref(), out)
}

/// Numbering problems of the inline enumerations: items that skip, repeat or go backwards,
/// and an enumeration that starts after one.
///
/// Items of different wordings may continue one another (`首先，……第二，……第三，`). An item
/// continues the enumeration of the last item under the same heading; an item that opens a
/// paragraph after a heading may also continue the last paragraph-opening item before it: old
/// reports use `第一，` paragraphs as headings of their own, with numbered lists between them.
/// Where the last item under the heading is of another wording, the last paragraph-opening
/// item of this wording may be carried on instead (`第一、` paragraphs around a `首先，` inside
/// one). Returns the items, each with the one it was judged against.
pub(super) fn check_items(
    doc: &Document,
    markers: &[Marker],
    problems: &mut Vec<Problem>,
) -> Vec<Item> {
    let mut read: Vec<Read> = Vec::new();
    let mut headings = markers.iter().map(|m| m.span.start).peekable();
    let mut heading_count = 0;
    let mut last_opening: Option<usize> = None;
    let text_start = running_text_start(doc);
    for mut item in items(doc) {
        while headings.next_if(|&at| at < item.span.start).is_some() {
            heading_count += 1;
        }
        let opens_paragraph = opens_paragraph(doc, &item);
        let same_heading = read
            .len()
            .checked_sub(1)
            .filter(|&i| read[i].heading_count == heading_count);
        // The last paragraph-opening item is a candidate when the last item under this
        // heading is missing or of another wording.
        // It is also one when the last item under the heading does not lead to this one: a
        // run nested in the last paragraph's item (`二是……：一是……二是……三是……`) has ended, and
        // this paragraph carries on the outer run.
        let opening = last_opening.filter(|&o| {
            opens_paragraph
                && same_heading
                    .is_none_or(|i| read[i].item.series != item.series || nested_in(&read, i, o))
        });
        let candidates: Vec<usize> = same_heading.into_iter().chain(opening).collect();
        let previous = choose_previous(&read, &candidates, &item);
        if let Some(p) = previous {
            close_sequence(&read[p].item, &mut item);
        }
        item.previous = previous;
        let resumes = previous.is_some_and(|p| resumes_after_repeat(&read, p, &item));
        if let Some(problem) = judge(doc, previous.map(|p| &read[p].item), &item, text_start) {
            if !resumes {
                problems.push(problem);
            }
        }
        if opens_paragraph {
            last_opening = Some(read.len());
        }
        read.push(Read {
            item,
            heading_count,
        });
    }
    let items: Vec<Item> = read.into_iter().map(|r| r.item).collect();
    check_wordings(doc, &items, problems);
    items
}

/// `三是……三是……五是`: after a repeated number the next item is judged against what the
/// author meant (the repeat stood for `四是`), so one mistake gives one report.
fn resumes_after_repeat(read: &[Read], previous: usize, item: &Item) -> bool {
    let repeated = &read[previous].item;
    let before = repeated.previous.map(|i| read[i].item.value);
    before == Some(repeated.value) && item.value == repeated.value + 2
}

/// One enumeration worded two ways (`一是……二要……三要`, `第一……其次……第三`): the items worded
/// unlike the rest of their enumeration are reported; on a tie, those unlike its first item.
///
/// `首先` and `其次` may open an enumeration that goes on in another wording (`首先……第二……
/// 第三`, `首先要……二是……三是`, `首先……其次……第三`): edited reports do this, as `再次` reads
/// stiffly. Only a sequence word after another wording (`第一……其次`) is out of place.
fn check_wordings(doc: &Document, items: &[Item], problems: &mut Vec<Problem>) {
    for chain in enumerations(doc, items) {
        let opening = chain
            .iter()
            .take_while(|&&i| items[i].series == Series::Sequence)
            .count();
        let numbered = &chain[opening..];
        let Some(&first) = numbered.first() else {
            continue;
        };
        let count = |series: Series| {
            numbered
                .iter()
                .filter(|&&i| items[i].series == series)
                .count()
        };
        let usual = numbered
            .iter()
            .map(|&i| items[i].series)
            .max_by_key(|&s| (count(s), s == items[first].series))
            .unwrap_or(items[first].series);
        let Some(&example) = numbered.iter().find(|&&i| items[i].series == usual) else {
            continue;
        };
        for &i in numbered.iter().filter(|&&i| items[i].series != usual) {
            let item = &items[i];
            problems.push(Problem {
                rule: "numbering/style",
                span: item.span.clone(),
                message: format!(
                    "同一组列举的用词不一致：这一组用“{}”，这里是“{}”，应为“{}”",
                    word(doc, &items[example]),
                    word(doc, item),
                    canonical(usual, item.value)
                ),
                related: Some((items[example].span.clone(), "这一组的写法".to_string())),
                fix: None,
            });
        }
    }
}

/// The enumerations of two or more items, each as the indices of its items: an item that
/// carries on the one it was judged against (`previous`, numbered one less) joins its
/// enumeration, when both are in one paragraph or both open theirs (an enumeration of
/// paragraphs). Items further apart may continue a count, but not a wording.
fn enumerations(doc: &Document, items: &[Item]) -> Vec<Vec<usize>> {
    let paragraph = |item: &Item| doc.paragraphs.partition_point(|p| p.end <= item.span.start);
    let together = |a: &Item, b: &Item| {
        paragraph(a) == paragraph(b) || (opens_paragraph(doc, a) && opens_paragraph(doc, b))
    };
    let mut chain_of: Vec<Option<usize>> = vec![None; items.len()];
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let carried = item.previous.filter(|&p| {
            items[p].value > 0 && item.value == items[p].value + 1 && together(&items[p], item)
        });
        let chain = match carried.and_then(|p| chain_of[p]) {
            Some(chain) => chain,
            None => {
                chains.push(Vec::new());
                chains.len() - 1
            }
        };
        chains[chain].push(i);
        chain_of[i] = Some(chain);
    }
    chains.retain(|chain| chain.len() > 1);
    chains
}

/// Whether the run that item `last` ends began at one inside the item `opening` opened: a
/// run nested in that item (`二是……：一是……二是……三是……`).
fn nested_in(read: &[Read], last: usize, opening: usize) -> bool {
    let mut first = last;
    while let Some(p) = read[first].item.previous {
        if read[p].item.value + 1 != read[first].item.value || p <= opening {
            break;
        }
        first = p;
    }
    first > opening && read[first].item.value == 1
}

/// Of the items `item` may carry on, the one it does carry on (the same wording first), or
/// the nearest.
fn choose_previous(read: &[Read], candidates: &[usize], item: &Item) -> Option<usize> {
    let carries_on = |&&i: &&usize| item.value == read[i].item.value + 1;
    let same_series = |&&i: &&usize| read[i].item.series == item.series;
    candidates
        .iter()
        .find(|i| carries_on(i) && same_series(i))
        .or_else(|| candidates.iter().find(carries_on))
        .or_else(|| candidates.iter().find(same_series))
        .or(candidates.first())
        .copied()
}

/// An item as the check read it.
struct Read {
    item: Item,
    /// How many headings came before it.
    heading_count: usize,
}

fn opens_paragraph(doc: &Document, item: &Item) -> bool {
    let i = doc.paragraphs.partition_point(|p| p.end <= item.span.start);
    doc.paragraphs
        .get(i)
        .is_some_and(|p| p.start == item.span.start)
}

/// `最后，` closes a `首先，其次，` list as its next item; after other wordings it is a closing
/// remark (`一是……二是……。最后，我再强调一点`), not an item.
fn close_sequence(previous: &Item, item: &mut Item) {
    if item.series == Series::Sequence && item.value == 0 && previous.series == Series::Sequence {
        item.value = previous.value + 1;
    }
}

/// What is wrong with `item` coming after the item it may continue, if any.
fn judge(
    doc: &Document,
    previous: Option<&Item>,
    item: &Item,
    text_start: usize,
) -> Option<Problem> {
    match previous {
        _ if item.value <= 1 => None,
        Some(p) if item.value == p.value + 1 => None,
        Some(p) if item.value > p.value + 1 && skipped_ones_run_in(doc, p, item) => None,
        Some(p) if p.series == item.series => Some(out_of_sequence(doc, p, item)),
        // Another wording that does not continue is a different list, not judged.
        Some(_) => None,
        // `其次` may follow any opening (`一方面`, `首要的是`).
        None if item.series == Series::Sequence => None,
        // The second page of an article may open at `四是`.
        None if opens_text(doc, item, text_start) => None,
        None if follows_running_text(doc, item) => None,
        None => Some(missing_start(doc, item)),
    }
}

/// `……优良率*二是水污染防治……三是土壤`: the items between two are there, run on where no
/// clause starts, so none was skipped.
fn skipped_ones_run_in(doc: &Document, previous: &Item, item: &Item) -> bool {
    let mut rest = &doc.text[previous.span.end..item.span.start];
    for value in previous.value + 1..item.value {
        let word = canonical(item.series, value);
        match rest.find(&word) {
            Some(at) => rest = &rest[at + word.len()..],
            None => return false,
        }
    }
    true
}

/// `……形成了工作格局。二是突出问题整改`: an enumeration that seems to start at two after
/// running text of its paragraph may have its first item in that text, worded without `一是`
/// or cut from an excerpt. A missing first item is certain only where the item opens its
/// paragraph, follows the paragraph's heading (`（三）完善制度。二是……`) or an introduction
/// (`抓好三项工作：二是……`).
fn follows_running_text(doc: &Document, item: &Item) -> bool {
    let i = doc.paragraphs.partition_point(|p| p.end <= item.span.start);
    let Some(paragraph) = doc.paragraphs.get(i) else {
        return false;
    };
    let before = doc.text[paragraph.start..item.span.start].trim_end();
    if before.is_empty() || before.ends_with([':', '：']) {
        return false;
    }
    let heading =
        crate::structure::markers::marker_at(before, paragraph.start, item.span.start, true)
            .is_some_and(|m| !m.uncertain);
    const ENDS: [char; 5] = ['。', '！', '？', '；', ';'];
    let sentences = before.trim_end_matches(ENDS).matches(ENDS).count();
    !(heading && sentences == 0)
}

/// Whether `item` opens the first paragraph of running text (which starts at `text_start`):
/// only titles come before it.
fn opens_text(doc: &Document, item: &Item, text_start: usize) -> bool {
    opens_paragraph(doc, item) && item.span.start <= text_start
}

/// Where the running text begins: the first paragraph that is not a title, or the end.
fn running_text_start(doc: &Document) -> usize {
    doc.paragraphs
        .iter()
        .find(|p| crate::structure::find::is_body(doc, p))
        .map_or(doc.text.len(), |p| p.start)
}

fn word(doc: &Document, item: &Item) -> String {
    doc.source[item.span.clone()].to_string()
}

/// How item `value` of `series` is written (`三是`, `第三`, `再次`).
fn canonical(series: Series, value: u32) -> String {
    let numeral = chinese_numeral(value);
    match series {
        Series::Shi => format!("{numeral}是"),
        Series::Yao => format!("{numeral}要"),
        Series::Ordinal => format!("第{numeral}"),
        Series::Sequence => match value {
            1 => "首先".to_string(),
            2 => "其次".to_string(),
            _ => "再次".to_string(),
        },
    }
}

fn out_of_sequence(doc: &Document, previous: &Item, item: &Item) -> Problem {
    let expected = previous.value + 1;
    let what = if item.value == previous.value {
        "重复"
    } else if item.value > expected {
        "跳号"
    } else {
        "倒序"
    };
    Problem {
        rule: "numbering/inline",
        span: item.span.clone(),
        message: format!(
            "列举{what}：“{}”之后应为“{}”，这里是“{}”",
            word(doc, previous),
            canonical(item.series, expected),
            word(doc, item)
        ),
        related: Some((previous.span.clone(), "上一项".to_string())),
        fix: None,
    }
}

fn missing_start(doc: &Document, item: &Item) -> Problem {
    Problem {
        rule: "numbering/inline",
        span: item.span.clone(),
        message: format!(
            "列举从“{}”开始，前面没有“{}”",
            word(doc, item),
            canonical(item.series, 1)
        ),
        related: None,
        fix: None,
    }
}

const INLINE: &str = r#"
检查什么
  段落中的列举：“一是……二是……三是”“第一，……第二，……”“首先，……其次，……再次，……”。
  报告跳号（二是之后是四是）、重复、倒序，以及没有“一是”就从“二是”开始的列举。
  一个标题（“一、”“（一）”“1.”等）之下的列举自成一组；遇到下一个标题，或再次出现
  “一是”“第一”“首先”，就开始新的一组。一项之中以冒号引出的列举（“二是……：一是……
  二是……三是……”）另成一组，下一段的“三是”接着外层计数。重复的“三是”之后是“五是”时，
  按作者本意（重复的那项应为“四是”）不再报告“五是”。

为什么
  讲话稿多用段内列举组织要点。修改时删去或挪走一点，后面的序数常常忘了改，
  念稿时一听就错。

会报告
  一是加强组织领导；二是完善工作机制；四是强化督促检查。    （跳过了“三是”）
  第一，统一思想。第二，压实责任。第二，严格考核。          （“第二”重复）

不会报告
  祖国统一是大势所趋。（“一是”只是词语的一部分）
  原因之一是投入不足。
  说话要一是一，二是二。（习语）
  第一书记、第一次会议。
  再次强调，要守住底线。（“再次”不在列举中）
  第一、二名；第二、三,第三、一工会小组（成对的名次、组别）。
  ……达标率保持100%二是推进污水治理。三是……（“二是”写在句中，并没有跳号）
  ……形成了工作格局。二是突出问题整改……（前面的正文可能就是第一项，只是没写“一是”，
  或摘录从中间开始；只有段首、标题之后或冒号之后直接出现“二是”才报告缺少“一是”）
  行动工作一要压实责任；二要……（“一要”写在句中）
  文本开头就是“四是……”（分页或摘录，从列举中间开始）。

如何修改
  按顺序改正序数，或补上遗漏的一项。
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn words(text: &str) -> Vec<(String, u32)> {
        let doc = Document::new(text.to_string(), Format::Text);
        items(&doc)
            .iter()
            .map(|i| (doc.source[i.span.clone()].to_string(), i.value))
            .collect()
    }

    #[test]
    fn finds_items_at_clause_starts() {
        assert_eq!(
            words("重点抓好三项工作：一是强化领导；二是完善制度。十一是加强保障。"),
            [
                ("一是".into(), 1),
                ("二是".into(), 2),
                ("十一是".into(), 11)
            ]
        );
        assert_eq!(
            words("第一，坚持党的领导。第二是深化改革。首先，要统一思想；其次，要狠抓落实。"),
            [
                ("第一".into(), 1),
                ("第二".into(), 2),
                ("首先".into(), 1),
                ("其次".into(), 2)
            ]
        );
    }

    #[test]
    fn ignores_words_that_only_contain_an_item_word() {
        for text in [
            "祖国统一是大势所趋。",
            "原因之一是投入不足。",
            "说话要一是一，二是二。",
            "坚持“三要三不要”的原则。",
            "第一书记到村任职。",
            "他是第一次参加。",
            "再次强调，要守住底线。",
        ] {
            assert_eq!(words(text), [], "{text}");
        }
    }
}
