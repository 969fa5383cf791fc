//! Emission tests: small IRs built here, one concern each, expanded and snapshotted.
//!
//! Set `EXPAND_OUT=<dir>` to also write the crate of the `small_api` IR there (to `cargo check`
//! it by hand while working on the emitter).

use std::collections::BTreeMap;

use generator::error::Location;
use generator::expand::expand_crate;
use generator::ir::*;
use generator::{GeneratedFile, Options};

fn at(pointer: &str) -> Location {
    Location::new("small.json", pointer)
}

fn field(wire: &str, rust: &str, ty: TypeRef) -> Field {
    Field {
        wire_name: wire.into(),
        rust_name: rust.into(),
        ty,
        required: false,
        read_only: false,
        mutability: Vec::new(),
        secret: None,
        nullable: false,
        default: None,
        description: Some(format!("The {wire}.")),
        client_flatten: false,
        inherited_from: None,
        constant: false,
    }
}

fn object(name: &str, fields: Vec<Field>) -> TypeDef {
    TypeDef {
        name: name.into(),
        spec_name: name.into(),
        description: Some(format!("The {name} object.")),
        location: at(&format!("/definitions/{name}")),
        kind: TypeKind::Object(ObjectType {
            fields,
            bases: Vec::new(),
            additional_properties: None,
            discriminator: None,
            discriminator_value: None,
            patch: false,
        }),
    }
}

fn string_enum(name: &str, model_as_string: bool, values: &[(&str, &str)]) -> TypeDef {
    TypeDef {
        name: name.into(),
        spec_name: name.into(),
        description: Some(format!("The {name} values.")),
        location: at(&format!("/definitions/JobResponse/properties/{name}")),
        kind: TypeKind::Enum(EnumType {
            base: Primitive::String,
            model_as_string,
            values: values
                .iter()
                .map(|(v, n)| EnumValue { value: serde_json::json!(v), name: n.to_string(), description: None })
                .collect(),
        }),
    }
}

fn param(name: &str, rust: &str, location: ParamLocation, required: bool, client_level: bool) -> Parameter {
    Parameter {
        name: name.into(),
        rust_name: rust.into(),
        location,
        required,
        ty: TypeRef::Primitive(Primitive::String),
        description: Some(format!("The {name}.")),
        skip_url_encoding: false,
        client_level,
        api_version: name == "api-version",
        default: None,
        client_default: None,
        constant: None,
        collection_format: None,
        location_in_spec: at(&format!("/parameters/{name}")),
    }
}

fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.into())
}

fn response(status: u16, ty: Option<TypeRef>) -> Response {
    Response { status: StatusCode::Code(status), description: None, ty, headers: Vec::new(), is_error: false }
}

fn default_error() -> Response {
    Response { status: StatusCode::Default, description: None, ty: Some(named("ErrorDetails")), headers: Vec::new(), is_error: true }
}

fn operation(id: &str, method: HttpMethod, path: &str, parameters: Vec<Parameter>, responses: Vec<Response>) -> Operation {
    let (group, name) = id.split_once('_').unwrap();
    Operation {
        id: id.into(),
        group: Some(group.into()),
        name: generator::names::snake(name),
        method,
        path: path.into(),
        summary: Some(format!("{id} summary.")),
        description: None,
        deprecated: false,
        parameters,
        body: None,
        consumes: vec!["application/json".into()],
        produces: vec!["application/json".into()],
        responses,
        error: Some(named("ErrorDetails")),
        pageable: None,
        long_running: None,
        examples: Vec::new(),
        location: at(&format!("/paths/{path}/{method:?}")),
    }
}

