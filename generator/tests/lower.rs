//! The lowering stage: fixture specs written for one concern each (snapshots of their IR, plus
//! targeted assertions), one test per lowering error (kind and location).

use std::path::Path;

use generator::ir::{Api, ExampleContent, ParamLocation, Primitive, TypeDef, TypeKind, TypeRef};
use generator::load::{load_spec, LoadedSpec};
use generator::lower::lower_spec;
use generator::{ErrorKind, Location};

/// The fixture folder, relative to the package root (the tests' working directory), so
/// locations in snapshots do not depend on where the checkout is.
const FIXTURES: &str = "tests/fixtures/lower";

/// Loads a fixture through the real loader.
fn load_fixture(name: &str) -> LoadedSpec {
    let root = Path::new(FIXTURES).join(name);
    load_spec(&root).unwrap_or_else(|e| panic!("{name} should load: {e}"))
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
    // A global body without `x-ms-parameter-location: method` is client-level for AutoRest; it
    // stays a method argument here, and is recorded.
    let recorded: Vec<_> = api.unsupported.iter().map(|u| (u.location.pointer.as_str(), u.construct.as_str())).collect();
    assert_eq!(recorded, [("/components/requestBodies/WidgetBody", "a client-level body parameter (kept as a method argument)")]);
    // A file among form fields makes a multipart body, whose fields are an object type; its
    // `format: binary` field is a file part (bytes), no longer text.
    assert_eq!((body(5).kind, body(5).content_type.as_str()), (BodyKind::Multipart, "multipart/form-data"));
    assert!(body(5).required);
    let form: Vec<_> = object(&api, "BodiesMultipartRequest").fields.iter().map(|f| (f.wire_name.as_str(), f.required, f.ty.clone())).collect();
    assert_eq!(
        form,
        [("file", true, TypeRef::Primitive(Primitive::File)), ("note", false, TypeRef::Primitive(Primitive::String))]
    );
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
    // `x-ms-error-response: false` makes a listed 404 an expected answer, not an error.
    let exists = &api.operations[2];
    let statuses: Vec<_> = exists.responses.iter().map(|r| (r.status, r.is_error)).collect();
    assert_eq!(statuses, [(Code(204), false), (Code(404), false)]);
    assert_eq!(exists.error, None);
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
            (Some("nextLink"), "items", None),
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
    assert_eq!(field("password").secret, Some(generator::ir::Secret::Marked));
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
    // An allOf of an alias inherits from the type the alias names.
    assert_eq!(ty(&api, "BaseAlias").kind, TypeKind::Alias(named("Base")));
    let via_alias = object(&api, "ViaAlias");
    assert_eq!(via_alias.bases, ["Base"]);
    let got: Vec<_> = via_alias.fields.iter().map(|f| (f.wire_name.as_str(), f.inherited_from.as_deref())).collect();
    assert_eq!(got, [("name", Some("Base")), ("tags", Some("Base")), ("own", None)]);
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
    assert_eq!(other, [named("JobStatus"), named("JobStatus2"), named("JobStatus")]);
    let widening: Vec<_> = fields(&api, "Widening").into_iter().map(|(_, _, t)| t).collect();
    assert_eq!(widening, [named("Letter"), named("Letter")]);
    assert_eq!(variants(enumeration(&api, "Letter")), ["X", "Y"]);
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

#[test]
fn recursive_types_refer_to_themselves_by_name() {
    let api = lower("recursion.yaml");
    let node = named("Node");
    let got: Vec<_> = fields(&api, "Node").into_iter().map(|(w, _, t)| (w, t)).collect();
    assert_eq!(
        got,
        [
            ("parent".to_string(), node.clone()),
            ("children".to_string(), TypeRef::Array(Box::new(node.clone()))),
            ("byName".to_string(), TypeRef::Map(Box::new(node.clone()))),
            ("meta".to_string(), named("NodeMeta")),
            ("next".to_string(), node.clone()),
        ]
    );
    assert_eq!(fields(&api, "NodeMeta")[0].2, node);
    assert!(object(&api, "Node").fields[4].read_only);
    assert_eq!(fields(&api, "Ping")[0].2, named("Pong"));
    assert_eq!(fields(&api, "Pong")[0].2, named("Ping"));
    // A type inheriting from the type it is a property of gets every inherited field, also when
    // its base was still being lowered when it was met.
    let inherited = |name: &str| -> Vec<(String, Option<String>, bool)> {
        object(&api, name).fields.iter().map(|f| (f.wire_name.clone(), f.inherited_from.clone(), f.required)).collect()
    };
    let field = |wire: &str, from: Option<&str>, required: bool| (wire.to_string(), from.map(str::to_string), required);
    assert_eq!(fields(&api, "Folder")[1].2, named("FolderSpecial"));
    assert_eq!(
        inherited("FolderSpecial"),
        [field("name", Some("Folder"), true), field("special", Some("Folder"), false), field("label", None, true)]
    );
    assert_eq!(object(&api, "FolderSpecial").bases, ["Folder"]);
    assert_eq!(inherited("Sub"), [field("id", Some("Left"), false), field("right", Some("Left"), false), field("subOnly", None, false)]);
    assert_eq!(
        inherited("RightSub"),
        [
            field("id", Some("Left"), false),
            field("right", Some("Left"), false),
            field("subOnly", Some("Sub"), false),
            field("more", None, false),
        ]
    );
    assert_eq!(inherited("LeftRight"), [field("key", Some("Right"), false), field("sub", Some("Right"), false), field("extra", None, false)]);
    assert_eq!(
        api.types.keys().collect::<Vec<_>>(),
        ["Folder", "FolderSpecial", "Left", "LeftRight", "Node", "NodeMeta", "Ping", "Pong", "Right", "RightSub", "Sub"]
    );
}

#[test]
fn names_that_collide_across_files_are_numbered_once() {
    // The loader numbers a second `Error` from another file as `names::unique` does, so the Rust
    // names are the component names, decided by one rule.
    let spec = load_spec(Path::new("tests/fixtures/load/collisions/root.json")).unwrap_or_else(|e| panic!("{e}"));
    let api = lower_spec(&spec).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(api.types.keys().collect::<Vec<_>>(), ["Detail", "Detail2", "Error", "Error2", "Error3", "Holder"]);
    let got: Vec<_> = fields(&api, "Holder").into_iter().map(|(w, _, t)| (w, t)).collect();
    assert_eq!(
        got,
        [
            ("fromA".to_string(), named("Error2")),
            ("fromB".to_string(), named("Error3")),
            ("fromAAgain".to_string(), named("Error2")),
            ("detailB".to_string(), named("Detail")),
            ("detailA".to_string(), named("Detail2")),
        ]
    );
    assert_eq!(ty(&api, "Error3").location, Location::new("tests/fixtures/load/collisions/b/types.json", "/definitions/Error"));
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
    let message = assert_error("missing_operation_id.yaml", ErrorKind::MissingOperationId, "/paths/~1a/put");
    assert!(message.contains("no operationId; expected"), "{message}");
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
fn error_unclosed_path_template() {
    let message = assert_error("unclosed_template.yaml", ErrorKind::Invalid, "/paths/~1things~1{thingName");
    assert!(message.contains("/things/{thingName"), "{message}");
}

#[test]
fn error_all_of_cycle() {
    assert_error("all_of_cycle.yaml", ErrorKind::Invalid, "/components/schemas/A");
}

#[test]
fn error_bad_mutability() {
    let message = assert_error("bad_mutability.yaml", ErrorKind::Invalid, "/components/schemas/A/properties/name/x-ms-mutability");
    assert!(message.starts_with("expected an array of") && message.contains("\"delete\""), "{message}");
}

#[test]
fn error_all_of_non_object() {
    assert_error("all_of_non_object.yaml", ErrorKind::Unsupported, "/components/schemas/A/allOf/0");
}

/// The vendored specs, relative to the package root.
const STABLE: &str = "../specs/specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json";
const PREVIEW: &str =
    "../specs/specification/iothub/resource-manager/Microsoft.Devices/IoTHub/preview/2025-08-01-preview/iothub.json";
const DPS: &str = "../specs/specification/deviceprovisioningservices/resource-manager/Microsoft.Devices/DeviceProvisioningServices/stable/2026-11-01/iotdps.json";

/// Loads and lowers a vendored spec.
fn lower_vendored(path: &str) -> Api {
    generator::model(Path::new(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A type as one short line: `Vec<Named>`, `Map<i32>`, `JobStatus`.
fn show(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(Primitive::UnknownFormat(format)) => format!("string({format})"),
        TypeRef::Primitive(p) => serde_json::to_value(p).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
        TypeRef::Array(items) => format!("Vec<{}>", show(items)),
        TypeRef::Map(values) => format!("Map<{}>", show(values)),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Any => "any".to_string(),
        TypeRef::Nullable(inner) => format!("{}?", show(inner)),
    }
}

/// A readable dump of an API: one line per parameter, response, field and enum value, so a
/// snapshot diff reads like a change to the API.
fn dump(api: &Api) -> serde_json::Value {
    use serde_json::json;
    let param = |p: &generator::ir::Parameter| {
        let mut flags = vec![format!("{:?}", p.location).to_lowercase()];
        for (set, flag) in [(p.required, "required"), (p.client_level, "client"), (p.skip_url_encoding, "skip-url-encoding")] {
            if set {
                flags.push(flag.to_string());
            }
        }
        if let Some(c) = &p.constant {
            flags.push(format!("constant {c}"));
        }
        if let Some(d) = &p.default {
            flags.push(format!("default {d}"));
        }
        format!("{} ({}): {} [{}]", p.name, p.rust_name, show(&p.ty), flags.join(", "))
    };
    let operations: Vec<_> = api
        .operations
        .iter()
        .map(|o| {
            let responses: Vec<_> = o
                .responses
                .iter()
                .map(|r| {
                    let status = match r.status {
                        generator::ir::StatusCode::Code(c) => c.to_string(),
                        generator::ir::StatusCode::Default => "default".to_string(),
                    };
                    let headers: Vec<_> = r.headers.iter().map(|h| format!("{}: {}", h.name, show(&h.ty))).collect();
                    format!(
                        "{status}{}: {}{}",
                        if r.is_error { " (error)" } else { "" },
                        r.ty.as_ref().map(show).unwrap_or_else(|| "-".to_string()),
                        if headers.is_empty() { String::new() } else { format!(" headers {}", headers.join(", ")) }
                    )
                })
                .collect();
            let examples: Vec<_> = o
                .examples
                .iter()
                .map(|e| {
                    let state = match &e.content {
                        ExampleContent::Found { .. } => "found".to_string(),
                        ExampleContent::Missing => "missing".to_string(),
                        ExampleContent::Invalid(why) => format!("invalid: {why}"),
                    };
                    format!("{} ({}): {state}", e.name, e.file)
                })
                .collect();
            json!({
                "operation": format!("{} {:?} {}", o.id, o.method, o.path),
                "rust": format!("{}::{}", o.group.as_deref().unwrap_or("-"), o.name),
                "parameters": o.parameters.iter().map(param).collect::<Vec<_>>(),
                "body": o.body.as_ref().map(|b| format!(
                    "{} ({}): {} [{:?}, {}{}{}]",
                    b.name, b.rust_name, show(&b.ty), b.kind, b.content_type,
                    if b.required { ", required" } else { "" },
                    if b.client_flatten { ", flatten" } else { "" },
                )),
                "responses": responses,
                "error": o.error.as_ref().map(show),
                "pageable": o.pageable.as_ref().map(|p| format!("next {:?}, item {}, operation {:?}", p.next_link_name, p.item_name, p.operation_name)),
                "long_running": o.long_running.as_ref().map(|l| format!("final-state-via {:?}, schema {:?}", l.final_state_via, l.final_state_schema.as_ref().map(show))),
                "examples": examples,
            })
        })
        .collect();
    let types: serde_json::Map<String, serde_json::Value> = api
        .types
        .iter()
        .map(|(name, def)| {
            let body = match &def.kind {
                TypeKind::Object(o) => {
                    let fields: Vec<_> = o
                        .fields
                        .iter()
                        .map(|f| {
                            let mut flags = Vec::new();
                            for (set, flag) in [
                                (f.required, "required"),
                                (f.read_only, "read-only"),
                                (f.nullable, "nullable"),
                                (f.client_flatten, "flatten"),
                            ] {
                                if set {
                                    flags.push(flag.to_string());
                                }
                            }
                            match &f.secret {
                                Some(generator::ir::Secret::Marked) => flags.push("secret (x-ms-secret)".into()),
                                Some(generator::ir::Secret::PasswordFormat) => flags.push("secret (format: password)".into()),
                                Some(generator::ir::Secret::CredentialName(words)) => flags.push(format!("secret (name: {words})")),
                                None => {}
                            }
                            if !f.mutability.is_empty() {
                                flags.push(format!("mutability {:?}", f.mutability));
                            }
                            if let Some(base) = &f.inherited_from {
                                flags.push(format!("from {base}"));
                            }
                            format!("{} ({}): {} [{}]", f.wire_name, f.rust_name, show(&f.ty), flags.join(", "))
                        })
                        .collect();
                    json!({
                        "object": fields,
                        "bases": o.bases,
                        "additional_properties": o.additional_properties.as_ref().map(show),
                        "discriminator": o.discriminator.as_ref().map(|d| json!({"property": d.property, "variants": d.variants})),
                        "discriminator_value": o.discriminator_value,
                    })
                }
                TypeKind::Enum(e) => json!({
                    "enum": e.values.iter().map(|v| format!("{} = {}", v.name, v.value)).collect::<Vec<_>>(),
                    "base": show(&TypeRef::Primitive(e.base.clone())),
                    "model_as_string": e.model_as_string,
                }),
                TypeKind::Alias(ty) => json!({ "alias": show(ty) }),
            };
            (name.clone(), json!({ "spec_name": def.spec_name, "at": def.location.to_string(), "kind": body }))
        })
        .collect();
    json!({
        "title": api.title,
        "api_version": api.api_version,
        "endpoint": api.endpoint,
        "oauth2_scopes": api.oauth2_scopes,
        "client_parameters": api.client_parameters.iter().map(param).collect::<Vec<_>>(),
        "operations": operations,
        "types": types,
        "unsupported": api.unsupported.iter().map(|u| format!("{}: {}", u.location, u.construct)).collect::<Vec<_>>(),
    })
}

#[test]
fn vendored_snapshots() {
    for (name, path) in [("iothub_2023_06_30", STABLE), ("iothub_2025_08_01_preview", PREVIEW), ("iotdps_2026_11_01", DPS)] {
        insta::assert_yaml_snapshot!(name, dump(&lower_vendored(path)));
    }
}

/// The operation with this operationId.
fn operation<'a>(api: &'a Api, id: &str) -> &'a generator::ir::Operation {
    api.operations.iter().find(|o| o.id == id).unwrap_or_else(|| panic!("no operation {id}"))
}

/// (name, client-level) of an operation's parameters.
fn placement(op: &generator::ir::Operation) -> Vec<(&str, bool)> {
    op.parameters.iter().map(|p| (p.name.as_str(), p.client_level)).collect()
}

#[test]
fn stable_spec_get_job() {
    use generator::ir::{HttpMethod, StatusCode};
    let api = lower_vendored(STABLE);
    assert_eq!(api.operations.len(), 38);
    assert_eq!(api.api_version, "2023-06-30");
    let client: Vec<_> = api.client_parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(client, ["api-version", "subscriptionId"]);
    assert_eq!(api.client_parameters[0].default, Some(serde_json::json!("2023-06-30")));
    let op = operation(&api, "IotHubResource_GetJob");
    assert_eq!((op.group.as_deref(), op.name.as_str(), op.method), (Some("IotHubResource"), "get_job", HttpMethod::Get));
    assert_eq!(
        op.path,
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Devices/IotHubs/{resourceName}/jobs/{jobId}"
    );
    assert_eq!(
        placement(op),
        [("api-version", true), ("subscriptionId", true), ("resourceGroupName", false), ("resourceName", false), ("jobId", false)]
    );
    let ok = op.responses.iter().find(|r| r.status == StatusCode::Code(200)).expect("a 200 response");
    assert_eq!(ok.ty, Some(named("JobResponse")));
    assert_eq!(op.error, Some(named("ErrorDetails")));
    let job = fields(&api, "JobResponse");
    let field = |wire: &str| job.iter().find(|(w, _, _)| w == wire).cloned().unwrap_or_else(|| panic!("{wire}"));
    assert_eq!(field("startTimeUtc").1, "start_time_utc");
    assert_eq!(field("startTimeUtc").2, TypeRef::Primitive(Primitive::DateTimeRfc1123));
    assert_eq!(field("endTimeUtc").2, TypeRef::Primitive(Primitive::DateTimeRfc1123));
    assert_eq!(field("status").2, named("JobStatus"));
    assert_eq!(field("type").2, named("JobType"));
    assert!(!enumeration(&api, "JobStatus").model_as_string);
    assert!(enumeration(&api, "JobType").model_as_string);
    // FallbackRouteProperties.source lists one RoutingSource value: it is the RoutingSource.
    let fallback = fields(&api, "FallbackRouteProperties");
    assert!(fallback.iter().any(|(w, _, t)| w == "source" && *t == named("RoutingSource")));
    assert!(!api.types.contains_key("RoutingSource2"));
    let found = op.examples.iter().filter(|e| matches!(e.content, ExampleContent::Found { .. })).count();
    assert_eq!(found, 1);
}

#[test]
fn preview_spec_keeps_names_and_placement() {
    let stable = lower_vendored(STABLE);
    let preview = lower_vendored(PREVIEW);
    for name in ["JobStatus", "JobType"] {
        let values = |api: &Api| enumeration(api, name).values.iter().map(|v| v.value.clone()).collect::<Vec<_>>();
        assert_eq!(values(&preview), values(&stable), "{name}");
    }
    assert!(matches!(ty(&preview, "ErrorDetails").kind, TypeKind::Object(_)));
    let job = fields(&preview, "JobResponse");
    let status = job.iter().find(|(w, _, _)| w == "status").map(|(_, _, t)| t.clone());
    assert_eq!(status, Some(named("JobStatus")));
    let op = operation(&preview, "IotHubResource_GetJob");
    let client: Vec<_> = op.parameters.iter().filter(|p| p.client_level).map(|p| p.name.as_str()).collect();
    assert_eq!(client, ["api-version", "subscriptionId"]);
    assert_eq!(op.error, Some(named("ErrorDetails")));
    let client: Vec<_> = preview.client_parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(client, ["api-version", "subscriptionId"]);
}

/// An API as JSON without the places things were read from (which differ between a Swagger 2.0
/// fixture and its OpenAPI 3.0 twin by design).
fn without_locations(api: &Api) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.remove("location");
                map.remove("location_in_spec");
                map.remove("endpoint_location");
                map.remove("title_location");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(api).unwrap_or_else(|e| panic!("the IR serializes: {e}"));
    strip(&mut value);
    value
}

#[test]
fn swagger_twins_give_the_same_ir() {
    let mut compared = 0;
    insta::glob!("fixtures/lower/swagger/*.yaml", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let swagger = lower(&format!("swagger/{name}"));
        let openapi = lower(name);
        assert_same_ir(name, &without_locations(&swagger), &without_locations(&openapi));
        compared += 1;
    });
    assert_eq!(compared, 16, "every fixture that applies to both formats has a Swagger 2.0 twin");
}

