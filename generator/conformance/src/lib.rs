//! Support for the conformance drivers: the generated crates driven against Microsoft's AutoRest
//! test server (`@microsoft.azure/autorest.testserver`), which `cargo xtask conformance` starts on
//! 127.0.0.1 and names in the `AUTOREST_TESTSERVER` environment variable (`http://127.0.0.1:PORT`).
//!
//! # The HTTPS front
//!
//! The server speaks plain HTTP, and a generated client authenticates with azure_core's bearer
//! token policy, which refuses to send a token over plain HTTP. So each test binary starts one
//! HTTPS front on an ephemeral port of 127.0.0.1 ([`front`]), once, on its own runtime thread,
//! with a certificate authority and a leaf certificate for `127.0.0.1` and `localhost` made at
//! start; the clients trust only that authority ([`client_options`]). The front forwards every
//! request to the server over plain HTTP as it came: same method, same path and query bytes (no
//! re-encoding), same headers but `Host` (the server's own address) and the hop-by-hop ones, same
//! body. It never follows a redirect: a `3xx` reaches the client as the server sent it.
//!
//! The server writes absolute URLs that point at itself (`http://127.0.0.1:PORT/...`, built from
//! the `Host` it was sent): `Location`, `Azure-AsyncOperation` and `Operation-Location` headers of
//! long-running operations, and `nextLink` (or `odata.nextLink`) in the JSON bodies of pages.
//! A client following them would leave the front for plain HTTP. So the front rewrites exactly
//! this, and nothing else: in every response header value, and in every response body whose
//! `Content-Type` is JSON (`application/json` or `+json`), each occurrence of the server's origin
//! `http://127.0.0.1:PORT` (not followed by a digit) becomes the front's origin
//! `https://127.0.0.1:FRONT_PORT`. Relative
//! URLs (`/lroConstantParameterizedEndpoints/...`, `next?page=2`) and URLs of other hosts
//! (`http://localhost/fakeurl_crash_with_404_you_should_not_call_this`, which a client must not
//! call) pass unchanged, as the client must resolve or ignore them itself; `Content-Length` is
//! recomputed.
//!
//! # Cookies
//!
//! The server keeps the state of a multi-step scenario (a poll that answers `InProgress` once,
//! a first request that fails with `500` once) in a `scenario` cookie, as every SDK's test suite
//! for it knows. azure_core's transport keeps no cookies, so [`client_options`] adds a per-try
//! [`CookieJar`] policy, one jar per client options value: each test's client has its own
//! jar, so tests running at once do not see each other's state.

#![deny(missing_docs)]

#[path = "../../templates/test_server.rs"]
#[allow(missing_docs, unreachable_pub, clippy::all)]
mod test_server;

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};

use azure_core::credentials::TokenCredential;
use azure_core::http::policies::{Policy, PolicyResult};
use azure_core::http::poller::PollerOptions;
use azure_core::http::{ClientOptions, Context, FixedRetryOptions, Request, RetryOptions, StatusCode, Transport, Url};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio_rustls::rustls;
use tokio_rustls::TlsAcceptor;

/// The test credential of the generated crates' own tests: a fixed token, shared.
pub use test_server::TestCredential;

/// The environment variable holding the server's base URL.
pub const SERVER_ENV: &str = "AUTOREST_TESTSERVER";

/// The environment variable holding the path of the server's npm package.
pub const PACKAGE_ENV: &str = "AUTOREST_TESTSERVER_PACKAGE";

