//! The client model (`ir::ClientModel`): which client serves each operation, and every fact
//! about each method the crate emits, decided here once from the lowered operations and types.
//!
//! An operation the generator cannot express (a cookie parameter, a multipart body that is not an
//! object of fields, an object as a query parameter, an invalid `x-ms-pageable`, ...) is refused here, located at the construct
//! that stops it, and left out of the clients; `generate` decides whether a refusal is fatal
//! (`Options::strict`). Names are given before refusals are taken out, so leaving an operation
//! out never renames another.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::ir::{
    Api, BodyKind, Client, ClientField, ClientModel, ErrorModel, ExistsModel, FinalState, FinalStateVia, HeaderAccessor, HttpMethod, Method, MethodBody,
    MethodKind, MethodParam, NextArg, NextLink, NextOperation, Operation, PagerModel, Pageable, ParamLocation, Passing, PlainModel, PollerModel,
    HostModel, HostPart, Refusal, ResponseHeaders, RootClient, StatusCode, StatusError, TypeKind, TypeRef, ValueSource,
};
use crate::names;
use crate::rust_types::{field_is_plain, resolve_alias};

/// Resource Manager's endpoint in the public cloud.
pub const RESOURCE_MANAGER: &str = "https://management.azure.com";

/// Names the emitted method bodies use for their own variables: an argument with one of them
/// gets a trailing `_`, the way `names` escapes keywords.
const LOCALS: &[&str] = &[
    "options", "path", "query", "url", "request", "response", "pipeline", "api_version", "first_request",
    "pager_options", "v", "value", "pager_client", "link",
];

/// Method names every client already has (and, on the root, its constructor).
const CLIENT_METHODS: &[&str] = &["new", "endpoint", "api_version"];

/// The status codes a long-running operation's first response may have, whatever the spec
/// lists: Resource Manager answers with any of them.
const LRO_INITIAL: [u16; 4] = [200, 201, 202, 204];

/// The client model of `api` (whose `clients` field is not read).
pub(crate) fn lower_clients(api: &Api) -> Result<ClientModel> {
    let root = lower_root(api)?;
    // Group operations into clients: the root for operations without a group (or whose group
    // names the root), a sub-client per group otherwise.
    let mut by_name: BTreeMap<String, (Option<String>, Vec<usize>)> = BTreeMap::new();
    for (index, operation) in api.operations.iter().enumerate() {
        let name = match &operation.group {
            Some(group) => {
                let name = format!("{}Client", names::pascal(group));
                if name == root.name { root.name.clone() } else { name }
            }
            None => root.name.clone(),
        };
        let group = if name == root.name { None } else { operation.group.clone() };
        by_name.entry(name).or_insert_with(|| (group, Vec::new())).1.push(index);
    }
    let root_operations = by_name.remove(&root.name).map(|(_, ops)| ops).unwrap_or_default();
    let mut grouped: Vec<(String, Option<String>, Vec<usize>)> = vec![(root.name.clone(), None, root_operations)];
    grouped.extend(by_name.into_iter().map(|(name, (group, ops))| (name, group, ops)));

    // Accessors live on the root, beside its own methods.
    let mut root_taken: BTreeSet<String> = CLIENT_METHODS.iter().map(|s| s.to_string()).collect();
    let accessors: Vec<Option<String>> = grouped
        .iter()
        .map(|(_, group, _)| group.as_ref().map(|g| names::unique(names::snake(&format!("get {g} client")), &mut root_taken)))
        .collect();

    let mut options_taken: BTreeSet<String> = BTreeSet::from([root.options_type.clone()]);
    // Header traits and result markers live in `models`, beside the spec's types.
    let mut models_taken: BTreeSet<String> = api.types.keys().cloned().collect();
    let mut lists: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut refused = Vec::new();
    let mut clients = Vec::new();
    for ((name, group, operations), accessor) in grouped.into_iter().zip(accessors) {
        let mut taken = if group.is_none() {
            root_taken.clone()
        } else {
            CLIENT_METHODS.iter().map(|s| s.to_string()).collect()
        };
        let mut methods = Vec::new();
        for index in operations {
            let operation = &api.operations[index];
            let method_name = names::unique(operation.name.clone(), &mut taken);
            let resume_method = operation
                .long_running
                .as_ref()
                .map(|_| names::unique(format!("resume_{method_name}"), &mut taken))
                .unwrap_or_default();
            let options_type = names::unique(format!("{name}{}Options", names::pascal(&method_name)), &mut options_taken);
            let result_type = format!("{name}{}Result", names::pascal(&method_name));
            let given = MethodNames { method: method_name, resume: resume_method, options_type, result_type };
            match lower_method(api, &root, index, given, &mut lists, &mut models_taken) {
                Ok(method) => methods.push(method),
                Err(error) if refusable(&error) => {
                    refused.push(Refusal { operation: operation.id.clone(), error });
                }
                Err(error) => return Err(error),
            }
        }
        link_next_operations(api, &mut methods, &mut taken, &mut refused);
        clients.push(Client { module: names::snake(&name), name, group, accessor, methods });
    }
    let usage = super::usage::lower_usage(api, &clients);
    Ok(ClientModel { root, clients, refused, usage })
}

