//! `duplicate/*`: text said twice. Drafts assembled from several sources repeat a sentence,
//! say the same thing again in the next sentence, or carry a clause pasted into two sections.
//!
//! - `duplicate/sentence` (warning): the same sentence again, anywhere in the document;
//! - `duplicate/near` (warning): a sentence that nearly repeats an earlier one (a character or
//!   two changed, its clauses reordered), or that restates the sentence just before it;
//! - `duplicate/clause` (info): a clause of eight characters or more that appears again in
//!   another sentence.
//!
//! Formulas that speeches repeat on purpose (`rules/set-phrases.txt`) are never reported, and
//! a clause alone is only `info`: set phrases outside the list then stay quiet at the default
//! `--fail-on warning`.

pub mod cross_file;
mod index;
pub mod units;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::sync::LazyLock;

use super::{Context, FnRule, Rule, RuleMeta, RunLevel};
use crate::diagnostic::{Finding, Related, Severity};
use crate::document::Document;
use crate::structure::markers::{LegalUnit, Level};
use crate::structure::Outline;
use index::{Index, Repeat};
use units::{Exempt, Unit};

/// Shorter sentences (`同志们：`, `谢谢大家！`) repeat by nature.
const MIN_SENTENCE_CHARS: usize = 12;
/// Shorter clauses are phrases, not copied text.
const MIN_CLAUSE_CHARS: usize = 8;
/// A clause repeated alone is reported from this length; a shorter one only with its
/// neighbour repeated too, as pasted text is (a short clause alone is usually a formula).
const LONG_CLAUSE_CHARS: usize = 20;
/// A paragraph of one sentence shorter than this is a heading: headings repeat by design.
const HEADING_CHARS: usize = 25;

/// How many character edits a near repeat of `length` characters may have: one or two
/// characters changed, a tenth of a long sentence. More is a parallel sentence with another
/// subject (`在维护交通安全秩序方面` / `在维护公共场所秩序方面`), not a copy.
fn near_edits(length: usize) -> usize {
    (length / 10).max(2)
}

/// The keys of the set phrases' clauses, normalised like units, so that a unit is looked up
/// by the key it already has: the formulas of `rules/set-phrases.txt`, and the clauses that
/// three or more documents of the clean corpus use (`rules/set-phrases-corpus.txt`, made by
/// `scripts/set_phrases.py`).
static SET_PHRASES: LazyLock<FxHashSet<u64>> = LazyLock::new(|| {
    let written = include_str!("../../../rules/set-phrases.txt");
    let found = include_str!("../../../rules/set-phrases-corpus.txt");
    written
        .lines()
        .chain(found.lines())
        .filter(|line| !line.starts_with('#'))
        .flat_map(|line| line.split(SEPARATORS))
        .map(|clause| units::normalise(clause, 0..clause.len()))
        .filter(|clause| !clause.is_empty())
        .map(|clause| units::key(&clause))
        .collect()
});

/// What separates the clauses of a set phrase, and the set phrases in a sentence.
const SEPARATORS: [char; 7] = ['，', '；', '：', '、', '。', '！', '？'];

/// A document's sentences and clauses, and what of them the rules leave alone.
struct Units<'a> {
    doc: &'a Document,
    scope: Scope<'a>,
    sentences: &'a [Unit],
    clauses: &'a [Unit],
}

impl<'a> Units<'a> {
    fn new(cx: &'a Context) -> Units<'a> {
        let units = cx.units();
        Units {
            doc: cx.doc,
            scope: Scope::new(cx.doc, units, cx.outline()),
            sentences: &units.sentences,
            clauses: &units.clauses,
        }
    }
}

/// What the duplicate rules leave alone in one document.
struct Scope<'a> {
    doc: &'a Document,
    /// The sentences and clauses that repeat by nature, and a regulation's sections, worked
    /// out once per document for all the rules here.
    exempt: &'a Exempt,
}

