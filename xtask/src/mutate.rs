//! `cargo xtask mutate [--seed S] [--count N] [--max-seconds T] [--only I --keep DIR]`: runs the
//! generator on mutants of the vendored specs and the fixture specs, and checks that none makes
//! it panic, abort or hang, that every refusal is located at a `file#pointer` that exists, and
//! that a refused spec leaves the output folder untouched.
//!
//! Mutant `i` of seed `S` is always the same spec: a base spec (picked by the seeded generator)
//! with one to three mutations (a value replaced by a hostile one, a key removed or renamed to a
//! hostile name, a `$ref` pointed elsewhere (at itself, nowhere, out of the folder, at a URL), a
//! definition made to contain itself, a schema nested hundreds of levels deep, hostile enum
//! values or names). `--only I --keep DIR` writes mutant `I`'s spec tree to `DIR` to look at.
//!
//! The mutants run in a worker process (this command, with `--worker`), which reports each one
//! on its stdout before and after generating it: a panic is caught and reported; an abort (a
//! stack overflow kills the process) or a hang (past `MUTANT_TIMEOUT`) is seen by this process,
//! which names the mutant and starts a new worker after it.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::args::Args;
use crate::manifest::Manifest;
use crate::{codegen, paths};

/// How long one mutant may take before the worker is taken for hung (the product spec takes
/// half a second in a debug build).
const MUTANT_TIMEOUT: Duration = Duration::from_secs(60);

/// The seed `cargo xtask mutate` uses unless told otherwise: the one `cargo test` runs and whose
/// accepted mutants `cargo xtask test` compiles.
pub const DEFAULT_SEED: u64 = 1;

/// The fixture folders whose specs are bases, besides the vendored specs.
const FIXTURE_BASES: &[&str] = &["generator/tests/fixtures/lower", "generator/tests/fixtures/lower/swagger", "generator/tests/fixtures/expand"];

/// A small, seeded pseudo-random generator (SplitMix64): the same seed gives the same mutants on
/// every machine, with no dependency.
pub struct Rng(u64);

