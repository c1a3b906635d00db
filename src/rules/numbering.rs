//! `numbering/*`: the numbering of headings and items, checked on the document's outline
//! (see [`crate::structure`]). The outline is built once per document; each rule here
//! reports the problems of its own kind.

use super::{Rule, RuleMeta};
use crate::diagnostic::{Finding, Fix, Related, Severity};
use crate::document::Document;

/// A rule that reports the outline's problems tagged with its id.
pub struct OutlineRule {
    meta: RuleMeta,
}

impl Rule for OutlineRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for problem in doc
            .outline()
            .problems
            .iter()
            .filter(|p| p.rule == self.meta.id)
        {
            let mut finding = Finding::new(problem.span.clone(), problem.message.clone());
            finding.fix = problem.fix.clone().map(|replacement| Fix { replacement });
            if let Some((span, message)) = &problem.related {
                finding.related.push(Related {
                    span: span.clone(),
                    message: message.clone(),
                });
            }
            out.push(finding);
        }
    }
}

fn rule(id: &str, severity: Severity, summary: &str, doc: &str) -> OutlineRule {
    OutlineRule {
        meta: RuleMeta {
            id: id.to_string(),
            severity,
            summary: summary.to_string(),
            doc: doc.trim_start_matches('\n').to_string(),
        },
    }
}

pub fn rules() -> Vec<OutlineRule> {
    vec![
        rule(
            "numbering/sequence",
            Severity::Error,
            "同级序号跳号、重复或倒序",
            SEQUENCE,
        ),
        rule(
            "numbering/start",
            Severity::Warning,
            "一组序号不从“一”或“1”开始",
            START,
        ),
        rule(
            "numbering/restart",
            Severity::Warning,
            "新的上级标题下序号没有重新编号",
            RESTART,
        ),
        rule(
            "numbering/level-order",
            Severity::Warning,
            "结构层次序数颠倒或跳过两级",
            LEVEL_ORDER,
        ),
        rule(
            "numbering/style",
            Severity::Warning,
            "序号写法：半角括号、括号后加标点、同级写法不一致",
            STYLE,
        ),
        rule(
            "numbering/inline",
            Severity::Warning,
            "段内列举（一是、二是，第一、第二，首先、其次）跳号、重复或倒序",
            INLINE,
        ),
        rule(
            "numbering/count",
            Severity::Warning,
            "前文预告的项数（“以下三个方面”“四点意见”）与后面列出的项数不符",
            COUNT,
        ),
    ]
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

如何修改
  按顺序重新编号；删去或补上缺失的条目。
"#;

const START: &str = r#"
检查什么
  一组同级序号的第一个不是“一”“（一）”“1.”“（1）”。

为什么
  一组条目应从一开始编号；从中间开始，往往是删去了前面的条目或从别处剪贴而来。

会报告
  一、总体要求（二）指导思想（三）基本原则            （第一个下级序号是（二））

不会报告
  从（一）、1. 开始的各组序号；文档本身从任何层级开始（GB/T 15834-2011 附录 B.3.8 允许）。

如何修改
  从一开始重新编号，或补上缺失的条目。
"#;

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
  二、主要任务 （一）推进改革；条例中全文连续编号的“第X条”。

如何修改
  在新的上级标题下从“（一）”“1.”重新编号。
"#;

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

const STYLE: &str = r#"
检查什么
  序号本身的写法：
  - 加括号的序号用了半角括号或半全角混用：(一)、（一)、(1)，应为（一）、（1）；
  - 加括号的序号后又加了标点：（一）、（1）、，GB/T 15834-2011 附录 B.3.4 规定
    加括号的序次语后面不用任何点号；
  - 全文的加括号序号都用半角括号（一种“本单位写法”）：只在第一处报告一次，注明处数；
  - 同一文档中第三层序号混用“1.”“1．”“1、”：报告少数的写法，并指出多数写法的位置。
    只用“1、”的文档不报告（不少地方的公文写作规范这样教），
    数量相同时，保留 GB/T 9704-2012 第 7.3.3 条的“1.”；不会自动改成“1、”。

为什么
  序号写法不统一是从不同来源拼合文稿的痕迹，印发前应统一。

会报告
  (一)加强组织领导          （半角括号，可自动修正为“（一）”）
  （二）、完善制度体系        （括号后多了顿号，可自动修正为“（二）”）
  1.健全机制……2、强化督查   （同级写法不一致）

不会报告
  （一）加强组织领导；全文统一使用“1、”的文档；英文句子中的 (a)。

如何修改
  按提示改为全角括号、删去括号后的标点，或统一同级序号的写法。
"#;

const INLINE: &str = r#"
检查什么
  段落中的列举：“一是……二是……三是”“第一，……第二，……”“首先，……其次，……再次，……”。
  报告跳号（二是之后是四是）、重复、倒序，以及没有“一是”就从“二是”开始的列举。
  一个标题（“一、”“（一）”“1.”等）之下的列举自成一组；遇到下一个标题，或再次出现
  “一是”“第一”“首先”，就开始新的一组。

为什么
  讲话稿多用段内列举组织要点。修改时删去或挪走一点，后面的序数常常忘了改，
  念稿时一听就错。

会报告
  一是加强组织领导；二是完善工作机制；四是强化督促检查。    （跳过了“三是”）
  第一，统一思想。第二，压实责任。第二，严格考核。          （“第二”重复）

不会报告
  祖国统一是大势所趋。（“一是”只是词语的一部分）
  原因之一是投入不足。
  说话要一是一，二是二。（习语）
  第一书记、第一次会议。
  再次强调，要守住底线。（“再次”不在列举中）

如何修改
  按顺序改正序数，或补上遗漏的一项。
"#;

const COUNT: &str = r#"
检查什么
  预告项数的句子（“重点抓好以下三个方面：”“我讲四点意见。”“五项工作”“两件事”）与紧随其后的
  列举项数是否一致。列举可以是标题序号（“一、”“（一）”“1.”……），也可以是段内列举
  （“一是”“第一，”“首先”）。只检查两种情况同时成立时：
  - 预告的数词后紧跟“个方面、点意见、项工作、件事”等量词，并以“：”或“。”结束；
  - 紧接着（中间只有空白）就是从“一”开始的列举。
  项数按同一层级连续编号的项计算，遇到更高层级的标题或重新从“一”编号即止。

为什么
  增删要点后，前面的“三个方面”常常忘了改，讲话时“三个方面”讲了四点，很容易被听出来。

会报告
  今年重点抓好三个方面工作：一是稳增长；二是促改革；三是调结构；四是惠民生。
  （预告三个方面，列了四项）

不会报告
  这两个方面是统一的。（不是预告）
  粮食增长百分之十四点七。（数字中的“点”）
  突出了以下四个方面。（后面是没有序号的段落，无从计数）

如何修改
  改正预告的数目，或补上、删去相应的项。
"#;
