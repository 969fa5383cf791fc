//! The generated crate's fixed support code, the same for every spec: `src/error.rs` (service
//! errors, decoded once), `src/request.rs` (URLs, sending, status checks, pagers), `src/lro/`
//! (long-running operations on azure_core's `Poller`, ARM style), `src/codec.rs` (how dates,
//! durations, bytes and `null`s are written and read), `src/multipart.rs` (`multipart/form-data`
//! bodies, only in a crate that sends one), `src/object.rs` (reading models), `src/patch.rs` (three-state PATCH properties) and `src/fake/support/` (what the
//! `fake` feature's fakes share: routing, reading arguments back, writing answers, pages and
//! operation monitors).
//!
//! Nothing in them depends on the spec, so they are not built from tokens: they are the source
//! files of the workspace crate `generator/runtime` (`arm_runtime`), embedded here with
//! `include_str!` and emitted byte for byte after the `@generated` preamble. There the compiler,
//! clippy and their unit tests see them as the code they are, with their comments, and they are
//! formatted by hand (rustfmt) like any source; prettyplease formats only what depends on the
//! spec. Their `crate::error`, `crate::request` paths resolve in both crates because the
//! generated `src/lib.rs` declares the modules as `arm_runtime`'s does.

use super::{preamble, Context};
use crate::GeneratedFile;

/// Each support file: its path in the generated crate and its source, from `generator/runtime/src/`.
/// A module split into files (`lro/`) keeps its tree; the fakes' support (`fake/` there) sits
/// under `src/fake/support/`, beside the spec's own fakes (`fakes`), which re-export it.
const MODULES: [(&str, &str); 11] = [
    ("src/codec.rs", include_str!("../../runtime/src/codec.rs")),
    ("src/error.rs", include_str!("../../runtime/src/error.rs")),
    ("src/fake/support/mod.rs", include_str!("../../runtime/src/fake/mod.rs")),
    ("src/fake/support/route.rs", include_str!("../../runtime/src/fake/route.rs")),
    ("src/fake/support/transport.rs", include_str!("../../runtime/src/fake/transport.rs")),
    ("src/lro/mod.rs", include_str!("../../runtime/src/lro/mod.rs")),
    ("src/lro/poll.rs", include_str!("../../runtime/src/lro/poll.rs")),
    ("src/multipart.rs", include_str!("../../runtime/src/multipart.rs")),
    ("src/object.rs", include_str!("../../runtime/src/object.rs")),
    ("src/patch.rs", include_str!("../../runtime/src/patch.rs")),
    ("src/request.rs", include_str!("../../runtime/src/request.rs")),
];

/// The one support module a crate carries only when it needs it: the `multipart/form-data` encoder,
/// 640 lines that cost every other crate 0.1 G instructions of `cargo check` (1.5%) for nothing.
pub(crate) const MULTIPART: &str = "src/multipart.rs";

/// The support modules as files of the generated crate: the `@generated` preamble, a blank line,
/// then the source exactly as it is in `generator/runtime/src/`.
pub(crate) fn expand_runtime_files(ctx: &Context<'_>) -> Vec<GeneratedFile> {
    let preamble = preamble(&ctx.options.command, "//");
    MODULES
        .iter()
        .filter(|(path, _)| *path != MULTIPART || ctx.uses_multipart())
        .map(|(path, source)| GeneratedFile { path: path.into(), contents: format!("{preamble}\n{source}") })
        .collect()
}
