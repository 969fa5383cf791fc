//! Test support: a scripted HTTPS server on 127.0.0.1 for exercising an `azure_core` client end
//! to end, with no network beyond loopback.
//!
//! Each server generates its own certificate authority and a leaf certificate for `127.0.0.1`
//! and `localhost` at start, serves HTTP/1.1 over TLS (hyper + tokio-rustls), checks
//! `Authorization: Bearer <token>` on every request, records every request exactly as it
//! arrived (the path still percent-encoded), and answers from a script of expected exchanges.
//! The client side is real too: [`TestServer::client_options`] gives `azure_core` client options
//! whose transport is a `reqwest::Client` trusting only the generated root, so azure_core's own
//! bearer-token policy (which refuses plain http) runs unchanged.
//!
//! A mismatch never panics inside the server: it is recorded, the client gets a `400` with an
//! ARM-shaped error body that says what was wrong, and [`TestServer::finish`] fails the test with
//! every recorded problem.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::convert::Infallible;
use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::http::{ClientOptions, Transport, Url};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio_rustls::rustls;
use tokio_rustls::TlsAcceptor;

/// The bearer token every server expects, and every [`TestCredential`] hands out by default.
pub const TOKEN: &str = "e2e-test-token";

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// The method, upper case (`GET`).
    pub method: String,
    /// The path exactly as sent on the request line: still percent-encoded.
    pub path: String,
    /// The raw query string (without `?`), if any.
    pub query: Option<String>,
    /// Every header, names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
    /// When it arrived, counted from the server's start.
    pub at: Duration,
}

