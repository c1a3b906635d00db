//! SARIF 2.1.0, the log format of code scanning (GitHub, Azure DevOps, IDE viewers).
//!
//! One run whose `tool.driver.rules` lists every rule of the registries used (the built-in
//! rules and the rules of the user packs met on the way) and whose `results` are the
//! diagnostics of every file. Results are written out as each file is linted, to a spool
//! copied into the log at the end, when the index of each one's rule is known.
//!
//! Regions give 1-based lines and columns counted in Unicode code points
//! (`run.columnKind` = `unicodeCodePoints`), `endColumn` exclusive as SARIF defines it; this is
//! what the JSON format's spans say. `byteOffset`/`byteLength` are the JSON format's
//! `byte_start`/`byte_end`: they index the text as UTF-8 after any byte-order mark, so for a
//! UTF-8 file without BOM they are file offsets. `partialFingerprints["wenlint/v1"]` hashes
//! the rule, the path, the flagged text and the text of its sentence, and counts repeats of
//! that hash within the file, so that a finding keeps its fingerprint when lines are added or
//! removed around it.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::io::{self, Read, Write};

use serde::Serialize;

use super::spool::{self, Spool};
use super::{Emitter, Failure, Totals};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::{Document, Position};
use crate::rules::{Registry, RuleMeta};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";
/// The key of the fingerprint in `partialFingerprints`; bump the suffix if the recipe changes.
pub const FINGERPRINT_KEY: &str = "wenlint/v1";

/// The SARIF emitter: the log of the run, which knows the built-in rules from the start and
/// the rules of each user pack as it is met, written whole at the end.
pub(crate) struct Sarif {
    log: Log,
}

impl Sarif {
    pub(crate) fn new() -> Sarif {
        let mut log = Log::new();
        log.add_rules(Registry::builtin());
        Sarif { log }
    }
}

impl Emitter for Sarif {
    fn rules(&mut self, registry: &Registry) {
        self.log.add_rules(registry);
    }

    fn file(
        &mut self,
        _: &mut dyn Write,
        path: &str,
        doc: &Document,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        self.log.add_file(path, doc, diagnostics)
    }

    fn finish(
        self: Box<Self>,
        out: &mut dyn Write,
        _: &Totals,
        failures: &[Failure],
    ) -> io::Result<()> {
        self.log.write(out, failures)
    }
}

/// The log being built: rule metadata, and the results so far written out, each but its
/// `ruleIndex`, to a spool copied into the log at the end: held as values, a long text's
/// hundred thousand results took ten times its size in memory.
pub struct Log {
    /// By id, so that the rule array comes out in id order whatever order packs were met in.
    rules: BTreeMap<String, RuleMeta>,
    spool: Spool,
    /// How many bytes are in the spool.
    spooled: u64,
    /// Where each result's `ruleIndex` goes in the spool, and its rule: known only once
    /// every rule has been seen.
    holes: Vec<Hole>,
    /// The rules of the results, each once (`Hole::rule` is an index into it), with the
    /// level of the first of its results.
    reported: Vec<(String, Severity)>,
    reported_index: HashMap<String, u32>,
    /// One result's JSON, reused from one to the next.
    element: Vec<u8>,
}

/// Where a result's rule index is missing from the spool.
struct Hole {
    at: u64,
    rule: u32,
}

/// How far the log indents a result: it is an element of a list in the run, an element of
/// a list in the log.
const RESULT_INDENT: &[u8] = b"        ";

/// The `ruleIndex` a result is written with until its rule's index is known: no index is
/// this large.
const UNKNOWN_RULE_INDEX: usize = usize::MAX;

/// How a result written with [`UNKNOWN_RULE_INDEX`] says it: no string of the result holds
/// this after an unescaped `"`. Also where its digits start.
fn unknown_rule_index() -> &'static (String, usize) {
    static MARKER: std::sync::LazyLock<(String, usize)> = std::sync::LazyLock::new(|| {
        let key = "\"ruleIndex\": ";
        (format!("{key}{UNKNOWN_RULE_INDEX}"), key.len())
    });
    &MARKER
}

impl Default for Log {
    fn default() -> Log {
        Log::spooling(spool::IN_MEMORY)
    }
}

impl Log {
    pub fn new() -> Log {
        Log::default()
    }

    /// The log that keeps up to `in_memory` bytes of results in memory.
    fn spooling(in_memory: usize) -> Log {
        Log {
            rules: BTreeMap::new(),
            spool: spool::spool(in_memory),
            spooled: 0,
            holes: Vec::new(),
            reported: Vec::new(),
            reported_index: HashMap::new(),
            element: Vec::new(),
        }
    }

