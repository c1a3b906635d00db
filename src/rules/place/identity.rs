//! Whose document it is: the level it speaks for and, where the text shows it, its region.
//!
//! A draft adapted from another unit's text carries two sets of self-references, and a count
//! of them blames whichever side pasted more. The document says who it is in other ways too,
//! and they are not equally sure:
//! - strongest, its header: the title, the meeting line and the signature
//!   (`2026年山东省政府工作报告`, `在XX县…大会上的讲话`, `省直单位…会议上的讲话`, `区长 张三`);
//! - strong, first-person self-references (`我省`, `本市`) and a provincial department's
//!   `我厅`;
//! - medium, the whole jurisdiction (`全省`) and its directly-administered units (`省直单位`);
//! - weak, organs (`省委`), which may be a superior's.
//!
//! Each level is weighed by the evidence for it against the evidence for other levels, where
//! a parent level's whole, units and organs count for neither side: a district's report that
//! speaks of `市委` and `全市` speaks of its city. A configured `[document]` wins over all.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer::{Gazetteer, Level};
use super::self_level::{Kind, Reference};
use crate::document::chars::word_search;
use crate::document::{floor_boundary, Document};

/// How a piece of evidence names a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clue {
    /// A self-reference, region name or title in the header (`2026年山东省政府工作报告`).
    Header,
    /// `我厅`: a 厅 is a provincial department.
    Department,
    /// A self-reference in the body, of the kind it is.
    Body(Kind),
}

impl Clue {
    /// How much the clue weighs: the header outweighs three first-person references, one of
    /// which outweighs an organ three times.
    fn weight(self) -> u32 {
        match self {
            Clue::Header => 10,
            Clue::Department => 4,
            Clue::Body(Kind::FirstPerson) => 3,
            Clue::Body(Kind::Whole | Kind::Direct) => 2,
            Clue::Body(Kind::Organ) => 1,
        }
    }
}

/// One piece of evidence of the document's level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub span: Range<usize>,
    /// One of [`crate::config::SELF_LEVELS`].
    pub level: char,
    pub clue: Clue,
    /// The self-reference's kind, for those that are one.
    pub kind: Option<Kind>,
    /// The region a header names (`山东省`), when it names one.
    pub region: Option<usize>,
    /// A header's region that encloses another one the header names: `河南省` approving
    /// `濮阳市`'s regulation, `上海市` enacting one for `浦东新区`.
    pub encloses: bool,
    /// A first-person reference written `本…` (`本省`), not `我…`.
    pub written_with_ben: bool,
}

impl Evidence {
    /// Evidence of `level` at `span` that names no region and is no `本…` reference.
    fn new(span: Range<usize>, level: char, clue: Clue, kind: Option<Kind>) -> Evidence {
        Evidence {
            span,
            level,
            clue,
            kind,
            region: None,
            encloses: false,
            written_with_ben: false,
        }
    }

    /// The whole, the units and the organs of a level above the document's, and the regions
    /// enclosing the one it is about, are its superior's: no claim to be that level.
    ///
    /// So may a first-person `我省` in a lower level's text (`结合我省和三明实际`): speakers
    /// say it of the province they belong to. `本省` is a legal text's own.
    fn may_be_superior(&self) -> bool {
        match self.clue {
            // `省直单位…会议上的讲话`, `在全市…大会上的讲话`: the header's whole, units and
            // organs are the meeting's level, the speaker's.
            Clue::Header => self.encloses,
            Clue::Department => false,
            Clue::Body(Kind::FirstPerson) => !self.written_with_ben,
            Clue::Body(_) => true,
        }
    }

    /// A claim to be a level: what only the level itself says (`我省`, `本市`, `我厅`, a
    /// header naming it), as opposed to what its subordinates say of it too.
    fn is_claim(&self) -> bool {
        match self.clue {
            Clue::Header => !self.may_be_superior(),
            Clue::Department => true,
            Clue::Body(kind) => kind == Kind::FirstPerson,
        }
    }
}

