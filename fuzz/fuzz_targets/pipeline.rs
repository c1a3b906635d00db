//! The whole pipeline on arbitrary bytes: decode (as text, Markdown or a Word file), build the
//! document, run every rule, apply the fixes, and render every output format; then the outline
//! and the statistics. Nothing may panic; every span must lie on character boundaries inside
//! the text; the JSON and SARIF must parse.

#![no_main]

use libfuzzer_sys::fuzz_target;
use wenlint::{FixMode, Linter, OutputFormat, Report, Settings, Source};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = ["f.docx", "f.md", "f.txt"][usize::from(selector % 3)];
    let Ok(report) = linter(FixMode::Report).lint(Source::bytes(name, bytes)) else {
        return;
    };
    for d in &report.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= report.source().len());
        assert!(report.source().is_char_boundary(d.span.start));
        assert!(report.source().is_char_boundary(d.span.end));
    }
    let text = report.source().to_string();
    render_everything(report);
    if name != "f.docx" {
        let fixed = linter(FixMode::Apply)
            .lint(Source::bytes(name, bytes))
            .expect("what was linted once is linted again");
        let _ = linter(FixMode::Apply).lint(Source::text(name, fixed.source()));
    }
    let _ = wenlint::__stages::outline_and_stats(text);
});

/// A run under the default config, whatever config the working directory has.
fn linter(fixes: FixMode) -> Linter {
    let settings = Settings {
        config_text: Some(String::new()),
        fixes,
        ..Settings::default()
    };
    Linter::new(settings).expect("the default config is valid")
}

fn render_everything(report: Report) {
    let reports = [report];
    for format in [
        OutputFormat::Human,
        OutputFormat::Concise,
        OutputFormat::Github,
        OutputFormat::Json,
        OutputFormat::Sarif,
    ] {
        let mut out = Vec::new();
        wenlint::write_reports(&reports, format, &mut out).unwrap();
        if matches!(format, OutputFormat::Json | OutputFormat::Sarif) {
            serde_json::from_slice::<serde_json::Value>(&out).expect("the report parses");
        }
    }
}
