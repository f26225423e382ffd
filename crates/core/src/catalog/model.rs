//! The catalogue's types: the seed's knowledge, the requirement vocabulary, presets, rules and conflicts, as
//! `catalog.json` holds them. Plain data with serde derives and nothing else, so that `build.rs` can read the
//! JSON with the very same types (it includes this file) and the app can decode the built-in catalogue from
//! postcard bytes. Depends on `serde` only. No `skip_serializing_if`: postcard is not self-describing.

use serde::{Deserialize, Serialize};

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
    /// The seed's trade-offs (of stores, the relational-vs-document contrasts, models, levels, replication,
    /// patterns and conflicts) said for people: what each gains and what it costs, as full sentences.
    #[serde(default)]
    pub trade_off_sentences: Vec<TradeOffSentences>,
    /// Jargon the cards use, each with a short explanation shown on its first use in a card.
    #[serde(default)]
    pub glossary: Vec<Term>,
    /// The engine's lookup tables, built from the fields above when the catalogue is loaded.
    #[serde(skip)]
    pub(crate) index: super::index::Index,
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
    #[serde(default)]
    pub trade_offs: Vec<String>,
    /// What a small team can use first instead of running this store (empty: nothing lighter).
    #[serde(default)]
    pub lighter: String,
    /// What "no data loss" takes in this store's own settings (empty: nothing beyond the replication card).
    #[serde(default)]
    pub durable: String,
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
    #[serde(default)]
    pub trade_offs: Vec<String>,
    /// The same setting in a store's own terms (a relational primary has no Cassandra levels).
    #[serde(default)]
    pub equivalents: Vec<Implementation>,
}

/// How one kind of store does something, in its own terms: `store` is a store kind id (`relational`, `document`).
/// `model` (a consistency model id) and `replication` (a replication id), when given, narrow it to designs with
/// that model or replication; the most specific entry that fits is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Implementation {
    pub store: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub replication: String,
    pub text: String,
}

/// A data pattern. Only the lists the seed gives for that pattern are non-empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub benefits: Vec<String>,
    #[serde(default)]
    pub challenges: Vec<String>,
    #[serde(default)]
    pub problems: Vec<String>,
    #[serde(default)]
    pub when_ok: Vec<String>,
    #[serde(default)]
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
    /// Systems that replicate this way, per primary store kind.
    #[serde(default)]
    pub implementations: Vec<Implementation>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MultiPrimary {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub challenges: Vec<String>,
    pub use_when: Vec<String>,
    /// Systems that offer multi-primary writes, per primary store kind (said plainly where it takes an extension).
    #[serde(default)]
    pub implementations: Vec<Implementation>,
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
    #[serde(default)]
    pub answered_by: Vec<String>,
}

/// Knobs of the scoring: which stores compete for primary, tie-break defaults, presence threshold, and the
/// use cases that always get strong consistency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Store ids that compete for the primary-store card (first listed wins nothing by itself: see defaults).
    pub primary_store: Vec<String>,
    /// The option chosen on a tie (and when nothing is ticked), per choice section.
    pub defaults: Defaults,
    /// Score at or above which a store or migration card appears.
    pub present_at: i32,
    /// Requirements that always get strong consistency, whatever else is ticked (the seed's "use strong
    /// consistency when" cases): other ticks pulling towards eventual raise a conflict instead of outvoting them.
    pub strong_anchors: Vec<String>,
    /// A choice whose runner-up scores within this margin is shown as a close call.
    pub close_call_margin: i32,
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
/// Unique per (requirement, section, option). Negative weights push against. A rule with `only_with` counts
/// only when one of those is ticked too; one with `unless` does not count when any of those is ticked.
/// Sections: `primary-store`, `store`, `consistency`, `replication`, `pattern`, `migration`. The consistency
/// level has no rules: it follows from the consistency model and the replication (see docs/ADVICE.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub requirement: String,
    pub section: String,
    pub option: String,
    pub weight: i32,
    pub why: String,
    #[serde(default)]
    pub only_with: Vec<String>,
    #[serde(default)]
    pub unless: Vec<String>,
}

/// Needs that pull against each other, judged on what the engine chose. Shown when every one of `requires` is
/// ticked, at least one of `any_of` (if given) is, none of `unless` is, every one of `when` holds for the
/// outcome, and the design has at least `min_stores` stores. `resolution` is the way out; `subject` (if any)
/// names the choice the card warns against, which the engine never recommends at the same time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub requires: Vec<String>,
    #[serde(default)]
    pub any_of: Vec<String>,
    #[serde(default)]
    pub unless: Vec<String>,
    #[serde(default)]
    pub when: Vec<OptionRef>,
    #[serde(default)]
    pub min_stores: u32,
    pub trade_offs: Vec<String>,
    pub resolution: String,
    #[serde(default)]
    pub subject: Option<OptionRef>,
}

/// An option of a section, as an outcome: the chosen option of a single-choice section (`primary-store`,
/// `consistency`, `consistency-level`, `replication`), a present store or migration, or a pattern whose
/// verdict is `recommended` — or, with `advised`, a pattern that the ticks made recommended or acceptable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionRef {
    pub section: String,
    pub option: String,
    #[serde(default)]
    pub advised: bool,
}

/// One seed trade-off (`seed`, as the catalogue writes it) as sentences: what it gains, what it costs; a
/// trade-off such as "Fast but data can be lost" has both. A conflict's "Async: fast but data can be lost"
/// finds the entry of "Fast but data can be lost".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TradeOffSentences {
    pub seed: String,
    #[serde(default)]
    pub gain: String,
    #[serde(default)]
    pub cost: String,
}

/// A term of jargon (`ACID`, `quorum`) and what it means, in a sentence. Matched in card text as a whole word,
/// ignoring ASCII case, plural `s` included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    pub definition: String,
}
