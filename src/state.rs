//! The app's state and the one place it changes (`Reducible`). Components only send `Action`s.

mod services;

use std::rc::Rc;
use strata_core::boundary::{CatalogueInfo, Embed, SystemSection};
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
    /// The service the picker and the cards are for (an index into `decision.services`, always valid).
    pub selected: usize,
    /// Embed mode (`#embed`): no page chrome, for iframes in wikis.
    pub embed: bool,
    pub notices: Vec<Notice>,
    /// Feedback of the last share or export action.
    pub action_status: String,
    /// Text for the user to copy by hand when the clipboard refused.
    pub manual_copy: Option<String>,
    pub embed_dialog: EmbedDialog,
    /// What a preset, "Clear all" or removing a service replaced, while it can be brought back.
    pub undo: Option<Undo>,
    /// What is typed in a text field and not committed yet, by field. Yew puts an input's committed value
    /// back at every render, so a render while someone types (an answer arriving) would otherwise undo it.
    pub drafts: Vec<(Field, String)>,
    /// What the last commit of a field could not keep, said beside it (the field keeps what was typed).
    pub field_note: Option<(Field, String)>,
    pub system: SystemView,
    /// Whether the on-demand module explains the cards yet (it writes their bodies, with the catalogue in use).
    pub explainer: Explainer,
    /// The catalogue the module advises with: an organisation's once one is loaded.
    pub catalogue: CatalogueView,
    /// Where a services action moves the focus once the page shows its result (an element id).
    pub focus: Option<&'static str>,
    /// Printing: the page holds every service's cards, not only the selected one's.
    pub printing: bool,
}

impl AppState {
    /// The selected service's name as the page shows it ("Service 2" when unnamed).
    fn selected_name(&self) -> Option<String> {
        let at = self.selected;
        self.decision.services.get(at).map(|s| s.display_name(at))
    }

    /// What a text field shows: what is being typed in it, else the decision's value.
    pub fn field_text(&self, field: Field) -> Option<&str> {
        self.drafts
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, text)| text.as_str())
    }

    /// The note beside a field, if its last commit left something out.
    pub fn note(&self, field: Field) -> Option<&str> {
        self.field_note
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, note)| note.as_str())
    }
}

/// A decision that can be brought back, the service that was selected, and what to say about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undo {
    pub decision: Box<Decision>,
    pub selected: usize,
    pub said: String,
    /// Said in the services panel (a service was removed) rather than in the picker.
    pub in_services: bool,
}

/// The page's text fields (their element ids are public: tests and the focus use them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    /// The selected service's name, the entities it owns, those it reads.
    Name,
    Owns,
    Reads,
}

impl Field {
    pub fn id(self) -> &'static str {
        match self {
            Field::Title => "decision-title",
            Field::Name => "service-name",
            Field::Owns => "service-owns",
            Field::Reads => "service-reads",
        }
    }
}

/// The system section, made by the on-demand module from the decision's link fragment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SystemView {
    /// Asked for from now on: the on-demand module is there, the section came near the viewport, or the user
    /// added a service or data.
    pub wanted: bool,
    /// The fragment shown and the module's answer for it (kept, marked busy, while a newer one is made).
    pub shown: Option<(String, Result<SystemSection, String>)>,
}

/// The on-demand module as the cards' explainer: asked for at the first advice, then there, or not loadable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Explainer {
    #[default]
    Pending,
    Ready,
    Failed(String),
}

