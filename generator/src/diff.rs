//! Compares two IRs (an old and a new api-version of one API) and says what changes for users
//! of the generated Rust crate: each change classified as breaking, an addition, or compatible,
//! with the reason, and the semver bump the whole implies.
//!
//! Pure and deterministic: changes come in a fixed order (api, client, operations by
//! operationId, types by Rust name; within each, in the new spec's order), whatever order the
//! specs list things in. The classification follows what `expand` emits: how a spec type maps
//! to a Rust type and which fields are `Option`s come from `expand::types` itself
//! (`rust_shape`, `field_is_plain`), so the two cannot drift apart.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::rust_types::{field_is_plain, rust_text};
use crate::ir::{
    Api, EnumType, Field, ObjectType, Operation, Parameter, Primitive, RequestBody, StatusCode, TypeDef, TypeKind,
    TypeRef,
};

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

/// Compares `old` with `new`.
pub fn diff_apis(old: &Api, new: &Api) -> Report {
    let mut out = Changes { list: Vec::new(), old, new };
    diff_api(old, new, &mut out);
    diff_client_parameters(old, new, &mut out);
    diff_operations(old, new, &mut out);
    diff_types(old, new, &mut out);
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

/// The changes found so far, with both APIs at hand (to see through type aliases).
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

fn arrow(old: impl fmt::Display, new: impl fmt::Display) -> String {
    format!("`{old}` → `{new}`")
}

fn diff_api(old: &Api, new: &Api, out: &mut Changes<'_>) {
    if old.api_version != new.api_version {
        out.push(
            Area::Api,
            "api-version",
            "default changed",
            arrow(&old.api_version, &new.api_version),
            Impact::Addition,
            "requests send the new api-version by default, so the service may answer with the new version's behaviour; the Rust API is unaffected",
        );
    }
    if old.endpoint != new.endpoint {
        out.push(
            Area::Api,
            "endpoint",
            "default changed",
            arrow(old.endpoint.as_deref().unwrap_or("none"), new.endpoint.as_deref().unwrap_or("none")),
            Impact::Compatible,
            "only the default endpoint changes; callers that set one are unaffected",
        );
    }
}

/// How a caller passes a parameter in the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Passing {
    /// A positional argument (of the method, or of the client's constructor).
    Argument,
    /// A field of an options struct (per method, or the client's options).
    Option,
    /// Not at all: a constant the client always sends.
    Constant,
}

impl fmt::Display for Passing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Passing::Argument => "a positional argument",
            Passing::Option => "an option",
            Passing::Constant => "a constant the client sends",
        })
    }
}

fn passing(p: &Parameter) -> Passing {
    if p.constant.is_some() {
        Passing::Constant
    } else if p.required && p.default.is_none() {
        Passing::Argument
    } else {
        Passing::Option
    }
}

fn diff_client_parameters(old: &Api, new: &Api, out: &mut Changes<'_>) {
    diff_parameter_lists(Area::ClientParameter, "", &old.client_parameters, &new.client_parameters, "the client", out);
}

/// Compares two parameter lists, matched by wire name and location, then (for parameters renamed
/// on the wire) by Rust name. `prefix` goes before each parameter's name in the subject.
fn diff_parameter_lists(
    area: Area,
    prefix: &str,
    old: &[Parameter],
    new: &[Parameter],
    owner: &str,
    out: &mut Changes<'_>,
) {
    let key = |p: &Parameter| (p.name.clone(), p.location);
    let old_keys: BTreeSet<_> = old.iter().map(key).collect();
    let new_keys: BTreeSet<_> = new.iter().map(key).collect();
    let removed: Vec<&Parameter> = old.iter().filter(|p| !new_keys.contains(&key(p))).collect();
    let added: Vec<&Parameter> = new.iter().filter(|p| !old_keys.contains(&key(p))).collect();
    let mut renamed_old = BTreeSet::new();
    let mut renamed_new = BTreeSet::new();
    for a in &added {
        if let Some(r) = removed.iter().find(|r| r.rust_name == a.rust_name && !renamed_old.contains(&r.name)) {
            renamed_old.insert(r.name.clone());
            renamed_new.insert(a.name.clone());
            out.push(
                area,
                format!("{prefix}{}", a.name),
                "renamed on the wire",
                arrow(&r.name, &a.name),
                Impact::Compatible,
                format!("the Rust name `{}` stays; only the name sent changes", a.rust_name),
            );
            diff_parameter(area, &format!("{prefix}{}", a.name), r, a, owner, out);
        }
    }
    for p in &removed {
        if renamed_old.contains(&p.name) {
            continue;
        }
        let passing = passing(p);
        let (impact, reason) = match passing {
            Passing::Constant => (Impact::Compatible, "it was a constant the client sent by itself".to_string()),
            other => (Impact::Breaking, format!("it was {other} of {owner}; code passing it no longer compiles")),
        };
        out.push(area, format!("{prefix}{}", p.name), "removed", "", impact, reason);
    }
    for p in &added {
        if renamed_new.contains(&p.name) {
            continue;
        }
        let (impact, reason) = match passing(p) {
            Passing::Argument => (
                Impact::Breaking,
                format!("it is required, so {owner} gains a positional argument and existing calls no longer compile"),
            ),
            Passing::Option => (Impact::Addition, format!("it is optional: a new option of {owner}")),
            Passing::Constant => (Impact::Compatible, "it is a constant the client sends by itself".to_string()),
        };
        out.push(area, format!("{prefix}{}", p.name), "added", "", impact, reason);
    }
    for n in new {
        if let Some(o) = old.iter().find(|o| key(o) == key(n)) {
            diff_parameter(area, &format!("{prefix}{}", n.name), o, n, owner, out);
        }
    }
}

