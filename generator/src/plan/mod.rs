//! Stage 3: the IR (with its client model) to the plan of the crate's example tests, as plain
//! data that `expand` only prints (`tests/examples.rs`). No tokens here: values are JSON, names
//! are strings, and every choice is made before printing.
//!
//! One test per `x-ms-examples` file of the spec, run against the HTTPS test server: the plan
//! says the request the server expects (method, encoded path, query pairs, headers, JSON body
//! or multipart parts), the answers it serves (the example's response, less what names the live service, and the
//! polls a long-running operation then sends), the call (client accessor, method, arguments and
//! options fields, each value as data) and what is checked of its result (the example's body as
//! the model encodes it again, read-only fields through access paths, decoded as a plain
//! response, a pager or a poller as the client model says). Where the example and the spec
//! disagree (a property the schema does not define, a value of the wrong JSON type, a status
//! code or parameter the operation does not declare), the test reports which, and follows the
//! spec. An example file that is missing or invalid, or that cannot make an honest test, becomes
//! an ignored test with the reason.
//!
//! An operation that no example file covers gets the same test with an example built from its
//! schemas (`synthesize`), so every operation of the spec is exercised over HTTPS.
//!
//! Every fact about the crate comes from the IR and its client model: the plan decides what the
//! tests do, never how a method is named, passed or decoded. One concern per module: `example`
//! (one example's test), `walk` (an example value along its schema), `synthesize` (examples
//! built from schemas).

mod example;
mod synthesize;
#[cfg(test)]
mod tests;
mod walk;

use std::collections::BTreeSet;

use serde_json::Value;

use crate::error::{Location, Result};
use crate::ir::{Api, ExampleContent, HttpMethod, MethodParam, Operation, PagerModel, TypeRef};
use crate::names;
use crate::rust_types::{is_string, Codec};

/// What a synthesized example is called where an example file's name would be (in titles and
/// disagreement reports).
pub const SYNTHESIZED: &str = "a synthesized example";

/// The example tests of a crate.
#[derive(Debug, Clone, PartialEq)]
pub struct TestPlan {
    /// The root client's type name (`IotHubClient`), which every test constructs.
    pub root_client: String,
    /// Its options type (`IotHubClientOptions`).
    pub root_options: String,
    /// The parameters of the tests' client helper: the root client's constructor arguments, in
    /// its order.
    pub client_params: Vec<ClientParam>,
    /// Every test: per client and method of the model, one per example file in spec order, then
    /// a synthesized one when no example file makes a runnable test.
    pub tests: Vec<TestCase>,
}

impl TestPlan {
    /// Whether any test runs, and so needs the test server (none does when every example file
    /// is missing).
    pub fn uses_server(&self) -> bool {
        self.tests.iter().any(|t| matches!(t.body, TestBody::Run(_)))
    }

    /// Whether any test that runs holds a JSON value (each is written as JSON text and parsed).
    pub fn uses_json(&self) -> bool {
        self.tests.iter().any(|t| match &t.body {
            TestBody::Run(test) => test.uses_json(),
            TestBody::Ignored(_) => false,
        })
    }
}

/// A parameter of the tests' client helper.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientParam {
    /// The constructor argument's name (`subscription_id`).
    pub name: String,
    /// Whether the constructor takes it as a string (`rust_types::is_string`); else the helper
    /// takes JSON and decodes it.
    pub string: bool,
    /// Where the parameter is declared.
    pub location: Location,
}

/// One test.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    /// The test function's name, unique in the file (`iot_hub_resource_get_job_iothub_getjob`).
    pub name: String,
    /// Its one-line doc: the operation and the example it runs.
    pub title: String,
    /// The `operationId` of the operation it calls.
    pub operation: String,
    /// Whether the operation is deprecated (the test still calls it).
    pub deprecated: bool,
    /// Where the operation is.
    pub location: Location,
    /// What it does.
    pub body: TestBody,
}

