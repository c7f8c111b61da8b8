//! The exchange partners this sandbox knows, with fixed ids distinct from every id in
//! Dwolla's documentation examples, so clients that hard-code an example id fail here.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::hal::{hal, link, DwollaError, DwollaResult};
use crate::state::AppState;

/// One exchange partner and what it supports.
#[derive(Debug, Clone, Copy)]
pub struct Partner {
    /// Fixed id.
    pub id: &'static str,
    /// Name as Dwolla spells it.
    pub name: &'static str,
    /// Supports `POST /customers/{id}/exchange-sessions`.
    pub sessions: bool,
    /// A redirect URL is mandatory for its sessions.
    pub redirect_required: bool,
}

/// Every partner, in listing order.
pub const PARTNERS: [Partner; 6] = [
    Partner {
        id: "c2f9a9d4-5a4e-4a8b-9a51-3f1d0f6e7a01",
        name: "Finicity",
        sessions: false,
        redirect_required: false,
    },
    Partner {
        id: "7d0e3c1b-2f44-4b8e-b1a9-6c2e5d8f9a02",
        name: "MX",
        sessions: true,
        redirect_required: false,
    },
    Partner {
        id: "a41b8e6f-9c3d-4e27-8f15-0b9d2c7e6a03",
        name: "Plaid",
        sessions: true,
        redirect_required: false,
    },
    Partner {
        id: "e8d5f2a7-1b6c-4d39-a0e4-5f7c3b9d1a04",
        name: "Flinks",
        sessions: false,
        redirect_required: false,
    },
    Partner {
        id: "3b9e7c5d-8a2f-4e61-9d07-2c4a6e8f0a05",
        name: "Visa",
        sessions: true,
        redirect_required: true,
    },
    Partner {
        id: "f6a2d8b4-4c7e-4b95-8e13-7a9c1d5e3a06",
        name: "Checkout.com",
        sessions: true,
        redirect_required: false,
    },
];

const PARTNERS_CREATED: &str = "2022-08-30T19:31:59.106Z";

/// Finds a partner by id.
pub fn by_id(id: &str) -> Option<Partner> {
    PARTNERS.iter().copied().find(|p| p.id == id)
}

fn partner_json(state: &AppState, p: &Partner) -> Value {
    json!({
        // As in Dwolla's list-exchange-partners example: where funding sources are made.
        "_links": {
            "self": link(&state.url(&format!("/exchange-partners/{}", p.id)), "exchange-partner"),
            "funding-source": link(&state.url("/funding-sources"), "funding-source"),
        },
        "id": p.id,
        "name": p.name,
        "status": "active",
        "created": PARTNERS_CREATED,
    })
}

/// `GET /exchange-partners`.
pub async fn list(State(state): State<AppState>) -> DwollaResult {
    let items: Vec<Value> = PARTNERS.iter().map(|p| partner_json(&state, p)).collect();
    Ok(hal(
        StatusCode::OK,
        json!({
            "_links": { "self": link(&state.url("/exchange-partners"), "exchange-partner") },
            "_embedded": { "exchange-partners": items },
            "total": PARTNERS.len(),
        }),
    ))
}

/// `GET /exchange-partners/{id}`.
pub async fn get(State(state): State<AppState>, Path(id): Path<String>) -> DwollaResult {
    let p = by_id(&id).ok_or_else(|| DwollaError::not_found("Exchange Partner"))?;
    Ok(hal(StatusCode::OK, partner_json(&state, &p)))
}
