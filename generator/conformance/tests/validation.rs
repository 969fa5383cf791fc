//! Drivers of `validation.json`: constants of the spec in a path and in a body (constant
//! properties of the body's model and of its child models), which the client sends without the
//! caller giving them. (The spec's other operations check client-side validation, `maxItems`,
//! `pattern` and the like, and have no route on the server.)

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{assert_ok, client_options, credential, endpoint, succeeded};
use validation::clients::AutoRestValidationTestClientPostWithConstantInBodyOptions;
use validation::models::{ChildProduct, Product};
use validation::{AutoRestValidationTestClient, AutoRestValidationTestClientOptions};

fn client() -> AutoRestValidationTestClient {
    let options = AutoRestValidationTestClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    AutoRestValidationTestClient::new(credential(), "abc123", "12-34-5678", Some(options)).expect("a client")
}

#[tokio::test]
async fn constants_in_path() {
    // `/validation/constantsInPath/constant/value`.
    assert_ok("get_with_constant_in_path", client().get_with_constant_in_path(None).await);
}

#[tokio::test]
async fn constants_in_body() {
    // The server expects `constString: "constant"`, `constInt: 0`, `child.constProperty:
    // "constant"`, `constChild: {constProperty: "constant", constProperty2: "constant2"}`, and
    // answers the body back. `new` sets every constant; `child` is the one property the caller
    // gives.
    let product = Product::new(ChildProduct::new());
    let options = AutoRestValidationTestClientPostWithConstantInBodyOptions {
        body: Some(product.clone().try_into().expect("a JSON body")),
        ..Default::default()
    };
    let answer = succeeded("post_with_constant_in_body", client().post_with_constant_in_body(Some(options)).await.and_then(|r| r.into_model()));
    assert_eq!(answer, product, "the body answered back");
}
