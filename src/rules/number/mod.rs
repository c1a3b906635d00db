//! `number/*`: numbers and dates as GB/T 15835-2011 (出版物上数字用法) wants them.
//!
//! The rules share two scanners: [`dates`] reads every `年月日` date (each part in Arabic or
//! Chinese numerals) once, and [`titles`] finds the book titles `《…》`, which are quoted
//! verbatim and never reported (`《1921》`). Everything here reads the lint view, so URLs and
//! Markdown code are already blanked.

pub mod approx;
pub mod date;
pub mod mixed;
pub mod style;

use crate::diagnostic::Span;
use crate::document::census::{Census, CharSet};

use super::RuleDef;
use crate::structure::markers::{chinese_numeral, parse_chinese};

pub static RULES: &[&RuleDef] = &[&mixed::RULE, &date::RULE, &approx::RULE, &style::RULE];

/// The Chinese digits of a year (`二〇二一`): `〇` and its look-alikes `○`, `零`.
pub(crate) fn year_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Characters that make up a number written in Chinese numerals.
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    year_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '亿' | '两')
}

/// The value of a month or day in Chinese numerals, in its one canonical spelling
/// (`十二`, `二十四`, `三十一`); `None` for anything else, such as the approximation `七八`.
pub(crate) fn small_chinese(s: &str) -> Option<u32> {
    let value = parse_chinese(s)?;
    ((1..=99).contains(&value) && chinese_numeral(value) == s).then_some(value)
}

/// A year, month or day of a date.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub span: Span,
    pub value: u32,
    pub chinese: bool,
}

/// A date written with `月`: a month, with the year before it and the day after it when
/// they are written (`2021年12月24日`, `二〇二一年十二月`, `6月30日`, `12月`).
#[derive(Debug, Clone)]
pub(crate) struct DateExpr {
    pub span: Span,
    pub year: Option<Part>,
    pub month: Part,
    pub day: Option<Part>,
}

impl DateExpr {
    /// Whether the written parts use both kinds of numerals.
    pub fn is_mixed(&self) -> bool {
        let parts = [self.year.as_ref(), Some(&self.month), self.day.as_ref()];
        let mut kinds = parts.iter().flatten().map(|p| p.chinese);
        let first = kinds.next();
        kinds.any(|k| Some(k) != first)
    }

    pub fn is_full(&self) -> bool {
        self.year.is_some() && self.day.is_some()
    }

    /// The same date in Arabic numerals (`2021年12月24日`), keeping what follows each number.
    pub fn arabic(&self, text: &str) -> String {
        let mut out = String::new();
        let mut at = self.span.start;
        for part in [self.year.as_ref(), Some(&self.month), self.day.as_ref()]
            .into_iter()
            .flatten()
        {
            out.push_str(&text[at..part.span.start]);
            out.push_str(&part.value.to_string());
            at = part.span.end;
        }
        out.push_str(&text[at..self.span.end]);
        out
    }
}

/// Every date in `text`, in order; `census` is the text's.
pub(crate) fn dates(text: &str, census: &Census) -> Vec<DateExpr> {
    const MONTH: CharSet = CharSet::new(&['月']);
    census
        .find(MONTH)
        .into_iter()
        .filter_map(|(at, _)| date_at(text, at))
        .collect()
}

/// The date whose `月` is at byte `at`.
fn date_at(text: &str, at: usize) -> Option<DateExpr> {
    let month = number_before(text, at, 2)?;
    let year = year_before(text, month.span.start);
    let after_month = at + '月'.len_utf8();
    let day = number_after(text, after_month)
        .filter(|day| matches!(text[day.span.end..].chars().next(), Some('日' | '号')));
    let start = year.as_ref().map_or(month.span.start, |y| y.span.start);
    let end = day
        .as_ref()
        .map_or(after_month, |d| d.span.end + '日'.len_utf8());
    Some(DateExpr {
        span: start..end,
        year,
        month,
        day,
    })
}

/// The month or day that ends at byte `end`: one or two ASCII digits, or a canonical
/// Chinese number, standing alone (not the tail of a longer number, a decimal or a code).
fn number_before(text: &str, end: usize, max_digits: usize) -> Option<Part> {
    let before = &text[..end];
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let start = end - digits;
        let glued = before[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c == '.' || c.is_ascii_alphanumeric());
        if digits > max_digits || glued {
            return None;
        }
        return Some(Part {
            span: start..end,
            value: before[start..].parse().ok()?,
            chinese: false,
        });
    }
    let run = before.len() - before.trim_end_matches(is_chinese_numeral).len();
    if run == 0 || run > 3 * '十'.len_utf8() {
        return None;
    }
    let start = end - run;
    Some(Part {
        span: start..end,
        value: small_chinese(&before[start..])?,
        chinese: true,
    })
}

