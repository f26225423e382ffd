//! The seed's "Distributed transactions hard": which services one business change is likely to write in, and
//! the saga that replaces the transaction it cannot be (docs/ADVICE.md, "Sagas").
//!
//! Two services take part together when each has transactional data in its own database and they react to
//! each other's changes (each reads the other's data), or one reads the other's money, stock or bookings,
//! which its changes use up. Pairs that share a service are one business change: one saga across all of them,
//! its steps in the order that is safest to undo, each step's compensation named, and every step carried by
//! events through outboxes (no participant queries another for the latest state: each checks its own).

use super::{
    and_list, consumable, push_new, reference, transactional, Ownership, ServiceView, SystemCard,
    SystemKind, CONSUMABLE,
};
use crate::catalog::Catalog;
use crate::decision::Decision;
use crate::engine::Verdict;

/// Two services a business change is likely to write in both (`a < b`), with what each reads from the other
/// and why they take part together.
pub(super) struct Pair {
    pub a: usize,
    pub b: usize,
    a_reads: Vec<String>,
    b_reads: Vec<String>,
    why: String,
}

impl Pair {
    /// Whether services `x` and `y` (either way round) are this pair.
    pub fn joins(&self, x: usize, y: usize) -> bool {
        (self.a, self.b) == (x.min(y), x.max(y))
    }
}

/// The pairs of services one business change is likely to write in (see the module's rule). Reading another's
/// data alone (an order reads its customer) writes nothing there; a reader that owns no data writes nothing at
/// all; reference data is not changed in its readers' transactions.
pub(super) fn pairs(cat: &Catalog, decision: &Decision, model: &Ownership) -> Vec<Pair> {
    let svc = |i: usize| &decision.services[i];
    let tx = |i: usize| transactional(cat, &svc(i).requirements);
    let mut pairs: Vec<Pair> = Vec::new();
    for e in &model.entities {
        for &o in e.owners.iter().filter(|&&o| !reference(decision, o)) {
            for &r in &e.readers {
                if o == r || !tx(o) || !tx(r) || svc(r).owns.is_empty() {
                    continue;
                }
                let at = match pairs.iter().position(|p| p.joins(o, r)) {
                    Some(at) => at,
                    None => {
                        pairs.push(Pair {
                            a: o.min(r),
                            b: o.max(r),
                            a_reads: Vec::new(),
                            b_reads: Vec::new(),
                            why: String::new(),
                        });
                        pairs.len() - 1
                    }
                };
                let p = &mut pairs[at];
                let reads = if r == p.a {
                    &mut p.a_reads
                } else {
                    &mut p.b_reads
                };
                push_new(reads, e.name.clone());
            }
        }
    }
    pairs.retain_mut(|p| match why(decision, p) {
        Some(why) => {
            p.why = why;
            true
        }
        None => false,
    });
    pairs
}

/// Why the two of a pair take part in one business change, or `None` when they do not: one only reads the
/// other's data, which keeps no money, stock or bookings that its change would use up.
fn why(decision: &Decision, p: &Pair) -> Option<String> {
    let name = |i: usize| decision.services[i].display_name(i);
    let (na, nb) = (name(p.a), name(p.b));
    if !p.a_reads.is_empty() && !p.b_reads.is_empty() {
        return Some(format!("{na} reads {} from {nb}, and {nb} reads {} from {na}: each reacts to the other's changes, so one business change is likely to need a step in both.", and_list(&p.a_reads), and_list(&p.b_reads)));
    }
    let (owner, reader, what) = if p.a_reads.is_empty() {
        (p.a, p.b, &p.b_reads)
    } else {
        (p.b, p.a, &p.a_reads)
    };
    let (used, changes) = consumable(&decision.services[owner].requirements);
    if used.is_empty() {
        return None;
    }
    let (on, rn) = (name(owner), name(reader));
    let (what, used) = (and_list(what), and_list(&used));
    Some(format!("{rn} reads {what} from {on}, and {on} keeps {used}: what {rn} does with the {what} it reads goes with a change to that {used} ({}), so one business change takes a step in each.", and_list(&changes).replace(" and ", " or ")))
}

/// A kind of step: its tick, what it does, what failing is, its compensation, how hard it is to undo (money
/// hardest: a refund reaches the customer), and words in a service's or entity's name that say it keeps it.
struct Kind {
    tick: &'static str,
    does: &'static str,
    fails: &'static str,
    undo: &'static str,
    rank: u8,
    named: &'static [&'static str],
}

