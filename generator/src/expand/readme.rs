//! `README.md` of the generated crate, also its crate-level docs (`#![doc = include_str!(..)]`),
//! so its example is a doc-test that must compile.

use super::Context;
use crate::ir::{BodyKind, Client, HttpMethod, Method, MethodKind, ParamLocation, Passing, Primitive, TypeKind, TypeRef, ValueSource};
use crate::names;

/// A method with the client that has it.
pub(super) type Call<'a> = (&'a Method, &'a Client);

/// Every method of the crate, client by client.
fn calls<'a>(ctx: &Context<'a>) -> impl Iterator<Item = Call<'a>> + Clone {
    ctx.api.clients.clients.iter().flat_map(|c| c.methods.iter().map(move |m| (m, c)))
}

/// The operation the README's example calls: the one `Options::example_operation` names, else
/// the first plain `GET` whose required arguments are all strings, with the most of them.
pub(super) fn example_operation<'a>(ctx: &Context<'a>) -> Option<Call<'a>> {
    let simple = |m: &Method| {
        m.http_method == HttpMethod::Get && matches!(m.kind, MethodKind::Plain(_)) && m.body.is_none() && simple_args(m)
    };
    let all = calls(ctx);
    if let Some(wanted) = &ctx.options.example_operation {
        if let Some(found) = all.clone().find(|(m, _)| &m.operation_id == wanted && simple(m)) {
            return Some(found);
        }
    }
    // An answer with a model shows more than one without; then the most arguments.
    let rank = |m: &Method| (has_body(m), placeholder_args(m).len());
    let mut best: Option<Call<'a>> = None;
    for candidate in all.filter(|(m, _)| simple(m)) {
        if best.as_ref().is_none_or(|b| rank(candidate.0) > rank(b.0)) {
            best = Some(candidate);
        }
    }
    best
}

/// Whether a plain method's `Response` has a model to read.
fn has_body(m: &Method) -> bool {
    matches!(&m.kind, MethodKind::Plain(plain) if plain.result.is_some())
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
    for p in ctx.api.clients.root.fields.iter().filter(|p| p.required) {
        args.push_str(&format!("\"{}\", ", placeholder(&p.wire_name)));
    }
    args
}

