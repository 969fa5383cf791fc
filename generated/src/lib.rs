//! Placeholder until the emitter lands.
