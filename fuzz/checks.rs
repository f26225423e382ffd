//! What the fuzzers check, shared by the libFuzzer targets (`fuzz/fuzz_targets/*.rs`) and the smoke test
//! (`tests/fuzz_smoke.rs`), both of which include this file with `#[path]`.
//!
//! * `check_fragment`: `permalink::decode` never panics on any text, every notice and every reported unknown
//!   id is non-empty text, and decoding is stable: encoding what was decoded and decoding that again gives the
//!   same link (a fixed point after one round).
//! * `check_catalog`: `Catalog::from_json` never panics, and every `Err` displays a non-empty message that says
//!   where the problem is: a line and column for syntax errors, a path (`stores[3].examples[1]: …`), a field
//!   name or a quoted id for the rest.
//! * `edited_catalog`: turns fuzz bytes into structural edits of the real catalogue (delete, retype, duplicate,
//!   rename, move), so the checks reach the cross-reference validation and not only the JSON syntax.
//! * `check_overlay`: `overlay::load` (an organisation's file on the built-in catalogue) never panics; every
//!   error is located (line and column for syntax and shape, a JSON path for content); at most `MAX_ERRORS`
//!   and a count are reported; a catalogue that loads runs the engine, and its cards link only to http(s)
//!   addresses or their own catalogue anchors. `edited_overlay` edits the example organisation file
//!   structurally, as `edited_catalog` does the catalogue.
//!
//! A violated check panics with the input's shape, which libFuzzer records as a crash.
#![allow(dead_code)]

use std::sync::OnceLock;
use strata_core::catalog::overlay::{self, OverlayError, OverlayErrorKind, MAX_ERRORS};
use strata_core::catalog::{Catalog, CatalogError};
use strata_core::decision::{Decision, Service};
use strata_core::json::Value;
use strata_core::permalink;

/// The catalogue shipped with the app (the same file `Catalog::builtin` embeds).
pub const BUILTIN_JSON: &str = include_str!("../crates/core/src/catalog/catalog.json");

/// The example organisation file (docs/catalog/example-org.json).
pub const EXAMPLE_OVERLAY: &str = include_str!("../docs/catalog/example-org.json");

/// Real fragments: what the app writes, what the end-to-end tests open, and a few malformed ones.
pub const FRAGMENTS: &[&str] = &[
    "",
    "#",
    "#v=1&r=flexible-schema",
    "#r=acid,financial,no-data-loss",
    "#v=1&r=no-data-loss",
    "#r=social-feed,quantum-storage",
    "#r=acid&strata-crash-test",
    "#r=acid,financial,multi-region,local-writes,strong-consistency,schema-change",
    "v=1&embed&t=Payments%20platform&n=Ledger&r=acid,financial,no-data-loss&n2=Feed&r2=social-feed,high-write-throughput&c=backups,-dr-drill",
    "v=2&t=%E2%9C%93%20caf%C3%A9&r=acid&c=-",
    "r17=acid&n99=x&r1000=acid&r0=acid&r02=acid",
    "t=%ZZ%4&r=%2C%2C,%20,+&c=--x,-,%",
    "v=99999999999999999999&v=-1&v=&=&&&==&embed=no",
];

/// Decodes `text` as a URL fragment and checks what came out. Panics on a violation.
pub fn check_fragment(text: &str) {
    let catalog = Catalog::builtin();
    let first = permalink::decode(text, catalog);
    for notice in &first.notices {
        assert!(
            !notice.trim().is_empty(),
            "empty notice for fragment {text:?}"
        );
    }
    // Found by this fuzzer (2026-11-26), since fixed: an id made only of control characters (`r=%13`) was
    // named in the notice as “”.
    for id in &first.unknown {
        assert!(
            !id.trim().is_empty(),
            "an unknown requirement id displays as empty text ({:?}) for fragment {text:?}",
            first.unknown
        );
    }
    assert!(
        first.decision.services.len() <= strata_core::decision::MAX_SERVICES,
        "more than MAX_SERVICES services from fragment {text:?}"
    );
    let link = permalink::encode(&first.decision, first.embed);
    let second = permalink::decode(&link, catalog);
    let again = permalink::encode(&second.decision, second.embed);
    assert_eq!(
        link, again,
        "decode/encode is not stable for fragment {text:?}"
    );
    assert!(
        second.notices.is_empty() && second.unknown.is_empty(),
        "a link written by encode ({link:?}) decodes with notices {:?} / unknown {:?}",
        second.notices,
        second.unknown
    );
}

