//! Compares two APIs (an old and a new api-version of one spec) and says what changes for users
//! of the generated Rust crate: each change classified as breaking, an addition, or compatible,
//! with the reason, and the semver bump the whole implies.
//!
//! What the crate exposes is read, never decided again: the clients, their accessors, each
//! method's name, options type, positional arguments and options fields, what it returns (a
//! `Response`, a `Pager` or a `Poller`, of the types as emitted) and which operations are
//! refused all come from each API's client model (`Api::clients`, decided by
//! `lower::clients`, printed by `expand`); how a spec type maps to a Rust type and which fields
//! are `Option`s come from `rust_types`, the mapping `expand` uses. So the report says what the
//! crate changes, and cannot disagree with it. Both APIs must be as `crate::model` returns them,
//! with their client model lowered.
//!
//! One module per concern: `clients` (the api-version, the endpoint, the clients and their
//! parameters), `params` (how parameters are passed, at the client and at the methods),
//! `operations` (each operation's method, or its refusal), `returns` (what a method returns and
//! the statuses it accepts), `types` (models, fields, enum values) and `render` (the Markdown
//! report).
//!
//! Pure and deterministic: changes come in a fixed order (api, clients, client parameters,
//! operations by operationId, types by Rust name; within each, in the new spec's order),
//! whatever order the specs list things in.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::ir::{Api, Primitive, TypeDef, TypeRef};
use crate::rust_types::rust_text;

mod clients;
mod operations;
mod params;
mod render;
mod returns;
mod types;

pub use render::{render_change, render_markdown};

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The API's title (the new spec's).
    pub title: String,
    /// The old api-version.
    pub old_version: String,
    /// The new api-version.
    pub new_version: String,
    /// Every change, in the order described in the module docs.
    pub changes: Vec<Change>,
    /// The semver bump the changes imply.
    pub bump: Bump,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What kind of thing changed.
    pub area: Area,
    /// Which one: `IotHubResource_GetJob`, `JobResponse`, `JobResponse.status`, `JobStatus::Running`.
    pub subject: String,
    /// What happened to it, as a short phrase: `added`, `removed`, `type changed`, ...
    pub change: String,
    /// The old and new values, when that helps (`` `JobStatus` → `String` ``); empty otherwise.
    pub detail: String,
    /// How it affects users of the generated crate.
    pub impact: Impact,
    /// Why it is classified so, for people.
    pub reason: String,
}

/// What kind of thing a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// The API as a whole (api-version, endpoint).
    Api,
    /// A client: its type, options type and accessor.
    Client,
    /// A client-level parameter (constructor argument or client option).
    ClientParameter,
    /// An operation (a client method).
    Operation,
    /// A named type.
    Type,
    /// A field of an object type.
    Field,
    /// A value of an enum.
    EnumValue,
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Area::Api => "api",
            Area::Client => "client",
            Area::ClientParameter => "client parameter",
            Area::Operation => "operation",
            Area::Type => "type",
            Area::Field => "field",
            Area::EnumValue => "enum value",
        })
    }
}

/// How a change affects users of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Code that compiled and worked against the old crate may not compile, or may behave
    /// differently, against the new one.
    Breaking,
    /// New API surface; existing code is unaffected.
    Addition,
    /// Neither: the Rust API is unchanged (what goes over the wire, docs, defaults may differ).
    Compatible,
}

/// The semver bump a set of changes implies, smallest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Only compatible changes.
    Patch,
    /// Additions, nothing breaking.
    Minor,
    /// At least one breaking change.
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// Compares `old` with `new` (each as `crate::model` returns it, client model included).
pub fn diff_apis(old: &Api, new: &Api) -> Report {
    let mut out = Changes { list: Vec::new(), old, new };
    clients::diff_api(&mut out);
    clients::diff_clients(&mut out);
    clients::diff_client_parameters(&mut out);
    operations::diff_operations(&mut out);
    types::diff_types(old, new, &mut out);
    let changes = out.list;
    let bump = changes
        .iter()
        .map(|c| match c.impact {
            Impact::Breaking => Bump::Major,
            Impact::Addition => Bump::Minor,
            Impact::Compatible => Bump::Patch,
        })
        .max()
        .unwrap_or(Bump::None);
    Report {
        title: new.title.clone(),
        old_version: old.api_version.clone(),
        new_version: new.api_version.clone(),
        changes,
        bump,
    }
}

/// The changes found so far, with both APIs at hand.
struct Changes<'a> {
    list: Vec<Change>,
    old: &'a Api,
    new: &'a Api,
}

impl Changes<'_> {
    fn push(
        &mut self,
        area: Area,
        subject: impl Into<String>,
        change: impl Into<String>,
        detail: impl Into<String>,
        impact: Impact,
        reason: impl Into<String>,
    ) {
        self.list.push(Change {
            area,
            subject: subject.into(),
            change: change.into(),
            detail: detail.into(),
            impact,
            reason: reason.into(),
        });
    }
}

/// `` `old` → `new` ``, for details.
fn arrow(old: impl fmt::Display, new: impl fmt::Display) -> String {
    format!("`{old}` → `{new}`")
}

/// A JSON value for details; `none` when absent.
fn json(v: &Option<serde_json::Value>) -> String {
    v.as_ref().map(|v| v.to_string()).unwrap_or_else(|| "none".into())
}

