//! Shared helpers: start an in-process sandbox, talk to it, and validate answers
//! against the published specs in `../shared/specs/`.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use consent_exchange_sandbox::{start, Config, Sandbox};
use jsonschema::{Draft, Validator};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

pub const HAL: &str = "application/vnd.dwolla.v1.hal+json";

fn specs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs")
}

fn load_yaml(rel: &str) -> Value {
    let path = specs_dir().join(rel);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

/// Dwolla's OpenAPI document, with the documented corrections applied (see
/// `docs/sandbox.md`, "Where the specs are wrong").
pub fn dwolla_spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let mut spec = load_yaml("dwolla/openapi.yml");
        // specs/README.md item 6: the docs add Visa and Checkout.com to the partner names.
        if let Some(e) =
            spec.pointer_mut("/components/schemas/ExchangePartner/properties/name/enum")
        {
            *e = json!(["MX", "Plaid", "Flinks", "Finicity", "Visa", "Checkout.com"]);
        }
        spec
    })
}

/// Mastercard's OpenAPI document with its one correction: `ErrorMessage.code` is typed
/// `object` while every example (and the live API) sends a string.
pub fn mastercard_spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let mut spec = load_yaml("mastercard/openbanking-us.yaml");
        if let Some(c) = spec.pointer_mut("/components/schemas/ErrorMessage/properties/code") {
            *c = json!({ "type": ["string", "integer"] });
        }
        spec
    })
}

fn validator(spec: &Value, uri: &str, pointer: &str) -> Validator {
    let resource = Draft::Draft202012.create_resource(spec.clone());
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .with_resource(uri, resource)
        .build(&json!({ "$ref": format!("{uri}#{}", pointer.replace('{', "%7B").replace('}', "%7D")) }))
        .unwrap_or_else(|e| panic!("schema {pointer}: {e}"))
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn assert_valid(v: &Validator, what: &str, instance: &Value) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match the spec:\n{}\n{instance:#}",
        errors.join("\n")
    );
}

/// Validates against `components/schemas/{name}` of Dwolla's spec.
pub fn assert_dwolla_schema(name: &str, instance: &Value) {
    let v = validator(
        dwolla_spec(),
        "urn:dwolla",
        &format!("/components/schemas/{name}"),
    );
    assert_valid(&v, name, instance);
}

/// Validates against the response schema of a Dwolla operation.
pub fn assert_dwolla_response(
    path: &str,
    method: &str,
    status: u16,
    media: &str,
    instance: &Value,
) {
    let ptr = format!(
        "/paths/{}/{method}/responses/{status}/content/{}/schema",
        escape(path),
        escape(media)
    );
    assert!(dwolla_spec().pointer(&ptr).is_some(), "no schema at {ptr}");
    let v = validator(dwolla_spec(), "urn:dwolla", &ptr);
    assert_valid(&v, &format!("{method} {path} {status}"), instance);
}

/// Validates against the `application/json` response of a Mastercard operation,
/// following `$ref`s to `components/responses`.
pub fn assert_mastercard_response(path: &str, method: &str, status: u16, instance: &Value) {
    let spec = mastercard_spec();
    let resp_ptr = format!("/paths/{}/{method}/responses/{status}", escape(path));
    let resp = spec
        .pointer(&resp_ptr)
        .unwrap_or_else(|| panic!("no response at {resp_ptr}"));
    let base = match resp.get("$ref").and_then(Value::as_str) {
        Some(r) => r.trim_start_matches('#').to_owned(),
        None => resp_ptr,
    };
    let ptr = format!("{base}/content/application~1json/schema");
    assert!(spec.pointer(&ptr).is_some(), "no schema at {ptr}");
    let v = validator(spec, "urn:mastercard", &ptr);
    assert_valid(&v, &format!("{method} {path} {status}"), instance);
}