/// The bytes of a file of the server's package (`legacy/routes/sample.png`), which some scenarios
/// serve; panics (failing the test) when it cannot be read.
pub fn package_file(relative: &str) -> Vec<u8> {
    let package = std::env::var(PACKAGE_ENV)
        .unwrap_or_else(|_| panic!("{PACKAGE_ENV} is not set: run the drivers with `cargo xtask conformance`"));
    let path = std::path::Path::new(&package).join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The type a future resolves to, as a user reads it (see [`short_type_name`]), found without
/// polling it: nothing is sent.
pub fn output_type_name<F: std::future::Future>(_: &F) -> String {
    short_type_name::<F::Output>()
}

/// The client request id the server expects where a scenario checks one.
pub const CLIENT_REQUEST_ID: &str = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0";

/// The running front of this test binary.
pub struct Front {
    addr: SocketAddr,
    root_der: Vec<u8>,
}

impl Front {
    /// The front's base URL, `https://127.0.0.1:PORT/`.
    pub fn endpoint(&self) -> Url {
        Url::parse(&format!("https://127.0.0.1:{}/", self.addr.port())).expect("a loopback URL parses")
    }

    /// The front's base URL by the name `localhost` (which its certificate also covers).
    pub fn localhost_endpoint(&self) -> Url {
        Url::parse(&format!("https://localhost:{}/", self.addr.port())).expect("a loopback URL parses")
    }

    /// The front's port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }
}

static FRONT: OnceLock<Front> = OnceLock::new();

/// The front, started on first use. Panics (failing the test) when `AUTOREST_TESTSERVER` is not
/// set: the drivers run under `cargo xtask conformance`.
pub fn front() -> &'static Front {
    FRONT.get_or_init(|| match start_front() {
        Ok(front) => front,
        Err(e) => panic!("cannot start the HTTPS front: {e}"),
    })
}

/// The front's base URL (see [`Front::endpoint`]).
pub fn endpoint() -> Url {
    front().endpoint()
}

/// Client options for a generated client: azure_core's defaults but for the retry delays, a
/// `reqwest` transport that trusts only the front's certificate authority and follows no
/// redirect (as azure_core's own), and a fresh [`CookieJar`].
///
/// Retries stay on (several scenarios answer `500` once and expect the retry), with azure_core's
/// fixed policy at 100 ms and 3 retries instead of its exponential default, under which each
/// scenario that answers `500` on purpose (an error the spec declares for that status) costs
/// about a minute of backing off.
pub fn client_options() -> ClientOptions {
    let front = front();
    let root = reqwest::Certificate::from_der(&front.root_der).expect("the front's root certificate");
    let http = reqwest::Client::builder()
        .tls_certs_only([root])
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .expect("a reqwest client");
    ClientOptions {
        transport: Some(Transport::new(Arc::new(http))),
        retry: RetryOptions::fixed(FixedRetryOptions {
            delay: azure_core::time::Duration::milliseconds(100),
            max_retries: 3,
            ..FixedRetryOptions::default()
        }),
        per_try_policies: vec![Arc::new(CookieJar::default())],
        ..ClientOptions::default()
    }
}

/// A credential handing out the test token.
pub fn credential() -> Arc<dyn TokenCredential> {
    Arc::new(TestCredential::new(test_server::TOKEN))
}

/// Poller options that poll as fast as azure_core allows (its minimum frequency is one second)
/// when the server sends no `Retry-After`.
pub fn poller_options() -> PollerOptions<'static> {
    PollerOptions { frequency: azure_core::time::Duration::seconds(1), ..PollerOptions::default() }
}

/// The HTTP status of a failed call, if the failure was an HTTP response.
pub fn status_of(error: &azure_core::Error) -> Option<StatusCode> {
    error.http_status()
}

/// Fails the test, saying what the generated API lacks to express the scenario.
#[track_caller]
pub fn inexpressible(what: &str) -> ! {
    panic!("not expressible through the generated API: {what}")
}

/// The boolean a `HEAD` operation answered, when the generated method returns one (`true` for
/// a `2xx`, `false` for a `404` the spec declares); the test fails, saying what the method
/// returns instead, when it does not.
#[track_caller]
pub fn answered_bool<T: std::any::Any>(method: &str, result: azure_core::Result<T>) -> bool {
    match result {
        Ok(value) => match (&value as &dyn std::any::Any).downcast_ref::<bool>() {
            Some(answer) => *answer,
            None => inexpressible(&format!(
                "`{method}` returns `azure_core::Result<{}>`, not `azure_core::Result<bool>` \
                 (a HEAD operation whose spec declares 404 answers whether the resource exists)",
                std::any::type_name::<T>()
            )),
        },
        Err(error) => inexpressible(&format!(
            "`{method}` answered an error ({error}) where the spec declares a boolean answer \
             (a HEAD operation whose spec declares 404 answers `false` for it)"
        )),
    }
}

