//! Drivers of `body-complex.json`: models with primitive properties of every format, arrays and
//! maps as properties, inheritance (`allOf`), polymorphism by discriminator (including a
//! discriminator with a dot in its name, one missing from the answer, a subtype that allows
//! additional properties, and recursion), and read-only properties.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use std::collections::HashMap;

use azure_core::http::RequestContent;
use azure_core::time::Duration;
use body_complex::models::{
    ArrayWrapper, Basic, BooleanWrapper, ByteWrapper, CmykColors, DateWrapper, DatetimeWrapper, Datetimerfc1123Wrapper,
    DictionaryWrapper, Dog, DotFish, DotFishMarket, DotSalmon, DoubleWrapper, DurationWrapper, Fish, FloatWrapper,
    GoblinSharkColor, Goblinshark, IntWrapper, LongWrapper, ReadonlyObj, Salmon, Sawshark, Shark, Siamese, SmartSalmon,
    StringWrapper,
};
use body_complex::{AutoRestComplexTestServiceClient, AutoRestComplexTestServiceClientOptions};
use conformance_drivers::{
    assert_decode_error, assert_no_value, assert_ok, assert_value, client_options, credential, endpoint, inexpressible,
    succeeded,
};
use time::macros::{date, datetime};
use time::OffsetDateTime;

fn client() -> AutoRestComplexTestServiceClient {
    let options = AutoRestComplexTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestComplexTestServiceClient::new(credential(), Some(options)).expect("a client")
}

fn body<T>(value: T) -> RequestContent<T>
where
    RequestContent<T>: TryFrom<T, Error = azure_core::Error>,
{
    value.try_into().expect("a JSON body")
}

// ---- basic ----

fn basic(color: CmykColors) -> Basic {
    let mut basic = Basic::default();
    basic.id = Some(2);
    basic.name = Some("abc".to_string());
    basic.color = Some(color);
    basic
}

#[tokio::test]
async fn get_complex_basic_valid() {
    // `{ "id": 2, "name": "abc", "color": "YELLOW" }`.
    assert_value("get_valid", client().get_basic_client().get_valid(None).await.and_then(|r| r.into_model()), basic(CmykColors::Yellow));
}

#[tokio::test]
async fn put_complex_basic_valid() {
    assert_ok("put_valid", client().get_basic_client().put_valid(body(basic(CmykColors::Magenta)), None).await);
}

#[tokio::test]
async fn get_complex_basic_empty() {
    assert_value("get_empty", client().get_basic_client().get_empty(None).await.and_then(|r| r.into_model()), Basic::default());
}

