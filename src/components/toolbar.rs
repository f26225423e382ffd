//! Share and export: copy link, ADR (copy or download), JSON, print, and ready-made embed snippets.

use super::{CatalogRef, Dispatch};
use crate::browser;
use crate::decision::Decision;
use crate::engine::Recommendation;
use crate::export;
use crate::permalink;
use crate::state::Action;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub catalog: CatalogRef,
    pub decision: Decision,
    pub recommendation: Rc<Recommendation>,
    pub dispatch: Dispatch,
}

/// The full URL that reopens this decision.
fn share_link(decision: &Decision) -> String {
    format!(
        "{}#{}",
        browser::page_url(),
        permalink::encode(decision, false)
    )
}

fn file_stem(decision: &Decision) -> String {
    let slug: String = decision
        .title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "strata-decision".into()
    } else {
        format!("strata-{slug}")
    }
}

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let status = use_state(String::new);
    // Text to copy by hand when the clipboard refuses (file://, sandboxed iframes).
    let manual = use_state(|| None::<String>);
    let dialog = use_node_ref();

    let copy = |make: Rc<dyn Fn() -> String>, done: &'static str| {
        let (status, manual) = (status.clone(), manual.clone());
        Callback::from(move |_: MouseEvent| {
            let text = make();
            let (status, manual) = (status.clone(), manual.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::copy_text(&text).await {
                    Ok(()) => {
                        status.set(done.into());
                        manual.set(None);
                    }
                    Err(message) => {
                        status.set(message);
                        manual.set(Some(text));
                    }
                }
            });
        })
    };
    let save = |make: Rc<dyn Fn() -> String>, file: String, mime: &'static str| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            status.set(match browser::download(&file, mime, &make()) {
                Ok(()) => format!("Downloaded {file}."),
                Err(message) => message,
            });
        })
    };

    let (catalog, decision, rec) = (
        props.catalog,
        props.decision.clone(),
        props.recommendation.clone(),
    );
    let link: Rc<dyn Fn() -> String> = {
        let decision = decision.clone();
        Rc::new(move || share_link(&decision))
    };
    let adr: Rc<dyn Fn() -> String> = {
        let (decision, rec) = (decision.clone(), rec.clone());
        Rc::new(move || export::adr_markdown(&catalog, &decision, &rec, &share_link(&decision)))
    };
    let json: Rc<dyn Fn() -> String> = {
        let (decision, rec) = (decision.clone(), rec.clone());
        Rc::new(move || export::decision_json(&catalog, &decision, &rec))
    };
    let stem = file_stem(&decision);
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let open_embed = {
        let dialog = dialog.clone();
        Callback::from(move |_| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                let _ = d.show_modal();
            }
        })
    };
    let set_title = {
        let dispatch = props.dispatch.clone();
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
                    value={props.decision.title.clone()} onchange={set_title} />
            </div>
            <div class="actions">
                <button type="button" id="copy-link" class="primary" onclick={copy(link, "Link copied.")}>{"Copy link"}</button>
                <button type="button" id="copy-adr" onclick={copy(adr.clone(), "ADR copied as Markdown.")}>{"Copy ADR"}</button>
                <button type="button" id="download-adr" onclick={save(adr, format!("{stem}.md"), "text/markdown")}>{"Download ADR"}</button>
                <button type="button" id="download-json" onclick={save(json, format!("{stem}.json"), "application/json")}>{"Download JSON"}</button>
                <button type="button" id="print" onclick={print}>{"Print"}</button>
                <button type="button" id="open-embed" onclick={open_embed}>{"Embed…"}</button>
                <span class="action-status" role="status" id="toolbar-status">{(*status).clone()}</span>
            </div>
            if let Some(text) = (*manual).clone() {
                <textarea class="manual-copy" readonly=true aria-label="Text to copy" rows="4" value={text} />
            }
            <EmbedDialog node={dialog} decision={props.decision.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct EmbedProps {
    node: NodeRef,
    decision: Decision,
}

/// Ready-made snippets that show this decision inside a wiki page.
#[function_component]
fn EmbedDialog(props: &EmbedProps) -> Html {
    let page = browser::page_url();
    let fragment = permalink::encode(&props.decision, false);
    let title = if props.decision.title.is_empty() {
        "Data architecture decision"
    } else {
        &props.decision.title
    };
    let link = format!("{page}#{fragment}");
    let snippets = [
        (
            "embed-iframe",
            "HTML (iframe)",
            export::iframe_snippet(&page, &fragment, title),
        ),
        (
            "embed-confluence",
            "Confluence (HTML macro)",
            export::confluence_snippet(&page, &fragment, title),
        ),
        (
            "embed-mediawiki",
            "MediaWiki link",
            export::mediawiki_link(&link, title),
        ),
        (
            "embed-markdown",
            "Markdown link (GitHub wiki)",
            export::markdown_link(&link, title),
        ),
    ];
    let close = {
        let node = props.node.clone();
        Callback::from(move |_| {
            if let Some(d) = node.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };
    html! {
        <dialog ref={props.node.clone()} class="embed-dialog" aria-labelledby="embed-title">
            <h2 id="embed-title">{"Embed this decision"}</h2>
            <p>{"Paste one of these into a wiki page. The embedded view shows the recommendations without the page chrome and sizes itself to fit."}</p>
            { for snippets.into_iter().map(|(id, label, text)| html! {
                <div class="snippet">
                    <label for={id}>{label}</label>
                    <textarea {id} readonly=true rows="3" value={text} />
                </div>
            }) }
            <button type="button" onclick={close}>{"Close"}</button>
        </dialog>
    }
}
