//! `wenlint serve`: the checker as a page on the user's own machine, for drafters who never
//! open a terminal. A document dropped on the page is posted to this process, checked by the
//! same engine as `wenlint check` and answered with the same JSON. The page and its assets
//! are compiled into the binary, so nothing is fetched from anywhere and nothing is sent
//! anywhere: the server listens on 127.0.0.1 unless told otherwise.
//!
//! `upload` turns a request into a named document, `api` holds the endpoints, `reply` the
//! JSON errors, `page` the embedded page, `guard` what every response carries and the checks
//! that keep other sites' pages out.

mod api;
mod guard;
mod page;
mod reply;
mod upload;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{middleware, Router};
use tokio::net::TcpListener;

use crate::lang::Lang;
pub(crate) use guard::Guard;

/// How the server is set up.
pub(crate) struct Options {
    pub limits: Limits,
    /// The language of error messages (`--lang`).
    pub lang: Lang,
    /// One config for every request (`--config`); by default the one governing `root`.
    pub config: Option<PathBuf>,
    /// Where a document's config is looked for: the folder the server was started in.
    pub root: PathBuf,
}

/// What one request may cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// How long a request may wait for its turn and be checked.
    pub timeout: Duration,
    /// Documents checked at the same time; further requests wait for their turn.
    pub jobs: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body: 32 * 1024 * 1024,
            timeout: Duration::from_secs(60),
            jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// The page and the API, behind the guard.
pub(crate) fn router(options: Options, guard: Guard) -> Router {
    routes(Arc::new(api::App::new(options)), guard)
}

fn routes(app: api::Shared, guard: Guard) -> Router {
    let max_body = app.limits().max_body;
    let guard = Arc::new(guard);
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/app.css", get(page::style))
        .route("/api/check", post(api::check))
        .route("/api/fix", post(api::fix))
        .route("/api/annotate", post(api::annotate))
        .route("/api/outline", post(api::outline))
        .route("/api/stats", post(api::stats))
        .route("/api/rules", get(api::rules))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(guard, guard::check))
        .with_state(app)
}

/// Serves `router` on `listener` until `shutdown` completes, then lets requests in flight
/// finish.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests;
