//! `wenlint.toml`: finding it, reading it, and answering "is this rule on, and how loud?".
//!
//! The config that applies to a file is the nearest `wenlint.toml` (or `.wenlint.toml`) in the
//! file's directory or above it, unless `--config` names one for the whole run. A config is
//! small and flat:
//!
//! ```toml
//! include = ["*.txt", "*.md"]       # which files a directory walk lints (default)
//! exclude = ["archive/**"]          # never lint these, even when named on the command line
//! rule_dirs = ["house-rules"]       # more rule packs, same format as the built-in `rules/`
//! cross_file = true                 # report paragraphs shared between the files of a run
//!
//! [rules]
//! placeholder = "error"             # a whole family: off, on, error, warning or info
//! "placeholder/name" = "off"        # one rule; a rule's own setting beats its family's
//! ```
//!
//! Every mistake (unknown key, unknown rule, bad glob, bad regex in a pack) is an error that
//! points at its line; a config with a mistake is not half-applied.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::error::TomlError;
use crate::rules::{Registry, RuleMeta, RuleSelector};

/// The file names a config may have, in order of preference within one directory.
pub const CONFIG_NAMES: [&str; 2] = ["wenlint.toml", ".wenlint.toml"];

/// What a directory walk lints when the config says nothing.
const DEFAULT_INCLUDE: [&str; 3] = ["*.txt", "*.md", "*.docx"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
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
    #[serde(default)]
    cross_file: bool,
    #[serde(default)]
    ignore: Vec<RawIgnore>,
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

/// One `[[ignore]]` entry: a finding is ignored when every condition given holds — its file
/// matches `path` (a glob, as in `include`), its rule is `rule` or in that family, and its
/// flagged text or the sentence around it contains `text` or matches `regex`.
pub struct Ignore {
    path: Option<GlobSet>,
    rule: Option<RuleSelector>,
    text: Option<String>,
    regex: Option<regex::Regex>,
    /// The line of the config where the entry starts, for the unused-suppression report.
    pub line: usize,
}

/// `[document]`: what the documents under this config are, when the text alone cannot say.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    level: Option<Spanned<String>>,
    region: Option<Spanned<String>>,
    #[serde(default)]
    allow: Vec<String>,
}

pub use crate::rules::profile::{Profile, SELF_LEVELS};

/// A rule's or a family's setting in `[rules]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Setting {
    Off,
    On,
    Error,
    Warning,
    Info,
}

/// A loaded config, ready to answer questions about files and rules.
pub struct Config {
    /// The config file, or `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// Where relative globs and `rule_dirs` start: the config file's directory.
    root: PathBuf,
    include: GlobSet,
    exclude: GlobSet,
    /// Settings of rules and families; a rule's beats its family's.
    settings: HashMap<RuleSelector, Setting>,
    /// The built-in rules plus those of `rule_dirs`.
    pub registry: Registry,
    /// `[document]`.
    pub profile: Profile,
    /// Whether the files under this config join the run's cross-file duplicate index.
    pub cross_file: bool,
    /// `[[ignore]]`, in order.
    pub ignores: Vec<Ignore>,
}

impl Config {
    /// The defaults, used where no config file is found. `root` anchors the default globs.
    pub fn defaults(root: &Path) -> Config {
        Config {
            path: None,
            root: root.to_path_buf(),
            include: globs(DEFAULT_INCLUDE.iter().copied()).expect("default globs are valid"),
            exclude: GlobSet::empty(),
            settings: HashMap::new(),
            registry: Registry::builtin().clone(),
            profile: Profile::default(),
            cross_file: false,
            ignores: Vec::new(),
        }
    }

    /// Reads and checks the config file at `path`.
    /// Reads a config file: UTF-8 as TOML wants, or GB18030/GBK, which is what Notepad on a
    /// Chinese Windows saves as "ANSI".
    pub fn load(path: &Path) -> Result<Config, TomlError> {
        let bytes = std::fs::read(path)
            .map_err(|e| TomlError::new(path, "", None, format!("cannot read config: {e}")))?;
        let source = crate::read::decode(&bytes).map_err(|e| {
            let message = format!("cannot read config: it {e}; save it as UTF-8");
            TomlError::new(path, "", None, message)
        })?;
        Config::parse(path, &source.text)
    }

