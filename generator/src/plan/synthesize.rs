//! Examples synthesized from the spec, for the operations no example file covers.
//!
//! An operation's example file may be missing from the checkout a spec was vendored from (of the
//! 38 the IoT Hub 2023-06-30 spec names, upstream publishes all, but 21 are not in the partial
//! checkout `specs/` was imported from), and some operations name none. So that every operation
//! is still exercised end to end, the plan builds an example from the operation's schemas:
//! a value for every parameter (optional ones included, so the options structs are exercised),
//! a request body and a success response with every property filled (read-only ones too: the
//! request must leave them out and the response must decode them), one entry in each map and
//! array, and the first variant of each discriminated union. The values are fixed, so the
//! output stays deterministic, and chosen to catch lossy encodings: an int64 above 2^53, dates
//! with seconds, base64 bytes.
//!
//! A long-running operation answers a terminal status (`Succeeded`) when it declares one; one
//! that declares only `202` names a status monitor that reports `Succeeded`, and the result is
//! read where its final state says. A pageable operation answers a single page (no next link).
//! Longer polling and paging have their own hand-written scenario tests.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::{next_link_property, spec_constant};
use crate::ir::{
    Api, BodyKind, CollectionFormat, ExampleResponse, FinalState, Method, MethodKind, ObjectType, Operation, ParamLocation,
    Primitive, StatusCode, TypeKind, TypeRef, ValueSource,
};
use crate::rust_types::resolve_alias;

/// An example built from the spec, in the shape of an example file's content.
pub(crate) struct Synthesized {
    /// `parameters`, by wire name (the body under its parameter name).
    pub parameters: Map<String, Value>,
    /// `responses`: the one success response the test serves first, by status code.
    pub responses: BTreeMap<String, ExampleResponse>,
    /// For a long-running operation that answers only `202`: the requests the poller then
    /// sends, in order, with their answers; the last one's body is the operation's result.
    pub follow_ups: Vec<FollowUp>,
}

/// A `GET` the poller sends after the first response, and its answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FollowUp {
    /// Where it is sent.
    pub target: Target,
    /// The answer's body (its status is 200).
    pub body: Option<Value>,
}

/// Where a follow-up `GET` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The status monitor the first response names in `Azure-AsyncOperation`.
    Monitor,
    /// The result the first response names in `Location`.
    Location,
    /// The operation's own URL.
    Original,
}

impl Target {
    /// The path of a monitor or location (relative, as services may send them); `None` for
    /// the operation's own URL.
    pub(crate) fn path(self) -> Option<&'static str> {
        match self {
            Target::Monitor => Some(MONITOR),
            Target::Location => Some(RESULT),
            Target::Original => None,
        }
    }
}

/// The status monitor a synthesized `202` names.
pub(crate) const MONITOR: &str = "/synthesized/operations/1";
/// The result location a synthesized `202` names.
pub(crate) const RESULT: &str = "/synthesized/operationResults/1";

/// How deep nested objects are filled before only required properties are (recursive types
/// would otherwise never end).
const MAX_DEPTH: usize = 6;

