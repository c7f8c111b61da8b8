//! The API's route handlers: each checks the session, parses and bounds its body,
//! checks that every id it names belongs to the session's customer (see
//! [`crate::ownership`]), builds the upstream request with the library, sends it
//! through [`Clients`] and reads the answer with the library.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use worker::{Env, Request, Response, Storage};

use consent_exchange::exchange::{
    finicity_exchange, mx_exchange, plaid_exchange, token_exchange, ExchangeTarget,
};
use consent_exchange::finicity::{self as fin, FinicityRequest};
use consent_exchange::funding_source::{
    funding_source_from_exchange, BankAccountType, ExchangeFundingSourceInput,
};
use consent_exchange::ids::{is_uuid, parse_href};
use consent_exchange::partners::ExchangePartners;
use consent_exchange::receipt::ValidReceipt;
use consent_exchange::receipt::{check_consent_receipt, CheckOptions, Timestamp};
use consent_exchange::response::{DwollaResponse, ResponseSuccess as Success};
use consent_exchange::session::{
    exchange_session, read_exchange_session, reauth_exchange_session, ExchangeSessionInput,
    Platform, ReauthExchangeSessionInput,
};
use consent_exchange::{DwollaRequest, Issue};

use crate::api_error::{parse_body, ApiError};
use crate::api_types::{
    require_digits, ConnectUrlBody, ConsentReceiptBody, CreateExchangeBody, DemoCustomerBody,
    ExchangeKind, ExchangeSessionBody, FinicityCustomerBody, FundingSourceBody, IssueSessionBody,
    LinkBankBody, ReauthBody,
};
use crate::config::Config;
use crate::health::{credentials_verdict, CredentialStatus};
use crate::http_policy::{check_declared_length, check_json_body};
use crate::idempotency::{client_key, namespaced, random_key};
use crate::limits::Bounded;
use crate::link_bank::{record_key, LinkBankRecord, Resource, Step};
use crate::ownership;
use crate::redact::mask_account_number;
use crate::retry::Idempotence;
use crate::routes::{match_route, Match, Route};
use crate::session_token::{self, SessionClaims};
use crate::upstream_error::{from_dwolla, from_finicity};
use crate::webhook::{
    event_id, exchanges_needing_reauth, reauth_required, summarize, EventSummary, RecentIds,
    SIGNATURE_HEADER,
};

use super::client::{call_object, Clients};
use super::respond::{self, Framing, Reply};
use super::upstream::{now_ms, Answer, Call};

/// How long the exchange-partner list is reused within an isolate.
const PARTNERS_TTL_MS: u64 = 10 * 60_000;

thread_local! {
    static PARTNERS: RefCell<Option<(u64, Rc<ExchangePartners>)>> = const { RefCell::new(None) };
    static RECENT_WEBHOOKS: RefCell<RecentIds> = RefCell::new(RecentIds::with_capacity(1024));
    // Recorded owners of Finicity customers seen by this isolate. An owner never
    // changes once recorded, so a hit is always current.
    static FINICITY_OWNERS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Most entries in the in-isolate owner memory before it starts over.
const OWNER_MEMORY: usize = 10_000;

type Outcome = Result<Reply, ApiError>;

/// Serves one request: static assets, CORS preflights and the API.
pub async fn handle(mut req: Request, env: Env) -> Response {
    let path = req.path();
    let method = req.method().to_string();
    let origin = req.headers().get("Origin").ok().flatten();
    let cfg = super::config(&env);
    let allowed: Vec<String> = cfg
        .as_ref()
        .map(|c| c.allowed_origins.clone())
        .unwrap_or_default();
    let framing = Framing {
        origin,
        allowed_origins: &allowed,
    };

    if !Route::is_api_path(&path) {
        return match env.assets("ASSETS") {
            Ok(assets) => match assets.fetch_request(req).await {
                Ok(resp) => respond::asset(&framing, resp),
                Err(_) => respond::error(&framing, &ApiError::not_found("no such page")),
            },
            Err(_) => respond::error(&framing, &ApiError::not_found("no such page")),
        };
    }
    if method.eq_ignore_ascii_case("OPTIONS") {
        return respond::preflight(&framing);
    }
    let route = match match_route(&method, &path) {
        Match::Found(route) => route,
        Match::NotFound => {
            return respond::error(&framing, &ApiError::not_found(format!("no route {path}")))
        }
        Match::MethodNotAllowed(allowed_methods) => {
            let mut resp = respond::error(&framing, &ApiError::method_not_allowed(allowed_methods));
            let _ = resp.headers_mut().set("Allow", &allowed_methods.join(", "));
            return resp;
        }
    };
    match route {
        Route::Health => {
            return match &cfg {
                Ok(_) => match health(&env).await {
                    Ok(reply) => respond::reply(&framing, &reply),
                    Err(e) => respond::error(&framing, &e),
                },
                Err(e) => respond::error(&framing, &ApiError::configuration(e)),
            }
        }
        Route::OpenApi => {
            return respond::reply(&framing, &Reply::ok(crate::openapi::document()));
        }
        _ => {}
    }
    let cfg = match cfg {
        Ok(cfg) => cfg,
        Err(e) => return respond::error(&framing, &ApiError::configuration(&e)),
    };
    let clients = Clients {
        cfg: cfg.clone(),
        env,
    };
    let body = if method.eq_ignore_ascii_case("POST") {
        match read_body(&mut req).await {
            Ok(b) => b,
            Err(e) => return respond::error(&framing, &e),
        }
    } else {
        Vec::new()
    };
    let authorization = req.headers().get("Authorization").ok().flatten();
    let signature = req.headers().get(SIGNATURE_HEADER).ok().flatten();
    let ctx = Ctx {
        clients: &clients,
        authorization: authorization.as_deref(),
    };
    let outcome = match route {
        Route::Health | Route::OpenApi => Err(ApiError::not_found("unreachable")),
        Route::DemoCustomer => demo_customer(&ctx, &body).await,
        Route::IssueSession => issue_session(&ctx, &body),
        Route::FinicityCustomer => finicity_customer(&ctx, &body).await,
        Route::FinicityConnectUrl => connect_url(&ctx, &body).await,
        Route::FinicityAccounts(id) => finicity_accounts(&ctx, &id).await,
        Route::FinicityConsentReceipt => consent_receipt_route(&ctx, &body).await,
        Route::ExchangePartners => exchange_partners(&ctx).await,
        Route::CreateExchange(id) => create_exchange_route(&ctx, &id, &body).await,
        Route::CreateExchangeSession(id) => create_session(&ctx, &id, &body).await,
        Route::ReauthExchangeSession(id) => reauth_session(&ctx, &id, &body).await,
        Route::GetExchange(id) => get_exchange(&ctx, &id).await,
        Route::CustomerEvents(id) => customer_events(&ctx, &id).await,
        Route::CreateFundingSource(id) => create_funding_source_route(&ctx, &id, &body).await,
        Route::LinkBank => link_bank(&ctx, &body).await,
        Route::DwollaWebhook => webhook(&ctx, &body, signature.as_deref()).await,
    };
    match outcome {
        Ok(reply) => respond::reply(&framing, &reply),
        Err(e) => respond::error(&framing, &e),
    }
}

async fn read_body(req: &mut Request) -> Result<Vec<u8>, ApiError> {
    let declared = req.headers().get("Content-Length").ok().flatten();
    check_declared_length(declared.as_deref())?;
    let content_type = req.headers().get("Content-Type").ok().flatten();
    let body = req.bytes().await.map_err(|_| {
        ApiError::bad_request("InvalidRequest", "the request body could not be read")
    })?;
    check_json_body(content_type.as_deref(), &body)?;
    Ok(body)
}

struct Ctx<'a> {
    clients: &'a Clients,
    authorization: Option<&'a str>,
}

