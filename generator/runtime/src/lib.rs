//! The support modules every generated crate carries, the same for every spec: `error`
//! (service errors, decoded once), `request` (URLs, sending, status checks, pagers), `lro`
//! (long-running operations on azure_core's `Poller`, the Azure Resource Manager way), `codec`
//! (how dates, durations, bytes and `null`s are written and read, at any depth), `multipart`
//! (`multipart/form-data` bodies), `object` (reading models: their `Deserialize`), `patch` (three-state properties of PATCH requests) and `fake`
//! (what the `fake` feature's fakes share, emitted as `src/fake/support/`).
//!
//! The generator embeds each file of `src/` other than this one verbatim (`multipart` only in a
//! crate that sends a multipart body), after its
//! `@generated` preamble, as the module of the same name of the generated crate, a module split
//! into a folder (`lro/mod.rs`, `lro/poll.rs`) as the same folder
//! (`generator/src/expand/runtime.rs`). They live in this crate so that they are source: the
//! compiler, clippy and their unit tests see them here, and their comments survive. So they
//! refer to each other as `crate::error`, `crate::request`, ..., which the generated crate
//! declares at its root with the same names and visibility as below.

#![deny(missing_docs)]

pub mod codec;
pub mod error;
pub mod fake;
pub mod lro;
mod multipart;
mod object;
pub mod patch;
mod request;