impl<'a> Scope<'a> {
    fn new(doc: &'a Document, units: &'a units::Units, outline: &Outline) -> Scope<'a> {
        let exempt = units.exempt.get_or_init(|| {
            let sentences = &units.sentences;
            let flags = |all: &[Unit]| all.iter().map(|u| exempt(doc, u, sentences)).collect();
            Exempt {
                sentences: flags(sentences),
                clauses: flags(&units.clauses),
                sections: regulation_sections(doc, outline),
            }
        });
        Scope { doc, exempt }
    }
}

/// Where the articles, items and paragraphs (款) of a regulation start (`第十二条`, `（三）`):
/// in a regulation each is a section of its own. Empty for other texts.
fn regulation_sections(doc: &Document, outline: &Outline) -> Vec<usize> {
    let markers = outline.markers();
    let articles = markers
        .iter()
        .filter(|m| m.level == Level::Legal(LegalUnit::Article))
        .count();
    if articles < 3 {
        return Vec::new();
    }
    let mut starts: Vec<usize> = markers.iter().map(|m| m.span.start).collect();
    starts.extend(doc.paragraphs.iter().map(|p| p.start));
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// Units that repeat by nature: set phrases, quotations, headings, text that is not Chinese
/// (a licence line in Latin letters).
fn exempt(doc: &Document, unit: &Unit, sentences: &[Unit]) -> bool {
    let chinese = unit.chars.iter().filter(|c| !c.is_ascii()).count();
    chinese * 2 < unit.chars.len()
        || doc.quoted().covers(&unit.span)
        || is_heading(doc, &sentences[unit.sentence])
        || is_set_phrase(doc, unit)
}

fn is_heading(doc: &Document, sentence: &Unit) -> bool {
    let paragraph = &doc.paragraphs[sentence.paragraph];
    sentence.chars.len() < HEADING_CHARS
        && paragraph.start == sentence.span.start
        && doc.text[sentence.span.end..paragraph.end].trim().is_empty()
}

impl Scope<'_> {
    /// Whether two units are in different sections of a regulation (articles, items,
    /// paragraphs).
    fn in_other_sections(&self, a: &Unit, b: &Unit) -> bool {
        let sections = &self.exempt.sections;
        let section = |unit: &Unit| sections.partition_point(|&at| at <= unit.span.start);
        !sections.is_empty() && section(a) != section(b)
    }

    /// Regulations repeat clauses from article to article, item to item and paragraph to
    /// paragraph on purpose (`构成犯罪的，依法追究刑事责任`): a clause repeated in another
    /// section is not reported.
    fn may_repeat(&self, a: &Unit, b: &Unit) -> bool {
        self.in_other_sections(a, b)
    }

    /// Whether sentence `later` of a regulation may repeat sentence `earlier` of another of
    /// its sections: a clause regulations repeat by design (`rules/regulation-clauses.txt`),
    /// an item or the opening of a list (the last item too, after items that end in `；`),
    /// or a sentence of two parallel articles, whose
    /// neighbours say the same with other words (`预算草案` / `决算草案`). A sentence or an
    /// article pasted twice is reported.
    fn may_repeat_sentence(&self, sentences: &[Unit], earlier: usize, later: usize) -> bool {
        let (a, b) = (&sentences[earlier], &sentences[later]);
        if !self.in_other_sections(a, b) {
            return false;
        }
        let text = &self.doc.text[b.span.clone()];
        let last_item = later > 0 && {
            let previous = &sentences[later - 1];
            previous.paragraph == b.paragraph
                && self.doc.text[previous.span.clone()]
                    .trim_end()
                    .ends_with(['；', ';'])
        };
        last_item || recurs_by_design(text) || parallel_neighbours(sentences, earlier, later)
    }
}

