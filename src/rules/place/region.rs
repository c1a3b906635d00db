//! `place/region`: a region named as the document's own that cannot be its own
//! (`联系天津发展所需` in a provincial text).
//!
//! Most place names in a document are other places: `在北京召开`, `北京冬奥会`, `与天津市签订
//! 合作协议`. A name counts only where the text speaks of it as its own: `联系天津发展所需`,
//! `结合河北实际`, `推动石家庄高质量发展`, `天津全市上下`, `我们天津`, `在天津市委的坚强领导
//! 下`. Such a name is reported:
//! - with `[document] region`, when it is neither that region, nor one above it (a county's
//!   text may speak of its province's development), nor one inside it;
//! - without it, only when it contradicts the text itself: one of the four municipalities
//!   (北京, 天津, 上海, 重庆), which have no province above them, in a text that calls itself
//!   `我省`, `本省` or `省直`. Other contradictions cannot be told without knowing the
//!   document's region, and guessing would report correct texts.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer::{Gazetteer, Level, NameMatch};
use crate::document::{phrase_covers, Document};

/// What comes just before a name spoken of as one's own.
static OWN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:联系|结合|立足|扎根|服务|推动|推进|助力|建设|谱写|奋力|全力)\z")
        .expect("pattern is valid")
});

/// What comes just after it.
static OWN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:发展所需|实际|高质量发展|经济社会发展|发展大局|新篇章)")
        .expect("pattern is valid")
});

/// Contexts that make a name one's own without help from the other side.
static OWN_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:省|市|区|县)?(?:全[省市区县]上下|[省市区县]?委(?:、[省市区县]?政府)?的(?:坚强)?领导下)")
        .expect("pattern is valid")
});

/// How far the context patterns look, in bytes (8 CJK characters).
const CONTEXT: usize = 24;

/// A region named as the document's own.
pub struct OwnName {
    pub span: Range<usize>,
    pub region: usize,
}

/// The names the document speaks of as its own, outside the phrases the config allows.
pub fn own_names(doc: &Document, allow: &[String]) -> Vec<OwnName> {
    let gazetteer = Gazetteer::builtin();
    gazetteer
        .find_iter(&doc.text)
        .filter(|m| spoken_of_as_own(&doc.text, m))
        .filter(|m| !allowed(&doc.text, &m.span, allow))
        .map(|m| OwnName {
            span: m.span.clone(),
            region: m.region,
        })
        .collect()
}

fn spoken_of_as_own(text: &str, m: &NameMatch) -> bool {
    let before = &text[floor(text, m.span.start.saturating_sub(CONTEXT))..m.span.start];
    let after = &text[m.span.end..ceil(text, (m.span.end + CONTEXT).min(text.len()))];
    before.ends_with("我们")
        || before.ends_with("咱们")
        || OWN_ALONE.is_match(after)
        || (OWN_BEFORE.is_match(before) && OWN_AFTER.is_match(after))
}

/// Whether an allowed phrase (`北京冬奥会`, `在北京召开`) covers the name.
fn allowed(text: &str, span: &Range<usize>, allow: &[String]) -> bool {
    allow.iter().any(|phrase| phrase_covers(text, span, phrase))
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Why a name spoken of as one's own cannot be: `None` when it can.
pub fn contradiction(
    own: &OwnName,
    written: &str,
    region: Option<usize>,
    calls_itself_province: bool,
) -> Option<String> {
    let gazetteer = Gazetteer::builtin();
    let named = &gazetteer.regions()[own.region];
    match region {
        Some(region) => {
            let related =
                gazetteer.contains(own.region, region) || gazetteer.contains(region, own.region);
            let configured = &gazetteer.regions()[region];
            (!related && named.level <= configured.level).then(|| {
                format!(
                    "“{written}”（{}）被当作本地来写，但本文配置的地区是“{}”",
                    named.name, configured.name
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