/// Loads `text` as a catalogue and checks the error, if any. Panics on a violation. Returns whether it loaded.
pub fn check_catalog(text: &str) -> bool {
    match Catalog::from_json(text) {
        Ok(catalog) => {
            // A catalogue that loads must be usable: every requirement and preset resolves, and the engine runs.
            for preset in &catalog.presets {
                let ticks = preset.requirements.iter().cloned().collect();
                let _ = strata_core::engine::recommend(&catalog, &ticks);
            }
            true
        }
        Err(error) => {
            let shown = error.to_string();
            if let Some(problem) = unlocated(&error) {
                panic!("catalogue error without a clear location ({problem}): {shown:?}");
            }
            false
        }
    }
}

/// Why a catalogue error does not say where the problem is, or `None` when it does.
pub fn unlocated(error: &CatalogError) -> Option<&'static str> {
    match error {
        CatalogError::Syntax {
            line,
            column,
            message,
        } => {
            if *line == 0 || *column == 0 {
                return Some("line or column is 0");
            }
            if message.trim().is_empty() {
                return Some("empty message");
            }
            let shown = error.to_string();
            if !shown.contains(&format!("line {line}, column {column}")) {
                return Some("line and column not displayed");
            }
            None
        }
        CatalogError::Invalid(message) => {
            if message.trim().is_empty() {
                return Some("empty message");
            }
            if names_a_place(message) || KNOWN_UNLOCATED.contains(&message.as_str()) {
                None
            } else {
                Some("names no path, field or entry")
            }
        }
    }
}

/// Messages tolerated although they name no place; empty since the fuzzer's find (an empty entry id named no
/// entry, 2026-11-26) was fixed.
const KNOWN_UNLOCATED: &[&str] = &[];

/// Whether an `Invalid` message locates its problem: a leading path (`a.b[2].c: `), a named field
/// (`missing field "x"`, `unknown field "x"`), a quoted id (`'x'`), a numbered entry (`rule 3`), or a
/// top-level section by name, or the document as a whole.
fn names_a_place(message: &str) -> bool {
    if let Some((head, _)) = message.split_once(": ") {
        // `rules[3] (acid → store/x): …` names its entry by path, then describes it.
        let head = head.split(" (").next().unwrap_or(head);
        let is_path = !head.is_empty()
            && head
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
        if is_path {
            return true;
        }
    }
    if ["missing field `", "unknown field `", "duplicate field `"]
        .iter()
        .any(|field| message.contains(field))
    {
        return true;
    }
    if message.matches('\'').count() >= 2 {
        return true;
    }
    const ENTRIES: &[&str] = &[
        "group ",
        "requirement ",
        "preset ",
        "rule ",
        "conflict ",
        "checklist ",
        "section ",
        "scoring.",
        "pattern ",
    ];
    let numbered = ENTRIES.iter().any(|entry| {
        message.match_indices(entry).any(|(i, m)| {
            message[i + m.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '\'' || c == '(')
        })
    });
    // The document itself is the place: its top-level shape, or its one list of groups.
    let whole_document = message.contains("expected struct Catalog");
    numbered || whole_document
}

/// Ticks that show a card for every store kind, with a primary store of either kind among the flips.
const EVERY_STORE: &[&str] = &[
    "acid",
    "flexible-schema",
    "key-value",
    "graph",
    "time-series",
    "full-text",
    "analytics",
    "blobs",
    "streaming",
];

