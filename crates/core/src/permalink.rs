//! The URL fragment: the whole decision as human-readable, versioned text.
//!
//! Format (public: wiki links depend on it): `#v=1&t=<title>&r=<id>,<id>&c=<id>,-<id>&embed`.
//! `r`/`n` hold the first service's ticks and name, `r2`/`n2` the second's, and so on; `o`/`o2`… the entities
//! a service owns and `u`/`u2`… those it uses (reads) from others, comma-separated; `s` the number of services
//! when the last ones are empty (so they survive the link); `c` lists checklist items the
//! user ticked (`id`) or unticked (`-id`); `catalog` the address of an organisation catalogue (same origin as
//! the page; the app fetches it); `embed` drops the page chrome. Keys are order-free, unknown keys are
//! ignored so links made by newer versions still open. No `v` means version 1.
//! Pure: no browser dependency. Decoding never fails: whatever cannot be used is reported as a notice.

use crate::catalog::Catalog;
use crate::decision::{
    clean_name, Decision, Service, MAX_ADDRESS_BYTES, MAX_ENTITIES, MAX_SERVICES,
};
use std::fmt::Write;

/// The link format this build writes.
pub const VERSION: u32 = 1;
const _: () = assert!(
    VERSION == 1,
    "encode writes `v=1`: update it with the version"
);
/// Longest fragment decoded; longer input is cut, with a notice.
const MAX_FRAGMENT: usize = 16 * 1024;

/// What a fragment restores.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    pub decision: Decision,
    pub embed: bool,
    /// True when the fragment said anything about a decision (so it wins over a stored one).
    pub has_decision: bool,
    /// Requirement ids the catalogue does not know, ignored.
    pub unknown: Vec<String>,
    /// Plain-language notes on anything else that was ignored.
    pub notices: Vec<String>,
}

/// Reads a fragment (with or without the leading `#`). Never panics; ignores what it cannot use.
pub fn decode(fragment: &str, catalog: &Catalog) -> Decoded {
    let mut out = Decoded::default();
    let mut raw = fragment.strip_prefix('#').unwrap_or(fragment);
    if raw.len() > MAX_FRAGMENT {
        raw = floor_char_boundary(raw, MAX_FRAGMENT);
        out.notices
            .push("The link was too long; only its first part was read.".into());
    }
    for pair in raw.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        apply_pair(&mut out, key, &percent_decode(value), catalog);
    }
    out
}

fn apply_pair(out: &mut Decoded, key: &str, value: &str, catalog: &Catalog) {
    match key {
        "embed" => out.embed = true,
        "v" => match value.parse::<u32>() {
            Ok(v) if v <= VERSION => {}
            _ => out.notices.push(format!(
                "This link was made by a newer version of Strata (format {value}); parts of it may be ignored."
            )),
        },
        "t" => {
            out.decision.title = clean_name(value);
            out.has_decision = true;
        }
        "s" => {
            let count = value.parse::<usize>().unwrap_or(0).min(MAX_SERVICES);
            let services = &mut out.decision.services;
            while services.len() < count {
                services.push(Service::default());
            }
            out.has_decision = true;
        }
        "catalog" => {
            out.decision.catalogue = value.trim().to_string();
            if out.decision.catalogue.len() > MAX_ADDRESS_BYTES || value.chars().any(char::is_control) {
                out.decision.catalogue.clear();
                out.notices.push(
                    "The link names an organisation catalogue at an address that cannot be one (too long, or with control characters); the built-in catalogue is used.".into(),
                );
            }
            out.has_decision = true;
        }
        "c" => {
            for item in list(value) {
                let (id, ticked) = item.strip_prefix('-').map_or((item, true), |id| (id, false));
                out.decision.checklist.insert(id.to_string(), ticked);
            }
            out.has_decision = true;
        }
        _ => apply_service_pair(out, key, value, catalog),
    }
}

