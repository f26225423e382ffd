//! The Embed dialog: its button, and the snippets for a wiki, made by the on-demand module when the dialog
//! opens (never while it is closed), each with a Copy button; and what the host page must allow. Its content
//! and feedback live in the app state (`AppState::embed_dialog`).

use super::Dispatch;
use crate::browser;
use crate::extras;
use crate::state::{Action, EmbedDialog};
use strata_core::boundary::{Request, Response, SNIPPETS};
use strata_core::export::escape_html;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn dialog_element() -> Option<web_sys::HtmlDialogElement> {
    browser::document()?
        .get_element_by_id("embed-dialog")?
        .dyn_into()
        .ok()
}

/// The button that opens the dialog and asks for its snippets. `fragment` is the decision's link fragment
/// (`permalink::encode(decision, false)`), `page` the page's address without it.
pub fn embed_button(page: &str, fragment: &str, title: &str, dispatch: &Dispatch) -> Html {
    let open = {
        let dispatch = dispatch.clone();
        let request = Request::Embed {
            page_url: page.to_string(),
            fragment: fragment.to_string(),
            title: title.to_string(),
        };
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog_element() {
                let _ = d.show_modal();
            }
            let (request, dispatch) = (request.clone(), dispatch.clone());
            dispatch.dispatch(Action::Embed(EmbedDialog::default()));
            crate::browser::spawn(Box::pin(async move {
                let content = match extras::ask(&request).await {
                    Ok(Response::Embed(embed)) => Ok(embed),
                    Ok(_) => Err("Unexpected answer from the on-demand module.".into()),
                    Err(why) => Err(why),
                };
                dispatch.dispatch(Action::Embed(EmbedDialog {
                    content: Some(content),
                    copied: None,
                }));
            }));
        })
    };
    html! { <button type="button" id="open-embed" onclick={open}>{"Embed\u{2026}"}</button> }
}

/// What the dialog is for (static text: cheaper as HTML text than as Yew elements).
fn intro(from_file: bool) -> String {
    let mut html = String::new();
    if from_file {
        html.push_str("<p class=\"file-warning\">");
        html.push_str(super::toolbar::FILE_LINK_WARNING);
        html.push_str(" These snippets would show nothing in a wiki.</p>");
    }
    html.push_str(
        "<p>Paste one of these into a wiki page. The embedded view shows the recommendations without the page \
         chrome and sizes itself to fit.</p>",
    );
    html
}

fn raw(html: String) -> Html {
    Html::from_html_unchecked(html.into())
}

/// The dialog (outside the Share menu, so that it shows whether the menu is open or not). `from_file`: the page
/// was opened from disk, so the snippets point at `file://`.
pub fn embed_dialog(shown: &EmbedDialog, from_file: bool, dispatch: &Dispatch) -> Html {
    let close = Callback::from(|_: MouseEvent| {
        if let Some(d) = dialog_element() {
            d.close();
        }
    });
    let body = match &shown.content {
        None => Html::from_html_unchecked(AttrValue::Static(
            "<p aria-busy=\"true\">Preparing the snippets\u{2026}</p>",
        )),
        Some(Err(why)) => raw(format!("<p class=\"unavailable\">{}</p>", escape_html(why))),
        Some(Ok(embed)) => html! {
            <>
                { for SNIPPETS.iter().zip(&embed.texts).enumerate().map(|(i, ((id, label), text))| {
                    let said = shown.copied.as_ref().filter(|(at, _)| *at == i).map(|(_, s)| s.clone());
                    let (dispatch, copied) = (dispatch.clone(), text.clone());
                    let copy = Callback::from(move |_: MouseEvent| {
                        let (dispatch, text) = (dispatch.clone(), copied.clone());
                        crate::browser::spawn(Box::pin(async move {
                            let said = match browser::copy_text(&text).await {
                                Ok(()) => "Copied.".to_string(),
                                Err(why) => why,
                            };
                            dispatch.dispatch(Action::SnippetCopied(i, said));
                        }));
                    });
                    html! {
                        <div class="snippet">
                            <label for={*id}>{*label}</label>
                            <textarea id={*id} readonly=true rows="3" value={text.clone()} />
                            <div class="snippet-actions">
                                <button type="button" onclick={copy} aria-label={format!("Copy {label}")}>{"Copy"}</button>
                                <span class="action-status" role="status">{said.unwrap_or_default()}</span>
                            </div>
                        </div>
                    }
                }) }
                {raw(embed.host_steps_html.clone())}
            </>
        },
    };
    html! {
        <dialog id="embed-dialog" class="embed-dialog" aria-labelledby="embed-title">
            // The heading stays in view as the snippets scroll, with a Close within reach on a phone.
            <div class="dialog-head">
                <h2 id="embed-title">{"Embed this decision"}</h2>
                <button type="button" id="embed-close" aria-label="Close" onclick={close.clone()}>{"\u{d7}"}</button>
            </div>
            {raw(intro(from_file))}
            {body}
            <button type="button" onclick={close}>{"Close"}</button>
        </dialog>
    }
}
