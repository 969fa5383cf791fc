//! The docs of a method: what it returns, its errors, and its arguments.

use super::*;

/// The error types of a method, for its docs: `ServiceError<T>` per status, then the rest.
pub(super) fn errors_doc(ctx: &Context<'_>, method: &Method) -> String {
    let text = |ty: Option<&TypeRef>| match ty {
        Some(ty) => rust_text(&ctx.api.types, ty),
        None => "serde_json::Value".to_string(),
    };
    let link = |ty: String| format!("[`ServiceError<{ty}>`](crate::ServiceError)");
    let default = link(text(method.error.ty.as_ref()));
    if method.error.by_status.is_empty() {
        return format!(
            "A response with another status is an error whose {default} is reachable with [`service_error`](crate::service_error)."
        );
    }
    let mut lines = vec![
        "A response with another status is an error whose decoded body is reachable with [`service_error`](crate::service_error), as the type the spec gives its status:".to_string(),
        String::new(),
    ];
    for error in &method.error.by_status {
        lines.push(format!("* {}: {}", error.status, link(text(Some(&error.ty)))));
    }
    lines.push(format!("* any other: {default}"));
    lines.join("\n")
}

/// A type in docs: a link to a model, else the type as code.
pub(super) fn type_doc(ctx: &Context<'_>, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => format!("[`{name}`](crate::models::{name})"),
        other => format!("`{}`", rust_text(&ctx.api.types, other)),
    }
}

/// The `# Returns` section of a pageable or long-running method: what the `Pager` yields or
/// what awaiting the `Poller` gives, since the signature's generic types do not say it plainly.
pub(super) fn returns_doc(ctx: &Context<'_>, method: &Method) -> Option<String> {
    match &method.kind {
        MethodKind::Poller(PollerModel { pages: Some(pages), .. }) => {
            let item = type_doc(ctx, &pages.item_type);
            let name = &pages.list_type;
            Some(format!(
                "Waits for the long-running operation to end (polling as the `lro` module says, with the \
                 frequency of the options' `method_options`), then a [`Pager`](azure_core::http::Pager) of {item} \
                 items across every page of the list it resolved to, each page a \
                 `Response<`[`{name}`](crate::models::{name})`>`; the first page is the operation's result."
            ))
        }
        MethodKind::Poller(poller) => {
            let output = match &poller.result {
                Some(ty) => rust_text(&ctx.api.types, ty),
                None => "()".to_string(),
            };
            Some(format!(
                "A [`Poller`](azure_core::http::Poller), which sends nothing until it is awaited or polled. \
                 `.await` it for the final `Response<{output}>`; or stream it (`futures::TryStreamExt::try_next`) \
                 for each [`OperationStatus`](crate::lro::OperationStatus), stopping at \
                 [`PollerStatus::Succeeded`](crate::lro::PollerStatus::Succeeded) before awaiting it."
            ))
        }
        MethodKind::Pager(pager) => {
            let item = type_doc(ctx, &pager.item_type);
            let name = &pager.list_type;
            Some(format!(
                "A [`Pager`](azure_core::http::Pager) of {item} items across every page (a `futures` stream: \
                 `try_next`, `try_collect` from `futures::TryStreamExt`); `into_pages()` gives the pages, each a \
                 `Response<`[`{name}`](crate::models::{name})`>`. Nothing is sent until it is polled."
            ))
        }
        MethodKind::Plain(plain) => {
            let mut text = Vec::new();
            if plain.streamed {
                text.push(
                    "An `AsyncResponse` whose body streams the bytes as they arrive: `into_body()` is an \
                     `AsyncResponseBody`, a stream of byte chunks (`futures::TryStreamExt`), or `collect()` \
                     them all."
                        .to_string(),
                );
            }
            // Successes that differ in having a body: the model may be absent.
            if !plain.bodiless_codes.is_empty() {
                let empty: Vec<String> = plain.bodiless_codes.iter().map(u16::to_string).collect();
                text.push(format!(
                    "The response; a {} answer has no body, which `into_model()` reads as `None`.",
                    empty.join(" or ")
                ));
            }
            if let Some(headers) = &plain.headers {
                let names: Vec<String> = headers.accessors.iter().map(|a| format!("`{}`", a.wire_name)).collect();
                text.push(format!(
                    "Its headers {} are typed by [`{trait_name}`](crate::models::{trait_name}) (bring the trait into scope).",
                    names.join(", "),
                    trait_name = headers.trait_name
                ));
            }
            (!text.is_empty()).then(|| text.join(" "))
        }
        MethodKind::Exists(exists) => {
            let codes = |codes: &[u16]| codes.iter().map(u16::to_string).collect::<Vec<_>>().join(" or ");
            Some(if exists.false_codes.is_empty() {
                format!("`true` when the service answers {}.", codes(&exists.true_codes))
            } else {
                format!(
                    "`true` when the service answers {} (it exists), `false` when it answers {} (it does not).",
                    codes(&exists.true_codes),
                    codes(&exists.false_codes)
                )
            })
        }
    }
}

/// A method's docs: summary, description, arguments, what it returns when the signature does
/// not say it plainly, and how errors come back.
pub(super) fn method_docs(op: &Operation, args: &[(String, Option<String>)], returns: Option<&str>, errors: &str) -> TokenStream {
    let mut text = String::new();
    let summary = op.summary.as_deref().and_then(super::super::doc_text);
    let description = op.description.as_deref().and_then(super::super::doc_text);
    // Specs often repeat the summary as the description, give or take a final period.
    let same = |s: &str, d: &str| s.trim_end_matches('.').trim() == d.trim_end_matches('.').trim();
    match (&summary, &description) {
        (Some(s), Some(d)) if same(s, d) => text.push_str(d),
        (Some(s), Some(d)) => text.push_str(&format!("{s}\n\n{d}")),
        (Some(s), None) => text.push_str(s),
        (None, Some(d)) => text.push_str(d),
        (None, None) => text.push_str(&format!("The `{}` operation.", op.id)),
    }
    if !args.is_empty() {
        text.push_str("\n\n# Arguments\n");
        for (name, description) in args {
            let d = description
                .as_deref()
                .and_then(super::super::doc_text)
                .map(|d| d.replace('\n', " "))
                .unwrap_or_else(|| format!("The `{name}` parameter."));
            text.push_str(&format!("\n* `{name}` - {d}"));
        }
    }
    if let Some(returns) = returns {
        text.push_str(&format!("\n\n# Returns\n\n{returns}"));
    }
    text.push_str(&format!("\n\n# Errors\n\n{errors}"));
    let lines = text.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }).collect::<Vec<_>>();
    quote! { #( #[doc = #lines] )* }
}
