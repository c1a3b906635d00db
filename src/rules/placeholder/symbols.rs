//! Letters and symbols that stand for a missing name, number or date: `XX`, `X月X日`,
//! `x.x%`, `X书记`, `县*局`, `××`, `○○单位`.
//!
//! One scan finds every run of blank symbols (`X x Ｘ ｘ × * ＊ ○ □ △`, alone or repeated,
//! with `.` `-` `～` inside: `x.x`, `x-x`); the run's neighbours then decide.
//! - **Not a blank** when the run is part of something else: a Latin word or code (`Xbox`,
//!   `SpaceX`, `iPhone X`, `PXX-200`), a number (`3×4`, `1.5x`, `5×24小时`), a formula
//!   (`1+X`, `6+X`), a term (`X光`, `X射线`), Roman numerals (`XX世纪`), Chinese numerals
//!   (`二○二五年`), Markdown (`**重点**`, `* 条目`), a footnote star (`注*`), a tick box.
//! - **Certain** when the shape or the next word says what is missing: a date (`X月X日`,
//!   `20XX年`), a run (`XX`, `×××`, `x.x`), a measure word or unit (`X万元`, `X名`), an
//!   ordinal (`第X条`), a title (`X书记`), a place or organ suffix (`X镇`, `X县委`).
//! - **Likely** when a single `X` or `*` (or a `×` between words) stands alone in Chinese
//!   text with nothing of that kind beside it (`X的变化`, `由X牵头`, `理清*发展`): Chinese has
//!   no use for a lone Latin letter but these blanks and the few terms listed.
//!
//! The whole document is context too, each fact worked out once and only when a run needs
//! it: a document that writes `1+X`, defines `X代表……` or hides names as `Q公司` gives X a
//! meaning; one that explains its stars (`带*号的指标`) uses them as footnotes; one that
//! blanks with `**公司` or `×县` somewhere does so where Markdown would see emphasis or
//! arithmetic would see a product too.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::words::{self, Class};
use crate::document::census::{Census, CharSet};
use crate::document::chars::{self, is_cjk_punct, is_han, simplified};
use crate::document::{ceil_boundary, floor_boundary, Document, Format};

/// What a blank stands for, as far as its context tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A date or time with blanks in it (`X月X日`, `20XX年`).
    Date,
    /// A number before the measure word or unit at `cue` (`X万元`).
    Number { cue: Range<usize> },
    /// An ordinal after `第`.
    Ordinal,
    /// A person's name before the title at `cue` (`X书记`).
    Person { cue: Range<usize> },
    /// A name before the place or organ suffix at `cue` (`X镇`, `X局`).
    Name { cue: Range<usize> },
    /// A run of blank symbols, which only a blank is (`XX`, `×××`, `x.x`).
    Run,
    /// A lone letter or star in Chinese text: a name or a number, probably.
    Lone,
}

/// A blank found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blank {
    pub span: Range<usize>,
    pub what: What,
}

impl Blank {
    /// Whether the shape or the context leaves no doubt (an error, not a warning).
    pub fn is_certain(&self) -> bool {
        self.what != What::Lone
    }

    /// The finding's message; `text` is the source the spans point into.
    pub fn message(&self, text: &str) -> String {
        let hit = &text[self.span.clone()];
        match &self.what {
            What::Date | What::Run => format!("占位符“{hit}”尚未填写"),
            What::Number { cue } => {
                format!("占位符“{hit}”尚未填写：“{}”前应是数字", &text[cue.clone()])
            }
            What::Ordinal => format!("占位符“{hit}”尚未填写：“第”后应是序数"),
            What::Person { cue } => {
                format!("占位符“{hit}”尚未填写：“{}”前应是姓名", &text[cue.clone()])
            }
            What::Name { cue } => {
                format!("占位符“{hit}”尚未填写：“{}”前应是名称", &text[cue.clone()])
            }
            What::Lone => format!("“{hit}”可能是尚未填写的名称或数字"),
        }
    }
}

/// The blank symbols, those [`is_symbol`] accepts (a test checks it), for the search that
/// finds runs of them.
const SYMBOLS: [char; 10] = ['X', 'x', 'Ｘ', 'ｘ', '×', '*', '＊', '○', '□', '△'];

/// What may join two runs of symbols into one (`x.x`, `x-x`, `X/X`, `X～X`).
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '．' | '-' | '－' | '～' | '~' | '/' | '／')
}

/// Every run of blank symbols in `text`, in order and not overlapping: symbols standing
/// together, and more joined to them by one [`is_joiner`] each (`x.x`); `census` is the
/// text's. The symbols are read from the census, where a pattern for them stopped at every
/// full-width mark (they open with the same byte), and compiling one was most of the blank
/// rules' start-up.
fn runs<'t>(text: &'t str, census: &Census) -> impl Iterator<Item = Range<usize>> + 't {
    const SYMBOL_SET: CharSet = CharSet::new(&SYMBOLS);
    let mut end = 0;
    census
        .find(SYMBOL_SET)
        .into_iter()
        .filter_map(move |(start, _)| {
            if start < end {
                return None;
            }
            end = run_end(text, start);
            Some(start..end)
        })
}

