//! The ten diagrams, each laid out from the (cleaned, clamped) input.

use super::build::{label, Canvas};
use super::text::clean;
use super::{BoxKind as K, Diagram, DiagramId, DiagramInput, LabelKind as L, ReplicationLabel};
use crate::engine::Verdict;

/// A cleaned name (at most 200 chars), or `default` when nothing printable is left.
fn name(s: &str, default: &str) -> String {
    let c: String = clean(s).chars().take(200).collect();
    if c.is_empty() {
        default.to_string()
    } else {
        c
    }
}

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

fn p(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

/// "A, B and C".
fn list(v: &[String]) -> String {
    match v.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => rest.join(", ") + " and " + last,
        None => String::new(),
    }
}

/// A parallel-run step: heading, old and new store roles, arrow labels (none: no arrow), compare.
type Step<'a> = (
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    bool,
);

pub fn layout(id: DiagramId, input: &DiagramInput) -> Diagram {
    let d = DiagramInput::default();
    let store = name(&input.store_name, &d.store_name);
    let mut c = Canvas::default();
    let (title, desc, alt): (String, String, Vec<String>) = match id {
        DiagramId::StrongConsistency => {
            let a = c.bx(&p(&["Client A"]), K::Actor, 200.0);
            let db = c.bx(&[store.clone(), "X = 1".into()], K::Store, 220.0);
            let b = c.bx(&p(&["Client B"]), K::Actor, 200.0);
            c.stack(&[&[a], &[db], &[b]], 0.0, 0.0, 40.0, 64.0);
            c.link(a, db, Some("writes X=1"), false, false);
            c.link(db, b, Some("read X → always 1"), false, false);
            c.note("Every read sees the latest write: simplest to program, but higher latency and lower availability during failures.", L::Note);
            (
                format!("Strong consistency with {store}"),
                format!("Client A writes X=1 to {store}; client B then reads X and always gets 1."),
                vec![
                    format!("Client A writes X=1 to {store}."),
                    format!("{store} acknowledges the write only once it is the latest value every reader will see."),
                    format!("Client B then reads X from {store} and always gets 1: all reads see the latest write."),
                ],
            )
        }
        DiagramId::EventualConsistency => {
            let a = c.bx(&p(&["Client A"]), K::Actor, 200.0);
            let r1 = c.bx(
                &[format!("{store} replica 1"), "X = 1".into()],
                K::Store,
                220.0,
            );
            let r2 = c.bx(
                &[
                    format!("{store} replica 2"),
                    "X = 0 (not yet replicated)".into(),
                ],
                K::Store,
                220.0,
            );
            let r1b = c.bx(&p(&["Replica 1", "X = 1"]), K::Store, 220.0);
            let r2b = c.bx(&p(&["Replica 2", "X = 1 (converged)"]), K::Store, 220.0);
            c.stack(&[&[a], &[r1, r2], &[r1b, r2b]], 0.0, 0.0, 48.0, 64.0);
            c.link(a, r1, Some("writes X=1"), false, false);
            c.link(a, r2, None, true, false);
            c.link(r1, r1b, None, false, false);
            c.link(r2, r2b, Some("later"), true, false);
            c.note("Until replication catches up, a read from replica 2 still returns the old value 0.", L::Note);
            (
                format!("Eventual consistency with {store}"),
                format!("A write of X=1 reaches one {store} replica first; the other still holds X=0 until both converge."),
                vec![
                    "Client A writes X=1.".into(),
                    format!("The write reaches replica 1 of {store} first, which now holds X=1."),
                    "Replica 2 has not received it yet and still holds X=0, so a read there returns the old value.".into(),
                    "Later, replication catches up and both replicas hold X=1: they have converged.".into(),
                ],
            )
        }
        DiagramId::SingleSourceOfTruth => {
            let services = names(
                &input.services,
                1,
                8,
                &["User Service", "Order Service", "Product Service"],
            );
            let owner = name(&input.owner_service, &services[0]);
            let mut others: Vec<String> =
                services.iter().filter(|s| **s != owner).cloned().collect();
            if others.is_empty() {
                others.push("Other services".into());
            }
            let o = c.bx(
                &[owner.clone(), "source of truth".into()],
                K::Service,
                240.0,
            );
            let w = if others.len() > 4 { 160.0 } else { 200.0 };
            let row: Vec<usize> = others
                .iter()
                .map(|s| c.bx(&[s.clone(), "(cached copy)".into()], K::Cache, w))
                .collect();
            c.stack(&[&[o], &row], 0.0, 0.0, 32.0, 64.0);
            for (i, &r) in row.iter().enumerate() {
                c.link(o, r, (i == 0).then_some("publishes events"), false, false);
            }
            c.note(&format!("Only {owner} may change this data. The others subscribe to its events or query it; their copies are caches, not sources."), L::Note);
            (
                format!("Single source of truth: {owner}"),
                format!("{owner} owns the data and publishes events to {}, which keep cached copies.", list(&others)),
                vec![
                    format!("{owner} is the single source of truth for its data; only it may change that data."),
                    format!("{owner} publishes an event whenever the data changes."),
                    format!("{} subscribe to these events and keep cached copies, which are explicitly caches, not sources.", list(&others)),
                ],
            )
        }
        DiagramId::DatabasePerService | DiagramId::SharedDatabase => {
            let services = names(
                &input.services,
                1,
                8,
                &["User Service", "Order Service", "Product Service"],
            );
            let w = if services.len() > 4 { 160.0 } else { 200.0 };
            let svc: Vec<usize> = services
                .iter()
                .map(|s| c.bx(std::slice::from_ref(s), K::Service, w))
                .collect();
            let all = list(&services);
            if id == DiagramId::DatabasePerService {
                let dbs: Vec<usize> = services
                    .iter()
                    .map(|s| c.bx(&[format!("{s} DB")], K::Store, w))
                    .collect();
                let top: Vec<Option<usize>> = svc.iter().copied().map(Some).collect();
                let bottom: Vec<Option<usize>> = dbs.iter().copied().map(Some).collect();
                c.grid(&[&top, &bottom], 0.0, 32.0, 48.0);
                for (&s, &d) in svc.iter().zip(&dbs) {
                    c.link(s, d, None, false, false);
                }
                c.note("Each database is reached only through its own service: services stay independent, but there are no cross-service joins.", L::Note);
                (
                    "Database per service".into(),
                    format!("{all} each own a separate database."),
                    services.iter().map(|s| format!("{s} owns {s} DB; no other service touches it.")).chain(["Services deploy independently and choose their own storage, but cross-service joins and distributed transactions are hard.".into()]).collect(),
                )
            } else {
                let anti = input.shared_database_verdict == Verdict::Avoid;
                let db = c.bx(
                    &[store.clone(), "(shared database)".into()],
                    if anti { K::Warn } else { K::Store },
                    240.0,
                );
                c.stack(&[&svc, &[db]], 0.0, 0.0, 32.0, 64.0);
                for &s in &svc {
                    c.link(s, db, None, false, false);
                }
                let (mark, say) = if anti {
                    ("⚠ Anti-pattern here: the services are coupled through one schema, cannot deploy independently, and one change affects them all.", L::Warn)
                } else {
                    ("Acceptable here: a shared database suits a monolith in transition, a small team, or read-only reference data.", L::Note)
                };
                c.note(mark, say);
                (
                    if anti { "Shared database (anti-pattern)".into() } else { "Shared database".into() },
                    format!("{all} all read and write one shared {store} database."),
                    vec![format!("{all} all connect to the same {store} database."), "They are coupled through its schema: a change to it affects every service.".into(), mark.trim_start_matches("⚠ ").into()],
                )
            }
        }
        DiagramId::PrimaryReplica => {
            let n = input.replicas.clamp(1, 5);
            let mode = input.replication;
            let w = c.bx(&p(&["All writes"]), K::Actor, 200.0);
            let pr = c.bx(&[store.clone(), "primary".into()], K::Store, 220.0);
            let reps: Vec<usize> = (1..=n)
                .map(|i| c.bx(&[format!("Replica {i}"), store.clone()], K::Store, 180.0))
                .collect();
            let r = c.bx(&p(&["Reads"]), K::Actor, 200.0);
            c.stack(&[&[w], &[pr], &reps, &[r]], 0.0, 0.0, 32.0, 64.0);
            c.link(w, pr, None, false, false);
            let rl = format!("{} replication", mode.label());
            for (i, &x) in reps.iter().enumerate() {
                c.link(
                    pr,
                    x,
                    (i == 0).then_some(rl.as_str()),
                    mode == ReplicationLabel::Async,
                    false,
                );
            }
            for (i, &x) in reps.iter().enumerate() {
                c.link(r, x, (i == 0).then_some("reads"), false, false);
            }
            let how = match mode {
                ReplicationLabel::Async => "Async: the primary doesn't wait for replicas. Fast, but the latest writes can be lost if it fails.".to_string(),
                ReplicationLabel::SemiSync => "Semi-sync: the primary waits for one replica to confirm. A balance of speed and durability.".to_string(),
                ReplicationLabel::Sync => format!("Sync: the primary waits for all {n} replicas. Slow but durable."),
            };
            c.note(&how, L::Note);
            let s = if n == 1 { "" } else { "s" };
            (
                format!("Primary-replica: {store}, {} replication, {n} replica{s}", mode.label()),
                format!("All writes go to the {store} primary, which replicates ({}) to {n} replica{s} that serve reads.", mode.label()),
                vec![format!("All writes go to the {store} primary."), format!("The primary copies each write to {n} replica{s} using {} replication.", mode.label()), "Reads can go to any replica.".into(), how],
            )
        }
        DiagramId::MultiPrimary => {
            let regions = names(&input.regions, 2, 5, &["Region 1", "Region 2"]);
            let gap = label("replicate", L::Arrow, 150.0, 1).w + 16.0;
            let mut top = Vec::new();
            let mut prim = Vec::new();
            for (i, r) in regions.iter().enumerate() {
                top.push(Some(c.bx(
                    &["Local writes".into(), r.clone()],
                    K::Actor,
                    200.0,
                )));
                let letter = char::from(b'A' + i as u8);
                prim.push(Some(c.bx(
                    &[format!("Primary {letter}"), format!("({r})"), store.clone()],
                    K::Store,
                    200.0,
                )));
            }
            c.grid(&[&top, &prim], 0.0, gap.max(48.0), 48.0);
            for (t, q) in top.iter().zip(&prim) {
                c.link(t.unwrap_or(0), q.unwrap_or(0), None, false, false);
            }
            for w in prim.windows(2) {
                let a = c.link(
                    w[0].unwrap_or(0),
                    w[1].unwrap_or(0),
                    Some("replicate"),
                    false,
                    false,
                );
                c.a[a].bidirectional = true;
            }
            let warn = "Conflict resolution needed: the same record can change in two regions at once, so concurrent writes must be merged (e.g. last-write-wins, version vectors, CRDTs). Reads are eventually consistent.";
            c.note(warn, L::Warn);
            (
                format!("Multi-primary {store} across {}", list(&regions)),
                format!("A {store} primary in each of {} accepts local writes and replicates both ways; conflicts must be resolved.", list(&regions)),
                vec![format!("Each of {} has its own {store} primary that accepts local writes.", list(&regions)), "The primaries replicate to each other in both directions.".into(), warn.into()],
            )
        }
        DiagramId::CqrsEventSourcing => {
            let events = names(&input.event_names, 1, 8, &["Created", "Updated", "Shipped"]);
            let cmd = c.bx(&p(&["Commands"]), K::Actor, 200.0);
            let q = c.bx(&p(&["Queries"]), K::Actor, 200.0);
            let cm = c.bx(
                &p(&["Command model", "(validates, emits events)"]),
                K::Service,
                220.0,
            );
            let rm = c.bx(&p(&["Read model", "(projections)"]), K::Service, 220.0);
            let mut es_text = vec![format!("Event store ({store})")];
            es_text.extend(
                events
                    .iter()
                    .enumerate()
                    .map(|(i, e)| format!("{}. {e}", i + 1)),
            );
            let es = c.bx(&es_text, K::Store, 220.0);
            let gap = label("build", L::Arrow, 150.0, 1).w + 24.0;
            c.grid(
                &[
                    &[Some(cmd), Some(q)],
                    &[Some(cm), Some(rm)],
                    &[Some(es), None],
                ],
                0.0,
                gap.max(64.0),
                64.0,
            );
            c.link(cmd, cm, None, false, false);
            c.link(rm, q, None, false, false);
            c.link(cm, rm, Some("build"), false, false);
            c.link(cm, es, Some("append events"), false, false);
            c.note("The read model is rebuilt from the events, so it is eventually consistent with the commands; every change stays in the audit trail.", L::Note);
            (
                "CQRS with event sourcing".into(),
                format!("Commands go to a command model that appends events ({}) to the event store; projections build a read model that answers queries.", list(&events)),
                vec![
                    "Commands (writes) go to the command model, which validates them and emits events.".into(),
                    format!("The events are appended in order to the event store ({store}): {}.", list(&events)),
                    "The command model's events build projections: the read model.".into(),
                    "Queries (reads) are answered from the read model, which is eventually consistent with the commands.".into(),
                ],
            )
        }
        DiagramId::ExpandContract => {
            let t = name(&input.table, &d.table);
            let old = name(&input.old_column, &d.old_column);
            let new = name(&input.new_column, &d.new_column);
            let (id_col, o, n) = ("- id".to_string(), format!("- {old}"), format!("- {new}"));
            let phases: [(&str, Vec<String>); 4] = [
                (
                    "Phase 1: Add new column (nullable)",
                    vec![
                        t.clone(),
                        id_col.clone(),
                        o.clone() + " (old)",
                        n.clone() + " (new, nullable)",
                    ],
                ),
                (
                    "Phase 2: Migrate data, dual-write",
                    vec![
                        t.clone(),
                        id_col.clone(),
                        o.clone() + " (written)",
                        n.clone() + " (backfilled, written)",
                    ],
                ),
                (
                    "Phase 3: Switch reads to new column",
                    vec![
                        t.clone(),
                        id_col.clone(),
                        o + " (written, not read)",
                        n.clone() + " (read and written)",
                    ],
                ),
                ("Phase 4: Drop old column", vec![t.clone(), id_col, n]),
            ];
            let ids: Vec<Option<usize>> = phases
                .iter()
                .map(|(_, lines)| Some(c.bx(lines, K::Table, 280.0)))
                .collect();
            // Equal columns (text already fits the narrower width) so the four phases read as one table.
            let w = c.b.iter().map(|b| b.w).fold(180.0, f32::max);
            c.b.iter_mut().for_each(|b| b.w = w);
            c.grid(&[&ids], 0.0, 40.0, 0.0);
            for (i, (h, _)) in phases.iter().enumerate() {
                c.heading(h, &[ids[i].unwrap_or(0)]);
                if i > 0 {
                    c.link(
                        ids[i - 1].unwrap_or(0),
                        ids[i].unwrap_or(0),
                        None,
                        false,
                        false,
                    );
                }
            }
            (
                format!("Expand and contract: {t}.{old} → {t}.{new}"),
                format!("Column {old} of table {t} is replaced by {new} in four phases without downtime."),
                vec![
                    format!("Phase 1: add the new column {new} to {t}, nullable, next to {old}."),
                    format!("Phase 2: migrate existing data from {old} to {new} and write both columns."),
                    format!("Phase 3: switch reads to {new}; {old} is still written but no longer read."),
                    format!("Phase 4: drop the old column {old}; {t} keeps id and {new}."),
                ],
            )
        }
        DiagramId::ParallelRun => {
            let os = name(&input.old_store, &d.old_store);
            let ns = name(&input.new_store, &d.new_store);
            let rw = "reads + writes";
            let steps: [Step; 4] = [
                (
                    "Step 1: Write to both, read from old",
                    "(source)",
                    "(shadow)",
                    Some(rw),
                    Some("writes"),
                    false,
                ),
                (
                    "Step 2: Compare results, fix discrepancies",
                    "(source)",
                    "(verify)",
                    Some(rw),
                    Some("writes"),
                    true,
                ),
                (
                    "Step 3: Switch reads to new",
                    "(still written)",
                    "(serves reads)",
                    Some("writes"),
                    Some(rw),
                    false,
                ),
                (
                    "Step 4: Stop writing to old",
                    "(retired)",
                    "(source)",
                    None,
                    Some(rw),
                    false,
                ),
            ];
            let gap = label("compare", L::Arrow, 150.0, 1).w + 16.0;
            let mut panels = Vec::new();
            for (h, orole, nrole, ol, nl, cmp) in steps {
                let m = c.mark();
                let app = c.bx(&p(&["Application"]), K::Actor, 200.0);
                let ob = c.bx(
                    &[os.clone(), orole.into()],
                    if ol.is_none() { K::Muted } else { K::Store },
                    180.0,
                );
                let nb = c.bx(&[ns.clone(), nrole.into()], K::Store, 180.0);
                c.stack(&[&[app], &[ob, nb]], 0.0, 0.0, gap.max(56.0), 64.0);
                if ol.is_some() {
                    c.link(app, ob, ol, false, true);
                }
                c.link(app, nb, nl, false, true);
                if cmp {
                    let a = c.link(ob, nb, Some("compare"), true, false);
                    c.a[a].bidirectional = true;
                }
                c.heading(h, &[app, ob, nb]);
                panels.push((m, c.bounds(m)));
            }
            let cw = panels.iter().map(|(_, b)| b.2 - b.0).fold(0.0, f32::max) + 48.0;
            let ch = panels.iter().map(|(_, b)| b.3 - b.1).fold(0.0, f32::max) + 40.0;
            for (k, (m, b)) in panels.iter().enumerate().rev() {
                let (col, row) = ((k % 2) as f32, (k / 2) as f32);
                let until = panels.get(k + 1).map(|p| p.0);
                let dx = col * cw + (cw - (b.2 - b.0)) / 2.0 - b.0;
                let dy = row * ch - b.1;
                c.shift_range(*m, until, dx, dy);
            }
            (
                format!("Parallel run: {os} → {ns}"),
                format!("The application moves from {os} to {ns} in four steps, running both side by side."),
                vec![
                    format!("Step 1: write to both {os} and {ns}; read from {os}, which stays the source."),
                    format!("Step 2: compare results between {os} and {ns} and fix discrepancies."),
                    format!("Step 3: switch reads to {ns}; {os} is still written."),
                    format!("Step 4: stop writing to {os}; {ns} is the source."),
                ],
            )
        }
    };
    c.finish(id, title, desc, alt)
}
