//! `recommend`: decide the design, then explain each part of it as a card: the ticks that led to it, those
//! pulling the other way, the seed's trade-offs, notes from the reasoning, a close call when the runner-up
//! nearly won, and the single ticks or unticks that would change it (found by deciding again per tick).

use super::decide::{
    decide, decide_with, rank, replication_allowed, Design, Scores, AVOID, RECOMMENDED,
};
use super::{
    Card, Change, ChecklistItem, CloseCall, Quorum, Reason, Recommendation, Requirements, Section,
    StoreRole, SystemView, Toggle, Verdict,
};
use crate::catalog::{
    anchor, Catalog, Implementation, Managed, Part, Source, Status, StoreKind, Text, Ticks,
};
use std::borrow::Cow;

/// Given the requirement set `reqs`, what the catalogue advises and why. Deterministic and total: unknown
/// ids are ignored, and an empty (or all-unknown) set gives the neutral defaults with a hint.
pub fn recommend<'a>(cat: &'a Catalog, reqs: &Requirements) -> Recommendation<'a> {
    let ix = cat.index();
    let ticks = ix.ticks(reqs);
    let design = decide(cat, ticks);
    let ex = Explain {
        cat,
        ticks,
        design,
        scores: Scores::of(ix, ticks),
        flips: flips(cat, ticks, &design),
    };
    let primary_store = ex.primary_card();
    let consistency = ex.consistency_card();
    let replication = ex.replication_card();
    let consistency_level = ex.level_card(&consistency, &replication);
    let stores = ex.store_cards();
    let patterns = ex.pattern_cards();
    let migrations = ex.migration_cards();
    let conflicts = ex.conflict_cards();
    let neutral = ticks == 0;
    let mut rec = Recommendation {
        neutral,
        hint: neutral.then_some(cat.neutral_hint.as_ref()),
        primary_store,
        stores,
        consistency,
        consistency_level,
        replication,
        patterns,
        migrations,
        conflicts,
        checklist: Vec::new(),
    };
    rec.checklist = checklist(cat, &rec);
    rec
}

/// Outcome keys, one per possible card: the four single choices, then stores, patterns, migrations and
/// conflicts. The code of a key is the chosen offset, the pattern verdict, or 1/0 for present/absent.
const CHOICES: [Part; 4] = [
    Part::PrimaryStore,
    Part::Consistency,
    Part::Level,
    Part::Replication,
];

struct Keys {
    store: usize,
    pattern: usize,
    migration: usize,
    conflict: usize,
}

impl Keys {
    fn of(cat: &Catalog) -> Keys {
        let store = CHOICES.len();
        let pattern = store + cat.stores.len();
        let migration = pattern + cat.patterns.len();
        let conflict = migration + cat.migrations.len();
        Keys {
            store,
            pattern,
            migration,
            conflict,
        }
    }
}

/// (key, requirement number, new code) for every single toggle that changes a shown card.
fn flips(cat: &Catalog, ticks: Ticks, base: &Design) -> Vec<(usize, usize, u32)> {
    let keys = Keys::of(cat);
    let base_scores = Scores::of(cat.index(), ticks);
    let mut out = Vec::new();
    for n in 0..cat.index().reqs.len() {
        let alt = decide_with(
            cat,
            ticks ^ 1 << n,
            base_scores.toggled(cat.index(), ticks, n),
        );
        if alt == *base {
            continue;
        }
        let choices = [
            (base.primary, alt.primary),
            (base.model, alt.model),
            (base.level, alt.level),
            (base.replication, alt.replication),
        ];
        for (k, (now, then)) in choices.into_iter().enumerate() {
            if now != then {
                out.push((k, n, then as u32));
            }
        }
        for (p, (&now, &then)) in base.patterns.iter().zip(&alt.patterns).enumerate() {
            if now != then && p < cat.patterns.len() {
                out.push((keys.pattern + p, n, u32::from(then)));
            }
        }
        // Cards that go away: present now, absent then.
        let gone = [
            (keys.store, u64::from(base.stores & !alt.stores)),
            (keys.migration, u64::from(base.migrations & !alt.migrations)),
            (keys.conflict, base.conflicts & !alt.conflicts),
        ];
        for (start, mut bits) in gone {
            while bits != 0 {
                out.push((start + bits.trailing_zeros() as usize, n, 0));
                bits &= bits - 1;
            }
        }
    }
    out
}

struct Explain<'a> {
    cat: &'a Catalog,
    ticks: Ticks,
    design: Design,
    scores: Scores,
    flips: Vec<(usize, usize, u32)>,
}

/// Requirement number, rule number, positive weight: a reason before it is turned into strings.
type RawReason = (usize, usize, u32);

impl<'a> Explain<'a> {
    fn has(&self, need: Ticks) -> bool {
        self.ticks & need != 0
    }

