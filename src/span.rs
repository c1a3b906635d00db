//! Places in a text: byte spans and line/column positions. At the bottom of the crate, so that
//! the document model, the diagnostics and the rules can all speak of places without
//! depending on one another.

use std::ops::Range;

/// A byte range into the document's source text. Always on character boundaries.
pub type Span = Range<usize>;

/// A long list of spans in document order, held in 8 bytes each (offsets into a document of
/// less than 4 GB), where a `Vec<Span>` takes 16: a long document has a few hundred
/// thousand sentences, held for its whole check. Read as [`Span`]s.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans(Vec<[u32; 2]>);

impl Spans {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<Span> {
        self.0.get(i).map(|&pair| span_of(pair))
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Span> + ExactSizeIterator + Clone + '_ {
        self.0.iter().map(|&pair| span_of(pair))
    }

    /// The index of the first span for which `before` is false, the spans for which it is true
    /// coming first (as [`slice::partition_point`]).
    pub fn partition_point(&self, mut before: impl FnMut(&Span) -> bool) -> usize {
        self.0.partition_point(|&pair| before(&span_of(pair)))
    }

    /// An empty list with room for `spans` spans.
    pub fn with_capacity(spans: usize) -> Spans {
        Spans(Vec::with_capacity(spans))
    }

    /// Adds `span` at the end.
    pub fn push(&mut self, span: Span) {
        self.0.push(pair_of(span));
    }

    /// Lets go of the room the list does not use.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

fn span_of([start, end]: [u32; 2]) -> Span {
    start as usize..end as usize
}

fn pair_of(span: Span) -> [u32; 2] {
    let offset = |at: usize| u32::try_from(at).expect("a document of less than 4 GB");
    [offset(span.start), offset(span.end)]
}

impl FromIterator<Span> for Spans {
    fn from_iter<I: IntoIterator<Item = Span>>(spans: I) -> Self {
        Spans(spans.into_iter().map(pair_of).collect())
    }
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Held in 8 bytes, the spans read back as they were given, and are searched as a
        /// list of them is.
        #[test]
        fn spans_read_back_as_given(
            mut bounds in proptest::collection::vec(0usize..1 << 31, 0..40),
            at in 0usize..1 << 31,
        ) {
            bounds.sort_unstable();
            let list: Vec<Span> = bounds.chunks_exact(2).map(|pair| pair[0]..pair[1]).collect();
            let spans: Spans = list.iter().cloned().collect();
            proptest::prop_assert_eq!(spans.len(), list.len());
            proptest::prop_assert_eq!(spans.iter().collect::<Vec<_>>(), list.clone());
            proptest::prop_assert_eq!(spans.get(list.len()), None);
            proptest::prop_assert_eq!(
                spans.partition_point(|s| s.end <= at),
                list.partition_point(|s| s.end <= at)
            );
        }
    }
}