/// The sentences regulations repeat on purpose, as `rules/regulation-clauses.txt` lists them.
static REGULATION_CLAUSES: LazyLock<regex::Regex> = LazyLock::new(|| {
    let patterns: Vec<&str> = include_str!("../../../rules/regulation-clauses.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .collect();
    regex::Regex::new(&patterns.join("|")).expect("rules/regulation-clauses.txt is valid")
});

/// An item of a list (`（三）……；`), the opening of one (`有下列行为之一的，……：`), or a
/// clause regulations repeat on purpose.
fn recurs_by_design(sentence: &str) -> bool {
    let sentence = sentence.trim();
    let item = sentence.starts_with(['（', '(']) || sentence.ends_with(['；', '：', ';', ':']);
    item || REGULATION_CLAUSES.is_match(sentence)
}

/// Whether the sentences next to two repeated ones are alike without being equal: two
/// articles written in parallel, not one pasted twice.
fn parallel_neighbours(sentences: &[Unit], earlier: usize, later: usize) -> bool {
    // Sentences of provisions are short; a longer neighbour is compared no further, so
    // that a text of long sentences repeated costs no more than their count.
    const LONGEST: usize = 200;
    let alike_but_other = |i: usize, j: usize| {
        let (a, b) = (&sentences[i].chars, &sentences[j].chars);
        let bound = (a.len().max(b.len()) * 3 / 10).max(4);
        a.len().max(b.len()) <= LONGEST
            && a != b
            && index::bounded_edit_distance(a, b, bound).is_some()
    };
    let before = earlier > 0 && alike_but_other(earlier - 1, later - 1);
    let after = later + 1 < sentences.len() && alike_but_other(earlier + 1, later + 1);
    before || after
}

/// Whether a unit is a set phrase, or made only of set phrases.
fn is_set_phrase(doc: &Document, unit: &Unit) -> bool {
    if SET_PHRASES.contains(&unit.key) {
        return true;
    }
    let text = &doc.text[unit.span.clone()];
    if !text.contains(SEPARATORS) {
        return false;
    }
    let mut parts = text
        .split(SEPARATORS)
        .map(|part| units::normalise(part, 0..part.len()))
        .filter(|part| !part.is_empty())
        .peekable();
    parts.peek().is_some() && parts.all(|part| SET_PHRASES.contains(&units::key(&part)))
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        FnRule::boxed(
            RuleMeta::new(
                "duplicate/sentence",
                Severity::Warning,
                "同一句话在文中出现两次",
                SENTENCE,
            ),
            check_sentence,
        ),
        FnRule::boxed(
            RuleMeta::new(
                "duplicate/near",
                Severity::Warning,
                "与前文几乎相同或紧挨着重复前一句意思的句子",
                NEAR_DOC,
            ),
            check_near,
        ),
        FnRule::boxed(
            RuleMeta::new(
                "duplicate/clause",
                Severity::Info,
                "同一分句出现在文中两处",
                CLAUSE,
            ),
            check_clause,
        ),
        Box::new(RunLevel(RuleMeta::new(
            cross_file::RULE,
            Severity::Warning,
            "与同一次检查中另一文件相同的段落或句子（需 --cross-file 开启）",
            CROSS_FILE,
        ))),
    ]
}

fn finding(doc: &Document, unit: &Unit, earlier: &Unit, message: String, label: &str) -> Finding {
    let mut finding = Finding::new(unit.span.clone(), message);
    finding.related.push(Related {
        span: earlier.span.clone(),
        message: format!("{label}（第 {} 行）", doc.position(earlier.span.start).line),
    });
    finding
}

pub(super) fn check_sentence(cx: &Context, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let scope = Scope::new(doc, cx.units(), cx.outline());
    let sentences = &cx.units().sentences;
    let mut first: HashMap<u64, usize> = HashMap::default();
    for (i, sentence) in sentences.iter().enumerate() {
        if sentence.chars.len() < MIN_SENTENCE_CHARS || scope.exempt.sentences[i] {
            continue;
        }
        let earlier = &sentences[*first.entry(sentence.key).or_insert(i)];
        if earlier.sentence != i && !scope.may_repeat_sentence(sentences, earlier.sentence, i) {
            let message = "这句话与前文完全相同".to_string();
            out.push(finding(doc, sentence, earlier, message, "首次出现"));
        }
    }
}

