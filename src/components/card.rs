//! One verdict card: the choice and its badge, the explained body, and its diagram.

use crate::browser::ARG_SEPARATOR;
use strata_core::card_html::card_body;
use strata_core::engine::{Card, Section};
use yew::prelude::*;

/// `input` is what the card's diagram is drawn from (`deferred::encode_input` text).
pub fn verdict_card(card: &Card<'static>, input: &AttrValue) -> Html {
    let title_id = format!("card-{}-{}", card.section.as_str(), card.choice);
    let verdict = card.verdict.as_str();
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
            if has_diagram(card) {
                {diagram_figure(card.choice, input)}
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

/// The card's diagram: drawn by the on-demand module into the `data-fill` element; the buttons are handled by
/// the app's delegated click handler (`browser::handle_action_click`). The catalogue writes the same markup as
/// text (`deferred::catalogue`'s `figure`): change both together. Here it stays a Yew element, so a new input only
/// updates its attributes and the old drawing stays until the new one arrives.
fn diagram_figure(choice: &str, input: &AttrValue) -> Html {
    let args = format!("{input}{ARG_SEPARATOR}{choice}{ARG_SEPARATOR}dg-{choice}");
    html! {
        <figure class="diagram" data-diagram={choice.to_string()} data-input={input.clone()}>
            <div class="diagram-fill" data-fill="diagram_figure" data-args={args}></div>
            <figcaption class="diagram-actions">
                <button type="button" data-action="download-svg">{"Download SVG"}</button>
                <button type="button" data-action="copy-mermaid">{"Copy Mermaid"}</button>
                <span class="action-status" role="status"></span>
            </figcaption>
        </figure>
    }
}
