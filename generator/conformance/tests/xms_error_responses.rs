//! Drivers of `xms-error-responses.json`: each status's own error schema (`x-ms-error-response`),
//! decoded into the type the spec gives that status and reachable from the `azure_core::Error`
//! with `service_error::<T>`; primitive error bodies (a string, an integer); polymorphic error
//! models told apart by their discriminator; `x-ms-client-default`.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{client_options, credential, endpoint, status_of};
use xms_error_responses::clients::*;
use xms_error_responses::error::StatusCode;
use xms_error_responses::models::{NotFoundErrorBase, PetActionError};
use xms_error_responses::{service_error, XmsErrorResponseExtensionsClient, XmsErrorResponseExtensionsClientOptions};

fn client() -> PetClient {
    let options = XmsErrorResponseExtensionsClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    XmsErrorResponseExtensionsClient::new(credential(), Some(options)).expect("a client").get_pet_client()
}

/// The error of a call that must fail.
fn failure<T>(method: &str, result: azure_core::Result<T>) -> azure_core::Error {
    match result {
        Ok(_) => panic!("`{method}` succeeded where the service answered an error"),
        Err(error) => error,
    }
}

/// The error body decoded as `E`, the type the spec declares for the status.
#[track_caller]
fn decoded<E: std::fmt::Debug + Send + Sync + Clone + 'static>(error: &azure_core::Error) -> E {
    let Some(service) = service_error::<E>(error) else {
        panic!(
            "the error is not reachable as `ServiceError<{}>`, the type the spec gives this status: {error}",
            std::any::type_name::<E>()
        )
    };
    service.error().cloned().unwrap_or_else(|| {
        panic!("the body did not decode as `{}`: {:?}", std::any::type_name::<E>(), String::from_utf8_lossy(service.body()))
    })
}

#[tokio::test]
async fn expected_no_errors() {
    // A 200 with the pet (the spec's 202 has no body, hence the `Option`).
    let pet = client().get_pet_by_id("tommy", None).await.expect("GET tommy succeeds").into_model().expect("a Pet");
    let pet = pet.expect("the 200 of GET tommy has a body");
    assert_eq!(pet.name.as_deref(), Some("Tommy Tomson"));
    assert_eq!(pet.ani_type.as_deref(), Some("Dog"));
    let action = client().do_something("stay", None).await.expect("stay succeeds");
    assert_eq!(action.status(), StatusCode::Ok);
}

#[tokio::test]
async fn expected_pet_sad_error() {
    let error = failure("do_something(jump)", client().do_something("jump", None).await);
    assert_eq!(status_of(&error), Some(StatusCode::InternalServerError));
    match decoded::<PetActionError>(&error) {
        PetActionError::PetSadError(sad) => {
            assert_eq!(sad.reason.as_deref(), Some("need more treats"));
            assert_eq!(sad.error_message.as_deref(), Some("casper aint happy"));
            assert_eq!(sad.action_response.as_deref(), Some("grrrr"));
        }
        other => panic!("expected PetSadError, got {other:?}"),
    }
}

#[tokio::test]
async fn expected_pet_hungry_error() {
    let error = failure("do_something(fetch)", client().do_something("fetch", None).await);
    assert_eq!(status_of(&error), Some(StatusCode::NotFound));
    match decoded::<PetActionError>(&error) {
        PetActionError::PetHungryOrThirstyError(hungry) => {
            assert_eq!(hungry.hungry_or_thirsty.as_deref(), Some("hungry and thirsty"));
            assert_eq!(hungry.reason.as_deref(), Some("need more everything"));
        }
        other => panic!("expected PetHungryOrThirstyError, got {other:?}"),
    }
}

#[tokio::test]
async fn animal_not_found_error() {
    let error = failure("get_pet_by_id(coyoteUgly)", client().get_pet_by_id("coyoteUgly", None).await);
    assert_eq!(status_of(&error), Some(StatusCode::NotFound));
    match decoded::<NotFoundErrorBase>(&error) {
        NotFoundErrorBase::AnimalNotFound(animal) => {
            assert_eq!(animal.name.as_deref(), Some("coyote"));
            assert_eq!(animal.reason.as_deref(), Some("the type of animal requested is not available"));
        }
        other => panic!("expected AnimalNotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn link_not_found_error() {
    let error = failure("get_pet_by_id(weirdAlYankovic)", client().get_pet_by_id("weirdAlYankovic", None).await);
    assert_eq!(status_of(&error), Some(StatusCode::NotFound));
    match decoded::<NotFoundErrorBase>(&error) {
        NotFoundErrorBase::LinkNotFound(link) => {
            assert_eq!(link.what_sub_address.as_deref(), Some("pet/yourpet was not found"));
            assert_eq!(link.reason.as_deref(), Some("link to pet not found"));
        }
        other => panic!("expected LinkNotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn string_error() {
    // 400's schema is a string.
    let error = failure("get_pet_by_id(ringo)", client().get_pet_by_id("ringo", None).await);
    assert_eq!(status_of(&error), Some(StatusCode::BadRequest));
    assert_eq!(decoded::<String>(&error), "ringo is missing");
}

#[tokio::test]
async fn int_error() {
    // 501's schema is an integer.
    let error = failure("get_pet_by_id(alien123)", client().get_pet_by_id("alien123", None).await);
    assert_eq!(status_of(&error), Some(StatusCode::NotImplemented));
    let value = service_error::<i32>(&error)
        .and_then(|s| s.error().map(|v| i64::from(*v)))
        .or_else(|| service_error::<i64>(&error).and_then(|s| s.error().copied()));
    assert_eq!(
        value,
        Some(123),
        "the 501 body is not reachable as the integer the spec declares (ServiceError<i32> or <i64>): {error}"
    );
}

#[tokio::test]
async fn send_error_with_param_name_models() {
    // `models` has x-ms-client-default `value1`: sent when the caller gives none. The server then
    // answers 500 with a PetSadError, which must decode despite the parameter's name.
    let error = failure("has_models_param", client().has_models_param(None).await);
    assert_eq!(status_of(&error), Some(StatusCode::InternalServerError), "{error}");
    match decoded::<PetActionError>(&error) {
        PetActionError::PetSadError(sad) => assert_eq!(sad.reason.as_deref(), Some("need more treats")),
        other => panic!("expected PetSadError, got {other:?}"),
    }
}