pub(super) fn check_near(cx: &Context, out: &mut Vec<Finding>) {
    let Units {
        doc,
        scope,
        sentences,
        clauses,
    } = Units::new(cx);
    let mut index = Index::default();
    let mut reordered: HashMap<Vec<&[char]>, usize> = HashMap::default();
    let mut clause_at = 0;
    for (i, sentence) in sentences.iter().enumerate() {
        let first_clause = clause_at;
        while clauses.get(clause_at).is_some_and(|c| c.sentence == i) {
            clause_at += 1;
        }
        if scope.exempt.sentences[i] {
            continue;
        }
        let found = if sentence.chars.len() >= MIN_SENTENCE_CHARS {
            match index.repeat_of(sentences, i, near_edits) {
                // The same sentence again is `duplicate/sentence`'s.
                Some(Repeat { edits: 0, .. }) => continue,
                Some(Repeat { earlier, edits }) => {
                    (!parallel(&scope, sentences, earlier, i)).then(|| {
                        let message = format!("这句话与前文的一句几乎相同（相差 {edits} 个字）");
                        (earlier, message)
                    })
                }
                None => reordered_repeat(&mut reordered, &clauses[first_clause..clause_at], i),
            }
        } else {
            None
        };
        let found = found.filter(|&(earlier, _)| !scope.may_repeat_sentence(sentences, earlier, i));
        if let Some((earlier, message)) = found {
            let earlier = &sentences[earlier];
            let mut finding = finding(doc, sentence, earlier, message, "相近的句子");
            let (was, is) = (
                &doc.source[earlier.span.clone()],
                &doc.source[sentence.span.clone()],
            );
            if let Some(changes) = differences(was, is) {
                finding.related[0]
                    .message
                    .push_str(&format!("，不同之处：{changes}"));
            }
            out.push(finding);
        } else if let Some(restated) = restates_previous(sentences, clauses, i) {
            let message = "这句话重复了上一句的意思".to_string();
            out.push(finding(doc, sentence, restated, message, "上一句"));
        }
    }
}

/// How many differences a near repeat's label names at most.
const DIFFERENCES_SHOWN: usize = 3;

/// What changed from the earlier sentence to the later one, as a reader would mark it
/// (`“主体”改为“主要”`), when the two differ in a few places; `None` when they differ in more
/// (the clauses reordered) or not at all.
fn differences(earlier: &str, later: &str) -> Option<String> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_chars(earlier, later);
    // Each change: the character before it (so a reader finds `主体` rather than `体`), what
    // was removed, what was added.
    let mut changes: Vec<(&str, String, String)> = Vec::new();
    let mut open = false;
    let mut before = "";
    for change in diff.iter_all_changes() {
        let value = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                open = false;
                before = value;
            }
            tag => {
                if !open {
                    changes.push((before, String::new(), String::new()));
                    open = true;
                }
                let (_, removed, added) = changes.last_mut().expect("just pushed");
                if tag == ChangeTag::Delete {
                    removed.push_str(value);
                } else {
                    added.push_str(value);
                }
            }
        }
    }
    if changes.is_empty() || changes.len() > DIFFERENCES_SHOWN {
        return None;
    }
    let described: Vec<String> = changes
        .into_iter()
        .map(
            |(before, removed, added)| match (removed.is_empty(), added.is_empty()) {
                (false, false) => format!("“{before}{removed}”改为“{before}{added}”"),
                (false, true) => format!("删去“{removed}”"),
                _ => format!("加上“{added}”"),
            },
        )
        .collect();
    Some(described.join("，"))
}

/// Sentences built alike on purpose: close together (in one paragraph, opening neighbouring
/// paragraphs, a few sentences apart) with a word swapped for another (`加快打造经济融合示范
/// 样板。…` / `加快打造社会融合示范样板。…`), or anywhere with other figures. A copy with a
/// character or two edited (`主体责任` / `主要责任`) is no parallel, however close.
fn parallel(scope: &Scope, sentences: &[Unit], earlier: usize, later: usize) -> bool {
    const NEARBY: usize = 3;
    let (a, b) = (&sentences[earlier], &sentences[later]);
    let opens = |u: &Unit| scope.doc.paragraphs[u.paragraph].start == u.span.start;
    let close = a.paragraph == b.paragraph
        || (b.paragraph - a.paragraph <= NEARBY && opens(a) && opens(b))
        || later - earlier <= NEARBY;
    close && word_swapped(&a.chars, &b.chars) || only_numbers_differ(&a.chars, &b.chars)
}