    /// Adds the rules of `registry` that are not known yet (by id: the first definition met
    /// of a user rule wins).
    pub fn add_rules(&mut self, registry: &Registry) {
        for rule in registry.iter() {
            let meta = rule.meta();
            if !self.rules.contains_key(meta.id.as_ref()) {
                self.rules.insert(meta.id.to_string(), meta.clone());
            }
        }
    }

    /// Converts the diagnostics of one file while its document is at hand, and writes them
    /// to the spool.
    pub fn add_file(
        &mut self,
        path: &str,
        doc: &Document,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        let uri = uri(path);
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for d in diagnostics {
            let hash = fingerprint(&d.rule, &uri, doc, &d.span);
            let occurrence = seen.entry(hash).or_default();
            *occurrence += 1;
            let result = result(&uri, doc, d, format!("{hash:016x}:{occurrence}"));
            let rule = self.reported_rule(&d.rule, d.severity);
            self.spool_result(&result, rule)?;
        }
        Ok(())
    }

    /// The index in `reported` of rule `id`, added with `severity` if it is new.
    fn reported_rule(&mut self, id: &str, severity: Severity) -> u32 {
        if let Some(&index) = self.reported_index.get(id) {
            return index;
        }
        let index = u32::try_from(self.reported.len()).expect("fewer than 4G rules");
        self.reported.push((id.to_string(), severity));
        self.reported_index.insert(id.to_string(), index);
        index
    }

    /// Writes `result` (of the rule `reported[rule]`) to the spool, as the log shows it,
    /// but for the digits of its rule index.
    fn spool_result(&mut self, result: &SarifResult, rule: u32) -> io::Result<()> {
        self.element.clear();
        serde_json::to_writer_pretty(&mut self.element, result)?;
        let separator: &[u8] = if self.holes.is_empty() { b"\n" } else { b",\n" };
        let (marker, key) = unknown_rule_index();
        let at = memchr::memmem::find(&self.element, marker.as_bytes())
            .ok_or_else(|| io::Error::other("a SARIF result without its rule index"))?;
        let before = &self.element[..at + key];
        let after = &self.element[at + marker.len()..];
        self.spooled += spool::write_indented(&mut self.spool, separator, before, RESULT_INDENT)?;
        self.holes.push(Hole {
            at: self.spooled,
            rule,
        });
        self.spooled += spool::write_indented(&mut self.spool, b"", after, RESULT_INDENT)?;
        Ok(())
    }

    /// Writes the whole log. A path that could not be checked is a tool execution
    /// notification, and makes the execution unsuccessful.
    pub(crate) fn write(self, out: &mut dyn Write, failures: &[Failure]) -> io::Result<()> {
        let Log {
            mut rules,
            spool,
            holes,
            reported,
            ..
        } = self;
        // A rule of a pack that was not announced (standard input under a user pack) still
        // gets a descriptor, with only its id and the level it was reported at, so that
        // every `ruleIndex` points at its rule.
        for (id, severity) in &reported {
            if !rules.contains_key(id) {
                let meta = RuleMeta::new(id.clone(), *severity, String::new(), String::new());
                rules.insert(id.clone(), meta);
            }
        }
        let index: HashMap<&str, usize> = rules
            .keys()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let rule_index: Vec<usize> = reported.iter().map(|(id, _)| index[id.as_str()]).collect();
        let mut around = serde_json::to_vec_pretty(&log(&rules, failures, Vec::new()))?;
        around.push(b'\n');
        let (before, after) = spool::around_empty_list(&around, "\n      \"results\": []")?;
        out.write_all(before)?;
        let mut spool = spool::rewound(spool)?;
        let mut copied = 0;
        for hole in &holes {
            io::copy(&mut (&mut spool).take(hole.at - copied), out)?;
            write!(out, "{}", rule_index[hole.rule as usize])?;
            copied = hole.at;
        }
        io::copy(&mut spool, out)?;
        spool::close_list(out, !holes.is_empty(), b"      ")?;
        out.write_all(after)
    }
}

