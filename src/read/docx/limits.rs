//! How much a `.docx` may make wenlint read, and the guards that hold it to that: a count of
//! the archive's directory records before the zip reader lists it, and counters on the bytes
//! each part inflates to and the compressed bytes it takes, which stop a zip bomb a few MiB in.
//! The limits are checked here, as the bytes stream by, so that no caller can forget one.

use std::cell::Cell;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::rc::Rc;

use super::DocxError;

const MIB: u64 = 1 << 20;

/// How much a `.docx` may make wenlint read. Real drafts stay far below every limit; a file
/// over one is refused, since reading on would let a crafted file exhaust memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Zip entries; Word writes a few dozen, a few thousand with many images.
    pub max_entries: usize,
    /// Uncompressed bytes of one part, counted as they are inflated (the size the zip header
    /// declares is not trusted).
    pub max_part_bytes: u64,
    /// Uncompressed bytes of all the parts read together.
    pub max_total_bytes: u64,
    /// Uncompressed bytes per compressed byte above which a part is taken for a zip bomb.
    /// XML compresses about 5–20:1; zeros, as bombs use, about 1000:1.
    pub max_ratio: u64,
    /// A part is judged by its ratio only past this many bytes, where a real part's ratio has
    /// settled.
    pub ratio_grace_bytes: u64,
}

impl Limits {
    /// 10,000 entries, 256 MiB per part and in all, 100:1 past 1 MiB (the ratio Apache POI
    /// also takes for a zip bomb).
    pub const DEFAULT: Limits = Limits {
        max_entries: 10_000,
        max_part_bytes: 256 * MIB,
        max_total_bytes: 256 * MIB,
        max_ratio: 100,
        ratio_grace_bytes: MIB,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// A `.docx` has one end-of-directory record; a few more can come from zip files embedded
/// uncompressed.
const MAX_DIRECTORY_RECORDS: usize = 16;

/// Bounds what listing the archive can cost, before the zip reader lists it. The reader keeps
/// several hundred bytes for each entry it lists, and when a directory fails it tries the next
/// end-of-directory record it finds anywhere in the file, so a file of millions of tiny
/// entries, or of many records, would cost gigabytes or minutes before the entries could be
/// counted. Each entry it lists starts with a directory header of its own, so counting their
/// signatures bounds the entries whatever the records declare.
pub(super) fn check_directory_records(bytes: &[u8], limits: &Limits) -> Result<(), DocxError> {
    let (mut entries, mut records) = (0u64, 0usize);
    for window in bytes.windows(4) {
        match window {
            b"PK\x01\x02" => entries += 1,
            b"PK\x05\x06" | b"PK\x06\x06" => records += 1,
            _ => {}
        }
    }
    if records > MAX_DIRECTORY_RECORDS {
        return Err(DocxError::TooManyDirectories {
            found: records,
            limit: MAX_DIRECTORY_RECORDS,
        });
    }
    if entries > limits.max_entries as u64 {
        return Err(DocxError::TooManyEntries {
            entries,
            limit: limits.max_entries,
        });
    }
    Ok(())
}

/// Which limit stopped a part.
#[derive(Debug, Clone, Copy)]
pub(super) enum Trip {
    Part,
    Total,
    Ratio,
}

impl Trip {
    pub(super) fn error(self, part: &str, limits: &Limits) -> DocxError {
        match self {
            Trip::Part => DocxError::TooLarge {
                part: part.to_string(),
                limit: limits.max_part_bytes,
            },
            Trip::Total => DocxError::TooLargeInAll {
                limit: limits.max_total_bytes,
            },
            Trip::Ratio => DocxError::Suspicious {
                part: part.to_string(),
                ratio: limits.max_ratio,
            },
        }
    }
}

/// The archive's bytes, counting how many the zip reader has taken: the compressed bytes a
/// part has used so far, which its header could misstate.
pub(super) struct Counted<'a> {
    pub(super) inner: Cursor<&'a [u8]>,
    pub(super) consumed: Rc<Cell<u64>>,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed.set(self.consumed.get() + n as u64);
        Ok(n)
    }
}

impl Seek for Counted<'_> {
    fn seek(&mut self, position: SeekFrom) -> io::Result<u64> {
        self.inner.seek(position)
    }
}

