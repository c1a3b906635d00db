//! `place/self-level`: a document that speaks for two administrative levels.
//!
//! A text adapted from another unit keeps that unit's words: a provincial speech with `我市`,
//! `全市` and `市委` in its pasted paragraphs. Each self-reference names a level by one
//! character (`我省` 省, `全市` 市, `县直单位` 县). The level the document uses most is taken to
//! be its own, unless the config says it (`[document] level` or `region`); the other level's
//! self-references are reported.
//!
//! What is not a self-reference, or not a contradiction:
//! - the character inside another word: `市场`, `资本市场`, `健全县域`, `本区域`, `省份`,
//!   `跨省直接结算`;
//! - organs named after a place (`天津市委`), plural ones (`各市委`) and bodies (`省委党校`);
//! - text in quotation marks and titles (`《本市生活垃圾管理条例》`);
//! - a sentence that names both levels (`我市是我省的工业基地`, `在省委、市委的领导下`) or
//!   speaks of each unit of a lower level (`各区……报送本区年度工作情况`): the relation is
//!   explicit;
//! - a higher level's organs and whole (`省委`, `全省`) in a lower-level document: superiors;
//! - a document that speaks for the nation (`我国` outnumbers every local self-reference).

use std::ops::Range;

use super::gazetteer::Gazetteer;
use super::identity::{describe, Identity, Reading, Verdict};
use crate::diagnostic::{Finding, Related, Severity};
use crate::document::census::{Census, CharSet};
use crate::document::Document;
use crate::rules::Context;
use crate::rules::RuleDef;

/// `place/self-level`: 同一文稿以两个行政层级自称（我省……我市）
pub(super) static RULE: RuleDef = RuleDef::document(
    "place/self-level",
    Severity::Warning,
    "同一文稿以两个行政层级自称（我省……我市）",
    SELF_LEVEL,
    check,
);

/// How a self-reference names its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `我省`, `本市`, `咱们县`: first person.
    FirstPerson,
    /// `全省`: the whole jurisdiction, the audience of a speech.
    Whole,
    /// `省直单位`, `市直机关`: the units directly under it.
    Direct,
    /// `省委`, `市政府`: its organs.
    Organ,
}

/// One self-reference found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub span: Range<usize>,
    /// The level character: one of [`crate::config::SELF_LEVELS`].
    pub level: char,
    pub kind: Kind,
}

/// The first-person words before a level character (`我省`, `咱们县`, `我们市`).
const FIRST_PERSON: [&str; 4] = ["我们", "咱们", "我", "本"];

/// What follows `直` after a level character in the name of the units directly under it
/// (`省直单位`, `市直各部门`, `县直属`).
const DIRECT: [&str; 6] = ["单位", "机关", "各", "部门", "属", "有关"];

/// The organs after a level character (`省委`, `市政府`).
const ORGANS: [&str; 6] = ["委", "政府", "人大", "政协", "纪委", "监委"];

/// The level characters, one of which every self-reference holds: each is searched for over
/// the whole text. (They are [`crate::config::SELF_LEVELS`], as characters.)
const LEVELS: [char; 7] = ['省', '市', '州', '盟', '区', '县', '旗'];

/// Words that end in `我`, `本` or `全` (`资本市场`, `健全县域`, `自我`): the level character
/// after them belongs to another word.
const ENDS_IN_MARKER: &[&str] = &[
    "资本", "成本", "基本", "根本", "版本", "样本", "日本", "文本", "剧本", "课本", "账本", "脚本",
    "范本", "标本", "原本", "书本", "读本", "副本", "蓝本", "健全", "完全", "安全", "齐全", "周全",
    "保全", "成全", "顾全", "万全", "俱全", "不全", "两全", "求全", "自我", "忘我", "敌我", "唯我",
];

/// Characters that, after the level character, make another word: `市场`, `市值`, `区域`,
/// `省份`, `区间`, `区别`, `区分`, `区划`, `区块`, `区位`.
const NOT_AFTER_LEVEL: &str = "场值域份间别分划块位";

/// Words that end in a level character (`地区人大`, `社区党委`, `城市政府`): the organ after
/// them is not a level's.
const ENDS_IN_LEVEL: &[&str] = &[
    "地区", "社区", "园区", "景区", "辖区", "片区", "山区", "牧区", "林区", "矿区", "郊区", "校区",
    "街区", "灾区", "湾区", "城市", "都市", "超市", "股市", "楼市",
];

