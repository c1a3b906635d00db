//! `grammar/*`: grammar slips that a reader notices at once and a spelling checker cannot see.
//!
//! `grammar/de`: 的 written where an adverbial needs 地 (`认真的落实各项任务`) or where a
//! complement needs 得 (`这项工作落实的很好`). Only the shapes that admit one reading are
//! reported; everything is decided from a few characters either side of the 的, by word lists
//! below rather than by a parser:
//!
//! - 地: an adverbial word ([`ADVERBIALS`]) + 的 + a transitive verb ([`VERBS`]) that here has
//!   an object. `有效的监督机制`, `提供更好的保障。`, `得到认真的落实` use the verb as a noun,
//!   and what shows it is around the phrase: a light verb or another verb before it
//!   ([`NOMINAL_BEFORE`]: 提供, 得到, 进行, 加强…), or after the verb (and any verbs joined to
//!   it) no object but punctuation, a function word ([`NOT_OBJECT`]) or a head noun
//!   ([`HEAD_NOUNS`]: 机制, 作用, 工作…). Verbs with a result complement (`做好`, `抓实`) are
//!   never nouns and need no object.
//! - 得: a verb ([`COMPLEMENT_VERBS`]) + 的 + a degree adverb ([`DEGREES`]) + an adjective
//!   ([`COMPLEMENTS`]) that ends the clause: `落实的很好。`, `完成的非常出色，`. Not `有的很好`
//!   (有的 is a pronoun), not `自然条件的很大限制` (the adjective does not end the clause), not
//!   `做的很多` (what was done, a noun phrase).
//!
//! Quotations are someone else's words and are left alone.

use super::{Context, RuleDef};
use crate::diagnostic::{Finding, Severity};
use crate::document::census::CharSet;
use crate::document::chars::is_han;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

pub static RULE: RuleDef = RuleDef::document(
    "grammar/de",
    Severity::Info,
    "状语后的“的”应为“地”，补语前的“的”应为“得”（认真的落实、落实的很好）",
    DE,
    check,
);

/// Words that often stand before a verb as adverbials in official texts. 科学 is also a noun
/// (`社会科学的研究也`): the object check keeps that quiet. Left out: 系统, 更多 and 更加,
/// which are mostly attributes (`系统的教育评价`, `更多的办法`) or odd before 的.
static ADVERBIALS: Lexicon = Lexicon::new(&[
    "认认真真",
    "扎扎实实",
    "踏踏实实",
    "实实在在",
    "进一步",
    "认真",
    "切实",
    "扎实",
    "深入",
    "全面",
    "积极",
    "稳步",
    "有序",
    "有效",
    "大力",
    "坚决",
    "主动",
    "持续",
    "不断",
    "广泛",
    "严格",
    "科学",
    "依法",
    "精准",
    "充分",
    "及时",
    "更好",
    "努力",
    "逐步",
    "尽快",
    "迅速",
    "自觉",
    "全力",
    "妥善",
    "合理",
    "稳妥",
    "高效",
    "彻底",
    "密切",
]);

/// Verbs that never head a noun phrase: with a result complement they are only verbs.
static RESULT_VERBS: Lexicon = Lexicon::new(&[
    "做好", "抓好", "搞好", "办好", "用好", "管好", "守好", "抓实", "做实", "压实", "夯实", "筑牢",
    "补齐",
]);

/// Transitive verbs of official texts, other than [`RESULT_VERBS`]. Most can also be used as
/// nouns (`有效的监督`), which the context decides. Single-character verbs (做, 抓, 搞) are
/// left out: `认真的做法`, `有效的抓手`.
static VERBS: Lexicon = Lexicon::new(&[
    "推进", "开展", "落实", "加强", "推动", "实施", "贯彻", "学习", "研究", "解决", "整改", "执行",
    "部署", "提升", "提高", "保障", "服务", "促进", "发挥", "维护", "满足", "改善", "完善", "建设",
    "保护", "利用", "支持", "引导", "扩大", "增加", "减少", "防止", "防范", "化解", "处理", "控制",
    "调整", "改进", "巩固", "帮助", "参与", "参加", "推广", "宣传", "检查", "回应", "应对", "融入",
    "适应", "把握", "运用", "吸收", "借鉴", "培养", "动员", "团结", "教育", "打击", "保证", "确保",
    "坚持", "遵守", "承担", "履行", "深化", "优化", "强化", "规范", "健全", "构建", "打造", "培育",
    "激发", "拓展", "拓宽", "带动", "谋划", "推行", "消除", "排查", "整治", "清理", "查处", "纠正",
    "解释",
]);

