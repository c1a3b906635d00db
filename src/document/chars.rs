//! Character classes of Chinese text, shared by the rules and the counts: what is a Han
//! character, what is Chinese punctuation, and so what makes a position part of Chinese text.

/// A Han character (CJK ideographs and their extensions, and `〇`).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '〇'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Full-width punctuation of Chinese text (GB/T 15834-2011 forms) and the ideographic space.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '「'
            | '」'
            | '『'
            | '』'
            | '…'
            | '—'
            | '～'
            | '·'
            | '\u{3000}'
    )
}

/// What makes a position part of Chinese text.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}
