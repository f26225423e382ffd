//! Exports of a decision: an ADR in MADR layout, a versioned JSON record, embed snippets for wikis with what a
//! host must do for them, and the glue that turns a decision into diagram input.
//!
//! Pure: no browser dependency, no clock (the ADR date is a parameter). Everything user-typed (title, service
//! names) and everything from the catalogue is escaped for its target: Markdown text via [`escape_markdown`],
//! HTML attributes via [`escape_html`], JSON via [`crate::json`].

mod adr;
mod embed;
mod escape;
mod hosting;
mod record;

pub use adr::{adr_markdown, adr_markdown_with_date};
pub use embed::{
    confluence_snippet, embed_fragment, iframe_snippet, markdown_link, mediawiki_link,
    EMBED_SANDBOX, EMBED_SANDBOX_FLAGS,
};
pub use escape::{escape_html, escape_markdown};
pub use hosting::{host_requirements, HostSteps};
pub use record::{decision_json, SCHEMA, SCHEMA_VERSION};

use crate::decision::Decision;
use crate::diagrams::{
    clean, diagram_for_choice, ConsistencyLabel, DataFlow, DiagramId, DiagramInput,
    ReplicationLabel,
};
use crate::engine::{Recommendation, Verdict};
use crate::system::{ServiceView, SystemAdvice};

/// A download's file name stem from a decision's title: `strata-orders-service-storage` (letters and digits of
/// any script kept, everything else a separator), `strata-decision` for a title without any.
pub fn file_stem(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "strata-decision".into()
    } else {
        format!("strata-{}", words.join("-"))
    }
}

/// The requirement that asks for more read replicas in the primary-replica diagram.
const MORE_REPLICAS: &str = "read-heavy";

/// The diagram input for a decision's service (by index) and its recommendation: the user's own names where
/// there are some, the seed's examples elsewhere.
///
/// - `store_name` and `new_store`: the primary store's first example system (e.g. PostgreSQL), so the parallel
///   run migrates from the seed's "Old DB" to the recommended store.
/// - `replication`: the replication card's mode (`primary-replica-async|semi-sync|sync`); multi-primary keeps
///   the default.
/// - `consistency`: the consistency card's model, so that with strong consistency the primary-replica diagram
///   sends the reads that must be current to the primary (replicas serve reads that may lag); eventual keeps
///   them on the replicas.
/// - `replicas`: 2, or 3 when the service has `read-heavy` ticked.
/// - `services`, `owns` and `owner_service`: when the decision has several services, their names ("Service 2"
///   when unnamed) and the entities each owns, the first that owns any being the source of truth; else the
///   seed's three services.
/// - `shared_database_verdict`: the verdict of the `shared-database` pattern card.
///
/// The system diagram needs more (each service's store, the flows): [`system_diagram_input`].
pub fn diagram_input(decision: &Decision, service: usize, rec: &Recommendation) -> DiagramInput {
    let mut input = DiagramInput::default();
    if let Some(example) = rec.primary_store.examples.first() {
        input.store_name = example.to_string();
        input.new_store = example.to_string();
    }
    if rec.replication.choice == "multi-primary" {
        input.store_name = multi_primary_system(rec);
    }
    if let Some(mode) = ReplicationLabel::from_choice(rec.replication.choice) {
        input.replication = mode;
    }
    if let Some(model) = ConsistencyLabel::from_choice(rec.consistency.choice) {
        input.consistency = model;
    }
    let ticks = decision.services.get(service).map(|s| &s.requirements);
    if ticks.is_some_and(|t| t.contains(MORE_REPLICAS)) {
        input.replicas = 3;
    }
    if decision.services.len() > 1 {
        use_services(&mut input, decision);
    }
    if let Some(card) = rec.pattern(DiagramId::SharedDatabase.as_str()) {
        input.shared_database_verdict = card.verdict;
    }
    input
}

/// The decision's services, the entities each owns, and the first that owns any as the source of truth.
fn use_services(input: &mut DiagramInput, decision: &Decision) {
    input.services = decision
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| match clean(&s.name) {
            n if n.is_empty() => format!("Service {}", i + 1),
            n => n,
        })
        .collect();
    input.owns = decision.services.iter().map(|s| s.owns.clone()).collect();
    let owner = decision.services.iter().position(|s| !s.owns.is_empty());
    input.owner_service = input.services[owner.unwrap_or(0)].clone();
}