fn diff_parameter(area: Area, subject: &str, old: &Parameter, new: &Parameter, owner: &str, out: &mut Changes<'_>) {
    let (po, pn) = (passing(old), passing(new));
    if po != pn {
        let impact = if po == Passing::Constant && pn == Passing::Option { Impact::Addition } else { Impact::Breaking };
        let reason = if impact == Impact::Addition {
            "callers may now set it".to_string()
        } else {
            format!("the way it is passed to {owner} changes, so existing calls no longer compile")
        };
        out.push(area, subject, "now passed differently", format!("{po} → {pn}"), impact, reason);
    } else if old.required != new.required {
        out.push(
            area,
            subject,
            "required-ness changed",
            arrow(old.required, new.required),
            Impact::Compatible,
            format!("it stays {pn} (it has a default)"),
        );
    }
    if old.client_level != new.client_level && area == Area::Operation {
        let detail = if new.client_level { "method → client" } else { "client → method" };
        out.push(
            area,
            subject,
            "moved",
            detail,
            Impact::Breaking,
            "the parameter moves between the client and the method, changing both signatures",
        );
    }
    if old.rust_name != new.rust_name && old.name == new.name {
        let impact =
            if pn == Passing::Argument || pn == Passing::Constant { Impact::Compatible } else { Impact::Breaking };
        let reason = if impact == Impact::Breaking {
            "the option's Rust name changes"
        } else {
            "only the argument's name changes; positional calls still compile"
        };
        out.push(area, subject, "Rust name changed", arrow(&old.rust_name, &new.rust_name), impact, reason);
    }
    diff_type_use(area, subject, "type changed", &old.ty, &new.ty, out);
    if old.location != new.location {
        out.push(
            area,
            subject,
            "moved in the request",
            format!("{:?} → {:?}", old.location, new.location).to_lowercase(),
            Impact::Compatible,
            "where it travels in the request changes; the Rust signature does not",
        );
    }
    if old.constant != new.constant && po == Passing::Constant && pn == Passing::Constant {
        out.push(
            area,
            subject,
            "constant changed",
            arrow(json(&old.constant), json(&new.constant)),
            Impact::Compatible,
            "the client sends the new value by itself",
        );
    }
    if old.default != new.default && pn == Passing::Option && subject != "api-version" {
        out.push(
            area,
            subject,
            "default changed",
            arrow(json(&old.default), json(&new.default)),
            Impact::Compatible,
            "callers who do not set it get the new default",
        );
    }
}

fn json(v: &Option<serde_json::Value>) -> String {
    v.as_ref().map(|v| v.to_string()).unwrap_or_else(|| "none".into())
}

/// Reports a changed type at a use site: breaking when the Rust type differs, compatible when
/// only the wire format does (`string` → `arm-id`, both `String`).
fn diff_type_use(area: Area, subject: &str, change: &str, old: &TypeRef, new: &TypeRef, out: &mut Changes<'_>) {
    if old == new {
        return;
    }
    let (ro, rn) = (rust_shape(&out.old.types, old, true), rust_shape(&out.new.types, new, true));
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

/// The operation's name in the generated crate: `group::method`.
fn rust_method(op: &Operation) -> String {
    match &op.group {
        Some(group) => format!("{group}::{}", op.name),
        None => op.name.clone(),
    }
}

/// A path template with its parameter names blanked, so a renamed path parameter does not look
/// like a new path.
fn path_shape(path: &str) -> String {
    let mut shape = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                shape.push_str("{}");
            }
            '}' => in_param = false,
            c if !in_param => shape.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    shape
}

fn diff_operations(old: &Api, new: &Api, out: &mut Changes<'_>) {
    let old_ops: BTreeMap<&str, &Operation> = old.operations.iter().map(|o| (o.id.as_str(), o)).collect();
    let new_ops: BTreeMap<&str, &Operation> = new.operations.iter().map(|o| (o.id.as_str(), o)).collect();
    let mut renamed: BTreeMap<&str, &str> = BTreeMap::new();
    for (id, n) in &new_ops {
        if old_ops.contains_key(id) {
            continue;
        }
        let twin = old_ops.iter().find(|(oid, o)| {
            !new_ops.contains_key(*oid) && o.method == n.method && path_shape(&o.path) == path_shape(&n.path)
        });
        if let Some((oid, _)) = twin {
            renamed.insert(oid, id);
        }
    }
    let mut ids: BTreeSet<&str> = old_ops.keys().copied().collect();
    ids.extend(new_ops.keys().copied());
    for id in ids {
        match (old_ops.get(id), new_ops.get(id)) {
            (Some(o), None) => {
                if let Some(new_id) = renamed.get(id) {
                    let n = new_ops[new_id];
                    out.push(
                        Area::Operation,
                        *new_id,
                        "renamed",
                        arrow(rust_method(o), rust_method(n)),
                        Impact::Breaking,
                        format!("the operationId changed from `{id}`, so the method's name changes"),
                    );
                    diff_operation(o, n, out);
                } else {
                    out.push(
                        Area::Operation,
                        id,
                        "removed",
                        format!("`{}` ({:?} {})", rust_method(o), o.method, o.path),
                        Impact::Breaking,
                        "the method is gone; code calling it no longer compiles",
                    );
                }
            }
            (None, Some(n)) => {
                if renamed.values().any(|v| *v == id) {
                    continue;
                }
                out.push(
                    Area::Operation,
                    id,
                    "added",
                    format!("`{}` ({:?} {})", rust_method(n), n.method, n.path),
                    Impact::Addition,
                    "a new method",
                );
            }
            (Some(o), Some(n)) => diff_operation(o, n, out),
            (None, None) => {}
        }
    }
}

