//! A verdict card's body as HTML: summary, examples (for stores: each system with its status, managed services,
//! notes and links), steps, the reasons, trade-offs, what would change it, and the link to its catalogue entry. Written as text rather than Yew elements because it is static per card and
//! text costs far fewer bytes of wasm. Pure; every piece of text is escaped here.

use crate::catalog::is_web_url;
use crate::engine::{Card, Change, Quorum, Reason, Section, SystemView};
use crate::export::escape_html as esc;
use std::fmt::Write;

pub fn card_body(card: &Card) -> String {
    let mut o = String::with_capacity(2048);
    o.push_str("<div class=\"card-body\">");
    let _ = write!(o, "<p class=\"summary\">{}</p>", esc(card.summary));
    if card.systems.iter().any(has_details) {
        list(
            &mut o,
            "Example systems",
            "ul class=\"systems\"",
            card.systems.iter().map(system),
        );
    } else if !card.examples.is_empty() {
        let _ = write!(
            o,
            "<p class=\"examples\"><strong>Examples: </strong>{}</p>",
            esc(&card.examples.join(", "))
        );
    }
    if !card.steps.is_empty() {
        let heading = if card.section == Section::Migration && card.choice == "parallel-run" {
            "Steps"
        } else {
            "Phases"
        };
        list(
            &mut o,
            heading,
            "ol class=\"steps\"",
            card.steps.iter().map(|s| esc(s)),
        );
    }
    if !card.is_assessed() {
        o.push_str("<p class=\"reasons none\">No ticked requirement decides this yet: this is the default.</p>");
    }
    if let Some(cc) = &card.close_call {
        close_call(&mut o, cc.rival_title, cc.margin, &cc.deciders);
    }
    if !card.resolution.is_empty() {
        let _ = write!(
            o,
            "<h4>Way out</h4><p class=\"resolution\">{}</p>",
            esc(card.resolution)
        );
    }
    list(
        &mut o,
        "Because you ticked",
        "ul class=\"reasons-for\"",
        grouped(&card.reasons_for).into_iter(),
    );
    list(
        &mut o,
        "Pulling the other way",
        "ul class=\"reasons-against\"",
        grouped(&card.reasons_against).into_iter(),
    );
    if let Some(q) = &card.quorum {
        quorum(&mut o, q);
    }
    list(
        &mut o,
        "Notes",
        "ul class=\"notes\"",
        card.notes.iter().map(|n| esc(n)),
    );
    list(
        &mut o,
        "Trade-offs",
        "ul",
        card.trade_offs.iter().map(|t| esc(t)),
    );
    if card.would_change.is_empty() {
        o.push_str("<h4>What would change it</h4><p class=\"would-change none\">No single tick or untick would change this.</p>");
    } else {
        let changes = card.would_change.iter().map(|c| {
            format!(
                "{} <strong>{}</strong> \u{2192} {}",
                c.toggle.label(),
                esc(c.label),
                esc(c.becomes_title)
            )
        });
        list(
            &mut o,
            "What would change it",
            "ul class=\"would-change\"",
            changes,
        );
    }
    if !card.catalog_ref.is_empty() {
        let target = esc(&card.catalog_ref);
        // `data-reveal`: the app scrolls there itself, so the fragment (the decision) stays as it is.
        let _ = write!(o, "<p class=\"card-foot\"><a href=\"#{target}\" data-reveal=\"{target}\">Read more in the catalogue</a></p>");
    }
    o.push_str("</div>");
    o
}

fn has_details(s: &SystemView) -> bool {
    s.status.is_some() || !s.managed.is_unstated() || !s.notes.is_empty() || !s.links.is_empty()
}

/// One system: its name and status badge, then its managed services per cloud ("none" where a cloud has
/// none), notes and links. A link whose address is not http or https (impossible in a validated catalogue)
/// is shown as its title alone.
fn system(s: &SystemView) -> String {
    let mut o = format!("<strong>{}</strong>", esc(s.name));
    if let Some(status) = s.status {
        let _ = write!(
            o,
            " <span class=\"badge status {}\">{}</span>",
            status.as_str(),
            status.label()
        );
    }
    let mut lead = "<div class=\"managed\">Managed: ";
    for (_, cloud, services) in s.managed.clouds() {
        let Some(services) = services else { continue };
        let named = if services.is_empty() {
            "none".to_string()
        } else {
            esc(&services.join(", "))
        };
        let _ = write!(o, "{lead}{cloud}: {named}");
        lead = "; ";
    }
    if !s.managed.is_unstated() {
        o.push_str("</div>");
    }
    for note in s.notes {
        let _ = write!(o, "<div class=\"system-note\">{}</div>", esc(note));
    }
    let mut lead = "<div class=\"system-links\">";
    for link in s.links {
        o.push_str(lead);
        if is_web_url(&link.url) {
            let _ = write!(
                o,
                "<a href=\"{}\" target=\"_blank\" rel=\"noopener\">{}</a>",
                esc(&link.url),
                esc(&link.title)
            );
        } else {
            let _ = write!(o, "{}", esc(&link.title));
        }
        lead = ", ";
    }
    if !s.links.is_empty() {
        o.push_str("</div>");
    }
    o
}

