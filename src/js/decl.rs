//! One declaration per JS type: the [`js_input!`] and [`js_output!`] macros turn a list
//! of `jsName: field: Kind` members into the type's reader (inputs), its writer
//! (outputs) and its TypeScript text, so the `.d.ts` cannot say something the values
//! do not do. See the top of `src/js/mod.rs` for how to declare a new type.
//!
//! A *kind* is a Rust type that stands for one JS member type. It names the Rust value
//! it reads or writes (`Value`), its TypeScript text (`TS`) and how it is read or
//! written. The member's Rust field must have the kind's `Value` type, which the
//! compiler checks, and every field of the Rust struct must be listed (the reader
//! builds it with a struct literal; the writer destructures it without `..`).
//!
//! Absent and `null` are decided here, once:
//! - inputs: `Option<K>` is an optional member, `name?: K`; `null` reads as absent.
//! - outputs: `Option<K>` is always present, `name: K | null`. Only [`Skip`] (an
//!   upstream wire object, sent on as it is) leaves the member out: `name?: K`.
//!
//! Hand-written by necessity: tsify describes serde's output, and this package reads
//! and writes JSON without serde (see `json.rs`); no crate derives TypeScript, a field
//! reader and a writer for our own JSON layer.

use super::json::Args;
use crate::json::ObjectWriter;

/// A JS member type that can be read from an argument.
// `TS`, `SUFFIX` and `MARK` are read only in the TypeScript sections (the lint misses it).
#[allow(dead_code)]
pub(crate) trait In {
    /// The Rust value read.
    type Value;
    /// TypeScript text of the member's type.
    const TS: &'static str;
    /// `"?"` when the member may be left out.
    const MARK: &'static str = "";
    /// Reads the member at `path` (a JSON pointer), recording any problem in `args`.
    fn read(args: &mut Args, path: &str) -> Self::Value;
}

/// A JS member type that can be written into a result.
#[allow(dead_code)]
pub(crate) trait Out {
    /// The Rust value written.
    type Value: ?Sized;
    /// TypeScript text of the member's type (a named or primitive type)...
    const TS: &'static str;
    /// ...and what follows it: `" | null"` for `Option`, `"[]"` for `Vec`. Consts of a
    /// generic impl cannot be concatenated on stable Rust, so the two are joined where
    /// the text is built, and a kind nests at most one `Option` or `Vec`.
    const SUFFIX: &'static str = "";
    /// `"?"` when the member may be absent.
    const MARK: &'static str = "";
    /// Appends the value as JSON.
    fn write(value: &Self::Value, out: &mut String);
    /// Whether the member is written at all: always, but for [`Skip`] without a value.
    fn present(_value: &Self::Value) -> bool {
        true
    }
    /// Appends `"key":value` to an object (when [`Out::present`]).
    fn member(value: &Self::Value, object: &mut ObjectWriter<'_>, key: &str) {
        if Self::present(value) {
            Self::write(value, object.key(key));
        }
    }
}

/// An output member left out (instead of `null`) when there is no value: used only
/// for objects passed on to an upstream API that wants absent members.
pub(crate) struct Skip<K>(std::marker::PhantomData<K>);

/// An output `true` (the success side of a union).
pub(crate) struct True;
/// An output `false` (the failure side of a union).
pub(crate) struct False;
/// An output member that is always `null` (the failure side of a union).
pub(crate) struct Null;
/// JSON text written as it is (a resource body the core kept as text), `null` when none.
pub(crate) struct RawJson;
/// A number up to `u16::MAX` (an HTTP status).
pub(crate) struct U16;

impl In for String {
    type Value = String;
    const TS: &'static str = "string";
    fn read(args: &mut Args, path: &str) -> String {
        args.str(path)
    }
}

/// The optional members read by one `Args` method each: `name?: T`, absent when missing
/// or `null`.
macro_rules! optional_kinds {
    ($($kind:ty => $ts:literal, $read:expr;)+) => {$(
        impl In for Option<$kind> {
            type Value = Option<$kind>;
            const TS: &'static str = $ts;
            const MARK: &'static str = "?";
            fn read(args: &mut Args, path: &str) -> Option<$kind> {
                $read(args, path)
            }
        }
    )+};
}

optional_kinds! {
    String => "string", Args::opt_str;
    bool => "boolean", Args::opt_bool;
    u32 => "number", |args: &mut Args, path| args.opt_uint(path, u32::MAX);
    Vec<String> => "string[]", Args::opt_strings;
}