impl Ctx<'_> {
    fn cfg(&self) -> &Config {
        &self.clients.cfg
    }

    fn secrets(&self) -> Vec<String> {
        self.clients.known_secrets()
    }

    /// The caller's session, or 401.
    fn session(&self) -> Result<SessionClaims, ApiError> {
        let token = session_token::bearer(self.authorization).ok_or_else(|| {
            ApiError::unauthenticated("this route needs `Authorization: Bearer <sessionToken>`")
        })?;
        session_token::verify(&self.cfg().session_secret, token, now_ms() / 1000)
            .map_err(|e| ApiError::unauthenticated(e.to_string()))
    }

    /// The caller's session, which must be bound to `customer_id` (else 403).
    fn session_for(&self, customer_id: &str) -> Result<SessionClaims, ApiError> {
        let claims = self.session()?;
        ownership::require_session_customer(&claims.sub, customer_id)?;
        Ok(claims)
    }

    /// The caller's session, after checking that the Finicity customer `finicity_id`
    /// (at `path`) was created through this worker by the session's customer. Demo
    /// mode changes nothing here.
    async fn session_owning(
        &self,
        path: &str,
        finicity_id: &str,
    ) -> Result<SessionClaims, ApiError> {
        let claims = self.session()?;
        require_digits(path, finicity_id)?;
        let owner = finicity_owner(&self.clients.env, finicity_id, None).await?;
        ownership::require_finicity_owner(owner.as_deref(), &claims.sub)?;
        Ok(claims)
    }

    /// The key sent to Dwolla for the caller's `idempotencyKey`: namespaced by the
    /// session's customer (see [`crate::idempotency::namespaced`]).
    fn upstream_key(&self, customer_id: &str, key: &Option<String>) -> Option<String> {
        key.as_deref().map(|k| namespaced(customer_id, k))
    }

    fn now(&self) -> Timestamp {
        Timestamp::from_unix_millis(now_ms() as i64)
    }

    /// Sends a Dwolla request and reads the answer; failures become API errors.
    async fn dwolla(&self, req: &DwollaRequest) -> Result<Success, ApiError> {
        let answer = self.clients.dwolla(req).await?;
        self.read_dwolla(&answer)
    }

    fn read_dwolla(&self, answer: &Answer) -> Result<Success, ApiError> {
        match answer.read() {
            DwollaResponse::Success(s) => Ok(s),
            DwollaResponse::Failure(f) => {
                let secrets = self.secrets();
                let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
                Err(from_dwolla(&f, &secrets))
            }
        }
    }

    /// Sends a Finicity request; a 2xx JSON body is returned parsed.
    async fn finicity(&self, req: FinicityRequest) -> Result<Value, ApiError> {
        let answer = self.clients.finicity(finicity_call(&req)).await?;
        if (200..=299).contains(&answer.status) {
            return serde_json::from_str(&answer.body).map_err(|_| {
                ApiError::new(
                    502,
                    "UpstreamInvalidResponse",
                    "Finicity answered with a body that is not JSON",
                    true,
                )
            });
        }
        let secrets = self.secrets();
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        Err(from_finicity(answer.status, &answer.body, &secrets))
    }

    fn target(
        &self,
        partner_href: &str,
        customer_id: &str,
        idempotency_key: &Option<String>,
    ) -> ExchangeTarget {
        ExchangeTarget {
            partner_href: partner_href.to_owned(),
            customer_id: Some(customer_id.to_owned()),
            environment: self.cfg().dwolla_target.environment,
            base_url: self.cfg().dwolla_target.base_url.clone(),
            idempotency_key: idempotency_key.clone(),
        }
    }

    fn base(&self) -> &str {
        &self.cfg().dwolla_base_url
    }

    async fn partners(&self) -> Result<Rc<ExchangePartners>, ApiError> {
        let now = now_ms();
        if let Some((at, list)) = PARTNERS.with(|p| p.borrow().clone()) {
            if now.saturating_sub(at) < PARTNERS_TTL_MS {
                return Ok(list);
            }
        }
        let req = DwollaRequest::get(format!("{}/exchange-partners", self.base()));
        let success = self.dwolla(&req).await?;
        let body = success.resource.unwrap_or_default();
        let list = ExchangePartners::from_response(&body).map_err(|e| {
            let mut err = ApiError::from_library(&e, 502);
            err.retryable = true;
            err
        })?;
        let list = Rc::new(list);
        PARTNERS.with(|p| *p.borrow_mut() = Some((now, list.clone())));
        Ok(list)
    }

    async fn partner_href(&self, name: &str) -> Result<String, ApiError> {
        let partners = self.partners().await?;
        partners
            .find(name)
            .map(|p| p.href.clone())
            .map_err(|e| ApiError::from_library(&e, 400))
    }
}

