//! The record's parts for several services: each service's recommendation, and the system they form.

use super::{card, opt};
use crate::decision::Decision;
use crate::engine::Recommendation;
use crate::export::system_store_label;
use crate::json::Value;
use crate::system::{SystemAdvice, SystemCard};

/// One service's recommendation: its cards, conflicts and checklist (the user's checklist edits are the
/// page's, which edits the first service).
pub(super) fn recommendation(decision: &Decision, rec: &Recommendation) -> Value {
    let conflicts = rec.conflicts.iter().map(|c| {
        Value::object([
            ("id", Value::from(c.choice)),
            ("title", c.title.into()),
            ("summary", c.summary.into()),
            (
                "requirements",
                Value::strings(c.reasons_for.iter().map(|r| &r.requirement)),
            ),
        ])
    });
    let checklist = rec.checklist.iter().map(|item| {
        let edit = decision.checklist.get(item.id).copied();
        Value::object([
            ("id", Value::from(item.id)),
            ("scope", item.scope.into()),
            ("question", item.question.into()),
            ("answer", opt(item.answer.as_ref())),
            ("ticked", edit.unwrap_or(item.answer.is_some()).into()),
            ("edited", edit.is_some().into()),
        ])
    });
    Value::object([
        ("neutral", Value::Bool(rec.neutral)),
        ("hint", rec.hint.map_or(Value::Null, Value::from)),
        ("cards", Value::Array(rec.cards().map(card).collect())),
        ("conflicts", Value::Array(conflicts.collect())),
        ("checklist", Value::Array(checklist.collect())),
    ])
}

/// A service index (a decision holds at most 16).
fn index(i: usize) -> Value {
    Value::from(u32::try_from(i).unwrap_or(u32::MAX))
}

/// Service indices as a JSON array.
fn indices(list: &[usize]) -> Value {
    Value::Array(list.iter().map(|&i| index(i)).collect())
}

fn system_card(c: &SystemCard) -> Value {
    Value::object([
        ("kind", Value::from(c.kind.as_str())),
        ("verdict", c.verdict.as_str().into()),
        ("title", c.title.as_str().into()),
        ("summary", c.summary.as_str().into()),
        ("because", Value::strings(&c.because)),
        ("trade_offs", Value::strings(&c.trade_offs)),
        ("resolution", c.resolution.as_str().into()),
        ("services", indices(&c.services)),
        ("catalog_ref", c.catalog_ref.into()),
    ])
}

/// Every service's recommendation, the ownership model, the flows, the system's cards and checklist.
pub(super) fn system_value(decision: &Decision, advice: &SystemAdvice) -> Value {
    let services = advice.services.iter().map(|s| {
        Value::object([
            ("name", Value::from(s.name.as_str())),
            ("headline", s.headline.as_str().into()),
            ("store", system_store_label(s).as_str().into()),
            ("recommendation", recommendation(decision, &s.rec)),
        ])
    });
    let entities = advice.entities.iter().map(|e| {
        Value::object([
            ("name", Value::from(e.name.as_str())),
            ("owners", indices(&e.owners)),
            ("readers", indices(&e.readers)),
        ])
    });
    let flows = advice.flows.iter().map(|f| {
        Value::object([
            ("entity", Value::from(f.entity.as_str())),
            ("owner", index(f.owner)),
            ("consumer", index(f.consumer)),
            ("kind", f.kind.as_str().into()),
            ("label", f.kind.label().into()),
        ])
    });
    let checklist = advice.checklist.iter().map(|item| {
        let edit = decision.checklist.get(&item.id).copied();
        Value::object([
            ("id", Value::from(item.id.as_str())),
            ("question", item.question.as_str().into()),
            ("answer", opt(item.answer.as_ref())),
            ("ticked", edit.unwrap_or(item.answer.is_some()).into()),
            ("edited", edit.is_some().into()),
        ])
    });
    Value::object([
        ("services", Value::Array(services.collect())),
        (
            "patterns",
            Value::Array(advice.patterns.iter().map(card).collect()),
        ),
        ("entities", Value::Array(entities.collect())),
        ("flows", Value::Array(flows.collect())),
        (
            "cards",
            Value::Array(advice.cards.iter().map(system_card).collect()),
        ),
        ("checklist", Value::Array(checklist.collect())),
    ])
}
