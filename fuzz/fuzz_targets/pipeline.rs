//! The whole pipeline on arbitrary bytes: decode (as text, Markdown or a Word file), build the
//! document, run every rule, apply the fixes, and render every output format. Nothing may
//! panic; every span must lie on character boundaries inside the text; the JSON must parse;
//! fixing twice must change nothing the second time.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use wenlint::config::Config;
use wenlint::document::{Document, Format};
use wenlint::output::{concise, github, human, json, sarif};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let text = match selector % 3 {
        0 => wenlint::read::docx::text_of(bytes).ok(),
        _ => wenlint::read::decode(bytes).ok().map(|d| d.text),
    };
    let Some(text) = text else { return };
    let format = if selector % 3 == 1 {
        Format::Markdown
    } else {
        Format::Text
    };
    let config = Config::defaults(Path::new("."));
    let doc = Document::new(text, format);
    let diagnostics = wenlint::lint::lint(&doc, &config);
    for d in &diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= doc.source.len());
        assert!(doc.source.is_char_boundary(d.span.start));
        assert!(doc.source.is_char_boundary(d.span.end));
    }
    render_everything(&doc, &diagnostics, &config);
    if let Some((fixed, _)) = wenlint::fix::apply(&doc.source, &diagnostics) {
        let again = Document::new(fixed, format);
        let diagnostics = wenlint::lint::lint(&again, &config);
        let _ = wenlint::fix::apply(&again.source, &diagnostics);
    }
    let _ = wenlint::structure::Outline::build(&doc);
    let _ = wenlint::stats::of(&doc, 220);
});

fn render_everything(
    doc: &Document,
    diagnostics: &[wenlint::diagnostic::Diagnostic],
    config: &Config,
) {
    let mut out = Vec::new();
    human::render(&mut out, "f.txt", doc, diagnostics, false).unwrap();
    concise::render(&mut out, "f.txt", doc, diagnostics).unwrap();
    github::render(&mut out, "f.txt", doc, diagnostics).unwrap();
    let report = json::Report {
        version: json::VERSION,
        summary: json::Summary::default(),
        diagnostics: diagnostics
            .iter()
            .map(|d| json::JsonDiagnostic::new("f.txt", doc, d))
            .collect(),
    };
    let mut buffer = Vec::new();
    json::write(&mut buffer, &report).unwrap();
    serde_json::from_slice::<serde_json::Value>(&buffer).expect("the JSON report parses");
    let mut log = sarif::Log::new();
    log.add_rules(&config.registry);
    log.add_file("f.txt", doc, diagnostics);
    let mut buffer = Vec::new();
    log.write(&mut buffer, true).unwrap();
    serde_json::from_slice::<serde_json::Value>(&buffer).expect("the SARIF log parses");
}