/// The input of the system diagram: [`diagram_input`] of the first service, with every service of the
/// decision (also when there is one), each one's recommended store ("PostgreSQL (relational)"; empty while
/// nothing is ticked; a service keeping only read models, those alone: [`system_store_label`]) and the flows of the system advice. For a decision of several services, the cards may
/// draw from it too: its services are [`diagram_input`]'s, and the source-of-truth diagram then shows the owner
/// with the most readers, and how each reader gets the data.
pub fn system_diagram_input(decision: &Decision, advice: &SystemAdvice) -> DiagramInput {
    let Some(first) = advice.services.first() else {
        return DiagramInput::default();
    };
    let mut input = diagram_input(decision, 0, &first.rec);
    use_services(&mut input, decision);
    if let Some(card) = advice.pattern_card(DiagramId::SharedDatabase.as_str()) {
        input.shared_database_verdict = card.verdict;
    }
    input.stores = advice.services.iter().map(system_store_label).collect();
    input.flows = advice
        .flows
        .iter()
        .map(|f| DataFlow {
            owner: f.owner,
            consumer: f.consumer,
            entity: f.entity.clone(),
            kind: f.kind,
        })
        .collect();
    input
}

/// "PostgreSQL (relational)": the primary store's first example and its kind, then each store alongside by its first
/// example ("PostgreSQL (relational) + Elasticsearch"); empty while nothing is ticked.
pub fn store_label(rec: &Recommendation) -> String {
    if rec.neutral {
        return String::new();
    }
    let mut label = primary_label(rec);
    // A service's other stores are part of what it runs (a search service's index).
    for store in crate::system::alongside(rec) {
        label.push_str(" + ");
        label.push_str(store.examples.first().copied().unwrap_or(store.title));
    }
    label
}

/// "PostgreSQL (relational)": the primary store's first example and its kind.
pub(crate) fn primary_label(rec: &Recommendation) -> String {
    let kind = rec.primary_store.title.to_ascii_lowercase();
    match rec.primary_store.examples.first() {
        Some(example) => format!("{example} ({kind})"),
        None => kind,
    }
}

/// A service's stores as the system sees them: [`store_label`], except for a service that owns no data and keeps
/// only read models (`ServiceView::read_models_only`), which runs those stores only ("Elasticsearch"): the
/// default primary store its own recommendation names holds nothing of its own.
pub fn system_store_label(view: &ServiceView) -> String {
    if view.read_models_only {
        return crate::system::alongside_names(&view.rec).join(" + ");
    }
    store_label(&view.rec)
}

/// The system the multi-primary diagram draws in each region: one that really has several primaries. A
/// relational store needs an extension for it (said in the label); among the document examples, DynamoDB
/// (global tables) has it and MongoDB, with one primary per shard, does not.
fn multi_primary_system(rec: &Recommendation) -> String {
    let examples = &rec.primary_store.examples;
    match rec.primary_store.choice {
        "relational" => format!("{} + extension", examples.first().copied().unwrap_or("SQL")),
        _ => match examples.iter().find(|e| e.starts_with("DynamoDB")) {
            Some(dynamo) => format!("{dynamo} global tables"),
            None => examples.first().copied().unwrap_or("Primary").to_string(),
        },
    }
}

/// The diagrams that illustrate a recommendation, in card order and without duplicates: the consistency
/// model, the replication topology, each recommended pattern (plus the shared database when it is to be
/// avoided: its diagram marks the anti-pattern) and each recommended migration. None when nothing is ticked.
pub fn relevant_diagrams(rec: &Recommendation) -> Vec<DiagramId> {
    if rec.neutral {
        return Vec::new();
    }
    let patterns = rec.patterns.iter().filter(|c| {
        c.verdict == Verdict::Recommended
            || (c.verdict == Verdict::Avoid
                && diagram_for_choice(c.choice) == Some(DiagramId::SharedDatabase))
    });
    let mut out: Vec<DiagramId> = Vec::new();
    let choices = [&rec.consistency, &rec.replication]
        .into_iter()
        .chain(patterns)
        .chain(rec.migrations.iter());
    for id in choices.filter_map(|c| diagram_for_choice(c.choice)) {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// The diagrams of the system as a whole: the system diagram, the patterns judged for the system (database
/// per service when recommended, the shared database when recommended or to be avoided), and the single
/// source of truth when data flows between services.
pub fn system_diagrams(advice: &SystemAdvice) -> Vec<DiagramId> {
    let patterns = advice.patterns.iter().filter(|c| {
        c.verdict == Verdict::Recommended
            || (c.verdict == Verdict::Avoid
                && diagram_for_choice(c.choice) == Some(DiagramId::SharedDatabase))
    });
    let mut out = vec![DiagramId::System];
    out.extend(patterns.filter_map(|c| diagram_for_choice(c.choice)));
    if !advice.flows.is_empty() {
        out.push(DiagramId::SingleSourceOfTruth);
    }
    out.dedup();
    out
}
