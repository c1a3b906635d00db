//! Finding, for each unit in turn, an earlier unit that is the same or nearly the same, in
//! time linear in the text: no unit is compared with every other.
//!
//! Equal units share a hash. Units one or two characters apart share their first or their last
//! third (an edit falls in one place, so the other end is intact): both ends are indexed, and a
//! unit is checked only against the few earlier units that share an end with it, with an edit
//! distance that gives up as soon as the bound is passed.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHasher};

use crate::document::units::Unit;

/// How many earlier units with the same end are kept as candidates: a common opening
/// (`坚持以人民为中心`) must not make the check quadratic.
const BUCKET: usize = 8;

/// An earlier unit a later one repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    pub earlier: usize,
    /// Character edits between the two; 0 for an exact repeat.
    pub edits: usize,
}

#[derive(Default)]
pub struct Index {
    exact: HashMap<u64, usize>,
    /// For each end key, its latest entry in `chain`.
    ends: HashMap<u64, u32>,
    /// Every unit under each of its end keys, linked from the latest to the earliest with the
    /// same key: one small map entry per key and eight bytes per unit and end, where a
    /// bucket per key would be most of the index's memory.
    chain: Vec<Link>,
    /// The two rows of the edit distance, reused from one comparison to the next.
    rows: (Vec<usize>, Vec<usize>),
}

impl Index {
    /// The earlier unit `units[i]` repeats (equal, or at most `max_edits(length)` character
    /// edits apart), and adds `units[i]` to the index.
    pub fn repeat_of(
        &mut self,
        units: &[Unit],
        i: usize,
        max_edits: fn(usize) -> usize,
    ) -> Option<Repeat> {
        let chars = &units[i].chars;
        if let Some(&earlier) = self.exact.get(&units[i].key) {
            return Some(Repeat { earlier, edits: 0 });
        }
        self.exact.insert(units[i].key, i);
        let near = self.near(units, i, max_edits);
        for key in end_keys(chars.len(), chars) {
            let entry = u32::try_from(self.chain.len()).unwrap_or(NONE);
            let previous = self.ends.insert(key, entry).unwrap_or(NONE);
            self.chain.push(Link {
                unit: u32::try_from(i).unwrap_or(NONE),
                previous,
            });
        }
        near
    }

    fn near(&mut self, units: &[Unit], i: usize, max_edits: fn(usize) -> usize) -> Option<Repeat> {
        let chars = &units[i].chars;
        let mut best: Option<Repeat> = None;
        let mut rows = std::mem::take(&mut self.rows);
        // The ends of an earlier unit of a slightly different length were cut at its length.
        for length in chars.len().saturating_sub(2)..=chars.len() + 2 {
            for key in end_keys(length, chars) {
                for earlier in self.sharing(key) {
                    let other = &units[earlier].chars;
                    let bound = max_edits(chars.len().max(other.len()));
                    if let Some(edits) = edit_distance_in(chars, other, bound, &mut rows) {
                        if best.is_none_or(|b| (edits, earlier) < (b.edits, b.earlier)) {
                            best = Some(Repeat { earlier, edits });
                        }
                    }
                }
            }
        }
        self.rows = rows;
        best.filter(|b| b.edits > 0)
    }
}

/// An entry of [`Index::chain`].
#[derive(Clone, Copy)]
struct Link {
    unit: u32,
    previous: u32,
}

/// No entry.
const NONE: u32 = u32::MAX;

impl Index {
    /// The latest [`BUCKET`] units indexed under `key`, latest first.
    fn sharing(&self, key: u64) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.ends.get(&key).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            let link = self.chain.get(at as usize)?;
            at = link.previous;
            Some(link.unit as usize)
        })
        .take(BUCKET)
    }
}

/// Keys for the first and the last third of `chars`, cut as for a unit of `length` characters.
fn end_keys(length: usize, chars: &[char]) -> impl Iterator<Item = u64> {
    let k = (length / 3).clamp(3, 16);
    let keys = (chars.len() >= k).then(|| {
        [
            hash(&(b'h', length / 3, &chars[..k])),
            hash(&(b't', length / 3, &chars[chars.len() - k..])),
        ]
    });
    keys.into_iter().flatten()
}

fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The Levenshtein distance of `a` and `b` if it is at most `bound`: only the diagonal band
/// the bound allows is computed, and a row beyond the bound ends the search.
pub fn bounded_edit_distance(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    edit_distance_in(a, b, bound, &mut Default::default())
}

/// [`bounded_edit_distance`] in the caller's rows, so that comparing many pairs allocates
/// nothing.
fn edit_distance_in(
    a: &[char],
    b: &[char],
    bound: usize,
    (previous, current): &mut (Vec<usize>, Vec<usize>),
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    let unreachable = bound + 1;
    previous.clear();
    previous.extend((0..=b.len()).map(|j| j.min(unreachable)));
    current.clear();
    current.resize(b.len() + 1, unreachable);
    for i in 1..=a.len() {
        let from = i.saturating_sub(bound).max(1);
        let to = (i + bound).min(b.len());
        current.fill(unreachable);
        current[0] = i.min(unreachable);
        let mut row_best = current[0];
        for j in from..=to {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let value = substitution
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(unreachable);
            current[j] = value;
            row_best = row_best.min(value);
        }
        if row_best > bound {
            return None;
        }
        std::mem::swap(previous, current);
    }
    Some(previous[b.len()]).filter(|&d| d <= bound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn unit(s: &str) -> Unit {
        Unit {
            span: 0..0,
            key: crate::document::units::key(&chars(s)),
            chars: chars(s),
            sentence: 0,
            paragraph: 0,
        }
    }

    #[test]
    fn edit_distance_is_exact_within_the_bound() {
        let d = |a: &str, b: &str, k| bounded_edit_distance(&chars(a), &chars(b), k);
        assert_eq!(
            d("积极投身新时代XXA伟大实践", "积极投身新时代XXXX伟大实践", 3),
            Some(2)
        );
        assert_eq!(d("加强组织领导", "加强组织领导", 0), Some(0));
        assert_eq!(d("加强组织领导", "完善制度体系", 2), None);
        assert_eq!(d("abc", "abcdef", 2), None);
    }

    #[test]
    fn finds_exact_and_near_repeats_but_not_different_units() {
        let units: Vec<Unit> = [
            "积极投身新时代伟大实践奋勇前进",
            "完善制度体系提高治理能力",
            "积极投身新时代伟大实践奋勇前进",
            "积极投身新时代的伟大实践奋勇前进",
            "完善制度体系提升治理水平和能力",
        ]
        .iter()
        .map(|s| unit(s))
        .collect();
        let mut index = Index::default();
        let found: Vec<Option<Repeat>> = (0..units.len())
            .map(|i| index.repeat_of(&units, i, |n| n / 5))
            .collect();
        assert_eq!(found[0], None);
        assert_eq!(found[1], None);
        assert_eq!(
            found[2],
            Some(Repeat {
                earlier: 0,
                edits: 0
            })
        );
        assert_eq!(
            found[3],
            Some(Repeat {
                earlier: 0,
                edits: 1
            })
        );
        assert_eq!(found[4], None);
    }
}
