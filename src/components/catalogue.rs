//! The catalogue browser. Its HTML comes from the on-demand module once the page is up (it sits below the
//! recommendations); its diagram buttons are handled here by their `data-action`.

use crate::browser;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

#[function_component]
pub fn CatalogueBrowser() -> Html {
    let html = use_state(|| None::<Result<AttrValue, String>>);
    {
        let html = html.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                html.set(Some(
                    browser::extras("catalogue_html", &[])
                        .await
                        .map(AttrValue::from),
                ));
            });
        });
    }
    let onclick = Callback::from(|e: MouseEvent| {
        let Some(button) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[data-action]").ok().flatten())
        else {
            return;
        };
        let Some(action) = button.get_attribute("data-action") else {
            return;
        };
        let diagram = button.get_attribute("data-diagram").unwrap_or_default();
        wasm_bindgen_futures::spawn_local(async move {
            // The catalogue draws the seed's own example, so no decision is passed.
            let (message, manual) = browser::act(&action, "", "", &diagram).await;
            if let Some(status) = button
                .parent_element()
                .and_then(|p| p.query_selector(".action-status").ok().flatten())
            {
                status.set_text_content(Some(&match manual {
                    Some(text) => format!("{message}\n{text}"),
                    None => message,
                }));
            }
        });
    });
    html! {
        <section class="catalogue" id="catalogue" aria-labelledby="catalogue-title" {onclick}>
            { match &*html {
                Some(Ok(html)) => Html::from_html_unchecked(html.clone()),
                Some(Err(message)) => html! { <><h2 id="catalogue-title">{"The catalogue"}</h2><p>{message}</p></> },
                None => html! { <><h2 id="catalogue-title">{"The catalogue"}</h2><p aria-busy="true">{"Loading the catalogue\u{2026}"}</p></> },
            } }
        </section>
    }
}