/// Gives each pager whose `x-ms-pageable` names an `operationName` the method of this client
/// that requests its next pages, and that method a request builder. A pager whose next
/// operation cannot be called for it (another client's, unknown, or with an argument the first
/// call does not have) is refused.
fn link_next_operations(api: &Api, methods: &mut Vec<Method>, taken: &mut BTreeSet<String>, refused: &mut Vec<Refusal>) {
    let mut index = 0;
    while index < methods.len() {
        let op = &api.operations[methods[index].operation];
        let Some(wanted) = op.pageable.as_ref().and_then(|p| p.operation_name.clone()) else {
            index += 1;
            continue;
        };
        let at = op.location.join("x-ms-pageable").join("operationName");
        match next_operation(methods, index, &wanted, &at) {
            Ok((next, args)) => {
                let request_fn = match &methods[next].request_fn {
                    Some(existing) => existing.clone(),
                    None => {
                        let name = names::unique(format!("{}_request", methods[next].name), taken);
                        methods[next].request_fn = Some(name.clone());
                        name
                    }
                };
                if let MethodKind::Pager(pager) = &mut methods[index].kind {
                    pager.next_operation = Some(NextOperation { operation_id: wanted, request_fn, args });
                }
                index += 1;
            }
            Err(error) => {
                let method = methods.remove(index);
                refused.push(Refusal { operation: method.operation_id, error });
            }
        }
    }
}

/// The method named `wanted` that fetches the next pages of `methods[first]`, and its arguments.
fn next_operation(methods: &[Method], first: usize, wanted: &str, at: &Location) -> Result<(usize, Vec<NextArg>)> {
    let Some(next) = methods.iter().position(|m| m.operation_id == wanted) else {
        return Err(Error::unsupported(
            at.clone(),
            format!("an operationName, `{wanted}`, that is not an operation of the same client (or is refused)"),
        ));
    };
    let next_method = &methods[next];
    if next_method.body.is_some() {
        return Err(Error::unsupported(at.clone(), format!("a next-page operation, `{wanted}`, with a request body")));
    }
    let first_method = &methods[first];
    let mut args = Vec::new();
    for param in &next_method.params {
        let ValueSource::Positional { .. } = &param.source else { continue };
        if param.wire_name == "nextLink" {
            args.push(NextArg::Link);
            continue;
        }
        let given = first_method.params.iter().find_map(|p| match &p.source {
            ValueSource::Positional { name } if p.wire_name == param.wire_name => Some((name.clone(), p.ty.clone())),
            _ => None,
        });
        match given {
            Some((name, ty)) if ty == param.ty => args.push(NextArg::FromFirst { name, ty }),
            _ => {
                return Err(Error::unsupported(
                    at.clone(),
                    format!(
                        "a next-page operation, `{wanted}`, whose required parameter `{}` the first call does not take (with the same type)",
                        param.wire_name
                    ),
                ))
            }
        }
    }
    Ok((next, args))
}

/// Whether an error stops only the operation it is in (the spec is otherwise usable), rather
/// than the whole spec.
fn refusable(error: &Error) -> bool {
    matches!(error.kind, ErrorKind::Unsupported | ErrorKind::Invalid)
}

