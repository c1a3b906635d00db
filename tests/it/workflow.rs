//! The README's GitHub Actions workflow is there to be copied as it is: it parses as YAML, runs
//! on pushes and pull requests with the permissions upload-sarif needs, installs the pinned
//! wenlint with `--locked` behind a cache, and its annotation and SARIF steps keep wenlint's
//! exit codes (findings fail the job; a SARIF file that could not be made fails it too), which
//! is checked by running those steps' shell lines as GitHub runs them.

use std::path::Path;
use std::process::{Command, Output};

use yaml_rust2::{Yaml, YamlLoader};

use crate::common;

const FIRST_LINE: &str = "# .github/workflows/wenlint.yml\n";

/// The README's YAML block that starts with [`FIRST_LINE`], parsed.
fn workflow() -> Yaml {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("the README is readable");
    let block = readme
        .split_once(&format!("```yaml\n{FIRST_LINE}"))
        .and_then(|(_, rest)| rest.split_once("\n```\n"))
        .map(|(block, _)| block)
        .expect("the README has a ```yaml block that starts with the workflow's file name");
    let mut documents = YamlLoader::load_from_str(block)
        .unwrap_or_else(|e| panic!("the README's workflow is not YAML: {e}"));
    assert_eq!(
        documents.len(),
        1,
        "the README's workflow is one YAML document"
    );
    documents.remove(0)
}

fn text<'a>(yaml: &'a Yaml, key: &str) -> &'a str {
    yaml[key].as_str().unwrap_or("")
}

/// The one job of the workflow and its steps.
fn steps(workflow: &Yaml) -> (&Yaml, &[Yaml]) {
    let jobs = workflow["jobs"].as_hash().expect("the workflow has jobs");
    assert_eq!(jobs.len(), 1, "the workflow has one job");
    let job = jobs.values().next().unwrap();
    let steps = job["steps"].as_vec().expect("the job has steps");
    (job, steps)
}

/// What a step is looked for by: the action it uses, or words its shell line holds.
#[derive(Debug)]
enum Want<'a> {
    Uses(&'a str),
    Runs(&'a [&'a str]),
}

impl Want<'_> {
    fn matches(&self, step: &Yaml) -> bool {
        match self {
            Want::Uses(action) => text(step, "uses").starts_with(&format!("{action}@")),
            Want::Runs(words) => words.iter().all(|w| text(step, "run").contains(w)),
        }
    }
}

/// The index of the first step after `after` that is what is wanted.
fn find(steps: &[Yaml], after: Option<usize>, want: Want) -> usize {
    let from = after.map_or(0, |index| index + 1);
    match steps[from..].iter().position(|step| want.matches(step)) {
        Some(offset) => from + offset,
        None => panic!("no step {want:?} after step {from} of the workflow: {steps:#?}"),
    }
}

/// The file a shell line writes with `> FILE`.
fn redirect_target(run: &str) -> &str {
    let (_, rest) = run
        .split_once('>')
        .expect("the SARIF step writes a file with `>`");
    rest.split_whitespace()
        .next()
        .expect("a file name after `>`")
}

#[test]
fn the_workflow_runs_on_pushes_and_pull_requests_with_the_permissions_upload_sarif_needs() {
    let workflow = workflow();
    let triggers: Vec<&str> = match &workflow["on"] {
        Yaml::String(event) => vec![event.as_str()],
        Yaml::Array(events) => events.iter().filter_map(Yaml::as_str).collect(),
        Yaml::Hash(events) => events.keys().filter_map(Yaml::as_str).collect(),
        other => panic!("the workflow's `on` is {other:?}"),
    };
    for event in ["push", "pull_request"] {
        assert!(
            triggers.contains(&event),
            "not run on {event}: {triggers:?}"
        );
    }

    // A job's own permissions replace the workflow's.
    let (job, _) = steps(&workflow);
    let permissions = if job["permissions"].is_badvalue() {
        &workflow["permissions"]
    } else {
        &job["permissions"]
    };
    for (scope, access) in [
        ("contents", "read"),
        ("security-events", "write"),
        ("actions", "read"),
    ] {
        assert_eq!(
            text(permissions, scope),
            access,
            "the permission {scope} is not {access}: {permissions:?}"
        );
    }

    let env = &workflow["env"];
    assert!(
        !text(env, "WENLINT_GIT").is_empty(),
        "the workflow's env names WENLINT_GIT"
    );
    assert_eq!(
        text(env, "WENLINT_VERSION"),
        env!("CARGO_PKG_VERSION"),
        "the README's workflow installs the version of Cargo.toml"
    );
}

