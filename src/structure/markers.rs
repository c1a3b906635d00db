//! Recognising numbering markers (`一、` `（一）` `1.` `（1）` `⑴` `①` `第一章`) where a heading or an
//! item can start: at the start of a sentence. A paragraph start is a sentence start, and so is
//! the point after `。` where drafts run `1.` `2.` `3.` on inside one paragraph.
//!
//! Recognition is deliberately narrow: `1.5倍`, `2021.12`, `第一次`, `第一书记`, `十九大`,
//! `二〇二一年` and `一、二级医院` are not markers.

use std::sync::LazyLock;

use regex::Regex;

use crate::span::Span;

/// The levels of GB/T 9704-2012 7.3.3 (`一、` → `（一）` → `1.` → `（1）`), then `①`, and the
/// chapter/section/article scheme of regulations, which numbers on its own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// `一、`
    Chinese,
    /// `（一）`
    ParenChinese,
    /// `1.`
    Arabic,
    /// `（1）`
    ParenArabic,
    /// `①`
    Circled,
    /// `第一章`, `第一节`, `第一条`…
    Legal(LegalUnit),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LegalUnit {
    Part,
    Chapter,
    Section,
    Article,
}

impl Level {
    /// Depth in the GB/T 9704 hierarchy; the legal scheme has its own depths.
    pub fn rank(self) -> u8 {
        match self {
            Level::Chinese => 1,
            Level::ParenChinese => 2,
            Level::Arabic => 3,
            Level::ParenArabic => 4,
            Level::Circled => 5,
            Level::Legal(LegalUnit::Part) => 1,
            Level::Legal(LegalUnit::Chapter) => 2,
            Level::Legal(LegalUnit::Section) => 3,
            Level::Legal(LegalUnit::Article) => 4,
        }
    }

    pub fn is_legal(self) -> bool {
        matches!(self, Level::Legal(_))
    }

    /// How the marker of `value` is written canonically.
    pub fn canonical(self, value: u32) -> String {
        let cn = chinese_numeral(value);
        match self {
            Level::Chinese => format!("{cn}、"),
            Level::ParenChinese => format!("（{cn}）"),
            Level::Arabic => format!("{value}."),
            Level::ParenArabic => format!("（{value}）"),
            Level::Circled => char::from_u32(0x2460 + value.saturating_sub(1))
                .filter(|_| (1..=20).contains(&value))
                .map_or_else(|| format!("({value})"), String::from),
            Level::Legal(unit) => format!(
                "第{cn}{}",
                match unit {
                    LegalUnit::Part => "部分",
                    LegalUnit::Chapter => "章",
                    LegalUnit::Section => "节",
                    LegalUnit::Article => "条",
                }
            ),
        }
    }
}

/// A numbering marker found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The marker itself, e.g. `（一）` or `1.`, with any stray punctuation after it.
    pub span: Span,
    pub level: Level,
    pub value: u32,
    /// The text after the marker up to the end of its sentence.
    pub title: Span,
    /// Whether the marker opens its paragraph (a heading) or runs on inside one (an item).
    pub opens_paragraph: bool,
    /// `20.2026年…`: a number and a point followed by digits may be a decimal; it counts as a
    /// marker only where it continues a list (`19.` just before it).
    pub uncertain: bool,
    /// A Markdown ordered-list number: markup, so its form (`1.` or `1)`) is not checked.
    pub markup: bool,
    /// How the marker departs from any form a drafter would write on purpose (`10企业`,
    /// `l.总则`). Such a marker is [`Marker::uncertain`]: it counts only where it continues
    /// a list, and then it is read as the marker the drafter meant.
    pub slip: Option<Slip>,
}

/// A marker as a slip of the keyboard leaves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slip {
    /// `10企业`, `1 提前`: the number lost its point.
    LostPoint,
    /// `(1参赛人数`: the bracket was not closed.
    LostBracket,
    /// `.做好采购工作` between `3.` and `5.`: the number was deleted, the point kept.
    LostNumber,
    /// `l.总则`, `1O.`: a letter typed for a digit.
    LetterForDigit,
    /// `一.背景`, `八．`, `1,总则`: a point or a comma where the level takes `、` (or where
    /// no level takes a comma).
    WrongSeparator,
    /// `壹、`, `（壹）`: the capital numerals of amounts (and of some character conversions)
    /// where the numbering takes `一`.
    CapitalNumeral,
}

