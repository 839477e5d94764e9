//! The wasm UI.
