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
use std::sync::{Arc, LazyLock};

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::existence::{Existence, Pattern};
use super::{family_of, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::error::TomlError;

/// A rule read from a pack, with where its id was written (for later duplicate errors).
pub struct ParsedRule {
    pub rule: Arc<dyn Rule>,
    pub id_span: Range<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    #[serde(default)]
    rule: Vec<RuleDef>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Existence,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    id: Spanned<String>,
    kind: Kind,
    severity: Severity,
    summary: String,
    message: String,
    doc: String,
    #[serde(default)]
    tokens: Vec<String>,
    #[serde(default)]
    pattern: Vec<PatternDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternDef {
    regex: Spanned<String>,
    not_preceded_by: Option<Spanned<String>>,
    not_followed_by: Option<Spanned<String>>,
    unless: Option<Spanned<String>>,
}

static RULE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-z][a-z0-9-]*/[a-z][a-z0-9-]*$").expect("rule id pattern is valid")
});

/// Parses and compiles every rule of the pack at `path` (used for messages and the family
/// check) whose text is `source`.
pub fn parse(path: &Path, source: &str) -> Result<Vec<ParsedRule>, TomlError> {
    let file: PackFile =
        toml::from_str(source).map_err(|e| TomlError::from_toml(path, source, &e))?;
    let located =
        |span: Range<usize>, message: String| TomlError::new(path, source, Some(span), message);
    let family = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    file.rule
        .into_iter()
        .map(|def| compile(def, family, &located))
        .collect()
}

fn compile(
    def: RuleDef,
    family: &str,
    located: &dyn Fn(Range<usize>, String) -> TomlError,
) -> Result<ParsedRule, TomlError> {
    let id_span = def.id.span();
    let id = def.id.into_inner();
    if !RULE_ID.is_match(&id) {
        let message =
            format!("rule id `{id}` must look like `family/name` (lowercase letters, digits, `-`)");
        return Err(located(id_span, message));
    }
    if family_of(&id) != family {
        let message = format!(
            "rule `{id}` is in `{family}.toml`, but a pack holds one family: put it in `{}.toml`",
            family_of(&id)
        );
        return Err(located(id_span, message));
    }
    if def.pattern.is_empty() && def.tokens.is_empty() {
        let message =
            format!("rule `{id}` finds nothing: give it `tokens` or a `[[rule.pattern]]`");
        return Err(located(id_span, message));
    }
    let patterns = def
        .pattern
        .into_iter()
        .map(|p| compile_pattern(p, located))
        .collect::<Result<Vec<_>, _>>()?;
    let meta = RuleMeta {
        id,
        severity: def.severity,
        summary: def.summary,
        doc: def.doc,
    };
    let rule: Arc<dyn Rule> = match def.kind {
        Kind::Existence => Arc::new(
            Existence::new(meta, def.message, patterns, &def.tokens)
                .map_err(|message| located(id_span.clone(), message))?,
        ),
    };
    Ok(ParsedRule { rule, id_span })
}

fn compile_pattern(
    def: PatternDef,
    located: &dyn Fn(Range<usize>, String) -> TomlError,
) -> Result<Pattern, TomlError> {
    let regex = compile_regex(&def.regex, "{}", located)?;
    let guard = |field: &Option<Spanned<String>>, template: &str| {
        field
            .as_ref()
            .map(|g| compile_regex(g, template, located))
            .transpose()
    };
    Ok(Pattern {
        hit_group: regex.capture_names().position(|n| n == Some("hit")),
        regex,
        // The guards look at a short stretch of text next to the hit, so they are anchored to
        // the hit's side: "what comes just before ends like this", "what follows starts so".
        not_preceded_by: guard(&def.not_preceded_by, r"(?:{})\z")?,
        not_followed_by: guard(&def.not_followed_by, r"\A(?:{})")?,
        unless: guard(&def.unless, r"\A(?:{})\z")?,
    })
}

/// Compiles `field`, wrapped in `template` (`{}` stands for the user's pattern). The regex
/// crate runs in linear time whatever the pattern, so a user pattern cannot hang a run.
fn compile_regex(
    field: &Spanned<String>,
    template: &str,
    located: &dyn Fn(Range<usize>, String) -> TomlError,
) -> Result<Regex, TomlError> {
    let pattern = template.replace("{}", field.get_ref());
    Regex::new(&pattern).map_err(|e| {
        let reason = match e {
            regex::Error::Syntax(text) => Regex::new(field.get_ref())
                .err()
                .map_or(text, |inner| inner.to_string()),
            other => other.to_string(),
        };
        located(field.span(), format!("invalid regex: {reason}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(name: &str, source: &str) -> Result<Vec<ParsedRule>, TomlError> {
        parse(Path::new(name), source)
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

    #[test]
    fn minimal_pack_parses() {
        let rules = parse_str("house.toml", MINIMAL).unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].rule.meta().id, "house/old-name");
        assert_eq!(rules[0].rule.meta().severity, Severity::Warning);
    }

    #[test]
    fn rule_outside_its_family_file_is_rejected_at_the_id() {
        let e = parse_str("other.toml", MINIMAL).err().unwrap();
        assert!(
            e.message.contains("put it in `house.toml`"),
            "{}",
            e.message
        );
        assert_eq!(&MINIMAL[e.span.unwrap()], "\"house/old-name\"");
    }

    #[test]
    fn invalid_regex_points_at_the_regex() {
        let source = MINIMAL.replace("tokens = [\"旧称\"]", "[[rule.pattern]]\nregex = '[XX'");
        let e = parse_str("house.toml", &source).err().unwrap();
        assert!(e.message.starts_with("invalid regex"), "{}", e.message);
        assert_eq!(&source[e.span.unwrap()], "'[XX'");
    }

    #[test]
    fn look_around_is_rejected_with_the_regex_crates_reason() {
        let source = MINIMAL.replace("tokens = [\"旧称\"]", "[[rule.pattern]]\nregex = 'X(?=Y)'");
        let e = parse_str("house.toml", &source).err().unwrap();
        assert!(e.message.contains("look-around"), "{}", e.message);
    }

    #[test]
    fn unknown_key_is_an_error_at_its_line() {
        let source = MINIMAL.replace("doc = \"d\"", "doc = \"d\"\nsevrity = \"error\"");
        let e = parse_str("house.toml", &source).err().unwrap();
        assert!(
            e.message.contains("unknown field `sevrity`"),
            "{}",
            e.message
        );
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
        assert!(parse_str("house.toml", &bad_id)
            .err()
            .unwrap()
            .message
            .contains("family/name"));
        let empty = MINIMAL.replace("tokens = [\"旧称\"]", "");
        assert!(parse_str("house.toml", &empty)
            .err()
            .unwrap()
            .message
            .contains("finds nothing"));
    }
}