impl RecordedRequest {
    /// The query's name/value pairs, percent-decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let Some(query) = &self.query else {
            return Vec::new();
        };
        let Ok(url) = Url::parse(&format!("https://localhost/?{query}")) else {
            return Vec::new();
        };
        url.query_pairs()
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect()
    }

    /// Every value of the query parameter `name`, percent-decoded.
    pub fn query_values(&self, name: &str) -> Vec<String> {
        self.query_pairs()
            .into_iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v)
            .collect()
    }

    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON; `None` when it is empty; an error message when it is not JSON.
    pub fn json(&self) -> Result<Option<Value>, String> {
        if self.body.is_empty() {
            return Ok(None);
        }
        serde_json::from_slice(&self.body).map(Some).map_err(|e| {
            format!(
                "request body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// A response the server sends.
#[derive(Debug, Clone)]
pub struct CannedResponse {
    /// The status code.
    pub status: u16,
    /// Headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl CannedResponse {
    /// A response with `status` and no body.
    pub fn status(status: u16) -> Self {
        CannedResponse {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A response with `status` and `body` as JSON (with its content type).
    pub fn json(status: u16, body: &Value) -> Self {
        CannedResponse::status(status)
            .header("content-type", "application/json")
            .body(body.to_string().into_bytes())
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body bytes as they are (no content type is added).
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }
}

/// What the server expects of a request's body.
#[derive(Debug, Clone)]
enum ExpectedBody {
    /// No body at all.
    Empty,
    /// A JSON document equal to this one (objects compared regardless of key order).
    Json(Value),
    /// A `multipart/form-data` body of exactly these parts, in this order.
    Multipart(Vec<(String, FormPart)>),
}

/// A part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPart {
    /// A text field (a part without a filename).
    Text(String),
    /// A file: a part with a filename, `application/octet-stream`, of these bytes.
    File(Vec<u8>),
}

/// The parts of the `multipart/form-data` body `body` sent with `content_type` (RFC 7578): each
/// part's name and content, or what makes it no such body.
pub fn form_parts(content_type: Option<&str>, body: &[u8]) -> Result<Vec<(String, FormPart)>, String> {
    let content_type = content_type.ok_or("no content-type")?;
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .ok_or_else(|| format!("content-type {content_type:?} is not multipart/form-data with a boundary"))?;
    let delimiter = format!("--{boundary}");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let mut rest = body
        .strip_prefix(delimiter.as_bytes())
        .ok_or_else(|| format!("the body does not start with {delimiter:?}: {}", text(body)))?;
    let mut parts = Vec::new();
    let next = format!("\r\n{delimiter}");
    loop {
        if rest == b"--\r\n" {
            return Ok(parts);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .ok_or_else(|| format!("a boundary is not followed by a line break: {}", text(rest)))?;
        let end = find(rest, next.as_bytes()).ok_or("a part does not end with the boundary")?;
        let (part, after) = rest.split_at(end);
        rest = &after[next.len()..];
        let headers_end = find(part, b"\r\n\r\n").ok_or("a part has no blank line after its headers")?;
        let headers = text(&part[..headers_end]);
        let content = &part[headers_end + 4..];
        let mut name = None;
        let mut filename = None;
        let mut part_type = None;
        for line in headers.split("\r\n") {
            let (header, value) = line.split_once(": ").ok_or_else(|| format!("a part header {line:?}"))?;
            match header.to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    let params = value
                        .strip_prefix("form-data; ")
                        .ok_or_else(|| format!("content-disposition {value:?} is not form-data"))?;
                    for param in params.split("; ") {
                        match param.split_once('=') {
                            Some(("name", quoted)) => name = Some(quoted.trim_matches('"').to_owned()),
                            Some(("filename", quoted)) => filename = Some(quoted.trim_matches('"').to_owned()),
                            _ => return Err(format!("content-disposition parameter {param:?}")),
                        }
                    }
                }
                "content-type" => part_type = Some(value.to_owned()),
                _ => return Err(format!("an unexpected part header {line:?}")),
            }
        }
        let name = name.ok_or_else(|| format!("a part without a name: {headers:?}"))?;
        let content = match (filename, part_type.as_deref()) {
            (None, None) => FormPart::Text(
                String::from_utf8(content.to_vec()).map_err(|_| format!("the text part {name:?} is not UTF-8"))?,
            ),
            (Some(_), Some("application/octet-stream")) => FormPart::File(content.to_vec()),
            (filename, part_type) => {
                return Err(format!("part {name:?}: filename {filename:?} with content-type {part_type:?}"))
            }
        };
        parts.push((name, content));
    }
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// How the server answers an exchange.
enum Responder {
    Canned(CannedResponse),
    Handler(Box<dyn FnMut(&RecordedRequest) -> CannedResponse + Send>),
}

/// One scripted exchange: what the next request must look like, and the answer to it.
pub struct Exchange {
    method: Option<String>,
    path: Option<String>,
    query: Vec<(String, Vec<String>)>,
    headers: Vec<(String, String)>,
    body: Option<ExpectedBody>,
    responder: Responder,
}

impl fmt::Debug for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exchange")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

impl Exchange {
    /// Expects a request with `method` on `path` (compared with the path as sent, so write it
    /// percent-encoded), answered with an empty `200` until [`Exchange::respond`] says otherwise.
    pub fn new(method: &str, path: &str) -> Self {
        Exchange {
            method: Some(method.to_owned()),
            path: Some(path.to_owned()),
            ..Exchange::any()
        }
    }

    /// Expects any request.
    pub fn any() -> Self {
        Exchange {
            method: None,
            path: None,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            responder: Responder::Canned(CannedResponse::status(200)),
        }
    }

    /// Expects the query parameter `name` with exactly one value, `value` (compared decoded).
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), vec![value.to_owned()]));
        self
    }

    /// Expects the query parameter `name` exactly `values.len()` times, with these values in
    /// this order (compared decoded): a list sent as one parameter per value.
    pub fn query_all(mut self, name: &str, values: &[&str]) -> Self {
        self.query.push((name.to_owned(), values.iter().map(|v| (*v).to_owned()).collect()));
        self
    }

    /// Expects the header `name` (case-insensitive) with exactly `value`.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Expects a JSON body equal to `body`.
    pub fn json_body(mut self, body: Value) -> Self {
        self.body = Some(ExpectedBody::Json(body));
        self
    }

    /// Expects a `multipart/form-data` body whose next part is the text field `name`.
    pub fn text_part(self, name: &str, text: &str) -> Self {
        self.part(name, FormPart::Text(text.to_owned()))
    }

    /// Expects a `multipart/form-data` body whose next part is the file `name` of `bytes`.
    pub fn file_part(self, name: &str, bytes: &[u8]) -> Self {
        self.part(name, FormPart::File(bytes.to_vec()))
    }

    fn part(mut self, name: &str, part: FormPart) -> Self {
        match &mut self.body {
            Some(ExpectedBody::Multipart(parts)) => parts.push((name.to_owned(), part)),
            _ => self.body = Some(ExpectedBody::Multipart(vec![(name.to_owned(), part)])),
        }
        self
    }

    /// Expects no body.
    pub fn no_body(mut self) -> Self {
        self.body = Some(ExpectedBody::Empty);
        self
    }

    /// Answers with `response`.
    pub fn respond(mut self, response: CannedResponse) -> Self {
        self.responder = Responder::Canned(response);
        self
    }

    /// Answers with whatever `handler` returns for the request.
    pub fn respond_with(
        mut self,
        handler: impl FnMut(&RecordedRequest) -> CannedResponse + Send + 'static,
    ) -> Self {
        self.responder = Responder::Handler(Box::new(handler));
        self
    }

    /// Every way `request` differs from what this exchange expects.
    fn mismatches(&self, request: &RecordedRequest) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(method) = &self.method {
            if *method != request.method {
                problems.push(format!("method: expected {method}, got {}", request.method));
            }
        }
        if let Some(path) = &self.path {
            if *path != request.path {
                problems.push(format!("path: expected {path}, got {}", request.path));
            }
        }
        for (name, values) in &self.query {
            let got = request.query_values(name);
            if got != *values {
                problems.push(format!("query {name}: expected {values:?}, got {got:?}"));
            }
        }
        for (name, value) in &self.headers {
            match request.header(name) {
                Some(got) if got == value => {}
                got => problems.push(format!("header {name}: expected {value:?}, got {got:?}")),
            }
        }
        match &self.body {
            None => {}
            Some(ExpectedBody::Empty) if request.body.is_empty() => {}
            Some(ExpectedBody::Empty) => problems.push(format!(
                "body: expected none, got {}",
                String::from_utf8_lossy(&request.body)
            )),
            Some(ExpectedBody::Json(expected)) => match request.json() {
                Ok(Some(got)) => problems.extend(
                    json_differences(expected, &got)
                        .into_iter()
                        .map(|d| format!("body: {d}")),
                ),
                Ok(None) => problems.push("body: expected JSON, got none".to_owned()),
                Err(e) => problems.push(format!("body: {e}")),
            },
            Some(ExpectedBody::Multipart(expected)) => {
                match form_parts(request.header("content-type"), &request.body) {
                    Ok(got) if got == *expected => {}
                    Ok(got) => problems.push(format!("body: expected the parts {expected:?}, got {got:?}")),
                    Err(e) => problems.push(format!("body: not a multipart/form-data body: {e}")),
                }
            }
        }
        problems
    }

    /// The answer to `request`.
    fn answer(&mut self, request: &RecordedRequest) -> CannedResponse {
        match &mut self.responder {
            Responder::Canned(response) => response.clone(),
            Responder::Handler(handler) => handler(request),
        }
    }
}