fn diff_operation(old: &Operation, new: &Operation, out: &mut Changes<'_>) {
    let id = new.id.as_str();
    let push = |out: &mut Changes<'_>, change: &str, detail: String, impact: Impact, reason: &str| {
        out.push(Area::Operation, id, change, detail, impact, reason);
    };
    if old.method != new.method {
        push(
            out,
            "HTTP method changed",
            arrow(format!("{:?}", old.method), format!("{:?}", new.method)).to_uppercase(),
            Impact::Compatible,
            "the request changes; the Rust signature does not",
        );
    }
    if path_shape(&old.path) != path_shape(&new.path) {
        push(out, "path changed", arrow(&old.path, &new.path), Impact::Compatible, "the request goes to a different URL; the Rust signature does not change unless its path parameters do (listed separately)");
    }
    if !old.deprecated && new.deprecated {
        push(
            out,
            "deprecated",
            String::new(),
            Impact::Addition,
            "callers get a deprecation warning; the method still works",
        );
    }
    // Client-level parameters are compared once, at the client; here only the method's own,
    // plus any that move between the two.
    let method_params = |op: &Operation, other: &Operation| -> Vec<Parameter> {
        op.parameters
            .iter()
            .filter(|p| {
                !p.client_level
                    || other.parameters.iter().any(|q| q.name == p.name && q.location == p.location && !q.client_level)
            })
            .cloned()
            .collect()
    };
    let (po, pn) = (method_params(old, new), method_params(new, old));
    diff_parameter_lists(
        Area::Operation,
        &format!("{id} parameter "),
        &po,
        &pn,
        &format!("`{}`", rust_method(new)),
        out,
    );
    diff_body(id, old.body.as_ref(), new.body.as_ref(), out);
    diff_responses(old, new, out);
    match (&old.pageable, &new.pageable) {
        (None, Some(_)) => push(
            out,
            "now pageable",
            String::new(),
            Impact::Breaking,
            "the method now returns a pager of items instead of one response",
        ),
        (Some(_), None) => push(
            out,
            "no longer pageable",
            String::new(),
            Impact::Breaking,
            "the method now returns one response instead of a pager of items",
        ),
        (Some(a), Some(b)) => {
            if a.next_link_name != b.next_link_name {
                push(
                    out,
                    "next-link property changed",
                    arrow(a.next_link_name.as_deref().unwrap_or("none"), b.next_link_name.as_deref().unwrap_or("none")),
                    Impact::Compatible,
                    "the pager follows a different property; what it yields is unchanged",
                );
            }
            if a.item_name != b.item_name {
                push(
                    out,
                    "item property changed",
                    arrow(&a.item_name, &b.item_name),
                    Impact::Breaking,
                    "the pager yields the items of a different property",
                );
            }
        }
        (None, None) => {}
    }
    match (&old.long_running, &new.long_running) {
        (None, Some(_)) => push(
            out,
            "now long-running",
            String::new(),
            Impact::Breaking,
            "the method now returns a poller instead of the response",
        ),
        (Some(_), None) => push(
            out,
            "no longer long-running",
            String::new(),
            Impact::Breaking,
            "the method now returns the response instead of a poller",
        ),
        (Some(a), Some(b)) => {
            let (ta, tb) = (lro_output(old), lro_output(new));
            if let (Some(ta), Some(tb)) = (&ta, &tb) {
                diff_type_use(Area::Operation, &format!("{id} long-running result"), "type changed", ta, tb, out);
            } else if ta.is_some() != tb.is_some() {
                let show = |t: &Option<TypeRef>| t.as_ref().map(spec_type).unwrap_or_else(|| "nothing".into());
                push(
                    out,
                    "long-running result changed",
                    arrow(show(&ta), show(&tb)),
                    Impact::Breaking,
                    "the poller's output type changes",
                );
            }
            if a.final_state_via != b.final_state_via {
                let show = |v: Option<crate::ir::FinalStateVia>| match v {
                    Some(v) => {
                        serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
                    }
                    None => "ARM default".into(),
                };
                push(
                    out,
                    "final-state-via changed",
                    arrow(show(a.final_state_via), show(b.final_state_via)),
                    Impact::Compatible,
                    "the poller reads the final result from another place; its type is unchanged",
                );
            }
        }
        (None, None) => {}
    }
    match (&old.error, &new.error) {
        (Some(a), Some(b)) if a != b => {
            let same = rust_shape(&out.old.types, a, true) == rust_shape(&out.new.types, b, true);
            let impact = if same { Impact::Compatible } else { Impact::Breaking };
            push(
                out,
                "error type changed",
                arrow(spec_type(a), spec_type(b)),
                impact,
                "code reading the decoded error body reads a different type",
            );
        }
        (None, Some(b)) => push(
            out,
            "error type added",
            format!("`{}`", spec_type(b)),
            Impact::Addition,
            "errors now carry a decoded body",
        ),
        (Some(a), None) => push(
            out,
            "error type removed",
            format!("`{}`", spec_type(a)),
            Impact::Breaking,
            "errors no longer carry a decoded body",
        ),
        _ => {}
    }
}

fn diff_body(id: &str, old: Option<&RequestBody>, new: Option<&RequestBody>, out: &mut Changes<'_>) {
    let subject = format!("{id} body");
    match (old, new) {
        (None, Some(b)) => {
            let (impact, reason) = if b.required {
                (Impact::Breaking, "a required body is a new positional argument")
            } else {
                (Impact::Addition, "an optional body is a new option")
            };
            out.push(Area::Operation, subject, "added", format!("`{}`", spec_type(&b.ty)), impact, reason);
        }
        (Some(b), None) => out.push(
            Area::Operation,
            subject,
            "removed",
            format!("`{}`", spec_type(&b.ty)),
            Impact::Breaking,
            "the body argument is gone; existing calls no longer compile",
        ),
        (Some(a), Some(b)) => {
            if a.required != b.required {
                out.push(
                    Area::Operation,
                    subject.clone(),
                    "required-ness changed",
                    arrow(a.required, b.required),
                    Impact::Breaking,
                    "the body moves between the positional arguments and the options",
                );
            }
            diff_type_use(Area::Operation, &subject, "type changed", &a.ty, &b.ty, out);
            if a.kind != b.kind {
                out.push(
                    Area::Operation,
                    subject.clone(),
                    "encoding changed",
                    format!("{:?} → {:?}", a.kind, b.kind),
                    Impact::Breaking,
                    "the body is built differently",
                );
            } else if a.content_type != b.content_type {
                out.push(
                    Area::Operation,
                    subject.clone(),
                    "content type changed",
                    arrow(&a.content_type, &b.content_type),
                    Impact::Compatible,
                    "only the Content-Type sent changes",
                );
            }
        }
        (None, None) => {}
    }
}

/// What a long-running operation's poller ends with, as `expand` decides: nothing for a DELETE,
/// else `final-state-schema`, else the body of 200, 201 or the first 2xx response.
fn lro_output(op: &Operation) -> Option<TypeRef> {
    if op.method == crate::ir::HttpMethod::Delete {
        return None;
    }
    let lro = op.long_running.as_ref()?;
    let ok = |code| op.responses.iter().find(|r| r.status == StatusCode::Code(code)).and_then(|r| r.ty.clone());
    lro.final_state_schema.clone().or_else(|| ok(200)).or_else(|| ok(201)).or_else(|| success_type(op).cloned())
}

