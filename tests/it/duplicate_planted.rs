//! Recall of the duplicate rules on repeats planted into the professionally edited texts of
//! `../shared/corpus/clean/`, with a fixed seed: in every text, one sentence copied exactly
//! into a paragraph elsewhere, one copied with one or two characters changed right after
//! itself, and one copied with one or two characters changed into a paragraph elsewhere.
//! Run with `cargo test --test it duplicate_planted:: -- --nocapture` to see the recall per kind
//! and every miss.

use crate::common;

use std::ops::Range;
use std::path::Path;

use crate::common::Rng;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Exact,
    NearAfter,
    NearElsewhere,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Exact, Kind::NearAfter, Kind::NearElsewhere];

    fn rules(self) -> &'static [&'static str] {
        match self {
            Kind::Exact => &["duplicate/sentence"],
            Kind::NearAfter | Kind::NearElsewhere => &["duplicate/near"],
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Exact => "exact copy elsewhere",
            Kind::NearAfter => "1–2 characters changed, right after",
            Kind::NearElsewhere => "1–2 characters changed, elsewhere",
        }
    }
}

/// A sentence of the text that a drafter might copy: its line, its byte range.
#[derive(Clone)]
struct Sentence {
    line: usize,
    range: Range<usize>,
}

/// Characters a changed copy gets instead of the original ones.
const REPLACEMENTS: &[char] = &[
    '新', '好', '要', '实', '全', '高', '大', '重', '强', '快', '深', '广', '稳', '真', '优',
];

/// Ordinary sentences of prose lines, 16 to 80 characters, with no quotation or title marks
/// (quotations and titles are exempt by design), in lines of prose rather than headings.
fn sentences(lines: &[&str]) -> Vec<Sentence> {
    let mut found = Vec::new();
    let mut offset = 0;
    for (index, line) in lines.iter().enumerate() {
        let prose = line.chars().count() > 40 && !line.starts_with(['#', '|', '>', '-', '*']);
        let mut start = 0;
        for (i, c) in line.char_indices() {
            if c != '。' {
                continue;
            }
            let end = i + c.len_utf8();
            let text = line[start..end].trim();
            let length = text.chars().count();
            let plain = !text.contains(['“', '”', '《', '》', '（', '）', '(', ')', '【', '‘']);
            if prose && plain && (16..=80).contains(&length) {
                let lead = line[start..end].len() - line[start..end].trim_start().len();
                found.push(Sentence {
                    line: index,
                    range: offset + start + lead..offset + end,
                });
            }
            start = end;
        }
        offset += line.len() + 1;
    }
    found
}

/// The sentence with one or two of its Han characters (not its first two) replaced.
fn changed(sentence: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = sentence.chars().collect();
    let han: Vec<usize> = (2..chars.len())
        .filter(|&i| ('\u{4e00}'..='\u{9fff}').contains(&chars[i]))
        .collect();
    let changes = 1 + rng.below(2);
    for _ in 0..changes {
        let at = han[rng.below(han.len())];
        let mut replacement = REPLACEMENTS[rng.below(REPLACEMENTS.len())];
        while replacement == chars[at] {
            replacement = REPLACEMENTS[rng.below(REPLACEMENTS.len())];
        }
        chars[at] = replacement;
    }
    chars.into_iter().collect()
}

/// One planted repeat: the sentence copied, where the copy goes in the original text, and
/// what is inserted there.
struct Plant {
    kind: Kind,
    original: Range<usize>,
    at: usize,
    text: String,
}

/// Where a plant's original and its copy end up in the planted text.
type Placed = (Range<usize>, Range<usize>);

/// The text with every plant inserted, and where each plant's original and copy end up:
/// the later of the two is the one a rule reports.
fn insert(text: &str, plants: &[Plant]) -> (String, Vec<Placed>) {
    let mut order: Vec<usize> = (0..plants.len()).collect();
    order.sort_by_key(|&i| plants[i].at);
    let mut out = String::with_capacity(text.len() + 400);
    let mut copies = vec![0..0; plants.len()];
    let mut copied = 0;
    for &i in &order {
        out.push_str(&text[copied..plants[i].at]);
        copies[i] = out.len()..out.len() + plants[i].text.len();
        out.push_str(&plants[i].text);
        copied = plants[i].at;
    }
    out.push_str(&text[copied..]);
    let moved = |at: usize| -> usize {
        at + plants
            .iter()
            .filter(|p| p.at <= at)
            .map(|p| p.text.len())
            .sum::<usize>()
    };
    let ranges = plants
        .iter()
        .zip(copies)
        .map(|(p, copy)| {
            let original = moved(p.original.start)..moved(p.original.start) + p.original.len();
            (original, copy)
        })
        .collect();
    (out, ranges)
}

/// The end of line `index` in `text`, as a byte offset.
fn line_end(lines: &[&str], index: usize) -> usize {
    lines[..=index].iter().map(|l| l.len() + 1).sum::<usize>() - 1
}