/// The differences between two JSON documents, one line each with its JSON pointer; empty
/// when they are equal. Numbers are equal when their values are (`1` and `1.0`).
pub fn json_differences(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff_at("", expected, actual, &mut out);
    out
}

fn diff_at(pointer: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match a.get(key) {
                    Some(av) => diff_at(&child, ev, av, out),
                    None => out.push(format!("{child}: missing (expected {ev})")),
                }
            }
            for (key, av) in a {
                if !e.contains_key(key) {
                    let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                    out.push(format!("{child}: unexpected {av}"));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!(
                    "{pointer}: expected {} items, got {}",
                    e.len(),
                    a.len()
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                diff_at(&format!("{pointer}/{i}"), ev, av, out);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            if e != a && e.as_f64() != a.as_f64() {
                out.push(format!("{pointer}: expected {e}, got {a}"));
            }
        }
        (Value::String(e), Value::String(a)) => {
            if e != a && !same_instant(e, a) {
                out.push(format!("{pointer}: expected {e:?}, got {a:?}"));
            }
        }
        (e, a) => {
            if e != a {
                out.push(format!("{pointer}: expected {e}, got {a}"));
            }
        }
    }
}

/// Whether two strings are the same date-time written two ways (RFC 3339 with or without
/// fractional seconds or an offset, or RFC 7231), as a client re-encoding a decoded date may do.
fn same_instant(a: &str, b: &str) -> bool {
    use azure_core::time::{parse_rfc3339, parse_rfc7231};
    let parse = |s: &str| parse_rfc3339(s).or_else(|_| parse_rfc7231(s)).ok();
    matches!((parse(a), parse(b)), (Some(a), Some(b)) if a == b)
}

/// Panics with every difference when `actual` is not the JSON document `expected`.
#[track_caller]
pub fn assert_json_eq(what: &str, expected: &Value, actual: &Value) {
    let differences = json_differences(expected, actual);
    assert!(
        differences.is_empty(),
        "{what} differs from what was expected:\n  {}\nexpected: {expected}\nactual:   {actual}",
        differences.join("\n  ")
    );
}