fn created(success: &Success, what: &str) -> Result<Resource, ApiError> {
    match (&success.id, &success.location) {
        (Some(id), Some(href)) => Ok(Resource {
            id: id.clone(),
            href: href.clone(),
        }),
        _ => Err(ApiError::new(
            502,
            "UpstreamInvalidResponse",
            format!("Dwolla created the {what} but sent no Location"),
            true,
        )),
    }
}

fn finicity_call(req: &FinicityRequest) -> Call {
    let idempotence = match req.method {
        // Reading and revoking may be repeated: a second revocation changes nothing.
        consent_exchange::Method::Get | consent_exchange::Method::Delete => Idempotence::Safe,
        _ => Idempotence::Unsafe,
    };
    Call {
        method: req.method,
        url: req.url.clone(),
        headers: req
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        body: req.body.clone(),
        idempotence,
    }
}

/// The key an exchange session is created with: the caller's (namespaced by the
/// session's customer), else a fresh random one, because sessions are single use and a
/// derived key would replay a used session.
fn session_key(customer_id: &str, value: Option<&str>) -> Result<String, ApiError> {
    if let Some(key) = client_key(value)? {
        return Ok(namespaced(customer_id, &key));
    }
    fresh_key()
}

/// A fresh random `Idempotency-Key`.
fn fresh_key() -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| {
        ApiError::new(
            503,
            "RandomUnavailable",
            "no random source for a fresh Idempotency-Key",
            true,
        )
    })?;
    Ok(random_key(bytes))
}

fn library<E: consent_exchange::CodedError>(e: E) -> ApiError {
    ApiError::from_library(&e, 400)
}

fn platform(value: Option<&str>) -> Result<Option<Platform>, ApiError> {
    match value {
        None => Ok(None),
        Some(p) => serde_json::from_value(Value::String(p.to_owned()))
            .map(Some)
            .map_err(|_| {
                ApiError::invalid_request(vec![Issue::error(
                    "/platform",
                    "enum",
                    "platform must be `web`, `ios` or `android`",
                )])
            }),
    }
}

/// Constant-time comparison of two secrets (through their hashes, so lengths leak
/// nothing either).
fn same_secret(a: &str, b: &str) -> bool {
    let (x, y) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    x.iter()
        .zip(y.iter())
        .fold(0u8, |acc, (p, q)| acc | (p ^ q))
        == 0
}

fn issue_session_json(cfg: &Config, customer_id: &str, ttl: u64) -> Value {
    let now = now_ms() / 1000;
    let (token, exp) = session_token::issue(&cfg.session_secret, customer_id, now, ttl);
    json!({
        "sessionToken": token,
        "expiresAt": Timestamp::from_unix_seconds(exp as i64).to_string(),
    })
}

// ---- health and ownership records ----

/// `GET /healthz` with a valid configuration: refused upstream credentials (from the
/// last token attempt, kept by the shared state) make it a 503; no upstream is called.
async fn health(env: &Env) -> Outcome {
    let (_, status): (u16, CredentialStatus) =
        call_object(env, super::client::TOKENS_INSTANCE, "/status", &json!({})).await?;
    match credentials_verdict(&status) {
        Some(e) => Err(e),
        None => Ok(Reply::ok(json!({"ok": true, "version": crate::VERSION}))),
    }
}

/// The recorded owner (a Dwolla customer id, lower case) of the Finicity customer
/// `finicity_id`, from the Durable Object named after it. With `claim`, records that
/// owner first unless one is recorded already; the owner returned is then the one
/// that holds (the first claim wins, and is never replaced).
async fn finicity_owner(
    env: &Env,
    finicity_id: &str,
    claim: Option<&str>,
) -> Result<Option<String>, ApiError> {
    if let Some(owner) = FINICITY_OWNERS.with(|m| m.borrow().get(finicity_id).cloned()) {
        return Ok(Some(owner));
    }
    let ask = json!({"claim": claim.map(ownership::owner_key)});
    let instance = format!("finicity-customer:{finicity_id}");
    let (status, answer): (u16, Value) = call_object(env, &instance, "/owner", &ask).await?;
    if status != 200 {
        return Err(ApiError::new(
            503,
            "StateUnavailable",
            "the owner record is unavailable",
            true,
        ));
    }
    let owner = answer
        .get("owner")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(o) = &owner {
        FINICITY_OWNERS.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= OWNER_MEMORY {
                m.clear();
            }
            m.insert(finicity_id.to_owned(), o.clone());
        });
    }
    Ok(owner)
}

// ---- sessions and demo ----

async fn demo_customer(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    if !ctx.cfg().demo_mode {
        return Err(ApiError::not_found("demo mode is off (DEMO_MODE)"));
    }
    let input: DemoCustomerBody = parse_body(body)?;
    let mut issues = Vec::new();
    for (path, value) in [
        ("/firstName", &input.first_name),
        ("/lastName", &input.last_name),
        ("/email", &input.email),
    ] {
        if value.trim().is_empty() {
            issues.push(Issue::error(path, "empty", "must not be empty"));
        }
    }
    if !input.email.contains('@') {
        issues.push(Issue::error(
            "/email",
            "format",
            "must be an e-mail address",
        ));
    }
    if !issues.is_empty() {
        return Err(ApiError::invalid_request(issues));
    }
    input.check_bounds()?;
    let payload = json!({
        "firstName": input.first_name,
        "lastName": input.last_name,
        "email": input.email,
    });
    // A fresh key per sign-up: a key derived from the body would hand the customer of
    // an earlier sign-up (and a session for it) to anyone repeating its name and
    // e-mail. A repeated e-mail is refused by Dwolla instead.
    let req = DwollaRequest::post(
        format!("{}/customers", ctx.base()),
        payload.to_string(),
        Some(fresh_key()?),
    );
    let success = ctx.dwolla(&req).await?;
    let customer = created(&success, "customer")?;
    let mut out = issue_session_json(ctx.cfg(), &customer.id, session_token::DEFAULT_TTL_SECONDS);
    out["customer"] = json!({"id": customer.id, "href": customer.href});
    Ok(Reply::created(out))
}

