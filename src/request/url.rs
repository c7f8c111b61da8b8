//! The one check of http(s) URLs in the crate: base URLs, Dwolla hrefs, redirect URLs
//! and the URLs a browser is sent to all go through [`parse_http_url`], and each caller
//! states only what it allows on top (a query, a fragment, a path of a given shape).
//!
//! Written here rather than with the `url` crate, which would add tens of kilobytes to
//! the browser package for a check that needs no normalisation beyond the scheme.

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

impl HttpUrl<'_> {
    /// `scheme://authority` followed by `path`: the URL without query or fragment, with
    /// the scheme in lower case.
    pub fn without_query(&self) -> String {
        format!("{}://{}{}", self.scheme, self.authority, self.path)
    }
}

/// Parses an absolute http(s) URL: a scheme `http` or `https` in any case, a host (a
/// name of letters, digits, `.`, `-`, `_`, or a bracketed IPv6 literal), an optional
/// port of 1 to 5 digits up to 65535, then an optional path, query and fragment. No
/// userinfo (`user@host`: a classic way to disguise where a link goes), no whitespace
/// and no control characters anywhere.
pub fn parse_http_url(s: &str) -> Option<HttpUrl<'_>> {
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (scheme, rest) = s.split_once("://")?;
    let scheme = if scheme.eq_ignore_ascii_case("https") {
        "https"
    } else if scheme.eq_ignore_ascii_case("http") {
        "http"
    } else {
        return None;
    };
    let (rest, fragment) = match rest.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (rest, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    let (authority, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
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

/// `host[:port]` with the host a registered name or a bracketed IPv6 literal.
fn valid_authority(authority: &str) -> bool {
    let (host, port) = match authority.strip_prefix('[') {
        Some(literal) => match literal.split_once(']') {
            Some((inside, after)) => {
                let ipv6 = !inside.is_empty()
                    && inside
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
                if !ipv6 {
                    return false;
                }
                match after {
                    "" => return true,
                    _ => (inside, after.strip_prefix(':')),
                }
            }
            None => return false,
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let host_ok = !host.is_empty()
        && (authority.starts_with('[')
            || host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')));
    let port_ok = match port {
        None => !authority.starts_with('[') || authority.ends_with(']'),
        Some(p) => {
            (1..=5).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| n <= 65535)
        }
    };
    host_ok && port_ok
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
        assert_eq!(u.without_query(), "https://Example.com:8443/a/b");
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