#[tokio::test]
async fn get_complex_basic_not_provided() {
    // The server answers 200 with no body, where the spec's model is not `x-nullable`.
    assert_no_value::<Basic, _, _>(
        "get_not_provided",
        client().get_basic_client().get_not_provided(None).await.and_then(|r| r.into_model()),
        ("get_valid", client().get_basic_client().get_valid(None).await.and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn get_complex_basic_null() {
    // `{ "id": null, "name": null }`.
    assert_value("get_null", client().get_basic_client().get_null(None).await.and_then(|r| r.into_model()), Basic::default());
}

#[tokio::test]
async fn get_complex_basic_invalid() {
    // `{ "id": "a", "name": "abc" }`.
    assert_decode_error("get_invalid", client().get_basic_client().get_invalid(None).await.and_then(|r| r.into_model()), "basic model");
}

// ---- primitive properties ----

fn int_wrapper() -> IntWrapper {
    let mut value = IntWrapper::default();
    value.field1 = Some(-1);
    value.field2 = Some(2);
    value
}

fn long_wrapper() -> LongWrapper {
    let mut value = LongWrapper::default();
    value.field1 = Some(1_099_511_627_775);
    value.field2 = Some(-999_511_627_788);
    value
}

fn float_wrapper() -> FloatWrapper {
    let mut value = FloatWrapper::default();
    value.field1 = Some(1.05);
    value.field2 = Some(-0.003);
    value
}

fn double_wrapper() -> DoubleWrapper {
    let mut value = DoubleWrapper::default();
    value.field1 = Some(3e-100);
    value.field_56_zeros_after_the_dot_and_negative_zero_before_dot_and_this_is_a_long_field_name_on_purpose = Some(-5e-57);
    value
}

fn boolean_wrapper() -> BooleanWrapper {
    let mut value = BooleanWrapper::default();
    value.field_true = Some(true);
    value.field_false = Some(false);
    value
}

fn string_wrapper() -> StringWrapper {
    let mut value = StringWrapper::default();
    value.field = Some("goodrequest".to_string());
    value.empty = Some(String::new());
    value
}

fn datetime_wrapper() -> DatetimeWrapper {
    let mut value = DatetimeWrapper::default();
    value.field = Some(datetime!(0001-01-01 00:00:00 UTC));
    value.now = Some(datetime!(2015-05-18 18:38:00 UTC));
    value
}

fn datetimerfc1123_wrapper() -> Datetimerfc1123Wrapper {
    let mut value = Datetimerfc1123Wrapper::default();
    value.field = Some(datetime!(0001-01-01 00:00:00 UTC));
    value.now = Some(datetime!(2015-05-18 11:38:00 UTC));
    value
}

fn byte_wrapper() -> ByteWrapper {
    let mut value = ByteWrapper::default();
    value.field = Some(vec![255, 254, 253, 252, 0, 250, 249, 248, 247, 246]);
    value
}

#[tokio::test]
async fn get_complex_primitive_integer() {
    assert_value("get_int", client().get_primitive_client().get_int(None).await.and_then(|r| r.into_model()), int_wrapper());
}

#[tokio::test]
async fn put_complex_primitive_integer() {
    assert_ok("put_int", client().get_primitive_client().put_int(body(int_wrapper()), None).await);
}

#[tokio::test]
async fn get_complex_primitive_long() {
    assert_value("get_long", client().get_primitive_client().get_long(None).await.and_then(|r| r.into_model()), long_wrapper());
}

#[tokio::test]
async fn put_complex_primitive_long() {
    assert_ok("put_long", client().get_primitive_client().put_long(body(long_wrapper()), None).await);
}

#[tokio::test]
async fn get_complex_primitive_float() {
    assert_value("get_float", client().get_primitive_client().get_float(None).await.and_then(|r| r.into_model()), float_wrapper());
}

#[tokio::test]
async fn put_complex_primitive_float() {
    assert_ok("put_float", client().get_primitive_client().put_float(body(float_wrapper()), None).await);
}

#[tokio::test]
async fn get_complex_primitive_double() {
    // `-5e-57` must read as the double nearest to it (serde_json rounds it exactly only with its
    // `float_roundtrip` feature).
    assert_value("get_double", client().get_primitive_client().get_double(None).await.and_then(|r| r.into_model()), double_wrapper());
}

#[tokio::test]
async fn put_complex_primitive_double() {
    assert_ok("put_double", client().get_primitive_client().put_double(body(double_wrapper()), None).await);
}

#[tokio::test]
async fn get_complex_primitive_bool() {
    assert_value("get_bool", client().get_primitive_client().get_bool(None).await.and_then(|r| r.into_model()), boolean_wrapper());
}

#[tokio::test]
async fn put_complex_primitive_bool() {
    assert_ok("put_bool", client().get_primitive_client().put_bool(body(boolean_wrapper()), None).await);
}

#[tokio::test]
async fn get_complex_primitive_string() {
    // `{ "field": "goodrequest", "empty": "", "null": null }`.
    assert_value("get_string", client().get_primitive_client().get_string(None).await.and_then(|r| r.into_model()), string_wrapper());
}

#[tokio::test]
async fn put_complex_primitive_string() {
    assert_ok("put_string", client().get_primitive_client().put_string(body(string_wrapper()), None).await);
}

#[tokio::test]
async fn get_complex_primitive_date() {
    // `{ "field": "0001-01-01", "leap": "2016-02-29" }`.
    let model = succeeded("get_date", client().get_primitive_client().get_date(None).await.and_then(|r| r.into_model()));
    assert_value("get_date: `field`", Ok(model.field), date!(0001-01-01));
    assert_value("get_date: `leap`", Ok(model.leap), date!(2016-02-29));
}

#[tokio::test]
async fn put_complex_primitive_date() {
    // The server expects `{ "field": "0001-01-01", "leap": "2016-02-29" }`.
    let mut value = DateWrapper::default();
    value.field = Some(date!(0001-01-01));
    value.leap = Some(date!(2016-02-29));
    assert_ok("put_date", client().get_primitive_client().put_date(body(value), None).await);
}

#[tokio::test]
async fn get_complex_primitive_date_time() {
    assert_value("get_date_time", client().get_primitive_client().get_date_time(None).await.and_then(|r| r.into_model()), datetime_wrapper());
}

#[tokio::test]
async fn put_complex_primitive_date_time() {
    assert_ok("put_date_time", client().get_primitive_client().put_date_time(body(datetime_wrapper()), None).await);
}

#[tokio::test]
async fn get_complex_primitive_date_time_rfc1123() {
    assert_value(
        "get_date_time_rfc1123",
        client().get_primitive_client().get_date_time_rfc1123(None).await.and_then(|r| r.into_model()),
        datetimerfc1123_wrapper(),
    );
}

#[tokio::test]
async fn put_complex_primitive_date_time_rfc1123() {
    assert_ok("put_date_time_rfc1123", client().get_primitive_client().put_date_time_rfc1123(body(datetimerfc1123_wrapper()), None).await);
}

#[tokio::test]
async fn get_complex_primitive_duration() {
    // `{ "field": "P123DT22H14M12.011S" }`.
    let model = succeeded("get_duration", client().get_primitive_client().get_duration(None).await.and_then(|r| r.into_model()));
    let expected = Duration::days(123) + Duration::hours(22) + Duration::minutes(14) + Duration::milliseconds(12_011);
    assert_value("get_duration: `field`", Ok(model.field), expected);
}

#[tokio::test]
async fn put_complex_primitive_duration() {
    // The server expects `{ "field": "P123DT22H14M12.011S" }`.
    let mut value = DurationWrapper::default();
    value.field = Some(Duration::days(123) + Duration::hours(22) + Duration::minutes(14) + Duration::milliseconds(12_011));
    assert_ok("put_duration", client().get_primitive_client().put_duration(body(value), None).await);
}

#[tokio::test]
async fn get_complex_primitive_byte() {
    assert_value("get_byte", client().get_primitive_client().get_byte(None).await.and_then(|r| r.into_model()), byte_wrapper());
}

#[tokio::test]
async fn put_complex_primitive_byte() {
    assert_ok("put_byte", client().get_primitive_client().put_byte(body(byte_wrapper()), None).await);
}

// ---- array and map properties ----

/// The array the server sends and expects back, with its `null` item.
fn array_items() -> Vec<Option<String>> {
    vec![
        Some("1, 2, 3, 4".to_string()),
        Some(String::new()),
        None,
        Some("&S#$(*Y".to_string()),
        Some("The quick brown fox jumps over the lazy dog".to_string()),
    ]
}

#[tokio::test]
async fn get_complex_array_valid() {
    // The array holds a `null` item, which `putComplexArrayValid` expects back, though the spec's
    // items are not `x-nullable`: the scenario wants it kept, which the spec's `Vec<String>` cannot
    // (excluded in scenarios.toml, which says why).
    let model = succeeded("get_valid", client().get_array_client().get_valid(None).await.and_then(|r| r.into_model()));
    assert_value("get_valid: `array`", Ok(model.array), array_items());
}

#[tokio::test]
async fn put_complex_array_valid() {
    // `ArrayWrapper::array` is `Option<Vec<String>>`: the `null` item cannot be given.
    let mut value = ArrayWrapper::default();
    value.array = Some(array_items().into_iter().map(Option::unwrap_or_default).collect());
    if let Err(error) = client().get_array_client().put_valid(body(value), None).await {
        inexpressible(&format!(
            "`ArrayWrapper::array` is `Option<Vec<String>>`: the `null` item the server expects cannot be given \
             (sent as \"\" instead, and the server answered: {error})"
        ));
    }
}

#[tokio::test]
async fn get_complex_array_empty() {
    let model = succeeded("get_empty", client().get_array_client().get_empty(None).await.and_then(|r| r.into_model()));
    assert_eq!(model.array, Some(Vec::new()));
}

#[tokio::test]
async fn put_complex_array_empty() {
    let mut value = ArrayWrapper::default();
    value.array = Some(Vec::new());
    assert_ok("put_empty", client().get_array_client().put_empty(body(value), None).await);
}

#[tokio::test]
async fn get_complex_array_not_provided() {
    // `{}`.
    let model = succeeded("get_not_provided", client().get_array_client().get_not_provided(None).await.and_then(|r| r.into_model()));
    assert_eq!(model, ArrayWrapper::default());
}

/// The map the server sends and expects back: an empty key whose value is `null`.
fn programs() -> HashMap<String, Option<String>> {
    [("txt", Some("notepad")), ("bmp", Some("mspaint")), ("xls", Some("excel")), ("exe", Some("")), ("", None)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.map(str::to_string)))
        .collect()
}

#[tokio::test]
async fn get_complex_dictionary_valid() {
    // The map holds a `null` value, which `putComplexDictionaryValid` expects back, though the
    // spec's values are not `x-nullable`: the scenario wants it kept, which the spec's
    // `HashMap<String, String>` cannot (excluded in scenarios.toml, which says why).
    let model = succeeded("get_valid", client().get_dictionary_client().get_valid(None).await.and_then(|r| r.into_model()));
    assert_value("get_valid: `default_program`", Ok(model.default_program), programs());
}

#[tokio::test]
async fn put_complex_dictionary_valid() {
    // `DictionaryWrapper::default_program` is `Option<HashMap<String, String>>`: the `null` value
    // cannot be given.
    let mut value = DictionaryWrapper::default();
    value.default_program = Some(programs().into_iter().map(|(k, v)| (k, v.unwrap_or_default())).collect());
    if let Err(error) = client().get_dictionary_client().put_valid(body(value), None).await {
        inexpressible(&format!(
            "`DictionaryWrapper::default_program` is `Option<HashMap<String, String>>`: the `null` value the server \
             expects cannot be given (sent as \"\" instead, and the server answered: {error})"
        ));
    }
}

#[tokio::test]
async fn get_complex_dictionary_empty() {
    let model = succeeded("get_empty", client().get_dictionary_client().get_empty(None).await.and_then(|r| r.into_model()));
    assert_eq!(model.default_program, Some(HashMap::new()));
}

#[tokio::test]
async fn put_complex_dictionary_empty() {
    let mut value = DictionaryWrapper::default();
    value.default_program = Some(HashMap::new());
    assert_ok("put_empty", client().get_dictionary_client().put_empty(body(value), None).await);
}

#[tokio::test]
async fn get_complex_dictionary_null() {
    // `{"defaultProgram": null}`.
    let model = succeeded("get_null", client().get_dictionary_client().get_null(None).await.and_then(|r| r.into_model()));
    assert_eq!(model.default_program, None);
}

#[tokio::test]
async fn get_complex_dictionary_not_provided() {
    let model = succeeded("get_not_provided", client().get_dictionary_client().get_not_provided(None).await.and_then(|r| r.into_model()));
    assert_eq!(model, DictionaryWrapper::default());
}

// ---- inheritance ----

fn dog(id: i64, name: &str, food: &str) -> Dog {
    let mut dog = Dog::default();
    dog.id = Some(id);
    dog.name = Some(name.to_string());
    dog.food = Some(food.to_string());
    dog
}

fn siamese() -> Siamese {
    let mut cat = Siamese::default();
    cat.id = Some(2);
    cat.name = Some("Siameeee".to_string());
    cat.color = Some("green".to_string());
    cat.breed = Some("persian".to_string());
    cat.hates = Some(vec![dog(1, "Potato", "tomato"), dog(-1, "Tomato", "french fries")]);
    cat
}

#[tokio::test]
async fn get_complex_inheritance_valid() {
    assert_value("get_valid", client().get_inheritance_client().get_valid(None).await.and_then(|r| r.into_model()), siamese());
}

#[tokio::test]
async fn put_complex_inheritance_valid() {
    assert_ok("put_valid", client().get_inheritance_client().put_valid(body(siamese()), None).await);
}

// ---- polymorphism ----

fn shark(age: i32, birthday: OffsetDateTime, length: f32, species: &str, siblings: Option<Vec<Fish>>) -> Fish {
    let mut shark = Shark::new("shark", length, birthday);
    shark.age = Some(age);
    shark.species = Some(species.to_string());
    shark.siblings = siblings;
    Fish::Shark(shark)
}

fn sawshark(siblings: Option<Vec<Fish>>) -> Fish {
    let mut sawshark = Sawshark::new("sawshark", 10.0, datetime!(1900-01-05 01:00:00 UTC));
    sawshark.age = Some(105);
    sawshark.picture = Some(vec![255, 255, 255, 255, 254]);
    sawshark.species = Some("dangerous".to_string());
    sawshark.siblings = siblings;
    Fish::Sawshark(sawshark)
}

fn goblin() -> Fish {
    let mut goblin = Goblinshark::new("goblin", 30.0, datetime!(2015-08-08 00:00:00 UTC));
    goblin.age = Some(1);
    goblin.species = Some("scary".to_string());
    goblin.jawsize = Some(5);
    // Not a value of the spec's enum: it must travel both ways.
    goblin.color = Some(GoblinSharkColor::UnknownValue("pinkish-gray".to_string()));
    Fish::Goblinshark(goblin)
}

/// The three siblings of the salmon scenarios.
fn siblings() -> Vec<Fish> {
    vec![shark(6, datetime!(2012-01-05 01:00:00 UTC), 20.0, "predator", None), sawshark(None), goblin()]
}

fn salmon(location: &str, iswild: bool, species: &str, length: f32, siblings: Option<Vec<Fish>>) -> Salmon {
    let mut salmon = Salmon::new("salmon", length);
    salmon.location = Some(location.to_string());
    salmon.iswild = Some(iswild);
    salmon.species = Some(species.to_string());
    salmon.siblings = siblings;
    salmon
}

fn smart_salmon() -> SmartSalmon {
    let mut salmon = SmartSalmon::new("smart_salmon", 1.0);
    salmon.location = Some("alaska".to_string());
    salmon.iswild = Some(true);
    salmon.species = Some("king".to_string());
    salmon.siblings = Some(siblings());
    salmon.additional_properties = [
        ("additionalProperty1", serde_json::json!(1)),
        ("additionalProperty2", serde_json::json!(false)),
        ("additionalProperty3", serde_json::json!("hello")),
        ("additionalProperty4", serde_json::json!({"a": 1, "b": 2})),
        ("additionalProperty5", serde_json::json!([1, 3])),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    salmon
}

#[tokio::test]
async fn get_complex_polymorphism_valid() {
    let expected = Fish::Salmon(salmon("alaska", true, "king", 1.0, Some(siblings())));
    assert_value("get_valid", client().get_polymorphism_client().get_valid(None).await.and_then(|r| r.into_model()), expected);
}

#[tokio::test]
async fn put_complex_polymorphism_valid() {
    let fish = Fish::Salmon(salmon("alaska", true, "king", 1.0, Some(siblings())));
    assert_ok("put_valid", client().get_polymorphism_client().put_valid(body(fish), None).await);
}

#[tokio::test]
async fn get_complex_polymorphism_complicated() {
    // A `smart_salmon` (a subtype of `salmon`, with additional properties) where the spec says
    // `salmon`.
    assert_value(
        "get_complicated",
        client().get_polymorphism_client().get_complicated(None).await.and_then(|r| r.into_model()),
        smart_salmon(),
    );
}

#[tokio::test]
async fn put_complex_polymorphism_complicated() {
    // The body is a `salmon`, whose subtype `smart_salmon` the caller sends; `put_complicated`
    // takes `RequestContent<Salmon>`, which a `SmartSalmon` does not convert into.
    let body: RequestContent<Salmon> = RequestContent::from(serde_json::to_vec(&smart_salmon()).expect("serializable"));
    assert_ok("put_complicated", client().get_polymorphism_client().put_complicated(body, None).await);
    inexpressible(
        "`put_complicated` takes `RequestContent<Salmon>`, a concrete model, where the spec's `salmon` is the base of \
         `smart_salmon` (discriminator `fishtype`): a `SmartSalmon` (with its additional properties) must be \
         serialized by hand",
    );
}

#[tokio::test]
async fn put_complex_polymorphism_no_discriminator() {
    // The server answers the salmon without its `fishtype`: the method's declared type still reads it.
    let sent = salmon("alaska", true, "king", 1.0, Some(siblings()));
    let model = succeeded(
        "put_missing_discriminator",
        client().get_polymorphism_client().put_missing_discriminator(body(sent.clone()), None).await.and_then(|r| r.into_model()),
    );
    assert_eq!(
        (model.location, model.iswild, model.species, model.length, model.siblings),
        (sent.location, sent.iswild, sent.species, sent.length, sent.siblings),
        "`put_missing_discriminator`: the answer without a discriminator"
    );
}

fn dot_salmon(location: &str, iswild: bool) -> DotSalmon {
    let mut salmon = DotSalmon::new("DotSalmon");
    salmon.location = Some(location.to_string());
    salmon.iswild = Some(iswild);
    salmon.species = Some("king".to_string());
    salmon
}

#[tokio::test]
async fn get_complex_polymorphism_dot_syntax() {
    // The discriminator is `fish.type`.
    assert_value(
        "get_dot_syntax",
        client().get_polymorphism_client().get_dot_syntax(None).await.and_then(|r| r.into_model()),
        DotFish::DotSalmon(dot_salmon("sweden", true)),
    );
}

#[tokio::test]
async fn get_composed_with_discriminator() {
    let mut expected = DotFishMarket::default();
    expected.sample_salmon = Some(dot_salmon("sweden", false));
    expected.salmons = Some(vec![dot_salmon("sweden", false), dot_salmon("atlantic", true)]);
    expected.sample_fish = Some(DotFish::DotSalmon(dot_salmon("australia", false)));
    expected.fishes = Some(vec![DotFish::DotSalmon(dot_salmon("australia", false)), DotFish::DotSalmon(dot_salmon("canada", true))]);
    assert_value(
        "get_composed_with_discriminator",
        client().get_polymorphism_client().get_composed_with_discriminator(None).await.and_then(|r| r.into_model()),
        expected,
    );
}

#[tokio::test]
async fn get_composed_without_discriminator() {
    // No `fish.type` anywhere: the `DotSalmon` properties read as declared, and the `DotFish` ones
    // keep what the server sent (a base with no kind).
    let model = succeeded(
        "get_composed_without_discriminator",
        client().get_polymorphism_client().get_composed_without_discriminator(None).await.and_then(|r| r.into_model()),
    );
    let located = |salmon: &DotSalmon| (salmon.location.clone(), salmon.iswild, salmon.species.clone());
    assert_eq!(model.sample_salmon.as_ref().map(located), Some((Some("sweden".to_string()), Some(false), Some("king".to_string()))));
    assert_eq!(
        model.salmons.as_ref().map(|s| s.iter().map(located).collect::<Vec<_>>()),
        Some(vec![
            (Some("sweden".to_string()), Some(false), Some("king".to_string())),
            (Some("atlantic".to_string()), Some(true), Some("king".to_string())),
        ])
    );
    let raw = |fish: &DotFish| match fish {
        DotFish::UnknownKind(value) => value.clone(),
        other => panic!("a `DotFish` without `fish.type` decoded as a known kind: {other:?}"),
    };
    assert_eq!(model.sample_fish.as_ref().map(raw), Some(serde_json::json!({"location": "australia", "iswild": false, "species": "king"})));
    assert_eq!(
        model.fishes.as_ref().map(|f| f.iter().map(raw).collect::<Vec<_>>()),
        Some(vec![
            serde_json::json!({"location": "australia", "iswild": false, "species": "king"}),
            serde_json::json!({"location": "canada", "iswild": true, "species": "king"}),
        ])
    );
}

/// The recursive fish of the polymorphic recursive scenarios.
fn big_fish() -> Fish {
    let shark_at = || datetime!(2012-01-05 01:00:00 UTC);
    let coho = salmon("atlantic", true, "coho", 2.0, Some(vec![shark(6, shark_at(), 20.0, "predator", None), sawshark(None)]));
    let predator = shark(6, shark_at(), 20.0, "predator", Some(vec![Fish::Salmon(coho), sawshark(Some(Vec::new()))]));
    Fish::Salmon(salmon("alaska", true, "king", 1.0, Some(vec![predator, sawshark(Some(Vec::new()))])))
}

#[tokio::test]
async fn get_complex_polymorphic_recursive_valid() {
    assert_value("get_valid", client().get_polymorphicrecursive_client().get_valid(None).await.and_then(|r| r.into_model()), big_fish());
}

#[tokio::test]
async fn put_complex_polymorphic_recursive_valid() {
    assert_ok("put_valid", client().get_polymorphicrecursive_client().put_valid(body(big_fish()), None).await);
}

// ---- read-only properties ----

#[tokio::test]
async fn get_complex_read_only_property_valid() {
    let mut expected = ReadonlyObj::default();
    expected.id = Some("1234".to_string());
    expected.size = Some(2);
    assert_value("get_valid", client().get_readonlyproperty_client().get_valid(None).await.and_then(|r| r.into_model()), expected);
}

#[tokio::test]
async fn put_complex_read_only_property_valid() {
    // The model as read, sent back: its read-only `id` must not be.
    let read = succeeded("get_valid", client().get_readonlyproperty_client().get_valid(None).await.and_then(|r| r.into_model()));
    assert_ok("put_valid", client().get_readonlyproperty_client().put_valid(body(read), None).await);
}
