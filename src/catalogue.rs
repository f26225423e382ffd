//! The page's catalogue section (`#catalogue`): static HTML outside `#app`, not Yew's. The hosted page holds a
//! placeholder there; the catalogue itself is `catalogue.html`, a page of its own that reads without
//! JavaScript, and the app loads that page's section into its own on demand: when the section comes into view,
//! when a link to an entry is followed (a card's "Read more", the contents, the masthead), and before printing
//! ([`load`], [`load_now`]). The offline file has it inline.
//!
//! The app renders into the static HTML through portals only: the figure component into each diagram slot, and
//! "Back to your decision" into the entry a card's link lands on. It also marks that entry (`data-highlight`).

use crate::browser;
use crate::components::figure::DiagramFigure;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use strata_core::boundary::DiagramOf;
use strata_core::deferred::FIGURE_SLOT;
use strata_core::diagrams::DiagramId;
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Defined by the page's loader (tools/bundle, `extras::loader`): the HTML of catalogue.html's section.
    #[wasm_bindgen(catch, js_name = strataCatalogue)]
    fn fetch_section() -> Result<js_sys::Promise, JsValue>;
    /// The same, read synchronously (for `beforeprint`).
    #[wasm_bindgen(catch, js_name = strataCatalogueNow)]
    fn read_section_now() -> Result<String, JsValue>;
}

/// The section's id, and the attribute that marks the entry a link landed on; and their selectors (literals:
/// no `format!` for them).
const SECTION: &str = "catalogue";
const HIGHLIGHT: &str = "data-highlight";
const IN_SECTION: &str = "#catalogue";
const HIGHLIGHTED: &str = "[data-highlight]";

/// What the app renders into the catalogue: its figures' slots, and where "Back to your decision" goes.
#[derive(Clone, Default, PartialEq)]
struct State {
    /// Each diagram slot of the loaded (or inline) catalogue.
    slots: Rc<Vec<(DiagramId, Element)>>,
    back: Option<Back>,
}

/// "Back to your decision": rendered into `host` (an element put into the entry a card's link landed on);
/// goes back to `from`, the link that was followed.
#[derive(Clone, PartialEq)]
struct Back {
    host: Element,
    from: Element,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
    /// Renders the mounted component again after [`STATE`] changed.
    static RENDER: RefCell<Option<UseForceUpdateHandle>> = const { RefCell::new(None) };
    /// Whether the page is an embed (no catalogue there: nothing is loaded).
    static EMBED: Cell<bool> = const { Cell::new(false) };
}

fn section() -> Option<Element> {
    browser::document()?.get_element_by_id(SECTION)
}

/// Whether the section holds the catalogue (inline, or loaded), not the placeholder.
fn has_catalogue(section: &Element) -> bool {
    section.query_selector(".entry").ok().flatten().is_some()
}

/// The diagram slots in the section, emptied of what the build may have prerendered there (the same figure
/// component, in the offline file): the app renders the component into each through a portal.
fn take_slots(section: &Element) -> Vec<(DiagramId, Element)> {
    let Ok(slots) = section.query_selector_all(&format!("[{FIGURE_SLOT}]")) else {
        return Vec::new();
    };
    (0..slots.length())
        .filter_map(|i| slots.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|slot| {
            let diagram = DiagramId::parse(&slot.get_attribute(FIGURE_SLOT)?)?;
            slot.set_inner_html("");
            Some((diagram, slot))
        })
        .collect()
}

/// Puts the catalogue's section into the page (once) and, with `mount`, the figure component into its slots.
/// Without, the slots keep the diagrams catalogue.html has drawn, until [`mount`].
fn fill(html: &str, mount: bool) {
    let Some(section) = section() else { return };
    if has_catalogue(&section) {
        return; // Another request got here first.
    }
    section.set_inner_html(html);
    if mount {
        self::mount();
    }
}

/// Mounts the figure component into the slots of the catalogue in the page, if it is there and they are not
/// mounted yet (the offline file's inline catalogue, or one read for printing).
pub fn mount() {
    let unmounted = STATE.with(|s| s.borrow().slots.is_empty());
    if let Some(section) = section().filter(|s| unmounted && has_catalogue(s)) {
        let slots = Rc::new(take_slots(&section));
        change(|state| state.slots = slots);
    }
}

fn change(f: impl FnOnce(&mut State)) {
    STATE.with(|s| f(&mut s.borrow_mut()));
    RENDER.with(|r| r.borrow().as_ref().map(UseForceUpdateHandle::force_update));
}

/// Says so in the placeholder (with its link to catalogue.html) when the catalogue could not be loaded.
fn failed() {
    if let Some(note) = section().and_then(|s| s.query_selector(".catalogue-failed").ok().flatten())
    {
        let _ = note.remove_attribute("hidden");
    }
}

fn wanted() -> Option<Element> {
    section().filter(|s| !EMBED.with(Cell::get) && !has_catalogue(s))
}

/// Loads the catalogue into the page unless it is there already (or the page is an embed).
pub async fn load() -> Result<(), ()> {
    if wanted().is_none() {
        return Ok(());
    }
    let promise = fetch_section().map_err(|_| failed())?;
    let html = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|html| html.as_string())
        .ok_or_else(failed)?;
    fill(&html, true);
    Ok(())
}

/// Loads the catalogue synchronously, for the browser's own Print (`beforeprint`), which lays the page out as
/// soon as its listeners return: with the diagrams catalogue.html has drawn in its slots, since Yew may finish
/// rendering components in a later task. The app mounts its figures there after printing ([`mount`]).
pub fn load_now() {
    if wanted().is_some() {
        match read_section_now() {
            Ok(html) => fill(&html, false),
            Err(_) => failed(),
        }
    }
}

