//! `README.md` of the generated crate, also its crate-level docs (`#![doc = include_str!(..)]`),
//! so its example is a doc-test that must compile.

use super::Context;
use crate::ir::{BodyKind, HttpMethod, Operation, ParamLocation, Primitive, StatusCode, TypeKind, TypeRef};
use crate::names;

/// The operation the README's example calls: the one `Options::example_operation` names, else
/// the first plain `GET` whose required arguments are all strings, with the most of them.
fn example_operation<'a>(ctx: &Context<'a>) -> Option<(&'a Operation, String, Option<String>)> {
    let simple = |op: &Operation| {
        op.method == HttpMethod::Get
            && op.pageable.is_none()
            && op.long_running.is_none()
            && op.body.is_none()
            && op.parameters.iter().filter(|p| p.required && !p.client_level && p.constant.is_none()).all(|p| {
                matches!(p.ty, TypeRef::Primitive(Primitive::String)) && p.location == ParamLocation::Path
            })
    };
    let all = ctx.clients.iter().flat_map(|c| c.operations.iter().map(move |(m, op)| (*op, m.clone(), c.group.clone())));
    if let Some(wanted) = &ctx.options.example_operation {
        if let Some(found) = all.clone().find(|(op, _, _)| &op.id == wanted && simple(op)) {
            return Some(found);
        }
    }
    // An answer with a model shows more than one without; then the most arguments.
    let rank = |op: &Operation| (has_body(op), op.parameters.iter().filter(|p| p.required && !p.client_level).count());
    let mut best: Option<(&'a Operation, String, Option<String>)> = None;
    for candidate in all.filter(|(op, _, _)| simple(op)) {
        if best.as_ref().is_none_or(|b| rank(candidate.0) > rank(b.0)) {
            best = Some(candidate);
        }
    }
    best
}

/// Whether a success response of `op` has a body (so its `Response` has a model to read).
fn has_body(op: &Operation) -> bool {
    op.responses.iter().any(|r| !r.is_error && r.ty.is_some())
}

/// A placeholder value for a string parameter in the example (`resourceGroupName` →
/// `"my-resource-group-name"`).
fn placeholder(name: &str) -> String {
    let kebab = names::snake(name).trim_end_matches('_').replace('_', "-");
    if kebab.contains("subscription") {
        "00000000-0000-0000-0000-000000000000".to_string()
    } else {
        format!("my-{kebab}")
    }
}

/// The constructor's arguments between the credential and the options, as placeholders
/// (`"00000000-0000-0000-0000-000000000000", `).
fn ctor_args(ctx: &Context<'_>) -> String {
    let mut args = String::new();
    for p in ctx.api.client_parameters.iter().filter(|p| p.required && p.constant.is_none() && !p.name.eq_ignore_ascii_case("api-version")) {
        args.push_str(&format!("\"{}\", ", placeholder(&p.name)));
    }
    args
}

/// How the endpoint and token scope follow the client options' cloud, with an example for a
/// spec on Resource Manager's public endpoint.
fn cloud_text(ctx: &Context<'_>) -> String {
    let root = &ctx.root_client;
    let crate_name = &ctx.options.crate_name;
    if !super::client::on_resource_manager(ctx) {
        let endpoint = super::client::spec_endpoint(ctx);
        return format!(
            "Left unset, the endpoint is the spec's, `{endpoint}`, and the token scope is its origin followed by \
             `/.default` (unless the options' cloud is a custom one giving an audience for `{root}`).\n\n"
        );
    }
    let ctor_args = ctor_args(ctx);
    format!(
        "Left unset, the endpoint is Resource Manager's in the cloud of the client options (`https://management.azure.com` \
         when none is set; `AzureGovernment` and `AzureChina` have theirs; a custom cloud needs the endpoint set, or \
         `new` fails), and the token scope is the endpoint's origin followed by `/.default` (a custom cloud's audience \
         for `{root}`, `Audiences::with::<{root}>`, wins). Give the credential the same cloud, so it signs in with that \
         cloud's authority:\n\n\
         ```rust,no_run\n\
         use std::sync::Arc;\n\
         use azure_core::{{cloud::CloudConfiguration, http::ClientOptions}};\n\
         use {crate_name}::{{{root}, {root}Options}};\n\n\
         # fn sovereign(credential: Arc<dyn azure_core::credentials::TokenCredential>) -> azure_core::Result<()> {{\n\
         let options = {root}Options {{\n    \
             client_options: ClientOptions {{ cloud: Some(Arc::new(CloudConfiguration::AzureGovernment)), ..Default::default() }},\n    \
             ..Default::default()\n\
         }};\n\
         let client = {root}::new(credential, {ctor_args}Some(options))?;\n\
         assert_eq!(client.endpoint().as_str(), \"https://management.usgovcloudapi.net/\");\n\
         # Ok(())\n\
         # }}\n\
         ```\n\n"
    )
}

/// The example: build the client with a developer credential and call one operation.
fn example(ctx: &Context<'_>) -> String {
    let crate_name = &ctx.options.crate_name;
    let root = ctx.root_client.to_string();
    let ctor_args = ctor_args(ctx);
    let mut out = format!(
        "```rust,no_run\nuse azure_identity::DeveloperToolsCredential;\nuse {crate_name}::{root};\n\n#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    let credential = DeveloperToolsCredential::new(None)?;\n    let client = {root}::new(credential, {ctor_args}None)?;\n"
    );
    match example_operation(ctx) {
        Some((op, method, group)) => {
            let args: Vec<String> = op
                .parameters
                .iter()
                .filter(|p| p.required && !p.client_level && p.constant.is_none())
                .map(|p| format!("\"{}\"", placeholder(&p.name)))
                .chain(["None".to_string()])
                .collect();
            let receiver = match group {
                Some(g) => format!("client\n        .get_{}_client()\n        ", names::snake(&g)),
                None => "client\n        ".to_string(),
            };
            out.push_str(&format!(
                "    let response = {receiver}.{method}({})\n        .await?;\n    println!(\"status: {{}}\", response.status());\n",
                args.join(", ")
            ));
            if has_body(op) {
                out.push_str("    let value = response.into_model()?;\n    println!(\"{value:#?}\");\n");
            }
        }
        None => out.push_str("    println!(\"endpoint: {}\", client.endpoint());\n"),
    }
    out.push_str("    Ok(())\n}\n```\n");
    out
}

/// Whether every required argument of `op` (besides client-level ones and the body) is a string
/// path parameter, so the README can pass placeholders.
fn simple_args(op: &Operation) -> bool {
    op.parameters.iter().filter(|p| p.required && !p.client_level && p.constant.is_none()).all(|p| {
        matches!(p.ty, TypeRef::Primitive(Primitive::String)) && p.location == ParamLocation::Path
    })
}

/// The placeholder arguments of a call to `op`, without the body and options.
fn placeholder_args(op: &Operation) -> Vec<String> {
    op.parameters
        .iter()
        .filter(|p| p.required && !p.client_level && p.constant.is_none())
        .map(|p| format!("\"{}\"", placeholder(&p.name)))
        .collect()
}

/// The statement binding the client that has a group's operations (`let x_client =
/// client.get_x_client();`, nothing for the root's own), and that client's variable name.
fn receiver(group: Option<&str>) -> (String, String) {
    match group {
        Some(g) => {
            let var = format!("{}_client", names::snake(g));
            (format!("let {var} = client.get_{var}();\n"), var)
        }
        None => (String::new(), "client".to_string()),
    }
}

/// The type of `op`'s first success response body (the resource a `PUT` creates).
fn success_type(op: &Operation) -> Option<&TypeRef> {
    op.responses
        .iter()
        .find(|r| !r.is_error && matches!(r.status, StatusCode::Code(200..=299)) && r.ty.is_some())
        .and_then(|r| r.ty.as_ref())
}

/// The item type of a pageable operation's pages (as the method's `Pager` yields them).
fn page_item(ctx: &Context<'_>, op: &Operation) -> Option<TypeRef> {
    let pageable = op.pageable.as_ref()?;
    super::operations::page_type(ctx, op, pageable).ok().map(|page| page.item_type)
}

/// The long-running operation the README shows: a `PUT` with a JSON body first (creating a
/// resource is what callers wait for most), else any other one; only with placeholder arguments.
fn lro_example<'a>(ctx: &Context<'a>) -> Option<(&'a Operation, String, Option<String>)> {
    let all = ctx.clients.iter().flat_map(|c| c.operations.iter().map(move |(m, op)| (*op, m.clone(), c.group.clone())));
    let candidates: Vec<_> = all
        .filter(|(op, _, _)| op.long_running.is_some() && simple_args(op))
        .filter(|(op, _, _)| op.body.as_ref().is_none_or(|b| b.kind == BodyKind::Json))
        .collect();
    let rank = |op: &Operation| match (op.method, op.body.is_some()) {
        (HttpMethod::Put, true) => 0,
        (HttpMethod::Put, false) => 1,
        _ => 2,
    };
    candidates.into_iter().min_by_key(|(op, _, _)| rank(op))
}

