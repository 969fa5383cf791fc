//! The import end to end, on checkouts laid out as upstream built from the vendored specs: what
//! is copied and recorded, what is refused (with nothing copied), and the bump that follows
//! `--make-current`.

use std::process::Command;

use super::git::git;
use super::vendor::DEFAULT_SOURCE;
use super::*;
use crate::manifest::{sha256_hex, Manifest};
use crate::release::Version;

const DPS: &str = "specification/deviceprovisioningservices/resource-manager/Microsoft.Devices/DeviceProvisioningServices/stable/2026-11-01/iotdps.json";
const STABLE: &str = "specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json";
const TYPES: &str = "specification/common-types/resource-management/v3/types.json";
const IDENTITY: &str = "specification/common-types/resource-management/v3/managedidentity.json";
const GETJOB: &str =
    "specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/examples/iothub_getjob.json";
const PREVIEW: &str =
    "specification/iothub/resource-manager/Microsoft.Devices/IoTHub/preview/2025-08-01-preview/iothub.json";

#[test]
fn a_spec_that_does_not_generate_is_refused_before_anything_is_copied() {
    let from = tempfile::tempdir().unwrap();
    let spec = "specification/x/cookie.yaml";
    std::fs::create_dir_all(from.path().join("specification/x")).unwrap();
    // A cookie parameter: azure_core clients send none, so the generator refuses the operation.
    std::fs::write(
        from.path().join(spec),
        "openapi: 3.0.0\ninfo: {title: cookie, version: \"1\"}\npaths:\n  /things:\n    get:\n      operationId: Things_Get\n      \
         parameters:\n        - {name: session, in: cookie, required: true, schema: {type: string}}\n      \
         responses: {\"200\": {description: OK}}\n",
    )
    .unwrap();
    let refused = Request { make_current: true, ..request(from.path(), spec) };
    // As the product's options are: strict.
    let options = generator::Options { strict: true, ..generator::Options::new("x", "cargo xtask codegen") };
    let error = format!("{:#}", check_generates(&refused, &options).unwrap_err());
    assert!(error.starts_with("the spec does not generate the product crate, so nothing was imported: "), "{error}");
    assert!(error.contains("cookie.yaml#/paths/~1things/get/parameters/0: unsupported"), "{error}");
    // The vendored specs load and generate.
    let ok = Request { make_current: true, ..request(&crate::workspace_root().join("specs"), STABLE) };
    check_generates(&ok, &options).unwrap();
}