impl In for U16 {
    type Value = u16;
    const TS: &'static str = "number";
    fn read(args: &mut Args, path: &str) -> u16 {
        args.require(path);
        args.opt_uint(path, u32::from(u16::MAX))
            .and_then(|n| u16::try_from(n).ok())
            .unwrap_or_default()
    }
}

impl In for Vec<String> {
    type Value = Vec<String>;
    const TS: &'static str = "string[]";
    fn read(args: &mut Args, path: &str) -> Vec<String> {
        args.strings(path)
    }
}

/// A closed set of strings, declared with [`js_enum!`].
pub(crate) trait Choice: Sized + Copy + 'static {
    /// The values, in declaration order...
    const VALUES: &'static [Self];
    /// ...and their JS spelling.
    const NAMES: &'static [&'static str];
}

/// A required member of a closed set; the first value after recording the issue.
impl<C: Choice + Out<Value = C>> In for C {
    type Value = C;
    const TS: &'static str = <C as Out>::TS;
    fn read(args: &mut Args, path: &str) -> C {
        args.require(path);
        read_choice::<C>(args, path).unwrap_or(C::VALUES[0])
    }
}

impl<C: Choice + Out<Value = C>> In for Option<C> {
    type Value = Option<C>;
    const TS: &'static str = <C as Out>::TS;
    const MARK: &'static str = "?";
    fn read(args: &mut Args, path: &str) -> Option<C> {
        read_choice::<C>(args, path)
    }
}

fn read_choice<C: Choice>(args: &mut Args, path: &str) -> Option<C> {
    args.opt_choice(path, C::NAMES)
        .and_then(|i| C::VALUES.get(i))
        .copied()
}

/// Reads a declared input object: every member of the object being read (the
/// argument, or the one [`Args::enter`] went into).
pub(crate) trait ReadObject: Sized {
    /// Reads every member.
    fn read_members(args: &mut Args) -> Self;
}

/// A required member object: its members are read when it is one (and the default
/// value, after recording the issue, when it is not).
pub(crate) fn read_member_object<T: ReadObject + Default>(args: &mut Args, path: &str) -> T {
    if !args.object(path) {
        return T::default();
    }
    let mark = args.enter(path);
    let value = T::read_members(args);
    args.leave(mark);
    value
}

impl Out for String {
    type Value = String;
    const TS: &'static str = "string";
    fn write(value: &String, out: &mut String) {
        crate::json::write_str(out, value);
    }
}

impl Out for bool {
    type Value = bool;
    const TS: &'static str = "boolean";
    fn write(value: &bool, out: &mut String) {
        out.push_str(if *value { "true" } else { "false" });
    }
}

impl Out for True {
    type Value = bool;
    const TS: &'static str = "true";
    fn write(_: &bool, out: &mut String) {
        out.push_str("true");
    }
}

impl Out for False {
    type Value = bool;
    const TS: &'static str = "false";
    fn write(_: &bool, out: &mut String) {
        out.push_str("false");
    }
}

impl Out for U16 {
    type Value = u16;
    const TS: &'static str = "number";
    fn write(value: &u16, out: &mut String) {
        <u64 as Out>::write(&u64::from(*value), out);
    }
}

/// A JSON integer up to 2^53 - 1 (checked by the core before it gets here).
impl Out for u64 {
    type Value = u64;
    const TS: &'static str = "number";
    fn write(value: &u64, out: &mut String) {
        let Ok(()) = ufmt::uwrite!(out, "{}", value);
    }
}

impl Out for i32 {
    type Value = i32;
    const TS: &'static str = "number";
    fn write(value: &i32, out: &mut String) {
        if *value < 0 {
            out.push('-');
        }
        <u64 as Out>::write(&u64::from(value.unsigned_abs()), out);
    }
}

impl Out for Null {
    type Value = ();
    const TS: &'static str = "null";
    fn write(_: &(), out: &mut String) {
        out.push_str("null");
    }
}

impl Out for RawJson {
    type Value = Option<String>;
    const TS: &'static str = "unknown";
    fn write(value: &Option<String>, out: &mut String) {
        out.push_str(value.as_deref().unwrap_or("null"));
    }
}