impl Marker {
    /// The marker as the reader sees it: as written, or, for a Markdown list number, as
    /// displayed (`1.` `1.` `1.` displays as 1, 2, 3).
    pub fn shown(&self, source: &str) -> String {
        if self.markup {
            self.level.canonical(self.value)
        } else {
            source[self.span.clone()].to_string()
        }
    }
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?P<cn>[一二三四五六七八九十]{1,3})、
          | [（(](?P<pcn>[一二三四五六七八九十]{1,3})[）)][、.．，,：:]?
          | (?P<ar>[0-9]{1,2})[.．、](?P<digit>[0-9])?(?:[^0-9.．、]|$)?
          | [（(](?P<par>[0-9]{1,2})[）)][、.．，,：:]?
          | (?P<ci>[①-⑳])[、.．]?
          | (?P<pd>[⑴-⒇])[、.．]?
          | 第(?P<lg>[一二三四五六七八九十百零〇]{1,5})(?P<unit>部分|章|节|条)(?:[\s\u{3000}]|$)
        )",
    )
    .expect("marker pattern is valid")
});

/// The groups of [`MARKER`], by number: one looked up by its name is found through a table
/// of the names, hashed, and a long document's markers are read tens of thousands of times.
mod group {
    pub const CN: usize = 1;
    pub const PCN: usize = 2;
    pub const AR: usize = 3;
    pub const DIGIT: usize = 4;
    pub const PAR: usize = 5;
    pub const CI: usize = 6;
    pub const PD: usize = 7;
    pub const LG: usize = 8;
    pub const UNIT: usize = 9;
}

/// A paragraph that opens with what a slip leaves of a marker, before a Han character: a
/// number without its point (`10企业`, `1 提前`), letters in a digit's place (`l.总则`, `1O.`),
/// a comma for the point (`1,总则`), a point after a Chinese numeral (`一.背景`), a bracket
/// left open (`(1参赛`), or a point whose number was deleted (`.做好`). Numbers that a
/// measure word or a unit follows (`10月`, `3个`, `5万元`) are counts, not markers.
static SLIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?P<bare>[0-9]{1,2})[\x20\u{3000}]?(?P<bare_next>\p{Han})
          | (?P<look>[0-9lIO]{1,2})[.．、](?P<look_next>\p{Han})
          | (?P<comma>[0-9]{1,2})[，,](?P<comma_next>\p{Han})
          | (?P<cn>[一二三四五六七八九十]{1,3})[.．，,](?P<cn_next>\p{Han})
          | (?P<cn_bare>[一二三四五六七八九十]{1,3})(?P<cn_bare_next>\p{Han})
          | [（(](?P<open>[0-9]{1,2})(?P<open_next>\p{Han})
          | [.．、](?P<none_next>\p{Han})
          | (?P<cap>[壹贰貳叁參肆伍陆陸柒捌玖拾]{1,3})、
          | [（(](?P<pcap>[壹贰貳叁參肆伍陆陸柒捌玖拾]{1,3})[）)]
        )",
    )
    .expect("slip pattern is valid")
});

/// What follows a count rather than a marker: `10月`, `3个`, `5万元`, `2号楼`.
const MEASURES: &str = "年月日时分秒号点个位名人户家项条件次种类批起辆台套亩万亿千百元角岁\
    米吨倍余多所座层期部篇场张本支只股度级届周天季批页";

const NUMERALS: &str = "零〇一二两三四五六七八九十百千万";

/// `壹貳叁` as `一二三`.
fn plain_numerals(capital: &str) -> String {
    capital
        .chars()
        .map(|c| match c {
            '壹' => '一',
            '贰' | '貳' => '二',
            '叁' | '參' => '三',
            '肆' => '四',
            '伍' => '五',
            '陆' | '陸' => '六',
            '柒' => '七',
            '捌' => '八',
            '玖' => '九',
            '拾' => '十',
            c => c,
        })
        .collect()
}

