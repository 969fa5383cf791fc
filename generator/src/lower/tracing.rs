//! The names the emitted clients' tracing spans carry, decided once: the crate's Azure namespace
//! (`az.namespace`) and each method's span name.
//!
//! Official azure_core 1.x crates are instrumented by Azure's TypeSpec emitter
//! (`Azure/typespec-rust`): the constructor names the namespace (`#[tracing::new("KeyVault")]`)
//! and each public method its span (`#[tracing::function("KeyVault.getSecret")]`), the
//! operation's cross-language id: the TypeSpec namespace, the interface (operation group) and the
//! operation, camelCase (`Azure.ResourceManager.NonResource.NonResourceOperations.get`). An
//! OpenAPI spec has no TypeSpec namespace; for Resource Manager the namespace is the resource
//! provider its paths name, which is also what azure_core's tracing docs ask `az.namespace` to be
//! (`Microsoft.Devices` for IoT Hub); the group and operation come from the `operationId`
//! (`IotHubResource_GetJob` → `IotHubResource.getJob`), as a TypeSpec conversion of the spec names
//! its interfaces and operations.

use std::collections::BTreeMap;

use crate::ir::{Namespace, NamespaceSource, Operation};

/// The crate's namespace: the resource provider named by the most operations' paths
/// (`/providers/Microsoft.Devices/...`; the first named wins a tie), else `root_name` without its
/// `Client` suffix.
pub(crate) fn lower_namespace(operations: &[Operation], root_name: &str) -> Namespace {
    // Provider → (operations naming it, first operation naming it).
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (index, operation) in operations.iter().enumerate() {
        if let Some(provider) = provider_of(&operation.path) {
            let entry = counts.entry(provider).or_insert((0, index));
            entry.0 += 1;
        }
    }
    let best = counts.into_iter().max_by(|(_, (count_a, first_a)), (_, (count_b, first_b))| {
        count_a.cmp(count_b).then(first_b.cmp(first_a))
    });
    match best {
        Some((provider, _)) => Namespace { name: provider.to_string(), source: NamespaceSource::ResourceProvider },
        None => Namespace {
            name: root_name.strip_suffix("Client").filter(|s| !s.is_empty()).unwrap_or(root_name).to_string(),
            source: NamespaceSource::Title,
        },
    }
}

/// The resource provider a path names: the segment after its last `providers` that is a
/// namespace literal (`Microsoft.Devices`), not a `{parameter}`.
fn provider_of(path: &str) -> Option<&str> {
    let segments: Vec<&str> = path.split('/').collect();
    segments
        .windows(2)
        .rev()
        .find(|pair| pair[0].eq_ignore_ascii_case("providers") && is_namespace(pair[1]))
        .map(|pair| pair[1])
}

/// `Company.Service[.More]`: dotted words of letters and digits, each starting with a letter.
fn is_namespace(segment: &str) -> bool {
    let words: Vec<&str> = segment.split('.').collect();
    words.len() >= 2
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && w.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// The span name of an operation's method: `{namespace}.{group}.{operation}`, the group as the
/// `operationId` writes it and the operation with its first letter lowercased
/// (`Microsoft.Devices.IotHubResource.getJob`); without a group, `{namespace}.{operation}`.
pub(crate) fn span_name(namespace: &Namespace, operation: &Operation) -> String {
    let (group, name) = match operation.id.split_once('_') {
        Some((group, name)) if !group.is_empty() && !name.is_empty() => (Some(group), name),
        _ => (None, operation.id.as_str()),
    };
    let mut chars = name.chars();
    let name: String = chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default();
    match group {
        Some(group) => format!("{}.{group}.{name}", namespace.name),
        None => format!("{}.{name}", namespace.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::testing::operation;
    use crate::ir::HttpMethod;

    #[test]
    fn the_namespace_is_the_provider_most_paths_name() {
        let ops = vec![
            operation("Operations_List", HttpMethod::Get, "/providers/Microsoft.Devices/operations"),
            operation(
                "IotHubResource_Get",
                HttpMethod::Get,
                "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Devices/IotHubs/{resourceName}",
            ),
            operation("Other_Get", HttpMethod::Get, "/subscriptions/{s}/providers/Microsoft.Resources/things"),
        ];
        let namespace = lower_namespace(&ops, "IotHubClient");
        assert_eq!(namespace, Namespace { name: "Microsoft.Devices".into(), source: NamespaceSource::ResourceProvider });
    }

    #[test]
    fn a_provider_parameter_or_nested_providers_segment_is_read_right() {
        assert_eq!(provider_of("/{scope}/providers/{resourceProviderNamespace}/things"), None);
        assert_eq!(
            provider_of("/subscriptions/s/providers/Microsoft.Devices/IotHubs/h/providers/Microsoft.Insights/diagnosticSettings"),
            Some("Microsoft.Insights")
        );
        assert_eq!(provider_of("/providers/microsoft.devices/x"), Some("microsoft.devices"));
        assert_eq!(provider_of("/providers/operations"), None);
    }

    #[test]
    fn without_a_provider_the_root_client_names_the_namespace() {
        let ops = vec![operation("bool_getTrue", HttpMethod::Get, "/bool/true")];
        let namespace = lower_namespace(&ops, "AutoRestBoolTestServiceClient");
        assert_eq!(namespace, Namespace { name: "AutoRestBoolTestService".into(), source: NamespaceSource::Title });
    }

    #[test]
    fn span_names_are_namespace_group_and_camel_case_operation() {
        let namespace = Namespace { name: "Microsoft.Devices".into(), source: NamespaceSource::ResourceProvider };
        let op = operation("IotHubResource_GetJob", HttpMethod::Get, "/x");
        assert_eq!(span_name(&namespace, &op), "Microsoft.Devices.IotHubResource.getJob");
        let op = operation("CheckNameAvailability", HttpMethod::Post, "/x");
        assert_eq!(span_name(&namespace, &op), "Microsoft.Devices.checkNameAvailability");
        let op = operation("paths_getETag", HttpMethod::Get, "/x");
        assert_eq!(span_name(&namespace, &op), "Microsoft.Devices.paths.getETag");
    }
}