/// Loads `bytes` as an organisation's overlay on the built-in catalogue and checks the outcome. Panics on a
/// violation. Returns whether it loaded.
pub fn check_overlay(bytes: &[u8]) -> bool {
    match overlay::load(Catalog::builtin(), bytes) {
        Ok(catalog) => {
            assert!(!catalog.label().trim().is_empty(), "an empty label");
            let ticks = EVERY_STORE.iter().map(|s| s.to_string()).collect();
            let rec = strata_core::engine::recommend(&catalog, &ticks);
            for card in rec.cards() {
                let html = strata_core::card_html::card_body(card, &catalog);
                for href in html.split("href=\"").skip(1) {
                    let safe = ["https://", "http://", "#"].iter().any(|p| {
                        href.get(..p.len())
                            .is_some_and(|h| h.eq_ignore_ascii_case(p))
                    });
                    assert!(safe, "a card links to {:?}", &href[..href.len().min(40)]);
                }
            }
            true
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "refused without a message");
            assert!(errors.len() <= MAX_ERRORS + 1, "{} messages", errors.len());
            for error in &errors {
                if let Some(problem) = overlay_unlocated(error) {
                    panic!("overlay error without a clear location ({problem}): {error:?}");
                }
            }
            false
        }
    }
}

/// Why an overlay error does not say where the problem is, or `None` when it does.
pub fn overlay_unlocated(error: &OverlayError) -> Option<&'static str> {
    if error.message.trim().is_empty() {
        return Some("empty message");
    }
    let shown = error.to_string();
    match (error.kind, error.position) {
        // The file as a whole is the place.
        (OverlayErrorKind::TooLarge, _) => None,
        (OverlayErrorKind::Syntax | OverlayErrorKind::Shape, None) => Some("no line and column"),
        (OverlayErrorKind::Syntax | OverlayErrorKind::Shape, Some((line, column))) => {
            if line == 0 || column == 0 {
                Some("line or column is 0")
            } else if !shown.contains(&format!("line {line}, column {column}")) {
                Some("line and column not displayed")
            } else {
                None
            }
        }
        (OverlayErrorKind::Content, _) => {
            let counted = error.path.is_empty() && error.message.starts_with("and ");
            if error.path.is_empty() && !counted {
                Some("no path")
            } else {
                None
            }
        }
    }
}

// ---- structural edits of the real catalogue ------------------------------------------------------------------

/// Reads fuzz bytes as a stream of choices; zeros once they run out.
pub struct Choices<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Choices { data, pos: 0 }
    }

    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        let v = u16::from_le_bytes([self.byte(), self.byte()]) as usize;
        v % n
    }

    pub fn done(&self) -> bool {
        self.pos >= self.data.len()
    }
}

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "2",
    "-0",
    "1.5",
    "1e3",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967296",
    "99999999999999999999999",
];

const WORDS: &[&str] = &[
    "",
    " ",
    "x",
    "primary-store",
    "store",
    "consistency",
    "consistency-level",
    "replication",
    "pattern",
    "migration",
    "pattern:",
    "pattern:nope",
    "service",
    "system",
    "relational",
    "document",
    "acid",
    "\u{0}",
    "é\u{2028}<\"\\",
    "adopt",
    "hold",
    "javascript:alert(1)",
    "https://",
    "2028-02-29",
];

/// The builtin catalogue after 1 to 4 edits chosen by `data`, written compactly or indented.
pub fn edited_catalog(data: &[u8]) -> String {
    static PARSED: OnceLock<(Value, Vec<String>)> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| parsed(&[BUILTIN_JSON]));
    edited(parsed, data)
}

/// The example organisation file after 1 to 4 edits chosen by `data`, written compactly or indented. Its
/// dictionary holds the catalogue's words too (store kinds, systems, requirement and option ids).
pub fn edited_overlay(data: &[u8]) -> String {
    static PARSED: OnceLock<(Value, Vec<String>)> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| parsed(&[EXAMPLE_OVERLAY, BUILTIN_JSON]));
    edited(parsed, data)
}

