//! One example's test: the request the server expects, the answers it serves, the call and the
//! checks, from the example's parameters and responses (an example file's, or a synthesized
//! one's).

use std::collections::BTreeMap;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};

use super::synthesize::{self, FollowUp, Target};
use super::walk::Walk;
use super::{
    next_link_property, scalar_text, spec_constant, Answer, ArgValue, Call, Check, ClientArg, Comparison, ExampleTest, ExpectedBody, ExpectedParam, ExpectedRequest, FormPart, OptionsValue, Poll, RequestBodyValue, TestBody,
};
use crate::error::{Error, Result};
use crate::ir::{
    Api, BodyKind, Client, CollectionFormat, ExampleResponse, HttpMethod, Method, MethodKind, Operation, ParamLocation, Passing, Primitive, StatusCode,
    TypeRef, ValueSource,
};
use crate::rust_types::{argument_form, body_codec, codec, is_string, is_string_primitive, resolve_alias, ArgumentForm};

/// What an example is the example of.
pub(super) struct Site<'a> {
    /// The IR.
    pub api: &'a Api,
    /// The client whose method is called.
    pub client: &'a Client,
    /// The method.
    pub method: &'a Method,
    /// Its operation.
    pub operation: &'a Operation,
}

/// The test of one example (`file`: its file, or `SYNTHESIZED`), or the reason it is ignored.
/// `follow_ups`: the polls a synthesized example scripts (an example file's are derived here).
pub(super) fn plan_example(
    site: &Site<'_>,
    file: &str,
    parameters: &Map<String, Value>,
    responses: &BTreeMap<String, ExampleResponse>,
    follow_ups: &[FollowUp],
) -> Result<TestBody> {
    let Site { api, method, operation, .. } = *site;
    let at = operation.location.join("x-ms-examples");
    let mut disagreements = Vec::new();
    let coerced = coerce_scalars(api, method, parameters, &mut disagreements);
    let parameters = &coerced;

    // The request the server expects.
    let path = expected_path(operation, parameters, &mut disagreements)?;
    let params = expected_params(api, method, operation, parameters, &mut disagreements);
    let client_args = plan_client_args(api, method, parameters, &mut disagreements);

    // The request body, as the client should send it: the example's, less what the model drops.
    let mut request_body = None;
    let mut body = ExpectedBody::None;
    if let Some(method_body) = &method.body {
        // The test server compares JSON and multipart bodies; an urlencoded form is not checked.
        if method_body.kind == BodyKind::Form {
            return Ok(TestBody::Ignored(format!(
                "example {file} is of an operation whose body is {}, which the example tests do not check yet",
                method_body.content_type
            )));
        }
        match (&method_body.passing, parameters.get(&method_body.wire_name)) {
            // The method sends the constant whatever the example says (the one value the spec
            // allows), and the caller passes nothing.
            (Passing::Constant { json }, _) => {
                let constant = serde_json::from_str(json)
                    .map_err(|e| Error::invalid(at.clone(), format!("the constant body `{json}` as JSON ({e})")))?;
                body = ExpectedBody::Json { content_type: method_body.content_type.clone(), body: constant };
            }
            (_, Some(value)) => {
                let what = format!("request body `{}`", method_body.wire_name);
                let mut walk = Walk::new(api, &mut disagreements, what, &at);
                let expected = walk.normalize(&method_body.ty, value, "", None)?;
                let form = method_body.kind == BodyKind::Multipart;
                request_body = Some(RequestBodyValue { ty: method_body.ty.clone(), example: value.clone(), form });
                body = if form {
                    ExpectedBody::Multipart { parts: form_parts(api, &method_body.ty, &expected) }
                } else {
                    ExpectedBody::Json { content_type: method_body.content_type.clone(), body: expected }
                };
            }
            (Passing::Positional { .. }, None) => {
                return Ok(TestBody::Ignored(format!(
                    "example {file} does not give the required body parameter `{}`",
                    method_body.wire_name
                )));
            }
            (Passing::Optional { .. }, None) => {}
        }
    }
    let request = ExpectedRequest { method: method.http_method, path, params, body };

    // The response the server sends: the operation's final answer among the example's.
    let Some((status, response)) = pick_response(operation, responses) else {
        return Ok(TestBody::Ignored(format!("example {file} lists no success (2xx) response")));
    };
    let served = served(method, response);
    if !operation.responses.iter().any(|r| r.status == StatusCode::Code(status)) {
        disagreements.push(format!("the example answers {status}, which the spec does not declare for this operation"));
    }
    let mut headers: Vec<(String, String)> = served.headers.iter().map(|(name, value)| (name.clone(), scalar_text(value))).collect();
    // A long-running PUT or PATCH whose example answers a state still in progress is polled at
    // its own URL until it ends: the test answers that poll with the same resource, ended. One
    // whose example answers only `202` (its monitor headers, left out above, named the live
    // service) names a monitor on the test server instead, as a synthesized example does.
    let polls = if !follow_ups.is_empty() {
        follow_ups.to_vec()
    } else if matches!(method.kind, MethodKind::Poller(_)) && status == 202 {
        match synthesize::accepted_polls(api, method) {
            Ok((monitor_headers, polls)) => {
                headers.extend(monitor_headers.iter().map(|(name, value)| (name.clone(), scalar_text(value))));
                polls
            }
            Err(reason) => return Ok(TestBody::Ignored(format!("example {file} answers 202, and {reason}"))),
        }
    } else {
        still_provisioning(method, status, &served)
    };
    // The poller waits `Retry-After` (its default frequency, 30 s, without one) before a poll.
    if !polls.is_empty() && !served.headers.keys().any(|k| k.eq_ignore_ascii_case("retry-after")) {
        headers.push(("Retry-After".into(), "0".into()));
    }
    let answer = Answer { status, headers, body: served.body };

    // The call, and what is checked of its result.
    let call = match plan_call(site, request_body, parameters) {
        Ok(call) => call,
        Err(reason) => return Ok(TestBody::Ignored(format!("example {file} {reason}"))),
    };
    let polls: Vec<Poll> = polls
        .into_iter()
        .map(|poll| Poll {
            path: poll.target.path().map(str::to_string).unwrap_or_else(|| request.path.clone()),
            status: if poll.body.is_some() { 200 } else { 204 },
            body: poll.body,
        })
        .collect();
    // The last answer is the result.
    let result_body = match polls.last() {
        Some(last) => &last.body,
        None => &answer.body,
    };
    let comparison = match (result_body, result_type(method)) {
        (Some(body), Some(ty)) => {
            let mut walk = Walk::new(api, &mut disagreements, "response body".to_string(), &at);
            let expected = walk.normalize(&ty, body, "", Some(Vec::new()))?;
            Some(Comparison { expected, read_only: walk.into_read_only(), codec: body_codec(&api.types, &ty) })
        }
        _ => None,
    };
    let check = match (&method.kind, comparison) {
        (MethodKind::Plain(_), comparison) => Check::Plain(comparison),
        (MethodKind::Pager(_), Some(comparison)) => Check::Pager(comparison),
        (MethodKind::Pager(_), None) => {
            return Ok(TestBody::Ignored(format!("example {file} answers a page without a body")));
        }
        (MethodKind::Poller(poller), Some(comparison)) if poller.pages.is_some() => Check::PollerPages(comparison),
        (MethodKind::Poller(poller), None) if poller.pages.is_some() => {
            return Ok(TestBody::Ignored(format!("example {file} answers a page without a body")));
        }
        (MethodKind::Poller(_), comparison) => Check::Poller(comparison),
        (MethodKind::Exists(_), _) => Check::Exists,
    };
    Ok(TestBody::Run(Box::new(ExampleTest {
        example: file.to_string(),
        disagreements,
        request,
        answer,
        polls,
        client_args,
        call,
        check,
    })))
}

