//! The seed's checklist as real checkboxes: pre-ticked where the decision answers an item, editable.

use super::Dispatch;
use crate::state::Action;
use strata_core::decision::ChecklistEdits;
use strata_core::engine::ChecklistItem;
use yew::prelude::*;

/// `edits` are the user's own ticks and unticks, by item id.
pub fn checklist(items: &[ChecklistItem], edits: &ChecklistEdits, dispatch: &Dispatch) -> Html {
    let scope = |scope: &str, title: &str| {
        html! {
            <>
                <h3>{title}</h3>
                <ul>{ for items.iter().filter(|i| i.scope == scope).map(|item| checklist_item(edits, dispatch, item)) }</ul>
            </>
        }
    };
    html! {
        <section class="checklist panel" aria-labelledby="checklist-title" id="checklist">
            <h2 id="checklist-title">{"Checklist"}</h2>
            <p class="count">{"Items the recommendations answer are ticked for you; tick the rest as you settle them."}</p>
            {scope("service", "For each service")}
            {scope("system", "For the system")}
        </section>
    }
}

fn checklist_item(edits: &ChecklistEdits, dispatch: &Dispatch, item: &ChecklistItem) -> Html {
    let ticked = edits.get(item.id).copied().unwrap_or(item.answer.is_some());
    let input_id = format!("check-{}", item.id);
    let dispatch = dispatch.clone();
    let id = item.id.to_string();
    let onchange =
        Callback::from(move |_| dispatch.dispatch(Action::SetChecklist(id.clone(), !ticked)));
    html! {
        <li>
            <input type="checkbox" id={input_id.clone()} checked={ticked} {onchange} />
            <label for={input_id}>{item.question}</label>
            if let Some(answer) = &item.answer {
                <span class="answer">{answer}</span>
            }
        </li>
    }
}