/// Whether what differs between two sentences, past what they share at both ends, is a whole
/// word put for another: two characters or more on each side, none of them kept (`经济` /
/// `社会`). One character changed (`主体` / `主要`), or changes apart with kept text between
/// them, is an edit of the same sentence.
fn word_swapped(a: &[char], b: &[char]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    let (x, y) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let replaced = x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p != q);
    x.len() >= 2 && y.len() >= 2 && (replaced || x.len() != y.len())
}

/// Parallel statements with other figures (`处一万元以上三万元以下罚款` / `处三万元以上十万元以下
/// 罚款`) differ only in their numbers.
fn only_numbers_differ(a: &[char], b: &[char]) -> bool {
    let masked = |chars: &[char]| -> String {
        let mut out = String::new();
        for &c in chars {
            let numeral = c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || "〇零一二三四五六七八九十百千万亿两".contains(c);
            if !(numeral && out.ends_with('#')) {
                out.push(if numeral { '#' } else { c });
            }
        }
        out
    };
    masked(a) == masked(b)
}

/// An earlier sentence with the same clauses in another order.
fn reordered_repeat<'u>(
    seen: &mut HashMap<Vec<&'u [char]>, usize>,
    clauses: &'u [Unit],
    i: usize,
) -> Option<(usize, String)> {
    if clauses.len() < 2 {
        return None;
    }
    // The clauses' own characters, sorted: no copy of the text is made.
    let mut key: Vec<&[char]> = clauses.iter().map(|c| c.chars.as_slice()).collect();
    key.sort_unstable();
    let earlier = *seen.entry(key).or_insert(i);
    (earlier != i).then(|| {
        (
            earlier,
            "这句话与前文的一句分句相同，只是顺序不同".to_string(),
        )
    })
}

/// The unit of the previous sentence (the sentence or one of its clauses) that sentence `i`
/// restates: it opens and closes with the same words (`营造……氛围`), every character of the
/// shorter one appears in the longer one, the two are of similar length, and
/// they are in the same paragraph (`营造学党史的浓厚氛围。营造了浓厚的党史学习教育氛围。`).
fn restates_previous<'a>(sentences: &'a [Unit], clauses: &'a [Unit], i: usize) -> Option<&'a Unit> {
    let sentence = &sentences[i];
    let previous = sentences.get(i.checked_sub(1)?)?;
    if previous.paragraph != sentence.paragraph || sentence.chars.len() < MIN_CLAUSE_CHARS {
        return None;
    }
    let start = clauses.partition_point(|c| c.sentence < previous.sentence);
    std::iter::once(previous)
        .chain(
            clauses[start..]
                .iter()
                .take_while(|c| c.sentence == previous.sentence),
        )
        .find(|unit| restates(&unit.chars, &sentence.chars))
}

fn restates(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < MIN_CLAUSE_CHARS || (short.len() as f64) < 0.6 * long.len() as f64 {
        return false;
    }
    let same_ends = short[..2] == long[..2] && short[short.len() - 2..] == long[long.len() - 2..];
    // Every character of the shorter one: a sentence that adds a new word (`不利于` for
    // `有利于`, `擅自` for `授权`) says something else, however alike it is built.
    let long_chars: FxHashSet<char> = long.iter().copied().collect();
    same_ends && short.iter().all(|c| long_chars.contains(c))
}

