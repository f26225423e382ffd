//! `recommend`: score the ticks, pick each section's outcome, then explain it.
//!
//! Every rule is a score delta on one option ("slot"), so the effect of toggling one requirement is that
//! requirement's few deltas: `would_change` re-evaluates the outcomes (not the cards) once per requirement,
//! which costs a few hundred additions instead of a full recommendation.

use super::{
    Card, Change, ChecklistItem, Reason, Recommendation, Requirements, Section, Toggle, Verdict,
};
use crate::catalog::{anchor, Catalog, Part, Source};

/// The single-choice sections, in outcome-key order (matches `Part::choice`).
const CHOICES: [Part; 4] = [
    Part::PrimaryStore,
    Part::Consistency,
    Part::Level,
    Part::Replication,
];

const VERDICTS: [Verdict; 3] = [Verdict::Recommended, Verdict::Acceptable, Verdict::Avoid];

/// Outcome keys: one per possible card. The code stored per key is the chosen option offset (choice
/// sections), the verdict index (patterns), or 1 = present / 0 = absent (stores, migrations, conflicts).
struct Layout {
    pattern: usize,
    store: usize,
    migration: usize,
    conflict: usize,
    len: usize,
}

impl Layout {
    fn new(cat: &Catalog) -> Layout {
        let pattern = CHOICES.len();
        let store = pattern + cat.patterns.len();
        let migration = store + cat.stores.len();
        let conflict = migration + cat.migrations.len();
        Layout {
            pattern,
            store,
            migration,
            conflict,
            len: conflict + cat.conflicts.len(),
        }
    }

    /// Whether key `k` with outcome `code` shows a card (whose flips are then worth reporting).
    fn shown(&self, k: usize, code: u32) -> bool {
        k < self.store || code == 1
    }
}

/// What a requirement set gives; reused for every toggle.
struct Eval<'a> {
    cat: &'a Catalog,
    layout: Layout,
}

impl Eval<'_> {
    fn choose(&self, scores: &[i32], part: Part) -> u32 {
        let ix = &self.cat.index;
        let range = ix.range(part);
        let slots = &scores[range];
        let mut best = ix.defaults[part.choice().unwrap_or(0)];
        let mut best_score = slots.get(best).copied().unwrap_or(i32::MIN);
        for (off, &s) in slots.iter().enumerate() {
            if s > best_score {
                best = off;
                best_score = s;
            }
        }
        best as u32
    }

    fn verdict(&self, scores: &[i32], pattern: usize) -> u32 {
        let p = &self.cat.patterns[pattern];
        let s = scores[self.cat.index.range(Part::Pattern).start + pattern];
        if s >= p.recommend_at {
            0
        } else if s <= p.avoid_at {
            2
        } else {
            1
        }
    }

    /// Fills `out` with the outcome of every key.
    fn run(&self, scores: &[i32], ticked: &[bool], out: &mut [u32]) {
        let ix = &self.cat.index;
        let l = &self.layout;
        let present_at = self.cat.scoring.present_at;
        for (k, &part) in CHOICES.iter().enumerate() {
            out[k] = self.choose(scores, part);
        }
        let primary_kind = ix.primary_kinds.get(out[0] as usize).copied();
        for p in 0..self.cat.patterns.len() {
            out[l.pattern + p] = self.verdict(scores, p);
        }
        let stores = ix.range(Part::Store);
        for (i, &s) in scores[stores].iter().enumerate() {
            out[l.store + i] = u32::from(s >= present_at && Some(i) != primary_kind);
        }
        let migrations = ix.range(Part::Migration);
        for (i, &s) in scores[migrations].iter().enumerate() {
            out[l.migration + i] = u32::from(s >= present_at);
        }
        for (i, c) in ix.conflicts.iter().enumerate() {
            let on = c.requires.iter().all(|&r| ticked[r])
                && (c.any_of.is_empty() || c.any_of.iter().any(|&r| ticked[r]))
                && (c.when.is_empty()
                    || c.when
                        .iter()
                        .any(|&slot| self.active(slot, scores, out, primary_kind)));
            out[l.conflict + i] = u32::from(on);
        }
    }

    /// Whether option `slot` is part of the outcome (chosen, recommended, or present).
    fn active(
        &self,
        slot: usize,
        scores: &[i32],
        out: &[u32],
        primary_kind: Option<usize>,
    ) -> bool {
        let ix = &self.cat.index;
        let Some(part) = Part::ALL.into_iter().find(|&p| ix.range(p).contains(&slot)) else {
            return false;
        };
        let off = slot - ix.range(part).start;
        match (part.choice(), part) {
            (Some(k), _) => out[k] as usize == off,
            (None, Part::Pattern) => out[self.layout.pattern + off] == 0,
            (None, Part::Store) => {
                scores[slot] >= self.cat.scoring.present_at || primary_kind == Some(off)
            }
            _ => scores[slot] >= self.cat.scoring.present_at,
        }
    }
}