/// How the endpoint and token scope follow the client options' cloud, with an example for a
/// spec on Resource Manager's public endpoint.
fn cloud_text(ctx: &Context<'_>) -> String {
    let root = &ctx.api.clients.root.name;
    let crate_name = &ctx.options.crate_name;
    if let Some(host) = &ctx.api.host {
        return format!(
            "Each request's endpoint is the spec's host template, `{}{}`, filled in with the client's host settings \
             (options of `{root}Options`) and the method's host arguments; `endpoint` in the options, when set, replaces \
             it for every request. The token scope is the `endpoint` option's origin followed by `/.default` (a custom \
             cloud's audience for `{root}` wins), else the spec's own host's.\n\n",
            host.scheme_prefix.as_deref().unwrap_or_default(),
            host.template
        );
    }
    if !ctx.api.clients.root.on_resource_manager {
        let endpoint = &ctx.api.clients.root.endpoint;
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
    let root = &ctx.api.clients.root.name;
    let ctor_args = ctor_args(ctx);
    let mut out = format!(
        "```rust,no_run\nuse azure_identity::DeveloperToolsCredential;\nuse {crate_name}::{root};\n\n#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    let credential = DeveloperToolsCredential::new(None)?;\n    let client = {root}::new(credential, {ctor_args}None)?;\n"
    );
    match example_operation(ctx) {
        Some((method, client)) => {
            let args: Vec<String> = placeholder_args(method).into_iter().chain(["None".to_string()]).collect();
            let receiver = match &client.accessor {
                Some(accessor) => format!("client\n        .{accessor}()\n        "),
                None => "client\n        ".to_string(),
            };
            out.push_str(&format!(
                "    let response = {receiver}.{}({})\n        .await?;\n    println!(\"status: {{}}\", response.status());\n",
                method.name,
                args.join(", ")
            ));
            if has_body(method) {
                out.push_str(
                    "    let value = response.into_model()?;\n    // Every field shows with the crate's `debug` feature (secrets never do).\n    println!(\"{value:#?}\");\n",
                );
            }
        }
        None => out.push_str("    println!(\"endpoint: {:?}\", client.endpoint());\n"),
    }
    out.push_str("    Ok(())\n}\n```\n");
    out
}

/// The way from `cargo add` to a first call: what to add (the crate, a credential, a runtime),
/// how to sign in, and the example.
fn getting_started(ctx: &Context<'_>) -> String {
    let crate_name = &ctx.options.crate_name;
    let package = &ctx.options.package;
    let (add, links) = if package.publish {
        (
            format!("cargo add {crate_name}"),
            format!(
                "Releases go to [crates.io](https://crates.io/crates/{crate_name}), with the API reference on \
                 [docs.rs](https://docs.rs/{crate_name}){}.\n\n",
                if package.changelog.is_some() { "; `CHANGELOG.md` says what each version changed" } else { "" }
            ),
        )
    } else {
        // A crate that is not published is added from where it was generated.
        (format!("cargo add --path path/to/{crate_name}"), String::new())
    };
    let has_placeholders =
        !ctor_args(ctx).is_empty() || example_operation(ctx).is_some_and(|(m, _)| !placeholder_args(m).is_empty());
    let placeholders = if has_placeholders {
        "Replace the placeholders (`00000000-0000-0000-0000-000000000000` is your subscription id, the `my-…` \
         strings name your resources) and run it:"
    } else {
        "Run it:"
    };
    format!(
        "## Getting started\n\n\
         ### Install the crate\n\n\
         {links}\
         Add it to your project, with `azure_identity` for a credential and `tokio` for an async runtime:\n\n\
         ```sh\n\
         {add}\n\
         cargo add azure_identity\n\
         cargo add tokio --features macros,rt-multi-thread\n\
         ```\n\n\
         ### Sign in\n\n\
         You need an Azure subscription, and a role on the resources you call (Azure RBAC). The example signs in \
         with `azure_identity::DeveloperToolsCredential`, which uses the developer tools you are signed in to: \
         run `az login` (Azure CLI) or `azd auth login` (Azure Developer CLI) first. In production use a managed \
         identity (`azure_identity::ManagedIdentityCredential`) or another credential: the client takes any \
         `TokenCredential`.\n\n\
         ### A first call\n\n\
         {placeholders}\n\n\
         {example}",
        example = example(ctx),
    )
}

/// Whether every positional argument of `m` besides the body is a string path parameter, so the
/// README can pass placeholders.
pub(super) fn simple_args(m: &Method) -> bool {
    m.params.iter().filter(|p| matches!(p.source, ValueSource::Positional { .. })).all(|p| {
        matches!(p.ty, TypeRef::Primitive(Primitive::String)) && matches!(p.location, ParamLocation::Path | ParamLocation::Host)
    })
}

/// The placeholder arguments of a call to `m`, without the body and options.
pub(super) fn placeholder_args(m: &Method) -> Vec<String> {
    m.params
        .iter()
        .filter(|p| matches!(p.source, ValueSource::Positional { .. }))
        .map(|p| format!("\"{}\"", placeholder(&p.wire_name)))
        .collect()
}

/// The statement binding the client that has a method (`let x_client = client.get_x_client();`,
/// nothing for the root's own), and that client's variable name.
fn receiver(client: &Client) -> (String, String) {
    match &client.accessor {
        Some(accessor) => {
            let var = accessor.strip_prefix("get_").unwrap_or(accessor).to_string();
            (format!("let {var} = client.{accessor}();\n"), var)
        }
        None => (String::new(), "client".to_string()),
    }
}

/// The type a long-running method's poller resolves to (the resource a `PUT` creates).
pub(super) fn poller_result(m: &Method) -> Option<&TypeRef> {
    match &m.kind {
        MethodKind::Poller(poller) => poller.result.as_ref(),
        _ => None,
    }
}

/// The item type of a pageable method's pages (as its `Pager` yields them).
fn page_item(m: &Method) -> Option<&TypeRef> {
    match &m.kind {
        MethodKind::Pager(pager) => Some(&pager.item_type),
        _ => None,
    }
}

/// The long-running method the README shows: a `PUT` with a JSON body first (creating a
/// resource is what callers wait for most), else any other one; only with placeholder arguments.
pub(super) fn lro_example<'a>(ctx: &Context<'a>) -> Option<Call<'a>> {
    let candidates: Vec<_> = calls(ctx)
        .filter(|(m, _)| matches!(m.kind, MethodKind::Poller(_)) && simple_args(m))
        // A model body (`try_into()`), which the example can build.
        .filter(|(m, _)| {
            m.body.as_ref().is_none_or(|b| {
                b.kind == BodyKind::Json && crate::rust_types::body_form(&ctx.api.types, &b.ty) == crate::rust_types::BodyForm::Content
            })
        })
        .collect();
    let rank = |m: &Method| match (m.http_method, m.body.is_some()) {
        (HttpMethod::Put, true) => 0,
        (HttpMethod::Put, false) => 1,
        _ => 2,
    };
    candidates.into_iter().min_by_key(|(m, _)| rank(m))
}