/// Follows an in-page link to `target` (an element id) without touching the fragment, which holds the
/// decision. A target in the catalogue is revealed once the catalogue is loaded, and marked; `from` (a card's
/// "Read more" link) gets a "Back to your decision" link there.
pub fn follow(target: String, from: Option<Element>) {
    let found = browser::document().and_then(|d| d.get_element_by_id(&target));
    if found.is_some_and(|e| e.closest(IN_SECTION).ok().flatten().is_none()) {
        browser::reveal(&target);
        return;
    }
    crate::browser::spawn(Box::pin(async move {
        if load().await.is_err() {
            browser::reveal(SECTION);
            return;
        }
        land(&target, from);
    }));
}

/// Reveals `target` in the loaded catalogue: its entry scrolled to the top, the target focused and marked,
/// and "Back to your decision" in the entry when a card's link led there.
fn land(target: &str, from: Option<Element>) {
    let Some(document) = browser::document() else {
        return;
    };
    let Some(element) = document.get_element_by_id(target) else {
        return browser::reveal(SECTION);
    };
    unmark(&document);
    if target != SECTION {
        let _ = element.set_attribute(HIGHLIGHT, "");
    }
    // A table row's entry is the section around its table.
    let entry = element
        .closest(".entry")
        .ok()
        .flatten()
        .unwrap_or_else(|| element.clone());
    // From a card: "Back to your decision" goes at the top of the entry (from the contents, it stays put).
    let back = from.and_then(|from| {
        let host = back_host(&document)?;
        let heading = entry.query_selector("h3").ok().flatten();
        let after = heading.and_then(|h| h.next_sibling());
        entry.insert_before(&host, after.as_ref()).ok()?;
        Some(Back { host, from })
    });
    if back.is_some() {
        change(|state| state.back = back);
    }
    browser::focus_without_scrolling(&element);
    entry.scroll_into_view();
}

thread_local! {
    /// The one element "Back to your decision" is rendered into, moved to the entry a card's link lands on.
    static BACK_HOST: RefCell<Option<Element>> = const { RefCell::new(None) };
}

fn back_host(document: &web_sys::Document) -> Option<Element> {
    BACK_HOST.with(|h| {
        let mut h = h.borrow_mut();
        if h.is_none() {
            let host = document.create_element("div").ok()?;
            host.set_class_name("back-to-decision");
            *h = Some(host);
        }
        h.clone()
    })
}

/// Removes the mark from the entry a link landed on.
fn unmark(document: &web_sys::Document) {
    if let Ok(Some(marked)) = document.query_selector(HIGHLIGHTED) {
        let _ = marked.remove_attribute(HIGHLIGHT);
    }
}

/// Goes back to the link a reader followed into the catalogue (or to the results if it has gone since).
fn go_back(from: &Element) {
    if let Some(document) = browser::document() {
        unmark(&document);
    }
    change(|state| state.back = None);
    if from.is_connected() {
        browser::focus_without_scrolling(from);
        from.scroll_into_view_with_bool(false);
    } else {
        browser::reveal("results");
    }
}

/// Every in-page link of the page (`[data-reveal]`: the skip link, the masthead's, the contents, a card's "Read
/// more", the placeholder's) is followed without touching the fragment, by one listener for the page's life;
/// a card's link is where "Back to your decision" returns.
pub fn follow_links() {
    let Some(document) = browser::document() else {
        return;
    };
    let options = gloo::events::EventListenerOptions::enable_prevent_default();
    gloo::events::EventListener::new_with_options(&document, "click", options, |e| {
        if let Some((target, link)) = browser::reveal_link(e) {
            e.prevent_default();
            let from = link.closest(".results").ok().flatten().map(|_| link);
            follow(target, from);
        }
    })
    .forget();
}

/// Keeps the catalogue in step with the page (`embed`): renders again through `render` when it changes, and
/// loads it when the section comes into view (its top: the welcome screen keeps it below the first screen).
/// For `use_effect_with`; returns its clean-up.
pub fn watch(embed: bool, render: UseForceUpdateHandle) -> impl FnOnce() {
    EMBED.with(|e| e.set(embed));
    RENDER.with(|r| *r.borrow_mut() = Some(render));
    mount(); // a catalogue already in the page (the offline file's)
    let near = Callback::from(|_| {
        crate::browser::spawn(Box::pin(async {
            let _ = load().await;
        }))
    });
    let observer = wanted().and_then(|s| browser::when_near_view(&s, "0px", near));
    move || drop(observer)
}

/// What the app renders into the catalogue section: its figures, and "Back to your decision".
pub fn rendered() -> Html {
    let state = STATE.with(|s| s.borrow().clone());
    let figures = state.slots.iter().map(|(diagram, slot)| {
        let of = DiagramOf {
            diagram: *diagram,
            drawing: None,
            system: None,
        };
        create_portal(html! { <DiagramFigure {of} /> }, slot.clone())
    });
    let back = state.back.map(|back| {
        let from = back.from.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            go_back(&from);
        });
        create_portal(
            html! { <a href="#results" {onclick}>{"\u{2190} Back to your decision"}</a> },
            back.host,
        )
    });
    html! { <>{for figures}{back}</> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selectors_name_the_section_and_the_mark() {
        assert_eq!(IN_SECTION, format!("#{SECTION}"));
        assert_eq!(HIGHLIGHTED, format!("[{HIGHLIGHT}]"));
    }
}
