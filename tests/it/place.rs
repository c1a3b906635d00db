//! The `place` family against its fixtures, and the `[document]` settings that fix a
//! document's own level.

use crate::common;

use crate::common::{lint_fixture, lint_with_config, listing};
use wenlint::Diagnostic;
use wenlint::{Linter, Settings};

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
    let (_, diagnostics) = common::lint_text(text, "a.txt");
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
    let config_error = |toml: &str| {
        let settings = Settings {
            config_text: Some(toml.to_string()),
            ..Settings::default()
        };
        Linter::new(settings).err().unwrap().to_string()
    };
    let error = config_error("[document]\nlevel = \"村\"\n");
    assert!(error.contains("wenlint.toml:2:"), "{error}");
    assert!(error.contains("没有 `村` 这一层级"), "{error}");
    let error = config_error("[document]\nregion = \"天津\"\n");
    assert!(error.contains("是不是 `天津市`"), "{error}");
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

/// A provincial report whose title names its province, with the old text's province left in
/// the places where it speaks of itself.
const SHANDONG_REPORT_WITH_LEFTOVERS: &str = "2026年山东省政府工作报告\n\n各位代表：\n\n\
    过去一年，我们推动河北高质量发展，河北全省上下凝心聚力。\n\
    “十五五”时期河北省经济社会发展的主要目标是：稳中求进。\n\
    依照国家和河北省有关规定执行，我们看到河北省厚积薄发的资源优势。\n";

#[test]
fn a_header_region_reports_another_province_standing_for_the_document() {
    let (doc, diagnostics) = common::lint_text(SHANDONG_REPORT_WITH_LEFTOVERS, "a.txt");
    let found = only_place(diagnostics);
    assert_eq!(
        listing(&doc, &found),
        "5:10 place/region “河北”\n\
         5:18 place/region “河北”\n\
         6:8 place/region “河北省”\n\
         7:6 place/region “河北省”\n\
         7:20 place/region “河北省”\n"
    );
    assert!(
        found[2].message.contains("但本文是“山东省”"),
        "{}",
        found[2].message
    );
    let evidence = &found[2].related[0];
    assert_eq!(&doc.source[evidence.span.clone()], "山东省");
}

#[test]
fn other_provinces_named_for_what_they_are_stay_quiet() {
    let text = "2026年山东省政府工作报告\n\n各位代表：\n\n\
        我省与河北省签署战略合作协议，赴江苏省考察，河北省、山西省等地客商来鲁洽谈。\n\
        河北省增长5.8%，我省增长6.1%。\n\
        上海市第一人民医院济南医院建成投运，深化与上海市对口合作。\n\
        浙江省投入东西部协作资金3亿元，向江苏省学习先进经验。\n\
        广西壮族自治区梧州市、北京市海淀区客商纷纷落户。\n\
        “河北省”字样，《河北省促进条例》已经施行。\n\
        推动济南市高质量发展，山东省经济稳中向好。\n";
    let (doc, diagnostics) = common::lint_text(text, "a.txt");
    assert_eq!(listing(&doc, &only_place(diagnostics)), "");
}

#[test]
fn a_city_report_reports_a_sibling_city_in_its_place_but_not_its_province() {
    let text = "2026年济南市人民政府工作报告\n\n各位代表：\n\n\
        一年来，青岛市经济运行稳中向好，山东省委、省政府高度重视。\n\
        我市与青岛市共建海洋产业园。\n";
    let (doc, diagnostics) = common::lint_text(text, "a.txt");
    assert_eq!(
        listing(&doc, &only_place(diagnostics)),
        "5:5 place/region “青岛市”\n"
    );
}

#[test]
fn a_district_speaks_of_its_city_without_contradiction_but_not_as_a_county() {
    let text = "2026年武昌区人民政府工作报告\n\n各位代表：\n\n\
        一年来，在市委、市政府和区委的坚强领导下，我区经济增速位居全市前列。\n\
        市直各部门和我区共同落实全市经济工作会议部署，全区上下攻坚克难。\n\
        我县将继续优化营商环境。\n";
    let (doc, diagnostics) = common::lint_text(text, "a.txt");
    let found = only_place(diagnostics);
    assert_eq!(listing(&doc, &found), "7:1 place/self-level “我县”\n");
    assert!(found[0].message.contains("“区”级"), "{}", found[0].message);
}
