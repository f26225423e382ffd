//! The browser services the app uses: the URL fragment and history, `localStorage`, the clipboard, downloads,
//! timers, the embed height messages, the crash panel, and calls into the on-demand module (`extras/`),
//! including filling `data-fill` placeholders and handling the buttons inside them.
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
    let again = format!("{base}?again#{}", fragment().replace(crate::CRASH_TEST, ""));
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
    let reset = search.contains("reset");
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

/// Calls a function of the on-demand module (`extras/`), loading it the first time, and awaits its result if it
/// is a promise. The page provides `globalThis.strataExtras()` (a small loader script, or inlined in the offline
/// file).
pub async fn extras_call(function: &str, args: &[&str]) -> Result<wasm_bindgen::JsValue, String> {
    use wasm_bindgen_futures::JsFuture;
    let unavailable =
        || "This part of Strata could not be loaded; reload the page to try again.".to_string();
    let global = js_sys::global();
    let loader: js_sys::Function = js_sys::Reflect::get(&global, &"strataExtras".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(unavailable)?;
    let promise: js_sys::Promise = loader
        .call0(&global)
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(unavailable)?;
    let module = JsFuture::from(promise).await.map_err(|_| unavailable())?;
    let f: js_sys::Function = js_sys::Reflect::get(&module, &function.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(unavailable)?;
    let args: js_sys::Array = args
        .iter()
        .map(|a| wasm_bindgen::JsValue::from_str(a))
        .collect();
    let value = f.apply(&module, &args).map_err(|_| unavailable())?;
    match value.dyn_into::<js_sys::Promise>() {
        Ok(promise) => JsFuture::from(promise).await.map_err(|_| unavailable()),
        Err(value) => Ok(value),
    }
}

/// [`extras_call`] for a function that returns a string.
pub async fn extras(function: &str, args: &[&str]) -> Result<String, String> {
    extras_call(function, args)
        .await?
        .as_string()
        .ok_or_else(|| "Unexpected answer from the on-demand module.".into())
}

/// [`extras_call`] for a function that returns a list of strings.
pub async fn extras_strings(function: &str, args: &[&str]) -> Result<Vec<String>, String> {
    let value = extras_call(function, args).await?;
    Ok(js_sys::Array::from(&value)
        .iter()
        .map(|v| v.as_string().unwrap_or_default())
        .collect())
}

/// Performs a share or export action in the on-demand module. Returns the feedback to show and, when the
/// clipboard refused, the text for the user to copy by hand.
pub async fn act(action: &str, fragment: &str, link: &str, name: &str) -> (String, Option<String>) {
    match extras_strings("act", &[action, fragment, link, name]).await {
        Ok(parts) => {
            let mut parts = parts.into_iter();
            let message = parts.next().unwrap_or_default();
            (message, parts.next().filter(|t| !t.is_empty()))
        }
        Err(message) => (message, None),
    }
}

pub use strata_core::deferred::ARG_SEPARATOR;

/// Fills every element marked `data-fill="<extras function>" data-args="<args>"` with the HTML that function
/// of the on-demand module returns, once per distinct set of arguments. Such elements have no children that
/// Yew renders, so the app and this filler never touch the same nodes.
pub fn fill_pending() {
    let Some(document) = window().ok().and_then(|w| w.document()) else {
        return;
    };
    let Ok(pending) = document.query_selector_all("[data-fill]") else {
        return;
    };
    for i in 0..pending.length() {
        let Some(element) = pending
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let function = element.get_attribute("data-fill").unwrap_or_default();
        let args = element.get_attribute("data-args").unwrap_or_default();
        let key = format!("{function}{ARG_SEPARATOR}{args}");
        if element.get_attribute("data-filled").as_deref() == Some(key.as_str()) {
            continue;
        }
        let _ = element.set_attribute("data-filled", &key);
        let _ = element.set_attribute("aria-busy", "true");
        wasm_bindgen_futures::spawn_local(async move {
            let args: Vec<&str> = if args.is_empty() {
                Vec::new()
            } else {
                args.split(ARG_SEPARATOR).collect()
            };
            let html = match extras(&function, &args).await {
                Ok(html) => html,
                Err(message) => format!(
                    "<p class=\"unavailable\">{}</p>",
                    strata_core::export::escape_html(&message)
                ),
            };
            // The element may have moved on to other arguments while this was drawn.
            if element.get_attribute("data-filled").as_deref() == Some(key.as_str()) {
                element.set_inner_html(&html);
                let _ = element.remove_attribute("aria-busy");
                fill_pending(); // What was just filled may hold placeholders of its own (the catalogue's diagrams).
            }
        });
    }
}

/// Handles a click on a `[data-action]` button inside the page's HTML (diagram downloads and copies): the
/// diagram's input comes from the nearest `data-input`, the diagram from the nearest `data-diagram`, and the
/// feedback goes to the nearest `.action-status` (and the text to copy by hand, if the clipboard refused, into
/// a text area after it, replacing an earlier one).
pub fn handle_action_click(target: Option<web_sys::EventTarget>) {
    let Some(button) = target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("[data-action]").ok().flatten())
    else {
        return;
    };
    let nearest = |name: &str| {
        button
            .closest(&format!("[{name}]"))
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute(name))
            .unwrap_or_default()
    };
    let (action, fragment, diagram) = (
        nearest("data-action"),
        nearest("data-input"),
        nearest("data-diagram"),
    );
    let status = button
        .parent_element()
        .and_then(|p| p.query_selector(".action-status").ok().flatten());
    wasm_bindgen_futures::spawn_local(async move {
        let (message, manual) = act(&action, &fragment, "", &diagram).await;
        if let Some(status) = status {
            status.set_text_content(Some(&message));
            let earlier = status
                .next_element_sibling()
                .filter(|e| e.class_name() == "manual-copy");
            if let Some(earlier) = earlier {
                earlier.remove();
            }
            if let Some(text) = manual {
                let _ = status.insert_adjacent_html(
                    "afterend",
                    &format!(
                        "<textarea class=\"manual-copy\" readonly aria-label=\"Mermaid source\" rows=\"6\">{}</textarea>",
                        strata_core::export::escape_html(&text)
                    ),
                );
            }
        }
    });
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
