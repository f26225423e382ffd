//! Diagrams drawn from the user's own choices (issue 5): pure layout geometry, an accessible SVG
//! writer (inline for the CSP-strict page, or standalone) and Mermaid source.
//!
//! `layout` turns a [`DiagramId`] and a [`DiagramInput`] into a [`Diagram`] whose text is already
//! cleaned, wrapped, shrunk or truncated to fit its boxes; `render_svg` and `to_mermaid` only write.

mod canvas;
mod layouts;
mod mermaid;
mod paint;
mod svg;
mod text;

use crate::engine::Verdict;
use crate::system::FlowKind;

pub use canvas::{BOX_PAD_X, BOX_PAD_Y, LABEL_PAD_X};
pub use mermaid::to_mermaid;
pub use paint::{box_paint, label_paint, Ink, Paint, Scheme};
pub use svg::{escape_xml, render_svg, sanitize_id_prefix, SvgMode};
pub use text::{clean, text_width, LINE_HEIGHT, MIN_FONT};

/// The page's CSS for the diagram classes (`styles/diagrams.css`; the standalone SVG carries literal colours
/// instead, see [`Ink`]).
pub const CSS: &str = include_str!("../../../styles/diagrams.css");

/// The ten diagrams of the seed, and the system diagram drawn from the user's ownership model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiagramId {
    StrongConsistency,
    EventualConsistency,
    SingleSourceOfTruth,
    DatabasePerService,
    SharedDatabase,
    PrimaryReplica,
    MultiPrimary,
    CqrsEventSourcing,
    ExpandContract,
    ParallelRun,
    /// The user's services with their stores and owned entities, and the data flowing between them.
    System,
}

impl DiagramId {
    /// Every diagram, in a fixed order (the boundary sends the index: append only).
    pub const ALL: [DiagramId; 11] = [
        DiagramId::StrongConsistency,
        DiagramId::EventualConsistency,
        DiagramId::SingleSourceOfTruth,
        DiagramId::DatabasePerService,
        DiagramId::SharedDatabase,
        DiagramId::PrimaryReplica,
        DiagramId::MultiPrimary,
        DiagramId::CqrsEventSourcing,
        DiagramId::ExpandContract,
        DiagramId::ParallelRun,
        DiagramId::System,
    ];

    /// The seed's own diagrams, each explaining a choice and drawn in the catalogue; the system diagram is
    /// not one of them (it draws the user's model and has no catalogue entry).
    pub const SEED: [DiagramId; 10] = [
        DiagramId::StrongConsistency,
        DiagramId::EventualConsistency,
        DiagramId::SingleSourceOfTruth,
        DiagramId::DatabasePerService,
        DiagramId::SharedDatabase,
        DiagramId::PrimaryReplica,
        DiagramId::MultiPrimary,
        DiagramId::CqrsEventSourcing,
        DiagramId::ExpandContract,
        DiagramId::ParallelRun,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DiagramId::StrongConsistency => "strong-consistency",
            DiagramId::EventualConsistency => "eventual-consistency",
            DiagramId::SingleSourceOfTruth => "single-source-of-truth",
            DiagramId::DatabasePerService => "database-per-service",
            DiagramId::SharedDatabase => "shared-database",
            DiagramId::PrimaryReplica => "primary-replica",
            DiagramId::MultiPrimary => "multi-primary",
            DiagramId::CqrsEventSourcing => "cqrs-event-sourcing",
            DiagramId::ExpandContract => "expand-contract",
            DiagramId::ParallelRun => "parallel-run",
            DiagramId::System => "system",
        }
    }

    /// The inverse of [`DiagramId::as_str`].
    pub fn parse(s: &str) -> Option<DiagramId> {
        DiagramId::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// Maps an engine choice id to the diagram that explains it.
pub fn diagram_for_choice(choice_id: &str) -> Option<DiagramId> {
    match choice_id {
        "strong" => Some(DiagramId::StrongConsistency),
        "eventual" => Some(DiagramId::EventualConsistency),
        "primary-replica-async" | "primary-replica-semi-sync" | "primary-replica-sync" => {
            Some(DiagramId::PrimaryReplica)
        }
        _ => DiagramId::parse(choice_id).filter(|d| {
            !matches!(
                d,
                DiagramId::StrongConsistency
                    | DiagramId::EventualConsistency
                    | DiagramId::PrimaryReplica
                    | DiagramId::System
            )
        }),
    }
}

/// Replication mode shown on primary-replica arrows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ReplicationLabel {
    #[default]
    Async,
    SemiSync,
    Sync,
}