/// An example for `method` (of `operation`), or why none can be built (a test that cannot be
/// honest is not emitted; the reason becomes an ignored test's).
pub(crate) fn synthesize(api: &Api, method: &Method, operation: &Operation) -> Result<Synthesized, String> {
    let mut parameters = Map::new();
    for param in &method.params {
        let name = &param.wire_name;
        let required = match &param.source {
            ValueSource::Constant(text) => {
                let constant = spec_constant(operation, param).cloned().unwrap_or_else(|| Value::String(text.clone()));
                parameters.insert(name.clone(), constant);
                continue;
            }
            ValueSource::ApiVersion => {
                parameters.insert(name.clone(), Value::String(api.api_version.clone()));
                continue;
            }
            ValueSource::Client { required, .. } => {
                if *required {
                    parameters.insert(name.clone(), Value::String(sample_text(name)));
                }
                continue;
            }
            ValueSource::Positional { .. } => true,
            ValueSource::Optional { .. } => false,
        };
        let value = match resolve_alias(&api.types, &param.ty) {
            TypeRef::Array(item) => {
                // Two values, so the test sees how they are joined (or repeated, for `multi`,
                // which only a query can be).
                let repeated = param.collection_format == Some(CollectionFormat::Multi);
                if repeated && param.location != ParamLocation::Query {
                    None
                } else {
                    list_values(api, item, name).map(Value::Array)
                }
            }
            ty => scalar_value(api, ty, name, 0),
        };
        match value {
            Some(value) => {
                parameters.insert(name.clone(), value);
            }
            // An optional object parameter (or a list of objects or dates) is left out; a
            // required one has no text form the test could expect.
            None if !required => {}
            None => {
                return Err(format!(
                    "no example can be synthesized for the {} parameter `{name}`, whose type has no plain text form",
                    location_name(param.location),
                ))
            }
        }
    }

    let mut filler = Filler { api, stack: Vec::new(), terminal_state: false };
    if let Some(body) = &method.body {
        if !matches!(body.kind, BodyKind::Json | BodyKind::Multipart) {
            return Err(format!("no example is synthesized for a {} request body", body.content_type));
        }
        parameters.insert(body.wire_name.clone(), filler.value(&body.ty, &body.wire_name)?);
    }

    // The response: the lowest declared success status, skipping `202` (still running) for a
    // long-running operation that declares a terminal one.
    let successes: Vec<_> = operation
        .responses
        .iter()
        .filter(|r| !r.is_error)
        .filter_map(|r| match r.status {
            StatusCode::Code(code) if (200..300).contains(&code) => Some((code, r)),
            _ => None,
        })
        .collect();
    let lro = matches!(method.kind, MethodKind::Poller(_));
    let chosen = successes
        .iter()
        .filter(|(code, _)| !(lro && *code == 202))
        .min_by_key(|(code, _)| *code)
        .or_else(|| successes.iter().min_by_key(|(code, _)| *code))
        .copied();
    let (status, response) = match chosen {
        Some(found) => found,
        // A spec that declares no success response at all still answers 200 in ARM.
        None => {
            let mut responses = BTreeMap::new();
            responses.insert("200".to_string(), ExampleResponse { headers: Map::new(), body: None });
            return Ok(Synthesized { parameters, responses, follow_ups: Vec::new() });
        }
    };
    filler.terminal_state = lro;
    if lro && status == 202 {
        return accepted(method, &mut filler, parameters);
    }
    let body = match &response.ty {
        Some(TypeRef::Primitive(Primitive::Binary)) => {
            return Err("no example is synthesized for a binary response body".into())
        }
        Some(ty) => {
            let mut value = filler.value(ty, "value")?;
            // One page: no link to a next one.
            if let (MethodKind::Pager(pager), Value::Object(fields)) = (&method.kind, &mut value) {
                if let Some(next) = next_link_property(pager) {
                    fields.remove(next);
                }
            }
            Some(value)
        }
        None => None,
    };
    let mut responses = BTreeMap::new();
    responses.insert(status.to_string(), ExampleResponse { headers: Map::new(), body });
    Ok(Synthesized { parameters, responses, follow_ups: Vec::new() })
}

/// A long-running operation that declares no terminal success: it answers `202` naming a
/// status monitor and a result location, the monitor reports `Succeeded`, and the result is
/// read where the operation's final state says (as the client model tells the emitted poller).
fn accepted(method: &Method, filler: &mut Filler<'_>, parameters: Map<String, Value>) -> Result<Synthesized, String> {
    let (headers, follow_ups) = polls_after_accepted(method, filler)?;
    let mut responses = BTreeMap::new();
    responses.insert("202".to_string(), ExampleResponse { headers, body: None });
    Ok(Synthesized { parameters, responses, follow_ups })
}

/// The answer to a long-running operation's `202` that an example file gives only with headers
/// naming the live service: the monitor headers of a synthesized `202`, and the polls that
/// follow, the result built from the schemas (the example has none).
pub(crate) fn accepted_polls(api: &Api, method: &Method) -> Result<(Map<String, Value>, Vec<FollowUp>), String> {
    let mut filler = Filler { api, stack: Vec::new(), terminal_state: true };
    polls_after_accepted(method, &mut filler)
}

