//! Checks the built-in catalogue at build time and writes it, and the engine's index of it, as Rust statics.
//!
//! `src/catalog/catalog.json` stays the one human-editable source. Here it is read with serde_json into the
//! catalogue's own types (this script includes `src/catalog/model.rs`, `validate.rs` and `index.rs`), checked
//! with the same rules a catalogue loaded at run time gets, and written to `$OUT_DIR/catalog.rs` as one Rust
//! expression (`build/rust_literal.rs`); its index, built by the engine's own `Index::build`, goes to
//! `$OUT_DIR/index.rs` (`build/index_literal.rs`). `src/catalog.rs` includes both as `static`s: the app
//! neither parses nor decodes its catalogue, nor builds its index. A mistake in the file fails the build with a
//! message naming its place.

use std::{env, fs, path::Path, process};

#[path = "src/catalog/model.rs"]
#[allow(dead_code)]
mod model;
#[path = "src/catalog/validate.rs"]
#[allow(dead_code)]
mod validate;

#[path = "src/catalog/index.rs"]
#[allow(dead_code)]
mod index;

#[path = "build/index_literal.rs"]
mod index_literal;
#[path = "build/rust_literal.rs"]
mod rust_literal;

const SOURCE: &str = "src/catalog/catalog.json";

/// The catalogue's fields (`(type, field)`) whose text only explains: what cards' bodies, the exports and the
/// catalogue browser say, all made by the on-demand module. The app's copy reads `rust_literal::LEFT_OUT`
/// there. Everything the app itself shows stays: ids, titles, labels and help, presets, example systems'
/// names, checklist questions and what answers them (a replication's summary), the scoring and every
/// rule's and conflict's conditions and weights.
const EXPLANATIONS: &[(&str, &str)] = &[
    ("StoreKind", "summary"),
    ("StoreKind", "trade_offs"),
    ("StoreKind", "alongside"),
    ("StoreKind", "durable"),
    ("System", "managed"),
    ("System", "notes"),
    ("System", "links"),
    ("Implementation", "text"),
    ("Comparison", "summary"),
    ("Comparison", "contrasts"),
    ("Comparison", "choose_relational"),
    ("Comparison", "choose_document"),
    ("ConsistencyModel", "summary"),
    ("ConsistencyModel", "characteristics"),
    ("ConsistencyModel", "use_when"),
    ("ConsistencyLevel", "meaning"),
    ("ConsistencyLevel", "use_case"),
    ("ConsistencyLevel", "summary"),
    ("ConsistencyLevel", "trade_offs"),
    ("Pattern", "summary"),
    ("Pattern", "rules"),
    ("Pattern", "benefits"),
    ("Pattern", "challenges"),
    ("Pattern", "problems"),
    ("Pattern", "when_ok"),
    ("Pattern", "complexity"),
    ("Topic", "summary"),
    ("ReplicationMode", "description"),
    ("ReplicationMode", "trade_off"),
    ("MultiPrimary", "challenges"),
    ("MultiPrimary", "use_when"),
    ("Migration", "summary"),
    ("Migration", "steps"),
    ("Rule", "why"),
    ("Conflict", "summary"),
    ("Conflict", "trade_offs"),
    ("Conflict", "resolution"),
    ("TradeOffSentences", "seed"),
    ("TradeOffSentences", "gain"),
    ("TradeOffSentences", "cost"),
    ("Term", "term"),
    ("Term", "definition"),
];

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=src/catalog/model.rs");
    println!("cargo:rerun-if-changed=src/catalog/validate.rs");
    println!("cargo:rerun-if-changed=src/catalog/index.rs");
    println!("cargo:rerun-if-changed=build/index_literal.rs");
    println!("cargo:rerun-if-changed=build/rust_literal.rs");
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_EXPLANATIONS");
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
    let index = index::Index::build(&catalog)
        .unwrap_or_else(|| fail("the engine cannot index it (validate let it through)".into()));
    // Without the `explanations` feature (the app's first load), the text only a card's body says is left to
    // the on-demand module, which has it all.
    let left = match env::var_os("CARGO_FEATURE_EXPLANATIONS") {
        Some(_) => &[][..],
        None => EXPLANATIONS,
    };
    let rust = rust_literal::to_rust(&catalog, left).unwrap_or_else(|e| fail(e.to_string()));
    let out = env::var("OUT_DIR").unwrap_or_else(|_| fail("cargo did not set OUT_DIR".into()));
    fs::write(Path::new(&out).join("catalog.rs"), rust)
        .unwrap_or_else(|e| fail(format!("cannot write the catalogue as Rust: {e}")));
    fs::write(
        Path::new(&out).join("index.rs"),
        index_literal::to_rust(&index),
    )
    .unwrap_or_else(|e| fail(format!("cannot write its index as Rust: {e}")));
}
