//! What stands before every endpoint.
//!
//! A server on 127.0.0.1 is still reachable from any page the user's browser opens. Two
//! checks keep other sites out: the `Host` header must name this server (a site that points
//! its own name at 127.0.0.1, "DNS rebinding", sends its own name), and a request that says
//! where it comes from (`Origin`) must come from this server's own page. Responses carry no
//! CORS headers, so no other origin can read them; the page itself may load only what this
//! server serves (`Content-Security-Policy`), and API answers are never cached.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use super::reply::ApiError;
use crate::lang::{Lang, Text};

/// The policy of the page: its own script and style, pictures it makes itself, no frames.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: blob:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; \
     base-uri 'none'";

/// The hosts a request may name.
pub(crate) struct Guard {
    /// `127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT` when the server listens on the
    /// loopback address; `None` (any host) when the user chose another with `--host`.
    hosts: Option<Vec<String>>,
    lang: Lang,
}

impl Guard {
    /// The guard of a server that listens on loopback port `port`.
    pub fn loopback(port: u16, lang: Lang) -> Guard {
        let hosts = ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .map(|host| format!("{host}:{port}"))
            .collect();
        Guard {
            hosts: Some(hosts),
            lang,
        }
    }

    /// The guard of a server the user exposed on another address: any host name.
    pub fn any_host(lang: Lang) -> Guard {
        Guard { hosts: None, lang }
    }

    fn refusal(&self, headers: &HeaderMap) -> Option<ApiError> {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if let Some(hosts) = &self.hosts {
            if !hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
                return Some(ApiError::forbidden(Text::new(
                    format!("这个服务只接受本机地址的访问，而请求的主机是“{host}”"),
                    format!("this server answers its own local address only, not host `{host}`"),
                )));
            }
        }
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        match origin {
            Some(origin) if !same_origin(origin, host) => Some(ApiError::forbidden(Text::new(
                format!("不接受其他网页（{origin}）发来的请求"),
                format!("requests from other pages ({origin}) are refused"),
            ))),
            _ => None,
        }
    }
}

fn same_origin(origin: &str, host: &str) -> bool {
    origin
        .strip_prefix("http://")
        .is_some_and(|authority| authority.eq_ignore_ascii_case(host))
}

/// The middleware: refuses what the guard refuses, and adds the headers every response
/// carries.
pub(crate) async fn check(
    State(guard): State<Arc<Guard>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(refusal) = guard.refusal(request.headers()) {
        return refusal.response(guard.lang);
    }
    let api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn the_loopback_guard_takes_its_own_host_names_only() {
        let guard = Guard::loopback(7878, Lang::Zh);
        for host in [
            "127.0.0.1:7878",
            "localhost:7878",
            "LOCALHOST:7878",
            "[::1]:7878",
        ] {
            assert!(
                guard.refusal(&headers(&[(header::HOST, host)])).is_none(),
                "{host}"
            );
        }
        for host in ["evil.example:7878", "127.0.0.1:80", ""] {
            let refusal = guard.refusal(&headers(&[(header::HOST, host)]));
            assert_eq!(refusal.map(|r| r.code), Some("forbidden"), "{host}");
        }
    }

    #[test]
    fn a_request_from_another_page_is_refused() {
        let guard = Guard::any_host(Lang::Zh);
        let own = [
            (header::HOST, "10.0.0.5:7878"),
            (header::ORIGIN, "http://10.0.0.5:7878"),
        ];
        assert!(guard.refusal(&headers(&own)).is_none());
        let other = [
            (header::HOST, "10.0.0.5:7878"),
            (header::ORIGIN, "https://evil.example"),
        ];
        assert!(guard.refusal(&headers(&other)).is_some());
        assert!(guard.refusal(&headers(&[(header::HOST, "x:1")])).is_none());
    }
}