impl Rng {
    /// The generator of mutant `index` of `seed`.
    pub fn new(seed: u64, index: u64) -> Self {
        let mut rng = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Strings that have broken, or could break, a generator: keywords, prelude and emitter names,
/// digits, nothing, non-ASCII, bidirectional overrides and control characters, pointer and path
/// syntax.
const HOSTILE_STRINGS: &[&str] = &[
    "self", "Self", "crate", "super", "type", "fn", "_", "", "__", "0", "123abc", "é", "日本語", "Option", "Box",
    "Result", "String", "Default", "UnknownValue", "UnknownKind", "additional_properties", "new", "options",
    "value", "r#type", "a\u{202e}b", "\u{2066}x\u{2069}", "nul\u{0}", "bell\u{7}", "line\nbreak", "tab\there",
    "cr\rlf", "a/b~c", "$ref", "#/definitions", "x-ms-client-name", "../../etc/passwd", "{name}", "%2F", "a b",
    "`code`", "[link]", "<tag>", "*", "    indented", "```", "https://example.com", "\u{feff}bom",
];

/// `$ref`s that lead nowhere, out of the folder, at a URL, or at something that is not a schema.
const HOSTILE_REFS: &[&str] = &[
    "#/definitions/Nope", "#", "#/paths", "#/info", "#/definitions", "#definitions/A", "#/definitions/~2",
    "../../../../../../../../etc/passwd", "/etc/passwd#/a", "https://example.com/types.json#/definitions/A",
    "file:///etc/passwd", "//host/share/x.json", "nope.json#/definitions/A", "./", ".", "..", "%ZZ",
    "#/components/schemas/Nope", "examples#/a",
];

/// One mutant: the base it came from (relative to the workspace) and what was done to it.
#[derive(Debug, Clone)]
pub struct Mutant {
    /// The base spec, relative to the workspace root.
    pub base: String,
    /// The mutated document.
    pub document: Value,
    /// The mutations, for people.
    pub mutations: Vec<String>,
}

/// The base specs: the vendored root specs, then the fixture specs, in a fixed order.
pub fn bases(root: &Path) -> Result<Vec<String>> {
    let manifest = Manifest::read(&root.join("specs"))?;
    let mut bases: Vec<String> = manifest.spec.iter().map(|s| format!("specs/{}", s.path)).collect();
    for folder in FIXTURE_BASES {
        let mut specs: Vec<String> = std::fs::read_dir(root.join(folder))
            .with_context(|| format!("reading {folder}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "json")))
            .filter_map(|p| p.file_name().map(|n| format!("{folder}/{}", n.to_string_lossy())))
            .collect();
        specs.sort();
        bases.extend(specs);
    }
    Ok(bases)
}

/// Reads a spec (JSON or YAML, as the generator tells them apart) as JSON.
fn read_document(path: &Path) -> Result<Value> {
    generator::load::read_document(path).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Mutant `index` of `seed`.
pub fn mutant(root: &Path, bases: &[String], seed: u64, index: u64) -> Result<Mutant> {
    let mut rng = Rng::new(seed, index);
    // A third of the mutants start from a vendored spec (the specs the product is made of).
    let vendored = bases.iter().filter(|b| b.starts_with("specs/")).count().max(1);
    let base = if rng.below(3) == 0 { rng.below(vendored) } else { vendored + rng.below(bases.len() - vendored) };
    let base = bases[base.min(bases.len() - 1)].clone();
    let mut document = read_document(&root.join(&base))?;
    let mut mutations = Vec::new();
    for _ in 0..1 + rng.below(3) {
        mutations.push(mutate(&mut rng, &mut document));
    }
    Ok(Mutant { base, document, mutations })
}

/// Every JSON pointer of `value` (explicit stack: a document may be deep).
fn pointers(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), value)];
    while let Some((pointer, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    stack.push((format!("{pointer}/{}", generator::error::escape_pointer_segment(k)), v));
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    stack.push((format!("{pointer}/{i}"), v));
                }
            }
            _ => {}
        }
        out.push(pointer);
    }
    out.sort();
    out
}

/// The pointers of `document` whose last segment is `key`.
fn pointers_ending(document: &Value, key: &str) -> Vec<String> {
    pointers(document).into_iter().filter(|p| p.rsplit('/').next() == Some(key)).collect()
}

/// The names of the document's definitions (Swagger 2.0) or component schemas (OpenAPI 3).
fn schema_names(document: &Value) -> (String, Vec<String>) {
    for section in ["/definitions", "/components/schemas"] {
        if let Some(Value::Object(map)) = document.pointer(section) {
            return (section.to_string(), map.keys().cloned().collect());
        }
    }
    ("/definitions".to_string(), Vec::new())
}

/// A hostile value of any JSON type.
fn hostile_value(rng: &mut Rng) -> Value {
    match rng.below(12) {
        0 => json!(42),
        1 => json!(-1),
        2 => json!(1e300),
        3 => json!(true),
        4 => Value::Null,
        5 => json!([]),
        6 => json!({}),
        7 => json!("x".repeat(10_000)),
        8 => json!({ "$ref": *rng.pick(HOSTILE_REFS) }),
        9 => json!([{ "type": 7 }, "a", null]),
        _ => json!(*rng.pick(HOSTILE_STRINGS)),
    }
}

