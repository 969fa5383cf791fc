//! What a method returns, as the client model says and the signature spells it: a
//! `Response<T>` (`Response<(), NoFormat>` without a body), a `Pager` over a list type, a
//! `Poller` of a result, or a `bool` for a `HEAD` asking whether a resource exists; with the
//! statuses each accepts as success, and for pagers and pollers where the items, next page and
//! final result are read.

use std::collections::BTreeMap;

use super::{arrow, diff_type_use, rust_shape, spec_type, Area, Changes, Impact};
use crate::ir::{
    ExistsModel, FinalState, MethodKind, Operation, PagerModel, PlainModel, PollerModel, StatusCode, TypeDef, TypeRef,
};
use crate::rust_types;

/// What the method returns, and the statuses it accepts as success (`new_op` is the new
/// method's operation, read to explain a `serde_json::Value` only).
pub(super) fn diff_returns(id: &str, old: &MethodKind, new: &MethodKind, new_op: &Operation, out: &mut Changes<'_>) {
    match (old, new) {
        (MethodKind::Plain(a), MethodKind::Plain(b)) => {
            let (ta, tb) = (a.result.as_ref(), b.result.as_ref());
            if a.streamed != b.streamed {
                let (ra, rb) = (returns(old), returns(new));
                out.push(
                    Area::Operation,
                    format!("{id} response"),
                    "body streamed",
                    arrow(&ra, &rb),
                    Impact::Breaking,
                    format!("the method returns `{rb}` instead of `{ra}`"),
                );
            }
            diff_result(&format!("{id} response"), Wrap::Response, ta, tb, new_op, out);
            diff_marker(id, a, b, out);
            diff_typed_headers(id, a, b, out);
            diff_statuses(id, &a.success_codes, &b.success_codes, &b.bodiless_codes, out);
        }
        (MethodKind::Pager(a), MethodKind::Pager(b)) => diff_pager(id, a, b, out),
        (MethodKind::Poller(a), MethodKind::Poller(b)) => diff_poller(id, a, b, new_op, out),
        (MethodKind::Exists(a), MethodKind::Exists(b)) => diff_exists(id, a, b, out),
        (a, b) => {
            let change = match (a, b) {
                (_, MethodKind::Pager(_)) => "now pageable",
                (_, MethodKind::Poller(_)) => "now long-running",
                (_, MethodKind::Exists(_)) => "now answers whether it exists",
                (MethodKind::Pager(_), _) => "no longer pageable",
                (MethodKind::Poller(_), _) => "no longer long-running",
                _ => "no longer answers whether it exists",
            };
            let what = |kind: &MethodKind| match kind {
                MethodKind::Plain(_) => "one response",
                MethodKind::Pager(_) => "a pager of items",
                MethodKind::Poller(_) => "a poller",
                MethodKind::Exists(_) => "whether the resource exists",
            };
            out.push(
                Area::Operation,
                id,
                change,
                arrow(returns(a), returns(b)),
                Impact::Breaking,
                format!("the method now returns {} instead of {}", what(b), what(a)),
            );
        }
    }
}

/// The marker type a bodiless method's `Response` carries when it has typed headers: gaining,
/// losing or renaming it changes the return type.
fn diff_marker(id: &str, old: &PlainModel, new: &PlainModel, out: &mut Changes<'_>) {
    if old.result.is_some() || new.result.is_some() {
        return;
    }
    let marker = |p: &PlainModel| p.headers.as_ref().and_then(|h| h.marker.clone());
    let (a, b) = (marker(old), marker(new));
    if a == b {
        return;
    }
    let spelled = |m: &Option<String>| match m {
        Some(m) => format!("Response<{m}, NoFormat>"),
        None => "Response<(), NoFormat>".into(),
    };
    let detail = arrow(spelled(&a), spelled(&b));
    let reason = format!(
        "the method returns `{}` instead of `{}` (the type its typed headers trait is implemented for); code naming the old type no longer compiles",
        spelled(&b),
        spelled(&a)
    );
    out.push(Area::Operation, format!("{id} response"), "type changed", detail, Impact::Breaking, reason);
}

