//! How the emitted clients are traced, as the official azure_core 1.x crates are (Azure's TypeSpec
//! emitter gives them the attributes `#[tracing::client]`, `#[tracing::new(namespace)]`,
//! `#[tracing::subclient]` and `#[tracing::function(span)]`). The generator writes out what those
//! attributes expand to instead of the attributes: each re-parses the item it is on, and on every
//! method that cost 8% of the crate's `cargo check` (README, "Compile time"). So: each client
//! struct has the `tracer` field, the root client's constructor makes it from the client
//! options' tracer provider with the crate's Azure namespace (`crate::request::tracer`), the
//! sub-client accessors share it, and every public method first puts its span's name and the
//! tracer in the call's context (`crate::request::instrument`): azure_core's pipeline (or, for a
//! pager or poller, azure_core's `Pager`/`Poller`) opens one span per call with them. The names
//! are decided in `lower::tracing`; this module only prints them.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Method;

/// The `tracer` field of every client struct.
pub(crate) fn tracer_field() -> TokenStream {
    quote! { pub(crate) tracer: Option<::std::sync::Arc<dyn azure_core::tracing::Tracer>>, }
}

/// The first statement of a method after `let mut options = options.unwrap_or_default();`:
/// `crate::request::instrument(&mut options.method_options.context, "Microsoft.Devices.IotHubResource.getJob", ..)`.
pub(crate) fn instrument_call(method: &Method) -> TokenStream {
    let span = method.span_name.as_str();
    quote! { crate::request::instrument(&mut options.method_options.context, #span, self.tracer.as_ref()); }
}

/// The `PollerOptions` a `resume_*` method hands its poller: the caller's (`options`), owned, with
/// the method's span and the tracer in its context (a resume method has no `method_options`), so
/// a resumed operation is traced under its method's span.
pub(crate) fn resumed_poller_options(method: &Method) -> TokenStream {
    let span = method.span_name.as_str();
    quote! {
        {
            let mut options = options.unwrap_or_default().into_owned();
            crate::request::instrument(&mut options.context, #span, self.tracer.as_ref());
            options
        }
    }
}
