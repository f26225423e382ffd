//! Strata: a data-architecture decision tool.
//!
//! This crate is the browser shell (`app`, `components`, `state`, `browser`): it renders state and sends actions.
//! The pure core (catalogue, engine, decision, link, diagrams, exports) is the `strata-core` crate.
//! See ARCHITECTURE.md for the code map.

pub mod app;
pub mod browser;
pub mod components;
pub mod state;

/// Mounts the app on `#app` (replacing the no-JavaScript fallback), after installing the crash panel.
pub fn start() {
    // Yew installs its own console hook unless given one.
    yew::set_custom_panic_hook(Box::new(|_| browser::show_crash_panel()));
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    if let Some(root) = root {
        root.set_inner_html("");
        yew::Renderer::<app::App>::with_root(root).render();
    }
    // In an iframe (an embed in a wiki), keep the host page told how tall the content is.
    browser::report_height_to_parent();
    // Lets the end-to-end tests check the crash panel on the real bundle; harmless otherwise.
    if browser::fragment().contains(CRASH_TEST) {
        panic!("crash test requested by the link");
    }
}

/// A fragment holding this makes the app fail on purpose (see `start`).
pub const CRASH_TEST: &str = "strata-crash-test";

/// The initial screen (nothing ticked, nothing stored) as HTML, rendered by the same components as the app:
/// `tools/bundle` puts it into `index.html`, so the page paints before the wasm arrives, reads without
/// JavaScript, and does not move when the app takes over.
#[cfg(feature = "prerender")]
pub fn prerender() -> String {
    let renderer = yew::ServerRenderer::<app::App>::new().hydratable(false);
    futures::executor::block_on(renderer.render())
}
