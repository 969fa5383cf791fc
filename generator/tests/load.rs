//! The loader: reading, Swagger 2.0 conversion, `$ref` bundling, examples and located errors.

use std::path::{Path, PathBuf};

use generator::load::{load_spec, ExampleFile, LoadedSpec, SourceVersion};
use generator::{ErrorKind, Location};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the generator is in the workspace").to_path_buf()
}

const STABLE: &str = "specs/specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json";
const PREVIEW: &str =
    "specs/specification/iothub/resource-manager/Microsoft.Devices/IoTHub/preview/2025-08-01-preview/iothub.json";
const DPS: &str = "specs/specification/deviceprovisioningservices/resource-manager/Microsoft.Devices/DeviceProvisioningServices/stable/2026-11-01/iotdps.json";

fn load_vendored(relative: &str) -> LoadedSpec {
    let path = workspace().join(relative);
    match load_spec(&path) {
        Ok(spec) => spec,
        Err(e) => panic!("{relative} should load: {e}"),
    }
}

fn all_refs(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k.starts_with("x-") {
                    continue;
                }
                if k == "$ref" {
                    if let Some(s) = v.as_str() {
                        out.push(s.to_string());
                    }
                }
                all_refs(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| all_refs(v, out)),
        _ => {}
    }
}

/// Every `$ref` in the bundled document is local and names a component that exists.
fn assert_bundled(spec: &LoadedSpec) {
    let value = serde_json::to_value(&spec.document).expect("the document serializes");
    let mut refs = Vec::new();
    all_refs(&value, &mut refs);
    for r in refs {
        assert!(r.starts_with("#/components/"), "non-local ref {r}");
        assert!(value.pointer(&r[1..]).is_some(), "dangling ref {r}");
    }
}

#[test]
fn stable_spec_has_38_operations_and_its_examples() {
    let spec = load_vendored(STABLE);
    assert_eq!(spec.source_version, SourceVersion::Swagger2);
    assert_eq!(spec.document.operations().count(), 38);
    assert_bundled(&spec);
    let found = spec.examples.values().filter(|e| matches!(e, ExampleFile::Found(_))).count();
    let missing = spec.examples.values().filter(|e| matches!(e, ExampleFile::Missing)).count();
    assert_eq!((found, missing), (17, 21));
    assert_eq!(spec.files.len(), 1);
}

/// Asserts that each of `names` is a schema component read from common-types v3 `file`.
fn assert_common_types(spec: &LoadedSpec, file: &str, names: &[&str]) {
    let schemas = &spec.document.components.as_ref().expect("components").schemas;
    for name in names {
        assert!(schemas.contains_key(*name), "{name} missing");
        let origin = spec.locate(&format!("/components/schemas/{name}"));
        assert!(
            origin.file.ends_with(format!("specification/common-types/resource-management/v3/{file}")),
            "{name} from {origin}"
        );
        assert_eq!(origin.pointer, format!("/definitions/{name}"));
    }
}

#[test]
fn preview_spec_brings_in_common_types_by_their_names() {
    let spec = load_vendored(PREVIEW);
    assert_bundled(&spec);
    assert_eq!(spec.document.operations().count(), 38);
    // `Resource` is reached only through the `allOf` of the other two, inside types.json.
    assert_common_types(&spec, "types.json", &["ProxyResource", "TrackedResource", "Resource"]);
    let parameters = &spec.document.components.as_ref().expect("components").parameters;
    assert!(parameters.contains_key("ApiVersionParameter"));
    let origin = spec.locate("/components/parameters/ApiVersionParameter");
    assert!(origin.file.ends_with("common-types/resource-management/v3/types.json"), "{origin}");
    assert_eq!(origin.pointer, "/parameters/ApiVersionParameter");
    assert_eq!(spec.files.len(), 2);
}

#[test]
fn dps_spec_brings_in_error_response_from_common_types() {
    let spec = load_vendored(DPS);
    assert_bundled(&spec);
    assert_eq!(spec.document.operations().count(), 24);
    assert_common_types(&spec, "types.json", &["ErrorResponse", "ErrorDetail", "ErrorAdditionalInfo"]);
    assert_common_types(
        &spec,
        "managedidentity.json",
        &["ManagedServiceIdentity", "ManagedServiceIdentityType", "UserAssignedIdentity"],
    );
    assert_eq!(spec.files.len(), 3);
}

// ---------------------------------------------------------------------------------------------
// Fixture specs, one concern each.

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}

fn load(relative: &str) -> LoadedSpec {
    match load_spec(&fixture(relative)) {
        Ok(spec) => spec,
        Err(e) => panic!("{relative} should load: {e}"),
    }
}

fn json(spec: &LoadedSpec) -> serde_json::Value {
    serde_json::to_value(&spec.document).expect("the document serializes")
}

fn at<'a>(value: &'a serde_json::Value, pointer: &str) -> &'a serde_json::Value {
    value.pointer(pointer).unwrap_or_else(|| panic!("no {pointer} in {value:#}"))
}

/// Asserts that two specs agree at `pointer` of their bundled documents.
fn assert_agree(a: &LoadedSpec, b: &LoadedSpec, pointer: &str) {
    let (a_json, b_json) = (json(a), json(b));
    assert_eq!(
        at(&a_json, pointer),
        at(&b_json, pointer),
        "{} and {} differ at {pointer}",
        a.root.display(),
        b.root.display()
    );
}

fn schema_names(spec: &LoadedSpec) -> Vec<String> {
    spec.document.components.as_ref().map(|c| c.schemas.keys().cloned().collect()).unwrap_or_default()
}

