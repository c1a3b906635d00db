//! The FIB (file information block) at the start of the `WordDocument` stream, [MS-DOC]
//! 2.5.1: which table stream to read, how many characters the body, footnotes and headers
//! have, and where the structures the reader needs lie in the table stream. Its parts are
//! located by the counts the FIB itself gives (`csw`, `cslw`, `cbRgFcLcb`), so that a FIB
//! written by a later version, with more fields, reads the same.

use super::{u16_at, u32_at, DocError, Flaw};

/// The FIB's mark, `wIdent`.
const W_IDENT: u16 = 0xA5EC;
/// The first `nFib` of Word 97; earlier versions lay the FIB out otherwise.
const WORD_97: u16 = 0x00C0;
/// `FibBase` is 32 bytes; `csw` follows it.
const FIB_BASE_LEN: usize = 32;

// Bits of the FibBase flags at offset 0x0A.
const F_ENCRYPTED: u16 = 1 << 8;
const F_WHICH_TBL_STM: u16 = 1 << 9;

// Indexes in FibRgLw97 (4-byte fields).
const CCP_TEXT: usize = 3;
const CCP_FTN: usize = 4;
const CCP_HDD: usize = 5;

// Indexes in FibRgFcLcb97 (pairs of a 4-byte offset and a 4-byte length).
const PLCF_SED: usize = 6;
const PLCF_HDD: usize = 11;
const PLCF_BTE_PAPX: usize = 13;
const CLX: usize = 33;

/// Where a structure lies in the table stream: its offset and length.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Blob {
    fc: u32,
    lcb: u32,
}

impl Blob {
    /// The structure's bytes, if they lie inside `table`; nothing when it is empty.
    pub(super) fn of<'t>(&self, table: &'t [u8]) -> Option<&'t [u8]> {
        if self.lcb == 0 {
            return Some(&[]);
        }
        let start = self.fc as usize;
        table.get(start..start.checked_add(self.lcb as usize)?)
    }
}

#[derive(Debug)]
pub(super) struct Fib {
    /// `1Table` or `0Table`, as `fWhichTblStm` says.
    pub(super) table_stream: &'static str,
    /// Characters of the main document, the footnotes and the headers, which follow each
    /// other in that order.
    pub(super) ccp_text: u32,
    pub(super) ccp_ftn: u32,
    pub(super) ccp_hdd: u32,
    pub(super) clx: Blob,
    /// PlcfSed: where the sections end.
    pub(super) sections: Blob,
    /// PlcfHdd: where each header and footer story lies in the header document.
    pub(super) header_stories: Blob,
    /// PlcBtePapx: the pages of paragraph properties.
    pub(super) bins_of_papx: Blob,
}

impl Fib {
    pub(super) fn parse(word: &[u8]) -> Result<Fib, DocError> {
        let ident = u16_at(word, 0).ok_or(Flaw::ShortFib)?;
        if ident != W_IDENT {
            return Err(Flaw::NotAFib(ident).into());
        }
        let nfib = u16_at(word, 2).ok_or(Flaw::ShortFib)?;
        let flags = u16_at(word, 0x0A).ok_or(Flaw::ShortFib)?;
        if flags & F_ENCRYPTED != 0 {
            return Err(DocError::Encrypted);
        }
        if nfib < WORD_97 {
            return Err(DocError::OldFormat { nfib });
        }
        let table_stream = if flags & F_WHICH_TBL_STM != 0 {
            "1Table"
        } else {
            "0Table"
        };
        // FibBase, csw, fibRgW, cslw, fibRgLw, cbRgFcLcb, fibRgFcLcbBlob.
        let csw = usize::from(u16_at(word, FIB_BASE_LEN).ok_or(Flaw::ShortFib)?);
        let cslw_at = FIB_BASE_LEN + 2 + csw * 2;
        let cslw = usize::from(u16_at(word, cslw_at).ok_or(Flaw::ShortFib)?);
        let rg_lw = cslw_at + 2;
        let rg_fc_lcb_count_at = rg_lw + cslw * 4;
        let rg_fc_lcb_count = usize::from(u16_at(word, rg_fc_lcb_count_at).ok_or(Flaw::ShortFib)?);
        let rg_fc_lcb = rg_fc_lcb_count_at + 2;
        let long = |index: usize| -> Result<u32, Flaw> {
            if index >= cslw {
                return Err(Flaw::ShortFib);
            }
            u32_at(word, rg_lw + index * 4).ok_or(Flaw::ShortFib)
        };
        let blob = |index: usize| -> Result<Blob, Flaw> {
            if index >= rg_fc_lcb_count {
                return Err(Flaw::ShortFib);
            }
            let at = rg_fc_lcb + index * 8;
            Ok(Blob {
                fc: u32_at(word, at).ok_or(Flaw::ShortFib)?,
                lcb: u32_at(word, at + 4).ok_or(Flaw::ShortFib)?,
            })
        };
        Ok(Fib {
            table_stream,
            ccp_text: long(CCP_TEXT)?,
            ccp_ftn: long(CCP_FTN)?,
            ccp_hdd: long(CCP_HDD)?,
            clx: blob(CLX)?,
            sections: blob(PLCF_SED)?,
            header_stories: blob(PLCF_HDD)?,
            bins_of_papx: blob(PLCF_BTE_PAPX)?,
        })
    }
}
