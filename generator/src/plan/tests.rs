//! The plan of small APIs, checked as data: what each test expects, serves, passes and compares.

use serde_json::{json, Value};

use super::example::expected_path;
use super::synthesize::{MONITOR, RESULT};
use super::*;
use crate::ir::testing::{self, field, parameter};
use crate::ir::{
    BodyKind, CollectionFormat, Example, ExampleResponse, FinalStateVia, LongRunning, Operation, Pageable, ParamLocation,
    Parameter, Primitive, RequestBody,
};

fn prim(p: Primitive) -> TypeRef {
    TypeRef::Primitive(p)
}

fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.into())
}

/// An API with a `Thing` resource, its list, and the client-level subscription and api-version.
fn api() -> Api {
    let mut api = testing::api("2024-01-01");
    api.types.extend([
        testing::object(
            "Thing",
            vec![
                field("name", prim(Primitive::String), false, false),
                field("id", prim(Primitive::String), false, true),
                field("created", prim(Primitive::DateTime), false, true),
                field("properties", named("ThingProperties"), false, false),
            ],
        ),
        testing::object("ThingProperties", vec![field("provisioningState", prim(Primitive::String), false, true)]),
        testing::object(
            "ThingList",
            vec![
                field("value", TypeRef::Array(Box::new(named("Thing"))), false, false),
                field("nextLink", prim(Primitive::String), false, true),
            ],
        ),
    ]);
    api.client_parameters = vec![subscription(), api_version()];
    api
}

fn subscription() -> Parameter {
    Parameter { client_level: true, ..parameter("subscriptionId", ParamLocation::Path, true, prim(Primitive::String)) }
}

fn api_version() -> Parameter {
    Parameter {
        client_level: true,
        default: Some(json!("2024-01-01")),
        ..parameter("api-version", ParamLocation::Query, true, prim(Primitive::String))
    }
}

fn thing_name() -> Parameter {
    parameter("thingName", ParamLocation::Path, true, prim(Primitive::String))
}

fn thing_body() -> RequestBody {
    RequestBody {
        name: "thing".into(),
        rust_name: "thing".into(),
        required: true,
        ty: named("Thing"),
        content_type: "application/json".into(),
        kind: BodyKind::Json,
        description: None,
        client_flatten: false,
        constant: None,
    }
}

/// An operation of `id` with `parameters` and success responses.
fn operation(id: &str, method: HttpMethod, path: &str, parameters: Vec<Parameter>, responses: &[(u16, Option<TypeRef>)]) -> Operation {
    let mut op = testing::operation(id, method, path);
    op.parameters = parameters;
    op.responses = responses.iter().map(|(code, ty)| testing::response(*code, ty.clone())).collect();
    op
}

/// An example file `file` with `parameters` and `responses` (`{"200": {"body": ..., "headers": ...}}`).
fn example(file: &str, parameters: Value, responses: Value) -> Example {
    let responses = responses
        .as_object()
        .unwrap()
        .iter()
        .map(|(code, r)| {
            let headers = r.get("headers").and_then(Value::as_object).cloned().unwrap_or_default();
            (code.clone(), ExampleResponse { headers, body: r.get("body").cloned() })
        })
        .collect();
    Example {
        name: file.into(),
        file: format!("./examples/{file}.json"),
        content: ExampleContent::Found { parameters: parameters.as_object().unwrap().clone(), responses },
    }
}

/// The plan of `api()` with `operations`, once their client model is lowered.
fn plan(operations: Vec<Operation>) -> TestPlan {
    let mut api = api();
    api.operations = operations;
    api.clients = crate::lower::clients::lower_clients(&api).unwrap();
    plan_tests(&api).unwrap().expect("operations, so a plan")
}

/// The test that runs, of the only case of `plan`.
fn only_run(plan: &TestPlan) -> &ExampleTest {
    assert_eq!(plan.tests.len(), 1, "{:#?}", plan.tests);
    match &plan.tests[0].body {
        TestBody::Run(test) => test,
        TestBody::Ignored(reason) => panic!("ignored: {reason}"),
    }
}

fn optional(name: &str) -> AccessStep {
    AccessStep::Field { name: name.into(), optional: true }
}

