//! Who owns the data: single source of truth, database per service, shared database.

use super::system::{agree, lines, pairs, two_owners, Pair};
use super::{list, name, owned, service_width, services, store_name, store_of};
use crate::diagrams::canvas::{matched_width, Canvas, Edge, Words};
use crate::diagrams::{BoxKind, DiagramInput, LabelKind};
use crate::engine::Verdict;
use crate::system::FlowKind;

/// The owner the single-source-of-truth diagram draws and its readers (indices into `services`) with how each
/// gets the data: with data flows, the owner with the most readers; else the named owner and every other
/// service, as the seed draws it (events, cached copies).
fn owner_and_readers(
    input: &DiagramInput,
    services: &[String],
    flows: &[Pair],
) -> (usize, Vec<(usize, FlowKind)>) {
    let readers_of = |o: usize| -> Vec<(usize, FlowKind)> {
        flows
            .iter()
            .filter(|p| p.owner == o)
            .map(|p| (p.consumer, p.kind))
            .collect()
    };
    let busiest = (0..services.len()).max_by_key(|&o| (readers_of(o).len(), usize::MAX - o));
    if let Some(o) = busiest.filter(|&o| !readers_of(o).is_empty()) {
        return (o, readers_of(o));
    }
    let named = name(&input.owner_service, &services[0]);
    let o = services.iter().position(|s| *s == named).unwrap_or(0);
    let event = FlowKind::Event { outbox: false };
    let others = (0..services.len()).filter(|&i| i != o).map(|i| (i, event));
    (o, others.collect())
}

/// The one label of the arrows from an owner, on the trunk they share: true of all of them.
fn trunk_label(readers: &[(usize, FlowKind)]) -> &'static str {
    let events = readers.iter().find(|r| r.1 != FlowKind::Query);
    let queries = readers.iter().any(|r| r.1 == FlowKind::Query);
    match (events, queries) {
        (Some(_), true) => "events and queries",
        (Some((_, FlowKind::Event { outbox: true })), false) => "publishes events (outbox)",
        (Some(_), false) => "publishes events",
        (None, _) => "answers queries",
    }
}