/// The month or day that starts at byte `start`, as in [`number_before`].
fn number_after(text: &str, start: usize) -> Option<Part> {
    let after = &text[start..];
    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let glued = after[digits..].starts_with('.');
        if digits > 2 || glued {
            return None;
        }
        return Some(Part {
            span: start..start + digits,
            value: after[..digits].parse().ok()?,
            chinese: false,
        });
    }
    let run = after.len() - after.trim_start_matches(is_chinese_numeral).len();
    if run == 0 || run > 3 * '十'.len_utf8() {
        return None;
    }
    Some(Part {
        span: start..start + run,
        value: small_chinese(&after[..run])?,
        chinese: true,
    })
}

/// A four-digit year ending in `年` just before byte `end` (`2021年`, `二〇二一年`).
fn year_before(text: &str, end: usize) -> Option<Part> {
    let before = text[..end].strip_suffix('年')?;
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 4 {
        let start = before.len() - 4;
        if before[..start].ends_with(|c: char| c == '.' || c.is_ascii_alphanumeric()) {
            return None;
        }
        return Some(Part {
            span: start..before.len(),
            value: before[start..].parse().ok()?,
            chinese: false,
        });
    }
    let run: Vec<(usize, char)> = before.char_indices().rev().take(5).collect();
    let chinese_digits = run.iter().take_while(|(_, c)| year_digit(*c).is_some());
    if chinese_digits.count() != 4 || run.get(4).is_some_and(|(_, c)| is_chinese_numeral(*c)) {
        return None;
    }
    let start = run[3].0;
    let value = before[start..]
        .chars()
        .try_fold(0, |v, c| Some(v * 10 + year_digit(c)?))?;
    Some(Part {
        span: start..before.len(),
        value,
        chinese: true,
    })
}

/// Whether a lunar calendar word (`农历`) comes shortly before `at` in the same line: lunar
/// dates are written in Chinese numerals and have their own month lengths.
pub(crate) fn after_lunar_word(text: &str, at: usize) -> bool {
    let window = crate::document::floor_boundary(text, at.saturating_sub(30));
    // Only the window is searched for the line's start: a long line stays linear.
    let from = text[window..at]
        .rfind('\n')
        .map_or(window, |i| window + i + 1);
    ["农历", "阴历", "夏历"]
        .iter()
        .any(|w| text[from..at].contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_months_and_days_have_one_spelling() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十四", 24),
            ("三十一", 31),
        ] {
            assert_eq!(small_chinese(s), Some(v), "{s}");
        }
        for s in ["七八", "一十", "十十", "〇", "两", "百", "二三十"] {
            assert_eq!(small_chinese(s), None, "{s}");
        }
    }

    fn dates(text: &str) -> Vec<DateExpr> {
        super::dates(text, &Census::of(text))
    }

    fn shown(text: &str) -> Vec<(&str, bool, String)> {
        dates(text)
            .into_iter()
            .map(|d| (&text[d.span.clone()], d.is_mixed(), d.arabic(text)))
            .collect()
    }

    #[test]
    fn dates_are_read_with_their_parts() {
        let text = "于二〇二一年12月24日召开，2021年十二月、6月30日前、12月份、1-6月、三个月。";
        assert_eq!(
            shown(text),
            [
                ("二〇二一年12月24日", true, "2021年12月24日".to_string()),
                ("2021年十二月", true, "2021年12月".to_string()),
                ("6月30日", false, "6月30日".to_string()),
                ("12月", false, "12月".to_string()),
                ("6月", false, "6月".to_string()),
            ]
        );
        let full = &dates("一九四九年十月一日")[0];
        assert!(full.is_full() && !full.is_mixed());
        assert_eq!(full.year.as_ref().unwrap().value, 1949);
    }

    #[test]
    fn numbers_glued_to_codes_are_not_dates() {
        for text in [
            "V2.3月",
            "A12月",
            "2021.12月",
            "123月",
            "七八月份",
            "三个月",
        ] {
            assert!(dates(text).is_empty(), "{text}");
        }
        let found = dates("12021年3月");
        assert_eq!(found.len(), 1);
        assert!(found[0].year.is_none(), "a five-digit number is no year");
    }
}
