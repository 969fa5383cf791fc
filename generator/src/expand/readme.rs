//! `README.md` of the generated crate, also its crate-level docs (`#![doc = include_str!(..)]`),
//! so its example is a doc-test that must compile.

use super::Context;
use crate::ir::{HttpMethod, Operation, ParamLocation, Primitive, TypeRef};
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
    let args = |op: &Operation| op.parameters.iter().filter(|p| p.required && !p.client_level).count();
    let mut best: Option<(&'a Operation, String, Option<String>)> = None;
    for candidate in all.filter(|(op, _, _)| simple(op)) {
        if best.as_ref().is_none_or(|b| args(candidate.0) > args(b.0)) {
            best = Some(candidate);
        }
    }
    best
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

/// The example: build the client with a developer credential and call one operation.
fn example(ctx: &Context<'_>) -> String {
    let crate_name = &ctx.options.crate_name;
    let root = ctx.root_client.to_string();
    let mut ctor_args = String::new();
    for p in ctx.api.client_parameters.iter().filter(|p| p.required && p.constant.is_none() && !p.name.eq_ignore_ascii_case("api-version")) {
        ctor_args.push_str(&format!("\"{}\", ", placeholder(&p.name)));
    }
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
                "    let response = {receiver}.{method}({})\n        .await?;\n    println!(\"status: {{}}\", response.status());\n    let value = response.into_model()?;\n    println!(\"{{value:#?}}\");\n",
                args.join(", ")
            ));
        }
        None => out.push_str("    println!(\"endpoint: {}\", client.endpoint());\n"),
    }
    out.push_str("    Ok(())\n}\n```\n");
    out
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
    let subs: Vec<String> = ctx
        .clients
        .iter()
        .filter_map(|c| c.group.as_ref().map(|g| format!("`get_{}_client()` → `{}`", names::snake(g), c.name)))
        .collect();
    out.push_str(&format!(
        "\n## Clients\n\n`{root}::new` takes an `Arc<dyn TokenCredential>` (any `azure_identity` credential), the \
         client-level parameters of the spec, and optional `{root}Options`: azure_core's `ClientOptions` (retries, \
         transport, policies), the endpoint (for sovereign clouds; the token scope is `{{endpoint origin}}/.default`) \
         and the api-version.\n\n\
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
        if subs.is_empty() { "none".to_string() } else { subs.join(", ") }
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
         `method_options: PollerOptions { frequency, .. }` in the method's options to change it).\n",
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
         read-only fields are decoded but never sent; date-times are `time::OffsetDateTime` (RFC 3339, or RFC 1123 \
         where the spec says so). Structs are `#[non_exhaustive]`: build them with `new` (required fields) or \
         `Default`, then set fields. Enums keep values they do not know in `UnknownValue` and write them back \
         unchanged. Secret fields show as `<redacted>` in `Debug`. `x-ms-client-flatten` is not applied: flattened \
         objects stay nested, as on the wire. Date-times inside arrays or maps are kept as their strings.\n",
    );
    out.push_str(&format!(
        "\n## Regenerating\n\nThis crate is the output of `{}`; change the spec or the generator, never these files.\n",
        ctx.options.command
    ));
    out
}