/// What before the adverbial makes the phrase a noun phrase: a light verb or preposition
/// that takes it as object (`得到更好的落实`, `进行深入的研究`, `对积极的…`), a negation or
/// 可 that makes the adverbial an adjective (`不合理的分配`, `可持续的发展`), a 的 or a
/// conjunction that chains attributes (`热烈的认真的讨论`). Any verb of [`VERBS`] or
/// [`RESULT_VERBS`] counts too (`加强有效的监督`).
static NOMINAL_BEFORE: Lexicon = Lexicon::new(&[
    "得到", "受到", "进行", "给予", "给以", "予以", "加以", "作出", "做出", "作了", "做了", "取得",
    "提供", "求得", "实行", "厉行", "采取", "通过", "起到", "有了", "建立", "形成", "实现", "完成",
    "需要", "经过", "展开", "组织", "举办", "发起", "掀起", "启动", "引起", "产生", "带来", "推出",
    "成为", "具有", "具备", "保持", "依靠", "依托", "有", "是", "作", "到", "的", "和", "与", "及",
    "、", "以", "为", "对", "在", "于", "之", "得", "不", "可",
]);

/// Degree words that may stand between a light verb and the adverbial (`作了比较深入的批判`).
static INTENSIFIERS: Lexicon = Lexicon::new(&[
    "越来越",
    "比较",
    "较为",
    "更加",
    "更为",
    "十分",
    "非常",
    "最为",
    "极为",
    "尤为",
    "相当",
    "日益",
    "较",
    "更",
    "很",
    "最",
    "极",
]);

/// Characters right after the verb that show it is not taking an object: function words
/// (`研究中`, `发展之间`), suffixes of nouns (`服务业`, `服务型`, `建设者`), adverbs that
/// start a predicate of which the phrase is the subject (`科学的研究也`).
const NOT_OBJECT: &str = "的和与及并或之中上下里内外时后前等是为着过者性化型式度率量力业也都还就才又再已将要会能可不没所被得地";

/// Objects that begin with a character of [`NOT_OBJECT`].
static OBJECTS_DESPITE: Lexicon = Lexicon::new(&[
    "会议", "中央", "上级", "下级", "要求", "地方", "业务", "能源", "时代", "外资", "内容", "不足",
    "不良",
]);

/// Nouns that a verb modifies (`监督机制`, `推动作用`, `宣传教育工作`): the verb is used as a
/// noun, the phrase is nominal.
static HEAD_NOUNS: Lexicon = Lexicon::new(&[
    "机制", "制度", "体制", "体系", "作用", "工作", "格局", "政策", "方式", "方法", "模式", "措施",
    "办法", "能力", "水平", "力度", "力量", "效果", "成效", "举措", "手段", "路径", "途径", "网络",
    "平台", "环境", "条件", "标准", "功能", "职能", "机构", "部门", "人员", "队伍", "系统", "中心",
    "基地", "设施", "项目", "资金", "经费", "主体", "对象", "范围", "领域", "阶段", "过程", "意识",
    "理念", "思路", "观念", "氛围", "局面", "态势", "合力", "精神", "情况", "进度", "质量", "成果",
    "效率", "效益", "结果", "目标",
]);

/// Verbs whose result a complement with 得 describes (`落实得很好`).
static COMPLEMENT_VERBS: Lexicon = Lexicon::new(&[
    "落实", "推进", "完成", "开展", "发展", "执行", "贯彻", "进行", "建设", "整改", "实施", "处理",
    "解决", "保护", "管理", "组织", "安排", "准备", "掌握", "学习", "增长", "做", "干", "抓", "搞",
    "办", "学", "讲", "写", "走", "变", "改",
]);

/// Degree adverbs that open a complement. Not 比较 (`比较优势`), 更 (`更新`), 最 (`最前线`),
/// 较 (`较量`), 太 (`太阳`).
static DEGREES: Lexicon = Lexicon::new(&[
    "非常", "十分", "相当", "特别", "不够", "不太", "极其", "格外", "很",
]);

