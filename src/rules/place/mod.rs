//! `place/*`: what a document says about the place it speaks for.
//!
//! Drafts are adapted from other units' texts; the old unit's self-references (`我市` in a
//! provincial text) and place names survive the edit. These rules find them.

pub mod gazetteer;
pub mod self_level;

use crate::config::Profile;
use crate::diagnostic::{Finding, Related, Severity};

use super::{Context, Rule, RuleMeta};
use gazetteer::Gazetteer;
use self_level::Own;

/// The four municipalities directly under the central government: `市` at province level.
const MUNICIPALITIES: [&str; 4] = ["北京", "天津", "上海", "重庆"];

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![Box::new(SelfLevel {
        meta: RuleMeta {
            id: "place/self-level".to_string(),
            severity: Severity::Warning,
            summary: "同一文稿以两个行政层级自称（我省……我市）".to_string(),
            doc: SELF_LEVEL.trim_start_matches('\n').to_string(),
        },
    })]
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

struct SelfLevel {
    meta: RuleMeta,
}

impl Rule for SelfLevel {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
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
}

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
