//! An organisation's catalogue: a typed overlay on the built-in one, and `apply`, which merges the two.
//!
//! An overlay names the organisation and its review date, adds notes and links to internal documents, changes
//! the example systems of store kinds (remove, rename, add; a status `adopt`, `trial` or `hold`; managed
//! services per cloud; notes and links) and sets rule weights within `WEIGHT_BOUNDS`. `apply` checks every
//! change against the catalogue it is applied to and reports each problem with its place in the overlay file
//! (`stores[0].systems[1].name: …`), then runs the catalogue's own `validate` on the result. Pure: the JSON
//! reader is `overlay::read` (feature `json`). The format, field by field: docs/CATALOG.md.

#[cfg(feature = "json")]
mod read;

#[cfg(feature = "json")]
pub use read::{load, read};

use super::model::{Catalog, Link, List, Organisation, Rule, StoreKind, System, Text};
use super::validate::{is_date, options, quote, url_problem, validate, MAX_SYSTEMS, WEIGHT_BOUNDS};
use super::{Index, IndexCell};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// The largest overlay file read (an organisation's catalogue is a few kilobytes).
pub const MAX_OVERLAY_BYTES: usize = 1_000_000;

/// "912 bytes", "34.5 KB", "20.0 MB" (in whole tenths, without floating point: its formatting would cost the
/// app, which says this before it hands a file to the on-demand module, about 8 KB).
fn size_text(bytes: u64) -> String {
    let (unit, name) = match bytes {
        0..1_000 => return format!("{bytes} bytes"),
        1_000..1_000_000 => (1_000, "KB"),
        _ => (1_000_000, "MB"),
    };
    let tenths = (bytes * 10 + unit / 2) / unit;
    format!("{}.{} {name}", tenths / 10, tenths % 10)
}

/// Refuses a file of `len` bytes if it is too large: call it with the file's size before reading the file.
pub fn check_size(len: u64) -> Result<(), OverlayError> {
    match too_large(len) {
        None => Ok(()),
        Some(message) => Err(OverlayError {
            kind: OverlayErrorKind::TooLarge,
            path: String::new(),
            position: None,
            message,
        }),
    }
}

/// Why a file of `len` bytes is too large to be an organisation catalogue, if it is: the app says it before it
/// hands a file to the on-demand module, which reads it.
pub fn too_large(len: u64) -> Option<String> {
    (len > MAX_OVERLAY_BYTES as u64).then(|| {
        format!(
            "the file is {} ({len} bytes); an organisation catalogue may be at most {} — is this the right file?",
            size_text(len),
            size_text(MAX_OVERLAY_BYTES as u64)
        )
    })
}

/// The overlay format this version of Strata reads.
pub const OVERLAY_FORMAT: u32 = 1;
/// Longest organisation or system name (names are shown in labels and on cards).
pub const MAX_NAME: usize = 80;
/// Longest note, link title or rule explanation.
pub const MAX_TEXT: usize = 1000;
/// Problems reported at most; the rest are counted in one last message.
pub const MAX_ERRORS: usize = 20;

/// An organisation's changes to Strata's built-in catalogue (docs/CATALOG.md describes each field).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "Strata organisation catalogue (overlay)")
)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// Where editors find this format's JSON Schema; Strata ignores it.
    #[serde(rename = "$schema", default)]
    pub schema: String,
    /// The overlay format: 1.
    #[serde(default = "format_one")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1)))]
    pub format: u32,
    /// The organisation's name for its catalogue (`Acme` is shown as "Catalogue: Acme 2026-11").
    pub name: String,
    /// The organisation's own version of its catalogue (`2026-11`, `3`); optional.
    #[serde(default)]
    pub version: String,
    /// When the organisation last reviewed it (YYYY-MM-DD).
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
    )]
    pub reviewed: String,
    /// Notes for everyone who uses the catalogue.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Links to internal documents (http or https only).
    #[serde(default)]
    pub links: Vec<Link>,
    /// Changes to the example systems of store kinds, at most one entry per store kind.
    #[serde(default)]
    pub stores: Vec<StoreChanges>,
    /// Rule weights to set (or rules to add), each within the weight bounds.
    #[serde(default)]
    pub rules: Vec<RuleWeight>,
}