/// The query parameters and headers the request must carry, in the spec's order: the values the
/// client fixes (constants, its api-version), then the example's, joined as their collection
/// format says.
fn expected_params(
    api: &Api,
    method: &Method,
    operation: &Operation,
    parameters: &Map<String, Value>,
    disagreements: &mut Vec<String>,
) -> Vec<ExpectedParam> {
    let mut params = Vec::new();
    for param in &method.params {
        let value = parameters.get(&param.wire_name);
        let name = param.wire_name.clone();
        let text = match &param.source {
            ValueSource::Constant(text) => {
                // The client always sends the spec's one value (an operation's own fixed
                // api-version among them).
                let constant = spec_constant(operation, param).cloned().unwrap_or_else(|| Value::String(text.clone()));
                if value.is_some_and(|v| *v != constant) {
                    disagreements.push(format!(
                        "the example gives `{}` the value {}, the spec allows only {constant} (the client sends that)",
                        param.wire_name,
                        value.map(Value::to_string).unwrap_or_default()
                    ));
                }
                text.clone()
            }
            ValueSource::ApiVersion => {
                // The client sends its own api-version.
                if param.location != ParamLocation::Query {
                    continue;
                }
                let version = api.api_version.as_str();
                if let Some(value) = value.and_then(Value::as_str) {
                    if value != version {
                        disagreements.push(format!(
                            "the example's api-version is {value}, the spec's is {version} (the client sends the spec's)"
                        ));
                    }
                }
                version.to_string()
            }
            // The constructor's (in the path) or the client options' (none in the examples).
            ValueSource::Client { .. } => continue,
            ValueSource::Positional { .. } | ValueSource::Optional { .. } => {
                let Some(value) = value else { continue };
                // A list is joined as its collection format says, or sent once per value (`multi`).
                if let Value::Array(items) = value {
                    let items: Vec<String> = items.iter().map(scalar_text).collect();
                    match param.collection_format.unwrap_or(CollectionFormat::Csv).separator() {
                        Some(separator) => items.join(separator),
                        None if param.location == ParamLocation::Query => {
                            params.push(ExpectedParam::QueryAll { name, values: items });
                            continue;
                        }
                        None => items.concat(),
                    }
                } else {
                    scalar_text(value)
                }
            }
        };
        match param.location {
            ParamLocation::Query => params.push(ExpectedParam::Query { name, value: text }),
            ParamLocation::Header => params.push(ExpectedParam::Header { name, value: text }),
            _ => {}
        }
    }
    params
}