/// The first document as a tree, and the short strings of all of them as a dictionary.
fn parsed(documents: &[&str]) -> (Value, Vec<String>) {
    let trees: Vec<Value> = documents
        .iter()
        .map(|d| from_serde(serde_json::from_str(d).expect("a real document parses")))
        .collect();
    let mut dictionary = Vec::new();
    for tree in &trees {
        collect_strings(tree, &mut dictionary);
    }
    dictionary.sort();
    dictionary.dedup();
    (trees[0].clone(), dictionary)
}

fn edited((doc, dictionary): &(Value, Vec<String>), data: &[u8]) -> String {
    let mut doc = doc.clone();
    let mut choices = Choices::new(data);
    let edits = 1 + choices.below(4);
    for _ in 0..edits {
        let donor = pick(&doc, &mut choices).clone();
        edit(&mut doc, &mut choices, dictionary, &donor);
        if choices.done() {
            break;
        }
    }
    let mut text = if choices.byte().is_multiple_of(2) {
        doc.to_json()
    } else {
        doc.to_json_pretty()
    };
    // Now and then, damage the text too: cut it, or drop one character.
    match choices.byte() % 8 {
        0 if !text.is_empty() => {
            let mut at = choices.below(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.truncate(at);
        }
        1 if !text.is_empty() => {
            let mut at = choices.below(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.remove(at);
        }
        _ => {}
    }
    text
}

/// serde_json's tree as the writer's (`strata_core::json::Value`), whose objects are lists that edits can index.
fn from_serde(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => Value::Number(n.to_string()),
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => {
            Value::Array(items.into_iter().map(from_serde).collect())
        }
        serde_json::Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, from_serde(v))).collect())
        }
    }
}

fn collect_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.len() <= 40 => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        Value::Object(pairs) => pairs.iter().for_each(|(_, v)| collect_strings(v, out)),
        _ => {}
    }
}

/// Walks down from `v`, stopping at a node chosen by `choices`.
fn pick<'v>(v: &'v Value, choices: &mut Choices) -> &'v Value {
    let mut node = v;
    loop {
        let next = match node {
            Value::Array(items) if !items.is_empty() && !choices.byte().is_multiple_of(4) => {
                items.get(choices.below(items.len()))
            }
            Value::Object(pairs) if !pairs.is_empty() && !choices.byte().is_multiple_of(4) => {
                pairs.get(choices.below(pairs.len())).map(|(_, v)| v)
            }
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return node,
        }
    }
}

