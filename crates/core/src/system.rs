//! The system as a whole: several services, who owns which data, and the advice that spans them — the seed's
//! "For the system" checklist (single source of truth per entity, how services get the data they need,
//! cross-service queries, replication, retention).
//!
//! Each service keeps its own full recommendation (`engine::recommend` on its ticks). On top of that,
//! `advise` reads the ownership model (entities each service owns and reads) and the union of the ticks, and
//! explains: database per service or a shared database, entities with two owners or none, how each consumer
//! gets its data (events from the owner, through an outbox where the owner's write and its event must agree, or
//! queries to the owner), cross-service queries (API composition, or a CQRS read model when reads span many
//! owners), sagas where ACID data crosses services, and the replication and retention summary.
//! Pure: no browser dependency. docs/ADVICE.md ("The system") gives the reasoning and its seed lines.

use crate::catalog::Catalog;
use crate::decision::{same_entity, Decision, Service};
use crate::engine::{recommend, Card, Recommendation, Requirements, Verdict};

/// A service reading from this many owners or more gets a read model rather than API composition.
pub const READ_MODEL_OWNERS: usize = 3;

/// One service's own answer, with the name and one-line headline the service switcher shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceView<'a> {
    /// "Orders", or "Service 2" when unnamed.
    pub name: String,
    /// "relational, strong, semi-sync": primary store, consistency model, replication.
    pub headline: String,
    pub rec: Recommendation<'a>,
}

/// How a consumer gets an entity it does not own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    /// The owner publishes changes; the consumer keeps a copy marked as a cache. `outbox`: the owner writes the
    /// entity and its event in one transaction, through an outbox table, so they always agree.
    Event { outbox: bool },
    /// The consumer asks the owner each time, because it needs the latest write.
    Query,
}

impl FlowKind {
    /// Its id in the JSON record: `events`, `events-outbox` or `query`.
    pub fn as_str(self) -> &'static str {
        match self {
            FlowKind::Event { outbox: true } => "events-outbox",
            FlowKind::Event { outbox: false } => "events",
            FlowKind::Query => "query",
        }
    }

    /// The arrow's label in the system diagram.
    pub fn label(self) -> &'static str {
        match self {
            FlowKind::Event { outbox: true } => "events (outbox)",
            FlowKind::Event { outbox: false } => "events",
            FlowKind::Query => "query",
        }
    }
}

/// An entity going from its owner to a consumer (service indices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    pub owner: usize,
    pub consumer: usize,
    pub entity: String,
    pub kind: FlowKind,
}

/// What a system card is about; `as_str` is its public `data-choice` value (with `data-rec="system"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemKind {
    TwoOwners,
    NoOwner,
    DataAccess,
    ApiComposition,
    ReadModel,
    Saga,
    Replication,
    Retention,
}

impl SystemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SystemKind::TwoOwners => "two-owners",
            SystemKind::NoOwner => "no-owner",
            SystemKind::DataAccess => "data-access",
            SystemKind::ApiComposition => "api-composition",
            SystemKind::ReadModel => "cqrs-read-model",
            SystemKind::Saga => "saga",
            SystemKind::Replication => "replication-summary",
            SystemKind::Retention => "retention",
        }
    }

    /// The catalogue entry that explains it.
    fn catalog_ref(self) -> &'static str {
        match self {
            SystemKind::TwoOwners | SystemKind::NoOwner => "cat-single-source-of-truth",
            SystemKind::DataAccess | SystemKind::ApiComposition => "cat-single-source-of-truth",
            SystemKind::ReadModel => "cat-cqrs-event-sourcing",
            SystemKind::Saga => "cat-database-per-service",
            SystemKind::Replication => "cat-primary-replica",
            SystemKind::Retention => "cat-checklist",
        }
    }
}

/// One piece of system advice, explained. Its text names the user's services and entities, so it is owned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemCard {
    pub kind: SystemKind,
    pub verdict: Verdict,
    pub title: String,
    pub summary: String,
    /// Why: sentences naming the services, entities and ticks involved.
    pub because: Vec<String>,
    /// The trade-offs the seed names.
    pub trade_offs: Vec<String>,
    /// For problems: the way out.
    pub resolution: String,
    /// The services involved (indices).
    pub services: Vec<usize>,
    /// Anchor id of the catalogue entry that explains it.
    pub catalog_ref: &'static str,
}

/// A question of the seed's "For the system" checklist, answered where the model answers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemCheck {
    pub id: String,
    pub question: String,
    pub answer: Option<String>,
}

