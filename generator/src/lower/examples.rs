//! `x-ms-examples`: each entry's file, as the loader found it, read into parameters and
//! responses. A missing or malformed example file is recorded in the IR, never fatal.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::Lowerer;
use crate::error::{Error, Result};
use crate::ir::{Example, ExampleContent, ExampleResponse};
use crate::load::ExampleFile;

/// Reads a parsed example file: `parameters` and `responses` (`{status: {headers, body}}`).
fn read_example(value: &Value) -> ExampleContent {
    let Some(object) = value.as_object() else {
        return ExampleContent::Invalid("the example is not a JSON object".to_string());
    };
    let parameters = match object.get("parameters") {
        Some(Value::Object(parameters)) => parameters.clone(),
        None => Map::new(),
        Some(_) => return ExampleContent::Invalid("`parameters` is not an object".to_string()),
    };
    let Some(Value::Object(listed)) = object.get("responses") else {
        return ExampleContent::Invalid("`responses` is missing or not an object".to_string());
    };
    let mut responses = BTreeMap::new();
    for (status, response) in listed {
        let Some(response) = response.as_object() else {
            return ExampleContent::Invalid(format!("response `{status}` is not an object"));
        };
        let headers = match response.get("headers") {
            Some(Value::Object(headers)) => headers.clone(),
            None => Map::new(),
            Some(_) => return ExampleContent::Invalid(format!("the headers of response `{status}` are not an object")),
        };
        responses.insert(status.clone(), ExampleResponse { headers, body: response.get("body").cloned() });
    }
    ExampleContent::Found { parameters, responses }
}

impl Lowerer<'_> {
    /// Lowers `x-ms-examples` of the operation at `pointer`.
    pub(super) fn lower_examples(&self, extensions: &IndexMap<String, Value>, pointer: &str) -> Result<Vec<Example>> {
        let Some(value) = extensions.get("x-ms-examples") else { return Ok(Vec::new()) };
        let at = format!("{pointer}/x-ms-examples");
        let Some(entries) = value.as_object() else {
            return Err(Error::invalid(self.locate(&at), "an object of example name → {\"$ref\": file}"));
        };
        let mut examples = Vec::new();
        for (name, entry) in entries {
            let Some(file) = entry.get("$ref").and_then(Value::as_str) else {
                return Err(Error::invalid(
                    self.locate(&super::join(&at, name)),
                    "an object with a `$ref` to the example file",
                ));
            };
            let content = match self.spec.example(pointer, file).1 {
                Some(ExampleFile::Found(value)) => read_example(value),
                Some(ExampleFile::Invalid(why)) => ExampleContent::Invalid(why.clone()),
                Some(ExampleFile::Missing) | None => ExampleContent::Missing,
            };
            examples.push(Example { name: name.clone(), file: file.to_string(), content });
        }
        Ok(examples)
    }
}