pub(super) fn check_clause(cx: &Context, out: &mut Vec<Finding>) {
    let Units {
        doc,
        scope,
        sentences,
        clauses,
    } = Units::new(cx);
    let mut index = Index::default();
    let mut repeats: HashMap<usize, Repeat> = HashMap::default();
    for (i, clause) in clauses.iter().enumerate() {
        if clause.chars.len() < MIN_CLAUSE_CHARS || scope.exempt.clauses[i] {
            continue;
        }
        let Some(repeat) = index.repeat_of(clauses, i, |_| 2) else {
            continue;
        };
        if reportable_clause_repeat(&scope, sentences, &clauses[repeat.earlier], clause) {
            repeats.insert(i, repeat);
        }
    }
    // A clause alone is reported when it is long and no enumeration of short items (a motto
    // said again as it stands); any clause is, in a stretch of clauses pasted together.
    let alone = |i: usize| {
        clauses[i].chars.len() >= LONG_CLAUSE_CHARS
            && !is_enumeration(&doc.text[clauses[i].span.clone()])
    };
    let prose = |i: usize| !is_enumeration(&doc.text[clauses[i].span.clone()]);
    let mut reported: Vec<(&usize, &Repeat)> = repeats
        .iter()
        .filter(|(&i, repeat)| alone(i) || in_a_run(&repeats, i, repeat, prose))
        .collect();
    reported.sort_unstable_by_key(|(&i, _)| i);
    for (&i, &Repeat { earlier, edits }) in reported {
        let message = match edits {
            0 => "这个分句在前文出现过".to_string(),
            n => format!("这个分句与前文的一个分句几乎相同（相差 {n} 个字）"),
        };
        out.push(finding(
            doc,
            &clauses[i],
            &clauses[earlier],
            message,
            "前文的分句",
        ));
    }
}

/// Whether the clause next to clause `i` repeats the clause next to the one `i` repeats: a
/// stretch of text pasted twice (`忠诚履责、奋发有为，积极投身新时代伟大实践`), not a formula
/// used twice. At least one of the two must `count`: two mottoes said together again
/// (`解放思想、创新求变，向海图强、开放发展`) are one motto.
fn in_a_run(
    repeats: &HashMap<usize, Repeat>,
    i: usize,
    repeat: &Repeat,
    counts: impl Fn(usize) -> bool,
) -> bool {
    let follows = |next: usize, earlier: usize| {
        repeats.get(&next).is_some_and(|r| r.earlier == earlier) && (counts(i) || counts(next))
    };
    follows(i + 1, repeat.earlier + 1)
        || (i > 0 && repeat.earlier > 0 && follows(i - 1, repeat.earlier - 1))
}

/// A repeat inside one sentence is parallelism, like two sentences opened alike
/// (`（一）走好新的赶考之路，…（二）走好新的赶考之路，…`); whole repeated sentences are the
/// sentence rules'; figures alone differing is a parallel statement.
fn reportable_clause_repeat(
    scope: &Scope,
    sentences: &[Unit],
    first: &Unit,
    clause: &Unit,
) -> bool {
    let same_sentence = first.sentence == clause.sentence;
    let whole_sentences = alike(
        &sentences[clause.sentence].chars,
        &sentences[first.sentence].chars,
    );
    let both_open = opens_sentence(sentences, clause) && opens_sentence(sentences, first);
    // Said again in one paragraph, a clause is stressed (`一种是战争引起革命，一种是革命制止
    // 战争`); said again after a heading, the heading is taken up in the text.
    let same_paragraph = first.paragraph == clause.paragraph;
    let heading = in_heading(scope.doc, first) || in_heading(scope.doc, clause);
    !(same_sentence
        || same_paragraph
        || heading
        || whole_sentences
        || both_open
        || only_numbers_differ(&first.chars, &clause.chars) && first.chars != clause.chars
        || scope.may_repeat(first, clause))
}

/// How long an item of an enumeration is at most, in characters.
const ENUMERATED_CHARS: usize = 6;

/// Whether a clause enumerates short items (`解放思想、创新求变`, `向海图强、开放发展`): a
/// motto or a list of terms, said again as it stands.
fn is_enumeration(clause: &str) -> bool {
    let mut count = 0;
    for item in clause.split(['、', '，']) {
        let chars = item.chars().filter(|c| c.is_alphanumeric()).count();
        if chars == 0 || chars > ENUMERATED_CHARS {
            return false;
        }
        count += 1;
    }
    count >= 2
}

/// How long a heading is at most, in characters.
const HEADING_PARAGRAPH_CHARS: usize = 50;

