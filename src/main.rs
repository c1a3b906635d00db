fn main() -> std::process::ExitCode {
    serve_large_blocks_by_mmap();
    wenlint::cli::main()
}

/// Asks glibc to serve every block of 128 KiB or more by `mmap`, as it does at first, and to
/// keep doing so. Its default raises that threshold to the size of any such block freed, after
/// which a long document's lists and tables come from the heap: a list that grows is then
/// copied (where `mremap` moves pages), and what is freed stays resident. On a 20 MB file this
/// is about a tenth of the peak memory; small files are not affected.
///
/// The one `unsafe` of the project (denied everywhere else): glibc has no other way to set it
/// from within the process.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn serve_large_blocks_by_mmap() {
    const THRESHOLD: libc::c_int = 128 * 1024;
    // SAFETY: `mallopt` only sets a parameter of the allocator; it is called before any other
    // thread exists, and a value glibc does not accept is refused (returns 0) and changes
    // nothing.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, THRESHOLD);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn serve_large_blocks_by_mmap() {}
