//! Reads Azure Resource Manager OpenAPI specs (Swagger 2.0 with `x-ms-*` extensions, or
//! OpenAPI 3.0) and generates a Rust client crate on `azure_core`.
//!
//! The pipeline, one module per stage, one direction of data:
//! `load` (file → bundled `openapiv3` document) → `lower` (document → `ir`) →
//! `expand` (IR → formatted Rust files). The library does no I/O beyond reading the spec:
//! it returns files in memory, and only the xtask writes them.
#![deny(missing_docs)]

pub mod diff;
pub mod error;
pub mod expand;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;

use std::path::{Path, PathBuf};

pub use error::{Error, ErrorKind, Location, Result};

/// One file of the generated crate, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the crate's root (`src/models.rs`).
    pub path: PathBuf,
    /// The full contents.
    pub contents: String,
}

/// What to generate, besides the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The crate's name (`azure_resourcemanager_iothub`).
    pub crate_name: String,
    /// The command that regenerates the output, named in every file's `@generated` preamble.
    pub command: String,
}

/// Loads and lowers the spec at `spec`: the IR that `generate` expands.
pub fn model(spec: &Path) -> Result<ir::Api> {
    let loaded = load::load_spec(spec)?;
    lower::lower_spec(&loaded)
}

/// Generates the crate for the spec at `spec`, end to end, in memory.
pub fn generate(spec: &Path, options: &Options) -> Result<Vec<GeneratedFile>> {
    let api = model(spec)?;
    Ok(expand::expand_crate(&api, options))
}
