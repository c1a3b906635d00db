//! What the Word readers ([`super::docx`], [`super::doc`]) share: paragraphs gathered as the
//! lines of one text, the rule that joins the pieces of a paragraph split by manual line
//! breaks, and sizes as their messages give them.

const MIB: u64 = 1 << 20;

/// A limit in a message: whole MiB, or KiB below one MiB.
pub(crate) fn size(bytes: u64) -> String {
    if bytes >= MIB {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// Paragraphs as lines of one text: a paragraph costs its text and a `\n`, however many
/// empty ones a part holds.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    pub(crate) text: String,
    pub(crate) count: usize,
}

impl Lines {
    pub(crate) fn push(&mut self, line: &str) {
        if self.count > 0 {
            self.text.push('\n');
        }
        self.text.push_str(line);
        self.count += 1;
    }

    pub(crate) fn append(&mut self, other: &Lines) {
        if other.count > 0 {
            self.push(&other.text);
            self.count += other.count - 1;
        }
    }
}

/// Stands for a manual line break (`w:br`, `w:cr` in a `.docx`) until the paragraph is complete
/// and the characters on both sides are known. No text a reader keeps can hold it: XML text
/// cannot, and the `.doc` reader drops control characters.
pub(crate) const BREAK: char = '\0';

/// Joins the lines of a paragraph that manual line breaks split: with a space, so that words
/// do not run together, except between two Chinese characters, where a space would not be
/// there in print. Titles of official documents are broken into lines by hand, often
/// mid-word (`素材整⏎理工作`), and a space there would split the word `整理`. Breaks at either
/// end of the paragraph or beside a space add nothing. (The same rule as CSS's for line
/// breaks in source text.)
pub(crate) fn resolve_breaks(line: &str) -> String {
    resolve_breaks_mapped(line).0
}

/// [`resolve_breaks`]: the joined line, and for each character of `line` (and one past its
/// end) the index of the character it became in the result (a break's: the next character's).
pub(crate) fn resolve_breaks_mapped(line: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(line.len());
    let mut moved = Vec::with_capacity(line.len() + 1);
    let mut written = 0;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        moved.push(written);
        if c != BREAK {
            out.push(c);
            written += 1;
            continue;
        }
        while chars.next_if_eq(&BREAK).is_some() {
            moved.push(written);
        }
        let (Some(before), Some(&after)) = (out.chars().next_back(), chars.peek()) else {
            continue;
        };
        let spaced = before.is_whitespace() || after.is_whitespace();
        let chinese = is_wide(before) && is_wide(after);
        if !spaced && !chinese {
            out.push(' ');
            written += 1;
        }
    }
    moved.push(written);
    (out, moved)
}

/// Chinese and Japanese characters and full-width punctuation and forms (East Asian Width
/// W or F), which print without spaces between them. Curly quotes are not among them: their
/// width is ambiguous, so a break beside them stays a space.
fn is_wide(c: char) -> bool {
    matches!(
        c as u32,
        0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF01..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_join_chinese_without_a_space_and_other_text_with_one() {
        for (line, joined) in [
            ("素材整\0理工作", "素材整理工作"),
            ("通知\0\0（草案）", "通知（草案）"),
            ("XX\0局", "XX 局"),
            ("“刀盾”\0传播", "“刀盾” 传播"),
            ("Word\0file", "Word file"),
            ("\0标题\0", "标题"),
            ("甲 \0乙", "甲 乙"),
        ] {
            assert_eq!(resolve_breaks(line), joined, "{line:?}");
        }
    }
}
