//! `duplicate/near`: a sentence that nearly repeats an earlier one (a character or two
//! changed, its clauses reordered), or that restates the sentence just before it.

use rustc_hash::FxHashSet;

use super::index::Repeat;
use super::pass::Pass;
use super::scope::Scope;
use super::units::{self, Unit};
use super::{finding, only_numbers_differ, MIN_CLAUSE_CHARS, MIN_SENTENCE_CHARS};
use crate::diagnostic::{Finding, Severity};
use crate::rules::{Context, RuleDef};

pub(super) static RULE: RuleDef = RuleDef::document(
    "duplicate/near",
    Severity::Warning,
    "与前文几乎相同或紧挨着重复前一句意思的句子",
    NEAR_DOC,
    check_near,
);

fn check_near(cx: &Context, out: &mut Vec<Finding>) {
    let found = cx.duplicates();
    let Pass {
        doc,
        scope,
        sentences,
        clauses,
        found,
    } = Pass::new(cx, &found);
    // The pass's repeats are in document order, read alongside the sentences.
    let mut repeats = found.sentence_repeats().peekable();
    let mut reordered = found.reordered_repeats().peekable();
    // The paragraph of the sentence, and whether the one before was in it too.
    let (mut paragraph, mut previous_paragraph) = (0, None);
    for (i, sentence) in sentences.iter().enumerate() {
        paragraph = units::paragraph_from(doc, paragraph, sentence.span().start);
        let follows_in_paragraph = previous_paragraph.replace(paragraph) == Some(paragraph);
        if scope.exempt.sentences[i] {
            continue;
        }
        let repeat = repeats
            .next_if(|(at, _)| *at == i)
            .map(|(_, repeat)| repeat);
        let reordered = reordered
            .next_if(|(at, _)| *at == i)
            .map(|(_, earlier)| earlier);
        let found = if sentence.len() >= MIN_SENTENCE_CHARS {
            match repeat {
                // The same sentence again is `duplicate/sentence`'s.
                Some(Repeat { edits: 0, .. }) => continue,
                Some(Repeat { earlier, edits }) => {
                    (!parallel(&scope, sentences, earlier, i)).then(|| {
                        let message = format!("这句话与前文的一句几乎相同（相差 {edits} 个字）");
                        (earlier, message)
                    })
                }
                None => reordered.map(|earlier| {
                    let message = "这句话与前文的一句分句相同，只是顺序不同";
                    (earlier, message.to_string())
                }),
            }
        } else {
            None
        };
        let found = found.filter(|&(earlier, _)| !scope.may_repeat_sentence(sentences, earlier, i));
        if let Some((earlier, message)) = found {
            let earlier = &sentences[earlier];
            let mut finding = finding(doc, sentence, earlier, message, "相近的句子");
            let (was, is) = (&doc.source[earlier.span()], &doc.source[sentence.span()]);
            if let Some(changes) = differences(was, is) {
                finding.related[0].append(&format!("，不同之处：{changes}"));
            }
            out.push(finding);
        } else if let Some(restated) =
            restates_previous(&doc.text, sentences, clauses, (i, follows_in_paragraph))
        {
            let message = "这句话重复了上一句的意思";
            out.push(finding(doc, sentence, restated, message, "上一句"));
        }
    }
}

/// How many differences a near repeat's label names at most.
const DIFFERENCES_SHOWN: usize = 3;

/// What changed from the earlier sentence to the later one, as a reader would mark it
/// (`“主体”改为“主要”`), when the two differ in a few places; `None` when they differ in more
/// (the clauses reordered) or not at all.
pub(super) fn differences(earlier: &str, later: &str) -> Option<String> {
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
    let (pa, pb) = (a.paragraph_in(scope.doc), b.paragraph_in(scope.doc));
    let opens = |u: &Unit, p: usize| scope.doc.paragraphs[p].start == u.span().start;
    let close = pa == pb
        || (pb - pa <= NEARBY && opens(a, pa) && opens(b, pb))
        || later - earlier <= NEARBY;
    let text = &scope.doc.text;
    let (a, b) = (a.chars(text), b.chars(text));
    close && word_swapped(&a, &b) || only_numbers_differ(&a, &b)
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

/// The unit of the previous sentence (the sentence or one of its clauses) that sentence `i`
/// restates: it opens and closes with the same words (`营造……氛围`), every character of the
/// shorter one appears in the longer one, the two are of similar length, and they are in one
/// paragraph, as `follows_in_paragraph` says (`营造学党史的浓厚氛围。营造了浓厚的党史学习教育氛围。`).
fn restates_previous<'a>(
    text: &str,
    sentences: &'a [Unit],
    clauses: &'a [Unit],
    (i, follows_in_paragraph): (usize, bool),
) -> Option<&'a Unit> {
    let sentence = &sentences[i];
    let previous = sentences.get(i.checked_sub(1)?)?;
    if !follows_in_paragraph || sentence.len() < MIN_CLAUSE_CHARS {
        return None;
    }
    let start = clauses.partition_point(|c| c.span().start < previous.span().start);
    let (mut own, mut own_ends) = (None, None);
    std::iter::once(previous)
        .chain(
            clauses[start..]
                .iter()
                .take_while(|c| c.span().start < previous.span().end),
        )
        .filter(|unit| lengths_may_restate(unit.len(), sentence.len()))
        .filter(|unit| unit.ends(text) == *own_ends.get_or_insert_with(|| sentence.ends(text)))
        .find(|unit| {
            // Decoded only for the units of a fitting length and the same ends, each once.
            let own = own.get_or_insert_with(|| sentence.chars(text));
            restates(&unit.chars(text), own)
        })
}

/// Whether units of these lengths may restate each other: the shorter one is a clause or
/// longer, and six tenths of the longer one or more.
fn lengths_may_restate(a: usize, b: usize) -> bool {
    let (short, long) = (a.min(b), a.max(b));
    short >= MIN_CLAUSE_CHARS && short as f64 >= 0.6 * long as f64
}

fn restates(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if !lengths_may_restate(short.len(), long.len()) {
        return false;
    }
    let same_ends = short[..2] == long[..2] && short[short.len() - 2..] == long[long.len() - 2..];
    if !same_ends {
        return false;
    }
    // Every character of the shorter one: a sentence that adds a new word (`不利于` for
    // `有利于`, `擅自` for `授权`) says something else, however alike it is built.
    let long_chars: FxHashSet<char> = long.iter().copied().collect();
    short.iter().all(|c| long_chars.contains(c))
}

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
  固定提法（rules/set-phrases.txt）；标题，包括接排在段首的短标题（“（三）着力稳定粮食
  生产。”）。

如何修改
  删去多余的一句，或合并为一句。
"#;
