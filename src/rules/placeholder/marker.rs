//! `placeholder/marker`: letters and symbols left where a name, a number or a date belongs,
//! where the shape or the next word leaves no doubt ([`symbols`](super::symbols)).

use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::rules::Context;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "placeholder/marker",
    Severity::Error,
    "未填写的占位符：XX、××、X月X日、X万元、x.x%、X书记、县*局",
    DOC,
    check,
);

pub(super) const DOC: &str = r#"
检查什么
  起草时用来占位、待日后填写的字母和符号（X、x、Ｘ、×、*、＊、○、□、△），形状或上下文
  能确定是占位符的：
  - 两个及以上连写：XX、XXXX、xxx、××、ＸＸ、**、○○、□□，以及带 . - ～ 的数字形状：
    x.x、X.x、x-x；串后紧跟的一个大写字母（XXA 这类改写残留）一并报告；
  - 含占位符的日期和时间，整体报告一次：X月X日、XX年XX月XX日、××××年××月××日、
    20XX年、201X年、X时X分；
  - 单个占位符，后面是量词或单位（应填数字）：X万元、X名、X个百分点、x.x%、X倍、×号；
    前面是“第”（应填序数）：第X条、第X批；
  - 单个占位符，后面是职务、称谓（应填姓名）：X书记、x县长、X同志、×局長；
  - 单个占位符，后面是地名、机构、单位、项目的通名（应填名称）：X乡、X镇、X村党支部、
    X县委、X社区、X国道、县*局、*科、**办公室、○县。
  上下文用简体字判断，繁体稿（×縣長、X億元）同样适用。

为什么
  占位符往往是从旧稿、模板改写时留下的，送审稿、讲话稿里残留一个就是事故。

会报告
  X月X日，我们召开XX工作会议，组织XX名同志参加，完成率达XX%。
  到X乡走访，X书记强调，同比增长x.x%，全县新增X.x万人，第x-x周完成。
  县*局副局长、**办公室、*科负责同志参加；×縣長的講話。
  新时代XXA伟大实践；冻结期限自××××年××月××日起；本年度计划在20XX年完成。

不会报告
  拉丁文字、型号和专名：Xbox、XML、SpaceX、iPhone X、XXL码、PXX-200；
  含 X 的术语：X光、X射线、X线、X型、X轴；公式：1+X证书、“6+X”；
  罗马数字：the XX century、XX世纪；乘号和倍数：3×4、5×24小时、1.5x；
  算式中的乘号：应纳税额＝货物数量×单位税额、退费金额＝（金额×比例）×天数；
  说明编号格式的段落：编号为X妆XXXXXXXX，其中第一位X代表……；
  Markdown 的强调和列表：**重点**、* 条目；脚注星号：注*、带*号的指标；
  勾选框和表格中的 ○、□（□同意 □不同意）；年份中的 ○（二○二五年）；
  网址、电子邮件和 Markdown 代码中的任何内容。

如何修改
  填入实际内容；如果该处内容暂缺，请在送审前补齐或删去整句。
"#;

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    for blank in cx.blanks() {
        if blank.is_certain() {
            out.push(Finding::new(
                blank.span.clone(),
                blank.message(&cx.doc.source),
            ));
        }
    }
}
