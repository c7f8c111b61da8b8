//! One problem found by validation: where (a JSON pointer), what (a stable code), why
//! (a message) and how bad (error or warning).

use serde::Serialize;

#[cfg(test)]
use crate::json::ObjectWriter;

/// How bad an [`Issue`] is: errors make the input unusable, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The input cannot be used as it is.
    Error,
    /// The input is usable, but something deserves attention.
    Warning,
}

/// One problem found in an input, located by a JSON pointer into the input as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// JSON pointer (RFC 6901) into the input, e.g. `/products/0/accessPeriod/endTime`.
    pub path: String,
    /// Stable machine code, e.g. `required`, `type`, `expired`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
    /// Whether the issue makes the input unusable.
    pub severity: Severity,
}

impl Issue {
    /// An issue of severity [`Severity::Error`].
    pub fn error(path: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            code: code.to_owned(),
            message: message.into(),
            severity: Severity::Error,
        }
    }

    /// An issue of severity [`Severity::Warning`].
    pub fn warning(path: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, code, message)
        }
    }

    /// Whether this issue makes the input unusable.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Appends the issues as a JSON array, as their `Serialize` impl would.
#[cfg(test)]
pub(crate) fn write_issues(out: &mut String, issues: &[Issue]) {
    out.push('[');
    for (i, issue) in issues.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let severity = match issue.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        ObjectWriter::new(out)
            .str("path", &issue.path)
            .str("code", &issue.code)
            .str("message", &issue.message)
            .str("severity", severity)
            .end();
    }
    out.push(']');
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn pointer_push(base: &str, token: &str) -> String {
    // One pass copying the runs between escapes rather than `format!` over two
    // `replace` calls: this runs for every issue and every nested object of a receipt,
    // and `str::replace` is not otherwise needed in the package.
    let mut out = String::with_capacity(base.len() + 1 + token.len());
    out.push_str(base);
    out.push('/');
    let mut start = 0;
    for (i, b) in token.bytes().enumerate() {
        let escaped = match b {
            b'~' => "~0",
            b'/' => "~1",
            _ => continue,
        };
        // `~` and `/` are ASCII, so both ends are char boundaries.
        out.push_str(token.get(start..i).unwrap_or_default());
        out.push_str(escaped);
        start = i + 1;
    }
    out.push_str(token.get(start..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::pointer_push;

    #[test]
    fn pointer_tokens_are_escaped_per_rfc_6901() {
        assert_eq!(pointer_push("", "a"), "/a");
        assert_eq!(pointer_push("/data/0", "receipt"), "/data/0/receipt");
        assert_eq!(pointer_push("/x", "a~b/c"), "/x/a~0b~1c");
        assert_eq!(pointer_push("/x", "~1"), "/x/~01");
        assert_eq!(pointer_push("/x", "é/ü"), "/x/é~1ü");
        assert_eq!(pointer_push("/x", ""), "/x/");
    }
}
