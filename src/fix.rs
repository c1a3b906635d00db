//! `--fix`: applying the fixes rules offer, and writing the file back as it was stored.
//!
//! Only the bytes of the fixed spans change. The text is encoded again in the encoding it was
//! read in (UTF-8 with or without a byte-order mark, UTF-16, GB18030/GBK; in a legacy encoding
//! the lines no fix touched keep their stored bytes, see [`encode_over`]), line endings are
//! untouched (no fix spans a line break), and the file is replaced atomically: the new text is
//! written to a temporary file in the same directory, which is then renamed over the old one,
//! so an interrupted run leaves either the old file or the new one, never half of each.

use std::io::Write;
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::lang::Text;

/// The fixed text and how many fixes went into it, or `None` when nothing was fixed.
pub fn apply(source: &str, diagnostics: &[Diagnostic]) -> Option<(String, usize)> {
    let mut fixes: Vec<(&std::ops::Range<usize>, &str)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (&d.span, f.replacement.as_str())))
        .filter(|(span, replacement)| &source[(*span).clone()] != *replacement)
        .collect();
    fixes.sort_by_key(|(span, _)| (span.start, span.end));
    let mut fixed = String::with_capacity(source.len());
    let mut at = 0;
    let mut count = 0;
    for (span, replacement) in fixes {
        // Two rules fixing overlapping text: the first fix wins, the next run sees the rest.
        if span.start < at {
            continue;
        }
        fixed.push_str(&source[at..span.start]);
        fixed.push_str(replacement);
        at = span.end;
        count += 1;
    }
    if count == 0 {
        return None;
    }
    fixed.push_str(&source[at..]);
    Some((fixed, count))
}

/// Passes of [`apply_until_stable`] before it stops: fixes rarely enable more than one
/// further fix, and a pair of rules that undo each other must not loop forever.
const MAX_PASSES: usize = 8;

/// A document fixed until nothing is left to fix, with the findings of its last lint.
pub struct Fixed {
    pub doc: Document,
    pub diagnostics: Vec<Diagnostic>,
    /// Fixes applied; 0 when `doc` is the document given.
    pub fixes: usize,
}

/// Applies fixes, then lints the fixed text and applies what that finds, until nothing is
/// left to fix: one fix can put another mark in Chinese text (`(二);` becomes `（二）;`, whose
/// `;` now needs fixing too), and overlapping fixes wait for the next pass. This is what makes
/// a second `--fix` change nothing. `lint` gives a document's findings, `fixable` keeps those
/// whose fixes may be applied (not the suppressed ones); the last lint's findings are
/// returned, so the fixed document need not be linted again to be reported.
pub fn apply_until_stable(
    mut doc: Document,
    mut lint: impl FnMut(&Document) -> Vec<Diagnostic>,
    mut fixable: impl FnMut(&Document, Vec<Diagnostic>) -> Vec<Diagnostic>,
) -> Fixed {
    let (mut fixes, mut passes) = (0, 0);
    loop {
        let diagnostics = lint(&doc);
        let fixed = (passes < MAX_PASSES)
            .then(|| apply(&doc.source, &fixable(&doc, diagnostics.clone())))
            .flatten();
        let Some((text, count)) = fixed else {
            return Fixed {
                doc,
                diagnostics,
                fixes,
            };
        };
        fixes += count;
        passes += 1;
        doc = Document::new(text, doc.format);
    }
}

