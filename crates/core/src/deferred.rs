//! What the on-demand module (`extras/`) makes, behind `boundary::answer`: diagrams, exports and embed
//! snippets; and the catalogue browser's HTML, which the build prerenders into `index.html`.
//!
//! Exports take the decision as its link fragment (see `permalink`); diagrams a [`DiagramOf`]. Pure: no browser
//! dependency; tested natively.

mod catalogue;

use crate::boundary::{DiagramOf, Embed, Figure, SystemSection};
use crate::catalog::Catalog;
use crate::diagrams::{layout, render_svg, to_mermaid, Diagram, SvgMode};
use crate::engine::{recommend, Recommendation};
use crate::export;
use crate::permalink;

pub use catalogue::{catalogue_html, figure_slot, FIGURE_SLOT};

/// The decision a fragment holds and its recommendation.
fn decided(fragment: &str) -> (crate::decision::Decision, Recommendation<'static>) {
    let catalog = Catalog::builtin();
    let decision = permalink::decode(fragment, catalog).decision;
    let rec = recommend(catalog, decision.requirements());
    (decision, rec)
}

fn diagram(of: &DiagramOf) -> Diagram {
    match &of.system {
        Some(fragment) => {
            let catalog = Catalog::builtin();
            let decision = permalink::decode(fragment, catalog).decision;
            let advice = crate::system::advise(catalog, &decision);
            layout(of.diagram, &DiagramOf::system(&decision, &advice).input())
        }
        None => layout(of.diagram, &of.input()),
    }
}

/// Inline SVG (classes only, for the CSP-strict page) and its text version.
pub fn figure(of: &DiagramOf) -> Figure {
    let d = diagram(of);
    Figure {
        svg: render_svg(&d, SvgMode::Inline, &of.id_prefix()),
        text_version: d.text_alternative,
    }
}

/// A standalone `.svg` file (styles inlined).
pub fn svg_file(of: &DiagramOf) -> String {
    let d = diagram(of);
    render_svg(&d, SvgMode::Standalone, d.id.as_str())
}

/// Mermaid source.
pub fn mermaid(of: &DiagramOf) -> String {
    to_mermaid(&diagram(of))
}

pub fn adr_markdown(fragment: &str, link: &str) -> String {
    let (decision, rec) = decided(fragment);
    export::adr_markdown(Catalog::builtin(), &decision, &rec, link)
}

pub fn decision_json(fragment: &str) -> String {
    let (decision, rec) = decided(fragment);
    export::decision_json(Catalog::builtin(), &decision, &rec)
}

/// The embed dialog's snippets (iframe HTML, Confluence HTML macro, MediaWiki and Markdown links, in the order
/// of `SNIPPETS`) and what the host must allow.
pub fn embed(page_url: &str, fragment: &str, title: &str) -> Embed {
    use crate::export as e;
    let link = format!("{page_url}#{fragment}");
    Embed {
        texts: vec![
            e::iframe_snippet(page_url, fragment, title),
            e::confluence_snippet(page_url, fragment, title),
            e::mediawiki_link(&link, title),
            e::markdown_link(&link, title),
        ],
        host_steps_html: host_steps_html(),
    }
}

/// The system section of the decision a fragment holds: the system's pattern cards, then its own cards, and
/// the system checklist answered (the system diagram is asked for as a figure: `DiagramOf::system_of`).
pub fn system_section(fragment: &str) -> SystemSection {
    use crate::card_html::{card_body, card_head, system_card_body};
    use export::escape_html as esc;
    use std::fmt::Write;
    let catalog = Catalog::builtin();
    let decision = permalink::decode(fragment, catalog).decision;
    let advice = crate::system::advise(catalog, &decision);
    let mut cards = String::with_capacity(16 * 1024);
    let patterns = advice.patterns.iter().map(|c| {
        let kind = c.section.label();
        (c.choice, c.verdict, kind, c.title, card_body(c, catalog))
    });
    let own = (advice.cards.iter()).map(|c| {
        (
            c.kind.as_str(),
            c.verdict,
            "System",
            c.title.as_str(),
            system_card_body(c),
        )
    });
    for (i, (choice, verdict, kind, title, body)) in patterns.chain(own).enumerate() {
        let v = verdict.as_str();
        let title_id = format!("system-card-{i}");
        let _ = write!(
            cards,
            "<article class=\"card\" aria-labelledby=\"{title_id}\" data-rec=\"system\" \
             data-choice=\"{choice}\" data-verdict=\"{v}\">"
        );
        card_head(&mut cards, kind, &title_id, title, v, verdict.label());
        cards.push_str(&body);
        cards.push_str("</article>");
    }
    let mut checklist = String::from(
        "<section class=\"checklist panel\" aria-labelledby=\"system-checklist-title\">\
         <h3 id=\"system-checklist-title\">For the system, answered from your services</h3>\
         <dl class=\"system-checklist\">",
    );
    for c in &advice.checklist {
        let answer = c
            .answer
            .as_deref()
            .unwrap_or("Not settled by the services yet.");
        let _ = write!(
            checklist,
            "<dt>{}</dt><dd>{}</dd>",
            esc(&c.question),
            esc(answer)
        );
    }
    checklist.push_str("</dl></section>");
    SystemSection {
        cards_html: cards,
        checklist_html: checklist,
    }
}

/// What a host and the iframe must do for the embed to work (the same list docs/HOSTING.md shows), as HTML.
fn host_steps_html() -> String {
    let mut html = String::from("<h3>What the host and each wiki need, step by step</h3>");
    for place in export::host_requirements() {
        html.push_str("<h4>");
        html.push_str(&export::escape_html(place.heading));
        html.push_str("</h4><ol class=\"host-steps\">");
        for step in place.steps {
            html.push_str("<li>");
            html.push_str(&export::escape_html(step));
            html.push_str("</li>");
        }
        html.push_str("</ol>");
    }
    html
}
