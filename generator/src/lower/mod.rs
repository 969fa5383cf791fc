//! Stage 2: a loaded document to the IR (`ir::Api`).
//!
//! The document is an `openapiv3::OpenAPI` whose `$ref`s are all local (`#/components/...`);
//! `LoadedSpec::locate` turns a pointer into it back into the `file#pointer` the spec author
//! wrote, for errors and `Location` fields. One concern per module: `types` (schemas to type
//! definitions), `inherit` (`allOf` bases), `operations` (paths to operations), `examples`
//! (`x-ms-examples`), `naming` (the type-name registry), `schema` (a flat view of openapiv3's
//! schema kinds).

mod aliases;
pub(crate) mod clients;
mod examples;
mod inherit;
mod naming;
mod nesting;
mod operations;
mod schema;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme};
use serde_json::Value;

use crate::error::{escape_pointer_segment, unescape_pointer_segment, Error, Location, Result};
use crate::ir::{Api, ClientModel, Parameter, TypeDef, Unsupported};
use crate::load::LoadedSpec;

/// Lowers a loaded spec into the IR.
pub fn lower_spec(spec: &LoadedSpec) -> Result<Api> {
    let mut lowerer = Lowerer::new(spec);
    if spec.document.extensions.contains_key("x-ms-parameterized-host") {
        lowerer.record("/x-ms-parameterized-host", "x-ms-parameterized-host (the endpoint is not templated)");
    }
    lowerer.lower_components()?;
    let operations = lowerer.lower_operations()?;
    lowerer.link_discriminators();
    lowerer.check_type_depth()?;
    let info = &spec.document.info;
    let mut unsupported = lowerer.unsupported;
    unsupported.sort();
    unsupported.dedup();
    let endpoint = spec.document.servers.first().map(|server| server.url.trim_end_matches('/').to_string());
    let endpoint_pointer = match (&endpoint, spec.source_version) {
        (None, _) => "",
        (Some(_), crate::load::SourceVersion::Swagger2) => "/host",
        (Some(_), _) => "/servers/0/url",
    };
    let mut api = Api {
        title: info.title.clone(),
        description: info.description.clone(),
        api_version: info.version.clone(),
        endpoint,
        endpoint_location: spec.locate(endpoint_pointer),
        title_location: spec.locate("/info/title"),
        oauth2_scopes: oauth2_scopes(&spec.document),
        client_parameters: lowerer.client_parameters,
        operations,
        types: lowerer.types,
        unsupported,
        clients: ClientModel::default(),
    };
    api.clients = clients::lower_clients(&api)?;
    Ok(api)
}

/// The client model of an API whose other parts are lowered (or built by hand, as tests do):
/// what `lower_spec` stores in `Api::clients`.
pub fn lower_client_model(api: &Api) -> Result<ClientModel> {
    clients::lower_clients(api)
}

/// The OAuth2 scopes of every security scheme, in spec order, each once.
fn oauth2_scopes(document: &OpenAPI) -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    let schemes = document.components.iter().flat_map(|components| components.security_schemes.values());
    for scheme in schemes {
        let ReferenceOr::Item(SecurityScheme::OAuth2 { flows, .. }) = scheme else { continue };
        let flow_scopes = [
            flows.implicit.as_ref().map(|f| &f.scopes),
            flows.password.as_ref().map(|f| &f.scopes),
            flows.client_credentials.as_ref().map(|f| &f.scopes),
            flows.authorization_code.as_ref().map(|f| &f.scopes),
        ];
        for scope in flow_scopes.into_iter().flatten().flat_map(|s| s.keys()) {
            if !scopes.contains(scope) {
                scopes.push(scope.clone());
            }
        }
    }
    scopes
}

/// The state of one lowering: what has been named and built so far.
struct Lowerer<'a> {
    /// The spec being lowered.
    spec: &'a LoadedSpec,
    /// Type names given out.
    names: naming::TypeNames,
    /// Type definitions built so far, by Rust name.
    types: BTreeMap<String, TypeDef>,
    /// Component keys whose enum merged into an earlier equal enum: no definition of their own.
    merged: BTreeSet<String>,
    /// Component keys being lowered: met again (through a property of a type that inherits
    /// from one of them), they are named but not lowered twice.
    in_progress: BTreeSet<String>,
    /// Object types (Rust names) with a base that was still being lowered when they were, and
    /// the wire names they require: their inherited fields are filled in once the bases are done.
    deferred_bases: Vec<(String, Vec<String>)>,
    /// OpenAPI 3 `discriminator.mapping` of each root (Rust name): value → component key.
    mappings: BTreeMap<String, Vec<(String, String)>>,
    /// Global parameters already lowered, by component key.
    global_parameters: BTreeMap<String, Parameter>,
    /// Client-level parameters in order of first use.
    client_parameters: Vec<Parameter>,
    /// Constructs recorded but not supported.
    unsupported: Vec<Unsupported>,
}

impl<'a> Lowerer<'a> {
    /// A fresh lowering of `spec`.
    fn new(spec: &'a LoadedSpec) -> Self {
        Self {
            spec,
            names: naming::TypeNames::default(),
            types: BTreeMap::new(),
            merged: BTreeSet::new(),
            in_progress: BTreeSet::new(),
            deferred_bases: Vec::new(),
            mappings: BTreeMap::new(),
            global_parameters: BTreeMap::new(),
            client_parameters: Vec::new(),
            unsupported: Vec::new(),
        }
    }

    /// The document.
    fn document(&self) -> &'a OpenAPI {
        &self.spec.document
    }

    /// Where the piece of the document at `pointer` was written.
    fn locate(&self, pointer: &str) -> Location {
        self.spec.locate(pointer)
    }

    /// Records a construct the generator reads but does not support.
    fn record(&mut self, pointer: &str, construct: impl Into<String>) {
        let location = self.locate(pointer);
        self.unsupported.push(Unsupported { location, construct: construct.into() });
    }

    /// The key named by a local `$ref` into `#/components/<section>/`, checked to exist.
    fn component_key<T>(
        &self,
        reference: &str,
        section: &str,
        entries: Option<&'a indexmap::IndexMap<String, T>>,
        at: &str,
    ) -> Result<(&'a str, &'a T)> {
        let prefix = format!("#/components/{section}/");
        let Some(key) = reference.strip_prefix(&prefix) else {
            return Err(Error::invalid(
                self.locate(at),
                format!("a local reference into #/components/{section}, found `{reference}`"),
            ));
        };
        let key = unescape_pointer_segment(key);
        entries.and_then(|entries| entries.get_key_value(&key)).map(|(k, v)| (k.as_str(), v)).ok_or_else(|| {
            Error::new(
                crate::ErrorKind::RefMissingPointer,
                self.locate(at),
                format!("`{reference}` names no entry of #/components/{section}"),
            )
        })
    }
}

/// `/a/b` extended by one escaped segment.
fn join(pointer: &str, segment: &str) -> String {
    format!("{pointer}/{}", escape_pointer_segment(segment))
}

/// A string extension, if present and a string.
fn ext_str<'v>(extensions: &'v indexmap::IndexMap<String, Value>, name: &str) -> Option<&'v str> {
    extensions.get(name).and_then(Value::as_str)
}

/// A boolean extension that is `true`.
fn ext_flag(extensions: &indexmap::IndexMap<String, Value>, name: &str) -> bool {
    extensions.get(name).and_then(Value::as_bool).unwrap_or(false)
}