    /// Checks a config's text; `path` locates `rule_dirs` and names the file in errors.
    pub fn parse(path: &Path, source: &str) -> Result<Config, TomlError> {
        let raw: RawConfig =
            toml::from_str(source).map_err(|e| TomlError::from_toml(path, source, &e))?;
        let root = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let located = |span, message: String| TomlError::new(path, source, Some(span), message);

        let registry = Registry::with_packs(&read_rule_dirs(&root, &raw.rule_dirs, &located)?)?;
        let include = match &raw.include {
            Some(patterns) => spanned_globs(patterns, &located)?,
            None => globs(DEFAULT_INCLUDE.iter().copied()).expect("default globs are valid"),
        };
        let exclude = spanned_globs(&raw.exclude, &located)?;
        let mut settings = HashMap::new();
        for (key, setting) in raw.rules {
            let selector = RuleSelector::known(key.get_ref(), &registry).map_err(|message| {
                located(
                    key.span(),
                    format!("{message} (`wenlint rules` lists them)"),
                )
            })?;
            settings.insert(selector, setting);
        }
        let profile = profile(raw.document, &located)?;
        let ignores = raw
            .ignore
            .into_iter()
            .map(|entry| ignore(entry, &registry, source, &located))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Config {
            path: Some(path.to_path_buf()),
            root,
            include,
            exclude,
            settings,
            registry,
            profile,
            cross_file: raw.cross_file,
            ignores,
        })
    }

    /// The severity a rule reports at under this config, or `None` when it is off.
    pub fn severity_of(&self, rule: &RuleMeta) -> Option<Severity> {
        let setting = self
            .settings
            .get(&RuleSelector::Rule(rule.id.to_string()))
            .or_else(|| {
                self.settings
                    .get(&RuleSelector::Family(rule.family().to_string()))
            })
            .copied()
            .unwrap_or(Setting::On);
        match setting {
            Setting::Off => None,
            Setting::On => Some(rule.severity),
            Setting::Error => Some(Severity::Error),
            Setting::Warning => Some(Severity::Warning),
            Setting::Info => Some(Severity::Info),
        }
    }

    /// The severity the rule `id` reports at under this config; `None` when it is off or
    /// there is no such rule.
    pub fn severity_of_id(&self, id: &str) -> Option<Severity> {
        self.registry
            .get(id)
            .and_then(|rule| self.severity_of(rule.meta()))
    }

    /// Whether a directory walk should lint `path`.
    pub fn includes(&self, path: &Path) -> bool {
        self.matches(&self.include, path)
    }

    /// Whether `path` is excluded, even when named explicitly.
    pub fn excludes(&self, path: &Path) -> bool {
        self.matches(&self.exclude, path)
    }

    /// The first `[[ignore]]` entry that silences a finding of `rule` in `path`, flagging
    /// `flagged` in `sentence`.
    pub fn ignored_by(
        &self,
        path: &Path,
        rule: &str,
        flagged: &str,
        sentence: &str,
    ) -> Option<usize> {
        self.ignores.iter().position(|i| {
            i.path.as_ref().is_none_or(|set| self.matches(set, path))
                && i.rule.as_ref().is_none_or(|r| r.selects(rule))
                && i.text
                    .as_ref()
                    .is_none_or(|t| flagged.contains(t.as_str()) || sentence.contains(t.as_str()))
                && i.regex
                    .as_ref()
                    .is_none_or(|r| r.is_match(flagged) || r.is_match(sentence))
        })
    }

    /// Globs match the path relative to the config's directory, or just the file name, so that
    /// `*.md` means Markdown files anywhere and `archive/**` one folder.
    fn matches(&self, set: &GlobSet, path: &Path) -> bool {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = absolute.strip_prefix(&self.root).unwrap_or(path);
        set.is_match(relative) || path.file_name().is_some_and(|name| set.is_match(name))
    }
}

