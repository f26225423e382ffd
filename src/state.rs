//! The app's state and the one place it changes (`Reducible`). Components only send `Action`s.

use std::rc::Rc;
use strata_core::boundary::Embed;
use strata_core::decision::Decision;
use strata_core::engine::Requirements;
use yew::Reducible;

/// A message shown above the results until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppState {
    pub decision: Decision,
    /// Embed mode (`#embed`): no page chrome, for iframes in wikis.
    pub embed: bool,
    pub notices: Vec<Notice>,
    /// Feedback of the last share or export action.
    pub action_status: String,
    /// Text for the user to copy by hand when the clipboard refused.
    pub manual_copy: Option<String>,
    pub embed_dialog: EmbedDialog,
    /// The decision a preset or "Clear all" replaced, while it can be brought back, and what to say about it.
    pub undo: Option<(Box<Decision>, String)>,
}

/// The Embed dialog's content, made each time it opens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedDialog {
    /// `None` while the on-demand module makes it.
    pub content: Option<Result<Embed, String>>,
    /// The feedback of the last Copy button: the snippet's index and what happened.
    pub copied: Option<(usize, String)>,
}

pub enum Action {
    /// Ticks the requirement if unticked, unticks it otherwise.
    Toggle(String),
    /// Replaces the ticks (a preset). With a notice, the user's own ticks were replaced: Undo can bring them back.
    SetRequirements(Requirements, Option<String>),
    /// Unticks everything and forgets checklist edits; with a notice, as for a preset.
    ClearAll(Option<String>),
    /// Brings back the decision the last preset or "Clear all" replaced.
    Undo,
    /// The user's own tick state for a checklist item.
    SetChecklist(String, bool),
    SetTitle(String),
    /// Replaces the whole decision (a link or stored decision was opened).
    Restore(Box<Decision>),
    SetEmbed(bool),
    Notify(Notice),
    Dismiss(usize),
    /// The outcome of a share or export action: feedback, and text to copy by hand if the clipboard refused.
    Feedback(String, Option<String>),
    Embed(EmbedDialog),
    SnippetCopied(usize, String),
}

impl Reducible for AppState {
    type Action = Action;

    // Always returns a new `Rc`: Yew 0.23 skips re-rendering when `reduce` returns the same one.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        // Undo brings back what a preset or "Clear all" replaced, as long as nothing else changed the decision.
        if matches!(
            action,
            Action::Toggle(_) | Action::SetChecklist(..) | Action::SetTitle(_) | Action::Restore(_)
        ) {
            next.undo = None;
        }
        match action {
            Action::Toggle(id) => {
                let reqs = next.decision.requirements_mut();
                if !reqs.remove(&id) {
                    reqs.insert(id);
                }
            }
            Action::SetRequirements(reqs, said) => {
                next.undo = said.map(|said| (Box::new(self.decision.clone()), said));
                *next.decision.requirements_mut() = reqs;
            }
            Action::ClearAll(said) => {
                next.undo = said.map(|said| (Box::new(self.decision.clone()), said));
                next.decision.requirements_mut().clear();
                next.decision.checklist.clear();
            }
            Action::Undo => {
                if let Some((decision, _)) = next.undo.take() {
                    next.decision = *decision;
                }
            }
            Action::SetChecklist(id, ticked) => {
                next.decision.checklist.insert(id, ticked);
            }
            Action::SetTitle(title) => {
                next.decision.title = strata_core::decision::clean_name(&title)
            }
            Action::Restore(decision) => next.decision = *decision,
            Action::SetEmbed(embed) => next.embed = embed,
            Action::Notify(notice) => {
                if !next.notices.contains(&notice) {
                    next.notices.push(notice);
                }
            }
            Action::Feedback(status, manual) => {
                next.action_status = status;
                next.manual_copy = manual;
            }
            Action::Embed(dialog) => next.embed_dialog = dialog,
            Action::SnippetCopied(index, said) => next.embed_dialog.copied = Some((index, said)),
            Action::Dismiss(index) => {
                if index < next.notices.len() {
                    next.notices.remove(index);
                }
            }
        }
        Rc::new(next)
    }
}
