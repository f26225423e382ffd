//! The requirement picker: presets, grouped checkboxes with help text, a count and "clear all".

use super::{CatalogRef, Dispatch};
use crate::state::Action;
use strata_core::engine::Requirements;
use yew::prelude::*;

pub fn picker(catalog: CatalogRef, requirements: &Requirements, dispatch: &Dispatch) -> Html {
    let count = requirements.len();
    let clear = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::ClearAll))
    };
    html! {
        <section class="picker panel" aria-labelledby="picker-title">
            <div class="picker-head">
                <h2 id="picker-title">{"What does your system need?"}</h2>
                <span class="count" id="tick-count">{ticked_text(count)}</span>
            </div>
            <h3 class="sr-only">{"Presets"}</h3>
            <ul class="presets" aria-label="Presets">
                // The catalogue lives as long as the page, so a click can read its preset then.
                { for catalog.0.presets.iter().map(|preset| {
                    let dispatch = dispatch.clone();
                    let onclick = Callback::from(move |_| {
                        dispatch.dispatch(Action::SetRequirements(preset.requirements.iter().map(|id| id.to_string()).collect()))
                    });
                    html! {
                        <li><button type="button" id={format!("preset-{}", preset.id)} title={preset.description.clone()} {onclick}>
                            {&*preset.title}
                        </button></li>
                    }
                }) }
                <li><button type="button" id="clear-all" onclick={clear} disabled={count == 0}>{"Clear all"}</button></li>
            </ul>
            { for catalog.groups.iter().map(|group| html! {
                <fieldset>
                    <legend>{&*group.title}</legend>
                    { for group.requirements.iter().map(|req| {
                        let input_id = format!("req-{}", req.id);
                        let help_id = format!("help-{}", req.id);
                        let dispatch = dispatch.clone();
                        let id = req.id.clone();
                        let onchange = Callback::from(move |_| dispatch.dispatch(Action::Toggle(id.to_string())));
                        html! {
                            <div class="req">
                                <input type="checkbox" id={input_id.clone()} aria-describedby={help_id.clone()}
                                    checked={requirements.contains(&req.id)} {onchange} />
                                <label for={input_id}>{&*req.label}</label>
                                <span class="help" id={help_id}>{&*req.help}</span>
                            </div>
                        }
                    }) }
                </fieldset>
            }) }
        </section>
    }
}

fn ticked_text(count: usize) -> String {
    match count {
        0 => "nothing ticked".into(),
        1 => "1 ticked".into(),
        n => format!("{n} ticked"),
    }
}
