//! The library's one http(s) URL check, from arbitrary text: it never panics, what it
//! accepts has a lower-case http(s) scheme, a non-empty authority without userinfo and
//! no whitespace, its parts put back together give the input, and an href or base URL
//! built on it parses to the same authority.
#![no_main]

use consent_exchange::ids::parse_href;
use consent_exchange::request::base_url;
use consent_exchange::url::parse_http_url;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let base = base_url(text);
    let Some(url) = parse_http_url(text) else {
        assert!(base.is_none(), "{text:?}: a base URL that is not a URL");
        return;
    };
    assert!(url.scheme == "http" || url.scheme == "https");
    assert!(!url.authority.is_empty() && !url.authority.contains(['@', '/', '?', '#']));
    assert!(text.bytes().all(|b| b.is_ascii_graphic()));
    assert!(url.path.is_empty() || url.path.starts_with('/'));
    let scheme_len = text.find("://").unwrap_or_default();
    let mut rebuilt = format!("{}://{}{}", &text[..scheme_len], url.authority, url.path);
    if let Some(q) = url.query {
        rebuilt.push('?');
        rebuilt.push_str(q);
    }
    if let Some(f) = url.fragment {
        rebuilt.push('#');
        rebuilt.push_str(f);
    }
    assert_eq!(rebuilt, text);
    assert!(text[..scheme_len].eq_ignore_ascii_case(url.scheme));
    if let Some(base) = base {
        let again = parse_http_url(&base).expect("a base URL parses");
        assert_eq!(again.authority, url.authority);
        assert!(again.query.is_none() && again.fragment.is_none());
        let href = format!("{base}/exchanges/292317ec-e252-47d8-93c3-2d128e037aa4");
        let parsed = parse_href(&href, "exchanges").expect("an href on a base URL parses");
        assert_eq!(parsed.base, base);
    }
});