#[test]
fn an_example_becomes_the_request_expected_the_answer_served_and_the_call() {
    let mut op = operation(
        "Things_CreateOrUpdate",
        HttpMethod::Put,
        "/subscriptions/{subscriptionId}/things/{thingName}",
        vec![
            subscription(),
            thing_name(),
            api_version(),
            parameter("tags", ParamLocation::Query, true, TypeRef::Array(Box::new(prim(Primitive::String)))),
            Parameter {
                collection_format: Some(CollectionFormat::Multi),
                ..parameter("ids", ParamLocation::Query, false, TypeRef::Array(Box::new(prim(Primitive::Int32))))
            },
            parameter("x-ms-client-request-id", ParamLocation::Header, false, prim(Primitive::String)),
            Parameter { constant: Some(json!("fixed")), ..parameter("kind", ParamLocation::Query, true, prim(Primitive::String)) },
        ],
        &[(200, Some(named("Thing")))],
    );
    op.body = Some(thing_body());
    op.examples = vec![example(
        "put",
        json!({
            "subscriptionId": "sub-1", "thingName": "a b/c", "api-version": "2023-01-01", "tags": ["x", "y"],
            "ids": [1, 2], "x-ms-client-request-id": "req-1", "kind": "fixed",
            "thing": { "name": "n", "id": "/things/a" }
        }),
        json!({ "200": { "body": { "name": "n", "id": "/things/a", "created": "2017-06-15T19:20:58Z" } } }),
    )];
    let plan = plan(vec![op]);
    assert_eq!(plan.root_client, "ThingClient");
    assert_eq!(
        plan.client_params,
        [ClientParam { name: "subscription_id".into(), string: true, location: testing::at() }]
    );
    assert_eq!(plan.tests[0].name, "things_create_or_update_put");
    assert_eq!(plan.tests[0].title, "`Things_CreateOrUpdate`: example `put` (./examples/put.json).");
    let test = only_run(&plan);

    let query = |name: &str, value: &str| ExpectedParam::Query { name: name.into(), value: value.into() };
    assert_eq!(
        test.request,
        ExpectedRequest {
            method: HttpMethod::Put,
            path: "/subscriptions/sub-1/things/a%20b%2Fc".into(),
            params: vec![
                // The client's api-version, not the example's.
                query("api-version", "2024-01-01"),
                query("tags", "x,y"),
                ExpectedParam::QueryAll { name: "ids".into(), values: vec!["1".into(), "2".into()] },
                ExpectedParam::Header { name: "x-ms-client-request-id".into(), value: "req-1".into() },
                query("kind", "fixed"),
            ],
            // The read-only `id` is not sent.
            body: ExpectedBody::Json { content_type: "application/json".into(), body: json!({ "name": "n" }) },
        }
    );
    assert_eq!(test.disagreements, ["the example's api-version is 2023-01-01, the spec's is 2024-01-01 (the client sends the spec's)"]);
    assert_eq!(test.answer, Answer { status: 200, headers: Vec::new(), body: Some(json!({ "name": "n", "id": "/things/a", "created": "2017-06-15T19:20:58Z" })) });
    assert!(test.polls.is_empty());
    assert_eq!(test.client_args, [ClientArg::Str("sub-1".into())]);
    assert_eq!(
        test.call,
        Call {
            accessor: Some("get_things_client".into()),
            method: "create_or_update".into(),
            request_body: Some(RequestBodyValue { ty: named("Thing"), example: json!({ "name": "n", "id": "/things/a" }), form: false }),
            args: vec![ArgValue::Str("a b/c".into()), ArgValue::Slice(json!(["x", "y"]), None), ArgValue::RequestBody],
            options: Some(OptionsValue {
                type_name: "ThingsClientCreateOrUpdateOptions".into(),
                fields: vec![
                    ("ids".into(), ArgValue::Json(json!([1, 2]), None)),
                    ("x_ms_client_request_id".into(), ArgValue::String("req-1".into())),
                ],
            }),
        }
    );
    assert_eq!(
        test.check,
        Check::Plain(Some(Comparison {
            expected: json!({ "name": "n" }),
            read_only: vec![
                ReadOnlyCheck { pointer: "/id".into(), access: vec![optional("id")], wire: None, value: json!("/things/a") },
                ReadOnlyCheck {
                    pointer: "/created".into(),
                    access: vec![optional("created")],
                    wire: Some(Codec::Rfc3339),
                    value: json!("2017-06-15T19:20:58Z"),
                },
            ],
            codec: None,
        }))
    );
    assert!(plan.uses_server() && plan.uses_json());
}