/// Adjectives of a complement. Not 多 and 少: `我们做的很多` can be a noun phrase (what was
/// done).
static COMPLEMENTS: Lexicon = Lexicon::new(&[
    "扎实", "到位", "出色", "及时", "突出", "明显", "顺利", "有效", "迅速", "充分", "认真", "不错",
    "精彩", "圆满", "成功", "踏实", "彻底", "全面", "积极", "到家", "漂亮", "透彻", "细致", "周到",
    "具体", "深入", "有力", "主动", "规范", "完善", "健全", "红火", "热烈", "成熟", "好", "快",
    "慢", "大", "小", "高", "低", "实", "细", "深", "稳", "准", "严", "紧",
]);

/// What may follow a complement: the end of a clause.
fn ends_clause(rest: &str) -> bool {
    rest.chars().next().is_none_or(|c| {
        matches!(
            c,
            '，' | '。'
                | '；'
                | '、'
                | '！'
                | '？'
                | '：'
                | '”'
                | '）'
                | ','
                | ';'
                | '!'
                | '?'
                | ')'
                | '\n'
                | '\r'
        )
    })
}

/// A list of words, looked up by the first or the last character of a text: a `的` is
/// checked against several lists both ways, and reading each list in full, a comparison per
/// word, was most of the rule's time. Each list is bucketed the first time it is read.
struct Lexicon {
    words: &'static [&'static str],
    by_first: OnceLock<Buckets>,
    by_last: OnceLock<Buckets>,
}

/// A list's words by one of their characters, in the list's order.
type Buckets = FxHashMap<char, Vec<&'static str>>;

impl Lexicon {
    const fn new(words: &'static [&'static str]) -> Lexicon {
        Lexicon {
            words,
            by_first: OnceLock::new(),
            by_last: OnceLock::new(),
        }
    }

    /// The longest word that `text` starts with.
    fn starting(&self, text: &str) -> Option<&'static str> {
        self.longest(&self.by_first, first_character, text, |word| {
            text.starts_with(word)
        })
    }

    /// The longest word that `text` ends with.
    fn ending(&self, text: &str) -> Option<&'static str> {
        self.longest(&self.by_last, last_character, text, |word| {
            text.ends_with(word)
        })
    }

    /// The longest word that `matches` `text`, among those whose `character` is the text's:
    /// `buckets` holds the words by that character, and is filled the first time it is read.
    fn longest(
        &self,
        buckets: &OnceLock<Buckets>,
        character: fn(&str) -> Option<char>,
        text: &str,
        matches: impl Fn(&str) -> bool,
    ) -> Option<&'static str> {
        let buckets = buckets.get_or_init(|| {
            let mut buckets = Buckets::default();
            for &word in self.words {
                if let Some(c) = character(word) {
                    buckets.entry(c).or_default().push(word);
                }
            }
            buckets
        });
        longest(buckets.get(&character(text)?)?, matches)
    }
}

fn first_character(text: &str) -> Option<char> {
    text.chars().next()
}

fn last_character(text: &str) -> Option<char> {
    text.chars().next_back()
}

