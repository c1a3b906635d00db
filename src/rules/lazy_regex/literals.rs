//! What the literals of a pattern tell about where it can match: the literals every match
//! starts with, and rarer ones every match contains. Worked out from the parsed pattern alone,
//! with nothing of the crate, so that the build script works them out for the built-in packs'
//! patterns with this same code (parsing them was a fifth of a one-line draft's run).

use std::ops::RangeInclusive;

use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Class, Hir, HirKind, Literal};

/// What a pattern's literals tell of its matches; `None` where they tell nothing (then a match
/// may be anywhere), and for both when the pattern does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literals {
    /// The literals every match starts with.
    pub starts: Option<Vec<Vec<u8>>>,
    /// Literals one of which every match contains, rarer than its opening ones (see
    /// [`inner_literals`]).
    pub inner: Option<Vec<Vec<u8>>>,
    /// Whether every match lies within a line, the pattern seeing nothing beyond it: it
    /// matches no line break and has no assertion (`^`, `\b`…). A text's matches are then
    /// those of its lines, each searched alone.
    pub within_a_line: bool,
}

impl Literals {
    /// The literals of `pattern`.
    pub fn of(pattern: &str) -> Literals {
        match regex_syntax::Parser::new().parse(pattern) {
            Ok(hir) => {
                let starts = start_literals_of(&hir);
                let inner = inner_literals(&hir, starts.as_deref());
                let within_a_line = hir.properties().look_set().is_empty() && !spans_lines(&hir);
                Literals {
                    starts,
                    inner,
                    within_a_line,
                }
            }
            Err(_) => Literals {
                starts: None,
                inner: None,
                within_a_line: false,
            },
        }
    }
}

/// Whether a match of `hir` may hold a line break (`\n`).
fn spans_lines(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(Literal(bytes)) => bytes.contains(&b'\n'),
        HirKind::Class(Class::Unicode(class)) => class
            .iter()
            .any(|range| (range.start()..=range.end()).contains(&'\n')),
        HirKind::Class(Class::Bytes(class)) => class
            .iter()
            .any(|range| (range.start()..=range.end()).contains(&b'\n')),
        HirKind::Repetition(repetition) => spans_lines(&repetition.sub),
        HirKind::Capture(capture) => spans_lines(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().any(spans_lines),
    }
}

/// The literals every match of `hir` starts with, or `None` when they are not a small finite
/// set of non-empty strings.
fn start_literals_of(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new().extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// At most this many literals in a set one of which a match must contain: more, and looking
/// for them costs about what the regex search would.
const MAX_LITERALS: usize = 64;

/// Literals one of which occurs in every match of `hir`, when their shortest is longer than
/// the shortest of `starts`, its opening literals (else they say no more than the openings
/// already do).
fn inner_literals(hir: &Hir, starts: Option<&[Vec<u8>]>) -> Option<Vec<Vec<u8>>> {
    let inner = needed(hir)?;
    let opening = starts.map_or(0, shortest);
    (shortest(&inner) > opening).then_some(inner)
}

/// A set of literals one of which occurs in every match of `hir`, as rare as its structure
/// tells: a match of a concatenation contains a match of each part (the rarest part's set
/// is taken), of an alternation a match of one branch (the union of theirs), of a repetition
/// at least once its part.
fn needed(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Capture(capture) => needed(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => needed(&repetition.sub),
        HirKind::Concat(parts) => needed_in_sequence(parts),
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for branch in branches {
                union.extend(needed(branch)?);
            }
            union.sort_unstable();
            union.dedup();
            (union.len() <= MAX_LITERALS).then_some(union)
        }
        _ => exactly(hir),
    }
}

/// The rarest set needed by a sequence of parts. Consecutive parts that each match one of a
/// few fixed strings are joined (`待[定填]` needs `待定` or `待填`, rarer than `待`).
fn needed_in_sequence(parts: &[Hir]) -> Option<Vec<Vec<u8>>> {
    let mut rarest = None;
    let mut joined: Option<Vec<Vec<u8>>> = None;
    for part in parts {
        match exactly(part) {
            Some(strings) => {
                joined = Some(match joined.take() {
                    None => strings,
                    Some(heads) if heads.len() * strings.len() <= MAX_LITERALS => heads
                        .iter()
                        .flat_map(|head| strings.iter().map(move |tail| [&head[..], tail].concat()))
                        .collect(),
                    Some(heads) => {
                        rarest = rarer(rarest, Some(heads));
                        strings
                    }
                });
            }
            None => {
                rarest = rarer(rarest, joined.take());
                rarest = rarer(rarest, needed(part));
            }
        }
    }
    rarer(rarest, joined)
}

/// The strings `hir` matches when they are a few fixed ones: a literal, a small class.
fn exactly(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(Literal(bytes)) => Some(vec![bytes.to_vec()]),
        HirKind::Capture(capture) => exactly(&capture.sub),
        HirKind::Class(Class::Unicode(class)) => members(
            class
                .iter()
                .map(|range| range.start()..=range.end())
                .collect(),
            |c| c.to_string().into_bytes(),
        ),
        HirKind::Class(Class::Bytes(class)) => members(
            class
                .iter()
                .map(|range| range.start()..=range.end())
                .collect(),
            |b| vec![b],
        ),
        _ => None,
    }
}

/// A class of at most this many characters is read as that many literals.
const MAX_CLASS: u32 = 16;

/// The members of a class of `ranges` (of characters or bytes), each encoded by `encode`,
/// when there are at most [`MAX_CLASS`] of them.
fn members<T>(ranges: Vec<RangeInclusive<T>>, encode: impl Fn(T) -> Vec<u8>) -> Option<Vec<Vec<u8>>>
where
    T: Copy + Into<u32>,
    RangeInclusive<T>: Iterator<Item = T>,
{
    let size: u32 = ranges
        .iter()
        .map(|range| (*range.end()).into() - (*range.start()).into() + 1)
        .sum();
    (size <= MAX_CLASS).then(|| ranges.into_iter().flatten().map(encode).collect())
}

/// Of two sets, the one whose shortest literal is longer (then the smaller one): the rarer
/// to occur in a text, on the whole.
fn rarer(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    let rarity = |set: &Vec<Vec<u8>>| (shortest(set), std::cmp::Reverse(set.len()));
    match (a, b) {
        (Some(a), Some(b)) => Some(if rarity(&b) > rarity(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn shortest(literals: &[Vec<u8>]) -> usize {
    literals.iter().map(Vec::len).min().unwrap_or(0)
}
