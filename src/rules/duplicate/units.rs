//! Sentences and their clauses, normalised for comparison (the duplicate rules compare them;
//! built once per document, see [`Context::units`](crate::rules::Context::units)).
//!
//! Normalising drops everything but letters, digits and ideographs (punctuation, spaces,
//! quotation marks) and a leading numbering marker, so `（二）加强领导。` and `加强领导；`
//! compare equal. Clauses are the parts of a sentence between `，；：`.

use std::ops::Range;

use crate::document::Document;
use crate::structure::markers::marker_at;

/// A sentence or clause: where it is, and its normalised characters.
#[derive(Debug, Clone)]
pub struct Unit {
    pub span: Range<usize>,
    pub chars: Vec<char>,
    /// [`key`] of `chars`, computed once: equal units are found by it.
    pub key: u64,
    /// Index of the sentence it belongs to (itself, for a sentence).
    pub sentence: usize,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// A document's sentences and clauses, normalised; built once per document
/// ([`Document::units`]).
#[derive(Debug)]
pub struct Units {
    pub sentences: Vec<Unit>,
    pub clauses: Vec<Unit>,
    /// Which sentences and clauses the rules comparing them leave alone (set phrases,
    /// quotations, headings), worked out by the first rule that needs it and shared.
    pub exempt: std::sync::OnceLock<Exempt>,
}

/// One flag per sentence and per clause of [`Units`], and the offsets where the sections of
/// a regulation start (repeats across sections are by design); empty for other texts.
#[derive(Debug)]
pub struct Exempt {
    pub sentences: Vec<bool>,
    pub clauses: Vec<bool>,
    pub sections: Vec<usize>,
}

impl Units {
    pub fn new(doc: &Document) -> Units {
        let mut sentences = sentences(doc);
        let mut clauses = clauses(doc, &sentences);
        sentences.shrink_to_fit();
        clauses.shrink_to_fit();
        Units {
            sentences,
            clauses,
            exempt: std::sync::OnceLock::new(),
        }
    }
}

/// A 64-bit hash of normalised characters: what equal units share.
pub fn key(chars: &[char]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write_usize(chars.len());
    for &c in chars {
        hasher.write_u32(c as u32);
    }
    hasher.finish()
}

/// Every sentence of the document, normalised.
fn sentences(doc: &Document) -> Vec<Unit> {
    let mut paragraph = 0;
    doc.sentences
        .iter()
        .enumerate()
        .map(|(i, span)| {
            while doc
                .paragraphs
                .get(paragraph)
                .is_some_and(|p| p.end <= span.start)
            {
                paragraph += 1;
            }
            let chars = normalise(&doc.text, span.clone());
            Unit {
                span: span.clone(),
                key: key(&chars),
                chars,
                sentence: i,
                paragraph,
            }
        })
        .collect()
}

/// The clauses of each sentence, normalised.
fn clauses(doc: &Document, sentences: &[Unit]) -> Vec<Unit> {
    let mut clauses = Vec::new();
    for sentence in sentences {
        let text = &doc.text[sentence.span.clone()];
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if matches!(c, '，' | '；' | '：' | ',' | ';' | ':') {
                push_clause(doc, sentence, start..i, &mut clauses);
                start = i + c.len_utf8();
            }
        }
        push_clause(doc, sentence, start..text.len(), &mut clauses);
    }
    clauses
}

fn push_clause(doc: &Document, sentence: &Unit, local: Range<usize>, out: &mut Vec<Unit>) {
    let span = sentence.span.start + local.start..sentence.span.start + local.end;
    let chars = normalise(&doc.text, span.clone());
    if chars.is_empty() {
        return;
    }
    let text = &doc.text[span.clone()];
    let leading = text.len() - text.trim_start().len();
    let trailing = text.trim_end_matches(|c: char| !is_word_character(c)).len();
    out.push(Unit {
        span: span.start + leading..span.start + trailing.max(leading),
        key: key(&chars),
        chars,
        sentence: sentence.sentence,
        paragraph: sentence.paragraph,
    });
}

/// The letters, digits and ideographs of `span`, after any leading numbering marker;
/// Latin letters in lower case.
pub fn normalise(text: &str, span: Range<usize>) -> Vec<char> {
    let slice = &text[span.clone()];
    let may_open_with_marker = slice.chars().next().is_some_and(|c| {
        c.is_ascii_digit() || "（(第一二三四五六七八九十①②③④⑤⑥⑦⑧⑨⑩⑴⑵⑶⑷⑸".contains(c)
    });
    let skip = if may_open_with_marker {
        marker_at(slice, span.start, span.end, true)
            .filter(|m| !m.uncertain)
            .map_or(0, |m| m.span.end - span.start)
    } else {
        0
    };
    // Every sentence and clause of a document is held at once, so each gets an allocation of
    // its exact size: the characters are gathered in a buffer reused from call to call, then
    // copied once (growing each vector would leave a third of the memory as slack).
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<char>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.clear();
        scratch.extend(
            slice[skip..]
                .chars()
                .filter(|&c| is_word_character(c))
                .map(|c| c.to_ascii_lowercase()),
        );
        scratch.to_vec()
    })
}

/// Letters, digits and ideographs. The common ideographs and the punctuation of Chinese text
/// (`，。“”…—`, General Punctuation and CJK Symbols, none of them letters) are decided first,
/// because the general Unicode lookup is slow and they are most of the text.
fn is_word_character(c: char) -> bool {
    match c {
        '\u{4E00}'..='\u{9FFF}' => true,
        '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' => false,
        _ => c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    impl Unit {
        fn text(&self) -> String {
            self.chars.iter().collect()
        }
    }

    #[test]
    fn markers_and_punctuation_do_not_count() {
        let doc = Document::new(
            "（二）加强“组织”领导，压实责任。\n3.加强组织领导。".into(),
            Format::Text,
        );
        let sentences = sentences(&doc);
        assert_eq!(sentences[0].text(), "加强组织领导压实责任");
        assert_eq!(sentences[1].text(), "加强组织领导");
        let clauses = clauses(&doc, &sentences);
        let shown: Vec<&str> = clauses
            .iter()
            .map(|c| &doc.source[c.span.clone()])
            .collect();
        assert_eq!(
            shown,
            ["（二）加强“组织”领导", "压实责任", "3.加强组织领导"]
        );
        assert_eq!(clauses[1].paragraph, 0);
        assert_eq!(clauses[2].paragraph, 1);
    }
}