/// The type the method returns on success: the body of the first 2xx response that has one.
fn success_type(op: &Operation) -> Option<&TypeRef> {
    op.responses
        .iter()
        .filter(|r| matches!(r.status, StatusCode::Code(c) if (200..300).contains(&c)))
        .find_map(|r| r.ty.as_ref())
}

fn status(s: StatusCode) -> String {
    match s {
        StatusCode::Code(c) => c.to_string(),
        StatusCode::Default => "default".into(),
    }
}

fn diff_responses(old: &Operation, new: &Operation, out: &mut Changes<'_>) {
    let id = new.id.as_str();
    // A long-running operation returns a poller of its final result (compared in
    // `diff_operation`), not the first response's body.
    let both_lro = old.long_running.is_some() && new.long_running.is_some();
    match if both_lro { (None, None) } else { (success_type(old), success_type(new)) } {
        (Some(a), Some(b)) => diff_type_use(Area::Operation, &format!("{id} response"), "type changed", a, b, out),
        (None, Some(b)) => out.push(
            Area::Operation,
            format!("{id} response"),
            "body added",
            format!("`{}`", spec_type(b)),
            Impact::Breaking,
            "the method's return type changes from an empty response to a typed one",
        ),
        (Some(a), None) => out.push(
            Area::Operation,
            format!("{id} response"),
            "body removed",
            format!("`{}`", spec_type(a)),
            Impact::Breaking,
            "the method's return type no longer carries a model",
        ),
        (None, None) => {}
    }
    let codes = |op: &Operation| -> BTreeSet<StatusCode> {
        op.responses.iter().filter(|r| !r.is_error).map(|r| r.status).collect()
    };
    let (co, cn) = (codes(old), codes(new));
    for s in cn.difference(&co) {
        out.push(
            Area::Operation,
            format!("{id} response {}", status(*s)),
            "status added",
            "",
            Impact::Compatible,
            "a new success status; the return type is unchanged",
        );
    }
    for s in co.difference(&cn) {
        out.push(
            Area::Operation,
            format!("{id} response {}", status(*s)),
            "status removed",
            "",
            Impact::Compatible,
            "the service no longer documents this status; the return type is unchanged",
        );
    }
    for n in new.responses.iter().filter(|r| !r.is_error) {
        let Some(o) = old.responses.iter().find(|r| r.status == n.status) else { continue };
        for h in &n.headers {
            // Response headers are read from the raw `Response` (no typed accessors), so they
            // change what the service documents, not the Rust API.
            if !o.headers.iter().any(|x| x.name.eq_ignore_ascii_case(&h.name)) {
                out.push(
                    Area::Operation,
                    format!("{id} response {} header {}", status(n.status), h.name),
                    "added",
                    "",
                    Impact::Compatible,
                    "newly documented; headers are read from the `Response`, no Rust API changes",
                );
            }
        }
        for h in &o.headers {
            if !n.headers.iter().any(|x| x.name.eq_ignore_ascii_case(&h.name)) {
                out.push(Area::Operation, format!("{id} response {} header {}", status(n.status), h.name), "removed", "", Impact::Compatible, "no longer documented; no Rust API changes, but code reading it from the `Response` may find nothing");
            }
        }
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Object(_) => "object",
        TypeKind::Enum(_) => "enum",
        TypeKind::Alias(_) => "alias",
    }
}

fn diff_types(old: &Api, new: &Api, out: &mut Changes<'_>) {
    let mut names: BTreeSet<&String> = old.types.keys().collect();
    names.extend(new.types.keys());
    for name in names {
        match (old.types.get(name), new.types.get(name)) {
            (Some(o), None) => out.push(
                Area::Type,
                name,
                "removed",
                kind_name(&o.kind),
                Impact::Breaking,
                "the type is gone; code naming it no longer compiles",
            ),
            (None, Some(n)) => out.push(Area::Type, name, "added", kind_name(&n.kind), Impact::Addition, "a new type"),
            (Some(o), Some(n)) => diff_type(o, n, out),
            (None, None) => {}
        }
    }
}

fn diff_type(old: &TypeDef, new: &TypeDef, out: &mut Changes<'_>) {
    let name = new.name.as_str();
    match (&old.kind, &new.kind) {
        (TypeKind::Object(a), TypeKind::Object(b)) => diff_object(name, a, b, out),
        (TypeKind::Enum(a), TypeKind::Enum(b)) => diff_enum(name, a, b, out),
        (TypeKind::Alias(a), TypeKind::Alias(b)) => diff_type_use(Area::Type, name, "aliased type changed", a, b, out),
        (a, b) => out.push(
            Area::Type,
            name,
            "kind changed",
            arrow(kind_name(a), kind_name(b)),
            Impact::Breaking,
            "the Rust item changes kind (struct, enum, type alias)",
        ),
    }
}

fn field_rust_type(types: &BTreeMap<String, TypeDef>, f: &Field) -> String {
    let shape = rust_shape(types, &f.ty, true);
    if field_is_plain(f) {
        shape
    } else {
        format!("Option<{shape}>")
    }
}

