//! The API in process, request by request (tower's `oneshot`): answers, status codes, limits
//! and the guard. `tests/it/serve.rs` runs the binary over TCP and compares with the CLI.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

use super::api::App;
use super::{routes, Guard, Limits, Options};
use crate::lang::Lang;

const HOST: &str = "127.0.0.1:7878";

fn options(limits: Limits) -> Options {
    Options {
        limits,
        lang: Lang::Zh,
        config: None,
        root: std::env::temp_dir(),
    }
}

fn app(limits: Limits) -> Arc<App> {
    Arc::new(App::new(options(limits)))
}

fn router_of(app: &Arc<App>) -> Router {
    routes(Arc::clone(app), Guard::loopback(7878, Lang::Zh))
}

fn router() -> Router {
    router_of(&app(Limits::default()))
}

fn post(path: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

fn json_text(text: &str, name: &str) -> Request<Body> {
    let body = serde_json::json!({ "text": text, "name": name }).to_string();
    post("/api/check", "application/json", body)
}

/// A multipart body with the parts given, as a browser's `FormData` sends it.
fn multipart(path: &str, parts: &[(&str, Option<&str>, &[u8])]) -> Request<Body> {
    let boundary = "wenlint-test-boundary";
    let mut body = Vec::new();
    for (name, file_name, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let disposition = match file_name {
            Some(file) => format!("form-data; name=\"{name}\"; filename=\"{file}\""),
            None => format!("form-data; name=\"{name}\""),
        };
        body.extend_from_slice(format!("Content-Disposition: {disposition}\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    post(
        path,
        &format!("multipart/form-data; boundary={boundary}"),
        body,
    )
}

async fn send(router: Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes));
    });
    (status, json)
}