/// The typed response headers of a plain method: an accessor added is an addition, one removed
/// or retyped breaks the code calling it.
fn diff_typed_headers(id: &str, old: &PlainModel, new: &PlainModel, out: &mut Changes<'_>) {
    let empty = Vec::new();
    let accessors = |p: &PlainModel| p.headers.as_ref().map(|h| &h.accessors).unwrap_or(&empty).clone();
    let trait_of = |p: &PlainModel| p.headers.as_ref().map(|h| h.trait_name.clone()).unwrap_or_default();
    let (a, b) = (accessors(old), accessors(new));
    for header in &b {
        let subject = format!("{id} response header {}", header.wire_name);
        match a.iter().find(|h| h.wire_name.eq_ignore_ascii_case(&header.wire_name)) {
            None => out.push(
                Area::Operation,
                subject,
                "added",
                format!("`{}::{}`", trait_of(new), header.method),
                Impact::Addition,
                "a new typed accessor of the response",
            ),
            Some(was) => {
                let (ta, tb) = (rust_shape(&out.old.types, &was.ty), rust_shape(&out.new.types, &header.ty));
                if ta != tb || was.method != header.method {
                    out.push(
                        Area::Operation,
                        subject,
                        "accessor changed",
                        arrow(format!("{}() -> Option<{ta}>", was.method), format!("{}() -> Option<{tb}>", header.method)),
                        Impact::Breaking,
                        "code calling the old accessor no longer compiles",
                    );
                }
            }
        }
    }
    for header in &a {
        if !b.iter().any(|h| h.wire_name.eq_ignore_ascii_case(&header.wire_name)) {
            out.push(
                Area::Operation,
                format!("{id} response header {}", header.wire_name),
                "removed",
                format!("`{}::{}`", trait_of(old), header.method),
                Impact::Breaking,
                "the typed accessor is gone; code calling it no longer compiles",
            );
        }
    }
}

/// How a result type is wrapped in a method's return type.
#[derive(Debug, Clone, Copy)]
enum Wrap {
    /// `Response<T>` (`Response<(), NoFormat>` without a body).
    Response,
    /// `Poller<OperationStatus<T>>` (`Poller<OperationStatus<(), NoFormat>>` without a result).
    Poller,
}

impl Wrap {
    fn text(self, ty: Option<String>) -> String {
        match (self, ty) {
            (Wrap::Response, Some(ty)) => format!("Response<{ty}>"),
            (Wrap::Response, None) => "Response<(), NoFormat>".into(),
            (Wrap::Poller, Some(ty)) => format!("Poller<OperationStatus<{ty}>>"),
            (Wrap::Poller, None) => "Poller<OperationStatus<(), NoFormat>>".into(),
        }
    }
}

/// A method's return type as the signature spells it (type aliases by name; module paths, the
/// `azure_core::Result` around it and `OperationStatus`'s default `JsonFormat` left out):
/// `Response<JobResponse>`, `Pager<JobResponseListResult>`, `Poller<OperationStatus<Job>>`.
fn returns(kind: &MethodKind) -> String {
    match kind {
        MethodKind::Plain(plain) => match (&plain.result, plain.headers.as_ref().and_then(|h| h.marker.as_ref())) {
            _ if plain.streamed => {
                format!("AsyncResponse<{}>", plain.headers.as_ref().and_then(|h| h.marker.as_deref()).unwrap_or("()"))
            }
            (None, Some(marker)) => format!("Response<{marker}, NoFormat>"),
            (result, _) => Wrap::Response.text(result.as_ref().map(spelled)),
        },
        MethodKind::Pager(pager) => format!("Pager<{}>", pager.list_type),
        MethodKind::Poller(PollerModel { pages: Some(pages), .. }) => format!("async Pager<{}>", pages.list_type),
        MethodKind::Poller(poller) => Wrap::Poller.text(poller.result.as_ref().map(spelled)),
        MethodKind::Exists(_) => "bool".into(),
    }
}