/// Counts the bytes a part inflates to and fails the read as soon as a limit is passed, so a
/// bomb costs at most one buffer beyond the limit, whatever its headers declare. The ratio is
/// that of the bytes inflated so far to the compressed bytes read so far, so a bomb is stopped
/// a few MiB in, not once it has inflated to a hundred times its whole compressed size.
pub(super) struct Guard<'g, R> {
    pub(super) inner: R,
    pub(super) read: u64,
    pub(super) consumed: Rc<Cell<u64>>,
    pub(super) consumed_before: u64,
    pub(super) total: &'g mut u64,
    pub(super) limits: &'g Limits,
    pub(super) tripped: Option<Trip>,
}

impl<R> Guard<'_, R> {
    fn check(&self) -> Option<Trip> {
        let limits = self.limits;
        let compressed = (self.consumed.get() - self.consumed_before).max(1);
        if self.read > limits.max_part_bytes {
            Some(Trip::Part)
        } else if *self.total > limits.max_total_bytes {
            Some(Trip::Total)
        } else if self.read > limits.ratio_grace_bytes && self.read / compressed > limits.max_ratio
        {
            Some(Trip::Ratio)
        } else {
            None
        }
    }
}

impl<R: Read> Read for Guard<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.tripped.is_some() {
            return Err(io::Error::other("limit reached"));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        *self.total += n as u64;
        self.tripped = self.check();
        match self.tripped {
            Some(_) => Err(io::Error::other("limit reached")),
            None => Ok(n),
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::rels::DOCUMENT;
    use crate::read::docx::tests::{body, document, docx, zip_of};
    use crate::read::docx::{text_of, text_with_limits};

    #[test]
    fn too_many_entries_are_refused() {
        let mut parts = vec![(DOCUMENT.to_string(), body(""))];
        parts.extend((0..20).map(|i| (format!("media/{i}.bin"), String::new())));
        let parts: Vec<(&str, &str)> = parts
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_str()))
            .collect();
        let limits = Limits {
            max_entries: 10,
            ..Limits::DEFAULT
        };
        let error = text_with_limits(&docx(&parts), &limits).unwrap_err();
        assert!(
            matches!(
                error,
                DocxError::TooManyEntries {
                    entries: 21,
                    limit: 10
                }
            ),
            "{error}"
        );
    }

    #[test]
    fn directory_records_are_checked_before_the_archive_is_listed() {
        let mut bytes = docx(&[(DOCUMENT, &body(""))]);
        bytes.extend(b"PK\x01\x02".repeat(20));
        let limits = Limits {
            max_entries: 10,
            ..Limits::DEFAULT
        };
        let error = text_with_limits(&bytes, &limits).unwrap_err();
        assert!(
            matches!(
                error,
                DocxError::TooManyEntries {
                    entries: 21,
                    limit: 10
                }
            ),
            "{error}"
        );

        let mut bytes = docx(&[(DOCUMENT, &body(""))]);
        let empty_record = [b"PK\x05\x06".as_slice(), &[0; 18]].concat();
        bytes.extend(empty_record.repeat(MAX_DIRECTORY_RECORDS));
        let error = text_of(&bytes).unwrap_err();
        assert!(
            matches!(error, DocxError::TooManyDirectories { .. }),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .starts_with("has 17 zip directory records"),
            "{error}"
        );
    }

    #[test]
    fn the_total_of_parts_is_limited() {
        let big = "<w:p><w:r><w:t>一二三四五六七八九十</w:t></w:r></w:p>".repeat(400);
        let bytes = docx(&[
            (DOCUMENT, &body(&big)),
            ("word/header1.xml", &body(&big).replace("document", "hdr")),
        ]);
        let one_part = body(&big).len() as u64;
        let limits = Limits {
            max_total_bytes: one_part + one_part / 2,
            ..Limits::DEFAULT
        };
        let error = text_with_limits(&bytes, &limits).unwrap_err();
        assert!(matches!(error, DocxError::TooLargeInAll { .. }), "{error}");
    }

    #[test]
    fn a_part_over_the_size_limit_is_refused_whatever_its_ratio() {
        let paragraphs = "<w:p><w:r><w:t>一二三四五六七八九十</w:t></w:r></w:p>".repeat(10_000);
        let bytes = zip_of(&[("word/document.xml", document(&paragraphs).as_bytes())]);
        let limits = Limits {
            max_part_bytes: 256 << 10,
            ..Limits::DEFAULT
        };
        let error = text_with_limits(&bytes, &limits).unwrap_err();
        assert!(matches!(error, DocxError::TooLarge { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            "has a part, word/document.xml, larger than 256 KiB uncompressed, so it is not read"
        );
        assert!(text_of(&bytes).is_ok());
    }
}
