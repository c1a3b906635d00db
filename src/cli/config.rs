//! `wenlint config [PATH]`: the settings that govern PATH once `extend` chains are merged,
//! each with the file and line that set it, so that "why is this rule off here?" is answered
//! without reading every `wenlint.toml` up the tree.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use serde::Serialize;

use super::{lang, load_fixed_config, report_and_fail, ConfigArg};
use crate::config::{Config, ConfigProblem, Configs, Origin, Setting, Sourced};
use crate::error::Error;
use crate::lang::Lang;
use crate::rules::RuleSelector;

#[derive(clap::Args)]
pub(super) struct ConfigArgs {
    /// The file or directory whose settings to show (default: the current directory).
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    config: ConfigArg,
}

/// How the settings are printed.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// TOML-like lines with `# file:line` comments.
    Human,
    Json,
}

/// Prints the settings in effect; exit 0, or 2 when the path or a config of its chain is
/// wrong (the error rendered as `check` renders it).
pub(super) fn show(args: ConfigArgs) -> io::Result<ExitCode> {
    let cwd = std::env::current_dir()?;
    let target = args.path.unwrap_or_else(|| PathBuf::from("."));
    let config = match governing(&args.config, &target, &cwd) {
        Ok(config) => config,
        Err(e) => return report_and_fail(&e),
    };
    let listing = Listing::of(&config, &target, &cwd);
    let mut out = io::stdout().lock();
    match args.format {
        Format::Human => listing.write_human(&mut out)?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &listing)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The config that governs `target`: `--config`, else the nearest one to the target's
/// directory (the target itself when it is one), as `check` would find it.
fn governing(arg: &ConfigArg, target: &Path, cwd: &Path) -> Result<Arc<Config>, Error> {
    let metadata = std::fs::metadata(target)
        .map_err(|e| Error::file(target.display().to_string(), crate::lang::Text::io(&e)))?;
    let dir = if metadata.is_dir() {
        target
    } else {
        target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    };
    if let Some(config) = load_fixed_config(arg)? {
        return Ok(Arc::new(config));
    }
    match Configs::new(None, cwd).for_dir(dir) {
        Ok(config) => Ok(config),
        Err(ConfigProblem::Invalid(e)) => Err(e.into()),
        Err(ConfigProblem::AlreadyReported) => Ok(Arc::new(Config::defaults(cwd))),
    }
}

/// What `wenlint config` prints, in the shape of its JSON. Paths are shown from the current
/// directory (`./wenlint.toml`, `../wenlint.toml`); an `origin` of `null` is a default.
#[derive(Serialize)]
struct Listing {
    /// The PATH asked about, as given.
    path: String,
    /// The config files read, nearest first; empty when none applies.
    chain: Vec<String>,
    include: Vec<Item<String>>,
    exclude: Vec<Item<String>>,
    rule_dirs: Vec<Item<String>>,
    cross_file: Item<bool>,
    document: DocumentListing,
    /// The `[rules]` settings in effect after merging, in name order.
    settings: Vec<SettingListing>,
    ignore: Vec<IgnoreListing>,
    /// Every rule, as `wenlint rules` lists them, with the setting that decided it.
    rules: Vec<RuleListing>,
}

#[derive(Serialize)]
struct Item<T> {
    value: T,
    origin: Option<Shown>,
}

#[derive(Serialize)]
struct Shown {
    path: String,
    line: usize,
}

#[derive(Serialize)]
struct DocumentListing {
    level: Item<Option<String>>,
    region: Item<Option<String>>,
    allow: Vec<Item<String>>,
}

#[derive(Serialize)]
struct SettingListing {
    selector: String,
    setting: &'static str,
    origin: Option<Shown>,
}

#[derive(Serialize)]
struct IgnoreListing {
    #[serde(flatten)]
    conditions: BTreeMap<&'static str, String>,
    origin: Shown,
}

#[derive(Serialize)]
struct RuleListing {
    id: String,
    /// `off`, or the severity it reports at.
    severity: String,
    default_severity: String,
    /// `null` when no setting names the rule or its family.
    decided_by: Option<SettingListing>,
}

impl Listing {
    fn of(config: &Config, target: &Path, cwd: &Path) -> Listing {
        let here = Here { cwd };
        let document = config.document();
        Listing {
            path: target.display().to_string(),
            chain: config.chain.iter().map(|p| here.path(p)).collect(),
            include: here.items(config.include().written()),
            exclude: here.items(config.exclude().written()),
            rule_dirs: config
                .rule_dirs()
                .iter()
                .map(|dir| here.item(&dir.written))
                .collect(),
            cross_file: Item {
                value: config.cross_file,
                origin: config.cross_file_origin().map(|o| here.origin(o)),
            },
            document: DocumentListing {
                level: here.optional(document.level.as_ref()),
                region: here.optional(document.region.as_ref()),
                allow: here.items(&document.allow),
            },
            settings: config
                .settings()
                .into_iter()
                .map(|(selector, setting)| here.setting(selector, setting))
                .collect(),
            ignore: here.ignores(config),
            rules: here.rules(config),
        }
    }
}

/// Turns the config's values into what is shown from the current directory.
struct Here<'a> {
    cwd: &'a Path,
}