/// Asserts two JSON values are equal, showing both as YAML on failure.
fn assert_same_ir(name: &str, swagger: &serde_json::Value, openapi: &serde_json::Value) {
    if swagger != openapi {
        let show = |v: &serde_json::Value| serde_yaml::to_string(v).unwrap_or_default();
        let (a, b) = (show(swagger), show(openapi));
        let diff: Vec<_> = a.lines().zip(b.lines()).enumerate().filter(|(_, (x, y))| x != y).take(10).collect();
        panic!("{name}: the Swagger 2.0 twin lowers differently; first differing lines (swagger, openapi): {diff:#?}");
    }
}

/// `x-ms-parameterized-host`: referenced variables are client settings, inline ones arguments
/// of every operation (last here, as `positionInOperation` says), as AutoRest places them.
#[test]
fn a_parameterized_host_gives_client_settings_and_method_arguments() {
    let api = lower("parameterized_host.yaml");
    let host = api.host.as_ref().expect("a host template");
    assert_eq!(host.template, "{vault}{dnsSuffix}");
    assert_eq!(host.scheme_prefix.as_deref(), Some("https://"));
    let client: Vec<_> = api.client_parameters.iter().map(|p| (p.name.as_str(), p.location, p.client_level)).collect();
    assert_eq!(client, [("dnsSuffix", ParamLocation::Host, true)]);
    let op = &api.operations[0];
    let names: Vec<_> = op.parameters.iter().map(|p| (p.name.as_str(), p.location)).collect();
    assert_eq!(names, [("keyName", ParamLocation::Path), ("vault", ParamLocation::Host)]);
    let field = &api.clients.root.fields[0];
    assert_eq!((field.field.as_str(), field.required, field.default.as_deref()), ("dns_suffix", false, Some("vault.azure.net")));
}

