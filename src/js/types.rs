//! Declarations of the JS types several functions share: requests, methods,
//! environments and issues (see `decl.rs`).

use super::decl::{js_enum, js_interface_text, js_output};
use crate::request::Headers;

// The shared types each entry declares only when one of its functions takes or returns
// them (the webhook entry has no requests at all).
#[cfg(any(
    feature = "js-link",
    feature = "js-funding",
    feature = "js-reads",
    feature = "js-finicity"
))]
js_enum! {
    /// HTTP method of a built request.
    Method = crate::request::Method { Get = "GET", Post = "POST", Put = "PUT", Delete = "DELETE" }
}

#[cfg(any(feature = "js-link", feature = "js-funding", feature = "js-reads"))]
js_enum! {
    /// Which Dwolla environment a request targets; `sandbox` when absent.
    Environment = crate::request::Environment { Sandbox = "sandbox", Production = "production" }
}

js_enum! {
    /// How bad an `Issue` is: errors make the input unusable, warnings do not.
    Severity = crate::issue::Severity { Error = "error", Warning = "warning" }
}

js_output! {
    /// One problem found in an input, located by a JSON pointer into the input as given.
    Issue = crate::issue::Issue {
        /// JSON pointer (RFC 6901) into the input, e.g. `/products/0/accessPeriod/endTime`.
        path: path: String,
        /// Stable machine code, e.g. `required`, `type`, `expired`.
        code: code: String,
        /// Human-readable explanation.
        message: message: String,
        /// Whether the issue makes the input unusable.
        severity: severity: crate::issue::Severity,
    }
}

#[cfg(any(feature = "js-link", feature = "js-funding", feature = "js-reads"))]
js_output! {
    /// A request to send to Dwolla, as plain data: `fetch(req.url, { method: req.method,
    /// headers: { ...req.headers, Authorization: `Bearer ${token}` }, body: req.body })`.
    ///
    /// `headers` always holds `Accept: application/vnd.dwolla.v1.hal+json`; a `POST` also
    /// holds `Content-Type` and `Idempotency-Key`.
    DwollaRequest = crate::request::DwollaRequest {
        /// The HTTP method.
        method: method: crate::request::Method,
        /// The absolute URL.
        url: url: String,
        /// Header names and values (a plain object); never `Authorization`.
        headers: headers: Headers,
        /// The exact JSON text of the body, or `null` for requests without one.
        body: body: Option<String>,
        /// The `Idempotency-Key` header's value for a `POST`, else `null`.
        idempotencyKey: idempotency_key: Option<String>,
    }
}

#[cfg(feature = "js-finicity")]
js_interface_text! {
    /// A request to Finicity, as plain data (a `POST`, or the `PUT` of a receipt
    /// update, with a JSON body). Add `Finicity-App-Key` (and, after authentication,
    /// `Finicity-App-Token`) to `headers` server-side.
    FinicityRequest {
        /// The HTTP method.
        method: crate::request::Method,
        /// The absolute URL.
        url: String,
        /// `Accept` and `Content-Type`; never `Finicity-App-Key` or `Finicity-App-Token`.
        headers: Headers,
        /// The exact JSON text of the body.
        body: String,
    }
}

#[cfg(feature = "js-finicity")]
js_interface_text! {
    /// The `DELETE` of `finicityRevokeAccessKeyRequest`: a `FinicityRequest` without a
    /// body. Add `Finicity-App-Key` and `Finicity-App-Token` to `headers` server-side.
    FinicityRevokeRequest {
        /// `DELETE`.
        method: crate::request::Method,
        /// The absolute URL.
        url: String,
        /// `Accept`; never `Finicity-App-Key` or `Finicity-App-Token`.
        headers: Headers,
        /// Always `null`.
        body: super::decl::Null,
    }
}

// Member groups several inputs share, for `..group` in a `js_input!`: each is written
// once here, with its docs. A group is a macro that splices its members in front of the
// rest of the list (`$head` and `$done` are `js_input!`'s state) and may name other
// groups.

/// Where a Dwolla request goes: `environment` and `baseUrl`.
macro_rules! dwolla_host {
    ($head:tt [$($done:tt)*] $($rest:tt)*) => {
        $crate::js::decl::js_input! { @expand $head [$($done)*]
            /// `sandbox` (default) or `production`.
            environment: environment: Option<crate::request::Environment>,
            /// Overrides the environment's host (e.g. a local sandbox).
            baseUrl: base_url: Option<String>,
            $($rest)*
        }
    };
}

/// A Dwolla `POST`'s target: [`dwolla_host!`] and `idempotencyKey`.
macro_rules! dwolla_post {
    ($head:tt [$($done:tt)*] $($rest:tt)*) => {
        $crate::js::decl::js_input! { @expand $head [$($done)*]
            ..$crate::js::types::dwolla_host,
            /// The `Idempotency-Key`; derived from the request when absent.
            idempotencyKey: idempotency_key: Option<String>,
            $($rest)*
        }
    };
}

/// An exchange's `POST`: [`dwolla_host!`] and `idempotencyKey` (why a derived key is safe
/// to retry).
macro_rules! exchange_post {
    ($head:tt [$($done:tt)*] $($rest:tt)*) => {
        $crate::js::decl::js_input! { @expand $head [$($done)*]
            ..$crate::js::types::dwolla_host,
            /// The `Idempotency-Key`; derived from the request when absent, so a retry of the
            /// same exchange carries the same key.
            idempotencyKey: idempotency_key: Option<String>,
            $($rest)*
        }
    };
}

/// Where an exchange is created: an optional `customerId`, then [`exchange_post!`].
macro_rules! exchange_target {
    ($head:tt [$($done:tt)*] $($rest:tt)*) => {
        $crate::js::decl::js_input! { @expand $head [$($done)*]
            /// A customer (UUID) for `POST /customers/{id}/exchanges`; `POST /exchanges` (the
            /// account's own exchange) when absent.
            customerId: customer_id: Option<String>,
            ..$crate::js::types::exchange_post,
            $($rest)*
        }
    };
}

pub(crate) use {dwolla_host, dwolla_post, exchange_post, exchange_target};

#[cfg(any(feature = "js-link", feature = "js-funding", feature = "js-reads"))]
/// A `DwollaRequest` for JS. The body is already JSON text: written into the result's
/// JSON it would be escaped here and unescaped again by `JSON.parse`, so the rest is
/// parsed with `body: null` and the body set as a string afterwards (same member order).
pub(crate) fn dwolla_request(
    mut request: crate::request::DwollaRequest,
) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let body = request.body.take();
    let value = super::json::output(&super::decl::to_json::<crate::request::DwollaRequest>(
        &request,
    ))?;
    if let Some(body) = body {
        js_sys::Reflect::set(&value, &"body".into(), &body.into())?;
    }
    Ok(value)
}

/// Issues as a JSON array.
pub(crate) fn write_issues(out: &mut String, issues: &[crate::issue::Issue]) {
    super::decl::write_list::<crate::issue::Issue>(issues, out);
}
