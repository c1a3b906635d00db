//! `placeholder/space`: a blank left as bare spaces where a word or a number belongs
//! (`概算投资 万元`, `定于 年 月 日召开`, `我谨代表 ，向大家致以问候`, `承建单位为 集团`).
//!
//! Every gap of spaces (ASCII, full-width or no-break) inside a paragraph is read once and
//! sorted by [`gaps`] into three kinds:
//! - a **blank**, when the words around it need something in between: a measure word or
//!   unit with no number before it, a date of bare `年 月 日`, a word that takes an object
//!   followed by punctuation or by the bare suffix of a name;
//! - a **stray** space between two Han characters, text copied from a PDF or a web page
//!   (`推动 高质量发展`), which `punct/space` reports;
//! - **layout**, reported by no one: indentation, letter-spaced titles (`政 府 工 作 报 告`),
//!   a title and a name in a signature (`省长 王某`), the gap after `第一条` in regulations,
//!   slogans in quotation marks, spaces beside Latin words and numbers, tables.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::words::{self, Class};
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::document::chars::{is_cjk_punct, is_han, is_space, simplified};
use crate::document::{ceil_boundary, floor_boundary, Document};
use crate::rules::Context;
use crate::rules::RuleDef;

pub(super) static RULE: RuleDef = RuleDef::document(
    "placeholder/space",
    Severity::Warning,
    "用空格留出的空白：投资 万元、定于 年 月 日、我谨代表 ，",
    DOC,
    check,
);

pub(super) const DOC: &str = r#"
检查什么
  正文中用空格（半角、全角或不间断空格）留出、没有填写的空白：
  - 量词或单位前只有空格，没有数字：概算投资 万元、建设周期 个月、共 人参加；
  - 日期只有空格：定于 年 月 日召开、2025年 月 日；
  - 必须带宾语的词后面只有空格就接标点：我谨代表 ，向大家致以问候；联系人： ，电话：；
  - “为、于、由、在、到、请、代表”等词后面只有空格就接名称的通名或职务：
    承建单位为 集团、由 局牵头、到 乡走访、请 同志发言；
  - 已有两处以上这类空白的文稿（模板、照模板改写的稿子）里，上述词语后面或量词、
    通名前面的其他空格：按照 总体部署、为 城市建设、开工建设 项城市基础设施项目。

为什么
  从模板或旧稿改写时，删掉旧内容却没有填上新内容，留下的空格在屏幕上不显眼，
  印出来就是缺字缺数。

会报告
  项目概算投资 万元，建设周期 个月，承建单位为 集团。
  会议定于 年 月 日召开。我谨代表 ，向大家致以诚挚的问候。

不会报告
  段首缩进和居中；字距拉开的标题（政 府 工 作 报 告）；落款中职务和姓名之间的空格
  （省长 王某）；法规“第一条”之后的空格；拉丁文字、数字两侧的空格（于 2026 年 2 月）；
  引号里的口号（“好客山东 好品山东”）；Markdown 语法和表格；
  把词语拆开的空格（基础条　件）；从 PDF、网页复制、空格随处可见的文本里，
  “在 县委的领导下”这类空格。
  两个汉字之间多余、但不像空白的空格（推动 高质量发展）由 punct/space 报告。

如何修改
  填入实际内容；不需要的空白连同前后文字一并删去。
"#;

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    for gap in cx.gaps() {
        if let Kind::Blank(missing) = gap.kind {
            out.push(Finding::new(gap.span.clone(), missing.message()));
        }
    }
}

/// What a gap of spaces is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something is missing there.
    Blank(Missing),
    /// A space between two Han characters that belongs to no layout: copied text.
    Stray,
}

/// What is missing in a blank gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Date,
    /// A number before a unit of two or more characters (`万元`, `个月`).
    Number,
    /// A number before a one-character measure word (`共 人`, `全长 米`), a word that a
    /// stray space may also have split (`口 号`).
    Measure,
    Name,
    Object,
}

impl Missing {
    fn message(self) -> &'static str {
        match self {
            Missing::Date => "日期尚未填写：年、月、日之前只有空格",
            Missing::Number | Missing::Measure => "数字尚未填写：量词或单位之前只有空格",
            Missing::Name => "名称尚未填写：通名或职务之前只有空格",
            Missing::Object => "内容尚未填写：此处只有空格",
        }
    }
}

/// A gap that is a blank or a stray space; layout gaps are not listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub span: Range<usize>,
    pub kind: Kind,
}

