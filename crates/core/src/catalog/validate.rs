//! Whether a catalogue hangs together: every id it refers to exists, ids are unique, numbers are within bounds.
//! Each message names the place (`rules[12] (acid → primary-store/relational): unknown option …`).
//!
//! Depends on the catalogue's types only, so `build.rs` runs it on `catalog.json` (an invalid built-in
//! catalogue fails the build) and a catalogue read at run time (an organisation's) gets the same checks.

use super::model::*;
use std::collections::HashSet;

/// Most requirements a catalogue may have: the engine keeps the ticks in one 64-bit word.
pub const MAX_REQUIREMENTS: usize = 64;
/// Most options over all scored sections, for the same reason.
pub const MAX_OPTIONS: usize = 64;
/// Rule weights an editor may set (the built-in catalogue uses -4 to 5).
pub const WEIGHT_BOUNDS: (i32, i32) = (-10, 10);
/// Most example systems of one store kind (a card lists them all).
pub const MAX_SYSTEMS: usize = 24;
/// Most stores, patterns, migrations and conflicts (each kept as a bit set by the engine).
pub const MAX_STORES: usize = 32;
pub const MAX_PATTERNS: usize = 8;
pub const MAX_MIGRATIONS: usize = 32;
pub const MAX_CONFLICTS: usize = 64;

/// The sections rules and outcomes refer to, in the engine's slot order.
pub const SECTIONS: [&str; 7] = [
    "primary-store",
    "store",
    "consistency",
    "consistency-level",
    "replication",
    "pattern",
    "migration",
];

/// Options the engine's reasoning names (see `engine::decide`): a catalogue must keep them.
pub const REQUIRED_OPTIONS: [(&str, &str); 11] = [
    ("primary-store", "relational"),
    ("consistency", "strong"),
    ("consistency", "eventual"),
    ("consistency-level", "one"),
    ("consistency-level", "quorum"),
    ("consistency-level", "all"),
    ("consistency-level", "local-quorum"),
    ("replication", "primary-replica-async"),
    ("replication", "primary-replica-semi-sync"),
    ("replication", "primary-replica-sync"),
    ("replication", "multi-primary"),
];

/// The option ids of a section (`None` for an unknown section).
pub fn options<'a>(cat: &'a Catalog, section: &str) -> Option<Vec<&'a str>> {
    let ids: Vec<&str> = match section {
        "primary-store" => cat
            .scoring
            .primary_store
            .iter()
            .map(|s| s.as_ref())
            .collect(),
        "store" => cat.stores.iter().map(|s| s.id.as_ref()).collect(),
        "consistency" => cat
            .consistency_models
            .iter()
            .map(|m| m.id.as_ref())
            .collect(),
        "consistency-level" => cat
            .consistency_levels
            .iter()
            .map(|l| l.id.as_ref())
            .collect(),
        "replication" => cat
            .replication_modes
            .iter()
            .map(|m| m.id.as_ref())
            .chain([cat.multi_primary.id.as_ref()])
            .collect(),
        "pattern" => cat.patterns.iter().map(|p| p.id.as_ref()).collect(),
        "migration" => cat.migrations.iter().map(|m| m.id.as_ref()).collect(),
        _ => return None,
    };
    Some(ids)
}

/// Checks everything the types cannot say. `Err` holds one message naming the first problem's place.
pub fn validate(cat: &Catalog) -> Result<(), String> {
    let reqs = requirements(cat)?;
    let req = |id: &str, place: &dyn Fn() -> String| -> Result<(), String> {
        if reqs.contains(id) {
            Ok(())
        } else {
            Err(format!("{}: unknown requirement '{id}'", place()))
        }
    };
    for (p, preset) in cat.presets.iter().enumerate() {
        let place = || format!("presets[{p}] ('{}')", preset.id);
        if preset.requirements.is_empty() {
            return Err(format!("{}: a preset needs requirements", place()));
        }
        for id in &preset.requirements {
            req(id, &place)?;
        }
    }
    unique(
        cat.presets.iter().map(|p| p.id.as_ref()),
        "presets",
        "preset id",
    )?;
    entry_ids(cat)?;
    scoring(cat, &req)?;
    rules(cat, &req)?;
    conflicts(cat, &req)?;
    checklist(cat)?;
    implementations(cat)?;
    systems(cat)?;
    about(cat)?;
    wording(cat)?;
    limits(cat)
}

