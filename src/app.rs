//! The top-level component: owns the state, keeps the URL fragment and storage in step, lays out the page.

use crate::browser;
use crate::catalogue;
use crate::components::figure;
use crate::components::notices::notices;
use crate::components::organisation::{self, catalogue_panel, use_address, use_json, Source};
use crate::components::picker::picker;
use crate::components::results::{results, summary_strip};
use crate::components::services::services_panel;
use crate::components::system::system_section;
use crate::components::toolbar::toolbar;
use crate::components::CatalogRef;
use crate::extras;
use crate::state::{Action, AppState, Explainer, Notice};
use gloo::events::EventListener;
use strata_core::advice::{pending_body, Advice};
use strata_core::boundary::{Request, Response};
use strata_core::catalog::Catalog;
use strata_core::decision::Decision;
use strata_core::engine::{recommend, Requirements};
use strata_core::export::escape_html;
use strata_core::permalink::{self, Decoded};
use strata_core::system;
use strata_core::text::push_list;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How long after the last change the link and the stored copy follow it.
pub const LINK_DELAY_MS: i32 = 120;

/// The tab's title when the decision has none (as in index.html).
const TAB_TITLE: &str = "Strata: data architecture decisions, explained";

/// How many unknown ids a notice names before it counts the rest.
pub const UNKNOWN_NAMED: usize = 5;

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
        // A few names and a count: a link may name thousands.
        let mut names = String::new();
        let quoted: fn(&mut String, &str) = |o, id| {
            o.push('\u{201c}');
            o.push_str(id);
            o.push('\u{201d}');
        };
        let named = &mut link.unknown.iter().take(UNKNOWN_NAMED).map(String::as_str);
        push_list(&mut names, named, (", ", ", "), quoted);
        let more = link.unknown.len().saturating_sub(UNKNOWN_NAMED);
        if more > 0 {
            names.push_str(&format!(" \u{2026} and {} more", thousands(more)));
        }
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