/// A small ARM-shaped API: a job (enums, RFC 1123 dates), a pageable list, a long-running
/// create-or-update and delete, and a key list with a secret.
fn small_api() -> Api {
    let mut types = BTreeMap::new();
    let mut job = vec![
        field("jobId", "job_id", TypeRef::Primitive(Primitive::String)),
        field("startTimeUtc", "start_time_utc", TypeRef::Primitive(Primitive::DateTimeRfc1123)),
        field("endTimeUtc", "end_time_utc", TypeRef::Primitive(Primitive::DateTimeRfc1123)),
        field("type", "type_", named("JobType")),
        field("status", "status", named("JobStatus")),
    ];
    for f in &mut job {
        f.read_only = true;
    }
    types.insert("JobResponse".into(), object("JobResponse", job));
    types.insert(
        "JobType".into(),
        string_enum("JobType", true, &[("unknown", "Unknown"), ("export", "Export"), ("readDeviceProperties", "ReadDeviceProperties")]),
    );
    types.insert(
        "JobStatus".into(),
        string_enum("JobStatus", false, &[("unknown", "Unknown"), ("enqueued", "Enqueued"), ("completed", "Completed")]),
    );
    types.insert(
        "JobResponseListResult".into(),
        object(
            "JobResponseListResult",
            vec![
                field("value", "value", TypeRef::Array(Box::new(named("JobResponse")))),
                field("nextLink", "next_link", TypeRef::Primitive(Primitive::String)),
            ],
        ),
    );
    let mut location = field("location", "location", TypeRef::Primitive(Primitive::String));
    location.required = true;
    let mut tags = field("tags", "tags", TypeRef::Map(Box::new(TypeRef::Primitive(Primitive::String))));
    tags.description = Some("Resource tags, see https://aka.ms/tags for [details].".into());
    let mut id = field("id", "id", TypeRef::Primitive(Primitive::String));
    id.read_only = true;
    types.insert(
        "HubDescription".into(),
        object("HubDescription", vec![id, location, tags, field("properties", "properties", named("HubProperties"))]),
    );
    types.insert(
        "HubProperties".into(),
        object(
            "HubProperties",
            vec![
                field("provisioningState", "provisioning_state", TypeRef::Primitive(Primitive::String)),
                field("createdAt", "created_at", TypeRef::Primitive(Primitive::DateTime)),
                field("retention", "retention", TypeRef::Primitive(Primitive::Int32)),
                field("size", "size", TypeRef::Primitive(Primitive::Int64)),
            ],
        ),
    );
    let mut key = field("primaryKey", "primary_key", TypeRef::Primitive(Primitive::String));
    key.secret = Some(generator::ir::Secret::Marked);
    let mut key_name = field("keyName", "key_name", TypeRef::Primitive(Primitive::String));
    key_name.required = true;
    types.insert("SharedAccessKey".into(), object("SharedAccessKey", vec![key_name, key]));
    types.insert(
        "SharedAccessKeyListResult".into(),
        object(
            "SharedAccessKeyListResult",
            vec![
                field("value", "value", TypeRef::Array(Box::new(named("SharedAccessKey")))),
                field("nextLink", "next_link", TypeRef::Primitive(Primitive::String)),
            ],
        ),
    );
    let mut error_fields = vec![
        field("code", "code", TypeRef::Primitive(Primitive::String)),
        field("message", "message", TypeRef::Primitive(Primitive::String)),
        field("details", "details", TypeRef::Primitive(Primitive::String)),
    ];
    for f in &mut error_fields {
        f.read_only = true;
    }
    types.insert("ErrorDetails".into(), object("ErrorDetails", error_fields));

    let subscription = param("subscriptionId", "subscription_id", ParamLocation::Path, true, true);
    let mut api_version = param("api-version", "api_version", ParamLocation::Query, true, true);
    api_version.default = Some(serde_json::json!("2023-06-30"));
    let rg = param("resourceGroupName", "resource_group_name", ParamLocation::Path, true, false);
    let hub = param("resourceName", "resource_name", ParamLocation::Path, true, false);
    let job_id = param("jobId", "job_id", ParamLocation::Path, true, false);
    let mut top = param("$top", "top", ParamLocation::Query, false, false);
    top.ty = TypeRef::Primitive(Primitive::Int32);
    let hub_path = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Devices/IotHubs/{resourceName}";
    let common = vec![subscription.clone(), rg.clone(), hub.clone(), api_version.clone()];

    let mut get_job = operation(
        "IotHubResource_GetJob",
        HttpMethod::Get,
        &format!("{hub_path}/jobs/{{jobId}}"),
        [common.clone(), vec![job_id]].concat(),
        vec![response(200, Some(named("JobResponse"))), default_error()],
    );
    get_job.description = Some("Get the details of a job. See https://aka.ms/jobs.".into());
    let mut list_jobs = operation(
        "IotHubResource_ListJobs",
        HttpMethod::Get,
        &format!("{hub_path}/jobs"),
        [common.clone(), vec![top]].concat(),
        vec![response(200, Some(named("JobResponseListResult"))), default_error()],
    );
    list_jobs.pageable = Some(Pageable { next_link_name: Some("nextLink".into()), item_name: "value".into(), operation_name: None });
    let mut create = operation(
        "IotHubResource_CreateOrUpdate",
        HttpMethod::Put,
        hub_path,
        [common.clone(), vec![param("If-Match", "if_match", ParamLocation::Header, false, false)]].concat(),
        vec![response(200, Some(named("HubDescription"))), response(201, Some(named("HubDescription"))), default_error()],
    );
    create.body = Some(RequestBody {
        name: "iotHubDescription".into(),
        rust_name: "iot_hub_description".into(),
        required: true,
        ty: named("HubDescription"),
        content_type: "application/json".into(),
        kind: BodyKind::Json,
        description: Some("The hub.".into()),
        client_flatten: false,
        constant: None,
    });
    create.long_running = Some(LongRunning { final_state_via: None, final_state_schema: None });
    let mut delete = operation(
        "IotHubResource_Delete",
        HttpMethod::Delete,
        hub_path,
        common.clone(),
        vec![response(200, Some(named("HubDescription"))), response(202, None), response(204, None), default_error()],
    );
    delete.long_running = Some(LongRunning { final_state_via: None, final_state_schema: None });
    let mut list_keys = operation(
        "IotHubResource_ListKeys",
        HttpMethod::Post,
        &format!("{hub_path}/listkeys"),
        common.clone(),
        vec![response(200, Some(named("SharedAccessKeyListResult"))), default_error()],
    );
    list_keys.pageable = Some(Pageable { next_link_name: Some("nextLink".into()), item_name: "value".into(), operation_name: None });
    let mut failover = operation(
        "IotHub_ManualFailover",
        HttpMethod::Post,
        &format!("{hub_path}/failover"),
        common.clone(),
        vec![response(200, None), response(202, None), default_error()],
    );
    failover.long_running = Some(LongRunning { final_state_via: Some(FinalStateVia::Location), final_state_schema: None });
    let check = operation(
        "Certificates_Delete",
        HttpMethod::Delete,
        &format!("{hub_path}/certificates/{{certificateName}}"),
        [common.clone(), vec![param("certificateName", "certificate_name", ParamLocation::Path, true, false)]].concat(),
        vec![response(200, None), response(204, None), default_error()],
    );

    let mut api = Api {
        title: "iotHubClient".into(),
        description: Some("Use this API to manage the IoT hubs in your Azure subscription.".into()),
        api_version: "2023-06-30".into(),
        endpoint: Some("https://management.azure.com".into()),
        endpoint_location: Location::new("iothub.json", "/host"),
        title_location: Location::new("iothub.json", "/info/title"),
        host: None,
        oauth2_scopes: vec!["user_impersonation".into()],
        client_parameters: vec![subscription, api_version],
        operations: vec![get_job, list_jobs, create, delete, list_keys, failover, check],
        types,
        unsupported: Vec::new(),
        clients: Default::default(),
    };
    api.clients = generator::lower::lower_client_model(&api).unwrap();
    api
}