/// What the document is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub level: char,
    /// 1 province, 2 prefecture, 3 county (see [`Ranks`]).
    pub rank: u8,
    pub region: Option<usize>,
    /// From `[document]` rather than from the text.
    pub configured: bool,
}

/// The verdict on a document, with the evidence it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Known(Identity),
    /// Two levels with comparable evidence and no header to tell them apart: which one is the
    /// pasted side cannot be told.
    Balanced([char; 2]),
    /// No self-reference at all, or a national text (`我国`).
    Unknown,
}

#[derive(Debug, Clone)]
pub struct Reading {
    pub verdict: Verdict,
    /// The self-references the verdict weighed, in the order of the text.
    pub references: Vec<Reference>,
    /// The header's paragraphs (see [`header`]).
    pub header: Vec<Range<usize>>,
    /// Every piece of evidence, in the order of the text.
    pub evidence: Vec<Evidence>,
    pub ranks: Ranks,
}

impl Reading {
    /// The evidence for `level`, strongest first (earliest first among equals).
    pub fn support(&self, level: char) -> Vec<&Evidence> {
        let mut support: Vec<&Evidence> =
            self.evidence.iter().filter(|e| e.level == level).collect();
        support.sort_by_key(|e| (std::cmp::Reverse(e.clue.weight()), e.span.start));
        support
    }
}

/// The rank of each level character in this document: `区` is an autonomous region's in
/// Guangxi's texts and a district's elsewhere, `市` a municipality's in Tianjin's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ranks {
    pub autonomous_region: bool,
    pub municipality: bool,
}

impl Ranks {
    pub fn of(self, level: char) -> u8 {
        match level {
            '省' => 1,
            '区' if self.autonomous_region => 1,
            '市' if self.municipality => 1,
            '市' | '州' | '盟' => 2,
            _ => 3,
        }
    }
}

/// How many leading paragraphs may be the header, and how long each is at most.
const HEADER_PARAGRAPHS: usize = 6;
const HEADER_CHARS: usize = 80;

/// The opening of a numbered heading or article: the header ends before the body's first one.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:第[一二三四五六七八九十百零〇]+[章节条]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")
        .expect("pattern is valid")
});

/// Whether [`NUMBERED`] can open with `c` (`\d` is any decimal digit, which
/// [`char::is_numeric`] covers): a header line that opens otherwise is passed over without
/// the pattern, which a short draft then never compiles.
fn may_open_numbered(c: char) -> bool {
    c.is_numeric()
        || matches!(
            c,
            '第' | '（' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
}

/// Titles of office in a signature or a title (`省长`, `区长`, `自治区主席`, `市委书记`,
/// `厅长`).
static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"自治(?P<autonomous>区)主席|(?P<head>[省市州盟区县旗])(?:长|委书记)|(?P<department>厅)长",
    )
    .expect("pattern is valid")
});

/// The leading paragraphs that are title, meeting line and signature: short, ending no
/// sentence, before the salutation (`各位代表：`) and the first numbered heading.
fn header(doc: &Document) -> Vec<Range<usize>> {
    doc.paragraphs
        .iter()
        .take(HEADER_PARAGRAPHS)
        .take_while(|p| {
            let text = doc.text[(*p).clone()].trim();
            text.chars().count() <= HEADER_CHARS
                && !text.ends_with(['。', '！', '？', '；', '：', ':'])
                && !(text.starts_with(may_open_numbered) && NUMBERED.is_match(text))
        })
        .cloned()
        .collect()
}

