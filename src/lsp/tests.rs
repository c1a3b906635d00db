//! The server in process, over a connection in memory: the handshake, diagnostics on open,
//! change and close, code actions applied to the text, hover, and the config. The binary is
//! driven over standard input and output in `tests/it/lsp.rs`.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

use super::serve_on;
use crate::engine::{FixMode, Linter, Settings, Source};
use crate::lang::Lang;

const WAIT: Duration = Duration::from_secs(20);

/// The client's side of a server running in a thread.
struct Client {
    connection: Connection,
    server: Option<JoinHandle<std::io::Result<()>>>,
    next_id: i32,
    /// What the server answered to initialize.
    capabilities: Value,
}

impl Client {
    /// Starts a server and shakes hands, offering `capabilities` and `options`.
    fn start(capabilities: Value, options: Value) -> Client {
        let (server_side, connection) = Connection::memory();
        let server = std::thread::spawn(move || serve_on(&server_side, Lang::Zh));
        let mut client = Client {
            connection,
            server: Some(server),
            next_id: 0,
            capabilities: Value::Null,
        };
        let result = client.request(
            "initialize",
            json!({ "capabilities": capabilities, "initializationOptions": options }),
        );
        client.capabilities = result["capabilities"].clone();
        client.notify("initialized", json!({}));
        client
    }

    /// A client that offers nothing special: UTF-16 positions, no file creation.
    fn plain() -> Client {
        Client::start(json!({}), json!({ "debounceMs": 0 }))
    }

    fn notify(&self, method: &str, params: Value) {
        let notification = Notification::new(method.to_string(), params);
        self.connection.sender.send(notification.into()).unwrap();
    }

    /// Sends a request and returns its result, answering the server's own requests and
    /// passing over notifications meanwhile.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_string(), params);
        self.connection.sender.send(request.into()).unwrap();
        loop {
            match self.receive() {
                Message::Response(Response {
                    id: got,
                    response_result,
                }) if got == id => {
                    return response_result.unwrap_or_else(|e| panic!("{method}: {e:?}"));
                }
                Message::Request(request) => self.answer(request),
                _ => {}
            }
        }
    }

    fn answer(&self, request: Request) {
        let response = Response::new_ok(request.id, Value::Null);
        self.connection.sender.send(response.into()).unwrap();
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(WAIT)
            .expect("the server answers")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        self.published(uri)["diagnostics"]
            .as_array()
            .unwrap()
            .clone()
    }

    /// The next publication for `uri`: its diagnostics and the version they are of.
    fn published(&self, uri: &str) -> Value {
        loop {
            match self.receive() {
                Message::Notification(n)
                    if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri =>
                {
                    return n.params;
                }
                Message::Request(request) => self.answer(request),
                _ => {}
            }
        }
    }

    fn open(&self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    fn change(&self, uri: &str, version: i32, changes: Value) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": changes }),
        );
        self.diagnostics(uri)
    }

    fn actions(&mut self, uri: &str, range: &Value) -> Vec<Value> {
        let params = json!({
            "textDocument": { "uri": uri }, "range": range,
            "context": { "diagnostics": [] }
        });
        let result = self.request("textDocument/codeAction", params);
        result.as_array().cloned().unwrap_or_default()
    }

    /// Opens `text` and returns the action on its first finding whose title contains
    /// `titled`, if the server offers one.
    fn first_action(
        &mut self,
        uri: &str,
        language: &str,
        text: &str,
        titled: &str,
    ) -> Option<Value> {
        let found = self.open(uri, language, text);
        let actions = self.actions(uri, &found[0]["range"]);
        actions
            .into_iter()
            .find(|a| a["title"].as_str().unwrap().contains(titled))
    }

    fn shut_down(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().unwrap();
        server.join().unwrap().unwrap();
    }
}