/// A template variable no parameter gives is a located error.
#[test]
fn a_host_template_variable_without_a_parameter_is_a_located_error() {
    let dir = std::env::temp_dir().join(format!("lower-host-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.0\ninfo: {title: t, version: \"1\"}\nx-ms-parameterized-host: {hostTemplate: \"{endpoint}\", parameters: []}\npaths: {}\n",
    )
    .unwrap();
    let error = generator::model(&spec).unwrap_err();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(error.location.pointer, "/x-ms-parameterized-host/parameters");
    assert!(error.message.contains("`{endpoint}`"), "{error}");
}

#[test]
fn unsupported_constructs_are_kept_and_recorded() {
    let api = lower("unsupported.yaml");
    let recorded: Vec<_> = api.unsupported.iter().map(|u| (u.location.pointer.as_str(), u.construct.as_str())).collect();
    assert_eq!(
        recorded,
        [
            ("/components/schemas/Choice", "oneOf (kept as any JSON value)"),
            ("/components/schemas/Holder/properties/either", "anyOf (kept as any JSON value)"),
            ("/components/schemas/Holder/properties/list", "an array without `items` (items kept as any JSON value)"),
            ("/components/schemas/Holder/properties/never", "not (kept as any JSON value)"),
            ("/paths/~1a/get/parameters/0", "a parameter serialized with `content` (sent as its schema)"),
            ("/paths/~1a/get/parameters/1/x-ms-header-collection-prefix", "x-ms-header-collection-prefix (the parameter is kept as it is)"),
            ("/paths/~1a/get/responses/2XX", "a status code range `2XX` (ignored)"),
            ("/paths/~1a/get/x-ms-long-running-operation-options/final-state-schema", "final-state-schema `./other.json#/definitions/Result` (not a local schema; ignored)"),
            ("/paths/~1a/get/x-ms-long-running-operation-options/final-state-via", "final-state-via \"custom\" (the ARM default is used)"),
        ]
    );
    assert_eq!(ty(&api, "Choice").kind, TypeKind::Alias(TypeRef::Any));
    let holder: Vec<_> = fields(&api, "Holder").into_iter().map(|(_, _, t)| t).collect();
    assert_eq!(holder, [TypeRef::Any, TypeRef::Any, TypeRef::Array(Box::new(TypeRef::Any))]);
    let op = &api.operations[0];
    assert_eq!(op.parameters[0].ty, TypeRef::Primitive(Primitive::String));
    assert_eq!(op.responses.len(), 1);
    assert_eq!(op.long_running.as_ref().map(|l| (l.final_state_via, l.final_state_schema.clone())), Some((None, None)));
}

#[test]
fn discriminator_mapping_names_values() {
    let api = lower("discriminator_mapping.yaml");
    let shape = object(&api, "Shape").discriminator.as_ref().expect("Shape is a discriminated root");
    let variants: Vec<_> = shape.variants.iter().map(|(v, t)| (v.as_str(), t.as_str())).collect();
    assert_eq!(variants, [("Square", "Square"), ("circle", "Circle")]);
    assert_eq!(object(&api, "Circle").discriminator_value.as_deref(), Some("circle"));
}

#[test]
fn swagger_errors_are_located_in_the_swagger_file() {
    assert_error("swagger/missing_operation_id.yaml", ErrorKind::MissingOperationId, "/paths/~1a/put");
    assert_error(
        "swagger/path_parameter_not_in_template.yaml",
        ErrorKind::PathParameterNotInTemplate,
        "/paths/~1things~1{thingName}/get/parameters/1",
    );
    assert_error("swagger/bad_mutability.yaml", ErrorKind::Invalid, "/definitions/A/properties/name/x-ms-mutability");
}

#[test]
fn swagger_locations_point_into_the_swagger_file() {
    let at = |fixture: &str, pointer: &str| Location::new(format!("{FIXTURES}/swagger/{fixture}"), pointer);
    let api = lower("swagger/objects.yaml");
    assert_eq!(ty(&api, "Resource").location, at("objects.yaml", "/definitions/Resource"));
    let api = lower("swagger/inline_names.yaml");
    assert_eq!(ty(&api, "ThingSku2").location, at("inline_names.yaml", "/definitions/Thing/properties/sku"));
    let api = lower("swagger/body.yaml");
    assert_eq!(ty(&api, "BodiesPostInlineRequest").location, at("body.yaml", "/paths/~1inline/post/parameters/0/schema"));
    let api = lower("swagger/parameters.yaml");
    let op = &api.operations[0];
    assert_eq!(op.parameters[0].location_in_spec, at("parameters.yaml", "/parameters/SubscriptionIdParameter"));
    assert_eq!(op.parameters[3].location_in_spec, at("parameters.yaml", &format!("{}/parameters/3", op.location.pointer)));
    assert!(op.location.pointer.starts_with("/paths/~1subscriptions~1{subscriptionId}"), "{}", op.location);
}

#[test]
fn read_only_on_a_referenced_schema_makes_its_properties_read_only() {
    let api = lower("read_only_refs.yaml");
    let TypeKind::Object(thing) = &api.types["Thing"].kind else { panic!("Thing is an object") };
    let read_only: Vec<_> = thing.fields.iter().map(|f| (f.wire_name.as_str(), f.read_only)).collect();
    assert_eq!(
        read_only,
        [("name", false), ("state", true), ("aliasedState", true), ("systemData", true), ("settings", false)]
    );
    let TypeKind::Object(settings) = &api.types["Settings"].kind else { panic!("Settings is an object") };
    assert_eq!(settings.fields[0].description.as_deref(), Some("The level (a title, no description)."));
}

// ---------------------------------------------------------------------------------------------
// Shapes a spec may nest without end: each compiles or is refused at its place, and none makes
// the lowering recurse once per level (these run on a test thread's 2 MiB stack).

/// Writes a Swagger 2.0 spec with `definitions` and an operation answering `A0` under the
/// test target's scratch space, and loads it.
fn load_generated(name: &str, definitions: serde_json::Value) -> (std::path::PathBuf, LoadedSpec) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lower");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join(format!("{name}.json"));
    let spec = serde_json::json!({
        "swagger": "2.0", "info": { "title": name, "version": "1" },
        "paths": { "/x": { "get": { "operationId": "X_Get", "responses": {
            "200": { "description": "ok", "schema": { "$ref": "#/definitions/A0" } }
        } } } },
        "definitions": definitions
    });
    std::fs::write(&path, spec.to_string()).expect("written");
    let loaded = load_spec(&path).unwrap_or_else(|e| panic!("{name} loads: {e}"));
    (path, loaded)
}

