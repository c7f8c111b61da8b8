//! Exchange partners: the open-banking providers Dwolla works with, resolved by name
//! from `GET /exchange-partners`.
//!
//! Partner ids differ between sandbox and production, and Dwolla's own examples reuse
//! ids for different partners, so a partner is always looked up by name in the list
//! the API returns, never hard-coded. The spec's name enum lists MX, Plaid, Flinks and
//! Finicity; the docs add Visa and Checkout.com, and any other name is kept as given.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::error::CodedError;
use crate::ids::parse_href;
use crate::json::{Quoted, Tree};
use crate::message::message;

/// The partners whose rules this crate knows, by their Dwolla name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Partner {
    /// Mastercard Open Finance (`Finicity`): consent receipts, no exchange sessions.
    Finicity,
    /// `MX`: exchange sessions without a redirect URL.
    Mx,
    /// `Plaid`: exchange sessions, redirect URL only on mobile.
    Plaid,
    /// `Flinks`: tokens only, no exchange sessions.
    Flinks,
    /// `Visa`: exchange sessions that always need a redirect URL.
    Visa,
    /// `Checkout.com`: debit cards (Push to Card), sessions without a redirect URL.
    CheckoutCom,
}

impl Partner {
    /// Every known partner, in the order Dwolla added them.
    pub const ALL: [Partner; 6] = [
        Partner::Finicity,
        Partner::Mx,
        Partner::Flinks,
        Partner::Plaid,
        Partner::Visa,
        Partner::CheckoutCom,
    ];

    /// The name Dwolla lists the partner under.
    pub fn name(self) -> &'static str {
        match self {
            Partner::Finicity => "Finicity",
            Partner::Mx => "MX",
            Partner::Plaid => "Plaid",
            Partner::Flinks => "Flinks",
            Partner::Visa => "Visa",
            Partner::CheckoutCom => "Checkout.com",
        }
    }

    /// Resolves a name case-insensitively; `Mastercard` is Finicity's other name.
    pub fn from_name(name: &str) -> Option<Partner> {
        let wanted = canonical_name(name);
        Partner::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(&wanted))
    }
}

impl fmt::Display for Partner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl ufmt::uDisplay for Partner {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        f.write_str(self.name())
    }
}

/// The name to compare with: without surrounding ASCII whitespace, and `Mastercard`
/// mapped to `Finicity`.
fn canonical_name(name: &str) -> String {
    let trimmed = name.trim_ascii();
    if trimmed.eq_ignore_ascii_case("mastercard") {
        "Finicity".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// One entry of `GET /exchange-partners`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangePartner {
    /// The partner's id in this environment (a UUID).
    pub id: String,
    /// The name as Dwolla lists it, e.g. `Plaid`.
    pub name: String,
    /// `active` for every partner the spec knows of; kept as given.
    pub status: String,
    /// `_links.self.href`: what `exchange-partner` links in requests point to.
    pub href: String,
}

/// Errors reading a partner list or finding a partner in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartnersError {
    /// The body is not a `GET /exchange-partners` response.
    InvalidPartnerList {
        /// JSON pointer to the offending part of the body.
        path: String,
        /// What is wrong there.
        reason: &'static str,
    },
    /// No partner of that name; `available` lists the names that exist.
    PartnerNotFound {
        /// The name asked for.
        name: String,
        /// The names the list does contain.
        available: Vec<String>,
    },
    /// The partner exists but its status is not `active`.
    PartnerInactive {
        /// The partner's name.
        name: String,
        /// Its status.
        status: String,
    },
}

impl ufmt::uDisplay for PartnersError {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        match self {
            PartnersError::InvalidPartnerList { path, reason } => {
                ufmt::uwrite!(
                    f,
                    "not an exchange-partners list: {} at {}",
                    reason,
                    Quoted(path)
                )
            }
            PartnersError::PartnerNotFound { name, available } => {
                ufmt::uwrite!(f, "no exchange partner named {}; available: ", Quoted(name))?;
                if available.is_empty() {
                    return f.write_str("none");
                }
                // A loop rather than `join`, whose generic copy is not otherwise needed.
                for (i, partner) in available.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(partner)?;
                }
                Ok(())
            }
            PartnersError::PartnerInactive { name, status } => {
                ufmt::uwrite!(
                    f,
                    "exchange partner {} is {}, not active",
                    Quoted(name),
                    Quoted(status)
                )
            }
        }
    }
}