/// Reasons as list items; ticks that share a sentence share an item ("**A**, **B**: why").
fn grouped(reasons: &[Reason]) -> Vec<String> {
    let mut items: Vec<(Vec<&str>, &str)> = Vec::new();
    for r in reasons {
        match items.iter_mut().find(|(_, why)| *why == r.why) {
            Some((labels, _)) => labels.push(r.label),
            None => items.push((vec![&r.label], &r.why)),
        }
    }
    items
        .into_iter()
        .map(|(labels, why)| {
            let names: Vec<String> = labels
                .iter()
                .map(|l| format!("<strong>{}</strong>", esc(l)))
                .collect();
            if why.is_empty() {
                names.join(", ")
            } else {
                format!("{}: {}", names.join(", "), esc(why))
            }
        })
        .collect()
}

fn close_call(o: &mut String, rival: &str, margin: u32, deciders: &[Change]) {
    let how = if margin == 0 {
        "tied with it; the catalogue's default decided".to_string()
    } else {
        format!("came within {margin}")
    };
    let _ = write!(
        o,
        "<p class=\"close-call\"><strong>Close call:</strong> {} {how}.",
        esc(rival)
    );
    if !deciders.is_empty() {
        let by: Vec<String> = deciders
            .iter()
            .map(|d| format!("{} <strong>{}</strong>", d.toggle.label(), esc(d.label)))
            .collect();
        let _ = write!(o, " Deciding it: {}.", by.join(", or "));
    }
    o.push_str("</p>");
}

/// The replica arithmetic as a definition list.
fn quorum(o: &mut String, q: &Quorum) {
    let (n, w) = (q.copies, q.write);
    let scope = if q.local { " in each region" } else { "" };
    o.push_str("<h4>The arithmetic</h4><dl class=\"quorum\">");
    let _ = write!(o, "<dt>N = {n}</dt><dd>copies of each record{scope}");
    if q.regions > 1 {
        let _ = write!(o, ", in {} regions", q.regions);
    }
    let _ = write!(
        o,
        "</dd><dt>W = {w}</dt><dd>copies that have a write before it is confirmed; writes go on with {} cop{} down</dd>",
        q.writes_survive(),
        if q.writes_survive() == 1 { "y" } else { "ies" }
    );
    match q.read {
        None => o.push_str("<dt>R</dt><dd>reads go to the primary, which holds every confirmed write; if it fails, a replica takes over</dd>"),
        Some(r) => {
            let _ = write!(
                o,
                "<dt>R = {r}</dt><dd>copies a read asks; reads go on with {} cop{} down</dd>",
                n - r,
                if n - r == 1 { "y" } else { "ies" }
            );
        }
    }
    let latest = match (q.read, q.reads_see_latest()) {
        (None, _) => "yes, at the primary".to_string(),
        (Some(r), true) => format!("yes: R + W = {} &gt; N = {n}", r + w),
        (Some(r), false) => format!(
            "no: R + W = {} is not more than N = {n}, so a read may miss it",
            r + w
        ),
    };
    let _ = write!(o, "<dt>Reads see the latest write</dt><dd>{latest}");
    if q.regions > 1 && q.reads_see_latest() {
        o.push_str(if q.across_regions() {
            ", in every region (at a cross-region round trip)"
        } else {
            ", within a region; other regions see it once it has replicated"
        });
    }
    let durable = if q.survives_primary_loss() {
        "yes"
    } else {
        "no: a failover can lose the last confirmed writes"
    };
    let _ = write!(
        o,
        "</dd><dt>A confirmed write survives losing a copy</dt><dd>{durable}</dd></dl>"
    );
}

/// A heading and a list of already-escaped items; nothing when there are no items.
fn list(o: &mut String, heading: &str, open: &str, items: impl Iterator<Item = String>) {
    let mut items = items.peekable();
    if items.peek().is_none() {
        return;
    }
    let _ = write!(o, "<h4>{heading}</h4><{open}>");
    for item in items {
        let _ = write!(o, "<li>{item}</li>");
    }
    let tag = open.split(' ').next().unwrap_or("ul");
    let _ = write!(o, "</{tag}>");
}

/// A system card's body (see `system`): summary, the way out for a problem, why, the seed's trade-offs, and the
/// link to the catalogue entry. Same markup and classes as a verdict card's body.
pub fn system_card_body(card: &crate::system::SystemCard) -> String {
    let mut o = String::with_capacity(1024);
    o.push_str("<div class=\"card-body\">");
    let _ = write!(o, "<p class=\"summary\">{}</p>", esc(&card.summary));
    if !card.resolution.is_empty() {
        let _ = write!(
            o,
            "<h4>Way out</h4><p class=\"resolution\">{}</p>",
            esc(&card.resolution)
        );
    }
    list(
        &mut o,
        "Why",
        "ul class=\"reasons-for\"",
        card.because.iter().map(|b| esc(b)),
    );
    list(
        &mut o,
        "Trade-offs",
        "ul",
        card.trade_offs.iter().map(|t| esc(t)),
    );
    let target = card.catalog_ref;
    let _ = write!(o, "<p class=\"card-foot\"><a href=\"#{target}\" data-reveal=\"{target}\">Read more in the catalogue</a></p>");
    o.push_str("</div>");
    o
}
