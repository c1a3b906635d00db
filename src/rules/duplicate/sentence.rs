//! `duplicate/sentence`: the same sentence again, anywhere in the document.

use super::finding;
use super::pass::Pass;
use crate::diagnostic::{Finding, Severity};
use crate::rules::{Context, RuleDef};

pub(super) static RULE: RuleDef = RuleDef::document(
    "duplicate/sentence",
    Severity::Warning,
    "同一句话在文中出现两次",
    SENTENCE,
    check_sentence,
);

fn check_sentence(cx: &Context, out: &mut Vec<Finding>) {
    let found = cx.duplicates();
    let Pass {
        doc,
        scope,
        sentences,
        found,
        ..
    } = Pass::new(cx, &found);
    // The pass found every sentence (long enough, not exempt) said before in the same
    // words: a repeat with no edit. The findings are made in a list of their number: a long
    // text said twice over has a hundred thousand, and a growing list would hold them twice
    // while it grows.
    let reported: Vec<(usize, usize)> = found
        .sentence_repeats()
        .filter(|(_, repeat)| repeat.edits == 0)
        .map(|(i, repeat)| (i, repeat.earlier))
        .filter(|&(i, earlier)| !scope.may_repeat_sentence(sentences, earlier, i))
        .collect();
    out.reserve_exact(reported.len());
    for (i, earlier) in reported {
        out.push(finding(
            doc,
            &sentences[i],
            &sentences[earlier],
            "这句话与前文完全相同",
            "首次出现",
        ));
    }
}

const SENTENCE: &str = r#"
检查什么
  完全相同的句子（不计标点、空格和句首序号，至少 12 个字）在文中再次出现。报告后一处，
  并指向第一处。法规（三条以上“第X条”）也逐句比较，各条之间粘贴重复的句子、整条照样报告。

为什么
  拼合多份材料时，同一句话常被粘贴两次；读者未必察觉，念稿时一听便知。

会报告
  坚持问题导向，聚焦群众反映强烈的突出问题。……坚持问题导向，聚焦群众反映强烈的突出问题。

不会报告
  “同志们：”“谢谢大家！”这类短句；
  标题：自成一段的短句，或以“一、”“（一）”“1.”开头、接排在段首的短标题（“（三）着力
  稳定粮食生产。”），正文复述标题时不报告；
  讲话稿有意反复的固定提法（rules/set-phrases.txt，如“把握新发展阶段，贯彻新发展理念，
  构建新发展格局”）；
  法规各条有意重复的句子：责任和罚则条款（“构成犯罪的，依法追究刑事责任。”“处一万元
  以上五万元以下罚款”）、办理时限（“自受理申请之日起十五日内作出决定”），见
  rules/regulation-clauses.txt；列举项和列举的引语（以“；”“：”结尾，或以“（一）”开头）；
  两条平行规定中的同一句（前后相邻的句子措辞相近而不相同，如预算和决算两条）。

如何修改
  删去重复的一句，或改写。
"#;
