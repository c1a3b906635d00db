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

use super::{FnRule, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        FnRule::boxed(
            RuleMeta::new(
                "placeholder/marker",
                Severity::Error,
                "未填写的占位符：XX、××、X月X日、X万元、x.x%、X书记、县*局",
                marker::DOC,
            ),
            marker::check,
        ),
        FnRule::boxed(
            RuleMeta::new(
                "placeholder/likely",
                Severity::Warning,
                "可能未填写的单个占位符：X的变化、由X牵头、理清*发展",
                likely::DOC,
            ),
            likely::check,
        ),
        FnRule::boxed(
            RuleMeta::new(
                "placeholder/name",
                Severity::Warning,
                "代替名称的“某某”，以及标题、句首代替单位名称的“某”（某县、某项目）",
                name::DOC,
            ),
            name::check,
        ),
        FnRule::boxed(
            RuleMeta::new(
                "placeholder/space",
                Severity::Warning,
                "用空格留出的空白：投资 万元、定于 年 月 日、我谨代表 ，",
                space::DOC,
            ),
            space::check,
        ),
    ]
}

/// How long a title or a heading is at most, in characters.
const HEADING_CHARS: usize = 60;

/// Whether a paragraph is a title or a heading: short, and ending no sentence. There `某县`
/// names the speaker's own unit (`某县委书记在…的讲话`), and a space sets two parts of the
/// title apart (`…疫情 切实保障人民群众生命健康安全的决定`).
fn is_heading(paragraph: &str) -> bool {
    paragraph.len() <= HEADING_CHARS * 4
        && paragraph.chars().count() <= HEADING_CHARS
        && !paragraph.contains(['。', '！', '？', '；'])
}
