//! The intermediate representation: everything the emitter needs, as plain data.
//!
//! `lower` builds it from a loaded document; `expand` turns it into tokens; `diff` compares two.
//! It knows nothing of JSON documents, `quote` or files. Every collection has an explicit,
//! deterministic order: operations in the spec's order (paths as written, methods in the
//! order get, put, post, delete, options, head, patch, trace), types sorted by Rust name.
//! Rust names are decided once, in `lower` (through `names`), so the emitter and the differ agree.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Location;

pub mod clients;

pub use clients::*;

/// The deepest a value of a named type nests, counting each array or map level and each alias
/// followed (`A: {$ref: B}` is one): `lower` refuses a deeper type, as serde_json refuses to decode
/// a value nested more than 128 levels deep. Code that follows aliases may rely on it to end.
pub const MAX_NESTING: usize = 128;

/// The longest `allOf` chain (a type, its base, the base's base, ...) that `lower` accepts. Each
/// type holds every field of its bases, so a chain of n types has n(n+1)/2 fields: the bound keeps
/// the output in proportion to the spec. Azure specs nest a few levels.
pub const MAX_ALL_OF_DEPTH: usize = 32;

/// How deep a type may hold types, by `lower::nesting`'s measure (each type held two levels,
/// each array or map on the way four, a set of types that hold one another six per type): rustc
/// checks drops and `Send` one level of its recursion limit (128) per level, the crate's wrappers
/// (`Poller`, `Pager`, `Response`) take some, and a deeper type gives a crate that does not
/// compile; `lower` refuses it. Azure specs are a few levels deep.
pub const MAX_TYPE_DEPTH: usize = 100;

/// One API: a spec lowered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `info.version`: the api-version the client sends by default.
    pub api_version: String,
    /// The default endpoint (`https://management.azure.com` for ARM), from servers / host+schemes.
    pub endpoint: Option<String>,
    /// Where the endpoint is given (`#/host` in Swagger 2.0, `#/servers/0/url` in OpenAPI 3), or
    /// the document's root when it is not.
    pub endpoint_location: Location,
    /// Where the title is (`#/info/title`), which names the root client.
    pub title_location: Location,
    /// `x-ms-parameterized-host`: the endpoint is built from a template and parameters.
    pub host: Option<HostTemplate>,
    /// OAuth2 scopes declared by the spec's security schemes, in spec order (for the docs; the
    /// client derives its token scope from the endpoint, as ARM clients do).
    pub oauth2_scopes: Vec<String>,
    /// Client-level parameters (AutoRest placement: a global parameter unless
    /// `x-ms-parameter-location: method`), in order of first use by the operations.
    /// `api-version` is among them when the spec declares it; its `default` is `api_version`.
    pub client_parameters: Vec<Parameter>,
    /// Every operation, in spec order.
    pub operations: Vec<Operation>,
    /// Every named type, keyed and sorted by Rust name.
    pub types: BTreeMap<String, TypeDef>,
    /// Constructs the generator read but does not (yet) support, with where they are.
    /// Not fatal: the summary command lists them.
    pub unsupported: Vec<Unsupported>,
    /// The clients and methods of the emitted crate, and the operations it leaves out.
    pub clients: ClientModel,
}

/// `x-ms-parameterized-host`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostTemplate {
    /// `hostTemplate`, e.g. `{accountName}{host}`.
    pub template: String,
    /// The scheme written before the template (`https://`), unless `useSchemePrefix: false`.
    pub scheme_prefix: Option<String>,
    /// The template's variables, in the extension's order (`ParamLocation::Host`). Client-level
    /// ones (references, as AutoRest places them) are among `Api::client_parameters`; the
    /// others are method arguments of every operation.
    pub parameters: Vec<Parameter>,
    /// `positionInOperation: last`: method-level ones follow the operation's own parameters.
    pub last: bool,
    /// Where the extension is.
    pub location: Location,
}

