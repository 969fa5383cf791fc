//! Tests emitted from the spec's `x-ms-examples` into the generated crate's `tests/` (owned by
//! the end-to-end work; nothing is emitted yet).

use crate::error::Result;
use crate::ir::Api;
use crate::{GeneratedFile, Options};

/// The example tests of the crate, as files under `tests/`.
pub(crate) fn expand_example_tests(api: &Api, options: &Options) -> Result<Vec<GeneratedFile>> {
    let _ = (api, options);
    Ok(Vec::new())
}
