//! How markers are written, as opposed to how they are numbered.
//!
//! GB/T 9704-2012 7.3.3 writes the levels `一、` `（一）` `1.` `（1）`: brackets are full-width,
//! and GB/T 15834-2011 B.3.4 puts no punctuation after a bracketed marker (`（一）、` is wrong).
//! `1、` for the third level is widely taught by local style guides, so it is only reported
//! when one document writes that level both ways.

use std::collections::HashMap;

use super::markers::{Level, Marker};
use super::outline::Problem;
use crate::document::Document;

/// Problems of form: bracket width, stray punctuation, mixed separators.
pub fn check(doc: &Document, markers: &[Marker], problems: &mut Vec<Problem>) {
    for marker in markers {
        check_brackets(doc, marker, problems);
    }
    check_arabic_separators(doc, markers, problems);
}

fn check_brackets(doc: &Document, marker: &Marker, problems: &mut Vec<Problem>) {
    if !matches!(marker.level, Level::ParenChinese | Level::ParenArabic) {
        return;
    }
    let written = &doc.source[marker.span.clone()];
    let canonical = marker.level.canonical(marker.value);
    if written == canonical {
        return;
    }
    let half_width = written.contains(['(', ')']);
    let close = written.rfind(['）', ')']).unwrap_or(written.len());
    let trailing = &written[close..].chars().skip(1).collect::<String>();
    let message = match (half_width, trailing.is_empty()) {
        (true, true) => format!("序号“{written}”用了半角括号，应为“{canonical}”"),
        (false, false) => format!("加括号的序号后不加标点：“{written}”应为“{canonical}”"),
        (true, false) => format!("序号“{written}”用了半角括号且后加标点，应为“{canonical}”"),
        // The numeral itself is written differently (e.g. Arabic digits in full width).
        (false, true) => return,
    };
    problems.push(Problem {
        rule: "numbering/style",
        span: marker.span.clone(),
        message,
        related: None,
        fix: Some(canonical),
    });
}

/// `1.` and `1、` for the same level in one document: the less used form is reported.
fn check_arabic_separators(doc: &Document, markers: &[Marker], problems: &mut Vec<Problem>) {
    let separator = |m: &Marker| match doc.source[m.span.clone()].chars().last() {
        Some('、') => "、",
        _ => ".",
    };
    let arabic: Vec<&Marker> = markers
        .iter()
        .filter(|m| m.level == Level::Arabic)
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in &arabic {
        *counts.entry(separator(m)).or_default() += 1;
    }
    let (points, dunhao) = (
        counts.get(".").copied().unwrap_or(0),
        counts.get("、").copied().unwrap_or(0),
    );
    if points == 0 || dunhao == 0 {
        return;
    }
    // On a tie, GB/T 9704's `1.` is the one to keep.
    let minority = if dunhao <= points { "、" } else { "." };
    let first_majority = arabic.iter().find(|m| separator(m) != minority);
    for m in arabic.iter().filter(|m| separator(m) == minority) {
        let written = &doc.source[m.span.clone()];
        let (usual, expected, fix) = if minority == "、" {
            ("1.", format!("{}.", m.value), Some(format!("{}.", m.value)))
        } else {
            ("1、", format!("{}、", m.value), None)
        };
        problems.push(Problem {
            rule: "numbering/style",
            span: m.span.clone(),
            message: format!(
                "同一层级序号的写法不一致：本文多用“{usual}”式（{} 处），这里写作“{written}”，应为“{expected}”",
                points.max(dunhao)
            ),
            related: first_majority.map(|f| (f.span.clone(), "多数写法".to_string())),
            fix,
        });
    }
}
