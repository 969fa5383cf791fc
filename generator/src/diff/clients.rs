//! The API as a whole and its clients, from the client model: the default api-version and
//! endpoint, the root client's name (from the spec's title), each sub-client and the root's
//! accessor for it, and the client-level parameters.

use std::collections::{BTreeMap, BTreeSet};

use super::params::{client_params, diff_params};
use super::{arrow, Area, Changes, Impact};
use crate::ir::{Client, ClientModel};

/// The api-version the client sends by default, and its default endpoint.
pub(super) fn diff_api(out: &mut Changes<'_>) {
    let (old, new) = (out.old, out.new);
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
    let (a, b) = (&old.clients.root.endpoint, &new.clients.root.endpoint);
    if a != b {
        out.push(
            Area::Api,
            "endpoint",
            "default changed",
            arrow(a, b),
            Impact::Compatible,
            "only the default endpoint changes; callers that set one are unaffected",
        );
    }
}

/// The root client's name and options type, and the sub-clients by name with their accessors.
pub(super) fn diff_clients(out: &mut Changes<'_>) {
    let (old, new) = (&out.old.clients, &out.new.clients);
    let (root_old, root_new) = (&old.root, &new.root);
    if root_old.name != root_new.name {
        out.push(
            Area::Client,
            &root_new.name,
            "renamed",
            format!(
                "{} (options {})",
                arrow(&root_old.name, &root_new.name),
                arrow(&root_old.options_type, &root_new.options_type)
            ),
            Impact::Breaking,
            "the root client is named after the spec's title; code naming it or its options no longer compiles",
        );
    }
    let accessor = |model: &ClientModel, client: &Client| {
        format!("`{}::{}`", model.root.name, client.accessor.as_deref().unwrap_or_default())
    };
    let (subs_old, subs_new) = (sub_clients(old), sub_clients(new));
    let names: BTreeSet<&str> = subs_old.keys().chain(subs_new.keys()).copied().collect();
    for name in names {
        match (subs_old.get(name), subs_new.get(name)) {
            (Some(o), None) => out.push(
                Area::Client,
                name,
                "removed",
                accessor(old, o),
                Impact::Breaking,
                "the client and its accessor are gone; code using them no longer compiles",
            ),
            (None, Some(n)) => out.push(
                Area::Client,
                name,
                "added",
                accessor(new, n),
                Impact::Addition,
                "a new client, with an accessor on the root client",
            ),
            (Some(o), Some(n)) if o.accessor != n.accessor => out.push(
                Area::Client,
                name,
                "accessor renamed",
                arrow(accessor(old, o).trim_matches('`'), accessor(new, n).trim_matches('`')),
                Impact::Breaking,
                "code calling the old accessor no longer compiles",
            ),
            _ => {}
        }
    }
}

/// The sub-clients (those with an accessor), by name.
fn sub_clients(model: &ClientModel) -> BTreeMap<&str, &Client> {
    model.clients.iter().filter(|c| c.accessor.is_some()).map(|c| (c.name.as_str(), c)).collect()
}

/// The client-level parameters: constructor arguments, client options and constants.
pub(super) fn diff_client_parameters(out: &mut Changes<'_>) {
    let (old, new) = (client_params(out.old), client_params(out.new));
    diff_params(Area::ClientParameter, "", &old, &new, "the client", out);
}

#[cfg(test)]
mod tests {
    use super::super::testing::{api, diff, find, op};
    use super::super::{Area, Impact};

    #[test]
    fn clients_and_accessors_as_the_model_names_them() {
        let mut old = api("1");
        old.operations = vec![op("Jobs_Get", "/jobs/{id}"), op("Gone_Get", "/gone")];
        let mut new = old.clone();
        new.title = "widgetClient".into();
        new.operations = vec![op("Jobs_Get", "/jobs/{id}"), op("Fresh_Get", "/fresh")];
        let report = diff(&old, &new);
        let root = find(&report, "WidgetClient", "renamed");
        assert_eq!(root.impact, Impact::Breaking);
        assert_eq!(
            root.detail,
            "`ThingClient` → `WidgetClient` (options `ThingClientOptions` → `WidgetClientOptions`)"
        );
        assert_eq!(find(&report, "GoneClient", "removed").detail, "`ThingClient::get_gone_client`");
        assert_eq!(find(&report, "FreshClient", "added").detail, "`WidgetClient::get_fresh_client`");
        assert!(!report.changes.iter().any(|c| c.area == Area::Client && c.subject == "JobsClient"));
    }
}