fn options() -> Options {
    Options::new("azure_resourcemanager_iothub", "cargo xtask codegen")
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files.iter().find(|f| f.path.to_str() == Some(path)).unwrap_or_else(|| panic!("no {path}")).contents
}

fn generate_small() -> Vec<GeneratedFile> {
    let files = expand_crate(&small_api(), &options()).unwrap();
    if let Ok(out) = std::env::var("EXPAND_OUT") {
        for f in &files {
            let path = std::path::Path::new(&out).join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.contents).unwrap();
        }
    }
    files
}

#[test]
fn every_file_starts_with_the_generated_preamble() {
    let files = generate_small();
    let paths: Vec<_> = files.iter().map(|f| f.path.to_string_lossy().into_owned()).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "README.md",
            "src/lib.rs",
            "src/codec.rs",
            "src/error.rs",
            "src/fake/support/mod.rs",
            "src/fake/support/route.rs",
            "src/fake/support/transport.rs",
            "src/lro/mod.rs",
            "src/lro/poll.rs",
            // No `src/multipart.rs`: no method sends a multipart body.
            "src/object.rs",
            "src/patch.rs",
            "src/request.rs",
            "src/models/mod.rs",
            "src/models/types.rs",
            "src/models/enums.rs",
            "src/clients/mod.rs",
            "src/fake/mod.rs",
            "src/clients/iot_hub_client.rs",
            "src/clients/certificates_client.rs",
            "src/clients/iot_hub_resource_client.rs",
            "tests/examples.rs",
            "tests/support/mod.rs",
            "tests/fakes.rs",
        ]
    );
    for f in &files {
        let first = f.contents.lines().next().unwrap();
        assert!(first.contains("@generated by `cargo xtask codegen`"), "{}: {first}", f.path.display());
        assert!(first.contains("Do not edit by hand"), "{}", f.path.display());
    }
}

