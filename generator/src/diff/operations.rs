//! Operations: what each one is in the crate, a method of a client or a refusal, compared through
//! the client model. The method's name and options type as emitted, its parameters and body as
//! passed, what it returns (`returns`) and its error type all come from the model. Only what the
//! crate does not decide is read from the operation itself: its path, deprecation, the documented
//! response headers (the crate has no accessors for them) and parameter defaults (the service's).

use std::collections::{BTreeMap, BTreeSet};

use super::params::{diff_params, method_params};
use super::returns::{diff_returns, status};
use super::{arrow, diff_type_use, rust_shape, spec_type, Area, Changes, Impact};
use crate::ir::{Api, BodyKind, Client, Method, MethodBody, MethodKind, Operation, Passing, Refusal, TypeDef, TypeRef};

/// What an operation is in one crate.
#[derive(Clone, Copy)]
enum Entry<'a> {
    /// A method of a client.
    Method(&'a Client, &'a Method),
    /// Left out, with why.
    Refused(&'a Refusal),
}

/// An operation and what the crate makes of it.
#[derive(Clone, Copy)]
struct Side<'a> {
    op: &'a Operation,
    entry: Entry<'a>,
}

/// A method with its client and operation.
#[derive(Clone, Copy)]
struct At<'a> {
    op: &'a Operation,
    client: &'a Client,
    method: &'a Method,
}

impl At<'_> {
    /// The method as callers name it: `JobsClient::get`.
    fn name(&self) -> String {
        format!("{}::{}", self.client.name, self.method.name)
    }
}

/// Every operation of `api` by operationId, with its method or its refusal (the client model
/// gives every operation one or the other).
fn sides(api: &Api) -> BTreeMap<&str, Side<'_>> {
    let mut entries: BTreeMap<&str, Entry<'_>> = BTreeMap::new();
    for client in &api.clients.clients {
        for method in &client.methods {
            entries.insert(&method.operation_id, Entry::Method(client, method));
        }
    }
    for refusal in &api.clients.refused {
        entries.insert(&refusal.operation, Entry::Refused(refusal));
    }
    api.operations
        .iter()
        .filter_map(|op| entries.get(op.id.as_str()).map(|&entry| (op.id.as_str(), Side { op, entry })))
        .collect()
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

/// The operations, by operationId; an operationId that changed while the HTTP method and path
/// (parameter names aside) stayed is a rename.
pub(super) fn diff_operations(out: &mut Changes<'_>) {
    let (old, new) = (sides(out.old), sides(out.new));
    let mut renamed: BTreeMap<&str, &str> = BTreeMap::new();
    for (id, n) in &new {
        if old.contains_key(id) {
            continue;
        }
        let twin = old.iter().find(|(oid, o)| {
            !new.contains_key(*oid)
                && !renamed.contains_key(*oid)
                && o.op.method == n.op.method
                && path_shape(&o.op.path) == path_shape(&n.op.path)
        });
        if let Some((oid, _)) = twin {
            renamed.insert(oid, id);
        }
    }
    let renamed_to: BTreeSet<&str> = renamed.values().copied().collect();
    let ids: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    for id in ids {
        match (old.get(id), new.get(id)) {
            (Some(o), None) => match renamed.get(id) {
                Some(new_id) => diff_renamed(id, new_id, o, &new[new_id], out),
                None => removed(id, o, out),
            },
            (None, Some(n)) if !renamed_to.contains(id) => added(id, n, out),
            (Some(o), Some(n)) => diff_side(id, o, n, out),
            _ => {}
        }
    }
}

/// `GET /path`, for details.
fn request(op: &Operation) -> String {
    format!("{} {}", op.method.as_str(), op.path)
}

fn removed(id: &str, side: &Side<'_>, out: &mut Changes<'_>) {
    match side.entry {
        Entry::Method(client, method) => out.push(
            Area::Operation,
            id,
            "removed",
            format!("`{}` ({})", At { op: side.op, client, method }.name(), request(side.op)),
            Impact::Breaking,
            "the method is gone; code calling it no longer compiles",
        ),
        Entry::Refused(_) => out.push(
            Area::Operation,
            id,
            "removed",
            format!("({})", request(side.op)),
            Impact::Compatible,
            "the crate had left it out (refused), so no method goes",
        ),
    }
}