fn issue_session(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    let Some(key) = &ctx.cfg().session_issuer_key else {
        return Err(ApiError::new(
            503,
            "ConfigurationError",
            "SESSION_ISSUER_KEY is not set, so no backend may issue sessions",
            false,
        ));
    };
    let presented = session_token::bearer(ctx.authorization)
        .ok_or_else(|| ApiError::unauthenticated("this route needs the backend's issuer key"))?;
    if !same_secret(presented, key.expose()) {
        return Err(ApiError::unauthenticated("the issuer key is wrong"));
    }
    let input: IssueSessionBody = parse_body(body)?;
    if !is_uuid(&input.customer_id) {
        return Err(ApiError::invalid_request(vec![Issue::error(
            "/customerId",
            "format",
            "must be a Dwolla customer id (UUID)",
        )]));
    }
    let ttl = input
        .ttl_seconds
        .unwrap_or(session_token::DEFAULT_TTL_SECONDS);
    if ttl == 0 || ttl > session_token::MAX_TTL_SECONDS {
        return Err(ApiError::invalid_request(vec![Issue::error(
            "/ttlSeconds",
            "range",
            format!("must be from 1 to {}", session_token::MAX_TTL_SECONDS),
        )]));
    }
    Ok(Reply::created(issue_session_json(
        ctx.cfg(),
        &input.customer_id,
        ttl,
    )))
}

// ---- Finicity ----

async fn finicity_customer(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    let claims = ctx.session()?;
    let input: FinicityCustomerBody = parse_body(body)?;
    input.check_bounds()?;
    let req = finicity_testing_customer(ctx.cfg(), &input)?;
    let answer = ctx.finicity(req).await?;
    let id = digits_of(answer.get("id")).ok_or_else(|| {
        ApiError::new(
            502,
            "UpstreamInvalidResponse",
            "Finicity's answer has no customer id",
            true,
        )
    })?;
    // The new Finicity customer belongs to the session's customer from now on. A new id
    // already claimed by someone else would be Finicity reusing ids: refused.
    let owner = finicity_owner(&ctx.clients.env, &id, Some(&claims.sub)).await?;
    ownership::require_finicity_owner(owner.as_deref(), &claims.sub)?;
    Ok(Reply::created(json!({"customerId": id})))
}

async fn connect_url(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    ctx.session()?;
    let input: ConnectUrlBody = parse_body(body)?;
    ctx.session_owning("/customerId", &input.customer_id)
        .await?;
    input.check_bounds()?;
    if let Some(uri) = &input.redirect_uri {
        crate::redirect::require_allowed("/redirectUri", uri, &ctx.cfg().allowed_redirect_urls)?;
    }
    let req = finicity_connect(ctx.cfg(), &input)?;
    let answer = ctx.finicity(req).await?;
    let link = answer
        .get("link")
        .and_then(Value::as_str)
        .filter(|l| l.starts_with("https://") || l.starts_with("http://"))
        .ok_or_else(|| {
            ApiError::new(
                502,
                "UpstreamInvalidResponse",
                "Finicity's answer has no Connect link",
                true,
            )
        })?;
    Ok(Reply::ok(json!({"link": link})))
}

async fn finicity_accounts(ctx: &Ctx<'_>, customer_id: &str) -> Outcome {
    ctx.session_owning("/customerId", customer_id).await?;
    let req = finicity_accounts_request(ctx.cfg(), customer_id)?;
    let answer = ctx.finicity(req).await?;
    let accounts: Vec<Value> = answer
        .get("accounts")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|a| {
                    let id = digits_of(a.get("id"))?;
                    let mut out = json!({
                        "id": id,
                        "name": a.get("name").and_then(Value::as_str).unwrap_or_default(),
                        "type": a.get("type").and_then(Value::as_str).unwrap_or_default(),
                    });
                    // Only the last four characters ever leave the worker.
                    if let Some(n) = a.get("number").and_then(Value::as_str) {
                        out["number"] = json!(mask_account_number(n));
                    }
                    if let Some(i) = digits_of(a.get("institutionId")) {
                        out["institutionId"] = json!(i);
                    }
                    Some(out)
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Reply::ok(json!({"accounts": accounts})))
}

/// A Finicity id as a digit string, whether Finicity sent a string or a number (a
/// `serde_json` integer keeps every digit; it never went through an f64 here).
fn digits_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if crate::api_types::is_digits(s) => Some(s.clone()),
        Value::Number(n) if n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// Asks Finicity for a consent receipt; returns the `{receipt, proof}` entry. The
/// Finicity customer's ownership is checked by the caller; here every account must be
/// one of that customer's accounts before the receipt is asked for.
async fn consent_receipt(
    ctx: &Ctx<'_>,
    customer_id: &str,
    account_ids: Vec<String>,
    products: Option<Vec<String>>,
    duration_days: Option<u32>,
) -> Result<Value, ApiError> {
    let listed = ctx
        .finicity(finicity_accounts_request(ctx.cfg(), customer_id)?)
        .await?;
    ownership::require_accounts(&ownership::finicity_account_ids(&listed), &account_ids)?;
    let input = fin::AccessKeyInput {
        customer_id: customer_id.to_owned(),
        partner_id: ctx.cfg().finicity_partner_id.expose().to_owned(),
        account_ids,
        products,
        duration_days,
        now: Some(ctx.now().to_string()),
        base_url: Some(ctx.cfg().finicity_base_url.clone()),
        ..fin::AccessKeyInput::default()
    };
    let req = fin::access_key_request(&input).map_err(library)?;
    let answer = ctx.finicity(req).await?;
    let entry = answer
        .pointer("/data/0")
        .filter(|e| e.get("receipt").is_some())
        .cloned()
        .ok_or_else(|| {
            ApiError::new(
                502,
                "UpstreamInvalidResponse",
                "Finicity's accessKey answer holds no receipt",
                true,
            )
        })?;
    Ok(json!({"receipt": entry.get("receipt"), "proof": entry.get("proof")}))
}