/// The Rust type of `ty` as the emitted code spells it (a type alias by its name), from the one
/// mapping, `rust_types`.
fn spelled(ty: &TypeRef) -> String {
    rust_types::spelled(ty)
}

/// The Rust type of a result as the compiler sees it (aliases seen through), wrapped.
fn resolved(types: &BTreeMap<String, TypeDef>, wrap: Wrap, ty: Option<&TypeRef>) -> String {
    wrap.text(ty.map(|ty| rust_shape(types, ty)))
}

/// A plain method's response type or a poller's result type: breaking when the Rust type
/// changes, compatible when only its spelling does (a type alias for what it names).
fn diff_result(
    subject: &str,
    wrap: Wrap,
    old: Option<&TypeRef>,
    new: Option<&TypeRef>,
    new_op: &Operation,
    out: &mut Changes<'_>,
) {
    if old == new {
        return;
    }
    let (spelled_old, spelled_new) = (wrap.text(old.map(spelled)), wrap.text(new.map(spelled)));
    let (resolved_old, resolved_new) = (resolved(&out.old.types, wrap, old), resolved(&out.new.types, wrap, new));
    let detail = if spelled_old != spelled_new {
        arrow(&spelled_old, &spelled_new)
    } else {
        let spec = |ty: Option<&TypeRef>| ty.map(spec_type).unwrap_or_else(|| "nothing".into());
        arrow(spec(old), spec(new))
    };
    if resolved_old == resolved_new {
        let reason = if spelled_old != spelled_new {
            format!("a type alias names the same Rust type: it stays `{resolved_new}`")
        } else {
            format!("only the wire format changes; the Rust type stays `{resolved_new}`")
        };
        out.push(Area::Operation, subject, "type changed", detail, Impact::Compatible, reason);
        return;
    }
    let mut reason = format!(
        "the method returns `{resolved_new}` instead of `{resolved_old}`; code using the old type no longer compiles"
    );
    if new == Some(&TypeRef::Any) {
        if let Some(bodies) = differing_bodies(new_op) {
            reason.push_str(&format!(
                " (the success responses have different bodies, {bodies}, so the crate decodes none of them into a model)"
            ));
        }
    }
    out.push(Area::Operation, subject, "type changed", detail, Impact::Breaking, reason);
}

