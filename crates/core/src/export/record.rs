//! The decision as versioned JSON: what was ticked and what the engine said, for tools and archives.

use crate::catalog::Catalog;
use crate::decision::Decision;
use crate::engine::{Card, Change, CloseCall, Quorum, Reason, Recommendation, SystemView, Toggle};
use crate::json::Value;
use crate::permalink;
use crate::system::advise;

mod services;
use services::{recommendation, system_value};

/// The `schema` value of the record.
pub const SCHEMA: &str = "strata.decision";
/// Bumped when a field changes meaning or goes away (new fields do not bump it).
pub const SCHEMA_VERSION: u32 = 1;

fn opt(s: Option<&String>) -> Value {
    s.map_or(Value::Null, |s| Value::from(s.as_str()))
}

fn reason(r: &Reason) -> Value {
    Value::object([
        ("requirement", Value::from(r.requirement)),
        ("label", r.label.into()),
        ("why", r.why.as_ref().into()),
        ("weight", r.weight.into()),
    ])
}

fn change(c: &Change) -> Value {
    Value::object([
        ("requirement", Value::from(c.requirement)),
        ("label", c.label.into()),
        (
            "toggle",
            match c.toggle {
                Toggle::Tick => "tick",
                Toggle::Untick => "untick",
            }
            .into(),
        ),
        ("becomes", c.becomes.into()),
        ("becomes_title", c.becomes_title.into()),
    ])
}

/// A store card's system: name, status (`adopt`, `trial`, `hold` or null) and managed services per cloud
/// (null: not stated; `[]`: that cloud has none).
fn system(s: &SystemView) -> Value {
    let managed = s
        .managed
        .clouds()
        .into_iter()
        .map(|(key, _, list)| (key, list.map_or(Value::Null, Value::strings)));
    Value::object([
        ("name", Value::from(s.name)),
        (
            "status",
            s.status.map_or(Value::Null, |st| st.as_str().into()),
        ),
        ("managed", Value::object(managed)),
    ])
}

/// Which catalogue produced the advice: its name, version and review date, and the organisation's overlay.
fn catalogue(catalog: &Catalog) -> Value {
    let organisation = catalog.organisation.as_ref().map_or(Value::Null, |org| {
        Value::object([
            ("name", Value::from(org.name.as_ref())),
            ("version", org.version.as_ref().into()),
            ("reviewed", org.reviewed.as_ref().into()),
        ])
    });
    Value::object([
        ("name", Value::from(catalog.name.as_ref())),
        ("version", catalog.version.into()),
        ("reviewed", catalog.reviewed.as_ref().into()),
        ("label", catalog.label().as_str().into()),
        ("organisation", organisation),
    ])
}

fn card(c: &Card) -> Value {
    Value::object([
        ("section", Value::from(c.section.as_str())),
        ("choice", c.choice.into()),
        ("title", c.title.into()),
        ("verdict", c.verdict.as_str().into()),
        ("summary", c.summary.into()),
        (
            "reasons_for",
            Value::Array(c.reasons_for.iter().map(reason).collect()),
        ),
        (
            "reasons_against",
            Value::Array(c.reasons_against.iter().map(reason).collect()),
        ),
        ("trade_offs", Value::strings(&c.trade_offs)),
        (
            "would_change",
            Value::Array(c.would_change.iter().map(change).collect()),
        ),
        ("examples", Value::strings(&c.examples)),
        (
            "systems",
            Value::Array(c.systems.iter().map(system).collect()),
        ),
        ("steps", Value::strings(&c.steps)),
        ("catalog_ref", c.catalog_ref.as_str().into()),
        ("role", c.role.map_or(Value::Null, |r| r.as_str().into())),
        ("notes", Value::strings(&c.notes)),
        ("resolution", c.resolution.into()),
        (
            "close_call",
            c.close_call.as_ref().map_or(Value::Null, close_call),
        ),
        ("quorum", c.quorum.as_ref().map_or(Value::Null, quorum)),
    ])
}

fn close_call(c: &CloseCall) -> Value {
    Value::object([
        ("rival", Value::from(c.rival)),
        ("margin", c.margin.into()),
        (
            "deciders",
            Value::Array(c.deciders.iter().map(change).collect()),
        ),
    ])
}

fn quorum(q: &Quorum) -> Value {
    Value::object([
        ("copies", Value::from(q.copies)),
        ("write", q.write.into()),
        ("read", q.read.map_or(Value::Null, Value::from)),
        ("regions", q.regions.into()),
        ("local", Value::Bool(q.local)),
        ("reads_see_latest", Value::Bool(q.reads_see_latest())),
    ])
}

/// Pretty JSON for a decision and its recommendation:
///
/// ```text
/// { "schema": "strata.decision", "schema_version": 1, "link_format": 1, "catalog_version": …,
///   "catalog": { "name", "version", "reviewed", "label", "organisation": { "name", "version", "reviewed" } | null },
///   "decision": { "title", "services": [{ "name", "requirements": [id…] }], "checklist": { id: bool } },
///   "recommendation": { "neutral", "hint", "cards": [{ section, choice, title, verdict, summary,
///     reasons_for/against: [{ requirement, label, why, weight }], trade_offs, would_change, examples,
///     systems: [{ name, status, managed: { aws, azure, gcp } }], steps, catalog_ref }], "conflicts": [{ id, title, summary, requirements }],
///     "checklist": [{ id, scope, question, answer, ticked, edited }] } }
/// ```
///
/// Strings are kept as typed (JSON escaping makes them safe); `ticked` is the user's edit or else the
/// engine's pre-fill (answered items are ticked).
///
/// Every service and the system they form (additive: `recommendation` stays the first service's):
///
/// ```text
///   "decision": { "services": [{ …, "owns": [entity…], "reads": [entity…] }] },
///   "system": { "services": [{ "name", "headline", "store", "recommendation": { as above } }],
///     "patterns": [card…], "entities": [{ "name", "owners": [i…], "readers": [i…] }],
///     "flows": [{ "entity", "owner": i, "consumer": i, "kind": "events"|"events-outbox"|"query", "label" }],
///     "cards": [{ kind, verdict, title, summary, because, trade_offs, resolution, services: [i…], catalog_ref }],
///     "checklist": [{ id, question, answer, ticked, edited }] }
/// ```
///
/// `i` is an index into `system.services` (and `decision.services`).
pub fn decision_json(catalog: &Catalog, decision: &Decision, rec: &Recommendation) -> String {
    let services = decision.services.iter().map(|s| {
        Value::object([
            ("name", Value::from(s.name.as_str())),
            ("requirements", Value::strings(&s.requirements)),
            ("owns", Value::strings(&s.owns)),
            ("reads", Value::strings(&s.reads)),
        ])
    });
    let edits = decision
        .checklist
        .iter()
        .map(|(id, ticked)| (id.clone(), Value::Bool(*ticked)));
    let decision_value = Value::object([
        ("title", Value::from(decision.title.as_str())),
        ("services", Value::Array(services.collect())),
        ("checklist", Value::object(edits)),
    ]);
    let recommendation = recommendation(decision, rec);
    Value::object([
        ("schema", Value::from(SCHEMA)),
        ("schema_version", SCHEMA_VERSION.into()),
        ("link_format", permalink::VERSION.into()),
        ("catalog_version", catalog.version.into()),
        ("catalog", catalogue(catalog)),
        ("decision", decision_value),
        ("recommendation", recommendation),
        ("system", system_value(decision, &advise(catalog, decision))),
    ])
    .to_json_pretty()
}
