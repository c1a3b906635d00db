//! `punct/dash`: a 破折号 typed as hyphens or other bars (`--`, `－－`, `――`, `———`).
//! GB/T 15834-2011 4.10: the 破折号 is `——`, two U+2014 EM DASH, two characters wide.
//!
//! A single `—` between characters is the 一字线 connector (4.13.3.2: `北京—上海`,
//! `1031—1095`) and is never reported; four or more bars are usually a blank to fill in, and
//! a line of bars a separator. No fix is offered: `--` between two names may be a connector.

use super::runs::Marks;
use super::{after, before, is_chinese, paragraphs, Context};
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "punct/dash",
    Severity::Warning,
    "破折号写成了连字符或其他横线（--）",
    DOC,
    check,
);

/// The bars a 破折号 is typed with: hyphen, full-width hyphen-minus, horizontal bar, em and
/// en dash.
static BARS: Marks<5> = Marks::mixed(['-', '－', '―', '—', '–'], 2);

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    for (span, paragraph) in paragraphs(cx) {
        BARS.for_each_run(paragraph, |m| {
            let bars = &paragraph[m.clone()];
            let at = span.start + m.start..span.start + m.end;
            if is_dash_typo(bars) && in_chinese_text(text, &at) {
                out.push(Finding::new(
                    at,
                    format!("破折号应为“——”，不用“{bars}”（GB/T 15834-2011 4.10）"),
                ));
            }
        });
    }
}

/// Two bars that are not the 破折号 itself. `――` (U+2015) is left alone: it is how GBK's
/// 破折号 decodes under some code pages, and looks the same. Three `—` are how several
/// published texts set a dash opening a list item, so they are not reported either.
fn is_dash_typo(bars: &str) -> bool {
    bars.chars().count() == 2 && bars != "——" && bars != "――"
}

/// Chinese on both sides, or Chinese on one side and the paragraph's end on the other.
fn in_chinese_text(text: &str, at: &std::ops::Range<usize>) -> bool {
    let (left, right) = (before(text, at.start), after(text, at.end));
    let chinese_or_end = |c: Option<char>| c.is_none_or(is_chinese);
    chinese_or_end(left) && chinese_or_end(right) && left.or(right).is_some()
}

pub(super) const DOC: &str = r#"
检查什么
  写成两个连字符或全角减号的破折号：--、－－、—-。
  前后是中文时才报告。

为什么
  GB/T 15834-2011 4.10：破折号的形式是“——”（两个 U+2014），占两个字的位置。
  英文输入下打的“--”在排版中长短、粗细都不对。

会报告
  我们的目标--建设一流机关       （应为 ——）
  这就是初心－－为人民服务        （应为 ——）

不会报告
  ——                            （破折号本身）
  北京—上海、1031—1095           （一字线，表示起止，4.13.3.2）
  ――                            （U+2015，GBK 文本中的破折号，显示相同）
  ———                           （有的出版物这样排段首的破折号）
  ————                          （四个以上，多是待填的空白）
  单独一行的 --- 分隔线，英文或代码里的 --

如何修改
  改为“——”。不自动修改：两个名称之间的“--”也可能应为一字线“—”。
"#;

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The scan finds the runs `find_iter` of the regex it replaced found.
        #[test]
        fn bars_are_what_the_regex_finds(text in "[\\-－―—–‐‑‒−，,．_~的中ab ]{0,40}") {
            super::super::runs::finds_as_regex(&super::BARS, r"[-－―—–]{2,}", &text)?;
        }
    }

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged("punct/dash", text)
    }

    #[test]
    fn wrong_dashes_are_reported() {
        assert_eq!(flagged("目标--建设一流机关"), ["--"]);
        assert_eq!(flagged("初心—-为人民服务"), ["—-"]);
        assert_eq!(flagged("初心－－为人民服务"), ["－－"]);
    }

    #[test]
    fn the_dash_connectors_blanks_and_separators_are_quiet() {
        for text in [
            "目标——建设一流机关",
            "初心――为人民服务",
            "———建设一流机关",
            "北京—上海",
            "沈括（1031—1095）",
            "姓名：————",
            "---",
            "|---|---|",
            "run --release",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }
}
