//! What the on-demand module (`extras/`) makes, behind `boundary::answer`: diagrams, exports and embed
//! snippets; and the catalogue browser's HTML, which the build prerenders into `index.html`.
//!
//! Exports take the decision as its link fragment (see `permalink`); diagrams a [`DiagramOf`]. Answers about a
//! decision are made with the catalogue in use: the built-in one, or the organisation's the app handed over
//! (`use_catalogue`), which this module keeps for the page's life. Pure otherwise: no browser dependency;
//! tested natively.

mod catalogue;

use crate::advice::Advice;
use crate::boundary::{CatalogueInfo, DiagramOf, Embed, Figure, SystemSection};
use crate::catalog::Catalog;
use crate::diagrams::{layout, render_svg, to_mermaid, Diagram, SvgMode};
use crate::engine::{recommend, Recommendation};
use crate::export;
use crate::permalink;
use std::cell::RefCell;
use std::rc::Rc;

pub use catalogue::{catalogue_html, figure_slot, FIGURE_SLOT};

thread_local! {
    /// The organisation's catalogue the answers are made with (`use_catalogue`); none: the built-in one.
    static ORGANISATION: RefCell<Option<Rc<Catalog>>> = const { RefCell::new(None) };
}

/// Runs `f` with the catalogue in use: an organisation's, once one was accepted, else the built-in one.
fn with_catalog<R>(f: impl FnOnce(&Catalog) -> R) -> R {
    match ORGANISATION.with(|o| o.borrow().clone()) {
        Some(organisation) => f(&organisation),
        None => f(Catalog::builtin()),
    }
}

/// Makes every answer from now on with the organisation catalogue `json` (an overlay, docs/CATALOG.md) applied
/// to the built-in one, or with the built-in one again when `json` is empty. A file that does not apply changes
/// nothing: the answer is then every problem found, each naming its place in the file.
#[cfg(feature = "json")]
pub fn use_catalogue(json: &str) -> Result<CatalogueInfo, Vec<String>> {
    if json.is_empty() {
        ORGANISATION.with(|o| *o.borrow_mut() = None);
        return Ok(info(Catalog::builtin()));
    }
    let catalog = crate::catalog::overlay::load(Catalog::builtin(), json.as_bytes())
        .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let shown = info(&catalog);
    ORGANISATION.with(|o| *o.borrow_mut() = Some(Rc::new(catalog)));
    Ok(shown)
}

/// Without the JSON reader (the app's own build, which asks the module and never answers) nothing is read.
#[cfg(not(feature = "json"))]
pub fn use_catalogue(_json: &str) -> Result<CatalogueInfo, Vec<String>> {
    Err(vec![
        "This build of Strata reads no organisation catalogues.".into(),
    ])
}

/// What the page says of a catalogue: its label, and the organisation's notes and links.
#[cfg(feature = "json")]
fn info(catalog: &Catalog) -> CatalogueInfo {
    use export::escape_html as esc;
    let mut about = String::new();
    if let Some(org) = &catalog.organisation {
        for note in &org.notes {
            about.push_str("<p>");
            about.push_str(&esc(note));
            about.push_str("</p>");
        }
        if !org.links.is_empty() {
            about.push_str("<ul class=\"org-links\">");
            for link in &org.links {
                // The overlay's checks let only http and https addresses through.
                about.push_str("<li><a href=\"");
                about.push_str(&esc(&link.url));
                about.push_str("\" target=\"_blank\" rel=\"noopener\">");
                about.push_str(&esc(&link.title));
                about.push_str("</a></li>");
            }
            about.push_str("</ul>");
        }
    }
    CatalogueInfo {
        label: catalog.label(),
        organisation: catalog.organisation.is_some(),
        about_html: about,
    }
}

/// The advice for service `service` of the decision a fragment holds, as the page shows it, with the
/// catalogue in use, and every service's headline when there are several.
pub fn advice(fragment: &str, service: usize) -> Advice {
    with_catalog(|catalog| {
        let decision = permalink::decode(fragment, catalog).decision;
        let selected = service.min(decision.services.len().saturating_sub(1));
        let reqs = |i: usize| &decision.services[i].requirements;
        let mut advice = Advice::of(
            catalog,
            &decision,
            selected,
            &recommend(catalog, reqs(selected)),
        );
        if decision.services.len() > 1 {
            advice.headlines = (0..decision.services.len())
                .map(|i| crate::system::headline(&recommend(catalog, reqs(i))))
                .collect();
        }
        advice
    })
}

/// The decision a fragment holds and its recommendation from `catalog`.
fn decided<'c>(
    catalog: &'c Catalog,
    fragment: &str,
) -> (crate::decision::Decision, Recommendation<'c>) {
    let decision = permalink::decode(fragment, catalog).decision;
    let rec = recommend(catalog, decision.requirements());
    (decision, rec)
}

fn diagram(of: &DiagramOf) -> Diagram {
    match &of.system {
        Some(fragment) => with_catalog(|catalog| {
            let decision = permalink::decode(fragment, catalog).decision;
            let advice = crate::system::advise(catalog, &decision);
            layout(of.diagram, &DiagramOf::system(&decision, &advice).input())
        }),
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
    with_catalog(|catalog| {
        let (decision, rec) = decided(catalog, fragment);
        export::adr_markdown(catalog, &decision, &rec, link)
    })
}

pub fn decision_json(fragment: &str) -> String {
    with_catalog(|catalog| {
        let (decision, rec) = decided(catalog, fragment);
        export::decision_json(catalog, &decision, &rec)
    })
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

/// Every service's cards but service `except`'s (the page shows those), for a printout of the whole decision.
pub fn printed_services(fragment: &str, except: usize) -> String {
    with_catalog(|catalog| {
        let decision = permalink::decode(fragment, catalog).decision;
        let advice = crate::system::advise(catalog, &decision);
        let others = advice
            .services
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != except);
        others
            .map(|(i, view)| crate::advice::printed(catalog, &decision, i, view))
            .collect()
    })
}

/// The system section of the decision a fragment holds: the system's pattern cards, then its own cards, and
/// the system checklist answered (the system diagram is asked for as a figure: `DiagramOf::system_of`).
pub fn system_section(fragment: &str) -> SystemSection {
    with_catalog(|catalog| system_section_with(catalog, fragment))
}

fn system_section_with(catalog: &Catalog, fragment: &str) -> SystemSection {
    use crate::card_html::{card_body, card_head, system_card_body};
    use export::escape_html as esc;
    use std::fmt::Write;
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