impl Out for crate::request::Headers {
    type Value = crate::request::Headers;
    const TS: &'static str = "Record<string, string>";
    fn write(value: &crate::request::Headers, out: &mut String) {
        crate::request::write_headers(out, value.iter());
    }
}

impl<K: Out> Out for Option<K>
where
    K::Value: Sized,
{
    type Value = Option<K::Value>;
    const TS: &'static str = <K as Out>::TS;
    const SUFFIX: &'static str = {
        assert!(
            K::SUFFIX.is_empty(),
            "a kind nests at most one Option or Vec"
        );
        " | null"
    };
    fn write(value: &Option<K::Value>, out: &mut String) {
        match value {
            Some(v) => K::write(v, out),
            None => out.push_str("null"),
        }
    }
}

impl<K: Out> Out for Skip<K>
where
    K::Value: Sized,
{
    type Value = Option<K::Value>;
    const TS: &'static str = <K as Out>::TS;
    const SUFFIX: &'static str = <K as Out>::SUFFIX;
    const MARK: &'static str = "?";
    fn write(value: &Option<K::Value>, out: &mut String) {
        <Option<K> as Out>::write(value, out);
    }
    fn present(value: &Option<K::Value>) -> bool {
        value.is_some()
    }
}

impl<K: Out> Out for Vec<K>
where
    K::Value: Sized,
{
    type Value = Vec<K::Value>;
    const TS: &'static str = <K as Out>::TS;
    const SUFFIX: &'static str = {
        assert!(
            K::SUFFIX.is_empty(),
            "a kind nests at most one Option or Vec"
        );
        "[]"
    };
    fn write(value: &Vec<K::Value>, out: &mut String) {
        write_list::<K>(value, out);
    }
}

/// Appends a JSON array of values of kind `K`.
pub(crate) fn write_list<K: Out>(items: &[K::Value], out: &mut String)
where
    K::Value: Sized,
{
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        K::write(item, out);
    }
    out.push(']');
}

/// Writes a declared output value as JSON text.
pub(crate) fn to_json<K: Out>(value: &K::Value) -> String {
    // Most results fit: one allocation instead of a doubling series.
    let mut out = String::with_capacity(512);
    K::write(value, &mut out);
    out
}

/// Declares a closed set of strings (a Rust `enum` of unit variants): its TypeScript
/// union, its reader and its writer.
///
/// ```ignore
/// js_enum! {
///     /// Which Dwolla environment a request targets.
///     Environment = crate::request::Environment {
///         Sandbox = "sandbox",
///         Production = "production",
///     }
/// }
/// ```
macro_rules! js_enum {
    (
        $(#[doc = $doc:literal])*
        $name:ident = $rust:path {
            $first:ident = $first_js:literal $(, $variant:ident = $js:literal)* $(,)?
        }
    ) => {
        impl $crate::js::decl::Choice for $rust {
            const VALUES: &'static [Self] = &[<$rust>::$first $(, <$rust>::$variant)*];
            const NAMES: &'static [&'static str] = &[$first_js $(, $js)*];
        }
        impl $crate::js::decl::Out for $rust {
            type Value = $rust;
            const TS: &'static str = stringify!($name);
            fn write(value: &$rust, out: &mut String) {
                // Exhaustive: a new variant must be declared here.
                let text = match value {
                    <$rust>::$first => $first_js,
                    $(<$rust>::$variant => $js,)*
                };
                $crate::json::write_str(out, text);
            }
        }
        const _: () = {
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS: &'static str = const_format::concatcp!(
                "\n/**\n", $(" *", $doc, "\n",)* " */\nexport type ", stringify!($name), " = \"",
                $first_js, "\"", $(" | \"", $js, "\"",)* ";\n"
            );
        };
    };
}