#[test]
fn the_steps_install_a_pinned_wenlint_then_annotate_then_upload_every_finding() {
    let workflow = workflow();
    let (_, steps) = steps(&workflow);
    let checkout = find(steps, None, Want::Uses("actions/checkout"));
    let cache = find(steps, Some(checkout), Want::Uses("actions/cache"));
    let cached = &steps[cache]["with"];
    assert!(
        text(cached, "path").contains("~/.cargo/bin/wenlint"),
        "the cache keeps the binary: {cached:?}"
    );
    assert!(
        text(cached, "key").contains("WENLINT_VERSION"),
        "the cache is keyed on the version: {cached:?}"
    );
    let cache_id = text(&steps[cache], "id");
    assert!(!cache_id.is_empty(), "the cache step has an id");

    let install_words = [
        "cargo install",
        "--locked",
        "--git",
        "--tag",
        "WENLINT_GIT",
        "WENLINT_VERSION",
    ];
    let install = find(steps, Some(cache), Want::Runs(&install_words));
    assert_eq!(
        text(&steps[install], "if"),
        format!("steps.{cache_id}.outputs.cache-hit != 'true'"),
        "the install runs only on a cache miss"
    );

    let github = find(
        steps,
        Some(install),
        Want::Runs(&["wenlint check --format github"]),
    );
    let annotations = &steps[github];
    assert!(
        !text(annotations, "run").contains("||") && annotations["continue-on-error"].is_badvalue(),
        "findings fail the job at the annotations step: {annotations:?}"
    );

    let sarif = find(
        steps,
        Some(github),
        Want::Runs(&["wenlint check --format sarif"]),
    );
    assert_eq!(text(&steps[sarif], "if"), "always()");
    let sarif_file = redirect_target(text(&steps[sarif], "run"));

    let upload = find(
        steps,
        Some(sarif),
        Want::Uses("github/codeql-action/upload-sarif"),
    );
    assert_eq!(text(&steps[upload], "if"), "always()");
    assert_eq!(text(&steps[upload]["with"], "sarif_file"), sarif_file);
}

/// Runs a step's `run` in `folder` as GitHub's default shell on Linux does, with the wenlint
/// under test first on the PATH.
fn run_step(step: &Yaml, folder: &Path) -> Output {
    let binary = Path::new(env!("CARGO_BIN_EXE_wenlint"));
    let path = std::env::join_paths(
        std::iter::once(binary.parent().unwrap().to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .unwrap();
    Command::new("bash")
        .args([
            "--noprofile",
            "--norc",
            "-eo",
            "pipefail",
            "-c",
            text(step, "run"),
        ])
        .current_dir(folder)
        .env("PATH", path)
        .env_remove("NO_COLOR")
        .output()
        .expect("bash runs")
}

#[test]
fn the_annotation_and_sarif_steps_keep_wenlints_exit_codes() {
    let workflow = workflow();
    let (_, steps) = steps(&workflow);
    let step = |words: &str| {
        steps
            .iter()
            .find(|s| text(s, "run").contains(words))
            .unwrap_or_else(|| panic!("a step runs {words}"))
    };
    let annotations = step("--format github");
    let sarif = step("--format sarif");
    let sarif_file = redirect_target(text(sarif, "run"));

    // Findings: the annotations step fails the job, the SARIF step writes them all and passes.
    let drafts = tempfile::tempdir().unwrap();
    common::write(drafts.path(), "通知.txt", "请XX同志参加。\n");
    let annotated = run_step(annotations, drafts.path());
    assert_eq!(annotated.status.code(), Some(1), "{annotated:?}");
    let stdout = String::from_utf8_lossy(&annotated.stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "{stdout}"
    );
    let written = run_step(sarif, drafts.path());
    assert_eq!(written.status.code(), Some(0), "{written:?}");
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(drafts.path().join(sarif_file)).unwrap())
            .expect("the SARIF step writes JSON");
    let results = log["runs"][0]["results"].as_array().expect("SARIF results");
    assert!(
        results.iter().any(|r| r["ruleId"] == "placeholder/marker"),
        "{results:?}"
    );

    // A clean draft: both steps pass.
    let clean = tempfile::tempdir().unwrap();
    common::write(clean.path(), "通知.txt", "请各部门负责同志参加。\n");
    assert_eq!(run_step(annotations, clean.path()).status.code(), Some(0));
    assert_eq!(run_step(sarif, clean.path()).status.code(), Some(0));

    // Exit code 2 (here a config that is not TOML) is not taken for findings by the SARIF step.
    let broken = tempfile::tempdir().unwrap();
    common::write(broken.path(), "通知.txt", "请XX同志参加。\n");
    common::write(broken.path(), "wenlint.toml", "this is = = not TOML\n");
    let failed = run_step(sarif, broken.path());
    assert!(!failed.status.success(), "{failed:?}");
}
