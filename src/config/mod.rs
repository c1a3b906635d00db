//! `wenlint.toml`: finding it, reading it, and answering "is this rule on, and how loud?".
//!
//! The config that applies to a file is the nearest `wenlint.toml` (or `.wenlint.toml`) in the
//! file's directory or above it, unless `--config` names one for the whole run. A config is
//! small and flat:
//!
//! ```toml
//! extend = "../wenlint.toml"        # start from this config, then apply the lines below
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
//! points at its line, in the file that has it; a config with a mistake is not half-applied.
//! `parse` checks one file and lays it over what it extends; `extend` reads the chain (and
//! finds cycles); [`layer`] here decides how a child's `[rules]` meet its parent's.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, LazyLock, OnceLock};

use globset::GlobSet;
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::error::TomlError;
use crate::rules::{family_of, Registry, Rule, RuleMeta, RuleSelector};

mod extend;
mod parse;

/// The file names a config may have, in order of preference within one directory.
pub const CONFIG_NAMES: [&str; 2] = ["wenlint.toml", ".wenlint.toml"];

/// What a directory walk lints when the config says nothing.
const DEFAULT_INCLUDE: [&str; 5] = ["*.txt", "*.md", "*.docx", "*.doc", "*.wps"];

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

impl Setting {
    /// The word a config writes for it.
    pub fn name(self) -> &'static str {
        match self {
            Setting::Off => "off",
            Setting::On => "on",
            Setting::Error => "error",
            Setting::Warning => "warning",
            Setting::Info => "info",
        }
    }
}

/// Where a value was written: a config file and the line of the key or value. `wenlint config`
/// shows it, so that a setting nobody remembers writing can be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: PathBuf,
    pub line: usize,
}

/// A value and where it was written; `origin` is `None` for a built-in default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Option<Origin>,
}

/// Globs as written, each matched relative to the directory of the config that wrote it: a
/// parent's `archive/**` means the parent's `archive` folder, also for its children.
#[derive(Clone)]
pub struct Globs {
    written: Vec<Sourced<String>>,
    /// One set per config that wrote globs, with that config's directory.
    sets: Vec<(PathBuf, Set)>,
}

/// The globs of one config, compiled: the default `include`'s are compiled when a walk first
/// matches a path (a run over the files named on its command line, as a pre-commit hook's,
/// never does, and compiling them was a twentieth of a one-line draft's run).
#[derive(Clone)]
enum Set {
    Default,
    Written(GlobSet),
}

static DEFAULT_SET: LazyLock<GlobSet> = LazyLock::new(|| {
    parse::set_of(DEFAULT_INCLUDE.iter().copied()).expect("default globs are valid")
});

impl Set {
    fn get(&self) -> &GlobSet {
        match self {
            Set::Default => &DEFAULT_SET,
            Set::Written(set) => set,
        }
    }
}

impl Globs {
    fn empty() -> Globs {
        Globs {
            written: Vec::new(),
            sets: Vec::new(),
        }
    }

    /// The default `include`, anchored at `root`.
    fn defaults(root: &Path) -> Globs {
        let patterns = DEFAULT_INCLUDE.iter().map(|p| Sourced {
            value: p.to_string(),
            origin: None,
        });
        Globs::empty().with_set(root, patterns.collect(), Set::Default)
    }

    /// These globs and then `more`, which the config in directory `root` wrote.
    fn with(self, root: &Path, more: Vec<Sourced<String>>, set: GlobSet) -> Globs {
        self.with_set(root, more, Set::Written(set))
    }

    fn with_set(mut self, root: &Path, more: Vec<Sourced<String>>, set: Set) -> Globs {
        if !more.is_empty() {
            self.written.extend(more);
            self.sets.push((root.to_path_buf(), set));
        }
        self
    }

    /// The globs as written, in order (a parent's before its child's).
    pub fn written(&self) -> &[Sourced<String>] {
        &self.written
    }

    fn matches(&self, path: &Path) -> bool {
        self.sets
            .iter()
            .any(|(root, set)| matches(root, set.get(), path))
    }
}