/// Reads the document's identity from its text; `configured` (from `[document]`) wins.
pub fn read(doc: &Document, references: Vec<Reference>, configured: Option<Identity>) -> Reading {
    let header = header(doc);
    let mut evidence = header_regions(doc, &header);
    let in_header = |at: usize| header.iter().any(|p| p.contains(&at));
    evidence.extend(offices(doc, &header));
    evidence.extend(references.iter().map(|r| {
        let clue = if in_header(r.span.start) {
            Clue::Header
        } else {
            Clue::Body(r.kind)
        };
        Evidence {
            written_with_ben: doc.text[r.span.clone()].starts_with('本'),
            ..Evidence::new(r.span.clone(), r.level, clue, Some(r.kind))
        }
    }));
    // `全区` is an autonomous region's wherever the text speaks of one (`根据自治区关于…`),
    // unless its header names a district as the issuer.
    let headed_by = |level: char, province: bool| {
        evidence.iter().any(|e| {
            e.clue == Clue::Header
                && e.level == level
                && e.region.is_some()
                && is_province_level(e) == province
        })
    };
    let autonomous_region = headed_by('区', true)
        || (!headed_by('区', false) && word_search!("自治区").find(doc.text.as_bytes()).is_some());
    let ranks = Ranks {
        autonomous_region,
        municipality: evidence
            .iter()
            .any(|e| e.level == '市' && is_province_level(e)),
    };
    evidence.extend(departments(doc, autonomous_region));
    evidence.sort_by_key(|e| (e.span.start, e.span.end));
    evidence.dedup_by(|a, b| a.span == b.span);
    let verdict = match configured {
        Some(identity) => Verdict::Known(identity),
        None if speaks_for_the_nation(doc, references.len()) => Verdict::Unknown,
        None => weigh(&evidence, ranks),
    };
    let ranks = match &verdict {
        Verdict::Known(Identity {
            region: Some(region),
            ..
        }) => ranks_above(*region, ranks),
        _ => ranks,
    };
    Reading {
        verdict,
        references,
        header,
        evidence,
        ranks,
    }
}

/// The ranks a region's superiors give: a banner of Inner Mongolia hears `全区` as its
/// autonomous region's, a district of Tianjin `全市` as its municipality's.
fn ranks_above(region: usize, mut ranks: Ranks) -> Ranks {
    let gazetteer = Gazetteer::builtin();
    for above in std::iter::once(region).chain(gazetteer.ancestors(region)) {
        let name = &gazetteer.regions()[above].name;
        if gazetteer.regions()[above].level == Level::Province {
            ranks.autonomous_region |= name.ends_with("自治区");
            ranks.municipality |= name.ends_with('市');
        }
    }
    ranks
}

fn is_province_level(e: &Evidence) -> bool {
    e.region
        .is_some_and(|r| Gazetteer::builtin().regions()[r].level == Level::Province)
}

/// A national text speaks of `我国` more than of any place of its own.
fn speaks_for_the_nation(doc: &Document, local: usize) -> bool {
    word_search!("我国").find_iter(doc.text.as_bytes()).count() > local
}

/// The regions the header names in full (`山东省`, `海拉尔区`). Where one encloses another
/// (`濮阳市…` approved by `河南省…`) it may be the superior, and is marked so.
fn header_regions(doc: &Document, header: &[Range<usize>]) -> Vec<Evidence> {
    let gazetteer = Gazetteer::builtin();
    // Each name with whether its organs or congress follow it (the issuer) or only the end
    // of the title (the subject, `上海市浦东新区…规定`).
    let mut named: Vec<(Range<usize>, usize, bool)> = Vec::new();
    for (i, paragraph) in header.iter().enumerate() {
        let text = &doc.text[paragraph.clone()];
        for m in gazetteer.find_iter(text) {
            let rest = &text[m.span.end..];
            // A meeting line broken after the name (`——2023年1月5日在霍山县` /
            // `第十八届人民代表大会第二次会议上`) goes on in the next paragraph.
            let next = header.get(i + 1).map(|p| doc.text[p.clone()].trim());
            let joined;
            let after = match next {
                Some(next) if rest.trim().is_empty() => {
                    joined = next.to_string();
                    joined.as_str()
                }
                _ => rest,
            };
            let issuer = ISSUER
                .find(after)
                .is_some_and(|organ| !after[organ.end()..].starts_with('网'))
                && !VISITOR.is_match(after);
            // A province's short name is its name in titles (`2022年新疆政府工作报告`);
            // shorter divisions' short names are words too often.
            let province = gazetteer.regions()[m.region].level == Level::Province;
            if (m.short && !(province && issuer)) || !(issuer || TITLE_END.is_match(after)) {
                continue;
            }
            let span = paragraph.start + m.span.start..paragraph.start + m.span.end;
            named.push((span, m.region, issuer));
        }
    }
    named.extend(delegated(doc));
    // Where the header names the issuer, the title's subject is not the document's identity.
    if named.iter().any(|&(_, _, issuer)| issuer) {
        named.retain(|&(_, _, issuer)| issuer);
    }
    let encloses_another = |region: usize| {
        named
            .iter()
            .any(|&(_, other, _)| other != region && gazetteer.contains(region, other))
    };
    named
        .iter()
        .filter_map(|(span, region, _)| {
            let name = &gazetteer.regions()[*region].name;
            let (level, _) = super::level_of_region(name)?;
            Some(Evidence {
                region: Some(*region),
                encloses: encloses_another(*region),
                ..Evidence::new(span.clone(), level, Clue::Header, None)
            })
        })
        .collect()
}