/// The bump a maintainer runs, end to end in a workspace of its own: import the next
/// api-version as current, then `bump` sets the crate's version by the report's verdict,
/// adds the changelog section written from the report, regenerates the product crate from
/// both and writes the report of the changes from the spec that was current.
#[test]
fn a_bump_sets_the_version_and_changelog_regenerates_the_product_crate_and_writes_the_report() {
    let root = tempfile::tempdir().unwrap();
    let specs = root.path().join("specs");
    std::fs::create_dir_all(&specs).unwrap();
    let mut manifest = Manifest::read(&crate::workspace_root().join("specs")).unwrap();
    manifest.file.clear();
    manifest.spec.retain(|s| s.path == STABLE);
    manifest.write(&specs).unwrap();
    let changelog = manifest.product.changelog.clone().expect("the product has a changelog");
    let vendored_changelog = std::fs::read_to_string(crate::workspace_root().join("specs").join(&changelog)).unwrap();
    std::fs::write(specs.join(&changelog), &vendored_changelog).unwrap();
    let before: Version = manifest.product.version.parse().unwrap();
    let from = checkout(&[STABLE, PREVIEW, TYPES, IDENTITY]);
    import(&specs, &request(from.path(), STABLE)).unwrap();
    import(&specs, &Request { make_current: true, ..request(from.path(), PREVIEW) }).unwrap();
    assert_eq!(Manifest::read(&specs).unwrap().product.spec, PREVIEW);

    let bumped = bump(root.path(), &specs, &specs.join(STABLE)).unwrap();

    // 13 breaking changes: under Cargo's rule for 0.y.z, the minor version.
    let (path, report) = bumped.report.as_ref().expect("a report");
    assert_eq!(report.bump, generator::diff::Bump::Major);
    let after = Version { minor: before.minor + 1, patch: 0, ..before };
    assert_eq!(before.major, 0, "the rule checked here is the 0.y.z one");
    assert_eq!(bumped.versions, (before, after));
    assert_eq!(Manifest::read(&specs).unwrap().product.version, after.to_string());
    let cargo = std::fs::read_to_string(root.path().join("generated/Cargo.toml")).unwrap();
    assert!(cargo.contains(&format!("\nversion = \"{after}\"\n")), "{cargo}");
    assert!(cargo.contains("api-version 2025-08-01-preview"), "{cargo}");
    assert!(bumped.changed.iter().any(|f| f == "Cargo.toml"), "{:?}", bumped.changed);

    // The changelog: the new section first, written from the report, the old one kept.
    let text = std::fs::read_to_string(specs.join(&changelog)).unwrap();
    let (title, rest) = vendored_changelog.split_once("\n## ").unwrap();
    let expected_start = format!("{title}\n## {after} (Unreleased)\n\nThe Resource Manager API `iotHubClient` moves from api-version `2023-06-30` to `2025-08-01-preview`.");
    assert!(text.starts_with(&expected_start), "{text}");
    assert!(text.ends_with(&format!("\n## {rest}")), "the previous sections follow unchanged:\n{text}");
    let section = &text[title.len()..text.len() - rest.len()];
    use generator::diff::Impact;
    for (impact, heading) in
        [(Impact::Breaking, "Breaking Changes"), (Impact::Addition, "Features Added"), (Impact::Compatible, "Other Changes")]
    {
        let block = section.split(&format!("### {heading}\n\n")).nth(1).unwrap_or_else(|| panic!("no {heading}:\n{section}"));
        let block = block.split("\n\n").next().unwrap();
        let expected: Vec<String> = report
            .changes
            .iter()
            .filter(|c| c.impact == impact)
            .map(|c| format!("- {}", generator::diff::render_change(c)))
            .collect();
        assert_eq!(block.lines().collect::<Vec<_>>(), expected, "{heading}");
    }
    assert!(section.contains("- field `JobResponseListResult.value` required-ness changed: optional → required."), "{section}");
    assert_eq!(bumped.changelog.as_deref(), Some(format!("specs/{changelog}").as_str()));
    // The crate carries the changelog, as codegen --check will expect it.
    let carried = std::fs::read_to_string(root.path().join("generated/CHANGELOG.md")).unwrap();
    assert!(carried.starts_with("<!-- @generated by `cargo xtask codegen` from specs/CHANGELOG.md."), "{carried}");
    assert!(carried.ends_with(&format!("-->\n\n{text}")), "{carried}");
    assert_eq!(bumped.unreleased.as_deref(), Some(before.to_string().as_str()), "0.1.0 was never released");

    assert_eq!(*path, root.path().join("target/api-changes-2023-06-30-to-2025-08-01-preview.md"));
    let report_text = std::fs::read_to_string(path).unwrap();
    assert!(report_text.contains("`JobResponseListResult.value`"), "{report_text}");
    let lines = bumped.lines();
    assert!(lines[1].starts_with("api changes 2023-06-30 → 2025-08-01-preview: "), "{lines:?}");
    assert!(lines[1].ends_with("; implied bump: major"), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with(&format!("version {before} → {after} "))), "{lines:?}");

    // Made current again: nothing to regenerate, nothing to report, no new version.
    let again = bump(root.path(), &specs, &specs.join(PREVIEW)).unwrap();
    assert!(again.changed.is_empty() && again.report.is_none(), "{again:?}");
    assert_eq!(again.versions, (after, after));
    assert_eq!(std::fs::read_to_string(specs.join(&changelog)).unwrap(), text);
}

