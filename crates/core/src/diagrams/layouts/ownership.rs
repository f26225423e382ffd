//! Who owns the data: single source of truth, database per service, shared database.

use super::{list, name, services, store_name};
use crate::diagrams::canvas::{matched_width, Canvas, Edge, Words};
use crate::diagrams::{BoxKind, DiagramInput, LabelKind};
use crate::engine::Verdict;

/// Box width for a row of service boxes: narrower when there are many.
fn service_width(count: usize) -> f32 {
    if count > 4 {
        160.0
    } else {
        200.0
    }
}

pub fn single_source_of_truth(c: &mut Canvas, input: &DiagramInput) -> Words {
    let services = services(input);
    let owner = name(&input.owner_service, &services[0]);
    let mut others: Vec<String> = services.iter().filter(|s| **s != owner).cloned().collect();
    if others.is_empty() {
        others.push("Other services".into());
    }
    let o = c.add_box(
        &[owner.as_str(), "source of truth"],
        BoxKind::Service,
        240.0,
    );
    let copies: Vec<[&str; 2]> = others
        .iter()
        .map(|s| [s.as_str(), "(cached copy)"])
        .collect();
    let texts: Vec<&[&str]> = copies.iter().map(|t| &t[..]).collect();
    let w = matched_width(&texts, service_width(others.len()));
    let row: Vec<usize> = copies
        .iter()
        .map(|t| c.add_box_of_width(t, BoxKind::Cache, w))
        .collect();
    c.stack(&[&[o], &row], 0.0, 0.0, 32.0, 64.0);
    for (i, &r) in row.iter().enumerate() {
        c.connect(
            o,
            r,
            Edge::solid().label((i == 0).then_some("publishes events")),
        );
    }
    c.note(&format!("Only {owner} may change this data. The others subscribe to its events or query it; their copies are caches, not sources."), LabelKind::Note);
    Words {
        title: format!("Single source of truth: {owner}"),
        desc: format!(
            "{owner} owns the data and publishes events to {}, which keep cached copies.",
            list(&others)
        ),
        text_alternative: vec![
            format!("{owner} is the single source of truth for its data; only it may change that data."),
            format!("{owner} publishes an event whenever the data changes."),
            format!("{} subscribe to these events and keep cached copies, which are explicitly caches, not sources.", list(&others)),
        ],
    }
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
    let databases: Vec<String> = services.iter().map(|s| format!("{s} DB")).collect();
    // Services and their databases share one width, so each column reads as a pair.
    let w = width_for(&databases, services.len());
    let svc = service_boxes(c, &services, w);
    let dbs: Vec<usize> = databases
        .iter()
        .map(|d| c.add_box_of_width(&[d], BoxKind::Store, w))
        .collect();
    let top: Vec<Option<usize>> = svc.iter().copied().map(Some).collect();
    let bottom: Vec<Option<usize>> = dbs.iter().copied().map(Some).collect();
    c.grid(&[&top, &bottom], 0.0, 32.0, 48.0);
    for (&s, &d) in svc.iter().zip(&dbs) {
        c.connect(s, d, Edge::solid());
    }
    c.note("Each database is reached only through its own service: services stay independent, but there are no cross-service joins.", LabelKind::Note);
    Words {
        title: "Database per service".into(),
        desc: format!("{} each own a separate database.", list(&services)),
        text_alternative: services
            .iter()
            .map(|s| format!("{s} owns {s} DB; no other service touches it."))
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
