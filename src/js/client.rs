//! JS boundary of `crate::client`: `new WorkerClient(baseUrl, sessionToken?)`, whose
//! async methods call the edge worker's API with gloo-net and resolve to typed answers
//! or reject with an `Error` carrying `code`, `status`, `retryable`, `issues`, `errors`
//! and `step`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use js_sys::Promise;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::{coded_error, from_js, to_js};
use crate::client::{
    endpoint, read_answer, segment, ClientError, ConnectUrlRequest, ConsentReceiptRequest,
    CreateExchangeRequest, DemoCustomerRequest, ExchangeSessionRequest, FinicityCustomerRequest,
    FundingSourceRequest, LinkBankRequest, ReauthRequest,
};

#[wasm_bindgen(typescript_custom_section)]
const PARTNER_NAME: &str = r#"
/** An exchange partner's name as Dwolla lists it (the worker compares it case-insensitively). */
export type PartnerName = "Finicity" | "Flinks" | "MX" | "Plaid" | "Visa" | "Checkout.com";
"#;

/// A client of the consent-exchange worker's API.
#[wasm_bindgen]
pub struct WorkerClient {
    base_url: Rc<str>,
    // Shared with in-flight calls so `createDemoCustomer` can store the new session.
    session_token: Rc<RefCell<Option<String>>>,
}

fn client_error(e: &ClientError) -> JsValue {
    let error = coded_error(&e.code, &e.message, &e.issues);
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&error, &k.into(), &v);
    };
    set("status", JsValue::from(e.status));
    set("retryable", JsValue::from(e.retryable));
    if !e.errors.is_empty() {
        if let Ok(list) = to_js(&e.errors) {
            set("errors", list);
        }
    }
    if let Some(step) = &e.step {
        set("step", JsValue::from_str(step));
    }
    error
}

/// `{prefix}{id}{suffix}` with `id` escaped as one path segment; an id that cannot be
/// one (empty, `.`, `..`) is the caller's mistake, not a request.
fn route(prefix: &str, id: &str, suffix: &str) -> Result<String, JsValue> {
    match segment(id) {
        Some(id) => Ok(format!("{prefix}{id}{suffix}")),
        None => {
            let message = format!("{id:?} is not an id");
            Err(coded_error("InvalidArgument", &message, &[]))
        }
    }
}

struct Call {
    method: Method,
    url: String,
    body: Option<String>,
    token: Option<String>,
}

async fn send(call: Call) -> Result<Value, Box<ClientError>> {
    let mut builder = RequestBuilder::new(&call.url)
        .method(call.method)
        .header("Accept", "application/json");
    if let Some(token) = &call.token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match call.body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    }
    .map_err(|e| Box::new(ClientError::network(e.to_string())))?;
    let response = request.send().await.map_err(|e| {
        // The browser hides why a request failed; a refused cross-origin request is the
        // usual cause when the worker is otherwise up.
        Box::new(ClientError::network(format!(
            "the worker at {} could not be reached: {e}. If the worker is running, this \
             page's origin may not be allowed to call it (CORS): add the origin to the \
             worker's ALLOWED_ORIGINS, or serve the page from the worker's own origin",
            call.url
        )))
    })?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| Box::new(ClientError::network(e.to_string())))?;
    read_answer(status, &text)
}

impl WorkerClient {
    fn call<T: Serialize>(
        &self,
        method: Method,
        path: String,
        body: Option<&T>,
    ) -> Result<Call, JsValue> {
        let body = match body {
            Some(b) => Some(
                serde_json::to_string(b)
                    .map_err(|e| coded_error("InvalidArgument", &e.to_string(), &[]))?,
            ),
            None => None,
        };
        Ok(Call {
            method,
            url: endpoint(&self.base_url, &path),
            body,
            token: self.session_token.borrow().clone(),
        })
    }

    fn run(call: Result<Call, JsValue>) -> Promise {
        future_to_promise(async move {
            let value = send(call?).await.map_err(|e| client_error(&e))?;
            to_js(&value)
        })
    }

    fn post<T: Serialize>(&self, path: String, body: &T) -> Promise {
        Self::run(self.call(Method::POST, path, Some(body)))
    }

