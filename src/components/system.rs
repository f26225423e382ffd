//! The system section, for a decision of several services or with data ownership: the system's cards and its
//! checklist answered (HTML made by the on-demand module, `Request::System`), and the diagrams drawn from the
//! whole system (figures like any other). The app asks for it from the link's effect once it is wanted (`SystemView`).

use super::figure::DiagramFigure;
use crate::state::SystemView;
use strata_core::boundary::DiagramOf;
use strata_core::diagrams::DiagramId;
use strata_core::export::escape_html;
use yew::prelude::*;

/// `fragment`: the decision's link fragment now (the section is busy until it shows the answer for it);
/// `count`: its services; `node`: watched to know when the section comes near the viewport.
pub fn system_section(
    view: &SystemView,
    fragment: &str,
    count: usize,
    node: &NodeRef,
    embed: bool,
) -> Html {
    let busy = view
        .shown
        .as_ref()
        .is_none_or(|(shown, _)| shown != fragment);
    let title = match count {
        1 => "<h2 id=\"system-title\">The system: who owns which data</h2>".to_string(),
        n => format!("<h2 id=\"system-title\">The system: {n} services</h2>"),
    };
    let body = match &view.shown {
        None => raw("<p>Preparing the system advice\u{2026}</p>".into()),
        Some((_, Err(why))) => raw(format!("<p class=\"unavailable\">{}</p>", escape_html(why))),
        Some((fragment, Ok(section))) => html! {
            <>
                <div class="cards">{raw(section.cards_html.clone())}</div>
                <div class="system-diagrams">
                    { for FIGURES.iter().map(|(diagram, title)| html! {
                        <div class="panel">
                            {raw(format!("<h3>{title}</h3>"))}
                            <DiagramFigure of={DiagramOf::of_system(*diagram, fragment.clone())} actions={!embed} />
                        </div>
                    }) }
                </div>
                {raw(section.checklist_html.clone())}
            </>
        },
    };
    html! {
        <section class="system" id="system" ref={node.clone()} aria-labelledby="system-title"
            aria-busy={busy.then_some("true")}>
            {raw(title)}
            {body}
        </section>
    }
}

/// The diagrams drawn from the whole system: its services and data flows, then the seed's two patterns as
/// the user's services make them.
const FIGURES: [(DiagramId, &str); 3] = [
    (DiagramId::System, "Services and their data"),
    (DiagramId::DatabasePerService, "Each service owns its store"),
    (
        DiagramId::SingleSourceOfTruth,
        "One source of truth per entity",
    ),
];

fn raw(html: String) -> Html {
    Html::from_html_unchecked(html.into())
}