/// Whether a unit is in a heading: a short paragraph that ends no sentence
/// (`十五、坚定不移全面从严治党，深入推进新时代党的建设新的伟大工程`).
fn in_heading(doc: &Document, unit: &Unit) -> bool {
    let paragraph = doc.text[doc.paragraphs[unit.paragraph].clone()].trim_end();
    paragraph.len() <= HEADING_PARAGRAPH_CHARS * 4
        && paragraph.chars().count() <= HEADING_PARAGRAPH_CHARS
        && !paragraph.ends_with(['。', '！', '？', '；'])
}

/// Whether two sentences are the same, nearly the same or the same clauses reordered: the
/// sentence rules report them, their clauses need no report of their own.
fn alike(a: &[char], b: &[char]) -> bool {
    let sorted = |chars: &[char]| {
        let mut sorted = chars.to_vec();
        sorted.sort_unstable();
        sorted
    };
    let bound = near_edits(a.len().max(b.len()));
    a == b || index::bounded_edit_distance(a, b, bound).is_some() || sorted(a) == sorted(b)
}

fn opens_sentence(sentences: &[Unit], clause: &Unit) -> bool {
    sentences[clause.sentence].span.start == clause.span.start
}

const SENTENCE: &str = r#"
检查什么
  完全相同的句子（不计标点、空格和句首序号，至少 12 个字）在文中再次出现。报告后一处，
  并指向第一处。法规（三条以上“第X条”）也逐句比较，各条之间粘贴重复的句子、整条照样报告。

为什么
  拼合多份材料时，同一句话常被粘贴两次；读者未必察觉，念稿时一听便知。

会报告
  坚持问题导向，聚焦群众反映强烈的突出问题。……坚持问题导向，聚焦群众反映强烈的突出问题。

不会报告
  “同志们：”“谢谢大家！”这类短句；
  讲话稿有意反复的固定提法（rules/set-phrases.txt，如“把握新发展阶段，贯彻新发展理念，
  构建新发展格局”）；
  法规各条有意重复的句子：责任和罚则条款（“构成犯罪的，依法追究刑事责任。”“处一万元
  以上五万元以下罚款”）、办理时限（“自受理申请之日起十五日内作出决定”），见
  rules/regulation-clauses.txt；列举项和列举的引语（以“；”“：”结尾，或以“（一）”开头）；
  两条平行规定中的同一句（前后相邻的句子措辞相近而不相同，如预算和决算两条）。

如何修改
  删去重复的一句，或改写。
"#;

const NEAR_DOC: &str = r#"
检查什么
  与前文几乎相同的句子：
  - 与前文某句只差一两个字（至少 12 个字；相差不超过 2 个字或句长的 10%），紧挨着
    还是相隔很远都算；
  - 与前文某句的分句完全相同，只是顺序调换；
  - 紧挨着的两句（同一段中）意思重复：较短一句的字几乎都出现在上一句（或上一句的某个
    分句）中，且两者长短相近，如“营造学党史的浓厚氛围。营造了浓厚的党史学习教育氛围。”
  报告指向前文那一句，并写明不同之处（“主体”改为“主要”）。
  查找按句子的首、中、尾片段建立索引，文本再长也不做两两比较；候选句再用有界的编辑距离核对。

为什么
  改稿时新旧两种说法都留了下来，或同一意思换个说法又写了一遍，读来拖沓。

会报告
  营造学习的浓厚氛围。营造了浓厚的学习教育氛围。（紧挨着的重复）
  坚持问题导向，聚焦突出问题。……坚持问题导向，聚焦重点问题。（相差一两个字）

不会报告
  意思递进的相邻句子（字面重合不到八成，或长短相差很大）；
  有意的排比：相隔不远（同一段、相邻段的段首、前后三句之内）的两句，除共有的首尾外，
  不同之处是整个换掉的一个词（两个字以上，且没有一个字相同），如“加快打造经济融合示范
  样板。”与“加快打造社会融合示范样板。”；只改了一个字（“主体责任”与“主要责任”），或改动
  处之间夹着相同的字，则是同一句话的两个版本，照样报告；
  只有数字不同的并列规定（处一万元以上三万元以下罚款／处三万元以上十万元以下罚款）；
  固定提法（rules/set-phrases.txt）。

如何修改
  删去多余的一句，或合并为一句。
"#;

