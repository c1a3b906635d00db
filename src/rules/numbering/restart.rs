//! `numbering/restart`: a list that carries on its count under a new parent, found while the
//! outline is built.

use super::report;
use crate::diagnostic::{Finding, Severity};
use crate::rules::{Context, RuleDef};

pub(super) static RULE: RuleDef = RuleDef::document(
    "numbering/restart",
    Severity::Warning,
    "新的上级标题下序号没有重新编号",
    RESTART,
    check,
);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    report(cx, RULE.meta.id.as_ref(), out)
}

const RESTART: &str = r#"
检查什么
  新的上级标题下，下级序号接续了上一部分的编号，而没有重新从一开始。

为什么
  每个上级标题下的下级序号都应重新编号（GB/T 15834-2011 附录 B.3.8 及公文写作通例）。
  接续编号多见于把两部分内容合并或拆分之后。

会报告
  一、总体要求 （一）指导思想 （二）基本原则
  二、主要任务 （三）推进改革                           （应为（一））

不会报告
  二、主要任务 （一）推进改革；条例中全文连续编号的“第X条”；
  每个上级标题下只有一项、有意全文连续编号的“（一）1.（二）2.（三）3.”。

如何修改
  在新的上级标题下从“（一）”“1.”重新编号。
"#;
