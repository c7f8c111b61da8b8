//! Fault injection: rules added through `/_admin/faults` that make matching requests
//! slow, fail, answer HTML, lose their connection, or find their token expired.

use std::sync::Mutex;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::state::AppState;

/// What a rule does to a matching request.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum FaultKind {
    /// Only adds `latencyMs`, then serves normally.
    Latency,
    /// Answers `status` (500, 502 or 503) with a JSON `ServerError` body.
    Status,
    /// Answers 429 with `Retry-After: retryAfter`.
    RateLimit,
    /// Answers `status` (default 503) with an HTML page, as during an outage.
    Html,
    /// Closes the connection without answering, before the request is processed.
    Drop,
    /// Processes the request (state changes, idempotency record) then closes the
    /// connection without answering: the response is lost, the effect is not.
    DropAfter,
    /// The bearer or Finicity token of the request is treated as expired.
    ExpireToken,
    /// 401 `InvalidScope`: the application lacks the scope for this endpoint (Dwolla
    /// enables exchanges and sessions per account).
    InvalidScope,
    /// 403 `forbidden` "Exchange sessions with this exchange partner are not enabled for
    /// your account" (Dwolla's exchange-session routes).
    SessionsNotEnabled,
}

/// A fault rule as accepted by `POST /_admin/faults`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultSpec {
    /// HTTP method to match; `*` or absent matches any.
    #[serde(default)]
    pub method: Option<String>,
    /// Path pattern: `*` matches one segment, a trailing `/**` any rest, e.g.
    /// `/customers/*/exchanges`. Query strings are ignored.
    pub path: String,
    /// What to do.
    pub kind: FaultKind,
    /// Status for `status` and `html`.
    #[serde(default)]
    pub status: Option<u16>,
    /// Delay added before the fault (or before serving, for `latency`).
    #[serde(default)]
    pub latency_ms: Option<u64>,
    /// `Retry-After` seconds for `rateLimit` (default 1).
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// Fire for the next N matching requests only.
    #[serde(default)]
    pub count: Option<u64>,
    /// Fire with this probability (0..=1) for each matching request.
    #[serde(default)]
    pub probability: Option<f64>,
}

/// A stored rule.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    /// Id for `DELETE /_admin/faults/{id}`.
    pub id: u64,
    /// The rule.
    #[serde(flatten)]
    pub spec: FaultSpec,
    /// Remaining firings when `count` was given.
    pub remaining: Option<u64>,
    /// How many times it fired.
    pub fired: u64,
}

/// All rules.
#[derive(Debug, Default)]
pub struct Faults {
    inner: Mutex<(u64, Vec<FaultRule>)>,
}

/// Marker placed in a response's extensions: the server closes the connection instead
/// of writing the response.
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

/// Marker placed in a request's extensions: the token check must report expiry.
#[derive(Debug, Clone, Copy)]
pub struct ForceTokenExpiry;

/// Marker placed in a response's extensions: which fault answered (for the request log).
#[derive(Debug, Clone)]
pub struct FaultApplied(pub String);

impl FaultSpec {
    /// Checks the spec makes sense, returning a message otherwise.
    pub fn validate(&self) -> Result<(), String> {
        if !self.path.starts_with('/') {
            return Err("path must start with /".into());
        }
        if let Some(p) = self.probability {
            if !(0.0..=1.0).contains(&p) {
                return Err("probability must be between 0 and 1".into());
            }
        }
        match (self.kind, self.status) {
            (FaultKind::Status, Some(500 | 502 | 503 | 504)) | (FaultKind::Status, None) => {}
            (FaultKind::Status, Some(_)) => {
                return Err("status must be 500, 502, 503 or 504".into())
            }
            (FaultKind::Html, Some(s)) if !(400..600).contains(&s) => {
                return Err("status must be 4xx or 5xx".into())
            }
            _ => {}
        }
        if self.count == Some(0) {
            return Err("count must be at least 1".into());
        }
        Ok(())
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = match self.method.as_deref() {
            None | Some("*") => true,
            Some(m) => m.eq_ignore_ascii_case(method),
        };
        method_ok && path_matches(&self.path, path)
    }
}

/// Glob match on path segments.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    let segs: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let mut i = 0;
    for p in &pat {
        if *p == "**" {
            return true;
        }
        match segs.get(i) {
            Some(s) if *p == "*" || p == s => i += 1,
            _ => return false,
        }
    }
    i == segs.len()
}

