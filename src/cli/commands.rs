//! The other commands: `wenlint rules`, `explain`, `outline`, `stats` and `init`.

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use super::args::{InitArgs, ListFormat, OutlineArgs, RulesArgs, RulesFormat, StatsArgs};
use super::{config_here, lang, registry_here, report_and_fail, ConfigArg};
use crate::engine::{load_document, Source};
use crate::output;
use crate::rules::{family_of, Registry, Rule, RuleSelector};
use crate::stats;

pub(super) fn show_stats(args: StatsArgs) -> io::Result<ExitCode> {
    let mut out = io::stdout().lock();
    let mut all = Vec::new();
    let mut failed = false;
    for file in &args.files {
        let shown = file.display().to_string();
        let loaded = if file.as_os_str() == "-" {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes)?;
            load_document(&Source::bytes("<stdin>", bytes))
        } else {
            load_document(&Source::path(file))
        };
        match loaded {
            Ok(doc) => {
                let stats = stats::of(&doc, args.pace);
                if args.format == ListFormat::Human {
                    write_stats(&mut out, &shown, &stats)?;
                }
                all.push(serde_json::json!({ "path": shown, "stats": stats }));
            }
            Err(e) => {
                e.render(&mut io::stderr(), io::stderr().is_terminal(), lang())?;
                failed = true;
            }
        }
    }
    if args.format == ListFormat::Json {
        let flattened: Vec<serde_json::Value> = all
            .into_iter()
            .map(|entry| {
                let mut object = entry["stats"].clone();
                object["path"] = entry["path"].clone();
                object
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &flattened)?;
        writeln!(out)?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_stats(out: &mut dyn Write, path: &str, stats: &stats::Stats) -> io::Result<()> {
    writeln!(out, "{path}")?;
    writeln!(out, "  汉字      {}", stats.hanzi)?;
    writeln!(
        out,
        "  字数      {}（按 Word 的算法：汉字、标点、外文单词）",
        stats.zishu
    )?;
    writeln!(out, "  段落      {}", stats.paragraphs)?;
    writeln!(out, "  句子      {}", stats.sentences)?;
    writeln!(
        out,
        "  讲话时长  约 {}（{} 字/分钟）",
        stats::minutes_and_seconds(stats.speaking_seconds),
        stats.pace
    )?;
    write_identity(out, &stats.identity)?;
    if !stats.longest_sentences.is_empty() {
        writeln!(out, "  最长的句子")?;
        for s in &stats.longest_sentences {
            writeln!(
                out,
                "    {}:{}  {} 字  {}…",
                s.line, s.column, s.hanzi, s.opening
            )?;
        }
    }
    Ok(())
}

/// The identity the `place` rules read, with the config lines that would fix it.
fn write_identity(out: &mut dyn Write, identity: &stats::Identity) -> io::Result<()> {
    match (identity.level, identity.balanced) {
        (Some(level), _) => {
            let region = identity
                .region
                .as_deref()
                .map(|r| format!("（{r}）"))
                .unwrap_or_default();
            writeln!(
                out,
                "  身份      “{level}”级{region}，依据：{}",
                identity.evidence
            )?;
            let config = match &identity.region {
                Some(region) => format!("[document] region = \"{region}\""),
                None => format!("[document] level = \"{level}\""),
            };
            writeln!(out, "            配置中写明：{config}")
        }
        (None, Some([a, b])) => writeln!(
            out,
            "  身份      难以判断：“{a}”级与“{b}”级的依据相当（{}）",
            identity.evidence
        ),
        (None, None) => writeln!(out, "  身份      文中没有地方层级的自称"),
    }
}

pub(super) fn init(args: InitArgs) -> io::Result<ExitCode> {
    let answers = crate::init::Answers {
        level: args.level,
        region: args.region,
    };
    let dir = std::env::current_dir()?;
    match crate::init::write(&dir, &answers, args.force) {
        Ok(path) => {
            println!("{} {}", lang().pick("已写入", "Wrote"), path.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(reason) => {
            let lang = lang();
            eprintln!("{}{}", lang.pick("错误：", "error: "), reason.get(lang));
            Ok(ExitCode::from(2))
        }
    }
}

/// `wenlint rules`: each rule with the severity it reports at under the config that applies
/// here (`off` when the config turns it off), and its default.
pub(super) fn list_rules(args: RulesArgs) -> io::Result<ExitCode> {
    let config = match config_here(&args.config) {
        Ok(config) => config,
        Err(e) => return report_and_fail(&e),
    };
    let severity = |meta: &crate::rules::RuleMeta| {
        config
            .severity_of(meta)
            .map_or_else(|| "off".to_string(), |s| s.to_string())
    };
    let mut out = io::stdout().lock();
    match args.format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &output::rule_list(&config))?;
            writeln!(out)?;
        }
        RulesFormat::Markdown => {
            writeln!(out, "| rule | default | finds |")?;
            writeln!(out, "| --- | --- | --- |")?;
            for rule in config.registry.iter() {
                let meta = rule.meta();
                let summary = meta.summary.replace('|', "\\|");
                writeln!(out, "| `{}` | {} | {summary} |", meta.id, severity(meta))?;
            }
        }
        RulesFormat::Human => {
            let width = config
                .registry
                .iter()
                .map(|r| r.meta().id.len())
                .max()
                .unwrap_or(0);
            for rule in config.registry.iter() {
                let meta = rule.meta();
                writeln!(
                    out,
                    "{:<width$}  {:<7}  {}",
                    meta.id,
                    severity(meta),
                    meta.summary
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `wenlint outline`: exit code 0, or 2 when a file cannot be read. Numbering problems are
/// shown, not judged: `wenlint check` is what fails a build.
pub(super) fn outline(args: OutlineArgs) -> io::Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = false;
    let mut trees = Vec::new();
    for (i, file) in args.files.iter().enumerate() {
        let loaded = if file.as_os_str() == "-" {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes)?;
            load_document(&Source::bytes(&args.stdin_filename, bytes))
                .map(|doc| (args.stdin_filename.clone(), doc))
        } else {
            load_document(&Source::path(file)).map(|doc| (file.display().to_string(), doc))
        };
        let (shown, doc) = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                e.render(&mut io::stderr(), false, lang())?;
                failed = true;
                continue;
            }
        };
        match args.format {
            ListFormat::Human => {
                if i > 0 {
                    writeln!(out)?;
                }
                output::outline::render_human(&mut out, &shown, &doc)?;
            }
            ListFormat::Json => trees.push(output::outline::json(&shown, &doc)),
        }
    }
    if args.format == ListFormat::Json {
        serde_json::to_writer_pretty(&mut out, &trees)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::from(if failed { 2 } else { 0 }))
}

pub(super) fn explain(id: &str, config: ConfigArg) -> io::Result<ExitCode> {
    let registry = match registry_here(&config) {
        Ok(registry) => registry,
        Err(e) => return report_and_fail(&e),
    };
    let selector = RuleSelector::new(id);
    let rules: Vec<&std::sync::Arc<dyn Rule>> = registry
        .iter()
        .filter(|r| selector.selects(&r.meta().id))
        .collect();
    if rules.is_empty() {
        let family = family_of(id);
        let hint = if registry.has_family(family) {
            format!(
                "; the `{family}` family has: {}",
                ids_of_family(&registry, family)
            )
        } else {
            "; `wenlint rules` lists every rule".to_string()
        };
        eprintln!("error: no rule or family `{id}`{hint}");
        return Ok(ExitCode::from(2));
    }
    let mut out = io::stdout().lock();
    for (i, rule) in rules.iter().enumerate() {
        let meta = rule.meta();
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{} ({})\n{}\n", meta.id, meta.severity, meta.summary)?;
        writeln!(out, "{}", meta.doc().trim_end())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn ids_of_family(registry: &Registry, family: &str) -> String {
    registry
        .iter()
        .filter(|r| r.meta().family() == family)
        .map(|r| r.meta().id.as_ref())
        .collect::<Vec<_>>()
        .join(", ")
}
