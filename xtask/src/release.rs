//! The product crate's version and changelog, decided from the report of an api-version bump.
//!
//! Both are inputs of the generator kept in `specs/` (the version in `manifest.toml`'s
//! `[product]`, the changelog in the file it names), so `generated/` stays generator output and
//! `cargo xtask codegen --check` keeps the crate's `Cargo.toml` and `CHANGELOG.md` fresh.
//!
//! The version follows Cargo's semver compatibility rule: two versions are compatible when their
//! left-most non-zero component is the same (the Cargo book, "SemVer compatibility"). So the
//! component to bump is the one that rule reads as major, minor or patch:
//!
//! | current | breaking | additions | compatible only | nothing |
//! |---|---|---|---|---|
//! | `1.2.3` (1.0.0 and later) | `2.0.0` | `1.3.0` | `1.2.4` | `1.2.3` |
//! | `0.2.3` (0.y.z, y ≥ 1) | `0.3.0` | `0.2.4` | `0.2.4` | `0.2.3` |
//! | `0.0.3` | `0.0.4` | `0.0.4` | `0.0.4` | `0.0.3` |
//!
//! In 0.x the minor component is Cargo's major one, and the patch component carries both
//! additions and fixes (`^0.2.3` accepts `0.2.4`, which may add API); in 0.0.x every version is
//! incompatible with every other, so any change takes the next patch.

use std::fmt;
use std::str::FromStr;

use anyhow::{bail, Context, Result};
use generator::diff::{Bump, Impact, Report};

/// A `MAJOR.MINOR.PATCH` version (no pre-release or build part: the product crate has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// The major component.
    pub major: u64,
    /// The minor component.
    pub minor: u64,
    /// The patch component.
    pub patch: u64,
}

impl FromStr for Version {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<Self> {
        let parts: Vec<&str> = text.split('.').collect();
        let [major, minor, patch] = parts.as_slice() else {
            bail!("`{text}` is not a MAJOR.MINOR.PATCH version");
        };
        let number = |part: &str| -> Result<u64> {
            // Semver forbids leading zeros, and a sign or space is not a digit.
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) || (part.len() > 1 && part.starts_with('0'))
            {
                bail!("`{text}` is not a MAJOR.MINOR.PATCH version (`{part}` is not a number without leading zeros)");
            }
            part.parse().with_context(|| format!("`{text}`: `{part}` is too large"))
        };
        Ok(Self { major: number(major)?, minor: number(minor)?, patch: number(patch)? })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The version after changes that imply `bump`, by Cargo's compatibility rule (the table in the
/// module docs).
pub fn next_version(current: Version, bump: Bump) -> Version {
    let Version { major, minor, patch } = current;
    let major_bump = Version { major: major + 1, minor: 0, patch: 0 };
    let minor_bump = Version { major, minor: minor + 1, patch: 0 };
    let patch_bump = Version { major, minor, patch: patch + 1 };
    match (major, minor, bump) {
        (_, _, Bump::None) => current,
        (0, 0, _) => patch_bump,
        (0, _, Bump::Major) => minor_bump,
        (0, _, Bump::Minor | Bump::Patch) => patch_bump,
        (_, _, Bump::Major) => major_bump,
        (_, _, Bump::Minor) => minor_bump,
        (_, _, Bump::Patch) => patch_bump,
    }
}

/// The changelog section for `version`, written from `report`: a heading marked unreleased (the
/// maintainer replaces the mark with the date on release), what the bump was, then the changes
/// under the headings Azure SDK changelogs use.
pub fn changelog_section(previous: Version, version: Version, report: &Report) -> String {
    let count = |impact: Impact| report.changes.iter().filter(|c| c.impact == impact).count();
    let mut out = format!("## {version} (Unreleased)\n\n");
    out.push_str(&format!(
        "The Resource Manager API `{}` moves from api-version `{}` to `{}`. `cargo xtask diff {} {}` finds {} breaking \
         change(s), {} addition(s) and {} compatible change(s): {}.\n",
        report.title,
        report.old_version,
        report.new_version,
        report.old_version,
        report.new_version,
        count(Impact::Breaking),
        count(Impact::Addition),
        count(Impact::Compatible),
        explain(previous, version, report.bump),
    ));
    for (impact, heading) in [
        (Impact::Breaking, "Breaking Changes"),
        (Impact::Addition, "Features Added"),
        (Impact::Compatible, "Other Changes"),
    ] {
        let lines: Vec<String> = report
            .changes
            .iter()
            .filter(|c| c.impact == impact)
            .map(|c| format!("- {}\n", generator::diff::render_change(c)))
            .collect();
        if !lines.is_empty() {
            out.push_str(&format!("\n### {heading}\n\n"));
            out.extend(lines);
        }
    }
    out
}

/// The verdict and the version it leads to, saying which component Cargo's rule moves when it
/// is not the one the verdict names (`a major bump, which for a 0.y.z crate is the minor
/// version: 0.1.0 → 0.2.0`).
fn explain(previous: Version, version: Version, bump: Bump) -> String {
    let component = if version.major != previous.major {
        "major"
    } else if version.minor != previous.minor {
        "minor"
    } else {
        "patch"
    };
    let class = match (previous.major, previous.minor) {
        (0, 0) => "0.0.z",
        (0, _) => "0.y.z",
        _ => "",
    };
    if class.is_empty() || component == bump.to_string() {
        format!("a {bump} bump, {previous} → {version}")
    } else {
        format!("a {bump} bump, which for a {class} crate is the {component} version by Cargo's compatibility rule, {previous} → {version}")
    }
}

/// `changelog` with `section` added before its first `## ` section (after its title and any
/// text above the sections), separated by one blank line.
pub fn prepend_section(changelog: &str, section: &str) -> String {
    let at = changelog
        .match_indices("## ")
        .map(|(i, _)| i)
        .find(|&i| i == 0 || changelog[..i].ends_with('\n'))
        .unwrap_or(changelog.len());
    let (head, rest) = changelog.split_at(at);
    let mut out = head.to_string();
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
    out.push_str(section.trim_end());
    out.push('\n');
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(rest);
    }
    out
}

