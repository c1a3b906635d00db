//! Reading files and decoding them to UTF-8 text.

use std::fmt;

/// A decoded text and how it was stored, so that a later `--fix` can write it back the same way.
#[derive(Debug)]
pub struct Decoded {
    /// The text without any byte-order mark.
    pub text: String,
    pub encoding: &'static encoding_rs::Encoding,
    pub bom: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    Binary,
    Undecodable { encoding: &'static str },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("looks like a binary file, not text"),
            DecodeError::Undecodable { encoding } => {
                write!(f, "cannot be decoded as UTF-8 or {encoding}")
            }
        }
    }
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: encoding_rs::UTF_8,
            bom: false,
        }),
        Err(_) => Err(DecodeError::Binary),
    }
}