/// Declares an input object read from a JS argument: its TypeScript interface and an
/// implementation of [`ReadObject`] building the Rust struct `$rust` member by member
/// (a struct literal: every field must be declared, with its kind's `Value` type).
///
/// `..group` in the member list splices in the members of a group declared once (the
/// shared ones are in `types.rs`), in place: the interface, the reader and the order in which issues
/// are reported are those of the members written out there.
///
/// ```ignore
/// js_input! {
///     /// Input of `finicityAuthenticationRequest`.
///     AuthenticationInput = crate::finicity::AuthenticationInput {
///         /// Your Finicity partner id (digits).
///         partnerId: partner_id: String,
///         /// Overrides `https://api.finicity.com`.
///         baseUrl: base_url: Option<String>,
///     }
/// }
/// ```
macro_rules! js_input {
    // Groups are expanded first: `[head] [members so far] rest`, one member or group
    // at a time, then the whole list is emitted.
    (@expand [$($head:tt)*] [$($done:tt)*]) => {
        $crate::js::decl::js_input! { @emit $($head)* { $($done)* } }
    };
    (@expand $head:tt [$($done:tt)*] .. $group:path $(, $($rest:tt)*)?) => {
        $group! { $head [$($done)*] $($($rest)*)? }
    };
    (
        @expand $head:tt [$($done:tt)*]
        $(#[doc = $fdoc:literal])* $js:ident : $field:ident : $kind:ty $(, $($rest:tt)*)?
    ) => {
        $crate::js::decl::js_input! {
            @expand $head [$($done)* $(#[doc = $fdoc])* $js: $field: $kind,] $($($rest)*)?
        }
    };
    (
        @emit
        $(#[doc = $doc:literal])*
        $name:ident = $rust:path {
            $(
                $(#[doc = $fdoc:literal])*
                $js:ident : $field:ident : $kind:ty
            ),+ $(,)?
        }
    ) => {
        impl $crate::js::decl::ReadObject for $rust {
            fn read_members(args: &mut $crate::js::json::Args) -> Self {
                Self {
                    $($field: <$kind as $crate::js::decl::In>::read(
                        args,
                        concat!("/", stringify!($js)),
                    ),)+
                }
            }
        }
        const _: () = {
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS: &'static str = const_format::concatcp!(
                "\n/**\n", $(" *", $doc, "\n",)* " */\nexport interface ", stringify!($name), " {\n",
                $(
                    "    /**\n", $("     *", $fdoc, "\n",)* "     */\n",
                    "    ", stringify!($js), <$kind as $crate::js::decl::In>::MARK, ": ",
                    <$kind as $crate::js::decl::In>::TS, ";\n",
                )+
                "}\n"
            );
        };
    };
    (
        $(#[doc = $doc:literal])*
        $name:ident = $rust:path { $($members:tt)* }
    ) => {
        $crate::js::decl::js_input! { @expand [$(#[doc = $doc])* $name = $rust] [] $($members)* }
    };
}

/// Declares an output object written for JS: its TypeScript interface and an
/// implementation of [`Out`] writing the Rust struct `$rust` member by member.
macro_rules! js_output {
    (
        $(#[doc = $doc:literal])*
        $name:ident = $rust:path {
            $(
                $(#[doc = $fdoc:literal])*
                $js:ident : $field:ident : $kind:ty
            ),+ $(,)?
        }
    ) => {
        impl $crate::js::decl::Out for $rust {
            type Value = $rust;
            const TS: &'static str = stringify!($name);
            fn write(value: &$rust, out: &mut String) {
                // No `..`: a field added to the Rust struct must be declared here.
                let $rust { $($field),+ } = value;
                let mut object = $crate::json::ObjectWriter::new(out);
                $(
                    if <$kind as $crate::js::decl::Out>::present($field) {
                        <$kind as $crate::js::decl::Out>::write($field, object.key(stringify!($js)));
                    }
                )+
                object.end();
            }
        }
        $crate::js::decl::js_interface_text!($(#[doc = $doc])* $name {
            $($(#[doc = $fdoc])* $js: $kind),+
        });
    };
}

/// The TypeScript interface of an output object (also used for the members of a union,
/// whose writer is written by hand).
macro_rules! js_interface_text {
    (
        $(#[doc = $doc:literal])*
        $name:ident { $($(#[doc = $fdoc:literal])* $js:ident : $kind:ty),+ $(,)? }
    ) => {
        const _: () = {
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS: &'static str = const_format::concatcp!(
                "\n/**\n", $(" *", $doc, "\n",)* " */\nexport interface ", stringify!($name), " {\n",
                $(
                    "    /**\n", $("     *", $fdoc, "\n",)* "     */\n",
                    "    ", stringify!($js), <$kind as $crate::js::decl::Out>::MARK, ": ",
                    <$kind as $crate::js::decl::Out>::TS,
                    <$kind as $crate::js::decl::Out>::SUFFIX, ";\n",
                )+
                "}\n"
            );
        };
    };
}

pub(crate) use {js_enum, js_input, js_interface_text, js_output};
