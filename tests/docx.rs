//! Reading .docx files from outside the crate: a zip bomb and an XML entity bomb, measured by
//! the heap they make the reader allocate (which needs a global allocator, and so `unsafe`,
//! which the crate forbids), and Word files through the `wenlint` binary. What the reader makes
//! of a file is tested inside the crate, in `src/read/docx/`.

// The allocator that measures what a hostile archive makes the reader allocate has to
// implement `GlobalAlloc`, an unsafe trait. The crate itself forbids unsafe code.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::{Cursor, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use wenlint::{Linter, Settings, Source};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Counts this thread's live heap bytes and their peak, so that a test can show that reading a
/// bomb never holds its inflated size (the other tests run on other threads).
struct CountingAllocator;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn track(grow: usize, shrink: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().saturating_add(grow).saturating_sub(shrink);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        track(layout.size(), 0);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        track(0, layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        track(new_size, layout.size());
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// The most this thread's heap grew above where it was while `f` ran.
fn peak_growth<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(start));
    let value = f();
    (value, PEAK.with(Cell::get) - start)
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    )
}

/// 300 MiB of zeros in one entry, written in 1 MiB pieces so that the test does not hold it.
fn zip_bomb() -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let open = document("<w:p><w:r><w:t>");
    let open = open.split("<w:t>").next().unwrap().to_string() + "<w:t>";
    zip.write_all(open.as_bytes()).unwrap();
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Lints the bytes of a Word file through the library, as `wenlint check` reads one.
fn read_word(bytes: Vec<u8>) -> Result<wenlint::Report, wenlint::Error> {
    let settings = Settings {
        config_text: Some(String::new()),
        ..Settings::default()
    };
    Linter::new(settings)?.lint(Source::bytes("a.docx", bytes))
}

#[test]
fn a_zip_bomb_is_refused_quickly_without_inflating_it() {
    let bomb = zip_bomb();
    assert!(bomb.len() < 2 << 20, "the bomb is {} bytes", bomb.len());
    let started = Instant::now();
    let (result, growth) = peak_growth(|| read_word(bomb));
    let elapsed = started.elapsed();
    let error = result.unwrap_err().to_string();
    assert!(
        error.contains("as zip bombs do") || error.contains("uncompressed, so it is not read"),
        "{error}"
    );
    assert!(error.contains("word/document.xml"), "{error}");
    assert!(growth < 16 << 20, "reading the bomb took {growth} bytes");
    assert!(
        elapsed < Duration::from_secs(5),
        "reading the bomb took {elapsed:?}"
    );
}

#[test]
fn an_xml_entity_bomb_is_refused_not_expanded() {
    let mut dtd = String::from(r#"<!DOCTYPE w:document [<!ENTITY a0 "XXXXXXXXXX">"#);
    for i in 1..10 {
        let previous = format!("&a{};", i - 1);
        dtd.push_str(&format!(r#"<!ENTITY a{i} "{}">"#, previous.repeat(10)));
    }
    dtd.push_str("]>");
    let xml =
        document("<w:p><w:r><w:t>&a9;</w:t></w:r></w:p>").replacen("?>", &format!("?>{dtd}"), 1);
    let (result, growth) =
        peak_growth(|| read_word(zip_of(&[("word/document.xml", xml.as_bytes())])));
    let error = result.unwrap_err().to_string();
    assert!(error.contains("has XML with a DTD"), "{error}");
    assert!(
        growth < 16 << 20,
        "reading the entity bomb took {growth} bytes"
    );
}

/// A Word file made from the seed draft, one Word paragraph per line, reports what the text
/// file reports, at the same paragraphs and characters.
#[test]
fn the_seed_as_a_word_file_reports_what_its_text_reports() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/seed/000_b33b4ccf6b47c0c8.txt");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: ../shared/corpus not found, cannot check the seed as .docx");
        return;
    };
    let escape = |line: &str| {
        line.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let body: String = text
        .lines()
        .map(|line| {
            format!(
                r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
                escape(line)
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("seed.docx");
    std::fs::write(
        &docx,
        zip_of(&[("word/document.xml", document(&body).as_bytes())]),
    )
    .unwrap();
    std::fs::write(dir.path().join("seed.txt"), &text).unwrap();
    let findings = |name: &str| -> Vec<(String, u64, u64)> {
        let output = assert_cmd::Command::cargo_bin("wenlint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--format", "json", name])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["span"]["start"]["line"].as_u64().unwrap(),
                    d["span"]["start"]["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let from_text = findings("seed.txt");
    assert!(from_text.len() > 100);
    assert_eq!(findings("seed.docx"), from_text);
}

#[test]
fn fix_refuses_word_files_and_leaves_them_alone() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("draft.docx");
    let body = r#"<w:p><w:r><w:t>认真布署下一阶段工作。</w:t></w:r></w:p>"#;
    let bytes = zip_of(&[("word/document.xml", document(body).as_bytes())]);
    std::fs::write(&docx, &bytes).unwrap();
    let output = assert_cmd::Command::cargo_bin("wenlint")
        .unwrap()
        .args(["check", "--fix"])
        .arg(&docx)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not write Word files"));
    assert!(String::from_utf8_lossy(&output.stdout).contains("term/typo"));
    assert_eq!(std::fs::read(&docx).unwrap(), bytes);
}
