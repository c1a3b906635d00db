//! The words around a blank that tell what is missing there (`rules/blank-words.toml`).
//!
//! A number goes before `万元`, a name before `书记` or `镇`; something must follow `代表`.
//! The lists are written once, in simplified script; the text is read through
//! [`simplified`](crate::document::chars::simplified) a few characters at a time, so a
//! traditional draft (`×縣長`) meets the same lists and the text itself is never copied.

use std::sync::LazyLock;

use crate::rules::name_index::NameIndex;

use crate::document::chars::simplified;

/// What the word after a blank says the blank stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A measure word or unit: a number is missing (`X万元`).
    Number,
    /// A place suffix: a place name is missing (`X镇`).
    Place,
    /// An organ, a unit or a project: its name is missing (`X局`, `X项目`).
    Organ,
    /// A title or form of address: a person's name is missing (`X书记`).
    Title,
    /// A word of its own that merely begins like one of the above (`市场`, `人民`).
    Compound,
}

/// A word found in the text: its class and its length in bytes of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub class: Class,
    pub len: usize,
}

/// The lists of `rules/blank-words.toml`, read by the build script (a run would spend a fifth
/// of a one-line draft's time parsing them).
struct Lists {
    number: &'static [&'static str],
    place: &'static [&'static str],
    organ: &'static [&'static str],
    title: &'static [&'static str],
    compounds: &'static [&'static str],
    x_terms: &'static [&'static str],
    takes_object: &'static [&'static str],
    takes_number: &'static [&'static str],
    surnames: &'static str,
}

// `static LISTS: Lists`.
include!(concat!(env!("OUT_DIR"), "/blank_words.rs"));

struct Lexicon {
    /// Every classed word, looked up at one position, longest first.
    after: NameIndex,
    /// Every classed word written backwards, to find the one that ends at a position.
    before: NameIndex,
    classes: Vec<Class>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(&LISTS));

impl Lexicon {
    fn new(lists: &Lists) -> Lexicon {
        let classed = [
            (Class::Number, lists.number),
            (Class::Place, lists.place),
            (Class::Organ, lists.organ),
            (Class::Title, lists.title),
            (Class::Compound, lists.compounds),
        ];
        let mut words = Vec::new();
        let mut classes = Vec::new();
        for (class, list) in classed {
            for &word in list {
                words.push(word);
                classes.push(class);
            }
        }
        let after = NameIndex::new(words.iter().copied());
        let reversed: Vec<String> = words.iter().map(|w| w.chars().rev().collect()).collect();
        let before = NameIndex::new(reversed.iter().map(String::as_str));
        Lexicon {
            after,
            before,
            classes,
        }
    }
}

/// The longest word that an entry may be, in characters: how much text a look-up reads.
const WINDOW_CHARS: usize = 6;

/// Up to [`WINDOW_CHARS`] characters from `at` on the same line, in simplified script.
fn window_after(text: &str, at: usize) -> String {
    text[at..]
        .chars()
        .take_while(|&c| c != '\n' && c != '\r')
        .take(WINDOW_CHARS)
        .map(simplified)
        .collect()
}

/// Up to [`WINDOW_CHARS`] characters before `at` on the same line, in simplified script.
fn window_before(text: &str, at: usize) -> String {
    let mut chars: Vec<char> = text[..at]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .take(WINDOW_CHARS)
        .map(simplified)
        .collect();
    chars.reverse();
    chars.into_iter().collect()
}

/// The classed word that starts at `at`, the longest of them.
pub fn word_after(text: &str, at: usize) -> Option<Word> {
    let window = window_after(text, at);
    let lexicon = &*LEXICON;
    let (id, len) = lexicon.after.longest_at(&window, 0)?;
    // Simplified and traditional characters have the same UTF-8 length, so the length in
    // the window is the length in the text.
    Some(Word {
        class: lexicon.classes[id],
        len,
    })
}

/// The classed word that ends at `at`, the longest of them.
pub fn word_before(text: &str, at: usize) -> Option<Word> {
    let reversed: String = window_before(text, at).chars().rev().collect();
    let lexicon = &*LEXICON;
    let (id, len) = lexicon.before.longest_at(&reversed, 0)?;
    Some(Word {
        class: lexicon.classes[id],
        len,
    })
}

