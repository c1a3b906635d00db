//! The endpoints. Each reads its document, then does the work on a blocking thread, at most
//! `jobs` at once and within the time limit, through the same engine as `wenlint check`.

use std::sync::Arc;

use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::Semaphore;
use tokio::time::{timeout_at, Instant};

use super::reply::ApiError;
use super::upload::Upload;
use super::Options;
use crate::annotate::{annotate as annotate_docx, refuse_unless_docx};
use crate::engine::{load_document, FixMode, Linter, Report, Settings};
use crate::lang::{Lang, Text};
use crate::output::{self, OutputFormat};
use crate::stats;

/// What every request shares: the options the server was started with, and the permits
/// that bound how many documents are checked at once.
pub(crate) struct App {
    options: Options,
    pub(super) permits: Arc<Semaphore>,
}

pub(crate) type Shared = Arc<App>;

impl App {
    pub fn new(options: Options) -> App {
        let permits = Arc::new(Semaphore::new(options.limits.jobs.max(1)));
        App { options, permits }
    }

    fn lang(&self) -> Lang {
        self.options.lang
    }

    pub(super) fn limits(&self) -> super::Limits {
        self.options.limits
    }

    /// Runs `job` on a blocking thread once a permit is free. The request is answered with
    /// an error when the time limit passes first; a job already running then finishes in
    /// the background, still holding its permit, so at most `jobs` ever run.
    async fn work<T: Send + 'static>(
        self: &Arc<Self>,
        job: impl FnOnce(&App) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let limit = self.options.limits.timeout;
        let deadline = Instant::now() + limit;
        let permit = match timeout_at(deadline, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            _ => return Err(ApiError::busy()),
        };
        let app = Arc::clone(self);
        let handle = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            job(&app)
        });
        match timeout_at(deadline, handle).await {
            Err(_) => Err(ApiError::timeout(limit.as_secs())),
            Ok(Err(_panicked)) => Err(ApiError::internal()),
            Ok(Ok(result)) => result,
        }
    }

    fn settings(&self, config_text: Option<String>, fixes: FixMode) -> Settings {
        Settings {
            config: self.options.config.clone(),
            config_text,
            root: Some(self.options.root.clone()),
            fixes,
            ..Settings::default()
        }
    }

    fn lint(&self, upload: &Upload, fixes: FixMode) -> Result<Report, ApiError> {
        let engine = |e| ApiError::from_engine(e, self.lang());
        let mut linter =
            Linter::new(self.settings(upload.config.clone(), fixes)).map_err(engine)?;
        linter.lint(upload.source()).map_err(engine)
    }
}

/// The JSON report of `wenlint check --format json` for one report, byte for byte.
fn report_bytes(report: &Report) -> Vec<u8> {
    let mut json = Vec::new();
    output::write_reports(std::slice::from_ref(report), OutputFormat::Json, &mut json)
        .expect("writing to memory");
    json
}

/// The report as a value, to be part of a larger answer.
fn report_json(report: &Report) -> Value {
    serde_json::from_slice(&report_bytes(report)).expect("the JSON format writes JSON")
}

/// The report with the checked text as a last member, `"text"`: the report's object is
/// closed by its last `}`, so the member goes before it.
fn with_text(mut json: Vec<u8>, text: &str) -> Vec<u8> {
    let end = json
        .iter()
        .rposition(|&b| b == b'}')
        .expect("the report is an object");
    json.truncate(end);
    while json.last().is_some_and(u8::is_ascii_whitespace) {
        json.pop();
    }
    json.extend_from_slice(b",\n  \"text\": ");
    serde_json::to_writer(&mut json, text).expect("writing to memory");
    json.extend_from_slice(b"\n}\n");
    json
}

/// Reads the document of `request`, runs `job` on it in its turn, and answers; errors in
/// the server's language.
async fn on_upload(
    app: Shared,
    request: Request,
    job: impl FnOnce(&App, Upload) -> Result<Response, ApiError> + Send + 'static,
) -> Response {
    let result = async {
        let upload = Upload::read(request, app.limits().max_body).await?;
        app.work(move |app| job(app, upload)).await
    };
    result.await.unwrap_or_else(|e| e.response(app.lang()))
}

fn json_bytes(json: Vec<u8>) -> Response {
    let json_type = HeaderValue::from_static("application/json");
    ([(header::CONTENT_TYPE, json_type)], json).into_response()
}

#[derive(Deserialize, Default)]
pub(crate) struct CheckQuery {
    /// `?text=1` adds the checked text (`"text"`), which the spans index: the page shows it,
    /// a Word file's paragraphs or a GBK file decoded.
    text: Option<String>,
}

/// `POST /api/check`: the JSON report of `wenlint check --format json`.
pub(crate) async fn check(
    State(app): State<Shared>,
    Query(query): Query<CheckQuery>,
    request: Request,
) -> Response {
    let wants_text = query.text.is_some_and(|v| v != "0" && v != "false");
    on_upload(app, request, move |app, upload| {
        let report = app.lint(&upload, FixMode::Report)?;
        let json = report_bytes(&report);
        Ok(json_bytes(if wants_text {
            with_text(json, report.source())
        } else {
            json
        }))
    })
    .await
}

