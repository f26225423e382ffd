//! The parts of the page. Most are plain functions returning `Html` that render what they are given and send
//! `Action`s to the one reducer (`AppState`). Two are components with state of their own: a diagram
//! (`figure`: waiting, drawn or failed, and its buttons' feedback) and the Embed dialog (`embed`: its
//! snippets, made when it opens).

pub mod card;
pub mod checklist;
pub mod embed;
pub mod figure;
pub mod notices;
pub mod organisation;
pub mod picker;
pub mod results;
pub mod services;
pub mod system;
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
