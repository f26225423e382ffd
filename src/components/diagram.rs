//! A diagram drawn from the decision: inline SVG and its text version (drawn by the on-demand module),
//! with "Download SVG" and "Copy Mermaid".

use crate::browser;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    /// A diagram id or an engine choice id (`multi-primary`, `strong`, …).
    pub diagram: AttrValue,
    /// The decision, as its link fragment.
    pub fragment: AttrValue,
    /// Makes the SVG's ids unique on the page.
    pub prefix: AttrValue,
}

#[function_component]
pub fn DiagramFigure(props: &DiagramProps) -> Html {
    // None while drawing; Err when the on-demand module could not load.
    let drawn = use_state(|| None::<Result<AttrValue, String>>);
    {
        let drawn = drawn.clone();
        let key = (
            props.diagram.clone(),
            props.fragment.clone(),
            props.prefix.clone(),
        );
        use_effect_with(key, move |(diagram, fragment, prefix)| {
            let (diagram, fragment, prefix) = (diagram.clone(), fragment.clone(), prefix.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let html = browser::extras("diagram_figure", &[&fragment, &diagram, &prefix]).await;
                drawn.set(Some(html.map(AttrValue::from)));
            });
        });
    }
    let status = use_state(String::new);
    let manual = use_state(|| None::<String>);
    let act = |action: &'static str| {
        let (diagram, fragment, status, manual) = (
            props.diagram.clone(),
            props.fragment.clone(),
            status.clone(),
            manual.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (diagram, fragment, status, manual) = (
                diagram.clone(),
                fragment.clone(),
                status.clone(),
                manual.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let (message, text) = browser::act(action, &fragment, "", &diagram).await;
                status.set(message);
                manual.set(text);
            });
        })
    };

    html! {
        <figure class="diagram" data-diagram={props.diagram.clone()}>
            { match &*drawn {
                Some(Ok(html)) => Html::from_html_unchecked(html.clone()),
                Some(Err(message)) => html! { <p class="diagram-svg unavailable">{message}</p> },
                None => html! { <div class="diagram-svg loading" aria-busy="true">{"Drawing the diagram\u{2026}"}</div> },
            } }
            <figcaption>
                <div class="diagram-actions">
                    <button type="button" onclick={act("download-svg")} data-action="download-svg">{"Download SVG"}</button>
                    <button type="button" onclick={act("copy-mermaid")} data-action="copy-mermaid">{"Copy Mermaid"}</button>
                    <span class="action-status" role="status">{(*status).clone()}</span>
                </div>
                if let Some(text) = (*manual).clone() {
                    <textarea class="manual-copy" readonly=true aria-label="Mermaid source" rows="6" value={text} />
                }
            </figcaption>
        </figure>
    }
}
