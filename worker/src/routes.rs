//! The API's routes: one table ([`Route::spec`]) gives each route its method, path
//! template, access, request and reply types. Requests are matched against it
//! ([`match_route`]) and `/openapi.json` is generated from it ([`crate::openapi`]);
//! [`Route::iter`] walks every variant, so a route cannot exist undocumented. Path
//! segments are returned as given; handlers validate them (a customer id must be a
//! UUID, a Finicity id digits).

use schemars::{JsonSchema, Schema, SchemaGenerator};
pub use strum::IntoEnumIterator;

use consent_exchange_api::{reply, request};

/// A matched route.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
pub enum Route {
    /// `GET /healthz`
    Health,
    /// `GET /openapi.json`
    OpenApi,
    /// `POST /api/demo/customers`
    DemoCustomer,
    /// `POST /api/sessions`
    IssueSession,
    /// `POST /api/finicity/customers`
    FinicityCustomer,
    /// `POST /api/finicity/connect-url`
    FinicityConnectUrl,
    /// `GET /api/finicity/customers/{customerId}/accounts`
    FinicityAccounts(String),
    /// `POST /api/finicity/consent-receipts`
    FinicityConsentReceipt,
    /// `GET /api/exchange-partners`
    ExchangePartners,
    /// `POST /api/customers/{customerId}/exchanges`
    CreateExchange(String),
    /// `POST /api/customers/{customerId}/exchange-sessions`
    CreateExchangeSession(String),
    /// `POST /api/exchanges/{exchangeId}/exchange-sessions`
    ReauthExchangeSession(String),
    /// `GET /api/exchanges/{exchangeId}`
    GetExchange(String),
    /// `GET /api/customers/{customerId}/events`
    CustomerEvents(String),
    /// `POST /api/customers/{customerId}/funding-sources`
    CreateFundingSource(String),
    /// `POST /api/link-bank`
    LinkBank,
    /// `POST /webhooks/dwolla`
    DwollaWebhook,
}

/// An HTTP method of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET` (`HEAD` matches it too).
    Get,
    /// `POST`
    Post,
}

impl Method {
    /// The method's name, as `Allow` lists it.
    pub fn allowed(self) -> &'static [&'static str] {
        match self {
            Method::Get => &["GET"],
            Method::Post => &["POST"],
        }
    }

    /// The lower-case name OpenAPI keys operations by.
    pub fn key(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
        }
    }
}

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone.
    Public,
    /// A session token (`Authorization: Bearer <sessionToken>`).
    Session,
    /// A backend with `SESSION_ISSUER_KEY` (`Authorization: Bearer <key>`).
    IssuerKey,
    /// Dwolla, with `X-Request-Signature-SHA-256` over the raw body.
    Signature,
}

/// What a path parameter names, and so the form it must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Id {
    /// A Dwolla id: a UUID.
    Dwolla,
    /// A Finicity id: digits.
    Finicity,
}

/// Writes a type's schema into the document (as a `$ref` to its component).
pub type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

fn schema<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    g.subschema_for::<T>()
}

/// A request body.
#[derive(Clone, Copy)]
pub struct Body {
    /// Its type's schema.
    pub schema: SchemaFn,
    /// Whether a body must be sent (else an empty body reads as `{}`).
    pub required: bool,
}

/// One answer of a route.
#[derive(Clone, Copy)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// When it is given.
    pub description: &'static str,
    /// Its body's type's schema.
    pub schema: SchemaFn,
}

/// The error answers a route documents (all with the error body).
#[derive(Clone, Copy, Debug)]
pub enum Errors {
    /// The API's usual set: 400 and 404, 413 and 415 with a body, 401 and 403 with a
    /// session, 502/503/504 from upstream.
    Usual,
    /// Exactly these.
    Only(&'static [(u16, &'static str)]),
}

