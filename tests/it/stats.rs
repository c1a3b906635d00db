//! `wenlint stats` and `wenlint init` from the command line.

use crate::common;

use assert_cmd::Command;

#[test]
fn stats_gives_size_and_speaking_time() {
    let output = Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["stats", "--format", "json", "fixtures/speech-draft.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let file = &stats[0];
    assert_eq!(file["path"], "fixtures/speech-draft.txt");
    let hanzi = file["hanzi"].as_u64().unwrap();
    assert!(hanzi > 100, "{stats:#}");
    assert_eq!(file["pace"], 220);
    assert_eq!(file["speaking_seconds"], (hanzi * 60).div_ceil(220));
}

#[test]
fn stats_on_the_seed_draft() {
    let Some(corpus) = common::corpus() else {
        eprintln!("skipped: ../shared/corpus not found, cannot check stats on the seed");
        return;
    };
    let output = Command::cargo_bin("wenlint")
        .unwrap()
        .args(["stats", "--pace", "200"])
        .arg(corpus.join("seed/000_b33b4ccf6b47c0c8.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("汉字") && text.contains("分"), "{text}");
    assert!(text.contains("200 字/分钟"), "{text}");
}

#[test]
fn init_writes_a_config_that_applies() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["init", "--region", "河北省"])
        .assert()
        .code(0);
    let written = std::fs::read_to_string(dir.path().join("wenlint.toml")).unwrap();
    assert!(written.contains("region = \"河北省\""));
    // A second init refuses to overwrite it.
    Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["init"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("已经存在"));
    // And the region applies: 山东 spoken of as the text's own is reported.
    std::fs::write(
        dir.path().join("a.txt"),
        "要结合山东实际，推动高质量发展。\n",
    )
    .unwrap();
    Command::cargo_bin("wenlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "a.txt"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("place/region"));
}
