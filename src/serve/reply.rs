//! What the API answers when it cannot do what was asked: a status code that says whose
//! fault it is, and a JSON body `{"error":{"code":…,"message":…}}` a page can show as it is.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::error::Error;
use crate::lang::{Lang, Text};

/// A request the API refuses, or could not finish.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    /// A stable word for programs: `too_large`, `unsupported_type`, `unreadable`, …
    pub code: &'static str,
    pub message: Text,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: Text) -> ApiError {
        ApiError {
            status,
            code,
            message,
        }
    }

    pub fn bad_request(message: Text) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn too_large(limit: usize) -> ApiError {
        let mb = limit as f64 / (1024.0 * 1024.0);
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            Text::new(
                format!("文件太大：上限 {mb:.0} MB（wenlint serve --max-body 可以调整）"),
                format!(
                    "the upload is too large: the limit is {mb:.0} MB (wenlint serve --max-body)"
                ),
            ),
        )
    }

    pub fn unsupported(message: Text) -> ApiError {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            message,
        )
    }

    /// A config that is wrong is the request's fault (it was sent with it, or the server's
    /// `wenlint.toml` is); a document that cannot be read or decoded is unprocessable.
    pub fn from_engine(error: Error, lang: Lang) -> ApiError {
        match error {
            Error::Toml(_) => {
                let mut rendered = Vec::new();
                let _ = error.render(&mut rendered, false, lang);
                let rendered = String::from_utf8_lossy(&rendered).trim_end().to_string();
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "config",
                    Text::new(rendered.clone(), rendered),
                )
            }
            Error::File { path, reason } => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unreadable",
                Text::new(
                    format!("{path}：{}", reason.get(Lang::Zh)),
                    format!("{path}: {}", reason.get(Lang::En)),
                ),
            ),
        }
    }

    pub fn busy() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            Text::new(
                "正在检查的文件太多，请稍后再试",
                "too many documents are being checked; try again shortly",
            ),
        )
    }

    pub fn timeout(seconds: u64) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            Text::new(
                format!("检查超过 {seconds} 秒未完成（wenlint serve --timeout 可以调整）"),
                format!("checking took longer than {seconds} s (wenlint serve --timeout)"),
            ),
        )
    }

    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            Text::new(
                "检查这个文件时 wenlint 内部出错；请把文件和这条消息报告给维护者",
                "wenlint failed inside while checking this document; please report it with the file",
            ),
        )
    }

    pub fn forbidden(message: Text) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            Text::new("没有这个地址", "no such address"),
        )
    }

    pub fn method_not_allowed() -> ApiError {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            Text::new(
                "这个地址不接受这种请求方法",
                "this address does not take this method",
            ),
        )
    }

    /// The response, its message in `lang`.
    pub fn response(&self, lang: Lang) -> Response {
        let body = serde_json::json!({
            "error": { "code": self.code, "message": self.message.get(lang) }
        });
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            let retry = header::HeaderValue::from_static("2");
            response.headers_mut().insert(header::RETRY_AFTER, retry);
        }
        response
    }
}