#[test]
fn output_is_deterministic() {
    assert_eq!(generate_small(), generate_small());
}

/// The path a file of `generator/runtime/src/` (`error.rs`, `lro/poll.rs`) has in a generated
/// crate: the same under `src/`, except the fakes' support, which sits beside the spec's own
/// fakes, in `src/fake/support/` (or `src/fake/support.rs`, were it one file).
fn emitted_path(relative: &str) -> String {
    match relative.strip_prefix("fake") {
        Some(".rs") => "src/fake/support.rs".to_string(),
        Some(rest) if rest.starts_with('/') => format!("src/fake/support{rest}"),
        _ => format!("src/{relative}"),
    }
}

/// The directory of the runtime crate's sources.
fn runtime_src() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/src")
}

/// The `.rs` files under `dir`, at any depth, as paths relative to `base` with `/` separators.
fn rust_files(base: &std::path::Path, dir: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(base, &path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(base).unwrap();
            files.push(relative.components().map(|c| c.as_os_str().to_str().unwrap()).collect::<Vec<_>>().join("/"));
        }
    }
    files
}

/// The support modules, the files of `generator/runtime/src/` (at any depth) but `lib.rs`: the
/// path each has in a generated crate (`src/error.rs`, `src/lro/mod.rs`) and its source, sorted
/// by path.
fn runtime_modules() -> Vec<(String, String)> {
    let dir = runtime_src();
    let mut modules: Vec<(String, String)> = rust_files(&dir, &dir)
        .into_iter()
        .filter(|relative| relative != "lib.rs")
        .map(|relative| (emitted_path(&relative), std::fs::read_to_string(dir.join(&relative)).unwrap()))
        .collect();
    modules.sort();
    modules
}

/// Whether `path` is one of the files every crate carries verbatim (the support modules and the
/// test server), which the snapshots leave out.
fn is_verbatim(path: &std::path::Path) -> bool {
    path.to_str() == Some("tests/support/mod.rs") || runtime_modules().iter().any(|(module, _)| path.to_str() == Some(module))
}

/// A crate that sends a `multipart/form-data` body (`fixtures/lower/body.yaml`): it carries the
/// `multipart` module, which the small crate (no such body) leaves out.
fn generate_multipart() -> Vec<GeneratedFile> {
    let api = generator::model(std::path::Path::new("tests/fixtures/lower/body.yaml")).unwrap();
    expand_crate(&api, &options()).unwrap()
}

/// The one support module a crate carries only when a method needs it.
const MULTIPART: &str = "src/multipart.rs";

