//! Checks the built-in catalogue at build time and writes it as Rust statics.
//!
//! `src/catalog/catalog.json` stays the one human-editable source. Here it is read with serde_json into the
//! catalogue's own types (this script includes `src/catalog/model.rs` and `validate.rs`), checked with the same
//! rules a catalogue loaded at run time gets, and written to `$OUT_DIR/catalog.rs` as one Rust expression
//! (`build/rust_literal.rs`), which `src/catalog.rs` includes as a `static`: the app neither parses nor decodes
//! its catalogue. A mistake in the file fails the build with a message naming its place.

use std::{env, fs, path::Path, process};

#[path = "src/catalog/model.rs"]
#[allow(dead_code)]
mod model;
#[path = "src/catalog/validate.rs"]
#[allow(dead_code)]
mod validate;

#[path = "build/rust_literal.rs"]
mod rust_literal;

/// `model.rs` names the engine's index cell as `super::index::IndexCell`; the build needs no index.
mod index {
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct IndexCell;
}

const SOURCE: &str = "src/catalog/catalog.json";

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=src/catalog/model.rs");
    println!("cargo:rerun-if-changed=src/catalog/validate.rs");
    println!("cargo:rerun-if-changed=build/rust_literal.rs");
    let fail = |message: String| -> ! {
        eprintln!("error: {SOURCE}: {message}");
        process::exit(1);
    };
    let json = fs::read_to_string(SOURCE).unwrap_or_else(|e| fail(format!("cannot read it: {e}")));
    let de = &mut serde_json::Deserializer::from_str(&json);
    let catalog: model::Catalog = serde_path_to_error::deserialize(&mut *de)
        .unwrap_or_else(|e| fail(format!("{}: {}", e.path(), e.inner())));
    if let Err(e) = de.end() {
        fail(e.to_string());
    }
    if let Err(message) = validate::validate(&catalog) {
        fail(message);
    }
    let rust = rust_literal::to_rust(&catalog).unwrap_or_else(|e| fail(e.to_string()));
    let out = env::var("OUT_DIR").unwrap_or_else(|_| fail("cargo did not set OUT_DIR".into()));
    fs::write(Path::new(&out).join("catalog.rs"), rust)
        .unwrap_or_else(|e| fail(format!("cannot write the catalogue as Rust: {e}")));
}