/// Applies one mutation to `document`; says what it did.
fn mutate(rng: &mut Rng, document: &mut Value) -> String {
    let all = pointers(document);
    let (section, schemas) = schema_names(document);
    match rng.below(10) {
        // A value replaced.
        0 | 1 => {
            let at = rng.pick(&all).clone();
            let value = hostile_value(rng);
            let said = format!("replace {at} with {}", short(&value));
            if let Some(slot) = document.pointer_mut(&at) {
                *slot = value;
            }
            said
        }
        // A key removed.
        2 => {
            let at = rng.pick(&all).clone();
            let Some(Value::Object(map)) = document.pointer_mut(&at) else { return format!("nothing to remove at {at}") };
            let keys: Vec<String> = map.keys().cloned().collect();
            if keys.is_empty() {
                return format!("nothing to remove at {at}");
            }
            let key = rng.pick(&keys).clone();
            map.shift_remove(&key);
            format!("remove {at}/{key}")
        }
        // A key renamed to a hostile name.
        3 => {
            let objects: Vec<String> = all.iter().filter(|p| document.pointer(p).is_some_and(Value::is_object)).cloned().collect();
            if objects.is_empty() {
                return "no object to rename a key of".into();
            }
            let at = rng.pick(&objects).clone();
            let name = rng.pick(HOSTILE_STRINGS).to_string();
            let Some(Value::Object(map)) = document.pointer_mut(&at) else { return format!("nothing to rename at {at}") };
            let keys: Vec<String> = map.keys().cloned().collect();
            if keys.is_empty() {
                return format!("nothing to rename at {at}");
            }
            let key = rng.pick(&keys).clone();
            if let Some(value) = map.shift_remove(&key) {
                map.insert(name.clone(), value);
            }
            format!("rename {at}/{key} to {name:?}")
        }
        // A `$ref` pointed elsewhere: another schema, itself, or somewhere hostile.
        4 | 5 => {
            let refs = pointers_ending(document, "$ref");
            if refs.is_empty() {
                return "no $ref to change".into();
            }
            let at = rng.pick(&refs).clone();
            let target = if rng.below(2) == 0 && !schemas.is_empty() {
                format!("#{section}/{}", rng.pick(&schemas))
            } else {
                rng.pick(HOSTILE_REFS).to_string()
            };
            let said = format!("point {at} at {target}");
            if let Some(slot) = document.pointer_mut(&at) {
                *slot = Value::String(target);
            }
            said
        }
        // A schema made to contain itself (or another), through a property, items, a map or allOf.
        6 => {
            if schemas.is_empty() {
                return "no schema to make recursive".into();
            }
            let name = rng.pick(&schemas).clone();
            let other = rng.pick(&schemas).clone();
            let target = json!({ "$ref": format!("#{section}/{}", generator::error::escape_pointer_segment(&other)) });
            let at = format!("{section}/{}", generator::error::escape_pointer_segment(&name));
            let how = rng.below(5);
            let Some(Value::Object(schema)) = document.pointer_mut(&at) else { return format!("{at} is not an object") };
            match how {
                0 => {
                    let properties = schema.entry("properties").or_insert_with(|| json!({}));
                    if let Value::Object(properties) = properties {
                        properties.insert("again".into(), target);
                    }
                    if rng.below(2) == 0 {
                        schema.insert("required".into(), json!(["again"]));
                    }
                }
                1 => {
                    schema.insert("type".into(), json!("array"));
                    schema.insert("items".into(), target);
                }
                2 => {
                    schema.insert("additionalProperties".into(), target);
                }
                3 => {
                    schema.insert("allOf".into(), json!([target]));
                }
                _ => {
                    if let Some(slot) = document.pointer_mut(&at) {
                        *slot = target;
                    }
                }
            }
            format!("make {at} hold {other} ({})", ["a property", "items", "a map", "allOf", "an alias"][how])
        }
        // A schema nested deep.
        7 => {
            let schemas_at: Vec<String> = pointers_ending(document, "schema")
                .into_iter()
                .chain(schemas.iter().map(|n| format!("{section}/{}", generator::error::escape_pointer_segment(n))))
                .collect();
            if schemas_at.is_empty() {
                return "no schema to nest".into();
            }
            let at = rng.pick(&schemas_at).clone();
            let depth = *rng.pick(&[40, 126, 130, 300]);
            let keyword = *rng.pick(&["items", "allOf", "additionalProperties", "properties"]);
            let Some(slot) = document.pointer_mut(&at) else { return format!("{at} is gone") };
            let mut nested = slot.take();
            for _ in 0..depth {
                nested = match keyword {
                    "items" => json!({ "type": "array", "items": nested }),
                    "allOf" => json!({ "allOf": [nested] }),
                    "additionalProperties" => json!({ "type": "object", "additionalProperties": nested }),
                    _ => json!({ "type": "object", "properties": { "p": nested } }),
                };
            }
            *slot = nested;
            format!("nest {at} {depth} levels of {keyword}")
        }
        // Hostile enum values.
        8 => {
            let at = if schemas.is_empty() {
                String::new()
            } else {
                let name: &String = rng.pick(&schemas);
                format!("{section}/{}", generator::error::escape_pointer_segment(name))
            };
            let values: Vec<Value> = (0..1 + rng.below(4))
                .map(|_| if rng.below(4) == 0 { hostile_value(rng) } else { json!(*rng.pick(HOSTILE_STRINGS)) })
                .collect();
            let said = format!("enum of {at}: {}", short(&Value::Array(values.clone())));
            if let Some(Value::Object(schema)) = document.pointer_mut(&at) {
                schema.insert("enum".into(), Value::Array(values));
                if rng.below(2) == 0 {
                    schema.insert("x-ms-enum".into(), json!({ "name": *rng.pick(HOSTILE_STRINGS), "modelAsString": rng.below(2) == 0 }));
                }
            }
            said
        }
        // A name the spec author chose, made hostile.
        _ => {
            let candidates: Vec<String> = ["operationId", "name", "x-ms-client-name", "title", "description", "summary"]
                .iter()
                .flat_map(|k| pointers_ending(document, k))
                .collect();
            if candidates.is_empty() {
                return "no name to change".into();
            }
            let at = rng.pick(&candidates).clone();
            let name = rng.pick(HOSTILE_STRINGS).to_string();
            let said = format!("name {at} {name:?}");
            if let Some(slot) = document.pointer_mut(&at) {
                *slot = Value::String(name);
            }
            said
        }
    }
}