fn diff_object(name: &str, old: &ObjectType, new: &ObjectType, out: &mut Changes<'_>) {
    let old_wire: BTreeSet<&str> = old.fields.iter().map(|f| f.wire_name.as_str()).collect();
    let new_wire: BTreeSet<&str> = new.fields.iter().map(|f| f.wire_name.as_str()).collect();
    let removed: Vec<&Field> = old.fields.iter().filter(|f| !new_wire.contains(f.wire_name.as_str())).collect();
    let added: Vec<&Field> = new.fields.iter().filter(|f| !old_wire.contains(f.wire_name.as_str())).collect();
    let mut renamed_old = BTreeSet::new();
    let mut renamed_new = BTreeSet::new();
    for a in &added {
        if let Some(r) =
            removed.iter().find(|r| r.rust_name == a.rust_name && !renamed_old.contains(r.wire_name.as_str()))
        {
            renamed_old.insert(r.wire_name.as_str());
            renamed_new.insert(a.wire_name.as_str());
            let subject = format!("{name}.{}", a.rust_name);
            out.push(
                Area::Field,
                subject.clone(),
                "renamed on the wire",
                arrow(&r.wire_name, &a.wire_name),
                Impact::Compatible,
                "the Rust field keeps its name; only the JSON property changes",
            );
            diff_field(&subject, r, a, out);
        }
    }
    // A property renamed without an `x-ms-client-name` to keep its Rust name still reads as a
    // rename when nothing else about it changed: same type, same (non-empty) description.
    for a in &added {
        if renamed_new.contains(a.wire_name.as_str()) {
            continue;
        }
        let twin = removed.iter().find(|r| {
            !renamed_old.contains(r.wire_name.as_str())
                && r.ty == a.ty
                && r.description.is_some()
                && r.description == a.description
        });
        if let Some(r) = twin {
            renamed_old.insert(r.wire_name.as_str());
            renamed_new.insert(a.wire_name.as_str());
            out.push(
                Area::Field,
                format!("{name}.{}", a.rust_name),
                "renamed",
                format!("`{}` → `{}` (Rust `{}` → `{}`)", r.wire_name, a.wire_name, r.rust_name, a.rust_name),
                Impact::Breaking,
                "the JSON property and the Rust field are both renamed (same type and description)",
            );
            // The rename is reported; compare the rest as if the Rust name had stayed.
            let same_name = Field { rust_name: r.rust_name.clone(), ..(*a).clone() };
            diff_field(&format!("{name}.{}", a.rust_name), r, &same_name, out);
        }
    }
    for f in &removed {
        if !renamed_old.contains(f.wire_name.as_str()) {
            out.push(
                Area::Field,
                format!("{name}.{}", f.rust_name),
                "removed",
                format!("`{}: {}`", f.wire_name, spec_type(&f.ty)),
                Impact::Breaking,
                "the Rust field is gone; code using it no longer compiles",
            );
        }
    }
    for f in &added {
        if renamed_new.contains(f.wire_name.as_str()) {
            continue;
        }
        let (impact, reason) = if field_is_plain(f) {
            (Impact::Breaking, "a required field that clients write: the model's `new` gains an argument")
        } else {
            (
                Impact::Addition,
                "an `Option` field; models are `#[non_exhaustive]` (built with `new` or `Default`), so no code breaks",
            )
        };
        out.push(
            Area::Field,
            format!("{name}.{}", f.rust_name),
            "added",
            format!("`{}: {}`", f.wire_name, field_rust_type(&out.new.types, f)),
            impact,
            reason,
        );
    }
    for n in &new.fields {
        if let Some(o) = old.fields.iter().find(|o| o.wire_name == n.wire_name) {
            diff_field(&format!("{name}.{}", n.rust_name), o, n, out);
        }
    }
    match (&old.additional_properties, &new.additional_properties) {
        (None, Some(t)) => out.push(
            Area::Type,
            name,
            "additional properties added",
            format!("`{}`", spec_type(t)),
            Impact::Addition,
            "the model keeps extra JSON properties in a new map",
        ),
        (Some(t), None) => out.push(
            Area::Type,
            name,
            "additional properties removed",
            format!("`{}`", spec_type(t)),
            Impact::Breaking,
            "the map of extra properties is gone",
        ),
        (Some(a), Some(b)) => diff_type_use(Area::Type, name, "additional properties type changed", a, b, out),
        (None, None) => {}
    }
    let variants = |o: &ObjectType| o.discriminator.as_ref().map(|d| d.variants.clone()).unwrap_or_default();
    let (vo, vn) = (variants(old), variants(new));
    for (value, ty) in &vn {
        if !vo.contains_key(value) {
            out.push(
                Area::Type,
                name,
                "subtype added",
                format!("`{value}` → `{ty}`"),
                Impact::Addition,
                "the union gains a variant; unknown kinds were already kept",
            );
        }
    }
    for (value, ty) in &vo {
        if !vn.contains_key(value) {
            out.push(
                Area::Type,
                name,
                "subtype removed",
                format!("`{value}` → `{ty}`"),
                Impact::Breaking,
                "the union loses a variant; code matching it no longer compiles",
            );
        }
    }
}

fn diff_field(subject: &str, old: &Field, new: &Field, out: &mut Changes<'_>) {
    if old.rust_name != new.rust_name {
        out.push(
            Area::Field,
            subject,
            "Rust name changed",
            arrow(&old.rust_name, &new.rust_name),
            Impact::Breaking,
            "the Rust field is renamed",
        );
    }
    let type_changed = old.ty != new.ty;
    diff_type_use(Area::Field, subject, "type changed", &old.ty, &new.ty, out);
    let (ro, rn) = (field_rust_type(&out.old.types, old), field_rust_type(&out.new.types, new));
    let plain_flipped = field_is_plain(old) != field_is_plain(new);
    if old.required != new.required {
        let detail = format!(
            "{} → {}",
            if old.required { "required" } else { "optional" },
            if new.required { "required" } else { "optional" }
        );
        if plain_flipped {
            out.push(
                Area::Field,
                subject,
                "required-ness changed",
                detail,
                Impact::Breaking,
                format!("the Rust field changes from `{ro}` to `{rn}`"),
            );
        } else {
            out.push(
                Area::Field,
                subject,
                "required-ness changed",
                detail,
                Impact::Compatible,
                format!("the Rust field stays `{rn}` (read-only or nullable fields are always `Option`)"),
            );
        }
    }
    if old.read_only != new.read_only {
        let detail = format!(
            "{} → {}",
            if old.read_only { "read-only" } else { "writable" },
            if new.read_only { "read-only" } else { "writable" }
        );
        let flipped_here = plain_flipped && old.required == new.required;
        if flipped_here {
            out.push(
                Area::Field,
                subject,
                "read-only-ness changed",
                detail,
                Impact::Breaking,
                format!("the Rust field changes from `{ro}` to `{rn}`"),
            );
        } else if new.read_only {
            out.push(
                Area::Field,
                subject,
                "read-only-ness changed",
                detail,
                Impact::Breaking,
                "values callers set are no longer sent in requests",
            );
        } else {
            out.push(
                Area::Field,
                subject,
                "read-only-ness changed",
                detail,
                Impact::Addition,
                "callers can now send it in requests",
            );
        }
    }
    if old.nullable != new.nullable
        && plain_flipped
        && old.required == new.required
        && old.read_only == new.read_only
        && !type_changed
    {
        out.push(
            Area::Field,
            subject,
            "nullability changed",
            arrow(old.nullable, new.nullable),
            Impact::Breaking,
            format!("the Rust field changes from `{ro}` to `{rn}`"),
        );
    }
    if old.secret != new.secret {
        out.push(
            Area::Field,
            subject,
            "secret-ness changed",
            arrow(old.secret, new.secret),
            Impact::Compatible,
            "only how `Debug` shows the value changes",
        );
    }
}