fn uri_of(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

/// Applies the text edits of `action` for `uri` to `text` (last first, as they do not
/// overlap), positions in UTF-16.
fn apply(text: &str, action: &Value, uri: &str) -> String {
    let edits = action["edit"]["changes"][uri].as_array().unwrap();
    let index = super::position::LineIndex::new(text, super::position::Encoding::Utf16);
    let position = |p: &Value| {
        index.offset(
            text,
            lsp_types::Position::new(
                p["line"].as_u64().unwrap() as u32,
                p["character"].as_u64().unwrap() as u32,
            ),
        )
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                position(&e["range"]["start"]),
                position(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut text = text.to_string();
    for (start, end, new) in spans {
        text.replace_range(start..end, new);
    }
    text
}

/// What `wenlint check --fix` leaves of `text` named `name`.
fn fixed_by_check(dir: &Path, name: &str, text: &str) -> String {
    let mut linter = Linter::new(Settings {
        root: Some(dir.to_path_buf()),
        fixes: FixMode::Apply,
        ..Settings::default()
    })
    .unwrap();
    let report = linter.lint(Source::text(name, text)).unwrap();
    report.source().to_string()
}

/// The findings `wenlint check` reports for `text` named `name`.
fn findings_of(dir: &Path, name: &str, text: &str) -> Vec<crate::diagnostic::Diagnostic> {
    let mut linter = Linter::new(Settings {
        root: Some(dir.to_path_buf()),
        ..Settings::default()
    })
    .unwrap();
    linter.lint(Source::text(name, text)).unwrap().diagnostics
}

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().canonicalize().unwrap();
    (dir, path)
}

#[test]
fn the_handshake_agrees_on_positions_and_says_what_the_server_does() {
    let client = Client::start(
        json!({ "general": { "positionEncodings": ["utf-16", "utf-8"] } }),
        json!({}),
    );
    assert_eq!(client.capabilities["positionEncoding"], "utf-8");
    assert_eq!(client.capabilities["textDocumentSync"]["change"], 2);
    assert_eq!(client.capabilities["hoverProvider"], true);
    client.shut_down();
    let client = Client::plain();
    assert_eq!(client.capabilities["positionEncoding"], "utf-16");
    client.shut_down();
}

#[test]
fn findings_are_published_on_open_with_code_link_and_utf16_range() {
    let (_dir, dir) = temp();
    let uri = uri_of(&dir.join("讲话.txt"));
    let client = Client::plain();
    // An astral character before the blank: two UTF-16 units, one character.
    let found = client.open(&uri, "plaintext", "𠀋字XX同志，\n");
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["code"], "placeholder/marker");
    assert_eq!(d["source"], "wenlint");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["range"]["start"], json!({ "line": 0, "character": 3 }));
    assert_eq!(d["range"]["end"], json!({ "line": 0, "character": 5 }));
    let href = d["codeDescription"]["href"].as_str().unwrap();
    assert!(href.ends_with("docs/rules/placeholder/marker.md"), "{href}");
    client.shut_down();
}

#[test]
fn utf8_positions_count_bytes_when_agreed() {
    let (_dir, dir) = temp();
    let uri = uri_of(&dir.join("讲话.txt"));
    let client = Client::start(
        json!({ "general": { "positionEncodings": ["utf-8"] } }),
        json!({ "debounceMs": 0 }),
    );
    let found = client.open(&uri, "plaintext", "𠀋字XX同志，\n");
    assert_eq!(
        found[0]["range"]["start"],
        json!({ "line": 0, "character": 7 })
    );
    client.shut_down();
}

#[test]
fn changes_relint_and_closing_clears() {
    let (_dir, dir) = temp();
    let uri = uri_of(&dir.join("通知.txt"));
    let client = Client::plain();
    assert_eq!(client.open(&uri, "plaintext", "请于本周报送。\n").len(), 0);
    let range =
        json!({ "start": { "line": 0, "character": 2 }, "end": { "line": 0, "character": 4 } });
    let found = client.change(&uri, 2, json!([{ "range": range, "text": "X月X日" }]));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["range"]["start"]["character"], 2);
    let found = client.change(&uri, 3, json!([{ "text": "全文替换，没有问题。\n" }]));
    assert!(found.is_empty());
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(client.diagnostics(&uri).is_empty());
    client.shut_down();
}

