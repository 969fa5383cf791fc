//! Errors returned by the service, decoded.
//!
//! A response with an unexpected status becomes an [`azure_core::Error`] of kind
//! [`ErrorKind::HttpResponse`] (status, error code and raw response) whose inner error is a
//! [`ServiceError`] holding the error body decoded into the operation's error type.
//! [`service_error`] gets it back without parsing the body again.

use azure_core::error::ErrorKind;
use azure_core::http::RawResponse;

/// azure_core's HTTP status, re-exported so that comparing [`ServiceError::status`] (or
/// `azure_core::Error::http_status`) with `StatusCode::NotFound` needs no `azure_core` import.
pub use azure_core::http::StatusCode;

/// An error response of the service: its status, its body decoded into the operation's error
/// type `E` (when it decodes), and the code and message found in it.
///
/// Its `Debug` shows the status, code and message only: error bodies carry keys, tokens and
/// connection strings often enough (the error and the body are a method call away) that
/// neither is printed where a log could catch it.
#[derive(Clone)]
pub struct ServiceError<E = ::serde_json::Value> {
    status: StatusCode,
    error: Option<E>,
    code: Option<String>,
    message: Option<String>,
    body: Vec<u8>,
}

impl<E> ServiceError<E> {
    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The error body decoded into the operation's error type, or `None` when the body is
    /// empty or is not that type (a proxy's HTML page, a truncated document).
    pub fn error(&self) -> Option<&E> {
        self.error.as_ref()
    }

    /// The error code (`code`, or `error.code` in the ARM envelope), when the body has one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The error message (`message`, or `error.message` in the ARM envelope), when the body has one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The raw body of the response.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl<E> ::std::fmt::Debug for ServiceError<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ServiceError")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message", &self.message)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl<E> ::std::fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "the service answered {}", u16::from(self.status))?;
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl<E> ::std::error::Error for ServiceError<E> {}

/// The decoded service error inside `error`, if it is one whose body decodes as `E` (the
/// error type each method documents, e.g. `ServiceError<models::ErrorDetails>`).
pub fn service_error<E: ::std::fmt::Debug + Send + Sync + 'static>(
    error: &azure_core::Error,
) -> Option<&ServiceError<E>> {
    error.downcast_ref::<ServiceError<E>>()
}

/// How a method turns an unexpected response into its error: the decoding of the body into the
/// error type the spec gives that status (see [`from_response`]). A plain function, not a
/// generic parameter, so the sending, paging and polling code is compiled once per crate.
pub(crate) type ErrorMapper = fn(RawResponse) -> azure_core::Error;

// Called by the generated methods, which this crate has none of.
#[allow(dead_code)]
/// Builds the error for an unexpected response: never fails, whatever the body holds.
pub(crate) fn from_response<E>(response: RawResponse) -> azure_core::Error
where
    E: ::serde::de::DeserializeOwned + ::std::fmt::Debug + Send + Sync + 'static,
{
    let status = response.status();
    let body: Vec<u8> = response.body().to_vec();
    let error = ::serde_json::from_slice::<E>(&body).ok();
    let json = ::serde_json::from_slice::<::serde_json::Value>(&body).ok();
    let field = |name: &str| -> Option<String> {
        let json = json.as_ref()?;
        json.get("error")
            .and_then(|e| e.get(name))
            .or_else(|| json.get(name))
            .and_then(::serde_json::Value::as_str)
            .map(str::to_string)
    };
    let code = response
        .headers()
        .get_optional_str(&azure_core::http::headers::HeaderName::from_static(
            "x-ms-error-code",
        ))
        .map(str::to_string)
        .or_else(|| field("code"));
    let message = field("message");
    let kind = ErrorKind::HttpResponse {
        status,
        error_code: code.clone(),
        raw_response: Some(Box::new(response)),
    };
    azure_core::Error::new(
        kind,
        ServiceError {
            status,
            error,
            code,
            message,
            body,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use azure_core::http::headers::Headers;

    /// The error-with-secrets body of the AutoRest test server: neither `Debug` nor `Display`
    /// of the error may show its key or connection string.
    #[test]
    fn secrets_in_an_error_body_are_not_printed() {
        let body = br#"{"error":{"code":"Unauthorized","message":"The user is unauthorized.","token":"1c88a67921784300a462b2cb61da2339"},"primaryKey":"1c88a67921784300a462b2cb61da2339","connectionString":"Key1=1c88a67921784300a462b2cb61da2339"}"#;
        let response =
            RawResponse::from_bytes(StatusCode::Forbidden, Headers::new(), body.to_vec());
        let error = from_response::<::serde_json::Value>(response);
        for shown in [
            format!("{error:?}"),
            format!("{error}"),
            format!("{error:#?}"),
        ] {
            assert!(!shown.contains("1c88a679"), "{shown}");
        }
        let service = service_error::<::serde_json::Value>(&error).unwrap();
        assert_eq!(service.code(), Some("Unauthorized"));
        assert_eq!(service.message(), Some("The user is unauthorized."));
        assert!(!format!("{service:?}").contains("1c88a679"));
        // The body is still there for a caller who asks for it.
        assert_eq!(service.body(), body);
    }
}
