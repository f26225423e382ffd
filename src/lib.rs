//! Strata: a data-architecture decision tool.
//!
//! This crate is the browser shell (`app`, `components`, `state`, `browser`, `extras`): it renders state and
//! sends actions. The pure core (catalogue, engine, decision, link, diagrams, exports, the boundary with the
//! on-demand module) is the `strata-core` crate. See ARCHITECTURE.md for the code map.

pub mod app;
pub mod browser;
pub mod catalogue;
pub mod components;
pub mod extras;
pub mod state;

/// Mounts the app on `#app` (replacing the prerendered screen; it also renders into the catalogue section,
/// see `catalogue`), after installing the crash panel.
pub fn start() {
    // Yew installs its own console hook unless given one.
    yew::set_custom_panic_hook(Box::new(|_| browser::show_crash_panel()));
    // The offline file has its on-demand module inline (nothing to fetch) and may be printed from the
    // browser's menu at any time: every diagram is drawn at once there.
    if browser::is_offline_file() {
        components::figure::draw_eagerly();
    }
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    if let Some(root) = root {
        root.set_inner_html("");
        yew::Renderer::<app::App>::with_root(root).render();
    }
    catalogue::follow_links();
    // In an iframe (an embed in a wiki), keep the host page told how tall the content is.
    browser::report_height_to_parent();
    crash_test();
}

/// A fragment holding this makes a build with the `crash-test` feature fail on purpose, so the end-to-end
/// tests can check the crash panel on a real release bundle. Production builds have no such hook.
#[cfg(feature = "crash-test")]
pub const CRASH_TEST: &str = "strata-crash-test";

#[cfg(feature = "crash-test")]
fn crash_test() {
    if browser::fragment().contains(CRASH_TEST) {
        panic!("crash test requested by the link");
    }
}

#[cfg(not(feature = "crash-test"))]
fn crash_test() {}

/// The initial screen (nothing ticked, nothing stored) as HTML, rendered by the same components as the app:
/// `tools/bundle` puts it into `index.html`, so the page paints before the wasm arrives, reads without
/// JavaScript, and does not move when the app takes over.
#[cfg(feature = "prerender")]
pub fn prerender() -> String {
    let renderer = yew::ServerRenderer::<app::App>::new().hydratable(false);
    futures::executor::block_on(renderer.render())
}
