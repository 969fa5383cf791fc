//! `generator/conformance/scenarios.toml`: the specs, their scenarios by report category, the
//! exclusions, the checks the list must pass, and the driver test named after each scenario.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use super::SOURCE_DIR;
use crate::paths;

/// The report categories, as the server names them in `/report/<category>`.
pub(super) const CATEGORIES: [Category; 3] = [Category::Azure, Category::Vanilla, Category::Optional];

/// `scenarios.toml`: the specs, the coverage names of their scenarios, and the exclusions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenarios {
    /// Every spec whose crate is generated and driven, in order.
    pub spec: Vec<Spec>,
    /// Scenario (coverage name) → why a user of an ARM client can accept that it is not passed.
    #[serde(default)]
    pub exclusions: BTreeMap<String, String>,
}

/// One `[[spec]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The file in the package's `swagger/` folder (`lro.json`).
    pub file: String,
    /// Its scenarios in `/report/azure`.
    #[serde(default)]
    pub azure: Vec<String>,
    /// Its scenarios in `/report` (the server calls this category `vanilla`).
    #[serde(default)]
    pub vanilla: Vec<String>,
    /// Its scenarios in `/report/optional`.
    #[serde(default)]
    pub optional: Vec<String>,
}

impl Spec {
    /// The generated crate's name, which is also its driver module's: the file stem,
    /// lowercase, with `_` for anything not a letter or digit (`lro_parameterized_endpoints`),
    /// and `_spec` after a name the generated crate cannot take because it uses a crate of that
    /// name (`url.json` makes `url_spec`: see `generator::expand::reserved_crate_names`).
    pub fn crate_name(&self) -> String {
        let stem = self.file.strip_suffix(".json").unwrap_or(&self.file);
        let name = crate::test::crate_ident(stem);
        if generator::expand::reserved_crate_names().contains(&name) {
            format!("{name}_spec")
        } else {
            name
        }
    }

    /// Its scenarios in `category`.
    pub fn scenarios(&self, category: Category) -> &[String] {
        match category {
            Category::Azure => &self.azure,
            Category::Vanilla => &self.vanilla,
            Category::Optional => &self.optional,
        }
    }
}

impl Scenarios {
    /// Reads and checks the list.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("in {}", paths::display(path)))
    }

    /// Parses and checks the list: spec files and crate names unique, no scenario twice in
    /// one spec, no two scenarios of a spec with one driver test name, and every exclusion
    /// naming a listed scenario with a reason.
    pub fn parse(text: &str) -> Result<Self> {
        let list: Scenarios = toml::from_str(text)?;
        let mut crates = BTreeSet::new();
        let mut all = BTreeSet::new();
        for spec in &list.spec {
            if !crates.insert(spec.crate_name()) {
                bail!("two specs make the crate `{}`", spec.crate_name());
            }
            let mut names = BTreeMap::new();
            for category in CATEGORIES {
                for scenario in spec.scenarios(category) {
                    if let Some(other) = names.insert(test_name(scenario), scenario) {
                        bail!("{}: scenarios `{other}` and `{scenario}` would share the driver test `{}`", spec.file, test_name(scenario));
                    }
                    all.insert(scenario.clone());
                }
            }
        }
        for (scenario, reason) in &list.exclusions {
            if !all.contains(scenario) {
                bail!("the exclusion `{scenario}` names no listed scenario");
            }
            if reason.trim().is_empty() {
                bail!("the exclusion `{scenario}` gives no reason");
            }
        }
        Ok(list)
    }

    /// The specs `only` names (by file name, with or without `.json`, or crate name); all of
    /// them when `only` is empty.
    pub fn select(&self, only: &[String]) -> Result<Vec<Spec>> {
        if only.is_empty() {
            return Ok(self.spec.clone());
        }
        let mut selected = Vec::new();
        for name in only {
            let found = self.spec.iter().find(|s| {
                s.file == *name || s.file.strip_suffix(".json") == Some(name.as_str()) || s.crate_name() == *name
            });
            match found {
                Some(spec) => selected.push(spec.clone()),
                None => bail!(
                    "no spec `{name}` in {SOURCE_DIR}/scenarios.toml (listed: {})",
                    self.spec.iter().map(|s| s.file.as_str()).collect::<Vec<_>>().join(", ")
                ),
            }
        }
        Ok(selected)
    }
}

/// A report category of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// `/report/azure`.
    Azure,
    /// `/report` (`vanilla`).
    Vanilla,
    /// `/report/optional`.
    Optional,
}

impl Category {
    /// The report's path on the server.
    pub(super) fn path(self) -> &'static str {
        match self {
            Category::Azure => "/report/azure",
            Category::Vanilla => "/report",
            Category::Optional => "/report/optional",
        }
    }
}

/// The driver test named after a scenario: its coverage name in snake case, a word starting at
/// each capital that follows a lowercase letter or digit, and at the last capital of a run of
/// capitals followed by a lowercase letter (`LROPutInlineComplete201` →
/// `lro_put_inline_complete201`, `AzureODataFilter` → `azure_o_data_filter`).
pub fn test_name(scenario: &str) -> String {
    let chars: Vec<char> = scenario.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase() || prev.is_ascii_digit() || (prev.is_ascii_uppercase() && next_lower) {
                out.push('_');
            }
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out
}
