//! Drivers of `additionalProperties.json`: models that keep the properties their schema does not
//! declare (`additionalProperties: true`, of a given type, on a subclass), and a model with a
//! declared property named `additionalProperties` besides its own additional ones. Each is sent
//! and read back, with the `status` the server adds.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use std::collections::HashMap;

use additionalproperties::clients::PetsClient;
use additionalproperties::models::{CatApTrue, PetApInProperties, PetApInPropertiesWithApString, PetApObject, PetApString, PetApTrue};
use additionalproperties::{AdditionalPropertiesClient, AdditionalPropertiesClientOptions};
use conformance_drivers::{client_options, credential, endpoint, succeeded};
use serde_json::{json, Value};

fn client() -> PetsClient {
    let options = AdditionalPropertiesClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    AdditionalPropertiesClient::new(credential(), Some(options)).expect("a client").get_pets_client()
}

fn values(entries: &[(&str, Value)]) -> HashMap<String, Value> {
    entries.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

/// The additional properties of the `true` scenarios.
fn puppy_extras() -> HashMap<String, Value> {
    values(&[("birthdate", json!("2017-12-13T02:29:51Z")), ("complexProperty", json!({"color": "Red"}))])
}

#[tokio::test]
async fn additional_properties_true() {
    let mut pet = PetApTrue::new(1);
    pet.name = Some("Puppy".to_string());
    pet.additional_properties = puppy_extras();
    let mut expected = pet.clone();
    expected.status = Some(true);
    let answer = succeeded("create_ap_true", client().create_ap_true(pet.try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, expected);
}

#[tokio::test]
async fn additional_properties_subclass() {
    let mut cat = CatApTrue::new(1);
    cat.name = Some("Lisa".to_string());
    cat.friendly = Some(true);
    cat.additional_properties = puppy_extras();
    let mut expected = cat.clone();
    expected.status = Some(true);
    let answer =
        succeeded("create_cat_ap_true", client().create_cat_ap_true(cat.try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, expected);
}

#[tokio::test]
async fn additional_properties_type_object() {
    let mut pet = PetApObject::new(2);
    pet.name = Some("Hira".to_string());
    pet.additional_properties = values(&[
        (
            "siblings",
            json!([{"id": 1, "name": "Puppy", "birthdate": "2017-12-13T02:29:51Z", "complexProperty": {"color": "Red"}}]),
        ),
        ("picture", json!("//////4=")),
    ]);
    let mut expected = pet.clone();
    expected.status = Some(true);
    let answer =
        succeeded("create_ap_object", client().create_ap_object(pet.try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, expected);
}

#[tokio::test]
async fn additional_properties_type_string() {
    let mut pet = PetApString::new(3);
    pet.name = Some("Tommy".to_string());
    pet.additional_properties =
        [("color", "red"), ("weight", "10 kg"), ("city", "Bombay")].into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let mut expected = pet.clone();
    expected.status = Some(true);
    let answer =
        succeeded("create_ap_string", client().create_ap_string(pet.try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, expected);
}

fn sizes() -> HashMap<String, f64> {
    [("height", 5.61), ("weight", 599.0), ("footsize", 11.5)].into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

#[tokio::test]
async fn additional_properties_in_properties() {
    // A declared property named `additionalProperties`, a map of numbers.
    let mut pet = PetApInProperties::new(4);
    pet.name = Some("Bunny".to_string());
    pet.additional_properties = Some(sizes());
    let mut expected = pet.clone();
    expected.status = Some(true);
    let answer = succeeded(
        "create_ap_in_properties",
        client().create_ap_in_properties(pet.try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()),
    );
    assert_eq!(answer, expected);
}

#[tokio::test]
async fn additional_properties_in_properties_with_ap_type_string() {
    // The declared `additionalProperties` and `@odata.location`, and string additional properties.
    let mut pet = PetApInPropertiesWithApString::new(5, "westus");
    pet.name = Some("Funny".to_string());
    pet.additional_properties = Some(sizes());
    pet.additional_properties2 = [("color", "red"), ("city", "Seattle"), ("food", "tikka masala")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut expected = pet.clone();
    expected.status = Some(true);
    let answer = succeeded(
        "create_ap_in_properties_with_ap_string",
        client().create_ap_in_properties_with_ap_string(pet.try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()),
    );
    assert_eq!(answer, expected);
}
