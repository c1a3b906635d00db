//! Where each finding's comment goes: from a span of the text `check` reads (one line per
//! Word paragraph) to the `w:t` elements of the main document part that hold those
//! characters, through the [`TextMap`] the reader made while it read them.
//!
//! Word takes no comment in a page header or footer, nor in a text box: findings there are
//! gathered, to be listed in one comment at the start of the body.

use crate::diagnostic::Diagnostic;
use crate::engine::Report;
use crate::read::docx::{LinePieces, TextMap};

/// A boundary between two characters of one `w:t` element's text: before its character
/// `offset` (or after its last one, when `offset` is its length).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Boundary {
    pub t: usize,
    pub offset: usize,
}

/// The stretch of the body a comment covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub start: Boundary,
    pub end: Boundary,
}

/// Where a finding is, for its comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// On these characters of the body.
    Body(Range),
    /// Somewhere Word takes no comment; the words say where.
    Elsewhere(Where),
}

/// A place without comments: a header or footer part and its paragraph, or a text box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Where {
    /// The part (`word/header1.xml`) and the 1-based paragraph in it.
    Part { part: String, paragraph: usize },
    /// A text box, whose paragraph is this (1-based) line of the text `check` reads.
    TextBox { line: usize },
    /// A body paragraph without text of its own (a tab, a field result only).
    Unanchored { line: usize },
}

/// The place of each diagnostic of `report`, in order.
pub(crate) fn places(report: &Report, map: &TextMap) -> Vec<Place> {
    report
        .diagnostics
        .iter()
        .map(|d| place(report, map, d))
        .collect()
}

fn place(report: &Report, map: &TextMap, d: &Diagnostic) -> Place {
    let start = report.position(d.span.start);
    let line = start.line - 1;
    let Some(pieces) = map.body.get(line) else {
        return Place::Elsewhere(part_of(map, line));
    };
    if pieces.boxed {
        return Place::Elsewhere(Where::TextBox { line: start.line });
    }
    let end = report.position(d.span.end);
    let first = start.column - 1;
    let last = if end.line == start.line {
        end.column - 1
    } else {
        usize::MAX
    };
    match range_in(pieces, first, last.max(first + 1)) {
        Some(range) => Place::Body(range),
        None => Place::Elsewhere(Where::Unanchored { line: start.line }),
    }
}

/// The header or footer part that holds the text's line `line` (0-based, after the body).
fn part_of(map: &TextMap, line: usize) -> Where {
    match map.parts.iter().rev().find(|(first, _)| *first <= line) {
        Some((first, part)) => Where::Part {
            part: part.clone(),
            paragraph: line - first + 1,
        },
        None => Where::Unanchored { line: line + 1 },
    }
}

/// The boundaries around characters `first..last` of a line: the first text character at or
/// after `first`, to the last one before `last`. A span on characters no `w:t` holds (a
/// tab, a line break) widens to the nearest text on its line.
fn range_in(line: &LinePieces, first: usize, last: usize) -> Option<Range> {
    let pieces = &line.pieces;
    let starts = pieces.iter().position(|p| p.at + p.len > first)?;
    let ends = pieces.iter().rposition(|p| p.at < last).unwrap_or(starts);
    let (a, b) = (&pieces[starts], &pieces[ends.max(starts)]);
    let start = Boundary {
        t: a.t,
        offset: a.offset + first.saturating_sub(a.at).min(a.len.saturating_sub(1)),
    };
    let end = Boundary {
        t: b.t,
        offset: b.offset + last.saturating_sub(b.at).min(b.len),
    };
    if end <= start {
        let end = Boundary {
            t: a.t,
            offset: start.offset + 1,
        };
        return Some(Range { start, end });
    }
    Some(Range { start, end })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::Piece;

    fn line(pieces: &[(usize, usize, usize, usize)]) -> LinePieces {
        LinePieces {
            pieces: pieces
                .iter()
                .map(|&(at, len, t, offset)| Piece { at, len, t, offset })
                .collect(),
            boxed: false,
        }
    }

    fn boundary(t: usize, offset: usize) -> Boundary {
        Boundary { t, offset }
    }

    #[test]
    fn a_span_inside_one_run_maps_to_its_characters() {
        // 请XX同志 in one w:t (#3), the span on XX.
        let range = range_in(&line(&[(0, 5, 3, 0)]), 1, 3).unwrap();
        assert_eq!(range.start, boundary(3, 1));
        assert_eq!(range.end, boundary(3, 3));
    }

    #[test]
    fn a_span_across_runs_ends_in_the_later_run() {
        // 请X | X同志: the span XX crosses from w:t #0 into w:t #1.
        let range = range_in(&line(&[(0, 2, 0, 0), (2, 3, 1, 0)]), 1, 3).unwrap();
        assert_eq!(range.start, boundary(0, 1));
        assert_eq!(range.end, boundary(1, 1));
    }

    #[test]
    fn a_span_on_a_tab_widens_to_the_text_after_it() {
        // 甲\t乙: the tab (character 1) comes from w:tab, not from a w:t.
        let range = range_in(&line(&[(0, 1, 0, 0), (2, 1, 1, 0)]), 1, 2).unwrap();
        assert_eq!(range.start, boundary(1, 0));
        assert_eq!(range.end, boundary(1, 1));
    }

    #[test]
    fn an_empty_span_covers_one_character() {
        let range = range_in(&line(&[(0, 4, 0, 2)]), 2, 3).unwrap();
        assert_eq!(range.start, boundary(0, 4));
        assert_eq!(range.end, boundary(0, 5));
        assert!(range_in(&line(&[]), 0, 1).is_none());
    }
}