/// The version of the first section of `changelog` when it is still marked `(Unreleased)`: a
/// new section then bumps from a version that never shipped, which the maintainer may want to
/// merge by hand.
pub fn unreleased_top(changelog: &str) -> Option<String> {
    let heading = changelog.lines().find(|line| line.starts_with("## "))?;
    let version = heading.strip_prefix("## ")?.strip_suffix(" (Unreleased)")?;
    Some(version.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        text.parse().unwrap()
    }

    #[test]
    fn versions_parse_and_print_as_major_minor_patch_only() {
        assert_eq!(v("0.12.3"), Version { major: 0, minor: 12, patch: 3 });
        assert_eq!(v("10.0.1").to_string(), "10.0.1");
        for bad in ["", "1", "1.2", "1.2.3.4", "1.2.x", "01.2.3", "1.2.-3", "1.2.3-beta", " 1.2.3"] {
            assert!(bad.parse::<Version>().is_err(), "{bad:?} was accepted");
        }
    }

    /// The table of the module docs, row by row.
    #[test]
    fn the_bump_follows_cargos_compatibility_rule() {
        let cases = [
            ("1.2.3", [("2.0.0", Bump::Major), ("1.3.0", Bump::Minor), ("1.2.4", Bump::Patch), ("1.2.3", Bump::None)]),
            ("0.2.3", [("0.3.0", Bump::Major), ("0.2.4", Bump::Minor), ("0.2.4", Bump::Patch), ("0.2.3", Bump::None)]),
            ("0.0.3", [("0.0.4", Bump::Major), ("0.0.4", Bump::Minor), ("0.0.4", Bump::Patch), ("0.0.3", Bump::None)]),
        ];
        for (current, expected) in cases {
            for (next, bump) in expected {
                assert_eq!(next_version(v(current), bump), v(next), "{current} with a {bump} bump");
            }
        }
    }

    #[test]
    fn the_section_says_which_component_cargos_rule_moves() {
        assert_eq!(
            explain(v("0.1.0"), v("0.2.0"), Bump::Major),
            "a major bump, which for a 0.y.z crate is the minor version by Cargo's compatibility rule, 0.1.0 → 0.2.0"
        );
        assert_eq!(
            explain(v("0.1.0"), v("0.1.1"), Bump::Minor),
            "a minor bump, which for a 0.y.z crate is the patch version by Cargo's compatibility rule, 0.1.0 → 0.1.1"
        );
        assert_eq!(explain(v("0.1.0"), v("0.1.1"), Bump::Patch), "a patch bump, 0.1.0 → 0.1.1");
        assert_eq!(
            explain(v("0.0.1"), v("0.0.2"), Bump::Major),
            "a major bump, which for a 0.0.z crate is the patch version by Cargo's compatibility rule, 0.0.1 → 0.0.2"
        );
        assert_eq!(explain(v("1.4.2"), v("1.5.0"), Bump::Minor), "a minor bump, 1.4.2 → 1.5.0");
    }

    #[test]
    fn a_section_goes_before_the_first_section_after_the_title() {
        let changelog = "# Release History\n\n## 0.1.0 (2026-01-02)\n\n- first\n";
        let section = "## 0.2.0 (Unreleased)\n\n- second\n";
        assert_eq!(
            prepend_section(changelog, section),
            "# Release History\n\n## 0.2.0 (Unreleased)\n\n- second\n\n## 0.1.0 (2026-01-02)\n\n- first\n"
        );
        // A heading's `## ` inside a line is not a section.
        assert_eq!(prepend_section("# T\nsee ## this\n", "## 1.0.0\n"), "# T\nsee ## this\n\n## 1.0.0\n");
        assert_eq!(prepend_section("", "## 1.0.0\n"), "## 1.0.0\n");
    }

    #[test]
    fn an_unreleased_top_section_is_recognised() {
        assert_eq!(unreleased_top("# R\n\n## 0.2.0 (Unreleased)\n\n## 0.1.0 (2026-01-02)\n").as_deref(), Some("0.2.0"));
        assert_eq!(unreleased_top("# R\n\n## 0.1.0 (2026-01-02)\n\n## 0.0.1 (Unreleased)\n"), None);
        assert_eq!(unreleased_top("# R\n"), None);
    }
}