pub fn single_source_of_truth(c: &mut Canvas, input: &DiagramInput) -> Words {
    let services = services(input);
    let flows = pairs(&input.flows, services.len());
    let (o, readers) = owner_and_readers(input, &services, &flows);
    let owner = services[o].clone();
    let owns = owned(input, o);
    let role = if owns.is_empty() {
        "source of truth".to_string()
    } else {
        format!("source of truth for {}", owns.join(", "))
    };
    // Wide enough for a few entities on the owner's second line.
    let o_box = c.add_box(&[owner.as_str(), role.as_str()], BoxKind::Service, 320.0);
    let mut copies: Vec<([String; 2], BoxKind)> = readers
        .iter()
        .map(|&(r, kind)| match kind {
            FlowKind::Query => (
                [services[r].clone(), "(queries the owner)".into()],
                BoxKind::Service,
            ),
            _ => (
                [services[r].clone(), "(cached copy)".into()],
                BoxKind::Cache,
            ),
        })
        .collect();
    if copies.is_empty() {
        copies.push((
            ["Other services".into(), "(cached copy)".into()],
            BoxKind::Cache,
        ));
    }
    let texts: Vec<&[String]> = copies.iter().map(|(t, _)| &t[..]).collect();
    let w = matched_width(&texts, service_width(copies.len()));
    let row: Vec<usize> = copies
        .iter()
        .map(|(t, kind)| c.add_box_of_width(t, *kind, w))
        .collect();
    c.stack(&[&[o_box], &row], 0.0, 0.0, 32.0, 64.0);
    let how = trunk_label(&readers);
    for (i, &r) in row.iter().enumerate() {
        c.connect(o_box, r, Edge::solid().label((i == 0).then_some(how)));
    }
    let (this_data, its_data) = if owns.is_empty() {
        ("this data".to_string(), "its data".to_string())
    } else {
        (list(&owns), list(&owns))
    };
    c.note(&format!("Only {owner} may change {this_data}. The others subscribe to its events or query it; their copies are caches, not sources."), LabelKind::Note);
    let named = |query: bool| -> Vec<String> {
        readers
            .iter()
            .filter(|r| (r.1 == FlowKind::Query) == query)
            .map(|r| services[r.0].clone())
            .collect()
    };
    let (subscribers, askers) = (named(false), named(true));
    let mut text = vec![format!(
        "{owner} is the single source of truth for {its_data}; only it may change {}.",
        if owns.is_empty() { "that data" } else { "it" }
    )];
    let (subscribers, subscribed) = if subscribers.is_empty() && readers.is_empty() {
        (vec!["Other services".to_string()], 2)
    } else {
        let n = subscribers.len();
        (subscribers, n)
    };
    let asked = askers.len();
    if !subscribers.is_empty() {
        let outbox = readers
            .iter()
            .any(|r| r.1 == FlowKind::Event { outbox: true });
        let through = if outbox {
            ", through an outbox, so the write and its event commit together"
        } else {
            ""
        };
        text.push(format!(
            "{owner} publishes an event whenever the data changes{through}."
        ));
        text.push(format!(
            "{} {} to these events and {} cached copies, which are explicitly caches, not sources.",
            list(&subscribers),
            agree(subscribed, "subscribes", "subscribe"),
            agree(subscribed, "keeps", "keep")
        ));
    }
    // Each entity it answers queries for once, with all its askers: the system diagram's own sentences.
    text.extend(
        lines(&input.flows, &flows)
            .iter()
            .filter(|l| l.owner == o && l.kind == FlowKind::Query)
            .map(|l| l.sentence(&services)),
    );
    // In the system diagram's legend's words: the reader needs the latest write, which an eventually
    // consistent owner may not have, so the query is not said to get it.
    let ask = format!(
        "{} {} it each time, as {} the latest write",
        list(&askers),
        agree(asked, "queries", "query"),
        agree(asked, "it needs", "they need")
    );
    let the_data = if owns.is_empty() {
        "the data".to_string()
    } else {
        list(&owns)
    };
    let desc = match (subscribers.is_empty(), askers.is_empty()) {
        (false, true) => format!(
            "{owner} owns {the_data} and publishes events to {}, which {} cached copies.",
            list(&subscribers),
            agree(subscribed, "keeps", "keep")
        ),
        (true, _) => format!("{owner} owns {the_data}; {ask}."),
        (false, false) => format!(
            "{owner} owns {the_data}; {} {} cached copies from its events and {ask}.",
            list(&subscribers),
            agree(subscribed, "keeps", "keep")
        ),
    };
    text.extend(other_owners(input, &services, o));
    // An entity with two owners has no single source of truth: the picture must not pretend it has one.
    let problems = two_owners(input, &services);
    if !problems.is_empty() {
        c.note(&format!("⚠ {}", problems.join(" ")), LabelKind::Warn);
    }
    text.extend(problems);
    Words {
        title: format!("Single source of truth: {owner}"),
        desc,
        text_alternative: text,
    }
}

/// The services other than the drawn owner `o` that own entities too: each is the source of truth for its own.
fn other_owners(input: &DiagramInput, services: &[String], o: usize) -> Option<String> {
    let each: Vec<String> = (0..services.len())
        .filter(|&i| i != o)
        .filter_map(|i| {
            let owns = owned(input, i);
            (!owns.is_empty()).then(|| format!("{} for {}", services[i], list(&owns)))
        })
        .collect();
    (!each.is_empty()).then(|| {
        format!(
            "Each other owner is the single source of truth for its own entities in the same way: {} (the system diagram draws them all).",
            each.join("; ")
        )
    })
}

