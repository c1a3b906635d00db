//! `duplicate/cross-file`: paragraphs and sentences shared between the documents of one run,
//! so that a repository of drafts catches last year's paragraph pasted into this year's.
//!
//! One index for the whole run, fed file by file: a hash of each paragraph (30 characters or
//! more) and of each sentence (12 or more) not yet seen, with where it was. Memory grows with
//! the number of distinct paragraphs and sentences, never with pairs of files; documents are
//! not kept. A shared paragraph is reported once, not sentence by sentence. The same
//! exemptions as in one document apply (set phrases, quotations, headings), and a
//! regulation's sentences are not indexed alone: its standard clauses recur in every
//! regulation.
//!
//! What a document contributes ([`prints`]) depends on that document alone, and paragraphs
//! are compared with paragraphs, sentences with sentences: so the index is a group-by on
//! the keys, which a distributed run can do instead (see `engine::fingerprints`).

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap as HashMap;

use super::pass::Duplicates;
use super::units;
use super::MIN_SENTENCE_CHARS;
use crate::diagnostic::Severity;
use crate::diagnostic::{Elsewhere, Span};
use crate::document::{Document, Position};
use crate::rules::RuleDef;

/// Shorter paragraphs are headings and sentences, left to the sentence index.
const MIN_PARAGRAPH_CHARS: usize = 30;

pub const ID: &str = "duplicate/cross-file";

pub static RULE: RuleDef = RuleDef::run_level(
    ID,
    Severity::Warning,
    "与同一次检查中另一文件相同的段落或句子（需 --cross-file 开启）",
    CROSS_FILE,
);

/// What a document offers for comparison with others: a paragraph or a sentence.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Paragraph,
    Sentence,
}

impl Kind {
    /// What a finding of a shared unit of this kind says.
    pub fn message(self) -> &'static str {
        match self {
            Kind::Paragraph => "这一段与另一文件中的一段相同",
            Kind::Sentence => "这句话与另一文件中的一句相同",
        }
    }
}

/// What a finding says of the place a shared unit was first seen.
pub const FIRST_SEEN: &str = "首次出现于";

/// A paragraph or sentence of one document that is compared with other documents: its
/// [`units::key`] (paragraphs and sentences are compared among their own kind) and, for a
/// sentence, the paragraph unit that holds it. A sentence inside a paragraph that is itself
/// shared is not compared: the paragraph is reported, once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Print {
    pub kind: Kind,
    pub key: u64,
    pub span: Span,
    /// For a sentence, the index (among the prints) of the paragraph that holds it, when that
    /// paragraph is long enough to be compared.
    pub paragraph: Option<usize>,
}

/// The units of `doc` that are compared with other documents: its paragraphs of 30
/// characters or more, then its sentences of 12 or more that are not exempt, in document
/// order. A regulation's sentences are left out: its standard clauses recur in every
/// regulation.
pub fn prints(doc: &Document) -> Vec<Print> {
    let found = Duplicates::exemptions(doc);
    let units = &found.units;
    let mut prints: Vec<Print> = doc
        .paragraphs
        .iter()
        .filter_map(|span| {
            let (key, len) = units::normalised_key_and_len(&doc.text, span.clone());
            (len >= MIN_PARAGRAPH_CHARS).then(|| Print {
                kind: Kind::Paragraph,
                key,
                span: span.clone(),
                paragraph: None,
            })
        })
        .collect();
    let paragraphs = prints.len();
    let outline = crate::structure::Outline::build(doc);
    if !found.sections(doc, &outline).is_empty() {
        return prints;
    }
    for (i, sentence) in units.sentences.iter().enumerate() {
        if sentence.len() < MIN_SENTENCE_CHARS || found.exempt.sentences[i] {
            continue;
        }
        let start = sentence.span().start;
        let after = prints[..paragraphs].partition_point(|p| p.span.start <= start);
        let paragraph = after
            .checked_sub(1)
            .filter(|&p| prints[p].span.contains(&start));
        prints.push(Print {
            kind: Kind::Sentence,
            key: units::normalised_key_and_len(&doc.text, sentence.span()).0,
            span: sentence.span(),
            paragraph,
        });
    }
    prints
}

/// Where a text was first seen.
struct Seen {
    file: u32,
    span: Span,
    start: Position,
    end: Position,
}