/// The headers of a `202` naming the synthesized monitor and result location, and the polls
/// that follow it, as the operation's final state says.
fn polls_after_accepted(method: &Method, filler: &mut Filler<'_>) -> Result<(Map<String, Value>, Vec<FollowUp>), String> {
    let MethodKind::Poller(poller) = &method.kind else {
        return Err("not a long-running method".into());
    };
    let final_state = poller.final_state;
    let result = match &poller.result {
        Some(ty) if final_state != FinalState::None => Some(filler.value(ty, "value")?),
        _ => None,
    };
    let mut headers = Map::new();
    headers.insert("Azure-AsyncOperation".into(), Value::String(MONITOR.into()));
    headers.insert("Location".into(), Value::String(RESULT.into()));
    let succeeded = json!({ "status": "Succeeded" });
    let follow_ups = match (final_state, result) {
        // The monitor's body is the result (a missing `status` reads as done).
        (FinalState::AsyncOperation, Some(result)) => {
            vec![FollowUp { target: Target::Monitor, body: Some(result) }]
        }
        (FinalState::Location, Some(result)) => vec![
            FollowUp { target: Target::Monitor, body: Some(succeeded) },
            FollowUp { target: Target::Location, body: Some(result) },
        ],
        (FinalState::OriginalUri, Some(result)) => vec![
            FollowUp { target: Target::Monitor, body: Some(succeeded) },
            FollowUp { target: Target::Original, body: Some(result) },
        ],
        _ => vec![FollowUp { target: Target::Monitor, body: Some(succeeded) }],
    };
    Ok((headers, follow_ups))
}

