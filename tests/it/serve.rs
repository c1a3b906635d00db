//! `wenlint serve` as a user starts it: the binary on a free port, asked over HTTP. Its
//! answers are the bytes `wenlint check --format json` prints for the same file, its outline
//! and stats are the CLI's, and it starts only where it should.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use predicates::prelude::PredicateBooleanExt;

use crate::common::{corpus, fixture};

/// A running `wenlint serve --port 0`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
    /// Standard output, kept open as a terminal would keep it.
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Server {
    fn start(dir: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("wenlint"))
            .arg("serve")
            .args(["--port", "0"])
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("wenlint serve starts");
        let mut first = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut first).unwrap();
        assert!(first.starts_with("http://"), "first line: {first:?}");
        Server {
            child,
            url: first.trim_end().to_string(),
            _stdout: stdout,
        }
    }

    fn post(&self, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let url = format!("{}{}", self.url, path.trim_start_matches('/'));
        let mut response = agent
            .post(&url)
            .header("content-type", "application/octet-stream")
            .send(body)
            .unwrap_or_else(|e| panic!("POST {url}: {e}"));
        let status = response.status().as_u16();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_vec()
            .unwrap();
        (status, bytes)
    }

    /// Stops the server and returns what it wrote on standard error.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut stderr = String::new();
        if let Some(mut pipe) = self.child.stderr.take() {
            let _ = pipe.read_to_string(&mut stderr);
        }
        stderr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the CLI prints for `args` run in `dir` (findings exit 1, which is fine here).
fn cli(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = crate::common::wenlint()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "wenlint {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The drafts compared, copied into `dir`: the fixtures of every kind wenlint reads, a
/// GBK text, and the corpus's seed.
fn drafts(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut drafts = vec![
        fixture("speech-draft.txt"),
        fixture("docx/draft.docx"),
        fixture("doc/notice.doc"),
    ];
    match corpus() {
        Some(corpus) => drafts.push(corpus.join("seed/000_b33b4ccf6b47c0c8.txt")),
        None => eprintln!("skipped the seed draft: ../shared/corpus is absent"),
    }
    let mut copies: Vec<_> = drafts
        .iter()
        .map(|draft| {
            let copy = dir.join(draft.file_name().unwrap());
            std::fs::copy(draft, &copy).unwrap();
            copy
        })
        .collect();
    let (gbk, _, _) = encoding_rs::GBK.encode("关于X月X日召开全县大会的通知\n请各单位布署落实。\n");
    let gbk_copy = dir.join("gbk.txt");
    std::fs::write(&gbk_copy, gbk).unwrap();
    copies.push(gbk_copy);
    copies
}

#[test]
fn check_answers_with_the_bytes_of_check_format_json() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    for draft in drafts(dir.path()) {
        let name = draft.file_name().unwrap().to_str().unwrap();
        let expected = cli(dir.path(), &["check", "--format", "json", name]);
        let bytes = std::fs::read(&draft).unwrap();
        let (status, answer) = server.post(&format!("/api/check?name={name}"), &bytes);
        assert_eq!(status, 200, "{name}: {}", String::from_utf8_lossy(&answer));
        assert_eq!(
            String::from_utf8(answer).unwrap(),
            String::from_utf8(expected).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn outline_and_stats_are_those_of_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    for draft in drafts(dir.path()) {
        let name = draft.file_name().unwrap().to_str().unwrap();
        let bytes = std::fs::read(&draft).unwrap();
        for command in ["outline", "stats"] {
            let cli: serde_json::Value =
                serde_json::from_slice(&cli(dir.path(), &[command, "--format", "json", name]))
                    .unwrap();
            let (status, answer) = server.post(&format!("/api/{command}?name={name}"), &bytes);
            assert_eq!(status, 200, "{command} {name}");
            let answer: serde_json::Value = serde_json::from_slice(&answer).unwrap();
            assert_eq!(answer, cli[0], "{command} {name}");
        }
    }
}

/// Starts a server with `args`, checks a text through the address it printed (the loopback
/// address whatever it listens on), stops it and returns its standard error.
fn serve_once(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), args);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let (status, _) = server.post("/api/check?name=a.txt", "正文。".as_bytes());
    assert_eq!(status, 200);
    server.stop()
}

#[test]
fn the_server_listens_on_the_loopback_address_and_says_where() {
    assert_eq!(serve_once(&[]), "", "nothing on standard error");
}

#[test]
fn another_address_is_served_only_with_a_warning() {
    let stderr = serve_once(&["--host", "0.0.0.0"]);
    assert!(
        stderr.contains("警告") && stderr.contains("0.0.0.0"),
        "{stderr}"
    );
}

#[test]
fn a_port_in_use_or_a_wrong_config_stops_it_with_exit_code_2() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    crate::common::wenlint()
        .current_dir(dir.path())
        .args(["serve", "--port", &port])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("无法监听").and(predicates::str::contains("--port")));

    std::fs::write(
        dir.path().join("wenlint.toml"),
        "[rules]\nplaceholder = \"loud\"\n",
    )
    .unwrap();
    crate::common::wenlint()
        .current_dir(dir.path())
        .args(["serve", "--port", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("wenlint.toml"));
}
