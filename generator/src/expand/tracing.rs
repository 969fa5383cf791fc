//! The tracing attributes of the emitted clients, as the official azure_core 1.x crates carry
//! them (Azure's TypeSpec emitter writes the same): `#[tracing::client]` on each client struct
//! (the `tracer` field), `#[tracing::new(namespace)]` on the root client's constructor (the tracer,
//! from the client options' tracer provider, with the crate's Azure namespace),
//! `#[tracing::subclient]` on the accessors of the sub-clients (which share it), and
//! `#[tracing::function(span)]` on every public method, whose call then puts the span's name and
//! the client's tracer in the request context: azure_core's pipeline (or, for a pager or poller,
//! azure_core's `Pager`/`Poller`) opens one span per call with them. The names are decided in
//! `lower::tracing`; this module only prints them.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Method;

/// `#[azure_core::tracing::function("Microsoft.Devices.IotHubResource.getJob")]`.
pub(crate) fn function_attr(method: &Method) -> TokenStream {
    let span = method.span_name.as_str();
    quote! { #[azure_core::tracing::function(#span)] }
}

/// The `PollerOptions` a `resume_*` method hands its poller: the caller's (`options`), owned, with
/// what `#[tracing::function]` puts in a method's context (it reads `options.method_options`,
/// which a resume method does not have), so a resumed operation is traced under its method's span.
pub(crate) fn resumed_poller_options(method: &Method) -> TokenStream {
    let span = method.span_name.as_str();
    quote! {
        {
            let mut options = options.unwrap_or_default().into_owned();
            options.context = options.context.with_value(
                azure_core::tracing::PublicApiInstrumentationInformation::new(#span, Vec::new()),
            );
            if let Some(tracer) = &self.tracer {
                options.context = options.context.with_value(tracer.clone());
            }
            options
        }
    }
}
