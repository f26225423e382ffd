//! The catalogue's types: the seed's knowledge, the requirement vocabulary, presets, rules and conflicts, as
//! `catalog.json` holds them. Plain data with serde derives and nothing else, so that `build.rs` can read the
//! JSON with the very same types (it includes this file) and write the built-in catalogue as Rust statics
//! (`Text` and `List` are `Cow`s: borrowed there, owned for a catalogue read at run time). Depends on `serde` only (and, with the `schema` feature, on `schemars`, which derives the
//! JSON Schema in docs/catalog/ from these very types). No `skip_serializing_if`: postcard is not
//! self-describing.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Text of the catalogue: borrowed from the program for the built-in catalogue (`build.rs` writes it as Rust
/// statics, so the app carries no decoder for it), owned for one read at run time (an organisation's).
pub type Text = Cow<'static, str>;
/// A list of the catalogue, borrowed or owned like `Text`: a slice to read (`Deref`), iterable by reference,
/// and a `Vec` to change (`to_mut`) when an organisation's overlay edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct List<T: Clone + 'static>(pub Cow<'static, [T]>);

/// In the JSON Schema a list is the array it holds.
#[cfg(feature = "schema")]
impl<T: Clone + schemars::JsonSchema> schemars::JsonSchema for List<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Vec::<T>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        Vec::<T>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Vec::<T>::json_schema(generator)
    }
}

impl<T: Clone> List<T> {
    /// The list as a `Vec` to change (copied first if it was borrowed).
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        self.0.to_mut()
    }

    pub fn push(&mut self, item: T) {
        self.to_mut().push(item);
    }

    pub fn insert(&mut self, at: usize, item: T) {
        self.to_mut().insert(at, item);
    }

    pub fn remove(&mut self, at: usize) -> T {
        self.to_mut().remove(at)
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.to_mut().retain(keep);
    }

    pub fn extend(&mut self, items: impl IntoIterator<Item = T>) {
        self.to_mut().extend(items);
    }
}

impl<T: Clone> std::ops::Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

/// Changing an item copies a borrowed list first.
impl<T: Clone> std::ops::DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.0.to_mut()
    }
}

impl<'a, T: Clone> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Comparable with arrays, slices and vectors of anything its items compare with (`["a", "b"]`).
impl<T: Clone + PartialEq<U>, U, const N: usize> PartialEq<[U; N]> for List<T> {
    fn eq(&self, other: &[U; N]) -> bool {
        self.0.len() == N && self.0.iter().zip(other).all(|(a, b)| a == b)
    }
}

impl<T: Clone + PartialEq<U>, U> PartialEq<&[U]> for List<T> {
    fn eq(&self, other: &&[U]) -> bool {
        self.0.len() == other.len() && self.0.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl<T: Clone + PartialEq<U>, U> PartialEq<Vec<U>> for List<T> {
    fn eq(&self, other: &Vec<U>) -> bool {
        self == &other.as_slice()
    }
}

impl<T: Clone> Default for List<T> {
    fn default() -> Self {
        List(Cow::Borrowed(&[]))
    }
}

impl<T: Clone> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List(Cow::Owned(items))
    }
}

impl<T: Clone> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        List(Cow::Owned(items.into_iter().collect()))
    }
}