/// A construct the generator recorded but does not support.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unsupported {
    /// Where it is.
    pub location: Location,
    /// What it is, e.g. `format "decimal" (kept as a string)`.
    pub construct: String,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl HttpMethod {
    /// The method as sent (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

/// One operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// `operationId` as written, e.g. `IotHubResource_GetJob`.
    pub id: String,
    /// The operation group: the part of the operationId before the first `_`, as written
    /// (`IotHubResource`); `None` when there is no `_`.
    pub group: Option<String>,
    /// The Rust method name: the rest of the operationId, snake_case (`get_job`).
    pub name: String,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path template as written, e.g. `/subscriptions/{subscriptionId}/.../jobs/{jobId}`.
    pub path: String,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Every parameter of the operation except the body, in the order the spec lists them
    /// (path-item parameters first, then the operation's own, an operation's own overriding a
    /// path-item one of the same name and location). Client-level ones are included and marked.
    pub parameters: Vec<Parameter>,
    /// The request body, if any.
    pub body: Option<RequestBody>,
    /// Media types the operation accepts (`consumes`), in spec order.
    pub consumes: Vec<String>,
    /// Media types the operation produces (`produces`), in spec order.
    pub produces: Vec<String>,
    /// Responses, success codes first in ascending order, then `default`.
    pub responses: Vec<Response>,
    /// The error body type: the schema of `default`, or else of the first error response (marked
    /// `x-ms-error-response: true`, or a 4xx/5xx code) with a body, by status code.
    pub error: Option<TypeRef>,
    /// `x-ms-pageable`.
    pub pageable: Option<Pageable>,
    /// `x-ms-long-running-operation: true` (with its options).
    pub long_running: Option<LongRunning>,
    /// `x-ms-examples`, in spec order.
    pub examples: Vec<Example>,
    /// Where the operation is (`file#/paths/~1subscriptions~1.../get`).
    pub location: Location,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// A cookie (OpenAPI 3 only).
    Cookie,
    /// A variable of the host template (`x-ms-parameterized-host`).
    Host,
}

/// How an array parameter is written in a query or header (Swagger `collectionFormat`,
/// OpenAPI 3 `style`/`explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CollectionFormat {
    /// Comma-separated (`csv`, the default; `form` with `explode: false`).
    Csv,
    /// Space-separated.
    Ssv,
    /// Tab-separated.
    Tsv,
    /// Pipe-separated.
    Pipes,
    /// The parameter repeated once per value (`multi`; `form` with `explode: true`).
    Multi,
}

impl CollectionFormat {
    /// What joins the values into one parameter; `None` for `Multi`, which repeats the
    /// parameter instead.
    pub fn separator(self) -> Option<&'static str> {
        match self {
            CollectionFormat::Csv => Some(","),
            CollectionFormat::Ssv => Some(" "),
            CollectionFormat::Tsv => Some("\t"),
            CollectionFormat::Pipes => Some("|"),
            CollectionFormat::Multi => None,
        }
    }
}

/// A non-body parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parameter {
    /// The wire name (`api-version`, `jobId`).
    pub name: String,
    /// The Rust name: snake_case of `x-ms-client-name` or the wire name, keyword-escaped.
    pub rust_name: String,
    /// Where it travels.
    pub location: ParamLocation,
    /// `required`. Path parameters are always required.
    pub required: bool,
    /// Its type.
    pub ty: TypeRef,
    /// `description`.
    pub description: Option<String>,
    /// `x-ms-skip-url-encoding: true`: the value is inserted as is.
    pub skip_url_encoding: bool,
    /// Client-level (a constructor argument or client option) rather than a method argument.
    pub client_level: bool,
    /// It carries the api-version: `x-ms-api-version: true`, or a query parameter named
    /// `api-version` without `x-ms-api-version: false`. A client-level one is the client's
    /// api-version setting; a method-level one is an ordinary argument.
    pub api_version: bool,
    /// `default`, or for `api-version` the spec's `info.version`.
    pub default: Option<serde_json::Value>,
    /// `x-ms-client-default`: what the client sends when the caller gives nothing.
    pub client_default: Option<serde_json::Value>,
    /// A value the parameter always has: a required enum of one value with
    /// `modelAsString: false` (AutoRest's constant). Sent without the caller passing it.
    pub constant: Option<serde_json::Value>,
    /// For arrays: how the values are joined.
    pub collection_format: Option<CollectionFormat>,
    /// Where it was declared (the global parameter's location if it came through a `$ref`).
    pub location_in_spec: Location,
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// A JSON document (`application/json` and `+json` types).
    Json,
    /// `application/x-www-form-urlencoded` fields (Swagger `in: formData`).
    Form,
    /// `multipart/form-data` fields: one part per field of an object type, a file part for each
    /// [`Primitive::File`] value.
    Multipart,
    /// Raw bytes (`type: file`, `format: binary`, `application/octet-stream`, text).
    Binary,
}