/// `n` definitions `A0`..`A{n-1}`, each made by `link(i)`, and a last `A{n}` that is a string.
fn chain(n: usize, link: impl Fn(usize) -> serde_json::Value) -> serde_json::Value {
    let mut definitions = serde_json::Map::new();
    for i in 0..n {
        definitions.insert(format!("A{i}"), link(i));
    }
    definitions.insert(format!("A{n}"), serde_json::json!({ "type": "object", "properties": { "z": { "type": "string" } } }));
    serde_json::Value::Object(definitions)
}

#[test]
fn an_all_of_chain_longer_than_the_limit_is_refused_where_it_gets_too_long() {
    let all_of = |i: usize| {
        serde_json::json!({ "allOf": [{ "$ref": format!("#/definitions/A{}", i + 1) }], "properties": { format!("p{i}"): { "type": "string" } } })
    };
    let limit = generator::ir::MAX_ALL_OF_DEPTH;
    let (_, ok) = load_generated("all_of_at_limit", chain(limit - 1, all_of));
    let api = lower_spec(&ok).expect("a chain of MAX_ALL_OF_DEPTH types lowers");
    assert_eq!(fields(&api, "A0").len(), limit, "each type holds every field of its bases");
    let (path, deep) = load_generated("all_of_3000", chain(3000, all_of));
    let e = lower_spec(&deep).expect_err("3,000 levels");
    assert_eq!(e.kind, ErrorKind::Unsupported);
    // A3000 ends the chain; A(3000 - limit) starts the first chain one type too long.
    assert_eq!(e.location, Location::new(&path, format!("/definitions/A{}", 3000 - limit)));
    assert!(e.message.contains(&format!("an allOf chain of {} types", limit + 1)), "{e}");
}

