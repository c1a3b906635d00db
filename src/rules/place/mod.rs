//! `place/*`: what a document says about the place it speaks for.
//!
//! Drafts are adapted from other units' texts; the old unit's self-references (`我市` in a
//! provincial text) and place names survive the edit. These rules find them.

pub mod gazetteer;
pub mod hierarchy;
pub mod identity;
pub mod own_context;
pub mod region;
pub mod self_level;
pub mod stand_in;
// Its reader runs in the build script (and in tests); the linter uses its types.
#[cfg_attr(not(test), allow(dead_code))]
mod table;

use crate::lang::Text;
use crate::rules::Profile;

use super::RuleDef;
use gazetteer::Gazetteer;
use identity::{Identity, Reading};

/// The four municipalities directly under the central government: `市` at province level.
const MUNICIPALITIES: [&str; 4] = ["北京", "天津", "上海", "重庆"];

pub static RULES: &[&RuleDef] = &[&self_level::RULE, &region::RULE, &hierarchy::RULE];

/// Checks a `[document] region` value: the full name of a division in the gazetteer.
pub fn check_region_name(name: &str) -> Result<(), Text> {
    let gazetteer = Gazetteer::builtin();
    let is_full_name = gazetteer
        .lookup(name)
        .iter()
        .any(|&i| gazetteer.regions()[i].name == name);
    if is_full_name && level_of_region(name).is_some() {
        return Ok(());
    }
    let like = gazetteer
        .lookup(name)
        .first()
        .map(|&i| gazetteer.regions()[i].name);
    let (zh_hint, en_hint) = match &like {
        Some(full) => (
            format!("：是不是 `{full}`？"),
            format!(": did you mean `{full}`?"),
        ),
        None => (
            "，如 `天津市`、`河北省`、`正定县`".to_string(),
            ", like `天津市`, `河北省` or `正定县`".to_string(),
        ),
    };
    Err(Text::new(
        format!("不认识的地区 `{name}`：请写省、地级或县级行政区的全称{zh_hint}"),
        format!(
            "unknown region `{name}`: give the full name of a province, prefecture or county{en_hint}"
        ),
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

/// The region whose full name is `name`.
fn full_name_region(name: &str) -> Option<usize> {
    let gazetteer = Gazetteer::builtin();
    gazetteer
        .lookup(name)
        .into_iter()
        .find(|&i| gazetteer.regions()[i].name == name)
}
