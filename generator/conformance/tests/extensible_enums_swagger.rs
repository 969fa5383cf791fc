//! Drivers of `extensible-enums-swagger.json`: enums with `modelAsString: true`, which keep a
//! value the spec does not list (an unexpected one, and one from `x-ms-enum.values`), read and
//! round-tripped.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{client_options, credential, endpoint, succeeded};
use extensible_enums_swagger::clients::{PetClient, PetClientAddPetOptions};
use extensible_enums_swagger::models::{DaysOfWeekExtensibleEnum, IntEnum, Pet};
use extensible_enums_swagger::{PetStoreIncClient, PetStoreIncClientOptions};

fn client() -> PetClient {
    let options = PetStoreIncClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    PetStoreIncClient::new(credential(), Some(options)).expect("a client").get_pet_client()
}

fn pet(name: &str, days: DaysOfWeekExtensibleEnum, int_enum: IntEnum) -> Pet {
    let mut pet = Pet::new(int_enum);
    pet.name = Some(name.to_string());
    pet.days_of_week = Some(days);
    pet
}

#[tokio::test]
async fn expected_enum() {
    let answer = succeeded("get_by_pet_id", client().get_by_pet_id("tommy", None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, pet("Tommy Tomson", DaysOfWeekExtensibleEnum::Monday, IntEnum::V1));
}

#[tokio::test]
async fn unexpected_enum() {
    // `Weekend` is not a value of the spec: it is kept as sent.
    let answer = succeeded("get_by_pet_id", client().get_by_pet_id("casper", None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, pet("Casper Ghosty", DaysOfWeekExtensibleEnum::UnknownValue("Weekend".to_string()), IntEnum::V2));
}

#[tokio::test]
async fn allowed_value_enum() {
    // `2.1` is one of `x-ms-enum.values`' allowed values, not of `enum`: it is kept as sent.
    let answer = succeeded("get_by_pet_id", client().get_by_pet_id("scooby", None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, pet("Scooby Scarface", DaysOfWeekExtensibleEnum::Thursday, IntEnum::UnknownValue("2.1".to_string())));
}

#[tokio::test]
async fn round_trip_enum() {
    let sent = pet("Retriever", DaysOfWeekExtensibleEnum::Friday, IntEnum::V3);
    let options = PetClientAddPetOptions { pet_param: Some(sent.clone().try_into().expect("a JSON body")), ..Default::default() };
    let answer = succeeded("add_pet", client().add_pet(Some(options)).await.and_then(|r| r.into_model()));
    assert_eq!(answer, sent);
}