/// Prints where an example and the spec disagree, so that the test output says which side the
/// generated client follows (the spec) and why a comparison left something out.
pub fn report_disagreements(example: &str, disagreements: &[&str]) {
    for disagreement in disagreements {
        eprintln!("{example}: the example and the spec disagree: {disagreement}");
    }
}

/// What the server knows, shared with its connection tasks.
struct Shared {
    token: String,
    started: Instant,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    script: VecDeque<Exchange>,
    requests: Vec<RecordedRequest>,
    problems: Vec<String>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while the lock is held cannot leave the state half-updated in a way that
        // matters to a test, so a poisoned lock is still read.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records `request`, checks it against the next exchange of the script and answers it.
    fn handle(&self, request: RecordedRequest) -> CannedResponse {
        let mut state = self.state();
        let index = state.requests.len();
        state.requests.push(request.clone());
        let label = format!("request #{index} ({} {})", request.method, request.path);
        let expected_auth = format!("Bearer {}", self.token);
        if request.header("authorization") != Some(expected_auth.as_str()) {
            let problem = format!(
                "{label}: authorization header: expected {expected_auth:?}, got {:?}",
                request.header("authorization")
            );
            state.problems.push(problem.clone());
            return arm_error(401, "TestServerUnauthorized", &problem);
        }
        let Some(mut exchange) = state.script.pop_front() else {
            let problem = format!("{label}: not expected (the script is exhausted)");
            state.problems.push(problem.clone());
            return arm_error(400, "TestServerUnexpectedRequest", &problem);
        };
        let mismatches = exchange.mismatches(&request);
        if !mismatches.is_empty() {
            let problem = format!("{label}: {}", mismatches.join("; "));
            state.problems.push(problem.clone());
            return arm_error(400, "TestServerMismatch", &problem);
        }
        drop(state);
        exchange.answer(&request)
    }
}

/// An ARM-shaped error response (`{"error": {"code", "message"}}`), so that a client shows the
/// server's complaint in its error.
fn arm_error(status: u16, code: &str, message: &str) -> CannedResponse {
    CannedResponse::json(
        status,
        &serde_json::json!({ "error": { "code": code, "message": message } }),
    )
}

/// The certificate authority and the leaf certificate a server presents.
struct Certificates {
    root_der: Vec<u8>,
    leaf_der: Vec<u8>,
    leaf_key_der: Vec<u8>,
}

/// Generates a root CA and a leaf certificate for `127.0.0.1` and `localhost` signed by it.
fn generate_certificates() -> Certificates {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose,
    };
    let root_key = KeyPair::generate().expect("generate the root key");
    let mut root_params = CertificateParams::new(Vec::<String>::new()).expect("root params");
    root_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    root_params
        .distinguished_name
        .push(DnType::CommonName, "e2e test root");
    root_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let root = root_params
        .self_signed(&root_key)
        .expect("self-sign the root");
    let issuer = Issuer::new(root_params, root_key);
    let leaf_key = KeyPair::generate().expect("generate the leaf key");
    let mut leaf_params =
        CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .expect("leaf params");
    leaf_params
        .distinguished_name
        .push(DnType::CommonName, "127.0.0.1");
    let leaf = leaf_params
        .signed_by(&leaf_key, &issuer)
        .expect("sign the leaf");
    Certificates {
        root_der: root.der().to_vec(),
        leaf_der: leaf.der().to_vec(),
        leaf_key_der: leaf_key.serialize_der(),
    }
}

/// A scripted HTTPS server on `127.0.0.1`, stopped when dropped.
pub struct TestServer {
    addr: SocketAddr,
    root_der: Vec<u8>,
    shared: Arc<Shared>,
    accept_loop: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Starts a server on an ephemeral port of `127.0.0.1` that expects [`TOKEN`].
    pub async fn start() -> TestServer {
        TestServer::start_with_token(TOKEN).await
    }