/// Reports a changed type at a use site: breaking when the Rust type differs, compatible when
/// only the wire format does (`string` → `arm-id`, both `String`).
fn diff_type_use(area: Area, subject: &str, change: &str, old: &TypeRef, new: &TypeRef, out: &mut Changes<'_>) {
    if old == new {
        return;
    }
    let (ro, rn) = (rust_shape(&out.old.types, old), rust_shape(&out.new.types, new));
    if ro != rn {
        out.push(
            area,
            subject,
            change,
            arrow(spec_type(old), spec_type(new)),
            Impact::Breaking,
            format!("the Rust type changes from `{ro}` to `{rn}`"),
        );
    } else {
        out.push(
            area,
            subject,
            change,
            arrow(spec_type(old), spec_type(new)),
            Impact::Compatible,
            format!("only the wire format changes; the Rust type stays `{rn}`"),
        );
    }
}

/// The Rust type `expand` emits for `ty`, as text, aliases seen through (the one mapping,
/// `rust_types`).
fn rust_shape(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> String {
    rust_text(types, ty)
}

/// A wire value (an enum value, a constant) as written: a string without its quotes.
fn wire(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A type as the spec says it, for reports: `string`, `date-time`, `array<JobResponse>`.
fn spec_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => spec_primitive(p),
        TypeRef::Array(item) => format!("array<{}>", spec_type(item)),
        TypeRef::Map(value) => format!("map<{}>", spec_type(value)),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Any => "any".into(),
        TypeRef::Nullable(inner) => format!("{} or null", spec_type(inner)),
    }
}

/// A primitive as the spec says it: its format (`date-time`), or `string (<format>)` for a
/// format the generator does not know.
fn spec_primitive(p: &Primitive) -> String {
    match p {
        Primitive::UnknownFormat(f) => format!("string ({f})"),
        other => serde_json::to_value(other)
            .ok()
            .and_then(|v| v.as_str().map(|s| s.replace('_', "-")))
            .unwrap_or_else(|| format!("{other:?}")),
    }
}

/// Builders shared by the tests of every part of the diff.
#[cfg(test)]
mod testing {
    use super::{Change, Report};
    use crate::ir::testing::{self as ir};
    use crate::ir::{Api, HttpMethod, Operation, ParamLocation, Parameter, Primitive, TypeRef};

    /// An API with a client-level `subscriptionId`.
    pub(super) fn api(version: &str) -> Api {
        let mut api = ir::api(version);
        let mut subscription = param("subscriptionId", true);
        subscription.client_level = true;
        api.client_parameters.push(subscription);
        api
    }

    /// A string path parameter.
    pub(super) fn param(name: &str, required: bool) -> Parameter {
        ir::parameter(name, ParamLocation::Path, required, TypeRef::Primitive(Primitive::String))
    }

    /// A `GET` answering 200 with a `Job`, failing with an `ErrorDetails`.
    pub(super) fn op(id: &str, path: &str) -> Operation {
        let mut op = ir::operation(id, HttpMethod::Get, path);
        op.responses.push(ir::response(200, Some(TypeRef::Named("Job".into()))));
        op.error = Some(TypeRef::Named("ErrorDetails".into()));
        op
    }

    /// `api` with its client model lowered, as `crate::model` returns it.
    pub(super) fn modelled(api: &Api) -> Api {
        let mut api = api.clone();
        api.clients = crate::lower::lower_client_model(&api).unwrap_or_else(|e| panic!("{e}"));
        api
    }

    /// The report from `old` to `new`, each with its client model lowered first.
    pub(super) fn diff(old: &Api, new: &Api) -> Report {
        super::diff_apis(&modelled(old), &modelled(new))
    }

    /// The change of `subject` named `change`; the test fails when there is none.
    pub(super) fn find<'a>(report: &'a Report, subject: &str, change: &str) -> &'a Change {
        report
            .changes
            .iter()
            .find(|c| c.subject == subject && c.change == change)
            .unwrap_or_else(|| panic!("no `{change}` for `{subject}` in {:#?}", report.changes))
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{api, diff, op};
    use super::*;
    use crate::ir::testing::{field, object};

    #[test]
    fn identical_apis_have_no_changes() {
        let mut a = api("1");
        a.operations.push(op("Jobs_Get", "/jobs/{id}"));
        a.types.extend([object("Job", vec![field("id", TypeRef::Primitive(Primitive::String), false, true)])]);
        let report = diff(&a, &a.clone());
        assert!(report.changes.is_empty(), "{:#?}", report.changes);
        assert_eq!(report.bump, Bump::None);
    }

    #[test]
    fn bump_is_the_largest_impact() {
        let old = api("1");
        let mut new = api("1");
        new.types.extend([object("Fresh", vec![])]);
        assert_eq!(diff(&old, &new).bump, Bump::Minor);
        let mut new = api("1");
        new.endpoint = Some("https://management.usgovcloudapi.net".into());
        let report = diff(&old, &new);
        assert_eq!(report.bump, Bump::Patch);
        let md = render_markdown(&report);
        assert!(md.trim_end().ends_with("Implied bump: **patch** (no change to the Rust API)."), "{md}");
    }
}