/// What follows an organ word in the name of something else: `省委党校`, `市委书记`.
const NOT_AFTER_ORGAN: &[&str] = &["党校", "书记", "常委"];

/// Every self-reference of the document outside quotations and titles. `is_named` tells
/// whether a text ends with a region's name (`天津市`), so that `天津市委` is not a bare organ.
///
/// Every form holds exactly one level character, and the words that stand before one share no
/// character with the level characters or with the words that stand after one: so each level
/// character is read alone, and the forms found never overlap. (A text without one refers to
/// no level.)
pub fn references(doc: &Document, is_named: &dyn Fn(&str) -> bool) -> Vec<Reference> {
    let text = doc.text.as_str();
    let forms = forms(text, doc.census());
    if forms.is_empty() {
        return Vec::new();
    }
    let quoted = doc.quoted();
    forms
        .into_iter()
        .filter_map(|form| reference(text, form, is_named))
        .filter(|r| !quoted.contains(r.span.start))
        .collect()
}

/// A self-reference's form as written around its level character, before the words that
/// make it something else are ruled out.
struct Form {
    /// The whole of it (`我们市`, `市直单位`).
    span: Range<usize>,
    /// Its level character.
    level: Range<usize>,
    kind: Kind,
}

/// The level characters.
const LEVEL_SET: CharSet = CharSet::new(&LEVELS);

/// The forms of `text`, in order; `census` is the text's.
fn forms(text: &str, census: &Census) -> Vec<Form> {
    census
        .find(LEVEL_SET)
        .into_iter()
        .filter_map(|(at, level)| form_at(text, at, level))
        .collect()
}

/// The form around the level character `level` at `at`: a first-person word or `全` before
/// it, or `直…` or an organ after it (in that order, as one reading of the text from left to
/// right finds them).
fn form_at(text: &str, at: usize, level: char) -> Option<Form> {
    let end = at + level.len_utf8();
    let form = |start: usize, form_end: usize, kind: Kind| Form {
        span: start..form_end,
        level: at..end,
        kind,
    };
    let before = &text[..at];
    if let Some(word) = FIRST_PERSON.iter().find(|word| before.ends_with(*word)) {
        return Some(form(at - word.len(), end, Kind::FirstPerson));
    }
    if before.ends_with('全') {
        return Some(form(at - '全'.len_utf8(), end, Kind::Whole));
    }
    let after = &text[end..];
    if let Some(rest) = after.strip_prefix('直') {
        let units = DIRECT.iter().find(|word| rest.starts_with(*word))?;
        return Some(form(at, end + '直'.len_utf8() + units.len(), Kind::Direct));
    }
    let organ = ORGANS.iter().find(|word| after.starts_with(*word))?;
    Some(form(at, end + organ.len(), Kind::Organ))
}

fn reference(text: &str, form: Form, is_named: &dyn Fn(&str) -> bool) -> Option<Reference> {
    let Form { span, level, kind } = form;
    let level_text = &text[level.clone()];
    if text[level.end..].starts_with(|c| NOT_AFTER_LEVEL.contains(c)) {
        return None;
    }
    let before = &text[..span.start];
    let excluded = match kind {
        Kind::FirstPerson | Kind::Whole => ends_a_word(before, &text[span.start..level.start]),
        Kind::Direct => ends_in_level(before, level_text),
        Kind::Organ => {
            // `各市委`; `省市县政府` lists levels.
            before.ends_with(|c| c == '各' || LEVELS.contains(&c))
                || ends_in_level(before, level_text)
                || NOT_AFTER_ORGAN
                    .iter()
                    .any(|body| text[span.end..].starts_with(body))
                || is_named(&text[..level.end])
        }
    };
    (!excluded).then(|| Reference {
        span,
        level: level_text.chars().next().unwrap_or('省'),
        kind,
    })
}

/// Whether the character before a level character and the level character form a word
/// (`地区`, `城市`).
fn ends_in_level(before: &str, level: &str) -> bool {
    before.chars().next_back().is_some_and(|previous| {
        ENDS_IN_LEVEL
            .iter()
            .any(|word| word.starts_with(previous) && word.ends_with(level))
    })
}

