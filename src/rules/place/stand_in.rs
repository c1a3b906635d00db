//! Another region's full name standing where the document speaks of itself: `河北省经济运行
//! 稳中向好` in Shandong's report, `河北省行政区域内` in a Guangdong regulation.
//!
//! A document that knows its own region (from its header or the config) names other regions
//! for reasons a reader sees at once: cooperation (`与四川、宁夏共建`), aid (`浙江省投入帮扶
//! 资金`), comparison (`我省……江苏省`), travel and routes (`赴上海`, `大同至天津南`), lists
//! (`天津、山东对口协作`), institutions (`上海市第一人民医院`, `北京大学`), their compatriots
//! (`台湾同胞`), places of events (`在北京召开`) and addresses (`广西壮族自治区梧州市`). A full
//! name of a region at the document's own level or above, neither its own nor one of its
//! parents or children, with none of these reasons around it, is written where the text
//! speaks of itself: a name the old text carried.
//!
//! Short names (`河北`, `上海`) are everyday words in other words and phrases (`鞍山西柳`,
//! `上海合作组织`); they count only in the phrases of [`super::region`].

use std::ops::Range;

use super::gazetteer::{Gazetteer, Level, NameMatch};
use super::region::OwnName;
use crate::document::{ceil_boundary, floor_boundary, Document};

/// Words that, anywhere in the clause, make a named region someone else: cooperation, aid,
/// comparison, travel, neighbourhood.
const RELATION_WORDS: &str = "对口 协作 合作 援 帮扶 支援 对接 联动 共建 携手 签署 签订 协议 \
    交流 结对 借鉴 来访 走访 赴 前往 来自 相比 高于 低于 超过 排名 位居 兄弟 周边 毗邻 接壤 交界 \
    相邻 邻近 省外 外省 市外 外市 外地 以外 跨省 跨市 沿线 东西部 一体化 同城 都市圈 经济圈 \
    城市群 长三角 大湾区 京津冀 成渝 召开 举办 举行 承办 开幕 闭幕 航线 直飞 特高压 疏解 \
    考察 调研 率团 率队 带队 率领 带领 一行 陪同 来到 参观 观摩 座谈 到访 访问 慰问 看望 \
    承接 对标 看齐 赶超 比肩 引进 招引";

/// Offices after a name, in its clause (`宣威市委常委、副市长陈勇`, `黑龙江省政协主席`): a
/// person of that region is named.
const OFFICES: &str = "书记 主席 主任 省长 市长 县长 区长 州长 旗长 盟长 厅长 局长 常委 部长 委员";

/// Words right before a name that make it the other party: `同`, `跟`, `赴`, `往`, `驻`,
/// `至` (a route's end), and the marks that open a route, a title or a quotation. Prepositions
/// that end everyday words (`看到`, `已经`, `自由`, `面向`) are left out.
const BEFORE: &[char] = &['同', '跟', '赴', '往', '驻', '至', '—', '-', '~', '《', '“'];

/// Conjunctions that put a name in a list: with a place on the other side (`天津、河北省`,
/// `河北省和山西省`) the name is one of several; with anything else (`国家和河北省规定`) it is
/// not.
const CONJUNCTIONS: &[char] = &['、', '和', '及', '或'];

/// Words right after a name that make it a list item, an institution, a route or a person:
/// `、`, `等`, `同胞`, `大学`, `至`, `（京津冀）`.
const AFTER: &str = "等 与 同 至 到 — - ~ （ ( ” 》 学习 同胞 籍 大学 学院 医院 中学 小学 \
    集团 公司 银行 自贸 自由贸易 合作组织 特别行政区 代表团 考察团 队 卫视 路 街 站 机场 港 号 \
    方向 段 方面 一侧 边界 境外";