/// `r`, `n`, `r2`, `n2`, …: the ticks and name of service 1, 2, ….
fn apply_service_pair(out: &mut Decoded, key: &str, value: &str, catalog: &Catalog) {
    let Some((field, index)) = service_key(key) else {
        return;
    };
    if index >= MAX_SERVICES {
        let notice =
            format!("Only {MAX_SERVICES} services fit in a decision; the rest were ignored.");
        if !out.notices.contains(&notice) {
            out.notices.push(notice);
        }
        return;
    }
    let services = &mut out.decision.services;
    while services.len() <= index {
        services.push(Service::default());
    }
    let service = &mut services[index];
    out.has_decision = true;
    match field {
        'n' => {
            service.name = clean_name(value);
            return;
        }
        'o' | 'u' => {
            let list = if field == 'o' {
                &mut service.owns
            } else {
                &mut service.reads
            };
            let left_out = Service::add_entities(list, value);
            let notice = format!("A service lists at most {MAX_ENTITIES} entities it owns and {MAX_ENTITIES} it uses; the rest were ignored.");
            if left_out > 0 && !out.notices.contains(&notice) {
                out.notices.push(notice);
            }
            return;
        }
        _ => {}
    }
    for id in list(value) {
        if catalog.requirement(id).is_some() {
            service.requirements.insert(id.to_string());
        } else {
            // Shown in a notice: an id that is nothing but control characters is not worth naming.
            let shown = clean_name(id);
            if !shown.is_empty() && !out.unknown.contains(&shown) {
                out.unknown.push(shown);
            }
        }
    }
}

fn service_key(key: &str) -> Option<(char, usize)> {
    let mut chars = key.chars();
    let field = chars
        .next()
        .filter(|c| matches!(c, 'r' | 'n' | 'o' | 'u'))?;
    let rest = chars.as_str();
    if rest.is_empty() {
        return Some((field, 0));
    }
    let n: usize = rest.parse().ok().filter(|n| (2..=999).contains(n))?;
    Some((field, n - 1))
}

fn list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// Writes the fragment (without `#`) for a decision. Empty parts are left out; ids are sorted.
// Written into one string (no parts joined): the app calls this on every change, and it ships in its wasm.
pub fn encode(decision: &Decision, embed: bool) -> String {
    // The version as a literal (checked at compile time below).
    let mut out = String::from("v=1");
    if embed {
        out.push_str("&embed");
    }
    if !decision.title.is_empty() {
        out.push_str("&t=");
        push_encoded(&mut out, &decision.title);
    }
    // Services after the last one with content would not otherwise appear in the link.
    let last_with_content = decision
        .services
        .iter()
        .rposition(|s| *s != Service::default());
    if decision.services.len() > last_with_content.map_or(1, |i| i + 1) {
        let _ = write!(out, "&s={}", decision.services.len());
    }
    for (i, service) in decision.services.iter().enumerate() {
        let key = |out: &mut String, key: char| {
            out.push('&');
            out.push(key);
            if i > 0 {
                let _ = write!(out, "{}", i + 1);
            }
            out.push('=');
        };
        if !service.name.is_empty() {
            key(&mut out, 'n');
            push_encoded(&mut out, &service.name);
        }
        if !service.requirements.is_empty() {
            key(&mut out, 'r');
            push_list(&mut out, service.requirements.iter().map(String::as_str));
        }
        for (field, list) in [('o', &service.owns), ('u', &service.reads)] {
            if !list.is_empty() {
                key(&mut out, field);
                push_list(&mut out, list.iter().map(String::as_str));
            }
        }
    }
    if !decision.catalogue.is_empty() {
        out.push_str("&catalog=");
        push_encoded(&mut out, &decision.catalogue);
    }
    if !decision.checklist.is_empty() {
        out.push_str("&c=");
        for (n, (id, ticked)) in decision.checklist.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            if !*ticked {
                out.push('-');
            }
            push_encoded(&mut out, id);
        }
    }
    out
}

/// Appends the items percent-encoded, comma-separated.
fn push_list<'a>(out: &mut String, items: impl Iterator<Item = &'a str>) {
    for (n, item) in items.enumerate() {
        if n > 0 {
            out.push(',');
        }
        push_encoded(out, item);
    }
}

/// Percent-encodes everything but unreserved characters, so `&`, `=`, `,` and `#` never break the format.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_encoded(&mut out, text);
    out
}

fn push_encoded(out: &mut String, text: &str) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 15)] as char);
        }
    }
}

/// Decodes `%XX` escapes (and `+` as space); malformed escapes are kept as typed, invalid UTF-8 replaced.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// The longest start of `s` of at most `i` bytes that ends on a character boundary (`get`, not `&s[..i]`, which
/// would bring core's message for a bad slice into the app).
fn floor_char_boundary(s: &str, mut i: usize) -> &str {
    loop {
        if let Some(head) = s.get(..i) {
            return head;
        }
        i -= 1;
    }
}
