//! The top-level component: owns the state, keeps the URL fragment and storage in step, lays out the page.

use crate::browser;
use crate::catalog::Catalog;
use crate::components::notices::notices;
use crate::components::picker::picker;
use crate::components::results::results;
use crate::components::toolbar::toolbar;
use crate::components::CatalogRef;
use crate::decision::Decision;
use crate::engine::recommend;
use crate::permalink::{self, Decoded};
use crate::state::{Action, AppState, Notice};
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The state the page opens with: the link's decision if it carries one, else the stored one.
fn initial_state(catalog: &Catalog) -> AppState {
    if browser::take_reset_request() {
        return AppState::default();
    }
    let link = permalink::decode(&browser::fragment(), catalog);
    let mut state = AppState {
        embed: link.embed,
        ..AppState::default()
    };
    state.notices = link_notices(&link);
    if link.has_decision {
        state.decision = link.decision;
        return state;
    }
    if link.embed {
        return state; // An embed shows only what its link carries.
    }
    match browser::load_stored() {
        Ok(Some(stored)) => {
            let stored = permalink::decode(&stored, catalog);
            state.decision = stored.decision;
        }
        Ok(None) => {}
        Err(message) => state.notices.push(Notice {
            text: message,
            error: false,
        }),
    }
    state
}

fn link_notices(link: &Decoded) -> Vec<Notice> {
    let mut notices: Vec<Notice> = link
        .notices
        .iter()
        .map(|t| Notice {
            text: t.clone(),
            error: false,
        })
        .collect();
    if !link.unknown.is_empty() {
        let names = link
            .unknown
            .iter()
            .map(|id| format!("\u{201c}{id}\u{201d}"))
            .collect::<Vec<_>>()
            .join(", ");
        notices.push(Notice {
            text: format!(
                "This link names requirements this version does not know, so they were left out: {names}. \
                 Everything else in the link was applied."
            ),
            error: false,
        });
    }
    notices
}

#[function_component]
pub fn App() -> Html {
    let catalog = CatalogRef(Catalog::builtin());
    let state = use_reducer(|| initial_state(&catalog));
    let storage_warned = use_mut_ref(|| state.notices.iter().any(|n| n.text.contains("storage")));

    // Keep the fragment (and the stored copy) in step with the decision.
    {
        let dispatch = state.dispatcher();
        let embed = state.embed;
        use_effect_with(state.decision.clone(), move |decision: &Decision| {
            let fragment = permalink::encode(decision, embed);
            browser::replace_fragment(&fragment);
            if !embed {
                if let Err(message) = browser::store(&fragment) {
                    if !std::mem::replace(&mut *storage_warned.borrow_mut(), true) {
                        dispatch.dispatch(Action::Notify(Notice {
                            text: message,
                            error: false,
                        }));
                    }
                }
            }
        });
    }

    // A link pasted into the same tab only changes the fragment: apply it.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    let link = permalink::decode(&browser::fragment(), &catalog);
                    for notice in link_notices(&link) {
                        dispatch.dispatch(Action::Notify(notice));
                    }
                    dispatch.dispatch(Action::SetEmbed(link.embed));
                    if link.has_decision {
                        dispatch.dispatch(Action::Restore(Box::new(link.decision)));
                    }
                })
            });
            move || drop(listener)
        });
    }

    {
        let embed = state.embed;
        use_effect_with(embed, move |embed| {
            if let Some(body) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
            {
                let _ = body.class_list().toggle_with_force("embed", *embed);
            }
        });
    }

    let recommendation = use_memo(state.decision.requirements().clone(), |reqs| {
        recommend(&catalog, reqs)
    });
    let dispatch = state.dispatcher();
    let full_link = format!(
        "{}#{}",
        browser::page_url(),
        permalink::encode(&state.decision, false)
    );
    // Links to catalogue entries inside the cards' HTML: scroll there without touching the fragment.
    let reveal = Callback::from(|e: MouseEvent| {
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-reveal]").ok().flatten());
        if let Some(target) = link.and_then(|l| l.get_attribute("data-reveal")) {
            e.prevent_default();
            browser::reveal(&target);
            return;
        }
        browser::handle_action_click(e.target());
    });
    // Diagrams and the catalogue come from the on-demand module into their `data-fill` placeholders.
    use_effect(browser::fill_pending);
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        browser::reveal("results");
    });

    html! {
        <div class="app" data-ready="">
            <a class="skip-link" href="#results" onclick={skip}>{"Skip to recommendations"}</a>
            <header class="masthead">
                <div>
                    <h1>{"Strata"}</h1>
                    <p class="tagline">{"Tick what your system needs; get data-architecture advice with the reasons why."}</p>
                </div>
            </header>
            <main class="layout">
                {picker(catalog, state.decision.requirements(), &dispatch)}
                <div class="results" id="results" tabindex="-1" onclick={reveal.clone()}>
                    {notices(&state.notices, &dispatch)}
                    if state.embed {
                        <p class="embed-open"><a href={full_link} target="_blank" rel="noopener">{"Open this decision in Strata \u{2197}"}</a></p>
                    } else {
                        {toolbar(&state.decision, &state.action_status, state.manual_copy.as_ref(), &dispatch)}
                    }
                    {results(catalog, &recommendation, &state.decision, &dispatch)}
                </div>
            </main>
            <section class="catalogue" id="catalogue" aria-label="The catalogue" data-fill="catalogue_html" data-args="" onclick={reveal.clone()}></section>
            <footer class="site">{"Strata runs entirely in your browser; nothing you tick leaves this page."}</footer>
        </div>
    }
}
