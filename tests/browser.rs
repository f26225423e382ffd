//! Component tests in a real browser (headless Chromium through wasm-bindgen-test-runner).
//! Each test mounts the app into a fresh element, acts as a user would, flushes Yew's scheduler and asserts on the DOM.
#![cfg(target_arch = "wasm32")]

use strata::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    root: Element,
    handle: Option<yew::AppHandle<App>>,
}

impl Mounted {
    /// Mounts the app with the given fragment in the address bar and nothing stored.
    async fn new(fragment: &str) -> Mounted {
        let window = web_sys::window().unwrap();
        window.local_storage().unwrap().unwrap().clear().unwrap();
        window
            .history()
            .unwrap()
            .replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("#{fragment}")),
            )
            .unwrap();
        let document = window.document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Mounted {
            root,
            handle: Some(handle),
        }
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }

    async fn click(&self, selector: &str) {
        self.get(selector)
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click();
        yew::scheduler::flush().await;
    }

    fn checked(&self, selector: &str) -> bool {
        self.get(selector)
            .dyn_into::<HtmlInputElement>()
            .unwrap()
            .checked()
    }

    fn verdict(&self, section: &str) -> Option<String> {
        self.find(&format!("[data-rec=\"{section}\"]"))
            .and_then(|e| e.get_attribute("data-choice"))
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Waits until the link has followed the last change (the app updates it once the ticking pauses).
async fn link_followed() {
    let delay = strata::app::LINK_DELAY_MS + 50;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().unwrap();
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, delay)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn fragment() -> String {
    web_sys::window().unwrap().location().hash().unwrap()
}

#[wasm_bindgen_test]
async fn nothing_ticked_shows_the_welcome_state() {
    let app = Mounted::new("").await;
    assert!(app.find("[data-welcome]").is_some());
    assert_eq!(app.count("[data-rec]"), 0);
    assert_eq!(
        app.get("#tick-count").text_content().unwrap(),
        "nothing ticked"
    );
}

#[wasm_bindgen_test]
async fn ticking_updates_the_cards_and_explains_them() {
    let app = Mounted::new("").await;
    app.click("#req-flexible-schema").await;
    app.click("#req-hierarchical").await;
    assert!(app.checked("#req-flexible-schema"));
    assert_eq!(app.verdict("primary-store").as_deref(), Some("document"));
    let card = app
        .get("[data-rec=\"primary-store\"]")
        .text_content()
        .unwrap();
    assert!(
        card.contains("Because you ticked"),
        "the card explains itself: {card}"
    );
    assert!(
        card.contains("Hierarchical"),
        "the reason names the tick: {card}"
    );

    app.click("#req-acid").await;
    app.click("#req-relationships-matter").await;
    app.click("#req-complex-queries").await;
    assert_eq!(app.verdict("primary-store").as_deref(), Some("relational"));
    assert_eq!(app.get("#tick-count").text_content().unwrap(), "5 ticked");
}

#[wasm_bindgen_test]
async fn a_preset_ticks_a_realistic_set_and_clear_all_unticks_it() {
    let app = Mounted::new("").await;
    app.click("#preset-payments-ledger").await;
    assert!(app.checked("#req-acid") && app.checked("#req-financial"));
    assert_eq!(app.verdict("primary-store").as_deref(), Some("relational"));
    assert_eq!(app.verdict("consistency").as_deref(), Some("strong"));

    app.click("#clear-all").await;
    assert!(!app.checked("#req-acid"));
    assert!(app.find("[data-welcome]").is_some());
}

#[wasm_bindgen_test]
async fn the_fragment_restores_a_decision_and_follows_the_ticks() {
    let app = Mounted::new("r=social-feed,no-such-thing").await;
    assert!(app.checked("#req-social-feed"));
    assert_eq!(app.verdict("consistency").as_deref(), Some("eventual"));
    let notice = app.get("[data-notice]").text_content().unwrap();
    assert!(
        notice.contains("no-such-thing"),
        "the unknown id is named: {notice}"
    );

    app.click("#req-low-latency").await;
    link_followed().await;
    let hash = fragment();
    assert!(
        hash.contains("r=low-latency,social-feed"),
        "the link follows the ticks: {hash}"
    );
    assert!(!hash.contains("no-such-thing"));
}

#[wasm_bindgen_test]
async fn every_card_links_to_its_catalogue_entry_and_shows_its_diagram_figure() {
    let app = Mounted::new(
        "r=acid,multi-region,local-writes,schema-change,switch-database,microservices",
    )
    .await;
    let cards = app.root.query_selector_all("[data-rec]").unwrap();
    assert!(cards.length() > 8);
    for i in 0..cards.length() {
        let card = cards.get(i).unwrap().dyn_into::<Element>().unwrap();
        let link = card
            .query_selector("[data-reveal]")
            .unwrap()
            .expect("each card links to the catalogue");
        let target = link.get_attribute("data-reveal").unwrap();
        assert_eq!(link.get_attribute("href").unwrap(), format!("#{target}"));
        assert!(target.starts_with("cat-"), "{target}");
    }
    // The diagram is a component of its own, named by the diagram it draws, with its two buttons; the drawing
    // itself comes from the on-demand module, which this test page does not have.
    let figure = app.get("[data-rec=\"replication\"] figure.diagram");
    assert_eq!(
        figure.get_attribute("data-diagram").as_deref(),
        Some("multi-primary")
    );
    let buttons: Vec<String> = ["button.download-svg", "button.copy-mermaid"]
        .iter()
        .map(|b| {
            app.get(&format!("[data-rec=\"replication\"] {b}"))
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(buttons, ["Download SVG", "Copy Mermaid"]);
    assert_eq!(
        app.count("[data-fill], [data-action]"),
        0,
        "no placeholders filled behind Yew's back"
    );
}

#[wasm_bindgen_test]
async fn an_embed_shows_diagrams_without_buttons_it_could_not_honour() {
    let app = Mounted::new("embed&r=acid,microservices").await;
    assert!(
        app.count("figure.diagram") >= 4,
        "the cards' diagrams are there"
    );
    assert_eq!(
        app.count("figure.diagram button"),
        0,
        "no download or copy in an embed"
    );
    assert!(app.find("#copy-link").is_none(), "no toolbar");
    let open = app.get(".embed-open a");
    assert_eq!(open.get_attribute("target").as_deref(), Some("_blank"));
}

#[wasm_bindgen_test]
async fn a_preset_is_marked_and_undo_brings_back_the_ticks_it_replaced() {
    let app = Mounted::new("").await;
    let pressed = |app: &Mounted, id: &str| {
        app.get(&format!("#preset-{id}"))
            .get_attribute("aria-pressed")
            .unwrap()
    };
    // From nothing, a preset replaces nothing: no undo.
    app.click("#preset-social-feed").await;
    assert_eq!(pressed(&app, "social-feed"), "true");
    assert_eq!(pressed(&app, "payments-ledger"), "false");
    assert!(app.find("#undo").is_none());
    // Replacing another example's ticks offers no undo either; replacing the user's own does.
    app.click("#req-acid").await;
    assert_eq!(
        pressed(&app, "social-feed"),
        "false",
        "no longer exactly the example"
    );
    app.click("#preset-payments-ledger").await;
    assert!(app.checked("#req-financial") && !app.checked("#req-social-feed"));
    let said = app.get(".undo").text_content().unwrap();
    assert!(said.contains("replaced your 8 ticks"), "{said}");
    app.click("#undo").await;
    assert!(app.checked("#req-social-feed") && app.checked("#req-acid"));
    assert!(!app.checked("#req-financial"));
    assert!(app.find("#undo").is_none(), "undone once");
    // A tick after the preset ends the chance to undo it.
    app.click("#preset-booking-system").await;
    assert!(app.find("#undo").is_some());
    app.click("#req-low-latency").await;
    assert!(app.find("#undo").is_none());
}

#[wasm_bindgen_test]
async fn the_summary_strip_links_every_decided_part_and_the_rest_is_folded_away() {
    let app = Mounted::new("r=acid,full-text").await;
    let strip = app.get("nav.glance");
    let links = strip.query_selector_all("a[data-reveal]").unwrap();
    // Primary store, the search store alongside, consistency, level: each a link to its card.
    for choice in [
        "primary-store-relational",
        "store-search",
        "consistency-strong",
        "consistency-level-quorum",
    ] {
        let id = format!("rec-{choice}");
        assert!(
            strip
                .query_selector(&format!("a[data-reveal=\"{id}\"]"))
                .unwrap()
                .is_some(),
            "{choice}"
        );
        assert!(
            app.find(&format!("#{id}[data-rec]")).is_some(),
            "the card {id}"
        );
    }
    assert!(links.length() >= 5);
    // The store beside the primary says so, in its badge and its public attribute.
    let search = app.get("[data-rec=\"store\"][data-choice=\"search\"]");
    assert_eq!(
        search.get_attribute("data-role").as_deref(),
        Some("alongside")
    );
    assert_eq!(
        search
            .query_selector(".badge")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Add alongside"
    );
    // Patterns and replication: no tick decided them, so they wait folded away (after the closed disclosure,
    // app.css), counted.
    assert!(!app.get("details.not-assessed").has_attribute("open"));
    let n = app.count(".card.unassessed");
    assert!(n >= 5, "{n} cards not assessed");
    assert_eq!(
        app.get("#not-assessed").text_content().unwrap(),
        format!("Not assessed by your answers ({n})")
    );
    assert_eq!(
        app.count("details.not-assessed ~ .card.unassessed"),
        n,
        "all of them after the disclosure"
    );
    assert!(app.find(".card.unassessed[data-rec=\"pattern\"]").is_some());
    assert_eq!(
        app.count("[data-rec=\"pattern\"]:not(.unassessed)"),
        0,
        "no pattern shown as advice"
    );
    assert_eq!(
        app.count("#group-patterns"),
        0,
        "nor a patterns group of defaults"
    );
}
