//! The root client (constructor, options, pipeline with bearer-token authentication) and the
//! sub-clients it hands out, one per operation group, sharing its pipeline: the shape of the
//! official Azure SDK for Rust crates (`client.get_iot_hub_resource_client().get_job(...)`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::types::{rust_type, Scope};
use super::{doc_attrs, ident, Context};
use crate::error::Result;
use crate::ir::{Client, Primitive, TypeRef};

/// Resource Manager's endpoint in each sovereign cloud azure_core names, for a spec on ARM's
/// public endpoint (`azure_core::cloud::CloudConfiguration` variant → endpoint).
const SOVEREIGN_ARM_ENDPOINTS: &[(&str, &str)] = &[
    ("AzureGovernment", "https://management.usgovcloudapi.net"),
    ("AzureChina", "https://management.chinacloudapi.cn"),
];

/// `src/clients/mod.rs`.
pub(crate) fn expand_clients_mod(ctx: &Context<'_>) -> TokenStream {
    let modules: Vec<Ident> = ctx.api.clients.clients.iter().map(|c| format_ident!("{}", c.module)).collect();
    quote! {
        //! The clients: the root client, built from a credential, and one sub-client per operation
        //! group, reached from it.
        #( mod #modules; )*
        #( pub use #modules::*; )*
    }
}

