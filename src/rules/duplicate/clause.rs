//! `duplicate/clause`: a clause of eight characters or more that appears again in another
//! sentence.

use rustc_hash::FxHashMap as HashMap;

use super::index::{self, Repeat};
use super::pass::Pass;
use super::scope::Scope;
use super::units::{paragraph_from, sentence_of, Unit};
use super::{finding, near_edits, only_numbers_differ, LONG_CLAUSE_CHARS};
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::rules::{Context, RuleDef};

pub(super) static RULE: RuleDef = RuleDef::document(
    "duplicate/clause",
    Severity::Info,
    "同一分句出现在文中两处",
    CLAUSE,
    check_clause,
);

fn check_clause(cx: &Context, out: &mut Vec<Finding>) {
    let found = cx.duplicates();
    let Pass {
        doc,
        scope,
        sentences,
        clauses,
        found,
    } = Pass::new(cx, &found);
    let mut repeats: HashMap<usize, Repeat> = HashMap::default();
    // The repeats come in document order: the later clause's place is walked to.
    let mut walk = Place::default();
    for (i, repeat) in found.clause_repeats() {
        let (first, clause) = (&clauses[repeat.earlier], &clauses[i]);
        walk.advance(doc, sentences, clause);
        let places = (Place::of(doc, sentences, first), walk);
        let exact = repeat.edits == 0;
        if reportable_clause_repeat(&scope, sentences, (first, clause, exact), places) {
            repeats.insert(i, repeat);
        }
    }
    // A clause alone is reported when it is long and no enumeration of short items (a motto
    // said again as it stands); any clause is, in a stretch of clauses pasted together.
    let alone = |i: usize| {
        clauses[i].len() >= LONG_CLAUSE_CHARS && !is_enumeration(&doc.text[clauses[i].span()])
    };
    let prose = |i: usize| !is_enumeration(&doc.text[clauses[i].span()]);
    let mut reported: Vec<(&usize, &Repeat)> = repeats
        .iter()
        .filter(|(&i, repeat)| alone(i) || in_a_run(&repeats, i, repeat, prose))
        .collect();
    reported.sort_unstable_by_key(|(&i, _)| i);
    out.reserve_exact(reported.len());
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
/// sentence rules'; figures alone differing is a parallel statement. `exact` says the clause
/// repeats `first` exactly.
fn reportable_clause_repeat(
    scope: &Scope,
    sentences: &[Unit],
    (first, clause, exact): (&Unit, &Unit, bool),
    (first_place, place): (Place, Place),
) -> bool {
    let (first_sentence, sentence) = (first_place.sentence, place.sentence);
    let same_sentence = first_sentence == sentence;
    // Said again in one paragraph, a clause is stressed (`一种是战争引起革命，一种是革命制止
    // 战争`); said again after a heading, the heading is taken up in the text.
    let same_paragraph = first_place.paragraph == place.paragraph;
    // The cheap tests first: comparing whole sentences is the dearest, and most repeats are
    // settled before it.
    let heading = || in_heading(scope.doc, first_place) || in_heading(scope.doc, place);
    let opens =
        |unit: &Unit, place: Place| sentences[place.sentence].span().start == unit.span().start;
    let both_open = || opens(clause, place) && opens(first, first_place);
    let text = &scope.doc.text;
    // Decoding the units is the dearest step: an exact repeat has the same characters, and
    // sentences too far apart in length are not alike.
    let other_figures = || {
        !exact && {
            let (a, b) = (first.chars(text), clause.chars(text));
            a != b && only_numbers_differ(&a, &b)
        }
    };
    let whole_sentences = || {
        let (a, b) = (&sentences[sentence], &sentences[first_sentence]);
        may_be_alike(a.len(), b.len()) && alike(&a.chars(text), &b.chars(text))
    };
    !(same_sentence
        || same_paragraph
        || heading()
        || both_open()
        || other_figures()
        || scope.may_repeat(first, clause)
        || whole_sentences())
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

/// Whether a unit at `place` is in a heading: a short paragraph that ends no sentence
/// (`十五、坚定不移全面从严治党，深入推进新时代党的建设新的伟大工程`).
fn in_heading(doc: &Document, place: Place) -> bool {
    let paragraph = doc.text[doc.paragraphs[place.paragraph].clone()].trim_end();
    crate::document::chars::at_most_chars(paragraph, HEADING_PARAGRAPH_CHARS)
        && !paragraph.ends_with(['。', '！', '？', '；'])
}

/// Whether sentences of `a` and `b` characters may be [`alike`]: reordered clauses have as
/// many characters, and a near repeat is as many apart as it has edits at most.
fn may_be_alike(a: usize, b: usize) -> bool {
    a.abs_diff(b) <= near_edits(a.max(b))
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
    // Reordered clauses have the same characters, so as many: sorting is for those alone.
    let reordered = || a.len() == b.len() && sorted(a) == sorted(b);
    a == b || index::bounded_edit_distance(a, b, bound).is_some() || reordered()
}

/// Where a clause is: the indexes of its sentence and its paragraph.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Place {
    sentence: usize,
    paragraph: usize,
}

impl Place {
    /// The place of `clause`, looked up.
    fn of(doc: &Document, sentences: &[Unit], clause: &Unit) -> Place {
        Place {
            sentence: sentence_of(sentences, clause),
            paragraph: clause.paragraph_in(doc),
        }
    }

    /// Moves on to the place of `clause`, at or after this one: a walk over clauses in
    /// document order steps, where looking each up would search.
    fn advance(&mut self, doc: &Document, sentences: &[Unit], clause: &Unit) {
        let start = clause.span().start;
        while sentences
            .get(self.sentence)
            .is_some_and(|s| s.span().end <= start)
        {
            self.sentence += 1;
        }
        self.paragraph = paragraph_from(doc, self.paragraph, start);
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::duplicate::units::Units;

    proptest::proptest! {
        /// The test on lengths never rules out sentences that are alike.
        #[test]
        fn sentences_alike_may_be_alike_by_their_lengths(
            a in "[甲乙丙丁]{0,30}",
            edits in proptest::collection::vec((0u8..3, 0usize..40, "[甲乙丙丁]"), 0..6),
        ) {
            let a: Vec<char> = a.chars().collect();
            let mut b = a.clone();
            for (kind, at, c) in edits {
                let c = c.chars().next().expect("one character");
                match kind {
                    0 => b.insert(at % (b.len() + 1), c),
                    1 if !b.is_empty() => {
                        b.remove(at % b.len());
                    }
                    // Reordered.
                    _ if !b.is_empty() => {
                        let n = b.len();
                        b.rotate_left(at % n);
                    }
                    _ => {}
                }
            }
            if alike(&a, &b) {
                proptest::prop_assert!(may_be_alike(a.len(), b.len()));
            }
        }
    }

    #[test]
    fn walking_to_each_clause_finds_the_place_looking_up_finds() {
        let text =
            "（一）加强领导，压实责任。\n\n二、抓好落实：\n1.细化任务，明确分工；强化督查。\n结尾";
        let doc = Document::new(text.to_string(), Format::Text);
        let units = Units::new(&doc);
        let mut walk = Place::default();
        let mut places = Vec::new();
        for clause in &units.clauses {
            walk.advance(&doc, &units.sentences, clause);
            assert_eq!(walk, Place::of(&doc, &units.sentences, clause));
            places.push((walk.sentence, walk.paragraph));
        }
        assert_eq!(
            places,
            [(0, 0), (0, 0), (1, 1), (2, 2), (2, 2), (3, 2), (4, 3)]
        );
    }
}
