//! What the second wasm module (`extras/`) serves on demand: diagrams, exports and the catalogue browser.
//!
//! Each function takes the decision as its link fragment (see `permalink`), so the app and the on-demand module
//! exchange plain strings. Pure: no browser dependency; tested natively.

mod catalogue;

use crate::catalog::Catalog;
use crate::diagrams::{layout, render_svg, to_mermaid, Diagram, DiagramId, DiagramInput, SvgMode};
use crate::engine::{recommend, Recommendation};
use crate::export::{self, escape_html};
use crate::permalink;

pub use catalogue::catalogue_html;

/// The decision a fragment holds, its recommendation, and what its diagrams are drawn from.
fn decided(fragment: &str) -> (crate::decision::Decision, Recommendation, DiagramInput) {
    let catalog = Catalog::builtin();
    let decision = permalink::decode(fragment, catalog).decision;
    let rec = recommend(catalog, decision.requirements());
    let input = export::diagram_input(&decision, &rec);
    (decision, rec, input)
}

/// The diagram named by `diagram` (a diagram id or an engine choice id) drawn from the decision.
fn diagram(fragment: &str, diagram: &str) -> Option<Diagram> {
    let id = DiagramId::parse(diagram).or_else(|| crate::diagrams::diagram_for_choice(diagram))?;
    let input = if fragment.is_empty() {
        DiagramInput::default()
    } else {
        decided(fragment).2
    };
    Some(layout(id, &input))
}

/// Inline SVG (classes only, for the CSP-strict page) and its text version, as HTML; empty for an unknown id.
pub fn diagram_figure(fragment: &str, id: &str, id_prefix: &str) -> String {
    let Some(d) = diagram(fragment, id) else {
        return String::new();
    };
    let mut html = String::with_capacity(8 * 1024);
    html.push_str("<div class=\"diagram-svg\">");
    html.push_str(&render_svg(&d, SvgMode::Inline, id_prefix));
    html.push_str("</div><details><summary>Text version</summary><ol>");
    for sentence in &d.text_alternative {
        html.push_str("<li>");
        html.push_str(&escape_html(sentence));
        html.push_str("</li>");
    }
    html.push_str("</ol></details>");
    html
}

/// A standalone `.svg` file (styles inlined); empty for an unknown id.
pub fn diagram_svg(fragment: &str, id: &str) -> String {
    diagram(fragment, id).map_or_else(String::new, |d| {
        render_svg(&d, SvgMode::Standalone, d.id.as_str())
    })
}

/// Mermaid source; empty for an unknown id.
pub fn diagram_mermaid(fragment: &str, id: &str) -> String {
    diagram(fragment, id).map_or_else(String::new, |d| to_mermaid(&d))
}

pub fn adr_markdown(fragment: &str, link: &str) -> String {
    let (decision, rec, _) = decided(fragment);
    export::adr_markdown(Catalog::builtin(), &decision, &rec, link)
}

pub fn decision_json(fragment: &str) -> String {
    let (decision, rec, _) = decided(fragment);
    export::decision_json(Catalog::builtin(), &decision, &rec)
}
