//! `punct/*`: punctuation by GB/T 15834-2011《标点符号用法》, which GB/T 9704-2012 §9 makes
//! the rule for 公文.
//!
//! One file per rule. Each rule is a plain function over the document, so the table below is
//! the whole registry of the family. Fixes are offered only where the right mark is certain
//! (a half-width comma between Chinese characters is a full-width comma); where an editor has
//! to choose (which of `，。` to keep), the finding says so and offers none.

mod dash;
mod ellipsis;
mod halfwidth;
mod list_break;
mod pair;
mod quoted_list;
mod range;
mod repeated;
mod space;

pub(crate) use crate::document::chars::{is_chinese, is_han};

use super::{Context, FnRule, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};

type Entry = (
    &'static str,
    Severity,
    &'static str,
    &'static str,
    fn(&Context, &mut Vec<Finding>),
);

const RULES: &[Entry] = &[
    (
        "punct/halfwidth",
        Severity::Warning,
        "中文里用了半角标点（各单位要高度重视,认真落实）",
        halfwidth::DOC,
        halfwidth::check,
    ),
    (
        "punct/pair",
        Severity::Warning,
        "引号、书名号、括号不成对或交叉嵌套",
        pair::DOC,
        pair::check,
    ),
    (
        "punct/quoted-list",
        Severity::Info,
        "并列的引号、书名号之间用了顿号（“张园”、“革命文物展”）",
        quoted_list::DOC,
        quoted_list::check,
    ),
    (
        "punct/range",
        Severity::Warning,
        "数值范围用了短横线（2-3篇），应为浪纹线或一字线",
        range::DOC,
        range::check,
    ),
    (
        "punct/ellipsis",
        Severity::Warning,
        "省略号写成了句点或圆点（。。。 ...）",
        ellipsis::DOC,
        ellipsis::check,
    ),
    (
        "punct/dash",
        Severity::Warning,
        "破折号写成了连字符或其他横线（--）",
        dash::DOC,
        dash::check,
    ),
    (
        "punct/repeated",
        Severity::Warning,
        "点号重复或连用（，， 。。 ，。）",
        repeated::DOC,
        repeated::check,
    ),
    (
        "punct/list-break",
        Severity::Warning,
        "并列成分被句号断开（政治判断力。政治领悟力、政治执行力。）",
        list_break::DOC,
        list_break::check,
    ),
    (
        "punct/space",
        Severity::Info,
        "汉字之间多余的空格（推动 高质量发展），多是从 PDF、网页复制时留下的",
        space::DOC,
        space::check,
    ),
];

pub fn rules() -> Vec<Box<dyn Rule>> {
    RULES
        .iter()
        .map(|&(id, severity, summary, doc, check)| {
            FnRule::boxed(RuleMeta::new(id, severity, summary, doc), check)
        })
        .collect()
}

/// The nearest character before `at` on the same line, skipping ASCII spaces and tabs.
pub(crate) fn before(text: &str, at: usize) -> Option<char> {
    text[..at]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .find(|&c| c != ' ' && c != '\t')
}

/// The nearest character from `at` on the same line, skipping ASCII spaces and tabs.
pub(crate) fn after(text: &str, at: usize) -> Option<char> {
    text[at..]
        .chars()
        .take_while(|&c| c != '\n' && c != '\r')
        .find(|&c| c != ' ' && c != '\t')
}

/// The paragraphs of the document as `(span, text)`.
pub(crate) fn paragraphs<'a>(
    cx: &'a Context,
) -> impl Iterator<Item = (std::ops::Range<usize>, &'a str)> + 'a {
    cx.doc
        .paragraphs
        .iter()
        .map(|p| (p.clone(), &cx.doc.text[p.clone()]))
}

/// Runs the rule `id` of this family over a plain-text document (for unit tests).
#[cfg(test)]
pub(super) fn run(id: &str, text: &str) -> (crate::document::Document, Vec<Finding>) {
    super::run_builtin(id, text)
}

/// The text each finding of rule `id` points at (for unit tests).
#[cfg(test)]
pub(super) fn flagged(id: &str, text: &str) -> Vec<String> {
    let (doc, found) = run(id, text);
    found
        .into_iter()
        .map(|f| doc.source[f.span].to_string())
        .collect()
}
