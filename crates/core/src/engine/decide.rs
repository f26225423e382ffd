//! `decide`: the ticks in, one coherent design out, reasoned in the order an architect reasons.
//!
//! Each step is one function: the primary store, then the consistency model the data needs, then a replication
//! that can deliver that model, then the consistency level that follows from both, then the stores alongside,
//! the patterns and the migrations, and last the conflicts, judged on what was chosen. Within a step, needs
//! that rule options out are checked first (constraints), the catalogue's rule weights rank what is left, and
//! the catalogue's default breaks a tie. docs/ADVICE.md explains each step and its seed lines.
//!
//! A `Design` is small and `Copy`: `explain` calls `decide` once more per requirement to find what a single
//! tick would change, so this must stay cheap (no allocation).

use crate::catalog::{Catalog, Index, Part, Ticks};

/// Stores (primary included) from which a small team is shown lighter ways first.
pub(crate) const SMALL_TEAM_STORES: u32 = 3;

/// Verdict codes of a pattern.
pub(crate) const RECOMMENDED: u8 = 0;
pub(crate) const ACCEPTABLE: u8 = 1;
pub(crate) const AVOID: u8 = 2;

/// The rule scores of one set of ticks, by slot.
#[derive(Clone, Copy)]
pub(crate) struct Scores {
    pub by_slot: [i32; 64],
}

impl Scores {
    pub fn of(ix: &Index, ticks: Ticks) -> Scores {
        let mut s = Scores { by_slot: [0; 64] };
        let mut rest = ticks;
        while rest != 0 {
            let n = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            for push in ix.by_req.get(n).into_iter().flatten() {
                if push.counts(ticks) && push.slot < 64 {
                    s.by_slot[push.slot] += push.weight;
                }
            }
        }
        s
    }

    /// The scores after toggling requirement `n` of `ticks`: only `n`'s own rules change, unless `n` is a
    /// condition (`only_with`, `unless`) of some rule, which then needs a full recount.
    pub fn toggled(&self, ix: &Index, ticks: Ticks, n: usize) -> Scores {
        let after = ticks ^ 1 << n;
        if ix.conditions >> n & 1 == 1 {
            return Scores::of(ix, after);
        }
        let mut s = *self;
        let sign = if after >> n & 1 == 1 { 1 } else { -1 };
        for push in ix.by_req.get(n).into_iter().flatten() {
            let counted = if sign > 0 {
                push.counts(after)
            } else {
                push.counts(ticks)
            };
            if counted && push.slot < 64 {
                s.by_slot[push.slot] += sign * push.weight;
            }
        }
        s
    }

    /// The score of option `off` of `part`.
    pub fn get(&self, ix: &Index, part: Part, off: usize) -> i32 {
        self.by_slot
            .get(ix.range(part).start + off)
            .copied()
            .unwrap_or(0)
    }
}

/// The best and the runner-up among the `allowed` options of `part` (bit = offset). Ties go to the
/// catalogue's default when it is allowed and among the best, else to the first in catalogue order.
pub(crate) fn rank(ix: &Index, s: &Scores, part: Part, allowed: u64) -> (usize, Option<usize>) {
    let default = match part {
        Part::PrimaryStore => ix.defaults[0],
        Part::Consistency => ix.defaults[1],
        Part::Level => ix.defaults[2],
        _ => ix.defaults[3],
    };
    let range = ix.range(part);
    // Higher score wins; on equal scores the default, then the earlier option.
    let beats = |a: usize, b: usize| {
        let (sa, sb) = (s.by_slot[range.start + a], s.by_slot[range.start + b]);
        sa > sb || (sa == sb && (a == default || (b != default && a < b)))
    };
    let (mut best, mut runner): (Option<usize>, Option<usize>) = (None, None);
    for off in (0..range.len().min(16)).filter(|&o| allowed >> o & 1 == 1) {
        match best {
            Some(b) if !beats(off, b) => {
                if runner.is_none_or(|r| beats(off, r)) {
                    runner = Some(off);
                }
            }
            _ => {
                runner = best;
                best = Some(off);
            }
        }
    }
    (best.unwrap_or(default), runner)
}

/// Every option of a part as a bit set.
fn all(ix: &Index, part: Part) -> u64 {
    let n = ix.range(part).len().min(63);
    (1u64 << n) - 1
}