/// The `index`th sample value of a parameter (or list item) of type `ty` named `name`, if it
/// has a plain text form the example tests can pass and expect: a string, number, boolean,
/// UUID or enum value. Dates and bytes are left out: the tests write list items as JSON.
fn scalar_value(api: &Api, ty: &TypeRef, name: &str, index: usize) -> Option<Value> {
    match resolve_alias(&api.types, ty) {
        TypeRef::Primitive(Primitive::Binary) => None,
        TypeRef::Primitive(primitive) if index == 0 => Some(primitive_value(primitive, name)),
        TypeRef::Primitive(primitive) => match primitive {
            Primitive::String | Primitive::UnknownFormat(_) => Some(Value::String(format!("{}-{index}", sample_text(name)))),
            Primitive::Int32 | Primitive::Int64 => Some(json!(7 + index)),
            Primitive::Float32 | Primitive::Float64 => Some(json!(1.5 + index as f64)),
            Primitive::Bool => Some(Value::Bool(index.is_multiple_of(2))),
            Primitive::Uuid => Some(Value::String(format!("00000000-0000-0000-0000-{:012}", index + 1))),
            _ => None,
        },
        TypeRef::Named(type_name) => match api.types.get(type_name).map(|d| &d.kind) {
            Some(TypeKind::Enum(e)) => e.values.get(index).or(e.values.first()).map(|v| v.value.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Two sample items of a list parameter, when its items have a plain text form.
fn list_values(api: &Api, item: &TypeRef, name: &str) -> Option<Vec<Value>> {
    let text_form = match resolve_alias(&api.types, item) {
        TypeRef::Primitive(p) => matches!(
            p,
            Primitive::String | Primitive::UnknownFormat(_) | Primitive::Int32 | Primitive::Int64
                | Primitive::Float32 | Primitive::Float64 | Primitive::Bool | Primitive::Uuid
        ),
        TypeRef::Named(_) => true,
        _ => false,
    };
    if !text_form {
        return None;
    }
    (1..=2).map(|index| scalar_value(api, item, name, index)).collect()
}

/// How a parameter's location reads in a message.
fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        _ => "form",
    }
}

/// A string value named after what it fills (`resourceName` → `my-resource-name`).
fn sample_text(name: &str) -> String {
    format!("my-{}", heck::ToKebabCase::to_kebab_case(name))
}

/// A value of `primitive`, for the property or parameter `name`.
fn primitive_value(primitive: &Primitive, name: &str) -> Value {
    match primitive {
        Primitive::String | Primitive::UnknownFormat(_) => Value::String(sample_text(name)),
        Primitive::Bool => Value::Bool(true),
        Primitive::Int32 => json!(7),
        // Above 2^53, so a detour through f64 would change it.
        Primitive::Int64 => json!(9_007_199_254_740_993_u64),
        Primitive::Float32 => json!(1.5),
        Primitive::Float64 => json!(2.25),
        Primitive::DateTime => json!("2017-06-15T19:20:58Z"),
        Primitive::DateTimeRfc1123 => json!("Thu, 15 Jun 2017 19:20:58 GMT"),
        Primitive::UnixTime => json!(1_497_554_458),
        Primitive::Date => json!("2017-06-15"),
        Primitive::Time => json!("19:20:58"),
        Primitive::Duration => json!("PT1H30M"),
        Primitive::Uuid => json!("00000000-0000-0000-0000-000000000001"),
        // The bytes 0x00 0x01 0xfe 0xff, in standard and URL-safe base64.
        Primitive::Bytes => json!("AAH+/w=="),
        Primitive::Base64Url => json!("AAH-_w"),
        Primitive::Binary => Value::Null,
        // A file part's bytes, as its codec writes them in JSON (serde bytes: a list of numbers).
        Primitive::File => json!([0, 1, 254, 255]),
        Primitive::Url => json!("https://example.com/path"),
        Primitive::ArmId => json!(
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-resource-group/providers/Microsoft.Example/things/my-thing"
        ),
    }
}

/// Fills values of types.
struct Filler<'a> {
    api: &'a Api,
    /// The named types being filled, outermost first.
    stack: Vec<String>,
    /// Whether `status` and `provisioningState` properties report the end of an operation.
    terminal_state: bool,
}

impl Filler<'_> {
    fn value(&mut self, ty: &TypeRef, name: &str) -> Result<Value, String> {
        Ok(match ty {
            TypeRef::Any => json!({ "any": "value" }),
            TypeRef::Primitive(Primitive::Binary) => {
                return Err(format!("no example is synthesized with binary data (`{name}`)"))
            }
            TypeRef::Primitive(primitive) => {
                if self.terminal_state && is_state(name) && *primitive == Primitive::String {
                    json!("Succeeded")
                } else {
                    primitive_value(primitive, name)
                }
            }
            TypeRef::Nullable(inner) => self.value(inner, name)?,
            TypeRef::Array(item) => Value::Array(vec![self.value(item, name)?]),
            TypeRef::Map(item) => {
                let mut map = Map::new();
                map.insert("key1".into(), self.value(item, name)?);
                Value::Object(map)
            }
            TypeRef::Named(type_name) => {
                let Some(def) = self.api.types.get(type_name) else {
                    return Err(format!("the type `{type_name}` is not defined"));
                };
                match &def.kind {
                    TypeKind::Alias(target) => self.value(target, name)?,
                    TypeKind::Enum(e) => {
                        let succeeded = e.values.iter().find(|v| {
                            v.value.as_str().is_some_and(|s| s.eq_ignore_ascii_case("succeeded"))
                        });
                        match (self.terminal_state && is_state(name), succeeded) {
                            (true, Some(v)) => v.value.clone(),
                            _ => e
                                .values
                                .first()
                                .map(|v| v.value.clone())
                                .unwrap_or_else(|| primitive_value(&e.base, name)),
                        }
                    }
                    TypeKind::Object(object) => {
                        // A union is written as one of its variants.
                        if let Some(discriminator) = &object.discriminator {
                            if let Some(variant) = discriminator
                                .variants
                                .values()
                                .find(|v| *v != type_name)
                            {
                                return self.value(&TypeRef::Named(variant.clone()), name);
                            }
                        }
                        self.object(type_name, object)?
                    }
                }
            }
        })
    }

    fn object(&mut self, type_name: &str, object: &ObjectType) -> Result<Value, String> {
        // Past the depth limit, or inside itself, only what the type requires.
        let only_required =
            self.stack.len() >= MAX_DEPTH || self.stack.iter().any(|t| t == type_name);
        if self.stack.len() >= MAX_DEPTH * 2 {
            return Err(format!(
                "the required properties of `{type_name}` nest without end"
            ));
        }
        self.stack.push(type_name.to_string());
        let mut out = Map::new();
        for field in &object.fields {
            if only_required && !field.required {
                continue;
            }
            let value = match &object.discriminator_value {
                Some(kind) if is_discriminator_of(self.api, object, &field.wire_name, 0) => {
                    Value::String(kind.clone())
                }
                _ => self.value(&field.ty, &field.wire_name)?,
            };
            out.insert(field.wire_name.clone(), value);
        }
        if let (Some(extra), false) = (&object.additional_properties, only_required) {
            let value = self.value(extra, "additionalProperty")?;
            out.insert("additionalProperty".into(), value);
        }
        self.stack.pop();
        Ok(Value::Object(out))
    }
}

