//! Building the heading tree from markers, and what is wrong with its numbering.
//!
//! One pass with a stack of open groups, as an editor reads: a marker of a level that is open
//! continues that group (its number must follow on); a deeper one opens a group under the
//! current item (it must start at one, and not carry on the previous parent's count); a level
//! that is higher than the current one but not open is an inversion (`（一）` under `1.`).
//! Regulations (`第一章`, `第一条`) number on their own terms and are checked separately:
//! articles run on through the whole text, across chapters.

use std::collections::HashMap;

use super::find::{find_markers, is_body, omissions};
use super::markers::{Level, Marker};
use super::problem::Problem;

use crate::document::Document;

/// One heading or item and those under it.
#[derive(Debug, Clone)]
pub struct Node {
    pub marker: Marker,
    pub children: Vec<Node>,
}

#[derive(Debug, Default)]
pub struct Outline {
    pub roots: Vec<Node>,
    /// The markers of the tree, in document order.
    pub kept: Vec<Marker>,
    /// The runs of siblings, each as indices into `kept`: one list of one level under one
    /// parent, numbered on from one.
    pub series: Vec<Vec<usize>>,
    /// The problems of order found while the markers were grouped, in document order.
    pub problems: Vec<Problem>,
}

/// A group of siblings being read.
struct Group {
    level: Level,
    last: Marker,
    /// The series (see [`Reader::series`]) its markers belong to.
    series: usize,
    /// Whether its last marker repeated the one before.
    repeated: bool,
}

/// A run of siblings that has ended, remembered to tell a list that resumes after an
/// interruption (fine) from one that fails to restart under a new parent (a problem).
struct EndedRun {
    level: Level,
    last: u32,
    /// Ended because its parent's level moved on (`二、` after `一、`'s `（一）（二）`).
    by_new_parent: bool,
    /// How many items the run had under its parent.
    items: usize,
}

/// The state of one pass over the markers.
#[derive(Default)]
struct Reader {
    open: Vec<Group>,
    ended: Vec<EndedRun>,
    kept: Vec<Marker>,
    /// The runs of siblings, each as indices into `kept`: one list of one level under one
    /// parent, numbered on from one. Style is judged within a series, not across the document.
    series: Vec<Vec<usize>>,
    problems: Vec<Problem>,
    /// Where the text being read begins: the document's start, or the end of a line that says
    /// text was left out (`此处隐藏3604字`), after which numbering may go on from anywhere.
    region_start: usize,
    /// Whether the region opens inside a list: nothing but titles before its first marker, as
    /// on the second page of an article or in an excerpt. Set at the region's first marker.
    opens_mid_list: Option<bool>,
    /// The levels met so far in the region.
    levels_seen: Vec<Level>,
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
        let mut omissions = omissions(doc).into_iter().peekable();
        for marker in find_markers(doc) {
            let mut passed = None;
            while let Some(end) = omissions.next_if(|end| *end <= marker.span.start) {
                passed = Some(end);
            }
            if let Some(end) = passed {
                reader.start_region(end);
            }
            reader.read(doc, marker);
        }
        let Reader {
            kept,
            series,
            mut problems,
            ..
        } = reader;
        check_legal_scheme(&kept, &mut problems);
        problems.sort_by_key(|p| p.span.start);
        Outline {
            roots: tree(kept.clone()),
            kept,
            series,
            problems,
        }
    }
}

impl Reader {
    /// Begins a region at `start`: what was open before is not continued after it.
    fn start_region(&mut self, start: usize) {
        self.open.clear();
        self.ended.clear();
        self.region_start = start;
        self.opens_mid_list = None;
        self.levels_seen.clear();
    }

    /// Whether `marker`, the first of its level in the region, may start past one because the
    /// region opens inside a list: nothing but titles came before the region's first marker,
    /// and only deeper levels (the open item's own points) came before this one.
    fn may_open_mid_list(&self, marker: &Marker) -> bool {
        self.opens_mid_list == Some(true)
            && !self.levels_seen.contains(&marker.level)
            && self
                .levels_seen
                .iter()
                .all(|level| level.rank() > marker.level.rank())
    }

