//! The lowering stage: fixture specs written for one concern each (snapshots of their IR, plus
//! targeted assertions), one test per lowering error (kind and location).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use generator::ir::{Api, ExampleContent, Primitive, TypeDef, TypeKind, TypeRef};
use generator::load::{ExampleFile, LoadedSpec, SourceVersion};
use generator::lower::lower_spec;
use generator::{ErrorKind, Location};

/// The fixture folder, relative to the package root (the tests' working directory), so
/// locations in snapshots do not depend on where the checkout is.
const FIXTURES: &str = "tests/fixtures/lower";

/// Reads an OpenAPI 3.0 fixture straight into a `LoadedSpec` (no `$ref`s across files), with the
/// example files it names read as the loader would key them.
fn load_fixture(name: &str) -> LoadedSpec {
    let root = Path::new(FIXTURES).join(name);
    let text = std::fs::read_to_string(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display()));
    let document: openapiv3::OpenAPI = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", root.display()));
    let mut examples = BTreeMap::new();
    for (_, _, op) in document.operations() {
        let Some(serde_json::Value::Object(entries)) = op.extensions.get("x-ms-examples") else { continue };
        for entry in entries.values() {
            let Some(file) = entry.get("$ref").and_then(|r| r.as_str()) else { continue };
            let path = normalize(&Path::new(FIXTURES).join(file));
            let example = match std::fs::read_to_string(&path) {
                Err(_) => ExampleFile::Missing,
                Ok(text) => match serde_json::from_str(&text) {
                    Ok(value) => ExampleFile::Found(value),
                    Err(e) => ExampleFile::Invalid(e.to_string()),
                },
            };
            examples.insert(path, example);
        }
    }
    LoadedSpec {
        root: root.clone(),
        source_version: SourceVersion::OpenApi3,
        document,
        origins: BTreeMap::new(),
        files: vec![root],
        examples,
    }
}

/// Lexical normalisation, as the loader keys example files.
fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<std::path::Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if matches!(out.last(), Some(std::path::Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.iter().collect()
}

/// Lowers a fixture that must lower.
fn lower(name: &str) -> Api {
    lower_spec(&load_fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Lowers a fixture that must fail, and returns the error.
fn lower_err(name: &str) -> generator::Error {
    match lower_spec(&load_fixture(&format!("errors/{name}"))) {
        Ok(_) => panic!("{name} lowered without an error"),
        Err(e) => e,
    }
}

/// The type named `name`.
fn ty<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types.get(name).unwrap_or_else(|| panic!("no type {name}; types: {:?}", api.types.keys().collect::<Vec<_>>()))
}

/// The fields of object type `name`, as (wire name, Rust name, type).
fn fields(api: &Api, name: &str) -> Vec<(String, String, TypeRef)> {
    match &ty(api, name).kind {
        TypeKind::Object(o) => o.fields.iter().map(|f| (f.wire_name.clone(), f.rust_name.clone(), f.ty.clone())).collect(),
        other => panic!("{name} is not an object: {other:?}"),
    }
}

/// The object type `name`.
fn object<'a>(api: &'a Api, name: &str) -> &'a generator::ir::ObjectType {
    match &ty(api, name).kind {
        TypeKind::Object(o) => o,
        other => panic!("{name} is not an object: {other:?}"),
    }
}

/// The enum type `name`.
fn enumeration<'a>(api: &'a Api, name: &str) -> &'a generator::ir::EnumType {
    match &ty(api, name).kind {
        TypeKind::Enum(e) => e,
        other => panic!("{name} is not an enum: {other:?}"),
    }
}

/// A `Named` type reference.
fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.to_string())
}

#[test]
fn fixture_snapshots() {
    insta::glob!("fixtures/lower/*.yaml", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        insta::assert_yaml_snapshot!(lower(name));
    });
}