/// The catalogue in use and what loading one said.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogueView {
    /// The organisation's catalogue in use (`None`: the built-in one).
    pub organisation: Option<CatalogueInfo>,
    /// The address it was fetched from, when a link named it (the link keeps it).
    pub address: String,
    /// Counts the catalogues handed to the module: the advice is made again for each.
    pub generation: u32,
    /// A catalogue is being read or applied.
    pub busy: bool,
    /// The last file or address that could not be used, and why (every problem, each naming its place); the
    /// catalogue in use and the decision did not change.
    pub refused: String,
    pub problems: Vec<String>,
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
    /// Ticks the requirement for the selected service if unticked, unticks it otherwise.
    Toggle(String),
    /// Replaces the selected service's ticks (a preset). With a notice, the user's own ticks were replaced:
    /// Undo can bring them back.
    SetRequirements(Requirements, Option<String>),
    /// Unticks the selected service (and, with one service, forgets checklist edits); with a notice, as for a
    /// preset.
    ClearAll(Option<String>),
    /// Brings back the decision the last preset, "Clear all" or removal replaced.
    Undo,
    /// The user's own tick state for a checklist item.
    SetChecklist(String, bool),
    /// What is being typed in a field (not committed yet).
    Draft(Field, String),
    /// A field's text committed (its `change` event): the title, or the selected service's name or data.
    Commit(Field, String),
    /// Replaces the whole decision (a link or stored decision was opened).
    Restore(Box<Decision>),
    /// The services panel: edit another service, add one, copy, move or remove the selected one.
    Select(usize),
    AddService,
    DuplicateService,
    /// Moves the selected service up (`true`) or down.
    MoveService(bool),
    RemoveService,
    /// The system section is wanted (it came near the viewport).
    WantSystem,
    /// Printing starts (every service's cards in the page) or is over.
    Printing(bool),
    /// The module's system section for this fragment.
    System(String, Result<SystemSection, String>),
    /// The on-demand module is loaded (it explains the cards from now on), or why not.
    Explainer(Result<(), String>),
    /// A catalogue file or address is being read and applied.
    CatalogueBusy,
    /// The module now advises with this catalogue (`organisation: false`: the built-in one again), loaded from
    /// this address (the link keeps it; empty: a file, or the built-in catalogue).
    CatalogueInUse(CatalogueInfo, String),
    /// The file or address (named) could not be used: why, each problem with its place. Nothing else changes.
    CatalogueRefused(String, Vec<String>),
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
        next.focus = None;
        // Undo brings back what was replaced, as long as nothing else changed the decision since.
        if matches!(
            action,
            Action::Toggle(_)
                | Action::SetChecklist(..)
                | Action::Commit(..)
                | Action::Restore(_)
                | Action::AddService
                | Action::MoveService(_)
        ) {
            next.undo = None;
        }
        let selected = self.selected;
        let replaced = |said: Option<String>, in_services| {
            said.map(|said| Undo {
                decision: Box::new(self.decision.clone()),
                selected,
                said,
                in_services,
            })
        };
        match action {
            Action::Toggle(id) => {
                let reqs = &mut next.decision.service_mut(selected).requirements;
                if !reqs.remove(&id) {
                    reqs.insert(id);
                }
            }
            Action::SetRequirements(reqs, said) => {
                next.undo = replaced(said, false);
                next.decision.service_mut(selected).requirements = reqs;
            }
            Action::ClearAll(said) => {
                next.undo = replaced(said, false);
                next.decision.service_mut(selected).requirements.clear();
                if next.decision.services.len() == 1 {
                    next.decision.checklist.clear();
                }
            }
            Action::Undo => {
                if let Some(undo) = next.undo.take() {
                    next.decision = *undo.decision;
                    next.selected = undo.selected;
                    next.focus = undo.in_services.then_some("service-name");
                }
            }
            Action::SetChecklist(id, ticked) => {
                next.decision.checklist.insert(id, ticked);
            }
            Action::Draft(field, text) => {
                next.drafts.retain(|(f, _)| *f != field);
                next.drafts.push((field, text));
            }
            Action::Commit(field, text) => services::commit(&mut next, field, &text),
            Action::Restore(decision) => {
                next.decision = *decision;
                // A link without a catalogue leaves the one in use in use, and the link keeps naming it.
                if next.decision.catalogue.is_empty() {
                    next.decision.catalogue = next.catalogue.address.clone();
                }
                next.selected = 0;
                next.drafts.clear();
            }
            Action::RemoveService => {
                let name = self.selected_name();
                if let (Some(name), Some(_)) = (name, next.decision.remove_service(selected)) {
                    next.undo = replaced(Some(format!("Removed {name}.")), true);
                    services::select(&mut next, selected.saturating_sub(1), Some("service-undo"));
                }
            }
            Action::DuplicateService => {
                let name = self.selected_name();
                let owned = self
                    .decision
                    .services
                    .get(selected)
                    .is_some_and(|s| !s.owns.is_empty());
                services::edit(&mut next, action);
                if let (Some(name), true) = (name, next.selected != selected) {
                    let said = match owned {
                        true => format!(
                            "Copied {name}, without the data it owns: each entity has one owner."
                        ),
                        false => format!("Copied {name}."),
                    };
                    next.undo = replaced(Some(said), true);
                }
            }
            Action::Select(_) | Action::AddService | Action::MoveService(_) => {
                services::edit(&mut next, action)
            }
            Action::WantSystem => next.system.wanted = true,
            Action::Printing(printing) => next.printing = printing,
            Action::System(fragment, answer) => next.system.shown = Some((fragment, answer)),
            // With the module there (it explains the cards), the system section is asked for at once: it costs
            // no fetch, and the keyboard cannot Tab past it while it loads.
            Action::Explainer(Ok(())) => {
                next.explainer = Explainer::Ready;
                next.system.wanted = true;
            }
            Action::Explainer(Err(why)) => next.explainer = Explainer::Failed(why),
            Action::CatalogueBusy => {
                next.catalogue.busy = true;
                next.catalogue.problems.clear();
            }
            Action::CatalogueInUse(info, address) => {
                next.decision.catalogue = address.clone();
                let c = &mut next.catalogue;
                c.address = address;
                c.organisation = info.organisation.then_some(info);
                (c.busy, c.generation) = (false, c.generation.wrapping_add(1));
                c.problems.clear();
                next.explainer = Explainer::Ready;
            }
            Action::CatalogueRefused(what, problems) => {
                next.catalogue.busy = false;
                (next.catalogue.refused, next.catalogue.problems) = (what, problems);
            }
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
