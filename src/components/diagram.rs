//! A diagram drawn from the decision: inline SVG, a text version, and "Download SVG" / "Copy Mermaid".

use crate::browser;
use crate::diagrams::{layout, render_svg, to_mermaid, DiagramId, DiagramInput, SvgMode};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub id: DiagramId,
    pub input: Rc<DiagramInput>,
    /// Makes the SVG's ids unique on the page (a card and the catalogue may show the same diagram).
    pub prefix: AttrValue,
}

#[function_component]
pub fn DiagramFigure(props: &DiagramProps) -> Html {
    let prefix = props.prefix.clone();
    let drawn = use_memo((props.id, props.input.clone()), move |(id, input)| {
        let diagram = layout(*id, input);
        let svg = render_svg(&diagram, SvgMode::Inline, &prefix);
        (diagram, AttrValue::from(svg))
    });
    // Feedback after an action, and the Mermaid text to copy by hand when the clipboard refuses.
    let status = use_state(String::new);
    let manual = use_state(|| None::<String>);
    let (diagram, svg) = &*drawn;

    let download = {
        let (diagram, status, prefix) = (diagram.clone(), status.clone(), props.prefix.clone());
        Callback::from(move |_| {
            let file = format!("strata-{}.svg", diagram.id.as_str());
            let text = render_svg(&diagram, SvgMode::Standalone, &prefix);
            status.set(match browser::download(&file, "image/svg+xml", &text) {
                Ok(()) => format!("Downloaded {file}."),
                Err(message) => message,
            });
        })
    };
    let copy = {
        let (diagram, status, manual) = (diagram.clone(), status.clone(), manual.clone());
        Callback::from(move |_| {
            let text = to_mermaid(&diagram);
            let (status, manual) = (status.clone(), manual.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::copy_text(&text).await {
                    Ok(()) => {
                        status.set("Mermaid source copied.".into());
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

    html! {
        <figure class="diagram" data-diagram={diagram.id.as_str()}>
            <div class="diagram-svg">{Html::from_html_unchecked(svg.clone())}</div>
            <figcaption>
                <details>
                    <summary>{"Text version"}</summary>
                    <ol>{ for diagram.text_alternative.iter().map(|s| html! { <li>{s}</li> }) }</ol>
                </details>
                <div class="diagram-actions">
                    <button type="button" onclick={download} data-action="download-svg">{"Download SVG"}</button>
                    <button type="button" onclick={copy} data-action="copy-mermaid">{"Copy Mermaid"}</button>
                    <span class="action-status" role="status">{(*status).clone()}</span>
                </div>
                if let Some(text) = (*manual).clone() {
                    <textarea class="manual-copy" readonly=true aria-label="Mermaid source" rows="6" value={text} />
                }
            </figcaption>
        </figure>
    }
}
