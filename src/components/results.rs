//! The recommendations: a welcome state, or the answer at a glance (the summary strip) and the verdict cards
//! grouped as the seed groups them, those no tick decided folded away under "Not assessed", plus the checklist.
use super::card::verdict_card;
use super::checklist::checklist;
use super::{CatalogRef, Dispatch};
use strata_core::advice::{Advice, GROUPS, NOT_ASSESSED};
use strata_core::card_html::NOT_ASSESSED_ID;
use strata_core::decision::Decision;
use strata_core::engine::Requirements;
use strata_core::text::comma_list;
use yew::prelude::*;

/// The summary strip: each part's headline choice, a link to its card. Nothing until something is ticked.
/// Sticky (app.css): at the top while the cards scroll by, and on narrow screens at the bottom while the
/// picker does, so that a tick's effect is always in view.
pub fn summary_strip(advice: &Advice) -> Html {
    if advice.neutral {
        return Html::default();
    }
    Html::from_html_unchecked(advice.glance.clone().into())
}

/// The advice for service `selected`; `embed`: the page is an embed, whose diagrams offer no buttons;
/// `organisation`: the label of the organisation's catalogue that advises, if one does; with a system
/// (`Decision::is_system`), the checklist leaves the system's questions to the system section.
pub fn results(
    catalog: CatalogRef,
    advice: &Advice,
    decision: &Decision,
    selected: usize,
    (embed, organisation): (bool, Option<&str>),
    dispatch: &Dispatch,
) -> Html {
    let live =
        html! { <p class="sr-only" aria-live="polite" id="live">{advice.announcement.clone()}</p> };
    if advice.neutral {
        return html! {
            <>
                {live}
                <section class="welcome panel" data-welcome="" aria-labelledby="welcome-title">
                    <h2 id="welcome-title">{"Start with what your system needs"}</h2>
                    <p>{advice.hint.clone()}</p>
                    <p>{"Each recommendation explains itself: which of your ticks led to it, the trade-offs it brings, and what would change it. Your decision lives in the page address, so the link restores it."}</p>
                </section>
            </>
        };
    }
    // One keyed list of headings and cards: a card whose part a tick decides (or no longer decides) moves
    // between its group and "Not assessed" without being made again (its diagram keeps its drawing).
    let mut items: Vec<Html> = Vec::new();
    let mut group = None;
    for card in &advice.cards {
        if group != Some(card.group) {
            group = Some(card.group);
            items.push(match GROUPS.get(usize::from(card.group)) {
                Some((title, id)) => {
                    let heading = format!("group-{id}");
                    html! { <h2 class="group-title" key={heading.clone()} id={heading}>{*title}</h2> }
                }
                // Folded with CSS: the cards after this closed disclosure are not shown (app.css).
                None => html! {
                    <details class="not-assessed" key={NOT_ASSESSED_ID}>
                        <summary id={NOT_ASSESSED_ID}>{format!("Not assessed by your answers ({})", unassessed(advice))}</summary>
                        <p>{"No tick bears on these, so each shows the catalogue's default rather than advice."}</p>
                    </details>
                },
            });
        }
        items.push(verdict_card(card, embed));
    }
    html! {
        <>
            {live}
            <p class="based-on" id="based-on"><strong>{"Based on: "}</strong>{ticked_labels(catalog, &decision.services[selected].requirements)}
                if let Some(label) = organisation {
                    {" \u{00b7} Catalogue: "}<strong>{label}</strong>
                }
            </p>
            if decision.services.len() > 1 {
                <h2 class="print-only">{format!("Service: {}", decision.services[selected].display_name(selected))}</h2>
                <p class="several" id="several">{format!(
                    "The cards of {}. Database per service and shared database are judged for the whole \
                     system, in its section below; the ADR (Share) holds every service.",
                    decision.services[selected].display_name(selected)
                )}</p>
            }
            <div class="cards">{items}</div>
            {checklist(&advice.checklist, &decision.checklist, decision.is_system(), dispatch)}
        </>
    }
}

fn unassessed(advice: &Advice) -> usize {
    advice
        .cards
        .iter()
        .filter(|c| c.group == NOT_ASSESSED)
        .count()
}

fn ticked_labels(catalog: CatalogRef, ticks: &Requirements) -> String {
    let labels = ticks.iter().filter_map(|id| catalog.requirement(id));
    comma_list(&mut labels.map(|r| r.label.as_ref()))
}