    fn requirement(&self, n: usize) -> &'a crate::catalog::Requirement {
        let (g, r) = self.cat.index().reqs[n];
        &self.cat.groups[g].requirements[r]
    }

    /// Ticked requirement numbers within `bits`, in catalogue order.
    fn ticked(&self, bits: Ticks) -> impl Iterator<Item = usize> {
        let set = self.ticks & bits;
        (0..64).filter(move |n| set >> n & 1 == 1)
    }

    /// Adds the counted rules on `slot` whose weight has sign `sign`, one entry per requirement (the strongest).
    fn collect(&self, slot: usize, sign: i32, out: &mut Vec<RawReason>) {
        let ix = self.cat.index();
        for &rule in &ix.by_slot[slot] {
            let r = &self.cat.rules[rule];
            let req = ix.rule_req[rule];
            let counts = ix.by_req[req]
                .iter()
                .any(|p| p.rule == rule && p.counts(self.ticks));
            if self.ticks >> req & 1 == 0 || !counts || r.weight.signum() != sign {
                continue;
            }
            let weight = r.weight.unsigned_abs();
            match out.iter_mut().find(|x| x.0 == req) {
                Some(x) if x.2 >= weight => {}
                Some(x) => *x = (req, rule, weight),
                None => out.push((req, rule, weight)),
            }
        }
    }

    fn reasons(&self, mut raw: Vec<RawReason>) -> Vec<Reason<'a>> {
        // Strongest first; ties in catalogue order of requirements. An insertion sort: a card has a few reasons,
        // and the library's sort (with the one `Requirements` used) cost the bundle 2.8 KB gzip.
        let key = |r: &RawReason| (std::cmp::Reverse(r.2), r.0);
        for i in 1..raw.len() {
            let mut j = i;
            while j > 0 && key(&raw[j - 1]) > key(&raw[j]) {
                raw.swap(j - 1, j);
                j -= 1;
            }
        }
        raw.into_iter()
            .map(|(req, rule, weight)| Reason {
                favours: self.favours(req, rule),
                ..self.reason(req, Cow::Borrowed(&self.cat.rules[rule].why), weight)
            })
            .collect()
    }

    /// The option a tick's rule favours, for "Pulling the other way": the one it pushes up, or, for a rule that
    /// pushes this one down, the rival of the same section the tick pushes up most (empty if none).
    fn favours(&self, req: usize, rule: usize) -> &'a str {
        let ix = self.cat.index();
        let pushes = &ix.by_req[req];
        let Some(own) = pushes.iter().find(|p| p.rule == rule) else {
            return "";
        };
        let Some(part) = Part::ALL
            .into_iter()
            .find(|&part| ix.range(part).contains(&own.slot))
        else {
            return "";
        };
        let range = ix.range(part);
        let favoured = if own.weight > 0 {
            Some(own)
        } else {
            pushes
                .iter()
                .filter(|p| p.weight > 0 && range.contains(&p.slot) && p.counts(self.ticks))
                .max_by_key(|p| p.weight)
        };
        favoured.map_or("", |p| {
            option_info(self.cat, part, p.slot - range.start).title
        })
    }

    fn reason(&self, n: usize, why: Cow<'a, str>, weight: u32) -> Reason<'a> {
        let r = self.requirement(n);
        Reason {
            requirement: &r.id,
            label: &r.label,
            why,
            weight,
            favours: "",
        }
    }

    /// The labels of the ticked requirements in `bits`, joined for a sentence.
    fn labels(&self, bits: Ticks) -> String {
        let labels: Vec<&str> = self
            .ticked(bits)
            .map(|n| self.requirement(n).label.as_ref())
            .collect();
        join_and(&labels)
    }

    /// The would-change entries of outcome key `key`.
    fn changes(&self, key: usize) -> Vec<Change<'a>> {
        let keys = Keys::of(self.cat);
        self.flips
            .iter()
            .filter(|f| f.0 == key)
            .map(|&(k, n, code)| {
                let (becomes, becomes_title) = if k < keys.store {
                    let o = option_info(self.cat, CHOICES[k], code as usize);
                    (o.id, o.title)
                } else if (keys.pattern..keys.migration).contains(&k) {
                    let v = verdict_of(code as u8);
                    (v.as_str(), v.label())
                } else {
                    ("absent", "No longer shown")
                };
                let r = self.requirement(n);
                Change {
                    requirement: &r.id,
                    label: &r.label,
                    toggle: if self.ticks >> n & 1 == 1 {
                        Toggle::Untick
                    } else {
                        Toggle::Tick
                    },
                    becomes,
                    becomes_title,
                }
            })
            .collect()
    }

    /// A card for option `off` of a single-choice `part` (outcome key `key`): reasons for are the counted rules
    /// pushing it; against, those pushing it down or pushing a rival up (a tick is listed once, where it pulls
    /// hardest). `allowed` are the options the reasoning left in play; a rival among them within the margin
    /// makes a close call. `rivals` are the options whose pull is worth showing: those in play, and those a
    /// need ruled out where the card's notes say so.
    fn choice_card(
        &self,
        part: Part,
        key: usize,
        off: usize,
        allowed: u64,
        rivals: u64,
    ) -> Card<'a> {
        let ix = self.cat.index();
        let range = ix.range(part);
        let chosen = range.start + off;
        let mut c = card(self.cat, part, off, Verdict::Recommended);
        let mut raw_for = Vec::new();
        self.collect(chosen, 1, &mut raw_for);
        let mut raw_against = Vec::new();
        self.collect(chosen, -1, &mut raw_against);
        let start = range.start;
        for rival in range.filter(|&s| s != chosen && rivals >> (s - start) & 1 == 1) {
            self.collect(rival, 1, &mut raw_against);
        }
        raw_against.retain(|a| raw_for.iter().all(|f| f.0 != a.0));
        c.reasons_for = self.reasons(raw_for);
        c.reasons_against = self.reasons(raw_against);
        c.would_change = self.changes(key);
        c.close_call = self.close_call(part, off, allowed, &c.would_change);
        c
    }

    fn close_call(
        &self,
        part: Part,
        off: usize,
        allowed: u64,
        changes: &[Change<'a>],
    ) -> Option<CloseCall<'a>> {
        let ix = self.cat.index();
        let (best, runner) = rank(ix, &self.scores, part, allowed);
        let runner = runner.filter(|_| best == off)?;
        let (a, b) = (
            self.scores.get(ix, part, best),
            self.scores.get(ix, part, runner),
        );
        let margin = a - b;
        if margin > self.cat.scoring.close_call_margin || (a <= 0 && b <= 0) {
            return None;
        }
        let rival = option_info(self.cat, part, runner);
        let flips_to_rival: Vec<&Change<'a>> =
            changes.iter().filter(|c| c.becomes == rival.id).collect();
        // A tick that overrides the weights (a strong use case, local writes) decides by rule, not by a near
        // miss: a call that only such ticks would flip is not close.
        let overrides = ix.needs.strong_anchors | ix.needs.local_writes;
        let deciders: Vec<Change<'a>> = flips_to_rival
            .iter()
            .filter(|c| {
                ix.number(c.requirement)
                    .is_none_or(|n| overrides >> n & 1 == 0)
            })
            .map(|c| (*c).clone())
            .collect();
        if deciders.is_empty() && !flips_to_rival.is_empty() {
            return None;
        }
        Some(CloseCall {
            rival: rival.id,
            rival_title: rival.title,
            margin: margin.unsigned_abs(),
            deciders,
        })
    }

    fn primary_card(&self) -> Card<'a> {
        let all = (1u64 << self.cat.index().range(Part::PrimaryStore).len()) - 1;
        let mut c = self.choice_card(Part::PrimaryStore, 0, self.design.primary, all, all);
        if self.scales_elsewhere(&c) {
            c.notes.push("The time series, columnar and log stores below are what scales out for those needs; the primary store holds the rest (devices, accounts, settings).".into());
        }
        if !c.is_assessed() && self.design.stores != 0 {
            c.notes.push("None of your ticks needs a general-purpose store: this is the default, for the data the stores below do not hold (accounts, settings). If there is none, those stores are all you need.".into());
        }
        c
    }

    /// Whether horizontal scaling is the primary's only reason while stores built to scale carry the volume.
    fn scales_elsewhere(&self, primary: &Card) -> bool {
        let ix = self.cat.index();
        let only_scaling = !primary.reasons_for.is_empty()
            && primary.reasons_for.iter().all(|r| {
                ix.number(r.requirement)
                    .is_some_and(|n| ix.needs.horizontal_scaling >> n & 1 == 1)
            });
        let scaling_stores = self
            .cat
            .stores
            .iter()
            .enumerate()
            .filter(|(i, _)| self.design.stores >> i & 1 == 1)
            .any(|(_, k)| ["time-series", "columnar", "log"].contains(&&*k.id));
        only_scaling && scaling_stores
    }

    fn consistency_card(&self) -> Card<'a> {
        let ix = self.cat.index();
        let d = &self.design;
        // Only a choice the weights made can be a close call; an anchor or local writes decide outright.
        let forced = d.anchored || self.has(ix.needs.local_writes);
        let allowed = if forced { 1 << d.model } else { 0b11 };
        let mut c = self.choice_card(Part::Consistency, 1, d.model, allowed, 0b11);
        if d.anchored && !c.reasons_against.is_empty() {
            let anchors = self.labels(ix.needs.strong_anchors);
            c.notes.push(format!("Nothing outvotes {anchors}, so the ticks pulling the other way do not change the model.").into());
        } else if d.model == ix.known.eventual && self.has(ix.needs.local_writes) {
            c.notes.push("Writes accepted in every region are reconciled after the fact, so reads are eventually consistent across regions.".into());
        }
        c
    }

    fn replication_card(&self) -> Card<'a> {
        let ix = self.cat.index();
        let (k, needs, d) = (&ix.known, &ix.needs, &self.design);
        let allowed = replication_allowed(ix, self.ticks, d.model, d.anchored);
        let single_primary = d.replication != k.multi_primary;
        // Ruled-out options whose pull is shown, because a note below says why they are out.
        let mut explained = 0u64;
        if single_primary && (d.anchored || self.has(needs.no_data_loss)) {
            explained |= 1 << k.async_;
        }
        if d.anchored && self.has(needs.local_writes) {
            explained |= 1 << k.multi_primary;
        }
        let rivals = allowed | explained;
        let mut c = self.choice_card(Part::Replication, 3, d.replication, allowed, rivals);
        let kind = self.primary_kind();
        c.examples = implementations(self.cat, Part::Replication, d.replication, kind, self.fit());
        if d.anchored && single_primary {
            for n in self.ticked(needs.strong_anchors) {
                if c.reasons_for
                    .iter()
                    .all(|r| r.requirement != self.requirement(n).id)
                {
                    let why = "After a failover, async could have lost writes already confirmed, and reads would no longer see them: the primary waits for a replica before confirming.";
                    c.reasons_for.push(self.reason(n, why.into(), 1));
                }
            }
        }
        for note in self.replication_notes() {
            c.notes.push(note);
        }
        c
    }

    /// What the replication card adds to its reasons: what a need ruled out, and where writes and reads go.
    fn replication_notes(&self) -> Vec<Cow<'a, str>> {
        let ix = self.cat.index();
        let (k, needs, d) = (&ix.known, &ix.needs, &self.design);
        let single_primary = d.replication != k.multi_primary;
        let mut notes: Vec<Cow<'a, str>> = Vec::new();
        if d.anchored && self.has(needs.local_writes) {
            notes.push(format!("Local writes in every region are not offered: reads must see every confirmed write ({}), and several independent primaries cannot give that, so each record keeps one home region for its writes.", self.labels(needs.strong_anchors)).into());
        }
        if single_primary && self.has(needs.no_data_loss) {
            notes.push("Async is ruled out: it confirms a write before any replica has it, so a failover could lose it.".into());
        }
        if d.anchored && self.has(needs.read_heavy) {
            notes.push("Reads that must be current go to the primary; the replicas serve the rest. Sync replication would let any replica serve current reads, but one replica down would then stop every write.".into());
        }
        if d.replication == k.async_ && d.model == k.strong {
            notes.push("Strong at the primary only until a failover: async can lose the last commits, which the new primary will not have (tick no data loss to prevent it).".into());
        }
        let regions = self.has(needs.multi_region | needs.local_writes);
        if single_primary && regions {
            notes.push(if d.model == k.strong {
                "Writes, and reads that must be current, go to the primary's region: one cross-region round trip for users elsewhere. The other regions keep async replicas for reads that may lag, and for disaster recovery."
            } else {
                "Writes go to the primary's region; the other regions keep async replicas for local reads, which may lag, and for disaster recovery."
            }.into());
            if !self.has(needs.no_data_loss) {
                notes.push(
                    "A regional failover can lose the writes not yet copied to the new region."
                        .into(),
                );
            }
        } else if !single_primary && d.primary == k.relational {
            notes.push("The usual alternative for a relational SaaS: a home region per tenant, one primary each, so a tenant's users write locally and nothing needs conflict resolution (see the conflict card).".into());
        }
        if !single_primary && !self.has(needs.multi_region) {
            notes.push("Local writes in every region imply several regions: read this as a multi-region deployment.".into());
        }
        notes
    }

    /// The level card follows from the replication and the model: its reasons are theirs, restated as what
    /// they set (W, R); it shows the arithmetic and the setting in the primary store's own terms.
    ///
    /// It is assessed exactly when one of them is: when no tick bears on either, both are the catalogue's
    /// defaults, and so is the level that follows from them. It then carries no reasons and no notes (like
    /// them, it shows as the default), only its arithmetic and what would change it.
    fn level_card(&self, consistency: &Card<'a>, replication: &Card<'a>) -> Card<'a> {
        let ix = self.cat.index();
        let d = &self.design;
        let mut c = card(self.cat, Part::Level, d.level, Verdict::Recommended);
        let q = self.quorum();
        c.quorum = Some(q);
        c.would_change = self.changes(2);
        if !consistency.is_assessed() && !replication.is_assessed() {
            return c;
        }
        let drivers = replication.reasons_for.iter().map(|r| (r, true));
        let readers = consistency.reasons_for.iter().map(|r| (r, false));
        for (r, sets_write) in drivers.chain(readers) {
            if c.reasons_for.iter().all(|x| x.requirement != r.requirement) {
                c.reasons_for.push(Reason {
                    why: self.level_why(r.requirement, &q, sets_write),
                    ..r.clone()
                });
            }
        }
        if let Some(mixed) = mixed_levels(&q) {
            c.notes.push(mixed.into());
        }
        let equivalents = implementations(
            self.cat,
            Part::Level,
            d.level,
            self.primary_kind(),
            self.fit(),
        );
        c.notes.extend(equivalents.into_iter().map(Cow::Borrowed));
        if d.replication != ix.known.multi_primary {
            c.notes.push("These are Cassandra's names for the arithmetic below: with one primary, what counts is how many copies confirm a write and where reads go.".into());
        }
        c
    }

    /// What a tick behind the replication (`sets_write`) or the model sets in the arithmetic, in a sentence.
    fn level_why(&self, id: &str, q: &Quorum, sets_write: bool) -> Cow<'a, str> {
        let needs = self.cat.index().needs;
        let bit = self.cat.index().number(id).map_or(0, |n| 1u64 << n);
        let is = |need: Ticks| bit & need != 0;
        let (w, n) = (q.write, q.copies);
        let r = q.read.unwrap_or(1);
        let region = if q.local { " in its region" } else { "" };
        if is(needs.no_data_loss) && w >= 2 {
            format!("W = {w}: a write is on {w} copies{region} before it is confirmed, so it survives losing the copy that took it.").into()
        } else if is(needs.local_writes) {
            format!("W = {w} and R = {r} in the local region: no request waits on another region; writes made in other regions arrive later.").into()
        } else if is(needs.high_availability) && w < n {
            format!(
                "W = {w} of {n}: writes go on while {} of the copies is down.",
                n - w
            )
            .into()
        } else if sets_write && w == 1 {
            "W = 1: the write is confirmed at once, without waiting for another copy.".into()
        } else if q.read.is_none() {
            "Reads go to the primary, which holds every confirmed write, so they see the latest one.".into()
        } else if q.reads_see_latest() && q.local {
            format!("R + W = {} is more than N = {n} within the region: a read there meets the region's latest write; writes from other regions arrive later.", r + w).into()
        } else if q.reads_see_latest() {
            format!(
                "R + W = {} is more than N = {n}, so every read meets the latest confirmed write.",
                r + w
            )
            .into()
        } else if sets_write && q.local {
            format!("W = {w} of {n} in its region: a write waits for {} other cop{} there, never for another region.", w - 1, if w == 2 { "y" } else { "ies" }).into()
        } else if sets_write {
            format!(
                "W = {w} of {n}: the primary waits for {} other cop{} before confirming.",
                w - 1,
                if w == 2 { "y" } else { "ies" }
            )
            .into()
        } else {
            "R = 1: a read may come from any copy and lag a little behind the latest write.".into()
        }
    }

    /// N = 3 copies per region; W from the replication; R from the model and where reads go.
    fn quorum(&self) -> Quorum {
        let ix = self.cat.index();
        let (k, d) = (&ix.known, &self.design);
        let regions = if self.has(ix.needs.multi_region | ix.needs.local_writes) {
            2
        } else {
            1
        };
        let strong = d.model == k.strong;
        let fast_reads = self.has(ix.needs.fast_reads);
        let (write, read, local) = match d.replication {
            r if r == k.multi_primary => (2, Some(if fast_reads { 1 } else { 2 }), true),
            r if r == k.sync => (3, Some(1), false),
            r if r == k.async_ => (1, if strong { None } else { Some(1) }, false),
            _ => (2, if strong { None } else { Some(1) }, false),
        };
        Quorum {
            copies: 3,
            write,
            read,
            regions,
            local,
        }
    }

    /// The chosen model's and replication's ids, which pick the fitting `equivalents` and `implementations`.
    fn fit(&self) -> (&'a str, &'a str) {
        let (cat, d) = (self.cat, &self.design);
        (
            option_info(cat, Part::Consistency, d.model).id,
            option_info(cat, Part::Replication, d.replication).id,
        )
    }

    fn primary_kind(&self) -> usize {
        self.cat
            .index()
            .primary_kinds
            .get(self.design.primary)
            .copied()
            .unwrap_or(0)
    }

    fn store_cards(&self) -> Vec<Card<'a>> {
        let keys = Keys::of(self.cat);
        let d = &self.design;
        let primary_title = &self.cat.stores[self.primary_kind()].title;
        (0..self.cat.stores.len())
            .filter(|&i| d.stores >> i & 1 == 1)
            .map(|i| {
                let alternative = d.alternatives >> i & 1 == 1;
                let lighter = d.lighter >> i & 1 == 1;
                let verdict = if alternative || lighter {
                    Verdict::Acceptable
                } else {
                    Verdict::Recommended
                };
                let mut c = self.scored_card(Part::Store, i, keys.store + i, verdict);
                c.role = Some(if alternative {
                    StoreRole::Alternative
                } else {
                    StoreRole::Alongside
                });
                if alternative {
                    c.notes.push(self.alternative_note(i, primary_title));
                } else if !self.cat.stores[i].alongside.is_empty() {
                    c.notes.push(Cow::Borrowed(&self.cat.stores[i].alongside));
                }
                if self.cat.stores[i].id == "key-value" && self.has(self.cat.index().needs.shopping_cart) {
                    c.notes.push("Carts must survive a restart: Redis with an append-only file and a replica, or DynamoDB — not Memcached, which keeps nothing across a restart.".into());
                }
                // Of the seed's columnar examples, one answers in milliseconds and ingests a stream; the others
                // are built for large reports that may take seconds.
                if self.cat.stores[i].id == "columnar"
                    && self.has(self.cat.index().needs.live_analytics)
                    && c.examples.contains(&"ClickHouse")
                {
                    c.notes.push("Low latency or a stream to analyse as it arrives: of these, ClickHouse answers dashboards in milliseconds and takes rows as they stream in; BigQuery and Snowflake suit large reports that may take seconds.".into());
                }
                if self.has(self.cat.index().needs.no_data_loss)
                    && !self.cat.stores[i].durable.is_empty()
                {
                    c.notes.push(
                        format!("No data loss here takes: {}", self.cat.stores[i].durable).into(),
                    );
                }
                if lighter {
                    c.notes.push(
                        format!("For a small team, first: {}", self.lighter_text(i)).into(),
                    );
                }
                c
            })
            .collect()
    }

    /// The lighter way to start for store kind `kind`, with this design's primary store.
    fn lighter_text(&self, kind: usize) -> &'a str {
        let primary = &self.cat.stores[self.primary_kind()].id;
        let lighter = &self.cat.stores[kind].lighter;
        lighter
            .iter()
            .find(|l| l.store == *primary)
            .map_or("", |l| &l.text)
    }

    /// Why a rival of the primary store is shown as an alternative: it lost, or tied and the default won.
    fn alternative_note(&self, kind: usize, primary_title: &str) -> Cow<'a, str> {
        let ix = self.cat.index();
        let rival = ix.primary_kinds.iter().position(|&k| k == kind);
        let score = |off: usize| self.scores.get(ix, Part::PrimaryStore, off);
        let tied = rival.is_some_and(|r| score(r) == score(self.design.primary));
        if tied {
            format!("An alternative to the primary store, not an addition: it tied with {primary_title} on your ticks, and the catalogue's default took the primary's place (see the close call there).").into()
        } else {
            format!("An alternative to the primary store, not an addition: {primary_title} won on your other ticks (see its card).").into()
        }
    }

    /// Patterns, stores, migrations: reasons are the counted rules on that option; for an "avoid" verdict the
    /// negative ones are what pushed it there.
    fn scored_card(&self, part: Part, off: usize, key: usize, verdict: Verdict) -> Card<'a> {
        let slot = self.cat.index().range(part).start + off;
        let mut c = card(self.cat, part, off, verdict);
        let (sign_for, sign_against) = if verdict == Verdict::Avoid {
            (-1, 1)
        } else {
            (1, -1)
        };
        let mut raw = Vec::new();
        self.collect(slot, sign_for, &mut raw);
        c.reasons_for = self.reasons(raw);
        let mut raw = Vec::new();
        self.collect(slot, sign_against, &mut raw);
        c.reasons_against = self.reasons(raw);
        c.would_change = self.changes(key);
        c
    }

    fn pattern_cards(&self) -> Vec<Card<'a>> {
        let keys = Keys::of(self.cat);
        let (k, needs) = (self.cat.index().known, self.cat.index().needs);
        (0..self.cat.patterns.len())
            .map(|p| {
                let verdict = verdict_of(self.design.patterns[p.min(7)]);
                let mut c = self.scored_card(Part::Pattern, p, keys.pattern + p, verdict);
                let advised = verdict != Verdict::Avoid && !c.reasons_for.is_empty();
                if advised && Some(p) == k.database_per_service && self.has(needs.transactional) {
                    c.notes.push("ACID stops at the service boundary: a change that spans services becomes a saga (each service commits its own step and undoes it if a later step fails), and each service publishes its events through an outbox table written in the same transaction. Transactions inside one service stay ACID.".into());
                }
                if Some(p) == k.cqrs && self.has(needs.audit_trail) && !self.has(needs.rebuild_or_scale) {
                    c.notes.push("For an audit trail alone, an append-only audit table written in the same transaction, or change data capture from the database log (e.g. Debezium), is the lighter answer.".into());
                }
                if Some(p) == k.cqrs && verdict == Verdict::Recommended {
                    c.notes.push("Events live in an append-only table of the primary store with a unique (stream, version) pair for optimistic concurrency, or in an event store such as EventStoreDB; a log such as Kafka carries them to the read models (through the outbox) but is not where an aggregate's history is kept.".into());
                }
                let only_reference_data = self.has(needs.read_only_shared)
                    && !self.has(needs.small_team | needs.monolith_transition);
                if advised && Some(p) == k.shared_database && only_reference_data {
                    c.notes.push("Only for the read-only reference data (countries, currencies): one service owns it, the others read it; each service's own data stays in its own database.".into());
                }
                c
            })
            .collect()
    }

    fn migration_cards(&self) -> Vec<Card<'a>> {
        let keys = Keys::of(self.cat);
        (0..self.cat.migrations.len())
            .filter(|&i| self.design.migrations >> i & 1 == 1)
            .map(|i| self.scored_card(Part::Migration, i, keys.migration + i, Verdict::Recommended))
            .collect()
    }

    fn conflict_cards(&self) -> Vec<Card<'a>> {
        let keys = Keys::of(self.cat);
        let ix = self.cat.index();
        self.cat
            .conflicts
            .iter()
            .enumerate()
            .filter(|&(i, _)| self.design.conflicts >> i & 1 == 1)
            .map(|(i, c)| {
                let cx = &ix.conflicts[i];
                let reasons_for = self
                    .ticked(cx.requires | cx.any_of)
                    // The card's summary says how they pull apart; each tick is named once, without a sentence.
                    .map(|n| self.reason(n, Cow::Borrowed(""), 1))
                    .collect();
                Card {
                    section: Section::Conflict,
                    choice: &c.id,
                    title: &c.title,
                    verdict: Verdict::Avoid,
                    summary: &c.summary,
                    reasons_for,
                    reasons_against: Vec::new(),
                    trade_offs: c.trade_offs.iter().map(|s| s.as_ref()).collect(),
                    would_change: self.changes(keys.conflict + i),
                    examples: Vec::new(),
                    systems: Vec::new(),
                    steps: Vec::new(),
                    catalog_ref: anchor(&c.id),
                    role: None,
                    close_call: None,
                    quorum: None,
                    notes: Vec::new(),
                    resolution: &c.resolution,
                }
            })
            .collect()
    }
}

