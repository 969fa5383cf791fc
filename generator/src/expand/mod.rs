//! Stage 4: the IR (and the plan of the example tests, `plan`) to the files of a Rust client crate
//! (tokens, formatted by prettyplease).
//!
//! One module per output file or concern: `models` and `enums` (the `models` module of the
//! crate), `client` (the root client and its options), `operations` (one method per operation,
//! grouped into sub-clients), `runtime` (the crate's fixed support code: errors, URLs, long-running
//! operations, wire formats, PATCH properties; not tokens but the source files of the `generator/runtime` crate,
//! embedded verbatim), `cargo` and `readme` (the non-Rust files), `examples` (the example tests,
//! printed from the plan that `plan` makes of them). This module holds what they share: name
//! resolution, doc text and formatting.

mod cargo;
mod client;
mod docs;
mod enums;
mod examples;
mod fake_tests;
mod fakes;
mod headers;
mod models;
mod operations;
mod readme;
mod readme_sections;
mod redact;
mod redaction_tests;
mod runtime;
mod tracing;
pub(crate) mod types;

use std::path::PathBuf;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::error::{Error, Location, Result};
use crate::ir::{Api, BodyKind, Method, Operation, TypeDef, TypeRef};
use crate::{GeneratedFile, Options};

pub use cargo::reserved_crate_names;
pub(crate) use docs::{doc_attrs, doc_text, is_hidden, show_hidden};

/// Expands the IR into the files of a crate, in a fixed order (Cargo.toml, README.md, the
/// CHANGELOG.md it may have, then the sources by path).
pub fn expand_crate(api: &Api, options: &Options) -> Result<Vec<GeneratedFile>> {
    let ctx = Context::new(api, options)?;
    let mut files = vec![
        GeneratedFile { path: "Cargo.toml".into(), contents: cargo::expand_cargo_toml(&ctx) },
        // The README is the crate's docs too (`include_str!`): what it shows, it shows visibly.
        GeneratedFile { path: "README.md".into(), contents: show_hidden(&readme::expand_readme(&ctx)).into_owned() },
    ];
    if let Some(changelog) = cargo::expand_changelog(&ctx) {
        files.push(GeneratedFile { path: "CHANGELOG.md".into(), contents: changelog });
    }
    // Building tokens and parsing them for prettyplease dominate the time, so the two halves of
    // the crate (models and support code; clients) are expanded and formatted on two threads.
    // Token streams are not `Send`: each thread builds its own and hands back text. The order of
    // `files` is fixed whatever the threads do.
    let first_half = || -> Result<Vec<GeneratedFile>> {
        let mut sources: Vec<(PathBuf, TokenStream)> = vec![
            ("src/lib.rs".into(), expand_lib_rs(&ctx)?),
            ("src/models/mod.rs".into(), models::expand_models_mod(&ctx)),
            ("src/models/types.rs".into(), models::expand_types_rs(&ctx)?),
            ("src/models/enums.rs".into(), enums::expand_enums_rs(&ctx)?),
        ];
        if let Some(headers) = headers::expand_headers_rs(&ctx)? {
            sources.push(("src/models/headers.rs".into(), headers));
        }
        sources.push(("src/clients/mod.rs".into(), client::expand_clients_mod(&ctx)));
        sources.push(("src/fake/mod.rs".into(), fakes::expand_fake_mod(&ctx)?));
        let mut files = sources.into_iter().map(|(path, tokens)| format_file(&ctx, path, tokens)).collect::<Result<Vec<_>>>()?;
        // The support modules are source already, copied rather than formatted; they follow lib.rs.
        files.splice(1..1, runtime::expand_runtime_files(&ctx));
        Ok(files)
    };
    let second_half = || -> Result<Vec<GeneratedFile>> {
        ctx.api
            .clients
            .clients
            .iter()
            .map(|client| {
                let tokens = operations::expand_client_file(&ctx, client)?;
                format_file(&ctx, format!("src/clients/{}.rs", client.module).into(), tokens)
            })
            .collect()
    };
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(second_half);
        let first = first_half();
        (first, second.join())
    });
    files.extend(first?);
    match second {
        Ok(second) => files.extend(second?),
        Err(_) => return Err(Error::unsupported(api.title_location.clone(), "the emitter's worker thread panicked (a generator bug)")),
    }
    if let Some(plan) = crate::plan::plan_tests(api)? {
        files.extend(examples::expand_example_tests(&ctx, &plan)?);
        files.extend(fake_tests::expand_fake_tests(&ctx, &plan)?);
    }
    files.extend(redaction_tests::expand_redaction_tests(&ctx)?);
    Ok(files)
}

