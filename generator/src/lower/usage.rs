//! Which named types the crate sends and which it receives (`ClientModel::usage`), decided once
//! from the methods of the client model.
//!
//! A model derives `Serialize` only when some request body holds it, and `Deserialize` only
//! when some response does (a result, a page, a long-running operation's result, an error):
//! serde's derives are much of what a generated crate costs to compile, and a type the service
//! only returns has no use for a serializer (nor a request-only type for a deserializer). The
//! walk follows fields, items, map values, aliases and the kinds of a discriminated union; a
//! read-only field is never sent, so the walk for `sent` does not enter it.

use std::collections::BTreeMap;

use crate::ir::{Api, BodyKind, Client, MethodKind, PagerModel, TypeKind, TypeRef, TypeUsage};

/// Which way a walk marks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Sent,
    Received,
}

/// The usage of every named type the methods of `clients` reach.
pub(crate) fn lower_usage(api: &Api, clients: &[Client]) -> BTreeMap<String, TypeUsage> {
    let mut usage: BTreeMap<String, TypeUsage> = BTreeMap::new();
    for method in clients.iter().flat_map(|c| &c.methods) {
        if let Some(body) = &method.body {
            // A binary body is bytes; JSON, form and multipart bodies are written by serde.
            if matches!(body.kind, BodyKind::Json | BodyKind::Form | BodyKind::Multipart) {
                mark(api, &body.ty, Direction::Sent, &mut usage);
            }
            if body.kind == BodyKind::Json {
                if let TypeRef::Named(name) = crate::rust_types::resolve_alias(&api.types, &body.ty) {
                    usage.entry(name.clone()).or_default().request_body = true;
                }
            }
        }
        let mut received: Vec<&TypeRef> = Vec::new();
        let page = |pager: &PagerModel| TypeRef::Named(pager.list_type.clone());
        let pages: Option<TypeRef> = match &method.kind {
            MethodKind::Plain(plain) => {
                received.extend(&plain.result);
                None
            }
            MethodKind::Pager(pager) => Some(page(pager)),
            MethodKind::Poller(poller) => {
                received.extend(&poller.result);
                poller.pages.as_ref().map(page)
            }
            MethodKind::Exists(_) => None,
        };
        received.extend(&pages);
        received.extend(&method.error.ty);
        received.extend(method.error.by_status.iter().map(|e| &e.ty));
        for ty in received {
            mark(api, ty, Direction::Received, &mut usage);
        }
    }
    usage
}

/// Marks every named type a value of `ty` holds as used in `direction`.
fn mark(api: &Api, ty: &TypeRef, direction: Direction, usage: &mut BTreeMap<String, TypeUsage>) {
    let name = match ty {
        TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Nullable(item) => return mark(api, item, direction, usage),
        TypeRef::Primitive(_) | TypeRef::Any => return,
        TypeRef::Named(name) => name,
    };
    let entry = usage.entry(name.clone()).or_default();
    let seen = match direction {
        Direction::Sent => std::mem::replace(&mut entry.sent, true),
        Direction::Received => std::mem::replace(&mut entry.received, true),
    };
    if seen {
        return;
    }
    let Some(def) = api.types.get(name) else { return };
    match &def.kind {
        TypeKind::Object(object) => {
            for field in &object.fields {
                // serde's derive neither writes a skipped field nor asks its type to be `Serialize`.
                if direction == Direction::Sent && field.read_only {
                    continue;
                }
                mark(api, &field.ty, direction, usage);
            }
            if let Some(additional) = &object.additional_properties {
                mark(api, additional, direction, usage);
            }
            // A union is written and read through the type of each of its kinds.
            if let Some(discriminator) = &object.discriminator {
                for variant in discriminator.variants.values() {
                    mark(api, &TypeRef::Named(variant.clone()), direction, usage);
                }
            }
        }
        TypeKind::Alias(target) => mark(api, target, direction, usage),
        TypeKind::Enum(_) => {}
    }
}
