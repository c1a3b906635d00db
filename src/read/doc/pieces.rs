//! The piece table, [MS-DOC] 2.9.38 (Clx) and 2.9.177 (PlcPcd): the text of a `.doc` as a list
//! of pieces, each a run of characters (CPs) stored at an offset (FC) of the `WordDocument`
//! stream, as UTF-16LE or, when the piece is "compressed", one byte a character. Word saves a
//! document in full as one piece or a few; a fast save appends the changed text to the
//! stream and splits the table into more pieces, which this order of pieces undoes.

use std::ops::Range;

use super::{u16_at, u32_at, DocError, Flaw, Limits};

/// `clxt` of a Prc (property modifiers, skipped) and of the Pcdt (the piece table).
const PRC: u8 = 0x01;
const PCDT: u8 = 0x02;
/// The size of a Pcd (piece descriptor).
const PCD_LEN: usize = 8;
/// The bit of `FcCompressed` that marks a piece of 8-bit characters.
const F_COMPRESSED: u32 = 1 << 30;

/// A run of characters and where they are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    cps: (u32, u32),
    /// The byte offset of the first character in the `WordDocument` stream.
    fc: u32,
    compressed: bool,
}

#[derive(Debug)]
pub(super) struct PieceTable {
    pieces: Vec<Piece>,
}

impl PieceTable {
    /// Reads the CLX; every piece must lie inside a `WordDocument` stream of `stream_len`
    /// bytes.
    pub(super) fn parse(
        clx: &[u8],
        stream_len: usize,
        limits: &Limits,
    ) -> Result<PieceTable, DocError> {
        let plc = piece_table_bytes(clx).ok_or(Flaw::Clx)?;
        // n + 1 CPs (4 bytes) and n Pcds (8 bytes).
        let count = plc.len().checked_sub(4).ok_or(Flaw::Clx)? / (4 + PCD_LEN);
        if count > limits.max_pieces {
            return Err(DocError::TooManyPieces {
                pieces: count,
                limit: limits.max_pieces,
            });
        }
        let cp = |i: usize| u32_at(plc, i * 4).ok_or(Flaw::Clx);
        let descriptors = (count + 1) * 4;
        let mut pieces = Vec::with_capacity(count);
        for i in 0..count {
            let (start, end) = (cp(i)?, cp(i + 1)?);
            if end < start || (i == 0 && start != 0) {
                return Err(Flaw::Clx.into());
            }
            let raw = u32_at(plc, descriptors + i * PCD_LEN + 2).ok_or(Flaw::Clx)?;
            let compressed = raw & F_COMPRESSED != 0;
            let fc = if compressed {
                (raw & !F_COMPRESSED) / 2
            } else {
                raw
            };
            let piece = Piece {
                cps: (start, end),
                fc,
                compressed,
            };
            if piece
                .bytes(start..end)
                .is_none_or(|bytes| bytes.end > stream_len)
            {
                return Err(Flaw::PieceOutside.into());
            }
            pieces.push(piece);
        }
        Ok(PieceTable { pieces })
    }

    /// The CP after the last piece: how many characters the table holds.
    pub(super) fn end(&self) -> u32 {
        self.pieces.last().map_or(0, |p| p.cps.1)
    }

    /// Calls `f` with each character of `range` (which [`PieceTable::parse`] checked to lie
    /// in `stream` up to [`PieceTable::end`]), as a UTF-16 code unit, with its CP and FC.
    pub(super) fn each(&self, stream: &[u8], range: Range<u32>, mut f: impl FnMut(u16, u32, u32)) {
        if range.start >= range.end {
            return;
        }
        let first = self.pieces.partition_point(|p| p.cps.1 <= range.start);
        for piece in &self.pieces[first..] {
            if piece.cps.0 >= range.end {
                break;
            }
            let cps = piece.cps.0.max(range.start)..piece.cps.1.min(range.end);
            let Some(bytes) = piece.bytes(cps.clone()).and_then(|b| stream.get(b)) else {
                continue;
            };
            if piece.compressed {
                for (cp, &byte) in cps.zip(bytes) {
                    f(cp1252(byte), cp, piece.fc_of(cp));
                }
            } else {
                for (cp, unit) in cps.zip(bytes.chunks_exact(2)) {
                    f(u16::from_le_bytes([unit[0], unit[1]]), cp, piece.fc_of(cp));
                }
            }
        }
    }
}

impl Piece {
    fn width(&self) -> u32 {
        if self.compressed {
            1
        } else {
            2
        }
    }

    /// The bytes that hold the characters `cps` of this piece, unless they overflow.
    fn bytes(&self, cps: Range<u32>) -> Option<Range<usize>> {
        let width = u64::from(self.width());
        let start = u64::from(self.fc) + u64::from(cps.start - self.cps.0) * width;
        let end = start + u64::from(cps.end - cps.start) * width;
        Some(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
    }

    /// The FC of a character of this piece, which the paragraph properties are keyed by. The
    /// piece was checked to lie in the stream, whose length fits a `u32`.
    fn fc_of(&self, cp: u32) -> u32 {
        self.fc
            .saturating_add((cp - self.cps.0).saturating_mul(self.width()))
    }
}

/// The PlcPcd of a CLX: past the Prcs (`0x01`, a 2-byte size, that many bytes), after the
/// Pcdt's `0x02` and 4-byte size.
fn piece_table_bytes(clx: &[u8]) -> Option<&[u8]> {
    let mut at = 0usize;
    loop {
        match *clx.get(at)? {
            PRC => {
                let size = u16_at(clx, at + 1)? as i16;
                at = at
                    .checked_add(3)?
                    .checked_add(usize::try_from(size).ok()?)?;
            }
            PCDT => {
                let len = u32_at(clx, at + 1)? as usize;
                let start = at + 5;
                return clx.get(start..start.checked_add(len)?);
            }
            _ => return None,
        }
    }
}

/// A byte of a compressed piece as the character it stands for, [MS-DOC] 2.9.73: Latin-1,
/// except for the bytes that cp1252 gives typographic characters.
fn cp1252(byte: u8) -> u16 {
    match byte {
        0x82 => 0x201A,
        0x83 => 0x0192,
        0x84 => 0x201E,
        0x85 => 0x2026,
        0x86 => 0x2020,
        0x87 => 0x2021,
        0x88 => 0x02C6,
        0x89 => 0x2030,
        0x8A => 0x0160,
        0x8B => 0x2039,
        0x8C => 0x0152,
        0x91 => 0x2018,
        0x92 => 0x2019,
        0x93 => 0x201C,
        0x94 => 0x201D,
        0x95 => 0x2022,
        0x96 => 0x2013,
        0x97 => 0x2014,
        0x98 => 0x02DC,
        0x99 => 0x2122,
        0x9A => 0x0161,
        0x9B => 0x203A,
        0x9C => 0x0153,
        0x9F => 0x0178,
        _ => u16::from(byte),
    }
}