/// `POST /api/fix`: the text with every safe fix applied (`wenlint check --fix`), how many
/// were applied, and the report of what is left. Text and Markdown only: Word files are
/// never rewritten.
pub(crate) async fn fix(State(app): State<Shared>, request: Request) -> Response {
    on_upload(app, request, |app, upload| {
        if upload.is_word() {
            return Err(word_not_fixed());
        }
        let report = app.lint(&upload, FixMode::Apply)?;
        if report.word_not_rewritten {
            return Err(word_not_fixed());
        }
        Ok(Json(serde_json::json!({
            "name": report.name,
            "text": report.source(),
            "fixes": report.fixes,
            "report": report_json(&report),
        }))
        .into_response())
    })
    .await
}

fn word_not_fixed() -> ApiError {
    ApiError::unsupported(Text::new(
        "Word 文件不在这里改写：请下载带批注的副本，在 Word 或 WPS 中逐条修改",
        "Word files are not rewritten here: download the commented copy and fix it in Word or WPS",
    ))
}

/// `POST /api/annotate`: the commented copy of a .docx (`wenlint annotate`).
pub(crate) async fn annotate(State(app): State<Shared>, request: Request) -> Response {
    on_upload(app, request, |app, upload| {
        let lang = app.lang();
        refuse_unless_docx(&upload.name, &upload.bytes)
            .map_err(|e| ApiError::unsupported(reason_of(&e)))?;
        let report = app.lint(&upload, FixMode::Report)?;
        let annotated = annotate_docx(&upload.bytes, &report, lang).map_err(|reason| {
            ApiError::from_engine(crate::error::Error::file(&upload.name, reason), lang)
        })?;
        let comments = annotated.in_body + usize::from(annotated.gathered > 0);
        let mut response = annotated.bytes.into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(DOCX_TYPE));
        if let Ok(value) = HeaderValue::from_str(&attachment(&copy_name(&upload.name))) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        headers.insert("x-wenlint-comments", HeaderValue::from(comments));
        Ok(response)
    })
    .await
}

const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn reason_of(error: &crate::error::Error) -> Text {
    Text::new(error.reason(Lang::Zh), error.reason(Lang::En))
}

/// `通知.docx` → `通知.wenlint.docx`, as `wenlint annotate` names its copy.
fn copy_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    format!("{stem}.wenlint.docx")
}

/// A `Content-Disposition` for a file name in any script (RFC 6266: an ASCII fallback, and
/// the name itself percent-encoded as UTF-8).
fn attachment(name: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const KEPT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'.').remove(b'-').remove(b'_');
    let plain = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ".-_ ".contains(c));
    let fallback = if plain { name } else { "wenlint.docx" };
    let encoded = utf8_percent_encode(name, KEPT);
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// The document of an upload, for the commands that show its structure.
fn document(app: &App, upload: &Upload) -> Result<crate::document::Document, ApiError> {
    load_document(&upload.source()).map_err(|e| ApiError::from_engine(e, app.lang()))
}

/// `POST /api/outline`: the heading tree, as `wenlint outline --format json` gives it for
/// one file.
pub(crate) async fn outline(State(app): State<Shared>, request: Request) -> Response {
    on_upload(app, request, |app, upload| {
        let doc = document(app, &upload)?;
        Ok(Json(output::outline::json(&upload.name, &doc)).into_response())
    })
    .await
}

#[derive(Deserialize, Default)]
pub(crate) struct StatsQuery {
    /// Characters a minute for the speaking time.
    pace: Option<u32>,
}

/// `POST /api/stats[?pace=N]`: the counts of `wenlint stats --format json` for one file.
pub(crate) async fn stats(
    State(app): State<Shared>,
    Query(query): Query<StatsQuery>,
    request: Request,
) -> Response {
    let pace = query.pace.filter(|&p| p > 0).unwrap_or(stats::DEFAULT_PACE);
    on_upload(app, request, move |app, upload| {
        let doc = document(app, &upload)?;
        let mut json = serde_json::to_value(stats::of(&doc, pace)).expect("the stats serialise");
        json["path"] = Value::from(upload.name.as_str());
        Ok(Json(json).into_response())
    })
    .await
}

/// `GET /api/rules`: every rule with the severity the server's config gives it, as
/// `wenlint rules --format json`.
pub(crate) async fn rules(State(app): State<Shared>) -> Response {
    let result = app
        .work(|app| {
            let mut linter = Linter::new(app.settings(None, FixMode::Report))
                .map_err(|e| ApiError::from_engine(e, app.lang()))?;
            let config = linter
                .root_config()
                .map_err(|e| ApiError::from_engine(e, app.lang()))?;
            let config = config
                .unwrap_or_else(|| Arc::new(crate::config::Config::defaults(&app.options.root)));
            Ok(Value::from(output::rule_list(&config)))
        })
        .await
        .map(|json| Json(json).into_response());
    result.unwrap_or_else(|e| e.response(app.lang()))
}

/// Any other address.
pub(crate) async fn not_found(State(app): State<Shared>) -> Response {
    ApiError::not_found().response(app.lang())
}

/// A known address asked with the wrong method (`GET /api/check`).
pub(crate) async fn method_not_allowed(State(app): State<Shared>) -> Response {
    ApiError::method_not_allowed().response(app.lang())
}