fn diff_enum(name: &str, old: &EnumType, new: &EnumType, out: &mut Changes<'_>) {
    let base = |p: &Primitive| rust_shape(&BTreeMap::new(), &TypeRef::Primitive(p.clone()), true);
    if base(&old.base) != base(&new.base) {
        out.push(
            Area::Type,
            name,
            "value type changed",
            arrow(spec_primitive(&old.base), spec_primitive(&new.base)),
            Impact::Breaking,
            "the enum's wire type changes",
        );
    }
    for v in &new.values {
        match old.values.iter().find(|o| o.value == v.value) {
            None => out.push(
                Area::EnumValue,
                format!("{name}::{}", v.name),
                "added",
                format!("`{}`", wire(&v.value)),
                Impact::Addition,
                "a new variant; the enum is `#[non_exhaustive]`, so matches already have a wildcard arm (the value used to arrive as `UnknownValue`)",
            ),
            Some(o) if o.name != v.name => out.push(
                Area::EnumValue,
                format!("{name}::{}", v.name),
                "variant renamed",
                arrow(&o.name, &v.name),
                Impact::Breaking,
                "the same wire value has a new Rust variant name",
            ),
            Some(_) => {}
        }
    }
    for o in &old.values {
        if !new.values.iter().any(|v| v.value == o.value) {
            out.push(
                Area::EnumValue,
                format!("{name}::{}", o.name),
                "removed",
                format!("`{}`", wire(&o.value)),
                Impact::Breaking,
                "the variant is gone; code naming it no longer compiles",
            );
        }
    }
    if old.model_as_string != new.model_as_string {
        out.push(
            Area::Type,
            name,
            "modelAsString changed",
            arrow(old.model_as_string, new.model_as_string),
            Impact::Compatible,
            "the generated enum keeps unknown values either way",
        );
    }
}

fn wire(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The Rust type `expand` emits for `ty`, as text (the one mapping, `rust_types`).
fn rust_shape(types: &BTreeMap<String, TypeDef>, ty: &TypeRef, top: bool) -> String {
    rust_text(types, ty, top)
}

/// A type as the spec says it, for reports: `string`, `date-time`, `array<JobResponse>`.
fn spec_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => spec_primitive(p),
        TypeRef::Array(item) => format!("array<{}>", spec_type(item)),
        TypeRef::Map(value) => format!("map<{}>", spec_type(value)),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Any => "any".into(),
    }
}

fn spec_primitive(p: &Primitive) -> String {
    match p {
        Primitive::UnknownFormat(f) => format!("string ({f})"),
        other => serde_json::to_value(other)
            .ok()
            .and_then(|v| v.as_str().map(|s| s.replace('_', "-")))
            .unwrap_or_else(|| format!("{other:?}")),
    }
}