/// Applies one edit at a container chosen by walking down from `v`.
fn edit(v: &mut Value, choices: &mut Choices, dictionary: &[String], donor: &Value) {
    // Descend while the choices say so and the child is a container.
    let descend = match v {
        Value::Array(items) if !items.is_empty() && !choices.byte().is_multiple_of(3) => {
            let i = choices.below(items.len());
            matches!(items[i], Value::Array(_) | Value::Object(_)).then_some(i)
        }
        Value::Object(pairs) if !pairs.is_empty() && !choices.byte().is_multiple_of(3) => {
            let i = choices.below(pairs.len());
            matches!(pairs[i].1, Value::Array(_) | Value::Object(_)).then_some(i)
        }
        _ => None,
    };
    if let Some(i) = descend {
        match v {
            Value::Array(items) => return edit(&mut items[i], choices, dictionary, donor),
            Value::Object(pairs) => return edit(&mut pairs[i].1, choices, dictionary, donor),
            _ => {}
        }
    }
    let op = choices.byte() % 8;
    let replacement = |choices: &mut Choices| -> Value {
        match choices.byte() % 7 {
            0 => Value::Null,
            1 => Value::Bool(choices.byte().is_multiple_of(2)),
            2 => Value::Number(NUMBERS[choices.below(NUMBERS.len())].to_string()),
            3 => Value::String(WORDS[choices.below(WORDS.len())].to_string()),
            4 => Value::String(
                dictionary
                    .get(choices.below(dictionary.len()))
                    .cloned()
                    .unwrap_or_default(),
            ),
            5 => Value::Array(Vec::new()),
            _ => donor.clone(),
        }
    };
    match v {
        Value::Array(items) => {
            let len = items.len();
            match op {
                0 | 1 if len > 0 => {
                    items.remove(choices.below(len));
                }
                2 if len > 0 => {
                    let i = choices.below(len);
                    let copy = items[i].clone();
                    items.insert(choices.below(len + 1), copy);
                }
                3 => items.clear(),
                4 if len > 1 => {
                    let (a, b) = (choices.below(len), choices.below(len));
                    items.swap(a, b);
                }
                _ if len > 0 => {
                    let i = choices.below(len);
                    items[i] = replacement(choices);
                }
                _ => items.push(replacement(choices)),
            }
        }
        Value::Object(pairs) => {
            let len = pairs.len();
            match op {
                0 | 1 if len > 0 => {
                    pairs.remove(choices.below(len));
                }
                2 if len > 0 => {
                    // Rename a key: to another key of the same object (a duplicate), a dictionary word or junk.
                    let i = choices.below(len);
                    let key = match choices.byte() % 3 {
                        0 => pairs[choices.below(len)].0.clone(),
                        1 => WORDS[choices.below(WORDS.len())].to_string(),
                        _ => format!("{}_", pairs[i].0),
                    };
                    pairs[i].0 = key;
                }
                3 if len > 0 => {
                    let i = choices.below(len);
                    pairs[i].1 = Value::String(String::new());
                }
                _ if len > 0 => {
                    let i = choices.below(len);
                    pairs[i].1 = replacement(choices);
                }
                _ => pairs.push(("id".into(), replacement(choices))),
            }
        }
        other => *other = replacement(choices),
    }
}

// ---- plain byte mutations, for the smoke test ----------------------------------------------------------------

/// xorshift64*: deterministic, so a failing smoke run can be replayed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// Tokens worth splicing into fragments and JSON.
pub const TOKENS: &[&str] = &[
    "&",
    "=",
    ",",
    "%",
    "%2",
    "%FF",
    "%C3",
    "%E2%80",
    "+",
    "#",
    "-",
    "r",
    "r2=",
    "n16=",
    "r17=",
    "c=-",
    "v=1",
    "v=2",
    "t=",
    "embed",
    "\u{0}",
    "\u{7f}",
    "é",
    "\u{2028}",
    "\u{1F600}",
    "{",
    "}",
    "[",
    "]",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\uD800",
    "\\uDC00\\u0041",
    "null",
    "true",
    "-0",
    "1e999",
    "01",
    " ",
    "\n",
];

/// One to eight byte-level mutations of `seed`: flips, inserts, deletes, duplicated ranges, token splices.
pub fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let len = out.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let b = rng.next() as u8;
                out.insert(rng.below(len + 1), b);
            }
            2 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(16)).min(len);
                out.drain(start..end);
            }
            3 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(32)).min(len);
                let copy = out[start..end].to_vec();
                let at = rng.below(len + 1);
                out.splice(at..at, copy);
            }
            4 if len > 0 => out.truncate(rng.below(len)),
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = rng.below(len + 1);
                out.splice(at..at, token.iter().copied());
            }
        }
    }
    out
}

/// A decision with every part filled, for seeds.
pub fn full_decision() -> Decision {
    let mut decision = Decision {
        title: "Payments & feeds, 2026".into(),
        ..Decision::default()
    };
    decision.services[0].name = "Ledger".into();
    for id in ["acid", "financial", "no-data-loss"] {
        decision.services[0].requirements.insert(id.into());
    }
    let mut feed = Service {
        name: "Feed, with = and &".into(),
        ..Service::default()
    };
    feed.requirements.insert("social-feed".into());
    decision.services.push(feed);
    decision.checklist.insert("backups".into(), true);
    decision.checklist.insert("dr-drill".into(), false);
    decision
}
