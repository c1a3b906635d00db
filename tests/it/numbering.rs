//! The `numbering` family beyond the fixtures every rule has (`tests/it/fixtures.rs`): Markdown
//! headings and lists, and `wenlint outline`.

use crate::common;

use crate::common::{lint_fixture, listing};

/// Markdown: headings and ordered lists are markers; tables, code and nested lists are not, and
/// a list numbered `1.` `1.` `1.` counts as displayed.
#[test]
fn markdown_headings_and_ordered_lists_are_checked() {
    let (doc, diagnostics) = lint_fixture("numbering/markdown.fire.md");
    insta::assert_snapshot!("numbering_markdown_fire", listing(&doc, &diagnostics));
    let (doc, diagnostics) = lint_fixture("numbering/markdown.quiet.md");
    assert_eq!(listing(&doc, &diagnostics), "");
}

#[test]
fn outline_marks_problems_where_they_occur() {
    let output = assert_cmd::Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["outline", "fixtures/numbering/sequence.fire.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(
        "outline_sequence_fire",
        String::from_utf8(output.stdout).unwrap()
    );
}

#[test]
fn outline_json_is_the_tree() {
    let output = assert_cmd::Command::cargo_bin("wenlint")
        .unwrap()
        .args([
            "outline",
            "--format",
            "json",
            "--stdin-filename",
            "a.txt",
            "-",
        ])
        .write_stdin("一、总体要求\n（二）指导思想。坚持稳中求进。1.加强领导。\n二、主要任务\n")
        .output()
        .unwrap();
    let trees: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    insta::assert_json_snapshot!("outline_json", trees);
    let first = &trees[0]["outline"][0];
    assert_eq!(
        first["children"][0]["problems"][0]["rule"],
        "numbering/start"
    );
    assert_eq!(first["children"][0]["children"][0]["marker"], "1.");
    assert_eq!(trees[0]["outline"][1]["title"], "主要任务");
}

/// A text that opens inside a list (the second page of an article, an excerpt: nothing but a
/// title before its first marker) or goes on after a line saying text was left out may start
/// its lists anywhere; a draft whose body begins and then jumps to `二、` starts wrongly.
#[test]
fn excerpts_may_open_inside_a_list() {
    let numbering = |name: &str| {
        let (doc, mut diagnostics) = lint_fixture(name);
        diagnostics.retain(|d| d.rule.starts_with("numbering/"));
        listing(&doc, &diagnostics)
    };
    assert_eq!(numbering("numbering/excerpt.quiet.txt"), "");
    assert_eq!(
        numbering("numbering/excerpt.fire.txt"),
        "3:1 numbering/start “二、”\n"
    );
}

/// The second page of a summary may open inside an enumeration (`四是……`) and go on to its
/// next heading (`三、`): neither is a wrong start.
#[test]
fn a_page_may_open_inside_an_enumeration() {
    let text = "镇政府工作总结（二）\n\n四是抓好民生实事。全年新建村级卫生室五个，改造农村公路十二公里。\n\n三、构建平安稳定的社会环境\n全镇安全生产形势平稳，未发生较大以上事故。\n";
    let (doc, mut diagnostics) = common::lint_text(text, "a.txt");
    diagnostics.retain(|d| d.rule.starts_with("numbering/"));
    assert_eq!(listing(&doc, &diagnostics), "");
    let with_body = format!("为做好全年工作，现总结如下。\n{text}");
    let (doc, mut diagnostics) = common::lint_text(&with_body, "a.txt");
    diagnostics.retain(|d| d.rule.starts_with("numbering/"));
    assert_eq!(
        listing(&doc, &diagnostics),
        "4:1 numbering/inline “四是”\n6:1 numbering/start “三、”\n"
    );
}