#[test]
fn long_chains_of_properties_are_refused_where_rustc_would_stop_without_recursion() {
    let property = |i: usize| {
        serde_json::json!({ "type": "object", "properties": { "next": { "$ref": format!("#/definitions/A{}", i + 1) } } })
    };
    // 49 links and the end: 50 types, two levels each for rustc, 100 in all.
    let (_, ok) = load_generated("properties_49", chain(49, property));
    let api = lower_spec(&ok).expect("49 levels of properties");
    assert_eq!(fields(&api, "A48")[0].2, named("A49"));
    let (path, spec) = load_generated("properties_5000", chain(5000, property));
    let e = lower_spec(&spec).expect_err("5,000 levels of properties");
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert_eq!(e.location, Location::new(&path, "/definitions/A4950"));
    assert!(e.message.contains("holds types 102 levels deep"), "{e}");
}

#[test]
fn aliases_nested_deeper_than_serde_json_decodes_are_refused() {
    let items = |i: usize| serde_json::json!({ "type": "array", "items": { "$ref": format!("#/definitions/A{}", i + 1) } });
    let (_, ok) = load_generated("items_12", chain(12, items));
    assert!(lower_spec(&ok).is_ok());
    let (path, deep) = load_generated("items_5000", chain(5000, items));
    let e = lower_spec(&deep).expect_err("5,000 levels of items");
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert_eq!(e.location, Location::new(&path, "/definitions/A4935"));
    assert!(e.message.contains("nests 130 levels deep"), "{e}");
}

