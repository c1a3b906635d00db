//! `suppression/*`: what is wrong with the suppressions themselves. Both are found by the run,
//! which reads the suppression comments (see [`crate::suppress`]).

pub mod unknown;
pub mod unused;

use super::RuleDef;

pub static RULES: &[&RuleDef] = &[&unknown::RULE, &unused::RULE];
