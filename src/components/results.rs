//! The recommendations: a welcome state, or the answer at a glance (the summary strip) and the verdict cards
//! grouped as the seed groups them, those no tick decided folded away under "Not assessed", plus the checklist.
use super::card::verdict_card;
use super::checklist::checklist;
use super::{CatalogRef, Dispatch};
use strata_core::boundary::Drawing;
use strata_core::card_html::{glance, NOT_ASSESSED_ID};
use strata_core::decision::Decision;
use strata_core::engine::{Card, Recommendation, Requirements};
use strata_core::export::diagram_input;
use strata_core::text::comma_list;
use yew::prelude::*;

/// The summary strip: each part's headline choice, a link to its card. Nothing until something is ticked.
/// Sticky (app.css): at the top while the cards scroll by, and on narrow screens at the bottom while the
/// picker does, so that a tick's effect is always in view.
/// `service`: the name of the service shown, when there are several.
pub fn summary_strip(rec: &Recommendation<'static>, service: &str) -> Html {
    if rec.neutral {
        return Html::default();
    }
    Html::from_html_unchecked(glance(rec, service).into())
}

/// The cards of service `selected`; `embed`: the page is an embed, whose diagrams offer no buttons; with a
/// system (`Decision::is_system`), the checklist leaves the system's questions to the system section.
pub fn results(
    catalog: CatalogRef,
    rec: &Recommendation<'static>,
    decision: &Decision,
    selected: usize,
    embed: bool,
    dispatch: &Dispatch,
) -> Html {
    let service = match decision.services.len() {
        1 => String::new(),
        _ => decision.services[selected].display_name(selected),
    };
    let live =
        html! { <p class="sr-only" aria-live="polite" id="live">{announcement(rec, &service)}</p> };
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
    let drawing = Drawing::from(&diagram_input(decision, selected, rec));
    let groups: [(&str, &str, &mut dyn Iterator<Item = &Card<'static>>); 5] = [
        (
            "Watch out: conflicting needs",
            "conflicts",
            &mut rec.conflicts.iter(),
        ),
        (
            "Storage",
            "storage",
            &mut std::iter::once(&rec.primary_store).chain(&rec.stores),
        ),
        (
            "Consistency and replication",
            "consistency",
            &mut [&rec.consistency, &rec.consistency_level, &rec.replication].into_iter(),
        ),
        ("Data patterns", "patterns", &mut rec.patterns.iter()),
        ("Migrations", "migrations", &mut rec.migrations.iter()),
    ];
    // One keyed list of headings and cards: a card whose part a tick decides (or no longer decides) moves
    // between its group and "Not assessed" without being made again (its diagram keeps its drawing).
    let mut items: Vec<Html> = Vec::new();
    let mut unassessed: Vec<&Card<'static>> = Vec::new();
    for (title, id, cards) in groups {
        let mut advised = Vec::new();
        for c in cards {
            if c.is_assessed() {
                advised.push(c);
            } else {
                unassessed.push(c);
            }
        }
        if !advised.is_empty() {
            let heading = format!("group-{id}");
            items.push(
                html! { <h2 class="group-title" key={heading.clone()} id={heading}>{title}</h2> },
            );
            items.extend(
                advised
                    .into_iter()
                    .map(|c| verdict_card(c, catalog, &drawing, embed)),
            );
        }
    }
    if !unassessed.is_empty() {
        // Folded with CSS: the cards after this closed disclosure are not shown (app.css).
        items.push(html! {
            <details class="not-assessed" key={NOT_ASSESSED_ID}>
                <summary id={NOT_ASSESSED_ID}>{format!("Not assessed by your answers ({})", unassessed.len())}</summary>
                <p>{"No tick bears on these, so each shows the catalogue's default rather than advice."}</p>
            </details>
        });
        items.extend(
            unassessed
                .into_iter()
                .map(|c| verdict_card(c, catalog, &drawing, embed)),
        );
    }
    html! {
        <>
            {live}
            <p class="based-on" id="based-on"><strong>{"Based on: "}</strong>{ticked_labels(catalog, &decision.services[selected].requirements)}</p>
            <div class="cards">{items}</div>
            {checklist(&rec.checklist, &decision.checklist, decision.is_system(), dispatch)}
        </>
    }
}

fn ticked_labels(catalog: CatalogRef, ticks: &Requirements) -> String {
    let labels = ticks.iter().filter_map(|id| catalog.requirement(id));
    comma_list(&mut labels.map(|r| r.label.as_ref()))
}

/// What a screen reader hears after each change: the headline verdicts (of `service`, when there are several).
fn announcement(rec: &Recommendation, service: &str) -> String {
    if rec.neutral {
        return format!(
            "Nothing ticked yet{}{service}.",
            if service.is_empty() { "" } else { " for " }
        );
    }
    let mut text = format!(
        "Recommendations updated{}{service}. Primary store: {}. Consistency: {}, level {}. Replication: {}.",
        if service.is_empty() { "" } else { " for " },
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