#[test]
fn an_edit_after_a_pause_is_linted_and_a_burst_once_at_its_end() {
    let (_dir, dir) = temp();
    let uri = uri_of(&dir.join("通知.txt"));
    let client = Client::start(json!({}), json!({ "debounceMs": 400 }));
    client.open(&uri, "plaintext", "请于本周报送。\n");
    std::thread::sleep(Duration::from_millis(450));
    let typed = |version: i32, text: &str| {
        let at = json!({ "line": 0, "character": 0 });
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": { "start": at, "end": at }, "text": text }] }),
        );
    };
    typed(2, "X");
    assert_eq!(client.published(&uri)["version"], 2);
    for (version, text) in [(3, "X"), (4, "月"), (5, "X")] {
        typed(version, text);
    }
    let burst = client.published(&uri);
    assert_eq!(burst["version"], 5, "the burst is linted once, at its end");
    assert_eq!(burst["diagnostics"][0]["code"], "placeholder/marker");
    client.shut_down();
}

/// Every rule fixture: each finding with a safe fix has a quick fix whose edit gives the text
/// of applying that fix (and no other finding has one), and the fix-all action gives the
/// text `check --fix` gives.
#[test]
fn code_actions_give_the_text_of_fix() {
    let (_dir, dir) = temp();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut rules_fixed = std::collections::BTreeSet::new();
    let mut client = Client::plain();
    for entry in walkdir::WalkDir::new(&fixtures).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".fire.txt") && !name.ends_with(".fire.md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let copy = dir.join(&name);
        let uri = uri_of(&copy);
        let found = client.open(&uri, "plaintext", &text);
        let findings = findings_of(&dir, &copy.display().to_string(), &text);
        assert_eq!(found.len(), findings.len(), "{name}");
        for (d, finding) in found.iter().zip(&findings) {
            let actions = client.actions(&uri, &d["range"]);
            let quick = actions
                .iter()
                .find(|a| a["isPreferred"] == true && a["diagnostics"][0]["range"] == d["range"]);
            let Some(fix) = finding.fix.as_ref().filter(|_| finding.has_safe_fix()) else {
                assert!(quick.is_none(), "{name}: a quick fix without a safe fix");
                continue;
            };
            let quick = quick.unwrap_or_else(|| panic!("{name}: no quick fix for {d}"));
            let mut by_fix = text.clone();
            by_fix.replace_range(finding.span.clone(), &fix.replacement);
            assert_eq!(
                apply(&text, quick, &uri),
                by_fix,
                "{name}: {}",
                quick["title"]
            );
            rules_fixed.insert(finding.rule.clone());
        }
        let all = client.actions(&uri, &json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }));
        let expected = fixed_by_check(&dir, &copy.display().to_string(), &text);
        match all.iter().find(|a| a["kind"] == "source.fixAll.wenlint") {
            Some(fix_all) => assert_eq!(apply(&text, fix_all, &uri), expected, "{name}"),
            None => assert_eq!(
                expected, text,
                "{name}: check --fix changes it, no fix-all offered"
            ),
        }
        client.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
        client.diagnostics(&uri);
    }
    // Eleven rules offer safe fixes in their fixtures.
    assert!(rules_fixed.len() >= 11, "{rules_fixed:?}");
    for rule in [
        "term/typo",
        "punct/halfwidth",
        "numbering/style",
        "number/mixed",
    ] {
        assert!(
            rules_fixed.contains(rule),
            "no quick fix of {rule}: {rules_fixed:?}"
        );
    }
    client.shut_down();
}

#[test]
fn a_finding_is_silenced_by_a_comment_in_markdown() {
    let (_dir, dir) = temp();
    let uri = uri_of(&dir.join("讲话.md"));
    let mut client = Client::plain();
    let text = "# 讲话\n\n请XX同志发言。\n";
    let silence = client
        .first_action(&uri, "markdown", text, "wenlint-disable-next-line")
        .expect("a suppression action");
    let silenced = apply(text, &silence, &uri);
    assert_eq!(
        silenced,
        "# 讲话\n\n<!-- wenlint-disable-next-line placeholder/marker -->\n请XX同志发言。\n"
    );
    let found = client.change(&uri, 2, json!([{ "text": silenced }]));
    assert!(found.is_empty(), "{found:?}");
    client.shut_down();
}