/// Characters that make a word with a numeral before them (`一些`, `三农`, `四是`, `一年来`):
/// after one of these a numeral is the word's, not a heading's.
const NUMERAL_WORDS: &str = "是要些切直定般致起旦度系流方则来同样边律向共手线把为在对步贯体举身生\
    农公严实会化好大带路老小新连中下上";

/// `九强化宣传引导`, `一基本情况`: a Chinese numeral that lost its `、` leaves a short heading
/// with no full stop. A sentence (`六稳六保工作扎实推进。`), or a numeral that makes a word with
/// what follows (`三农`, `四个`), is not one.
fn is_bare_heading(sentence: &str, next: &str) -> bool {
    const HEADING_CHARS: usize = 40;
    !MEASURES.contains(next)
        && !NUMERALS.contains(next)
        && !NUMERAL_WORDS.contains(next)
        && sentence.chars().nth(HEADING_CHARS).is_none()
        && !sentence
            .trim_end()
            .ends_with(['。', '！', '？', '；', '!', '?', ';'])
}

/// The marker a slip leaves at the start of a paragraph, read as the drafter meant it. A
/// deleted number ([`Slip::LostNumber`]) reads as 0 until its neighbours tell what it was.
fn slip_at(text: &str, at: usize, sentence_end: usize) -> Option<Marker> {
    let caps = SLIP.captures(text)?;
    let next = |name: &str| caps.name(name).map(|m| m.as_str());
    let number = |m: regex::Match| m.as_str().parse::<u32>().ok();
    let (span, level, value, slip) = if let Some(bare) = caps.name("bare") {
        if MEASURES.contains(next("bare_next")?) {
            return None;
        }
        // `3 做好`: the space goes with the lost point, so the fix leaves `3.做好`.
        let end = caps.name("bare_next")?.start();
        (0..end, Level::Arabic, number(bare)?, Slip::LostPoint)
    } else if let Some(look) = caps.name("look") {
        if look.as_str().bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits: String = look
            .as_str()
            .chars()
            .map(|c| match c {
                'l' | 'I' => '1',
                'O' => '0',
                c => c,
            })
            .collect();
        let end = caps.name("look_next")?.start();
        (
            0..end,
            Level::Arabic,
            digits.parse().ok()?,
            Slip::LetterForDigit,
        )
    } else if let Some(comma) = caps.name("comma") {
        let end = caps.name("comma_next")?.start();
        (0..end, Level::Arabic, number(comma)?, Slip::WrongSeparator)
    } else if let Some(cn) = caps.name("cn") {
        if NUMERALS.contains(next("cn_next")?) {
            return None;
        }
        let end = caps.name("cn_next")?.start();
        let value = parse_chinese(cn.as_str())?;
        (0..end, Level::Chinese, value, Slip::WrongSeparator)
    } else if let Some(cn) = caps.name("cn_bare") {
        if !is_bare_heading(text, next("cn_bare_next")?) {
            return None;
        }
        let value = parse_chinese(cn.as_str())?;
        (cn.range(), Level::Chinese, value, Slip::LostPoint)
    } else if let Some(cap) = caps.name("cap") {
        let value = parse_chinese(&plain_numerals(cap.as_str()))?;
        (
            0..cap.end() + '、'.len_utf8(),
            Level::Chinese,
            value,
            Slip::CapitalNumeral,
        )
    } else if let Some(cap) = caps.name("pcap") {
        let value = parse_chinese(&plain_numerals(cap.as_str()))?;
        let end = caps.get(0)?.end();
        (0..end, Level::ParenChinese, value, Slip::CapitalNumeral)
    } else if let Some(open) = caps.name("open") {
        if MEASURES.contains(next("open_next")?) {
            return None;
        }
        (
            0..open.end(),
            Level::ParenArabic,
            number(open)?,
            Slip::LostBracket,
        )
    } else {
        let end = caps.name("none_next")?.start();
        (0..end, Level::Arabic, 0, Slip::LostNumber)
    };
    if value == 0 && slip != Slip::LostNumber {
        return None;
    }
    let title_start = at + span.end;
    Some(Marker {
        span: at + span.start..at + span.end,
        level,
        value,
        title: title_start.min(sentence_end)..sentence_end,
        opens_paragraph: true,
        uncertain: true,
        markup: false,
        slip: Some(slip),
    })
}

