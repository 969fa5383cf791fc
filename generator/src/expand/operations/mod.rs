//! `src/clients/<client>.rs`: one method per operation, with its options struct.
//!
//! Required parameters are positional (`&str` for strings), the JSON body is a
//! `RequestContent<T>`, optional parameters live in `<Client><Method>Options<'a>` next to
//! `method_options`. A plain operation returns `Response<T>` (`Response<(), NoFormat>` when it
//! has no body); an `x-ms-pageable` one a `Pager` over its list type; an
//! `x-ms-long-running-operation` one a `Poller` (see the crate's `lro` module).
//!
//! This module prints a client's file and each method's shape; `request` prints the request a
//! method builds, `outcomes` what it does with the answer, `docs` its documentation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client::expand_client_struct;
use super::types::{codec_tokens, is_string_primitive, rust_type, to_param_string, Scope};
use super::{doc_attrs, ident, Context};
use crate::error::{Error, Location, Result};
use crate::ir::{
    BodyKind, Client, CollectionFormat, ExistsModel, HttpMethod, Method, NextArg, MethodKind, MethodParam, Operation, PagerModel,
    ParamLocation, Passing, PlainModel, PollerModel, Primitive, TypeKind, TypeRef, ValueSource,
};
use crate::rust_types::{argument_form, body_codec, body_form, rust_text, ArgumentForm, BodyForm};

mod docs;
mod outcomes;
mod request;
#[cfg(test)]
mod tests;

use docs::*;
use outcomes::*;
use request::*;
pub(crate) use outcomes::plain_response_type;


/// Status codes as unsuffixed literals (`200`, not `200u16`).
fn literals(codes: &[u16]) -> Vec<proc_macro2::Literal> {
    codes.iter().map(|&c| proc_macro2::Literal::u16_unsuffixed(c)).collect()
}

/// The file of one client: its struct (and, for the root, its constructor and options), its
/// methods, and their options structs.
pub(crate) fn expand_client_file(ctx: &Context<'_>, client: &Client) -> Result<TokenStream> {
    let header = expand_client_struct(ctx, client)?;
    let name = ident(&client.name, &ctx.api.title_location)?;
    let mut methods = Vec::new();
    let mut options = Vec::new();
    for method in &client.methods {
        let (m, o) = expand_method(ctx, client, method)?;
        methods.push(m);
        options.push(o);
    }
    Ok(quote! {
        //! A client of the service (see the crate documentation).
        #header

        impl #name {
            #(#methods)*
        }

        #(#options)*
    })
}

/// A method's surface: its positional arguments (with their docs) and the fields of its options
/// struct, in the order the client model gives them.
#[derive(Default)]
struct Surface {
    args: Vec<TokenStream>,
    arg_docs: Vec<(String, Option<String>)>,
    option_fields: Vec<TokenStream>,
}

/// One method and its options struct.
fn expand_method(ctx: &Context<'_>, client: &Client, method: &Method) -> Result<(TokenStream, TokenStream)> {
    let op = ctx.operation(method);
    let at = &op.location;
    let method_ident = ident(&method.name, at)?;
    let options_ident = ident(&method.options_type, at)?;
    let mut surface = expand_params(ctx, method)?;
    let body_set = expand_body(ctx, op, method, &mut surface)?;
    let error_ty = error_mapper(ctx, op, method)?;
    let build_request = expand_request(ctx, op, method, body_set)?;
    // The request builder another method's pager calls for its next pages (`operationName`).
    let request_fn = match &method.request_fn {
        Some(name) => {
            let name = ident(name, at)?;
            let args = &surface.args;
            let doc = format!(" Builds the request of [`Self::{}`], for the pagers whose next pages it fetches.", method.name);
            // Only optional parameters are read from the options.
            let options_arg = if surface.option_fields.is_empty() { quote! { _options } } else { quote! { options } };
            quote! {
                #[doc = #doc]
                #[allow(clippy::too_many_arguments)]
                pub(crate) fn #name(&self, #(#args,)* #options_arg: &#options_ident<'_>) -> azure_core::Result<azure_core::http::Request> {
                    #build_request
                    Ok(request)
                }
            }
        }
        None => quote! {},
    };
    let instrument = super::tracing::instrument_call(method);
    let prelude = quote! {
        let mut options = options.unwrap_or_default();
        #instrument
        #build_request
    };
    let (signature_tail, body, method_options_ty) = match &method.kind {
        MethodKind::Poller(poller) => expand_lro_call(ctx, op, method, poller, prelude, &error_ty)?,
        MethodKind::Pager(pager) => expand_pager_call(op, method, pager, prelude, &error_ty)?,
        MethodKind::Plain(plain) => expand_plain_call(ctx, op, plain, prelude, &error_ty)?,
        MethodKind::Exists(exists) => expand_exists_call(exists, prelude, &error_ty),
    };
    let returns = returns_doc(ctx, method);
    let docs = method_docs(op, &surface.arg_docs, returns.as_deref(), &errors_doc(ctx, method));
    let waits = match &method.kind {
        MethodKind::Plain(_) | MethodKind::Exists(_) => true,
        MethodKind::Poller(poller) => poller.pages.is_some(),
        MethodKind::Pager(_) => false,
    };
    let asyncness = if waits { quote! { async } } else { quote! {} };
    let deprecated = if op.deprecated { quote! { #[deprecated] } } else { quote! {} };
    // Clippy counts `&self` and `options` too: more than 7 in all is too many for it.
    let too_many = if surface.args.len() + 2 > 7 { quote! { #[allow(clippy::too_many_arguments)] } } else { quote! {} };
    let args = &surface.args;
    let resume = match &method.kind {
        MethodKind::Poller(poller) if poller.pages.is_none() => expand_resume_method(ctx, op, method, poller)?,
        _ => quote! {},
    };
    let method_tokens = quote! {
        #docs
        #deprecated
        #too_many
        pub #asyncness fn #method_ident(&self, #(#args,)* options: Option<#options_ident<'_>>) #signature_tail {
            #body
        }

        #resume

        #request_fn
    };
    let options_doc = format!(" Optional parameters of [`{}::{}`].", client.name, method.name);
    let option_fields = &surface.option_fields;
    let options_tokens = quote! {
        #[doc = #options_doc]
        #[derive(Clone, Debug, Default)]
        pub struct #options_ident<'a> {
            #(#option_fields)*
            /// Allows customization of the method call (context, and for pagers and pollers their options).
            pub method_options: #method_options_ty,
        }
    };
    Ok((method_tokens, options_tokens))
}
