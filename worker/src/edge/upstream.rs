//! Sending requests to Dwolla and Finicity: one attempt is a `fetch` raced against the
//! time left before the deadline; attempts are repeated as [`crate::retry::decide`]
//! says, always with the identical request (so the same `Idempotency-Key`).

use std::time::Duration;

use js_sys::futures::JsFuture;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;
use worker::Delay;

use crate::api_error::ApiError;
use crate::retry::{decide, parse_retry_after, Decision, Idempotence, Outcome, RetryPolicy};
use consent_exchange::DwollaRequest;

/// Most bytes of an upstream body read; anything longer is cut (and then reads as a
/// truncated body, which the response readers handle).
const MAX_UPSTREAM_BODY: usize = 1024 * 1024;

/// A request about to be sent, with the credentials the executor adds.
#[derive(Debug, Clone)]
pub struct Call {
    /// `GET`, `POST` or `DELETE`.
    pub method: consent_exchange::Method,
    /// Absolute URL.
    pub url: String,
    /// Headers, credentials included; never logged.
    pub headers: Vec<(String, String)>,
    /// Body text.
    pub body: Option<String>,
    /// Whether repeating it is safe.
    pub idempotence: Idempotence,
}

impl From<&DwollaRequest> for Call {
    fn from(req: &DwollaRequest) -> Self {
        let idempotence = match (req.method, &req.idempotency_key) {
            (consent_exchange::Method::Get, _) | (_, Some(_)) => Idempotence::Safe,
            _ => Idempotence::Unsafe,
        };
        Call {
            method: req.method,
            url: req.url.clone(),
            headers: req
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            body: req.body.clone(),
            idempotence,
        }
    }
}

impl Call {
    /// The same call with one more header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// An upstream answer.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The headers the readers need (`Location`, `Retry-After`).
    pub headers: Vec<(String, String)>,
    /// `Retry-After` in milliseconds, when present and readable.
    pub retry_after_ms: Option<u64>,
    /// The body text (possibly cut at 1 MB).
    pub body: String,
    /// How many attempts were made.
    pub attempts: u32,
}

/// Why no answer came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAnswer {
    /// The deadline passed during an attempt.
    Timeout,
    /// The connection failed on the last attempt.
    Network,
}

impl NoAnswer {
    /// The API error for it: 504 for a timeout, 502 otherwise; both retryable.
    pub fn to_api_error(self, upstream: &str) -> ApiError {
        match self {
            NoAnswer::Timeout => ApiError::new(
                504,
                "UpstreamTimeout",
                format!("{upstream} did not answer in time"),
                true,
            ),
            NoAnswer::Network => ApiError::new(
                502,
                "UpstreamUnreachable",
                format!("{upstream} could not be reached"),
                true,
            ),
        }
    }
}

/// Milliseconds since the Unix epoch: `Date.now()`, which makes no `Date` object
/// (`worker::Date::now()` constructs one per call).
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn jitter() -> f64 {
    js_sys::Math::random()
}

async fn attempt(call: &Call, remaining: Duration) -> Result<Answer, NoAnswer> {
    // The deadline is the runtime's own timer: `AbortSignal.timeout` aborts the fetch and
    // its body read when it fires. Racing a `Delay` against the fetch cost a setTimeout, a
    // clearTimeout, an AbortController and a closure on every attempt.
    let millis = u32::try_from(remaining.as_millis()).unwrap_or(u32::MAX);
    let signal = AbortSignal::timeout_with_u32(millis);
    let init = request_init(call, &signal).map_err(|_| NoAnswer::Network)?;
    exchange(&call.url, &init).await.map_err(|_| {
        if signal.aborted() {
            NoAnswer::Timeout
        } else {
            // A bad URL, a refused connection, or a connection dropped mid-body: a
            // network failure, not an answer.
            NoAnswer::Network
        }
    })
}