fn verdict_of(code: u8) -> Verdict {
    match code {
        RECOMMENDED => Verdict::Recommended,
        AVOID => Verdict::Avoid,
        _ => Verdict::Acceptable,
    }
}

/// When writes and reads use different levels (QUORUM writes, ONE reads), the card says so first.
fn mixed_levels(q: &Quorum) -> Option<String> {
    let local = if q.local { "LOCAL_" } else { "" };
    let name = |k: u32| match k {
        1 => "ONE",
        k if k == q.copies => "ALL",
        k if k > q.copies / 2 => "QUORUM",
        _ => "TWO",
    };
    let read = q.read?;
    let region = if q.local { " in the region" } else { "" };
    (read != q.write && !q.reads_see_latest()).then(|| {
        format!(
            "Writes at {local}{} (W = {}), reads at {local}{} (R = {read}): a read may come from a copy{region} that lags behind the latest write, which the eventual model allows.",
            name(q.write),
            q.write,
            name(read)
        )
    })
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    let mut line = String::new();
    crate::text::push_list(
        &mut line,
        &mut items.iter().copied(),
        (", ", " and "),
        String::push_str,
    );
    line
}

/// The texts of `list` for the store kind `kind` that fit the design: among the entries whose `model` and
/// `replication` (when given) match, those that name the most of them.
fn for_store<'a>(
    cat: &Catalog,
    list: &'a [Implementation],
    kind: usize,
    fit: (&str, &str),
) -> Vec<&'a str> {
    let id = &cat.stores[kind].id;
    let matches = |i: &Implementation| {
        let ok = |want: &str, got: &str| want.is_empty() || want == got;
        &i.store == id && ok(&i.model, fit.0) && ok(&i.replication, fit.1)
    };
    let specificity = |i: &Implementation| {
        usize::from(!i.model.is_empty()) + usize::from(!i.replication.is_empty())
    };
    let best = list.iter().filter(|i| matches(i)).map(specificity).max();
    list.iter()
        .filter(|i| matches(i) && Some(specificity(i)) == best)
        .map(|i| i.text.as_ref())
        .collect()
}

