//! Dismissable notices: a link that named unknown requirements, storage that is blocked, and the like.

use super::Dispatch;
use crate::state::{Action, Notice};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<Notice>,
    pub dispatch: Dispatch,
}

#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    html! {
        <div class="notices" role="status">
            { for props.notices.iter().enumerate().map(|(index, notice)| {
                let dispatch = props.dispatch.clone();
                let dismiss = Callback::from(move |_| dispatch.dispatch(Action::Dismiss(index)));
                html! {
                    <div class={classes!("notice", notice.error.then_some("error"))} data-notice="">
                        <p>{&notice.text}</p>
                        <button type="button" class="link" onclick={dismiss} aria-label="Dismiss this notice">{"Dismiss"}</button>
                    </div>
                }
            }) }
        </div>
    }
}