/// How far into the text the report's opening (`现在，我代表徐汇区人民政府，向大会报告工作`)
/// is looked for, in bytes: past a title, a meeting line and a salutation.
const OPENING: usize = 1500;

/// The region a report is made for, from its opening words `我代表徐汇区人民政府` (the
/// header of such a report is often lost when it is copied from a page).
static DELEGATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"我代表(?P<name>\p{Han}{2,15}?)(?:人民政府|政府|人大常委会|人民代表大会常务委员会)")
        .expect("pattern is valid")
});

fn delegated(doc: &Document) -> Vec<(Range<usize>, usize, bool)> {
    let gazetteer = Gazetteer::builtin();
    let opening = &doc.text[..floor_boundary(&doc.text, OPENING)];
    // The pattern is compiled only for a text that has its opening words.
    if !opening.contains("我代表") {
        return Vec::new();
    }
    DELEGATE
        .captures_iter(opening)
        .filter_map(|caps| {
            let name = caps.name("name")?;
            let region = gazetteer
                .lookup(name.as_str())
                .into_iter()
                .find(|&r| gazetteer.regions()[r].name == name.as_str())?;
            Some((name.range(), region, true))
        })
        .collect()
}

/// What follows a region's name in a header when the region issues the text: its organs,
/// its congress (`第十四届人民代表大会`), its report or its regulation (`…条例`), rather than a
/// visiting delegation (`西藏自治区党政代表团来湘考察`) or a place visited (`对口支援花垣县座谈会`).
static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:人民政府|政府|人民代表大会|人大|委员会|党委|委|政协|纪委|监委|第[一二三四五六七八九十\d]+届|第[一二三四五六七八九十\d]+次代表大会|国民经济|代?[省市州盟区县旗]长|\d{4}年|[省市州盟区县旗]直|人民法院|人民检察院)",
    )
    .expect("pattern is valid")
});

/// The end of a regulation's or a report's title.
/// A delegation after a region's name in a header (`陕西省陇县人大考察团来我县考察`), or the
/// region turning to the writer (`山东省委、省政府向我省发来慰问电`): the region is the visitor
/// or the sender, not the issuer.
static VISITOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^，。,]*?(?:考察团|代表团|调研组|考察组|访问团|慰问团|一行|[来向给为]我)")
        .expect("pattern is valid")
});

static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:条例|规定|办法|决定|细则|规则|工作报告)[）)]?\s*$").expect("pattern is valid")
});

/// A unit named in the header by its level (`来源：市交通运输局`, `县教育局`): an organ.
static HEADER_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s:：])(?P<level>[省市州盟区县旗])\p{Han}{1,8}?(?:局|厅|委员会|办公室)")
        .expect("pattern is valid")
});

/// A congress named by its level alone: `在区六届人大三次会议上`.
static CONGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[在于])[省市州盟区县旗]第?[一二三四五六七八九十]+届")
        .expect("pattern is valid")
});

