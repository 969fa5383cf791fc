//! Drivers of `body-formdata-urlencoded.json`: `application/x-www-form-urlencoded` bodies, from
//! enums, integers and strings, one of whose fields is a constant of the spec.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_formdata_urlencoded::clients::FormdataurlencodedClient;
use body_formdata_urlencoded::models::{
    FormdataurlencodedPartialConstantBodyRequest,
    FormdataurlencodedUpdatePetWithFormRequest, PetFood, PetType,
};
use body_formdata_urlencoded::{BodyFormsDataUrlEncodedClient, BodyFormsDataUrlEncodedClientOptions};
use conformance_drivers::{assert_ok, client_options, credential, endpoint};

fn client() -> FormdataurlencodedClient {
    let options = BodyFormsDataUrlEncodedClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    BodyFormsDataUrlEncodedClient::new(credential(), Some(options)).expect("a client").get_formdataurlencoded_client()
}

#[tokio::test]
async fn update_pet_with_form() {
    // `pet_type=dog&pet_food=meat&pet_age=42&name=Fido`.
    let mut form = FormdataurlencodedUpdatePetWithFormRequest::new(PetType::Dog, PetFood::Meat, 42);
    form.name = Some("Fido".to_string());
    assert_ok("update_pet_with_form", client().update_pet_with_form(1, &form, None).await);
}

#[tokio::test]
async fn url_encoded_data_with_partial_constant_body() {
    // `grant_type=access_token&access_token=foo&service=bar`: `grant_type` is a constant, which
    // `new` sets.
    let form = FormdataurlencodedPartialConstantBodyRequest::new("bar", "foo");
    assert_ok("partial_constant_body", client().partial_constant_body(&form, None).await);
}