/// How the chosen replication or level is done by the primary store's kind, for this design's model and
/// replication (`fit`: their ids).
fn implementations<'a>(
    cat: &'a Catalog,
    part: Part,
    off: usize,
    kind: usize,
    fit: (&str, &str),
) -> Vec<&'a str> {
    match part {
        Part::Replication => match cat.replication_modes.get(off) {
            Some(m) => for_store(cat, &m.implementations, kind, fit),
            None => for_store(cat, &cat.multi_primary.implementations, kind, fit),
        },
        Part::Level => cat
            .consistency_levels
            .get(off)
            .map(|l| for_store(cat, &l.equivalents, kind, fit))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Display data of one option.
struct OptionInfo<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    trade_offs: [&'a [Text]; 3],
    /// Store kinds only: the kind, whose example systems the card lists.
    store: Option<&'a StoreKind>,
    steps: &'a [Text],
}

fn option_info(cat: &Catalog, part: Part, off: usize) -> OptionInfo<'_> {
    let none: &[Text] = &[];
    let plain = |id, title, summary, trade_offs| OptionInfo {
        id,
        title,
        summary,
        trade_offs: [trade_offs, none, none],
        store: None,
        steps: none,
    };
    match part {
        Part::PrimaryStore | Part::Store => {
            let kind = if part == Part::PrimaryStore {
                cat.index().primary_kinds[off]
            } else {
                off
            };
            let s = &cat.stores[kind];
            OptionInfo {
                store: Some(s),
                ..plain(&s.id, &s.title, &s.summary, &s.trade_offs)
            }
        }
        Part::Consistency => {
            let m = &cat.consistency_models[off];
            plain(&m.id, &m.title, &m.summary, &m.characteristics)
        }
        Part::Level => {
            let l = &cat.consistency_levels[off];
            plain(&l.id, &l.title, &l.summary, &l.trade_offs)
        }
        Part::Replication => match cat.replication_modes.get(off) {
            Some(m) => plain(
                &m.id,
                &m.title,
                &m.summary,
                std::slice::from_ref(&m.trade_off),
            ),
            None => {
                let m = &cat.multi_primary;
                plain(&m.id, &m.title, &m.summary, &m.challenges)
            }
        },
        Part::Pattern => {
            let p = &cat.patterns[off];
            OptionInfo {
                trade_offs: [&p.challenges, &p.problems, &p.complexity],
                ..plain(&p.id, &p.title, &p.summary, none)
            }
        }
        Part::Migration => {
            let m = &cat.migrations[off];
            OptionInfo {
                steps: &m.steps,
                ..plain(&m.id, &m.title, &m.summary, none)
            }
        }
    }
}

