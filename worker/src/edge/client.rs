//! Authenticated calls to Dwolla and Finicity. Tokens come from the shared-state
//! Durable Object (one fetch at a time across every isolate), with an in-isolate copy
//! on top; a Dwolla `InvalidAccessToken`/`ExpiredAccessToken` refreshes the token once.

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use worker::{Env, Method, Request, RequestInit};

use crate::api_error::ApiError;
use crate::config::Config;
use crate::retry::RetryPolicy;
use crate::token_cache::CachedToken;
use consent_exchange::DwollaRequest;

use super::upstream::{now_ms, send, Answer, Call};

/// Name of the Durable Object binding in `wrangler.toml`.
pub const STATE_BINDING: &str = "STATE";
/// The instance that holds tokens and the Finicity hold-off.
pub const TOKENS_INSTANCE: &str = "tokens";

thread_local! {
    static DWOLLA_TOKEN: RefCell<Option<CachedToken>> = const { RefCell::new(None) };
    static FINICITY_TOKEN: RefCell<Option<CachedToken>> = const { RefCell::new(None) };
}

/// Which upstream a token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Upstream {
    /// Dwolla's `/token`.
    Dwolla,
    /// Finicity's partner authentication.
    Finicity,
}

impl Upstream {
    fn slot(self) -> &'static std::thread::LocalKey<RefCell<Option<CachedToken>>> {
        match self {
            Upstream::Dwolla => &DWOLLA_TOKEN,
            Upstream::Finicity => &FINICITY_TOKEN,
        }
    }

    /// The name used in error messages.
    pub fn label(self) -> &'static str {
        match self {
            Upstream::Dwolla => "Dwolla",
            Upstream::Finicity => "Finicity",
        }
    }
}

/// A token request to the Durable Object: the token the caller saw rejected, if any.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenAsk {
    /// Which upstream.
    pub upstream: Upstream,
    /// The rejected token's value: replaced only if it is still the current one, so a
    /// burst of rejections causes one refresh.
    pub rejected: Option<String>,
}

/// The Durable Object's answer: a token or an error.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenGrant {
    /// The token.
    pub token: Option<CachedToken>,
    /// The error, when there is no token.
    pub error: Option<WireError>,
}

/// An [`ApiError`] without issues, as it crosses between the worker and the object.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireError {
    /// HTTP status.
    pub status: u16,
    /// Code.
    pub code: String,
    /// Message.
    pub message: String,
    /// Retryable.
    pub retryable: bool,
}

impl From<&ApiError> for WireError {
    fn from(e: &ApiError) -> Self {
        Self {
            status: e.status,
            code: e.code.clone(),
            message: e.message.clone(),
            retryable: e.retryable,
        }
    }
}

impl From<WireError> for ApiError {
    fn from(e: WireError) -> Self {
        ApiError::new(e.status, &e.code, e.message, e.retryable)
    }
}

/// Calls a Durable Object instance with a JSON body and reads a JSON answer.
pub async fn call_object<T: Serialize, R: for<'de> Deserialize<'de>>(
    env: &Env,
    instance: &str,
    path: &str,
    body: &T,
) -> Result<(u16, R), ApiError> {
    let unavailable =
        || ApiError::new(503, "StateUnavailable", "shared state is unavailable", true);
    let namespace = env
        .durable_object(STATE_BINDING)
        .map_err(|_| unavailable())?;
    let stub = namespace
        .id_from_name(instance)
        .and_then(|id| id.get_stub())
        .map_err(|_| unavailable())?;
    let text = serde_json::to_string(body).map_err(|_| unavailable())?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_body(Some(text.as_str().into()));
    let req = Request::new_with_init(&format!("https://state.internal{path}"), &init)
        .map_err(|_| unavailable())?;
    let mut resp = stub
        .fetch_with_request(req)
        .await
        .map_err(|_| unavailable())?;
    let status = resp.status_code();
    let value = resp.json::<R>().await.map_err(|_| unavailable())?;
    Ok((status, value))
}

