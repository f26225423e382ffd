//! Share and export, in one "Share" menu: copy link, ADR (copy or download), JSON, print, and the Embed
//! dialog. The texts come from the on-demand module (`extras`); copying, downloading and the feedback happen
//! here, in the app's state. From a page opened as a file, what points at `file://` says so.

use super::embed::{embed_button, embed_dialog};
use super::figure;
use super::services::text_field;
use super::Dispatch;
use crate::browser;
use crate::extras;
use crate::state::{Action, AppState, Field};
use strata_core::boundary::Request;
use strata_core::permalink;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What a toolbar button does with the decision's text.
#[derive(Clone, Copy)]
enum Export {
    CopyLink,
    CopyAdr,
    DownloadAdr,
    DownloadJson,
}

/// Said beside anything that holds a link to a page opened from disk.
pub const FILE_LINK_WARNING: &str = "This page was opened from a file, so its links point at file:// and open only on this computer. To share the decision, open it from a hosted copy of Strata and copy the link there.";

/// Performs an export; returns the feedback and, if the clipboard refused, the text to copy by hand. A link
/// or ADR that names this page's `file://` address is only good on this computer: the feedback says so.
/// `title`: the decision's, which names a downloaded file.
async fn export(what: Export, fragment: String, title: String) -> (String, Option<String>) {
    let page = browser::page_url();
    let link = format!("{page}#{fragment}");
    let (text, file) = match what {
        Export::CopyLink => (Ok(link), None),
        Export::CopyAdr | Export::DownloadAdr => {
            let adr = extras::text(&Request::Adr { fragment, link }).await;
            let file = matches!(what, Export::DownloadAdr).then_some(("md", "text/markdown"));
            (adr, file)
        }
        Export::DownloadJson => (
            extras::text(&Request::Json { fragment }).await,
            Some(("json", "application/json")),
        ),
    };
    let (message, manual) = match (text, file) {
        (Err(why), _) => (why, None),
        (Ok(text), Some((extension, mime))) => {
            match download(title, extension, mime, &text).await {
                Ok(name) => (format!("Download started: {name}."), None),
                Err(why) => (why, None),
            }
        }
        (Ok(text), None) => match browser::copy_text(&text).await {
            Ok(()) if matches!(what, Export::CopyLink) => ("Link copied.".into(), None),
            Ok(()) => ("ADR copied as Markdown.".into(), None),
            Err(why) => (why, Some(text)),
        },
    };
    if page.starts_with("file:") && !matches!(what, Export::DownloadJson) {
        return (format!("{message} {FILE_LINK_WARNING}"), manual);
    }
    (message, manual)
}

/// Downloads `text` as a file named from the decision's title; returns the file's name.
async fn download(
    title: String,
    extension: &str,
    mime: &str,
    text: &str,
) -> Result<String, String> {
    let stem = extras::text(&Request::FileStem { title }).await?;
    let name = format!("{stem}.{extension}");
    browser::download(&name, mime, text)?;
    Ok(name)
}

/// The share and export bar, with the last action's feedback (see `Action::Feedback`) and the Embed dialog.
/// `page` is the page's address without its fragment.
pub fn toolbar(state: &AppState, page: &str, dispatch: &Dispatch) -> Html {
    let decision = &state.decision;
    let (status, manual) = (&state.action_status, state.manual_copy.as_ref());
    let fragment = permalink::encode(decision, false);
    let act = |what: Export| {
        let (dispatch, fragment, title) =
            (dispatch.clone(), fragment.clone(), decision.title.clone());
        Callback::from(move |_: MouseEvent| {
            let (dispatch, fragment, title) = (dispatch.clone(), fragment.clone(), title.clone());
            crate::browser::spawn(Box::pin(async move {
                let (message, by_hand) = export(what, fragment, title).await;
                dispatch.dispatch(Action::Feedback(message, by_hand));
            }));
        })
    };
    // Every diagram drawn first, so the printout has them all.
    // The system section is asked for first, so that it and its diagrams are in the printout too, and so are
    // the other services' cards (`AppState::printing`).
    let print = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::Printing(true));
            dispatch.dispatch(Action::WantSystem);
            crate::browser::spawn(Box::pin(async {
                figure::draw_all().await;
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }))
        })
    };
    // Escape closes the menu, as it closes a dialog (the focus goes back to its summary).
    let close_on_escape = Callback::from(|e: KeyboardEvent| {
        // (Yew listens at the root: the menu is the one around the key's target.)
        let target = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let menu = target.and_then(|t| t.closest("#share").ok().flatten());
        if let Some(menu) = menu.filter(|_| e.key() == "Escape") {
            let _ = menu.remove_attribute("open");
            if let Some(summary) = menu.first_element_child() {
                browser::focus_without_scrolling(&summary);
            }
        }
    });
    let title = match decision.title.as_str() {
        "" => "Data architecture decision",
        title => title,
    };
    let from_file = page.starts_with("file:");
    html! {
        <section class="toolbar panel" aria-label="Share and export">
            {text_field(state, Field::Title, &decision.title, String::new(), dispatch)}
            <details class="share" id="share" onkeydown={close_on_escape}>
                <summary>{"Share"}</summary>
                if from_file {
                    <p class="file-warning">{FILE_LINK_WARNING}</p>
                }
                <div class="actions">
                    <button type="button" id="copy-link" class="primary" onclick={act(Export::CopyLink)}>{"Copy link"}</button>
                    <button type="button" id="copy-adr" onclick={act(Export::CopyAdr)}>{"Copy ADR"}</button>
                    <button type="button" id="download-adr" onclick={act(Export::DownloadAdr)}>{"Download ADR"}</button>
                    <button type="button" id="download-json" onclick={act(Export::DownloadJson)}>{"Download JSON"}</button>
                    <button type="button" id="print" onclick={print}>{"Print"}</button>
                    {embed_button(page, &fragment, title, dispatch)}
                </div>
            </details>
            <span class="action-status" role="status" id="toolbar-status">{status.to_string()}</span>
            {embed_dialog(&state.embed_dialog, from_file, dispatch)}
            if let Some(text) = manual.cloned() {
                <textarea class="manual-copy" readonly=true aria-label="Text to copy" rows="4" value={text} />
            }
        </section>
    }
}
