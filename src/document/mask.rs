//! Building the lint view: which byte ranges are not prose, and blanking them out.

use std::sync::LazyLock;

use regex::Regex;

use crate::span::Span;

/// URLs and e-mail addresses. Only ASCII URL characters are taken, so that a URL written
/// straight into Chinese text (`访问https://www.gov.cn了解`) ends where the Chinese begins.
static URL_OR_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:https?|ftp)://[A-Za-z0-9\-._~:/?\#\[\]@!$&'()*+,;=%]+
      | www\.[A-Za-z0-9\-]+\.[A-Za-z0-9\-._~:/?\#\[\]@!$&'()*+,;=%]+
      | [A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+
    ",
    )
    .expect("URL pattern is valid")
});

/// What every URL or address holds: the pattern runs only on the lines that hold one of
/// these (no match spans a line), most texts having none.
static TRIGGERS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(["://", "www.", "@"]).expect("three literals build")
});

pub(super) fn url_and_email_ranges(text: &str) -> Vec<Span> {
    let mut ranges = Vec::new();
    let mut searched_to = 0;
    for trigger in TRIGGERS.find_iter(text) {
        if trigger.start() < searched_to {
            continue;
        }
        let start = text[..trigger.start()].rfind('\n').map_or(0, |i| i + 1);
        let end = text[trigger.end()..]
            .find('\n')
            .map_or(text.len(), |i| trigger.end() + i);
        let line = &text[start..end];
        ranges.extend(
            URL_OR_EMAIL
                .find_iter(line)
                .map(|m| start + m.start()..start + m.end()),
        );
        searched_to = end;
    }
    ranges
}

/// Replaces every byte inside `hidden` with an ASCII space, except line breaks, so that the
/// result has the same length, the same lines and the same character boundaries around prose.
pub(super) fn blank_out(source: &str, hidden: &[Span]) -> String {
    if hidden.is_empty() {
        return source.to_string();
    }
    let mut bytes = source.as_bytes().to_vec();
    for span in hidden {
        for byte in &mut bytes[span.clone()] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    // Every hidden span starts and ends on a character boundary and only whole characters are
    // replaced by ASCII, so the bytes stay valid UTF-8; fall back to a lossy copy rather than
    // panic if a caller ever breaks that.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Where each line of `text` starts: 0, and after each line break (one past the last byte
/// when the text ends with one). The breaks are counted first by a vectorised search, so
/// that the list is made at its length instead of grown to it and trimmed.
pub(super) fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    starts
}

/// Each line's byte range, without its terminator, from where the lines start
/// ([`line_starts`], of `text` or of a text with the same line breaks): nothing after a
/// final break is a line, and an empty text has none.
pub(super) fn line_ranges(text: &str, starts: &[usize]) -> Vec<Span> {
    let ends = starts
        .iter()
        .skip(1)
        .copied()
        .chain(std::iter::once(text.len()));
    starts
        .iter()
        .zip(ends)
        .filter(|&(&start, _)| start < text.len())
        .map(|(&start, end)| {
            let content = text[start..end].trim_end_matches(['\n', '\r']);
            start..start + content.len()
        })
        .collect()
}

/// Narrows a span to its content without surrounding whitespace (U+3000 included, which opens
/// most 公文 paragraphs as indentation); `None` when nothing is left. Sentences are trimmed
/// by it too: inlined, as it was written out there.
#[inline]
pub(super) fn trim(text: &str, span: Span) -> Option<Span> {
    let slice = &text[span.clone()];
    let rest = super::chars::trim_start(slice);
    let leading = slice.len() - rest.len();
    let content = rest.trim_end();
    (!content.is_empty()).then(|| span.start + leading..span.start + leading + content.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The lines are those `split_inclusive` gives, each without its line break and the
        /// carriage returns before it: none after a final break, none in an empty text.
        #[test]
        fn lines_are_those_split_at_each_break(text in "[a甲\r\n ]{0,24}") {
            let mut expected = Vec::new();
            let mut start = 0;
            for line in text.split_inclusive('\n') {
                let content = line.trim_end_matches(['\n', '\r']);
                expected.push(start..start + content.len());
                start += line.len();
            }
            proptest::prop_assert_eq!(line_ranges(&text, &line_starts(&text)), expected);
        }
    }

    #[test]
    fn addresses_are_found_line_by_line_as_in_the_whole_text() {
        let text = "一、联系邮箱：office@example.gov.cn，网址www.example.gov.cn/a。\n\
                    第二行没有地址。\n见 https://a.cn/x 与 ftp://b.cn；@某人\nlast@x.cn";
        let whole: Vec<Span> = URL_OR_EMAIL.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(whole.len(), 5);
        assert_eq!(url_and_email_ranges(text), whole);
        assert!(url_and_email_ranges("没有网址的正文。\n第二行。").is_empty());
    }

    #[test]
    fn url_stops_at_chinese_text() {
        let text = "访问https://www.gov.cn/zwxx_1.html了解详情";
        let ranges = url_and_email_ranges(text);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "https://www.gov.cn/zwxx_1.html");
    }

    #[test]
    fn blanking_keeps_newlines_and_length() {
        let text = "一\n二三";
        let everything: Vec<Span> = std::iter::once(0..text.len()).collect();
        let blanked = blank_out(text, &everything);
        assert_eq!(blanked.len(), text.len());
        assert_eq!(blanked.matches('\n').count(), 1);
        assert!(blanked.trim().is_empty());
    }

    #[test]
    fn trim_removes_ideographic_space() {
        let text = "\u{3000}\u{3000}正文。 ";
        let span = trim(text, 0..text.len()).unwrap();
        assert_eq!(&text[span], "正文。");
        assert_eq!(trim("\u{3000} ", 0..4), None);
    }
}