/// What the engine chose for one set of ticks. Offsets are within each option list of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Design {
    pub primary: usize,
    pub model: usize,
    /// Strong because a strong-consistency use case is ticked (nothing outvotes it).
    pub anchored: bool,
    pub replication: usize,
    pub level: usize,
    /// Store kinds shown besides the primary store (bit = index in `stores`).
    pub stores: u32,
    /// Of those, the ones that are rivals of the primary store rather than additions.
    pub alternatives: u32,
    /// Of those, the ones a small team should first do without (their `lighter` way first).
    pub lighter: u32,
    pub patterns: [u8; 8],
    pub migrations: u32,
    pub conflicts: u64,
}

impl Design {
    /// The stores to run: the primary plus those added alongside it, except those with nothing lighter to
    /// start with because they are cheap managed services anyway (object storage).
    pub fn store_count(&self, ix: &Index) -> u32 {
        1 + (self.stores & !self.alternatives & ix.lighter).count_ones()
    }
}

pub(crate) fn decide(cat: &Catalog, ticks: Ticks) -> Design {
    decide_with(cat, ticks, Scores::of(cat.index(), ticks))
}

/// `decide` with the scores of `ticks` already counted.
pub(crate) fn decide_with(cat: &Catalog, ticks: Ticks, s: Scores) -> Design {
    let ix = cat.index();
    let primary = rank(ix, &s, Part::PrimaryStore, all(ix, Part::PrimaryStore)).0;
    let (model, anchored) = consistency_model(ix, ticks, &s);
    let replication = rank(
        ix,
        &s,
        Part::Replication,
        replication_allowed(ix, ticks, model, anchored),
    )
    .0;
    let level = level(ix, replication);
    let (stores, alternatives) = stores(cat, &s, primary);
    let mut design = Design {
        primary,
        model,
        anchored,
        replication,
        level,
        stores,
        alternatives,
        lighter: 0,
        patterns: patterns(cat, ticks, &s),
        migrations: present(ix, &s, Part::Migration, cat.scoring.present_at),
        conflicts: 0,
    };
    design.lighter = lighter(cat, ticks, &design);
    design.conflicts = conflicts(cat, ticks, &design);
    design
}

/// Step 2. The seed's strong-consistency use cases (`scoring.strong_anchors`: money, stock, bookings, or strong
/// consistency asked for outright) always get strong: other ticks raise a conflict instead of outvoting them.
/// Local writes in every region mean several primaries, which are eventually consistent. Otherwise the rule
/// weights decide, and the default (strong: the simplest programming model) breaks a tie.
pub(crate) fn consistency_model(ix: &Index, ticks: Ticks, s: &Scores) -> (usize, bool) {
    if ticks & ix.needs.strong_anchors != 0 {
        return (ix.known.strong, true);
    }
    if ticks & ix.needs.local_writes != 0 {
        return (ix.known.eventual, false);
    }
    (
        rank(ix, s, Part::Consistency, all(ix, Part::Consistency)).0,
        false,
    )
}

/// Step 3. The replications that can deliver the model (bit = option offset):
/// - local writes with an eventual model: multi-primary, the only way to write in every region;
/// - otherwise one primary per record: async or semi-sync, where a strong use case or "no data loss" rules out
///   async (after a failover it would have lost writes already confirmed).
///
/// Sync (wait for every replica) is never recommended: one replica down would stop every write, and a
/// system that needs reads to be current reads them at the primary instead (docs/ADVICE.md).
pub(crate) fn replication_allowed(ix: &Index, ticks: Ticks, model: usize, anchored: bool) -> u64 {
    let (k, needs) = (&ix.known, &ix.needs);
    let has = |need: Ticks| ticks & need != 0;
    if has(needs.local_writes) && model == k.eventual {
        return 1 << k.multi_primary;
    }
    let mut allowed = 1 << k.async_ | 1 << k.semi_sync;
    if anchored || has(needs.no_data_loss) {
        allowed &= !(1 << k.async_);
    }
    allowed
}

/// Step 4. The consistency level follows from the replication, so the two always agree: with one primary,
/// async confirms on one copy (ONE), semi-sync on two of three (QUORUM), sync on all (ALL); several primaries
/// count a majority in the local region (LOCAL_QUORUM). Reads that must be current go to the primary;
/// eventual reads may come from any replica (with several primaries, from one copy in the region when speed
/// matters more than reading the region's latest write). A level that follows from the default model and
/// the default replication (no tick bears on either) is a default too: its card is not assessed (`explain`).
pub(crate) fn level(ix: &Index, replication: usize) -> usize {
    let k = &ix.known;
    match replication {
        r if r == k.multi_primary => k.local_quorum,
        r if r == k.async_ => k.one,
        r if r == k.sync => k.all,
        _ => k.quorum,
    }
}