fn format_one() -> u32 {
    OVERLAY_FORMAT
}

/// An overlay of the current format that changes nothing (its name and date still to be given).
impl Default for Overlay {
    fn default() -> Overlay {
        Overlay {
            schema: String::new(),
            format: OVERLAY_FORMAT,
            name: String::new(),
            version: String::new(),
            reviewed: String::new(),
            notes: Vec::new(),
            links: Vec::new(),
            stores: Vec::new(),
            rules: Vec::new(),
        }
    }
}

/// Changes to one store kind's example systems, applied in this order: remove, rename, add, then `systems`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StoreChanges {
    /// A store kind id: relational, document, key-value, graph, time-series, search, columnar, object-store, log.
    pub store: String,
    /// Systems to take off the list, by name.
    #[serde(default)]
    pub remove: Vec<String>,
    /// Systems to rename (their details follow them).
    #[serde(default)]
    pub rename: Vec<Rename>,
    /// New systems, appended to the list, with what is known of them.
    #[serde(default)]
    pub add: Vec<System>,
    /// What the organisation says about systems already on the list (by their name after renaming): a status
    /// replaces the old one, managed services replace those of the clouds given, notes and links are added.
    #[serde(default)]
    pub systems: Vec<System>,
}

/// A system's new name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub from: String,
    pub to: String,
}

/// "Ticking `requirement` pushes `option` of `section` by `weight`": sets the weight of the catalogue's rule
/// with that requirement, section and option, or adds one (which then needs `why`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleWeight {
    /// A requirement id (`acid`, `sql-expertise`, …).
    pub requirement: String,
    /// primary-store, store, consistency, replication, pattern or migration (the consistency level takes no
    /// rules: it follows from the model and the replication).
    pub section: String,
    /// An option of that section (`relational`, `eventual`, `primary-replica-semi-sync`, …).
    pub option: String,
    /// From -10 to 10, not 0.
    #[cfg_attr(
        feature = "schema",
        schemars(range(min = WEIGHT_BOUNDS.0, max = WEIGHT_BOUNDS.1))
    )]
    pub weight: i32,
    /// Why, in the card's words: replaces the built-in rule's reason if given; required for a new rule.
    #[serde(default)]
    pub why: String,
}

/// What went wrong with an overlay file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverlayErrorKind {
    /// Over `MAX_OVERLAY_BYTES`: refused before reading.
    TooLarge,
    /// Not JSON (or not UTF-8 text).
    Syntax,
    /// JSON of the wrong shape: a wrong type, an unknown, missing or duplicate field.
    Shape,
    /// Well-formed, but it does not fit the catalogue: unknown ids, duplicates, bounds, dates, addresses.
    Content,
}

