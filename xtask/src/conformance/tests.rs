use std::collections::BTreeMap;
use std::path::Path;

use super::drivers::{read_diagnostics, Origin};
use super::scenarios::{test_name, Category};
use super::server::{install_hash, response_body};
use super::*;

const LIST: &str = r#"
    [[spec]]
    file = "lro.json"
    azure = ["LROPutInlineComplete", "LROPostDoubleHeadersFinalLocationGet"]
    optional = ["LROPatchInlineCompleteIgnoreHeaders"]

    [[spec]]
    file = "head.json"
    vanilla = ["HttpSuccess200Head", "HttpSuccess404Head"]

    [[spec]]
    file = "head-exceptions.json"
    vanilla = ["HttpSuccess200Head"]

    [exclusions]
    HttpSuccess404Head = "a reason"
"#;

fn passed() -> TestResult {
    TestResult { passed: true, message: String::new() }
}

fn failed(message: &str) -> TestResult {
    TestResult { passed: false, message: message.to_string() }
}

#[test]
fn test_names_are_the_coverage_names_in_snake_case() {
    assert_eq!(test_name("LROPutInlineComplete201"), "lro_put_inline_complete201");
    assert_eq!(test_name("LRORetryErrorPost202Retry200Succeeded"), "lro_retry_error_post202_retry200_succeeded");
    assert_eq!(test_name("HttpSuccess200Head"), "http_success200_head");
    assert_eq!(test_name("AzureODataFilter"), "azure_o_data_filter");
    assert_eq!(test_name("expectedNoErrors"), "expected_no_errors");
    assert_eq!(test_name("postParameterGroupingOptionalParameters"), "post_parameter_grouping_optional_parameters");
    assert_eq!(test_name("HeaderResponseDateTimeRfc1123Min"), "header_response_date_time_rfc1123_min");
}

#[test]
fn the_checked_in_list_parses_and_names_distinct_crates() {
    let list = Scenarios::read(&crate::workspace_root().join(SOURCE_DIR).join("scenarios.toml")).unwrap();
    assert!(list.spec.iter().any(|s| s.crate_name() == "lro_parameterized_endpoints"));
    assert!(list.spec.iter().any(|s| s.crate_name() == "subscriptionid_apiversion"));
    let lro = list.spec.iter().find(|s| s.file == "lro.json").unwrap();
    assert!(lro.azure.iter().any(|s| s == "LROPostDoubleHeadersFinalLocationGet"), "{:?}", lro.azure);
}

#[test]
fn the_drivers_manifest_and_modules_follow_the_list() {
    let source = crate::workspace_root().join(SOURCE_DIR);
    let list = Scenarios::read(&source.join("scenarios.toml")).unwrap();
    let manifest: toml::Table = toml::from_str(&std::fs::read_to_string(source.join("Cargo.toml")).unwrap()).unwrap();
    let dependencies = manifest["dependencies"].as_table().unwrap();
    let generated: Vec<&String> = dependencies
        .iter()
        .filter(|(_, d)| d.get("path").and_then(|p| p.as_str()).is_some_and(|p| p.contains("target/conformance/crates/")))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(generated.len(), list.spec.len(), "one optional dependency per spec of scenarios.toml: {generated:?}");
    let drivers = std::fs::read_to_string(source.join("tests").join("drivers.rs")).unwrap();
    for spec in &list.spec {
        let name = spec.crate_name();
        let dependency = &dependencies[&name];
        assert_eq!(dependency["path"].as_str(), Some(format!("../../target/conformance/crates/{name}").as_str()));
        assert_eq!(dependency["optional"].as_bool(), Some(true), "{name} must be optional (its feature gates its drivers)");
        let has_scenarios = CATEGORIES.iter().any(|c| !spec.scenarios(*c).is_empty());
        let module = format!("#[cfg(feature = \"{name}\")]\nmod {name};");
        assert_eq!(drivers.contains(&module), has_scenarios, "tests/drivers.rs and `{module}`");
    }
}

#[test]
fn the_list_is_checked() {
    let list = Scenarios::parse(LIST).unwrap();
    assert_eq!(list.spec[1].crate_name(), "head");
    assert_eq!(list.spec[2].crate_name(), "head_exceptions");
    let twice = "[[spec]]\nfile = \"a.json\"\n[[spec]]\nfile = \"a.json\"\n";
    assert!(Scenarios::parse(twice).unwrap_err().to_string().contains("two specs"));
    let clash = "[[spec]]\nfile = \"a.json\"\nazure = [\"FooBar\", \"Foo_Bar\"]\n";
    assert!(Scenarios::parse(clash).unwrap_err().to_string().contains("share the driver test"));
    let stray = "[[spec]]\nfile = \"a.json\"\n[exclusions]\nNope = \"why\"\n";
    assert!(Scenarios::parse(stray).unwrap_err().to_string().contains("names no listed scenario"));
    let silent = "[[spec]]\nfile = \"a.json\"\nazure = [\"X\"]\n[exclusions]\nX = \" \"\n";
    assert!(Scenarios::parse(silent).unwrap_err().to_string().contains("no reason"));
    assert!(Scenarios::parse("[[spec]]\nfile = \"a.json\"\nazur = []\n").is_err());
}

