//! JSON text in and out, numbers kept as written: the `consent-exchange-json` crate
//! (parser, [`Node`] tree, writer), plus the [`Tree`] view that lets one reader serve
//! both a [`Node`] and a `serde_json::Value`.

pub use consent_exchange_json::*;

/// The read-only view of a JSON tree that the readers of this crate need, so one
/// reader serves both a [`Node`] (the browser package) and a `serde_json::Value` (the
/// Rust API).
pub trait Tree: Sized {
    /// The member `key` of an object.
    fn member(&self, key: &str) -> Option<&Self>;
    /// The string, if this is one.
    fn text(&self) -> Option<&str>;
    /// The items, if this is an array.
    fn items(&self) -> Option<&[Self]>;
    /// Whether this is an object.
    fn is_object(&self) -> bool;
    /// Whether this is `null`.
    fn is_null(&self) -> bool;
    /// The value at a JSON pointer made of plain keys (`/_links/self/href`).
    fn at(&self, pointer: &str) -> Option<&Self> {
        crate::text::pointer_keys(pointer).try_fold(self, |node, key| node.member(key))
    }
}

impl Tree for Node<'_> {
    fn member(&self, key: &str) -> Option<&Self> {
        self.get(key)
    }
    fn text(&self) -> Option<&str> {
        self.as_str()
    }
    fn items(&self) -> Option<&[Self]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }
    fn is_object(&self) -> bool {
        matches!(self, Node::Object(_))
    }
    fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }
}

impl Tree for serde_json::Value {
    fn member(&self, key: &str) -> Option<&Self> {
        self.as_object().and_then(|o| o.get(key))
    }
    fn text(&self) -> Option<&str> {
        self.as_str()
    }
    fn items(&self) -> Option<&[Self]> {
        self.as_array().map(Vec::as_slice)
    }
    fn is_object(&self) -> bool {
        self.is_object()
    }
    fn is_null(&self) -> bool {
        self.is_null()
    }
}

#[cfg(test)]
mod tests {
    /// Every output the browser package writes by hand equals what the type's
    /// `Serialize` impl (the Rust API's contract) writes.
    mod outputs_match_serialize {
        use crate::partners::ExchangePartner;
        use crate::receipt::{check_consent_receipt, CheckOptions, Timestamp};
        use crate::request::DwollaRequest;
        use crate::response::{read, read_dwolla_response, Reading};
        use crate::session::{read_exchange_session, read_session, read_visa_redirect};
        use serde_json::Value;

        const RECEIPT: &str = include_str!("../../tests/fixtures/dwolla-example-finicity.json");

        fn same(ours: &str, theirs: &impl serde::Serialize) {
            let ours: Value = serde_json::from_str(ours).unwrap();
            assert_eq!(ours, serde_json::to_value(theirs).unwrap());
        }

        #[test]
        fn requests() {
            let post = DwollaRequest::post("https://x/a".into(), "{\"a\":1}".into(), None);
            assert_eq!(post.to_json(), serde_json::to_string(&post).unwrap());
            let get = DwollaRequest::get("https://x/\"b\"".into());
            assert_eq!(get.to_json(), serde_json::to_string(&get).unwrap());
        }

        #[test]
        fn finicity_requests() {
            let input = crate::finicity::AuthenticationInput {
                partner_id: "1".into(),
                partner_secret: crate::finicity::PartnerSecret::new("s\"x"),
                base_url: None,
            };
            let request = crate::finicity::authentication_request(&input).unwrap();
            assert_eq!(request.to_json(), serde_json::to_string(&request).unwrap());
        }

        #[test]
        fn receipt_checks() {
            let at = |t| CheckOptions::new(Timestamp::parse(t).unwrap());
            for (text, now) in [
                (RECEIPT.to_owned(), "2022-07-11T06:10:00Z"),
                (
                    RECEIPT.replace("\"receiptVersion\": \"1\",", ""),
                    "2022-07-11T06:10:00Z",
                ),
                (RECEIPT.to_owned(), "2023-01-01T00:00:00Z"),
                (
                    RECEIPT.replace("\"5454874858510164117\"", "5454874858510164117"),
                    "2022-07-11T06:10:00Z",
                ),
                ("{\"profile\": -1}".to_owned(), "2022-07-11T06:10:00Z"),
            ] {
                let check = check_consent_receipt(&text, &at(now));
                assert_eq!(check.to_json(), serde_json::to_string(&check).unwrap());
            }
        }

        #[test]
        fn responses() {
            let headers = vec![
                ("Location".to_owned(), "https://x/exchanges/abc".to_owned()),
                ("Retry-After".to_owned(), "7".to_owned()),
            ];
            let bodies: [&[u8]; 6] = [
                b"",
                b"{\"a\":[1,2.50,{\"b\":null}],\"c\":\"\\u00e9\"}",
                b"<html>",
                b"{\"code\":\"ValidationError\",\"message\":\"m\",\"_embedded\":{\"errors\":[{\"code\":\"Required\",\"message\":\"x\",\"path\":\"/a\"}]},\"_links\":{\"about\":{\"href\":\"https://x\"}}}",
                b"{trunc",
                b"\xff",
            ];
            for status in [0, 200, 201, 400, 429, 503] {
                for body in bodies {
                    let reading = read(status, &headers, body);
                    if let Reading::Success {
                        resource: Some(text),
                        ..
                    } = &reading
                    {
                        assert_eq!(text.as_bytes(), body, "the resource is the body as sent");
                    }
                    same(
                        &reading.to_json(status),
                        &read_dwolla_response(status, &headers, body),
                    );
                }
            }
        }

        #[test]
        fn sessions_partners_and_redirects() {
            for body in [
                r#"{"externalProviderSessionToken":"link-1"}"#,
                r#"{"externalProviderSessionData":{"id":"ps_1","n":[1.5e3,-0]}}"#,
                r#"{"_links":{"external-provider-session":{"href":"https://mx.example/c"}}}"#,
            ] {
                let node = crate::json::parse(body).unwrap();
                let value: Value = serde_json::from_str(body).unwrap();
                same(
                    &read_session(&node).ok().unwrap().to_json(),
                    &read_exchange_session(&value).unwrap(),
                );
            }
            for url in [
                "?exchange=10cde28b-6a39-4ed1-bce9-aa611a360720",
                "?error=USER_CANCELLED",
            ] {
                let redirect = read_visa_redirect(url).unwrap();
                assert_eq!(
                    redirect.to_json(),
                    serde_json::to_string(&redirect).unwrap()
                );
            }
            let partner = ExchangePartner {
                id: "1".into(),
                name: "Plaid".into(),
                status: "active".into(),
                href: "https://x/exchange-partners/1".into(),
            };
            let mut ours = String::new();
            partner.write_json(&mut ours);
            assert_eq!(ours, serde_json::to_string(&partner).unwrap());
        }
    }
}