/// The worker's view of both upstreams.
pub struct Clients {
    /// Configuration.
    pub cfg: Rc<Config>,
    /// The environment (for the Durable Object binding).
    pub env: Env,
}

impl Clients {
    /// The retry policy from configuration.
    pub fn policy(&self) -> RetryPolicy {
        RetryPolicy {
            max_attempts: self.cfg.upstream_max_attempts,
            ..RetryPolicy::default()
        }
    }

    async fn token(
        &self,
        upstream: Upstream,
        rejected: Option<String>,
    ) -> Result<String, ApiError> {
        let now = now_ms();
        if rejected.is_none() {
            let local = upstream
                .slot()
                .with(|s| s.borrow().clone())
                .filter(|t| t.is_usable(now));
            if let Some(t) = local {
                return Ok(t.value);
            }
        } else {
            upstream.slot().with(|s| *s.borrow_mut() = None);
        }
        let ask = TokenAsk { upstream, rejected };
        let (_, grant): (u16, TokenGrant) =
            call_object(&self.env, TOKENS_INSTANCE, "/token", &ask).await?;
        match (grant.token, grant.error) {
            (Some(token), _) => {
                let value = token.value.clone();
                upstream.slot().with(|s| *s.borrow_mut() = Some(token));
                Ok(value)
            }
            (None, Some(e)) => Err(e.into()),
            (None, None) => Err(ApiError::new(
                503,
                "StateUnavailable",
                "shared state gave no token",
                true,
            )),
        }
    }

    /// Every secret and token this isolate knows, for scrubbing output.
    pub fn known_secrets(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .cfg
            .secret_values()
            .into_iter()
            .map(str::to_owned)
            .collect();
        for up in [Upstream::Dwolla, Upstream::Finicity] {
            if let Some(t) = up.slot().with(|s| s.borrow().clone()) {
                out.push(t.value);
            }
        }
        out
    }

    /// Sends a Dwolla request with a bearer token; refreshes the token once when Dwolla
    /// says it is invalid or expired. Returns the answer, whatever its status.
    pub async fn dwolla(&self, req: &DwollaRequest) -> Result<Answer, ApiError> {
        let call = Call::from(req);
        let token = self.token(Upstream::Dwolla, None).await?;
        let answer = self
            .send_with(
                &call,
                "Authorization",
                &format!("Bearer {token}"),
                Upstream::Dwolla,
            )
            .await?;
        if answer.status == 401 && is_token_error(&answer.body) {
            let token = self.token(Upstream::Dwolla, Some(token)).await?;
            return self
                .send_with(
                    &call,
                    "Authorization",
                    &format!("Bearer {token}"),
                    Upstream::Dwolla,
                )
                .await;
        }
        Ok(answer)
    }

    /// Sends a Finicity request with the partner token and app key; a 401 gets one new
    /// token (a new authentication, never a repeated failed one).
    pub async fn finicity(&self, call: Call) -> Result<Answer, ApiError> {
        let call = call.with_header("Finicity-App-Key", self.cfg.finicity_app_key.expose());
        let token = self.token(Upstream::Finicity, None).await?;
        let answer = self
            .send_with(&call, "Finicity-App-Token", &token, Upstream::Finicity)
            .await?;
        if answer.status == 401 {
            let token = self.token(Upstream::Finicity, Some(token)).await?;
            return self
                .send_with(&call, "Finicity-App-Token", &token, Upstream::Finicity)
                .await;
        }
        Ok(answer)
    }

    async fn send_with(
        &self,
        call: &Call,
        header: &str,
        value: &str,
        upstream: Upstream,
    ) -> Result<Answer, ApiError> {
        let call = call.clone().with_header(header, value);
        send(&call, &self.policy(), self.cfg.upstream_deadline_ms)
            .await
            .map_err(|e| e.to_api_error(upstream.label()))
    }
}

/// Whether a Dwolla 401 body says the token (not the client) is the problem.
fn is_token_error(body: &str) -> bool {
    body.contains("InvalidAccessToken") || body.contains("ExpiredAccessToken")
}
