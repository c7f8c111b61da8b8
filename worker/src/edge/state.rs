//! `SharedState`, the Durable Object behind everything isolates must agree on:
//! upstream tokens (fetched one at a time, for every isolate), the Finicity
//! authentication hold-off, the last token outcome per upstream (for `/healthz`),
//! webhook event ids, link-bank progress and the owner of each Finicity customer. The
//! `tokens` and `webhooks` instances are singletons by name; each link-bank call gets
//! the instance named by its record key, so repeats of one call run one after the
//! other; each Finicity customer gets the instance `finicity-customer:<id>`; the last
//! webhook events about each Dwolla customer are in the instance
//! `dwolla-customer-events:<id>`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use futures_util::lock::Mutex;
use serde::Deserialize;
use worker::{durable_object, DurableObject, Env, Request, Response, State};

use crate::api_error::ApiError;
use crate::health::CredentialStatus;
use crate::retry::{Idempotence, RetryPolicy};
use crate::token_cache::{
    after_rejection, credentials_fingerprint, dwolla_use_until, finicity_auth_allowed,
    finicity_use_until, AuthHoldOff, CachedToken,
};
use crate::upstream_error::{from_dwolla, from_finicity};
use crate::webhook::{remember, EventSummary};

use super::calls::{finicity::authentication_call, Calls};
use super::client::{Clients, TokenAsk, TokenGrant, Upstream, WireError};
use super::flows::link_bank;
use super::upstream::{now_ms, send, Call};

const HOLDOFF_KEY: &str = "finicity-auth-holdoff";

/// The shared-state Durable Object.
#[durable_object]
pub struct SharedState {
    state: State,
    env: Env,
    dwolla: RefCell<Option<CachedToken>>,
    finicity: RefCell<Option<CachedToken>>,
    // One token fetch at a time per upstream: waiters find the fresh token after it.
    dwolla_lock: Mutex<()>,
    finicity_lock: Mutex<()>,
    // One run of a link-bank call at a time in this instance.
    link_lock: Mutex<()>,
    // The code of each upstream's last failed token attempt, cleared by a success.
    last_failure: RefCell<CredentialStatus>,
}

#[derive(Deserialize)]
struct OwnerAsk {
    #[serde(default)]
    claim: Option<String>,
}

const OWNER_KEY: &str = "owner";

#[derive(Deserialize)]
struct WebhookAsk {
    id: String,
}

/// `/events`: adds `add` (when given) to this customer's kept events; answers them all.
#[derive(Deserialize)]
struct EventsAsk {
    #[serde(default)]
    add: Option<EventSummary>,
}

const EVENTS_KEY: &str = "events";

fn json_response(status: u16, value: &serde_json::Value) -> worker::Result<Response> {
    Ok(Response::from_json(value)?.with_status(status))
}

fn grant(result: Result<CachedToken, ApiError>) -> worker::Result<Response> {
    let grant = match result {
        Ok(token) => TokenGrant {
            token: Some(token),
            error: None,
        },
        Err(e) => TokenGrant {
            token: None,
            error: Some(WireError::from(&e)),
        },
    };
    Response::from_json(&grant)
}

