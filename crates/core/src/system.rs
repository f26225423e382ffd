//! The system as a whole: several services, who owns which data, and the advice that spans them — the seed's
//! "For the system" checklist (single source of truth per entity, how services get the data they need,
//! cross-service queries, replication, retention).
//!
//! Each service keeps its own full recommendation (`engine::recommend` on its ticks). On top of that,
//! `advise` reads the ownership model (entities each service owns and reads) and the union of the ticks, and
//! explains: database per service or a shared database, entities with two owners or none, how each consumer
//! gets its data (events from the owner, through an outbox where the owner's write and its event must agree, or
//! queries to the owner) and a query to an owner that is only eventually consistent, cross-service queries
//! (API composition, the consumer's own cached copies, or a CQRS read model when it reads from many owners or
//! searches or analyses their data), sagas where one change is likely to write in two services with
//! transactional data, and the replication and retention summary.
//! Pure: no browser dependency. docs/ADVICE.md ("The system") gives the reasoning and its seed lines.

use crate::catalog::Catalog;
use crate::decision::{same_entity, Decision, Service};
use crate::engine::{recommend, Card, Recommendation, Requirements, Verdict};

/// A service reading from this many owners or more gets a read model rather than API composition.
mod saga;

pub const READ_MODEL_OWNERS: usize = 3;

/// One service's own answer, with the name and one-line headline the service switcher shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceView<'a> {
    /// "Orders", or "Service 2" when unnamed.
    pub name: String,
    /// "relational, strong, semi-sync": primary store, consistency model, replication ([`headline`]).
    pub headline: String,
    pub rec: Recommendation<'a>,
    /// It owns no data, reads from others, and keeps only read models (stores alongside; no tick of its own
    /// asks for a primary store): in the system it runs those stores only, fed by the owners' events.
    pub read_models_only: bool,
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
    /// A service that gets all it reads from a few owners through events joins its cached copies locally.
    CachedCopies,
    /// A service queries an owner for the latest write, but the owner is eventually consistent.
    EventualOwner,
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
            SystemKind::CachedCopies => "cached-copies",
            SystemKind::EventualOwner => "query-eventual-owner",
        }
    }

    /// The catalogue entry that explains it.
    fn catalog_ref(self) -> &'static str {
        match self {
            SystemKind::TwoOwners | SystemKind::NoOwner => "cat-single-source-of-truth",
            SystemKind::DataAccess | SystemKind::ApiComposition | SystemKind::CachedCopies => {
                "cat-single-source-of-truth"
            }
            SystemKind::EventualOwner => "cat-eventual",
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
    /// The way out: of a problem, or of a recommended card's cost (API composition's queries).
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
    /// Database per service and shared database, judged on the union of the services' ticks (with several
    /// services being microservices).
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

/// "relational, strong, semi-sync"; with stores alongside, "relational + search, strong, semi-sync" (a search
/// service's own store is its index, not the default primary). A consistency model or replication no tick bore
/// on (its card not assessed) is the catalogue's default, and said so after a semicolon: "relational + search;
/// strong, semi-sync by default", "relational, strong; semi-sync by default".
pub fn headline(rec: &Recommendation) -> String {
    if rec.neutral {
        return "nothing ticked yet".into();
    }
    let mut store = rec.primary_store.title.to_ascii_lowercase();
    for s in alongside(rec) {
        store.push_str(" + ");
        store.push_str(&s.title.to_ascii_lowercase());
    }
    let (mut decided, mut defaults) = (vec![store], Vec::new());
    let (consistency, replication) = defaults_of(rec);
    for (part, default) in [
        (rec.consistency.choice.to_string(), consistency),
        (rec.replication.title.to_ascii_lowercase(), replication),
    ] {
        if default {
            defaults.push(part);
        } else {
            decided.push(part);
        }
    }
    let mut out = decided.join(", ");
    if !defaults.is_empty() {
        out.push_str("; ");
        out.push_str(&defaults.join(", "));
        out.push_str(" by default");
    }
    out
}

/// Whether a recommendation's consistency (model and level) and its replication are the catalogue's defaults:
/// no tick bore on them (their cards are not assessed). Everything is, while nothing is ticked.
pub fn defaults_of(rec: &Recommendation) -> (bool, bool) {
    if rec.neutral {
        return (true, true);
    }
    (
        !rec.consistency.is_assessed(),
        !rec.replication.is_assessed(),
    )
}

/// The first example of each store alongside the primary ("Elasticsearch"), or its title when it has none.
pub fn alongside_names<'r>(rec: &'r Recommendation) -> Vec<&'r str> {
    alongside(rec)
        .map(|s| s.examples.first().copied().unwrap_or(s.title))
        .collect()
}

