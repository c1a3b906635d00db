//! `numbering/level-order`: levels inverted or two skipped, found while the outline is built.

use super::report;
use crate::diagnostic::{Finding, Severity};
use crate::rules::{Context, RuleDef};

pub(super) static RULE: RuleDef = RuleDef::document(
    "numbering/level-order",
    Severity::Warning,
    "结构层次序数颠倒或跳过两级",
    LEVEL_ORDER,
    check,
);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    report(cx, RULE.meta.id.as_ref(), out)
}

const LEVEL_ORDER: &str = r#"
检查什么
  结构层次序数的顺序。GB/T 9704-2012 第 7.3.3 条规定层次依次为“一、”“（一）”“1.”“（1）”。
  报告两种情况：
  - 层级颠倒：较高层级的序号用在较低层级之下，如“1.”之下出现“（一）”
    （GB/T 15834-2011 附录 B.3.8：使用层次较低的序次语之后不宜反过来再使用层次更高的序次语）；
  - 跳过两级：如“（1）”直接用在“一、”之下，中间缺少“（一）”和“1.”。
  只跳过一级（“一、”之下直接用“1.”）在层次较少的文稿中是常见做法，不报告。

为什么
  层次序数表示文稿的结构，用错层级会让读者误解内容之间的关系。

会报告
  一、总体要求 1.指导思想 （一）基本原则               （（一）出现在 1. 之下）
  一、总体要求 （1）指导思想                            （跳过两级）

不会报告
  一、总体要求 1.指导思想 2.基本原则（跳过一级）；
  一、…… （一）…… 1.…… （二）…… 二、……（回到上一层级是同级，不是颠倒）。

如何修改
  按“一、”“（一）”“1.”“（1）”的顺序调整层级。
"#;