#[test]
fn schema_keywords_convert_and_agree_across_forms() {
    let json_form = load("load/schemas.swagger.json");
    let yaml_form = load("load/schemas.swagger.yaml");
    let openapi = load("load/schemas.openapi.yaml");
    assert_eq!(json_form.source_version, SourceVersion::Swagger2);
    assert_eq!(yaml_form.source_version, SourceVersion::Swagger2);
    assert_eq!(openapi.source_version, SourceVersion::OpenApi3);
    assert_agree(&json_form, &yaml_form, "/components");
    assert_agree(&json_form, &openapi, "/components");

    // The openapiv3 model, not only the JSON, has what the Swagger keywords meant.
    let schemas = &json_form.document.components.as_ref().expect("components").schemas;
    let openapiv3::ReferenceOr::Item(pet) = &schemas["Pet"] else { panic!("Pet is a schema") };
    let discriminator = pet.schema_data.discriminator.as_ref().expect("a discriminator object");
    assert_eq!(discriminator.property_name, "kind");
    assert_eq!(pet.schema_data.title.as_deref(), Some("A pet"));
    assert_eq!(pet.schema_data.extensions.get("x-ms-azure-resource"), Some(&serde_json::json!(false)));
    let openapiv3::SchemaKind::Type(openapiv3::Type::Object(object)) = &pet.schema_kind else {
        panic!("Pet is an object")
    };
    let property = |name: &str| match &object.properties[name] {
        openapiv3::ReferenceOr::Item(s) => s.as_ref().clone(),
        other => panic!("{name} is inline, found {other:?}"),
    };
    let nickname = property("nickname");
    assert!(nickname.schema_data.nullable);
    assert_eq!(nickname.schema_data.extensions.get("x-nullable"), Some(&serde_json::json!(true)));
    assert!(property("id").schema_data.read_only);
    assert_eq!(property("name").schema_data.default, Some(serde_json::json!("rex")));
    let photo = serde_json::to_value(property("photo")).expect("serializes");
    assert_eq!(photo, serde_json::json!({ "type": "string", "format": "binary" }));
    let owner = property("owner");
    assert!(owner.schema_data.read_only, "siblings of a $ref are kept beside an allOf");
    assert_eq!(owner.schema_data.extensions.get("x-ms-client-flatten"), Some(&serde_json::json!(true)));
    let openapiv3::SchemaKind::AllOf { all_of } = &owner.schema_kind else { panic!("owner is allOf") };
    assert_eq!(all_of, &vec![openapiv3::ReferenceOr::ref_("#/components/schemas/Owner")]);
    assert!(matches!(
        object.properties["tags"].as_item().map(|s| &s.schema_kind),
        Some(openapiv3::SchemaKind::Type(openapiv3::Type::Object(openapiv3::ObjectType {
            additional_properties: Some(openapiv3::AdditionalProperties::Schema(_)),
            ..
        })))
    ));
    assert!(matches!(
        object.properties["extra"].as_item().map(|s| &s.schema_kind),
        Some(openapiv3::SchemaKind::Type(openapiv3::Type::Object(openapiv3::ObjectType {
            additional_properties: Some(openapiv3::AdditionalProperties::Any(true)),
            ..
        })))
    ));
    assert_eq!(
        json_form.locate("/components/schemas/Pet/properties/size"),
        Location::new(fixture("load/schemas.swagger.json"), "/definitions/Pet/properties/size")
    );
}

#[test]
fn body_parameters_become_request_bodies() {
    let swagger = load("load/body.swagger.json");
    let openapi = load("load/body.openapi.json");
    assert_agree(&swagger, &openapi, "/paths");
    assert_agree(&swagger, &openapi, "/components");
    let doc = json(&swagger);
    let patch_body = at(&doc, "/components/requestBodies/WidgetPatch");
    assert_eq!(at(patch_body, "/x-ms-requestBody-name"), "patch");
    // The body parameter's place is where the request body came from.
    assert_eq!(
        swagger.locate("/paths/~1widgets~1{name}/put/requestBody/content/application~1json/schema"),
        Location::new(fixture("load/body.swagger.json"), "/paths/~1widgets~1{name}/put/parameters/1/schema")
    );
    assert_eq!(
        swagger.locate("/components/requestBodies/WidgetPatch"),
        Location::new(fixture("load/body.swagger.json"), "/parameters/WidgetPatch")
    );
}

#[test]
fn operation_consumes_gives_request_content_types() {
    // The file's `consumes` for an operation without its own; an operation's own `consumes` wins,
    // for an inline body and for a `$ref` to a global body parameter (inlined with its types);
    // a `$ref` from an operation without its own `consumes` stays a ref.
    let doc = json(&load("load/body.swagger.json"));
    let types = |pointer: &str| -> Vec<String> {
        at(&doc, &format!("{pointer}/requestBody/content")).as_object().expect("content").keys().cloned().collect()
    };
    assert_eq!(types("/paths/~1widgets~1{name}/put"), ["application/json"]);
    assert_eq!(types("/paths/~1widgets~1{name}~1note/put"), ["text/plain"]);
    assert_eq!(types("/paths/~1widgets~1{name}/patch"), ["application/json", "application/merge-patch+json"]);
    assert_eq!(at(&doc, "/paths/~1widgets~1{name}/patch/requestBody/x-ms-requestBody-name"), "patch");
    assert_eq!(
        at(&doc, "/paths/~1widgets~1{name}/post/requestBody"),
        &serde_json::json!({ "$ref": "#/components/requestBodies/WidgetPatch" })
    );
}

#[test]
fn form_data_becomes_form_bodies() {
    let spec = load("load/form.swagger.yaml");
    let doc = json(&spec);
    let login = at(&doc, "/paths/~1login/post/requestBody");
    assert_eq!(
        login,
        &serde_json::json!({
            "content": { "application/x-www-form-urlencoded": { "schema": {
                "type": "object",
                "properties": {
                    "user": { "type": "string", "description": "The user." },
                    "password": { "type": "string", "format": "password" },
                    "remember": { "type": "boolean", "x-ms-client-name": "rememberMe" }
                },
                "required": ["user", "password"]
            } } },
            "required": true
        })
    );
    let upload = at(&doc, "/paths/~1upload/post/requestBody/content");
    let types: Vec<_> = upload.as_object().expect("content").keys().cloned().collect();
    assert_eq!(types, ["multipart/form-data"]);
    assert_eq!(
        at(upload, "/multipart~1form-data/schema/properties/file"),
        &serde_json::json!({ "type": "string", "format": "binary" })
    );
    assert_eq!(at(&doc, "/paths/~1upload/post/responses/204/description"), "Stored.");
    // Global formData parameters are inlined, not components.
    assert!(spec.document.components.as_ref().is_none_or(|c| c.parameters.is_empty()));
}