/// Whether service `s`, recommended `rec`, keeps only read models: it owns no data, reads some from others, and
/// its only stores are those alongside the primary, which no tick of its own asked for (the catalogue's default,
/// for data it does not have).
fn keeps_only_read_models(s: &Service, rec: &Recommendation) -> bool {
    !rec.neutral
        && s.owns.is_empty()
        && !s.reads.is_empty()
        && alongside(rec).next().is_some()
        && rec.primary_store.reasons_for.is_empty()
}

/// The stores added alongside the primary store.
pub fn alongside<'r, 'a>(rec: &'r Recommendation<'a>) -> impl Iterator<Item = &'r Card<'a>> {
    (rec.stores.iter()).filter(|c| c.role == Some(crate::engine::StoreRole::Alongside))
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
                read_models_only: keeps_only_read_models(s, &rec),
                rec,
            }
        })
        .collect();
    let model = Ownership::of(&decision.services);
    let sagas = saga::pairs(cat, decision, &model);
    let flows = flows(cat, decision, &model, &sagas);
    let mut cards = ownership_cards(&services, &model);
    cards.extend(data_access(decision, &services, &flows));
    cards.extend(eventual_owners(cat, decision, &services, &flows));
    cards.extend(cross_service_queries(decision, &services, &flows));
    cards.extend(saga::sagas(cat, decision, &services, &sagas));
    if services.len() > 1 {
        cards.push(replication_summary(&services, &flows));
        cards.push(retention(decision, &services, &flows));
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

/// The verb for a subject of `count` services: "reads" for one, "read" for several.
fn verb(count: usize, one: &'static str, several: &'static str) -> &'static str {
    if count == 1 {
        one
    } else {
        several
    }
}

