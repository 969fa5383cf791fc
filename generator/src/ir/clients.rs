//! The client model: the clients and methods of the emitted crate, decided once in `lower`
//! (`lower::clients`) and only read afterwards.
//!
//! Every fact about the crate's surface lives here: which client serves an operation, the
//! method's final name, its options type, where each parameter's value comes from, what the
//! method returns (a plain response, a pager or a poller, with the types as emitted) and which
//! operations were refused, with where and why. `expand` prints it, the README and the example
//! tests read it, and `diff` compares two of them, so they cannot disagree.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{BodyKind, CollectionFormat, HttpMethod, ParamLocation, TypeRef};
use crate::error::{Error, Location};

/// The clients of the crate, and the operations left out of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClientModel {
    /// The root client: its constructor, options and endpoint.
    pub root: RootClient,
    /// Every client: the root first, then the sub-clients sorted by name.
    pub clients: Vec<Client>,
    /// Operations the generator cannot express, each located at the construct that stops it
    /// and left out of `clients`. `codegen --strict` fails on the first; otherwise each is a
    /// warning (printed by `codegen` and `model`, listed in the crate's README).
    pub refused: Vec<Refusal>,
    /// How the methods use each named type they reach, by Rust name: what the crate sends and
    /// receives decides which serde impls a model gets. A type no method reaches is absent.
    pub usage: BTreeMap<String, TypeUsage>,
}

/// How the crate's methods use one named type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TypeUsage {
    /// Some request body holds it where it is written (read-only fields are never sent): it
    /// needs `Serialize`.
    pub sent: bool,
    /// Some response body holds it (a result, a page, a long-running operation's result, an
    /// error): it needs `Deserialize`.
    pub received: bool,
    /// It is the JSON request body of a method: it gets `TryFrom<T> for RequestContent<T>`.
    pub request_body: bool,
}

/// An operation left out of the crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    /// The operation's `operationId`.
    pub operation: String,
    /// Why, located at the construct that stops it.
    pub error: Error,
}

/// The root client.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RootClient {
    /// Its type name, from the spec's title (`IotHubClient`).
    pub name: String,
    /// Its options type (`IotHubClientOptions`).
    pub options_type: String,
    /// The default endpoint, checked to be an `https://host[:port][/path]` URL, without a
    /// trailing `/`.
    pub endpoint: String,
    /// Whether the endpoint is Resource Manager's public one, so that the cloud configuration
    /// picks the endpoint of its cloud.
    pub on_resource_manager: bool,
    /// The client-level values every client carries (api-version and constants excepted): the
    /// required ones are constructor arguments in this order, the others fields of the options.
    pub fields: Vec<ClientField>,
    /// `x-ms-parameterized-host`: the endpoint is built from this template for each request
    /// (unless the options give one), and `endpoint` is only the spec's fallback host.
    pub host: Option<HostModel>,
    /// The Azure namespace of the clients' tracing spans (`az.namespace`), which the root
    /// client's constructor gives its tracer (`request::tracer(&client_options, "Microsoft.Devices")`).
    pub namespace: Namespace,
}

/// The Azure namespace of a crate's spans, and where the generator found it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Namespace {
    /// The namespace (`Microsoft.Devices`).
    pub name: String,
    /// Where it comes from.
    pub source: NamespaceSource,
}

/// Where a crate's tracing namespace comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NamespaceSource {
    /// The resource provider the operations' paths name (`/providers/Microsoft.Devices/...`):
    /// the namespace Azure's tracing conventions ask for.
    #[default]
    ResourceProvider,
    /// No path names a provider (a data-plane spec): the root client's name without `Client`,
    /// as a TypeSpec-generated crate uses its namespace.
    Title,
}

/// A host template, as the client fills it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostModel {
    /// The template, split into text and variables.
    pub parts: Vec<HostPart>,
    /// Written before it (`https://`), when the spec wants a scheme prefix.
    pub scheme_prefix: Option<String>,
}

