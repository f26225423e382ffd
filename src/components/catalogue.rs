//! The catalogue browser: every section of the seed, readable without ticking anything.
//! Each entry carries the `cat-<id>` anchor that recommendation cards link to.

use super::diagram::DiagramFigure;
use super::CatalogRef;
use crate::catalog::{anchor, Pattern};
use crate::diagrams::{diagram_for_choice, DiagramId, DiagramInput};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CatalogueProps {
    pub catalog: CatalogRef,
}

#[function_component]
pub fn CatalogueBrowser(props: &CatalogueProps) -> Html {
    let c = props.catalog;
    html! {
        <section class="catalogue" id="catalogue" aria-labelledby="catalogue-title">
            <h2 id="catalogue-title">{"The catalogue"}</h2>
            <p>{"Everything the recommendations draw on, readable on its own."}</p>
            {decision_matrix(c)}
            {relational_vs_document(c)}
            {consistency(c)}
            {patterns(c)}
            {replication(c)}
            {migrations(c)}
            {checklist(c)}
            {conflicts(c)}
        </section>
    }
}

/// A titled catalogue entry with its anchor, and the seed's diagram for it drawn with the seed's example names.
fn entry(id: &str, title: &str, body: Html) -> Html {
    let diagram = diagram_for_choice(id).or_else(|| DiagramId::parse(id));
    html! {
        <section class="panel entry" id={anchor(id)} tabindex="-1" aria-labelledby={format!("{}-h", anchor(id))}>
            <h3 id={format!("{}-h", anchor(id))}>{title}</h3>
            {body}
            if let Some(id) = diagram {
                <DiagramFigure {id} input={Rc::new(DiagramInput::default())} prefix={format!("cat-dg-{}", id.as_str())} />
            }
        </section>
    }
}

fn items(heading: &str, list: &[String]) -> Html {
    if list.is_empty() {
        return Html::default();
    }
    html! {
        <>
            <h4>{heading}</h4>
            <ul>{ for list.iter().map(|t| html! { <li>{t}</li> }) }</ul>
        </>
    }
}

fn decision_matrix(c: CatalogRef) -> Html {
    let body = html! {
        <div class="table-wrap">
            <table>
                <caption class="sr-only">{"Storage decision matrix"}</caption>
                <thead><tr><th scope="col">{"Need"}</th><th scope="col">{"Consider"}</th><th scope="col">{"Examples"}</th></tr></thead>
                <tbody>
                    { for c.stores.iter().map(|s| html! {
                        <tr id={anchor(&s.id)} tabindex="-1">
                            <td>{&s.need}</td><th scope="row">{&s.title}</th><td>{s.examples.join(", ")}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    };
    entry("decision-matrix", "Storage decision matrix", body)
}

fn relational_vs_document(c: CatalogRef) -> Html {
    let rvd = &c.relational_vs_document;
    let body = html! {
        <>
            <p>{&rvd.summary}</p>
            <div class="table-wrap">
                <table>
                    <thead><tr><th scope="col">{&rvd.relational_title}</th><th scope="col">{&rvd.document_title}</th></tr></thead>
                    <tbody>
                        { for rvd.contrasts.iter().map(|k| html! { <tr><td>{&k.relational}</td><td>{&k.document}</td></tr> }) }
                    </tbody>
                </table>
            </div>
            <div class="columns">
                <div>{items("Choose relational when", &rvd.choose_relational)}</div>
                <div>{items("Choose document when", &rvd.choose_document)}</div>
            </div>
        </>
    };
    entry(&rvd.id, &rvd.title, body)
}

fn consistency(c: CatalogRef) -> Html {
    let levels = html! {
        <div class="table-wrap">
            <table>
                <thead><tr><th scope="col">{"Level"}</th><th scope="col">{"Meaning"}</th><th scope="col">{"Use case"}</th></tr></thead>
                <tbody>
                    { for c.consistency_levels.iter().map(|l| html! {
                        <tr id={anchor(&l.id)} tabindex="-1"><th scope="row">{&l.title}</th><td>{&l.meaning}</td><td>{&l.use_case}</td></tr>
                    }) }
                </tbody>
            </table>
        </div>
    };
    html! {
        <>
            <div class="columns">
                { for c.consistency_models.iter().map(|m| entry(&m.id, &m.title, html! {
                    <>
                        <p>{&m.summary}</p>
                        {items("Characteristics", &m.characteristics)}
                        {items("Use when", &m.use_when)}
                    </>
                })) }
            </div>
            {entry("consistency-levels", "Consistency levels (Cassandra example)", levels)}
        </>
    }
}

fn patterns(c: CatalogRef) -> Html {
    let pattern = |p: &Pattern| {
        entry(
            &p.id,
            &p.title,
            html! {
                <>
                    <p>{&p.summary}</p>
                    {items("Rules", &p.rules)}
                    {items("Benefits", &p.benefits)}
                    {items("Challenges", &p.challenges)}
                    {items("Problems", &p.problems)}
                    {items("When it's OK", &p.when_ok)}
                    {items("Complexity", &p.complexity)}
                </>
            },
        )
    };
    html! { <div class="columns">{ for c.patterns.iter().map(pattern) }</div> }
}

fn replication(c: CatalogRef) -> Html {
    let pr = &c.primary_replica;
    let modes = html! {
        <>
            <p>{&pr.summary}</p>
            <div class="table-wrap">
                <table>
                    <thead><tr><th scope="col">{"Mode"}</th><th scope="col">{"Description"}</th><th scope="col">{"Trade-off"}</th></tr></thead>
                    <tbody>
                        { for c.replication_modes.iter().map(|m| html! {
                            <tr id={anchor(&m.id)} tabindex="-1"><th scope="row">{&m.title}</th><td>{&m.description}</td><td>{&m.trade_off}</td></tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    };
    let mp = &c.multi_primary;
    let multi = html! {
        <>
            <p>{&mp.summary}</p>
            {items("Challenges", &mp.challenges)}
            {items("Use when", &mp.use_when)}
        </>
    };
    html! { <div class="columns">{entry(&pr.id, &pr.title, modes)}{entry(&mp.id, &mp.title, multi)}</div> }
}

fn migrations(c: CatalogRef) -> Html {
    html! {
        <div class="columns">
            { for c.migrations.iter().map(|m| entry(&m.id, &m.title, html! {
                <>
                    <p>{&m.summary}</p>
                    <ol>{ for m.steps.iter().map(|s| html! { <li>{s}</li> }) }</ol>
                </>
            })) }
        </div>
    }
}

fn checklist(c: CatalogRef) -> Html {
    let scope = |scope: &str| -> Vec<String> {
        c.checklist
            .iter()
            .filter(|i| i.scope == scope)
            .map(|i| i.question.clone())
            .collect()
    };
    entry(
        "checklist",
        "Data architecture checklist",
        html! {
            <div class="columns">
                <div>{items("For each service", &scope("service"))}</div>
                <div>{items("For the system", &scope("system"))}</div>
            </div>
        },
    )
}

fn conflicts(c: CatalogRef) -> Html {
    html! {
        <>
            <h3 class="group-title">{"Needs that pull against each other"}</h3>
            <div class="columns">
                { for c.conflicts.iter().map(|k| entry(&k.id, &k.title, html! {
                    <>
                        <p>{&k.summary}</p>
                        {items("Trade-offs", &k.trade_offs)}
                    </>
                })) }
            </div>
        </>
    }
}