/// The whole system's advice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemAdvice<'a> {
    pub services: Vec<ServiceView<'a>>,
    /// Database per service, shared database, single source of truth and CQRS, judged on the union of the
    /// services' ticks (with several services being microservices).
    pub patterns: Vec<Card<'a>>,
    /// Ownership problems, data access, cross-service queries, sagas, replication and retention.
    pub cards: Vec<SystemCard>,
    /// Every entity named anywhere, with the services that own and read it, in first-mention order.
    pub entities: Vec<EntityOwners>,
    pub flows: Vec<Flow>,
    pub checklist: Vec<SystemCheck>,
}

impl<'a> SystemAdvice<'a> {
    /// Whether there is a system to speak of: several services, or data ownership filled in.
    pub fn is_system(&self) -> bool {
        self.services.len() > 1 || !self.cards.is_empty()
    }

    /// The system's card for a pattern (`database-per-service`, `shared-database`), when judged.
    pub fn pattern_card(&self, choice: &str) -> Option<&Card<'a>> {
        self.patterns.iter().find(|c| c.choice == choice)
    }
}

/// "relational, strong, semi-sync".
pub fn headline(rec: &Recommendation) -> String {
    if rec.neutral {
        return "nothing ticked yet".into();
    }
    let model = rec.consistency.choice;
    format!(
        "{}, {model}, {}",
        rec.primary_store.title.to_ascii_lowercase(),
        rec.replication.title.to_ascii_lowercase()
    )
}

/// The advice for every service and for the system they form.
pub fn advise<'a>(cat: &'a Catalog, decision: &Decision) -> SystemAdvice<'a> {
    let services: Vec<ServiceView<'a>> = decision
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let rec = recommend(cat, &s.requirements);
            ServiceView {
                name: s.display_name(i),
                headline: headline(&rec),
                rec,
            }
        })
        .collect();
    let model = Ownership::of(&decision.services);
    let flows = flows(cat, decision, &model);
    let mut cards = ownership_cards(&services, &model);
    cards.extend(data_access(&services, &flows));
    cards.extend(cross_service_queries(&services, &flows));
    cards.extend(sagas(cat, decision, &services, &model));
    if services.len() > 1 {
        cards.push(replication_summary(&services));
        cards.push(retention(decision, &services));
    }
    let patterns = if services.len() > 1 {
        system_patterns(cat, decision)
    } else {
        Vec::new()
    };
    let checklist = checklist(cat, &services, &model, &flows, &cards);
    SystemAdvice {
        services,
        patterns,
        cards,
        entities: model.entities,
        flows,
        checklist,
    }
}

/// Every entity named anywhere, with its owners and readers (service indices), in first-mention order.
struct Ownership {
    entities: Vec<EntityOwners>,
}

/// An entity (as first typed) and the services that own and read it (indices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityOwners {
    pub name: String,
    pub owners: Vec<usize>,
    pub readers: Vec<usize>,
}

