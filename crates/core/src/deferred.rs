//! What the on-demand module (`extras/`) makes, behind `boundary::answer`: diagrams, exports and embed
//! snippets; and the catalogue browser's HTML, which the build prerenders into `index.html`.
//!
//! Exports take the decision as its link fragment (see `permalink`); diagrams a [`DiagramOf`]. Pure: no browser
//! dependency; tested natively.

mod catalogue;

use crate::boundary::{DiagramOf, Embed, Figure, HostSteps, Snippet};
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
    layout(of.diagram, &of.input())
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

/// The embed dialog's snippets (iframe HTML, Confluence HTML macro, MediaWiki and Markdown links) and what
/// the host must allow.
pub fn embed(page_url: &str, fragment: &str, title: &str) -> Embed {
    use crate::export as e;
    let link = format!("{page_url}#{fragment}");
    let snippet = |id: &str, label: &str, text: String| Snippet {
        id: id.into(),
        label: label.into(),
        text,
    };
    Embed {
        snippets: vec![
            snippet(
                "embed-iframe",
                "HTML (iframe)",
                e::iframe_snippet(page_url, fragment, title),
            ),
            snippet(
                "embed-confluence",
                "Confluence (HTML macro)",
                e::confluence_snippet(page_url, fragment, title),
            ),
            snippet(
                "embed-mediawiki",
                "MediaWiki link",
                e::mediawiki_link(&link, title),
            ),
            snippet(
                "embed-markdown",
                "Markdown link (GitHub wiki)",
                e::markdown_link(&link, title),
            ),
        ],
        host_steps: host_steps(),
    }
}

/// What a host and the iframe must do for the embed to work (the same list docs/HOSTING.md shows).
fn host_steps() -> Vec<HostSteps> {
    export::host_requirements()
        .iter()
        .map(|h| HostSteps {
            heading: h.heading.into(),
            steps: h.steps.iter().map(|s| s.to_string()).collect(),
        })
        .collect()
}