/// One problem with an overlay file, with its place and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverlayError {
    pub kind: OverlayErrorKind,
    /// The place in the file as a JSON path (`stores[0].systems[1].status`); empty for the file as a whole.
    pub path: String,
    /// Line and column (from 1), when the reader knows them (syntax and shape errors).
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl OverlayError {
    fn content(path: impl Into<String>, message: impl Into<String>) -> OverlayError {
        OverlayError {
            kind: OverlayErrorKind::Content,
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for OverlayError {
    /// `stores[0].store: unknown store kind 'x' …`, `line 3, column 14: expected …`,
    /// `rules[0].weight: invalid type: … (line 9, column 17)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.kind, self.position) {
            (OverlayErrorKind::Syntax, Some((line, column))) => {
                write!(f, "line {line}, column {column}: {}", self.message)
            }
            (_, position) => {
                if !self.path.is_empty() {
                    write!(f, "{}: ", self.path)?;
                }
                f.write_str(&self.message)?;
                match position {
                    Some((line, column)) => write!(f, " (line {line}, column {column})"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl std::error::Error for OverlayError {}

/// The problems found so far, capped at `MAX_ERRORS`.
#[derive(Default)]
struct Problems {
    list: Vec<OverlayError>,
    more: usize,
}

impl Problems {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.list.len() < MAX_ERRORS {
            self.list.push(OverlayError::content(path, message));
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Result<(), Vec<OverlayError>> {
        if self.more > 0 {
            let n = self.more;
            let s = if n == 1 { "" } else { "s" };
            self.list.push(OverlayError::content(
                "",
                format!("and {n} more problem{s} not listed"),
            ));
        }
        if self.list.is_empty() {
            Ok(())
        } else {
            Err(self.list)
        }
    }
}

/// The catalogue `builtin` with `overlay` applied, checked as a whole; or every problem found (at most
/// `MAX_ERRORS`), each naming its place in the overlay. `builtin` is left as it was.
pub fn apply(builtin: &Catalog, overlay: &Overlay) -> Result<Catalog, Vec<OverlayError>> {
    let mut problems = Problems::default();
    let mut cat = builtin.clone();
    header(overlay, &mut problems);
    // Lists are looked up, not compared pairwise: a 1 MB file can hold tens of thousands of entries.
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, changes) in overlay.stores.iter().enumerate() {
        let j = *first.entry(changes.store.as_str()).or_insert(i);
        if j != i {
            problems.add(
                format!("stores[{i}].store"),
                format!(
                    "{} is already changed by stores[{j}]: put all changes to a store kind in one entry",
                    quote(&changes.store)
                ),
            );
            continue;
        }
        match cat.stores.iter_mut().find(|k| k.id == changes.store) {
            Some(kind) => store(kind, &format!("stores[{i}]"), changes, &mut problems),
            None => {
                let known: Vec<&str> = builtin.stores.iter().map(|k| k.id.as_ref()).collect();
                problems.add(
                    format!("stores[{i}].store"),
                    format!(
                        "unknown store kind {} (the store kinds: {})",
                        quote(&changes.store),
                        known.join(", ")
                    ),
                );
            }
        }
    }
    rules(&mut cat, overlay, &mut problems);
    problems.finish()?;
    cat.organisation = Some(Organisation {
        name: overlay.name.trim().to_string().into(),
        version: overlay.version.trim().to_string().into(),
        reviewed: overlay.reviewed.clone().into(),
        notes: texts(&overlay.notes),
        links: overlay.links.iter().cloned().collect(),
    });
    // The checks above name places in the overlay; this one guards the merged whole, and should never fire.
    let whole = |message: String| {
        vec![OverlayError::content(
            "",
            format!("the merged catalogue does not hang together: {message}"),
        )]
    };
    validate(&cat).map_err(whole)?;
    let index = Index::build(&cat).ok_or_else(|| whole("its index cannot be built".into()))?;
    // Anything looked up while merging built the index of the unmerged catalogue: replace it.
    cat.index = IndexCell::built(index);
    Ok(cat)
}

/// A name shown on cards and labels: not blank, not too long, no control characters.
fn name_problem(name: &str) -> Option<String> {
    if name.trim().is_empty() {
        Some("a name cannot be empty".into())
    } else if name.chars().count() > MAX_NAME {
        Some(format!(
            "{} is longer than {MAX_NAME} characters",
            quote(name)
        ))
    } else if name.chars().any(char::is_control) {
        Some(format!("{} contains control characters", quote(name)))
    } else {
        None
    }
}

fn text_problems(path: &str, what: &str, list: &[Text], problems: &mut Problems) {
    for (i, text) in list.iter().enumerate() {
        if text.trim().is_empty() {
            problems.add(format!("{path}[{i}]"), format!("empty {what}"));
        } else if text.chars().count() > MAX_TEXT {
            problems.add(
                format!("{path}[{i}]"),
                format!("the {what} is longer than {MAX_TEXT} characters"),
            );
        }
    }
}

fn link_problems(path: &str, links: &[Link], problems: &mut Problems) {
    for (i, link) in links.iter().enumerate() {
        let at = format!("{path}links[{i}]");
        if link.title.trim().is_empty() {
            problems.add(format!("{at}.title"), "a link needs a title");
        } else if link.title.chars().count() > MAX_TEXT {
            problems.add(
                format!("{at}.title"),
                format!("the title is longer than {MAX_TEXT} characters"),
            );
        }
        if let Some(problem) = url_problem(&link.url) {
            problems.add(format!("{at}.url"), problem);
        }
    }
}

/// The overlay's own fields: format, name, version, review date, notes and links.
fn header(overlay: &Overlay, problems: &mut Problems) {
    if overlay.format != OVERLAY_FORMAT {
        problems.add(
            "format",
            format!(
                "format {} is not supported: this Strata reads format {OVERLAY_FORMAT}",
                overlay.format
            ),
        );
    }
    if let Some(problem) = name_problem(&overlay.name) {
        problems.add("name", problem);
    }
    if overlay.version.chars().count() > MAX_NAME || overlay.version.chars().any(char::is_control) {
        problems.add(
            "version",
            format!("a version is at most {MAX_NAME} characters, without control characters"),
        );
    }
    if !is_date(&overlay.reviewed) {
        problems.add(
            "reviewed",
            format!(
                "{} is not a date written YYYY-MM-DD (e.g. 2026-11-20)",
                quote(&overlay.reviewed)
            ),
        );
    }
    text_problems("notes", "note", &texts(&overlay.notes), problems);
    link_problems("", &overlay.links, problems);
}

/// "'Postgres' is not a system of 'relational' (its systems: PostgreSQL, MySQL)".
fn not_a_system(kind: &StoreKind, name: &str) -> String {
    let listed = if kind.examples.is_empty() {
        "it has none left".to_string()
    } else {
        format!("its systems: {}", kind.examples.join(", "))
    };
    format!(
        "{} is not a system of '{}' ({listed})",
        quote(name),
        kind.id
    )
}

/// Checks a system entry (`add` or `systems`) whose name is already checked.
fn system_problems(path: &str, system: &System, problems: &mut Problems) {
    for (key, _, services) in system.managed.clouds() {
        for (i, service) in services.unwrap_or_default().iter().enumerate() {
            if let Some(problem) = name_problem(service) {
                problems.add(format!("{path}.managed.{key}[{i}]"), problem);
            }
        }
    }
    text_problems(&format!("{path}.notes"), "note", &system.notes, problems);
    link_problems(&format!("{path}."), &system.links, problems);
}

/// Merges what an overlay says about a system into its details (status and clouds replaced, notes and
/// links added).
fn merge(details: &mut System, said: &System) {
    if said.status.is_some() {
        details.status = said.status;
    }
    let m = &said.managed;
    for (to, from) in [
        (&mut details.managed.aws, &m.aws),
        (&mut details.managed.azure, &m.azure),
        (&mut details.managed.gcp, &m.gcp),
    ] {
        if from.is_some() {
            to.clone_from(from);
        }
    }
    details.notes.extend(said.notes.iter().cloned());
    details.links.extend(said.links.iter().cloned());
}

/// The details entry of example `name`, created empty if it has none.
fn details<'k>(kind: &'k mut StoreKind, name: &str) -> &'k mut System {
    let at = match kind.systems.iter().position(|s| s.name == name) {
        Some(at) => at,
        None => {
            kind.systems.push(System {
                name: name.to_string().into(),
                ..System::default()
            });
            kind.systems.len() - 1
        }
    };
    &mut kind.systems[at]
}

/// Applies one store kind's changes in order: remove, rename, add, describe.
fn store(kind: &mut StoreKind, at: &str, changes: &StoreChanges, problems: &mut Problems) {
    remove(kind, at, &changes.remove, problems);
    rename(kind, at, &changes.rename, problems);
    add(kind, at, &changes.add, problems);
    describe(kind, at, &changes.systems, problems);
}

fn remove(kind: &mut StoreKind, at: &str, names: &[String], problems: &mut Problems) {
    for (r, name) in names.iter().enumerate() {
        match kind.examples.iter().position(|e| e == name) {
            Some(p) => {
                kind.examples.remove(p);
                kind.systems.retain(|s| &s.name != name);
            }
            None => problems.add(format!("{at}.remove[{r}]"), not_a_system(kind, name)),
        }
    }
}

fn rename(kind: &mut StoreKind, at: &str, renames: &[Rename], problems: &mut Problems) {
    for (r, rename) in renames.iter().enumerate() {
        let path = format!("{at}.rename[{r}]");
        let Some(p) = kind.examples.iter().position(|e| *e == rename.from) else {
            problems.add(format!("{path}.from"), not_a_system(kind, &rename.from));
            continue;
        };
        if let Some(problem) = name_problem(&rename.to) {
            problems.add(format!("{path}.to"), problem);
        } else if rename.to != rename.from && kind.examples.iter().any(|e| *e == *rename.to) {
            problems.add(
                format!("{path}.to"),
                format!("{} is already a system of '{}'", quote(&rename.to), kind.id),
            );
        } else {
            kind.examples[p] = rename.to.clone().into();
            if let Some(d) = kind.systems.iter_mut().find(|s| *s.name == *rename.from) {
                d.name = rename.to.clone().into();
            }
        }
    }
}

/// New systems, appended, up to `MAX_SYSTEMS` per store kind.
fn add(kind: &mut StoreKind, at: &str, systems: &[System], problems: &mut Problems) {
    for (a, system) in systems.iter().enumerate() {
        let path = format!("{at}.add[{a}]");
        if kind.examples.len() >= MAX_SYSTEMS {
            problems.add(
                format!("{path}.name"),
                format!(
                    "'{}' would list more than {MAX_SYSTEMS} systems: remove some first",
                    kind.id
                ),
            );
            break;
        }
        if let Some(problem) = name_problem(&system.name) {
            problems.add(format!("{path}.name"), problem);
        } else if kind.examples.contains(&system.name) {
            problems.add(
                format!("{path}.name"),
                format!(
                    "{} is already a system of '{}': describe it under systems",
                    quote(&system.name),
                    kind.id
                ),
            );
        } else {
            system_problems(&path, system, problems);
            kind.examples.push(system.name.clone());
            kind.systems.push(system.clone());
        }
    }
}

/// What the overlay says about systems on the list, merged into their details.
fn describe(kind: &mut StoreKind, at: &str, systems: &[System], problems: &mut Problems) {
    let mut described: HashMap<&str, usize> = HashMap::new();
    for (j, system) in systems.iter().enumerate() {
        let path = format!("{at}.systems[{j}]");
        let i = *described.entry(system.name.as_ref()).or_insert(j);
        if i != j {
            problems.add(
                format!("{path}.name"),
                format!(
                    "{} is described twice (also in systems[{i}]): say it all in one entry",
                    quote(&system.name)
                ),
            );
        } else if !kind.examples.contains(&system.name) {
            let hint = "; to add a system, list it under add";
            problems.add(
                format!("{path}.name"),
                not_a_system(kind, &system.name) + hint,
            );
        } else {
            system_problems(&path, system, problems);
            merge(details(kind, &system.name), system);
        }
    }
}

/// A rule's requirement, section, option, weight and reason, checked against the catalogue's vocabulary and
/// bounds.
fn rule_problems(cat: &Catalog, at: &str, rule: &RuleWeight, problems: &mut Problems) {
    if cat.requirement(&rule.requirement).is_none() {
        problems.add(
            format!("{at}.requirement"),
            format!("unknown requirement {}", quote(&rule.requirement)),
        );
    }
    match options(cat, &rule.section) {
        _ if rule.section == "consistency-level" => problems.add(
            format!("{at}.section"),
            "the consistency level takes no rules: it follows from the consistency model and the replication",
        ),
        None => problems.add(
            format!("{at}.section"),
            format!(
                "unknown section {} (the sections: primary-store, store, consistency, replication, pattern, migration)",
                quote(&rule.section)
            ),
        ),
        Some(known) if !known.contains(&rule.option.as_str()) => problems.add(
            format!("{at}.option"),
            format!(
                "unknown option {} in section '{}' (its options: {})",
                quote(&rule.option),
                rule.section,
                known.join(", ")
            ),
        ),
        Some(_) => {}
    }
    let (low, high) = WEIGHT_BOUNDS;
    if !(low..=high).contains(&rule.weight) || rule.weight == 0 {
        problems.add(
            format!("{at}.weight"),
            format!(
                "{} is out of bounds (allowed: {low} to {high}, not 0)",
                rule.weight
            ),
        );
    }
    if rule.why.chars().count() > MAX_TEXT {
        problems.add(
            format!("{at}.why"),
            format!("the reason is longer than {MAX_TEXT} characters"),
        );
    }
}

/// Sets or adds the overlay's rules: each checked, none twice, a new one with its reason.
fn rules(cat: &mut Catalog, overlay: &Overlay, problems: &mut Problems) {
    type Key<'k> = (&'k str, &'k str, &'k str);
    let owned = |(requirement, section, option): Key| {
        (
            requirement.to_string(),
            section.to_string(),
            option.to_string(),
        )
    };
    let mut catalogue: HashMap<(String, String, String), usize> = cat
        .rules
        .iter()
        .enumerate()
        .map(|(n, r)| (owned((&r.requirement, &r.section, &r.option)), n))
        .collect();
    let mut seen: HashMap<Key, usize> = HashMap::new();
    for (r, rule) in overlay.rules.iter().enumerate() {
        let at = format!("rules[{r}]");
        let key = format!("{} → {}/{}", rule.requirement, rule.section, rule.option);
        let before = problems.list.len() + problems.more;
        rule_problems(cat, &at, rule, problems);
        let own: Key = (&rule.requirement, &rule.section, &rule.option);
        let j = *seen.entry(own).or_insert(r);
        if j != r {
            problems.add(at.clone(), format!("duplicates rules[{j}] ({key})"));
        }
        if problems.list.len() + problems.more > before {
            continue;
        }
        let found = catalogue.get(&owned(own)).copied();
        match found.and_then(|n| cat.rules.get_mut(n)) {
            Some(c) => {
                c.weight = rule.weight;
                if !rule.why.trim().is_empty() {
                    c.why = rule.why.clone().into();
                }
            }
            None if rule.why.trim().is_empty() => problems.add(
                format!("{at}.why"),
                format!("the catalogue has no rule {key}: a new rule needs a 'why'"),
            ),
            None => {
                catalogue.insert(owned(own), cat.rules.len());
                cat.rules.push(Rule {
                    requirement: rule.requirement.clone().into(),
                    section: rule.section.clone().into(),
                    option: rule.option.clone().into(),
                    weight: rule.weight,
                    why: rule.why.clone().into(),
                    only_with: List::default(),
                    unless: List::default(),
                });
            }
        }
    }
}

/// The overlay's owned strings as catalogue text.
fn texts(list: &[String]) -> List<Text> {
    list.iter().map(|t| Text::from(t.clone())).collect()
}