impl Ownership {
    fn of(services: &[Service]) -> Ownership {
        let mut entities: Vec<EntityOwners> = Vec::new();
        let mut note = |name: &str, service: usize, owns: bool| {
            let at = match entities.iter().position(|e| same_entity(&e.name, name)) {
                Some(at) => at,
                None => {
                    entities.push(EntityOwners {
                        name: name.to_string(),
                        owners: Vec::new(),
                        readers: Vec::new(),
                    });
                    entities.len() - 1
                }
            };
            let list = if owns {
                &mut entities[at].owners
            } else {
                &mut entities[at].readers
            };
            if !list.contains(&service) {
                list.push(service);
            }
        };
        for (i, s) in services.iter().enumerate() {
            for e in &s.owns {
                note(e, i, true);
            }
            for e in &s.reads {
                note(e, i, false);
            }
        }
        Ownership { entities }
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn names(services: &[ServiceView], indices: &[usize]) -> String {
    let list: Vec<String> = indices
        .iter()
        .filter_map(|&i| services.get(i))
        .map(|s| s.name.clone())
        .collect();
    and_list(&list)
}

/// The seed: "Each piece of data has exactly one authoritative source"; "Only the owner can modify the data".
fn ownership_cards(services: &[ServiceView], model: &Ownership) -> Vec<SystemCard> {
    let mut cards = Vec::new();
    for e in &model.entities {
        if e.owners.len() > 1 {
            let owners = names(services, &e.owners);
            cards.push(SystemCard {
                kind: SystemKind::TwoOwners,
                verdict: Verdict::Avoid,
                title: format!("{} has {} owners", e.name, e.owners.len()),
                summary: format!("{owners} each say they own {}: two sources of truth drift apart, and neither knows which copy is right.", e.name),
                because: vec![format!("{owners} list {} among the data they own.", e.name)],
                trade_offs: vec!["Only the owner can modify the data".into()],
                resolution: format!("Choose one owner for {}; the others read it (events or queries) and mark their copies as cache. If they own different facts, split it (say, {} and {} details).", e.name, e.name, e.name),
                services: e.owners.clone(),
                catalog_ref: SystemKind::TwoOwners.catalog_ref(),
            });
        } else if e.owners.is_empty() && !e.readers.is_empty() {
            let readers = names(services, &e.readers);
            cards.push(SystemCard {
                kind: SystemKind::NoOwner,
                verdict: Verdict::Avoid,
                title: format!("Nobody owns {}", e.name),
                summary: format!("{readers} read {}, but no service is its source of truth.", e.name),
                because: vec![format!("{} is read by {readers} and owned by no service.", e.name)],
                trade_offs: vec!["Each piece of data has exactly one authoritative source.".into()],
                resolution: format!("Add {} to the data of the service that creates and changes it; the readers then get it from there.", e.name),
                services: e.readers.clone(),
                catalog_ref: SystemKind::NoOwner.catalog_ref(),
            });
        }
    }
    cards
}

/// Whether a service's ticks need the latest write (a strong-consistency use case).
fn needs_latest(cat: &Catalog, reqs: &Requirements) -> bool {
    cat.scoring
        .strong_anchors
        .iter()
        .any(|id| reqs.contains(id))
}

/// Whether a service's ticks say its writes are transactions: ACID, money, stock or bookings.
fn transactional(cat: &Catalog, reqs: &Requirements) -> bool {
    let ix = cat.index();
    ix.ticks(reqs) & ix.needs.transactional != 0
}

/// The seed: "Others subscribe to updates or query the owner". A consumer that needs the latest write queries
/// the owner; the others subscribe to its events and keep a cache; an owner whose writes are transactions
/// publishes through an outbox so the write and the event agree.
fn flows(cat: &Catalog, decision: &Decision, model: &Ownership) -> Vec<Flow> {
    let mut out = Vec::new();
    for e in &model.entities {
        let [owner] = e.owners[..] else { continue };
        // Reference data (its owner ticks read-only shared data) changes rarely: every reader keeps a cache.
        let reference = decision.services[owner]
            .requirements
            .contains("read-only-shared");
        for &consumer in e.readers.iter().filter(|&&r| r != owner) {
            let reqs = &decision.services[consumer].requirements;
            let kind = if needs_latest(cat, reqs) && !reference {
                FlowKind::Query
            } else {
                let outbox = transactional(cat, &decision.services[owner].requirements);
                FlowKind::Event { outbox }
            };
            out.push(Flow {
                owner,
                consumer,
                entity: e.name.clone(),
                kind,
            });
        }
    }
    out
}

fn data_access(services: &[ServiceView], flows: &[Flow]) -> Option<SystemCard> {
    if flows.is_empty() {
        return None;
    }
    let because = flows
        .iter()
        .map(|f| {
            let (owner, consumer) = (&services[f.owner].name, &services[f.consumer].name);
            match f.kind {
                FlowKind::Query => format!("{consumer} queries {owner} for {}: it needs the latest write.", f.entity),
                FlowKind::Event { outbox: true } => format!("{owner} publishes {} events through an outbox (the write and its event commit together); {consumer} keeps a copy marked as cache.", f.entity),
                FlowKind::Event { outbox: false } => format!("{owner} publishes {} events; {consumer} keeps a copy marked as cache.", f.entity),
            }
        })
        .collect();
    let mut involved: Vec<usize> = flows.iter().flat_map(|f| [f.owner, f.consumer]).collect();
    involved.sort_unstable();
    involved.dedup();
    Some(SystemCard {
        kind: SystemKind::DataAccess,
        verdict: Verdict::Recommended,
        title: "Each entity from its owner".into(),
        summary: "Only the owner changes an entity; the others subscribe to its events or query it, and any copy they keep is explicitly a cache, not a source.".into(),
        because,
        trade_offs: vec!["Data duplication".into(), "Eventual consistency between them".into()],
        resolution: String::new(),
        services: involved,
        catalog_ref: SystemKind::DataAccess.catalog_ref(),
    })
}

/// The seed's "How do we handle cross-service queries?": API composition while a service reads from a few
/// owners; a CQRS read model (a projection it owns, built from their events) once it reads from many.
fn cross_service_queries(services: &[ServiceView], flows: &[Flow]) -> Vec<SystemCard> {
    let mut cards = Vec::new();
    for (consumer, view) in services.iter().enumerate() {
        let owners_by = |events_only: bool| {
            let mut owners: Vec<usize> = flows
                .iter()
                .filter(|f| f.consumer == consumer && !(events_only && f.kind == FlowKind::Query))
                .map(|f| f.owner)
                .collect();
            owners.sort_unstable();
            owners.dedup();
            owners
        };
        // Only data it subscribes to can feed a read model; what it queries, it asks for each time.
        let subscribed = owners_by(true);
        let many = subscribed.len() >= READ_MODEL_OWNERS;
        let owners = if many { subscribed } else { owners_by(false) };
        if owners.is_empty() {
            continue;
        }
        let from = names(services, &owners);
        let mut involved = owners.clone();
        involved.push(consumer);
        cards.push(if many {
            SystemCard {
                kind: SystemKind::ReadModel,
                verdict: Verdict::Recommended,
                title: format!("{}: a read model for its queries", view.name),
                summary: format!("{} reads from {} services ({from}): a read model it owns, built from their events, answers its queries without calling them all.", view.name, owners.len()),
                because: vec![format!("{} reads data owned by {from}.", view.name)],
                trade_offs: vec!["Two models to maintain".into(), "Eventual consistency between them".into(), "Event versioning".into()],
                resolution: String::new(),
                services: involved,
                catalog_ref: SystemKind::ReadModel.catalog_ref(),
            }
        } else {
            SystemCard {
                kind: SystemKind::ApiComposition,
                verdict: Verdict::Recommended,
                title: format!("{}: compose answers from {from}", view.name),
                summary: format!("There are no cross-service joins: {} asks {from} and combines the answers (API composition), or uses its cached copies where they may lag.", view.name),
                because: vec![format!("{} reads data owned by {from}.", view.name)],
                trade_offs: vec!["No cross-service joins".into()],
                resolution: String::new(),
                services: involved,
                catalog_ref: SystemKind::ApiComposition.catalog_ref(),
            }
        });
    }
    cards
}

/// The seed: "Distributed transactions hard". Two services with transactional data that share an entity
/// cannot change it in one ACID transaction: a saga, said plainly.
fn sagas(
    cat: &Catalog,
    decision: &Decision,
    services: &[ServiceView],
    model: &Ownership,
) -> Vec<SystemCard> {
    let cat_tx = |i: usize| transactional(cat, &decision.services[i].requirements);
    let reference = |i: usize| {
        decision.services[i]
            .requirements
            .contains("read-only-shared")
    };
    let mut pairs: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for e in &model.entities {
        // An owner and a reader of the same entity; two readers share no write, and reference data is not
        // changed in the readers' transactions.
        let owners = e.owners.iter().filter(|&&o| !reference(o));
        for &a in owners {
            for &b in &e.readers {
                if a == b || !cat_tx(a) || !cat_tx(b) {
                    continue;
                }
                let (a, b) = (a.min(b), a.max(b));
                match pairs.iter_mut().find(|p| p.0 == a && p.1 == b) {
                    Some(p) if !p.2.contains(&e.name) => p.2.push(e.name.clone()),
                    Some(_) => {}
                    None => pairs.push((a, b, vec![e.name.clone()])),
                }
            }
        }
    }
    pairs
        .into_iter()
        .map(|(a, b, entities)| {
            let (na, nb) = (&services[a].name, &services[b].name);
            let shared = and_list(&entities);
            SystemCard {
                kind: SystemKind::Saga,
                verdict: Verdict::Recommended,
                title: format!("{na} and {nb}: a saga, not one transaction"),
                summary: format!("If one business change writes in both {na} and {nb} (they share {shared}), it cannot be one ACID transaction across their databases. Run it as a saga: each service commits its own step and publishes an event through an outbox; a step that fails triggers compensating steps that undo the earlier ones."),
                because: vec![format!("Both {na} and {nb} have transactional data (ACID, money, stock or bookings) and share {shared}.")],
                trade_offs: vec!["Distributed transactions hard".into(), "Eventual consistency between them".into()],
                resolution: String::new(),
                services: vec![a, b],
                catalog_ref: SystemKind::Saga.catalog_ref(),
            }
        })
        .collect()
}

fn replication_summary(services: &[ServiceView]) -> SystemCard {
    let because = services
        .iter()
        .map(|s| {
            let r = &s.rec;
            format!(
                "{}: {} replication, {} ({} consistency).",
                s.name, r.replication.title, r.consistency_level.title, r.consistency.choice
            )
        })
        .collect();
    SystemCard {
        kind: SystemKind::Replication,
        verdict: Verdict::Recommended,
        title: "Replication, service by service".into(),
        summary: "Each service replicates as its own data needs: there is no one replication for the whole system, and each store is backed up and restored on its own.".into(),
        because,
        trade_offs: Vec::new(),
        resolution: String::new(),
        services: (0..services.len()).collect(),
        catalog_ref: SystemKind::Replication.catalog_ref(),
    }
}

/// The seed asks "What's the data retention policy?" and leaves the answer open: the card says what the
/// ticks suggest for each service as a starting point, and the checklist item stays open until decided.
fn retention(decision: &Decision, services: &[ServiceView]) -> SystemCard {
    let hint = |reqs: &Requirements| -> &'static str {
        if reqs.contains("audit-trail") || reqs.contains("rebuild-views") {
            "keep its history (events or audit rows) as long as views are rebuilt from it or rules require; archive, never edit in place"
        } else if reqs.contains("financial") {
            "keep financial records for the years your jurisdiction requires"
        } else if reqs.contains("logging-metrics") || reqs.contains("time-series") {
            "keep raw points for days or weeks, then downsample or drop them"
        } else if reqs.contains("shopping-cart") || reqs.contains("key-value") {
            "let carts, sessions and cached copies expire"
        } else {
            "decide per entity how long it is kept, then archive or delete it"
        }
    };
    let because = services
        .iter()
        .zip(&decision.services)
        .map(|(view, s)| format!("{}: {}.", view.name, hint(&s.requirements)))
        .collect();
    SystemCard {
        kind: SystemKind::Retention,
        verdict: Verdict::Acceptable,
        title: "Retention: still to decide".into(),
        summary: "How long each entity is kept is a decision of its own (law, cost, rebuilding views). Starting points from your ticks:".into(),
        because,
        trade_offs: Vec::new(),
        resolution: String::new(),
        services: (0..services.len()).collect(),
        catalog_ref: SystemKind::Retention.catalog_ref(),
    }
}

/// The patterns judged for the system: the union of the services' ticks, with several services being
/// microservices (the seed's setting for database per service and shared database).
fn system_patterns<'a>(cat: &'a Catalog, decision: &Decision) -> Vec<Card<'a>> {
    let mut union: Requirements = decision
        .services
        .iter()
        .flat_map(|s| s.requirements.iter().cloned())
        .collect();
    union.insert("microservices".into());
    let rec = recommend(cat, &union);
    rec.patterns
        .into_iter()
        .filter(|c| c.choice == "database-per-service" || c.choice == "shared-database")
        .collect()
}

