//! Unit tests of the method emitter.

use super::*;
use crate::ir::HttpMethod;

fn op(summary: Option<&str>, description: Option<&str>) -> Operation {
    let mut op = crate::ir::testing::operation("Things_Get", HttpMethod::Get, "/things");
    op.summary = summary.map(String::from);
    op.description = description.map(String::from);
    op
}

fn first_paragraph(op: &Operation) -> String {
    let docs = method_docs(op, &[], None, "Errors.").to_string();
    let mut lines = Vec::new();
    for part in docs.split("# [doc = \"").skip(1) {
        let line = part.split("\"]").next().unwrap_or_default().trim().to_string();
        if line.is_empty() {
            break;
        }
        lines.push(line);
    }
    lines.join("|")
}

#[test]
fn a_description_repeating_the_summary_is_written_once() {
    assert_eq!(first_paragraph(&op(Some("Get a thing"), Some("Get a thing."))), "Get a thing.");
    assert_eq!(first_paragraph(&op(Some("Get a thing"), Some("Get a thing, or none."))), "Get a thing");
    assert_eq!(first_paragraph(&op(None, Some("Get a thing."))), "Get a thing.");
    assert_eq!(first_paragraph(&op(None, None)), "The `Things_Get` operation.");
}
