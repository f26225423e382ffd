//! The catalogue the advice is made with: the built-in one, or an organisation's (docs/CATALOG.md), chosen as
//! a file (the picker here, or dropped anywhere on the page) and kept in this browser, or named by the link
//! (`catalog=`, fetched from the page's own site only). The on-demand module reads and applies it
//! (`Request::UseCatalogue`); a file it refuses changes nothing, and every problem is listed here, each with its
//! place in the file.

use super::Dispatch;
use crate::browser;
use crate::extras;
use crate::state::{Action, CatalogueView};
use strata_core::boundary::{Request, Response};
use strata_core::catalog::Catalog;
use strata_core::export::escape_html;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Where a catalogue came from, which says whether this browser keeps it and whether the link names it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A file chosen or dropped: kept in this browser.
    File,
    /// Kept in this browser from an earlier visit.
    Stored,
    /// The link's `catalog=` address.
    Link,
    /// The built-in catalogue again.
    BuiltIn,
}

/// Hands `json` to the on-demand module as the catalogue to advise with; `address` is the link's, if it came
/// from there. Says what happened through the reducer.
/// `what` names it in what is said if it is refused (the file's name, the address).
pub fn use_json(
    json: String,
    source: Source,
    (what, address): (String, String),
    dispatch: Dispatch,
) {
    dispatch.dispatch(Action::CatalogueBusy);
    browser::spawn(Box::pin(async move {
        let asked = match extras::load_organisation().await {
            Ok(()) => extras::ask(&Request::UseCatalogue { json: json.clone() }).await,
            Err(why) => Err(why),
        };
        match asked {
            Ok(Response::Catalogue(Ok(info))) => {
                if source == Source::File {
                    if let Err(why) = browser::store_catalogue(Some(&json)) {
                        dispatch.dispatch(Action::Notify(crate::state::Notice {
                            text: why,
                            error: false,
                        }));
                    }
                }
                dispatch.dispatch(Action::CatalogueInUse(info, address));
            }
            Ok(Response::Catalogue(Err(problems))) => {
                if source == Source::Stored {
                    // What this browser kept no longer applies (a newer Strata): forget it, and say why.
                    let _ = browser::store_catalogue(None);
                }
                dispatch.dispatch(Action::CatalogueRefused(what, problems));
            }
            Ok(_) => dispatch.dispatch(Action::CatalogueRefused(
                what,
                vec!["Unexpected answer from the on-demand module.".into()],
            )),
            Err(why) => dispatch.dispatch(Action::CatalogueRefused(what, vec![why])),
        }
    }));
}

/// Reads a chosen or dropped file, then uses it.
pub fn use_file(file: web_sys::File, dispatch: Dispatch) {
    dispatch.dispatch(Action::CatalogueBusy);
    let name = file.name();
    browser::spawn(Box::pin(async move {
        match browser::file_text(file).await {
            Ok(json) => use_json(json, Source::File, (name, String::new()), dispatch),
            Err(why) => dispatch.dispatch(Action::CatalogueRefused(name, vec![why])),
        }
    }));
}

/// Fetches the catalogue a link names (from the page's own site only), then uses it.
pub fn use_address(address: String, dispatch: Dispatch) {
    dispatch.dispatch(Action::CatalogueBusy);
    browser::spawn(Box::pin(async move {
        match browser::fetch_same_origin(&address).await {
            Ok(json) => use_json(json, Source::Link, (address.clone(), address), dispatch),
            Err(why) => dispatch.dispatch(Action::CatalogueRefused(address, vec![why])),
        }
    }));
}

/// The panel at the end of the picker: the catalogue in use, loading another, and what went wrong.
pub fn catalogue_panel(view: &CatalogueView, dispatch: &Dispatch) -> Html {
    let chosen = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(input) = input {
                if let Some(file) = input.files().and_then(|files| files.get(0)) {
                    use_file(file, dispatch.clone());
                }
                input.set_value(""); // The same file chosen again is read again.
            }
        })
    };
    let builtin = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = browser::store_catalogue(None);
            // This button goes once the built-in catalogue is in use: the focus goes to loading one again.
            if let Some(input) =
                browser::document().and_then(|d| d.get_element_by_id("catalogue-file"))
            {
                browser::focus_without_scrolling(&input);
            }
            use_json(
                String::new(),
                Source::BuiltIn,
                Default::default(),
                dispatch.clone(),
            )
        })
    };
    let mut said = String::from("<p id=\"catalogue-in-use\">Catalogue: <strong>");
    match &view.organisation {
        Some(info) => {
            said.push_str(&escape_html(&info.label));
            said.push_str("</strong> (your organisation's)</p>");
            said.push_str(&info.about_html);
        }
        None => {
            said.push_str(&escape_html(&Catalog::builtin().label()));
            said.push_str("</strong> (built in)</p>");
        }
    }
    html! {
        <section class="catalogue-panel" aria-labelledby="catalogue-panel-title" aria-busy={view.busy.then_some("true")}>
            {raw("<h3 id=\"catalogue-panel-title\">Catalogue</h3>".into())}
            {raw(said)}
            <div class="actions">
                <label class="button" for="catalogue-file">{"Load an organisation catalogue\u{2026}"}</label>
                <input type="file" id="catalogue-file" class="sr-only" accept=".json,application/json" onchange={chosen} />
                if view.organisation.is_some() {
                    <button type="button" id="catalogue-builtin" onclick={builtin}>{"Use the built-in catalogue"}</button>
                }
            </div>
            {raw(HELP.into())}
            if view.busy {
                {raw("<p class=\"field-note\">Reading the catalogue\u{2026}</p>".into())}
            }
            if !view.problems.is_empty() {
                {raw(problems(&view.refused, &view.problems))}
            }
        </section>
    }
}

const HELP: &str = "<p class=\"help\">A JSON file in Strata's organisation format (see \
    <a href=\"catalog/example-org.json\">the example</a> and <a href=\"catalog/overlay.schema.json\">its \
    schema</a>); you can also drop it anywhere on this page. It stays in this browser, and nothing leaves it.</p>";

/// Every problem of a file (`what`) that was not used, with what did not change.
fn problems(what: &str, problems: &[String]) -> String {
    let mut o =
        String::from("<div class=\"problems\" role=\"alert\" id=\"catalogue-problems\"><p>");
    if !what.is_empty() {
        o.push('\u{201c}');
        o.push_str(&escape_html(what));
        o.push_str("\u{201d}: ");
    }
    o.push_str("not used; the catalogue in use and your decision did not change:</p><ul>");
    for p in problems {
        o.push_str("<li>");
        o.push_str(&escape_html(p));
        o.push_str("</li>");
    }
    o.push_str("</ul></div>");
    o
}

fn raw(html: String) -> Html {
    Html::from_html_unchecked(html.into())
}
