//! One verdict card: the choice and its badge, the explained body, and its diagram.

use super::diagram::DiagramFigure;
use crate::card_html::card_body;
use crate::engine::{Card, Section};
use yew::prelude::*;

/// `fragment` is the decision as its link fragment, which the card's diagram is drawn from.
pub fn verdict_card(card: &Card, fragment: &AttrValue) -> Html {
    let title_id = format!("card-{}-{}", card.section.as_str(), card.choice);
    let verdict = card.verdict.as_str();
    html! {
        <article class="card" aria-labelledby={title_id.clone()}
            data-rec={card.section.as_str()} data-choice={card.choice.clone()} data-verdict={verdict}>
            <div class="card-head">
                <div>
                    <span class="card-kind">{card.section.label()}</span>
                    <h3 id={title_id}>{&card.title}</h3>
                </div>
                <span class={classes!("badge", verdict)}>{card.verdict.label()}</span>
            </div>
            {Html::from_html_unchecked(card_body(card).into())}
            if has_diagram(card) {
                <DiagramFigure diagram={card.choice.clone()} fragment={fragment.clone()} prefix={format!("dg-{}", card.choice)} />
            }
        </article>
    }
}

/// Whether the seed draws a diagram for this card (the on-demand module draws it).
fn has_diagram(card: &Card) -> bool {
    matches!(
        card.section,
        Section::Consistency | Section::Replication | Section::Pattern | Section::Migration
    )
}
