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

    /// Types `text` into a text field as a person does (an `input` event), without committing it.
    async fn type_into(&self, selector: &str, text: &str) {
        let input = self.get(selector).dyn_into::<HtmlInputElement>().unwrap();
        input.set_value(text);
        input.dispatch_event(&bubbling("input")).unwrap();
        yew::scheduler::flush().await;
    }

    /// Commits a text field as leaving it or pressing Enter does (a `change` event).
    async fn commit(&self, selector: &str) {
        let input = self.get(selector);
        input.dispatch_event(&bubbling("change")).unwrap();
        yew::scheduler::flush().await;
    }

    /// Types `text` into a field and commits it.
    async fn enter(&self, selector: &str, text: &str) {
        self.type_into(selector, text).await;
        self.commit(selector).await;
    }

    fn value(&self, selector: &str) -> String {
        self.get(selector)
            .dyn_into::<HtmlInputElement>()
            .unwrap()
            .value()
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
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

/// An event that bubbles to the root, where Yew listens.
fn bubbling(kind: &str) -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict(kind, &init).unwrap()
}

/// The id of the element that has the focus.
fn focused() -> String {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
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
async fn ticking_updates_the_verdicts_at_once_and_says_where_the_explanation_is() {
    let app = Mounted::new("").await;
    app.click("#req-flexible-schema").await;
    app.click("#req-hierarchical").await;
    assert!(app.checked("#req-flexible-schema"));
    assert_eq!(app.verdict("primary-store").as_deref(), Some("document"));
    let card = app.text("[data-rec=\"primary-store\"]");
    assert!(
        card.starts_with("Primary storeDocumentRecommended"),
        "{card}"
    );
    // Cards are explained by the on-demand module, which this test page does not have: each card says so
    // plainly (the end-to-end tests see the explanations), and its link to the catalogue works.
    assert!(
        card.contains("could not be loaded; reload the page"),
        "{card}"
    );
    assert!(app
        .get("[data-rec=\"primary-store\"] .card-foot a")
        .has_attribute("data-reveal"));

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
    let said = app.get("section.picker > .undo").text_content().unwrap();
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

#[wasm_bindgen_test]
async fn a_service_added_is_edited_by_the_picker_and_the_switcher_shows_each_headline() {
    let app = Mounted::new("").await;
    app.click("#req-acid").await;
    assert_eq!(app.text("#services-count"), "1 service");
    assert_eq!(
        app.count(".service-list button"),
        0,
        "no switcher for one service"
    );

    app.click("#service-add").await;
    assert_eq!(app.text("#services-count"), "2 of 16 services");
    assert_eq!(focused(), "service-name", "the new service's name is next");
    assert_eq!(
        app.get("#service-tab-2")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert!(
        !app.checked("#req-acid"),
        "the picker edits the new service"
    );
    assert!(app.text("#service-tab-2").contains("nothing ticked yet"));
    assert_eq!(app.text("#picker-title"), "What does Service 2 need?");

    app.enter("#service-name", "Payments").await;
    app.click("#req-financial").await;
    assert_eq!(app.text("#picker-title"), "What does Payments need?");
    assert_eq!(
        app.text("#service-tab-2"),
        "Paymentsrelational, strong, semi-sync"
    );
    assert!(
        app.text("nav.glance").starts_with("Payments"),
        "the strip names the service shown"
    );

    app.click("#service-tab-1").await;
    assert!(app.checked("#req-acid") && !app.checked("#req-financial"));
    assert_eq!(app.text("#picker-title"), "What does Service 1 need?");
    link_followed().await;
    let hash = fragment();
    assert!(
        hash.contains("r=acid") && hash.contains("n2=Payments") && hash.contains("r2=financial"),
        "the link carries both services: {hash}"
    );
}

#[wasm_bindgen_test]
async fn what_is_typed_survives_a_render_before_it_is_committed() {
    let app = Mounted::new("n=Orders&n2=Users").await;
    app.type_into("#service-name", "Orders and invoices").await;
    // Anything that renders the page meanwhile (here a tick; an answer arriving does the same) must not
    // put the committed name back into the field.
    app.click("#req-acid").await;
    assert_eq!(app.value("#service-name"), "Orders and invoices");
    assert!(
        app.text("#service-tab-1").starts_with("Orders"),
        "not committed yet"
    );
    app.commit("#service-name").await;
    assert!(app
        .text("#service-tab-1")
        .starts_with("Orders and invoices"));
    // The decision's title works the same way.
    app.type_into("#decision-title", "Shop").await;
    app.click("#req-acid").await;
    assert_eq!(app.value("#decision-title"), "Shop");
}

#[wasm_bindgen_test]
async fn services_are_duplicated_moved_and_removed_with_undo() {
    let app = Mounted::new("n=Orders&r=acid&n2=Users&n3=Search&r3=full-text").await;
    app.click("#service-tab-1").await;
    app.click("#service-duplicate").await;
    assert_eq!(app.value("#service-name"), "Orders (copy)");
    assert!(app.checked("#req-acid"), "the copy has the ticks");
    assert_eq!(app.count(".service-list button"), 4);

    app.click("#service-tab-4").await;
    assert!(app.get("#service-down").has_attribute("disabled"));
    app.click("#service-up").await;
    assert_eq!(app.value("#service-name"), "Search", "still the one edited");
    assert!(app.text("#service-tab-3").starts_with("Search"));
    app.click("#service-up").await;
    app.click("#service-up").await;
    assert!(app.text("#service-tab-1").starts_with("Search"));
    assert!(app.get("#service-up").has_attribute("disabled"));
    assert_eq!(
        focused(),
        "service-down",
        "the focus leaves the button that is now disabled"
    );

    app.click("#service-remove").await;
    assert_eq!(app.count(".service-list button"), 3);
    assert_eq!(app.text(".services .undo"), "Removed Search. Undo");
    assert_eq!(focused(), "service-undo");
    app.click("#service-undo").await;
    assert_eq!(app.count(".service-list button"), 4);
    assert_eq!(
        app.value("#service-name"),
        "Search",
        "back, and edited again"
    );
    assert!(app.checked("#req-full-text"));
}

#[wasm_bindgen_test]
async fn what_does_not_fit_or_conflicts_is_said_beside_the_field_and_kept() {
    let app = Mounted::new("n=Orders&o=Order,Customer&n2=Users&o2=Customer").await;
    let note = app.text("#service-owns-help");
    assert!(
        note.contains("\u{201c}Customer\u{201d} is also owned by Users"),
        "two owners said in place: {note}"
    );
    let long = "N".repeat(200);
    app.enter("#service-name", &long).await;
    assert_eq!(
        app.value("#service-name"),
        long,
        "the field keeps all that was typed"
    );
    assert!(app
        .text("#service-name-help")
        .contains("first 120 characters"));
    assert_eq!(
        app.get("#service-name")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(app.text("#service-tab-1").starts_with(&"N".repeat(120)));

    app.enter("#service-name", "Users").await;
    assert!(app
        .text("#service-name-help")
        .contains("Another service is also called \u{201c}Users\u{201d}"));

    app.enter("#service-reads", "Product").await;
    assert!(app
        .text("#service-reads-help")
        .contains("No service owns \u{201c}Product\u{201d}"));
}

#[wasm_bindgen_test]
async fn sixteen_services_is_the_limit_and_the_panel_says_so() {
    let many: String = (2..=16).map(|i| format!("&n{i}=S{i}")).collect();
    let app = Mounted::new(&format!("n=S1{many}")).await;
    assert_eq!(app.text("#services-count"), "16 of 16 services");
    assert!(app.get("#service-add").has_attribute("disabled"));
    assert!(app.get("#service-duplicate").has_attribute("disabled"));
    assert!(app.text(".services").contains("at most 16 services"));
    app.click("#service-remove").await;
    assert!(!app.get("#service-add").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn several_services_get_a_system_section_with_its_diagram_and_the_checklist_defers_to_it() {
    let app = Mounted::new("n=Orders&r=acid&o=Order&n2=Billing&r2=financial&u2=Order").await;
    assert!(app.find("#system").is_some());
    assert_eq!(app.text("#system-title"), "The system: 2 services");
    // The section's cards come from the on-demand module, which this test page does not have: it says so
    // rather than showing nothing.
    assert!(app.find("#system .unavailable").is_some() || app.find("#system[aria-busy]").is_some());
    assert!(!app.text("#checklist").contains("For the system"));
    // One service and no data ownership: no system section, and the checklist asks the system questions.
    let single = Mounted::new("r=acid").await;
    assert!(single.find("#system").is_none());
    assert!(single.text("#checklist").contains("For the system"));
}

#[wasm_bindgen_test]
async fn nothing_the_apps_copy_of_the_catalogue_leaves_to_the_module_ever_shows() {
    // Every preset, then a link that raises many conflicts, stores alongside and several services.
    let app = Mounted::new("").await;
    let presets: Vec<String> = (0..app.count(".presets button"))
        .map(|i| {
            app.root
                .query_selector_all(".presets button")
                .unwrap()
                .get(i)
                .unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .id()
        })
        .collect();
    for id in presets {
        app.click(&format!("#{id}")).await;
        let text = app.text(".app");
        assert!(!text.contains("[text left"), "{id}: {text}");
    }
    let busy = Mounted::new(
        "n=A&r=acid,financial,social-feed,local-writes,multi-region,low-latency,no-data-loss,small-team,full-text,time-series,key-value,blobs,schema-change,switch-database,microservices&n2=B&r2=read-only-shared",
    )
    .await;
    let text = busy.text(".app");
    assert!(text.contains("Watch out"), "conflicts shown: {text}");
    assert!(!text.contains("[text left"), "{text}");
}

#[wasm_bindgen_test]
async fn a_copy_owns_nothing_and_says_so_and_every_clash_of_owners_is_named() {
    let app =
        Mounted::new("n=Orders&r=acid&o=Order,OrderLine&u=Customer&n2=Customers&o2=Customer").await;
    app.click("#service-duplicate").await;
    assert_eq!(app.value("#service-name"), "Orders (copy)");
    assert_eq!(app.value("#service-owns"), "", "each entity has one owner");
    assert_eq!(app.value("#service-reads"), "Customer");
    assert!(app
        .text(".services .undo")
        .starts_with("Copied Orders, without the data it owns"));
    app.click("#service-undo").await;
    assert_eq!(
        app.count(".service-list button"),
        2,
        "Undo takes the copy back"
    );
    app.click("#service-tab-2").await;
    app.click("#req-microservices").await;
    app.enter("#service-owns", "Customer, Order, OrderLine")
        .await;
    let said = app.text("#service-owns-help");
    assert!(
        said.contains("\u{201c}Order\u{201d} is also owned by Orders; \u{201c}OrderLine\u{201d} is also owned by Orders"),
        "{said}"
    );
    // Each service's cards leave the patterns that span services to the system section, and say so.
    assert!(app.text("#several").starts_with("The cards of Customers."));
    assert_eq!(
        app.count("[data-rec=\"pattern\"][data-choice=\"database-per-service\"], [data-rec=\"pattern\"][data-choice=\"shared-database\"]"),
        0
    );
}
