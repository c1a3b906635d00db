//! Which paragraph marks end a table row rather than a paragraph. A `.doc` ends each cell with
//! a cell mark (0x07), and then the row with one more mark of its own, which a `.docx` has no
//! paragraph for; a nested table ends its cells and rows with paragraph marks (0x0D). Only the
//! paragraph's properties tell a row's mark from an empty cell's: `sprmPFTtp` or
//! `sprmPFInnerTtp` set. Paragraph properties are kept in pages (PapxFkp, [MS-DOC] 2.9.175)
//! of the `WordDocument` stream, which PlcBtePapx lists; each page maps ranges of FCs to the
//! properties of the paragraphs that end in them.
//!
//! A page that cannot be read is passed over: the worst that follows is an empty line where a
//! row ended.

use super::{u16_at, u32_at};

/// A PapxFkp is one 512-byte page.
const PAGE: usize = 512;
/// The size of a BxPap, the entry that points a run of FCs to its properties.
const BX_PAP: usize = 13;
/// A table row's end (terminating paragraph), in a table and in a nested table.
const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_F_INNER_TTP: u16 = 0x244C;
/// The two properties whose operand has a size of its own that is not one byte long.
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_P_CHG_TABS: u16 = 0xC615;

/// The FC ranges whose paragraph marks end a table row, sorted.
#[derive(Debug, Default)]
pub(super) struct RowEnds {
    ranges: Vec<(u32, u32)>,
}

impl RowEnds {
    /// Reads the PlcBtePapx (`bins`) and the pages it points to in the `WordDocument`
    /// stream (`word`).
    pub(super) fn parse(bins: &[u8], word: &[u8]) -> RowEnds {
        // n + 1 FCs and n page numbers, 4 bytes each. No more pages are read than the stream
        // holds, however often a damaged table names the same one.
        let count = bins.len().saturating_sub(4) / 8;
        let numbers = (count + 1) * 4;
        let mut ranges = Vec::new();
        for i in 0..count.min(word.len() / PAGE) {
            let Some(number) = u32_at(bins, numbers + i * 4) else {
                break;
            };
            // PnFkpPapx: the page number is the low 22 bits.
            let start = (number & 0x003F_FFFF) as usize * PAGE;
            if let Some(page) = word.get(start..start + PAGE) {
                read_page(page, &mut ranges);
            }
        }
        ranges.sort_unstable();
        RowEnds { ranges }
    }

    /// Whether the paragraph mark stored at `fc` ends a table row.
    pub(super) fn contains(&self, fc: u32) -> bool {
        let after = self.ranges.partition_point(|&(start, _)| start <= fc);
        after > 0 && fc < self.ranges[after - 1].1
    }
}

/// Adds the ranges of one PapxFkp whose paragraphs end table rows.
fn read_page(page: &[u8], ranges: &mut Vec<(u32, u32)>) {
    let runs = usize::from(page[PAGE - 1]);
    let entries = (runs + 1) * 4;
    if entries + runs * BX_PAP > PAGE - 1 {
        return;
    }
    for run in 0..runs {
        let (Some(start), Some(end)) = (u32_at(page, run * 4), u32_at(page, run * 4 + 4)) else {
            return;
        };
        let offset = usize::from(page[entries + run * BX_PAP]) * 2;
        if offset != 0 && start < end && ends_a_row(page, offset) {
            ranges.push((start, end));
        }
    }
}

/// Whether the PapxInFkp at `offset` of a page sets a row's end.
fn ends_a_row(page: &[u8], offset: usize) -> bool {
    let Some(&cb) = page.get(offset) else {
        return false;
    };
    // The size is in words: 2 × cb − 1 bytes after cb, or 2 × cb' after a zero and cb'.
    let (start, len) = match cb {
        0 => match page.get(offset + 1) {
            Some(&cb) => (offset + 2, usize::from(cb) * 2),
            None => return false,
        },
        cb => (offset + 1, usize::from(cb) * 2 - 1),
    };
    match page.get(start..start + len) {
        // The first two bytes are the paragraph's style (istd).
        Some(grpprl) if grpprl.len() >= 2 => sets_row_end(&grpprl[2..]),
        _ => false,
    }
}

/// Walks a list of properties (Prls: a 2-byte sprm and its operand), [MS-DOC] 2.6.
fn sets_row_end(mut prls: &[u8]) -> bool {
    while let Some(sprm) = u16_at(prls, 0) {
        let operand = &prls[2..];
        if matches!(sprm, SPRM_P_F_TTP | SPRM_P_F_INNER_TTP) && operand.first() == Some(&1) {
            return true;
        }
        let Some(len) = operand_len(sprm, operand) else {
            return false;
        };
        let Some(rest) = operand.get(len..) else {
            return false;
        };
        prls = rest;
    }
    false
}

/// The length of a property's operand, which the top three bits of its sprm give (`spra`),
/// or for spra 6 the operand's own first byte (two for a table's definition).
fn operand_len(sprm: u16, operand: &[u8]) -> Option<usize> {
    Some(match sprm >> 13 {
        0 | 1 => 1,
        2 | 4 | 5 => 2,
        3 => 4,
        7 => 3,
        _ => match sprm {
            SPRM_T_DEF_TABLE => usize::from(u16_at(operand, 0)?) + 1,
            // A long list of tabs sizes itself otherwise; it is not followed.
            SPRM_P_CHG_TABS if operand.first() == Some(&255) => return None,
            _ => usize::from(*operand.first()?) + 1,
        },
    })
}
