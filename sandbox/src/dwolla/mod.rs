//! The Dwolla side: same paths, headers, status codes and bodies as
//! `https://api-sandbox.dwolla.com`.

pub mod auth;
pub mod customers;
pub mod exchanges;
pub mod funding_sources;
pub mod partners;
pub mod sessions;

use axum::middleware;
use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

/// Every Dwolla route. `/token` needs no `Accept`/bearer; everything else does.
pub fn router(state: AppState) -> Router<AppState> {
    let guarded = Router::new()
        .route("/exchange-partners", get(partners::list))
        .route("/exchange-partners/{id}", get(partners::get))
        .route("/customers", post(customers::create).get(customers::list))
        .route("/customers/{id}", get(customers::get))
        .route(
            "/exchanges",
            post(exchanges::create_for_account).get(exchanges::list_for_account),
        )
        .route("/exchanges/{id}", get(exchanges::get))
        .route(
            "/customers/{id}/exchanges",
            post(exchanges::create_for_customer).get(exchanges::list_for_customer),
        )
        .route("/customers/{id}/exchange-sessions", post(sessions::create))
        .route(
            "/exchanges/{id}/exchange-sessions",
            post(sessions::create_reauth),
        )
        .route("/exchange-sessions/{id}", get(sessions::get))
        .route(
            "/customers/{id}/available-exchange-connections",
            get(crate::pages::available_connections),
        )
        .route(
            "/customers/{id}/funding-sources",
            post(funding_sources::create).get(funding_sources::list_for_customer),
        )
        .route(
            "/funding-sources",
            post(funding_sources::create_for_account),
        )
        .route("/funding-sources/{id}", get(funding_sources::get))
        .route_layer(middleware::from_fn_with_state(state, auth::guard));
    Router::new()
        .route("/token", post(auth::token))
        .merge(guarded)
}