#[test]
fn parameters_get_schemas_and_styles() {
    let spec = load("load/parameters.swagger.json");
    let doc = json(&spec);
    let params = at(&doc, "/paths/~1things~1{thingId}/get/parameters").as_array().expect("parameters");
    let by_name = |name: &str| params.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("no {name}"));
    assert_eq!(params[0], serde_json::json!({ "$ref": "#/components/parameters/ApiVersion" }));
    let ids = by_name("ids");
    assert_eq!(
        ids["schema"],
        serde_json::json!({ "type": "array", "items": { "type": "integer", "format": "int64" } })
    );
    assert_eq!((ids["style"].clone(), ids["explode"].clone()), (serde_json::json!("form"), serde_json::json!(false)));
    assert_eq!(ids["x-ms-collection-format"], "csv");
    let style = |name: &str| (by_name(name)["style"].clone(), by_name(name)["explode"].clone());
    assert_eq!(style("tags"), (serde_json::json!("form"), serde_json::json!(true)));
    assert_eq!(style("words"), (serde_json::json!("spaceDelimited"), serde_json::json!(false)));
    assert_eq!(style("bars"), (serde_json::json!("pipeDelimited"), serde_json::json!(false)));
    assert_eq!(style("tabs"), (serde_json::json!("form"), serde_json::json!(false)));
    assert_eq!(by_name("tabs")["x-ms-collection-format"], "tsv");
    // No collectionFormat: Swagger's csv, which OpenAPI's query default (explode) is not.
    assert_eq!(style("plain"), (serde_json::json!("form"), serde_json::json!(false)));
    assert!(by_name("plain").get("x-ms-collection-format").is_none());
    assert_eq!(style("x-ms-ids"), (serde_json::json!("simple"), serde_json::json!(false)));
    let mode = by_name("mode");
    assert_eq!(
        mode["schema"],
        serde_json::json!({ "type": "string", "enum": ["fast", "slow"], "default": "fast", "x-ms-enum": { "name": "Mode", "modelAsString": false } })
    );
    assert_eq!(mode["x-ms-parameter-location"], "method");
    assert_eq!(
        by_name("top")["schema"],
        serde_json::json!({ "type": "integer", "format": "int32", "maximum": 100, "minimum": 1 })
    );
    // Path-level parameters stay at the path level.
    let shared = at(&doc, "/paths/~1things~1{thingId}/parameters/0");
    assert_eq!(shared["x-ms-skip-url-encoding"], true);
    assert_eq!(at(&doc, "/components/parameters/ApiVersion/schema"), &serde_json::json!({ "type": "string" }));
    // The model agrees: typed parameters with their extensions.
    let op = spec.document.operations().next().expect("an operation").2;
    let openapiv3::ReferenceOr::Item(openapiv3::Parameter::Query { parameter_data, style, .. }) = &op.parameters[2]
    else {
        panic!("tags is an inline query parameter")
    };
    assert_eq!(parameter_data.name, "tags");
    assert_eq!(parameter_data.explode, Some(true));
    assert_eq!(style, &openapiv3::QueryStyle::Form);
    assert_eq!(
        spec.locate("/paths/~1things~1{thingId}/get/parameters/2"),
        Location::new(fixture("load/parameters.swagger.json"), "/paths/~1things~1{thingId}/get/parameters/2")
    );
}

#[test]
fn responses_get_content_and_headers() {
    let swagger = load("load/responses.swagger.json");
    let openapi = load("load/responses.openapi.yaml");
    assert_agree(&swagger, &openapi, "/paths");
    assert_agree(&swagger, &openapi, "/components");
    assert_eq!(
        swagger.locate("/paths/~1jobs/post/responses/200/content/application~1json/schema"),
        Location::new(fixture("load/responses.swagger.json"), "/paths/~1jobs/post/responses/200/schema")
    );
}

#[test]
fn servers_and_security_schemes_convert() {
    let swagger = load("load/servers_security.swagger.json");
    let openapi = load("load/servers_security.openapi.yaml");
    for pointer in ["/servers", "/components/securitySchemes", "/security", "/info", "/x-ms-parameterized-host"] {
        assert_agree(&swagger, &openapi, pointer);
    }
    assert_eq!(swagger.document.servers[0].url, "https://management.example.com/api");
    assert_eq!(
        swagger.document.extensions.get("x-ms-parameterized-host").map(|v| &v["hostTemplate"]),
        Some(&serde_json::json!("{endpoint}"))
    );
}