/// What a test does.
#[derive(Debug, Clone, PartialEq)]
pub enum TestBody {
    /// It runs the example against the test server.
    Run(Box<ExampleTest>),
    /// It is ignored, for this reason (a missing or invalid example file, or an example that
    /// cannot make an honest test).
    Ignored(String),
}

/// The test of one example: script the server, call the method, check the result.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleTest {
    /// The example as reports name it: its file, or `SYNTHESIZED`.
    pub example: String,
    /// Where the example and the spec disagree, reported by the test (which follows the spec).
    pub disagreements: Vec<String>,
    /// The request the server expects.
    pub request: ExpectedRequest,
    /// The server's answer to it.
    pub answer: Answer,
    /// The `GET`s the poller sends after the answer, in order, each answered `200`; the last
    /// one's body is the operation's result.
    pub polls: Vec<Poll>,
    /// The values of the client helper's parameters.
    pub client_args: Vec<ClientArg>,
    /// The call.
    pub call: Call,
    /// What is checked of its result.
    pub check: Check,
}

impl ExampleTest {
    /// Whether the test holds a JSON value anywhere.
    pub fn uses_json(&self) -> bool {
        matches!(self.request.body, ExpectedBody::Json { .. })
            || self.answer.body.is_some()
            || self.polls.iter().any(|p| p.body.is_some())
            || self.client_args.iter().any(|a| matches!(a, ClientArg::Json(_)))
            || self.call.request_body.is_some()
            || self.call.args.iter().chain(self.call.options.iter().flat_map(|o| o.fields.iter().map(|(_, v)| v))).any(ArgValue::uses_json)
            || self.check.comparison().is_some()
    }
}

/// A request the server expects.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedRequest {
    /// Its method.
    pub method: HttpMethod,
    /// Its path, each parameter percent-encoded as one segment (as written when
    /// `x-ms-skip-url-encoding`).
    pub path: String,
    /// The query parameters and headers it must carry, in the spec's order of the parameters.
    pub params: Vec<ExpectedParam>,
    /// Its body.
    pub body: ExpectedBody,
}

/// A query parameter or header of an expected request.
#[derive(Debug, Clone, PartialEq)]
pub enum ExpectedParam {
    /// A query parameter with this value.
    Query {
        /// Its name.
        name: String,
        /// Its value, as sent.
        value: String,
    },
    /// A query parameter sent once per value, in this order (`collectionFormat: multi`).
    QueryAll {
        /// Its name.
        name: String,
        /// Its values, as sent.
        values: Vec<String>,
    },
    /// A header with this value.
    Header {
        /// Its name.
        name: String,
        /// Its value, as sent.
        value: String,
    },
}

/// The body of an expected request.
#[derive(Debug, Clone, PartialEq)]
pub enum ExpectedBody {
    /// No body.
    None,
    /// A JSON body equal to `body`, with this content type.
    Json {
        /// The `content-type` header.
        content_type: String,
        /// The JSON the client must send: the example's, less what the model drops.
        body: Value,
    },
    /// A `multipart/form-data` body of these parts, in the order of the model's fields.
    Multipart {
        /// The form field's name and the part's content, one per part (a list has one per item).
        parts: Vec<(String, FormPart)>,
    },
}

/// The content of one part of an expected `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq)]
pub enum FormPart {
    /// A text part (a string as it is, another value as its JSON).
    Text(String),
    /// A file part of these bytes.
    File(Vec<u8>),
}

/// The answer the server sends.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Its status.
    pub status: u16,
    /// Its headers, in order, as sent.
    pub headers: Vec<(String, String)>,
    /// Its JSON body, if any.
    pub body: Option<Value>,
}

/// A `GET` the poller sends, answered `200`.
#[derive(Debug, Clone, PartialEq)]
pub struct Poll {
    /// The path it is sent to.
    pub path: String,
    /// The answer's status: 200 with a body, 204 without (a resource polled for its state
    /// answers 204 once it is done and has nothing to say).
    pub status: u16,
    /// The answer's JSON body, if any.
    pub body: Option<Value>,
}

