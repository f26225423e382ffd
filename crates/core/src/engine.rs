//! The recommendation engine: ticked requirements in, one coherent, explained design out.
//!
//! `decide` reasons in the order an architect does (primary store, consistency model, replication, the level
//! that follows from both, stores alongside, patterns, migrations, then the conflicts judged on what was
//! chosen); `explain` turns that design into cards with their reasons, trade-offs, notes, close calls and what
//! would change them. docs/ADVICE.md gives the reasoning and the seed line behind each rule.
//!
//! Pure Rust: depends on `catalog` and `std` only, never on the browser, so it is tested natively.
//! `recommend` is deterministic and total: any set of strings (known ids or not) gives a full answer.

mod decide;
mod explain;

pub use explain::recommend;

use crate::catalog::{Link, Managed, Status};
use serde::Serialize;
use std::borrow::Cow;

/// The ticked requirement ids of one service, sorted and without duplicates. Unknown ids are ignored by the
/// engine. A sorted `Vec` rather than a `BTreeSet`: as fast for a few dozen ids, and the B-tree's code would cost
/// the first load about 4 KB gzip.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Requirements(Vec<String>);

impl Requirements {
    pub const fn new() -> Self {
        Requirements(Vec::new())
    }

    fn position(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|x| x.as_str().cmp(id))
    }

    pub fn contains(&self, id: &str) -> bool {
        self.position(id).is_ok()
    }

    /// Ticks `id`; false if it was ticked already.
    pub fn insert(&mut self, id: String) -> bool {
        match self.position(&id) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, id);
                true
            }
        }
    }

    /// Unticks `id`; false if it was not ticked.
    pub fn remove(&mut self, id: &str) -> bool {
        match self.position(id) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    /// The ids in sorted order.
    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl FromIterator<String> for Requirements {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Self {
        // One at a time into place rather than a sort: a few dozen ids, and this sort with the one in
        // `explain` cost the bundle 2.8 KB gzip.
        let mut reqs = Requirements::new();
        for id in ids {
            reqs.insert(id);
        }
        reqs
    }
}

/// From catalogue text (a preset's requirements).
impl<'a> FromIterator<Cow<'a, str>> for Requirements {
    fn from_iter<I: IntoIterator<Item = Cow<'a, str>>>(ids: I) -> Self {
        ids.into_iter().map(Cow::into_owned).collect()
    }
}

impl<const N: usize> From<[String; N]> for Requirements {
    fn from(ids: [String; N]) -> Self {
        ids.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a Requirements {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Requirements {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The sections of a recommendation; `as_str` is the public `data-rec` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    PrimaryStore,
    Store,
    Consistency,
    ConsistencyLevel,
    Replication,
    Pattern,
    Migration,
    Conflict,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::PrimaryStore,
        Section::Store,
        Section::Consistency,
        Section::ConsistencyLevel,
        Section::Replication,
        Section::Pattern,
        Section::Migration,
        Section::Conflict,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::PrimaryStore => "primary-store",
            Section::Store => "store",
            Section::Consistency => "consistency",
            Section::ConsistencyLevel => "consistency-level",
            Section::Replication => "replication",
            Section::Pattern => "pattern",
            Section::Migration => "migration",
            Section::Conflict => "conflict",
        }
    }
}

/// The public `data-verdict` value of a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Recommended,
    Acceptable,
    Avoid,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Recommended => "recommended",
            Verdict::Acceptable => "acceptable",
            Verdict::Avoid => "avoid",
        }
    }
}

/// A ticked requirement that pushed a verdict, in the catalogue's words. Text borrows from the catalogue
/// (`'a`), so a recommendation costs few allocations; only sentences the reasoning writes are owned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason<'a> {
    /// Always a ticked requirement id.
    pub requirement: &'a str,
    /// The requirement's label, for display.
    pub label: &'a str,
    /// Why this requirement pushes this way (the catalogue's rule, or a sentence of the reasoning).
    pub why: Cow<'a, str>,
    /// How strongly (the rule's weight, always positive here; direction is given by the list it is in).
    pub weight: u32,
    /// Display name of the option this tick pushes up, when its rule pushes one (a rival, for a pull the other
    /// way); empty when it only pushes this card's option down, or when the reasoning wrote the sentence.
    pub favours: &'a str,
}

/// Whether applying a change means ticking or unticking a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Toggle {
    Tick,
    Untick,
}