/// A date of bare spaces: ` 年 月 日`, `年 月`, ` 月 日` (after `2025年`).
static SPACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let s = r"[ \u{3000}\u{00A0}]";
    Regex::new(&format!(
        r"(?:^|{s}+)年{s}+月(?:{s}+日|{s}*日)?|{s}+月{s}+[日号]"
    ))
    .expect("valid date pattern")
});

/// The end of a numbering marker or a label just before a gap: `第一条`, `第一千零九十七条`,
/// `第一百三十五条之一`, `第三章`, `附件二`.
static MARKER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:第[一二三四五六七八九十百千零〇两0-9０-９]+[条章节编款部分](?:之[一二三四五六七八九十]+)?|附[件表][一二三四五六七八九十0-9０-９]*)\z",
    )
    .expect("valid pattern")
});

/// A numbering marker just after a gap, as in a table of contents (`第五章 监督 第六章 附则`).
static MARKER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A第[一二三四五六七八九十百千零〇两0-9０-９]+[条章节编]").expect("valid pattern")
});

/// How far before a gap a numbering marker (`第一百二十三条`) is looked for, in bytes.
const MARKER_BYTES: usize = 48;

/// Every blank and stray gap of the document, in text order.
pub fn gaps(doc: &Document) -> Vec<Gap> {
    let mut found = Vec::new();
    for paragraph in &doc.paragraphs {
        let text = &doc.text[paragraph.clone()];
        if !crate::document::chars::has_space(text) || doc.in_table(paragraph) {
            continue;
        }
        found.extend(ParagraphGaps::of(doc, paragraph.clone()).gaps());
    }
    settle(doc, &mut found);
    found
}

/// How many stray gaps make a document one copied from a PDF or a web page.
const COPIED_STRAYS: usize = 3;

/// How many blank gaps make a document one that leaves its blanks as spaces.
const TEMPLATE_BLANKS: usize = 2;

/// What the document as a whole says about its gaps. Text copied from a PDF or a web page,
/// with more stray spaces than blanks, has spaces anywhere (`口 号`, `在 县委的领导下`): a
/// gap before a one-character measure word or a name's suffix is one more stray there, and
/// only blanks of a longer unit, a date or before punctuation stay. A document that leaves
/// its blanks as spaces (a template, a draft made from one) does so where something belongs
/// too: a stray after a word that needs more (`为 城市建设`, `按照 总体部署`) or before a
/// measure word or a suffix (`开工建设 项城市基础设施项目`) is one more blank.
fn settle(doc: &Document, gaps: &mut [Gap]) {
    let text = &doc.text;
    // A space before every full stop is a habit of the page, not text copied apart.
    let splits_words = |g: &&Gap| text[g.span.end..].chars().next().is_some_and(is_han);
    let strays = gaps
        .iter()
        .filter(|g| g.kind == Kind::Stray)
        .filter(splits_words)
        .count();
    let blanks = gaps
        .iter()
        .filter(|g| matches!(g.kind, Kind::Blank(_)))
        .count();
    if strays >= COPIED_STRAYS && strays > blanks {
        for gap in gaps.iter_mut() {
            if matches!(gap.kind, Kind::Blank(Missing::Name | Missing::Measure)) {
                gap.kind = Kind::Stray;
            }
        }
    } else if blanks >= TEMPLATE_BLANKS {
        for gap in gaps.iter_mut().filter(|g| g.kind == Kind::Stray) {
            let needs_more = words::takes_object_before(text, gap.span.start);
            let names_a_kind =
                words::word_after(text, gap.span.end).is_some_and(|w| w.class != Class::Compound);
            if needs_more || names_a_kind {
                gap.kind = Kind::Blank(Missing::Object);
            }
        }
    }
}

/// One paragraph being read for gaps.
struct ParagraphGaps<'a> {
    doc: &'a Document,
    paragraph: Range<usize>,
    /// The paragraph has no clause punctuation: a title, a heading, a signature, a list of
    /// names, a row of a table written with spaces.
    is_layout_line: bool,
    /// Most of its characters stand alone between spaces: a letter-spaced title.
    is_letter_spaced: bool,
}