#[test]
fn runtime_modules_are_emitted_byte_for_byte_after_the_preamble() {
    let modules = runtime_modules();
    assert!(modules.iter().any(|(path, _)| path == MULTIPART));
    for (files, multipart) in [(generate_small(), false), (generate_multipart(), true)] {
        let preamble = file(&files, "src/lib.rs").lines().next().unwrap();
        for (path, source) in &modules {
            let emitted = files.iter().find(|f| f.path.to_str() == Some(path.as_str()));
            if path == MULTIPART && !multipart {
                assert!(emitted.is_none(), "a crate without multipart bodies carries {path}");
                continue;
            }
            let emitted = emitted.unwrap_or_else(|| panic!("no {path}"));
            assert!(emitted.contents == format!("{preamble}\n\n{source}"), "{path} is not the preamble and generator/runtime/{path}");
        }
    }
}

#[test]
fn lib_rs_declares_the_runtime_modules_as_the_runtime_crate_does() {
    let runtime_lib = std::fs::read_to_string(runtime_src().join("lib.rs")).unwrap();
    let declarations: Vec<&str> = runtime_lib.lines().filter(|line| line.starts_with("mod ") || line.starts_with("pub mod ")).collect();
    let mut declared: Vec<String> =
        declarations.iter().map(|line| line.trim_start_matches("pub ").trim_start_matches("mod ").trim_end_matches(';').to_string()).collect();
    declared.sort();
    // The top-level modules of `src/`: a file `name.rs` (but `lib.rs`) or a folder `name/`.
    let mut top: Vec<String> = rust_files(&runtime_src(), &runtime_src())
        .iter()
        .filter(|relative| *relative != "lib.rs")
        .map(|relative| relative.split('/').next().unwrap().trim_end_matches(".rs").to_string())
        .collect();
    top.sort();
    top.dedup();
    assert_eq!(declared, top, "generator/runtime/src/lib.rs declares every module of its src/ but lib.rs");
    for (files, multipart) in [(generate_small(), false), (generate_multipart(), true)] {
        let lib = file(&files, "src/lib.rs");
        for declaration in &declarations {
            let present = lib.lines().any(|line| line == *declaration);
            if *declaration == "mod multipart;" && !multipart {
                assert!(!present, "a crate without multipart bodies declares `{declaration}`:\n{lib}");
            } else {
                assert!(present, "the generated lib.rs lacks `{declaration}`:\n{lib}");
            }
        }
    }
}

#[test]
fn small_api_snapshots() {
    let files = generate_small();
    // The support modules and the test server are source files verbatim, the same for every spec.
    for f in files.iter().filter(|f| !is_verbatim(&f.path)) {
        let name = format!("small_api__{}", f.path.to_string_lossy().replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, &f.contents);
    }
}

#[test]
fn secrets_are_redacted_and_read_only_fields_not_sent() {
    let files = generate_small();
    let types = file(&files, "src/models/types.rs");
    assert!(types.contains("\"<redacted>\""));
    let job = &types[types.find("pub struct JobResponse").unwrap()..];
    let job = &job[..job.find("\n}").unwrap()];
    // Never sent, except in the answers of a fake (the `fake` feature).
    assert_eq!(job.matches("cfg_attr(not(feature = \"fake\"), serde(skip_serializing))").count(), 5, "{job}");
    assert_eq!(job.matches("skip_serializing_if = \"crate::fake::skips_read_only\"").count(), 5, "{job}");
    assert!(job.contains("crate::codec::As::<crate::codec::Nullable<crate::codec::Rfc1123>>"));
}

/// `api`, changed by a test, with its client model decided again.
fn relowered(mut api: Api) -> Result<Api, generator::Error> {
    api.clients = generator::lower::lower_client_model(&api)?;
    Ok(api)
}

#[test]
fn unsupported_bodies_are_located_refusals_and_the_operation_is_left_out() {
    let mut api = small_api();
    let op = &mut api.operations[2];
    // A multipart body is sent one part per field: a list has no fields.
    if let Some(body) = &mut op.body {
        body.kind = BodyKind::Multipart;
        body.ty = TypeRef::Array(Box::new(TypeRef::Primitive(Primitive::String)));
    }
    let id = op.id.clone();
    let api = relowered(api).unwrap();
    let [refusal] = api.clients.refused.as_slice() else { panic!("{:?}", api.clients.refused) };
    assert_eq!(refusal.operation, id);
    assert_eq!(refusal.error.kind, generator::ErrorKind::Unsupported);
    assert!(refusal.error.location.pointer.ends_with("/requestBody"), "{}", refusal.error);
    let methods: Vec<_> = api.clients.clients.iter().flat_map(|c| &c.methods).map(|m| m.operation_id.as_str()).collect();
    assert!(!methods.contains(&id.as_str()), "{methods:?}");
    // What is left still expands.
    expand_crate(&api, &options()).unwrap();
}

