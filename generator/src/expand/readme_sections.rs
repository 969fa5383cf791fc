//! The README sections on what the crate shares with the official azure_core 1.x crates and what
//! it adds: its features, tracing, `Debug` and secrets, and testing with fakes. Printed from the
//! client model (namespace, span names) and the rule of `lower::secrets`, so the README says what
//! the code does.

use super::Context;

/// The sections, in order, each starting with a blank line and a `##` heading.
pub(crate) fn expand_sections(ctx: &Context<'_>) -> String {
    [features(ctx), tracing(ctx), secrets(), fakes(ctx)].concat()
}

/// `## Features`.
fn features(ctx: &Context<'_>) -> String {
    let crate_name = &ctx.options.crate_name;
    let version = &ctx.options.package.version;
    format!(
        "\n## Features\n\n\
         - `all-serde`: every model is both `Serialize` and `Deserialize` (by default only as the methods need; \
           see Models below).\n\
         - `debug`: `Debug` of the models shows every field, as azure_core's own `debug` feature does for every \
           official crate (it turns that feature on). Secrets stay redacted (see below).\n\
         - `fake`: the `fake` module, scriptable in-memory fakes of the clients to test your own code without \
           Azure (see below); it turns `all-serde` on. Enable it for tests only:\n\n\
         ```toml\n\
         [dev-dependencies]\n\
         {crate_name} = {{ version = \"{version}\", features = [\"fake\"] }}\n\
         ```\n"
    )
}

/// `## Tracing`.
fn tracing(ctx: &Context<'_>) -> String {
    let namespace = &ctx.api.clients.root.namespace.name;
    // The README's example operation, else any method.
    let example = super::readme::example_operation(ctx)
        .map(|(m, _)| m)
        .or_else(|| ctx.api.clients.clients.iter().flat_map(|c| &c.methods).next());
    let example = match example {
        Some(method) => format!(" (`{}` for `{}`)", method.span_name, method.name),
        None => String::new(),
    };
    format!(
        "\n## Tracing\n\n\
         The clients are instrumented the way the official azure_core 1.x crates are (their `#[tracing::..]` \
         attributes, written out): give `client_options.instrumentation.tracer_provider` \
         a tracer provider (for OpenTelemetry, `azure_core_opentelemetry`'s) and every method call is one span named \
         after the operation, as Azure's emitter names it{example}, with `az.namespace` = `{namespace}`; the HTTP \
         requests it sends (each page of a pager, each poll of a long-running operation) are spans under it, with \
         their status code, and a failure sets `error.type`. Without a tracer provider nothing is traced.\n"
    )
}

/// `## Secrets in `Debug``.
fn secrets() -> String {
    format!(
        "\n## Secrets in `Debug`\n\n\
         Models follow azure_core's `SafeDebug` convention: `Debug` prints only the type's name (`Thing {{ .. }}`) \
         unless the `debug` feature is on. On top of it, a secret never shows, whatever features are enabled: its \
         value prints as `<redacted>`. A field is a secret when the spec marks it `x-ms-secret`, when its format is \
         `password`, or when the spec forgot to mark it but its name is a credential's: {}\n",
        crate::lower::secret_name_rule()
    )
}

/// `## Testing your code with fakes`.
fn fakes(ctx: &Context<'_>) -> String {
    let root = &ctx.api.clients.root.name;
    format!(
        "\n## Testing your code with fakes\n\n\
         With the `fake` feature, `fake::ServerFactory` holds one fake server per client (`fake::…Server`), with one \
         method per client method that scripts it: a closure that gets the call's arguments, typed (path, query and \
         header parameters, and the body decoded into its model), and answers with the method's result, \
         `fake::Pages` for a pageable method (the fake links the pages for the pager to follow), `fake::Lro` for a \
         long-running one (how many polls stay in progress, then the result or a failure), `true`/`false` for a \
         `HEAD`, or a `fake::Failure` (a status, code and message, or an error model) that the client reports as the \
         service's error. `ServerFactory::client_options()` plugs the fakes into `{root}::new` as azure_core's \
         transport, with `fake::credential()`: the client's own code runs unchanged, with no network and no TLS. \
         The `fake` module's docs show a unit test of code that uses the client.\n"
    )
}
