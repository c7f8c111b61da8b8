//! Output filtering: secrets and tokens are scrubbed from any text that came from an
//! upstream or that leaves the worker, as a second line of defence behind the rule
//! that they are never put there in the first place.

/// What replaces a scrubbed value.
pub const REDACTED: &str = "[redacted]";

/// Replaces every occurrence of each secret (those of 8 characters or more; shorter
/// values would scrub ordinary words) and every `Bearer`/`Basic` credential in `text`.
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|s| s.len() >= 8) {
        if out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    scrub_credentials(&out)
}

/// Replaces the credential after `Bearer ` or `Basic ` (any case) in `text`.
fn scrub_credentials(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("bearer ") && !lower.contains("basic ") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let lower_rest = rest.to_ascii_lowercase();
        let hit = ["bearer ", "basic "]
            .iter()
            .filter_map(|p| lower_rest.find(p).map(|i| (i, p.len())))
            .min();
        let Some((at, plen)) = hit else {
            out.push_str(rest);
            return out;
        };
        let (before, after) = rest.split_at(at + plen);
        out.push_str(before);
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '<'))
            .unwrap_or(after.len());
        if end > 0 {
            out.push_str(REDACTED);
        }
        rest = &after[end..];
    }
}

/// Cuts `text` to at most `max` characters (on a character boundary), marking the cut.
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}…", &text[..at]),
    }
}
