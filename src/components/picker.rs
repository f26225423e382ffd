//! The requirement picker: the services panel, then for the service it edits examples to start from (presets,
//! the active one marked), grouped checkboxes with help text, a count and "Clear all"; when an example or
//! "Clear all" replaced the user's own ticks, a way back.
use super::{CatalogRef, Dispatch};
use crate::state::Action;
use strata_core::catalog::Preset;
use strata_core::engine::Requirements;
use yew::prelude::*;

/// `undo`: what was replaced, said while it can be brought back; `service`: the name of the service it edits,
/// when there are several; `services`: the services panel; `after`: what follows the requirements (the
/// catalogue panel).
pub fn picker(
    catalog: CatalogRef,
    requirements: &Requirements,
    undo: Option<&str>,
    service: Option<String>,
    (services, after): (Html, Html),
    dispatch: &Dispatch,
) -> Html {
    let count = requirements.len();
    let is = |p: &Preset| {
        p.requirements.len() == count && p.requirements.iter().all(|r| requirements.contains(r))
    };
    // The ticks are the user's own unless they are empty or exactly an example's.
    let own = count > 0 && !catalog.presets.iter().any(is);
    let replaced = |what: &str| {
        let s = if count == 1 { "" } else { "s" };
        own.then(|| format!("{what} replaced your {count} tick{s}."))
    };
    let clear = {
        let (dispatch, said) = (dispatch.clone(), replaced("Clear all"));
        Callback::from(move |_| dispatch.dispatch(Action::ClearAll(said.clone())))
    };
    let back = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Undo))
    };
    html! {
        <section class="picker panel" aria-labelledby="picker-title">
            {services}
            <div class="picker-head">
                <h2 id="picker-title">{match service {
                    Some(name) => format!("What does {name} need?"),
                    None => "What does your system need?".into(),
                }}</h2>
                <span class="count" id="tick-count">{ticked_text(count)}</span>
                <button type="button" id="clear-all" onclick={clear} disabled={count == 0}>{"Clear all"}</button>
            </div>
            <h3 class="presets-title" id="presets-title">{"Start from an example"}</h3>
            <ul class="presets" aria-labelledby="presets-title">
                // The catalogue lives as long as the page, so a click can read its preset then.
                { for catalog.0.presets.iter().map(|preset| {
                    let (dispatch, said) = (dispatch.clone(), replaced(&format!("The {} example", preset.title)));
                    let onclick = Callback::from(move |_| {
                        dispatch.dispatch(Action::SetRequirements(preset.requirements.iter().map(|id| id.to_string()).collect(), said.clone()))
                    });
                    html! {
                        <li><button type="button" id={format!("preset-{}", preset.id)} aria-pressed={if is(preset) { "true" } else { "false" }} {onclick}>
                            <strong>{&*preset.title}</strong><span>{&*preset.description}</span>
                        </button></li>
                    }
                }) }
            </ul>
            <p class="undo" role="status">
                if let Some(said) = undo {
                    {said}{" "}<button type="button" id="undo" class="link" onclick={back}>{"Undo"}</button>
                }
            </p>
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
            {after}
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