/// The bodies of `op`'s success responses, when they are not all the same type: `200 `Thing`,
/// 201 `Other``. This explains the client model's `serde_json::Value`, it does not decide it.
fn differing_bodies(op: &Operation) -> Option<String> {
    let bodies: Vec<(StatusCode, &TypeRef)> =
        op.responses.iter().filter(|r| !r.is_error).filter_map(|r| r.ty.as_ref().map(|ty| (r.status, ty))).collect();
    let first = bodies.first()?.1;
    if bodies.iter().all(|(_, ty)| *ty == first) {
        return None;
    }
    Some(
        bodies
            .iter()
            .map(|(status_code, ty)| format!("{} `{}`", status(*status_code), spec_type(ty)))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn diff_pager(id: &str, old: &PagerModel, new: &PagerModel, out: &mut Changes<'_>) {
    if old.list_type != new.list_type {
        out.push(
            Area::Operation,
            format!("{id} response"),
            "type changed",
            arrow(format!("Pager<{}>", old.list_type), format!("Pager<{}>", new.list_type)),
            Impact::Breaking,
            format!(
                "each page is a `{}` instead of a `{}`; code naming the pager's type no longer compiles",
                new.list_type, old.list_type
            ),
        );
    }
    diff_type_use(Area::Operation, &format!("{id} items"), "type changed", &old.item_type, &new.item_type, out);
    if old.item_field != new.item_field {
        out.push(
            Area::Operation,
            id,
            "item field changed",
            arrow(&old.item_field, &new.item_field),
            Impact::Compatible,
            "the pager reads its items from another field of the page; what it yields is judged by the item type",
        );
    }
    let link = |pager: &PagerModel| pager.next_link.as_ref().map(|l| l.field.clone()).unwrap_or_else(|| "none".into());
    if link(old) != link(new) {
        out.push(
            Area::Operation,
            id,
            "next-link field changed",
            arrow(link(old), link(new)),
            Impact::Compatible,
            "the pager follows another field of the page; what it yields is unchanged",
        );
    }
    diff_statuses(id, &old.success_codes, &new.success_codes, &[], out);
}

fn diff_poller(id: &str, old: &PollerModel, new: &PollerModel, new_op: &Operation, out: &mut Changes<'_>) {
    // A long-running operation that becomes (or stops being) pageable changes what it returns.
    if old.pages.is_some() != new.pages.is_some() {
        let (a, b) = (MethodKind::Poller(old.clone()), MethodKind::Poller(new.clone()));
        out.push(
            Area::Operation,
            id,
            if new.pages.is_some() { "now pageable" } else { "no longer pageable" },
            arrow(returns(&a), returns(&b)),
            Impact::Breaking,
            "the method now returns a different type",
        );
        return;
    }
    if let (Some(a), Some(b)) = (&old.pages, &new.pages) {
        diff_pager(id, a, b, out);
    }
    let subject = format!("{id} long-running result");
    diff_result(&subject, Wrap::Poller, old.result.as_ref(), new.result.as_ref(), new_op, out);
    // Without a result there is nowhere to read it from: `FinalState::None` follows the result.
    if old.final_state != new.final_state && old.result.is_some() && new.result.is_some() {
        out.push(
            Area::Operation,
            id,
            "final state changed",
            arrow(format!("FinalState::{}", old.final_state.name()), format!("FinalState::{}", new.final_state.name())),
            Impact::Compatible,
            format!(
                "the poller reads the final result from {} instead of {}",
                final_state_source(new.final_state),
                final_state_source(old.final_state)
            ),
        );
    }
    diff_statuses(id, &old.initial_codes, &new.initial_codes, &[], out);
}

/// A `HEAD` answering whether the resource exists: the statuses that mean it does, and whether a
/// `404` means it does not (`Ok(false)`) or is an error.
fn diff_exists(id: &str, old: &ExistsModel, new: &ExistsModel, out: &mut Changes<'_>) {
    diff_statuses(id, &old.true_codes, &new.true_codes, &[], out);
    for &code in new.false_codes.iter().filter(|c| !old.false_codes.contains(c)) {
        out.push(
            Area::Operation,
            format!("{id} response {code}"),
            "now means absent",
            "",
            Impact::Compatible,
            "the method answers `false` where it returned an error",
        );
    }
    for &code in old.false_codes.iter().filter(|c| !new.false_codes.contains(c)) {
        out.push(
            Area::Operation,
            format!("{id} response {code}"),
            "no longer means absent",
            "",
            Impact::Breaking,
            "the method returns an error where it answered `false`",
        );
    }
}

/// Where a poller reads its final result, for reasons.
fn final_state_source(state: FinalState) -> &'static str {
    match state {
        FinalState::OriginalUri => "a GET of the operation's own URL",
        FinalState::Location => "a GET of the first response's `Location`",
        FinalState::AsyncOperation => "the operation monitor's answer",
        FinalState::None => "nowhere",
    }
}

/// A status code as the spec writes it.
pub(super) fn status(s: StatusCode) -> String {
    match s {
        StatusCode::Code(c) => c.to_string(),
        StatusCode::Default => "default".into(),
    }
}

/// The statuses a method accepts as success (none listed: any 2xx). `bodiless` are the new
/// method's success statuses whose answer has no body while another's has one.
fn diff_statuses(id: &str, old: &[u16], new: &[u16], bodiless: &[u16], out: &mut Changes<'_>) {
    let accepts =
        |codes: &[u16], code: u16| if codes.is_empty() { (200..300).contains(&code) } else { codes.contains(&code) };
    if old.is_empty() != new.is_empty() {
        let show = |codes: &[u16]| {
            if codes.is_empty() {
                "any 2xx".to_string()
            } else {
                codes.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
            }
        };
        out.push(
            Area::Operation,
            format!("{id} response"),
            "success statuses changed",
            arrow(show(old), show(new)),
            Impact::Compatible,
            "the method accepts other statuses as success; any other is an error",
        );
        return;
    }
    for &code in new.iter().filter(|&&c| !accepts(old, c)) {
        let reason = if bodiless.contains(&code) {
            "the method now accepts it as a success (it was an error); its answer has no body, which `into_model()` reads as `None`"
        } else {
            "the method now accepts it as a success (it was an error)"
        };
        out.push(Area::Operation, format!("{id} response {code}"), "status added", "", Impact::Compatible, reason);
    }
    for &code in old.iter().filter(|&&c| !accepts(new, c)) {
        out.push(
            Area::Operation,
            format!("{id} response {code}"),
            "status removed",
            "",
            Impact::Compatible,
            "the service no longer documents it; should it still answer so, the method returns an error",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{api, diff, find, op};
    use super::super::Impact;
    use crate::ir::testing::{self, field, object};
    use crate::ir::{HttpMethod, LongRunning, Pageable, Primitive, TypeDef, TypeKind, TypeRef};

    /// A list type `name` of `Job` items under `value`, linked by `nextLink`.
    fn list(name: &str) -> (String, TypeDef) {
        let items = TypeRef::Array(Box::new(TypeRef::Named("Job".into())));
        let next = field("nextLink", TypeRef::Primitive(Primitive::String), false, true);
        object(name, vec![field("value", items, false, false), next])
    }

    fn pageable() -> Pageable {
        Pageable { next_link_name: Some("nextLink".into()), item_name: "value".into(), operation_name: None }
    }

    #[test]
    fn a_success_response_gaining_a_different_body_makes_the_method_return_json() {
        let mut old = api("1");
        old.operations = vec![op("Jobs_Create", "/jobs/{id}")];
        old.operations[0].method = HttpMethod::Put;
        let mut new = old.clone();
        new.operations[0].responses.push(testing::response(201, Some(TypeRef::Named("Other".into()))));
        let report = diff(&old, &new);
        let change = find(&report, "Jobs_Create response", "type changed");
        assert_eq!(change.impact, Impact::Breaking);
        assert_eq!(change.detail, "`Response<Job>` → `Response<serde_json::Value>`");
        assert!(change.reason.contains("200 `Job`, 201 `Other`"), "{}", change.reason);
        // The same body on the 201 changes no type: only a new accepted status.
        new.operations[0].responses[1].ty = Some(TypeRef::Named("Job".into()));
        let report = diff(&old, &new);
        assert!(!report.changes.iter().any(|c| c.change == "type changed"), "{:#?}", report.changes);
        assert_eq!(find(&report, "Jobs_Create response 201", "status added").impact, Impact::Compatible);
    }

    #[test]
    fn becoming_pageable_or_long_running_changes_what_the_method_returns() {
        let mut old = api("1");
        old.operations = vec![op("Jobs_List", "/jobs"), op("Jobs_Run", "/jobs/run")];
        old.types.extend([list("JobList")]);
        let mut new = old.clone();
        new.operations[0].pageable = Some(pageable());
        new.operations[0].responses[0].ty = Some(TypeRef::Named("JobList".into()));
        new.operations[1].long_running = Some(LongRunning { final_state_via: None, final_state_schema: None });
        let report = diff(&old, &new);
        let paged = find(&report, "Jobs_List", "now pageable");
        assert_eq!((paged.impact, paged.detail.as_str()), (Impact::Breaking, "`Response<Job>` → `Pager<JobList>`"));
        let polled = find(&report, "Jobs_Run", "now long-running");
        assert_eq!(polled.detail, "`Response<Job>` → `Poller<OperationStatus<Job>>`");
        // The kind change says it all: no separate response type change.
        assert!(!report.changes.iter().any(|c| c.subject == "Jobs_List response"));
        // A pageable operation that is also long-running waits, then pages, as the crate emits it.
        new.operations[0].long_running = Some(LongRunning { final_state_via: None, final_state_schema: None });
        let report = diff(&old, &new);
        assert_eq!(find(&report, "Jobs_List", "now long-running").detail, "`Response<Job>` → `async Pager<JobList>`");
    }

    #[test]
    fn a_long_running_result_and_final_state_as_the_poller_reads_them() {
        let lro = LongRunning { final_state_via: None, final_state_schema: None };
        let mut old = api("1");
        old.operations = vec![op("Jobs_Create", "/jobs/{id}"), op("Jobs_Delete", "/jobs/{id}")];
        old.operations[0].method = HttpMethod::Put;
        old.operations[0].long_running = Some(lro.clone());
        old.operations[1].method = HttpMethod::Delete;
        old.operations[1].long_running = Some(lro.clone());
        old.operations[1].responses = vec![crate::ir::testing::response(202, None), crate::ir::testing::response(204, None)];
        let mut new = old.clone();
        new.operations[0].long_running =
            Some(LongRunning { final_state_schema: Some(TypeRef::Named("Job".into())), ..lro.clone() });
        assert!(diff(&old, &new).changes.is_empty(), "the schema names the 200 body's type: nothing changes");
        let via = Some(crate::ir::FinalStateVia::Location);
        new.operations[0].long_running =
            Some(LongRunning { final_state_schema: Some(TypeRef::Named("Other".into())), final_state_via: via });
        // A DELETE without a result body has no result, so where it would be read changes
        // nothing the crate does.
        new.operations[1].long_running = Some(LongRunning { final_state_via: via, ..lro });
        let report = diff(&old, &new);
        let change = find(&report, "Jobs_Create long-running result", "type changed");
        assert_eq!(change.impact, Impact::Breaking);
        assert_eq!(change.detail, "`Poller<OperationStatus<Job>>` → `Poller<OperationStatus<Other>>`");
        let state = find(&report, "Jobs_Create", "final state changed");
        assert_eq!(
            (state.impact, state.detail.as_str()),
            (Impact::Compatible, "`FinalState::OriginalUri` → `FinalState::Location`")
        );
        assert!(!report.changes.iter().any(|c| c.subject.starts_with("Jobs_Delete")), "{:#?}", report.changes);
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
        let report = diff(&old, &new);
        let response = find(&report, "Jobs_List response", "type changed");
        assert_eq!(response.impact, Impact::Compatible, "`JobList` is `Vec<Job>` in Rust");
        assert_eq!(response.detail, "`Response<JobList>` → `Response<Vec<Job>>`");
        assert_eq!(find(&report, "JobList", "removed").impact, Impact::Breaking);
    }

    #[test]
    fn a_head_answers_whether_the_resource_exists() {
        let mut old = api("1");
        let mut exists = testing::operation("Jobs_Exists", HttpMethod::Head, "/jobs/{id}");
        exists.responses.push(testing::response(204, None));
        old.operations = vec![exists, op("Jobs_Check", "/check/{id}")];
        let mut new = old.clone();
        new.operations[0].responses.push(testing::response(404, None));
        new.operations[1].method = HttpMethod::Head;
        let report = diff(&old, &new);
        assert_eq!(find(&report, "Jobs_Exists response 404", "now means absent").impact, Impact::Compatible);
        let check = find(&report, "Jobs_Check", "now answers whether it exists");
        assert_eq!((check.impact, check.detail.as_str()), (Impact::Breaking, "`Response<Job>` → `bool`"));
        let report = diff(&new, &old);
        assert_eq!(find(&report, "Jobs_Exists response 404", "no longer means absent").impact, Impact::Breaking);
    }
}