/// 2905 as "2,905".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[component]
pub fn App() -> Html {
    let catalog = CatalogRef(Catalog::builtin());
    let state = use_reducer(|| initial_state(&catalog));
    // Storage trouble is said once: at load, or at the first write that fails.
    let storage_warned = use_mut_ref(|| {
        state
            .notices
            .iter()
            .any(|n| n.text == browser::STORAGE_BLOCKED)
    });

    // Keep the fragment (and the stored copy) in step with the decision, once the ticking pauses: browsers
    // throttle `history.replaceState`, and it is slow enough to hold back the frame that shows the verdicts.
    // The system section (when wanted) follows at the same moment, from the on-demand module.
    let pending = use_mut_ref(|| None::<i32>);
    {
        let dispatch = state.dispatcher();
        let (embed, focus) = (state.embed, state.focus);
        let deps = (state.decision.clone(), state.system.wanted);
        use_effect_with(deps, move |(decision, wanted): &(Decision, bool)| {
            // A services action's focus, now that the page shows its result.
            if let Some(element) = focus.and_then(|id| browser::document()?.get_element_by_id(id)) {
                browser::focus_without_scrolling(&element);
            }
            // The tab shows the decision's title.
            browser::set_tab_title(&match decision.title.as_str() {
                "" => TAB_TITLE.to_string(),
                title => format!("{title} \u{2014} Strata"),
            });
            let fragment = permalink::encode(decision, embed);
            let system =
                (*wanted && decision.is_system()).then(|| permalink::encode(decision, false));
            let keep = move || {
                browser::replace_fragment(&fragment);
                if let Some(system) = system {
                    ask_system(system, dispatch.clone());
                }
                if embed {
                    return;
                }
                if let Err(message) = browser::store(&fragment) {
                    if !std::mem::replace(&mut *storage_warned.borrow_mut(), true) {
                        dispatch.dispatch(Action::Notify(Notice {
                            text: message,
                            error: false,
                        }));
                    }
                }
            };
            let mut pending = pending.borrow_mut();
            *pending = browser::debounce(pending.take(), LINK_DELAY_MS, keep);
        });
    }

    // The system section is asked for once the on-demand module is there to explain the cards, or once it comes
    // near the viewport (a plain visit fetches nothing more), or the user adds a service or data (the reducer
    // sets `wanted`).
    let system_node = use_node_ref();
    {
        let (dispatch, node) = (state.dispatcher(), system_node.clone());
        let watch = state.decision.is_system() && !state.system.wanted;
        use_effect_with(watch, move |watch| {
            let near = watch.then(|| {
                let want = Callback::from(move |_| dispatch.dispatch(Action::WantSystem));
                node.cast::<web_sys::Element>()
                    .and_then(|element| browser::when_near_view(&element, "300px 0px", want))
            });
            move || drop(near)
        });
    }

    // The window's events, for the page's life.
    {
        let (dispatch, dropped, wants) =
            (state.dispatcher(), state.dispatcher(), state.dispatcher());
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                // A link pasted into the same tab only changes the fragment: apply it.
                let hashchange = EventListener::new(&window, "hashchange", move |_| {
                    let link = permalink::decode(&browser::fragment(), &catalog);
                    for notice in link_notices(&link) {
                        dispatch.dispatch(Action::Notify(notice));
                    }
                    dispatch.dispatch(Action::SetEmbed(link.embed));
                    if link.has_decision {
                        dispatch.dispatch(Action::Restore(Box::new(link.decision)));
                    }
                });
                // Printing from the browser's menu: the catalogue is read at once, and every diagram is asked
                // to draw. With the on-demand module loaded that happens in this task's microtasks, before the
                // print layout; else as soon as it has loaded.
                let printed = wants.clone();
                let beforeprint = EventListener::new(&window, "beforeprint", move |_| {
                    wants.dispatch(Action::Printing(true));
                    wants.dispatch(Action::WantSystem);
                    figure::draw_eagerly();
                    catalogue::load_now();
                    figure::want_all();
                });
                let afterprint = EventListener::new(&window, "afterprint", move |_| {
                    printed.dispatch(Action::Printing(false));
                    catalogue::mount();
                });
                // A file dropped anywhere on the page is an organisation catalogue to use (the browser would
                // otherwise leave the page to show it).
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                let dragover = EventListener::new_with_options(&window, "dragover", options, |e| {
                    e.prevent_default();
                });
                let drop = EventListener::new_with_options(&window, "drop", options, move |e| {
                    e.prevent_default();
                    let files = e
                        .dyn_ref::<web_sys::DragEvent>()
                        .and_then(|e| e.data_transfer())
                        .and_then(|t| t.files());
                    if let Some(file) = files.and_then(|f| f.get(0)) {
                        organisation::use_file(file, dropped.clone());
                    }
                });
                (hashchange, beforeprint, afterprint, (dragover, drop))
            });
            move || drop(listeners)
        });
    }

    // The catalogue to advise with: the one the link names (fetched from this site only), else the one this
    // browser keeps (at the first render only: afterwards the user's choices are already in use).
    let first = use_mut_ref(|| true);
    {
        let (dispatch, in_use) = (state.dispatcher(), state.catalogue.address.clone());
        use_effect_with(state.decision.catalogue.clone(), move |address: &String| {
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            if !address.is_empty() && *address != in_use {
                use_address(address.clone(), dispatch);
            } else if first && address.is_empty() {
                if let Some(json) = browser::stored_catalogue() {
                    use_json(json, Source::Stored, Default::default(), dispatch);
                }
            }
        });
    }

    // Embed mode marks the page's body; and the catalogue section (static HTML outside `#app`), loaded on
    // demand, is watched unless embedded: this renders into it. One effect for both (one hook type less).
    let render = use_force_update();
    use_effect_with(state.embed, move |embed| {
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.class_list().toggle_with_force("embed", *embed);
        }
        catalogue::watch(*embed, render)
    });

    let selected = state.selected;
    // What the cards show of the selected service, made once per change of the services (their ticks, and the
    // names and data its diagrams draw) or of the explainer, not at every render: by the on-demand module once
    // it is loaded (it explains every card, with the catalogue in use), else here, the bodies to come.
    let advice = use_memo(
        (
            state.decision.services.clone(),
            selected,
            state.explainer.clone(),
            (state.catalogue.generation, state.catalogue.busy),
        ),
        |(services, selected, explainer, (_, applying))| {
            let decision = Decision {
                services: services.clone(),
                ..Decision::default()
            };
            let said = match explainer {
                // While a catalogue is being applied, what the module says would be the old one's.
                _ if *applying => APPLYING.to_string(),
                Explainer::Ready => match explained(&decision, *selected) {
                    Ok(advice) => return advice,
                    Err(why) => why,
                },
                Explainer::Pending => EXPLAINING.to_string(),
                Explainer::Failed(why) => why.clone(),
            };
            let rec = recommend(catalog.0, &services[*selected].requirements);
            Advice::with_bodies(&decision, *selected, &rec, &|card| {
                pending_body(card, &escape_html(&said))
            })
        },
    );
    // The first advice to explain brings the module (a plain visit, with nothing ticked, fetches nothing).
    {
        let dispatch = state.dispatcher();
        let wanted = !advice.neutral && state.explainer == Explainer::Pending;
        use_effect_with(wanted, move |wanted| {
            if *wanted {
                browser::spawn(Box::pin(async move {
                    dispatch.dispatch(Action::Explainer(extras::load().await));
                }));
            }
        });
    }
    let headlines = use_mut_ref(Vec::new);
    let dispatch = state.dispatcher();
    // Read once: each read of the handle is a call (Yew checks and records the state it hands out).
    let state: &AppState = &state;
    let decision = &state.decision;
    // Marks the live app (tests and scripts wait for it); the build-time prerender of this screen has no mark.
    let ready = cfg!(target_arch = "wasm32").then_some(AttrValue::Static(""));
    let page = browser::page_url();
    let fragment = permalink::encode(decision, false);
    let link = format!("{page}#{fragment}");
    let neutral = advice.neutral;
    let undo = (state.undo.as_ref())
        .filter(|u| !u.in_services)
        .map(|u| u.said.as_str());
    let several = decision.services.len() > 1;
    let service = several.then(|| decision.services[selected].display_name(selected));
    // An organisation's catalogue may weigh differently: its headlines come with the module's advice.
    let headlines = match advice.headlines.is_empty() {
        true => headlines_of(catalog, decision, &mut headlines.borrow_mut()),
        false => advice.headlines.clone(),
    };
    let panel = services_panel(state, &headlines, &dispatch);
    html! {
        <div class="app" data-ready={ready}>
            <main class="layout">
                {picker(catalog, &decision.services[selected].requirements, undo, service.clone(), (panel, catalogue_panel(&state.catalogue, &dispatch)), &dispatch)}
                // The answer. On narrow screens its parts join the page's flow (app.css), so that the summary
                // strip can stay in view while the picker scrolls.
                <div class="answer">
                    {heading(&decision.title, state.embed)}
                    {summary_strip(&advice)}
                    <div class="results" id="results" tabindex="-1">
                        {notices(&state.notices, &dispatch)}
                        if state.embed {
                            {raw(format!("<p class=\"embed-open\"><a href=\"{}\" target=\"_blank\" rel=\"noopener\">Open this decision in Strata \u{2197}</a></p>", escape_html(&link)))}
                        } else if !neutral || several {
                            {toolbar(state, &page, &dispatch)}
                        }
                        {results(catalog, &advice, decision, selected, (state.embed, state.catalogue.organisation.as_ref().map(|o| o.label.as_str())), &dispatch)}
                        if several && state.printing {
                            {other_services(&fragment, selected)}
                        }
                        if decision.is_system() {
                            {system_section(&state.system, &fragment, decision.services.len(), &system_node, state.embed)}
                        }
                    </div>
                    if !neutral {
                        {raw(format!("<footer class=\"print-only print-footer\">This decision: {} \u{00b7} printed {}</footer>", escape_html(&link), browser::today()))}
                    }
                </div>
            </main>
            // The catalogue is static HTML outside `#app`; its diagrams are this app's components all the same.
            {catalogue::rendered()}
        </div>
    }
}