#[test]
fn a_plain_text_finding_is_silenced_by_an_ignore_entry_and_the_config_relints() {
    let (_dir, dir) = temp();
    let config = dir.join("wenlint.toml");
    std::fs::write(&config, "[rules]\nduplicate = \"off\"\n").unwrap();
    let uri = uri_of(&dir.join("通知.txt"));
    let mut client = Client::plain();
    let silence = client
        .first_action(
            &uri,
            "plaintext",
            "请XX同志发言。
",
            "[[ignore]]",
        )
        .expect("an ignore action");
    let config_uri = uri_of(&config);
    let before = std::fs::read_to_string(&config).unwrap();
    let after = apply(&before, &silence, &config_uri);
    assert!(
        after.ends_with(
            "[[ignore]]\npath = \"通知.txt\"\nrule = \"placeholder/marker\"\ntext = \"XX\"\n"
        ),
        "{after}"
    );
    std::fs::write(&config, after).unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": config_uri } }),
    );
    assert!(
        client.diagnostics(&uri).is_empty(),
        "saving the config re-lints"
    );
    std::fs::write(&config, "[rules]\nplaceholder = \"warning\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let found = client.diagnostics(&uri);
    assert_eq!(found[0]["severity"], 2, "the config's severity: {found:?}");
    client.shut_down();
}

#[test]
fn without_a_config_the_entry_goes_into_a_new_one_when_the_client_can_create_it() {
    let (_dir, dir) = temp();
    let uri = uri_of(&dir.join("通知.txt"));
    let capabilities = json!({ "workspace": { "workspaceEdit": {
        "documentChanges": true, "resourceOperations": ["create"] } } });
    let mut client = Client::start(capabilities, json!({ "debounceMs": 0 }));
    let silence = client
        .first_action(
            &uri,
            "plaintext",
            "请XX同志发言。
",
            "[[ignore]]",
        )
        .expect("an ignore action");
    let operations = silence["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(operations[0]["kind"], "create");
    assert_eq!(operations[0]["uri"], uri_of(&dir.join("wenlint.toml")));
    client.shut_down();

    let mut client = Client::plain();
    let offered = client.first_action(
        &uri,
        "plaintext",
        "请XX同志发言。
",
        "[[ignore]]",
    );
    assert!(
        offered.is_none(),
        "not offered to a client that cannot create the file"
    );
    client.shut_down();
}

#[test]
fn hovering_a_finding_shows_the_rules_explanation() {
    let (_dir, dir) = temp();
    let uri = uri_of(&dir.join("通知.txt"));
    let mut client = Client::plain();
    client.open(&uri, "plaintext", "要认真布署。\n");
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 3 } }),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    let meta = crate::rules::builtin_rules()
        .find(|m| m.id == "term/typo")
        .unwrap();
    assert!(text.starts_with("**term/typo**"), "{text}");
    assert!(text.contains("建议：改为“部署”"), "{text}");
    assert!(text.contains(meta.doc().trim_end()), "{text}");
    let nothing = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(nothing, Value::Null);
    client.shut_down();
}

#[test]
fn a_wrong_config_is_shown_on_the_first_line() {
    let (_dir, dir) = temp();
    std::fs::write(
        dir.join("wenlint.toml"),
        "[rules]\nplaceholder = \"loud\"\n",
    )
    .unwrap();
    let uri = uri_of(&dir.join("通知.txt"));
    let client = Client::plain();
    let found = client.open(&uri, "plaintext", "请XX同志发言。\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["code"], "config");
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("wenlint.toml"));
    client.shut_down();
}

#[test]
fn other_files_are_not_linted_and_unknown_requests_get_an_error() {
    let (_dir, dir) = temp();
    let mut client = Client::plain();
    let rust = uri_of(&dir.join("main.rs"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": rust, "languageId": "rust", "version": 1, "text": "// XX" } }),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": rust }, "position": { "line": 0, "character": 3 } }),
    );
    assert_eq!(hover, Value::Null);
    client.next_id += 1;
    let id = RequestId::from(client.next_id);
    let request = Request::new(id, "textDocument/formatting".to_string(), json!({}));
    client.connection.sender.send(request.into()).unwrap();
    loop {
        if let Message::Response(response) = client.receive() {
            let error = response.response_result.unwrap_err();
            assert_eq!(error.code, lsp_server::ErrorCode::MethodNotFound as i32);
            break;
        }
    }
    client.shut_down();
}
