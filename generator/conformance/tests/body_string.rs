//! Drivers of `body-string.json`: string bodies (empty, multi-byte, with whitespace, `null` and
//! absent ones), base64 and base64url bytes, enums (expandable or not, referenced, and a model
//! with a constant property), and one-value enums (`modelAsString: false`), which are constants the
//! client sends and the caller does not pass.
//!
//! `body-string.quirks.json` lists the same scenarios with plain strings; this spec drives them
//! (see `scenarios.toml`). The generator refuses this spec today (a one-value enum whose value is
//! not an identifier), so this module is written against the crate the spec gives with that enum
//! left out, and is compiled once the spec generates.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_string::clients::{EnumClient, StringClient, StringClientPutNullOptions};
use body_string::models::{ColorConstant, Colors, RefColorConstant, StringPutEmptyRequest, StringPutWhitespaceRequest};
use body_string::{AutoRestSwaggerBatServiceClient, AutoRestSwaggerBatServiceClientOptions};
use conformance_drivers::{
    assert_absent, assert_no_value, assert_ok, assert_value, client_options, credential, endpoint, inexpressible,
    succeeded,
};

/// The multi-byte string of the `mbcs` scenarios, written with escapes because it holds CJK
/// compatibility ideographs that editors and Unicode normalization turn into other code points.
const MBCS: &str = "\u{554a}\u{9f44}\u{4e02}\u{72db}\u{72dc}\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}\u{2ca}\u{301e}\u{3021}\u{ffe4}\u{2121}\u{3231}\u{2010}\u{30fc}\u{fe61}\u{fe62}\u{fe6b}\u{3001}\u{3013}\u{2170}\u{2179}\u{2488}\u{20ac}\u{3220}\u{3229}\u{2160}\u{216b}\u{ff01}\u{ffe3}\u{3041}\u{3093}\u{30a1}\u{30f6}\u{391}\u{fe34}\u{410}\u{42f}\u{430}\u{44f}\u{101}\u{261}\u{3105}\u{3129}\u{2500}\u{254b}\u{fe35}\u{fe44}\u{fe3b}\u{fe31}\u{fe33}\u{fe34}\u{2170}\u{2179}\u{251}\u{e7c7}\u{261}\u{3007}\u{303e}\u{2ffb}\u{2e81}\u{e843}\u{4723}\u{e864}\u{20ac}";

const WHITESPACE: &str = "    Now is the time for all good men to come to the aid of their country    ";

fn service() -> AutoRestSwaggerBatServiceClient {
    let options = AutoRestSwaggerBatServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestSwaggerBatServiceClient::new(credential(), Some(options)).expect("a client")
}

fn client() -> StringClient {
    service().get_string_client()
}

fn enums() -> EnumClient {
    service().get_enum__client()
}

/// Fails a scenario whose body is a constant of the spec that the method still asks for.
#[track_caller]
fn constant_asked(method: &str, value: &str) -> ! {
    inexpressible(&format!(
        "`{method}` asks the caller for its body, which the spec fixes to the constant {value:?} (a one-value enum \
         with `modelAsString: false`): a constant is sent by the client, not passed by the user"
    ))
}

#[tokio::test]
async fn get_string_null() {
    assert_absent::<String, _>("get_null", client().get_null(None).await.and_then(|r| r.into_model()));
}

#[tokio::test]
async fn put_string_null() {
    // The body is optional and `x-nullable`: none is sent.
    assert_ok("put_null", client().put_null(Some(StringClientPutNullOptions { string_body: None, ..Default::default() })).await);
}

#[tokio::test]
async fn get_string_empty() {
    assert_value("get_empty", client().get_empty(None).await.and_then(|r| r.into_model()), String::new());
}

#[tokio::test]
async fn put_string_empty() {
    assert_ok("put_empty", client().put_empty(StringPutEmptyRequest::V, None).await);
    constant_asked("put_empty", "");
}