impl Here<'_> {
    fn path(&self, path: &Path) -> String {
        relative(&crate::config::lexical(&self.cwd.join(path)), self.cwd)
    }

    fn origin(&self, origin: &Origin) -> Shown {
        Shown {
            path: self.path(&origin.path),
            line: origin.line,
        }
    }

    fn item<T: Clone>(&self, sourced: &Sourced<T>) -> Item<T> {
        Item {
            value: sourced.value.clone(),
            origin: sourced.origin.as_ref().map(|o| self.origin(o)),
        }
    }

    fn items(&self, sourced: &[Sourced<String>]) -> Vec<Item<String>> {
        sourced.iter().map(|s| self.item(s)).collect()
    }

    fn optional(&self, sourced: Option<&Sourced<String>>) -> Item<Option<String>> {
        Item {
            value: sourced.map(|s| s.value.clone()),
            origin: sourced
                .and_then(|s| s.origin.as_ref())
                .map(|o| self.origin(o)),
        }
    }

    fn setting(&self, selector: &RuleSelector, setting: &Sourced<Setting>) -> SettingListing {
        SettingListing {
            selector: selector.to_string(),
            setting: setting.value.name(),
            origin: setting.origin.as_ref().map(|o| self.origin(o)),
        }
    }

    fn ignores(&self, config: &Config) -> Vec<IgnoreListing> {
        config
            .ignores
            .iter()
            .map(|ignore| IgnoreListing {
                conditions: ignore.conditions().into_iter().collect(),
                origin: self.origin(&Origin {
                    path: ignore.file.clone(),
                    line: ignore.line,
                }),
            })
            .collect()
    }

    fn rules(&self, config: &Config) -> Vec<RuleListing> {
        config
            .registry
            .iter()
            .map(|rule| {
                let meta = rule.meta();
                RuleListing {
                    id: meta.id.to_string(),
                    severity: config
                        .severity_of(meta)
                        .map_or_else(|| "off".to_string(), |s| s.to_string()),
                    default_severity: meta.severity.to_string(),
                    decided_by: config
                        .decided_by(meta)
                        .map(|(selector, setting)| self.setting(selector, setting)),
                }
            })
            .collect()
    }
}

/// `path` as typed from `cwd`: `./a/wenlint.toml`, `../wenlint.toml`; absolute when the two
/// share nothing but the root.
fn relative(path: &Path, cwd: &Path) -> String {
    let ours: Vec<Component> = path.components().collect();
    let theirs: Vec<Component> = cwd.components().collect();
    let shared = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
    if shared <= 1 {
        return path.display().to_string();
    }
    let ups = theirs.len() - shared;
    let mut shown = if ups == 0 {
        PathBuf::from(".")
    } else {
        (0..ups).map(|_| "..").collect()
    };
    shown.extend(&ours[shared..]);
    shown.display().to_string()
}

impl Listing {
    /// A readable listing: TOML-like lines, each value followed by `# file:line` or
    /// `# (default)`, then each rule with its severity and the setting that decided it.
    fn write_human(&self, out: &mut dyn Write) -> io::Result<()> {
        self.write_chain(out)?;
        writeln!(out)?;
        write_list(out, "include", &self.include)?;
        write_list(out, "exclude", &self.exclude)?;
        write_list(out, "rule_dirs", &self.rule_dirs)?;
        writeln!(
            out,
            "cross_file = {}  {}",
            self.cross_file.value,
            comment(self.cross_file.origin.as_ref())
        )?;
        self.write_document(out)?;
        writeln!(out, "\n[rules]")?;
        for setting in &self.settings {
            writeln!(out, "{}", setting_line(setting, true))?;
        }
        self.write_ignores(out)?;
        self.write_rules(out)
    }