/// Checks an `[[ignore]]` entry: it must say what it ignores, name a known rule, and hold a
/// valid glob and regex.
fn ignore(
    raw: RawIgnore,
    registry: &Registry,
    source: &str,
    located: &dyn Fn(std::ops::Range<usize>, String) -> TomlError,
) -> Result<Ignore, TomlError> {
    let anchor = [raw.path.as_ref(), raw.rule.as_ref(), raw.regex.as_ref()]
        .into_iter()
        .flatten()
        .map(Spanned::span)
        .next();
    if raw.rule.is_none() && raw.text.is_none() && raw.regex.is_none() {
        let message = "an [[ignore]] entry needs `rule`, `text` or `regex`".to_string();
        return Err(located(anchor.unwrap_or(0..0), message));
    }
    let rule = raw
        .rule
        .as_ref()
        .map(|rule| {
            RuleSelector::known(rule.get_ref(), registry)
                .map_err(|message| located(rule.span(), message))
        })
        .transpose()?;
    let path = raw
        .path
        .as_ref()
        .map(|p| spanned_globs(std::slice::from_ref(p), located))
        .transpose()?;
    let regex = raw
        .regex
        .as_ref()
        .map(|r| {
            regex::Regex::new(r.get_ref())
                .map_err(|e| located(r.span(), format!("invalid regex: {e}")))
        })
        .transpose()?;
    let line = anchor.map_or(1, |span| source[..span.start].matches('\n').count() + 1);
    Ok(Ignore {
        path,
        rule,
        text: raw.text,
        regex,
        line,
    })
}

/// Checks `[document]`: a level must be one of [`SELF_LEVELS`], a region a known division.
fn profile(
    raw: RawProfile,
    located: &dyn Fn(std::ops::Range<usize>, String) -> TomlError,
) -> Result<Profile, TomlError> {
    if let Some(level) = &raw.level {
        if !SELF_LEVELS.contains(&level.get_ref().as_str()) {
            let message = format!(
                "unknown level `{}`: use one of {}",
                level.get_ref(),
                SELF_LEVELS.join(" ")
            );
            return Err(located(level.span(), message));
        }
    }
    if let Some(region) = &raw.region {
        if let Err(message) = crate::rules::place::check_region_name(region.get_ref()) {
            return Err(located(region.span(), message));
        }
    }
    Ok(Profile {
        level: raw.level.map(Spanned::into_inner),
        region: raw.region.map(Spanned::into_inner),
        allow: raw.allow,
    })
}

fn globs<'a>(patterns: impl Iterator<Item = &'a str>) -> Result<GlobSet, globset::Error> {
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

fn spanned_globs(
    patterns: &[Spanned<String>],
    located: &dyn Fn(std::ops::Range<usize>, String) -> TomlError,
) -> Result<GlobSet, TomlError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = glob(pattern.get_ref())
            .map_err(|e| located(pattern.span(), format!("invalid glob: {}", e.kind())))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| located(0..0, format!("invalid globs: {e}")))
}

/// The `*.toml` files of every rule dir, read in name order.
fn read_rule_dirs(
    root: &Path,
    dirs: &[Spanned<String>],
    located: &dyn Fn(std::ops::Range<usize>, String) -> TomlError,
) -> Result<Vec<(PathBuf, String)>, TomlError> {
    let mut packs = Vec::new();
    for dir in dirs {
        let full = root.join(dir.get_ref());
        let entries = std::fs::read_dir(&full).map_err(|e| {
            located(
                dir.span(),
                format!("cannot read rule dir `{}`: {e}", full.display()),
            )
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                TomlError::new(&file, "", None, format!("cannot read rule pack: {e}"))
            })?;
            packs.push((file, text));
        }
    }
    Ok(packs)
}

/// Finds and loads the config of each file, once per directory and once per config file.
pub struct Configs {
    /// Set by `--config`: one config for every file.
    fixed: Option<Arc<Config>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: BTreeMap<PathBuf, Result<Arc<Config>, TomlError>>,
    defaults: Arc<Config>,
}

