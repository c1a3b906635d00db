//! `placeholder/*` written in Rust: blanks that only their context tells apart from text.
//!
//! A lone `X` is a blank in `X书记` and a term in `X光`; a space is a blank in `投资 万元`
//! and layout in `省长 王某`; `某` is a blank in `某县委书记的讲话` and a plain word in
//! `某些`. The rules here read the words around such a sign ([`words`], the lists of
//! `rules/blank-words.toml`) to know whether a name, a number or a date is missing. The
//! blanks whose shape alone says so (`【待补充】`, `＿＿`, `TODO`) are data rules in
//! `rules/placeholder.toml`.

mod likely;
mod marker;
mod name;
pub mod space;
pub mod symbols;
pub mod words;

use super::RuleDef;

/// The family's rules written in Rust (`placeholder/blank`, `note` and `todo` are patterns in
/// `rules/placeholder.toml`).
pub static RULES: &[&RuleDef] = &[&marker::RULE, &likely::RULE, &name::RULE, &space::RULE];

/// How long a title or a heading is at most, in characters.
const HEADING_CHARS: usize = 60;

/// Whether a paragraph is a title or a heading: short, and ending no sentence. There `某县`
/// names the speaker's own unit (`某县委书记在…的讲话`), and a space sets two parts of the
/// title apart (`…疫情 切实保障人民群众生命健康安全的决定`).
fn is_heading(paragraph: &str) -> bool {
    crate::document::chars::at_most_chars(paragraph, HEADING_CHARS)
        && !paragraph.contains(['。', '！', '？', '；'])
}