#[test]
fn specs_are_selected_by_file_stem_or_crate_name() {
    let list = Scenarios::parse(LIST).unwrap();
    let names = |only: &[&str]| -> Vec<String> {
        let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
        list.select(&only).unwrap().iter().map(|s| s.file.clone()).collect()
    };
    assert_eq!(names(&[]).len(), 3);
    assert_eq!(names(&["lro"]), ["lro.json"]);
    assert_eq!(names(&["head-exceptions.json", "head_exceptions"]), ["head-exceptions.json", "head-exceptions.json"]);
    assert!(list.select(&["paging".to_string()]).unwrap_err().to_string().contains("lro.json, head.json"));
}

#[test]
fn the_install_hash_changes_with_either_file_and_their_boundary() {
    let a = install_hash(b"{}", b"lock");
    assert_eq!(a, install_hash(b"{}", b"lock"));
    assert_eq!(a.len(), 64);
    assert_ne!(a, install_hash(b"{ }", b"lock"));
    assert_ne!(a, install_hash(b"{}", b"lock2"));
    assert_ne!(install_hash(b"ab", b"c"), install_hash(b"a", b"bc"));
}

#[test]
fn responses_and_reports_are_read() {
    let raw = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"A\":1,\"B\":0}";
    let report = parse_report(&response_body(raw).unwrap()).unwrap();
    assert_eq!(report, BTreeMap::from([("A".to_string(), 1), ("B".to_string(), 0)]));
    let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"A\"\r\n3\r\n:2}\r\n0\r\n\r\n";
    assert_eq!(response_body(chunked).unwrap(), "{\"A\":2}");
    assert!(response_body(b"HTTP/1.1 404 Not Found\r\n\r\nno").unwrap_err().to_string().contains("404"));
    assert!(parse_report("{\"A\": \"x\"}").unwrap_err().to_string().contains("not a number"));
    assert!(parse_report("[]").is_err());
}

#[test]
fn libtest_output_is_read_with_failure_messages() {
    let text = "\nrunning 3 tests\ntest a_b ... ok\ntest c_d ... FAILED\ntest e ... ignored\n\nfailures:\n\n---- c_d stdout ----\n\nthread 'c_d' panicked at tests/x.rs:1:2:\nthe client lacks X\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\nfailures:\n    c_d\n\ntest result: FAILED. 1 passed; 1 failed; 1 ignored\n";
    let tests = parse_test_output(text);
    assert_eq!(tests.len(), 2, "{tests:?}");
    assert!(tests["a_b"].passed);
    assert!(!tests["c_d"].passed);
    assert_eq!(tests["c_d"].message, "thread 'c_d' panicked at tests/x.rs:1:2:\nthe client lacks X");
}