/// Globs match the path relative to the config's directory, or just the file name, so that
/// `*.md` means Markdown files anywhere and `archive/**` one folder.
fn matches(root: &Path, set: &GlobSet, path: &Path) -> bool {
    // The name first: the default globs match most files by it, and making the path absolute
    // and taking the root off asked the system for the current directory and compared the
    // paths component by component, four thousand instructions a file of a walk.
    if path.file_name().is_some_and(|name| set.is_match(name)) {
        return true;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = absolute.strip_prefix(root).unwrap_or(path);
    set.is_match(relative)
}

/// One `[[ignore]]` entry: a finding is ignored when every condition given holds — its file
/// matches `path` (a glob, as in `include`), its rule is `rule` or in that family, and its
/// flagged text or the sentence around it contains `text` or matches `regex`.
pub struct Ignore {
    /// The glob as written, and the directory of the config that wrote it.
    path: Option<(String, PathBuf, GlobSet)>,
    rule: Option<RuleSelector>,
    text: Option<String>,
    regex: Option<regex::Regex>,
    /// The config that wrote the entry: its own file, or one it extends.
    pub file: PathBuf,
    /// The line of that file that names the entry, for the unused-suppression report: its
    /// `path`, `rule` or `regex`, else its `[[ignore]]` header.
    pub line: usize,
}

impl Ignore {
    /// The entry's conditions as written, `key = value` each, for `wenlint config`.
    pub fn conditions(&self) -> Vec<(&'static str, String)> {
        let mut conditions = Vec::new();
        if let Some((glob, _, _)) = &self.path {
            conditions.push(("path", glob.clone()));
        }
        if let Some(rule) = &self.rule {
            conditions.push(("rule", rule.to_string()));
        }
        if let Some(text) = &self.text {
            conditions.push(("text", text.clone()));
        }
        if let Some(regex) = &self.regex {
            conditions.push(("regex", regex.as_str().to_string()));
        }
        conditions
    }

    fn ignores(&self, path: &Path, rule: &str, flagged: &str, sentence: &str) -> bool {
        let found = |t: &str| flagged.contains(t) || sentence.contains(t);
        self.path
            .as_ref()
            .is_none_or(|(_, root, set)| matches(root, set, path))
            && self.rule.as_ref().is_none_or(|r| r.selects(rule))
            && self.text.as_deref().is_none_or(found)
            && self
                .regex
                .as_ref()
                .is_none_or(|r| r.is_match(flagged) || r.is_match(sentence))
    }
}

/// `[document]` as written, each field with where it was written.
#[derive(Debug, Clone, Default)]
pub struct DocumentSettings {
    pub level: Option<Sourced<String>>,
    pub region: Option<Sourced<String>>,
    pub allow: Vec<Sourced<String>>,
}

impl DocumentSettings {
    /// These settings under a child's: the child's level and region where it sets them, and
    /// the allowed phrases of both.
    fn under(mut self, child: DocumentSettings) -> DocumentSettings {
        self.level = child.level.or(self.level);
        self.region = child.region.or(self.region);
        self.allow.extend(child.allow);
        self
    }

    fn profile(&self) -> Profile {
        Profile {
            level: self.level.as_ref().map(|l| l.value.clone()),
            region: self.region.as_ref().map(|r| r.value.clone()),
            allow: self.allow.iter().map(|a| a.value.clone()).collect(),
        }
    }
}

/// A rule dir as written, its full path and where it was written.
#[derive(Debug, Clone)]
pub struct RuleDir {
    pub written: Sourced<String>,
    full: PathBuf,
}

/// The `[rules]` settings in effect, by the rule or family they name.
type Settings = HashMap<RuleSelector, Sourced<Setting>>;

/// A child's `[rules]` laid over its parent's. Each key the child sets replaces the parent's,
/// and a family the child sets also replaces the parent's settings of that family's rules: the
/// nearer config decides, and only within one config does a rule's setting beat its family's.
/// So a parent's `"placeholder/name" = "off"` does not quietly survive a child's
/// `placeholder = "error"` (ruff resolves `select` and `ignore` config by config in the same
/// way); a child that wants the exception writes it again.
fn layer(mut inherited: Settings, own: Settings) -> Settings {
    let families: HashSet<&str> = own
        .keys()
        .filter_map(|selector| match selector {
            RuleSelector::Family(family) => Some(family.as_str()),
            RuleSelector::Rule(_) => None,
        })
        .collect();
    inherited.retain(|selector, _| match selector {
        RuleSelector::Rule(id) => !families.contains(family_of(id)),
        RuleSelector::Family(_) => true,
    });
    inherited.extend(own);
    inherited
}

/// `path` made absolute with `.` and `..` folded away, so that messages and `wenlint config`
/// name each file of a chain one way.
pub(crate) fn lexical(path: &Path) -> PathBuf {
    match std::env::current_dir() {
        Ok(cwd) => lexically_absolute(&cwd, path),
        Err(_) => lexically_absolute(Path::new(""), path),
    }
}

/// `path` made absolute against `cwd`, with `.` dropped and `..` taken back a folder, without
/// asking the file system (the file may not exist: standard input has only a name).
pub(crate) fn lexically_absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

/// A loaded config, ready to answer questions about files and rules.
pub struct Config {
    /// The config file, or `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// The files read, nearest first: the config file, then the one it extends, and so on.
    pub chain: Vec<PathBuf>,
    include: Globs,
    exclude: Globs,
    rule_dirs: Vec<RuleDir>,
    /// The rule packs of `rule_dirs`, kept to build a child's registry on top of them.
    packs: Vec<(PathBuf, String)>,
    /// Settings of rules and families; a rule's beats its family's.
    settings: Settings,
    /// The built-in rules plus those of `rule_dirs`.
    pub registry: Registry,
    document: DocumentSettings,
    /// `[document]`, as the rules read it.
    pub profile: Profile,
    /// Whether the files under this config join the run's cross-file duplicate index.
    pub cross_file: bool,
    cross_file_origin: Option<Origin>,
    /// `[[ignore]]`, in order (a parent's before its child's).
    pub ignores: Vec<Ignore>,
    /// The rules this config runs, with their severities: decided once, where a run asked
    /// again for each file (two selectors made and looked up for every rule).
    enabled: OnceLock<Vec<(Arc<dyn Rule>, Severity)>>,
}

impl Config {
    /// The defaults, used where no config file is found. `root` anchors the default globs.
    pub fn defaults(root: &Path) -> Config {
        Config {
            path: None,
            chain: Vec::new(),
            include: Globs::defaults(root),
            exclude: Globs::empty(),
            rule_dirs: Vec::new(),
            packs: Vec::new(),
            settings: HashMap::new(),
            registry: Registry::builtin().clone(),
            document: DocumentSettings::default(),
            profile: Profile::default(),
            cross_file: false,
            cross_file_origin: None,
            ignores: Vec::new(),
            enabled: OnceLock::new(),
        }
    }

    /// Reads a config file: UTF-8 as TOML wants, or GB18030/GBK, which is what Notepad on a
    /// Chinese Windows saves as "ANSI"; then the configs it extends.
    pub fn load(path: &Path) -> Result<Config, TomlError> {
        extend::Chain::default().load(path)
    }

    /// Checks a config's text and reads the configs it extends; `path` locates `rule_dirs`
    /// and `extend` and names the file in errors.
    pub fn parse(path: &Path, source: &str) -> Result<Config, TomlError> {
        extend::Chain::default().parse(path, source)
    }

    /// The severity a rule reports at under this config, or `None` when it is off.
    pub fn severity_of(&self, rule: &RuleMeta) -> Option<Severity> {
        let setting = self
            .decided_by(rule)
            .map_or(Setting::On, |(_, setting)| setting.value);
        match setting {
            Setting::Off => None,
            Setting::On => Some(rule.severity),
            Setting::Error => Some(Severity::Error),
            Setting::Warning => Some(Severity::Warning),
            Setting::Info => Some(Severity::Info),
        }
    }

    /// The rules this config runs, in id order, each with the severity it reports at.
    pub fn enabled_rules(&self) -> &[(Arc<dyn Rule>, Severity)] {
        self.enabled.get_or_init(|| {
            self.registry
                .iter()
                .filter_map(|rule| Some((rule.clone(), self.severity_of(rule.meta())?)))
                .collect()
        })
    }

    /// The `[rules]` setting that decides a rule's severity: the rule's own, else its
    /// family's; `None` when neither is set and the rule runs at its default.
    pub fn decided_by(&self, rule: &RuleMeta) -> Option<(&RuleSelector, &Sourced<Setting>)> {
        self.settings
            .get_key_value(&RuleSelector::Rule(rule.id.to_string()))
            .or_else(|| {
                self.settings
                    .get_key_value(&RuleSelector::Family(rule.family().to_string()))
            })
    }

    /// The severity the rule `id` reports at under this config; `None` when it is off or
    /// there is no such rule.
    pub fn severity_of_id(&self, id: &str) -> Option<Severity> {
        // Asked for every file (suppressions, cross-file fingerprints): read from the rules
        // the config runs, which are in id order.
        let enabled = self.enabled_rules();
        let at = enabled
            .binary_search_by(|(rule, _)| rule.meta().id.as_ref().cmp(id))
            .ok()?;
        Some(enabled[at].1)
    }

    /// Every `[rules]` setting in effect, in the order of the names they select.
    pub fn settings(&self) -> Vec<(&RuleSelector, &Sourced<Setting>)> {
        let mut settings: Vec<_> = self.settings.iter().collect();
        settings.sort_by_key(|(selector, _)| selector.to_string());
        settings
    }

    pub fn include(&self) -> &Globs {
        &self.include
    }

    pub fn exclude(&self) -> &Globs {
        &self.exclude
    }

    pub fn rule_dirs(&self) -> &[RuleDir] {
        &self.rule_dirs
    }

    pub fn document(&self) -> &DocumentSettings {
        &self.document
    }

    /// Where `cross_file` was set, `None` when it is the default (off).
    pub fn cross_file_origin(&self) -> Option<&Origin> {
        self.cross_file_origin.as_ref()
    }

    /// Whether a directory walk should lint `path`.
    pub fn includes(&self, path: &Path) -> bool {
        self.include.matches(path)
    }

    /// Whether `path` is excluded, even when named explicitly.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude.matches(path)
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
        self.ignores
            .iter()
            .position(|i| i.ignores(path, rule, flagged, sentence))
    }
}

