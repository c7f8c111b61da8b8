//! Reading a retrieved exchange session (what the browser opens) and Visa's redirect
//! back to the application.

use percent_encoding::percent_decode;
use serde::Serialize;
use serde_json::Value;

use super::redirect::is_http_url;
use super::SessionError;
use crate::ids::is_uuid;
#[cfg(any(feature = "js", test))]
use crate::json::ObjectWriter;
use crate::json::Tree;
use crate::text;

/// What the browser opens for a retrieved exchange session.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SessionLaunch {
    /// Send the customer to `url` (MX Connect, Visa).
    Redirect {
        /// `_links.external-provider-session.href`.
        url: String,
    },
    /// Open Plaid Link with this token.
    PlaidLink {
        /// `externalProviderSessionToken`.
        #[serde(rename = "linkToken")]
        link_token: String,
    },
    /// Start Checkout.com Flow with this payment session.
    Checkout {
        /// `externalProviderSessionData`, as Dwolla returned it.
        session: Value,
    },
}

/// Reads the body of `GET /exchange-sessions/{id}`: a Plaid link token
/// (`externalProviderSessionToken`), Checkout.com session data
/// (`externalProviderSessionData`) or a URL to open (`_links.external-provider-session`,
/// MX and Visa), which must be http(s) so that a page never navigates to, say, a
/// `javascript:` URL.
pub fn read_exchange_session(body: &Value) -> Result<SessionLaunch, SessionError> {
    Ok(match read_session(body)? {
        Launch::Redirect(url) => SessionLaunch::Redirect { url },
        Launch::PlaidLink(link_token) => SessionLaunch::PlaidLink { link_token },
        Launch::Checkout(session) => SessionLaunch::Checkout {
            session: session.clone(),
        },
    })
}

/// [`SessionLaunch`] borrowing Checkout.com's session data from the tree it came from.
pub(crate) enum Launch<'a, T> {
    Redirect(String),
    PlaidLink(String),
    Checkout(&'a T),
}

#[cfg(any(feature = "js", test))]
impl Launch<'_, crate::json::Node<'_>> {
    /// The launch as JSON text, as [`SessionLaunch`]'s `Serialize` impl writes it.
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::new(&mut out);
        match self {
            Launch::Redirect(url) => object.str("kind", "redirect").str("url", url),
            Launch::PlaidLink(token) => object.str("kind", "plaidLink").str("linkToken", token),
            Launch::Checkout(session) => {
                object.str("kind", "checkout");
                session.write(object.key("session"));
                &mut object
            }
        }
        .end();
        out
    }
}

/// [`read_exchange_session`] for any JSON tree.
pub(crate) fn read_session<T: Tree>(body: &T) -> Result<Launch<'_, T>, SessionError> {
    if !body.is_object() {
        return Err(SessionError::InvalidSessionBody);
    }
    if let Some(token) = body
        .member("externalProviderSessionToken")
        .and_then(T::text)
        .filter(|t| !t.is_empty())
    {
        return Ok(Launch::PlaidLink(token.to_owned()));
    }
    if let Some(data) = body
        .member("externalProviderSessionData")
        .filter(|d| !d.is_null())
    {
        return Ok(Launch::Checkout(data));
    }
    match body
        .at("/_links/external-provider-session/href")
        .and_then(T::text)
    {
        Some(url) if is_http_url(url) => Ok(Launch::Redirect(url.to_owned())),
        Some(_) => Err(SessionError::InvalidProviderUrl),
        None => Err(SessionError::NoProviderSession),
    }
}

/// Where Visa's flow ended, from the redirect back to the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum VisaRedirect {
    /// The exchange was created: `?exchange={id}`.
    Exchange {
        /// The new exchange's id (a UUID).
        #[serde(rename = "exchangeId")]
        exchange_id: String,
    },
    /// The flow failed: `?error=` `USER_CANCELLED`, `AUTHENTICATION_ERROR` or
    /// `TEMPORARY_ERROR` (others are passed on as sent).
    Error {
        /// The error code Visa sent.
        error: String,
    },
}