    /// Starts a server that expects the bearer token `token`.
    pub async fn start_with_token(token: &str) -> TestServer {
        let certificates = generate_certificates();
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![certificates.leaf_der.into()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(certificates.leaf_key_der.into()),
            )
            .expect("server certificate");
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            token: token.to_owned(),
            started: Instant::now(),
            state: Mutex::new(State::default()),
        });
        let accept_loop = tokio::spawn(accept_loop(listener, acceptor, shared.clone()));
        TestServer {
            addr,
            root_der: certificates.root_der,
            shared,
            accept_loop,
        }
    }

    /// The server's base URL, `https://127.0.0.1:PORT` (no trailing slash).
    pub fn endpoint(&self) -> String {
        format!("https://127.0.0.1:{}", self.addr.port())
    }

    /// The absolute URL of `path_and_query` on this server.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.endpoint())
    }

    /// The generated root certificate (DER), the one a client must trust.
    pub fn root_certificate_der(&self) -> &[u8] {
        &self.root_der
    }

    /// A `reqwest` client that trusts only this server's root certificate.
    pub fn http_client(&self) -> reqwest::Client {
        let root = reqwest::Certificate::from_der(&self.root_der).expect("root certificate");
        reqwest::Client::builder()
            .tls_certs_only([root])
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("reqwest client")
    }

    /// azure_core client options whose transport is [`TestServer::http_client`]; everything
    /// else (retry policy included) is azure_core's default.
    pub fn client_options(&self) -> ClientOptions {
        ClientOptions {
            transport: Some(Transport::new(Arc::new(self.http_client()))),
            ..ClientOptions::default()
        }
    }

    /// A credential that hands out the token this server expects.
    pub fn credential(&self) -> Arc<TestCredential> {
        Arc::new(TestCredential::new(&self.shared.token))
    }

    /// Appends `exchange` to the script.
    pub fn expect(&self, exchange: Exchange) -> &Self {
        self.shared.state().script.push_back(exchange);
        self
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.state().requests.clone()
    }

    /// Every problem recorded so far (mismatches, unexpected requests, bad authorization).
    pub fn problems(&self) -> Vec<String> {
        self.shared.state().problems.clone()
    }

    /// Panics unless every scripted exchange happened and nothing went wrong.
    #[track_caller]
    pub fn finish(&self) {
        let state = self.shared.state();
        let mut problems = state.problems.clone();
        if !state.script.is_empty() {
            problems.push(format!(
                "{} scripted exchange(s) never happened: {:?}",
                state.script.len(),
                state.script
            ));
        }
        assert!(
            problems.is_empty(),
            "the test server saw problems:\n  {}",
            problems.join("\n  ")
        );
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}

/// Accepts connections until the server is dropped, serving each on its own task.
async fn accept_loop(listener: TcpListener, acceptor: TlsAcceptor, shared: Arc<Shared>) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            // Out of file descriptors, say: wait rather than spin.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let acceptor = acceptor.clone();
        let shared = shared.clone();
        tokio::spawn(async move {
            let tls = match acceptor.accept(tcp).await {
                Ok(tls) => tls,
                Err(e) => {
                    shared
                        .state()
                        .problems
                        .push(format!("TLS handshake failed: {e}"));
                    return;
                }
            };
            let service = service_fn(move |request| {
                let shared = shared.clone();
                async move { Ok::<_, Infallible>(serve(&shared, request).await) }
            });
            // A client that closes the connection mid-request is not the server's concern.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}

/// Reads one request whole, lets the script answer it, and writes the answer.
async fn serve(shared: &Shared, request: hyper::Request<Incoming>) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(e) => {
            shared
                .state()
                .problems
                .push(format!("reading a request body failed: {e}"));
            Vec::new()
        }
    };
    let recorded = RecordedRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body,
        at: shared.started.elapsed(),
    };
    let canned = shared.handle(recorded);
    let mut response = hyper::Response::builder().status(canned.status);
    for (name, value) in &canned.headers {
        response = response.header(name.as_str(), value.as_str());
    }
    match response.body(Full::new(Bytes::from(canned.body))) {
        Ok(response) => response,
        Err(e) => {
            shared
                .state()
                .problems
                .push(format!("a canned response is not valid HTTP: {e}"));
            let mut fallback =
                hyper::Response::new(Full::new(Bytes::from_static(b"bad canned response")));
            *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        }
    }
}

/// A `TokenCredential` that hands out a fixed token and remembers the scopes it was asked for.
#[derive(Debug)]
pub struct TestCredential {
    token: String,
    calls: AtomicUsize,
    scopes: Mutex<Vec<Vec<String>>>,
}

impl TestCredential {
    /// A credential handing out `token`.
    pub fn new(token: &str) -> Self {
        TestCredential {
            token: token.to_owned(),
            calls: AtomicUsize::new(0),
            scopes: Mutex::new(Vec::new()),
        }
    }

    /// How many tokens were asked for.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    /// The scopes of every token request, in order.
    pub fn scopes(&self) -> Vec<Vec<String>> {
        self.scopes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

#[async_trait::async_trait]
impl TokenCredential for TestCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.scopes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(scopes.iter().map(|s| (*s).to_owned()).collect());
        Ok(AccessToken::new(
            self.token.clone(),
            azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1),
        ))
    }
}
