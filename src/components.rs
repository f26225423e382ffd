//! The parts of the page, as plain functions returning `Html` (fewer component types keep the first load
//! small). Each renders what it is given and sends `Action`s; all state, even an action's feedback, lives in
//! `AppState`.

pub mod card;
pub mod checklist;
pub mod notices;
pub mod picker;
pub mod results;
pub mod toolbar;

use crate::state::AppState;
use std::ops::Deref;
use strata_core::catalog::Catalog;
use yew::UseReducerDispatcher;

/// The catalogue the page shows. Compared by address: a catalogue never changes while it is shown (one loaded
/// later, such as an organisation's, would be a new one).
#[derive(Clone, Copy, Debug)]
pub struct CatalogRef(pub &'static Catalog);

impl PartialEq for CatalogRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Deref for CatalogRef {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        self.0
    }
}

pub type Dispatch = UseReducerDispatcher<AppState>;