/// The client helper's arguments: the example's values of the constructor's parameters (a
/// placeholder where the method does not use one).
fn plan_client_args(
    api: &Api,
    method: &Method,
    parameters: &Map<String, Value>,
    disagreements: &mut Vec<String>,
) -> Vec<ClientArg> {
    let placeholder = || Value::String("00000000-0000-0000-0000-000000000000".into());
    let mut args = Vec::new();
    for field in api.clients.root.fields.iter().filter(|f| f.required) {
        // Only a parameter the method uses is the example's to give.
        let used = method
            .params
            .iter()
            .any(|p| matches!(&p.source, ValueSource::Client { field: f, .. } if *f == field.field));
        let value = match parameters.get(&field.wire_name) {
            Some(value) => value.clone(),
            None => {
                if used {
                    disagreements.push(format!("the example gives no value for client parameter `{}`", field.wire_name));
                }
                placeholder()
            }
        };
        // As the helper takes it: a string as its text, anything else as JSON.
        args.push(if is_string(&field.ty) { ClientArg::Str(scalar_text(&value)) } else { ClientArg::Json(value) });
    }
    args
}

/// Characters percent-encoded in one path segment: all but RFC 3986's unreserved ones, so that
/// no value can change the structure of the URL.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The path the client should send for the example: the template with each parameter
/// percent-encoded as one segment (as written when `x-ms-skip-url-encoding`).
pub(super) fn expected_path(
    operation: &Operation,
    parameters: &Map<String, Value>,
    disagreements: &mut Vec<String>,
) -> Result<String> {
    let mut out = String::new();
    let mut rest = operation.path.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            return Err(Error::invalid(operation.location.clone(), "a path template whose `{` are closed"));
        };
        let name = &rest[open + 1..open + close];
        let parameter = operation.parameters.iter().find(|p| p.location == ParamLocation::Path && p.name == name);
        let value = match parameters.get(name) {
            Some(value) => scalar_text(value),
            None => {
                disagreements.push(format!("the example gives no value for path parameter `{name}`"));
                String::new()
            }
        };
        if parameter.is_some_and(|p| p.skip_url_encoding) {
            out.push_str(&value);
        } else {
            out.extend(utf8_percent_encode(&value, PATH_SEGMENT));
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The example response the test serves: the lowest success status the example lists that the
/// spec declares, else the lowest (for a long-running operation that is its terminal `200` when
/// there is one, which needs no polling; the polling itself is covered by the scenario tests).
fn pick_response<'r>(
    operation: &Operation,
    responses: &'r BTreeMap<String, ExampleResponse>,
) -> Option<(u16, &'r ExampleResponse)> {
    let declared = |code: u16| operation.responses.iter().any(|r| r.status == StatusCode::Code(code));
    responses
        .iter()
        .filter_map(|(code, response)| code.parse::<u16>().ok().map(|c| (c, response)))
        .filter(|(code, _)| (200..300).contains(code))
        .min_by_key(|(code, _)| (!declared(*code), *code))
}

