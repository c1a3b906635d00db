//! Hostile input: whatever a repository holds, wenlint gives a clear message (exit 2 where it
//! is an error), never panics, and finishes in bounded time and memory. The Word-file bombs
//! (zip and XML entity) are in `tests/docx.rs`.
//!
//! Inputs built to make a search quadratic (hundreds of thousands of nested marks, blanks or
//! markers on a line) would keep a quadratic run busy for hours; a run still going after
//! [`DEADLINE`] is stopped, and its missing exit code fails the test. How fast wenlint reads
//! is measured by the benchmarks (`bench/`), not here: on a busy machine a debug build may
//! take minutes over these inputs.

use std::time::Duration;

/// How long one run over a hostile input may take before it is stopped.
const DEADLINE: Duration = Duration::from_secs(600);

use crate::common::{wenlint, write};

/// Runs `wenlint check --format concise PATH` in `dir`: exit code (none when the run was
/// stopped at the deadline), stdout and stderr.
fn check(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = wenlint()
        .current_dir(dir)
        .args(["check", "--format", "concise"])
        .args(args)
        .timeout(DEADLINE)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

fn no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn nul_bytes_mean_a_binary_file_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"\x00\x01\x02XX\x00binary".as_slice());
    write(dir.path(), "b.txt", "请XX同志参加。\n");
    let (code, stdout, stderr) = check(dir.path(), &["."]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("a.txt") && stderr.contains("二进制"),
        "{stderr}"
    );
    assert!(
        stdout.contains("b.txt"),
        "the other file is still linted: {stdout}"
    );
    no_panic(&stderr);
}

#[test]
fn invalid_and_mixed_encodings_are_read_or_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let mut mixed = "请XX同志参加。".as_bytes().to_vec();
    mixed.extend(encoding_rs::GBK.encode("会议于X月X日召开。").0.iter());
    mixed.extend(b"\xff\xfe\xfd broken \xc3\x28\n");
    write(dir.path(), "mixed.txt", mixed);
    let (code, _, stderr) = check(dir.path(), &["mixed.txt"]);
    assert!(matches!(code, Some(1) | Some(2)), "{code:?} {stderr}");
    if code == Some(2) {
        assert!(stderr.contains("mixed.txt"), "{stderr}");
    }
    no_panic(&stderr);
}

