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
use std::sync::LazyLock;

use regex::Regex;

use crate::document::Document;

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

static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:我们|咱们|我|本)(?P<first>[省市州盟区县旗])
      | 全(?P<whole>[省市州盟区县旗])
      | (?P<direct>[省市州盟区县旗])直(?:单位|机关|各|部门|属|有关)
      | (?P<organ>[省市州盟区县旗])(?:委|政府|人大|政协|纪委|监委)
        ",
    )
    .expect("self-reference pattern is valid")
});

/// The level characters.
const LEVELS: &str = "省市州盟区县旗";

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

/// What follows an organ word in the name of something else: `省委党校`, `市委书记`.
const NOT_AFTER_ORGAN: &[&str] = &["党校", "书记", "常委"];

/// Every self-reference of the document outside quotations and titles. `is_named` tells
/// whether a text ends with a region's name (`天津市`), so that `天津市委` is not a bare organ.
pub fn references(doc: &Document, is_named: &dyn Fn(&str) -> bool) -> Vec<Reference> {
    let quoted = doc.quoted();
    REFERENCE
        .captures_iter(&doc.text)
        .filter_map(|caps| reference(&doc.text, &caps, is_named))
        .filter(|r| !quoted.contains(r.span.start))
        .collect()
}

fn reference(
    text: &str,
    caps: &regex::Captures,
    is_named: &dyn Fn(&str) -> bool,
) -> Option<Reference> {
    let whole = caps.get(0)?;
    let (level, kind) = [
        ("first", Kind::FirstPerson),
        ("whole", Kind::Whole),
        ("direct", Kind::Direct),
        ("organ", Kind::Organ),
    ]
    .into_iter()
    .find_map(|(group, kind)| caps.name(group).map(|m| (m, kind)))?;
    if text[level.end()..].starts_with(|c| NOT_AFTER_LEVEL.contains(c)) {
        return None;
    }
    let before = &text[..whole.start()];
    let excluded = match kind {
        Kind::FirstPerson | Kind::Whole => ends_a_word(before, &text[whole.start()..level.start()]),
        Kind::Direct => false,
        Kind::Organ => {
            // `各市委`; `省市县政府` lists levels.
            before.ends_with(|c| c == '各' || LEVELS.contains(c))
                || NOT_AFTER_ORGAN
                    .iter()
                    .any(|body| text[whole.end()..].starts_with(body))
                || is_named(&text[..level.end()])
        }
    };
    (!excluded).then(|| Reference {
        span: whole.range(),
        level: level.as_str().chars().next().unwrap_or('省'),
        kind,
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

/// The rank of a level, highest first; a municipality's `市` ranks with provinces.
pub fn rank(level: char, municipality: bool) -> u8 {
    match level {
        '省' => 1,
        '市' if municipality => 1,
        '市' | '州' | '盟' => 2,
        _ => 3,
    }
}

/// The level a document speaks for, and how that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Own {
    /// From `[document] level` or `region`; `municipality` for 北京, 天津, 上海, 重庆.
    Configured { level: char, municipality: bool },
    /// The level of most self-references; with a tie, both levels are reported.
    Inferred,
}

/// A self-reference that contradicts the document's own level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub reference: Reference,
    pub message: String,
    /// The first self-reference of the level it contradicts.
    pub related: Option<(Range<usize>, String)>,
}

/// The self-references that contradict the document's level.
pub fn conflicts(doc: &Document, references: &[Reference], own: &Own) -> Vec<Conflict> {
    match own {
        Own::Configured {
            level,
            municipality,
        } => configured_conflicts(doc, references, *level, *municipality),
        Own::Inferred => inferred_conflicts(doc, references),
    }
}

fn configured_conflicts(
    doc: &Document,
    references: &[Reference],
    own: char,
    municipality: bool,
) -> Vec<Conflict> {
    references
        .iter()
        .filter(|r| r.level != own)
        .filter(|r| !explained(doc, references, r, own, municipality, true))
        .map(|r| Conflict {
            reference: r.clone(),
            message: format!(
                "本文按配置是“{own}”级，这里的“{}”是“{}”级自称",
                &doc.source[r.span.clone()],
                r.level
            ),
            related: None,
        })
        .collect()
}

fn inferred_conflicts(doc: &Document, references: &[Reference]) -> Vec<Conflict> {
    if speaks_for_the_nation(doc, references.len()) {
        return Vec::new();
    }
    let counts = counts_by_level(references);
    let [(top, top_count), rest @ ..] = counts.as_slice() else {
        return Vec::new();
    };
    let mut conflicts = Vec::new();
    for &(level, count) in rest {
        // On a tie each side is reported against the other.
        let mut pairs = vec![(level, count, *top, *top_count)];
        if count == *top_count {
            pairs.push((*top, *top_count, level, count));
        }
        for (minority, minority_count, majority, majority_count) in pairs {
            let first = references.iter().find(|r| r.level == majority);
            for r in references.iter().filter(|r| r.level == minority) {
                if explained(doc, references, r, majority, false, false) {
                    continue;
                }
                conflicts.push(Conflict {
                    reference: r.clone(),
                    message: format!(
                        "自称的层级不一致：本文多以“{majority}”级自称（{majority_count} 处），这里的“{}”是“{minority}”级（{minority_count} 处）",
                        &doc.source[r.span.clone()]
                    ),
                    related: first.map(|f| {
                        (f.span.clone(), format!("“{majority}”级自称首次出现"))
                    }),
                });
            }
        }
    }
    conflicts.sort_by_key(|c| c.reference.span.start);
    conflicts.dedup_by_key(|c| c.reference.span.start);
    conflicts
}

/// Levels with their numbers of self-references, most first (earliest first on a tie).
fn counts_by_level(references: &[Reference]) -> Vec<(char, usize)> {
    let mut counts: Vec<(char, usize)> = Vec::new();
    for r in references {
        match counts.iter_mut().find(|(level, _)| *level == r.level) {
            Some((_, n)) => *n += 1,
            None => counts.push((r.level, 1)),
        }
    }
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    counts
}

fn speaks_for_the_nation(doc: &Document, local: usize) -> bool {
    doc.text.matches("我国").count() > local
}

/// Whether `r`, of another level than `own`, has an innocent reading (see the module docs).
fn explained(
    doc: &Document,
    references: &[Reference],
    r: &Reference,
    own: char,
    municipality: bool,
    configured: bool,
) -> bool {
    let sentence = doc
        .sentence_at(r.span.start)
        .unwrap_or(r.span.start..r.span.end);
    let in_sentence = |level: char| {
        references
            .iter()
            .any(|o| o.level == level && sentence.contains(&o.span.start))
    };
    let generic = names_level_generically(&doc.text[sentence.clone()], r.level);
    let listed_levels = r.kind != Kind::Organ && doc.text[r.span.end..].starts_with('、');
    let higher = rank(r.level, municipality) < rank(own, municipality);
    // A municipality has no province above it: `我省` there is always wrong.
    let superior = higher
        && !(municipality && r.level == '省')
        && (configured || matches!(r.kind, Kind::Organ | Kind::Whole));
    in_sentence(own) || generic || listed_levels || superior
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

#[cfg(test)]
mod tests {
    use super::*;
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
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn a_quote_does_not_pair_across_paragraphs() {
        assert_eq!(found("他说“我市\n我省”。"), ["我市", "我省"]);
    }
}
