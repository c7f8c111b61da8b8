//! Moving values across the boundary as JSON text: `JSON.stringify` → [`Node`] in, and
//! JSON text written by the core → `JSON.parse` out.
//!
//! Arguments are read by one hand-written field reader instead of a `Deserialize` impl
//! per input type: serde's derive code, instantiated for every input (and again by
//! serde_path_to_error to learn where a mismatch was), was the largest part of the
//! browser package. The reader also reports every problem in an argument at once, each
//! with a JSON pointer, instead of only the first.

use wasm_bindgen::prelude::*;

use super::coded_error;
use crate::issue::{pointer_push, Issue};
use crate::json::{self, Node};
use crate::message::{message, to_text};

/// `JSON.parse` of JSON text the core wrote (always valid, so never an exception in
/// practice; a failure still surfaces as a thrown value rather than a panic).
pub(crate) fn output(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// A JS value as a [`Node`], via `JSON.stringify`: `undefined` (and anything that
/// stringifies to nothing) is `null`; a BigInt or a cycle is `None`.
pub(crate) fn node(value: &JsValue) -> Option<Node<'static>> {
    if value.is_undefined() {
        return Some(Node::Null);
    }
    let text = super::json_text(value)?;
    json::parse(&text).ok().map(Node::into_owned)
}

/// An argument object as a [`Node`], member by member (`Object.keys` and `Reflect.get`):
/// a string member, the receipt text above all, is copied across once instead of being
/// escaped by `JSON.stringify`, copied, and unescaped by the parser. Every other member
/// value goes through [`node`], so the result is the [`Node`] of `JSON.stringify` of the
/// whole object: members whose value stringifies to nothing (`undefined`, functions,
/// symbols) are left out, and a member that cannot be stringified fails the whole
/// argument. Anything but a plain object (an array, a value with `toJSON`, a primitive)
/// takes the `JSON.stringify` path whole.
fn argument(value: &JsValue) -> Option<Node<'static>> {
    let to_json = JsValue::from_str("toJSON");
    let plain = value.is_object()
        && !js_sys::Array::is_array(value)
        && !js_sys::Reflect::has(value, &to_json).unwrap_or(true);
    if !plain {
        return node(value);
    }
    let keys = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>());
    let mut members = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let member = js_sys::Reflect::get(value, &key).ok()?;
        let member = match super::text::string_of(&member) {
            Some(text) => Node::String(text.into()),
            None if member.is_undefined() || member.is_function() || member.is_symbol() => continue,
            None => json::parse(&super::json_text(&member)?).ok()?.into_owned(),
        };
        members.push((key.as_string()?.into(), member));
    }
    Some(Node::Object(members))
}

/// The fields of one argument object, read with every problem recorded.
pub(crate) struct Args {
    function: &'static str,
    root: Node<'static>,
    /// The object being read (`""` for the argument, `/billingAddress` inside it):
    /// member paths are relative to it, so readers pass static `"/name"` strings.
    base: String,
    issues: Vec<Issue>,
}

impl Args {
    /// Reads the argument of `function`, which must be an object.
    pub(crate) fn new(value: &JsValue, function: &'static str) -> Result<Self, JsValue> {
        let root = argument(value).unwrap_or(Node::Null);
        let mut args = Self {
            function,
            root: Node::Null,
            base: String::new(),
            issues: Vec::new(),
        };
        if !matches!(root, Node::Object(_)) {
            let message = message!("expected an object, found {}", root.kind());
            args.issues.push(Issue::error("", "type", message));
            args.finish()?;
        }
        args.root = root;
        Ok(args)
    }

