//! `wenlint lsp`: findings while typing, in any editor that speaks the Language Server
//! Protocol, over standard input and output (rust-analyzer's `lsp-server` for the transport,
//! `lsp-types` for the messages).
//!
//! An open document is linted through the same engine as `wenlint check`, under the config
//! that governs its file: when it is opened or saved, and after a change: at once when the
//! document was quiet, else once the typing pauses (`initializationOptions.debounceMs`, 50 ms
//! by default), so that a burst of keystrokes is linted once. Findings carry the rule as their
//! code and link to its page; hovering one shows the rule's `explain` text; code actions fix
//! it, fix the whole file as `--fix` does, or silence it. Saving a `wenlint.toml` (or a
//! watched change to one) re-lints every open document.
//!
//! `position` converts between byte offsets and the protocol's positions, `document` keeps
//! each open text current and lints it, `convert` words findings for the protocol, `actions`
//! builds the code actions.

mod actions;
mod convert;
mod document;
mod position;

use std::collections::HashMap;
use std::io;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notify, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionOptions, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, MarkupContent, MarkupKind, PublishDiagnosticsParams,
    Registration, RegistrationParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::Deserialize;

use crate::lang::Lang;
use actions::EditSupport;
use convert::RuleDocs;
use document::OpenDocument;
use position::Encoding;

/// What the client may set in `initializationOptions`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ClientOptions {
    /// Milliseconds of quiet after a change before the document is linted.
    debounce_ms: Option<u64>,
    /// The base URI of the rules' pages (`…/docs/rules/`).
    rule_docs: Option<String>,
}

const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(50);

/// Runs the server on standard input and output until the client shuts it down.
pub(crate) fn run(lang: Lang) -> io::Result<ExitCode> {
    let (connection, io_threads) = Connection::stdio();
    serve_on(&connection, lang)?;
    drop(connection);
    io_threads.join()?;
    Ok(ExitCode::SUCCESS)
}