#[test]
fn x_ms_paths_merge_into_paths_with_their_origin() {
    let spec = load("load/x_ms_paths.swagger.json");
    let ids: Vec<_> = spec
        .document
        .operations()
        .map(|(path, method, op)| (path.to_string(), method, op.operation_id.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        ids,
        [
            ("/items".to_string(), "get", "Items_List".to_string()),
            ("/items?op=count".to_string(), "get", "Items_Count".to_string()),
            ("/items?op=purge".to_string(), "post", "Items_Purge".to_string()),
            ("/items?op=purge".to_string(), "delete", "Items_PurgeAll".to_string()),
        ]
    );
    let file = fixture("load/x_ms_paths.swagger.json");
    assert_eq!(spec.locate("/paths/~1items?op=count/get"), Location::new(&file, "/x-ms-paths/~1items?op=count/get"));
    assert_eq!(spec.locate("/paths/~1items/get"), Location::new(&file, "/paths/~1items/get"));
}

#[test]
fn extensions_are_carried_everywhere() {
    let spec = load("load/extensions.swagger.json");
    let doc = &spec.document;
    assert_eq!(doc.extensions.get("x-root-note"), Some(&serde_json::json!({ "kept": true })));
    assert_eq!(doc.info.extensions.get("x-info-note"), Some(&serde_json::json!(1)));
    let openapiv3::ReferenceOr::Item(item) = &doc.paths.paths["/a"] else { panic!("/a is inline") };
    assert_eq!(item.extensions.get("x-path-note"), Some(&serde_json::json!("path")));
    let op = item.get.as_ref().expect("get");
    assert_eq!(op.extensions.get("x-ms-pageable"), Some(&serde_json::json!({ "nextLinkName": "nextLink" })));
    assert_eq!(op.extensions.get("x-ms-long-running-operation"), Some(&serde_json::json!(true)));
    assert!(op.extensions.contains_key("x-ms-long-running-operation-options"));
    let openapiv3::ReferenceOr::Item(param) = &op.parameters[0] else { panic!("inline parameter") };
    let data = param.parameter_data_ref();
    assert_eq!(data.extensions.get("x-ms-client-name"), Some(&serde_json::json!("query")));
    assert_eq!(data.extensions.get("x-ms-skip-url-encoding"), Some(&serde_json::json!(true)));
    let openapiv3::ReferenceOr::Item(response) = &op.responses.responses[&openapiv3::StatusCode::Code(200)] else {
        panic!("inline response")
    };
    assert_eq!(response.extensions.get("x-response-note"), Some(&serde_json::json!("r")));
    let openapiv3::ReferenceOr::Item(header) = &response.headers["x-ms-request-id"] else { panic!("inline header") };
    assert_eq!(header.extensions.get("x-header-note"), Some(&serde_json::json!("h")));
    let schemas = &doc.components.as_ref().expect("components").schemas;
    let openapiv3::ReferenceOr::Item(thing) = &schemas["Thing"] else { panic!("Thing") };
    assert_eq!(thing.schema_data.extensions.get("x-ms-azure-resource"), Some(&serde_json::json!(true)));
    let value = json(&spec);
    // The items of an array parameter are a schema: their extensions are on it.
    let items = at(&value, "/paths/~1a/get/parameters/1/schema/items");
    assert_eq!((&items["x-items-note"], &items["x-ms-enum"]["name"]), (&serde_json::json!("i"), &serde_json::json!("Kind")));
    assert_eq!(
        at(&value, "/components/schemas/Thing/properties/secret/x-ms-mutability"),
        &serde_json::json!(["create", "update"])
    );
}

#[test]
fn format_comes_from_the_content_not_the_extension() {
    let yaml_in_json = load("load/detect/yaml_content.json");
    assert_eq!(yaml_in_json.document.info.title, "YAML in a .json file");
    let json_in_yaml = load("load/detect/json_content.yaml");
    assert_eq!(json_in_yaml.document.info.title, "JSON in a .yaml file");
}

#[test]
fn multi_file_refs_bundle_to_local_components_with_their_own_names() {
    let swagger = load("load/multi/root.json");
    let openapi = load("load/multi_openapi/root.yaml");
    for spec in [&swagger, &openapi] {
        assert_bundled(spec);
        // Reached twice (once through `./common/../common/v1/./types.json`), one component.
        assert_eq!(schema_names(spec), ["Thing", "ErrorResponse", "Resource", "Tag", "ErrorDetail", "SystemData"]);
    }
    assert_agree(&swagger, &openapi, "/components/schemas");
    assert_agree(&swagger, &openapi, "/paths");
    let doc = json(&swagger);
    assert_eq!(
        at(&doc, "/components/schemas/Thing/properties/error"),
        &serde_json::json!({ "$ref": "#/components/schemas/ErrorResponse" })
    );
    // Transitive: SystemData's ref is relative to common/v1/types.json, not to the root.
    assert_eq!(
        at(&doc, "/components/schemas/Resource/properties/systemData"),
        &serde_json::json!({ "$ref": "#/components/schemas/SystemData" })
    );
    assert_eq!(at(&doc, "/components/schemas/ErrorDetail/properties/code/nullable"), &serde_json::json!(true));
    assert_eq!(
        at(&doc, "/paths/~1things/get/parameters/0"),
        &serde_json::json!({ "$ref": "#/components/parameters/ApiVersionParameter" })
    );

    let dir = fixture("load/multi");
    let types = generator::load::normalize_path(&dir.join("common/v1/types.json"));
    assert_eq!(
        swagger.locate("/components/schemas/ErrorResponse"),
        Location::new(&types, "/definitions/ErrorResponse")
    );
    assert_eq!(
        swagger.locate("/components/schemas/ErrorDetail/properties/code"),
        Location::new(&types, "/definitions/ErrorDetail/properties/code")
    );
    assert_eq!(
        swagger.locate("/components/parameters/ApiVersionParameter"),
        Location::new(&types, "/parameters/ApiVersionParameter")
    );
    assert_eq!(swagger.locate("/components/schemas/Thing"), Location::new(dir.join("root.json"), "/definitions/Thing"));
    assert_eq!(
        swagger.files,
        [dir.join("root.json"), types, generator::load::normalize_path(&dir.join("shared/tags.json"))]
    );
    let openapi_types = generator::load::normalize_path(&fixture("load/multi_openapi/common/v1/types.yaml"));
    assert_eq!(
        openapi.locate("/components/schemas/ErrorDetail"),
        Location::new(openapi_types, "/components/schemas/ErrorDetail")
    );
}

#[test]
fn recursive_types_resolve_without_looping() {
    let spec = load("load/recursion/root.json");
    assert_bundled(&spec);
    assert_eq!(schema_names(&spec), ["Node", "Ping", "Pong", "Forest", "Tree"]);
    let doc = json(&spec);
    assert_eq!(
        at(&doc, "/components/schemas/Node/properties/children/items"),
        &serde_json::json!({ "$ref": "#/components/schemas/Node" })
    );
    assert_eq!(
        at(&doc, "/components/schemas/Node/properties/byName/additionalProperties"),
        &serde_json::json!({ "$ref": "#/components/schemas/Node" })
    );
    // Across files: Tree refers to itself and back to the root's Forest.
    assert_eq!(
        at(&doc, "/components/schemas/Tree/properties/branches/items"),
        &serde_json::json!({ "$ref": "#/components/schemas/Tree" })
    );
    assert_eq!(
        at(&doc, "/components/schemas/Tree/properties/forest"),
        &serde_json::json!({ "$ref": "#/components/schemas/Forest" })
    );
    assert_eq!(spec.files.len(), 2);
}

#[test]
fn different_definitions_with_one_name_get_distinct_names_in_order_of_first_reference() {
    let spec = load("load/collisions/root.json");
    assert_bundled(&spec);
    // The root's own `Error` keeps its name; a/types.json's Error is referenced first, then b's;
    // `./b/../a/types.json` is a's again. b's Detail is referenced before a's.
    assert_eq!(schema_names(&spec), ["Error", "Holder", "Error2", "Error3", "Detail", "Detail2"]);
    let doc = json(&spec);
    let holder = at(&doc, "/components/schemas/Holder/properties");
    assert_eq!(holder["fromA"], serde_json::json!({ "$ref": "#/components/schemas/Error2" }));
    assert_eq!(holder["fromB"], serde_json::json!({ "$ref": "#/components/schemas/Error3" }));
    assert_eq!(holder["fromAAgain"], serde_json::json!({ "$ref": "#/components/schemas/Error2" }));
    assert_eq!(holder["detailB"], serde_json::json!({ "$ref": "#/components/schemas/Detail" }));
    assert_eq!(holder["detailA"], serde_json::json!({ "$ref": "#/components/schemas/Detail2" }));
    assert_eq!(at(&doc, "/components/schemas/Error3/properties/b/type"), "string");
    let b = generator::load::normalize_path(&fixture("load/collisions/b/types.json"));
    assert_eq!(spec.locate("/components/schemas/Error3"), Location::new(b, "/definitions/Error"));
}

#[test]
fn pointer_escapes_and_percent_encoding_resolve() {
    let spec = load("load/escapes/root.json");
    assert_bundled(&spec);
    assert_eq!(schema_names(&spec), ["a/b", "c~d", "with space", "Holder", "x/y~z"]);
    let doc = json(&spec);
    let holder = at(&doc, "/components/schemas/Holder/properties");
    assert_eq!(holder["slash"], serde_json::json!({ "$ref": "#/components/schemas/a~1b" }));
    assert_eq!(holder["tilde"], serde_json::json!({ "$ref": "#/components/schemas/c~0d" }));
    assert_eq!(holder["space"], serde_json::json!({ "$ref": "#/components/schemas/with space" }));
    assert_eq!(holder["other"], serde_json::json!({ "$ref": "#/components/schemas/x~1y~0z" }));
    assert_eq!(at(&doc, "/components/schemas/x~1y~0z/type"), "number");
    assert_eq!(generator::load::local_ref("#/components/schemas/x~1y~0z"), Some(("schemas", "x/y~z".to_string())));
    assert_eq!(spec.files[1], fixture("load/escapes/my types.json"));
}

#[test]
fn refs_into_the_middle_of_a_definition_are_hoisted() {
    let spec = load("load/hoist/root.json");
    assert_bundled(&spec);
    assert_eq!(schema_names(&spec), ["A", "UsesAB", "UsesOther", "UsesPet", "A_b", "C_d", "Pet"]);
    let doc = json(&spec);
    // One type, not two: the place it was taken from refers to it.
    assert_eq!(
        at(&doc, "/components/schemas/A/properties/b"),
        &serde_json::json!({ "$ref": "#/components/schemas/A_b" })
    );
    assert_eq!(at(&doc, "/components/schemas/A_b/properties/c/type"), "string");
    assert_eq!(
        at(&doc, "/components/schemas/UsesAB/properties/ab"),
        &serde_json::json!({ "$ref": "#/components/schemas/A_b" })
    );
    assert_eq!(at(&doc, "/components/schemas/C_d/items/type"), "string");
    let other = generator::load::normalize_path(&fixture("load/hoist/models/other.json"));
    assert_eq!(spec.locate("/components/schemas/C_d"), Location::new(other, "/definitions/C/properties/d"));
    // A file that is one bare schema is named after the file, and converted like its referrer.
    assert_eq!(at(&doc, "/components/schemas/Pet/properties/name/nullable"), &serde_json::json!(true));
    assert_eq!(
        at(&doc, "/components/schemas/Pet/properties/photo"),
        &serde_json::json!({ "type": "string", "format": "binary" })
    );
}

#[test]
fn resolution_rules_agree_across_forms() {
    // Each resolution fixture above, written again in OpenAPI 3.0: the same components, in the
    // same order, under the same names.
    for (swagger, openapi) in [
        ("load/recursion/root.json", "load/recursion_openapi/root.yaml"),
        ("load/escapes/root.json", "load/escapes_openapi/root.yaml"),
        ("load/collisions/root.json", "load/collisions_openapi/root.yaml"),
        ("load/hoist/root.json", "load/hoist_openapi/root.yaml"),
    ] {
        let (swagger, openapi) = (load(swagger), load(openapi));
        assert_eq!(openapi.source_version, SourceVersion::OpenApi3);
        assert_bundled(&openapi);
        assert_eq!(schema_names(&swagger), schema_names(&openapi), "{}", openapi.root.display());
        assert_agree(&swagger, &openapi, "/components/schemas");
        assert_eq!(swagger.files.len(), openapi.files.len(), "{}", openapi.root.display());
    }
    let other = generator::load::normalize_path(&fixture("load/hoist_openapi/models/other.yaml"));
    assert_eq!(
        load("load/hoist_openapi/root.yaml").locate("/components/schemas/C_d"),
        Location::new(other, "/components/schemas/C/properties/d")
    );
}

#[test]
fn x_ms_examples_are_read_but_not_bundled() {
    let spec = load("load/examples/spec.json");
    let dir = fixture("load/examples/examples");
    assert_eq!(spec.examples.len(), 3);
    assert!(
        matches!(&spec.examples[&dir.join("found.json")], ExampleFile::Found(v) if v["parameters"]["api-version"] == "1")
    );
    assert_eq!(spec.examples[&dir.join("missing.json")], ExampleFile::Missing);
    assert!(
        matches!(&spec.examples[&dir.join("broken.json")], ExampleFile::Invalid(why) if why.contains("malformed JSON"))
    );
    let op = spec.document.operations().next().expect("an operation").2;
    assert_eq!(
        op.extensions.get("x-ms-examples").map(|e| e["Found"].clone()),
        Some(serde_json::json!({ "$ref": "./examples/found.json" })),
        "left as written"
    );
    let (path, example) = spec.example("/paths/~1a/get", "examples/broken.json");
    assert_eq!(path, dir.join("broken.json"));
    assert!(matches!(example, Some(ExampleFile::Invalid(_))));
    assert_eq!(spec.files, [fixture("load/examples/spec.json")], "example files are not spec files");
}

#[test]
fn path_item_refs_are_inlined_with_refs_relative_to_their_file() {
    let spec = load("load/path_item_ref/root.yaml");
    assert_bundled(&spec);
    let doc = json(&spec);
    assert_eq!(at(&doc, "/paths/~1items/get/operationId"), "Items_List");
    assert_eq!(
        at(&doc, "/paths/~1items/get/responses/200/content/application~1json/schema"),
        &serde_json::json!({ "$ref": "#/components/schemas/Item" })
    );
    let items = generator::load::normalize_path(&fixture("load/path_item_ref/paths/items.yaml"));
    assert_eq!(spec.locate("/paths/~1items/get"), Location::new(&items, "/paths/~1items/get"));
    // Its example is read relative to the file the operation was written in.
    let (path, example) = spec.example("/paths/~1items/get", "./examples/list.json");
    assert_eq!(path, generator::load::normalize_path(&fixture("load/path_item_ref/paths/examples/list.json")));
    assert_eq!(example, Some(&ExampleFile::Missing));
}

#[test]
fn path_level_body_parameters_apply_to_operations_without_their_own() {
    let doc = json(&load("load/path_level_body.swagger.json"));
    // No consumes or produces anywhere: application/json.
    assert_eq!(
        at(&doc, "/paths/~1notes/put/requestBody"),
        &serde_json::json!({
            "content": { "application/json": { "schema": { "type": "string" } } },
            "required": true,
            "x-ms-requestBody-name": "note"
        })
    );
    assert_eq!(at(&doc, "/paths/~1notes/post/requestBody/x-ms-requestBody-name"), "other");
    assert_eq!(at(&doc, "/paths/~1notes/parameters/0/name"), "tag");
    assert_eq!(at(&doc, "/paths/~1notes/parameters").as_array().map(Vec::len), Some(1));
    // A Swagger response example becomes the media type's example.
    assert_eq!(at(&doc, "/paths/~1notes/put/responses/200/content/application~1json/example"), "hello");
}

#[test]
fn body_parameters_from_another_file_become_request_body_components() {
    let spec = load("load/shared_body/root.json");
    assert_bundled(&spec);
    let doc = json(&spec);
    assert_eq!(
        at(&doc, "/paths/~1things/put/requestBody"),
        &serde_json::json!({ "$ref": "#/components/requestBodies/ThingBody" })
    );
    assert_eq!(
        at(&doc, "/paths/~1things/put/parameters"),
        &serde_json::json!([{ "$ref": "#/components/parameters/Filter" }])
    );
    let body = at(&doc, "/components/requestBodies/ThingBody");
    // Content types from the consumes of the file that defines it.
    let types: Vec<_> = at(body, "/content").as_object().expect("content").keys().cloned().collect();
    assert_eq!(types, ["application/json", "text/json"]);
    assert_eq!(at(body, "/content/text~1json/schema"), &serde_json::json!({ "$ref": "#/components/schemas/Thing" }));
    assert_eq!(at(body, "/x-ms-requestBody-name"), "thing");
    assert_eq!(at(body, "/x-ms-parameter-location"), "method");
    let params = generator::load::normalize_path(&fixture("load/shared_body/params.json"));
    assert_eq!(spec.locate("/components/requestBodies/ThingBody"), Location::new(&params, "/parameters/ThingBody"));
    assert_eq!(
        spec.locate("/components/requestBodies/ThingBody/content/text~1json/schema"),
        Location::new(&params, "/parameters/ThingBody/schema")
    );
}

#[test]
fn parameterized_host_parameters_are_converted_and_bundled() {
    let doc = json(&load("load/parameterized_host.swagger.json"));
    let params = at(&doc, "/x-ms-parameterized-host/parameters");
    assert_eq!(params[0], serde_json::json!({ "$ref": "#/components/parameters/Endpoint" }));
    assert_eq!(
        params[1],
        serde_json::json!({
            "name": "region", "in": "path", "required": true, "schema": { "type": "string" }, "x-ms-skip-url-encoding": true
        })
    );
    assert_eq!(at(&doc, "/components/parameters/Endpoint/schema"), &serde_json::json!({ "type": "string" }));
}

// ---------------------------------------------------------------------------------------------
// Bad input: each error says what kind it is and where.

fn load_err(relative: &str) -> generator::Error {
    match load_spec(&fixture(relative)) {
        Ok(_) => panic!("{relative} should not load"),
        Err(e) => e,
    }
}

#[test]
fn malformed_json_names_the_file_line_and_column() {
    let e = load_err("invalid/malformed.json");
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert_eq!(e.location, Location::file(fixture("invalid/malformed.json")));
    assert!(e.message.contains("line 3, column"), "{e}");
}

#[test]
fn malformed_yaml_names_the_file_line_and_column() {
    let e = load_err("invalid/malformed.yaml");
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert_eq!(e.location, Location::file(fixture("invalid/malformed.yaml")));
    assert!(e.message.contains("line 4"), "{e}");
}

#[test]
fn ref_to_a_missing_file_is_located_at_the_ref() {
    let e = load_err("invalid/missing_file.json");
    assert_eq!(e.kind, ErrorKind::RefMissingFile);
    assert_eq!(e.location, Location::new(fixture("invalid/missing_file.json"), "/definitions/A/properties/b"));
    assert!(e.message.contains("nowhere/types.json"), "{e}");
}

#[test]
fn a_referenced_file_that_does_not_parse_is_malformed_in_that_file() {
    let e = load_err("invalid/ref_to_malformed.json");
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert_eq!(e.location, Location::file(generator::load::normalize_path(&fixture("invalid/malformed.json"))));
}

#[test]
fn ref_to_a_missing_pointer_is_located_at_the_ref() {
    let e = load_err("invalid/missing_pointer.json");
    assert_eq!(e.kind, ErrorKind::RefMissingPointer);
    assert_eq!(e.location, Location::new(fixture("invalid/missing_pointer.json"), "/definitions/A/properties/b"));
    assert!(e.message.contains("/definitions/Nope"), "{e}");
    // It refers to a file of a sibling folder: inside the fixtures, outside its own folder.
    let e = generator::load::load_spec_within(&fixture("invalid/missing_pointer_other_file.yaml"), Some(&fixture("")))
        .expect_err("a missing pointer");
    assert_eq!(e.kind, ErrorKind::RefMissingPointer);
    assert_eq!(
        e.location,
        Location::new(fixture("invalid/missing_pointer_other_file.yaml"), "/components/schemas/A/properties/b")
    );
}

#[test]
fn ref_loop_that_never_reaches_a_value_is_a_cycle() {
    let e = load_err("invalid/ref_cycle.json");
    assert_eq!(e.kind, ErrorKind::RefCycle);
    assert_eq!(e.location, Location::new(fixture("invalid/ref_cycle.json"), "/definitions/A"));
    let e = load_err("invalid/ref_cycle_a.json");
    assert_eq!(e.kind, ErrorKind::RefCycle);
    assert_eq!(e.location, Location::new(fixture("invalid/ref_cycle_a.json"), "/definitions/User/properties/a"));
}

#[test]
fn parameter_without_in_is_located() {
    let e = load_err("invalid/parameter_without_in.json");
    assert_eq!(e.kind, ErrorKind::ParameterWithoutIn);
    assert_eq!(e.location, Location::new(fixture("invalid/parameter_without_in.json"), "/paths/~1x/get/parameters/1"));
    assert!(e.message.contains("`p`"), "{e}");
    let e = load_err("invalid/parameter_without_in_global.json");
    assert_eq!(e.kind, ErrorKind::ParameterWithoutIn);
    assert_eq!(e.location, Location::new(fixture("invalid/parameter_without_in_global.json"), "/parameters/P"));
    let e = load_err("invalid/parameter_without_in.openapi.yaml");
    assert_eq!(e.kind, ErrorKind::ParameterWithoutIn);
    assert_eq!(
        e.location,
        Location::new(fixture("invalid/parameter_without_in.openapi.yaml"), "/paths/~1x/get/parameters/0")
    );
}

#[test]
fn unsupported_versions_are_refused_naming_what_was_found() {
    for (file, pointer, found) in [
        ("invalid/openapi31.yaml", "/openapi", "3.1.0"),
        ("invalid/swagger12.json", "/swaggerVersion", "1.2"),
        ("invalid/swagger10.json", "/swagger", "1.0"),
        ("invalid/no_version.yaml", "", "no `swagger` or `openapi`"),
    ] {
        let e = load_err(file);
        assert_eq!(e.kind, ErrorKind::UnsupportedVersion, "{file}");
        assert_eq!(e.location, Location::new(fixture(file), pointer), "{file}");
        assert!(e.message.contains(found), "{file}: {e}");
    }
}

#[test]
fn wrong_shape_is_invalid_at_its_pointer() {
    let e = load_err("invalid/wrong_shape.json");
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(e.location, Location::new(fixture("invalid/wrong_shape.json"), "/definitions/A/required"));
    assert!(e.message.contains("expected a sequence"), "{e}");
}

#[test]
fn a_wrong_shape_is_located_at_the_deepest_place_not_at_an_ancestor() {
    let dir = scratch("deepest");
    let spec = dir.join("spec.json");
    let operation = serde_json::json!({
        "operationId": "X_Get",
        "parameters": [{ "name": "p", "in": "query", "type": "string", "description": ["not", "text"] }],
        "responses": { "200": { "description": "ok", "schema": { "$ref": "#/definitions/A" } } }
    });
    let text = |operation: &serde_json::Value, a: serde_json::Value| {
        serde_json::json!({
            "swagger": "2.0", "info": { "title": "t", "version": "1" },
            "paths": { "/x": { "get": operation } }, "definitions": { "A": a }
        })
        .to_string()
    };
    write(&spec, &text(&operation, serde_json::json!({ "type": "object" })));
    let e = load_spec(&spec).expect_err("a parameter description that is a list");
    assert_eq!(e.location, Location::new(&spec, "/paths/~1x/get/parameters/0/description"));
    let mut fixed = operation.clone();
    fixed["parameters"][0]["description"] = "text".into();
    fixed["description"] = 42.into();
    write(&spec, &text(&fixed, serde_json::json!({ "type": "object" })));
    let e = load_spec(&spec).expect_err("an operation description that is a number");
    assert_eq!(e.location, Location::new(&spec, "/paths/~1x/get/description"));
    assert!(e.message.contains("invalid type: integer `42`, expected a string"), "{e}");
    fixed["description"] = "text".into();
    let a = serde_json::json!({ "type": "object", "properties": { "b": { "type": "array", "items": { "type": "string", "readOnly": "yes" } } } });
    write(&spec, &text(&fixed, a));
    let e = load_spec(&spec).expect_err("a readOnly that is text");
    assert_eq!(e.location, Location::new(&spec, "/definitions/A/properties/b/items/readOnly"));
}

#[test]
fn a_body_and_form_fields_on_one_operation_are_invalid() {
    let e = load_err("invalid/body_and_form.json");
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(e.location, Location::new(fixture("invalid/body_and_form.json"), "/paths/~1a/post"));
    assert!(e.message.contains("not both"), "{e}");
}

#[test]
fn a_path_in_both_paths_and_x_ms_paths_is_invalid() {
    let e = load_err("invalid/x_ms_paths_duplicate.json");
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(e.location, Location::new(fixture("invalid/x_ms_paths_duplicate.json"), "/x-ms-paths/~1a"));
}

#[test]
fn ref_to_a_url_is_refused_as_remote() {
    let e = load_err("invalid/url_ref.json");
    assert_eq!(e.kind, ErrorKind::RefOutsideRoot);
    assert_eq!(e.location, Location::new(fixture("invalid/url_ref.json"), "/definitions/A"));
    assert!(e.message.contains("remote references are not fetched"), "{e}");
}

#[test]
fn a_root_that_does_not_exist_is_an_io_error() {
    let e = load_err("invalid/does_not_exist.json");
    assert_eq!(e.kind, ErrorKind::Io);
    assert_eq!(e.location, Location::file(fixture("invalid/does_not_exist.json")));
}

// ---------------------------------------------------------------------------------------------
// Confinement: a spec's references stay inside its root folder.

/// A fresh folder under the test target's scratch space, named after the test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("load").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    std::fs::write(path, text).expect("written");
}

