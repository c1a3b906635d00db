//! `numbering/sequence`: siblings that skip, repeat or go backwards, found while the outline
//! is built ([`crate::structure::outline`]).

use super::report;
use crate::diagnostic::{Finding, Severity};
use crate::rules::{Context, RuleDef};

pub(super) static RULE: RuleDef = RuleDef::document(
    "numbering/sequence",
    Severity::Error,
    "同级序号跳号、重复或倒序",
    SEQUENCE,
    check,
);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    report(cx, RULE.meta.id.as_ref(), out)
}

const SEQUENCE: &str = r#"
检查什么
  同一上级标题下的同级序号是否依次递增：跳号（（二）之后是（四））、重复（两个（一））、
  倒序（3. 之后是 2.）。标题和段内接排的条目（“（一）……。1.……。2.……”）都检查；
  条例的“第X章”“第X条”全文连续编号，也检查跳号和重复。
  Markdown 的标题按其文字中的序号检查；有序列表（“1. ”“2. ”）作为“1.”层级检查，
  按源文件中写的数字，但每项都写“1.”的列表按显示的编号（1、2、3）计。

为什么
  文稿经过多次增删、剪贴，序号最容易出错，而通读时很难发现。

会报告
  一、总体要求 …… 二、主要任务 …… 四、保障措施        （“二、”之后应为“三、”）
  （一）加强领导。（一）完善制度。                      （重复）

不会报告
  1.5倍、2.3%、2021.12、第一次、第一书记、十九大、二〇二一年、一、二级医院；
  在新的上级标题下重新从（一）开始编号（这是正确的）；
  表格里的数字、代码块、嵌套列表、句中的列举（“分三部分：一、……；二、……”）。

一处错误只报告一次：重复的“三、”之后是“五、”时，按作者本意（重复的那个应为“四、”）
  不再报告“五、”跳号。两个序号之间缺的序号其实写在段落中间（文字粘连、没有换行：
  “……4. 预计9点结束5. 10点返回……”）时，不算跳号。

如何修改
  按顺序重新编号；删去或补上缺失的条目。
"#;
