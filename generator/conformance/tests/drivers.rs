//! The conformance drivers: one module per spec of `scenarios.toml` that has scenarios, named
//! after its generated crate, holding one test per scenario (`lro::lro_put_inline_complete`).
//! `cargo xtask conformance` runs the tests of each module against the AutoRest test server.

mod lro;
mod lro_parameterized_endpoints;
mod paging;
mod custom_baseurl_paging;
mod xms_error_responses;
mod azure_special_properties;
mod azure_parameter_grouping;
mod subscriptionid_apiversion;
mod head;
mod head_exceptions;
mod header;
mod incorrect_error_response;
mod error_with_secrets;
