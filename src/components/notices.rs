//! Dismissable notices: a link that named unknown requirements, storage that is blocked, and the like.

use super::Dispatch;
use crate::state::{Action, Notice};
use yew::prelude::*;

/// Plain functions rather than components: fewer component types keep the first load small.
pub fn notices(notices: &[Notice], dispatch: &Dispatch) -> Html {
    html! {
        <div class="notices" role="status">
            { for notices.iter().enumerate().map(|(index, notice)| {
                let dispatch = dispatch.clone();
                let dismiss = Callback::from(move |_| dispatch.dispatch(Action::Dismiss(index)));
                html! {
                    <div class={if notice.error { "notice error" } else { "notice" }} data-notice="">
                        <p>{&notice.text}</p>
                        <button type="button" class="link" onclick={dismiss} aria-label="Dismiss this notice">{"Dismiss"}</button>
                    </div>
                }
            }) }
        </div>
    }
}
