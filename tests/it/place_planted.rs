//! Recall of the `place` rules on errors planted, with a fixed seed, into the provincial
//! reports and the local regulations of `../shared/corpus/clean/`: a provincial report's
//! `我省` turned into `我市`; a provincial regulation's `本省` into `本市` and a municipal or
//! city regulation's `本市` into `本省`; and a `我省` or `本省` replaced by another province's
//! name. Each plant is linted alone. Run with
//! `cargo test --test it place_planted:: -- --nocapture` to see the recall per kind and every miss.

use crate::common;

use std::ops::Range;
use std::path::Path;

use crate::common::Rng;

/// How many places of each file are planted, one at a time.
const PLANTS_PER_FILE: usize = 3;

const PROVINCES: [&str; 8] = [
    "河北省",
    "山西省",
    "辽宁省",
    "江西省",
    "湖南省",
    "四川省",
    "云南省",
    "陕西省",
];

#[derive(Default)]
struct Tally {
    planted: usize,
    found: usize,
    misses: Vec<String>,
}

/// Plants `to` in place of the `nth` occurrence of `from` and tells whether a place rule
/// reports the planted words.
fn found(text: &str, name: &std::path::Path, at: usize, from: &str, to: &str) -> bool {
    let planted = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
    let span: Range<usize> = at..at + to.len();
    let (_, diagnostics) = common::lint_text(&planted, name);
    diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("place/"))
        .any(|d| d.span.start < span.end && span.start < d.span.end)
}

fn plant_each(
    tally: &mut Tally,
    rng: &mut Rng,
    path: &Path,
    text: &str,
    from: &str,
    to: &dyn Fn(&mut Rng) -> String,
) {
    let mut places: Vec<usize> = text.match_indices(from).map(|(i, _)| i).collect();
    for _ in 0..PLANTS_PER_FILE.min(places.len()) {
        let at = places.swap_remove(rng.below(places.len()));
        let replacement = to(rng);
        tally.planted += 1;
        if found(text, path, at, from, &replacement) {
            tally.found += 1;
        } else {
            let line = text[..at].matches('\n').count() + 1;
            let name = path.file_name().unwrap().to_string_lossy();
            tally
                .misses
                .push(format!("{name}:{line} {from} → {replacement}"));
        }
    }
}

#[test]
fn planted_errors_are_found() {
    let Some(corpus) = common::corpus() else {
        eprintln!("skipped: ../shared/corpus is not there (planted place errors)");
        return;
    };
    let mut rng = Rng::new(0x5eed_0015);
    let mut level = Tally::default();
    let mut name = Tally::default();
    for path in common::text_files(&corpus.join("clean")) {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let other_province = |rng: &mut Rng| {
            let own: String = text.chars().take(200).collect();
            let others: Vec<&str> = PROVINCES
                .iter()
                .copied()
                .filter(|p| !own.contains(*p))
                .collect();
            others[rng.below(others.len())].to_string()
        };
        if file.starts_with("prov-") && text.contains("我省") {
            plant_each(&mut level, &mut rng, &path, &text, "我省", &|_| {
                "我市".into()
            });
            plant_each(&mut name, &mut rng, &path, &text, "我省", &other_province);
        } else if file.contains("-province-") {
            plant_each(&mut level, &mut rng, &path, &text, "本省", &|_| {
                "本市".into()
            });
            plant_each(&mut name, &mut rng, &path, &text, "本省", &other_province);
        } else if file.contains("-municipality-") || file.contains("-city-") {
            plant_each(&mut level, &mut rng, &path, &text, "本市", &|_| {
                "本省".into()
            });
        }
    }
    let report = |kind: &str, tally: &Tally| {
        for miss in &tally.misses {
            println!("  missed ({kind}) {miss}");
        }
        println!(
            "planted place errors, {kind}: {}/{} found, recall {:.3}",
            tally.found,
            tally.planted,
            tally.found as f64 / tally.planted.max(1) as f64
        );
    };
    report("another level's self-reference", &level);
    report("another province named as one's own", &name);
    let (found, planted) = (level.found + name.found, level.planted + name.planted);
    println!(
        "planted place errors, all: {found}/{planted}, recall {:.3}",
        found as f64 / planted.max(1) as f64
    );
    for (kind, tally) in [("another level", &level), ("another province", &name)] {
        assert!(
            tally.planted >= 100,
            "{kind}: only {} plants",
            tally.planted
        );
        assert!(
            tally.found * 100 >= tally.planted * 90,
            "{kind}: {}/{}",
            tally.found,
            tally.planted
        );
    }
}