/// A value shown in a line.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.len() > 60 {
        format!("{}...", &text[..text.char_indices().nth(57).map_or(text.len(), |(i, _)| i)])
    } else {
        text
    }
}

/// What generating one mutant did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    /// The mutant's index.
    pub index: u64,
    /// Its base spec.
    pub base: String,
    /// What was done to it.
    pub mutations: Vec<String>,
    /// `accepted`, `refused` or `panicked`.
    pub outcome: String,
    /// For a refusal: the error kind and text.
    pub error: Option<String>,
    /// What is wrong with the outcome, if anything: a panic, an unlocated error, a write.
    pub problem: Option<String>,
    /// How long it took, in milliseconds.
    pub millis: u64,
}

/// A copy of the bases' folders in `scratch`, where mutants are written over their base.
struct Workspace {
    root: PathBuf,
    scratch: PathBuf,
}

impl Workspace {
    fn new(root: &Path, scratch: &Path) -> Result<Self> {
        let _ = std::fs::remove_dir_all(scratch);
        for folder in ["specs/specification", "generator/tests/fixtures/lower", "generator/tests/fixtures/expand"] {
            copy_tree(&root.join(folder), &scratch.join(folder))?;
        }
        Ok(Self { root: root.to_path_buf(), scratch: scratch.to_path_buf() })
    }

    /// Writes `mutant` over its base in the copy; returns its path there.
    fn write(&self, mutant: &Mutant) -> Result<PathBuf> {
        let path = self.scratch.join(&mutant.base);
        std::fs::write(&path, serde_json::to_string_pretty(&mutant.document)?).with_context(|| format!("writing {}", path.display()))?;
        Ok(path)
    }

    /// Puts the base of `mutant` back.
    fn restore(&self, mutant: &Mutant) -> Result<()> {
        std::fs::copy(self.root.join(&mutant.base), self.scratch.join(&mutant.base)).context("restoring a base")?;
        Ok(())
    }
}

