//! The conformance drivers: one module per spec of `scenarios.toml` that has scenarios, named
//! after its generated crate, holding one test per scenario (`lro::lro_put_inline_complete`).
//! `cargo xtask conformance` runs the tests of each module against the AutoRest test server.
//!
//! Each module compiles under the feature of its crate (an optional dependency), which the xtask
//! enables only for the specs it runs whose crates generated and compiled.

#[cfg(feature = "lro")]
mod lro;
#[cfg(feature = "lro_parameterized_endpoints")]
mod lro_parameterized_endpoints;
#[cfg(feature = "paging")]
mod paging;
#[cfg(feature = "custom_baseurl_paging")]
mod custom_baseurl_paging;
#[cfg(feature = "xms_error_responses")]
mod xms_error_responses;
#[cfg(feature = "azure_special_properties")]
mod azure_special_properties;
#[cfg(feature = "azure_parameter_grouping")]
mod azure_parameter_grouping;
#[cfg(feature = "subscriptionid_apiversion")]
mod subscriptionid_apiversion;
#[cfg(feature = "head")]
mod head;
#[cfg(feature = "head_exceptions")]
mod head_exceptions;
#[cfg(feature = "header")]
mod header;
#[cfg(feature = "incorrect_error_response")]
mod incorrect_error_response;
#[cfg(feature = "error_with_secrets")]
mod error_with_secrets;
#[cfg(feature = "url_spec")]
mod url_spec;
#[cfg(feature = "url_multi_collectionformat")]
mod url_multi_collectionformat;
#[cfg(feature = "body_array")]
mod body_array;
#[cfg(feature = "body_boolean")]
mod body_boolean;
#[cfg(feature = "body_byte")]
mod body_byte;
#[cfg(feature = "body_date")]
mod body_date;
#[cfg(feature = "body_datetime")]
mod body_datetime;
#[cfg(feature = "body_datetime_rfc1123")]
mod body_datetime_rfc1123;
#[cfg(feature = "body_duration")]
mod body_duration;
#[cfg(feature = "body_integer")]
mod body_integer;
#[cfg(feature = "body_number")]
mod body_number;
#[cfg(feature = "body_string")]
mod body_string;
#[cfg(feature = "body_dictionary")]
mod body_dictionary;
#[cfg(feature = "body_complex")]
mod body_complex;
#[cfg(feature = "body_file")]
mod body_file;
#[cfg(feature = "body_binary")]
mod body_binary;
#[cfg(feature = "body_formdata")]
mod body_formdata;
#[cfg(feature = "body_formdata_urlencoded")]
mod body_formdata_urlencoded;
#[cfg(feature = "additionalproperties")]
mod additionalproperties;
#[cfg(feature = "any_type")]
mod any_type;
#[cfg(feature = "object_type")]
mod object_type;
#[cfg(feature = "extensible_enums_swagger")]
mod extensible_enums_swagger;
#[cfg(feature = "non_string_enum")]
mod non_string_enum;
#[cfg(feature = "client_enum")]
mod client_enum;
#[cfg(feature = "constants")]
mod constants;
#[cfg(feature = "required_optional")]
mod required_optional;
#[cfg(feature = "validation")]
mod validation;
#[cfg(feature = "model_flattening")]
mod model_flattening;
#[cfg(feature = "reserved_words")]
mod reserved_words;
#[cfg(feature = "multiple_inheritance")]
mod multiple_inheritance;
#[cfg(feature = "media_types")]
mod media_types;
#[cfg(feature = "custom_baseurl")]
mod custom_baseurl;
#[cfg(feature = "custom_baseurl_more_options")]
mod custom_baseurl_more_options;
#[cfg(feature = "parameterized_endpoint")]
mod parameterized_endpoint;
#[cfg(feature = "httpinfrastructure")]
mod httpinfrastructure;
