//! `wenlint stats`: how long a draft is, as a speechwriter is asked before anything else —
//! its characters, sentences and paragraphs, its longest sentences, and how long it takes to
//! read aloud.
//!
//! Chinese length is counted in characters (字), as drafters count: Word's 字数 counts each
//! Chinese character and each full-width punctuation mark, and each run of Latin letters or
//! digits as one word. Speaking time counts the Chinese characters only, at a pace of about
//! 220 characters a minute for a formal speech (`--pace` changes it).

use serde::Serialize;

use crate::document::chars::is_han;
use crate::document::{Document, Position};

/// The pace of a formal speech, in Chinese characters a minute.
pub const DEFAULT_PACE: u32 = 220;

/// How many of the longest sentences are listed.
const LONGEST: usize = 3;

#[derive(Debug, Serialize, PartialEq)]
pub struct Stats {
    /// Chinese characters (汉字).
    pub hanzi: usize,
    /// 字数 as Word counts it: Chinese characters, full-width punctuation, and each run of
    /// Latin letters or digits as one.
    pub zishu: usize,
    pub sentences: usize,
    pub paragraphs: usize,
    pub longest_sentences: Vec<LongSentence>,
    /// Characters a minute the estimate assumes.
    pub pace: u32,
    /// Estimated speaking time, in whole seconds.
    pub speaking_seconds: u64,
    /// Whose document the text says it is, as the `place` rules read it from the text
    /// alone (the config's `[document]` is not consulted here, so the two can be compared).
    pub identity: Identity,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct LongSentence {
    pub line: usize,
    pub column: usize,
    /// Its Chinese characters.
    pub hanzi: usize,
    /// Its first characters, for recognising it.
    pub opening: String,
}

/// The level a document speaks for, its region if the text names it, and the evidence.
#[derive(Debug, Serialize, PartialEq)]
pub struct Identity {
    /// `省`, `市`, `区`…; `None` when the text does not tell (a national text, a form) or
    /// speaks for two levels alike.
    pub level: Option<char>,
    pub region: Option<String>,
    /// The strongest evidence, as written: `标题或署名中的“山东省”`, `“我省”`.
    pub evidence: String,
    /// The two levels when the evidence is balanced.
    pub balanced: Option<[char; 2]>,
}

fn identity(doc: &Document) -> Identity {
    use crate::rules::place::{self, identity::Verdict};
    let reading = place::identity_of(doc, &crate::config::Profile::default());
    let gazetteer = place::gazetteer::Gazetteer::builtin();
    match &reading.verdict {
        Verdict::Known(known) => Identity {
            level: Some(known.level),
            region: known.region.map(|r| gazetteer.regions()[r].name.to_owned()),
            evidence: place::identity::describe(doc, &reading, known.level, 3),
            balanced: None,
        },
        &Verdict::Balanced(levels) => Identity {
            level: None,
            region: None,
            evidence: levels
                .iter()
                .map(|&l| place::identity::describe(doc, &reading, l, 2))
                .collect::<Vec<_>>()
                .join("；"),
            balanced: Some(levels),
        },
        Verdict::Unknown => Identity {
            level: None,
            region: None,
            evidence: String::new(),
            balanced: None,
        },
    }
}

pub fn of(doc: &Document, pace: u32) -> Stats {
    let hanzi = count_hanzi(&doc.text);
    let mut longest: Vec<(usize, std::ops::Range<usize>)> = doc
        .sentences
        .iter()
        .map(|s| (count_hanzi(&doc.text[s.clone()]), s))
        .collect();
    longest.sort_by_key(|(n, s)| (std::cmp::Reverse(*n), s.start));
    let longest_sentences = longest
        .into_iter()
        .take(LONGEST)
        .filter(|&(n, _)| n > 0)
        .map(|(n, s)| {
            let Position { line, column } = doc.position(s.start);
            LongSentence {
                line,
                column,
                hanzi: n,
                opening: doc.source[s.clone()].chars().take(20).collect(),
            }
        })
        .collect();
    Stats {
        hanzi,
        zishu: count_zishu(&doc.text),
        sentences: doc.sentences.len(),
        paragraphs: doc.paragraphs.len(),
        longest_sentences,
        pace,
        speaking_seconds: (hanzi as u64 * 60).div_ceil(u64::from(pace.max(1))),
        identity: identity(doc),
    }
}

fn count_hanzi(text: &str) -> usize {
    text.chars().filter(|&c| is_han(c)).count()
}

/// Full-width punctuation (CJK symbols and punctuation, full-width forms) and the general
/// punctuation Chinese text uses (`“”‘’…—`).
fn is_chinese_punctuation(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
        && c != '\u{3000}'
}

fn count_zishu(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let word_char = c.is_ascii_alphanumeric();
        if is_han(c) || is_chinese_punctuation(c) || (word_char && !in_word) {
            count += 1;
        }
        in_word = word_char;
    }
    count
}

/// `12分30秒` style, as a drafter would say it.
pub fn minutes_and_seconds(seconds: u64) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} 秒"),
        (m, 0) => format!("{m} 分钟"),
        (m, s) => format!("{m} 分 {s} 秒"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn counts_as_a_drafter_counts() {
        let doc = Document::new(
            "同志们：\n今年GDP增长5%，完成了“十四五”目标。\n".to_string(),
            Format::Text,
        );
        let stats = of(&doc, 220);
        assert_eq!(stats.hanzi, 3 + 2 + 2 + 3 + 3 + 2);
        // 15 hanzi, 5 punctuation marks (：，“”。), GDP and 5 as two words.
        assert_eq!(stats.zishu, 15 + 5 + 2);
        assert_eq!(stats.paragraphs, 2);
        assert_eq!(stats.sentences, 2);
        assert_eq!(stats.longest_sentences[0].line, 2);
        assert_eq!(stats.longest_sentences[0].hanzi, 12);
    }

    #[test]
    fn speaking_time_rounds_up_at_the_pace() {
        let doc = Document::new("字".repeat(440), Format::Text);
        assert_eq!(of(&doc, 220).speaking_seconds, 120);
        assert_eq!(of(&doc, 200).speaking_seconds, 132);
        assert_eq!(minutes_and_seconds(132), "2 分 12 秒");
        assert_eq!(minutes_and_seconds(45), "45 秒");
    }
}