#[test]
fn unknown_types_are_located_errors() {
    let mut api = small_api();
    api.operations[0].responses[0].ty = Some(named("Missing"));
    let api = relowered(api).unwrap();
    let error = expand_crate(&api, &options()).unwrap_err();
    assert_eq!(error.kind, generator::ErrorKind::Invalid);
    assert!(error.message.contains("Missing"), "{error}");
}

/// The crate a fixture spec emits, as one text (the files every crate carries verbatim left out),
/// or the located error it fails with.
fn expand_fixture(path: &std::path::Path) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = path.strip_prefix(root).unwrap_or(path);
    let api = match generator::model(relative) {
        Ok(api) => api,
        Err(e) => return format!("model error: {e}"),
    };
    let refused: String = api.clients.refused.iter().map(|r| format!("refused {}: {}\n", r.operation, r.error)).collect();
    match expand_crate(&api, &options()) {
        Ok(files) => refused
            + &files
            .iter()
            .filter(|f| !is_verbatim(&f.path))
            .map(|f| format!("==> {} <==\n{}", f.path.display(), f.contents))
            .collect::<Vec<_>>()
            .join("\n"),
        Err(e) => format!("expand error: {e}"),
    }
}

#[test]
fn lower_fixture_snapshots() {
    insta::glob!("fixtures/lower/*.yaml", |path| {
        insta::assert_snapshot!(expand_fixture(path));
    });
}

#[test]
fn expand_fixture_snapshots() {
    insta::glob!("fixtures/expand/*.yaml", |path| {
        insta::assert_snapshot!(expand_fixture(path));
    });
}

/// The product spec, relative to the generator's folder (where tests run).
const IOTHUB: &str = "../specs/specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json";

#[test]
fn iothub_job_types() {
    let api = generator::model(std::path::Path::new(IOTHUB)).unwrap();
    let text = generator::expand::expand_types(&api, &options(), &["JobResponse", "JobStatus", "JobType"]).unwrap();
    insta::assert_snapshot!("iothub_job_response_status_type", text);
}

#[test]
fn iothub_clients_follow_the_operation_groups() {
    let api = generator::model(std::path::Path::new(IOTHUB)).unwrap();
    let options = Options { example_operation: Some("IotHubResource_GetJob".into()), ..options() };
    let files = expand_crate(&api, &options).unwrap();
    let clients: Vec<_> = files
        .iter()
        .filter_map(|f| f.path.to_str()?.strip_prefix("src/clients/"))
        .collect();
    assert_eq!(
        clients,
        [
            "mod.rs",
            "iot_hub_client.rs",
            "certificates_client.rs",
            "iot_hub_resource_client.rs",
            "operations_client.rs",
            "private_endpoint_connections_client.rs",
            "private_link_resources_client.rs",
            "resource_provider_common_client.rs",
        ]
    );
    // `IotHub_ManualFailover` belongs to the group named like the root client: a root method.
    assert!(file(&files, "src/clients/iot_hub_client.rs").contains("pub fn manual_failover("));
    let resource = file(&files, "src/clients/iot_hub_resource_client.rs");
    assert!(resource.contains("pub async fn get_job(\n        &self,\n        resource_group_name: &str,\n        resource_name: &str,\n        job_id: &str,"));
    assert!(resource.contains("pub fn list_jobs("));
    assert!(resource.contains("-> azure_core::Result<\n        azure_core::http::Poller<"));
    let readme = file(&files, "README.md");
    assert!(readme.contains(".get_job(\"my-resource-group-name\", \"my-resource-name\", \"my-job-id\", None)"), "{readme}");
}

