//! The JSON Schemas of the catalogue and overlay formats (feature `schema`), derived by schemars from the very
//! types serde reads, so the schemas cannot drift from the reader. `tests/schema.rs` keeps the copies in
//! docs/catalog/ in step and validates the built-in catalogue and the example overlay against them.

use super::{Catalog, Overlay};

/// Where the schemas are kept, relative to the repository root.
pub const CATALOG_SCHEMA_FILE: &str = "docs/catalog/catalog.schema.json";
pub const OVERLAY_SCHEMA_FILE: &str = "docs/catalog/overlay.schema.json";

/// The schema of a whole catalogue (`catalog.json`), as indented JSON text with a final newline.
pub fn catalog_schema() -> String {
    pretty(&schemars::schema_for!(Catalog))
}

/// The schema of an organisation's overlay file, as indented JSON text with a final newline.
pub fn overlay_schema() -> String {
    pretty(&schemars::schema_for!(Overlay))
}

/// Indented, with every object's keys sorted: the same text whether or not another crate in the build turns on
/// serde_json's `preserve_order` (which would keep schemars' insertion order).
fn pretty(schema: &schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(&sorted(schema.as_value())).unwrap_or_default();
    text.push('\n');
    text
}

fn sorted(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}