#[test]
fn a_long_running_put_still_provisioning_is_polled_at_its_own_url_until_it_succeeds() {
    let mut op = operation(
        "Things_Create",
        HttpMethod::Put,
        "/things/{thingName}",
        vec![thing_name()],
        &[(200, Some(named("Thing"))), (201, Some(named("Thing")))],
    );
    op.long_running = Some(LongRunning { final_state_via: None, final_state_schema: None });
    op.body = Some(thing_body());
    let creating = json!({ "name": "n", "properties": { "provisioningState": "Creating" } });
    op.examples = vec![example(
        "create",
        json!({ "thingName": "a", "thing": { "name": "n" } }),
        // The live service's monitor is not the test server's: left out.
        json!({ "201": { "body": creating, "headers": { "Azure-AsyncOperation": "https://management.azure.com/ops/1" } } }),
    )];
    let plan = plan(vec![op]);
    let test = only_run(&plan);
    assert_eq!(test.answer, Answer { status: 201, headers: vec![("Retry-After".into(), "0".into())], body: Some(creating) });
    let succeeded = json!({ "name": "n", "properties": { "provisioningState": "Succeeded" } });
    assert_eq!(test.polls, [Poll { path: "/things/a".into(), status: 200, body: Some(succeeded) }]);
    // The result is the poll's, compared as a poller's.
    assert_eq!(
        test.check,
        Check::Poller(Some(Comparison {
            expected: json!({ "name": "n", "properties": {} }),
            read_only: vec![ReadOnlyCheck {
                pointer: "/properties/provisioningState".into(),
                access: vec![optional("properties"), optional("provisioning_state")],
                wire: None,
                value: json!("Succeeded"),
            }],
            codec: None,
        }))
    );
}

#[test]
fn a_long_running_example_that_only_accepts_is_answered_with_a_monitor_on_the_test_server() {
    let mut op = operation("Things_Restart", HttpMethod::Post, "/things/{thingName}/restart", vec![thing_name()], &[(202, None)]);
    op.long_running = Some(LongRunning { final_state_via: Some(FinalStateVia::Location), final_state_schema: None });
    op.examples = vec![example(
        "restart",
        json!({ "thingName": "a" }),
        json!({ "202": { "headers": { "Location": "https://management.azure.com/results/1" } } }),
    )];
    let plan = plan(vec![op]);
    let test = only_run(&plan);
    let header = |name: &str, value: &str| (name.to_string(), value.to_string());
    assert_eq!(
        test.answer,
        Answer {
            status: 202,
            headers: vec![header("Azure-AsyncOperation", MONITOR), header("Location", RESULT), header("Retry-After", "0")],
            body: None,
        }
    );
    assert_eq!(test.polls, [Poll { path: MONITOR.into(), status: 200, body: Some(json!({ "status": "Succeeded" })) }]);
    // Nothing to compare: the operation returns nothing.
    assert_eq!(test.check, Check::Poller(None));
    assert_eq!(test.call.args, [ArgValue::Str("a".into())]);
    assert_eq!(test.call.options, None);
}

#[test]
fn a_pageable_example_serves_one_page_without_its_next_link() {
    let mut op = operation("Things_List", HttpMethod::Get, "/things", Vec::new(), &[(200, Some(named("ThingList")))]);
    op.pageable = Some(Pageable { next_link_name: Some("nextLink".into()), item_name: "value".into(), operation_name: None });
    op.examples = vec![example(
        "list",
        json!({}),
        json!({ "200": { "body": { "value": [{ "name": "n" }], "nextLink": "https://management.azure.com/things?page=2" } } }),
    )];
    let plan = plan(vec![op]);
    let test = only_run(&plan);
    assert_eq!(test.answer.body, Some(json!({ "value": [{ "name": "n" }] })));
    assert_eq!(test.check, Check::Pager(Comparison { expected: json!({ "value": [{ "name": "n" }] }), read_only: Vec::new(), codec: None }));
    assert!(test.disagreements.is_empty(), "{:?}", test.disagreements);
}

#[test]
fn examples_that_cannot_run_are_ignored_with_the_reason_and_the_operation_is_synthesized() {
    let mut op = operation("Things_Get", HttpMethod::Get, "/things/{thingName}", vec![thing_name()], &[(200, Some(named("Thing")))]);
    op.examples = vec![
        Example { name: "missing".into(), file: "./examples/missing.json".into(), content: ExampleContent::Missing },
        example("no_name", json!({}), json!({ "200": { "body": {} } })),
        example("no_success", json!({ "thingName": "a" }), json!({ "404": {} })),
    ];
    let plan = plan(vec![op]);
    let cases: Vec<(&str, &TestBody)> = plan.tests.iter().map(|t| (t.name.as_str(), &t.body)).collect();
    let ignored = |reason: &str| TestBody::Ignored(reason.into());
    assert_eq!(cases[..3], [
        ("things_get_missing", &ignored("example file ./examples/missing.json is missing")),
        ("things_get_no_name", &ignored("example ./examples/no_name.json does not give the required parameter `thingName`")),
        ("things_get_no_success", &ignored("example ./examples/no_success.json lists no success (2xx) response")),
    ]);
    assert_eq!(cases.len(), 4);
    assert_eq!(cases[3].0, "things_get_synthesized");
    let TestBody::Run(synthesized) = cases[3].1 else { panic!("the synthesized test runs: {:?}", cases[3].1) };
    assert_eq!(synthesized.example, SYNTHESIZED);
    assert!(synthesized.disagreements.is_empty(), "{:?}", synthesized.disagreements);
    assert_eq!(synthesized.request.path, "/things/my-thing-name");
    assert_eq!(synthesized.call.args, [ArgValue::Str("my-thing-name".into())]);
}