/// The pageable operation the README shows: one listing the resource the long-running example
/// creates when there is one (the one with the most arguments: a resource group's rather than
/// the subscription's), else the pageable `GET` with the most arguments.
fn pager_example<'a>(ctx: &Context<'a>, resource: Option<&TypeRef>) -> Option<(&'a Operation, String, Option<String>)> {
    let all = ctx.clients.iter().flat_map(|c| c.operations.iter().map(move |(m, op)| (*op, m.clone(), c.group.clone())));
    let candidates: Vec<_> = all
        .filter(|(op, _, _)| op.pageable.is_some() && op.body.is_none() && simple_args(op) && page_item(ctx, op).is_some())
        .collect();
    let args = |op: &Operation| placeholder_args(op).len();
    let mut best: Option<(&'a Operation, String, Option<String>)> = None;
    for candidate in candidates {
        let lists_resource = |op: &'a Operation| resource.is_some() && page_item(ctx, op).as_ref() == resource;
        let better = match &best {
            None => true,
            Some(b) => (lists_resource(candidate.0), args(candidate.0)) > (lists_resource(b.0), args(b.0)),
        };
        if better {
            best = Some(candidate);
        }
    }
    best
}

/// A Rust expression building a value of `ty` the way a caller would (`models::Thing::new(
/// "my-name", models::Kind::First)`), or `None` when that takes more than placeholders (numbers,
/// dates, unions, maps): the example then takes the value as an argument.
fn build_expr(ctx: &Context<'_>, ty: &TypeRef, field: &str, depth: usize) -> Option<String> {
    if depth > 4 {
        return None;
    }
    match ty {
        TypeRef::Primitive(Primitive::String) => Some(format!("\"{}\"", placeholder(field))),
        TypeRef::Primitive(Primitive::Bool) => Some("false".to_string()),
        TypeRef::Named(name) => {
            let def = ctx.api.types.get(name)?;
            let path = format!("models::{name}");
            match &def.kind {
                TypeKind::Enum(e) => {
                    let first = e.values.first()?;
                    (first.name != "UnknownValue").then(|| format!("{path}::{}", first.name))
                }
                TypeKind::Object(object) if object.discriminator.is_none() => {
                    let plain: Vec<_> = object.fields.iter().filter(|f| super::types::field_is_plain(f)).collect();
                    if plain.is_empty() {
                        let default = super::types::has_default(ctx, ty, &mut Vec::new());
                        return Some(if default { format!("{path}::default()") } else { format!("{path}::new()") });
                    }
                    let args: Option<Vec<String>> =
                        plain.iter().map(|f| build_expr(ctx, &f.ty, &f.wire_name, depth + 1)).collect();
                    Some(format!("{path}::new({})", args?.join(", ")))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The README's paging example, if the spec has a pageable operation it can call.
fn pager_section(ctx: &Context<'_>, op: &Operation, method: &str, group: Option<&str>) -> String {
    let crate_name = &ctx.options.crate_name;
    let root = &ctx.root_client;
    let mut args = placeholder_args(op);
    args.push("None".to_string());
    let (bind, var) = receiver(group);
    let call = format!("{var}.{method}({})", args.join(", "));
    format!(
        "\n## Listing with a `Pager`\n\n\
         A pageable operation returns an azure_core `Pager` at once (nothing is sent until it is polled). It is a \
         `futures` `Stream` of the items of every page, following the next links; `into_pages()` turns it into a \
         stream of whole pages (each a `Response` of the page model). The stream methods come from \
         `futures::TryStreamExt` (add `futures` to your dependencies).\n\n\
         ```rust,no_run\n\
         use futures::TryStreamExt as _;\n\
         use {crate_name}::{root};\n\n\
         # async fn list(client: {root}) -> azure_core::Result<()> {{\n\
         {bind}\
         // Every item, across pages.\n\
         let mut items = {call}?;\n\
         while let Some(item) = items.try_next().await? {{\n    \
             println!(\"{{item:?}}\");\n\
         }}\n\n\
         // All of them at once.\n\
         let all: Vec<_> = {call}?.try_collect().await?;\n\
         println!(\"{{}} items\", all.len());\n\n\
         // Page by page.\n\
         let mut pages = {call}?.into_pages();\n\
         while let Some(page) = pages.try_next().await? {{\n    \
             let page = page.into_model()?;\n    \
             println!(\"{{page:?}}\");\n\
         }}\n\
         # Ok(())\n\
         # }}\n\
         ```\n"
    )
}

/// The README's long-running example, if the spec has a long-running operation it can call.
fn poller_section(ctx: &Context<'_>, op: &Operation, method: &str, group: Option<&str>) -> String {
    let crate_name = &ctx.options.crate_name;
    let root = &ctx.root_client;
    let mut args = placeholder_args(op);
    // The body: built in the example when placeholders can build it, else taken as an argument.
    let mut body_param = String::new();
    let mut body_setup = String::new();
    if let Some(body) = &op.body {
        let var = names::snake(&body.rust_name);
        let ty = match &body.ty {
            TypeRef::Named(name) => format!("models::{name}"),
            _ => "serde_json::Value".to_string(),
        };
        match build_expr(ctx, &body.ty, &body.name, 0) {
            Some(expr) => body_setup = format!("let {var} = {expr};\n"),
            None => body_param = format!(", {var}: {ty}"),
        }
        args.push(if body.required { format!("{var}.clone().try_into()?") } else { "None".to_string() });
        if !body.required {
            // An optional body travels in the options; the example leaves it out.
            body_setup.clear();
            body_param.clear();
        }
    }
    args.push("None".to_string());
    let (bind, var) = receiver(group);
    let call = format!("{var}.{method}({})", args.join(", "));
    let imports = if body_setup.contains("models::") || body_param.contains("models::") {
        format!("{{models, {root}}}")
    } else {
        root.to_string()
    };
    // The final response has a model exactly when the method's `Poller` has an output type.
    let has_output = op
        .long_running
        .as_ref()
        .and_then(|lro| super::operations::lro_output(ctx, op, lro).ok())
        .is_some_and(|(output, _, _)| output.to_string() != "()");
    let result = if has_output {
        "let done = poller.await?;\nprintln!(\"{}\", done.status());\nlet value = done.into_model()?;\nprintln!(\"{value:?}\");\n"
    } else {
        "let done = poller.await?;\nprintln!(\"{}\", done.status());\n"
    };
    format!(
        "\n## Waiting on a `Poller`\n\n\
         A long-running operation returns an azure_core `Poller` at once. Awaiting it sends the request once, \
         polls until the operation ends and resolves to the final response; streaming it (`futures::TryStreamExt`) \
         yields each status as it is polled (`lro::OperationStatus`, whose `status()` is a `lro::PollerStatus`); \
         awaiting it after `Succeeded` gives the final response (but not after the stream has ended: azure_core \
         1.1's poller panics then, so stop at `Succeeded`). A failed or canceled operation is an error \
         carrying the service's error.\n\n\
         ```rust,no_run\n\
         use futures::TryStreamExt as _;\n\
         use {crate_name}::lro::PollerStatus;\n\
         use {crate_name}::{imports};\n\n\
         # async fn wait(client: {root}{body_param}) -> azure_core::Result<()> {{\n\
         {bind}\
         {body_setup}\
         // Wait for the end.\n\
         let poller = {call}?;\n\
         {result}\n\
         // Or watch each status, then read the result.\n\
         let mut poller = {call}?;\n\
         while let Some(status) = poller.try_next().await? {{\n    \
             let status = status.into_model()?;\n    \
             println!(\"{{:?}}\", status.status());\n    \
             // Stop at `Succeeded` (a failure is an error): azure_core's poller must not be\n    \
             // awaited after its stream has ended.\n    \
             if *status.status() == PollerStatus::Succeeded {{\n        \
                 break;\n    \
             }}\n\
         }}\n\
         let done = poller.await?;\n\
         println!(\"{{}}\", done.status());\n\
         # Ok(())\n\
         # }}\n\
         ```\n"
    )
}

/// The error type most operations declare (by Rust name), for the README's error example;
/// `serde_json::Value` when none declares one.
fn common_error_type(ctx: &Context<'_>) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for op in &ctx.api.operations {
        if let Some(TypeRef::Named(name)) = &op.error {
            *counts.entry(name.as_str()).or_default() += 1;
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (name, count) in counts {
        if best.is_none_or(|(_, c)| count > c) {
            best = Some((name, count));
        }
    }
    best.map(|(name, _)| name.to_string()).unwrap_or_else(|| "serde_json::Value".to_string())
}

/// The README.
pub(crate) fn expand_readme(ctx: &Context<'_>) -> String {
    let api = ctx.api;
    let crate_name = &ctx.options.crate_name;
    let root = ctx.root_client.to_string();
    let mut out = format!("<!-- {} -->\n\n", super::preamble(&ctx.options.command, "").trim());
    out.push_str(&format!("# {crate_name}\n\n"));
    if let Some(description) = api.description.as_deref().and_then(super::doc_text) {
        out.push_str(&description);
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "A Rust client for the Azure Resource Manager API `{}`, api-version `{}`, on `azure_core` 1.x. \
         Every file of this crate is generated from the OpenAPI spec; do not edit it by hand.\n\n",
        api.title, api.api_version
    ));
    out.push_str("## Example\n\n");
    out.push_str(&example(ctx));
    let lro = lro_example(ctx);
    let resource = lro.as_ref().and_then(|(op, _, _)| success_type(op));
    if let Some((op, method, group)) = pager_example(ctx, resource) {
        out.push_str(&pager_section(ctx, op, &method, group.as_deref()));
    }
    if let Some((op, method, group)) = &lro {
        out.push_str(&poller_section(ctx, op, method, group.as_deref()));
    }
    let subs: Vec<String> = ctx
        .clients
        .iter()
        .filter_map(|c| c.group.as_ref().map(|g| format!("`get_{}_client()` → `{}`", names::snake(g), c.name)))
        .collect();
    out.push_str(&format!(
        "\n## Clients\n\n`{root}::new` takes an `Arc<dyn TokenCredential>` (any `azure_identity` credential), the \
         client-level parameters of the spec, and optional `{root}Options`: azure_core's `ClientOptions` (retries, \
         transport, policies, cloud), the endpoint and the api-version. `new` sends nothing: the first request \
         is the first method call.\n\n\
         {cloud}\
         Operations are grouped as the spec groups them (the part of the operationId before `_`), into sub-clients \
         that share the root client's pipeline, the way the official Azure SDK for Rust crates are shaped; \
         operations of the group named like the root client are methods of the root client itself. Sub-clients: {}.\n\n\
         Each method takes its required parameters positionally and the optional ones in a \
         `<Client><Method>Options` struct, and returns `azure_core::Result<Response<T>>`, so status and \
         headers are available next to the model (`into_model()`).\n\n\
         Each path parameter is percent-encoded as one path segment (everything but `A-Z a-z 0-9 - . _ ~`), so \
         a value holding `/`, `?`, `#` or non-ASCII text cannot change the request path; an empty value, `.` or \
         `..` is refused with an error, since URL parsing would drop or resolve it. Query parameters are \
         percent-encoded the same way.\n",
        if subs.is_empty() { "none".to_string() } else { subs.join(", ") },
        cloud = cloud_text(ctx),
    ));
    out.push_str(
        "\n## Paging and long-running operations\n\n\
         `x-ms-pageable` operations return an azure_core `Pager`: a stream of items across pages, following the \
         next link (with the client's api-version, exactly once); `into_pages()` gives the pages. \
         `x-ms-long-running-operation` operations return an azure_core `Poller` of `lro::OperationStatus<T>`: \
         awaiting it sends the request once, then polls the status monitor the service names \
         (`Azure-AsyncOperation`, `Location`, or the resource itself), honouring `Retry-After`, and resolves to the \
         final `Response<T>` as the spec's `final-state-via` says (the ARM default otherwise). Deletes resolve to \
         `Response<(), NoFormat>`. Without `Retry-After` the poller waits its `frequency` (30 s by default; set \
         `method_options: lro::PollerOptions { frequency, ..Default::default() }` in the method's options to change it).\n",
    );
    let error_type = common_error_type(ctx);
    let error_path = if error_type.contains("::") { error_type.clone() } else { format!("{crate_name}::models::{error_type}") };
    out.push_str(&format!(
        "\n## Errors\n\n\
         A response with an unexpected status becomes an `azure_core::Error` of kind `ErrorKind::HttpResponse` \
         (status, error code, raw response). Its inner error is a `ServiceError<E>` with the body \
         decoded into the operation's error type `E` (named in each method's docs; `{error_type}` for most \
         operations of this API), reachable without parsing again:\n\n\
         ```rust,no_run\n\
         # fn handle(error: azure_core::Error) {{\n\
         if let Some(service) = {crate_name}::service_error::<{error_path}>(&error) {{\n    \
             println!(\"{{}} {{:?}} {{:?}}\", service.status(), service.code(), service.message());\n    \
             println!(\"{{:?}}\", service.error());\n\
         }}\n\
         # }}\n\
         ```\n\n\
         A body that is not JSON, or is truncated, still gives an error (with `error()` = `None`), never a panic.\n"
    ));
    out.push_str(
        "\n## Models\n\n\
         `models` has one type per schema, with serde wire names. Fields the spec does not require are `Option`s; \
         a required field the service leaves out of a response decodes to its default (an empty string, zero, an \
         empty list) where its type has one, rather than failing the whole response; \
         read-only fields are decoded but never sent; date-times are `time::OffsetDateTime` (RFC 3339, or RFC 1123 \
         where the spec says so; either form is accepted when reading, as services send both), also in arrays and \
         maps. Structs are `#[non_exhaustive]`, so that a new api-version can add fields without breaking callers: \
         build them with `new` (the required fields; strings as anything `Into<String>`) or `Default`, then set \
         fields. Enums keep values they do not know in `UnknownValue` and write them back unchanged. Secret fields \
         show as `<redacted>` in `Debug`. A request body is passed as `model.try_into()?` (an \
         `azure_core::http::RequestContent`).\n\n\
         ## Not supported yet\n\n\
         - `x-ms-client-flatten` is not applied: flattened objects stay nested, as on the wire.\n\
         - `multipart/form-data` request bodies: the generator refuses such operations with an error naming them.\n\
         - Date-times nested more deeply than one array or map (an array of arrays), and byte strings inside \
           arrays or maps, are kept as their strings.\n",
    );
    out.push_str(&format!(
        "\n## Regenerating\n\nThis crate is the output of `{}`; change the spec or the generator, never these files.\n",
        ctx.options.command
    ));
    out
}