/// Where the run of symbols that starts at `start` ends.
fn run_end(text: &str, start: usize) -> usize {
    let symbols_from = |at: usize| {
        let symbols = text[at..].chars().take_while(|&c| is_symbol(c));
        at + symbols.map(char::len_utf8).sum::<usize>()
    };
    let mut end = symbols_from(start);
    while let Some(joiner) = text[end..].chars().next().filter(|&c| is_joiner(c)) {
        let after = end + joiner.len_utf8();
        let next = symbols_from(after);
        if next == after {
            break;
        }
        end = next;
    }
    end
}

/// A date written with digits and separators, with blanks among the digits: `201X/X/XX`,
/// `2024.X.X`, `20XX-XX-XX`.
static DIGIT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A(?:19|20)[0-9XxＸｘ*＊]{2}[/.\-][0-9XxＸｘ*＊]{1,2}(?:[/.\-][0-9XxＸｘ*＊]{1,2})?\z",
    )
    .expect("valid date pattern")
});

/// X in a formula somewhere in the document (`1+X`, `N+X`): a lone X followed by the same
/// word is that X (`X证书`), not a blank.
static X_FORMULA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[+＋] ?[XxＸｘ]").expect("valid formula pattern"));

/// X defined as standing for something (`X代表许可部门所在地的简称`).
static X_DEFINED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[XxＸｘ](?:代表|表示)").expect("valid definition pattern"));

/// A capital letter other than X naming a unit or a place whose name a text hides (`Q公司`,
/// `A医院`, `B县`), when no other letter or digit stands before it. Zones (`A区、B区`) are
/// named by letters for good and are left out.
static LETTER_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-WYZ](?:公司|集团|企业|医院|学校|银行|单位|县|市|镇|乡|村)")
        .expect("valid letter-name pattern")
});

/// A note that explains star marks (`带*号的指标`, `注：*为预计数`): then a star is a
/// footnote.
static STAR_LEGEND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:带|标有?|注有?|加|有)[“‘]?[*＊][”’]?(?:号|的|标)|[*＊][”’]?号(?:的|表示|为|者)|注[：:]\s*[*＊]")
        .expect("valid legend pattern")
});

/// A line of notes opened by a star (`* 为预计数`), when nothing but spaces is before it.
static STAR_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[*＊][ \t\u{3000}]*(?:注|说明|表示|为)").expect("valid note pattern")
});

/// Whether the document explains its star marks.
fn explains_stars(text: &str) -> bool {
    STAR_LEGEND.is_match(text)
        || STAR_NOTE.find_iter(text).any(|m| {
            text[..m.start()]
                .chars()
                .rev()
                .take_while(|&c| c != '\n')
                .all(is_gap_char)
        })
}

/// Whether the document names what it hides with capital letters (`Q公司`).
fn names_with_letters(text: &str) -> bool {
    LETTER_NAMES
        .find_iter(text)
        .any(|m| before(text, m.start()).is_none_or(|c| !is_alnum(c)))
}

fn is_letter(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

fn is_star(c: char) -> bool {
    matches!(c, '*' | '＊')
}

fn is_shape(c: char) -> bool {
    matches!(c, '○' | '□' | '△')
}

fn is_symbol(c: char) -> bool {
    is_letter(c) || is_star(c) || is_shape(c) || c == '×'
}

/// A space or a tab: what may stand between a sign and the words around it.
fn is_gap_char(c: char) -> bool {
    c == '\t' || chars::is_space(c)
}

/// A Latin letter or digit of a word, a number or a code, either width (`Xbox`, `X1`).
fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９')
}

/// A letter of any alphabet but Chinese (`ī`, `é`, `α`): a lone X before one is part of a
/// word, whatever the encoding made of it (`ｘī`).
fn is_other_letter(c: char) -> bool {
    c.is_alphabetic() && !is_han(c) && !is_symbol(c)
}

fn is_chinese_digit(c: char) -> bool {
    "〇○零一二三四五六七八九十百千".contains(c)
}

/// The character just before `at` on its line.
fn before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back().filter(|&c| c != '\n')
}

/// The character at `at`, if on the same line.
fn after(text: &str, at: usize) -> Option<char> {
    text[at..]
        .chars()
        .next()
        .filter(|&c| c != '\n' && c != '\r')
}

/// The nearest character before `at` on its line that is not a space.
fn before_spaces(text: &str, at: usize) -> Option<char> {
    text[..at]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .find(|&c| !is_gap_char(c))
}

/// The nearest character from `at` on its line that is not a space.
fn after_spaces(text: &str, at: usize) -> Option<char> {
    text[at..]
        .chars()
        .take_while(|&c| c != '\n' && c != '\r')
        .find(|&c| !is_gap_char(c))
}

/// Chinese on at least one side: a Han character or Chinese punctuation.
fn in_chinese(text: &str, run: &Range<usize>) -> bool {
    let chinese = |c: char| is_han(c) || is_cjk_punct(c);
    before_spaces(text, run.start).is_some_and(chinese)
        || after_spaces(text, run.end).is_some_and(chinese)
}