/// Dwolla's ValidationError as the docs (errors.mdx) and the live API shape it; the
/// spec's `ValidationErrorSchema` models `_embedded` as one `{code, message}` (wrong).
pub fn assert_validation_error(body: &Value, expected: &[(&str, &str)]) {
    let schema = json!({
        "type": "object",
        "required": ["code", "message", "_embedded"],
        "properties": {
            "code": { "const": "ValidationError" },
            "message": { "type": "string" },
            "_embedded": {
                "type": "object", "required": ["errors"],
                "properties": { "errors": { "type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["code", "message", "path", "_links"],
                    "properties": { "code": {"type": "string"}, "message": {"type": "string"},
                        "path": {"type": "string", "pattern": "^/"}, "_links": {"type": "object"} }
                } } }
            }
        }
    });
    let v = jsonschema::validator_for(&schema).expect("schema");
    assert_valid(&v, "ValidationError", body);
    let got: Vec<(String, String)> = body["_embedded"]["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["code"].as_str().unwrap_or("").to_owned(),
                        e["path"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    for (code, path) in expected {
        assert!(
            got.iter().any(|(c, p)| c == code && p == path),
            "missing {code} at {path} in {body:#}"
        );
    }
}

pub struct T {
    pub sb: Sandbox,
    pub http: reqwest::Client,
    pub token: String,
}

pub async fn sandbox_with(f: impl FnOnce(&mut Config)) -> T {
    let mut config = Config::for_tests();
    f(&mut config);
    let sb = start(config).await.expect("start sandbox");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let mut t = T {
        sb,
        http,
        token: String::new(),
    };
    t.token = t.dwolla_token().await;
    t
}

pub async fn sandbox() -> T {
    sandbox_with(|_| {}).await
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Answer {
    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }
    pub fn id(&self) -> String {
        self.location().rsplit('/').next().unwrap_or("").to_owned()
    }
}

pub async fn read(res: Response) -> Answer {
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
        text,
    }
}

