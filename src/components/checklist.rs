//! The seed's checklist as real checkboxes: pre-ticked where the decision answers an item, editable.

use super::Dispatch;
use crate::state::Action;
use strata_core::advice::CheckView;
use strata_core::decision::ChecklistEdits;
use strata_core::export::escape_html;
use yew::prelude::*;

/// `edits` are the user's own ticks and unticks, by item id. With a `system`, its questions are answered in
/// the system section instead.
pub fn checklist(
    items: &[CheckView],
    edits: &ChecklistEdits,
    system: bool,
    dispatch: &Dispatch,
) -> Html {
    // Headings and labels are static text: HTML text, cheaper in wasm than Yew elements. The checkboxes are
    // Yew's (they have listeners).
    let scope = |system: bool, title: &'static str| {
        html! {
            <>
                {Html::from_html_unchecked(AttrValue::Static(title))}
                <ul>{ for items.iter().filter(|i| i.system == system).map(|item| checklist_item(edits, dispatch, item)) }</ul>
            </>
        }
    };
    html! {
        <section class="checklist panel" aria-labelledby="checklist-title" id="checklist">
            {Html::from_html_unchecked(AttrValue::Static(
                "<h2 id=\"checklist-title\">Checklist</h2><p class=\"count\">Items the recommendations answer are \
                 ticked for you; tick the rest as you settle them.</p>",
            ))}
            {scope(false, "<h3>For each service</h3>")}
            if !system {
                {scope(true, "<h3>For the system</h3>")}
            }
        </section>
    }
}

fn checklist_item(edits: &ChecklistEdits, dispatch: &Dispatch, item: &CheckView) -> Html {
    let ticked = edits
        .get(&item.id)
        .copied()
        .unwrap_or(item.answer.is_some());
    let input_id = format!("check-{}", item.id);
    let mut text = format!(
        "<label for=\"{input_id}\">{}</label>",
        escape_html(&item.question)
    );
    if let Some(answer) = &item.answer {
        text.push_str("<span class=\"answer\">");
        text.push_str(&escape_html(answer));
        text.push_str("</span>");
    }
    let dispatch = dispatch.clone();
    let id = item.id.clone();
    let onchange =
        Callback::from(move |_| dispatch.dispatch(Action::SetChecklist(id.clone(), !ticked)));
    html! {
        <li>
            <input type="checkbox" id={input_id} checked={ticked} {onchange} />
            {Html::from_html_unchecked(text.into())}
        </li>
    }
}