/// Everything the document says about a route.
#[derive(Clone, Copy)]
pub struct Spec {
    /// The method.
    pub method: Method,
    /// The path template, parameters in braces.
    pub path: &'static str,
    /// What the path parameter names, for a template with one.
    pub param: Option<(Id, &'static str)>,
    /// One line on what it does.
    pub summary: &'static str,
    /// Its group in the document.
    pub tag: &'static str,
    /// Who may call it.
    pub access: Access,
    /// Its request body, if it takes one.
    pub request: Option<Body>,
    /// Its success answers.
    pub answers: &'static [Answer],
    /// Its error answers.
    pub errors: Errors,
}

fn body<T: JsonSchema>(required: bool) -> Option<Body> {
    Some(Body {
        schema: schema::<T>,
        required,
    })
}

impl Route {
    /// The route's row of the table.
    pub fn spec(&self) -> Spec {
        use Access::*;
        let (method, path, param, summary, tag, access, request, answers, errors): (
            Method,
            &'static str,
            Option<(Id, &'static str)>,
            &'static str,
            &'static str,
            Access,
            Option<Body>,
            &'static [Answer],
            Errors,
        ) = match self {
            Route::Health => (
                Method::Get,
                "/healthz",
                None,
                "Liveness and configuration check",
                "meta",
                Public,
                None,
                &[Answer { status: 200, description: "Configured", schema: schema::<reply::Health> }],
                Errors::Only(&[(503, "Configuration missing, weak or contradictory (ConfigurationError, naming the variables), or upstream credentials refused at the last token attempt (UpstreamAuthenticationFailed, FinicityAuthenticationFailed, FinicityAuthenticationHeldOff)")]),
            ),
            Route::OpenApi => (
                Method::Get,
                "/openapi.json",
                None,
                "This document",
                "meta",
                Public,
                None,
                &[Answer { status: 200, description: "OpenAPI 3.1", schema: any_object }],
                Errors::Only(&[]),
            ),
            Route::DemoCustomer => (
                Method::Post,
                "/api/demo/customers",
                None,
                "Create a Dwolla customer and a session for it (demo mode only; 404 otherwise)",
                "sessions",
                Public,
                body::<request::DemoCustomerRequest>(true),
                &[Answer { status: 201, description: "Created", schema: schema::<reply::DemoCustomer> }],
                Errors::Usual,
            ),
            Route::IssueSession => (
                Method::Post,
                "/api/sessions",
                None,
                "Issue a session token (backends, with SESSION_ISSUER_KEY)",
                "sessions",
                IssuerKey,
                body::<request::SessionRequest>(true),
                &[Answer { status: 201, description: "Issued", schema: schema::<reply::IssuedSession> }],
                Errors::Usual,
            ),
            Route::FinicityCustomer => (
                Method::Post,
                "/api/finicity/customers",
                None,
                "Create a Finicity testing customer, owned by the session's customer",
                "finicity",
                Session,
                body::<request::FinicityCustomerRequest>(false),
                &[Answer { status: 201, description: "Created", schema: schema::<reply::FinicityCustomer> }],
                Errors::Usual,
            ),
            Route::FinicityConnectUrl => (
                Method::Post,
                "/api/finicity/connect-url",
                None,
                "Generate a Finicity Connect URL for an owned Finicity customer; redirectUri must be one of ALLOWED_REDIRECT_URLS",
                "finicity",
                Session,
                body::<request::ConnectUrlRequest>(true),
                &[Answer { status: 200, description: "The link", schema: schema::<reply::ConnectUrl> }],
                Errors::Usual,
            ),
            Route::FinicityAccounts(_) => (
                Method::Get,
                "/api/finicity/customers/{customerId}/accounts",
                Some((Id::Finicity, "Finicity customer id")),
                "List an owned Finicity customer's accounts (numbers masked)",
                "finicity",
                Session,
                None,
                &[Answer { status: 200, description: "Accounts", schema: schema::<reply::FinicityAccounts> }],
                Errors::Usual,
            ),
            Route::FinicityConsentReceipt => (
                Method::Post,
                "/api/finicity/consent-receipts",
                None,
                "Create a consent receipt with Dwolla as the third party, for accounts of an owned Finicity customer",
                "finicity",
                Session,
                body::<request::ConsentReceiptRequest>(true),
                &[Answer { status: 201, description: "Created", schema: schema::<reply::ConsentReceipt> }],
                Errors::Usual,
            ),
            Route::ExchangePartners => (
                Method::Get,
                "/api/exchange-partners",
                None,
                "List Dwolla exchange partners (cached)",
                "dwolla",
                Public,
                None,
                &[Answer { status: 200, description: "Partners", schema: schema::<reply::ExchangePartnerList> }],
                Errors::Usual,
            ),
            Route::CreateExchange(_) => (
                Method::Post,
                "/api/customers/{customerId}/exchanges",
                Some((Id::Dwolla, "Dwolla customer id")),
                "Create an exchange",
                "dwolla",
                Session,
                body::<request::CreateExchangeRequest>(true),
                &[Answer { status: 201, description: "Created", schema: schema::<reply::CreatedExchange> }],
                Errors::Usual,
            ),
            Route::CreateExchangeSession(_) => (
                Method::Post,
                "/api/customers/{customerId}/exchange-sessions",
                Some((Id::Dwolla, "Dwolla customer id")),
                "Create an exchange session and say what to open",
                "dwolla",
                Session,
                body::<request::ExchangeSessionRequest>(true),
                &[Answer { status: 201, description: "Created", schema: schema::<reply::ExchangeSessionResult> }],
                Errors::Usual,
            ),
            Route::ReauthExchangeSession(_) => (
                Method::Post,
                "/api/exchanges/{exchangeId}/exchange-sessions",
                Some((Id::Dwolla, "Dwolla exchange id")),
                "Create a re-authentication exchange session",
                "dwolla",
                Session,
                body::<request::ReauthRequest>(false),
                &[Answer { status: 201, description: "Created", schema: schema::<reply::ExchangeSessionResult> }],
                Errors::Usual,
            ),
            Route::GetExchange(_) => (
                Method::Get,
                "/api/exchanges/{exchangeId}",
                Some((Id::Dwolla, "Dwolla exchange id")),
                "Retrieve an exchange of the session's customer",
                "dwolla",
                Session,
                None,
                &[Answer { status: 200, description: "The exchange", schema: schema::<reply::ExchangeDetails> }],
                Errors::Usual,
            ),
            Route::CustomerEvents(_) => (
                Method::Get,
                "/api/customers/{customerId}/events",
                Some((Id::Dwolla, "Dwolla customer id")),
                "What Dwolla's webhooks said about the session's customer (last 50 events, newest first)",
                "webhooks",
                Session,
                None,
                &[Answer { status: 200, description: "The kept events", schema: schema::<reply::CustomerEvents> }],
                Errors::Usual,
            ),
            Route::CreateFundingSource(_) => (
                Method::Post,
                "/api/customers/{customerId}/funding-sources",
                Some((Id::Dwolla, "Dwolla customer id")),
                "Create a funding source from an exchange",
                "dwolla",
                Session,
                body::<request::FundingSourceRequest>(true),
                &[Answer { status: 201, description: "Created", schema: schema::<reply::CreatedFundingSource> }],
                Errors::Usual,
            ),
            Route::LinkBank => (
                Method::Post,
                "/api/link-bank",
                None,
                "Consent receipt → exchange → funding source in one idempotent call",
                "dwolla",
                Session,
                body::<request::LinkBankRequest>(true),
                &[
                    Answer { status: 201, description: "Created", schema: schema::<reply::LinkBankResult> },
                    Answer { status: 200, description: "Already done for this account by an earlier call (whatever its nickname)", schema: schema::<reply::LinkBankResult> },
                ],
                Errors::Usual,
            ),
            Route::DwollaWebhook => (
                Method::Post,
                "/webhooks/dwolla",
                None,
                "Receive a Dwolla webhook (signature checked on the raw body)",
                "webhooks",
                Signature,
                body::<request::DwollaWebhookEvent>(true),
                &[Answer { status: 200, description: "Received", schema: schema::<reply::WebhookReceived> }],
                Errors::Only(&[
                    (400, "No event id"),
                    (401, "Bad signature"),
                    (413, "Too large"),
                    (415, "Not JSON"),
                    (503, "Unavailable"),
                ]),
            ),
        };
        Spec {
            method,
            path,
            param,
            summary,
            tag,
            access,
            request,
            answers,
            errors,
        }
    }

    /// The route's variant name (the document's `operationId`).
    pub fn name(&self) -> &'static str {
        self.into()
    }

