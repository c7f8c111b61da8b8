//! Property tests of the parser against serde_json: on any text the two agree on what
//! is JSON, a parsed tree writes back to the same value, and a string is the same
//! whether it was borrowed from the text (no escape) or built (escapes).

use consent_exchange_json::{parse, write_str, Node};
use proptest::prelude::*;
use serde_json::Value;

/// Any JSON value, with strings over characters that need escaping and characters that
/// do not, and numbers of every shape (huge, negative, fractions, exponents).
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e300f64..1e300)
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z\"\\\\/\u{0}-\u{1f}é😀\u{2028} ]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z\"\\\\~/é]{0,6}", inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn valid_json_parses_and_writes_back_the_same_value(v in value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap();
        let node = parse(&text).unwrap();
        // Numbers are kept as their text: compact input is written back byte for byte.
        if !pretty {
            prop_assert_eq!(&node.to_json(), &text);
        }
        // (Compared as serde_json reads both texts: without its `float_roundtrip`
        // feature it does not read every float back to the f64 it wrote.)
        let back: Value = serde_json::from_str(&node.to_json()).unwrap();
        prop_assert_eq!(back, serde_json::from_str::<Value>(&text).unwrap());
        // Owning the text changes nothing.
        prop_assert_eq!(node.clone().into_owned(), node);
    }

    #[test]
    fn any_text_is_json_here_exactly_when_it_is_for_serde_json(
        text in "[\\[\\]{}:,\" a-z0-9.eE+\\-\\\\u/]{0,24}"
    ) {
        let ours = parse(&text);
        let theirs = serde_json::from_str::<Value>(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} vs {:?}", text, ours, theirs);
    }

    #[test]
    fn strings_read_back_exactly_borrowed_or_built(s in "[a-z\"\\\\/\u{0}-\u{1f}é😀 ]{0,16}") {
        let mut text = String::new();
        write_str(&mut text, &s);
        prop_assert_eq!(&text, &serde_json::to_string(&s).unwrap());
        match parse(&text).unwrap() {
            Node::String(read) => prop_assert_eq!(read.as_ref(), s.as_str()),
            other => prop_assert!(false, "not a string: {:?}", other),
        }
    }
}