/// The value of a call that must succeed; the test fails naming `method` when it did not.
#[track_caller]
pub fn succeeded<T>(method: &str, result: azure_core::Result<T>) -> T {
    result.unwrap_or_else(|error| panic!("`{method}` failed: {error}"))
}

/// The type name a user reads: `Response<bool>`, not `typespec_client_core::http::response::Response<bool>`
/// (and `Duration`, as azure_core names it, for what `time` now calls `SignedDuration`).
pub fn short_type_name<T: ?Sized>() -> String {
    let full = std::any::type_name::<T>().replace("time::signed_duration::SignedDuration", "Duration");
    let mut out = String::with_capacity(full.len());
    let mut word = String::new();
    for c in full.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            out.push_str(word.rsplit("::").next().unwrap_or(&word));
            word.clear();
            if c != ' ' || !out.is_empty() {
                out.push(c);
            }
        }
    }
    out.trim_end().to_string()
}

/// Checks that a call answered `expected`, a value of the type `E` the spec says (or `Option<E>`
/// holding it). The model the generated method returns (`T`) is compared at run time, so the
/// driver compiles against what the generator emits today and, when `T` is another type, fails
/// saying which.
#[track_caller]
pub fn assert_value<E, T>(method: &str, result: azure_core::Result<T>, expected: E)
where
    E: std::any::Any + std::fmt::Debug + PartialEq,
    T: std::any::Any + std::fmt::Debug,
{
    let value = match result {
        Ok(value) => value,
        Err(error) => {
            let typed = if std::any::TypeId::of::<T>() == std::any::TypeId::of::<E>() {
                String::new()
            } else {
                format!(" (and it returns `{}`, where the spec says `{}`)", short_type_name::<T>(), short_type_name::<E>())
            };
            panic!("`{method}` failed where the service answered {expected:?}: {error}{typed}")
        }
    };
    let any = &value as &dyn std::any::Any;
    if let Some(value) = any.downcast_ref::<E>() {
        assert_eq!(value, &expected, "`{method}`");
    } else if let Some(value) = any.downcast_ref::<Option<E>>() {
        assert_eq!(value.as_ref(), Some(&expected), "`{method}`");
    } else {
        inexpressible(&format!(
            "`{method}` returns `{}` ({value:?}), where the spec says `{}` ({expected:?})",
            short_type_name::<T>(),
            short_type_name::<E>()
        ))
    }
}

/// Checks that a call answered no value (a `null` or empty body, which the spec allows): the
/// method must return `Option<E>` and it must be `None`.
#[track_caller]
pub fn assert_absent<E, T>(method: &str, result: azure_core::Result<T>)
where
    E: std::any::Any + std::fmt::Debug,
    T: std::any::Any + std::fmt::Debug,
{
    let value = match result {
        Ok(value) => value,
        Err(error) => inexpressible(&format!(
            "`{method}` returns `{}`, which cannot be absent: the service answered no value (`null` or an empty \
             body, which the spec allows), and decoding it failed: {error}; expected `Option<{}>`",
            short_type_name::<T>(),
            short_type_name::<E>()
        )),
    };
    match (&value as &dyn std::any::Any).downcast_ref::<Option<E>>() {
        Some(value) => assert!(value.is_none(), "`{method}`: the service answered no value, the client decoded {value:?}"),
        None => inexpressible(&format!(
            "`{method}` returns `{}` and decoded {value:?} where the service answered no value (`null` or an empty \
             body, which the spec allows); expected `Option<{}>::None`",
            short_type_name::<T>(),
            short_type_name::<E>()
        )),
    }
}

