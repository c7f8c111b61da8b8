//! What leaves the worker about sensitive values. Secrets are kept out structurally:
//! they are only ever placed in upstream request headers and bodies, and a reply is
//! built from named fields (never from upstream text as a whole). Two field-level
//! filters remain here: upstream free text (an error `message`) loses any exact
//! configured secret value it might quote, and bank account numbers are masked.
//! Nothing rewrites serialized JSON.

/// What replaces a secret value found in upstream free text.
pub const REDACTED: &str = "[redacted]";

/// `text` (one upstream free-text field, before it is serialized) without any exact
/// occurrence of the given secret values; values under 8 characters are ignored, so
/// ordinary words are never touched.
pub fn without_secrets(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|s| s.len() >= 8) {
        if out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    out
}

/// Cuts `text` to at most `max` characters (on a character boundary), marking the cut.
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}…", &text[..at]),
    }
}

/// Characters of an account number shown, as bank pages show them.
pub const VISIBLE_ACCOUNT_DIGITS: usize = 4;

/// An account number as it may leave the worker: `****` and its last four characters
/// (`****` alone when it has four or fewer, so a short number is never shown whole).
pub fn mask_account_number(number: &str) -> String {
    let chars: Vec<char> = number.trim().chars().collect();
    if chars.len() <= VISIBLE_ACCOUNT_DIGITS {
        return "****".to_owned();
    }
    let last: String = chars[chars.len() - VISIBLE_ACCOUNT_DIGITS..]
        .iter()
        .collect();
    format!("****{last}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_words_survive() {
        let text = r#"Basic Checking \ "Bearer of news" basic x"#;
        assert_eq!(without_secrets(text, &["ab"]), text);
    }

    #[test]
    fn exact_secret_values_are_removed_from_a_field() {
        assert_eq!(
            without_secrets("token abcdefgh12 leaked", &["abcdefgh12"]),
            "token [redacted] leaked"
        );
    }

    #[test]
    fn account_numbers_keep_their_last_four() {
        assert_eq!(mask_account_number("8000008888"), "****8888");
        assert_eq!(mask_account_number("12345"), "****2345");
        assert_eq!(mask_account_number("1234"), "****");
        assert_eq!(mask_account_number(""), "****");
        assert_eq!(mask_account_number(" 9876543210 "), "****3210");
    }
}