/// A value passed to the tests' client helper.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientArg {
    /// A string.
    Str(String),
    /// JSON, which the helper decodes into the constructor's type.
    Json(Value),
}

/// The call of the method under test.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The root client's method returning the method's client (`None`: the root's own method).
    pub accessor: Option<String>,
    /// The method's name.
    pub method: String,
    /// The request body, built from the example before the call (`ArgValue::RequestBody`
    /// passes it).
    pub request_body: Option<RequestBodyValue>,
    /// The positional arguments, in order.
    pub args: Vec<ArgValue>,
    /// The options, when the example gives any optional value (`None` is passed otherwise).
    pub options: Option<OptionsValue>,
}

/// A request body built from example JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBodyValue {
    /// Its type.
    pub ty: TypeRef,
    /// The example's JSON, which decodes into it.
    pub example: Value,
    /// A form's model, which the method borrows (`&request_body`) rather than converting it.
    pub form: bool,
}

/// The options of a call.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionsValue {
    /// The options type (`IotHubResourceClientGetJobOptions`).
    pub type_name: String,
    /// The fields given, each `Some(value)`, in the method's order; the rest default.
    pub fields: Vec<(String, ArgValue)>,
}

/// A value passed to a method.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    /// A string literal (the method takes `&str`).
    Str(String),
    /// An owned `String`.
    String(String),
    /// A value decoded from JSON into the type the method takes, by the crate's codec where the
    /// type has a format (a date, a duration, bytes; `crate::codec`), else by serde.
    Json(Value, Option<Codec>),
    /// A list decoded from JSON (as `Json`), borrowed as a slice.
    Slice(Value, Option<Codec>),
    /// A reference to a value.
    Ref(Box<ArgValue>),
    /// The request body built before the call, converted into the method's body type.
    RequestBody,
}

impl ArgValue {
    /// Whether the value is written as JSON.
    pub fn uses_json(&self) -> bool {
        match self {
            ArgValue::Json(..) | ArgValue::Slice(..) => true,
            ArgValue::Ref(inner) => inner.uses_json(),
            _ => false,
        }
    }
}

/// How a test obtains the call's result, as the method returns it (its kind in the client
/// model), and what it compares of it (`None`: the call must succeed, nothing is compared, as
/// when there is no result type or the answer has no body).
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Await the response and decode its body.
    Plain(Option<Comparison>),
    /// Read the pages: one, decoded and compared, and no next.
    Pager(Comparison),
    /// Await the poller's final result.
    Poller(Option<Comparison>),
    /// Await a `HEAD`'s answer: `true`, since the test serves a success.
    Exists,
    /// Await a long-running, pageable method's pager, then read it as `Pager` does.
    PollerPages(Comparison),
}

impl Check {
    /// The comparison of the decoded result, if any.
    pub fn comparison(&self) -> Option<&Comparison> {
        match self {
            Check::Plain(comparison) | Check::Poller(comparison) => comparison.as_ref(),
            Check::Pager(comparison) | Check::PollerPages(comparison) => Some(comparison),
            Check::Exists => None,
        }
    }
}

/// The decoded result compared with the example.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The JSON the decoded value must encode to again: the example's, less what the model
    /// drops (read-only fields and properties the spec does not define).
    pub expected: Value,
    /// The read-only fields the example holds, each compared on its own.
    pub read_only: Vec<ReadOnlyCheck>,
    /// The codec the decoded value is written again with, `None` for serde's own way: the one
    /// the method reads the body with (`rust_types::body_codec`).
    pub codec: Option<Codec>,
}

