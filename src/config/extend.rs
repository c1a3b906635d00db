//! `extend = "../wenlint.toml"`: a config that starts from another one, so that a folder can
//! change a few settings of its project's config instead of copying all of it.
//!
//! The config named is read first (with what it extends in turn) and the file's own settings
//! are laid over it (see [`super::parse::apply`] for each key). In `[rules]` the nearer config
//! decides: see [`super::layer`].

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::{lexical, parse, Config};
use crate::error::TomlError;
use crate::lang::Text;

/// How many configs one chain of `extend` may hold; a deeper one is a mistake, not a design.
const MAX_DEPTH: usize = 16;

/// The configs being read, nearest first, each as shown and as its identity: to tell a cycle
/// and to bound the depth.
#[derive(Default)]
pub(super) struct Chain {
    reading: Vec<(PathBuf, PathBuf)>,
}

impl Chain {
    /// Reads the config file at `path`, then what it extends.
    pub(super) fn load(&mut self, path: &Path) -> Result<Config, TomlError> {
        let text = read(path).map_err(|unread| match unread {
            Unread::Io(e) => TomlError::new(path, "", None, cannot_read_config(&e)),
            Unread::Encoding(message) => TomlError::new(path, "", None, message),
        })?;
        self.parse(path, &text)
    }

    /// Checks a config's text and lays it over the config it extends, or the defaults.
    pub(super) fn parse(&mut self, path: &Path, source: &str) -> Result<Config, TomlError> {
        let raw = parse::read(path, source)?;
        self.reading.push((path.to_path_buf(), identity(path)));
        let base = match &raw.extend {
            Some(target) => self.parent(path, source, target),
            None => Ok(Config::defaults(&parse::root_of(path))),
        };
        self.reading.pop();
        parse::apply(base?, raw, path, source)
    }

    /// The config that `target` (the `extend` of `path`) names. A file that is missing, or
    /// already being read, is reported at the `extend` value; a mistake inside the file, in
    /// the file.
    fn parent(
        &mut self,
        path: &Path,
        source: &str,
        target: &Spanned<String>,
    ) -> Result<Config, TomlError> {
        let at = |message: Text| TomlError::new(path, source, Some(target.span()), message);
        let parent = lexical(&parse::root_of(path).join(target.get_ref()));
        let id = identity(&parent);
        if let Some(first) = self.reading.iter().position(|(_, known)| *known == id) {
            let cycle: Vec<String> = self.reading[first..]
                .iter()
                .map(|(shown, _)| shown)
                .chain([&parent])
                .map(|p| p.display().to_string())
                .collect();
            let cycle = cycle.join(" → ");
            return Err(at(Text::new(
                format!("`extend` 绕成了一个圈：{cycle}"),
                format!("`extend` makes a cycle: {cycle}"),
            )));
        }
        if self.reading.len() >= MAX_DEPTH {
            let parent = parent.display();
            return Err(at(Text::new(
                format!("`extend` 一层套一层超过了 {MAX_DEPTH} 层，在 `{parent}`"),
                format!("`extend` goes more than {MAX_DEPTH} configs deep at `{parent}`"),
            )));
        }
        let text = read(&parent).map_err(|unread| match unread {
            Unread::Io(e) => at(Text::new(
                format!("无法读取 `{}`：{e}", parent.display()),
                format!("cannot read `{}`: {e}", parent.display()),
            )),
            Unread::Encoding(message) => TomlError::new(&parent, "", None, message),
        })?;
        self.parse(&parent, &text)
    }
}

/// Why a config's text could not be had.
enum Unread {
    Io(std::io::Error),
    /// The message, which says to save the file as UTF-8.
    Encoding(Text),
}

/// A config file's text: UTF-8 as TOML wants, or GB18030/GBK, which is what Notepad on a
/// Chinese Windows saves as "ANSI".
fn read(path: &Path) -> Result<String, Unread> {
    let bytes = std::fs::read(path).map_err(Unread::Io)?;
    crate::read::decode(&bytes)
        .map(|decoded| decoded.text)
        .map_err(|e| {
            Unread::Encoding(Text::new(
                format!("无法读取配置文件：{}；请另存为 UTF-8", e.chinese()),
                format!("cannot read config: it {e}; save it as UTF-8"),
            ))
        })
}

/// Why a config file could not be read.
fn cannot_read_config(e: &std::io::Error) -> Text {
    Text::new(
        format!("无法读取配置文件：{e}"),
        format!("cannot read config: {e}"),
    )
}