/// Each service's headline ("relational, strong, semi-sync"), for the services panel; `cache` keeps each
/// service's ticks and headline, so a tick recomputes only the service it changed.
fn headlines_of(
    catalog: CatalogRef,
    decision: &Decision,
    cache: &mut Vec<(Requirements, String)>,
) -> Vec<String> {
    if decision.services.len() < 2 {
        return Vec::new();
    }
    cache.resize_with(decision.services.len(), Default::default);
    for (service, (ticks, headline)) in decision.services.iter().zip(cache.iter_mut()) {
        if *ticks != service.requirements || headline.is_empty() {
            *ticks = service.requirements.clone();
            *headline = system::headline(&recommend(catalog.0, ticks));
        }
    }
    cache.iter().map(|(_, h)| h.clone()).collect()
}

/// Said on a card until the on-demand module has explained it.
const EXPLAINING: &str = "Explaining\u{2026}";
/// Said on a card while a catalogue is being applied.
const APPLYING: &str = "Applying the catalogue\u{2026}";

/// The on-demand module's advice for service `selected` (loaded already: asked synchronously).
fn explained(decision: &Decision, selected: usize) -> Result<Advice, String> {
    let request = Request::Advice {
        fragment: permalink::encode(decision, false),
        service: selected.min(usize::from(u8::MAX)) as u8,
    };
    match extras::ask_now(&request) {
        Some(Ok(Response::Advice(advice))) => Ok(advice),
        Some(Err(why)) => Err(why),
        _ => Err(extras::UNAVAILABLE.into()),
    }
}

