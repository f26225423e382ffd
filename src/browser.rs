//! The browser services the app uses: the URL fragment and history, `localStorage`, the clipboard, downloads,
//! timers, visibility, the embed height messages and the crash panel. (The on-demand module: `crate::extras`.)
//!
//! Every call here tolerates a hostile or restricted page (sandboxed iframe, blocked storage, no clipboard):
//! failures come back as `Err(message)` for the UI to show, never as a panic.

use wasm_bindgen::JsCast;

const STORAGE_KEY: &str = "strata.decision";

fn window() -> Result<web_sys::Window, String> {
    // Natively (the build-time prerender) there is no browser, and calling into one would panic.
    if cfg!(not(target_arch = "wasm32")) {
        return Err("no window".into());
    }
    web_sys::window().ok_or_else(|| "no window".to_string())
}

/// The page's document (none natively, in the build-time prerender).
pub fn document() -> Option<web_sys::Document> {
    window().ok()?.document()
}

/// The current fragment without its `#`.
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().map_err(|_| "no location".into()))
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Replaces the fragment without adding a history entry or scrolling.
pub fn replace_fragment(fragment: &str) {
    let Ok(window) = window() else { return };
    let Ok(history) = window.history() else {
        return;
    };
    let url = format!("#{fragment}");
    // A sandboxed iframe may refuse; the decision still lives on screen.
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}

/// The page URL without fragment, for links and snippets.
pub fn page_url() -> String {
    window()
        .and_then(|w| w.location().href().map_err(|_| "no location".into()))
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Names the browser tab (nothing natively).
pub fn set_tab_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Today's local date, as "Sat Nov 28 2026" (empty natively, in the build-time prerender).
pub fn today() -> String {
    if window().is_err() {
        return String::new();
    }
    js_sys::Date::new_0().to_date_string().into()
}

/// Reads the stored fragment. `Ok(None)` when nothing is stored; `Err` when storage is unavailable.
pub fn load_stored() -> Result<Option<String>, String> {
    if cfg!(not(target_arch = "wasm32")) {
        return Ok(None); // The prerendered page assumes nothing stored.
    }
    let storage = local_storage()?;
    storage.get_item(STORAGE_KEY).map_err(|_| blocked())
}

/// Stores the fragment; `Err` when storage is blocked or full.
pub fn store(fragment: &str) -> Result<(), String> {
    local_storage()?
        .set_item(STORAGE_KEY, fragment)
        .map_err(|_| STORAGE_REFUSED.to_string())
}

const CATALOGUE_KEY: &str = "strata.catalogue";

/// The organisation catalogue kept in this browser (its JSON text), if any.
pub fn stored_catalogue() -> Option<String> {
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    local_storage().ok()?.get_item(CATALOGUE_KEY).ok().flatten()
}

/// Keeps an organisation catalogue in this browser, or forgets it (`None`); `Err` when storage refused.
pub fn store_catalogue(json: Option<&str>) -> Result<(), String> {
    let storage = local_storage()?;
    match json {
        Some(json) => storage.set_item(CATALOGUE_KEY, json).map_err(|_| {
            "This browser would not keep the catalogue (storage is full or blocked): it is used until the page is \
             closed."
                .to_string()
        }),
        None => storage.remove_item(CATALOGUE_KEY).map_err(|_| blocked()),
    }
}

/// The text of a file the user chose or dropped, refused from its size alone when it is too large to be a
/// catalogue (`strata_core::catalog::overlay::too_large`), before it is read.
pub async fn file_text(file: web_sys::File) -> Result<String, String> {
    if let Some(why) = strata_core::catalog::overlay::too_large(file.size() as u64) {
        return Err(why);
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("{} could not be read.", file.name()))?;
    Ok(text.as_string().unwrap_or_default())
}

/// The text at `address` (relative to the page) on the page's own site. Another site's address is refused,
/// never fetched: a link must not make Strata load someone else's file.
pub async fn fetch_same_origin(address: &str) -> Result<String, String> {
    let window = window()?;
    let page = window
        .location()
        .href()
        .map_err(|_| "no location".to_string())?;
    let url = web_sys::Url::new_with_base(address, &page)
        .map_err(|_| format!("\u{201c}{address}\u{201d} is not an address."))?;
    if page.starts_with("file:") {
        return Err(format!(
            "This page was opened from a file, so it fetches nothing: load {address} with \u{201c}Load an \
             organisation catalogue\u{201d} instead."
        ));
    }
    // The page's own address says its site: a sandboxed iframe (an embed) has an opaque origin, yet the file
    // next to its page is the same host's (fetched with CORS, which embedding needs anyway: docs/HOSTING.md).
    let own = web_sys::Url::new(&page)
        .map(|u| u.origin())
        .unwrap_or_default();
    if url.origin() != own || !matches!(url.protocol().as_str(), "http:" | "https:") {
        return Err(format!(
            "The link names a catalogue on another site ({}), so it was not fetched: Strata loads an \
             organisation catalogue from its own site only (put the file next to Strata and link to it by \
             name), or from a file you choose.",
            url.origin()
        ));
    }
    let failed = |why: &str| {
        format!(
            "The catalogue at {} could not be fetched ({why}).",
            url.href()
        )
    };
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&url.href()))
        .await
        .map_err(|_| failed("no answer"))?
        .unchecked_into::<web_sys::Response>();
    if !response.ok() {
        return Err(failed(&format!("status {}", response.status())));
    }
    // A file too large to be a catalogue is refused from its size alone, as a chosen file is.
    let size =
        |len: usize| strata_core::catalog::overlay::too_large(len as u64).map_or(Ok(()), Err);
    let declared = response.headers().get("content-length").ok().flatten();
    size(declared.and_then(|n| n.parse().ok()).unwrap_or(0))?;
    let text = response.text().map_err(|_| failed("unreadable"))?;
    let text = wasm_bindgen_futures::JsFuture::from(text)
        .await
        .map_err(|_| failed("unreadable"))?
        .as_string()
        .unwrap_or_default();
    size(text.len())?;
    Ok(text)
}

