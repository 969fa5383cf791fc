//! Stage 2: a loaded document to the IR (`ir::Api`).
//!
//! The document is an `openapiv3::OpenAPI` whose `$ref`s are all local (`#/components/...`);
//! `LoadedSpec::locate` turns a pointer into it back into the `file#pointer` the spec author
//! wrote, for errors and `Location` fields. One concern per module: `types` (schemas to type
//! definitions), `inherit` (`allOf` bases), `operations` (paths to operations), `examples`
//! (`x-ms-examples`), `naming` (the type-name registry), `schema` (a flat view of openapiv3's
//! schema kinds), `multipart` (which fields of a multipart body's model are file parts).

mod aliases;
pub(crate) mod clients;
mod constants;
mod examples;
mod inherit;
mod multipart;
mod naming;
mod nesting;
mod operations;
mod patch;
mod schema;
mod secrets;
mod tracing;
mod types;
mod usage;

pub(crate) use secrets::secret_name_rule;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme};
use serde_json::Value;

use crate::error::{escape_pointer_segment, unescape_pointer_segment, Error, Location, Result};
use crate::ir::{Api, ClientModel, Parameter, TypeDef, Unsupported};
use crate::load::LoadedSpec;

/// Lowers a loaded spec into the IR.
pub fn lower_spec(spec: &LoadedSpec) -> Result<Api> {
    // Parsed before the lowering, which borrows them for as long as it runs.
    let host = read_host(spec)?;
    let mut lowerer = Lowerer::new(spec);
    lowerer.lower_components()?;
    let host = match &host {
        Some(host) => Some(lowerer.lower_host(host)?),
        None => None,
    };
    let operations = lowerer.lower_operations()?;
    lowerer.link_discriminators();
    lowerer.check_type_depth(&operations)?;
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
        host,
        oauth2_scopes: oauth2_scopes(&spec.document),
        client_parameters: lowerer.client_parameters,
        operations,
        types: lowerer.types,
        unsupported,
        clients: ClientModel::default(),
    };
    patch::mark_patch_models(&mut api);
    multipart::mark_file_parts(&mut api);
    constants::mark_constant_fields(&mut api);
    api.clients = clients::lower_clients(&api)?;
    Ok(api)
}

/// The client model of an API whose other parts are lowered (or built by hand, as tests do):
/// what `lower_spec` stores in `Api::clients`.
pub fn lower_client_model(api: &Api) -> Result<ClientModel> {
    clients::lower_clients(api)
}

/// `x-ms-parameterized-host` as written: the template, its options and its parameters.
struct HostExtension {
    template: String,
    use_scheme_prefix: bool,
    last: bool,
    parameters: Vec<ReferenceOr<openapiv3::Parameter>>,
}

/// The spec's `x-ms-parameterized-host`, if any, checked for shape.
fn read_host(spec: &LoadedSpec) -> Result<Option<HostExtension>> {
    const AT: &str = "/x-ms-parameterized-host";
    let Some(value) = spec.document.extensions.get("x-ms-parameterized-host") else { return Ok(None) };
    let Some(object) = value.as_object() else {
        return Err(Error::invalid(spec.locate(AT), "an object with hostTemplate and parameters"));
    };
    let Some(template) = object.get("hostTemplate").and_then(Value::as_str) else {
        return Err(Error::invalid(spec.locate(&format!("{AT}/hostTemplate")), "a string host template"));
    };
    let flag = |key: &str, default: bool| -> Result<bool> {
        match object.get(key) {
            None | Some(Value::Null) => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(Error::invalid(spec.locate(&format!("{AT}/{key}")), format!("a boolean, found {other}"))),
        }
    };
    let last = match object.get("positionInOperation").and_then(Value::as_str) {
        None | Some("first") => false,
        Some("last") => true,
        Some(other) => {
            return Err(Error::invalid(
                spec.locate(&format!("{AT}/positionInOperation")),
                format!("`first` or `last`, found `{other}`"),
            ))
        }
    };
    let mut parameters = Vec::new();
    let listed = object.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
    for (i, parameter) in listed.into_iter().enumerate() {
        let at = format!("{AT}/parameters/{i}");
        let parameter: ReferenceOr<openapiv3::Parameter> = serde_json::from_value(parameter)
            .map_err(|e| Error::invalid(spec.locate(&at), format!("a parameter ({e})")))?;
        parameters.push(parameter);
    }
    Ok(Some(HostExtension {
        template: template.to_string(),
        use_scheme_prefix: flag("useSchemePrefix", true)?,
        last,
        parameters,
    }))
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
    /// The method-level variables of the host template, which every operation takes, and
    /// whether they follow the operation's own parameters.
    host_parameters: (Vec<Parameter>, bool),
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
            host_parameters: (Vec::new(), false),
            unsupported: Vec::new(),
        }
    }

    /// Lowers `x-ms-parameterized-host`: its variables are parameters of the host; referenced
    /// ones are client settings (unless `x-ms-parameter-location: method`), inline ones method
    /// arguments, as AutoRest places them. Every variable of the template must be one.
    fn lower_host(&mut self, host: &'a HostExtension) -> Result<crate::ir::HostTemplate> {
        const AT: &str = "/x-ms-parameterized-host";
        let mut parameters = Vec::new();
        for (i, parameter) in host.parameters.iter().enumerate() {
            let at = format!("{AT}/parameters/{i}");
            let mut lowered = self.lower_parameter_use(parameter, "Host", &at)?;
            lowered.location = crate::ir::ParamLocation::Host;
            lowered.required = true;
            parameters.push(lowered);
        }
        let variables = host.template.split('{').skip(1).map(|rest| rest.split_once('}').map(|(name, _)| name));
        for variable in variables {
            let Some(variable) = variable else {
                return Err(Error::invalid(self.locate(&format!("{AT}/hostTemplate")), "a host template whose every `{` is closed"));
            };
            if !parameters.iter().any(|p| p.name == variable) {
                return Err(Error::invalid(
                    self.locate(&format!("{AT}/parameters")),
                    format!("a parameter for the host template's `{{{variable}}}`"),
                ));
            }
        }
        for parameter in &parameters {
            if parameter.client_level {
                self.client_parameters.push(parameter.clone());
            }
        }
        let method_level = parameters.iter().filter(|p| !p.client_level).cloned().collect();
        self.host_parameters = (method_level, host.last);
        Ok(crate::ir::HostTemplate {
            template: host.template.clone(),
            scheme_prefix: host.use_scheme_prefix.then(|| "https://".to_string()),
            parameters,
            last: host.last,
            location: self.locate(AT),
        })
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
