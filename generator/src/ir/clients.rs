//! The client model: the clients and methods of the emitted crate, decided once in `lower`
//! (`lower::clients`) and only read afterwards.
//!
//! Every fact about the crate's surface lives here: which client serves an operation, the
//! method's final name, its options type, where each parameter's value comes from, what the
//! method returns (a plain response, a pager or a poller, with the types as emitted) and which
//! operations were refused, with where and why. `expand` prints it, the README and the example
//! tests read it, and `diff` compares two of them, so they cannot disagree.

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
    /// How it is encoded (never multipart: refused).
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
    /// Whether next-page requests carry the client's api-version.
    pub api_version_on_next: bool,
    /// The status codes that mean success.
    pub success_codes: Vec<u16>,
}

/// Where a page names the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextLink {
    /// The Rust name of the field.
    pub field: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
}

/// A long-running method's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PollerModel {
    /// The final result's type; `None` when the operation returns nothing (a `DELETE`, or no
    /// success response with a body).
    pub result: Option<TypeRef>,
    /// Where the final result is read.
    pub final_state: FinalState,
    /// The status codes the first response may have.
    pub initial_codes: Vec<u16>,
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

/// The error type of a method's failures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorModel {
    /// The decoded error body's type; `None`: `serde_json::Value`.
    pub ty: Option<TypeRef>,
    /// Whether it wraps the error in an `error` field (common-types `ErrorResponse`), rather
    /// than being the error itself (IoT Hub's `ErrorDetails`). An untyped error keeps the ARM
    /// envelope.
    pub envelope: bool,
}