/// A piece of a host template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HostPart {
    /// Text as written.
    Text(String),
    /// The value of the host parameter of this wire name: a client field, or a method's
    /// argument (a `MethodParam` with `ParamLocation::Host`).
    Variable(String),
}

/// A client-level value (a constructor argument or a client option).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientField {
    /// The wire name of the parameter (`subscriptionId`).
    pub wire_name: String,
    /// The field's Rust name, also the constructor argument's (`subscription_id`).
    pub field: String,
    /// Its type.
    pub ty: TypeRef,
    /// Required: a constructor argument; else an `Option` in the client options.
    pub required: bool,
    /// A string the client uses when the options give none (a required parameter with a
    /// `default`, which AutoRest makes optional): then the client's own field always has a value.
    pub default: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Where the parameter is declared.
    pub location: Location,
}

/// One client: the root or a sub-client for an operation group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Client {
    /// The type name (`IotHubResourceClient`).
    pub name: String,
    /// The module (file) under `src/clients/` (`iot_hub_resource_client`).
    pub module: String,
    /// The operation group it serves, as written (`IotHubResource`); `None` for the root.
    pub group: Option<String>,
    /// The root client's method returning this client (`get_iot_hub_resource_client`); `None`
    /// for the root.
    pub accessor: Option<String>,
    /// Its methods, in spec order.
    pub methods: Vec<Method>,
}

/// One method: an operation as the crate exposes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Method {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The operation's index in `Api::operations`.
    pub operation: usize,
    /// The method's name, unique in its client (`get_job`).
    pub name: String,
    /// The name of its tracing span, as Azure's TypeSpec emitter names it (the operation's
    /// cross-language id): the namespace, the operation group and the operation, the last
    /// camelCase (`Microsoft.Devices.IotHubResource.getJob`).
    pub span_name: String,
    /// Its options type (`IotHubResourceClientGetJobOptions`).
    pub options_type: String,
    /// The HTTP method sent.
    pub http_method: HttpMethod,
    /// Every non-body parameter, in the spec's order, with where its value comes from.
    pub params: Vec<MethodParam>,
    /// The request body, if any.
    pub body: Option<MethodBody>,
    /// Whether the request asks for JSON (`Accept: application/json`).
    pub accept_json: bool,
    /// Whether it sends the client's api-version; then so do the requests that follow it
    /// (next pages, polls of a status monitor that lacks one).
    pub client_api_version: bool,
    /// When another method's pager requests its next pages through this one: the name of the
    /// crate-private function that builds this method's request (`next_fragment_request`).
    pub request_fn: Option<String>,
    /// What the method returns.
    pub kind: MethodKind,
    /// The error type of its failures.
    pub error: ErrorModel,
}

impl Method {
    /// The positional arguments in order, after `&self`: the parameters passed positionally,
    /// then the body when it is.
    pub fn positional(&self) -> Vec<Positional<'_>> {
        let mut args: Vec<Positional<'_>> = self
            .params
            .iter()
            .filter_map(|p| match &p.source {
                ValueSource::Positional { name } => Some(Positional::Param(name, p)),
                _ => None,
            })
            .collect();
        if let Some(body) = &self.body {
            if let Passing::Positional { name } = &body.passing {
                args.push(Positional::Body(name, body));
            }
        }
        args
    }
}

/// A positional argument of a method.
#[derive(Debug, Clone, Copy)]
pub enum Positional<'m> {
    /// A parameter, by argument name.
    Param(&'m str, &'m MethodParam),
    /// The body, by argument name.
    Body(&'m str, &'m MethodBody),
}

