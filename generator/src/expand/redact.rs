//! `Debug` of the models: azure_core's `SafeDebug` convention, and secrets that never show.
//!
//! Official crates derive `azure_core::fmt::SafeDebug` on every model: `Debug` then prints only
//! the type's name (`JobResponse { .. }`) unless azure_core's `debug` feature is enabled, which
//! shows every field. This crate does the same (its own `debug` feature turns azure_core's on), and
//! on top of it never shows a secret (`Field::secret`, decided in `lower::secrets`): a struct with
//! secrets gets a `Debug` of its own that prints what `SafeDebug` would (it asks a
//! `SafeDebug`-derived probe whether fields are shown, so it follows azure_core's feature exactly),
//! with `<redacted>` in place of each secret's value. A discriminated union shows its
//! variant and the subtype's own `Debug`; the raw JSON of a kind the crate does not know is never
//! shown (its fields are not known, so neither are its secrets).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::Secret;

/// The derive that gives a model without secrets its `Debug`.
pub(crate) fn safe_debug_derive() -> TokenStream {
    quote! { azure_core::fmt::SafeDebug }
}

/// One field as `Debug` shows it.
pub(crate) struct DebugField {
    /// The field's name.
    pub name: Ident,
    /// Whether it is a secret.
    pub secret: bool,
    /// How its value is held, which decides how a secret shows.
    pub shown: Shown,
}

/// How a field holds its value, for `Debug` of a secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// A plain value: a secret shows as `<redacted>`.
    Value,
    /// An `Option`: a secret shows as `None` or `Some(<redacted>)`.
    Option,
    /// A `crate::patch::Patch`: a secret shows as `None` (kept or cleared) or `Some(<redacted>)`.
    Patch,
}

/// The sentence a secret field's docs end with.
pub(crate) fn secret_note(secret: &Secret) -> String {
    let why = match secret {
        Secret::Marked => "the spec marks it `x-ms-secret`".to_string(),
        Secret::PasswordFormat => "its format is `password`".to_string(),
        Secret::CredentialName(words) => format!("its name ends with `{words}`, a credential's by the rule in the crate docs"),
    };
    format!("A secret: `Debug` never shows its value, whatever features are enabled ({why}).")
}

/// The `Debug` impl of struct `name` with secrets among `fields`: what `SafeDebug` would print
/// (only the name, unless azure_core's `debug` feature shows every field), with `<redacted>` for
/// each secret's value.
pub(crate) fn expand_redacted_debug(name: &Ident, fields: &[DebugField]) -> TokenStream {
    let type_name = name.to_string();
    let shown = fields.iter().map(|f| {
        let field = &f.name;
        let text = field.to_string();
        match (f.secret, f.shown) {
            (true, Shown::Option) => quote! { .field(#text, &self.#field.as_ref().map(|_| redaction::Redacted)) },
            (true, Shown::Patch) => quote! { .field(#text, &self.#field.as_option().map(|_| redaction::Redacted)) },
            (true, Shown::Value) => quote! { .field(#text, &redaction::Redacted) },
            (false, _) => quote! { .field(#text, &self.#field) },
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                if !redaction::fields_shown() {
                    return f.debug_struct(#type_name).finish_non_exhaustive();
                }
                f.debug_struct(#type_name) #(#shown)* .finish()
            }
        }
    }
}

/// The `Debug` impl of a discriminated union: `Variant(subtype's Debug)`, and for a kind the crate
/// does not know only its variant's name.
pub(crate) fn expand_union_debug(name: &Ident, variants: &[Ident], unknown: &Ident) -> TokenStream {
    let arms = variants.iter().map(|v| {
        let text = v.to_string();
        quote! { Self::#v(inner) => f.debug_tuple(#text).field(inner).finish(), }
    });
    let unknown_text = unknown.to_string();
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#arms)*
                    Self::#unknown(_) => f.debug_tuple(#unknown_text).finish_non_exhaustive(),
                }
            }
        }
    }
}

/// The marker shown in place of a secret, and whether fields are shown at all, in a private module
/// of `models::types` (no model can be named like a module).
pub(crate) fn expand_redaction_module() -> TokenStream {
    quote! {
        mod redaction {
            /// Shown by `Debug` in place of a secret's value.
            pub(super) struct Redacted;

            impl ::std::fmt::Debug for Redacted {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("<redacted>")
                }
            }

            /// Whether `SafeDebug` shows fields (azure_core's `debug` feature, which a feature of
            /// any crate in the build may turn on): asked of `SafeDebug` itself, once.
            pub(super) fn fields_shown() -> bool {
                static SHOWN: ::std::sync::OnceLock<bool> = ::std::sync::OnceLock::new();
                *SHOWN.get_or_init(|| {
                    #[derive(azure_core::fmt::SafeDebug)]
                    #[allow(dead_code)]
                    struct Probe {
                        shown: (),
                    }
                    format!("{:?}", Probe { shown: () }).contains("shown")
                })
            }
        }
    }
}
