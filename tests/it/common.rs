//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use wenlint::{Diagnostic, Linter, Position, Report, Settings, Source};

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

/// A text linted through the library, with what tests read of it.
pub struct Linted {
    /// The text the findings' spans point into.
    pub source: String,
    report: Report,
}

impl Linted {
    pub fn position(&self, byte: usize) -> Position {
        self.report.position(byte)
    }

    pub fn line_count(&self) -> usize {
        self.source.split('\n').count()
    }
}

/// Lints a fixture under the default config.
pub fn lint_fixture(relative: &str) -> (Linted, Vec<Diagnostic>) {
    let path = fixture(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()));
    lint_text(&text, &path)
}

/// Lints `text` under a config written as `toml` (as if it were `wenlint.toml` beside it).
pub fn lint_with_config(text: &str, toml: &str) -> (Linted, Vec<Diagnostic>) {
    let settings = Settings {
        config_text: Some(toml.to_string()),
        ..defaults()
    };
    lint_under(settings, text, Path::new("a.txt"))
}

/// Lints `text` as a file called `name` (its extension tells Markdown from plain text) under
/// the default config.
pub fn lint_text(text: &str, name: impl AsRef<Path>) -> (Linted, Vec<Diagnostic>) {
    lint_under(defaults(), text, name.as_ref())
}

/// The settings of a run with the default config, whatever config the repository has.
fn defaults() -> Settings {
    Settings {
        config_text: Some(String::new()),
        root: Some(PathBuf::from(env!("CARGO_MANIFEST_DIR"))),
        ..Settings::default()
    }
}

fn lint_under(settings: Settings, text: &str, name: &Path) -> (Linted, Vec<Diagnostic>) {
    let mut linter = Linter::new(settings).unwrap_or_else(|e| panic!("config does not parse: {e}"));
    let mut report = linter
        .lint(Source::text(name.display().to_string(), text))
        .unwrap_or_else(|e| panic!("cannot lint: {e}"));
    let diagnostics = std::mem::take(&mut report.diagnostics);
    let linted = Linted {
        source: report.source().to_string(),
        report,
    };
    (linted, diagnostics)
}

/// One line per diagnostic, `line:column rule “flagged text”`: what snapshots record.
pub fn listing(doc: &Linted, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let at = doc.position(d.span.start);
            format!(
                "{}:{} {} “{}”\n",
                at.line,
                at.column,
                d.rule,
                &doc.source[d.span.clone()]
            )
        })
        .collect()
}

/// `../shared/corpus`, when it is there.
pub fn corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    path.is_dir().then_some(path)
}

/// `(rule, start line)` of each diagnostic of a JSON report.
pub fn rules_and_lines(report: &serde_json::Value) -> Vec<(String, u64)> {
    report["diagnostics"]
        .as_array()
        .expect("a JSON report has diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["span"]["start"]["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

/// The binary under test, without the user's `NO_COLOR` and `COLUMNS`.
pub fn wenlint() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("wenlint").expect("the binary is built");
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    cmd
}

/// Writes a file under `dir`, creating its folders.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a file has a folder")).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// The `path` of each diagnostic of a JSON report.
pub fn paths_of(report: &serde_json::Value) -> Vec<&str> {
    report["diagnostics"]
        .as_array()
        .expect("a JSON report has diagnostics")
        .iter()
        .map(|d| d["path"].as_str().unwrap_or_default())
        .collect()
}

/// Every `.txt` and `.md` file below `folder`, in name order.
pub fn text_files(folder: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "txt" || ext == "md")
        })
        .collect()
}

/// A small deterministic generator (xorshift64*): the same plants on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A text from `tests/data/` with spans marked by hand as `⟦…⟧` (blanks, wrong
/// self-references), after its `# key: value` header lines.
pub struct Marked {
    pub name: String,
    /// The header lines without their `# `.
    pub header: Vec<String>,
    pub text: String,
    pub marked: Vec<std::ops::Range<usize>>,
}

impl Marked {
    /// The value of header line `key` (`identity` in `# identity: 区 -`).
    pub fn header_value(&self, key: &str) -> Option<&str> {
        self.header
            .iter()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix(": "))
    }
}

/// Reads a marked text: `# ` header lines, then the text with each marked span as `⟦…⟧`.
pub fn read_marked(path: &Path) -> Marked {
    let raw = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = raw.split_inclusive('\n').peekable();
    let mut header = Vec::new();
    while let Some(line) = lines.next_if(|line| line.starts_with("# ")) {
        header.push(line.trim_end()[2..].to_string());
    }
    let body: String = lines.collect();
    let mut text = String::with_capacity(body.len());
    let mut marked = Vec::new();
    let mut open = None;
    for c in body.chars() {
        match c {
            '⟦' => {
                assert!(open.is_none(), "{}: nested ⟦", path.display());
                open = Some(text.len());
            }
            '⟧' => {
                let start = open
                    .take()
                    .unwrap_or_else(|| panic!("{}: ⟧ without ⟦", path.display()));
                marked.push(start..text.len());
            }
            _ => text.push(c),
        }
    }
    assert!(open.is_none(), "{}: ⟦ not closed", path.display());
    Marked {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        header,
        text,
        marked,
    }
}

