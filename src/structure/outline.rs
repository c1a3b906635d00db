//! Building the heading tree from markers, and what is wrong with its numbering.
//!
//! One pass with a stack of open groups, as an editor reads: a marker of a level that is open
//! continues that group (its number must follow on); a deeper one opens a group under the
//! current item (it must start at one, and not carry on the previous parent's count); a level
//! that is higher than the current one but not open is an inversion (`（一）` under `1.`).
//! Regulations (`第一章`, `第一条`) number on their own terms and are checked separately:
//! articles run on through the whole text, across chapters.

use std::collections::HashMap;

use super::markers::{marker_at, Level, Marker};
use crate::diagnostic::Span;
use crate::document::Document;

/// One heading or item and those under it.
#[derive(Debug, Clone)]
pub struct Node {
    pub marker: Marker,
    pub children: Vec<Node>,
}

/// A numbering problem, as the rules will report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The rule that reports it, e.g. `numbering/sequence`.
    pub rule: &'static str,
    pub span: Span,
    pub message: String,
    /// The marker this one is judged against (the previous sibling, the parent…).
    pub related: Option<(Span, String)>,
    /// The marker as it should be written, when that is certain.
    pub fix: Option<String>,
}

#[derive(Debug, Default)]
pub struct Outline {
    pub roots: Vec<Node>,
    pub problems: Vec<Problem>,
}

/// A group of siblings being read.
struct Group {
    level: Level,
    last: Marker,
}

/// A run of siblings that has ended, remembered to tell a list that resumes after an
/// interruption (fine) from one that fails to restart under a new parent (a problem).
struct EndedRun {
    level: Level,
    last: u32,
    /// Ended because its parent's level moved on (`二、` after `一、`'s `（一）（二）`).
    by_new_parent: bool,
}

/// The state of one pass over the markers.
#[derive(Default)]
struct Reader {
    open: Vec<Group>,
    ended: Vec<EndedRun>,
    kept: Vec<Marker>,
    problems: Vec<Problem>,
}