/// Every blank of the document, in text order, each reported once.
pub fn find(doc: &Document) -> Vec<Blank> {
    let mut scan = Scan {
        doc,
        text: &doc.text,
        star_legend: None,
        markup: None,
        x_defined: None,
        letter_names: None,
        x_formula: None,
        cross_blanks: None,
        format_paragraph: None,
        star_blanks: None,
    };
    let mut blanks: Vec<Blank> = Vec::new();
    for run in runs(&doc.text, doc.census()) {
        if blanks.last().is_some_and(|b| run.start < b.span.end) {
            continue;
        }
        blanks.extend(scan.classify(run));
    }
    blanks
}

struct Scan<'a> {
    doc: &'a Document,
    text: &'a str,
    /// Whether the document explains its star marks, worked out at the first lone star.
    star_legend: Option<bool>,
    /// The last paragraph read as Markdown, and its emphasised phrases.
    markup: Option<(Range<usize>, Emphasis)>,
    /// Whether the document says twice what its X stand for, worked out at the first X.
    x_defined: Option<bool>,
    /// Whether the document hides names with capital letters, worked out at the first X
    /// before a suffix.
    letter_names: Option<bool>,
    /// The Han characters that follow an X written in a formula (`证` of `1+X证书`), found
    /// at the first lone X.
    x_formula: Option<Vec<char>>,
    /// Whether the document blanks with `×` beyond doubt, worked out at the first `×`
    /// among others.
    cross_blanks: Option<bool>,
    /// The last paragraph asked whether it defines what its X stand for, and the answer.
    format_paragraph: Option<(Range<usize>, bool)>,
    /// Whether some star of the document is a blank beyond doubt, worked out at the first
    /// star Markdown would read as markup.
    star_blanks: Option<bool>,
}

