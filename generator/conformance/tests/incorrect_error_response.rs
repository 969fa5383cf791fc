//! Drivers of `incorrect-error-response.json`: an error body that is not the spec's error model
//! (`444`, `text/html`, `foobar`) still yields a useful error.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{client_options, credential, endpoint, status_of};
use incorrect_error_response::models::Error;
use incorrect_error_response::{service_error, IncorrectReturnedErrorModelClient, IncorrectReturnedErrorModelClientOptions};

#[tokio::test]
async fn verify_incorrect_error_parsing() {
    let options = IncorrectReturnedErrorModelClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    let client = IncorrectReturnedErrorModelClient::new(credential(), Some(options)).expect("a client");
    let Err(error) = client.get_incorrect_error_from_server(None).await else {
        panic!("a 444 is an error");
    };
    assert_eq!(status_of(&error).map(u16::from), Some(444), "{error}");
    let service = service_error::<Error>(&error).unwrap_or_else(|| panic!("no ServiceError<Error>: {error}"));
    assert!(service.error().is_none(), "`foobar` is no Error model");
    assert_eq!(service.body(), b"foobar");
    assert!(error.to_string().contains("444"), "the message names the status: {error}");
}
