//! The receipt walk: visits every field, records every issue, and builds the normalized
//! receipt from whatever was usable.

use super::time::{self, Timestamp};
use super::{
    AccessPeriod, CheckOptions, FinicityReceipt, ReceiptCheck, ReceiptProduct, KNOWN_PRODUCTS,
    MAX_SAFE_INTEGER, TIME_FIELDS,
};
use crate::issue::{pointer_push, Issue};
use crate::json::{self as node, Node, Quoted};
use crate::message::{message, to_text};

/// Where the JSON text came from, which decides what a number id means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// JSON text as received: a number's digits are exact.
    JsonText,
    /// `JSON.stringify` of a JS value: numbers went through an f64.
    JavaScript,
}

pub(crate) fn check(text: &str, origin: Origin, options: &CheckOptions) -> ReceiptCheck {
    let mut walk = Walk {
        origin,
        options,
        issues: Vec::new(),
    };
    let root = match node::parse(text) {
        Ok(root) => root,
        Err(e) => {
            walk.error("", "format", message!("the input is not valid JSON: {}", e));
            return ReceiptCheck::from_issues(walk.issues, None);
        }
    };
    let receipt = walk
        .locate(&root)
        .and_then(|(node, path)| walk.receipt(node, &path));
    ReceiptCheck::from_issues(walk.issues, receipt)
}

struct Walk<'a> {
    origin: Origin,
    options: &'a CheckOptions,
    issues: Vec<Issue>,
}

/// A time field's forwarded text and the instant it names.
type Time = (String, Timestamp);