/// The request body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestBody {
    /// The body parameter's name (Swagger `in: body` name, or `x-ms-requestBody-name`, or `body`).
    pub name: String,
    /// The Rust argument name (`x-ms-client-name` honoured), snake_case, keyword-escaped.
    pub rust_name: String,
    /// `required`.
    pub required: bool,
    /// Its type. For form and multipart bodies, an object type whose fields are the form fields.
    pub ty: TypeRef,
    /// The media type sent (`application/json` unless the spec says otherwise).
    pub content_type: String,
    /// How it is encoded.
    pub kind: BodyKind,
    /// `description`.
    pub description: Option<String>,
    /// `x-ms-client-flatten` on the body parameter (recorded; see the emitter for support).
    pub client_flatten: bool,
    /// When the spec fixes a required body to one value written in place (AutoRest's constant:
    /// one `enum` value, `modelAsString: false`): that value. `ty` is then the value's type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constant: Option<serde_json::Value>,
}

/// A status code, or `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusCode {
    /// A single code.
    Code(u16),
    /// `default`.
    Default,
}

/// One response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// The status.
    pub status: StatusCode,
    /// `description`.
    pub description: Option<String>,
    /// The body type, if any.
    pub ty: Option<TypeRef>,
    /// Response headers, in spec order.
    pub headers: Vec<ResponseHeader>,
    /// An error response: `default`, `x-ms-error-response: true`, or a 4xx/5xx code without
    /// `x-ms-error-response: false` (which a HEAD's "absent" 404 carries).
    pub is_error: bool,
}

/// A response header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseHeader {
    /// The wire name, as written (`Azure-AsyncOperation`).
    pub name: String,
    /// The Rust name (snake_case, keyword-escaped).
    pub rust_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// `description`.
    pub description: Option<String>,
}

/// `x-ms-pageable`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pageable {
    /// `nextLinkName`; `None` (JSON `null` or absent) means a single page.
    pub next_link_name: Option<String>,
    /// `itemName`, `value` when absent.
    pub item_name: String,
    /// `operationName`: the operation that fetches next pages, when it is a separate one.
    pub operation_name: Option<String>,
}

/// `x-ms-long-running-operation-options.final-state-via`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FinalStateVia {
    /// `azure-async-operation`.
    AzureAsyncOperation,
    /// `location`.
    Location,
    /// `original-uri`.
    OriginalUri,
    /// `operation-location`.
    OperationLocation,
}

/// `x-ms-long-running-operation: true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LongRunning {
    /// As the spec says; `None` when absent (the ARM default: PUT/PATCH → original URI,
    /// DELETE/POST → Location, always preferring Azure-AsyncOperation for status).
    pub final_state_via: Option<FinalStateVia>,
    /// `final-state-schema`, when the spec gives one.
    pub final_state_schema: Option<TypeRef>,
}

/// One `x-ms-examples` entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// Its key in `x-ms-examples`.
    pub name: String,
    /// The example file, relative to the spec's folder as written in the `$ref`
    /// (`./examples/iothub_getjob.json`).
    pub file: String,
    /// Its content.
    pub content: ExampleContent,
}