/// The example's response as the test serves it, less what names the live service: a page's
/// next link (the test serves one page, and so expects one), and a long-running operation's
/// monitor headers with absolute URLs (the poller then goes by the status and body, as it does
/// for an answer without them; polling is covered by the scenario tests and synthesized
/// examples).
fn served(method: &Method, response: &ExampleResponse) -> ExampleResponse {
    let mut served = response.clone();
    match &method.kind {
        MethodKind::Pager(pager) => {
            if let (Some(next), Some(Value::Object(page))) = (next_link_property(pager), &mut served.body) {
                if page.get(next).is_some_and(|v| !v.is_null()) {
                    page.remove(next);
                }
            }
        }
        MethodKind::Poller(_) => served.headers.retain(|name, value| {
            let monitor = ["azure-asyncoperation", "operation-location", "location"].iter().any(|h| name.eq_ignore_ascii_case(h));
            let absolute = value.as_str().is_some_and(|v| v.starts_with("http://") || v.starts_with("https://"));
            !(monitor && absolute)
        }),
        MethodKind::Plain(_) | MethodKind::Exists(_) => {}
    }
    served
}

/// The poll a long-running `PUT`/`PATCH` answered with `response` (of `status`) still needs:
/// none when the body reports no state or a terminal one (as the emitted poller reads
/// `properties.provisioningState`), else a `GET` of the operation's URL answering the same body
/// with the state `Succeeded`; for a `201` without a body (still creating), a `GET` answering
/// `204`.
fn still_provisioning(method: &Method, status: u16, response: &ExampleResponse) -> Vec<FollowUp> {
    let (MethodKind::Poller(_), HttpMethod::Put | HttpMethod::Patch) = (&method.kind, method.http_method) else {
        return Vec::new();
    };
    let Some(body) = &response.body else {
        // A 201 with no state is still creating, as the official runtimes read it: the resource
        // is polled, and answers 204 when it is done.
        return if status == 201 { vec![FollowUp { target: Target::Original, body: None }] } else { Vec::new() };
    };
    let mut ended = body.clone();
    let state = match ended.get("status").and_then(Value::as_str) {
        Some(_) => ended.get_mut("status"),
        None => ended.get_mut("properties").and_then(|p| p.get_mut("provisioningState")),
    };
    let Some(state) = state else { return Vec::new() };
    let terminal = state.as_str().is_some_and(|s| ["succeeded", "failed", "canceled"].iter().any(|t| s.eq_ignore_ascii_case(t)));
    if terminal || !state.is_string() {
        return Vec::new();
    }
    *state = Value::String("Succeeded".into());
    vec![FollowUp { target: Target::Original, body: Some(ended) }]
}

/// The type of the value the call yields, as the client model types it: a plain method's
/// result, a pager's list type (each page), a poller's final result.
fn result_type(method: &Method) -> Option<TypeRef> {
    match &method.kind {
        MethodKind::Plain(plain) => plain.result.clone(),
        MethodKind::Pager(pager) => Some(TypeRef::Named(pager.list_type.clone())),
        MethodKind::Poller(poller) => poller.result.clone(),
        MethodKind::Exists(_) => None,
    }
}

/// The parts of a `multipart/form-data` body whose model `ty` holds the (normalized) example
/// `value`, as the runtime's encoder writes them: one per field present, in the model's field
/// order, a list one per item; a file field's bytes (a list of numbers in JSON) as a file part,
/// a string as it is, anything else as its JSON text.
pub(super) fn form_parts(api: &Api, ty: &TypeRef, value: &Value) -> Vec<(String, FormPart)> {
    let fields = match resolve_alias(&api.types, ty) {
        TypeRef::Named(name) => match api.types.get(name).map(|d| &d.kind) {
            Some(crate::ir::TypeKind::Object(object)) => object.fields.as_slice(),
            _ => &[],
        },
        _ => &[],
    };
    let mut parts = Vec::new();
    for field in fields {
        let Some(value) = value.get(&field.wire_name).filter(|v| !v.is_null()) else { continue };
        match (field.ty.strip_nullable().0, value) {
            (TypeRef::Array(item), Value::Array(items)) => {
                parts.extend(items.iter().filter(|i| !i.is_null()).map(|i| (field.wire_name.clone(), form_part(item, i))));
            }
            (ty, value) => parts.push((field.wire_name.clone(), form_part(ty, value))),
        }
    }
    parts
}

/// One part's content: a value of `ty` as the runtime's encoder writes it.
fn form_part(ty: &TypeRef, value: &Value) -> FormPart {
    match (ty.strip_nullable().0, value) {
        (TypeRef::Primitive(Primitive::File), Value::Array(bytes)) => {
            FormPart::File(bytes.iter().filter_map(Value::as_u64).filter_map(|n| u8::try_from(n).ok()).collect())
        }
        (_, Value::String(text)) => FormPart::Text(text.clone()),
        (_, other) => FormPart::Text(other.to_string()),
    }
}

