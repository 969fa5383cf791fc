//! Drivers of `model-flattening.json`: models whose `x-ms-client-flatten` properties travel nested
//! on the wire (`properties`, `details`, `max_product_image`), in arrays, maps and a collection of
//! both, read and written; a flattened body parameter, and one in a parameter group. The crate
//! keeps the nesting in its models (as Azure's Rust crates do): the scenarios check the wire.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use std::collections::HashMap;

use conformance_drivers::{assert_ok, client_options, credential, endpoint, inexpressible, succeeded};
use model_flattening::clients::*;
use model_flattening::models::{
    FlattenedProduct, FlattenedProductProperties, ProductUrl, Resource, ResourceCollection, SimpleProduct, SimpleProductProperties,
    SimpleProductPropertiesMaxProductCapacity,
};
use model_flattening::{AutoRestResourceFlatteningTestServiceClient, AutoRestResourceFlatteningTestServiceClientOptions};

type Client = AutoRestResourceFlatteningTestServiceClient;

fn client() -> Client {
    let options = AutoRestResourceFlatteningTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    Client::new(credential(), Some(options)).expect("a client")
}

fn tags() -> HashMap<String, String> {
    [("tag1", "value1"), ("tag2", "value3")].into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// What a product read from the server holds: (id, name, location, type, tags, and of its
/// flattened `properties`: p.name, type, provisioningState, provisioningStateValues).
type Seen = (Option<String>, Option<String>, Option<String>, Option<String>, Option<HashMap<String, String>>, Option<(Option<String>, Option<String>, Option<String>, Option<String>)>);

fn seen(product: &FlattenedProduct) -> Seen {
    let properties = product.properties.as_ref().map(|p| {
        (p.p_name.clone(), p.type_.clone(), p.provisioning_state.clone(), p.provisioning_state_values.as_ref().map(|v| v.as_str().to_string()))
    });
    (product.id.clone(), product.name.clone(), product.location.clone(), product.type_.clone(), product.tags.clone(), properties)
}

fn s(value: &str) -> Option<String> {
    Some(value.to_string())
}

/// The first product of every get scenario, with its flattened properties.
fn full(id: &str, name: &str, p_name: &str) -> Seen {
    (s(id), s(name), s("Building 44"), s("Microsoft.Web/sites"), Some(tags()), Some((s(p_name), s("Flat"), s("Succeeded"), s("OK"))))
}

fn bare(id: &str, name: &str, location: Option<&str>) -> Seen {
    (s(id), s(name), location.map(str::to_string), None, None, None)
}

fn product_properties(p_name: &str) -> FlattenedProductProperties {
    let mut properties = FlattenedProductProperties::default();
    properties.p_name = s(p_name);
    properties.type_ = s("Flat");
    properties
}

fn product(location: &str, tags: Option<HashMap<String, String>>, p_name: &str) -> FlattenedProduct {
    let mut product = FlattenedProduct::default();
    product.location = s(location);
    product.tags = tags;
    product.properties = Some(product_properties(p_name));
    product
}

/// The map of `putModelFlattenDictionary` (and of the collection's dictionary).
fn product_map() -> HashMap<String, FlattenedProduct> {
    [("Resource1", product("West US", Some(tags()), "Product1")), ("Resource2", product("Building 44", None, "Product2"))]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

#[tokio::test]
async fn get_model_flatten_array() {
    let products = succeeded("get_array", client().get_array(None).await.and_then(|r| r.into_model()));
    assert_eq!(
        products.iter().map(seen).collect::<Vec<_>>(),
        vec![full("1", "Resource1", "Product1"), bare("2", "Resource2", Some("Building 44")), bare("3", "Resource3", None)]
    );
}

#[tokio::test]
async fn put_model_flatten_array() {
    // `[{"location": "West US", "tags": {...}}, {"location": "Building 44"}]`.
    let mut first = Resource::default();
    first.location = s("West US");
    first.tags = Some(tags());
    let mut second = Resource::default();
    second.location = s("Building 44");
    let options = AutoRestResourceFlatteningTestServiceClientPutArrayOptions { resource_array: Some(vec![first, second]), ..Default::default() };
    assert_ok("put_array", client().put_array(Some(options)).await);
}

#[tokio::test]
async fn get_model_flatten_dictionary() {
    let products = succeeded("get_dictionary", client().get_dictionary(None).await.and_then(|r| r.into_model()));
    let seen: HashMap<String, Seen> = products.iter().map(|(k, v)| (k.clone(), seen(v))).collect();
    let expected: HashMap<String, Seen> = [
        ("Product1", full("1", "Resource1", "Product1")),
        ("Product2", bare("2", "Resource2", Some("Building 44"))),
        ("Product3", bare("3", "Resource3", None)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn put_model_flatten_dictionary() {
    let options = AutoRestResourceFlatteningTestServiceClientPutDictionaryOptions { resource_dictionary: Some(product_map()), ..Default::default() };
    assert_ok("put_dictionary", client().put_dictionary(Some(options)).await);
}

#[tokio::test]
async fn get_model_flatten_resource_collection() {
    let collection = succeeded("get_resource_collection", client().get_resource_collection(None).await.and_then(|r| r.into_model()));
    assert_eq!(collection.productresource.as_ref().map(seen), Some(bare("7", "Resource7", Some("Building 44"))));
    assert_eq!(
        collection.arrayofresources.as_ref().map(|a| a.iter().map(seen).collect::<Vec<_>>()),
        Some(vec![full("4", "Resource4", "Product4"), bare("5", "Resource5", Some("Building 44")), bare("6", "Resource6", None)])
    );
    let dictionary: Option<HashMap<String, Seen>> =
        collection.dictionaryofresources.as_ref().map(|d| d.iter().map(|(k, v)| (k.clone(), seen(v))).collect());
    assert_eq!(dictionary.as_ref().and_then(|d| d.get("Product1")), Some(&full("1", "Resource1", "Product1")));
    assert_eq!(dictionary.as_ref().map(HashMap::len), Some(3));
}

#[tokio::test]
async fn put_model_flatten_resource_collection() {
    let mut collection = ResourceCollection::default();
    collection.arrayofresources = Some(vec![product("West US", Some(tags()), "Product1"), product("East US", None, "Product2")]);
    collection.dictionaryofresources = Some(product_map());
    collection.productresource = Some(product("India", None, "Azure"));
    let options = AutoRestResourceFlatteningTestServiceClientPutResourceCollectionOptions {
        resource_complex_object: Some(collection.try_into().expect("a JSON body")),
        ..Default::default()
    };
    assert_ok("put_resource_collection", client().put_resource_collection(Some(options)).await);
}

/// The product of the custom flattening scenarios; `generic_value` only in `putModelFlattenCustomBase`.
fn simple_product(generic_value: Option<&str>) -> SimpleProduct {
    let mut image = ProductUrl::default();
    image.odata_value = s("http://foo");
    image.generic_value = generic_value.map(str::to_string);
    let mut details = SimpleProductProperties::new("max name", SimpleProductPropertiesMaxProductCapacity::Large);
    details.max_product_image = Some(image);
    let mut product = SimpleProduct::new("123");
    product.description = s("product description");
    product.details = Some(details);
    product
}

/// Fails a scenario whose body carries the constant `max_product_capacity`, which the caller had
/// to give.
#[track_caller]
fn capacity_asked() -> ! {
    inexpressible(
        "`SimpleProductProperties::new` asks the caller for `capacity` (`max_product_capacity`), which the spec fixes \
         to the constant `Large` (a one-value enum with `modelAsString: false`): a constant is the client's to send",
    )
}

#[tokio::test]
async fn put_model_flatten_custom_base() {
    let sent = simple_product(Some("https://generic"));
    let options = AutoRestResourceFlatteningTestServiceClientPutSimpleProductOptions {
        simple_body_product: Some(sent.clone().try_into().expect("a JSON body")),
        ..Default::default()
    };
    let answer = succeeded("put_simple_product", client().put_simple_product(Some(options)).await.and_then(|r| r.into_model()));
    assert_eq!(answer, sent, "the product answered back");
    capacity_asked();
}

#[tokio::test]
async fn post_model_flatten_custom_parameter() {
    // The body parameter is `x-ms-client-flatten`; the crate takes the model.
    let sent = simple_product(None);
    let options = AutoRestResourceFlatteningTestServiceClientPostFlattenedSimpleProductOptions {
        simple_body_product: Some(sent.clone().try_into().expect("a JSON body")),
        ..Default::default()
    };
    let answer =
        succeeded("post_flattened_simple_product", client().post_flattened_simple_product(Some(options)).await.and_then(|r| r.into_model()));
    assert_eq!(answer, sent, "the product answered back");
    capacity_asked();
}

#[tokio::test]
async fn put_model_flatten_custom_grouped_parameter() {
    // The body and the path's `name` are in the parameter group `flatten-parameter-group`.
    let sent = simple_product(None);
    let options = AutoRestResourceFlatteningTestServiceClientPutSimpleProductWithGroupingOptions {
        simple_body_product: Some(sent.clone().try_into().expect("a JSON body")),
        ..Default::default()
    };
    let answer = succeeded(
        "put_simple_product_with_grouping",
        client().put_simple_product_with_grouping("groupproduct", Some(options)).await.and_then(|r| r.into_model()),
    );
    assert_eq!(answer, sent, "the product answered back");
    capacity_asked();
}
