//! The report as Markdown, for people.

use std::fmt::Write as _;

use super::{Bump, Change, Impact, Report};

/// The report as Markdown: a summary table, the changes grouped by impact, and the bump.
pub fn render_markdown(report: &Report) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# API changes: {} {} → {}\n", report.title, report.old_version, report.new_version);
    let _ = writeln!(md, "What changes for users of the generated Rust crate, compared through the IR.\n");
    let count = |impact: Impact| report.changes.iter().filter(|c| c.impact == impact).count();
    let _ = writeln!(md, "| impact | changes |\n|---|---|");
    let _ = writeln!(md, "| breaking | {} |", count(Impact::Breaking));
    let _ = writeln!(md, "| addition | {} |", count(Impact::Addition));
    let _ = writeln!(md, "| compatible | {} |\n", count(Impact::Compatible));
    for (impact, heading) in [
        (Impact::Breaking, "Breaking changes"),
        (Impact::Addition, "Additions"),
        (Impact::Compatible, "Compatible changes"),
    ] {
        let changes: Vec<&Change> = report.changes.iter().filter(|c| c.impact == impact).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(md, "## {heading} ({})\n", changes.len());
        for c in changes {
            let _ = writeln!(md, "- {}", render_change(c));
        }
        md.push('\n');
    }
    let why = match report.bump {
        Bump::Major => format!("{} breaking change(s)", count(Impact::Breaking)),
        Bump::Minor => "additions only, nothing breaking".into(),
        Bump::Patch => "no change to the Rust API".into(),
        Bump::None => "nothing changed".into(),
    };
    let _ = writeln!(md, "## Semver\n");
    let zero = if report.bump == Bump::Major { " For a 0.x crate, a major bump is a minor-version bump." } else { "" };
    let _ = writeln!(md, "Implied bump: **{}** ({why}).{zero}", report.bump);
    md
}

/// One change as a line of Markdown (without the list marker), as the report and the crate's
/// changelog print it: what changed, then why it is classified so, in italics.
pub fn render_change(c: &Change) -> String {
    let detail = if c.detail.is_empty() { String::new() } else { format!(": {}", c.detail) };
    format!("{} `{}` {}{detail}. *{}.*", c.area, c.subject, c.change, c.reason)
}
