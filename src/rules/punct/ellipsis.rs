//! `punct/ellipsis`: an ellipsis typed as full stops or dots (`。。。`, `...`, `······`) or
//! with the wrong number of `…`. GB/T 15834-2011 4.11: the ellipsis is six dots, `……` (two
//! U+2026); twelve dots `…………` stand for omitted paragraphs, on a line of their own.

use std::sync::LazyLock;

use regex::Regex;

use super::{is_chinese, paragraphs, Context};
use crate::diagnostic::Finding;

static DOTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"。{3,}|\.{3,}|．{3,}|·{3,}|・{3,}|…+").expect("ellipsis pattern is valid")
});

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    for (span, paragraph) in paragraphs(cx) {
        for m in DOTS.find_iter(paragraph) {
            let at = span.start + m.start()..span.start + m.end();
            if is_well_formed(m.as_str()) || !in_chinese_text(text, &at) {
                continue;
            }
            let message = format!(
                "省略号应为“……”，不用“{}”（GB/T 15834-2011 4.11）",
                m.as_str()
            );
            out.push(Finding::new(at, message).with_fix("……"));
        }
    }
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
  写成句号、英文句点、间隔号的省略号（。。。 ... ······），以及个数不对的“…”
  （一个“…”、三个“…”）。

为什么
  GB/T 15834-2011 4.11：省略号的形式是六连点“……”，占两个字的位置；段落的省略可以
  连用两个省略号（十二连点“…………”），单独成行。

会报告
  加强组织领导。。。             （改为 ……）
  包括产业、科技、人才...        （改为 ……）
  一个“…”或三个“………”          （改为 ……）

不会报告
  ……                            （六连点）
  …………                        （十二连点，省略了段落）
  英文或代码里的 ...             （前后都不是中文）

如何修改
  改为“……”。wenlint check --fix 会自动修改。
"#;

#[cfg(test)]
mod tests {

    fn flagged(text: &str) -> Vec<String> {
        super::super::flagged("punct/ellipsis", text)
    }

    #[test]
    fn dots_and_wrong_counts_are_reported() {
        assert_eq!(flagged("加强领导。。。"), ["。。。"]);
        assert_eq!(flagged("产业、人才..."), ["..."]);
        assert_eq!(flagged("产业、人才······"), ["······"]);
        assert_eq!(flagged("产业…人才………等"), ["…", "………"]);
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