/// What the example file held.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleContent {
    /// The file exists and parsed.
    Found {
        /// `parameters`, by wire name (the body parameter under its name).
        parameters: serde_json::Map<String, serde_json::Value>,
        /// `responses`, by status code as written (`"200"`).
        responses: BTreeMap<String, ExampleResponse>,
    },
    /// The file does not exist (recorded, not fatal).
    Missing,
    /// The file exists but is not a valid example: why.
    Invalid(String),
}

/// One response of an example.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExampleResponse {
    /// Headers, as written.
    pub headers: serde_json::Map<String, serde_json::Value>,
    /// The body, if any.
    pub body: Option<serde_json::Value>,
}

/// A primitive type (a JSON scalar, or a string in a known format).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Primitive {
    /// A plain string (also `uri`, `arm-id`, `password`, `email`, ... kept as `String` with the
    /// format in the variant below where it matters).
    String,
    /// `boolean`.
    Bool,
    /// `integer`, `format: int32`.
    Int32,
    /// `integer` without format, or `format: int64`.
    Int64,
    /// `number`, `format: float`.
    Float32,
    /// `number` without format, or `format: double`.
    Float64,
    /// `format: date-time` (RFC 3339).
    DateTime,
    /// `format: date-time-rfc1123` (`Thu, 15 Jun 2017 19:20:58 GMT`).
    DateTimeRfc1123,
    /// `format: unixtime` (integer seconds).
    UnixTime,
    /// `format: date` (`2017-06-15`).
    Date,
    /// `format: time`.
    Time,
    /// `format: duration` (ISO 8601, kept as its string form).
    Duration,
    /// `format: uuid`.
    Uuid,
    /// `format: byte` (base64 in JSON).
    Bytes,
    /// `format: base64url`.
    Base64Url,
    /// `format: binary` or Swagger `type: file`: raw bytes, only as a whole body.
    Binary,
    /// The raw bytes of a file part of a `multipart/form-data` body: a `format: binary` or
    /// `type: file` field of the body's model (at any depth of arrays), which `lower::multipart`
    /// rewrites from [`Primitive::Binary`] so that the model holds bytes, not text.
    File,
    /// `format: uri` / `url`.
    Url,
    /// `format: arm-id`.
    ArmId,
    /// A string with a format the generator does not know, kept as a string (and recorded
    /// in `Api::unsupported`).
    UnknownFormat(String),
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeRef {
    /// A primitive.
    Primitive(Primitive),
    /// A JSON array.
    Array(Box<TypeRef>),
    /// A JSON object used as a map (`additionalProperties`), string keys.
    Map(Box<TypeRef>),
    /// A named type: the key of `Api::types`.
    Named(String),
    /// Anything (`{}`, `type: object` with no properties and no additionalProperties).
    Any,
    /// A value that may also be JSON `null` (`x-nullable`, or OpenAPI 3 `nullable`): array
    /// items, map values, and request and response bodies. A property's own nullability is
    /// [`Field::nullable`], never this; lower does not nest it (`Nullable(Nullable(_))`).
    Nullable(Box<TypeRef>),
}

impl TypeRef {
    /// The type without its `Nullable`, and whether it had one.
    pub fn strip_nullable(&self) -> (&TypeRef, bool) {
        match self {
            TypeRef::Nullable(inner) => (inner, true),
            other => (other, false),
        }
    }
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// The Rust name (PascalCase, unique): also its key in `Api::types`.
    pub name: String,
    /// The name the spec gave it (definition key, `x-ms-enum.name`, or the derived name of an
    /// inline schema), before Rust casing.
    pub spec_name: String,
    /// `description` (or `title` when there is no description).
    pub description: Option<String>,
    /// Where it is defined. For an inline type, where it is written inline.
    pub location: Location,
    /// What it is.
    pub kind: TypeKind,
}

/// The kinds of named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// An object with fields.
    Object(ObjectType),
    /// An enum.
    Enum(EnumType),
    /// A named schema that is not an object or enum (an array, a map, a primitive):
    /// emitted as a type alias.
    Alias(TypeRef),
}