const CLAUSE: &str = r#"
检查什么
  分句（以“，；：”分隔）在另一句中再次出现，或只差一两个字：至少 20 个字的分句单独重复
  即报告；8 到 19 个字的分句，要连同前后相邻的分句一起重复（整段粘贴的样子）才报告。
  报告后一处，并指向第一处。整句重复由 duplicate/sentence 报告。
  默认为提示（info）：讲话稿也会有意重复一些说法，请结合上下文判断。

为什么
  从别处粘贴的分句常常出现在两个部分，如“忠诚履责、奋发有为，积极投身新时代伟大实践”
  在两部分各出现一次。

会报告
  一是强化民生保障，坚持把群众急难愁盼作为出发点，不断增强群众获得感。……二是推进社区治理，
  坚持把群众急难愁盼作为出发点，不断增强群众获得感，打造共建共治共享格局。（两个分句一起粘贴）
  ……坚持以人民为中心，把群众满意不满意作为检验各项工作成效的根本标准。……（另一部分）要推动
  各项惠民举措落地见效，把群众满意不满意作为检验各项工作成效的根本标准，……（二十字以上的分句）

不会报告
  固定提法：rules/set-phrases.txt（如“坚持以习近平新时代中国特色社会主义思想为指导”），
  以及 rules/set-phrases-corpus.txt——在语料中至少三份互不相关的文件里都出现的分句
  （由 scripts/set_phrases.py 统计得出）；
  同一段内的重复（排比、总分句式）；两句都以它开头的有意排比（“（一）走好新的赶考之路，
  ……（二）走好新的赶考之路，……”）；
  正文复述标题（标题在后文被再次提起）；
  列举：由六个字以内的并列项组成的分句（“政治建设、思想建设、组织建设”）。

如何修改
  删去或改写其中一处。
"#;

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
    fn flagged(id: &str, text: &str) -> Vec<String> {
        let (doc, found) = crate::rules::run_builtin(id, text);
        found
            .into_iter()
            .map(|f| doc.source[f.span].to_string())
            .collect()
    }

    /// A regulation of four articles, in the shape of the local regulations.
    fn regulation(fourth: &str) -> String {
        format!(
            "第一条 为了规范农村集体资产管理，制定本条例。\n\
             第二条 县级人民政府农业农村主管部门负责本行政区域内农村集体资产的监督管理工作。\
             构成犯罪的，依法追究刑事责任。\n\
             第三条 有下列情形之一的，由农业农村主管部门责令改正：\n\
             （一）未按照规定公开财务的；\n\
             第四条 {fourth}\n"
        )
    }

    #[test]
    fn a_near_repeat_names_what_differs() {
        let text = "要进一步健全工作机制，压实各级领导干部的主体责任。\
                    要进一步健全工作机制，压实各级领导干部的主要责任。";
        let (_, found) = crate::rules::run_builtin("duplicate/near", text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].related[0].message,
            "相近的句子（第 1 行），不同之处：“主体”改为“主要”"
        );
        assert_eq!(super::differences("甲乙丙", "甲乙丙"), None);
        assert_eq!(
            super::differences("终于取得了成果", "终于实得成果"),
            Some("“于取”改为“于实”，删去“了”".to_string())
        );
    }

    #[test]
    fn a_sentence_pasted_into_another_article_of_a_regulation() {
        let pasted =
            regulation("县级人民政府农业农村主管部门负责本行政区域内农村集体资产的监督管理工作。");
        assert_eq!(
            flagged("duplicate/sentence", &pasted),
            ["第四条 县级人民政府农业农村主管部门负责本行政区域内农村集体资产的监督管理工作。"]
        );
    }

    #[test]
    fn clauses_regulations_repeat_by_design_are_quiet() {
        let by_design = regulation(
            "乡镇人民政府应当加强对村集体经济组织的指导。构成犯罪的，依法追究刑事责任。\n\
             有下列情形之一的，由农业农村主管部门责令改正：\n（一）未按照规定公开财务的；",
        );
        assert_eq!(
            flagged("duplicate/sentence", &by_design),
            Vec::<String>::new()
        );
    }
}