/// The call: the positional arguments as the method takes them (its parameters in spec order,
/// then the body), and the options with the optional values the example gives; or what the
/// example lacks.
fn plan_call(
    site: &Site<'_>,
    request_body: Option<RequestBodyValue>,
    parameters: &Map<String, Value>,
) -> std::result::Result<Call, String> {
    let Site { api, client, method, .. } = *site;
    let mut args = Vec::new();
    let mut fields = Vec::new();
    for param in &method.params {
        let value = parameters.get(&param.wire_name);
        match &param.source {
            ValueSource::Positional { .. } => {
                let Some(value) = value else {
                    return Err(format!("does not give the required parameter `{}`", param.wire_name));
                };
                args.push(positional_value(api, &param.ty, value));
            }
            ValueSource::Optional { field } => {
                if let Some(value) = value {
                    fields.push((field.clone(), owned_value(api, &param.ty, value)));
                }
            }
            ValueSource::Constant(_) | ValueSource::ApiVersion | ValueSource::Client { .. } => {}
        }
    }
    if let Some(body) = &method.body {
        match &body.passing {
            // A form's model is borrowed.
            Passing::Positional { .. } if matches!(body.kind, BodyKind::Form | BodyKind::Multipart) => {
                args.push(ArgValue::Ref(Box::new(ArgValue::RequestBody)))
            }
            Passing::Positional { .. } => args.push(ArgValue::RequestBody),
            Passing::Optional { field } if parameters.contains_key(&body.wire_name) => {
                fields.push((field.clone(), ArgValue::RequestBody));
            }
            Passing::Optional { .. } | Passing::Constant { .. } => {}
        }
    }
    let options = (!fields.is_empty()).then(|| OptionsValue { type_name: method.options_type.clone(), fields });
    Ok(Call { accessor: client.accessor.clone(), method: method.name.clone(), request_body, args, options })
}

/// A positional argument of type `ty` from its example JSON, as the method takes it.
fn positional_value(api: &Api, ty: &TypeRef, value: &Value) -> ArgValue {
    match argument_form(ty) {
        // A string as its text (an example may write a number for a string parameter).
        ArgumentForm::Str => ArgValue::Str(scalar_text(value)),
        ArgumentForm::Slice(_) => ArgValue::Slice(value.clone(), codec(&api.types, ty)),
        ArgumentForm::Bytes => ArgValue::Ref(Box::new(owned_value(api, ty, value))),
        ArgumentForm::Json => ArgValue::Ref(Box::new(ArgValue::Json(value.clone(), None))),
        ArgumentForm::Owned => owned_value(api, ty, value),
    }
}

/// An owned value of type `ty` from its example JSON: strings as they are, anything else decoded
/// (dates, durations and bytes by the codec that reads them off the wire).
fn owned_value(api: &Api, ty: &TypeRef, value: &Value) -> ArgValue {
    match (resolve_alias(&api.types, ty), value) {
        (TypeRef::Primitive(p), Value::String(s)) if is_string_primitive(p) => ArgValue::String(s.clone()),
        _ => ArgValue::Json(value.clone(), codec(&api.types, ty)),
    }
}

/// The example's parameters, less those given as `null`, with numbers and booleans written as
/// strings (`"history": "5000"`, as examples often give query values) turned into the JSON type
/// the spec declares, each one reported.
fn coerce_scalars(api: &Api, method: &Method, parameters: &Map<String, Value>, disagreements: &mut Vec<String>) -> Map<String, Value> {
    // A `null` value gives nothing (Chaos' examples write `"continuationToken": null`).
    let mut out: Map<String, Value> = parameters.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect();
    for param in &method.params {
        let Some(Value::String(text)) = parameters.get(&param.wire_name) else { continue };
        let TypeRef::Primitive(primitive) = resolve_alias(&api.types, &param.ty) else { continue };
        let parsed = match primitive {
            Primitive::Int32 | Primitive::Int64 | Primitive::UnixTime => text.parse::<i64>().ok().map(Value::from),
            // An integral number stays an integer, so it reads as the client writes it (`5000`).
            Primitive::Float32 | Primitive::Float64 => text
                .parse::<i64>()
                .ok()
                .map(Value::from)
                .or_else(|| text.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number)),
            Primitive::Bool => text.parse::<bool>().ok().map(Value::Bool),
            _ => None,
        };
        if let Some(parsed) = parsed {
            disagreements.push(format!(
                "the example writes `{}` as the string {text:?}, the spec says {primitive:?} (the test passes {parsed})",
                param.wire_name
            ));
            out.insert(param.wire_name.clone(), parsed);
        }
    }
    out
}
