//! The app's side of the one boundary with the on-demand module (`extras/`, see `strata_core::boundary`):
//! loads it once, on the first request, and asks it typed questions. The page defines
//! `globalThis.strataExtras()` (a small loader script, or inline in the offline file), which resolves to the
//! module's exports; `answer` is its only function.

use std::cell::RefCell;
use strata_core::boundary::{Message, Request, Response};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The on-demand module's exports.
    #[derive(Clone)]
    type Module;

    #[wasm_bindgen(method)]
    fn answer(this: &Module, request: &[u8]) -> Vec<u8>;

    /// Defined by the page: imports and instantiates the module the first time, then resolves at once; with
    /// `organisation`, the build that also reads organisation catalogues.
    #[wasm_bindgen(catch, js_name = strataExtras)]
    fn load_module(organisation: bool) -> Result<js_sys::Promise, JsValue>;
}

thread_local! {
    /// The module once it is loaded, so later requests (and `beforeprint`) can ask it synchronously; and
    /// whether it is the build that also reads organisation catalogues (which then answers everything: it
    /// holds the catalogue in use).
    static LOADED: RefCell<Option<(Module, bool)>> = const { RefCell::new(None) };
}

pub const UNAVAILABLE: &str =
    "This part of Strata could not be loaded; reload the page to try again.";

/// Loads the module (once per page: the loader shares one promise), then keeps it.
pub async fn load() -> Result<(), String> {
    load_build(false).await
}

/// Loads the build that also reads organisation catalogues, which answers everything from then on.
pub async fn load_organisation() -> Result<(), String> {
    load_build(true).await
}

async fn load_build(organisation: bool) -> Result<(), String> {
    if LOADED.with(|m| {
        m.borrow()
            .as_ref()
            .is_some_and(|(_, org)| *org || !organisation)
    }) {
        return Ok(());
    }
    if cfg!(not(target_arch = "wasm32")) {
        return Err(UNAVAILABLE.into()); // The build-time prerender has no page.
    }
    let promise = load_module(organisation).map_err(|_| UNAVAILABLE.to_string())?;
    let module = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| UNAVAILABLE.to_string())?;
    LOADED.with(|m| {
        let mut loaded = m.borrow_mut();
        // The base build arriving after the organisation's (two loads in flight) does not replace it.
        if organisation || loaded.is_none() {
            *loaded = Some((module.unchecked_into(), organisation));
        }
    });
    Ok(())
}

pub fn is_loaded() -> bool {
    LOADED.with(|m| m.borrow().is_some())
}

/// Asks the module, loading it first if needed.
pub async fn ask(request: &Request) -> Result<Response, String> {
    load().await?;
    ask_now(request).unwrap_or_else(|| Err(UNAVAILABLE.into()))
}

/// Asks the module if it is loaded already (synchronously); `None` if it is not.
pub fn ask_now(request: &Request) -> Option<Result<Response, String>> {
    let module = LOADED.with(|m| m.borrow().as_ref().map(|(m, _)| m.clone()))?;
    let bytes = module.answer(&request.to_bytes());
    Some(match Response::from_bytes(&bytes) {
        Ok(Response::Refused(why)) => Err(why),
        Ok(response) => Ok(response),
        Err(why) => Err(why),
    })
}

/// Asks for a text (a file's content, Mermaid, an ADR, JSON).
pub async fn text(request: &Request) -> Result<String, String> {
    match ask(request).await? {
        Response::Text(text) => Ok(text),
        _ => Err(UNAVAILABLE.into()),
    }
}
