//! The user's decision: what is ticked for each service, the title, and checklist edits.
//!
//! Plain data with no browser dependency. It is what the link, storage and exports carry; the
//! recommendation is always derived from it, never stored.

use crate::engine::Requirements;

/// Most services a decision may hold; bounds what a link can make the app allocate.
pub const MAX_SERVICES: usize = 16;
/// Longest title or service name kept, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Most entities a service may list as owned, and as read.
pub const MAX_ENTITIES: usize = 24;
/// Longest entity name kept, in characters.
pub const MAX_ENTITY_CHARS: usize = 60;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Service {
    /// User-typed; empty means "unnamed".
    pub name: String,
    pub requirements: Requirements,
    /// Entities this service is the source of truth for (`Order`, `Customer`), as typed.
    pub owns: Vec<String>,
    /// Entities it reads from other services.
    pub reads: Vec<String>,
}

impl Service {
    /// Adds entities typed as a comma-separated list, cleaned, without duplicates (compared ignoring case and
    /// surrounding space), up to `MAX_ENTITIES`. Returns how many were left out for the limit.
    pub fn add_entities(list: &mut Vec<String>, typed: &str) -> usize {
        let mut left_out = 0;
        for name in typed.split(',').map(clean_entity).filter(|n| !n.is_empty()) {
            if list.iter().any(|e| same_entity(e, &name)) {
                continue;
            }
            if list.len() >= MAX_ENTITIES {
                left_out += 1;
            } else {
                list.push(name);
            }
        }
        left_out
    }

    /// The name to show: as typed, or "Service N" (1-based) when unnamed.
    pub fn display_name(&self, index: usize) -> String {
        if self.name.is_empty() {
            format!("Service {}", index + 1)
        } else {
            self.name.clone()
        }
    }
}

/// An entity name as kept: one line, at most `MAX_ENTITY_CHARS` characters, no commas (they separate names).
/// Spaces are collapsed before the name is cut, so one name cuts the same wherever it stands in a typed list
/// ("Order, Customer" and "Customer" give the same `Customer`, however long it is).
pub fn clean_entity(raw: &str) -> String {
    let spaced = raw
        .chars()
        .map(|c| if c.is_control() || c == ',' { ' ' } else { c })
        .collect::<String>();
    let mut words = String::with_capacity(spaced.len());
    crate::text::push_list(
        &mut words,
        &mut spaced.split_whitespace(),
        (" ", " "),
        String::push_str,
    );
    let cut: String = words.chars().take(MAX_ENTITY_CHARS).collect();
    cut.trim_end().to_string()
}

/// Whether two entity names mean the same entity: `Order` and ` order ` do. Case is compared in ASCII only
/// (Unicode case tables would cost the first load about 4 KB for a rare case).
pub fn same_entity(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub title: String,
    /// Never empty: the first service is the one the picker edits.
    pub services: Vec<Service>,
    /// Checklist items the user ticked (`true`) or unticked (`false`) against the engine's pre-fill.
    pub checklist: ChecklistEdits,
}

impl Default for Decision {
    fn default() -> Self {
        Decision {
            title: String::new(),
            services: vec![Service::default()],
            checklist: ChecklistEdits::default(),
        }
    }
}

impl Decision {
    /// The requirements of the first service, which the picker edits.
    pub fn requirements(&self) -> &Requirements {
        static NONE: Requirements = Requirements::new();
        self.services.first().map_or(&NONE, |s| &s.requirements)
    }

    pub fn requirements_mut(&mut self) -> &mut Requirements {
        if self.services.is_empty() {
            self.services.push(Service::default());
        }
        &mut self.services[0].requirements
    }
}

/// Trims user-typed text to one line of at most `MAX_NAME_CHARS` characters.
pub fn clean_name(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_NAME_CHARS)
        .collect::<String>()
        .trim()
        .to_string()
}

/// The user's own ticks (`true`) and unticks (`false`) of checklist items, by item id, sorted by id.
/// A sorted `Vec` rather than a `BTreeMap`, for the same reason as `Requirements`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChecklistEdits(Vec<(String, bool)>);

impl ChecklistEdits {
    pub fn insert(&mut self, id: String, ticked: bool) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&id)) {
            Ok(at) => self.0[at].1 = ticked,
            Err(at) => self.0.insert(at, (id, ticked)),
        }
    }

    pub fn get(&self, id: &str) -> Option<&bool> {
        let at = self.0.binary_search_by(|(k, _)| k.as_str().cmp(id)).ok()?;
        Some(&self.0[at].1)
    }

    /// Edits in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &bool)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}
