//! What `GET /healthz` says. Configuration problems are named by variable (never by
//! value). Upstream credentials are judged from the outcome of the last token attempt
//! the worker made for real traffic, never by calling an upstream for the probe: a
//! refused Dwolla client id/secret or Finicity partner credentials make the worker
//! unhealthy (503) until a later token attempt succeeds.

use serde::{Deserialize, Serialize};

use crate::api_error::ApiError;

/// The last token attempt per upstream, as the shared state remembers it: `None` when
/// none failed since the last success (or none was made yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialStatus {
    /// Code of Dwolla's last failed token attempt, if the last attempt failed.
    #[serde(default)]
    pub dwolla: Option<String>,
    /// Code of Finicity's last failed authentication (or hold-off), if it failed.
    #[serde(default)]
    pub finicity: Option<String>,
}

/// Codes that mean the credentials themselves were refused (as opposed to an outage,
/// which the probe does not report: the worker retries those on its own).
pub fn is_credentials_failure(code: &str) -> bool {
    matches!(
        code,
        "UpstreamAuthenticationFailed"
            | "FinicityAuthenticationFailed"
            | "FinicityAuthenticationHeldOff"
    )
}

/// The probe's error, if the credentials of an upstream were refused last time.
pub fn credentials_verdict(status: &CredentialStatus) -> Option<ApiError> {
    let failing: Vec<(&str, &str)> = [
        ("Dwolla", status.dwolla.as_deref()),
        ("Finicity", status.finicity.as_deref()),
    ]
    .into_iter()
    .filter_map(|(name, code)| {
        code.filter(|c| is_credentials_failure(c))
            .map(|c| (name, c))
    })
    .collect();
    let (first_name, first_code) = *failing.first()?;
    let detail: Vec<String> = failing
        .iter()
        .map(|(name, code)| format!("{name} ({code})"))
        .collect();
    let code = if first_name == "Dwolla" {
        "UpstreamAuthenticationFailed"
    } else {
        first_code
    };
    Some(ApiError::new(
        503,
        code,
        format!(
            "the last token attempt was refused by {}: check the credentials configured for it",
            detail.join(" and ")
        ),
        false,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn healthy_when_nothing_was_refused() {
        assert!(credentials_verdict(&CredentialStatus::default()).is_none());
        // An outage is not a credentials problem.
        let outage = CredentialStatus {
            dwolla: Some("UpstreamUnavailable".into()),
            finicity: Some("UpstreamTimeout".into()),
        };
        assert!(credentials_verdict(&outage).is_none());
    }

    #[test]
    fn refused_credentials_are_named_by_upstream() {
        let e = credentials_verdict(&CredentialStatus {
            dwolla: Some("UpstreamAuthenticationFailed".into()),
            finicity: None,
        })
        .unwrap();
        assert_eq!(
            (e.status, e.code.as_str()),
            (503, "UpstreamAuthenticationFailed")
        );
        assert!(e.message.contains("Dwolla"), "{}", e.message);
        let e = credentials_verdict(&CredentialStatus {
            dwolla: None,
            finicity: Some("FinicityAuthenticationHeldOff".into()),
        })
        .unwrap();
        assert_eq!(e.code, "FinicityAuthenticationHeldOff");
        assert!(e.message.contains("Finicity") && !e.message.contains("Dwolla"));
    }
}