#[test]
fn operations_keep_spec_order_and_split_operation_ids() {
    let api = lower("operations.yaml");
    let ids: Vec<_> = api.operations.iter().map(|o| (o.id.as_str(), o.group.as_deref(), o.name.as_str())).collect();
    assert_eq!(
        ids,
        [
            ("Things_Get", Some("Things"), "get"),
            ("Things_CreateOrUpdate", Some("Things"), "create_or_update"),
            ("Things_Delete", Some("Things"), "delete"),
            ("CheckHealth", None, "check_health"),
        ]
    );
    let get = &api.operations[0];
    assert_eq!(get.path, "/things/{thingName}");
    let params: Vec<_> = get.parameters.iter().map(|p| (p.name.as_str(), p.description.as_deref())).collect();
    assert_eq!(params, [("thingName", Some("Overridden by the operation.")), ("verbose", None)]);
    assert_eq!(api.operations[1].parameters[0].description.as_deref(), Some("From the path item."));
    assert!(api.operations[2].deprecated);
    assert_eq!(api.endpoint.as_deref(), Some("https://management.azure.com"));
    assert_eq!(get.location, Location::new("tests/fixtures/lower/operations.yaml", "/paths/~1things~1{thingName}/get"));
}

#[test]
fn parameters_are_placed_as_autorest_places_them() {
    let api = lower("parameters.yaml");
    let op = &api.operations[0];
    let placement: Vec<_> = op.parameters.iter().map(|p| (p.name.as_str(), p.client_level)).collect();
    assert_eq!(
        placement,
        [
            ("subscriptionId", true),
            ("resourceGroupName", false),
            ("api-version", true),
            ("itemPath", false),
            ("tenant", true),
            ("$top", false),
            ("tags", false),
            ("ids", false),
            ("labels", false),
            ("kind", false),
            ("mode", false),
            ("If-Match", false),
        ]
    );
    let client: Vec<_> = api.client_parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(client, ["subscriptionId", "api-version", "tenant"]);
    let param = |name: &str| op.parameters.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(param("api-version").default, Some(serde_json::json!("2024-02-02")));
    assert_eq!(param("subscriptionId").ty, TypeRef::Primitive(Primitive::Uuid));
    assert_eq!(
        param("subscriptionId").location_in_spec,
        Location::new("tests/fixtures/lower/parameters.yaml", "/components/parameters/SubscriptionIdParameter")
    );
    assert!(param("itemPath").skip_url_encoding);
    assert_eq!(param("$top").rust_name, "max_results");
    assert_eq!(param("$top").default, Some(serde_json::json!(10)));
    assert_eq!(param("If-Match").rust_name, "if_match");
    use generator::ir::CollectionFormat::*;
    let formats: Vec<_> = ["tags", "ids", "labels"].iter().map(|n| param(n).collection_format).collect();
    assert_eq!(formats, [Some(Pipes), Some(Csv), Some(Multi)]);
    assert_eq!(param("kind").constant, Some(serde_json::json!("fixed")));
    assert_eq!(param("kind").ty, TypeRef::Primitive(Primitive::String));
    assert_eq!(param("mode").constant, None);
    assert_eq!(param("mode").ty, named("Mode"));
}

#[test]
fn request_bodies_keep_name_client_name_and_kind() {
    let api = lower("body.yaml");
    let body = |i: usize| api.operations[i].body.as_ref().unwrap_or_else(|| panic!("operation {i} has a body"));
    use generator::ir::BodyKind;
    let json = body(0);
    assert_eq!((json.name.as_str(), json.rust_name.as_str()), ("widgetBody", "widget"));
    assert!(json.required && json.client_flatten);
    assert_eq!((json.kind, json.ty.clone()), (BodyKind::Json, named("Widget")));
    assert_eq!(body(1).ty, named("BodiesPostInlineRequest"));
    assert_eq!(body(1).name, "body");
    assert_eq!((body(2).kind, body(2).ty.clone()), (BodyKind::Binary, TypeRef::Primitive(Primitive::Binary)));
    assert_eq!(body(2).content_type, "application/octet-stream");
    assert_eq!(body(3).kind, BodyKind::Form);
    assert_eq!((body(4).name.as_str(), body(4).ty.clone()), ("parameters", named("Widget")));
}