#[test]
fn verdicts_need_the_server_count_and_every_driver_and_honour_exclusions() {
    let list = Scenarios::parse(LIST).unwrap();
    let reports = BTreeMap::from([
        (
            Category::Azure,
            BTreeMap::from([
                ("LROPutInlineComplete".to_string(), 1),
                ("LROPostDoubleHeadersFinalLocationGet".to_string(), 2),
                ("PagingSingle".to_string(), 0),
            ]),
        ),
        (
            Category::Vanilla,
            BTreeMap::from([("HttpSuccess200Head".to_string(), 3), ("HttpSuccess404Head".to_string(), 0)]),
        ),
        (Category::Optional, BTreeMap::new()),
    ]);
    let tests = BTreeMap::from([
        (
            "lro".to_string(),
            BTreeMap::from([
                ("lro_put_inline_complete".to_string(), passed()),
                ("lro_post_double_headers_final_location_get".to_string(), failed("expected a GET on Location")),
                ("something_else".to_string(), passed()),
            ]),
        ),
        ("head".to_string(), BTreeMap::from([("http_success200_head".to_string(), passed())])),
        ("head_exceptions".to_string(), BTreeMap::from([("http_success200_head".to_string(), failed("404"))])),
    ]);
    let report = Report::judge(&list, &list.spec, &reports, &tests, &CrateState::default(), true);
    let verdict = |name: &str| report.verdicts.iter().find(|v| v.scenario == name).unwrap();
    assert!(verdict("LROPutInlineComplete").passed());
    // Counted by the server, but the driver saw the wrong result.
    assert!(!verdict("LROPostDoubleHeadersFinalLocationGet").passed());
    // One of two specs' drivers failed.
    assert_eq!(verdict("HttpSuccess200Head").failed_drivers, [("head_exceptions".to_string(), "404".to_string())]);
    // An Azure scenario no listed spec covers is judged, and missed.
    assert!(verdict("PagingSingle").specs.is_empty() && !verdict("PagingSingle").passed());
    // Missed but excluded.
    assert_eq!(verdict("HttpSuccess404Head").excluded.as_deref(), Some("a reason"));
    assert_eq!(report.unknown, [(Category::Optional, "LROPatchInlineCompleteIgnoreHeaders".to_string())]);
    assert_eq!(report.stray_tests, [("lro".to_string(), "something_else".to_string(), true)]);
    assert!(!report.passed());
    let text = report.render();
    assert!(text.contains("Azure report: 1/3 (the whole Azure report)"), "{text}");
    assert!(text.contains("vanilla report: 0/2"), "{text}");
    assert!(text.contains("driver lro::lro_post_double_headers_final_location_get failed: expected a GET on Location"), "{text}");
    assert!(text.contains("excluded HttpSuccess404Head"), "{text}");

    // Only `head` selected: the Azure report is judged on its (no) scenarios only.
    let head: Vec<Spec> = list.select(&["head".to_string()]).unwrap();
    let report = Report::judge(&list, &head, &reports, &tests, &CrateState::default(), false);
    assert!(report.verdicts.iter().all(|v| v.category == Category::Vanilla));
    assert!(report.passed(), "{}", report.render());

    // `head` does not compile: its scenarios are missed, saying why, and the step fails even
    // where the server counted the scenario.
    let crates = CrateState {
        blocked: BTreeMap::from([("head".to_string(), Blocked::Compile(vec!["error[E0599]: no method".to_string()]))]),
        left_out: BTreeMap::from([("head".to_string(), vec!["`op`: unsupported".to_string()])]),
        ..CrateState::default()
    };
    let report = Report::judge(&list, &head, &reports, &BTreeMap::new(), &crates, false);
    let verdict = report.verdicts.iter().find(|v| v.scenario == "HttpSuccess200Head").unwrap();
    assert_eq!(verdict.blocked_drivers, [("head".to_string(), "head.json: its crate does not compile (1 error(s))".to_string())]);
    assert!(!verdict.passed() && !report.passed());
    let text = report.render();
    assert!(text.contains("head") && text.contains("(does not compile)"), "{text}");
    assert!(text.contains("error[E0599]: no method"), "{text}");
    assert!(text.contains("`op`: unsupported"), "{text}");

    // A spec with no scenario whose crate does not generate still fails the step.
    let crates = CrateState {
        blocked: BTreeMap::from([("head".to_string(), Blocked::Generate("x.json#/a: unsupported".to_string()))]),
        ..CrateState::default()
    };
    let none = Scenarios::parse("[[spec]]\nfile = \"head.json\"\n").unwrap();
    let report = Report::judge(&none, &none.spec, &reports, &BTreeMap::new(), &crates, false);
    assert!(report.verdicts.is_empty() && !report.passed());
    assert!(report.render().contains("x.json#/a: unsupported"));
}

#[test]
fn compiler_messages_are_blamed_on_their_crate_or_driver_module() {
    let crates = Path::new("/w/target/conformance/crates");
    let message = |manifest: &str, level: &str, file: &str, rendered: &str| {
        serde_json::json!({
            "reason": "compiler-message",
            "manifest_path": manifest,
            "message": {"level": level, "rendered": rendered, "spans": [{"file_name": file, "is_primary": true}]},
        })
        .to_string()
    };
    let stdout = [
        message("/w/target/conformance/crates/url/Cargo.toml", "error", "src/clients/paths_client.rs", "error[E0599]"),
        message("/w/target/conformance/crates/url/Cargo.toml", "warning", "src/lib.rs", "warning: unused"),
        message("/w/generator/conformance/Cargo.toml", "error", "tests/body_date.rs", "error: needless_update"),
        message("/w/generator/conformance/Cargo.toml", "error", "src/lib.rs", "error: in the library"),
        r#"{"reason":"compiler-message","manifest_path":"/w/generator/conformance/Cargo.toml","message":{"level":"error","rendered":"error: aborting","spans":[]}}"#.to_string(),
        r#"{"reason":"build-finished","success":false}"#.to_string(),
    ]
    .join("\n");
    let found = read_diagnostics(&stdout, crates);
    let origins: Vec<(Origin, bool)> = found.iter().map(|d| (d.origin.clone(), d.error)).collect();
    assert_eq!(
        origins,
        [
            (Origin::Crate("url".to_string()), true),
            (Origin::Crate("url".to_string()), false),
            (Origin::Drivers(Some("body_date".to_string())), true),
            (Origin::Drivers(None), true),
        ]
    );
    assert_eq!(found[0].rendered, "error[E0599]");
}
