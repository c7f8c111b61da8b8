//! The numbers and value lists the API's bodies are held to, named once: the schemas
//! of `crate::request` use them in their attributes, and the worker, its documents and
//! its tests refer to them from here.

/// Most account ids in one consent receipt request.
pub const MAX_ACCOUNT_IDS: usize = 20;
/// Most products in one consent receipt request.
pub const MAX_PRODUCTS: usize = 8;
/// Longest consent, in days (Dwolla's default consent lasts a year).
pub const MAX_DURATION_DAYS: u32 = 365;
/// Longest session a backend may issue, in seconds (one day).
pub const MAX_SESSION_TTL_SECONDS: u64 = 86_400;
/// Longest given or family name (Dwolla's limit).
pub const MAX_PERSON_NAME_LEN: usize = 50;
/// Longest e-mail address (RFC 5321).
pub const MAX_EMAIL_LEN: usize = 254;
/// Shortest Finicity testing-customer user name (Finicity's rule).
pub const MIN_USERNAME_LEN: usize = 6;
/// Longest Finicity testing-customer user name.
pub const MAX_USERNAME_LEN: usize = 64;
/// Longest provider token (Plaid, MX, Flinks, Checkout.com tokens are far shorter).
pub const MAX_TOKEN_LEN: usize = 4096;
/// Longest redirect target or exchange href.
pub const MAX_REDIRECT_LEN: usize = 2048;
/// Longest funding-source name (Dwolla's limit).
pub const MAX_FUNDING_SOURCE_NAME_LEN: usize = 50;
/// Longest Finicity id (customer or account), in digits.
pub const MAX_FINICITY_ID_LEN: usize = 32;
/// Longest `Idempotency-Key` Dwolla accepts.
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;
/// Length of a UUID in its 8-4-4-4-12 spelling.
pub const UUID_LEN: usize = 36;
/// Most webhook events kept per customer.
pub const EVENTS_PER_CUSTOMER: usize = 50;

/// Every exchange partner by the name Dwolla lists it under.
pub const PARTNER_NAMES: [&str; 6] = ["Finicity", "Flinks", "MX", "Plaid", "Visa", "Checkout.com"];
/// The partners with hosted exchange sessions (Finicity and Flinks have none).
pub const SESSION_PARTNER_NAMES: [&str; 4] = ["MX", "Plaid", "Visa", "Checkout.com"];
/// Where an exchange session is opened.
pub const PLATFORMS: [&str; 3] = ["web", "ios", "android"];
/// A bank account's type.
pub const BANK_ACCOUNT_TYPES: [&str; 2] = ["checking", "savings"];
/// The Mastercard Open Finance products a consent receipt may grant.
pub const PRODUCTS: [&str; 5] = [
    "moneyTransferDetails",
    "availableBalance",
    "availableBalanceLive",
    "accountOwner",
    "paymentIndicator",
];