#[test]
fn responses_are_ordered_with_headers_and_error_types() {
    use generator::ir::StatusCode::*;
    let api = lower("responses.yaml");
    let put = &api.operations[0];
    let statuses: Vec<_> = put.responses.iter().map(|r| (r.status, r.is_error, r.ty.clone())).collect();
    assert_eq!(
        statuses,
        [(Code(200), false, Some(named("Thing"))), (Code(201), false, Some(named("Thing"))), (Default, true, Some(named("ErrorDetails")))]
    );
    let headers: Vec<_> = put.responses[1].headers.iter().map(|h| (h.name.as_str(), h.rust_name.as_str(), h.ty.clone())).collect();
    assert_eq!(
        headers,
        [
            ("Azure-AsyncOperation", "azure_async_operation", TypeRef::Primitive(Primitive::String)),
            ("Retry-After", "retry_after", TypeRef::Primitive(Primitive::Int32)),
        ]
    );
    assert_eq!(put.error, Some(named("ErrorDetails")));
    let delete = &api.operations[1];
    let statuses: Vec<_> = delete.responses.iter().map(|r| (r.status, r.is_error)).collect();
    assert_eq!(statuses, [(Code(202), false), (Code(204), false), (Code(404), true)]);
    assert_eq!(delete.error, Some(named("ErrorDetails")));
}

#[test]
fn pageable_reads_next_link_item_and_operation_names() {
    let api = lower("pageable.yaml");
    let pageable: Vec<_> = api.operations.iter().map(|o| o.pageable.clone().expect("pageable")).collect();
    let got: Vec<_> = pageable
        .iter()
        .map(|p| (p.next_link_name.as_deref(), p.item_name.as_str(), p.operation_name.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("nextLink"), "value", None),
            (None, "items", None),
            (Some("nextLink"), "value", Some("Pages_ListNextPage")),
        ]
    );
}

#[test]
fn long_running_reads_final_state_options() {
    use generator::ir::FinalStateVia;
    let api = lower("long_running.yaml");
    let lro: Vec<_> = api.operations.iter().map(|o| o.long_running.clone()).collect();
    let got: Vec<_> = lro.iter().map(|l| l.as_ref().map(|l| (l.final_state_via, l.final_state_schema.clone()))).collect();
    assert_eq!(
        got,
        [
            Some((None, None)),
            Some((Some(FinalStateVia::AzureAsyncOperation), Some(named("Result")))),
            Some((Some(FinalStateVia::Location), None)),
            None,
        ]
    );
}

#[test]
fn examples_are_found_missing_or_invalid() {
    let api = lower("examples.yaml");
    let examples = &api.operations[0].examples;
    let names: Vec<_> = examples.iter().map(|e| (e.name.as_str(), e.file.as_str())).collect();
    assert_eq!(
        names,
        [
            ("Get a job", "./examples/get_job.json"),
            ("Missing", "./examples/missing.json"),
            ("Broken", "./examples/../examples/broken.json"),
        ]
    );
    let ExampleContent::Found { parameters, responses } = &examples[0].content else {
        panic!("found: {:?}", examples[0].content)
    };
    assert_eq!(parameters.get("jobId"), Some(&serde_json::json!("test")));
    assert_eq!(responses["200"].body, Some(serde_json::json!({"jobId": "test"})));
    assert_eq!(responses["200"].headers.get("x-ms-request-id"), Some(&serde_json::json!("abc")));
    assert_eq!(responses["404"].body, None);
    assert_eq!(examples[1].content, ExampleContent::Missing);
    assert!(matches!(&examples[2].content, ExampleContent::Invalid(why) if why.contains("responses")));
}