fn added(id: &str, side: &Side<'_>, out: &mut Changes<'_>) {
    match side.entry {
        Entry::Method(client, method) => out.push(
            Area::Operation,
            id,
            "added",
            format!("`{}` ({})", At { op: side.op, client, method }.name(), request(side.op)),
            Impact::Addition,
            "a new method",
        ),
        Entry::Refused(refusal) => out.push(
            Area::Operation,
            id,
            "added",
            format!("({})", request(side.op)),
            Impact::Compatible,
            format!("the crate leaves it out, so no method comes: {}", refusal.error),
        ),
    }
}

/// An operationId changed: breaking when the method's name as emitted changes with it.
fn diff_renamed(old_id: &str, new_id: &str, old: &Side<'_>, new: &Side<'_>, out: &mut Changes<'_>) {
    let (impact, detail, reason) = match (old.entry, new.entry) {
        (Entry::Method(oc, om), Entry::Method(nc, nm)) => {
            let (a, b) =
                (At { op: old.op, client: oc, method: om }.name(), At { op: new.op, client: nc, method: nm }.name());
            if a != b {
                (
                    Impact::Breaking,
                    arrow(&a, &b),
                    format!("the operationId changed from `{old_id}`, so the method's name (and its options type's) changes"),
                )
            } else {
                (
                    Impact::Compatible,
                    arrow(old_id, new_id),
                    format!("only the operationId changes; the method stays `{b}`"),
                )
            }
        }
        _ => (
            Impact::Compatible,
            arrow(old_id, new_id),
            "the operationId changes; whether the crate has a method for it is listed apart".to_string(),
        ),
    };
    out.push(Area::Operation, new_id, "renamed", detail, impact, reason);
    diff_side(new_id, old, new, out);
}

/// The same operation in both: a method in both, or a method that became refused or the reverse.
fn diff_side(id: &str, old: &Side<'_>, new: &Side<'_>, out: &mut Changes<'_>) {
    match (old.entry, new.entry) {
        (Entry::Method(oc, om), Entry::Method(nc, nm)) => {
            diff_method(id, At { op: old.op, client: oc, method: om }, At { op: new.op, client: nc, method: nm }, out)
        }
        (Entry::Method(client, method), Entry::Refused(refusal)) => out.push(
            Area::Operation,
            id,
            "now refused",
            format!("`{}`", At { op: old.op, client, method }.name()),
            Impact::Breaking,
            format!("the crate leaves the method out, so code calling it no longer compiles: {}", refusal.error),
        ),
        (Entry::Refused(_), Entry::Method(client, method)) => out.push(
            Area::Operation,
            id,
            "no longer refused",
            format!("`{}`", At { op: new.op, client, method }.name()),
            Impact::Addition,
            "the crate now has a method for it",
        ),
        (Entry::Refused(_), Entry::Refused(_)) => {}
    }
}