/// The log of the run, its rules `rules` and its `results`.
fn log(
    rules: &BTreeMap<String, RuleMeta>,
    failures: &[Failure],
    results: Vec<SarifResult>,
) -> SarifLog {
    SarifLog {
        schema: SCHEMA,
        version: VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "wenlint",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: rules.values().map(descriptor).collect(),
                },
            },
            invocations: vec![Invocation {
                execution_successful: failures.is_empty(),
                tool_execution_notifications: failures.iter().map(notification).collect(),
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

/// SARIF's name for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(meta: &RuleMeta) -> ReportingDescriptor {
    let text = |s: &str| (!s.trim().is_empty()).then(|| Text::new(s.trim_end()));
    ReportingDescriptor {
        id: meta.id.to_string(),
        short_description: text(&meta.summary),
        full_description: text(meta.doc()),
        default_configuration: Configuration {
            level: level(meta.severity),
        },
    }
}

fn result(uri: &str, doc: &Document, d: &Diagnostic, fingerprint: String) -> SarifResult {
    let region = |span: &Span, snippet: bool| {
        Region::new(
            doc.position(span.start),
            doc.position(span.end),
            span,
            snippet.then(|| &doc.source[span.clone()]),
        )
    };
    let here = |region: Region| PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri.to_string(),
        },
        region,
    };
    let related = d
        .related
        .iter()
        .map(|r| (here(region(&r.span, true)), r.text()))
        .chain(d.elsewhere.iter().map(|e| {
            let location = PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: self::uri(&e.path),
                },
                region: Region::new(e.start, e.end, &e.span, None),
            };
            (location, std::borrow::Cow::Borrowed(e.message.as_str()))
        }))
        .enumerate()
        .map(|(i, (physical_location, message))| Location {
            id: Some(i + 1),
            physical_location,
            message: Some(Text::new(&message)),
        })
        .collect();
    let fixes = d
        .fix
        .iter()
        .map(|fix| SarifFix {
            description: Text::new(&match (fix.replacement.is_empty(), fix.is_safe()) {
                (true, _) => "remove this text".to_string(),
                (false, true) => format!("replace with “{}”", fix.replacement),
                (false, false) => format!(
                    "suggestion, check the context: replace with “{}”",
                    fix.replacement
                ),
            }),
            artifact_changes: vec![ArtifactChange {
                artifact_location: ArtifactLocation {
                    uri: uri.to_string(),
                },
                replacements: vec![Replacement {
                    deleted_region: region(&d.span, false),
                    inserted_content: Text::new(&fix.replacement),
                }],
            }],
        })
        .collect();
    SarifResult {
        rule_id: d.rule.to_string(),
        rule_index: UNKNOWN_RULE_INDEX,
        level: level(d.severity),
        message: Text::new(&d.message),
        locations: vec![Location {
            id: None,
            physical_location: here(region(&d.span, true)),
            message: None,
        }],
        related_locations: related,
        fixes,
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
    }
}

/// FNV-1a over the rule, the path, the flagged text and its sentence (or its line, outside
/// sentences), each prefixed with its length so that no two tuples hash the same bytes.
/// FNV-1a is fixed by its definition: the value never changes between releases or platforms.
fn fingerprint(rule: &str, uri: &str, doc: &Document, span: &Span) -> u64 {
    let context = doc
        .sentence_at(span.start)
        .filter(|s| s.start <= span.start && span.end <= s.end)
        .unwrap_or_else(|| line_around(&doc.source, span));
    let mut hasher = fnv::FnvHasher::default();
    for part in [rule, uri, &doc.source[span.clone()], &doc.source[context]] {
        hasher.write(&(part.len() as u64).to_le_bytes());
        hasher.write(part.as_bytes());
    }
    hasher.finish()
}

/// The lines that hold `span`, without their line breaks.
fn line_around(source: &str, span: &Span) -> Span {
    let start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = source[span.end..]
        .find(['\n', '\r'])
        .map_or(source.len(), |i| span.end + i);
    start..end.max(start)
}

