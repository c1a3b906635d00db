//! `wenlint lsp` as an editor runs it: the binary over standard input and output. On the seed
//! draft the diagnostics it publishes are the findings of `wenlint check --format json`, at
//! the same places in UTF-16 positions; a change re-lints; a code action's edit is the fix;
//! shutdown and exit end it with 0. Then a real editor, headless Neovim, reads them back.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use lsp_server::{Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

use crate::common::{corpus, fixture};

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i32,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("wenlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("wenlint lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut server = Server {
            child,
            stdin,
            stdout,
            next_id: 0,
        };
        let result = server.request(
            "initialize",
            json!({ "capabilities": {},
            "initializationOptions": { "debounceMs": 0 } }),
        );
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        server.notify("initialized", json!({}));
        server
    }

    fn send(&mut self, message: Message) {
        message.write(&mut self.stdin).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Notification::new(method.to_string(), params).into());
    }

    fn receive(&mut self) -> Message {
        Message::read(&mut self.stdout)
            .unwrap()
            .expect("the server is still talking")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.to_string(), params).into());
        loop {
            if let Message::Response(Response {
                id: got,
                response_result,
            }) = self.receive()
            {
                if got == id {
                    return response_result.unwrap_or_else(|e| panic!("{method}: {e:?}"));
                }
            }
        }
    }

    /// The next diagnostics published for `uri`, with the version they are of.
    fn diagnostics(&mut self, uri: &str) -> (Vec<Value>, Value) {
        loop {
            if let Message::Notification(n) = self.receive() {
                if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri {
                    let found = n.params["diagnostics"].as_array().unwrap().clone();
                    return (found, n.params["version"].clone());
                }
            }
        }
    }

    fn shut_down(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "exit status {status}");
    }
}

/// The draft checked: the corpus's seed, or the sample draft without the corpus.
fn draft() -> PathBuf {
    match corpus() {
        Some(corpus) => corpus.join("seed/000_b33b4ccf6b47c0c8.txt"),
        None => {
            eprintln!("../shared/corpus is absent: the sample draft stands in for the seed");
            fixture("speech-draft.txt")
        }
    }
}

fn uri_of(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

/// A CLI position (1-based line, column in characters) as an LSP one (0-based, UTF-16).
fn lsp_position(text: &str, position: &Value) -> Value {
    let line = position["line"].as_u64().unwrap() as usize - 1;
    let column = position["column"].as_u64().unwrap() as usize - 1;
    let units: usize = text
        .split('\n')
        .nth(line)
        .unwrap_or_default()
        .chars()
        .take(column)
        .map(char::len_utf16)
        .sum();
    json!({ "line": line, "character": units })
}

fn check_json(dir: &Path, name: &str) -> Vec<Value> {
    let output = crate::common::wenlint()
        .current_dir(dir)
        .args(["check", "--format", "json", name])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["diagnostics"].as_array().unwrap().clone()
}

/// `(rule, severity, range)` of each finding as the CLI reports it, in LSP terms.
fn expected(text: &str, findings: &[Value]) -> Vec<(String, u64, Value)> {
    let severity = |s: &Value| match s.as_str().unwrap() {
        "error" => 1,
        "warning" => 2,
        _ => 3,
    };
    findings
        .iter()
        .map(|d| {
            let range = json!({
                "start": lsp_position(text, &d["span"]["start"]),
                "end": lsp_position(text, &d["span"]["end"]),
            });
            (
                d["rule"].as_str().unwrap().to_string(),
                severity(&d["severity"]),
                range,
            )
        })
        .collect()
}

fn published(found: &[Value]) -> Vec<(String, u64, Value)> {
    found
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_u64().unwrap(),
                d["range"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_seed_gets_the_findings_of_check_then_a_change_and_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft();
    let name = draft.file_name().unwrap().to_str().unwrap();
    let copy = dir.path().canonicalize().unwrap().join(name);
    std::fs::copy(&draft, &copy).unwrap();
    let text = std::fs::read_to_string(&copy).unwrap();
    let uri = uri_of(&copy);
    let mut server = Server::start();
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
    );
    let (found, version) = server.diagnostics(&uri);
    assert_eq!(version, 1);
    let cli = check_json(dir.path(), name);
    assert!(!cli.is_empty());
    assert_eq!(
        published(&found),
        expected(&text, &cli),
        "the seed's findings"
    );

    // A code action on the first finding with a safe fix: its edit is that fix.
    let (index, fixable) = cli
        .iter()
        .enumerate()
        .find(|(_, d)| d["fix"]["applicability"] == "safe")
        .expect("the draft has a safe fix");
    let range = &found[index]["range"];
    let actions = server.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } }),
    );
    let quick = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a quick fix");
    let edit = &quick["edit"]["changes"][&uri][0];
    assert_eq!(&edit["range"], range);
    assert_eq!(edit["newText"], fixable["fix"]["replacement"]);

    // The change the editor sends when the fix is applied: re-linted as a file would be.
    let start = fixable["span"]["byte_start"].as_u64().unwrap() as usize;
    let end = fixable["span"]["byte_end"].as_u64().unwrap() as usize;
    let replacement = fixable["fix"]["replacement"].as_str().unwrap();
    let changed = format!("{}{replacement}{}", &text[..start], &text[end..]);
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": range, "text": replacement }] }),
    );
    let (found, version) = server.diagnostics(&uri);
    assert_eq!(version, 2);
    std::fs::write(&copy, &changed).unwrap();
    let cli = check_json(dir.path(), name);
    assert_eq!(published(&found), expected(&changed, &cli), "after the fix");
    server.shut_down();
}

/// Neovim as the client: it starts the server, opens a draft and reads the diagnostics back
/// (as Neovim keeps them: 0-based lines, byte columns), which must be the CLI's findings.
#[test]
fn neovim_shows_the_findings_of_check() {
    let Some(nvim) = which("nvim") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but nvim is missing (.ci/run installs neovim)"
        );
        eprintln!("skipped: nvim is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("draft.txt");
    std::fs::copy(fixture("speech-draft.txt"), &copy).unwrap();
    let text = std::fs::read_to_string(&copy).unwrap();
    let out = dir.path().join("diagnostics.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/diagnostics.lua");
    let status = Command::new(nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n"])
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .arg(&copy)
        .current_dir(dir.path())
        .env("WENLINT", assert_cmd::cargo::cargo_bin!("wenlint"))
        .env("OUT", &out)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "nvim: {status}");
    let shown: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let mut shown: Vec<(u64, u64, String)> = shown
        .iter()
        .map(|d| {
            (
                d["lnum"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
                d["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .collect();
    let mut cli: Vec<(u64, u64, String)> = check_json(dir.path(), "draft.txt")
        .iter()
        .map(|d| {
            let line = d["span"]["start"]["line"].as_u64().unwrap() - 1;
            let byte = d["span"]["byte_start"].as_u64().unwrap() as usize;
            let column = byte - line_starts[line as usize];
            (line, column as u64, d["rule"].as_str().unwrap().to_string())
        })
        .collect();
    shown.sort();
    cli.sort();
    assert!(!cli.is_empty());
    assert_eq!(shown, cli, "Neovim's diagnostics (line, byte column, rule)");
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|path| path.is_file())
}
