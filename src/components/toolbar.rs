//! Share and export: copy link, ADR (copy or download), JSON, print, and ready-made embed snippets.
//! The texts are made, copied and saved by the on-demand module (`browser::act`), which keeps the first load small.

use super::Dispatch;
use crate::browser::{self, ARG_SEPARATOR};
use crate::state::Action;
use strata_core::decision::Decision;
use strata_core::permalink;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The full URL that reopens this decision.
fn share_link(decision: &Decision) -> String {
    format!(
        "{}#{}",
        browser::page_url(),
        permalink::encode(decision, false)
    )
}

/// A file name stem from the title: `strata-orders-service-storage`.
fn file_stem(decision: &Decision) -> String {
    let words: Vec<String> = decision
        .title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "strata-decision".into()
    } else {
        format!("strata-{}", words.join("-"))
    }
}

/// The share and export bar; `status` and `manual` are the last action's feedback (see `Action::Feedback`).
pub fn toolbar(
    decision: &Decision,
    status: &str,
    manual: Option<&String>,
    dispatch: &Dispatch,
) -> Html {
    let act = |action: &'static str| {
        let (dispatch, decision) = (dispatch.clone(), decision.clone());
        Callback::from(move |_: MouseEvent| {
            let dispatch = dispatch.clone();
            let fragment = permalink::encode(&decision, false);
            let (link, stem) = (share_link(&decision), file_stem(&decision));
            wasm_bindgen_futures::spawn_local(async move {
                let (message, by_hand) = browser::act(action, &fragment, &link, &stem).await;
                dispatch.dispatch(Action::Feedback(message, by_hand));
            });
        })
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let open_embed = Callback::from(|_| {
        if let Some(d) = embed_dialog_element() {
            let _ = d.show_modal();
        }
    });
    let set_title = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                dispatch.dispatch(Action::SetTitle(input.value()));
            }
        })
    };

    html! {
        <section class="toolbar panel" aria-label="Share and export">
            <div class="title-field">
                <label for="decision-title">{"Decision title"}</label>
                <input id="decision-title" type="text" maxlength="120" placeholder="e.g. Orders service storage"
                    value={decision.title.clone()} onchange={set_title} />
            </div>
            <div class="actions">
                <button type="button" id="copy-link" class="primary" onclick={act("copy-link")}>{"Copy link"}</button>
                <button type="button" id="copy-adr" onclick={act("copy-adr")}>{"Copy ADR"}</button>
                <button type="button" id="download-adr" onclick={act("download-adr")}>{"Download ADR"}</button>
                <button type="button" id="download-json" onclick={act("download-json")}>{"Download JSON"}</button>
                <button type="button" id="print" onclick={print}>{"Print"}</button>
                <button type="button" id="open-embed" onclick={open_embed}>{"Embed\u{2026}"}</button>
                <span class="action-status" role="status" id="toolbar-status">{status.to_string()}</span>
            </div>
            if let Some(text) = manual.cloned() {
                <textarea class="manual-copy" readonly=true aria-label="Text to copy" rows="4" value={text} />
            }
            {embed_dialog(decision)}
        </section>
    }
}

/// The embed dialog; its snippets are written by the on-demand module into the `data-fill` element.
fn embed_dialog(decision: &Decision) -> Html {
    let title = if decision.title.is_empty() {
        "Data architecture decision"
    } else {
        &decision.title
    };
    let args = [
        browser::page_url().as_str(),
        &permalink::encode(decision, false),
        title,
    ]
    .join(&ARG_SEPARATOR.to_string());
    let close = Callback::from(|_| {
        if let Some(d) = embed_dialog_element() {
            d.close();
        }
    });
    html! {
        <dialog id="embed-dialog" class="embed-dialog" aria-labelledby="embed-title">
            <h2 id="embed-title">{"Embed this decision"}</h2>
            <p>{"Paste one of these into a wiki page. The embedded view shows the recommendations without the page chrome and sizes itself to fit."}</p>
            <div data-fill="embed_html" data-args={args}></div>
            <button type="button" onclick={close}>{"Close"}</button>
        </dialog>
    }
}

fn embed_dialog_element() -> Option<web_sys::HtmlDialogElement> {
    let document = web_sys::window()?.document()?;
    document.get_element_by_id("embed-dialog")?.dyn_into().ok()
}