/// Why the decision cannot be read from storage (blocked), or written to it (blocked or full). The app shows
/// one of them at most once.
pub const STORAGE_BLOCKED: &str =
    "This browser does not let Strata remember your decision here (storage is \
    blocked). Everything still works; use \"Copy link\" to keep it.";
pub const STORAGE_REFUSED: &str =
    "This browser would not save the decision (storage is full or blocked). Use \"Copy link\" to keep it.";

fn local_storage() -> Result<web_sys::Storage, String> {
    // `local_storage()` throws in sandboxed iframes and when the user blocks site data.
    window()?.local_storage().ok().flatten().ok_or_else(blocked)
}

fn blocked() -> String {
    STORAGE_BLOCKED.to_string()
}

/// Scrolls an element into view and moves focus to it (for in-page links that must not touch the fragment).
pub fn reveal(id: &str) {
    let Some(element) = window()
        .ok()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    element.scroll_into_view();
    if let Ok(html) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
}

/// Offers `text` as a file download. Fails (with a message) where the page may not download, e.g. a sandboxed iframe.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let failed = || format!("Could not download {filename} here; try the app in its own tab.");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| failed())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed())?;
    let document = window()?.document().ok_or_else(failed)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| failed())?
        .dyn_into()
        .map_err(|_| failed())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies text to the clipboard. Fails where the browser refuses (no secure context, sandboxed iframe, denied).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let refused =
        || "The browser did not allow copying; select the text and copy it yourself.".to_string();
    let clipboard = window()?.navigator().clipboard();
    if clipboard.is_undefined() {
        return Err(refused());
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| refused())
}

/// In an iframe, keeps telling the host page how tall the content is (`{type: "strata:height", height}`), so
/// a wiki can size the frame. Does nothing in a top-level page. The observer lives as long as the page.
pub fn report_height_to_parent() {
    let Ok(window) = window() else { return };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let measured = root.clone();
    let post = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"strata:height".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &measured.scroll_height().into());
        // "*": the host page's origin is unknown (any wiki); the height is not sensitive.
        let _ = parent.post_message(&message, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    post.forget();
}