/// Whether `text` opens with a marker of the regular forms, not a slip's remains (which
/// [`marker_at`] reports as uncertain): a plain match, without capture groups, so a cheap
/// test before [`marker_at`] where only certain markers count.
pub fn opens_with_marker(text: &str) -> bool {
    may_open_regular_marker(text) && MARKER.is_match(text)
}

/// Whether `text` opens as a marker of [`MARKER`]'s forms does, up to the mark after its
/// number: `一、`, `（一）`, `1.`, `（1）`, `①`, `⑴`, `第三条`. Many sentences open with a
/// numeral (`一是`, `三个方面`, `2024年`) and none of these: they are passed over without
/// the regex search, which cost more than the rest of cutting them into units.
fn may_open_regular_marker(text: &str) -> bool {
    // The first byte of each character a marker can open with: `(`, digits, `①`..`⒇`
    // (`E2`), the numerals `一`..`十` (`E4`, `E5`), `第` (`E7`), `（` (`EF`). Nearly half the
    // ideographs have another (`E6`, `E8`, `E9`), and every unit is asked.
    if !matches!(
        text.as_bytes().first(),
        Some(b'(' | b'0'..=b'9' | 0xE2 | 0xE4 | 0xE5 | 0xE7 | 0xEF)
    ) {
        return false;
    }
    let mut chars = text.chars().peekable();
    match chars.peek().copied() {
        Some('（' | '(') => {
            chars.next();
            let digits: (fn(&char) -> bool, usize) = match chars.peek() {
                Some(c) if c.is_ascii_digit() => (char::is_ascii_digit, 2),
                _ => (|c| is_chinese_digit(*c), 3),
            };
            matches!(after_run(&mut chars, digits), Some(Some('）' | ')')))
        }
        Some('0'..='9') => matches!(
            after_run(&mut chars, (char::is_ascii_digit, 2)),
            Some(Some('.' | '．' | '、'))
        ),
        Some('①'..='⑳' | '⑴'..='⒇') => true,
        Some('第') => {
            chars.next();
            let numeral = |c: &char| is_chinese_digit(*c) || matches!(c, '百' | '零' | '〇');
            let after = after_run(&mut chars, (numeral, 5));
            matches!(after, Some(Some('部' | '章' | '节' | '条')))
        }
        Some(c) if is_chinese_digit(c) => matches!(
            after_run(&mut chars, (|c: &char| is_chinese_digit(*c), 3)),
            Some(Some('、'))
        ),
        _ => false,
    }
}

/// Takes from `chars` a run of up to `most` characters that are digits by `is_digit`, and
/// the character after it: `Some(None)` when the text ends there, `None` without a digit.
fn after_run(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    (is_digit, most): (fn(&char) -> bool, usize),
) -> Option<Option<char>> {
    let mut count = 0;
    while count < most && chars.next_if(is_digit).is_some() {
        count += 1;
    }
    (count > 0).then(|| chars.next())
}

/// Whether `text` opens with what [`MARKER`] or [`SLIP`] can start with: a numeral, a digit,
/// a letter a slip puts for a digit, a point or `、`, a circled or bracketed number, `第`, or
/// a bracket before a digit or a numeral. Most sentences open with none of these: they are
/// passed over without a regex search, and a text none of whose sentences can open a marker
/// never compiles the two patterns, a large part of a short draft's start-up.
pub(super) fn may_open_marker(text: &str) -> bool {
    let mut chars = text.chars();
    let opens = |c: char| {
        c.is_ascii_digit()
            || matches!(c, 'l' | 'I' | 'O' | '.' | '．' | '、' | '第' | '①'..='⑳' | '⑴'..='⒇')
            || is_chinese_digit(c)
            || is_capital_digit(c)
    };
    match chars.next() {
        Some('（' | '(') => chars
            .next()
            .is_some_and(|c| c.is_ascii_digit() || is_chinese_digit(c) || is_capital_digit(c)),
        Some(c) => opens(c),
        None => false,
    }
}