/// A read-only field of the decoded value, compared through its Rust fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOnlyCheck {
    /// Its JSON pointer in the body (`/properties/state`).
    pub pointer: String,
    /// The way to it from the decoded value.
    pub access: Vec<AccessStep>,
    /// The codec its field's values are written with (`crate::codec`), `None` for serde's own
    /// way (see `rust_types::codec`).
    pub wire: Option<Codec>,
    /// The JSON expected.
    pub value: Value,
}

/// One step of an access path into a decoded value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessStep {
    /// A field, by Rust name; `optional`: an `Option` that the example says is set.
    Field {
        /// Its Rust name.
        name: String,
        /// Whether it is an `Option`.
        optional: bool,
    },
    /// An item of a list.
    Index(usize),
    /// An entry of a map.
    Key(String),
}

/// The plan of the example tests of `api`; `None` when the spec has no operations (the crate
/// then has no tests file).
pub fn plan_tests(api: &Api) -> Result<Option<TestPlan>> {
    if api.operations.is_empty() {
        return Ok(None);
    }
    let root = &api.clients.root;
    let client_params = root
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| ClientParam {
            name: f.field.clone(),
            string: is_string(&f.ty),
            location: f.location.clone(),
        })
        .collect();
    let mut tests = Vec::new();
    let mut taken = BTreeSet::new();
    for client in &api.clients.clients {
        for method in &client.methods {
            let operation = &api.operations[method.operation];
            let site = example::Site { api, client, method, operation };
            let mut covered = false;
            for example in &operation.examples {
                let stem = example.file.rsplit('/').next().unwrap_or(&example.file);
                let stem = stem.strip_suffix(".json").unwrap_or(stem);
                let name = names::unique(names::snake(&format!("{} {stem}", operation.id)), &mut taken);
                let title = format!("`{}`: example `{}` ({}).", operation.id, example.name, example.file);
                let body = match &example.content {
                    ExampleContent::Found { parameters, responses } => {
                        example::plan_example(&site, &example.file, parameters, responses, &[])?
                    }
                    ExampleContent::Missing => TestBody::Ignored(format!("example file {} is missing", example.file)),
                    ExampleContent::Invalid(why) => {
                        TestBody::Ignored(format!("example file {} is not a valid example: {why}", example.file))
                    }
                };
                covered |= matches!(body, TestBody::Run(_));
                tests.push(test_case(name, title, operation, body));
            }
            // An operation no example file covers with a runnable test gets an example built
            // from its schemas.
            if covered {
                continue;
            }
            let name = names::unique(names::snake(&format!("{} synthesized", operation.id)), &mut taken);
            let title =
                format!("`{}`: an example synthesized from the spec's schemas (no example file covers it).", operation.id);
            let body = match synthesize::synthesize(api, method, operation) {
                Ok(example) => {
                    example::plan_example(&site, SYNTHESIZED, &example.parameters, &example.responses, &example.follow_ups)?
                }
                Err(reason) => TestBody::Ignored(reason),
            };
            tests.push(test_case(name, title, operation, body));
        }
    }
    Ok(Some(TestPlan {
        root_client: root.name.clone(),
        root_options: root.options_type.clone(),
        client_params,
        tests,
    }))
}

fn test_case(name: String, title: String, operation: &Operation, body: TestBody) -> TestCase {
    TestCase {
        name,
        title,
        operation: operation.id.clone(),
        deprecated: operation.deprecated,
        location: operation.location.clone(),
        body,
    }
}

/// The value the spec fixes for a parameter the client model sends as a constant, as JSON.
fn spec_constant<'a>(operation: &'a Operation, param: &MethodParam) -> Option<&'a Value> {
    operation
        .parameters
        .iter()
        .find(|p| p.name == param.wire_name && p.location == param.location)
        .and_then(|p| p.constant.as_ref())
}

/// The JSON property of a page that links to the next one.
fn next_link_property(pager: &PagerModel) -> Option<&str> {
    pager.next_link.as_ref().map(|link| link.wire_name.as_str())
}

/// A scalar example value as the text sent on the wire (strings unquoted).
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