impl Outline {
    /// Every marker of the tree, in document order.
    pub fn markers(&self) -> Vec<&Marker> {
        fn walk<'a>(node: &'a Node, out: &mut Vec<&'a Marker>) {
            out.push(&node.marker);
            for child in &node.children {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        for root in &self.roots {
            walk(root, &mut out);
        }
        out
    }

    pub fn build(doc: &Document) -> Outline {
        let mut reader = Reader::default();
        for marker in find_markers(doc) {
            reader.read(doc, marker);
        }
        let Reader {
            kept, mut problems, ..
        } = reader;
        check_legal_scheme(&kept, &mut problems);
        super::style::check(doc, &kept, &mut problems);
        let items = super::enumeration::check(doc, &kept, &mut problems);
        super::count::check(doc, &kept, &items, &mut problems);
        problems.sort_by_key(|p| p.span.start);
        Outline {
            roots: tree(kept),
            problems,
        }
    }
}

/// Markers in document order: those that open a paragraph, and those that run on inside a
/// paragraph that opens with a marker, after a full stop (`（一）……。1.……。2.……`). A marker
/// after `；` or `：` is part of a list inside a sentence (`报告分三个部分：一、……；二、……`).
/// Table cells hold data, not headings: Markdown tables, and lines of plain text with two or
/// more tabs (cells pasted from a spreadsheet or a Word table). Markdown ordered lists are
/// markers of the `1.` level.
fn find_markers(doc: &Document) -> Vec<Marker> {
    let mut markers = Vec::new();
    let mut sentences = doc.sentences.iter().peekable();
    for paragraph in doc.paragraphs.iter().filter(|p| !in_table(doc, p)) {
        let mut opens_with_marker = false;
        while sentences.next_if(|s| s.start < paragraph.start).is_some() {}
        while let Some(sentence) = sentences.next_if(|s| s.start < paragraph.end) {
            let opens_paragraph = sentence.start == paragraph.start;
            let runs_on = opens_with_marker && follows_full_stop(doc, sentence.start);
            if !(opens_paragraph || runs_on) {
                continue;
            }
            let text = &doc.text[sentence.clone()];
            if let Some(marker) = marker_at(text, sentence.start, sentence.end, opens_paragraph) {
                opens_with_marker |= opens_paragraph;
                markers.push(marker);
            }
        }
    }
    if !doc.ordered_items.is_empty() {
        markers.extend(list_markers(doc));
        markers.sort_by_key(|m| m.span.start);
    }
    confirm_opening_slips(&mut markers);
    markers
}

/// A slip can only continue a list, except the list's first item: `l.总则` before `2.` is the
/// `1.` it stands for.
fn confirm_opening_slips(markers: &mut [Marker]) {
    for i in 0..markers.len() {
        let (head, tail) = markers.split_at_mut(i + 1);
        let marker = &mut head[i];
        if marker.slip.is_none() || marker.value != 1 {
            continue;
        }
        let next = tail
            .iter()
            .find(|m| m.level == marker.level && !m.uncertain);
        if next.is_some_and(|next| next.value == 2) {
            marker.uncertain = false;
        }
    }
}

fn in_table(doc: &Document, paragraph: &Span) -> bool {
    let i = doc.tables.partition_point(|t| t.end <= paragraph.start);
    let in_markdown_table = doc
        .tables
        .get(i)
        .is_some_and(|t| t.start <= paragraph.start);
    in_markdown_table || doc.text[paragraph.clone()].matches('\t').nth(1).is_some()
}

/// Markdown ordered-list items as markers. A list that numbers every item alike (`1.` `1.`
/// `1.`, which Markdown displays as 1, 2, 3) is read as displayed; otherwise as written, so
/// that `1.` `2.` `4.` in the source is reported like any other gap.
fn list_markers(doc: &Document) -> Vec<Marker> {
    let items = &doc.ordered_items;
    let lazy = |list: usize| {
        let mut numbers = items.iter().filter(|i| i.list == list).map(|i| i.written);
        let first = numbers.next();
        let rest: Vec<u64> = numbers.collect();
        !rest.is_empty() && rest.iter().all(|&n| Some(n) == first)
    };
    items
        .iter()
        .filter_map(|item| {
            let value = if lazy(item.list) {
                item.displayed
            } else {
                item.written
            };
            let title_at = doc.sentences.partition_point(|s| s.start < item.marker.end);
            let title = doc
                .sentences
                .get(title_at)
                .map_or(item.marker.end..item.marker.end, |s| s.clone());
            Some(Marker {
                span: item.marker.clone(),
                level: Level::Arabic,
                value: u32::try_from(value).ok().filter(|&v| v > 0)?,
                title,
                opens_paragraph: true,
                uncertain: false,
                markup: true,
                slip: None,
            })
        })
        .collect()
}

/// Whether the sentence starting at `at` follows one that ended with `。！？` (and any
/// closing quotes), rather than `；`.
fn follows_full_stop(doc: &Document, at: usize) -> bool {
    doc.text[..at]
        .trim_end()
        .trim_end_matches(['”', '’', '」', '』', '）', ')'])
        .ends_with(['。', '！', '？', '!', '?'])
}

impl Reader {
    fn read(&mut self, doc: &Document, marker: Marker) {
        if marker.level.is_legal() {
            // Items restart under each article, chapter and section of a regulation.
            self.open.clear();
            self.ended.clear();
            self.kept.push(marker);
            return;
        }
        if let Some(at) = self.open.iter().rposition(|g| g.level == marker.level) {
            self.continue_group(doc, at, marker);
        } else if !marker.uncertain {
            self.open_group(doc, marker);
        }
    }

