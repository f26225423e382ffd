//! One verdict card: the choice and its badge, the explained body, and its diagram.
use super::figure::DiagramFigure;
use super::CatalogRef;
use strata_core::boundary::{DiagramOf, Drawing};
use strata_core::card_html::{card_body, card_head, card_id};
use strata_core::diagrams::diagram_for_choice;
use strata_core::engine::{Card, Section, StoreRole, Verdict};
use yew::prelude::*;

/// `drawing` is what the card's diagram is drawn from; `embed` leaves out the diagram's buttons. The card is
/// the target of the summary strip's link to it (its id; focusable from there).
pub fn verdict_card(
    card: &Card<'static>,
    catalog: CatalogRef,
    drawing: &Drawing,
    embed: bool,
) -> Html {
    let id = card_id(card);
    let title_id = format!("card-{}-{}", card.section.as_str(), card.choice);
    let verdict = card.verdict.as_str();
    let diagram = diagram_for(card).map(|diagram| DiagramOf {
        diagram,
        drawing: Some(drawing.clone()),
        system: None,
    });
    // The head is static text like the body: one piece of HTML text, cheaper than Yew elements.
    let mut text = String::new();
    card_head(
        &mut text,
        card.section.label(),
        &title_id,
        card.title,
        verdict,
        badge(card),
    );
    text.push_str(&card_body(card, catalog.0));
    let content = html! {
        <>
            {Html::from_html_unchecked(text.into())}
            if let Some(of) = diagram {
                <DiagramFigure {of} actions={!embed} />
            }
        </>
    };
    // The class as two literals: a computed `class` brings Yew's `Classes` set into the bundle.
    macro_rules! article {
        ($class:tt) => {
            html! {
                <article class=$class key={key(card)}
                    aria-labelledby={title_id} id={id} tabindex="-1"
                    data-rec={card.section.as_str()} data-choice={card.choice} data-verdict={verdict}
                    data-role={card.role.map(StoreRole::as_str)}>
                    {content}
                </article>
            }
        };
    }
    if card.is_assessed() {
        article!("card")
    } else {
        article!("card unassessed")
    }
}

/// The card's place in the list of cards: the part for a part with one card (its choice may change, its diagram
/// is redrawn, not made again), the part and choice where a part has several.
fn key(card: &Card) -> String {
    match card.section {
        Section::Store | Section::Pattern | Section::Migration | Section::Conflict => {
            format!("{}-{}", card.section.as_str(), card.choice)
        }
        section => section.as_str().to_string(),
    }
}

/// A store beside the primary is added alongside it or is an alternative to it, never a second "Recommended".
fn badge(card: &Card) -> &'static str {
    match (card.role, card.verdict) {
        (Some(StoreRole::Alongside), Verdict::Recommended) => "Add alongside",
        (Some(StoreRole::Alongside), _) => "Add alongside later",
        (Some(StoreRole::Alternative), _) => "Alternative",
        (None, verdict) => verdict.label(),
    }
}

/// The seed's diagram for this card, if it draws one.
fn diagram_for(card: &Card) -> Option<strata_core::diagrams::DiagramId> {
    let drawn = matches!(
        card.section,
        Section::Consistency | Section::Replication | Section::Pattern | Section::Migration
    );
    drawn.then(|| diagram_for_choice(card.choice)).flatten()
}
