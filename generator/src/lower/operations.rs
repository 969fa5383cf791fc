//! Paths to operations: identity, parameters (with AutoRest's client/method placement), the
//! request body, responses, errors, paging and long-running behaviour.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    Header, MediaType, Operation as SpecOperation, Parameter as SpecParameter, ParameterSchemaOrContent, QueryStyle,
    ReferenceOr, RequestBody as SpecRequestBody, Response as SpecResponse, StatusCode as SpecStatusCode,
};
use serde_json::Value;

use super::schema::SchemaView;
use super::types::SchemaUse;
use super::{ext_flag, ext_str, join, Lowerer};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::ir::{
    BodyKind, CollectionFormat, FinalStateVia, HttpMethod, LongRunning, Operation, Pageable, ParamLocation, Parameter,
    Primitive, RequestBody, Response, ResponseHeader, StatusCode, TypeRef,
};
use crate::load::SourceVersion;
use crate::names;

/// The HTTP methods of a path item, in the IR's order.
const METHODS: [(&str, HttpMethod); 8] = [
    ("get", HttpMethod::Get),
    ("put", HttpMethod::Put),
    ("post", HttpMethod::Post),
    ("delete", HttpMethod::Delete),
    ("options", HttpMethod::Options),
    ("head", HttpMethod::Head),
    ("patch", HttpMethod::Patch),
    ("trace", HttpMethod::Trace),
];

/// A parameter and the pointer of the place it is used (for errors about that use).
struct Used {
    /// The lowered parameter.
    parameter: Parameter,
    /// Where the operation or path item lists it.
    pointer: String,
}

/// Whether a media type carries JSON.
fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence == "text/json"
}

/// The media type a body is read or written as: the first JSON one, else the first.
fn pick_content(content: &IndexMap<String, MediaType>) -> Option<(&String, &MediaType)> {
    content.iter().find(|(media_type, _)| is_json(media_type)).or_else(|| content.first())
}