#[tokio::test]
async fn get_string_not_provided() {
    // The server answers 200 with no body, where the spec's string is not `x-nullable`.
    assert_no_value::<String, _, _>(
        "get_not_provided",
        client().get_not_provided(None).await.and_then(|r| r.into_model()),
        ("get_mbcs", client().get_mbcs(None).await.and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn get_string_with_leading_and_trailing_whitespace() {
    assert_value("get_whitespace", client().get_whitespace(None).await.and_then(|r| r.into_model()), WHITESPACE.to_string());
}

#[tokio::test]
async fn put_string_with_leading_and_trailing_whitespace() {
    use StringPutWhitespaceRequest as Body;
    assert_ok("put_whitespace", client().put_whitespace(Body::NowIsTheTimeForAllGoodMenToComeToTheAidOfTheirCountry, None).await);
    constant_asked("put_whitespace", WHITESPACE);
}

#[tokio::test]
async fn get_string_multi_byte_characters() {
    assert_value("get_mbcs", client().get_mbcs(None).await.and_then(|r| r.into_model()), MBCS.to_string());
}

#[tokio::test]
async fn put_string_multi_byte_characters() {
    assert_ok("put_mbcs", client().put_mbcs(MBCS.to_string(), None).await);
    constant_asked("put_mbcs", MBCS);
}

#[tokio::test]
async fn get_string_base64_encoded() {
    assert_value(
        "get_base64_encoded",
        client().get_base64_encoded(None).await.and_then(|r| r.into_model()),
        b"a string that gets encoded with base64".to_vec(),
    );
}

#[tokio::test]
async fn get_string_base64_url_encoded() {
    assert_value(
        "get_base64_url_encoded",
        client().get_base64_url_encoded(None).await.and_then(|r| r.into_model()),
        b"a string that gets encoded with base64url".to_vec(),
    );
}

#[tokio::test]
async fn put_string_base64_url_encoded() {
    // The server expects `"YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjR1cmw"`, unpadded base64url.
    let bytes = b"a string that gets encoded with base64url".to_vec();
    assert_ok("put_base64_url_encoded", client().put_base64_url_encoded(bytes, None).await);
}

#[tokio::test]
async fn get_string_null_base64_url_encoding() {
    assert_absent::<Vec<u8>, _>(
        "get_null_base64_url_encoded",
        client().get_null_base64_url_encoded(None).await.and_then(|r| r.into_model()),
    );
}

#[tokio::test]
async fn get_enum_not_expandable() {
    assert_value("get_not_expandable", enums().get_not_expandable(None).await.and_then(|r| r.into_model()), Colors::RedColor);
}

#[tokio::test]
async fn put_enum_not_expandable() {
    assert_ok("put_not_expandable", enums().put_not_expandable(Colors::RedColor, None).await);
}

#[tokio::test]
async fn get_enum_referenced() {
    assert_value("get_referenced", enums().get_referenced(None).await.and_then(|r| r.into_model()), Colors::RedColor);
}

#[tokio::test]
async fn put_enum_referenced() {
    assert_ok("put_referenced", enums().put_referenced(Colors::RedColor, None).await);
}

#[tokio::test]
async fn get_enum_referenced_constant() {
    // `{"field1": "Sample String"}`: the constant `ColorConstant` is not sent back, and is not the
    // caller's to read.
    let model = succeeded("get_referenced_constant", enums().get_referenced_constant(None).await.and_then(|r| r.into_model()));
    assert_eq!(model.field1.as_deref(), Some("Sample String"));
}

#[tokio::test]
async fn put_enum_referenced_constant() {
    // The server expects `{"ColorConstant": "green-color"}`: the constant is the client's to send.
    let body = RefColorConstant::new(ColorConstant::GreenColor);
    assert_ok("put_referenced_constant", enums().put_referenced_constant(body.try_into().expect("a JSON body"), None).await);
    inexpressible(
        "`RefColorConstant::new` asks the caller for `color_constant`, which the spec fixes to the constant \
         `green-color` (a one-value enum with `modelAsString: false`): a constant property is the client's to send",
    );
}