/// Finds and loads the config of each file, once per directory and once per config file.
pub struct Configs {
    /// Set by `--config`: one config for every file.
    fixed: Option<Arc<Config>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    /// The directory last asked about, as it was written, and its config: the files of a
    /// directory come one after another in a walk, and its path made absolute for `by_dir`
    /// took a question to the system and a walk over its components for each.
    last_asked: Option<(PathBuf, Option<PathBuf>)>,
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
            last_asked: None,
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

    /// The nearest config at or above `dir`.
    fn find(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some((asked, found)) = &self.last_asked {
            if asked == dir {
                return found.clone();
            }
        }
        let found = self.find_above(dir);
        self.last_asked = Some((dir.to_path_buf(), found.clone()));
        found
    }

    /// [`Configs::find`], by the directory made absolute. The walk goes up from `dir` with
    /// `..` folded away: up from `sub/../old` is the project, not `sub`.
    fn find_above(&mut self, dir: &Path) -> Option<PathBuf> {
        let dir = lexical(dir);
        if let Some(found) = self.by_dir.get(&dir) {
            return found.clone();
        }
        let found = CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
            .or_else(|| dir.parent().and_then(|parent| self.find_above(parent)));
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
    fn a_rule_by_its_id_reports_at_the_severity_its_settings_decide() {
        for source in [
            "",
            "[rules]\nplaceholder = \"off\"\n\"placeholder/marker\" = \"info\"\n",
            "[rules]\npunct = \"error\"\nterm = \"off\"\n",
        ] {
            let config = parse(source).unwrap();
            for rule in config.registry.iter() {
                let meta = rule.meta();
                assert_eq!(
                    config.severity_of_id(&meta.id),
                    config.severity_of(meta),
                    "{}",
                    meta.id
                );
            }
            assert_eq!(config.severity_of_id("placeholder/nothing"), None);
        }
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
            .get(crate::lang::Lang::En)
            .contains("unknown rule or family `placeholder/markr`"));
        assert_eq!(&source[e.span.unwrap()], "\"placeholder/markr\"");
    }