/// An object type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectType {
    /// All fields, the bases' (`allOf`) first in base order, then its own, in spec order.
    /// A field redeclared by the type replaces the base's in place.
    pub fields: Vec<Field>,
    /// Direct `allOf` bases that are named types (Rust names), in spec order.
    pub bases: Vec<String>,
    /// `additionalProperties`: extra keys of this type, besides the fields.
    pub additional_properties: Option<TypeRef>,
    /// Set when this type is the root of a discriminated hierarchy.
    pub discriminator: Option<Discriminator>,
    /// `x-ms-discriminator-value` (or, when a subtype of a discriminated base has none, its
    /// spec name, as AutoRest does).
    pub discriminator_value: Option<String>,
    /// Only ever sent as (part of) a PATCH or `application/merge-patch+json` body, never read
    /// from a response nor sent otherwise: its optional fields can be left out, `null` or a
    /// value (JSON merge-patch). Decided in `lower` once every operation is known.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub patch: bool,
}

/// A discriminated hierarchy's root.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discriminator {
    /// The wire name of the discriminator property (`kind`).
    pub property: String,
    /// Every known subtype (transitively), by discriminator value → Rust type name.
    pub variants: BTreeMap<String, String>,
}

/// How a type may be written, per `x-ms-mutability`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mutability {
    /// Sent on create (PUT).
    Create,
    /// Returned on read.
    Read,
    /// Sent on update (PATCH/PUT of an existing resource).
    Update,
}

/// A field of an object type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The JSON property name.
    pub wire_name: String,
    /// The Rust name: snake_case of `x-ms-client-name` or the wire name, keyword-escaped,
    /// unique within the type.
    pub rust_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// In the schema's `required`.
    pub required: bool,
    /// `readOnly: true`: decoded, never sent.
    pub read_only: bool,
    /// `x-ms-mutability`, when given (empty when absent).
    pub mutability: Vec<Mutability>,
    /// A secret, and why (`lower::secrets`): redacted in `Debug` whatever features are enabled.
    pub secret: Option<Secret>,
    /// `x-nullable: true` (or OpenAPI 3 `nullable: true`).
    pub nullable: bool,
    /// `default`.
    pub default: Option<serde_json::Value>,
    /// `description`.
    pub description: Option<String>,
    /// `x-ms-client-flatten: true`.
    pub client_flatten: bool,
    /// The base type this field comes from (Rust name), `None` when declared by the type itself.
    pub inherited_from: Option<String>,
    /// A constant, as AutoRest has it: required, writable, and its type allows one value only
    /// (an enum of one value with `modelAsString: false`, or an object whose fields are all such
    /// constants). The client always sends it; callers never give it. Decided in `lower`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub constant: bool,
}

/// Why a field is a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Secret {
    /// The spec marks it: `x-ms-secret: true`.
    Marked,
    /// Its schema says `format: password`.
    PasswordFormat,
    /// The spec does not mark it, but its name is a credential's by the documented rule
    /// (`lower::secrets`): the words that matched (`primary key`, `connection string`).
    CredentialName(String),
}

/// An enum type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumType {
    /// The JSON type of the values.
    pub base: Primitive,
    /// `x-ms-enum.modelAsString` (true when absent, as AutoRest does): unknown values are
    /// expected and must round-trip. The emitter keeps unknown values either way.
    pub model_as_string: bool,
    /// The values, in spec order.
    pub values: Vec<EnumValue>,
}

impl EnumType {
    /// Its one value when it is AutoRest's constant: one value, `modelAsString: false`. A
    /// required field or body of this type is a constant, and the type defaults to it.
    pub fn constant_value(&self) -> Option<&serde_json::Value> {
        match self.values.as_slice() {
            [only] if !self.model_as_string => Some(&only.value),
            _ => None,
        }
    }
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumValue {
    /// The wire value (a string, or a number for integer enums).
    pub value: serde_json::Value,
    /// The Rust variant name (PascalCase from `x-ms-enum.values[].name` or the value).
    pub name: String,
    /// `x-ms-enum.values[].description`.
    pub description: Option<String>,
}

/// Builders of IR values for unit tests: the plainest value of each kind, for a test to adjust.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Where test values are said to come from.
    pub(crate) fn at() -> Location {
        Location::new("spec.json", "/definitions")
    }

