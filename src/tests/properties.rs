//! Properties over generated drafts: made of the pieces real drafts are made of (markers,
//! placeholders, self-references, pinyin, punctuation) and arbitrary characters. Nothing
//! panics, every span is on character boundaries inside the text, the JSON report parses,
//! `--fix` is idempotent and touches only the spans it fixes, and the fixed text is written
//! back in the file's own encoding and byte-order mark.

use std::path::Path;

use crate::config::Config;
use crate::document::{Document, Format};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "①",
    "第一条",
    "一是",
    "二是",
    "四是",
    "首先，",
    "XX",
    "X月X日",
    "××",
    "某某",
    "【待补充】",
    "（  ）",
    "我省",
    "我市",
    "全市",
    "市委",
    "天津",
    "两个确定",
    "布署",
    "其它",
    "dangshi",
    "xuexi",
    "。",
    "，",
    "；",
    "：",
    "“",
    "”",
    "《",
    "》",
    "\n",
    "\r\n",
    "\n\n",
    "  ",
    "\t",
    "加强组织领导",
    "营造浓厚氛围",
    "推动高质量发展",
    "1.5倍",
    "2021.12",
    "100%",
    "<!-- wenlint-disable -->",
    "```",
    "# ",
    "| 1. | 表 |",
    "以下三个方面：",
    ",",
    ";",
    ":",
    "?",
    "(",
    ")",
    "2-3篇",
    "1-6月",
    "...",
    "。。",
    "，，",
    "，。",
    "--",
    "——",
    "“张园”、“展览”",
    "GB/T 9704-2012",
    "15:30",
    "1,000",
    "认真的落实",
    "二〇二一年12月",
    "2月30日",
    "《关于《方案》的通知》",
    "\"",
    "坚持\"稳中求进\"",
    "“要做到“两个维护”。”",
    "X",
    "x.x%",
    "X书记",
    "县*局",
    "**",
    "*",
    "×",
    "3×4",
    "○",
    "□",
    "20XX年",
    "201X/X/XX",
    "某",
    "某县",
    "张某某",
    " 万元",
    " 年 月 日",
    "　",
    "\u{a0}",
    "代表 ，",
    "为 集团",
    "縣長",
    "億元",
    "1+X",
    "X光",
    "_",
    "20_年",
];

pub(crate) fn draft() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[\\u{4e00}-\\u{4e80}]{1,6}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

/// What a file in `encoding` that was written from `text` reads as.
fn as_read_from(encoding: &'static encoding_rs::Encoding, text: &str) -> String {
    match crate::fix::encode(text, encoding, false) {
        Ok(bytes) => encoding.decode_without_bom_handling(&bytes).0.into_owned(),
        Err(_) => text.to_string(),
    }
}