/// Copies the folder `from` to `to`.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    let mut stack = vec![from.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let dest = to.join(folder.strip_prefix(from).unwrap_or(Path::new("")));
        std::fs::create_dir_all(&dest).with_context(|| format!("creating {}", dest.display()))?;
        for entry in std::fs::read_dir(&folder).with_context(|| format!("reading {}", folder.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                std::fs::copy(&path, dest.join(path.file_name().unwrap_or_default()))
                    .with_context(|| format!("copying {}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// Whether `pointer` names a place in the JSON or YAML file `file` (the whole file for `""`).
fn pointer_exists(file: &Path, pointer: &str) -> bool {
    if !file.is_file() {
        return false;
    }
    if pointer.is_empty() {
        return true;
    }
    read_document(file).is_ok_and(|value| value.pointer(pointer).is_some())
}

/// Every file under `dir` with its bytes and time, for "nothing was written".
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, Option<std::time::SystemTime>)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let time = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                files.insert(path.clone(), (std::fs::read(&path).unwrap_or_default(), time));
            }
        }
    }
    files
}

/// Generates mutant `index` in `workspace` and judges the outcome. A refusal is also run through
/// the command's own write path against `out` (a generated crate), which must not change.
fn run_one(workspace: &Workspace, bases: &[String], seed: u64, index: u64, out: &Path) -> Result<Report> {
    let mutant = mutant(&workspace.root, bases, seed, index)?;
    let spec = workspace.write(&mutant)?;
    let options = generator::Options::new(format!("mutant_{index}"), "cargo xtask mutate");
    let start = Instant::now();
    let result = std::panic::catch_unwind(|| generator::generate(&spec, &options));
    let millis = start.elapsed().as_millis() as u64;
    let (outcome, error, problem) = match result {
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            ("panicked", None, Some(format!("the generator panicked: {message}")))
        }
        Ok(Ok(_)) => ("accepted", None, None),
        Ok(Err(e)) => {
            let text = format!("{:?}: {e}", e.kind);
            let problem = if !pointer_exists(&e.location.file, &e.location.pointer) {
                Some(format!("the error is not located at a place that exists: {}", e.location))
            } else if e.location.pointer.is_empty()
                && !matches!(e.kind, generator::ErrorKind::Malformed | generator::ErrorKind::Io | generator::ErrorKind::UnsupportedVersion)
                && !e.message.contains("levels deep")
                // A field the document itself lacks is missing at its root.
                && !e.message.contains("missing field")
            {
                Some(format!("the error names the whole file, not a place in it: {}", e.location))
            } else {
                // The command's own path: generate, compare, and (never reached) write.
                let before = snapshot(out);
                let target = codegen::Target { spec: spec.clone(), out: out.to_path_buf(), options: options.clone() };
                let planned = codegen::plan(&target);
                if planned.is_ok() {
                    Some("codegen accepts what generate refused".to_string())
                } else if snapshot(out) != before {
                    Some("a refused spec changed the output folder".to_string())
                } else {
                    None
                }
            };
            ("refused", Some(text), problem)
        }
    };
    workspace.restore(&mutant)?;
    Ok(Report { index, base: mutant.base, mutations: mutant.mutations, outcome: outcome.into(), error, problem, millis })
}

/// The crates of the first accepted mutants of `seed`: one from a vendored spec and `count - 1`
/// from fixture specs (whose crates are small, so `cargo xtask test` compiles them quickly), as
/// (crate name, files). The mutants are generated in `scratch`.
pub fn accepted_crates(root: &Path, scratch: &Path, seed: u64, count: usize) -> Result<Vec<(String, Vec<generator::GeneratedFile>)>> {
    let bases = bases(root)?;
    let workspace = Workspace::new(root, scratch)?;
    let (mut vendored, mut fixtures) = (0, 0);
    let mut crates = Vec::new();
    for index in 0..10_000 {
        if crates.len() >= count {
            break;
        }
        let mutant = mutant(root, &bases, seed, index)?;
        let from_vendored = mutant.base.starts_with("specs/");
        if (from_vendored && vendored >= 1) || (!from_vendored && fixtures + 1 >= count) {
            continue;
        }
        let spec = workspace.write(&mutant)?;
        let name = format!("mutant_{index}");
        let command = format!("cargo xtask mutate --seed {seed} --only {index} --keep DIR");
        let generated = generator::generate(&spec, &generator::Options::new(name.clone(), command));
        workspace.restore(&mutant)?;
        if let Ok(generated) = generated {
            if from_vendored {
                vendored += 1;
            } else {
                fixtures += 1;
            }
            crates.push((name, generated.files));
        }
    }
    Ok(crates)
}