impl DurableObject for SharedState {
    fn new(state: State, env: Env) -> Self {
        Self {
            state,
            env,
            dwolla: RefCell::new(None),
            finicity: RefCell::new(None),
            dwolla_lock: Mutex::new(()),
            finicity_lock: Mutex::new(()),
            link_lock: Mutex::new(()),
            last_failure: RefCell::new(CredentialStatus::default()),
        }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        let path = req.path();
        let text = req.text().await.unwrap_or_default();
        let clients = match super::config(&self.env) {
            Ok(cfg) => Clients {
                cfg,
                env: self.env.clone(),
            },
            Err(e) => {
                let err = ApiError::configuration(&e);
                return match path.as_str() {
                    "/token" => grant(Err(err)),
                    _ => json_response(
                        err.status,
                        &serde_json::json!({"error": WireError::from(&err)}),
                    ),
                };
            }
        };
        // Each path's work is boxed, a function of its own: inlined into one poll
        // function, V8 would compile every path's code on the first request of any.
        let work: Pin<Box<dyn Future<Output = worker::Result<Response>> + '_>> = match path.as_str()
        {
            "/token" => Box::pin(async {
                let Ok(ask) = serde_json::from_str::<TokenAsk>(&text) else {
                    return Response::error("bad request", 400);
                };
                let result = match ask.upstream {
                    Upstream::Dwolla => self.dwolla_token(&clients, ask.rejected).await,
                    Upstream::Finicity => self.finicity_token(&clients, ask.rejected).await,
                };
                {
                    let failed = result.as_ref().err().map(|e| e.code.clone());
                    let mut last = self.last_failure.borrow_mut();
                    match ask.upstream {
                        Upstream::Dwolla => last.dwolla = failed,
                        Upstream::Finicity => last.finicity = failed,
                    }
                }
                grant(result)
            }),
            "/status" => Box::pin(async {
                let mut status = self.last_failure.borrow().clone();
                if status.finicity.is_none() {
                    // A hold-off outlives this object's memory: it is in storage.
                    let cfg = &clients.cfg;
                    let fingerprint = credentials_fingerprint(
                        cfg.finicity_partner_id.expose(),
                        cfg.finicity_partner_secret.expose(),
                        cfg.finicity_app_key.expose(),
                    );
                    let hold: Option<AuthHoldOff> =
                        self.state.storage().get(HOLDOFF_KEY).await.unwrap_or(None);
                    if finicity_auth_allowed(hold.as_ref(), &fingerprint, now_ms()).is_err() {
                        status.finicity = Some("FinicityAuthenticationHeldOff".to_owned());
                    }
                }
                Response::from_json(&status)
            }),
            "/owner" => Box::pin(async {
                let Ok(ask) = serde_json::from_str::<OwnerAsk>(&text) else {
                    return Response::error("bad request", 400);
                };
                let storage = self.state.storage();
                // A storage error must not read as "no owner" (a claim would then
                // replace the real one): it is an error.
                let owner: Option<String> = match storage.get(OWNER_KEY).await {
                    Ok(v) => v,
                    Err(_) => return Response::error("unavailable", 503),
                };
                let owner = match (owner, ask.claim) {
                    (Some(o), _) => Some(o),
                    (None, Some(claim)) => {
                        storage.put(OWNER_KEY, &claim).await?;
                        Some(claim)
                    }
                    (None, None) => None,
                };
                Response::from_json(&serde_json::json!({"owner": owner}))
            }),
            "/webhook" => Box::pin(async {
                let Ok(ask) = serde_json::from_str::<WebhookAsk>(&text) else {
                    return Response::error("bad request", 400);
                };
                let key = format!("wh:{}", ask.id);
                let storage = self.state.storage();
                let seen: Option<u64> = storage.get(&key).await.unwrap_or(None);
                if seen.is_none() {
                    storage.put(&key, now_ms()).await?;
                }
                Response::from_json(&serde_json::json!({"duplicate": seen.is_some()}))
            }),
            "/events" => Box::pin(async {
                let Ok(ask) = serde_json::from_str::<EventsAsk>(&text) else {
                    return Response::error("bad request", 400);
                };
                let storage = self.state.storage();
                // A storage error must not read as "no events" (an add would then
                // replace them): it is an error.
                let mut events: Vec<EventSummary> = match storage.get(EVENTS_KEY).await {
                    Ok(v) => v.unwrap_or_default(),
                    Err(_) => return Response::error("unavailable", 503),
                };
                if let Some(event) = ask.add {
                    remember(&mut events, event);
                    storage.put(EVENTS_KEY, &events).await?;
                }
                Response::from_json(&serde_json::json!({"events": events}))
            }),
            "/link-bank" => Box::pin(async {
                let Ok(ask) = serde_json::from_str::<link_bank::Ask>(&text) else {
                    return Response::error("bad request", 400);
                };
                let _running = self.link_lock.lock().await;
                let storage = self.state.storage();
                let (status, body) =
                    match link_bank::run(Calls::new(&clients), &storage, &ask).await {
                        Ok(reply) => (reply.status, reply.body),
                        Err(e) => (e.status, e.to_json()),
                    };
                let mut response = Response::ok(body)?.with_status(status);
                response
                    .headers_mut()
                    .set("Content-Type", "application/json")?;
                Ok(response)
            }),
            _ => return Response::error("not found", 404),
        };
        work.await
    }
}