/// Whether `wire_name` is the property through which one of `object`'s union bases (direct or
/// not) tells its variants apart.
fn is_discriminator_of(api: &Api, object: &ObjectType, wire_name: &str, depth: usize) -> bool {
    depth < 16
        && object.bases.iter().any(|base| match api.types.get(base).map(|d| &d.kind) {
            Some(TypeKind::Object(base)) => {
                base.discriminator.as_ref().is_some_and(|d| d.property == wire_name)
                    || is_discriminator_of(api, base, wire_name, depth + 1)
            }
            _ => false,
        })
}

/// A property that reports how an operation or a resource's provisioning stands.
fn is_state(name: &str) -> bool {
    name == "status" || name == "provisioningState"
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ir::testing::{self, field, parameter};
    use crate::ir::{Discriminator, FinalStateVia, HttpMethod, LongRunning, Pageable, RequestBody};

    fn object(name: &str, fields: Vec<crate::ir::Field>, bases: &[&str]) -> (String, crate::ir::TypeDef) {
        let (name, mut def) = testing::object(name, fields);
        if let TypeKind::Object(o) = &mut def.kind {
            o.bases = bases.iter().map(|b| b.to_string()).collect();
        }
        (name, def)
    }

    fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.into())
    }

    fn prim(p: Primitive) -> TypeRef {
        TypeRef::Primitive(p)
    }

    fn api() -> Api {
        let (_, mut pet) = object("Pet", vec![field("kind", prim(Primitive::String), true, false)], &[]);
        if let TypeKind::Object(o) = &mut pet.kind {
            o.discriminator = Some(Discriminator {
                property: "kind".into(),
                variants: [("cat".to_string(), "Cat".to_string())].into(),
            });
        }
        let (_, mut cat) = object(
            "Cat",
            vec![
                field("kind", prim(Primitive::String), true, false),
                field("lives", prim(Primitive::Int32), false, false),
            ],
            &["Pet"],
        );
        if let TypeKind::Object(o) = &mut cat.kind {
            o.discriminator_value = Some("cat".into());
        }
        let (_, state) = testing::string_enum("State", &["Accepted", "Succeeded"]);
        let types = [
            object(
                "Thing",
                vec![
                    field("id", prim(Primitive::String), false, true),
                    field("count", prim(Primitive::Int64), false, false),
                    field("when", prim(Primitive::DateTimeRfc1123), false, false),
                    field("blob", prim(Primitive::Bytes), false, false),
                    field("pet", named("Pet"), false, false),
                    field("labels", TypeRef::Map(Box::new(prim(Primitive::String))), false, false),
                    field("parent", named("Thing"), false, false),
                    field("properties", named("ThingProperties"), false, false),
                ],
                &[],
            ),
            object(
                "ThingProperties",
                vec![field("provisioningState", named("State"), false, true)],
                &[],
            ),
            object(
                "Page",
                vec![
                    field("value", TypeRef::Array(Box::new(named("Thing"))), false, false),
                    field("nextLink", prim(Primitive::String), false, true),
                ],
                &[],
            ),
            ("Pet".to_string(), pet),
            ("Cat".to_string(), cat),
            ("State".to_string(), state),
        ];
        let mut api = testing::api("2024-01-01");
        api.types.extend(types);
        api
    }

    fn operation(method: HttpMethod, parameters: Vec<crate::ir::Parameter>, responses: &[(u16, Option<TypeRef>)]) -> Operation {
        let mut op = testing::operation("Things_Do", method, "/things/{thingName}");
        op.parameters = parameters;
        op.responses = responses.iter().map(|(code, ty)| testing::response(*code, ty.clone())).collect();
        op
    }

    /// The example synthesized for `op`, once the client model of `api()` with `op` is lowered.
    fn synthesized(op: Operation) -> Result<Synthesized, String> {
        let mut api = api();
        api.operations.push(op);
        api.clients = crate::lower::clients::lower_clients(&api).unwrap();
        let method = api.clients.clients.iter().flat_map(|c| &c.methods).next().expect("one method");
        synthesize(&api, method, &api.operations[0])
    }

    fn path_parameter() -> crate::ir::Parameter {
        parameter("thingName", ParamLocation::Path, true, prim(Primitive::String))
    }

    #[test]
    fn a_long_running_put_sends_every_property_and_answers_its_terminal_state() {
        let mut op = operation(
            HttpMethod::Put,
            vec![
                path_parameter(),
                parameter("If-Match", ParamLocation::Header, false, prim(Primitive::String)),
            ],
            &[(202, None), (201, Some(named("Thing"))), (200, Some(named("Thing")))],
        );
        op.long_running = Some(LongRunning { final_state_via: None, final_state_schema: None });
        op.body = Some(RequestBody {
            name: "thing".into(),
            rust_name: "thing".into(),
            required: true,
            ty: named("Thing"),
            content_type: "application/json".into(),
            kind: BodyKind::Json,
            description: None,
            client_flatten: false,
            constant: None,
        });
        let example = synthesized(op).unwrap();

        assert_eq!(
            Value::Object(example.parameters.clone()),
            json!({ "thingName": "my-thing-name", "If-Match": "my-if-match", "thing": example.parameters["thing"] })
        );
        let thing = json!({
            "id": "my-id",
            "count": 9_007_199_254_740_993_u64,
            "when": "Thu, 15 Jun 2017 19:20:58 GMT",
            "blob": "AAH+/w==",
            "pet": { "kind": "cat", "lives": 7 },
            "labels": { "key1": "my-labels" },
            // Inside itself a type gets only its required properties (`Thing` has none).
            "parent": {},
            "properties": { "provisioningState": "Accepted" },
        });
        assert_eq!(example.parameters["thing"], thing);
        // 200, not 202 (still running) nor 201; the resource reports it has succeeded.
        let responses: Vec<_> = example.responses.keys().collect();
        assert_eq!(responses, ["200"]);
        let body = example.responses["200"].body.as_ref().unwrap();
        assert_eq!(body["properties"]["provisioningState"], "Succeeded");
        assert_eq!(body["parent"], json!({}));
    }

    #[test]
    fn a_pageable_list_answers_one_page() {
        let mut op = operation(
            HttpMethod::Get,
            vec![path_parameter(), parameter("$top", ParamLocation::Query, false, prim(Primitive::Int32))],
            &[(200, Some(named("Page")))],
        );
        op.pageable = Some(Pageable {
            next_link_name: Some("nextLink".into()),
            item_name: "value".into(),
            operation_name: None,
        });
        let example = synthesized(op).unwrap();
        assert_eq!(example.parameters["$top"], json!(7));
        let body = example.responses["200"].body.as_ref().unwrap();
        assert!(body.get("nextLink").is_none(), "{body}");
        assert_eq!(body["value"].as_array().unwrap().len(), 1);
        // Not a long-running answer: states stay as the first value.
        assert_eq!(body["value"][0]["properties"]["provisioningState"], "Accepted");
    }

    #[test]
    fn a_long_running_post_that_only_accepts_is_polled_where_its_final_state_says() {
        let accepted_only = |final_state_via, schema: Option<TypeRef>| {
            let mut op = operation(HttpMethod::Post, vec![path_parameter()], &[(202, None)]);
            op.long_running = Some(LongRunning { final_state_via, final_state_schema: schema });
            synthesized(op).unwrap()
        };
        let monitor = |body: Value| FollowUp { target: Target::Monitor, body: Some(body) };

        // A result read at `Location`: the monitor reports success, then the result is fetched.
        let example = accepted_only(Some(FinalStateVia::Location), Some(named("ThingProperties")));
        assert_eq!(example.responses.keys().collect::<Vec<_>>(), ["202"]);
        assert_eq!(
            Value::Object(example.responses["202"].headers.clone()),
            json!({ "Azure-AsyncOperation": MONITOR, "Location": RESULT })
        );
        let result = json!({ "provisioningState": "Succeeded" });
        assert_eq!(
            example.follow_ups,
            [monitor(json!({ "status": "Succeeded" })), FollowUp { target: Target::Location, body: Some(result.clone()) }]
        );
        // A result read from the monitor: its answer is the result.
        let example = accepted_only(Some(FinalStateVia::AzureAsyncOperation), Some(named("ThingProperties")));
        assert_eq!(example.follow_ups, [monitor(result)]);
        // No result: the monitor's success ends it.
        let example = accepted_only(None, None);
        assert_eq!(example.follow_ups, [monitor(json!({ "status": "Succeeded" }))]);
    }

    #[test]
    fn list_parameters_get_two_values_and_multi_only_in_a_query() {
        let strings = TypeRef::Array(Box::new(prim(Primitive::String)));
        let states = TypeRef::Array(Box::new(named("State")));
        let multi = |name: &str, location, ty: &TypeRef| crate::ir::Parameter {
            collection_format: Some(CollectionFormat::Multi),
            ..parameter(name, location, false, ty.clone())
        };
        let op = operation(
            HttpMethod::Get,
            vec![
                path_parameter(),
                parameter("tags", ParamLocation::Query, true, strings.clone()),
                multi("ids", ParamLocation::Query, &TypeRef::Array(Box::new(prim(Primitive::Int32)))),
                parameter("states", ParamLocation::Header, false, states),
                multi("x-multi", ParamLocation::Header, &strings),
            ],
            &[(200, None)],
        );
        let example = synthesized(op).unwrap();
        assert_eq!(example.parameters["tags"], json!(["my-tags-1", "my-tags-2"]));
        assert_eq!(example.parameters["ids"], json!([8, 9]));
        assert_eq!(example.parameters["states"], json!(["Succeeded", "Accepted"]));
        // A header cannot be repeated per value: left out.
        assert!(!example.parameters.contains_key("x-multi"));
    }

    #[test]
    fn what_cannot_be_written_honestly_is_refused_with_a_reason() {
        // Dates in a list: the tests write list items as JSON, which a date-time is not.
        let list = TypeRef::Array(Box::new(prim(Primitive::DateTime)));
        let op = operation(
            HttpMethod::Get,
            vec![path_parameter(), parameter("names", ParamLocation::Query, true, list.clone())],
            &[(200, None)],
        );
        assert_eq!(
            synthesized(op).err().unwrap(),
            "no example can be synthesized for the query parameter `names`, whose type has no plain text form"
        );
        // Left out when optional.
        let op = operation(
            HttpMethod::Get,
            vec![path_parameter(), parameter("names", ParamLocation::Query, false, list)],
            &[(200, None)],
        );
        assert!(!synthesized(op).unwrap().parameters.contains_key("names"));

        let op = operation(HttpMethod::Get, vec![path_parameter()], &[(200, Some(prim(Primitive::Binary)))]);
        assert_eq!(
            synthesized(op).err().unwrap(),
            "no example is synthesized for a binary response body"
        );
    }
}
