//! The diagrams, one function each, grouped by the seed's sections; each lays out its boxes on a
//! [`Canvas`] from the cleaned and clamped input and says in words what it shows.

mod consistency;
mod cqrs;
mod migration;
mod ownership;
mod replication;
mod system;

use super::canvas::Canvas;
use super::text::clean;
use super::{Diagram, DiagramId, DiagramInput};
use crate::decision::same_entity;

/// The seed's three example services.
const SEED_SERVICES: [&str; 3] = ["User Service", "Order Service", "Product Service"];

pub fn layout(id: DiagramId, input: &DiagramInput) -> Diagram {
    let mut canvas = Canvas::default();
    let words = match id {
        DiagramId::StrongConsistency => consistency::strong(&mut canvas, input),
        DiagramId::EventualConsistency => consistency::eventual(&mut canvas, input),
        DiagramId::SingleSourceOfTruth => ownership::single_source_of_truth(&mut canvas, input),
        DiagramId::DatabasePerService => ownership::database_per_service(&mut canvas, input),
        DiagramId::SharedDatabase => ownership::shared_database(&mut canvas, input),
        DiagramId::PrimaryReplica => replication::primary_replica(&mut canvas, input),
        DiagramId::MultiPrimary => replication::multi_primary(&mut canvas, input),
        DiagramId::CqrsEventSourcing => cqrs::cqrs_event_sourcing(&mut canvas, input),
        DiagramId::ExpandContract => migration::expand_contract(&mut canvas, input),
        DiagramId::ParallelRun => migration::parallel_run(&mut canvas, input),
        DiagramId::System => system::system(&mut canvas, input),
    };
    canvas.finish(id, words)
}

/// A cleaned name (at most 200 chars), or `default` when nothing printable is left.
fn name(s: &str, default: &str) -> String {
    let c: String = clean(s).chars().take(200).collect();
    if c.is_empty() {
        default.to_string()
    } else {
        c
    }
}

/// The store every diagram names.
fn store_name(input: &DiagramInput) -> String {
    name(&input.store_name, &DiagramInput::default().store_name)
}

/// At most `max` cleaned names; none falls back to `default`, fewer than `min` is padded from `default` and
/// then with "Region n".
fn names(v: &[String], min: usize, max: usize, default: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = v
        .iter()
        .take(max)
        .enumerate()
        .map(|(i, s)| name(s, default.get(i).copied().unwrap_or("Unnamed")))
        .collect();
    if out.is_empty() {
        out = default.iter().map(|s| s.to_string()).collect();
    }
    while out.len() < min {
        out.push(
            default
                .get(out.len())
                .map_or_else(|| format!("Region {}", out.len() + 1), |s| s.to_string()),
        );
    }
    out
}

/// The 1–8 services of the service diagrams.
fn services(input: &DiagramInput) -> Vec<String> {
    names(&input.services, 1, 8, &SEED_SERVICES)
}

/// Box width for a row of service boxes: narrower when there are many.
fn service_width(count: usize) -> f32 {
    if count > 4 {
        160.0
    } else {
        200.0
    }
}

/// A cleaned entity or store name (at most 200 chars); empty when nothing printable is left.
fn entity(s: &str) -> String {
    clean(s).chars().take(200).collect()
}

/// The entities service `i` owns, cleaned and without repeats.
fn owned(input: &DiagramInput, i: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in input.owns.get(i).into_iter().flatten().map(|e| entity(e)) {
        if !e.is_empty() && !out.iter().any(|x| same_entity(x, &e)) {
            out.push(e);
        }
    }
    out
}

/// The recommended store of service `i`, cleaned; empty when not decided.
fn store_of(input: &DiagramInput, i: usize) -> String {
    input.stores.get(i).map(|s| entity(s)).unwrap_or_default()
}

/// "A, B and C".
fn list(v: &[String]) -> String {
    match v.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => rest.join(", ") + " and " + last,
        None => String::new(),
    }
}
