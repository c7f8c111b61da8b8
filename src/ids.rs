//! Dwolla resource ids and hrefs: customer ids are UUIDs, and resources are named by
//! absolute hrefs such as `https://api-sandbox.dwolla.com/exchange-partners/{uuid}`.

use std::fmt;

use crate::json::Quoted;
use crate::message::message;
use crate::request::url::parse_http_url;
use crate::request::Environment;
use crate::text;

/// Whether `s` is a UUID in the hyphenated 8-4-4-4-12 form Dwolla uses (any case).
///
/// Hand-written because it is ten lines; the `uuid` crate would add weight to the wasm
/// package for no gain.
pub fn is_uuid(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// An href that does not name a resource of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HrefError {
    /// The href as given.
    pub href: String,
    /// The collection it should point into, e.g. `exchange-partners`.
    pub expected: &'static str,
}

impl ufmt::uDisplay for HrefError {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        ufmt::uwrite!(
            f,
            "{} is not an http(s) URL of the form <base>/{}/<uuid>",
            Quoted(&self.href),
            self.expected
        )
    }
}

/// The text of `uDisplay`, which the package's messages use.
impl fmt::Display for HrefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::to_text(self))
    }
}

impl std::error::Error for HrefError {}

/// A parsed resource href: `<base>/<collection>/<id>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceHref {
    /// Scheme and authority, e.g. `https://api-sandbox.dwolla.com` (any path prefix kept).
    pub base: String,
    /// The collection, e.g. `exchange-partners`.
    pub collection: &'static str,
    /// The resource id (a UUID).
    pub id: String,
}

impl ResourceHref {
    /// The Dwolla environment this href belongs to, or `None` for another host (a local
    /// sandbox, a proxy).
    pub fn environment(&self) -> Option<Environment> {
        environment_of(&self.base)
    }

    /// The href in canonical form.
    pub fn href(&self) -> String {
        message!("{}/{}/{}", self.base, self.collection, self.id)
    }
}

/// The Dwolla environment whose host `base` is, if it is one of Dwolla's.
pub fn environment_of(base: &str) -> Option<Environment> {
    Environment::of_base(base)
}

/// Parses `href` as `<http(s) base>/<collection>/<uuid>`, ignoring trailing slashes:
/// an http(s) URL as [`parse_http_url`] reads it, without query or fragment. The base
/// keeps any path prefix, and the text as given.
pub fn parse_href(href: &str, collection: &'static str) -> Result<ResourceHref, HrefError> {
    let err = || HrefError {
        href: href.to_owned(),
        expected: collection,
    };
    let trimmed = text::trim_end(href, b'/');
    let url = parse_http_url(trimmed).ok_or_else(err)?;
    if url.query.is_some() || url.fragment.is_some() {
        return Err(err());
    }
    let (rest, id) = text::rsplit_once(url.path, b'/').ok_or_else(err)?;
    let prefix = rest
        .strip_suffix(collection)
        .and_then(|p| p.strip_suffix("/"))
        .ok_or_else(err)?;
    if !is_uuid(id) {
        return Err(err());
    }
    // The base is the text up to the collection: scheme, authority and path prefix.
    let base_len = trimmed.len() - url.path.len() + prefix.len();
    Ok(ResourceHref {
        base: trimmed.get(..base_len).ok_or_else(err)?.to_owned(),
        collection,
        id: id.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "292317ec-e252-47d8-93c3-2d128e037aa4";

    #[test]
    fn uuids() {
        assert!(is_uuid(ID));
        assert!(is_uuid(&ID.to_uppercase()));
        for bad in [
            "",
            "292317ece25247d893c32d128e037aa4",
            &ID[1..],
            "g92317ec-e252-47d8-93c3-2d128e037aa4",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
    }

    #[test]
    fn hrefs() {
        let h = parse_href(
            &format!("https://api.dwolla.com/exchange-partners/{ID}"),
            "exchange-partners",
        )
        .unwrap();
        assert_eq!(h.base, "https://api.dwolla.com");
        assert_eq!(h.id, ID);
        assert_eq!(h.environment(), Some(Environment::Production));
        let local = parse_href(
            &format!("http://127.0.0.1:8790/exchange-partners/{ID}/"),
            "exchange-partners",
        )
        .unwrap();
        assert_eq!(local.environment(), None);
        assert_eq!(
            local.href(),
            format!("http://127.0.0.1:8790/exchange-partners/{ID}")
        );
        // The scheme is case-insensitive; a path prefix (a proxy) stays part of the base.
        let upper = parse_href(
            &format!("HTTPS://api.dwolla.com/exchange-partners/{ID}"),
            "exchange-partners",
        )
        .unwrap();
        assert_eq!(upper.base, "HTTPS://api.dwolla.com");
        assert_eq!(upper.environment(), Some(Environment::Production));
        let proxied = parse_href(
            &format!("https://proxy.example/dwolla/exchanges/{ID}"),
            "exchanges",
        )
        .unwrap();
        assert_eq!(proxied.base, "https://proxy.example/dwolla");
        for bad in [
            format!("https://api.dwolla.com/exchanges/{ID}"),
            format!("api.dwolla.com/exchange-partners/{ID}"),
            "https://api.dwolla.com/exchange-partners/not-a-uuid".to_owned(),
            format!("https:///exchange-partners/{ID}"),
            format!("https://api.dwolla.com/exchange-partners/{ID}?x=1"),
            format!("https://api.dwolla.com/exchange-partners/{ID}#x"),
            format!("https://user@api.dwolla.com/exchange-partners/{ID}"),
            format!("https://api.dwolla.com/xexchange-partners/{ID}"),
            format!("https://api.dwolla.com:99999/exchange-partners/{ID}"),
            String::new(),
        ] {
            assert!(parse_href(&bad, "exchange-partners").is_err(), "{bad}");
        }
    }
}