async fn consent_receipt_route(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    ctx.session()?;
    let input: ConsentReceiptBody = parse_body(body)?;
    input.check_bounds()?;
    ctx.session_owning("/customerId", &input.customer_id)
        .await?;
    let entry = consent_receipt(
        ctx,
        &input.customer_id,
        input.account_ids,
        input.products,
        input.duration_days,
    )
    .await?;
    Ok(Reply::created(entry))
}

// ---- Dwolla ----

async fn exchange_partners(ctx: &Ctx<'_>) -> Outcome {
    let partners = ctx.partners().await?;
    let list: Vec<Value> = partners
        .list()
        .iter()
        .map(|p| json!({"id": p.id, "name": p.name, "href": p.href, "status": p.status}))
        .collect();
    Ok(Reply::ok(json!({"partners": list})))
}

/// A receipt checked by the library.
fn valid_receipt(ctx: &Ctx<'_>, text: &str) -> Result<ValidReceipt, ApiError> {
    check_consent_receipt(text, &CheckOptions::new(ctx.now()))
        .into_valid()
        .map_err(|issues| library(consent_exchange::ExchangeError::InvalidReceipt(issues)))
}

/// Builds and sends an exchange (with the given upstream key, else the library's
/// derived one); returns the exchange and the key it was sent with. A Finicity receipt
/// must already have been checked for ownership by the caller.
async fn create_exchange(
    ctx: &Ctx<'_>,
    customer_id: &str,
    kind: ExchangeKind,
    key: &Option<String>,
) -> Result<(Resource, String), ApiError> {
    let req = match kind {
        ExchangeKind::Finicity(text) => {
            let valid = valid_receipt(ctx, &text)?;
            let href = ctx.partner_href("Finicity").await?;
            finicity_exchange(&valid, &ctx.target(&href, customer_id, key)).map_err(library)?
        }
        ExchangeKind::Token {
            partner_name,
            token,
        } => {
            let href = ctx.partner_href(&partner_name).await?;
            token_exchange(&token, &ctx.target(&href, customer_id, key)).map_err(library)?
        }
        ExchangeKind::Mx(token) => {
            let href = ctx.partner_href("MX").await?;
            mx_exchange(&token, customer_id, &ctx.target(&href, customer_id, key))
                .map_err(library)?
        }
        ExchangeKind::Plaid(token) => {
            let href = ctx.partner_href("Plaid").await?;
            plaid_exchange(&token, customer_id, &ctx.target(&href, customer_id, key))
                .map_err(library)?
        }
    };
    let key = req.idempotency_key.clone().unwrap_or_default();
    let success = ctx.dwolla(&req).await?;
    let exchange = created(&success, "exchange")?;
    // Answered on the configured base, where the worker accepts it back (the Location
    // names the same resource; behind a proxy its host may differ).
    let href = format!("{}/exchanges/{}", ctx.base(), exchange.id);
    Ok((Resource { href, ..exchange }, key))
}

async fn create_exchange_route(ctx: &Ctx<'_>, customer_id: &str, body: &[u8]) -> Outcome {
    let claims = ctx.session_for(customer_id)?;
    let input: CreateExchangeBody = parse_body(body)?;
    input.check_bounds()?;
    let caller_key = client_key(input.idempotency_key.as_deref())?;
    let kind = input.kind()?;
    if let ExchangeKind::Finicity(text) = &kind {
        // The receipt's Finicity customer must be the session customer's.
        let valid = valid_receipt(ctx, text)?;
        let finicity_id = valid.receipt().customer_id.clone();
        let owner = finicity_owner(&ctx.clients.env, &finicity_id, None).await?;
        ownership::require_finicity_owner(owner.as_deref(), &claims.sub)?;
    }
    let upstream_key = ctx.upstream_key(customer_id, &caller_key);
    let (exchange, sent_key) = create_exchange(ctx, customer_id, kind, &upstream_key).await?;
    Ok(Reply::created(json!({
        "exchange": {"id": exchange.id, "href": exchange.href},
        // The caller's own key when it gave one; else the key derived for the request.
        "idempotencyKey": caller_key.unwrap_or(sent_key),
    })))
}

/// Retrieves a just-created exchange session (from our own base URL, so the token
/// never goes to a host named in a response) and says what the browser opens.
async fn open_session(ctx: &Ctx<'_>, session: &Resource) -> Outcome {
    let url = format!("{}/exchange-sessions/{}", ctx.base(), session.id);
    let success = ctx.dwolla(&DwollaRequest::get(url)).await?;
    let body = success.resource.unwrap_or_default();
    let open = read_exchange_session(&body).map_err(|e| {
        let mut err = ApiError::from_library(&e, 502);
        err.retryable = false;
        err
    })?;
    Ok(Reply::created(json!({
        "exchangeSession": {"id": session.id, "href": session.href},
        "open": open,
    })))
}

async fn create_session(ctx: &Ctx<'_>, customer_id: &str, body: &[u8]) -> Outcome {
    ctx.session_for(customer_id)?;
    let input: ExchangeSessionBody = parse_body(body)?;
    input.check_bounds()?;
    let key = session_key(customer_id, input.idempotency_key.as_deref())?;
    let platform = platform(input.platform.as_deref())?;
    if let Some(url) = &input.redirect_url {
        crate::redirect::require_allowed("/redirectUrl", url, &ctx.cfg().allowed_redirect_urls)?;
    }
    let href = ctx.partner_href(&input.partner_name).await?;
    let req = exchange_session(&ExchangeSessionInput {
        customer_id: customer_id.to_owned(),
        partner_name: input.partner_name.clone(),
        partner_href: href,
        platform,
        redirect_url: input.redirect_url.clone(),
        allowed_redirect_urls: Some(ctx.cfg().allowed_redirect_urls.clone()),
        environment: Some(ctx.cfg().dwolla_target.environment),
        base_url: ctx.cfg().dwolla_target.base_url.clone(),
        idempotency_key: Some(key),
    })
    .map_err(library)?;
    let success = ctx.dwolla(&req).await?;
    let session = created(&success, "exchange session")?;
    open_session(ctx, &session).await
}

