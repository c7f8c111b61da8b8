//! The retry policy as a table: outcome, attempt, time used → decision.

use std::time::Duration;

use consent_exchange_worker::retry::{
    decide, is_retryable_status, parse_retry_after, Decision, Idempotence, Outcome, RetryPolicy,
    Stop,
};

const SAFE: Idempotence = Idempotence::Safe;
const UNSAFE: Idempotence = Idempotence::Unsafe;

fn status(status: u16) -> Outcome {
    Outcome::Status {
        status,
        retry_after_ms: None,
    }
}

fn after(status: u16, ms: u64) -> Outcome {
    Outcome::Status {
        status,
        retry_after_ms: Some(ms),
    }
}

fn retry(ms: u64) -> Decision {
    Decision::RetryAfter(Duration::from_millis(ms))
}

#[test]
fn decision_table() {
    let p = RetryPolicy {
        max_attempts: 4,
        base_delay_ms: 100,
        max_delay_ms: 2_000,
    };
    // (idempotence, attempt, outcome, elapsed, deadline, jitter, expected)
    let table: &[(Idempotence, u32, Outcome, u64, u64, f64, Decision)] = &[
        // Final answers stop at once.
        (
            SAFE,
            1,
            status(200),
            0,
            10_000,
            0.5,
            Decision::Stop(Stop::Final),
        ),
        (
            SAFE,
            1,
            status(201),
            0,
            10_000,
            0.5,
            Decision::Stop(Stop::Final),
        ),
        (
            SAFE,
            1,
            status(400),
            0,
            10_000,
            0.5,
            Decision::Stop(Stop::Final),
        ),
        (
            SAFE,
            1,
            status(401),
            0,
            10_000,
            0.5,
            Decision::Stop(Stop::Final),
        ),
        (
            SAFE,
            1,
            status(404),
            0,
            10_000,
            0.5,
            Decision::Stop(Stop::Final),
        ),
        // Equal jitter: half fixed, half random; exponential; capped.
        (SAFE, 1, status(500), 0, 10_000, 0.0, retry(50)),
        (SAFE, 1, status(500), 0, 10_000, 1.0, retry(100)),
        (SAFE, 2, status(502), 0, 10_000, 0.0, retry(100)),
        (SAFE, 3, status(503), 0, 10_000, 0.5, retry(300)),
        (SAFE, 3, Outcome::Network, 0, 10_000, 0.0, retry(200)),
        (SAFE, 1, status(409), 0, 10_000, 0.0, retry(50)),
        // Retry-After is honoured exactly (plus at most 50 ms of spread).
        (SAFE, 1, after(429, 1_000), 0, 10_000, 0.0, retry(1_000)),
        (SAFE, 1, after(503, 2_000), 0, 10_000, 1.0, retry(2_050)),
        // ... unless it would pass the deadline, or is absurdly long.
        (
            SAFE,
            1,
            after(429, 5_000),
            6_000,
            10_000,
            0.0,
            Decision::Stop(Stop::DeadlineReached),
        ),
        (
            SAFE,
            1,
            after(429, 120_000),
            0,
            1_000_000,
            0.0,
            Decision::Stop(Stop::DeadlineReached),
        ),
        (
            SAFE,
            2,
            status(500),
            9_950,
            10_000,
            0.0,
            Decision::Stop(Stop::DeadlineReached),
        ),
        // Bounded attempts.
        (
            SAFE,
            4,
            status(500),
            0,
            10_000,
            0.0,
            Decision::Stop(Stop::AttemptsExhausted),
        ),
        (
            SAFE,
            4,
            Outcome::Network,
            0,
            10_000,
            0.0,
            Decision::Stop(Stop::AttemptsExhausted),
        ),
        // Creates without an idempotency key are repeated only after a 429.
        (
            UNSAFE,
            1,
            status(500),
            0,
            10_000,
            0.0,
            Decision::Stop(Stop::Final),
        ),
        (
            UNSAFE,
            1,
            Outcome::Network,
            0,
            10_000,
            0.0,
            Decision::Stop(Stop::Final),
        ),
        (
            UNSAFE,
            1,
            status(409),
            0,
            10_000,
            0.0,
            Decision::Stop(Stop::Final),
        ),
        (UNSAFE, 1, after(429, 500), 0, 10_000, 0.0, retry(500)),
    ];
    for (i, (idem, attempt, outcome, elapsed, deadline, jitter, expected)) in
        table.iter().enumerate()
    {
        let got = decide(&p, *idem, *attempt, *outcome, *elapsed, *deadline, *jitter);
        assert_eq!(
            got, *expected,
            "row {i}: {idem:?} attempt {attempt} {outcome:?}"
        );
    }
}

#[test]
fn delays_never_exceed_the_cap_and_jitter_is_clamped() {
    let p = RetryPolicy {
        max_attempts: 30,
        base_delay_ms: 100,
        max_delay_ms: 2_000,
    };
    for attempt in 1..30 {
        for jitter in [-1.0, 0.0, 0.3, 0.999, 5.0] {
            match decide(&p, SAFE, attempt, status(503), 0, u64::MAX, jitter) {
                Decision::RetryAfter(d) => assert!(d <= Duration::from_millis(2_000)),
                other => panic!("attempt {attempt}: {other:?}"),
            }
        }
    }
}

#[test]
fn retryable_statuses() {
    for s in [408, 409, 425, 429, 500, 502, 503, 504] {
        assert!(is_retryable_status(s, SAFE), "{s}");
    }
    for s in [200, 201, 301, 400, 401, 403, 404, 405, 406, 413, 422, 501] {
        assert!(!is_retryable_status(s, SAFE), "{s}");
    }
    assert!(is_retryable_status(429, UNSAFE));
    assert!(!is_retryable_status(503, UNSAFE));
}

#[test]
fn retry_after_in_both_forms() {
    assert_eq!(parse_retry_after("3", 0), Some(3_000));
    assert_eq!(parse_retry_after(" 0 ", 0), Some(0));
    // 1994-11-06T08:49:37Z is 784111777 s after the epoch.
    let now = 784_111_770_000;
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
        Some(7_000)
    );
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now + 60_000),
        Some(0)
    );
    for bad in ["", "soon", "-1", "1.5"] {
        assert_eq!(parse_retry_after(bad, 0), None, "{bad}");
    }
}
