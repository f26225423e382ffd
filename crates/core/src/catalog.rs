//! The seed's knowledge as data: requirement vocabulary, presets, every section of the seed (decision matrix,
//! relational vs document, consistency, patterns, replication, migrations, checklist), and the rules and
//! conflicts the engine reasons with.
//!
//! Everything lives in one human-editable file, `catalog/catalog.json`. `build.rs` reads it with serde_json
//! into the types of `catalog/model.rs`, checks it with `catalog/validate.rs` (an invalid catalogue fails the
//! build, naming the place) and writes it, with the engine's index of it (`catalog/index.rs`), as Rust statics,
//! so the app neither decodes the catalogue nor builds its index. A catalogue read at run time
//! (`Catalog::from_json`, feature `json`: tests, fuzzing; `from_postcard`: the on-demand module) gets the same
//! checks and has its index built when it is read. Depends on `serde`, `postcard` and `std` only; never on the
//! browser or on `engine`.

mod index;
mod model;
pub mod overlay;
#[cfg(feature = "schema")]
pub mod schema;
mod validate;

use std::fmt;

pub(crate) use index::{Index, IndexCell, Part, Source, Ticks};
pub use model::*;
pub use overlay::{Overlay, OverlayError};
pub use validate::{is_date, is_web_url, url_problem, validate, REQUIRED_OPTIONS, WEIGHT_BOUNDS};

/// The catalogue shipped with Strata, as `build.rs` checked it and wrote it: Rust statics, so the app decodes
/// nothing at start and carries no decoder for it.
static BUILTIN: Catalog = include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
/// The built-in catalogue's index (its `index` cell points here), built by `build.rs` with `Index::build`.
static BUILTIN_INDEX: Index = include!(concat!(env!("OUT_DIR"), "/index.rs"));

/// Why a catalogue could not be loaded, in words a catalogue editor can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogError {
    /// Not valid JSON.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON of the wrong shape (unknown or missing field, wrong type: the message starts with the path,
    /// e.g. `stores[3].examples[1]: expected a string, found a number`), or whose content does not hang
    /// together (unknown ids, duplicates, empty groups…).
    Invalid(String),
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogError::Syntax {
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "catalogue JSON error at line {line}, column {column}: {message}"
                )
            }
            CatalogError::Invalid(message) => write!(f, "invalid catalogue: {message}"),
        }
    }
}

impl std::error::Error for CatalogError {}

/// The anchor id of a catalogue entry, for links from cards (`cat-relational`).
pub fn anchor(id: &str) -> String {
    format!("cat-{id}")
}