/// The exchange, after checking that it belongs to the session's customer (Dwolla's
/// exchange resource names no customer, so the customer's exchange list decides).
async fn owned_exchange(ctx: &Ctx<'_>, exchange_id: &str) -> Result<Value, ApiError> {
    let claims = ctx.session()?;
    if !is_uuid(exchange_id) {
        return Err(ApiError::bad_request(
            "InvalidExchangeId",
            format!("exchangeId {exchange_id:?} is not a UUID"),
        ));
    }
    let list_url = format!("{}/customers/{}/exchanges", ctx.base(), claims.sub);
    let list = ctx.dwolla(&DwollaRequest::get(list_url)).await?;
    let owned = list
        .resource
        .as_ref()
        .is_some_and(|v| ownership::exchange_listed(v, exchange_id));
    if !owned {
        return Err(ownership::forbidden("exchange"));
    }
    let url = format!("{}/exchanges/{exchange_id}", ctx.base());
    let success = ctx.dwolla(&DwollaRequest::get(url)).await?;
    Ok(success.resource.unwrap_or_default())
}

/// The partner name of an exchange, from its `exchange-partner` link.
async fn partner_name_of(ctx: &Ctx<'_>, exchange: &Value) -> Option<String> {
    let href = exchange
        .pointer("/_links/exchange-partner/href")
        .and_then(Value::as_str)?;
    let id = parse_href(href, "exchange-partners").ok()?.id;
    let partners = ctx.partners().await.ok()?;
    partners
        .list()
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(&id))
        .map(|p| p.name.clone())
}

async fn reauth_session(ctx: &Ctx<'_>, exchange_id: &str, body: &[u8]) -> Outcome {
    let claims = ctx.session()?;
    let input: ReauthBody = parse_body(body)?;
    input.check_bounds()?;
    let key = session_key(&claims.sub, input.idempotency_key.as_deref())?;
    let platform = platform(input.platform.as_deref())?;
    if let Some(url) = &input.redirect_url {
        crate::redirect::require_allowed("/redirectUrl", url, &ctx.cfg().allowed_redirect_urls)?;
    }
    let exchange = owned_exchange(ctx, exchange_id).await?;
    let partner_name = partner_name_of(ctx, &exchange).await;
    let req = reauth_exchange_session(&ReauthExchangeSessionInput {
        exchange_id: exchange_id.to_owned(),
        partner_name,
        platform,
        redirect_url: input.redirect_url,
        allowed_redirect_urls: Some(ctx.cfg().allowed_redirect_urls.clone()),
        environment: Some(ctx.cfg().dwolla_target.environment),
        base_url: ctx.cfg().dwolla_target.base_url.clone(),
        idempotency_key: Some(key),
    })
    .map_err(library)?;
    let success = ctx.dwolla(&req).await?;
    let session = created(&success, "exchange session")?;
    open_session(ctx, &session).await
}

async fn get_exchange(ctx: &Ctx<'_>, exchange_id: &str) -> Outcome {
    let exchange = owned_exchange(ctx, exchange_id).await?;
    let partner_name = partner_name_of(ctx, &exchange).await;
    let mut out = json!({
        "id": exchange.get("id").and_then(Value::as_str).unwrap_or(exchange_id),
        "href": format!("{}/exchanges/{exchange_id}", ctx.base()),
        "status": exchange.get("status").and_then(Value::as_str).unwrap_or("unknown"),
    });
    if let Some(name) = partner_name {
        out["partnerName"] = json!(name);
    }
    // What the webhooks said about it (owned_exchange checked it is the session's
    // customer's exchange).
    let claims = ctx.session()?;
    let events = events_of(ctx, &claims.sub, None).await?;
    out["reAuthenticationRequired"] = json!(reauth_required(&events, exchange_id));
    Ok(Reply::ok(json!({"exchange": out})))
}

fn bank_account_type(value: &str, path: &str) -> Result<BankAccountType, ApiError> {
    serde_json::from_value(Value::String(value.to_owned())).map_err(|_| {
        ApiError::invalid_request(vec![Issue::error(
            path,
            "enum",
            "must be `checking` or `savings`",
        )])
    })
}

async fn create_funding_source(
    ctx: &Ctx<'_>,
    customer_id: &str,
    exchange_href: String,
    name: &str,
    account_type: BankAccountType,
    key: Option<String>,
) -> Result<Resource, ApiError> {
    let req = funding_source_from_exchange(&ExchangeFundingSourceInput {
        customer_id: customer_id.to_owned(),
        exchange_href,
        name: name.to_owned(),
        bank_account_type: account_type,
        on_demand_authorization_href: None,
        environment: Some(ctx.cfg().dwolla_target.environment),
        base_url: ctx.cfg().dwolla_target.base_url.clone(),
        idempotency_key: key,
    })
    .map_err(library)?;
    let answer = ctx.clients.dwolla(&req).await?;
    match answer.read() {
        DwollaResponse::Success(s) => created(&s, "funding source"),
        // The same bank account again: Dwolla names the existing funding source, which
        // is the one a repeated call wants.
        DwollaResponse::Failure(f) if f.code == "DuplicateResource" && f.about.is_some() => {
            let href = f.about.clone().unwrap_or_default();
            let id = href.rsplit('/').next().unwrap_or_default().to_owned();
            Ok(Resource { id, href })
        }
        DwollaResponse::Failure(_) => ctx
            .read_dwolla(&answer)
            .and_then(|s| created(&s, "funding source")),
    }
}

async fn create_funding_source_route(ctx: &Ctx<'_>, customer_id: &str, body: &[u8]) -> Outcome {
    ctx.session_for(customer_id)?;
    let input: FundingSourceBody = parse_body(body)?;
    input.check_bounds()?;
    let caller_key = client_key(input.idempotency_key.as_deref())?;
    let account_type = bank_account_type(&input.bank_account_type, "/bankAccountType")?;
    // The exchange must be on the configured Dwolla base and the session customer's:
    // the request is then built from its id, never from the caller's text.
    let exchange_id = ownership::exchange_id_from_ref(
        ctx.base(),
        input.exchange_id.as_deref(),
        input.exchange_href.as_deref(),
    )?;
    owned_exchange(ctx, &exchange_id).await?;
    let exchange_href = format!("{}/exchanges/{exchange_id}", ctx.base());
    let key = ctx.upstream_key(customer_id, &caller_key);
    let fs = create_funding_source(
        ctx,
        customer_id,
        exchange_href,
        &input.name,
        account_type,
        key,
    )
    .await?;
    Ok(Reply::created(
        json!({"fundingSource": {"id": fs.id, "href": fs.href}}),
    ))
}