/// The emitted code of the named types alone, formatted (as they appear in `src/models/`): for
/// snapshots and reviews of single types.
pub fn expand_types(api: &Api, options: &Options, names: &[&str]) -> Result<String> {
    let ctx = Context::new(api, options)?;
    let mut items = Vec::new();
    for name in names {
        let def = ctx.type_def(name, &api.title_location)?;
        items.push(models::expand_type(&ctx, def)?);
    }
    let file: syn::File = syn::parse2(quote! { #(#items)* }).map_err(|e| {
        Error::unsupported(api.title_location.clone(), format!("the emitter produced Rust that does not parse ({e}); this is a generator bug"))
    })?;
    Ok(space_items(&prettyplease::unparse(&file)))
}

/// The `@generated` line every Rust file starts with.
fn preamble(command: &str, comment: &str) -> String {
    format!("{comment} @generated by `{command}`. Do not edit by hand: change the spec or the generator and regenerate.\n")
}

/// Formats one Rust file with prettyplease (never rustfmt: the bytes must not depend on the
/// machine) and prepends the preamble.
pub(crate) fn format_rust(ctx: &Context<'_>, path: &std::path::Path, tokens: TokenStream) -> Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Error::unsupported(
            ctx.api.title_location.clone(),
            format!("the emitter produced Rust for {} that does not parse ({e}); this is a generator bug", path.display()),
        )
    })?;
    // Literals escape hidden characters (proc-macro2 writes `\u{202e}`) and docs show them
    // (`doc_text`), so one left here is in a comment: shown too, whatever emitted it.
    let code = space_items(&prettyplease::unparse(&file));
    Ok(format!("{}\n{}", preamble(&ctx.options.command, "//"), show_hidden(&code)))
}

/// Puts a blank line between consecutive items, as rustfmt keeps them in hand-written code.
///
/// prettyplease prints from tokens, which carry no blank lines, so its output runs every item
/// into the next; in a committed crate that people read and review, items are separated. A line
/// that starts an item (its docs, attributes or keyword) directly after a line closing the
/// previous item (`}` or `;`) at the same indentation gets a blank line before it, and so does
/// the first line after the module docs. Only
/// whitespace changes, so the result is still prettyplease's, byte for byte on every machine.
fn space_items(code: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "///", "#[", "pub ", "pub(", "fn ", "async fn ", "impl ", "impl<", "struct ", "enum ", "mod ",
        "const ", "static ", "type ", "trait ", "unsafe impl",
    ];
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut previous: Option<&str> = None;
    for line in code.lines() {
        if let Some(previous) = previous {
            let indent = line.len() - line.trim_start().len();
            let previous_indent = previous.len() - previous.trim_start().len();
            let comment = previous.trim_start().starts_with("//");
            let closes = !comment && (matches!(previous.trim_start(), "}" | "};") || previous.ends_with(';'));
            let opens = ITEM_STARTS.iter().any(|start| line.trim_start().starts_with(start));
            let after_module_docs = previous.starts_with("//!") && !line.starts_with("//!");
            if (closes && opens && indent == previous_indent) || after_module_docs {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

/// `format_rust` into a `GeneratedFile` at `path`.
fn format_file(ctx: &Context<'_>, path: PathBuf, tokens: TokenStream) -> Result<GeneratedFile> {
    Ok(GeneratedFile { contents: format_rust(ctx, &path, tokens)?, path })
}

/// `src/lib.rs`: the crate docs (the README, so its example is a doc-test), modules and re-exports.
fn expand_lib_rs(ctx: &Context<'_>) -> Result<TokenStream> {
    let root = ctx.root_client()?;
    let options = quote::format_ident!("{}Options", root);
    let complex = if ctx.facts.complex_types() { quote! { #![allow(clippy::type_complexity)] } } else { quote! {} };
    let multipart = if ctx.uses_multipart() { quote! { mod multipart; } } else { quote! {} };
    Ok(quote! {
        #![doc = include_str!("../README.md")]
        #![deny(missing_docs)]
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #complex

        pub mod clients;
        pub mod codec;
        pub mod error;
        #[cfg(feature = "fake")]
        #[cfg_attr(docsrs, doc(cfg(feature = "fake")))]
        pub mod fake;
        pub mod lro;
        pub mod models;
        #multipart
        mod object;
        pub mod patch;
        mod request;

        pub use clients::{#root, #options};
        pub use error::{service_error, ServiceError};
    })
}

/// Everything the expanders share.
pub(crate) struct Context<'a> {
    /// The IR.
    pub api: &'a Api,
    /// The options.
    pub options: &'a Options,
    /// Which types have defaults and which fields are boxed, decided once.
    pub facts: types::TypeFacts,
}

impl<'a> Context<'a> {
    fn new(api: &'a Api, options: &'a Options) -> Result<Self> {
        Ok(Self { api, options, facts: types::TypeFacts::new(api) })
    }

    /// Whether some method sends a `multipart/form-data` body: only then does the crate carry the
    /// `multipart` support module (`runtime::MULTIPART`).
    pub(crate) fn uses_multipart(&self) -> bool {
        self.api.clients.clients.iter().flat_map(|c| &c.methods).any(|m| m.body.as_ref().is_some_and(|b| b.kind == BodyKind::Multipart))
    }

    /// The operation a method calls.
    pub fn operation(&self, method: &Method) -> &'a Operation {
        &self.api.operations[method.operation]
    }

    /// The named type `name`, or a located error when the IR does not define it.
    pub fn type_def(&self, name: &str, used_at: &Location) -> Result<&'a TypeDef> {
        self.api
            .types
            .get(name)
            .ok_or_else(|| Error::invalid(used_at.clone(), format!("a defined type, found a reference to unknown type `{name}`")))
    }

    /// What `ty` names once aliases are followed.
    pub fn resolve_alias<'t>(&self, ty: &'t TypeRef) -> &'t TypeRef
    where
        'a: 't,
    {
        crate::rust_types::resolve_alias(&self.api.types, ty)
    }

    /// The root client's type name as an identifier.
    pub fn root_client(&self) -> Result<Ident> {
        ident(&self.api.clients.root.name, &self.api.title_location)
    }

    /// The root client's options type (`IotHubClientOptions`).
    pub fn root_options(&self) -> Result<Ident> {
        ident(&self.api.clients.root.options_type, &self.api.title_location)
    }
}

/// The indefinite article for a type name in docs: `an` before a vowel (`an IotHubClient`),
/// `a` otherwise.
pub(crate) fn article(name: &str) -> &'static str {
    if name.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}

/// Rust keywords, which are not plain identifiers.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super",
    "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while",
    "yield",
];