/// The pageable method the README shows: one listing the resource the long-running example
/// creates when there is one (the one with the most arguments: a resource group's rather than
/// the subscription's), else the pageable `GET` with the most arguments.
pub(super) fn pager_example<'a>(ctx: &Context<'a>, resource: Option<&TypeRef>) -> Option<Call<'a>> {
    let candidates: Vec<_> =
        calls(ctx).filter(|(m, _)| m.body.is_none() && simple_args(m) && page_item(m).is_some()).collect();
    let key = |m: &Method| (resource.is_some() && page_item(m) == resource, placeholder_args(m).len());
    let mut best: Option<Call<'a>> = None;
    for candidate in candidates {
        if best.as_ref().is_none_or(|b| key(candidate.0) > key(b.0)) {
            best = Some(candidate);
        }
    }
    best
}

/// A Rust expression building a value of `ty` the way a caller would (`models::Thing::new(
/// "my-name", models::Kind::First)`), or `None` when that takes more than placeholders (numbers,
/// dates, unions, maps): the example then takes the value as an argument.
pub(super) fn build_expr(ctx: &Context<'_>, ty: &TypeRef, field: &str, depth: usize) -> Option<String> {
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
                    let plain: Vec<_> = object.fields.iter().filter(|f| super::types::field_is_plain(f) && !f.constant).collect();
                    if plain.is_empty() {
                        let default = super::types::has_default(ctx, ty);
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
fn pager_section(ctx: &Context<'_>, (method, client): Call<'_>) -> String {
    let crate_name = &ctx.options.crate_name;
    let root = &ctx.api.clients.root.name;
    let mut args = placeholder_args(method);
    args.push("None".to_string());
    let (bind, var) = receiver(client);
    let call = format!("{var}.{}({})", method.name, args.join(", "));
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
fn poller_section(ctx: &Context<'_>, (method, client): Call<'_>) -> String {
    let crate_name = &ctx.options.crate_name;
    let root = &ctx.api.clients.root.name;
    let mut args = placeholder_args(method);
    // The body: built in the example when placeholders can build it, else taken as an argument.
    // An optional body travels in the options; the example leaves it out.
    let mut body_param = String::new();
    let mut body_setup = String::new();
    if let Some(body) = &method.body {
        match &body.passing {
            Passing::Positional { name: var } => {
                let ty = match &body.ty {
                    TypeRef::Named(name) => format!("models::{name}"),
                    _ => "serde_json::Value".to_string(),
                };
                match build_expr(ctx, &body.ty, &body.wire_name, 0) {
                    Some(expr) => body_setup = format!("let {var} = {expr};\n"),
                    None => body_param = format!(", {var}: {ty}"),
                }
                args.push(format!("{var}.clone().try_into()?"));
            }
            Passing::Optional { .. } => args.push("None".to_string()),
            Passing::Constant { .. } => {}
        }
    }
    args.push("None".to_string());
    let (bind, var) = receiver(client);
    let call = format!("{var}.{}({})", method.name, args.join(", "));
    let imports = if body_setup.contains("models::") || body_param.contains("models::") {
        format!("{{models, {root}}}")
    } else {
        root.to_string()
    };
    // The final response has a model exactly when the method's `Poller` has an output type.
    let result = if poller_result(method).is_some() {
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

/// The method the README's PATCH example calls: one whose required body is a PATCH request
/// model (`ObjectType::patch`), with placeholder arguments; one whose model has `tags` first.
fn patch_example<'a>(ctx: &Context<'a>) -> Option<(Call<'a>, &'a str, &'a crate::ir::ObjectType)> {
    let mut best = None;
    for (m, c) in calls(ctx).filter(|(m, _)| simple_args(m) && !matches!(m.kind, MethodKind::Pager(_) | MethodKind::Exists(_))) {
        let Some(body) = &m.body else { continue };
        let (Passing::Positional { .. }, TypeRef::Named(name)) = (&body.passing, &body.ty) else { continue };
        let Some(TypeKind::Object(object)) = ctx.api.types.get(name).map(|d| &d.kind) else { continue };
        if !object.patch || object.discriminator.is_some() || object.fields.iter().any(|f| f.required && !f.read_only) {
            continue;
        }
        let tags = object.fields.iter().any(|f| f.wire_name == "tags" && matches!(f.ty, TypeRef::Map(_)));
        if best.as_ref().is_none_or(|(_, had_tags, _, _): &(Call<'a>, bool, &str, &crate::ir::ObjectType)| tags && !had_tags) {
            best = Some(((m, c), tags, name.as_str(), object));
        }
    }
    best.map(|(call, _, name, object)| (call, name, object))
}

/// The README's section on PATCH models, when the spec has some: how to leave a property alone,
/// clear it or set it, and (for a model with `tags`) how to remove one tag.
fn patch_section(ctx: &Context<'_>) -> String {
    let crate_name = &ctx.options.crate_name;
    let root = &ctx.api.clients.root.name;
    let intro = "\n## Updating with PATCH\n\n\
         Resource Manager PATCH requests follow JSON merge-patch: a property left out keeps its value, `null` \
         removes or resets it, a value sets it. So the optional fields of the models only PATCH requests carry \
         are `patch::Patch<T>`: `Patch::Keep` (the default) leaves the property out, `Patch::Clear` sends \
         `null`, and `Patch::Set(value)` (or `value.into()`) sends the value. Response models keep `Option`s.\n";
    let Some(((method, client), model, object)) = patch_example(ctx) else {
        return if ctx.api.types.values().any(|d| matches!(&d.kind, TypeKind::Object(o) if o.patch)) {
            intro.to_string()
        } else {
            String::new()
        };
    };
    let (bind, var) = receiver(client);
    let mut args = placeholder_args(method);
    args.push("update.try_into()?".to_string());
    args.push("None".to_string());
    let call = format!("{var}.{}({})", method.name, args.join(", "));
    let send = match method.kind {
        MethodKind::Poller(_) => format!("{call}?.await?;\n"),
        _ => format!("{call}.await?;\n"),
    };
    let tags = object.fields.iter().find(|f| f.wire_name == "tags" && matches!(f.ty, TypeRef::Map(_)));
    // The resource's own `GET` (same client, same path), to read the tags to keep.
    let path = &ctx.operation(method).path;
    let get = client.methods.iter().find(|g| {
        g.http_method == HttpMethod::Get && matches!(g.kind, MethodKind::Plain(_)) && &ctx.operation(g).path == path && simple_args(g)
    });
    let body = match (tags, get) {
        (Some(tags), Some(get)) => {
            let field = &tags.rust_name;
            let mut get_args = placeholder_args(get);
            get_args.push("None".to_string());
            format!(
                "// Tags are replaced as a whole: to remove one, send the others.\n\
                 let current = {var}.{}({}).await?.into_model()?;\n\
                 let mut tags = current.tags.unwrap_or_default();\n\
                 tags.remove(\"obsolete\");\n\
                 let mut update = models::{model}::default();\n\
                 update.{field} = tags.into();\n\
                 {send}\n\
                 // Or remove every tag: `null` clears the property.\n\
                 let mut update = models::{model}::default();\n\
                 update.{field} = Patch::Clear;\n\
                 {send}",
                get.name,
                get_args.join(", ")
            )
        }
        _ => {
            let Some(field) = object.fields.iter().find(|f| !f.read_only) else { return intro.to_string() };
            format!(
                "let mut update = models::{model}::default();\n\
                 // Clear `{wire}` (sends `null`); every other property is left out, so it keeps its value.\n\
                 update.{field} = Patch::Clear;\n\
                 {send}",
                wire = field.wire_name,
                field = field.rust_name
            )
        }
    };
    format!(
        "{intro}\n\
         ```rust,no_run\n\
         use {crate_name}::patch::Patch;\n\
         use {crate_name}::{{models, {root}}};\n\n\
         # async fn update(client: {root}) -> azure_core::Result<()> {{\n\
         {bind}\
         {body}\
         # Ok(())\n\
         # }}\n\
         ```\n"
    )
}

/// The error type most operations declare (by Rust name), for the README's error example;
/// `serde_json::Value` when none declares one.
fn common_error_type(ctx: &Context<'_>) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (method, _) in calls(ctx) {
        if let Some(TypeRef::Named(name)) = &method.error.ty {
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

/// `text` as literal Markdown text: the characters that would start markup (or an HTML tag,
/// which rustdoc warns about) are backslash-escaped.
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The README.
pub(crate) fn expand_readme(ctx: &Context<'_>) -> String {
    let api = ctx.api;
    let crate_name = &ctx.options.crate_name;
    let root = &ctx.api.clients.root.name;
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
    out.push_str(&getting_started(ctx));
    let lro = lro_example(ctx);
    let resource = lro.and_then(|(m, _)| poller_result(m));
    if let Some(call) = pager_example(ctx, resource) {
        out.push_str(&pager_section(ctx, call));
    }
    if let Some(call) = lro {
        out.push_str(&poller_section(ctx, call));
    }
    out.push_str(&patch_section(ctx));
    let subs: Vec<String> = ctx
        .api
        .clients
        .clients
        .iter()
        .filter_map(|c| c.accessor.as_ref().map(|a| format!("`{a}()` → `{}`", c.name)))
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
         a value holding `/`, `?`, `#` or non-ASCII text cannot change the request path; `.` or `..` is \
         refused with an error, since URL parsing would resolve it, and an empty value is an empty segment. \
         A parameter with `x-ms-skip-url-encoding` (an ARM scope such as `/subscriptions/s/resourceGroups/rg`) \
         is inserted as it is, with one `/` where the template and the value both have one. Query parameters \
         are percent-encoded the same way.\n",
        if subs.is_empty() { "none".to_string() } else { subs.join(", ") },
        cloud = cloud_text(ctx),
    ));
    out.push_str(
        "\n## Paging and long-running operations\n\n\
         `x-ms-pageable` operations return an azure_core `Pager`: a stream of items across pages, following the \
         next link (with the client's api-version, exactly once); `into_pages()` gives the pages. \
         `x-ms-long-running-operation` operations return an azure_core `Poller` of `lro::OperationStatus<T>`: \
         awaiting it sends the request once, then polls the status monitor the service names \
         (`Azure-AsyncOperation`, `Operation-Location`, `Location`, or the resource itself), honouring `Retry-After`, \
         and resolves to the final `Response<T>` as the spec's `final-state-via` says (the ARM default otherwise), by \
         the rules of Azure's official runtimes (the `lro` module's docs list them). Deletes resolve to \
         `Response<(), NoFormat>`. Without `Retry-After` the poller waits its `frequency` (30 s by default; set \
         `method_options: lro::PollerOptions { frequency, ..Default::default() }` in the method's options to change it). \
         Each status of a running operation carries a `resume_token()`; the method's `resume_*` counterpart \
         rebuilds the poller from it, in this process or another, without sending the request again.\n",
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
    out.push_str(&super::readme_sections::expand_sections(ctx));
    out.push_str(
        "\n## Models\n\n\
         `models` has one type per schema, with serde wire names. Fields the spec does not require are `Option`s; \
         a required field the service leaves out of a response decodes to its default (an empty string, zero, an \
         empty list) where its type has one, rather than failing the whole response; \
         read-only fields are decoded but never sent. Date-times are `time::OffsetDateTime` (RFC 3339, RFC 1123 or \
         Unix seconds as the spec says; either text form is accepted when reading, as services send both), dates \
         `time::Date`, durations `time::Duration` (ISO 8601; a year read as 365 days and a month as 30, as .NET \
         reads them), bytes `Vec<u8>` (base64 or base64url), at any depth of arrays and maps (the `codec` module \
         writes and reads them). Where the spec allows `null` (`x-nullable`) an item, a map value or a body is an \
         `Option`; a required field that may be `null` is an `Option` sent as `null` when `None`. A result some \
         success answers without a body is an `Option` (`None` for an empty body). Structs are \
         `#[non_exhaustive]`, so that a new api-version can add fields without breaking callers: build them with \
         `new` (it takes the required fields; strings as anything `Into<String>`), or `Default` when none is \
         required, then set fields; a required field is never sent as an empty default. Enums keep values they do \
         not know in `UnknownValue` and write them back unchanged. `Debug` follows `SafeDebug`, secrets always \
         redacted (above). \
         A model request body is passed as `model.try_into()?` (an `azure_core::http::RequestContent`); any other \
         body (a list, a date, an optional value) is passed as the value, and the method writes it. ",
    );
    let kinds: Vec<BodyKind> = api.clients.clients.iter().flat_map(|c| &c.methods).filter_map(|m| m.body.as_ref().map(|b| b.kind)).collect();
    if kinds.contains(&BodyKind::Form) || kinds.contains(&BodyKind::Multipart) {
        out.push_str("A form body is passed as a reference to the model whose fields are the form's. ");
    }
    if kinds.contains(&BodyKind::Multipart) {
        out.push_str(
            "In a `multipart/form-data` body each field present is a part (a list one part per item, other values \
             than strings as JSON text), and a file field is `Vec<u8>`, sent as an `application/octet-stream` file \
             part. ",
        );
    }
    out.push_str(
        "A model is \
         `Serialize` when a method sends it and `Deserialize` when one receives it, which keeps the crate quick to \
         compile; the feature `all-serde` (which `fake` turns on) gives every model both, for code that stores, \
         replays or builds models as JSON.\n\n\
         ## Not supported yet\n\n\
         - `x-ms-client-flatten` is not applied: flattened objects stay nested, as on the wire.\n",
    );
    if !api.clients.refused.is_empty() {
        out.push_str(
            "\n## Operations left out\n\nThe generator cannot express these operations of the spec yet, so this crate has no \
             method for them:\n\n",
        );
        for refusal in &api.clients.refused {
            out.push_str(&format!("- `{}`: {}\n", refusal.operation, markdown_escape(&refusal.error.to_string())));
        }
    }
    out.push_str(&format!(
        "\n## Regenerating\n\nThis crate is the output of `{}`; change the spec or the generator, never these files.\n",
        ctx.options.command
    ));
    out
}