/// The handshake, then the loop, on any connection (the tests use one in memory).
fn serve_on(connection: &Connection, lang: Lang) -> io::Result<()> {
    let (id, params) = connection.initialize_start().map_err(io::Error::other)?;
    let params: InitializeParams = serde_json::from_value(params).map_err(io::Error::other)?;
    let mut server = Server::new(&params, connection.sender.clone(), lang);
    let result = InitializeResult {
        capabilities: server.capabilities(),
        server_info: Some(ServerInfo {
            name: "wenlint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    let result = serde_json::to_value(result).map_err(io::Error::other)?;
    connection
        .initialize_finish(id, result)
        .map_err(io::Error::other)?;
    if server.watch_configs {
        server.register_config_watchers();
    }
    server.serve(connection).map_err(io::Error::other)
}

struct Server {
    sender: crossbeam_channel::Sender<Message>,
    lang: Lang,
    encoding: Encoding,
    debounce: Duration,
    docs: RuleDocs,
    edits: EditSupport,
    /// Whether the client registers file watchers for us (`wenlint.toml` changes on disk).
    watch_configs: bool,
    open: HashMap<Uri, OpenDocument>,
    /// Documents changed and not yet linted, with when to lint them.
    due: HashMap<Uri, Instant>,
    /// When each document's last lint ended.
    linted_at: HashMap<Uri, Instant>,
    next_request: i32,
}

impl Server {
    fn new(
        params: &InitializeParams,
        sender: crossbeam_channel::Sender<Message>,
        lang: Lang,
    ) -> Server {
        let capabilities = &params.capabilities;
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let options: ClientOptions = params
            .initialization_options
            .clone()
            .and_then(|o| serde_json::from_value(o).ok())
            .unwrap_or_default();
        let workspace = capabilities.workspace.as_ref();
        let workspace_edit = workspace.and_then(|w| w.workspace_edit.as_ref());
        let create_files = workspace_edit.is_some_and(|e| {
            e.document_changes == Some(true)
                && e.resource_operations
                    .as_ref()
                    .is_some_and(|ops| ops.contains(&lsp_types::ResourceOperationKind::Create))
        });
        let watch_configs = workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        Server {
            sender,
            lang,
            encoding: Encoding::negotiate(offered),
            debounce: options
                .debounce_ms
                .map_or(DEFAULT_DEBOUNCE, Duration::from_millis),
            docs: RuleDocs::new(options.rule_docs),
            edits: EditSupport { create_files },
            watch_configs,
            open: HashMap::new(),
            due: HashMap::new(),
            linted_at: HashMap::new(),
            next_request: 0,
        }
    }

    fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp_types::CodeActionKind::QUICKFIX,
                    actions::fix_all_kind(),
                ]),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        }
    }

    /// The loop: messages as they come, and the documents whose pause has passed.
    fn serve(&mut self, connection: &Connection) -> Result<(), lsp_server::ProtocolError> {
        loop {
            let message = match self.next_due() {
                Some(at) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    match connection.receiver.recv_timeout(wait) {
                        Ok(message) => Some(message),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    }
                }
                None => match connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Ok(()),
                },
            };
            match message {
                Some(Message::Request(request)) => {
                    if connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    self.on_request(request);
                }
                Some(Message::Notification(notification)) => self.on_notification(notification),
                Some(Message::Response(_)) | None => {}
            }
            self.lint_due();
        }
    }

    fn next_due(&self) -> Option<Instant> {
        self.due.values().min().copied()
    }

    fn send(&self, message: impl Into<Message>) {
        // The client has gone when this fails; the loop ends at the next receive.
        let _ = self.sender.send(message.into());
    }

    fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            req::CodeActionRequest::METHOD => {
                parse(request).map(|params| to_json(self.code_actions(params)))
            }
            req::HoverRequest::METHOD => parse(request).map(|params| to_json(self.hover(params))),
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("wenlint does not answer {}", request.method),
            )),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response);
    }

    fn on_notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            notify::DidOpenTextDocument::METHOD => {
                if let Ok(params) = parse::<DidOpenTextDocumentParams>(notification) {
                    self.opened(params);
                }
            }
            notify::DidChangeTextDocument::METHOD => {
                if let Ok(params) = parse::<DidChangeTextDocumentParams>(notification) {
                    self.changed(params);
                }
            }
            notify::DidSaveTextDocument::METHOD => {
                if let Ok(params) = parse::<DidSaveTextDocumentParams>(notification) {
                    self.saved(&params.text_document.uri);
                }
            }
            notify::DidCloseTextDocument::METHOD => {
                if let Ok(params) = parse::<DidCloseTextDocumentParams>(notification) {
                    self.closed(params.text_document.uri);
                }
            }
            notify::DidChangeWatchedFiles::METHOD => self.relint_all(),
            _ => {}
        }
    }

    fn opened(&mut self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        if !is_linted(&item.uri, &item.language_id) {
            return;
        }
        let doc = OpenDocument::new(
            item.uri.clone(),
            &item.language_id,
            item.text,
            item.version,
            self.encoding,
        );
        self.open.insert(item.uri.clone(), doc);
        self.lint(&item.uri);
    }

    /// Applies a change and says when to lint: at once after a quiet spell (an edit is
    /// answered as fast as the lint allows), else once the typing has paused for the
    /// debounce (a burst of keystrokes is linted once).
    fn changed(&mut self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = self.open.get_mut(&uri) else {
            return;
        };
        doc.apply(params.content_changes, params.text_document.version);
        let now = Instant::now();
        let quiet = !self.due.contains_key(&uri)
            && self
                .linted_at
                .get(&uri)
                .is_none_or(|at| now.duration_since(*at) >= self.debounce);
        let due = if quiet { now } else { now + self.debounce };
        self.due.insert(uri, due);
    }

    fn saved(&mut self, uri: &Uri) {
        if is_config(uri) {
            self.relint_all();
        } else if self.open.contains_key(uri) {
            self.lint(uri);
        }
    }

    fn closed(&mut self, uri: Uri) {
        self.due.remove(&uri);
        self.linted_at.remove(&uri);
        if self.open.remove(&uri).is_some() {
            self.publish(uri, Vec::new(), None);
        }
    }

    fn relint_all(&mut self) {
        let uris: Vec<Uri> = self.open.keys().cloned().collect();
        for uri in uris {
            self.lint(&uri);
        }
    }

    fn lint_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .due
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.lint(&uri);
        }
    }

    /// Lints an open document and publishes its findings (or why it could not be linted).
    fn lint(&mut self, uri: &Uri) {
        self.due.remove(uri);
        let Some(doc) = self.open.get_mut(uri) else {
            return;
        };
        let diagnostics = match doc.lint() {
            Ok(found) => {
                doc.keep(found);
                let docs = &self.docs;
                let doc = &*doc;
                doc.findings
                    .iter()
                    .map(|f| convert::diagnostic(doc, f, docs))
                    .collect()
            }
            Err(error) => {
                doc.findings.clear();
                vec![convert::failure(&error, self.lang)]
            }
        };
        let version = Some(doc.version);
        self.publish(uri.clone(), diagnostics, version);
        self.linted_at.insert(uri.clone(), Instant::now());
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(
            notify::PublishDiagnostics::METHOD.to_string(),
            params,
        ));
    }

    /// Asks the client to tell us when a `wenlint.toml` changes on disk.
    fn register_config_watchers(&mut self) {
        let watchers = ["**/wenlint.toml", "**/.wenlint.toml"]
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.to_string()),
                kind: None,
            })
            .to_vec();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "wenlint-config".to_string(),
                method: notify::DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_request += 1;
        let id = RequestId::from(format!("wenlint-{}", self.next_request));
        self.send(Request::new(
            id,
            req::RegisterCapability::METHOD.to_string(),
            params,
        ));
    }

    fn code_actions(&self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(doc) = self.open.get(&params.text_document.uri) else {
            return Vec::new();
        };
        let wanted = |kind: &lsp_types::CodeActionKind| {
            params
                .context
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
        };
        let mut found = Vec::new();
        if wanted(&lsp_types::CodeActionKind::QUICKFIX) {
            for finding in doc
                .findings
                .iter()
                .filter(|f| overlaps(f.range, params.range))
            {
                let diagnostic = convert::diagnostic(doc, finding, &self.docs);
                found.extend(actions::quick_fix(doc, finding, diagnostic));
                found.extend(self.silence(doc, finding));
            }
        }
        let fixable = doc.findings.iter().any(|f| f.diagnostic.has_safe_fix());
        if fixable && wanted(&actions::fix_all_kind()) {
            if let Some((fixed, count)) = doc.fixed().filter(|(_, count)| *count > 0) {
                found.push(actions::fix_all(doc, fixed, *count));
            }
        }
        found
    }

    fn silence(
        &self,
        doc: &OpenDocument,
        finding: &document::Finding,
    ) -> Option<CodeActionOrCommand> {
        if doc.is_markdown() {
            return Some(actions::disable_next_line(doc, finding));
        }
        let target = self.ignore_target(doc)?;
        actions::ignore_in_config(doc, finding, &target, self.encoding, self.edits)
    }

    /// The config an `[[ignore]]` entry for `doc` goes into, with its current text.
    fn ignore_target(&self, doc: &OpenDocument) -> Option<actions::Target> {
        let config = doc.config().ok()?;
        let path = match &config.path {
            Some(path) => path.clone(),
            None => doc.folder()?.join("wenlint.toml"),
        };
        let open_text = document::file_uri(&path)
            .and_then(|uri| self.open.get(&uri))
            .map(|open| open.text.clone());
        let text = open_text.or_else(|| std::fs::read_to_string(&path).ok());
        Some(actions::Target { path, text })
    }

    fn hover(&self, params: HoverParams) -> Option<Hover> {
        let at = params.text_document_position_params;
        let doc = self.open.get(&at.text_document.uri)?;
        let registry = doc.config().ok().map(|config| config.registry.clone());
        let texts: Vec<String> = doc
            .findings
            .iter()
            .filter(|f| contains(f.range, at.position))
            .map(|f| {
                let meta = registry.as_ref().and_then(|r| {
                    r.iter()
                        .map(|rule| rule.meta())
                        .find(|meta| meta.id == f.diagnostic.rule)
                        .cloned()
                });
                convert::hover_text(&f.diagnostic, meta.as_ref(), self.lang)
            })
            .collect();
        (!texts.is_empty()).then(|| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: texts.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }
}

/// Whether a document is one wenlint lints: plain text or Markdown.
fn is_linted(uri: &Uri, language: &str) -> bool {
    let path = uri.as_str().to_ascii_lowercase();
    matches!(language, "plaintext" | "markdown" | "text")
        || [".txt", ".md", ".markdown", ".text"]
            .iter()
            .any(|ext| path.ends_with(ext))
}

fn is_config(uri: &Uri) -> bool {
    let path = uri.as_str();
    path.ends_with("/wenlint.toml") || path.ends_with("/.wenlint.toml")
}

fn overlaps(a: lsp_types::Range, b: lsp_types::Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn contains(range: lsp_types::Range, at: lsp_types::Position) -> bool {
    range.start <= at && at <= range.end
}

type Failure = (ErrorCode, String);

fn parse<P: serde::de::DeserializeOwned>(message: impl Into<Message>) -> Result<P, Failure> {
    let params = match message.into() {
        Message::Request(request) => request.params,
        Message::Notification(notification) => notification.params,
        Message::Response(_) => serde_json::Value::Null,
    };
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn to_json(value: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests;
