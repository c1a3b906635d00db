//! A request turned into the document it carries. Three shapes are taken:
//!
//! - `multipart/form-data`, what the page and `curl -F` send: a `file` part (its file name
//!   names the document) or a `text` part, with optional `name` and `config` parts;
//! - `application/json`: `{"text": "…", "name": "讲话.md", "config": "…"}`;
//! - anything else: the body is the document's bytes, named by `?name=` (`curl --data-binary`).
//!
//! The name's extension says what the document is: `.docx`, `.doc` and `.wps` (a Word file,
//! whatever the bytes turn out to be), `.md`, and `.txt` or no extension for plain text.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Query, Request};
use axum::http::{header, StatusCode};
use serde::Deserialize;

use super::reply::ApiError;
use crate::engine::Source;
use crate::lang::Text;

/// What a pasted text is called when the request names it not.
pub(crate) const PASTED: &str = "粘贴的文本.txt";

/// The extensions the API checks, as the page's file chooser offers them.
pub(crate) const EXTENSIONS: [&str; 7] = ["txt", "text", "md", "markdown", "docx", "doc", "wps"];

/// A named document with the config it is to be checked under.
#[derive(Debug)]
pub(crate) struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
    /// A `wenlint.toml` sent with the document, read in place of the server's.
    pub config: Option<String>,
}

#[derive(Deserialize, Default)]
struct NameQuery {
    name: Option<String>,
}

#[derive(Deserialize)]
struct JsonUpload {
    text: String,
    name: Option<String>,
    config: Option<String>,
}

impl Upload {
    /// Reads the document out of `request`; `limit` is the body limit, for the message when
    /// the body exceeds it.
    pub async fn read(request: Request, limit: usize) -> Result<Upload, ApiError> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let upload = if content_type.starts_with("multipart/form-data") {
            from_multipart(request, limit).await?
        } else if content_type.starts_with("application/json") {
            from_json(request, limit).await?
        } else {
            from_body(request, limit).await?
        };
        upload.named_sensibly()
    }

    pub fn source(&self) -> Source {
        Source::bytes(self.name.clone(), self.bytes.clone())
    }

    /// Whether the name says Word file (`.docx`, `.doc`, `.wps`).
    pub fn is_word(&self) -> bool {
        matches!(
            extension(&self.name).as_deref(),
            Some("docx" | "doc" | "wps")
        )
    }

    /// Keeps the file name only (a browser may send a path), and refuses a kind of file
    /// wenlint does not read.
    fn named_sensibly(mut self) -> Result<Upload, ApiError> {
        let base = self
            .name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        self.name = if base.is_empty() {
            PASTED.to_string()
        } else {
            base
        };
        match extension(&self.name) {
            Some(ext) if !EXTENSIONS.contains(&ext.as_str()) => {
                Err(ApiError::unsupported(Text::new(
                    format!(
                        "不能检查 .{ext} 文件；可以检查 .docx、.doc、.wps、.txt 和 .md 文件，或直接粘贴文字"
                    ),
                    format!(
                        "cannot check a .{ext} file; .docx, .doc, .wps, .txt and .md files are checked, or pasted text"
                    ),
                )))
            }
            _ => Ok(self),
        }
    }
}

/// The lowercase extension of a file name, if it has one.
fn extension(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty()).then(|| ext.to_ascii_lowercase())
}

async fn from_multipart(request: Request, limit: usize) -> Result<Upload, ApiError> {
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|e| rejected(e.status(), e.body_text(), limit))?;
    let mut upload = Upload {
        name: String::new(),
        bytes: Vec::new(),
        config: None,
    };
    let mut has_document = false;
    let mut named = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| rejected(e.status(), e.body_text(), limit))?
    {
        let part = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| rejected(e.status(), e.body_text(), limit))?;
        match part.as_str() {
            "file" | "text" if has_document => {
                return Err(ApiError::bad_request(Text::new(
                    "一次只能检查一个文件：请求里有多个 file 或 text 部分",
                    "one document a request: there is more than one file or text part",
                )))
            }
            "file" | "text" => {
                has_document = true;
                upload.name = file_name.unwrap_or_default();
                upload.bytes = bytes.to_vec();
            }
            "name" => named = Some(utf8(bytes, "name")?),
            "config" => upload.config = Some(utf8(bytes, "config")?).filter(|c| !c.is_empty()),
            other => {
                return Err(ApiError::bad_request(Text::new(
                    format!("不认识的表单部分“{other}”：可以有 file、text、name、config"),
                    format!("unknown form part `{other}`: expected file, text, name or config"),
                )))
            }
        }
    }
    if !has_document {
        return Err(ApiError::bad_request(Text::new(
            "请求里没有文件：请附上 file 部分（文件）或 text 部分（文字）",
            "no document in the request: send a file part or a text part",
        )));
    }
    if let Some(name) = named {
        upload.name = name;
    }
    Ok(upload)
}

async fn from_json(request: Request, limit: usize) -> Result<Upload, ApiError> {
    let body = body_bytes(request, limit).await?;
    let parsed: JsonUpload = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(Text::new(
            format!("JSON 有误：{e}；应为 {{\"text\": \"…\", \"name\": \"…\", \"config\": \"…\"}}"),
            format!("malformed JSON: {e}; expected {{\"text\": \"…\", \"name\": \"…\", \"config\": \"…\"}}"),
        ))
    })?;
    Ok(Upload {
        name: parsed.name.unwrap_or_default(),
        bytes: parsed.text.into_bytes(),
        config: parsed.config.filter(|c| !c.is_empty()),
    })
}

async fn from_body(request: Request, limit: usize) -> Result<Upload, ApiError> {
    let query = Query::<NameQuery>::try_from_uri(request.uri())
        .map(|Query(q)| q)
        .unwrap_or_default();
    let bytes = body_bytes(request, limit).await?;
    Ok(Upload {
        name: query.name.unwrap_or_default(),
        bytes: bytes.to_vec(),
        config: None,
    })
}

async fn body_bytes(request: Request, limit: usize) -> Result<Bytes, ApiError> {
    Bytes::from_request(request, &())
        .await
        .map_err(|e| rejected(e.status(), e.body_text(), limit))
}

/// axum's own rejection, as the API's JSON error.
fn rejected(status: StatusCode, text: String, limit: usize) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::too_large(limit);
    }
    ApiError::new(
        status,
        "bad_request",
        Text::new(
            format!("请求有误：{text}"),
            format!("malformed request: {text}"),
        ),
    )
}

fn utf8(bytes: Bytes, part: &str) -> Result<String, ApiError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        ApiError::bad_request(Text::new(
            format!("表单部分 {part} 不是 UTF-8 文字"),
            format!("the form part `{part}` is not UTF-8 text"),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_read_from_the_file_name_only() {
        assert_eq!(extension("讲话.DOCX").as_deref(), Some("docx"));
        assert_eq!(extension(".bashrc"), None);
        assert_eq!(extension("通知"), None);
    }

    #[test]
    fn paths_are_cut_to_the_file_name_and_unknown_kinds_refused() {
        let upload = |name: &str| Upload {
            name: name.to_string(),
            bytes: Vec::new(),
            config: None,
        };
        let kept = upload("C:\\Users\\王\\通知.docx").named_sensibly().unwrap();
        assert_eq!(kept.name, "通知.docx");
        assert!(kept.is_word());
        assert_eq!(upload("  ").named_sensibly().unwrap().name, PASTED);
        let refused = upload("报表.pdf").named_sensibly().unwrap_err();
        assert_eq!(refused.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(refused.message.get(crate::lang::Lang::Zh).contains(".pdf"));
    }
}
