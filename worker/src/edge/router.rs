//! The fetch handler: static assets, CORS preflights, then the API, where each
//! [`Route`] (matched by [`match_route`]) has one handler in [`super::routes`].

use std::rc::Rc;

use worker::{Env, Request, Response};

use crate::api_error::ApiError;
use crate::config::{Config, ConfigError};
use crate::http_policy::{check_declared_length, check_json_body};
use crate::routes::{match_route, Match, Route};
use crate::webhook::SIGNATURE_HEADER;

use super::auth::Ctx;
use super::calls::Calls;
use super::client::Clients;
use super::respond::{self, Framing};
use super::routes::{
    exchanges, finicity, funding_sources, link_bank, service, sessions, webhooks, Outcome,
};

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
    let prepared = prepare(&mut req, &method, env, cfg).await;
    match dispatch(route, prepared).await {
        Ok(reply) => respond::reply(&framing, &reply),
        Err(e) => respond::error(&framing, &e),
    }
}

/// What a handler is given: the upstream clients, the body of a POST, and the headers
/// handlers read.
struct Prepared {
    clients: Clients,
    body: Vec<u8>,
    authorization: Option<String>,
    signature: Option<String>,
}

impl Prepared {
    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            calls: Calls::new(&self.clients),
            authorization: self.authorization.as_deref(),
        }
    }
}

/// A valid configuration first (else 503 `ConfigurationError`), then the bounded JSON
/// body of a POST.
async fn prepare(
    req: &mut Request,
    method: &str,
    env: Env,
    cfg: Result<Rc<Config>, ConfigError>,
) -> Result<Prepared, ApiError> {
    let cfg = cfg.map_err(|e| ApiError::configuration(&e))?;
    let body = if method.eq_ignore_ascii_case("POST") {
        read_body(req).await?
    } else {
        Vec::new()
    };
    Ok(Prepared {
        clients: Clients { cfg, env },
        body,
        authorization: req.headers().get("Authorization").ok().flatten(),
        signature: req.headers().get(SIGNATURE_HEADER).ok().flatten(),
    })
}

/// The route's handler. `/openapi.json` is served whatever the configuration; every
/// other route answers the configuration or body error when there is one.
async fn dispatch(route: Route, prepared: Result<Prepared, ApiError>) -> Outcome {
    match (route, prepared) {
        (Route::OpenApi, _) => service::openapi(),
        (_, Err(e)) => Err(e),
        (Route::Health, Ok(p)) => service::health(&p.ctx()).await,
        (Route::ExchangePartners, Ok(p)) => service::exchange_partners(&p.ctx()).await,
        (Route::DemoCustomer, Ok(p)) => sessions::demo_customer(&p.ctx(), &p.body).await,
        (Route::IssueSession, Ok(p)) => sessions::issue_session(&p.ctx(), &p.body),
        (Route::FinicityCustomer, Ok(p)) => finicity::customer(&p.ctx(), &p.body).await,
        (Route::FinicityConnectUrl, Ok(p)) => finicity::connect_url(&p.ctx(), &p.body).await,
        (Route::FinicityAccounts(id), Ok(p)) => finicity::accounts(&p.ctx(), &id).await,
        (Route::FinicityConsentReceipt, Ok(p)) => {
            finicity::consent_receipt(&p.ctx(), &p.body).await
        }
        (Route::CreateExchange(id), Ok(p)) => exchanges::create(&p.ctx(), &id, &p.body).await,
        (Route::CreateExchangeSession(id), Ok(p)) => {
            exchanges::create_session(&p.ctx(), &id, &p.body).await
        }
        (Route::ReauthExchangeSession(id), Ok(p)) => {
            exchanges::reauth_session(&p.ctx(), &id, &p.body).await
        }
        (Route::GetExchange(id), Ok(p)) => exchanges::get(&p.ctx(), &id).await,
        (Route::CreateFundingSource(id), Ok(p)) => {
            funding_sources::create(&p.ctx(), &id, &p.body).await
        }
        (Route::LinkBank, Ok(p)) => link_bank::link_bank(&p.ctx(), &p.body).await,
        (Route::CustomerEvents(id), Ok(p)) => webhooks::customer_events(&p.ctx(), &id).await,
        (Route::DwollaWebhook, Ok(p)) => {
            webhooks::dwolla(&p.ctx(), &p.body, p.signature.as_deref()).await
        }
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