/// A single tick or untick that would flip a verdict, and what it would flip to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change<'a> {
    pub requirement: &'a str,
    pub label: &'a str,
    pub toggle: Toggle,
    /// The choice id the card would show instead (same section), or for patterns/stores/migrations/conflicts
    /// the verdict it would get (`recommended`, `acceptable`, `avoid`, or `absent` when the card would go).
    pub becomes: &'a str,
    /// Display name of `becomes`.
    pub becomes_title: &'a str,
}

/// One explained verdict: what is advised, why, at what cost, and what would change it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card<'a> {
    pub section: Section,
    /// The public choice id (`relational`, `strong`, `quorum`, `multi-primary`, `cqrs-event-sourcing`, …).
    pub choice: &'a str,
    /// Display name from the catalogue.
    pub title: &'a str,
    pub verdict: Verdict,
    /// One or two sentences in the product's words.
    pub summary: &'a str,
    /// Ticked requirements that pushed for this verdict.
    pub reasons_for: Vec<Reason<'a>>,
    /// Ticked requirements that pushed against it.
    pub reasons_against: Vec<Reason<'a>>,
    /// The trade-offs the seed names for this choice.
    pub trade_offs: Vec<&'a str>,
    /// Ticks or unticks that would flip this card.
    pub would_change: Vec<Change<'a>>,
    /// Example systems (stores), or systems that replicate this way (replication); empty elsewhere. A store
    /// card lists its systems in the order of `systems`.
    pub examples: Vec<&'a str>,
    /// Stores only: the example systems with what the catalogue knows of each, adopt first, then trial, then
    /// those without a status, and hold last (so a system on hold is never first while another is not).
    pub systems: Vec<SystemView<'a>>,
    /// Ordered phases or steps (migrations; empty elsewhere).
    pub steps: Vec<&'a str>,
    /// Anchor id of the catalogue entry that explains this choice (e.g. `cat-relational`).
    pub catalog_ref: String,
    /// Stores only: whether the store is added alongside the primary store or is an alternative to it.
    pub role: Option<StoreRole>,
    /// Set when the runner-up came within the catalogue's close-call margin.
    pub close_call: Option<CloseCall<'a>>,
    /// Consistency level only: the replica arithmetic behind it.
    pub quorum: Option<Quorum>,
    /// What the reasoning adds: the setting in the chosen store's own terms, what a need ruled out, a lighter
    /// way, a caution such as sagas across services.
    pub notes: Vec<Cow<'a, str>>,
    /// Conflicts only: the way out.
    pub resolution: &'a str,
}

/// An example system as a store card shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SystemView<'a> {
    pub name: &'a str,
    /// The organisation's verdict, if its catalogue gives one.
    pub status: Option<Status>,
    /// Managed services per cloud (`Managed::NONE` when the catalogue says nothing).
    pub managed: &'a Managed,
    pub notes: &'a [crate::catalog::Text],
    /// Links to internal documents (http or https, checked when the catalogue was loaded).
    pub links: &'a [Link],
}

/// How an extra store relates to the primary store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StoreRole {
    /// Added next to the primary store for a need it does not serve (polyglot persistence).
    Alongside,
    /// A rival for the primary store's place that lost to it on the other ticks.
    Alternative,
}

impl StoreRole {
    /// The public `data-role` value.
    pub fn as_str(self) -> &'static str {
        match self {
            StoreRole::Alongside => "alongside",
            StoreRole::Alternative => "alternative",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StoreRole::Alongside => "Add alongside",
            StoreRole::Alternative => "Alternative",
        }
    }
}

/// A choice the runner-up nearly won.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CloseCall<'a> {
    /// The runner-up's choice id and display name.
    pub rival: &'a str,
    pub rival_title: &'a str,
    /// How far behind it scored (0: a tie broken by the catalogue's default).
    pub margin: u32,
    /// The single ticks or unticks that would hand the choice to the runner-up.
    pub deciders: Vec<Change<'a>>,
}

/// Replica arithmetic: N copies of each record, a write acknowledged by W of them, a read answered by R.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Quorum {
    /// N: copies of each record in one region (a primary and its replicas, or a quorum store's replicas).
    pub copies: u32,
    /// W: copies that must have a write before it is acknowledged.
    pub write: u32,
    /// R: copies a read asks; `None` when reads go to the primary, which holds every acknowledged write.
    pub read: Option<u32>,
    /// Regions holding `copies` each.
    pub regions: u32,
    /// Whether W and R are counted in the local region only (LOCAL_QUORUM).
    pub local: bool,
}

impl Quorum {
    /// Whether every read sees the latest acknowledged write: reads at the primary, or R + W > N.
    pub fn reads_see_latest(&self) -> bool {
        match self.read {
            None => true,
            Some(r) => r + self.write > self.copies,
        }
    }

