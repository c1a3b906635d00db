//! `numbering/start`: a list that does not start at one, found while the outline is built.

use super::report;
use crate::diagnostic::{Finding, Severity};
use crate::rules::{Context, RuleDef};

pub(super) static RULE: RuleDef = RuleDef::document(
    "numbering/start",
    Severity::Warning,
    "一组序号不从“一”或“1”开始",
    START,
    check,
);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    report(cx, RULE.meta.id.as_ref(), out)
}

const START: &str = r#"
检查什么
  一组同级序号的第一个不是“一”“（一）”“1.”“（1）”。

为什么
  一组条目应从一开始编号；从中间开始，往往是删去了前面的条目或从别处剪贴而来。

会报告
  一、总体要求（二）指导思想（三）基本原则            （第一个下级序号是（二））

不会报告
  从（一）、1. 开始的各组序号；文档本身从任何层级开始（GB/T 15834-2011 附录 B.3.8 允许）；
  摘录或分页文本从列表中间开始（第一个序号之前只有标题，没有正文）；
  “此处省略……字”“（略）”或只有“…………”的一行之后接着的序号；
  条例、办法中跨章连续编号的“一、”“二、”（第一章有一、二、三，第二章从四、接着编）；前一项写在上一段中间（“会议决定，一、……”）。

如何修改
  从一开始重新编号，或补上缺失的条目。
"#;