/// What `--diff` prints for one file: a unified diff from its text to the fixed text, with
/// three lines of context, headed by its path. In colour (on a terminal), removed lines are
/// red, added lines green, and the characters that changed are shown in reverse video: a
/// paragraph of a draft is one long line, and a `,` that became `，` would be lost in it.
pub fn unified_diff(path: &str, before: &str, after: &str, color: bool) -> String {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut unified = diff.unified_diff();
    unified.context_radius(3).header(path, path);
    if !color {
        return unified.to_string();
    }
    let mut out = format!("\x1b[1m--- {path}\n+++ {path}\x1b[0m\n");
    for hunk in unified.iter_hunks() {
        out.push_str(&format!("\x1b[36m{}\x1b[0m\n", hunk.header()));
        for change in hunk
            .ops()
            .iter()
            .flat_map(|op| diff.iter_inline_changes(op))
        {
            let (sign, colour) = match change.tag() {
                similar::ChangeTag::Delete => ('-', "\x1b[31m"),
                similar::ChangeTag::Insert => ('+', "\x1b[32m"),
                similar::ChangeTag::Equal => (' ', ""),
            };
            out.push_str(colour);
            out.push(sign);
            for (changed, part) in change.iter_strings_lossy() {
                let part = part.trim_end_matches(['\n', '\r']);
                if changed {
                    out.push_str(&format!("\x1b[7m{part}\x1b[27m"));
                } else {
                    out.push_str(part);
                }
            }
            out.push_str("\x1b[0m\n");
        }
    }
    out
}

/// `text` as the bytes of a file in `encoding`, with a byte-order mark if the file had one;
/// an error if a character has no representation there (a fix never brings one in, but the
/// check keeps a file from being damaged if it ever did).
pub fn encode(text: &str, encoding: &'static Encoding, bom: bool) -> Result<Vec<u8>, Text> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if encoding == UTF_8 {
        if bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(text.as_bytes());
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        // encoding_rs decodes UTF-16 but encodes only to UTF-8, by the Encoding Standard.
        let little = encoding == UTF_16LE;
        let unit = |u: u16| {
            if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            }
        };
        if bom {
            bytes.extend_from_slice(&unit(0xFEFF));
        }
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&unit(u));
        }
    } else {
        let (encoded, _, unmappable) = encoding.encode(text);
        if unmappable {
            return Err(Text::new(
                format!("修正后的文字无法用 {} 编码写回", encoding.name()),
                format!("the fixed text cannot be written in {}", encoding.name()),
            ));
        }
        bytes.extend_from_slice(&encoded);
    }
    Ok(bytes)
}

/// The fixed text as the bytes of the file it was read from, which is stored as `stored`
/// and read as `original`. In UTF-8 and UTF-16 a text has one spelling in bytes, so the fixed
/// text is simply encoded. A legacy encoding (GB18030, Big5, Shift_JIS) can spell a character
/// two ways (GB18030 reads `A3 A0` as U+3000 but writes U+3000 as `A1 A1`), so encoding the
/// whole text again could change bytes no fix touched. Here the lines no fix touched keep their
/// stored bytes, and a fixed line whose stored bytes are not what the encoding writes for its
/// text is an error naming the line, not a silent change beside the fix.
pub fn encode_over(
    stored: &[u8],
    original: &str,
    fixed: &str,
    encoding: &'static Encoding,
    bom: bool,
) -> Result<Vec<u8>, Text> {
    if encoding == UTF_8 || encoding == UTF_16LE || encoding == UTF_16BE {
        return encode(fixed, encoding, bom);
    }
    let stored_lines: Vec<&[u8]> = stored.split_inclusive(|&b| b == b'\n').collect();
    let original_lines: Vec<&str> = original.split_inclusive('\n').collect();
    let fixed_lines: Vec<&str> = fixed.split_inclusive('\n').collect();
    let same_shape =
        stored_lines.len() == original_lines.len() && original_lines.len() == fixed_lines.len();
    if !same_shape {
        // Fixes never add or remove a line break; should one ever, the file is written whole,
        // if its stored bytes are the encoding's own spelling of its text.
        return match encode(original, encoding, bom) {
            Ok(again) if again == stored => encode(fixed, encoding, bom),
            _ => Err(respelled(encoding, None)),
        };
    }
    let mut bytes = Vec::with_capacity(stored.len() + fixed.len().saturating_sub(original.len()));
    for (number, ((stored, original), fixed)) in stored_lines
        .into_iter()
        .zip(original_lines)
        .zip(fixed_lines)
        .enumerate()
    {
        if original == fixed {
            bytes.extend_from_slice(stored);
            continue;
        }
        if encode(original, encoding, false).ok().as_deref() != Some(stored) {
            return Err(respelled(encoding, Some(number + 1)));
        }
        bytes.extend_from_slice(&encode(fixed, encoding, false)?);
    }
    Ok(bytes)
}