    /// Whether that holds across regions too (a local quorum only orders writes within one region).
    pub fn across_regions(&self) -> bool {
        self.reads_see_latest() && (self.regions == 1 || !self.local)
    }

    /// Copies that may be down while writes are still acknowledged.
    pub fn writes_survive(&self) -> u32 {
        self.copies.saturating_sub(self.write)
    }

    /// Copies that may be down while reads are still answered (`None`: reads need the primary).
    pub fn reads_survive(&self) -> Option<u32> {
        self.read.map(|r| self.copies.saturating_sub(r))
    }

    /// Whether an acknowledged write is on a second copy, so it survives losing the copy that took it.
    pub fn survives_primary_loss(&self) -> bool {
        self.write >= 2
    }
}

/// An answered (or still open) item of the seed's checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChecklistItem<'a> {
    /// Stable id from the catalogue (e.g. `svc-storage`, `sys-replication`).
    pub id: &'a str,
    /// `service` or `system`.
    pub scope: &'a str,
    pub question: &'a str,
    /// What the decision already answers, if anything.
    pub answer: Option<String>,
}

/// The engine's whole answer for one service, borrowing its text from the catalogue it was made from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recommendation<'a> {
    /// True when no known requirement is ticked; `hint` then says what to tick.
    pub neutral: bool,
    pub hint: Option<&'a str>,
    pub primary_store: Card<'a>,
    pub stores: Vec<Card<'a>>,
    pub consistency: Card<'a>,
    pub consistency_level: Card<'a>,
    pub replication: Card<'a>,
    /// All four patterns, each with its verdict (see `Card::is_assessed` for those no tick touched).
    pub patterns: Vec<Card<'a>>,
    pub migrations: Vec<Card<'a>>,
    /// Requirements that pull against each other; verdict `avoid`.
    pub conflicts: Vec<Card<'a>>,
    pub checklist: Vec<ChecklistItem<'a>>,
}

impl<'a> Recommendation<'a> {
    /// Every card in display order, for rendering and exports.
    pub fn cards(&self) -> impl Iterator<Item = &Card<'a>> {
        std::iter::once(&self.primary_store)
            .chain(self.stores.iter())
            .chain([
                &self.consistency,
                &self.consistency_level,
                &self.replication,
            ])
            .chain(self.patterns.iter())
            .chain(self.migrations.iter())
            .chain(self.conflicts.iter())
    }
}

impl<'a> Recommendation<'a> {
    /// The card of `section` whose choice is `choice`, if shown.
    pub fn find(&self, section: Section, choice: &str) -> Option<&Card<'a>> {
        self.cards()
            .find(|c| c.section == section && c.choice == choice)
    }

    /// The pattern card with this id (always present for every catalogue pattern).
    pub fn pattern(&self, id: &str) -> Option<&Card<'a>> {
        self.patterns.iter().find(|c| c.choice == id)
    }

    /// A checklist item by id.
    pub fn checklist_item(&self, id: &str) -> Option<&ChecklistItem<'a>> {
        self.checklist.iter().find(|c| c.id == id)
    }
}

impl Card<'_> {
    /// Whether any tick bore on this card. A card no tick touched shows the catalogue's default, not advice.
    pub fn is_assessed(&self) -> bool {
        !(self.reasons_for.is_empty() && self.reasons_against.is_empty() && self.notes.is_empty())
    }

    /// The value a `Change::becomes` is compared with: the choice for single-choice sections, the verdict
    /// for patterns, and `present` for stores, migrations and conflicts.
    pub fn outcome(&self) -> &str {
        match self.section {
            Section::PrimaryStore
            | Section::Consistency
            | Section::ConsistencyLevel
            | Section::Replication => self.choice,
            Section::Pattern => self.verdict.as_str(),
            Section::Store | Section::Migration | Section::Conflict => "present",
        }
    }
}

impl Section {
    /// The heading a card of this section carries.
    pub fn label(self) -> &'static str {
        match self {
            Section::PrimaryStore => "Primary store",
            Section::Store => "Store",
            Section::Consistency => "Consistency model",
            Section::ConsistencyLevel => "Consistency level",
            Section::Replication => "Replication",
            Section::Pattern => "Data pattern",
            Section::Migration => "Migration",
            Section::Conflict => "Conflict",
        }
    }
}

impl Verdict {
    /// The badge text of a card.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Recommended => "Recommended",
            Verdict::Acceptable => "Acceptable",
            Verdict::Avoid => "Avoid",
        }
    }
}

impl Toggle {
    pub fn label(self) -> &'static str {
        match self {
            Toggle::Tick => "Tick",
            Toggle::Untick => "Untick",
        }
    }
}