fn section_of(part: Part) -> Section {
    match part {
        Part::PrimaryStore => Section::PrimaryStore,
        Part::Store => Section::Store,
        Part::Consistency => Section::Consistency,
        Part::Level => Section::ConsistencyLevel,
        Part::Replication => Section::Replication,
        Part::Pattern => Section::Pattern,
        Part::Migration => Section::Migration,
    }
}

fn card(cat: &Catalog, part: Part, off: usize, verdict: Verdict) -> Card<'_> {
    let o = option_info(cat, part, off);
    fn strs(list: &[Text]) -> Vec<&str> {
        list.iter().map(|s| s.as_ref()).collect()
    }
    let systems = o.store.map(systems_in_order).unwrap_or_default();
    let examples = systems.iter().map(|s| s.name).collect();
    Card {
        section: section_of(part),
        choice: o.id,
        title: o.title,
        verdict,
        summary: o.summary,
        reasons_for: Vec::new(),
        reasons_against: Vec::new(),
        trade_offs: o
            .trade_offs
            .iter()
            .flat_map(|list| list.iter().map(|s| s.as_ref()))
            .collect(),
        would_change: Vec::new(),
        examples,
        systems,
        steps: strs(o.steps),
        catalog_ref: anchor(o.id),
        role: None,
        close_call: None,
        quorum: None,
        notes: Vec::new(),
        resolution: "",
    }
}

