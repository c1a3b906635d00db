//! The Word 97–2003 reader through the public engine on arbitrary bytes. The first byte of an
//! input chooses how the rest is given: odd, behind the OLE compound-file signature, so that
//! random bytes get past the first check of the container; even, as they are, which is how the
//! seeds (real `.doc` files, `fuzz/seed.sh`) come, so that their mutations reach the FIB, the
//! piece table, the paragraph properties and the text inside a valid container. The name is
//! `.doc` or `.wps`. Nothing may panic, and a file that reads must give a report whose spans lie
//! on character boundaries of its text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use wenlint::{Linter, Settings, Source};

const OLE_SIGNATURE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let bytes = if selector & 1 == 1 {
        [OLE_SIGNATURE, rest].concat()
    } else {
        rest.to_vec()
    };
    let name = if selector & 2 == 0 { "a.doc" } else { "a.wps" };
    let settings = Settings {
        config_text: Some(String::new()),
        ..Settings::default()
    };
    let mut linter = Linter::new(settings).expect("the default config is valid");
    let Ok(report) = linter.lint(Source::bytes(name, bytes)) else {
        return;
    };
    let text = report.source();
    for d in &report.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        assert!(text.is_char_boundary(d.span.start));
        assert!(text.is_char_boundary(d.span.end));
    }
});
