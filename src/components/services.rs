//! The services panel, at the top of the picker: the decision's services, each with its headline, the one the
//! picker edits marked; its name and the data it owns and reads; add, copy, move, remove (with Undo). What
//! the user typed that conflicts or does not fit is said beside the field, in place.

use super::Dispatch;
use crate::state::{Action, AppState, Field};
use strata_core::decision::{same_entity, Decision, MAX_SERVICES};
use strata_core::export::escape_html;
use strata_core::text::comma_list;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// `headlines`: each service's "relational, strong, semi-sync", in order.
pub fn services_panel(state: &AppState, headlines: &[String], dispatch: &Dispatch) -> Html {
    let d = &state.decision;
    let (n, at) = (d.services.len(), state.selected);
    let full = n >= MAX_SERVICES;
    let count = match n {
        1 => "1 service".to_string(),
        n => format!("{n} of {MAX_SERVICES} services"),
    };
    html! {
        <div class="services" role="group" aria-labelledby="services-title">
            <div class="services-head">
                <h2 id="services-title">{"Services"}</h2>
                <span class="count" id="services-count">{count}</span>
                <button type="button" id="service-add" onclick={on(dispatch, || Action::AddService)} disabled={full}>{"Add a service"}</button>
            </div>
            if full {
                {raw(format!("<p class=\"field-note\">A decision holds at most {MAX_SERVICES} services: remove one to add another.</p>"))}
            }
            if n > 1 {
                <ul class="service-list" aria-label="The service the picker edits">
                    { for d.services.iter().zip(headlines).enumerate().map(|(i, (s, headline))| {
                        let dispatch = dispatch.clone();
                        let onclick = Callback::from(move |_| dispatch.dispatch(Action::Select(i)));
                        let text = format!("<strong>{}</strong><span>{}</span>", escape_html(&s.display_name(i)), escape_html(headline));
                        html! {
                            <li><button type="button" id={format!("service-tab-{}", i + 1)} aria-pressed={if i == at { "true" } else { "false" }} {onclick}>
                                {raw(text)}
                            </button></li>
                        }
                    }) }
                </ul>
            }
            // Folded while there is one service with nothing typed: ticking needs comes first.
            <details class="service-details" open={d.is_system() || !d.services[at].name.is_empty()}>
                <summary>{match n {
                    1 => "Its name, and the data it owns and reads".to_string(),
                    _ => format!("{}: name, data and order", d.services[at].display_name(at)),
                }}</summary>
                {text_field(state, Field::Name, &d.services[at].name, name_help(d, at), dispatch)}
                {text_field(state, Field::Owns, &comma_list(&mut d.services[at].owns.iter().map(String::as_str)), owns_help(d, at), dispatch)}
                {text_field(state, Field::Reads, &comma_list(&mut d.services[at].reads.iter().map(String::as_str)), reads_help(d, at), dispatch)}
                <div class="actions service-actions">
                    <button type="button" id="service-duplicate" onclick={on(dispatch, || Action::DuplicateService)} disabled={full}>{"Duplicate"}</button>
                    if n > 1 {
                        <button type="button" id="service-up" onclick={on(dispatch, || Action::MoveService(true))} disabled={at == 0}>{"Move up"}</button>
                        <button type="button" id="service-down" onclick={on(dispatch, || Action::MoveService(false))} disabled={at + 1 == n}>{"Move down"}</button>
                        <button type="button" id="service-remove" onclick={on(dispatch, || Action::RemoveService)}>{"Remove"}</button>
                    }
                </div>
            </details>
            <p class="undo" role="status">
                if let Some(undo) = state.undo.as_ref().filter(|u| u.in_services) {
                    {undo.said.clone()}{" "}<button type="button" id="service-undo" class="link" onclick={on(dispatch, || Action::Undo)}>{"Undo"}</button>
                }
            </p>
        </div>
    }
}

/// A button's click: one closure type for every button that sends an action made from nothing.
fn on(dispatch: &Dispatch, make: fn() -> Action) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.dispatch(make()))
}