/// The longest of `words` that `matches`; of equal lengths, the last.
fn longest(words: &[&'static str], matches: impl Fn(&str) -> bool) -> Option<&'static str> {
    words
        .iter()
        .filter(|word| matches(word))
        .max_by_key(|word| word.len())
        .copied()
}

/// Whether `rest`, what follows the verb, starts an object: a noun phrase, a number, a
/// quotation or title (`积极的开展“回头看”`).
fn starts_object(rest: &str) -> bool {
    // An aspect marker keeps the verb a verb: `积极的参与了社区治理`.
    let rest = rest
        .strip_prefix('了')
        .or_else(|| rest.strip_prefix('着'))
        .unwrap_or(rest);
    if OBJECTS_DESPITE.starting(rest).is_some() {
        return true;
    }
    let Some(c) = rest.chars().next() else {
        return false;
    };
    if c.is_ascii_alphanumeric() || matches!(c, '“' | '《' | '‘') {
        return true;
    }
    is_han(c) && !NOT_OBJECT.contains(c) && HEAD_NOUNS.starting(rest).is_none()
}

/// What follows a verb and the verbs joined to it (`保障和满足`, `学习贯彻`).
fn after_verbs(mut rest: &str) -> &str {
    loop {
        let joined = ["和", "与", "及", "并", "、", "或"]
            .iter()
            .find_map(|c| rest.strip_prefix(c))
            .unwrap_or(rest);
        match VERBS
            .starting(joined)
            .or_else(|| RESULT_VERBS.starting(joined))
        {
            Some(verb) => rest = &joined[verb.len()..],
            None => return rest,
        }
    }
}

/// Whether what stands before the adverbial (`before`, ending where it starts) makes the
/// phrase nominal. Degree words and other adverbials (`科学合理的`, `广泛、深入的`) are
/// skipped to reach the word that governs the phrase.
fn governed_as_noun(mut before: &str) -> bool {
    loop {
        if let Some(word) = INTENSIFIERS
            .ending(before)
            .or_else(|| ADVERBIALS.ending(before))
        {
            before = &before[..before.len() - word.len()];
            continue;
        }
        let unjoined = before
            .strip_suffix('、')
            .or_else(|| before.strip_suffix('和'))
            .unwrap_or(before);
        if unjoined.len() < before.len() && ADVERBIALS.ending(unjoined).is_some() {
            before = unjoined;
            continue;
        }
        break;
    }
    NOMINAL_BEFORE.ending(before).is_some()
        || VERBS.ending(before).is_some()
        || RESULT_VERBS.ending(before).is_some()
}

/// `认真的落实` in `我们要认真的落实各项任务`: the span from the adverbial to the verb.
fn adverbial(text: &str, de: usize) -> Option<Finding> {
    let before = &text[..de];
    let after = &text[de + '的'.len_utf8()..];
    let mut start = de - ADVERBIALS.ending(before)?.len();
    // The whole adverbial, `科学合理` of `科学合理的做好`.
    while let Some(more) = ADVERBIALS.ending(&text[..start]) {
        start -= more.len();
    }
    let adverb = &text[start..de];
    let (verb, certain) = match RESULT_VERBS.starting(after) {
        Some(verb) => (verb, true),
        None => (VERBS.starting(after)?, false),
    };
    if !certain && !starts_object(after_verbs(&after[verb.len()..])) {
        return None;
    }
    if governed_as_noun(&text[..start]) {
        return None;
    }
    let end = de + '的'.len_utf8() + verb.len();
    Some(Finding::new(
        start..end,
        format!("“{adverb}的{verb}”中状语后应用“地”：{adverb}地{verb}",),
    ))
}

/// `落实的很好` in `这项工作落实的很好。`: the span from the verb to the adjective.
fn complement(text: &str, de: usize) -> Option<Finding> {
    let verb = COMPLEMENT_VERBS.ending(&text[..de])?;
    let after = &text[de + '的'.len_utf8()..];
    let degree = DEGREES.starting(after)?;
    let adjective = COMPLEMENTS.starting(&after[degree.len()..])?;
    let tail = degree.len() + adjective.len();
    if !ends_clause(&after[tail..]) {
        return None;
    }
    let start = de - verb.len();
    let end = de + '的'.len_utf8() + tail;
    Some(Finding::new(
        start..end,
        format!("“{verb}的{degree}{adjective}”中补语前应用“得”：{verb}得{degree}{adjective}",),
    ))
}

/// The last characters of the words a `的` to report follows (adverbials, verbs taking a
/// complement): `的` is among the commonest characters, and after any other character the
/// word lists need not be read.
static LAST_CHARACTERS: std::sync::LazyLock<rustc_hash::FxHashSet<char>> =
    std::sync::LazyLock::new(|| {
        ADVERBIALS
            .words
            .iter()
            .chain(COMPLEMENT_VERBS.words)
            .filter_map(|word| word.chars().next_back())
            .collect()
    });

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let text = &cx.doc.text;
    const DE: CharSet = CharSet::new(&['的']);
    for (de, _) in cx.doc.census().find(DE) {
        let before = text[..de].chars().next_back();
        if !before.is_some_and(|c| LAST_CHARACTERS.contains(&c)) {
            continue;
        }
        let Some(finding) = adverbial(text, de).or_else(|| complement(text, de)) else {
            continue;
        };
        let quoted = cx.doc.quoted();
        if !quoted.contains(finding.span.start) && !quoted.contains(de) {
            out.push(finding);
        }
    }
}

pub static RULES: &[&RuleDef] = &[&RULE];

const DE: &str = r#"
检查什么
  “的、地、得”混用中能确定的两种：
  1. 状语后用了“的”：常作状语的词（认真、切实、扎实、深入、全面、积极、稳步、有序、
     有效、大力、坚决、主动、持续、不断、广泛、严格、依法、精准、充分、及时、更好、
     进一步等）+“的”+带宾语的动词（落实、推进、开展、保障、做好、抓实等）。
  2. 补语前用了“得”以外的“的”：动词（落实、完成、推进、发展、做等）+“的”+程度副词
     （很、非常、十分、相当、特别、不够）+形容词（好、快、扎实、到位、出色等），
     形容词后即是句末或逗号。

为什么
  修饰动词用“地”，补充说明动作结果或程度用“得”，修饰名词才用“的”。公文中
  “认真的落实”“更好的保障群众权益”“落实的很好”是常见的校对差错。

会报告
  我们要认真的落实各项任务。          （认真地落实）
  切实提升服务水平，更好的保障和满足群众需求。 （更好地保障）
  扎实的推进改革。                    （扎实地推进）
  这项工作落实的很好。                （落实得很好）

不会报告
  动词作名词用的：提供更好的保障。得到认真的落实。进行深入的研究。加强有效的监督。
  有效的监督机制。科学的决策机制。发挥积极的推动作用。全面的发展。
  修饰名词的：认真的态度、积极的财政政策、有效的措施。
  “有的很好”（有的是代词）、“自然条件的很大限制”（形容词后还有名词）、
  “我们做的很多”（可理解为“做的事很多”）。
  引号、书名号内的文字。

  只认列出的词和上下文，拿不准的一律不报，所以并不能发现全部“的地得”差错。

如何修改
  状语后改为“地”（认真地落实），补语前改为“得”（落实得很好）。
  不提供自动修正：是否改、改哪个字，请结合上下文确认。
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_builtin;

    /// Every list, as the rule reads them.
    const LISTS: [&Lexicon; 10] = [
        &ADVERBIALS,
        &RESULT_VERBS,
        &VERBS,
        &NOMINAL_BEFORE,
        &INTENSIFIERS,
        &OBJECTS_DESPITE,
        &HEAD_NOUNS,
        &COMPLEMENT_VERBS,
        &DEGREES,
        &COMPLEMENTS,
    ];

    proptest::proptest! {
        /// Looked up by a character, a list gives the word that reading all of it gives:
        /// texts are made of words of the lists, cut anywhere, and other characters.
        #[test]
        fn a_list_looked_up_by_a_character_finds_what_the_whole_list_finds(
            picks in proptest::collection::vec((0usize..10, 0usize..200, 0usize..4), 1..5),
        ) {
            let mut text = String::new();
            for (list, word, cut) in picks {
                let words = LISTS[list].words;
                let word = words[word % words.len()];
                let kept: String = word.chars().skip(cut % 2).take(word.chars().count() - cut / 2).collect();
                text.push_str(&kept);
                text.push_str(["", "的", "，"][cut % 3]);
            }
            for list in LISTS {
                let plain = |matches: &dyn Fn(&str) -> bool| {
                    list.words.iter().filter(|w| matches(w)).max_by_key(|w| w.len()).copied()
                };
                proptest::prop_assert_eq!(list.starting(&text), plain(&|w| text.starts_with(w)));
                proptest::prop_assert_eq!(list.ending(&text), plain(&|w| text.ends_with(w)));
            }
        }
    }

    fn flagged(text: &str) -> Vec<String> {
        let (_, findings) = run_builtin("grammar/de", text);
        findings
            .into_iter()
            .map(|f| text[f.span].to_string())
            .collect()
    }

    #[test]
    fn an_adverbial_before_a_verb_with_an_object_takes_di() {
        for (text, span) in [
            ("我们要认真的落实各项任务。", "认真的落实"),
            ("更好的保障人民权益。", "更好的保障"),
            ("扎实的推进改革。", "扎实的推进"),
            ("各级党组织要积极的开展主题教育活动。", "积极的开展"),
            ("大家要深入的学习贯彻会议精神。", "深入的学习"),
            ("要及时的回应群众关切。", "及时的回应"),
            ("他们积极的参与了社区治理。", "积极的参与"),
            ("切实提升服务水平，更好的保障和满足群众需求。", "更好的保障"),
            ("按照规划，科学合理的做好新区建设。", "科学合理的做好"),
            ("认真的做好。", "认真的做好"),
            ("积极的开展“回头看”。", "积极的开展"),
            ("扎实的推进2025年重点项目。", "扎实的推进"),
        ] {
            assert_eq!(flagged(text), [span], "{text}");
        }
    }

    #[test]
    fn the_message_names_the_correction_and_there_is_no_fix() {
        let (_, findings) = run_builtin("grammar/de", "要认真的落实各项任务。");
        assert_eq!(
            findings[0].message,
            "“认真的落实”中状语后应用“地”：认真地落实"
        );
        assert_eq!(findings[0].fix, None);
        let (_, findings) = run_builtin("grammar/de", "这项工作落实的很好。");
        assert_eq!(
            findings[0].message,
            "“落实的很好”中补语前应用“得”：落实得很好"
        );
    }

    #[test]
    fn a_verb_used_as_a_noun_is_quiet() {
        for text in [
            "提供更好的保障。",
            "为群众提供更好的保障服务。",
            "得到认真的落实。",
            "政策得到更好的落实，群众满意。",
            "进行深入的研究和讨论。",
            "作了比较深入的研究。",
            "加强有效的监督。",
            "全面的发展",
            "有效的监督",
            "建立有效的监督机制。",
            "完善科学的决策机制。",
            "发挥积极的推动作用。",
            "通过广泛深入的宣传教育，提高认识。",
            "社会科学的研究也取得进展。",
            "实现更高质量、更可持续的发展。",
            "不合理的分配格局",
            "热烈的认真的讨论。",
            "积极的参与。",
            "扎实的推进中",
            "高效的服务业新体系",
            "有效的支持路径",
            "开展深入的排查整治行动。",
            "组织广泛、深入的学习贯彻活动。",
        ] {
            assert_eq!(flagged(text), [] as [&str; 0], "{text}");
        }
    }

    #[test]
    fn an_adverbial_word_before_a_noun_is_quiet() {
        for text in [
            "认真的态度",
            "积极的财政政策",
            "有效的措施",
            "认真的做法",
            "有效的抓手",
            "更多的办法",
            "系统的教育评价制度",
        ] {
            assert_eq!(flagged(text), [] as [&str; 0], "{text}");
        }
    }

    #[test]
    fn a_complement_takes_de_with_the_other_character() {
        assert_eq!(flagged("这项工作落实的很好。"), ["落实的很好"]);
        assert_eq!(flagged("各项任务完成的非常出色，"), ["完成的非常出色"]);
        assert_eq!(flagged("经济发展的十分迅速"), ["发展的十分迅速"]);
    }

    #[test]
    fn what_only_looks_like_a_complement_is_quiet() {
        for text in [
            "目的十分明确。",
            "有的很好，有的不够好。",
            "受到自然条件的很大限制。",
            "这是我们做的很多工作。",
            "我们做的很多。",
            "发挥各地的比较优势。",
            "工作落实的很好的经验",
        ] {
            assert_eq!(flagged(text), [] as [&str; 0], "{text}");
        }
    }

    #[test]
    fn quotations_are_skipped() {
        assert_eq!(
            flagged("文中“认真的落实各项任务”一句有误。"),
            [] as [&str; 0]
        );
        assert_eq!(flagged("《扎实的推进改革》"), [] as [&str; 0]);
    }

    #[test]
    fn every_line_of_the_fire_fixture_fires_and_the_quiet_fixture_is_quiet() {
        let fire = include_str!("../../fixtures/grammar/de.fire.txt");
        for line in fire.lines().filter(|l| !l.is_empty()) {
            assert!(!flagged(line).is_empty(), "fire fixture: {line}");
        }
        let quiet = include_str!("../../fixtures/grammar/de.quiet.txt");
        assert_eq!(flagged(quiet), [] as [&str; 0]);
    }
}