/// A Swagger 2.0 spec whose definition `A` has a property `b` that is `$ref: reference`.
fn spec_referring_to(reference: &str) -> String {
    serde_json::json!({
        "swagger": "2.0", "info": { "title": "t", "version": "1" }, "paths": {},
        "definitions": { "A": { "type": "object", "properties": { "b": { "$ref": reference } } } }
    })
    .to_string()
}

const TYPES: &str = r#"{"definitions": {"T": {"type": "string"}}}"#;

#[test]
fn the_default_root_is_the_nearest_specification_folder() {
    let dir = scratch("default_root");
    let spec = dir.join("checkout/specification/svc/stable/spec.json");
    write(&spec, &spec_referring_to("../../common/types.json#/definitions/T"));
    write(&dir.join("checkout/specification/common/types.json"), TYPES);
    assert!(load_spec(&spec).is_ok(), "common files of the checkout resolve");
    assert_eq!(generator::load::default_root(&spec), dir.join("checkout/specification"));
    // Without a `specification` folder, the root is the spec's own folder.
    let alone = dir.join("alone/svc/spec.json");
    write(&alone, &spec_referring_to("../types.json#/definitions/T"));
    write(&dir.join("alone/types.json"), TYPES);
    let e = load_spec(&alone).expect_err("`..` climbs out of the spec's folder");
    assert_eq!(e.kind, ErrorKind::RefOutsideRoot);
    assert_eq!(e.location, Location::new(&alone, "/definitions/A/properties/b"));
    assert!(e.message.contains("outside the root folder"), "{e}");
    // A root given explicitly admits it.
    assert!(generator::load::load_spec_within(&alone, Some(&dir.join("alone"))).is_ok());
    // A root that does not hold the spec is refused.
    let e = generator::load::load_spec_within(&alone, Some(&dir.join("checkout"))).expect_err("outside");
    assert_eq!(e.kind, ErrorKind::RefOutsideRoot);
    assert_eq!(e.location, Location::file(&alone));
}