/// The whole catalogue. Section fields are in the seed's order so a browser can render them top to bottom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "Strata catalogue"))]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The version of the built-in knowledge (bumped when it changes; exports record it).
    pub version: u32,
    /// The catalogue's name (`Strata` for the built-in one; an organisation's name is in `organisation`).
    #[serde(default)]
    pub name: Text,
    /// When its content was last reviewed against the seed and the products it names (YYYY-MM-DD).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"))
    )]
    pub reviewed: Text,
    /// Who adapted it, when an organisation's overlay was applied (see `catalog::overlay` and docs/CATALOG.md).
    #[serde(default)]
    pub organisation: Option<Organisation>,
    /// Shown when nothing is ticked.
    pub neutral_hint: Text,
    /// Requirement groups in display order (needs, data and team, use cases, topology and durability, system, change).
    pub groups: List<RequirementGroup>,
    pub presets: List<Preset>,
    /// The decision matrix: one row per storage kind.
    pub stores: List<StoreKind>,
    pub relational_vs_document: Comparison,
    /// Strong and eventual.
    pub consistency_models: List<ConsistencyModel>,
    /// ONE, QUORUM, ALL, LOCAL_QUORUM.
    pub consistency_levels: List<ConsistencyLevel>,
    /// Single source of truth, database per service, shared database, CQRS + event sourcing.
    pub patterns: List<Pattern>,
    pub primary_replica: Topic,
    /// Async, semi-sync, sync (all primary-replica).
    pub replication_modes: List<ReplicationMode>,
    pub multi_primary: MultiPrimary,
    /// Expand and contract, parallel run.
    pub migrations: List<Migration>,
    pub checklist: List<ChecklistEntry>,
    pub scoring: Scoring,
    pub rules: List<Rule>,
    pub conflicts: List<Conflict>,
    /// The seed's trade-offs (of stores, the relational-vs-document contrasts, models, levels, replication,
    /// patterns and conflicts) said for people: what each gains and what it costs, as full sentences.
    #[serde(default)]
    pub trade_off_sentences: List<TradeOffSentences>,
    /// Jargon the cards use, each with a short explanation shown on its first use in a card.
    #[serde(default)]
    pub glossary: List<Term>,
    /// The engine's lookup tables, built from the fields above (at build time for the built-in catalogue).
    #[serde(skip)]
    pub(crate) index: super::index::IndexCell,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RequirementGroup {
    pub id: Text,
    pub title: Text,
    pub requirements: List<Requirement>,
}

/// One tickable requirement. Ids are public (they appear in links) and never renamed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: Text,
    pub label: Text,
    /// One line explaining what ticking it means.
    pub help: Text,
}

/// A realistic starting point: a named set of requirement ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub id: Text,
    pub title: Text,
    pub description: Text,
    pub requirements: List<Text>,
}

/// A row of the decision matrix: need → storage kind → example systems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreKind {
    pub id: Text,
    /// The kind, as the matrix's "Consider" column names it.
    pub title: Text,
    /// The matrix's "Need" column.
    pub need: Text,
    /// The example systems, in the seed's order (an organisation's overlay may add, remove or rename them).
    pub examples: List<Text>,
    /// What is known of each example beyond its name (managed services, status, notes, links), by name.
    /// An example without an entry has nothing more to say.
    #[serde(default)]
    pub systems: List<System>,
    pub summary: Text,
    #[serde(default)]
    pub trade_offs: List<Text>,
    /// What a small team can use first instead of running this store, per primary store kind (`store` names
    /// the primary: with PostgreSQL full-text search comes first, with MongoDB its text indexes). None: nothing
    /// lighter, as for a managed object store.
    #[serde(default)]
    pub lighter: List<Implementation>,
    /// What this store's data may lag or lose when it sits alongside the primary store (shown on its card).
    #[serde(default)]
    pub alongside: Text,
    /// What "no data loss" takes in this store's own settings (empty: nothing beyond the replication card).
    #[serde(default)]
    pub durable: Text,
}

/// Relational vs document: the contrast table and both "choose when" lists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    pub id: Text,
    pub title: Text,
    pub summary: Text,
    pub relational_title: Text,
    pub document_title: Text,
    pub contrasts: List<Contrast>,
    pub choose_relational: List<Text>,
    pub choose_document: List<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contrast {
    pub relational: Text,
    pub document: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsistencyModel {
    pub id: Text,
    pub title: Text,
    /// What it means, in one line.
    pub summary: Text,
    pub characteristics: List<Text>,
    pub use_when: List<Text>,
}

/// A Cassandra-style consistency level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsistencyLevel {
    pub id: Text,
    /// The level's name as written in the seed (`ONE`, `LOCAL_QUORUM`).
    pub title: Text,
    pub meaning: Text,
    pub use_case: Text,
    pub summary: Text,
    #[serde(default)]
    pub trade_offs: List<Text>,
    /// The same setting in a store's own terms (a relational primary has no Cassandra levels).
    #[serde(default)]
    pub equivalents: List<Implementation>,
}

/// How one kind of store does something, in its own terms: `store` is a store kind id (`relational`, `document`).
/// `model` (a consistency model id) and `replication` (a replication id), when given, narrow it to designs with
/// that model or replication; the most specific entry that fits is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Implementation {
    pub store: Text,
    #[serde(default)]
    pub model: Text,
    #[serde(default)]
    pub replication: Text,
    pub text: Text,
}

