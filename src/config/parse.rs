//! One config file: its keys checked, each value kept with its line, and laid over what it
//! extends (another config, or the defaults). A mistake is reported in the file that has it.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::{
    layer, lexical, Config, DocumentSettings, Globs, Ignore, Origin, RuleDir, Setting, Settings,
    Sourced, SELF_LEVELS,
};
use crate::error::TomlError;
use crate::lang::Text;
use crate::rules::{Registry, RuleSelector};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    /// The config to start from, relative to this file's directory.
    #[serde(default)]
    pub(super) extend: Option<Spanned<String>>,
    #[serde(default)]
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    rule_dirs: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Setting>,
    #[serde(default)]
    document: RawProfile,
    /// `None` when unset, so that a child that says nothing keeps its parent's value.
    #[serde(default)]
    cross_file: Option<Spanned<bool>>,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
}

/// `[[ignore]]`: findings a team has accepted, for files that cannot carry comments.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    path: Option<Spanned<String>>,
    rule: Option<Spanned<String>>,
    text: Option<String>,
    regex: Option<Spanned<String>>,
    /// Why, for the reader of the config.
    #[serde(default)]
    #[allow(dead_code)]
    reason: Option<String>,
}

/// `[document]`: what the documents under this config are, when the text alone cannot say.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    level: Option<Spanned<String>>,
    region: Option<Spanned<String>>,
    #[serde(default)]
    allow: Vec<Spanned<String>>,
}

/// A config's text as TOML; a syntax mistake or unknown key is located in it.
pub(super) fn read(path: &Path, source: &str) -> Result<RawConfig, TomlError> {
    toml::from_str(source).map_err(|e| TomlError::from_toml(path, source, &e))
}

/// The directory a config's relative paths start from, absolute so that globs match however
/// the files are named on the command line.
pub(super) fn root_of(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    lexical(dir)
}

/// One file's settings laid over `base`: the defaults, or the config it extends. The merge
/// rules are those README's `extend` lists: `include` replaces; `exclude`, `rule_dirs`,
/// `[[ignore]]` and `[document] allow` accumulate; other values are the child's where set.
pub(super) fn apply(
    base: Config,
    raw: RawConfig,
    path: &Path,
    source: &str,
) -> Result<Config, TomlError> {
    let file = File {
        path,
        source,
        root: root_of(path),
    };
    let mut rule_dirs = base.rule_dirs;
    let mut packs = base.packs;
    let registry = if file.add_rule_dirs(&raw.rule_dirs, &mut rule_dirs, &mut packs)? {
        Registry::with_packs(&packs)?
    } else {
        base.registry
    };
    let include = match &raw.include {
        Some(patterns) => file.globs(Globs::empty(), patterns)?,
        None => base.include,
    };
    let exclude = file.globs(base.exclude, &raw.exclude)?;
    let settings = layer(base.settings, file.settings(raw.rules, &registry)?);
    let document = base.document.under(file.document(raw.document)?);
    let mut ignores = base.ignores;
    for entry in raw.ignore {
        ignores.push(file.ignore(entry, &registry)?);
    }
    let (cross_file, cross_file_origin) = match raw.cross_file {
        Some(value) => (*value.get_ref(), Some(file.origin(value.span()))),
        None => (base.cross_file, base.cross_file_origin),
    };
    let mut chain = vec![path.to_path_buf()];
    chain.extend(base.chain);
    Ok(Config {
        path: Some(path.to_path_buf()),
        chain,
        include,
        exclude,
        rule_dirs,
        packs,
        settings,
        registry,
        profile: document.profile(),
        document,
        cross_file,
        cross_file_origin,
        ignores,
        enabled: OnceLock::new(),
    })
}

/// The config file being applied: where its relative paths start, and how its mistakes and
/// values are located.
struct File<'a> {
    path: &'a Path,
    source: &'a str,
    root: PathBuf,
}