/// Display data of one option.
struct OptionInfo<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    trade_offs: [&'a [String]; 3],
    examples: &'a [String],
    steps: &'a [String],
}

fn option_info(cat: &Catalog, part: Part, off: usize) -> OptionInfo<'_> {
    let none: &[String] = &[];
    match part {
        Part::PrimaryStore | Part::Store => {
            let kind = if part == Part::PrimaryStore {
                cat.index.primary_kinds[off]
            } else {
                off
            };
            let s = &cat.stores[kind];
            OptionInfo {
                id: &s.id,
                title: &s.title,
                summary: &s.summary,
                trade_offs: [&s.trade_offs, none, none],
                examples: &s.examples,
                steps: none,
            }
        }
        Part::Consistency => {
            let m = &cat.consistency_models[off];
            OptionInfo {
                id: &m.id,
                title: &m.title,
                summary: &m.summary,
                trade_offs: [&m.characteristics, none, none],
                examples: none,
                steps: none,
            }
        }
        Part::Level => {
            let l = &cat.consistency_levels[off];
            OptionInfo {
                id: &l.id,
                title: &l.title,
                summary: &l.summary,
                trade_offs: [&l.trade_offs, none, none],
                examples: none,
                steps: none,
            }
        }
        Part::Replication => match cat.replication_modes.get(off) {
            Some(m) => OptionInfo {
                id: &m.id,
                title: &m.title,
                summary: &m.summary,
                trade_offs: [std::slice::from_ref(&m.trade_off), none, none],
                examples: none,
                steps: none,
            },
            None => {
                let m = &cat.multi_primary;
                OptionInfo {
                    id: &m.id,
                    title: &m.title,
                    summary: &m.summary,
                    trade_offs: [&m.challenges, none, none],
                    examples: none,
                    steps: none,
                }
            }
        },
        Part::Pattern => {
            let p = &cat.patterns[off];
            OptionInfo {
                id: &p.id,
                title: &p.title,
                summary: &p.summary,
                trade_offs: [&p.challenges, &p.problems, &p.complexity],
                examples: none,
                steps: none,
            }
        }
        Part::Migration => {
            let m = &cat.migrations[off];
            OptionInfo {
                id: &m.id,
                title: &m.title,
                summary: &m.summary,
                trade_offs: [none, none, none],
                examples: none,
                steps: &m.steps,
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

fn verdict_title(v: Verdict) -> &'static str {
    match v {
        Verdict::Recommended => "Recommended",
        Verdict::Acceptable => "Acceptable",
        Verdict::Avoid => "Avoid",
    }
}

/// Requirement number, rule number, positive weight: a reason before it is turned into strings.
type RawReason = (usize, usize, u32);

/// Adds the ticked rules on `slot` whose weight has sign `sign` (+1 or -1), keeping one entry per
/// requirement (the strongest).
fn collect(cat: &Catalog, ticked: &[bool], slot: usize, sign: i32, out: &mut Vec<RawReason>) {
    let ix = &cat.index;
    for &rule in &ix.by_slot[slot] {
        let req = ix.rule_req[rule];
        let w = cat.rules[rule].weight;
        if !ticked[req] || w.signum() != sign {
            continue;
        }
        let weight = w.unsigned_abs();
        match out.iter_mut().find(|r| r.0 == req) {
            Some(r) if r.2 >= weight => {}
            Some(r) => *r = (req, rule, weight),
            None => out.push((req, rule, weight)),
        }
    }
}

fn requirement(cat: &Catalog, n: usize) -> &crate::catalog::Requirement {
    let (g, r) = cat.index.reqs[n];
    &cat.groups[g].requirements[r]
}

fn to_reasons(cat: &Catalog, mut raw: Vec<RawReason>) -> Vec<Reason> {
    // Strongest first; ties in catalogue order of requirements.
    raw.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    raw.into_iter()
        .map(|(req, rule, weight)| {
            let r = requirement(cat, req);
            Reason {
                requirement: r.id.clone(),
                label: r.label.clone(),
                why: cat.rules[rule].why.clone(),
                weight,
            }
        })
        .collect()
}

fn card(cat: &Catalog, part: Part, off: usize, verdict: Verdict) -> Card {
    let o = option_info(cat, part, off);
    Card {
        section: section_of(part),
        choice: o.id.to_owned(),
        title: o.title.to_owned(),
        verdict,
        summary: o.summary.to_owned(),
        reasons_for: Vec::new(),
        reasons_against: Vec::new(),
        trade_offs: o
            .trade_offs
            .iter()
            .flat_map(|list| list.iter().cloned())
            .collect(),
        would_change: Vec::new(),
        examples: o.examples.to_vec(),
        steps: o.steps.to_vec(),
        catalog_ref: anchor(o.id),
    }
}

/// Given the requirement set `reqs`, what the catalogue advises and why. Deterministic and total: unknown
/// ids are ignored, and an empty (or all-unknown) set gives the neutral defaults with a hint.
pub fn recommend(cat: &Catalog, reqs: &Requirements) -> Recommendation {
    let ix = &cat.index;
    let mut ticked = vec![false; ix.reqs.len()];
    let mut neutral = true;
    for id in reqs {
        if let Some(&n) = ix.req_ids.get(id.as_str()) {
            ticked[n] = true;
            neutral = false;
        }
    }
    let mut scores = vec![0i32; ix.slot_count()];
    for (n, _) in ticked.iter().enumerate().filter(|(_, &t)| t) {
        for p in &ix.by_req[n] {
            scores[p.slot] += p.weight;
        }
    }
    let eval = Eval {
        cat,
        layout: Layout::new(cat),
    };
    let l = &eval.layout;
    let mut base = vec![0u32; l.len];
    eval.run(&scores, &ticked, &mut base);

    // Would-change: toggle each requirement in turn, re-evaluate outcomes only.
    let mut flips: Vec<(usize, usize, u32)> = Vec::new();
    let mut alt = vec![0u32; l.len];
    for n in 0..ticked.len() {
        let sign = if ticked[n] { -1 } else { 1 };
        for p in &ix.by_req[n] {
            scores[p.slot] += sign * p.weight;
        }
        ticked[n] = !ticked[n];
        eval.run(&scores, &ticked, &mut alt);
        ticked[n] = !ticked[n];
        for p in &ix.by_req[n] {
            scores[p.slot] -= sign * p.weight;
        }
        for (k, (&now, &then)) in base.iter().zip(&alt).enumerate() {
            if now != then && l.shown(k, now) {
                flips.push((k, n, then));
            }
        }
    }
    let changes = |key: usize| -> Vec<Change> {
        flips
            .iter()
            .filter(|f| f.0 == key)
            .map(|&(k, n, code)| {
                let r = requirement(cat, n);
                let (becomes, becomes_title) = if k < l.pattern {
                    let o = option_info(cat, CHOICES[k], code as usize);
                    (o.id, o.title)
                } else if k < l.store {
                    let v = VERDICTS[code as usize];
                    (v.as_str(), verdict_title(v))
                } else {
                    ("absent", "No longer shown")
                };
                Change {
                    requirement: r.id.clone(),
                    label: r.label.clone(),
                    toggle: if ticked[n] {
                        Toggle::Untick
                    } else {
                        Toggle::Tick
                    },
                    becomes: becomes.to_owned(),
                    becomes_title: becomes_title.to_owned(),
                }
            })
            .collect()
    };

    // Single-choice sections: reasons for = rules pushing the chosen option; against = rules pushing it
    // down or pushing a rival up.
    let choice_card = |k: usize| -> Card {
        let part = CHOICES[k];
        let range = ix.range(part);
        let off = base[k] as usize;
        let chosen = range.start + off;
        let mut c = card(cat, part, off, Verdict::Recommended);
        let mut raw_for = Vec::new();
        collect(cat, &ticked, chosen, 1, &mut raw_for);
        let mut raw_against = Vec::new();
        collect(cat, &ticked, chosen, -1, &mut raw_against);
        for rival in range.filter(|&s| s != chosen) {
            collect(cat, &ticked, rival, 1, &mut raw_against);
        }
        c.reasons_for = to_reasons(cat, raw_for);
        c.reasons_against = to_reasons(cat, raw_against);
        c.would_change = changes(k);
        c
    };
    let primary_store = choice_card(0);
    let consistency = choice_card(1);
    let consistency_level = choice_card(2);
    let replication = choice_card(3);

    // Patterns, stores, migrations: reasons are the rules on that option; for an "avoid" verdict the
    // negative ones are what pushed it there.
    let scored_card = |part: Part, off: usize, key: usize, verdict: Verdict| -> Card {
        let slot = ix.range(part).start + off;
        let mut c = card(cat, part, off, verdict);
        let (sign_for, sign_against) = if verdict == Verdict::Avoid {
            (-1, 1)
        } else {
            (1, -1)
        };
        let mut raw = Vec::new();
        collect(cat, &ticked, slot, sign_for, &mut raw);
        c.reasons_for = to_reasons(cat, raw);
        let mut raw = Vec::new();
        collect(cat, &ticked, slot, sign_against, &mut raw);
        c.reasons_against = to_reasons(cat, raw);
        c.would_change = changes(key);
        c
    };
    let patterns: Vec<Card> = (0..cat.patterns.len())
        .map(|p| {
            scored_card(
                Part::Pattern,
                p,
                l.pattern + p,
                VERDICTS[base[l.pattern + p] as usize],
            )
        })
        .collect();
    let stores: Vec<Card> = (0..cat.stores.len())
        .filter(|&i| base[l.store + i] == 1)
        .map(|i| scored_card(Part::Store, i, l.store + i, Verdict::Recommended))
        .collect();
    let migrations: Vec<Card> = (0..cat.migrations.len())
        .filter(|&i| base[l.migration + i] == 1)
        .map(|i| scored_card(Part::Migration, i, l.migration + i, Verdict::Recommended))
        .collect();

    let conflicts: Vec<Card> = cat
        .conflicts
        .iter()
        .enumerate()
        .filter(|&(i, _)| base[l.conflict + i] == 1)
        .map(|(i, c)| {
            let cx = &ix.conflicts[i];
            let reasons_for = cx
                .requires
                .iter()
                .chain(&cx.any_of)
                .filter(|&&n| ticked[n])
                .map(|&n| {
                    let r = requirement(cat, n);
                    Reason {
                        requirement: r.id.clone(),
                        label: r.label.clone(),
                        why: c.summary.clone(),
                        weight: 1,
                    }
                })
                .collect();
            Card {
                section: Section::Conflict,
                choice: c.id.clone(),
                title: c.title.clone(),
                verdict: Verdict::Avoid,
                summary: c.summary.clone(),
                reasons_for,
                reasons_against: Vec::new(),
                trade_offs: c.trade_offs.clone(),
                would_change: changes(l.conflict + i),
                examples: Vec::new(),
                steps: Vec::new(),
                catalog_ref: anchor(&c.id),
            }
        })
        .collect();

    let checklist = cat
        .checklist
        .iter()
        .zip(&ix.checklist)
        .map(|(entry, sources)| {
            let answer = if neutral {
                None
            } else {
                answer(
                    sources,
                    &primary_store,
                    &stores,
                    &consistency,
                    &consistency_level,
                    &replication,
                    &patterns,
                )
            };
            ChecklistItem {
                id: entry.id.clone(),
                scope: entry.scope.clone(),
                question: entry.question.clone(),
                answer,
            }
        })
        .collect();

    Recommendation {
        neutral,
        hint: neutral.then(|| cat.neutral_hint.clone()),
        primary_store,
        stores,
        consistency,
        consistency_level,
        replication,
        patterns,
        migrations,
        conflicts,
        checklist,
    }
}

/// "PostgreSQL (relational)".
fn store_answer(c: &Card) -> String {
    match c.examples.first() {
        Some(example) => format!("{example} ({})", c.title.to_lowercase()),
        None => c.title.clone(),
    }
}

fn answer(
    sources: &[Source],
    primary_store: &Card,
    stores: &[Card],
    consistency: &Card,
    level: &Card,
    replication: &Card,
    patterns: &[Card],
) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for source in sources {
        match *source {
            Source::Part(Part::PrimaryStore) => parts.push(store_answer(primary_store)),
            Source::Part(Part::Store) => parts.extend(stores.iter().map(store_answer)),
            Source::Part(Part::Consistency) => parts.push(consistency.title.clone()),
            Source::Part(Part::Level) => parts.push(level.title.clone()),
            Source::Part(Part::Replication) => {
                parts.push(format!("{}: {}", replication.title, replication.summary))
            }
            Source::Pattern(p) => {
                if let Some(c) = patterns
                    .get(p)
                    .filter(|c| c.verdict == Verdict::Recommended)
                {
                    parts.push(c.title.clone());
                }
            }
            Source::Part(_) => {}
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}