#[test]
fn a_parameterized_host_is_a_located_error() {
    let mut api = small_api();
    api.endpoint = Some("https://{accountName}.example.net".into());
    let error = relowered(api).unwrap_err();
    assert_eq!(error.kind, generator::ErrorKind::Unsupported);
    assert_eq!(error.location.pointer, "/host");
    assert!(error.message.contains("{accountName}"), "{error}");
}

#[test]
fn a_sovereign_endpoint_becomes_the_default_and_the_scope_follows_it() {
    let mut api = small_api();
    api.endpoint = Some("https://management.chinacloudapi.cn/".into());
    let files = expand_crate(&relowered(api).unwrap(), &options()).unwrap();
    let root = file(&files, "src/clients/iot_hub_client.rs");
    assert!(root.contains("Url::parse(\"https://management.chinacloudapi.cn\")"), "{root}");
    assert!(root.contains("endpoint.origin().ascii_serialization()"));
}

#[test]
fn an_endpoint_the_url_crate_refuses_is_a_located_error_not_a_runtime_panic() {
    // Each passes a character check but is no URL: a port out of range, an empty port host.
    for endpoint in ["https://management.example.net:99999", "https://:443/"] {
        let mut api = small_api();
        api.endpoint = Some(endpoint.into());
        let error = relowered(api).unwrap_err();
        assert_eq!(error.kind, generator::ErrorKind::Unsupported, "{endpoint}");
        assert_eq!(error.location.pointer, "/host");
        assert!(error.message.contains(endpoint), "{error}");
    }
}

#[test]
fn the_readme_shows_the_pager_and_the_poller_of_the_spec() {
    let files = generate_small();
    let readme = file(&files, "README.md");
    assert!(readme.contains("## Listing with a `Pager`"), "{readme}");
    assert!(readme.contains(".into_pages()"), "{readme}");
    assert!(readme.contains("## Waiting on a `Poller`"), "{readme}");
    assert!(readme.contains("PollerStatus::Succeeded"), "{readme}");
    // The constructor fails for a custom cloud without an endpoint, so the example uses `?`.
    assert!(readme.contains("::new(credential, \"00000000-0000-0000-0000-000000000000\", None)?;"), "{readme}");
    // And it shows the sovereign clouds.
    assert!(readme.contains("CloudConfiguration::AzureGovernment"), "{readme}");
}

/// A list type has one `Page` impl, so operations listing it must agree on its item field; they
/// may differ on the next link, which each operation reads itself.
#[test]
fn operations_sharing_a_list_type_with_different_item_fields_are_a_located_refusal() {
    let dir = std::env::temp_dir().join(format!("expand-pages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        r##"openapi: 3.0.0
info: {title: pages, version: "1"}
paths:
  /a:
    get:
      operationId: Pages_List
      x-ms-pageable: {nextLinkName: nextLink}
      responses: {"200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/Page"}}}}}
  /b:
    get:
      operationId: Pages_ListItems
      x-ms-pageable: {nextLinkName: null, itemName: items}
      responses: {"200": {description: OK, content: {application/json: {schema: {$ref: "#/components/schemas/Page"}}}}}
components:
  schemas:
    Page:
      type: object
      properties:
        value: {type: array, items: {type: string}}
        items: {type: array, items: {type: string}}
        nextLink: {type: string}
"##,
    )
    .unwrap();
    let api = generator::model(&spec).unwrap();
    let strict = generator::generate(&spec, &Options { strict: true, ..options() }).unwrap_err();
    std::fs::remove_dir_all(&dir).ok();
    let [refusal] = api.clients.refused.as_slice() else { panic!("{:?}", api.clients.refused) };
    assert_eq!(refusal.operation, "Pages_ListItems");
    assert_eq!(strict.location, refusal.error.location, "strict generation fails on the refusal");
    let error = &refusal.error;
    assert_eq!(error.kind, generator::ErrorKind::Unsupported);
    assert_eq!(error.location.pointer, "/paths/~1b/get/x-ms-pageable");
    assert!(error.to_string().contains("`Pages_List` reads `value`, `Pages_ListItems` reads `items`"), "{error}");
}
