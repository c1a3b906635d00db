//! Writes `rules/regions.tsv` as Rust statics (`$OUT_DIR/regions.rs`), read and checked by the
//! same code that reads any other table at run time, so that a run starts with the gazetteer
//! ready instead of parsing and sorting it.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/rules/place/table.rs"]
mod table;

fn main() {
    println!("cargo::rerun-if-changed=rules/regions.tsv");
    println!("cargo::rerun-if-changed=src/rules/place/table.rs");
    let tsv = std::fs::read_to_string("rules/regions.tsv").expect("rules/regions.tsv is readable");
    let table = table::read(&tsv).unwrap_or_else(|e| {
        panic!("rules/regions.tsv is malformed ({e}); regenerate it with scripts/regions.py")
    });
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("regions.rs"), statics(&table))
        .expect("OUT_DIR is writable");
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