    fn get(&self, path: Result<String, JsValue>) -> Promise {
        Self::run(path.and_then(|path| self.call::<()>(Method::GET, path, None)))
    }
}

#[wasm_bindgen]
impl WorkerClient {
    /// A client for the worker at `baseUrl` (e.g. `location.origin`), optionally with a
    /// session token for customer-scoped calls.
    #[wasm_bindgen(constructor)]
    pub fn new(base_url: String, session_token: Option<String>) -> WorkerClient {
        WorkerClient {
            base_url: base_url.into(),
            session_token: Rc::new(RefCell::new(session_token)),
        }
    }

    /// The session token sent with customer-scoped calls.
    #[wasm_bindgen(getter, js_name = sessionToken)]
    pub fn session_token(&self) -> Option<String> {
        self.session_token.borrow().clone()
    }

    /// Replaces (or clears) the session token.
    #[wasm_bindgen(setter, js_name = sessionToken)]
    pub fn set_session_token(&self, token: Option<String>) {
        *self.session_token.borrow_mut() = token;
    }

    /// `GET /healthz`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Health>")]
    pub fn health(&self) -> Promise {
        self.get(Ok("/healthz".into()))
    }

    /// `POST /api/demo/customers`; keeps the returned session token for later calls.
    #[wasm_bindgen(js_name = createDemoCustomer, unchecked_return_type = "Promise<DemoCustomer>")]
    pub fn create_demo_customer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DemoCustomerRequest")] input: JsValue,
    ) -> Promise {
        let call = from_js::<DemoCustomerRequest>(input, "input")
            .and_then(|body| self.call(Method::POST, "/api/demo/customers".into(), Some(&body)));
        let slot = self.session_token.clone();
        future_to_promise(async move {
            let value = send(call?).await.map_err(|e| client_error(&e))?;
            if let Some(token) = value.get("sessionToken").and_then(Value::as_str) {
                *slot.borrow_mut() = Some(token.to_owned());
            }
            to_js(&value)
        })
    }

    /// `POST /api/finicity/customers`.
    #[wasm_bindgen(js_name = createFinicityCustomer, unchecked_return_type = "Promise<FinicityCustomer>")]
    pub fn create_finicity_customer(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "FinicityCustomerRequest")] input: Option<
            JsValue,
        >,
    ) -> Promise {
        let body = match input {
            None => Ok(FinicityCustomerRequest::default()),
            Some(input) => from_js::<FinicityCustomerRequest>(input, "input"),
        };
        match body {
            Ok(b) => self.post("/api/finicity/customers".into(), &b),
            Err(e) => Promise::reject(&e),
        }
    }

    /// `POST /api/finicity/connect-url`.
    #[wasm_bindgen(js_name = finicityConnectUrl, unchecked_return_type = "Promise<ConnectUrl>")]
    pub fn finicity_connect_url(
        &self,
        customer_id: String,
        redirect_uri: Option<String>,
    ) -> Promise {
        let body = ConnectUrlRequest {
            customer_id,
            redirect_uri,
        };
        self.post("/api/finicity/connect-url".into(), &body)
    }

    /// `GET /api/finicity/customers/{id}/accounts`.
    #[wasm_bindgen(js_name = finicityAccounts, unchecked_return_type = "Promise<FinicityAccounts>")]
    pub fn finicity_accounts(&self, customer_id: String) -> Promise {
        self.get(route("/api/finicity/customers/", &customer_id, "/accounts"))
    }

    /// `POST /api/finicity/consent-receipts`.
    #[wasm_bindgen(js_name = createConsentReceipt, unchecked_return_type = "Promise<ConsentReceipt>")]
    pub fn create_consent_receipt(&self, customer_id: String, account_ids: Vec<String>) -> Promise {
        let body = ConsentReceiptRequest {
            customer_id,
            account_ids,
            products: None,
            duration_days: None,
        };
        self.post("/api/finicity/consent-receipts".into(), &body)
    }

    /// `GET /api/exchange-partners`.
    #[wasm_bindgen(js_name = exchangePartners, unchecked_return_type = "Promise<ExchangePartnerList>")]
    pub fn exchange_partners(&self) -> Promise {
        self.get(Ok("/api/exchange-partners".into()))
    }

    /// `POST /api/customers/{id}/exchanges`.
    #[wasm_bindgen(js_name = createExchange, unchecked_return_type = "Promise<CreatedExchange>")]
    pub fn create_exchange(
        &self,
        customer_id: String,
        #[wasm_bindgen(unchecked_param_type = "CreateExchangeRequest")] input: JsValue,
    ) -> Promise {
        let path = route("/api/customers/", &customer_id, "/exchanges");
        Self::run(path.and_then(|path| {
            from_js::<CreateExchangeRequest>(input, "input")
                .and_then(|b| self.call(Method::POST, path, Some(&b)))
        }))
    }

    /// `POST /api/customers/{id}/exchange-sessions`.
    #[wasm_bindgen(js_name = createExchangeSession, unchecked_return_type = "Promise<ExchangeSessionResult>")]
    pub fn create_exchange_session(
        &self,
        customer_id: String,
        #[wasm_bindgen(unchecked_param_type = "ExchangeSessionRequest")] input: JsValue,
    ) -> Promise {
        let path = route("/api/customers/", &customer_id, "/exchange-sessions");
        Self::run(path.and_then(|path| {
            from_js::<ExchangeSessionRequest>(input, "input")
                .and_then(|b| self.call(Method::POST, path, Some(&b)))
        }))
    }

    /// `POST /api/exchanges/{id}/exchange-sessions` (re-authentication).
    #[wasm_bindgen(js_name = reauthExchangeSession, unchecked_return_type = "Promise<ExchangeSessionResult>")]
    pub fn reauth_exchange_session(
        &self,
        exchange_id: String,
        #[wasm_bindgen(unchecked_optional_param_type = "ReauthRequest")] input: Option<JsValue>,
    ) -> Promise {
        let path = route("/api/exchanges/", &exchange_id, "/exchange-sessions");
        let body = match input {
            None => Ok(ReauthRequest::default()),
            Some(input) => from_js::<ReauthRequest>(input, "input"),
        };
        Self::run(path.and_then(|path| body.and_then(|b| self.call(Method::POST, path, Some(&b)))))
    }

    /// `GET /api/exchanges/{id}`.
    #[wasm_bindgen(js_name = getExchange, unchecked_return_type = "Promise<ExchangeDetails>")]
    pub fn get_exchange(&self, exchange_id: String) -> Promise {
        self.get(route("/api/exchanges/", &exchange_id, ""))
    }

    /// `GET /api/customers/{id}/events`: the webhook events the worker kept about the
    /// customer, and which of its exchanges need re-authentication.
    #[wasm_bindgen(js_name = customerEvents, unchecked_return_type = "Promise<CustomerEvents>")]
    pub fn customer_events(&self, customer_id: String) -> Promise {
        self.get(route("/api/customers/", &customer_id, "/events"))
    }

    /// `POST /api/customers/{id}/funding-sources`.
    #[wasm_bindgen(js_name = createFundingSource, unchecked_return_type = "Promise<CreatedFundingSource>")]
    pub fn create_funding_source(
        &self,
        customer_id: String,
        #[wasm_bindgen(unchecked_param_type = "FundingSourceRequest")] input: JsValue,
    ) -> Promise {
        let path = route("/api/customers/", &customer_id, "/funding-sources");
        Self::run(path.and_then(|path| {
            from_js::<FundingSourceRequest>(input, "input")
                .and_then(|b| self.call(Method::POST, path, Some(&b)))
        }))
    }

    /// `POST /api/link-bank`: receipt → exchange → funding source in one idempotent call.
    #[wasm_bindgen(js_name = linkBank, unchecked_return_type = "Promise<LinkBankResult>")]
    pub fn link_bank(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LinkBankRequest")] input: JsValue,
    ) -> Promise {
        Self::run(
            from_js::<LinkBankRequest>(input, "input")
                .and_then(|b| self.call(Method::POST, "/api/link-bank".into(), Some(&b))),
        )
    }
}