/// Reads Visa's redirect back to the application: a full URL, a path with a query, or
/// just the query (`location.search`). An `error` parameter wins over `exchange`.
pub fn read_visa_redirect(url: &str) -> Result<VisaRedirect, SessionError> {
    let without_fragment = text::first_part(url, b'#');
    let query = match text::split_once(without_fragment, b'?') {
        Some((_, q)) => q,
        None => without_fragment,
    };
    let mut exchange = None;
    let mut error = None;
    for pair in text::split(query, b'&') {
        let (key, value) = text::split_once(pair, b'=').unwrap_or((pair, ""));
        // `+` is a space in a query; the bytes are mapped before percent-decoding, so an
        // encoded `%2B` stays a plus.
        let mut value = value.as_bytes().to_vec();
        for b in &mut value {
            if *b == b'+' {
                *b = b' ';
            }
        }
        // Both parameters are checked for an ASCII shape (a UUID, an error code) below,
        // so bytes that are not UTF-8 only need to fail those checks; U+FFFD does, as the
        // lossy decoder's output would, without its code in the package.
        let mut decoded = Vec::with_capacity(value.len());
        for b in percent_decode(&value) {
            decoded.push(b);
        }
        let value = String::from_utf8(decoded).unwrap_or_else(|_| "\u{FFFD}".to_owned());
        match key {
            "exchange" if exchange.is_none() => exchange = Some(value),
            "error" if error.is_none() => error = Some(value),
            _ => {}
        }
    }
    if let Some(error) = error {
        // Only code-shaped values, so a crafted link cannot put arbitrary text in the UI.
        let code_shaped = !error.is_empty()
            && error.len() <= 64
            && error
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        return if code_shaped {
            Ok(VisaRedirect::Error { error })
        } else {
            Err(SessionError::InvalidVisaRedirect(
                "the error parameter is not an error code",
            ))
        };
    }
    match exchange {
        Some(id) if is_uuid(&id) => Ok(VisaRedirect::Exchange { exchange_id: id }),
        Some(_) => Err(SessionError::InvalidVisaRedirect(
            "the exchange parameter is not a UUID",
        )),
        None => Err(SessionError::InvalidVisaRedirect(
            "neither an exchange nor an error parameter",
        )),
    }
}

impl VisaRedirect {
    /// The redirect as JSON text, as its `Serialize` impl writes it.
    #[cfg(any(feature = "js", test))]
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        match self {
            VisaRedirect::Exchange { exchange_id } => ObjectWriter::new(&mut out)
                .str("exchangeId", exchange_id)
                .end(),
            VisaRedirect::Error { error } => ObjectWriter::new(&mut out).str("error", error).end(),
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visa_query_values_decode_plus_percent_and_reject_non_utf8() {
        // `+` is a space (so not a code), `%2B` a literal plus (not a code either), and
        // bytes that are not UTF-8 fail the shape checks instead of being passed on.
        for (query, why) in [
            ("?error=USER+CANCELLED", "not an error code"),
            ("?error=USER%2BCANCELLED", "not an error code"),
            ("?error=%FF%FE", "not an error code"),
            ("?exchange=%FF", "not a UUID"),
            (
                "?exchange=10cde28b+6a39-4ed1-bce9-aa611a360720",
                "not a UUID",
            ),
        ] {
            match read_visa_redirect(query) {
                Err(SessionError::InvalidVisaRedirect(reason)) => {
                    assert!(reason.contains(why), "{query}: {reason}")
                }
                other => panic!("{query}: {other:?}"),
            }
        }
        assert_eq!(
            read_visa_redirect("?error=TEMPORARY_ERROR&x=a+b%2B%FF").unwrap(),
            VisaRedirect::Error {
                error: "TEMPORARY_ERROR".into()
            }
        );
    }
}
