//! Connections: an answer that says `keep-alive` leaves the connection usable, whether
//! or not its handler read the request body, and whenever the body arrives.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::*;

/// Writes `parts` to a new connection with `pause` between them, then reads until the
/// sandbox closes it; returns everything it answered.
async fn converse(t: &T, parts: Vec<String>, pause: Duration) -> String {
    let addr = t.sb.addr;
    tokio::task::spawn_blocking(move || {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                std::thread::sleep(pause);
            }
            // A closed connection is what the tests look for: stop writing, read.
            if s.write_all(part.as_bytes()).is_err() {
                break;
            }
        }
        let mut answered = Vec::new();
        let _ = s.read_to_end(&mut answered);
        String::from_utf8_lossy(&answered).into_owned()
    })
    .await
    .expect("client thread")
}

fn statuses(answered: &str) -> Vec<&str> {
    answered
        .split("HTTP/1.1 ")
        .skip(1)
        .map(|r| r.get(..3).unwrap_or(""))
        .collect()
}

#[tokio::test]
async fn a_refusal_before_the_body_arrives_keeps_the_connection() {
    let t = sandbox().await;
    let body = r#"{"username":"late-body"}"#;
    // The token check refuses without reading the body; the body comes 150 ms after
    // the head, as a client that writes them separately may send it. The second
    // request asks to close, so the read ends when everything is answered.
    let answered = converse(
        &t,
        vec![
            format!(
                "POST /aggregation/v2/customers/testing HTTP/1.1\r\nHost: sandbox\r\n\
                 Finicity-App-Key: wrong\r\nFinicity-App-Token: wrong\r\n\
                 Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            ),
            body.to_owned(),
            "GET /_admin/health HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n\r\n".into(),
        ],
        Duration::from_millis(150),
    )
    .await;
    assert_eq!(statuses(&answered), ["401", "200"], "{answered}");
    let first = answered.split("HTTP/1.1 ").nth(1).unwrap_or("");
    assert!(
        !first.to_ascii_lowercase().contains("connection: close"),
        "{answered}"
    );
}

#[tokio::test]
async fn an_oversized_body_is_refused_and_the_connection_closed() {
    let t = sandbox().await;
    let big = "x".repeat(consent_exchange_sandbox::MAX_BODY + 1);
    let answered = converse(
        &t,
        vec![format!(
            "POST /customers HTTP/1.1\r\nHost: sandbox\r\n\
                 Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{big}",
            big.len()
        )],
        Duration::from_millis(50),
    )
    .await;
    assert_eq!(statuses(&answered), ["413"], "{answered}");
    let lower = answered.to_ascii_lowercase();
    assert!(lower.contains("connection: close"), "{answered}");
    assert!(answered.contains("Request body too large."), "{answered}");
}
