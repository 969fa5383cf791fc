//! The hostile corpus: specs written to break the generator (recursive shapes, nesting past any
//! sensible depth, text and names Rust cannot take as they are, references out of the spec's
//! folder, wrong shapes deep inside), each with the outcome it must have. A refused spec is
//! refused with its error kind at the deepest place (a `file#pointer` that exists); an accepted
//! one generates without leaving an operation out, and `cargo xtask test` compiles, lints
//! (`clippy -D warnings`), documents and tests its crate with the other fixture crates.
//!
//! Specs that nest thousands of levels deep are built here rather than committed; they run on a
//! test thread's 2 MiB stack, so a traversal that recursed once per level would fail them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generator::{ErrorKind, Options};

/// What a hostile spec must lead to.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Generated whole; `cargo xtask test` compiles the crate.
    Compiles,
    /// Refused: this kind of error at this pointer of this spec.
    Refused(ErrorKind, &'static str),
}

use Expect::{Compiles, Refused};

/// Every spec of `tests/fixtures/hostile/`, and its outcome.
const CASES: &[(&str, Expect)] = &[
    // A definition that is a map, or an array, of itself; a cycle of both; unused.
    ("recursive_map.json", Compiles),
    ("recursive_map_unused.json", Compiles),
    ("recursive_array.json", Compiles),
    ("recursive_map_array_cycle.json", Compiles),
    // A discriminated subtype holding its base (boxed), required fields that lead back.
    ("union_subtype_holds_base.json", Compiles),
    ("required_self_reference.json", Compiles),
    // Bidirectional overrides and control characters in every kind of text.
    ("bidi_and_control_text.json", Compiles),
    // Keywords, prelude names, digits, non-ASCII and empty names everywhere names come from.
    ("keyword_enum_values.json", Compiles),
    ("keyword_property_names.json", Compiles),
    ("keyword_operation_groups.json", Compiles),
    ("keyword_type_names.json", Compiles),
    ("keyword_parameter_names.json", Compiles),
    // Request bodies that are enums; arrays nested deeper than clippy's type_complexity allows.
    ("enum_bodies.json", Compiles),
    ("deep_inline_arrays.json", Compiles),
    // Method arguments whose names collide (the client model names them apart).
    ("path_and_query_same_name.json", Compiles),
    ("path_and_header_same_name.json", Compiles),
    ("filter_and_dollar_filter.json", Compiles),
    // References that reach outside the spec's folder, or at what is not a spec file.
    ("ref_dot_dot_escape.json", Refused(ErrorKind::RefOutsideRoot, "/definitions/Thing/properties/b")),
    ("ref_absolute_path.json", Refused(ErrorKind::RefOutsideRoot, "/definitions/Thing/properties/b")),
    ("ref_https_url.json", Refused(ErrorKind::RefOutsideRoot, "/definitions/Thing/properties/b")),
    ("ref_file_url.json", Refused(ErrorKind::RefOutsideRoot, "/definitions/Thing/properties/b")),
    ("example_ref_escape.json", Refused(ErrorKind::RefOutsideRoot, "/paths/~1things/get/x-ms-examples/leak")),
    ("ref_to_a_folder.json", Refused(ErrorKind::Io, "/definitions/Thing/properties/b")),
    ("ref_to_the_whole_document.json", Refused(ErrorKind::Invalid, "/paths/~1things/get/responses/200/schema")),
    ("parameter_ref_to_a_schema.json", Refused(ErrorKind::Invalid, "/paths/~1things/get/parameters/0")),
    // Versions that are almost right.
    ("swagger_2.json", Refused(ErrorKind::UnsupportedVersion, "/swagger")),
    ("openapi_3_0_x.yaml", Refused(ErrorKind::UnsupportedVersion, "/openapi")),
    // Wrong shapes, located where they are, not at an ancestor.
    ("wrong_operation_description.json", Refused(ErrorKind::Invalid, "/paths/~1things/get/description")),
    (
        "wrong_nested_schema_keyword.json",
        Refused(ErrorKind::Invalid, "/definitions/Thing/properties/list/items/properties/flag/readOnly"),
    ),
    // openapiv3 alone reads a wrong value under n nested schemas 2^n times; this must be quick.
    (
        "wrong_value_under_40_nested_schemas.json",
        Refused(ErrorKind::Invalid, concat!("/definitions/Deep", "/items/items/items/items/items/items/items/items/items/items",
            "/items/items/items/items/items/items/items/items/items/items/items/items/items/items/items/items/items/items/items/items",
            "/items/items/items/items/items/items/items/items/items/items/readOnly")),
    ),
    // Nesting past what the generator (and serde_json) takes.
    ("nested_200_levels.json", Refused(ErrorKind::Unsupported, "")),
    ("all_of_chain_33.json", Refused(ErrorKind::Unsupported, "/definitions/A0")),
    ("items_chain_65.json", Refused(ErrorKind::Unsupported, "/definitions/A1")),
    // Types holding types as deep as rustc compiles them, and one level deeper.
    ("property_chain_49.json", Compiles),
    ("property_chain_50.json", Refused(ErrorKind::Unsupported, "/definitions/A0")),
    ("ring_of_16.json", Compiles),
    ("ring_of_17.json", Refused(ErrorKind::Unsupported, "/definitions/A0")),
    ("deep_map_body.json", Refused(ErrorKind::Unsupported, "/paths/~1things/put")),
    // A query parameter and the body both named `parameters`: distinct method arguments.
    ("query_and_body_named_parameters.json", Compiles),
    // A body that is an array of models: taken as the `Vec` itself.
    ("array_of_models_body.json", Compiles),
];