/// The names of other regions written where the document speaks of itself, outside the
/// header (whose regions made the identity) and quotations.
/// `names` are the text's place names as [`Gazetteer::find_iter`] finds them.
pub fn stand_ins(
    doc: &Document,
    names: &[NameMatch],
    own: usize,
    header: &[Range<usize>],
) -> Vec<OwnName> {
    let gazetteer = Gazetteer::builtin();
    let own_level = gazetteer.regions()[own].level;
    let topics = header_topics(names, header);
    let mut found = Vec::new();
    for (i, m) in names.iter().enumerate() {
        let region = &gazetteer.regions()[m.region];
        let in_header = header.iter().any(|p| p.contains(&m.span.start));
        if m.short
            || region.level > own_level
            || !may_stand_in(region.name, region.level)
            || in_header
            || doc.quoted().contains(m.span.start)
            || doc.in_table(&m.span)
            || gazetteer
                .regions_named(m)
                .iter()
                .any(|&r| related(gazetteer, own, r) || is_topic(gazetteer, &topics, r))
        {
            continue;
        }
        let next_is_place = names
            .get(i + 1)
            .is_some_and(|next| next.span.start == m.span.end);
        if next_is_place || explained(doc, &m.span, own) {
            continue;
        }
        found.push(OwnName {
            span: m.span.clone(),
            region: m.region,
        });
    }
    found
}

/// The other regions the header names (`……代表团到师宗县调研`, `赴江苏睢宁县考察`): what the
/// document is about, not a leftover.
fn header_topics(names: &[NameMatch], header: &[Range<usize>]) -> Vec<usize> {
    names
        .iter()
        .filter(|m| header.iter().any(|p| p.contains(&m.span.start)))
        .map(|m| m.region)
        .collect()
}

/// Whether a region is a header's topic or lies above or within one (`曲靖市` over the topic
/// `师宗县`).
fn is_topic(gazetteer: &Gazetteer, topics: &[usize], region: usize) -> bool {
    topics
        .iter()
        .any(|&topic| related(gazetteer, topic, region))
}

fn related(gazetteer: &Gazetteer, a: usize, b: usize) -> bool {
    gazetteer.contains(a, b) || gazetteer.contains(b, a)
}

/// Whether a full name can stand for a document's own region: county names ending in `区`
/// (`城区`, `矿区`, `新区`-like words) and two-character names read as ordinary words.
fn may_stand_in(name: &str, level: Level) -> bool {
    name.chars().count() >= 3 && !(level == Level::County && name.ends_with('区'))
}

/// What ends a clause and a sentence, in full and half width: drafts copied from web pages
/// carry `,` and `;`.
const CLAUSE_ENDS: &[char] = &[
    '，', '。', '；', '！', '？', '：', ',', ';', '!', '?', ':', '\n',
];
const SENTENCE_ENDS: &[char] = &['。', '；', '！', '？', ';', '!', '?', '\n'];

/// Whether the words around a name make it another party rather than the document itself.
fn explained(doc: &Document, span: &Range<usize>, own: usize) -> bool {
    let text = &doc.text;
    let clause = around(text, span, CLAUSE_ENDS);
    let sentence = around(text, span, SENTENCE_ENDS);
    let before = &text[clause.start..span.start];
    let after = &text[span.end..clause.end];
    RELATION_WORDS
        .split_whitespace()
        .any(|w| text[clause.clone()].contains(w))
        || before.contains(['与', '跟'])
        || before.ends_with(BEFORE)
        || AFTER.split_whitespace().any(|w| after.starts_with(w))
        || OFFICES
            .split_whitespace()
            .any(|office| after.contains(office))
        || in_list_of_places(text, span)
        || names_an_institution(after)
        || speaks_of_itself(&text[sentence], own)
}

/// Institutions named after their region (`上海市第一人民医院`, `浙江省农业科学院`): the
/// name is part of another body's name.
const INSTITUTIONS: &str =
    "医院 大学 学院 学校 中学 小学 研究院 研究所 科学院 图书馆 博物馆 集团 公司 银行 协会 商会";

/// Whether the words after a name, up to the next mark and at most ten characters, end in an
/// institution.
fn names_an_institution(after: &str) -> bool {
    const REACH: usize = 10;
    let name: String = after
        .chars()
        .take_while(|&c| crate::document::chars::is_han(c))
        .take(REACH)
        .collect();
    INSTITUTIONS.split_whitespace().any(|i| name.contains(i))
}

