//! Which fields are secrets, decided once per field: `Field::secret`, with the reason.
//!
//! A secret is redacted in `Debug` whatever features are enabled (`expand` reads the fact). A
//! field is one when the spec marks it (`x-ms-secret: true`), when its format says so
//! (`format: password`), or when the spec forgot to mark it but its name is a credential's. Specs
//! forget often: IoT Hub's `SharedAccessSignatureAuthorizationRule` leaves `primaryKey` and
//! `secondaryKey` unmarked, and half its `connectionString`s.
//!
//! The name rule, which the crate's README states too. A field whose value is text (a string, or
//! a list or map of strings) is a credential when its name, split into words (`primaryKey` →
//! `primary key`, `SASToken` → `sas token`), ends with:
//!
//! - `connection string` (`connectionString`, `primaryConnectionString`);
//! - `password`, `passphrase` or `secret` (`adminPassword`, `clientSecret`);
//! - `shared access signature`, or `sas` followed by `token`, `uri` or `url` (`sasToken`,
//!   `containerSasUri`);
//! - `token` after `access`, `refresh`, `bearer`, `auth`, `authentication`, `id`, `security`,
//!   `session`, `api` or `sas` (`accessToken`; a `continuationToken` or `skipToken` is not one);
//! - `key` or `keys` after another word that does not say the key is a name or a public value:
//!   not after `partition`, `row`, `sort`, `routing`, `hash`, `shard`, `lookup`, `index`,
//!   `foreign`, `idempotency`, `deduplication`, `cache`, `group`, `property`, `enrichment`,
//!   `map`, `resource`, `object`, `public` or `managed` (`primaryKey`, `secondaryKey`,
//!   `accountKey`, `sharedAccessKeys` are credentials; `partitionKey`, `publicKey` are not).
//!
//! Only the end of the name counts, so `keyName`, `keyVaultUri`, `keySource`, `keyIdentifier`,
//! `partitionKeyName` and `secretName` are not secrets, nor is a field named just `key` or
//! `keys` (IoT Hub's enrichment `key` is a property name), nor anything that is not text (a
//! boolean `excludeKeys`, an object `keyVaultProperties`, whose own fields are judged on their own).

use heck::ToSnakeCase;

use crate::ir::{Primitive, Secret, TypeRef};

/// Words that, before `key`/`keys`, make it an identifier or a public value, not a credential.
const NOT_CREDENTIAL_KEYS: &[&str] = &[
    "partition", "row", "sort", "routing", "hash", "shard", "lookup", "index", "foreign", "idempotency",
    "deduplication", "cache", "group", "property", "enrichment", "map", "resource", "object", "public", "managed",
];

/// Words that, before `token`, make it a credential.
const CREDENTIAL_TOKENS: &[&str] =
    &["access", "refresh", "bearer", "auth", "authentication", "id", "security", "session", "api", "sas"];

/// The name rule, in words, for the crate's docs (from the same lists the rule uses).
pub(crate) fn secret_name_rule() -> String {
    let quoted = |words: &[&str]| words.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
    format!(
        "a text field (a string, or a list or map of strings) whose name, split into words (`primaryKey` is \
         `primary key`), ends with `connection string`; with `password`, `passphrase` or `secret`; with \
         `shared access signature`, or `sas` and then `token`, `uri` or `url`; with `token` after one of {}; or with \
         `key` or `keys` after any other word than {}. So `primaryKey`, `secondaryKey`, `accountKey`, \
         `connectionString`, `adminPassword` and `sasToken` are secrets, and `keyName`, `keyVaultUri`, `keySource`, \
         `partitionKey`, `publicKey`, `continuationToken` and a field named just `key` are not.",
        quoted(CREDENTIAL_TOKENS),
        quoted(NOT_CREDENTIAL_KEYS)
    )
}

/// Whether a field is a secret, and why: `marked` is `x-ms-secret: true`, `format` the schema's
/// `format` as written, `ty` the field's type.
pub(crate) fn lower_secret(wire_name: &str, ty: &TypeRef, marked: bool, format: Option<&str>) -> Option<Secret> {
    if marked {
        return Some(Secret::Marked);
    }
    if format == Some("password") {
        return Some(Secret::PasswordFormat);
    }
    if !is_text(ty) {
        return None;
    }
    credential_words(wire_name).map(Secret::CredentialName)
}

