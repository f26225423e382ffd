//! One verdict card: the choice and its badge, the explained body, and its diagram.

use super::figure::DiagramFigure;
use strata_core::boundary::{DiagramOf, Drawing};
use strata_core::card_html::card_body;
use strata_core::diagrams::diagram_for_choice;
use strata_core::engine::{Card, Section};
use yew::prelude::*;

/// `drawing` is what the card's diagram is drawn from; `embed` leaves out the diagram's buttons.
pub fn verdict_card(card: &Card<'static>, drawing: &Drawing, embed: bool) -> Html {
    let title_id = format!("card-{}-{}", card.section.as_str(), card.choice);
    let verdict = card.verdict.as_str();
    let diagram = diagram_for(card).map(|diagram| DiagramOf {
        diagram,
        drawing: Some(drawing.clone()),
    });
    html! {
        <article class="card" aria-labelledby={title_id.clone()}
            data-rec={card.section.as_str()} data-choice={card.choice} data-verdict={verdict}>
            <div class="card-head">
                <div>
                    <span class="card-kind">{card.section.label()}</span>
                    <h3 id={title_id}>{&card.title}</h3>
                </div>
                <span class={format!("badge {verdict}")}>{card.verdict.label()}</span>
            </div>
            {Html::from_html_unchecked(card_body(card).into())}
            if let Some(of) = diagram {
                <DiagramFigure {of} actions={!embed} />
            }
        </article>
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