/// An identifier, or a located error when `name` is not a valid Rust identifier (names come from
/// `names`, so this guards against a name the sanitizer let through rather than panicking in
/// `Ident::new`). Checked by hand: this runs for every name, and parsing each with syn is slow.
pub(crate) fn ident(name: &str, location: &Location) -> Result<Ident> {
    let mut chars = name.chars();
    let valid = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => chars.all(|c| c.is_ascii_alphanumeric() || c == '_'),
        _ => false,
    };
    if !valid || name == "_" || KEYWORDS.contains(&name) {
        return Err(Error::unsupported(location.clone(), format!("`{name}` is not a valid Rust identifier")));
    }
    Ok(Ident::new(name, proc_macro2::Span::call_site()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn items_are_separated_by_a_blank_line_and_nothing_else_moves() {
        let code = "//! M.\nuse a::b;\nuse c::d;\n/// A.\npub struct A {\n    x: u8,\n}\nimpl A {\n    fn f() {\n        let x = 1;\n        g(x);\n    }\n    /// G.\n    fn g() {}\n}\nconst C: u8 = 1;\n#[derive(Debug)]\nstruct B;\n";
        let spaced = super::space_items(code);
        assert_eq!(
            spaced,
            "//! M.\n\nuse a::b;\nuse c::d;\n\n/// A.\npub struct A {\n    x: u8,\n}\n\nimpl A {\n    fn f() {\n        let x = 1;\n        g(x);\n    }\n\n    /// G.\n    fn g() {}\n}\n\nconst C: u8 = 1;\n\n#[derive(Debug)]\nstruct B;\n"
        );
        assert_eq!(spaced.replace("\n\n", "\n"), code, "only blank lines are added");
    }

    use super::*;


    #[test]
    fn articles_follow_the_first_letter() {
        assert_eq!(article("IotHubClient"), "an");
        assert_eq!(article("JobResponse"), "a");
    }

    #[test]
    fn ident_refuses_what_is_not_an_identifier() {
        let at = Location::file("x.json");
        assert!(ident("job_id", &at).is_ok());
        assert!(ident("type", &at).is_err());
        assert!(ident("a-b", &at).is_err());
    }
}
