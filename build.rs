//! Writes the compiled-in data that every run would otherwise parse at start as Rust statics:
//! `rules/regions.tsv` (`$OUT_DIR/regions.rs`), read and checked by the same code that reads
//! any other table at run time, and the word lists of `rules/blank-words.toml`
//! (`$OUT_DIR/blank_words.rs`). Reading them was half of a one-line draft's run.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/rules/place/table.rs"]
mod table;

fn main() {
    println!("cargo::rerun-if-changed=rules/regions.tsv");
    println!("cargo::rerun-if-changed=src/rules/place/table.rs");
    println!("cargo::rerun-if-changed=rules/blank-words.toml");
    let tsv = std::fs::read_to_string("rules/regions.tsv").expect("rules/regions.tsv is readable");
    let table = table::read(&tsv).unwrap_or_else(|e| {
        panic!("rules/regions.tsv is malformed ({e}); regenerate it with scripts/regions.py")
    });
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("regions.rs"), statics(&table))
        .expect("OUT_DIR is writable");
    let words = std::fs::read_to_string("rules/blank-words.toml")
        .expect("rules/blank-words.toml is readable");
    std::fs::write(Path::new(&out).join("blank_words.rs"), word_lists(&words))
        .expect("OUT_DIR is writable");
}

/// The lists of `rules/blank-words.toml`: the fields of `Lists` in
/// `src/rules/placeholder/words.rs` but `surnames`.
const WORD_LISTS: [&str; 8] = [
    "number",
    "place",
    "organ",
    "title",
    "compounds",
    "x_terms",
    "takes_object",
    "takes_number",
];

/// `static LISTS: Lists`, the word lists of `rules/blank-words.toml`: each of
/// [`WORD_LISTS`], and `surnames` (one string). Any other key, a missing one or a value of
/// another type fails the build, naming it.
fn word_lists(source: &str) -> String {
    let fail = |what: String| -> ! { panic!("rules/blank-words.toml: {what}") };
    let table: toml::Table = source.parse().unwrap_or_else(|e| fail(format!("{e}")));
    if let Some(key) = table
        .keys()
        .find(|key| *key != "surnames" && !WORD_LISTS.contains(&key.as_str()))
    {
        fail(format!("unknown key `{key}`"));
    }
    let mut rust = String::from("static LISTS: Lists = Lists {\n");
    for key in WORD_LISTS {
        let Some(list) = table.get(key).and_then(toml::Value::as_array) else {
            fail(format!("`{key}` is not a list of words"));
        };
        let words: Vec<&str> = list
            .iter()
            .map(|word| {
                word.as_str()
                    .unwrap_or_else(|| fail(format!("`{key}` holds {word}")))
            })
            .collect();
        writeln!(rust, "    {key}: &{words:?},").unwrap();
    }
    let Some(surnames) = table.get("surnames").and_then(toml::Value::as_str) else {
        fail("`surnames` is not a string".to_string());
    };
    writeln!(rust, "    surnames: {surnames:?},\n}};").unwrap();
    rust
}

/// The statics `src/rules/place/gazetteer.rs` includes.
fn statics(table: &table::Table) -> String {
    let mut rust = String::new();
    let rows = &table.regions;
    writeln!(
        rust,
        "static REGIONS: [Region<'static>; {}] = [",
        rows.len()
    )
    .unwrap();
    for row in rows {
        writeln!(
            rust,
            "    Region {{ code: {:?}, level: Level::{:?}, parent: {:?}, name: {:?}, \
             short_names: Cow::Borrowed(&{:?}) }},",
            row.code, row.level, row.parent, row.name, row.short_names
        )
        .unwrap();
    }
    rust.push_str("];\n");
    let names = &table.names;
    writeln!(rust, "static NAMES: [&str; {}] = {names:?};", names.len()).unwrap();
    writeln!(rust, "static NAMED: [Name; {}] = [", table.named.len()).unwrap();
    for name in &table.named {
        writeln!(
            rust,
            "    Name {{ regions: {:?}, first_is_short: {} }},",
            name.regions, name.first_is_short
        )
        .unwrap();
    }
    rust.push_str("];\n");
    let owners = &table.owners;
    writeln!(
        rust,
        "static OWNERS: [usize; {}] = {owners:?};",
        owners.len()
    )
    .unwrap();
    rust
}