/// Additions alone, in a 0.y.z crate, take the next patch version, with a "Features Added"
/// section; the bump works on any spec the product may be generated from.
#[test]
fn additions_alone_bump_the_patch_version_of_a_0_y_crate() {
    let thing = |version: &str, extra: &str| {
        format!(
            r##"{{"swagger": "2.0", "info": {{"title": "Things", "version": "{version}"}}, "host": "management.azure.com",
                "schemes": ["https"], "paths": {{"/things/{{name}}": {{"get": {{"operationId": "Things_Get",
                "parameters": [{{"name": "name", "in": "path", "required": true, "type": "string"}},
                {{"name": "api-version", "in": "query", "required": true, "type": "string"}}],
                "responses": {{"200": {{"description": "ok", "schema": {{"$ref": "#/definitions/Thing"}}}}}}}}}}}},
                "definitions": {{"Thing": {{"type": "object", "properties": {{"name": {{"type": "string"}}{extra}}}}}}}}}"##
        )
    };
    const OLD: &str = "specification/things/stable/2024-01-01/things.json";
    const NEW: &str = "specification/things/stable/2024-02-01/things.json";
    let from = tempfile::tempdir().unwrap();
    for (rel, text) in [(OLD, thing("2024-01-01", "")), (NEW, thing("2024-02-01", r#", "color": {"type": "string"}"#))] {
        std::fs::create_dir_all(from.path().join(rel).parent().unwrap()).unwrap();
        std::fs::write(from.path().join(rel), text).unwrap();
    }
    let root = tempfile::tempdir().unwrap();
    let specs = root.path().join("specs");
    std::fs::create_dir_all(&specs).unwrap();
    let mut manifest = Manifest::read(&crate::workspace_root().join("specs")).unwrap();
    manifest.file.clear();
    manifest.spec.clear();
    manifest.product.version = "0.3.7".into();
    manifest.product.changelog = Some("CHANGELOG.md".into());
    manifest.write(&specs).unwrap();
    // No changelog yet: the bump starts one.
    import(&specs, &Request { make_current: true, ..request(from.path(), OLD) }).unwrap();
    import(&specs, &Request { make_current: true, ..request(from.path(), NEW) }).unwrap();

    let bumped = bump(root.path(), &specs, &specs.join(OLD)).unwrap();
    assert_eq!(bumped.report.as_ref().unwrap().1.bump, generator::diff::Bump::Minor);
    assert_eq!(bumped.versions, ("0.3.7".parse().unwrap(), "0.3.8".parse().unwrap()));
    let text = std::fs::read_to_string(specs.join("CHANGELOG.md")).unwrap();
    assert!(text.starts_with("# Release History\n\n## 0.3.8 (Unreleased)\n\n"), "{text}");
    assert!(text.contains("\n### Features Added\n\n"), "{text}");
    assert!(text.contains("\n- field `Thing.color` added: `color: Option<String>`."), "{text}");
    assert!(text.contains("which for a 0.y.z crate is the patch version by Cargo's compatibility rule, 0.3.7 → 0.3.8."), "{text}");
    assert!(!text.contains("### Breaking Changes"), "{text}");
    assert_eq!(bumped.unreleased, None);
    let cargo = std::fs::read_to_string(root.path().join("generated/Cargo.toml")).unwrap();
    assert!(cargo.contains("\nversion = \"0.3.8\"\n"), "{cargo}");
}

/// A checkout laid out as upstream, built from the project's own vendored copies.
fn checkout(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let specs = crate::workspace_root().join("specs");
    for file in files {
        let dest = dir.path().join(file);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(specs.join(file), dest).unwrap();
    }
    dir
}

/// A fresh `specs/` with only a manifest (the vendored one, without its [[file]] entries).
fn empty_specs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut manifest = Manifest::read(&crate::workspace_root().join("specs")).unwrap();
    manifest.file.clear();
    manifest.spec.retain(|s| s.path == STABLE);
    manifest.write(dir.path()).unwrap();
    dir
}

fn request(from: &Path, spec: &str) -> Request {
    Request { from: from.to_path_buf(), spec: spec.into(), make_current: false, force: false, source: None }
}

