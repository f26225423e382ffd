//! The seed's knowledge as data: requirement vocabulary, presets, every section of the seed (decision matrix,
//! relational vs document, consistency, patterns, replication, migrations, checklist), and the rules and
//! conflicts the engine scores with.
//!
//! Everything lives in one human-editable file, `catalog/catalog.json`, embedded at build time. An organisation
//! can replace the whole file (`Catalog::from_json`); rules are keyed by requirement + section + option, so
//! overriding a weight means editing one line. Cross-references are validated after parsing.
//!
//! Read with the crate's small JSON reader (`crate::json`) and hand-written conversions (`catalog/read.rs`), not
//! serde_json, to keep the wasm small; the serde derives document the format and let native tests cross-check.
//! Depends on `serde`, `crate::json` and `std` only; never on the browser or on `engine`.

mod index;
mod read;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;

pub(crate) use index::{Index, Part, Source};

/// The catalogue shipped with the app.
const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.min.json"));

/// The whole catalogue. Section fields are in the seed's order so a browser can render them top to bottom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub version: u32,
    /// Shown when nothing is ticked.
    pub neutral_hint: String,
    /// Requirement groups in display order (needs, data and team, use cases, topology and durability, system, change).
    pub groups: Vec<RequirementGroup>,
    pub presets: Vec<Preset>,
    /// The decision matrix: one row per storage kind.
    pub stores: Vec<StoreKind>,
    pub relational_vs_document: Comparison,
    /// Strong and eventual.
    pub consistency_models: Vec<ConsistencyModel>,
    /// ONE, QUORUM, ALL, LOCAL_QUORUM.
    pub consistency_levels: Vec<ConsistencyLevel>,
    /// Single source of truth, database per service, shared database, CQRS + event sourcing.
    pub patterns: Vec<Pattern>,
    pub primary_replica: Topic,
    /// Async, semi-sync, sync (all primary-replica).
    pub replication_modes: Vec<ReplicationMode>,
    pub multi_primary: MultiPrimary,
    /// Expand and contract, parallel run.
    pub migrations: Vec<Migration>,
    pub checklist: Vec<ChecklistEntry>,
    pub scoring: Scoring,
    pub rules: Vec<Rule>,
    pub conflicts: Vec<Conflict>,
    #[serde(skip)]
    pub(crate) index: Index,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementGroup {
    pub id: String,
    pub title: String,
    pub requirements: Vec<Requirement>,
}

/// One tickable requirement. Ids are public (they appear in links) and never renamed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub label: String,
    /// One line explaining what ticking it means.
    pub help: String,
}

/// A realistic starting point: a named set of requirement ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub id: String,
    pub title: String,
    pub description: String,
    pub requirements: Vec<String>,
}

/// A row of the decision matrix: need → storage kind → example systems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreKind {
    pub id: String,
    /// The kind, as the matrix's "Consider" column names it.
    pub title: String,
    /// The matrix's "Need" column.
    pub need: String,
    pub examples: Vec<String>,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trade_offs: Vec<String>,
}

/// Relational vs document: the contrast table and both "choose when" lists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub relational_title: String,
    pub document_title: String,
    pub contrasts: Vec<Contrast>,
    pub choose_relational: Vec<String>,
    pub choose_document: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contrast {
    pub relational: String,
    pub document: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyModel {
    pub id: String,
    pub title: String,
    /// What it means, in one line.
    pub summary: String,
    pub characteristics: Vec<String>,
    pub use_when: Vec<String>,
}

/// A Cassandra-style consistency level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyLevel {
    pub id: String,
    /// The level's name as written in the seed (`ONE`, `LOCAL_QUORUM`).
    pub title: String,
    pub meaning: String,
    pub use_case: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trade_offs: Vec<String>,
}

