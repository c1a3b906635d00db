//! `placeholder/likely`: a lone `X` or `*` in Chinese text with nothing beside it that says
//! what is missing ([`symbols`](super::symbols)).

use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::rules::Context;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "placeholder/likely",
    Severity::Warning,
    "可能未填写的单个占位符：X的变化、由X牵头、理清*发展",
    DOC,
    check,
);

pub(super) const DOC: &str = r#"
检查什么
  中文句子里单独出现的一个 X、x、Ｘ、ｘ 或 *、＊，以及夹在中文词语之间的一个 ×，
  前后没有量词、职务、地名或机构通名能确定它代表什么，但也不是任何词语的一部分：
  - 所有格、并列：X的变化、X、X等；
  - 介词、动词之后：由X牵头、到X一路走、在X召开；
  - 句首：X历届党委政府、X一班人；
  - 星号：理清*发展思路、按照“*”思路；
  - 乘号：县委高度重视，×亲自出席。
  中文里单个拉丁字母除了这类占位符和少数术语（X光、X射线）之外别无用处，所以
  它多半是没有填写的名称或数字；把握不如 placeholder/marker 大，因此是警告。

为什么
  “X的变化让人眼前一亮”这样的句子念出来、印出来都是事故。

会报告
  这么多年以来，X的变化让人眼前一亮；由X牵头，会同X等单位落实。
  理清*发展面临的形势任务。

不会报告
  X光、X射线、X线、X型、X轴、X染色体等术语；
  给 X 赋予了含义的文稿里的 X：写有 1+X、“6+X” 等公式的，两处以上说明“X代表……”的，
  用其他字母隐去名称的（Q公司、A医院，其中的 X公司 同样是隐名）；
  拉丁文字中的 X（iPhone X、Xbox、SpaceX）；带 * 号的脚注说明（注*、带*号的指标）；
  Markdown 的强调和列表（**重点**、* 条目）；
  算式和单位：3×4、1.5x、长×宽×高、应纳税额＝货物数量×单位税额、（用户×小时）、
  “数据要素×”行动。

如何修改
  填入实际内容。确属术语的，在配置里按文字忽略（[[ignore]]，rule = "placeholder/likely"，
  text = "X刀"）；Markdown 文稿也可以用 <!-- wenlint-disable-next-line placeholder/likely -->。
"#;

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    for blank in cx.blanks() {
        if !blank.is_certain() {
            out.push(Finding::new(
                blank.span.clone(),
                blank.message(&cx.doc.source),
            ));
        }
    }
}