impl Faults {
    fn lock(&self) -> std::sync::MutexGuard<'_, (u64, Vec<FaultRule>)> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a rule and returns it.
    pub fn add(&self, spec: FaultSpec) -> FaultRule {
        let mut g = self.lock();
        g.0 += 1;
        let rule = FaultRule {
            id: g.0,
            remaining: spec.count,
            spec,
            fired: 0,
        };
        g.1.push(rule.clone());
        rule
    }

    /// Current rules.
    pub fn list(&self) -> Vec<FaultRule> {
        self.lock().1.clone()
    }

    /// Removes one rule; false when unknown.
    pub fn remove(&self, id: u64) -> bool {
        let mut g = self.lock();
        let before = g.1.len();
        g.1.retain(|r| r.id != id);
        g.1.len() != before
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.lock().1.clear();
    }

    /// The first rule that fires for this request, consuming one of its `count`.
    pub fn take(&self, method: &str, path: &str) -> Option<FaultSpec> {
        let mut g = self.lock();
        let mut fired = None;
        for (idx, rule) in g.1.iter_mut().enumerate() {
            if !rule.spec.matches(method, path) {
                continue;
            }
            if let Some(p) = rule.spec.probability {
                if rand::random::<f64>() >= p {
                    continue;
                }
            }
            rule.fired += 1;
            if let Some(r) = rule.remaining.as_mut() {
                *r = r.saturating_sub(1);
            }
            fired = Some((idx, rule.spec.clone(), rule.remaining == Some(0)));
            break;
        }
        let (idx, spec, exhausted) = fired?;
        if exhausted {
            g.1.remove(idx);
        }
        Some(spec)
    }
}

const OUTAGE_PAGE: &str = "<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head>\
<body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>\n";

/// Middleware applying the first matching rule (admin routes never reach it).
pub async fn apply(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let Some(spec) = state.faults.take(&method, &path) else {
        return next.run(req).await;
    };
    if let Some(ms) = spec.latency_ms {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
    let label = format!("{:?}", spec.kind);
    let mut res = match spec.kind {
        FaultKind::Latency => next.run(req).await,
        FaultKind::Status => {
            let status = StatusCode::from_u16(spec.status.unwrap_or(500))
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body = json!({
                "code": "ServerError",
                "message": format!("A server error occurred. Error ID: {}", crate::state::uuid()),
            });
            crate::hal::hal(status, body)
        }
        FaultKind::RateLimit => {
            let mut res = crate::hal::hal(
                StatusCode::TOO_MANY_REQUESTS,
                json!({"code": "TooManyRequests", "message": "Too many requests. Slow down and retry later."}),
            );
            let secs = spec.retry_after.unwrap_or(1).to_string();
            if let Ok(v) = HeaderValue::from_str(&secs) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
        FaultKind::Html => {
            let status = StatusCode::from_u16(spec.status.unwrap_or(503))
                .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let mut res = (status, Body::from(OUTAGE_PAGE)).into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            res
        }
        FaultKind::Drop => {
            let mut res = StatusCode::SERVICE_UNAVAILABLE.into_response();
            res.extensions_mut().insert(DropConnection);
            res
        }
        FaultKind::DropAfter => {
            let mut res = next.run(req).await;
            res.extensions_mut().insert(DropConnection);
            res
        }
        FaultKind::ExpireToken => {
            req.extensions_mut().insert(ForceTokenExpiry);
            next.run(req).await
        }
        FaultKind::InvalidScope => crate::hal::hal(
            StatusCode::UNAUTHORIZED,
            json!({"code": "InvalidScope", "message": "Missing or invalid scopes for requested endpoint."}),
        ),
        FaultKind::SessionsNotEnabled => crate::hal::hal(
            StatusCode::FORBIDDEN,
            json!({"code": "forbidden", "message": "Exchange sessions with this exchange partner are not enabled for your account"}),
        ),
    };
    res.extensions_mut().insert(FaultApplied(label));
    res
}

#[cfg(test)]
mod tests {
    use super::path_matches;

    #[test]
    fn globs_match_segments() {
        assert!(path_matches(
            "/customers/*/exchanges",
            "/customers/abc/exchanges"
        ));
        assert!(!path_matches(
            "/customers/*/exchanges",
            "/customers/abc/exchange-sessions"
        ));
        assert!(!path_matches("/customers/*", "/customers/abc/exchanges"));
        assert!(path_matches("/customers/**", "/customers/abc/exchanges"));
        assert!(path_matches("/token", "/token"));
        assert!(!path_matches("/token", "/tokens"));
    }
}