impl<'a> ParagraphGaps<'a> {
    fn of(doc: &'a Document, paragraph: Range<usize>) -> ParagraphGaps<'a> {
        let text = &doc.text[paragraph.clone()];
        let is_layout_line = !text.contains(['，', '。', '；', '：', '！', '？', ',', ';', '、'])
            || super::is_heading(text);
        ParagraphGaps {
            doc,
            paragraph,
            is_layout_line,
            is_letter_spaced: letter_spaced(text),
        }
    }

    fn gaps(&self) -> Vec<Gap> {
        let doc = self.doc;
        let text = &doc.text;
        let mut dates: Vec<Gap> = Vec::new();
        let body = &text[self.paragraph.clone()];
        for date in SPACE_DATE.find_iter(body) {
            let span = self.paragraph.start + date.start()..self.paragraph.start + date.end();
            let digit_before = text[..span.start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_numeric() || "一二三四五六七八九十".contains(c));
            if !digit_before && is_real_space(doc, &span) {
                dates.push(Gap {
                    span,
                    kind: Kind::Blank(Missing::Date),
                });
            }
        }
        // Dates and gaps both come in text order: one pointer walks the dates.
        let mut found = Vec::with_capacity(dates.len());
        let mut next_date = 0;
        for gap in space_runs(body, self.paragraph.start) {
            while dates
                .get(next_date)
                .is_some_and(|d| d.span.end <= gap.start)
            {
                found.push(dates[next_date].clone());
                next_date += 1;
            }
            if dates
                .get(next_date)
                .is_some_and(|d| d.span.start <= gap.start)
            {
                continue;
            }
            if let Some(kind) = self.kind(gap.clone()) {
                found.push(Gap { span: gap, kind });
            }
        }
        found.extend(dates.drain(next_date..));
        found
    }

    /// What a gap strictly inside the paragraph is, if not layout.
    fn kind(&self, gap: Range<usize>) -> Option<Kind> {
        let doc = self.doc;
        let text = &doc.text;
        if !is_real_space(doc, &gap) {
            return None;
        }
        let left = text[..gap.start].chars().next_back().map(simplified)?;
        let right = text[gap.end..].chars().next().map(simplified)?;
        if !(is_han(left) || is_cjk_punct(left)) || between_markers(text, &gap) {
            return None;
        }
        let splits_a_word = words::splits_a_compound(left, text, gap.end);
        if !splits_a_word {
            if let Some(missing) = self.missing(gap.clone(), left, right) {
                return Some(Kind::Blank(missing));
            }
        }
        // A space before a closing or clause mark is stray too (`大家好 ，`): the mark
        // carries its own space.
        let before_a_mark = "，。；：、！？）》」』”".contains(right);
        let stray = is_han(left)
            && (is_han(right) || before_a_mark)
            && !self.is_layout_line
            && !self.is_letter_spaced
            && !stands_alone(text, &gap)
            && !after_a_date(text, &gap)
            && !between_organs(text, &gap)
            && !in_short_quotation(text, &self.paragraph, &gap);
        stray.then_some(Kind::Stray)
    }

    /// What the words around the gap say is missing in it.
    fn missing(&self, gap: Range<usize>, left: char, right: char) -> Option<Missing> {
        let text = &self.doc.text;
        if self.is_letter_spaced {
            return None;
        }
        let takes_object = words::takes_object_before(text, gap.start) || left == '：';
        if takes_object && "，。；、！？）》”,;".contains(right) {
            return Some(Missing::Object);
        }
        if left == '“' && right == '”' {
            return Some(Missing::Object);
        }
        if !is_han(left)
            || "〇○零一二三四五六七八九十百千万亿两几数上近余多".contains(left)
            || spaced_label(text, &gap)
        {
            return None;
        }
        let word = words::word_after(text, gap.end)?;
        match word.class {
            Class::Number if self.bare_unit(gap.clone(), word.len) => {
                let long_unit = text[gap.end..gap.end + word.len].chars().nth(1).is_some()
                    || is_magnitude(&text[gap.end..gap.end + word.len])
                        && words::word_after(text, gap.end + word.len)
                            .is_some_and(|w| w.class == Class::Number);
                Some(if long_unit {
                    Missing::Number
                } else {
                    Missing::Measure
                })
            }
            Class::Place | Class::Organ | Class::Title if takes_object => Some(Missing::Name),
            _ => None,
        }
    }

    /// Whether the measure word after `gap` stands with no number: a unit of two or more
    /// characters (`万元`, `个月`), or one character that ends the phrase or follows a word
    /// that counts (`共 人`).
    fn bare_unit(&self, gap: Range<usize>, unit_len: usize) -> bool {
        let text = &self.doc.text;
        if text[..gap.start].ends_with("单位") {
            return false;
        }
        let unit = &text[gap.end..gap.end + unit_len];
        let rest = &text[gap.end + unit_len..];
        let ends_phrase = rest
            .chars()
            .next()
            .is_none_or(|c| is_cjk_punct(c) || c.is_ascii_punctuation() || c == '\n');
        // `年多来`, `万余人`, `万名`: a magnitude or a span of time with an approximation
        // or a measure word after it counts something; a name (`张天喜`) does not.
        let magnitude = is_magnitude(unit);
        let span = magnitude || ["年", "个", "天", "月", "周"].contains(&unit);
        let counts = span && rest.starts_with(['多', '余', '来'])
            || magnitude
                && words::word_after(text, gap.end + unit_len)
                    .is_some_and(|w| w.class == Class::Number);
        unit.chars().count() >= 2
            || ends_phrase
            || counts
            || words::takes_number_before(text, gap.start)
    }
}

/// `万 亿 千 百`: a number's order of magnitude, which a measure word may follow (`万美元`).
fn is_magnitude(unit: &str) -> bool {
    ["万", "亿", "千", "百"].contains(&unit)
}

/// Runs of spaces inside `body` (offset by `base`), not touching its ends.
fn space_runs(body: &str, base: usize) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in body.char_indices() {
        match (is_space(c), open) {
            (true, None) => open = Some(i),
            (false, Some(start)) => {
                if start > 0 {
                    runs.push(base + start..base + i);
                }
                open = None;
            }
            _ => {}
        }
    }
    runs
}