/// Whether the character before `marker` (`我`, `本`, `全`…) and the marker form a word.
fn ends_a_word(before: &str, marker: &str) -> bool {
    let Some(previous) = before.chars().next_back() else {
        return false;
    };
    let Some(first) = marker.chars().next() else {
        return false;
    };
    let word: String = [previous, first].iter().collect();
    ENDS_IN_MARKER.contains(&word.as_str())
}

/// A self-reference that contradicts the document's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub reference: Reference,
    pub message: String,
    /// Where the document says what it is, or the other side of a balanced document.
    pub related: Vec<(Range<usize>, String)>,
}

/// The self-references that contradict the document's identity: each one when it is known;
/// one finding naming both sides when the evidence is balanced.
pub fn conflicts(doc: &Document, reading: &Reading) -> Vec<Conflict> {
    let references = &reading.references;
    match &reading.verdict {
        Verdict::Known(identity) => known_conflicts(doc, reading, identity),
        Verdict::Balanced(levels) => balanced_conflict(doc, references, *levels)
            .into_iter()
            .collect(),
        Verdict::Unknown => Vec::new(),
    }
}

fn known_conflicts(doc: &Document, reading: &Reading, identity: &Identity) -> Vec<Conflict> {
    let related = if identity.configured {
        Vec::new()
    } else {
        reading
            .support(identity.level)
            .first()
            .map(|e| {
                let label = format!("本文为“{}”级的依据", identity.level);
                vec![(e.span.clone(), label)]
            })
            .unwrap_or_default()
    };
    let because = if identity.configured {
        "按配置".to_string()
    } else {
        format!("（依据：{}）", describe(doc, reading, identity.level, 3))
    };
    reading
        .references
        .iter()
        .filter(|r| r.level != identity.level)
        .filter(|r| !explained(doc, reading, r, identity))
        .map(|r| Conflict {
            reference: r.clone(),
            message: format!(
                "本文{because}是“{}”级文稿，这里的“{}”却是“{}”级自称",
                identity.level,
                &doc.source[r.span.clone()],
                r.level
            ),
            related: related.clone(),
        })
        .collect()
}

/// One finding for a document whose two sides weigh alike, at the first self-reference of
/// the side that comes second, with the other side's places as related locations.
fn balanced_conflict(
    doc: &Document,
    references: &[Reference],
    levels: [char; 2],
) -> Option<Conflict> {
    let side = |level: char| -> Vec<&Reference> {
        references.iter().filter(|r| r.level == level).collect()
    };
    let (mut first, mut second) = (side(levels[0]), side(levels[1]));
    if second.first()?.span.start < first.first()?.span.start {
        std::mem::swap(&mut first, &mut second);
    }
    let words = |refs: &[&Reference]| {
        let mut words: Vec<&str> = Vec::new();
        for r in refs {
            let word = &doc.source[r.span.clone()];
            if !words.contains(&word) {
                words.push(word);
            }
        }
        words.join("、")
    };
    let (a, b) = (first[0].level, second[0].level);
    let message = format!(
        "本文以两个层级自称，难以判断哪一方是错留的：“{a}”级 {} 处（{}），“{b}”级 {} 处（{}）；\
         请统一，或在配置中写明 [document] level",
        first.len(),
        words(&first),
        second.len(),
        words(&second),
    );
    const SHOWN: usize = 6;
    let related = first
        .iter()
        .take(SHOWN)
        .map(|r| (r.span.clone(), format!("“{a}”级自称")))
        .chain(
            second
                .iter()
                .skip(1)
                .take(SHOWN)
                .map(|r| (r.span.clone(), format!("“{b}”级自称"))),
        )
        .collect();
    Some(Conflict {
        reference: second[0].clone(),
        message,
        related,
    })
}