/// Titles of office in the header: `区长`, `省长`, `自治区主席`, `厅长` (a provincial one).
fn offices(doc: &Document, header: &[Range<usize>]) -> Vec<Evidence> {
    let mut found = Vec::new();
    for paragraph in header {
        let text = &doc.text[paragraph.clone()];
        // Each pattern names a level (`省长`, `区六届人大`, `市交通运输局`) or a department
        // (`厅长`): the patterns are compiled only for a header that has one.
        if !text.contains(['省', '市', '州', '盟', '区', '县', '旗', '厅']) {
            continue;
        }
        for caps in OFFICE.captures_iter(text) {
            let (group, level) = if let Some(m) = caps.name("head") {
                (m, m.as_str().chars().next().unwrap_or('省'))
            } else if let Some(m) = caps.name("autonomous") {
                (m, '区')
            } else if let Some(m) = caps.name("department") {
                (m, '省')
            } else {
                continue;
            };
            let whole = caps.get(0).map_or(group.range(), |m| m.range());
            let span = paragraph.start + whole.start..paragraph.start + whole.end;
            found.push(Evidence::new(span, level, Clue::Header, None));
        }
        for m in CONGRESS.find_iter(text) {
            let span = paragraph.start + m.start()..paragraph.start + m.end();
            let level = m.as_str().chars().next().unwrap_or('市');
            found.push(Evidence::new(span, level, Clue::Header, None));
        }
        for caps in HEADER_UNIT.captures_iter(text) {
            let (Some(whole), Some(level)) = (caps.get(0), caps.name("level")) else {
                continue;
            };
            let span = paragraph.start + level.start()..paragraph.start + whole.end();
            let level = level.as_str().chars().next().unwrap_or('市');
            found.push(Evidence::new(span, level, Clue::Header, Some(Kind::Organ)));
        }
    }
    found
}

/// `我厅`: a 厅 is a department of a province or an autonomous region.
fn departments(doc: &Document, autonomous_region: bool) -> Vec<Evidence> {
    const WORD: &str = "我厅";
    let level = if autonomous_region { '区' } else { '省' };
    word_search!(WORD)
        .find_iter(doc.text.as_bytes())
        .map(|at| Evidence::new(at..at + WORD.len(), level, Clue::Department, None))
        .collect()
}

/// For and against one level.
#[derive(Debug, Clone, Copy, Default)]
struct Balance {
    support: u32,
    against: u32,
    /// Whether the header speaks for it.
    headed: bool,
    /// Whether anything only the level itself would say speaks for it.
    claimed: bool,
}

/// The balance for `level`. What a lower level's text says of its superiors (`省委`,
/// `全省`) does not support `level` when a lower level claims the text, since both readings
/// explain it; what a higher level's text says of a lower one's does count against it.
fn balance(level: char, evidence: &[Evidence], ranks: Ranks) -> Balance {
    let lower_claimed = evidence
        .iter()
        .any(|e| e.is_claim() && ranks.of(e.level) > ranks.of(level));
    let mut b = Balance::default();
    for e in evidence {
        if e.level == level {
            if lower_claimed && e.may_be_superior() && e.kind != Some(Kind::FirstPerson) {
                continue;
            }
            b.support += e.clue.weight();
            b.headed |= e.clue == Clue::Header;
            b.claimed |= e.is_claim();
        } else if !(ranks.of(e.level) < ranks.of(level) && e.may_be_superior()) {
            b.against += e.clue.weight();
        }
    }
    b
}

