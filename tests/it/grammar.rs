//! `grammar/de` over the professionally edited texts of `../shared/corpus/clean`: what it
//! reports there is pinned exactly. The one finding is a real slip of the published text
//! (`科学合理的做好…`, 做好 is only ever a verb); anything else would be a false alarm.

use crate::common;

use walkdir::WalkDir;

/// `file:line text` of each `grammar/de` finding the clean texts are known to have.
const EXPECTED: &[&str] = &["local-reports/district-hailaer-gwr-2012.txt:28 科学合理的做好"];

#[test]
fn clean_texts_report_only_the_known_de_slip() {
    let Some(corpus) = common::corpus() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let clean = corpus.join("clean");
    let mut checked = 0;
    let mut reported = Vec::new();
    for entry in WalkDir::new(&clean).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if !path
            .extension()
            .is_some_and(|ext| ext == "txt" || ext == "md")
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (doc, diagnostics) = common::lint_text(&text, &path);
        for d in diagnostics.iter().filter(|d| d.rule == "grammar/de") {
            let relative = path.strip_prefix(&clean).unwrap();
            reported.push(format!(
                "{}:{} {}",
                relative.to_string_lossy().replace('\\', "/"),
                doc.position(d.span.start).line,
                &doc.source[d.span.clone()]
            ));
        }
        checked += 1;
    }
    assert!(
        checked > 100,
        "expected the whole clean corpus, read {checked} files"
    );
    assert_eq!(reported, EXPECTED);
}