impl Walk<'_> {
    fn error(&mut self, path: &str, code: &str, message: String) {
        self.issues.push(Issue::error(path, code, message));
    }

    fn warning(&mut self, path: &str, code: &str, message: String) {
        self.issues.push(Issue::warning(path, code, message));
    }

    /// Finds the receipt: the input itself, `{receipt, proof}`, or `{data: [{receipt}]}`.
    fn locate<'n>(&mut self, root: &'n Node<'n>) -> Option<(&'n Node<'n>, String)> {
        if !matches!(root, Node::Object(_)) {
            self.error(
                "",
                "type",
                message!(
                    "expected a consent receipt object or an accessKey response, found {}",
                    root.kind()
                ),
            );
            return None;
        }
        if let Some(data) = root.get("data") {
            let Node::Array(items) = data else {
                self.error(
                    "/data",
                    "type",
                    message!(
                        "expected an array of {{receipt, proof}}, found {}",
                        data.kind()
                    ),
                );
                return None;
            };
            let [item] = items.as_slice() else {
                self.error(
                    "/data",
                    "ambiguousReceipt",
                    message!("the accessKey response holds {} receipts; exactly one is needed, so pass the one to use", items.len()),
                );
                return None;
            };
            return self.unwrap_receipt(item, "/data/0".to_owned());
        }
        if root.get("receipt").is_some() && root.get("receiptId").is_none() {
            return self.unwrap_receipt(root, String::new());
        }
        Some((root, String::new()))
    }

    fn unwrap_receipt<'n>(
        &mut self,
        item: &'n Node<'n>,
        path: String,
    ) -> Option<(&'n Node<'n>, String)> {
        let path = pointer_push(&path, "receipt");
        match item.get("receipt") {
            Some(receipt @ Node::Object(_)) => Some((receipt, path)),
            None | Some(Node::Null) => {
                self.error(&path, "required", "the receipt is missing".to_owned());
                None
            }
            Some(other) => {
                let message = message!("expected the receipt object, found {}", other.kind());
                self.error(&path, "type", message);
                None
            }
        }
    }

    fn receipt(&mut self, node: &Node, base: &str) -> Option<FinicityReceipt> {
        let profile = self.profile(node, base);
        let version = self.version_text(node, base, "version", true);
        let receipt_id = self.string(node, base, "receiptId");
        let receipt_version = self.version_text(node, base, "receiptVersion", false);
        let customer_id = self.digit_id(node, base, "customerId");
        let partner_id = self.partner_id(node, base);
        let products = self.products(node, base);
        let timestamp = self.time(node, base, "timestamp");
        if let Some((_, at)) = &timestamp {
            let horizon = self.horizon();
            if *at > horizon {
                let path = pointer_push(base, "timestamp");
                self.warning(
                    &path,
                    "futureTimestamp",
                    "the receipt's timestamp is in the future; check the clock of whoever issued it"
                        .to_owned(),
                );
            }
        }
        Some(FinicityReceipt {
            profile: profile?,
            version: version.flatten()?,
            receipt_id: receipt_id?,
            receipt_version: receipt_version?,
            customer_id: customer_id?,
            partner_id: partner_id?,
            products: products?,
            timestamp: timestamp?.0,
        })
    }

    fn horizon(&self) -> Timestamp {
        self.options
            .now
            .plus_seconds(i64::from(self.options.clock_skew_seconds))
    }

    /// A present, non-null member, or the `required` issue.
    fn required<'n>(&mut self, node: &'n Node<'n>, base: &str, key: &str) -> Option<&'n Node<'n>> {
        match node.get(key) {
            None | Some(Node::Null) => {
                let path = pointer_push(base, key);
                self.error(&path, "required", message!("{} is required", key));
                None
            }
            Some(value) => Some(value),
        }
    }

    fn type_error(&mut self, path: &str, key: &str, expected: &str, found: &Node) {
        let message = message!("{} must be {}, found {}", key, expected, found.kind());
        self.error(path, "type", message);
    }

    fn string(&mut self, node: &Node, base: &str, key: &str) -> Option<String> {
        let value = self.required(node, base, key)?;
        // Built only when an issue is recorded: most fields have none.
        let path = || pointer_push(base, key);
        match value {
            Node::String(s) if s.is_empty() => {
                self.error(&path(), "empty", message!("{} must not be empty", key));
                None
            }
            Node::String(s) => Some(s.to_string()),
            other => {
                self.type_error(&path(), key, "a string", other);
                None
            }
        }
    }

    fn profile(&mut self, node: &Node, base: &str) -> Option<i32> {
        let value = self.required(node, base, "profile")?;
        // Built only when an issue is recorded: most fields have none.
        let path = || pointer_push(base, "profile");
        match value {
            Node::Number(text) => match text.parse::<i32>() {
                Ok(profile) => Some(profile),
                Err(_) => {
                    let message = message!("profile must be a 32-bit integer, found {}", &**text);
                    self.error(&path(), "format", message);
                    None
                }
            },
            other => {
                self.type_error(&path(), "profile", "an integer", other);
                None
            }
        }
    }

    /// `version`/`receiptVersion`: a string, or an integer turned into its digits.
    /// The outer `Option` is `None` on error; the inner one is an absent optional field.
    fn version_text(
        &mut self,
        node: &Node,
        base: &str,
        key: &str,
        required: bool,
    ) -> Option<Option<String>> {
        // Built only when an issue is recorded: most fields have none.
        let path = || pointer_push(base, key);
        let value = match node.get(key) {
            None | Some(Node::Null) if !required => return Some(None),
            _ => self.required(node, base, key)?,
        };
        match value {
            Node::String(s) if s.is_empty() => {
                self.error(&path(), "empty", message!("{} must not be empty", key));
                None
            }
            Node::String(s) => Some(Some(s.to_string())),
            Node::Number(text) if is_digits(text) => Some(Some(text.to_string())),
            Node::Number(text) => {
                let message = message!("{} must be a string or an integer, found {}", key, &**text);
                self.error(&path(), "format", message);
                None
            }
            other => {
                self.type_error(&path(), key, "a string or an integer", other);
                None
            }
        }
    }

    /// `customerId`/`accountId`: digits, byte-for-byte. A JSON number keeps its text;
    /// a JavaScript number above 2^53 - 1 has already lost digits.
    fn digit_id(&mut self, node: &Node, base: &str, key: &str) -> Option<String> {
        let value = self.required(node, base, key)?;
        // Built only when an issue is recorded: most fields have none.
        let path = || pointer_push(base, key);
        match value {
            Node::String(s) if s.is_empty() => {
                self.error(&path(), "empty", message!("{} must not be empty", key));
                None
            }
            Node::String(s) if is_digits(s) => Some(s.to_string()),
            Node::String(s) => {
                let message = message!("{} must be a string of digits, found {}", key, Quoted(s));
                self.error(&path(), "format", message);
                None
            }
            Node::Number(text) => {
                let digits = self.number_digits(&path(), key, text)?;
                self.warning(
                    &path(),
                    "numericId",
                    message!(
                        "{} arrived as a number; it is forwarded as the string \"{}\"",
                        key,
                        digits
                    ),
                );
                Some(digits)
            }
            other => {
                self.type_error(&path(), key, "a string of digits", other);
                None
            }
        }
    }

    /// The digits of an integer id written as a number, or the right issue.
    fn number_digits(&mut self, path: &str, key: &str, text: &str) -> Option<String> {
        let safe = is_digits(text) && text.parse::<u64>().is_ok_and(|n| n <= MAX_SAFE_INTEGER);
        match self.origin {
            Origin::JavaScript if !safe => {
                let message = message!("{} is a JavaScript number above 2^53 - 1 ({}), so its exact digits are already lost; pass it as a string", key, text);
                self.error(path, "precisionLoss", message);
                None
            }
            _ if !is_digits(text) => {
                let message = message!(
                    "{} must be a string of digits, found the number {}",
                    key,
                    text
                );
                self.error(path, "format", message);
                None
            }
            _ => Some(text.to_owned()),
        }
    }

    /// `partnerId`: Mastercard sends digits in a string, Dwolla wants an int64; the
    /// output is a JSON integer, capped at 2^53 - 1 so that the normalized receipt is
    /// also exact as a JavaScript object.
    fn partner_id(&mut self, node: &Node, base: &str) -> Option<u64> {
        let value = self.required(node, base, "partnerId")?;
        // Built only when an issue is recorded: most fields have none.
        let path = || pointer_push(base, "partnerId");
        let digits = match value {
            Node::String(s) if s.is_empty() => {
                self.error(&path(), "empty", "partnerId must not be empty".to_owned());
                return None;
            }
            Node::String(s) => s.to_string(),
            Node::Number(text) => self.number_digits(&path(), "partnerId", text)?,
            other => {
                self.type_error(
                    &path(),
                    "partnerId",
                    "a string of digits or an integer",
                    other,
                );
                return None;
            }
        };
        match digits.parse::<u64>() {
            Ok(id) if is_digits(&digits) && id <= MAX_SAFE_INTEGER => {
                match self.options.expected_partner_id {
                    Some(expected) if expected != id => {
                        let message = message!("the receipt was issued to partner {}, not to {} (Dwolla's Mastercard partner id); Dwolla refuses it with InvalidExchangeToken, so generate the access key with thirdPartyPartnerId {}", id, expected, expected);
                        self.error(&path(), "partnerMismatch", message);
                        None
                    }
                    _ => Some(id),
                }
            }
            _ => {
                let message = message!("partnerId must be an integer from 0 to 2^53 - 1 (Finicity partner ids have 13 digits), found {}", Quoted(&digits));
                self.error(&path(), "format", message);
                None
            }
        }
    }

    fn products(&mut self, node: &Node, base: &str) -> Option<Vec<ReceiptProduct>> {
        let value = self.required(node, base, "products")?;
        let path = pointer_push(base, "products");
        let Node::Array(items) = value else {
            self.type_error(&path, "products", "an array", value);
            return None;
        };
        if items.is_empty() {
            self.error(&path, "empty", "products must not be empty".to_owned());
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        let mut complete = true;
        for (i, item) in items.iter().enumerate() {
            match self.product(item, &pointer_push(&path, &to_text(&i))) {
                Some(product) => out.push(product),
                None => complete = false,
            }
        }
        for required in &self.options.required_products {
            let granted = items
                .iter()
                .any(|item| matches!(item.get("product"), Some(Node::String(p)) if p == required));
            if !granted {
                let message = message!(
                    "the receipt does not grant the product {}",
                    Quoted(required)
                );
                self.issues
                    .push(Issue::error(path.clone(), "missingProduct", message));
                complete = false;
            }
        }
        complete.then_some(out)
    }

    fn product(&mut self, item: &Node, path: &str) -> Option<ReceiptProduct> {
        if !matches!(item, Node::Object(_)) {
            self.type_error(path, "a product", "an object", item);
            return None;
        }
        let product = self.string(item, path, "product");
        if let Some(name) = &product {
            if !KNOWN_PRODUCTS.contains(&name.as_str()) {
                let message = message!("{} is not a product Mastercard documents", Quoted(name));
                self.warning(&pointer_push(path, "product"), "unknownProduct", message);
            }
        }
        let account_id = self.digit_id(item, path, "accountId");
        let access_period = self.access_period(item, path);
        Some(ReceiptProduct {
            product: product?,
            account_id: account_id?,
            access_period: access_period?,
        })
    }

    fn access_period(&mut self, item: &Node, base: &str) -> Option<AccessPeriod> {
        let node = self.required(item, base, "accessPeriod")?;
        let path = pointer_push(base, "accessPeriod");
        if !matches!(node, Node::Object(_)) {
            self.type_error(&path, "accessPeriod", "an object", node);
            return None;
        }
        let kind = self.string(node, &path, "type");
        if let Some(kind) = kind.as_deref().filter(|k| *k != "timeframe") {
            let message = message!(
                "access period type {} is not \"timeframe\", the only type Mastercard documents",
                Quoted(kind)
            );
            self.warning(&pointer_push(&path, "type"), "unknownAccessType", message);
        }
        let start = self.time(node, &path, "startTime");
        let end = self.time(node, &path, "endTime");
        let end_path = || pointer_push(&path, "endTime");
        let mut usable = true;
        if let (Some((_, s)), Some((_, e))) = (&start, &end) {
            if s > e {
                self.error(
                    &end_path(),
                    "periodOrder",
                    "endTime is before startTime".to_owned(),
                );
                usable = false;
            }
        }
        if let Some((_, e)) = &end {
            if *e <= self.options.now {
                self.error(
                    &end_path(),
                    "expired",
                    "the access period has ended".to_owned(),
                );
                usable = false;
            }
        }
        if let Some((_, s)) = &start {
            if *s > self.horizon() {
                let message = "the access period has not started yet".to_owned();
                self.warning(&pointer_push(&path, "startTime"), "notYetActive", message);
            }
        }
        let (kind, start, end) = (kind?, start?, end?);
        usable.then_some(AccessPeriod {
            kind,
            start_time: start.0,
            end_time: end.0,
        })
    }

    /// An RFC 3339 date or date-time, forwarded unchanged; an epoch number only with
    /// `allowEpochTimes`, then normalized to RFC 3339 UTC.
    fn time(&mut self, node: &Node, base: &str, key: &str) -> Option<Time> {
        let value = self.required(node, base, key)?;
        // Built only when an issue is recorded: most fields have none.
        let path = || pointer_push(base, key);
        // Dwolla's schema decides per field whether a bare date is allowed.
        let date_allowed = TIME_FIELDS
            .iter()
            .any(|(field, date)| *field == key && *date);
        match value {
            Node::String(s) => match Timestamp::parse(s) {
                Ok(_) if !date_allowed && Timestamp::is_date_only(s) => {
                    let message = message!("{} must be a date-time (Dwolla's schema: format date-time), found the date {}; Dwolla answers InvalidFormat", key, Quoted(s));
                    self.error(&path(), "dateTimeRequired", message);
                    None
                }
                Ok(at) => Some((s.to_string(), at)),
                Err(e) => {
                    self.error(
                        &path(),
                        "format",
                        message!("{} {}, found {}", key, e, Quoted(s)),
                    );
                    None
                }
            },
            Node::Number(text) if !self.options.allow_epoch_times => {
                let message = message!("{} is an epoch number ({}); Dwolla expects RFC 3339 text (set allowEpochTimes to convert it)", key, &**text);
                self.error(&path(), "epochTime", message);
                None
            }
            Node::Number(text) => {
                match text
                    .parse::<i64>()
                    .ok()
                    .filter(|_| is_digits(text))
                    .and_then(time::from_epoch)
                {
                    Some(at) => Some((at.to_rfc3339(), at)),
                    None => {
                        let message = message!("{} must be a non-negative whole epoch in seconds or milliseconds, found {}", key, &**text);
                        self.error(&path(), "format", message);
                        None
                    }
                }
            }
            other => {
                self.type_error(&path(), key, "an RFC 3339 string", other);
                None
            }
        }
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}