    /// The same route naming `id` in its path (routes without a parameter are
    /// returned as they are).
    fn with_id(&self, id: String) -> Route {
        match self {
            Route::FinicityAccounts(_) => Route::FinicityAccounts(id),
            Route::CreateExchange(_) => Route::CreateExchange(id),
            Route::CreateExchangeSession(_) => Route::CreateExchangeSession(id),
            Route::ReauthExchangeSession(_) => Route::ReauthExchangeSession(id),
            Route::GetExchange(_) => Route::GetExchange(id),
            Route::CustomerEvents(_) => Route::CustomerEvents(id),
            Route::CreateFundingSource(_) => Route::CreateFundingSource(id),
            Route::Health
            | Route::OpenApi
            | Route::DemoCustomer
            | Route::IssueSession
            | Route::FinicityCustomer
            | Route::FinicityConnectUrl
            | Route::FinicityConsentReceipt
            | Route::ExchangePartners
            | Route::LinkBank
            | Route::DwollaWebhook => self.clone(),
        }
    }

    /// Whether the route is part of the JSON API (as opposed to static assets): API
    /// responses get the strict CSP and JSON errors.
    pub fn is_api_path(path: &str) -> bool {
        path == "/healthz"
            || path == "/openapi.json"
            || path.starts_with("/api/")
            || path == "/api"
            || path.starts_with("/webhooks/")
    }
}

fn any_object(_: &mut SchemaGenerator) -> Schema {
    schemars::json_schema!({"type": "object"})
}

/// The result of matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// A route for this method and path.
    Found(Route),
    /// The path exists with other methods.
    MethodNotAllowed(&'static [&'static str]),
    /// No such API path.
    NotFound,
}

