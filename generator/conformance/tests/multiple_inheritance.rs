//! Drivers of `multiple-inheritance.json`: models that inherit from several others (`allOf` of two
//! or more), read and written.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{assert_value, client_options, credential, endpoint, succeeded};
use multiple_inheritance::models::{Cat, Feline, Horse, Kitten, Pet};
use multiple_inheritance::{MultipleInheritanceServiceClient, MultipleInheritanceServiceClientOptions};

fn client() -> MultipleInheritanceServiceClient {
    let options = MultipleInheritanceServiceClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    MultipleInheritanceServiceClient::new(credential(), Some(options)).expect("a client")
}

fn horse(name: &str, show: bool) -> Horse {
    let mut horse = Horse::new(name);
    horse.is_a_show_horse = Some(show);
    horse
}

fn feline(meows: bool, hisses: bool) -> Feline {
    let mut feline = Feline::default();
    feline.meows = Some(meows);
    feline.hisses = Some(hisses);
    feline
}

fn cat(name: &str, likes_milk: bool, meows: bool, hisses: bool) -> Cat {
    let mut cat = Cat::new(name);
    cat.likes_milk = Some(likes_milk);
    cat.meows = Some(meows);
    cat.hisses = Some(hisses);
    cat
}

fn kitten(name: &str, likes_milk: bool, meows: bool, hisses: bool, eats_mice_yet: bool) -> Kitten {
    let mut kitten = Kitten::new(name);
    kitten.likes_milk = Some(likes_milk);
    kitten.meows = Some(meows);
    kitten.hisses = Some(hisses);
    kitten.eats_mice_yet = Some(eats_mice_yet);
    kitten
}

#[tokio::test]
async fn multiple_inheritance_pet_get() {
    assert_value("get_pet", client().get_pet(None).await.and_then(|r| r.into_model()), Pet::new("Peanut"));
}

#[tokio::test]
async fn multiple_inheritance_pet_put() {
    let answer = succeeded("put_pet", client().put_pet(Pet::new("Butter").try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, "Pet was correct!");
}

#[tokio::test]
async fn multiple_inheritance_horse_get() {
    assert_value("get_horse", client().get_horse(None).await.and_then(|r| r.into_model()), horse("Fred", true));
}

#[tokio::test]
async fn multiple_inheritance_horse_put() {
    let answer = succeeded("put_horse", client().put_horse(horse("General", false).try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, "Horse was correct!");
}

#[tokio::test]
async fn multiple_inheritance_feline_get() {
    assert_value("get_feline", client().get_feline(None).await.and_then(|r| r.into_model()), feline(true, true));
}

#[tokio::test]
async fn multiple_inheritance_feline_put() {
    let answer = succeeded("put_feline", client().put_feline(feline(false, true).try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, "Feline was correct!");
}

#[tokio::test]
async fn multiple_inheritance_cat_get() {
    assert_value("get_cat", client().get_cat(None).await.and_then(|r| r.into_model()), cat("Whiskers", true, true, true));
}

#[tokio::test]
async fn multiple_inheritance_cat_put() {
    let answer = succeeded("put_cat", client().put_cat(cat("Boots", false, true, false).try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, "Cat was correct!");
}

#[tokio::test]
async fn multiple_inheritance_kitten_get() {
    assert_value("get_kitten", client().get_kitten(None).await.and_then(|r| r.into_model()), kitten("Gatito", true, true, true, false));
}

#[tokio::test]
async fn multiple_inheritance_kitten_put() {
    let answer = succeeded("put_kitten", client().put_kitten(kitten("Kitty", false, true, false, true).try_into().expect("a JSON body"), None).await.and_then(|r| r.into_model()));
    assert_eq!(answer, "Kitten was correct!");
}