/// The level the evidence speaks for: the best balance of support against contrary evidence;
/// known when the header alone speaks for it or its support is at least twice the evidence
/// against it.
fn weigh(evidence: &[Evidence], ranks: Ranks) -> Verdict {
    let mut levels: Vec<char> = Vec::new();
    for e in evidence {
        if !levels.contains(&e.level) {
            levels.push(e.level);
        }
    }
    let net = |b: &Balance| i64::from(b.support) - i64::from(b.against);
    let mut scored: Vec<(char, Balance)> = levels
        .iter()
        .map(|&level| (level, balance(level, evidence, ranks)))
        .collect();
    // Stable: on a tie the level met first leads.
    scored.sort_by_key(|(_, b)| std::cmp::Reverse(net(b)));
    let Some(&(best, b)) = scored.first() else {
        return Verdict::Unknown;
    };
    // The header is the strongest evidence: a level it alone speaks for is the document's.
    let headed: Vec<char> = scored
        .iter()
        .filter(|(_, b)| b.headed)
        .map(|&(level, _)| level)
        .collect();
    let (best, b) = match headed.as_slice() {
        [only] => scored
            .iter()
            .find(|(level, _)| level == only)
            .copied()
            .unwrap_or((best, b)),
        _ => (best, b),
    };
    // `我省` said twice or more, as often as the level's own claims: not a city speaking of
    // its province in passing but a text of two sides.
    let claims = |level: char| {
        evidence
            .iter()
            .filter(|e| e.level == level && e.is_claim())
            .count()
    };
    let rival_claims = scored.iter().any(|&(level, _)| {
        level != best && ranks.of(level) < ranks.of(best) && {
            let n = claims(level);
            n >= 2 && n >= claims(best)
        }
    });
    let decided = headed.len() == 1 && b.headed || (b.support >= 2 * b.against && !rival_claims);
    if decided {
        let region = region_of(best, evidence);
        return Verdict::Known(Identity {
            level: best,
            rank: region.map_or(ranks.of(best), rank_of_region),
            region,
            configured: false,
        });
    }
    // Balanced only when both sides claim the text: a side with nothing but organs and a
    // stray whole is too little to report on.
    match scored.get(1) {
        Some(&(other, o)) if b.claimed && o.claimed => Verdict::Balanced([best, other]),
        _ => Verdict::Unknown,
    }
}

/// 1 for a province, 2 for a prefecture, 3 for a county.
pub fn rank_of_region(region: usize) -> u8 {
    match Gazetteer::builtin().regions()[region].level {
        Level::Province => 1,
        Level::Prefecture => 2,
        Level::County => 3,
    }
}

/// The region the header names at the document's level, if it names one.
fn region_of(level: char, evidence: &[Evidence]) -> Option<usize> {
    evidence
        .iter()
        .filter(|e| e.level == level && e.clue == Clue::Header)
        .find_map(|e| e.region)
}