/// Every `.txt` of a folder of marked texts (relative to the crate), in name order.
pub fn read_marked_set(folder: &str) -> Vec<Marked> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| read_marked(p)).collect()
}

/// How a family's findings on marked texts meet the marks: a finding is right when it
/// overlaps a marked span, and a span is found when a finding overlaps it.
#[derive(Default)]
pub struct MarkScore {
    pub marked: usize,
    pub found: usize,
    pub findings: usize,
    pub right: usize,
    /// Each miss and false alarm, as `name:line:column “text”`.
    pub notes: Vec<String>,
}

impl MarkScore {
    /// Lints `text` and scores the findings of the rules whose id starts with `family`.
    pub fn add(&mut self, text: &Marked, family: &str) {
        self.add_where(text, family, |_| true);
    }

    /// Like [`MarkScore::add`], scoring only the findings `scored` accepts: those about
    /// what the marked set can judge.
    pub fn add_where(&mut self, text: &Marked, family: &str, scored: impl Fn(&Diagnostic) -> bool) {
        let (doc, diagnostics) = lint_text(&text.text, "a.txt");
        let findings: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.rule.starts_with(family) && scored(d))
            .collect();
        let overlaps = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
            a.start < b.end && b.start < a.end
        };
        let at = |span: &std::ops::Range<usize>| {
            let p = doc.position(span.start);
            let quoted = &text.text[span.clone()];
            format!("{}:{}:{} “{quoted}”", text.name, p.line, p.column)
        };
        self.marked += text.marked.len();
        for mark in &text.marked {
            if findings.iter().any(|d| overlaps(&d.span, mark)) {
                self.found += 1;
            } else {
                self.notes.push(format!("missed {}", at(mark)));
            }
        }
        self.findings += findings.len();
        for finding in findings {
            if text.marked.iter().any(|m| overlaps(&finding.span, m)) {
                self.right += 1;
            } else {
                let (rule, message) = (&finding.rule, &finding.message);
                let at = at(&finding.span);
                self.notes
                    .push(format!("false alarm {at} {rule}: {message}"));
            }
        }
    }

    pub fn recall(&self) -> f64 {
        self.found as f64 / self.marked.max(1) as f64
    }

    pub fn precision(&self) -> f64 {
        self.right as f64 / self.findings.max(1) as f64
    }
}

/// Runs `wenlint check --format json ARGS…` in `dir`: the exit code and the report.
pub fn check_json(dir: &Path, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let output = wenlint()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON document"),
    )
}

/// Runs `wenlint check --fix` on the Word files `names` in `dir`: they are linted (the exit
/// code follows their findings), the note says how many were not rewritten, and each keeps
/// its bytes. Returns what the run printed.
pub fn fix_leaves_word_files_alone(dir: &Path, names: &[&str]) -> String {
    let before: Vec<Vec<u8>> = names
        .iter()
        .map(|name| std::fs::read(dir.join(name)).unwrap())
        .collect();
    let output = wenlint()
        .current_dir(dir)
        .args(["check", "--fix"])
        .args(names)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "the exit code follows the findings"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let note = format!("{} 个 Word 文件只检查、不改写", names.len());
    assert!(stderr.contains(&note), "{stderr}");
    for (name, bytes) in names.iter().zip(before) {
        assert_eq!(std::fs::read(dir.join(name)).unwrap(), bytes, "{name}");
    }
    String::from_utf8(output.stdout).unwrap()
}

/// Converts `files` (paths from `dir`) to `format` with LibreOffice, into `outdir`, in one call
/// and with a profile of its own, so that another LibreOffice running at the time does not take
/// the job over. `false`, with a message that the test skipped `what`, when LibreOffice is not
/// installed, which CI does not allow (`.ci/run` installs it).
pub fn soffice_convert<F: AsRef<std::ffi::OsStr>>(
    dir: &Path,
    format: &str,
    outdir: &Path,
    files: &[F],
    what: &str,
) -> bool {
    let version = std::process::Command::new("soffice")
        .arg("--version")
        .output();
    if !version.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs LibreOffice (.ci/run)"
        );
        eprintln!("skipped: soffice not found, so {what}");
        return false;
    }
    let profile = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(outdir)
        .args(files)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    true
}
