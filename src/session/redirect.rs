//! Each partner's `redirect-url` rules, per platform.

use super::{Platform, SessionError};
use crate::partners::Partner;

const HTTP_URL: &str = "an absolute http(s) URL";
const PACKAGE_NAME: &str = "an Android package name such as com.example.app";

/// What a partner accepts as `redirect-url` on a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Redirect {
    /// No redirect URL may be sent.
    None,
    /// An http(s) URL is required.
    HttpUrl,
    /// An http(s) URL may be sent.
    OptionalHttpUrl,
    /// An Android package name is required.
    PackageName,
}

fn redirect_rule(partner: Option<Partner>, platform: Platform) -> Result<Redirect, SessionError> {
    Ok(match (partner, platform) {
        (Some(p @ (Partner::Finicity | Partner::Flinks)), _) => {
            return Err(SessionError::SessionsNotSupported(p))
        }
        (Some(Partner::Visa), _) => Redirect::HttpUrl,
        // Dwolla: "For MX exchange sessions, this parameter is not required": optional,
        // and checked like any other when given.
        (Some(Partner::Mx), _) => Redirect::OptionalHttpUrl,
        (Some(Partner::CheckoutCom), _) => Redirect::None,
        (Some(Partner::Plaid), Platform::Web) => Redirect::None,
        // A re-auth session for an unknown partner: Visa needs a URL, Plaid web none,
        // so on the web either is accepted.
        (None, Platform::Web) => Redirect::OptionalHttpUrl,
        (_, Platform::Android) => Redirect::PackageName,
        (_, Platform::Ios) => Redirect::HttpUrl,
    })
}

/// Applies the partner's rules to a redirect URL; `Ok(Some(url))` is what to send.
pub(super) fn check_redirect<'a>(
    partner: Option<Partner>,
    platform: Platform,
    redirect: Option<&'a str>,
    allowed: Option<&[String]>,
) -> Result<Option<&'a str>, SessionError> {
    let rule = redirect_rule(partner, platform)?;
    match (rule, redirect) {
        (Redirect::None, None) | (Redirect::OptionalHttpUrl, None) => Ok(None),
        (Redirect::None, Some(_)) => Err(SessionError::RedirectUrlNotAllowed(match partner {
            Some(Partner::Plaid) => "Plaid web sessions take no redirectUrl (use platform \"android\" or \"ios\" for mobile)",
            _ => "this partner's sessions take no redirectUrl",
        })),
        (Redirect::PackageName, None) => Err(SessionError::RedirectUrlRequired {
            expected: PACKAGE_NAME,
        }),
        (Redirect::PackageName, Some(name)) if is_android_package(name) => Ok(Some(name)),
        (Redirect::PackageName, Some(_)) => Err(SessionError::RedirectUrlInvalid {
            expected: PACKAGE_NAME,
        }),
        (Redirect::HttpUrl, None) => match allowed {
            Some([]) => Err(SessionError::RedirectUrlNotConfigured),
            _ => Err(SessionError::RedirectUrlRequired { expected: HTTP_URL }),
        },
        (Redirect::HttpUrl | Redirect::OptionalHttpUrl, Some(url)) => {
            if !is_http_url(url) {
                return Err(SessionError::RedirectUrlInvalid { expected: HTTP_URL });
            }
            match allowed {
                None => Ok(Some(url)),
                Some([]) => Err(SessionError::RedirectUrlNotConfigured),
                // Dwolla compares exactly (scheme, host, port, path), so do we.
                Some(list) if list.iter().any(|a| a == url) => Ok(Some(url)),
                Some(_) => Err(SessionError::RedirectUrlNotAllowed(
                    "redirectUrl must exactly match one of allowedRedirectUrls",
                )),
            }
        }
    }
}

/// Whether `s` is an absolute http(s) URL: the crate's one URL check (see
/// [`crate::request::url`]), which redirect URLs and provider URLs go through.
pub use crate::request::url::is_http_url;

/// Whether `s` is an Android application id: two or more dot-separated segments, each
/// a letter followed by letters, digits or underscores (`com.example.app123`).
pub fn is_android_package(s: &str) -> bool {
    let mut segments = 0;
    for segment in crate::text::split(s, b'.') {
        let mut bytes = segment.bytes();
        match bytes.next() {
            Some(b) if b.is_ascii_alphabetic() => {}
            _ => return false,
        }
        if !bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names() {
        assert!(is_android_package("com.example.app123"));
        assert!(is_android_package("com.example_x.App"));
        for bad in [
            "",
            "com",
            "com.",
            ".com.x",
            "com.1app",
            "com.ex-ample",
            "https://x.y",
        ] {
            assert!(!is_android_package(bad), "{bad}");
        }
    }
}
