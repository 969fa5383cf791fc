//! Parameters: how a caller passes each one in the emitted crate, as the client model says (a
//! positional argument, a field of an options struct, nothing for a constant, or the client's
//! own value), at the client's constructor and at each method.

use std::collections::BTreeSet;
use std::fmt;

use super::{arrow, diff_type_use, json, wire, Area, Changes, Impact};
use crate::ir::{Api, Method, Operation, ParamLocation, TypeRef, ValueSource};

/// How a caller passes a parameter, with its name in Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Pass {
    /// A positional argument (of the method, or of the client's constructor), by name.
    Argument(String),
    /// A field of an options struct (the method's, or the client's), by name.
    Option(String),
    /// Not at all: a constant the client sends, in its wire form.
    Constant(String),
    /// Not at the method: the client's value (a client parameter, the api-version).
    Client,
}

/// `Pass` without the names, for comparing and for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Argument,
    Option,
    Constant,
    Client,
}

impl Pass {
    fn how(&self) -> How {
        match self {
            Pass::Argument(_) => How::Argument,
            Pass::Option(_) => How::Option,
            Pass::Constant(_) => How::Constant,
            Pass::Client => How::Client,
        }
    }

    /// The argument's or the options field's name.
    fn rust_name(&self) -> Option<&str> {
        match self {
            Pass::Argument(name) | Pass::Option(name) => Some(name),
            Pass::Constant(_) | Pass::Client => None,
        }
    }
}

impl fmt::Display for How {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            How::Argument => "a positional argument",
            How::Option => "an option",
            How::Constant => "a constant the client sends",
            How::Client => "a client parameter",
        })
    }
}

/// One parameter as a caller of the crate meets it.
#[derive(Debug, Clone)]
pub(super) struct Param<'a> {
    /// The wire name.
    wire: &'a str,
    /// Where it travels.
    location: ParamLocation,
    /// Its type.
    ty: &'a TypeRef,
    /// How it is passed, from the client model.
    pass: Pass,
    /// The spec's `default`: the client does not send it, but the service assumes it when the
    /// caller sets nothing.
    default: Option<&'a serde_json::Value>,
}

/// The client-level parameters (the api-version aside, which every client carries): the root
/// client's required fields are constructor arguments, its other fields options, and a
/// parameter without a field a constant.
pub(super) fn client_params(api: &Api) -> Vec<Param<'_>> {
    api.client_parameters
        .iter()
        .filter(|p| !p.name.eq_ignore_ascii_case("api-version"))
        .map(|p| {
            let pass = match api.clients.root.fields.iter().find(|f| f.wire_name == p.name) {
                Some(field) if field.required => Pass::Argument(field.field.clone()),
                Some(field) => Pass::Option(field.field.clone()),
                None => Pass::Constant(p.constant.as_ref().map(wire).unwrap_or_default()),
            };
            Param { wire: &p.name, location: p.location, ty: &p.ty, pass, default: p.default.as_ref() }
        })
        .collect()
}

/// A method's non-body parameters, as its client model passes them (`op` is its operation,
/// read for the spec's defaults only).
pub(super) fn method_params<'a>(op: &'a Operation, method: &'a Method) -> Vec<Param<'a>> {
    method
        .params
        .iter()
        .map(|p| Param {
            wire: &p.wire_name,
            location: p.location,
            ty: &p.ty,
            pass: match &p.source {
                ValueSource::Positional { name } => Pass::Argument(name.clone()),
                ValueSource::Optional { field } => Pass::Option(field.clone()),
                ValueSource::Constant(value) => Pass::Constant(value.clone()),
                ValueSource::Client { .. } | ValueSource::ApiVersion => Pass::Client,
            },
            default: op
                .parameters
                .iter()
                .find(|q| q.name == p.wire_name && q.location == p.location)
                .and_then(|q| q.default.as_ref()),
        })
        .collect()
}

