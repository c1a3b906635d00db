//! `duplicate/*`: text said twice. Drafts assembled from several sources repeat a sentence,
//! say the same thing again in the next sentence, or carry a clause pasted into two sections.
//!
//! - `duplicate/sentence` (warning): the same sentence again, anywhere in the document;
//! - `duplicate/near` (warning): a sentence that nearly repeats an earlier one (a character or
//!   two changed, its clauses reordered), or that restates the sentence just before it;
//! - `duplicate/clause` (info): a clause of eight characters or more that appears again in
//!   another sentence.
//!
//! Formulas that speeches repeat on purpose (`rules/set-phrases.txt`) are never reported, and
//! a clause alone is only `info`: set phrases outside the list then stay quiet at the default
//! `--fail-on warning`.

mod clause;
pub mod cross_file;
mod index;
mod near;
pub mod pass;
mod rolling;
mod scope;
mod sentence;
pub mod units;

use std::borrow::Cow;

use super::RuleDef;
use crate::diagnostic::{Finding, Related};
use crate::document::Document;
use units::Unit;

/// Shorter sentences (`同志们：`, `谢谢大家！`) repeat by nature.
const MIN_SENTENCE_CHARS: usize = 12;
/// Shorter clauses are phrases, not copied text.
const MIN_CLAUSE_CHARS: usize = 8;
/// A clause repeated alone is reported from this length; a shorter one only with its
/// neighbour repeated too, as pasted text is (a short clause alone is usually a formula).
const LONG_CLAUSE_CHARS: usize = 20;
/// A paragraph of one sentence shorter than this is a heading: headings repeat by design.
const HEADING_CHARS: usize = 25;

fn finding(
    doc: &Document,
    unit: &Unit,
    earlier: &Unit,
    message: impl Into<Cow<'static, str>>,
    label: &'static str,
) -> Finding {
    // The line alone: its column would be counted in characters from the line's start.
    let line = doc.line_index(earlier.span().start) + 1;
    Finding::new(unit.span(), message).with_related_place(Related::at_line(
        earlier.span(),
        label,
        line,
    ))
}

/// How many character edits a near repeat of `length` characters may have: one or two
/// characters changed, a tenth of a long sentence. More is a parallel sentence with another
/// subject (`在维护交通安全秩序方面` / `在维护公共场所秩序方面`), not a copy.
pub(super) fn near_edits(length: usize) -> usize {
    (length / 10).max(2)
}

/// Parallel statements with other figures (`处一万元以上三万元以下罚款` / `处三万元以上十万元以下
/// 罚款`) differ only in their numbers.
pub(super) fn only_numbers_differ(a: &[char], b: &[char]) -> bool {
    masked_numbers(a).eq(masked_numbers(b))
}

/// The characters with each run of numerals as one `#` (units hold no `#` of their own:
/// normalising keeps letters, digits and ideographs only).
fn masked_numbers(chars: &[char]) -> impl Iterator<Item = char> + '_ {
    let mut after_numeral = false;
    chars.iter().filter_map(move |&c| {
        let numeral = c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "〇零一二三四五六七八九十百千万亿两".contains(c);
        let continues_run = numeral && after_numeral;
        after_numeral = numeral;
        (!continues_run).then_some(if numeral { '#' } else { c })
    })
}

pub static RULES: &[&RuleDef] = &[
    &sentence::RULE,
    &near::RULE,
    &clause::RULE,
    &cross_file::RULE,
];

/// Whether rule `id` reads the pass over the document's units
/// ([`Context::duplicates`](crate::rules::Context::duplicates)), which is let go when the
/// last of them is done.
pub fn reads_pass(id: &str) -> bool {
    [&sentence::RULE, &near::RULE, &clause::RULE]
        .iter()
        .any(|rule| rule.meta.id == id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_repeat_cites_the_line_of_the_first() {
        let sentence = "坚持问题导向，聚焦群众反映强烈的突出问题，推动各项工作落地见效。";
        let text = format!("{sentence}\n\n\n{sentence}");
        let (_, found) = crate::rules::run_builtin("duplicate/sentence", &text);
        for (line, cited) in [
            (1, "首次出现（第 1 行）"),
            (12_345, "首次出现（第 12345 行）"),
        ] {
            let place = crate::diagnostic::Related::at_line(0..3, "首次出现", line);
            assert_eq!(place.text(), cited);
        }
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].related[0].text(), "首次出现（第 1 行）");
    }

    fn flagged(id: &str, text: &str) -> Vec<String> {
        let (doc, found) = crate::rules::run_builtin(id, text);
        found
            .into_iter()
            .map(|f| doc.source[f.span].to_string())
            .collect()
    }

    /// A regulation of four articles, in the shape of the local regulations.
    fn regulation(fourth: &str) -> String {
        format!(
            "第一条 为了规范农村集体资产管理，制定本条例。\n\
             第二条 县级人民政府农业农村主管部门负责本行政区域内农村集体资产的监督管理工作。\
             构成犯罪的，依法追究刑事责任。\n\
             第三条 有下列情形之一的，由农业农村主管部门责令改正：\n\
             （一）未按照规定公开财务的；\n\
             第四条 {fourth}\n"
        )
    }

    #[test]
    fn statements_that_differ_only_in_their_figures() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let differ = |a: &str, b: &str| super::only_numbers_differ(&chars(a), &chars(b));
        assert!(differ(
            "处一万元以上三万元以下罚款",
            "处三万元以上十万元以下罚款"
        ));
        assert!(differ("第1条规定", "第12条规定"));
        assert!(differ("加强组织领导", "加强组织领导"));
        assert!(!differ("加强组织领导", "加强组织建设"));
        assert!(!differ("处1万元罚款", "处1万元以上罚款"));
    }

    #[test]
    fn a_near_repeat_names_what_differs() {
        let text = "要进一步健全工作机制，压实各级领导干部的主体责任。\
                    要进一步健全工作机制，压实各级领导干部的主要责任。";
        let (_, found) = crate::rules::run_builtin("duplicate/near", text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].related[0].message,
            "相近的句子（第 1 行），不同之处：“主体”改为“主要”"
        );
        assert_eq!(super::near::differences("甲乙丙", "甲乙丙"), None);
        assert_eq!(
            super::near::differences("终于取得了成果", "终于实得成果"),
            Some("“于取”改为“于实”，删去“了”".to_string())
        );
    }

    #[test]
    fn a_sentence_pasted_into_another_article_of_a_regulation() {
        let pasted =
            regulation("县级人民政府农业农村主管部门负责本行政区域内农村集体资产的监督管理工作。");
        assert_eq!(
            flagged("duplicate/sentence", &pasted),
            ["第四条 县级人民政府农业农村主管部门负责本行政区域内农村集体资产的监督管理工作。"]
        );
    }

    #[test]
    fn clauses_regulations_repeat_by_design_are_quiet() {
        let by_design = regulation(
            "乡镇人民政府应当加强对村集体经济组织的指导。构成犯罪的，依法追究刑事责任。\n\
             有下列情形之一的，由农业农村主管部门责令改正：\n（一）未按照规定公开财务的；",
        );
        assert_eq!(
            flagged("duplicate/sentence", &by_design),
            Vec::<String>::new()
        );
    }
}