/// A gap after a numbering marker or a label (`第一条 `, `附件二 `), or before a marker
/// (`第五章 监督 第六章 附则`): layout of regulations and their tables of contents.
fn between_markers(text: &str, gap: &Range<usize>) -> bool {
    let before = &text[ceil_boundary(text, gap.start.saturating_sub(MARKER_BYTES))..gap.start];
    let after = &text[gap.end..floor_boundary(text, gap.end + MARKER_BYTES)];
    MARKER_BEFORE.is_match(before) || MARKER_AFTER.is_match(after)
}

/// A gap after a date or a number with its unit (`1996年5月30日 北京市第十届人民代表大会`,
/// `公安部令第149号 `): the issuing lines of a regulation's header.
fn after_a_date(text: &str, gap: &Range<usize>) -> bool {
    let mut chars = text[..gap.start].chars().rev();
    chars.next();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// A wide gap after an organ (`最高人民法院  最高人民检察院`, `国务院　中央军委`): the
/// issuers of a joint document set apart. A single ASCII space after one is still a stray
/// (`各级党委 要切实扛起责任`).
fn between_organs(text: &str, gap: &Range<usize>) -> bool {
    let wide = &text[gap.clone()] != " ";
    wide && words::word_before(text, gap.start).is_some_and(|w| w.class == Class::Organ)
}

/// Whether the gap is in the source as it is in the lint view: the lint view puts spaces
/// where it hides markup, code and addresses, and those are no gaps.
fn is_real_space(doc: &Document, gap: &Range<usize>) -> bool {
    doc.source[gap.clone()] == doc.text[gap.clone()]
}

/// Whether a character on either side of the gap stands alone between spaces (`韦 韬`,
/// `习 近 平`): a name or a word spaced out on purpose.
fn stands_alone(text: &str, gap: &Range<usize>) -> bool {
    let alone_before = {
        let mut chars = text[..gap.start].chars().rev();
        chars.next();
        chars.next().is_none_or(|c| is_space(c) || c == '\n')
    };
    let alone_after = {
        let mut chars = text[gap.end..].chars();
        chars.next();
        chars
            .next()
            .is_none_or(|c| is_space(c) || matches!(c, '\n' | '\r'))
    };
    alone_before || alone_after
}

/// A word of two characters spaced out as a label of a form (`日 期：`, `星 期`): the
/// first stands alone, the second ends the word.
fn spaced_label(text: &str, gap: &Range<usize>) -> bool {
    let first_alone = {
        let mut chars = text[..gap.start].chars().rev();
        chars.next();
        chars.next().is_none_or(|c| is_space(c) || c == '\n')
    };
    let second_ends = {
        let mut chars = text[gap.end..].chars();
        chars.next();
        chars.next().is_none_or(|c| !is_han(c))
    };
    first_alone && second_ends
}

/// A paragraph whose characters mostly stand alone between spaces: `政 府 工 作 报 告`.
fn letter_spaced(paragraph: &str) -> bool {
    let tokens: Vec<&str> = paragraph
        .split(is_space)
        .filter(|t| !t.is_empty())
        .collect();
    let single = tokens.iter().filter(|t| t.chars().count() == 1).count();
    tokens.len() >= 3 && single * 2 > tokens.len()
}

/// Quotations this long or shorter are slogans and names, where a space is a choice
/// (`“好客山东 好品山东”`), in characters.
const SLOGAN_CHARS: usize = 24;

/// Whether the gap is inside a short quotation. Only as far as a slogan reaches is read on
/// either side, so that a long paragraph with many gaps is still read once.
fn in_short_quotation(text: &str, paragraph: &Range<usize>, gap: &Range<usize>) -> bool {
    let reach = SLOGAN_CHARS * 4;
    let from = ceil_boundary(text, gap.start.saturating_sub(reach).max(paragraph.start));
    let to = floor_boundary(text, (gap.end + reach).min(paragraph.end));
    let before = &text[from..gap.start];
    let after = &text[gap.end..to];
    let open = before.rfind('“').filter(|&o| !before[o..].contains('”'));
    let close = after.find('”').filter(|&c| !after[..c].contains('“'));
    match (open, close) {
        (Some(o), Some(c)) => {
            before[o..].chars().count() + after[..c].chars().count() <= SLOGAN_CHARS
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn kinds(text: &str) -> Vec<(String, Kind)> {
        let doc = Document::new(text.to_string(), Format::Text);
        gaps(&doc)
            .into_iter()
            .map(|g| (text[g.span].to_string(), g.kind))
            .collect()
    }

    fn blanks(text: &str) -> Vec<String> {
        kinds(text)
            .into_iter()
            .filter(|(_, k)| matches!(k, Kind::Blank(_)))
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn blanks_before_units_in_dates_and_after_words_that_need_more() {
        assert_eq!(blanks("项目概算投资 万元，建设周期 个月。"), [" ", " "]);
        assert_eq!(blanks("会议定于 年 月 日召开。"), [" 年 月 日"]);
        assert_eq!(blanks("我谨代表 ，向大家致以问候。"), [" "]);
        assert_eq!(blanks("承建单位为 集团，由 局牵头。"), [" ", " "]);
        assert_eq!(blanks("共 人参加培训。"), [" "]);
        assert_eq!(blanks("公司成立 年多来，拥有 万名员工。"), [" ", " "]);
    }

    #[test]
    fn layout_is_no_blank() {
        for quiet in [
            "第一条 县级以上人民政府应当加强领导。",
            "第一千零九十七条 生父母送养子女，应当双方共同送养。",
            "第一百三十五条之一 举办大型群众性活动违反安全管理规定的，处罚。",
            "1996年5月30日 北京市第十届人民代表大会常务委员会第二十八次会议通过，现予公布。",
            "最高人民法院  最高人民检察院关于办理案件的解释，自公布之日起施行。",
            "省长 王新伟",
            "海拉尔区人民政府区长　　张天喜",
            "政 府 工 作 报 告",
            "会议于 2026 年 2 月召开（单位： 万元）。",
            "打响“好客山东 好品山东”品牌。",
        ] {
            assert_eq!(kinds(quiet), [], "{quiet}");
        }
    }

    #[test]
    fn in_copied_text_a_space_before_a_suffix_is_stray() {
        let copied =
            "要推动 高质量发展，不能盲 目求成，工业 化进程加快，在 县委的领导下前进，不是口 号。";
        assert_eq!(blanks(copied), Vec::<String>::new());
        assert_eq!(blanks("在 县委的领导下前进。"), [" "]);
    }

    #[test]
    fn words_that_begin_like_a_unit_or_suffix_are_no_blank() {
        assert_eq!(blanks("作为 市场主体，为 人民服务。"), Vec::<String>::new());
    }

    #[test]
    fn a_space_before_a_mark_is_stray() {
        assert_eq!(
            kinds("同志们，大家好 ，今天开会。"),
            [(" ".to_string(), Kind::Stray)]
        );
    }

    #[test]
    fn a_space_inside_a_word_is_no_blank() {
        assert_eq!(
            kinds("为基础条　件，推动发展。"),
            [("　".to_string(), Kind::Stray)]
        );
    }

    #[test]
    fn a_space_inside_a_sentence_is_stray() {
        assert_eq!(
            kinds("要推动 高质量发展，不能盲 目求纯。"),
            [
                (" ".to_string(), Kind::Stray),
                (" ".to_string(), Kind::Stray)
            ]
        );
    }
}