#[test]
fn a_plan_whose_examples_are_all_missing_needs_no_server_nor_json() {
    let mut op = operation("Things_Delete", HttpMethod::Delete, "/things/{thingName}", vec![thing_name()], &[(200, None)]);
    // A synthesized example that cannot be built: a required parameter with no text form.
    op.parameters.push(parameter("when", ParamLocation::Query, true, TypeRef::Array(Box::new(prim(Primitive::DateTime)))));
    op.examples = vec![Example { name: "gone".into(), file: "./examples/gone.json".into(), content: ExampleContent::Missing }];
    let plan = plan(vec![op]);
    assert_eq!(plan.tests.len(), 2);
    assert!(plan.tests.iter().all(|t| matches!(t.body, TestBody::Ignored(_))));
    assert!(!plan.uses_server() && !plan.uses_json());
}

#[test]
fn a_spec_without_operations_has_no_test_plan() {
    assert_eq!(plan_tests(&api()).unwrap(), None);
}

#[test]
fn expected_paths_encode_each_parameter_as_one_segment() {
    let parameter = |name: &str, skip: bool| Parameter {
        skip_url_encoding: skip,
        ..parameter(name, ParamLocation::Path, true, prim(Primitive::String))
    };
    let mut operation = testing::operation("Things_Get", HttpMethod::Get, "/things/{thingId}/raw/{raw}");
    operation.parameters = vec![parameter("thingId", false), parameter("raw", true)];
    let example = json!({ "thingId": "../a b/é?#%", "raw": "x/y" });
    let mut disagreements = Vec::new();
    let path = expected_path(&operation, example.as_object().unwrap(), &mut disagreements).unwrap();
    assert_eq!(path, "/things/..%2Fa%20b%2F%C3%A9%3F%23%25/raw/x/y");
    assert!(disagreements.is_empty());

    operation.path = "/things/{thingId}/{missing}".into();
    expected_path(&operation, example.as_object().unwrap(), &mut disagreements).unwrap();
    assert_eq!(disagreements, ["the example gives no value for path parameter `missing`"]);
}

#[test]
fn a_number_given_for_a_string_parameter_is_passed_and_expected_as_its_text() {
    let mut op = operation("Things_Get", HttpMethod::Get, "/things/{thingName}", vec![thing_name()], &[(200, None)]);
    op.examples = vec![example("number", json!({ "thingName": 5 }), json!({ "200": {} }))];
    let plan = plan(vec![op]);
    let test = only_run(&plan);
    assert_eq!(test.request.path, "/things/5");
    assert_eq!(test.call.args, [ArgValue::Str("5".into())]);
    assert_eq!(test.check, Check::Plain(None));
    // Nothing in this test is JSON.
    assert!(!plan.uses_json());
}

#[test]
fn a_multipart_body_is_expected_part_by_part_as_the_encoder_writes_it() {
    let mut api = testing::api("2024-01-01");
    let list = |ty: TypeRef| TypeRef::Array(Box::new(ty));
    api.types.extend([testing::object(
        "Upload",
        vec![
            field("file", prim(Primitive::File), true, false),
            field("pages", list(prim(Primitive::File)), false, false),
            field("name", prim(Primitive::String), false, false),
            field("count", prim(Primitive::Int32), false, false),
            field("tags", list(prim(Primitive::String)), false, false),
            field("absent", prim(Primitive::String), false, false),
        ],
    )]);
    let value = json!({
        "tags": ["a", "b"], "file": [0, 255], "pages": [[1], [2, 3]], "name": "n", "count": 7, "absent": null
    });
    let parts = super::example::form_parts(&api, &named("Upload"), &value);
    let text = |name: &str, value: &str| (name.to_string(), FormPart::Text(value.into()));
    let file = |name: &str, bytes: &[u8]| (name.to_string(), FormPart::File(bytes.to_vec()));
    // The model's field order, a list one part per item, `null` left out.
    assert_eq!(
        parts,
        [file("file", &[0, 255]), file("pages", &[1]), file("pages", &[2, 3]), text("name", "n"), text("count", "7"), text("tags", "a"), text("tags", "b")]
    );
}
