//! Writes the compiled-in data that every run would otherwise parse at start as Rust:
//! `rules/regions.tsv` (`$OUT_DIR/regions.rs`), read and checked by the same code that reads
//! any other table at run time; the word lists of `rules/blank-words.toml`
//! (`$OUT_DIR/blank_words.rs`); and the built-in rule packs (`$OUT_DIR/packs.rs`), read into
//! the same types a user's pack is read into, with the literals of their patterns
//! (`$OUT_DIR/literals.rs`). Reading them was most of a one-line draft's run.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/rules/place/table.rs"]
mod table;

#[path = "src/rules/pack/def.rs"]
mod def;

#[path = "src/rules/lazy_regex/literals.rs"]
mod literals;

/// The built-in rule packs, one per family.
const PACKS: [&str; 2] = ["rules/placeholder.toml", "rules/term.toml"];

/// The severities a pack may give, as `crate::diagnostic::Severity` reads them: the packs'
/// fields are written out as that type's variants, so a variant one of them lacks fails
/// the build.
#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Severity {
    Info,
    Warning,
    Error,
}

fn main() {
    println!("cargo::rerun-if-changed=rules/regions.tsv");
    println!("cargo::rerun-if-changed=src/rules/place/table.rs");
    println!("cargo::rerun-if-changed=rules/blank-words.toml");
    println!("cargo::rerun-if-changed=src/rules/pack/def.rs");
    println!("cargo::rerun-if-changed=src/rules/lazy_regex/literals.rs");
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
    let packs = read_packs();
    std::fs::write(Path::new(&out).join("packs.rs"), packs_rust(&packs))
        .expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out).join("literals.rs"), literals_rust(&packs))
        .expect("OUT_DIR is writable");
}

/// Each of [`PACKS`], with its fields. A pack that does not parse fails the build, naming it.
fn read_packs() -> Vec<(&'static str, def::PackFile)> {
    PACKS
        .into_iter()
        .map(|path| {
            println!("cargo::rerun-if-changed={path}");
            let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let file =
                toml::from_str(&source).unwrap_or_else(|e| panic!("{path} is malformed: {e}"));
            (path, file)
        })
        .collect()
}

/// `fn builtin_literals(pattern: &str) -> Option<Literals>`, which `src/rules/lazy_regex`
/// includes: the [`literals::Literals`] of each pattern of `packs`.
fn literals_rust(packs: &[(&str, def::PackFile)]) -> String {
    let mut patterns: Vec<&str> = packs.iter().flat_map(|(_, file)| file.patterns()).collect();
    patterns.sort_unstable();
    patterns.dedup();
    let mut rust = String::from(
        "/// The literals of `pattern` if it is a pattern of the built-in packs.\n\
         fn builtin_literals(pattern: &str) -> Option<Literals> {\n    match pattern {\n",
    );
    for pattern in patterns {
        let found = literals::Literals::of(pattern);
        write!(rust, "        {pattern:?} => Some(Literals {{ starts: ").unwrap();
        found.starts.emit(&mut rust);
        rust.push_str(", inner: ");
        found.inner.emit(&mut rust);
        writeln!(rust, ", within_a_line: {} }}),", found.within_a_line).unwrap();
    }
    rust.push_str("        _ => None,\n    }\n}\n");
    rust
}

/// `BUILTIN`, the path and text of each of `packs`, and `fn builtin_fields()`, their
/// fields: `src/rules/pack/mod.rs` includes them.
fn packs_rust(packs: &[(&str, def::PackFile)]) -> String {
    let mut rust = String::new();
    writeln!(
        rust,
        "/// The built-in packs: each one's path in the repository and its text.\n\
         pub const BUILTIN: [(&str, &str); {n}] = [",
        n = packs.len()
    )
    .unwrap();
    for (path, _) in packs {
        writeln!(
            rust,
            "    ({path:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{path}\"))),"
        )
        .unwrap();
    }
    rust.push_str("];\n\n");
    writeln!(
        rust,
        "/// The fields of each of [`BUILTIN`], as the build script read them.\n\
         fn builtin_fields() -> [PackFile; {n}] {{\n    [",
        n = packs.len()
    )
    .unwrap();
    for (_, file) in packs {
        file.emit(&mut rust);
        rust.push_str(",\n");
    }
    rust.push_str("    ]\n}\n");
    rust
}

/// A value written out as the Rust expression that makes it.
trait Emit {
    fn emit(&self, rust: &mut String);
}

impl Emit for String {
    fn emit(&self, rust: &mut String) {
        // A string's `Debug` form is a Rust literal of it.
        write!(rust, "String::from({self:?})").unwrap();
    }
}

/// A byte string, as a byte string literal made a `Vec`.
impl Emit for Vec<u8> {
    fn emit(&self, rust: &mut String) {
        let escaped: String = self
            .iter()
            .flat_map(|&b| std::ascii::escape_default(b))
            .map(char::from)
            .collect();
        write!(rust, "b\"{escaped}\".to_vec()").unwrap();
    }
}

/// Values whose `Debug` form is the Rust that makes them, or is once prefixed with their
/// type's name.
macro_rules! emit_debug {
    ($($type:ty => $prefix:literal),* $(,)?) => {$(
        impl Emit for $type {
            fn emit(&self, rust: &mut String) {
                write!(rust, "{}{self:?}", $prefix).unwrap();
            }
        }
    )*};
}

emit_debug!(bool => "", u16 => "", Severity => "Severity::", def::Kind => "Kind::");

impl<T: Emit> Emit for Option<T> {
    fn emit(&self, rust: &mut String) {
        match self {
            None => rust.push_str("None"),
            Some(value) => {
                rust.push_str("Some(");
                value.emit(rust);
                rust.push(')');
            }
        }
    }
}

impl<T: Emit> Emit for Vec<T> {
    fn emit(&self, rust: &mut String) {
        rust.push_str("vec![");
        for value in self {
            value.emit(rust);
            rust.push_str(", ");
        }
        rust.push(']');
    }
}

impl<T: Emit> Emit for toml::Spanned<T> {
    fn emit(&self, rust: &mut String) {
        write!(rust, "Spanned::new({:?}, ", self.span()).unwrap();
        self.get_ref().emit(rust);
        rust.push(')');
    }
}

/// A struct of `def`, written out field by field: a field left out here is missing from the
/// struct expression, which then does not compile.
macro_rules! emit_struct {
    ($($type:ident { $($field:ident),* $(,)? })*) => {$(
        impl Emit for def::$type {
            fn emit(&self, rust: &mut String) {
                rust.push_str(concat!(stringify!($type), " {"));
                $(
                    rust.push_str(concat!(" ", stringify!($field), ": "));
                    self.$field.emit(rust);
                    rust.push(',');
                )*
                rust.push_str(" }");
            }
        }
    )*};
}

emit_struct! {
    PackFile { rule }
    RuleDef { id, kind, severity, summary, message, doc, tokens, pattern, swap, set }
    SwapDef {
        wrong, regex, right, fix, source, since, not_preceded_by, not_followed_by, unless
    }
    SetDef { variants, fix, source }
    PatternDef { regex, not_preceded_by, not_followed_by, unless }
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