/// Compares two parameter lists, matched by wire name and location, then (for parameters renamed
/// on the wire) by Rust name. `prefix` goes before each parameter's name in the subject; `owner`
/// names what takes them (`the client`, `` `JobsClient::get` ``). A method's parameters taken
/// from the client on both sides are compared once, at the client.
pub(super) fn diff_params(
    area: Area,
    prefix: &str,
    old: &[Param<'_>],
    new: &[Param<'_>],
    owner: &str,
    out: &mut Changes<'_>,
) {
    let key = |p: &Param<'_>| (p.wire.to_string(), p.location);
    let old_keys: BTreeSet<_> = old.iter().map(key).collect();
    let new_keys: BTreeSet<_> = new.iter().map(key).collect();
    let removed: Vec<&Param<'_>> =
        old.iter().filter(|p| !new_keys.contains(&key(p)) && p.pass != Pass::Client).collect();
    let added: Vec<&Param<'_>> = new.iter().filter(|p| !old_keys.contains(&key(p)) && p.pass != Pass::Client).collect();
    let mut renamed_old = BTreeSet::new();
    let mut renamed_new = BTreeSet::new();
    for a in &added {
        let Some(name) = a.pass.rust_name() else { continue };
        if let Some(r) = removed.iter().find(|r| r.pass.rust_name() == Some(name) && !renamed_old.contains(&key(r))) {
            renamed_old.insert(key(r));
            renamed_new.insert(key(a));
            let subject = format!("{prefix}{}", a.wire);
            out.push(
                area,
                subject.clone(),
                "renamed on the wire",
                arrow(r.wire, a.wire),
                Impact::Compatible,
                format!("the Rust name `{name}` stays; only the name sent changes"),
            );
            diff_param(area, &subject, r, a, owner, out);
        }
    }
    for p in removed.iter().filter(|p| !renamed_old.contains(&key(p))) {
        let (impact, reason) = match p.pass.how() {
            How::Constant => (Impact::Compatible, "it was a constant the client sent by itself".to_string()),
            how => (Impact::Breaking, format!("it was {how} of {owner}; code passing it no longer compiles")),
        };
        out.push(area, format!("{prefix}{}", p.wire), "removed", "", impact, reason);
    }
    for p in added.iter().filter(|p| !renamed_new.contains(&key(p))) {
        let (impact, reason) = match p.pass.how() {
            How::Argument => (
                Impact::Breaking,
                format!("it is required, so {owner} gains a positional argument and existing calls no longer compile"),
            ),
            How::Option => (Impact::Addition, format!("it is optional: a new option of {owner}")),
            How::Constant | How::Client => {
                (Impact::Compatible, "it is a constant the client sends by itself".to_string())
            }
        };
        out.push(area, format!("{prefix}{}", p.wire), "added", "", impact, reason);
    }
    for n in new {
        if let Some(o) = old.iter().find(|o| key(o) == key(n)) {
            diff_param(area, &format!("{prefix}{}", n.wire), o, n, owner, out);
        }
    }
}

/// Compares one parameter's two versions.
fn diff_param(area: Area, subject: &str, old: &Param<'_>, new: &Param<'_>, owner: &str, out: &mut Changes<'_>) {
    let (ho, hn) = (old.pass.how(), new.pass.how());
    match (ho, hn) {
        (How::Client, How::Client) => return,
        (How::Client, _) | (_, How::Client) => {
            let detail = if hn == How::Client { "method → client" } else { "client → method" };
            out.push(
                area,
                subject,
                "moved",
                detail,
                Impact::Breaking,
                "the parameter moves between the client and the method, changing both signatures",
            );
            return;
        }
        _ => {}
    }
    if ho != hn {
        let impact = if ho == How::Constant && hn == How::Option { Impact::Addition } else { Impact::Breaking };
        let reason = if impact == Impact::Addition {
            "callers may now set it".to_string()
        } else {
            format!("the way it is passed to {owner} changes, so existing calls no longer compile")
        };
        out.push(area, subject, "now passed differently", format!("{ho} → {hn}"), impact, reason);
    } else if let (Some(a), Some(b)) = (old.pass.rust_name(), new.pass.rust_name()) {
        if a != b {
            let (impact, reason) = if hn == How::Argument {
                (Impact::Compatible, "only the argument's name changes; positional calls still compile")
            } else {
                (Impact::Breaking, "the option's Rust name changes")
            };
            out.push(area, subject, "Rust name changed", arrow(a, b), impact, reason);
        }
    }
    diff_type_use(area, subject, "type changed", old.ty, new.ty, out);
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
    if let (Pass::Constant(a), Pass::Constant(b)) = (&old.pass, &new.pass) {
        if a != b {
            out.push(
                area,
                subject,
                "constant changed",
                arrow(a, b),
                Impact::Compatible,
                "the client sends the new value by itself",
            );
        }
    }
    if old.default != new.default && hn == How::Option {
        out.push(
            area,
            subject,
            "default changed",
            arrow(json(&old.default.cloned()), json(&new.default.cloned())),
            Impact::Compatible,
            "callers who do not set it get the new default",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{api, diff, find, op, param};
    use super::super::Impact;
    use crate::ir::ParamLocation;

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
        let report = diff(&old, &new);
        assert_eq!(find(&report, "Jobs_Get parameter $filter", "added").impact, Impact::Addition);
        assert_eq!(find(&report, "Jobs_Get parameter skip", "added").impact, Impact::Breaking);
        let top = find(&report, "Jobs_Get parameter $top", "now passed differently");
        assert_eq!(top.impact, Impact::Breaking);
        assert_eq!(top.detail, "an option → a positional argument");
    }

    #[test]
    fn a_required_parameter_with_a_default_is_positional_as_the_model_says() {
        // The client model passes every required parameter positionally, default or not: adding
        // one breaks calls, and making an optional one required with a default moves it.
        let mut old = api("1");
        let mut get = op("Jobs_Get", "/jobs");
        let mut top = param("$top", false);
        top.location = ParamLocation::Query;
        get.parameters = vec![top.clone()];
        old.operations = vec![get];
        let mut new = old.clone();
        let mut expand = param("$expand", true);
        expand.location = ParamLocation::Query;
        expand.default = Some(serde_json::json!("all"));
        top.required = true;
        top.default = Some(serde_json::json!(10));
        new.operations[0].parameters = vec![top, expand];
        let report = diff(&old, &new);
        assert_eq!(find(&report, "Jobs_Get parameter $expand", "added").impact, Impact::Breaking);
        assert_eq!(find(&report, "Jobs_Get parameter $top", "now passed differently").impact, Impact::Breaking);
    }

    #[test]
    fn a_renamed_option_breaks_and_a_renamed_argument_does_not() {
        let mut old = api("1");
        let mut get = op("Jobs_Get", "/jobs/{id}");
        let mut filter = param("$filter", false);
        filter.location = ParamLocation::Query;
        get.parameters = vec![param("id", true), filter];
        old.operations = vec![get];
        let mut new = old.clone();
        new.operations[0].parameters[0].rust_name = "job_id".into();
        new.operations[0].parameters[1].rust_name = "query".into();
        let report = diff(&old, &new);
        let argument = find(&report, "Jobs_Get parameter id", "Rust name changed");
        assert_eq!((argument.impact, argument.detail.as_str()), (Impact::Compatible, "`id` → `job_id`"));
        // `query` is a local of the method body, but options fields live in their own struct.
        let option = find(&report, "Jobs_Get parameter $filter", "Rust name changed");
        assert_eq!((option.impact, option.detail.as_str()), (Impact::Breaking, "`filter` → `query`"));
    }

    #[test]
    fn client_parameters_follow_the_root_clients_fields() {
        let old = api("1");
        let mut new = old.clone();
        let mut region = param("region", false);
        region.client_level = true;
        region.location = ParamLocation::Query;
        let mut tenant = param("tenantId", true);
        tenant.client_level = true;
        new.client_parameters.extend([region, tenant]);
        let report = diff(&old, &new);
        assert_eq!(find(&report, "region", "added").impact, Impact::Addition);
        assert_eq!(find(&report, "tenantId", "added").impact, Impact::Breaking);
        assert!(!report.changes.iter().any(|c| c.subject == "subscriptionId"));
    }
}
