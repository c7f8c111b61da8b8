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
        match self {
            Route::Health => Spec {
                method: Method::Get,
                path: "/healthz",
                param: None,
                summary: "Liveness and configuration check",
                tag: "meta",
                access: Public,
                request: None,
                answers: &[Answer { status: 200, description: "Configured", schema: schema::<reply::Health> }],
                errors: Errors::Only(&[(503, "Configuration missing, weak or contradictory (ConfigurationError, naming the variables), or upstream credentials refused at the last token attempt (UpstreamAuthenticationFailed, FinicityAuthenticationFailed, FinicityAuthenticationHeldOff)")]),
            },
            Route::OpenApi => Spec {
                method: Method::Get,
                path: "/openapi.json",
                param: None,
                summary: "This document",
                tag: "meta",
                access: Public,
                request: None,
                answers: &[Answer { status: 200, description: "OpenAPI 3.1", schema: any_object }],
                errors: Errors::Only(&[]),
            },
            Route::DemoCustomer => Spec {
                method: Method::Post,
                path: "/api/demo/customers",
                param: None,
                summary: "Create a Dwolla customer and a session for it (demo mode only; 404 otherwise)",
                tag: "sessions",
                access: Public,
                request: body::<request::DemoCustomerRequest>(true),
                answers: &[Answer { status: 201, description: "Created", schema: schema::<reply::DemoCustomer> }],
                errors: Errors::Usual,
            },
            Route::IssueSession => Spec {
                method: Method::Post,
                path: "/api/sessions",
                param: None,
                summary: "Issue a session token (backends, with SESSION_ISSUER_KEY)",
                tag: "sessions",
                access: IssuerKey,
                request: body::<request::SessionRequest>(true),
                answers: &[Answer { status: 201, description: "Issued", schema: schema::<reply::IssuedSession> }],
                errors: Errors::Usual,
            },
            Route::FinicityCustomer => Spec {
                method: Method::Post,
                path: "/api/finicity/customers",
                param: None,
                summary: "Create a Finicity testing customer, owned by the session's customer",
                tag: "finicity",
                access: Session,
                request: body::<request::FinicityCustomerRequest>(false),
                answers: &[Answer { status: 201, description: "Created", schema: schema::<reply::FinicityCustomer> }],
                errors: Errors::Usual,
            },
            Route::FinicityConnectUrl => Spec {
                method: Method::Post,
                path: "/api/finicity/connect-url",
                param: None,
                summary: "Generate a Finicity Connect URL for an owned Finicity customer; redirectUri must be one of ALLOWED_REDIRECT_URLS",
                tag: "finicity",
                access: Session,
                request: body::<request::ConnectUrlRequest>(true),
                answers: &[Answer { status: 200, description: "The link", schema: schema::<reply::ConnectUrl> }],
                errors: Errors::Usual,
            },
            Route::FinicityAccounts(_) => Spec {
                method: Method::Get,
                path: "/api/finicity/customers/{customerId}/accounts",
                param: Some((Id::Finicity, "Finicity customer id")),
                summary: "List an owned Finicity customer's accounts (numbers masked)",
                tag: "finicity",
                access: Session,
                request: None,
                answers: &[Answer { status: 200, description: "Accounts", schema: schema::<reply::FinicityAccounts> }],
                errors: Errors::Usual,
            },
            Route::FinicityConsentReceipt => Spec {
                method: Method::Post,
                path: "/api/finicity/consent-receipts",
                param: None,
                summary: "Create a consent receipt with Dwolla as the third party, for accounts of an owned Finicity customer",
                tag: "finicity",
                access: Session,
                request: body::<request::ConsentReceiptRequest>(true),
                answers: &[Answer { status: 201, description: "Created", schema: schema::<reply::ConsentReceipt> }],
                errors: Errors::Usual,
            },
            Route::ExchangePartners => Spec {
                method: Method::Get,
                path: "/api/exchange-partners",
                param: None,
                summary: "List Dwolla exchange partners (cached)",
                tag: "dwolla",
                access: Public,
                request: None,
                answers: &[Answer { status: 200, description: "Partners", schema: schema::<reply::ExchangePartnerList> }],
                errors: Errors::Usual,
            },
            Route::CreateExchange(_) => Spec {
                method: Method::Post,
                path: "/api/customers/{customerId}/exchanges",
                param: Some((Id::Dwolla, "Dwolla customer id")),
                summary: "Create an exchange",
                tag: "dwolla",
                access: Session,
                request: body::<request::CreateExchangeRequest>(true),
                answers: &[Answer { status: 201, description: "Created", schema: schema::<reply::CreatedExchange> }],
                errors: Errors::Usual,
            },
            Route::CreateExchangeSession(_) => Spec {
                method: Method::Post,
                path: "/api/customers/{customerId}/exchange-sessions",
                param: Some((Id::Dwolla, "Dwolla customer id")),
                summary: "Create an exchange session and say what to open",
                tag: "dwolla",
                access: Session,
                request: body::<request::ExchangeSessionRequest>(true),
                answers: &[Answer { status: 201, description: "Created", schema: schema::<reply::ExchangeSessionResult> }],
                errors: Errors::Usual,
            },
            Route::ReauthExchangeSession(_) => Spec {
                method: Method::Post,
                path: "/api/exchanges/{exchangeId}/exchange-sessions",
                param: Some((Id::Dwolla, "Dwolla exchange id")),
                summary: "Create a re-authentication exchange session",
                tag: "dwolla",
                access: Session,
                request: body::<request::ReauthRequest>(false),
                answers: &[Answer { status: 201, description: "Created", schema: schema::<reply::ExchangeSessionResult> }],
                errors: Errors::Usual,
            },
            Route::GetExchange(_) => Spec {
                method: Method::Get,
                path: "/api/exchanges/{exchangeId}",
                param: Some((Id::Dwolla, "Dwolla exchange id")),
                summary: "Retrieve an exchange of the session's customer",
                tag: "dwolla",
                access: Session,
                request: None,
                answers: &[Answer { status: 200, description: "The exchange", schema: schema::<reply::ExchangeDetails> }],
                errors: Errors::Usual,
            },
            Route::CustomerEvents(_) => Spec {
                method: Method::Get,
                path: "/api/customers/{customerId}/events",
                param: Some((Id::Dwolla, "Dwolla customer id")),
                summary: "What Dwolla's webhooks said about the session's customer (last 50 events, newest first)",
                tag: "webhooks",
                access: Session,
                request: None,
                answers: &[Answer { status: 200, description: "The kept events", schema: schema::<reply::CustomerEvents> }],
                errors: Errors::Usual,
            },
            Route::CreateFundingSource(_) => Spec {
                method: Method::Post,
                path: "/api/customers/{customerId}/funding-sources",
                param: Some((Id::Dwolla, "Dwolla customer id")),
                summary: "Create a funding source from an exchange",
                tag: "dwolla",
                access: Session,
                request: body::<request::FundingSourceRequest>(true),
                answers: &[Answer { status: 201, description: "Created", schema: schema::<reply::CreatedFundingSource> }],
                errors: Errors::Usual,
            },
            Route::LinkBank => Spec {
                method: Method::Post,
                path: "/api/link-bank",
                param: None,
                summary: "Consent receipt → exchange → funding source in one idempotent call",
                tag: "dwolla",
                access: Session,
                request: body::<request::LinkBankRequest>(true),
                answers: &[
                    Answer { status: 201, description: "Created", schema: schema::<reply::LinkBankResult> },
                    Answer { status: 200, description: "Already done for this account by an earlier call (whatever its nickname)", schema: schema::<reply::LinkBankResult> },
                ],
                errors: Errors::Usual,
            },
            Route::DwollaWebhook => Spec {
                method: Method::Post,
                path: "/webhooks/dwolla",
                param: None,
                summary: "Receive a Dwolla webhook (signature checked on the raw body)",
                tag: "webhooks",
                access: Signature,
                request: body::<request::DwollaWebhookEvent>(true),
                answers: &[Answer { status: 200, description: "Received", schema: schema::<reply::WebhookReceived> }],
                errors: Errors::Only(&[
                    (400, "No event id"),
                    (401, "Bad signature"),
                    (413, "Too large"),
                    (415, "Not JSON"),
                    (503, "Unavailable"),
                ]),
            },
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