/// Whether a conjunction joins the name to another place name (`天津、河北省`, `河北省和
/// 山西省`).
fn in_list_of_places(text: &str, span: &Range<usize>) -> bool {
    const REACH: usize = 40;
    let gazetteer = Gazetteer::builtin();
    let before = &text[..span.start];
    if let Some(conjunction) = before
        .chars()
        .next_back()
        .filter(|c| CONJUNCTIONS.contains(c))
    {
        let end = span.start - conjunction.len_utf8();
        let from = floor_boundary(text, end.saturating_sub(REACH));
        if gazetteer
            .find_iter(&text[from..end])
            .any(|m| from + m.span.end == end)
        {
            return true;
        }
    }
    let after = &text[span.end..];
    if let Some(conjunction) = after.chars().next().filter(|c| CONJUNCTIONS.contains(c)) {
        let start = span.end + conjunction.len_utf8();
        let to = ceil_boundary(text, start + REACH);
        if gazetteer
            .find_iter(&text[start..to])
            .next()
            .is_some_and(|m| m.span.start == 0)
        {
            return true;
        }
    }
    false
}

/// The stretch around `span` up to the nearest `stops` on each side.
fn around(text: &str, span: &Range<usize>, stops: &[char]) -> Range<usize> {
    let start = text[..span.start].rfind(stops).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[span.end..]
        .find(stops)
        .map_or(text.len(), |i| span.end + i);
    start..end
}

/// Whether a sentence also speaks of the document itself in the first person (`我省`,
/// `本省`): the other region is then compared or related to it (`河北省增长6%，我省增长5.5%`),
/// not put in its place. The document's own name is no such sign: a reader's `考察云南` does not
/// make `河北省` in the same sentence someone else.
fn speaks_of_itself(sentence: &str, own: usize) -> bool {
    let region = &Gazetteer::builtin().regions()[own];
    let level = region.name.chars().next_back().unwrap_or('省');
    [format!("我{level}"), format!("本{level}")]
        .iter()
        .any(|w| sentence.contains(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn span_of(text: &str, name: &str) -> Range<usize> {
        let start = text.find(name).expect("name is in the text");
        start..start + name.len()
    }

    fn shandong() -> usize {
        Gazetteer::builtin().lookup("山东省")[0]
    }

    /// Whether `name` in `text` is explained as another party in Shandong's document.
    fn is_explained(text: &str, name: &str) -> bool {
        let doc = Document::new(text.to_string(), Format::Text);
        explained(&doc, &span_of(text, name), shandong())
    }

    #[test]
    fn a_conjunction_explains_only_between_places() {
        assert!(is_explained("天津、河北省客商来访。", "河北省"));
        assert!(is_explained("河北省和山西省客商来访。", "河北省"));
        assert!(!is_explained("按照国家和河北省有关规定执行。", "河北省"));
        assert!(!is_explained("形势复杂、河北省困难叠加。", "河北省"));
    }

    #[test]
    fn prepositions_that_end_everyday_words_explain_nothing() {
        assert!(is_explained("赴河北省招商引资。", "河北省"));
        assert!(is_explained("大同至河北省南部的线路。", "河北省"));
        assert!(!is_explained("看到河北省厚积薄发的优势。", "河北省"));
    }

    #[test]
    fn institutions_and_comparisons_are_someone_else() {
        assert!(is_explained("上海市第一人民医院分院建成。", "上海市"));
        assert!(is_explained("河北省增长5.8%，我省增长6.1%。", "河北省"));
        assert!(!is_explained(
            "河北省经济稳中向好，山东人民安居乐业。",
            "河北省"
        ));
    }

    #[test]
    fn names_in_the_header_quotations_and_below_the_own_level_are_not_candidates() {
        let text = "河北省某某会议上的讲话\n“河北省”三字。石家庄市经济向好。\n";
        let doc = Document::new(text.to_string(), Format::Text);
        let header = vec![Range {
            start: 0,
            end: text.find('\n').unwrap(),
        }];
        let names: Vec<NameMatch> = Gazetteer::builtin().find_iter(text).collect();
        assert!(stand_ins(&doc, &names, shandong(), &header).is_empty());
    }
}
