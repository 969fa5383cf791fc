//! The server's reports read, every scenario judged against them and the driver tests, and the
//! report printed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use anyhow::{bail, Context, Result};

use super::drivers::{Blocked, CrateState, SpecRun, TestResult};
use super::scenarios::{test_name, Category, Scenarios, Spec, CATEGORIES};
use super::SOURCE_DIR;

/// A report: scenario → how many times the server counted it.
pub fn parse_report(body: &str) -> Result<BTreeMap<String, u64>> {
    let value: BTreeMap<String, serde_json::Value> = serde_json::from_str(body).context("a report is a JSON object")?;
    value
        .into_iter()
        .map(|(name, count)| match count.as_u64() {
            Some(n) => Ok((name, n)),
            None => bail!("the count of `{name}` is {count}, not a number"),
        })
        .collect()
}

/// How one scenario fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The scenario's coverage name.
    pub scenario: String,
    /// Its report.
    pub category: Category,
    /// The specs listing it (empty for an Azure scenario no listed spec covers).
    pub specs: Vec<String>,
    /// How many times the server counted it.
    pub count: u64,
    /// The failed driver tests named after it: (spec crate, message).
    pub failed_drivers: Vec<(String, String)>,
    /// The specs listing it that have no driver test named after it.
    pub missing_drivers: Vec<String>,
    /// The specs listing it whose drivers did not run (their crate did not generate or compile,
    /// or their driver module did not): (spec crate, why, in one line).
    pub blocked_drivers: Vec<(String, String)>,
    /// Why it may be missed, when it is on the exclusion list.
    pub excluded: Option<String>,
}

impl Verdict {
    /// Counted by the server, and every driver test named after it ran and passed.
    pub fn passed(&self) -> bool {
        self.count > 0
            && self.failed_drivers.is_empty()
            && self.missing_drivers.is_empty()
            && self.blocked_drivers.is_empty()
            && !self.specs.is_empty()
    }
}

/// Everything the step prints at its end, computed from the reports and the test runs.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every scenario judged, in report then name order.
    pub verdicts: Vec<Verdict>,
    /// The selected specs' crate names, in list order.
    pub specs: Vec<String>,
    /// Listed scenarios the server does not know (a typo, or a server that changed).
    pub unknown: Vec<(Category, String)>,
    /// Driver tests named after no scenario of their spec, with whether they passed.
    pub stray_tests: Vec<(String, String, bool)>,
    /// Whether every spec was selected (then the whole Azure report is judged).
    pub complete: bool,
    /// The selected specs' crates that did not generate, compile or have their drivers run, the
    /// operations left out of them, and their compiler warnings.
    pub crates: CrateState,
}

impl Report {
    /// Judges every scenario of the selected specs, and, when every spec ran, every scenario
    /// of the Azure report.
    pub(super) fn build(
        list: &Scenarios,
        selected: &[Spec],
        reports: &BTreeMap<Category, BTreeMap<String, u64>>,
        runs: &BTreeMap<String, SpecRun>,
        crates: &CrateState,
        complete: bool,
    ) -> Report {
        let tests: BTreeMap<String, BTreeMap<String, TestResult>> =
            runs.iter().map(|(name, run)| (name.clone(), run.tests.clone())).collect();
        Report::judge(list, selected, reports, &tests, crates, complete)
    }

