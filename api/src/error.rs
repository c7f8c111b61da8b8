//! The one error body of the worker's API:
//! `{"error": {code, message, status, retryable, issues?, errors?, step?}}`.

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Error"))]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// The error itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    /// Stable machine code, e.g. `InvalidRequest`, `InvalidReceipt`, `Unauthenticated`,
    /// `UpstreamTimeout`.
    pub code: String,
    /// Human-readable explanation, never containing a secret.
    pub message: String,
    /// The HTTP status of the response.
    pub status: u16,
    /// Whether repeating the same call may succeed.
    pub retryable: bool,
    /// Every problem with the request, each at a JSON pointer into its body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    /// Dwolla `ValidationError` details, passed through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<UpstreamDetail>,
    /// For `link-bank`: the step that failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "LinkBankStep"))]
    pub step: Option<LinkBankStep>,
}

/// One problem with a request: the wire shape of the library's `Issue` (this crate does
/// not depend on the library, whose client depends on this crate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Issue {
    /// JSON pointer (RFC 6901) into the request body, e.g. `/accountIds/1`.
    pub path: String,
    /// Stable machine code: for a body that breaks its schema, the JSON Schema keyword
    /// it breaks (`required`, `type`, `maxLength`, `pattern`, `enum`, `oneOf`, ...);
    /// else the library's code.
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
}

/// How bad an [`Issue`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input is unusable.
    Error,
    /// Worth knowing; the input was used.
    Warning,
}

/// One detail of a Dwolla `ValidationError`, passed through: `{code, message, path?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct UpstreamDetail {
    /// Dwolla's code, e.g. `Invalid` or `Required`.
    pub code: String,
    /// Dwolla's message, filtered.
    pub message: String,
    /// JSON pointer into the request body Dwolla received, e.g. `/finicity/accountId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub path: Option<String>,
}

/// The step of `link-bank` that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum LinkBankStep {
    /// Asking Finicity for the consent receipt.
    Receipt,
    /// Creating the Dwolla exchange.
    Exchange,
    /// Creating the Dwolla funding source.
    FundingSource,
}

impl LinkBankStep {
    /// The step's name on the wire.
    pub fn name(self) -> &'static str {
        match self {
            LinkBankStep::Receipt => "receipt",
            LinkBankStep::Exchange => "exchange",
            LinkBankStep::FundingSource => "fundingSource",
        }
    }
}

impl LinkBankStep {
    /// The step named `name` on the wire.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Receipt, Self::Exchange, Self::FundingSource]
            .into_iter()
            .find(|s| s.name() == name)
    }
}
