//! The recommendations: a welcome state, or the verdict cards grouped as the seed groups them, plus the checklist.

use super::card::verdict_card;
use super::checklist::checklist;
use super::{CatalogRef, Dispatch};
use strata_core::boundary::Drawing;
use strata_core::decision::Decision;
use strata_core::engine::{Card, Recommendation};
use strata_core::export::diagram_input;
use yew::prelude::*;

/// `embed`: the page is an embed, whose diagrams offer no buttons.
pub fn results(
    catalog: CatalogRef,
    rec: &Recommendation<'static>,
    decision: &Decision,
    embed: bool,
    dispatch: &Dispatch,
) -> Html {
    let live = html! { <p class="sr-only" aria-live="polite" id="live">{announcement(rec)}</p> };
    if rec.neutral {
        return html! {
            <>
                {live}
                <section class="welcome panel" data-welcome="" aria-labelledby="welcome-title">
                    <h2 id="welcome-title">{"Start with what your system needs"}</h2>
                    <p>{rec.hint.unwrap_or_default()}</p>
                    <p>{"Each recommendation explains itself: which of your ticks led to it, the trade-offs it brings, and what would change it. Your decision lives in the page address, so the link restores it."}</p>
                </section>
            </>
        };
    }
    // Only what the diagrams are drawn from: a tick that does not change it does not redraw them.
    let drawing = Drawing::from(&diagram_input(decision, rec));
    let show = |title: &str, id: &str, cards: &mut dyn Iterator<Item = &Card<'static>>| {
        group(title, id, cards, &drawing, embed)
    };
    html! {
        <>
            {live}
            if !decision.title.is_empty() {
                <h2 class="print-only">{&decision.title}</h2>
            }
            <p class="based-on" id="based-on"><strong>{"Based on: "}</strong>{ticked_labels(catalog, decision)}</p>
            if !rec.conflicts.is_empty() {
                {show("Watch out: conflicting needs", "conflicts", &mut rec.conflicts.iter())}
            }
            {show("Storage", "storage", &mut std::iter::once(&rec.primary_store).chain(rec.stores.iter()))}
            {show("Consistency and replication", "consistency", &mut [&rec.consistency, &rec.consistency_level, &rec.replication].into_iter())}
            {show("Data patterns", "patterns", &mut rec.patterns.iter())}
            if !rec.migrations.is_empty() {
                {show("Migrations", "migrations", &mut rec.migrations.iter())}
            }
            {checklist(&rec.checklist, &decision.checklist, dispatch)}
        </>
    }
}

fn group(
    title: &str,
    id: &str,
    cards: &mut dyn Iterator<Item = &Card<'static>>,
    drawing: &Drawing,
    embed: bool,
) -> Html {
    let heading = format!("group-{id}");
    html! {
        <section class={format!("group {id}")} aria-labelledby={heading.clone()}>
            <h2 class="group-title" id={heading}>{title}</h2>
            <div class="cards">
                { for cards.map(|card| verdict_card(card, drawing, embed)) }
            </div>
        </section>
    }
}

fn ticked_labels(catalog: CatalogRef, decision: &Decision) -> String {
    decision
        .requirements()
        .iter()
        .filter_map(|id| catalog.requirement(id))
        .map(|r| r.label.as_ref())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a screen reader hears after each change: the headline verdicts.
fn announcement(rec: &Recommendation) -> String {
    if rec.neutral {
        return "Nothing ticked yet.".into();
    }
    let mut text = format!(
        "Recommendations updated. Primary store: {}. Consistency: {}, level {}. Replication: {}.",
        rec.primary_store.title,
        rec.consistency.title,
        rec.consistency_level.title,
        rec.replication.title
    );
    match rec.conflicts.len() {
        0 => {}
        1 => text.push_str(" 1 conflict."),
        n => text.push_str(&format!(" {n} conflicts.")),
    }
    text
}
