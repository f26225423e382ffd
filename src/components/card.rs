//! One verdict card: the choice, its badge, the reasons, trade-offs, what would change it, and its diagram.

use super::diagram::DiagramFigure;
use crate::browser;
use crate::diagrams::{diagram_for_choice, DiagramInput};
use crate::engine::{Card, Reason, Section};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub card: Card,
    /// What the card's diagram is drawn from (the user's decision).
    pub diagram_input: Rc<DiagramInput>,
    #[prop_or_default]
    pub wide: bool,
}

#[function_component]
pub fn VerdictCard(props: &CardProps) -> Html {
    let card = &props.card;
    let title_id = format!("card-{}-{}", card.section.as_str(), card.choice);
    let verdict = card.verdict.as_str();
    html! {
        <article class={classes!("card", props.wide.then_some("wide"))} aria-labelledby={title_id.clone()}
            data-rec={card.section.as_str()} data-choice={card.choice.clone()} data-verdict={verdict}>
            <div class="card-head">
                <div>
                    <span class="card-kind">{card.section.label()}</span>
                    <h3 id={title_id}>{&card.title}</h3>
                </div>
                <span class={classes!("badge", verdict)}>{card.verdict.label()}</span>
            </div>
            <p class="summary">{&card.summary}</p>
            if !card.examples.is_empty() {
                <p class="examples"><strong>{"Examples: "}</strong>{card.examples.join(", ")}</p>
            }
            { steps(card) }
            { reasons(card) }
            { list("Trade-offs", &card.trade_offs) }
            { would_change(card) }
            if let Some(id) = diagram_for_choice(&card.choice) {
                <DiagramFigure {id} input={props.diagram_input.clone()} prefix={format!("dg-{}", card.choice)} />
            }
            { catalogue_link(card) }
        </article>
    }
}

fn steps(card: &Card) -> Html {
    if card.steps.is_empty() {
        return Html::default();
    }
    let heading = if card.section == Section::Migration && card.choice == "parallel-run" {
        "Steps"
    } else {
        "Phases"
    };
    html! {
        <>
            <h4>{heading}</h4>
            <ol class="steps">{ for card.steps.iter().map(|s| html! { <li>{s}</li> }) }</ol>
        </>
    }
}

fn reasons(card: &Card) -> Html {
    if card.reasons_for.is_empty() && card.reasons_against.is_empty() {
        return html! { <p class="reasons none">{"No ticked requirement decides this yet: this is the default."}</p> };
    }
    let item = |r: &Reason| html! { <li><strong>{&r.label}</strong>{": "}{&r.why}</li> };
    html! {
        <>
            if !card.reasons_for.is_empty() {
                <h4>{"Because you ticked"}</h4>
                <ul class="reasons-for">{ for card.reasons_for.iter().map(item) }</ul>
            }
            if !card.reasons_against.is_empty() {
                <h4>{"Pulling the other way"}</h4>
                <ul class="reasons-against reason-against">{ for card.reasons_against.iter().map(item) }</ul>
            }
        </>
    }
}

fn list(heading: &str, items: &[String]) -> Html {
    if items.is_empty() {
        return Html::default();
    }
    html! {
        <>
            <h4>{heading}</h4>
            <ul>{ for items.iter().map(|t| html! { <li>{t}</li> }) }</ul>
        </>
    }
}

fn would_change(card: &Card) -> Html {
    if card.would_change.is_empty() {
        return html! {
            <>
                <h4>{"What would change it"}</h4>
                <p class="would-change none">{"No single tick or untick would change this."}</p>
            </>
        };
    }
    html! {
        <>
            <h4>{"What would change it"}</h4>
            <ul class="would-change">
                { for card.would_change.iter().map(|c| html! {
                    <li>{c.toggle.label()}{" "}<strong>{&c.label}</strong>{" \u{2192} "}{&c.becomes_title}</li>
                }) }
            </ul>
        </>
    }
}

fn catalogue_link(card: &Card) -> Html {
    if card.catalog_ref.is_empty() {
        return Html::default();
    }
    let target = card.catalog_ref.clone();
    let href = format!("#{target}");
    // In-page link that must not replace the fragment, which holds the decision.
    let onclick = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        browser::reveal(&target);
    });
    html! {
        <p class="card-foot"><a {href} {onclick}>{"Read more in the catalogue"}</a></p>
    }
}