/// The error of a fix that would change bytes it did not fix.
fn respelled(encoding: &'static Encoding, line: Option<usize>) -> Text {
    let (zh_at, en_at) = match line {
        Some(line) => (format!("第 {line} 行"), format!("line {line}")),
        None => ("文件".to_string(), "the file".to_string()),
    };
    Text::new(
        format!(
            "{zh_at}含有 {name} 无法原样写回的字节，写回会改动修正以外的内容",
            name = encoding.name()
        ),
        format!(
            "{en_at} holds bytes {name} cannot write back as they are; writing would change more than the fixes",
            name = encoding.name()
        ),
    )
}

/// Replaces the file at `path` with `bytes` atomically, keeping its permissions (or creates
/// it, when there is none).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let permissions = match std::fs::metadata(path) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};

    fn fixing(span: std::ops::Range<usize>, replacement: &str) -> Diagnostic {
        Diagnostic {
            rule: "term/test".into(),
            severity: Severity::Warning,
            message: "".into(),
            span,
            related: Default::default(),
            elsewhere: Vec::new(),
            fix: Some(Box::new(Fix::safe(replacement))),
        }
    }

    #[test]
    fn fixes_replace_only_their_spans_and_the_first_of_overlapping_wins() {
        let source = "甲布署乙\r\n丙截止目前丁";
        let a = source.find("布署").unwrap();
        let b = source.find("截止").unwrap();
        let diagnostics = [
            fixing(a..a + 6, "部署"),
            fixing(b..b + 12, "截至目前"),
            fixing(b..b + 6, "截至"),
        ];
        assert_eq!(
            apply(source, &diagnostics),
            Some(("甲部署乙\r\n丙截至目前丁".to_string(), 2))
        );
    }

    #[test]
    fn the_coloured_diff_marks_the_changed_characters() {
        let before = "一、总体要求\n各单位要高度重视,认真落实。\n";
        let after = "一、总体要求\n各单位要高度重视，认真落实。\n";
        let plain = unified_diff("a.txt", before, after, false);
        assert!(plain.contains("-各单位要高度重视,认真落实。\n+各单位要高度重视，认真落实。\n"));
        assert!(!plain.contains('\x1b'));
        let coloured = unified_diff("a.txt", before, after, true);
        assert!(coloured.contains("\x1b[31m-各单位要高度重视\x1b[7m,\x1b[27m认真落实。\x1b[0m\n"));
        assert!(coloured.contains("\x1b[32m+各单位要高度重视\x1b[7m，\x1b[27m认真落实。\x1b[0m\n"));
        assert!(coloured.contains(" 一、总体要求"));
    }

    #[test]
    fn nothing_to_fix_is_none() {
        assert_eq!(apply("部署", &[fixing(0..6, "部署")]), None);
        assert_eq!(apply("部署", &[]), None);
    }

    #[test]
    fn encodings_round_trip() {
        let text = "两个确立\r\n";
        for (encoding, bom) in [
            (UTF_8, false),
            (UTF_8, true),
            (UTF_16LE, true),
            (UTF_16BE, true),
            (encoding_rs::GB18030, false),
        ] {
            let bytes = encode(text, encoding, bom).unwrap();
            let decoded = crate::read::decode(&bytes).unwrap();
            assert_eq!(decoded.text, text, "{}", encoding.name());
            assert_eq!(decoded.bom, bom, "{}", encoding.name());
        }
    }

    #[test]
    fn a_fix_that_changed_the_lines_writes_the_file_whole_only_if_its_bytes_are_its_own() {
        let gb = encoding_rs::GB18030;
        let own = gb.encode("认真布署。\n").0.into_owned();
        assert_eq!(
            encode_over(&own, "认真布署。\n", "认真部署。\n\n", gb, false).unwrap(),
            gb.encode("认真部署。\n\n").0.into_owned()
        );
        let respelt = [b"\xA3\xA0".as_slice(), &own].concat();
        assert!(encode_over(
            &respelt,
            "\u{3000}认真布署。\n",
            "\u{3000}认真部署。\n\n",
            gb,
            false
        )
        .is_err());
    }
}
