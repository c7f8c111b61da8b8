//! Request and response examples read straight from Dwolla's docs and OpenAPI spec in
//! `../shared/specs/dwolla/`, so the tests follow the published examples, not copies.
#![allow(dead_code)]

use serde_json::Value;

/// The text of a docs page, e.g. `create-exchange-session-for-a-customer.mdx`.
pub fn doc(name: &str) -> String {
    let path = format!(
        "{}/../shared/specs/dwolla/docs/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The first ```bash block after the heading `heading` on a docs page.
pub fn bash_block(page: &str, heading: &str) -> String {
    let text = doc(page);
    let at = text
        .find(heading)
        .unwrap_or_else(|| panic!("{page}: no heading {heading:?}"));
    let rest = &text[at..];
    let start = rest.find("```bash\n").expect("a bash block") + "```bash\n".len();
    let end = rest[start..].find("```").expect("the block's end");
    rest[start..start + end].to_owned()
}

/// A request example: (method, URL, JSON body).
pub fn request_example(page: &str, heading: &str) -> (String, String, Value) {
    let block = bash_block(page, heading);
    let first = block.lines().next().unwrap();
    let (method, url) = first.split_once(' ').unwrap();
    let json_start = block.find("\n{").expect("a JSON body") + 1;
    let json_end = block.find("HTTP/1.1").unwrap_or(block.len());
    let body = serde_json::from_str(block[json_start..json_end].trim()).unwrap();
    (method.to_owned(), url.trim().to_owned(), body)
}

/// The `Location` header of a request example's answer.
pub fn location_example(page: &str, heading: &str) -> String {
    let block = bash_block(page, heading);
    let line = block.lines().find(|l| l.starts_with("Location: ")).unwrap();
    line["Location: ".len()..].trim().to_owned()
}

/// A response example: the JSON after the request lines.
pub fn response_example(page: &str, heading: &str) -> Value {
    let block = bash_block(page, heading);
    let json_start = block.find("\n{").expect("a JSON body") + 1;
    serde_json::from_str(block[json_start..].trim()).unwrap()
}

/// Dwolla's OpenAPI spec as JSON.
pub fn openapi() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/specs/dwolla/openapi.yml"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_yaml::from_str(&text).unwrap()
}

/// A component schema of the spec (`CreateCustomerExchangeSessionForWeb`).
pub fn schema(name: &str) -> Value {
    openapi()
        .pointer(&format!("/components/schemas/{name}"))
        .unwrap_or_else(|| panic!("no schema {name}"))
        .clone()
}

/// A validator for `schema`, checking `format`s too when `formats` is set.
pub fn validator(schema: &Value, formats: bool) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(formats)
        .build(schema)
        .unwrap()
}