/// Whether `r`, of another level than the document's, has an innocent reading (see the
/// module docs).
fn explained(doc: &Document, reading: &Reading, r: &Reference, identity: &Identity) -> bool {
    let sentence = doc
        .sentence_at(r.span.start)
        .unwrap_or(r.span.start..r.span.end);
    let own_in_sentence = reading
        .references
        .iter()
        .any(|o| o.level == identity.level && sentence.contains(&o.span.start));
    let written = &doc.text[r.span.clone()];
    // `本市` in a provincial regulation's `各设区的市……本市` is each city's own; `我市` is
    // always the speaker's.
    let speaker = r.kind == Kind::FirstPerson && !written.starts_with('本');
    let generic = !speaker && names_level_generically(&doc.text[sentence.clone()], r.level);
    let listed_levels = r.kind != Kind::Organ && doc.text[r.span.end..].starts_with('、');
    let rank = if r.level == identity.level {
        identity.rank
    } else {
        reading.ranks.of(r.level)
    };
    let higher = rank < identity.rank;
    // A municipality has no province above it: `我省` there is always wrong.
    let municipality = identity.rank == 1 && identity.level == '市';
    // A superior's whole, units and organs, and `我省` said of the province one belongs to;
    // not `本省`, a legal text's own word.
    let superior = higher
        && !(municipality && r.level == '省')
        && (r.kind != Kind::FirstPerson || !written.starts_with('本') || own_in_sentence);
    // Speaking to another unit (`你们……全县财政总收入`), its whole is the listener's; so it
    // may be where the text names another unit of that level (`花垣县`, `西藏自治区`).
    let addressed = r.kind != Kind::FirstPerson
        && (doc.text[sentence].contains("你们")
            || names_another_unit(doc, reading, r.span.start, r.level, identity));
    generic || listed_levels || superior || addressed
}

/// Whether the header or the paragraph at `at` names, in full, a unit of `level` other than
/// the document's own region (`花垣县` in a city's speech of paired assistance,
/// `自治州以及花垣县的各位领导`, `西藏自治区党政代表团来湘考察`).
fn names_another_unit(
    doc: &Document,
    reading: &Reading,
    at: usize,
    level: char,
    identity: &Identity,
) -> bool {
    let gazetteer = Gazetteer::builtin();
    let names = |text: &str| {
        let generic = match level {
            '州' => text.contains("自治州"),
            '区' => text.contains("自治区"),
            _ => false,
        };
        generic
            || gazetteer.find_iter(text).any(|m| {
                !m.short
                    && Some(m.region) != identity.region
                    && gazetteer.regions()[m.region].name.ends_with(level)
            })
    };
    let paragraph = doc.paragraph_at(at).unwrap_or(at..at);
    names(&doc.text[paragraph]) || reading.header.iter().any(|p| names(&doc.text[p.clone()]))
}

/// Whether a sentence speaks of units of `level` in general (`各区`, `市、县人民政府`,
/// `地级以上市`, `省辖市`, `设区的市`): a self-reference of that level in it is each unit's own.
fn names_level_generically(sentence: &str, level: char) -> bool {
    ["各", "以上", "辖", "设区的"]
        .iter()
        .any(|before| sentence.contains(&format!("{before}{level}")))
        || sentence.contains(&format!("{level}、"))
        || sentence.contains(&format!("、{level}"))
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for conflict in conflicts(cx.doc, cx.identity()) {
        let mut finding = Finding::new(conflict.reference.span, conflict.message);
        for (span, message) in conflict.related {
            finding.related.push(Related::new(span, message));
        }
        out.push(finding);
    }
}

const SELF_LEVEL: &str = r#"
检查什么
  文稿用来称呼自己的词所属的行政层级：
  - 省：我省、本省、全省、省直单位、省委、省政府……
  - 市：我市、本市、全市、市直机关、市委、市政府……
  - 州、盟、区、县、旗同理。
  先判断文稿是谁的（wenlint stats 会列出判断和依据）：
  - 最有力的是标题、会议和署名行（“2026年XX省政府工作报告”“在XX区第X届人民代表大会上”
    “省直单位……会议上的讲话”“区长 某某”）；
  - 其次是第一人称（我省、本市）和“我厅”（厅是省级部门）；
  - 再次是全辖（全省）、直属单位（省直）；最弱的是机关（省委），因为也可能是上级的。
  上级的机关、全辖和直属单位（区级文稿里的市委、全市、市直部门）不算矛盾。
  判断出层级后，报告每一处其他层级的自称，并指向判断的依据；两方依据相当、又没有标题可以
  判断时，只报告一处，列出两方。配置了 [document] level = "市" 或 region = "天津市" 时，
  以配置为准。

为什么
  讲话稿、总结常由其他单位的文稿改写而成，原单位的“我市”“市委”留在省级文稿里，
  是一眼就能被听众发现的硬伤。

会报告
  （标题“省直单位……会议上的讲话”）我省高度重视……全市上下要……市委市政府要求……
  （region = "天津市"）我省将继续……（直辖市之上没有省）