    /// A marker of a level that is open: the next sibling, a new list, or a resumed one.
    fn continue_group(&mut self, doc: &Document, at: usize, marker: Marker) {
        let previous = self.open[at].last.clone();
        let follows = marker.value == previous.value + 1;
        if marker.uncertain && !follows {
            return;
        }
        let new_list = marker.value == 1 && previous.value > 1;
        // A proper next sibling starts a new parent: what was open under the old one must not
        // carry on. A return to one may be a list nested in the open item (old reports do
        // this), so what it closes may still resume.
        self.end_groups_from(at + 1, !new_list);
        if new_list {
            // Back to one after a longer run: a new list (reports restart `一、` under
            // unnumbered part headings); the old run may still resume later.
            self.ended.push(EndedRun {
                level: previous.level,
                last: previous.value,
                by_new_parent: false,
            });
        } else if !follows && !self.resumes(&marker) {
            check_sibling(doc, &previous, &marker, &mut self.problems);
        }
        self.open[at].last = marker.clone();
        self.kept.push(marker);
    }

    /// A marker of a level that is not open: a child of the current item, or a new top level.
    fn open_group(&mut self, doc: &Document, marker: Marker) {
        let rank = marker.level.rank();
        if self.open.iter().all(|g| g.level.rank() > rank) {
            // Higher than anything open (`一、` after a preamble's `（一）（二）`): a new top.
            self.end_groups_from(0, false);
        } else if let Some(parent) = self.open.last() {
            check_child_level(doc, &parent.last, &marker, &mut self.problems);
        }
        if marker.value != 1 {
            self.check_first(doc, &marker);
        }
        self.open.push(Group {
            level: marker.level,
            last: marker.clone(),
        });
        self.kept.push(marker);
    }

    /// Ends the open groups from index `from` on.
    fn end_groups_from(&mut self, from: usize, by_new_parent: bool) {
        let from = from.min(self.open.len());
        for group in self.open.drain(from..) {
            self.ended.push(EndedRun {
                level: group.level,
                last: group.last.value,
                by_new_parent,
            });
        }
    }

    /// Whether `marker` carries on an earlier, interrupted run of its level.
    fn resumes(&self, marker: &Marker) -> bool {
        self.ended.iter().any(|run| {
            run.level == marker.level && run.last + 1 == marker.value && !run.by_new_parent
        })
    }

