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
/// Longest catalogue address kept from a link, in bytes.
pub const MAX_ADDRESS_BYTES: usize = 2048;

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
    /// Replaces the entities it owns (`owns`) or reads with a typed comma-separated list (see
    /// [`Service::add_entities`]). Returns whether all of it was kept: no name cut to `MAX_ENTITY_CHARS`,
    /// none left out for `MAX_ENTITIES`.
    pub fn set_entities(&mut self, owns: bool, typed: &str) -> bool {
        let list = if owns {
            &mut self.owns
        } else {
            &mut self.reads
        };
        list.clear();
        // A name's length as kept: its words and one space between each.
        let kept_len = |n: &str| {
            n.split_whitespace()
                .map(|w| w.chars().count() + 1)
                .sum::<usize>()
        };
        let cut = typed.split(',').any(|n| kept_len(n) > MAX_ENTITY_CHARS + 1);
        Service::add_entities(list, typed) == 0 && !cut
    }

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
    /// The address of the organisation catalogue the link names (`catalog=`, relative to the page), so a wiki
    /// can host one next to the bundle; empty: none.
    pub catalogue: String,
}

impl Default for Decision {
    fn default() -> Self {
        Decision {
            title: String::new(),
            services: vec![Service::default()],
            checklist: ChecklistEdits::default(),
            catalogue: String::new(),
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
        &mut self.service_mut(0).requirements
    }

    /// Service `i`, or the last one if there is no such service (there is always one: see `services`).
    pub fn service_mut(&mut self, i: usize) -> &mut Service {
        if self.services.is_empty() {
            self.services.push(Service::default());
        }
        let last = self.services.len() - 1;
        &mut self.services[i.min(last)]
    }

    /// Whether there is a system to advise on: several services, or data ownership filled in.
    pub fn is_system(&self) -> bool {
        self.services.len() > 1
            || (self.services.iter()).any(|s| !s.owns.is_empty() || !s.reads.is_empty())
    }

    /// Adds an unnamed service at the end and returns its index; `None` at `MAX_SERVICES`.
    pub fn add_service(&mut self) -> Option<usize> {
        (self.services.len() < MAX_SERVICES).then(|| {
            self.services.push(Service::default());
            self.services.len() - 1
        })
    }

    /// Copies service `i` just after it, named "… (copy)", and returns the copy's index; `None` at
    /// `MAX_SERVICES` or for no such service. The copy has the same ticks and reads the same data, but owns
    /// nothing: each entity has exactly one owner.
    pub fn duplicate_service(&mut self, i: usize) -> Option<usize> {
        if self.services.len() >= MAX_SERVICES {
            return None;
        }
        let mut copy = self.services.get(i)?.clone();
        copy.name = clean_name(&format!("{} (copy)", copy.display_name(i)));
        copy.owns.clear();
        self.services.insert(i + 1, copy);
        Some(i + 1)
    }

    /// Moves service `i` one place towards the first (`up`) or the last, and returns where it is now.
    pub fn move_service(&mut self, i: usize, up: bool) -> usize {
        let to = if up { i.saturating_sub(1) } else { i + 1 };
        if i < self.services.len() && to < self.services.len() {
            self.services.swap(i, to);
            return to;
        }
        i
    }

    /// Removes service `i` and returns it; the last service left is never removed.
    pub fn remove_service(&mut self, i: usize) -> Option<Service> {
        (self.services.len() > 1 && i < self.services.len()).then(|| self.services.remove(i))
    }

    /// Whether another service has the same name as service `i` (ignoring case and surrounding space).
    pub fn name_taken(&self, i: usize) -> bool {
        let Some(name) = self.services.get(i).map(|s| &s.name) else {
            return false;
        };
        !name.is_empty()
            && (self.services.iter().enumerate()).any(|(j, s)| j != i && same_entity(&s.name, name))
    }

    /// The other services that own `entity` besides service `i`.
    pub fn other_owners(&self, i: usize, entity: &str) -> Vec<usize> {
        (self.services.iter().enumerate())
            .filter(|(j, s)| *j != i && s.owns.iter().any(|e| same_entity(e, entity)))
            .map(|(j, _)| j)
            .collect()
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