// ---- link-bank ----

async fn link_bank(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    let claims = ctx.session()?;
    let input: LinkBankBody = parse_body(body)?;
    let mut issues = Vec::new();
    for (path, value) in [
        ("/finicityCustomerId", &input.finicity_customer_id),
        ("/accountId", &input.account_id),
    ] {
        if !crate::api_types::is_digits(value) {
            issues.push(Issue::error(path, "format", "must be a string of digits"));
        }
    }
    if !consent_exchange::funding_source::valid_name(&input.name) {
        issues.push(Issue::error(
            "/name",
            "format",
            "must be 1 to 50 characters",
        ));
    }
    if bank_account_type(&input.bank_account_type, "/bankAccountType").is_err() {
        issues.push(Issue::error(
            "/bankAccountType",
            "enum",
            "must be `checking` or `savings`",
        ));
    }
    if !issues.is_empty() {
        return Err(ApiError::invalid_request(issues));
    }
    input.check_bounds()?;
    // The Finicity customer must be the session customer's; the account is checked
    // against its account list before any receipt is asked for.
    let owner = finicity_owner(&ctx.clients.env, &input.finicity_customer_id, None).await?;
    ownership::require_finicity_owner(owner.as_deref(), &claims.sub)?;
    // The call runs in the Durable Object named by its record key (customer, Finicity
    // customer, account): repeats of the same link (a retry, a double click, another
    // isolate, another nickname) wait for each other and resume.
    let key = record_key(&claims.sub, &input);
    let ask = json!({"customerId": claims.sub.to_ascii_lowercase(), "body": input});
    let (status, body): (u16, Value) =
        call_object(&ctx.clients.env, &key, "/link-bank", &ask).await?;
    Ok(Reply { status, body })
}

const RECORD: &str = "record";

/// Runs (or resumes) a link-bank call inside its Durable Object, saving after each step.
pub async fn run_link_bank(
    clients: &Clients,
    storage: &Storage,
    customer_id: &str,
    body: &LinkBankBody,
) -> Outcome {
    let ctx = Ctx {
        clients,
        authorization: None,
    };
    let mut record: LinkBankRecord = storage.get(RECORD).await.ok().flatten().unwrap_or_default();
    let mut created_now = false;
    let save_failed = || ApiError::new(503, "StateUnavailable", "could not save progress", true);
    // Receipts an earlier run gave up on and could not revoke then.
    if revoke_abandoned(&ctx, &mut record).await {
        storage
            .put(RECORD, &record)
            .await
            .map_err(|_| save_failed())?;
    }
    loop {
        let step = record.next_step();
        match step {
            Step::Done => break,
            Step::Receipt => {
                let entry = consent_receipt(
                    &ctx,
                    &body.finicity_customer_id,
                    vec![body.account_id.clone()],
                    None,
                    body.duration_days,
                )
                .await
                .map_err(|e| e.at_step(step.name()))?;
                record.receipt = Some(entry);
            }
            Step::Exchange => {
                let receipt = record
                    .receipt
                    .as_ref()
                    .and_then(|e| e.get("receipt"))
                    .map(Value::to_string)
                    .unwrap_or_default();
                match create_exchange(&ctx, customer_id, ExchangeKind::Finicity(receipt), &None)
                    .await
                {
                    Ok((exchange, _)) => record.exchange = Some(exchange),
                    Err(e) => {
                        if !e.retryable {
                            // A refused receipt (expired, revoked) is not reused: the
                            // next call asks Finicity for a new one, and this one is
                            // revoked (saved first, so a failed revocation is retried).
                            record.abandon_receipt();
                            storage
                                .put(RECORD, &record)
                                .await
                                .map_err(|_| save_failed())?;
                            if revoke_abandoned(&ctx, &mut record).await {
                                storage
                                    .put(RECORD, &record)
                                    .await
                                    .map_err(|_| save_failed())?;
                            }
                        }
                        return Err(e.at_step(step.name()));
                    }
                }
            }
            Step::FundingSource => {
                let Some(exchange) = record.exchange.clone() else {
                    continue;
                };
                let account_type = bank_account_type(&body.bank_account_type, "/bankAccountType")?;
                let fs = create_funding_source(
                    &ctx,
                    customer_id,
                    exchange.href,
                    &body.name,
                    account_type,
                    None,
                )
                .await
                .map_err(|e| e.at_step(step.name()))?;
                record.funding_source = Some(fs);
            }
        }
        created_now = true;
        storage
            .put(RECORD, &record)
            .await
            .map_err(|_| save_failed())?;
    }
    let out = json!({
        "receipt": record.receipt.as_ref().and_then(|e| e.get("receipt")),
        "exchange": record.exchange,
        "fundingSource": record.funding_source,
    });
    Ok(Reply {
        status: if created_now { 201 } else { 200 },
        body: out,
    })
}

/// Revokes every abandoned receipt of `record` with Finicity; those revoked (or that
/// Finicity no longer knows) leave the list. Returns whether the list changed. A
/// failure is left for the next run: the caller's answer is about linking, not this.
async fn revoke_abandoned(ctx: &Ctx<'_>, record: &mut LinkBankRecord) -> bool {
    let before = record.abandoned_receipts.len();
    let mut left = Vec::new();
    for id in std::mem::take(&mut record.abandoned_receipts) {
        let done = match finicity_revoke_request(ctx.cfg(), &id) {
            Ok(req) => match ctx.clients.finicity(finicity_call(&req)).await {
                Ok(answer) => (200..=299).contains(&answer.status) || answer.status == 404,
                Err(_) => false,
            },
            // An id that cannot be put in a path is not a receipt to revoke.
            Err(_) => true,
        };
        if !done {
            left.push(id);
        }
    }
    record.abandoned_receipts = left;
    record.abandoned_receipts.len() != before
}

// ---- webhooks ----