/// `cargo xtask mutate`.
pub fn run(mut args: Args) -> Result<ExitCode> {
    let seed: u64 =
        args.value("--seed")?.map(|s| s.parse()).transpose().context("--seed takes a number")?.unwrap_or(DEFAULT_SEED);
    let count: u64 = args.value("--count")?.map(|s| s.parse()).transpose().context("--count takes a number")?.unwrap_or(200);
    let max_seconds: u64 =
        args.value("--max-seconds")?.map(|s| s.parse()).transpose().context("--max-seconds takes a number")?.unwrap_or(600);
    let from: u64 = args.value("--from")?.map(|s| s.parse()).transpose().context("--from takes a number")?.unwrap_or(0);
    let only: Option<u64> = args.value("--only")?.map(|s| s.parse()).transpose().context("--only takes a number")?;
    let keep = args.path("--keep")?;
    let worker = args.flag("--worker");
    args.finish()?;
    let root = crate::enter_workspace_root()?;
    let bases = bases(&root)?;
    if let Some(index) = only {
        let keep = keep.context("--only goes with --keep DIR, where the mutant's spec tree is written")?;
        let workspace = Workspace::new(&root, &keep)?;
        let mutant = mutant(&root, &bases, seed, index)?;
        let path = workspace.write(&mutant)?;
        println!("mutant {index} of seed {seed}: {}", mutant.mutations.join("; "));
        println!("written to {}", paths::display(&path));
        return Ok(ExitCode::SUCCESS);
    }
    if worker {
        return work(&root, &bases, seed, from, count);
    }
    supervise(seed, count, Duration::from_secs(max_seconds))
}