/// Whether the character `left` and the text from `at` make a compound that a space
/// between them split (`条　件`, `市 场`): a word copied apart, not a blank before a unit.
pub fn splits_a_compound(left: char, text: &str, at: usize) -> bool {
    let mut joined = String::from(left);
    joined.push_str(&window_after(text, at));
    word_after(&joined, 0).is_some_and(|w| w.class == Class::Compound && w.len > left.len_utf8())
}

/// Whether the text from `at` is a term written with a Latin X (`光` of `X光`, `射线`), and
/// not a longer classed word (`片区` of `X片区` is a place, not an X-ray film).
pub fn is_x_term(text: &str, at: usize) -> bool {
    // Text copied from a PDF may hold a space inside the term: `X 光机`.
    let at = at + text[at..].len() - text[at..].trim_start_matches([' ', '\u{3000}']).len();
    let window = window_after(text, at);
    let term = LISTS
        .x_terms
        .iter()
        .filter(|t| window.starts_with(**t))
        .map(|t| t.len())
        .max();
    term.is_some_and(|len| word_after(text, at).is_none_or(|w| w.len <= len))
}

/// Whether a word that must be followed by something ends at `at` (`代表`, `为`, `由`).
pub fn takes_object_before(text: &str, at: usize) -> bool {
    let window = window_before(text, at);
    LISTS.takes_object.iter().any(|w| window.ends_with(*w))
}

/// Whether a word that must be followed by a number ends at `at` (`共`, `投资`).
pub fn takes_number_before(text: &str, at: usize) -> bool {
    let window = window_before(text, at);
    LISTS.takes_number.iter().any(|w| window.ends_with(*w))
}

/// Whether `c` is a common surname (`张` of `张某某`, a name hidden on purpose).
pub fn is_surname(c: char) -> bool {
    LISTS.surnames.contains(simplified(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(text: &str) -> Option<(Class, &str)> {
        word_after(text, 0).map(|w| (w.class, &text[..w.len]))
    }

    #[test]
    fn longest_word_decides() {
        assert_eq!(class("万元。"), Some((Class::Number, "万元")));
        assert_eq!(class("市场主体"), Some((Class::Compound, "市场")));
        assert_eq!(class("市委书记"), Some((Class::Organ, "市委")));
        assert_eq!(class("书记"), Some((Class::Title, "书记")));
        assert_eq!(class("人民政府"), Some((Class::Organ, "人民政府")));
        assert_eq!(class("推进"), None);
    }

    #[test]
    fn traditional_script_meets_the_same_words() {
        assert_eq!(class("縣長的講話"), Some((Class::Title, "縣長")));
        assert_eq!(class("億元"), Some((Class::Number, "億元")));
        assert!(takes_object_before("承建單位為", "承建單位為".len()));
    }

    #[test]
    fn x_terms_yield_to_longer_words() {
        assert!(is_x_term("光检查", 0));
        assert!(is_x_term("射线", 0));
        assert!(is_x_term(" 光机", 0));
        assert!(!is_x_term("片区", 0));
        assert!(!is_x_term("书记", 0));
    }

    #[test]
    fn words_before_are_read_up_to_the_position() {
        let text = "我谨代表 ，";
        assert!(takes_object_before(text, text.find(' ').unwrap()));
        assert!(takes_number_before("共", 3));
        assert!(!takes_number_before("推进", 6));
    }

    #[test]
    fn words_are_found_where_they_end() {
        let text = "最高人民法院";
        let word = word_before(text, text.len()).unwrap();
        assert_eq!(
            (word.class, &text[text.len() - word.len..]),
            (Class::Organ, "人民法院")
        );
        assert!(splits_a_compound('条', "件，", 0));
        assert!(!splits_a_compound('资', "万元", 0));
    }

    #[test]
    fn every_word_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for word in [
            LISTS.number,
            LISTS.place,
            LISTS.organ,
            LISTS.title,
            LISTS.compounds,
        ]
        .into_iter()
        .flatten()
        {
            assert!(seen.insert(word), "`{word}` is listed twice");
        }
    }

    #[test]
    fn look_ups_stay_on_the_line() {
        assert_eq!(word_after("\n万元", 0), None);
        assert!(!takes_object_before("代表\n", 7));
    }
}
