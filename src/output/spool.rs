//! Lists that a report writes whole at its end, of items written out as the run goes. A
//! report opens with what is known only at the end (the JSON summary, the SARIF rules), and
//! its items held as values until then took many times a long text's size in memory: each
//! is written, formatted as the report shows it, to a spool (in memory up to a few
//! megabytes, then in a temporary file), and the report, serialised with an empty list, is
//! written with the spool in place of the list. Where no temporary file can be made (no
//! `TMPDIR`, a read-only one), the items stay in memory: the report is not lost for it.

use std::io::{self, BufReader, BufWriter, Seek, SeekFrom, Write};

use tempfile::SpooledTempFile;

/// How many bytes of written items are kept in memory before they go to a temporary file.
pub(crate) const IN_MEMORY: usize = 4 << 20;

/// Where items are written as the run goes.
pub(crate) type Spool = BufWriter<Items>;

/// The items written so far: in memory, then in a temporary file once there are more than
/// `in_memory` bytes of them, if one can be made.
pub(crate) struct Items {
    file: SpooledTempFile,
    in_memory: usize,
    written: usize,
    /// A temporary file could not be made: the rest stays in memory.
    no_file: bool,
}

impl Write for Items {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.file.write(buf).map_err(in_temporary_file)?;
        self.written += written;
        if self.written > self.in_memory && !self.no_file && !self.file.is_rolled() {
            // A failed roll leaves what was written where it was, in memory.
            self.no_file = self.file.roll().is_err();
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush().map_err(in_temporary_file)
    }
}

/// An error of the temporary file, saying what the file is.
fn in_temporary_file(error: io::Error) -> io::Error {
    io::Error::new(
        error.kind(),
        format!("the temporary file of the report's findings: {error}"),
    )
}

/// A spool that keeps up to `in_memory` bytes in memory, then goes to a temporary file in
/// the system's directory for them.
pub(crate) fn spool(in_memory: usize) -> Spool {
    spool_of(SpooledTempFile::new(usize::MAX), in_memory)
}

/// A spool over `file` (one that never moves to disk by itself: the spool decides).
fn spool_of(file: SpooledTempFile, in_memory: usize) -> Spool {
    BufWriter::new(Items {
        file,
        in_memory,
        written: 0,
        no_file: false,
    })
}

/// The spool, to be read from its start.
pub(crate) fn rewound(spool: Spool) -> io::Result<BufReader<SpooledTempFile>> {
    let mut items = spool.into_inner().map_err(|e| e.into_error())?;
    items
        .file
        .seek(SeekFrom::Start(0))
        .map_err(in_temporary_file)?;
    Ok(BufReader::new(items.file))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn written_and_read(mut spool: Spool, items: &[&[u8]]) -> (Vec<u8>, bool) {
        for item in items {
            spool.write_all(item).unwrap();
        }
        spool.flush().unwrap();
        let rolled = spool.get_ref().file.is_rolled();
        let mut read = Vec::new();
        rewound(spool).unwrap().read_to_end(&mut read).unwrap();
        (read, rolled)
    }

    #[test]
    fn items_past_the_bound_go_to_a_file_and_come_back_whole() {
        let items: [&[u8]; 3] = [b"first\n", b"second\n", b"third"];
        let (read, rolled) = written_and_read(spool(8), &items);
        assert_eq!(read, b"first\nsecond\nthird");
        assert!(rolled);
        let (read, rolled) = written_and_read(spool(1 << 20), &items);
        assert_eq!(read, b"first\nsecond\nthird");
        assert!(!rolled);
    }

    #[test]
    fn where_no_temporary_file_can_be_made_the_items_stay_in_memory() {
        let nowhere = tempfile::tempdir().unwrap().path().join("gone");
        let file = SpooledTempFile::new_in(usize::MAX, &nowhere);
        let items: [&[u8]; 2] = [b"a long enough item\n", b"and another"];
        let (read, rolled) = written_and_read(spool_of(file, 4), &items);
        assert_eq!(read, b"a long enough item\nand another");
        assert!(!rolled);
    }
}