/// Checks that a call whose service answered no value (`null` or an empty body) where the spec
/// says the value is not nullable made none up: a method returning `E` (as the spec says) fails
/// with a decoding error, and one returning `Option<E>` answers `None`; a default value (`0`, an
/// empty `Vec`) would say the service sent one. AutoRest's own C# tests expect the decoding error
/// of these scenarios (a `JsonException` for `GetByteNull`, `GetIntegerNull`, `GetArrayNull`...);
/// Go and Python, whose every value may be nil, read nothing. `valid` is a call of a method of
/// the same type that the service answers with a value: it must decode, or the decoding error
/// proves nothing.
#[track_caller]
pub fn assert_no_value<E, T, V>(method: &str, result: azure_core::Result<T>, valid: (&str, azure_core::Result<V>))
where
    E: std::any::Any + std::fmt::Debug,
    T: std::any::Any + std::fmt::Debug,
    V: std::fmt::Debug,
{
    match result {
        Ok(value) => match (&value as &dyn std::any::Any).downcast_ref::<Option<E>>() {
            Some(value) => assert!(value.is_none(), "`{method}`: the service answered no value, the client decoded {value:?}"),
            None => panic!(
                "`{method}` decoded {value:?} (a `{}`) where the service answered no value (`null` or an empty body), \
                 which the spec's `{}` cannot be: expected a decoding error",
                short_type_name::<T>(),
                short_type_name::<E>()
            ),
        },
        Err(error) => {
            let (valid_method, valid_result) = valid;
            assert_decodes(valid_method, valid_result, &short_type_name::<E>());
            assert!(
                matches!(error.kind(), azure_core::error::ErrorKind::DataConversion),
                "`{method}`: expected a decoding error for an absent `{}`, got a {:?} error: {error}",
                short_type_name::<E>(),
                error.kind()
            );
        }
    }
}

/// Checks that decoding an answer failed (the body is not a valid `what`), as a decoding error
/// (`ErrorKind::DataConversion`), not a failed request.
#[track_caller]
pub fn assert_decode_error<T: std::fmt::Debug>(method: &str, result: azure_core::Result<T>, what: &str) {
    match result {
        Ok(value) => panic!(
            "`{method}` decoded {value:?} (a `{}`) where the service answered an invalid {what}: expected a decoding error",
            short_type_name::<T>()
        ),
        Err(error) => assert!(
            matches!(error.kind(), azure_core::error::ErrorKind::DataConversion),
            "`{method}`: expected a decoding error for an invalid {what}, got a {:?} error: {error}",
            error.kind()
        ),
    }
}

/// Checks that a method decodes a valid answer, before a driver counts its decoding error on an
/// invalid one as meaningful: a method that cannot decode any value of the type fails every
/// invalid-value scenario for the wrong reason.
#[track_caller]
pub fn assert_decodes<T: std::fmt::Debug>(method: &str, result: azure_core::Result<T>, what: &str) {
    if let Err(error) = result {
        panic!(
            "a decoding error proves nothing here: `{method}` (returning `{}`) cannot decode a valid {what} either: {error}",
            short_type_name::<T>()
        );
    }
}

/// Checks that a call succeeded with `200 OK` (the server answers `400` to a request it did not
/// expect, saying why).
#[track_caller]
pub fn assert_ok<T>(method: &str, result: azure_core::Result<azure_core::http::Response<T, azure_core::http::NoFormat>>) {
    match result {
        Ok(response) => assert_eq!(response.status(), StatusCode::Ok, "`{method}`"),
        Err(error) => panic!("`{method}` failed: {error}"),
    }
}

/// A per-try pipeline policy holding the cookies the server sets, sent back on every request of
/// the client it belongs to (see the crate docs for why).
#[derive(Debug, Default)]
pub struct CookieJar {
    cookies: Mutex<BTreeMap<String, String>>,
}