impl Scan<'_> {
    fn classify(&mut self, run: Range<usize>) -> Option<Blank> {
        let text = self.text;
        let hit = &text[run.clone()];
        let prev = before(text, run.start);
        if prev.is_some_and(|c| c.is_ascii_digit()) {
            return after_digits(text, run);
        }
        if prev.is_some_and(|c| is_alnum(c) || "_-./@\\".contains(c)) {
            return None;
        }
        if let Some(next) = after(text, run.end) {
            if next.is_ascii_digit() {
                return before_digits(text, run);
            }
            if is_alnum(next) || next == '_' || next == '@' {
                return capital_after_run(text, run);
            }
            if is_other_letter(next) && hit.chars().count() == 1 {
                return None;
            }
        }
        if in_latin_text(text, &run) || in_formula(text, &run) {
            return None;
        }
        if hit.chars().any(is_star) && !self.star_is_blank(&run) {
            return None;
        }
        if hit.chars().any(is_shape) && (next_to_chinese_numeral(text, &run) || is_tick(text, &run))
        {
            return None;
        }
        self.what(run)
    }

    /// What the run stands for, from its shape and its neighbours; `None` when nothing
    /// says it is a blank.
    fn what(&mut self, run: Range<usize>) -> Option<Blank> {
        let text = self.text;
        if let Some(end) = date_end(text, run.clone()) {
            return Some(Blank {
                span: run.start..end,
                what: What::Date,
            });
        }
        let hit = &text[run.clone()];
        let symbols = hit.chars().filter(|&c| is_symbol(c)).count();
        let capital_xs = hit.chars().all(|c| matches!(c, 'X' | 'Ｘ'));
        let next_words = &text[run.end..];
        if capital_xs && next_words.trim_start().starts_with("世纪") {
            return None;
        }
        if symbols == 1 && self.is_no_blank_alone(&run) {
            return None;
        }
        let blank = |what| {
            Some(Blank {
                span: run.clone(),
                what,
            })
        };
        if before(text, run.start).map(simplified) == Some('第') {
            return blank(What::Ordinal);
        }
        let cue_at = cue_start(text, &run);
        if let Some(word) = words::word_after(text, cue_at) {
            let cue = cue_at..cue_at + word.len;
            match word.class {
                Class::Number => return blank(What::Number { cue }),
                Class::Title => return blank(What::Person { cue }),
                Class::Place | Class::Organ => return blank(What::Name { cue }),
                Class::Compound => {}
            }
        }
        if symbols >= 2 {
            return (!self.describes_a_format(&run)).then_some(Blank {
                span: run,
                what: What::Run,
            });
        }
        let lone = hit.chars().next()?;
        let is_blank = match lone {
            'X' | 'x' | 'Ｘ' | 'ｘ' => in_chinese(text, &run) && !self.is_formula_x(&run),
            '*' | '＊' => in_chinese(text, &run),
            '×' => {
                between_words(text, &run)
                    && (self.uses_cross_blanks() || !among_operators(text, run.start))
            }
            _ => false,
        };
        if is_blank {
            return blank(What::Lone);
        }
        None
    }

    /// Whether a single sign is something else than a blank whatever follows it: a term
    /// (`X光`), an X the document gives a meaning, or a sign of arithmetic (`长×宽×高`,
    /// `纳税额＝货物数量×单位税额`, `“数据要素×”`).
    fn is_no_blank_alone(&mut self, run: &Range<usize>) -> bool {
        let text = self.text;
        if self.alone_in_a_cell(run) {
            return true;
        }
        match text[run.clone()].chars().next() {
            Some('X' | 'x' | 'Ｘ' | 'ｘ') => {
                words::is_x_term(text, run.end) || self.x_is_defined() || self.is_a_hidden_name(run)
            }
            Some('×') => {
                in_equation(self.doc, run.start)
                    || ends_a_name(text, run)
                    || in_unit_of_measure(text, run)
            }
            Some('*' | '＊') => in_equation(self.doc, run.start),
            _ => false,
        }
    }

    /// Whether a sign fills a cell of a table on its own (`| 达标 | √ | X |`, a column
    /// after a tab): a tick or a cross, not a blank.
    fn alone_in_a_cell(&self, run: &Range<usize>) -> bool {
        let text = self.text;
        let in_markdown_table = self.doc.in_table(run);
        let edge = |c: Option<char>| c.is_none_or(|c| matches!(c, '\t' | '|' | '\n' | '\r'));
        let before_cell = text[..run.start]
            .chars()
            .rev()
            .find(|&c| c != ' ' && c != '\u{3000}');
        let after_cell = text[run.end..]
            .chars()
            .find(|&c| c != ' ' && c != '\u{3000}');
        let in_text_table = text[..run.start].ends_with([' ', '\t', '|'])
            || text[run.end..].starts_with([' ', '\t', '|']);
        in_markdown_table || in_text_table && edge(before_cell) && edge(after_cell)
    }

    /// Whether the paragraph of `run` describes a format of codes with it, saying what
    /// its X stand for (`编号为X妆XXXXXXXX，其中第一位X代表……`).
    fn describes_a_format(&mut self, run: &Range<usize>) -> bool {
        if !self.text[run.clone()].chars().all(is_letter) {
            return false;
        }
        let Some(paragraph) = self.doc.paragraph_at(run.start) else {
            return false;
        };
        let text = self.text;
        match &self.format_paragraph {
            Some((p, defines)) if *p == paragraph => *defines,
            _ => {
                let defines = X_DEFINED.is_match(&text[paragraph.clone()]);
                self.format_paragraph = Some((paragraph, defines));
                defines
            }
        }
    }

    /// Whether the document says twice or more what an X stands for (`第一位X代表……，
    /// 第二位X代表……`): then every single X is one of those.
    fn x_is_defined(&mut self) -> bool {
        let text = self.text;
        *self
            .x_defined
            .get_or_insert_with(|| X_DEFINED.find_iter(text).nth(1).is_some())
    }

    /// Whether an X before the suffix of a unit is one more name the document hides with a
    /// letter, as it does elsewhere (`Q公司`, `A医院` … `X公司`).
    fn is_a_hidden_name(&mut self, run: &Range<usize>) -> bool {
        let text = self.text;
        let names = words::word_after(text, run.end)
            .is_some_and(|w| matches!(w.class, Class::Place | Class::Organ));
        names
            && *self
                .letter_names
                .get_or_insert_with(|| names_with_letters(text))
    }

    /// Whether the X of `run` is the X of a formula the document writes (`1+X证书`): an X
    /// followed by what follows the formula's X (`X证书`). Other lone X are blanks still
    /// (`X大工程`), and so is one before a unit or a suffix (`X亿元`, `X镇`).
    fn is_formula_x(&mut self, run: &Range<usize>) -> bool {
        let text = self.text;
        let after_formula_x = self.x_formula.get_or_insert_with(|| {
            X_FORMULA
                .find_iter(text)
                .filter_map(|m| after(text, m.end()).filter(|&c| is_han(c)))
                .collect()
        });
        after(text, run.end).is_some_and(|c| after_formula_x.contains(&c))
    }

    /// Whether the document blanks with `×` beyond doubt somewhere (`××`, `×县`, `×局長`):
    /// then its signs close together are blanks (`×会`, `×会签约项目`), not a formula.
    fn uses_cross_blanks(&mut self) -> bool {
        let text = self.text;
        *self.cross_blanks.get_or_insert_with(|| {
            runs(text, self.doc.census())
                .filter(|run| text[run.clone()].contains('×'))
                .any(|run| {
                    text[run.clone()].matches('×').count() >= 2
                        || words::word_after(text, run.end)
                            .is_some_and(|w| w.class != Class::Compound)
                })
        })
    }

    /// Whether some star of the document is a blank beyond doubt (`**公司`, `*同志`, `第*条`,
    /// `20*年`): then its stars are blanks, not Markdown emphasis.
    fn uses_star_blanks(&mut self) -> bool {
        let text = self.text;
        *self.star_blanks.get_or_insert_with(|| {
            runs(text, self.doc.census())
                .filter(|run| text[run.clone()].chars().any(is_star))
                .any(|run| star_in_certain_context(text, &run))
        })
    }

    /// Whether the stars of `run` are a blank rather than Markdown (`**重点**`, `* 条目`),
    /// a footnote mark (`注*`, a document that explains its stars) or multiplication.
    fn star_is_blank(&mut self, run: &Range<usize>) -> bool {
        let text = self.text;
        let (prev, next) = (before(text, run.start), after(text, run.end));
        let Some(next) = next else {
            return false;
        };
        // A star with a space on each side inside a sentence (`中共 * 市 * 镇`) is spaced
        // out like the words around it; a space after it alone is a bullet or a note.
        let spaced = prev.is_some_and(is_gap_char)
            && before_spaces(text, run.start).is_some_and(is_han)
            && after_spaces(text, run.end).is_some_and(is_han);
        if is_gap_char(next) && !spaced || prev.is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
        if prev.map(simplified) == Some('注') || simplified(next) == '注' {
            return false;
        }
        if !in_chinese(text, run) {
            return false;
        }
        if text[run.clone()].chars().count() == 1 {
            let doc = self.doc;
            let legend = *self
                .star_legend
                .get_or_insert_with(|| explains_stars(&doc.text));
            if legend {
                return false;
            }
        }
        star_in_certain_context(text, run) || !self.is_emphasis(run) || self.uses_star_blanks()
    }

    /// In a plain-text document, whether the stars of `run` open or close what Markdown
    /// reads as emphasis around a phrase (`**重点任务**`). Emphasis over clauses
    /// (`今年，**加大投入……对**经济`) is two blanks that happen to pair up. Markdown documents
    /// have their markup hidden already.
    fn is_emphasis(&mut self, run: &Range<usize>) -> bool {
        if self.doc.format == Format::Markdown {
            return false;
        }
        let Some(paragraph) = self.doc.paragraph_at(run.start) else {
            return false;
        };
        let text = self.text;
        let cached = self.markup.as_ref().is_some_and(|(p, _)| *p == paragraph);
        if !cached {
            let phrases = emphasised_phrases(&text[paragraph.clone()], paragraph.start);
            let mut starts: Vec<usize> = phrases.iter().map(|e| e.start).collect();
            let mut ends: Vec<usize> = phrases.iter().map(|e| e.end).collect();
            starts.sort_unstable();
            ends.sort_unstable();
            self.markup = Some((paragraph, Emphasis { starts, ends }));
        }
        let emphasis = &self.markup.as_ref().expect("just cached").1;
        emphasis.starts.binary_search(&run.start).is_ok()
            || emphasis.ends.binary_search(&run.end).is_ok()
    }
}