    /// The member at `path` (a pointer of plain keys, relative to the object being
    /// read), absent when missing or `null`.
    fn lookup(&self, path: &str) -> Option<&Node<'static>> {
        self.lookup_in(&self.root, path)
    }

    /// [`Args::lookup`] in `root`, the argument while [`Args::with_root`] holds it.
    fn lookup_in<'r>(&self, root: &'r Node<'static>, path: &str) -> Option<&'r Node<'static>> {
        let mut node = root;
        for part in [self.base.as_str(), path] {
            for key in crate::text::pointer_keys(part) {
                node = node.get(key)?;
            }
        }
        (!matches!(node, Node::Null)).then_some(node)
    }

    /// Reads the members of the object at `path` from now on; returns what to give
    /// [`Args::leave`] afterwards.
    pub(crate) fn enter(&mut self, path: &str) -> usize {
        let mark = self.base.len();
        self.base.push_str(path);
        mark
    }

    /// Back to the object read before [`Args::enter`].
    pub(crate) fn leave(&mut self, mark: usize) {
        self.base.truncate(mark);
    }

    /// The member at `path`, absent when missing or `null`.
    pub(crate) fn get(&self, path: &str) -> Option<&Node<'static>> {
        self.lookup(path)
    }

    fn issue(&mut self, path: &str, code: &str, message: String) {
        let path = message!("{}{}", self.base, path);
        self.issues.push(Issue::error(path, code, message));
    }

    fn type_issue(&mut self, path: &str, expected: &str, found: &'static str) {
        let name = crate::text::last_part(path, b'/');
        self.issue(
            path,
            "type",
            message!("{} must be {}, found {}", name, expected, found),
        );
    }

    /// A string at `path`; `None` (and no issue) when absent.
    pub(crate) fn opt_str(&mut self, path: &str) -> Option<String> {
        match self.lookup(path)? {
            Node::String(s) => Some(s.to_string()),
            other => {
                let found = other.kind();
                self.type_issue(path, "a string", found);
                None
            }
        }
    }

    /// A required string at `path`; empty after recording the issue when it is not one.
    pub(crate) fn str(&mut self, path: &str) -> String {
        if self.lookup(path).is_none() {
            self.required(path);
        }
        self.opt_str(path).unwrap_or_default()
    }

    /// Records that the member at `path` is missing unless it is present.
    pub(crate) fn require(&mut self, path: &str) {
        if self.lookup(path).is_none() {
            self.required(path);
        }
    }

    fn required(&mut self, path: &str) {
        let name = crate::text::last_part(path, b'/');
        self.issue(path, "required", message!("{} is required", name));
    }

    /// Whether a required object is at `path`, recording the issue when it is not.
    pub(crate) fn object(&mut self, path: &str) -> bool {
        match self.lookup(path) {
            Some(Node::Object(_)) => true,
            None => {
                self.required(path);
                false
            }
            Some(other) => {
                let found = other.kind();
                self.type_issue(path, "an object", found);
                false
            }
        }
    }

    /// A boolean at `path`; `None` when absent.
    pub(crate) fn opt_bool(&mut self, path: &str) -> Option<bool> {
        match self.lookup(path)? {
            Node::Bool(b) => Some(*b),
            other => {
                let found = other.kind();
                self.type_issue(path, "a boolean", found);
                None
            }
        }
    }

    /// Runs `read` with the argument taken out of `self`, so that it can record issues
    /// while it borrows the argument's members; puts the argument back afterwards.
    /// (Cloning the members instead brought the whole tree's `Clone` into the package.)
    fn with_root<R>(&mut self, read: impl FnOnce(&mut Self, &Node<'static>) -> R) -> R {
        let root = std::mem::replace(&mut self.root, Node::Null);
        let result = read(self, &root);
        self.root = root;
        result
    }

    /// A whole number from 0 to `max` at `path`; `None` when absent.
    pub(crate) fn opt_uint(&mut self, path: &str, max: u32) -> Option<u32> {
        self.with_root(|args, root| match args.lookup_in(root, path)? {
            Node::Number(text) => match text.parse::<u32>() {
                Ok(n) if n <= max => Some(n),
                _ => {
                    let name = crate::text::last_part(path, b'/');
                    let message = message!(
                        "{} must be a whole number from 0 to {}, found {}",
                        name,
                        max,
                        &**text
                    );
                    args.issue(path, "type", message);
                    None
                }
            },
            other => {
                args.type_issue(path, "a whole number", other.kind());
                None
            }
        })
    }

    /// An array of strings at `path`; `None` when absent.
    pub(crate) fn opt_strings(&mut self, path: &str) -> Option<Vec<String>> {
        self.with_root(|args, root| {
            let items = match args.lookup_in(root, path)? {
                Node::Array(items) => items,
                other => {
                    args.type_issue(path, "an array of strings", other.kind());
                    return None;
                }
            };
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Node::String(s) => out.push(s.to_string()),
                    other => {
                        let at = pointer_push(path, &to_text(&i));
                        args.type_issue(&at, "a string", other.kind());
                    }
                }
            }
            Some(out)
        })
    }

    /// A required array of strings at `path`.
    pub(crate) fn strings(&mut self, path: &str) -> Vec<String> {
        self.require(path);
        self.opt_strings(path).unwrap_or_default()
    }

    /// One of `choices` at `path`, as its index; `None` when absent.
    pub(crate) fn opt_choice(&mut self, path: &str, choices: &[&str]) -> Option<usize> {
        let text = self.opt_str(path)?;
        let index = choices.iter().position(|c| *c == text);
        if index.is_none() {
            let name = crate::text::last_part(path, b'/');
            let message = message!(
                "{} must be one of {}, found {}",
                name,
                json::comma_list(choices),
                json::Quoted(&text)
            );
            self.issue(path, "format", message);
        }
        index
    }

    /// The problems found so far.
    pub(crate) fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    /// Ends reading: an `InvalidArgument` error listing every problem, if any.
    pub(crate) fn finish(&mut self) -> Result<(), JsValue> {
        let Some(first) = self.issues.first() else {
            return Ok(());
        };
        let mut message = message!("{}: {}", self.function, first.message);
        if self.issues.len() > 1 {
            message.push_str(&message!(" (and {} more)", self.issues.len() - 1));
        }
        Err(coded_error("InvalidArgument", &message, &self.issues))
    }
}