fn error_code(json: &Value) -> &str {
    json["error"]["code"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn pasted_text_gets_the_report_of_check() {
    let (status, json) = send(router(), json_text("定于X月X日召开会议。\n", "通知.txt")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["errors"], 1);
    let first = &json["diagnostics"][0];
    assert_eq!(first["path"], "通知.txt");
    assert_eq!(first["rule"], "placeholder/marker");
    assert_eq!(first["span"]["start"]["column"], 3);
    assert!(json.get("text").is_none(), "the text only when asked");
}

#[tokio::test]
async fn the_text_is_added_when_asked_and_the_spans_index_it() {
    let word = include_bytes!("../../fixtures/docx/draft.docx");
    let request = multipart("/api/check?text=1", &[("file", Some("draft.docx"), word)]);
    let (status, json) = send(router(), request).await;
    assert_eq!(status, StatusCode::OK);
    let text = json["text"].as_str().unwrap();
    let expected = include_str!("../../fixtures/docx/draft.expected.txt");
    assert_eq!(text.trim_end(), expected.trim_end());
    for d in json["diagnostics"].as_array().unwrap() {
        let start = d["span"]["byte_start"].as_u64().unwrap() as usize;
        let end = d["span"]["byte_end"].as_u64().unwrap() as usize;
        assert!(text.get(start..end).is_some(), "{d}");
    }
}

#[tokio::test]
async fn a_config_sent_with_the_document_is_applied() {
    let parts: [(&str, Option<&str>, &[u8]); 2] = [
        ("text", None, "定于X月X日召开会议。".as_bytes()),
        ("config", None, b"[rules]\nplaceholder = \"off\"\n"),
    ];
    let (status, json) = send(router(), multipart("/api/check", &parts)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["diagnostics"][0]["path"], Value::Null);
}

#[tokio::test]
async fn a_wrong_config_is_a_bad_request_naming_its_line() {
    let parts: [(&str, Option<&str>, &[u8]); 2] = [
        ("text", None, "正文。".as_bytes()),
        ("config", None, b"[rules]\nplaceholder = \"loud\"\n"),
    ];
    let (status, json) = send(router(), multipart("/api/check", &parts)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&json), "config");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(message.contains("wenlint.toml:2"), "{message}");
}

#[tokio::test]
async fn what_cannot_be_read_is_refused_with_a_clear_status() {
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (
            post("/api/check?name=报表.pdf", "application/pdf", "%PDF-1.4"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
        ),
        (
            post(
                "/api/check?name=a.txt",
                "application/octet-stream",
                vec![0u8, 159, 146, 150, 0, 0, 1, 2],
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unreadable",
        ),
        (
            post(
                "/api/check?name=a.docx",
                "application/octet-stream",
                b"PK\x03\x04broken".to_vec(),
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unreadable",
        ),
        (
            post("/api/check", "application/json", "{\"text\": 3}"),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            multipart("/api/check", &[("name", None, b"a.txt")]),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            multipart(
                "/api/check",
                &[("text", None, b"a"), ("file", Some("b.txt"), b"b")],
            ),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            multipart("/api/check", &[("text", None, b"a"), ("extra", None, b"b")]),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            post(
                "/api/check",
                "multipart/form-data; boundary=x",
                "not multipart",
            ),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            post(
                "/api/fix?name=a.docx",
                "application/octet-stream",
                include_bytes!("../../fixtures/docx/draft.docx").to_vec(),
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
        ),
        (
            post("/api/annotate?name=a.txt", "text/plain", "XX同志"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
        ),
        (
            post("/api/nothing", "text/plain", ""),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            Request::get("/api/check")
                .header(header::HOST, HOST)
                .body(Body::empty())
                .unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
    ];
    for (request, status, code) in cases {
        let what = format!("{} {}", request.method(), request.uri());
        let (got, json) = send(router(), request).await;
        assert_eq!((got, error_code(&json)), (status, code), "{what}: {json}");
        assert!(!json["error"]["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_in_every_shape() {
    let limits = Limits {
        max_body: 1024,
        ..Limits::default()
    };
    let big = "正文。".repeat(200);
    let requests = [
        post("/api/check?name=a.txt", "text/plain", big.clone()),
        json_text(&big, "a.txt"),
        multipart("/api/check", &[("file", Some("a.txt"), big.as_bytes())]),
    ];
    for request in requests {
        let (status, json) = send(router_of(&app(limits)), request).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{json}");
        assert_eq!(error_code(&json), "too_large");
    }
    let (status, _) = send(router_of(&app(limits)), json_text("小。", "a.txt")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_request_that_cannot_get_its_turn_in_time_is_answered_busy() {
    let limits = Limits {
        timeout: Duration::from_millis(200),
        jobs: 1,
        ..Limits::default()
    };
    let app = app(limits);
    let held = app.permits.clone().acquire_owned().await.unwrap();
    let (status, json) = send(router_of(&app), json_text("正文。", "a.txt")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(error_code(&json), "busy");
    drop(held);
    let (status, _) = send(router_of(&app), json_text("正文。", "a.txt")).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the turn comes once the permit is back"
    );
}

#[tokio::test]
async fn fix_returns_the_fixed_text_and_what_is_left() {
    let request = post(
        "/api/fix?name=讲话.txt",
        "text/plain",
        "要认真布署,抓好落实。XX同志到会。\n",
    );
    let (status, json) = send(router(), request).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["text"], "要认真部署，抓好落实。XX同志到会。\n");
    assert_eq!(json["fixes"], 2);
    let left: Vec<&str> = json["report"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(left, ["placeholder/marker"]);
}

#[tokio::test]
async fn outline_stats_and_rules_answer() {
    let text = "一、总体要求\n（一）目标。\n（三）措施。\n";
    let request = post("/api/outline?name=方案.txt", "text/plain", text);
    let (status, outline) = send(router(), request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(outline["path"], "方案.txt");
    let node = &outline["outline"][0];
    assert_eq!(node["marker"], "一、");
    assert_eq!(node["children"].as_array().unwrap().len(), 2);
    assert!(!node["children"][1]["problems"]
        .as_array()
        .unwrap()
        .is_empty());

    let request = post("/api/stats?name=方案.txt&pace=100", "text/plain", text);
    let (status, stats) = send(router(), request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(stats["pace"], 100);
    assert_eq!(stats["paragraphs"], 3);
    assert_eq!(stats["path"], "方案.txt");

    let request = Request::get("/api/rules")
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let (status, rules) = send(router(), request).await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"placeholder/marker"));
    assert_eq!(ids.len(), crate::rules::builtin_rules().count());
}

#[tokio::test]
async fn annotate_returns_the_commented_copy_as_a_download() {
    let word = include_bytes!("../../fixtures/docx/draft.docx");
    let request = multipart("/api/annotate", &[("file", Some("通知.docx"), word)]);
    let response = router().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers();
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .contains("wordprocessingml"));
    let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.ends_with("filename*=UTF-8''%E9%80%9A%E7%9F%A5.wenlint.docx"),
        "{disposition}"
    );
    let comments: usize = headers["x-wenlint-comments"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(comments > 0);
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let text = crate::read::read_bytes(&bytes, std::path::Path::new("copy.docx"))
        .unwrap()
        .text;
    let original = crate::read::read_bytes(word, std::path::Path::new("draft.docx"))
        .unwrap()
        .text;
    assert_eq!(text, original, "the copy's text is the original's");
}

#[tokio::test]
async fn the_guard_refuses_other_hosts_and_other_pages() {
    let foreign_host = Request::get("/")
        .header(header::HOST, "attacker.example:7878")
        .body(Body::empty())
        .unwrap();
    let (status, json) = send(router(), foreign_host).await;
    assert_eq!(
        (status, error_code(&json)),
        (StatusCode::FORBIDDEN, "forbidden")
    );

    let mut other_page = json_text("正文。", "a.txt");
    other_page
        .headers_mut()
        .insert(header::ORIGIN, "https://attacker.example".parse().unwrap());
    let (status, _) = send(router(), other_page).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let mut own_page = json_text("正文。", "a.txt");
    own_page
        .headers_mut()
        .insert(header::ORIGIN, format!("http://{HOST}").parse().unwrap());
    let (status, _) = send(router(), own_page).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_page_is_served_with_a_policy_that_keeps_it_local() {
    for (path, kind) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
    ] {
        let request = Request::get(path)
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap();
        let response = router().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let headers = response.headers();
        assert!(headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(kind));
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"));
        assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    }
}

/// Nothing the page loads comes from elsewhere: no address in it but its own.
#[test]
fn the_page_names_no_other_host() {
    let page = [
        include_str!("page/index.html"),
        include_str!("page/app.js"),
        include_str!("page/app.css"),
    ];
    for text in page {
        for scheme in ["http://", "https://", "//cdn", "@import"] {
            assert!(!text.contains(scheme), "the page names {scheme}");
        }
    }
}