/// Where the emphasised phrases of a paragraph start and end, each sorted (emphasis may
/// nest, so the ends are not in the order of the starts).
struct Emphasis {
    starts: Vec<usize>,
    ends: Vec<usize>,
}

/// How long an emphasised phrase is at most, in characters.
const PHRASE_CHARS: usize = 30;

/// The emphasis and strong emphasis (offset by `base`, delimiters included) that Markdown
/// reads in `paragraph` around a phrase: short, and within one clause.
fn emphasised_phrases(paragraph: &str, base: usize) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    Parser::new_ext(paragraph, Options::empty())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::Emphasis | Tag::Strong)))
        .map(|(_, range)| range)
        .filter(|range| {
            let inner = paragraph[range.clone()].trim_matches(['*', '＊']);
            inner.chars().count() <= PHRASE_CHARS
                && !inner.contains(['，', '。', '；', '！', '？', ',', ';'])
        })
        .map(|range| base + range.start..base + range.end)
        .collect()
}

/// Where the word after `run` starts: right after it, or after the spaces of a run spaced
/// out on both sides (`中共 * 市`).
fn cue_start(text: &str, run: &Range<usize>) -> usize {
    let spaced = before(text, run.start).is_some_and(is_gap_char);
    let rest = &text[run.end..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\u{3000}']).len();
    if spaced {
        run.end + spaces
    } else {
        run.end
    }
}

/// A run right after digits: a year or a date with blank digits (`20XX年`, `201X/X/XX`),
/// taken whole with its digits, or a blank after a code or a part of a number (`G541XX段`,
/// `5XX万`). Anything else after digits is arithmetic or a code (`3×4`, `1.5x`, `PXX1`).
fn after_digits(text: &str, run: Range<usize>) -> Option<Blank> {
    let digits_start = text[..run.start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i)?;
    if before(text, digits_start).is_some_and(|c| is_alnum(c) || c == '.') {
        return after_code(text, run);
    }
    let token = &text[digits_start..run.end];
    let digits = &text[digits_start..run.start];
    let hit = &text[run.clone()];
    let all_blank = hit.chars().all(|c| is_letter(c) || is_star(c) || c == '×');
    // `20xx 年`: text spaced out around numbers keeps the year whole.
    let spaces = text[run.end..].len() - text[run.end..].trim_start_matches(' ').len();
    let year = all_blank
        && (digits.starts_with("19") || digits.starts_with("20"))
        && (3..=4).contains(&token.chars().count())
        && after(text, run.end + spaces).map(simplified) == Some('年');
    if year {
        return Some(Blank {
            span: digits_start..run.end + spaces + '年'.len_utf8(),
            what: What::Date,
        });
    }
    // `202x行动`: a year whose last digits are blank, without its `年`.
    let bare_year = all_blank
        && (digits.starts_with("19") || digits.starts_with("20"))
        && token.chars().count() == 4
        && after(text, run.end).is_some_and(|c| is_han(c) || is_cjk_punct(c));
    if bare_year || DIGIT_DATE.is_match(token) {
        return Some(Blank {
            span: digits_start..run.end,
            what: What::Date,
        });
    }
    after_code(text, run)
}

/// A run of two or more blank symbols after a code or digits, ending where Chinese goes
/// on (`G541XX段`): codes are ASCII, so the Chinese after it is no part of one. `××` is
/// never arithmetic (`×2××××3`). Digits and a measure word after the run make it part of a
/// number (`20xx9号`).
fn after_code(text: &str, run: Range<usize>) -> Option<Blank> {
    let hit = &text[run.clone()];
    let symbols = hit.chars().filter(|&c| is_symbol(c)).count();
    if symbols < 2 {
        return None;
    }
    let chinese_after = after(text, run.end).is_some_and(|c| is_han(c) || is_cjk_punct(c));
    if chinese_after || hit.matches('×').count() >= 2 {
        return Some(Blank {
            span: run,
            what: What::Run,
        });
    }
    number_after(text, run)
}

/// A run of blank letters before digits that end in a unit (`xx0.9%`, `xx458元`): a
/// number only partly filled in.
fn before_digits(text: &str, run: Range<usize>) -> Option<Blank> {
    if text[run.clone()].matches('×').count() >= 2 {
        // `××` is never arithmetic: a blank of a numbered pattern (`×1械注×2××××3`).
        return Some(Blank {
            span: run,
            what: What::Run,
        });
    }
    if in_chinese(text, &run) {
        number_after(text, run)
    } else {
        None
    }
}

/// Two or more blank letters followed by digits and a measure word or unit: the blank
/// part of a number.
fn number_after(text: &str, run: Range<usize>) -> Option<Blank> {
    let letters = text[run.clone()].chars().filter(|&c| is_letter(c)).count();
    let digits = text[run.end..]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let cue = words::word_after(text, run.end + digits)?;
    (letters >= 2 && digits > 0 && cue.class == Class::Number).then(|| Blank {
        span: run.clone(),
        what: What::Number {
            cue: run.end + digits..run.end + digits + cue.len,
        },
    })
}

/// Whether a star stands where the next word or `第` before it says a blank belongs.
fn star_in_certain_context(text: &str, run: &Range<usize>) -> bool {
    words::word_after(text, cue_start(text, run)).is_some_and(|w| w.class != Class::Compound)
        || before(text, run.start).map(simplified) == Some('第')
        || before(text, run.start).is_some_and(|c| c.is_ascii_digit())
            && after(text, run.end).map(simplified) == Some('年')
}

/// Chinese on both sides of `run`, as in a sentence: `重视，×亲自出席`.
fn between_words(text: &str, run: &Range<usize>) -> bool {
    let chinese = |c: char| is_han(c) || is_cjk_punct(c) || ",;:".contains(c);
    before_spaces(text, run.start).is_some_and(chinese)
        && after_spaces(text, run.end).is_some_and(chinese)
}

/// A sign at the end of a name, as in `“数据要素×”行动` and `“互联网+”`: right after a Han
/// character and right before a closing mark.
fn ends_a_name(text: &str, run: &Range<usize>) -> bool {
    before(text, run.start).is_some_and(is_han)
        && after(text, run.end).is_some_and(|c| "”’」』》〉）)\"".contains(c))
}

/// A product of units written in brackets (`（用户×小时）`, `(人×天)`): a few Han characters on
/// each side of the sign and the brackets round them.
fn in_unit_of_measure(text: &str, run: &Range<usize>) -> bool {
    const UNIT_CHARS: usize = 4;
    let before: String = text[..run.start]
        .chars()
        .rev()
        .take_while(|&c| is_han(c))
        .take(UNIT_CHARS + 1)
        .collect();
    let after: String = text[run.end..]
        .chars()
        .take_while(|&c| is_han(c))
        .take(UNIT_CHARS + 1)
        .collect();
    let opened = text[..run.start - before.len()].ends_with(['（', '(']);
    let closed = text[run.end + after.len()..].starts_with(['）', ')']);
    let short = |s: &str| (1..=UNIT_CHARS).contains(&s.chars().count());
    opened && closed && short(&before) && short(&after)
}

/// Whether the sentence at `at` is an equation (`应纳税额＝货物数量×单位税额`): an equals sign
/// not far from `at`, however the sign is used.
fn in_equation(doc: &Document, at: usize) -> bool {
    let Some(sentence) = doc.sentence_at(at) else {
        return false;
    };
    let text = &doc.text;
    let reach = NEAR_BYTES * 4;
    let from = ceil_boundary(text, at.saturating_sub(reach).max(sentence.start));
    let to = floor_boundary(text, (at + reach).min(sentence.end));
    text[from..to].contains(['=', '＝'])
}

/// Whether a sign at `at` with nothing after it that needs a name is one of several
/// operators close together (`长×宽×高`). Stars are not counted: a draft that blanks its
/// names with stars has many of them close together (`原书记*和市第*届`).
fn among_operators(text: &str, at: usize) -> bool {
    let from = ceil_boundary(text, at.saturating_sub(NEAR_BYTES));
    let to = floor_boundary(text, at + NEAR_BYTES);
    let from = text[from..at].rfind('\n').map_or(from, |i| from + i + 1);
    let to = text[at..to].find('\n').map_or(to, |i| at + i);
    text[from..to].matches(['×', '÷', '+', '＋']).count() >= 2
}

/// How far a formula or a row of tick boxes reaches on either side of a sign, in bytes
/// (about twenty Chinese characters): what is read around it, however long the line.
const NEAR_BYTES: usize = 64;

/// `XXA`: a run of capital X with one capital pasted after it (an edit left half done),
/// taken with the letter; any other letter or digit after a run makes it a word or a code.
fn capital_after_run(text: &str, run: Range<usize>) -> Option<Blank> {
    let hit = &text[run.clone()];
    let mut rest = text[run.end..].chars();
    let next = rest.next()?;
    let xs = hit.chars().count();
    let capital_xs = xs >= 2 && hit.chars().all(|c| matches!(c, 'X' | 'Ｘ'));
    let pasted = matches!(next, 'A'..='Z' | 'Ａ'..='Ｚ') && !"LSIVC".contains(next);
    let word_ends = rest.next().is_none_or(|c| !is_alnum(c) && c != '_');
    (capital_xs && pasted && word_ends).then(|| Blank {
        span: run.start..run.end + next.len_utf8(),
        what: What::Run,
    })
}

/// A Latin word and a space before the run (`iPhone X`, `Super Bowl XX`), or a space and
/// a Latin word after it (`XX century`).
fn in_latin_text(text: &str, run: &Range<usize>) -> bool {
    let latin_before = text[..run.start]
        .strip_suffix(' ')
        .map(|t| t.trim_end_matches([',', '.']))
        .and_then(|t| t.chars().next_back())
        .is_some_and(|c| c.is_ascii_alphabetic());
    let latin_after = text[run.end..]
        .strip_prefix(' ')
        .and_then(|t| t.chars().next())
        .is_some_and(|c| c.is_ascii_alphabetic());
    latin_before || latin_after
}

/// A run beside an arithmetic or formula sign (`1+X`, `6+X`, `X=`, `a/x`).
fn in_formula(text: &str, run: &Range<usize>) -> bool {
    let sign = |c: char| "+＋=＝<>＜＞^/／".contains(c);
    before_spaces(text, run.start).is_some_and(sign)
        || after_spaces(text, run.end).is_some_and(sign)
}

/// `○` inside a year in Chinese numerals (`二○二五年`), where it is a zero.
fn next_to_chinese_numeral(text: &str, run: &Range<usize>) -> bool {
    before(text, run.start).is_some_and(is_chinese_digit)
        || after(text, run.end).is_some_and(is_chinese_digit)
}

/// A lone `○ □ △` used as a tick or a box, not a blank: one that does not follow a Han
/// character or Chinese punctuation (`□同意`, a table cell), or one of several lone ones on
/// its line (`是否同意：□同意 □不同意`).
fn is_tick(text: &str, run: &Range<usize>) -> bool {
    let hit = &text[run.clone()];
    let Some(shape) = hit.chars().next() else {
        return false;
    };
    if hit.chars().count() > 1 {
        return false;
    }
    let after_chinese = before(text, run.start).is_some_and(|c| is_han(c) || is_cjk_punct(c));
    if !after_chinese {
        return true;
    }
    let from = ceil_boundary(text, run.start.saturating_sub(NEAR_BYTES));
    let to = floor_boundary(text, run.end + NEAR_BYTES);
    let from = text[from..run.start]
        .rfind('\n')
        .map_or(from, |i| from + i + 1);
    let to = text[run.end..to].find('\n').map_or(to, |i| run.end + i);
    let near = &text[from..to];
    let lone = near
        .char_indices()
        .filter(|&(i, c)| {
            c == shape
                && !near[..i].ends_with(shape)
                && !near[i + c.len_utf8()..].starts_with(shape)
        })
        .count();
    lone >= 2
}

/// Where a date or time with blanks that starts with `run` ends: `X月X日`, `XX年XX月`,
/// `××××年××月××日`, `X时X分`. At least two of its parts are needed; `X月` alone is a
/// number before a unit.
fn date_end(text: &str, run: Range<usize>) -> Option<usize> {
    const ORDER: [&[char]; 3] = [&['年'], &['月'], &['日', '号']];
    const TIME: [&[char]; 2] = [&['时', '点'], &['分']];
    let first = after(text, run.end).map(simplified)?;
    let sequence: &[&[char]] = if let Some(i) = ORDER.iter().position(|u| u.contains(&first)) {
        &ORDER[i..]
    } else if TIME[0].contains(&first) {
        &TIME
    } else {
        return None;
    };
    let mut end = run.end + first.len_utf8();
    let mut parts = 1;
    for units in &sequence[1..] {
        let field = text[end..]
            .chars()
            .take_while(|&c| is_letter(c) || c == '×' || c.is_ascii_digit())
            .map(char::len_utf8)
            .sum::<usize>();
        let unit = after(text, end + field).map(simplified);
        if field == 0 || field > 4 || !unit.is_some_and(|u| units.contains(&u)) {
            break;
        }
        end += field + unit.map_or(0, char::len_utf8);
        parts += 1;
    }
    (parts >= 2).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbols_searched_for_are_those_is_symbol_accepts() {
        let accepted: Vec<char> = ('\0'..=char::MAX).filter(|&c| is_symbol(c)).collect();
        let mut searched = SYMBOLS.to_vec();
        searched.sort_unstable();
        assert_eq!(accepted, searched);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// The runs are what the pattern `[XxＸｘ×*＊○□△]+(?:[.．\-－～~/／][XxＸｘ×*＊○□△]+)*`
        /// finds, which they replace.
        #[test]
        fn runs_are_what_the_pattern_finds(text in "(?:[Xx×*＊○□△]|Ｘ|ｘ|[.．/～~-]|－|／|甲|，|a| ){0,16}") {
            let pattern = Regex::new(r"[XxＸｘ×*＊○□△]+(?:[.．\-－～~/／][XxＸｘ×*＊○□△]+)*").unwrap();
            let expected: Vec<Range<usize>> = pattern.find_iter(&text).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(runs(&text, &Census::of(&text)).collect::<Vec<_>>(), expected);
        }
    }

    fn blanks(text: &str) -> Vec<(String, bool)> {
        let doc = Document::new(text.to_string(), Format::Text);
        find(&doc)
            .into_iter()
            .map(|b| (text[b.span.clone()].to_string(), b.is_certain()))
            .collect()
    }

    fn certain(text: &str) -> Vec<String> {
        blanks(text)
            .into_iter()
            .filter(|(_, c)| *c)
            .map(|(s, _)| s)
            .collect()
    }

    fn likely(text: &str) -> Vec<String> {
        blanks(text)
            .into_iter()
            .filter(|(_, c)| !*c)
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn dates_are_one_blank() {
        assert_eq!(certain("X月X日，召开会议"), ["X月X日"]);
        assert_eq!(certain("××××年××月××日起"), ["××××年××月××日"]);
        assert_eq!(certain("定于20XX年举行"), ["20XX年"]);
        assert_eq!(certain("开展202x行动"), ["202x"]);
        assert_eq!(certain("研究部署20xx 年工作"), ["20xx 年"]);
        assert_eq!(certain("下午X时X分到会"), ["X时X分"]);
        assert_eq!(certain("X月15日前"), ["X月15日"]);
    }

    #[test]
    fn a_unit_title_or_suffix_makes_a_lone_letter_certain() {
        assert_eq!(certain("投资X万元"), ["X"]);
        assert_eq!(certain("同比增长x.x%"), ["x.x"]);
        assert_eq!(certain("X书记指出"), ["X"]);
        assert_eq!(certain("到X乡走访"), ["X"]);
        assert_eq!(certain("X县委"), ["X"]);
        assert_eq!(certain("第x-x周"), ["x-x"]);
        assert_eq!(certain("×局長的講話"), ["×"]);
        assert_eq!(certain("县*局副局长"), ["*"]);
        assert_eq!(certain("×大桥拓宽、×路改造、×隧道"), ["×", "×", "×"]);
        assert_eq!(certain("**办公室"), ["**"]);
    }

    #[test]
    fn a_formula_elsewhere_leaves_blanks_before_units_and_suffixes() {
        assert_eq!(certain("推行1+X证书制度。X镇投资X亿元。"), ["X", "X"]);
    }

    #[test]
    fn a_lone_letter_in_chinese_is_likely() {
        assert_eq!(likely("X的变化让人眼前一亮"), ["X"]);
        assert_eq!(likely("由X牵头负责"), ["X"]);
        assert_eq!(likely("理清*发展思路"), ["*"]);
    }

    #[test]
    fn traps_stay_quiet() {
        for trap in [
            "推行1+X证书制度",
            "“6+X”模式",
            "X光检查、X射线、X线、X型、X轴",
            "配备Xbox和XML文件，SpaceX发射，iPhone X上市",
            "3×4平方米，5×24小时，1.5x",
            "二○二五年",
            "XX世纪",
            "XXL码",
            "**重点工作**要抓好",
            "* 条目一",
            "注*：本表为初步数",
            "是否同意：□同意 □不同意",
            "申请人：□本人 □代理人",
            "优秀 ○ 良好 ○",
            "达标\tX\t√",
            "| 达标 | X |",
            "GDP增长，PM2.5下降",
            "深入实施“数据要素×”行动",
            "合金无缝钢管、ｘī＠②铜片",
            "补偿金额＝面积*单价",
            "全年产量*增长。注：*为预计数。",
            "带有*标记的品种为第一类中的药品类易制毒化学品",
            "退费金额＝(应缴热费金额×退费比例)×室温不合格天数",
            "加倍部分债务利息＝债务人尚未清偿的生效法律文书确定的除一般债务利息之外的金钱债务×日万分之一点七五×迟延履行期间",
            "应纳税额＝货物数量×单位税额",
            "影响范围五万（用户×小时）以上的",
            "起诉Q公司，X公司也是被告",
            "园区分为A区、B区",
            "推行1+X证书制度，X证书覆盖各专业",
            "探索“6+X”帮扶模式",
            "编号为X妆XXXX，其中第一位X代表省份，第二位X代表年份",
        ] {
            assert_eq!(blanks(trap), [], "{trap}");
        }
    }

    #[test]
    fn a_capital_pasted_after_a_run_is_taken_with_it() {
        assert_eq!(certain("新时代XXA伟大实践"), ["XXA"]);
    }

    #[test]
    fn doubled_crosses_between_digits_are_blanks() {
        assert_eq!(certain("格式为×2××××3×4××5"), ["××××", "××"]);
    }

    #[test]
    fn explained_stars_are_footnotes() {
        assert_eq!(blanks("全年产量*增长。\n注：带*号的为预计数。"), []);
    }
}
