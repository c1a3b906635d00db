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
use crate::document::{ceil_boundary, floor_boundary, phrase_covers, Document};

/// The contexts in which a text speaks of a place as its own, each with the stretch where
/// the name is: between `联系`…`发展所需`, after `我们`, before `全市上下` or `市委的坚强领导下`.
/// Only these stretches are looked up in the gazetteer, so a text is not searched for every
/// place name of China.
static OWN_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:联系|结合|立足|扎根|服务|推动|推进|助力|建设|谱写|奋力|全力)
        (?P<between>\p{Han}{2,12}?)
        (?:发展所需|实际|高质量发展|经济社会发展|发展大局|新篇章)
      | (?:我们|咱们)(?P<after>\p{Han}{2,12})
      | (?P<before>\p{Han}{2,12}?)
        (?:全[省市区县]上下|委(?:、[省市区县]?政府)?的(?:坚强)?领导下)
        ",
    )
    .expect("pattern is valid")
});

/// The fixed words of [`OWN_CONTEXT`]'s contexts: found first, with a fast literal search, so
/// that the full pattern runs only on the few stretches around them.
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
        let mut at = 0;
        while let Some(caps) = OWN_CONTEXT.captures_at(window, at) {
            let whole = caps.get(0).expect("group 0 is the match");
            match own_name(&caps) {
                Some(own) => {
                    let span = from + own.span.start..from + own.span.end;
                    found.push(OwnName { span, ..own });
                    at = whole.end();
                }
                // `我们推动河北……` holds no name after `我们`, but `推动河北高质量发展` does:
                // look again one character on.
                None => at = ceil_boundary(window, whole.start() + 1),
            }
        }
    }
    found.sort_by_key(|own| (own.span.start, own.span.end));
    found.dedup_by(|a, b| a.span == b.span);
    found.retain(|own| !allowed(text, &own.span, allow));
    found
}

/// The place name in a matched context: the whole stretch between two anchors, the longest
/// name opening the stretch after `我们`, the longest name closing the stretch before
/// `全市上下`.
fn own_name(caps: &regex::Captures) -> Option<OwnName> {
    let gazetteer = Gazetteer::builtin();
    let name_at = |span: Range<usize>, text: &str| {
        gazetteer
            .lookup(text)
            .first()
            .map(|&region| OwnName { span, region })
    };
    if let Some(m) = caps.name("between") {
        return name_at(m.range(), m.as_str());
    }
    if let Some(m) = caps.name("after") {
        let ends = m
            .as_str()
            .char_indices()
            .map(|(i, _)| i)
            .skip(2)
            .chain([m.len()]);
        let longest_first: Vec<usize> = ends.collect();
        return longest_first
            .into_iter()
            .rev()
            .find_map(|end| name_at(m.start()..m.start() + end, &m.as_str()[..end]));
    }
    let m = caps.name("before")?;
    m.as_str()
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| m.as_str()[i..].chars().count() >= 2)
        .find_map(|start| name_at(m.start() + start..m.end(), &m.as_str()[start..]))
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
        None => (calls_itself_province && is_municipality(named.level, &named.name)).then(|| {
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