fn diff_method(id: &str, old: At<'_>, new: At<'_>, out: &mut Changes<'_>) {
    let (old_name, new_name) = (old.name(), new.name());
    let (old_options, new_options) = (&old.method.options_type, &new.method.options_type);
    if old_name != new_name && old.op.id == new.op.id {
        let reason = if old.client.name != new.client.name {
            format!(
                "the method moves to `{}`; code calling it or naming its options type no longer compiles",
                new.client.name
            )
        } else {
            "the client model gives it another name (names are unique in a client, taken in spec order); code calling it no longer compiles".to_string()
        };
        let detail = format!("{} (options {})", arrow(&old_name, &new_name), arrow(old_options, new_options));
        out.push(Area::Operation, id, "method renamed", detail, Impact::Breaking, reason);
    } else if old_name == new_name && old_options != new_options {
        out.push(
            Area::Operation,
            id,
            "options type renamed",
            arrow(old_options, new_options),
            Impact::Breaking,
            "options types are unique in the crate, taken in spec order; code naming the old one no longer compiles",
        );
    }
    if let (MethodKind::Poller(a), MethodKind::Poller(b)) = (&old.method.kind, &new.method.kind) {
        if old_name == new_name && a.resume_method != b.resume_method {
            out.push(
                Area::Operation,
                id,
                "resume method renamed",
                arrow(format!("{}::{}", old.client.name, a.resume_method), format!("{}::{}", new.client.name, b.resume_method)),
                Impact::Breaking,
                "names are unique in a client, taken in spec order; code resuming the poller by the old name no longer compiles",
            );
        }
    }
    if old.method.http_method != new.method.http_method {
        out.push(
            Area::Operation,
            id,
            "HTTP method changed",
            arrow(old.method.http_method.as_str(), new.method.http_method.as_str()),
            Impact::Compatible,
            "the request changes; the Rust signature does not",
        );
    }
    if path_shape(&old.op.path) != path_shape(&new.op.path) {
        out.push(Area::Operation, id, "path changed", arrow(&old.op.path, &new.op.path), Impact::Compatible, "the request goes to a different URL; the Rust signature does not change unless its path parameters do (listed separately)");
    }
    if !old.op.deprecated && new.op.deprecated {
        out.push(
            Area::Operation,
            id,
            "deprecated",
            "",
            Impact::Addition,
            "callers get a deprecation warning; the method still works",
        );
    }
    let (po, pn) = (method_params(old.op, old.method), method_params(new.op, new.method));
    diff_params(Area::Operation, &format!("{id} parameter "), &po, &pn, &format!("`{new_name}`"), out);
    diff_body(id, old.method.body.as_ref(), new.method.body.as_ref(), out);
    // A plain method's headers are typed accessors, compared with its return type; the others'
    // are documentation only.
    if !matches!((&old.method.kind, &new.method.kind), (MethodKind::Plain(_), MethodKind::Plain(_))) {
        diff_headers(id, old.op, new.op, out);
    }
    diff_returns(id, &old.method.kind, &new.method.kind, new.op, out);
    diff_error(id, old.method, new.method, out);
}