impl CookieJar {
    fn jar(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        self.cookies.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes in one `Set-Cookie` value: a name and value, then attributes; an empty value, a
    /// `Max-Age` of zero or less or an `Expires` in 1970 (how express clears a cookie) removes it.
    fn set(&self, header: &str) {
        let mut parts = header.split(';');
        let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else { return };
        let cleared = value.trim().is_empty()
            || parts.any(|attribute| {
                let attribute = attribute.trim().to_ascii_lowercase();
                attribute.strip_prefix("max-age=").is_some_and(|age| age.parse::<i64>().is_ok_and(|a| a <= 0))
                    || (attribute.starts_with("expires=") && attribute.contains("1970"))
            });
        let mut jar = self.jar();
        if cleared {
            jar.remove(name.trim());
        } else {
            jar.insert(name.trim().to_string(), value.trim().to_string());
        }
    }
}

#[async_trait::async_trait]
impl Policy for CookieJar {
    async fn send(&self, ctx: &Context, request: &mut Request, next: &[Arc<dyn Policy>]) -> PolicyResult {
        let cookie = self.jar().iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; ");
        if !cookie.is_empty() {
            request.insert_header("cookie", cookie);
        }
        let response = next[0].send(ctx, request, &next[1..]).await?;
        for (name, value) in response.headers().iter() {
            if name.as_str().eq_ignore_ascii_case("set-cookie") {
                self.set(value.as_str());
            }
        }
        Ok(response)
    }
}

/// What the front's connection tasks share.
struct Forwarder {
    /// The server's origin, `http://127.0.0.1:PORT`.
    upstream: String,
    /// The front's origin, `https://127.0.0.1:PORT`.
    origin: String,
    http: reqwest::Client,
}

fn start_front() -> Result<Front, String> {
    let upstream = std::env::var(SERVER_ENV)
        .map_err(|_| format!("{SERVER_ENV} is not set: run the drivers with `cargo xtask conformance`"))?;
    let upstream = upstream.trim_end_matches('/').to_string();
    let certificates = generate_certificates()?;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS versions: {e}"))?
        .with_no_client_auth()
        .with_single_cert(
            vec![certificates.leaf_der.into()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(certificates.leaf_key_der.into()),
        )
        .map_err(|e| format!("the front's certificate: {e}"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .map_err(|e| format!("the forwarding client: {e}"))?;

    let (ready, listening) = std::sync::mpsc::channel::<Result<SocketAddr, String>>();
    std::thread::Builder::new()
        .name("https-front".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
                Ok(runtime) => runtime,
                Err(e) => {
                    let _ = ready.send(Err(format!("the front's runtime: {e}")));
                    return;
                }
            };
            runtime.block_on(async move {
                let listener = match TcpListener::bind("127.0.0.1:0").await {
                    Ok(listener) => listener,
                    Err(e) => {
                        let _ = ready.send(Err(format!("binding 127.0.0.1:0: {e}")));
                        return;
                    }
                };
                let addr = match listener.local_addr() {
                    Ok(addr) => addr,
                    Err(e) => {
                        let _ = ready.send(Err(format!("the front's address: {e}")));
                        return;
                    }
                };
                let forwarder = Arc::new(Forwarder { upstream, origin: format!("https://127.0.0.1:{}", addr.port()), http });
                let _ = ready.send(Ok(addr));
                accept_loop(listener, acceptor, forwarder).await;
            });
        })
        .map_err(|e| format!("spawning the front's thread: {e}"))?;
    let addr = listening.recv().map_err(|_| "the front's thread ended before listening".to_string())??;
    Ok(Front { addr, root_der: certificates.root_der })
}

/// Serves every connection on its own task, for as long as the test binary runs.
async fn accept_loop(listener: TcpListener, acceptor: TlsAcceptor, forwarder: Arc<Forwarder>) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            continue;
        };
        let acceptor = acceptor.clone();
        let forwarder = forwarder.clone();
        tokio::spawn(async move {
            let Ok(tls) = acceptor.accept(tcp).await else { return };
            let service = service_fn(move |request| {
                let forwarder = forwarder.clone();
                async move { Ok::<_, Infallible>(forward(&forwarder, request).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(tls), service).await;
        });
    }
}

/// Headers that belong to one connection, not to the message, so are never forwarded.
const HOP_BY_HOP: &[&str] =
    &["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length"];

/// Forwards one request to the server and its answer back, rewritten (see the crate docs).
async fn forward(forwarder: &Forwarder, request: hyper::Request<Incoming>) -> hyper::Response<Full<Bytes>> {
    match try_forward(forwarder, request).await {
        Ok(response) => response,
        Err(message) => {
            let mut response = hyper::Response::new(Full::new(Bytes::from(format!("the HTTPS front: {message}"))));
            *response.status_mut() = hyper::StatusCode::BAD_GATEWAY;
            response
        }
    }
}

async fn try_forward(
    forwarder: &Forwarder,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, String> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.map_err(|e| format!("reading the request body: {e}"))?.to_bytes();
    let path = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes()).map_err(|e| e.to_string())?;
    let mut outgoing = forwarder.http.request(method, format!("{}{path}", forwarder.upstream));
    for (name, value) in &parts.headers {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
    }
    let answer = outgoing.body(body).send().await.map_err(|e| format!("forwarding to the server: {e}"))?;
    let mut response = hyper::Response::builder().status(answer.status().as_u16());
    let mut json = false;
    for (name, value) in answer.headers() {
        if HOP_BY_HOP.contains(&name.as_str()) {
            continue;
        }
        if name.as_str() == "content-type" {
            let media = value.to_str().unwrap_or_default().to_ascii_lowercase();
            let media = media.split(';').next().unwrap_or_default().trim().to_string();
            json = media == "application/json" || media.ends_with("+json");
        }
        let rewritten = match value.to_str() {
            Ok(text) => rewrite(text, &forwarder.upstream, &forwarder.origin).into_bytes(),
            Err(_) => value.as_bytes().to_vec(),
        };
        response = response.header(name.as_str(), rewritten);
    }
    let bytes = answer.bytes().await.map_err(|e| format!("reading the server's body: {e}"))?;
    let bytes = match (json, std::str::from_utf8(&bytes)) {
        (true, Ok(text)) => Bytes::from(rewrite(text, &forwarder.upstream, &forwarder.origin)),
        _ => bytes,
    };
    response.body(Full::new(bytes)).map_err(|e| format!("the server's answer is not valid HTTP: {e}"))
}

/// `text` with every occurrence of the server's origin replaced by the front's (an occurrence
/// followed by a digit is another port, so left alone).
fn rewrite(text: &str, upstream: &str, origin: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(upstream) {
        let after = &rest[at + upstream.len()..];
        out.push_str(&rest[..at]);
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(upstream);
        } else {
            out.push_str(origin);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The front's certificate authority and leaf certificate.
struct Certificates {
    root_der: Vec<u8>,
    leaf_der: Vec<u8>,
    leaf_key_der: Vec<u8>,
}

/// A root CA and a leaf certificate for `127.0.0.1` and `localhost` signed by it, as the
/// generated crates' test server makes them.
fn generate_certificates() -> Result<Certificates, String> {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
    fn fail(what: &'static str) -> impl Fn(rcgen::Error) -> String {
        move |e| format!("{what}: {e}")
    }
    let root_key = KeyPair::generate().map_err(fail("the root key"))?;
    let mut root_params = CertificateParams::new(Vec::<String>::new()).map_err(fail("the root"))?;
    root_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    root_params.distinguished_name.push(DnType::CommonName, "conformance front root");
    root_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    let root = root_params.self_signed(&root_key).map_err(fail("self-signing the root"))?;
    let issuer = Issuer::new(root_params, root_key);
    let leaf_key = KeyPair::generate().map_err(fail("the leaf key"))?;
    let mut leaf_params =
        CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).map_err(fail("the leaf"))?;
    leaf_params.distinguished_name.push(DnType::CommonName, "127.0.0.1");
    let leaf = leaf_params.signed_by(&leaf_key, &issuer).map_err(fail("signing the leaf"))?;
    Ok(Certificates { root_der: root.der().to_vec(), leaf_der: leaf.der().to_vec(), leaf_key_der: leaf_key.serialize_der() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_servers_origin_is_rewritten() {
        let up = "http://127.0.0.1:4000";
        let front = "https://127.0.0.1:5000";
        assert_eq!(
            rewrite(r#"{"nextLink":"http://127.0.0.1:4000/paging/2?a=1"}"#, up, front),
            r#"{"nextLink":"https://127.0.0.1:5000/paging/2?a=1"}"#
        );
        assert_eq!(rewrite("/relative/path", up, front), "/relative/path");
        assert_eq!(rewrite("http://localhost/fakeurl", up, front), "http://localhost/fakeurl");
        assert_eq!(rewrite("http://127.0.0.1:40001/x", up, front), "http://127.0.0.1:40001/x");
        assert_eq!(rewrite("http://127.0.0.1:4000", up, front), front);
        assert_eq!(
            rewrite("a http://127.0.0.1:4000/1 b http://127.0.0.1:4000?x", up, front),
            "a https://127.0.0.1:5000/1 b https://127.0.0.1:5000?x"
        );
    }

    #[test]
    fn type_names_are_short() {
        assert_eq!(short_type_name::<bool>(), "bool");
        assert_eq!(short_type_name::<Option<std::collections::BTreeMap<String, Vec<u8>>>>(), "Option<BTreeMap<String, Vec<u8>>>");
        assert_eq!(short_type_name::<azure_core::http::Response<(), azure_core::http::NoFormat>>(), "Response<(), NoFormat>");
        assert_eq!(short_type_name::<time::OffsetDateTime>(), "OffsetDateTime");
        assert_eq!(short_type_name::<Option<azure_core::time::Duration>>(), "Option<Duration>");
    }

    #[test]
    fn no_value_is_none_or_a_decoding_error_never_a_made_up_one() {
        use azure_core::error::ErrorKind;
        fn error(kind: ErrorKind) -> azure_core::Error {
            azure_core::Error::with_message(kind, "EOF while parsing a value")
        }
        assert_no_value::<i32, Option<i32>, i32>("get_null", Ok(None), ("get_valid", Ok(1)));
        assert_no_value::<i32, i32, i32>("get_null", Err(error(ErrorKind::DataConversion)), ("get_valid", Ok(1)));
        let fails = |check: fn()| std::panic::catch_unwind(check).is_err();
        // A default made up for the absent value.
        assert!(fails(|| assert_no_value::<i32, i32, i32>("get_null", Ok(0), ("get_valid", Ok(1)))));
        assert!(fails(|| assert_no_value::<i32, Option<i32>, i32>("get_null", Ok(Some(0)), ("get_valid", Ok(1)))));
        // A failed request, not a decoding error.
        assert!(fails(|| assert_no_value::<i32, i32, i32>("get_null", Err(error(ErrorKind::Io)), ("get_valid", Ok(1)))));
        // A method that decodes no value at all proves nothing by failing on the absent one.
        assert!(fails(|| assert_no_value::<i32, i32, i32>(
            "get_null",
            Err(error(ErrorKind::DataConversion)),
            ("get_valid", Err(error(ErrorKind::DataConversion)))
        )));
    }

    #[test]
    fn the_jar_keeps_and_clears_cookies_as_express_sets_them() {
        let jar = CookieJar::default();
        jar.set("scenario=LROPutNoHeaderInRetry; Max-Age=900; Path=/; Expires=Wed, 01 Jan 2100 00:00:00 GMT");
        assert_eq!(jar.jar().get("scenario").map(String::as_str), Some("LROPutNoHeaderInRetry"));
        jar.set("scenario=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        assert!(jar.jar().is_empty());
        jar.set("a=b");
        jar.set("a=c; Max-Age=0");
        assert!(jar.jar().is_empty());
        jar.set("not a cookie");
        assert!(jar.jar().is_empty());
    }
}