impl ReplicationLabel {
    pub fn label(self) -> &'static str {
        match self {
            ReplicationLabel::Async => "async",
            ReplicationLabel::SemiSync => "semi-sync",
            ReplicationLabel::Sync => "sync",
        }
    }

    /// From an engine choice id such as `primary-replica-semi-sync`.
    pub fn from_choice(choice_id: &str) -> Option<ReplicationLabel> {
        match choice_id.strip_prefix("primary-replica-")? {
            "async" => Some(ReplicationLabel::Async),
            "semi-sync" => Some(ReplicationLabel::SemiSync),
            "sync" => Some(ReplicationLabel::Sync),
            _ => None,
        }
    }
}

/// The consistency model the primary-replica diagram draws reads for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ConsistencyLabel {
    /// Reads that must see the latest write go to the primary; the replicas serve reads that may lag, and
    /// take over if the primary fails (docs/ADVICE.md, step 4: "reads see the latest write: at the primary").
    Strong,
    /// Reads go to the replicas and may lag. The seed's own drawing ("Reads can go here").
    #[default]
    Eventual,
}

impl ConsistencyLabel {
    pub fn label(self) -> &'static str {
        match self {
            ConsistencyLabel::Strong => "strong",
            ConsistencyLabel::Eventual => "eventual",
        }
    }

    /// From an engine choice id (`strong`, `eventual`).
    pub fn from_choice(choice_id: &str) -> Option<ConsistencyLabel> {
        match choice_id {
            "strong" => Some(ConsistencyLabel::Strong),
            "eventual" => Some(ConsistencyLabel::Eventual),
            _ => None,
        }
    }
}

/// What the diagrams are drawn from: the user's own names and choices. Every name is user-typed;
/// `layout` cleans, clamps and fits them (empty names fall back to the seed's).
#[derive(Clone, Debug, PartialEq)]
pub struct DiagramInput {
    pub store_name: String,
    pub replication: ReplicationLabel,
    /// Where the primary-replica diagram sends reads: strong sends those that must be current to the
    /// primary; eventual (the seed's drawing) sends them to the replicas.
    pub consistency: ConsistencyLabel,
    /// Clamped to 1–5.
    pub replicas: usize,
    /// 1–8 services (extra ones are dropped; none means the seed's three).
    pub services: Vec<String>,
    pub owner_service: String,
    /// 2–5 regions for multi-primary (padded or cut).
    pub regions: Vec<String>,
    pub shared_database_verdict: Verdict,
    pub table: String,
    pub old_column: String,
    pub new_column: String,
    pub old_store: String,
    pub new_store: String,
    /// 1–8 event names for the event store.
    pub event_names: Vec<String>,
    /// The recommended store of each service, parallel to `services` ("PostgreSQL (relational)"); missing
    /// or empty: not decided yet.
    pub stores: Vec<String>,
    /// The entities each service owns, parallel to `services` (the database-per-service, single-source-of-truth
    /// and system diagrams list them).
    pub owns: Vec<Vec<String>>,
    /// Entities going from their owner to a service that reads them (indices into `services`): the system
    /// diagram's arrows.
    pub flows: Vec<DataFlow>,
}

