//! Authenticated calls to Dwolla and Finicity, as routes and flows make them: a request
//! value built by the library goes out through [`Clients`] (which adds the token and
//! retries) and the answer comes back read into a value or an [`ApiError`] scrubbed of
//! every secret. The operations that more than one route or flow runs are in
//! [`dwolla`] and [`finicity`].

pub mod dwolla;
pub mod finicity;

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;
use worker::Env;

use consent_exchange::exchange::ExchangeTarget;
use consent_exchange::finicity::FinicityRequest;
use consent_exchange::partners::ExchangePartners;
use consent_exchange::reads::ReadInput;
use consent_exchange::receipt::Timestamp;
use consent_exchange::response::{DwollaResponse, ResponseFailure, ResponseSuccess as Success};
use consent_exchange::DwollaRequest;

use crate::api_error::ApiError;
use crate::config::Config;
use crate::idempotency::random_key;
use crate::link_bank::Resource;
use crate::upstream_error::{from_dwolla, from_finicity};

use super::client::Clients;
use super::upstream::{now_ms, Answer};

/// How long the exchange-partner list is reused within an isolate.
const PARTNERS_TTL_MS: u64 = 10 * 60_000;

thread_local! {
    static PARTNERS: RefCell<Option<(u64, Rc<ExchangePartners>)>> = const { RefCell::new(None) };
}

/// The upstream calls of one request (or one Durable Object run).
#[derive(Clone, Copy)]
pub struct Calls<'a> {
    clients: &'a Clients,
}

impl<'a> Calls<'a> {
    /// Calls made through `clients`.
    pub fn new(clients: &'a Clients) -> Self {
        Self { clients }
    }

    /// The configuration.
    pub fn cfg(&self) -> &'a Config {
        &self.clients.cfg
    }

    /// The environment (for the shared-state binding).
    pub fn env(&self) -> &'a Env {
        &self.clients.env
    }

    /// Now, as the library's receipt checks take it.
    pub fn now(&self) -> Timestamp {
        Timestamp::from_unix_millis(now_ms() as i64)
    }

    /// The configured Dwolla base URL, without a trailing slash.
    pub fn base(&self) -> &'a str {
        &self.cfg().dwolla_base_url
    }

    /// A library read of the Dwolla resource `id` on the configured target.
    pub fn read(&self, id: &str) -> ReadInput {
        ReadInput {
            id: id.to_owned(),
            environment: Some(self.cfg().dwolla_target.environment),
            base_url: self.cfg().dwolla_target.base_url.clone(),
        }
    }

    /// Where an exchange for `customer_id` with the partner at `partner_href` goes.
    pub fn target(
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

    /// Sends a Dwolla request and reads the answer; failures become API errors.
    pub async fn dwolla(&self, req: &DwollaRequest) -> Result<Success, ApiError> {
        let answer = self.dwolla_answer(req).await?;
        self.read_dwolla(&answer)
    }

    /// Sends a Dwolla request; the answer is returned whatever its status.
    pub async fn dwolla_answer(&self, req: &DwollaRequest) -> Result<Answer, ApiError> {
        self.clients.dwolla(req).await
    }

    /// A Dwolla answer read by the library; a failure becomes an API error.
    pub fn read_dwolla(&self, answer: &Answer) -> Result<Success, ApiError> {
        match answer.read() {
            DwollaResponse::Success(s) => Ok(s),
            DwollaResponse::Failure(f) => Err(self.dwolla_error(&f)),
        }
    }

    /// Dwolla's refusal as an API error, scrubbed of every secret this isolate knows.
    pub fn dwolla_error(&self, failure: &ResponseFailure) -> ApiError {
        let secrets = self.clients.known_secrets();
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        from_dwolla(failure, &secrets)
    }

    /// Sends a Finicity request; a 2xx JSON body is returned parsed.
    pub async fn finicity(&self, req: &FinicityRequest) -> Result<Value, ApiError> {
        let answer = self.finicity_answer(req).await?;
        if (200..=299).contains(&answer.status) {
            return serde_json::from_str(&answer.body)
                .map_err(|_| upstream_invalid("Finicity answered with a body that is not JSON"));
        }
        let secrets = self.clients.known_secrets();
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        Err(from_finicity(answer.status, &answer.body, &secrets))
    }

    /// Sends a Finicity request; the answer is returned whatever its status.
    pub async fn finicity_answer(&self, req: &FinicityRequest) -> Result<Answer, ApiError> {
        self.clients.finicity(finicity::call(req)).await
    }

    /// Dwolla's exchange partners, reused for [`PARTNERS_TTL_MS`] within an isolate.
    pub async fn partners(&self) -> Result<Rc<ExchangePartners>, ApiError> {
        let now = now_ms();
        if let Some((at, list)) = PARTNERS.with(|p| p.borrow().clone()) {
            if now.saturating_sub(at) < PARTNERS_TTL_MS {
                return Ok(list);
            }
        }
        let target = &self.cfg().dwolla_target;
        let req = consent_exchange::reads::list_exchange_partners(
            Some(target.environment),
            target.base_url.as_deref(),
        )
        .map_err(library)?;
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

    /// The href of the exchange partner called `name` (400 for an unknown name).
    pub async fn partner_href(&self, name: &str) -> Result<String, ApiError> {
        let partners = self.partners().await?;
        partners
            .find(name)
            .map(|p| p.href.clone())
            .map_err(|e| ApiError::from_library(&e, 400))
    }
}

/// The resource a Dwolla create answered with (its `Location`).
pub fn created(success: &Success, what: &str) -> Result<Resource, ApiError> {
    match (&success.id, &success.location) {
        (Some(id), Some(href)) => Ok(Resource {
            id: id.clone(),
            href: href.clone(),
        }),
        _ => Err(upstream_invalid(format!(
            "Dwolla created the {what} but sent no Location"
        ))),
    }
}

/// 502 `UpstreamInvalidResponse`: an upstream answered with something unusable.
pub fn upstream_invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(502, "UpstreamInvalidResponse", message, true)
}

/// A fresh random `Idempotency-Key`.
pub fn fresh_key() -> Result<String, ApiError> {
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

/// A library error about the caller's input: 400 with the library's code and issues.
pub fn library<E: consent_exchange::CodedError>(e: E) -> ApiError {
    ApiError::from_library(&e, 400)
}