/// A string (in any format kept as text, bytes included), or a list or map of them.
fn is_text(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(p) => matches!(
            p,
            Primitive::String
                | Primitive::Bytes
                | Primitive::Base64Url
                | Primitive::Url
                | Primitive::Uuid
                | Primitive::UnknownFormat(_)
        ),
        TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Nullable(item) => is_text(item),
        TypeRef::Named(_) | TypeRef::Any => false,
    }
}

/// The words of `name` that make it a credential's by the rule (`primary key`), or `None`.
pub(crate) fn credential_words(name: &str) -> Option<String> {
    let snake = name.to_snake_case();
    let words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    let n = words.len();
    let last = *words.last()?;
    let before = if n >= 2 { Some(words[n - 2]) } else { None };
    let matched = |count: usize| Some(words[n - count..].join(" "));
    match (before, last) {
        (Some("connection"), "string") => matched(2),
        (_, "password" | "passphrase" | "secret") => matched(1),
        (Some("access"), "signature") if n >= 3 && words[n - 3] == "shared" => matched(3),
        (Some("sas"), "token" | "uri" | "url") => matched(2),
        (Some(qualifier), "token") if CREDENTIAL_TOKENS.contains(&qualifier) => matched(2),
        (Some(qualifier), "key" | "keys") if !NOT_CREDENTIAL_KEYS.contains(&qualifier) => matched(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> TypeRef {
        TypeRef::Primitive(Primitive::String)
    }

    #[test]
    fn credential_names_are_caught() {
        for (name, words) in [
            ("primaryKey", "primary key"),
            ("secondaryKey", "secondary key"),
            ("accountKey", "account key"),
            ("sharedAccessKeys", "access keys"),
            ("connectionString", "connection string"),
            ("primaryConnectionString", "connection string"),
            ("adminPassword", "password"),
            ("password", "password"),
            ("clientSecret", "secret"),
            ("sharedAccessSignature", "shared access signature"),
            ("sasToken", "sas token"),
            ("SASToken", "sas token"),
            ("containerSasUri", "sas uri"),
            ("accessToken", "access token"),
            ("private_key", "private key"),
        ] {
            assert_eq!(credential_words(name).as_deref(), Some(words), "{name}");
            assert!(lower_secret(name, &text(), false, None).is_some(), "{name}");
        }
    }

    #[test]
    fn identifiers_and_public_values_are_not() {
        for name in [
            "key",
            "keys",
            "keyName",
            "keyVaultUri",
            "keySource",
            "keyIdentifier",
            "keyVaultProperties",
            "partitionKey",
            "partitionKeyName",
            "partitionKeyTemplate",
            "rowKey",
            "publicKey",
            "secretName",
            "continuationToken",
            "skipToken",
            "nextLink",
            "thumbprint",
            "certificate",
            "sasTtlAsIso8601",
            "authenticationType",
            "customerManagedKey",
        ] {
            assert_eq!(credential_words(name), None, "{name}");
        }
    }

    #[test]
    fn only_text_is_judged_by_name_but_marks_and_formats_always_count() {
        assert_eq!(lower_secret("excludeKeys", &TypeRef::Primitive(Primitive::Bool), false, None), None);
        assert_eq!(lower_secret("primaryKey", &TypeRef::Named("Key".into()), false, None), None);
        assert_eq!(
            lower_secret("primaryKeys", &TypeRef::Array(Box::new(text())), false, None),
            Some(Secret::CredentialName("primary keys".into()))
        );
        assert_eq!(lower_secret("value", &text(), true, None), Some(Secret::Marked));
        assert_eq!(lower_secret("value", &text(), false, Some("password")), Some(Secret::PasswordFormat));
        // The spec's mark wins over the name as the reason.
        assert_eq!(lower_secret("primaryKey", &text(), true, Some("password")), Some(Secret::Marked));
    }
}