/// One box per service, in a row, `w` wide.
fn service_boxes(c: &mut Canvas, services: &[String], w: f32) -> Vec<usize> {
    services
        .iter()
        .map(|s| c.add_box_of_width(&[s], BoxKind::Service, w))
        .collect()
}

/// One width for the boxes of all these names.
fn width_for(names: &[String], count: usize) -> f32 {
    let texts: Vec<&[String]> = names.iter().map(std::slice::from_ref).collect();
    matched_width(&texts, service_width(count))
}

pub fn database_per_service(c: &mut Canvas, input: &DiagramInput) -> Words {
    let services = services(input);
    // A database's name, then its store and the entities its service owns, where the decision names them.
    let databases: Vec<Vec<String>> = services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut t = vec![format!("{s} DB")];
            t.extend(Some(store_of(input, i)).filter(|s| !s.is_empty()));
            let owns = owned(input, i);
            t.extend((!owns.is_empty()).then(|| owns.join(", ")));
            t
        })
        .collect();
    // Services and their databases share one width, so each column reads as a pair.
    let texts: Vec<&[String]> = databases.iter().map(|t| &t[..]).collect();
    let w = matched_width(&texts, service_width(services.len()));
    let svc = service_boxes(c, &services, w);
    let dbs: Vec<usize> = databases
        .iter()
        .map(|d| c.add_box_of_width(d, BoxKind::Store, w))
        .collect();
    let top: Vec<Option<usize>> = svc.iter().copied().map(Some).collect();
    let bottom: Vec<Option<usize>> = dbs.iter().copied().map(Some).collect();
    c.grid(&[&top, &bottom], 0.0, 32.0, 48.0);
    for (&s, &d) in svc.iter().zip(&dbs) {
        c.connect(s, d, Edge::solid());
    }
    c.note("Each database is reached only through its own service: services stay independent, but there are no cross-service joins.", LabelKind::Note);
    let sentence = |(i, s): (usize, &String)| {
        let store = store_of(input, i);
        let store = if store.is_empty() {
            String::new()
        } else {
            format!(" ({store})")
        };
        let owns = owned(input, i);
        let holds = if owns.is_empty() {
            String::new()
        } else {
            format!(", which holds {}", list(&owns))
        };
        format!("{s} owns {s} DB{store}{holds}; no other service touches it.")
    };
    Words {
        title: "Database per service".into(),
        desc: format!("{} each own a separate database.", list(&services)),
        text_alternative: services
            .iter()
            .enumerate()
            .map(sentence)
            .chain(["Services deploy independently and choose their own storage, but cross-service joins and distributed transactions are hard.".into()])
            .collect(),
    }
}

pub fn shared_database(c: &mut Canvas, input: &DiagramInput) -> Words {
    let store = store_name(input);
    let services = services(input);
    let svc = service_boxes(c, &services, width_for(&services, services.len()));
    let all = list(&services);
    let anti = input.shared_database_verdict == Verdict::Avoid;
    let db = c.add_box(
        &[store.as_str(), "(shared database)"],
        if anti { BoxKind::Warn } else { BoxKind::Store },
        240.0,
    );
    c.stack(&[&svc, &[db]], 0.0, 0.0, 32.0, 64.0);
    for &s in &svc {
        c.connect(s, db, Edge::solid());
    }
    let (verdict, kind) = if anti {
        ("⚠ Anti-pattern here: the services are coupled through one schema, cannot deploy independently, and one change affects them all.", LabelKind::Warn)
    } else {
        ("Acceptable here: a shared database suits a monolith in transition, a small team, or read-only reference data.", LabelKind::Note)
    };
    c.note(verdict, kind);
    Words {
        title: if anti {
            "Shared database (anti-pattern)".into()
        } else {
            "Shared database".into()
        },
        desc: format!("{all} all read and write one shared {store} database."),
        text_alternative: vec![
            format!("{all} all connect to the same {store} database."),
            "They are coupled through its schema: a change to it affects every service.".into(),
            verdict.trim_start_matches("⚠ ").into(),
        ],
    }
}