/// A sentence or paragraph of the current file seen first in another.
pub struct Shared {
    pub span: Span,
    pub message: String,
    pub elsewhere: Elsewhere,
}

#[derive(Default)]
pub struct CrossFileIndex {
    files: Vec<String>,
    seen: HashMap<(Kind, u64), Seen>,
}

impl CrossFileIndex {
    /// Adds `doc` (shown as `path`) to the index and returns what it shares with the files
    /// added before it.
    pub fn add(&mut self, path: &str, doc: &Document) -> Vec<Shared> {
        let file = self.files.len() as u32;
        self.files.push(path.to_string());
        let prints = prints(doc);
        let mut shared_paragraph = vec![false; prints.len()];
        let mut shared = Vec::new();
        for (i, print) in prints.iter().enumerate() {
            if print.paragraph.is_some_and(|p| shared_paragraph[p]) {
                continue;
            }
            if let Some(found) = self.see(doc, file, print) {
                shared_paragraph[i] = print.kind == Kind::Paragraph;
                shared.push(found);
            }
        }
        shared.sort_by_key(|s| s.span.start);
        shared
    }

    /// Records `print` if its text is new to the run; if another file had it first, says
    /// so.
    fn see(&mut self, doc: &Document, file: u32, print: &Print) -> Option<Shared> {
        match self.seen.entry((print.kind, print.key)) {
            Entry::Vacant(entry) => {
                entry.insert(Seen {
                    file,
                    span: print.span.clone(),
                    start: doc.position(print.span.start),
                    end: doc.position(print.span.end),
                });
                None
            }
            Entry::Occupied(entry) if entry.get().file != file => {
                let first = entry.get();
                Some(Shared {
                    span: print.span.clone(),
                    message: print.kind.message().to_string(),
                    elsewhere: Elsewhere {
                        path: self.files[first.file as usize].clone(),
                        span: first.span.clone(),
                        start: first.start,
                        end: first.end,
                        message: FIRST_SEEN.to_string(),
                    },
                })
            }
            Entry::Occupied(_) => None,
        }
    }
}

const CROSS_FILE: &str = r#"
检查什么
  同一次检查的多个文件之间相同的段落（至少 30 个字）和句子（至少 12 个字），例如今年的
  讲话稿里粘贴了去年报告的一段。报告后检查到的文件，并指出先出现的文件和位置。
  默认关闭：用 wenlint check --cross-file 或在配置中写 cross_file = true 开启。
  所有文件共用一个索引，只记每段、每句的哈希和位置：内存随不同段落和句子的数量增长，
  不随文件两两组合增长。与单个文件内相同，固定提法、引文、标题不报告；条例的句子不单独
  比较（各条例的标准条款本来就相同），只比较整段。

为什么
  文件库里的旧稿常被整段粘贴进新稿，单看一个文件发现不了。

会报告
  （a.txt 与 b.txt 中都有）各地要坚持问题导向，聚焦群众反映强烈的突出问题，逐项研究解决办法。

不会报告
  同一文件内的重复（由 duplicate/sentence 等报告）；固定提法；引文；标题。

如何修改
  改写或删去重复的段落，或确认引用无误。
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn a_paragraph_shared_with_an_earlier_file_is_reported_once() {
        let shared =
            "各地要坚持问题导向，聚焦群众反映强烈的突出问题，逐项研究解决办法，确保取得实效。";
        let first = Document::new(format!("去年的报告。\n{shared}\n"), Format::Text);
        let second = Document::new(
            format!("今年的讲话稿开头。\n{shared}\n坚持问题导向，聚焦群众反映强烈的突出问题。\n"),
            Format::Text,
        );
        let mut index = CrossFileIndex::default();
        assert!(index.add("a.txt", &first).is_empty());
        let found = index.add("b.txt", &second);
        assert_eq!(found.len(), 1);
        assert_eq!(&second.source[found[0].span.clone()], shared);
        assert_eq!(found[0].elsewhere.path, "a.txt");
        assert_eq!(found[0].elsewhere.start.line, 2);
    }

    #[test]
    fn a_file_does_not_share_with_itself() {
        let text = "坚持问题导向，聚焦群众反映强烈的突出问题。\n坚持问题导向，聚焦群众反映强烈的突出问题。\n";
        let doc = Document::new(text.to_string(), Format::Text);
        let mut index = CrossFileIndex::default();
        assert!(index.add("a.txt", &doc).is_empty());
    }
}