/// The numerals a marker's number is written in (`[一二三四五六七八九十]` in [`MARKER`]). A
/// `match`, not a search in a string: this runs on every sentence.
pub(super) fn is_chinese_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The capital numerals of [`SLIP`]'s `壹、` and `（壹）`.
fn is_capital_digit(c: char) -> bool {
    matches!(
        c,
        '壹' | '贰' | '貳' | '叁' | '參' | '肆' | '伍' | '陆' | '陸' | '柒' | '捌' | '玖' | '拾'
    )
}

/// The marker at the very start of `text`, if any; `at` is `text`'s offset in the document.
/// Where a paragraph opens, a slip of the keyboard (`10企业`, `l.总则`) is a candidate too.
pub fn marker_at(
    text: &str,
    at: usize,
    sentence_end: usize,
    opens_paragraph: bool,
) -> Option<Marker> {
    if !may_open_marker(text) {
        return None;
    }
    let Some(caps) = MARKER.captures(text) else {
        return opens_paragraph
            .then(|| slip_at(text, at, sentence_end))
            .flatten();
    };
    let whole = caps.get(0)?;
    let uncertain = caps.get(group::DIGIT).is_some();
    let (level, value, mut end) = if let Some(m) = caps.get(group::CN) {
        if is_enumeration_after(&text[whole.end()..]) {
            return None;
        }
        (Level::Chinese, parse_chinese(m.as_str())?, whole.end())
    } else if let Some(m) = caps.get(group::PCN) {
        (Level::ParenChinese, parse_chinese(m.as_str())?, whole.end())
    } else if let Some(m) = caps.get(group::AR) {
        // The pattern looked one character past the point to rule out decimals; give it back.
        (
            Level::Arabic,
            m.as_str().parse().ok()?,
            m.end() + separator_len(text, m.end()),
        )
    } else if let Some(m) = caps.get(group::PAR) {
        (Level::ParenArabic, m.as_str().parse().ok()?, whole.end())
    } else if let Some(m) = caps.get(group::PD) {
        // `⑴`: one character standing for `（1）`.
        let value = m.as_str().chars().next()? as u32 - 0x2474 + 1;
        (Level::ParenArabic, value, whole.end())
    } else if let Some(m) = caps.get(group::CI) {
        let circled = m.as_str().chars().next()? as u32 - 0x2460 + 1;
        (Level::Circled, circled, whole.end())
    } else {
        let unit = match caps.get(group::UNIT)?.as_str() {
            "部分" => LegalUnit::Part,
            "章" => LegalUnit::Chapter,
            "节" => LegalUnit::Section,
            _ => LegalUnit::Article,
        };
        let value = parse_chinese(caps.get(group::LG)?.as_str())?;
        (Level::Legal(unit), value, caps.get(group::UNIT)?.end())
    };
    end = end.min(text.len());
    if value == 0 {
        return None;
    }
    let title_start = at + end + (text[end..].len() - text[end..].trim_start().len());
    Some(Marker {
        span: at..at + end,
        level,
        value,
        title: title_start.min(sentence_end)..sentence_end,
        opens_paragraph,
        uncertain,
        markup: false,
        slip: None,
    })
}

fn separator_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(1, char::len_utf8)
}

/// `一、二级医院`, `一、二、三产业`, `一、两年`: a numeral right after `一、` means a list of
/// numbers.
fn is_enumeration_after(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some('两') => matches!(
            chars.next(),
            Some('年' | '个' | '天' | '次' | '周' | '位' | '项' | '名' | '条' | '种')
        ),
        Some(c) if "一二三四五六七八九十".contains(c) => {
            matches!(chars.next(), Some('、' | '级' | '类' | '等' | '产' | '线'))
        }
        _ => false,
    }
}