fn git_in(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

#[test]
fn copies_the_spec_and_its_references_transitively_and_records_them() {
    let from = checkout(&[DPS, TYPES, IDENTITY]);
    git_in(from.path(), &["init", "-q"]);
    git_in(from.path(), &["add", "."]);
    git_in(from.path(), &["commit", "-q", "-m", "specs"]);
    let head = git(from.path(), &["rev-parse", "HEAD"]).unwrap();
    let specs = empty_specs();

    let mut req = request(from.path(), DPS);
    req.make_current = true;
    let outcome = import(specs.path(), &req).unwrap();

    let mut written = outcome.written.clone();
    written.sort();
    let mut expected = vec![DPS.to_string(), TYPES.to_string(), IDENTITY.to_string()];
    expected.sort();
    assert_eq!(written, expected);
    assert_eq!(outcome.commit.as_deref(), Some(head.as_str()));
    assert_eq!(outcome.api_version, "2026-11-01");
    for file in [DPS, TYPES, IDENTITY] {
        assert_eq!(std::fs::read(specs.path().join(file)).unwrap(), std::fs::read(from.path().join(file)).unwrap());
    }
    let manifest = Manifest::read(specs.path()).unwrap();
    assert_eq!(manifest.product.spec, DPS);
    assert_eq!(manifest.product.api_version, "2026-11-01");
    assert!(manifest.spec.iter().any(|s| s.path == DPS));
    let vendored = Manifest::read(&crate::workspace_root().join("specs")).unwrap();
    for file in [DPS, TYPES, IDENTITY] {
        let entry = manifest.file.iter().find(|f| f.path == file).unwrap();
        assert_eq!(entry.commit.as_deref(), Some(head.as_str()));
        assert_eq!(entry.source, DEFAULT_SOURCE);
        let upstream = vendored.file.iter().find(|f| f.path == file).unwrap();
        assert_eq!(entry.sha256, upstream.sha256, "{file}");
    }

    // A second import finds everything in place and copies nothing.
    let again = import(specs.path(), &request(from.path(), DPS)).unwrap();
    assert!(again.written.is_empty());
    assert_eq!(again.unchanged.len(), 3);
}

#[test]
fn follows_references_inside_referenced_files_and_copies_nothing_unreferenced() {
    let from = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = from.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "specification/svc/stable/2024-01-01/svc.json",
        r##"{"swagger": "2.0", "info": {"title": "svc", "version": "2024-01-01"}, "paths": {},
                "definitions": {"Top": {"type": "object", "properties": {"a": {"$ref": "../../../common/a.json#/definitions/A"}}}}}"##,
    );
    write(
        "specification/common/a.json",
        r##"{"swagger": "2.0", "info": {"title": "a", "version": "1"}, "paths": {},
                "definitions": {"A": {"type": "object", "properties": {"b": {"$ref": "./nested/b.yaml#/definitions/B"}}}}}"##,
    );
    write(
        "specification/common/nested/b.yaml",
        "swagger: '2.0'\ninfo: {title: b, version: '1'}\npaths: {}\ndefinitions:\n  B: {type: string}\n",
    );
    write("specification/common/unrelated.json", "{}");
    let specs = empty_specs();
    let outcome =
        import(specs.path(), &request(from.path(), "specification/svc/stable/2024-01-01/svc.json")).unwrap();
    let mut written = outcome.written.clone();
    written.sort();
    assert_eq!(
        written,
        [
            "specification/common/a.json",
            "specification/common/nested/b.yaml",
            "specification/svc/stable/2024-01-01/svc.json"
        ]
    );
    assert!(!specs.path().join("specification/common/unrelated.json").exists());
    let manifest = Manifest::read(specs.path()).unwrap();
    assert!(manifest
        .spec
        .iter()
        .any(|s| s.path == "specification/svc/stable/2024-01-01/svc.json" && s.api_version == "2024-01-01"));
    assert_eq!(manifest.product.api_version, "2023-06-30", "not made current without --make-current");
}

#[test]
fn copies_the_example_files_it_names_and_notes_the_missing_ones() {
    let examples = crate::workspace_root().join("specs").join(GETJOB).parent().unwrap().to_path_buf();
    let mut files = vec![STABLE.to_string()];
    for entry in std::fs::read_dir(&examples).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        files.push(format!(
            "specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/examples/{name}"
        ));
    }
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let from = checkout(&refs);
    let specs = empty_specs();
    let outcome = import(specs.path(), &request(from.path(), STABLE)).unwrap();
    assert_eq!(outcome.commit, None, "not a git checkout");
    assert!(outcome.written.iter().any(|w| w == GETJOB));
    assert!(specs.path().join(GETJOB).is_file());
    // The spec names 38 example files; the checkout (a copy of specs/) has 18, one of which
    // no operation names, so 21 named ones are missing.
    assert_eq!(outcome.written.len(), 1 + 17, "{:#?}", outcome.written);
    assert_eq!(outcome.named_examples, 38);
    assert_eq!(outcome.missing_examples.len(), 38 - 17, "{:#?}", outcome.missing_examples);
    let folder = GETJOB.rsplit_once('/').unwrap().0;
    for missing in &outcome.missing_examples {
        assert!(missing.path.starts_with(&format!("{folder}/")), "{missing:?}");
        assert!(!from.path().join(&missing.path).exists(), "{missing:?}");
        assert!(!missing.operations.is_empty(), "every missing file is named by an operation: {missing:?}");
    }
    let certificate = outcome.missing_examples.iter().find(|m| m.path.ends_with("/iothub_getcertificate.json")).unwrap();
    assert_eq!(certificate.operations, ["Certificates_Get"]);
    let note = missing_examples_note(&outcome);
    assert!(note[0].starts_with("note: the spec names 38 example file(s); 21 of them are not in the checkout"), "{note:?}");
    assert_eq!(note.len(), 1 + 21, "{note:?}");
    assert!(note.contains(&format!("  {folder}/iothub_getcertificate.json (named by Certificates_Get)")), "{note:?}");
    // A checkout with every named file says nothing.
    let complete = Outcome { missing_examples: Vec::new(), ..outcome.clone() };
    assert!(missing_examples_note(&complete).is_empty());
}