/// The path as shown, as a URI reference: `/` separators, no leading `./`, and everything but
/// unreserved characters, sub-delimiters, `@` and `/` percent-encoded as UTF-8 (a `:` always,
/// so that `a:b.txt` is not read as a scheme). An absolute path becomes a `file://` URI.
pub fn uri(path: &str) -> String {
    let mut path = if std::path::MAIN_SEPARATOR == '\\' {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if drive && std::path::MAIN_SEPARATOR == '\\' {
        return format!("file:///{}{}", &path[..2], encode(&path[2..]));
    }
    if path.starts_with('/') {
        return format!("file://{}", encode(&path));
    }
    encode(&path)
}

fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[derive(Serialize)]
struct SarifLog {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

/// A path that could not be checked.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<NotificationLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: ArtifactOnly,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactOnly {
    artifact_location: ArtifactLocation,
}

fn notification(failure: &Failure) -> Notification {
    Notification {
        level: "error",
        message: Text::new(&format!("{}: {}", failure.path, failure.reason)),
        locations: vec![NotificationLocation {
            physical_location: ArtifactOnly {
                artifact_location: ArtifactLocation {
                    uri: failure.path.replace('\\', "/"),
                },
            },
        }],
    }
}

#[derive(Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn new(text: &str) -> Text {
        Text {
            text: text.to_string(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    /// [`UNKNOWN_RULE_INDEX`] until the log is written.
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

impl Region {
    fn new(start: Position, end: Position, span: &Span, snippet: Option<&str>) -> Region {
        Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
            byte_offset: span.start,
            byte_length: span.end - span.start,
            snippet: snippet.map(Text::new),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::tests::properties::{draft, lint};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Written file by file through the spool (in memory, or in a temporary file past the
        /// first byte), the log is the log built whole, as it was: every result in memory,
        /// its rule index set at the end.
        #[test]
        fn the_log_is_the_whole_log_serialised(
            texts in proptest::collection::vec(draft(), 0..3),
            in_memory in prop_oneof![Just(0usize), Just(1usize << 20)],
            unannounced in any::<bool>(),
        ) {
            let mut streamed = Log::spooling(in_memory);
            streamed.add_rules(Registry::builtin());
            let mut rules = streamed.rules.clone();
            let mut whole = Vec::new();
            for (i, text) in texts.iter().enumerate() {
                let (doc, mut diagnostics) = lint(text, Format::Text);
                // A rule of a pack that was never announced (standard input under a pack).
                if let Some(d) = diagnostics.first_mut().filter(|_| unannounced) {
                    d.rule = "pack/unannounced".into();
                }
                let path = format!("{i}.txt");
                streamed.add_file(&path, &doc, &diagnostics).unwrap();
                let uri = uri(&path);
                let mut seen: HashMap<u64, usize> = HashMap::new();
                for d in &diagnostics {
                    let hash = fingerprint(&d.rule, &uri, &doc, &d.span);
                    let occurrence = seen.entry(hash).or_default();
                    *occurrence += 1;
                    let result = result(&uri, &doc, d, format!("{hash:016x}:{occurrence}"));
                    whole.push((d.rule.to_string(), d.severity, result));
                }
            }
            for (id, severity, _) in &whole {
                rules.entry(id.clone()).or_insert_with(|| {
                    RuleMeta::new(id.clone(), *severity, String::new(), String::new())
                });
            }
            let ids: Vec<String> = rules.keys().cloned().collect();
            let results = whole
                .into_iter()
                .map(|(id, _, mut result)| {
                    result.rule_index = ids.iter().position(|known| *known == id).unwrap();
                    result
                })
                .collect();
            let failures = vec![Failure { path: "gone.txt".into(), reason: "\"results\": []\n".into() }];
            let mut expected = serde_json::to_vec_pretty(&log(&rules, &failures, results)).unwrap();
            expected.push(b'\n');
            let mut written = Vec::new();
            streamed.write(&mut written, &failures).unwrap();
            prop_assert_eq!(String::from_utf8_lossy(&written), String::from_utf8_lossy(&expected));
        }
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("fixtures/a.txt"), "fixtures/a.txt");
        assert_eq!(uri("./a.txt"), "a.txt");
        assert_eq!(uri("a:b,c d.txt"), "a%3Ab,c%20d.txt");
        assert_eq!(uri("讲话.txt"), "%E8%AE%B2%E8%AF%9D.txt");
        assert_eq!(uri("100%.txt"), "100%25.txt");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        if std::path::MAIN_SEPARATOR == '/' {
            assert_eq!(uri("/tmp/a.txt"), "file:///tmp/a.txt");
        }
    }

    #[test]
    fn fingerprints_survive_moved_lines_but_not_other_text() {
        let of = |text: &str, flagged: &str| {
            let doc = Document::new(text.to_string(), Format::Text);
            let start = text.find(flagged).unwrap();
            fingerprint("r/x", "a.txt", &doc, &(start..start + flagged.len()))
        };
        let first = of("会议定于XX召开。\n", "XX");
        assert_eq!(first, of("新的一行。\n\n会议定于XX召开。\n", "XX"));
        assert_ne!(first, of("会议改于XX召开。\n", "XX"));
        // Pinned: fingerprints must not change between releases (FNV-1a 64 of the
        // length-prefixed parts, as an independent implementation computes it).
        assert_eq!(format!("{first:016x}"), "6dc1e3c8cd6a7059");
    }
}