不会报告
  市场、城市、资本市场、本区域、省份、跨省直接结算（字在别的词里）；
  天津市委、各市委、省委党校（有名称的机关、复数、机构名）；
  “我省”、《本市生活垃圾管理条例》（引号和书名号内）；
  市级文稿中的“省委”“全省”“省直部门”，以及说到所属省份的“我省”（结合我省和本市实际）；
  各区……报送本区年度工作情况（“各区”之下的“本区”）；
  对口支援、来访等场合，文中点名的其他单位（花垣县……全县财政总收入；西藏自治区……全区）；
  自治区（广西、内蒙古等）所辖地方文稿中的“全区”；
  以“我国”自称为主的全国性文稿。

如何修改
  把错留的自称改为本单位的层级；如果文稿确实涉及上级或下级，请在句中点明（“全省各市”“我市在全省……”），
  或在配置中写明 [document] level / region。
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_levels_are_those_a_config_may_name() {
        let levels: Vec<String> = LEVELS.iter().map(char::to_string).collect();
        assert_eq!(levels, crate::config::SELF_LEVELS);
    }
    use crate::document::Format;

    fn found(text: &str) -> Vec<String> {
        let doc = Document::new(text.to_string(), Format::Text);
        references(&doc, &|before| before.ends_with("天津市"))
            .iter()
            .map(|r| doc.source[r.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn finds_each_kind_of_self_reference() {
        assert_eq!(
            found("我省各级、全市上下、省直单位和市委市政府，咱们县。"),
            ["我省", "全市", "省直单位", "市委", "市政府", "咱们县"]
        );
    }

    #[test]
    fn other_words_are_not_self_references() {
        for text in [
            "完善资本市场基础制度。",
            "健全县、乡、村三级医疗卫生服务体系。",
            "应当做好本区域的污染防治。",
            "推进门诊费用跨省直接结算。",
            "天津市委、各市委和省委党校。",
            "城市、市民、超市、省份、节省。",
            "完成省市县政府机构改革。",
            "《本市生活垃圾管理条例》和“我省”二字。",
            "长三角地区人大协同履职，社区党委、城市政府和园区直属单位。",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text}");
        }
    }

    /// The forms as the pattern they stand for finds them, leftmost first.
    fn forms_by_pattern(text: &str) -> Vec<(Range<usize>, Range<usize>, Kind)> {
        let levels: String = LEVELS.iter().collect();
        let pattern = regex::Regex::new(&format!(
            "(?:我们|咱们|我|本)(?P<first>[{levels}])|全(?P<whole>[{levels}])\
             |(?P<direct>[{levels}])直(?:单位|机关|各|部门|属|有关)\
             |(?P<organ>[{levels}])(?:委|政府|人大|政协|纪委|监委)"
        ))
        .unwrap();
        let kinds = [
            ("first", Kind::FirstPerson),
            ("whole", Kind::Whole),
            ("direct", Kind::Direct),
            ("organ", Kind::Organ),
        ];
        pattern
            .captures_iter(text)
            .map(|caps| {
                let (level, kind) = kinds
                    .iter()
                    .find_map(|(group, kind)| caps.name(group).map(|m| (m.range(), *kind)))
                    .unwrap();
                (caps.get(0).unwrap().range(), level, kind)
            })
            .collect()
    }

    /// What the texts of [`forms_are_those_of_the_pattern`] are made of: every word of every
    /// form, its characters alone, and others.
    const PIECES: &[&str] = &[
        "省", "市", "县", "区", "旗", "我们", "咱们", "我", "们", "本", "全", "直", "单位", "单",
        "机关", "各", "部门", "属", "有关", "委", "政府", "政", "人大", "政协", "纪委", "监委",
        "场", "a", "，",
    ];

    proptest::proptest! {
        /// Read level character by level character, the forms are those one search of the
        /// whole pattern finds.
        #[test]
        fn forms_are_those_of_the_pattern(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..12),
        ) {
            let text = pieces.concat();
            let by_hand: Vec<_> = forms(&text, &Census::of(&text))
                .into_iter()
                .map(|form| (form.span, form.level, form.kind))
                .collect();
            proptest::prop_assert_eq!(by_hand, forms_by_pattern(&text));
        }
    }

    #[test]
    fn a_quote_does_not_pair_across_paragraphs() {
        assert_eq!(found("他说“我市\n我省”。"), ["我市", "我省"]);
    }
}