/// The cards' wording: each trade-off said as a gain, a cost or both; each glossary term plain ASCII (the
/// cards find it ignoring ASCII case) with a definition.
fn wording(cat: &Catalog) -> Result<(), String> {
    for (i, t) in cat.trade_off_sentences.iter().enumerate() {
        if t.seed.is_empty() || t.gain.is_empty() && t.cost.is_empty() {
            return Err(format!(
                "trade_off_sentences[{i}]: needs a seed and a gain, a cost or both"
            ));
        }
    }
    unique(
        cat.trade_off_sentences.iter().map(|t| t.seed.as_ref()),
        "trade_off_sentences",
        "seed",
    )?;
    for (i, g) in cat.glossary.iter().enumerate() {
        if !g.term.is_ascii()
            || g.term.trim() != g.term
            || g.term.is_empty()
            || g.definition.is_empty()
        {
            return Err(format!(
                "glossary[{i}]: a term is ASCII without surrounding spaces, and has a definition"
            ));
        }
    }
    unique(
        cat.glossary.iter().map(|g| g.term.as_ref()),
        "glossary",
        "term",
    )
}

fn requirements(cat: &Catalog) -> Result<HashSet<&str>, String> {
    if cat.groups.is_empty() {
        return Err("groups: there are no requirement groups".into());
    }
    unique(
        cat.groups.iter().map(|g| g.id.as_ref()),
        "groups",
        "group id",
    )?;
    let mut ids = HashSet::new();
    for (g, group) in cat.groups.iter().enumerate() {
        if group.id.is_empty() || group.title.is_empty() {
            return Err(format!(
                "groups[{g}]: a group needs a non-empty id and title"
            ));
        }
        if group.requirements.is_empty() {
            return Err(format!(
                "groups[{g}] ('{}'): the group has no requirements",
                group.id
            ));
        }
        for (r, req) in group.requirements.iter().enumerate() {
            let place = format!("groups[{g}].requirements[{r}]");
            if req.id.is_empty() || req.label.is_empty() || req.help.is_empty() {
                return Err(format!(
                    "{place}: a requirement needs a non-empty id, label and help"
                ));
            }
            if !ids.insert(req.id.as_ref()) {
                return Err(format!("{place}: duplicate requirement id '{}'", req.id));
            }
        }
    }
    if ids.len() > MAX_REQUIREMENTS {
        return Err(format!(
            "groups: {} requirements, at most {MAX_REQUIREMENTS} are supported",
            ids.len()
        ));
    }
    Ok(ids)
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>, place: &str, what: &str) -> Result<(), String> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            return Err(format!("{place}[{i}]: duplicate {what} '{id}'"));
        }
    }
    Ok(())
}