/// The worker: mutants `from..count`, each reported on stdout as `start <i>` then a JSON report.
fn work(root: &Path, bases: &[String], seed: u64, from: u64, count: u64) -> Result<ExitCode> {
    use std::io::Write as _;
    let scratch = root.join("target").join("mutate").join(format!("worker-{}", std::process::id()));
    let workspace = Workspace::new(root, &scratch)?;
    // A generated crate for the write-path check, made once.
    let out = scratch.join("out");
    let fixture = root.join("generator/tests/fixtures/lower/objects.yaml");
    let target = codegen::Target { spec: fixture, out: out.clone(), options: generator::Options::new("out", "cargo xtask mutate") };
    codegen::apply(&out, &codegen::plan(&target)?)?;
    // Panics are caught and reported; their default message would only repeat it.
    std::panic::set_hook(Box::new(|_| {}));
    let mut stdout = std::io::stdout().lock();
    for index in from..count {
        writeln!(stdout, "start {index}")?;
        stdout.flush()?;
        let report = run_one(&workspace, bases, seed, index, &out)?;
        writeln!(stdout, "{}", serde_json::to_string(&report)?)?;
        stdout.flush()?;
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(ExitCode::SUCCESS)
}

/// The parent: runs workers until `count` mutants are reported or `budget` is spent, and sums up.
fn supervise(seed: u64, count: u64, budget: Duration) -> Result<ExitCode> {
    let started = Instant::now();
    let mut reports: Vec<Report> = Vec::new();
    let mut next = 0;
    while next < count && started.elapsed() < budget {
        let exe = std::env::current_exe().context("finding the xtask binary")?;
        let mut child = Command::new(exe)
            .args(["mutate", "--worker", "--seed", &seed.to_string(), "--from", &next.to_string(), "--count", &count.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("starting a worker")?;
        let stdout = child.stdout.take().context("the worker's stdout")?;
        let (lines_tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if lines_tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut running: Option<u64> = None;
        let mut ended_by: Option<String> = None;
        loop {
            let left = budget.saturating_sub(started.elapsed());
            match lines.recv_timeout(MUTANT_TIMEOUT.min(left.max(Duration::from_millis(1)))) {
                Ok(Ok(line)) => {
                    if let Some(index) = line.strip_prefix("start ") {
                        running = index.parse().ok();
                    } else if let Ok(report) = serde_json::from_str::<Report>(&line) {
                        next = report.index + 1;
                        running = None;
                        reports.push(report);
                    }
                }
                Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if started.elapsed() >= budget {
                        ended_by = Some("the time budget".into());
                    } else {
                        ended_by = Some(format!("no answer in {} s", MUTANT_TIMEOUT.as_secs()));
                    }
                    let _ = child.kill();
                    break;
                }
            }
        }
        let status = child.wait().context("waiting for the worker")?;
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            use std::io::Read as _;
            let _ = pipe.read_to_string(&mut stderr);
        }
        match (running, ended_by) {
            (Some(index), Some(why)) if why == "the time budget" => {
                let _ = index;
                break;
            }
            (Some(index), ended) => {
                // The worker died or hung on this mutant: that is the finding.
                let why = ended.unwrap_or_else(|| format!("the worker died ({status}): {}", stderr.trim().lines().last().unwrap_or("")));
                reports.push(Report {
                    index,
                    base: String::new(),
                    mutations: Vec::new(),
                    outcome: "aborted".into(),
                    error: None,
                    problem: Some(why),
                    millis: 0,
                });
                next = index + 1;
            }
            (None, _) if !status.success() => bail!("a worker failed outside any mutant ({status}):\n{stderr}"),
            (None, _) => {}
        }
    }
    let took = started.elapsed();
    let count_of = |outcome: &str| reports.iter().filter(|r| r.outcome == outcome).count();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for report in &reports {
        if let Some(error) = &report.error {
            *kinds.entry(error.split(':').next().unwrap_or_default().to_string()).or_default() += 1;
        }
    }
    println!(
        "mutate: seed {seed}, {} mutant(s) in {:.1} s: {} accepted, {} refused, {} panicked, {} aborted or hung",
        reports.len(),
        took.as_secs_f64(),
        count_of("accepted"),
        count_of("refused"),
        count_of("panicked"),
        count_of("aborted"),
    );
    for (kind, n) in &kinds {
        println!("  refused {kind}: {n}");
    }
    let problems: Vec<&Report> = reports.iter().filter(|r| r.problem.is_some()).collect();
    for report in &problems {
        println!(
            "PROBLEM mutant {} ({}: {}): {}\n  see it: cargo xtask mutate --seed {seed} --only {} --keep target/mutant",
            report.index,
            report.base,
            report.mutations.join("; "),
            report.problem.as_deref().unwrap_or_default(),
            report.index
        );
    }
    if (reports.len() as u64) < count {
        println!("stopped after {} of {count} mutant(s): the time budget was spent", reports.len());
    }
    Ok(if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_index_give_the_same_mutant() {
        let root = crate::workspace_root();
        let bases = bases(&root).unwrap();
        assert!(bases.iter().any(|b| b.ends_with("2023-06-30/iothub.json")), "{bases:?}");
        for index in [0, 1, 17] {
            let a = mutant(&root, &bases, 7, index).unwrap();
            let b = mutant(&root, &bases, 7, index).unwrap();
            assert_eq!((a.base.clone(), a.mutations.clone(), a.document.clone()), (b.base, b.mutations, b.document));
        }
        let differ = (0..20).filter(|i| mutant(&root, &bases, 7, *i).unwrap().mutations != mutant(&root, &bases, 8, *i).unwrap().mutations);
        assert!(differ.count() > 10, "another seed gives other mutants");
    }

}
