//! Properties of the whole pipeline, checked inside the crate where every stage can be reached.

pub(crate) mod properties;

/// Every string of one to `longest` characters drawn from `alphabet`, and the empty one: the
/// openings a test tries where a cheap look at a text's first characters stands before a
/// pattern, to show the look never turns away what the pattern matches.
pub(crate) fn openings(alphabet: &str, longest: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = all.clone();
    for _ in 0..longest {
        last = last
            .iter()
            .flat_map(|opening| alphabet.chars().map(move |c| format!("{opening}{c}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}