fn raw(html: String) -> Html {
    Html::from_html_unchecked(html.into())
}

/// A text field that commits on `change` and keeps what is typed meanwhile (`AppState::drafts`). `help`: the
/// line under it, as HTML; a warning when it starts with `!`.
pub fn text_field(
    state: &AppState,
    field: Field,
    value: &str,
    help: String,
    dispatch: &Dispatch,
) -> Html {
    let (typed, commit) = {
        let (d1, d2) = (dispatch.clone(), dispatch.clone());
        let text = |e: &Event| {
            e.target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|input| input.value())
        };
        (
            Callback::from(move |e: InputEvent| {
                if let Some(t) = text(&e) {
                    d1.dispatch(Action::Draft(field, t));
                }
            }),
            Callback::from(move |e: Event| {
                if let Some(t) = text(&e) {
                    d2.dispatch(Action::Commit(field, t));
                }
            }),
        )
    };
    let id = field.id();
    let help_id = format!("{id}-help");
    let (label, placeholder) = match field {
        Field::Title => ("Decision title", "e.g. Orders service storage"),
        Field::Name => ("Name", "e.g. Orders"),
        Field::Owns => ("Data it owns (the source of truth)", "e.g. Order, Invoice"),
        Field::Reads => (
            "Data it reads from other services",
            "e.g. Customer, Product",
        ),
    };
    let mut help = help;
    if let Some(note) = state.note(field) {
        help = format!("!{}", escape_html(note));
    }
    let warn = help.starts_with('!');
    let shown = state.field_text(field).unwrap_or(value).to_string();
    html! {
        <div class="text-field">
            <label for={id}>{label}</label>
            <input {id} type="text" {placeholder} value={shown} oninput={typed} onchange={commit}
                aria-describedby={help_id.clone()} aria-invalid={warn.then_some("true")} />
            if warn {
                {raw(format!("<p class=\"field-note warning\" id=\"{help_id}\">{}</p>", &help[1..]))}
            } else {
                {raw(format!("<p class=\"help\" id=\"{help_id}\">{help}</p>"))}
            }
        </div>
    }
}

/// Under the name: how an unnamed service is shown, or that another service has the same name.
fn name_help(d: &Decision, at: usize) -> String {
    let s = &d.services[at];
    if d.name_taken(at) {
        return format!(
            "!Another service is also called \u{201c}{}\u{201d}: rename one, so the advice and the exports tell them apart.",
            escape_html(&s.name)
        );
    }
    if s.name.is_empty() && d.services.len() > 1 {
        return format!("Unnamed: shown as \u{201c}Service {}\u{201d}.", at + 1);
    }
    String::new()
}

/// Under the owned data: every entity another service owns too (each entity has exactly one owner).
fn owns_help(d: &Decision, at: usize) -> String {
    let mut clashes = String::new();
    for entity in &d.services[at].owns {
        if let Some(&other) = d.other_owners(at, entity).first() {
            if !clashes.is_empty() {
                clashes.push_str("; ");
            }
            clashes.push_str(&format!(
                "\u{201c}{}\u{201d} is also owned by {}",
                escape_html(entity),
                escape_html(&d.services[other].display_name(other))
            ));
        }
    }
    match clashes.is_empty() {
        true => "The entities this service alone changes, separated by commas.".into(),
        false => format!(
            "!{clashes}: each piece of data has exactly one owner. Choose one; the other reads it."
        ),
    }
}

/// Under the data it reads: any entity no service owns yet.
fn reads_help(d: &Decision, at: usize) -> String {
    let owned = |e: &&String| (d.services.iter()).any(|s| s.owns.iter().any(|o| same_entity(o, e)));
    if let Some(orphan) = d.services[at].reads.iter().find(|e| !owned(e)) {
        return format!(
            "!No service owns \u{201c}{}\u{201d} yet: add it to the data of the service that changes it.",
            escape_html(orphan)
        );
    }
    "Entities it gets from their owners, separated by commas.".into()
}
