//! The formats for CI: GitHub Actions workflow commands (`--format github`) and SARIF 2.1.0
//! (`--format sarif`), checked against GitHub's escaping rules and the official SARIF schema.

use crate::common::{wenlint, write};

use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

/// Runs `wenlint check ARGS…` in `dir`: the exit code and standard output.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = wenlint()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
    )
}

fn sarif(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let (code, stdout) = run(dir, &[&["--format", "sarif"][..], args].concat());
    let log = serde_json::from_str(&stdout).expect("stdout is one JSON document");
    (code, log)
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A user rule pack whose message holds every character GitHub's commands escape.
const AWKWARD_PACK: &str = r#"[[rule]]
id = "house/awkward"
kind = "existence"
severity = "warning"
summary = "旧称"
message = "“{match}”: 占比100%, 请核对\r\n见附件"
doc = "测试用。"
tokens = ["旧称"]
"#;

#[test]
fn github_commands_are_escaped_like_the_toolkit() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "wenlint.toml", "rule_dirs = [\"house\"]\n");
    write(dir.path(), "house/house.toml", AWKWARD_PACK);
    // `%`, `:` and `,` in the file name too (Linux allows them; elsewhere a plain name).
    let name = "100%:报告,草稿.txt";
    let name = if fs::write(dir.path().join(name), "会议通知旧称为准。\n").is_ok() {
        name
    } else {
        eprintln!("this filesystem refuses `{name}`; checking a plain file name");
        write(dir.path(), "plain.txt", "会议通知旧称为准。\n");
        "plain.txt"
    };
    let (code, stdout) = run(dir.path(), &["--format", "github", name]);
    assert_eq!(code, Some(1), "a warning fails the run by default");
    let file = name
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C");
    // The exact line `@actions/core`'s `issueCommand` writes for these properties and message.
    assert_eq!(
        stdout,
        format!(
            "::warning file={file},line=1,endLine=1,col=5,endColumn=7,title=house/awkward\
             ::“旧称”: 占比100%25, 请核对%0D%0A见附件\n"
        )
    );
    if name != "plain.txt" {
        assert!(stdout.starts_with(
            "::warning file=100%25%3A报告%2C草稿.txt,line=1,endLine=1,col=5,endColumn=7,"
        ));
    }
}

/// GitHub attaches an annotation to a pull request's diff only when its path is the file's
/// path from the repository's root, without `./`: however the file was named, that is the path
/// `--format github` and SARIF give.
#[test]
fn github_and_sarif_name_files_from_the_repository_root() {
    let repo = TempDir::new().unwrap();
    fs::create_dir_all(repo.path().join(".git")).unwrap();
    write(repo.path(), "docs/d.txt", "请XX同志参加。\n");
    let docs = repo.path().join("docs");
    for (folder, name) in [
        (repo.path(), "."),
        (repo.path(), "./docs/d.txt"),
        (docs.as_path(), "d.txt"),
        (docs.as_path(), "./d.txt"),
    ] {
        let (_, out) = run(folder, &["--format", "github", name]);
        assert!(
            out.starts_with("::error file=docs/d.txt,line=1,"),
            "{name}: {out}"
        );
        let (_, log) = sarif(folder, &[name]);
        let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
            ["artifactLocation"]["uri"];
        assert_eq!(uri, "docs/d.txt", "{name}");
    }
}

#[test]
fn github_commands_match_the_json_report() {
    let dir = manifest_dir();
    let draft = "fixtures/speech-draft.txt";
    let (code, stdout) = run(dir, &["--format", "github", draft]);
    assert_eq!(code, Some(1));
    let (_, json) = run(dir, &["--format", "json", draft]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        diagnostics.len(),
        "one command per finding, no summary"
    );
    for (line, d) in lines.iter().zip(diagnostics) {
        let command = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let span = &d["span"];
        let expected = format!(
            "::{command} file={draft},line={},endLine={},col={},endColumn={},title={}::{}",
            span["start"]["line"],
            span["end"]["line"],
            span["start"]["column"],
            span["end"]["column"],
            d["rule"].as_str().unwrap(),
            github_data(d["message"].as_str().unwrap()),
        );
        assert!(line.starts_with(&expected), "{line}\n{expected}");
    }
}

