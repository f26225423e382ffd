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
                let content = html! {
                    <>
                        <p>{&notice.text}</p>
                        <button type="button" class="link" onclick={dismiss} aria-label="Dismiss this notice">{"Dismiss"}</button>
                    </>
                };
                // Literal classes: a computed `class` brings Yew's `Classes` set into the bundle.
                if notice.error {
                    html! { <div class="notice error" data-notice="">{content}</div> }
                } else {
                    html! { <div class="notice" data-notice="">{content}</div> }
                }
            }) }
        </div>
    }
}