/// A non-body parameter of a method.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodParam {
    /// The wire name (`jobId`, `api-version`).
    pub wire_name: String,
    /// Where it travels (never a cookie: those are refused).
    pub location: ParamLocation,
    /// Its type.
    pub ty: TypeRef,
    /// Where its value comes from.
    pub source: ValueSource,
    /// For arrays: how the values are joined (`None` for other types).
    pub collection_format: Option<CollectionFormat>,
    /// `x-ms-skip-url-encoding`: inserted as is.
    pub skip_url_encoding: bool,
    /// For an optional parameter with `x-ms-client-default`: the text sent when the caller
    /// gives nothing.
    pub client_default: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Where it is declared.
    pub location_in_spec: Location,
}

/// Where a parameter's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    /// A constant of the spec, in its wire form.
    Constant(String),
    /// The client's api-version.
    ApiVersion,
    /// A client field; `required`: the field is not an `Option`.
    Client {
        /// The field's name.
        field: String,
        /// Whether the field always has a value.
        required: bool,
    },
    /// A positional argument of the method.
    Positional {
        /// The argument's name.
        name: String,
    },
    /// An optional field of the method's options type.
    Optional {
        /// The field's name.
        field: String,
    },
}

/// The request body of a method.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodBody {
    /// The body parameter's wire name (examples give it under this name).
    pub wire_name: String,
    /// How it is encoded.
    pub kind: BodyKind,
    /// The media type sent.
    pub content_type: String,
    /// Its type.
    pub ty: TypeRef,
    /// `description`.
    pub description: Option<String>,
    /// How the caller passes it.
    pub passing: Passing,
}

/// How the caller passes a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Passing {
    /// As a positional argument.
    Positional {
        /// The argument's name.
        name: String,
    },
    /// As an optional field of the options type.
    Optional {
        /// The field's name.
        field: String,
    },
    /// Not at all: a required body that the spec fixes to one value (AutoRest's constant, a
    /// one-value enum with `modelAsString: false`), which the method always sends.
    Constant {
        /// The value's JSON text (`99999999.99`, `""`).
        json: String,
    },
}

/// What a method returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    /// One request, one `Response<T>`.
    Plain(PlainModel),
    /// A `Pager` over the pages of a list type.
    Pager(PagerModel),
    /// A `Poller` of a long-running operation.
    Poller(PollerModel),
    /// A `HEAD` that answers whether the resource exists: `Result<bool>`.
    Exists(ExistsModel),
}

/// A `HEAD` method's outcome: `true` for a success, `false` for an absence the spec declares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExistsModel {
    /// The status codes that mean it exists.
    pub true_codes: Vec<u16>,
    /// The status codes that mean it does not (a declared `404`); any other status is an error.
    pub false_codes: Vec<u16>,
}

/// A plain method's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlainModel {
    /// The model of a success, as emitted: the body type the success responses share,
    /// `TypeRef::Any` when they disagree, `None` when none has a body.
    pub result: Option<TypeRef>,
    /// The status codes that mean success.
    pub success_codes: Vec<u16>,
    /// Success codes whose response has no body while another's has one (the docs say to
    /// check the status first).
    pub bodiless_codes: Vec<u16>,
    /// The response headers the spec declares, typed, when it declares any.
    pub headers: Option<ResponseHeaders>,
    /// The success body is raw bytes (`type: file`, `format: binary`): the method returns an
    /// `AsyncResponse` whose body streams them, never holding the whole body (`result` is then
    /// `None`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub streamed: bool,
}

/// A method's typed response headers: a trait of `models` with one accessor per header,
/// implemented for the method's `Response` (the official crates' `*ResultHeaders` pattern).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseHeaders {
    /// The trait's name (`HeaderClientResponseIntegerResultHeaders`).
    pub trait_name: String,
    /// For a method without a result body: the empty type its `Response` carries, so that its
    /// headers trait is its own (`HeaderClientResponseIntegerResult`).
    pub marker: Option<String>,
    /// The accessors, in the spec's order.
    pub accessors: Vec<HeaderAccessor>,
}