/// An entity going from the service that owns it to one that reads it (indices into `DiagramInput::services`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataFlow {
    pub owner: usize,
    pub consumer: usize,
    pub entity: String,
    pub kind: FlowKind,
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl Default for DiagramInput {
    fn default() -> Self {
        DiagramInput {
            store_name: "PostgreSQL".into(),
            replication: ReplicationLabel::Async,
            consistency: ConsistencyLabel::Eventual,
            replicas: 2,
            services: strings(&["User Service", "Order Service", "Product Service"]),
            owner_service: "User Service".into(),
            regions: strings(&["Region 1", "Region 2"]),
            shared_database_verdict: Verdict::Avoid,
            table: "users".into(),
            old_column: "name".into(),
            new_column: "full_name".into(),
            old_store: "Old DB".into(),
            new_store: "New DB".into(),
            event_names: strings(&["Created", "Updated", "Shipped"]),
            stores: Vec::new(),
            owns: Vec::new(),
            flows: Vec::new(),
        }
    }
}

/// How a box is drawn; `class()` gives its CSS classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoxKind {
    Service,
    Store,
    Actor,
    Cache,
    Warn,
    Table,
    Muted,
}

impl BoxKind {
    pub fn class(self) -> &'static str {
        match self {
            BoxKind::Service => "dg-box dg-service",
            BoxKind::Store => "dg-box dg-store",
            BoxKind::Actor => "dg-box dg-actor",
            BoxKind::Cache => "dg-box dg-cache",
            BoxKind::Warn => "dg-box dg-warn",
            BoxKind::Table => "dg-box dg-table",
            BoxKind::Muted => "dg-box dg-muted",
        }
    }
}

/// How a free-standing or arrow label is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelKind {
    Arrow,
    Note,
    Warn,
    Heading,
}

impl LabelKind {
    pub fn class(self) -> &'static str {
        match self {
            LabelKind::Arrow => "dg-label dg-arrow-label",
            LabelKind::Note => "dg-label dg-note",
            LabelKind::Warn => "dg-label dg-warn",
            LabelKind::Heading => "dg-label dg-heading",
        }
    }
}

/// A box with already-fitted text lines (each fits `w` minus padding at `font_size`).
#[derive(Clone, Debug, PartialEq)]
pub struct BoxShape {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub lines: Vec<String>,
    /// The text before fitting, one entry per paragraph (Mermaid, which wraps by itself, gets these).
    pub paragraphs: Vec<String>,
    pub font_size: f32,
    pub kind: BoxKind,
}

/// Text in its own rectangle: arrow labels, notes, phase headings.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub lines: Vec<String>,
    /// The text before fitting.
    pub text: String,
    pub font_size: f32,
    pub kind: LabelKind,
    /// Boxes this label heads (a group, e.g. a migration phase); empty for notes.
    pub members: Vec<usize>,
}

/// An arrow from box `from` to box `to` along `points` (head at the last point).
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub from: usize,
    pub to: usize,
    pub points: Vec<(f32, f32)>,
    pub label: Option<Label>,
    pub dashed: bool,
    pub bidirectional: bool,
}

/// A service's lane: a thin vertical line down from its box (`of`), where the arrows of the system diagram
/// start and end (an arrow's `from` and `to` are the boxes whose lanes it joins).
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub of: usize,
    pub x: f32,
    pub top: f32,
    pub bottom: f32,
}

/// A laid-out diagram; all coordinates lie inside `0..width` × `0..height`.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    pub id: DiagramId,
    pub title: String,
    pub desc: String,
    /// Ordered sentences describing the same flow (screen readers and the visible text version).
    pub text_alternative: Vec<String>,
    pub width: f32,
    pub height: f32,
    pub boxes: Vec<BoxShape>,
    pub arrows: Vec<Arrow>,
    pub labels: Vec<Label>,
    /// Lanes under boxes (the system diagram); empty elsewhere.
    pub lanes: Vec<Lane>,
}

impl Diagram {
    /// Every label: free labels, then arrow labels.
    pub fn all_labels(&self) -> impl Iterator<Item = &Label> {
        self.labels
            .iter()
            .chain(self.arrows.iter().filter_map(|a| a.label.as_ref()))
    }

    /// Whether the diagram carries the anti-pattern mark.
    pub fn is_anti_pattern(&self) -> bool {
        self.boxes.iter().any(|b| b.kind == BoxKind::Warn)
    }
}

/// Lays out one diagram from the user's input.
pub fn layout(id: DiagramId, input: &DiagramInput) -> Diagram {
    layouts::layout(id, input)
}
