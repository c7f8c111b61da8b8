//! Router assembly, request logging, and the accept loop.
//!
//! The accept loop is written on hyper directly (not `axum::serve`) for one reason: the
//! `drop`/`dropAfter` faults must close a connection without writing any response,
//! which a handler cannot do through axum's server.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::faults::{DropConnection, FaultApplied};
use crate::hal::DwollaError;
use crate::idempotency::{Replayed, MAX_BODY};
use crate::state::{AppState, LoggedRequest, REQUEST_LOG_LIMIT};
use crate::{admin, dwolla, finicity, pages};

/// The whole application.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(dwolla::router(state.clone()))
        .merge(finicity::router(state.clone()))
        .route(
            "/_sandbox/connect/{id}",
            get(pages::connect_page).post(pages::connect_submit),
        )
        .route(
            "/_sandbox/providers/{id}",
            get(pages::provider_page).post(pages::provider_submit),
        )
        .route("/_sandbox/plaid-link", get(pages::plaid_link))
        .route("/_sandbox/checkout", get(pages::checkout))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::faults::apply,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::idempotency::apply,
        ));
    Router::new()
        .merge(api)
        .merge(admin::router())
        .route(
            "/_admin/health",
            get(|| async { axum::Json(serde_json::json!({ "ok": true })) }),
        )
        .fallback(|| async {
            DwollaError::new(
                StatusCode::NOT_FOUND,
                "NotFound",
                "The requested resource was not found.",
            )
        })
        .method_not_allowed_fallback(|| async {
            DwollaError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "MethodNotAllowed",
                "Method not allowed.",
            )
        })
        .layer(middleware::from_fn_with_state(state.clone(), log))
        .with_state(state)
}

/// One line per request on stderr and in the admin request log. Only the method, the
/// path (never the query string, which may carry a Plaid link token), the status, and
/// the idempotency key: no header values, no bodies, no tokens.
async fn log(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let key = req
        .headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let res = next.run(req).await;
    let fault = res.extensions().get::<FaultApplied>().map(|f| f.0.clone());
    let dropped = res.extensions().get::<DropConnection>().is_some();
    let replayed = res.extensions().get::<Replayed>().is_some();
    let status = res.status().as_u16();
    if !path.starts_with("/_admin/") {
        let mut store = state.store();
        if store.requests.len() >= REQUEST_LOG_LIMIT {
            store.requests.remove(0);
        }
        store.requests.push(LoggedRequest {
            method: method.clone(),
            path: path.clone(),
            status: if dropped { 0 } else { status },
            idempotency_key: key.clone(),
            fault: fault.clone(),
        });
    }
    if !state.config.quiet {
        let mut line = format!(
            "{} {method} {path} {} {}ms",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
            if dropped {
                "dropped".to_owned()
            } else {
                status.to_string()
            },
            started.elapsed().as_millis()
        );
        if let Some(k) = key {
            line.push_str(&format!(" idempotency-key={k}"));
        }
        if replayed {
            line.push_str(" replayed");
        }
        if let Some(f) = fault {
            line.push_str(&format!(" fault={f}"));
        }
        eprintln!("{line}");
    }
    res
}

/// The request with its body read to the end, before any handler sees it.
///
/// A handler that answers without reading the body (a refused token, a fault) would
/// otherwise leave hyper to drain it; when the body has not arrived yet, hyper closes
/// the connection right after an answer that said `keep-alive`, and a client that
/// pooled the connection sends its next request into a closed socket (a network error
/// no real API causes). A body over [`MAX_BODY`], or one that cannot be read, is refused
/// with `Connection: close`, so that no client reuses a connection with unread bytes on it.
async fn whole_body(req: hyper::Request<hyper::body::Incoming>) -> Result<Request, Response> {
    let (parts, body) = req.into_parts();
    let failed = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => {
            return Ok(Request::from_parts(
                parts,
                axum::body::Body::from(collected.to_bytes()),
            ))
        }
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => DwollaError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "BadRequest",
            "Request body too large.",
        ),
        // A malformed chunked body, or the client stopped sending.
        Err(_) => DwollaError::new(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "The request body could not be read.",
        ),
    };
    let mut refused = failed.into_response();
    refused.headers_mut().insert(
        axum::http::header::CONNECTION,
        axum::http::HeaderValue::from_static("close"),
    );
    Err(refused)
}

/// Serves `app` on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, app: Router) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let app = app.clone();
        tokio::spawn(async move {
            let drop_now = Arc::new(tokio::sync::Notify::new());
            let signal = drop_now.clone();
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let app = app.clone();
                    let signal = signal.clone();
                    async move {
                        let res = match whole_body(req).await {
                            Ok(req) => match app.oneshot(req).await {
                                Ok(r) => r,
                                Err(never) => match never {},
                            },
                            Err(refused) => refused,
                        };
                        if res.extensions().get::<DropConnection>().is_some() {
                            signal.notify_one();
                            std::future::pending::<()>().await;
                        }
                        Ok::<_, Infallible>(res.into_response())
                    }
                });
            let conn = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                _ = drop_now.notified() => {}
            }
        });
    }
}

/// A running sandbox (in-process), stopped when dropped.
#[derive(Debug)]
pub struct Sandbox {
    /// Bound address.
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Binds and starts serving in the background on the current tokio runtime.
pub async fn start(config: crate::Config) -> std::io::Result<Sandbox> {
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}");
    let public = config.public_url.clone().unwrap_or_else(|| url.clone());
    let state = AppState::new(config, public);
    let task = tokio::spawn(serve(listener, app(state)));
    Ok(Sandbox { addr, url, task })
}