    /// [`Report::build`] on plain data (for tests).
    pub fn judge(
        list: &Scenarios,
        selected: &[Spec],
        reports: &BTreeMap<Category, BTreeMap<String, u64>>,
        tests: &BTreeMap<String, BTreeMap<String, TestResult>>,
        crates: &CrateState,
        complete: bool,
    ) -> Report {
        let empty = BTreeMap::new();
        let mut by_scenario: BTreeMap<(Category, String), Vec<&Spec>> = BTreeMap::new();
        for spec in selected {
            for category in CATEGORIES {
                for scenario in spec.scenarios(category) {
                    by_scenario.entry((category, scenario.clone())).or_default().push(spec);
                }
            }
        }
        if complete {
            for name in reports.get(&Category::Azure).unwrap_or(&empty).keys() {
                by_scenario.entry((Category::Azure, name.clone())).or_default();
            }
        }
        let mut verdicts = Vec::new();
        let mut unknown = Vec::new();
        for ((category, scenario), specs) in &by_scenario {
            let report = reports.get(category).unwrap_or(&empty);
            let Some(&count) = report.get(scenario) else {
                unknown.push((*category, scenario.clone()));
                continue;
            };
            let mut failed_drivers = Vec::new();
            let mut missing_drivers = Vec::new();
            let mut blocked_drivers = Vec::new();
            for spec in specs {
                let name = spec.crate_name();
                if let Some(why) = crates.blocked.get(&name) {
                    blocked_drivers.push((name, format!("{}: {}", spec.file, why.summary())));
                    continue;
                }
                match tests.get(&name).and_then(|t| t.get(&test_name(scenario))) {
                    Some(result) if result.passed => {}
                    Some(result) => failed_drivers.push((name, result.message.clone())),
                    None => missing_drivers.push(name),
                }
            }
            verdicts.push(Verdict {
                scenario: scenario.clone(),
                category: *category,
                specs: specs.iter().map(|s| s.crate_name()).collect(),
                count,
                failed_drivers,
                missing_drivers,
                blocked_drivers,
                excluded: list.exclusions.get(scenario).cloned(),
            });
        }
        let mut stray_tests = Vec::new();
        for spec in selected {
            let names: BTreeSet<String> =
                CATEGORIES.iter().flat_map(|c| spec.scenarios(*c)).map(|s| test_name(s)).collect();
            for (test, result) in tests.get(&spec.crate_name()).unwrap_or(&BTreeMap::new()) {
                if !names.contains(test) {
                    stray_tests.push((spec.crate_name(), test.clone(), result.passed));
                }
            }
        }
        let names: BTreeSet<String> = selected.iter().map(Spec::crate_name).collect();
        let only_selected = |map: &BTreeMap<String, Vec<String>>| -> BTreeMap<String, Vec<String>> {
            map.iter().filter(|(name, _)| names.contains(*name)).map(|(n, v)| (n.clone(), v.clone())).collect()
        };
        let crates = CrateState {
            blocked: crates.blocked.iter().filter(|(name, _)| names.contains(*name)).map(|(n, b)| (n.clone(), b.clone())).collect(),
            left_out: only_selected(&crates.left_out),
            warnings: only_selected(&crates.warnings),
        };
        Report {
            verdicts,
            specs: selected.iter().map(Spec::crate_name).collect(),
            unknown,
            stray_tests,
            complete,
            crates,
        }
    }

    /// Whether the step passes: every selected spec's crate generated and compiled without
    /// warnings and its drivers ran, nothing unknown, no failing stray test, and every scenario
    /// passed or excluded.
    pub fn passed(&self) -> bool {
        self.crates.blocked.is_empty()
            && self.crates.warnings.is_empty()
            && self.unknown.is_empty()
            && self.stray_tests.iter().all(|(_, _, passed)| *passed)
            && self.verdicts.iter().all(|v| v.passed() || v.excluded.is_some())
    }