/// A store kind's example systems as its card lists them: adopt, trial, no status, hold, and within each the
/// catalogue's order (an insertion sort: a handful of items, and no sort code in the first load).
fn systems_in_order(kind: &StoreKind) -> Vec<SystemView<'_>> {
    let rank = |status: Option<Status>| match status {
        Some(Status::Adopt) => 0,
        Some(Status::Trial) => 1,
        None => 2,
        Some(Status::Hold) => 3,
    };
    let mut ordered: Vec<SystemView> = Vec::with_capacity(kind.examples.len());
    for name in &kind.examples {
        let details = kind.systems.iter().find(|s| &s.name == name);
        let view = SystemView {
            name,
            status: details.and_then(|d| d.status),
            managed: details.map_or(&Managed::NONE, |d| &d.managed),
            notes: details.map_or(&[], |d| &d.notes[..]),
            links: details.map_or(&[], |d| &d.links[..]),
        };
        let at = ordered
            .iter()
            .position(|o| rank(o.status) > rank(view.status))
            .unwrap_or(ordered.len());
        ordered.insert(at, view);
    }
    ordered
}

/// The seed's checklist, answered where the recommendation answers it (nothing while neutral).
fn checklist<'a>(cat: &'a Catalog, rec: &Recommendation<'a>) -> Vec<ChecklistItem<'a>> {
    cat.checklist
        .iter()
        .zip(&cat.index().checklist)
        .map(|(entry, sources)| ChecklistItem {
            id: &entry.id,
            scope: &entry.scope,
            question: &entry.question,
            answer: if rec.neutral {
                None
            } else {
                answer(sources, rec)
            },
        })
        .collect()
}