const KINDS: [Kind; 3] = [
    Kind {
        tick: "inventory",
        does: "reserves the stock",
        fails: "the reservation fails",
        undo: "releases the stock",
        rank: 1,
        named: &["stock", "inventor", "warehouse"],
    },
    Kind {
        tick: "booking",
        does: "holds the booking",
        fails: "the booking fails",
        undo: "releases the booking",
        rank: 1,
        named: &["booking", "reservation", "seat", "room", "slot", "ticket"],
    },
    Kind {
        tick: "financial",
        does: "takes the money",
        fails: "the payment fails",
        undo: "refunds the money",
        rank: 2,
        named: &[
            "payment", "account", "ledger", "balance", "wallet", "invoice", "billing",
        ],
    },
];

/// A participant's step: what it does, what failing is (the clause after "if"), its compensation (after the
/// service's name), and how hard it is to undo.
struct Step {
    service: usize,
    does: String,
    fails: String,
    undo: String,
    rank: u8,
}

/// Whether service `i`'s name or an entity it owns says it keeps what `kind` is about (its stock, its money).
fn named_for(decision: &Decision, i: usize, kind: &Kind) -> bool {
    let s = &decision.services[i];
    let says = |text: &str| {
        let text = text.to_ascii_lowercase();
        kind.named.iter().any(|w| text.contains(w))
    };
    says(&s.name) || s.owns.iter().any(|e| says(e))
}

/// Which participant takes which kind of step. Each kind goes to one participant only: where several tick it and
/// exactly one of them says by its name or its data that it keeps it, that one (the others are told, with the
/// way out); else the first in `order` that ticks it. Returns each participant's kinds and the notes.
fn assign(
    cat: &Catalog,
    decision: &Decision,
    order: &[usize],
) -> (Vec<(usize, Vec<&'static Kind>)>, Vec<String>) {
    let name = |i: usize| decision.services[i].display_name(i);
    let mut taken: Vec<(usize, Vec<&'static Kind>)> = order.iter().map(|&i| (i, vec![])).collect();
    let mut notes = Vec::new();
    for kind in &KINDS {
        let ticking: Vec<usize> = (order.iter().copied())
            .filter(|&i| decision.services[i].requirements.contains(kind.tick))
            .collect();
        let named: Vec<usize> = (ticking.iter().copied())
            .filter(|&i| named_for(decision, i, kind))
            .collect();
        let keeper = match (ticking.as_slice(), named.as_slice()) {
            ([], _) => continue,
            ([_, _, ..], [one]) => *one,
            ([first, ..], _) => *first,
        };
        if let Some(slot) = taken.iter_mut().find(|(i, _)| *i == keeper) {
            slot.1.push(kind);
        }
        if named.len() == 1 {
            let label = cat
                .requirement(kind.tick)
                .map_or(kind.tick.to_string(), |r| r.label.to_string());
            let what = CONSUMABLE
                .iter()
                .find(|c| c.0 == kind.tick)
                .map_or("", |c| c.1);
            for &other in ticking.iter().filter(|&&i| i != keeper) {
                notes.push(format!("{} ticks {label}, but {} keeps the {what} (its name or data says so): the {what} step is {}'s. If {} keeps no {what} of its own, untick {label} there.", name(other), name(keeper), name(keeper), name(other)));
            }
        }
    }
    (taken, notes)
}

/// A participant's step from the kinds it takes: what they do together, the hardest to undo failing last; a
/// participant that takes none records its own entity.
fn step(decision: &Decision, i: usize, kinds: &[&Kind]) -> Step {
    let s = &decision.services[i];
    let Some(last) = kinds.iter().max_by_key(|k| k.rank) else {
        let own = s.owns.first().cloned().unwrap_or_else(|| "data".into());
        return Step {
            service: i,
            does: format!("records its {own}"),
            fails: format!("{} cannot record its {own}", s.display_name(i)),
            undo: format!("cancels its {own}"),
            rank: 0,
        };
    };
    let list = |pick: fn(&Kind) -> &'static str| {
        and_list(
            &kinds
                .iter()
                .map(|k| pick(k).to_string())
                .collect::<Vec<_>>(),
        )
    };
    Step {
        service: i,
        does: list(|k| k.does),
        fails: last.fails.to_string(),
        undo: list(|k| k.undo),
        rank: last.rank,
    }
}

/// The business changes the pairs make: pairs that share a service are one change (their participants, in
/// index order, and the pairs' indices).
fn changes(pairs: &[Pair]) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for (k, p) in pairs.iter().enumerate() {
        let touching: Vec<usize> = (0..groups.len())
            .filter(|&g| groups[g].0.contains(&p.a) || groups[g].0.contains(&p.b))
            .collect();
        let mut merged = (vec![p.a, p.b], vec![k]);
        for &g in touching.iter().rev() {
            let (services, ks) = groups.remove(g);
            merged.0.extend(services);
            merged.1.extend(ks);
        }
        merged.0.sort_unstable();
        merged.0.dedup();
        merged.1.sort_unstable();
        groups.push(merged);
    }
    groups
}