fn push_new<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// The seed: "Each piece of data has exactly one authoritative source"; "Only the owner can modify the data".
fn ownership_cards(services: &[ServiceView], model: &Ownership) -> Vec<SystemCard> {
    let mut cards = Vec::new();
    for e in &model.entities {
        if e.owners.len() > 1 {
            let owners = names(services, &e.owners);
            let mut because = vec![format!("{owners} list {} among the data they own.", e.name)];
            // Its readers get no data flow until it has one owner: say whom that leaves without a source.
            let readers: Vec<usize> = (e.readers.iter().copied())
                .filter(|r| !e.owners.contains(r))
                .collect();
            if !readers.is_empty() {
                let n = readers.len();
                because.push(format!("{} {} {} and {} no source to take it from until it has one owner: no data flow is drawn for it.", names(services, &readers), verb(n, "reads", "read"), e.name, verb(n, "has", "have")));
            }
            cards.push(SystemCard {
                kind: SystemKind::TwoOwners,
                verdict: Verdict::Avoid,
                title: format!("{} has {} owners", e.name, e.owners.len()),
                summary: format!("{owners} each say they own {}: two sources of truth drift apart, and neither knows which copy is right.", e.name),
                because,
                trade_offs: vec!["Only the owner can modify the data".into()],
                resolution: format!("Choose one owner for {}; the others read it (events or queries) and mark their copies as cache. If they own different facts, split it (say, {} and {} details).", e.name, e.name, e.name),
                services: e.owners.clone(),
                catalog_ref: SystemKind::TwoOwners.catalog_ref(),
            });
        } else if e.owners.is_empty() && !e.readers.is_empty() {
            let readers = names(services, &e.readers);
            let read = verb(e.readers.len(), "reads", "read");
            cards.push(SystemCard {
                kind: SystemKind::NoOwner,
                verdict: Verdict::Avoid,
                title: format!("Nobody owns {}", e.name),
                summary: format!("{readers} {read} {}, but no service is its source of truth.", e.name),
                because: vec![format!("{} is read by {readers} and owned by no service.", e.name)],
                trade_offs: vec!["Each piece of data has exactly one authoritative source".into()],
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

/// Whether service `i` owns reference data (it ticks read-only shared data): it changes rarely, reaches every
/// reader as events into a cache, and is not changed in its readers' transactions.
fn reference(decision: &Decision, i: usize) -> bool {
    decision.services[i]
        .requirements
        .contains("read-only-shared")
}

/// The seed: "Others subscribe to updates or query the owner". A consumer queries the owner when it must read
/// the latest write: it ticks strong consistency ("every read sees the latest confirmed write"), or it needs
/// the latest write (money, stock, bookings) and the owner keeps what a change uses up (its money, stock or
/// bookings). Not when both take part in one saga, whose steps travel as events (each checks its own data in
/// its own step), nor for reference data. Everything else reaches its readers as events into a cache (the
/// seed's picture: the order service keeps a cached copy of its user); an owner whose writes are transactions
/// publishes through an outbox so the write and the event agree.
fn flows(cat: &Catalog, decision: &Decision, model: &Ownership, sagas: &[saga::Pair]) -> Vec<Flow> {
    let mut out = Vec::new();
    for e in &model.entities {
        let [owner] = e.owners[..] else { continue };
        // Reference data changes rarely: every reader keeps a cache.
        let reference = reference(decision, owner);
        let current = !consumable(&decision.services[owner].requirements)
            .0
            .is_empty();
        for &consumer in e.readers.iter().filter(|&&r| r != owner) {
            let reqs = &decision.services[consumer].requirements;
            let in_saga = sagas.iter().any(|p| p.joins(owner, consumer));
            let must = reqs.contains("strong-consistency") || needs_latest(cat, reqs) && current;
            let kind = if must && !reference && !in_saga {
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

/// One sentence of the data-access card: an owner, how it shares, its readers and the entities.
struct Line {
    owner: usize,
    kind: FlowKind,
    consumers: Vec<usize>,
    entities: Vec<String>,
}

/// The flows as few sentences: the readers of an entity together, then the entities that go the same way to
/// the same readers together, owner by owner.
fn lines(flows: &[Flow]) -> Vec<Line> {
    let mut by_entity: Vec<Line> = Vec::new();
    for f in flows {
        let same =
            |l: &&mut Line| l.owner == f.owner && l.kind == f.kind && l.entities[0] == f.entity;
        match by_entity.iter_mut().find(same) {
            Some(l) => push_new(&mut l.consumers, f.consumer),
            None => by_entity.push(Line {
                owner: f.owner,
                kind: f.kind,
                consumers: vec![f.consumer],
                entities: vec![f.entity.clone()],
            }),
        }
    }
    let mut out: Vec<Line> = Vec::new();
    for l in by_entity {
        let same =
            |m: &&mut Line| m.owner == l.owner && m.kind == l.kind && m.consumers == l.consumers;
        match out.iter_mut().find(same) {
            Some(m) => m.entities.extend(l.entities),
            None => out.push(l),
        }
    }
    out.sort_by_key(|l| l.owner);
    out
}

fn data_access(
    decision: &Decision,
    services: &[ServiceView],
    flows: &[Flow],
) -> Option<SystemCard> {
    if flows.is_empty() {
        return None;
    }
    let lines = lines(flows);
    let mut because: Vec<String> = lines
        .iter()
        .map(|l| {
            let (owner, what, n) = (&services[l.owner].name, and_list(&l.entities), l.consumers.len());
            let readers = names(services, &l.consumers);
            match l.kind {
                FlowKind::Query => format!("{readers} {} {owner} for {what}: {} the latest write.", verb(n, "queries", "query"), verb(n, "it needs", "they need")),
                FlowKind::Event { outbox } => {
                    let how = if outbox { " through an outbox" } else { "" };
                    format!("{owner} publishes {what} events{how}; {readers} {} a copy marked as cache.", verb(n, "keeps", "keep"))
                }
            }
        })
        .collect();
    // Two services that query each other: a synchronous cycle.
    let mut cycles: Vec<(usize, usize)> = Vec::new();
    for f in flows.iter().filter(|f| f.kind == FlowKind::Query) {
        let back =
            |g: &Flow| g.kind == FlowKind::Query && g.owner == f.consumer && g.consumer == f.owner;
        if flows.iter().any(back) {
            push_new(
                &mut cycles,
                (f.owner.min(f.consumer), f.owner.max(f.consumer)),
            );
        }
    }
    for (a, b) in cycles {
        because.push(format!("{} and {} query each other: while one is down, neither can answer. Where a moment's lag is safe, let one of them take the other's data from its events instead.", services[a].name, services[b].name));
    }
    // What an owner's store changes about publishing, said once per owner.
    let mut owners: Vec<usize> = Vec::new();
    let mut plain_owners: Vec<usize> = Vec::new();
    for f in flows.iter().filter(|f| f.kind != FlowKind::Query) {
        push_new(&mut owners, f.owner);
    }
    for &o in &owners {
        let (name, rec) = (&services[o].name, &services[o].rec);
        let outbox = flows
            .iter()
            .any(|f| f.owner == o && f.kind == FlowKind::Event { outbox: true });
        if outbox && rec.primary_store.choice == "document" {
            because.push(format!("{name} keeps its data in a document store, whose transactions are limited: its outbox is a list of pending events inside the document it changes, or a multi-document transaction writes both; its change stream (MongoDB change streams, DynamoDB Streams) can publish them instead."));
        }
        if rec.replication.choice == "multi-primary" {
            because.push(format!("{name} writes in every region (multi-primary): its events come from each region in no common order, and a write can lose a conflict after its event has gone out, so readers apply them by version, the way {name} resolves its conflicts."));
        }
        let plain = flows
            .iter()
            .any(|f| f.owner == o && f.kind == FlowKind::Event { outbox: false });
        if plain && decision.services[o].requirements.contains("streaming") {
            because.push(format!("{name} takes its data in as a stream: it writes to its log (Kafka, Kinesis) first and its readers read from that log, so no event can go missing."));
        } else if plain {
            plain_owners.push(o);
        }
    }
    let has = |k: fn(&FlowKind) -> bool| flows.iter().any(|f| k(&f.kind));
    let (outbox, plain, query) = (
        has(|k| *k == FlowKind::Event { outbox: true }),
        has(|k| *k == FlowKind::Event { outbox: false }),
        has(|k| *k == FlowKind::Query),
    );
    if !plain_owners.is_empty() {
        let n = plain_owners.len();
        because.push(format!("{} {} without an outbox (none of {} writes is ticked as a transaction), but {} events still have to follow every committed write: publish them from the store's change stream (change data capture), or through an outbox after all, never after the write, where a crash in between would leave a copy stale.", names(services, &plain_owners), verb(n, "publishes", "publish"), verb(n, "its", "their"), verb(n, "its", "their")));
    }
    let mut summary = String::from("Only the owner changes an entity; the others subscribe to its events or query it, and any copy they keep is explicitly a cache, not a source.");
    if outbox {
        summary.push_str(" An outbox is a table the owner writes in the same transaction as the entity, and its events are published from there: none is lost, and none is sent for a write that was rolled back.");
    }
    if query {
        summary.push_str(" A query sees the latest write but waits on the owner and fails while the owner is down; a cached copy answers at once but may lag, and what a reader needs as it stood at its own change (the address an order ships to) can be copied into its own record then (a snapshot). So query only for what must be current.");
    }
    let mut trade_offs: Vec<String> = Vec::new();
    if outbox || plain {
        trade_offs.extend(["Data duplication".into(), "Temporary inconsistency".into()]);
    }
    if query {
        trade_offs.extend([
            "Higher latency".into(),
            "Lower availability during failures".into(),
        ]);
    }
    let mut involved: Vec<usize> = flows.iter().flat_map(|f| [f.owner, f.consumer]).collect();
    involved.sort_unstable();
    involved.dedup();
    Some(SystemCard {
        kind: SystemKind::DataAccess,
        verdict: Verdict::Recommended,
        title: "Each entity from its owner".into(),
        summary,
        because,
        trade_offs,
        resolution: String::new(),
        services: involved,
        catalog_ref: SystemKind::DataAccess.catalog_ref(),
    })
}

/// Whether an owner recommended `rec` cannot promise the latest write to a query: eventually consistent with
/// several primaries (no copy is sure to have a write made a moment ago in another region).
fn unsure_of_latest(rec: &Recommendation) -> bool {
    !rec.neutral
        && rec.consistency.choice == "eventual"
        && rec.replication.choice == "multi-primary"
}

/// The seed: strong consistency means "All reads see the latest write"; an eventually consistent owner has a
/// "Temporary inconsistency" instead. A consumer that queries such an owner for the latest write is told so,
/// with a way out: for a single primary, a caution (the owner answers those queries at its primary); for
/// several primaries, a contradiction (no copy is sure to have the latest write).
fn eventual_owners(
    cat: &Catalog,
    decision: &Decision,
    services: &[ServiceView],
    flows: &[Flow],
) -> Vec<SystemCard> {
    let mut pairs: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for f in flows.iter().filter(|f| f.kind == FlowKind::Query) {
        let owner = &services[f.owner].rec;
        if owner.neutral || owner.consistency.choice != "eventual" {
            continue;
        }
        match pairs
            .iter_mut()
            .find(|p| p.0 == f.owner && p.1 == f.consumer)
        {
            Some(p) => push_new(&mut p.2, f.entity.clone()),
            None => pairs.push((f.owner, f.consumer, vec![f.entity.clone()])),
        }
    }
    pairs
        .into_iter()
        .map(|(o, c, entities)| {
            let (on, cn, what) = (&services[o].name, &services[c].name, and_list(&entities));
            let needs: Vec<String> = cat
                .scoring
                .strong_anchors
                .iter()
                .filter(|id| decision.services[c].requirements.contains(id))
                .filter_map(|id| cat.requirement(id))
                .map(|r| r.label.to_string())
                .collect();
            let multi = unsure_of_latest(&services[o].rec);
            let check = format!("or let {cn} keep a copy from the events {on} publishes, and check at its own step what must be exact (a price, a stock count, a limit).");
            let (verdict, summary, resolution) = if multi {
                (
                    Verdict::Avoid,
                    format!("{cn} queries {on} for {what} because it needs the latest write, but {on} accepts writes in every region (multi-primary): no copy is sure to have the latest one, so an answer can miss a write made a moment ago in another region."),
                    format!("Give each {what} a home region and have {cn} query it there, where its latest write is; {check}"),
                )
            } else {
                (
                    Verdict::Acceptable,
                    format!("{cn} queries {on} for {what} because it needs the latest write, but {on} is eventually consistent: an answer read from one of its replicas can miss the latest write."),
                    format!("Have {on} answer the queries from {cn} at its primary, which has every confirmed write, and serve its other reads from replicas; {check}"),
                )
            };
            SystemCard {
                kind: SystemKind::EventualOwner,
                verdict,
                title: format!("{cn} needs the latest {what}; {on} is eventually consistent"),
                summary,
                because: vec![
                    format!("{cn}: {} {} the latest write.", and_list(&needs), verb(needs.len(), "needs", "need")),
                    format!("{on}: its own ticks make it eventually consistent ({}).", services[o].headline),
                ],
                trade_offs: vec!["Temporary inconsistency".into()],
                resolution,
                services: vec![o, c],
                catalog_ref: SystemKind::EventualOwner.catalog_ref(),
            }
        })
        .collect()
}

/// The seed's "How do we handle cross-service queries?" (and "No cross-service joins"): a service that asks
/// owners for the latest write composes their answers (API composition); one that gets its data through
/// events joins its cached copies in its own store; one that reads from many owners, or searches or analyses
/// their data as a whole, keeps a read model built from their events (CQRS's read side).
fn cross_service_queries(
    decision: &Decision,
    services: &[ServiceView],
    flows: &[Flow],
) -> Vec<SystemCard> {
    let mut cards = Vec::new();
    for (consumer, view) in services.iter().enumerate() {
        let owners_by = |query: bool| {
            let mut owners: Vec<usize> = flows
                .iter()
                .filter(|f| f.consumer == consumer && (f.kind == FlowKind::Query) == query)
                .map(|f| f.owner)
                .collect();
            owners.sort_unstable();
            owners.dedup();
            owners
        };
        let (queried, subscribed) = (owners_by(true), owners_by(false));
        if queried.is_empty() && subscribed.is_empty() {
            continue;
        }
        let me = &decision.services[consumer];
        let (search, analytics) = (
            me.requirements.contains("full-text"),
            me.requirements.contains("analytics"),
        );
        let owns = !me.owns.is_empty();
        let name = &view.name;
        let (q_from, s_from) = (names(services, &queried), names(services, &subscribed));
        let mut involved: Vec<usize> = queried.iter().chain(&subscribed).copied().collect();
        involved.sort_unstable();
        involved.push(consumer);
        let below = subscribed.len() + 1 == READ_MODEL_OWNERS;
        let close_below = format!("Close call: {name} reads from {} owners through events; from {READ_MODEL_OWNERS}, a read model (a projection shaped for its queries) would be worth its upkeep.", subscribed.len());
        let card = if !subscribed.is_empty()
            && (subscribed.len() >= READ_MODEL_OWNERS || search || analytics)
        {
            // Only data it subscribes to can feed a read model; what it queries, it asks for each time.
            let summary = if search || analytics {
                let (does, keeps) = match (search, analytics) {
                    (true, true) => (
                        "searches and runs analytics",
                        "a search index and a columnar copy",
                    ),
                    (true, false) => ("searches", "a search index"),
                    _ => ("runs analytics", "a columnar copy"),
                };
                let owners = verb(subscribed.len(), "its owner", "its owners");
                format!("{name} {does} across data owned by {s_from}: such queries read the data as a whole, which no call to {owners} can answer, so it keeps {keeps} of its own as its read model, fed by {}.", verb(subscribed.len(), "the owner's events", "the owners' events"))
            } else {
                format!("{name} reads from {} services ({s_from}): a read model it owns, built from their events, answers its queries without calling them all.", subscribed.len())
            };
            let mut because = vec![format!(
                "{name} reads data owned by {s_from}, through the events {}.",
                verb(subscribed.len(), "it publishes", "they publish")
            )];
            if !queried.is_empty() {
                because.push(format!("It still queries {q_from} for the latest write, and combines those answers with the read model (API composition)."));
            }
            if view.read_models_only {
                because.push(read_models_only(view));
            }
            if !(search || analytics) && subscribed.len() == READ_MODEL_OWNERS {
                because.push(format!("Close call: {READ_MODEL_OWNERS} owners is where a read model starts to pay for its upkeep; with one fewer, its cached copies joined at query time would do."));
            }
            SystemCard {
                kind: SystemKind::ReadModel,
                verdict: Verdict::Recommended,
                title: format!("{name}: a read model for its queries"),
                summary,
                because,
                trade_offs: vec![
                    "Two models to maintain".into(),
                    "Eventual consistency between them".into(),
                    "Event versioning".into(),
                ],
                resolution: String::new(),
                services: involved,
                catalog_ref: SystemKind::ReadModel.catalog_ref(),
            }
        } else if !queried.is_empty() {
            // Asking one owner for one thing, with nothing of its own to join it with, is no cross-service query.
            if queried.len() + usize::from(owns || !subscribed.is_empty()) < 2 {
                continue;
            }
            let with: Vec<String> = [
                owns.then(|| "its own data".to_string()),
                (!subscribed.is_empty())
                    .then(|| format!("its cached copies of data from {s_from}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            let with = if with.is_empty() {
                String::new()
            } else {
                format!(" with {}", and_list(&with))
            };
            let mut because = vec![format!(
                "{name} queries {q_from}: it needs the latest write."
            )];
            if !subscribed.is_empty() {
                because.push(format!(
                    "It gets what it reads from {s_from} through events."
                ));
            }
            if below {
                because.push(close_below);
            }
            let asked: Vec<String> = flows
                .iter()
                .filter(|f| f.consumer == consumer && f.kind == FlowKind::Query)
                .map(|f| f.entity.clone())
                .fold(Vec::new(), |mut all, e| {
                    push_new(&mut all, e);
                    all
                });
            let asked = and_list(&asked);
            let publish = verb(queried.len(), "publishes", "publish");
            // An owner with several primaries cannot promise the latest write it is asked for (its own card
            // says so, avoid): composing its answers is then only acceptable, with that card's way out.
            let unsure: Vec<usize> = (queried.iter().copied())
                .filter(|&o| unsure_of_latest(&services[o].rec))
                .collect();
            let verdict = if unsure.is_empty() {
                Verdict::Recommended
            } else {
                let (who, n) = (names(services, &unsure), unsure.len());
                because.push(format!("{who} {} writes in every region: {} answers cannot promise the latest write, so these queries are only as good as the way out given above for {who}: a home region for what must be current, or a copy checked at {name}'s own step.", verb(n, "accepts", "accept"), verb(n, "its", "their")));
                Verdict::Acceptable
            };
            SystemCard {
                kind: SystemKind::ApiComposition,
                verdict,
                title: format!("{name}: compose answers from {q_from}"),
                summary: format!("There are no cross-service joins: {name} asks {q_from} for the latest write and combines the answers{with} (API composition). Each such query waits for every owner it asks, and fails while one of them is down."),
                because,
                trade_offs: vec!["No cross-service joins".into(), "Higher latency".into(), "Lower availability during failures".into()],
                resolution: format!("Query only for what must be current. What {name} needs of {asked} as it stood at the time of its own change (an address, a price, an amount) can be copied into its own record then, a snapshot that later reads take from there; what may lag a moment can come from a copy kept from the events {q_from} {publish}. Each query left waits on {q_from} and fails while {} down.", verb(queried.len(), "it is", "one of them is")),
                services: involved,
                catalog_ref: SystemKind::ApiComposition.catalog_ref(),
            }
        } else {
            // One cached copy and nothing of its own: nothing to join.
            if subscribed.len() + usize::from(owns) < 2 {
                continue;
            }
            let with = if owns { "its own data" } else { "each other" };
            let mut because = vec![format!(
                "{name} reads data owned by {s_from}, all of it through events."
            )];
            if below {
                because.push(close_below);
            }
            SystemCard {
                kind: SystemKind::CachedCopies,
                verdict: Verdict::Recommended,
                title: format!("{name}: its own copies of data from {s_from}"),
                summary: format!("There are no cross-service joins: {name} keeps copies of what it reads from {s_from}, updated by {}, and joins them with {with} in its own store. Its queries call no other service and keep working while an owner is down; the copies may lag behind their owners.", verb(subscribed.len(), "the owner's events", "the owners' events")),
                because,
                trade_offs: vec!["Data duplication".into(), "Temporary inconsistency".into()],
                resolution: String::new(),
                services: involved,
                catalog_ref: SystemKind::CachedCopies.catalog_ref(),
            }
        };
        cards.push(card);
    }
    cards
}

/// What the system says of a service that keeps only read models: it runs those stores only, fed by the owners'
/// events, and the primary store of its own recommendation (the catalogue's default) is not needed.
fn read_models_only(view: &ServiceView) -> String {
    let rec = &view.rec;
    let kinds: Vec<String> = alongside(rec)
        .map(|s| s.title.to_ascii_lowercase())
        .collect();
    let names: Vec<String> = alongside_names(rec).iter().map(|n| n.to_string()).collect();
    let stores = verb(kinds.len(), "store", "stores");
    format!("{} owns no data: its {} {stores} ({}), fed by the owners' events, {} all it runs. It needs no primary store: the {} store its own recommendation names is the catalogue's default, for data it does not have, and nothing there feeds its read models.", view.name, and_list(&kinds), and_list(&names), verb(kinds.len(), "is", "are"), rec.primary_store.title.to_ascii_lowercase())
}

/// What a business change uses up in a service's data, by its ticks (the seed's strong-consistency use cases):
/// `(tick, what it keeps, an example of such a change)`.
const CONSUMABLE: [(&str, &str, &str); 3] = [
    ("financial", "money", "a debit"),
    ("inventory", "stock", "a reservation"),
    ("booking", "bookings", "a held seat"),
];

/// The money, stock or bookings a service keeps (by its ticks), each with an example of a change that uses it up.
fn consumable(reqs: &Requirements) -> (Vec<String>, Vec<String>) {
    let ticked = CONSUMABLE.iter().filter(|(id, ..)| reqs.contains(id));
    ticked
        .map(|&(_, what, change)| (what.to_string(), change.to_string()))
        .unzip()
}

/// One service's line of the replication card: its replication and level, and whether they are the catalogue's
/// defaults (no tick of its own decides them) or, for a service keeping only read models, what they are for.
fn replication_line(s: &ServiceView) -> String {
    let r = &s.rec;
    let what = format!(
        "{} replication, {} ({} consistency)",
        r.replication.title, r.consistency_level.title, r.consistency.choice
    );
    let name = &s.name;
    if r.neutral {
        return format!("{name}: {what} — the defaults, as nothing is ticked yet.");
    }
    let defaults = defaults_of(r);
    if s.read_models_only {
        let stores = and_list(
            &alongside_names(r)
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>(),
        );
        let lead = format!("{name}: only read models ({stores}), which it can rebuild from the owners' events, so their replicas serve read load and uptime rather than keep data safe. They are eventually consistent with their owners, whatever its own ticks say of a primary store.");
        return match defaults {
            (true, true) => format!("{lead} The {what} of its own recommendation are the defaults, for a primary store it does not run."),
            _ => format!("{lead} For the read models' own copies: {} replication.", r.replication.title),
        };
    }
    match defaults {
        (true, true) => format!("{name}: {what} — the defaults: no tick of its own decides them."),
        (false, true) => format!(
            "{name}: {what} — the replication is the default: no tick of its own decides it."
        ),
        (true, false) => format!(
            "{name}: {what} — the consistency is the default: no tick of its own decides it."
        ),
        (false, false) => format!("{name}: {what}."),
    }
}

fn replication_summary(services: &[ServiceView], flows: &[Flow]) -> SystemCard {
    let because = services.iter().map(replication_line).collect();
    let mut summary = String::from("Each service replicates as its own data needs: there is no one replication for the whole system, and each store is backed up and restored on its own.");
    if !flows.is_empty() {
        summary.push_str(" So their backups are not taken at one instant: a service restored to an earlier point has lost writes the others may already have acted on, so reconcile it with them, and a reader replays the events it missed (keep them long enough).");
    }
    SystemCard {
        kind: SystemKind::Replication,
        verdict: Verdict::Recommended,
        title: "Replication, service by service".into(),
        summary,
        because,
        trade_offs: Vec::new(),
        resolution: String::new(),
        services: (0..services.len()).collect(),
        catalog_ref: SystemKind::Replication.catalog_ref(),
    }
}

/// The seed asks "What's the data retention policy?" and leaves the answer open: the card says what the
/// ticks suggest for each service as a starting point (services with the same one share a line), and the
/// checklist item stays open until decided. Cached copies live no longer than their source.
fn retention(decision: &Decision, services: &[ServiceView], flows: &[Flow]) -> SystemCard {
    let copies = |i: usize| {
        flows
            .iter()
            .any(|f| f.consumer == i && f.kind != FlowKind::Query)
    };
    let hint = |i: usize| -> String {
        let s = &decision.services[i];
        let has = |id: &str| s.requirements.contains(id);
        let mut parts: Vec<&'static str> = Vec::new();
        if has("financial") {
            parts.push("keep financial records for the years your jurisdiction requires");
        }
        if has("audit-trail") || has("rebuild-views") {
            parts.push("keep the history (events or audit rows) as long as views are rebuilt from it or rules require, archived and never edited in place");
        }
        if has("logging-metrics") || has("time-series") {
            parts.push("keep raw points for days or weeks, then downsample or drop them");
        }
        if has("analytics") {
            parts.push("keep aggregates as long as reports compare periods, and detail no longer than its sources keep it");
        }
        if has("shopping-cart") || has("key-value") {
            parts.push("let carts, sessions and cached copies expire");
        }
        if parts.is_empty() {
            parts.push(if s.owns.is_empty() && copies(i) {
                "only copies: each goes when its owner deletes it"
            } else {
                "decide per entity how long it is kept, then archive or delete it"
            });
        }
        parts.join("; ")
    };
    let mut lines: Vec<(Vec<usize>, String)> = Vec::new();
    for i in 0..services.len() {
        let h = hint(i);
        match lines.iter_mut().find(|l| l.1 == h) {
            Some(l) => l.0.push(i),
            None => lines.push((vec![i], h)),
        }
    }
    let because = lines
        .iter()
        .map(|(who, h)| format!("{}: {h}.", names(services, who)))
        .collect();
    let mut summary = String::from(
        "How long each entity is kept is a decision of its own (law, cost, rebuilding views).",
    );
    if (0..services.len()).any(copies) {
        summary.push_str(" A cached copy lives no longer than its source: when an owner deletes or anonymises an entity (a customer's personal data, say), it publishes that as an event and every reader drops its copy.");
    }
    summary.push_str(" Starting points from your ticks:");
    SystemCard {
        kind: SystemKind::Retention,
        verdict: Verdict::Acceptable,
        title: "Retention: still to decide".into(),
        summary,
        because,
        trade_offs: Vec::new(),
        resolution: String::new(),
        services: (0..services.len()).collect(),
        catalog_ref: SystemKind::Retention.catalog_ref(),
    }
}

/// The patterns judged for the system: the union of the services' ticks, with several services being
/// microservices (the seed's setting for database per service and shared database). Several services are
/// microservices whatever is ticked, so the cards do not offer unticking it, nor say it was ticked when no
/// service did; a shared database made acceptable carries the way to keep it safe, and names the reference
/// data it may hold.
fn system_patterns<'a>(cat: &'a Catalog, decision: &Decision) -> Vec<Card<'a>> {
    const MICROSERVICES: &str = "microservices";
    let mut union: Requirements = decision
        .services
        .iter()
        .flat_map(|s| s.requirements.iter().cloned())
        .collect();
    let ticked = union.contains(MICROSERVICES);
    union.insert(MICROSERVICES.into());
    let rec = recommend(cat, &union);
    let safe = rec
        .conflicts
        .iter()
        .find(|c| c.choice == "conflict-shared-db-microservices")
        .map(|c| c.resolution);
    let reference: Vec<String> = (0..decision.services.len())
        .filter(|&i| reference(decision, i) && !decision.services[i].owns.is_empty())
        .map(|i| {
            let s = &decision.services[i];
            format!("{}'s {}", s.display_name(i), and_list(&s.owns))
        })
        .collect();
    let mut cards: Vec<Card<'a>> = rec
        .patterns
        .into_iter()
        .filter(|c| c.choice == "database-per-service" || c.choice == "shared-database")
        .collect();
    for c in &mut cards {
        c.would_change.retain(|w| w.requirement != MICROSERVICES);
        if !ticked {
            for r in c.reasons_for.iter_mut().chain(c.reasons_against.iter_mut()) {
                if r.requirement == MICROSERVICES {
                    r.label = "Several services (microservices)";
                }
            }
        }
        if c.choice == "shared-database" && c.verdict != Verdict::Avoid {
            if let Some(safe) = safe {
                c.notes.push(safe.into());
            }
            if !reference.is_empty() {
                c.notes.push(format!("Here the reference data is {}. The data flows send it to its readers as events into their caches; reading it in place from one shared reference database is the acceptable alternative, as long as only its owner writes it.", and_list(&reference)).into());
            }
        }
    }
    close_call(&mut cards);
    cards
}

/// Database per service and a shared database both acceptable is a close call, said on both with the lean:
/// the seed's case for sharing (a small team, a transition, reference data) makes it the simpler start, and
/// database per service the goal; the data flows, drawn for separate databases, stay how a service reaches
/// another's data either way (its events or its API, never its tables).
fn close_call(cards: &mut [Card]) {
    let acceptable = |c: &Card| c.verdict == Verdict::Acceptable;
    if cards.len() != 2 || !cards.iter().all(acceptable) {
        return;
    }
    let shared = cards.iter().find(|c| c.choice == "shared-database");
    let why: Vec<String> = (shared.into_iter())
        .flat_map(|c| c.reasons_for.iter().map(|r| r.label.to_string()))
        .collect();
    let why = match why.is_empty() {
        true => "nothing ticked against it".to_string(),
        false => and_list(&why),
    };
    for c in cards.iter_mut() {
        let note = if c.choice == "shared-database" {
            format!("Close call with database per service, both acceptable here: {why} is the seed's case for one shared database, the simpler start, a schema per service; database per service is the goal once the team or the system grows. Either way a service reaches another's data only through the owner (the data flows below: its events or its API), never through its tables.")
        } else {
            format!("Close call with a shared database, both acceptable here: a database per service keeps the services independent, but {why} makes one shared database, a schema per service, the simpler start.")
        };
        c.notes.push(note.into());
    }
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
                    .map(|s| {
                        let mode = s.rec.replication.title;
                        match (s.read_models_only, defaults_of(&s.rec).1) {
                            (true, _) => format!(
                                "{}: read models only, rebuilt from the owners' events",
                                s.name
                            ),
                            (false, true) => format!("{}: {mode} (the default)", s.name),
                            (false, false) => format!("{}: {mode}", s.name),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            "sys-cross-queries" => {
                let answers: Vec<String> = cards
                    .iter()
                    .filter(|c| {
                        matches!(
                            c.kind,
                            SystemKind::ApiComposition
                                | SystemKind::ReadModel
                                | SystemKind::CachedCopies
                        )
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
