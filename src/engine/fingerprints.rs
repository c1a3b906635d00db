//! Comparing documents without holding them together: what `duplicate/cross-file` knows of
//! each document, as data (the map of a distributed run), and the findings of one group of
//! equal paragraphs or sentences (its reduce, after the engine has grouped them by key).
//!
//! A run of `wenlint check --cross-file` keeps one index for all its files. An archive of
//! millions of documents does not fit one process, but the index is only a group-by of
//! [`Fingerprint`]s on their key: a distributed engine (Dask, Spark, Ray) does that shuffle,
//! and [`shared`] turns each group into the findings `check --cross-file` would report, given
//! each document's place in the run's order.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::config::Config;
pub use crate::contract::{JsonDiagnostic, JsonPosition, JsonRelated, JsonSpan};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
pub use crate::rules::duplicate::cross_file::Kind;
use crate::rules::duplicate::cross_file::{self, FIRST_SEEN, ID};
use crate::suppress;

/// The paragraphs and sentences of one document that are compared with other documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprints {
    /// The document as reports name it.
    pub path: String,
    /// The severity of `duplicate/cross-file` under the document's config; `None` when the
    /// config turns the rule off, and then `units` is empty: the document takes no part.
    pub severity: Option<Severity>,
    /// Its paragraphs, then its sentences, in document order.
    pub units: Vec<Fingerprint>,
}

/// A paragraph or sentence: the key of its normalised text and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub kind: Kind,
    /// The hash of its normalised text (punctuation, spaces and a leading numbering marker
    /// dropped), as 16 hexadecimal digits: equal texts have equal keys.
    #[serde(serialize_with = "to_hex", deserialize_with = "from_hex")]
    pub key: u64,
    pub span: JsonSpan,
    /// For a sentence, the index in `units` of the paragraph that holds it. When that
    /// paragraph is found in an earlier document, the sentence is not compared: the paragraph
    /// is reported, once.
    pub paragraph: Option<usize>,
    /// Whether a finding here would be silenced by a suppression comment or an `[[ignore]]`
    /// entry: the unit is compared (a later document sharing it is reported) but a finding
    /// on it is not.
    pub silenced: bool,
}

/// A unit with its document's name, place in the run and severity: one element of a group
/// that [`shared`] reduces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub path: String,
    /// The document's place in the run's order: the first document that has a text is where
    /// the others are said to have it from.
    pub order: u64,
    pub severity: Severity,
    #[serde(flatten)]
    pub unit: Fingerprint,
}

/// The fingerprints of `doc`, named `path` in reports and matched as `matched` against
/// `[[ignore]]` entries, under `config`.
pub(crate) fn of(
    doc: &Document,
    config: &Config,
    path: String,
    matched: &std::path::Path,
) -> Fingerprints {
    let Some(severity) = config.severity_of_id(ID) else {
        return Fingerprints {
            path,
            severity: None,
            units: Vec::new(),
        };
    };
    let prints = cross_file::prints(doc);
    let silenced = silenced(doc, config, matched, &prints, severity);
    let units = prints
        .into_iter()
        .zip(silenced)
        .map(|(print, silenced)| Fingerprint {
            kind: print.kind,
            key: print.key,
            span: JsonSpan::new(doc, &print.span),
            paragraph: print.paragraph,
            silenced,
        })
        .collect();
    Fingerprints {
        path,
        severity: Some(severity),
        units,
    }
}

/// Whether a `duplicate/cross-file` finding on each print would be silenced in `doc`, as a
/// run's suppressions would silence it.
fn silenced(
    doc: &Document,
    config: &Config,
    matched: &std::path::Path,
    prints: &[cross_file::Print],
    severity: Severity,
) -> Vec<bool> {
    let findings: Vec<Diagnostic> = prints
        .iter()
        .map(|print| Diagnostic {
            rule: ID.into(),
            severity,
            message: "".into(),
            span: print.span.clone(),
            related: Default::default(),
            elsewhere: Vec::new(),
            fix: None,
        })
        .collect();
    suppress::silenced(doc, config, matched, &findings)
}

/// The `duplicate/cross-file` findings among `occurrences`: in each group of one kind and
/// one key, the occurrence first in the run's order (then in its document) is where the text
/// was first seen, and every occurrence in another document is reported, unless silenced.
/// Occurrences of several keys may be given together. Which sentences to leave out because
/// their paragraph is shared is the caller's part (see [`Fingerprint::paragraph`]).
pub fn shared(mut occurrences: Vec<Occurrence>) -> Vec<JsonDiagnostic> {
    occurrences.sort_by_key(|o| (o.unit.kind, o.unit.key, o.order, o.unit.span.byte_start));
    let mut findings = Vec::new();
    let same_text =
        |a: &Occurrence, b: &Occurrence| a.unit.kind == b.unit.kind && a.unit.key == b.unit.key;
    for group in occurrences.chunk_by(same_text) {
        let first = &group[0];
        let elsewhere = group
            .iter()
            .filter(|o| o.order != first.order && !o.unit.silenced);
        findings.extend(elsewhere.map(|o| JsonDiagnostic {
            path: o.path.clone(),
            rule: ID.to_string(),
            severity: o.severity,
            message: o.unit.kind.message().to_string(),
            span: o.unit.span.clone(),
            related: vec![JsonRelated {
                path: first.path.clone(),
                span: first.unit.span.clone(),
                message: FIRST_SEEN.to_string(),
            }],
            fix: None,
        }));
    }
    findings
}

fn to_hex<S: Serializer>(key: &u64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format!("{key:016x}"))
}

fn from_hex<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let text = String::deserialize(deserializer)?;
    u64::from_str_radix(&text, 16).map_err(|_| {
        serde::de::Error::custom(format!("a key is 16 hexadecimal digits, not `{text}`"))
    })
}
