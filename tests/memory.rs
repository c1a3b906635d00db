//! Reading hostile Word files, measured by the heap they make the reader allocate: a zip bomb
//! and an XML entity bomb. Counting the heap needs a global allocator, which counts every
//! allocation of its test binary (and needs `unsafe`, which the crate forbids), so these two
//! tests have a binary of their own; every other integration test is in `tests/it/`.

// The counting allocator has to implement `GlobalAlloc`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::{Cursor, Write};

use wenlint::{Linter, Settings, Source};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

#[path = "it/word_files.rs"]
mod word_files;

use word_files::{document, zip_of};

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

/// Lints the bytes of a Word file through the library, as `wenlint check` reads one.
fn read_word(bytes: Vec<u8>) -> Result<wenlint::Report, wenlint::Error> {
    let settings = Settings {
        config_text: Some(String::new()),
        ..Settings::default()
    };
    Linter::new(settings)?.lint(Source::bytes("a.docx", bytes))
}

#[test]
fn a_zip_bomb_is_refused_without_inflating_it() {
    let bomb = zip_bomb();
    assert!(bomb.len() < 2 << 20, "the bomb is {} bytes", bomb.len());
    // Inflating it would show in the heap's growth; how long the refusal takes is the
    // benchmarks' to say, not a test's on a shared machine.
    let (result, growth) = peak_growth(|| read_word(bomb));
    let error = result.unwrap_err().to_string();
    assert!(
        error.contains("像是 zip 炸弹") || error.contains("解压后超过"),
        "{error}"
    );
    assert!(error.contains("word/document.xml"), "{error}");
    assert!(growth < 16 << 20, "reading the bomb took {growth} bytes");
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
    assert!(error.contains("XML 带有 DTD"), "{error}");
    assert!(
        growth < 16 << 20,
        "reading the entity bomb took {growth} bytes"
    );
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
