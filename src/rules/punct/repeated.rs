//! `punct/repeated`: point marks doubled (`，，`, `。。`) or two different ones side by side
//! (`，。`, `、，`). GB/T 15834-2011 B.2 lists where two marks may stand together; two point
//! marks of this kind never do. `？！`, `！？`, `？？` and `！！` are allowed (4.2, 4.3), and
//! three or more `。` are an ellipsis, `punct/ellipsis`'s.

use super::runs::Marks;
use super::{paragraphs, Context};
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "punct/repeated",
    Severity::Warning,
    "点号重复或连用（，， 。。 ，。）",
    DOC,
    check,
);

/// The point marks whose runs are looked at (runs of `？` and `！` alone are allowed).
static POINTS: Marks<7> = Marks::mixed(['，', '。', '、', '；', '：', '？', '！'], 2);

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (span, paragraph) in paragraphs(cx) {
        POINTS.for_each_run(paragraph, |m| {
            let run = &paragraph[m.clone()];
            if !run.chars().all(|c| c == '？' || c == '！') && !is_ellipsis(run) {
                out.push(finding(run, span.start + m.start..span.start + m.end));
            }
        });
    }
}

fn is_ellipsis(run: &str) -> bool {
    run.chars().count() >= 3 && run.chars().all(|c| c == '。')
}

/// A doubled mark loses its copies; for two different marks the editor has to choose.
fn finding(run: &str, at: std::ops::Range<usize>) -> Finding {
    let first = run.chars().next().unwrap_or('，');
    let same = run.chars().all(|c| c == first);
    let message = if same {
        format!("标点“{first}”重复：{run}")
    } else {
        format!("点号连用“{run}”，只保留一个（GB/T 15834-2011 B.2）")
    };
    let finding = Finding::new(at, message);
    if same {
        finding.with_fix(first)
    } else {
        finding
    }
}

pub(super) const DOC: &str = r#"
检查什么
  重复的点号（，， 、、 ；； ：： 。。），和紧挨着的两个不同点号（，。 。， 、， ；。）。

为什么
  多是修改时删词留下的，或者复制粘贴时多带了一个标点。GB/T 15834-2011 附录 B.2 列出了
  两个标点可以连用的情形，逗号、句号、顿号、分号、冒号两两连用都不在其中。

会报告
  请认真贯彻落实。。            （重复，可自动改为一个）
  加强领导，。                  （连用，需要判断保留哪一个）
  组织、、协调                  （重复）

不会报告
  ？！ ！？ ？？ ！！            （问号、叹号可以叠用，4.2、4.3）
  。。。                        （写错的省略号，由 punct/ellipsis 报告）
  。” ”。 。） ）。               （引号、括号与点号连用）

如何修改
  删去多余的一个。同一个标点重复时，wenlint check --fix 会自动删去多余的。
"#;

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The scan finds the runs `find_iter` of the regex it replaced found.
        #[test]
        fn runs_are_what_the_regex_finds(text in "[，。、；：？！．〃,.;:?!…·的中ab ]{0,40}") {
            super::super::runs::finds_as_regex(&super::POINTS, r"[，。、；：？！]{2,}", &text)?;
        }
    }

    fn flagged(text: &str) -> Vec<(String, bool)> {
        let (doc, found) = super::super::run("punct/repeated", text);
        let fixed = |f: &crate::diagnostic::Finding| f.fix.is_some();
        found
            .iter()
            .map(|f| (doc.source[f.span.clone()].to_string(), fixed(f)))
            .collect()
    }

    #[test]
    fn doubled_marks_are_fixed_and_mixed_ones_reported() {
        assert_eq!(flagged("贯彻落实。。"), [("。。".to_string(), true)]);
        assert_eq!(flagged("组织、、协调"), [("、、".to_string(), true)]);
        assert_eq!(flagged("加强领导，。"), [("，。".to_string(), false)]);
    }

    #[test]
    fn allowed_pairs_are_quiet() {
        for text in [
            "真的吗？！",
            "好！！",
            "等等。。。",
            "他说：“好。”然后走了。",
        ] {
            assert_eq!(flagged(text), [], "{text}");
        }
    }
}