    fn read(&mut self, doc: &Document, marker: Marker) {
        if self.opens_mid_list.is_none() {
            // Paragraphs are in order: only those of the region before its first marker are
            // read, so every paragraph is read once over the whole text.
            let from = doc
                .paragraphs
                .partition_point(|p| p.start < self.region_start);
            let to = doc
                .paragraphs
                .partition_point(|p| p.end <= marker.span.start);
            let body_before = doc.paragraphs[from..to.max(from)].iter().any(|p| {
                is_body(doc, p) && !super::enumeration::continues_enumeration(&doc.text[p.clone()])
            });
            self.opens_mid_list = Some(!body_before);
        }
        self.read_marker(doc, marker);
    }

    fn read_marker(&mut self, doc: &Document, marker: Marker) {
        if marker.level.is_legal() {
            // Items restart under each article of a regulation. Headings may run on through
            // its chapters and sections (`三、` in chapter one, `四、` in chapter two).
            if marker.level == Level::Legal(super::markers::LegalUnit::Article) {
                self.open.clear();
                self.ended.clear();
            } else {
                self.end_groups_from(0, false);
            }
            self.keep(marker, None);
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
        // After a repeat (`三、` `三、`) the next is judged against what the author may have
        // meant: the repeat stood for `四、` when `五、` comes next, so one mistake gives one
        // report.
        let follows = marker.value == previous.value + 1
            || (self.open[at].repeated && marker.value == previous.value + 2);
        if marker.uncertain && !follows {
            return;
        }
        let new_list =
            marker.value == 1 && (previous.value > 1 || introduces_list(doc, &previous, &marker));
        // A proper next sibling starts a new parent: what was open under the old one must not
        // carry on. A return to one may be a list nested in the open item (old reports do
        // this), so what it closes may still resume.
        self.end_groups_from(at + 1, !new_list);
        if new_list {
            // Back to one after a longer run: a new list (reports restart `一、` under
            // unnumbered part headings); the old run may still resume later.
            let items = self.series[self.open[at].series].len();
            self.ended.push(EndedRun {
                level: previous.level,
                last: previous.value,
                by_new_parent: false,
                items,
            });
        } else if !follows && !self.resumes(&marker) {
            check_sibling(doc, &previous, &marker, &mut self.problems);
        }
        self.open[at].repeated = marker.value == previous.value && !new_list;
        if new_list {
            self.open[at].series = self.series.len();
            self.series.push(Vec::new());
        }
        self.open[at].last = marker.clone();
        let series = self.open[at].series;
        self.keep(marker, Some(series));
    }

    /// Keeps `marker` in the outline, as a member of `series` when it has one.
    fn keep(&mut self, marker: Marker, series: Option<usize>) {
        if !self.levels_seen.contains(&marker.level) {
            self.levels_seen.push(marker.level);
        }
        if let Some(series) = series {
            self.series[series].push(self.kept.len());
        }
        self.kept.push(marker);
    }

    /// A marker of a level that is not open: a child of the current item, or a new top level.
    fn open_group(&mut self, doc: &Document, marker: Marker) {
        let rank = marker.level.rank();
        // `2、活动流程：一、主持人讲话`: introduced by the open item, a higher level is
        // nested under it (an inversion), not a new top.
        let introduced = self
            .open
            .last()
            .is_some_and(|parent| introduces_list(doc, &parent.last, &marker));
        if self.open.iter().all(|g| g.level.rank() > rank) && !introduced {
            // Higher than anything open (`一、` after a preamble's `（一）（二）`): a new top.
            self.end_groups_from(0, false);
        } else if let Some(parent) = self.open.last() {
            if !previous_item_runs_in(doc, &marker) {
                check_child_level(doc, &parent.last, &marker, &mut self.problems);
            }
        }
        if marker.value != 1 && !self.may_open_mid_list(&marker) {
            self.check_first(doc, &marker);
        }
        let series = self.series.len();
        self.series.push(Vec::new());
        self.open.push(Group {
            level: marker.level,
            last: marker.clone(),
            series,
            repeated: false,
        });
        self.keep(marker, Some(series));
    }

    /// Ends the open groups from index `from` on.
    fn end_groups_from(&mut self, from: usize, by_new_parent: bool) {
        let from = from.min(self.open.len());
        for group in self.open.drain(from..) {
            self.ended.push(EndedRun {
                level: group.level,
                last: group.last.value,
                by_new_parent,
                items: self.series[group.series].len(),
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
            // One item under each parent, numbered on (`（一）1.（二）2.`, a table's rows):
            // numbering run through the sections on purpose.
            Some(run) if run.last + 1 == marker.value && run.items < 2 => return,
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

/// `1、活动目的：1、表达……2、享受……` then `2、活动流程`: an item whose short title ends in a
/// colon right before the marker opens a list of its own under it (numbered alike, or of a
/// higher level), and the outer list resumes after it. A paragraph of text ending in a colon
/// is not a title: what follows it is read as usual.
fn introduces_list(doc: &Document, previous: &Marker, marker: &Marker) -> bool {
    const TITLE_CHARS: usize = 30;
    let between = doc.text[previous.span.end..marker.span.start].trim_end();
    between.ends_with([':', '：']) && between.chars().nth(TITLE_CHARS).is_none()
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
    if marker.value < 2 {
        return false;
    }
    let opens_a_paragraph = |at: usize| {
        doc.paragraphs[..here]
            .binary_search_by_key(&at, |p| p.start)
            .is_ok()
    };
    let before = &doc.text[from..marker.span.start];
    written_forms(marker.level, marker.value - 1)
        .iter()
        .any(|previous_item| {
            before.match_indices(previous_item.as_str()).any(|(i, _)| {
                !opens_a_paragraph(from + i) && !glued_to_number(&before[..i], previous_item)
            })
        })
}

/// `3.……4. 预计9点结束5. 10点返回6.……7.`: the numbers between two markers are there, run
/// on where no sentence ends (text pasted without its line breaks), so nothing was skipped.
fn skipped_ones_run_in(doc: &Document, previous: &Marker, marker: &Marker) -> bool {
    let between = &doc.text[previous.span.end..marker.span.start];
    let mut rest = between;
    for value in previous.value + 1..marker.value {
        let found = written_forms(marker.level, value)
            .iter()
            .filter_map(|form| {
                rest.match_indices(form.as_str())
                    .find(|(i, _)| !glued_to_number(&rest[..*i], form))
                    .map(|(i, _)| i + form.len())
            })
            .min();
        match found {
            Some(end) => rest = &rest[end..],
            None => return false,
        }
    }
    true
}

/// `21.` holds `1.`: a number's form found after a digit is part of a bigger number.
fn glued_to_number(before: &str, form: &str) -> bool {
    let is_digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    is_digit(form.chars().next()) && is_digit(before.chars().next_back())
}

/// The ways a drafter writes the marker of `value` at `level`.
fn written_forms(level: Level, value: u32) -> Vec<String> {
    let canonical = level.canonical(value);
    match level {
        Level::Arabic => vec![
            format!("{value}."),
            format!("{value}．"),
            format!("{value}、"),
        ],
        Level::ParenChinese | Level::ParenArabic => {
            vec![canonical.replace('（', "(").replace('）', ")"), canonical]
        }
        _ => vec![canonical],
    }
}

fn shown(doc: &Document, marker: &Marker) -> String {
    marker.shown(&doc.source)
}

fn check_sibling(doc: &Document, previous: &Marker, marker: &Marker, problems: &mut Vec<Problem>) {
    let expected = previous.value + 1;
    if marker.value > expected && skipped_ones_run_in(doc, previous, marker) {
        return;
    }
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
