//! A verdict card's body as HTML: summary, examples, steps, the reasons, trade-offs, what would change it, and
//! the link to its catalogue entry. Written as text rather than Yew elements because it is static per card and
//! text costs far fewer bytes of wasm. Pure; every piece of text is escaped here.

use crate::engine::{Card, Reason, Section};
use crate::export::escape_html as esc;
use std::fmt::Write;

pub fn card_body(card: &Card) -> String {
    let mut o = String::with_capacity(2048);
    o.push_str("<div class=\"card-body\">");
    let _ = write!(o, "<p class=\"summary\">{}</p>", esc(&card.summary));
    if !card.examples.is_empty() {
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
    if card.reasons_for.is_empty() && card.reasons_against.is_empty() {
        o.push_str("<p class=\"reasons none\">No ticked requirement decides this yet: this is the default.</p>");
    }
    list(
        &mut o,
        "Because you ticked",
        "ul class=\"reasons-for\"",
        card.reasons_for.iter().map(reason),
    );
    list(
        &mut o,
        "Pulling the other way",
        "ul class=\"reasons-against\"",
        card.reasons_against.iter().map(reason),
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
                esc(&c.label),
                esc(&c.becomes_title)
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

fn reason(r: &Reason) -> String {
    format!("<strong>{}</strong>: {}", esc(&r.label), esc(&r.why))
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