/// A data pattern. Only the lists the seed gives for that pattern are non-empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    pub id: Text,
    pub title: Text,
    pub summary: Text,
    #[serde(default)]
    pub rules: List<Text>,
    #[serde(default)]
    pub benefits: List<Text>,
    #[serde(default)]
    pub challenges: List<Text>,
    #[serde(default)]
    pub problems: List<Text>,
    #[serde(default)]
    pub when_ok: List<Text>,
    #[serde(default)]
    pub complexity: List<Text>,
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
    pub fn trade_offs(&self) -> impl Iterator<Item = &Text> {
        self.challenges
            .iter()
            .chain(&self.problems)
            .chain(&self.complexity)
    }
}

/// A plain titled entry (e.g. primary-replica as a whole).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: Text,
    pub title: Text,
    pub summary: Text,
}

/// A primary-replica replication mode: a row of the seed's modes table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReplicationMode {
    pub id: Text,
    /// The seed's short name (`Async`, `Semi-sync`, `Sync`).
    pub title: Text,
    pub description: Text,
    pub trade_off: Text,
    pub summary: Text,
    /// Systems that replicate this way, per primary store kind.
    #[serde(default)]
    pub implementations: List<Implementation>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MultiPrimary {
    pub id: Text,
    pub title: Text,
    pub summary: Text,
    pub challenges: List<Text>,
    pub use_when: List<Text>,
    /// Systems that offer multi-primary writes, per primary store kind (said plainly where it takes an extension).
    #[serde(default)]
    pub implementations: List<Implementation>,
}

/// A migration strategy with its ordered phases or steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Migration {
    pub id: Text,
    pub title: Text,
    pub summary: Text,
    pub steps: List<Text>,
}

/// A checklist question. `answered_by` names the sections whose outcome answers it:
/// `primary-store`, `store`, `consistency`, `consistency-level`, `replication`, or `pattern:<id>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChecklistEntry {
    pub id: Text,
    /// `service` or `system`.
    pub scope: Text,
    pub question: Text,
    #[serde(default)]
    pub answered_by: List<Text>,
}

/// Knobs of the scoring: which stores compete for primary, tie-break defaults, presence threshold, and the
/// use cases that always get strong consistency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Store ids that compete for the primary-store card (first listed wins nothing by itself: see defaults).
    pub primary_store: List<Text>,
    /// The option chosen on a tie (and when nothing is ticked), per choice section.
    pub defaults: Defaults,
    /// Score at or above which a store or migration card appears.
    pub present_at: i32,
    /// Requirements that always get strong consistency, whatever else is ticked (the seed's "use strong
    /// consistency when" cases): other ticks pulling towards eventual raise a conflict instead of outvoting them.
    pub strong_anchors: List<Text>,
    /// A choice whose runner-up scores within this margin is shown as a close call.
    pub close_call_margin: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Defaults {
    pub primary_store: Text,
    pub consistency: Text,
    pub consistency_level: Text,
    pub replication: Text,
}

/// "Ticking `requirement` pushes `option` of `section` by `weight`, because `why`."
/// Unique per (requirement, section, option). Negative weights push against. A rule with `only_with` counts
/// only when one of those is ticked too; one with `unless` does not count when any of those is ticked.
/// Sections: `primary-store`, `store`, `consistency`, `replication`, `pattern`, `migration`. The consistency
/// level has no rules: it follows from the consistency model and the replication (see docs/ADVICE.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub requirement: Text,
    pub section: Text,
    pub option: Text,
    #[cfg_attr(
        feature = "schema",
        schemars(range(min = super::validate::WEIGHT_BOUNDS.0, max = super::validate::WEIGHT_BOUNDS.1))
    )]
    pub weight: i32,
    pub why: Text,
    #[serde(default)]
    pub only_with: List<Text>,
    #[serde(default)]
    pub unless: List<Text>,
}

/// Needs that pull against each other, judged on what the engine chose. Shown when every one of `requires` is
/// ticked, at least one of `any_of` (if given) is, none of `unless` is, every one of `when` holds for the
/// outcome, and the design has at least `min_stores` stores. `resolution` is the way out; `subject` (if any)
/// names the choice the card warns against, which the engine never recommends at the same time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub id: Text,
    pub title: Text,
    pub summary: Text,
    #[serde(default)]
    pub requires: List<Text>,
    #[serde(default)]
    pub any_of: List<Text>,
    #[serde(default)]
    pub unless: List<Text>,
    #[serde(default)]
    pub when: List<OptionRef>,
    #[serde(default)]
    pub min_stores: u32,
    pub trade_offs: List<Text>,
    pub resolution: Text,
    #[serde(default)]
    pub subject: Option<OptionRef>,
}

