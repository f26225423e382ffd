//! The recommendation engine: ticked requirements in, explained verdicts out.
//!
//! Pure Rust: depends on `catalog` and `std` only, never on the browser, so it is tested natively.
//! `recommend` is deterministic and total: any set of strings (known ids or not) gives a full answer.

mod recommend;

pub use recommend::recommend;

use serde::Serialize;

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
        let mut ids: Vec<String> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        Requirements(ids)
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

/// A ticked requirement that pushed a verdict, in the catalogue's words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Always a ticked requirement id.
    pub requirement: String,
    /// The requirement's label, for display.
    pub label: String,
    /// Why this requirement pushes this way (from the catalogue's rule).
    pub why: String,
    /// How strongly (the rule's weight, always positive here; direction is given by the list it is in).
    pub weight: u32,
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
pub struct Change {
    pub requirement: String,
    pub label: String,
    pub toggle: Toggle,
    /// The choice id the card would show instead (same section), or for patterns/stores/migrations/conflicts
    /// the verdict it would get (`recommended`, `acceptable`, `avoid`, or `absent` when the card would go).
    pub becomes: String,
    /// Display name of `becomes`.
    pub becomes_title: String,
}

/// One explained verdict: what is advised, why, at what cost, and what would change it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card {
    pub section: Section,
    /// The public choice id (`relational`, `strong`, `quorum`, `multi-primary`, `cqrs-event-sourcing`, …).
    pub choice: String,
    /// Display name from the catalogue.
    pub title: String,
    pub verdict: Verdict,
    /// One or two sentences in the product's words.
    pub summary: String,
    /// Ticked requirements that pushed for this verdict.
    pub reasons_for: Vec<Reason>,
    /// Ticked requirements that pushed against it.
    pub reasons_against: Vec<Reason>,
    /// The trade-offs the seed names for this choice.
    pub trade_offs: Vec<String>,
    /// Ticks or unticks that would flip this card.
    pub would_change: Vec<Change>,
    /// Example systems (stores only; empty elsewhere).
    pub examples: Vec<String>,
    /// Ordered phases or steps (migrations; empty elsewhere).
    pub steps: Vec<String>,
    /// Anchor id of the catalogue entry that explains this choice (e.g. `cat-relational`).
    pub catalog_ref: String,
}

/// An answered (or still open) item of the seed's checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// Stable id from the catalogue (e.g. `svc-storage`, `sys-replication`).
    pub id: String,
    /// `service` or `system`.
    pub scope: String,
    pub question: String,
    /// What the decision already answers, if anything.
    pub answer: Option<String>,
}

/// The engine's whole answer for one service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// True when no known requirement is ticked; `hint` then says what to tick.
    pub neutral: bool,
    pub hint: Option<String>,
    pub primary_store: Card,
    pub stores: Vec<Card>,
    pub consistency: Card,
    pub consistency_level: Card,
    pub replication: Card,
    /// All four patterns, each with its verdict.
    pub patterns: Vec<Card>,
    pub migrations: Vec<Card>,
    /// Requirements that pull against each other; verdict `avoid`.
    pub conflicts: Vec<Card>,
    pub checklist: Vec<ChecklistItem>,
}

impl Recommendation {
    /// Every card in display order, for rendering and exports.
    pub fn cards(&self) -> impl Iterator<Item = &Card> {
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

impl Recommendation {
    /// The card of `section` whose choice is `choice`, if shown.
    pub fn find(&self, section: Section, choice: &str) -> Option<&Card> {
        self.cards()
            .find(|c| c.section == section && c.choice == choice)
    }

    /// The pattern card with this id (always present for every catalogue pattern).
    pub fn pattern(&self, id: &str) -> Option<&Card> {
        self.patterns.iter().find(|c| c.choice == id)
    }

    /// A checklist item by id.
    pub fn checklist_item(&self, id: &str) -> Option<&ChecklistItem> {
        self.checklist.iter().find(|c| c.id == id)
    }
}

impl Card {
    /// The value a `Change::becomes` is compared with: the choice for single-choice sections, the verdict
    /// for patterns, and `present` for stores, migrations and conflicts.
    pub fn outcome(&self) -> &str {
        match self.section {
            Section::PrimaryStore
            | Section::Consistency
            | Section::ConsistencyLevel
            | Section::Replication => &self.choice,
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