/// The plants for one text: three different sentences, the copies of two of them put in a
/// paragraph at least three lines away.
fn plants(text: &str, rng: &mut Rng) -> Vec<Plant> {
    let lines: Vec<&str> = text.split('\n').collect();
    let candidates = sentences(&lines);
    if candidates.len() < 6 {
        return Vec::new();
    }
    let mut chosen: Vec<Sentence> = Vec::new();
    while chosen.len() < 3 {
        let pick = candidates[rng.below(candidates.len())].clone();
        if chosen.iter().all(|c| c.range != pick.range) {
            chosen.push(pick);
        }
    }
    // Paragraphs that end a sentence: a copy put there stands as a sentence of its own.
    let prose_lines: Vec<usize> = {
        let mut found: Vec<usize> = candidates
            .iter()
            .map(|s| s.line)
            .filter(|&l| lines[l].trim_end().ends_with('。'))
            .collect();
        found.dedup();
        found
    };
    if prose_lines.is_empty() {
        return Vec::new();
    }
    let far_line = |from: usize, rng: &mut Rng| -> usize {
        let far: Vec<usize> = prose_lines
            .iter()
            .copied()
            .filter(|&l| l.abs_diff(from) >= 3)
            .collect();
        if far.is_empty() {
            prose_lines[rng.below(prose_lines.len())]
        } else {
            far[rng.below(far.len())]
        }
    };
    Kind::ALL
        .iter()
        .zip(chosen)
        .map(|(&kind, sentence)| {
            let original = &text[sentence.range.clone()];
            match kind {
                Kind::Exact => Plant {
                    kind,
                    original: sentence.range.clone(),
                    at: line_end(&lines, far_line(sentence.line, rng)),
                    text: original.to_string(),
                },
                Kind::NearAfter => Plant {
                    kind,
                    original: sentence.range.clone(),
                    at: sentence.range.end,
                    text: changed(original, rng),
                },
                Kind::NearElsewhere => Plant {
                    kind,
                    original: sentence.range.clone(),
                    at: line_end(&lines, far_line(sentence.line, rng)),
                    text: changed(original, rng),
                },
            }
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Tally {
    planted: usize,
    found: usize,
}

impl Tally {
    fn recall(self) -> f64 {
        self.found as f64 / self.planted.max(1) as f64
    }
}

/// The recall per kind, printed with every miss and the recall in regulations alone.
fn recall_on_planted_repeats(clean: &Path) -> [Tally; 3] {
    let mut tallies = [Tally::default(); 3];
    let mut in_regulations = [Tally::default(); 3];
    let mut rng = Rng::new(0x5EED_2026);
    for path in common::text_files(clean) {
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("\r\n", "\n");
        let plants = plants(&text, &mut rng);
        if plants.is_empty() {
            continue;
        }
        let (planted, ranges) = insert(&text, &plants);
        let (_, diagnostics) = common::lint_text(&planted, &path);
        for (plant, (original, copy)) in plants.iter().zip(ranges) {
            let kind = Kind::ALL.iter().position(|&k| k == plant.kind).unwrap();
            let regulation = path.to_string_lossy().contains("local-regulations");
            tallies[kind].planted += 1;
            in_regulations[kind].planted += usize::from(regulation);
            let (at_original, at_copy) = (original.start, copy.start);
            let later = if at_copy > at_original {
                copy
            } else {
                original
            };
            let found = diagnostics.iter().any(|d| {
                plant.kind.rules().contains(&d.rule.as_ref())
                    && later.start <= d.span.start
                    && d.span.start < later.end
            });
            if found {
                tallies[kind].found += 1;
                in_regulations[kind].found += usize::from(regulation);
            } else {
                let name = path.file_name().unwrap().to_string_lossy();
                let line = |at: usize| planted[..at].matches('\n').count() + 1;
                println!(
                    "  missed ({}) {name}:{} copied to line {}: {}",
                    plant.kind.name(),
                    line(at_original),
                    line(at_copy),
                    plant.text
                );
            }
        }
    }
    for ((kind, tally), regulations) in Kind::ALL.iter().zip(tallies).zip(in_regulations) {
        println!(
            "planted repeats, {}: {}/{} found, recall {:.3} ({}/{} in regulations)",
            kind.name(),
            tally.found,
            tally.planted,
            tally.recall(),
            regulations.found,
            regulations.planted
        );
    }
    tallies
}

#[test]
fn planted_repeats_are_found() {
    let Some(corpus) = common::corpus() else {
        eprintln!("skipped: ../shared/corpus not found, cannot plant repeats");
        return;
    };
    let [exact, after, elsewhere] = recall_on_planted_repeats(&corpus.join("clean"));
    assert!(
        exact.planted >= 150,
        "planted {} exact copies",
        exact.planted
    );
    assert!(
        exact.recall() >= 0.95,
        "exact copies: recall {:.3}",
        exact.recall()
    );
    let near = Tally {
        planted: after.planted + elsewhere.planted,
        found: after.found + elsewhere.found,
    };
    assert!(
        near.recall() >= 0.9,
        "changed copies: recall {:.3}",
        near.recall()
    );
}
