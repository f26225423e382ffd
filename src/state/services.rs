//! The reducer's part for the services panel and the text fields: which service is edited, adding, copying
//! and moving services, and committing what was typed (with what could not be kept said beside the field).

use super::{Action, AppState, Field};
use strata_core::decision::{clean_name, MAX_ENTITIES, MAX_ENTITY_CHARS, MAX_NAME_CHARS};

/// Edits service `i` from now on: the fields show its values, and `focus` gets the focus once shown.
pub(super) fn select(next: &mut AppState, i: usize, focus: Option<&'static str>) {
    next.selected = i.min(next.decision.services.len().saturating_sub(1));
    next.drafts.clear();
    next.field_note = None;
    next.focus = focus;
}

/// Select, add, duplicate and move (remove is in the reducer: it sets Undo).
pub(super) fn edit(next: &mut AppState, action: Action) {
    let at = next.selected;
    let (to, focus) = match action {
        Action::Select(i) => (Some(i), None),
        Action::AddService => (next.decision.add_service(), Some("service-name")),
        Action::DuplicateService => (next.decision.duplicate_service(at), Some("service-name")),
        Action::MoveService(up) => {
            let to = next.decision.move_service(at, up);
            // At either end its button is disabled: the focus goes to the other one.
            let last = next.decision.services.len() - 1;
            let focus = match (up, to) {
                (true, 0) => Some("service-down"),
                (false, t) if t == last => Some("service-up"),
                _ => None,
            };
            (Some(to), focus)
        }
        _ => (None, None),
    };
    if let Some(to) = to {
        select(next, to, focus);
    }
    // Adding a service makes a system: its section follows from now on.
    next.system.wanted |= next.decision.services.len() > 1;
}

/// Commits a field's text. What cannot be kept whole (too long, too many entities) is committed as far as it
/// fits, and the field keeps the text as typed, with a note saying what was not kept.
pub(super) fn commit(next: &mut AppState, field: Field, text: &str) {
    next.drafts.retain(|(f, _)| *f != field);
    next.field_note = None;
    let at = next.selected;
    let note = match field {
        Field::Title | Field::Name => {
            let kept = clean_name(text);
            let cut = text.trim().chars().count() > MAX_NAME_CHARS;
            if field == Field::Title {
                next.decision.title = kept;
            } else {
                next.decision.service_mut(at).name = kept;
            }
            cut.then(|| {
                format!("Kept as its first {MAX_NAME_CHARS} characters; shorten it to choose where it ends.")
            })
        }
        Field::Owns | Field::Reads => {
            let service = next.decision.service_mut(at);
            let whole = service.set_entities(field == Field::Owns, text);
            next.system.wanted |= !text.trim().is_empty();
            (!whole).then(|| {
                format!(
                    "Not all kept: a service lists at most {MAX_ENTITIES} entities here, each at most \
                     {MAX_ENTITY_CHARS} characters long."
                )
            })
        }
    };
    if let Some(note) = note {
        next.drafts.push((field, text.to_string()));
        next.field_note = Some((field, note));
    }
}