/// Why a file has no config to lint under.
pub enum ConfigProblem {
    /// The config's error, reported the first time only; later files under it are skipped.
    Invalid(TomlError),
    AlreadyReported,
}

impl Configs {
    /// With `fixed`, every file uses that config; otherwise each finds its own.
    pub fn new(fixed: Option<Config>, cwd: &Path) -> Configs {
        Configs {
            fixed: fixed.map(Arc::new),
            by_dir: HashMap::new(),
            loaded: BTreeMap::new(),
            defaults: Arc::new(Config::defaults(cwd)),
        }
    }

    /// The config for a file in directory `dir`.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, ConfigProblem> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let Some(path) = self.find(dir) else {
            return Ok(self.defaults.clone());
        };
        if let Some(result) = self.loaded.get(&path) {
            return result.clone().map_err(|_| ConfigProblem::AlreadyReported);
        }
        let result = Config::load(&path).map(Arc::new);
        self.loaded.insert(path, result.clone());
        result.map_err(ConfigProblem::Invalid)
    }

    fn find(&mut self, dir: &Path) -> Option<PathBuf> {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        if let Some(found) = self.by_dir.get(&dir) {
            return found.clone();
        }
        let found = CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
            .or_else(|| dir.parent().and_then(|parent| self.find(parent)));
        self.by_dir.insert(dir, found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Result<Config, TomlError> {
        Config::parse(Path::new("/project/wenlint.toml"), source)
    }

    fn marker() -> RuleMeta {
        Registry::builtin()
            .get("placeholder/marker")
            .expect("placeholder/marker is built in")
            .meta()
            .clone()
    }

    #[test]
    fn rule_setting_beats_family_setting() {
        let config =
            parse("[rules]\n\"placeholder/marker\" = \"info\"\nplaceholder = \"off\"\n").unwrap();
        assert_eq!(config.severity_of(&marker()), Some(Severity::Info));
        let config = parse("[rules]\nplaceholder = \"off\"\n").unwrap();
        assert_eq!(config.severity_of(&marker()), None);
        let config = parse("").unwrap();
        assert_eq!(config.severity_of(&marker()), Some(marker().severity));
    }

    #[test]
    fn unknown_rule_points_at_the_key() {
        let source = "[rules]\n\"placeholder/markr\" = \"off\"\n";
        let e = parse(source).err().unwrap();
        assert!(e
            .message
            .contains("unknown rule or family `placeholder/markr`"));
        assert_eq!(&source[e.span.unwrap()], "\"placeholder/markr\"");
    }

    #[test]
    fn unknown_key_and_bad_value_are_located() {
        let e = parse("exclud = []\n").err().unwrap();
        assert!(
            e.message.contains("unknown field `exclud`"),
            "{}",
            e.message
        );
        assert_eq!(e.span, Some(0..6));
        let e = parse("[rules]\nplaceholder = \"loud\"\n").err().unwrap();
        assert!(e.to_string().starts_with("/project/wenlint.toml:2:"), "{e}");
    }

    #[test]
    fn bad_glob_points_at_the_glob() {
        let source = "exclude = [\"a/[b\"]\n";
        let e = parse(source).err().unwrap();
        assert!(e.message.starts_with("invalid glob"), "{}", e.message);
        assert_eq!(&source[e.span.unwrap()], "\"a/[b\"");
    }

    #[test]
    fn globs_match_relative_paths_and_names() {
        let config = parse("exclude = [\"archive/**\", \"draft-*.txt\"]\n").unwrap();
        assert!(config.excludes(Path::new("/project/archive/2020/a.txt")));
        assert!(config.excludes(Path::new("/project/x/draft-1.txt")));
        assert!(!config.excludes(Path::new("/project/x/final.txt")));
        assert!(config.includes(Path::new("/project/x/final.md")));
        assert!(config.includes(Path::new("/project/x/final.docx")));
        assert!(!config.includes(Path::new("/project/x/final.doc")));
        assert!(config.includes(Path::new("/project/x/通知.TXT")));
        assert!(config.includes(Path::new("/project/x/讲话.Docx")));
        assert!(config.excludes(Path::new("/project/Archive/2020/a.txt")));
    }
}