/// Value of a Chinese numeral from 一 to 九百九十九 (`十一`, `二十`, `一百零五`).
pub fn parse_chinese(numeral: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|i| (i / 3) as u32)
            .or((c == '〇').then_some(0))
    };
    let mut total = 0;
    let mut current = 0;
    for c in numeral.chars() {
        match c {
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            c => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// The Chinese numeral for 1–99 (used in messages: “应为（三）”).
pub fn chinese_numeral(value: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match value {
        0..=9 => DIGITS[value as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if value > 10 {
                DIGITS[(value % 10) as usize]
            } else {
                ""
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(value / 10) as usize],
            if value % 10 > 0 {
                DIGITS[(value % 10) as usize]
            } else {
                ""
            }
        ),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_groups_are_numbered_as_the_pattern_names_them() {
        let numbered = [
            ("cn", group::CN),
            ("pcn", group::PCN),
            ("ar", group::AR),
            ("digit", group::DIGIT),
            ("par", group::PAR),
            ("ci", group::CI),
            ("pd", group::PD),
            ("lg", group::LG),
            ("unit", group::UNIT),
        ];
        let names: Vec<Option<&str>> = MARKER.capture_names().collect();
        assert_eq!(names.len(), numbered.len() + 1);
        for (name, index) in numbered {
            assert_eq!(names[index], Some(name), "group {index}");
        }
    }

    fn marker(text: &str) -> Option<(Level, u32, &str)> {
        marker_at(text, 0, text.len(), true)
            .filter(|m| !m.uncertain)
            .map(|m| (m.level, m.value, &text[m.span]))
    }

    #[test]
    fn number_point_digit_is_only_a_candidate() {
        let m = marker_at("20.2026年民生实事", 0, 24, true).unwrap();
        assert!(m.uncertain);
        assert_eq!((m.value, m.span), (20, 0..3));
        assert!(marker_at("1.5倍", 0, 7, true).unwrap().uncertain);
    }

    #[test]
    fn recognises_each_level() {
        assert_eq!(marker("一、总体要求"), Some((Level::Chinese, 1, "一、")));
        assert_eq!(
            marker("（十二）工作任务"),
            Some((Level::ParenChinese, 12, "（十二）"))
        );
        assert_eq!(
            marker("(二)工作任务"),
            Some((Level::ParenChinese, 2, "(二)"))
        );
        assert_eq!(
            marker("（一）、加强领导"),
            Some((Level::ParenChinese, 1, "（一）、"))
        );
        assert_eq!(marker("3.严密组织"), Some((Level::Arabic, 3, "3.")));
        assert_eq!(marker("3．严密组织"), Some((Level::Arabic, 3, "3．")));
        assert_eq!(marker("3、严密组织"), Some((Level::Arabic, 3, "3、")));
        assert_eq!(
            marker("（2）人员分工"),
            Some((Level::ParenArabic, 2, "（2）"))
        );
        assert_eq!(marker("②明确职责"), Some((Level::Circled, 2, "②")));
        assert_eq!(marker("⑶明确职责"), Some((Level::ParenArabic, 3, "⑶")));
        assert_eq!(
            marker("第十二条　为了"),
            Some((Level::Legal(LegalUnit::Article), 12, "第十二条"))
        );
        assert_eq!(
            marker("第三章 总则"),
            Some((Level::Legal(LegalUnit::Chapter), 3, "第三章"))
        );
    }

    #[test]
    fn traps_are_not_markers() {
        for text in [
            "1.5倍",
            "2.3%",
            "2021.12",
            "1、2号楼",
            "第一次会议",
            "第一书记",
            "十九大",
            "二〇二一年",
            "一、二级医院",
            "一、二、三产业",
            "一、两年之内逐步活跃起来",
            "第三条规定的情形",
            "100%",
            "12345.",
        ] {
            assert_eq!(marker(text), None, "{text}");
        }
    }

    #[test]
    fn slips_at_a_paragraph_start_are_candidates_read_as_meant() {
        let lost = marker_at("10企业要落实主体责任", 0, 30, true).unwrap();
        assert_eq!(
            (lost.value, lost.span, lost.slip),
            (10, 0..2, Some(Slip::LostPoint))
        );
        assert!(lost.uncertain);
        let letter = marker_at("l.总则", 0, 8, true).unwrap();
        assert_eq!(
            (letter.value, letter.span, letter.slip),
            (1, 0..2, Some(Slip::LetterForDigit))
        );
        let ten = marker_at("1O、工作要求", 0, 16, true).unwrap();
        assert_eq!(ten.value, 10);
    }

    #[test]
    fn a_chinese_numeral_without_its_dunhao_is_a_heading_only() {
        let heading = marker_at("九强化宣传引导", 0, 21, true).unwrap();
        assert_eq!((heading.level, heading.value), (Level::Chinese, 9));
        assert!(heading.uncertain);
        for text in [
            "六稳六保工作扎实推进。",
            "三农工作是重中之重",
            "四个意识",
            "一年来",
        ] {
            assert_eq!(marker_at(text, 0, text.len(), true), None, "{text}");
        }
    }

    #[test]
    fn capital_numerals_are_read_as_their_numbers() {
        let m = marker_at("壹、总体要求", 0, 18, true).unwrap();
        assert_eq!(
            (m.level, m.value, m.slip),
            (Level::Chinese, 1, Some(Slip::CapitalNumeral))
        );
        let m = marker_at("(貳)工作任务", 0, 17, true).unwrap();
        assert_eq!((m.level, m.value), (Level::ParenChinese, 2));
    }

    #[test]
    fn counts_latin_text_and_running_text_are_no_slips() {
        for text in [
            "10月底前完成",
            "5个专项小组",
            "3万元",
            "I.Introduction",
            "2024年",
        ] {
            assert_eq!(marker_at(text, 0, text.len(), true), None, "{text}");
        }
        assert_eq!(marker_at("10企业", 0, 8, false), None, "inside a paragraph");
    }

    #[test]
    fn chinese_numerals_round_trip() {
        for value in 1..=99 {
            assert_eq!(parse_chinese(&chinese_numeral(value)), Some(value));
        }
        assert_eq!(parse_chinese("一百零五"), Some(105));
    }

    /// What [`may_open_regular_marker`] turns away [`MARKER`] does not match: openings of up
    /// to four characters drawn from those markers are made of and their neighbours, then
    /// each of a few endings (longer ones are drawn at random below).
    #[test]
    fn what_cannot_open_a_regular_marker_is_no_marker() {
        let alphabet = "01.．、第①⑳⑴⒇一十（()）百〇章条部分 企";
        let mut tried = 0;
        for opening in crate::tests::openings(alphabet, 4) {
            for ending in ["", "企业", "条 "] {
                let text = format!("{opening}{ending}");
                if !may_open_regular_marker(&text) {
                    assert!(!MARKER.is_match(&text), "{text}");
                }
                tried += 1;
            }
        }
        assert!(tried > 500_000, "{tried}");
    }

    proptest::proptest! {
        /// As above, for longer openings: runs of numerals before `条`, `章`, `、`.
        #[test]
        fn a_regular_marker_is_never_turned_away(
            text in "(第|一|十|百|〇|0|1|12|（|\\(|）|\\)|、|\\.|．|条|章|部分|节| |企)*",
        ) {
            if MARKER.is_match(&text) {
                proptest::prop_assert!(may_open_regular_marker(&text), "{}", text);
            }
        }
    }

    /// The first characters [`may_open_marker`] turns away are ones neither pattern matches
    /// after. Every opening of up to three characters drawn from those that can open a
    /// marker and their neighbours that cannot, then each of a few endings, is tried: the
    /// patterns decide within their first three characters whether what follows can match.
    #[test]
    fn what_cannot_open_a_marker_matches_neither_pattern() {
        let alphabet = "0lIO.．、第①⑳⑴⒇一十壹拾（()）百〇章 \u{3000}，,企X";
        for opening in crate::tests::openings(alphabet, 3) {
            for ending in ["", "企业", "条 "] {
                let text = format!("{opening}{ending}");
                if !may_open_marker(&text) {
                    assert!(!MARKER.is_match(&text), "{text}");
                    assert!(!SLIP.is_match(&text), "{text}");
                }
            }
        }
    }
}
