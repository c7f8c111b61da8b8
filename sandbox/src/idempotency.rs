//! `Idempotency-Key` on POST, as Dwolla documents it: the same key with the same body
//! within 24 hours answers the original 201 and creates nothing; a repeat while the
//! first is still processing gets 409. Decision where the docs are silent: the same key
//! with a different method, path or body answers 400 `BadRequest` (a client bug, never
//! retryable) and creates nothing. Only 2xx answers are recorded: after a failure the
//! key is free again, so a retry really retries.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::hal::DwollaError;
use crate::state::AppState;

/// How long a key is remembered.
pub const KEY_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);
/// Largest request body the sandbox reads.
pub const MAX_BODY: usize = 1024 * 1024;

#[derive(Debug, Clone)]
enum Outcome {
    Processing,
    Done {
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    },
}

#[derive(Debug, Clone)]
struct Entry {
    fingerprint: [u8; 32],
    at: Instant,
    outcome: Outcome,
}

/// Remembered keys.
#[derive(Debug, Default)]
pub struct Idempotency {
    keys: Mutex<HashMap<String, Entry>>,
}

/// Marker in a replayed response's extensions (for the request log).
#[derive(Debug, Clone, Copy)]
pub struct Replayed;

impl Idempotency {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.keys.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// Forgets every key.
    pub fn clear(&self) {
        self.lock().clear();
    }
    /// Number of live keys.
    pub fn len(&self) -> usize {
        self.lock().len()
    }
}

/// Removes a `Processing` entry if the request never finished (connection dropped,
/// handler cancelled), so the key does not stay stuck at 409 forever.
struct Pending<'a> {
    idem: &'a Idempotency,
    key: String,
    armed: bool,
}

impl Drop for Pending<'_> {
    fn drop(&mut self) {
        if self.armed {
            let mut keys = self.idem.lock();
            if matches!(
                keys.get(&self.key),
                Some(Entry {
                    outcome: Outcome::Processing,
                    ..
                })
            ) {
                keys.remove(&self.key);
            }
        }
    }
}

/// Middleware for every non-admin POST.
pub async fn apply(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let Some(key) = req
        .headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        return next.run(req).await;
    };
    // Authentication and `Accept` come first: a replay answers only a request Dwolla
    // would have served.
    if crate::dwolla::auth::is_guarded(req.uri().path()) {
        if let Err(refused) = crate::dwolla::auth::check(&state, req.headers(), false) {
            return *refused;
        }
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return DwollaError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "BadRequest",
            "Request body too large.",
        )
        .into_response();
    };
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str());
    hasher.update([0]);
    hasher.update(parts.uri.path());
    hasher.update([0]);
    hasher.update(&bytes);
    let fingerprint: [u8; 32] = hasher.finalize().into();

    {
        let mut keys = state.idempotency.lock();
        keys.retain(|_, e| e.at.elapsed() < KEY_LIFETIME);
        match keys.get(&key) {
            Some(e) if e.fingerprint != fingerprint => {
                return DwollaError::bad_request(
                    "This Idempotency-Key was already used with a different request.",
                )
                .into_response();
            }
            Some(Entry {
                outcome: Outcome::Processing,
                ..
            }) => {
                return DwollaError::new(
                    StatusCode::CONFLICT,
                    "Conflict",
                    "A request with this Idempotency-Key is still being processed.",
                )
                .into_response();
            }
            Some(Entry {
                outcome:
                    Outcome::Done {
                        status,
                        headers,
                        body,
                    },
                ..
            }) => {
                let mut res = (*status, body.clone()).into_response();
                *res.headers_mut() = headers.clone();
                res.extensions_mut().insert(Replayed);
                return res;
            }
            None => {
                keys.insert(
                    key.clone(),
                    Entry {
                        fingerprint,
                        at: Instant::now(),
                        outcome: Outcome::Processing,
                    },
                );
            }
        }
    }
    let mut pending = Pending {
        idem: &state.idempotency,
        key: key.clone(),
        armed: true,
    };
    let res = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if !res.status().is_success() {
        return res; // the guard frees the key
    }
    let (res_parts, res_body) = res.into_parts();
    let Ok(res_bytes) = to_bytes(res_body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut headers = res_parts.headers.clone();
    headers.remove(axum::http::header::CONTENT_LENGTH);
    state.idempotency.lock().insert(
        key,
        Entry {
            fingerprint,
            at: Instant::now(),
            outcome: Outcome::Done {
                status: res_parts.status,
                headers,
                body: res_bytes.clone(),
            },
        },
    );
    pending.armed = false;
    Response::from_parts(res_parts, Body::from(res_bytes))
}
