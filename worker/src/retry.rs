//! Retry and backoff policy as a pure function: given what happened on an attempt, how
//! much of the deadline is left and a jitter sample, decide whether to try again and
//! after how long. The edge module only executes the decision, with the same request
//! (and so the same `Idempotency-Key`) every time.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Longest `Retry-After` honoured; anything longer ends the call at once.
pub const MAX_RETRY_AFTER_MS: u64 = 60_000;

/// Whether repeating a request can create something twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotence {
    /// A `GET`, or a `POST` with an `Idempotency-Key` Dwolla de-duplicates: repeating
    /// it after any failure is safe.
    Safe,
    /// A `POST` without such a key (Finicity's creates): repeated only when the
    /// upstream said it did nothing (429).
    Unsafe,
}

/// How many attempts and how long between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included.
    pub max_attempts: u32,
    /// Delay before the first retry, before jitter.
    pub base_delay_ms: u64,
    /// Largest delay between two attempts, before jitter.
    pub max_delay_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay_ms: 100,
            max_delay_ms: 2_000,
        }
    }
}

/// What one attempt came back with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An HTTP response; `retry_after_ms` from its `Retry-After` header.
    Status {
        /// The status code.
        status: u16,
        /// The parsed `Retry-After`, if any.
        retry_after_ms: Option<u64>,
    },
    /// No response: connection refused or dropped, or the attempt timed out.
    Network,
}

/// Why no further attempt is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The outcome is final (a success, or an error repeating cannot fix).
    Final,
    /// The outcome was retryable but every attempt is used.
    AttemptsExhausted,
    /// The outcome was retryable but waiting would pass the deadline.
    DeadlineReached,
}

/// The decision after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send the identical request again.
    RetryAfter(Duration),
    /// Return the last outcome.
    Stop(Stop),
}

/// Whether a status is worth repeating the request for.
pub fn is_retryable_status(status: u16, idempotence: Idempotence) -> bool {
    match idempotence {
        // 409: Dwolla's answer while an earlier request with the same key is still
        // being processed; repeating it returns the original result once it is done.
        Idempotence::Safe => matches!(status, 408 | 409 | 425 | 429 | 500 | 502 | 503 | 504),
        Idempotence::Unsafe => status == 429,
    }
}

/// Decides what to do after attempt number `attempt` (1-based) ended with `outcome`,
/// `elapsed_ms` after the call started, under an overall `deadline_ms`. `jitter` is a
/// sample from `[0, 1)`; the delay is "equal jitter": half fixed, half random, so that
/// clients that failed together do not retry together.
pub fn decide(
    policy: &RetryPolicy,
    idempotence: Idempotence,
    attempt: u32,
    outcome: Outcome,
    elapsed_ms: u64,
    deadline_ms: u64,
    jitter: f64,
) -> Decision {
    let retry_after_ms = match outcome {
        Outcome::Status {
            status,
            retry_after_ms,
        } => {
            if !is_retryable_status(status, idempotence) {
                return Decision::Stop(Stop::Final);
            }
            retry_after_ms
        }
        Outcome::Network => {
            if idempotence == Idempotence::Unsafe {
                return Decision::Stop(Stop::Final);
            }
            None
        }
    };
    if attempt >= policy.max_attempts {
        return Decision::Stop(Stop::AttemptsExhausted);
    }
    let delay_ms = match retry_after_ms {
        Some(ms) if ms > MAX_RETRY_AFTER_MS => return Decision::Stop(Stop::DeadlineReached),
        // The upstream said when: wait that long, plus a little spread.
        Some(ms) => ms + (jitter.clamp(0.0, 1.0) * 50.0) as u64,
        None => {
            let exp = policy
                .base_delay_ms
                .saturating_mul(1u64 << (attempt.saturating_sub(1)).min(20));
            let capped = exp.min(policy.max_delay_ms);
            capped / 2 + (capped as f64 / 2.0 * jitter.clamp(0.0, 1.0)) as u64
        }
    };
    // A retry needs time to run too: give up unless one more attempt can start with at
    // least 100 ms before the deadline.
    if elapsed_ms.saturating_add(delay_ms).saturating_add(100) > deadline_ms {
        return Decision::Stop(Stop::DeadlineReached);
    }
    Decision::RetryAfter(Duration::from_millis(delay_ms))
}

/// Parses a `Retry-After` value: delay-seconds or an HTTP date (relative to `now_ms`).
pub fn parse_retry_after(value: &str, now_ms: u64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let at_ms = at.duration_since(UNIX_EPOCH).ok()?.as_millis() as u64;
    Some(at_ms.saturating_sub(now_ms))
}

/// Milliseconds since the Unix epoch of a `SystemTime` (for callers that have one).
pub fn epoch_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}