/// A workflow command's message as GitHub reads it: `%`, CR and LF escaped.
fn github_data(message: &str) -> String {
    message
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[test]
fn github_commands_carry_the_fix_and_the_severity() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", "请各单位认真布署，把情况交待清楚。\n");
    let (code, stdout) = run(dir.path(), &["--format", "github", "a.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "::warning file=a.txt,line=1,endLine=1,col=7,endColumn=9,title=term/typo\
         ::“布署”应为“部署” (fix: replace with “部署”)\n\
         ::notice file=a.txt,line=1,endLine=1,col=13,endColumn=15,title=term/usage\
         ::“交待”应为“交代” (suggestion: “交代”)\n"
    );
}

/// Validates `log` against the official SARIF 2.1.0 schema: under the draft it declares
/// (draft-04), and again under draft-07, whose validators also check `format: uri-reference`.
fn assert_valid_sarif(log: &Value) {
    let errors = schema_errors(log);
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

fn schema_errors(log: &Value) -> Vec<String> {
    let schema: Value =
        serde_json::from_str(include_str!("../data/sarif-schema-2.1.0.json")).unwrap();
    let mut errors = Vec::new();
    for draft in [None, Some(jsonschema::Draft::Draft7)] {
        let mut options = jsonschema::options().should_validate_formats(true);
        if let Some(draft) = draft {
            options = options.with_draft(draft);
        }
        let validator = options.build(&schema).expect("the schema compiles");
        errors.extend(
            validator
                .iter_errors(log)
                .map(|e| format!("{draft:?}: {} at {}", e, e.instance_path())),
        );
    }
    errors
}

/// What every log must say whatever it reports.
fn assert_consistent(log: &Value) {
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "wenlint");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "{result}");
        assert!(result["partialFingerprints"]["wenlint/v1"].is_string());
    }
}

#[test]
fn sarif_of_the_sample_draft_is_valid() {
    let dir = manifest_dir();
    let (code, log) = sarif(dir, &["fixtures/speech-draft.txt"]);
    assert_eq!(code, Some(1), "exit codes do not depend on the format");
    assert_valid_sarif(&log);
    assert_consistent(&log);
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);

    // Every rule of the registry, described as `wenlint rules` and `wenlint explain` do.
    let listed = wenlint()
        .current_dir(dir)
        .args(["rules", "--format", "json"])
        .output();
    let listed: Value = serde_json::from_slice(&listed.unwrap().stdout).unwrap();
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), listed.as_array().unwrap().len());
    for (rule, listed) in rules.iter().zip(listed.as_array().unwrap()) {
        assert_eq!(rule["id"], listed["id"]);
        assert_eq!(rule["shortDescription"]["text"], listed["summary"]);
        let level = match listed["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
    }

    // Results line up with the JSON report, position for position.
    let (_, json) = run_json(dir, "fixtures/speech-draft.txt");
    let results = run["results"].as_array().unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    let source = fs::read_to_string(dir.join("fixtures/speech-draft.txt")).unwrap();
    for (result, d) in results.iter().zip(diagnostics) {
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "fixtures/speech-draft.txt"
        );
        let region = &location["region"];
        assert_eq!(region["startLine"], d["span"]["start"]["line"]);
        assert_eq!(region["startColumn"], d["span"]["start"]["column"]);
        assert_eq!(region["endLine"], d["span"]["end"]["line"]);
        assert_eq!(region["endColumn"], d["span"]["end"]["column"]);
        let start = region["byteOffset"].as_u64().unwrap() as usize;
        let length = region["byteLength"].as_u64().unwrap() as usize;
        assert_eq!(start, d["span"]["byte_start"].as_u64().unwrap() as usize);
        assert_eq!(region["snippet"]["text"], source[start..start + length]);
        assert_eq!(result["message"]["text"], d["message"]);
    }
}

fn run_json(dir: &Path, path: &str) -> (Option<i32>, Value) {
    let (code, stdout) = run(dir, &["--format", "json", path]);
    (code, serde_json::from_str(&stdout).unwrap())
}