    fn write_chain(&self, out: &mut dyn Write) -> io::Result<()> {
        let Some((nearest, parents)) = self.chain.split_first() else {
            return match lang() {
                Lang::Zh => writeln!(out, "# {} 没有配置文件，用的是默认设置", self.path),
                Lang::En => writeln!(out, "# no config applies to {}: the defaults", self.path),
            };
        };
        match lang() {
            Lang::Zh => writeln!(out, "# {} 的配置：{nearest}", self.path)?,
            Lang::En => writeln!(out, "# config for {}: {nearest}", self.path)?,
        }
        for parent in parents {
            match lang() {
                Lang::Zh => writeln!(out, "#   它扩展自 {parent}")?,
                Lang::En => writeln!(out, "#   which extends {parent}")?,
            }
        }
        Ok(())
    }

    fn write_document(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "\n[document]")?;
        for (key, item) in [
            ("level", &self.document.level),
            ("region", &self.document.region),
        ] {
            match &item.value {
                Some(value) => writeln!(
                    out,
                    "{key} = {}  {}",
                    quoted(value),
                    comment(item.origin.as_ref())
                )?,
                None => match lang() {
                    Lang::Zh => writeln!(out, "# 未设置 {key}（默认）")?,
                    Lang::En => writeln!(out, "# {key} is not set (default)")?,
                },
            }
        }
        write_list(out, "allow", &self.document.allow)
    }

    fn write_ignores(&self, out: &mut dyn Write) -> io::Result<()> {
        for ignore in &self.ignore {
            writeln!(out, "\n[[ignore]]  {}", comment(Some(&ignore.origin)))?;
            for (key, value) in &ignore.conditions {
                writeln!(out, "{key} = {}", quoted(value))?;
            }
        }
        Ok(())
    }

    /// Every rule: id, severity (`off` where turned off) and what decided it.
    fn write_rules(&self, out: &mut dyn Write) -> io::Result<()> {
        let heading = lang().pick(
            "生效的规则：级别，以及决定它的设置",
            "rules in effect: severity, and the setting that decided it",
        );
        writeln!(out, "\n# {heading}")?;
        let width = self.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
        for rule in &self.rules {
            let decided = rule
                .decided_by
                .as_ref()
                .map_or_else(|| default_word().to_string(), |s| setting_line(s, false));
            writeln!(out, "{:<width$}  {:<7}  {decided}", rule.id, rule.severity)?;
        }
        Ok(())
    }
}

/// `key = [` with one value a line, each with where it was written.
fn write_list(out: &mut dyn Write, key: &str, items: &[Item<String>]) -> io::Result<()> {
    if items.is_empty() {
        return writeln!(out, "{key} = []");
    }
    writeln!(out, "{key} = [")?;
    for item in items {
        writeln!(
            out,
            "  {},  {}",
            quoted(&item.value),
            comment(item.origin.as_ref())
        )?;
    }
    writeln!(out, "]")
}

/// `placeholder = "off"  # ./wenlint.toml:3`; `quote_key` quotes a rule id as TOML needs.
fn setting_line(setting: &SettingListing, quote_key: bool) -> String {
    let key = if quote_key && setting.selector.contains('/') {
        quoted(&setting.selector)
    } else {
        setting.selector.clone()
    };
    format!(
        "{key} = \"{}\"  {}",
        setting.setting,
        comment(setting.origin.as_ref())
    )
}

/// `# ./wenlint.toml:3`, or `# (default)`.
fn comment(origin: Option<&Shown>) -> String {
    match origin {
        Some(origin) => format!("# {}:{}", origin.path, origin.line),
        None => format!("# {}", default_word()),
    }
}

/// What a value nobody set is, in the report's language.
fn default_word() -> &'static str {
    lang().pick("（默认）", "(default)")
}

/// A TOML basic string (JSON's escapes are TOML's).
fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""))
}