/// "PostgreSQL (relational)".
fn store_answer(c: &Card) -> String {
    match c.examples.first() {
        Some(example) => format!("{example} ({})", c.title.to_ascii_lowercase()),
        None => c.title.to_string(),
    }
}

/// "QUORUM: writes on 2 of 3 copies, reads from the primary".
fn level_answer(c: &Card) -> String {
    let Some(q) = c.quorum else {
        return c.title.to_string();
    };
    let reads = match q.read {
        None => "reads from the primary".to_string(),
        Some(1) => "reads from 1 copy".to_string(),
        Some(r) => format!("reads from {r} copies"),
    };
    format!(
        "{}: writes on {} of {} copies, {reads}",
        c.title, q.write, q.copies
    )
}

fn answer(sources: &[Source], rec: &Recommendation) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for source in sources {
        match *source {
            Source::Part(Part::PrimaryStore) => parts.push(store_answer(&rec.primary_store)),
            Source::Part(Part::Store) => parts.extend(
                rec.stores
                    .iter()
                    .filter(|c| c.role == Some(StoreRole::Alongside))
                    .map(store_answer),
            ),
            Source::Part(Part::Consistency) => parts.push(rec.consistency.title.to_string()),
            Source::Part(Part::Level) => parts.push(level_answer(&rec.consistency_level)),
            Source::Part(Part::Replication) => parts.push(format!(
                "{}: {}",
                rec.replication.title, rec.replication.summary
            )),
            Source::Pattern(p) => {
                if let Some(c) = rec
                    .patterns
                    .get(p)
                    .filter(|c| c.verdict == Verdict::Recommended)
                {
                    parts.push(c.title.to_string());
                }
            }
            Source::Part(_) => {}
        }
    }
    let mut answer = String::new();
    let parts = &mut parts.iter().map(String::as_str);
    crate::text::push_list(&mut answer, parts, ("; ", "; "), String::push_str);
    (!answer.is_empty()).then_some(answer)
}
