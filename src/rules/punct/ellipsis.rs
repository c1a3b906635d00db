//! `punct/ellipsis`: an ellipsis typed as full stops or dots (`。。。`, `...`, `······`) or
//! with the wrong number of `…`. GB/T 15834-2011 4.11: the ellipsis is six dots, `……` (two
//! U+2026); twelve dots `…………` stand for omitted paragraphs, on a line of their own.

use super::runs::Marks;
use super::{is_chinese, paragraphs, Context};
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "punct/ellipsis",
    Severity::Warning,
    "省略号写成了句点或圆点（。。。 ...）",
    DOC,
    check,
);

/// The dots an ellipsis is typed with, each repeated on its own. Three make an ellipsis-like
/// run (two `。` are `punct/repeated`'s); one `…` is already one.
static DOTS: Marks<6> = Marks::each([
    ('。', 3),
    ('.', 3),
    ('．', 3),
    ('·', 3),
    ('・', 3),
    ('…', 1),
]);

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (span, paragraph) in paragraphs(cx) {
        DOTS.for_each_run(paragraph, |m| {
            let at = span.start + m.start..span.start + m.end;
            if in_chinese_text(&cx.doc.text, &at) {
                out.extend(finding(&paragraph[m.clone()], &paragraph[m.end..], at));
            }
        });
    }
}

/// What is wrong with the `dots` before `rest`, if anything: `等` after them, or their form.
fn finding(dots: &str, rest: &str, at: std::ops::Range<usize>) -> Option<Finding> {
    if followed_by_deng(rest) {
        return Some(Finding::new(at, WITH_DENG));
    }
    if is_well_formed(dots) {
        return None;
    }
    let message = format!("省略号应为“……”，不用“{dots}”（GB/T 15834-2011 4.11）");
    Some(Finding::new(at, message).with_fix("……"))
}

const WITH_DENG: &str = "省略号和“等”“等等”不能同时使用，删去其中一个（GB/T 15834-2011 附录 A）";

/// `等` or `等等` after an ellipsis (`产业、科技、人才……等方面`), which says the same twice; not
/// the verb (`等待`, `等到`) or `等于`, `等级`.
fn followed_by_deng(rest: &str) -> bool {
    rest.starts_with('等')
        && !["等待", "等候", "等到", "等于", "等同", "等级", "等次"]
            .iter()
            .any(|word| rest.starts_with(word))
}

/// Six dots, or twelve (omitted paragraphs; templates also use them for text to be written).
fn is_well_formed(dots: &str) -> bool {
    dots == "……" || dots == "…………"
}

/// Ellipsis-like characters are Chinese by themselves; ASCII or full-width dots are when
/// Chinese touches them, and they do not end a word of Latin text (`build...`).
fn in_chinese_text(text: &str, at: &std::ops::Range<usize>) -> bool {
    if text[at.clone()].starts_with(['。', '…', '·', '・']) {
        return true;
    }
    let left = text[..at.start].chars().next_back();
    let right = text[at.end..].chars().next();
    left.is_some_and(is_chinese)
        || (right.is_some_and(is_chinese) && !left.is_some_and(|c| c.is_ascii_alphanumeric()))
}

pub(super) const DOC: &str = r#"
检查什么
  写成句号、英文句点、间隔号的省略号（。。。 ... ······），个数不对的“…”
  （一个“…”、三个“…”），以及省略号后又用“等”“等等”。

为什么
  GB/T 15834-2011 4.11：省略号的形式是六连点“……”，占两个字的位置；段落的省略可以
  连用两个省略号（十二连点“…………”），单独成行。附录 A：省略号和“等”“等等”
  “什么的”等词语不能同时使用，两者都表示列举未尽。

会报告
  加强组织领导。。。             （改为 ……）
  包括产业、科技、人才...        （改为 ……）
  一个“…”或三个“………”          （改为 ……）
  加强产业、科技、人才……等方面工作   （删去“……”或“等”，不自动修改）

不会报告
  ……                            （六连点）
  …………                        （十二连点，省略了段落）
  英文或代码里的 ...             （前后都不是中文）

如何修改
  改为“……”。wenlint check --fix 会自动修改。
"#;

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The scan finds the runs `find_iter` of the regex it replaced found.
        #[test]
        fn dots_are_what_the_regex_finds(text in "[。．./·・…‥⋯〃，、的中ab ]{0,40}") {
            super::super::runs::finds_as_regex(&super::DOTS, r"。{3,}|\.{3,}|．{3,}|·{3,}|・{3,}|…+", &text)?;
        }
    }

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged("punct/ellipsis", text)
    }

    #[test]
    fn dots_and_wrong_counts_are_reported() {
        assert_eq!(flagged("加强领导。。。"), ["。。。"]);
        assert_eq!(flagged("产业、人才..."), ["..."]);
        assert_eq!(flagged("产业、人才······"), ["······"]);
        assert_eq!(flagged("产业…人才………"), ["…", "………"]);
        assert_eq!(flagged("产业、人才……等方面"), ["……"]);
        assert_eq!(flagged("产业、人才……等等"), ["……"]);
    }

    #[test]
    fn six_dots_omitted_paragraphs_and_english_are_quiet() {
        for text in [
            "产业、人才……",
            "…………",
            "…………（写明理由）",
            "Wait... what",
            "see README...",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }
}