#[test]
fn object_fields_carry_every_annotation() {
    let api = lower("objects.yaml");
    let resource = object(&api, "Resource");
    let field = |wire: &str| resource.fields.iter().find(|f| f.wire_name == wire).unwrap_or_else(|| panic!("{wire}"));
    let names: Vec<_> = resource.fields.iter().map(|f| f.rust_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "id", "location", "type_", "label", "display_name", "password", "retries", "note", "legacy_note", "properties", "plain",
            "anything", "untyped_object"
        ]
    );
    assert!(field("id").read_only && !field("location").read_only);
    assert_eq!(field("id").description.as_deref(), Some("The id."));
    assert!(field("location").required && !field("id").required);
    use generator::ir::Mutability;
    assert_eq!(field("location").mutability, [Mutability::Create, Mutability::Read]);
    assert!(field("password").secret);
    assert_eq!(field("retries").default, Some(serde_json::json!(3)));
    assert!(field("note").nullable && field("legacyNote").nullable && !field("id").nullable);
    let properties = field("properties");
    assert_eq!(properties.ty, named("ResourceProperties"));
    assert!(properties.client_flatten);
    assert_eq!(properties.description.as_deref(), Some("The properties."));
    assert_eq!(field("plain").ty, named("ResourceProperties"));
    assert_eq!((field("anything").ty.clone(), field("untypedObject").ty.clone()), (TypeRef::Any, TypeRef::Any));
    assert_eq!(object(&api, "Empty").fields, []);
    assert_eq!(ty(&api, "Resource").description.as_deref(), Some("A resource."));
}

#[test]
fn all_of_includes_bases_fields_and_records_bases() {
    let api = lower("all_of.yaml");
    let derived = object(&api, "Derived");
    assert_eq!(derived.bases, ["Middle"]);
    let got: Vec<_> = derived
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.inherited_from.as_deref(), f.required, f.ty.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("name", Some("Base"), true, TypeRef::Primitive(Primitive::String)),
            ("tags", None, false, TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::String)))),
            ("size", Some("Middle"), false, TypeRef::Primitive(Primitive::Int64)),
            ("extra", None, false, TypeRef::Primitive(Primitive::Bool)),
        ]
    );
    assert!(!object(&api, "Base").fields[0].required);
    assert_eq!(object(&api, "Middle").bases, ["Base"]);
}

#[test]
fn additional_properties_become_maps() {
    let api = lower("maps.yaml");
    let string_map = TypeRef::Map(Box::new(TypeRef::Primitive(Primitive::String)));
    assert_eq!(ty(&api, "Tags").kind, TypeKind::Alias(string_map));
    let bag = object(&api, "Bag");
    assert_eq!(bag.additional_properties, Some(TypeRef::Primitive(Primitive::Int32)));
    assert_eq!(bag.fields.len(), 1);
    assert_eq!(
        fields(&api, "Holder").into_iter().map(|(_, _, t)| t).collect::<Vec<_>>(),
        [
            TypeRef::Map(Box::new(TypeRef::Any)),
            TypeRef::Map(Box::new(named("HolderIdentitiesValue"))),
            TypeRef::Map(Box::new(TypeRef::Array(Box::new(named("Tags"))))),
        ]
    );
}

#[test]
fn formats_map_to_primitives_and_unknown_ones_are_recorded() {
    use Primitive::*;
    let api = lower("formats.yaml");
    let got: Vec<_> = fields(&api, "Formats").into_iter().map(|(_, _, t)| t).collect();
    let expected: Vec<TypeRef> = [
        Int32, Int64, Int64, UnixTime, Float32, Float64, Float64, Bool, String, DateTime, DateTimeRfc1123, DateTimeRfc1123, Date,
        Time, Duration, Uuid, Bytes, Base64Url, Binary, Url, Url, ArmId, String, UnknownFormat("x-unknown".into()), Float64,
    ]
    .into_iter()
    .map(TypeRef::Primitive)
    .chain([TypeRef::Array(Box::new(TypeRef::Primitive(Int32)))])
    .collect();
    assert_eq!(got, expected);
    let unsupported: Vec<_> = api.unsupported.iter().map(|u| (u.location.pointer.as_str(), u.construct.as_str())).collect();
    assert_eq!(
        unsupported,
        [
            ("/components/schemas/Formats/properties/money", "number format \"decimal\" (kept as a double)"),
            ("/components/schemas/Formats/properties/odd", "string format \"x-unknown\" (kept as a string)"),
        ]
    );
    assert_eq!(ty(&api, "Id").kind, TypeKind::Alias(TypeRef::Primitive(ArmId)));
    assert_eq!(ty(&api, "Ids").kind, TypeKind::Alias(TypeRef::Array(Box::new(named("Id")))));
}