/// The parameter `template` captures from `segments`, or `None` when they differ
/// (`Some(None)` for a template without one). A parameter never matches an empty
/// segment.
fn capture<'a>(template: &str, segments: &[&'a str]) -> Option<Option<&'a str>> {
    let parts: Vec<&str> = template.trim_start_matches('/').split('/').collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut id = None;
    for (part, segment) in parts.iter().zip(segments) {
        if part.starts_with('{') {
            if segment.is_empty() {
                return None;
            }
            id = Some(*segment);
        } else if part != segment {
            return None;
        }
    }
    Some(id)
}

/// Matches `method` and `path` (without query string) against the table. `HEAD`
/// matches like `GET`; a trailing `/` is ignored.
pub fn match_route(method: &str, path: &str) -> Match {
    let segments: Vec<&str> = path
        .trim_start_matches('/')
        .trim_end_matches('/')
        .split('/')
        .collect();
    let method = if method.eq_ignore_ascii_case("HEAD") {
        "GET"
    } else {
        method
    };
    let mut other: Option<&'static [&'static str]> = None;
    for route in Route::iter() {
        let spec = route.spec();
        let Some(id) = capture(spec.path, &segments) else {
            continue;
        };
        let allowed = spec.method.allowed();
        if allowed.iter().any(|m| m.eq_ignore_ascii_case(method)) {
            return Match::Found(route.with_id(id.unwrap_or_default().to_owned()));
        }
        other = Some(allowed);
    }
    match other {
        Some(allowed) => Match::MethodNotAllowed(allowed),
        None => Match::NotFound,
    }
}
