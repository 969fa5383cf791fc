//! What a method does with the answer: a plain `Response<T>`, a HEAD's existence check, a `Pager`,
//! a `Poller` (and its resume method), and the error type of its failures.

use super::*;

/// The return type, body and `method_options` type of a method: its tail once `prelude` built
/// the request.
pub(super) type Call = (TokenStream, TokenStream, TokenStream);

/// A long-running operation: a `Poller` over the crate's ARM polling.
pub(super) fn expand_lro_call(
    ctx: &Context<'_>,
    op: &Operation,
    method: &Method,
    poller: &PollerModel,
    prelude: TokenStream,
    error_ty: &TokenStream,
) -> Result<Call> {
    let (output, format) = poller_output(ctx, op, poller)?;
    let final_state = format_ident!("{}", poller.final_state.name());
    let error_envelope = method.error.envelope;
    let codes = literals(&poller.initial_codes);
    let api_version = client_api_version(method);
    let operation_id = method.operation_id.as_str();
    let operation = quote! {
        crate::lro::Operation {
            pipeline: self.pipeline.clone(),
            request,
            success: &[#(#codes),*],
            final_state: crate::lro::FinalState::#final_state,
            error_envelope: #error_envelope,
            error: #error_ty,
            api_version: #api_version,
            operation_id: #operation_id,
        }
    };
    // Also pageable: wait for the list, then page through it.
    if let Some(pages) = &poller.pages {
        let page_ident = ident(&pages.list_type, &op.location)?;
        let next_link = next_link(pages);
        let body = quote! {
            #prelude
            crate::lro::pages::<crate::models::#page_ident>(#operation, options.method_options.into_owned(), #next_link).await
        };
        return Ok((
            quote! { -> azure_core::Result<azure_core::http::Pager<crate::models::#page_ident>> },
            body,
            quote! { azure_core::http::poller::PollerOptions<'a> },
        ));
    }
    let body = quote! {
        #prelude
        Ok(crate::lro::poller::<#output, #format>(#operation, options.method_options.into_owned()))
    };
    Ok((
        quote! { -> azure_core::Result<azure_core::http::Poller<crate::lro::OperationStatus<#output, #format>>> },
        body,
        quote! { azure_core::http::poller::PollerOptions<'a> },
    ))
}

/// How the method makes its error of an unexpected response (`crate::error::ErrorMapper`): the
/// body decoded into the type the spec gives the status, else the method's error type.
pub(super) fn error_mapper(ctx: &Context<'_>, op: &Operation, method: &Method) -> Result<TokenStream> {
    let at = op.location.join("responses");
    let decode = |ty: Option<&TypeRef>, at: &Location| -> Result<TokenStream> {
        let ty = match ty {
            Some(ty) => rust_type(ctx, ty, Scope::Crate, at)?,
            None => quote! { ::serde_json::Value },
        };
        Ok(quote! { crate::error::from_response::<#ty> })
    };
    let default = decode(method.error.ty.as_ref(), &at.join("default"))?;
    if method.error.by_status.is_empty() {
        return Ok(default);
    }
    let mut arms = Vec::new();
    for error in &method.error.by_status {
        let code = proc_macro2::Literal::u16_unsuffixed(error.status);
        let decode = decode(Some(&error.ty), &at.join(error.status))?;
        arms.push(quote! { #code => #decode(response), });
    }
    Ok(quote! {
        |response: azure_core::http::RawResponse| match u16::from(response.status()) {
            #(#arms)*
            _ => #default(response),
        }
    })
}

/// `Some(self.api_version.clone())` when the method sends the client's api-version (so the
/// requests that follow it do too), else `None`.
pub(super) fn client_api_version(method: &Method) -> TokenStream {
    if method.client_api_version {
        quote! { Some(self.api_version.clone()) }
    } else {
        quote! { None }
    }
}

/// The `resume_*` counterpart of a long-running method: its poller rebuilt from a resume token.
pub(super) fn expand_resume_method(ctx: &Context<'_>, op: &Operation, method: &Method, poller: &PollerModel) -> Result<TokenStream> {
    let (output, format) = poller_output(ctx, op, poller)?;
    let error_ty = error_mapper(ctx, op, method)?;
    let name = ident(&poller.resume_method, &op.location)?;
    let final_state = format_ident!("{}", poller.final_state.name());
    let error_envelope = method.error.envelope;
    let api_version = client_api_version(method);
    let operation_id = method.operation_id.as_str();
    let docs = [
        format!(" Resumes the poller of [`Self::{}`] from a resume token", method.name),
        " ([`OperationStatus::resume_token`](crate::lro::OperationStatus::resume_token)), in this process or".to_string(),
        " another: the operation's request is not sent again; polling goes on where the token stood.".to_string(),
        String::new(),
        " # Errors".to_string(),
        String::new(),
        format!(" When `token` is not a resume token of `{operation_id}`."),
    ];
    let deprecated = if op.deprecated { quote! { #[deprecated] } } else { quote! {} };
    let poller_options = super::super::tracing::resumed_poller_options(method);
    Ok(quote! {
        #(#[doc = #docs])*
        #deprecated
        pub fn #name(
            &self,
            token: &str,
            options: Option<azure_core::http::poller::PollerOptions<'_>>,
        ) -> azure_core::Result<azure_core::http::Poller<crate::lro::OperationStatus<#output, #format>>> {
            crate::lro::resume::<#output, #format>(
                crate::lro::Resumable {
                    pipeline: self.pipeline.clone(),
                    final_state: crate::lro::FinalState::#final_state,
                    error_envelope: #error_envelope,
                    error: #error_ty,
                    api_version: #api_version,
                    operation_id: #operation_id,
                },
                token,
                #poller_options,
            )
        }
    })
}

/// The property of a page that links to the next: this operation's `nextLinkName` (another
/// operation listing the same type may name another, or none).
pub(super) fn next_link(pager: &PagerModel) -> TokenStream {
    match &pager.next_link {
        Some(link) => {
            let name = &link.wire_name;
            quote! { Some(#name) }
        }
        None => quote! { None },
    }
}

/// A pageable operation: a `Pager` over its list type.
pub(super) fn expand_pager_call(
    op: &Operation,
    method: &Method,
    pager: &PagerModel,
    prelude: TokenStream,
    error_ty: &TokenStream,
) -> Result<Call> {
    let page_ident = ident(&pager.list_type, &op.location)?;
    let codes = literals(&pager.success_codes);
    let api_version = client_api_version(method);
    let next_link = next_link(pager);
    let next = match &pager.next_operation {
        Some(next) => expand_next_request(op, next)?,
        None => quote! { None },
    };
    let body = quote! {
        #prelude
        Ok(crate::request::pager::<crate::models::#page_ident>(
            self.pipeline.clone(),
            request,
            crate::request::Paging {
                api_version: #api_version,
                success: &[#(#codes),*],
                error: #error_ty,
                next_link: #next_link,
                next: #next,
            },
            options.method_options,
        ))
    };
    Ok((
        quote! { -> azure_core::Result<azure_core::http::Pager<crate::models::#page_ident>> },
        body,
        quote! { azure_core::http::pager::PagerOptions<'a> },
    ))
}

/// The builder of next-page requests of a pager whose spec names an `operationName`: the next
/// method's request, from owned copies of the first call's arguments and the link.
pub(super) fn expand_next_request(op: &Operation, next: &crate::ir::NextOperation) -> Result<TokenStream> {
    let request_fn = ident(&next.request_fn, &op.location)?;
    let mut captures = Vec::new();
    let mut args = Vec::new();
    for arg in &next.args {
        match arg {
            NextArg::Link => args.push(quote! { link }),
            NextArg::FromFirst { name, ty } => {
                let name = ident(name, &op.location)?;
                match crate::rust_types::argument_form(ty) {
                    crate::rust_types::ArgumentForm::Str => {
                        captures.push(quote! { let #name = #name.to_owned(); });
                        args.push(quote! { &#name });
                    }
                    crate::rust_types::ArgumentForm::Bytes | crate::rust_types::ArgumentForm::Slice(_) => {
                        captures.push(quote! { let #name = #name.to_vec(); });
                        args.push(quote! { &#name });
                    }
                    crate::rust_types::ArgumentForm::Json => {
                        captures.push(quote! { let #name = #name.clone(); });
                        args.push(quote! { &#name });
                    }
                    crate::rust_types::ArgumentForm::Owned => {
                        captures.push(quote! { let #name = #name.clone(); });
                        args.push(quote! { #name.clone() });
                    }
                }
            }
        }
    }
    // A next operation without a link parameter (a fixed path) ignores the link.
    let link = if next.args.iter().any(|a| matches!(a, NextArg::Link)) { quote! { link } } else { quote! { _link } };
    Ok(quote! {
        Some({
            let pager_client = self.clone();
            #(#captures)*
            ::std::sync::Arc::new(move |#link: &str| pager_client.#request_fn(#(#args,)* &Default::default()))
        })
    })
}

/// A plain method's response type (`Response<T>`, `Response<T, Format>`, `Response<Marker,
/// NoFormat>`, `AsyncResponse<..>` for a streamed body): what the method returns, and what its
/// headers trait is implemented for.
pub(crate) fn plain_response_type(ctx: &Context<'_>, op: &Operation, plain: &PlainModel) -> Result<TokenStream> {
    let marker = match plain.headers.as_ref().and_then(|h| h.marker.as_ref()) {
        Some(marker) => {
            let marker = ident(marker, &op.location)?;
            Some(quote! { crate::models::#marker })
        }
        None => None,
    };
    if plain.streamed {
        let marker = marker.unwrap_or_else(|| quote! { () });
        return Ok(quote! { azure_core::http::AsyncResponse<#marker> });
    }
    Ok(match (&plain.result, marker) {
        (Some(ty), _) => {
            let (ty, format) = result_type(ctx, op, ty)?;
            quote! { azure_core::http::Response<#ty #format> }
        }
        (None, Some(marker)) => quote! { azure_core::http::Response<#marker, azure_core::http::NoFormat> },
        (None, None) => quote! { azure_core::http::Response<(), azure_core::http::NoFormat> },
    })
}

/// A plain operation: one request, one `Response` (an `AsyncResponse` whose body streams, for
/// raw bytes).
pub(super) fn expand_plain_call(ctx: &Context<'_>, op: &Operation, plain: &PlainModel, prelude: TokenStream, error_ty: &TokenStream) -> Result<Call> {
    let codes = literals(&plain.success_codes);
    let output = plain_response_type(ctx, op, plain)?;
    let send = if plain.streamed { quote! { send_stream } } else { quote! { send } };
    let body = quote! {
        #prelude
        let response = crate::request::#send(&self.pipeline, &options.method_options.context, &mut request, &[#(#codes),*], #error_ty).await?;
        Ok(response.into())
    };
    Ok((quote! { -> azure_core::Result<#output> }, body, quote! { azure_core::http::ClientMethodOptions<'a> }))
}

/// A `HEAD` that answers whether the resource exists.
pub(super) fn expand_exists_call(exists: &ExistsModel, prelude: TokenStream, error_ty: &TokenStream) -> Call {
    let accepted: Vec<u16> = exists.true_codes.iter().chain(&exists.false_codes).copied().collect();
    let accepted = literals(&accepted);
    let absent = literals(&exists.false_codes);
    let send = quote! {
        crate::request::send(&self.pipeline, &options.method_options.context, &mut request, &[#(#accepted),*], #error_ty).await?
    };
    let body = if absent.is_empty() {
        quote! {
            #prelude
            #send;
            Ok(true)
        }
    } else {
        quote! {
            #prelude
            let response = #send;
            Ok(!matches!(u16::from(response.status()), #(#absent)|*))
        }
    };
    (quote! { -> azure_core::Result<bool> }, body, quote! { azure_core::http::ClientMethodOptions<'a> })
}

/// A long-running operation's output type and its format, from its poller model.
pub(super) fn poller_output(ctx: &Context<'_>, op: &Operation, poller: &PollerModel) -> Result<(TokenStream, TokenStream)> {
    match &poller.result {
        None => Ok((quote! { () }, quote! { azure_core::http::NoFormat })),
        Some(ty) => {
            let rust = rust_type(ctx, ty, Scope::Crate, &op.location)?;
            match body_codec(&ctx.api.types, ty) {
                Some(codec) => {
                    let codec = codec_tokens(&codec);
                    Ok((rust, quote! { crate::codec::Body<#codec> }))
                }
                None => Ok((rust, quote! { azure_core::http::JsonFormat })),
            }
        }
    }
}

/// A result body's Rust type, and `, Format` after it when azure_core's `JsonFormat` would not
/// read it as the spec says (see `rust_types::body_codec`).
pub(super) fn result_type(ctx: &Context<'_>, op: &Operation, ty: &TypeRef) -> Result<(TokenStream, TokenStream)> {
    let rust = rust_type(ctx, ty, Scope::Crate, &op.location)?;
    Ok(match body_codec(&ctx.api.types, ty) {
        Some(codec) => {
            let codec = codec_tokens(&codec);
            (rust, quote! { , crate::codec::Body<#codec> })
        }
        None => (rust, quote! {}),
    })
}