/// The body: how it is passed and its type.
fn diff_body(id: &str, old: Option<&MethodBody>, new: Option<&MethodBody>, out: &mut Changes<'_>) {
    let subject = format!("{id} body");
    let how = |b: &MethodBody| match b.passing {
        Passing::Positional { .. } => "a positional argument",
        Passing::Optional { .. } => "an option",
        Passing::Constant { .. } => "a constant the method sends",
    };
    match (old, new) {
        (None, Some(b)) => {
            let (impact, reason) = match b.passing {
                Passing::Positional { .. } => (Impact::Breaking, "a required body is a new positional argument"),
                Passing::Optional { .. } => (Impact::Addition, "an optional body is a new option"),
                Passing::Constant { .. } => (Impact::Compatible, "the method sends the constant body itself; callers pass nothing"),
            };
            out.push(Area::Operation, subject, "added", format!("`{}`", spec_type(&b.ty)), impact, reason);
        }
        (Some(b), None) => out.push(
            Area::Operation,
            subject,
            "removed",
            format!("`{}`", spec_type(&b.ty)),
            Impact::Breaking,
            format!("the body was {}; code passing it no longer compiles", how(b)),
        ),
        (Some(a), Some(b)) => {
            match (&a.passing, &b.passing) {
                (Passing::Positional { name: x }, Passing::Positional { name: y }) if x != y => out.push(
                    Area::Operation,
                    subject.clone(),
                    "Rust name changed",
                    arrow(x, y),
                    Impact::Compatible,
                    "only the argument's name changes; positional calls still compile",
                ),
                (Passing::Optional { field: x }, Passing::Optional { field: y }) if x != y => out.push(
                    Area::Operation,
                    subject.clone(),
                    "Rust name changed",
                    arrow(x, y),
                    Impact::Breaking,
                    "the option's Rust name changes",
                ),
                (Passing::Constant { json: x }, Passing::Constant { json: y }) if x != y => out.push(
                    Area::Operation,
                    subject.clone(),
                    "constant changed",
                    arrow(x, y),
                    Impact::Compatible,
                    "the method sends another constant; callers pass nothing either way",
                ),
                (x, y) if std::mem::discriminant(x) != std::mem::discriminant(y) => out.push(
                    Area::Operation,
                    subject.clone(),
                    "now passed differently",
                    format!("{} → {}", how(a), how(b)),
                    Impact::Breaking,
                    "callers pass the body another way (a positional argument, an option, or not at all)",
                ),
                _ => {}
            }
            if a.kind != b.kind {
                out.push(
                    Area::Operation,
                    subject.clone(),
                    "encoding changed",
                    format!("{:?} → {:?}", a.kind, b.kind),
                    Impact::Breaking,
                    "the body is built differently",
                );
                return;
            }
            // Raw bytes are passed as bytes whatever the schema says.
            if a.kind != BodyKind::Binary {
                diff_type_use(Area::Operation, &subject, "type changed", &a.ty, &b.ty, out);
            }
            if a.content_type != b.content_type {
                out.push(
                    Area::Operation,
                    subject,
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

/// The headers documented on the success responses both versions list, for a pager or poller:
/// the crate reads them from the raw `Response` (it has no typed accessors for them), so they
/// change the docs, not the Rust API.
fn diff_headers(id: &str, old: &Operation, new: &Operation, out: &mut Changes<'_>) {
    for n in new.responses.iter().filter(|r| !r.is_error) {
        let Some(o) = old.responses.iter().find(|r| r.status == n.status) else { continue };
        for h in &n.headers {
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

/// The type errors are decoded into (`serde_json::Value` when the spec names none), which
/// callers name to read them (`service_error::<E>`).
fn diff_error(id: &str, old: &Method, new: &Method, out: &mut Changes<'_>) {
    let (a, b) = (old.error.ty.as_ref(), new.error.ty.as_ref());
    if a == b {
        return;
    }
    let text = |types: &BTreeMap<String, TypeDef>, ty: Option<&TypeRef>| {
        ty.map(|ty| rust_shape(types, ty)).unwrap_or_else(|| "serde_json::Value".into())
    };
    let (ro, rn) = (text(&out.old.types, a), text(&out.new.types, b));
    let spec = |ty: Option<&TypeRef>| ty.map(spec_type).unwrap_or_else(|| "none".into());
    let detail = arrow(spec(a), spec(b));
    if ro == rn {
        let reason = format!("errors are still decoded into `{rn}`");
        out.push(Area::Operation, id, "error type changed", detail, Impact::Compatible, reason);
    } else {
        let reason = format!(
            "errors are decoded into `{rn}` instead of `{ro}`: code reading them with `service_error::<{ro}>` no longer finds them"
        );
        out.push(Area::Operation, id, "error type changed", detail, Impact::Breaking, reason);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{api, diff, find, op};
    use super::super::{Bump, Impact};
    use crate::ir::testing;
    use crate::ir::{ParamLocation, Primitive, TypeRef};

    #[test]
    fn operations_added_removed_and_renamed_by_their_emitted_names() {
        let mut old = api("1");
        old.operations = vec![op("Jobs_Get", "/jobs/{id}"), op("Jobs_List", "/jobs"), op("Jobs_Old", "/old")];
        let mut new = api("2");
        new.operations = vec![op("Jobs_Get", "/jobs/{jobId}"), op("Jobs_ListAll", "/jobs"), op("Jobs_New", "/new")];
        let report = diff(&old, &new);
        let removed = find(&report, "Jobs_Old", "removed");
        assert_eq!((removed.impact, removed.detail.as_str()), (Impact::Breaking, "`JobsClient::old` (GET /old)"));
        assert_eq!(find(&report, "Jobs_New", "added").impact, Impact::Addition);
        let renamed = find(&report, "Jobs_ListAll", "renamed");
        assert_eq!(renamed.impact, Impact::Breaking);
        assert_eq!(renamed.detail, "`JobsClient::list` → `JobsClient::list_all`");
        assert!(!report.changes.iter().any(|c| c.subject == "Jobs_Get"), "a renamed path parameter is not a new path");
        assert_eq!(find(&report, "api-version", "default changed").impact, Impact::Addition);
        assert_eq!(report.bump, Bump::Major);
    }

    #[test]
    fn an_operation_id_renamed_without_renaming_the_method_is_compatible() {
        // `Jobs_GetAll` and `Jobs_getAll` are one method, `JobsClient::get_all`.
        let mut old = api("1");
        old.operations = vec![op("Jobs_GetAll", "/jobs")];
        let mut new = api("1");
        new.operations = vec![op("Jobs_getAll", "/jobs")];
        let report = diff(&old, &new);
        let renamed = find(&report, "Jobs_getAll", "renamed");
        assert_eq!(renamed.impact, Impact::Compatible, "{}", renamed.reason);
        assert_eq!(report.bump, Bump::Patch);
    }

    #[test]
    fn a_method_the_model_renames_breaks() {
        // The root client's accessors come first: a new group `Jobs` takes `get_jobs_client`
        // from the root operation of that name, which becomes `get_jobs_client2`.
        let mut old = api("1");
        old.operations = vec![op("GetJobsClient", "/x")];
        let mut new = old.clone();
        new.operations.push(op("Jobs_Get", "/jobs/{id}"));
        let report = diff(&old, &new);
        let renamed = find(&report, "GetJobsClient", "method renamed");
        assert_eq!(renamed.impact, Impact::Breaking);
        assert_eq!(
            renamed.detail,
            "`ThingClient::get_jobs_client` → `ThingClient::get_jobs_client2` (options `ThingClientGetJobsClientOptions` → `ThingClientGetJobsClient2Options`)"
        );
        assert_eq!(find(&report, "JobsClient", "added").impact, Impact::Addition);
    }

    #[test]
    fn an_operation_the_crate_now_refuses_is_a_removed_method() {
        let mut old = api("1");
        old.operations = vec![op("Jobs_Get", "/jobs")];
        let mut new = old.clone();
        let mut cookie =
            testing::parameter("session", ParamLocation::Cookie, true, TypeRef::Primitive(Primitive::String));
        cookie.location_in_spec = testing::at().join("session");
        new.operations[0].parameters.push(cookie);
        let report = diff(&old, &new);
        let refused = find(&report, "Jobs_Get", "now refused");
        assert_eq!((refused.impact, refused.detail.as_str()), (Impact::Breaking, "`JobsClient::get`"));
        assert!(
            refused.reason.contains("spec.json#/definitions/session: unsupported: a cookie parameter"),
            "{}",
            refused.reason
        );
        // And back: the method comes back, an addition.
        let report = diff(&new, &old);
        assert_eq!(find(&report, "Jobs_Get", "no longer refused").impact, Impact::Addition);
        // An operation refused on both sides is no method either way: nothing changes.
        assert!(diff(&new, &new).changes.is_empty());
    }

    #[test]
    fn the_error_type_is_the_one_callers_downcast_to() {
        let mut old = api("1");
        old.operations = vec![op("Jobs_Get", "/jobs")];
        old.operations[0].error = None;
        let mut new = old.clone();
        new.operations[0].error = Some(TypeRef::Named("ErrorDetails".into()));
        let report = diff(&old, &new);
        let change = find(&report, "Jobs_Get", "error type changed");
        assert_eq!(change.impact, Impact::Breaking);
        assert!(change.reason.contains("`service_error::<serde_json::Value>`"), "{}", change.reason);
    }

    #[test]
    fn a_resume_method_the_model_renames_breaks() {
        // Names are taken in spec order: a new `Jobs_ResumeCreate` listed first takes
        // `resume_create` from the poller of `Jobs_Create`.
        let mut old = api("1");
        let mut create = op("Jobs_Create", "/jobs/{id}");
        create.method = crate::ir::HttpMethod::Put;
        create.long_running = Some(crate::ir::LongRunning { final_state_via: None, final_state_schema: None });
        old.operations = vec![create];
        let mut new = old.clone();
        new.operations.insert(0, op("Jobs_ResumeCreate", "/resume"));
        let report = diff(&old, &new);
        let change = find(&report, "Jobs_Create", "resume method renamed");
        assert_eq!(change.impact, Impact::Breaking);
        assert_eq!(change.detail, "`JobsClient::resume_create` → `JobsClient::resume_create2`");
    }
}