/// Step 5. Stores whose need is ticked strongly enough appear next to the primary store; a rival for the
/// primary's place is an alternative, not an addition.
fn stores(cat: &Catalog, s: &Scores, primary: usize) -> (u32, u32) {
    let ix = cat.index();
    let primary_kind = ix.primary_kinds.get(primary).copied();
    let shown =
        present(ix, s, Part::Store, cat.scoring.present_at) & !primary_kind.map_or(0, |k| 1 << k);
    let rivals = ix.primary_kinds.iter().fold(0u32, |bits, &k| bits | 1 << k);
    (shown, shown & rivals)
}

/// A small team with three or more stores to run is shown the lighter way first for each store that has one
/// with this primary (the catalogue's `lighter`, per primary store kind): those stores become acceptable
/// rather than recommended.
fn lighter(cat: &Catalog, ticks: Ticks, d: &Design) -> u32 {
    let ix = cat.index();
    if ticks & ix.needs.small_team == 0 || d.store_count(ix) < SMALL_TEAM_STORES {
        return 0;
    }
    let for_primary = ix.lighter_for.get(d.primary).copied().unwrap_or(0);
    d.stores & !d.alternatives & for_primary
}

/// Step 6. Patterns by their thresholds: recommended, acceptable, or avoid; with two of the seed's limits:
/// a shared database is at best acceptable ("OK" in three cases, an anti-pattern otherwise), and CQRS + event
/// sourcing is recommended only when views must be rebuilt or reads and writes scale apart (for an audit trail
/// alone an audit table or change data capture is lighter).
fn patterns(cat: &Catalog, ticks: Ticks, s: &Scores) -> [u8; 8] {
    let ix = cat.index();
    let mut out = [ACCEPTABLE; 8];
    for (p, pattern) in cat.patterns.iter().enumerate().take(8) {
        let score = s.get(ix, Part::Pattern, p);
        let capped = Some(p) == ix.known.shared_database
            || (Some(p) == ix.known.cqrs && ticks & ix.needs.rebuild_or_scale == 0);
        out[p] = if score <= pattern.avoid_at {
            AVOID
        } else if score >= pattern.recommend_at && !capped {
            RECOMMENDED
        } else {
            ACCEPTABLE
        };
    }
    out
}

/// Options of `part` scoring at least `at`, as a bit set.
fn present(ix: &Index, s: &Scores, part: Part, at: i32) -> u32 {
    (0..ix.range(part).len().min(32))
        .filter(|&i| s.get(ix, part, i) >= at)
        .fold(0, |bits, i| bits | 1 << i)
}

/// Step 8. The conflicts whose ticks are there and whose outcome the design has.
fn conflicts(cat: &Catalog, ticks: Ticks, d: &Design) -> u64 {
    let mut on = 0u64;
    for (i, c) in cat.index().conflicts.iter().enumerate().take(64) {
        let fires = ticks & c.requires == c.requires
            && (c.any_of == 0 || ticks & c.any_of != 0)
            && ticks & c.unless == 0
            && d.store_count(cat.index()) >= c.min_stores
            && c.when
                .iter()
                .all(|&(slot, advised)| holds(cat, d, ticks, slot, advised));
        if fires {
            on |= 1 << i;
        }
    }
    on
}

/// Whether option `slot` is part of the design: chosen, present, or (patterns) recommended — or, `advised`,
/// made acceptable by some tick.
pub(crate) fn holds(cat: &Catalog, d: &Design, ticks: Ticks, slot: usize, advised: bool) -> bool {
    let ix = cat.index();
    let Some(part) = Part::ALL.into_iter().find(|&p| ix.range(p).contains(&slot)) else {
        return false;
    };
    let off = slot - ix.range(part).start;
    match part {
        Part::PrimaryStore => d.primary == off,
        Part::Consistency => d.model == off,
        Part::Level => d.level == off,
        Part::Replication => d.replication == off,
        Part::Store => d.stores >> off & 1 == 1 || ix.primary_kinds.get(d.primary) == Some(&off),
        Part::Migration => d.migrations >> off & 1 == 1,
        Part::Pattern => {
            let verdict = d.patterns.get(off).copied().unwrap_or(ACCEPTABLE);
            verdict == RECOMMENDED || (advised && verdict == ACCEPTABLE && touched(ix, ticks, slot))
        }
    }
}

/// Whether some counted rule of a ticked requirement pushes `slot` (a pattern no tick touched is not assessed).
fn touched(ix: &Index, ticks: Ticks, slot: usize) -> bool {
    ix.by_slot.get(slot).into_iter().flatten().any(|&rule| {
        let req = ix.rule_req[rule];
        ticks >> req & 1 == 1
            && ix.by_req[req]
                .iter()
                .any(|p| p.rule == rule && p.counts(ticks))
    })
}