/// An option of a section, as an outcome: the chosen option of a single-choice section (`primary-store`,
/// `consistency`, `consistency-level`, `replication`), a present store or migration, or a pattern whose
/// verdict is `recommended` — or, with `advised`, a pattern that the ticks made recommended or acceptable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OptionRef {
    pub section: Text,
    pub option: Text,
    #[serde(default)]
    pub advised: bool,
}

/// An organisation's adaptation of the catalogue: who made it and when, with notes and links for everyone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// The name shown for the catalogue (`Acme` gives "Catalogue: Acme 2026-11").
    pub name: Text,
    /// The organisation's own version of its catalogue (`2026-11`, `3`); may be empty.
    #[serde(default)]
    pub version: Text,
    /// When the organisation last reviewed it (YYYY-MM-DD).
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
    )]
    pub reviewed: Text,
    #[serde(default)]
    pub notes: List<Text>,
    /// Links to internal documents (http or https only).
    #[serde(default)]
    pub links: List<Link>,
}

/// One example system of a store kind, beyond its name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct System {
    /// The name as it appears in the store kind's `examples`.
    pub name: Text,
    /// An organisation's verdict on it; none in the built-in catalogue.
    #[serde(default)]
    pub status: Option<Status>,
    /// Managed services that run it (or speak its API, as their names say), per cloud.
    #[serde(default)]
    pub managed: Managed,
    #[serde(default)]
    pub notes: List<Text>,
    /// Links to internal documents (http or https only).
    #[serde(default)]
    pub links: List<Link>,
}

/// An organisation's verdict on a system, as on a technology radar. Cards list systems in this order (adopt
/// first, then trial, then systems without a status, and hold last), so a system on hold is never the first
/// example while another one is not on hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The organisation's choice for new work.
    Adopt,
    /// Allowed for new work, with care: the organisation is still trying it out.
    Trial,
    /// Not for new work.
    Hold,
}

impl Status {
    /// The public value (`adopt`, `trial`, `hold`), also the card's badge class.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Adopt => "adopt",
            Status::Trial => "trial",
            Status::Hold => "hold",
        }
    }

    /// The badge text on a card.
    pub fn label(self) -> &'static str {
        match self {
            Status::Adopt => "Adopt",
            Status::Trial => "Trial",
            Status::Hold => "Hold",
        }
    }
}

/// Managed services per cloud. `None`: not stated; an empty list: that cloud has none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Managed {
    /// Amazon Web Services.
    #[serde(default)]
    pub aws: Option<List<Text>>,
    /// Microsoft Azure.
    #[serde(default)]
    pub azure: Option<List<Text>>,
    /// Google Cloud.
    #[serde(default)]
    pub gcp: Option<List<Text>>,
}

impl Managed {
    /// Nothing stated for any cloud.
    pub const NONE: Managed = Managed {
        aws: None,
        azure: None,
        gcp: None,
    };

    /// Every cloud as (key, display name, services), in a fixed order.
    pub fn clouds(&self) -> [(&'static str, &'static str, Option<&[Text]>); 3] {
        [
            ("aws", "AWS", self.aws.as_deref()),
            ("azure", "Azure", self.azure.as_deref()),
            ("gcp", "Google Cloud", self.gcp.as_deref()),
        ]
    }

    /// Whether nothing is stated for any cloud.
    pub fn is_unstated(&self) -> bool {
        self.aws.is_none() && self.azure.is_none() && self.gcp.is_none()
    }
}

/// A link to a document, shown with its title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: Text,
    /// An http or https address.
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*$"))
    )]
    pub url: Text,
}

/// One seed trade-off (`seed`, as the catalogue writes it) as sentences: what it gains, what it costs; a
/// trade-off such as "Fast but data can be lost" has both. A conflict's "Async: fast but data can be lost"
/// finds the entry of "Fast but data can be lost".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TradeOffSentences {
    pub seed: Text,
    #[serde(default)]
    pub gain: Text,
    #[serde(default)]
    pub cost: Text,
}

/// A term of jargon (`ACID`, `quorum`) and what it means, in a sentence. Matched in card text as a whole word,
/// ignoring ASCII case, plural `s` included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: Text,
    pub definition: Text,
}
