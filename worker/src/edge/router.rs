//! The fetch handler: static assets, CORS preflights, then the API, where each
//! [`Route`] (matched by [`match_route`]) has one handler in [`super::routes`].

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use worker::{Env, Request};

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

/// Serves one request: static assets, CORS preflights and the API. Answers are the
/// runtime's own `Response` objects (JSON answers are made as such directly, see
/// [`respond::json`]).
pub async fn handle(mut req: Request, env: Env) -> web_sys::Response {
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
                Ok(resp) => respond::asset(&framing, resp).into(),
                Err(_) => respond::error(&framing, &ApiError::not_found("no such page")),
            },
            Err(_) => respond::error(&framing, &ApiError::not_found("no such page")),
        };
    }
    if method.eq_ignore_ascii_case("OPTIONS") {
        return respond::preflight(&framing).into();
    }
    let route = match match_route(&method, &path) {
        Match::Found(route) => route,
        Match::NotFound => {
            return respond::error(&framing, &ApiError::not_found(format!("no route {path}")))
        }
        Match::MethodNotAllowed(allowed_methods) => {
            let allow = allowed_methods.join(", ");
            return respond::error_with(
                &framing,
                &ApiError::method_not_allowed(allowed_methods),
                &[("Allow", &allow)],
            );
        }
    };
    let prepared = prepare(&mut req, &method, &route, env, cfg).await;
    match dispatch(route, prepared).await {
        Ok(reply) => respond::reply(&framing, reply),
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
/// body of a POST and the headers the route reads.
async fn prepare(
    req: &mut Request,
    method: &str,
    route: &Route,
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
        // Only the webhook route is signed.
        signature: match route {
            Route::DwollaWebhook => req.headers().get(SIGNATURE_HEADER).ok().flatten(),
            _ => None,
        },
    })
}

/// A route handler's future, boxed: each handler's state machine stays a function of
/// its own, reached through the box's vtable. Awaited in place, LLVM and wasm-opt would
/// inline every handler (each has one caller) into the executor's poll function, one
/// 166 KB function that V8 compiled whole on the first request, whatever the route.
type Handler<'a> = Pin<Box<dyn Future<Output = Outcome> + 'a>>;

/// The route's handler. `/openapi.json` is served whatever the configuration; every
/// other route answers the configuration or body error when there is one.
async fn dispatch(route: Route, prepared: Result<Prepared, ApiError>) -> Outcome {
    if matches!(route, Route::OpenApi) {
        return service::openapi();
    }
    let p = prepared?;
    let ctx = p.ctx();
    let body = p.body.as_slice();
    let handler: Handler<'_> = match &route {
        Route::OpenApi => return service::openapi(),
        Route::IssueSession => return sessions::issue_session(&ctx, body),
        Route::Health => Box::pin(service::health(&ctx)),
        Route::ExchangePartners => Box::pin(service::exchange_partners(&ctx)),
        Route::DemoCustomer => Box::pin(sessions::demo_customer(&ctx, body)),
        Route::FinicityCustomer => Box::pin(finicity::customer(&ctx, body)),
        Route::FinicityConnectUrl => Box::pin(finicity::connect_url(&ctx, body)),
        Route::FinicityAccounts(id) => Box::pin(finicity::accounts(&ctx, id)),
        Route::FinicityConsentReceipt => Box::pin(finicity::consent_receipt(&ctx, body)),
        Route::CreateExchange(id) => Box::pin(exchanges::create(&ctx, id, body)),
        Route::CreateExchangeSession(id) => Box::pin(exchanges::create_session(&ctx, id, body)),
        Route::ReauthExchangeSession(id) => Box::pin(exchanges::reauth_session(&ctx, id, body)),
        Route::GetExchange(id) => Box::pin(exchanges::get(&ctx, id)),
        Route::CreateFundingSource(id) => Box::pin(funding_sources::create(&ctx, id, body)),
        Route::LinkBank => Box::pin(link_bank::link_bank(&ctx, body)),
        Route::CustomerEvents(id) => Box::pin(webhooks::customer_events(&ctx, id)),
        Route::DwollaWebhook => Box::pin(webhooks::dwolla(&ctx, body, p.signature.as_deref())),
    };
    handler.await
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
