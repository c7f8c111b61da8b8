//! The one check of http(s) URLs in the crate: base URLs, Dwolla hrefs, redirect URLs
//! and the URLs a browser is sent to all go through [`parse_http_url`], and each caller
//! states only what it allows on top (a query, a fragment, a path of a given shape).
//!
//! Written here rather than with the `url` crate, which would add tens of kilobytes to
//! the browser package for a check that needs no normalisation beyond the scheme.

use crate::text;

/// The parts of an absolute http(s) URL, borrowed from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpUrl<'a> {
    /// `http` or `https`, in lower case whatever the input's case (RFC 3986 §3.1).
    pub scheme: &'static str,
    /// `host` or `host:port`; never empty, never with userinfo.
    pub authority: &'a str,
    /// Empty or starting with `/`.
    pub path: &'a str,
    /// The text after `?` (before any `#`), if there is a `?`.
    pub query: Option<&'a str>,
    /// The text after `#`, if there is a `#`.
    pub fragment: Option<&'a str>,
}

/// Parses an absolute http(s) URL: a scheme `http` or `https` in any case, a host (a
/// name of letters, digits, `.`, `-`, `_`, or a bracketed IPv6 literal), an optional
/// port of 1 to 5 digits up to 65535, then an optional path, query and fragment. No
/// userinfo (`user@host`: a classic way to disguise where a link goes), and nothing but
/// printable ASCII anywhere (no whitespace, no control characters, no raw non-ASCII).
pub fn parse_http_url(s: &str) -> Option<HttpUrl<'_>> {
    // A URI is printable ASCII (RFC 3986 §2): anything else, whitespace and control
    // characters included, arrives percent-encoded or not at all.
    if !s.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    // Byte searches (crate::text) and `get` rather than `split_once("://")`: no
    // substring searcher and no panicking slice path in the browser package.
    let colon = text::find(s, b':')?;
    let scheme = s.get(..colon)?;
    let rest = s.get(colon..)?.strip_prefix("://")?;
    let scheme = if scheme.eq_ignore_ascii_case("https") {
        "https"
    } else if scheme.eq_ignore_ascii_case("http") {
        "http"
    } else {
        return None;
    };
    let (rest, fragment) = match text::split_once(rest, b'#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (rest, None),
    };
    let (rest, query) = match text::split_once(rest, b'?') {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    // `get` rather than `split_at`: no panicking slice path in the browser package.
    let at = text::find(rest, b'/').unwrap_or(rest.len());
    let authority = rest.get(..at).unwrap_or_default();
    let path = rest.get(at..).unwrap_or_default();
    if !valid_authority(authority) {
        return None;
    }
    Some(HttpUrl {
        scheme,
        authority,
        path,
        query,
        fragment,
    })
}

/// Whether `s` is an absolute http(s) URL as [`parse_http_url`] reads it (a query and a
/// fragment allowed): what Dwolla accepts as a redirect URL and what a browser may be
/// sent to.
pub fn is_http_url(s: &str) -> bool {
    parse_http_url(s).is_some()
}

/// `host[:port]` with the host a registered name or a bracketed IPv6 literal, and the
/// port 1 to 5 digits up to 65535.
fn valid_authority(authority: &str) -> bool {
    let (host_ok, port) = match authority.strip_prefix("[") {
        Some(literal) => match text::split_once(literal, b']') {
            Some((inside, after)) => (
                !inside.is_empty()
                    && inside
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.'),
                after,
            ),
            None => return false,
        },
        None => {
            let at = text::find(authority, b':').unwrap_or(authority.len());
            let host = authority.get(..at).unwrap_or_default();
            (
                !host.is_empty()
                    && host
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')),
                authority.get(at..).unwrap_or_default(),
            )
        }
    };
    host_ok
        && (port.is_empty()
            || port.strip_prefix(":").is_some_and(|p| {
                (1..=5).contains(&p.len())
                    && p.bytes().all(|b| b.is_ascii_digit())
                    && p.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')) <= 65535
            }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_urls_in_any_scheme_case() {
        for ok in [
            "https://www.yourdomain.com/iav-callback",
            "http://127.0.0.1:8787/cb?x=1",
            "HTTPS://EXAMPLE.COM",
            "Http://example.com:65535/a#top",
            "http://[::1]:8080/x",
            "http://[2001:db8::1]",
            "https://api_x.example.com",
        ] {
            assert!(is_http_url(ok), "{ok}");
        }
        let u = parse_http_url("HTTPS://Example.com:8443/a/b?q=1#f").unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.authority, "Example.com:8443");
        assert_eq!(u.path, "/a/b");
        assert_eq!(u.query, Some("q=1"));
        assert_eq!(u.fragment, Some("f"));
        let bare = parse_http_url("http://x").unwrap();
        assert_eq!((bare.path, bare.query, bare.fragment), ("", None, None));
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            "https://",
            "javascript:alert(1)",
            "ftp://x.com",
            "https:///path",
            "https://exa mple.com",
            "https://example.com/a b",
            "https://example.com/a\tb",
            "https://example.com/caf\u{e9}",
            "https://ex\u{e4}mple.com",
            "https://user@example.com/",
            "https://user:pw@example.com/",
            "com.example.app123",
            "127.0.0.1:8790",
            "https://x:",
            "https://x:0x1",
            "https://x:65536",
            "https://x:123456",
            "https://x:1:2",
            "https://[::1",
            "https://[]",
            "https://[::1]x",
            "https://[zz::1]",
            "https://ex*ample.com",
            "https://?q",
            "https://#f",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }
}