    /// A first child that is not one: it failed to restart, or the list starts oddly.
    fn check_first(&mut self, doc: &Document, marker: &Marker) {
        if previous_item_runs_in(doc, marker) {
            return;
        }
        let previous = self
            .ended
            .iter()
            .rev()
            .find(|run| run.level == marker.level);
        let (rule, message) = match previous {
            Some(run) if run.last + 1 == marker.value && !run.by_new_parent => return,
            Some(run) if run.last + 1 == marker.value => (
                "numbering/restart",
                format!(
                    "“{}”接续了上一部分的编号，在新的上级标题下应从“{}”重新编号",
                    shown(doc, marker),
                    marker.level.canonical(1)
                ),
            ),
            _ => (
                "numbering/start",
                format!(
                    "这一组序号从“{}”开始，应从“{}”开始",
                    shown(doc, marker),
                    marker.level.canonical(1)
                ),
            ),
        };
        self.problems.push(Problem {
            rule,
            span: marker.span.clone(),
            message,
            related: None,
            fix: None,
        });
    }
}

/// `会议决定，一、……` then `二、……` on a line of its own: the list's first item runs on inside
/// a paragraph just before (after a comma or colon, where it is not read as a marker), or
/// its text was broken over two lines.
fn previous_item_runs_in(doc: &Document, marker: &Marker) -> bool {
    const LOOK_BACK_PARAGRAPHS: usize = 2;
    let here = doc
        .paragraphs
        .partition_point(|p| p.end <= marker.span.start);
    let from = here
        .checked_sub(LOOK_BACK_PARAGRAPHS)
        .map_or(0, |i| doc.paragraphs[i].start);
    let previous_item = marker.level.canonical(marker.value - 1);
    let opens_a_paragraph = |at: usize| doc.paragraphs[..here].iter().any(|p| p.start == at);
    doc.text[from..marker.span.start]
        .match_indices(&previous_item)
        .any(|(i, _)| !opens_a_paragraph(from + i))
}

fn shown(doc: &Document, marker: &Marker) -> String {
    marker.shown(&doc.source)
}

fn check_sibling(doc: &Document, previous: &Marker, marker: &Marker, problems: &mut Vec<Problem>) {
    let expected = previous.value + 1;
    let what = if marker.value == previous.value {
        "重复"
    } else if marker.value > expected {
        "跳号"
    } else {
        "倒序"
    };
    problems.push(Problem {
        rule: "numbering/sequence",
        span: marker.span.clone(),
        message: format!(
            "序号{what}：“{}”之后应为“{}”，这里是“{}”",
            shown(doc, previous),
            marker.level.canonical(expected),
            shown(doc, marker)
        ),
        related: Some((previous.span.clone(), "上一个同级序号".to_string())),
        fix: None,
    });
}

/// `（1）` directly under `一、` skips two levels; `（一）` opened under `1.` inverts them.
/// Skipping one level (`1.` under `一、`) is common practice in short texts and allowed.
fn check_child_level(
    doc: &Document,
    parent: &Marker,
    marker: &Marker,
    problems: &mut Vec<Problem>,
) {
    // `①` is outside the four levels of GB/T 9704 and doubles as a footnote mark.
    if marker.level == Level::Circled || parent.level == Level::Circled {
        return;
    }
    let (parent_rank, rank) = (parent.level.rank(), marker.level.rank());
    let message = if rank < parent_rank {
        format!(
            "层级颠倒：较高层级的“{}”出现在较低层级的“{}”之下",
            shown(doc, marker),
            shown(doc, parent)
        )
    } else if rank - parent_rank > 2 {
        format!(
            "层级跳跃：“{}”直接用在“{}”之下，中间缺少“{}”层级",
            shown(doc, marker),
            shown(doc, parent),
            Level::ParenChinese.canonical(1)
        )
    } else {
        return;
    };
    problems.push(Problem {
        rule: "numbering/level-order",
        span: marker.span.clone(),
        message,
        related: Some((parent.span.clone(), "上级标题".to_string())),
        fix: None,
    });
}

/// Regulations: chapters and articles run through the whole text; sections restart under each
/// chapter. Only gaps, repeats and reversals are checked.
fn check_legal_scheme(markers: &[Marker], problems: &mut Vec<Problem>) {
    let mut last: HashMap<Level, &Marker> = HashMap::new();
    for marker in markers.iter().filter(|m| m.level.is_legal()) {
        if marker.level == Level::Legal(super::markers::LegalUnit::Chapter) {
            last.remove(&Level::Legal(super::markers::LegalUnit::Section));
        }
        let expected = last.get(&marker.level).map_or(1, |m| m.value + 1);
        if marker.value != expected && last.contains_key(&marker.level) {
            problems.push(Problem {
                rule: "numbering/sequence",
                span: marker.span.clone(),
                message: format!("序号不连续：应为“{}”", marker.level.canonical(expected)),
                related: last
                    .get(&marker.level)
                    .map(|m| (m.span.clone(), "上一个同级序号".to_string())),
                fix: None,
            });
        }
        last.insert(marker.level, marker);
    }
}

/// Nests markers by rank: each marker goes under the nearest earlier one of a lower rank.
fn tree(markers: Vec<Marker>) -> Vec<Node> {
    let mut roots: Vec<Node> = Vec::new();
    for marker in markers {
        insert(
            &mut roots,
            Node {
                marker,
                children: Vec::new(),
            },
        );
    }
    roots
}

fn insert(siblings: &mut Vec<Node>, node: Node) {
    match siblings.last_mut() {
        Some(last)
            if last.marker.level.is_legal() == node.marker.level.is_legal()
                && last.marker.level.rank() < node.marker.level.rank() =>
        {
            insert(&mut last.children, node)
        }
        _ => siblings.push(node),
    }
}
