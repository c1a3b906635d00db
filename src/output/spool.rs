//! Lists that a report writes whole at its end, of items written out as the run goes. A
//! report opens with what is known only at the end (the JSON summary, the SARIF rules), and
//! its items held as values until then took many times a long text's size in memory: each
//! is written, formatted as the report shows it, to a spool (in memory up to a few
//! megabytes, then in a temporary file), and the report, serialised with an empty list, is
//! written with the spool in place of the list.

use std::io::{self, BufReader, BufWriter, Seek, SeekFrom, Write};

use tempfile::SpooledTempFile;

/// How many bytes of written items are kept in memory before they go to a temporary file.
pub(crate) const IN_MEMORY: usize = 4 << 20;

/// Where items are written as the run goes.
pub(crate) type Spool = BufWriter<SpooledTempFile>;

/// A spool that keeps up to `in_memory` bytes in memory.
pub(crate) fn spool(in_memory: usize) -> Spool {
    BufWriter::new(SpooledTempFile::new(in_memory))
}

/// The spool, to be read from its start.
pub(crate) fn rewound(spool: Spool) -> io::Result<BufReader<SpooledTempFile>> {
    let mut spool = spool.into_inner().map_err(|e| e.into_error())?;
    spool.seek(SeekFrom::Start(0))?;
    Ok(BufReader::new(spool))
}

/// Writes `separator`, then `json` (part of a pretty-printed value) with each line that
/// starts in it indented by `indent` (the first too, when `separator` ends a line): as the
/// value appears nested. A string's line breaks are escaped, so every line break of `json`
/// is between two of its lines. Returns how many bytes were written.
pub(crate) fn write_indented(
    out: &mut impl Write,
    separator: &[u8],
    json: &[u8],
    indent: &[u8],
) -> io::Result<u64> {
    out.write_all(separator)?;
    let mut written = separator.len();
    let mut line_starts = separator.last() == Some(&b'\n');
    for line in json.split_inclusive(|&b| b == b'\n') {
        if line_starts {
            out.write_all(indent)?;
            written += indent.len();
        }
        out.write_all(line)?;
        written += line.len();
        line_starts = line.last() == Some(&b'\n');
    }
    Ok(written as u64)
}

/// `report` (pretty-printed, with a line break after it) cut where the items of its empty
/// list go, the list being at `list_line` (`\n  "diagnostics": []`): what comes before them
/// (up to `[`) and after (from `]`). Keys and numbers only come before the list; a line
/// break in a string is escaped, so the list's line is found where it is, and only there.
pub(crate) fn around_empty_list<'r>(
    report: &'r [u8],
    list_line: &str,
) -> io::Result<(&'r [u8], &'r [u8])> {
    let at = memchr::memmem::find(report, list_line.as_bytes())
        .ok_or_else(|| io::Error::other(format!("the report has no `{}`", list_line.trim())))?;
    Ok(report.split_at(at + list_line.len() - 1))
}

/// Ends a list of items written after `[`: on a line of its own, indented as the list's
/// key (`list_indent`), unless it has no items.
pub(crate) fn close_list(out: &mut dyn Write, items: bool, list_indent: &[u8]) -> io::Result<()> {
    if items {
        out.write_all(b"\n")?;
        out.write_all(list_indent)?;
    }
    Ok(())
}