impl SharedState {
    async fn dwolla_token(
        &self,
        clients: &Clients,
        rejected: Option<String>,
    ) -> Result<CachedToken, ApiError> {
        let _one_at_a_time = self.dwolla_lock.lock().await;
        let current = self.dwolla.borrow().clone();
        if let Some(t) = current {
            if t.is_usable(now_ms()) && rejected.as_deref() != Some(t.value.as_str()) {
                return Ok(t);
            }
        }
        *self.dwolla.borrow_mut() = None;
        let cfg = &clients.cfg;
        let basic = STANDARD.encode(format!(
            "{}:{}",
            cfg.dwolla_client_id.expose(),
            cfg.dwolla_client_secret.expose()
        ));
        // Asking for a token twice creates nothing, so every failure may be retried.
        let call = Call {
            method: consent_exchange::Method::Post,
            url: format!("{}/token", cfg.dwolla_base_url),
            headers: vec![
                ("Authorization".into(), format!("Basic {basic}")),
                (
                    "Content-Type".into(),
                    "application/x-www-form-urlencoded".into(),
                ),
                ("Accept".into(), "application/json".into()),
            ],
            body: Some("grant_type=client_credentials".into()),
            idempotence: Idempotence::Safe,
        };
        let started = now_ms();
        let answer = send(&call, &clients.policy(), cfg.upstream_deadline_ms)
            .await
            .map_err(|e| e.to_api_error("Dwolla"))?;
        let secrets = clients.known_secrets();
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        match answer.read() {
            consent_exchange::response::DwollaResponse::Success(s) => {
                let resource = s.resource.unwrap_or_default();
                let value = resource
                    .get("access_token")
                    .and_then(|v| v.as_str())
                    .filter(|v| !v.is_empty());
                let expires_in = resource
                    .get("expires_in")
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0);
                let Some(value) = value else {
                    return Err(ApiError::new(
                        502,
                        "UpstreamInvalidResponse",
                        "Dwolla's token answer has no access_token",
                        true,
                    ));
                };
                let token = CachedToken {
                    value: value.to_owned(),
                    use_until_ms: dwolla_use_until(started, expires_in),
                };
                *self.dwolla.borrow_mut() = Some(token.clone());
                Ok(token)
            }
            consent_exchange::response::DwollaResponse::Failure(f) => {
                Err(from_dwolla(&f, &secrets))
            }
        }
    }

    async fn finicity_token(
        &self,
        clients: &Clients,
        rejected: Option<String>,
    ) -> Result<CachedToken, ApiError> {
        let _one_at_a_time = self.finicity_lock.lock().await;
        let current = self.finicity.borrow().clone();
        if let Some(t) = current {
            if t.is_usable(now_ms()) && rejected.as_deref() != Some(t.value.as_str()) {
                return Ok(t);
            }
        }
        *self.finicity.borrow_mut() = None;
        let cfg = &clients.cfg;
        let fingerprint = credentials_fingerprint(
            cfg.finicity_partner_id.expose(),
            cfg.finicity_partner_secret.expose(),
            cfg.finicity_app_key.expose(),
        );
        let storage = self.state.storage();
        let hold: Option<AuthHoldOff> = storage.get(HOLDOFF_KEY).await.unwrap_or(None);
        let now = now_ms();
        if let Err(until) = finicity_auth_allowed(hold.as_ref(), &fingerprint, now) {
            let mut e = ApiError::new(
                503,
                "FinicityAuthenticationHeldOff",
                match until {
                    Some(_) => "Finicity refused the partner credentials; authentication is held off to avoid locking the partner account",
                    None => "Finicity refused the partner credentials repeatedly; no further attempt is made until FINICITY_PARTNER_ID, FINICITY_PARTNER_SECRET or FINICITY_APP_KEY change",
                },
                false,
            );
            e.retry_after_seconds = until.map(|u| u.saturating_sub(now).div_ceil(1000));
            return Err(e);
        }
        let call = authentication_call(cfg)?;
        // Never retried: five failed authentications lock the partner account.
        let once = RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        };
        let answer = send(&call, &once, cfg.upstream_deadline_ms)
            .await
            .map_err(|e| e.to_api_error("Finicity"))?;
        let secrets = clients.known_secrets();
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        if (200..=299).contains(&answer.status) {
            let token = serde_json::from_str::<serde_json::Value>(&answer.body)
                .ok()
                .and_then(|v| v.get("token").and_then(|t| t.as_str()).map(str::to_owned))
                .filter(|t| !t.is_empty());
            let Some(value) = token else {
                return Err(ApiError::new(
                    502,
                    "UpstreamInvalidResponse",
                    "Finicity's authentication answer has no token",
                    true,
                ));
            };
            if hold.is_some() {
                let _ = storage.delete(HOLDOFF_KEY).await;
            }
            let token = CachedToken {
                value,
                use_until_ms: finicity_use_until(now),
            };
            *self.finicity.borrow_mut() = Some(token.clone());
            return Ok(token);
        }
        if matches!(answer.status, 400 | 401 | 403) {
            let next = after_rejection(
                hold.as_ref(),
                &fingerprint,
                now_ms(),
                cfg.finicity_auth_holdoff_ms,
            );
            let _ = storage.put(HOLDOFF_KEY, &next).await;
            return Err(ApiError::new(
                502,
                "FinicityAuthenticationFailed",
                "Finicity refused the partner credentials; further attempts are held off",
                false,
            ));
        }
        Err(from_finicity(answer.status, &answer.body, &secrets))
    }
}