#[test]
fn a_very_long_single_line_is_linted_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let line = "推进高质量发展，请XX同志参加会议。".repeat(200_000);
    write(dir.path(), "long.txt", &line);
    let (code, stdout, stderr) = check(dir.path(), &["long.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(stdout.matches("placeholder/marker").count(), 200_000);
    no_panic(&stderr);
}

/// Lines shaped to make a scan quadratic: nested half-width parentheses (each one's content
/// holds all the inner ones), a paragraph of unmatched marks, dates packed on one line.
#[test]
fn punctuation_and_dates_built_to_be_quadratic_stay_linear() {
    let dir = tempfile::tempdir().unwrap();
    let nested = format!("{}中,{}", "(".repeat(300_000), ")".repeat(300_000));
    let unmatched = format!("{}{}", "《".repeat(300_000), "”".repeat(300_000));
    let dates = "12月".repeat(300_000);
    write(
        dir.path(),
        "marks.txt",
        format!("{nested}\n{unmatched}\n{dates}\n"),
    );
    let (code, stdout, stderr) = check(dir.path(), &["marks.txt"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stdout.contains("marks.txt:1:300002: warning[punct/halfwidth]"));
    assert_eq!(stdout.matches("punct/pair").count(), 600_000);
    no_panic(&stderr);
    // Titles nested 200,000 deep: each inner one would repeat the whole rest in its message.
    let nested = format!("{}{}", "《".repeat(200_000), "》".repeat(200_000));
    write(dir.path(), "nested.txt", nested);
    let (code, stdout, stderr) = check(dir.path(), &["nested.txt"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stdout.len() < 1_000_000, "{} bytes of output", stdout.len());
    no_panic(&stderr);
}

#[test]
fn placeholder_contexts_built_to_be_quadratic_stay_linear() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        "推动 发展，".repeat(50_000),
        "投资 万元，".repeat(50_000),
        "定于 年 月 日".repeat(50_000),
        "某县".repeat(50_000),
        "长×宽".repeat(50_000),
        "甲○乙".repeat(50_000),
        "*的".repeat(50_000),
        "中共 * 市".repeat(50_000),
        "XX，".repeat(50_000),
        "推动 发展，最高人民法院 ".repeat(25_000),
    ];
    write(dir.path(), "blanks.txt", lines.join("\n"));
    let (code, stdout, stderr) = check(dir.path(), &["blanks.txt"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stdout.contains("blanks.txt:2:3: warning[placeholder/space]"));
    no_panic(&stderr);
}

#[test]
fn a_million_short_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "lines.txt", "甲。\n".repeat(1_000_000));
    let (code, _, stderr) = check(dir.path(), &["lines.txt"]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn deeply_nested_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let quotes = format!("{} 请XX同志参加。\n", ">".repeat(50_000));
    let lists: String = (0..5_000)
        .map(|i| format!("{}- 第{i}项\n", "  ".repeat(i)))
        .collect();
    write(dir.path(), "deep.md", format!("{quotes}\n{lists}"));
    let (code, _, stderr) = check(dir.path(), &["deep.md"]);
    assert!(matches!(code, Some(0) | Some(1)), "{code:?} {stderr}");
    no_panic(&stderr);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_hang_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/a.txt", "请XX同志参加。\n");
    std::os::unix::fs::symlink("..", dir.path().join("docs/loop")).unwrap();
    std::os::unix::fs::symlink("self", dir.path().join("docs/self")).unwrap();
    let (code, stdout, stderr) = check(dir.path(), &["."]);
    assert!(matches!(code, Some(1) | Some(2)), "{code:?} {stderr}");
    assert_eq!(stdout.matches("placeholder/marker").count(), 1, "{stdout}");
    no_panic(&stderr);
}

#[test]
fn a_catastrophic_looking_user_regex_runs_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "wenlint.toml", "rule_dirs = [\"house\"]\n");
    write(
        dir.path(),
        "house/house.toml",
        "[[rule]]\nid = \"house/slow\"\nkind = \"existence\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\ndoc = \"d\"\n\n[[rule.pattern]]\nregex = '(a+)+$'\n",
    );
    write(dir.path(), "a.txt", format!("{}b\n", "a".repeat(100_000)));
    let (code, _, stderr) = check(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_look_around_regex_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "wenlint.toml", "rule_dirs = [\"house\"]\n");
    write(
        dir.path(),
        "house/house.toml",
        "[[rule]]\nid = \"house/look\"\nkind = \"existence\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\ndoc = \"d\"\n\n[[rule.pattern]]\nregex = 'X(?=Y)'\n",
    );
    write(dir.path(), "a.txt", "XY\n");
    let (code, _, stderr) = check(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("look-around") && stderr.contains("house.toml:10"),
        "{stderr}"
    );
}

#[test]
fn a_rule_file_with_a_hundred_thousand_entries() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "wenlint.toml", "rule_dirs = [\"house\"]\n");
    let tokens: Vec<String> = (0..100_000).map(|i| format!("\"旧称{i:06}\"")).collect();
    let swaps: String = (0..100_000)
        .map(|i| format!("[[rule.swap]]\nwrong = \"错词{i:06}\"\nright = \"正词\"\n"))
        .collect();
    write(
        dir.path(),
        "house/house.toml",
        format!(
            "[[rule]]\nid = \"house/old\"\nkind = \"existence\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m {{match}}\"\ndoc = \"d\"\ntokens = [{}]\n\n[[rule]]\nid = \"house/swap\"\nkind = \"substitution\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\ndoc = \"d\"\n{swaps}",
            tokens.join(", ")
        ),
    );
    write(dir.path(), "a.txt", "这里提到旧称099999和错词000001。\n");
    let (code, stdout, stderr) = check(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stdout.contains("house/old") && stdout.contains("house/swap"),
        "{stdout}"
    );
}

#[test]
fn a_malformed_config_is_an_error_and_other_folders_still_lint() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad/wenlint.toml", "[rules\nplaceholder = \n");
    write(dir.path(), "bad/a.txt", "请XX同志参加。\n");
    write(dir.path(), "good/b.txt", "请XX同志参加。\n");
    let (code, stdout, stderr) = check(dir.path(), &["."]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("bad/wenlint.toml"), "{stderr}");
    assert!(
        stdout.contains("good/b.txt") && !stdout.contains("bad/a.txt"),
        "{stdout}"
    );
}

#[test]
fn an_empty_file_and_a_whitespace_file_are_clean() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.txt", "");
    write(dir.path(), "blank.md", "\n\n   \n\u{3000}\n");
    let (code, _, stderr) = check(dir.path(), &["."]);
    assert_eq!(code, Some(0), "{stderr}");
}