/// One typed response header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderAccessor {
    /// The header's wire name, as written (`x-ms-request-id`).
    pub wire_name: String,
    /// The accessor's name, clear of `Response`'s own methods (`request_id`).
    pub method: String,
    /// Its type.
    pub ty: TypeRef,
    /// `description`.
    pub description: Option<String>,
}

/// A pageable method's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PagerModel {
    /// The list type each page is (a named object type).
    pub list_type: String,
    /// The Rust name of its item field.
    pub item_field: String,
    /// Whether the item field is an `Option`.
    pub items_optional: bool,
    /// The type of the items.
    pub item_type: TypeRef,
    /// The next-link field, if the pages are linked.
    pub next_link: Option<NextLink>,
    /// `x-ms-pageable.operationName`: the next pages are requests of another method of the same
    /// client, rather than `GET`s of the next link.
    pub next_operation: Option<NextOperation>,
    /// The status codes that mean success.
    pub success_codes: Vec<u16>,
}

/// How a pager requests its next pages through another method (`operationName`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextOperation {
    /// The `operationId` of the method that fetches next pages.
    pub operation_id: String,
    /// The name of that method's request builder (`Method::request_fn`).
    pub request_fn: String,
    /// Its positional arguments in order, each taken from the first call or the next link.
    pub args: Vec<NextArg>,
}

/// One positional argument of a next-page request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NextArg {
    /// The first call's positional argument of this name (the same parameter).
    FromFirst {
        /// The argument's name in the first call.
        name: String,
        /// Its type.
        ty: TypeRef,
    },
    /// The next link, as the page wrote it.
    Link,
}

/// Where a page names the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextLink {
    /// The property's wire name (`nextLink`), which the pager reads from each page.
    pub wire_name: String,
    /// The Rust name of the field.
    pub field: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
}

/// A long-running method's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PollerModel {
    /// The name of the method that rebuilds the poller from a resume token
    /// (`resume_create_or_update`), unique in its client; empty when the method returns no
    /// poller (`pages`).
    pub resume_method: String,
    /// The final result's type; `None` when the operation returns nothing (a `DELETE`, or no
    /// success response with a body).
    pub result: Option<TypeRef>,
    /// Where the final result is read.
    pub final_state: FinalState,
    /// The status codes the first response may have.
    pub initial_codes: Vec<u16>,
    /// For an operation that is also `x-ms-pageable`: its result is the first page of a list,
    /// and the method waits for it, then returns a `Pager` over every page.
    pub pages: Option<PagerModel>,
}

/// Where a long-running operation's final result is read, with the ARM default applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FinalState {
    /// `GET` the original URI (`PUT`/`PATCH` by default).
    OriginalUri,
    /// `GET` the `Location` of the first response (`POST` by default).
    Location,
    /// The `Azure-AsyncOperation`/`Operation-Location` monitor's answer.
    AsyncOperation,
    /// Nothing: the operation returns no body.
    None,
}

impl FinalState {
    /// The variant's name, as the emitted code and the docs spell it.
    pub fn name(self) -> &'static str {
        match self {
            FinalState::OriginalUri => "OriginalUri",
            FinalState::Location => "Location",
            FinalState::AsyncOperation => "AsyncOperation",
            FinalState::None => "None",
        }
    }
}

/// An error status with a body type of its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusError {
    /// The status code.
    pub status: u16,
    /// The body's type.
    pub ty: TypeRef,
}

/// The error types of a method's failures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorModel {
    /// The decoded error body's type for any status not in `by_status`; `None`:
    /// `serde_json::Value`.
    pub ty: Option<TypeRef>,
    /// Statuses whose error body the spec gives a type of its own (`x-ms-error-response`, or a
    /// 4xx/5xx response with a schema other than the default's), in status order.
    pub by_status: Vec<StatusError>,
    /// Whether it wraps the error in an `error` field (common-types `ErrorResponse`), rather
    /// than being the error itself (IoT Hub's `ErrorDetails`). An untyped error keeps the ARM
    /// envelope.
    pub envelope: bool,
}