/// The root client's name from the spec's title: `iotHubClient` → `IotHubClient`; a title that
/// does not end in `Client` gets it appended (`IoT Hub` → `IoTHubClient`).
pub(crate) fn root_client_name(title: &str) -> String {
    let name = names::pascal(title);
    if name.ends_with("Client") { name } else { format!("{name}Client") }
}

/// The root client: name, options, endpoint and client-level fields.
fn lower_root(api: &Api) -> Result<RootClient> {
    let name = root_client_name(&api.title);
    let endpoint = checked_endpoint(api)?;
    let mut taken: BTreeSet<String> = ["client_options", "endpoint", "api_version", "pipeline"].map(String::from).into();
    let fields = api
        .client_parameters
        .iter()
        .filter(|p| !p.api_version && p.constant.is_none())
        .map(|p| {
            // A string with a default is an option the client fills in.
            let default = match (&p.default, crate::rust_types::is_string(&p.ty)) {
                (Some(serde_json::Value::String(default)), true) => Some(default.clone()),
                _ => None,
            };
            ClientField {
                wire_name: p.name.clone(),
                field: names::unique(p.rust_name.clone(), &mut taken),
                ty: p.ty.clone(),
                required: p.required && default.is_none(),
                default,
                description: p.description.clone(),
                location: p.location_in_spec.clone(),
            }
        })
        .collect();
    let host = api.host.as_ref().map(lower_host);
    Ok(RootClient {
        options_type: format!("{name}Options"),
        on_resource_manager: endpoint == RESOURCE_MANAGER && host.is_none(),
        namespace: super::tracing::lower_namespace(&api.operations, &name),
        name,
        endpoint,
        fields,
        host,
    })
}

/// A host template split into its text and its variables.
fn lower_host(host: &crate::ir::HostTemplate) -> HostModel {
    let mut parts = Vec::new();
    let mut rest = host.template.as_str();
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(HostPart::Text(rest[..open].to_string()));
        }
        // `lower` checked every `{` is closed.
        let close = rest[open..].find('}').map(|c| open + c).unwrap_or(rest.len() - 1);
        parts.push(HostPart::Variable(rest[open + 1..close].to_string()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(HostPart::Text(rest.to_string()));
    }
    HostModel { parts, scheme_prefix: host.scheme_prefix.clone() }
}

/// The default endpoint: the spec's (Resource Manager's when it names none), checked to be an
/// `http(s)://host[/path]` URL that the `url` crate (the one behind `azure_core::http::Url`)
/// parses, so the emitted `Url::parse` of the same literal cannot fail.
fn checked_endpoint(api: &Api) -> Result<String> {
    let endpoint = api.endpoint.as_deref().unwrap_or(RESOURCE_MANAGER);
    let trimmed = endpoint.trim_end_matches('/').to_string();
    let rest = trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://")).unwrap_or_default();
    let host = rest.split('/').next().unwrap_or_default();
    // A `{parameter}` in the host is not a URL error to the `url` crate, so it is refused by hand.
    let plain = !host.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | ':' | '_'));
    let parses = url::Url::parse(&trimmed).is_ok_and(|url| {
        url.host_str().is_some() && url.username().is_empty() && url.password().is_none() && url.query().is_none() && url.fragment().is_none()
    });
    if plain && parses {
        Ok(trimmed)
    } else {
        Err(Error::unsupported(
            api.endpoint_location.clone(),
            format!("the endpoint `{endpoint}` (a parameterized, non-HTTP or malformed host; expected `https://host[:port][/path]`)"),
        ))
    }
}

/// The names a method is given before its operation is lowered (so that refusing one renames
/// none of the others).
struct MethodNames {
    /// The method's.
    method: String,
    /// Its `resume_*` counterpart's, for a long-running operation (empty otherwise).
    resume: String,
    /// Its options type's.
    options_type: String,
    /// The stem of its result marker and headers trait (`{Client}{Method}Result`).
    result_type: String,
}

