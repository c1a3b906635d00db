//! Baselines: adopt wenlint on a repository full of old findings and fail only on new ones.
//!
//! `--write-baseline FILE` records every finding of the run; `--baseline FILE` then reports
//! only findings the file does not hold. A finding is keyed by its path, its rule and a hash
//! of the flagged text and the sentence around it — not by line or column, so that editing
//! above it does not make an old finding new. Keys are counted: a sentence that has a finding
//! twice and gains a third reports the third.
//!
//! The hash is FNV-1a (64 bits): fixed by its definition, so a baseline written by one build
//! is read the same by any other.

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::lang::Text;

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Entry {
    path: String,
    rule: String,
    hash: String,
}

/// The findings a baseline file holds, counted.
#[derive(Default)]
pub struct Baseline {
    remaining: HashMap<Entry, usize>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, Text> {
        let text = std::fs::read_to_string(path).map_err(|e| Text::io(&e))?;
        let file: File = serde_json::from_str(&text).map_err(|e| {
            Text::new(
                format!("不是 wenlint 的基线文件：{e}"),
                format!("is not a wenlint baseline: {e}"),
            )
        })?;
        if file.version != VERSION {
            return Err(Text::new(
                format!(
                    "是第 {} 版基线，这个 wenlint 读第 {VERSION} 版",
                    file.version
                ),
                format!(
                    "has version {}, this wenlint reads version {VERSION}",
                    file.version
                ),
            ));
        }
        let mut remaining = HashMap::new();
        for mut entry in file.findings {
            // Baselines written before paths were named from the project's root hold them as
            // typed; from the root, that was most often `./d.txt`.
            if let Some(plain) = entry.path.strip_prefix("./") {
                entry.path = plain.to_string();
            }
            *remaining.entry(entry).or_default() += 1;
        }
        Ok(Baseline { remaining })
    }

    /// Removes from `diagnostics` those the baseline holds (each entry matches once).
    pub fn filter(&mut self, path: &str, doc: &Document, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain(|d| {
            let entry = entry(path, doc, d);
            match self.remaining.get_mut(&entry) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
    }
}

/// The findings of a run, to be written as a baseline.
#[derive(Default)]
pub struct Recorder {
    entries: Vec<Entry>,
}

impl Recorder {
    pub fn record(&mut self, path: &str, doc: &Document, diagnostics: &[Diagnostic]) {
        self.entries
            .extend(diagnostics.iter().map(|d| entry(path, doc, d)));
    }

    /// Writes the baseline, entries sorted so that the file diffs well in version control.
    pub fn write(mut self, path: &Path) -> std::io::Result<usize> {
        self.entries.sort();
        let count = self.entries.len();
        let file = File {
            version: VERSION,
            findings: self.entries,
        };
        let mut text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
        text.push('\n');
        std::fs::write(path, text)?;
        Ok(count)
    }
}

fn entry(path: &str, doc: &Document, d: &Diagnostic) -> Entry {
    let sentence = doc
        .sentence_at(d.span.start)
        .map_or("", |s| doc.source[s].trim());
    let mut hasher = fnv::FnvHasher::default();
    for part in [&*d.rule, &doc.source[d.span.clone()], sentence] {
        hasher.write(part.as_bytes());
        hasher.write_u8(0xff);
    }
    Entry {
        path: path.replace('\\', "/"),
        rule: d.rule.to_string(),
        hash: format!("{:016x}", hasher.finish()),
    }
}