/// A short account of the strongest evidence for `level`: `标题“省直单位…”，我省，我厅`.
pub fn describe(doc: &Document, reading: &Reading, level: char, at_most: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    for e in reading.support(level) {
        let written = doc.source[e.span.clone()].to_string();
        let part = match e.clue {
            Clue::Header => format!("标题或署名中的“{written}”"),
            _ => format!("“{written}”"),
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
        if parts.len() == at_most {
            break;
        }
    }
    parts.join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn verdict(text: &str) -> Verdict {
        let doc = Document::new(text.to_string(), Format::Text);
        let references = super::super::self_level::references(&doc, &|_| false);
        read(&doc, references, None).verdict
    }

    fn level(text: &str) -> Option<char> {
        match verdict(text) {
            Verdict::Known(identity) => Some(identity.level),
            _ => None,
        }
    }

    fn region(text: &str) -> Option<String> {
        match verdict(text) {
            Verdict::Known(Identity {
                region: Some(region),
                ..
            }) => Some(Gazetteer::builtin().regions()[region].name.to_owned()),
            _ => None,
        }
    }

    /// Every opening of up to three characters drawn from those [`NUMBERED`] can open with
    /// and their neighbours, before a few endings: what [`may_open_numbered`] turns away,
    /// the pattern does not match.
    #[test]
    fn what_cannot_open_a_numbered_heading_is_none() {
        for opening in crate::tests::openings("第一十（）0０٣章条、.a", 3) {
            for ending in ["", "章", "）"] {
                let text = format!("{opening}{ending}");
                if !text.starts_with(may_open_numbered) {
                    assert!(!NUMBERED.is_match(&text), "{text}");
                }
            }
        }
    }

    #[test]
    fn the_region_is_read_from_the_shapes_report_headers_take() {
        let opening = "各位代表：\n现在，我代表徐汇区人民政府，向大会作政府工作报告，请予审议。\n";
        assert_eq!(region(opening).as_deref(), Some("徐汇区"));
        let broken = "政府工作报告\n——2023年1月5日在霍山县\n第十八届人民代表大会第二次会议上\n";
        assert_eq!(region(broken).as_deref(), Some("霍山县"));
        let short = "2022年新疆政府工作报告\n各位代表：\n";
        assert_eq!(region(short).as_deref(), Some("新疆维吾尔自治区"));
        let acting = "政府工作报告\n甘肃省代省长 某某\n";
        assert_eq!(region(acting).as_deref(), Some("甘肃省"));
    }

    #[test]
    fn a_visitor_or_a_sender_in_the_header_is_not_the_issuer() {
        let visit = "陕西省陇县人大考察团来我县考察\n近日，考察团一行来我县考察。\n";
        assert_eq!(region(visit), None);
        let sender = "山东省委、省政府向我省发来慰问电\n我省各级干部深受鼓舞。\n";
        assert_eq!(region(sender), None);
        let site = "西藏自治区人民政府网\n我市召开援藏工作总结大会。\n";
        assert_eq!(region(site), None);
    }

    #[test]
    fn the_header_outweighs_pasted_paragraphs() {
        let text = "省直单位学习教育总结会议上的讲话\n\
                    我省我厅认真落实省委部署。\n全市全市我市。";
        assert_eq!(level(text), Some('省'));
    }

    #[test]
    fn a_parents_organs_and_whole_do_not_count_against_a_district() {
        let text = "区政府工作报告\n\
                    在市委、市政府的坚强领导下，全区上下团结奋斗，我区经济稳中有进。\
                    全市经济工作会议部署的任务，市直各部门和我区共同落实。";
        assert_eq!(level(text), Some('区'));
    }

    #[test]
    fn the_header_names_the_region() {
        let text = "2026年山东省政府工作报告\n——在山东省第十四届人民代表大会上\n\
                    各位代表：\n我省经济总量稳步提升。";
        let Verdict::Known(identity) = verdict(text) else {
            panic!("not known");
        };
        let region = identity.region.expect("a region");
        assert_eq!(Gazetteer::builtin().regions()[region].name, "山东省");
    }

    #[test]
    fn an_approving_province_in_a_citys_header_is_its_parent() {
        let text = "# 濮阳市河道保护条例\n\n2016年 濮阳市人民代表大会常务委员会通过\n\n\
                    2016年 河南省人民代表大会常务委员会批准\n\n第一条 本市河道的保护适用本条例。";
        let doc = Document::new(text.to_string(), Format::Markdown);
        let references = super::super::self_level::references(&doc, &|_| false);
        let Verdict::Known(identity) = read(&doc, references, None).verdict else {
            panic!("not known");
        };
        assert_eq!(identity.level, '市');
        let region = identity.region.expect("a region");
        assert_eq!(Gazetteer::builtin().regions()[region].name, "濮阳市");
    }

    #[test]
    fn an_autonomous_regions_whole_ranks_as_a_province() {
        let text = "2026年广西壮族自治区政府工作报告\n自治区主席 某某\n各位代表：\n\
                    全区经济稳中有进，全市场主体活力增强，我区各市协同发展。";
        let Verdict::Known(identity) = verdict(text) else {
            panic!("not known");
        };
        assert_eq!((identity.level, identity.rank), ('区', 1));
    }

    #[test]
    fn even_evidence_without_a_header_is_balanced() {
        let text = "同志们：\n我省要抓好落实，全省上下齐心，我省经济向好。\n\
                    我市要抓好落实，全市上下齐心，我市经济向好。";
        assert!(matches!(verdict(text), Verdict::Balanced(_)));
    }

    #[test]
    fn a_national_text_has_no_local_identity() {
        assert_eq!(
            verdict("我国经济稳中向好，我国人民生活改善，我国开放扩大。我省稳步推进。"),
            Verdict::Unknown
        );
    }
}
