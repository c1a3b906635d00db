//! `wenlint init`: a commented `wenlint.toml` to start from, with the document's level or
//! region filled in when given. The file is checked like any config before it is written, so
//! a bad region is refused here and not on the next run.

use std::path::{Path, PathBuf};

use crate::config::{Config, CONFIG_NAMES};
use crate::lang::Text;

/// What `init` is told about the documents.
#[derive(Default)]
pub struct Answers {
    pub level: Option<String>,
    pub region: Option<String>,
}

/// The text of the config for `answers`.
pub fn config_text(answers: &Answers) -> String {
    let document = match (&answers.level, &answers.region) {
        (None, None) => "# level = \"市\"          # 省, 市, 州, 盟, 区, 县 or 旗\n\
                         # region = \"天津市\"     # or the region, by its full name\n"
            .to_string(),
        (level, region) => {
            let mut lines = String::new();
            if let Some(level) = level {
                lines.push_str(&format!("level = \"{level}\"\n"));
            }
            if let Some(region) = region {
                lines.push_str(&format!("region = \"{region}\"\n"));
            }
            lines
        }
    };
    format!(
        r#"# wenlint configuration. It applies to the files in this directory and below;
# `wenlint rules` lists the rules, `wenlint explain ID` explains one.

# Start from the config of a folder above and change only what this file says.
# extend = "../wenlint.toml"

# Which files a directory walk lints.
include = ["*.txt", "*.md", "*.docx", "*.doc", "*.wps"]

# Never lint these, not even when named on the command line.
# exclude = ["archive/**", "templates/**"]

# Folders of your own rule packs, in the format of the built-in `rules/*.toml`.
# rule_dirs = ["house-rules"]

# Report paragraphs shared between the files checked together (as --cross-file does).
# cross_file = true

[rules]
# A family or one rule: "off", "on", "error", "warning" or "info".
# "placeholder/name" = "off"
# duplicate = "info"

[document]
# The level these documents speak for, or their region: place/self-level and place/region
# judge self-references (我省, 我市) and place names against it.
{document}# Phrases that name other places on purpose and are never reported.
# allow = ["北京冬奥会", "在北京召开"]

# Findings the team has accepted, for plain text and Word files (Markdown can use
# <!-- wenlint-disable RULE -- reason --> comments instead). Every condition given must hold.
# [[ignore]]
# path = "drafts/2024-*.txt"
# rule = "placeholder/name"
# text = "张某某"
# reason = "化名，按要求保留"
"#
    )
}

/// Writes the config into `dir`; refuses to overwrite one unless `force`.
pub fn write(dir: &Path, answers: &Answers, force: bool) -> Result<PathBuf, Text> {
    let path = dir.join(CONFIG_NAMES[0]);
    if !force {
        if let Some(existing) = CONFIG_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.exists())
        {
            let existing = existing.display();
            return Err(Text::new(
                format!("{existing} 已经存在（加 --force 替换它）"),
                format!("{existing} already exists (use --force to replace it)"),
            ));
        }
    }
    let text = config_text(answers);
    Config::parse(&path, &text).map_err(|e| e.message)?;
    std::fs::write(&path, text).map_err(|e| {
        let path = path.display();
        Text::new(
            format!("无法写入 {path}：{e}"),
            format!("cannot write {path}: {e}"),
        )
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_config_it_writes_is_valid() {
        for answers in [
            Answers::default(),
            Answers {
                level: Some("市".into()),
                region: None,
            },
            Answers {
                level: None,
                region: Some("天津市".into()),
            },
        ] {
            let text = config_text(&answers);
            let config = Config::parse(Path::new("wenlint.toml"), &text).unwrap();
            assert_eq!(config.profile.level, answers.level);
            assert_eq!(config.profile.region, answers.region);
        }
    }

    #[test]
    fn a_bad_region_is_refused() {
        let dir = std::env::temp_dir().join(format!("wenlint-init-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let answers = Answers {
            level: None,
            region: Some("天津".into()),
        };
        let error = write(&dir, &answers, false).unwrap_err();
        let error = error.get(crate::lang::Lang::En);
        assert!(error.contains("did you mean `天津市`"), "{error}");
        assert!(!dir.join("wenlint.toml").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
