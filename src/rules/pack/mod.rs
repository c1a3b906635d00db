//! The rule-pack format: TOML files holding data-driven rules.
//!
//! Built-in packs (`rules/*.toml`) and user packs (`rule_dirs`) share this format. A pack
//! holds the rules of one family and is named after it: `placeholder.toml` holds
//! `placeholder/*`. Every mistake in a pack is reported at its line, so a user who writes a
//! bad regex sees the regex, underlined, and the reason.
//!
//! ```toml
//! [[rule]]
//! id = "house/old-name"
//! kind = "existence"
//! severity = "warning"
//! summary = "旧机构名称"
//! message = "“{match}”已更名"
//! doc = "…"
//! tokens = ["旧名称甲", "旧名称乙"]        # literal words, or:
//!
//! [[rule.pattern]]
//! regex = '[XＸ]{2,}'                   # what to find; a group named `hit` narrows the span
//! not_preceded_by = '[A-Za-z]'          # skip when the text just before matches this
//! not_followed_by = '[A-Za-z]'          # skip when the text just after matches this
//! unless = 'XXL'                        # skip when the whole hit matches this
//! ```

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use regex::Regex;

use toml::Spanned;

use super::lazy_regex::LazyRegex;

use super::consistency::{Consistency, VariantSet};
use super::existence::{Existence, Guards, Pattern};
use super::substitution::{Find, Substitution, Swap};
use super::{family_of, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::error::TomlError;
use crate::lang::Text;
use def::{Kind, PackFile, PatternDef, RuleDef, SetDef, SwapDef};

mod def;

// `BUILTIN`, each built-in pack's path and text, and `builtin_fields()`, their fields as the
// build script read them.
include!(concat!(env!("OUT_DIR"), "/packs.rs"));

/// A rule read from a pack, with where its id was written (for later duplicate errors).
pub struct ParsedRule {
    pub rule: Arc<dyn Rule>,
    pub id_span: Range<usize>,
}

/// Whether `id` looks like `family/name`, each a lowercase letter followed by lowercase
/// letters, digits and `-`.
fn is_rule_id(id: &str) -> bool {
    let part = |part: &str| {
        part.starts_with(|c: char| c.is_ascii_lowercase())
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    id.split_once('/')
        .is_some_and(|(family, name)| part(family) && part(name))
}

/// Parses and compiles every rule of the pack at `path` (used for messages and the family
/// check) whose text is `source`.
pub fn parse(path: &Path, source: &str) -> Result<Vec<ParsedRule>, TomlError> {
    let file: PackFile =
        toml::from_str(source).map_err(|e| TomlError::from_toml(path, source, &e))?;
    compile_pack(path, source, file, Patterns::CompiledNow)
}

/// The rules of the built-in packs, pack by pack. Their fields were read from the packs by
/// the build script, and their patterns are compiled when a text first needs them (see
/// [`LazyRegex`]; the tests compile them all): parsing the packs' TOML was a quarter of a
/// one-line draft's run.
pub fn builtin() -> Result<Vec<ParsedRule>, TomlError> {
    let mut rules = Vec::new();
    for ((path, source), file) in BUILTIN.into_iter().zip(builtin_fields()) {
        rules.extend(compile_pack(
            Path::new(path),
            source,
            file,
            Patterns::OnFirstUse,
        )?);
    }
    Ok(rules)
}

/// Each `regex` of the built-in packs, as written (see [`PackFile::patterns`]).
#[cfg(test)]
pub(crate) fn builtin_patterns() -> Vec<String> {
    let fields = builtin_fields();
    fields
        .iter()
        .flat_map(PackFile::patterns)
        .map(str::to_string)
        .collect()
}

/// When a pack's regexes are compiled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Patterns {
    /// When the pack is read: a user's pattern the regex crate refuses is an error of the
    /// config, with its line.
    CompiledNow,
    OnFirstUse,
}

/// Compiles the rules of `file`, read from `source`, the text of the pack at `path`.
fn compile_pack(
    path: &Path,
    source: &str,
    file: PackFile,
    patterns: Patterns,
) -> Result<Vec<ParsedRule>, TomlError> {
    let located =
        |span: Range<usize>, message: Text| TomlError::new(path, source, Some(span), message);
    let family = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let mut compiled = file
        .rule
        .into_iter()
        .map(|def| compile(def, family, &located, patterns))
        .collect::<Result<Vec<_>, _>>()?;
    let mut existence: Vec<&mut Existence> = compiled
        .iter_mut()
        .filter_map(|(rule, _)| match rule {
            Compiled::Existence(rule) => Some(rule),
            Compiled::Other(_) => None,
        })
        .collect();
    Existence::share_starts(&mut existence);
    Ok(compiled
        .into_iter()
        .map(|(rule, id_span)| ParsedRule {
            rule: match rule {
                Compiled::Existence(rule) => Arc::new(rule),
                Compiled::Other(rule) => rule,
            },
            id_span,
        })
        .collect())
}

/// A rule of a pack as compiled: existence rules are kept apart until the pack's are made
/// to share one search for their patterns' opening literals.
enum Compiled {
    Existence(Existence),
    Other(Arc<dyn Rule>),
}

fn compile(
    def: RuleDef,
    family: &str,
    located: &dyn Fn(Range<usize>, Text) -> TomlError,
    patterns: Patterns,
) -> Result<(Compiled, Range<usize>), TomlError> {
    let id_span = def.id.span();
    let id = def.id.get_ref().clone();
    if !is_rule_id(&id) {
        let message = Text::new(
            format!("规则 id `{id}` 应写成 `族/名`（小写字母、数字、`-`）"),
            format!("rule id `{id}` must look like `family/name` (lowercase letters, digits, `-`)"),
        );
        return Err(located(id_span, message));
    }
    if family_of(&id) != family {
        let home = family_of(&id);
        let message = Text::new(
            format!("规则 `{id}` 写在 `{family}.toml` 里，但一个规则包只放一个族：请移到 `{home}.toml`"),
            format!("rule `{id}` is in `{family}.toml`, but a pack holds one family: put it in `{home}.toml`"),
        );
        return Err(located(id_span, message));
    }
    check_kind_fields(&def, &id, id_span.clone(), located)?;
    let meta = RuleMeta::new(id, def.severity, def.summary, def.doc);
    let at_id = |message: String| {
        let message = Text::new(format!("规则无法建立检索：{message}"), message);
        located(id_span.clone(), message)
    };
    let rule: Arc<dyn Rule> = match def.kind {
        Kind::Existence => {
            let patterns = compile_all(def.pattern, |p| compile_pattern(p, located, patterns))?;
            let rule = Existence::new(meta, def.message, patterns, &def.tokens).map_err(at_id)?;
            return Ok((Compiled::Existence(rule), id_span));
        }
        Kind::Substitution => {
            let swaps = compile_all(def.swap, |s| compile_swap(s, located, patterns))?;
            match patterns {
                Patterns::CompiledNow => {
                    Arc::new(Substitution::new(meta, def.message, swaps).map_err(at_id)?)
                }
                Patterns::OnFirstUse => Arc::new(Substitution::deferred(meta, def.message, swaps)),
            }
        }
        Kind::Consistency => {
            let sets = compile_all(def.set, |s| compile_set(s, located))?;
            Arc::new(Consistency::new(meta, def.message, sets).map_err(at_id)?)
        }
    };
    Ok((Compiled::Other(rule), id_span))
}

fn compile_all<D, T>(
    defs: Vec<D>,
    compile: impl Fn(D) -> Result<T, TomlError>,
) -> Result<Vec<T>, TomlError> {
    defs.into_iter().map(compile).collect()
}

/// Each kind reads its own fields; a field of another kind is a mistake worth naming.
fn check_kind_fields(
    def: &RuleDef,
    id: &str,
    id_span: Range<usize>,
    located: &dyn Fn(Range<usize>, Text) -> TomlError,
) -> Result<(), TomlError> {
    let has_existence = !def.pattern.is_empty() || !def.tokens.is_empty();
    let (needed, present, others) = match def.kind {
        Kind::Existence => (
            "`tokens` or a `[[rule.pattern]]`",
            has_existence,
            !def.swap.is_empty() || !def.set.is_empty(),
        ),
        Kind::Substitution => (
            "a `[[rule.swap]]`",
            !def.swap.is_empty(),
            has_existence || !def.set.is_empty(),
        ),
        Kind::Consistency => (
            "a `[[rule.set]]`",
            !def.set.is_empty(),
            has_existence || !def.swap.is_empty(),
        ),
    };
    if !present {
        return Err(located(
            id_span,
            Text::new(
                format!("规则 `{id}` 什么也找不到：请给它 {needed}"),
                format!("rule `{id}` finds nothing: give it {needed}"),
            ),
        ));
    }
    if others {
        return Err(located(
            id_span,
            Text::new(
                format!("规则 `{id}` 写了别的种类的字段：它的种类只读 {needed}"),
                format!("rule `{id}` has fields of another kind: its kind reads only {needed}"),
            ),
        ));
    }
    Ok(())
}

fn compile_swap(
    def: SwapDef,
    located: &dyn Fn(Range<usize>, Text) -> TomlError,
    patterns: Patterns,
) -> Result<Swap, TomlError> {
    let find = match (def.wrong, &def.regex) {
        (Some(wrong), None) if !wrong.is_empty() => Find::Literal(wrong),
        (None, Some(regex)) => Find::Regex(compile_regex(regex, "{}", located, patterns)?),
        _ => {
            let message = Text::new(
                "每个 swap 要有且只有 `wrong`（字面文字）或 `regex` 之一",
                "a swap needs exactly one of `wrong` (a literal) or `regex`",
            );
            return Err(located(def.right.span(), message));
        }
    };
    Ok(Swap {
        find,
        right: def.right.into_inner(),
        guards: compile_guards(
            &def.not_preceded_by,
            &def.not_followed_by,
            &def.unless,
            located,
            patterns,
        )?,
        safe: def.fix,
        since: def.since,
    })
}

fn compile_set(
    def: SetDef,
    located: &dyn Fn(Range<usize>, Text) -> TomlError,
) -> Result<VariantSet, TomlError> {
    let span = def.variants.span();
    let variants = def.variants.into_inner();
    if variants.len() < 2 || variants.iter().any(String::is_empty) {
        let message = Text::new(
            "每个 set 至少要有两个非空的写法",
            "a set needs at least two non-empty variants",
        );
        return Err(located(span, message));
    }
    Ok(VariantSet {
        variants,
        fix: def.fix,
    })
}

fn compile_pattern(
    def: PatternDef,
    located: &dyn Fn(Range<usize>, Text) -> TomlError,
    patterns: Patterns,
) -> Result<Pattern, TomlError> {
    Ok(Pattern {
        regex: compile_regex(&def.regex, "{}", located, patterns)?,
        guards: compile_guards(
            &def.not_preceded_by,
            &def.not_followed_by,
            &def.unless,
            located,
            patterns,
        )?,
    })
}

/// The guards look at a short stretch of text next to the hit, so they are anchored to the
/// hit's side: "what comes just before ends like this", "what follows starts so".
fn compile_guards(
    not_preceded_by: &Option<Spanned<String>>,
    not_followed_by: &Option<Spanned<String>>,
    unless: &Option<Spanned<String>>,
    located: &dyn Fn(Range<usize>, Text) -> TomlError,
    patterns: Patterns,
) -> Result<Guards, TomlError> {
    let guard = |field: &Option<Spanned<String>>, template: &str| {
        field
            .as_ref()
            .map(|g| compile_regex(g, template, located, patterns))
            .transpose()
    };
    Ok(Guards {
        not_preceded_by: guard(not_preceded_by, r"(?:{})\z")?,
        not_followed_by: guard(not_followed_by, r"\A(?:{})")?,
        unless: guard(unless, r"\A(?:{})\z")?,
    })
}

/// Compiles `field`, wrapped in `template` (`{}` stands for the user's pattern). The regex
/// crate runs in linear time whatever the pattern, so a user pattern cannot hang a run.
fn compile_regex(
    field: &Spanned<String>,
    template: &str,
    located: &dyn Fn(Range<usize>, Text) -> TomlError,
    patterns: Patterns,
) -> Result<LazyRegex, TomlError> {
    let pattern = template.replace("{}", field.get_ref());
    if patterns == Patterns::OnFirstUse {
        return Ok(LazyRegex::deferred(pattern));
    }
    LazyRegex::compiled(pattern).map_err(|e| {
        let reason = match e {
            regex::Error::Syntax(text) => Regex::new(field.get_ref())
                .err()
                .map_or(text, |inner| inner.to_string()),
            other => other.to_string(),
        };
        let message = Text::new(
            format!("无效的正则表达式：{reason}"),
            format!("invalid regex: {reason}"),
        );
        located(field.span(), message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(name: &str, source: &str) -> Result<Vec<ParsedRule>, TomlError> {
        parse(Path::new(name), source)
    }

    /// The error of reading `source` as the pack `name`, and its message in English.
    fn error(name: &str, source: &str) -> (TomlError, String) {
        let e = parse_str(name, source).err().expect("the pack is refused");
        let english = e.message.get(crate::lang::Lang::En).to_string();
        (e, english)
    }

    const MINIMAL: &str = r#"
[[rule]]
id = "house/old-name"
kind = "existence"
severity = "warning"
summary = "s"
message = "m {match}"
doc = "d"
tokens = ["旧称"]
"#;

    /// The build script reads the built-in packs into the fields a run starts with: they must
    /// be what parsing the packs gives, spans and all (`Debug` shows the spans, which `==`
    /// on a `Spanned` leaves out).
    #[test]
    fn the_built_in_fields_are_the_packs_parsed() {
        for ((path, source), built) in BUILTIN.into_iter().zip(builtin_fields()) {
            let parsed: PackFile = toml::from_str(source).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(!parsed.rule.is_empty(), "{path}");
            assert_eq!(format!("{built:?}"), format!("{parsed:?}"), "{path}");
        }
    }

    proptest::proptest! {
        /// Rule ids are checked by hand as the pattern `^[a-z][a-z0-9-]*/[a-z][a-z0-9-]*$`
        /// says (compiling it was a tenth of reading the built-in packs).
        #[test]
        fn rule_ids_are_checked_as_the_pattern_says(id in "[a-zA0-9_-]?[a-z]{0,2}[a-zA0-9_-]?/{0,2}[a-zA0-9_-]?[a-z]{0,2}[a-zA0-9_-]?") {
            let pattern = Regex::new(r"^[a-z][a-z0-9-]*/[a-z][a-z0-9-]*$").unwrap();
            proptest::prop_assert_eq!(is_rule_id(&id), pattern.is_match(&id), "{}", id);
        }
    }

    #[test]
    fn minimal_pack_parses() {
        let rules = parse_str("house.toml", MINIMAL).unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].rule.meta().id, "house/old-name");
        assert_eq!(rules[0].rule.meta().severity, Severity::Warning);
    }

    #[test]
    fn rule_outside_its_family_file_is_rejected_at_the_id() {
        let (e, message) = error("other.toml", MINIMAL);
        assert!(message.contains("put it in `house.toml`"), "{message}");
        assert_eq!(&MINIMAL[e.span.unwrap()], "\"house/old-name\"");
    }

    #[test]
    fn invalid_regex_points_at_the_regex() {
        let source = MINIMAL.replace("tokens = [\"旧称\"]", "[[rule.pattern]]\nregex = '[XX'");
        let (e, message) = error("house.toml", &source);
        assert!(message.starts_with("invalid regex"), "{message}");
        assert_eq!(&source[e.span.unwrap()], "'[XX'");
    }

    #[test]
    fn look_around_is_rejected_with_the_regex_crates_reason() {
        let source = MINIMAL.replace("tokens = [\"旧称\"]", "[[rule.pattern]]\nregex = 'X(?=Y)'");
        let (_, message) = error("house.toml", &source);
        assert!(message.contains("look-around"), "{message}");
    }

    #[test]
    fn unknown_key_is_an_error_at_its_line() {
        let source = MINIMAL.replace("doc = \"d\"", "doc = \"d\"\nsevrity = \"error\"");
        let (e, message) = error("house.toml", &source);
        assert!(message.contains("unknown field `sevrity`"), "{message}");
        assert!(e.to_string().contains("house.toml:9:"), "{e}");
    }

    #[test]
    fn bad_severity_and_kind_are_errors() {
        let bad_severity = MINIMAL.replace("\"warning\"", "\"fatal\"");
        assert!(parse_str("house.toml", &bad_severity).is_err());
        let bad_kind = MINIMAL.replace("\"existence\"", "\"sometimes\"");
        assert!(parse_str("house.toml", &bad_kind).is_err());
    }

    #[test]
    fn malformed_id_and_empty_rule_are_errors() {
        let bad_id = MINIMAL.replace("house/old-name", "House_Old");
        assert!(error("house.toml", &bad_id).1.contains("family/name"));
        let empty = MINIMAL.replace("tokens = [\"旧称\"]", "");
        assert!(error("house.toml", &empty).1.contains("finds nothing"));
    }
}