    /// The printed report.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "\nconformance report (a scenario passes when the server counted it and its driver tests passed)");
        let count = |verdicts: &[&Verdict]| (verdicts.iter().filter(|v| v.passed()).count(), verdicts.len());
        let azure: Vec<&Verdict> = self.verdicts.iter().filter(|v| v.category == Category::Azure).collect();
        let (n, m) = count(&azure);
        let scope = if self.complete { "the whole Azure report" } else { "the selected specs' scenarios only" };
        let _ = writeln!(out, "  Azure report: {n}/{m} ({scope})");
        for category in [Category::Vanilla, Category::Optional] {
            let these: Vec<&Verdict> = self.verdicts.iter().filter(|v| v.category == category).collect();
            let (n, m) = count(&these);
            let _ = writeln!(out, "  {} report: {n}/{m} (the listed specs' scenarios)", category_name(category));
        }
        let _ = writeln!(out, "  per spec (azure, vanilla, optional):");
        for spec in &self.specs {
            let mut cells = Vec::new();
            for category in CATEGORIES {
                let these: Vec<&Verdict> = self
                    .verdicts
                    .iter()
                    .filter(|v| v.category == category && v.specs.contains(spec))
                    .collect();
                let (n, m) = count(&these);
                cells.push(if m == 0 { "-".to_string() } else { format!("{n}/{m}") });
            }
            let state = match self.crates.blocked.get(spec) {
                Some(Blocked::Generate(_)) => "  (does not generate)",
                Some(Blocked::Compile(_)) => "  (does not compile)",
                Some(Blocked::Drivers(_)) => "  (drivers do not compile)",
                None => "",
            };
            let _ = writeln!(out, "    {spec:<32} {:>9} {:>9} {:>9}{state}", cells[0], cells[1], cells[2]);
        }
        for (spec, why) in &self.crates.blocked {
            let _ = writeln!(out, "  NOT DRIVEN {spec}: {}", why.summary());
            let _ = writeln!(out, "        {}", indent(&why.details()));
        }
        for (spec, warnings) in &self.crates.warnings {
            let _ = writeln!(out, "  WARNINGS in the crate {spec} (generated crates must compile without any):");
            for warning in warnings {
                let _ = writeln!(out, "        {}", indent(warning));
            }
        }
        for (spec, operations) in &self.crates.left_out {
            let _ = writeln!(out, "  operations the generator left out of {spec}:");
            for operation in operations {
                let _ = writeln!(out, "        {operation}");
            }
        }
        let missed: Vec<&Verdict> = self.verdicts.iter().filter(|v| !v.passed()).collect();
        let excluded = missed.iter().filter(|v| v.excluded.is_some()).count();
        let _ = writeln!(out, "  missed: {} ({} excluded)", missed.len(), excluded);
        for verdict in &missed {
            let mark = if verdict.excluded.is_some() { "excluded" } else { "MISSED" };
            let specs = if verdict.specs.is_empty() { "no listed spec".to_string() } else { verdict.specs.join(", ") };
            let _ = writeln!(out, "    {mark} {} [{}; {specs}]", verdict.scenario, category_name(verdict.category));
            if let Some(reason) = &verdict.excluded {
                let _ = writeln!(out, "        reason: {reason}");
            }
            if verdict.count == 0 {
                let _ = writeln!(out, "        the server did not count it");
            }
            for spec in &verdict.missing_drivers {
                let _ = writeln!(out, "        no driver test `{}` in {SOURCE_DIR}/tests/{spec}.rs", test_name(&verdict.scenario));
            }
            for (spec, why) in &verdict.blocked_drivers {
                let _ = writeln!(out, "        driver {spec}::{} not run: {why} (see NOT DRIVEN above)", test_name(&verdict.scenario));
            }
            for (spec, message) in &verdict.failed_drivers {
                let _ = writeln!(out, "        driver {spec}::{} failed: {}", test_name(&verdict.scenario), indent(message));
            }
        }
        for verdict in self.verdicts.iter().filter(|v| v.passed() && v.excluded.is_some()) {
            let _ = writeln!(out, "  note: {} passes but is on the exclusion list; remove it from there", verdict.scenario);
        }
        for (category, scenario) in &self.unknown {
            let _ = writeln!(out, "  UNKNOWN: `{scenario}` is listed under {} but the server's report has no such scenario", category_name(*category));
        }
        for (spec, test, passed) in &self.stray_tests {
            let state = if *passed { "passed" } else { "FAILED" };
            let _ = writeln!(out, "  stray test {spec}::{test} ({state}): named after no scenario listed for its spec");
        }
        let _ = writeln!(out, "conformance: {}", if self.passed() { "passed" } else { "FAILED" });
        out
    }
}

/// How the server and this report name a category.
fn category_name(category: Category) -> &'static str {
    match category {
        Category::Azure => "azure",
        Category::Vanilla => "vanilla",
        Category::Optional => "optional",
    }
}

/// A multi-line message indented under its heading line.
fn indent(message: &str) -> String {
    message.lines().collect::<Vec<_>>().join("\n          ")
}
