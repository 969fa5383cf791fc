//! Drivers of `subscriptionId-apiVersion.json`: the subscription id and the api-version as
//! client settings.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{client_options, credential, endpoint};
use subscriptionid_apiversion::{MicrosoftAzureTestUrlClient, MicrosoftAzureTestUrlClientOptions};

#[tokio::test]
async fn subscription_id_and_api_version() {
    let options = MicrosoftAzureTestUrlClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    let client = MicrosoftAzureTestUrlClient::new(credential(), "1234-5678-9012-3456", Some(options)).expect("a client");
    assert_eq!(client.api_version(), "2014-04-01-preview");
    let group = client
        .get_group_client()
        .get_sample_resource_group("testgroup101", None)
        .await
        .expect("the group is read")
        .into_model()
        .expect("a SampleResourceGroup");
    assert_eq!(group.name.as_deref(), Some("testgroup101"));
    assert_eq!(group.location.as_deref(), Some("West US"));
}