pub(crate) fn lint(text: &str, format: Format) -> (Document, Vec<crate::Diagnostic>) {
    let doc = Document::new(text.to_string(), format);
    let config = Config::defaults(Path::new(env!("CARGO_MANIFEST_DIR")));
    let diagnostics = crate::lint::lint(&doc, &config);
    (doc, diagnostics)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_lie_on_character_boundaries_inside_the_text(text in draft(), markdown in any::<bool>()) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        let (doc, diagnostics) = lint(&text, format);
        for d in diagnostics.iter() {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= doc.source.len());
            prop_assert!(doc.source.is_char_boundary(d.span.start) && doc.source.is_char_boundary(d.span.end));
            for r in &d.related {
                prop_assert!(r.span.end <= doc.source.len() && doc.source.is_char_boundary(r.span.start));
            }
            let at = doc.position(d.span.start);
            prop_assert!(at.line >= 1 && at.column >= 1);
        }
    }

    #[test]
    fn the_json_report_is_the_whole_report_serialised(
        texts in proptest::collection::vec(draft(), 0..3),
        in_memory in prop_oneof![Just(0usize), Just(1usize << 20)],
    ) {
        use crate::output::{json, Emitter, Failure, Totals};
        // Written file by file through a spool (in memory, or in a temporary file past the
        // first byte), and serialised whole: the same bytes, and they parse.
        let mut emitter = Box::new(json::Json::spooling(in_memory));
        let mut totals = Totals::default();
        let mut whole = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let (doc, diagnostics) = lint(text, Format::Text);
            let path = format!("{i}.txt");
            emitter.file(&mut std::io::sink(), &path, &doc, &diagnostics).unwrap();
            totals.add(&diagnostics);
            whole.extend(diagnostics.iter().map(|d| crate::contract::JsonDiagnostic::new(&path, &doc, d)));
        }
        let failures = vec![Failure { path: "gone.txt".into(), reason: "\"diagnostics\": []\n".into() }];
        let mut streamed = Vec::new();
        emitter.finish(&mut streamed, &totals, &failures).unwrap();
        let report = json::Report { version: json::VERSION, summary: totals.summary, diagnostics: whole, failures };
        let mut expected = Vec::new();
        json::write_whole(&mut expected, &report).unwrap();
        prop_assert_eq!(String::from_utf8_lossy(&streamed), String::from_utf8_lossy(&expected));
        let parsed: serde_json::Value = serde_json::from_slice(&streamed).unwrap();
        prop_assert_eq!(parsed["diagnostics"].as_array().unwrap().len(), report.diagnostics.len());
    }

    #[test]
    fn fixing_touches_only_fixed_spans_and_twice_changes_nothing(text in draft()) {
        let (doc, diagnostics) = lint(&text, Format::Text);
        let Some((once, _)) = crate::fix::apply(&doc.source, &diagnostics) else {
            return Ok(());
        };
        // Outside the fixed spans the text is unchanged, in order, line breaks included.
        let mut spans: Vec<_> = diagnostics.iter().filter(|d| d.fix.is_some()).map(|d| d.span.clone()).collect();
        spans.sort_by_key(|s| s.start);
        let mut outside = String::new();
        let mut at = 0;
        for span in &spans {
            if span.start >= at {
                outside.push_str(&doc.source[at..span.start]);
                at = span.end;
            }
        }
        outside.push_str(&doc.source[at..]);
        let mut rest = once.as_str();
        for c in outside.chars() {
            let found = rest.find(c);
            prop_assert!(found.is_some(), "lost {:?} outside the fixed spans", c);
            rest = &rest[found.unwrap() + c.len_utf8()..];
        }
        let line_ends = |s: &str| (s.matches('\n').count(), s.matches('\r').count());
        prop_assert_eq!(line_ends(&once), line_ends(&text));
        // Fixing until stable, as `--fix` does, leaves nothing for a second run.
        let stable = crate::fix::apply_until_stable(doc, |d| lint(&d.source, d.format).1, |_, all| all);
        prop_assert!(stable.fixes > 0, "there was something to fix");
        let fixed = stable.doc.source;
        prop_assert_eq!(line_ends(&fixed), line_ends(&text));
        let (again, diagnostics) = lint(&fixed, Format::Text);
        prop_assert_eq!(crate::fix::apply(&again.source, &diagnostics), None);
    }

    #[test]
    fn fixed_text_goes_back_in_the_files_own_encoding(text in draft(), which in 0..5usize) {
        use encoding_rs::{GB18030, UTF_16BE, UTF_16LE, UTF_8};
        let (encoding, bom) = [(UTF_8, false), (UTF_8, true), (UTF_16LE, true), (UTF_16BE, true), (GB18030, false)][which];
        // The text as a file in this encoding reads: GB18030 has a few private-use characters
        // (U+E82B among them) that it writes as bytes it reads back as standard ones (龶).
        let text = as_read_from(encoding, &text);
        let doc = Document::new(text.clone(), Format::Text);
        let stable = crate::fix::apply_until_stable(doc, |d| lint(&d.source, d.format).1, |_, all| all);
        if stable.fixes == 0 {
            return Ok(());
        }
        let fixed = stable.doc.source;
        let bytes = crate::fix::encode(&fixed, encoding, bom).expect("these encodings hold any text");
        if bom {
            let decoded = crate::read::decode(&bytes).expect("a file with a byte-order mark decodes");
            prop_assert_eq!(decoded.encoding, encoding);
            prop_assert!(decoded.bom);
            prop_assert_eq!(decoded.text.as_str(), &*fixed);
        } else {
            let (decoded, malformed) = encoding.decode_without_bom_handling(&bytes);
            prop_assert!(!malformed);
            prop_assert_eq!(&*decoded, &*fixed);
        }
    }
}
