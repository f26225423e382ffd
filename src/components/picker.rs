//! The requirement picker: examples to start from (presets, the active one marked), grouped checkboxes with help
//! text, a count and "Clear all"; when an example or "Clear all" replaced the user's own ticks, a way back.
use super::{raw, text, CatalogRef, Dispatch};
use crate::state::Action;
use strata_core::catalog::{Preset, Requirement};
use strata_core::engine::Requirements;
use yew::prelude::*;

/// `undo`: what was replaced, said while it can be brought back.
pub fn picker(
    catalog: CatalogRef,
    requirements: &Requirements,
    undo: Option<&str>,
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
            <div class="picker-head">
                {raw(head(count))}
                <button type="button" id="clear-all" onclick={clear} disabled={count == 0}>{"Clear all"}</button>
            </div>
            {Html::from_html_unchecked(AttrValue::Static(
                "<h3 class=\"presets-title\" id=\"presets-title\">Start from an example</h3>"
            ))}
            <ul class="presets" aria-labelledby="presets-title">
                // The catalogue lives as long as the page, so a click can read its preset then.
                { for catalog.0.presets.iter().map(|preset| {
                    let (dispatch, said) = (dispatch.clone(), replaced(&format!("The {} example", preset.title)));
                    let onclick = Callback::from(move |_| {
                        dispatch.dispatch(Action::SetRequirements(preset.requirements.iter().map(|id| id.to_string()).collect(), said.clone()))
                    });
                    html! {
                        <li><button type="button" id={format!("preset-{}", preset.id)} aria-pressed={if is(preset) { "true" } else { "false" }} {onclick}>
                            {raw(preset_text(preset))}
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
                    {raw(legend(&group.title))}
                    { for group.requirements.iter().map(|req| {
                        let dispatch = dispatch.clone();
                        let id = req.id.clone();
                        let onchange = Callback::from(move |_| dispatch.dispatch(Action::Toggle(id.to_string())));
                        html! {
                            <div class="req">
                                <input type="checkbox" id={format!("req-{}", req.id)} aria-describedby={format!("help-{}", req.id)}
                                    checked={requirements.contains(&req.id)} {onchange} />
                                {raw(requirement_text(req))}
                            </div>
                        }
                    }) }
                </fieldset>
            }) }
        </section>
    }
}

// The static parts as HTML text (see `raw`); the buttons and checkboxes are Yew's.

/// The heading and the count.
fn head(count: usize) -> String {
    let mut html = String::from(
        "<h2 id=\"picker-title\">What does your system need?</h2><span class=\"count\" id=\"tick-count\">",
    );
    match count {
        0 => html.push_str("nothing"),
        n => html.push_str(&n.to_string()),
    }
    html.push_str(" ticked</span>");
    html
}

fn preset_text(preset: &Preset) -> String {
    let mut html = String::from("<strong>");
    text(&mut html, &preset.title);
    html.push_str("</strong><span>");
    text(&mut html, &preset.description);
    html.push_str("</span>");
    html
}

fn legend(title: &str) -> String {
    let mut html = String::from("<legend>");
    text(&mut html, title);
    html.push_str("</legend>");
    html
}

/// A checkbox's label and its help, which the checkbox points at (`aria-describedby`).
fn requirement_text(req: &Requirement) -> String {
    let mut html = String::from("<label for=\"req-");
    text(&mut html, &req.id);
    html.push_str("\">");
    text(&mut html, &req.label);
    html.push_str("</label><span class=\"help\" id=\"help-");
    text(&mut html, &req.id);
    html.push_str("\">");
    text(&mut html, &req.help);
    html.push_str("</span>");
    html
}
