//! The lookup tables the engine reasons with, built once per (already validated) catalogue.
//!
//! Every option of a scored section gets a "slot": a position in one flat score array, grouped by `Part`.
//! Ticks are a bit set over the catalogue's requirements (at most 64, checked by `validate`), rules become
//! (slot, weight, conditions) pushes per requirement, and the options the engine reasons about by name (the
//! public ids `strong`, `multi-primary`, `quorum`, …) are resolved here once.
//!
//! The built-in catalogue's index is built at build time (`build.rs` includes this file and writes the result
//! as a Rust `static`, `build/index_literal.rs`), so its tables are `List`s: borrowed there, owned for a
//! catalogue loaded at run time.

use super::model::{Catalog, List, Text};
use std::sync::OnceLock;

/// A scored or chosen section of the catalogue, in slot order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    PrimaryStore,
    Store,
    Consistency,
    Level,
    Replication,
    Pattern,
    Migration,
}

impl Part {
    pub const ALL: [Part; 7] = [
        Part::PrimaryStore,
        Part::Store,
        Part::Consistency,
        Part::Level,
        Part::Replication,
        Part::Pattern,
        Part::Migration,
    ];

    /// The section name used in rules (same as the engine's `Section::as_str`).
    pub fn name(self) -> &'static str {
        super::validate::SECTIONS[self as usize]
    }

    fn parse(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// The ticks of one service: bit `n` is requirement number `n` of the catalogue.
pub(crate) type Ticks = u64;

/// One rule as the engine uses it: it counts when its requirement is ticked, one of `only_with` is (if any),
/// and none of `unless` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Push {
    pub slot: usize,
    pub weight: i32,
    pub rule: usize,
    pub only_with: Ticks,
    pub unless: Ticks,
}

impl Push {
    pub fn counts(&self, ticks: Ticks) -> bool {
        (self.only_with == 0 || ticks & self.only_with != 0) && ticks & self.unless == 0
    }
}

/// A conflict's conditions as bit sets and slots.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ConflictIx {
    pub requires: Ticks,
    pub any_of: Ticks,
    pub unless: Ticks,
    /// Outcomes that must all hold: (slot, advised).
    pub when: List<(usize, bool)>,
    pub min_stores: u32,
    pub subject: Option<usize>,
}

/// What a checklist entry's answer is built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Part(Part),
    Pattern(usize),
}

/// The requirements the engine's reasoning names (see `engine::decide`), as bits (0 when the catalogue
/// lacks one: then that step of the reasoning never fires).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Needs {
    pub local_writes: Ticks,
    pub multi_region: Ticks,
    pub no_data_loss: Ticks,
    pub high_availability: Ticks,
    pub read_heavy: Ticks,
    pub logging_metrics: Ticks,
    /// Low latency, a feed or a cart: reads that would rather be fast than see the region's latest write.
    pub fast_reads: Ticks,
    pub shopping_cart: Ticks,
    /// Low latency or a stream: analytics that must answer fast, or read data as it arrives.
    pub live_analytics: Ticks,
    pub horizontal_scaling: Ticks,
    pub monolith_transition: Ticks,
    pub small_team: Ticks,
    pub audit_trail: Ticks,
    pub rebuild_or_scale: Ticks,
    pub read_only_shared: Ticks,
    /// ACID, financial, inventory, booking: changes that must happen together or not at all.
    pub transactional: Ticks,
    /// The catalogue's `scoring.strong_anchors`.
    pub strong_anchors: Ticks,
}