#[test]
fn dot_dot_absolute_paths_and_urls_are_refused_at_the_ref() {
    let dir = scratch("escapes");
    let secret = dir.join("secret.json");
    write(&secret, TYPES);
    let absolute = format!("{}#/definitions/T", secret.display());
    for (reference, says) in [
        ("../secret.json#/definitions/T", "outside the root folder"),
        ("sub/../../secret.json#/definitions/T", "outside the root folder"),
        ("..%2Fsecret.json#/definitions/T", "outside the root folder"),
        (absolute.as_str(), "is an absolute path"),
        ("file:///etc/hostname#/definitions/T", "remote references are not fetched"),
        ("https://example.com/types.json#/definitions/T", "remote references are not fetched"),
        ("//example.com/types.json", "remote references are not fetched"),
    ] {
        let spec = dir.join("svc/spec.json");
        write(&spec, &spec_referring_to(reference));
        let e = load_spec(&spec).expect_err(reference);
        assert_eq!(e.kind, ErrorKind::RefOutsideRoot, "{reference}: {e}");
        assert_eq!(e.location, Location::new(&spec, "/definitions/A/properties/b"), "{reference}");
        assert!(e.message.contains(says), "{reference}: {e}");
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_root_is_refused_and_one_inside_is_followed() {
    let dir = scratch("symlinks");
    write(&dir.join("outside/types.json"), TYPES);
    write(&dir.join("root/common/types.json"), TYPES);
    std::os::unix::fs::symlink(dir.join("outside/types.json"), dir.join("root/out.json")).expect("a link");
    std::os::unix::fs::symlink(dir.join("root/common"), dir.join("root/in")).expect("a link");
    let spec = dir.join("root/spec.json");
    write(&spec, &spec_referring_to("in/types.json#/definitions/T"));
    assert!(load_spec(&spec).is_ok(), "a link that stays inside is followed");
    write(&spec, &spec_referring_to("out.json#/definitions/T"));
    let e = load_spec(&spec).expect_err("a link out of the root");
    assert_eq!(e.kind, ErrorKind::RefOutsideRoot);
    assert_eq!(e.location, Location::new(&spec, "/definitions/A/properties/b"));
    assert!(e.message.contains("symbolic link"), "{e}");
}

#[test]
fn example_refs_are_confined_too() {
    let dir = scratch("example_escape");
    write(&dir.join("secret.json"), r#"{"parameters": {}, "responses": {}}"#);
    let spec = dir.join("svc/spec.json");
    let text = serde_json::json!({
        "swagger": "2.0", "info": { "title": "t", "version": "1" },
        "paths": { "/x": { "get": {
            "operationId": "X_Get", "responses": { "200": { "description": "ok" } },
            "x-ms-examples": { "leak": { "$ref": "../secret.json" } }
        } } }
    });
    write(&spec, &text.to_string());
    let e = load_spec(&spec).expect_err("an example outside the root");
    assert_eq!(e.kind, ErrorKind::RefOutsideRoot);
    assert_eq!(e.location, Location::new(&spec, "/paths/~1x/get/x-ms-examples/leak"));
}

#[test]
fn what_is_not_a_regular_file_is_said_to_be_so() {
    let dir = scratch("not_regular");
    std::fs::create_dir_all(dir.join("folder.json")).expect("a folder");
    let spec = dir.join("spec.json");
    write(&spec, &spec_referring_to("folder.json#/definitions/T"));
    let e = load_spec(&spec).expect_err("a folder");
    assert_eq!(e.kind, ErrorKind::Io);
    assert_eq!(e.location, Location::new(&spec, "/definitions/A/properties/b"));
    assert!(e.message.contains("is not a regular file (a directory)"), "{e}");
    let e = load_spec(&dir.join("folder.json")).expect_err("a folder as the spec");
    assert_eq!(e.kind, ErrorKind::Io);
    assert!(e.message.contains("is not a regular file (a directory)"), "{e}");
    // A FIFO would block a read forever; it is refused without reading.
    #[cfg(unix)]
    if std::process::Command::new("mkfifo").arg(dir.join("fifo.json")).status().is_ok_and(|s| s.success()) {
        write(&spec, &spec_referring_to("fifo.json#/definitions/T"));
        let e = load_spec(&spec).expect_err("a FIFO");
        assert!(e.message.contains("is not a regular file (a FIFO)"), "{e}");
    }
}

#[test]
fn an_error_in_a_referenced_file_names_the_refs_that_led_there() {
    let dir = scratch("via");
    let spec = dir.join("spec.json");
    write(&spec, &spec_referring_to("a/a.json#/definitions/A"));
    write(&dir.join("a/a.json"), r#"{"definitions": {"A": {"type": "object", "properties": {"c": {"$ref": "../b.json#/definitions/B"}}}}}"#);
    write(&dir.join("b.json"), "{ not json");
    let e = load_spec(&spec).expect_err("b.json is malformed");
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert_eq!(e.location, Location::file(dir.join("b.json")));
    assert_eq!(
        e.via,
        [
            Location::new(&spec, "/definitions/A/properties/b"),
            Location::new(dir.join("a/a.json"), "/definitions/A/properties/c")
        ]
    );
    let text = e.to_string();
    assert!(text.contains("(reached through the `$ref` at "), "{text}");
    assert!(text.ends_with("a/a.json#/definitions/A/properties/c)"), "{text}");
    // An error in the spec itself has no chain.
    write(&spec, "{ not json");
    assert!(load_spec(&spec).expect_err("malformed").via.is_empty());
}

#[test]
fn swagger_2_without_the_minor_version_is_refused() {
    let dir = scratch("swagger_2");
    let spec = dir.join("spec.json");
    write(&spec, r#"{"swagger": "2", "info": {"title": "t", "version": "1"}, "paths": {}}"#);
    let e = load_spec(&spec).expect_err("swagger 2");
    assert_eq!(e.kind, ErrorKind::UnsupportedVersion);
    assert_eq!(e.location, Location::new(&spec, "/swagger"));
}