/// For a printout: every service's cards but the selected one's (the page shows those), from the on-demand
/// module, which is there when anything is ticked (asked synchronously: printing lays out the page next).
fn other_services(fragment: &str, selected: usize) -> Html {
    let request = Request::Printed {
        fragment: fragment.to_string(),
        except: selected.min(usize::from(u8::MAX)) as u8,
    };
    let html = match extras::ask_now(&request) {
        Some(Ok(Response::Text(html))) => html,
        _ => OTHERS_LEFT_OUT.to_string(),
    };
    raw(format!("<div class=\"print-only\">{html}</div>"))
}

/// Printed instead of the other services' cards when the module could not make them.
const OTHERS_LEFT_OUT: &str = "<p>The other services' cards are not in this printout: print with Strata's Print \
     button once the cards are explained, or download the ADR (Share), which holds every service.</p>";

/// Asks the on-demand module for the system section of `fragment` and shows it when it comes.
fn ask_system(fragment: String, dispatch: yew::UseReducerDispatcher<AppState>) {
    crate::browser::spawn(Box::pin(async move {
        let answer = match extras::ask(&Request::System {
            fragment: fragment.clone(),
        })
        .await
        {
            Ok(Response::System(section)) => Ok(section),
            Ok(_) => Err("Unexpected answer from the on-demand module.".into()),
            Err(why) => Err(why),
        };
        dispatch.dispatch(Action::System(fragment, answer));
    }));
}

/// The decision's title: the embed's `<h1>`, and a heading in print (static text: cheaper as HTML text).
fn heading(title: &str, embed: bool) -> Html {
    match (embed, title) {
        (true, "") => raw("<h1 class=\"embed-title\">Data architecture decision</h1>".into()),
        (true, t) => raw(format!("<h1 class=\"embed-title\">{}</h1>", escape_html(t))),
        (false, "") => Html::default(),
        (false, t) => raw(format!("<h2 class=\"print-only\">{}</h2>", escape_html(t))),
    }
}

fn raw(html: String) -> Html {
    Html::from_html_unchecked(html.into())
}