#[test]
fn schema_validation_is_not_vacuous() {
    let (_, log) = sarif(manifest_dir(), &["fixtures/speech-draft.txt"]);
    let mut bad_level = log.clone();
    bad_level["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema_errors(&bad_level).is_empty());
    let mut bad_uri = log.clone();
    bad_uri["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"] = "a b".into();
    assert!(!schema_errors(&bad_uri).is_empty());
}

#[test]
fn sarif_with_user_packs_awkward_paths_and_stdin_is_valid() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "wenlint.toml", "rule_dirs = [\"house\"]\n");
    write(dir.path(), "house/house.toml", AWKWARD_PACK);
    write(dir.path(), "讲话 稿/a:b,c.txt", "会议通知旧称为准，XX。\n");
    let (code, log) = sarif(dir.path(), &["讲话 稿"]);
    assert_eq!(code, Some(1));
    assert_valid_sarif(&log);
    assert_consistent(&log);
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let house = rules.iter().find(|r| r["id"] == "house/awkward").unwrap();
    assert_eq!(house["shortDescription"]["text"], "旧称");
    assert_eq!(house["fullDescription"]["text"], "测试用。");
    assert_eq!(house["defaultConfiguration"]["level"], "warning");
    let uri = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "%E8%AE%B2%E8%AF%9D%20%E7%A8%BF/a%3Ab,c.txt");

    // Standard input under the same pack: its rule is described too.
    let output = wenlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "sarif",
            "--stdin-filename",
            "草稿.txt",
            "-",
        ])
        .write_stdin("会议通知旧称为准。\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&log);
    assert_consistent(&log);
}

#[test]
fn sarif_is_written_even_when_a_file_cannot_be_read() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.txt", "清洁的文本。\n");
    let (code, log) = sarif(dir.path(), &["good.txt", "missing.txt"]);
    assert_eq!(code, Some(2));
    assert_valid_sarif(&log);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
    let notifications = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(
        notifications.as_array().map(Vec::len),
        Some(1),
        "{notifications}"
    );
    assert_eq!(
        notifications[0]["message"]["text"],
        "missing.txt: 找不到该文件或目录"
    );
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "missing.txt"
    );
    assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
}

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", "会议定于X月X日召开。\n");
    write(
        dir.path(),
        "b.txt",
        "新增的第一段。\n\n会议定于X月X日召开。\n",
    );
    let (_, log) = sarif(dir.path(), &["a.txt", "b.txt"]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let fingerprint = |i: usize| results[i]["partialFingerprints"]["wenlint/v1"].clone();
    assert_eq!(results.len(), 2);
    // Different files, so different fingerprints; the same file moved keeps its own.
    assert_ne!(fingerprint(0), fingerprint(1));
    write(
        dir.path(),
        "a.txt",
        "新增的第一段。\n\n会议定于X月X日召开。\n",
    );
    let (_, moved) = sarif(dir.path(), &["a.txt"]);
    assert_eq!(
        moved["runs"][0]["results"][0]["partialFingerprints"]["wenlint/v1"],
        fingerprint(0)
    );
    assert_eq!(
        moved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
}

#[test]
fn sarif_snapshot_of_a_small_run() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a.txt",
        "关于开展安全生产大检查的通知\n\
         各单位要认真做好安全生产各项工作，切实保障人民群众生命财产安全。\n\
         会议定于X月X日召开，请各单位认真布署，把情况交待清楚。\n\
         各单位要认真做好安全生产各项工作，切实保障人民群众生命财产安全。\n\
         （一）、加强组织领导\n",
    );
    let shared = "今年以来，我们坚持问题导向，扎实推进安全生产专项整治三年行动，取得明显成效。\n";
    write(dir.path(), "b.txt", shared);
    write(dir.path(), "c.txt", shared);
    let (code, mut log) = sarif(dir.path(), &["--cross-file", "a.txt", "b.txt", "c.txt"]);
    assert_eq!(code, Some(1));
    assert_valid_sarif(&log);
    assert_consistent(&log);
    // The rule list and so the indices into it grow with every new rule, and its docs are
    // edited freely: both are checked above and left out of the snapshot, as is the version.
    let run = &mut log["runs"][0];
    run["tool"]["driver"]["version"] = "[version]".into();
    run["tool"]["driver"]["rules"] = "[every rule of the registry]".into();
    for result in run["results"].as_array_mut().unwrap() {
        result["ruleIndex"] = "[index]".into();
    }
    insta::assert_json_snapshot!("sarif_small", log);
}
