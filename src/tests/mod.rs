//! Properties of the whole pipeline, checked inside the crate where every stage can be reached.

mod properties;