/// After a panic the wasm instance is dead, so the panel is plain HTML whose links work without it. Both links
/// change the query so the browser really reloads: `?again` keeps the decision in the fragment, `?reset` also
/// forgets the stored one (see `take_reset_request`).
pub fn show_crash_panel() {
    let Some(document) = window().ok().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let base = page_url();
    let base = base.split('?').next().unwrap_or_default();
    #[cfg(feature = "crash-test")]
    let fragment = fragment().replace(crate::CRASH_TEST, "");
    #[cfg(not(feature = "crash-test"))]
    let fragment = fragment();
    let again = format!("{base}?again#{fragment}");
    let panel = format!(
        "<div class=\"crash\" role=\"alert\" data-crash=\"\"><h2>Sorry, Strata stopped working.</h2>\
         <p>Your decision is still in the page address. Try again, or start again with nothing ticked.</p>\
         <p><a class=\"button\" data-crash-action=\"again\" href=\"{}\">Try again</a> <a class=\"button\" data-crash-action=\"reset\" href=\"{}?reset\">Start again</a></p></div>",
        strata_core::export::escape_html(&again),
        strata_core::export::escape_html(base),
    );
    let _ = body.insert_adjacent_html("afterbegin", &panel);
}

/// True when the page was opened with `?reset` (from the crash panel): forgets the stored decision and tidies
/// the query away. `?again` is tidied away too.
pub fn take_reset_request() -> bool {
    let Ok(window) = window() else { return false };
    let search = window.location().search().unwrap_or_default();
    if search.is_empty() {
        return false;
    }
    // By hand: `contains("reset")` would bring core's substring search into the app.
    let reset = search.as_bytes().windows(5).any(|w| w == b"reset");
    if reset {
        if let Ok(storage) = local_storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
    if search == "?reset" || search == "?again" {
        let url = format!(
            "{}#{}",
            page_url().split('?').next().unwrap_or_default(),
            if reset { String::new() } else { fragment() }
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
    reset
}

/// The target a click on (or inside) a `[data-reveal]` link asks for (an element id), and the link.
pub fn reveal_link(e: &web_sys::Event) -> Option<(String, web_sys::Element)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let link = target.closest("[data-reveal]").ok().flatten()?;
    Some((link.get_attribute("data-reveal")?, link))
}

/// Moves the focus to `element` without scrolling (the caller scrolls where it wants the reader to be).
pub fn focus_without_scrolling(element: &web_sys::Element) {
    if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = html.focus_with_options(&options);
    }
}

/// Whether this is the single offline file (the build marks its `<html>`), whose on-demand module is inline.
pub fn is_offline_file() -> bool {
    window()
        .ok()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.has_attribute("data-offline"))
}

/// Calls `near` when `element` comes within `margin` (a CSS margin, e.g. "300px 0px") of the viewport; stops
/// watching when the result is dropped.
pub fn when_near_view(
    element: &web_sys::Element,
    margin: &str,
    near: yew::Callback<()>,
) -> Option<NearView> {
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
        move |entries: js_sys::Array| {
            let seen = entries.iter().any(|e| {
                e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                    .is_intersecting()
            });
            if seen {
                near.emit(());
            }
        },
    );
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(margin);
    let observer = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    observer.observe(element);
    Some(NearView {
        observer,
        _callback: callback,
    })
}

/// An `IntersectionObserver` that disconnects when dropped.
pub struct NearView {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for NearView {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Resolves at the next animation frame (at once without a browser).
pub async fn next_frame() {
    let Ok(window) = window() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` after `ms` milliseconds unless called again first: cancels the timer `previous` (if any) and returns
/// the new one's handle. Without a browser (the prerender), does nothing.
pub fn debounce(previous: Option<i32>, ms: i32, f: impl FnOnce() + 'static) -> Option<i32> {
    let window = window().ok()?;
    if let Some(handle) = previous {
        window.clear_timeout_with_handle(handle);
    }
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms)
        .ok()
}

/// Runs a future to completion in the background. One function for every such future: `spawn_local` is
/// generic, and each future type would bring its own copy of it.
pub fn spawn(future: std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>) {
    wasm_bindgen_futures::spawn_local(future);
}
