//! Cross-reference validation and the lookup tables the engine scores with, built once per catalogue.
//!
//! Every option the engine can pick gets a "slot": a position in one flat score array, grouped by `Part`.
//! Rules become (slot, weight) pushes per requirement, so scoring a set of ticks is a few additions.

use super::Catalog;
use std::collections::{HashMap, HashSet};

/// A scored section of the catalogue, in slot order.
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
        match self {
            Part::PrimaryStore => "primary-store",
            Part::Store => "store",
            Part::Consistency => "consistency",
            Part::Level => "consistency-level",
            Part::Replication => "replication",
            Part::Pattern => "pattern",
            Part::Migration => "migration",
        }
    }

    fn parse(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Position among the four single-choice sections, if this is one.
    pub fn choice(self) -> Option<usize> {
        match self {
            Part::PrimaryStore => Some(0),
            Part::Consistency => Some(1),
            Part::Level => Some(2),
            Part::Replication => Some(3),
            _ => None,
        }
    }
}

/// One rule as the engine uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Push {
    pub slot: usize,
    pub weight: i32,
    pub rule: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ConflictIx {
    pub requires: Vec<usize>,
    pub any_of: Vec<usize>,
    /// Slots, any of which must be the outcome.
    pub when: Vec<usize>,
}

/// What a checklist entry's answer is built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Part(Part),
    Pattern(usize),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Index {
    /// Requirement id → flat requirement number.
    pub req_ids: HashMap<String, usize>,
    /// Flat requirement number → (group, position in group).
    pub reqs: Vec<(usize, usize)>,
    /// Slots of part `p` are `starts[p]..starts[p + 1]`.
    pub starts: [usize; 8],
    /// Per requirement, the rules it triggers.
    pub by_req: Vec<Vec<Push>>,
    /// Per slot, the rules that push it, in file order.
    pub by_slot: Vec<Vec<usize>>,
    /// Per rule, its requirement number.
    pub rule_req: Vec<usize>,
    /// Tie-break default (offset within the part) of each choice section, indexed by `Part::choice`.
    pub defaults: [usize; 4],
    /// Primary-store option → index in `stores`.
    pub primary_kinds: Vec<usize>,
    pub conflicts: Vec<ConflictIx>,
    pub checklist: Vec<Vec<Source>>,
}

impl Index {
    pub fn range(&self, part: Part) -> std::ops::Range<usize> {
        let p = part as usize;
        self.starts[p]..self.starts[p + 1]
    }

    pub fn slot_count(&self) -> usize {
        self.starts[7]
    }