/// `items` by `key`, ties in their order. A saga has a handful of services: a loop is enough, and it keeps a
/// stable sort's code (several KB for each kind of item) out of the on-demand module.
fn ordered<T, K: Ord>(mut items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    while let Some(at) = (0..items.len()).min_by_key(|&i| (key(&items[i]), i)) {
        out.push(items.remove(at));
    }
    out
}

/// "two" … "eight", then digits.
fn number(n: usize) -> String {
    const WORDS: [&str; 7] = ["two", "three", "four", "five", "six", "seven", "eight"];
    WORDS
        .get(n.wrapping_sub(2))
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// "both" for two, "all three" and on.
fn all(n: usize) -> String {
    match n {
        2 => "both".into(),
        _ => format!("all {}", number(n)),
    }
}

/// One saga card per business change.
pub(super) fn sagas(
    cat: &Catalog,
    decision: &Decision,
    services: &[ServiceView],
    pairs: &[Pair],
) -> Vec<SystemCard> {
    changes(pairs)
        .into_iter()
        .map(|(members, ks)| saga(cat, decision, services, &members, &ks, pairs))
        .collect()
}

fn saga(
    cat: &Catalog,
    decision: &Decision,
    services: &[ServiceView],
    members: &[usize],
    ks: &[usize],
    pairs: &[Pair],
) -> SystemCard {
    let name = |i: usize| services[i].name.clone();
    // Whose data the others read goes first: it takes its kinds of step before the services reading it.
    let read_by = |i: usize| {
        (ks.iter().map(|&k| &pairs[k]))
            .filter(|p| (p.a == i && !p.b_reads.is_empty()) || (p.b == i && !p.a_reads.is_empty()))
            .count()
    };
    let order = ordered(members.to_vec(), |&i| usize::MAX - read_by(i));
    let (taken, mut notes) = assign(cat, decision, &order);
    let steps: Vec<Step> = (taken.iter())
        .map(|(i, kinds)| step(decision, *i, kinds))
        .collect();
    // The step hardest to undo goes last; on a tie, in the order above.
    let steps = ordered(steps, |s| s.rank);
    let flow: Vec<String> = (steps.iter())
        .map(|s| format!("{} {}", name(s.service), s.does))
        .collect();
    let (last, earlier) = steps.split_last().expect("a saga has two steps or more");
    let undo: Vec<String> = (earlier.iter().rev())
        .map(|s| format!("{} {}", name(s.service), s.undo))
        .collect();
    let names: Vec<String> = members.iter().map(|&i| name(i)).collect();
    let n = members.len();
    let compensation = match n {
        2 => format!(
            "if {}, a compensating step undoes the earlier one: {}.",
            last.fails, undo[0]
        ),
        _ => format!(
            "if {}, compensating steps undo the earlier ones, latest first: {}; a step that fails sooner undoes only those before it.",
            last.fails,
            undo.join(", then ")
        ),
    };
    let mut because: Vec<String> = ks.iter().map(|&k| pairs[k].why.clone()).collect();
    because.push(format!(
        "{} {} have transactional data (ACID, money, stock or bookings), each in its own database.",
        if n == 2 { "Both" } else { "All of" },
        and_list(&names)
    ));
    let before_last = &earlier[earlier.len() - 1];
    if before_last.rank < last.rank {
        let lname = name(last.service);
        because.push(match n {
            2 => format!("The step in {lname} goes last, as it is the harder to undo: if it fails, only the step in {} needs undoing.", name(before_last.service)),
            _ => format!("The step in {lname} goes last, as it is the hardest to undo: if it fails, only the steps before it need undoing."),
        });
    }
    because.push("Each step reaches the next as an event through its service's outbox: no service queries another for the latest state during the saga, since each checks its own data (its stock, its money, its bookings) in its own step.".into());
    because.append(&mut notes);
    SystemCard {
        kind: SystemKind::Saga,
        verdict: Verdict::Recommended,
        title: format!("{}: a saga, not one transaction", and_list(&names)),
        summary: format!("One business change is likely to write in {}: {}. That is {} databases, so it cannot be one ACID transaction. Run it as a saga: each service commits its own step and publishes an event through an outbox; {compensation}", all(n), flow.join(", then "), number(n)),
        because,
        trade_offs: vec![
            "Distributed transactions hard".into(),
            "Eventual consistency between them".into(),
        ],
        resolution: String::new(),
        services: members.to_vec(),
        catalog_ref: SystemKind::Saga.catalog_ref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_step_is_a_consumable_tick() {
        for k in &KINDS {
            assert!(CONSUMABLE.iter().any(|c| c.0 == k.tick), "{}", k.tick);
        }
    }
}