/// Offsets (within their part) of the options the reasoning names. Validation guarantees they exist.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Known {
    pub relational: usize,
    pub strong: usize,
    pub eventual: usize,
    pub one: usize,
    pub quorum: usize,
    pub all: usize,
    pub local_quorum: usize,
    pub async_: usize,
    pub semi_sync: usize,
    pub sync: usize,
    pub multi_primary: usize,
    pub database_per_service: Option<usize>,
    pub shared_database: Option<usize>,
    pub cqrs: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Index {
    /// (requirement id, flat requirement number), sorted by id: see `number`.
    pub req_ids: List<(Text, usize)>,
    /// Flat requirement number → (group, position in group).
    pub reqs: List<(usize, usize)>,
    /// Slots of part `p` are `starts[p]..starts[p + 1]`.
    pub starts: [usize; 8],
    /// Per requirement, the rules it triggers.
    pub by_req: List<List<Push>>,
    /// Per slot, the rules that push it, in file order.
    pub by_slot: List<List<usize>>,
    /// Per rule, its requirement number.
    pub rule_req: List<usize>,
    /// Store kinds (bits) that have a lighter way for a small team, with any primary.
    pub lighter: u32,
    /// Per primary-store option, the store kinds (bits) whose lighter way starts from that primary.
    pub lighter_for: List<u32>,
    /// Requirements named in some rule's `only_with` or `unless`: toggling one changes other rules' counts.
    pub conditions: Ticks,
    /// Tie-break default (offset within the part): primary store, consistency, level, replication.
    pub defaults: [usize; 4],
    /// Primary-store option → index in `stores`.
    pub primary_kinds: List<usize>,
    pub needs: Needs,
    pub known: Known,
    pub conflicts: List<ConflictIx>,
    pub checklist: List<List<Source>>,
}

/// A catalogue's index. The built-in catalogue's is a `static` that `build.rs` wrote beside it; a catalogue
/// loaded or merged at run time gets one built when it is loaded. Derived from the catalogue's fields, so it
/// is always equal to another, and a clone builds its own on first use (a cloned catalogue may be edited, as an
/// overlay does, before its use). What reads or builds a built cell is a function pointer so that only code
/// which loads, merges or clones a catalogue links `Index::build` and the cell's `OnceLock`: the app, which
/// reads the built-in one only, carries neither.
pub(crate) enum IndexCell {
    Static(&'static Index),
    Built {
        index: Box<OnceLock<Index>>,
        get: for<'i> fn(&'i OnceLock<Index>, &Catalog) -> &'i Index,
    },
}

/// The index in `cell`, built from `cat` on first use. Every catalogue that reaches the engine was validated
/// (the built-in one by `build.rs`), so building succeeds; the empty fallback is never used.
fn built_once<'i>(cell: &'i OnceLock<Index>, cat: &Catalog) -> &'i Index {
    cell.get_or_init(|| Index::build(cat).unwrap_or_default())
}

impl IndexCell {
    /// An index still to be built, on first use.
    pub fn lazy() -> IndexCell {
        IndexCell::Built {
            index: Box::default(),
            get: built_once,
        }
    }

    /// An index built already.
    pub fn built(index: Index) -> IndexCell {
        IndexCell::Built {
            index: Box::new(OnceLock::from(index)),
            get: built_once,
        }
    }

    /// The index of `cat` (the catalogue holding this cell).
    pub fn get(&self, cat: &Catalog) -> &Index {
        match self {
            IndexCell::Static(index) => index,
            IndexCell::Built { index, get } => get(index, cat),
        }
    }
}

impl Default for IndexCell {
    fn default() -> IndexCell {
        IndexCell::lazy()
    }
}

impl Clone for IndexCell {
    fn clone(&self) -> IndexCell {
        IndexCell::lazy()
    }
}

impl PartialEq for IndexCell {
    fn eq(&self, _: &IndexCell) -> bool {
        true
    }
}

impl std::fmt::Debug for IndexCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IndexCell")
    }
}

impl Index {
    pub fn range(&self, part: Part) -> std::ops::Range<usize> {
        let p = part as usize;
        self.starts[p]..self.starts[p + 1]
    }

    /// The flat number of a requirement id.
    pub fn number(&self, id: &str) -> Option<usize> {
        number(&self.req_ids, id)
    }