fn checklist(
    cat: &Catalog,
    services: &[ServiceView],
    model: &Ownership,
    flows: &[Flow],
    cards: &[SystemCard],
) -> Vec<SystemCheck> {
    let mut out = Vec::new();
    for entry in cat.checklist.iter().filter(|c| c.scope == "system") {
        let answer = match entry.id.as_ref() {
            "sys-source-of-truth" => source_of_truth(services, model),
            "sys-data-access" if !flows.is_empty() => Some(
                flows
                    .iter()
                    .map(|f| {
                        format!(
                            "{} → {}: {} ({})",
                            services[f.owner].name,
                            services[f.consumer].name,
                            f.entity,
                            f.kind.label()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            "sys-replication" if services.len() > 1 => Some(
                services
                    .iter()
                    .map(|s| format!("{}: {}", s.name, s.rec.replication.title))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            "sys-cross-queries" => {
                let answers: Vec<String> = cards
                    .iter()
                    .filter(|c| {
                        matches!(c.kind, SystemKind::ApiComposition | SystemKind::ReadModel)
                    })
                    .map(|c| c.title.clone())
                    .collect();
                (!answers.is_empty()).then(|| answers.join("; "))
            }
            _ => None,
        };
        out.push(SystemCheck {
            id: entry.id.to_string(),
            question: entry.question.to_string(),
            answer,
        });
    }
    out
}

/// "Order: Orders; Customer: Users" when every entity has exactly one owner.
fn source_of_truth(services: &[ServiceView], model: &Ownership) -> Option<String> {
    if model.entities.is_empty() || model.entities.iter().any(|e| e.owners.len() != 1) {
        return None;
    }
    Some(
        model
            .entities
            .iter()
            .map(|e| format!("{}: {}", e.name, services[e.owners[0]].name))
            .collect::<Vec<_>>()
            .join("; "),
    )
}
