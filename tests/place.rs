//! The `place` family against its fixtures, and the `[document]` settings that fix a
//! document's own level.

mod common;

use common::{lint_fixture, lint_with_config, listing};
use wenlint::config::Config;
use wenlint::diagnostic::Diagnostic;

fn only_place(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.retain(|d| d.rule.starts_with("place/"));
    diagnostics
}

#[test]
fn each_conflict_names_the_identity_and_points_at_its_evidence() {
    let (doc, diagnostics) = lint_fixture("place/self-level.fire.txt");
    let found = only_place(diagnostics);
    assert_eq!(found.len(), 3);
    let first = &found[0];
    assert!(first.message.contains("是“省”级文稿"), "{}", first.message);
    assert!(
        first.message.contains("“全市”却是“市”级"),
        "{}",
        first.message
    );
    let related = &first.related[0];
    assert_eq!(&doc.source[related.span.clone()], "我省");
}

#[test]
fn a_balanced_document_gets_one_finding_naming_both_sides() {
    let text = "同志们：\n我省要抓好落实，全省上下齐心，我省经济向好。\n\
                我市要抓好落实，全市上下齐心，我市经济向好。\n";
    let (_, diagnostics) = common::lint_text(text, wenlint::document::Format::Text);
    let found = only_place(diagnostics);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.contains("“省”级 3 处"),
        "{}",
        found[0].message
    );
    assert!(
        found[0].message.contains("“市”级 3 处"),
        "{}",
        found[0].message
    );
}

const PROVINCIAL_WORDS_IN_A_CITY: &str =
    "今年以来，我市经济平稳运行。\n在省委的坚强领导下，我省将继续加大投入。\n全市上下要狠抓落实。\n";

#[test]
fn a_configured_level_treats_higher_levels_as_superiors() {
    let (doc, diagnostics) =
        lint_with_config(PROVINCIAL_WORDS_IN_A_CITY, "[document]\nlevel = \"市\"\n");
    assert_eq!(listing(&doc, &only_place(diagnostics)), "");
}

#[test]
fn a_municipality_has_no_province_above_it() {
    let (doc, diagnostics) = lint_with_config(
        PROVINCIAL_WORDS_IN_A_CITY,
        "[document]\nregion = \"天津市\"\n",
    );
    assert_eq!(
        listing(&doc, &only_place(diagnostics)),
        "2:2 place/self-level “省委”\n2:11 place/self-level “我省”\n"
    );
}

#[test]
fn a_configured_province_reports_city_words() {
    let (doc, diagnostics) = lint_with_config(
        PROVINCIAL_WORDS_IN_A_CITY,
        "[document]\nregion = \"河北省\"\n",
    );
    assert_eq!(
        listing(&doc, &only_place(diagnostics)),
        "1:6 place/self-level “我市”\n3:1 place/self-level “全市”\n"
    );
}

#[test]
fn bad_document_settings_point_at_their_line() {
    let error = Config::parse(
        std::path::Path::new("wenlint.toml"),
        "[document]\nlevel = \"村\"\n",
    )
    .err()
    .unwrap();
    assert!(error.to_string().contains("wenlint.toml:2:"), "{error}");
    assert!(error.message.contains("unknown level"), "{}", error.message);
    let error = Config::parse(
        std::path::Path::new("wenlint.toml"),
        "[document]\nregion = \"天津\"\n",
    )
    .err()
    .unwrap();
    assert!(
        error.message.contains("did you mean `天津市`"),
        "{}",
        error.message
    );
}

#[test]
fn a_configured_region_reports_other_regions_spoken_of_as_its_own() {
    let text = "要结合山东实际，推动河北高质量发展，推动石家庄高质量发展。\n会议在北京召开，聚焦北京冬奥会。\n";
    let (doc, diagnostics) = lint_with_config(text, "[document]\nregion = \"河北省\"\n");
    assert_eq!(
        listing(&doc, &only_place(diagnostics)),
        "1:4 place/region “山东”\n"
    );
    let (doc, diagnostics) = lint_with_config(text, "[document]\nregion = \"石家庄市\"\n");
    assert_eq!(
        listing(&doc, &only_place(diagnostics)),
        "1:4 place/region “山东”\n",
        "a parent (河北) is not reported"
    );
}

#[test]
fn allowed_phrases_are_never_reported() {
    let text = "我省各项工作稳步推进，要联系天津发展所需。\n";
    let (doc, diagnostics) = lint_with_config(text, "[document]\nallow = [\"联系天津发展\"]\n");
    assert_eq!(listing(&doc, &only_place(diagnostics)), "");
}