    /// The ticks of a set of requirement ids (unknown ids are ignored).
    pub fn ticks<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> Ticks {
        ids.into_iter()
            .filter_map(|id| self.number(id))
            .fold(0, |t, n| t | 1 << n)
    }

    /// Builds the tables of a catalogue that `validate` accepted; `None` if something does not resolve (only
    /// possible for a catalogue that skipped validation).
    pub fn build(cat: &Catalog) -> Option<Index> {
        let mut req_ids = Vec::new();
        let mut reqs = Vec::new();
        for (g, group) in cat.groups.iter().enumerate() {
            for (r, req) in group.requirements.iter().enumerate() {
                req_ids.push((req.id.clone(), reqs.len()));
                reqs.push((g, r));
            }
        }
        req_ids.sort_unstable();
        let number = |id: &str| number(&req_ids, id);
        // The engine keeps ticks, slots and outcomes in fixed-size bit sets; `validate` says so with a message.
        let fits = reqs.len() <= 64
            && cat.stores.len() <= 32
            && cat.patterns.len() <= 8
            && cat.migrations.len() <= 32
            && cat.conflicts.len() <= 64
            && cat.scoring.primary_store.len() <= 16
            && cat.replication_modes.len() < 16
            && cat.consistency_models.len() <= 16
            && cat.consistency_levels.len() <= 16;
        if !fits {
            return None;
        }
        let bit = |id: &str| number(id).map(|n| 1u64 << n);
        let bits =
            |ids: &[Text]| -> Option<Ticks> { ids.iter().try_fold(0, |t, id| Some(t | bit(id)?)) };
        let options: Vec<Vec<&str>> = Part::ALL
            .iter()
            .map(|p| super::validate::options(cat, p.name()).unwrap_or_default())
            .collect();
        let mut starts = [0; 8];
        for (p, opts) in options.iter().enumerate() {
            starts[p + 1] = starts[p] + opts.len();
        }
        if starts[7] > 64 {
            return None;
        }
        let offset = |section: &str, option: &str| -> Option<usize> {
            let part = Part::parse(section)?;
            options[part as usize].iter().position(|o| *o == option)
        };
        let slot = |section: &str, option: &str| -> Option<usize> {
            Some(starts[Part::parse(section)? as usize] + offset(section, option)?)
        };

        let mut by_req = vec![Vec::new(); reqs.len()];
        let mut by_slot = vec![Vec::new(); starts[7]];
        let mut rule_req = Vec::with_capacity(cat.rules.len());
        for (n, rule) in cat.rules.iter().enumerate() {
            let r = number(&rule.requirement)?;
            rule_req.push(r);
            let s = slot(&rule.section, &rule.option)?;
            by_req[r].push(Push {
                slot: s,
                weight: rule.weight,
                rule: n,
                only_with: bits(&rule.only_with)?,
                unless: bits(&rule.unless)?,
            });
            by_slot[s].push(n);
        }

        let d = &cat.scoring.defaults;
        let defaults = [
            offset("primary-store", &d.primary_store)?,
            offset("consistency", &d.consistency)?,
            offset("consistency-level", &d.consistency_level)?,
            offset("replication", &d.replication)?,
        ];
        let primary_kinds = cat
            .scoring
            .primary_store
            .iter()
            .map(|id| cat.stores.iter().position(|s| &s.id == id))
            .collect::<Option<List<_>>>()?;

        let named = |id: &str| bit(id).unwrap_or(0);
        let needs = Needs {
            local_writes: named("local-writes"),
            multi_region: named("multi-region"),
            no_data_loss: named("no-data-loss"),
            high_availability: named("high-availability"),
            read_heavy: named("read-heavy"),
            logging_metrics: named("logging-metrics"),
            fast_reads: named("low-latency") | named("social-feed") | named("shopping-cart"),
            shopping_cart: named("shopping-cart"),
            live_analytics: named("low-latency") | named("streaming"),
            horizontal_scaling: named("horizontal-scaling"),
            monolith_transition: named("monolith-transition"),
            small_team: named("small-team"),
            audit_trail: named("audit-trail"),
            rebuild_or_scale: named("rebuild-views") | named("scale-reads-writes"),
            read_only_shared: named("read-only-shared"),
            transactional: named("acid")
                | named("financial")
                | named("inventory")
                | named("booking"),
            strong_anchors: bits(&cat.scoring.strong_anchors)?,
        };
        let pattern = |id: &str| cat.patterns.iter().position(|p| p.id == id);
        let known = Known {
            relational: offset("primary-store", "relational")?,
            strong: offset("consistency", "strong")?,
            eventual: offset("consistency", "eventual")?,
            one: offset("consistency-level", "one")?,
            quorum: offset("consistency-level", "quorum")?,
            all: offset("consistency-level", "all")?,
            local_quorum: offset("consistency-level", "local-quorum")?,
            async_: offset("replication", "primary-replica-async")?,
            semi_sync: offset("replication", "primary-replica-semi-sync")?,
            sync: offset("replication", "primary-replica-sync")?,
            multi_primary: offset("replication", "multi-primary")?,
            database_per_service: pattern("database-per-service"),
            shared_database: pattern("shared-database"),
            cqrs: pattern("cqrs-event-sourcing"),
        };

        let conflicts: List<ConflictIx> = cat
            .conflicts
            .iter()
            .map(|c| {
                Some(ConflictIx {
                    requires: bits(&c.requires)?,
                    any_of: bits(&c.any_of)?,
                    unless: bits(&c.unless)?,
                    when: c
                        .when
                        .iter()
                        .map(|w| Some((slot(&w.section, &w.option)?, w.advised)))
                        .collect::<Option<List<_>>>()?,
                    min_stores: c.min_stores,
                    subject: match &c.subject {
                        Some(s) => Some(slot(&s.section, &s.option)?),
                        None => None,
                    },
                })
            })
            .collect::<Option<_>>()?;

        let checklist = cat
            .checklist
            .iter()
            .map(|entry| {
                entry
                    .answered_by
                    .iter()
                    .map(|by| match by.strip_prefix("pattern:") {
                        Some(id) => pattern(id).map(Source::Pattern),
                        None => Part::parse(by).map(Source::Part),
                    })
                    .collect::<Option<List<_>>>()
            })
            .collect::<Option<List<_>>>()?;

        let conditions = by_req
            .iter()
            .flatten()
            .fold(0, |bits, p: &Push| bits | p.only_with | p.unless);
        let lighter_of = |primary: &str| {
            cat.stores
                .iter()
                .enumerate()
                .filter(|(_, k)| {
                    k.lighter
                        .iter()
                        .any(|l| primary.is_empty() || *l.store == *primary)
                })
                .fold(0u32, |bits, (i, _)| bits | 1 << i)
        };
        let lighter = lighter_of("");
        let lighter_for = cat
            .scoring
            .primary_store
            .iter()
            .map(|p| lighter_of(p))
            .collect();
        Some(Index {
            req_ids: req_ids.into(),
            reqs: reqs.into(),
            starts,
            by_req: by_req.into_iter().map(List::from).collect(),
            by_slot: by_slot.into_iter().map(List::from).collect(),
            rule_req: rule_req.into(),
            lighter,
            lighter_for,
            conditions,
            defaults,
            primary_kinds,
            needs,
            known,
            conflicts,
            checklist,
        })
    }
}

/// The number of requirement `id` in (id, number) pairs sorted by id.
fn number(req_ids: &[(Text, usize)], id: &str) -> Option<usize> {
    let at = req_ids.binary_search_by(|(k, _)| (**k).cmp(id));
    at.ok().map(|at| req_ids[at].1)
}