#[test]
fn enums_take_their_x_ms_enum_names() {
    let api = lower("enums.yaml");
    let got: Vec<_> = fields(&api, "JobResponse").into_iter().map(|(w, _, t)| (w, t)).collect();
    assert_eq!(
        got,
        [
            ("status".to_string(), named("JobStatus")),
            ("type".to_string(), named("JobType")),
            ("tier".to_string(), named("Tier")),
            ("color".to_string(), named("JobResponseColor")),
            ("level".to_string(), named("JobResponseLevel")),
            ("enabled".to_string(), TypeRef::Primitive(Primitive::Bool)),
        ]
    );
    let status = enumeration(&api, "JobStatus");
    assert!(!status.model_as_string);
    assert!(enumeration(&api, "JobType").model_as_string);
    assert!(enumeration(&api, "JobResponseColor").model_as_string);
    let variants = |e: &generator::ir::EnumType| e.values.iter().map(|v| v.name.clone()).collect::<Vec<_>>();
    assert_eq!(variants(enumeration(&api, "JobType")), ["Unknown", "Export", "ReadDeviceProperties"]);
    let tier = enumeration(&api, "Tier");
    assert_eq!(variants(tier), ["Gratis", "Standard"]);
    assert_eq!(tier.values[0].description.as_deref(), Some("Costs nothing."));
    let level = enumeration(&api, "JobResponseLevel");
    assert_eq!((level.base.clone(), variants(level)), (Primitive::Int32, vec!["V1".into(), "V2".into(), "Minus1".into()]));
    assert_eq!(level.values[2].value, serde_json::json!(-1));
    // The same name and values in another type is the same enum; other values get a number.
    let other: Vec<_> = fields(&api, "OtherJob").into_iter().map(|(_, _, t)| t).collect();
    assert_eq!(other, [named("JobStatus"), named("JobStatus2")]);
    let priority = enumeration(&api, "Priority");
    assert_eq!((priority.base.clone(), variants(priority)), (Primitive::Int64, vec!["Low".into(), "High".into()]));
}

#[test]
fn an_enum_moved_into_components_keeps_its_name() {
    let inline = lower("enums.yaml");
    let moved = lower("enum_moved.yaml");
    let got: Vec<_> = fields(&moved, "JobResponse").into_iter().map(|(_, _, t)| t).collect();
    assert_eq!(got, [named("JobStatus"), named("JobStatus")]);
    assert_eq!(enumeration(&moved, "JobStatus").values, enumeration(&inline, "JobStatus").values);
    assert_eq!(ty(&moved, "JobStatus").spec_name, "JobStatus");
    assert!(object(&moved, "JobResponse").fields[0].read_only);
    // A component enum is named by its x-ms-enum name, as AutoRest names it.
    assert!(moved.types.contains_key("JobType") && !moved.types.contains_key("JobTypeDefinition"));
    assert!(!moved.types.contains_key("JobStatus2"));
}