/// Anchors (`cat-<id>`) must be unique across every entry a card can link to.
fn entry_ids(cat: &Catalog) -> Result<(), String> {
    let single = [
        ("relational_vs_document", &cat.relational_vs_document.id),
        ("primary_replica", &cat.primary_replica.id),
        ("multi_primary", &cat.multi_primary.id),
    ];
    let listed: [(&str, Vec<&Text>); 8] = [
        ("stores", cat.stores.iter().map(|s| &s.id).collect()),
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
    let entries = single
        .into_iter()
        .map(|(place, id)| (place.to_string(), id))
        .chain(listed.into_iter().flat_map(|(section, ids)| {
            ids.into_iter()
                .enumerate()
                .map(move |(i, id)| (format!("{section}[{i}]"), id))
        }));
    let mut seen = HashSet::new();
    for (place, id) in entries {
        if id.is_empty() {
            return Err(format!("{place}.id: an entry needs a non-empty id"));
        }
        if !seen.insert(id.as_ref()) {
            return Err(format!("{place}.id: duplicate entry id '{id}'"));
        }
    }
    Ok(())
}

/// `Ok` when `option` is an option of `section`; the message says which was unknown.
fn option(cat: &Catalog, section: &str, option: &str) -> Result<(), String> {
    let known = options(cat, section).ok_or_else(|| format!("unknown section '{section}'"))?;
    if known.contains(&option) {
        Ok(())
    } else {
        Err(format!("unknown option '{option}' in section '{section}'"))
    }
}

type ReqCheck<'a> = dyn Fn(&str, &dyn Fn() -> String) -> Result<(), String> + 'a;

fn scoring(cat: &Catalog, req: &ReqCheck) -> Result<(), String> {
    for section in SECTIONS {
        if options(cat, section).is_some_and(|o| o.is_empty()) && section != "migration" {
            return Err(format!("section '{section}' has no options"));
        }
    }
    for (section, id) in REQUIRED_OPTIONS {
        option(cat, section, id).map_err(|_| {
            format!("section '{section}' must keep option '{id}': the engine reasons with it")
        })?;
    }
    let s = &cat.scoring;
    for (i, id) in s.primary_store.iter().enumerate() {
        if cat.stores.iter().all(|k| &k.id != id) {
            return Err(format!("scoring.primary_store[{i}]: unknown store '{id}'"));
        }
    }
    unique(
        s.primary_store.iter().map(|s| s.as_ref()),
        "scoring.primary_store",
        "store",
    )?;
    let d = &s.defaults;
    for (key, section, id) in [
        ("primary-store", "primary-store", &d.primary_store),
        ("consistency", "consistency", &d.consistency),
        (
            "consistency-level",
            "consistency-level",
            &d.consistency_level,
        ),
        ("replication", "replication", &d.replication),
    ] {
        option(cat, section, id).map_err(|e| format!("scoring.defaults.{key}: {e}"))?;
    }
    for (i, id) in s.strong_anchors.iter().enumerate() {
        req(id, &|| format!("scoring.strong_anchors[{i}]"))?;
    }
    if !(0..=5).contains(&s.close_call_margin) {
        return Err("scoring.close_call_margin: must be from 0 to 5".into());
    }
    for (i, p) in cat.patterns.iter().enumerate() {
        if p.recommend_at <= p.avoid_at {
            return Err(format!(
                "patterns[{i}] ('{}'): recommend_at must be above avoid_at",
                p.id
            ));
        }
    }
    Ok(())
}

fn rules(cat: &Catalog, req: &ReqCheck) -> Result<(), String> {
    let mut keys = HashSet::new();
    for (n, rule) in cat.rules.iter().enumerate() {
        let place = || {
            format!(
                "rules[{n}] ({} → {}/{})",
                rule.requirement, rule.section, rule.option
            )
        };
        req(&rule.requirement, &place)?;
        if rule.section == "consistency-level" {
            return Err(format!(
                "{}: the consistency level follows from the consistency model and the replication; it takes no rules",
                place()
            ));
        }
        option(cat, &rule.section, &rule.option).map_err(|e| format!("{}: {e}", place()))?;
        if rule.why.trim().is_empty() {
            return Err(format!("{}: the rule needs a 'why'", place()));
        }
        let (low, high) = WEIGHT_BOUNDS;
        if !(low..=high).contains(&rule.weight) || rule.weight == 0 {
            return Err(format!(
                "{}: weight {} is out of bounds (allowed: {low} to {high}, not 0)",
                place(),
                rule.weight
            ));
        }
        for id in rule.only_with.iter().chain(&rule.unless) {
            req(id, &place)?;
        }
        if !keys.insert((&rule.requirement, &rule.section, &rule.option)) {
            return Err(format!("{}: duplicates an earlier rule", place()));
        }
    }
    Ok(())
}

fn conflicts(cat: &Catalog, req: &ReqCheck) -> Result<(), String> {
    for (n, c) in cat.conflicts.iter().enumerate() {
        let place = || format!("conflicts[{n}] ('{}')", c.id);
        if c.requires.is_empty() && c.any_of.is_empty() {
            return Err(format!("{}: a conflict needs requires or any_of", place()));
        }
        for id in c.requires.iter().chain(&c.any_of).chain(&c.unless) {
            req(id, &place)?;
        }
        for w in c.when.iter().chain(&c.subject) {
            option(cat, &w.section, &w.option).map_err(|e| format!("{}: {e}", place()))?;
        }
        if c.title.is_empty() || c.summary.is_empty() || c.resolution.trim().is_empty() {
            return Err(format!(
                "{}: a conflict needs a title, a summary and a resolution",
                place()
            ));
        }
    }
    Ok(())
}

fn checklist(cat: &Catalog) -> Result<(), String> {
    for (n, entry) in cat.checklist.iter().enumerate() {
        if entry.scope != "service" && entry.scope != "system" {
            return Err(format!(
                "checklist[{n}] ('{}'): scope must be 'service' or 'system'",
                entry.id
            ));
        }
        for by in &entry.answered_by {
            let ok = match by.strip_prefix("pattern:") {
                Some(id) => cat.patterns.iter().any(|p| p.id == id),
                None => [
                    "primary-store",
                    "store",
                    "consistency",
                    "consistency-level",
                    "replication",
                ]
                .contains(&by.as_ref()),
            };
            if !ok {
                return Err(format!(
                    "checklist[{n}] ('{}'): cannot be answered by '{by}'",
                    entry.id
                ));
            }
        }
    }
    Ok(())
}

fn implementations(cat: &Catalog) -> Result<(), String> {
    let lists = cat
        .replication_modes
        .iter()
        .enumerate()
        .map(|(i, m)| (format!("replication_modes[{i}]"), &m.implementations))
        .chain([(
            "multi_primary".to_string(),
            &cat.multi_primary.implementations,
        )])
        .chain(
            cat.consistency_levels
                .iter()
                .enumerate()
                .map(|(i, l)| (format!("consistency_levels[{i}]"), &l.equivalents)),
        );
    for (place, list) in lists {
        for (i, imp) in list.iter().enumerate() {
            if cat.stores.iter().all(|s| s.id != imp.store) {
                return Err(format!("{place}[{i}]: unknown store '{}'", imp.store));
            }
            for (section, id) in [
                ("consistency", &imp.model),
                ("replication", &imp.replication),
            ] {
                if !id.is_empty() {
                    option(cat, section, id).map_err(|e| format!("{place}[{i}]: {e}"))?;
                }
            }
            if imp.text.trim().is_empty() {
                return Err(format!("{place}[{i}]: empty text"));
            }
        }
    }
    Ok(())
}

fn limits(cat: &Catalog) -> Result<(), String> {
    let options: usize = SECTIONS
        .iter()
        .filter_map(|s| options(cat, s))
        .map(|o| o.len())
        .sum();
    for (what, n, max) in [
        ("options over all sections", options, MAX_OPTIONS),
        ("stores", cat.stores.len(), MAX_STORES),
        ("patterns", cat.patterns.len(), MAX_PATTERNS),
        ("migrations", cat.migrations.len(), MAX_MIGRATIONS),
        ("conflicts", cat.conflicts.len(), MAX_CONFLICTS),
    ] {
        if n > max {
            return Err(format!("{n} {what}: at most {max} are supported"));
        }
    }
    Ok(())
}

/// Whether `text` is a calendar date written YYYY-MM-DD (`2026-02-29` is not; `2028-02-29` is).
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        if b[r.clone()].iter().all(u8::is_ascii_digit) {
            text[r].parse().ok()
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Longest link address accepted (browsers and wikis handle far longer, but a catalogue needs no more).
pub const MAX_URL: usize = 2000;

/// Whether `url` may be a link on a card: `url_problem` finds nothing. Cheap, without messages, for renderers
/// that check again what validation checked.
pub fn is_web_url(url: &str) -> bool {
    // The first "://", found by hand: `split_once("://")` would bring core's substring search into the app.
    let Some(at) = url.as_bytes().windows(3).position(|w| w == b"://") else {
        return false;
    };
    // Split, not sliced: "://" is ASCII, so this never fails, and `&url[..at]` would bring core's message for a
    // bad slice (with `char`'s Debug and Unicode's printable tables) into the app.
    let Some((scheme, rest)) = url.split_at_checked(at) else {
        return false;
    };
    let host = (rest.get(3..).unwrap_or("").split(['/', '?', '#']).next()).unwrap_or("");
    (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http"))
        && !host.is_empty()
        && url.len() <= MAX_URL
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Why `url` cannot be a link on a card, or `None`: only http and https, with a host, and no spaces or control
/// characters (so `javascript:`, `data:` and relative addresses are refused).
pub fn url_problem(url: &str) -> Option<String> {
    let shown = || quote(url);
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return Some(format!("{} is not an http or https address", shown()));
    };
    if url.len() > MAX_URL {
        return Some(format!("the address is longer than {MAX_URL} characters"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!(
            "{} contains spaces or control characters (write them %-encoded)",
            shown()
        ));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Some(format!("{} has no host name", shown()));
    }
    None
}

/// `'text'`, cut after 60 characters, for messages that quote what was found.
pub(crate) fn quote(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("'{}…'", &text[..at]),
        None => format!("'{text}'"),
    }
}

fn links(place: &str, links: &[Link]) -> Result<(), String> {
    for (i, link) in links.iter().enumerate() {
        if link.title.trim().is_empty() {
            return Err(format!("{place}.links[{i}].title: a link needs a title"));
        }
        if let Some(problem) = url_problem(&link.url) {
            return Err(format!("{place}.links[{i}].url: {problem}"));
        }
    }
    Ok(())
}

fn texts(place: &str, what: &str, list: &[Text]) -> Result<(), String> {
    match list.iter().position(|t| t.trim().is_empty()) {
        Some(i) => Err(format!("{place}[{i}]: empty {what}")),
        None => Ok(()),
    }
}

/// Example systems: named, unique, and each detail entry about one of them.
fn systems(cat: &Catalog) -> Result<(), String> {
    for (k, store) in cat.stores.iter().enumerate() {
        let place = format!("stores[{k}] ('{}')", store.id);
        if store.examples.len() > MAX_SYSTEMS {
            return Err(format!(
                "{place}.examples: {} systems, at most {MAX_SYSTEMS} are supported",
                store.examples.len()
            ));
        }
        texts(&format!("{place}.examples"), "system name", &store.examples)?;
        unique(
            store.examples.iter().map(|s| s.as_ref()),
            &format!("{place}.examples"),
            "system",
        )?;
        unique(
            store.systems.iter().map(|s| s.name.as_ref()),
            &format!("{place}.systems"),
            "system",
        )?;
        for (i, system) in store.systems.iter().enumerate() {
            let at = format!("{place}.systems[{i}]");
            if !store.examples.contains(&system.name) {
                return Err(format!(
                    "{at}: '{}' is not one of the store's examples",
                    system.name
                ));
            }
            for (key, _, services) in system.managed.clouds() {
                let services = services.unwrap_or_default();
                texts(&format!("{at}.managed.{key}"), "service name", services)?;
            }
            texts(&format!("{at}.notes"), "note", &system.notes)?;
            links(&at, &system.links)?;
        }
    }
    Ok(())
}

/// The catalogue's review date and, after an overlay, the organisation's name, date, notes and links.
fn about(cat: &Catalog) -> Result<(), String> {
    if !cat.reviewed.is_empty() && !is_date(&cat.reviewed) {
        return Err(format!(
            "reviewed: {} is not a date written YYYY-MM-DD",
            quote(&cat.reviewed)
        ));
    }
    let Some(org) = &cat.organisation else {
        return Ok(());
    };
    if org.name.trim().is_empty() {
        return Err("organisation.name: the organisation needs a name".into());
    }
    if !is_date(&org.reviewed) {
        return Err(format!(
            "organisation.reviewed: {} is not a date written YYYY-MM-DD",
            quote(&org.reviewed)
        ));
    }
    texts("organisation.notes", "note", &org.notes)?;
    links("organisation", &org.links)
}
