//! The API's routes, matched from a method and a path. Path segments are returned as
//! given; handlers validate them (a customer id must be a UUID, a Finicity id digits).

/// A matched route.
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl Route {
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

const GET: &[&str] = &["GET"];
const POST: &[&str] = &["POST"];

/// Matches `method` and `path` (without query string). `HEAD` matches like `GET`.
pub fn match_route(method: &str, path: &str) -> Match {
    let segments: Vec<&str> = path
        .trim_start_matches('/')
        .trim_end_matches('/')
        .split('/')
        .collect();
    let (allowed, route): (&'static [&'static str], Route) = match segments.as_slice() {
        ["healthz"] => (GET, Route::Health),
        ["openapi.json"] => (GET, Route::OpenApi),
        ["api", "demo", "customers"] => (POST, Route::DemoCustomer),
        ["api", "sessions"] => (POST, Route::IssueSession),
        ["api", "finicity", "customers"] => (POST, Route::FinicityCustomer),
        ["api", "finicity", "connect-url"] => (POST, Route::FinicityConnectUrl),
        ["api", "finicity", "customers", id, "accounts"] if !id.is_empty() => {
            (GET, Route::FinicityAccounts((*id).to_owned()))
        }
        ["api", "finicity", "consent-receipts"] => (POST, Route::FinicityConsentReceipt),
        ["api", "exchange-partners"] => (GET, Route::ExchangePartners),
        ["api", "customers", id, "exchanges"] if !id.is_empty() => {
            (POST, Route::CreateExchange((*id).to_owned()))
        }
        ["api", "customers", id, "exchange-sessions"] if !id.is_empty() => {
            (POST, Route::CreateExchangeSession((*id).to_owned()))
        }
        ["api", "customers", id, "events"] if !id.is_empty() => {
            (GET, Route::CustomerEvents((*id).to_owned()))
        }
        ["api", "customers", id, "funding-sources"] if !id.is_empty() => {
            (POST, Route::CreateFundingSource((*id).to_owned()))
        }
        ["api", "exchanges", id, "exchange-sessions"] if !id.is_empty() => {
            (POST, Route::ReauthExchangeSession((*id).to_owned()))
        }
        ["api", "exchanges", id] if !id.is_empty() => (GET, Route::GetExchange((*id).to_owned())),
        ["api", "link-bank"] => (POST, Route::LinkBank),
        ["webhooks", "dwolla"] => (POST, Route::DwollaWebhook),
        _ => return Match::NotFound,
    };
    let method = if method.eq_ignore_ascii_case("HEAD") {
        "GET"
    } else {
        method
    };
    if allowed.iter().any(|m| m.eq_ignore_ascii_case(method)) {
        Match::Found(route)
    } else {
        Match::MethodNotAllowed(allowed)
    }
}