impl Catalog {
    /// The built-in catalogue.
    pub fn builtin() -> &'static Catalog {
        &BUILTIN
    }

    /// The engine's tables for this catalogue (see `IndexCell`).
    pub(crate) fn index(&self) -> &Index {
        self.index.get(self)
    }

    /// A catalogue from postcard bytes that were validated before they were encoded (one the on-demand module
    /// checked); `None` if the bytes do not decode or do not hang together.
    pub fn from_postcard(bytes: &[u8]) -> Option<Catalog> {
        let catalog: Catalog = postcard::from_bytes(bytes).ok()?;
        catalog.with_index()
    }

    /// This catalogue with its index built now, or `None` if it does not hang together.
    fn with_index(mut self) -> Option<Catalog> {
        self.index = IndexCell::built(Index::build(&self)?);
        Some(self)
    }

    /// The catalogue as postcard bytes (what `from_postcard` reads).
    pub fn to_postcard(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// Reads and checks a catalogue written as JSON. Never panics; errors name the place (line and column
    /// for syntax, the JSON path for shape and content).
    #[cfg(feature = "json")]
    pub fn from_json(json: &str) -> Result<Catalog, CatalogError> {
        let catalog = read_json(json)?;
        validate(&catalog).map_err(CatalogError::Invalid)?;
        catalog
            .with_index()
            .ok_or_else(|| CatalogError::Invalid("the catalogue does not hang together".into()))
    }

    /// This catalogue with an organisation's overlay applied (see `overlay::apply`).
    pub fn with_overlay(&self, overlay: &Overlay) -> Result<Catalog, Vec<OverlayError>> {
        overlay::apply(self, overlay)
    }

    /// The name shown for the catalogue: the organisation's after an overlay, else its own (`Strata`).
    pub fn display_name(&self) -> &str {
        match &self.organisation {
            Some(org) => &org.name,
            None => &self.name,
        }
    }

    /// The catalogue's short label, as in "Catalogue: Acme 2026-11": the display name and the organisation's
    /// version, or else the month of the last review.
    pub fn label(&self) -> String {
        let (name, version, reviewed) = match &self.organisation {
            Some(org) => (
                org.name.as_ref(),
                org.version.as_ref(),
                org.reviewed.as_ref(),
            ),
            None => (self.name.as_ref(), "", self.reviewed.as_ref()),
        };
        let when = if version.is_empty() {
            reviewed.get(..7).unwrap_or(reviewed)
        } else {
            version
        };
        if when.is_empty() {
            name.to_string()
        } else {
            format!("{name} {when}")
        }
    }

    /// Every requirement, group by group.
    pub fn requirements(&self) -> impl Iterator<Item = &Requirement> {
        self.groups.iter().flat_map(|g| g.requirements.iter())
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        let ix = self.index();
        let &(g, r) = ix.reqs.get(ix.number(id)?)?;
        self.groups.get(g)?.requirements.get(r)
    }

    pub fn preset(&self, id: &str) -> Option<&Preset> {
        self.presets.iter().find(|p| p.id == id)
    }

    pub fn store(&self, id: &str) -> Option<&StoreKind> {
        self.stores.iter().find(|s| s.id == id)
    }

    pub fn pattern(&self, id: &str) -> Option<&Pattern> {
        self.patterns.iter().find(|p| p.id == id)
    }

    pub fn conflict(&self, id: &str) -> Option<&Conflict> {
        self.conflicts.iter().find(|c| c.id == id)
    }
}

/// serde_json with the path of a shape error (`rules[3].weight: invalid type: …`).
#[cfg(feature = "json")]
fn read_json(json: &str) -> Result<Catalog, CatalogError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, Catalog>(&mut *de) {
        Ok(catalog) => {
            de.end().map_err(|e| syntax(&e))?;
            Ok(catalog)
        }
        Err(e) => {
            let (path, inner) = (e.path().to_string(), e.into_inner());
            if inner.is_syntax() || inner.is_eof() {
                return Err(syntax(&inner));
            }
            let (line, column) = (inner.line(), inner.column());
            let message = strip_position(&inner);
            let place = if path == "." {
                String::new()
            } else {
                format!("{path}: ")
            };
            Err(CatalogError::Invalid(format!(
                "{place}{message} (line {line}, column {column})"
            )))
        }
    }
}

#[cfg(feature = "json")]
fn syntax(e: &serde_json::Error) -> CatalogError {
    // serde_json counts columns from 1 but says 0 for the very start of a line (an empty file, say).
    CatalogError::Syntax {
        line: e.line().max(1),
        column: e.column().max(1),
        message: strip_position(e),
    }
}

/// serde_json's message without its " at line L column C" tail (the error carries those as numbers).
#[cfg(feature = "json")]
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `build.rs` wrote the built-in index with `Index::build` from catalog.json; this builds it again, at run
    /// time, from the catalogue `build.rs` wrote, so the static and the builder cannot drift apart.
    #[test]
    fn the_builtin_index_is_the_static_one_and_equals_what_build_makes() {
        let builtin = Catalog::builtin();
        assert!(matches!(builtin.index, IndexCell::Static(_)));
        let built = Index::build(builtin).expect("the built-in catalogue can be indexed");
        assert_eq!(builtin.index(), &built);
        assert_eq!(builtin.clone().index(), &built, "a clone builds its own");
    }
}