/// The `init` of one attempt's `fetch(url, init)`: `fetch` makes the attempt's one
/// `Request` from it. (Building a `Request` first and handing it to `fetch` with the
/// signal had the runtime construct two, the second a copy carrying the signal.)
fn request_init(call: &Call, signal: &AbortSignal) -> Result<web_sys::RequestInit, JsValue> {
    let headers = web_sys::Headers::new()?;
    for (name, value) in &call.headers {
        headers.set(name, value)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(call.method.as_str());
    init.set_headers(&headers);
    if let Some(body) = &call.body {
        // Bytes, copied once into the runtime: a string would be decoded into a JS string
        // here and encoded back to UTF-8 by `fetch`. (Every call with a body sets its own
        // `Content-Type`; only a string body would get a default one.)
        init.set_body(&js_sys::Uint8Array::from(body.as_bytes()));
    }
    init.set_signal(Some(signal));
    Ok(init)
}

/// One fetch and its whole body.
async fn exchange(url: &str, init: &web_sys::RequestInit) -> Result<Answer, JsValue> {
    let global: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let response: web_sys::Response = JsFuture::from(global.fetch_with_str_and_init(url, init))
        .await?
        .dyn_into()?;
    let headers = response.headers();
    let mut kept = Vec::new();
    // Only what the readers use: each read crosses into JS and back.
    for name in ["Location", "Retry-After"] {
        if let Ok(Some(v)) = headers.get(name) {
            kept.push((name.to_owned(), v));
        }
    }
    let retry_after_ms = kept
        .iter()
        .find(|(k, _)| k == "Retry-After")
        .and_then(|(_, v)| parse_retry_after(v, now_ms()));
    let status = response.status();
    // An answer that says it has no body (Dwolla's 201 Created: a `Location`, no body) is
    // not read: reading even an empty body costs promises that each outlive a young-
    // generation GC in workerd, about a fifth of what an exchange leaves to the next full
    // GC (BENCHMARKS.md section 3g).
    let empty = matches!(headers.get("Content-Length"), Ok(Some(v)) if v.trim() == "0");
    let bytes = if empty {
        // Neither read nor cancelled: the runtime has the whole (empty) message, so the
        // connection is free again; a `cancel()` cost ~3% of the isolate's time under
        // load (BENCHMARKS.md section 3k).
        Vec::new()
    } else {
        body_bytes(&response).await?
    };
    let cut = bytes.len().min(MAX_UPSTREAM_BODY);
    let body = String::from_utf8_lossy(bytes.get(..cut).unwrap_or_default()).into_owned();
    Ok(Answer {
        status,
        headers: kept,
        retry_after_ms,
        body,
        attempts: 1,
    })
}

/// The whole body of `response`, by `arrayBuffer()` in one step: workers-rs reads a body
/// through a stream reader, whose per-chunk `releaseLock` was the largest single cost of an
/// exchange under load.
async fn body_bytes(response: &web_sys::Response) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Sends `call`, repeating it under `policy` until an answer is final, the attempts are
/// used up or `deadline_ms` (from now) would pass. Returns the last answer, or why there
/// was none.
pub async fn send(call: &Call, policy: &RetryPolicy, deadline_ms: u64) -> Result<Answer, NoAnswer> {
    let started = now_ms();
    let mut attempt_no = 0u32;
    loop {
        attempt_no += 1;
        let elapsed = now_ms().saturating_sub(started);
        let remaining = Duration::from_millis(deadline_ms.saturating_sub(elapsed).max(1));
        let result = attempt(call, remaining).await;
        let outcome = match &result {
            Ok(answer) => Outcome::Status {
                status: answer.status,
                retry_after_ms: answer.retry_after_ms,
            },
            Err(NoAnswer::Timeout) => return Err(NoAnswer::Timeout),
            Err(NoAnswer::Network) => Outcome::Network,
        };
        let elapsed = now_ms().saturating_sub(started);
        match decide(
            policy,
            call.idempotence,
            attempt_no,
            outcome,
            elapsed,
            deadline_ms,
            jitter(),
        ) {
            Decision::RetryAfter(delay) => Delay::from(delay).await,
            Decision::Stop(_) => {
                return result.map(|mut answer| {
                    answer.attempts = attempt_no;
                    answer
                });
            }
        }
    }
}

impl Answer {
    /// The answer read by the library.
    pub fn read(&self) -> consent_exchange::response::DwollaResponse {
        consent_exchange::response::read_dwolla_response(
            self.status,
            &self.headers,
            self.body.as_bytes(),
        )
    }
}