impl T {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.sb.url, path)
    }

    pub async fn dwolla_token(&self) -> String {
        let res = self
            .http
            .post(self.url("/token"))
            .basic_auth("sandbox-client-id", Some("sandbox-client-secret"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
            .await
            .expect("token");
        let a = read(res).await;
        a.body["access_token"].as_str().unwrap_or("").to_owned()
    }

    pub fn dwolla(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, self.url(path))
            .header("accept", HAL)
            .header("content-type", HAL)
            .bearer_auth(&self.token)
    }

    pub async fn get(&self, path: &str) -> Answer {
        read(self.dwolla(Method::GET, path).send().await.expect("send")).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        read(
            self.dwolla(Method::POST, path)
                .body(body.to_string())
                .send()
                .await
                .expect("send"),
        )
        .await
    }

    pub async fn post_key(&self, path: &str, key: &str, body: Value) -> Answer {
        read(
            self.dwolla(Method::POST, path)
                .header("idempotency-key", key)
                .body(body.to_string())
                .send()
                .await
                .expect("send"),
        )
        .await
    }

    pub async fn admin(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut rb = self.http.request(method, self.url(path));
        if let Some(b) = body {
            rb = rb
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        read(rb.send().await.expect("admin")).await
    }

    pub async fn fault(&self, spec: Value) {
        let a = self.admin(Method::POST, "/_admin/faults", Some(spec)).await;
        assert_eq!(a.status, 201, "{}", a.text);
    }

    pub async fn counts(&self) -> Value {
        self.admin(Method::GET, "/_admin/state", None).await.body["counts"].clone()
    }

    pub async fn partner_href(&self, name: &str) -> String {
        let a = self.get("/exchange-partners").await;
        a.body["_embedded"]["exchange-partners"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == name))
            .and_then(|p| p["_links"]["self"]["href"].as_str())
            .unwrap_or_else(|| panic!("partner {name}"))
            .to_owned()
    }

    pub async fn customer(&self) -> String {
        let email = format!("{}@example.com", uuid_like());
        let a = self
            .post(
                "/customers",
                json!({"firstName": "Jane", "lastName": "Doe", "email": email}),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        a.id()
    }

    // ---- Finicity
    pub fn fin(&self, method: Method, path: &str, token: Option<&str>) -> reqwest::RequestBuilder {
        let mut rb = self
            .http
            .request(method, self.url(path))
            .header("accept", "application/json")
            .header("content-type", "application/json")
            .header("finicity-app-key", "sandbox-app-key");
        if let Some(t) = token {
            rb = rb.header("finicity-app-token", t);
        }
        rb
    }

    pub async fn fin_post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        read(
            self.fin(Method::POST, path, token)
                .body(body.to_string())
                .send()
                .await
                .expect("send"),
        )
        .await
    }

    pub async fn fin_token(&self) -> String {
        let a = self
            .fin_post(
                "/aggregation/v2/partners/authentication",
                None,
                json!({"partnerId": "2445580000001", "partnerSecret": "sandbox-partner-secret"}),
            )
            .await;
        assert_eq!(a.status, 200, "{}", a.text);
        a.body["token"].as_str().unwrap_or("").to_owned()
    }

    /// Testing customer with accounts picked on the Connect page; returns (customerId, accountIds).
    pub async fn fin_customer_with_accounts(&self, ft: &str) -> (String, Vec<String>) {
        let a = self
            .fin_post(
                "/aggregation/v2/customers/testing",
                Some(ft),
                json!({"username": format!("u{}", uuid_like())}),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.text);
        let cid = a.body["id"].as_str().unwrap_or("").to_owned();
        let link = self
            .fin_post(
                "/connect/v2/generate",
                Some(ft),
                json!({"partnerId": "2445580000001", "customerId": cid}),
            )
            .await;
        assert_eq!(link.status, 200, "{}", link.text);
        let url = link.body["link"].as_str().unwrap_or("").to_owned();
        let path = url
            .trim_start_matches(&self.sb.url)
            .split('?')
            .next()
            .unwrap_or("")
            .to_owned();
        let page = self
            .http
            .get(self.url(&path))
            .send()
            .await
            .expect("connect page");
        assert_eq!(page.status(), 200);
        let done = self
            .http
            .post(self.url(&path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("account=0%3A0&account=0%3A1&consent=yes&action=connect")
            .send()
            .await
            .expect("connect submit");
        assert_eq!(done.status(), 200);
        let accounts = read(
            self.fin(
                Method::GET,
                &format!("/aggregation/v1/customers/{cid}/accounts"),
                Some(ft),
            )
            .send()
            .await
            .expect("accounts"),
        )
        .await;
        assert_eq!(accounts.status, 200, "{}", accounts.text);
        let ids = accounts.body["accounts"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["id"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        (cid, ids)
    }

    /// Issues a receipt for one account; returns the raw `data[0]` object.
    pub async fn receipt(&self, ft: &str, cid: &str, account: &str, end_in_secs: i64) -> Answer {
        let now = chrono::Utc::now();
        let end = now + chrono::Duration::seconds(end_in_secs);
        self.fin_post(
            "/aggregation/v1/partners/accessKey",
            Some(ft),
            json!({
                "customerId": cid, "partnerId": "2445580000001", "thirdPartyPartnerId": "2445583946651",
                "products": [{ "product": "moneyTransferDetails", "accountId": account,
                    "accessPeriod": { "type": "timeframe",
                        "startTime": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        "endTime": end.to_rfc3339_opts(chrono::SecondsFormat::Secs, true) } }]
            }),
        )
        .await
    }
}

/// The receipt converted to Dwolla's `finicity` object as the docs require it:
/// partnerId as an integer, receiptVersion as a string.
pub fn dwolla_finicity(receipt: &Value) -> Value {
    let mut r = receipt.clone();
    if let Some(p) = r["partnerId"].as_str().and_then(|s| s.parse::<i64>().ok()) {
        r["partnerId"] = json!(p);
    }
    if let Some(v) = r.get("receiptVersion").cloned() {
        r["receiptVersion"] = json!(v.to_string().trim_matches('"'));
    }
    r
}

pub fn uuid_like() -> String {
    format!("{:x}{:x}", rand_u64(), rand_u64())
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0),
    );
    h.finish()
}