/// The `{variables}` of a path template, in order; `None` when a `{` is not closed.
fn template_variables(path: &str) -> Option<Vec<&str>> {
    path.split('{').skip(1).map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

impl<'a> Lowerer<'a> {
    /// Lowers every operation, in spec order, and collects the client-level parameters.
    pub(super) fn lower_operations(&mut self) -> Result<Vec<Operation>> {
        let mut operations: Vec<Operation> = Vec::new();
        let mut first_seen: BTreeMap<String, Location> = BTreeMap::new();
        for (path, item) in &self.document().paths.paths {
            let item_pointer = join("/paths", path);
            let ReferenceOr::Item(item) = item else {
                return Err(Error::unsupported(self.locate(&item_pointer), "a path item that is a $ref"));
            };
            let ops = [&item.get, &item.put, &item.post, &item.delete, &item.options, &item.head, &item.patch, &item.trace];
            for ((method_name, method), op) in METHODS.iter().zip(ops) {
                let Some(op) = op else { continue };
                let pointer = format!("{item_pointer}/{method_name}");
                let operation = self.lower_operation(path, *method, op, &item.parameters, &item_pointer, &pointer)?;
                if let Some(first) = first_seen.get(&operation.id) {
                    return Err(Error::new(
                        ErrorKind::DuplicateOperationId,
                        operation.location,
                        format!("operationId `{}` is already used by the operation at {first}", operation.id),
                    ));
                }
                first_seen.insert(operation.id.clone(), operation.location.clone());
                operations.push(operation);
            }
        }
        Ok(operations)
    }

    /// Lowers one operation.
    fn lower_operation(
        &mut self,
        path: &str,
        method: HttpMethod,
        op: &'a SpecOperation,
        item_parameters: &'a [ReferenceOr<SpecParameter>],
        item_pointer: &str,
        pointer: &str,
    ) -> Result<Operation> {
        let location = self.locate(pointer);
        let Some(id) = op.operation_id.clone() else {
            return Err(Error::new(
                ErrorKind::MissingOperationId,
                location,
                "the operation has no operationId; expected one (`Group_Method`) on every operation",
            ));
        };
        let (group, method_name) = match id.split_once('_') {
            Some((group, rest)) => (Some(group.to_string()), names::snake(rest)),
            None => (None, names::snake(&id)),
        };
        let op_name = names::pascal(&id);

        let mut used: Vec<Used> = Vec::new();
        let sources = [(item_parameters, item_pointer), (op.parameters.as_slice(), pointer)];
        for (parameters, at) in sources {
            for (i, parameter) in parameters.iter().enumerate() {
                let at = format!("{at}/parameters/{i}");
                let parameter = self.lower_parameter_use(parameter, &op_name, &at)?;
                let same = |u: &&mut Used| u.parameter.name == parameter.name && u.parameter.location == parameter.location;
                match used.iter_mut().find(same) {
                    Some(existing) => *existing = Used { parameter, pointer: at },
                    None => used.push(Used { parameter, pointer: at }),
                }
            }
        }
        self.check_template(path, &used, pointer)?;
        // The host template's method-level variables, before or after the operation's own.
        let (host, last) = &self.host_parameters;
        let host: Vec<Used> = host
            .iter()
            .map(|p| Used { parameter: p.clone(), pointer: String::from("/x-ms-parameterized-host/parameters") })
            .collect();
        if *last {
            used.extend(host);
        } else {
            used.splice(0..0, host);
        }
        for u in &used {
            let p = &u.parameter;
            if p.client_level && !self.client_parameters.iter().any(|c| c.name == p.name && c.location == p.location) {
                self.client_parameters.push(p.clone());
            }
        }

        let body = match &op.request_body {
            Some(body) => Some(self.lower_body(body, &op_name, &format!("{pointer}/requestBody"))?),
            None => None,
        };
        let consumes = match &op.request_body {
            Some(ReferenceOr::Item(body)) => body.content.keys().cloned().collect(),
            Some(ReferenceOr::Reference { reference }) => self
                .request_body(reference, pointer)
                .map(|(_, b)| b.content.keys().cloned().collect())
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let (responses, produces) = self.lower_responses(op, &op_name, pointer)?;
        let error = self.error_type(&responses);

        Ok(Operation {
            id,
            group,
            name: method_name,
            method,
            path: path.to_string(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            deprecated: op.deprecated,
            parameters: used.into_iter().map(|u| u.parameter).collect(),
            body,
            consumes,
            produces,
            responses,
            error,
            pageable: self.pageable(&op.extensions, pointer)?,
            long_running: self.long_running(&op.extensions, pointer)?,
            examples: self.lower_examples(&op.extensions, pointer)?,
            location,
        })
    }

    /// Every path parameter is in the template, and every template variable has a parameter.
    fn check_template(&self, path: &str, used: &[Used], pointer: &str) -> Result<()> {
        let Some(variables) = template_variables(path) else {
            return Err(Error::invalid(
                self.locate(&join("/paths", path)),
                format!("a path template whose every `{{` is closed by a `}}`, found `{path}`"),
            ));
        };
        for u in used.iter().filter(|u| u.parameter.location == ParamLocation::Path) {
            if !variables.contains(&u.parameter.name.as_str()) {
                return Err(Error::new(
                    ErrorKind::PathParameterNotInTemplate,
                    self.locate(&u.pointer),
                    format!("expected path parameter `{}` to appear in the path template `{path}`", u.parameter.name),
                ));
            }
        }
        for variable in variables {
            if !used.iter().any(|u| u.parameter.location == ParamLocation::Path && u.parameter.name == variable) {
                return Err(Error::new(
                    ErrorKind::PathParameterNotInTemplate,
                    self.locate(pointer),
                    format!("expected a path parameter named `{variable}` for the template `{path}`"),
                ));
            }
        }
        Ok(())
    }

    /// Lowers a parameter as listed by an operation: a global one (a `$ref`) once, cached.
    pub(super) fn lower_parameter_use(&mut self, parameter: &'a ReferenceOr<SpecParameter>, op_name: &str, at: &str) -> Result<Parameter> {
        match parameter {
            ReferenceOr::Item(parameter) => {
                let hint = format!("{op_name}{}", names::pascal(&parameter.parameter_data_ref().name));
                self.lower_parameter(parameter, false, &hint, at, at)
            }
            ReferenceOr::Reference { reference } => {
                let parameters = self.document().components.as_ref().map(|c| &c.parameters);
                let (key, entry) = self.component_key(reference, "parameters", parameters, at)?;
                if let Some(lowered) = self.global_parameters.get(key) {
                    return Ok(lowered.clone());
                }
                let declared = join("/components/parameters", key);
                let ReferenceOr::Item(parameter) = entry else {
                    return Err(Error::unsupported(self.locate(&declared), "a global parameter that is itself a $ref"));
                };
                let hint = names::pascal(&parameter.parameter_data_ref().name);
                let lowered = self.lower_parameter(parameter, true, &hint, &declared, at)?;
                self.global_parameters.insert(key.to_string(), lowered.clone());
                Ok(lowered)
            }
        }
    }

    /// Lowers a parameter declared at `declared`; `global` when it came from
    /// `components.parameters`.
    fn lower_parameter(&mut self, parameter: &'a SpecParameter, global: bool, hint: &str, declared: &str, at: &str) -> Result<Parameter> {
        let data = parameter.parameter_data_ref();
        let (location, style_format) = match parameter {
            SpecParameter::Query { style, parameter_data, .. } => {
                let format = match style {
                    QueryStyle::Form if parameter_data.explode == Some(false) => CollectionFormat::Csv,
                    QueryStyle::Form => CollectionFormat::Multi,
                    QueryStyle::SpaceDelimited => CollectionFormat::Ssv,
                    QueryStyle::PipeDelimited => CollectionFormat::Pipes,
                    QueryStyle::DeepObject => CollectionFormat::Csv,
                };
                (ParamLocation::Query, format)
            }
            SpecParameter::Header { .. } => (ParamLocation::Header, CollectionFormat::Csv),
            SpecParameter::Path { .. } => (ParamLocation::Path, CollectionFormat::Csv),
            SpecParameter::Cookie { .. } => (ParamLocation::Cookie, CollectionFormat::Csv),
        };
        let schema: SchemaUse<'a> = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => schema.into(),
            ParameterSchemaOrContent::Content(content) => {
                let Some((_, schema)) = pick_content(content).and_then(|(t, m)| m.schema.as_ref().map(|s| (t, s))) else {
                    return Err(Error::invalid(self.locate(declared), "a parameter `schema` (or `content` with a schema)"));
                };
                self.record(declared, "a parameter serialized with `content` (sent as its schema)");
                schema.into()
            }
        };
        let schema_at = format!("{declared}/schema");
        let view = match schema {
            SchemaUse::Inline(schema) => Some(SchemaView::new(schema)),
            SchemaUse::Ref(_) => None,
        };
        // The api-version: `x-ms-api-version` says so either way, else a query parameter named so.
        let is_api_version = match data.extensions.get("x-ms-api-version").and_then(Value::as_bool) {
            Some(flag) => flag,
            None => data.name == "api-version" && location == ParamLocation::Query,
        };
        // AutoRest's constant: a required enum of one value that is not modelled as a string. An
        // operation's own `api-version` of one value pins that operation to it (as Key Vault's
        // `Vaults_List` is to 2015-11-01), however its enum is modelled.
        let constant = view.as_ref().filter(|_| data.required).and_then(|view| super::types::constant_of(view, is_api_version));
        let ty = match (&view, &constant) {
            (Some(view), Some(_)) => TypeRef::Primitive(match view.typ {
                Some("integer") => Primitive::Int64,
                Some("number") => Primitive::Float64,
                Some("boolean") => Primitive::Bool,
                _ => Primitive::String,
            }),
            (Some(view), None) => self.lower_inline(view, hint, &schema_at)?,
            (None, _) => self.lower_use(schema, hint, &schema_at)?,
        };
        let placement = ext_str(&data.extensions, "x-ms-parameter-location");
        // api-version is the client's to send whatever the spec's layout, unless a spec says
        // otherwise explicitly; every other parameter follows AutoRest's rule.
        let client_level = match placement {
            Some("client") => true,
            Some("method") => false,
            _ => global || is_api_version,
        };
        let collection_format = if matches!(ty, TypeRef::Array(_)) {
            Some(match ext_str(&data.extensions, "x-ms-collection-format") {
                Some(format) => self.collection_format(format, at)?,
                None if self.spec.source_version == SourceVersion::Swagger2 => CollectionFormat::Csv,
                None => style_format,
            })
        } else {
            None
        };
        let default = if is_api_version {
            Some(Value::String(self.document().info.version.clone()))
        } else {
            view.as_ref().and_then(|v| v.data.default.clone())
        };
        for extension in ["x-ms-parameter-grouping", "x-ms-header-collection-prefix"] {
            if data.extensions.contains_key(extension) {
                self.record(&join(declared, extension), format!("{extension} (the parameter is kept as it is)"));
            }
        }
        let client_name = ext_str(&data.extensions, "x-ms-client-name");
        Ok(Parameter {
            name: data.name.clone(),
            rust_name: names::snake(client_name.unwrap_or(&data.name)),
            location,
            required: data.required || location == ParamLocation::Path,
            ty,
            description: data.description.clone(),
            skip_url_encoding: ext_flag(&data.extensions, "x-ms-skip-url-encoding"),
            client_level,
            api_version: is_api_version,
            client_default: data.extensions.get("x-ms-client-default").cloned(),
            default,
            constant,
            collection_format,
            location_in_spec: self.locate(declared),
        })
    }

    /// Reads a Swagger `collectionFormat`.
    fn collection_format(&self, format: &str, at: &str) -> Result<CollectionFormat> {
        Ok(match format {
            "csv" => CollectionFormat::Csv,
            "ssv" => CollectionFormat::Ssv,
            "tsv" => CollectionFormat::Tsv,
            "pipes" => CollectionFormat::Pipes,
            "multi" => CollectionFormat::Multi,
            other => {
                return Err(Error::invalid(
                    self.locate(&format!("{at}/x-ms-collection-format")),
                    format!("a collection format (csv, ssv, tsv, pipes, multi), found `{other}`"),
                ))
            }
        })
    }

    /// The request body a `$ref` names, and its key in `components.requestBodies`.
    fn request_body(&self, reference: &str, at: &str) -> Result<(&'a str, &'a SpecRequestBody)> {
        let bodies = self.document().components.as_ref().map(|c| &c.request_bodies);
        match self.component_key(reference, "requestBodies", bodies, at)? {
            (key, ReferenceOr::Item(body)) => Ok((key, body)),
            (key, ReferenceOr::Reference { .. }) => Err(Error::unsupported(
                self.locate(&join("/components/requestBodies", key)),
                "a request body that is itself a $ref",
            )),
        }
    }

    /// Lowers the request body.
    fn lower_body(&mut self, body_use: &'a ReferenceOr<SpecRequestBody>, op_name: &str, pointer: &str) -> Result<RequestBody> {
        let (body, at) = match body_use {
            ReferenceOr::Item(body) => (body, pointer.to_string()),
            ReferenceOr::Reference { reference } => {
                let (key, resolved) = self.request_body(reference, pointer)?;
                (resolved, join("/components/requestBodies", key))
            }
        };
        let Some((content_type, media)) = pick_content(&body.content) else {
            return Err(Error::invalid(self.locate(&at), "a request body with at least one media type in `content`"));
        };
        let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        let kind = match essence.as_str() {
            _ if is_json(&essence) => BodyKind::Json,
            "application/x-www-form-urlencoded" => BodyKind::Form,
            "multipart/form-data" => BodyKind::Multipart,
            _ => BodyKind::Binary,
        };
        let schema_at = format!("{at}/content/{}/schema", crate::error::escape_pointer_segment(content_type));
        let constant = match (&media.schema, kind) {
            (Some(schema), BodyKind::Json) if body.required => self.inline_constant(schema.into(), &schema_at)?,
            _ => None,
        };
        let (ty, constant) = match (constant, &media.schema, kind) {
            (Some((value, ty)), _, _) => (ty, Some(value)),
            (None, Some(schema), _) => (self.lower_value_use(schema.into(), &format!("{op_name}Request"), &schema_at)?, None),
            (None, None, BodyKind::Binary) => (TypeRef::Primitive(Primitive::Binary), None),
            (None, None, _) => (TypeRef::Any, None),
        };
        // AutoRest puts a global body parameter on the client unless it says `method`, as it does
        // any global parameter; the generator keeps every body a method argument, and says so.
        let global = matches!(body_use, ReferenceOr::Reference { .. });
        let client_level = match ext_str(&body.extensions, "x-ms-parameter-location") {
            Some(placement) => placement == "client",
            None => global,
        };
        if client_level {
            self.record(&at, "a client-level body parameter (kept as a method argument)");
        }
        let name = ext_str(&body.extensions, "x-ms-requestBody-name").unwrap_or("body").to_string();
        let client_name = ext_str(&body.extensions, "x-ms-client-name");
        Ok(RequestBody {
            rust_name: names::snake(client_name.unwrap_or(&name)),
            name,
            required: body.required,
            ty,
            content_type: content_type.clone(),
            kind,
            description: body.description.clone(),
            client_flatten: ext_flag(&body.extensions, "x-ms-client-flatten"),
            constant,
        })
    }

    /// Lowers the responses: codes ascending, then `default`; and the media types produced.
    fn lower_responses(&mut self, op: &'a SpecOperation, op_name: &str, pointer: &str) -> Result<(Vec<Response>, Vec<String>)> {
        let at = format!("{pointer}/responses");
        let mut listed: Vec<(StatusCode, &'a ReferenceOr<SpecResponse>, String)> = Vec::new();
        for (code, response) in &op.responses.responses {
            let response_at = join(&at, &code.to_string());
            match code {
                SpecStatusCode::Code(code) => listed.push((StatusCode::Code(*code), response, response_at)),
                SpecStatusCode::Range(_) => self.record(&response_at, format!("a status code range `{code}` (ignored)")),
            }
        }
        listed.sort_by_key(|(status, _, _)| *status);
        if let Some(default) = &op.responses.default {
            listed.push((StatusCode::Default, default, join(&at, "default")));
        }
        let mut responses = Vec::new();
        let mut produces: Vec<String> = Vec::new();
        for (status, response, response_at) in listed {
            let (response, response_at) = self.resolve_response(response, &response_at)?;
            // `x-ms-error-response` says what a listed code is, either way (a HEAD's 404 that
            // means "absent" is `false`); without it, 4xx and 5xx codes are errors.
            let is_error = match status {
                StatusCode::Default => true,
                StatusCode::Code(code) => match response.extensions.get("x-ms-error-response").and_then(Value::as_bool) {
                    Some(flag) => flag,
                    None => code >= 400,
                },
            };
            for media_type in response.content.keys() {
                if !produces.contains(media_type) {
                    produces.push(media_type.clone());
                }
            }
            let suffix = if is_error { "Error" } else { "Response" };
            let ty = match pick_content(&response.content).and_then(|(t, m)| m.schema.as_ref().map(|s| (t, s))) {
                Some((media_type, schema)) => {
                    let schema_at = format!("{response_at}/content/{}/schema", crate::error::escape_pointer_segment(media_type));
                    // An error's body is read only when there is one: it is never `null`. A
                    // constant reads as the type of its value.
                    let ty = match self.inline_constant(schema.into(), &schema_at)? {
                        Some((_, ty)) => ty,
                        None => self.lower_value_use(schema.into(), &format!("{op_name}{suffix}"), &schema_at)?,
                    };
                    Some(match ty {
                        TypeRef::Nullable(inner) if is_error => *inner,
                        ty => ty,
                    })
                }
                None => None,
            };
            let mut headers = Vec::new();
            for (name, header) in &response.headers {
                let header_at = join(&format!("{response_at}/headers"), name);
                headers.push(self.lower_header(name, header, op_name, &header_at)?);
            }
            responses.push(Response {
                status,
                description: Some(response.description.clone()).filter(|d| !d.is_empty()),
                ty,
                headers,
                is_error,
            });
        }
        Ok((responses, produces))
    }

    /// Resolves a response `$ref` into `components.responses`.
    fn resolve_response(&self, response: &'a ReferenceOr<SpecResponse>, at: &str) -> Result<(&'a SpecResponse, String)> {
        match response {
            ReferenceOr::Item(response) => Ok((response, at.to_string())),
            ReferenceOr::Reference { reference } => {
                let responses = self.document().components.as_ref().map(|c| &c.responses);
                match self.component_key(reference, "responses", responses, at)? {
                    (key, ReferenceOr::Item(response)) => Ok((response, join("/components/responses", key))),
                    (key, ReferenceOr::Reference { .. }) => Err(Error::unsupported(
                        self.locate(&join("/components/responses", key)),
                        "a response that is itself a $ref",
                    )),
                }
            }
        }
    }

    /// Lowers a response header.
    fn lower_header(&mut self, name: &str, header: &'a ReferenceOr<Header>, op_name: &str, at: &str) -> Result<ResponseHeader> {
        let (header, at) = match header {
            ReferenceOr::Item(header) => (header, at.to_string()),
            ReferenceOr::Reference { reference } => {
                let headers = self.document().components.as_ref().map(|c| &c.headers);
                match self.component_key(reference, "headers", headers, at)? {
                    (key, ReferenceOr::Item(header)) => (header, join("/components/headers", key)),
                    (key, ReferenceOr::Reference { .. }) => {
                        return Err(Error::unsupported(
                            self.locate(&join("/components/headers", key)),
                            "a header that is itself a $ref",
                        ))
                    }
                }
            }
        };
        let hint = format!("{op_name}{}", names::pascal(name));
        let ty = match &header.format {
            ParameterSchemaOrContent::Schema(schema) => self.lower_use(schema.into(), &hint, &format!("{at}/schema"))?,
            ParameterSchemaOrContent::Content(_) => {
                self.record(&at, "a header serialized with `content` (kept as a string)");
                TypeRef::Primitive(Primitive::String)
            }
        };
        Ok(ResponseHeader { name: name.to_string(), rust_name: names::snake(name), ty, description: header.description.clone() })
    }

    /// The error body type: `default`'s schema, else the first `x-ms-error-response` one.
    fn error_type(&self, responses: &[Response]) -> Option<TypeRef> {
        let default = responses.iter().find(|r| r.status == StatusCode::Default).and_then(|r| r.ty.clone());
        default.or_else(|| responses.iter().filter(|r| r.is_error).find_map(|r| r.ty.clone()))
    }

    /// `x-ms-pageable`.
    fn pageable(&self, extensions: &IndexMap<String, Value>, pointer: &str) -> Result<Option<Pageable>> {
        let Some(value) = extensions.get("x-ms-pageable") else { return Ok(None) };
        let at = format!("{pointer}/x-ms-pageable");
        let Some(object) = value.as_object() else {
            return Err(Error::invalid(self.locate(&at), "an object with nextLinkName, itemName, operationName"));
        };
        let string = |key: &str| -> Result<Option<String>> {
            match object.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(other) => Err(Error::invalid(self.locate(&format!("{at}/{key}")), format!("a string or null, found {other}"))),
            }
        };
        Ok(Some(Pageable {
            next_link_name: string("nextLinkName")?,
            item_name: string("itemName")?.unwrap_or_else(|| "value".to_string()),
            operation_name: string("operationName")?,
        }))
    }

    /// `x-ms-long-running-operation` and its options.
    fn long_running(&mut self, extensions: &IndexMap<String, Value>, pointer: &str) -> Result<Option<LongRunning>> {
        if !ext_flag(extensions, "x-ms-long-running-operation") {
            return Ok(None);
        }
        let at = format!("{pointer}/x-ms-long-running-operation-options");
        let options = extensions.get("x-ms-long-running-operation-options");
        let final_state_via = match options.and_then(|o| o.get("final-state-via")) {
            None => None,
            Some(value) => match value.as_str() {
                Some("azure-async-operation") => Some(FinalStateVia::AzureAsyncOperation),
                Some("location") => Some(FinalStateVia::Location),
                Some("original-uri") => Some(FinalStateVia::OriginalUri),
                Some("operation-location") => Some(FinalStateVia::OperationLocation),
                _ => {
                    self.record(&format!("{at}/final-state-via"), format!("final-state-via {value} (the ARM default is used)"));
                    None
                }
            },
        };
        let final_state_schema = match options.and_then(|o| o.get("final-state-schema")).and_then(Value::as_str) {
            None => None,
            Some(reference) => {
                let key = reference
                    .strip_prefix("#/components/schemas/")
                    .or_else(|| reference.strip_prefix("#/definitions/"))
                    .map(crate::error::unescape_pointer_segment);
                match key.as_deref().and_then(|key| self.names.component(key)) {
                    Some(name) => Some(TypeRef::Named(name.to_string())),
                    None => {
                        self.record(&format!("{at}/final-state-schema"), format!("final-state-schema `{reference}` (not a local schema; ignored)"));
                        None
                    }
                }
            }
        };
        Ok(Some(LongRunning { final_state_via, final_state_schema }))
    }
}
