//! Where the parts of a `.doc`'s text lie: the sections of the body (PlcfSed, [MS-DOC] 2.8.26),
//! whose last character is a section mark, and the stories of the header document (PlcfHdd,
//! 2.8.24 and 2.4.4): six separators for footnotes and endnotes, then six stories for each
//! section, its even, odd and first-page headers and footers.

use std::ops::Range;

use super::u32_at;

/// A Sed (section descriptor) is 12 bytes.
const SED_LEN: usize = 12;
/// The footnote and endnote separators that open the header document.
const SEPARATORS: usize = 6;
/// Even header, odd header, even footer, odd footer, first-page header, first-page footer.
const STORIES_PER_SECTION: usize = 6;
const IS_HEADER: [bool; STORIES_PER_SECTION] = [true, true, false, false, true, false];

/// The CP of each section's mark (its last character), sorted. A page break (0x0C) elsewhere
/// is a break within a paragraph.
pub(super) fn section_marks(plcf_sed: &[u8]) -> Vec<u32> {
    // n + 1 CPs and n Seds.
    let count = plcf_sed.len().saturating_sub(4) / (4 + SED_LEN);
    let mut marks: Vec<u32> = (1..=count)
        .filter_map(|i| u32_at(plcf_sed, i * 4)?.checked_sub(1))
        .collect();
    marks.sort_unstable();
    marks.dedup();
    marks
}

/// The header and footer stories that hold text, as CP ranges of the header document (whose
/// length is `ccp_hdd`): the headers of every section, then the footers, each without the
/// paragraph mark that ends it as a guard between stories. A story left empty takes the
/// previous section's, which is already among them. The stories are read only while
/// their CPs go forward and stay in the header document, so that together they are never
/// longer than it.
pub(super) fn headers_then_footers(plcf_hdd: &[u8], ccp_hdd: u32) -> Vec<Range<u32>> {
    // The CPs of the stories' starts, the end of the last story, and one to be ignored.
    let count = plcf_hdd.len() / 4;
    let mut starts = Vec::new();
    let mut previous = 0;
    for i in 0..count.saturating_sub(1) {
        match u32_at(plcf_hdd, i * 4) {
            Some(cp) if cp >= previous && cp <= ccp_hdd => {
                starts.push(cp);
                previous = cp;
            }
            _ => break,
        }
    }
    let mut headers = Vec::new();
    let mut footers = Vec::new();
    for (i, pair) in starts.windows(2).enumerate().skip(SEPARATORS) {
        if pair[0] < pair[1] {
            let kind = (i - SEPARATORS) % STORIES_PER_SECTION;
            let list = if IS_HEADER[kind] {
                &mut headers
            } else {
                &mut footers
            };
            // Without the paragraph mark that guards every story that is not empty.
            list.push(pair[0]..pair[1] - 1);
        }
    }
    headers.extend(footers);
    headers
}