#[test]
fn aliases_that_contain_themselves_become_something_rust_compiles() {
    let (path, spec) = load_generated(
        "self_aliases",
        serde_json::json!({
            "A0": { "type": "object", "additionalProperties": { "$ref": "#/definitions/A0" } },
            "List": { "type": "array", "items": { "$ref": "#/definitions/List" } },
            "Ping": { "type": "array", "items": { "$ref": "#/definitions/Pong" } },
            "Pong": { "type": "object", "additionalProperties": { "$ref": "#/definitions/Ping" } }
        }),
    );
    let api = lower_spec(&spec).expect("lowers");
    // A map of itself is a struct holding its entries.
    assert_eq!(object(&api, "A0").additional_properties, Some(named("A0")));
    assert!(object(&api, "A0").fields.is_empty());
    // A cycle through a map and an array: the map becomes a struct, which breaks it.
    assert_eq!(object(&api, "Pong").additional_properties, Some(named("Ping")));
    assert_eq!(ty(&api, "Ping").kind, TypeKind::Alias(TypeRef::Array(Box::new(named("Pong")))));
    // An array of itself has nothing to become: the inner occurrence is any JSON, recorded.
    assert_eq!(ty(&api, "List").kind, TypeKind::Alias(TypeRef::Array(Box::new(TypeRef::Any))));
    let recorded: Vec<_> = api.unsupported.iter().filter(|u| u.construct.contains("contains itself")).collect();
    assert_eq!(recorded.len(), 1, "{recorded:?}");
    assert_eq!(recorded[0].location, Location::new(&path, "/definitions/List"));
}

/// What the methods send and receive decides each model's serde impls: the walk follows a
/// union's kinds and their fields, leaves read-only fields out of what is sent, and records the
/// JSON request bodies; a type no method reaches is absent.
#[test]
fn usage_records_what_is_sent_and_received() {
    let api = lower("usage.yaml");
    let usage = |name: &str| api.clients.usage.get(name).map(|u| (u.sent, u.received, u.request_body));
    assert_eq!(usage("Pet"), Some((true, true, true)));
    assert_eq!(usage("Dog"), Some((true, true, false)));
    assert_eq!(usage("Trick"), Some((true, true, false)));
    assert_eq!(usage("Health"), Some((false, true, false)), "only in a read-only field");
    assert_eq!(usage("PetList"), Some((false, true, false)));
    assert_eq!(usage("Meal"), Some((true, false, true)));
    assert_eq!(usage("Failure"), Some((false, true, false)));
    assert_eq!(usage("Unused"), None);
}