    /// A field named `wire` on the wire and in snake_case in Rust.
    pub(crate) fn field(wire: &str, ty: TypeRef, required: bool, read_only: bool) -> Field {
        Field {
            wire_name: wire.into(),
            rust_name: crate::names::snake(wire),
            ty,
            required,
            read_only,
            mutability: Vec::new(),
            secret: None,
            nullable: false,
            default: None,
            description: None,
            client_flatten: false,
            inherited_from: None,
            constant: false,
        }
    }

    /// An object type without bases, keyed by its name as `Api::types` is.
    pub(crate) fn object(name: &str, fields: Vec<Field>) -> (String, TypeDef) {
        let def = TypeDef {
            name: name.into(),
            spec_name: name.into(),
            description: None,
            location: at(),
            kind: TypeKind::Object(ObjectType {
                fields,
                bases: Vec::new(),
                additional_properties: None,
                discriminator: None,
                discriminator_value: None,
                patch: false,
            }),
        };
        (name.into(), def)
    }

    /// An extensible string enum of `values`, each named after itself.
    pub(crate) fn string_enum(name: &str, values: &[&str]) -> (String, TypeDef) {
        let values = values
            .iter()
            .map(|v| EnumValue {
                value: serde_json::Value::String(v.to_string()),
                name: crate::names::pascal(v),
                description: None,
            })
            .collect();
        let def = TypeDef {
            name: name.into(),
            spec_name: name.into(),
            description: None,
            location: at(),
            kind: TypeKind::Enum(EnumType { base: Primitive::String, model_as_string: true, values }),
        };
        (name.into(), def)
    }

    /// A method-level parameter.
    pub(crate) fn parameter(name: &str, location: ParamLocation, required: bool, ty: TypeRef) -> Parameter {
        Parameter {
            name: name.into(),
            rust_name: crate::names::snake(name),
            location,
            required,
            ty,
            description: None,
            skip_url_encoding: false,
            client_level: false,
            api_version: name == "api-version" && location == ParamLocation::Query,
            default: None,
            client_default: None,
            constant: None,
            collection_format: None,
            location_in_spec: at(),
        }
    }

    /// A success response.
    pub(crate) fn response(code: u16, ty: Option<TypeRef>) -> Response {
        Response { status: StatusCode::Code(code), description: None, ty, headers: Vec::new(), is_error: false }
    }

    /// An operation with nothing but its id (group and name split from it as `Group_Name`),
    /// method and path.
    pub(crate) fn operation(id: &str, method: HttpMethod, path: &str) -> Operation {
        let (group, name) = id
            .split_once('_')
            .map(|(g, n)| (Some(g.to_string()), crate::names::snake(n)))
            .unwrap_or((None, crate::names::snake(id)));
        Operation {
            id: id.into(),
            group,
            name,
            method,
            path: path.into(),
            summary: None,
            description: None,
            deprecated: false,
            parameters: Vec::new(),
            body: None,
            consumes: Vec::new(),
            produces: Vec::new(),
            responses: Vec::new(),
            error: None,
            pageable: None,
            long_running: None,
            examples: Vec::new(),
            location: at(),
        }
    }

    /// An API with no parameters, operations or types.
    pub(crate) fn api(version: &str) -> Api {
        Api {
            title: "thingClient".into(),
            description: None,
            api_version: version.into(),
            endpoint: Some("https://management.azure.com".into()),
            oauth2_scopes: Vec::new(),
            client_parameters: Vec::new(),
            operations: Vec::new(),
            types: BTreeMap::new(),
            unsupported: Vec::new(),
            endpoint_location: at(),
            title_location: at(),
            host: None,
            clients: ClientModel::default(),
        }
    }
}