#[test]
fn refuses_to_overwrite_differing_files_without_force_and_names_them() {
    let from = checkout(&[DPS, TYPES, IDENTITY]);
    let specs = empty_specs();
    import(specs.path(), &request(from.path(), DPS)).unwrap();
    // Still a valid spec (so the load succeeds), with different bytes.
    let edited = format!("{}\n", std::fs::read_to_string(from.path().join(IDENTITY)).unwrap());
    std::fs::write(from.path().join(IDENTITY), &edited).unwrap();
    let manifest_before = std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap();

    let error = import(specs.path(), &request(from.path(), DPS)).unwrap_err().to_string();
    assert!(error.contains(IDENTITY) && error.contains("--force"), "{error}");
    assert!(!error.contains(TYPES), "only differing files are named: {error}");
    assert_ne!(std::fs::read_to_string(specs.path().join(IDENTITY)).unwrap(), edited);
    assert_eq!(std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap(), manifest_before);

    let mut forced = request(from.path(), DPS);
    forced.force = true;
    let outcome = import(specs.path(), &forced).unwrap();
    assert_eq!(outcome.written, [IDENTITY]);
    assert_eq!(std::fs::read_to_string(specs.path().join(IDENTITY)).unwrap(), edited);
    let manifest = Manifest::read(specs.path()).unwrap();
    let entry = manifest.file.iter().find(|f| f.path == IDENTITY).unwrap();
    assert_eq!(entry.sha256, sha256_hex(edited.as_bytes()));
}

#[test]
fn a_reference_out_of_the_checkout_is_refused_and_nothing_is_copied() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("checkout");
    let spec = "specification/svc/stable/2024-01-01/svc.json";
    std::fs::create_dir_all(from.join("specification/svc/stable/2024-01-01")).unwrap();
    std::fs::write(dir.path().join("secret.json"), r#"{"definitions": {"S": {"type": "string"}}}"#).unwrap();
    // From the spec's folder, four levels up is the checkout; five is outside it.
    std::fs::write(
        from.join(spec),
        r##"{"swagger": "2.0", "info": {"title": "svc", "version": "2024-01-01"}, "paths": {},
                "definitions": {"Top": {"type": "object", "properties": {"s": {"$ref": "../../../../../secret.json#/definitions/S"}}}}}"##,
    )
    .unwrap();
    let specs = empty_specs();
    let manifest_before = std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap();
    let error = import(specs.path(), &request(&from, spec)).unwrap_err().to_string();
    assert!(error.contains("svc.json#/definitions/Top/properties/s: "), "{error}");
    assert!(error.contains("outside the root folder"), "{error}");
    assert!(!specs.path().join("specification").exists(), "nothing copied");
    assert_eq!(std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap(), manifest_before);
    // With --make-current, the check that the spec generates refuses it first.
    let options = generator::Options::new("x", "cargo xtask codegen");
    let refused = Request { make_current: true, ..request(&from, spec) };
    let error = format!("{:#}", check_generates(&refused, &options).unwrap_err());
    assert!(error.contains("outside the root folder"), "{error}");
}

#[test]
fn a_write_that_fails_puts_back_what_was_written() {
    let from = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = from.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "specification/svc/svc.json",
        r##"{"swagger": "2.0", "info": {"title": "svc", "version": "2024-01-01"}, "paths": {},
                "definitions": {"Top": {"type": "object", "properties": {"a": {"$ref": "../common/a.json#/definitions/A"}}}}}"##,
    );
    write("specification/common/a.json", r#"{"definitions": {"A": {"type": "string"}}}"#);
    let specs = empty_specs();
    // The spec's place in specs/ is taken by a folder that cannot be replaced: its write fails
    // after common/a.json (first in path order) was written.
    std::fs::create_dir_all(specs.path().join("specification/svc/svc.json/inside")).unwrap();
    let manifest_before = std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap();
    let error = format!("{:#}", import(specs.path(), &request(from.path(), "specification/svc/svc.json")).unwrap_err());
    assert!(error.starts_with("nothing was imported: specs/ is as it was: "), "{error}");
    assert!(!specs.path().join("specification/common/a.json").exists(), "the file written first is removed");
    assert_eq!(std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap(), manifest_before);
}

#[test]
fn an_unresolvable_reference_stops_with_the_located_error_and_copies_nothing() {
    // common-types' managedidentity.json is missing from this checkout.
    let from = checkout(&[DPS, TYPES]);
    let specs = empty_specs();
    let manifest_before = std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap();
    let error = import(specs.path(), &request(from.path(), DPS)).unwrap_err().to_string();
    assert!(error.contains("managedidentity.json"), "{error}");
    assert!(error.contains('#'), "the error is located (file#pointer): {error}");
    assert!(!specs.path().join("specification").exists(), "nothing copied");
    assert_eq!(std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap(), manifest_before);
}
