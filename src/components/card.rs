//! One verdict card: its head and explained body (HTML made with the advice), and its diagram.
use super::figure::DiagramFigure;
use strata_core::advice::{CardView, NOT_ASSESSED};
use yew::prelude::*;

/// `embed` leaves out the diagram's buttons. The card is the target of the summary strip's link to it (its
/// id; focusable from there).
pub fn verdict_card(card: &CardView, embed: bool) -> Html {
    let content = html! {
        <>
            {Html::from_html_unchecked(card.html.clone().into())}
            if let Some(of) = card.diagram.clone() {
                <DiagramFigure {of} actions={!embed} />
            }
        </>
    };
    let role = (!card.role.is_empty()).then(|| card.role.clone());
    // The class as two literals: a computed `class` brings Yew's `Classes` set into the bundle.
    macro_rules! article {
        ($class:tt) => {
            html! {
                <article class=$class key={card.key.clone()}
                    aria-labelledby={card.title_id.clone()} id={card.id.clone()} tabindex="-1"
                    data-rec={card.section.clone()} data-choice={card.choice.clone()}
                    data-verdict={card.verdict.clone()} data-role={role}>
                    {content}
                </article>
            }
        };
    }
    if card.group == NOT_ASSESSED {
        article!("card unassessed")
    } else {
        article!("card")
    }
}
