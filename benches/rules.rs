//! Throughput of each stage on a fixed text, the sample draft and the fire fixtures repeated
//! to about 1 MB: reading (UTF-8, and the same text in GB18030), the document model, and each
//! rule family and all rules together. `cargo bench` runs it; the corpus benchmarks
//! (`bench/corpus.sh`, `bench/compare.sh`) measure whole runs over real texts.

use std::path::Path;

use divan::counter::BytesCount;
use divan::Bencher;
use wenlint::{Linter, Settings, Source};

const FAMILIES: &[&str] = &[
    "placeholder",
    "numbering",
    "place",
    "term",
    "pinyin",
    "duplicate",
    "punct",
    "number",
    "grammar",
];

fn main() {
    for family in FAMILIES {
        assert!(
            wenlint::builtin_rules().any(|r| r.family() == *family),
            "no rule family `{family}`"
        );
    }
    let unlisted: Vec<String> = wenlint::builtin_rules()
        .map(|r| r.family().to_string())
        .filter(|f| !FAMILIES.contains(&f.as_str()) && f != "suppression")
        .collect();
    assert!(
        unlisted.is_empty(),
        "families missing from FAMILIES: {unlisted:?}"
    );
    divan::main();
}

/// About 1 MB of draft-like text, made of the repository's own fixtures.
fn text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut sample = std::fs::read_to_string(root.join("speech-draft.txt")).unwrap();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "txt") {
            sample.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    sample.repeat((1 << 20) / sample.len() + 1)
}

/// A run with only `family` on (or every rule, for `all`).
fn linter(family: &str) -> Linter {
    let mut toml = String::from("[rules]\n");
    for other in FAMILIES.iter().filter(|f| **f != family && family != "all") {
        toml.push_str(&format!("{other} = \"off\"\n"));
    }
    let settings = Settings {
        config_text: Some(toml),
        ..Settings::default()
    };
    Linter::new(settings).unwrap()
}

#[divan::bench(args = [
    "all", "placeholder", "numbering", "place", "term", "pinyin", "duplicate", "punct", "number",
    "grammar",
])]
fn lint(bencher: Bencher, family: &str) {
    let text = text();
    let mut linter = linter(family);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench_local(|| {
            let source = Source::text("a.txt", divan::black_box(text.clone()));
            linter.lint(source).unwrap().diagnostics.len()
        });
}

#[divan::bench]
fn document_model(bencher: Bencher) {
    let text = text();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| wenlint::__stages::document_model(divan::black_box(text.clone()), false));
}

#[divan::bench(args = ["utf-8", "gb18030"])]
fn read(bencher: Bencher, encoding: &str) {
    let text = text();
    let bytes = match encoding {
        "gb18030" => encoding_rs::GB18030.encode(&text).0.into_owned(),
        _ => text.clone().into_bytes(),
    };
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| wenlint::__stages::read(divan::black_box(&bytes), "a.txt"));
}