/// One method, or the error that refuses its operation.
fn lower_method(
    api: &Api,
    root: &RootClient,
    index: usize,
    given: MethodNames,
    lists: &mut BTreeMap<String, (String, String)>,
    models_taken: &mut BTreeSet<String>,
) -> Result<Method> {
    let op = &api.operations[index];
    if matches!(op.method, HttpMethod::Options | HttpMethod::Trace) {
        return Err(Error::unsupported(
            op.location.clone(),
            format!("the HTTP method {} (azure_core 1.x sends GET, PUT, POST, DELETE, HEAD and PATCH only)", op.method.as_str()),
        ));
    }
    // Arguments are locals of the method; options fields live in their own struct, beside
    // `method_options`.
    let mut args: BTreeSet<String> = BTreeSet::new();
    let mut fields: BTreeSet<String> = BTreeSet::from(["method_options".to_string()]);
    let mut params = Vec::new();
    for param in &op.parameters {
        let at = &param.location_in_spec;
        if param.location == ParamLocation::Cookie {
            return Err(Error::unsupported(at.clone(), "a cookie parameter (azure_core clients send no cookies)"));
        }
        check_parameter_type(api, &param.ty, at)?;
        if param.location == ParamLocation::Path && param.collection_format == Some(crate::ir::CollectionFormat::Multi) {
            return Err(Error::unsupported(
                at.clone(),
                "a path parameter with `collectionFormat: multi` (a path segment holds one value; csv, ssv, tsv and pipes are joined)",
            ));
        }
        let source = if let Some(constant) = &param.constant {
            ValueSource::Constant(match constant {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
        } else if param.client_level && param.api_version {
            ValueSource::ApiVersion
        } else if param.client_level {
            let field = root
                .fields
                .iter()
                .find(|f| f.wire_name == param.name)
                .ok_or_else(|| Error::invalid(at.clone(), format!("client parameter `{}` among the client's", param.name)))?;
            ValueSource::Client { field: field.field.clone(), required: field.required || field.default.is_some() }
        } else if param.required {
            ValueSource::Positional { name: argument_name(&param.rust_name, &mut args) }
        } else {
            ValueSource::Optional { field: names::unique(param.rust_name.clone(), &mut fields) }
        };
        let client_default = match (&source, &param.client_default) {
            (ValueSource::Optional { .. }, Some(serde_json::Value::String(text))) => Some(text.clone()),
            (ValueSource::Optional { .. }, Some(other)) => Some(other.to_string()),
            _ => None,
        };
        params.push(MethodParam {
            wire_name: param.name.clone(),
            location: param.location,
            ty: param.ty.clone(),
            source,
            collection_format: param.collection_format,
            skip_url_encoding: param.skip_url_encoding,
            client_default,
            description: param.description.clone(),
            location_in_spec: at.clone(),
        });
    }
    let body = match &op.body {
        None => None,
        Some(body) => {
            // Each part is a field of the body's model; anything else has no parts to send.
            let object_of_fields = matches!(
                resolve_alias(&api.types, &body.ty),
                TypeRef::Named(name) if matches!(api.types.get(name).map(|d| &d.kind), Some(TypeKind::Object(o)) if o.discriminator.is_none())
            );
            if body.kind == BodyKind::Multipart && !object_of_fields {
                return Err(Error::unsupported(
                    op.location.join("requestBody"),
                    "a multipart/form-data request body whose schema is not an object of fields (a form is sent one part per field)",
                ));
            }
            let constant = match &body.constant {
                Some(value) => Some(value),
                None => super::constants::constant_enum_value(api, &body.ty).filter(|_| body.required && body.kind == BodyKind::Json),
            };
            let passing = if let Some(value) = constant {
                Passing::Constant { json: value.to_string() }
            } else if body.required {
                Passing::Positional { name: argument_name(&body.rust_name, &mut args) }
            } else {
                Passing::Optional { field: names::unique(body.rust_name.clone(), &mut fields) }
            };
            Some(MethodBody {
                wire_name: body.name.clone(),
                kind: body.kind,
                content_type: body.content_type.clone(),
                ty: body.ty.clone(),
                description: body.description.clone(),
                passing,
            })
        }
    };
    let client_api_version = params.iter().any(|p| p.source == ValueSource::ApiVersion);
    let kind = if let Some(lro) = &op.long_running {
        let mut poller = lower_poller(op, lro, given.resume);
        if let Some(pageable) = &op.pageable {
            poller.pages = Some(lower_pager(api, op, pageable, lists)?);
            // The method waits and returns the pages: no poller to resume.
            poller.resume_method.clear();
        }
        MethodKind::Poller(poller)
    } else if let Some(pageable) = &op.pageable {
        MethodKind::Pager(lower_pager(api, op, pageable, lists)?)
    } else if op.method == HttpMethod::Head {
        MethodKind::Exists(lower_exists(op))
    } else {
        MethodKind::Plain(lower_plain(api, op, &given.result_type, models_taken))
    };
    Ok(Method {
        operation_id: op.id.clone(),
        operation: index,
        name: given.method,
        span_name: super::tracing::span_name(&root.namespace, op),
        options_type: given.options_type,
        http_method: op.method,
        params,
        body,
        accept_json: op.produces.is_empty() || op.produces.iter().any(|p| p.contains("json")),
        client_api_version,
        request_fn: None,
        kind,
        error: lower_error(api, op),
    })
}

/// An argument's name, clear of the method body's own variables (`options` → `options_`) and
/// of the other arguments (a path and a query parameter may share a name).
fn argument_name(rust_name: &str, taken: &mut BTreeSet<String>) -> String {
    let name = if LOCALS.contains(&rust_name) { format!("{rust_name}_") } else { rust_name.to_string() };
    names::unique(name, taken)
}

/// A path, query or header parameter's type must be a scalar, an enum, or an array of them.
fn check_parameter_type(api: &Api, ty: &TypeRef, at: &Location) -> Result<()> {
    match resolve_alias(&api.types, ty) {
        TypeRef::Named(name) => match api.types.get(name).map(|d| &d.kind) {
            Some(TypeKind::Object(_)) => Err(Error::unsupported(at.clone(), "an object as a path, query or header parameter")),
            _ => Ok(()),
        },
        TypeRef::Map(_) => Err(Error::unsupported(at.clone(), "a map as a path, query or header parameter")),
        TypeRef::Array(item) => match resolve_alias(&api.types, item) {
            TypeRef::Array(_) => Err(Error::unsupported(at.clone(), "a nested array as a path, query or header parameter")),
            TypeRef::Map(_) => Err(Error::unsupported(at.clone(), "an array of maps as a path, query or header parameter")),
            TypeRef::Named(name) if matches!(api.types.get(name).map(|d| &d.kind), Some(TypeKind::Object(_))) => {
                Err(Error::unsupported(at.clone(), "an array of objects as a path, query or header parameter"))
            }
            _ => Ok(()),
        },
        _ => Ok(()),
    }
}

/// The status codes that mean success.
fn success_codes(op: &Operation) -> Vec<u16> {
    op.responses
        .iter()
        .filter(|r| !r.is_error)
        .filter_map(|r| match r.status {
            StatusCode::Code(c) => Some(c),
            StatusCode::Default => None,
        })
        .collect()
}

/// The body type the success responses share (`Nullable` when one of them may be `null`); `Any`
/// when they disagree, `None` when none has a body.
fn shared_success_type(op: &Operation) -> Option<TypeRef> {
    let mut types = op.responses.iter().filter(|r| !r.is_error).filter_map(|r| r.ty.as_ref()).map(TypeRef::strip_nullable);
    let (first, mut nullable) = types.next()?;
    let mut shared = true;
    for (ty, null) in types {
        shared &= ty == first;
        nullable |= null;
    }
    Some(match (shared, nullable) {
        (false, _) => TypeRef::Any,
        (true, false) => first.clone(),
        (true, true) => TypeRef::Nullable(Box::new(first.clone())),
    })
}

/// A plain operation's outcome.
fn lower_plain(api: &Api, op: &Operation, result_type: &str, models_taken: &mut BTreeSet<String>) -> PlainModel {
    let result = shared_success_type(op);
    // Raw bytes are streamed, not decoded.
    let streamed = matches!(result.as_ref().map(TypeRef::strip_nullable), Some((TypeRef::Primitive(crate::ir::Primitive::Binary), _)));
    let result = if streamed { None } else { result };
    let headers = lower_headers(api, op, result.is_none(), result_type, models_taken);
    let success: Vec<_> = op.responses.iter().filter(|r| !r.is_error).collect();
    let bodiless_codes = if result.is_some() {
        success
            .iter()
            .filter(|r| r.ty.is_none())
            .filter_map(|r| match r.status {
                StatusCode::Code(code) => Some(code),
                StatusCode::Default => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    // A success without a body reads as `None`: the result may be empty.
    let result = match result {
        Some(ty) if !bodiless_codes.is_empty() && !matches!(ty, TypeRef::Nullable(_)) => Some(TypeRef::Nullable(Box::new(ty))),
        other => other,
    };
    PlainModel { result, success_codes: success_codes(op), bodiless_codes, headers, streamed }
}

/// `Response`'s own methods, which a header accessor must not shadow.
const RESPONSE_METHODS: &[&str] =
    &["status", "headers", "body", "deconstruct", "into_body", "to_raw_response", "into_model"];

/// The typed headers of a plain method's successes (each header once, by wire name, the first
/// declaration's type), with the names of their trait and, without a result body, the marker
/// type its `Response` carries.
fn lower_headers(
    api: &Api,
    op: &Operation,
    bodiless: bool,
    result_type: &str,
    models_taken: &mut BTreeSet<String>,
) -> Option<ResponseHeaders> {
    let mut seen = BTreeSet::new();
    let mut methods: BTreeSet<String> = RESPONSE_METHODS.iter().map(|s| s.to_string()).collect();
    let mut accessors = Vec::new();
    for header in op.responses.iter().filter(|r| !r.is_error).flat_map(|r| &r.headers) {
        if !seen.insert(header.name.to_ascii_lowercase()) {
            continue;
        }
        let name = if RESPONSE_METHODS.contains(&header.rust_name.as_str()) {
            format!("{}_header", header.rust_name)
        } else {
            header.rust_name.clone()
        };
        accessors.push(HeaderAccessor {
            wire_name: header.name.clone(),
            method: names::unique(name, &mut methods),
            ty: resolve_alias(&api.types, &header.ty).clone(),
            description: header.description.clone(),
        });
    }
    if accessors.is_empty() {
        return None;
    }
    let marker = bodiless.then(|| names::unique(result_type.to_string(), models_taken));
    let trait_name = names::unique(format!("{result_type}Headers"), models_taken);
    Some(ResponseHeaders { trait_name, marker, accessors })
}

/// A `HEAD`'s outcome: it exists on a success, not on a `404` the spec declares (as AutoRest's
/// generators read `HEAD` operations); any other answer is an error.
fn lower_exists(op: &Operation) -> ExistsModel {
    let declared_404 = op.responses.iter().any(|r| r.status == StatusCode::Code(404));
    let true_codes = success_codes(op).into_iter().filter(|c| *c != 404).collect();
    ExistsModel { true_codes, false_codes: if declared_404 { vec![404] } else { Vec::new() } }
}

/// A long-running operation's outcome: its result type (`final-state-schema`, else the body of
/// 200, of 201, or what the successes share; nothing when none has a body) and where the
/// result is read (`final-state-via`, else the ARM default: `PUT`/`PATCH` read the original URI,
/// `POST` its `Location`, `DELETE` its last answer).
fn lower_poller(op: &Operation, lro: &crate::ir::LongRunning, resume_method: String) -> PollerModel {
    let mut initial_codes = success_codes(op);
    for code in LRO_INITIAL {
        if !initial_codes.contains(&code) {
            initial_codes.push(code);
        }
    }
    initial_codes.sort_unstable();
    let body_of = |code| op.responses.iter().find(|r| r.status == StatusCode::Code(code)).and_then(|r| r.ty.clone());
    let result =
        lro.final_state_schema.clone().or_else(|| body_of(200)).or_else(|| body_of(201)).or_else(|| shared_success_type(op));
    let final_state = match (&result, lro.final_state_via, op.method) {
        (None, _, _) => FinalState::None,
        (_, Some(FinalStateVia::OriginalUri), _) => FinalState::OriginalUri,
        (_, Some(FinalStateVia::Location), _) => FinalState::Location,
        (_, Some(FinalStateVia::AzureAsyncOperation | FinalStateVia::OperationLocation), _) => FinalState::AsyncOperation,
        (_, None, HttpMethod::Put | HttpMethod::Patch) => FinalState::OriginalUri,
        // A DELETE with a result reads it from the last answer, as Azure's Go runtime does.
        (_, None, HttpMethod::Delete) => FinalState::AsyncOperation,
        (_, None, _) => FinalState::Location,
    };
    PollerModel { resume_method, result, final_state, initial_codes, pages: None }
}

/// A pageable operation's outcome: its list type, with the item and next-link fields checked.
/// Operations listing the same type must agree on its item field (a type has one `Page` impl);
/// `lists` holds, per list type, the first operation listing it and its item field.
fn lower_pager(
    api: &Api,
    op: &Operation,
    pageable: &Pageable,
    lists: &mut BTreeMap<String, (String, String)>,
) -> Result<PagerModel> {
    let at = op.location.join("x-ms-pageable");
    let Some(TypeRef::Named(list_type)) = shared_success_type(op) else {
        return Err(Error::unsupported(at, "a pageable operation whose success response is not a named object type"));
    };
    let Some(TypeKind::Object(object)) = api.types.get(&list_type).map(|d| &d.kind) else {
        return Err(Error::unsupported(at, format!("a pageable operation whose list type `{list_type}` is not an object")));
    };
    let items = object
        .fields
        .iter()
        .find(|f| f.wire_name == pageable.item_name)
        .ok_or_else(|| Error::invalid(at.clone(), format!("list type `{list_type}` to have the item field `{}`", pageable.item_name)))?;
    let TypeRef::Array(item_type) = &items.ty else {
        return Err(Error::invalid(at, format!("the item field `{}` of `{list_type}` to be an array", pageable.item_name)));
    };
    let next_link = match &pageable.next_link_name {
        Some(name) => {
            let field = object
                .fields
                .iter()
                .find(|f| &f.wire_name == name)
                .ok_or_else(|| Error::invalid(at.clone(), format!("list type `{list_type}` to have the next-link field `{name}`")))?;
            if !matches!(field.ty, TypeRef::Primitive(_)) {
                return Err(Error::invalid(at, format!("the next-link field `{name}` of `{list_type}` to be a string")));
            }
            Some(NextLink {
                wire_name: field.wire_name.clone(),
                field: field.rust_name.clone(),
                optional: !field_is_plain(field),
            })
        }
        None => None,
    };
    match lists.get(&list_type) {
        Some((first, item_name)) if *item_name != pageable.item_name => {
            return Err(Error::unsupported(
                at,
                format!(
                    "pageable operations listing the same type `{list_type}` with different item fields (`{first}` reads `{item_name}`, `{}` reads `{}`)",
                    op.id, pageable.item_name
                ),
            ));
        }
        Some(_) => {}
        None => {
            lists.insert(list_type.clone(), (op.id.clone(), pageable.item_name.clone()));
        }
    }
    Ok(PagerModel {
        item_field: items.rust_name.clone(),
        items_optional: !field_is_plain(items),
        item_type: (**item_type).clone(),
        list_type,
        next_link,
        next_operation: None,
        success_codes: success_codes(op),
    })
}

/// The error types of an operation: its error type for any status, and the statuses whose
/// error response has a body type of its own.
fn lower_error(api: &Api, op: &Operation) -> ErrorModel {
    let mut by_status: Vec<StatusError> = op
        .responses
        .iter()
        .filter(|r| r.is_error)
        .filter_map(|r| match (r.status, &r.ty) {
            (StatusCode::Code(status), Some(ty)) if Some(ty) != op.error.as_ref() => {
                Some(StatusError { status, ty: ty.clone() })
            }
            _ => None,
        })
        .collect();
    by_status.sort_by_key(|e| e.status);
    ErrorModel { ty: op.error.clone(), by_status, envelope: error_is_envelope(api, op) }
}

/// Whether the operation's error type wraps the error in an `error` field (common-types
/// `ErrorResponse`) rather than being the error itself (IoT Hub's `ErrorDetails`). An untyped
/// error keeps the ARM envelope.
fn error_is_envelope(api: &Api, op: &Operation) -> bool {
    match op.error.as_ref().map(|t| resolve_alias(&api.types, t)) {
        Some(TypeRef::Named(name)) => match api.types.get(name).map(|d| &d.kind) {
            Some(TypeKind::Object(o)) => o.fields.iter().any(|f| f.wire_name == "error"),
            _ => true,
        },
        _ => true,
    }
}
