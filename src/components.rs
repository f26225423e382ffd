//! The page's components. Each renders what it is given and sends `Action`s; none holds state of its own
//! beyond transient UI (an open dialog, a "copied" flash).

pub mod card;
pub mod checklist;
pub mod notices;
pub mod picker;
pub mod results;
pub mod toolbar;

use crate::catalog::Catalog;
use crate::state::AppState;
use std::ops::Deref;
use yew::UseReducerDispatcher;

/// The catalogue as a prop: compared by address, since it never changes while it is shown.
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

impl From<&'static Catalog> for CatalogRef {
    fn from(catalog: &'static Catalog) -> Self {
        CatalogRef(catalog)
    }
}

pub type Dispatch = UseReducerDispatcher<AppState>;
