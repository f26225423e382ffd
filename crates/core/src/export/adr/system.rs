//! The ADR of a decision of several services: the MADR sections for all of them, a section per service, and
//! the "System" section (also written for one service whose owned and read entities raise system advice).

use std::fmt::Write;

use super::{
    choice_rows, chosen, consequences, diagram_blocks, md, outcome_cards, pattern_cell,
    requirement_name,
};
use crate::catalog::Catalog;
use crate::decision::Decision;
use crate::diagrams::{clean, DiagramId};
use crate::engine::{Card, Recommendation, Verdict};
use crate::export::{diagram_input, relevant_diagrams, system_diagram_input, system_diagrams};
use crate::system::{alongside_names, FlowKind, ServiceView, SystemAdvice, SystemCard};

/// Service `i`'s name as the diagrams show it (cleaned; "Service 2" when nothing printable is left).
fn name(decision: &Decision, i: usize) -> String {
    match decision.services.get(i).map(|s| clean(&s.name)) {
        Some(n) if !n.is_empty() => n,
        _ => format!("Service {}", i + 1),
    }
}

/// Every service's name, escaped for Markdown.
fn names(decision: &Decision) -> Vec<String> {
    (0..decision.services.len())
        .map(|i| md(&name(decision, i)))
        .collect()
}

/// "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The record's title when the decision has none: up to three services by name, else how many.
pub(super) fn title(decision: &Decision) -> String {
    let all: Vec<String> = (0..decision.services.len())
        .map(|i| name(decision, i))
        .collect();
    if all.len() <= 3 {
        format!("Data architecture for {}", and_list(&all))
    } else {
        format!("Data architecture for {} services", all.len())
    }
}

/// Entities as one table cell: escaped, comma-separated, or "none".
fn entities(list: &[String]) -> String {
    if list.is_empty() {
        "none".into()
    } else {
        list.iter().map(|e| md(e)).collect::<Vec<_>>().join(", ")
    }
}