/// The report as Markdown: a summary table, the changes grouped by impact, and the bump.
pub fn render_markdown(report: &Report) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# API changes: {} {} → {}\n", report.title, report.old_version, report.new_version);
    let _ = writeln!(md, "What changes for users of the generated Rust crate, compared through the IR.\n");
    let count = |impact: Impact| report.changes.iter().filter(|c| c.impact == impact).count();
    let _ = writeln!(md, "| impact | changes |\n|---|---|");
    let _ = writeln!(md, "| breaking | {} |", count(Impact::Breaking));
    let _ = writeln!(md, "| addition | {} |", count(Impact::Addition));
    let _ = writeln!(md, "| compatible | {} |\n", count(Impact::Compatible));
    for (impact, heading) in [
        (Impact::Breaking, "Breaking changes"),
        (Impact::Addition, "Additions"),
        (Impact::Compatible, "Compatible changes"),
    ] {
        let changes: Vec<&Change> = report.changes.iter().filter(|c| c.impact == impact).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(md, "## {heading} ({})\n", changes.len());
        for c in changes {
            let detail = if c.detail.is_empty() { String::new() } else { format!(": {}", c.detail) };
            let _ = writeln!(md, "- {} `{}` {}{detail}. *{}.*", c.area, c.subject, c.change, c.reason);
        }
        md.push('\n');
    }
    let why = match report.bump {
        Bump::Major => format!("{} breaking change(s)", count(Impact::Breaking)),
        Bump::Minor => "additions only, nothing breaking".into(),
        Bump::Patch => "no change to the Rust API".into(),
        Bump::None => "nothing changed".into(),
    };
    let _ = writeln!(md, "## Semver\n");
    let zero = if report.bump == Bump::Major { " For a 0.x crate, a major bump is a minor-version bump." } else { "" };
    let _ = writeln!(md, "Implied bump: **{}** ({why}).{zero}", report.bump);
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::testing::{self, field, object, string_enum as enumeration};
    use crate::ir::{HttpMethod, ParamLocation};

    fn api(version: &str) -> Api {
        let mut api = testing::api(version);
        api.client_parameters.push(param("subscriptionId", true));
        api
    }

    fn param(name: &str, required: bool) -> Parameter {
        testing::parameter(name, ParamLocation::Path, required, TypeRef::Primitive(Primitive::String))
    }

    fn op(id: &str, path: &str) -> Operation {
        let mut op = testing::operation(id, HttpMethod::Get, path);
        op.responses.push(testing::response(200, Some(TypeRef::Named("Job".into()))));
        op.error = Some(TypeRef::Named("ErrorDetails".into()));
        op
    }

    fn find<'a>(report: &'a Report, subject: &str, change: &str) -> &'a Change {
        report
            .changes
            .iter()
            .find(|c| c.subject == subject && c.change == change)
            .unwrap_or_else(|| panic!("no `{change}` for `{subject}` in {:#?}", report.changes))
    }

    #[test]
    fn identical_apis_have_no_changes() {
        let mut a = api("1");
        a.operations.push(op("Jobs_Get", "/jobs/{id}"));
        a.types.extend([object("Job", vec![field("id", TypeRef::Primitive(Primitive::String), false, true)])]);
        let report = diff_apis(&a, &a.clone());
        assert!(report.changes.is_empty());
        assert_eq!(report.bump, Bump::None);
    }

    #[test]
    fn operations_added_removed_and_renamed() {
        let mut old = api("1");
        old.operations = vec![op("Jobs_Get", "/jobs/{id}"), op("Jobs_List", "/jobs"), op("Jobs_Old", "/old")];
        let mut new = api("2");
        new.operations = vec![op("Jobs_Get", "/jobs/{jobId}"), op("Jobs_ListAll", "/jobs"), op("Jobs_New", "/new")];
        let report = diff_apis(&old, &new);
        assert_eq!(find(&report, "Jobs_Old", "removed").impact, Impact::Breaking);
        assert_eq!(find(&report, "Jobs_New", "added").impact, Impact::Addition);
        let renamed = find(&report, "Jobs_ListAll", "renamed");
        assert_eq!(renamed.impact, Impact::Breaking);
        assert_eq!(renamed.detail, "`Jobs::list` → `Jobs::list_all`");
        assert!(!report.changes.iter().any(|c| c.subject == "Jobs_Get"), "a renamed path parameter is not a new path");
        assert_eq!(find(&report, "api-version", "default changed").impact, Impact::Addition);
        assert_eq!(report.bump, Bump::Major);
    }

    #[test]
    fn parameters_classified_by_how_they_are_passed() {
        let mut old = api("1");
        let mut get = op("Jobs_Get", "/jobs/{id}");
        let mut top = param("$top", false);
        top.location = ParamLocation::Query;
        get.parameters = vec![param("id", true), top.clone()];
        old.operations = vec![get.clone()];
        let mut new = old.clone();
        let mut filter = param("$filter", false);
        filter.location = ParamLocation::Query;
        let mut skip = param("skip", true);
        skip.location = ParamLocation::Query;
        top.required = true;
        new.operations[0].parameters = vec![param("id", true), top, filter, skip];
        let report = diff_apis(&old, &new);
        assert_eq!(find(&report, "Jobs_Get parameter $filter", "added").impact, Impact::Addition);
        assert_eq!(find(&report, "Jobs_Get parameter skip", "added").impact, Impact::Breaking);
        let top = find(&report, "Jobs_Get parameter $top", "now passed differently");
        assert_eq!(top.impact, Impact::Breaking);
        assert_eq!(top.detail, "an option → a positional argument");
    }

    #[test]
    fn lro_paging_and_response_type_changes_are_breaking() {
        let mut old = api("1");
        old.operations = vec![op("Jobs_Get", "/jobs/{id}")];
        let mut new = old.clone();
        new.operations[0].long_running =
            Some(crate::ir::LongRunning { final_state_via: None, final_state_schema: None });
        new.operations[0].pageable = Some(crate::ir::Pageable {
            next_link_name: Some("nextLink".into()),
            item_name: "value".into(),
            operation_name: None,
        });
        new.operations[0].responses[0].ty = Some(TypeRef::Named("JobList".into()));
        let report = diff_apis(&old, &new);
        assert_eq!(find(&report, "Jobs_Get", "now long-running").impact, Impact::Breaking);
        assert_eq!(find(&report, "Jobs_Get", "now pageable").impact, Impact::Breaking);
        let response = find(&report, "Jobs_Get response", "type changed");
        assert_eq!(response.detail, "`Job` → `JobList`");
        assert_eq!(response.impact, Impact::Breaking);
    }

    #[test]
    fn a_long_running_result_is_the_final_state_schema_or_the_200_body() {
        let lro = crate::ir::LongRunning { final_state_via: None, final_state_schema: None };
        let mut old = api("1");
        old.operations = vec![op("Jobs_Create", "/jobs/{id}")];
        old.operations[0].method = HttpMethod::Put;
        old.operations[0].long_running = Some(lro.clone());
        let mut new = old.clone();
        new.operations[0].long_running =
            Some(crate::ir::LongRunning { final_state_schema: Some(TypeRef::Named("Job".into())), ..lro.clone() });
        assert!(diff_apis(&old, &new).changes.is_empty(), "the schema names the 200 body's type: nothing changes");
        new.operations[0].long_running =
            Some(crate::ir::LongRunning { final_state_schema: Some(TypeRef::Named("Other".into())), ..lro });
        let report = diff_apis(&old, &new);
        let change = find(&report, "Jobs_Create long-running result", "type changed");
        assert_eq!((change.impact, change.detail.as_str()), (Impact::Breaking, "`Job` → `Other`"));
    }

    #[test]
    fn dates_in_arrays_follow_the_emitted_rust_type() {
        // The emitter decodes a date-time directly in a field's array into `OffsetDateTime`,
        // whatever its format, and keeps one nested deeper as a `String`: the report must judge
        // by those Rust types, which it takes from the emitter's own mapping.
        let dates = |p: Primitive| TypeRef::Array(Box::new(TypeRef::Primitive(p)));
        let mut old = api("1");
        old.types.extend([object(
            "Job",
            vec![
                field("reformatted", dates(Primitive::DateTime), false, false),
                field("stringly", dates(Primitive::DateTime), false, false),
                field("nested", TypeRef::Array(Box::new(dates(Primitive::DateTime))), false, false),
            ],
        )]);
        let mut new = api("1");
        new.types.extend([object(
            "Job",
            vec![
                field("reformatted", dates(Primitive::DateTimeRfc1123), false, false),
                field("stringly", dates(Primitive::String), false, false),
                field("nested", TypeRef::Array(Box::new(dates(Primitive::String))), false, false),
            ],
        )]);
        let report = diff_apis(&old, &new);
        assert_eq!(find(&report, "Job.reformatted", "type changed").impact, Impact::Compatible);
        let stringly = find(&report, "Job.stringly", "type changed");
        assert_eq!(stringly.impact, Impact::Breaking);
        assert!(stringly.reason.contains("Vec<OffsetDateTime>"), "{}", stringly.reason);
        assert_eq!(find(&report, "Job.nested", "type changed").impact, Impact::Compatible);
    }

    #[test]
    fn fields_added_removed_renamed_and_retyped() {
        let s = TypeRef::Primitive(Primitive::String);
        let mut old = api("1");
        let mut renamed = field("startTime", TypeRef::Primitive(Primitive::DateTimeRfc1123), false, true);
        renamed.rust_name = "start_time_utc".into();
        old.types.extend([object(
            "Job",
            vec![
                field("id", s.clone(), false, true),
                field("gone", s.clone(), false, false),
                field("count", TypeRef::Primitive(Primitive::Int32), false, false),
                field("name", s.clone(), false, false),
                field("armId", s.clone(), false, false),
                renamed.clone(),
            ],
        )]);
        let mut new = api("1");
        let mut renamed_new = field("startTimeUtc", TypeRef::Primitive(Primitive::DateTimeRfc1123), false, true);
        renamed_new.rust_name = "start_time_utc".into();
        new.types.extend([object(
            "Job",
            vec![
                field("id", s.clone(), true, true),
                field("count", TypeRef::Primitive(Primitive::Int64), false, false),
                field("name", s.clone(), true, false),
                field("armId", TypeRef::Primitive(Primitive::ArmId), false, false),
                renamed_new,
                field("extra", s.clone(), false, false),
                field("mandatory", s.clone(), true, false),
            ],
        )]);
        let report = diff_apis(&old, &new);
        assert_eq!(find(&report, "Job.gone", "removed").impact, Impact::Breaking);
        assert_eq!(find(&report, "Job.extra", "added").impact, Impact::Addition);
        assert_eq!(find(&report, "Job.mandatory", "added").impact, Impact::Breaking);
        let wire = find(&report, "Job.start_time_utc", "renamed on the wire");
        assert_eq!((wire.impact, wire.detail.as_str()), (Impact::Compatible, "`startTime` → `startTimeUtc`"));
        assert_eq!(find(&report, "Job.count", "type changed").impact, Impact::Breaking);
        assert_eq!(find(&report, "Job.arm_id", "type changed").impact, Impact::Compatible);
        assert_eq!(
            find(&report, "Job.id", "required-ness changed").impact,
            Impact::Compatible,
            "read-only fields are Options"
        );
        assert_eq!(find(&report, "Job.name", "required-ness changed").impact, Impact::Breaking);
    }

    #[test]
    fn a_property_renamed_with_its_rust_name_is_one_breaking_rename() {
        let described = |wire: &str| Field {
            description: Some("When it started.".into()),
            ..field(wire, TypeRef::Primitive(Primitive::DateTime), false, true)
        };
        let mut old = api("1");
        old.types.extend([object(
            "Job",
            vec![described("startTime"), field("other", TypeRef::Primitive(Primitive::String), false, false)],
        )]);
        let mut new = api("1");
        new.types.extend([object(
            "Job",
            vec![described("startTimeUtc"), field("another", TypeRef::Primitive(Primitive::String), false, false)],
        )]);
        let report = diff_apis(&old, &new);
        let rename = find(&report, "Job.start_time_utc", "renamed");
        assert_eq!(rename.impact, Impact::Breaking);
        assert_eq!(rename.detail, "`startTime` → `startTimeUtc` (Rust `start_time` → `start_time_utc`)");
        assert!(!report.changes.iter().any(|c| c.subject.starts_with("Job.start_time") && c.change != "renamed"));
        // Without a description in common, a removal and an addition stay what they are.
        find(&report, "Job.other", "removed");
        find(&report, "Job.another", "added");
    }

    #[test]
    fn enum_values_and_types() {
        let mut old = api("1");
        old.types.extend([enumeration("JobStatus", &["running", "failed", "old"]), object("Gone", vec![])]);
        let mut new = api("1");
        new.types.extend([enumeration("JobStatus", &["running", "failed", "cancelled"]), object("Fresh", vec![])]);
        let report = diff_apis(&old, &new);
        assert_eq!(find(&report, "JobStatus::Cancelled", "added").impact, Impact::Addition);
        assert_eq!(find(&report, "JobStatus::Old", "removed").impact, Impact::Breaking);
        assert_eq!(find(&report, "Gone", "removed").impact, Impact::Breaking);
        assert_eq!(find(&report, "Fresh", "added").impact, Impact::Addition);
        assert_eq!(report.bump, Bump::Major);
    }

    #[test]
    fn type_aliases_are_seen_through() {
        let alias = |name: &str| TypeDef {
            name: name.into(),
            spec_name: name.into(),
            description: None,
            location: testing::at(),
            kind: TypeKind::Alias(TypeRef::Array(Box::new(TypeRef::Named("Job".into())))),
        };
        let mut old = api("1");
        old.operations = vec![op("Jobs_List", "/jobs")];
        old.operations[0].responses[0].ty = Some(TypeRef::Named("JobList".into()));
        old.types.insert("JobList".into(), alias("JobList"));
        let mut new = old.clone();
        new.operations[0].responses[0].ty = Some(TypeRef::Array(Box::new(TypeRef::Named("Job".into()))));
        new.types.remove("JobList");
        let report = diff_apis(&old, &new);
        let response = find(&report, "Jobs_List response", "type changed");
        assert_eq!(response.impact, Impact::Compatible, "`JobList` is `Vec<Job>` in Rust");
        assert_eq!(find(&report, "JobList", "removed").impact, Impact::Breaking);
    }

    #[test]
    fn bump_is_the_largest_impact() {
        let old = api("1");
        let mut new = api("1");
        new.types.extend([object("Fresh", vec![])]);
        assert_eq!(diff_apis(&old, &new).bump, Bump::Minor);
        let mut new = api("1");
        new.endpoint = Some("https://management.usgovcloudapi.net".into());
        let report = diff_apis(&old, &new);
        assert_eq!(report.bump, Bump::Patch);
        let md = render_markdown(&report);
        assert!(md.trim_end().ends_with("Implied bump: **patch** (no change to the Rust API)."), "{md}");
    }
}