impl File<'_> {
    fn error(&self, span: Range<usize>, message: Text) -> TomlError {
        TomlError::new(self.path, self.source, Some(span), message)
    }

    fn origin(&self, span: Range<usize>) -> Origin {
        Origin {
            path: self.path.to_path_buf(),
            line: self.source[..span.start.min(self.source.len())]
                .matches('\n')
                .count()
                + 1,
        }
    }

    fn sourced(&self, value: &Spanned<String>) -> Sourced<String> {
        Sourced {
            value: value.get_ref().clone(),
            origin: Some(self.origin(value.span())),
        }
    }

    /// `[rules]`, each key a known rule or family (those of this file's `rule_dirs` and of
    /// the configs it extends count).
    fn settings(
        &self,
        rules: BTreeMap<Spanned<String>, Setting>,
        registry: &Registry,
    ) -> Result<Settings, TomlError> {
        let mut settings = HashMap::new();
        for (key, setting) in rules {
            let selector = RuleSelector::known(key.get_ref(), registry).map_err(|message| {
                let message = message.framed(
                    "{}（wenlint rules 列出全部规则）",
                    "{} (`wenlint rules` lists them)",
                );
                self.error(key.span(), message)
            })?;
            let origin = Some(self.origin(key.span()));
            settings.insert(
                selector,
                Sourced {
                    value: setting,
                    origin,
                },
            );
        }
        Ok(settings)
    }

    /// `globs` and then `patterns`, checked and anchored at this file's directory.
    fn globs(&self, globs: Globs, patterns: &[Spanned<String>]) -> Result<Globs, TomlError> {
        let set = self.glob_set(patterns)?;
        let written = patterns.iter().map(|p| self.sourced(p)).collect();
        Ok(globs.with(&self.root, written, set))
    }

    fn glob_set(&self, patterns: &[Spanned<String>]) -> Result<GlobSet, TomlError> {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            let glob = glob(pattern.get_ref()).map_err(|e| {
                self.error(
                    pattern.span(),
                    Text::new(
                        format!("无效的 glob：{}", e.kind()),
                        format!("invalid glob: {}", e.kind()),
                    ),
                )
            })?;
            builder.add(glob);
        }
        builder.build().map_err(|e| {
            self.error(
                0..0,
                Text::new(format!("无效的 glob：{e}"), format!("invalid globs: {e}")),
            )
        })
    }

    /// Checks `[document]`: a level must be one of [`SELF_LEVELS`], a region a known division.
    fn document(&self, raw: RawProfile) -> Result<DocumentSettings, TomlError> {
        if let Some(level) = &raw.level {
            if !SELF_LEVELS.contains(&level.get_ref().as_str()) {
                let (name, levels) = (level.get_ref(), SELF_LEVELS.join(" "));
                let message = Text::new(
                    format!("没有 `{name}` 这一层级：请用 {levels} 之一"),
                    format!("unknown level `{name}`: use one of {levels}"),
                );
                return Err(self.error(level.span(), message));
            }
        }
        if let Some(region) = &raw.region {
            if let Err(message) = crate::rules::place::check_region_name(region.get_ref()) {
                return Err(self.error(region.span(), message));
            }
        }
        Ok(DocumentSettings {
            level: raw.level.as_ref().map(|l| self.sourced(l)),
            region: raw.region.as_ref().map(|r| self.sourced(r)),
            allow: raw.allow.iter().map(|a| self.sourced(a)).collect(),
        })
    }

    /// Checks an `[[ignore]]` entry: it must say what it ignores, name a known rule, and hold
    /// a valid glob and regex.
    fn ignore(&self, entry: Spanned<RawIgnore>, registry: &Registry) -> Result<Ignore, TomlError> {
        let table = entry.span();
        let raw = entry.into_inner();
        let anchor = [raw.path.as_ref(), raw.rule.as_ref(), raw.regex.as_ref()]
            .into_iter()
            .flatten()
            .map(Spanned::span)
            .next()
            .unwrap_or(table);
        if raw.rule.is_none() && raw.text.is_none() && raw.regex.is_none() {
            let message = Text::new(
                "[[ignore]] 条目至少要有 `rule`、`text` 或 `regex` 之一",
                "an [[ignore]] entry needs `rule`, `text` or `regex`",
            );
            return Err(self.error(anchor, message));
        }
        let rule = raw
            .rule
            .as_ref()
            .map(|rule| {
                RuleSelector::known(rule.get_ref(), registry)
                    .map_err(|message| self.error(rule.span(), message))
            })
            .transpose()?;
        let path = raw
            .path
            .as_ref()
            .map(|p| {
                let set = self.glob_set(std::slice::from_ref(p))?;
                Ok::<_, TomlError>((p.get_ref().clone(), self.root.clone(), set))
            })
            .transpose()?;
        let regex = raw
            .regex
            .as_ref()
            .map(|r| {
                regex::Regex::new(r.get_ref()).map_err(|e| {
                    self.error(
                        r.span(),
                        Text::new(
                            format!("无效的正则表达式：{e}"),
                            format!("invalid regex: {e}"),
                        ),
                    )
                })
            })
            .transpose()?;
        Ok(Ignore {
            path,
            rule,
            text: raw.text,
            regex,
            file: self.path.to_path_buf(),
            line: self.origin(anchor).line,
        })
    }

    /// Adds the packs of this file's `rule_dirs` to those it inherits, and says whether it
    /// added any. A folder the chain has already read is not read again: its rules would
    /// clash with themselves.
    fn add_rule_dirs(
        &self,
        written: &[Spanned<String>],
        dirs: &mut Vec<RuleDir>,
        packs: &mut Vec<(PathBuf, String)>,
    ) -> Result<bool, TomlError> {
        let mut added = false;
        for dir in written {
            let full = lexical(&self.root.join(dir.get_ref()));
            if dirs.iter().any(|known| same_dir(&known.full, &full)) {
                continue;
            }
            packs.extend(self.read_rule_dir(&full, dir.span())?);
            dirs.push(RuleDir {
                written: self.sourced(dir),
                full,
            });
            added = true;
        }
        Ok(added)
    }

    /// The `*.toml` files of a rule dir, read in name order.
    fn read_rule_dir(
        &self,
        full: &Path,
        span: Range<usize>,
    ) -> Result<Vec<(PathBuf, String)>, TomlError> {
        let entries = std::fs::read_dir(full).map_err(|e| {
            let message = Text::new(
                format!("无法读取规则目录 `{}`：{e}", full.display()),
                format!("cannot read rule dir `{}`: {e}", full.display()),
            );
            self.error(span, message)
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|file| match std::fs::read_to_string(&file) {
                Ok(text) => Ok((file, text)),
                Err(e) => Err(TomlError::new(
                    &file,
                    "",
                    None,
                    Text::new(
                        format!("无法读取规则包：{e}"),
                        format!("cannot read rule pack: {e}"),
                    ),
                )),
            })
            .collect()
    }
}

/// Whether two paths name one folder, links and all.
fn same_dir(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A set of globs that are known to be valid (the defaults).
pub(super) fn set_of<'a>(
    patterns: impl Iterator<Item = &'a str>,
) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(glob(pattern)?);
    }
    builder.build()
}

/// A glob that ignores case: drafts saved on Windows are `通知.TXT` and `讲话.DOCX` as often as
/// `.txt`, and a folder named `Archive` is the same folder to its owner as `archive`.
fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern).case_insensitive(true).build()
}
