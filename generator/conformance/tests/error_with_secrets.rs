//! Drivers of `error-with-secrets.json`: an error whose body holds secrets is decoded, and its
//! secrets are never printed (neither by `Display` nor by `Debug`).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{client_options, credential, endpoint, inexpressible, status_of};
use error_with_secrets::error::StatusCode;
use error_with_secrets::models::ErrorResponse;
use error_with_secrets::{service_error, ErrorWithSecretsClient, ErrorWithSecretsClientOptions};

/// The shared key the server puts in the error body (`token`, `primaryKey`, `connectionString`,
/// an inner error's message).
const SECRET: &str = "1c88a67921784300a462b2cb61da2339";

fn client() -> ErrorWithSecretsClient {
    let options = ErrorWithSecretsClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    ErrorWithSecretsClient::new(credential(), Some(options)).expect("a client")
}

#[tokio::test]
async fn request_with_secrets() {
    inexpressible(
        "`create_secret` cannot authenticate as the spec says: its security is the apiKey `SharedKey` \
         (an `Authorization` header), and the generated client takes only a TokenCredential (bearer); \
         the scenario also sends a `key` query parameter and a `{\"key\": ...}` body the spec does not declare",
    );
}

#[tokio::test]
async fn error_with_secrets() {
    let Err(error) = client().get_error_with_secrets(None).await else {
        panic!("a 403 is an error");
    };
    assert_eq!(status_of(&error), Some(StatusCode::Forbidden), "{error}");
    // The error's code is reachable whether or not the whole body decodes (the server's
    // `details[0].innererror` is a string where the spec declares an object).
    let service = service_error::<ErrorResponse>(&error).expect("a ServiceError<ErrorResponse>");
    assert_eq!(service.code(), Some("Unauthorized"), "{error}");
    // The secret, neither as text nor as the list of its bytes that a derived Debug of a
    // `Vec<u8>` prints.
    let as_bytes = SECRET.bytes().map(|b| b.to_string()).collect::<Vec<_>>().join(", ");
    for (how, text) in [("Display", format!("{error}")), ("Debug", format!("{error:?}")), ("ServiceError Debug", format!("{service:?}"))] {
        // The messages do not quote `text`: it would print the secret again.
        assert!(!text.contains(SECRET), "the error's {how} prints the secret");
        assert!(!text.contains(&as_bytes), "the error's {how} prints the secret's bytes (the raw body as a byte list)");
    }
}