async fn webhook(ctx: &Ctx<'_>, body: &[u8], signature: Option<&str>) -> Outcome {
    let secret = ctx.cfg().dwolla_webhook_secret.expose().as_bytes();
    let valid = signature
        .is_some_and(|sig| consent_exchange::webhook::verify_webhook_signature(body, sig, secret));
    if !valid {
        return Err(ApiError::new(
            401,
            "InvalidSignature",
            format!("{SIGNATURE_HEADER} is missing or does not match the body"),
            false,
        ));
    }
    let id = event_id(body).ok_or_else(|| {
        ApiError::invalid_request(vec![Issue::error("/id", "required", "the event has no id")])
    })?;
    if RECENT_WEBHOOKS.with(|r| r.borrow().contains(&id)) {
        return Ok(Reply::ok(json!({"received": true, "duplicate": true})));
    }
    // Kept for the customer it concerns before the id is marked as seen, so a failure
    // here makes Dwolla retry rather than lose the event (keeping is idempotent).
    if let Some(event) = summarize(body) {
        let customer = event.customer_id.clone();
        events_of(ctx, &customer, Some(event)).await?;
    }
    let (_, seen): (u16, Value) =
        call_object(&ctx.clients.env, "webhooks", "/webhook", &json!({"id": id})).await?;
    RECENT_WEBHOOKS.with(|r| r.borrow_mut().insert(&id));
    let duplicate = seen
        .get("duplicate")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Ok(Reply::ok(json!({"received": true, "duplicate": duplicate})))
}

/// The webhook events kept about Dwolla customer `customer_id` (oldest first), after
/// adding `add` when given.
async fn events_of(
    ctx: &Ctx<'_>,
    customer_id: &str,
    add: Option<EventSummary>,
) -> Result<Vec<EventSummary>, ApiError> {
    let instance = format!(
        "dwolla-customer-events:{}",
        ownership::owner_key(customer_id)
    );
    let (status, answer): (u16, Value) =
        call_object(&ctx.clients.env, &instance, "/events", &json!({"add": add})).await?;
    let events = answer
        .get("events")
        .cloned()
        .and_then(|v| serde_json::from_value::<Vec<EventSummary>>(v).ok());
    match events {
        Some(events) if status == 200 => Ok(events),
        _ => Err(ApiError::new(
            503,
            "StateUnavailable",
            "shared state is unavailable",
            true,
        )),
    }
}

/// `GET /api/customers/{id}/events`: what Dwolla's webhooks said about the session's
/// customer, newest first.
async fn customer_events(ctx: &Ctx<'_>, customer_id: &str) -> Outcome {
    let claims = ctx.session_for(customer_id)?;
    let events = events_of(ctx, &claims.sub, None).await?;
    let needing_reauth = exchanges_needing_reauth(&events);
    let newest_first: Vec<&EventSummary> = events.iter().rev().collect();
    Ok(Reply::ok(json!({
        "events": newest_first,
        "reAuthenticationRequired": needing_reauth,
    })))
}

// ---- Finicity request builders (the library's, with this worker's configuration) ----

/// The partner-authentication call, with the app key added.
pub fn finicity_authentication_call(cfg: &Config) -> Result<Call, ApiError> {
    let req = fin::authentication_request(&fin::AuthenticationInput {
        partner_id: cfg.finicity_partner_id.expose().to_owned(),
        partner_secret: fin::PartnerSecret::new(cfg.finicity_partner_secret.expose()),
        base_url: Some(cfg.finicity_base_url.clone()),
    })
    .map_err(library)?;
    Ok(finicity_call(&req).with_header("Finicity-App-Key", cfg.finicity_app_key.expose()))
}

fn finicity_testing_customer(
    cfg: &Config,
    input: &FinicityCustomerBody,
) -> Result<FinicityRequest, ApiError> {
    let username = input
        .username
        .clone()
        .unwrap_or_else(|| format!("customer-{}", now_ms()));
    fin::testing_customer_request(&fin::TestingCustomerInput {
        username,
        first_name: input.first_name.clone(),
        last_name: input.last_name.clone(),
        base_url: Some(cfg.finicity_base_url.clone()),
        ..fin::TestingCustomerInput::default()
    })
    .map_err(library)
}

fn finicity_connect(cfg: &Config, input: &ConnectUrlBody) -> Result<FinicityRequest, ApiError> {
    fin::connect_url_request(&fin::ConnectUrlInput {
        partner_id: cfg.finicity_partner_id.expose().to_owned(),
        customer_id: input.customer_id.clone(),
        redirect_uri: input.redirect_uri.clone(),
        base_url: Some(cfg.finicity_base_url.clone()),
        ..fin::ConnectUrlInput::default()
    })
    .map_err(library)
}

/// `DELETE /aggregation/v1/partners/accessKey/{receiptId}`: revokes a consent receipt.
/// The library has no builder for it; the id must be a plain receipt id (`cr_` and
/// letters or digits), so it can never change the path.
fn finicity_revoke_request(cfg: &Config, receipt_id: &str) -> Result<FinicityRequest, ApiError> {
    let plain = !receipt_id.is_empty()
        && receipt_id.len() <= 128
        && receipt_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !plain {
        return Err(ApiError::invalid_request(vec![Issue::error(
            "/receiptId",
            "format",
            "not a consent receipt id",
        )]));
    }
    let mut request = FinicityRequest {
        method: consent_exchange::Method::Delete,
        url: format!(
            "{}/aggregation/v1/partners/accessKey/{receipt_id}",
            cfg.finicity_base_url
        ),
        headers: Default::default(),
        body: None,
    };
    request
        .headers
        .insert("Accept".to_owned(), "application/json".to_owned());
    Ok(request)
}

/// `GET /aggregation/v1/customers/{id}/accounts`. The library has no builder for this
/// read, so the plain request value is made here, in the library's type.
fn finicity_accounts_request(cfg: &Config, customer_id: &str) -> Result<FinicityRequest, ApiError> {
    require_digits("/customerId", customer_id)?;
    let mut request = FinicityRequest {
        method: consent_exchange::Method::Get,
        url: format!(
            "{}/aggregation/v1/customers/{customer_id}/accounts",
            cfg.finicity_base_url
        ),
        headers: Default::default(),
        body: None,
    };
    request
        .headers
        .insert("Accept".to_owned(), "application/json".to_owned());
    Ok(request)
}