pub(super) fn context(o: &mut String, catalog: &Catalog, decision: &Decision) {
    o.push_str("## Context and Problem Statement\n\n");
    let n = decision.services.len();
    let _ = writeln!(o, "Which primary store, consistency model and level, replication and data patterns should each of these {n} services use, and how should they own and share their data?\n");
    o.push_str("| Service | Ticked requirements | Owns | Reads |\n| --- | --- | --- | --- |\n");
    for (s, name) in decision.services.iter().zip(names(decision)) {
        let ids = super::ticked_ids(&s.requirements);
        let _ = writeln!(
            o,
            "| {name} | {ids} | {} | {} |",
            entities(&s.owns),
            entities(&s.reads)
        );
    }
    o.push('\n');
    // Each requirement once, with the services that tick it.
    let mut ticked: Vec<(&String, Vec<usize>)> = Vec::new();
    for (i, s) in decision.services.iter().enumerate() {
        for id in &s.requirements {
            match ticked.iter_mut().find(|(t, _)| *t == id) {
                Some((_, who)) => who.push(i),
                None => ticked.push((id, vec![i])),
            }
        }
    }
    if ticked.is_empty() {
        o.push_str("Nothing is decided yet: no requirement from the catalogue is ticked for any service.\n\n");
        return;
    }
    o.push_str("What the services need:\n\n");
    let all = names(decision);
    for (id, who) in ticked {
        let who: Vec<String> = who.iter().map(|&i| all[i].clone()).collect();
        let help = catalog
            .requirement(id)
            .map(|r| format!(": {}", md(&r.help)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "* {}{help} ({})",
            requirement_name(catalog, id),
            and_list(&who)
        );
    }
    o.push('\n');
}

pub(super) fn drivers(o: &mut String, catalog: &Catalog, decision: &Decision) {
    o.push_str("## Decision Drivers\n\n");
    for (s, name) in decision.services.iter().zip(names(decision)) {
        let drivers: Vec<String> = s
            .requirements
            .iter()
            .map(|id| requirement_name(catalog, id))
            .collect();
        let drivers = if drivers.is_empty() {
            "nothing ticked yet".into()
        } else {
            drivers.join(", ")
        };
        let _ = writeln!(o, "* {name}: {drivers}");
    }
    o.push_str("* The system: several services, each the only owner of its data (the seed's microservices setting).\n\n");
}

/// A table with one column of outcomes per service: `| Option | A | B |`.
fn matrix(o: &mut String, heading: &str, columns: &[String], rows: &[(String, Vec<String>)]) {
    let _ = writeln!(o, "### {heading}\n");
    matrix_rows(o, columns, rows);
}

/// [`matrix`] without its heading.
fn matrix_rows(o: &mut String, columns: &[String], rows: &[(String, Vec<String>)]) {
    let _ = writeln!(o, "| Option | {} |", columns.join(" | "));
    let _ = writeln!(o, "|{}", " --- |".repeat(columns.len() + 1));
    for (option, cells) in rows {
        let _ = writeln!(o, "| {} | {} |", md(option), cells.join(" | "));
    }
    o.push('\n');
}

/// The rows of one choice (options from the catalogue), one cell per service: chosen (`chosen[i]` is service
/// `i`'s card of that choice), its default, or not chosen.
fn choice_matrix<'a>(
    recs: &[&Recommendation],
    chosen: &[&Card],
    options: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> Vec<(String, Vec<String>)> {
    let per_service: Vec<Vec<(String, String)>> = recs
        .iter()
        .zip(chosen)
        .map(|(r, c)| choice_rows(r, c, options.clone()))
        .collect();
    options
        .enumerate()
        .map(|(k, (_, title))| {
            let cells = per_service.iter().map(|rows| rows[k].1.clone()).collect();
            (title.to_string(), cells)
        })
        .collect()
}

/// Each service's card of one section.
fn chosen_cards<'r, 'c>(
    recs: &[&'r Recommendation<'c>],
    pick: fn(&'r Recommendation<'c>) -> &'r Card<'c>,
) -> Vec<&'r Card<'c>> {
    recs.iter().map(|r| pick(r)).collect()
}

pub(super) fn options(
    o: &mut String,
    catalog: &Catalog,
    decision: &Decision,
    advice: &SystemAdvice,
) {
    o.push_str("## Considered Options\n\n");
    let columns = names(decision);
    let recs: Vec<&Recommendation> = advice.services.iter().map(|s| &s.rec).collect();
    let primary = catalog
        .scoring
        .primary_store
        .iter()
        .filter_map(|id| catalog.store(id))
        .map(|s| (s.id.as_ref(), s.title.as_ref()));
    let rows = choice_matrix(&recs, &chosen_cards(&recs, |r| &r.primary_store), primary);
    matrix(o, "Primary store", &columns, &rows);
    let models = catalog
        .consistency_models
        .iter()
        .map(|m| (m.id.as_ref(), m.title.as_ref()));
    let rows = choice_matrix(&recs, &chosen_cards(&recs, |r| &r.consistency), models);
    matrix(o, "Consistency model", &columns, &rows);
    let levels = catalog
        .consistency_levels
        .iter()
        .map(|l| (l.id.as_ref(), l.title.as_ref()));
    let rows = choice_matrix(
        &recs,
        &chosen_cards(&recs, |r| &r.consistency_level),
        levels,
    );
    matrix(o, "Consistency level", &columns, &rows);
    let modes = super::replication_options(catalog);
    let rows = choice_matrix(&recs, &chosen_cards(&recs, |r| &r.replication), modes);
    matrix(o, "Replication", &columns, &rows);
    let verdict = |r: &Recommendation, id: &str| match r.patterns.iter().find(|c| c.choice == id) {
        Some(c) => pattern_cell(r, c),
        None => "Not assessed".into(),
    };
    let rows: Vec<(String, Vec<String>)> = recs[0]
        .patterns
        .iter()
        .map(|p| {
            let cells = recs.iter().map(|r| verdict(r, p.choice)).collect();
            (p.title.to_string(), cells)
        })
        .collect();
    let heading = "Data patterns, service by service";
    if advice.patterns.is_empty() {
        matrix(o, heading, &columns, &rows);
    } else {
        // The patterns of several services are the system's question: said where they are judged.
        let _ = writeln!(o, "### {heading}\n\nWhat each service's own ticks say of the patterns; \"Not assessed\" where none of them bears on one. Database per service and a shared database are judged for the system as a whole, on every service's ticks together: in the next table and under System.\n");
        matrix_rows(o, &columns, &rows);
    }
    if !advice.patterns.is_empty() {
        o.push_str("### Data patterns for the system\n\n| Option | The system |\n| --- | --- |\n");
        for c in &advice.patterns {
            let _ = writeln!(o, "| {} | {} |", md(c.title), c.verdict.label());
        }
        o.push('\n');
    }
    let rows: Vec<(String, Vec<String>)> = catalog
        .migrations
        .iter()
        .map(|m| {
            let cells = recs
                .iter()
                .map(|r| match r.migrations.iter().any(|c| c.choice == m.id) {
                    true => "**Recommended**".to_string(),
                    false => "Not needed".to_string(),
                })
                .collect();
            (m.title.to_string(), cells)
        })
        .collect();
    matrix(o, "Migrations", &columns, &rows);
}

pub(super) fn outcome(o: &mut String, decision: &Decision, advice: &SystemAdvice) {
    o.push_str("## Decision Outcome\n\n");
    o.push_str("Chosen for each service (primary store, consistency model, replication); \"by default\" where no tick of the service's own decides it, so the catalogue's default stands:\n\n");
    o.push_str("| Service | Chosen |\n| --- | --- |\n");
    for (view, name) in advice.services.iter().zip(names(decision)) {
        let chosen = match view.read_models_only {
            true => format!(
                "{}: read models only, as it owns no data (see System)",
                read_stores(view)
            ),
            false => view.headline.clone(),
        };
        let _ = writeln!(o, "| {name} | {} |", md(&chosen));
    }
    o.push('\n');
    if !advice.patterns.is_empty() {
        o.push_str("For the system, judged on every service's ticks together:\n\n");
        for c in &advice.patterns {
            let _ = writeln!(
                o,
                "* {}: {}. {}",
                md(c.title),
                c.verdict.label(),
                md(c.summary)
            );
        }
        o.push('\n');
    }
    o.push_str("Each service's choices, with the reasons for them, follow in a section of its own; how the services own and share data is under System.\n\n");
}

/// The read models a service keeps, by kind and first example: "search (Elasticsearch)".
fn read_stores(view: &ServiceView) -> String {
    let kinds = crate::system::alongside(&view.rec).map(|s| s.title.to_ascii_lowercase());
    let all: Vec<String> = kinds
        .zip(alongside_names(&view.rec))
        .map(|(kind, name)| format!("{kind} ({name})"))
        .collect();
    and_list(&all)
}

/// The diagrams drawn under System rather than for each service: they draw the services together.
const SYSTEM_WIDE: [DiagramId; 3] = [
    DiagramId::SingleSourceOfTruth,
    DiagramId::DatabasePerService,
    DiagramId::SharedDatabase,
];

/// The diagrams drawn from a service's primary store: its consistency and its replication.
const OF_THE_PRIMARY: [DiagramId; 4] = [
    DiagramId::StrongConsistency,
    DiagramId::EventualConsistency,
    DiagramId::PrimaryReplica,
    DiagramId::MultiPrimary,
];

/// A section per service: its outcome, consequences and own diagrams. Its own ticks decide them, without its
/// data: a service that keeps only read models is told so first, and the System section says what it runs.
pub(super) fn services(
    o: &mut String,
    catalog: &Catalog,
    decision: &Decision,
    advice: &SystemAdvice,
) {
    for (i, (view, name)) in advice.services.iter().zip(names(decision)).enumerate() {
        let _ = writeln!(o, "## Service: {name}\n");
        if view.read_models_only {
            let _ = writeln!(o, "> {name} owns no data: in the system it runs only its read models, {}, fed by the owners' events. Its own ticks alone decide what follows; it runs no primary store, so none is chosen for it here, and its read models are eventually consistent with their owners (see System).\n", md(&read_stores(view)));
        }
        outcome_cards(o, &view.rec, !view.read_models_only);
        consequences(o, catalog, &view.rec, !view.read_models_only);
        // A service of read models only draws none of the primary store's consistency or replication.
        let ids: Vec<DiagramId> = relevant_diagrams(&view.rec)
            .into_iter()
            .filter(|d| !SYSTEM_WIDE.contains(d))
            .filter(|d| !(view.read_models_only && OF_THE_PRIMARY.contains(d)))
            .collect();
        // Its own ticks decide its diagrams (the replicas of a read-heavy service, its store).
        let alone = Decision {
            services: vec![decision.services[i].clone()],
            ..Decision::default()
        };
        diagram_blocks(o, &diagram_input(&alone, 0, &view.rec), &ids);
    }
}

/// One system card: its verdict and title, what it says, why, its costs and the way out.
fn system_card(o: &mut String, c: &SystemCard) {
    let _ = writeln!(o, "### {}: {}\n", c.verdict.label(), md(&c.title));
    let _ = writeln!(o, "{}\n", md(&c.summary));
    for b in &c.because {
        let _ = writeln!(o, "* {}", md(b));
    }
    if !c.because.is_empty() {
        o.push('\n');
    }
    if !c.trade_offs.is_empty() {
        let costs: Vec<String> = c.trade_offs.iter().map(|t| md(t)).collect();
        let costs = costs.join("; ");
        let stop = if costs.ends_with('.') { "" } else { "." };
        let _ = writeln!(o, "Trade-offs: {costs}{stop}\n");
    }
    if !c.resolution.is_empty() {
        let _ = writeln!(o, "Way out: {}\n", md(&c.resolution));
    }
}

fn flows(o: &mut String, decision: &Decision, advice: &SystemAdvice) {
    if advice.flows.is_empty() {
        return;
    }
    let all = names(decision);
    o.push_str("### Data flows\n\n| Entity | Owner | Reader | How |\n| --- | --- | --- | --- |\n");
    for f in &advice.flows {
        let how = match f.kind {
            FlowKind::Event { outbox: true } => {
                "events through an outbox; the reader keeps a cache"
            }
            FlowKind::Event { outbox: false } => "events; the reader keeps a cache",
            FlowKind::Query => "queries the owner: it needs the latest write",
        };
        let _ = writeln!(
            o,
            "| {} | {} | {} | {how} |",
            md(&f.entity),
            all[f.owner],
            all[f.consumer]
        );
    }
    o.push('\n');
}

/// How service `i` shares data, from the flows: "Order to Payments (query); Customer from Customers (query)".
fn sharing(decision: &Decision, advice: &SystemAdvice, i: usize) -> Option<String> {
    let gives = advice.flows.iter().filter(|f| f.owner == i).map(|f| {
        let reader = name(decision, f.consumer);
        format!("{} to {reader} ({})", f.entity, f.kind.label())
    });
    let gets = advice.flows.iter().filter(|f| f.consumer == i).map(|f| {
        let owner = name(decision, f.owner);
        format!("{} from {owner} ({})", f.entity, f.kind.label())
    });
    let all: Vec<String> = gives.chain(gets).collect();
    (!all.is_empty()).then(|| all.join("; "))
}

/// `* [x] question — answer`, ticked by the user's edit or else when answered.
fn check(o: &mut String, question: &str, answer: Option<&str>, ticked: bool) {
    let _ = write!(o, "* [{}] {}", if ticked { 'x' } else { ' ' }, md(question));
    if let Some(answer) = answer {
        let _ = write!(o, " — {}", md(answer));
    }
    o.push('\n');
}

/// The seed's checklist for each service, then for the system. The link's checklist edits are the page's,
/// which edits the first service: they apply to its items and to the system's.
fn checklists(o: &mut String, decision: &Decision, advice: &SystemAdvice) {
    let edit = |id: &str| decision.checklist.get(id).copied();
    for (i, (view, name)) in advice.services.iter().zip(names(decision)).enumerate() {
        let _ = writeln!(o, "### Checklist: {name}\n");
        let owns = &decision.services[i].owns;
        for item in view.rec.checklist.iter().filter(|c| c.scope == "service") {
            let answer = match item.id {
                "svc-owned-data" if !owns.is_empty() => Some(owns.join(", ")),
                "svc-storage" if view.read_models_only => Some(format!(
                    "{}: read models only, as it owns no data",
                    read_stores(view)
                )),
                // Its read models are copies fed by the owners' events: caches, never the latest write.
                "svc-consistency" if view.read_models_only => Some(
                    "Eventual: its read models follow the owners' events, a moment behind them; what must be current is read from the owner".into(),
                ),
                "svc-sharing" => sharing(decision, advice, i).or_else(|| item.answer.clone()),
                _ => item.answer.clone(),
            };
            let first = if i == 0 { edit(item.id) } else { None };
            check(
                o,
                item.question,
                answer.as_deref(),
                first.unwrap_or(answer.is_some()),
            );
        }
        o.push('\n');
    }
    o.push_str("### Checklist: the system\n\n");
    for item in &advice.checklist {
        let ticked = edit(&item.id).unwrap_or(item.answer.is_some());
        check(o, &item.question, item.answer.as_deref(), ticked);
    }
    o.push('\n');
}

pub(super) fn system(o: &mut String, decision: &Decision, advice: &SystemAdvice) {
    o.push_str("## System\n\n");
    o.push_str("How the services own and share data: the patterns judged on all their ticks together, then what the entities they own and read call for.\n\n");
    for (i, view) in advice.services.iter().enumerate() {
        if !view.read_models_only {
            continue;
        }
        let name = md(&name(decision, i));
        let _ = writeln!(o, "{name} owns no data and keeps only read models: it runs {} and nothing else, fed by the events of the services it reads from, which it can replay to rebuild them. Its own ticks alone would give it the catalogue's default primary store, {}, which it does not need here, nor that store's replication: its section leaves them out, and the read models are fed by those events, not from a primary store of its own.\n", md(&read_stores(view)), md(&crate::export::primary_label(&view.rec)));
    }
    for c in &advice.patterns {
        match c.verdict {
            Verdict::Recommended => chosen(o, "Data pattern for the system", c, "Chosen option"),
            Verdict::Acceptable => chosen(o, "Acceptable for the system", c, "Acceptable option"),
            Verdict::Avoid => chosen(o, "Avoid for the system", c, "Rejected option"),
        }
    }
    for c in &advice.cards {
        system_card(o, c);
    }
    flows(o, decision, advice);
    diagram_blocks(
        o,
        &system_diagram_input(decision, advice),
        &system_diagrams(advice),
    );
    if decision.services.len() > 1 {
        checklists(o, decision, advice);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::SystemKind;

    /// A trade-off that already ends a sentence gets no second full stop (no system card has one today, so
    /// `crates/core/tests/export.rs` cannot reach it; it guards the whole ADR against "..").
    #[test]
    fn trade_offs_end_with_one_full_stop() {
        let card = |trade_offs: &[&str]| SystemCard {
            kind: SystemKind::DataAccess,
            verdict: Verdict::Recommended,
            title: "Each entity from its owner".into(),
            summary: "Only the owner changes an entity.".into(),
            because: Vec::new(),
            trade_offs: trade_offs.iter().map(|t| t.to_string()).collect(),
            resolution: String::new(),
            services: Vec::new(),
            catalog_ref: "",
        };
        for (trade_offs, line) in [
            (
                &["Data duplication", "Higher latency"][..],
                "Trade-offs: Data duplication; Higher latency.\n",
            ),
            (
                &["Data duplication", "Owners must be up."],
                "Trade-offs: Data duplication; Owners must be up.\n",
            ),
        ] {
            let mut o = String::new();
            system_card(&mut o, &card(trade_offs));
            assert!(o.contains(line) && !o.contains(".."), "{o}");
        }
    }
}
