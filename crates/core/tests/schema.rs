//! The JSON Schemas in docs/catalog/ are what the Rust types generate today, and they accept the built-in
//! catalogue and the example organisation file while refusing what Strata's reader refuses by shape.
//!
//! After changing the catalogue's or the overlay's types, refresh the files with
//! `STRATA_WRITE_SCHEMAS=1 cargo test -p strata-core --test schema` and commit them.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use std::path::PathBuf;
use strata_core::catalog::schema::{
    catalog_schema, overlay_schema, CATALOG_SCHEMA_FILE, OVERLAY_SCHEMA_FILE,
};
use strata_core::catalog::WEIGHT_BOUNDS;

const BUILTIN: &str = include_str!("../src/catalog/catalog.json");
const EXAMPLE: &str = include_str!("../../../docs/catalog/example-org.json");

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// Compares (or, with STRATA_WRITE_SCHEMAS=1, writes) one schema file.
fn in_step(file: &str, generated: &str) {
    let path = repo(file);
    if std::env::var_os("STRATA_WRITE_SCHEMAS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == generated,
        "{file} is not what the Rust types generate: run \
         `STRATA_WRITE_SCHEMAS=1 cargo test -p strata-core --test schema` and commit the file"
    );
}

#[test]
fn the_schema_files_are_generated_from_the_types() {
    in_step(CATALOG_SCHEMA_FILE, &catalog_schema());
    in_step(OVERLAY_SCHEMA_FILE, &overlay_schema());
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(schema).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

/// The schema's complaints about `instance`, as text.
fn complaints(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_builtin_catalogue_and_the_example_meet_their_schemas() {
    let catalogue: Value = serde_json::from_str(BUILTIN).unwrap();
    assert_eq!(
        complaints(&validator(&catalog_schema()), &catalogue),
        Vec::<String>::new()
    );
    let example: Value = serde_json::from_str(EXAMPLE).unwrap();
    assert_eq!(
        complaints(&validator(&overlay_schema()), &example),
        Vec::<String>::new()
    );
}

#[test]
fn the_overlay_schema_refuses_what_the_reader_refuses_by_shape() {
    let v = validator(&overlay_schema());
    let example: Value = serde_json::from_str(EXAMPLE).unwrap();
    type Edit = fn(&mut Value);
    let edits: [(&str, Edit); 7] = [
        ("an unknown field", |o| o["stores"][0]["sytems"] = json!([])),
        ("an unknown status", |o| {
            o["stores"][0]["systems"][0]["status"] = json!("retire")
        }),
        ("a weight above the bounds", |o| {
            o["rules"][0]["weight"] = json!(11)
        }),
        ("a weight below the bounds", |o| {
            o["rules"][0]["weight"] = json!(-11)
        }),
        ("a javascript: link", |o| {
            o["links"][0]["url"] = json!("javascript:alert(1)")
        }),
        ("a date not written YYYY-MM-DD", |o| {
            o["reviewed"] = json!("20/11/2026")
        }),
        ("no name", |o| {
            o.as_object_mut().unwrap().remove("name");
        }),
    ];
    for (what, edit) in edits {
        let mut bad = example.clone();
        edit(&mut bad);
        assert!(!v.is_valid(&bad), "the schema accepts {what}");
    }
}

#[test]
fn the_schemas_carry_the_weight_bounds() {
    let overlay: Value = serde_json::from_str(&overlay_schema()).unwrap();
    let weight = &overlay["$defs"]["RuleWeight"]["properties"]["weight"];
    assert_eq!(weight["minimum"], json!(WEIGHT_BOUNDS.0), "{weight}");
    assert_eq!(weight["maximum"], json!(WEIGHT_BOUNDS.1), "{weight}");
    let catalogue: Value = serde_json::from_str(&catalog_schema()).unwrap();
    let weight = &catalogue["$defs"]["Rule"]["properties"]["weight"];
    assert_eq!(weight["maximum"], json!(WEIGHT_BOUNDS.1), "{weight}");
}