    #[test]
    fn unknown_key_and_bad_value_are_located() {
        let e = parse("exclud = []\n").err().unwrap();
        assert!(
            e.message
                .get(crate::lang::Lang::En)
                .contains("unknown field `exclud`"),
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
        assert!(
            e.message
                .get(crate::lang::Lang::En)
                .starts_with("invalid glob"),
            "{}",
            e.message
        );
        assert_eq!(&source[e.span.unwrap()], "\"a/[b\"");
    }

    #[test]
    fn the_walk_up_folds_parent_folders_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("old")).unwrap();
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/wenlint.toml"), "").unwrap();
        let path_for = |dir: &Path| {
            let Ok(config) = Configs::new(None, dir).for_dir(&dir.join("sub/../old")) else {
                panic!("the configs are valid");
            };
            config.path.clone()
        };
        assert_eq!(path_for(dir.path()), None, "`sub` is not above `old`");
        std::fs::write(dir.path().join("wenlint.toml"), "").unwrap();
        let top = lexical(&dir.path().join("wenlint.toml"));
        assert_eq!(path_for(dir.path()), Some(top));
    }

    #[test]
    fn each_directory_asked_in_turn_gets_its_own_config() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/inner")).unwrap();
        std::fs::create_dir_all(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("a/wenlint.toml"), "").unwrap();
        std::fs::write(dir.path().join("b/.wenlint.toml"), "").unwrap();
        let mut configs = Configs::new(None, dir.path());
        let mut config_of = |sub: &str| match configs.for_dir(&dir.path().join(sub)) {
            Ok(config) => config.path.clone(),
            Err(_) => panic!("the configs are valid"),
        };
        let (a, b) = (
            Some(lexical(&dir.path().join("a/wenlint.toml"))),
            Some(lexical(&dir.path().join("b/.wenlint.toml"))),
        );
        // Asked again and again, then another, then the first again: never the answer for
        // the directory asked before.
        for (sub, expected) in [
            ("a", &a),
            ("a", &a),
            ("a/inner", &a),
            ("b", &b),
            ("b", &b),
            ("a", &a),
            ("", &None),
            ("", &None),
            ("b", &b),
        ] {
            assert_eq!(&config_of(sub), expected, "{sub:?}");
        }
    }

    #[test]
    fn globs_match_relative_paths_and_names() {
        let config = parse("exclude = [\"archive/**\", \"draft-*.txt\"]\n").unwrap();
        assert!(config.excludes(Path::new("/project/archive/2020/a.txt")));
        assert!(config.excludes(Path::new("/project/x/draft-1.txt")));
        assert!(!config.excludes(Path::new("/project/x/final.txt")));
        assert!(config.includes(Path::new("/project/x/final.md")));
        assert!(config.includes(Path::new("/project/x/final.docx")));
        assert!(config.includes(Path::new("/project/x/final.doc")));
        assert!(config.includes(Path::new("/project/x/final.WPS")));
        assert!(!config.includes(Path::new("/project/x/final.pdf")));
        assert!(config.includes(Path::new("/project/x/通知.TXT")));
        assert!(config.includes(Path::new("/project/x/讲话.Docx")));
        assert!(config.excludes(Path::new("/project/Archive/2020/a.txt")));
    }
}