    /// Builds the tables, or explains the first inconsistency found.
    pub fn build(cat: &Catalog) -> Result<Index, String> {
        let mut req_ids: HashMap<String, usize> = HashMap::new();
        let mut reqs = Vec::new();

        if cat.groups.is_empty() {
            return Err("there are no requirement groups".into());
        }
        let mut group_ids = HashSet::new();
        for (g, group) in cat.groups.iter().enumerate() {
            if group.id.is_empty() || group.title.is_empty() {
                return Err(format!("group {} needs a non-empty id and title", g + 1));
            }
            if !group_ids.insert(group.id.as_str()) {
                return Err(format!("duplicate group id '{}'", group.id));
            }
            if group.requirements.is_empty() {
                return Err(format!("group '{}' has no requirements", group.id));
            }
            for (r, req) in group.requirements.iter().enumerate() {
                if req.id.is_empty() || req.label.is_empty() || req.help.is_empty() {
                    return Err(format!(
                        "requirement {} of group '{}' needs a non-empty id, label and help",
                        r + 1,
                        group.id
                    ));
                }
                if req_ids.insert(req.id.clone(), reqs.len()).is_some() {
                    return Err(format!("duplicate requirement id '{}'", req.id));
                }
                reqs.push((g, r));
            }
        }
        let req = |id: &str, what: &dyn Fn() -> String| -> Result<usize, String> {
            req_ids
                .get(id)
                .copied()
                .ok_or_else(|| format!("{} names unknown requirement '{id}'", what()))
        };

        let mut preset_ids = HashSet::new();
        for (p, preset) in cat.presets.iter().enumerate() {
            if !preset_ids.insert(preset.id.as_str()) {
                return Err(format!("duplicate preset id '{}'", preset.id));
            }
            if preset.requirements.is_empty() {
                return Err(format!("preset '{}' has no requirements", preset.id));
            }
            for id in &preset.requirements {
                req(id, &|| format!("preset {} ('{}')", p + 1, preset.id))?;
            }
        }

        // Anchors (`cat-<id>`) must be unique across every linkable entry.
        let mut anchors = HashSet::new();
        // Every entry a card can link to, with where it sits, so an empty id can be named.
        let single = [
            ("relational_vs_document", &cat.relational_vs_document.id),
            ("primary_replica", &cat.primary_replica.id),
            ("multi_primary", &cat.multi_primary.id),
        ];
        let listed = [
            (
                "stores",
                cat.stores.iter().map(|s| &s.id).collect::<Vec<_>>(),
            ),
            (
                "consistency_models",
                cat.consistency_models.iter().map(|m| &m.id).collect(),
            ),
            (
                "consistency_levels",
                cat.consistency_levels.iter().map(|l| &l.id).collect(),
            ),
            ("patterns", cat.patterns.iter().map(|p| &p.id).collect()),
            (
                "replication_modes",
                cat.replication_modes.iter().map(|m| &m.id).collect(),
            ),
            ("migrations", cat.migrations.iter().map(|m| &m.id).collect()),
            ("checklist", cat.checklist.iter().map(|c| &c.id).collect()),
            ("conflicts", cat.conflicts.iter().map(|c| &c.id).collect()),
        ];
        let linkable = single
            .into_iter()
            .map(|(place, id)| (place.to_string(), id))
            .chain(listed.into_iter().flat_map(|(section, ids)| {
                ids.into_iter()
                    .enumerate()
                    .map(move |(i, id)| (format!("{section}[{i}]"), id))
            }));
        for (place, id) in linkable {
            if id.is_empty() {
                return Err(format!("{place}.id: an entry needs a non-empty id"));
            }
            if !anchors.insert(id.as_str()) {
                return Err(format!("duplicate entry id '{id}'"));
            }
        }

        // Slots, part by part.
        let options: Vec<Vec<&str>> = Part::ALL.iter().map(|&p| option_ids(cat, p)).collect();
        for (p, opts) in Part::ALL.iter().zip(&options) {
            if opts.is_empty() && p.choice().is_some() {
                return Err(format!("section '{}' has no options", p.name()));
            }
        }
        let mut primary_kinds = Vec::new();
        let mut seen_primary = HashSet::new();
        for id in &cat.scoring.primary_store {
            let kind = cat
                .stores
                .iter()
                .position(|s| &s.id == id)
                .ok_or_else(|| format!("scoring.primary_store names unknown store '{id}'"))?;
            if !seen_primary.insert(id.as_str()) {
                return Err(format!("scoring.primary_store lists '{id}' twice"));
            }
            primary_kinds.push(kind);
        }
        let mut starts = [0; 8];
        for (p, opts) in options.iter().enumerate() {
            starts[p + 1] = starts[p] + opts.len();
        }
        let slot = |section: &str, option: &str| -> Result<usize, String> {
            let part =
                Part::parse(section).ok_or_else(|| format!("unknown section '{section}'"))?;
            let at = options[part as usize]
                .iter()
                .position(|o| *o == option)
                .ok_or_else(|| format!("unknown option '{option}' in section '{section}'"))?;
            Ok(starts[part as usize] + at)
        };

        let mut defaults = [0; 4];
        let d = &cat.scoring.defaults;
        for (section, option) in [
            ("primary-store", &d.primary_store),
            ("consistency", &d.consistency),
            ("consistency-level", &d.consistency_level),
            ("replication", &d.replication),
        ] {
            let s = slot(section, option).map_err(|e| format!("scoring.defaults: {e}"))?;
            if let Some(part) = Part::parse(section) {
                defaults[part.choice().unwrap_or(0)] = s - starts[part as usize];
            }
        }

        for pattern in &cat.patterns {
            if pattern.recommend_at <= pattern.avoid_at {
                return Err(format!(
                    "pattern '{}': recommend_at must be above avoid_at",
                    pattern.id
                ));
            }
        }

        // Rules.
        let mut by_req = vec![Vec::new(); reqs.len()];
        let mut by_slot = vec![Vec::new(); starts[7]];
        let mut rule_req = Vec::with_capacity(cat.rules.len());
        let mut keys = HashSet::new();
        for (n, rule) in cat.rules.iter().enumerate() {
            let what = || {
                format!(
                    "rule {} ({} → {}/{})",
                    n + 1,
                    rule.requirement,
                    rule.section,
                    rule.option
                )
            };
            let r = req(&rule.requirement, &what)?;
            let s = slot(&rule.section, &rule.option).map_err(|e| format!("{}: {e}", what()))?;
            if rule.why.trim().is_empty() {
                return Err(format!("{} has no 'why'", what()));
            }
            if !keys.insert((r, s)) {
                return Err(format!("{} duplicates an earlier rule", what()));
            }
            by_req[r].push(Push {
                slot: s,
                weight: rule.weight,
                rule: n,
            });
            by_slot[s].push(n);
            rule_req.push(r);
        }

        let mut conflicts = Vec::with_capacity(cat.conflicts.len());
        for (n, conflict) in cat.conflicts.iter().enumerate() {
            let what = || format!("conflict {} ('{}')", n + 1, conflict.id);
            if conflict.requires.is_empty() && conflict.any_of.is_empty() {
                return Err(format!("{} names no requirements", what()));
            }
            let mut cx = ConflictIx::default();
            for id in &conflict.requires {
                cx.requires.push(req(id, &what)?);
            }
            for id in &conflict.any_of {
                cx.any_of.push(req(id, &what)?);
            }
            for w in &conflict.when {
                cx.when
                    .push(slot(&w.section, &w.option).map_err(|e| format!("{}: {e}", what()))?);
            }
            conflicts.push(cx);
        }

        let mut checklist = Vec::with_capacity(cat.checklist.len());
        for entry in &cat.checklist {
            if entry.scope != "service" && entry.scope != "system" {
                return Err(format!(
                    "checklist '{}': scope must be 'service' or 'system'",
                    entry.id
                ));
            }
            let mut sources = Vec::new();
            for by in &entry.answered_by {
                let source = match by.strip_prefix("pattern:") {
                    Some(id) => cat
                        .patterns
                        .iter()
                        .position(|p| p.id == id)
                        .map(Source::Pattern),
                    None => Part::parse(by)
                        .filter(|p| *p != Part::Pattern && *p != Part::Migration)
                        .map(Source::Part),
                };
                sources.push(source.ok_or_else(|| {
                    format!("checklist '{}': cannot be answered by '{by}'", entry.id)
                })?);
            }
            checklist.push(sources);
        }
        Ok(Index {
            req_ids,
            reqs,
            starts,
            by_req,
            by_slot,
            rule_req,
            defaults,
            primary_kinds,
            conflicts,
            checklist,
        })
    }
}

/// The option ids of a part, in slot order.
pub(crate) fn option_ids(cat: &Catalog, part: Part) -> Vec<&str> {
    match part {
        Part::PrimaryStore => cat
            .scoring
            .primary_store
            .iter()
            .map(String::as_str)
            .collect(),
        Part::Store => cat.stores.iter().map(|s| s.id.as_str()).collect(),
        Part::Consistency => cat
            .consistency_models
            .iter()
            .map(|m| m.id.as_str())
            .collect(),
        Part::Level => cat
            .consistency_levels
            .iter()
            .map(|l| l.id.as_str())
            .collect(),
        Part::Replication => cat
            .replication_modes
            .iter()
            .map(|m| m.id.as_str())
            .chain([cat.multi_primary.id.as_str()])
            .collect(),
        Part::Pattern => cat.patterns.iter().map(|p| p.id.as_str()).collect(),
        Part::Migration => cat.migrations.iter().map(|m| m.id.as_str()).collect(),
    }
}