/// Specs of `tests/fixtures/hostile/pending/` that the generator accepts but whose crate does
/// not compile yet, with why. They are about method surfaces (argument names, how a body is
/// passed), which the client model decides: when one compiles, move it up into `hostile/` and
/// into `CASES` as `Compiles`, where `cargo xtask test` compiles it. The test below checks they
/// are still accepted.
const PENDING: &[(&str, &str)] = &[];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// Generates `spec` strictly (an operation left out is an error).
fn generate(spec: &Path) -> generator::Result<generator::Generated> {
    let options = Options { strict: true, ..Options::new("hostile", "cargo xtask codegen") };
    generator::generate(spec, &options)
}

/// Whether `pointer` names a place in the JSON or YAML file `file`.
fn pointer_exists(file: &Path, pointer: &str) -> bool {
    match generator::load::read_document(file) {
        Ok(value) => value.pointer(pointer).is_some(),
        // A file that does not parse (or nests too deep) is located as a whole.
        Err(_) => pointer.is_empty(),
    }
}

#[test]
fn each_hostile_spec_has_its_outcome() {
    let mut wrong = Vec::new();
    for (name, expect) in CASES {
        let spec = corpus().join(name);
        match (expect, generate(&spec)) {
            (Compiles, Ok(generated)) => assert!(generated.refused.is_empty(), "{name}: {:?}", generated.refused),
            (Compiles, Err(e)) => wrong.push(format!("{name}: should generate, but: {e}")),
            (Refused(kind, pointer), Ok(_)) => wrong.push(format!("{name}: should be refused ({kind:?} at {pointer})")),
            (Refused(kind, pointer), Err(e)) => {
                if e.kind != *kind || e.location.pointer != *pointer || !e.location.file.ends_with(name) {
                    wrong.push(format!("{name}: should be {kind:?} at {name}#{pointer}, but: {:?} {e}", e.kind));
                } else if !pointer_exists(&e.location.file, &e.location.pointer) {
                    wrong.push(format!("{name}: the error names {}, which does not exist", e.location));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn pending_specs_are_still_accepted() {
    for (name, why) in PENDING {
        let generated = generate(&corpus().join(name)).unwrap_or_else(|e| panic!("{name} ({why}): {e}"));
        assert!(generated.refused.is_empty(), "{name}");
    }
}

#[test]
fn every_spec_of_the_corpus_has_an_outcome() {
    let listed: Vec<&str> = CASES.iter().map(|(name, _)| *name).chain(PENDING.iter().map(|(name, _)| *name)).collect();
    for folder in ["", "pending"] {
        // `pending/` exists only while a spec waits there (git keeps no empty folder).
        let Ok(entries) = std::fs::read_dir(corpus().join(folder)) else { continue };
        for entry in entries {
            let path = entry.expect("an entry").path();
            if path.is_file() {
                let name = path.strip_prefix(corpus()).expect("inside").to_string_lossy().replace('\\', "/");
                assert!(listed.contains(&name.as_str()), "{name} has no expected outcome in tests/hostile.rs");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Nesting thousands of levels deep: built here, generated end to end.

/// Writes a Swagger 2.0 spec whose operation answers `A0`, with `n` definitions `A0`..`A{n-1}`
/// made by `link(i)` and a last object `A{n}`.
fn chain_spec(name: &str, n: usize, link: impl Fn(usize) -> serde_json::Value) -> PathBuf {
    let mut definitions = serde_json::Map::new();
    for i in 0..n {
        definitions.insert(format!("A{i}"), link(i));
    }
    definitions.insert(format!("A{n}"), serde_json::json!({ "type": "object", "properties": { "z": { "type": "string" } } }));
    let spec = serde_json::json!({
        "swagger": "2.0", "info": { "title": name, "version": "1" }, "host": "management.azure.com",
        "paths": { "/a": { "get": { "operationId": "A_Get", "responses": {
            "200": { "description": "ok", "schema": { "$ref": "#/definitions/A0" } }
        } } } },
        "definitions": definitions
    });
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, spec.to_string()).expect("written");
    path
}

fn next(i: usize) -> serde_json::Value {
    serde_json::json!({ "$ref": format!("#/definitions/A{}", i + 1) })
}

/// Generates `spec`, and how long it took.
fn timed(spec: &Path) -> (generator::Result<generator::Generated>, Duration) {
    let start = Instant::now();
    let result = generate(spec);
    (result, start.elapsed())
}

#[test]
fn three_thousand_all_of_levels_are_refused_where_the_chain_gets_too_long() {
    let spec = chain_spec("all_of_3000", 3000, |i| serde_json::json!({ "allOf": [next(i)], "properties": { format!("p{i}"): { "type": "string" } } }));
    let e = generate(&spec).expect_err("refused");
    assert_eq!((e.kind, e.location.pointer.as_str()), (ErrorKind::Unsupported, "/definitions/A2968"), "{e}");
}

#[test]
fn five_thousand_levels_of_items_are_refused_where_they_nest_too_deep() {
    let spec = chain_spec("items_5000", 5000, |i| serde_json::json!({ "type": "array", "items": next(i) }));
    let e = generate(&spec).expect_err("refused");
    assert_eq!((e.kind, e.location.pointer.as_str()), (ErrorKind::Unsupported, "/definitions/A4935"), "{e}");
}

#[test]
fn long_property_chains_are_refused_where_they_get_too_deep_in_time_proportional_to_their_length() {
    let property = |i: usize| serde_json::json!({ "type": "object", "properties": { "next": next(i) } });
    let (small, small_time) = timed(&chain_spec("properties_1000", 1000, property));
    let (large, large_time) = timed(&chain_spec("properties_5000", 5000, property));
    // Each type held is two levels for rustc: the chain gets too deep 50 types above its end.
    for (result, n) in [(small, 1000), (large, 5000)] {
        let e = result.expect_err("refused");
        assert_eq!((e.kind, e.location.pointer), (ErrorKind::Unsupported, format!("/definitions/A{}", n - 50)));
    }
    // Five times the levels: linear work takes about five times as long; the quadratic and
    // cubic walks this replaced took 25 and 125 times. The bound leaves room for a busy machine.
    assert!(large_time < small_time * 12 + Duration::from_secs(2), "1,000 levels: {small_time:?}; 5,000 levels: {large_time:?}");
}
