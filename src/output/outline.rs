//! `wenlint outline`: the heading tree of a document, for a drafter who wants to see the
//! structure of a 30-page speech at a glance, with each numbering problem marked on its line.

use std::io::{self, Write};

use serde::Serialize;

use crate::document::Document;
use crate::structure::{Level, Node, Problem};

/// Characters of a title shown before it is cut with `…`.
const TITLE_CHARS: usize = 40;

#[derive(Serialize)]
pub struct JsonOutline {
    pub path: String,
    pub outline: Vec<JsonNode>,
}

#[derive(Serialize)]
pub struct JsonNode {
    pub marker: String,
    pub level: Level,
    pub value: u32,
    pub title: String,
    pub line: usize,
    pub column: usize,
    pub problems: Vec<JsonProblem>,
    pub children: Vec<JsonNode>,
}

#[derive(Serialize)]
pub struct JsonProblem {
    pub rule: &'static str,
    pub message: String,
}

/// The title of a heading: its text up to the first `。`, without it.
fn title(doc: &Document, node: &Node) -> String {
    let text = &doc.source[node.marker.title.clone()];
    let text = text.split('。').next().unwrap_or(text).trim();
    text.chars().filter(|c| *c != '\n' && *c != '\r').collect()
}

fn shorten(title: &str) -> String {
    if title.chars().count() <= TITLE_CHARS {
        return title.to_string();
    }
    let mut short: String = title.chars().take(TITLE_CHARS).collect();
    short.push('…');
    short
}

fn problems_at<'p>(problems: &'p [Problem], node: &Node) -> impl Iterator<Item = &'p Problem> {
    let span = node.marker.span.clone();
    problems.iter().filter(move |p| p.span == span)
}

pub fn render_human(out: &mut dyn Write, path: &str, doc: &Document) -> io::Result<()> {
    let outline = crate::structure::Outline::build(doc);
    let problems = crate::rules::numbering::problems(doc, &outline);
    writeln!(out, "{path}")?;
    if outline.roots.is_empty() {
        return writeln!(out, "  (no numbered headings)");
    }
    let width = doc.line_count().to_string().len();
    for root in &outline.roots {
        write_node(out, doc, &problems, root, 0, width)?;
    }
    Ok(())
}

fn write_node(
    out: &mut dyn Write,
    doc: &Document,
    problems: &[Problem],
    node: &Node,
    depth: usize,
    width: usize,
) -> io::Result<()> {
    let line = doc.position(node.marker.span.start).line;
    let marker = &node.marker.shown(&doc.source);
    writeln!(
        out,
        "{line:>width$}  {}{marker}{}",
        "  ".repeat(depth),
        shorten(&title(doc, node))
    )?;
    for problem in problems_at(problems, node) {
        writeln!(
            out,
            "{:>width$}  {}^ {}: {}",
            "",
            "  ".repeat(depth),
            problem.rule,
            problem.message
        )?;
    }
    for child in &node.children {
        write_node(out, doc, problems, child, depth + 1, width)?;
    }
    Ok(())
}

pub fn json(path: &str, doc: &Document) -> JsonOutline {
    let outline = crate::structure::Outline::build(doc);
    let problems = crate::rules::numbering::problems(doc, &outline);
    JsonOutline {
        path: path.to_string(),
        outline: outline
            .roots
            .iter()
            .map(|node| json_node(doc, &problems, node))
            .collect(),
    }
}

fn json_node(doc: &Document, problems: &[Problem], node: &Node) -> JsonNode {
    let at = doc.position(node.marker.span.start);
    JsonNode {
        marker: node.marker.shown(&doc.source),
        level: node.marker.level,
        value: node.marker.value,
        title: title(doc, node),
        line: at.line,
        column: at.column,
        problems: problems_at(problems, node)
            .map(|p| JsonProblem {
                rule: p.rule,
                message: p.message.clone(),
            })
            .collect(),
        children: node
            .children
            .iter()
            .map(|child| json_node(doc, problems, child))
            .collect(),
    }
}