/// A data pattern. Only the lists the seed gives for that pattern are non-empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub challenges: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when_ok: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub complexity: Vec<String>,
    /// Score at or above which the pattern is recommended.
    #[serde(default = "default_recommend_at")]
    pub recommend_at: i32,
    /// Score at or below which the pattern is to be avoided.
    #[serde(default = "default_avoid_at")]
    pub avoid_at: i32,
}

fn default_recommend_at() -> i32 {
    2
}

fn default_avoid_at() -> i32 {
    -2
}

impl Pattern {
    /// The costs the seed names: challenges, problems or complexity, whichever the pattern has.
    pub fn trade_offs(&self) -> impl Iterator<Item = &String> {
        self.challenges
            .iter()
            .chain(&self.problems)
            .chain(&self.complexity)
    }
}

/// A plain titled entry (e.g. primary-replica as a whole).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub summary: String,
}

/// A primary-replica replication mode: a row of the seed's modes table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplicationMode {
    pub id: String,
    /// The seed's short name (`Async`, `Semi-sync`, `Sync`).
    pub title: String,
    pub description: String,
    pub trade_off: String,
    pub summary: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MultiPrimary {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub challenges: Vec<String>,
    pub use_when: Vec<String>,
}

/// A migration strategy with its ordered phases or steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Migration {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub steps: Vec<String>,
}

/// A checklist question. `answered_by` names the sections whose outcome answers it:
/// `primary-store`, `store`, `consistency`, `consistency-level`, `replication`, or `pattern:<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistEntry {
    pub id: String,
    /// `service` or `system`.
    pub scope: String,
    pub question: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answered_by: Vec<String>,
}

/// Knobs of the scoring: which stores compete for primary, tie-break defaults, presence threshold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Store ids that compete for the primary-store card (first listed wins nothing by itself: see defaults).
    pub primary_store: Vec<String>,
    /// The option chosen on a tie (and when nothing is ticked), per choice section.
    pub defaults: Defaults,
    /// Score at or above which a store or migration card appears.
    pub present_at: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Defaults {
    pub primary_store: String,
    pub consistency: String,
    pub consistency_level: String,
    pub replication: String,
}

/// "Ticking `requirement` pushes `option` of `section` by `weight`, because `why`."
/// Unique per (requirement, section, option). Negative weights push against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub requirement: String,
    /// `primary-store`, `store`, `consistency`, `consistency-level`, `replication`, `pattern` or `migration`.
    pub section: String,
    pub option: String,
    pub weight: i32,
    pub why: String,
}

/// Requirements (and optionally an outcome) that pull against each other.
/// Triggers when all of `requires` are ticked, at least one of `any_of` (if given) is ticked, and at least
/// one of `when` (if given) is the outcome: the chosen option of a choice section, a recommended pattern,
/// or a present store or migration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub requires: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<OptionRef>,
    pub trade_offs: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionRef {
    pub section: String,
    pub option: String,
}

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
    /// The embedded catalogue, parsed once.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // Checked by tests/seed_facts.rs. Not `expect`: formatting the error would add its Debug code to the wasm.
            match Catalog::from_json(BUILTIN_JSON) {
                Ok(catalog) => catalog,
                Err(_) => panic!("the embedded catalogue is invalid"),
            }
        })
    }

    /// Parses and validates a catalogue. Never panics.
    pub fn from_json(json: &str) -> Result<Catalog, CatalogError> {
        let value = crate::json::parse(json).map_err(|e| CatalogError::Syntax {
            line: e.line,
            column: e.column,
            message: e.message,
        })?;
        let mut catalog =
            read::catalog(&value, &read::Path::Root).map_err(CatalogError::Invalid)?;
        catalog.index = Index::build(&catalog).map_err(CatalogError::Invalid)?;
        Ok(catalog)
    }

    /// Every requirement, group by group.
    pub fn requirements(&self) -> impl Iterator<Item = &Requirement> {
        self.groups.iter().flat_map(|g| g.requirements.iter())
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        let &(g, r) = self.index.reqs.get(*self.index.req_ids.get(id)?)?;
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
