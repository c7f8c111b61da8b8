//! The OpenAPI 3.1 document of the worker's API, served at `/openapi.json`. Written
//! out by hand with `serde_json::json!` because it describes this worker's routes, not
//! Rust types; a native test checks that every route is in it and every `$ref`
//! resolves.

use serde_json::{json, Value};

use crate::limits as L;

fn schema(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn body(name: &str) -> Value {
    json!({"required": true, "content": {"application/json": {"schema": schema(name)}}})
}

fn ok(status: &str, name: &str, description: &str) -> Value {
    json!({status: {"description": description, "content": {"application/json": {"schema": schema(name)}}}})
}

/// The error responses every API route may give.
fn errors(mut responses: Value, session: bool) -> Value {
    let mut codes = vec![
        (
            "400",
            "Invalid request (library validation codes, Dwolla ValidationError)",
        ),
        ("404", "Not found"),
        ("413", "Body over 64 KB"),
        ("415", "Body is not JSON"),
        ("502", "Upstream failure"),
        (
            "503",
            "Upstream unavailable, rate-limited or configuration missing",
        ),
        ("504", "Upstream timeout"),
    ];
    if session {
        codes.push(("401", "Missing, invalid or expired session token"));
        codes.push((
            "403",
            "An id in the path or body belongs to another customer (or to nobody)",
        ));
    }
    if let Some(map) = responses.as_object_mut() {
        for (code, description) in codes {
            map.insert(
                code.to_owned(),
                json!({"description": description, "content": {"application/json": {"schema": schema("Error")}}}),
            );
        }
    }
    responses
}

fn op(summary: &str, tag: &str, session: bool, request: Option<&str>, responses: Value) -> Value {
    let mut o = json!({
        "summary": summary,
        "tags": [tag],
        "responses": errors(responses, session),
    });
    if session {
        o["security"] = json!([{"session": []}]);
    }
    if let Some(name) = request {
        o["requestBody"] = body(name);
    }
    o
}

fn path_param(name: &str, pattern: &str, description: &str) -> Value {
    json!([{"name": name, "in": "path", "required": true, "description": description,
            "schema": {"type": "string", "pattern": pattern}}])
}

const UUID: &str = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const DIGITS: &str = "^[0-9]{1,32}$";

/// The document.
pub fn document() -> Value {
    let customer = path_param("customerId", UUID, "Dwolla customer id");
    let exchange = path_param("exchangeId", UUID, "Dwolla exchange id");
    let mut paths = serde_json::Map::new();
    paths.insert("/healthz".into(), json!({"get": {
        "summary": "Liveness and configuration check", "tags": ["meta"],
        "responses": {"200": {"description": "Configured", "content": {"application/json": {"schema": schema("Health")}}},
                      "503": {"description": "Configuration missing, weak or contradictory (ConfigurationError, naming the variables), or upstream credentials refused at the last token attempt (UpstreamAuthenticationFailed, FinicityAuthenticationFailed, FinicityAuthenticationHeldOff)", "content": {"application/json": {"schema": schema("Error")}}}}}}));
    paths.insert("/openapi.json".into(), json!({"get": {
        "summary": "This document", "tags": ["meta"],
        "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}}));
    paths.insert(
        "/api/demo/customers".into(),
        json!({"post": op(
        "Create a Dwolla customer and a session for it (demo mode only)", "sessions", false,
        Some("DemoCustomerRequest"), ok("201", "DemoCustomer", "Created"))}),
    );
    let mut issue = op(
        "Issue a session token (backends, with SESSION_ISSUER_KEY)",
        "sessions",
        false,
        Some("SessionRequest"),
        ok("201", "Session", "Issued"),
    );
    issue["security"] = json!([{"issuerKey": []}]);
    if let Some(r) = issue["responses"].as_object_mut() {
        r.insert("401".into(), json!({"description": "Wrong issuer key", "content": {"application/json": {"schema": schema("Error")}}}));
    }
    paths.insert("/api/sessions".into(), json!({"post": issue}));
    paths.insert(
        "/api/finicity/customers".into(),
        json!({"post": op(
        "Create a Finicity testing customer, owned by the session's customer", "finicity", true,
        Some("FinicityCustomerRequest"), ok("201", "FinicityCustomer", "Created"))}),
    );
    paths.insert(
        "/api/finicity/connect-url".into(),
        json!({"post": op(
        "Generate a Finicity Connect URL for an owned Finicity customer; redirectUri must be one of ALLOWED_REDIRECT_URLS", "finicity", true,
        Some("ConnectUrlRequest"), ok("200", "ConnectUrl", "The link"))}),
    );
    paths.insert(
        "/api/finicity/customers/{customerId}/accounts".into(),
        json!({"get": {
        "parameters": path_param("customerId", DIGITS, "Finicity customer id"),
        "summary": "List an owned Finicity customer's accounts (numbers masked)", "tags": ["finicity"],
        "security": [{"session": []}],
        "responses": errors(ok("200", "FinicityAccounts", "Accounts"), true)}}),
    );
    paths.insert(
        "/api/finicity/consent-receipts".into(),
        json!({"post": op(
        "Create a consent receipt with Dwolla as the third party, for accounts of an owned Finicity customer", "finicity", true,
        Some("ConsentReceiptRequest"), ok("201", "ConsentReceipt", "Created"))}),
    );
    paths.insert(
        "/api/exchange-partners".into(),
        json!({"get": op(
        "List Dwolla exchange partners (cached)", "dwolla", false, None,
        ok("200", "ExchangePartners", "Partners"))}),
    );
    let mut create_exchange = op(
        "Create an exchange",
        "dwolla",
        true,
        Some("CreateExchangeRequest"),
        ok("201", "CreatedExchange", "Created"),
    );
    create_exchange["parameters"] = customer.clone();
    paths.insert(
        "/api/customers/{customerId}/exchanges".into(),
        json!({"post": create_exchange}),
    );
    let mut create_session = op(
        "Create an exchange session and say what to open",
        "dwolla",
        true,
        Some("ExchangeSessionRequest"),
        ok("201", "ExchangeSession", "Created"),
    );
    create_session["parameters"] = customer.clone();
    paths.insert(
        "/api/customers/{customerId}/exchange-sessions".into(),
        json!({"post": create_session}),
    );
    let mut reauth = op(
        "Create a re-authentication exchange session",
        "dwolla",
        true,
        Some("ReauthRequest"),
        ok("201", "ExchangeSession", "Created"),
    );
    reauth["parameters"] = exchange.clone();
    reauth["requestBody"]["required"] = json!(false);
    paths.insert(
        "/api/exchanges/{exchangeId}/exchange-sessions".into(),
        json!({"post": reauth}),
    );
    let mut get_exchange = op(
        "Retrieve an exchange of the session's customer",
        "dwolla",
        true,
        None,
        ok("200", "ExchangeDetails", "The exchange"),
    );
    get_exchange["parameters"] = exchange;
    paths.insert(
        "/api/exchanges/{exchangeId}".into(),
        json!({"get": get_exchange}),
    );
    let mut events = op(
        "What Dwolla's webhooks said about the session's customer (last 50 events, newest first)",
        "webhooks",
        true,
        None,
        ok("200", "CustomerEvents", "The kept events"),
    );
    events["parameters"] = customer.clone();
    paths.insert(
        "/api/customers/{customerId}/events".into(),
        json!({"get": events}),
    );
    let mut funding = op(
        "Create a funding source from an exchange",
        "dwolla",
        true,
        Some("FundingSourceRequest"),
        ok("201", "CreatedFundingSource", "Created"),
    );
    funding["parameters"] = customer;
    paths.insert(
        "/api/customers/{customerId}/funding-sources".into(),
        json!({"post": funding}),
    );
    let mut link = op(
        "Consent receipt → exchange → funding source in one idempotent call",
        "dwolla",
        true,
        Some("LinkBankRequest"),
        ok("201", "LinkBank", "Created"),
    );
    if let Some(r) = link["responses"].as_object_mut() {
        r.insert("200".into(), json!({"description": "Already done for this account by an earlier call (whatever its nickname)", "content": {"application/json": {"schema": schema("LinkBank")}}}));
    }
    paths.insert("/api/link-bank".into(), json!({"post": link}));
    paths.insert("/webhooks/dwolla".into(), json!({"post": {
        "summary": "Receive a Dwolla webhook (signature checked on the raw body)", "tags": ["webhooks"],
        "parameters": [{"name": "X-Request-Signature-SHA-256", "in": "header", "required": true,
                        "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {
            "200": {"description": "Received", "content": {"application/json": {"schema": schema("WebhookReceived")}}},
            "400": {"description": "No event id", "content": {"application/json": {"schema": schema("Error")}}},
            "401": {"description": "Bad signature", "content": {"application/json": {"schema": schema("Error")}}},
            "413": {"description": "Too large", "content": {"application/json": {"schema": schema("Error")}}},
            "415": {"description": "Not JSON", "content": {"application/json": {"schema": schema("Error")}}},
            "503": {"description": "Unavailable", "content": {"application/json": {"schema": schema("Error")}}}}}}));

    let s = |props: Value, required: &[&str]| json!({"type": "object", "properties": props, "required": required});
    let resource = json!({"type": "object", "properties": {"id": {"type": "string"}, "href": {"type": "string", "format": "uri"}}, "required": ["id", "href"]});
    let digits = json!({"type": "string", "pattern": DIGITS});
    let text = |max: usize| json!({"type": "string", "maxLength": max});
    let text1 = |max: usize| json!({"type": "string", "minLength": 1, "maxLength": max});
    let redirect = json!({"type": "string", "minLength": 1, "maxLength": L::MAX_REDIRECT_LEN, "description": "must be one of ALLOWED_REDIRECT_URLS (exact match)"});
    let token = text1(L::MAX_TOKEN_LEN);
    let partner = text(L::MAX_PARTNER_NAME_LEN);
    let duration = json!({"type": "integer", "minimum": 1, "maximum": L::MAX_DURATION_DAYS});
    let key = |what: &str| json!({"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$", "description": format!("The caller's idempotency key, namespaced by the session's customer before it is sent to Dwolla (so customers never share keys) and echoed as given; {what}")});
    let derived =
        key("without it the key is derived from the request, so a repeat never creates twice");
    let fresh = key("without it every call gets a fresh random key, because exchange sessions are single use; give one to retry a call safely");
    let schemas = json!({
        "Error": s(json!({"error": s(json!({
            "code": {"type": "string"}, "message": {"type": "string"},
            "status": {"type": "integer"}, "retryable": {"type": "boolean"},
            "issues": {"type": "array", "items": s(json!({"path": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}, "severity": {"enum": ["error", "warning"]}}), &["path", "code", "message", "severity"])},
            "errors": {"type": "array", "items": s(json!({"path": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}}), &["code", "message"])},
            "step": {"enum": ["receipt", "exchange", "fundingSource"]}}), &["code", "message", "status", "retryable"])}), &["error"]),
        "Health": s(json!({"ok": {"type": "boolean"}, "version": {"type": "string"}}), &["ok", "version"]),
        "Resource": resource,
        "DemoCustomerRequest": s(json!({"firstName": text1(L::MAX_PERSON_NAME_LEN), "lastName": text1(L::MAX_PERSON_NAME_LEN), "email": {"type": "string", "format": "email", "maxLength": L::MAX_EMAIL_LEN}}), &["firstName", "lastName", "email"]),
        "DemoCustomer": s(json!({"customer": schema("Resource"), "sessionToken": {"type": "string"}, "expiresAt": {"type": "string", "format": "date-time"}}), &["customer", "sessionToken", "expiresAt"]),
        "SessionRequest": s(json!({"customerId": {"type": "string", "pattern": UUID}, "ttlSeconds": {"type": "integer", "minimum": 1, "maximum": 86400}}), &["customerId"]),
        "Session": s(json!({"sessionToken": {"type": "string"}, "expiresAt": {"type": "string", "format": "date-time"}}), &["sessionToken", "expiresAt"]),
        "FinicityCustomerRequest": s(json!({"username": text(L::MAX_USERNAME_LEN), "firstName": text(L::MAX_PERSON_NAME_LEN), "lastName": text(L::MAX_PERSON_NAME_LEN)}), &[]),
        "FinicityCustomer": s(json!({"customerId": digits}), &["customerId"]),
        "ConnectUrlRequest": s(json!({"customerId": digits, "redirectUri": redirect}), &["customerId"]),
        "ConnectUrl": s(json!({"link": {"type": "string", "format": "uri"}}), &["link"]),
        "FinicityAccounts": s(json!({"accounts": {"type": "array", "items": s(json!({"id": digits, "name": {"type": "string"}, "type": {"type": "string"}, "number": {"type": "string", "description": "masked: `****` and the last four characters"}, "institutionId": digits}), &["id", "name", "type"])}}), &["accounts"]),
        "ConsentReceiptRequest": s(json!({"customerId": digits, "accountIds": {"type": "array", "minItems": 1, "maxItems": L::MAX_ACCOUNT_IDS, "uniqueItems": true, "items": digits}, "products": {"type": "array", "minItems": 1, "maxItems": L::MAX_PRODUCTS, "uniqueItems": true, "items": text(L::MAX_PRODUCT_LEN)}, "durationDays": duration}), &["customerId", "accountIds"]),
        "ConsentReceipt": s(json!({"receipt": {"type": "object"}, "proof": {"type": ["object", "null"]}}), &["receipt"]),
        "ExchangePartners": s(json!({"partners": {"type": "array", "items": s(json!({"id": {"type": "string"}, "name": {"type": "string"}, "href": {"type": "string"}, "status": {"type": "string"}}), &["id", "name", "href", "status"])}}), &["partners"]),
        "CreateExchangeRequest": {"oneOf": [
            s(json!({"receipt": {"type": ["object", "string"], "description": "Finicity receipt, or the whole accessKey response"}, "idempotencyKey": derived}), &["receipt"]),
            s(json!({"partnerName": partner, "token": token, "idempotencyKey": derived}), &["partnerName", "token"]),
            s(json!({"partnerName": {"const": "MX"}, "availableConnectionToken": token, "idempotencyKey": derived}), &["availableConnectionToken"]),
            s(json!({"partnerName": {"const": "Plaid"}, "publicToken": token, "idempotencyKey": derived}), &["publicToken"])]},
        "CreatedExchange": s(json!({"exchange": schema("Resource"), "idempotencyKey": {"type": "string"}}), &["exchange", "idempotencyKey"]),
        "ExchangeSessionRequest": s(json!({"partnerName": partner, "platform": {"enum": ["web", "ios", "android"]}, "redirectUrl": redirect, "idempotencyKey": fresh}), &["partnerName"]),
        "ReauthRequest": s(json!({"platform": {"enum": ["web", "ios", "android"]}, "redirectUrl": redirect, "idempotencyKey": fresh}), &[]),
        "ExchangeSession": s(json!({"exchangeSession": schema("Resource"), "open": {"oneOf": [
            s(json!({"kind": {"const": "redirect"}, "url": {"type": "string", "format": "uri"}}), &["kind", "url"]),
            s(json!({"kind": {"const": "plaidLink"}, "linkToken": {"type": "string"}}), &["kind", "linkToken"]),
            s(json!({"kind": {"const": "checkout"}, "session": {}}), &["kind", "session"])]}}), &["exchangeSession", "open"]),
        "ExchangeDetails": s(json!({"exchange": s(json!({"id": {"type": "string"}, "href": {"type": "string"}, "status": {"type": "string"}, "partnerName": {"type": "string"}, "reAuthenticationRequired": {"type": "boolean", "description": "the last webhook about this exchange was `customer_exchange_reauth_required`"}}), &["id", "href", "status", "reAuthenticationRequired"])}), &["exchange"]),
        "FundingSourceRequest": s(json!({"exchangeId": {"type": "string", "pattern": UUID}, "exchangeHref": {"type": "string", "format": "uri", "maxLength": L::MAX_REDIRECT_LEN, "description": "<configured Dwolla base>/exchanges/<id>, an exchange of the session's customer; give this or exchangeId"}, "name": {"type": "string", "minLength": 1, "maxLength": 50}, "bankAccountType": {"enum": ["checking", "savings"]}, "idempotencyKey": derived}), &["name", "bankAccountType"]),
        "CreatedFundingSource": s(json!({"fundingSource": schema("Resource")}), &["fundingSource"]),
        "LinkBankRequest": s(json!({"finicityCustomerId": digits, "accountId": digits, "name": {"type": "string", "minLength": 1, "maxLength": 50}, "bankAccountType": {"enum": ["checking", "savings"]}, "durationDays": duration}), &["finicityCustomerId", "accountId", "name", "bankAccountType"]),
        "LinkBank": s(json!({"receipt": {"type": "object"}, "exchange": schema("Resource"), "fundingSource": schema("Resource")}), &["receipt", "exchange", "fundingSource"]),
        "CustomerEvents": s(json!({
            "events": {"type": "array", "maxItems": crate::webhook::EVENTS_PER_CUSTOMER, "items": s(json!({"id": {"type": "string"}, "topic": {"type": "string"}, "created": {"type": "string"}, "resourceId": {"type": "string"}, "resourceType": {"type": "string", "description": "the resource's path segment: `exchanges`, `funding-sources`, `customers`..."}, "customerId": {"type": "string", "pattern": UUID}}), &["id", "topic", "customerId"])},
            "reAuthenticationRequired": {"type": "array", "items": {"type": "string"}, "description": "ids of the customer's exchanges whose last webhook asked for re-authentication"}
        }), &["events", "reAuthenticationRequired"]),
        "WebhookReceived": s(json!({"received": {"type": "boolean"}, "duplicate": {"type": "boolean"}}), &["received", "duplicate"]),
    });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "consent-exchange worker",
            "version": crate::VERSION,
            "description": "Server side of bank linking with Dwolla and Mastercard Open Finance (Finicity): holds the secrets, caches tokens, retries safely. Errors are always {error: {code, message, status, retryable, ...}}."
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "session": {"type": "http", "scheme": "bearer", "description": "HMAC-signed session token bound to one Dwolla customer"},
                "issuerKey": {"type": "http", "scheme": "bearer", "description": "SESSION_ISSUER_KEY"}
            }
        }
    })
}