/// The text of `uDisplay`, which the package's messages use.
impl fmt::Display for PartnersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::to_text(self))
    }
}

impl std::error::Error for PartnersError {}

impl CodedError for PartnersError {
    fn code(&self) -> &'static str {
        match self {
            PartnersError::InvalidPartnerList { .. } => "InvalidPartnerList",
            PartnersError::PartnerNotFound { .. } => "PartnerNotFound",
            PartnersError::PartnerInactive { .. } => "PartnerInactive",
        }
    }
}

/// The partners of one environment, looked up by name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExchangePartners {
    partners: Vec<ExchangePartner>,
}

impl ExchangePartners {
    /// Reads the body of `GET /exchange-partners`
    /// (`{_embedded: {"exchange-partners": [...]}}`).
    pub fn from_response(body: &Value) -> Result<Self, PartnersError> {
        Self::from_tree(body)
    }

    /// [`ExchangePartners::from_response`] for any JSON tree.
    pub(crate) fn from_tree<T: Tree>(body: &T) -> Result<Self, PartnersError> {
        let invalid = |path: String, reason| PartnersError::InvalidPartnerList { path, reason };
        let list = body
            .member("_embedded")
            .and_then(|e| e.member("exchange-partners"))
            .ok_or_else(|| invalid("/_embedded/exchange-partners".into(), "missing"))?
            .items()
            .ok_or_else(|| invalid("/_embedded/exchange-partners".into(), "not an array"))?;
        let mut partners = Vec::with_capacity(list.len());
        for (i, entry) in list.iter().enumerate() {
            let at = |field: &str| message!("/_embedded/exchange-partners/{}{}", i, field);
            let name = entry
                .member("name")
                .and_then(T::text)
                .filter(|n| !crate::text::is_blank(n))
                .ok_or_else(|| invalid(at("/name"), "missing or not a string"))?;
            let href = entry
                .at("/_links/self/href")
                .and_then(T::text)
                .ok_or_else(|| invalid(at("/_links/self/href"), "missing or not a string"))?;
            let parsed = parse_href(href, "exchange-partners")
                .map_err(|_| invalid(at("/_links/self/href"), "not an exchange-partner href"))?;
            let status = entry.member("status").and_then(T::text).unwrap_or("active");
            partners.push(ExchangePartner {
                id: parsed.id.clone(),
                name: name.to_owned(),
                status: status.to_owned(),
                href: parsed.href(),
            });
        }
        Ok(Self { partners })
    }

    /// Every partner, in the order the API listed them.
    pub fn list(&self) -> &[ExchangePartner] {
        &self.partners
    }

    /// The active partner called `name` (case-insensitive; `Mastercard` finds
    /// `Finicity`). The error names the partners that do exist.
    pub fn find(&self, name: &str) -> Result<&ExchangePartner, PartnersError> {
        let wanted = canonical_name(name);
        let mut matches = self
            .partners
            .iter()
            .filter(|p| p.name.trim_ascii().eq_ignore_ascii_case(&wanted));
        let first = matches
            .next()
            .ok_or_else(|| PartnersError::PartnerNotFound {
                name: name.to_owned(),
                available: self.partners.iter().map(|p| p.name.clone()).collect(),
            })?;
        // A list may name a partner twice (a retired entry beside its replacement);
        // prefer the active one.
        std::iter::once(first)
            .chain(matches)
            .find(|p| p.status.eq_ignore_ascii_case("active"))
            .ok_or_else(|| PartnersError::PartnerInactive {
                name: first.name.clone(),
                status: first.status.clone(),
            })
    }
}

impl ExchangePartner {
    /// Appends the partner as JSON, as its `Serialize` impl writes it.
    #[cfg(test)]
    pub(crate) fn write_json(&self, out: &mut String) {
        crate::json::ObjectWriter::new(out)
            .str("id", &self.id)
            .str("name", &self.name)
            .str("status", &self.status)
            .str("href", &self.href)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_case_insensitively() {
        assert_eq!(Partner::from_name("plaid"), Some(Partner::Plaid));
        assert_eq!(Partner::from_name(" MASTERCARD "), Some(Partner::Finicity));
        assert_eq!(
            Partner::from_name("checkout.com"),
            Some(Partner::CheckoutCom)
        );
        assert_eq!(Partner::from_name("Yodlee"), None);
    }
}