/// One name per file, however it is reached (links, `..`), to tell a cycle.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| lexical(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::rules::Registry;

    /// Writes `files` (name, text) into a new temporary folder.
    fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn severity(config: &Config, id: &str) -> Option<Severity> {
        let rule = Registry::builtin().get(id).expect("a built-in rule");
        config.severity_of(rule.meta())
    }

    const PARENT: &str = "wenlint.toml";
    const CHILD: &str = "sub/wenlint.toml";

    /// The child config of a tree with a parent at the top and a child in `sub/`.
    fn child_of(parent: &str, child: &str) -> (tempfile::TempDir, Config) {
        let dir = tree(&[(PARENT, parent), (CHILD, child)]);
        let config = Config::load(&dir.path().join(CHILD)).unwrap();
        (dir, config)
    }

    #[test]
    fn a_child_inherits_the_rules_it_does_not_set_and_overrides_the_rest() {
        let (_dir, config) = child_of(
            "[rules]\nplaceholder = \"off\"\nnumbering = \"error\"\n",
            "extend = \"../wenlint.toml\"\n[rules]\nnumbering = \"info\"\n",
        );
        assert_eq!(severity(&config, "placeholder/marker"), None);
        assert_eq!(severity(&config, "numbering/style"), Some(Severity::Info));
        assert_eq!(severity(&config, "term/typo"), Some(Severity::Warning));
    }

    #[test]
    fn a_childs_family_setting_beats_its_parents_rule_setting() {
        let (_dir, config) = child_of(
            "[rules]\n\"placeholder/name\" = \"off\"\n\"numbering/style\" = \"off\"\n",
            "extend = \"../wenlint.toml\"\n[rules]\nplaceholder = \"error\"\n",
        );
        assert_eq!(severity(&config, "placeholder/name"), Some(Severity::Error));
        // A family the child does not set keeps the parent's rule settings.
        assert_eq!(severity(&config, "numbering/style"), None);
        let rule = Registry::builtin().get("placeholder/name").unwrap().meta();
        let (selector, setting) = config.decided_by(rule).unwrap();
        assert_eq!(selector.to_string(), "placeholder");
        assert_eq!(setting.origin.as_ref().unwrap().line, 3);
    }

    #[test]
    fn a_childs_rule_setting_beats_its_parents_family_setting() {
        let (_dir, config) = child_of(
            "[rules]\nplaceholder = \"off\"\n",
            "extend = \"../wenlint.toml\"\n[rules]\n\"placeholder/marker\" = \"info\"\n\
             numbering = \"off\"\n\"numbering/style\" = \"error\"\n",
        );
        assert_eq!(
            severity(&config, "placeholder/marker"),
            Some(Severity::Info)
        );
        assert_eq!(severity(&config, "placeholder/name"), None);
        // Within one config a rule's setting still beats its family's.
        assert_eq!(severity(&config, "numbering/style"), Some(Severity::Error));
        assert_eq!(severity(&config, "numbering/start"), None);
    }

    #[test]
    fn include_is_replaced_and_exclude_accumulates_each_relative_to_its_file() {
        let (dir, config) = child_of(
            "include = [\"*.txt\"]\nexclude = [\"old/**\"]\n",
            "extend = \"../wenlint.toml\"\nexclude = [\"drafts/**\"]\n",
        );
        let root = dir.path();
        assert!(config.includes(&root.join("sub/a.txt")));
        assert!(!config.includes(&root.join("sub/a.md")));
        assert!(config.excludes(&root.join("old/a.txt")));
        assert!(config.excludes(&root.join("sub/drafts/a.txt")));
        assert!(!config.excludes(&root.join("sub/old/a.txt")));
        assert!(!config.excludes(&root.join("drafts/a.txt")));
        let written: Vec<_> = config
            .exclude()
            .written()
            .iter()
            .map(|g| &g.value)
            .collect();
        assert_eq!(written, ["old/**", "drafts/**"]);

        let (dir, config) = child_of(
            "include = [\"*.txt\"]\n",
            "extend = \"../wenlint.toml\"\ninclude = [\"*.md\"]\n",
        );
        assert!(config.includes(&dir.path().join("sub/a.md")));
        assert!(!config.includes(&dir.path().join("sub/a.txt")));
    }

    #[test]
    fn rule_dirs_and_ignores_accumulate_parents_first() {
        let pack = "[[rule]]\nid = \"house/old\"\nkind = \"existence\"\nseverity = \"info\"\n\
                    summary = \"s\"\nmessage = \"m\"\ndoc = \"d\"\ntokens = [\"旧称\"]\n";
        let dir = tree(&[
            ("house/house.toml", pack),
            (
                PARENT,
                "rule_dirs = [\"house\"]\n[[ignore]]\nrule = \"placeholder\"\n",
            ),
            (
                CHILD,
                "extend = \"../wenlint.toml\"\nrule_dirs = [\"../house\"]\n\
                 [rules]\n\"house/old\" = \"error\"\n[[ignore]]\ntext = \"张某某\"\n",
            ),
        ]);
        let config = Config::load(&dir.path().join(CHILD)).unwrap();
        assert_eq!(config.severity_of_id("house/old"), Some(Severity::Error));
        assert_eq!(config.rule_dirs().len(), 1, "one folder, read once");
        let ignores: Vec<_> = config.ignores.iter().map(|i| (&i.file, i.line)).collect();
        let parent = dir.path().join(PARENT);
        assert_eq!(ignores[0], (&lexical(&parent), 3));
        assert_eq!(
            ignores[1],
            (&dir.path().join(CHILD), 5),
            "text only: its header"
        );
    }

    #[test]
    fn document_fields_are_the_childs_where_set_and_allow_accumulates() {
        let (_dir, config) = child_of(
            "cross_file = true\n[document]\nlevel = \"省\"\nregion = \"河北省\"\n\
             allow = [\"北京冬奥会\"]\n",
            "extend = \"../wenlint.toml\"\n[document]\nlevel = \"市\"\n\
             allow = [\"在北京召开\"]\n",
        );
        assert_eq!(config.profile.level.as_deref(), Some("市"));
        assert_eq!(config.profile.region.as_deref(), Some("河北省"));
        assert_eq!(config.profile.allow, ["北京冬奥会", "在北京召开"]);
        assert!(config.cross_file);
        assert_eq!(config.cross_file_origin().unwrap().line, 1);

        let (_dir, config) = child_of(
            "cross_file = true\n",
            "extend = \"../wenlint.toml\"\ncross_file = false\n",
        );
        assert!(!config.cross_file, "a child's false is not unset");
    }

    #[test]
    fn chains_are_followed_and_listed_nearest_first() {
        let dir = tree(&[
            (PARENT, "[rules]\nplaceholder = \"off\"\n"),
            (CHILD, "extend = \"../wenlint.toml\"\n"),
            ("sub/deeper/wenlint.toml", "extend = \"../wenlint.toml\"\n"),
        ]);
        let config = Config::load(&dir.path().join("sub/deeper/wenlint.toml")).unwrap();
        assert_eq!(severity(&config, "placeholder/marker"), None);
        let chain: Vec<_> = config.chain.iter().map(|p| lexical(p)).collect();
        let expected: Vec<_> = ["sub/deeper/wenlint.toml", CHILD, PARENT]
            .iter()
            .map(|name| lexical(&dir.path().join(name)))
            .collect();
        assert_eq!(chain, expected);
    }

    #[test]
    fn a_cycle_is_reported_at_the_extend_that_closes_it() {
        let source = "extend = \"../wenlint.toml\"\n";
        let dir = tree(&[(PARENT, "extend = \"sub/wenlint.toml\"\n"), (CHILD, source)]);
        let e = Config::load(&dir.path().join(CHILD)).err().unwrap();
        assert!(
            e.message
                .get(crate::lang::Lang::En)
                .starts_with("`extend` makes a cycle: "),
            "{e}"
        );
        assert!(
            e.message
                .get(crate::lang::Lang::En)
                .ends_with("sub/wenlint.toml"),
            "{e}"
        );
        assert_eq!(e.path, lexical(&dir.path().join(PARENT)));
        assert_eq!(&e.source[e.span.unwrap()], "\"sub/wenlint.toml\"");

        let dir = tree(&[(PARENT, "extend = \"wenlint.toml\"\n")]);
        let e = Config::load(&dir.path().join(PARENT)).err().unwrap();
        assert!(
            e.message.get(crate::lang::Lang::En).contains("cycle"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_parent_is_reported_at_the_extend_value_with_its_path() {
        let source = "extend = \"../base.toml\"\n";
        let dir = tree(&[(CHILD, source)]);
        let e = Config::load(&dir.path().join(CHILD)).err().unwrap();
        let missing = lexical(&dir.path().join("base.toml"));
        assert!(
            e.message
                .get(crate::lang::Lang::En)
                .starts_with(&format!("cannot read `{}`", missing.display())),
            "{e}"
        );
        assert_eq!(&source[e.span.unwrap()], "\"../base.toml\"");
        assert_eq!(e.path, dir.path().join(CHILD));
    }

    #[test]
    fn a_mistake_in_the_parent_is_reported_in_the_parent() {
        let dir = tree(&[
            (PARENT, "\n[rules]\n\"placeholder/markr\" = \"off\"\n"),
            (CHILD, "extend = \"../wenlint.toml\"\n"),
        ]);
        let e = Config::load(&dir.path().join(CHILD)).err().unwrap();
        assert_eq!(e.path, lexical(&dir.path().join(PARENT)));
        assert!(
            e.to_string()
                .contains("wenlint.toml:3: 没有名为 `placeholder/markr`"),
            "{e}"
        );
    }

    #[test]
    fn chains_are_limited_in_depth() {
        let files: Vec<(String, String)> = (0..=MAX_DEPTH)
            .map(|i| {
                (
                    format!("c{i}.toml"),
                    format!("extend = \"c{}.toml\"\n", i + 1),
                )
            })
            .collect();
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let dir = tree(&files);
        let e = Config::load(&dir.path().join("c0.toml")).err().unwrap();
        assert!(
            e.message
                .get(crate::lang::Lang::En)
                .contains("configs deep"),
            "{e}"
        );
    }
}