#[test]
fn discriminators_list_every_subtype() {
    let api = lower("discriminators.yaml");
    let pet = object(&api, "Pet");
    let discriminator = pet.discriminator.as_ref().expect("Pet is a discriminated root");
    assert_eq!(discriminator.property, "kind");
    let variants: Vec<_> = discriminator.variants.iter().map(|(v, t)| (v.as_str(), t.as_str())).collect();
    assert_eq!(variants, [("Cat", "Cat"), ("dog", "Dog"), ("puppy", "Puppy")]);
    assert_eq!(object(&api, "Cat").discriminator_value.as_deref(), Some("Cat"));
    assert_eq!(object(&api, "Puppy").bases, ["Dog"]);
    assert_eq!(object(&api, "Puppy").fields.iter().map(|f| f.wire_name.as_str()).collect::<Vec<_>>(), ["kind", "name", "barks"]);
    assert_eq!(object(&api, "Owner").discriminator_value, None);
}

#[test]
fn inline_objects_get_derived_names() {
    let api = lower("inline_names.yaml");
    let got: Vec<_> = fields(&api, "Thing").into_iter().map(|(_, _, t)| t).collect();
    assert_eq!(got, [named("ThingSku2"), TypeRef::Array(Box::new(named("ThingPartsItem")))]);
    assert_eq!(object(&api, "ThingSku").fields[0].wire_name, "tier");
    let op = &api.operations[0];
    assert_eq!(op.body.as_ref().map(|b| b.ty.clone()), Some(named("ThingsCreateRequest")));
    assert_eq!(op.responses[0].ty, Some(named("ThingsCreateResponse")));
    assert_eq!(op.error, Some(named("ThingsCreateError")));
    assert_eq!(ty(&api, "ThingPartsItem").spec_name, "ThingPartsItem");
    assert_eq!(ty(&api, "ThingSku2").location.pointer, "/components/schemas/Thing/properties/sku");
}

/// Asserts that `fixture` fails with `kind` at `pointer`, and returns the message.
fn assert_error(fixture: &str, kind: ErrorKind, pointer: &str) -> String {
    let error = lower_err(fixture);
    assert_eq!(error.kind, kind, "{error}");
    assert_eq!(error.location, Location::new(format!("{FIXTURES}/errors/{fixture}"), pointer), "{error}");
    error.message
}

#[test]
fn error_missing_operation_id() {
    assert_error("missing_operation_id.yaml", ErrorKind::MissingOperationId, "/paths/~1a/put");
}

#[test]
fn error_duplicate_operation_id() {
    let message = assert_error("duplicate_operation_id.yaml", ErrorKind::DuplicateOperationId, "/paths/~1b/get");
    assert!(message.contains("Things_Get") && message.contains("duplicate_operation_id.yaml#/paths/~1a/get"), "{message}");
}

#[test]
fn error_path_parameter_not_in_template() {
    let message = assert_error(
        "path_parameter_not_in_template.yaml",
        ErrorKind::PathParameterNotInTemplate,
        "/paths/~1things~1{thingName}/get/parameters/1",
    );
    assert!(message.contains("thingId"), "{message}");
}

#[test]
fn error_template_variable_without_parameter() {
    let message = assert_error(
        "template_variable_without_parameter.yaml",
        ErrorKind::PathParameterNotInTemplate,
        "/paths/~1things~1{thingName}~1parts~1{partName}/get",
    );
    assert!(message.contains("partName"), "{message}");
}

#[test]
fn error_all_of_cycle() {
    assert_error("all_of_cycle.yaml", ErrorKind::Invalid, "/components/schemas/A");
}

#[test]
fn error_bad_mutability() {
    let message = assert_error("bad_mutability.yaml", ErrorKind::Invalid, "/components/schemas/A/properties/name/x-ms-mutability");
    assert!(message.contains("\"delete\""), "{message}");
}

#[test]
fn error_missing_schema_ref() {
    assert_error("missing_schema_ref.yaml", ErrorKind::RefMissingPointer, "/components/schemas/A/properties/b");
}

#[test]
fn error_all_of_non_object() {
    assert_error("all_of_non_object.yaml", ErrorKind::Unsupported, "/components/schemas/A/allOf/0");
}