/// The struct of a client; for the root client also its options, constructor and the
/// accessors of the sub-clients.
pub(crate) fn expand_client_struct(ctx: &Context<'_>, client: &Client) -> Result<TokenStream> {
    let root = &ctx.api.clients.root;
    let name = ident(&client.name, &ctx.api.title_location)?;
    let mut fields = Vec::new();
    let mut copies = Vec::new();
    for p in &root.fields {
        let field = ident(&p.field, &p.location)?;
        let ty = rust_type(ctx, &p.ty, Scope::Crate, &p.location)?;
        let ty = if p.required || p.default.is_some() { ty } else { quote! { Option<#ty> } };
        // Every client carries every client-level value; a group may not use them all.
        fields.push(quote! { #[allow(dead_code)] pub(crate) #field: #ty, });
        copies.push(quote! { #field: self.#field.clone(), });
    }
    let struct_doc = match &client.group {
        None => doc_attrs(ctx.api.description.as_deref(), &format!("The client of `{}`.", ctx.api.title)),
        Some(group) => {
            let accessor = client.accessor.as_deref().unwrap_or_default();
            let text = format!(" The `{group}` operations, from [`{root}::{accessor}`](crate::{root}::{accessor}).", root = root.name);
            quote! { #[doc = #text] }
        }
    };
    // A templated host: the options' endpoint, if any, overrides the template of each request.
    let templated = root.host.is_some();
    let endpoint_ty = if templated { quote! { Option<azure_core::http::Url> } } else { quote! { azure_core::http::Url } };
    // The `tracer` the methods' spans come from (`expand::tracing`); a client left without
    // methods (every operation refused) never reads it.
    let unread = client.methods.is_empty() && (client.group.is_some() || ctx.api.clients.clients.len() == 1);
    let allow_unread = if unread { quote! { #[allow(dead_code)] } } else { quote! {} };
    let tracer = super::tracing::tracer_field();
    let strukt = quote! {
        #struct_doc
        #allow_unread
        #[derive(Clone, Debug)]
        pub struct #name {
            pub(crate) endpoint: #endpoint_ty,
            pub(crate) api_version: String,
            // A spec without operations leaves the pipeline unused.
            #[allow(dead_code)]
            pub(crate) pipeline: azure_core::http::Pipeline,
            #(#fields)*
            #tracer
        }
    };
    let endpoint_accessor = if templated {
        quote! {
            /// The endpoint the options set, which every request goes to instead of the spec's
            /// host template; `None`: each request's host is the template filled in.
            pub fn endpoint(&self) -> Option<&azure_core::http::Url> {
                self.endpoint.as_ref()
            }
        }
    } else {
        quote! {
            /// The endpoint requests are sent to.
            pub fn endpoint(&self) -> &azure_core::http::Url {
                &self.endpoint
            }
        }
    };
    let accessors = quote! {
        #endpoint_accessor

        /// The api-version sent with every request.
        pub fn api_version(&self) -> &str {
            &self.api_version
        }
    };
    if client.group.is_some() {
        return Ok(quote! {
            #strukt
            impl #name {
                #accessors
            }
        });
    }

    // The root client.
    let options = ctx.root_options()?;
    let endpoint = root.endpoint.as_str();
    let api_version = &ctx.api.api_version;
    let mut new_args = Vec::new();
    let mut new_inits = Vec::new();
    let mut new_docs = Vec::new();
    let mut option_fields = Vec::new();
    let mut option_defaults = Vec::new();
    for p in &root.fields {
        let field = ident(&p.field, &p.location)?;
        let ty = rust_type(ctx, &p.ty, Scope::Crate, &p.location)?;
        if p.required {
            if matches!(p.ty, TypeRef::Primitive(ref prim) if !matches!(prim, Primitive::Bool | Primitive::Int32 | Primitive::Int64 | Primitive::Float32 | Primitive::Float64 | Primitive::DateTime | Primitive::DateTimeRfc1123 | Primitive::UnixTime | Primitive::Bytes)) {
                new_args.push(quote! { #field: impl Into<String> });
                new_inits.push(quote! { #field: #field.into(), });
            } else {
                new_args.push(quote! { #field: #ty });
                new_inits.push(quote! { #field, });
            }
            let d = p
                .description
                .as_deref()
                .and_then(super::doc_text)
                .map(|d| d.replace('\n', " "))
                .unwrap_or_else(|| format!("The `{}` parameter.", p.wire_name));
            new_docs.push(format!(" * `{}` - {d}", p.field));
        } else if let Some(default) = &p.default {
            let doc = doc_attrs(p.description.as_deref(), &format!("The `{}` parameter.", p.wire_name));
            let line = format!(" `None` (the default): `{default}`.");
            option_fields.push(quote! { #doc #[doc = ""] #[doc = #line] pub #field: Option<#ty>, });
            option_defaults.push(quote! { #field: None, });
            new_inits.push(quote! { #field: options.#field.unwrap_or_else(|| #default.to_string()), });
        } else {
            let doc = doc_attrs(p.description.as_deref(), &format!("The `{}` parameter.", p.wire_name));
            option_fields.push(quote! { #doc pub #field: Option<#ty>, });
            option_defaults.push(quote! { #field: None, });
            new_inits.push(quote! { #field: options.#field, });
        }
    }
    let mut sub_accessors = Vec::new();
    for sub in ctx.api.clients.clients.iter().filter(|c| c.group.is_some()) {
        let sub_name = ident(&sub.name, &ctx.api.title_location)?;
        let group = sub.group.as_deref().unwrap_or_default();
        let accessor = ident(sub.accessor.as_deref().unwrap_or_default(), &ctx.api.title_location)?;
        let doc = format!(" The [`{0}`](crate::clients::{0}): the `{group}` operations, sharing this client's pipeline.", sub.name);
        sub_accessors.push(quote! {
            #[doc = #doc]
            pub fn #accessor(&self) -> crate::clients::#sub_name {
                crate::clients::#sub_name {
                    endpoint: self.endpoint.clone(),
                    api_version: self.api_version.clone(),
                    pipeline: self.pipeline.clone(),
                    #(#copies)*
                    tracer: self.tracer.clone(),
                }
            }
        });
    }
    let namespace = root.namespace.name.as_str();
    let options_doc = format!(" Options for [`{}::new`].", client.name);
    let on_arm = root.on_resource_manager;
    let cloud_endpoints = if on_arm { SOVEREIGN_ARM_ENDPOINTS } else { &[] };
    let endpoint_doc: Vec<String> = if on_arm {
        let mut lines = vec![
            " The endpoint requests are sent to. `None` (the default): Resource Manager's endpoint in the".to_string(),
            " cloud `client_options.cloud` names: ".to_string(),
        ];
        let clouds: Vec<String> = std::iter::once(format!("`{endpoint}` for the public cloud (and when no cloud is set)"))
            .chain(SOVEREIGN_ARM_ENDPOINTS.iter().map(|(cloud, url)| format!("`{url}` for `{cloud}`")))
            .collect();
        lines[1].push_str(&clouds.join(", "));
        lines[1].push('.');
        lines.push(" A custom cloud needs the endpoint set here. The token scope is `{audience}/.default`, the audience".to_string());
        lines.push(format!(
            " being the custom cloud's for [`{}`] (`Audiences::with::<{}>`) when it has one, else the endpoint's origin.",
            client.name, client.name
        ));
        lines
    } else if templated {
        vec![
            " The endpoint every request is sent to, instead of the spec's host template filled in with the".to_string(),
            " client's and the method's host parameters (`None`, the default). The token scope is".to_string(),
            " `{audience}/.default`, the audience being the custom cloud's for this client when".to_string(),
            format!(" `client_options.cloud` is a custom cloud that has one, else this endpoint's origin, else `{endpoint}`'s."),
        ]
    } else {
        vec![
            format!(" The endpoint requests are sent to; `None` (the default): `{endpoint}`. The token scope is"),
            " `{audience}/.default`, the audience being the custom cloud's for this client when".to_string(),
            " `client_options.cloud` is a custom cloud that has one, else the endpoint's origin.".to_string(),
        ]
    };
    let cloud_arms = cloud_endpoints.iter().map(|(cloud, url)| {
        let variant = format_ident!("{}", cloud);
        let expect = format!("`{url}` is a URL");
        quote! {
            Some(azure_core::cloud::CloudConfiguration::#variant) => azure_core::http::Url::parse(#url).expect(#expect),
        }
    });
    let no_endpoint = if on_arm {
        let message = format!("a custom cloud configuration needs `endpoint` in `{}`: Resource Manager's endpoint in that cloud", root.options_type);
        quote! {
            match cloud.as_deref() {
                None | Some(azure_core::cloud::CloudConfiguration::AzurePublic) => default_endpoint(),
                #(#cloud_arms)*
                Some(_) => {
                    return Err(azure_core::Error::with_message(azure_core::error::ErrorKind::Other, #message));
                }
            }
        }
    } else {
        quote! { default_endpoint() }
    };
    let endpoint_and_audience = if templated {
        // The host is filled in per request: the scope comes from the endpoint the options
        // give, else from the spec's own host.
        quote! {
            let endpoint = options.endpoint;
            let audience = match cloud.as_deref() {
                Some(azure_core::cloud::CloudConfiguration::Custom(custom)) => custom.audiences.get::<Self>().map(str::to_owned),
                _ => None,
            }
            .unwrap_or_else(|| endpoint.clone().unwrap_or_else(default_endpoint).origin().ascii_serialization());
        }
    } else {
        quote! {
            let endpoint = match options.endpoint {
                Some(endpoint) => endpoint,
                None => #no_endpoint,
            };
            let audience = match cloud.as_deref() {
                Some(azure_core::cloud::CloudConfiguration::Custom(custom)) => custom.audiences.get::<Self>().map(str::to_owned),
                _ => None,
            }
            .unwrap_or_else(|| endpoint.origin().ascii_serialization());
        }
    };
    let api_version_doc = format!(" The api-version sent with every request; `{api_version}` unless changed.");
    let errors_doc = if on_arm {
        vec![
            String::new(),
            " # Errors".to_string(),
            String::new(),
            " When `client_options.cloud` is a custom cloud and `endpoint` is not set: Resource Manager's".to_string(),
            " endpoint in a custom cloud cannot be guessed. Nothing is sent either way.".to_string(),
        ]
    } else {
        vec![
            String::new(),
            " # Errors".to_string(),
            String::new(),
            " None for this spec (whose endpoint is not Resource Manager's, so the cloud does not pick it);".to_string(),
            " every generated client's `new` returns a `Result` alike. Nothing is sent.".to_string(),
        ]
    };
    let new_doc: Vec<String> = [
        format!(" Creates {} `{}` that authenticates with `credential` (see [`{}`] for the endpoint and the token scope).", super::article(&client.name), client.name, root.options_type),
        String::new(),
        " # Arguments".to_string(),
        String::new(),
        " * `credential` - The credential to get tokens from (e.g. `azure_identity::DeveloperToolsCredential`).".to_string(),
    ]
    .into_iter()
    .chain(new_docs)
    .chain([" * `options` - Optional configuration; the defaults suit the public cloud.".to_string()])
    .chain(errors_doc)
    .collect();
    Ok(quote! {
        #strukt

        #[doc = #options_doc]
        #[derive(Clone, Debug)]
        pub struct #options {
            /// azure_core's client options: retries, transport, extra policies, and the cloud (see
            /// `endpoint`; give the credential the same cloud, so it asks that cloud's authority).
            pub client_options: azure_core::http::ClientOptions,
            #(#[doc = #endpoint_doc])*
            pub endpoint: Option<azure_core::http::Url>,
            #[doc = #api_version_doc]
            pub api_version: String,
            #(#option_fields)*
        }

        /// The defaults: azure_core's client options, the endpoint of their cloud, the spec's
        /// api-version.
        impl Default for #options {
            fn default() -> Self {
                Self {
                    client_options: azure_core::http::ClientOptions::default(),
                    endpoint: None,
                    api_version: String::from(#api_version),
                    #(#option_defaults)*
                }
            }
        }

        /// The spec's endpoint. Its literal was parsed as a URL by the generator before it was
        /// emitted, so parsing it again here cannot fail.
        fn default_endpoint() -> azure_core::http::Url {
            azure_core::http::Url::parse(#endpoint).expect("the generator checked that the default endpoint parses")
        }

        impl #name {
            #(#[doc = #new_doc])*
            pub fn new(
                credential: ::std::sync::Arc<dyn azure_core::credentials::TokenCredential>,
                #(#new_args,)*
                options: Option<#options>,
            ) -> azure_core::Result<Self> {
                let options = options.unwrap_or_default();
                let cloud = options.client_options.cloud.clone();
                #endpoint_and_audience
                let scope = format!("{}/.default", audience.trim_end_matches('/'));
                let auth: ::std::sync::Arc<dyn azure_core::http::policies::Policy> = ::std::sync::Arc::new(
                    azure_core::http::policies::auth::BearerTokenAuthorizationPolicy::new(credential, [scope]),
                );
                // The tracer is made from the client options before the pipeline takes them.
                let tracer = crate::request::tracer(&options.client_options, #namespace);
                Ok(Self {
                    endpoint,
                    api_version: options.api_version,
                    pipeline: azure_core::http::Pipeline::new(
                        option_env!("CARGO_PKG_NAME"),
                        option_env!("CARGO_PKG_VERSION"),
                        options.client_options,
                        Vec::new(),
                        vec![auth],
                        None,
                    ),
                    #(#new_inits)*
                    tracer,
                })
            }

            #accessors

            #(#sub_accessors)*
        }
    })
}
