//! `punct/space`: a space between two Han characters in running text, where none belongs
//! (`推动 高质量发展`): text copied from a PDF or a web page keeps the line breaks of its
//! source as spaces.
//!
//! The gaps are sorted once per document ([`Context::gaps`](crate::rules::Context::gaps)):
//! a gap that is a blank is `placeholder/space`'s, layout (letter-spaced titles, signatures,
//! slogans, `第一条`) is no one's, and the rest is this rule's.

use super::Context;
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::rules::placeholder::space::Kind;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "punct/space",
    Severity::Info,
    "汉字之间多余的空格（推动 高质量发展），多是从 PDF、网页复制时留下的",
    DOC,
    check,
);

pub(super) const DOC: &str = r#"
检查什么
  正文句子中两个汉字之间、汉字和点号之间多余的空格：推动 高质量发展、盲 目求纯、
  职权　不够尊重、大家好 ，今天。
  这多半是从 PDF 或网页复制时把原来的换行、排版空隙带进了正文。

为什么
  多余的空格打印出来是一个空位，读者会以为漏了字；检索时也搜不到被隔开的词。

会报告
  要推动 高质量发展，不能盲 目求纯。

不会报告
  段首缩进；字距拉开的标题（政 府 工 作 报 告）和姓名（韦 韬）；没有句读的标题、
  落款行（省长 王某、高举旗帜 团结奋斗）；法规“第一条”之后的空格；
  引号里的口号（“好客山东 好品山东”）；汉字与数字、拉丁文字之间的空格；
  像是留空待填的空格（投资 万元），那是 placeholder/space 的事。

如何修改
  删去空格；如果空格隔开的是两个分句，改用逗号。
"#;

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    for gap in cx.gaps() {
        if gap.kind == Kind::Stray {
            out.push(Finding::new(
                gap.span.clone(),
                "汉字之间有多余的空格，可能是从 PDF 或网页复制时留下的",
            ));
        }
    }
}
